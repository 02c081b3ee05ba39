/* Unit tests for lib/uuid.h. */
#include <config.h>
#include <string.h>
#include "uuid.h"
#include "ovstest.h"

static void
test_uuid_format_parse(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct uuid u, v;
    char *s;

    CHECK(uuid_from_string(&u, "0123ABCD-4567-89ab-CDEF-0123456789aB"));
    CHECK_INT(u.parts[0], 0x0123abcd);
    CHECK_INT(u.parts[1], 0x456789ab);
    CHECK_INT(u.parts[2], 0xcdef0123);
    CHECK_INT(u.parts[3], 0x456789ab);
    s = uuid_to_string(&u);
    CHECK_STR(s, "0123abcd-4567-89ab-cdef-0123456789ab");
    CHECK(uuid_from_string(&v, s));
    CHECK(uuid_equals(&u, &v));
    free(s);

    /* uuid_format() writes what printf with UUID_FMT writes. */
    for (int i = 0; i < 1000; i++) {
        char fast[UUID_LEN + 1];
        char *slow;

        uuid_generate(&u);
        if (i == 0) {
            memset(&u, 0, sizeof u);
        } else if (i == 1) {
            memset(&u, 0xff, sizeof u);
        }
        uuid_format(&u, fast);
        slow = xasprintf(UUID_FMT, UUID_ARGS(&u));
        CHECK_STR(fast, slow);
        free(slow);
    }

    /* Malformed strings are rejected and zero the result. */
    static const char *bad[] = {
        "",
        "0123abcd-4567-89ab-cdef-0123456789a",
        "0123abcd-4567-89ab-cdef-0123456789abc",
        "0123abcd-4567-89ab-cdef-0123456789ag",
        "0123abcd-4567-89ab-cdef_0123456789ab",
        "0123abcd04567-89ab-cdef-0123456789ab",
        " 0123abcd-4567-89ab-cdef-0123456789a",
        "0123abcd-4567-89ab-cdef-0123456789ab ",
        "0x23abcd-4567-89ab-cdef-0123456789ab",
        "{0123abcd-4567-89ab-cdef-0123456789ab}",
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        u.parts[0] = 1;
        CHECK(!uuid_from_string(&u, bad[i]));
        CHECK(uuid_is_zero(&u));
    }

    /* A prefix parse ignores what follows. */
    CHECK(uuid_from_string_prefix(&u,
                                  "0123abcd-4567-89ab-cdef-0123456789ab,x"));
    CHECK_INT(u.parts[3], 0x456789ab);
    CHECK(!uuid_from_string_prefix(&u, "0123abcd-4567"));

    CHECK_INT(uuid_is_partial_string("0123abcd-45", 4), 11);
    CHECK_INT(uuid_is_partial_string("0123", 4), 4);
    CHECK_INT(uuid_is_partial_string("012", 4), 0);
    CHECK_INT(uuid_is_partial_string("0123abcdx", 4), 0);
    CHECK_INT(uuid_is_partial_string("0123abcd4", 4), 0);
}
OVSTEST_REGISTER("uuid/format-parse", test_uuid_format_parse);

static void
test_uuid_generate(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct uuid prev, u;
    char s[UUID_LEN + 1];
    int i;

    uuid_zero(&prev);
    CHECK(uuid_is_zero(&prev));
    for (i = 0; i < 1000; i++) {
        uuid_generate(&u);
        CHECK(!uuid_is_zero(&u));
        CHECK(!uuid_equals(&u, &prev));
        snprintf(s, sizeof s, UUID_FMT, UUID_ARGS(&u));
        CHECK_INT(strlen(s), UUID_LEN);
        CHECK(s[14] == '4');                    /* Version 4. */
        CHECK(strchr("89ab", s[19]) != NULL);   /* RFC 4122 variant. */
        CHECK(uuid_hash(&u) == uuid_hash(&u));
        prev = u;
    }
}
OVSTEST_REGISTER("uuid/generate", test_uuid_generate);

static void
test_uuid_compare(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct uuid a, b;

    CHECK(uuid_from_string(&a, "00000000-0000-0000-0000-000000000001"));
    CHECK(uuid_from_string(&b, "00000000-0000-0000-0000-000000000002"));
    CHECK(uuid_compare_3way(&a, &b) < 0);
    CHECK(uuid_compare_3way(&b, &a) > 0);
    CHECK(uuid_compare_3way(&a, &a) == 0);
    CHECK(uuid_from_string(&b, "ffffffff-0000-0000-0000-000000000000"));
    CHECK(uuid_compare_3way(&a, &b) < 0);
}
OVSTEST_REGISTER("uuid/compare", test_uuid_compare);
