/* random.c: see random.h. */
#include <config.h>
#include "random.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>
#include "timeval.h"
#include "util.h"

/* One thread's generator.  'generation' is the value of fork_generation
 * when it was seeded: a fork() bumps fork_generation, which makes the child
 * reseed before its first number. */
struct random_state {
    uint64_t s[4];              /* xoshiro256** state, never all zero. */
    unsigned int generation;    /* fork_generation when seeded. */
    int seeded;                 /* Nonzero once seeded. */
};

static __thread struct random_state state;
static unsigned int fork_generation;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

static void
random_after_fork(void)
{
    __atomic_add_fetch(&fork_generation, 1, __ATOMIC_RELAXED);
}

static void
random_register_atfork(void)
{
    pthread_atfork(NULL, NULL, random_after_fork);
}

/* splitmix64, used only to spread a small seed over the whole state. */
static uint64_t
splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));

    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static void
seed_from(uint64_t seed)
{
    int i;

    for (i = 0; i < 4; i++) {
        state.s[i] = splitmix64(&seed);
    }
    state.seeded = 1;
    state.generation = __atomic_load_n(&fork_generation, __ATOMIC_RELAXED);
}

/* Seeds from the kernel's entropy pool, falling back to the clock and pid
 * in the unlikely case that getrandom() is unavailable. */
static void
seed_from_kernel(void)
{
    uint64_t buf[4];
    size_t got = 0;

    pthread_once(&atfork_once, random_register_atfork);
    while (got < sizeof buf) {
        ssize_t n = getrandom((char *) buf + got, sizeof buf - got, 0);
        if (n > 0) {
            got += n;
        } else if (n < 0 && errno != EINTR) {
            break;
        }
    }
    if (got < sizeof buf) {
        uint64_t x = time_wall_usec() ^ ((uint64_t) getpid() << 32)
                     ^ (uintptr_t) &state;
        seed_from(x);
        return;
    }
    memcpy(state.s, buf, sizeof state.s);
    if (!(state.s[0] | state.s[1] | state.s[2] | state.s[3])) {
        state.s[0] = 1;
    }
    state.seeded = 1;
    state.generation = __atomic_load_n(&fork_generation, __ATOMIC_RELAXED);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t
next(void)
{
    uint64_t *s = state.s;
    uint64_t result, t;

    if (OVS_UNLIKELY(!state.seeded
                     || state.generation
                        != __atomic_load_n(&fork_generation,
                                           __ATOMIC_RELAXED))) {
        seed_from_kernel();
    }

    result = rotl(s[1] * 5, 7) * 9;
    t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

void
random_set_seed(uint32_t seed)
{
    pthread_once(&atfork_once, random_register_atfork);
    seed_from(seed);
}

void
random_bytes(void *p_, size_t n)
{
    uint8_t *p = p_;

    while (n >= 8) {
        uint64_t x = next();
        memcpy(p, &x, 8);
        p += 8;
        n -= 8;
    }
    if (n) {
        uint64_t x = next();
        memcpy(p, &x, n);
    }
}

uint32_t
random_uint32(void)
{
    return next() >> 32;
}

uint64_t
random_uint64(void)
{
    return next();
}

uint32_t
random_range(uint32_t max)
{
    /* Lemire's multiply-and-reject method: no division in the common
     * case, and no bias. */
    uint64_t m = (uint64_t) random_uint32() * max;
    uint32_t low = m;

    ovs_assert(max > 0);
    if (low < max) {
        uint32_t threshold = -max % max;
        while (low < threshold) {
            m = (uint64_t) random_uint32() * max;
            low = m;
        }
    }
    return m >> 32;
}
