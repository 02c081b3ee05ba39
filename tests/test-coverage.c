/* Unit tests for lib/coverage.h.
 *
 * Time is driven with time_warp(), so that each step below moves the clock
 * by whole 5-second intervals (plus the few real milliseconds the test
 * takes). */
#include <config.h>
#include "coverage.h"
#include "dynamic-string.h"
#include "ovs-thread.h"
#include "ovstest.h"
#include "timeval.h"

COVERAGE_DEFINE(test_alpha);
COVERAGE_DEFINE(test_beta);
COVERAGE_DEFINE(test_never);

/* Returns the lines of coverage_format() for this file's counters, plus
 * the header and trailer lines with their numbers checked and then
 * replaced by placeholders. */
static char *
format_test_lines(void)
{
    struct ds out = DS_EMPTY_INITIALIZER;
    struct ds text = DS_EMPTY_INITIALIZER;
    char *line, *save_ptr = NULL;
    unsigned int hash;
    size_t n_never;
    char junk;

    coverage_format(&text);
    for (line = strtok_r(ds_cstr(&text), "\n", &save_ptr); line;
         line = strtok_r(NULL, "\n", &save_ptr)) {
        if (!strncmp(line, "Event coverage", 14)) {
            CHECK(sscanf(line, "Event coverage, avg rate over last: "
                         "5 seconds, last minute, last hour,  "
                         "hash=%8x%c", &hash, &junk) == 2 && junk == ':');
            CHECK_INT(strlen(line), 86);
            ds_put_cstr(&out, "HEADER\n");
        } else if (sscanf(line, "%zu events never hit%c", &n_never, &junk)
                   == 1) {
            CHECK(n_never >= 1);
            ds_put_cstr(&out, "NEVER\n");
        } else if (!strncmp(line, "test_", 5)) {
            ds_put_format(&out, "%s\n", line);
        }
    }
    ds_destroy(&text);
    return ds_steal_cstr(&out);
}

static void
check_format(const char *expected)
{
    char *actual = format_test_lines();

    CHECK_STR(actual, expected);
    free(actual);
}

static void
test_coverage_format(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    int i;

    coverage_clear();
    coverage_run();
    check_format("HEADER\nNEVER\n");

    /* Counted events show in the total at once, in the averages only when
     * their 5-second interval ends. */
    COVERAGE_ADD(test_alpha, 10);
    CHECK_INT(coverage_get_total("test_alpha"), 10);
    check_format(
        "HEADER\n"
        "test_alpha                 0.0/sec     0.000/sec        0.0000/sec"
        "   total: 10\n"
        "NEVER\n");

    time_warp(5000);
    coverage_run();
    check_format(
        "HEADER\n"
        "test_alpha                 2.0/sec     0.167/sec        0.0028/sec"
        "   total: 10\n"
        "NEVER\n");

    /* Another interval: alpha leaves the 5-second average only. */
    COVERAGE_INC(test_beta);
    COVERAGE_INC(test_beta);
    COVERAGE_ADD(test_beta, 3);
    time_warp(1000);
    coverage_run();             /* Folds beta into the open interval. */
    time_warp(4000);
    coverage_run();             /* Closes it. */
    check_format(
        "HEADER\n"
        "test_alpha                 0.0/sec     0.167/sec        0.0028/sec"
        "   total: 10\n"
        "test_beta                  1.0/sec     0.083/sec        0.0014/sec"
        "   total: 5\n"
        "NEVER\n");

    /* Big rates widen their fields rather than being cut. */
    COVERAGE_ADD(test_beta, 6000000);
    time_warp(5000);
    check_format(
        "HEADER\n"
        "test_alpha                 0.0/sec     0.167/sec        0.0028/sec"
        "   total: 10\n"
        "test_beta                  0.0/sec     0.083/sec        0.0014/sec"
        "   total: 6000005\n"
        "NEVER\n");
    time_warp(5000);
    check_format(
        "HEADER\n"
        "test_alpha                 0.0/sec     0.167/sec        0.0028/sec"
        "   total: 10\n"
        "test_beta                1200000.0/sec 100000.083/sec"
        "     1666.6681/sec   total: 6000005\n"
        "NEVER\n");

    /* Twelve intervals after alpha's, it leaves the
     * minute average but stays in the hour's. */
    for (i = 0; i < 9; i++) {
        time_warp(5000);
        coverage_run();
    }
    check_format(
        "HEADER\n"
        "test_alpha                 0.0/sec     0.000/sec        0.0028/sec"
        "   total: 10\n"
        "test_beta                  0.0/sec 100000.083/sec     1666.6681/sec"
        "   total: 6000005\n"
        "NEVER\n");

    /* An hour later (one long sleep), only the totals remain. */
    time_warp(3600 * 1000);
    check_format(
        "HEADER\n"
        "test_alpha                 0.0/sec     0.000/sec        0.0000/sec"
        "   total: 10\n"
        "test_beta                  0.0/sec     0.000/sec        0.0000/sec"
        "   total: 6000005\n"
        "NEVER\n");

    CHECK_INT(coverage_get_total("test_never"), 0);
    CHECK_INT(coverage_get_total("no_such_counter"), 0);
}
OVSTEST_REGISTER("coverage/format", test_coverage_format);

static void
test_coverage_hour_window(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    int i;

    coverage_clear();
    coverage_run();
    COVERAGE_ADD(test_alpha, 36);
    coverage_run();

    /* 59 minutes later the events still count toward the hour... */
    for (i = 0; i < 59 * 12; i++) {
        time_warp(5000);
        coverage_run();
    }
    check_format(
        "HEADER\n"
        "test_alpha                 0.0/sec     0.000/sec        0.0100/sec"
        "   total: 36\n"
        "NEVER\n");

    /* ...and a little over an hour later, no longer. */
    for (i = 0; i < 13; i++) {
        time_warp(5000);
        coverage_run();
    }
    check_format(
        "HEADER\n"
        "test_alpha                 0.0/sec     0.000/sec        0.0000/sec"
        "   total: 36\n"
        "NEVER\n");
}
OVSTEST_REGISTER("coverage/hour-window", test_coverage_hour_window);

static void
test_coverage_hash(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds a = DS_EMPTY_INITIALIZER, b = DS_EMPTY_INITIALIZER;

    coverage_clear();
    COVERAGE_ADD(test_alpha, 5);
    COVERAGE_ADD(test_beta, 2);
    coverage_format(&a);

    /* Same order of frequency: same hash, though the numbers differ. */
    COVERAGE_ADD(test_alpha, 5);
    coverage_format(&b);
    CHECK(!strncmp(ds_cstr(&a), ds_cstr(&b), 86));

    /* Beta overtakes alpha: a different hash. */
    COVERAGE_ADD(test_beta, 100);
    ds_clear(&b);
    coverage_format(&b);
    CHECK(strncmp(ds_cstr(&a), ds_cstr(&b), 86));
    ds_destroy(&a);
    ds_destroy(&b);
}
OVSTEST_REGISTER("coverage/hash", test_coverage_hash);

/* Counting from several threads loses nothing. */
static void *
count_many(void *arg OVS_UNUSED)
{
    int i;

    for (i = 0; i < 100000; i++) {
        COVERAGE_INC(test_alpha);
        if (i % 1000 == 0) {
            coverage_run();
        }
    }
    return NULL;
}

static void
test_coverage_threads(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    pthread_t threads[4];
    int i;

    coverage_clear();
    for (i = 0; i < 4; i++) {
        threads[i] = ovs_thread_create("counter", count_many, NULL);
    }
    for (i = 0; i < 4; i++) {
        xpthread_join(threads[i], NULL);
    }
    CHECK_INT(coverage_get_total("test_alpha"), 400000);
    check_format(
        "HEADER\n"
        "test_alpha                 0.0/sec     0.000/sec        0.0000/sec"
        "   total: 400000\n"
        "NEVER\n");
}
OVSTEST_REGISTER("coverage/threads", test_coverage_threads);
