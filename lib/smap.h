/* smap.h: map from strings to strings, built on hmap.
 *
 * Used for OVSDB "other_config"/"external_ids"-style columns and for
 * options.  The map owns copies of every key and value; pointers returned
 * by smap_get() stay valid until that entry is replaced or removed or the
 * map is cleared or destroyed.  The _nocopy functions take ownership of
 * malloc'd strings instead of copying.
 *
 * smap_add() does not check for an existing key (it is the fast way to
 * fill a map known to have unique keys); smap_add_once() and
 * smap_replace() keep keys unique.  The typed getters (smap_get_int()
 * etc.) return the caller's default for a missing or malformed value, so a
 * bad value from a peer or a user never crashes.  Not thread-safe. */
#ifndef SMAP_H
#define SMAP_H 1

#include <stdbool.h>
#include "hmap.h"
#include "util.h"

struct uuid;

struct smap_node {
    struct hmap_node node;      /* In struct smap's 'map'. */
    char *key;                  /* Owned by the smap. */
    char *value;                /* Owned by the smap. */
};

struct smap {
    struct hmap map;
};

#define SMAP_INITIALIZER(SMAP) { HMAP_INITIALIZER(&(SMAP)->map) }

#define SMAP_FOR_EACH(SMAP_NODE, SMAP) \
    HMAP_FOR_EACH (SMAP_NODE, node, &(SMAP)->map)

/* Like SMAP_FOR_EACH, but the body may remove SMAP_NODE. */
#define SMAP_FOR_EACH_SAFE(SMAP_NODE, SMAP) \
    HMAP_FOR_EACH_SAFE (SMAP_NODE, node, &(SMAP)->map)

void smap_init(struct smap *);
void smap_destroy(struct smap *);
void smap_swap(struct smap *, struct smap *);
void smap_moved(struct smap *);
void smap_clear(struct smap *);

/* Adding.  smap_add() and smap_add_nocopy() may create duplicate keys;
 * smap_add_once() adds only if KEY is absent and returns whether it did. */
struct smap_node *smap_add(struct smap *, const char *key, const char *);
struct smap_node *smap_add_nocopy(struct smap *, char *key, char *value);
bool smap_add_once(struct smap *, const char *key, const char *);
void smap_add_format(struct smap *, const char *key, const char *, ...)
    OVS_PRINTF_FORMAT(3, 4);

/* Sets KEY to VALUE, adding KEY if absent. */
void smap_replace(struct smap *, const char *key, const char *value);
void smap_replace_nocopy(struct smap *, const char *key, char *value);

/* Removing.  smap_remove() returns whether KEY was present. */
bool smap_remove(struct smap *, const char *key);
void smap_remove_node(struct smap *, struct smap_node *);
/* Removes NODE, returning its value (which the caller must free) and
 * freeing its key. */
char *smap_steal(struct smap *, struct smap_node *);

/* Looking up. */
const char *smap_get(const struct smap *, const char *key);
const char *smap_get_def(const struct smap *, const char *key,
                         const char *def);
struct smap_node *smap_get_node(const struct smap *, const char *key);
/* "true" and "false" (any case) are booleans; anything else gives DEF. */
bool smap_get_bool(const struct smap *, const char *key, bool def);
/* Decimal integers that fit the type; anything else gives DEF. */
int smap_get_int(const struct smap *, const char *key, int def);
unsigned int smap_get_uint(const struct smap *, const char *key,
                           unsigned int def);
unsigned long long int smap_get_ullong(const struct smap *, const char *key,
                                       unsigned long long int def);
double smap_get_double(const struct smap *, const char *key, double def);
/* Parses KEY's value as a UUID into *UUID and returns true, or returns
 * false (with *UUID zeroed) if absent or malformed. */
bool smap_get_uuid(const struct smap *, const char *key, struct uuid *);

bool smap_is_empty(const struct smap *);
size_t smap_count(const struct smap *);

/* Copies SRC into DST, which must not be initialized. */
void smap_clone(struct smap *dst, const struct smap *src);

/* Returns a malloc'd array of smap_count() node pointers sorted by key, or
 * NULL if the map is empty.  The nodes still belong to the map. */
const struct smap_node **smap_sort(const struct smap *);

/* Returns true if A and B have the same keys, each with the same value. */
bool smap_equal(const struct smap *a, const struct smap *b);

#endif /* smap.h */
