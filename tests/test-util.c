/* Unit tests for lib/util.h. */
#include <config.h>
#include "util.h"
#include <errno.h>
#include "ovstest.h"

static void
test_util_numbers(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    long long ll;
    unsigned int u;
    double d;
    int i;

    CHECK(str_to_int("123", 10, &i) && i == 123);
    CHECK(str_to_int("-0x10", 0, &i) && i == -16);
    CHECK(!str_to_int("", 10, &i) && i == 0);
    CHECK(!str_to_int(" 1", 10, &i));
    CHECK(!str_to_int("1 ", 10, &i));
    CHECK(!str_to_int("2147483648", 10, &i));
    CHECK(str_to_int("-2147483648", 10, &i) && i == INT_MIN);
    CHECK(str_to_llong("9223372036854775807", 10, &ll)
          && ll == LLONG_MAX);
    CHECK(!str_to_llong("9223372036854775808", 10, &ll));
    CHECK(!str_to_uint("-1", 10, &u));
    CHECK(str_to_uint("4294967295", 10, &u) && u == UINT_MAX);
    CHECK(str_to_double("1.5e3", &d) && d == 1500);
    CHECK(!str_to_double("1e999", &d));
    CHECK(!str_to_double("nan", &d));
    CHECK(!str_to_double("1.5x", &d));
}
OVSTEST_REGISTER("util/numbers", test_util_numbers);

static void
test_util_strings(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char buf[4];
    char *s;

    s = xasprintf("%s-%d", "a", 5);
    CHECK_STR(s, "a-5");
    free(s);

    ovs_strlcpy(buf, "abcdef", sizeof buf);
    CHECK_STR(buf, "abc");
    ovs_strzcpy(buf, "a", sizeof buf);
    CHECK(buf[1] == 0 && buf[2] == 0 && buf[3] == 0);

    static const struct { const char *in, *dir, *base; } names[] = {
        { "/usr/lib", "/usr", "lib" },
        { "/usr/", "/", "usr" },
        { "usr", ".", "usr" },
        { "/", "/", "/" },
        { "a//b//", "a", "b" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        char *dir = dir_name(names[i].in);
        char *base = base_name(names[i].in);
        CHECK_STR(dir, names[i].dir);
        CHECK_STR(base, names[i].base);
        free(dir);
        free(base);
    }

    s = abs_file_name("/run", "x.ctl");
    CHECK_STR(s, "/run/x.ctl");
    free(s);
    s = abs_file_name("/run/", "/y");
    CHECK_STR(s, "/y");
    free(s);

    CHECK_STR(ovs_retval_to_string(0), "Success");
    CHECK_STR(ovs_retval_to_string(EOF), "End of file");
    CHECK_STR(ovs_strerror(ENOENT), "No such file or directory");
    CHECK(nullable_string_is_equal(NULL, NULL));
    CHECK(!nullable_string_is_equal("a", NULL));
}
OVSTEST_REGISTER("util/strings", test_util_strings);

static void
test_util_bits(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    CHECK_INT(count_1bits(0xf0f0), 8);
    CHECK_INT(raw_ctz(0x100), 8);
    CHECK_INT(log_2_floor(1), 0);
    CHECK_INT(log_2_floor(1023), 9);
    CHECK_INT(log_2_ceil(1025), 11);
    CHECK_INT(log_2_ceil(1024), 10);
    CHECK(is_pow2(64) && !is_pow2(65) && !is_pow2(0));
    CHECK_INT(ROUND_UP(5, 4), 8);
    CHECK_INT(DIV_ROUND_UP(9, 4), 3);
}
OVSTEST_REGISTER("util/bits", test_util_bits);

static void
test_util_hexits(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    CHECK_INT(hexit_value('0'), 0);
    CHECK_INT(hexit_value('9'), 9);
    CHECK_INT(hexit_value('a'), 10);
    CHECK_INT(hexit_value('F'), 15);
    CHECK_INT(hexit_value('g'), -1);
    CHECK_INT(hexit_value('/'), -1);
    CHECK_INT(hexit_value(0x80 | 'a'), -1);
    CHECK_INT(hexits_value("00e9", 4), 0xe9);
    CHECK_INT(hexits_value("D83Dxyz", 4), 0xd83d);
    CHECK_INT(hexits_value("12g4", 4), -1);
    CHECK_INT(hexits_value("fffffff", 7), 0xfffffff);
    CHECK_INT(hexits_value("", 0), 0);
}
OVSTEST_REGISTER("util/hexits", test_util_hexits);

/* A helper for a shell test: "ovstest util/assert-fails" must abort with
 * a message naming the failed condition. */
static void
cmd_assert_fails(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    volatile int one = 1;

    ovs_assert(one == 2);
}
OVSTEST_COMMAND("util/assert-fails", cmd_assert_fails);
