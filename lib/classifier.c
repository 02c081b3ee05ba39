/* classifier.c: the OpenFlow flow table classifier (see classifier.h). */
#include <config.h>
#include "classifier.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "util.h"

/* Casts away const: the classifier keeps its bookkeeping pointer in the
 * caller's const rule. */
#define CLS_CONST_CAST(TYPE, POINTER) ((TYPE) (uintptr_t) (POINTER))

/* Stages: the flow's segments (metadata, L2, L3, L4), as word indexes. */
#define CLS_N_SEGMENTS 4
static const size_t cls_segment_ends[CLS_N_SEGMENTS] = {
    FLOW_SEGMENT_1_ENDS_AT / sizeof(uint64_t),
    FLOW_SEGMENT_2_ENDS_AT / sizeof(uint64_t),
    FLOW_SEGMENT_3_ENDS_AT / sizeof(uint64_t),
    FLOW_U64S,
};

/* A stage index: the hashes of a subtable's masked values up to the end
 * of a stage, each with the number of heads that have it.  Open
 * addressing with linear probing over 8-byte slots, at most half full, so
 * that the lookup's "is this hash here?" usually reads one cache line.
 * A slot with count 0 is empty; removal shifts later slots back, so no
 * tombstones are needed. */
struct cls_stage_slot {
    uint32_t hash;
    uint32_t count;
};

struct cls_stage_index {
    struct cls_stage_slot *slots;
    size_t mask;                /* Number of slots minus 1. */
    size_t n;                   /* Slots in use. */
};

/* A group of rules with one mask.
 *
 * The mask is kept as two parallel arrays over the words it has set:
 * 'idx' (the word's index in struct flow) and 'mask' (its bits), so that
 * hashing and comparing a flow against it are tight loops. */
struct cls_subtable {
    struct hmap_node node;      /* In classifier's subtables_map. */
    struct minimask *minimask;
    struct hmap heads;          /* cls_heads by hash of masked value. */
    size_t n_rules;
    int max_priority;           /* Highest priority of its rules. */
    size_t max_count;           /* Rules with that priority. */

    size_t n_indices;           /* Stages before the last. */
    size_t index_ends[CLS_N_SEGMENTS]; /* Words hashed at each stage's
                                        * end. */
    struct cls_stage_index indices[CLS_N_SEGMENTS - 1];

    size_t n_words;
    uint16_t *idx;              /* n_words flow word indexes. */
    uint64_t *mask;             /* n_words masks. */
};

/* The rules of one subtable with one masked value, highest priority
 * first. */
struct cls_head {
    struct hmap_node node;      /* In cls_subtable's heads. */
    uint32_t stage_hashes[CLS_N_SEGMENTS - 1];
    struct cls_match *rules;
    uint64_t values[];          /* n_words masked values. */
};

/* The classifier's side of a rule. */
struct cls_match {
    struct cls_match *next;     /* In head's list. */
    struct cls_head *head;
    struct cls_subtable *subtable;
    const struct cls_rule *rule;
    int priority;
    ovs_version_t add_version;
    ovs_version_t remove_version;
};

/* Stage indexes. */

static void
stage_index_init(struct cls_stage_index *index)
{
    index->mask = 7;
    index->n = 0;
    index->slots = xcalloc(index->mask + 1, sizeof *index->slots);
}

static void
stage_index_destroy(struct cls_stage_index *index)
{
    free(index->slots);
}

static struct cls_stage_slot *
stage_index_find(const struct cls_stage_index *index, uint32_t hash)
{
    for (size_t i = hash & index->mask; ; i = (i + 1) & index->mask) {
        struct cls_stage_slot *slot = &index->slots[i];

        if (!slot->count || slot->hash == hash) {
            return slot;
        }
    }
}

static void
stage_index_grow(struct cls_stage_index *index)
{
    struct cls_stage_slot *old = index->slots;
    size_t n_old = index->mask + 1;

    index->mask = 2 * n_old - 1;
    index->slots = xcalloc(index->mask + 1, sizeof *index->slots);
    for (size_t i = 0; i < n_old; i++) {
        if (old[i].count) {
            *stage_index_find(index, old[i].hash) = old[i];
        }
    }
    free(old);
}

static void
stage_count_add(struct cls_stage_index *index, uint32_t hash)
{
    struct cls_stage_slot *slot = stage_index_find(index, hash);

    if (!slot->count) {
        if (2 * (index->n + 1) > index->mask + 1) {
            stage_index_grow(index);
            slot = stage_index_find(index, hash);
        }
        slot->hash = hash;
        index->n++;
    }
    slot->count++;
}

static void
stage_count_remove(struct cls_stage_index *index, uint32_t hash)
{
    struct cls_stage_slot *slot = stage_index_find(index, hash);
    size_t i, j;

    ovs_assert(slot->count);
    if (--slot->count) {
        return;
    }
    index->n--;

    /* Shift back later slots of the run that belong at or before the
     * hole. */
    i = slot - index->slots;
    for (j = (i + 1) & index->mask; index->slots[j].count;
         j = (j + 1) & index->mask) {
        size_t home = index->slots[j].hash & index->mask;

        /* Can slot J move to hole I?  Yes unless its home lies
         * cyclically in (I, J]. */
        if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
            index->slots[i] = index->slots[j];
            index->slots[j].count = 0;
            i = j;
        }
    }
}

static inline bool
stage_contains(const struct cls_stage_index *index, uint32_t hash)
{
    for (size_t i = hash & index->mask; ; i = (i + 1) & index->mask) {
        const struct cls_stage_slot *slot = &index->slots[i];

        if (!slot->count) {
            return false;
        } else if (slot->hash == hash) {
            return true;
        }
    }
}

/* Matches. */

void
cls_minimatch_init(struct cls_minimatch *m, const struct flow *flow,
                   const struct flow_wildcards *wc)
{
    struct flow masked = *flow;

    flow_zero_wildcards(&masked, wc);
    m->flow = miniflow_create(&masked);
    m->mask = minimask_create(wc);
}

void
cls_minimatch_clone(struct cls_minimatch *dst,
                    const struct cls_minimatch *src)
{
    dst->flow = miniflow_clone(src->flow);
    dst->mask = minimask_clone(src->mask);
}

void
cls_minimatch_destroy(struct cls_minimatch *m)
{
    miniflow_destroy(m->flow);
    minimask_destroy(m->mask);
    m->flow = NULL;
    m->mask = NULL;
}

void
cls_minimatch_expand(const struct cls_minimatch *m, struct flow *flow,
                     struct flow_wildcards *wc)
{
    miniflow_expand(m->flow, flow);
    minimask_expand(m->mask, wc);
}

bool
cls_minimatch_equal(const struct cls_minimatch *a,
                    const struct cls_minimatch *b)
{
    return (minimask_equal(a->mask, b->mask)
            && miniflow_equal(a->flow, b->flow));
}

bool
cls_minimatch_matches_flow(const struct cls_minimatch *m,
                           const struct flow *flow)
{
    return miniflow_equal_flow_in_minimask(m->flow, flow, m->mask);
}

/* Rules. */

void
cls_rule_init(struct cls_rule *rule, const struct flow *flow,
              const struct flow_wildcards *wc, int priority)
{
    rule->priority = priority;
    cls_minimatch_init(&rule->match, flow, wc);
    rule->cls_match = NULL;
}

void
cls_rule_init_from_minimatch(struct cls_rule *rule,
                             const struct cls_minimatch *m, int priority)
{
    rule->priority = priority;
    cls_minimatch_clone(&rule->match, m);
    rule->cls_match = NULL;
}

void
cls_rule_clone(struct cls_rule *dst, const struct cls_rule *src)
{
    cls_rule_init_from_minimatch(dst, &src->match, src->priority);
}

void
cls_rule_destroy(struct cls_rule *rule)
{
    ovs_assert(!rule->cls_match);
    cls_minimatch_destroy(&rule->match);
}

bool
cls_rule_equal(const struct cls_rule *a, const struct cls_rule *b)
{
    return (a->priority == b->priority
            && cls_minimatch_equal(&a->match, &b->match));
}

void
cls_rule_expand(const struct cls_rule *rule, struct flow *flow,
                struct flow_wildcards *wc)
{
    cls_minimatch_expand(&rule->match, flow, wc);
}

bool
cls_rule_is_catchall(const struct cls_rule *rule)
{
    return minimask_is_catchall(rule->match.mask);
}

bool
cls_rule_is_loose_match(const struct cls_rule *rule,
                        const struct cls_minimatch *target)
{
    return (!minimask_has_extra(target->mask, rule->match.mask)
            && miniflow_equal_in_minimask(rule->match.flow, target->flow,
                                          target->mask));
}

bool
cls_rule_overlaps(const struct cls_rule *a, const struct cls_rule *b)
{
    struct flow_wildcards wa, wb, both;
    struct flow fa, fb;

    cls_rule_expand(a, &fa, &wa);
    cls_rule_expand(b, &fb, &wb);
    flow_wildcards_and(&both, &wa, &wb);
    return flow_equal_except(&fa, &fb, &both);
}

static struct cls_match *
cls_rule_get_match(const struct cls_rule *rule)
{
    ovs_assert(rule->cls_match);
    return rule->cls_match;
}

static bool
cls_match_visible_in_version(const struct cls_match *m,
                             ovs_version_t version)
{
    return m->add_version <= version && version < m->remove_version;
}

bool
cls_rule_visible_in_version(const struct cls_rule *rule,
                            ovs_version_t version)
{
    return (rule->cls_match
            && cls_match_visible_in_version(rule->cls_match, version));
}

void
cls_rule_make_invisible_in_version(const struct cls_rule *rule,
                                   ovs_version_t version)
{
    struct cls_match *m = cls_rule_get_match(rule);

    ovs_assert(version > m->add_version);
    m->remove_version = version;
}

void
cls_rule_restore_visibility(const struct cls_rule *rule)
{
    cls_rule_get_match(rule)->remove_version = OVS_VERSION_NOT_REMOVED;
}

ovs_version_t
cls_rule_add_version(const struct cls_rule *rule)
{
    return cls_rule_get_match(rule)->add_version;
}

ovs_version_t
cls_rule_remove_version(const struct cls_rule *rule)
{
    return cls_rule_get_match(rule)->remove_version;
}

/* Subtables. */

static uint32_t
subtable_stage_hash(uint32_t hash, size_t n_words)
{
    return hash_finish(hash, n_words * 8);
}

/* Computes the stage hashes and the full hash of VALUES (n_words masked
 * words in SUBTABLE's order). */
static uint32_t
subtable_hash_values(const struct cls_subtable *subtable,
                     const uint64_t *values, uint32_t *stage_hashes)
{
    uint32_t hash = 0;
    size_t i = 0;

    for (size_t s = 0; s < subtable->n_indices; s++) {
        for (; i < subtable->index_ends[s]; i++) {
            hash = hash_add64(hash, values[i]);
        }
        stage_hashes[s] = subtable_stage_hash(hash, i);
    }
    for (; i < subtable->n_words; i++) {
        hash = hash_add64(hash, values[i]);
    }
    return subtable_stage_hash(hash, i);
}

static struct cls_subtable *
subtable_create(struct classifier *cls, const struct minimask *mask,
                uint32_t mask_hash)
{
    struct cls_subtable *subtable = xzalloc(sizeof *subtable);
    const uint64_t *mv = miniflow_get_values(&mask->masks);
    size_t idx, seg = 0;

    subtable->minimask = minimask_clone(mask);
    hmap_init(&subtable->heads);
    subtable->max_priority = INT_MIN;
    subtable->n_words = miniflow_n_values(&mask->masks);
    subtable->idx = xmalloc(MAX(subtable->n_words, 1)
                            * sizeof *subtable->idx);
    subtable->mask = xmalloc(MAX(subtable->n_words, 1)
                             * sizeof *subtable->mask);

    /* Record where each nonempty segment ends; every one but the last
     * becomes a stage with an index. */
    size_t n_ends = 0;
    size_t ends[CLS_N_SEGMENTS];
    size_t i = 0;
    FLOWMAP_FOR_EACH_INDEX (idx, mask->masks.map) {
        while (idx >= cls_segment_ends[seg]) {
            if (i && (!n_ends || ends[n_ends - 1] != i)) {
                ends[n_ends++] = i;
            }
            seg++;
        }
        subtable->idx[i] = idx;
        subtable->mask[i] = *mv++;
        i++;
    }
    if (i && (!n_ends || ends[n_ends - 1] != i)) {
        ends[n_ends++] = i;
    }
    subtable->n_indices = n_ends ? n_ends - 1 : 0;
    for (size_t s = 0; s < subtable->n_indices; s++) {
        subtable->index_ends[s] = ends[s];
        stage_index_init(&subtable->indices[s]);
    }

    hmap_insert(&cls->subtables_map, &subtable->node, mask_hash);
    if (cls->n_subtables >= cls->allocated_subtables) {
        cls->allocated_subtables = 2 * cls->allocated_subtables + 4;
        cls->subtables = xrealloc(cls->subtables,
                                  cls->allocated_subtables
                                  * sizeof *cls->subtables);
    }
    /* An empty subtable's max_priority is INT_MIN: it goes last. */
    cls->subtables[cls->n_subtables++] = subtable;
    return subtable;
}

static void
subtable_destroy(struct classifier *cls, struct cls_subtable *subtable)
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
    for (size_t s = 0; s < subtable->n_indices; s++) {
        stage_index_destroy(&subtable->indices[s]);
    }
    hmap_destroy(&subtable->heads);
    minimask_destroy(subtable->minimask);
    free(subtable->idx);
    free(subtable->mask);
    free(subtable);
}

/* Moves SUBTABLE to its place in the sorted array after its max_priority
 * changed. */
static void
subtable_resort(struct classifier *cls, struct cls_subtable *subtable)
{
    struct cls_subtable **v = cls->subtables;
    size_t i;

    for (i = 0; v[i] != subtable; i++) {
        continue;
    }
    while (i > 0 && v[i - 1]->max_priority < subtable->max_priority) {
        v[i] = v[i - 1];
        v[--i] = subtable;
    }
    while (i + 1 < cls->n_subtables
           && v[i + 1]->max_priority > subtable->max_priority) {
        v[i] = v[i + 1];
        v[++i] = subtable;
    }
}

static struct cls_subtable *
classifier_find_subtable(const struct classifier *cls,
                         const struct minimask *mask, uint32_t mask_hash)
{
    struct cls_subtable *subtable;

    HMAP_FOR_EACH_WITH_HASH (subtable, node, mask_hash,
                             &cls->subtables_map) {
        if (minimask_equal(subtable->minimask, mask)) {
            return subtable;
        }
    }
    return NULL;
}

/* Fills VALUES with MATCH's masked value in SUBTABLE's word order. */
static void
subtable_values_from_match(const struct cls_subtable *subtable,
                           const struct cls_minimatch *match,
                           uint64_t *values)
{
    for (size_t i = 0; i < subtable->n_words; i++) {
        values[i] = (miniflow_get(match->flow, subtable->idx[i])
                     & subtable->mask[i]);
    }
}

static struct cls_head *
subtable_find_head(const struct cls_subtable *subtable,
                   const uint64_t *values, uint32_t hash)
{
    struct cls_head *head;

    HMAP_FOR_EACH_WITH_HASH (head, node, hash, &subtable->heads) {
        if (!memcmp(head->values, values,
                    subtable->n_words * sizeof *values)) {
            return head;
        }
    }
    return NULL;
}

/* Recomputes SUBTABLE's maximum priority from scratch. */
static void
subtable_recompute_max(struct cls_subtable *subtable)
{
    struct cls_head *head;

    subtable->max_priority = INT_MIN;
    subtable->max_count = 0;
    HMAP_FOR_EACH (head, node, &subtable->heads) {
        int p = head->rules->priority;

        if (p > subtable->max_priority) {
            subtable->max_priority = p;
            subtable->max_count = 0;
        }
        if (p == subtable->max_priority) {
            for (struct cls_match *m = head->rules; m && m->priority == p;
                 m = m->next) {
                subtable->max_count++;
            }
        }
    }
}

/* Classifier. */

void
classifier_init(struct classifier *cls)
{
    hmap_init(&cls->subtables_map);
    cls->subtables = NULL;
    cls->n_subtables = 0;
    cls->allocated_subtables = 0;
    cls->n_rules = 0;
}

void
classifier_destroy(struct classifier *cls)
{
    if (!cls) {
        return;
    }
    while (cls->n_subtables) {
        struct cls_subtable *subtable = cls->subtables[0];
        struct cls_head *head;

        HMAP_FOR_EACH_POP (head, node, &subtable->heads) {
            struct cls_match *m, *next;

            for (m = head->rules; m; m = next) {
                next = m->next;
                CLS_CONST_CAST(struct cls_rule *, m->rule)->cls_match = NULL;
                free(m);
            }
            free(head);
        }
        subtable_destroy(cls, subtable);
    }
    hmap_destroy(&cls->subtables_map);
    free(cls->subtables);
    cls->subtables = NULL;
    cls->n_rules = 0;
}

const struct cls_rule *
classifier_replace(struct classifier *cls, const struct cls_rule *rule,
                   ovs_version_t version)
{
    const struct minimask *mask = rule->match.mask;
    uint32_t mask_hash = minimask_hash(mask, 0);
    struct cls_subtable *subtable;
    uint32_t stage_hashes[CLS_N_SEGMENTS - 1];
    struct cls_match *new, **pos;
    struct cls_head *head;
    uint32_t hash;

    ovs_assert(!rule->cls_match);
    subtable = classifier_find_subtable(cls, mask, mask_hash);
    if (!subtable) {
        subtable = subtable_create(cls, mask, mask_hash);
    }

    head = xmalloc(sizeof *head + subtable->n_words * sizeof(uint64_t));
    subtable_values_from_match(subtable, &rule->match, head->values);
    hash = subtable_hash_values(subtable, head->values, stage_hashes);
    struct cls_head *old_head = subtable_find_head(subtable, head->values,
                                                   hash);
    if (old_head) {
        free(head);
        head = old_head;
    } else {
        memcpy(head->stage_hashes, stage_hashes, sizeof stage_hashes);
        head->rules = NULL;
        hmap_insert(&subtable->heads, &head->node, hash);
        for (size_t s = 0; s < subtable->n_indices; s++) {
            stage_count_add(&subtable->indices[s], stage_hashes[s]);
        }
    }

    new = xmalloc(sizeof *new);
    new->head = head;
    new->subtable = subtable;
    new->rule = rule;
    new->priority = rule->priority;
    new->add_version = version;
    new->remove_version = OVS_VERSION_NOT_REMOVED;
    CLS_CONST_CAST(struct cls_rule *, rule)->cls_match = new;

    /* Find the place: after higher priorities; an identical rule visible
     * in VERSION is replaced; otherwise before other rules of the same
     * priority (newest first). */
    for (pos = &head->rules; *pos && (*pos)->priority > new->priority;
         pos = &(*pos)->next) {
        continue;
    }
    for (struct cls_match **p = pos; *p && (*p)->priority == new->priority;
         p = &(*p)->next) {
        struct cls_match *old = *p;

        if (cls_match_visible_in_version(old, version)) {
            const struct cls_rule *old_rule = old->rule;

            new->next = old->next;
            *p = new;
            CLS_CONST_CAST(struct cls_rule *, old_rule)->cls_match = NULL;
            free(old);
            return old_rule;
        }
    }
    new->next = *pos;
    *pos = new;

    subtable->n_rules++;
    cls->n_rules++;
    if (new->priority > subtable->max_priority) {
        subtable->max_priority = new->priority;
        subtable->max_count = 1;
        subtable_resort(cls, subtable);
    } else if (new->priority == subtable->max_priority) {
        subtable->max_count++;
    }
    return NULL;
}

void
classifier_insert(struct classifier *cls, const struct cls_rule *rule,
                  ovs_version_t version)
{
    const struct cls_rule *displaced = classifier_replace(cls, rule,
                                                          version);
    ovs_assert(!displaced);
}

const struct cls_rule *
classifier_remove(struct classifier *cls, const struct cls_rule *rule)
{
    struct cls_match *m = rule->cls_match;
    struct cls_subtable *subtable;
    struct cls_head *head;
    struct cls_match **p;

    if (!m) {
        return NULL;
    }
    subtable = m->subtable;
    head = m->head;
    for (p = &head->rules; *p != m; p = &(*p)->next) {
        continue;
    }
    *p = m->next;
    CLS_CONST_CAST(struct cls_rule *, rule)->cls_match = NULL;
    if (!head->rules) {
        hmap_remove(&subtable->heads, &head->node);
        for (size_t s = 0; s < subtable->n_indices; s++) {
            stage_count_remove(&subtable->indices[s],
                               head->stage_hashes[s]);
        }
        free(head);
    }
    cls->n_rules--;
    if (!--subtable->n_rules) {
        subtable_destroy(cls, subtable);
    } else if (m->priority == subtable->max_priority
               && !--subtable->max_count) {
        subtable_recompute_max(subtable);
        subtable_resort(cls, subtable);
    }
    free(m);
    return rule;
}

void
classifier_remove_assert(struct classifier *cls, const struct cls_rule *rule)
{
    const struct cls_rule *removed = classifier_remove(cls, rule);
    ovs_assert(removed == rule);
}

/* Lookup. */

/* Sets in WC the first N words of SUBTABLE's mask. */
static inline void
subtable_unwildcard(const struct cls_subtable *subtable, size_t n,
                    struct flow_wildcards *wc)
{
    if (wc) {
        uint64_t *w = flow_u64(&wc->masks);

        for (size_t i = 0; i < n; i++) {
            w[subtable->idx[i]] |= subtable->mask[i];
        }
    }
}

/* Returns the best rule in SUBTABLE visible in VERSION that FLOW matches,
 * un-wildcarding in WC what it looked at.  (Prefix tries would go here:
 * before the stages, to un-wildcard fewer address bits.) */
static inline const struct cls_match *
subtable_lookup(const struct cls_subtable *subtable, ovs_version_t version,
                const struct flow *flow, struct flow_wildcards *wc)
{
    const uint64_t *f = flow_u64_const(flow);
    const uint16_t *idx = subtable->idx;
    const uint64_t *mask = subtable->mask;
    size_t n = subtable->n_words;
    uint32_t hash = 0;
    size_t i = 0;

    for (size_t s = 0; s < subtable->n_indices; s++) {
        size_t end = subtable->index_ends[s];

        for (; i < end; i++) {
            hash = hash_add64(hash, f[idx[i]] & mask[i]);
        }
        if (!stage_contains(&subtable->indices[s],
                            subtable_stage_hash(hash, i))) {
            subtable_unwildcard(subtable, i, wc);
            return NULL;
        }
    }
    for (; i < n; i++) {
        hash = hash_add64(hash, f[idx[i]] & mask[i]);
    }
    hash = subtable_stage_hash(hash, n);
    subtable_unwildcard(subtable, n, wc);

    struct hmap_node *node = hmap_first_with_hash(&subtable->heads, hash);
    for (; node; node = hmap_next_with_hash(node)) {
        const struct cls_head *head = CONTAINER_OF(node, struct cls_head,
                                                   node);
        const uint64_t *v = head->values;

        for (i = 0; i < n; i++) {
            if ((f[idx[i]] & mask[i]) != v[i]) {
                break;
            }
        }
        if (i == n) {
            for (const struct cls_match *m = head->rules; m; m = m->next) {
                if (cls_match_visible_in_version(m, version)) {
                    return m;
                }
            }
            return NULL;
        }
    }
    return NULL;
}

const struct cls_rule *
classifier_lookup(const struct classifier *cls, ovs_version_t version,
                  const struct flow *flow, struct flow_wildcards *wc)
{
    const struct cls_match *best = NULL;

    for (size_t i = 0; i < cls->n_subtables; i++) {
        const struct cls_subtable *subtable = cls->subtables[i];
        const struct cls_match *m;

        if (best && subtable->max_priority <= best->priority) {
            break;
        }
        m = subtable_lookup(subtable, version, flow, wc);
        if (m && (!best || m->priority > best->priority)) {
            best = m;
        }
    }
    return best ? best->rule : NULL;
}

/* Finding. */

static const struct cls_head *
classifier_find_head(const struct classifier *cls,
                     const struct cls_minimatch *match)
{
    const struct cls_subtable *subtable;
    uint32_t stage_hashes[CLS_N_SEGMENTS - 1];
    const struct cls_head *head;
    uint64_t *values;
    uint32_t hash;

    subtable = classifier_find_subtable(cls, match->mask,
                                        minimask_hash(match->mask, 0));
    if (!subtable) {
        return NULL;
    }
    values = xmalloc(MAX(subtable->n_words, 1) * sizeof *values);
    subtable_values_from_match(subtable, match, values);
    hash = subtable_hash_values(subtable, values, stage_hashes);
    head = subtable_find_head(subtable, values, hash);
    free(values);
    return head;
}

const struct cls_rule *
classifier_find_rule_exactly(const struct classifier *cls,
                             const struct cls_rule *target,
                             ovs_version_t version)
{
    const struct cls_head *head = classifier_find_head(cls, &target->match);

    if (head) {
        for (const struct cls_match *m = head->rules; m; m = m->next) {
            if (m->priority == target->priority
                && cls_match_visible_in_version(m, version)) {
                return m->rule;
            }
        }
    }
    return NULL;
}

const struct cls_rule *
classifier_find_match_exactly(const struct classifier *cls,
                              const struct flow *flow,
                              const struct flow_wildcards *wc, int priority,
                              ovs_version_t version)
{
    const struct cls_rule *found;
    struct cls_rule target;

    cls_rule_init(&target, flow, wc, priority);
    found = classifier_find_rule_exactly(cls, &target, version);
    cls_rule_destroy(&target);
    return found;
}

bool
classifier_rule_overlaps(const struct classifier *cls,
                         const struct cls_rule *target,
                         ovs_version_t version)
{
    struct flow_wildcards twc, swc, both;
    struct flow tflow;

    cls_rule_expand(target, &tflow, &twc);
    for (size_t i = 0; i < cls->n_subtables; i++) {
        const struct cls_subtable *subtable = cls->subtables[i];
        const struct cls_head *head;

        if (subtable->max_priority < target->priority) {
            break;
        }
        minimask_expand(subtable->minimask, &swc);
        flow_wildcards_and(&both, &twc, &swc);
        HMAP_FOR_EACH (head, node, &subtable->heads) {
            const struct cls_match *m;
            size_t j;

            /* Words where both care must agree. */
            for (j = 0; j < subtable->n_words; j++) {
                size_t w = subtable->idx[j];
                uint64_t bm = flow_u64_const(&both.masks)[w];

                if ((head->values[j] ^ flow_u64_const(&tflow)[w]) & bm) {
                    break;
                }
            }
            if (j < subtable->n_words) {
                continue;
            }
            for (m = head->rules; m; m = m->next) {
                if (m->priority == target->priority && m->rule != target
                    && cls_match_visible_in_version(m, version)) {
                    return true;
                }
            }
        }
    }
    return false;
}

/* Iteration. */

/* The first match at or after M (in iteration order) that CURSOR selects,
 * or NULL.  Iteration order: subtables in subtables_map order, heads in
 * each subtable's hmap order, rules in each head's list order. */
static bool
cursor_selects_subtable(const struct cls_cursor *cursor,
                        const struct cls_subtable *subtable)
{
    return (!cursor->target
            || !minimask_has_extra(cursor->target->mask,
                                   subtable->minimask));
}

static bool
cursor_selects(const struct cls_cursor *cursor, const struct cls_match *m)
{
    if (!cursor->all_versions
        && !cls_match_visible_in_version(m, cursor->version)) {
        return false;
    }
    return (!cursor->target
            || miniflow_equal_in_minimask(m->rule->match.flow,
                                          cursor->target->flow,
                                          cursor->target->mask));
}

/* The first selected match in HEAD or any later head of SUBTABLE or any
 * later subtable (HEAD may be NULL: start at SUBTABLE's first head;
 * SUBTABLE may be NULL: start at the first subtable). */
static const struct cls_match *
cursor_scan(const struct cls_cursor *cursor,
            const struct cls_subtable *subtable, const struct cls_head *head,
            const struct cls_match *m)
{
    const struct hmap *map = &cursor->cls->subtables_map;
    struct hmap_node *snode;

    snode = subtable ? CLS_CONST_CAST(struct hmap_node *, &subtable->node)
                     : hmap_first(map);
    for (; snode; snode = hmap_next(map, snode), head = NULL, m = NULL) {
        subtable = CONTAINER_OF(snode, struct cls_subtable, node);
        if (!cursor_selects_subtable(cursor, subtable)) {
            continue;
        }

        struct hmap_node *hnode;
        hnode = head ? CLS_CONST_CAST(struct hmap_node *, &head->node)
                     : hmap_first(&subtable->heads);
        for (; hnode; hnode = hmap_next(&subtable->heads, hnode), m = NULL) {
            head = CONTAINER_OF(hnode, struct cls_head, node);
            for (m = m ? m : head->rules; m; m = m->next) {
                if (cursor_selects(cursor, m)) {
                    return m;
                }
            }
        }
    }
    return NULL;
}

/* The selected match after M. */
static const struct cls_match *
cursor_next_after(const struct cls_cursor *cursor, const struct cls_match *m)
{
    if (m->next) {
        return cursor_scan(cursor, m->subtable, m->head, m->next);
    } else {
        struct hmap_node *hnode = hmap_next(&m->subtable->heads,
                                            &m->head->node);
        if (hnode) {
            return cursor_scan(cursor, m->subtable,
                               CONTAINER_OF(hnode, struct cls_head, node),
                               NULL);
        } else {
            struct hmap_node *snode = hmap_next(&cursor->cls->subtables_map,
                                                &m->subtable->node);
            return (snode
                    ? cursor_scan(cursor,
                                  CONTAINER_OF(snode, struct cls_subtable,
                                               node), NULL, NULL)
                    : NULL);
        }
    }
}

struct cls_cursor
cls_cursor_start(const struct classifier *cls,
                 const struct cls_minimatch *target, ovs_version_t version,
                 bool all_versions)
{
    struct cls_cursor cursor;
    const struct cls_match *m;

    cursor.cls = cls;
    cursor.target = target && !minimask_is_catchall(target->mask)
                    ? target : NULL;
    cursor.version = version;
    cursor.all_versions = all_versions;
    m = cursor_scan(&cursor, NULL, NULL, NULL);
    cursor.rule = m ? m->rule : NULL;
    cursor.next = m ? cursor_next_after(&cursor, m) : NULL;
    return cursor;
}

void
cls_cursor_advance(struct cls_cursor *cursor)
{
    const struct cls_match *m = cursor->next;

    cursor->rule = m ? m->rule : NULL;
    cursor->next = m ? cursor_next_after(cursor, m) : NULL;
}
