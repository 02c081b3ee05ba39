/* column.c: OVSDB column schemas and column sets. */
#include <config.h>
#include "column.h"

#include <string.h>
#include "json.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "table.h"
#include "util.h"

struct ovsdb_column *
ovsdb_column_create(const char *name, bool mutable, bool persistent,
                    const struct ovsdb_type *type)
{
    struct ovsdb_column *column = xzalloc(sizeof *column);

    column->index = 0;
    column->name = xstrdup(name);
    column->mutable = mutable;
    column->persistent = persistent;
    ovsdb_type_clone(&column->type, type);
    return column;
}

struct ovsdb_column *
ovsdb_column_clone(const struct ovsdb_column *old)
{
    struct ovsdb_column *column = ovsdb_column_create(old->name,
                                                      old->mutable,
                                                      old->persistent,
                                                      &old->type);
    column->index = old->index;
    return column;
}

void
ovsdb_column_destroy(struct ovsdb_column *column)
{
    if (column) {
        ovsdb_type_destroy(&column->type);
        free(column->name);
        free(column);
    }
}

struct ovsdb_error *
ovsdb_column_from_json(const struct json *json, const char *name,
                       struct ovsdb_column **columnp)
{
    const struct json *type_json, *mutable_json, *ephemeral_json;
    struct ovsdb_error *error;
    struct ovsdb_parser parser;
    struct ovsdb_type type;

    *columnp = NULL;
    if (json->type != JSON_OBJECT) {
        /* Upstream does not quote the JSON for this one. */
        return ovsdb_syntax_error(NULL, NULL, "Parsing schema for column %s "
                                  "failed: Object expected.", name);
    }
    ovsdb_parser_init(&parser, json, "schema for column %s", name);
    type_json = ovsdb_parser_member(&parser, "type", OP_STRING | OP_OBJECT);
    mutable_json = ovsdb_parser_member(&parser, "mutable",
                                       OP_BOOLEAN | OP_OPTIONAL);
    ephemeral_json = ovsdb_parser_member(&parser, "ephemeral",
                                         OP_BOOLEAN | OP_OPTIONAL);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    error = ovsdb_type_from_json(&type, type_json);
    if (error) {
        ovsdb_type_destroy(&type);
        return error;
    }
    *columnp = ovsdb_column_create(
        name, mutable_json ? json_boolean(mutable_json) : true,
        ephemeral_json ? !json_boolean(ephemeral_json) : true, &type);
    ovsdb_type_destroy(&type);
    return NULL;
}

struct json *
ovsdb_column_to_json(const struct ovsdb_column *column)
{
    struct json *json = json_object_create();

    json_object_put(json, "type", ovsdb_type_to_json(&column->type));
    if (!column->mutable) {
        json_object_put(json, "mutable", json_boolean_create(false));
    }
    if (!column->persistent) {
        json_object_put(json, "ephemeral", json_boolean_create(true));
    }
    return json;
}

/* Column sets. */

void
ovsdb_column_set_init(struct ovsdb_column_set *set)
{
    set->columns = NULL;
    set->n = set->allocated = 0;
}

void
ovsdb_column_set_destroy(struct ovsdb_column_set *set)
{
    free(set->columns);
    ovsdb_column_set_init(set);
}

void
ovsdb_column_set_clone(struct ovsdb_column_set *dst,
                       const struct ovsdb_column_set *src)
{
    dst->columns = src->n ? xmemdup(src->columns,
                                    src->n * sizeof *src->columns) : NULL;
    dst->n = dst->allocated = src->n;
}

void
ovsdb_column_set_add(struct ovsdb_column_set *set,
                     const struct ovsdb_column *column)
{
    if (set->n >= set->allocated) {
        set->columns = x2nrealloc(set->columns, &set->allocated,
                                  sizeof *set->columns);
    }
    set->columns[set->n++] = column;
}

void
ovsdb_column_set_add_all(struct ovsdb_column_set *set,
                         const struct ovsdb_table_schema *table)
{
    for (size_t i = 0; i < table->n_columns; i++) {
        ovsdb_column_set_add(set, table->by_index[i]);
    }
}

bool
ovsdb_column_set_contains(const struct ovsdb_column_set *set,
                          unsigned int column_index)
{
    for (size_t i = 0; i < set->n; i++) {
        if (set->columns[i]->index == column_index) {
            return true;
        }
    }
    return false;
}

bool
ovsdb_column_set_equals(const struct ovsdb_column_set *a,
                        const struct ovsdb_column_set *b)
{
    if (a->n != b->n) {
        return false;
    }
    for (size_t i = 0; i < a->n; i++) {
        if (a->columns[i]->index != b->columns[i]->index) {
            return false;
        }
    }
    return true;
}

struct ovsdb_error *
ovsdb_column_set_from_json(const struct json *json,
                           const struct ovsdb_table_schema *table,
                           struct ovsdb_column_set *set)
{
    const struct json_array *array;

    ovs_assert(!set->n);
    if (json->type != JSON_ARRAY) {
        goto bad;
    }
    array = json_array(json);
    for (size_t i = 0; i < array->n; i++) {
        const struct json *elem = array->elems[i];
        const struct ovsdb_column *column;

        if (elem->type != JSON_STRING) {
            goto bad;
        }
        column = ovsdb_table_schema_get_column(table, json_string(elem));
        if (!column) {
            ovsdb_column_set_destroy(set);
            return ovsdb_syntax_error(json, NULL,
                                      "%s is not a valid column name",
                                      json_string(elem));
        }
        if (ovsdb_column_set_contains(set, column->index)) {
            goto bad;
        }
        ovsdb_column_set_add(set, column);
    }
    return NULL;

bad:
    ovsdb_column_set_destroy(set);
    return ovsdb_syntax_error(json, NULL,
                              "array of distinct column names expected");
}

struct json *
ovsdb_column_set_to_json(const struct ovsdb_column_set *set)
{
    struct json *json = json_array_create_empty();

    for (size_t i = 0; i < set->n; i++) {
        json_array_add(json, json_string_create(set->columns[i]->name));
    }
    return json;
}
