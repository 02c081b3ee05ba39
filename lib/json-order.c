/* json-order.c: see json-order.h. */
#include <config.h>
#include "json-order.h"

#include <string.h>
#include "hash.h"
#include "hmap.h"
#include "json.h"
#include "shash.h"
#include "sset.h"
#include "svec.h"
#include "util.h"

/* The model of upstream's shash (see json-order.h). */

/* The bucket mask upstream picks for a table that must hold CAPACITY
 * nodes: half the capacity, rounded up to a power of 2 minus 1, and at
 * least 3 once there is more than one bucket. */
static size_t
model_mask(size_t capacity)
{
    size_t mask = capacity / 2;

    for (size_t shift = 1; shift < 8 * sizeof mask; shift *= 2) {
        mask |= mask >> shift;
    }
    mask |= (mask & 1) << 1;
    return mask;
}

struct model {
    size_t *next;               /* Next node in the bucket, or SIZE_MAX. */
    uint32_t *hashes;           /* Hash of each node. */
    size_t *buckets;            /* First node of each bucket, or SIZE_MAX. */
    size_t mask;
    size_t n;
};

static void
model_insert_fast(struct model *m, size_t node)
{
    size_t *bucket = &m->buckets[m->hashes[node] & m->mask];

    m->next[node] = *bucket;
    *bucket = node;
    m->n++;
}

static void
model_resize(struct model *m, size_t new_mask)
{
    size_t *old = m->buckets;
    size_t old_mask = m->mask;

    m->buckets = xmalloc((new_mask + 1) * sizeof *m->buckets);
    for (size_t i = 0; i <= new_mask; i++) {
        m->buckets[i] = SIZE_MAX;
    }
    m->mask = new_mask;
    m->n = 0;
    for (size_t i = 0; i <= old_mask; i++) {
        size_t node, next;

        for (node = old[i]; node != SIZE_MAX; node = next) {
            next = m->next[node];
            model_insert_fast(m, node);
        }
    }
    free(old);
}

size_t *
json_order_simulate(const char *const *names, size_t n, size_t *n_out)
{
    struct sset seen = SSET_INITIALIZER(&seen);
    size_t *order = xmalloc(MAX(n, 1) * sizeof *order);
    struct model m;
    size_t k = 0;

    m.next = xmalloc(MAX(n, 1) * sizeof *m.next);
    m.hashes = xmalloc(MAX(n, 1) * sizeof *m.hashes);
    m.buckets = xmalloc(sizeof *m.buckets);
    m.buckets[0] = SIZE_MAX;
    m.mask = 0;
    m.n = 0;

    for (size_t i = 0; i < n; i++) {
        if (!sset_add(&seen, names[i])) {
            continue;
        }
        m.hashes[i] = hash_string(names[i], 0);
        model_insert_fast(&m, i);
        if (m.n / 2 > m.mask) {
            size_t new_mask = model_mask(m.n);

            if (new_mask > m.mask) {
                model_resize(&m, new_mask);
            }
        }
    }

    for (size_t b = 0; b <= m.mask; b++) {
        for (size_t node = m.buckets[b]; node != SIZE_MAX;
             node = m.next[node]) {
            order[k++] = node;
        }
    }
    *n_out = k;

    free(m.next);
    free(m.hashes);
    free(m.buckets);
    sset_destroy(&seen);
    return order;
}

/* Recording the text order of members. */

struct object_order {
    struct hmap_node node;      /* In struct json_order's 'objects'. */
    const struct json *object;
    struct svec names;          /* Member names in text order. */
};

struct json_order {
    struct hmap objects;        /* Contains struct object_order. */
};

struct scanner {
    const char *p;
    const char *end;
    struct json_order *order;
    int depth;
};

static void
skip_space(struct scanner *s)
{
    while (s->p < s->end && strchr(" \t\r\n", *s->p) && *s->p) {
        s->p++;
    }
}

/* Skips a string token starting at the opening quote; returns a malloc'd
 * copy of its decoded value, or NULL if it is not a valid string. */
static char *
scan_string(struct scanner *s)
{
    const char *start = s->p;
    struct json *json;
    char *value = NULL;

    if (s->p >= s->end || *s->p != '"') {
        return NULL;
    }
    for (s->p++; s->p < s->end && *s->p != '"'; s->p++) {
        if (*s->p == '\\') {
            s->p++;
        }
    }
    if (s->p >= s->end) {
        return NULL;
    }
    s->p++;
    json = json_from_buffer(start, s->p - start, JSPF_SCALAR, NULL);
    if (json && json->type == JSON_STRING) {
        value = xstrdup(json_string(json));
    }
    json_destroy(json);
    return value;
}

static void scan_value(struct scanner *, const struct json *);

static void
scan_object(struct scanner *s, const struct json *object)
{
    struct object_order *oo = NULL;

    if (object && object->type == JSON_OBJECT) {
        oo = xmalloc(sizeof *oo);
        oo->object = object;
        svec_init(&oo->names);
        hmap_insert(&s->order->objects, &oo->node,
                    hash_pointer(object, 0));
    }

    s->p++;
    for (;;) {
        const struct json *value;
        char *name;

        skip_space(s);
        if (s->p >= s->end || *s->p == '}') {
            break;
        }
        name = scan_string(s);
        if (!name) {
            s->p = s->end;
            break;
        }
        skip_space(s);
        if (s->p < s->end && *s->p == ':') {
            s->p++;
        }
        value = oo ? json_object_get(object, name) : NULL;
        if (oo) {
            svec_add_nocopy(&oo->names, name);
        } else {
            free(name);
        }
        scan_value(s, value);
        skip_space(s);
        if (s->p < s->end && *s->p == ',') {
            s->p++;
        }
    }
    if (s->p < s->end) {
        s->p++;
    }
}

static void
scan_array(struct scanner *s, const struct json *array)
{
    size_t i = 0;

    s->p++;
    for (;;) {
        const struct json *elem = NULL;

        skip_space(s);
        if (s->p >= s->end || *s->p == ']') {
            break;
        }
        if (array && array->type == JSON_ARRAY && i < array->array.n) {
            elem = array->array.elems[i];
        }
        scan_value(s, elem);
        i++;
        skip_space(s);
        if (s->p < s->end && *s->p == ',') {
            s->p++;
        }
    }
    if (s->p < s->end) {
        s->p++;
    }
}

/* Scans one value of the text, whose parsed form is VALUE (NULL if
 * unknown). */
static void
scan_value(struct scanner *s, const struct json *value)
{
    skip_space(s);
    if (s->p >= s->end) {
        return;
    }
    if (++s->depth > JSON_MAX_DEPTH + 1) {
        s->p = s->end;
    } else if (*s->p == '{') {
        scan_object(s, value);
    } else if (*s->p == '[') {
        scan_array(s, value);
    } else if (*s->p == '"') {
        free(scan_string(s));
    } else {
        const char *start = s->p;

        while (s->p < s->end && !strchr(" \t\r\n,]}", *s->p)) {
            s->p++;
        }
        if (s->p == start) {
            /* Not a value at all: stop rather than loop. */
            s->p = s->end;
        }
    }
    s->depth--;
}

struct json_order *
json_order_create(const struct json *value, const char *text, size_t length)
{
    struct json_order *order = xmalloc(sizeof *order);
    struct scanner s = { text, text + length, order, 0 };

    hmap_init(&order->objects);
    scan_value(&s, value);
    return order;
}

void
json_order_destroy(struct json_order *order)
{
    if (order) {
        struct object_order *oo;

        HMAP_FOR_EACH_POP (oo, node, &order->objects) {
            svec_destroy(&oo->names);
            free(oo);
        }
        hmap_destroy(&order->objects);
        free(order);
    }
}

static const struct object_order *
find_object(const struct json_order *order, const struct json *object)
{
    const struct object_order *oo;

    if (order) {
        HMAP_FOR_EACH_WITH_HASH (oo, node, hash_pointer(object, 0),
                                 &order->objects) {
            if (oo->object == object) {
                return oo;
            }
        }
    }
    return NULL;
}

const struct shash_node **
json_order_members(const struct json_order *order, const struct json *object,
                   size_t *n)
{
    const struct shash *members = json_object(object);
    const struct object_order *oo = find_object(order, object);
    const struct shash_node **nodes;
    size_t *indexes, n_indexes;
    size_t k = 0;

    if (!oo) {
        *n = shash_count(members);
        nodes = shash_sort(members);
        return nodes ? nodes : xmalloc(sizeof *nodes);
    }

    indexes = json_order_simulate((const char *const *) oo->names.names,
                                  oo->names.n, &n_indexes);
    nodes = xmalloc(MAX(shash_count(members), 1) * sizeof *nodes);
    for (size_t i = 0; i < n_indexes && k < shash_count(members); i++) {
        const struct shash_node *node
            = shash_find(members, oo->names.names[indexes[i]]);

        if (node) {
            nodes[k++] = node;
        }
    }
    free(indexes);

    if (k < shash_count(members)) {
        /* The text and the value disagree; fall back to name order. */
        free(nodes);
        *n = shash_count(members);
        nodes = shash_sort(members);
        return nodes ? nodes : xmalloc(sizeof *nodes);
    }
    *n = k;
    return nodes;
}
