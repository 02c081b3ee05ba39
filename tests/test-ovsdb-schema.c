/* test-ovsdb-schema.c: unit tests for ovsdb/column, table, row and the
 * schema part of ovsdb/ovsdb, and helper commands for
 * tests/ovsdb-schema.at. */
#include <config.h>

#include <string.h>
#include "column.h"
#include "json.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "ovstest.h"
#include "row.h"
#include "table.h"
#include "util.h"
#include "uuid.h"

/* Reads schema FILE or exits with the error, as ovsdb-tool does. */
static struct ovsdb_schema *
read_schema(const char *file)
{
    struct ovsdb_schema *schema;
    struct ovsdb_error *error = ovsdb_schema_from_file(file, &schema);

    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        ovs_fatal(0, "%s", s);
    }
    return schema;
}

/* "ovsdb-schema/info FIELD FILE": prints FIELD ("name", "version",
 * "cksum" or "json", the schema as get-schema prints it) of schema FILE,
 * or the error that reading it gives, as "ovstest: ERROR" on stderr with
 * exit status 1.  "json" also checks that clone and a JSON round trip
 * give an equal schema. */
static void
test_info_cmd(int argc, char *argv[])
{
    struct ovsdb_schema *schema;

    if (argc != 3) {
        ovs_fatal(0, "usage: ovsdb-schema/info FIELD FILE");
    }
    schema = read_schema(argv[2]);
    if (!strcmp(argv[1], "name")) {
        puts(schema->name);
    } else if (!strcmp(argv[1], "version")) {
        puts(schema->version);
    } else if (!strcmp(argv[1], "cksum")) {
        puts(schema->cksum);
    } else if (!strcmp(argv[1], "json")) {
        struct json *json = ovsdb_schema_to_json(schema);
        struct ovsdb_schema *clone = ovsdb_schema_clone(schema);
        struct ovsdb_schema *reparsed;
        char *s = json_to_string(json, JSSF_SORT);

        puts(s);
        free(s);
        CHECK(ovsdb_schema_equal(schema, clone));
        CHECK(!ovsdb_schema_from_json(json, &reparsed));
        CHECK(ovsdb_schema_equal(schema, reparsed));
        ovsdb_schema_destroy(reparsed);
        ovsdb_schema_destroy(clone);
        json_destroy(json);
    } else {
        ovs_fatal(0, "%s: unknown field", argv[1]);
    }
    ovsdb_schema_destroy(schema);
}
OVSTEST_COMMAND("ovsdb-schema/info", test_info_cmd);

/* Unit tests. */

static struct ovsdb_schema *
parse_schema(const char *s)
{
    struct json *json = json_from_string(s);
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;

    CHECK(json->type == JSON_OBJECT);
    error = ovsdb_schema_from_json(json, &schema);
    if (error) {
        char *msg = ovsdb_error_to_string_free(error);
        ovstest_fail(OVS_SOURCE_LOCATOR, "%s", msg);
    }
    json_destroy(json);
    return schema;
}

/* Returns the error text of parsing schema S (malloc'd), or NULL. */
static char *
schema_error(const char *s)
{
    struct json *json = json_from_string(s);
    struct ovsdb_schema *schema;
    struct ovsdb_error *error = ovsdb_schema_from_json(json, &schema);

    json_destroy(json);
    if (!error) {
        ovsdb_schema_destroy(schema);
        return NULL;
    }
    CHECK(!schema);
    return ovsdb_error_to_string_free(error);
}

static const char test_schema[] =
    "{\"name\": \"d\", \"version\": \"1.2.3\", \"tables\": {"
    "  \"t\": {\"columns\": {"
    "     \"i\": {\"type\": \"integer\"},"
    "     \"s\": {\"type\": {\"key\": \"string\", \"min\": 0,"
    "                         \"max\": \"unlimited\"}},"
    "     \"m\": {\"type\": {\"key\": \"string\", \"value\": \"integer\","
    "                         \"min\": 0, \"max\": \"unlimited\"}},"
    "     \"k\": {\"type\": \"string\", \"mutable\": false},"
    "     \"e\": {\"type\": \"boolean\", \"ephemeral\": true},"
    "     \"r\": {\"type\": {\"key\": {\"type\": \"uuid\","
    "                                  \"refTable\": \"u\"},"
    "                         \"min\": 0}}},"
    "   \"indexes\": [[\"k\"], [\"i\", \"s\"]], \"isRoot\": true},"
    "  \"u\": {\"columns\": {\"x\": {\"type\": \"real\"}},"
    "         \"maxRows\": 3}}}";

static void
test_schema_parse(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_schema *schema = parse_schema(test_schema);
    const struct ovsdb_table_schema *t, *u;
    const struct ovsdb_column *c;

    CHECK_STR(schema->name, "d");
    CHECK_STR(schema->version, "1.2.3");
    CHECK_STR(schema->cksum, "");
    t = shash_find_data(&schema->tables, "t");
    u = shash_find_data(&schema->tables, "u");
    CHECK(t && u);
    CHECK(t->is_root);
    CHECK(!u->is_root);
    CHECK_INT(t->max_rows, UINT_MAX);
    CHECK_INT(u->max_rows, 3);
    CHECK_INT(t->n_columns, 8);
    CHECK_STR(t->by_index[OVSDB_COL_UUID]->name, "_uuid");
    CHECK_STR(t->by_index[OVSDB_COL_VERSION]->name, "_version");
    CHECK(!t->by_index[OVSDB_COL_VERSION]->persistent);
    CHECK(!t->by_index[OVSDB_COL_UUID]->mutable);
    /* User columns follow in order of name. */
    CHECK_STR(t->by_index[2]->name, "e");
    CHECK_STR(t->by_index[7]->name, "s");
    c = ovsdb_table_schema_get_column(t, "k");
    CHECK(c && !c->mutable && c->persistent);
    c = ovsdb_table_schema_get_column(t, "e");
    CHECK(c && c->mutable && !c->persistent);
    CHECK(!ovsdb_table_schema_get_column(t, "zz"));
    CHECK_INT(t->n_indexes, 2);
    CHECK_INT(t->indexes[1].n, 2);
    CHECK_STR(t->indexes[1].columns[0]->name, "i");
    CHECK_STR(t->indexes[1].columns[1]->name, "s");

    struct ovsdb_schema *clone = ovsdb_schema_clone(schema);
    CHECK(ovsdb_schema_equal(schema, clone));
    t = shash_find_data(&clone->tables, "t");
    /* A clone's indexes point to the clone's own columns. */
    CHECK(t->indexes[0].columns[0] == ovsdb_table_schema_get_column(t, "k"));
    free(clone->version);
    clone->version = xstrdup("1.2.4");
    CHECK(!ovsdb_schema_equal(schema, clone));
    ovsdb_schema_destroy(clone);
    ovsdb_schema_destroy(schema);
}
OVSTEST_REGISTER("ovsdb-schema/parse", test_schema_parse);

static void
test_schema_errors(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const struct {
        const char *schema;
        const char *error;
    } cases[] = {
        { "{\"name\": \"a\", \"tables\": {\"t\": {\"columns\": {}}}}",
          "syntax \"{\"columns\":{}}\": syntax error: table must have at "
          "least one column" },
        { "{\"name\": \"a\", \"version\": \"1.2\", \"tables\": {}}",
          "syntax \"{\"name\":\"a\",\"tables\":{},\"version\":\"1.2\"}\": "
          "syntax error: schema version \"1.2\" not in format x.y.z" },
        { "{\"name\": \"a\", \"tables\": {\"t\": {\"columns\": "
          "{\"a\": {\"type\": {\"key\": {\"type\": \"uuid\", "
          "\"refTable\": \"x\"}}}}}}}",
          "syntax error: column a key refers to undefined table x" },
        { "{\"name\": \"a\", \"tables\": {\"t\": 1}}",
          "syntax error: Parsing table schema for table t failed: "
          "Object expected." },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char *error = schema_error(cases[i].schema);
        CHECK_STR(error, cases[i].error);
        free(error);
    }
    CHECK(!schema_error("{\"name\": \"a\", \"version\": \" 1.+2.3\", "
                        "\"tables\": {}}"));
    CHECK(ovsdb_schema_version_is_valid("0.0.0"));
    CHECK(ovsdb_schema_version_is_valid("10.20.30"));
    CHECK(!ovsdb_schema_version_is_valid("1.2.3 "));
    CHECK(!ovsdb_schema_version_is_valid("1.2.x"));
    CHECK(!ovsdb_schema_version_is_valid("1.2.3.4"));
    CHECK(!ovsdb_schema_version_is_valid(""));
}
OVSTEST_REGISTER("ovsdb-schema/errors", test_schema_errors);

/* Makes table "t" of test_schema, as a table of its own. */
static struct ovsdb_table *
make_table(void)
{
    struct ovsdb_schema *schema = parse_schema(test_schema);
    struct ovsdb_table_schema *ts
        = ovsdb_table_schema_clone(shash_find_data(&schema->tables, "t"));

    ovsdb_schema_destroy(schema);
    return ovsdb_table_create(ts);
}

static struct ovsdb_error *
row_from_string(struct ovsdb_row *row, const char *s,
                struct ovsdb_column_set *included)
{
    struct json *json = json_from_string(s);
    struct ovsdb_error *error = ovsdb_row_from_json(row, json, NULL,
                                                    included);
    json_destroy(json);
    return error;
}

static char *
row_to_string(const struct ovsdb_row *row,
              const struct ovsdb_column_set *columns)
{
    struct json *json = ovsdb_row_to_json(row, columns);
    char *s = json_to_string(json, JSSF_SORT);

    json_destroy(json);
    return s;
}

static void
test_row_basics(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_table *table = make_table();
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_column_set cols = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_row *row = ovsdb_row_create(table);
    struct ovsdb_error *error;
    char *s;

    /* Defaults. */
    CHECK(uuid_is_zero(ovsdb_row_get_uuid(row)));
    CHECK(uuid_is_zero(ovsdb_row_get_version(row)));
    s = row_to_string(row, NULL);
    CHECK_STR(s, "{\"_uuid\":[\"uuid\",\"00000000-0000-0000-0000-"
              "000000000000\"],\"_version\":[\"uuid\",\"00000000-0000-"
              "0000-0000-000000000000\"],\"e\":false,\"i\":0,\"k\":\"\","
              "\"m\":[\"map\",[]],\"r\":[\"set\",[]],\"s\":[\"set\",[]]}");
    free(s);

    /* Parsing sets only the given columns and reports them. */
    error = row_from_string(row, "{\"i\": 5, \"s\": [\"set\", [\"b\", "
                            "\"a\"]], \"k\": \"key\"}", &cols);
    CHECK(!error);
    CHECK_INT(cols.n, 3);
    CHECK_STR(cols.columns[0]->name, "i");
    CHECK_STR(cols.columns[1]->name, "k");
    CHECK_STR(cols.columns[2]->name, "s");
    s = row_to_string(row, &cols);
    CHECK_STR(s, "{\"i\":5,\"k\":\"key\",\"s\":[\"set\",[\"a\",\"b\"]]}");
    free(s);

    /* Errors leave the row unchanged. */
    static const struct {
        const char *row;
        const char *error;
    } bad[] = {
        { "{\"i\": 6, \"x\": 1}",
          "syntax \"{\"i\":6,\"x\":1}\": unknown column: "
          "No column x in table t." },
        { "{\"i\": \"x\"}", "syntax \"\"x\"\": syntax error: "
          "expected integer" },
        { "{\"i\": 7, \"r\": [\"set\", [[\"uuid\", "
          "\"00000000-0000-0000-0000-000000000001\"], [\"uuid\", "
          "\"00000000-0000-0000-0000-000000000002\"]]]}",
          NULL },
        { "[]", "syntax \"[]\": syntax error: row must be JSON object" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        error = row_from_string(row, bad[i].row, NULL);
        CHECK(error);
        if (bad[i].error) {
            char *msg = ovsdb_error_to_string_free(error);
            CHECK_STR(msg, bad[i].error);
            free(msg);
        } else {
            ovsdb_error_destroy(error);
        }
        s = row_to_string(row, &cols);
        CHECK_STR(s, "{\"i\":5,\"k\":\"key\",\"s\":[\"set\",[\"a\",\"b\"]]}");
        free(s);
    }

    /* Clone, hash and equality over columns. */
    struct ovsdb_row *clone = ovsdb_row_clone(row);
    CHECK(ovsdb_row_equal_columns(row, clone, &cols));
    CHECK_INT(ovsdb_row_hash_columns(row, &cols, 0),
              ovsdb_row_hash_columns(clone, &cols, 0));
    CHECK(!row_from_string(clone, "{\"i\": 6, \"e\": true}", NULL));
    CHECK(!ovsdb_row_equal_columns(row, clone, &cols));
    CHECK(ovsdb_row_compare_columns_3way(row, clone, &cols) < 0);
    struct ovsdb_column_set just_k = OVSDB_COLUMN_SET_INITIALIZER;
    ovsdb_column_set_add(&just_k, ovsdb_table_schema_get_column(ts, "k"));
    CHECK(ovsdb_row_equal_columns(row, clone, &just_k));
    ovsdb_row_update_columns(row, clone, &cols);
    CHECK(ovsdb_row_equal_columns(row, clone, &cols));

    /* Rows in the table, found by uuid. */
    uuid_generate(ovsdb_row_get_uuid_rw(row));
    uuid_generate(ovsdb_row_get_uuid_rw(clone));
    ovsdb_table_put_row(table, row);
    ovsdb_table_put_row(table, clone);
    CHECK(ovsdb_table_get_row(table, ovsdb_row_get_uuid(row)) == row);
    CHECK(ovsdb_table_get_row(table, ovsdb_row_get_uuid(clone)) == clone);
    struct uuid other;
    uuid_generate(&other);
    CHECK(!ovsdb_table_get_row(table, &other));
    ovsdb_table_remove_row(table, clone);
    CHECK(!ovsdb_table_get_row(table, ovsdb_row_get_uuid(clone)));
    ovsdb_row_destroy(clone);

    ovsdb_column_set_destroy(&just_k);
    ovsdb_column_set_destroy(&cols);
    ovsdb_table_destroy(table);
}
OVSTEST_REGISTER("ovsdb-schema/rows", test_row_basics);

/* Named uuids resolve through the symbol table; maps parse and print
 * canonically. */
static void
test_row_refs_and_maps(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_table *table = make_table();
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb_row *row = ovsdb_row_create(table);
    struct ovsdb_column_set cols = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_symbol *symbol;
    struct json *json;
    char *s, *expected, *uuid_s;

    json = json_from_string("{\"r\": [\"named-uuid\", \"x\"], "
                            "\"m\": [\"map\", [[\"b\", 2], "
                            "[\"a\", 1]]]}");
    CHECK(!ovsdb_row_from_json(row, json, symtab, &cols));
    json_destroy(json);
    symbol = ovsdb_symbol_table_get(symtab, "x");
    CHECK(symbol != NULL);
    CHECK_INT(cols.n, 2);

    uuid_s = uuid_to_string(&symbol->uuid);
    expected = xasprintf("{\"m\":[\"map\",[[\"a\",1],[\"b\",2]]],"
                         "\"r\":[\"uuid\",\"%s\"]}", uuid_s);
    s = row_to_string(row, &cols);
    CHECK_STR(s, expected);
    free(s);
    free(expected);
    free(uuid_s);

    /* Without a symbol table a named uuid is an error, and a map with a
     * duplicate key too; neither changes the row. */
    struct ovsdb_row *before = ovsdb_row_clone(row);
    struct ovsdb_column_set all = OVSDB_COLUMN_SET_INITIALIZER;
    ovsdb_column_set_add_all(&all, table->schema);
    CHECK(ovsdb_row_equal_columns(row, before, &all));
    json = json_from_string("{\"i\": 3, \"r\": [\"named-uuid\", "
                            "\"y\"]}");
    struct ovsdb_error *error = ovsdb_row_from_json(row, json, NULL, NULL);
    CHECK(error != NULL);
    ovsdb_error_destroy(error);
    json_destroy(json);
    json = json_from_string("{\"i\": 3, \"m\": [\"map\", "
                            "[[\"a\", 1], [\"a\", 2]]]}");
    error = ovsdb_row_from_json(row, json, symtab, NULL);
    CHECK(error != NULL);
    ovsdb_error_destroy(error);
    json_destroy(json);
    CHECK(ovsdb_row_equal_columns(row, before, &all));

    ovsdb_row_destroy(before);
    ovsdb_row_destroy(row);
    ovsdb_column_set_destroy(&all);
    ovsdb_column_set_destroy(&cols);
    ovsdb_symbol_table_destroy(symtab);
    ovsdb_table_destroy(table);
}
OVSTEST_REGISTER("ovsdb-schema/row-refs-and-maps", test_row_refs_and_maps);

static void
test_column_sets(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_table *table = make_table();
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_column_set a = OVSDB_COLUMN_SET_INITIALIZER, b;
    struct ovsdb_error *error;
    struct json *json;
    char *s;

    ovsdb_column_set_add_all(&a, ts);
    CHECK_INT(a.n, ts->n_columns);
    CHECK(ovsdb_column_set_contains(&a, OVSDB_COL_VERSION));
    ovsdb_column_set_clone(&b, &a);
    CHECK(ovsdb_column_set_equals(&a, &b));
    ovsdb_column_set_destroy(&b);
    ovsdb_column_set_destroy(&a);

    json = json_from_string("[\"s\", \"_uuid\"]");
    CHECK(!ovsdb_column_set_from_json(json, ts, &a));
    json_destroy(json);
    json = ovsdb_column_set_to_json(&a);
    s = json_to_string(json, 0);
    CHECK_STR(s, "[\"s\",\"_uuid\"]");
    free(s);
    json_destroy(json);
    ovsdb_column_set_destroy(&a);

    json = json_from_string("[\"s\", \"s\"]");
    error = ovsdb_column_set_from_json(json, ts, &a);
    s = ovsdb_error_to_string_free(error);
    CHECK_STR(s, "syntax \"[\"s\",\"s\"]\": syntax error: "
              "array of distinct column names expected");
    free(s);
    CHECK_INT(a.n, 0);
    json_destroy(json);

    json = json_from_string("[\"s\", \"nope\"]");
    error = ovsdb_column_set_from_json(json, ts, &a);
    s = ovsdb_error_to_string_free(error);
    CHECK_STR(s, "syntax \"[\"s\",\"nope\"]\": syntax error: "
              "nope is not a valid column name");
    free(s);
    json_destroy(json);

    ovsdb_table_destroy(table);
}
OVSTEST_REGISTER("ovsdb-schema/column-sets", test_column_sets);
