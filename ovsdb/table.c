/* table.c: OVSDB table schemas and in-memory tables. */
#include <config.h>
#include "table.h"

#include <limits.h>
#include <string.h>
#include "column.h"
#include "json.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "row.h"
#include "util.h"
#include "uuid.h"

static void
add_implicit_columns(struct ovsdb_table_schema *ts)
{
    ovsdb_table_schema_add_column(
        ts, ovsdb_column_create("_uuid", false, true, &ovsdb_type_uuid));
    ovsdb_table_schema_add_column(
        ts, ovsdb_column_create("_version", false, false, &ovsdb_type_uuid));
}

static struct ovsdb_table_schema *
table_schema_create__(const char *name, bool is_root, unsigned int max_rows)
{
    struct ovsdb_table_schema *ts = xzalloc(sizeof *ts);

    ts->name = xstrdup(name);
    shash_init(&ts->columns);
    ts->is_root = is_root;
    ts->max_rows = max_rows;
    return ts;
}

struct ovsdb_table_schema *
ovsdb_table_schema_create(const char *name, bool is_root,
                          unsigned int max_rows)
{
    struct ovsdb_table_schema *ts = table_schema_create__(name, is_root,
                                                          max_rows);
    add_implicit_columns(ts);
    return ts;
}

struct ovsdb_table_schema *
ovsdb_table_schema_clone(const struct ovsdb_table_schema *old)
{
    struct ovsdb_table_schema *ts = table_schema_create__(old->name,
                                                          old->is_root,
                                                          old->max_rows);
    for (size_t i = 0; i < old->n_columns; i++) {
        ovsdb_table_schema_add_column(
            ts, ovsdb_column_clone(old->by_index[i]));
    }
    ts->n_indexes = old->n_indexes;
    ts->indexes = xcalloc(old->n_indexes ? old->n_indexes : 1,
                          sizeof *ts->indexes);
    for (size_t i = 0; i < old->n_indexes; i++) {
        const struct ovsdb_column_set *oi = &old->indexes[i];
        struct ovsdb_column_set *ni = &ts->indexes[i];

        ovsdb_column_set_init(ni);
        for (size_t j = 0; j < oi->n; j++) {
            ovsdb_column_set_add(ni, ts->by_index[oi->columns[j]->index]);
        }
    }
    return ts;
}

void
ovsdb_table_schema_destroy(struct ovsdb_table_schema *ts)
{
    if (!ts) {
        return;
    }
    for (size_t i = 0; i < ts->n_indexes; i++) {
        ovsdb_column_set_destroy(&ts->indexes[i]);
    }
    free(ts->indexes);
    for (size_t i = 0; i < ts->n_columns; i++) {
        ovsdb_column_destroy(ts->by_index[i]);
    }
    free(ts->by_index);
    shash_destroy(&ts->columns);
    free(ts->name);
    free(ts);
}

void
ovsdb_table_schema_add_column(struct ovsdb_table_schema *ts,
                              struct ovsdb_column *column)
{
    column->index = ts->n_columns;
    shash_add_assert(&ts->columns, column->name, column);
    ts->by_index = xrealloc(ts->by_index,
                            (ts->n_columns + 1) * sizeof *ts->by_index);
    ts->by_index[ts->n_columns++] = column;
}

const struct ovsdb_column *
ovsdb_table_schema_get_column(const struct ovsdb_table_schema *ts,
                              const char *name)
{
    return shash_find_data(&ts->columns, name);
}

/* Parses the "columns" member COLUMNS of table schema JSON into TS. */
static struct ovsdb_error *
parse_columns(struct ovsdb_table_schema *ts, const struct json *json,
              const struct json *columns)
{
    const struct shash_node **nodes = shash_sort(json_object(columns));
    struct ovsdb_error *error = NULL;
    size_t n = shash_count(json_object(columns));

    for (size_t i = 0; i < n && !error; i++) {
        const char *name = nodes[i]->name;
        struct ovsdb_column *column;

        error = ovsdb_parser_check_user_name(json, name);
        if (!error) {
            error = ovsdb_column_from_json(nodes[i]->data, name, &column);
            if (!error) {
                ovsdb_table_schema_add_column(ts, column);
            }
        }
    }
    free(nodes);
    return error;
}

/* Parses the "indexes" member INDEXES of table schema JSON into TS. */
static struct ovsdb_error *
parse_indexes(struct ovsdb_table_schema *ts, const struct json *json,
              const struct json *indexes)
{
    const struct json_array *array = json_array(indexes);

    ts->indexes = xcalloc(array->n ? array->n : 1, sizeof *ts->indexes);
    for (size_t i = 0; i < array->n; i++) {
        struct ovsdb_column_set *index = &ts->indexes[i];
        struct ovsdb_error *error;

        ovsdb_column_set_init(index);
        error = ovsdb_column_set_from_json(array->elems[i], ts, index);
        if (error) {
            return error;
        }
        ts->n_indexes++;
        if (!index->n) {
            return ovsdb_syntax_error(json, NULL, "index must have at "
                                      "least one column");
        }
        for (size_t j = 0; j < index->n; j++) {
            if (!index->columns[j]->persistent) {
                return ovsdb_syntax_error(json, NULL, "ephemeral columns "
                                          "(such as %s) may not be indexed",
                                          index->columns[j]->name);
            }
        }
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_table_schema_from_json(const struct json *json, const char *name,
                             struct ovsdb_table_schema **tsp)
{
    const struct json *columns, *is_root, *max_rows, *indexes;
    struct ovsdb_table_schema *ts;
    struct ovsdb_error *error;
    struct ovsdb_parser parser;
    unsigned int n_max = UINT_MAX;

    *tsp = NULL;
    if (json->type != JSON_OBJECT) {
        /* Upstream does not quote the JSON for this one. */
        return ovsdb_syntax_error(NULL, NULL, "Parsing table schema for "
                                  "table %s failed: Object expected.", name);
    }
    ovsdb_parser_init(&parser, json, "table schema for table %s", name);
    columns = ovsdb_parser_member(&parser, "columns", OP_OBJECT);
    is_root = ovsdb_parser_member(&parser, "isRoot",
                                  OP_BOOLEAN | OP_OPTIONAL);
    max_rows = ovsdb_parser_member(&parser, "maxRows",
                                   OP_INTEGER | OP_OPTIONAL);
    indexes = ovsdb_parser_member(&parser, "indexes",
                                  OP_ARRAY | OP_OPTIONAL);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    if (max_rows) {
        long long int n = json_integer(max_rows);
        if (n < 1) {
            return ovsdb_syntax_error(json, NULL,
                                      "maxRows must be at least 1");
        }
        n_max = n >= UINT_MAX ? UINT_MAX : n;
    }
    if (shash_is_empty(json_object(columns))) {
        return ovsdb_syntax_error(json, NULL,
                                  "table must have at least one column");
    }

    ts = ovsdb_table_schema_create(name,
                                   is_root ? json_boolean(is_root) : false,
                                   n_max);
    error = parse_columns(ts, json, columns);
    if (!error && indexes) {
        error = parse_indexes(ts, json, indexes);
    }
    if (error) {
        ovsdb_table_schema_destroy(ts);
        return error;
    }
    *tsp = ts;
    return NULL;
}

struct json *
ovsdb_table_schema_to_json(const struct ovsdb_table_schema *ts,
                           bool default_is_root)
{
    struct json *json = json_object_create();
    struct json *columns = json_object_create();

    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct ovsdb_column *column = ts->by_index[i];
        json_object_put(columns, column->name, ovsdb_column_to_json(column));
    }
    json_object_put(json, "columns", columns);
    if (ts->is_root && !default_is_root) {
        json_object_put(json, "isRoot", json_boolean_create(true));
    }
    if (ts->max_rows != UINT_MAX) {
        json_object_put(json, "maxRows", json_integer_create(ts->max_rows));
    }
    if (ts->n_indexes) {
        struct json *indexes = json_array_create_empty();
        for (size_t i = 0; i < ts->n_indexes; i++) {
            json_array_add(indexes,
                           ovsdb_column_set_to_json(&ts->indexes[i]));
        }
        json_object_put(json, "indexes", indexes);
    }
    return json;
}

/* Tables. */

struct ovsdb_table *
ovsdb_table_create(struct ovsdb_table_schema *ts)
{
    struct ovsdb_table *table = xmalloc(sizeof *table);

    table->schema = ts;
    hmap_init(&table->rows);
    table->indexes = xmalloc((ts->n_indexes ? ts->n_indexes : 1)
                             * sizeof *table->indexes);
    for (size_t i = 0; i < ts->n_indexes; i++) {
        hmap_init(&table->indexes[i]);
    }
    table->txn_table = NULL;
    return table;
}

void
ovsdb_table_destroy(struct ovsdb_table *table)
{
    struct ovsdb_row *row;

    if (!table) {
        return;
    }
    for (size_t i = 0; i < table->schema->n_indexes; i++) {
        hmap_destroy(&table->indexes[i]);
    }
    free(table->indexes);
    HMAP_FOR_EACH_POP (row, hmap_node, &table->rows) {
        ovsdb_row_destroy(row);
    }
    hmap_destroy(&table->rows);
    ovsdb_table_schema_destroy(table->schema);
    free(table);
}

void
ovsdb_table_put_row(struct ovsdb_table *table, struct ovsdb_row *row)
{
    const struct uuid *uuid = ovsdb_row_get_uuid(row);

    ovs_assert(row->table == table);
    ovs_assert(!ovsdb_table_get_row(table, uuid));
    hmap_insert(&table->rows, &row->hmap_node, uuid_hash(uuid));
}

void
ovsdb_table_remove_row(struct ovsdb_table *table, struct ovsdb_row *row)
{
    hmap_remove(&table->rows, &row->hmap_node);
}

const struct ovsdb_row *
ovsdb_table_get_row(const struct ovsdb_table *table, const struct uuid *uuid)
{
    struct ovsdb_row *row;

    HMAP_FOR_EACH_WITH_HASH (row, hmap_node, uuid_hash(uuid), &table->rows) {
        if (uuid_equals(ovsdb_row_get_uuid(row), uuid)) {
            return row;
        }
    }
    return NULL;
}
