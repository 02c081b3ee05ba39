/* Unit tests for lib/ovsdb-data.h.  Error texts and string forms are
 * those upstream's ovsdb-server and ovsdb-client produce. */
#include <config.h>
#include "ovsdb-data.h"
#include "dynamic-string.h"
#include "json.h"
#include "ovsdb-error.h"
#include "ovstest.h"

static void
parse_type(struct ovsdb_type *type, const char *s)
{
    struct json *json = json_from_buffer(s, strlen(s),
                                         JSPF_TRAILER | JSPF_SCALAR, NULL);
    CHECK(json != NULL);
    struct ovsdb_error *error = ovsdb_type_from_json(type, json);
    CHECK(error == NULL);
    json_destroy(json);
}

/* Parses datum S of type TYPE_S; returns "JSON | STRING" or
 * "error: TEXT". */
static char *
parse_datum(const char *type_s, const char *s)
{
    struct json *json = json_from_buffer(s, strlen(s),
                                         JSPF_TRAILER | JSPF_SCALAR, NULL);
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb_datum datum, copy;
    struct ovsdb_error *error;
    struct ovsdb_type type;
    char *out;

    CHECK(json != NULL);
    parse_type(&type, type_s);
    error = ovsdb_datum_from_json(&datum, &type, json, symtab);
    if (error) {
        char *msg = ovsdb_error_to_string_free(error);
        CHECK_INT(datum.n, 0);
        out = xasprintf("error: %s", msg);
        free(msg);
    } else {
        struct json *j = ovsdb_datum_to_json(&datum, &type);
        struct ds ds = DS_EMPTY_INITIALIZER;

        ovsdb_datum_clone(&copy, &datum, &type);
        CHECK(ovsdb_datum_equals(&copy, &datum, &type));
        CHECK_INT(ovsdb_datum_hash(&copy, &type, 1),
                  ovsdb_datum_hash(&datum, &type, 1));
        CHECK(ovsdb_datum_includes_all(&copy, &datum, &type));
        CHECK(ovsdb_datum_conforms_to_type(&datum, &type));
        ovsdb_datum_destroy(&copy, &type);

        json_to_ds(j, JSSF_SORT, &ds);
        ds_put_cstr(&ds, " | ");
        ovsdb_datum_to_string(&datum, &type, &ds);
        out = ds_steal_cstr(&ds);
        json_destroy(j);
    }
    ovsdb_datum_destroy(&datum, &type);
    ovsdb_type_destroy(&type);
    ovsdb_symbol_table_destroy(symtab);
    json_destroy(json);
    return out;
}

#define CHECK_DATUM(TYPE, IN, OUT)              \
    do {                                        \
        char *s_ = parse_datum(TYPE, IN);       \
        CHECK_STR(s_, OUT);                     \
        free(s_);                               \
    } while (0)

#define INT_RANGE "{\"key\":{\"type\":\"integer\",\"minInteger\":0," \
                  "\"maxInteger\":10},\"min\":0,\"max\":1}"
#define STR_SET "{\"key\":\"string\",\"min\":0,\"max\":\"unlimited\"}"
#define STR_MAP "{\"key\":\"string\",\"value\":\"string\",\"min\":0," \
                "\"max\":\"unlimited\"}"

static void
test_data_json(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    CHECK_DATUM("\"integer\"", "5", "5 | 5");
    CHECK_DATUM("\"integer\"", "1.0", "1 | 1");
    CHECK_DATUM("\"real\"", "2", "2 | 2");
    CHECK_DATUM("\"real\"", "-0.25", "-0.25 | -0.25");
    CHECK_DATUM("\"boolean\"", "true", "true | true");
    CHECK_DATUM(INT_RANGE, "[\"set\",[]]", "[\"set\",[]] | []");
    CHECK_DATUM(INT_RANGE, "[\"set\",[3]]", "3 | 3");
    CHECK_DATUM("{\"key\":\"integer\",\"min\":1,\"max\":2}", "0",
                "0 | [0]");
    CHECK_DATUM("{\"key\":\"integer\",\"min\":1,\"max\":2}",
                "[\"set\",[2,1]]", "[\"set\",[1,2]] | [1, 2]");
    CHECK_DATUM("\"uuid\"",
                "[\"uuid\",\"be8ebfa4-3404-4d4d-baf7-385867819c4f\"]",
                "[\"uuid\",\"be8ebfa4-3404-4d4d-baf7-385867819c4f\"] | "
                "be8ebfa4-3404-4d4d-baf7-385867819c4f");
    CHECK_DATUM(STR_SET,
                "[\"set\",[\"abc\",\"1\",\"-x\",\"x-y\",\"a b\",\"\","
                "\"a_b.c\",\"true\",\"\\u00e9\",\"a\\\"q\",\"_u\","
                "\"a\\n\",\"null\",\"A1\","
                "\"be8ebfa4-3404-4d4d-baf7-385867819c4f\"]]",
                "[\"set\",[\"\",\"-x\",\"1\",\"A1\",\"_u\",\"a\\n\","
                "\"a b\",\"a\\\"q\",\"a_b.c\",\"abc\","
                "\"be8ebfa4-3404-4d4d-baf7-385867819c4f\",\"null\","
                "\"true\",\"x-y\",\"\xc3\xa9\"]] | "
                "[\"\", \"-x\", \"1\", A1, _u, \"a\\n\", \"a b\", "
                "\"a\\\"q\", a_b.c, abc, "
                "\"be8ebfa4-3404-4d4d-baf7-385867819c4f\", null, "
                "\"true\", x-y, \"\xc3\xa9\"]");
    CHECK_DATUM(STR_MAP, "[\"map\",[[\"k\",\"v\"],[\"1\",\"2\"],"
                "[\"a b\",\"c=d\"]]]",
                "[\"map\",[[\"1\",\"2\"],[\"a b\",\"c=d\"],[\"k\",\"v\"]]]"
                " | {\"1\"=\"2\", \"a b\"=\"c=d\", k=v}");
    CHECK_DATUM(STR_MAP, "[\"map\",[]]", "[\"map\",[]] | {}");
    CHECK_DATUM("{\"key\":\"integer\",\"value\":\"real\",\"min\":0,"
                "\"max\":\"unlimited\"}", "[\"map\",[[1,2.5],[-3,100]]]",
                "[\"map\",[[-3,100],[1,2.5]]] | {-3=100, 1=2.5}");
}
OVSTEST_REGISTER("ovsdb-data/json", test_data_json);

static void
test_data_json_errors(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    CHECK_DATUM(INT_RANGE, "11", "error: constraint violation: 11 is not "
                "in the valid range 0 to 10 (inclusive)");
    CHECK_DATUM(INT_RANGE, "1.5", "error: syntax \"1.5\": syntax error: "
                "expected integer");
    CHECK_DATUM(INT_RANGE, "\"x\"", "error: syntax \"\"x\"\": syntax "
                "error: expected integer");
    CHECK_DATUM("{\"key\":{\"type\":\"real\",\"minReal\":-1.5,"
                "\"maxReal\":2.5}}", "3", "error: constraint violation: "
                "3 is not in the valid range -1.5 to 2.5 (inclusive)");
    CHECK_DATUM("{\"key\":{\"type\":\"integer\",\"minInteger\":0}}", "-5",
                "error: constraint violation: -5 is less than minimum "
                "allowed value 0");
    CHECK_DATUM("{\"key\":{\"type\":\"string\",\"minLength\":2,"
                "\"maxLength\":4}}", "\"a\"", "error: constraint "
                "violation: \"a\" length 1 is less than minimum allowed "
                "length 2");
    CHECK_DATUM("{\"key\":{\"type\":\"string\",\"minLength\":2,"
                "\"maxLength\":4}}", "\"\\u00e9\\u00e9\\u00e9\\u00e9\"",
                "\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\" | "
                "\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"");
    CHECK_DATUM("{\"key\":{\"type\":\"string\",\"maxLength\":4}}",
                "\"abcde\"", "error: constraint violation: \"abcde\" "
                "length 5 is greater than maximum allowed length 4");
    CHECK_DATUM("{\"key\":{\"type\":\"string\",\"enum\":[\"set\","
                "[\"red\",\"green\"]]},\"min\":0,\"max\":3}", "\"blue\"",
                "error: constraint violation: blue is not one of the "
                "allowed values ([green, red])");
    CHECK_DATUM(STR_SET, "[\"set\",[\"a\",\"a\"]]",
                "error: ovsdb error: set contains duplicate");
    CHECK_DATUM(STR_MAP, "[\"map\",[[\"a\",\"b\"],[\"a\",\"c\"]]]",
                "error: ovsdb error: map contains duplicate key");
    CHECK_DATUM(STR_MAP, "[\"set\",[]]", "error: syntax \"[\"set\",[]]\": "
                "syntax error: expected [\"map\", <array>]");
    CHECK_DATUM(STR_MAP, "[\"map\",[[\"a\"]]]", "error: syntax "
                "\"[\"a\"]\": syntax error: expected 2-element array");
    CHECK_DATUM("\"uuid\"", "[\"uuid\",\"zz\"]", "error: syntax "
                "\"[\"uuid\",\"zz\"]\": syntax error: \"zz\" is not a "
                "valid UUID");
    CHECK_DATUM("\"uuid\"", "[\"foo\",\"x\"]", "error: syntax "
                "\"[\"foo\",\"x\"]\": syntax error: expected "
                "[\"uuid\", <string>]");
    CHECK_DATUM("{\"key\":\"integer\",\"min\":1,\"max\":2}",
                "[\"set\",[1,2,3,4]]", "error: syntax "
                "\"[\"set\",[1,2,3,4]]\": syntax error: set must have 1 "
                "to 2 members but 4 are present");
    CHECK_DATUM("\"boolean\"", "\"true\"", "error: syntax \"\"true\"\": "
                "syntax error: expected boolean");
    CHECK_DATUM(STR_SET, "[\"set\",[\"a\",1]]", "error: syntax \"1\": "
                "syntax error: expected string");
    CHECK_DATUM(STR_SET, "[\"set\"]", "error: syntax \"[\"set\"]\": "
                "syntax error: expected [\"set\", <array>]");
}
OVSTEST_REGISTER("ovsdb-data/json-errors", test_data_json_errors);

static void
test_data_named_uuid(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct json *json = json_from_string("[\"named-uuid\",\"row1\"]");
    struct ovsdb_base_type base = OVSDB_BASE_UUID_INIT;
    union ovsdb_atom a, b;

    CHECK(!ovsdb_atom_from_json(&a, &base, json, symtab));
    CHECK(!ovsdb_atom_from_json(&b, &base, json, symtab));
    CHECK(uuid_equals(&a.uuid, &b.uuid));
    CHECK(uuid_equals(&a.uuid,
                      &ovsdb_symbol_table_get(symtab, "row1")->uuid));
    struct ovsdb_error *error = ovsdb_atom_from_json(&a, &base, json, NULL);
    CHECK(error != NULL);
    ovsdb_error_destroy(error);
    json_destroy(json);
    ovsdb_symbol_table_destroy(symtab);
}
OVSTEST_REGISTER("ovsdb-data/named-uuid", test_data_named_uuid);

static void
check_atom_string(enum ovsdb_atomic_type t, const char *in,
                  const char *out)
{
    struct ovsdb_base_type base;
    union ovsdb_atom atom;
    char *error;

    ovsdb_base_type_init(&base, t);
    error = ovsdb_atom_from_string(&atom, &base, in, NULL);
    if (error) {
        CHECK_STR(error, out);
        free(error);
    } else {
        struct ds ds = DS_EMPTY_INITIALIZER;
        ovsdb_atom_to_string(&atom, t, &ds);
        CHECK_STR(ds_cstr(&ds), out);
        ds_destroy(&ds);
        ovsdb_atom_destroy(&atom, t);
    }
}

static void
test_atom_strings(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    check_atom_string(OVSDB_TYPE_INTEGER, "010", "10");
    check_atom_string(OVSDB_TYPE_INTEGER, "x",
                      "\"x\" is not a valid integer");
    check_atom_string(OVSDB_TYPE_BOOLEAN, "true", "true");
    check_atom_string(OVSDB_TYPE_BOOLEAN, "TRUE", "\"TRUE\" is not a valid "
                      "boolean (use \"true\" or \"false\")");
    check_atom_string(OVSDB_TYPE_STRING, "abc", "abc");
    check_atom_string(OVSDB_TYPE_STRING, "\"x y\"", "\"x y\"");
    check_atom_string(OVSDB_TYPE_STRING, "\"\"", "\"\"");
    check_atom_string(OVSDB_TYPE_STRING, "", "An empty string is not valid "
                      "as input; use \"\" to represent the empty string");
    check_atom_string(OVSDB_TYPE_STRING, "\"a\\x\"",
                      "\"a\\x\": bad escape \\x");
    check_atom_string(OVSDB_TYPE_STRING, "\"x",
                      "\"x: quoted string extends past end of argument");
    check_atom_string(OVSDB_TYPE_STRING, "\"a\"x",
                      "\"a\"x: missing quote at end of quoted string");
    check_atom_string(OVSDB_TYPE_UUID, "xyz",
                      "\"xyz\" is not a valid UUID");
    check_atom_string(OVSDB_TYPE_REAL, "0.5", "0.5");
}
OVSTEST_REGISTER("ovsdb-data/atom-strings", test_atom_strings);

static void
test_set_ops(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_type type;
    struct ovsdb_datum a, b;
    struct json *ja = json_from_string("[\"set\",[1,3,5]]");
    struct json *jb = json_from_string("[\"set\",[2,3]]");

    parse_type(&type, "{\"key\":\"integer\",\"min\":0,"
               "\"max\":\"unlimited\"}");
    CHECK(!ovsdb_datum_from_json(&a, &type, ja, NULL));
    CHECK(!ovsdb_datum_from_json(&b, &type, jb, NULL));
    CHECK(!ovsdb_datum_includes_all(&b, &a, &type));
    CHECK(!ovsdb_datum_excludes_all(&b, &a, &type));
    ovsdb_datum_union(&a, &b, &type);
    CHECK_INT(a.n, 4);
    CHECK(ovsdb_datum_includes_all(&b, &a, &type));
    CHECK(ovsdb_datum_compare_3way(&a, &b, &type) > 0);
    ovsdb_datum_subtract(&a, &type, &b, &type);
    CHECK_INT(a.n, 2);
    CHECK(ovsdb_datum_excludes_all(&b, &a, &type));
    CHECK_INT(a.keys[0].integer, 1);
    CHECK_INT(a.keys[1].integer, 5);
    ovsdb_datum_destroy(&a, &type);
    ovsdb_datum_destroy(&b, &type);
    ovsdb_type_destroy(&type);
    json_destroy(ja);
    json_destroy(jb);
}
OVSTEST_REGISTER("ovsdb-data/set-ops", test_set_ops);

/* Parses S as a datum of type TYPE_S with ovsdb_datum_from_string();
 * returns its string form or the error text.  Checks on the way that the
 * string form and the JSON form read back as the same datum. */
static char *
parse_datum_string(const char *type_s, const char *s)
{
    struct ovsdb_datum datum, again;
    struct ovsdb_type type;
    char *error;

    parse_type(&type, type_s);
    error = ovsdb_datum_from_string(&datum, &type, s, NULL);
    if (error) {
        CHECK_INT(datum.n, 0);
        ovsdb_type_destroy(&type);
        return error;
    }
    CHECK(!ovsdb_datum_check_constraints(&datum, &type));

    struct ds ds = DS_EMPTY_INITIALIZER;
    ovsdb_datum_to_string(&datum, &type, &ds);

    char *error2 = ovsdb_datum_from_string(&again, &type, ds_cstr(&ds),
                                           NULL);
    CHECK_STR(error2 ? error2 : "", "");
    free(error2);
    CHECK(ovsdb_datum_equals(&datum, &again, &type));
    CHECK_INT(ovsdb_datum_hash(&datum, &type, 7),
              ovsdb_datum_hash(&again, &type, 7));
    ovsdb_datum_destroy(&again, &type);

    struct json *json = ovsdb_datum_to_json(&datum, &type);
    struct ovsdb_error *jerror = ovsdb_datum_from_json(&again, &type, json,
                                                       NULL);
    CHECK(!jerror);
    CHECK(ovsdb_datum_equals(&datum, &again, &type));
    ovsdb_datum_destroy(&again, &type);
    json_destroy(json);

    ovsdb_datum_destroy(&datum, &type);
    ovsdb_type_destroy(&type);
    return ds_steal_cstr(&ds);
}

#define CHECK_DSTR(TYPE, IN, OUT)                       \
    do {                                                \
        char *s_ = parse_datum_string(TYPE, IN);        \
        CHECK_STR(s_, OUT);                             \
        free(s_);                                       \
    } while (0)

/* Types of columns of upstream's Open_vSwitch schema, whose behaviour
 * with ovs-vsctl the cases below reproduce. */
#define T_STRING "\"string\""
#define T_INTEGER "\"integer\""
#define T_BOOLEAN "\"boolean\""
#define T_OPT_STRING "{\"key\":\"string\",\"min\":0}"
#define T_OPT_BOOL "{\"key\":\"boolean\",\"min\":0}"
#define T_TAG "{\"key\":{\"type\":\"integer\",\"minInteger\":0," \
              "\"maxInteger\":4095},\"min\":0,\"max\":1}"
#define T_TRUNKS "{\"key\":{\"type\":\"integer\",\"minInteger\":0," \
                 "\"maxInteger\":4095},\"min\":0,\"max\":4096}"
#define T_INT_SET "{\"key\":\"integer\",\"min\":0,\"max\":\"unlimited\"}"
#define T_UUID_SET1 "{\"key\":\"uuid\",\"min\":1,\"max\":\"unlimited\"}"
#define T_PROTOCOLS "{\"key\":{\"type\":\"string\",\"enum\":[\"set\"," \
                    "[\"OpenFlow10\",\"OpenFlow11\"]]},\"min\":0," \
                    "\"max\":\"unlimited\"}"
#define T_STR_INT_MAP "{\"key\":\"string\",\"value\":\"integer\"," \
                      "\"min\":0,\"max\":\"unlimited\"}"
#define T_INT_UUID_MAP "{\"key\":\"integer\",\"value\":\"uuid\"," \
                       "\"min\":0,\"max\":\"unlimited\"}"
#define T_REAL_SET "{\"key\":\"real\",\"min\":0,\"max\":\"unlimited\"}"
#define T_SET_1_3 "{\"key\":\"string\",\"min\":1,\"max\":3}"

static void
test_datum_strings(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    /* Maps. */
    CHECK_DSTR(STR_MAP, "{a=b, c=d}", "{a=b, c=d}");
    CHECK_DSTR(STR_MAP, "a=b,c=d", "{a=b, c=d}");
    CHECK_DSTR(STR_MAP, "{ a = b   c=d }", "{a=b, c=d}");
    CHECK_DSTR(STR_MAP, "{\"x y\"=\"1\", \"q\\\"z\"=\"\"}",
               "{\"q\\\"z\"=\"\", \"x y\"=\"1\"}");
    CHECK_DSTR(STR_MAP, "{}", "{}");
    CHECK_DSTR(STR_MAP, "{ }", "{}");
    CHECK_DSTR(STR_MAP, "{a=b,}", "{a=b}");
    CHECK_DSTR(STR_MAP, "{\"a\"=b,c=\"d\"}", "{a=b, c=d}");
    CHECK_DSTR(STR_MAP, "{a=1, b=\"x y\", c=\"\", \"1\"=true}",
               "{\"1\"=\"true\", a=\"1\", b=\"x y\", c=\"\"}");
    CHECK_DSTR(STR_MAP, "{a=b }  ", "{a=b}");
    CHECK_DSTR(STR_MAP, "{\"\\u00e9\\ud83d\\ude00\"=b}",
               "{\"\xc3\xa9\xf0\x9f\x98\x80\"=b}");
    CHECK_DSTR(STR_MAP, "{a=b", "{a=b: missing \"}\" at end of data");
    CHECK_DSTR(STR_MAP, "a}", "a}: syntax error at \"}\" expecting \"=\"");
    CHECK_DSTR(STR_MAP, "{a}", "a}: syntax error at \"}\" expecting \"=\"");
    CHECK_DSTR(STR_MAP, "{a=b c}",
               "c}: syntax error at \"}\" expecting \"=\"");
    CHECK_DSTR(STR_MAP, "{a:b=c}",
               "a:b=c}: syntax error at \":\" expecting \"=\"");
    CHECK_DSTR(STR_MAP, "{a", "a: syntax error at \"");
    CHECK_DSTR(STR_MAP, "{a ", "a : syntax error at \"");
    CHECK_DSTR(STR_MAP, "{a=b,a=c}", "{a=b,a=c}: map contains duplicate key");
    CHECK_DSTR(STR_MAP, "[]", "[]: unexpected \"[\" parsing map of "
               "(string, string) pairs");
    CHECK_DSTR(STR_MAP, "{=b}", "{=b}: unexpected \"=\" parsing map of "
               "(string, string) pairs");
    CHECK_DSTR(STR_MAP, "{,a=b}", "{,a=b}: unexpected \",\" parsing map of "
               "(string, string) pairs");
    CHECK_DSTR(STR_MAP, "{a=b=c}", "{a=b=c}: unexpected \"=\" parsing map "
               "of (string, string) pairs");
    CHECK_DSTR(STR_MAP, "{a=b]", "{a=b]: unexpected \"]\" parsing map "
               "of (string, string) pairs");
    CHECK_DSTR(STR_MAP, "a=b}", "a=b}: unexpected \"}\" parsing map "
               "of (string, string) pairs");
    CHECK_DSTR(STR_MAP, "{a=b}x", "{a=b}x: trailing garbage after \"}\"");
    CHECK_DSTR(STR_MAP, "{a=b}}", "{a=b}}: trailing garbage after \"}\"");
    CHECK_DSTR(STR_MAP, "{a=}", "An empty string is not valid as input; "
               "use \"\" to represent the empty string");
    CHECK_DSTR(STR_MAP, "{a==b}", "An empty string is not valid as input; "
               "use \"\" to represent the empty string");
    CHECK_DSTR(STR_MAP, "{a=\"b c\"d}",
               "\"b c\"d: missing quote at end of quoted string");
    CHECK_DSTR(STR_MAP, "{\"\\\"=b}",
               "\"\\\"=b}: quoted string extends past end of argument");
    CHECK_DSTR(STR_MAP, "{\"a\\u0000\"=b}",
               "\"a\\u0000\": null bytes not supported in quoted strings");
    CHECK_DSTR(STR_MAP, "{\"\\ud800\"=b}",
               "\"\\ud800\": malformed escaped surrogate pair");
    CHECK_DSTR(STR_MAP, " ", "use \"{}\" to specify the empty map");
    CHECK_DSTR(T_STR_INT_MAP, "{a=-3}", "{a=-3}");
    CHECK_DSTR(T_STR_INT_MAP, "{a=1-2}",
               "\"1-2\" is not a valid integer or range");
    CHECK_DSTR(T_STR_INT_MAP, "{a=}", "\"\" is not a valid integer or range");
    CHECK_DSTR(T_STR_INT_MAP, "{a= }",
               "\"\" is not a valid integer or range");
    CHECK_DSTR(T_INT_UUID_MAP,
               "{1=fd620592-2ab0-4364-89dd-19977105a781}",
               "{1=fd620592-2ab0-4364-89dd-19977105a781}");
    CHECK_DSTR(T_INT_UUID_MAP, "{1=x}", "\"x\" is not a valid UUID");

    /* Sets of strings. */
    CHECK_DSTR(STR_SET, "[a b,c]", "[a, b, c]");
    CHECK_DSTR(STR_SET, "a b", "[a, b]");
    CHECK_DSTR(STR_SET, "a,b", "[a, b]");
    CHECK_DSTR(STR_SET, " [a] ", "[a]");
    CHECK_DSTR(STR_SET, "\t[a]\t", "[a]");
    CHECK_DSTR(STR_SET, "[a,]", "[a]");
    CHECK_DSTR(STR_SET, "[ ]", "[]");
    CHECK_DSTR(STR_SET, "[\"a\",b]", "[a, b]");
    CHECK_DSTR(STR_SET, "[\"a\" \"b\"]", "[a, b]");
    CHECK_DSTR(STR_SET, "[a\"b c\"]", "[\"a\\\"b c\\\"\"]");
    CHECK_DSTR(STR_SET, "[a\\b]", "[ab]");
    CHECK_DSTR(STR_SET, "[a\tb]", "[\"a\\tb\"]");
    CHECK_DSTR(STR_SET, "[a\nb]", "[\"a\\nb\"]");
    CHECK_DSTR(STR_SET, "[a/b, a;b, a(b), a.b, a-b, a@b, a|b, a#b, a+b]",
               "[\"a#b\", \"a(b)\", \"a+b\", a-b, a.b, \"a/b\", \"a;b\", "
               "\"a@b\", \"a|b\"]");
    CHECK_DSTR(STR_SET, "[\"a\\\"b\" \"c\\\\d\" \"\\/\"]",
               "[\"/\", \"a\\\"b\", \"c\\\\d\"]");
    CHECK_DSTR(STR_SET, "[\"1\", \"true\", \"\", \"a-b\", \"-a\", \"1a\", "
               "\"a.b\", \"_a\", \"a_1\", \"A\", \"null\", \"0x\", "
               "\"e8ebfa4-3404-4d4d-baf7-385867819c4f\", "
               "\"e87a6e5b-9813-477a-824b-b8990fea8253\"]",
               "[\"\", \"-a\", \"0x\", \"1\", \"1a\", A, _a, a-b, a.b, "
               "a_1, \"e87a6e5b-9813-477a-824b-b8990fea8253\", "
               "e8ebfa4-3404-4d4d-baf7-385867819c4f, null, \"true\"]");
    CHECK_DSTR(STR_SET, "[\"a:b\", \"a b\", \"a=b\", \"a,b\", \"\\u0001\", "
               "\"@x\", \"A:b\", \"a.\", \"a-\", \"a~\"]",
               "[\"\\u0001\", \"@x\", \"A:b\", \"a b\", \"a,b\", a-, a., "
               "\"a:b\", \"a=b\", \"a~\"]");
    CHECK_DSTR(STR_SET, "[a:b]", "[a:b]: unexpected \":\" parsing set of "
               "strings");
    CHECK_DSTR(STR_SET, "[i{j}]", "[i{j}]: unexpected \"{\" parsing set of "
               "strings");
    CHECK_DSTR(STR_SET, "[a!b]", "[a!b]: unexpected \"!\" parsing set of "
               "strings");
    CHECK_DSTR(STR_SET, "<x", "<x: unexpected \"<\" parsing set of "
               "strings");
    CHECK_DSTR(STR_SET, "[a>b]", "[a>b]: unexpected \">\" parsing set of "
               "strings");
    CHECK_DSTR(STR_SET, "[m=n]", "[m=n]: unexpected \"=\" parsing set of "
               "strings");
    CHECK_DSTR(STR_SET, "{}", "{}: unexpected \"{\" parsing set of "
               "strings");
    CHECK_DSTR(STR_SET, "]", "]: unexpected \"]\" parsing set of strings");
    CHECK_DSTR(STR_SET, "a]", "a]: unexpected \"]\" parsing set of "
               "strings");
    CHECK_DSTR(STR_SET, "a b }", "a b }: unexpected \"}\" parsing set of "
               "strings");
    CHECK_DSTR(STR_SET, "[a}", "[a}: unexpected \"}\" parsing set of "
               "strings");
    CHECK_DSTR(STR_SET, "[a,,b]", "[a,,b]: unexpected \",\" parsing set of "
               "strings");
    CHECK_DSTR(STR_SET, "[,a]", "[,a]: unexpected \",\" parsing set of "
               "strings");
    CHECK_DSTR(STR_SET, "[o\"p]",
               "o\"p]: quoted string extends past end of argument");
    CHECK_DSTR(STR_SET, "[\"a\"b]",
               "\"a\"b: missing quote at end of quoted string");
    CHECK_DSTR(STR_SET, "[a \"b\"c]",
               "\"b\"c: missing quote at end of quoted string");
    CHECK_DSTR(STR_SET, "[a]x", "[a]x: trailing garbage after \"]\"");
    CHECK_DSTR(STR_SET, "[]x", "[]x: trailing garbage after \"]\"");
    CHECK_DSTR(STR_SET, "[", "[: missing \"]\" at end of data");
    CHECK_DSTR(STR_SET, "[\"\\u00e9\", \"\xc3\xa9\", \"\\t\"]",
               "[\"\\u00e9\", \"\xc3\xa9\", \"\\t\"]: set contains "
               "duplicate value");
    CHECK_DSTR(STR_SET, "  ", "use \"[]\" to specify the empty set");
    CHECK_DSTR(STR_SET, "", "use \"[]\" to specify the empty set");
    CHECK_DSTR(T_PROTOCOLS, "[OpenFlow11, OpenFlow10]",
               "[OpenFlow10, OpenFlow11]");
    CHECK_DSTR(T_PROTOCOLS, "[OpenFlow10, x]", "constraint violation: x is "
               "not one of the allowed values ([OpenFlow10, OpenFlow11])");
    CHECK_DSTR(T_SET_1_3, "a", "[a]");
    CHECK_DSTR(T_SET_1_3, "[]", "[]: 0 value(s) specified but the minimum "
               "number is 1");
    CHECK_DSTR(T_SET_1_3, "a b c d", "a b c d: 4 value(s) specified but "
               "the maximum number is 3");
    CHECK_DSTR(T_SET_1_3, "=", "=: unexpected \"=\" parsing set of 1 to 3 "
               "strings");

    /* Scalars and optional scalars. */
    CHECK_DSTR(T_STRING, "[a]", "a");
    CHECK_DSTR(T_STRING, "\"x y\"", "\"x y\"");
    CHECK_DSTR(T_STRING, "\"\"", "\"\"");
    CHECK_DSTR(T_STRING, "a\\b", "ab");
    CHECK_DSTR(T_STRING, "a:b", "a:b: unexpected \":\" parsing string");
    CHECK_DSTR(T_STRING, "a=b", "a=b: unexpected \"=\" parsing string");
    CHECK_DSTR(T_STRING, "a b", "a b: 2 value(s) specified but the maximum "
               "number is 1");
    CHECK_DSTR(T_STRING, "[a,a]", "[a,a]: 2 value(s) specified but the "
               "maximum number is 1");
    CHECK_DSTR(T_STRING, "[]", "[]: 0 value(s) specified but the minimum "
               "number is 1");
    CHECK_DSTR(T_STRING, " ", "use \"[]\" to specify the empty set");
    CHECK_DSTR(T_OPT_STRING, "a=b", "a=b: unexpected \"=\" parsing set of "
               "up to 1 strings");
    CHECK_DSTR(T_OPT_STRING, "[a,b]", "[a,b]: 2 value(s) specified but the "
               "maximum number is 1");
    CHECK_DSTR(T_OPT_STRING, "[]", "[]");
    CHECK_DSTR(T_OPT_STRING, "x", "x");
    CHECK_DSTR(T_BOOLEAN, "true", "true");
    CHECK_DSTR(T_BOOLEAN, "=", "=: unexpected \"=\" parsing boolean");
    CHECK_DSTR(T_OPT_BOOL, "[true]", "true");
    CHECK_DSTR(T_OPT_BOOL, "TRUE", "\"TRUE\" is not a valid boolean (use "
               "\"true\" or \"false\")");
    CHECK_DSTR(T_OPT_BOOL, "=", "=: unexpected \"=\" parsing set of up to "
               "1 booleans");
    CHECK_DSTR(T_UUID_SET1, "=", "=: unexpected \"=\" parsing set of 1 or "
               "more uuids");
    CHECK_DSTR(T_UUID_SET1, "fd620592-2ab0-4364-89dd-19977105a781",
               "[fd620592-2ab0-4364-89dd-19977105a781]");
    CHECK_DSTR(T_REAL_SET, "[1.5, -2, 1e3]", "[-2, 1.5, 1000]");
    CHECK_DSTR(T_REAL_SET, "[0.1]", "[0.1]");
    CHECK_DSTR(T_REAL_SET, "x", "\"x\" is not a valid real number");

    /* Integers and ranges. */
    CHECK_DSTR(T_INTEGER, "=", "=: unexpected \"=\" parsing integer");
    CHECK_DSTR(T_INTEGER, "x", "\"x\" is not a valid integer or range");
    CHECK_DSTR(T_INTEGER, "3-3", "3");
    CHECK_DSTR(T_INTEGER, "5-7", "5-7: 3 value(s) specified but the "
               "maximum number is 1");
    CHECK_DSTR(T_INTEGER, "1-4096", "1-4096: 4096 value(s) specified but "
               "the maximum number is 1");
    CHECK_DSTR(T_INTEGER, "-4-4091", "-4-4091: 4096 value(s) specified but "
               "the maximum number is 1");
    CHECK_DSTR(T_INTEGER, "1-100000", "constraint violation: Range "
               "\"1-100000\" is too big. Maximum allowed size is 4096.");
    CHECK_DSTR(T_TAG, "5-5", "5");
    CHECK_DSTR(T_TAG, "5-7", "5-7: 3 value(s) specified but the maximum "
               "number is 1");
    CHECK_DSTR(T_TAG, "1-5000", "constraint violation: 5000 is not in the "
               "valid range 0 to 4095 (inclusive)");
    CHECK_DSTR(T_TAG, "=", "=: unexpected \"=\" parsing set of up to 1 "
               "integers");
    CHECK_DSTR(T_TRUNKS, "5-7", "[5, 6, 7]");
    CHECK_DSTR(T_TRUNKS, "[1,5-7,3]", "[1, 3, 5, 6, 7]");
    CHECK_DSTR(T_TRUNKS, "7-5", "\"7-5\" is not a valid range. Range end "
               "cannot be before start.");
    CHECK_DSTR(T_TRUNKS, "1--3", "\"1--3\" is not a valid range. Range end "
               "cannot be before start.");
    CHECK_DSTR(T_TRUNKS, "x", "\"x\" is not a valid integer or range");
    CHECK_DSTR(T_TRUNKS, "5-", "\"5-\" is not a valid integer or range");
    CHECK_DSTR(T_TRUNKS, "5-x", "\"5-x\" is not a valid integer or range");
    CHECK_DSTR(T_TRUNKS, "x-5", "\"x-5\" is not a valid integer or range");
    CHECK_DSTR(T_TRUNKS, "5-7-9",
               "\"5-7-9\" is not a valid integer or range");
    CHECK_DSTR(T_TRUNKS, "0x10", "\"0x10\" is not a valid integer or range");
    CHECK_DSTR(T_TRUNKS, "1.0", "\"1.0\" is not a valid integer or range");
    CHECK_DSTR(T_TRUNKS, "1e2", "\"1e2\" is not a valid integer or range");
    CHECK_DSTR(T_TRUNKS, "\"5\"", "\"\"5\"\" is not a valid integer or "
               "range");
    CHECK_DSTR(T_TRUNKS, "5 - 7", "\"-\" is not a valid integer or range");
    CHECK_DSTR(T_TRUNKS, "-5", "constraint violation: -5 is not in the "
               "valid range 0 to 4095 (inclusive)");
    CHECK_DSTR(T_TRUNKS, "-1-3", "constraint violation: -1 is not in the "
               "valid range 0 to 4095 (inclusive)");
    CHECK_DSTR(T_TRUNKS, "0-100000", "constraint violation: 100000 is not "
               "in the valid range 0 to 4095 (inclusive)");
    CHECK_DSTR(T_TRUNKS, "5-5", "[5]");
    CHECK_DSTR(T_TRUNKS, "010", "[10]");
    CHECK_DSTR(T_TRUNKS, "+5", "[5]");
    CHECK_DSTR(T_TRUNKS, " 5 ", "[5]");
    CHECK_DSTR(T_TRUNKS, "[]", "[]");
    CHECK_DSTR(T_TRUNKS, "1-3 2", "1-3 2: set contains duplicate value");
    CHECK_DSTR(T_TRUNKS, "[4,5,4]", "[4,5,4]: set contains duplicate value");
    CHECK_DSTR(T_TRUNKS, "1,,2", "1,,2: unexpected \",\" parsing set of up "
               "to 4096 integers");
    CHECK_DSTR(T_TRUNKS, "[1 2]x", "[1 2]x: trailing garbage after \"]\"");
    CHECK_DSTR(T_TRUNKS, "[1 2", "[1 2: missing \"]\" at end of data");
    CHECK_DSTR(T_TRUNKS, "1 2]", "1 2]: unexpected \"]\" parsing set of up "
               "to 4096 integers");
    CHECK_DSTR(T_INT_SET, "[-9223372036854775808, 9223372036854775807]",
               "[-9223372036854775808, 9223372036854775807]");
    CHECK_DSTR(T_INT_SET, "9223372036854775806-9223372036854775807",
               "[9223372036854775806, 9223372036854775807]");
    CHECK_DSTR(T_INT_SET, "-9223372036854775808-9223372036854775807",
               "constraint violation: Range \"-9223372036854775808-"
               "9223372036854775807\" is too big. Maximum allowed size is "
               "4096.");
}
OVSTEST_REGISTER("ovsdb-data/datum-strings", test_datum_strings);
