/* coverage.h: event counters for "ovs-appctl coverage/show".
 *
 * A coverage counter counts how often something happened (a hash table
 * grew, a poll loop woke up at once, a message was received).  Counters
 * cost almost nothing, so code uses them freely, and the totals and recent
 * rates tell a person looking at a misbehaving daemon what it is busy
 * with.
 *
 * Use:
 *
 *     COVERAGE_DEFINE(hmap_expand);       (at file scope, once)
 *     ...
 *     COVERAGE_INC(hmap_expand);          (anywhere, any thread)
 *
 * COVERAGE_DEFINE registers the counter before main() runs (a
 * constructor), so every counter in the program is listed, in the order
 * the constructors ran, without any central table.  COVERAGE_INC and
 * COVERAGE_ADD are one relaxed atomic addition: cheap and thread-safe.
 *
 * History: the daemon's main loop calls coverage_run().  About once a
 * second it moves new counts into each counter's total; every 5 seconds it
 * closes an interval, keeping the last 12 intervals (one minute) and the
 * sums of the last 60 minutes, from which coverage_format() reports the
 * average rates over the last 5 seconds, minute and hour.  Counts appear in
 * the averages when the 5-second interval in which coverage_run() first
 * saw them ends.  coverage_run(), coverage_format() and coverage_clear()
 * may be called from any thread; they serialize among themselves. */
#ifndef COVERAGE_H
#define COVERAGE_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"

struct ds;

/* Number of 5-second intervals in a minute, and minutes in an hour. */
#define COVERAGE_MIN_SLOTS 12
#define COVERAGE_HR_SLOTS 60

/* One counter.  Only 'count' is touched outside coverage.c. */
struct coverage_counter {
    const char *name;           /* As given to COVERAGE_DEFINE. */
    unsigned int count;         /* New events, added atomically. */
    unsigned long long int total;   /* Events moved out of 'count'. */
    unsigned int interval;      /* Part of 'total' in the open interval. */
    unsigned int min[COVERAGE_MIN_SLOTS];  /* Events per 5-s interval. */
    unsigned int hr[COVERAGE_HR_SLOTS];    /* Events per minute. */
};

void coverage_counter_register(struct coverage_counter *);

#define COVERAGE_DEFINE(COUNTER)                                        \
    static struct coverage_counter COUNTER##_coverage = { #COUNTER };   \
    OVS_CONSTRUCTOR(COUNTER##_coverage_register) {                      \
        coverage_counter_register(&COUNTER##_coverage);                 \
    }                                                                   \
    /* Swallows the semicolon after COVERAGE_DEFINE(...). */            \
    struct COUNTER##_coverage_unused

/* Adds AMOUNT (or 1) to COUNTER, which COVERAGE_DEFINE defined in this
 * file. */
#define COVERAGE_ADD(COUNTER, AMOUNT)                                   \
    ((void) __atomic_fetch_add(&COUNTER##_coverage.count, (AMOUNT),     \
                               __ATOMIC_RELAXED))
#define COVERAGE_INC(COUNTER) COVERAGE_ADD(COUNTER, 1)

/* Updates the history; call once per main-loop iteration. */
void coverage_run(void);

/* Appends the text of "ovs-appctl coverage/show": a header line, one line
 * per counter that has counted anything, and the number of counters that
 * have not.  Brings the history up to date first. */
void coverage_format(struct ds *);

/* Returns COUNTER's total so far (including counts not yet moved into its
 * total), or 0 if there is no counter with that name. */
unsigned long long int coverage_get_total(const char *name);

/* Like coverage_get_total(), but tells an unknown NAME (returns false)
 * from a counter that never counted (returns true, *TOTAL = 0). */
bool coverage_read_counter(const char *name, unsigned long long int *total);

/* Forgets all counts and history (for tests). */
void coverage_clear(void);

#endif /* coverage.h */
