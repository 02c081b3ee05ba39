/* ovstest.h: the unit-test driver and the checks unit tests use.
 *
 * Every unit test is a function registered under a name such as
 * "hmap/insert-remove" with OVSTEST_REGISTER.  tests/ovstest runs one test
 * per invocation ("ovstest hmap/insert-remove"), so that each is isolated
 * and the test suite can run them in parallel; "ovstest --list" prints the
 * registered unit tests.  OVSTEST_COMMAND registers a helper command that
 * shell tests call with arguments; it is not listed as a test.
 *
 * A test passes by returning, fails by calling one of the CHECK macros
 * with a false condition (which prints what differed and exits with
 * status 1), and skips itself by exiting with status 77. */
#ifndef OVSTEST_H
#define OVSTEST_H 1

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compiler.h"
#include "util.h"

typedef void ovstest_func(int argc, char *argv[]);

void ovstest_register(const char *name, ovstest_func *, bool is_test);

#define OVSTEST_REGISTER(NAME, FUNC)                            \
    OVS_CONSTRUCTOR(ovstest_register_##FUNC) {                  \
        ovstest_register(NAME, FUNC, true);                     \
    }

#define OVSTEST_COMMAND(NAME, FUNC)                             \
    OVS_CONSTRUCTOR(ovstest_register_##FUNC) {                  \
        ovstest_register(NAME, FUNC, false);                    \
    }

void ovstest_fail(const char *where, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_NO_RETURN;

#define CHECK(COND)                                                     \
    ((COND) ? (void) 0                                                  \
     : ovstest_fail(OVS_SOURCE_LOCATOR, "check failed: %s", #COND))

#define CHECK_INT(A, B)                                                 \
    do {                                                                \
        long long int a__ = (A), b__ = (B);                             \
        if (a__ != b__) {                                               \
            ovstest_fail(OVS_SOURCE_LOCATOR, "%s == %s: %lld != %lld",  \
                         #A, #B, a__, b__);                             \
        }                                                               \
    } while (0)

#define CHECK_STR(A, B)                                                 \
    do {                                                                \
        const char *a__ = (A), *b__ = (B);                              \
        if (!a__ || !b__ || strcmp(a__, b__)) {                         \
            ovstest_fail(OVS_SOURCE_LOCATOR,                            \
                         "%s == %s:\n  \"%s\"\n  != \"%s\"",            \
                         #A, #B, a__ ? a__ : "(null)",                  \
                         b__ ? b__ : "(null)");                         \
        }                                                               \
    } while (0)

#endif /* ovstest.h */
