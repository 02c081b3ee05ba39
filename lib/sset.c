/* sset.c: see sset.h. */
#include <config.h>
#include "sset.h"

#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "hash.h"

static size_t
hash_name(const char *name)
{
    return hash_string(name, 0);
}

static struct sset_node *
sset_find__(const struct sset *set, const char *name, size_t hash)
{
    struct sset_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, hmap_node, hash, &set->map) {
        if (!strcmp(node->name, name)) {
            return node;
        }
    }
    return NULL;
}

static struct sset_node *
sset_add__(struct sset *set, const char *name, size_t length, size_t hash)
{
    struct sset_node *node = xmalloc(sizeof *node + length + 1);

    memcpy(node->name, name, length + 1);
    hmap_insert(&set->map, &node->hmap_node, hash);
    return node;
}

void
sset_init(struct sset *set)
{
    hmap_init(&set->map);
}

void
sset_destroy(struct sset *set)
{
    if (set) {
        sset_clear(set);
        hmap_destroy(&set->map);
    }
}

void
sset_clone(struct sset *dst, const struct sset *src)
{
    const struct sset_node *node;

    sset_init(dst);
    hmap_reserve(&dst->map, sset_count(src));
    HMAP_FOR_EACH (node, hmap_node, &src->map) {
        sset_add__(dst, node->name, strlen(node->name),
                   node->hmap_node.hash);
    }
}

void
sset_swap(struct sset *a, struct sset *b)
{
    hmap_swap(&a->map, &b->map);
}

void
sset_moved(struct sset *set)
{
    hmap_moved(&set->map);
}

void
sset_clear(struct sset *set)
{
    struct sset_node *node;

    HMAP_FOR_EACH_POP (node, hmap_node, &set->map) {
        free(node);
    }
}

void
sset_from_delimited_string(struct sset *set, const char *s,
                           const char *delimiters)
{
    while (*s) {
        size_t skip = strspn(s, delimiters);
        size_t len;

        s += skip;
        len = strcspn(s, delimiters);
        if (len) {
            char *name = xmemdup0(s, len);
            sset_add_and_free(set, name);
        }
        s += len;
    }
}

char *
sset_join(const struct sset *set, const char *delimiter,
          const char *terminator)
{
    const char **names = sset_sort(set);
    struct ds s = DS_EMPTY_INITIALIZER;
    size_t i, n = sset_count(set);

    for (i = 0; i < n; i++) {
        ds_put_cstr(&s, names[i]);
        ds_put_cstr(&s, i + 1 < n ? delimiter : terminator);
    }
    free(names);
    return ds_steal_cstr(&s);
}

bool
sset_is_empty(const struct sset *set)
{
    return hmap_is_empty(&set->map);
}

size_t
sset_count(const struct sset *set)
{
    return hmap_count(&set->map);
}

struct sset_node *
sset_add(struct sset *set, const char *name)
{
    size_t length = strlen(name);
    size_t hash = hash_bytes(name, length, 0);

    return (sset_find__(set, name, hash)
            ? NULL
            : sset_add__(set, name, length, hash));
}

struct sset_node *
sset_add_and_free(struct sset *set, char *name)
{
    struct sset_node *node = sset_add(set, name);

    free(name);
    return node;
}

void
sset_add_assert(struct sset *set, const char *name)
{
    bool added OVS_UNUSED = sset_add(set, name) != NULL;

    ovs_assert(added);
}

void
sset_add_array(struct sset *set, char **names, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        sset_add(set, names[i]);
    }
}

void
sset_delete(struct sset *set, struct sset_node *node)
{
    hmap_remove(&set->map, &node->hmap_node);
    free(node);
}

bool
sset_find_and_delete(struct sset *set, const char *name)
{
    struct sset_node *node = sset_find(set, name);

    if (node) {
        sset_delete(set, node);
    }
    return node != NULL;
}

void
sset_find_and_delete_assert(struct sset *set, const char *name)
{
    bool deleted OVS_UNUSED = sset_find_and_delete(set, name);

    ovs_assert(deleted);
}

char *
sset_pop(struct sset *set)
{
    struct sset_node *node = sset_first(set);
    char *name;

    if (!node) {
        return NULL;
    }
    name = xstrdup(node->name);
    sset_delete(set, node);
    return name;
}

struct sset_node *
sset_find(const struct sset *set, const char *name)
{
    return sset_find__(set, name, hash_name(name));
}

bool
sset_contains(const struct sset *set, const char *name)
{
    return sset_find(set, name) != NULL;
}

bool
sset_equals(const struct sset *a, const struct sset *b)
{
    const struct sset_node *node;

    if (sset_count(a) != sset_count(b)) {
        return false;
    }
    HMAP_FOR_EACH (node, hmap_node, &a->map) {
        if (!sset_find__(b, node->name, node->hmap_node.hash)) {
            return false;
        }
    }
    return true;
}

void
sset_union(struct sset *dst, const struct sset *src)
{
    const struct sset_node *node;

    if (dst == src) {
        return;
    }
    HMAP_FOR_EACH (node, hmap_node, &src->map) {
        if (!sset_find__(dst, node->name, node->hmap_node.hash)) {
            sset_add__(dst, node->name, strlen(node->name),
                       node->hmap_node.hash);
        }
    }
}

void
sset_intersect(struct sset *dst, const struct sset *src)
{
    struct sset_node *node;

    if (dst == src) {
        return;
    }
    HMAP_FOR_EACH_SAFE (node, hmap_node, &dst->map) {
        if (!sset_find__(src, node->name, node->hmap_node.hash)) {
            sset_delete(dst, node);
        }
    }
}

void
sset_difference(struct sset *dst, const struct sset *src)
{
    struct sset_node *node;

    if (dst == src) {
        sset_clear(dst);
        return;
    }
    HMAP_FOR_EACH_SAFE (node, hmap_node, &dst->map) {
        if (sset_find__(src, node->name, node->hmap_node.hash)) {
            sset_delete(dst, node);
        }
    }
}

bool
sset_intersects(const struct sset *a, const struct sset *b)
{
    const struct sset_node *node;

    if (sset_count(a) > sset_count(b)) {
        return sset_intersects(b, a);
    }
    HMAP_FOR_EACH (node, hmap_node, &a->map) {
        if (sset_find__(b, node->name, node->hmap_node.hash)) {
            return true;
        }
    }
    return false;
}

static int
compare_string_pointers(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;

    return strcmp(*a, *b);
}

const char **
sset_sort(const struct sset *set)
{
    const struct sset_node *node;
    const char **names;
    size_t i, n = sset_count(set);

    if (!n) {
        return NULL;
    }
    names = xmalloc(n * sizeof *names);
    i = 0;
    HMAP_FOR_EACH (node, hmap_node, &set->map) {
        names[i++] = node->name;
    }
    qsort(names, n, sizeof *names, compare_string_pointers);
    return names;
}

struct sset_node *
sset_first(const struct sset *set)
{
    struct hmap_node *hnode = hmap_first(&set->map);

    return hnode ? CONTAINER_OF(hnode, struct sset_node, hmap_node) : NULL;
}

struct sset_node *
sset_next(const struct sset *set, const struct sset_node *node)
{
    struct hmap_node *hnode = hmap_next(&set->map, &node->hmap_node);

    return hnode ? CONTAINER_OF(hnode, struct sset_node, hmap_node) : NULL;
}
