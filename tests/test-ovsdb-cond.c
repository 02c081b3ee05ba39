/* test-ovsdb-cond.c: unit tests for ovsdb/condition and ovsdb/mutation,
 * and the helper commands that tests/ovsdb-condition.at drives. */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include "column.h"
#include "condition.h"
#include "dynamic-string.h"
#include "json.h"
#include "mutation.h"
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

/* Prints the columns of ROW that SET mutates as a <row> object. */
static void
print_row(const struct ovsdb_row *row, const struct ovsdb_mutation_set *set)
{
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;

    for (size_t i = 0; i < set->n_mutations; i++) {
        const struct ovsdb_column *column = set->mutations[i].column;
        if (!ovsdb_column_set_contains(&columns, column->index)) {
            ovsdb_column_set_add(&columns, column);
        }
    }

    struct json *json = ovsdb_row_to_json(row, &columns);
    char *s = json_to_string(json, JSSF_SORT);
    fputs(s, stdout);
    free(s);
    json_destroy(json);
    ovsdb_column_set_destroy(&columns);
}

/* Checks that SET's JSON form parses back to the same JSON form. */
static void
check_mutation_set_invariants(const struct ovsdb_table_schema *ts,
                              const struct ovsdb_mutation_set *set,
                              struct ovsdb_symbol_table *symtab)
{
    struct json *json = ovsdb_mutation_set_to_json(set);
    struct ovsdb_mutation_set reparsed;
    struct json *json2;

    CHECK(!ovsdb_mutation_set_from_json(ts, json, symtab, &reparsed));
    CHECK_INT(reparsed.n_mutations, set->n_mutations);
    json2 = ovsdb_mutation_set_to_json(&reparsed);
    CHECK(json_equal(json, json2));
    for (size_t i = 0; i < set->n_mutations; i++) {
        CHECK(ovsdb_type_equals(&set->mutations[i].type,
                                &reparsed.mutations[i].type));
        CHECK(ovsdb_datum_equals(&set->mutations[i].arg,
                                 &reparsed.mutations[i].arg,
                                 &set->mutations[i].type));
    }
    json_destroy(json2);
    json_destroy(json);
    ovsdb_mutation_set_destroy(&reparsed);
}

/* "ovsdb/execute-mutations TABLE MUTATION-SETS ROWS": parses TABLE and
 * ROWS as "ovsdb/evaluate-conditions" does, and MUTATION-SETS, an array
 * of arrays of mutations.  For each mutation set N, prints
 * "mutation N: error {...}" if it does not parse, otherwise for each row
 * I "mutation N row I: " followed by the columns that the set mutates,
 * after the mutations, or the error object that executing them gives. */
static void
test_execute_mutations_cmd(int argc, char *argv[])
{
    if (argc != 4) {
        ovs_fatal(0, "usage: ovsdb/execute-mutations TABLE MUTATION-SETS "
                  "ROWS");
    }

    struct ovsdb_table *table = parse_table(argv[1]);
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct json *sets = parse_json(argv[2]);
    struct ovsdb_row **rows;
    size_t n_rows = parse_rows(table, argv[3], &rows);

    if (sets->type != JSON_ARRAY) {
        ovs_fatal(0, "%s: array of mutation sets expected", argv[2]);
    }
    for (size_t i = 0; i < sets->array.n; i++) {
        struct ovsdb_mutation_set set;
        struct ovsdb_error *error;

        error = ovsdb_mutation_set_from_json(ts, sets->array.elems[i],
                                             symtab, &set);
        if (error) {
            CHECK(!set.n_mutations);
            printf("mutation %zu: ", i);
            print_error(error);
            putchar('\n');
            continue;
        }
        check_mutation_set_invariants(ts, &set, symtab);
        for (size_t j = 0; j < n_rows; j++) {
            struct ovsdb_row *row = ovsdb_row_clone(rows[j]);

            printf("mutation %zu row %zu: ", i, j);
            error = ovsdb_mutation_set_execute(row, &set);
            if (error) {
                print_error(error);
            } else {
                print_row(row, &set);
            }
            putchar('\n');
            ovsdb_row_destroy(row);
        }
        ovsdb_mutation_set_destroy(&set);
    }

    destroy_rows(rows, n_rows);
    json_destroy(sets);
    ovsdb_symbol_table_destroy(symtab);
    ovsdb_table_destroy(table);
}
OVSTEST_COMMAND("ovsdb/execute-mutations", test_execute_mutations_cmd);

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
    /* Without a symbol table (a monitor condition), as upstream's
     * ovsdb-client monitor-cond reports it. */
    check_condition_error(ts, "[[\"u\", \"==\", [\"named-uuid\", \"x\"]]]",
                          "syntax \"[\"named-uuid\",\"x\"]\": syntax error: "
                          "expected [\"uuid\", <string>]");
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

/* Mutations. */

static struct ovsdb_error *
mutation_set_from_string(const struct ovsdb_table_schema *ts, const char *s,
                         struct ovsdb_mutation_set *set)
{
    struct json *json = parse_json(s);
    struct ovsdb_error *error = ovsdb_mutation_set_from_json(ts, json, NULL,
                                                             set);
    json_destroy(json);
    return error;
}

static void
check_mutation_error(const struct ovsdb_table_schema *ts, const char *s,
                     const char *expected)
{
    struct ovsdb_mutation_set set;
    struct ovsdb_error *error = mutation_set_from_string(ts, s, &set);
    char *msg;

    CHECK(error != NULL);
    CHECK(!set.n_mutations);
    msg = ovsdb_error_to_string_free(error);
    CHECK_STR(msg, expected);
    free(msg);
}

static void
test_mutator_names(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    CHECK_STR(ovsdb_mutator_to_string(OVSDB_M_ADD), "+=");
    CHECK_STR(ovsdb_mutator_to_string(OVSDB_M_SUB), "-=");
    CHECK_STR(ovsdb_mutator_to_string(OVSDB_M_MUL), "*=");
    CHECK_STR(ovsdb_mutator_to_string(OVSDB_M_DIV), "/=");
    CHECK_STR(ovsdb_mutator_to_string(OVSDB_M_MOD), "%=");
    CHECK_STR(ovsdb_mutator_to_string(OVSDB_M_INSERT), "insert");
    CHECK_STR(ovsdb_mutator_to_string(OVSDB_M_DELETE), "delete");
}
OVSTEST_REGISTER("ovsdb-mutation/mutator-names", test_mutator_names);

static void
test_mutation_errors(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_table *table = parse_table(test_table);
    const struct ovsdb_table_schema *ts = table->schema;

    check_mutation_error(ts, "{}", "syntax \"{}\": syntax error: "
                         "array expected");
    check_mutation_error(ts, "[[\"i\", \"+=\"]]",
                         "syntax \"[\"i\",\"+=\"]\": syntax error: "
                         "Parse error in mutation.");
    check_mutation_error(ts, "[[\"x\", \"+=\", 1]]",
                         "syntax \"[\"x\",\"+=\",1]\": unknown column: "
                         "No column x in table T.");
    check_mutation_error(ts, "[[\"imm\", \"+\", 1]]",
                         "syntax \"[\"imm\",\"+\",1]\": constraint "
                         "violation: Cannot mutate immutable column imm "
                         "in table T.");
    check_mutation_error(ts, "[[\"_uuid\", \"insert\", 1]]",
                         "syntax \"[\"_uuid\",\"insert\",1]\": constraint "
                         "violation: Cannot mutate immutable column _uuid "
                         "in table T.");
    check_mutation_error(ts, "[[\"i\", \"+\", 1]]",
                         "unknown mutator: No mutator named +.");
    check_mutation_error(ts, "[[\"r\", \"%=\", 1]]",
                         "syntax \"[\"r\",\"%=\",1]\": syntax error: "
                         "Type mismatch: \"%=\" operator may not be "
                         "applied to column r of type real.");
    check_mutation_error(ts, "[[\"i\", \"insert\", 1]]",
                         "syntax \"[\"i\",\"insert\",1]\": syntax error: "
                         "Type mismatch: \"insert\" operator may not be "
                         "applied to column i of type integer.");
    check_mutation_error(ts, "[[\"m\", \"+=\", 1]]",
                         "syntax \"[\"m\",\"+=\",1]\": syntax error: "
                         "Type mismatch: \"+=\" operator may not be "
                         "applied to column m of type map of (string, "
                         "integer) pairs.");
    check_mutation_error(ts, "[[\"m\", \"delete\", [\"map\", "
                         "[[\"a\", \"x\"]]]]]",
                         "syntax \"[\"map\",[[\"a\",\"x\"]]]\": syntax "
                         "error: expected string");
    check_mutation_error(ts, "[[\"si\", \"insert\", [\"set\", "
                         "[1, 2, 3, 4]]]]",
                         "syntax \"[\"set\",[1,2,3,4]]\": syntax error: "
                         "set must have 0 to 3 members but 4 are present");
    check_mutation_error(ts, "[[\"e\", \"insert\", \"c\"]]",
                         "constraint violation: c is not one of the "
                         "allowed values ([a, b])");
    ovsdb_table_destroy(table);
}
OVSTEST_REGISTER("ovsdb-mutation/errors", test_mutation_errors);

/* Parses mutations S, applies them to a row made from ROW_JSON and
 * returns the error text or the row's columns S mutates. */
static char *
mutate(const char *row_json, const char *s)
{
    struct ovsdb_table *table = parse_table(test_table);
    struct ovsdb_row *row = ovsdb_row_create(table);
    struct ovsdb_mutation_set set;
    struct ovsdb_error *error;
    struct json *json;
    char *result;

    json = parse_json(row_json);
    CHECK(!ovsdb_row_from_json(row, json, NULL, NULL));
    json_destroy(json);

    CHECK(!mutation_set_from_string(table->schema, s, &set));
    error = ovsdb_mutation_set_execute(row, &set);
    if (error) {
        result = ovsdb_error_to_string_free(error);
    } else {
        struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;

        for (size_t i = 0; i < set.n_mutations; i++) {
            if (!ovsdb_column_set_contains(&columns,
                                           set.mutations[i].column->index)) {
                ovsdb_column_set_add(&columns, set.mutations[i].column);
            }
        }
        json = ovsdb_row_to_json(row, &columns);
        result = json_to_string(json, JSSF_SORT);
        json_destroy(json);
        ovsdb_column_set_destroy(&columns);
    }
    ovsdb_mutation_set_destroy(&set);
    ovsdb_row_destroy(row);
    ovsdb_table_destroy(table);
    return result;
}

#define CHECK_MUTATE(ROW, MUTATIONS, EXPECTED)          \
    do {                                                \
        char *s__ = mutate(ROW, MUTATIONS);             \
        CHECK_STR(s__, EXPECTED);                       \
        free(s__);                                      \
    } while (0)

static void
test_mutation_execute(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    CHECK_MUTATE("{\"i\": 7}", "[]", "{}");
    CHECK_MUTATE("{\"i\": 7}", "[[\"i\", \"+=\", 1], [\"i\", \"*=\", 3], "
                 "[\"i\", \"/=\", -2], [\"i\", \"%=\", 5], "
                 "[\"i\", \"-=\", 10]]", "{\"i\":-12}");
    CHECK_MUTATE("{\"i\": 7}", "[[\"i\", \"/=\", 0]]",
                 "domain error: Division by zero.");
    CHECK_MUTATE("{\"i\": 7}", "[[\"i\", \"%=\", 0]]",
                 "domain error: Division by zero.");
    CHECK_MUTATE("{\"i\": -9223372036854775808}", "[[\"i\", \"/=\", -1]]",
                 "range error: Result of \"/=\" operation is out of "
                 "range.");
    CHECK_MUTATE("{\"i\": -9223372036854775808}", "[[\"i\", \"%=\", -1]]",
                 "range error: Result of \"%=\" operation is out of "
                 "range.");
    CHECK_MUTATE("{\"i\": 9223372036854775806}", "[[\"i\", \"+=\", 1]]",
                 "{\"i\":9223372036854775807}");
    CHECK_MUTATE("{\"i\": 9223372036854775807}", "[[\"i\", \"+=\", 1]]",
                 "range error: Result of \"+=\" operation is out of "
                 "range.");
    CHECK_MUTATE("{\"i\": 1}", "[[\"i\", \"*=\", 4611686018427387903]]",
                 "{\"i\":4611686018427387903}");
    /* Upstream's quirk: a product that fits, yet out of range. */
    CHECK_MUTATE("{\"i\": 1}", "[[\"i\", \"*=\", 4611686018427387904]]",
                 "range error: Result of \"*=\" operation is out of "
                 "range.");
    CHECK_MUTATE("{\"i\": -1}", "[[\"i\", \"*=\", -3037000499]]",
                 "{\"i\":3037000499}");
    CHECK_MUTATE("{\"i\": -1}", "[[\"i\", \"*=\", -3037000500]]",
                 "range error: Result of \"*=\" operation is out of "
                 "range.");
    CHECK_MUTATE("{\"r\": 1.5}", "[[\"r\", \"*=\", 2], [\"r\", \"/=\", 4], "
                 "[\"r\", \"-=\", 1]]", "{\"r\":-0.25}");
    CHECK_MUTATE("{\"r\": 1e308}", "[[\"r\", \"*=\", 10]]",
                 "range error: Result of \"*=\" operation is out of "
                 "range.");
    CHECK_MUTATE("{\"r\": 1}", "[[\"r\", \"/=\", 0]]",
                 "domain error: Division by zero.");
    CHECK_MUTATE("{\"oi\": [\"set\", []]}", "[[\"oi\", \"/=\", 0]]",
                 "{\"oi\":[\"set\",[]]}");
    CHECK_MUTATE("{\"si\": [\"set\", [1, 2]]}", "[[\"si\", \"*=\", -1]]",
                 "{\"si\":[\"set\",[-2,-1]]}");
    CHECK_MUTATE("{\"si\": [\"set\", [1, 2]]}", "[[\"si\", \"%=\", 1]]",
                 "constraint violation: Result of \"%=\" operation "
                 "contains duplicates.");
    CHECK_MUTATE("{\"si\": [\"set\", [1, 2]]}",
                 "[[\"si\", \"insert\", [\"set\", [2, 3]]]]",
                 "{\"si\":[\"set\",[1,2,3]]}");
    CHECK_MUTATE("{\"si\": [\"set\", [1, 2]]}",
                 "[[\"si\", \"insert\", [\"set\", [3, 4]]]]",
                 "constraint violation: Attempted to store 4 elements in "
                 "set of up to 3 integers.");
    CHECK_MUTATE("{\"si\": [\"set\", [1, 2]]}",
                 "[[\"si\", \"delete\", [\"set\", [0, 1, 3, 4, 5]]]]",
                 "{\"si\":2}");
    CHECK_MUTATE("{\"e\": \"a\"}", "[[\"e\", \"delete\", \"a\"], "
                 "[\"e\", \"insert\", \"b\"]]", "{\"e\":\"b\"}");
    CHECK_MUTATE("{\"m\": [\"map\", [[\"a\", 1], [\"b\", 2]]]}",
                 "[[\"m\", \"insert\", [\"map\", [[\"a\", 5], "
                 "[\"c\", 3]]]]]",
                 "{\"m\":[\"map\",[[\"a\",1],[\"b\",2],[\"c\",3]]]}");
    CHECK_MUTATE("{\"m\": [\"map\", [[\"a\", 1], [\"b\", 2]]]}",
                 "[[\"m\", \"delete\", [\"map\", [[\"a\", 5], "
                 "[\"b\", 2]]]]]", "{\"m\":[\"map\",[[\"a\",1]]]}");
    CHECK_MUTATE("{\"m\": [\"map\", [[\"a\", 1], [\"b\", 2]]]}",
                 "[[\"m\", \"delete\", [\"set\", [\"a\", \"z\"]]]]",
                 "{\"m\":[\"map\",[[\"b\",2]]]}");
    CHECK_MUTATE("{\"m\": [\"map\", [[\"a\", 1], [\"b\", 2]]]}",
                 "[[\"m\", \"delete\", \"b\"]]",
                 "{\"m\":[\"map\",[[\"a\",1]]]}");
}
OVSTEST_REGISTER("ovsdb-mutation/execute", test_mutation_execute);

static void
test_mutation_to_json(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_table *table = parse_table(test_table);
    struct ovsdb_mutation_set set;
    struct json *json;
    char *s;

    CHECK(!mutation_set_from_string(
              table->schema,
              "[[\"i\", \"+=\", [\"set\", [1]]], "
              "[\"m\", \"delete\", [\"set\", [\"b\", \"a\"]]], "
              "[\"m\", \"delete\", [\"map\", [[\"b\", 1]]]], "
              "[\"ss\", \"insert\", [\"set\", []]]]", &set));
    CHECK_INT(set.n_mutations, 4);
    CHECK(set.mutations[0].mutator == OVSDB_M_ADD);
    CHECK(ovsdb_type_is_scalar(&set.mutations[0].type));
    CHECK(!ovsdb_type_is_map(&set.mutations[1].type));
    CHECK(ovsdb_type_is_map(&set.mutations[2].type));
    json = ovsdb_mutation_set_to_json(&set);
    s = json_to_string(json, 0);
    CHECK_STR(s, "[[\"i\",\"+=\",1],"
              "[\"m\",\"delete\",[\"set\",[\"a\",\"b\"]]],"
              "[\"m\",\"delete\",[\"map\",[[\"b\",1]]]],"
              "[\"ss\",\"insert\",[\"set\",[]]]]");
    free(s);
    json_destroy(json);
    ovsdb_mutation_set_destroy(&set);
    CHECK(!set.n_mutations);
    ovsdb_mutation_set_destroy(&set);
    ovsdb_table_destroy(table);
}
OVSTEST_REGISTER("ovsdb-mutation/to-json", test_mutation_to_json);
