/* timeval.c: see timeval.h. */
#include <config.h>
#include "timeval.h"

#include <limits.h>
#include <errno.h>
#include <sys/resource.h>
#include "util.h"

static long long int warp_msec;     /* Added to the monotonic clock. */
static long long int boot_msec;     /* time_msec() when first called. */

static long long int
clock_usec(clockid_t clock)
{
    struct timespec ts;

    if (clock_gettime(clock, &ts)) {
        ovs_fatal(errno, "clock_gettime failed");
    }
    return (long long int) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

long long int
time_usec(void)
{
    return clock_usec(CLOCK_MONOTONIC)
           + __atomic_load_n(&warp_msec, __ATOMIC_RELAXED) * 1000;
}

long long int
time_msec(void)
{
    long long int now = time_usec() / 1000;

    if (!__atomic_load_n(&boot_msec, __ATOMIC_RELAXED)) {
        long long int zero = 0;
        __atomic_compare_exchange_n(&boot_msec, &zero, now, false,
                                    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
    }
    return now;
}

time_t
time_now(void)
{
    return time_msec() / 1000;
}

long long int
time_wall_usec(void)
{
    return clock_usec(CLOCK_REALTIME);
}

long long int
time_wall_msec(void)
{
    return time_wall_usec() / 1000;
}

time_t
time_wall(void)
{
    return time_wall_usec() / 1000000;
}

long long int
time_boot_msec(void)
{
    long long int now = time_msec();

    return now - __atomic_load_n(&boot_msec, __ATOMIC_RELAXED);
}

void
time_warp(long long int msecs)
{
    __atomic_add_fetch(&warp_msec, msecs, __ATOMIC_RELAXED);
}

long long int
time_warp_total(void)
{
    return __atomic_load_n(&warp_msec, __ATOMIC_RELAXED);
}

long long int
time_cpu_msec(void)
{
    struct rusage usage;

    if (getrusage(RUSAGE_SELF, &usage)) {
        return -1;
    }
    return ((long long int) usage.ru_utime.tv_sec * 1000
            + usage.ru_utime.tv_usec / 1000
            + (long long int) usage.ru_stime.tv_sec * 1000
            + usage.ru_stime.tv_usec / 1000);
}
