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
