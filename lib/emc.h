/* emc.h: the userspace datapath's exact-match cache, in front of dpcls.
 *
 * The problem.  Most packets belong to a few busy connections.  For them
 * even one dpcls subtable probe (a masked hash over the key) is more work
 * than needed: a cache keyed by the packet's whole key answers with one
 * hash-indexed probe, using the key hash the datapath computed anyway.
 *
 * The data structure.  A fixed array of EMC_ENTRIES entries, each holding
 * a full key and the megaflow (struct dpcls_rule) it matched.  A key may
 * live in two places: the entry its hash selects and the one the hash's
 * next EMC_SHIFT bits select (2-way set associativity, so that two busy
 * flows that collide in one way can both stay).  A lookup compares the
 * hash, the length and then the bytes of the key.
 *
 * Insertion is probabilistic: after a dpcls hit the datapath calls
 * emc_probabilistic_insert(), which inserts only one time in
 * insert_inv_prob (default 100, as upstream's other_config:
 * emc-insert-inv-prob), so that a flood of short flows does not keep
 * evicting the long ones; a flow that stays busy gets in soon enough.
 * When both ways are taken, the entry to replace is an empty or dead one
 * if there is one, else the one whose key hash is lower (a cheap
 * deterministic "random" choice).
 *
 * Stale entries.  dpcls_remove() marks a megaflow dead, and a lookup
 * never returns a dead megaflow.  The megaflow's memory must stay valid as
 * long as a cache may point to it: before freeing removed megaflows the
 * owner calls emc_purge_dead() (or emc_clear()) on every cache, or defers
 * the free past a quiescent period of every thread that owns a cache.
 *
 * Concurrency: one cache per PMD thread, used only by that thread. */
#ifndef EMC_H
#define EMC_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "dpcls.h"

#define EMC_SHIFT 13
#define EMC_ENTRIES (1u << EMC_SHIFT)
#define EMC_MASK (EMC_ENTRIES - 1)
#define EMC_DEFAULT_INSERT_INV_PROB 100

struct emc_entry {
    struct dpcls_rule *rule;    /* NULL if the entry is empty. */
    struct dpcls_key key;
};

struct emc_cache {
    uint32_t insert_inv_prob;   /* Insert 1 time in this many; 0: never. */
    uint32_t rng;               /* State of a xorshift generator. */
    struct emc_entry entries[EMC_ENTRIES];
};

/* Returns a new, empty cache (a few megabytes). */
struct emc_cache *emc_create(uint32_t insert_inv_prob);
void emc_destroy(struct emc_cache *);
void emc_set_insert_inv_prob(struct emc_cache *, uint32_t);

/* The live megaflow cached for KEY, or NULL. */
struct dpcls_rule *emc_lookup(const struct emc_cache *,
                              const struct dpcls_key *key);
/* Caches RULE for KEY, always. */
void emc_insert(struct emc_cache *, const struct dpcls_key *key,
                struct dpcls_rule *rule);
/* Caches RULE for KEY with probability 1/insert_inv_prob; if KEY is
 * already cached, updates its entry always. */
void emc_probabilistic_insert(struct emc_cache *,
                              const struct dpcls_key *key,
                              struct dpcls_rule *rule);
/* Empties entries whose megaflow is dead, or all entries. */
void emc_purge_dead(struct emc_cache *);
void emc_clear(struct emc_cache *);
/* Number of entries in use (tests and statistics). */
size_t emc_count(const struct emc_cache *);

#endif /* emc.h */
