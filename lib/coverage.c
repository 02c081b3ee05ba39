/* coverage.c: see coverage.h. */
#include <config.h>
#include "coverage.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "hash.h"
#include "timeval.h"
#include "util.h"

/* Milliseconds between folds of new counts into totals, and in an
 * interval of the per-minute history. */
#define FOLD_MSEC 1000
#define INTERVAL_MSEC 5000

/* Every registered counter, in registration order. */
static struct coverage_counter **counters;
static size_t n_counters, allocated_counters;

/* Protects everything here except the counters' 'count' members. */
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;

/* History state shared by all counters.  'min_idx' is the slot of 'min' the
 * next closed interval goes into; 'hr_idx' is the slot of 'hr' for the
 * current minute, which 'n_in_minute' intervals have added to so far. */
static long long int next_fold = LLONG_MIN;
static long long int next_interval = LLONG_MIN;
static unsigned int min_idx;
static unsigned int hr_idx;
static unsigned int n_in_minute;

void
coverage_counter_register(struct coverage_counter *counter)
{
    pthread_mutex_lock(&mutex);
    if (n_counters >= allocated_counters) {
        counters = x2nrealloc(counters, &allocated_counters,
                              sizeof *counters);
    }
    counters[n_counters++] = counter;
    pthread_mutex_unlock(&mutex);
}

/* Moves each counter's new events into its total and open interval. */
static void
fold(void)
{
    size_t i;

    for (i = 0; i < n_counters; i++) {
        struct coverage_counter *c = counters[i];
        unsigned int n = __atomic_exchange_n(&c->count, 0, __ATOMIC_RELAXED);

        c->total += n;
        c->interval += n;
    }
}

/* Closes the open interval: it becomes the newest of the last minute's
 * intervals and is added to the current minute. */
static void
close_interval(void)
{
    size_t i;

    for (i = 0; i < n_counters; i++) {
        struct coverage_counter *c = counters[i];

        c->min[min_idx] = c->interval;
        c->hr[hr_idx] += c->interval;
        c->interval = 0;
    }
    min_idx = (min_idx + 1) % COVERAGE_MIN_SLOTS;
    if (++n_in_minute >= COVERAGE_MIN_SLOTS) {
        n_in_minute = 0;
        hr_idx = (hr_idx + 1) % COVERAGE_HR_SLOTS;
        for (i = 0; i < n_counters; i++) {
            counters[i]->hr[hr_idx] = 0;
        }
    }
}

/* Closes every interval that has ended by NOW, then folds new counts if
 * FORCE or if it is time to.  Called with 'mutex' held. */
static void
run__(long long int now, bool force)
{
    long long int interval_end = next_interval;

    if (interval_end == LLONG_MIN) {
        interval_end = now + INTERVAL_MSEC;
    }
    if (now >= interval_end) {
        /* Catch up after a long sleep: past an hour, all history is zero
         * anyway, so closing more intervals would change nothing. */
        long long int behind = (now - interval_end) / INTERVAL_MSEC + 1;
        long long int n = MIN(behind,
                              COVERAGE_MIN_SLOTS * COVERAGE_HR_SLOTS + 1);

        while (n-- > 0) {
            close_interval();
        }
        interval_end += behind * INTERVAL_MSEC;
    }
    __atomic_store_n(&next_interval, interval_end, __ATOMIC_RELAXED);
    if (force || now >= next_fold) {
        fold();
        __atomic_store_n(&next_fold, now + FOLD_MSEC, __ATOMIC_RELAXED);
    }
}

void
coverage_run(void)
{
    long long int now = time_msec();

    /* Most calls have nothing to do: check without locking. */
    if (now < __atomic_load_n(&next_fold, __ATOMIC_RELAXED)
        && now < __atomic_load_n(&next_interval, __ATOMIC_RELAXED)) {
        return;
    }
    pthread_mutex_lock(&mutex);
    run__(now, false);
    pthread_mutex_unlock(&mutex);
}

static unsigned long long int
sum_min(const struct coverage_counter *c)
{
    unsigned long long int sum = 0;
    size_t i;

    for (i = 0; i < COVERAGE_MIN_SLOTS; i++) {
        sum += c->min[i];
    }
    return sum;
}

static unsigned long long int
sum_hr(const struct coverage_counter *c)
{
    unsigned long long int sum = 0;
    size_t i;

    for (i = 0; i < COVERAGE_HR_SLOTS; i++) {
        sum += c->hr[i];
    }
    return sum;
}

static int
compare_by_total_desc(const void *a_, const void *b_)
{
    const struct coverage_counter *const *a = a_;
    const struct coverage_counter *const *b = b_;

    if ((*a)->total != (*b)->total) {
        return (*a)->total > (*b)->total ? -1 : 1;
    }
    /* Ties keep registration order, so that the hash is stable. */
    return *a < *b ? -1 : *a > *b;
}

/* Hashes the names of the counters that have counted anything, in order of
 * decreasing total.  Two reports with the same hash show the same events
 * in the same order of frequency, whatever the exact numbers. */
static uint32_t
coverage_hash(void)
{
    struct coverage_counter **sorted;
    uint32_t hash = 0;
    size_t i, n = 0;

    sorted = xmalloc(MAX(n_counters, 1) * sizeof *sorted);
    for (i = 0; i < n_counters; i++) {
        if (counters[i]->total) {
            sorted[n++] = counters[i];
        }
    }
    qsort(sorted, n, sizeof *sorted, compare_by_total_desc);
    for (i = 0; i < n; i++) {
        hash = hash_string(sorted[i]->name, hash);
    }
    free(sorted);
    return hash;
}

void
coverage_format(struct ds *ds)
{
    size_t i, n_never_hit = 0;

    pthread_mutex_lock(&mutex);
    run__(time_msec(), true);

    ds_put_format(ds, "Event coverage, avg rate over last: 5 seconds, "
                  "last minute, last hour,  hash=%08"PRIx32":\n",
                  coverage_hash());
    for (i = 0; i < n_counters; i++) {
        const struct coverage_counter *c = counters[i];
        unsigned int last;

        if (!c->total) {
            n_never_hit++;
            continue;
        }
        last = c->min[(min_idx + COVERAGE_MIN_SLOTS - 1)
                      % COVERAGE_MIN_SLOTS];
        ds_put_format(ds, "%-24s %5.1f/sec %9.3f/sec %13.4f/sec"
                      "   total: %llu\n",
                      c->name, last / 5.0, sum_min(c) / 60.0,
                      sum_hr(c) / 3600.0, c->total);
    }
    ds_put_format(ds, "%zu events never hit\n", n_never_hit);
    pthread_mutex_unlock(&mutex);
}

bool
coverage_read_counter(const char *name, unsigned long long int *total)
{
    bool found = false;
    size_t i;

    *total = 0;
    pthread_mutex_lock(&mutex);
    for (i = 0; i < n_counters; i++) {
        const struct coverage_counter *c = counters[i];

        if (!strcmp(c->name, name)) {
            *total = c->total + __atomic_load_n(&c->count, __ATOMIC_RELAXED);
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&mutex);
    return found;
}

unsigned long long int
coverage_get_total(const char *name)
{
    unsigned long long int total;

    coverage_read_counter(name, &total);
    return total;
}

void
coverage_clear(void)
{
    size_t i;

    pthread_mutex_lock(&mutex);
    for (i = 0; i < n_counters; i++) {
        struct coverage_counter *c = counters[i];

        __atomic_store_n(&c->count, 0, __ATOMIC_RELAXED);
        c->total = 0;
        c->interval = 0;
        memset(c->min, 0, sizeof c->min);
        memset(c->hr, 0, sizeof c->hr);
    }
    __atomic_store_n(&next_fold, LLONG_MIN, __ATOMIC_RELAXED);
    __atomic_store_n(&next_interval, LLONG_MIN, __ATOMIC_RELAXED);
    min_idx = hr_idx = n_in_minute = 0;
    pthread_mutex_unlock(&mutex);
}
