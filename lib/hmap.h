/* hmap.h: intrusive hash map.
 *
 * An hmap does not store keys or values.  The caller embeds a struct
 * hmap_node in its own object, computes a hash of the object's key (see
 * hash.h), and inserts the node.  Lookup walks the nodes with a given hash
 * (HMAP_FOR_EACH_WITH_HASH) and compares keys itself.  Several nodes may
 * share a hash, and even be "equal" by the caller's standards: the map does
 * not care.
 *
 * The table is an array of singly linked buckets whose length is a power of
 * two.  Insertion grows it to keep at most one node per bucket on average,
 * so lookups touch about one node.  Removal never shrinks it automatically;
 * call hmap_shrink() after removing many nodes.  A map with at most one
 * bucket allocates no memory, so an empty map costs nothing.
 *
 * Not thread-safe: callers serialize access.  Iteration order is arbitrary
 * and changes when the map is resized.  Inserting during iteration is not
 * allowed; removing the current node is allowed only in the _SAFE and _POP
 * loops. */
#ifndef HMAP_H
#define HMAP_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util.h"

struct hmap_node {
    size_t hash;                /* Hash value given at insertion. */
    struct hmap_node *next;     /* Next node in the same bucket. */
};

static inline size_t
hmap_node_hash(const struct hmap_node *node)
{
    return node->hash;
}

struct hmap {
    struct hmap_node **buckets; /* Array of mask + 1 bucket heads. */
    struct hmap_node *one;      /* Storage for the single bucket of a tiny
                                 * map, so that it needs no allocation. */
    size_t mask;                /* Number of buckets minus one. */
    size_t n;                   /* Number of nodes. */
};

/* Initializer for an empty map named HMAP (its own address is needed). */
#define HMAP_INITIALIZER(HMAP) \
    { (struct hmap_node **const) &(HMAP)->one, NULL, 0, 0 }

void hmap_init(struct hmap *);
void hmap_destroy(struct hmap *);   /* Frees the buckets, not the nodes. */
void hmap_clear(struct hmap *);     /* Forgets all nodes, keeps buckets. */
void hmap_swap(struct hmap *a, struct hmap *b);
void hmap_moved(struct hmap *);     /* Call after moving the struct hmap. */

static inline size_t hmap_count(const struct hmap *hmap) { return hmap->n; }
static inline bool hmap_is_empty(const struct hmap *hmap)
{
    return hmap->n == 0;
}

/* Resizing. */
void hmap_expand_at(struct hmap *, const char *where);
void hmap_shrink_at(struct hmap *, const char *where);
void hmap_reserve_at(struct hmap *, size_t capacity, const char *where);
#define hmap_expand(HMAP) hmap_expand_at(HMAP, OVS_SOURCE_LOCATOR)
#define hmap_shrink(HMAP) hmap_shrink_at(HMAP, OVS_SOURCE_LOCATOR)
#define hmap_reserve(HMAP, CAP) hmap_reserve_at(HMAP, CAP, OVS_SOURCE_LOCATOR)

/* Inserts NODE with HASH, without growing the table. */
static inline void
hmap_insert_fast(struct hmap *hmap, struct hmap_node *node, size_t hash)
{
    struct hmap_node **bucket = &hmap->buckets[hash & hmap->mask];

    node->hash = hash;
    node->next = *bucket;
    *bucket = node;
    hmap->n++;
}

/* Inserts NODE with HASH, growing the table if it gets crowded. */
static inline void
hmap_insert_at(struct hmap *hmap, struct hmap_node *node, size_t hash,
               const char *where)
{
    hmap_insert_fast(hmap, node, hash);
    if (hmap->n > hmap->mask + 1) {
        hmap_expand_at(hmap, where);
    }
}
#define hmap_insert(HMAP, NODE, HASH) \
    hmap_insert_at(HMAP, NODE, HASH, OVS_SOURCE_LOCATOR)

/* Removes NODE, which must be in HMAP. */
static inline void
hmap_remove(struct hmap *hmap, struct hmap_node *node)
{
    struct hmap_node **bucket = &hmap->buckets[node->hash & hmap->mask];

    while (*bucket != node) {
        bucket = &(*bucket)->next;
    }
    *bucket = node->next;
    hmap->n--;
}

/* Puts NEW_NODE in OLD_NODE's place; NEW_NODE must have the same hash. */
static inline void
hmap_replace(struct hmap *hmap, const struct hmap_node *old_node,
             struct hmap_node *new_node)
{
    struct hmap_node **bucket = &hmap->buckets[old_node->hash & hmap->mask];

    while (*bucket != old_node) {
        bucket = &(*bucket)->next;
    }
    *bucket = new_node;
    new_node->hash = old_node->hash;
    new_node->next = old_node->next;
}

/* Nodes with a given hash. */
static inline struct hmap_node *
hmap_next_with_hash__(const struct hmap_node *node, size_t hash)
{
    while (node != NULL && node->hash != hash) {
        node = node->next;
    }
    return (struct hmap_node *) node;
}

static inline struct hmap_node *
hmap_first_with_hash(const struct hmap *hmap, size_t hash)
{
    return hmap_next_with_hash__(hmap->buckets[hash & hmap->mask], hash);
}

static inline struct hmap_node *
hmap_next_with_hash(const struct hmap_node *node)
{
    return hmap_next_with_hash__(node->next, node->hash);
}

/* Nodes in the bucket where HASH would go (they may have other hashes). */
static inline struct hmap_node *
hmap_first_in_bucket(const struct hmap *hmap, size_t hash)
{
    return hmap->buckets[hash & hmap->mask];
}

/* All nodes. */
struct hmap_node *hmap_first(const struct hmap *);
struct hmap_node *hmap_next(const struct hmap *, const struct hmap_node *);

/* Iteration that can be resumed later: *BUCKET and *OFFSET start at 0 and
 * are advanced past the returned node; returns NULL at the end. */
struct hmap_node *hmap_at_position(const struct hmap *,
                                   uint32_t *bucket, uint32_t *offset);

/* Returns true if NODE is in HMAP. */
bool hmap_contains(const struct hmap *, const struct hmap_node *);

/* Iteration macros.  NODE is a pointer to the caller's struct, MEMBER the
 * name of its struct hmap_node member.  After a loop that ran to the end,
 * NODE is NULL. */
#define HMAP_FOR_EACH_WITH_HASH(NODE, MEMBER, HASH, HMAP)               \
    for (struct hmap_node *hnode__ = hmap_first_with_hash(HMAP, HASH);  \
         hnode__ ? ASSIGN_CONTAINER(NODE, hnode__, MEMBER)              \
                 : ((NODE) = NULL, 0);                                  \
         hnode__ = hmap_next_with_hash(hnode__))

#define HMAP_FOR_EACH_IN_BUCKET(NODE, MEMBER, HASH, HMAP)               \
    for (struct hmap_node *hnode__ = hmap_first_in_bucket(HMAP, HASH);  \
         hnode__ ? ASSIGN_CONTAINER(NODE, hnode__, MEMBER)              \
                 : ((NODE) = NULL, 0);                                  \
         hnode__ = hnode__->next)

#define HMAP_FOR_EACH(NODE, MEMBER, HMAP)                               \
    for (struct hmap_node *hnode__ = hmap_first(HMAP);                  \
         hnode__ ? ASSIGN_CONTAINER(NODE, hnode__, MEMBER)              \
                 : ((NODE) = NULL, 0);                                  \
         hnode__ = hmap_next(HMAP, hnode__))

/* Like HMAP_FOR_EACH, but the body may remove (and free) NODE. */
#define HMAP_FOR_EACH_SAFE(NODE, MEMBER, HMAP)                          \
    for (struct hmap_node *hnode__ = hmap_first(HMAP), *hnext__;        \
         hnode__ ? (hnext__ = hmap_next(HMAP, hnode__),                 \
                    ASSIGN_CONTAINER(NODE, hnode__, MEMBER))            \
                 : ((NODE) = NULL, 0);                                  \
         hnode__ = hnext__)

/* Removes each node from HMAP in turn and runs the body on it.
 * It resumes each search for a node at the bucket where the previous one
 * was found, so that emptying a map takes time linear in its number of
 * buckets, not quadratic. */
struct hmap_pop__ {
    size_t bucket;              /* Where to look for the next node. */
    struct hmap_node *node;     /* The node just removed. */
};
struct hmap_node *hmap_pop_helper__(struct hmap *, size_t *bucket);
#define HMAP_FOR_EACH_POP(NODE, MEMBER, HMAP)                           \
    for (struct hmap_pop__ pop__ = { 0, NULL };                         \
         (pop__.node = hmap_pop_helper__(HMAP, &pop__.bucket))          \
             ? ASSIGN_CONTAINER(NODE, pop__.node, MEMBER)               \
             : ((NODE) = NULL, 0);                                      \
        )

#endif /* hmap.h */
