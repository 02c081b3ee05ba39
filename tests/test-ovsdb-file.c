/* test-ovsdb-file.c: unit tests for ovsdb/file.c, the record writer and
 * reader of standalone database files, compaction and conversion.  The
 * expected records are the ones upstream's ovsdb-tool and ovsdb-server
 * write for the same changes (see tests/ovsdb-tool.at for the
 * comparisons with the peer itself). */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "file.h"
#include "json.h"
#include "log.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "ovstest.h"
#include "random.h"
#include "row.h"
#include "table.h"
#include "timeval.h"
#include "transaction.h"
#include "util.h"
#include "uuid.h"

/* T: one column of each kind that the format treats differently.
 * N: not a root table, referenced from T's "r". */
static const char schema_text[] =
    "{\"name\": \"f\", \"version\": \"1.0.0\", \"tables\": {"
    " \"T\": {\"isRoot\": true, \"columns\": {"
    "   \"i\": {\"type\": \"integer\"},"
    "   \"str\": {\"type\": \"string\"},"
    "   \"o\": {\"type\": {\"key\": \"string\", \"min\": 0, \"max\": 1}},"
    "   \"s\": {\"type\": {\"key\": \"string\", \"min\": 0,"
    "                    \"max\": \"unlimited\"}},"
    "   \"s2\": {\"type\": {\"key\": \"integer\", \"min\": 0, \"max\": 2}},"
    "   \"m\": {\"type\": {\"key\": \"string\", \"value\": \"integer\","
    "                    \"min\": 0, \"max\": \"unlimited\"}},"
    "   \"m1\": {\"type\": {\"key\": \"string\", \"value\": \"string\","
    "                     \"min\": 0, \"max\": 1}},"
    "   \"e\": {\"type\": \"integer\", \"ephemeral\": true},"
    "   \"r\": {\"type\": {\"key\": {\"type\": \"uuid\", \"refTable\": \"N\"},"
    "                    \"min\": 0, \"max\": \"unlimited\"}}}},"
    " \"N\": {\"columns\": {\"x\": {\"type\": \"integer\"}}},"
    " \"U\": {\"isRoot\": true, \"maxRows\": 2, \"indexes\": [[\"k\"]],"
    "        \"columns\": {\"k\": {\"type\": \"integer\"}}}}}";

#define U1 "11111111-1111-1111-1111-111111111111"
#define U2 "22222222-2222-2222-2222-222222222222"
#define U3 "33333333-3333-3333-3333-333333333333"

static struct ovsdb_schema *
make_schema(void)
{
    struct json *json = json_from_string(schema_text);
    struct ovsdb_schema *schema;

    CHECK(!ovsdb_schema_from_json(json, &schema));
    json_destroy(json);
    return schema;
}

static struct ovsdb *
make_db(void)
{
    return ovsdb_create(make_schema());
}

/* Returns the error text of ERROR (which it frees), or "" if none. */
static char *
error_string(struct ovsdb_error *error)
{
    return error ? ovsdb_error_to_string_free(error) : xstrdup("");
}

/* Applies record TEXT to DB and commits it; returns the error text ("" on
 * success) of parsing or precommit. */
static char *
apply(struct ovsdb *db, const char *text)
{
    struct json *json = json_from_string(text);
    struct ovsdb_error *error;
    struct ovsdb_txn *txn;

    CHECK(json->type != JSON_STRING);
    error = ovsdb_file_txn_from_json(db, json, false, &txn);
    json_destroy(json);
    if (!error) {
        error = ovsdb_txn_precommit(txn);
        if (error) {
            ovsdb_txn_abort(txn);
        } else {
            ovsdb_txn_commit(txn);
        }
    }
    return error_string(error);
}

static void
apply_ok(struct ovsdb *db, const char *text)
{
    char *s = apply(db, text);
    CHECK_STR(s, "");
    free(s);
}

static void
check_apply_error(struct ovsdb *db, const char *text, const char *expected)
{
    char *s = apply(db, text);
    CHECK_STR(s, expected);
    free(s);
}

/* Removes "_date" from RECORD and returns it serialized with sorted
 * members (NULL becomes "null"). */
static char *
record_string(struct json *record)
{
    char *s;

    if (!record) {
        return xstrdup("null");
    }
    CHECK(json_object_get(record, "_date") != NULL);
    CHECK(json_object_get(record, "_date")->type == JSON_INTEGER);
    json_destroy(shash_find_and_delete(json_object(record), "_date"));
    s = json_to_string(record, JSSF_SORT);
    json_destroy(record);
    return s;
}

/* Applies record TEXT to DB like apply(), but checks the record that the
 * writer makes for the resulting transaction against EXPECTED. */
static void
check_write(struct ovsdb *db, const char *text, const char *comment,
            const char *expected)
{
    struct json *json = json_from_string(text);
    struct ovsdb_txn *txn;
    char *s;

    CHECK(!ovsdb_file_txn_from_json(db, json, false, &txn));
    json_destroy(json);
    if (comment) {
        ovsdb_txn_add_comment(txn, comment);
    }
    CHECK(!ovsdb_txn_precommit(txn));
    s = record_string(ovsdb_file_txn_to_json(txn));
    CHECK_STR(s, expected);
    free(s);
    ovsdb_txn_commit(txn);
}

/* The contents of DB as a sorted JSON string (every column but
 * "_version"). */
static char *
db_contents(const struct ovsdb *db)
{
    struct json *contents = json_object_create();
    struct shash_node *node;
    char *s;

    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *t = node->data;
        struct json *rows = json_object_create();
        const struct ovsdb_row *row;

        HMAP_FOR_EACH (row, hmap_node, &t->rows) {
            struct json *r = ovsdb_row_to_json(row, NULL);
            char uuid[UUID_LEN + 1];

            json_destroy(shash_find_and_delete(json_object(r), "_version"));
            snprintf(uuid, sizeof uuid, UUID_FMT,
                     UUID_ARGS(ovsdb_row_get_uuid(row)));
            json_object_put(rows, uuid, r);
        }
        json_object_put(contents, node->name, rows);
    }
    s = json_to_string(contents, JSSF_SORT);
    json_destroy(contents);
    return s;
}

/* The record writer: what goes into a record for each kind of change. */
static void
test_write_records(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb *db = make_db();

    /* An insertion writes the persistent columns that are not default. */
    check_write(db,
                "{\"T\": {\"" U1 "\": {\"i\": 1, \"s\": [\"set\", [\"a\", "
                "\"b\"]], \"m\": [\"map\", [[\"k\", 1], [\"j\", 2]]], "
                "\"e\": 5, \"str\": \"\", \"r\": [\"uuid\", \"" U2 "\"]}},"
                " \"N\": {\"" U2 "\": {\"x\": 7}}}",
                "hello",
                "{\"N\":{\"" U2 "\":{\"x\":7}},"
                "\"T\":{\"" U1 "\":{\"i\":1,\"m\":[\"map\",[[\"j\",2],"
                "[\"k\",1]]],\"r\":[\"uuid\",\"" U2 "\"],\"s\":[\"set\","
                "[\"a\",\"b\"]]}},\"_comment\":\"hello\",\"_is_diff\":true}");

    /* Sets and maps that may hold several elements are written as
     * differences; scalars, optional scalars and one-pair maps whole. */
    check_write(db,
                "{\"T\": {\"" U1 "\": {\"i\": 2, \"s\": [\"set\", [\"a\", "
                "\"c\"]], \"m\": [\"map\", [[\"k\", 3], [\"z\", 0]]], "
                "\"o\": \"hi\", \"m1\": [\"map\", [[\"p\", \"q\"]]],"
                " \"s2\": 4}}}",
                NULL,
                "{\"T\":{\"" U1 "\":{\"i\":2,\"m\":[\"map\",[[\"j\",2],"
                "[\"k\",3],[\"z\",0]]],\"m1\":[\"map\",[[\"p\",\"q\"]]],"
                "\"o\":\"hi\",\"s\":[\"set\",[\"b\",\"c\"]],\"s2\":4}},"
                "\"_is_diff\":true}");
    check_write(db,
                "{\"T\": {\"" U1 "\": {\"o\": \"bye\", \"m1\": [\"map\", "
                "[[\"r\", \"s\"]]], \"s2\": [\"set\", [5]]}}}",
                NULL,
                "{\"T\":{\"" U1 "\":{\"m1\":[\"map\",[[\"r\",\"s\"]]],"
                "\"o\":\"bye\",\"s2\":[\"set\",[4,5]]}},"
                "\"_is_diff\":true}");
    check_write(db,
                "{\"T\": {\"" U1 "\": {\"o\": [\"set\", []], \"m1\": "
                "[\"map\", []]}}}",
                NULL,
                "{\"T\":{\"" U1 "\":{\"m1\":[\"map\",[]],"
                "\"o\":[\"set\",[]]}},\"_is_diff\":true}");

    /* Only an ephemeral column: no record at all, comment or not. */
    check_write(db, "{\"T\": {\"" U1 "\": {\"e\": 9}}}", "c", "null");
    /* Setting a column to the value it has: nothing either. */
    check_write(db, "{\"T\": {\"" U1 "\": {\"i\": 2}}}", NULL, "null");

    /* Dropping the last reference to a row of a non-root table deletes
     * it too (garbage collection), and the diff of a one-element set is
     * a bare atom. */
    check_write(db, "{\"T\": {\"" U1 "\": {\"r\": [\"set\", []]}}}", NULL,
                "{\"N\":{\"" U2 "\":null},"
                "\"T\":{\"" U1 "\":{\"r\":[\"uuid\",\"" U2 "\"]}},"
                "\"_is_diff\":true}");

    /* Deletion. */
    check_write(db, "{\"T\": {\"" U1 "\": null}}", NULL,
                "{\"T\":{\"" U1 "\":null},\"_is_diff\":true}");

    ovsdb_destroy(db);
}
OVSTEST_REGISTER("ovsdb-file/write-records", test_write_records);

/* The record reader: upstream's records, with and without "_is_diff". */
static void
test_read_records(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb *db = make_db();
    char *s;

    apply_ok(db, "{\"T\": {\"" U1 "\": {\"i\": 1, \"s\": [\"set\", [\"a\","
             " \"b\"]], \"m\": [\"map\", [[\"j\", 2], [\"k\", 1]]]}},"
             " \"_date\": 1, \"_comment\": 5}");
    /* Differences toggle set elements; map pairs are removed if equal,
     * else set. */
    apply_ok(db, "{\"T\": {\"" U1 "\": {\"s\": [\"set\", [\"b\", \"c\"]],"
             " \"m\": [\"map\", [[\"j\", 2], [\"k\", 3], [\"z\", 0]]],"
             " \"o\": \"x\"}}, \"_is_diff\": true}");
    s = db_contents(db);
    CHECK_STR(s, "{\"N\":{},\"T\":{\"" U1 "\":{\"_uuid\":[\"uuid\",\"" U1
              "\"],\"e\":0,\"i\":1,\"m\":[\"map\",[[\"k\",3],[\"z\",0]]],"
              "\"m1\":[\"map\",[]],\"o\":\"x\",\"r\":[\"set\",[]],"
              "\"s\":[\"set\",[\"a\",\"c\"]],\"s2\":[\"set\",[]],"
              "\"str\":\"\"}},\"U\":{}}");
    free(s);

    /* Without "_is_diff" (or with false), a value replaces the old one. */
    apply_ok(db, "{\"T\": {\"" U1 "\": {\"s\": [\"set\", [\"q\"]]}},"
             " \"_is_diff\": false}");
    /* A one-element column is replaced even in a diff record. */
    apply_ok(db, "{\"T\": {\"" U1 "\": {\"o\": \"y\", \"_uuid\": "
             "[\"uuid\", \"" U2 "\"], \"_version\": [\"uuid\", \"" U2
             "\"]}}, \"_is_diff\": true}");
    /* Modifying a row that does not exist creates it. */
    apply_ok(db, "{\"T\": {\"" U3 "\": {\"i\": 3}}, \"_is_diff\": true}");
    s = db_contents(db);
    CHECK_STR(s, "{\"N\":{},\"T\":{\"" U1 "\":{\"_uuid\":[\"uuid\",\"" U1
              "\"],\"e\":0,\"i\":1,\"m\":[\"map\",[[\"k\",3],[\"z\",0]]],"
              "\"m1\":[\"map\",[]],\"o\":\"y\",\"r\":[\"set\",[]],"
              "\"s\":\"q\",\"s2\":[\"set\",[]],\"str\":\"\"},"
              "\"" U3 "\":{\"_uuid\":[\"uuid\",\"" U3 "\"],\"e\":0,"
              "\"i\":3,\"m\":[\"map\",[]],\"m1\":[\"map\",[]],"
              "\"o\":[\"set\",[]],\"r\":[\"set\",[]],\"s\":[\"set\",[]],"
              "\"s2\":[\"set\",[]],\"str\":\"\"}},\"U\":{}}");
    free(s);

    /* Malformed records, with upstream's messages; nothing changes. */
    check_apply_error(db, "{\"X\": {}}",
                      "syntax \"{\"X\":{}}\": unknown table: "
                      "No table named X.");
    check_apply_error(db, "{\"_date\": \"x\"}",
                      "syntax \"{\"_date\":\"x\"}\": unknown table: "
                      "No table named _date.");
    check_apply_error(db, "{\"_is_diff\": 1}",
                      "syntax \"{\"_is_diff\":1}\": unknown table: "
                      "No table named _is_diff.");
    check_apply_error(db, "{\"T\": 5}",
                      "syntax \"5\": syntax error: object expected");
    check_apply_error(db, "{\"T\": {\"123\": {}}}",
                      "syntax \"{\"123\":{}}\": syntax error: \"123\" is "
                      "not a valid UUID");
    check_apply_error(db, "{\"T\": {\"" U2 "\": 5}}",
                      "syntax \"5\": syntax error: row must be JSON object");
    check_apply_error(db, "{\"T\": {\"" U2 "\": {\"zz\": 1}}}",
                      "syntax \"{\"zz\":1}\": unknown column: No column zz "
                      "in table T.");
    check_apply_error(db, "{\"T\": {\"" U2 "\": {\"i\": \"x\"}}}",
                      "syntax \"\"x\"\": syntax error: expected integer");
    check_apply_error(db, "{\"T\": {\"" U2 "\": null}}",
                      "syntax error: transaction deletes row " U2
                      " that does not exist");
    check_apply_error(db, "{\"T\": {\"" U1 "\": {\"s2\": [\"set\", "
                      "[1, 2, 3]]}}, \"_is_diff\": true}",
                      "ovsdb error: Datum crated by diff has size error");
    check_apply_error(db, "[1]", "syntax \"[1]\": syntax error: "
                      "object expected");
    s = db_contents(db);
    CHECK(strstr(s, "\"" U2 "\"") == NULL);
    free(s);

    /* Records that parse but break a constraint fail at precommit. */
    apply_ok(db, "{\"U\": {\"" U1 "\": {\"k\": 1}}}");
    s = apply(db, "{\"U\": {\"" U2 "\": {\"k\": 1}}}");
    CHECK(strstr(s, "constraint violation: Transaction causes multiple "
                 "rows in \"U\" table to have identical values (1) for "
                 "index on column \"k\".") == s);
    free(s);
    ovsdb_destroy(db);
}
OVSTEST_REGISTER("ovsdb-file/read-records", test_read_records);

/* Random sets and maps: the difference the writer makes, applied by the
 * reader to the old value, gives the new value. */
static void
test_diff_round_trip(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb *db = make_db();
    struct ovsdb *replica = make_db();

    apply_ok(db, "{\"T\": {\"" U1 "\": {}}}");
    apply_ok(replica, "{\"T\": {\"" U1 "\": {}}}");
    for (int iter = 0; iter < 300; iter++) {
        struct ds rec = DS_EMPTY_INITIALIZER;
        struct json *json, *record;
        struct ovsdb_txn *txn;
        char *a, *b;
        int n;

        ds_put_cstr(&rec, "{\"T\": {\"" U1 "\": {\"s\": [\"set\", [");
        n = random_range(256);
        for (int i = 0, first = 1; i < 8; i++) {
            if (n & (1 << i)) {
                ds_put_format(&rec, "%s\"%c\"", first ? "" : ", ",
                              'a' + i);
                first = 0;
            }
        }
        ds_put_cstr(&rec, "]], \"m\": [\"map\", [");
        n = random_range(6);
        for (int i = 0; i < n; i++) {
            ds_put_format(&rec, "%s[\"%c\", %d]", i ? ", " : "",
                          'a' + i * 2 + (int) random_range(2),
                          (int) random_range(3));
        }
        ds_put_cstr(&rec, "]]}}}");

        json = json_from_string(ds_cstr(&rec));
        CHECK(!ovsdb_file_txn_from_json(db, json, false, &txn));
        json_destroy(json);
        CHECK(!ovsdb_txn_precommit(txn));
        record = ovsdb_file_txn_to_json(txn);
        ovsdb_txn_commit(txn);
        if (record) {
            char *text = json_to_string(record, 0);
            apply_ok(replica, text);
            free(text);
            json_destroy(record);
        }

        a = db_contents(db);
        b = db_contents(replica);
        CHECK_STR(a, b);
        free(a);
        free(b);
        ds_destroy(&rec);
    }
    ovsdb_destroy(db);
    ovsdb_destroy(replica);
}
OVSTEST_REGISTER("ovsdb-file/diff-round-trip", test_diff_round_trip);

/* Opens "db" writable and returns it. */
static struct ovsdb_file *
open_file(const char *name, struct ovsdb **dbp)
{
    struct ovsdb_file *file;
    char *s = error_string(ovsdb_file_open(name, NULL, 0, dbp, &file));

    CHECK_STR(s, "");
    free(s);
    return file;
}

/* Commits record TEXT to FILE's database and writes it. */
static void
commit(struct ovsdb_file *file, const char *text, bool durable)
{
    struct ovsdb *db = ovsdb_file_get_db(file);
    struct json *json = json_from_string(text);
    struct ovsdb_txn *txn;

    CHECK(!ovsdb_file_txn_from_json(db, json, false, &txn));
    json_destroy(json);
    CHECK(!ovsdb_txn_precommit(txn));
    char *s = error_string(ovsdb_file_commit(file, txn, durable));
    CHECK_STR(s, "");
    free(s);
    ovsdb_txn_commit(txn);
}

static char *
file_contents(const char *name)
{
    struct ovsdb *db;
    char *s = error_string(ovsdb_file_open(name, NULL, OVSDB_FILE_READ_ONLY,
                                           &db, NULL));
    CHECK_STR(s, "");
    free(s);
    s = db_contents(db);
    ovsdb_destroy(db);
    return s;
}

static int
count_records(const char *name)
{
    struct ovsdb_log *log;
    struct json *json;
    int n = 0;

    CHECK(!ovsdb_log_open(name, "JSON", OVSDB_LOG_READ_ONLY, false, &log));
    for (;;) {
        CHECK(!ovsdb_log_read(log, &json));
        if (!json) {
            break;
        }
        json_destroy(json);
        n++;
    }
    ovsdb_log_close(log);
    return n;
}

/* Create, write, reopen, compact, save a copy. */
static void
test_file_life(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_schema *schema = make_schema();
    struct ovsdb_schema *schema2;
    struct ovsdb_file *file;
    struct ovsdb *db, *db2;
    char *s, *before, *after;

    unlink("db");
    CHECK(!ovsdb_file_create("db", schema));
    s = error_string(ovsdb_file_create("db", schema));
    CHECK_STR(s, "I/O error: db: create failed (File exists)");
    free(s);
    s = error_string(ovsdb_file_read_schema("db", &schema2));
    CHECK_STR(s, "");
    free(s);
    CHECK(ovsdb_schema_equal(schema2, schema));
    ovsdb_schema_destroy(schema2);

    file = open_file("db", &db);
    CHECK(ovsdb_file_get_db(file) == db);
    CHECK_STR(ovsdb_file_get_name(file), "db");
    /* A writable file is locked. */
    s = error_string(ovsdb_file_open("db", NULL, 0, &db2, NULL));
    CHECK_STR(s, "I/O error: db: failed to lock lockfile (Resource "
              "temporarily unavailable)");
    free(s);

    /* Batched commits: several written, one sync. */
    commit(file, "{\"T\": {\"" U1 "\": {\"i\": 1, \"s\": [\"set\", "
           "[\"a\"]]}}}", false);
    commit(file, "{\"T\": {\"" U2 "\": {\"i\": 2, \"r\": [\"uuid\", \""
           U3 "\"]}}, \"N\": {\"" U3 "\": {\"x\": 3}}}", false);
    CHECK(!ovsdb_file_sync(file));
    commit(file, "{\"T\": {\"" U1 "\": {\"s\": [\"set\", [\"a\", "
           "\"b\"]], \"e\": 4}}}", true);
    commit(file, "{\"T\": {\"" U1 "\": {\"e\": 5}}}", true);
    CHECK_INT(count_records("db"), 4);
    CHECK(!ovsdb_file_should_compact(file, time_msec()));

    before = db_contents(db);
    ovsdb_file_close(file);
    ovsdb_destroy(db);

    /* Everything but ephemeral columns comes back. */
    after = file_contents("db");
    CHECK(strstr(before, "\"e\":5"));
    CHECK(strstr(after, "\"e\":0"));
    CHECK(!strstr(after, "\"e\":5"));
    free(before);

    /* Compaction keeps every row and leaves two records. */
    file = open_file("db", &db);
    CHECK(!ovsdb_file_compact(file, "compacting database online"));
    CHECK_INT(count_records("db"), 2);
    commit(file, "{\"T\": {\"" U1 "\": {\"i\": 7}}}", true);
    CHECK_INT(count_records("db"), 3);
    ovsdb_file_close(file);
    s = file_contents("db");
    before = xstrdup(after);
    free(after);
    after = s;
    CHECK(strstr(after, "\"i\":7"));
    CHECK(strstr(after, "\"" U2 "\"") && strstr(after, "\"" U3 "\""));

    /* A snapshot copy holds the same. */
    unlink("copy");
    CHECK(!ovsdb_file_write_snapshot("copy", "compacted", db));
    CHECK_INT(count_records("copy"), 2);
    s = file_contents("copy");
    CHECK_STR(s, after);
    free(s);
    ovsdb_destroy(db);

    free(before);
    free(after);
    ovsdb_schema_destroy(schema);
}
OVSTEST_REGISTER("ovsdb-file/life", test_file_life);

/* Reading errors and the tail. */
static void
test_file_tail(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_schema *schema = make_schema();
    struct ovsdb_file *file;
    struct ovsdb *db;
    char *s;
    FILE *f;

    unlink("db");
    CHECK(!ovsdb_file_create("db", schema));
    file = open_file("db", &db);
    commit(file, "{\"U\": {\"" U1 "\": {\"k\": 1}}}", true);
    ovsdb_file_close(file);
    ovsdb_destroy(db);

    /* A torn tail is an error unless tolerated, then dropped. */
    f = fopen("db", "a");
    fputs("OVSDB JSON 100 0123", f);
    fclose(f);
    s = error_string(ovsdb_file_open("db", NULL, OVSDB_FILE_READ_ONLY, &db,
                                     NULL));
    CHECK(strstr(s, "parse error") != NULL);
    free(s);
    s = error_string(ovsdb_file_open("db", NULL, OVSDB_FILE_TOLERATE_TAIL,
                                     &db, &file));
    CHECK_STR(s, "");
    free(s);
    commit(file, "{\"U\": {\"" U2 "\": {\"k\": 2}}}", true);
    ovsdb_file_close(file);
    ovsdb_destroy(db);
    CHECK_INT(count_records("db"), 3);

    /* A read-only open cannot write, as upstream's "query" reports. */
    s = error_string(ovsdb_file_open("db", NULL, OVSDB_FILE_READ_ONLY, &db,
                                     &file));
    CHECK_STR(s, "");
    free(s);
    {
        struct json *json = json_from_string("{\"T\": {\"" U3 "\": "
                                             "{\"i\": 3}}}");
        struct ovsdb_txn *txn;

        CHECK(!ovsdb_file_txn_from_json(db, json, false, &txn));
        json_destroy(json);
        CHECK(!ovsdb_txn_precommit(txn));
        s = error_string(ovsdb_file_commit(file, txn, true));
        ovsdb_txn_abort(txn);
        CHECK(strstr(s, "I/O error: db: cannot truncate to length ") == s);
        CHECK(strstr(s, " (Invalid argument)") != NULL);
        free(s);
    }
    ovsdb_file_close(file);
    ovsdb_destroy(db);

    /* A record that breaks a constraint ends the log silently (maxRows 2
     * here), and the next write replaces it. */
    {
        const char *body = "{\"U\":{\"" U3 "\":{\"k\":3}}}";
        struct ovsdb_log *log;

        CHECK(!ovsdb_log_open("db", "JSON", OVSDB_LOG_READ_WRITE, false,
                              &log));
        for (;;) {
            struct json *json;
            CHECK(!ovsdb_log_read(log, &json));
            if (!json) {
                break;
            }
            json_destroy(json);
        }
        CHECK(!ovsdb_log_write_and_free(log, json_from_string(body)));
        ovsdb_log_close(log);
    }
    CHECK_INT(count_records("db"), 4);
    file = open_file("db", &db);
    CHECK_INT(hmap_count(&ovsdb_get_table(db, "U")->rows), 2);
    commit(file, "{\"U\": {\"" U1 "\": null}}", true);
    ovsdb_file_close(file);
    ovsdb_destroy(db);
    CHECK_INT(count_records("db"), 4);
    s = file_contents("db");
    CHECK(!strstr(s, U1) && strstr(s, U2) && !strstr(s, U3));
    free(s);

    /* A record that is not an object. */
    {
        struct ovsdb_log *log;

        CHECK(!ovsdb_log_open("db", "JSON", OVSDB_LOG_READ_WRITE, false,
                              &log));
        for (;;) {
            struct json *json;
            CHECK(!ovsdb_log_read(log, &json));
            if (!json) {
                break;
            }
            json_destroy(json);
        }
        CHECK(!ovsdb_log_write_and_free(log, json_from_string("[1]")));
        ovsdb_log_close(log);
    }
    s = error_string(ovsdb_file_open("db", NULL, OVSDB_FILE_READ_ONLY, &db,
                                     NULL));
    CHECK(strstr(s, "syntax error: db: 4 bytes starting at offset ") == s);
    CHECK(strstr(s, " are not a JSON object"));
    free(s);

    ovsdb_schema_destroy(schema);
}
OVSTEST_REGISTER("ovsdb-file/tail", test_file_tail);

/* Online conversion. */
static void
test_convert(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb *db = make_db();
    struct ovsdb_schema *new_schema;
    struct ovsdb *new;
    struct json *json;
    char *s;

    apply_ok(db, "{\"T\": {\"" U1 "\": {\"i\": 5, \"str\": \"7\", "
             "\"s2\": [\"set\", [1, 2]]}, \"" U2 "\": {\"i\": 6, "
             "\"str\": \"7\"}}}");

    /* Dropped and new columns, a scalar that becomes a set, an empty
     * optional value that becomes a required one. */
    json = json_from_string(
        "{\"name\": \"f\", \"tables\": {\"T\": {\"columns\": {"
        " \"i\": {\"type\": {\"key\": \"integer\", \"min\": 0,"
        "                  \"max\": \"unlimited\"}},"
        " \"o\": {\"type\": \"string\"},"
        " \"new\": {\"type\": \"boolean\"}}}}}");
    CHECK(!ovsdb_schema_from_json(json, &new_schema));
    json_destroy(json);
    s = error_string(ovsdb_convert(db, new_schema, &new));
    CHECK_STR(s, "");
    free(s);
    s = db_contents(new);
    CHECK_STR(s, "{\"T\":{\"" U1 "\":{\"_uuid\":[\"uuid\",\"" U1 "\"],"
              "\"i\":5,\"new\":false,\"o\":\"\"},"
              "\"" U2 "\":{\"_uuid\":[\"uuid\",\"" U2 "\"],"
              "\"i\":6,\"new\":false,\"o\":\"\"}}}");
    free(s);
    ovsdb_destroy(new);
    ovsdb_schema_destroy(new_schema);

    /* Values that do not fit. */
    json = json_from_string(
        "{\"name\": \"f\", \"tables\": {\"T\": {\"columns\": {"
        " \"str\": {\"type\": \"integer\"}}}}}");
    CHECK(!ovsdb_schema_from_json(json, &new_schema));
    json_destroy(json);
    s = error_string(ovsdb_convert(db, new_schema, &new));
    CHECK_STR(s, "syntax \"\"7\"\": syntax error: expected integer");
    free(s);
    ovsdb_schema_destroy(new_schema);

    json = json_from_string(
        "{\"name\": \"f\", \"tables\": {\"T\": {\"columns\": {"
        " \"s2\": {\"type\": \"integer\"}}}}}");
    CHECK(!ovsdb_schema_from_json(json, &new_schema));
    json_destroy(json);
    s = error_string(ovsdb_convert(db, new_schema, &new));
    CHECK_STR(s, "syntax \"[\"set\",[1,2]]\": syntax error: set must have "
              "exactly one member but 2 are present");
    free(s);
    ovsdb_schema_destroy(new_schema);

    /* New constraints apply. */
    json = json_from_string(
        "{\"name\": \"f\", \"tables\": {\"T\": {\"maxRows\": 1, "
        " \"columns\": {\"i\": {\"type\": \"integer\"}}}}}");
    CHECK(!ovsdb_schema_from_json(json, &new_schema));
    json_destroy(json);
    s = error_string(ovsdb_convert(db, new_schema, &new));
    CHECK(strstr(s, "constraint violation: ") == s);
    free(s);
    ovsdb_schema_destroy(new_schema);

    ovsdb_destroy(db);
}
OVSTEST_REGISTER("ovsdb-file/convert", test_convert);
