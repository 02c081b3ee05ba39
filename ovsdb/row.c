/* row.c: rows of in-memory OVSDB tables. */
#include <config.h>
#include "row.h"

#include "json.h"
#include "ovsdb-error.h"
#include "shash.h"
#include "table.h"
#include "util.h"

/* Offset of the first index node in a row of a table with N_COLUMNS. */
static size_t
index_nodes_offset(size_t n_columns)
{
    size_t ofs = sizeof(struct ovsdb_row)
                 + n_columns * sizeof(struct ovsdb_datum);
    size_t align = _Alignof(struct hmap_node);

    return (ofs + align - 1) / align * align;
}

static struct ovsdb_row *
row_alloc(const struct ovsdb_table *table)
{
    const struct ovsdb_table_schema *ts = table->schema;
    size_t size = (index_nodes_offset(ts->n_columns)
                   + ts->n_indexes * sizeof(struct hmap_node));
    struct ovsdb_row *row = xmalloc(size);

    row->table = (struct ovsdb_table *) table;
    row->txn_row = NULL;
    row->n_refs = 0;
    row->indexed = false;
    ovs_list_init(&row->src_refs);
    ovs_list_init(&row->dst_refs);
    return row;
}

struct hmap_node *
ovsdb_row_get_index_node(const struct ovsdb_row *row, size_t i)
{
    size_t ofs = index_nodes_offset(row->table->schema->n_columns);

    return (struct hmap_node *) ((char *) row + ofs) + i;
}

struct ovsdb_row *
ovsdb_row_from_index_node(const struct hmap_node *node,
                          const struct ovsdb_table *table, size_t i)
{
    size_t ofs = index_nodes_offset(table->schema->n_columns);

    return (struct ovsdb_row *) ((char *) (node - i) - ofs);
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
        struct ovsdb_weak_ref *ref;

        /* Drop the weak references that still involve ROW (only rows that
         * are destroyed with their whole database have any). */
        LIST_FOR_EACH_POP (ref, src_node, &row->src_refs) {
            ovs_list_remove(&ref->dst_node);
            free(ref);
        }
        LIST_FOR_EACH_POP (ref, dst_node, &row->dst_refs) {
            ovs_list_remove(&ref->src_node);
            free(ref);
        }
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
