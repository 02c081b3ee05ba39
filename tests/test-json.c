/* Unit tests for lib/json.h, and the "json/parse" and "json/corpus" helper
 * commands that the shell tests in tests/json.at use.
 *
 * The table-driven tests run every input three ways (whole buffer, split in
 * two at every byte boundary, one byte per feed) and require the same
 * result, error messages included. */
#include <config.h>
#include "json.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "ovstest.h"
#include "util.h"

/* Returns the result of parsing the N bytes at S with FLAGS, fed in pieces
 * split at the offsets in SPLITS (N_SPLITS of them, ascending), as a
 * malloc'd string: the compact serialization, or "error: MESSAGE". */
static char *
parse_split(const char *s, size_t n, int flags, const size_t *splits,
            size_t n_splits)
{
    struct json_parser *p = json_parser_create(flags);
    struct json *json;
    size_t ofs = 0;
    char *error;
    char *result;

    for (size_t i = 0; i <= n_splits && !json_parser_is_done(p); i++) {
        size_t chunk_end = i < n_splits ? splits[i] : n;

        while (ofs < chunk_end && !json_parser_is_done(p)) {
            size_t used = json_parser_feed(p, s + ofs, chunk_end - ofs);

            CHECK(used <= chunk_end - ofs);
            ofs += used;
            if (!used) {
                break;
            }
        }
    }
    json = json_parser_finish_checked(p, &error);
    if (json) {
        result = json_to_string(json, 0);
        json_destroy(json);
    } else {
        result = xasprintf("error: %s", error);
        free(error);
    }
    return result;
}

/* Parses S with FLAGS whole, split at every byte, and byte by byte, checks
 * that all agree, and returns the result as parse_split() does. */
static char *
parse_all_ways(const char *s, size_t n, int flags)
{
    char *whole = parse_split(s, n, flags, NULL, 0);
    size_t *splits;

    for (size_t i = 0; i <= n; i++) {
        char *split = parse_split(s, n, flags, &i, 1);

        if (strcmp(whole, split)) {
            ovstest_fail(OVS_SOURCE_LOCATOR, "input \"%.*s\" split at %zu:"
                         "\n  %s\n  != %s", (int) n, s, i, split, whole);
        }
        free(split);
    }

    splits = xmalloc((n + 1) * sizeof *splits);
    for (size_t i = 0; i < n; i++) {
        splits[i] = i + 1;
    }
    char *bytewise = parse_split(s, n, flags, splits, n);
    if (strcmp(whole, bytewise)) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "input \"%.*s\" byte by byte:"
                     "\n  %s\n  != %s", (int) n, s, bytewise, whole);
    }
    free(bytewise);
    free(splits);
    return whole;
}

struct parse_case {
    const char *input;
    const char *output;         /* Compact output or "error: ...". */
};

static void
run_parse_cases(const struct parse_case *cases, size_t n, int flags)
{
    for (size_t i = 0; i < n; i++) {
        const struct parse_case *c = &cases[i];
        char *result = parse_all_ways(c->input, strlen(c->input), flags);

        if (strcmp(result, c->output)) {
            ovstest_fail(OVS_SOURCE_LOCATOR, "input: %s\n  got:      %s\n"
                         "  expected: %s", c->input, result, c->output);
        }
        free(result);
    }
}

static void
test_json_types(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct json *a = json_array_create_empty();
    struct json *o = json_object_create();
    char *s;

    CHECK_STR(json_type_to_string(JSON_NULL), "null");
    CHECK_STR(json_type_to_string(JSON_FALSE), "false");
    CHECK_STR(json_type_to_string(JSON_TRUE), "true");
    CHECK_STR(json_type_to_string(JSON_OBJECT), "object");
    CHECK_STR(json_type_to_string(JSON_ARRAY), "array");
    CHECK_STR(json_type_to_string(JSON_INTEGER), "integer");
    CHECK_STR(json_type_to_string(JSON_REAL), "real");
    CHECK_STR(json_type_to_string(JSON_STRING), "string");

    json_array_add(a, json_null_create());
    json_array_add(a, json_boolean_create(true));
    json_array_add(a, json_boolean_create(false));
    json_array_add(a, json_integer_create(-42));
    json_array_add(a, json_real_create(2.5));
    json_array_add(a, json_string_create("x\"y"));
    json_array_add(a, json_string_create_nocopy(xstrdup("z")));
    json_array_add(a, json_string_create_format("%d-%s", 7, "up"));
    json_array_add(a, json_array_create_1(json_integer_create(1)));
    json_array_add(a, json_array_create_2(json_integer_create(1),
                                          json_integer_create(2)));
    json_array_add(a, json_array_create_3(json_integer_create(1),
                                          json_integer_create(2),
                                          json_integer_create(3)));
    CHECK_INT(json_array(a)->n, 11);
    CHECK(json_boolean(json_array(a)->elems[1]));
    CHECK(!json_boolean(json_array(a)->elems[2]));
    CHECK_INT(json_integer(json_array(a)->elems[3]), -42);
    CHECK(json_real(json_array(a)->elems[3]) == -42.0);
    CHECK(json_real(json_array(a)->elems[4]) == 2.5);
    CHECK_STR(json_string(json_array(a)->elems[5]), "x\"y");

    json_object_put(o, "a", a);
    json_object_put_string(o, "b", "bee");
    json_object_put_nocopy(o, xstrdup("c"), json_integer_create(3));
    json_object_put(o, "c", json_integer_create(4));   /* Replaces. */
    CHECK_INT(shash_count(json_object(o)), 3);
    CHECK_INT(json_integer(json_object_get(o, "c")), 4);
    CHECK(json_object_get(o, "d") == NULL);

    s = json_to_string(o, JSSF_SORT);
    CHECK_STR(s, "{\"a\":[null,true,false,-42,2.5,\"x\\\"y\",\"z\",\"7-up\","
              "[1],[1,2],[1,2,3]],\"b\":\"bee\",\"c\":4}");
    free(s);
    json_destroy(o);

    /* Ownership of the array passed to json_array_create(). */
    struct json **elems = xmalloc(2 * sizeof *elems);
    elems[0] = json_integer_create(5);
    elems[1] = json_string_create("five");
    a = json_array_create(elems, 2);
    s = json_to_string(a, 0);
    CHECK_STR(s, "[5,\"five\"]");
    free(s);
    json_destroy(a);
    json_destroy(json_array_create(NULL, 0));
    json_destroy(NULL);
}
OVSTEST_REGISTER("json/types", test_json_types);

static void
test_json_clone_equal_hash(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct json *a = json_from_string(
        "{\"x\":[1,2.5,\"s\",true,false,null,{\"y\":{}}],\"z\":[]}");
    struct json *b = json_from_string(
        "{\"z\":[],\"x\":[1,2.5,\"s\",true,false,null,{\"y\":{}}]}");
    struct json *c, *d;

    CHECK(a->type == JSON_OBJECT);
    CHECK(json_equal(a, b));
    CHECK(json_hash(a, 0) == json_hash(b, 0));
    CHECK(json_hash(a, 0) != json_hash(a, 1));

    c = json_clone(a);
    CHECK(c == a);
    CHECK_INT(a->count, 2);
    json_destroy(c);
    CHECK_INT(a->count, 1);

    d = json_deep_clone(a);
    CHECK(d != a);
    CHECK(json_equal(a, d));
    json_object_put(d, "new", json_null_create());
    CHECK(!json_equal(a, d));
    CHECK(!json_equal(d, a));
    json_destroy(d);

    /* Different types and values. */
    struct json *i1 = json_integer_create(1);
    struct json *r1 = json_real_create(1.0);
    struct json *s1 = json_string_create("1");
    struct json *s2 = json_string_create("2");
    CHECK(!json_equal(i1, r1));
    CHECK(!json_equal(s1, s2));
    CHECK(!json_equal(i1, NULL));
    CHECK(json_equal(NULL, NULL));
    json_destroy(i1);
    json_destroy(r1);
    json_destroy(s1);
    json_destroy(s2);

    /* Array order matters. */
    c = json_from_string("[1,2]");
    d = json_from_string("[2,1]");
    CHECK(!json_equal(c, d));
    json_destroy(c);
    json_destroy(d);

    json_destroy(a);
    json_destroy(b);
}
OVSTEST_REGISTER("json/clone-equal-hash", test_json_clone_equal_hash);

static void
test_json_numbers(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const struct parse_case cases[] = {
        { "[0]", "[0]" },
        { "[-0]", "[0]" },
        { "[1,-1,42]", "[1,-1,42]" },
        { "[9223372036854775807]", "[9223372036854775807]" },
        { "[-9223372036854775808]", "[-9223372036854775808]" },
        { "[9223372036854775808]", "[9.22337203685478e+18]" },
        { "[-9223372036854775809]", "[-9.22337203685478e+18]" },
        { "[1.5]", "[1.5]" },
        { "[-2.25]", "[-2.25]" },
        { "[0.1]", "[0.1]" },
        /* Integral values become integers, as upstream does. */
        { "[1.0,100.0,1E2,1e+2,0.5e1,10e-1,-0.0,0e400,0.0e-10]",
          "[1,100,100,100,5,1,0,0,0]" },
        { "[9223372036854775807.0]", "[9223372036854775807]" },
        { "[-9223372036854775808.0]", "[-9223372036854775808]" },
        { "[100000000000000000000e-2]", "[1000000000000000000]" },
        { "[1e18]", "[1000000000000000000]" },
        { "[1e19]", "[1e+19]" },
        { "[1e20]", "[1e+20]" },
        { "[1e-7]", "[1e-07]" },
        { "[2.5e-5]", "[2.5e-05]" },
        { "[123.456e1]", "[1234.56]" },
        { "[1.000000000000000000000000001]", "[1]" },
        { "[12345678901234567890e-5]", "[123456789012346]" },
        { "[123456789012345678901234567890]", "[1.23456789012346e+29]" },
        { "[0.30000000000000004]", "[0.3]" },
        { "[3.141592653589793]", "[3.14159265358979]" },
        { "[1.7976931348623157e308]", "[1.79769313486232e+308]" },
        { "[2.2250738585072014e-308]", "[2.2250738585072e-308]" },
        { "[1e-400]", "[0]" },
        { "[1E400]",
          "error: line 0, column 6, byte 6: number outside valid range" },
        { "[-1e400]",
          "error: line 0, column 7, byte 7: number outside valid range" },
        { "[5e-324]",
          "error: line 0, column 7, byte 7: number outside valid range" },
        { "[1e999999999999999999999]",
          "error: line 0, column 24, byte 24: number outside valid range" },
        { "[01]", "error: line 0, column 3, byte 3: "
          "leading zeros not allowed" },
        { "[-01]", "error: line 0, column 4, byte 4: "
          "leading zeros not allowed" },
        { "[00]", "error: line 0, column 3, byte 3: "
          "leading zeros not allowed" },
        { "[01.5]", "error: line 0, column 5, byte 5: "
          "leading zeros not allowed" },
        { "[-]", "error: line 0, column 2, byte 2: "
          "'-' must be followed by digit" },
        { "[-a]", "error: line 0, column 2, byte 2: "
          "'-' must be followed by digit" },
        { "[--1]", "error: line 0, column 4, byte 4: "
          "'-' must be followed by digit" },
        { "[1.]", "error: line 0, column 3, byte 3: "
          "decimal point must be followed by digit" },
        { "[1.e5]", "error: line 0, column 5, byte 5: "
          "decimal point must be followed by digit" },
        { "[1e]", "error: line 0, column 3, byte 3: "
          "exponent must contain at least one digit" },
        { "[1e+]", "error: line 0, column 4, byte 4: "
          "exponent must contain at least one digit" },
        { "[1.5.5]", "error: line 0, column 6, byte 6: "
          "syntax error in number" },
        { "[1e5e5]", "error: line 0, column 6, byte 6: "
          "syntax error in number" },
        { "[1-2]", "error: line 0, column 4, byte 4: "
          "syntax error in number" },
        { "[.5]", "error: line 0, column 1, byte 1: "
          "invalid character '.'" },
        { "[+1]", "error: line 0, column 1, byte 1: "
          "invalid character '+'" },
        { "[0x10]", "error: line 0, column 3, byte 3: "
          "invalid keyword 'x'" },
        { "[Infinity]", "error: line 0, column 1, byte 1: "
          "invalid character 'I'" },
        { "[NaN]", "error: line 0, column 1, byte 1: "
          "invalid character 'N'" },
    };

    run_parse_cases(cases, ARRAY_SIZE(cases), JSPF_TRAILER);

    /* Types. */
    struct json *j = json_from_string("[1, 1.5, 1.0, 1e19]");
    const struct json_array *a = json_array(j);
    CHECK(a->elems[0]->type == JSON_INTEGER);
    CHECK(a->elems[1]->type == JSON_REAL);
    CHECK(a->elems[2]->type == JSON_INTEGER);
    CHECK(a->elems[3]->type == JSON_REAL);
    json_destroy(j);
}
OVSTEST_REGISTER("json/numbers", test_json_numbers);

static void
test_json_serialize_reals(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const struct {
        double d;
        const char *s;
    } cases[] = {
        { 1.5, "1.5" },
        { 100.0, "100" },
        { 1e20, "1e+20" },
        { 0.1, "0.1" },
        { -0.0, "-0" },
        { 1e-7, "1e-07" },
        { 123456.789, "123456.789" },
        { 0.30000000000000004, "0.3" },
        { 1.0 / 3, "0.333333333333333" },
        { 5e-324, "4.94065645841247e-324" },
        { 1.7976931348623157e308, "1.79769313486232e+308" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct json *j = json_real_create(cases[i].d);
        char *s = json_to_string(j, 0);

        CHECK_STR(s, cases[i].s);
        free(s);
        json_destroy(j);
    }

    /* Not representable in JSON. */
    struct json *j = json_real_create(INFINITY);
    char *s = json_to_string(j, 0);
    CHECK_STR(s, "null");
    free(s);
    json_destroy(j);

    /* Random doubles print as upstream's "%.15g" does. */
    srand(1);
    for (int i = 0; i < 10000; i++) {
        uint64_t bits = ((uint64_t) rand() << 62) ^ ((uint64_t) rand() << 31)
                        ^ (uint64_t) rand();
        char expected[64];
        double d;

        memcpy(&d, &bits, sizeof d);
        if (!isfinite(d)) {
            continue;
        }
        j = json_real_create(d);
        s = json_to_string(j, 0);
        json_destroy(j);
        snprintf(expected, sizeof expected, "%.15g", d);
        CHECK_STR(s, expected);
        free(s);
    }
}
OVSTEST_REGISTER("json/serialize-reals", test_json_serialize_reals);

static void
test_json_strings(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const struct parse_case cases[] = {
        { "[\"\"]", "[\"\"]" },
        { "[\"abc\"]", "[\"abc\"]" },
        { "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]",
          "[\"\\\"\\\\/\\b\\f\\n\\r\\t\"]" },
        { "[\"\\u0041\\u00e9\\u20AC\\ud83d\\ude00\"]",
          "[\"A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]" },
        { "[\"\\u0001\\u001f\\u007f\"]", "[\"\\u0001\\u001f\x7f\"]" },
        { "[\"\\uDBFF\\uDFFF\"]", "[\"\xf4\x8f\xbf\xbf\"]" },
        { "[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbf\"]",
          "[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbf\"]" },
        { "[\"\xed\x9f\xbf\xee\x80\x80\xf4\x8f\xbf\xbf\"]",
          "[\"\xed\x9f\xbf\xee\x80\x80\xf4\x8f\xbf\xbf\"]" },
        { "[\"a long string with no escapes at all, longer than sixteen "
          "bytes\"]",
          "[\"a long string with no escapes at all, longer than sixteen "
          "bytes\"]" },
        { "{\"\\u006eame\":\"v\"}", "{\"name\":\"v\"}" },

        /* Errors. */
        { "[\"abc", "error: line 0, column 5, byte 5: "
          "unexpected end of input in quoted string" },
        { "[\"\\u12", "error: line 0, column 6, byte 6: "
          "unexpected end of input in quoted string" },
        { "[\"abc\\", "error: line 0, column 6, byte 6: "
          "unexpected end of input in quoted string" },
        { "[\"\\ud800\\\"]", "error: line 0, column 11, byte 11: "
          "unexpected end of input in quoted string" },
        { "[\"a\nb\"]", "error: line 0, column 3, byte 3: "
          "U+000A must be escaped in quoted string" },
        { "[\"ab\x01\"]", "error: line 0, column 4, byte 4: "
          "U+0001 must be escaped in quoted string" },
        { "[\"ab\\\x1f\"]", "error: line 0, column 5, byte 5: "
          "U+001F must be escaped in quoted string" },
        { "[\"\\x\"]", "error: line 0, column 4, byte 4: bad escape \\x" },
        { "[\"\\'\"]", "error: line 0, column 4, byte 4: bad escape \\'" },
        { "[\"\\\xc3\xa9\"]", "error: line 0, column 5, byte 5: "
          "bad escape \\ followed by byte 0xc3" },
        { "[\"\\u12g4\"]", "error: line 0, column 8, byte 8: "
          "malformed \\u escape" },
        { "[\"\\u00\"]", "error: line 0, column 6, byte 6: "
          "quoted string ends within \\u escape" },
        { "[\"\\u0000\"]", "error: line 0, column 8, byte 8: "
          "null bytes not supported in quoted strings" },
        { "[\"\\ud800\"]", "error: line 0, column 8, byte 8: "
          "malformed escaped surrogate pair" },
        { "[\"\\ud800x\"]", "error: line 0, column 9, byte 9: "
          "malformed escaped surrogate pair" },
        { "[\"\\ud800\\n\"]", "error: line 0, column 10, byte 10: "
          "malformed escaped surrogate pair" },
        { "[\"\\udc00\"]", "error: line 0, column 8, byte 8: "
          "malformed escaped surrogate pair" },
        { "[\"\\ud800\\u\"]", "error: line 0, column 10, byte 10: "
          "quoted string ends within \\u escape" },
        { "[\"\\ud800\\ud800\"]", "error: line 0, column 14, byte 14: "
          "second half of escaped surrogate pair is not trailing "
          "surrogate" },
        { "[\"\\ud800\\u00zz\"]", "error: line 0, column 14, byte 14: "
          "malformed \\u escape" },
        { "[\"\xc0\x80\"]", "error: line 0, column 4, byte 4: "
          "invalid UTF-8 sequence in quoted string" },
        { "[\"\xc1\xbf\"]", "error: line 0, column 4, byte 4: "
          "invalid UTF-8 sequence in quoted string" },
        { "[\"\xe0\x80\xaf\"]", "error: line 0, column 5, byte 5: "
          "invalid UTF-8 sequence in quoted string" },
        { "[\"\xed\xa0\x80\"]", "error: line 0, column 5, byte 5: "
          "invalid UTF-8 sequence in quoted string" },
        { "[\"\xf0\x80\x80\x80\"]", "error: line 0, column 6, byte 6: "
          "invalid UTF-8 sequence in quoted string" },
        { "[\"\xf4\x90\x80\x80\"]", "error: line 0, column 6, byte 6: "
          "invalid UTF-8 sequence in quoted string" },
        { "[\"\xf8\x88\x80\x80\x80\"]", "error: line 0, column 7, byte 7: "
          "invalid UTF-8 sequence in quoted string" },
        { "[\"\x80\"]", "error: line 0, column 3, byte 3: "
          "invalid UTF-8 sequence in quoted string" },
        { "[\"\xe2\x82\"]", "error: line 0, column 4, byte 4: "
          "invalid UTF-8 sequence in quoted string" },
        { "[\"\xe2\x82x\"]", "error: line 0, column 5, byte 5: "
          "invalid UTF-8 sequence in quoted string" },
        { "[\"a\xff" "b\"]", "error: line 0, column 5, byte 5: "
          "invalid UTF-8 sequence in quoted string" },
    };

    run_parse_cases(cases, ARRAY_SIZE(cases), JSPF_TRAILER);
}
OVSTEST_REGISTER("json/strings", test_json_strings);

static void
test_json_syntax(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const struct parse_case cases[] = {
        { "[]", "[]" },
        { "{}", "{}" },
        { " \t\r\n[ 1 , 2 ]\n\t ", "[1,2]" },
        { "[true,false,null]", "[true,false,null]" },
        { "[[[]],{\"a\":{\"b\":[{}]}}]", "[[[]],{\"a\":{\"b\":[{}]}}]" },
        { "{\"a\":1,\"a\":2}", "{\"a\":2}" },

        { "", "error: line 0, column 0, byte 0: empty input stream" },
        { "  ", "error: line 0, column 2, byte 2: empty input stream" },
        { "1", "error: line 0, column 1, byte 1: "
          "syntax error at beginning of input" },
        { "\"x\"", "error: line 0, column 2, byte 2: "
          "syntax error at beginning of input" },
        { "true false", "error: line 0, column 4, byte 4: "
          "syntax error at beginning of input" },
        { "]", "error: line 0, column 0, byte 0: "
          "syntax error at beginning of input" },
        { "[", "error: line 0, column 1, byte 1: unexpected end of input" },
        { "{", "error: line 0, column 1, byte 1: unexpected end of input" },
        { "[1,2", "error: line 0, column 5, byte 5: "
          "unexpected end of input" },
        { "[1 ", "error: line 0, column 3, byte 3: "
          "unexpected end of input" },
        { "{\"a\"", "error: line 0, column 4, byte 4: "
          "unexpected end of input" },
        { "{\"a\":", "error: line 0, column 5, byte 5: "
          "unexpected end of input" },
        { "[1] 2", "error: line 0, column 5, byte 5: "
          "trailing garbage at end of input" },
        { "[1]]", "error: line 0, column 3, byte 3: "
          "trailing garbage at end of input" },
        { "[1] [2]", "error: line 0, column 4, byte 4: "
          "trailing garbage at end of input" },
        { "[1] \"x\"", "error: line 0, column 6, byte 6: "
          "trailing garbage at end of input" },
        { "[1] x", "error: line 0, column 5, byte 5: invalid keyword 'x'" },
        { "{\"a\":1}x", "error: line 0, column 8, byte 8: "
          "invalid keyword 'x'" },
        { "[tru]", "error: line 0, column 4, byte 4: "
          "invalid keyword 'tru'" },
        { "[tr", "error: line 0, column 3, byte 3: "
          "invalid keyword 'tr'" },
        { "[truex]", "error: line 0, column 6, byte 6: "
          "invalid keyword 'truex'" },
        { "[trueX]", "error: line 0, column 6, byte 6: "
          "invalid keyword 'trueX'" },
        { "[true1]", "error: line 0, column 6, byte 6: "
          "syntax error expecting ']' or ','" },
        { "[True]", "error: line 0, column 1, byte 1: "
          "invalid character 'T'" },
        { "[1,,2]", "error: line 0, column 3, byte 3: "
          "syntax error expecting value" },
        { "[,]", "error: line 0, column 1, byte 1: "
          "syntax error expecting value" },
        { "[1,]", "error: line 0, column 3, byte 3: "
          "syntax error expecting value" },
        { "[1 2]", "error: line 0, column 4, byte 4: "
          "syntax error expecting ']' or ','" },
        { "[1:2]", "error: line 0, column 2, byte 2: "
          "syntax error expecting ']' or ','" },
        { "[1}", "error: line 0, column 2, byte 2: "
          "syntax error expecting ']' or ','" },
        { "{,}", "error: line 0, column 1, byte 1: "
          "syntax error parsing object expecting string" },
        { "{1:2}", "error: line 0, column 2, byte 2: "
          "syntax error parsing object expecting string" },
        { "{\"a\":1,}", "error: line 0, column 7, byte 7: "
          "syntax error parsing object expecting string" },
        { "{\"a\" 1}", "error: line 0, column 6, byte 6: "
          "syntax error parsing object expecting ':'" },
        { "{\"a\"}", "error: line 0, column 4, byte 4: "
          "syntax error parsing object expecting ':'" },
        { "{\"a\",}", "error: line 0, column 4, byte 4: "
          "syntax error parsing object expecting ':'" },
        { "{\"a\":}", "error: line 0, column 5, byte 5: "
          "syntax error expecting value" },
        { "{\"a\":1 \"b\":2}", "error: line 0, column 9, byte 9: "
          "syntax error expecting '}' or ','" },
        { "{\"a\":1]", "error: line 0, column 6, byte 6: "
          "syntax error expecting '}' or ','" },
        { "@", "error: line 0, column 0, byte 0: invalid character '@'" },
        { "[1,2]//", "error: line 0, column 5, byte 5: "
          "invalid character '/'" },
        { "[1]\x01", "error: line 0, column 3, byte 3: "
          "invalid character U+0001" },
        { "\x7f", "error: line 0, column 0, byte 0: "
          "invalid character U+007f" },
        { "\xef\xbb\xbf[1]", "error: line 0, column 0, byte 0: "
          "invalid character U+00ef" },
        { "[\xc3\xa9]", "error: line 0, column 1, byte 1: "
          "invalid character U+00c3" },

        /* Line and column numbers. */
        { "[1,\n2,\nx]", "error: line 2, column 1, byte 8: "
          "invalid keyword 'x'" },
        { "[1,\r\n2,\rx]", "error: line 1, column 4, byte 9: "
          "invalid keyword 'x'" },
        { "[1,\n\n  x]", "error: line 2, column 3, byte 8: "
          "invalid keyword 'x'" },
        { "[1,\n2  ,\t \"\\u00\"]", "error: line 1, column 11, byte 15: "
          "quoted string ends within \\u escape" },
        { "[\"\\u00e9\xc3\xa9\", x]", "error: line 0, column 14, byte 14: "
          "invalid keyword 'x'" },
    };

    run_parse_cases(cases, ARRAY_SIZE(cases), JSPF_TRAILER);
}
OVSTEST_REGISTER("json/syntax", test_json_syntax);

static void
test_json_flags(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const struct parse_case scalar_cases[] = {
        { "1", "1" },
        { " -1.5 ", "-1.5" },
        { "\"x\"", "\"x\"" },
        { "true", "true" },
        { "null", "null" },
        { "false ", "false" },
        { "[1]", "[1]" },
        { "1 2", "error: line 0, column 3, byte 3: "
          "trailing garbage at end of input" },
        { "\"x\"y", "error: line 0, column 4, byte 4: invalid keyword 'y'" },
        { "nul", "error: line 0, column 3, byte 3: invalid keyword 'nul'" },
        { "01", "error: line 0, column 2, byte 2: "
          "leading zeros not allowed" },
        { "", "error: line 0, column 0, byte 0: empty input stream" },
    };
    static const struct parse_case dup_cases[] = {
        { "{\"a\":{\"a\":1}}", "{\"a\":{\"a\":1}}" },
        { "{\"a\":1,\"a\":2}", "error: line 0, column 12, byte 12: "
          "duplicate member name \"a\"" },
        { "[{\"b\":{\"a\":1,\"a\":[1]}}]", "error: line 0, column 20, "
          "byte 20: duplicate member name \"a\"" },
    };
    char *s;

    run_parse_cases(scalar_cases, ARRAY_SIZE(scalar_cases),
                    JSPF_TRAILER | JSPF_SCALAR);
    run_parse_cases(dup_cases, ARRAY_SIZE(dup_cases),
                    JSPF_TRAILER | JSPF_NO_DUPLICATES);

    /* The whole-string helpers. */
    struct json *j = json_from_string("[1] x");
    CHECK(j->type == JSON_STRING);
    CHECK_STR(json_string(j), "line 0, column 5, byte 5: invalid keyword 'x'");
    json_destroy(j);

    j = json_from_string_checked("{\"a\":[]}", &s);
    CHECK(j && !s);
    json_destroy(j);
    j = json_from_string_checked("{", &s);
    CHECK(!j);
    CHECK_STR(s, "line 0, column 1, byte 1: unexpected end of input");
    free(s);
    j = json_from_buffer("[1]\0", 4, JSPF_TRAILER, NULL);
    CHECK(!j);
    j = json_from_buffer("[1]\0", 3, JSPF_TRAILER, NULL);
    CHECK(j && j->type == JSON_ARRAY);
    json_destroy(j);
}
OVSTEST_REGISTER("json/flags", test_json_flags);

static void
test_json_depth(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct json *j;
    char *error;

    /* Exactly the limit works. */
    ds_put_char_multiple(&ds, '[', JSON_MAX_DEPTH);
    ds_put_char_multiple(&ds, ']', JSON_MAX_DEPTH);
    j = json_from_buffer(ds.string, ds.length, JSPF_TRAILER, &error);
    CHECK(j != NULL);
    char *s = json_to_string(j, 0);
    CHECK_STR(s, ds_cstr(&ds));
    free(s);
    json_destroy(j);

    /* One more does not. */
    ds_clear(&ds);
    ds_put_char_multiple(&ds, '[', JSON_MAX_DEPTH + 1);
    ds_put_char_multiple(&ds, ']', JSON_MAX_DEPTH + 1);
    j = json_from_buffer(ds.string, ds.length, JSPF_TRAILER, &error);
    CHECK(j == NULL);
    CHECK_STR(error, "line 0, column 1000, byte 1000: "
              "input exceeds maximum nesting depth 1000");
    free(error);

    /* Far deeper input is no problem either, objects too. */
    ds_clear(&ds);
    for (int i = 0; i < 1000000; i++) {
        ds_put_cstr(&ds, "{\"a\":[");
    }
    j = json_from_buffer(ds.string, ds.length, JSPF_TRAILER, &error);
    CHECK(j == NULL);
    free(error);
    ds_destroy(&ds);
}
OVSTEST_REGISTER("json/depth", test_json_depth);

static void
test_json_serialize(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    /* This layout is what upstream's "ovsdb-client --pretty" prints. */
    static const char input[] =
        "[{\"rows\":[{\"m\":[\"map\",[]],\"st\":[\"set\",[1,2,3]]},"
        "{\"m\":[\"map\",[[\"a\",1],[\"b\",2]]]}]},"
        "{\"rows\":[]},{},"
        "{\"error\":\"syntax error\",\"details\":\"x\\\"y\"}]";
    static const char pretty[] =
        "[\n"
        "  {\n"
        "    \"rows\": [\n"
        "      {\n"
        "        \"m\": [\n"
        "          \"map\",\n"
        "          []],\n"
        "        \"st\": [\n"
        "          \"set\",\n"
        "          [\n"
        "            1,\n"
        "            2,\n"
        "            3]]},\n"
        "      {\n"
        "        \"m\": [\n"
        "          \"map\",\n"
        "          [\n"
        "            [\n"
        "              \"a\",\n"
        "              1],\n"
        "            [\n"
        "              \"b\",\n"
        "              2]]]}]},\n"
        "  {\n"
        "    \"rows\": []},\n"
        "  {\n"
        "    },\n"
        "  {\n"
        "    \"details\": \"x\\\"y\",\n"
        "    \"error\": \"syntax error\"}]";
    struct json *j = json_from_string(input);
    char *s;

    CHECK(j->type == JSON_ARRAY);
    s = json_to_string(j, JSSF_PRETTY | JSSF_SORT);
    CHECK_STR(s, pretty);
    free(s);
    s = json_to_string(j, JSSF_SORT);
    CHECK_STR(s,
              "[{\"rows\":[{\"m\":[\"map\",[]],\"st\":[\"set\",[1,2,3]]},"
              "{\"m\":[\"map\",[[\"a\",1],[\"b\",2]]]}]},"
              "{\"rows\":[]},{},"
              "{\"details\":\"x\\\"y\",\"error\":\"syntax error\"}]");
    free(s);
    json_destroy(j);

    /* Sorting many members. */
    j = json_object_create();
    for (int i = 99; i >= 0; i--) {
        char name[16];

        snprintf(name, sizeof name, "k%02d", i);
        json_object_put(j, name, json_integer_create(i));
    }
    s = json_to_string(j, JSSF_SORT);
    CHECK(!strncmp(s, "{\"k00\":0,\"k01\":1,\"k02\":2,", 25));
    CHECK(strstr(s, "\"k98\":98,\"k99\":99}"));
    free(s);
    json_destroy(j);

    /* Escapes. */
    j = json_string_create("\"\\/\b\f\n\r\t\x01\x1f\x7f\xc3\xa9 "
                           "and a longer tail past sixteen bytes\x02");
    s = json_to_string(j, 0);
    CHECK_STR(s, "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xc3\xa9 "
              "and a longer tail past sixteen bytes\\u0002\"");
    free(s);
    json_destroy(j);

    struct ds ds = DS_EMPTY_INITIALIZER;
    ds_put_cstr(&ds, "x=");
    json_string_escape("a\"b", &ds);
    CHECK_STR(ds_cstr(&ds), "x=\"a\\\"b\"");
    j = json_integer_create(LLONG_MIN);
    json_to_ds(j, 0, &ds);
    CHECK_STR(ds_cstr(&ds), "x=\"a\\\"b\"-9223372036854775808");
    json_destroy(j);
    ds_destroy(&ds);

    /* Top-level scalars serialize too. */
    j = json_null_create();
    s = json_to_string(j, JSSF_PRETTY);
    CHECK_STR(s, "null");
    free(s);
    json_destroy(j);
}
OVSTEST_REGISTER("json/serialize", test_json_serialize);

static void
test_json_stream(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    /* Without JSPF_TRAILER, feeding stops after each value, so one buffer
     * can hold several messages. */
    static const char input[] = "{\"id\":1} [2]\n{\"id\":\"\\u00e9\"}  x";
    const char *s = input;
    size_t left = strlen(input);
    const char *expected[] = {
        "{\"id\":1}", "[2]", "{\"id\":\"\xc3\xa9\"}",
    };

    for (size_t i = 0; i < ARRAY_SIZE(expected); i++) {
        struct json_parser *p = json_parser_create(0);
        size_t used = json_parser_feed(p, s, left);
        struct json *j;
        char *out;

        CHECK(json_parser_is_done(p));
        s += used;
        left -= used;
        j = json_parser_finish(p);
        out = json_to_string(j, 0);
        CHECK_STR(out, expected[i]);
        free(out);
        json_destroy(j);
    }
    CHECK_STR(s, "  x");

    /* The same, fed one byte at a time. */
    s = input;
    for (size_t i = 0; i < ARRAY_SIZE(expected); i++) {
        struct json_parser *p = json_parser_create(0);
        struct json *j;
        char *out;

        while (!json_parser_is_done(p)) {
            s += json_parser_feed(p, s, 1);
        }
        j = json_parser_finish(p);
        out = json_to_string(j, 0);
        CHECK_STR(out, expected[i]);
        free(out);
        json_destroy(j);
    }
    CHECK_STR(s, "  x");

    /* Errors stop consumption; a done parser consumes nothing. */
    struct json_parser *p = json_parser_create(0);
    CHECK_INT(json_parser_feed(p, "[1,,]", 5), 3);
    CHECK(json_parser_is_done(p));
    CHECK_INT(json_parser_feed(p, "[", 1), 0);
    json_parser_abort(p);

    /* Aborting mid-value frees everything. */
    p = json_parser_create(JSPF_TRAILER);
    json_parser_feed(p, "{\"a\":[1,{\"b\":\"xyz", 17);
    CHECK(!json_parser_is_done(p));
    json_parser_abort(p);
    json_parser_abort(NULL);
}
OVSTEST_REGISTER("json/stream", test_json_stream);

static void
test_json_files(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    const char *name = "test-json-file.json";
    FILE *f = fopen(name, "w");
    struct json *j;

    CHECK(f != NULL);
    fputs("{\"a\": [1, 2.5, \"x\"]}\n", f);
    fclose(f);

    j = json_from_file(name);
    CHECK(j->type == JSON_OBJECT);
    json_destroy(j);

    f = fopen(name, "w");
    fputs("{\"a\": \n", f);
    fclose(f);
    j = json_from_file(name);
    CHECK(j->type == JSON_STRING);
    CHECK_STR(json_string(j), "line 1, column 0, byte 7: "
              "unexpected end of input");
    json_destroy(j);
    unlink(name);

    j = json_from_file("/nonexistent/file.json");
    CHECK_STR(json_string(j), "error opening \"/nonexistent/file.json\": "
              "No such file or directory");
    json_destroy(j);

    j = json_from_file(".");
    CHECK_STR(json_string(j), "error reading JSON stream: Is a directory");
    json_destroy(j);
}
OVSTEST_REGISTER("json/files", test_json_files);

/* Random values for round-trip testing. */
static struct json *
random_json(int depth)
{
    int type = rand() % (depth > 4 ? 6 : 8);

    switch (type) {
    case 0:
        return json_null_create();
    case 1:
        return json_boolean_create(rand() & 1);
    case 2:
        return json_integer_create((long long int) rand() * rand()
                                   * (rand() & 1 ? 1 : -1));
    case 3:
        return json_real_create((double) rand() / (rand() + 1) + 0.5);
    case 4:
    case 5: {
        char s[16];
        int n = rand() % 10;

        for (int i = 0; i < n; i++) {
            s[i] = 1 + rand() % 126;
        }
        s[n] = '\0';
        return json_string_create(s);
    }
    case 6: {
        struct json *a = json_array_create_empty();
        int n = rand() % 5;

        for (int i = 0; i < n; i++) {
            json_array_add(a, random_json(depth + 1));
        }
        return a;
    }
    default: {
        struct json *o = json_object_create();
        int n = rand() % 5;

        for (int i = 0; i < n; i++) {
            char name[8];

            snprintf(name, sizeof name, "m%d", rand() % 10);
            json_object_put(o, name, random_json(depth + 1));
        }
        return o;
    }
    }
}

static void
test_json_roundtrip(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    srand(42);
    for (int i = 0; i < 2000; i++) {
        struct json *a = json_array_create_1(random_json(0));
        /* Unsorted output depends on hash table layout, which may differ
         * between the two values, so compare sorted output. */
        int flags = (i & 1 ? JSSF_PRETTY : 0) | JSSF_SORT;
        char *s = json_to_string(a, flags);
        char *error;
        struct json *b = json_from_buffer(s, strlen(s), JSPF_TRAILER,
                                          &error);

        if (!b) {
            ovstest_fail(OVS_SOURCE_LOCATOR, "%s: %s", s, error);
        }
        /* Reals that are integral come back as integers, so compare the
         * serializations rather than the values. */
        char *s2 = json_to_string(b, flags);
        CHECK_STR(s2, s);
        struct json *c = json_deep_clone(b);
        char *s3 = json_to_string(c, flags);

        CHECK(json_equal(b, c));
        CHECK_STR(s3, s);
        free(s3);
        json_destroy(c);
        free(s);
        free(s2);
        json_destroy(a);
        json_destroy(b);
    }
}
OVSTEST_REGISTER("json/roundtrip", test_json_roundtrip);

/* Helper commands for the shell tests. */

static char *
read_file(const char *name, size_t *np)
{
    FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
    struct ds ds = DS_EMPTY_INITIALIZER;
    char buf[4096];
    size_t n;

    if (!f) {
        ovs_fatal(errno, "%s: open failed", name);
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        ds_put_buffer(&ds, buf, n);
    }
    if (f != stdin) {
        fclose(f);
    }
    *np = ds.length;
    ds_put_char(&ds, '\0');
    return ds_steal_cstr(&ds);
}

/* json/parse [--pretty] [--sort] [--scalar] [--no-duplicates] [FILE]:
 * parses FILE (default: standard input) and prints it serialized, or
 * prints "error: MESSAGE" and exits with status 1. */
static void
test_json_parse_cmd(int argc, char *argv[])
{
    int parse_flags = JSPF_TRAILER;
    int flags = 0;
    const char *file = "-";
    struct json *j;
    char *data;
    char *error;
    size_t n;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--pretty")) {
            flags |= JSSF_PRETTY;
        } else if (!strcmp(argv[i], "--sort")) {
            flags |= JSSF_SORT;
        } else if (!strcmp(argv[i], "--scalar")) {
            parse_flags |= JSPF_SCALAR;
        } else if (!strcmp(argv[i], "--no-duplicates")) {
            parse_flags |= JSPF_NO_DUPLICATES;
        } else {
            file = argv[i];
        }
    }

    data = read_file(file, &n);
    j = json_from_buffer(data, n, parse_flags, &error);
    free(data);
    if (!j) {
        printf("error: %s\n", error);
        free(error);
        exit(1);
    }
    char *s = json_to_string(j, flags);
    puts(s);
    free(s);
    json_destroy(j);
}
OVSTEST_COMMAND("json/parse", test_json_parse_cmd);

/* json/corpus DIR: runs every accept-*.json and reject-*.json file in DIR
 * through the parser (whole, split at every byte if small, and byte by
 * byte), checks that accept-* parse and reject-* do not, and that for
 * accepted files serialize -> parse -> serialize is stable in every output
 * mode.  Prints one line per file and a summary; exits 1 on any failure. */
static void
test_json_corpus_cmd(int argc, char *argv[])
{
    const char *dir_name = argc > 1 ? argv[1] : ".";
    DIR *dir = opendir(dir_name);
    struct dirent *de;
    int n_files = 0, n_failed = 0;

    if (!dir) {
        ovs_fatal(errno, "%s: opendir failed", dir_name);
    }
    while ((de = readdir(dir)) != NULL) {
        bool accept = !strncmp(de->d_name, "accept-", 7);
        bool reject = !strncmp(de->d_name, "reject-", 7);
        const char *dot = strrchr(de->d_name, '.');

        if ((!accept && !reject) || !dot || strcmp(dot, ".json")) {
            continue;
        }
        n_files++;

        char *path = xasprintf("%s/%s", dir_name, de->d_name);
        size_t n;
        char *data = read_file(path, &n);
        char *result = n <= 4096 ? parse_all_ways(data, n, JSPF_TRAILER)
                                 : parse_split(data, n, JSPF_TRAILER,
                                               NULL, 0);
        bool is_error = !strncmp(result, "error: ", 7);
        const char *problem = NULL;

        if (accept && is_error) {
            problem = "rejected";
        } else if (reject && !is_error) {
            problem = "accepted";
        } else if (accept) {
            /* Unsorted output depends on the hash tables' layout, so
             * compare sorted output. */
            for (int flags = 0; flags < 4 && !problem; flags++) {
                struct json *j1 = json_from_buffer(data, n, JSPF_TRAILER,
                                                   NULL);
                char *s1 = json_to_string(j1, flags);
                struct json *j2 = json_from_string(s1);
                char *s2 = json_to_string(j2, flags);

                char *t1 = json_to_string(j1, JSSF_SORT);
                char *t2 = json_to_string(j2, JSSF_SORT);

                if (j2->type == JSON_STRING) {
                    problem = "serialization does not parse";
                } else if (strcmp(t1, t2)
                           || (flags & JSSF_SORT && strcmp(s1, s2))) {
                    problem = "unstable serialization";
                }
                free(t1);
                free(t2);
                free(s1);
                free(s2);
                json_destroy(j1);
                json_destroy(j2);
            }
        }
        if (problem) {
            printf("FAIL %s: %s: %s\n", de->d_name, problem, result);
            n_failed++;
        } else {
            printf("ok %s: %.200s\n", de->d_name, result);
        }
        free(result);
        free(data);
        free(path);
    }
    closedir(dir);
    printf("%d files, %d failed\n", n_files, n_failed);
    exit(n_failed || !n_files ? 1 : 0);
}
OVSTEST_COMMAND("json/corpus", test_json_corpus_cmd);
