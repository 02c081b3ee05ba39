/* test-ovsdb-execute.c: helper commands for tests/ovsdb-execute.at, which
 * run "transact" requests (ovsdb/execution.c) against an in-memory
 * database and print the results as upstream's "ovsdb-tool transact"
 * does, with UUIDs replaced by placeholders so that outputs compare. */
#include <config.h>

#include <ctype.h>
#include <limits.h>
#include <string.h>
#include "dynamic-string.h"
#include "execution.h"
#include "json.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "ovstest.h"
#include "shash.h"
#include "table.h"
#include "transaction.h"
#include "util.h"

/* Is S the start of a UUID in text form? */
static bool
is_uuid_text(const char *s)
{
    static const char pattern[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

    for (size_t i = 0; pattern[i]; i++) {
        if (pattern[i] == 'x' ? !isxdigit((unsigned char) s[i])
                              : s[i] != '-') {
            return false;
        }
    }
    return true;
}

/* Appends S to OUT with each UUID replaced by "<N>", N counting distinct
 * UUIDs in order of first appearance (kept in NAMES across calls). */
static void
replace_uuids(const char *s, struct shash *names, struct ds *out)
{
    while (*s) {
        if (is_uuid_text(s)) {
            char *uuid = xmemdup0(s, 36);
            size_t *n = shash_find_data(names, uuid);

            if (!n) {
                n = xmalloc(sizeof *n);
                *n = shash_count(names);
                shash_add(names, uuid, n);
            }
            ds_put_format(out, "<%zu>", *n);
            free(uuid);
            s += 36;
        } else {
            ds_put_char(out, *s++);
        }
    }
}

static bool
lock_held(const char *name, void *aux OVS_UNUSED)
{
    /* The test session holds the locks whose names start with "held". */
    return !strncmp(name, "held", 4);
}

/* "ovsdb/execute SCHEMA TXN...": creates an empty in-memory database with
 * SCHEMA (a file), then executes each TXN (a "transact" params array) in
 * turn, committing what it changes, and prints each result on a line.  A
 * request that would wait prints "wait: TIMEOUT" (or "wait: forever").
 *
 * "ovsdb/execute-readonly SCHEMA TXN..." does the same with a read-only
 * session; TXNs before the first "--" argument run read-write, to fill
 * the database. */
static void
execute_cmd__(int argc, char *argv[], bool read_only)
{
    struct shash names = SHASH_INITIALIZER(&names);
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    struct ovsdb *db;
    bool ro = false;

    if (argc < 2) {
        ovs_fatal(0, "usage: %s SCHEMA TXN...", argv[0]);
    }
    error = ovsdb_schema_from_file(argv[1], &schema);
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
    db = ovsdb_create(schema);

    for (int i = 2; i < argc; i++) {
        long long int timeout;
        struct ovsdb_txn *txn;
        struct json *params, *result;
        bool durable;

        if (read_only && !strcmp(argv[i], "--")) {
            ro = true;
            continue;
        }
        params = json_from_string(argv[i]);
        if (params->type == JSON_STRING) {
            ovs_fatal(0, "%s: %s", argv[i], json_string(params));
        }
        result = ovsdb_execute(db, params, ro, lock_held, NULL, 0, &timeout,
                               &txn, &durable);
        if (txn) {
            ovsdb_txn_commit(txn);
        }
        if (result) {
            struct ds out = DS_EMPTY_INITIALIZER;
            char *s = json_to_string(result, JSSF_SORT);

            replace_uuids(s, &names, &out);
            puts(ds_cstr(&out));
            ds_destroy(&out);
            free(s);
            json_destroy(result);
        } else if (timeout == LLONG_MAX) {
            puts("wait: forever");
        } else {
            printf("wait: %lld\n", timeout);
        }
        json_destroy(params);
    }
    ovsdb_destroy(db);
    shash_destroy_free_data(&names);
}

static void
execute_cmd(int argc, char *argv[])
{
    execute_cmd__(argc, argv, false);
}
OVSTEST_COMMAND("ovsdb/execute", execute_cmd);

static void
execute_readonly_cmd(int argc, char *argv[])
{
    execute_cmd__(argc, argv, true);
}
OVSTEST_COMMAND("ovsdb/execute-readonly", execute_readonly_cmd);

/* Unit tests of the request-level behaviour that the shell tests cannot
 * see: waits, durability, transactions handed back, elapsed time. */

static const char wait_schema[] =
    "{\"name\": \"w\", \"tables\": {\"T\": {\"columns\": "
    "{\"n\": {\"type\": \"integer\"}}}}}";

static struct ovsdb *
make_wait_db(void)
{
    struct json *json = json_from_string(wait_schema);
    struct ovsdb_schema *schema;

    CHECK(!ovsdb_schema_from_json(json, &schema));
    json_destroy(json);
    return ovsdb_create(schema);
}

static struct json *
run(struct ovsdb *db, const char *request, long long int elapsed,
    long long int *timeout, bool *durable, bool commit)
{
    struct json *params = json_from_string(request);
    struct ovsdb_txn *txn;
    struct json *result;

    result = ovsdb_execute(db, params, false, NULL, NULL, elapsed, timeout,
                           &txn, durable);
    json_destroy(params);
    if (txn) {
        CHECK(commit);
        ovsdb_txn_commit(txn);
    }
    CHECK(!db->txn);
    return result;
}

static void
check_result(struct json *result, const char *expected)
{
    struct shash names = SHASH_INITIALIZER(&names);
    struct ds out = DS_EMPTY_INITIALIZER;
    char *s;

    CHECK(result != NULL);
    s = json_to_string(result, JSSF_SORT);
    replace_uuids(s, &names, &out);
    CHECK_STR(ds_cstr(&out), expected);
    ds_destroy(&out);
    free(s);
    json_destroy(result);
    shash_destroy_free_data(&names);
}

static void
test_wait(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb *db = make_wait_db();
    const char *wait_n1 = "[\"w\", {\"op\": \"insert\", \"table\": \"T\","
        " \"row\": {\"n\": 5}}, {\"op\": \"wait\", \"table\": \"T\","
        " \"where\": [], \"columns\": [\"n\"], \"until\": \"==\","
        " \"rows\": [{\"n\": 1}], \"timeout\": 1000}]";
    const char *wait_forever = "[\"w\", {\"op\": \"wait\", \"table\": \"T\","
        " \"where\": [], \"columns\": [\"n\"], \"until\": \"!=\","
        " \"rows\": []}]";
    const char *insert1 = "[\"w\", {\"op\": \"insert\", \"table\": \"T\","
        " \"row\": {\"n\": 1}}, {\"op\": \"commit\", \"durable\": true}]";
    long long int timeout;
    bool durable;

    /* Not satisfied: the insert is undone and the request waits. */
    CHECK(!run(db, wait_n1, 0, &timeout, &durable, false));
    CHECK_INT(timeout, 1000);
    CHECK_INT(hmap_count(&ovsdb_get_table(db, "T")->rows), 0);
    CHECK(!run(db, wait_n1, 400, &timeout, &durable, false));
    CHECK_INT(timeout, 600);
    check_result(run(db, wait_n1, 1000, &timeout, &durable, false),
                 "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"details\":\"\\\"wait\\\" "
                 "timed out after 1000 ms\",\"error\":\"timed out\"}]");
    CHECK(!run(db, wait_forever, 5000, &timeout, &durable, false));
    CHECK_INT(timeout, LLONG_MAX);

    /* Durable commit; then both waits are satisfied. */
    check_result(run(db, insert1, 0, &timeout, &durable, true),
                 "[{\"uuid\":[\"uuid\",\"<0>\"]},{}]");
    CHECK(durable);
    check_result(run(db, wait_forever, 0, &timeout, &durable, false),
                 "[{}]");
    CHECK(!durable);
    CHECK_INT(hmap_count(&ovsdb_get_table(db, "T")->rows), 1);
    ovsdb_destroy(db);
}
OVSTEST_REGISTER("ovsdb-execute/wait", test_wait);

static void
test_transactions(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb *db = make_wait_db();
    struct ovsdb_txn *txn;
    long long int timeout;
    struct json *params, *result;
    bool durable;

    /* A read-only request hands back no transaction. */
    params = json_from_string("[\"w\", {\"op\": \"select\", \"table\": "
                              "\"T\", \"where\": []}, {\"op\": "
                              "\"comment\", \"comment\": \"c\"}]");
    result = ovsdb_execute(db, params, false, NULL, NULL, 0, &timeout, &txn,
                           &durable);
    CHECK(!txn && !db->txn);
    check_result(result, "[{\"rows\":[]},{}]");
    json_destroy(params);

    /* A change hands back the precommitted transaction with its comment. */
    params = json_from_string("[\"w\", {\"op\": \"insert\", \"table\": "
                              "\"T\", \"row\": {}}, {\"op\": "
                              "\"comment\", \"comment\": \"c\"}]");
    result = ovsdb_execute(db, params, false, NULL, NULL, 0, &timeout, &txn,
                           &durable);
    CHECK(txn && db->txn == txn && !durable);
    CHECK_STR(ovsdb_txn_get_comment(txn), "c");
    CHECK(!ovsdb_txn_is_empty(txn));
    ovsdb_txn_abort(txn);
    CHECK_INT(hmap_count(&ovsdb_get_table(db, "T")->rows), 0);
    json_destroy(result);
    json_destroy(params);

    /* Malformed requests. */
    params = json_from_string("{}");
    result = ovsdb_execute(db, params, false, NULL, NULL, 0, &timeout, &txn,
                           &durable);
    CHECK(!txn && !db->txn);
    check_result(result, "{\"details\":\"array expected\",\"error\":"
                 "\"syntax error\",\"syntax\":\"{}\"}");
    json_destroy(params);
    params = json_from_string("[\"x\"]");
    result = ovsdb_execute(db, params, false, NULL, NULL, 0, &timeout, &txn,
                           &durable);
    check_result(result, "{\"details\":\"database name expected as first "
                 "parameter\",\"error\":\"syntax error\",\"syntax\":"
                 "\"[\\\"x\\\"]\"}");
    json_destroy(params);
    ovsdb_destroy(db);
}
OVSTEST_REGISTER("ovsdb-execute/transactions", test_transactions);
