/* fuzz-ovsdb-schema.c: libFuzzer target for the OVSDB schema parser and
 * the in-memory rows built on it.
 *
 * The input is JSON text.  If it parses as a database schema, the schema
 * must survive a round trip through ovsdb_schema_to_json() and a clone
 * unchanged; then every table gets a default row, which must also survive
 * a round trip through ovsdb_row_to_json() and ovsdb_row_from_json(), and
 * a table lookup by uuid.  Nothing here may crash, leak or assert. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "column.h"
#include "json.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "row.h"
#include "table.h"
#include "util.h"
#include "uuid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void OVS_NO_RETURN
fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz-ovsdb-schema: %s\n", what);
    abort();
}

/* True if every field of ROW meets its column's constraints. */
static bool
defaults_conform(const struct ovsdb_table_schema *ts,
                 const struct ovsdb_row *row)
{
    for (size_t i = 0; i < ts->n_columns; i++) {
        struct ovsdb_error *error = ovsdb_datum_check_constraints(
            &row->fields[i], &ts->by_index[i]->type);
        if (error) {
            ovsdb_error_destroy(error);
            return false;
        }
    }
    return true;
}

static void
check_rows(const struct ovsdb_schema *schema)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &schema->tables) {
        struct ovsdb_table *table
            = ovsdb_table_create(ovsdb_table_schema_clone(node->data));
        struct ovsdb_column_set all = OVSDB_COLUMN_SET_INITIALIZER;
        struct ovsdb_row *row = ovsdb_row_create(table);
        struct ovsdb_row *copy = ovsdb_row_create(table);
        struct ovsdb_error *error;
        struct json *json;

        ovsdb_column_set_add_all(&all, table->schema);
        uuid_generate(ovsdb_row_get_uuid_rw(row));
        json = ovsdb_row_to_json(row, NULL);
        error = ovsdb_row_from_json(copy, json, NULL, NULL);
        if (error) {
            /* A default value may break a column's constraints (for
             * example "minInteger": 5 against the default 0); only then
             * may the row's own JSON fail to parse. */
            if (defaults_conform(table->schema, row)) {
                fuzz_fail("a row's own JSON does not parse");
            }
            ovsdb_error_destroy(error);
            ovsdb_row_destroy(copy);
            copy = ovsdb_row_clone(row);
        }
        if (!ovsdb_row_equal_columns(row, copy, &all)) {
            fuzz_fail("row round trip changed the row");
        }
        ovsdb_table_put_row(table, row);
        if (ovsdb_table_get_row(table, ovsdb_row_get_uuid(copy)) != row) {
            fuzz_fail("row not found by uuid");
        }
        json_destroy(json);
        ovsdb_row_destroy(copy);
        ovsdb_column_set_destroy(&all);
        ovsdb_table_destroy(table);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json *json = json_from_buffer((const char *) data, size,
                                         JSPF_TRAILER, NULL);
    struct ovsdb_schema *schema, *copy, *clone;
    struct ovsdb_error *error;
    struct json *out;

    if (!json) {
        return 0;
    }
    error = ovsdb_schema_from_json(json, &schema);
    json_destroy(json);
    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        free(s);
        return 0;
    }

    out = ovsdb_schema_to_json(schema);
    error = ovsdb_schema_from_json(out, &copy);
    if (error) {
        fuzz_fail("a schema's own JSON does not parse");
    }
    clone = ovsdb_schema_clone(schema);
    if (!ovsdb_schema_equal(schema, copy)
        || !ovsdb_schema_equal(schema, clone)) {
        fuzz_fail("schema round trip or clone changed the schema");
    }
    check_rows(schema);

    json_destroy(out);
    ovsdb_schema_destroy(copy);
    ovsdb_schema_destroy(clone);
    ovsdb_schema_destroy(schema);
    return 0;
}
