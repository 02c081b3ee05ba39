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

    /* For each prefix field with a trie: the length of the subtable's
     * prefix on it, or 0 if the subtable does not use the trie for it
     * (the field is wildcarded, or its mask is not a prefix). */
    uint8_t trie_plen[CLS_N_PREFIX_FIELDS];
    bool any_trie;              /* Some trie_plen[] is nonzero. */
    size_t trie_stage;          /* The stage the address fields are in. */
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

/* Prefix tries. */

struct cls_trie_node {
    uint32_t prefix;            /* n_bits bits, most significant first. */
    uint8_t n_bits;             /* 1...32. */
    uint32_t n_rules;           /* Prefixes (heads) that end here. */
    struct cls_trie_node *edges[2]; /* By the bit after this node's. */
};

static const struct {
    size_t ofs;                 /* Offset in struct flow. */
    size_t n_bits;              /* Address length. */
} cls_prefix_fields[CLS_N_PREFIX_FIELDS] = {
    [CLS_PREFIX_NW_SRC] = { offsetof(struct flow, nw_src), 32 },
    [CLS_PREFIX_NW_DST] = { offsetof(struct flow, nw_dst), 32 },
    [CLS_PREFIX_IPV6_SRC] = { offsetof(struct flow, ipv6_src), 128 },
    [CLS_PREFIX_IPV6_DST] = { offsetof(struct flow, ipv6_dst), 128 },
};

/* subtable_lookup() consults the tries at the start of the L3 stage. */
BUILD_ASSERT_DECL(offsetof(struct flow, nw_src) >= FLOW_SEGMENT_2_ENDS_AT);
BUILD_ASSERT_DECL(offsetof(struct flow, ipv6_dst) + 16
                  <= FLOW_SEGMENT_3_ENDS_AT);

/* An address as 4 host-order words, most significant first, zero past
 * its end. */
struct cls_addr {
    uint32_t w[4];
};

static void
cls_addr_from_flow(const struct flow *flow, enum cls_prefix_field f,
                   struct cls_addr *addr)
{
    const uint8_t *p = (const uint8_t *) flow + cls_prefix_fields[f].ofs;
    size_t n = cls_prefix_fields[f].n_bits / 32;

    memset(addr, 0, sizeof *addr);
    for (size_t i = 0; i < n; i++) {
        ovs_be32 be;

        memcpy(&be, p + 4 * i, 4);
        addr->w[i] = ntohl(be);
    }
}

static inline unsigned int
cls_addr_bit(const struct cls_addr *addr, size_t ofs)
{
    return ofs < 128 ? (addr->w[ofs / 32] >> (31 - ofs % 32)) & 1 : 0;
}

/* N (1...32) bits of ADDR from bit OFS, most significant first. */
static inline uint32_t
cls_addr_bits(const struct cls_addr *addr, size_t ofs, size_t n)
{
    size_t w = ofs / 32, b = ofs % 32;
    uint32_t x = w < 4 ? addr->w[w] << b : 0;

    if (b && w + 1 < 4) {
        x |= addr->w[w + 1] >> (32 - b);
    }
    return n < 32 ? x & ~(UINT32_MAX >> n) : x;
}

/* The length of the prefix mask of field F in WC, or 0 if F is
 * wildcarded or its mask is not a prefix. */
static size_t
cls_prefix_len(const struct flow_wildcards *wc, enum cls_prefix_field f)
{
    struct cls_addr m;
    size_t len = 0;
    size_t i;

    cls_addr_from_flow(&wc->masks, f, &m);
    for (i = 0; i < 4 && m.w[i] == UINT32_MAX; i++) {
        len += 32;
    }
    if (i < 4) {
        uint32_t x = m.w[i];
        size_t ones = raw_clz64((uint64_t) ~x << 32);

        /* The word must be ONES 1-bits, then 0-bits. */
        if (ones && x != ~(UINT32_MAX >> ones)) {
            return 0;
        } else if (!ones && x) {
            return 0;
        }
        len += ones;
        for (i++; i < 4; i++) {
            if (m.w[i]) {
                return 0;
            }
        }
    }
    return len;
}

/* Bits that NODE's prefix shares with ADDR from bit OFS, at most MAX. */
static inline size_t
trie_equal_bits(const struct cls_trie_node *node, const struct cls_addr *addr,
                size_t ofs, size_t max)
{
    uint32_t diff = node->prefix ^ cls_addr_bits(addr, ofs, node->n_bits);
    size_t eq = diff ? raw_clz64((uint64_t) diff << 32) : 32;

    return MIN(eq, max);
}

/* A chain of nodes for bits OFS...PLEN - 1 of ADDR, ending a prefix. */
static struct cls_trie_node *
trie_chain(const struct cls_addr *addr, size_t ofs, size_t plen)
{
    struct cls_trie_node *node = xzalloc(sizeof *node);
    size_t n = MIN(32, plen - ofs);

    node->prefix = cls_addr_bits(addr, ofs, n);
    node->n_bits = n;
    if (ofs + n == plen) {
        node->n_rules = 1;
    } else {
        node->edges[cls_addr_bit(addr, ofs + n)] = trie_chain(addr, ofs + n,
                                                              plen);
    }
    return node;
}

static void
trie_insert(struct cls_trie_node **roots, const struct cls_addr *addr,
            size_t plen)
{
    struct cls_trie_node **edge = &roots[cls_addr_bit(addr, 0)];
    size_t ofs = 0;

    for (;;) {
        struct cls_trie_node *node = *edge;
        size_t eq;

        if (!node) {
            *edge = trie_chain(addr, ofs, plen);
            return;
        }
        eq = trie_equal_bits(node, addr, ofs, MIN(node->n_bits, plen - ofs));
        if (eq < node->n_bits) {
            /* Split NODE after its first EQ bits (EQ >= 1: a node's
             * first bit is the one its edge was chosen by). */
            struct cls_trie_node *parent = xzalloc(sizeof *parent);

            parent->prefix = node->prefix & ~(UINT32_MAX >> eq);
            parent->n_bits = eq;
            node->prefix <<= eq;
            node->n_bits -= eq;
            parent->edges[node->prefix >> 31] = node;
            if (ofs + eq == plen) {
                parent->n_rules = 1;
            } else {
                parent->edges[cls_addr_bit(addr, ofs + eq)]
                    = trie_chain(addr, ofs + eq, plen);
            }
            *edge = parent;
            return;
        }
        ofs += node->n_bits;
        if (ofs == plen) {
            node->n_rules++;
            return;
        }
        edge = &node->edges[cls_addr_bit(addr, ofs)];
    }
}

static void
trie_remove(struct cls_trie_node **roots, const struct cls_addr *addr,
            size_t plen)
{
    struct cls_trie_node **path[129];
    struct cls_trie_node **edge = &roots[cls_addr_bit(addr, 0)];
    struct cls_trie_node *node;
    size_t depth = 0, ofs = 0;

    for (;;) {
        node = *edge;
        ovs_assert(node);
        path[depth++] = edge;
        ofs += node->n_bits;
        if (ofs >= plen) {
            break;
        }
        edge = &node->edges[cls_addr_bit(addr, ofs)];
    }
    ovs_assert(ofs == plen && node->n_rules);
    node->n_rules--;

    /* Drop nodes that end no prefix and lead nowhere, and merge a node
     * that ends no prefix into its only child when they fit in one. */
    while (depth > 0) {
        struct cls_trie_node *child;

        edge = path[--depth];
        node = *edge;
        if (node->n_rules || (node->edges[0] && node->edges[1])) {
            break;
        } else if (!node->edges[0] && !node->edges[1]) {
            *edge = NULL;
            free(node);
            continue;
        }
        child = node->edges[0] ? node->edges[0] : node->edges[1];
        if (node->n_bits + child->n_bits <= 32) {
            node->prefix |= child->prefix >> node->n_bits;
            node->n_bits += child->n_bits;
            node->n_rules = child->n_rules;
            node->edges[0] = child->edges[0];
            node->edges[1] = child->edges[1];
            free(child);
        }
        break;
    }
}

static void
trie_destroy(struct cls_trie_node *node)
{
    if (node) {
        trie_destroy(node->edges[0]);
        trie_destroy(node->edges[1]);
        free(node);
    }
}

/* What a walk of a trie with one address found. */
struct cls_trie_result {
    bool done;                  /* Walked (or found unusable)? */
    bool usable;                /* The packet has this field. */
    size_t checked;             /* Leading bits read. */
    uint64_t plens[3];          /* Bit L: a prefix of length L matches. */
};

static void
trie_lookup(struct cls_trie_node *const *roots, const struct cls_addr *addr,
            size_t addr_bits, struct cls_trie_result *r)
{
    const struct cls_trie_node *node = roots[cls_addr_bit(addr, 0)];
    size_t ofs = 0;

    memset(r->plens, 0, sizeof r->plens);
    while (node) {
        size_t eq = trie_equal_bits(node, addr, ofs, node->n_bits);

        if (eq < node->n_bits) {
            /* Bit OFS + EQ differs: read up to it. */
            r->checked = ofs + eq + 1;
            return;
        }
        ofs += node->n_bits;
        if (node->n_rules) {
            r->plens[ofs / 64] |= UINT64_C(1) << (ofs % 64);
        }
        if (ofs >= addr_bits) {
            r->checked = addr_bits;
            return;
        }
        node = node->edges[cls_addr_bit(addr, ofs)];
    }
    /* Fell off after reading bit OFS (the edge it chose is empty). */
    r->checked = MIN(ofs + 1, addr_bits);
}

/* Sets the first N bits of field F in WC. */
static void
trie_unwildcard(struct flow_wildcards *wc, enum cls_prefix_field f,
                size_t n)
{
    uint8_t *p = (uint8_t *) &wc->masks + cls_prefix_fields[f].ofs;

    memset(p, 0xff, n / 8);
    if (n % 8) {
        p[n / 8] |= 0xff << (8 - n % 8);
    }
}

/* Does FLOW have field F at all? */
static bool
trie_usable(const struct flow *flow, enum cls_prefix_field f)
{
    return (f == CLS_PREFIX_NW_SRC || f == CLS_PREFIX_NW_DST
            ? is_ipv4(flow) || is_arp(flow)
            : is_ipv6(flow));
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

    ovs_assert(version >= m->add_version);
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

static void
subtable_set_trie_plens(const struct classifier *cls,
                        struct cls_subtable *subtable)
{
    struct flow_wildcards wc;

    minimask_expand(subtable->minimask, &wc);
    subtable->any_trie = false;
    for (int f = 0; f < CLS_N_PREFIX_FIELDS; f++) {
        subtable->trie_plen[f] = (cls->prefix_fields & (1u << f)
                                  ? cls_prefix_len(&wc, f) : 0);
        subtable->any_trie |= subtable->trie_plen[f] != 0;
    }
}

/* Adds HEAD's prefixes (those of MATCH, one of its rules) to the tries,
 * or with ADD false removes them. */
static void
subtable_trie_update(struct classifier *cls,
                     const struct cls_subtable *subtable,
                     const struct cls_minimatch *match, bool add)
{
    struct flow flow;

    if (!subtable->any_trie) {
        return;
    }
    miniflow_expand(match->flow, &flow);
    for (int f = 0; f < CLS_N_PREFIX_FIELDS; f++) {
        size_t plen = subtable->trie_plen[f];

        if (plen) {
            struct cls_addr addr;

            cls_addr_from_flow(&flow, f, &addr);
            if (add) {
                trie_insert(cls->tries[f], &addr, plen);
            } else {
                trie_remove(cls->tries[f], &addr, plen);
            }
        }
    }
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

    /* The address fields are all in the L3 segment: find the first stage
     * that starts there or later. */
    subtable->trie_stage = 0;
    while (subtable->trie_stage < subtable->n_indices) {
        size_t t = subtable->trie_stage;
        size_t first = subtable->idx[t ? subtable->index_ends[t - 1] : 0];

        if (first >= FLOW_SEGMENT_2_ENDS_AT / sizeof(uint64_t)) {
            break;
        }
        subtable->trie_stage++;
    }

    subtable_set_trie_plens(cls, subtable);

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
    cls->prefix_fields = CLS_PREFIX_DEFAULT;
    memset(cls->tries, 0, sizeof cls->tries);
}

static void
classifier_destroy_tries(struct classifier *cls)
{
    for (int f = 0; f < CLS_N_PREFIX_FIELDS; f++) {
        trie_destroy(cls->tries[f][0]);
        trie_destroy(cls->tries[f][1]);
        cls->tries[f][0] = cls->tries[f][1] = NULL;
    }
}

void
classifier_set_prefix_fields(struct classifier *cls, unsigned int fields)
{
    fields &= (1u << CLS_N_PREFIX_FIELDS) - 1;
    classifier_destroy_tries(cls);
    cls->prefix_fields = fields;
    for (size_t i = 0; i < cls->n_subtables; i++) {
        struct cls_subtable *subtable = cls->subtables[i];
        struct cls_head *head;

        subtable_set_trie_plens(cls, subtable);
        HMAP_FOR_EACH (head, node, &subtable->heads) {
            subtable_trie_update(cls, subtable, &head->rules->rule->match,
                                 true);
        }
    }
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
    classifier_destroy_tries(cls);
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
        subtable_trie_update(cls, subtable, &rule->match, true);
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
        subtable_trie_update(cls, subtable, &rule->match, false);
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

/* Can the tries tell that SUBTABLE has no rule that FLOW matches?  If so,
 * un-wildcards in WC the address bits that shows and returns true.
 * TRIES caches each trie's walk for FLOW. */
static bool
subtable_ruled_out_by_tries(const struct classifier *cls,
                            const struct cls_subtable *subtable,
                            const struct flow *flow,
                            struct cls_trie_result *tries,
                            struct flow_wildcards *wc)
{
    for (int f = 0; f < CLS_N_PREFIX_FIELDS; f++) {
        size_t plen = subtable->trie_plen[f];
        struct cls_trie_result *r = &tries[f];

        if (!plen) {
            continue;
        }
        if (!r->done) {
            r->done = true;
            r->usable = trie_usable(flow, f);
            if (r->usable) {
                struct cls_addr addr;

                cls_addr_from_flow(flow, f, &addr);
                trie_lookup(cls->tries[f], &addr,
                            cls_prefix_fields[f].n_bits, r);
            }
        }
        if (r->usable && !(r->plens[plen / 64] >> (plen % 64) & 1)) {
            if (wc) {
                trie_unwildcard(wc, f, r->checked);
            }
            return true;
        }
    }
    return false;
}

/* SUBTABLE does not match FLOW, as the first N words of its mask show:
 * un-wildcards what it takes to show it.  If the address fields are
 * among those words and the tries can rule the subtable out, their
 * leading bits are enough; otherwise the N words are. */
static void
subtable_miss(const struct classifier *cls,
              const struct cls_subtable *subtable, size_t n, bool past_trie,
              const struct flow *flow, struct cls_trie_result *tries,
              struct flow_wildcards *wc)
{
    if (wc && !(past_trie && subtable->any_trie
                && subtable_ruled_out_by_tries(cls, subtable, flow, tries,
                                               wc))) {
        subtable_unwildcard(subtable, n, wc);
    }
}

/* Returns the best rule in SUBTABLE visible in VERSION that FLOW matches,
 * un-wildcarding in WC what it looked at.
 *
 * The tries are walked only when the subtable misses in the stage with
 * the address fields or later, where they may spare the address bits: a
 * hit un-wildcards the whole mask anyway, and a miss in an earlier stage
 * un-wildcards no address bits. */
static inline const struct cls_match *
subtable_lookup(const struct classifier *cls,
                const struct cls_subtable *subtable, ovs_version_t version,
                const struct flow *flow, struct cls_trie_result *tries,
                struct flow_wildcards *wc)
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
            subtable_miss(cls, subtable, i, s >= subtable->trie_stage, flow,
                          tries, wc);
            return NULL;
        }
    }
    for (; i < n; i++) {
        hash = hash_add64(hash, f[idx[i]] & mask[i]);
    }
    hash = subtable_stage_hash(hash, n);

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
            /* The values match: whatever the versions say, the result
             * depends on the whole mask. */
            subtable_unwildcard(subtable, n, wc);
            for (const struct cls_match *m = head->rules; m; m = m->next) {
                if (cls_match_visible_in_version(m, version)) {
                    return m;
                }
            }
            return NULL;
        }
    }
    subtable_miss(cls, subtable, n, true, flow, tries, wc);
    return NULL;
}

const struct cls_rule *
classifier_lookup(const struct classifier *cls, ovs_version_t version,
                  const struct flow *flow, struct flow_wildcards *wc)
{
    struct cls_trie_result tries[CLS_N_PREFIX_FIELDS];
    const struct cls_match *best = NULL;

    for (int f = 0; f < CLS_N_PREFIX_FIELDS; f++) {
        tries[f].done = false;
    }
    for (size_t i = 0; i < cls->n_subtables; i++) {
        const struct cls_subtable *subtable = cls->subtables[i];
        const struct cls_match *m;

        if (best && subtable->max_priority <= best->priority) {
            break;
        }
        m = subtable_lookup(cls, subtable, version, flow, tries, wc);
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
