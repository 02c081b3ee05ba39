/* ovsdb-tool: creates, inspects, compacts, converts and queries
 * standalone OVSDB database files without a server.
 *
 * Every command, its output, its error messages and its exit status are
 * those of upstream Open vSwitch 3.1's ovsdb-tool (learned by running it):
 * errors are printed as "ovsdb-tool: MESSAGE" with exit status 1, and the
 * "test" commands (compare-versions, db-is-clustered, db-is-standalone)
 * exit with status 2 for "false".  Of the commands for clustered
 * databases, only those that merely read a clustered file's header are
 * provided (db-cid, db-sid, db-local-address, db-name); the others are
 * out of scope. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

#include "column.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "execution.h"
#include "file.h"
#include "hash.h"
#include "json.h"
#include "log.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb.h"
#include "sset.h"
#include "table.h"
#include "transaction.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

/* -m or --more: show-log verbosity. */
static int show_log_verbosity;

static void usage(void) OVS_NO_RETURN;
static void parse_options(int argc, char *argv[]);

/* Commands. */
struct command {
    const char *name;
    int min_args;
    int max_args;
    void (*handler)(int argc, char *argv[]);
};

static const struct command *get_all_commands(void);

static void
check_ovsdb_error(struct ovsdb_error *error)
{
    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        ovs_fatal(0, "%s", s);
    }
}

static void
run_command(int argc, char *argv[])
{
    const struct command *c;

    if (argc < 1) {
        ovs_fatal(0, "missing command name; use --help for help");
    }
    for (c = get_all_commands(); c->name; c++) {
        if (!strcmp(c->name, argv[0])) {
            int n_args = argc - 1;

            if (n_args < c->min_args) {
                ovs_fatal(0, "'%s' command requires at least %d arguments",
                          c->name, c->min_args);
            } else if (n_args > c->max_args) {
                ovs_fatal(0, "'%s' command takes at most %d arguments",
                          c->name, c->max_args);
            }
            c->handler(argc, argv);
            return;
        }
    }
    ovs_fatal(0, "unknown command '%s'; use --help for help", argv[0]);
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    parse_options(argc, argv);
    run_command(argc - optind, argv + optind);
    return 0;
}

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_RBAC_ROLE = UCHAR_MAX + 1,
        OPT_CID,
        OPT_ELECTION_TIMER
    };
    static const struct option long_options[] = {
        {"more", no_argument, NULL, 'm'},
        {"rbac-role", required_argument, NULL, OPT_RBAC_ROLE},
        {"cid", required_argument, NULL, OPT_CID},
        {"election-timer", required_argument, NULL, OPT_ELECTION_TIMER},
        {"verbose", optional_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };

    for (;;) {
        struct uuid cid;
        int timer;
        int c;

        c = getopt_long(argc, argv, "mhVv::", long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case 'm':
            show_log_verbosity++;
            break;

        case OPT_RBAC_ROLE:
            /* Every role is the superuser here: this tool has no RBAC. */
            break;

        case OPT_CID:
            /* Only join-cluster uses it, but upstream checks it always. */
            if (!uuid_from_string(&cid, optarg) || uuid_is_zero(&cid)) {
                ovs_fatal(0, "%s: not a valid UUID", optarg);
            }
            break;

        case OPT_ELECTION_TIMER:
            if (!str_to_int(optarg, 10, &timer)
                || timer < 100 || timer > 600000) {
                ovs_fatal(0, "ovsdb error: election timer must be between "
                          "100 and 600000, in msec.");
            }
            break;

        case 'h':
            usage();

        case 'V':
            ovs_print_version();
            exit(EXIT_SUCCESS);

        case 'v':
            vlog_set_verbosity(optarg);
            break;

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
}

static void
usage(void)
{
    printf("%s: Open vSwitch database management utility\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "  create [DB [SCHEMA]]    create DB with the given SCHEMA\n"
           "  compact [DB [DST]]      compact DB in-place (or to DST)\n"
           "  convert [DB [SCHEMA [DST]]]   convert DB to SCHEMA (to DST)\n"
           "  db-name [DB]            report name of schema used by DB\n"
           "  db-version [DB]         report version of schema used by DB\n"
           "  db-cksum [DB]           report checksum of schema used by DB\n"
           "  db-cid DB               report cluster ID of clustered DB\n"
           "  db-sid DB               report server ID of clustered DB\n"
           "  db-local-address DB     report local address of clustered DB\n"
           "  db-is-clustered DB      test whether DB is clustered\n"
           "  db-is-standalone DB     test whether DB is standalone\n"
           "  schema-name [SCHEMA]    report SCHEMA's name\n"
           "  schema-version [SCHEMA] report SCHEMA's schema version\n"
           "  schema-cksum [SCHEMA]   report SCHEMA's checksum\n"
           "  compare-versions A OP B  compare OVSDB schema version "
           "numbers\n"
           "  query [DB] TRNS         execute read-only transaction on DB\n"
           "  transact [DB] TRNS      execute read/write transaction on DB\n"
           "  [-m]... show-log [DB]   print DB's log entries\n"
           "The default DB is %s/conf.db.\n"
           "The default SCHEMA is %s/vswitch.ovsschema.\n",
           ovs_get_program_name(), ovs_get_program_name(), ovs_dbdir(),
           ovs_pkgdatadir());
    printf("\nLogging options:\n"
           "  -vSPEC, --verbose=SPEC   set logging levels\n"
           "  -v, --verbose            set maximum verbosity level\n");
    printf("\nOther options:\n"
           "  -m, --more                  increase show-log verbosity\n"
           "  --rbac-role=ROLE            RBAC role for transact and query "
           "commands\n"
           "  -h, --help                  display this help message\n"
           "  -V, --version               display version information\n");
    exit(EXIT_SUCCESS);
}

/* Default file names. */

static char *
default_db(void)
{
    return xasprintf("%s/conf.db", ovs_dbdir());
}

static char *
default_schema(void)
{
    return xasprintf("%s/vswitch.ovsschema", ovs_pkgdatadir());
}

/* Returns ARGV[I] if ARGC > I, otherwise a copy of DEFAULT's result, in
 * '*STORAGE' to free. */
static const char *
arg_or(int argc, char *argv[], int i, char *(*dflt)(void), char **storage)
{
    *storage = NULL;
    if (argc > i) {
        return argv[i];
    }
    *storage = dflt();
    return *storage;
}

static struct ovsdb_schema *
read_schema_file(const char *file_name)
{
    struct ovsdb_schema *schema;

    check_ovsdb_error(ovsdb_schema_from_file(file_name, &schema));
    return schema;
}

static struct ovsdb_schema *
read_db_schema(const char *file_name)
{
    struct ovsdb_schema *schema;

    check_ovsdb_error(ovsdb_file_read_schema(file_name, &schema));
    return schema;
}

/* Database creation. */

static void
do_create(int argc, char *argv[])
{
    char *db_storage, *schema_storage;
    const char *db_name = arg_or(argc, argv, 1, default_db, &db_storage);
    const char *schema_name = arg_or(argc, argv, 2, default_schema,
                                     &schema_storage);
    struct ovsdb_schema *schema = read_schema_file(schema_name);

    check_ovsdb_error(ovsdb_file_create(db_name, schema));
    ovsdb_schema_destroy(schema);
    free(db_storage);
    free(schema_storage);
}

/* Schema and database information. */

enum schema_field { FIELD_NAME, FIELD_VERSION, FIELD_CKSUM };

static void
print_schema_field(const struct ovsdb_schema *schema, enum schema_field f)
{
    puts(f == FIELD_NAME ? schema->name
         : f == FIELD_VERSION ? schema->version
         : schema->cksum);
}

static void
schema_info(int argc, char *argv[], enum schema_field f)
{
    char *storage;
    const char *name = arg_or(argc, argv, 1, default_schema, &storage);
    struct ovsdb_schema *schema = read_schema_file(name);

    print_schema_field(schema, f);
    ovsdb_schema_destroy(schema);
    free(storage);
}

static void
db_info(int argc, char *argv[], enum schema_field f)
{
    char *storage;
    const char *name = arg_or(argc, argv, 1, default_db, &storage);
    struct ovsdb_schema *schema = read_db_schema(name);

    print_schema_field(schema, f);
    ovsdb_schema_destroy(schema);
    free(storage);
}

static void
do_schema_name(int argc, char *argv[])
{
    schema_info(argc, argv, FIELD_NAME);
}

static void
do_schema_version(int argc, char *argv[])
{
    schema_info(argc, argv, FIELD_VERSION);
}

static void
do_schema_cksum(int argc, char *argv[])
{
    schema_info(argc, argv, FIELD_CKSUM);
}

static void
do_db_version(int argc, char *argv[])
{
    db_info(argc, argv, FIELD_VERSION);
}

static void
do_db_cksum(int argc, char *argv[])
{
    db_info(argc, argv, FIELD_CKSUM);
}

/* Clustered database headers. */

/* Opens log FILE_NAME, standalone or clustered, read-only. */
static struct ovsdb_log *
open_any_log(const char *file_name)
{
    struct ovsdb_log_error *e;
    struct ovsdb_log *log;

    e = ovsdb_log_open(file_name, "JSON|CLUSTER", OVSDB_LOG_READ_ONLY, false,
                       &log);
    if (e) {
        ovs_fatal(0, "%s", ovsdb_log_error_to_string(e));
    }
    return log;
}

static bool
is_clustered(const struct ovsdb_log *log)
{
    return !strcmp(ovsdb_log_get_magic(log), OVSDB_LOG_MAGIC_CLUSTER);
}

/* The header (first record) of a clustered database. */
struct raft_header {
    char *name;
    char *local_address;
    char *server_id;
    char *cluster_id;           /* NULL if not yet known. */
};

static char *
header_string(struct ovsdb_parser *p, const char *name, int types)
{
    const struct json *j = ovsdb_parser_member(p, name, types);
    return j ? xstrdup(json_string(j)) : NULL;
}

static void
read_raft_header(struct ovsdb_log *log, struct raft_header *h)
{
    static const char *const others[] = {
        "prev_data", "prev_eid", "prev_index", "prev_servers", "prev_term",
        "prev_election_timer", "remote_addresses",
    };
    struct ovsdb_parser p;
    struct json *json;
    struct uuid uuid;

    memset(h, 0, sizeof *h);
    check_ovsdb_error(ovsdb_file_read_record(log, &json));
    if (!json) {
        ovs_fatal(0, "%s: unexpected end of file",
                  ovsdb_log_get_name(log));
    }
    ovsdb_parser_init(&p, json, "raft header");
    h->server_id = header_string(&p, "server_id", OP_STRING);
    if (h->server_id && !uuid_from_string(&uuid, h->server_id)) {
        ovsdb_parser_put_error(&p, ovsdb_syntax_error(
                                   json, NULL, "server_id is not a UUID"));
    }
    h->name = header_string(&p, "name", OP_STRING);
    h->local_address = header_string(&p, "local_address", OP_STRING);
    h->cluster_id = header_string(&p, "cluster_id", OP_STRING | OP_OPTIONAL);
    for (size_t i = 0; i < ARRAY_SIZE(others); i++) {
        ovsdb_parser_member(&p, others[i], OP_ANY_VALUE | OP_OPTIONAL);
    }
    check_ovsdb_error(ovsdb_parser_finish(&p));
    json_destroy(json);
}

static void
free_raft_header(struct raft_header *h)
{
    free(h->name);
    free(h->local_address);
    free(h->server_id);
    free(h->cluster_id);
}

enum raft_field { RAFT_CID, RAFT_SID, RAFT_ADDRESS };

static void
cluster_info(const char *file_name, enum raft_field f)
{
    struct ovsdb_log *log = open_any_log(file_name);
    struct raft_header h;

    if (!is_clustered(log)) {
        ovs_fatal(0, "%s: not a clustered database", file_name);
    }
    read_raft_header(log, &h);
    if (f == RAFT_CID && !h.cluster_id) {
        fprintf(stderr, "%s: cluster ID not yet known\n", file_name);
        exit(2);
    }
    puts(f == RAFT_CID ? h.cluster_id
         : f == RAFT_SID ? h.server_id
         : h.local_address);
    free_raft_header(&h);
    ovsdb_log_close(log);
}

static void
do_db_cid(int argc OVS_UNUSED, char *argv[])
{
    cluster_info(argv[1], RAFT_CID);
}

static void
do_db_sid(int argc OVS_UNUSED, char *argv[])
{
    cluster_info(argv[1], RAFT_SID);
}

static void
do_db_local_address(int argc OVS_UNUSED, char *argv[])
{
    cluster_info(argv[1], RAFT_ADDRESS);
}

static void
do_db_name(int argc, char *argv[])
{
    char *storage;
    const char *name = arg_or(argc, argv, 1, default_db, &storage);
    struct ovsdb_log *log = open_any_log(name);

    if (is_clustered(log)) {
        struct raft_header h;

        read_raft_header(log, &h);
        puts(h.name);
        free_raft_header(&h);
    } else {
        struct ovsdb_schema *schema = read_db_schema(name);

        puts(schema->name);
        ovsdb_schema_destroy(schema);
    }
    ovsdb_log_close(log);
    free(storage);
}

static void
db_is(const char *file_name, bool clustered)
{
    struct ovsdb_log *log = open_any_log(file_name);
    bool is = is_clustered(log) == clustered;

    ovsdb_log_close(log);
    exit(is ? 0 : 2);
}

static void
do_db_is_clustered(int argc OVS_UNUSED, char *argv[])
{
    db_is(argv[1], true);
}

static void
do_db_is_standalone(int argc OVS_UNUSED, char *argv[])
{
    db_is(argv[1], false);
}

/* Versions. */

static void
do_needs_conversion(int argc, char *argv[])
{
    char *db_storage, *schema_storage;
    const char *db_name = arg_or(argc, argv, 1, default_db, &db_storage);
    const char *schema_name = arg_or(argc, argv, 2, default_schema,
                                     &schema_storage);
    struct ovsdb_schema *schema1 = read_db_schema(db_name);
    struct ovsdb_schema *schema2 = read_schema_file(schema_name);

    puts(ovsdb_schema_equal(schema1, schema2) ? "no" : "yes");
    ovsdb_schema_destroy(schema1);
    ovsdb_schema_destroy(schema2);
    free(db_storage);
    free(schema_storage);
}

/* Parses version "x.y.z" into PARTS. */
static void
parse_version(const char *s, long long int parts[3])
{
    if (!ovsdb_schema_version_is_valid(s)) {
        ovs_fatal(0, "%s: not an OVSDB version number in format x.y.z", s);
    }
    for (int i = 0; i < 3; i++) {
        char *end;

        parts[i] = strtoll(s, &end, 10);
        s = *end ? end + 1 : end;
    }
}

static void
do_compare_versions(int argc OVS_UNUSED, char *argv[])
{
    long long int va[3], vb[3];
    const char *op = argv[2];
    bool result;
    int a = 0, b = 0;

    parse_version(argv[1], va);
    parse_version(argv[3], vb);
    for (int i = 0; i < 3 && a == b; i++) {
        a = va[i] > vb[i];
        b = va[i] < vb[i];
    }

    if (!strcmp(op, "<")) {
        result = a < b;
    } else if (!strcmp(op, "<=")) {
        result = a <= b;
    } else if (!strcmp(op, "==")) {
        result = a == b;
    } else if (!strcmp(op, ">=")) {
        result = a >= b;
    } else if (!strcmp(op, ">")) {
        result = a > b;
    } else if (!strcmp(op, "!=")) {
        result = a != b;
    } else {
        ovs_fatal(0, "%s: not a relational operator", op);
    }
    exit(result ? 0 : 2);
}

/* show-log.
 *
 * Upstream prints the members of each record's objects in the order in
 * which its hash table of members iterates after parsing them, which
 * depends on the order of the members in the file.  To print the same
 * lines in the same order, the member names of each object are taken
 * from the record's raw text in file order (struct member_order) and
 * then put in that iteration order by replaying the insertions into a
 * model of upstream's hash table (see upstream_order()). */

/* The members of one JSON object of a record, in file order. */
struct member_order {
    size_t n, allocated;
    char **names;               /* Decoded member names. */
    struct member_order **children; /* Each member's value, if an object. */
};

static void
member_order_destroy(struct member_order *mo)
{
    if (mo) {
        for (size_t i = 0; i < mo->n; i++) {
            free(mo->names[i]);
            member_order_destroy(mo->children[i]);
        }
        free(mo->names);
        free(mo->children);
        free(mo);
    }
}

static void
skip_space(const char **p, const char *end)
{
    while (*p < end && (**p == ' ' || **p == '\t' || **p == '\n'
                        || **p == '\r')) {
        (*p)++;
    }
}

/* Skips the JSON string at '*P' and returns its decoded value. */
static char *
scan_string(const char **p, const char *end)
{
    const char *start = *p;
    bool escapes = false;

    for ((*p)++; *p < end && **p != '"'; (*p)++) {
        if (**p == '\\') {
            escapes = true;
            (*p)++;
        }
    }
    (*p)++;
    if (!escapes) {
        return xmemdup0(start + 1, *p - start - 2);
    }

    struct json *json = json_from_buffer(start, *p - start, JSPF_SCALAR,
                                         NULL);
    char *s = xstrdup(json && json->type == JSON_STRING ? json->string : "");
    json_destroy(json);
    return s;
}

/* Skips the JSON value at '*P' (already checked by the real parser) and
 * returns the member order of it if it is an object, else NULL. */
static struct member_order *
scan_value(const char **p, const char *end)
{
    skip_space(p, end);
    if (*p >= end) {
        return NULL;
    }
    if (**p == '"') {
        free(scan_string(p, end));
        return NULL;
    } else if (**p == '{' || **p == '[') {
        bool is_object = **p == '{';
        char close = is_object ? '}' : ']';
        struct member_order *mo = is_object ? xzalloc(sizeof *mo) : NULL;

        (*p)++;
        for (;;) {
            skip_space(p, end);
            if (*p >= end) {
                break;
            } else if (**p == close) {
                (*p)++;
                break;
            } else if (**p == ',') {
                (*p)++;
                continue;
            }
            if (is_object) {
                char *name = scan_string(p, end);

                skip_space(p, end);
                if (*p < end && **p == ':') {
                    (*p)++;
                }
                if (mo->n >= mo->allocated) {
                    mo->allocated = 2 * mo->allocated + 4;
                    mo->names = xrealloc(mo->names, mo->allocated
                                         * sizeof *mo->names);
                    mo->children = xrealloc(mo->children, mo->allocated
                                            * sizeof *mo->children);
                }
                mo->names[mo->n] = name;
                mo->children[mo->n] = scan_value(p, end);
                mo->n++;
            } else {
                member_order_destroy(scan_value(p, end));
            }
        }
        return mo;
    } else {
        while (*p < end && !strchr(",]} \t\r\n", **p)) {
            (*p)++;
        }
        return NULL;
    }
}

/* The member order of the record that occupies bytes [START, END) of
 * FILE_NAME, or NULL if it cannot be read. */
static struct member_order *
read_member_order(const char *file_name, off_t start, off_t end)
{
    struct member_order *mo = NULL;
    size_t size = end - start;
    char *buf = xmalloc(size + 1);
    int fd = open(file_name, O_RDONLY | O_CLOEXEC);

    if (fd >= 0 && pread(fd, buf, size, start) == (ssize_t) size) {
        const char *body = memchr(buf, '\n', size);
        if (body) {
            body++;
            mo = scan_value(&body, buf + size);
        }
    }
    if (fd >= 0) {
        close(fd);
    }
    free(buf);
    return mo;
}

/* Upstream's hash table mask for CAPACITY nodes. */
static size_t
upstream_calc_mask(size_t capacity)
{
    size_t mask = capacity / 2;

    for (int shift = 1; shift < 64; shift *= 2) {
        mask |= mask >> shift;
    }
    mask |= (mask & 1) << 1;
    return mask;
}

/* Returns the indexes of MO's members (first occurrences of each name) in
 * the order in which upstream iterates them, in a malloc'd array with
 * '*N' elements.  Upstream inserts each new member at the head of its
 * bucket, grows the table when it holds more than twice as many nodes as
 * buckets (moving the nodes bucket by bucket, each to the head of its new
 * bucket), and iterates bucket by bucket from the head. */
static size_t *
upstream_order(const struct member_order *mo, size_t *n)
{
    size_t *next = xmalloc((mo->n + 1) * sizeof *next);
    uint32_t *hashes = xmalloc((mo->n + 1) * sizeof *hashes);
    size_t *order = xmalloc((mo->n + 1) * sizeof *order);
    const size_t NONE = SIZE_MAX;
    size_t *buckets = xmalloc(sizeof *buckets);
    struct sset seen = SSET_INITIALIZER(&seen);
    size_t mask = 0;
    size_t count = 0;

    buckets[0] = NONE;
    for (size_t i = 0; i < mo->n; i++) {
        if (!sset_add(&seen, mo->names[i])) {
            continue;
        }
        hashes[i] = hash_string(mo->names[i], 0);
        next[i] = buckets[hashes[i] & mask];
        buckets[hashes[i] & mask] = i;
        count++;
        if (count / 2 > mask) {
            size_t new_mask = upstream_calc_mask(count);
            if (new_mask > mask) {
                size_t *nb = xmalloc((new_mask + 1) * sizeof *nb);

                for (size_t b = 0; b <= new_mask; b++) {
                    nb[b] = NONE;
                }
                for (size_t b = 0; b <= mask; b++) {
                    size_t j = buckets[b];
                    while (j != NONE) {
                        size_t nj = next[j];
                        next[j] = nb[hashes[j] & new_mask];
                        nb[hashes[j] & new_mask] = j;
                        j = nj;
                    }
                }
                free(buckets);
                buckets = nb;
                mask = new_mask;
            }
        }
    }

    *n = 0;
    for (size_t b = 0; b <= mask; b++) {
        for (size_t j = buckets[b]; j != NONE; j = next[j]) {
            order[(*n)++] = j;
        }
    }
    sset_destroy(&seen);
    free(buckets);
    free(hashes);
    free(next);
    return order;
}

/* Prints a transaction record's "_date" as upstream does: values below
 * 2**31 are taken as seconds (old files), others as milliseconds. */
static void
print_date(const struct json *date)
{
    long long int msec = json_integer(date);
    char s[128];
    struct tm tm;
    time_t secs;

    if (msec < INT32_MAX) {
        msec = (long long int) ((unsigned long long int) msec * 1000);
    }
    secs = msec / 1000;
    if (gmtime_r(&secs, &tm) && strftime(s, sizeof s, "%Y-%m-%d %H:%M:%S",
                                          &tm)) {
        printf(" %s.%03d", s, (int) (msec % 1000));
    }
}

static void
print_column(const struct ovsdb_table *table, const char *name,
             const struct json *value)
{
    const struct ovsdb_column *column
        = table ? ovsdb_table_schema_get_column(table->schema, name) : NULL;
    struct ovsdb_error *error = NULL;
    struct ovsdb_datum datum;
    struct ds s = DS_EMPTY_INITIALIZER;

    if (column) {
        error = ovsdb_datum_from_json(&datum, &column->type, value, NULL);
    }
    if (column && !error) {
        ovsdb_datum_to_string(&datum, &column->type, &s);
        ovsdb_datum_destroy(&datum, &column->type);
    } else {
        ovsdb_error_destroy(error);
        json_to_ds(value, 0, &s);
    }
    printf("    %s=%s\n", name, ds_cstr(&s));
    ds_destroy(&s);
}

/* Prints the changes to one row.  NAMES maps row keys to the names that
 * show-log calls rows by (the JSON of their "name" column, or the first 8
 * characters of their UUID). */
static void
print_row(const char *table_name, const struct ovsdb_table *table,
          const char *key, const struct json *row,
          const struct member_order *columns, bool is_diff,
          struct shash *names)
{
    const struct json *name_json = (row->type == JSON_OBJECT
                                    ? json_object_get(row, "name") : NULL);
    char *new_name = name_json ? json_to_string(name_json, 0) : NULL;
    char *old_name = shash_find_data(names, key);

    if (!old_name) {
        if (new_name) {
            printf("  table %s insert row %s (%.8s):\n", table_name,
                   new_name, key);
        } else {
            printf("  table %s insert row %.8s:\n", table_name, key);
        }
    } else {
        printf("  table %s row %s (%.8s)%s:\n", table_name, old_name, key,
               is_diff ? " diff" : "");
    }

    if (row->type == JSON_NULL) {
        puts("    delete row");
        free(shash_find_and_delete(names, key));
        free(new_name);
        return;
    }
    if (row->type == JSON_OBJECT && show_log_verbosity > 1 && columns) {
        size_t n, *order = upstream_order(columns, &n);

        for (size_t i = 0; i < n; i++) {
            const char *column = columns->names[order[i]];
            print_column(table, column, json_object_get(row, column));
        }
        free(order);
    }

    if (new_name) {
        free(shash_replace_nocopy(names, xstrdup(key), new_name));
    } else if (!old_name) {
        shash_add(names, key, xasprintf("%.8s", key));
    }
}

static void
print_db_changes(const struct json *record, const struct member_order *mo,
                 const struct ovsdb *db, struct shash *names)
{
    const struct json *is_diff_json = json_object_get(record, "_is_diff");
    bool is_diff = is_diff_json && is_diff_json->type == JSON_TRUE;
    bool any = false;
    size_t n, *order;

    if (!mo) {
        return;
    }
    order = upstream_order(mo, &n);
    for (size_t i = 0; i < n; i++) {
        const char *table_name = mo->names[order[i]];
        const struct member_order *rows_mo = mo->children[order[i]];
        const struct json *rows = json_object_get(record, table_name);
        const struct ovsdb_table *table;
        size_t n_rows, *row_order;

        if (table_name[0] == '_' || rows->type != JSON_OBJECT || !rows_mo) {
            continue;
        }
        any = true;
        table = ovsdb_get_table(db, table_name);
        row_order = upstream_order(rows_mo, &n_rows);
        for (size_t j = 0; j < n_rows; j++) {
            const char *key = rows_mo->names[row_order[j]];
            print_row(table_name, table, key, json_object_get(rows, key),
                      rows_mo->children[row_order[j]], is_diff, names);
        }
        free(row_order);
    }
    free(order);
    if (any) {
        putchar('\n');
    }
}

static void
do_show_log(int argc, char *argv[])
{
    char *storage;
    const char *file_name = arg_or(argc, argv, 1, default_db, &storage);
    struct shash names = SHASH_INITIALIZER(&names);
    struct ovsdb_log *log = open_any_log(file_name);
    struct ovsdb *db = NULL;

    if (is_clustered(log)) {
        ovs_fatal(0, "%s: cannot apply this operation to clustered "
                  "database file", file_name);
    }
    for (unsigned int i = 0; ; i++) {
        off_t start = ovsdb_log_get_offset(log);
        struct ovsdb_error *error;
        struct json *json;

        error = ovsdb_file_read_record(log, &json);
        if (error) {
            fflush(stdout);
            check_ovsdb_error(error);
        }
        if (!json) {
            break;
        }

        printf("record %u:", i);
        if (i == 0) {
            struct ovsdb_schema *schema;

            fflush(stdout);
            check_ovsdb_error(ovsdb_schema_from_json(json, &schema));
            printf(" \"%s\" schema, version=\"%s\", cksum=\"%s\"\n",
                   schema->name, schema->version, schema->cksum);
            db = ovsdb_create(schema);
        } else {
            const struct json *date = json_object_get(json, "_date");
            const struct json *comment = json_object_get(json, "_comment");

            if (date && date->type == JSON_INTEGER) {
                print_date(date);
            }
            if (comment && comment->type == JSON_STRING) {
                printf(" \"%s\"", json_string(comment));
            }
            if (show_log_verbosity > 0) {
                struct member_order *mo;

                putchar('\n');
                mo = read_member_order(file_name, start,
                                       ovsdb_log_get_offset(log));
                print_db_changes(json, mo, db, &names);
                member_order_destroy(mo);
                json_destroy(json);
                continue;
            }
        }
        putchar('\n');
        json_destroy(json);
    }

    ovsdb_destroy(db);
    shash_destroy_free_data(&names);
    ovsdb_log_close(log);
    free(storage);
}

/* Compaction and conversion. */

/* Takes the lock of FILE_NAME, which upstream reports without a tag. */
static struct ovsdb_log_lock *
lock_or_die(const char *file_name)
{
    struct ovsdb_log_lock *lock;
    struct ovsdb_log_error *e = ovsdb_log_lock(file_name, &lock);

    if (e) {
        ovs_fatal(0, "%s (%s)", e->message, ovs_retval_to_string(e->error));
    }
    return lock;
}

/* Reads DB_NAME (as if written for NEW_SCHEMA, if nonnull) and writes it
 * as a snapshot to TARGET, or in place if TARGET is NULL. */
static void
rewrite_db(const char *db_name, const struct ovsdb_schema *new_schema,
           const char *target, const char *verb)
{
    const char *dst = target ? target : db_name;
    struct ovsdb_log_lock *lock = lock_or_die(dst);
    struct ovsdb_log_lock *tmp_lock = NULL;
    struct ovsdb *db;
    char *comment;

    if (!target) {
        /* Upstream also locks the temporary file of an in-place rewrite
         * before reading (it does not for a target). */
        char *tmp_name = xasprintf("%s.tmp", dst);
        tmp_lock = lock_or_die(tmp_name);
        free(tmp_name);
    }

    check_ovsdb_error(ovsdb_file_open(db_name, new_schema,
                                      OVSDB_FILE_READ_ONLY, &db, NULL));
    comment = xasprintf("%s by ovsdb-tool %s", verb,
                        ovs_get_program_version());
    check_ovsdb_error(ovsdb_file_write_snapshot(dst, comment, db));
    free(comment);
    ovsdb_destroy(db);
    ovsdb_log_unlock(tmp_lock);
    ovsdb_log_unlock(lock);
}

static void
do_compact(int argc, char *argv[])
{
    char *storage;
    const char *db_name = arg_or(argc, argv, 1, default_db, &storage);

    rewrite_db(db_name, NULL, argc > 2 ? argv[2] : NULL, "compacted");
    free(storage);
}

static void
do_convert(int argc, char *argv[])
{
    char *db_storage, *schema_storage;
    const char *db_name = arg_or(argc, argv, 1, default_db, &db_storage);
    const char *schema_name = arg_or(argc, argv, 2, default_schema,
                                     &schema_storage);
    struct ovsdb_schema *schema = read_schema_file(schema_name);

    rewrite_db(db_name, schema, argc > 3 ? argv[3] : NULL, "converted");
    ovsdb_schema_destroy(schema);
    free(db_storage);
    free(schema_storage);
}

/* Transactions. */

static struct json *
parse_json(const char *s)
{
    struct json *json = json_from_string(s);

    if (json->type == JSON_STRING) {
        ovs_fatal(0, "\"%s\": %s", s, json->string);
    }
    return json;
}

/* Runs transaction TRNS against DB_NAME, committing its changes unless
 * READ_ONLY (upstream's "query" opens the file read-only and lets the
 * commit fail, which shows in the result), and prints the result. */
static void
transact(const char *db_name, const char *trns, bool read_only)
{
    struct ovsdb_file *file;
    struct json *request;
    struct ovsdb_txn *txn;
    struct json *result;
    long long int timeout;
    struct ovsdb *db;
    bool durable;
    char *s;

    check_ovsdb_error(ovsdb_file_open(db_name, NULL,
                                      read_only ? OVSDB_FILE_READ_ONLY : 0,
                                      &db, &file));
    request = parse_json(trns);
    result = ovsdb_execute(db, request, false, NULL, NULL, 0, &timeout,
                           &txn, &durable);
    if (!result) {
        /* A "wait" that would have to wait: there is no one to wait for. */
        result = json_array_create_1(ovsdb_error_to_json_free(
                                         ovsdb_error_create(
                                             "not supported",
                                             "triggers not supported")));
    } else if (txn) {
        struct ovsdb_error *error = ovsdb_file_commit(file, txn, durable);

        if (error) {
            ovsdb_txn_abort(txn);
            json_array_add(result, ovsdb_error_to_json_free(error));
        } else {
            ovsdb_txn_commit(txn);
        }
    }

    s = json_to_string(result, JSSF_SORT);
    puts(s);
    free(s);
    json_destroy(result);
    json_destroy(request);
    ovsdb_file_close(file);
    ovsdb_destroy(db);
}

/* "query [DB] TRNS" and "transact [DB] TRNS". */
static void
transact_command(int argc, char *argv[], bool read_only)
{
    char *storage = NULL;
    const char *db_name = argc > 2 ? argv[1] : (storage = default_db());

    transact(db_name, argv[argc - 1], read_only);
    free(storage);
}

static void
do_query(int argc, char *argv[])
{
    transact_command(argc, argv, true);
}

static void
do_transact(int argc, char *argv[])
{
    transact_command(argc, argv, false);
}

static void
do_help(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    usage();
}

static const struct command all_commands[] = {
    { "create", 0, 2, do_create },
    { "db-name", 0, 1, do_db_name },
    { "db-version", 0, 1, do_db_version },
    { "db-cksum", 0, 1, do_db_cksum },
    { "db-cid", 1, 1, do_db_cid },
    { "db-sid", 1, 1, do_db_sid },
    { "db-local-address", 1, 1, do_db_local_address },
    { "db-is-clustered", 1, 1, do_db_is_clustered },
    { "db-is-standalone", 1, 1, do_db_is_standalone },
    { "schema-name", 0, 1, do_schema_name },
    { "schema-version", 0, 1, do_schema_version },
    { "schema-cksum", 0, 1, do_schema_cksum },
    { "needs-conversion", 0, 2, do_needs_conversion },
    { "compact", 0, 2, do_compact },
    { "convert", 0, 3, do_convert },
    { "compare-versions", 3, 3, do_compare_versions },
    { "query", 1, 2, do_query },
    { "transact", 1, 2, do_transact },
    { "show-log", 0, 1, do_show_log },
    { "help", 0, INT_MAX, do_help },
    { NULL, 0, 0, NULL },
};

static const struct command *
get_all_commands(void)
{
    return all_commands;
}
