/* fuzz-ovsdb-condition.c: libFuzzer target for OVSDB conditions and
 * mutations on a fixed table.
 *
 * The input is JSON text: an array [ROW, CONDITION, MUTATIONS] about the
 * table below (any of them may be malformed).  ROW, if it parses, replaces
 * the default row.  A condition that parses must equal its clone and its
 * own JSON reparsed; its verdicts on the row must agree with the verdicts
 * of its clauses one by one.  Mutations that parse must survive a JSON
 * round trip; executed on the row they either fail or leave every column
 * they touch canonical and, if it met its constraints before, still
 * meeting them.  Then the condition is evaluated on the mutated row too.
 * Nothing here may crash, leak or assert. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "column.h"
#include "condition.h"
#include "json.h"
#include "mutation.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "row.h"
#include "table.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char table_json[] =
    "{\"columns\": {"
    " \"i\": {\"type\": \"integer\"},"
    " \"r\": {\"type\": \"real\"},"
    " \"b\": {\"type\": \"boolean\"},"
    " \"s\": {\"type\": \"string\"},"
    " \"u\": {\"type\": \"uuid\"},"
    " \"oi\": {\"type\": {\"key\": \"integer\", \"min\": 0}},"
    " \"si\": {\"type\": {\"key\": \"integer\", \"min\": 0, \"max\": 3}},"
    " \"s13\": {\"type\": {\"key\": \"integer\", \"min\": 1, \"max\": 3}},"
    " \"sr\": {\"type\": {\"key\": {\"type\": \"real\", \"minReal\": -2,"
    "                              \"maxReal\": 1e6},"
    "                     \"min\": 0, \"max\": \"unlimited\"}},"
    " \"ss\": {\"type\": {\"key\": {\"type\": \"string\", \"maxLength\": 3},"
    "                     \"min\": 0, \"max\": \"unlimited\"}},"
    " \"su\": {\"type\": {\"key\": \"uuid\", \"min\": 0,"
    "                     \"max\": \"unlimited\"}},"
    " \"ie\": {\"type\": {\"key\": {\"type\": \"integer\","
    "                              \"enum\": [\"set\", [1, 2, 3]]},"
    "                     \"min\": 0, \"max\": \"unlimited\"}},"
    " \"m\": {\"type\": {\"key\": \"string\", \"value\": \"integer\","
    "                    \"min\": 0, \"max\": \"unlimited\"}},"
    " \"m1\": {\"type\": {\"key\": \"string\", \"value\": \"integer\"}},"
    " \"m2\": {\"type\": {\"key\": \"integer\", \"value\": \"string\","
    "                     \"min\": 0, \"max\": 2}},"
    " \"imm\": {\"type\": \"integer\", \"mutable\": false}}}";

static void OVS_NO_RETURN
fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz-ovsdb-condition: %s\n", what);
    abort();
}

static void
ignore_error(struct ovsdb_error *error)
{
    if (error) {
        free(ovsdb_error_to_string_free(error));
    }
}

static struct ovsdb_table *
make_table(void)
{
    struct json *json = json_from_string(table_json);
    struct ovsdb_table_schema *ts;

    if (ovsdb_table_schema_from_json(json, "T", &ts)) {
        fuzz_fail("the fixed table does not parse");
    }
    json_destroy(json);
    return ovsdb_table_create(ts);
}

/* Checks COND's verdicts on ROW against its clauses' own verdicts. */
static void
check_verdicts(const struct ovsdb_row *row,
               const struct ovsdb_condition *cond)
{
    bool every = true, any = false;

    for (size_t i = 0; i < cond->n_clauses; i++) {
        struct ovsdb_condition one = { &cond->clauses[i], 1 };
        bool match = ovsdb_condition_match_every_clause(row, &one);

        if (match != ovsdb_condition_match_any_clause(row, &one)) {
            fuzz_fail("one clause: every and any differ");
        }
        every = every && match;
        any = any || match;
    }
    if (every != ovsdb_condition_match_every_clause(row, cond)
        || any != ovsdb_condition_match_any_clause(row, cond)) {
        fuzz_fail("a condition's verdict is not its clauses' verdicts");
    }
}

static void
check_condition(const struct ovsdb_table_schema *ts,
                const struct ovsdb_condition *cond,
                struct ovsdb_symbol_table *symtab)
{
    struct ovsdb_condition clone, reparsed;
    struct json *json = ovsdb_condition_to_json(cond);

    ovsdb_condition_clone(&clone, cond);
    if (!ovsdb_condition_equal(cond, &clone)) {
        fuzz_fail("a condition differs from its clone");
    }
    ovsdb_condition_destroy(&clone);

    if (ovsdb_condition_from_json(ts, json, symtab, &reparsed)) {
        fuzz_fail("a condition's own JSON does not parse");
    }
    if (!ovsdb_condition_equal(cond, &reparsed)) {
        fuzz_fail("condition round trip changed the condition");
    }
    ovsdb_condition_destroy(&reparsed);
    json_destroy(json);
}

static void
check_mutations(const struct ovsdb_table_schema *ts,
                const struct ovsdb_mutation_set *set,
                struct ovsdb_symbol_table *symtab)
{
    struct json *json = ovsdb_mutation_set_to_json(set);
    struct ovsdb_mutation_set reparsed;
    struct json *json2;

    if (ovsdb_mutation_set_from_json(ts, json, symtab, &reparsed)) {
        fuzz_fail("mutations' own JSON does not parse");
    }
    json2 = ovsdb_mutation_set_to_json(&reparsed);
    if (!json_equal(json, json2)) {
        fuzz_fail("mutation round trip changed the mutations");
    }
    json_destroy(json2);
    json_destroy(json);
    ovsdb_mutation_set_destroy(&reparsed);
}

static bool
datum_is_valid(const struct ovsdb_datum *datum,
               const struct ovsdb_type *type)
{
    struct ovsdb_error *error = ovsdb_datum_check_constraints(datum, type);

    if (error) {
        ovsdb_error_destroy(error);
        return false;
    }
    return ovsdb_datum_conforms_to_type(datum, type);
}

/* Executes SET on a copy of ROW and checks the result.  Returns the
 * mutated copy, or NULL if execution failed. */
static struct ovsdb_row *
execute_mutations(const struct ovsdb_row *row,
                  const struct ovsdb_mutation_set *set)
{
    struct ovsdb_row *copy = ovsdb_row_clone(row);
    struct ovsdb_error *error = ovsdb_mutation_set_execute(copy, set);

    if (error) {
        ignore_error(error);
        ovsdb_row_destroy(copy);
        return NULL;
    }
    for (size_t i = 0; i < set->n_mutations; i++) {
        const struct ovsdb_column *c = set->mutations[i].column;
        const struct ovsdb_datum *after = &copy->fields[c->index];
        struct ovsdb_datum sorted;

        if (datum_is_valid(&row->fields[c->index], &c->type)
            && !datum_is_valid(after, &c->type)) {
            fuzz_fail("a mutation broke a column's constraints");
        }
        ovsdb_datum_clone(&sorted, after, &c->type);
        if (ovsdb_datum_sort(&sorted, c->type.key.type)
            || !ovsdb_datum_equals(&sorted, after, &c->type)) {
            fuzz_fail("a mutation left a datum out of canonical form");
        }
        ovsdb_datum_destroy(&sorted, &c->type);
    }
    return copy;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json *json = json_from_buffer((const char *) data, size,
                                         JSPF_TRAILER, NULL);
    if (!json) {
        return 0;
    }
    if (json->type != JSON_ARRAY || json->array.n != 3) {
        json_destroy(json);
        return 0;
    }

    struct ovsdb_table *table = make_table();
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb_row *row = ovsdb_row_create(table);
    struct ovsdb_condition cond;
    struct ovsdb_mutation_set set;
    bool have_cond;

    ignore_error(ovsdb_row_from_json(row, json->array.elems[0], symtab,
                                     NULL));

    struct ovsdb_error *error;
    error = ovsdb_condition_from_json(ts, json->array.elems[1], symtab,
                                      &cond);
    have_cond = !error;
    if (error) {
        if (!ovsdb_condition_empty(&cond)) {
            fuzz_fail("a condition that failed to parse is not empty");
        }
        ignore_error(error);
    } else {
        check_condition(ts, &cond, symtab);
        check_verdicts(row, &cond);
    }

    error = ovsdb_mutation_set_from_json(ts, json->array.elems[2], symtab,
                                         &set);
    if (error) {
        ignore_error(error);
    } else {
        struct ovsdb_row *mutated;

        check_mutations(ts, &set, symtab);
        mutated = execute_mutations(row, &set);
        if (mutated) {
            if (have_cond) {
                check_verdicts(mutated, &cond);
            }
            ovsdb_row_destroy(mutated);
        }
        ovsdb_mutation_set_destroy(&set);
    }

    if (have_cond) {
        ovsdb_condition_destroy(&cond);
    }
    ovsdb_row_destroy(row);
    ovsdb_symbol_table_destroy(symtab);
    ovsdb_table_destroy(table);
    json_destroy(json);
    return 0;
}
