/* test-ovsdb-cond.c: unit tests for ovsdb/condition and ovsdb/mutation,
 * and the helper commands that tests/ovsdb-condition.at drives. */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include "column.h"
#include "condition.h"
#include "dynamic-string.h"
#include "json.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovstest.h"
#include "row.h"
#include "table.h"
#include "util.h"
#include "uuid.h"

/* Parses S as JSON or exits with the parser's message. */
static struct json *
parse_json(const char *s)
{
    struct json *json = json_from_string(s);
    if (json->type == JSON_STRING) {
        ovs_fatal(0, "%s: %s", s, json->string);
    }
    return json;
}

/* Parses S, a <table-schema>, as table "T", or exits with the error. */
static struct ovsdb_table *
parse_table(const char *s)
{
    struct json *json = parse_json(s);
    struct ovsdb_table_schema *ts;
    struct ovsdb_error *error = ovsdb_table_schema_from_json(json, "T", &ts);

    json_destroy(json);
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
    return ovsdb_table_create(ts);
}

/* The UUID that row number I (from 0) of a test gets:
 * 00000000-0000-0000-0000-00000000000<I+1>, so that conditions on "_uuid"
 * can name rows. */
static void
row_uuid(struct uuid *uuid, size_t i)
{
    char s[UUID_LEN + 16];

    snprintf(s, sizeof s, "00000000-0000-0000-0000-%012x",
             (unsigned int) (i + 1));
    CHECK(uuid_from_string(uuid, s));
}

/* Parses S, an array of <row> objects, into rows of TABLE (not inserted
 * into it), or exits with the error.  Returns the number of rows. */
static size_t
parse_rows(struct ovsdb_table *table, const char *s,
           struct ovsdb_row ***rowsp)
{
    struct json *json = parse_json(s);
    struct ovsdb_row **rows;
    size_t n;

    if (json->type != JSON_ARRAY) {
        ovs_fatal(0, "%s: array of rows expected", s);
    }
    n = json->array.n;
    rows = xmalloc(n * sizeof *rows + 1);
    for (size_t i = 0; i < n; i++) {
        struct ovsdb_error *error;

        rows[i] = ovsdb_row_create(table);
        row_uuid(ovsdb_row_get_uuid_rw(rows[i]), i);
        error = ovsdb_row_from_json(rows[i], json->array.elems[i], NULL,
                                    NULL);
        if (error) {
            ovs_fatal(0, "row %zu: %s", i,
                      ovsdb_error_to_string_free(error));
        }
    }
    json_destroy(json);
    *rowsp = rows;
    return n;
}

static void
destroy_rows(struct ovsdb_row **rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ovsdb_row_destroy(rows[i]);
    }
    free(rows);
}

/* Prints ERROR as the JSON error object a client would see, and frees
 * it. */
static void
print_error(struct ovsdb_error *error)
{
    struct json *json = ovsdb_error_to_json_free(error);
    char *s = json_to_string(json, JSSF_SORT);

    printf("error %s", s);
    free(s);
    json_destroy(json);
}

/* Checks what every parsed condition must satisfy: it equals its clone,
 * and its JSON form parses back to an equal condition with the same JSON
 * form, also with the clauses in reverse order. */
static void
check_condition_invariants(const struct ovsdb_table_schema *ts,
                           const struct ovsdb_condition *cond,
                           struct ovsdb_symbol_table *symtab)
{
    struct ovsdb_condition clone, reparsed, reversed;
    struct json *json = ovsdb_condition_to_json(cond);
    struct json *json2;

    ovsdb_condition_clone(&clone, cond);
    CHECK(ovsdb_condition_equal(cond, &clone));
    CHECK(ovsdb_condition_equal(&clone, cond));
    ovsdb_condition_destroy(&clone);

    CHECK(!ovsdb_condition_from_json(ts, json, symtab, &reparsed));
    CHECK(ovsdb_condition_equal(cond, &reparsed));
    json2 = ovsdb_condition_to_json(&reparsed);
    CHECK(json_equal(json, json2));
    json_destroy(json2);
    ovsdb_condition_destroy(&reparsed);

    /* Reverse the clauses in place. */
    size_t n = json->array.n;
    for (size_t i = 0; i < n / 2; i++) {
        struct json *tmp = json->array.elems[i];
        json->array.elems[i] = json->array.elems[n - 1 - i];
        json->array.elems[n - 1 - i] = tmp;
    }
    CHECK(!ovsdb_condition_from_json(ts, json, symtab, &reversed));
    CHECK(ovsdb_condition_equal(cond, &reversed));
    ovsdb_condition_destroy(&reversed);
    json_destroy(json);
}

/* "ovsdb/evaluate-conditions TABLE CONDITIONS ROWS": parses TABLE, a
 * <table-schema> (as table "T"), then ROWS, an array of <row>s (row I
 * gets UUID 00000000-0000-0000-0000-00000000000<I+1>), and CONDITIONS,
 * an array of conditions.  For each condition, prints
 *     "condition N: every BITS any BITS"
 * where the Ith character of BITS is "T" if row I matches (every clause
 * or any clause), "-" otherwise; or "condition N: error {...}" with the
 * error object.  Also checks clone, equality and JSON round trips. */
static void
test_evaluate_conditions_cmd(int argc, char *argv[])
{
    if (argc != 4) {
        ovs_fatal(0, "usage: ovsdb/evaluate-conditions TABLE CONDITIONS "
                  "ROWS");
    }

    struct ovsdb_table *table = parse_table(argv[1]);
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct json *conds = parse_json(argv[2]);
    struct ovsdb_row **rows;
    size_t n_rows = parse_rows(table, argv[3], &rows);

    if (conds->type != JSON_ARRAY) {
        ovs_fatal(0, "%s: array of conditions expected", argv[2]);
    }
    for (size_t i = 0; i < conds->array.n; i++) {
        struct ovsdb_condition cond;
        struct ovsdb_error *error;

        printf("condition %zu: ", i);
        error = ovsdb_condition_from_json(ts, conds->array.elems[i], symtab,
                                          &cond);
        if (error) {
            CHECK(ovsdb_condition_empty(&cond));
            print_error(error);
        } else {
            check_condition_invariants(ts, &cond, symtab);
            fputs("every ", stdout);
            for (size_t j = 0; j < n_rows; j++) {
                putchar(ovsdb_condition_match_every_clause(rows[j], &cond)
                        ? 'T' : '-');
            }
            fputs(" any ", stdout);
            for (size_t j = 0; j < n_rows; j++) {
                putchar(ovsdb_condition_match_any_clause(rows[j], &cond)
                        ? 'T' : '-');
            }
            ovsdb_condition_destroy(&cond);
        }
        putchar('\n');
    }

    destroy_rows(rows, n_rows);
    json_destroy(conds);
    ovsdb_symbol_table_destroy(symtab);
    ovsdb_table_destroy(table);
}
OVSTEST_COMMAND("ovsdb/evaluate-conditions", test_evaluate_conditions_cmd);

/* Unit tests. */

static const char test_table[] =
    "{\"columns\": {"
    "  \"i\": {\"type\": \"integer\"},"
    "  \"r\": {\"type\": \"real\"},"
    "  \"b\": {\"type\": \"boolean\"},"
    "  \"s\": {\"type\": \"string\"},"
    "  \"u\": {\"type\": \"uuid\"},"
    "  \"oi\": {\"type\": {\"key\": \"integer\", \"min\": 0}},"
    "  \"si\": {\"type\": {\"key\": \"integer\", \"min\": 0, \"max\": 3}},"
    "  \"ss\": {\"type\": {\"key\": \"string\", \"min\": 0,"
    "                      \"max\": \"unlimited\"}},"
    "  \"m\": {\"type\": {\"key\": \"string\", \"value\": \"integer\","
    "                     \"min\": 0, \"max\": \"unlimited\"}},"
    "  \"e\": {\"type\": {\"key\": {\"type\": \"string\","
    "                              \"enum\": [\"set\", [\"a\", \"b\"]]},"
    "                     \"min\": 0}},"
    "  \"imm\": {\"type\": \"integer\", \"mutable\": false}}}";

static struct ovsdb_error *
condition_from_string(const struct ovsdb_table_schema *ts, const char *s,
                      struct ovsdb_condition *cond)
{
    struct json *json = parse_json(s);
    struct ovsdb_error *error = ovsdb_condition_from_json(ts, json, NULL,
                                                          cond);
    json_destroy(json);
    return error;
}

static void
check_condition_error(const struct ovsdb_table_schema *ts, const char *s,
                      const char *expected)
{
    struct ovsdb_condition cond;
    struct ovsdb_error *error = condition_from_string(ts, s, &cond);
    char *msg;

    CHECK(error != NULL);
    CHECK(ovsdb_condition_empty(&cond));
    msg = ovsdb_error_to_string_free(error);
    CHECK_STR(msg, expected);
    free(msg);
}

static void
test_function_names(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    CHECK_STR(ovsdb_function_to_string(OVSDB_F_FALSE), "false");
    CHECK_STR(ovsdb_function_to_string(OVSDB_F_TRUE), "true");
    CHECK_STR(ovsdb_function_to_string(OVSDB_F_EQ), "==");
    CHECK_STR(ovsdb_function_to_string(OVSDB_F_NE), "!=");
    CHECK_STR(ovsdb_function_to_string(OVSDB_F_LT), "<");
    CHECK_STR(ovsdb_function_to_string(OVSDB_F_LE), "<=");
    CHECK_STR(ovsdb_function_to_string(OVSDB_F_GT), ">");
    CHECK_STR(ovsdb_function_to_string(OVSDB_F_GE), ">=");
    CHECK_STR(ovsdb_function_to_string(OVSDB_F_INCLUDES), "includes");
    CHECK_STR(ovsdb_function_to_string(OVSDB_F_EXCLUDES), "excludes");
}
OVSTEST_REGISTER("ovsdb-cond/function-names", test_function_names);

static void
test_condition_errors(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_table *table = parse_table(test_table);
    const struct ovsdb_table_schema *ts = table->schema;

    check_condition_error(ts, "{}",
                          "syntax \"{}\": syntax error: array expected");
    check_condition_error(ts, "[1]", "syntax \"1\": syntax error: "
                          "Parse error in condition.");
    check_condition_error(ts, "[[\"i\", \"==\"]]",
                          "syntax \"[\"i\",\"==\"]\": syntax error: "
                          "Parse error in condition.");
    check_condition_error(ts, "[[\"i\", \"true\", 1]]",
                          "syntax \"[\"i\",\"true\",1]\": syntax error: "
                          "Parse error in condition.");
    check_condition_error(ts, "[[\"x\", \"=\", 1]]",
                          "syntax \"[\"x\",\"=\",1]\": unknown column: "
                          "No column x in table T.");
    check_condition_error(ts, "[[\"i\", \"=\", 1]]",
                          "unknown function: No function named =.");
    check_condition_error(ts, "[[\"s\", \"<\", 1]]",
                          "syntax \"[\"s\",\"<\",1]\": syntax error: "
                          "Type mismatch: \"<\" operator may not be "
                          "applied to column s of type string.");
    check_condition_error(ts, "[[\"si\", \">=\", 1]]",
                          "syntax \"[\"si\",\">=\",1]\": syntax error: "
                          "Type mismatch: \">=\" operator may not be "
                          "applied to column si of type set of up to 3 "
                          "integers.");
    check_condition_error(ts, "[true, [\"i\", \"==\", 1.5]]",
                          "syntax \"1.5\": syntax error: expected integer");
    check_condition_error(ts, "[[\"e\", \"==\", \"c\"]]",
                          "constraint violation: c is not one of the "
                          "allowed values ([a, b])");
    check_condition_error(ts, "[[\"oi\", \"<\", [\"set\", []]]]",
                          "syntax \"[\"set\",[]]\": syntax error: set must "
                          "have exactly one member but 0 are present");
    check_condition_error(ts, "[[\"si\", \"includes\", "
                          "[\"set\", [1, 2, 3, 4]]]]",
                          "syntax \"[\"set\",[1,2,3,4]]\": syntax error: "
                          "set must have 0 to 3 members but 4 are present");
    ovsdb_table_destroy(table);
}
OVSTEST_REGISTER("ovsdb-cond/errors", test_condition_errors);

static void
test_condition_equal_clone(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_table *table = parse_table(test_table);
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_condition a, b, c, d, e, clone;
    struct json *json;
    char *s;

    CHECK(!condition_from_string(ts, "[[\"i\", \"<\", 5], "
                                 "[\"s\", \"==\", \"x\"], true, "
                                 "[\"m\", \"includes\", "
                                 "[\"map\", [[\"k\", 1]]]]]", &a));
    CHECK(!condition_from_string(ts, "[[\"m\", \"includes\", "
                                 "[\"map\", [[\"k\", 1]]]], true, "
                                 "[\"s\", \"==\", \"x\"], "
                                 "[\"i\", \"<\", 5]]", &b));
    CHECK(!condition_from_string(ts, "[[\"m\", \"includes\", "
                                 "[\"map\", [[\"k\", 2]]]], true, "
                                 "[\"s\", \"==\", \"x\"], "
                                 "[\"i\", \"<\", 5]]", &c));
    CHECK(!condition_from_string(ts, "[[\"i\", \"<\", 5], "
                                 "[\"s\", \"==\", \"x\"], false, "
                                 "[\"m\", \"includes\", "
                                 "[\"map\", [[\"k\", 1]]]]]", &d));
    CHECK(!condition_from_string(ts, "[]", &e));
    CHECK(ovsdb_condition_equal(&a, &b));
    CHECK(ovsdb_condition_equal(&b, &a));
    CHECK(!ovsdb_condition_equal(&a, &c));
    CHECK(!ovsdb_condition_equal(&a, &d));
    CHECK(!ovsdb_condition_equal(&a, &e));
    CHECK(ovsdb_condition_empty(&e));
    CHECK(!ovsdb_condition_empty(&a));

    /* Clauses come out in a canonical order. */
    json = ovsdb_condition_to_json(&b);
    s = json_to_string(json, 0);
    CHECK_STR(s, "[true,[\"s\",\"==\",\"x\"],"
              "[\"m\",\"includes\",[\"map\",[[\"k\",1]]]],"
              "[\"i\",\"<\",5]]");
    free(s);
    json_destroy(json);

    ovsdb_condition_clone(&clone, &a);
    CHECK(ovsdb_condition_equal(&clone, &b));
    ovsdb_condition_destroy(&a);
    CHECK(ovsdb_condition_equal(&clone, &b));
    ovsdb_condition_destroy(&clone);
    ovsdb_condition_clone(&clone, &e);
    CHECK(ovsdb_condition_equal(&clone, &e));
    CHECK(ovsdb_condition_empty(&clone));
    ovsdb_condition_destroy(&clone);

    ovsdb_condition_destroy(&b);
    ovsdb_condition_destroy(&c);
    ovsdb_condition_destroy(&d);
    ovsdb_condition_destroy(&e);
    ovsdb_table_destroy(table);
}
OVSTEST_REGISTER("ovsdb-cond/equal-clone", test_condition_equal_clone);

static void
test_condition_match(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_table *table = parse_table(test_table);
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_row *row = ovsdb_row_create(table);
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    struct json *json;

    json = parse_json("{\"i\": 5, \"oi\": [\"set\", []], "
                      "\"si\": [\"set\", [1, 2]]}");
    CHECK(!ovsdb_row_from_json(row, json, NULL, NULL));
    json_destroy(json);

    /* An empty condition: every clause holds, no clause holds. */
    CHECK(ovsdb_condition_match_every_clause(row, &cond));
    CHECK(!ovsdb_condition_match_any_clause(row, &cond));

    CHECK(!condition_from_string(ts, "[[\"i\", \"<\", 6], "
                                 "[\"si\", \"includes\", 2]]", &cond));
    CHECK(ovsdb_condition_match_every_clause(row, &cond));
    CHECK(ovsdb_condition_match_any_clause(row, &cond));
    ovsdb_condition_destroy(&cond);

    CHECK(!condition_from_string(ts, "[[\"i\", \"<\", 5], "
                                 "[\"si\", \"includes\", 2]]", &cond));
    CHECK(!ovsdb_condition_match_every_clause(row, &cond));
    CHECK(ovsdb_condition_match_any_clause(row, &cond));
    ovsdb_condition_destroy(&cond);

    /* An empty optional value is not ordered against anything. */
    for (int i = 0; i < 4; i++) {
        static const char *const functions[] = { "<", "<=", ">", ">=" };
        char *s = xasprintf("[[\"oi\", \"%s\", 0]]", functions[i]);

        CHECK(!condition_from_string(ts, s, &cond));
        CHECK(!ovsdb_condition_match_every_clause(row, &cond));
        CHECK(!ovsdb_condition_match_any_clause(row, &cond));
        ovsdb_condition_destroy(&cond);
        free(s);
    }

    CHECK(!condition_from_string(ts, "[false, true]", &cond));
    CHECK(!ovsdb_condition_match_every_clause(row, &cond));
    CHECK(ovsdb_condition_match_any_clause(row, &cond));
    ovsdb_condition_destroy(&cond);

    ovsdb_row_destroy(row);
    ovsdb_table_destroy(table);
}
OVSTEST_REGISTER("ovsdb-cond/match", test_condition_match);
