/* Unit tests for lib/dynamic-string.h. */
#include <config.h>
#include "dynamic-string.h"
#include "ovstest.h"
#include "util.h"

static void
test_ds_basics(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    char *s;
    int i;

    CHECK_STR(ds_cstr_ro(&ds), "");
    CHECK_INT(ds_last(&ds), EOF);
    ds_put_cstr(&ds, "abc");
    ds_put_char(&ds, 'd');
    ds_put_format(&ds, "%d-%s", 42, "x");
    CHECK_STR(ds_cstr(&ds), "abcd42-x");
    CHECK_INT(ds.length, 8);
    CHECK_INT(ds_last(&ds), 'x');
    CHECK(ds_chomp(&ds, 'x'));
    CHECK(!ds_chomp(&ds, 'x'));
    ds_truncate(&ds, 3);
    CHECK_STR(ds_cstr(&ds), "abc");

    /* Growth well past the first allocation keeps the content. */
    ds_clear(&ds);
    for (i = 0; i < 10000; i++) {
        ds_put_format(&ds, "%d,", i % 10);
    }
    CHECK_INT(ds.length, 20000);
    CHECK(!strncmp(ds_cstr(&ds), "0,1,2,3,", 8));

    ds_clear(&ds);
    ds_put_char_multiple(&ds, '-', 3);
    ds_put_buffer(&ds, "xyz", 2);
    ds_put_cstr(&ds, "  \t");
    ds_trim_trailing_spaces(&ds);
    CHECK_STR(ds_cstr(&ds), "---xy");

    s = ds_steal_cstr(&ds);
    CHECK_STR(s, "---xy");
    free(s);
    CHECK_STR(ds_cstr_ro(&ds), "");
    ds_destroy(&ds);
}
OVSTEST_REGISTER("dynamic-string/basics", test_ds_basics);

static void
test_ds_encodings(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct ds clone;

    ds_put_utf8(&ds, 'A');
    ds_put_utf8(&ds, 0xe9);
    ds_put_utf8(&ds, 0x20ac);
    ds_put_utf8(&ds, 0x1f600);
    CHECK_STR(ds_cstr(&ds), "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");

    ds_clear(&ds);
    ds_put_hex(&ds, "\x01\xab\xff", 3);
    CHECK_STR(ds_cstr(&ds), "01abff");

    ds_clear(&ds);
    ds_put_printable(&ds, "a\nb\\", 4);
    CHECK_STR(ds_cstr(&ds), "a\\012b\\134");

    ds_clear(&ds);
    ds_put_hex_dump(&ds, "0123456789abcdefXY", 18, 0, true);
    CHECK_STR(ds_cstr(&ds),
              "00000000  30 31 32 33 34 35 36 37-38 39 61 62 63 64 65 66 "
              "|0123456789abcdef|\n"
              "00000010  58 59                                           "
              "|XY              |\n");

    ds_clear(&ds);
    ds_put_strftime_msec(&ds, "%Y-%m-%dT%H:%M:%S.###Z", 1234567890123LL,
                         true);
    CHECK_STR(ds_cstr(&ds), "2009-02-13T23:31:30.123Z");

    ds_clone(&clone, &ds);
    CHECK_STR(ds_cstr(&clone), ds_cstr(&ds));
    ds_destroy(&clone);
    ds_destroy(&ds);
}
OVSTEST_REGISTER("dynamic-string/encodings", test_ds_encodings);

static void
test_ds_get_line(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    char text[] = "first\n\nlast";
    FILE *f = fmemopen(text, strlen(text), "r");

    CHECK(f != NULL);
    CHECK_INT(ds_get_line(&ds, f), 0);
    CHECK_STR(ds_cstr(&ds), "first");
    CHECK_INT(ds_get_line(&ds, f), 0);
    CHECK_STR(ds_cstr(&ds), "");
    CHECK_INT(ds_get_line(&ds, f), 0);
    CHECK_STR(ds_cstr(&ds), "last");
    CHECK_INT(ds_get_line(&ds, f), EOF);
    fclose(f);
    ds_destroy(&ds);
}
OVSTEST_REGISTER("dynamic-string/get-line", test_ds_get_line);
