/* Unit tests for lib/ovsdb-types.h and lib/ovsdb-error.h.  Error texts
 * are those upstream's ovsdb-tool prints for the same schema types. */
#include <config.h>
#include "ovsdb-types.h"
#include "json.h"
#include "ovsdb-error.h"
#include <errno.h>
#include "ovstest.h"

/* Parses S as a type; returns its canonical JSON or "error: TEXT". */
static char *
parse_type(const char *s)
{
    struct json *json = json_from_buffer(s, strlen(s),
                                         JSPF_TRAILER | JSPF_SCALAR, NULL);
    struct ovsdb_error *error;
    struct ovsdb_type type;
    char *out;

    CHECK(json != NULL);
    error = ovsdb_type_from_json(&type, json);
    if (error) {
        char *msg = ovsdb_error_to_string_free(error);
        out = xasprintf("error: %s", msg);
        free(msg);
    } else {
        struct json *j = ovsdb_type_to_json(&type);
        struct ovsdb_type copy;

        ovsdb_type_clone(&copy, &type);
        CHECK(ovsdb_type_equals(&copy, &type));
        ovsdb_type_destroy(&copy);
        out = json_to_string(j, JSSF_SORT);
        json_destroy(j);
    }
    ovsdb_type_destroy(&type);
    json_destroy(json);
    return out;
}

#define CHECK_TYPE(IN, OUT)                     \
    do {                                        \
        char *s_ = parse_type(IN);              \
        CHECK_STR(s_, OUT);                     \
        free(s_);                               \
    } while (0)

static void
test_types_good(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    CHECK_TYPE("\"integer\"", "\"integer\"");
    CHECK_TYPE("\"uuid\"", "\"uuid\"");
    CHECK_TYPE("{\"key\":\"string\"}", "\"string\"");
    CHECK_TYPE("{\"key\":\"integer\",\"min\":0}",
               "{\"key\":\"integer\",\"min\":0}");
    CHECK_TYPE("{\"key\":\"string\",\"value\":\"real\",\"min\":0,"
               "\"max\":\"unlimited\"}",
               "{\"key\":\"string\",\"max\":\"unlimited\",\"min\":0,"
               "\"value\":\"real\"}");
    CHECK_TYPE("{\"key\":{\"type\":\"integer\",\"minInteger\":0,"
               "\"maxInteger\":4095},\"max\":4096,\"min\":0}",
               "{\"key\":{\"maxInteger\":4095,\"minInteger\":0,"
               "\"type\":\"integer\"},\"max\":4096,\"min\":0}");
    CHECK_TYPE("{\"key\":{\"type\":\"real\",\"minReal\":-1.5}}",
               "{\"key\":{\"minReal\":-1.5,\"type\":\"real\"}}");
    CHECK_TYPE("{\"key\":{\"type\":\"string\",\"minLength\":1,"
               "\"maxLength\":5}}",
               "{\"key\":{\"maxLength\":5,\"minLength\":1,"
               "\"type\":\"string\"}}");
    CHECK_TYPE("{\"key\":{\"type\":\"string\",\"enum\":"
               "[\"set\",[\"b\",\"a\",\"c\"]]}}",
               "{\"key\":{\"enum\":[\"set\",[\"a\",\"b\",\"c\"]],"
               "\"type\":\"string\"}}");
    CHECK_TYPE("{\"key\":{\"type\":\"string\",\"enum\":\"a\"}}",
               "{\"key\":{\"enum\":\"a\",\"type\":\"string\"}}");
    CHECK_TYPE("{\"key\":{\"type\":\"uuid\",\"refTable\":\"t\","
               "\"refType\":\"weak\"}}",
               "{\"key\":{\"refTable\":\"t\",\"refType\":\"weak\","
               "\"type\":\"uuid\"}}");
    CHECK_TYPE("{\"key\":{\"type\":\"uuid\",\"refTable\":\"t\","
               "\"refType\":\"strong\"}}",
               "{\"key\":{\"refTable\":\"t\",\"type\":\"uuid\"}}");
}
OVSTEST_REGISTER("ovsdb-types/good", test_types_good);

static void
test_types_bad(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    CHECK_TYPE("\"str\"",
               "error: syntax \"\"str\"\": syntax error: "
               "\"str\" is not an atomic-type");
    CHECK_TYPE("{\"key\":\"integer\",\"min\":2}",
               "error: syntax \"{\"key\":\"integer\",\"min\":2}\": "
               "syntax error: ovsdb type fails constraint checks");
    CHECK_TYPE("{\"key\":\"integer\",\"max\":0}",
               "error: syntax \"{\"key\":\"integer\",\"max\":0}\": "
               "syntax error: ovsdb type fails constraint checks");
    CHECK_TYPE("{\"key\":\"integer\",\"min\":-1}",
               "error: syntax \"-1\": syntax error: bad min or max value");
    CHECK_TYPE("{\"key\":\"integer\",\"max\":\"x\"}",
               "error: syntax \"\"x\"\": syntax error: "
               "bad min or max value");
    CHECK_TYPE("{\"key\":{\"type\":\"integer\",\"minInteger\":5,"
               "\"maxInteger\":3}}",
               "error: syntax \"{\"maxInteger\":3,\"minInteger\":5,"
               "\"type\":\"integer\"}\": syntax error: "
               "minInteger exceeds maxInteger");
    CHECK_TYPE("{\"key\":{\"type\":\"real\",\"minReal\":5,"
               "\"maxReal\":3}}",
               "error: syntax \"{\"maxReal\":3,\"minReal\":5,"
               "\"type\":\"real\"}\": syntax error: "
               "minReal exceeds maxReal");
    CHECK_TYPE("{\"key\":{\"type\":\"string\",\"minLength\":-1}}",
               "error: syntax \"-1\": syntax error: "
               "minLength out of valid range 0 to 4294967295");
    CHECK_TYPE("{\"key\":{\"type\":\"string\",\"maxLength\":4294967296}}",
               "error: syntax \"4294967296\": syntax error: "
               "maxLength out of valid range 0 to 4294967295");
    CHECK_TYPE("{\"key\":{\"type\":\"integer\",\"minLength\":1}}",
               "error: syntax \"{\"minLength\":1,\"type\":\"integer\"}\": "
               "syntax error: Parsing ovsdb type failed: Member "
               "'minLength' is present but not allowed here.");
    CHECK_TYPE("{\"key\":{\"type\":\"uuid\",\"refTable\":\"t\","
               "\"refType\":\"x\"}}",
               "error: syntax \"{\"refTable\":\"t\",\"refType\":\"x\","
               "\"type\":\"uuid\"}\": syntax error: refType must be "
               "\"strong\" or \"weak\" (not \"x\")");
    CHECK_TYPE("{\"key\":{\"type\":\"uuid\",\"refType\":\"weak\"}}",
               "error: syntax \"{\"refType\":\"weak\",\"type\":\"uuid\"}\""
               ": syntax error: Parsing ovsdb type failed: Member "
               "'refType' is present but not allowed here.");
    CHECK_TYPE("{\"key\":{\"type\":\"string\",\"enum\":"
               "[\"set\",[\"a\",\"a\"]]}}",
               "error: ovsdb error: set contains duplicate");
    CHECK_TYPE("{\"key\":{\"type\":\"string\",\"enum\":1}}",
               "error: syntax \"1\": syntax error: expected string");
    CHECK_TYPE("{\"value\":\"integer\"}",
               "error: syntax \"{\"value\":\"integer\"}\": syntax error: "
               "Parsing ovsdb type failed: Required 'key' member is "
               "missing.");
    CHECK_TYPE("{\"key\":{}}",
               "error: syntax \"{}\": syntax error: Parsing ovsdb type "
               "failed: Required 'type' member is missing.");
    CHECK_TYPE("{\"key\":{\"type\":\"integer\",\"minInteger\":1.5}}",
               "error: syntax \"{\"minInteger\":1.5,\"type\":\"integer\"}\""
               ": syntax error: Parsing ovsdb type failed: Type mismatch "
               "for member 'minInteger'.");
    CHECK_TYPE("{\"key\":\"integer\",\"bogus\":1}",
               "error: syntax \"{\"bogus\":1,\"key\":\"integer\"}\": "
               "syntax error: Parsing ovsdb type failed: Member 'bogus' "
               "is present but not allowed here.");
    CHECK_TYPE("1", "error: syntax \"1\": syntax error: "
               "ovsdb type expected");
}
OVSTEST_REGISTER("ovsdb-types/bad", test_types_bad);

static void
test_error_forms(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct json *j = json_from_string("[1]");
    struct ovsdb_error *e = ovsdb_syntax_error(j, NULL, "bad %d", 7);
    struct ovsdb_error *c = ovsdb_error_clone(e);
    char *s;

    json_destroy(j);
    CHECK_STR(ovsdb_error_get_tag(c), "syntax error");
    j = ovsdb_error_to_json_free(c);
    s = json_to_string(j, JSSF_SORT);
    CHECK_STR(s, "{\"details\":\"bad 7\",\"error\":\"syntax error\","
              "\"syntax\":\"[1]\"}");
    free(s);
    json_destroy(j);
    e = ovsdb_wrap_error(e, "outer");
    s = ovsdb_error_to_string_free(e);
    CHECK_STR(s, "syntax \"[1]\": syntax error: outer: bad 7");
    free(s);

    s = ovsdb_error_to_string_free(ovsdb_io_error(ENOENT, "%s: open failed",
                                                  "x.db"));
    CHECK_STR(s, "I/O error: x.db: open failed (No such file or "
              "directory)");
    free(s);
    s = ovsdb_error_to_string_free(ovsdb_error_create("constraint violation",
                                                      NULL));
    CHECK_STR(s, "constraint violation");
    free(s);
}
OVSTEST_REGISTER("ovsdb-error/forms", test_error_forms);
