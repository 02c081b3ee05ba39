/* shash.c: see shash.h. */
#include <config.h>
#include "shash.h"

#include <stdlib.h>
#include <string.h>
#include "hash.h"

static size_t
hash_name(const char *name, size_t length)
{
    return hash_bytes(name, length, 0);
}

void
shash_init(struct shash *sh)
{
    hmap_init(&sh->map);
}

void
shash_destroy(struct shash *sh)
{
    if (sh) {
        shash_clear(sh);
        hmap_destroy(&sh->map);
    }
}

void
shash_destroy_free_data(struct shash *sh)
{
    if (sh) {
        shash_clear_free_data(sh);
        hmap_destroy(&sh->map);
    }
}

void
shash_swap(struct shash *a, struct shash *b)
{
    hmap_swap(&a->map, &b->map);
}

void
shash_moved(struct shash *sh)
{
    hmap_moved(&sh->map);
}

void
shash_clear(struct shash *sh)
{
    struct shash_node *node;

    HMAP_FOR_EACH_POP (node, node, &sh->map) {
        free(node->name);
        free(node);
    }
}

void
shash_clear_free_data(struct shash *sh)
{
    struct shash_node *node;

    HMAP_FOR_EACH_POP (node, node, &sh->map) {
        free(node->data);
        free(node->name);
        free(node);
    }
}

bool
shash_is_empty(const struct shash *sh)
{
    return hmap_is_empty(&sh->map);
}

size_t
shash_count(const struct shash *sh)
{
    return hmap_count(&sh->map);
}

static struct shash_node *
shash_add_nocopy__(struct shash *sh, char *name, const void *data,
                   size_t hash)
{
    struct shash_node *node = xmalloc(sizeof *node);

    node->name = name;
    node->data = (void *) data;
    hmap_insert(&sh->map, &node->node, hash);
    return node;
}

struct shash_node *
shash_add_nocopy(struct shash *sh, char *name, const void *data)
{
    return shash_add_nocopy__(sh, name, data, hash_name(name, strlen(name)));
}

struct shash_node *
shash_add(struct shash *sh, const char *name, const void *data)
{
    return shash_add_nocopy(sh, xstrdup(name), data);
}

bool
shash_add_once(struct shash *sh, const char *name, const void *data)
{
    if (!shash_find(sh, name)) {
        shash_add(sh, name, data);
        return true;
    }
    return false;
}

void
shash_add_assert(struct shash *sh, const char *name, const void *data)
{
    bool added = shash_add_once(sh, name, data);

    ovs_assert(added);
}

void *
shash_replace_nocopy(struct shash *sh, char *name, const void *data)
{
    size_t hash = hash_name(name, strlen(name));
    struct shash_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, node, hash, &sh->map) {
        if (!strcmp(node->name, name)) {
            void *old_data = node->data;
            node->data = (void *) data;
            free(name);
            return old_data;
        }
    }
    shash_add_nocopy__(sh, name, data, hash);
    return NULL;
}

void *
shash_replace(struct shash *sh, const char *name, const void *data)
{
    return shash_replace_nocopy(sh, xstrdup(name), data);
}

void
shash_delete(struct shash *sh, struct shash_node *node)
{
    free(shash_steal(sh, node));
}

char *
shash_steal(struct shash *sh, struct shash_node *node)
{
    char *name = node->name;

    hmap_remove(&sh->map, &node->node);
    free(node);
    return name;
}

struct shash_node *
shash_find_len(const struct shash *sh, const char *name, size_t len)
{
    struct shash_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, node, hash_name(name, len), &sh->map) {
        if (!strncmp(node->name, name, len) && !node->name[len]) {
            return node;
        }
    }
    return NULL;
}

struct shash_node *
shash_find(const struct shash *sh, const char *name)
{
    return shash_find_len(sh, name, strlen(name));
}

void *
shash_find_data(const struct shash *sh, const char *name)
{
    struct shash_node *node = shash_find(sh, name);

    return node ? node->data : NULL;
}

void *
shash_find_data_len(const struct shash *sh, const char *name, size_t len)
{
    struct shash_node *node = shash_find_len(sh, name, len);

    return node ? node->data : NULL;
}

void *
shash_find_and_delete(struct shash *sh, const char *name)
{
    struct shash_node *node = shash_find(sh, name);

    if (node) {
        void *data = node->data;
        shash_delete(sh, node);
        return data;
    }
    return NULL;
}

void *
shash_find_and_delete_assert(struct shash *sh, const char *name)
{
    struct shash_node *node = shash_find(sh, name);
    void *data;

    ovs_assert(node != NULL);
    data = node->data;
    shash_delete(sh, node);
    return data;
}

struct shash_node *
shash_first(const struct shash *sh)
{
    struct hmap_node *first = hmap_first(&sh->map);

    return first ? CONTAINER_OF(first, struct shash_node, node) : NULL;
}

static int
compare_nodes_by_name(const void *a_, const void *b_)
{
    const struct shash_node *const *a = a_;
    const struct shash_node *const *b = b_;

    return strcmp((*a)->name, (*b)->name);
}

const struct shash_node **
shash_sort(const struct shash *sh)
{
    const struct shash_node **nodes;
    struct shash_node *node;
    size_t i, n;

    n = shash_count(sh);
    if (!n) {
        return NULL;
    }
    nodes = xmalloc(n * sizeof *nodes);
    i = 0;
    SHASH_FOR_EACH (node, sh) {
        nodes[i++] = node;
    }
    qsort(nodes, n, sizeof *nodes, compare_nodes_by_name);
    return nodes;
}

bool
shash_equal_keys(const struct shash *a, const struct shash *b)
{
    struct shash_node *node;

    if (hmap_count(&a->map) != hmap_count(&b->map)) {
        return false;
    }
    SHASH_FOR_EACH (node, a) {
        if (!shash_find(b, node->name)) {
            return false;
        }
    }
    return true;
}
