/* timeval.h: clocks.
 *
 * time_msec() is the clock for timers and timeouts: CLOCK_MONOTONIC in
 * milliseconds, never going backward, unaffected by changes to the wall
 * clock.  time_wall_msec() is CLOCK_REALTIME, for timestamps shown to
 * people and written to logs.  All functions are thread-safe. */
#ifndef TIMEVAL_H
#define TIMEVAL_H 1

#include <limits.h>
#include <stdint.h>
#include <time.h>

/* A time far in the future, for "no timeout". */
#define TIME_MAX LLONG_MAX
#define TIME_MIN LLONG_MIN

long long int time_msec(void);          /* Monotonic, milliseconds. */
long long int time_usec(void);          /* Monotonic, microseconds. */
time_t time_now(void);                  /* Monotonic, seconds. */
long long int time_wall_msec(void);     /* Wall clock, milliseconds. */
long long int time_wall_usec(void);     /* Wall clock, microseconds. */
time_t time_wall(void);                 /* Wall clock, seconds. */

/* Milliseconds the process has run since it started (monotonic). */
long long int time_boot_msec(void);

/* Test support: time_warp() moves the monotonic clock forward by MSECS at
 * once, so that tests see timers expire without waiting for them. */
void time_warp(long long int msecs);
long long int time_warp_total(void);

/* CPU time used by the process, in milliseconds, or -1 if unknown. */
long long int time_cpu_msec(void);

#endif /* timeval.h */
