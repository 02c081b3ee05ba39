/* svec.h: growable array of strings.
 *
 * An svec owns its strings (svec_add() copies, svec_add_nocopy() takes a
 * malloc'd string) and the array.  svec_terminate() appends a null pointer
 * without counting it, so that 'names' can be passed to execvp().
 *
 * Some operations need a sorted vector (svec_contains(), svec_find(),
 * svec_diff()); callers sort first with svec_sort().  Not thread-safe. */
#ifndef SVEC_H
#define SVEC_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "util.h"

struct svec {
    char **names;               /* Array of 'n' owned strings. */
    size_t n;                   /* Number of strings. */
    size_t allocated;           /* Capacity of 'names'. */
};

#define SVEC_EMPTY_INITIALIZER { NULL, 0, 0 }

void svec_init(struct svec *);
void svec_clone(struct svec *dst, const struct svec *src); /* DST uninit. */
void svec_destroy(struct svec *);
void svec_clear(struct svec *);
void svec_swap(struct svec *, struct svec *);
bool svec_is_empty(const struct svec *);

void svec_add(struct svec *, const char *);
void svec_add_nocopy(struct svec *, char *);
/* Appends copies of all of SRC's strings to DST. */
void svec_append(struct svec *dst, const struct svec *src);
void svec_terminate(struct svec *);
/* Removes and frees the last string; the svec must not be empty. */
void svec_pop_back(struct svec *);
/* Returns the last string; the svec must not be empty. */
const char *svec_back(const struct svec *);
/* Removes (and frees) the string at INDEX, shifting the rest down. */
void svec_del(struct svec *, size_t index);

void svec_sort(struct svec *);
void svec_sort_unique(struct svec *);
/* Removes adjacent duplicates (all duplicates, if sorted). */
void svec_unique(struct svec *);
/* Removes null pointers, keeping the order of the rest. */
void svec_compact(struct svec *);

/* Sorted svecs only. */
bool svec_contains(const struct svec *, const char *);
size_t svec_find(const struct svec *, const char *); /* SIZE_MAX if none. */
bool svec_is_sorted(const struct svec *);
bool svec_is_unique(const struct svec *);
/* Returns a string that appears twice in SVEC (which is first sorted), or
 * NULL if there is none. */
const char *svec_get_duplicate(struct svec *);
/* Puts strings only in A into A_ONLY, in both into BOTH, only in B into
 * B_ONLY; any of the outputs may be NULL.  A and B must be sorted. */
void svec_diff(const struct svec *a, const struct svec *b,
               struct svec *a_only, struct svec *both, struct svec *b_only);

bool svec_equal(const struct svec *, const struct svec *);

/* Returns a malloc'd string: each element followed by DELIMITER, except
 * that the last is followed by TERMINATOR. */
char *svec_join(const struct svec *, const char *delimiter,
                const char *terminator);

/* Appends the words of WORDS, split at white space the way a shell would:
 * '...' quotes literally, "..." quotes with backslash escapes, and a
 * backslash outside quotes escapes the next character.  An unterminated
 * quote ends at the end of the string. */
void svec_parse_words(struct svec *, const char *words);

/* Prints each string on its own line after TITLE (if nonnull). */
void svec_print(const struct svec *, const char *title);

#define SVEC_FOR_EACH(INDEX, NAME, SVEC)                                \
    for ((INDEX) = 0;                                                   \
         (INDEX) < (SVEC)->n ? ((NAME) = (SVEC)->names[INDEX], 1) : 0;  \
         (INDEX)++)

#endif /* svec.h */
