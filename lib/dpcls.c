/* dpcls.c: the userspace datapath's megaflow classifier (see dpcls.h). */
#include <config.h>
#include "dpcls.h"

#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "util.h"

/* Megaflows with one mask.  The mask is kept as parallel arrays over the
 * words it covers: the word's index in struct flow and its bits. */
struct dpcls_subtable {
    struct hmap_node node;      /* In dpcls's subtables_map. */
    struct hmap rules;          /* dpcls_rules by hash of masked value. */
    uint64_t hits;              /* Packets matched since the last sort. */
    struct minimask *minimask;
    size_t n_words;
    uint16_t *idx;
    uint64_t *mask;
};

void
dpcls_key_init(struct dpcls_key *key, const struct flow *flow)
{
    miniflow_init(&key->mf, flow);
    key->len = miniflow_alloc_size(miniflow_n_values(&key->mf));
    key->hash = miniflow_hash(&key->mf, 0);
}

void
dpcls_init(struct dpcls *cls)
{
    hmap_init(&cls->subtables_map);
    cls->subtables = NULL;
    cls->n_subtables = 0;
    cls->allocated = 0;
    cls->n_rules = 0;
}

static void
subtable_destroy(struct dpcls *cls, struct dpcls_subtable *subtable)
{
    for (size_t i = 0; i < cls->n_subtables; i++) {
        if (cls->subtables[i] == subtable) {
            memmove(&cls->subtables[i], &cls->subtables[i + 1],
                    (cls->n_subtables - i - 1) * sizeof *cls->subtables);
            cls->n_subtables--;
            break;
        }
    }
    hmap_remove(&cls->subtables_map, &subtable->node);
    hmap_destroy(&subtable->rules);
    minimask_destroy(subtable->minimask);
    free(subtable->idx);
    free(subtable->mask);
    free(subtable);
}

void
dpcls_destroy(struct dpcls *cls)
{
    if (!cls) {
        return;
    }
    while (cls->n_subtables) {
        struct dpcls_subtable *subtable = cls->subtables[0];
        struct dpcls_rule *rule;

        HMAP_FOR_EACH_POP (rule, node, &subtable->rules) {
            rule->subtable = NULL;
            rule->dead = true;
            free(rule->values);
            rule->values = NULL;
        }
        subtable_destroy(cls, subtable);
    }
    hmap_destroy(&cls->subtables_map);
    free(cls->subtables);
    cls->subtables = NULL;
    cls->n_rules = 0;
}

static struct dpcls_subtable *
dpcls_find_or_create_subtable(struct dpcls *cls,
                              const struct flow_wildcards *wc)
{
    struct minimask *mask = minimask_create(wc);
    uint32_t hash = minimask_hash(mask, 0);
    struct dpcls_subtable *subtable;

    HMAP_FOR_EACH_WITH_HASH (subtable, node, hash, &cls->subtables_map) {
        if (minimask_equal(subtable->minimask, mask)) {
            minimask_destroy(mask);
            return subtable;
        }
    }

    const uint64_t *mv = miniflow_get_values(&mask->masks);
    size_t idx, i = 0;

    subtable = xzalloc(sizeof *subtable);
    hmap_init(&subtable->rules);
    subtable->minimask = mask;
    subtable->n_words = miniflow_n_values(&mask->masks);
    subtable->idx = xmalloc(MAX(subtable->n_words, 1)
                            * sizeof *subtable->idx);
    subtable->mask = xmalloc(MAX(subtable->n_words, 1)
                             * sizeof *subtable->mask);
    FLOWMAP_FOR_EACH_INDEX (idx, mask->masks.map) {
        subtable->idx[i] = idx;
        subtable->mask[i++] = *mv++;
    }
    hmap_insert(&cls->subtables_map, &subtable->node, hash);
    if (cls->n_subtables >= cls->allocated) {
        cls->allocated = 2 * cls->allocated + 4;
        cls->subtables = xrealloc(cls->subtables,
                                  cls->allocated * sizeof *cls->subtables);
    }
    /* A new subtable is probed last until the next sort. */
    cls->subtables[cls->n_subtables++] = subtable;
    return subtable;
}

static uint32_t
values_hash(const uint64_t *values, size_t n)
{
    uint32_t hash = 0;

    for (size_t i = 0; i < n; i++) {
        hash = hash_add64(hash, values[i]);
    }
    return hash_finish(hash, n * 8);
}

void
dpcls_insert(struct dpcls *cls, struct dpcls_rule *rule,
             const struct flow *flow, const struct flow_wildcards *wc)
{
    struct dpcls_subtable *subtable = dpcls_find_or_create_subtable(cls,
                                                                    wc);
    const uint64_t *f = flow_u64_const(flow);
    size_t n = subtable->n_words;

    rule->subtable = subtable;
    rule->dead = false;
    rule->values = xmalloc(MAX(n, 1) * sizeof *rule->values);
    for (size_t i = 0; i < n; i++) {
        rule->values[i] = f[subtable->idx[i]] & subtable->mask[i];
    }
    hmap_insert(&subtable->rules, &rule->node, values_hash(rule->values, n));
    cls->n_rules++;
}

void
dpcls_remove(struct dpcls *cls, struct dpcls_rule *rule)
{
    struct dpcls_subtable *subtable = rule->subtable;

    ovs_assert(subtable);
    hmap_remove(&subtable->rules, &rule->node);
    rule->subtable = NULL;
    rule->dead = true;
    free(rule->values);
    rule->values = NULL;
    cls->n_rules--;
    if (hmap_is_empty(&subtable->rules)) {
        subtable_destroy(cls, subtable);
    }
}

/* Word IDX of the flow KEY holds, given OFS, the number of values before
 * each flowmap unit. */
static inline uint64_t
key_get(const struct dpcls_key *key, const uint8_t *ofs, size_t idx)
{
    size_t u = idx / 64;
    uint64_t bit = UINT64_C(1) << (idx % 64);
    uint64_t map = key->mf.map.bits[u];

    return (map & bit
            ? key->buf[ofs[u] + count_1bits(map & (bit - 1))]
            : 0);
}

static inline void
key_unit_offsets(const struct dpcls_key *key, uint8_t *ofs)
{
    size_t n = 0;

    for (size_t u = 0; u < FLOWMAP_UNITS; u++) {
        ofs[u] = n;
        n += count_1bits(key->mf.map.bits[u]);
    }
}

/* The values of 'buf' follow 'mf' directly, as miniflow_values() expects:
 * key_get() reads them through 'buf'. */
BUILD_ASSERT_DECL(offsetof(struct dpcls_key, buf)
                  == offsetof(struct dpcls_key, mf) + sizeof(struct miniflow));

bool
dpcls_rule_matches_key(const struct dpcls_rule *rule,
                       const struct dpcls_key *key)
{
    const struct dpcls_subtable *subtable = rule->subtable;
    uint8_t ofs[FLOWMAP_UNITS];

    if (!subtable) {
        return false;
    }
    key_unit_offsets(key, ofs);
    for (size_t i = 0; i < subtable->n_words; i++) {
        if ((key_get(key, ofs, subtable->idx[i]) & subtable->mask[i])
            != rule->values[i]) {
            return false;
        }
    }
    return true;
}

void
dpcls_rule_expand(const struct dpcls_rule *rule, struct flow *flow,
                  struct flow_wildcards *wc)
{
    const struct dpcls_subtable *subtable = rule->subtable;
    uint64_t *f = flow_u64(flow);

    ovs_assert(subtable);
    minimask_expand(subtable->minimask, wc);
    memset(flow, 0, sizeof *flow);
    for (size_t i = 0; i < subtable->n_words; i++) {
        f[subtable->idx[i]] = rule->values[i];
    }
}

/* Finds the rule in SUBTABLE with masked value VALUES (with HASH). */
static inline struct dpcls_rule *
subtable_find(const struct dpcls_subtable *subtable, const uint64_t *values,
              uint32_t hash)
{
    struct hmap_node *node = hmap_first_with_hash(&subtable->rules, hash);

    for (; node; node = hmap_next_with_hash(node)) {
        struct dpcls_rule *rule = CONTAINER_OF(node, struct dpcls_rule,
                                               node);
        if (!memcmp(rule->values, values,
                    subtable->n_words * sizeof *values)) {
            return rule;
        }
    }
    return NULL;
}

/* Probes SUBTABLE for KEY, reading its words out of the miniflow (with
 * unit offsets OFS). */
static inline struct dpcls_rule *
subtable_lookup_key(const struct dpcls_subtable *subtable,
                    const struct dpcls_key *key, const uint8_t *ofs)
{
    uint64_t values[FLOW_U64S];
    size_t n = subtable->n_words;
    uint32_t hash = 0;

    for (size_t i = 0; i < n; i++) {
        values[i] = key_get(key, ofs, subtable->idx[i]) & subtable->mask[i];
        hash = hash_add64(hash, values[i]);
    }
    return subtable_find(subtable, values, hash_finish(hash, n * 8));
}

/* Probes SUBTABLE for the flow F (a key expanded to FLOW_U64S words). */
static inline struct dpcls_rule *
subtable_lookup_flow(const struct dpcls_subtable *subtable,
                     const uint64_t *f)
{
    uint64_t values[FLOW_U64S];
    size_t n = subtable->n_words;
    uint32_t hash = 0;

    for (size_t i = 0; i < n; i++) {
        values[i] = f[subtable->idx[i]] & subtable->mask[i];
        hash = hash_add64(hash, values[i]);
    }
    return subtable_find(subtable, values, hash_finish(hash, n * 8));
}

/* The first subtable reads each key's words straight from its miniflow
 * (a population count per word); keys that miss it are then expanded
 * once, so that further subtables read words by index. */
bool
dpcls_lookup(struct dpcls *cls, const struct dpcls_key *const keys[],
             size_t n_keys, struct dpcls_rule **rules, size_t *n_probes)
{
    struct flow flows[DPCLS_BATCH_MAX]; /* 12 kB of stack. */
    uint32_t remaining;

    ovs_assert(n_keys <= DPCLS_BATCH_MAX);
    remaining = n_keys == 32 ? UINT32_MAX : (UINT32_C(1) << n_keys) - 1;
    for (size_t i = 0; i < n_keys; i++) {
        rules[i] = NULL;
    }
    for (size_t s = 0; remaining && s < cls->n_subtables; s++) {
        struct dpcls_subtable *subtable = cls->subtables[s];

        if (n_probes) {
            ++*n_probes;
        }
        for (uint32_t map = remaining; map; map &= map - 1) {
            size_t i = raw_ctz(map);
            struct dpcls_rule *rule;

            if (!s) {
                uint8_t ofs[FLOWMAP_UNITS];

                key_unit_offsets(keys[i], ofs);
                rule = subtable_lookup_key(subtable, keys[i], ofs);
            } else {
                if (s == 1) {
                    miniflow_expand(&keys[i]->mf, &flows[i]);
                }
                rule = subtable_lookup_flow(subtable,
                                            flow_u64_const(&flows[i]));
            }
            if (rule) {
                rules[i] = rule;
                remaining &= ~(UINT32_C(1) << i);
                subtable->hits++;
            }
        }
    }
    return !remaining;
}

static int
compare_hits(const void *a_, const void *b_)
{
    const struct dpcls_subtable *const *a = a_;
    const struct dpcls_subtable *const *b = b_;

    return ((*a)->hits < (*b)->hits) - ((*a)->hits > (*b)->hits);
}

void
dpcls_sort_subtables(struct dpcls *cls)
{
    if (cls->n_subtables > 1) {
        qsort(cls->subtables, cls->n_subtables, sizeof *cls->subtables,
              compare_hits);
    }
    for (size_t i = 0; i < cls->n_subtables; i++) {
        cls->subtables[i]->hits = 0;
    }
}
