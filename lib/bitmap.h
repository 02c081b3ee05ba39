/* bitmap.h: fixed-size bit arrays in arrays of unsigned long.
 *
 * A bitmap of N bits is an array of bitmap_n_longs(N) unsigned longs; bit
 * I lives in word I / BITMAP_ULONG_BITS.  bitmap_allocate() returns a
 * zeroed bitmap that the caller frees with bitmap_free().  No global
 * state; a bitmap is as thread-safe as the memory it lives in. */
#ifndef BITMAP_H
#define BITMAP_H 1

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include "util.h"

#define BITMAP_ULONG_BITS (sizeof(unsigned long) * CHAR_BIT)

static inline size_t
bitmap_n_longs(size_t n_bits)
{
    return (n_bits + BITMAP_ULONG_BITS - 1) / BITMAP_ULONG_BITS;
}

static inline unsigned long *
bitmap_allocate(size_t n_bits)
{
    return xcalloc(bitmap_n_longs(n_bits) ? bitmap_n_longs(n_bits) : 1,
                   sizeof(unsigned long));
}

static inline void
bitmap_free(unsigned long *bitmap)
{
    free(bitmap);
}

static inline bool
bitmap_is_set(const unsigned long *bitmap, size_t i)
{
    return (bitmap[i / BITMAP_ULONG_BITS] >> (i % BITMAP_ULONG_BITS)) & 1;
}

static inline void
bitmap_set1(unsigned long *bitmap, size_t i)
{
    bitmap[i / BITMAP_ULONG_BITS] |= 1UL << (i % BITMAP_ULONG_BITS);
}

static inline void
bitmap_set0(unsigned long *bitmap, size_t i)
{
    bitmap[i / BITMAP_ULONG_BITS] &= ~(1UL << (i % BITMAP_ULONG_BITS));
}

/* Is any of the first N_BITS bits set? */
static inline bool
bitmap_is_any_set(const unsigned long *bitmap, size_t n_bits)
{
    size_t full = n_bits / BITMAP_ULONG_BITS;

    for (size_t i = 0; i < full; i++) {
        if (bitmap[i]) {
            return true;
        }
    }
    for (size_t i = full * BITMAP_ULONG_BITS; i < n_bits; i++) {
        if (bitmap_is_set(bitmap, i)) {
            return true;
        }
    }
    return false;
}

#endif /* bitmap.h */
