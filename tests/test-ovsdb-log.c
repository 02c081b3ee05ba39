/* test-ovsdb-log.c: unit tests for ovsdb/log and the "ovsdb-log/..."
 * helper commands that tests/ovsdb-log.at drives.  Each test works on
 * files in the current directory (the test's sandbox). */
#include <config.h>
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "json.h"
#include "ovstest.h"
#include "util.h"

/* Fails the test with E's text unless E is NULL. */
static void
check_ok(struct ovsdb_log_error *e, const char *where)
{
    if (e) {
        char *s = ovsdb_log_error_to_string(e);
        ovstest_fail(where, "unexpected error: %s", s);
    }
}
#define CHECK_OK(E) check_ok(E, OVS_SOURCE_LOCATOR)

/* Checks that E is an error whose text is EXPECTED, and frees it. */
static void
check_error(struct ovsdb_log_error *e, const char *expected,
            const char *where)
{
    char *s;

    if (!e) {
        ovstest_fail(where, "expected error \"%s\", got success", expected);
    }
    s = ovsdb_log_error_to_string(e);
    if (strcmp(s, expected)) {
        ovstest_fail(where, "error \"%s\" != expected \"%s\"", s, expected);
    }
    free(s);
    ovsdb_log_error_destroy(e);
}
#define CHECK_ERROR(E, EXPECTED) check_error(E, EXPECTED, OVS_SOURCE_LOCATOR)

static void
write_file(const char *name, const void *data, size_t n)
{
    FILE *f = fopen(name, "wb");
    CHECK(f != NULL);
    CHECK(fwrite(data, 1, n, f) == n);
    CHECK(!fclose(f));
}

static char *
read_whole_file(const char *name, size_t *np)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    FILE *f = fopen(name, "rb");
    int c;

    CHECK(f != NULL);
    while ((c = getc(f)) != EOF) {
        ds_put_char(&s, c);
    }
    fclose(f);
    *np = s.length;
    return ds_steal_cstr(&s);
}

static struct ovsdb_log *
open_log(const char *name, enum ovsdb_log_open_mode mode)
{
    struct ovsdb_log *log;
    CHECK_OK(ovsdb_log_open(name, "JSON", mode, mode != OVSDB_LOG_READ_ONLY,
                            &log));
    return log;
}

static void
write_json(struct ovsdb_log *log, const char *s)
{
    CHECK_OK(ovsdb_log_write_and_free(log, json_from_string(s)));
}

/* Reads the next record of LOG and checks that it is EXPECTED (or that
 * there is none, if EXPECTED is NULL). */
static void
check_read(struct ovsdb_log *log, const char *expected, const char *where)
{
    struct json *json;
    char *s;

    check_ok(ovsdb_log_read(log, &json), where);
    if (!expected) {
        if (json) {
            ovstest_fail(where, "expected end of log, got %s",
                         json_to_string(json, 0));
        }
        return;
    }
    if (!json) {
        ovstest_fail(where, "expected %s, got end of log", expected);
    }
    s = json_to_string(json, JSSF_SORT);
    if (strcmp(s, expected)) {
        ovstest_fail(where, "read %s, expected %s", s, expected);
    }
    free(s);
    json_destroy(json);
}
#define CHECK_READ(LOG, EXPECTED) check_read(LOG, EXPECTED, OVS_SOURCE_LOCATOR)

static void
test_format(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const char expected[] =
        "OVSDB JSON 8 8a3d961f7fe8ef7b41d461059884a9461be85059\n"
        "{\"a\":1}\n";
    struct ovsdb_log *log = open_log("db", OVSDB_LOG_CREATE_EXCL);
    size_t n;
    char *data;

    CHECK_STR(ovsdb_log_get_magic(log), "JSON");
    CHECK_INT(ovsdb_log_get_offset(log), 0);
    write_json(log, "{\"a\":1}");
    CHECK_INT(ovsdb_log_get_offset(log), strlen(expected));
    CHECK_OK(ovsdb_log_commit_block(log));
    ovsdb_log_close(log);

    data = read_whole_file("db", &n);
    CHECK_INT(n, strlen(expected));
    CHECK_STR(data, expected);
    free(data);
}

static void
test_round_trip(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_log *log = open_log("db", OVSDB_LOG_CREATE);

    write_json(log, "{\"name\":\"x\",\"tables\":{}}");
    write_json(log, "[1,2.5,\"\\u00e9\\n\",null,true,{}]");
    write_json(log, "{\"big\":\"" "0123456789abcdef0123456789abcdef"
               "0123456789abcdef0123456789abcdef\"}");
    CHECK_OK(ovsdb_log_commit_block(log));
    ovsdb_log_close(log);

    log = open_log("db", OVSDB_LOG_READ_WRITE);
    CHECK_READ(log, "{\"name\":\"x\",\"tables\":{}}");
    CHECK_READ(log, "[1,2.5,\"\xc3\xa9\\n\",null,true,{}]");
    CHECK_READ(log, "{\"big\":\"0123456789abcdef0123456789abcdef"
               "0123456789abcdef0123456789abcdef\"}");
    CHECK_READ(log, NULL);
    CHECK_READ(log, NULL);
    write_json(log, "{\"n\":4}");
    CHECK_OK(ovsdb_log_commit_block(log));
    ovsdb_log_close(log);

    log = open_log("db", OVSDB_LOG_READ_ONLY);
    for (int i = 0; i < 3; i++) {
        struct json *json;
        CHECK_OK(ovsdb_log_read(log, &json));
        CHECK(json != NULL);
        json_destroy(json);
    }
    CHECK_READ(log, "{\"n\":4}");
    CHECK_READ(log, NULL);
    CHECK_ERROR(ovsdb_log_write_and_free(log, json_object_create()),
                "ovsdb error: db: cannot write to a log opened read-only");
    ovsdb_log_close(log);
}

static void
test_unread(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_log *log = open_log("db", OVSDB_LOG_CREATE);
    write_json(log, "[1]");
    write_json(log, "[2]");
    write_json(log, "[3]");
    ovsdb_log_close(log);

    /* Unreading [2] and writing [4] drops [2] and [3]. */
    log = open_log("db", OVSDB_LOG_READ_WRITE);
    CHECK_READ(log, "[1]");
    CHECK_READ(log, "[2]");
    ovsdb_log_unread(log);
    CHECK_READ(log, "[2]");
    ovsdb_log_unread(log);
    write_json(log, "[4]");
    ovsdb_log_close(log);

    log = open_log("db", OVSDB_LOG_READ_ONLY);
    CHECK_READ(log, "[1]");
    CHECK_READ(log, "[4]");
    CHECK_READ(log, NULL);
    ovsdb_log_close(log);
}

static void
test_misuse(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_log *log = open_log("db", OVSDB_LOG_CREATE_EXCL);
    struct ovsdb_log *log2;

    CHECK_ERROR(ovsdb_log_write_and_free(log, json_integer_create(1)),
                "ovsdb error: db: can only write JSON objects and arrays");
    ovsdb_log_close(log);
    CHECK_ERROR(ovsdb_log_open("db", "JSON", OVSDB_LOG_CREATE_EXCL, false,
                               &log2),
                "I/O error: db: create failed (File exists)");
    CHECK(log2 == NULL);
    CHECK_ERROR(ovsdb_log_open("nonexistent", "JSON", OVSDB_LOG_READ_ONLY,
                               false, &log2),
                "I/O error: nonexistent: open failed "
                "(No such file or directory)");
    CHECK_ERROR(ovsdb_log_open("db", "", OVSDB_LOG_READ_ONLY, false, &log2),
                "ovsdb error: db: bad magic \"\"");
    CHECK_ERROR(ovsdb_log_open(".", "JSON", OVSDB_LOG_READ_ONLY, false,
                               &log2),
                "ovsdb error: .: not a regular file");
}

/* Writes two records, [1] and a longer one, and returns the offsets of the
 * start and end of the second. */
static void
make_two_records(off_t *startp, off_t *endp)
{
    struct ovsdb_log *log = open_log("db", OVSDB_LOG_CREATE);
    write_json(log, "[1]");
    *startp = ovsdb_log_get_offset(log);
    write_json(log, "{\"second\":[\"record\",2]}");
    *endp = ovsdb_log_get_offset(log);
    ovsdb_log_close(log);
}

/* Checks that "db" holds [1] and then a bad record, that the error is
 * reported once, and that a write replaces the bad tail. */
static void
check_bad_tail(const char *expected_error, off_t good)
{
    struct ovsdb_log *log = open_log("db", OVSDB_LOG_READ_WRITE);
    struct json *json;
    struct stat st;

    CHECK_READ(log, "[1]");
    if (expected_error) {
        CHECK_ERROR(ovsdb_log_read(log, &json), expected_error);
    } else {
        struct ovsdb_log_error *e = ovsdb_log_read(log, &json);
        CHECK(e != NULL);
        ovsdb_log_error_destroy(e);
    }
    CHECK(json == NULL);
    CHECK_READ(log, NULL);
    CHECK_INT(ovsdb_log_get_offset(log), good);
    write_json(log, "[3]");
    CHECK_OK(ovsdb_log_commit_block(log));
    ovsdb_log_close(log);

    log = open_log("db", OVSDB_LOG_READ_ONLY);
    CHECK_READ(log, "[1]");
    CHECK_READ(log, "[3]");
    CHECK_READ(log, NULL);
    CHECK(!stat("db", &st));
    CHECK_INT(st.st_size, ovsdb_log_get_offset(log));
    ovsdb_log_close(log);
}

static void
test_torn_tail(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    off_t start, end;
    size_t n;
    char *data;

    make_two_records(&start, &end);
    data = read_whole_file("db", &n);
    CHECK_INT(n, end);

    /* Every proper prefix of the second record. */
    for (off_t cut = start + 1; cut < end; cut++) {
        write_file("db", data, cut);
        check_bad_tail(NULL, start);
    }

    /* The exact messages, in upstream's wording. */
    write_file("db", data, start + 3);
    check_bad_tail("syntax error: db: parse error at offset 58 in header "
                   "line \"OVS\"", start);
    write_file("db", data, start + 12);
    check_bad_tail("syntax error: db: parse error at offset 58 in header "
                   "line \"OVSDB JSON\"", start);
    write_file("db", data, end - 1);
    check_bad_tail("I/O error: db: error reading 24 bytes starting at "
                   "offset 113 (End of file)", start);
    free(data);
}

static void
test_corrupt(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const char one[] =
        "OVSDB JSON 4 6d7e0100a388d5914d5a530b405235ce85fea122\n[1]\n";
    static const char two[] =
        "OVSDB JSON 2 5f36b2ea290645ee34d943220a14b54ee5ea5be5\n{}\n";
    static const struct {
        const char *tail;
        const char *error;
    } cases[] = {
        /* Garbage. */
        {"hello world\n",
         "syntax error: db: parse error at offset 58 in header line "
         "\"hello world\""},
        /* Bad SHA-1. */
        {"OVSDB JSON 4 0000000000000000000000000000000000000000\n[2]\n",
         "syntax error: db: 4 bytes starting at offset 112 have SHA-1 hash "
         "98f55556e7ffd432381b56a19bd485b3e6446442 but should have hash "
         "0000000000000000000000000000000000000000"},
        /* Length too long for the file. */
        {"OVSDB JSON 99999999999 0000000000000000000000000000000000000000\n",
         "I/O error: db: error reading 99999999999 bytes starting at "
         "offset 122 (End of file)"},
        /* Overflowing, negative or missing length. */
        {"OVSDB JSON 99999999999999999999999 "
         "0000000000000000000000000000000000000000\n",
         "syntax error: db: parse error at offset 58 in header line "
         "\"OVSDB JSON\""},
        {"OVSDB JSON -1 0000000000000000000000000000000000000000\n",
         "syntax error: db: parse error at offset 58 in header line "
         "\"OVSDB JSON\""},
        {"OVSDB JSON  0000000000000000000000000000000000000000\n",
         "syntax error: db: parse error at offset 58 in header line "
         "\"OVSDB JSON\""},
        /* Short SHA-1, trailing junk, CR. */
        {"OVSDB JSON 4 abc\n[2]\n",
         "syntax error: db: parse error at offset 58 in header line "
         "\"OVSDB JSON\""},
        {"OVSDB JSON 4 0000000000000000000000000000000000000000 x\n",
         "syntax error: db: parse error at offset 58 in header line "
         "\"OVSDB JSON\""},
        {"OVSDB JSON 4 0000000000000000000000000000000000000000\r\n",
         "syntax error: db: parse error at offset 58 in header line "
         "\"OVSDB JSON\""},
        /* Another magic. */
        {"OVSDB CLUSTER 4 0000000000000000000000000000000000000000\n",
         "syntax error: db: parse error at offset 58 in header line "
         "\"OVSDB CLUSTER\""},
        /* A header line that never ends. */
        {"OVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDB"
         "OVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDB"
         "OVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDB",
         "syntax error: db: parse error at offset 58 in header line "
         "\"OVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDBOVSDB"
         "OVSDBOVSDBOVSDBOVSDB\""},
        /* Not JSON, and JSON that is not an object or array. */
        {"OVSDB JSON 4 4f6a2e1e13e553ad1a1d4166587c787058826bef\n{x}\n",
         NULL},
        {"OVSDB JSON 2 e5fa44f2b31c1fb553b6021e7360d07d5d91ff5e\n1\n",
         "syntax error: db: 2 bytes starting at offset 112 are not valid "
         "JSON (line 0, column 1, byte 1: syntax error at beginning of "
         "input)"},
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct ds s = DS_EMPTY_INITIALIZER;

        ds_put_cstr(&s, one);
        ds_put_cstr(&s, cases[i].tail);
        write_file("db", s.string, s.length);
        ds_destroy(&s);
        check_bad_tail(cases[i].error, strlen(one));
    }

    /* A length past the cap is rejected without reading, even if the file
     * (sparse here) is long enough. */
    {
        static const char huge[] =
            "OVSDB JSON 1073741825 "
            "0000000000000000000000000000000000000000\n";
        struct ds s = DS_EMPTY_INITIALIZER;
        int fd;

        ds_put_cstr(&s, one);
        ds_put_cstr(&s, huge);
        write_file("db", s.string, s.length);
        fd = open("db", O_WRONLY);
        CHECK(fd >= 0);
        CHECK(!ftruncate(fd, s.length + 1073741825));
        close(fd);
        ds_destroy(&s);
        check_bad_tail("syntax error: db: record at offset 58 is 1073741825 "
                       "bytes long, more than the maximum of 1073741824",
                       strlen(one));
    }

    /* A bad record in the middle drops everything after it. */
    {
        struct ds s = DS_EMPTY_INITIALIZER;
        ds_put_cstr(&s, one);
        ds_put_cstr(&s, "OVSDB JSON 4 0000000000000000000000000000000000000000"
                    "\n[2]\n");
        ds_put_cstr(&s, two);
        write_file("db", s.string, s.length);
        ds_destroy(&s);
        check_bad_tail(NULL, strlen(one));
    }
}

static void
test_open_errors(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_log *log;

    /* An empty file is an empty log for one magic, unknown for several. */
    write_file("db", "", 0);
    log = open_log("db", OVSDB_LOG_READ_ONLY);
    CHECK_READ(log, NULL);
    ovsdb_log_close(log);
    CHECK_ERROR(ovsdb_log_open("db", "JSON|CLUSTER", OVSDB_LOG_READ_ONLY,
                               false, &log),
                "ovsdb error: db: cannot identify file type");

    write_file("db", "xxxxxxxx\n", 9);
    CHECK_ERROR(ovsdb_log_open("db", "JSON", OVSDB_LOG_READ_ONLY, false,
                               &log),
                "ovsdb error: db: unexpected file format");
    write_file("db", "OVSDB JS", 8);
    CHECK_ERROR(ovsdb_log_open("db", "JSON", OVSDB_LOG_READ_ONLY, false,
                               &log),
                "ovsdb error: db: unexpected file format");

    static const char cluster[] =
        "OVSDB CLUSTER 4 6d7e0100a388d5914d5a530b405235ce85fea122\n[1]\n";
    write_file("db", cluster, strlen(cluster));
    CHECK_ERROR(ovsdb_log_open("db", "JSON", OVSDB_LOG_READ_WRITE, false,
                               &log),
                "ovsdb error: db: this is a clustered database file, not "
                "a standalone database");
    CHECK_OK(ovsdb_log_open("db", "JSON|CLUSTER", OVSDB_LOG_READ_ONLY,
                            false, &log));
    CHECK_STR(ovsdb_log_get_magic(log), "CLUSTER");
    CHECK_READ(log, "[1]");
    CHECK_READ(log, NULL);
    ovsdb_log_close(log);

    static const char foo[] =
        "OVSDB FOO 4 6d7e0100a388d5914d5a530b405235ce85fea122\n[1]\n";
    write_file("db", foo, strlen(foo));
    CHECK_ERROR(ovsdb_log_open("db", "JSON|CLUSTER", OVSDB_LOG_READ_ONLY,
                               false, &log),
                "ovsdb error: db: cannot identify file type");
}

static void
test_locking(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_log *log, *log2;
    struct stat st;

    log = open_log("db", OVSDB_LOG_CREATE);
    CHECK(!stat(".db.~lock~", &st));
    CHECK_INT(st.st_mode & 0777, 0600);
    CHECK_ERROR(ovsdb_log_open("db", "JSON", OVSDB_LOG_READ_WRITE, true,
                               &log2),
                "I/O error: db: failed to lock lockfile "
                "(Resource temporarily unavailable)");
    CHECK(log2 == NULL);
    /* Another name for the same file is the same lock. */
    CHECK_ERROR(ovsdb_log_open("./db", "JSON", OVSDB_LOG_READ_WRITE, true,
                               &log2),
                "I/O error: ./db: failed to lock lockfile "
                "(Resource temporarily unavailable)");

    /* A reader that does not lock is fine. */
    CHECK_OK(ovsdb_log_open("db", "JSON", OVSDB_LOG_READ_ONLY, false,
                            &log2));
    ovsdb_log_close(log2);

    ovsdb_log_close(log);
    log = open_log("db", OVSDB_LOG_READ_WRITE);
    ovsdb_log_close(log);
    CHECK(!stat(".db.~lock~", &st));
}

static void
test_replace(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_log *log = open_log("db", OVSDB_LOG_CREATE);
    struct ovsdb_log *new;
    struct stat st;

    write_json(log, "[1]");
    write_json(log, "[2]");
    write_json(log, "[3]");

    /* Abort leaves the log as it was and removes the temporary file. */
    CHECK_OK(ovsdb_log_replace_start(log, &new));
    CHECK(!stat("db.tmp", &st));
    write_json(new, "[\"compacted\"]");
    ovsdb_log_replace_abort(new);
    CHECK(stat("db.tmp", &st) && errno == ENOENT);

    /* While a replacement is under way, a second one cannot start. */
    CHECK_OK(ovsdb_log_replace_start(log, &new));
    {
        struct ovsdb_log *new2;
        CHECK_ERROR(ovsdb_log_replace_start(log, &new2),
                    "I/O error: db.tmp: failed to lock lockfile "
                    "(Resource temporarily unavailable)");
    }
    /* Until the commit, readers see the old contents. */
    write_json(new, "[\"compacted\"]");
    {
        struct ovsdb_log *r = open_log("db", OVSDB_LOG_READ_ONLY);
        CHECK_READ(r, "[1]");
        ovsdb_log_close(r);
    }
    CHECK_OK(ovsdb_log_replace_commit(log, new));
    CHECK(stat("db.tmp", &st) && errno == ENOENT);

    /* The old log object now appends to the new file. */
    write_json(log, "[4]");
    CHECK_OK(ovsdb_log_commit_block(log));
    ovsdb_log_close(log);

    log = open_log("db", OVSDB_LOG_READ_ONLY);
    CHECK_READ(log, "[\"compacted\"]");
    CHECK_READ(log, "[4]");
    CHECK_READ(log, NULL);
    ovsdb_log_close(log);

    /* A read-only log cannot be replaced. */
    log = open_log("db", OVSDB_LOG_READ_ONLY);
    CHECK_ERROR(ovsdb_log_replace_start(log, &new),
                "ovsdb error: db: cannot replace a log opened read-only");
    ovsdb_log_close(log);
}

static void
write_big(struct ovsdb_log *log, size_t n)
{
    char *s = xmalloc(n + 1);
    struct json *json;

    memset(s, 'x', n);
    s[n] = '\0';
    json = json_array_create_1(json_string_create_nocopy(s));
    CHECK_OK(ovsdb_log_write_and_free(log, json));
}

static void
test_grew_lots(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_log *log = open_log("db", OVSDB_LOG_CREATE);
    struct ovsdb_log *new;
    struct json *json;

    /* A new log grows lots once it reaches 10 MB. */
    write_big(log, 6 * 1024 * 1024);
    CHECK(!ovsdb_log_grew_lots(log));
    write_big(log, 4 * 1024 * 1024);
    CHECK(ovsdb_log_grew_lots(log));
    ovsdb_log_close(log);

    /* Reopened at 10 MB, it must reach twice that. */
    log = open_log("db", OVSDB_LOG_READ_WRITE);
    for (;;) {
        CHECK_OK(ovsdb_log_read(log, &json));
        if (!json) {
            break;
        }
        json_destroy(json);
    }
    CHECK(!ovsdb_log_grew_lots(log));
    write_big(log, 9 * 1024 * 1024);
    CHECK(!ovsdb_log_grew_lots(log));
    write_big(log, 2 * 1024 * 1024);
    CHECK(ovsdb_log_grew_lots(log));

    /* Compaction resets the base. */
    CHECK_OK(ovsdb_log_replace_start(log, &new));
    write_big(new, 1024);
    CHECK_OK(ovsdb_log_replace_commit(log, new));
    CHECK(!ovsdb_log_grew_lots(log));
    ovsdb_log_close(log);
}

static void
test_error_to_string(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_log_error e = { OVSDB_LOG_IO_ERROR, EOF, (char *) "m" };
    char *s = ovsdb_log_error_to_string(&e);
    CHECK_STR(s, "I/O error: m (End of file)");
    free(s);

    e.type = OVSDB_LOG_SYNTAX_ERROR;
    e.error = 0;
    s = ovsdb_log_error_to_string(&e);
    CHECK_STR(s, "syntax error: m");
    free(s);
    ovsdb_log_error_destroy(NULL);
}

OVSTEST_REGISTER("ovsdb-log/format", test_format);
OVSTEST_REGISTER("ovsdb-log/round-trip", test_round_trip);
OVSTEST_REGISTER("ovsdb-log/unread", test_unread);
OVSTEST_REGISTER("ovsdb-log/misuse", test_misuse);
OVSTEST_REGISTER("ovsdb-log/torn-tail", test_torn_tail);
OVSTEST_REGISTER("ovsdb-log/corrupt", test_corrupt);
OVSTEST_REGISTER("ovsdb-log/open-errors", test_open_errors);
OVSTEST_REGISTER("ovsdb-log/locking", test_locking);
OVSTEST_REGISTER("ovsdb-log/replace", test_replace);
OVSTEST_REGISTER("ovsdb-log/grew-lots", test_grew_lots);
OVSTEST_REGISTER("ovsdb-log/error-to-string", test_error_to_string);

/* Helper commands for tests/ovsdb-log.at. */

/* "ovsdb-log/read FILE [MAGIC]": prints each record as compact JSON on a
 * line; on a bad record prints "error: ..." and exits with status 1. */
static void
test_read_cmd(int argc, char *argv[])
{
    struct ovsdb_log_error *e;
    struct ovsdb_log *log;

    if (argc < 2) {
        ovs_fatal(0, "usage: ovsdb-log/read FILE [MAGIC]");
    }
    e = ovsdb_log_open(argv[1], argc > 2 ? argv[2] : "JSON",
                       OVSDB_LOG_READ_ONLY, false, &log);
    for (;;) {
        struct json *json;

        if (!e) {
            e = ovsdb_log_read(log, &json);
        }
        if (e) {
            char *s = ovsdb_log_error_to_string(e);
            printf("error: %s\n", s);
            exit(1);
        } else if (!json) {
            break;
        }
        char *s = json_to_string(json, 0);
        puts(s);
        free(s);
        json_destroy(json);
    }
    ovsdb_log_close(log);
}
OVSTEST_COMMAND("ovsdb-log/read", test_read_cmd);

/* "ovsdb-log/copy IN OUT": copies each record of IN (which must be free of
 * errors) to a new log OUT, with the same magic. */
static void
test_copy_cmd(int argc, char *argv[])
{
    struct ovsdb_log *in, *out;

    if (argc != 3) {
        ovs_fatal(0, "usage: ovsdb-log/copy IN OUT");
    }
    CHECK_OK(ovsdb_log_open(argv[1], "JSON|CLUSTER", OVSDB_LOG_READ_ONLY,
                            false, &in));
    CHECK_OK(ovsdb_log_open(argv[2], ovsdb_log_get_magic(in),
                            OVSDB_LOG_CREATE_EXCL, true, &out));
    for (;;) {
        struct json *json;

        CHECK_OK(ovsdb_log_read(in, &json));
        if (!json) {
            break;
        }
        CHECK_OK(ovsdb_log_write_and_free(out, json));
    }
    CHECK_OK(ovsdb_log_commit_block(out));
    ovsdb_log_close(out);
    ovsdb_log_close(in);
}
OVSTEST_COMMAND("ovsdb-log/copy", test_copy_cmd);

/* "ovsdb-log/append FILE JSON": reads FILE to its end as ovsdb-server
 * would (reporting a bad tail on stderr and carrying on), then appends
 * JSON and fsyncs.  Exits with status 1 on an error that stops it. */
static void
test_append_cmd(int argc, char *argv[])
{
    struct ovsdb_log_error *e;
    struct ovsdb_log *log;
    char *s;

    if (argc != 3) {
        ovs_fatal(0, "usage: ovsdb-log/append FILE JSON");
    }
    e = ovsdb_log_open(argv[1], "JSON", OVSDB_LOG_READ_WRITE, true, &log);
    if (!e) {
        struct json *json;

        do {
            e = ovsdb_log_read(log, &json);
            if (e) {
                s = ovsdb_log_error_to_string(e);
                fprintf(stderr, "%s\n", s);
                free(s);
                ovsdb_log_error_destroy(e);
                break;
            }
            json_destroy(json);
        } while (json);
        e = ovsdb_log_write_and_free(log, json_from_string(argv[2]));
    }
    if (!e) {
        e = ovsdb_log_commit_block(log);
    }
    if (e) {
        s = ovsdb_log_error_to_string(e);
        fprintf(stderr, "error: %s\n", s);
        exit(1);
    }
    ovsdb_log_close(log);
}
OVSTEST_COMMAND("ovsdb-log/append", test_append_cmd);
