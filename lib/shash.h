/* shash.h: map from strings to void pointers, built on hmap.
 *
 * The map owns its copies of the names (freed when a node is deleted) but
 * never the data pointers: shash_destroy_free_data() and
 * shash_clear_free_data() exist for callers whose data is malloc'd.
 * shash_add() does not check for an existing name; use shash_add_once() or
 * shash_replace() when names must stay unique.  Not thread-safe. */
#ifndef SHASH_H
#define SHASH_H 1

#include <stdbool.h>
#include "hmap.h"

struct shash_node {
    struct hmap_node node;      /* In struct shash's 'map'. */
    char *name;                 /* Owned by the shash. */
    void *data;                 /* Owned by the caller. */
};

struct shash {
    struct hmap map;
};

#define SHASH_INITIALIZER(SHASH) { HMAP_INITIALIZER(&(SHASH)->map) }

#define SHASH_FOR_EACH(SHASH_NODE, SHASH) \
    HMAP_FOR_EACH (SHASH_NODE, node, &(SHASH)->map)

#define SHASH_FOR_EACH_SAFE(SHASH_NODE, SHASH) \
    HMAP_FOR_EACH_SAFE (SHASH_NODE, node, &(SHASH)->map)

void shash_init(struct shash *);
void shash_destroy(struct shash *);
void shash_destroy_free_data(struct shash *);
void shash_swap(struct shash *, struct shash *);
void shash_moved(struct shash *);
void shash_clear(struct shash *);
void shash_clear_free_data(struct shash *);
bool shash_is_empty(const struct shash *);
size_t shash_count(const struct shash *);

/* Adding.  The _nocopy variants take ownership of NAME, which must have been
 * allocated with malloc(). */
struct shash_node *shash_add(struct shash *, const char *, const void *);
struct shash_node *shash_add_nocopy(struct shash *, char *, const void *);
bool shash_add_once(struct shash *, const char *, const void *);
void shash_add_assert(struct shash *, const char *, const void *);
/* Sets NAME's data to DATA, adding NAME if needed; returns the old data or
 * NULL if NAME was new. */
void *shash_replace(struct shash *, const char *, const void *data);
void *shash_replace_nocopy(struct shash *, char *name, const void *data);

/* Removing. */
void shash_delete(struct shash *, struct shash_node *);
char *shash_steal(struct shash *, struct shash_node *); /* Returns name. */
void *shash_find_and_delete(struct shash *, const char *);
void *shash_find_and_delete_assert(struct shash *, const char *);

/* Finding. */
struct shash_node *shash_find(const struct shash *, const char *);
struct shash_node *shash_find_len(const struct shash *, const char *,
                                  size_t);
void *shash_find_data(const struct shash *, const char *);
void *shash_find_data_len(const struct shash *, const char *, size_t);
struct shash_node *shash_first(const struct shash *);

/* Returns a malloc'd array of shash_count() node pointers sorted by name
 * (strcmp order), or NULL if the map is empty. */
const struct shash_node **shash_sort(const struct shash *);
bool shash_equal_keys(const struct shash *, const struct shash *);

#endif /* shash.h */
