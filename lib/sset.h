/* sset.h: set of strings, built on hmap.
 *
 * The set owns a copy of each string, stored in the node itself (one
 * allocation per member).  Strings returned by the set stay valid until
 * that member is deleted or the set is cleared or destroyed.
 *
 * SSET_FOR_EACH iterates in arbitrary order; sset_sort() gives a sorted
 * array for output that must be stable.  Not thread-safe. */
#ifndef SSET_H
#define SSET_H 1

#include <stdbool.h>
#include "hmap.h"
#include "util.h"

struct sset_node {
    struct hmap_node hmap_node; /* In struct sset's 'map'. */
    char name[];                /* The member, null-terminated. */
};

struct sset {
    struct hmap map;
};

#define SSET_INITIALIZER(SSET) { HMAP_INITIALIZER(&(SSET)->map) }

void sset_init(struct sset *);
void sset_destroy(struct sset *);
void sset_clone(struct sset *dst, const struct sset *src); /* DST uninit. */
void sset_swap(struct sset *, struct sset *);
void sset_moved(struct sset *);
void sset_clear(struct sset *);

/* Adds each substring of S separated by any of the DELIMITERS characters;
 * empty substrings are skipped. */
void sset_from_delimited_string(struct sset *, const char *s,
                                const char *delimiters);
/* Returns a malloc'd string with the members in sorted order, each followed
 * by DELIMITER except the last, which is followed by TERMINATOR. */
char *sset_join(const struct sset *, const char *delimiter,
                const char *terminator);

bool sset_is_empty(const struct sset *);
size_t sset_count(const struct sset *);

/* Adds NAME if absent.  Returns its new node, or NULL if NAME was already a
 * member. */
struct sset_node *sset_add(struct sset *, const char *name);
struct sset_node *sset_add_and_free(struct sset *, char *name);
void sset_add_assert(struct sset *, const char *name);
void sset_add_array(struct sset *, char **names, size_t n);

/* Removing.  sset_find_and_delete() returns whether NAME was a member.
 * sset_pop() removes an arbitrary member and returns it malloc'd (NULL if
 * the set is empty). */
void sset_delete(struct sset *, struct sset_node *);
bool sset_find_and_delete(struct sset *, const char *name);
void sset_find_and_delete_assert(struct sset *, const char *name);
char *sset_pop(struct sset *);

struct sset_node *sset_find(const struct sset *, const char *name);
bool sset_contains(const struct sset *, const char *name);
bool sset_equals(const struct sset *, const struct sset *);

/* Set algebra, modifying the first argument. */
void sset_union(struct sset *dst, const struct sset *src);
void sset_intersect(struct sset *dst, const struct sset *src);
void sset_difference(struct sset *dst, const struct sset *src);
/* Returns true if A and B have at least one member in common. */
bool sset_intersects(const struct sset *a, const struct sset *b);

/* Returns a malloc'd array of sset_count() pointers to the members in
 * strcmp() order, or NULL if the set is empty.  Only the array is the
 * caller's: the strings still belong to the set. */
const char **sset_sort(const struct sset *);

/* Iteration helpers for the macros below. */
struct sset_node *sset_first(const struct sset *);
struct sset_node *sset_next(const struct sset *, const struct sset_node *);

/* NAME is a "const char *" that points to each member in turn. */
#define SSET_FOR_EACH(NAME, SSET)                                       \
    for (struct sset_node *ssnode__ = sset_first(SSET);                 \
         ssnode__ ? ((NAME) = ssnode__->name, 1) : ((NAME) = NULL, 0);  \
         ssnode__ = sset_next(SSET, ssnode__))

/* Like SSET_FOR_EACH, but the body may delete NAME from the set (with
 * sset_find_and_delete()). */
#define SSET_FOR_EACH_SAFE(NAME, SSET)                                  \
    for (struct sset_node *ssnode__ = sset_first(SSET), *ssnext__;      \
         ssnode__ ? (ssnext__ = sset_next(SSET, ssnode__),              \
                     (NAME) = ssnode__->name, 1)                        \
                  : ((NAME) = NULL, 0);                                 \
         ssnode__ = ssnext__)

#endif /* sset.h */
