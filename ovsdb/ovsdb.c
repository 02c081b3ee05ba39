/* ovsdb.c: OVSDB database schemas and in-memory databases. */
#include <config.h>
#include "ovsdb.h"

#include <stdio.h>
#include <string.h>
#include "column.h"
#include "json.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "table.h"
#include "util.h"

struct ovsdb_schema *
ovsdb_schema_create(const char *name, const char *version, const char *cksum)
{
    struct ovsdb_schema *schema = xmalloc(sizeof *schema);

    schema->name = xstrdup(name);
    schema->version = xstrdup(version ? version : "");
    schema->cksum = xstrdup(cksum ? cksum : "");
    shash_init(&schema->tables);
    return schema;
}

struct ovsdb_schema *
ovsdb_schema_clone(const struct ovsdb_schema *old)
{
    struct ovsdb_schema *schema = ovsdb_schema_create(old->name,
                                                      old->version,
                                                      old->cksum);
    struct shash_node *node;

    SHASH_FOR_EACH (node, &old->tables) {
        shash_add(&schema->tables, node->name,
                  ovsdb_table_schema_clone(node->data));
    }
    return schema;
}

void
ovsdb_schema_destroy(struct ovsdb_schema *schema)
{
    struct shash_node *node;

    if (!schema) {
        return;
    }
    SHASH_FOR_EACH (node, &schema->tables) {
        ovsdb_table_schema_destroy(node->data);
    }
    shash_destroy(&schema->tables);
    free(schema->name);
    free(schema->version);
    free(schema->cksum);
    free(schema);
}

struct ovsdb_error *
ovsdb_schema_from_file(const char *file_name, struct ovsdb_schema **schemap)
{
    struct ovsdb_error *error;
    struct json *json;

    *schemap = NULL;
    json = json_from_file(file_name);
    if (json->type == JSON_STRING) {
        error = ovsdb_error_create("failed to read schema",
                                   "\"%s\" could not be read as JSON (%s)",
                                   file_name, json_string(json));
        json_destroy(json);
        return error;
    }
    error = ovsdb_schema_from_json(json, schemap);
    json_destroy(json);
    if (error) {
        return ovsdb_wrap_error(error, "failed to parse \"%s\" as ovsdb "
                                "schema", file_name);
    }
    return NULL;
}

bool
ovsdb_schema_version_is_valid(const char *version)
{
    /* Upstream's check behaves like sscanf's "%u.%u.%u" matching the
     * whole string: each number may have leading white space and a
     * sign, and overflow goes unnoticed. */
    int n = -1;

    if (sscanf(version, "%*u.%*u.%*u%n", &n) == 0 && n > 0) {
        return version[n] == '\0';
    }
    return false;
}

/* Checks that the refTable of BASE, if any, is a table of SCHEMA. */
static struct ovsdb_error *
check_ref_table(const struct ovsdb_schema *schema,
                const struct ovsdb_column *column,
                const struct ovsdb_base_type *base, const char *which)
{
    if (base->type == OVSDB_TYPE_UUID && base->uuid.refTableName
        && !shash_find(&schema->tables, base->uuid.refTableName)) {
        return ovsdb_syntax_error(NULL, NULL,
                                  "column %s %s refers to undefined table %s",
                                  column->name, which,
                                  base->uuid.refTableName);
    }
    return NULL;
}

static struct ovsdb_error *
check_ref_tables(const struct ovsdb_schema *schema)
{
    const struct shash_node **tables = shash_sort(&schema->tables);
    struct ovsdb_error *error = NULL;
    size_t n = shash_count(&schema->tables);

    for (size_t i = 0; i < n && !error; i++) {
        const struct ovsdb_table_schema *ts = tables[i]->data;

        for (size_t j = 0; j < ts->n_columns && !error; j++) {
            const struct ovsdb_column *column = ts->by_index[j];

            error = check_ref_table(schema, column, &column->type.key,
                                    "key");
            if (!error) {
                error = check_ref_table(schema, column, &column->type.value,
                                        "value");
            }
        }
    }
    free(tables);
    return error;
}

/* True if BASE is a strong reference to a non-root table of SCHEMA. */
static bool
is_strong_ref_to_non_root(const struct ovsdb_schema *schema,
                          const struct ovsdb_base_type *base)
{
    const struct ovsdb_table_schema *ts;

    if (!ovsdb_base_type_is_strong_ref(base)) {
        return false;
    }
    ts = shash_find_data(&schema->tables, base->uuid.refTableName);
    return ts && !ts->is_root;
}

/* Makes persistent every ephemeral column that holds strong references to
 * a non-root table: losing its values on restart would garbage-collect the
 * rows they keep alive.  Upstream does the same, silently. */
static void
persist_strong_refs(struct ovsdb_schema *schema)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &schema->tables) {
        struct ovsdb_table_schema *ts = node->data;

        for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
            struct ovsdb_column *column = ts->by_index[i];

            if (!column->persistent
                && (is_strong_ref_to_non_root(schema, &column->type.key)
                    || is_strong_ref_to_non_root(schema,
                                                 &column->type.value))) {
                column->persistent = true;
            }
        }
    }
}

/* Parses the tables of schema JSON (in its member TABLES) into SCHEMA. */
static struct ovsdb_error *
parse_tables(struct ovsdb_schema *schema, const struct json *json,
             const struct json *tables)
{
    const struct shash_node **nodes = shash_sort(json_object(tables));
    struct ovsdb_error *error = NULL;
    size_t n = shash_count(json_object(tables));

    for (size_t i = 0; i < n && !error; i++) {
        const char *name = nodes[i]->name;
        struct ovsdb_table_schema *ts;

        error = ovsdb_parser_check_user_name(json, name);
        if (!error) {
            error = ovsdb_table_schema_from_json(nodes[i]->data, name, &ts);
            if (!error) {
                shash_add(&schema->tables, name, ts);
            }
        }
    }
    free(nodes);
    return error;
}

/* True if every table of SCHEMA is a root table. */
static bool
all_tables_are_root(const struct ovsdb_schema *schema)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &schema->tables) {
        const struct ovsdb_table_schema *ts = node->data;
        if (!ts->is_root) {
            return false;
        }
    }
    return true;
}

struct ovsdb_error *
ovsdb_schema_from_json(const struct json *json, struct ovsdb_schema **schemap)
{
    const struct json *name, *tables, *version, *cksum;
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    struct ovsdb_parser parser;
    struct shash_node *node;
    bool any_root;

    *schemap = NULL;
    if (json->type != JSON_OBJECT) {
        /* Upstream does not quote the JSON for this one. */
        return ovsdb_syntax_error(NULL, NULL, "Parsing database schema "
                                  "failed: Object expected.");
    }
    ovsdb_parser_init(&parser, json, "database schema");
    name = ovsdb_parser_member(&parser, "name", OP_ID);
    version = ovsdb_parser_member(&parser, "version",
                                  OP_STRING | OP_OPTIONAL);
    cksum = ovsdb_parser_member(&parser, "cksum", OP_STRING | OP_OPTIONAL);
    tables = ovsdb_parser_member(&parser, "tables", OP_OBJECT);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }
    if (version && !ovsdb_schema_version_is_valid(json_string(version))) {
        return ovsdb_syntax_error(json, NULL, "schema version \"%s\" not "
                                  "in format x.y.z", json_string(version));
    }

    schema = ovsdb_schema_create(json_string(name),
                                 version ? json_string(version) : NULL,
                                 cksum ? json_string(cksum) : NULL);
    error = parse_tables(schema, json, tables);
    if (!error) {
        error = check_ref_tables(schema);
    }
    if (error) {
        ovsdb_schema_destroy(schema);
        return error;
    }

    any_root = false;
    SHASH_FOR_EACH (node, &schema->tables) {
        const struct ovsdb_table_schema *ts = node->data;
        any_root = any_root || ts->is_root;
    }
    if (!any_root) {
        SHASH_FOR_EACH (node, &schema->tables) {
            struct ovsdb_table_schema *ts = node->data;
            ts->is_root = true;
        }
    }
    persist_strong_refs(schema);
    *schemap = schema;
    return NULL;
}

struct json *
ovsdb_schema_to_json(const struct ovsdb_schema *schema)
{
    bool default_is_root = all_tables_are_root(schema);
    struct json *json = json_object_create();
    struct json *tables = json_object_create();
    struct shash_node *node;

    json_object_put_string(json, "name", schema->name);
    if (schema->version[0]) {
        json_object_put_string(json, "version", schema->version);
    }
    if (schema->cksum[0]) {
        json_object_put_string(json, "cksum", schema->cksum);
    }
    SHASH_FOR_EACH (node, &schema->tables) {
        json_object_put(tables, node->name,
                        ovsdb_table_schema_to_json(node->data,
                                                   default_is_root));
    }
    json_object_put(json, "tables", tables);
    return json;
}

bool
ovsdb_schema_equal(const struct ovsdb_schema *a,
                   const struct ovsdb_schema *b)
{
    struct json *ja = ovsdb_schema_to_json(a);
    struct json *jb = ovsdb_schema_to_json(b);
    bool equal = json_equal(ja, jb);

    json_destroy(ja);
    json_destroy(jb);
    return equal;
}

static void
resolve_ref_table(struct ovsdb *db, struct ovsdb_base_type *base)
{
    if (ovsdb_base_type_is_ref(base)) {
        base->uuid.refTable = ovsdb_get_table(db, base->uuid.refTableName);
    }
}

struct ovsdb *
ovsdb_create(struct ovsdb_schema *schema)
{
    struct ovsdb *db = xmalloc(sizeof *db);
    struct shash_node *node;

    db->schema = schema;
    shash_init(&db->tables);
    SHASH_FOR_EACH (node, &schema->tables) {
        shash_add(&db->tables, node->name, ovsdb_table_create(node->data));
    }

    /* Resolve each reference column's 'refTable', for the transaction
     * engine. */
    SHASH_FOR_EACH (node, &schema->tables) {
        struct ovsdb_table_schema *ts = node->data;

        for (size_t i = 0; i < ts->n_columns; i++) {
            struct ovsdb_type *type = &ts->by_index[i]->type;

            resolve_ref_table(db, &type->key);
            resolve_ref_table(db, &type->value);
        }
    }
    ovs_list_init(&db->observers);
    db->txn = NULL;
    return db;
}

void
ovsdb_destroy(struct ovsdb *db)
{
    struct shash_node *node;

    if (!db) {
        return;
    }
    ovs_assert(!db->txn);

    /* Each table frees its table schema, so the schema must not. */
    SHASH_FOR_EACH (node, &db->tables) {
        ovsdb_table_destroy(node->data);
    }
    shash_destroy(&db->tables);
    shash_clear(&db->schema->tables);
    ovsdb_schema_destroy(db->schema);
    free(db);
}

struct ovsdb_table *
ovsdb_get_table(const struct ovsdb *db, const char *name)
{
    return shash_find_data(&db->tables, name);
}

void
ovsdb_add_observer(struct ovsdb *db, struct ovsdb_observer *observer)
{
    ovs_list_push_back(&db->observers, &observer->list_node);
}

void
ovsdb_remove_observer(struct ovsdb *db OVS_UNUSED,
                      struct ovsdb_observer *observer)
{
    ovs_list_remove(&observer->list_node);
}
