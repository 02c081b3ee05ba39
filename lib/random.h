/* random.h: fast pseudo-random numbers for jitter, backoff, sampling and
 * test data.
 *
 * Each thread has its own generator (xoshiro256**), so no call takes a
 * lock and all are thread-safe.  A thread's generator is seeded on first
 * use from getrandom(), and again in a child process after fork(), so that
 * parent and child never produce the same sequence.  random_set_seed()
 * makes the calling thread's sequence repeatable, for tests.
 *
 * These numbers are not for cryptography: they are unpredictable to a
 * casual observer only. */
#ifndef RANDOM_H
#define RANDOM_H 1

#include <stddef.h>
#include <stdint.h>

/* Reseeds the calling thread's generator from SEED; the same seed gives the
 * same sequence afterward. */
void random_set_seed(uint32_t seed);

/* Fills the N bytes at P with random bytes. */
void random_bytes(void *p, size_t n);

uint32_t random_uint32(void);
uint64_t random_uint64(void);

static inline uint8_t
random_uint8(void)
{
    return random_uint32();
}

static inline uint16_t
random_uint16(void)
{
    return random_uint32();
}

/* Returns a random number in [0, MAX), without bias; MAX must be nonzero. */
uint32_t random_range(uint32_t max);

#endif /* random.h */
