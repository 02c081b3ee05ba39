/* row.c: rows of in-memory OVSDB tables. */
#include <config.h>
#include "row.h"

#include "json.h"
#include "ovsdb-error.h"
#include "shash.h"
#include "table.h"
#include "util.h"

static struct ovsdb_row *
row_alloc(const struct ovsdb_table *table)
{
    size_t n = table->schema->n_columns;
    struct ovsdb_row *row = xmalloc(sizeof *row + n * sizeof *row->fields);

    row->table = (struct ovsdb_table *) table;
    return row;
}

struct ovsdb_row *
ovsdb_row_create(const struct ovsdb_table *table)
{
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_row *row = row_alloc(table);

    for (size_t i = 0; i < ts->n_columns; i++) {
        ovsdb_datum_init_default(&row->fields[i], &ts->by_index[i]->type);
    }
    return row;
}

struct ovsdb_row *
ovsdb_row_clone(const struct ovsdb_row *old)
{
    const struct ovsdb_table_schema *ts = old->table->schema;
    struct ovsdb_row *row = row_alloc(old->table);

    for (size_t i = 0; i < ts->n_columns; i++) {
        ovsdb_datum_clone(&row->fields[i], &old->fields[i],
                          &ts->by_index[i]->type);
    }
    return row;
}

void
ovsdb_row_destroy(struct ovsdb_row *row)
{
    if (row) {
        const struct ovsdb_table_schema *ts = row->table->schema;

        for (size_t i = 0; i < ts->n_columns; i++) {
            ovsdb_datum_destroy(&row->fields[i], &ts->by_index[i]->type);
        }
        free(row);
    }
}

struct ovsdb_error *
ovsdb_row_from_json(struct ovsdb_row *row, const struct json *json,
                    struct ovsdb_symbol_table *symtab,
                    struct ovsdb_column_set *included)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    const struct shash_node **nodes;
    struct ovsdb_error *error = NULL;
    struct ovsdb_datum *data;
    size_t n;

    if (json->type != JSON_OBJECT) {
        return ovsdb_syntax_error(json, NULL, "row must be JSON object");
    }

    /* Parse everything first, so that ROW stays unchanged on error. */
    n = shash_count(json_object(json));
    nodes = shash_sort(json_object(json));
    data = xcalloc(n ? n : 1, sizeof *data);
    size_t i;
    for (i = 0; i < n; i++) {
        const struct ovsdb_column *column
            = ovsdb_table_schema_get_column(ts, nodes[i]->name);
        if (!column) {
            error = ovsdb_syntax_error(json, "unknown column",
                                       "No column %s in table %s.",
                                       nodes[i]->name, ts->name);
            break;
        }
        error = ovsdb_datum_from_json(&data[i], &column->type,
                                      nodes[i]->data, symtab);
        if (error) {
            break;
        }
    }

    if (error) {
        for (size_t j = 0; j < i; j++) {
            const struct ovsdb_column *column
                = ovsdb_table_schema_get_column(ts, nodes[j]->name);
            ovsdb_datum_destroy(&data[j], &column->type);
        }
    } else {
        for (size_t j = 0; j < n; j++) {
            const struct ovsdb_column *column
                = ovsdb_table_schema_get_column(ts, nodes[j]->name);
            ovsdb_datum_swap(&row->fields[column->index], &data[j]);
            ovsdb_datum_destroy(&data[j], &column->type);
            if (included) {
                ovsdb_column_set_add(included, column);
            }
        }
    }
    free(data);
    free(nodes);
    return error;
}

struct json *
ovsdb_row_to_json(const struct ovsdb_row *row,
                  const struct ovsdb_column_set *columns)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    struct json *json = json_object_create();
    size_t n = columns ? columns->n : ts->n_columns;

    for (size_t i = 0; i < n; i++) {
        const struct ovsdb_column *column
            = columns ? columns->columns[i] : ts->by_index[i];
        json_object_put(json, column->name,
                        ovsdb_datum_to_json(&row->fields[column->index],
                                            &column->type));
    }
    return json;
}

uint32_t
ovsdb_row_hash_columns(const struct ovsdb_row *row,
                       const struct ovsdb_column_set *columns,
                       uint32_t basis)
{
    for (size_t i = 0; i < columns->n; i++) {
        const struct ovsdb_column *column = columns->columns[i];
        basis = ovsdb_datum_hash(&row->fields[column->index], &column->type,
                                 basis);
    }
    return basis;
}

int
ovsdb_row_compare_columns_3way(const struct ovsdb_row *a,
                               const struct ovsdb_row *b,
                               const struct ovsdb_column_set *columns)
{
    for (size_t i = 0; i < columns->n; i++) {
        const struct ovsdb_column *column = columns->columns[i];
        int cmp = ovsdb_datum_compare_3way(&a->fields[column->index],
                                           &b->fields[column->index],
                                           &column->type);
        if (cmp) {
            return cmp;
        }
    }
    return 0;
}

bool
ovsdb_row_equal_columns(const struct ovsdb_row *a, const struct ovsdb_row *b,
                        const struct ovsdb_column_set *columns)
{
    for (size_t i = 0; i < columns->n; i++) {
        const struct ovsdb_column *column = columns->columns[i];
        if (!ovsdb_datum_equals(&a->fields[column->index],
                                &b->fields[column->index], &column->type)) {
            return false;
        }
    }
    return true;
}

void
ovsdb_row_update_columns(struct ovsdb_row *dst, const struct ovsdb_row *src,
                         const struct ovsdb_column_set *columns)
{
    for (size_t i = 0; i < columns->n; i++) {
        const struct ovsdb_column *column = columns->columns[i];
        struct ovsdb_datum *d = &dst->fields[column->index];

        ovsdb_datum_destroy(d, &column->type);
        ovsdb_datum_clone(d, &src->fields[column->index], &column->type);
    }
}
