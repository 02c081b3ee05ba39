/* hmap.c: see hmap.h. */
#include <config.h>
#include "hmap.h"

#include <string.h>
#include "coverage.h"

COVERAGE_DEFINE(hmap_expand);
COVERAGE_DEFINE(hmap_shrink);
COVERAGE_DEFINE(hmap_reserve);

void
hmap_init(struct hmap *hmap)
{
    hmap->buckets = &hmap->one;
    hmap->one = NULL;
    hmap->mask = 0;
    hmap->n = 0;
}

void
hmap_destroy(struct hmap *hmap)
{
    if (hmap && hmap->buckets != &hmap->one) {
        free(hmap->buckets);
    }
}

void
hmap_clear(struct hmap *hmap)
{
    if (hmap->n > 0) {
        hmap->n = 0;
        memset(hmap->buckets, 0, (hmap->mask + 1) * sizeof *hmap->buckets);
    }
}

void
hmap_swap(struct hmap *a, struct hmap *b)
{
    struct hmap tmp = *a;

    *a = *b;
    *b = tmp;
    hmap_moved(a);
    hmap_moved(b);
}

void
hmap_moved(struct hmap *hmap)
{
    if (!hmap->mask) {
        hmap->buckets = &hmap->one;
    }
}

/* Rebuilds HMAP with NEW_MASK + 1 buckets. */
static void
resize(struct hmap *hmap, size_t new_mask, const char *where OVS_UNUSED)
{
    struct hmap tmp;
    size_t i;

    ovs_assert(is_pow2(new_mask + 1));

    hmap_init(&tmp);
    if (new_mask) {
        tmp.buckets = xcalloc(new_mask + 1, sizeof *tmp.buckets);
        tmp.mask = new_mask;
    }
    for (i = 0; i <= hmap->mask; i++) {
        struct hmap_node *node, *next;

        for (node = hmap->buckets[i]; node; node = next) {
            next = node->next;
            hmap_insert_fast(&tmp, node, node->hash);
        }
    }
    hmap_swap(hmap, &tmp);
    hmap_destroy(&tmp);
}

/* Returns the mask for a table sized for CAPACITY nodes. */
static size_t
calc_mask(size_t capacity)
{
    size_t mask = 0;

    while (mask + 1 < capacity) {
        mask = mask * 2 + 1;
    }
    return mask;
}

void
hmap_expand_at(struct hmap *hmap, const char *where)
{
    size_t new_mask = calc_mask(hmap->n);

    if (new_mask > hmap->mask) {
        COVERAGE_INC(hmap_expand);
        resize(hmap, new_mask, where);
    }
}

void
hmap_shrink_at(struct hmap *hmap, const char *where)
{
    size_t new_mask = calc_mask(hmap->n);

    if (new_mask < hmap->mask) {
        COVERAGE_INC(hmap_shrink);
        resize(hmap, new_mask, where);
    }
}

void
hmap_reserve_at(struct hmap *hmap, size_t n, const char *where)
{
    size_t new_mask = calc_mask(n);

    if (new_mask > hmap->mask) {
        COVERAGE_INC(hmap_reserve);
        resize(hmap, new_mask, where);
    }
}

static struct hmap_node *
first_from_bucket(const struct hmap *hmap, size_t start)
{
    size_t i;

    for (i = start; i <= hmap->mask; i++) {
        if (hmap->buckets[i]) {
            return hmap->buckets[i];
        }
    }
    return NULL;
}

struct hmap_node *
hmap_first(const struct hmap *hmap)
{
    return first_from_bucket(hmap, 0);
}

/* For HMAP_FOR_EACH_POP: removes and returns the first node at or after
 * bucket '*BUCKET' (from the start if the map shrank below it), updating
 * '*BUCKET', or returns NULL if HMAP is empty. */
struct hmap_node *
hmap_pop_helper__(struct hmap *hmap, size_t *bucket)
{
    struct hmap_node *node;

    if (*bucket > hmap->mask) {
        *bucket = 0;
    }
    node = first_from_bucket(hmap, *bucket);
    if (!node && *bucket) {
        node = first_from_bucket(hmap, 0);
    }
    if (node) {
        *bucket = node->hash & hmap->mask;
        hmap_remove(hmap, node);
    }
    return node;
}

struct hmap_node *
hmap_next(const struct hmap *hmap, const struct hmap_node *node)
{
    return (node->next
            ? node->next
            : first_from_bucket(hmap, (node->hash & hmap->mask) + 1));
}

struct hmap_node *
hmap_at_position(const struct hmap *hmap, uint32_t *bucketp,
                 uint32_t *offsetp)
{
    size_t b;

    for (b = *bucketp; b <= hmap->mask; b++) {
        struct hmap_node *node;
        uint32_t n_idx;

        for (n_idx = 0, node = hmap->buckets[b]; node;
             n_idx++, node = node->next) {
            if (n_idx == *offsetp) {
                if (node->next) {
                    *bucketp = b;
                    *offsetp = n_idx + 1;
                } else {
                    *bucketp = b + 1;
                    *offsetp = 0;
                }
                return node;
            }
        }
        *offsetp = 0;
    }
    *bucketp = b;
    *offsetp = 0;
    return NULL;
}

bool
hmap_contains(const struct hmap *hmap, const struct hmap_node *node)
{
    const struct hmap_node *p;

    for (p = hmap_first_in_bucket(hmap, node->hash); p; p = p->next) {
        if (p == node) {
            return true;
        }
    }
    return false;
}
