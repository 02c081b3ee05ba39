/* emc.c: the userspace datapath's exact-match cache (see emc.h). */
#include <config.h>
#include "emc.h"

#include <stdlib.h>
#include <string.h>
#include "util.h"

struct emc_cache *
emc_create(uint32_t insert_inv_prob)
{
    struct emc_cache *emc = xmalloc(sizeof *emc);

    emc->insert_inv_prob = insert_inv_prob;
    emc->rng = 0x9e3779b9;
    for (size_t i = 0; i < EMC_ENTRIES; i++) {
        emc->entries[i].rule = NULL;
        emc->entries[i].key.hash = 0;
        emc->entries[i].key.len = 0;
    }
    return emc;
}

void
emc_destroy(struct emc_cache *emc)
{
    free(emc);
}

void
emc_set_insert_inv_prob(struct emc_cache *emc, uint32_t inv_prob)
{
    emc->insert_inv_prob = inv_prob;
}

static inline struct emc_entry *
emc_way(const struct emc_cache *emc, uint32_t hash, int way)
{
    uint32_t idx = way ? (hash >> EMC_SHIFT) & EMC_MASK : hash & EMC_MASK;

    return (struct emc_entry *) &emc->entries[idx];
}

static inline bool
emc_entry_alive(const struct emc_entry *e)
{
    return e->rule && !e->rule->dead;
}

struct dpcls_rule *
emc_lookup(const struct emc_cache *emc, const struct dpcls_key *key)
{
    for (int way = 0; way < 2; way++) {
        const struct emc_entry *e = emc_way(emc, key->hash, way);

        if (emc_entry_alive(e) && dpcls_key_equal(&e->key, key)) {
            return e->rule;
        }
    }
    return NULL;
}

static void
emc_entry_set(struct emc_entry *e, const struct dpcls_key *key,
              struct dpcls_rule *rule)
{
    if (e->key.hash != key->hash || !dpcls_key_equal(&e->key, key)) {
        e->key.hash = key->hash;
        e->key.len = key->len;
        memcpy(&e->key.mf, &key->mf, key->len);
    }
    e->rule = rule;
}

void
emc_insert(struct emc_cache *emc, const struct dpcls_key *key,
           struct dpcls_rule *rule)
{
    struct emc_entry *w0 = emc_way(emc, key->hash, 0);
    struct emc_entry *w1 = emc_way(emc, key->hash, 1);
    struct emc_entry *victim;

    if (w0->rule && dpcls_key_equal(&w0->key, key)) {
        victim = w0;
    } else if (w1->rule && dpcls_key_equal(&w1->key, key)) {
        victim = w1;
    } else if (!emc_entry_alive(w0)) {
        victim = w0;
    } else if (!emc_entry_alive(w1)) {
        victim = w1;
    } else {
        victim = w0->key.hash <= w1->key.hash ? w0 : w1;
    }
    emc_entry_set(victim, key, rule);
}

void
emc_probabilistic_insert(struct emc_cache *emc, const struct dpcls_key *key,
                         struct dpcls_rule *rule)
{
    uint32_t x;

    for (int way = 0; way < 2; way++) {
        struct emc_entry *e = emc_way(emc, key->hash, way);

        if (e->rule && dpcls_key_equal(&e->key, key)) {
            e->rule = rule;
            return;
        }
    }
    if (!emc->insert_inv_prob) {
        return;
    }
    x = emc->rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    emc->rng = x;
    if (emc->insert_inv_prob == 1 || x % emc->insert_inv_prob == 0) {
        emc_insert(emc, key, rule);
    }
}

void
emc_purge_dead(struct emc_cache *emc)
{
    for (size_t i = 0; i < EMC_ENTRIES; i++) {
        struct emc_entry *e = &emc->entries[i];

        if (e->rule && e->rule->dead) {
            e->rule = NULL;
        }
    }
}

void
emc_clear(struct emc_cache *emc)
{
    for (size_t i = 0; i < EMC_ENTRIES; i++) {
        emc->entries[i].rule = NULL;
    }
}

size_t
emc_count(const struct emc_cache *emc)
{
    size_t n = 0;

    for (size_t i = 0; i < EMC_ENTRIES; i++) {
        n += emc_entry_alive(&emc->entries[i]);
    }
    return n;
}
