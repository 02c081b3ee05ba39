/* smap.c: see smap.h. */
#include <config.h>
#include "smap.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "uuid.h"

static size_t
hash_key(const char *key)
{
    return hash_string(key, 0);
}

void
smap_init(struct smap *smap)
{
    hmap_init(&smap->map);
}

void
smap_destroy(struct smap *smap)
{
    if (smap) {
        smap_clear(smap);
        hmap_destroy(&smap->map);
    }
}

void
smap_swap(struct smap *a, struct smap *b)
{
    hmap_swap(&a->map, &b->map);
}

void
smap_moved(struct smap *smap)
{
    hmap_moved(&smap->map);
}

void
smap_clear(struct smap *smap)
{
    struct smap_node *node;

    HMAP_FOR_EACH_POP (node, node, &smap->map) {
        free(node->key);
        free(node->value);
        free(node);
    }
}

static struct smap_node *
smap_add__(struct smap *smap, char *key, char *value, size_t hash)
{
    struct smap_node *node = xmalloc(sizeof *node);

    node->key = key;
    node->value = value;
    hmap_insert(&smap->map, &node->node, hash);
    return node;
}

struct smap_node *
smap_add(struct smap *smap, const char *key, const char *value)
{
    return smap_add__(smap, xstrdup(key), xstrdup(value), hash_key(key));
}

struct smap_node *
smap_add_nocopy(struct smap *smap, char *key, char *value)
{
    return smap_add__(smap, key, value, hash_key(key));
}

static struct smap_node *
smap_find__(const struct smap *smap, const char *key, size_t hash)
{
    struct smap_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, node, hash, &smap->map) {
        if (!strcmp(node->key, key)) {
            return node;
        }
    }
    return NULL;
}

bool
smap_add_once(struct smap *smap, const char *key, const char *value)
{
    size_t hash = hash_key(key);

    if (smap_find__(smap, key, hash)) {
        return false;
    }
    smap_add__(smap, xstrdup(key), xstrdup(value), hash);
    return true;
}

void
smap_add_format(struct smap *smap, const char *key, const char *format, ...)
{
    va_list args;
    char *value;

    va_start(args, format);
    value = xvasprintf(format, args);
    va_end(args);
    smap_add__(smap, xstrdup(key), value, hash_key(key));
}

void
smap_replace_nocopy(struct smap *smap, const char *key, char *value)
{
    size_t hash = hash_key(key);
    struct smap_node *node = smap_find__(smap, key, hash);

    if (node) {
        free(node->value);
        node->value = value;
    } else {
        smap_add__(smap, xstrdup(key), value, hash);
    }
}

void
smap_replace(struct smap *smap, const char *key, const char *value)
{
    smap_replace_nocopy(smap, key, xstrdup(value));
}

void
smap_remove_node(struct smap *smap, struct smap_node *node)
{
    hmap_remove(&smap->map, &node->node);
    free(node->key);
    free(node->value);
    free(node);
}

bool
smap_remove(struct smap *smap, const char *key)
{
    struct smap_node *node = smap_get_node(smap, key);

    if (node) {
        smap_remove_node(smap, node);
        return true;
    }
    return false;
}

char *
smap_steal(struct smap *smap, struct smap_node *node)
{
    char *value = node->value;

    hmap_remove(&smap->map, &node->node);
    free(node->key);
    free(node);
    return value;
}

struct smap_node *
smap_get_node(const struct smap *smap, const char *key)
{
    return smap_find__(smap, key, hash_key(key));
}

const char *
smap_get(const struct smap *smap, const char *key)
{
    return smap_get_def(smap, key, NULL);
}

const char *
smap_get_def(const struct smap *smap, const char *key, const char *def)
{
    struct smap_node *node = smap_get_node(smap, key);

    return node ? node->value : def;
}

bool
smap_get_bool(const struct smap *smap, const char *key, bool def)
{
    const char *value = smap_get(smap, key);

    if (!value) {
        return def;
    } else if (!strcasecmp(value, "true")) {
        return true;
    } else if (!strcasecmp(value, "false")) {
        return false;
    }
    return def;
}

int
smap_get_int(const struct smap *smap, const char *key, int def)
{
    const char *value = smap_get(smap, key);
    int x;

    return value && str_to_int(value, 10, &x) ? x : def;
}

unsigned int
smap_get_uint(const struct smap *smap, const char *key, unsigned int def)
{
    const char *value = smap_get(smap, key);
    unsigned int x;

    return value && str_to_uint(value, 10, &x) ? x : def;
}

unsigned long long int
smap_get_ullong(const struct smap *smap, const char *key,
                unsigned long long int def)
{
    const char *value = smap_get(smap, key);
    unsigned long long int x;

    return (value && str_to_ullong(value, 10, &x)
            ? x : def);
}

double
smap_get_double(const struct smap *smap, const char *key, double def)
{
    const char *value = smap_get(smap, key);
    double x;

    return value && str_to_double(value, &x) ? x : def;
}

bool
smap_get_uuid(const struct smap *smap, const char *key, struct uuid *uuid)
{
    const char *value = smap_get(smap, key);

    if (!value) {
        uuid_zero(uuid);
        return false;
    }
    return uuid_from_string(uuid, value);
}

bool
smap_is_empty(const struct smap *smap)
{
    return hmap_is_empty(&smap->map);
}

size_t
smap_count(const struct smap *smap)
{
    return hmap_count(&smap->map);
}

void
smap_clone(struct smap *dst, const struct smap *src)
{
    const struct smap_node *node;

    smap_init(dst);
    hmap_reserve(&dst->map, smap_count(src));
    SMAP_FOR_EACH (node, src) {
        smap_add__(dst, xstrdup(node->key), xstrdup(node->value),
                   node->node.hash);
    }
}

static int
compare_nodes_by_key(const void *a_, const void *b_)
{
    const struct smap_node *const *a = a_;
    const struct smap_node *const *b = b_;

    return strcmp((*a)->key, (*b)->key);
}

const struct smap_node **
smap_sort(const struct smap *smap)
{
    const struct smap_node **nodes;
    struct smap_node *node;
    size_t i, n = smap_count(smap);

    if (!n) {
        return NULL;
    }
    nodes = xmalloc(n * sizeof *nodes);
    i = 0;
    SMAP_FOR_EACH (node, smap) {
        nodes[i++] = node;
    }
    ovs_assert(i == n);
    qsort(nodes, n, sizeof *nodes, compare_nodes_by_key);
    return nodes;
}

bool
smap_equal(const struct smap *a, const struct smap *b)
{
    const struct smap_node *node;

    if (smap_count(a) != smap_count(b)) {
        return false;
    }
    SMAP_FOR_EACH (node, a) {
        const struct smap_node *other = smap_find__(b, node->key,
                                                    node->node.hash);
        if (!other || strcmp(node->value, other->value)) {
            return false;
        }
    }
    return true;
}
