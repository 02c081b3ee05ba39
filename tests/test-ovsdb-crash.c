/* test-ovsdb-crash: kills ovsdb-server at random moments under write load
 * and checks that no acknowledged transaction is ever lost.
 *
 * usage: ovstest ovsdb-crash/run [OPTIONS] SERVER SCHEMA DB
 *
 * Creates DB (a standalone database file, written directly with
 * ovsdb/log.h) from SCHEMA, whose first table and integer column are the
 * ones written unless --table and --column say otherwise.  Then, --kills
 * times:
 *
 *   1. starts SERVER (as "SERVER --remote=punix:DIR/crash.sock
 *      --unixctl=DIR/crash.ctl DB", its output appended to
 *      DIR/crash-server.log, where DIR is DB's directory) and waits until
 *      it answers; a server that exits instead fails the test;
 *   2. selects every row and checks the invariants below;
 *   3. streams insert transactions, each with a new sequence number in the
 *      column, keeping --in-flight outstanding, and records each sequence
 *      number whose success reply arrives;
 *   4. after a random delay (up to --max-delay ms), sends SIGKILL, reaps
 *      the server, and still counts the replies it managed to send;
 *   5. if --tool is given, runs "TOOL db-name DB", which must succeed.
 *
 * One round in ten kills the server during startup instead (while it reads
 * the file), and one in four also asks it to compact the database
 * ("ovsdb-server/compact" on its control socket) at a random moment before
 * the kill, so that kills land inside compactions too; half of those wait
 * for the compaction to finish before the kill, so that later rounds start
 * from compacted files.  A last round starts
 * the server, checks, commits one more row, and stops it with SIGTERM;
 * then "TOOL show-log DB" must succeed.
 *
 * Invariants, checked after every restart, for every sequence number:
 *   - acknowledged (a success reply arrived): the row is present, once;
 *   - seen in an earlier check: still present (what readers saw stays);
 *   - found missing in an earlier check: still missing (an unacknowledged
 *     transaction that was lost must not come back);
 *   - never sent: never present;
 * and no value appears twice.
 *
 * Options: --kills=N (200), --seed=N (random; printed, so that a failure
 * can be replayed), --in-flight=K (8), --max-delay=MS (20),
 * --tool=PATH, --table=NAME, --column=NAME, --verbose.
 *
 * This program only ever signals the server processes it forked, and they
 * are told to die with it (PR_SET_PDEATHSIG) in case it dies first. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "json.h"
#include "jsonrpc.h"
#include "log.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "random.h"
#include "stream.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

/* What is known about one sequence number. */
enum crash_state {
    CRASH_SENT,         /* Sent; outcome unknown. */
    CRASH_ACKED,        /* Acknowledged, or seen by a check: must stay. */
    CRASH_LOST          /* Unacknowledged and found missing: must stay
                         * missing. */
};

struct crash_ctx {
    /* Settings. */
    const char *server;
    const char *db;
    const char *tool;
    char *db_name;              /* From the schema. */
    char *table;
    char *column;
    char *sock;                 /* "unix:DIR/crash.sock". */
    char *ctl;                  /* DIR/crash.ctl. */
    char *log;                  /* DIR/crash-server.log. */
    int in_flight;
    int max_delay;
    bool verbose;

    /* State. */
    pid_t pid;                  /* Running server, or 0. */
    struct crash_pending *pending; /* Inserts awaiting a reply. */
    int n_pending;
    uint8_t *states;            /* enum crash_state, per sequence number. */
    long long int n_sent;       /* Sequence numbers 0..n_sent-1 were sent. */
    size_t allocated;
    int round;

    /* Statistics. */
    long long int n_acked, n_lost, n_startup_kills;
    long long int n_compactions;  /* Requested. */
    long long int n_compacted;    /* Answered with success. */
};

/* An insert awaiting its reply. */
struct crash_pending {
    long long int id;           /* JSON-RPC id of the request. */
    long long int seq;          /* Sequence number it inserts. */
};

/* The server being run, for the exit hook. */
static pid_t crash_child;

static void
crash_kill_child(void *aux OVS_UNUSED)
{
    if (crash_child > 0) {
        kill(crash_child, SIGKILL);
        waitpid(crash_child, NULL, 0);
        crash_child = 0;
    }
}

/* Prints the end of the server's log LOG to stderr. */
static void
crash_print_log_tail(const char *log)
{
    char buf[3000];
    ssize_t n;
    off_t size;
    int fd;

    fd = open(log, O_RDONLY);
    if (fd < 0) {
        return;
    }
    size = lseek(fd, 0, SEEK_END);
    n = pread(fd, buf, sizeof buf - 1, size > sizeof buf - 1
              ? size - (off_t) (sizeof buf - 1) : 0);
    close(fd);
    if (n > 0) {
        buf[n] = '\0';
        fprintf(stderr, "--- end of server log %s:\n%s", log, buf);
    }
}

static void OVS_PRINTF_FORMAT(2, 3) OVS_NO_RETURN
crash_fail(const struct crash_ctx *ctx, const char *format, ...)
{
    va_list args;

    fprintf(stderr, "ovsdb-crash: round %d: ", ctx->round);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fprintf(stderr, "\n");
    crash_kill_child(NULL);
    crash_print_log_tail(ctx->log);
    exit(1);
}

/* Writes a new DB holding just the schema in SCHEMA_FILE, and learns the
 * database, table and column names. */
static void
crash_create_db(struct crash_ctx *ctx, const char *schema_file)
{
    struct json *schema = json_from_file(schema_file);
    struct ovsdb_log_error *error;
    const struct json *name, *tables;
    struct ovsdb_log *log;

    if (schema->type != JSON_OBJECT) {
        ovs_fatal(0, "%s: %s", schema_file,
                  schema->type == JSON_STRING ? json_string(schema)
                  : "not a JSON object");
    }
    name = json_object_get(schema, "name");
    tables = json_object_get(schema, "tables");
    if (!name || name->type != JSON_STRING
        || !tables || tables->type != JSON_OBJECT
        || shash_is_empty(json_object(tables))) {
        ovs_fatal(0, "%s: schema needs a name and a table", schema_file);
    }
    ctx->db_name = xstrdup(json_string(name));
    if (!ctx->table) {
        const struct shash_node *first = shash_first(json_object(tables));
        ctx->table = xstrdup(first->name);
    }

    unlink(ctx->db);
    error = ovsdb_log_open(ctx->db, OVSDB_LOG_MAGIC_JSON,
                           OVSDB_LOG_CREATE_EXCL, true, &log);
    if (!error) {
        error = ovsdb_log_write(log, schema);
        if (!error) {
            error = ovsdb_log_commit_block(log);
        }
        ovsdb_log_close(log);
    }
    if (error) {
        ovs_fatal(0, "%s", ovsdb_log_error_to_string(error));
    }
    json_destroy(schema);
}

/* Starts the server. */
static void
crash_spawn(struct crash_ctx *ctx)
{
    char *remote = xasprintf("--remote=p%s", ctx->sock);
    char *unixctl = xasprintf("--unixctl=%s", ctx->ctl);
    char *argv[] = { (char *) ctx->server, remote, unixctl,
                     (char *) ctx->db, NULL };
    int log_fd;
    pid_t pid;

    log_fd = open(ctx->log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (log_fd < 0) {
        ovs_fatal(errno, "%s: open failed", ctx->log);
    }
    dprintf(log_fd, "=== round %d\n", ctx->round);

    pid = fork();
    if (pid < 0) {
        ovs_fatal(errno, "fork failed");
    } else if (!pid) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        dup2(log_fd, STDOUT_FILENO);
        dup2(log_fd, STDERR_FILENO);
        close(log_fd);
        execv(ctx->server, argv);
        fprintf(stderr, "%s: exec failed: %s\n", ctx->server,
                strerror(errno));
        _exit(127);
    }
    close(log_fd);
    free(remote);
    free(unixctl);
    ctx->pid = crash_child = pid;
}

/* Describes wait status STATUS. */
static char *
crash_status_to_string(int status)
{
    if (WIFEXITED(status)) {
        return xasprintf("exited with status %d", WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
        return xasprintf("killed by signal %d (%s)", WTERMSIG(status),
                         strsignal(WTERMSIG(status)));
    }
    return xasprintf("ended with wait status %#x", status);
}

/* Fails the test if the server has exited by itself. */
static void
crash_check_alive(struct crash_ctx *ctx)
{
    int status;

    if (waitpid(ctx->pid, &status, WNOHANG) == ctx->pid) {
        char *s = crash_status_to_string(status);
        ctx->pid = crash_child = 0;
        crash_fail(ctx, "server %s on its own", s);
    }
}

/* Sends SIGNO to the server and reaps it. */
static void
crash_stop(struct crash_ctx *ctx, int signo)
{
    int status;

    kill(ctx->pid, signo);
    if (waitpid(ctx->pid, &status, 0) != ctx->pid) {
        ovs_fatal(errno, "waitpid failed");
    }
    ctx->pid = crash_child = 0;
    if (signo == SIGKILL && !(WIFSIGNALED(status)
                              && WTERMSIG(status) == SIGKILL)) {
        char *s = crash_status_to_string(status);
        crash_fail(ctx, "server %s before it was killed", s);
    }
    if (signo == SIGTERM && WIFEXITED(status) && WEXITSTATUS(status)) {
        char *s = crash_status_to_string(status);
        crash_fail(ctx, "server %s on SIGTERM", s);
    }
}

/* Connects to the server, waiting up to 60 s for it to listen. */
static struct jsonrpc *
crash_connect(struct crash_ctx *ctx)
{
    long long int deadline = time_msec() + 60000;

    for (;;) {
        struct stream *stream;
        int error;

        crash_check_alive(ctx);
        error = stream_open_block(jsonrpc_stream_open(ctx->sock, &stream, 0),
                                  1000, &stream);
        if (!error) {
            return jsonrpc_open(stream);
        }
        if (time_msec() >= deadline) {
            crash_fail(ctx, "server did not listen on %s within 60 s (%s)",
                       ctx->sock, ovs_strerror(error));
        }
        poll_timer_wait(2);
        poll_block();
    }
}

/* Makes room for sequence number N. */
static void
crash_reserve(struct crash_ctx *ctx, long long int n)
{
    while (n >= ctx->allocated) {
        ctx->states = x2nrealloc(ctx->states, &ctx->allocated,
                                 sizeof *ctx->states);
    }
}

/* Selects every row and checks the invariants. */
static void
crash_verify(struct crash_ctx *ctx, struct jsonrpc *rpc)
{
    struct jsonrpc_msg *request, *reply;
    const struct json *rows;
    struct json *op;
    uint8_t *seen;
    long long int i, n_rows;
    size_t k;
    int error;

    op = json_object_create();
    json_object_put_string(op, "op", "select");
    json_object_put_string(op, "table", ctx->table);
    json_object_put(op, "where", json_array_create_empty());
    json_object_put(op, "columns",
                    json_array_create_1(json_string_create(ctx->column)));
    request = jsonrpc_create_request(
        "transact", json_array_create_2(json_string_create(ctx->db_name), op),
        NULL);
    error = jsonrpc_transact_block(rpc, request, &reply);
    if (error) {
        crash_check_alive(ctx);
        crash_fail(ctx, "select failed: %s", ovs_retval_to_string(error));
    }
    if (reply->type != JSONRPC_REPLY
        || reply->result->type != JSON_ARRAY
        || json_array(reply->result)->n < 1
        || !(rows = json_object_get(json_array(reply->result)->elems[0],
                                    "rows"))
        || rows->type != JSON_ARRAY) {
        crash_fail(ctx, "select failed: %s", jsonrpc_msg_to_string(reply));
    }

    seen = xzalloc(ctx->n_sent + 1);
    n_rows = json_array(rows)->n;
    for (k = 0; k < n_rows; k++) {
        const struct json *row = json_array(rows)->elems[k];
        const struct json *value = (row->type == JSON_OBJECT
                                    ? json_object_get(row, ctx->column)
                                    : NULL);
        long long int seq;

        if (!value || value->type != JSON_INTEGER) {
            char *s = json_to_string(row, 0);
            crash_fail(ctx, "row %s has no integer \"%s\"", s, ctx->column);
        }
        seq = json_integer(value);
        if (seq < 0 || seq >= ctx->n_sent) {
            crash_fail(ctx, "row with %s=%lld appeared, which was never sent "
                       "(%lld were sent)", ctx->column, seq, ctx->n_sent);
        } else if (seen[seq]) {
            crash_fail(ctx, "two rows with %s=%lld", ctx->column, seq);
        } else if (ctx->states[seq] == CRASH_LOST) {
            crash_fail(ctx, "row with %s=%lld, missing after an earlier "
                       "crash, came back", ctx->column, seq);
        }
        seen[seq] = 1;
    }
    for (i = 0; i < ctx->n_sent; i++) {
        if (seen[i]) {
            ctx->states[i] = CRASH_ACKED;
        } else if (ctx->states[i] == CRASH_ACKED) {
            crash_fail(ctx, "acknowledged (or already seen) row with "
                       "%s=%lld is missing (%lld rows present)",
                       ctx->column, i, n_rows);
        } else if (ctx->states[i] == CRASH_SENT) {
            ctx->states[i] = CRASH_LOST;
            ctx->n_lost++;
        }
    }
    if (ctx->verbose) {
        printf("round %d: %lld rows, %lld sent\n", ctx->round, n_rows,
               ctx->n_sent);
    }
    free(seen);
    jsonrpc_msg_destroy(reply);
}

/* Returns a request that inserts sequence number SEQ. */
static struct jsonrpc_msg *
crash_make_insert(const struct crash_ctx *ctx, long long int seq)
{
    struct json *row = json_object_create();
    struct json *op = json_object_create();

    json_object_put(row, ctx->column, json_integer_create(seq));
    json_object_put_string(op, "op", "insert");
    json_object_put_string(op, "table", ctx->table);
    json_object_put(op, "row", row);
    return jsonrpc_create_request(
        "transact", json_array_create_2(json_string_create(ctx->db_name), op),
        NULL);
}

/* Handles MSG, received on RPC: a reply to a pending insert, or an echo
 * request. */
static void
crash_handle_reply(struct crash_ctx *ctx, struct jsonrpc *rpc,
                   const struct jsonrpc_msg *msg)
{
    const struct json_array *results;
    long long int seq = -1;
    size_t i;
    int k;

    if (msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo")) {
        jsonrpc_send(rpc, jsonrpc_create_reply(json_clone(msg->params),
                                               msg->id));
        return;
    }
    if (msg->type == JSONRPC_NOTIFY) {
        return;
    }
    for (k = 0; k < ctx->n_pending; k++) {
        if (msg->id->type == JSON_INTEGER
            && json_integer(msg->id) == ctx->pending[k].id) {
            seq = ctx->pending[k].seq;
            ctx->pending[k] = ctx->pending[--ctx->n_pending];
            break;
        }
    }
    if (seq < 0) {
        crash_fail(ctx, "reply with unexpected id: %s",
                   jsonrpc_msg_to_string(msg));
    }
    if (msg->type != JSONRPC_REPLY || msg->result->type != JSON_ARRAY) {
        crash_fail(ctx, "insert %lld failed: %s", seq,
                   jsonrpc_msg_to_string(msg));
    }
    results = json_array(msg->result);
    for (i = 0; i < results->n; i++) {
        if (results->elems[i]->type != JSON_OBJECT
            || json_object_get(results->elems[i], "error")) {
            crash_fail(ctx, "insert %lld failed: %s", seq,
                       jsonrpc_msg_to_string(msg));
        }
    }
    ctx->states[seq] = CRASH_ACKED;
    ctx->n_acked++;
}

/* Sends "ovsdb-server/compact" without waiting for the answer.  Returns the
 * control connection, or NULL if it could not be opened. */
static struct jsonrpc *
crash_request_compaction(struct crash_ctx *ctx)
{
    struct jsonrpc *ctl;

    if (unixctl_client_create(ctx->ctl, &ctl)) {
        return NULL;
    }
    jsonrpc_send(ctl, jsonrpc_create_request("ovsdb-server/compact",
                                             json_array_create_empty(),
                                             NULL));
    ctx->n_compactions++;
    return ctl;
}

/* Streams inserts on RPC for DELAY ms, asking for a compaction at
 * COMPACT_AT ms if that is nonnegative (and then, if AWAIT_COMPACTION, not
 * killing before the server answered that request), then kills the server
 * and collects the replies it sent before dying. */
static void
crash_stream_and_kill(struct crash_ctx *ctx, struct jsonrpc *rpc,
                      int delay, int compact_at, bool await_compaction)
{
    long long int start = time_msec();
    long long int kill_at = start + delay;
    long long int compaction_deadline = start + 60000;
    struct jsonrpc *ctl = NULL;
    bool compacting = false;

    ctx->n_pending = 0;
    for (;;) {
        struct jsonrpc_msg *msg;
        int error;

        while (ctx->n_pending < ctx->in_flight) {
            long long int seq = ctx->n_sent;
            struct jsonrpc_msg *req = crash_make_insert(ctx, seq);
            struct crash_pending *p = &ctx->pending[ctx->n_pending++];

            p->id = json_integer(req->id);
            p->seq = seq;
            crash_reserve(ctx, seq);
            ctx->states[seq] = CRASH_SENT;
            ctx->n_sent++;
            if (jsonrpc_send(rpc, req)) {
                break;
            }
        }

        jsonrpc_run(rpc);
        while (!(error = jsonrpc_recv(rpc, &msg))) {
            crash_handle_reply(ctx, rpc, msg);
            jsonrpc_msg_destroy(msg);
        }
        if (error != EAGAIN) {
            crash_check_alive(ctx);
            crash_fail(ctx, "connection to server failed before the kill "
                       "(%s)", ovs_retval_to_string(error));
        }
        if (ctl) {
            jsonrpc_run(ctl);
            if (!jsonrpc_recv(ctl, &msg)) {
                if (msg->type == JSONRPC_REPLY) {
                    ctx->n_compacted++;
                }
                compacting = false;
                jsonrpc_msg_destroy(msg);
            } else if (jsonrpc_get_status(ctl)) {
                compacting = false;
            }
        }

        if (compact_at >= 0 && !ctl && time_msec() >= start + compact_at) {
            ctl = crash_request_compaction(ctx);
            compacting = ctl && await_compaction;
            compact_at = -1;
        }
        if (time_msec() >= kill_at && !compacting) {
            break;
        } else if (compacting && time_msec() >= compaction_deadline) {
            crash_fail(ctx, "compaction took over 60 s");
        }

        jsonrpc_wait(rpc);
        jsonrpc_recv_wait(rpc);
        if (ctl) {
            jsonrpc_wait(ctl);
            jsonrpc_recv_wait(ctl);
        }
        poll_timer_wait_until(compact_at >= 0 ? start + compact_at
                              : compacting ? compaction_deadline
                              : kill_at);
        poll_block();
    }

    crash_stop(ctx, SIGKILL);

    /* The server is gone, but whatever it sent is still in the socket,
     * followed by the end of the stream. */
    kill_at = time_msec() + 10000;
    for (;;) {
        struct jsonrpc_msg *msg;
        int error = jsonrpc_recv(rpc, &msg);

        if (error == EAGAIN) {
            if (time_msec() >= kill_at) {
                crash_fail(ctx, "connection still open 10 s after the "
                           "server died (did it fork?)");
            }
            jsonrpc_recv_wait(rpc);
            poll_timer_wait_until(kill_at);
            poll_block();
            continue;
        } else if (error) {
            break;
        }
        crash_handle_reply(ctx, rpc, msg);
        jsonrpc_msg_destroy(msg);
    }
    ctx->n_pending = 0;
    jsonrpc_close(ctl);
}

/* Runs "TOOL ARG DB", which must exit with status 0; with EXPECT, its
 * output must be EXPECT followed by a new-line. */
static void
crash_run_tool(struct crash_ctx *ctx, const char *arg, const char *expect)
{
    struct ds cmd = DS_EMPTY_INITIALIZER;
    struct ds out = DS_EMPTY_INITIALIZER;
    char buf[4096];
    FILE *f;
    size_t n;
    int status;

    ds_put_format(&cmd, "'%s' %s '%s' 2>&1", ctx->tool, arg, ctx->db);
    f = popen(ds_cstr(&cmd), "r");
    if (!f) {
        ovs_fatal(errno, "popen failed");
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (out.length < 65536) {
            ds_put_buffer(&out, buf, n);
        }
    }
    status = pclose(f);
    if (status || (expect && (strncmp(ds_cstr(&out), expect, strlen(expect))
                              || strcmp(ds_cstr(&out) + strlen(expect),
                                        "\n")))) {
        char *s = crash_status_to_string(status);
        crash_fail(ctx, "\"%s\" %s, printing:\n%s", ds_cstr(&cmd), s,
                   ds_cstr(&out));
    }
    ds_destroy(&cmd);
    ds_destroy(&out);
}

static void
crash_usage(void)
{
    printf("usage: ovstest ovsdb-crash/run [OPTIONS] SERVER SCHEMA DB\n"
           "  --kills=N       kill the server N times (default: 200)\n"
           "  --seed=N        random seed (default: random, printed)\n"
           "  --in-flight=K   inserts outstanding (default: 8)\n"
           "  --max-delay=MS  longest run before a kill (default: 20)\n"
           "  --tool=PATH     ovsdb-tool to check the file with\n"
           "  --table=NAME    table to insert into (default: the first)\n"
           "  --column=NAME   integer column (default: seq)\n"
           "  --verbose       print one line per round\n");
}

static void
crash_main(int argc, char *argv[])
{
    enum {
        OPT_KILLS = UCHAR_MAX + 1, OPT_SEED, OPT_IN_FLIGHT, OPT_MAX_DELAY,
        OPT_TOOL, OPT_TABLE, OPT_COLUMN, OPT_VERBOSE, OPT_HELP
    };
    static const struct option long_options[] = {
        {"kills", required_argument, NULL, OPT_KILLS},
        {"seed", required_argument, NULL, OPT_SEED},
        {"in-flight", required_argument, NULL, OPT_IN_FLIGHT},
        {"max-delay", required_argument, NULL, OPT_MAX_DELAY},
        {"tool", required_argument, NULL, OPT_TOOL},
        {"table", required_argument, NULL, OPT_TABLE},
        {"column", required_argument, NULL, OPT_COLUMN},
        {"verbose", no_argument, NULL, OPT_VERBOSE},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    struct crash_ctx ctx;
    long long int start = time_msec();
    unsigned int seed;
    bool have_seed = false;
    int kills = 200;
    char *dir;

    memset(&ctx, 0, sizeof ctx);
    ctx.in_flight = 8;
    ctx.max_delay = 20;
    optind = 0;
    for (;;) {
        int c = getopt_long(argc, argv, "", long_options, NULL);
        int value;

        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_KILLS:
        case OPT_IN_FLIGHT:
        case OPT_MAX_DELAY:
            if (!str_to_int(optarg, 10, &value) || value < 0
                || (c == OPT_IN_FLIGHT && !value)) {
                ovs_fatal(0, "bad number \"%s\"", optarg);
            }
            *(c == OPT_KILLS ? &kills
              : c == OPT_IN_FLIGHT ? &ctx.in_flight : &ctx.max_delay) = value;
            break;
        case OPT_SEED:
            if (!str_to_uint(optarg, 10, &seed)) {
                ovs_fatal(0, "bad seed \"%s\"", optarg);
            }
            have_seed = true;
            break;
        case OPT_TOOL: ctx.tool = optarg; break;
        case OPT_TABLE: ctx.table = xstrdup(optarg); break;
        case OPT_COLUMN: ctx.column = xstrdup(optarg); break;
        case OPT_VERBOSE: ctx.verbose = true; break;
        case OPT_HELP:
            crash_usage();
            exit(0);
        default:
            exit(EXIT_FAILURE);
        }
    }
    if (argc - optind != 3) {
        ovs_fatal(0, "SERVER SCHEMA DB required (--help for help)");
    }
    ctx.pending = xcalloc(ctx.in_flight, sizeof *ctx.pending);
    ctx.server = argv[optind];
    ctx.db = argv[optind + 2];
    if (!ctx.column) {
        ctx.column = xstrdup("seq");
    }
    if (!have_seed) {
        seed = random_uint32();
    }
    random_set_seed(seed);
    printf("ovsdb-crash: seed %u, %d kills\n", seed, kills);
    fflush(stdout);

    /* The connections' warnings about a server that vanished are expected
     * here; only errors are worth showing. */
    vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_ERR);
    fatal_ignore_sigpipe();
    fatal_signal_add_hook(crash_kill_child, NULL, NULL, true);

    dir = dir_name(ctx.db);
    ctx.sock = xasprintf("unix:%s/crash.sock", dir);
    ctx.ctl = xasprintf("%s/crash.ctl", dir);
    ctx.log = xasprintf("%s/crash-server.log", dir);
    unlink(ctx.log);
    crash_create_db(&ctx, argv[optind + 1]);

    for (ctx.round = 1; ctx.round <= kills; ctx.round++) {
        struct jsonrpc *rpc;

        crash_spawn(&ctx);
        if (random_range(10) == 0) {
            /* Kill it while it starts up and reads the file. */
            struct timespec ts = { 0, random_range(20000) * 1000 };

            nanosleep(&ts, NULL);
            crash_check_alive(&ctx);
            crash_stop(&ctx, SIGKILL);
            ctx.n_startup_kills++;
        } else {
            int delay = random_range(ctx.max_delay + 1);
            int compact_at = (random_range(4) == 0
                              ? (int) random_range(delay + 1)
                              : -1);

            rpc = crash_connect(&ctx);
            crash_verify(&ctx, rpc);
            crash_stream_and_kill(&ctx, rpc, delay, compact_at,
                                  random_range(2));
            jsonrpc_close(rpc);
        }
        if (ctx.tool) {
            crash_run_tool(&ctx, "db-name", ctx.db_name);
        }
    }

    /* A last clean run: check, commit once more (which also cuts off any
     * torn record at the end), and stop the server normally. */
    {
        struct jsonrpc_msg *request, *reply;
        struct jsonrpc *rpc;
        long long int seq;
        int error;

        crash_spawn(&ctx);
        rpc = crash_connect(&ctx);
        crash_verify(&ctx, rpc);
        seq = ctx.n_sent;
        crash_reserve(&ctx, seq);
        ctx.states[seq] = CRASH_SENT;
        ctx.n_sent++;
        request = crash_make_insert(&ctx, seq);
        ctx.pending[0].id = json_integer(request->id);
        ctx.pending[0].seq = seq;
        ctx.n_pending = 1;
        error = jsonrpc_transact_block(rpc, request, &reply);
        if (error) {
            crash_fail(&ctx, "last insert failed: %s",
                       ovs_retval_to_string(error));
        }
        crash_handle_reply(&ctx, rpc, reply);
        jsonrpc_msg_destroy(reply);
        crash_verify(&ctx, rpc);
        jsonrpc_close(rpc);
        crash_stop(&ctx, SIGTERM);
        if (ctx.tool) {
            crash_run_tool(&ctx, "db-name", ctx.db_name);
            crash_run_tool(&ctx, "show-log", NULL);
        }
    }

    printf("ovsdb-crash: %d kills (%lld during startup, %lld compactions "
           "requested, %lld done), %lld inserts sent, %lld acknowledged, "
           "%lld lost unacknowledged, %.1f s: all acknowledged rows "
           "survived\n",
           kills, ctx.n_startup_kills, ctx.n_compactions, ctx.n_compacted,
           ctx.n_sent,
           ctx.n_acked, ctx.n_lost, (time_msec() - start) / 1000.0);

    free(dir);
    free(ctx.db_name);
    free(ctx.table);
    free(ctx.column);
    free(ctx.sock);
    free(ctx.ctl);
    free(ctx.log);
    free(ctx.states);
    free(ctx.pending);
}

OVSTEST_COMMAND("ovsdb-crash/run", crash_main);
