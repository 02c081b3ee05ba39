/* dpcls.h: the userspace datapath's megaflow classifier.
 *
 * The problem.  dpif-netdev caches the OpenFlow pipeline's decisions as
 * megaflows: a masked key (a value and a mask over struct flow) and its
 * actions.  Every packet that misses the exact-match cache (emc.h) is
 * looked up here, so this lookup is the datapath's hot path; batches of up
 * to 32 packets arrive together.
 *
 * The data structure.  As in the OpenFlow classifier (classifier.h),
 * megaflows are grouped by mask into subtables, each a hash table keyed by
 * the hash of the masked key.  There are no priorities: the subtables are
 * ranked by how many packets each matched since the last ranking, and
 * dpcls_sort_subtables(), which the datapath calls periodically (once a
 * second), re-sorts them so that the busiest subtables are probed first.
 * A batch lookup probes one subtable for every still-unmatched packet of
 * the batch before moving to the next subtable, so each subtable's mask
 * stays in cache while it is used, and stops as soon as every packet has
 * a megaflow.
 *
 * Keys.  A packet's key (struct dpcls_key) is its flow's miniflow (only
 * the nonzero words) with its hash; the hash also indexes the exact-match
 * cache.  A subtable reads the words its mask covers straight out of the
 * miniflow, so the full flow is never expanded.
 *
 * The invariant.  A lookup returns the first megaflow it finds, in
 * subtable rank order, not "the best" one: there is nothing to rank them
 * by.  That is correct only because of an invariant the datapath keeps:
 * megaflows that overlap (some packet matches both) have the same
 * actions.  It holds because every megaflow is installed from an upcall
 * whose wildcards (classifier_lookup() and the translation) cover every
 * bit the decision depended on, for the current OpenFlow tables; when the
 * tables change, the revalidators delete or fix megaflows before they can
 * disagree.  An exact duplicate (same mask and masked value) is the
 * caller's to prevent: it looks the key up first.
 *
 * Concurrency: one dpcls belongs to one PMD thread, which does all
 * lookups, inserts and removals; nothing is locked.  A removed rule must
 * not be freed while an exact-match cache may still point to it: see
 * emc.h.
 *
 * Lookups allocate nothing. */
#ifndef DPCLS_H
#define DPCLS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "hmap.h"

/* A packet's key: its flow's miniflow, with room for every word, and its
 * hash.  Only the first 'len' bytes of 'mf' and what follows are used. */
struct dpcls_key {
    uint32_t hash;              /* miniflow_hash(&mf, 0). */
    uint32_t len;               /* Bytes of mf and its values. */
    struct miniflow mf;
    uint64_t buf[FLOW_U64S];    /* mf's values. */
};

/* Sets KEY from FLOW. */
void dpcls_key_init(struct dpcls_key *key, const struct flow *flow);

static inline bool
dpcls_key_equal(const struct dpcls_key *a, const struct dpcls_key *b)
{
    return (a->hash == b->hash && a->len == b->len
            && !memcmp(&a->mf, &b->mf, a->len));
}

struct dpcls_subtable;

/* A megaflow, embedded in the caller's flow object. */
struct dpcls_rule {
    struct hmap_node node;      /* In the subtable, by masked hash. */
    struct dpcls_subtable *subtable; /* NULL if not in a dpcls. */
    bool dead;                  /* Removed: exact-match caches drop it. */
    uint64_t *values;           /* Masked value, one word per mask word. */
};

#define DPCLS_BATCH_MAX 32

struct dpcls {
    struct hmap subtables_map;  /* dpcls_subtables by mask hash. */
    struct dpcls_subtable **subtables; /* Ranked, busiest first. */
    size_t n_subtables;
    size_t allocated;
    size_t n_rules;
};

void dpcls_init(struct dpcls *);
/* Frees the dpcls.  Rules still in it are forgotten (marked dead), not
 * freed. */
void dpcls_destroy(struct dpcls *);

/* Inserts RULE for FLOW under WC (bits outside WC are ignored). */
void dpcls_insert(struct dpcls *, struct dpcls_rule *rule,
                  const struct flow *flow, const struct flow_wildcards *wc);
/* Removes RULE and marks it dead.  The caller frees RULE (see emc.h for
 * when it may). */
void dpcls_remove(struct dpcls *, struct dpcls_rule *rule);

/* Does RULE match KEY? */
bool dpcls_rule_matches_key(const struct dpcls_rule *,
                            const struct dpcls_key *);
/* RULE's mask and masked value. */
void dpcls_rule_expand(const struct dpcls_rule *, struct flow *,
                       struct flow_wildcards *);

/* Looks up the N_KEYS (at most DPCLS_BATCH_MAX) KEYS, storing in RULES[i]
 * the megaflow KEYS[i] matches, or NULL.  Returns true if every key found
 * one.  If N_PROBES is nonnull, adds to it the number of subtables
 * probed (a measure of lookup cost). */
bool dpcls_lookup(struct dpcls *, const struct dpcls_key *const keys[],
                  size_t n_keys, struct dpcls_rule **rules,
                  size_t *n_probes);

/* Re-ranks the subtables by hits since the last call, busiest first. */
void dpcls_sort_subtables(struct dpcls *);

static inline size_t
dpcls_count(const struct dpcls *cls)
{
    return cls->n_rules;
}

#endif /* dpcls.h */
