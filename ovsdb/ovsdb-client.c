/* ovsdb-client: a command-line client for ovsdb-server, compatible with
 * upstream Open vSwitch's tool of the same name: the same commands,
 * options, output and exit statuses.
 *
 * Every command but "help" talks to one server over one JSON-RPC
 * connection (lib/jsonrpc.h).  Received messages also pass through a small
 * recording stream (see "Connections" below) so that their text is at
 * hand: upstream prints some things (columns in list-columns, rows of a
 * monitor update, tables of an update) in the order in which its hash
 * tables iterate over the parsed JSON, which depends on the order of the
 * members in the text, and lib/json-order.h reproduces that order.
 *
 * Tables are printed with lib/table-format.h.  Errors are fatal: a message
 * on stderr and exit status 1, with upstream's texts. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "column.h"
#include "daemon.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "json-order.h"
#include "json.h"
#include "jsonrpc.h"
#include "log.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-types.h"
#include "ovsdb.h"
#include "poll-loop.h"
#include "shash.h"
#include "sset.h"
#include "stream-provider.h"
#include "stream.h"
#include "svec.h"
#include "table-format.h"
#include "table.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_client);

/* Command-line settings. */
static struct table_style style = TABLE_STYLE_DEFAULT_INITIALIZER;
static bool timestamp;          /* --timestamp. */
static bool db_change_aware = true; /* --[no-]db-change-aware. */
static bool force;              /* --force (restore). */

/* The server name the user gave or the default, for messages. */
static const char *server;

static void usage(void) OVS_NO_RETURN;
static void parse_options(int argc, char *argv[]);

/* Connections.
 *
 * A "recording" stream wraps the real one and appends every byte it
 * receives to 'recorded'.  After jsonrpc gives us a message, the text of
 * that message is the first complete JSON value in 'recorded' (jsonrpc
 * reads messages back to back in the same way), which we take off and
 * keep with the message. */
struct recording_stream {
    struct stream up;
    struct stream *inner;
    struct ds *recorded;        /* Owned by the struct client. */
};

static struct recording_stream *
recording_stream_cast(struct stream *stream)
{
    return CONTAINER_OF(stream, struct recording_stream, up);
}

static void
recording_close(struct stream *stream)
{
    struct recording_stream *rs = recording_stream_cast(stream);

    stream_close(rs->inner);
    free(rs);
}

static int
recording_connect(struct stream *stream)
{
    return stream_connect(recording_stream_cast(stream)->inner);
}

static ssize_t
recording_recv(struct stream *stream, void *buffer, size_t n)
{
    struct recording_stream *rs = recording_stream_cast(stream);
    ssize_t retval = stream_recv(rs->inner, buffer, n);

    if (retval > 0) {
        ds_put_buffer(rs->recorded, buffer, retval);
    }
    return retval;
}

static ssize_t
recording_send(struct stream *stream, const void *buffer, size_t n)
{
    return stream_send(recording_stream_cast(stream)->inner, buffer, n);
}

static void
recording_run(struct stream *stream)
{
    stream_run(recording_stream_cast(stream)->inner);
}

static void
recording_run_wait(struct stream *stream)
{
    stream_run_wait(recording_stream_cast(stream)->inner);
}

static void
recording_wait(struct stream *stream, enum stream_wait_type type)
{
    stream_wait(recording_stream_cast(stream)->inner, type);
}

static const struct stream_class recording_stream_class = {
    "recording", NULL, NULL, recording_close, recording_connect,
    recording_recv, recording_send, recording_run, recording_run_wait,
    recording_wait,
};

struct client {
    struct jsonrpc *rpc;
    struct ds recorded;         /* Received text not yet matched. */
};

/* A received message with the upstream iteration order of its objects. */
struct received {
    struct jsonrpc_msg *msg;
    struct json *wrapper;       /* Refers to the message's members. */
    struct json_order *order;
};

static void
received_destroy(struct received *r)
{
    json_order_destroy(r->order);
    json_destroy(r->wrapper);
    jsonrpc_msg_destroy(r->msg);
    memset(r, 0, sizeof *r);
}

static struct client *
client_open(const char *name)
{
    struct client *c = xzalloc(sizeof *c);
    struct recording_stream *rs;
    struct stream *stream;
    int error;

    ds_init(&c->recorded);
    if (!pstream_verify_name(name)) {
        struct pstream *pstream;

        error = jsonrpc_pstream_open(name, &pstream, 0);
        if (error) {
            ovs_fatal(error, "failed to listen on \"%s\"", name);
        }
        VLOG_INFO("%s: waiting for connection...", name);
        for (;;) {
            error = pstream_accept(pstream, &stream);
            if (error != EAGAIN) {
                break;
            }
            pstream_wait(pstream);
            poll_block();
        }
        pstream_close(pstream);
        if (error) {
            ovs_fatal(error, "failed to accept connection on \"%s\"", name);
        }
    } else {
        error = stream_open_block(jsonrpc_stream_open(name, &stream, 0),
                                  -1, &stream);
        if (error) {
            ovs_fatal(error, "failed to connect to \"%s\"", name);
        }
    }

    rs = xmalloc(sizeof *rs);
    stream_init(&rs->up, &recording_stream_class, 0, name);
    rs->inner = stream;
    rs->recorded = &c->recorded;
    c->rpc = jsonrpc_open(&rs->up);
    return c;
}

static void
client_close(struct client *c)
{
    if (c) {
        jsonrpc_close(c->rpc);
        ds_destroy(&c->recorded);
        free(c);
    }
}

/* Takes the text of the next message off C's record and computes the
 * member order of R's message from it. */
static void
client_match_text(struct client *c, struct received *r)
{
    const char *p = c->recorded.string;
    size_t n = c->recorded.length;
    size_t start = 0, used = 0;
    struct json_parser *parser;
    struct jsonrpc_msg *msg = r->msg;

    while (start < n && strchr(" \t\r\n", p[start]) && p[start]) {
        start++;
    }
    parser = json_parser_create(0);
    used = json_parser_feed(parser, p + start, n - start);
    json_parser_abort(parser);

    r->wrapper = json_object_create();
    if (msg->method) {
        json_object_put_string(r->wrapper, "method", msg->method);
    }
    if (msg->params) {
        json_object_put(r->wrapper, "params", json_clone(msg->params));
    }
    if (msg->result) {
        json_object_put(r->wrapper, "result", json_clone(msg->result));
    }
    if (msg->error) {
        json_object_put(r->wrapper, "error", json_clone(msg->error));
    }
    if (msg->id) {
        json_object_put(r->wrapper, "id", json_clone(msg->id));
    }
    r->order = json_order_create(r->wrapper, p + start, used);

    /* Keep what follows: it belongs to later messages. */
    memmove(c->recorded.string, p + start + used, n - start - used);
    ds_truncate(&c->recorded, n - start - used);
}

/* Receives the next message, blocking.  Returns 0 or an errno value. */
static int
client_recv(struct client *c, struct received *r)
{
    int error;

    memset(r, 0, sizeof *r);
    error = jsonrpc_recv_block(c->rpc, &r->msg);
    if (!error) {
        client_match_text(c, r);
    }
    return error;
}

/* Answers R if it is an "echo" request.  Returns true if it was. */
static bool
client_handle_echo(struct client *c, const struct received *r)
{
    if (r->msg->type == JSONRPC_REQUEST && !strcmp(r->msg->method, "echo")) {
        jsonrpc_send(c->rpc, jsonrpc_create_reply(json_clone(r->msg->params),
                                                  r->msg->id));
        return true;
    }
    return false;
}

/* Sends REQUEST and waits for its reply, discarding other messages.
 * Fatal on connection failure. */
static void
client_transact(struct client *c, struct jsonrpc_msg *request,
                struct received *reply)
{
    struct json *id = json_clone(request->id);
    int error = jsonrpc_send_block(c->rpc, request);

    if (error) {
        ovs_fatal(error, "transaction failed");
    }
    for (;;) {
        error = client_recv(c, reply);
        if (error) {
            ovs_fatal(error, "transaction failed");
        }
        if ((reply->msg->type == JSONRPC_REPLY
             || reply->msg->type == JSONRPC_ERROR)
            && json_equal(reply->msg->id, id)) {
            break;
        }
        client_handle_echo(c, reply);
        received_destroy(reply);
    }
    json_destroy(id);
}

/* Sends a request for METHOD with PARAMS and returns the result, or dies
 * with "METHOD: ..." if the server answers with an error. */
static void
client_request(struct client *c, const char *method, struct json *params,
               struct received *reply)
{
    client_transact(c, jsonrpc_create_request(method, params, NULL), reply);
    if (reply->msg->type == JSONRPC_ERROR) {
        char *s = json_to_string(reply->msg->error, 0);

        ovs_fatal(0, "%s: %s", method, s);
    }
}

/* Formats ERROR, an RFC 7047 error object from the server, as upstream
 * prints such errors: 'syntax "SYNTAX": ERROR: DETAILS'. */
static char *
format_server_error(const struct json *error)
{
    const struct json *tag, *details, *syntax;
    struct ds s = DS_EMPTY_INITIALIZER;

    if (error->type != JSON_OBJECT) {
        return json_to_string(error, JSSF_SORT);
    }
    tag = json_object_get(error, "error");
    details = json_object_get(error, "details");
    syntax = json_object_get(error, "syntax");
    if (syntax && syntax->type == JSON_STRING) {
        ds_put_format(&s, "syntax \"%s\": ", json_string(syntax));
    }
    ds_put_cstr(&s, tag && tag->type == JSON_STRING ? json_string(tag)
                                                     : "unknown error");
    if (details && details->type == JSON_STRING) {
        ds_put_format(&s, ": %s", json_string(details));
    }
    return ds_steal_cstr(&s);
}

static void OVS_NO_RETURN
invalid_syntax(const char *command)
{
    ovs_fatal(0, "invalid syntax for '%s' (use --help for help)", command);
}

/* Databases and schemas. */

/* Fetches the list of databases into DBS. */
static void
fetch_dbs(struct client *c, struct svec *dbs)
{
    struct received reply;
    const struct json *result;

    client_request(c, "list_dbs", json_array_create_empty(), &reply);
    result = reply.msg->result;
    if (result->type != JSON_ARRAY) {
        ovs_fatal(0, "list_dbs response is not array");
    }
    for (size_t i = 0; i < result->array.n; i++) {
        const struct json *name = result->array.elems[i];

        if (name->type != JSON_STRING) {
            ovs_fatal(0, "list_dbs response %zu is not string", i);
        }
        svec_add(dbs, json_string(name));
    }
    received_destroy(&reply);
}

/* Picks the database for a command: the first of ARGV if there are more
 * than MIN_ARGS arguments and it names a database on the server (then it
 * is taken off ARGV), otherwise "Open_vSwitch" if the server has it, or
 * the server's only database other than "_Server".  Returns a malloc'd
 * name. */
static char *
choose_database(struct client *c, int *argcp, char ***argvp, int min_args)
{
    struct svec dbs = SVEC_EMPTY_INITIALIZER;
    const char *choice = NULL;
    char *result;
    size_t i;
    const char *name;

    fetch_dbs(c, &dbs);
    if (*argcp > min_args) {
        SVEC_FOR_EACH (i, name, &dbs) {
            if (!strcmp(name, (*argvp)[0])) {
                choice = name;
                ++*argvp;
                --*argcp;
                break;
            }
        }
    }
    if (!choice) {
        const char *only = NULL;
        int n_other = 0;

        SVEC_FOR_EACH (i, name, &dbs) {
            if (!strcmp(name, "Open_vSwitch")) {
                choice = name;
                break;
            } else if (strcmp(name, "_Server")) {
                only = name;
                n_other++;
            }
        }
        if (!choice && n_other == 1) {
            choice = only;
        }
    }
    if (!choice) {
        ovs_fatal(0, "could not find a default database, please specify a "
                  "database name");
    }
    result = xstrdup(choice);
    svec_destroy(&dbs);
    return result;
}

/* A database schema fetched from the server, with its JSON and the order
 * of its members. */
struct fetched_schema {
    struct ovsdb_schema *schema;
    struct received reply;      /* reply.msg->result is the schema JSON. */
};

static void
fetch_schema(struct client *c, const char *database,
             struct fetched_schema *fs)
{
    struct ovsdb_error *error;

    client_request(c, "get_schema",
                   json_array_create_1(json_string_create(database)),
                   &fs->reply);
    error = ovsdb_schema_from_json(fs->reply.msg->result, &fs->schema);
    if (error) {
        char *s = ovsdb_error_to_string_free(error);

        ovs_fatal(0, "%s", s);
    }
}

static void
fetched_schema_destroy(struct fetched_schema *fs)
{
    ovsdb_schema_destroy(fs->schema);
    received_destroy(&fs->reply);
}

/* Returns TABLE's columns (struct ovsdb_column *) in the order in which
 * upstream iterates over a table schema's columns: "_uuid" and "_version"
 * are inserted first, then the columns in the iteration order of the
 * schema's "columns" object. */
static const struct ovsdb_column **
table_columns_in_upstream_order(const struct fetched_schema *fs,
                                const struct ovsdb_table_schema *ts,
                                size_t *n)
{
    const struct json *tables = json_object_get(fs->reply.msg->result,
                                                "tables");
    const struct json *tjson = tables && tables->type == JSON_OBJECT
                               ? json_object_get(tables, ts->name) : NULL;
    const struct json *cjson = tjson && tjson->type == JSON_OBJECT
                               ? json_object_get(tjson, "columns") : NULL;
    const struct ovsdb_column **columns;
    const char **names = xmalloc((ts->n_columns + 2) * sizeof *names);
    size_t n_names = 0, *order, n_order, k = 0;

    names[n_names++] = "_uuid";
    names[n_names++] = "_version";
    if (cjson && cjson->type == JSON_OBJECT) {
        const struct shash_node **members;
        size_t n_members;

        members = json_order_members(fs->reply.order, cjson, &n_members);
        for (size_t i = 0; i < n_members && n_names < ts->n_columns + 2;
             i++) {
            names[n_names++] = members[i]->name;
        }
        free(members);
    }

    order = json_order_simulate(names, n_names, &n_order);
    columns = xmalloc(MAX(ts->n_columns, 1) * sizeof *columns);
    for (size_t i = 0; i < n_order; i++) {
        const struct ovsdb_column *column
            = ovsdb_table_schema_get_column(ts, names[order[i]]);

        if (column && k < ts->n_columns) {
            columns[k++] = column;
        }
    }
    free(order);
    free(names);
    *n = k;
    return columns;
}

/* Commands. */

struct command_context {
    struct client *client;
    const char *name;           /* The command's name. */
    int argc;                   /* Arguments after SERVER (and DATABASE). */
    char **argv;
};

struct client_command {
    const char *name;
    bool need_server;           /* Connects to a server? */
    bool need_database;         /* Chooses a database (see below)? */
    bool own_connection;        /* Makes its own connection to SERVER? */
    int min_args;               /* Before connecting, counting SERVER. */
    int max_args;
    /* For commands with a database: how many arguments besides DATABASE
     * the command needs at least (a first argument is taken as DATABASE
     * only if there are more). */
    int min_db_args;
    void (*handler)(struct command_context *, const char *database);
    /* Work to do before connecting (reading files, parsing JSON). */
    void (*prepare)(struct command_context *);
};

static void
print_json(const struct json *json)
{
    char *s = json_to_string(json, style.json_flags | JSSF_SORT);

    puts(s);
    free(s);
}

static void
do_list_dbs(struct command_context *ctx, const char *database OVS_UNUSED)
{
    struct svec dbs = SVEC_EMPTY_INITIALIZER;
    const char *name;
    size_t i;

    if (ctx->argc) {
        invalid_syntax(ctx->name);
    }
    fetch_dbs(ctx->client, &dbs);
    SVEC_FOR_EACH (i, name, &dbs) {
        puts(name);
    }
    svec_destroy(&dbs);
}

static void
check_no_args(const struct command_context *ctx)
{
    if (ctx->argc) {
        invalid_syntax(ctx->name);
    }
}

static void
do_get_schema(struct command_context *ctx, const char *database)
{
    struct fetched_schema fs;
    struct json *json;

    check_no_args(ctx);
    fetch_schema(ctx->client, database, &fs);
    json = ovsdb_schema_to_json(fs.schema);
    print_json(json);
    json_destroy(json);
    fetched_schema_destroy(&fs);
}

static void
do_get_schema_version(struct command_context *ctx, const char *database)
{
    struct fetched_schema fs;

    check_no_args(ctx);
    fetch_schema(ctx->client, database, &fs);
    puts(fs.schema->version);
    fetched_schema_destroy(&fs);
}

static void
do_get_schema_cksum(struct command_context *ctx, const char *database)
{
    struct fetched_schema fs;

    check_no_args(ctx);
    fetch_schema(ctx->client, database, &fs);
    puts(fs.schema->cksum);
    fetched_schema_destroy(&fs);
}

static void
do_list_tables(struct command_context *ctx, const char *database)
{
    const struct shash_node **nodes;
    struct fetched_schema fs;
    struct table t;
    size_t n;

    check_no_args(ctx);
    fetch_schema(ctx->client, database, &fs);

    table_init(&t);
    table_add_column(&t, "Table");
    nodes = shash_sort(&fs.schema->tables);
    n = shash_count(&fs.schema->tables);
    for (size_t i = 0; i < n; i++) {
        size_t row = table_add_row(&t);

        table_cell_set_text(table_cell(&t, row, 0), nodes[i]->name);
    }
    free(nodes);
    table_print(&t, &style);
    table_destroy(&t);
    fetched_schema_destroy(&fs);
}

static void
do_list_columns(struct command_context *ctx, const char *database)
{
    const char *table_name = ctx->argc ? ctx->argv[0] : NULL;
    const struct shash_node **nodes;
    struct fetched_schema fs;
    struct table t;
    size_t n;

    if (ctx->argc > 1) {
        invalid_syntax(ctx->name);
    }
    fetch_schema(ctx->client, database, &fs);

    table_init(&t);
    if (!table_name) {
        table_add_column(&t, "Table");
    }
    table_add_column(&t, "Column");
    table_add_column(&t, "Type");

    nodes = shash_sort(&fs.schema->tables);
    n = shash_count(&fs.schema->tables);
    for (size_t i = 0; i < n; i++) {
        const struct ovsdb_table_schema *ts = nodes[i]->data;
        const struct ovsdb_column **columns;
        size_t n_columns;

        if (table_name && strcmp(table_name, ts->name)) {
            continue;
        }
        columns = table_columns_in_upstream_order(&fs, ts, &n_columns);
        for (size_t j = 0; j < n_columns; j++) {
            size_t row = table_add_row(&t);
            size_t col = 0;

            if (!table_name) {
                table_cell_set_text(table_cell(&t, row, col++), ts->name);
            }
            table_cell_set_text(table_cell(&t, row, col++),
                                columns[j]->name);
            table_cell_set_json(table_cell(&t, row, col),
                                ovsdb_type_to_json(&columns[j]->type));
        }
        free(columns);
    }
    free(nodes);
    table_print(&t, &style);
    table_destroy(&t);
    fetched_schema_destroy(&fs);
}

/* transact and query. */

static struct json *parsed_transaction;

static void
prepare_transaction(struct command_context *ctx)
{
    const char *text = ctx->argv[ctx->argc - 1];
    struct json *json = json_from_string(text);

    if (json->type == JSON_STRING) {
        ovs_fatal(0, "\"%s\": %s", text, json_string(json));
    }
    if (json->type != JSON_ARRAY || !json->array.n
        || json->array.elems[0]->type != JSON_STRING) {
        ovs_fatal(0, "not a valid OVSDB query");
    }
    parsed_transaction = json;
}

static void
run_transaction(struct command_context *ctx, struct json *transaction,
                bool query)
{
    struct received reply;
    struct json *result;

    if (query) {
        struct json *abort = json_object_create();

        json_object_put_string(abort, "op", "abort");
        json_array_add(transaction, abort);
    }
    client_transact(ctx->client,
                    jsonrpc_create_request("transact", transaction, NULL),
                    &reply);
    if (reply.msg->type == JSONRPC_ERROR) {
        char *s = json_to_string(reply.msg->error, JSSF_SORT);

        ovs_fatal(0, "transaction returned error: %s", s);
    }

    result = json_clone(reply.msg->result);
    if (query && result->type == JSON_ARRAY && result->array.n) {
        /* Drop the result of the "abort" we added. */
        struct json *last = result->array.elems[result->array.n - 1];
        const struct json *error = last->type == JSON_OBJECT
                                   ? json_object_get(last, "error") : NULL;

        if (error && error->type == JSON_STRING
            && !strcmp(json_string(error), "aborted")) {
            struct json *copy = json_deep_clone(result);

            json_destroy(result);
            result = copy;
            json_destroy(result->array.elems[--result->array.n]);
        }
    }
    print_json(result);
    json_destroy(result);
    received_destroy(&reply);
}

static void
do_transact(struct command_context *ctx, const char *database OVS_UNUSED)
{
    struct json *transaction = parsed_transaction;

    parsed_transaction = NULL;
    run_transaction(ctx, transaction, false);
}

static void
do_query(struct command_context *ctx, const char *database OVS_UNUSED)
{
    struct json *transaction = parsed_transaction;

    parsed_transaction = NULL;
    run_transaction(ctx, transaction, true);
}

/* dump. */

struct dump_table {
    const struct ovsdb_table_schema *ts;
    struct ovsdb_column_set columns; /* In the order requested. */
};

static int
compare_columns_by_name(const void *a_, const void *b_)
{
    const struct ovsdb_column *const *a = a_;
    const struct ovsdb_column *const *b = b_;

    return strcmp((*a)->name, (*b)->name);
}

/* Rows of one dumped table, for sorting. */
struct dump_row {
    struct ovsdb_datum *data;   /* One per column. */
};

/* The table being sorted, and the order of its columns as sort keys:
 * by name, but "_uuid" last, as upstream sorts. */
static const struct dump_table *sort_table;
static const size_t *sort_keys;

static int
compare_dump_rows(const void *a_, const void *b_)
{
    const struct dump_row *a = a_;
    const struct dump_row *b = b_;

    for (size_t i = 0; i < sort_table->columns.n; i++) {
        size_t k = sort_keys[i];
        int cmp = ovsdb_datum_compare_3way(
            &a->data[k], &b->data[k], &sort_table->columns.columns[k]->type);

        if (cmp) {
            return cmp;
        }
    }
    return 0;
}

static void
dump_print_table(const struct dump_table *dt, const struct json *rows)
{
    size_t nc = dt->columns.n;
    size_t n_rows = rows->array.n;
    struct dump_row *data = xmalloc(MAX(n_rows, 1) * sizeof *data);
    size_t *display, *keys, n_keys;
    struct table t;

    for (size_t r = 0; r < n_rows; r++) {
        const struct json *row = rows->array.elems[r];

        data[r].data = xmalloc(MAX(nc, 1) * sizeof *data[r].data);
        for (size_t c = 0; c < nc; c++) {
            const struct ovsdb_column *column = dt->columns.columns[c];
            const struct json *value = row->type == JSON_OBJECT
                                       ? json_object_get(row, column->name)
                                       : NULL;
            struct ovsdb_error *error;

            if (!value) {
                ovs_fatal(0, "row %zu in table %s response lacks "
                          "%s column", r, dt->ts->name, column->name);
            }
            error = ovsdb_datum_from_json(&data[r].data[c], &column->type,
                                          value, NULL);
            if (error) {
                char *s = ovsdb_error_to_string_free(error);

                ovs_fatal(0, "%s", s);
            }
        }
    }
    /* Columns are printed in order of name. */
    display = xmalloc(MAX(nc, 1) * sizeof *display);
    for (size_t c = 0; c < nc; c++) {
        display[c] = c;
    }
    for (size_t i = 1; i < nc; i++) {
        for (size_t j = i; j > 0
                 && strcmp(dt->columns.columns[display[j - 1]]->name,
                           dt->columns.columns[display[j]]->name) > 0;
             j--) {
            size_t tmp = display[j];

            display[j] = display[j - 1];
            display[j - 1] = tmp;
        }
    }

    keys = xmalloc(MAX(nc, 1) * sizeof *keys);
    n_keys = 0;
    for (size_t c = 0; c < nc; c++) {
        if (dt->columns.columns[display[c]]->index != OVSDB_COL_UUID) {
            keys[n_keys++] = display[c];
        }
    }
    for (size_t c = 0; c < nc; c++) {
        if (dt->columns.columns[display[c]]->index == OVSDB_COL_UUID) {
            keys[n_keys++] = display[c];
        }
    }
    sort_table = dt;
    sort_keys = keys;
    qsort(data, n_rows, sizeof *data, compare_dump_rows);
    free(keys);

    table_init(&t);
    table_set_caption(&t, xasprintf("%s table", dt->ts->name));
    for (size_t c = 0; c < nc; c++) {
        table_add_column(&t, dt->columns.columns[display[c]]->name);
    }
    for (size_t r = 0; r < n_rows; r++) {
        size_t row = table_add_row(&t);

        for (size_t c = 0; c < nc; c++) {
            size_t k = display[c];

            table_cell_set_datum(table_cell(&t, row, c), &data[r].data[k],
                                 &dt->columns.columns[k]->type);
        }
        for (size_t c = 0; c < nc; c++) {
            ovsdb_datum_destroy(&data[r].data[c],
                                &dt->columns.columns[c]->type);
        }
        free(data[r].data);
    }
    free(data);
    free(display);
    table_print(&t, &style);
    table_destroy(&t);
}

static void
do_dump(struct command_context *ctx, const char *database)
{
    struct dump_table *tables;
    struct fetched_schema fs;
    struct json *transaction;
    struct received reply;
    size_t n_tables = 0;

    fetch_schema(ctx->client, database, &fs);
    tables = xmalloc((shash_count(&fs.schema->tables) + 1)
                     * sizeof *tables);

    if (ctx->argc) {
        const struct ovsdb_table_schema *ts
            = shash_find_data(&fs.schema->tables, ctx->argv[0]);
        struct dump_table *dt = &tables[n_tables++];

        if (!ts) {
            ovs_fatal(0, "No table \"%s\" found.", ctx->argv[0]);
        }
        dt->ts = ts;
        ovsdb_column_set_init(&dt->columns);
        if (ctx->argc > 1) {
            for (int i = 1; i < ctx->argc; i++) {
                const struct ovsdb_column *column
                    = ovsdb_table_schema_get_column(ts, ctx->argv[i]);

                if (!column) {
                    ovs_fatal(0, "Table \"%s\" has no column %s.",
                              ts->name, ctx->argv[i]);
                }
                if (column->index != OVSDB_COL_VERSION
                    && !ovsdb_column_set_contains(&dt->columns,
                                                  column->index)) {
                    ovsdb_column_set_add(&dt->columns, column);
                }
            }
        }
    } else {
        const struct shash_node **nodes = shash_sort(&fs.schema->tables);

        for (size_t i = 0; i < shash_count(&fs.schema->tables); i++) {
            struct dump_table *dt = &tables[n_tables++];

            dt->ts = nodes[i]->data;
            ovsdb_column_set_init(&dt->columns);
        }
        free(nodes);
    }
    for (size_t i = 0; i < n_tables; i++) {
        struct dump_table *dt = &tables[i];

        if (!dt->columns.n) {
            /* Upstream asks for the columns in the iteration order of its
             * table schema, which is also the order its rows sort by. */
            const struct ovsdb_column **columns;
            size_t n;

            columns = table_columns_in_upstream_order(&fs, dt->ts, &n);
            for (size_t j = 0; j < n; j++) {
                if (columns[j]->index != OVSDB_COL_VERSION) {
                    ovsdb_column_set_add(&dt->columns, columns[j]);
                }
            }
            free(columns);
        }
    }

    transaction = json_array_create_1(json_string_create(database));
    for (size_t i = 0; i < n_tables; i++) {
        struct json *op = json_object_create();

        json_object_put_string(op, "op", "select");
        json_object_put_string(op, "table", tables[i].ts->name);
        json_object_put(op, "where", json_array_create_empty());
        json_object_put(op, "columns",
                        ovsdb_column_set_to_json(&tables[i].columns));
        json_array_add(transaction, op);
    }
    client_transact(ctx->client,
                    jsonrpc_create_request("transact", transaction, NULL),
                    &reply);
    if (reply.msg->type == JSONRPC_ERROR) {
        char *s = json_to_string(reply.msg->error, JSSF_SORT);

        ovs_fatal(0, "transaction returned error: %s", s);
    }
    if (reply.msg->result->type != JSON_ARRAY
        || reply.msg->result->array.n != n_tables) {
        ovs_fatal(0, "reply is not array of %zu elements",
                  n_tables);
    }
    for (size_t i = 0; i < n_tables; i++) {
        const struct json *op = reply.msg->result->array.elems[i];
        const struct json *rows = op->type == JSON_OBJECT
                                  ? json_object_get(op, "rows") : NULL;

        if (!rows || rows->type != JSON_ARRAY) {
            char *s = json_to_string(op, JSSF_SORT);

            ovs_fatal(0, "%s table reply is not an object with a \"rows\" "
                      "member: %s", tables[i].ts->name, s);
        }
        dump_print_table(&tables[i], rows);
    }

    for (size_t i = 0; i < n_tables; i++) {
        ovsdb_column_set_destroy(&tables[i].columns);
    }
    free(tables);
    received_destroy(&reply);
    fetched_schema_destroy(&fs);
}

/* backup and restore. */

static void
do_backup(struct command_context *ctx, const char *database)
{
    struct ovsdb_log_error *log_error;
    struct fetched_schema fs;
    struct json *transaction, *data;
    const struct shash_node **nodes;
    struct received reply;
    struct ovsdb_log *log;
    size_t n_tables;

    check_no_args(ctx);
    if (isatty(STDOUT_FILENO)) {
        ovs_fatal(0, "not writing backup to a terminal; "
                  "please redirect stdout to a file");
    }
    fetch_schema(ctx->client, database, &fs);

    n_tables = shash_count(&fs.schema->tables);
    nodes = shash_sort(&fs.schema->tables);
    transaction = json_array_create_1(json_string_create(database));
    for (size_t i = 0; i < n_tables; i++) {
        const struct ovsdb_table_schema *ts = nodes[i]->data;
        struct json *op = json_object_create();
        struct json *columns = json_array_create_empty();

        for (size_t j = 0; j < ts->n_columns; j++) {
            const struct ovsdb_column *column = ts->by_index[j];

            if (j != OVSDB_COL_VERSION && column->persistent) {
                json_array_add(columns, json_string_create(column->name));
            }
        }
        json_object_put_string(op, "op", "select");
        json_object_put_string(op, "table", ts->name);
        json_object_put(op, "where", json_array_create_empty());
        json_object_put(op, "columns", columns);
        json_array_add(transaction, op);
    }
    client_transact(ctx->client,
                    jsonrpc_create_request("transact", transaction, NULL),
                    &reply);
    if (reply.msg->type == JSONRPC_ERROR) {
        char *s = json_to_string(reply.msg->error, JSSF_SORT);

        ovs_fatal(0, "transaction returned error: %s", s);
    }
    if (reply.msg->result->type != JSON_ARRAY
        || reply.msg->result->array.n != n_tables) {
        ovs_fatal(0, "reply is not array of %zu elements",
                  n_tables);
    }

    data = json_object_create();
    json_object_put(data, "_date", json_integer_create(time_wall_msec()));
    for (size_t i = 0; i < n_tables; i++) {
        const struct ovsdb_table_schema *ts = nodes[i]->data;
        const struct json *op = reply.msg->result->array.elems[i];
        const struct json *rows = op->type == JSON_OBJECT
                                  ? json_object_get(op, "rows") : NULL;
        struct json *table_json = NULL;

        if (!rows || rows->type != JSON_ARRAY) {
            char *s = json_to_string(op, JSSF_SORT);

            ovs_fatal(0, "%s table reply is not an object with a \"rows\" "
                      "member: %s", ts->name, s);
        }
        for (size_t j = 0; j < rows->array.n; j++) {
            const struct json *row = rows->array.elems[j];
            const struct json *uuid_json;
            struct json *copy;
            struct uuid uuid;

            if (row->type != JSON_OBJECT) {
                ovs_fatal(0, "%s table reply row is not an object",
                          ts->name);
            }
            uuid_json = json_object_get(row, "_uuid");
            if (!uuid_json || uuid_json->type != JSON_ARRAY
                || uuid_json->array.n != 2
                || uuid_json->array.elems[1]->type != JSON_STRING
                || !uuid_from_string(
                       &uuid, json_string(uuid_json->array.elems[1]))) {
                ovs_fatal(0, "%s table reply row lacks _uuid", ts->name);
            }
            copy = json_deep_clone(row);
            json_destroy(shash_find_and_delete(json_object(copy), "_uuid"));
            if (!table_json) {
                table_json = json_object_create();
            }
            json_object_put(table_json,
                            json_string(uuid_json->array.elems[1]), copy);
        }
        if (table_json) {
            json_object_put(data, ts->name, table_json);
        }
    }
    json_object_put(data, "_is_diff", json_boolean_create(true));
    json_object_put_string(data, "_comment",
                           "produced by \"ovsdb-client backup\"");

    log_error = ovsdb_log_open("/dev/stdout", OVSDB_LOG_MAGIC_JSON,
                               OVSDB_LOG_CREATE, false, &log);
    if (!log_error) {
        struct json *schema_json = ovsdb_schema_to_json(fs.schema);

        log_error = ovsdb_log_write_and_free(log, schema_json);
        if (!log_error) {
            log_error = ovsdb_log_write(log, data);
        }
        if (!log_error) {
            log_error = ovsdb_log_commit_block(log);
        }
        ovsdb_log_close(log);
    }
    if (log_error) {
        char *s = ovsdb_log_error_to_string(log_error);

        ovs_fatal(0, "%s", s);
    }

    json_destroy(data);
    free(nodes);
    received_destroy(&reply);
    fetched_schema_destroy(&fs);
}

static struct ovsdb_schema *restore_schema;
static struct json *restore_data;

static void
restore_fatal_log_error(struct ovsdb_log_error *error)
{
    char *s = ovsdb_log_error_to_string(error);

    ovs_fatal(0, "%s", s);
}

/* Opens standard input as a database log.  The log module reads only
 * regular files, so anything else (a pipe, a terminal) is first copied to
 * a temporary file. */
static struct ovsdb_log *
open_stdin_log(void)
{
    struct ovsdb_log_error *log_error;
    struct ovsdb_log *log;
    struct stat st;

    if (fstat(STDIN_FILENO, &st) || !S_ISREG(st.st_mode)) {
        char template[] = "/tmp/ovsdb-client-restore.XXXXXX";
        size_t total = 0;
        char buf[4096];
        ssize_t n;
        int fd = mkstemp(template);

        if (fd < 0) {
            ovs_fatal(errno, "could not create temporary file");
        }
        unlink(template);
        while ((n = read(STDIN_FILENO, buf, sizeof buf)) > 0) {
            if (write(fd, buf, n) != n) {
                ovs_fatal(errno, "%s: write failed", template);
            }
            total += n;
        }
        if (n < 0) {
            ovs_fatal(errno, "/dev/stdin: read failed");
        }
        if (!total) {
            ovs_fatal(0, "ovsdb error: /dev/stdin: cannot identify file "
                      "type");
        }
        if (lseek(fd, 0, SEEK_SET) || dup2(fd, STDIN_FILENO) < 0) {
            ovs_fatal(errno, "%s: seek failed", template);
        }
        close(fd);
    }

    log_error = ovsdb_log_open("/dev/stdin", "JSON|CLUSTER",
                               OVSDB_LOG_READ_ONLY, false, &log);
    if (log_error) {
        restore_fatal_log_error(log_error);
    }
    return log;
}

static void
read_restore_file(void)
{
    struct ovsdb_log_error *log_error;
    struct ovsdb_error *error;
    struct json *json;
    struct ovsdb_log *log = open_stdin_log();

    if (strcmp(ovsdb_log_get_magic(log), OVSDB_LOG_MAGIC_JSON)) {
        ovs_fatal(0, "%s: not a standalone or active-backup database",
                  ovsdb_log_get_name(log));
    }

    log_error = ovsdb_log_read(log, &json);
    if (log_error) {
        restore_fatal_log_error(log_error);
    } else if (!json) {
        ovs_fatal(0, "%s: unexpected end of file", ovsdb_log_get_name(log));
    }
    error = ovsdb_schema_from_json(json, &restore_schema);
    json_destroy(json);
    if (error) {
        char *s = ovsdb_error_to_string_free(error);

        ovs_fatal(0, "%s", s);
    }

    /* The data: each record is a set of changes to apply in order. */
    restore_data = json_object_create();
    for (;;) {
        struct shash_node *node;

        log_error = ovsdb_log_read(log, &json);
        if (log_error) {
            restore_fatal_log_error(log_error);
        }
        if (!json) {
            break;
        }
        if (json->type != JSON_OBJECT) {
            ovs_fatal(0, "%s: transaction record is not an object",
                      ovsdb_log_get_name(log));
        }
        SHASH_FOR_EACH (node, json_object(json)) {
            const struct json *rows = node->data;
            struct shash_node *row_node;
            struct json *table;

            if (node->name[0] == '_'
                || !shash_find(&restore_schema->tables, node->name)) {
                continue;
            }
            if (rows->type != JSON_OBJECT) {
                ovs_fatal(0, "%s: table %s is not an object",
                          ovsdb_log_get_name(log), node->name);
            }
            table = json_object_get(restore_data, node->name);
            if (!table) {
                table = json_object_create();
                json_object_put(restore_data, node->name, table);
            }
            SHASH_FOR_EACH (row_node, json_object(rows)) {
                const struct json *row = row_node->data;
                struct json *old = json_object_get(table, row_node->name);

                if (row->type == JSON_NULL) {
                    json_destroy(shash_find_and_delete(json_object(table),
                                                       row_node->name));
                } else if (row->type != JSON_OBJECT) {
                    ovs_fatal(0, "%s: row %s is not an object",
                              ovsdb_log_get_name(log), row_node->name);
                } else if (!old) {
                    json_object_put(table, row_node->name,
                                    json_deep_clone(row));
                } else {
                    struct shash_node *col;

                    SHASH_FOR_EACH (col, json_object(row)) {
                        json_object_put(old, col->name,
                                        json_clone(col->data));
                    }
                }
            }
        }
        json_destroy(json);
    }
    ovsdb_log_close(log);
}

/* Rewrites every ["uuid", U] in JSON that names a row of the snapshot into
 * ["named-uuid", "rowU"] (with '-' as '_'). */
static struct json *
restore_convert_refs(const struct json *json, const struct sset *uuids)
{
    if (json->type == JSON_ARRAY) {
        if (json->array.n == 2
            && json->array.elems[0]->type == JSON_STRING
            && json->array.elems[1]->type == JSON_STRING
            && !strcmp(json_string(json->array.elems[0]), "uuid")
            && sset_contains(uuids, json_string(json->array.elems[1]))) {
            char *name = xasprintf("row%s",
                                   json_string(json->array.elems[1]));

            for (char *p = name; *p; p++) {
                if (*p == '-') {
                    *p = '_';
                }
            }
            return json_array_create_2(json_string_create("named-uuid"),
                                       json_string_create_nocopy(name));
        } else {
            struct json *copy = json_array_create_empty();

            for (size_t i = 0; i < json->array.n; i++) {
                json_array_add(copy,
                               restore_convert_refs(json->array.elems[i],
                                                    uuids));
            }
            return copy;
        }
    }
    return json_clone(json);
}

static void
do_restore(struct command_context *ctx, const char *database)
{
    struct fetched_schema fs;
    struct json *transaction;
    const struct shash_node **nodes;
    struct received reply;
    struct sset uuids = SSET_INITIALIZER(&uuids);
    struct shash_node *tnode;
    size_t n_tables;

    check_no_args(ctx);
    read_restore_file();
    fetch_schema(ctx->client, database, &fs);
    if (!ovsdb_schema_equal(fs.schema, restore_schema)) {
        struct ds s = DS_EMPTY_INITIALIZER;

        if (strcmp(fs.schema->version, restore_schema->version)) {
            ds_put_format(&s, "backup schema has version \"%s\" but "
                          "database schema has version \"%s\"",
                          restore_schema->version, fs.schema->version);
        } else {
            ds_put_format(&s, "backup schema and database schema are both "
                          "version %s but still differ",
                          fs.schema->version);
        }
        if (!force) {
            ovs_fatal(0, "%s (use --force to override differences, or "
                      "\"ovsdb-client convert\" to change the schema)",
                      ds_cstr(&s));
        }
        VLOG_INFO("%s", ds_cstr(&s));
        ds_destroy(&s);
    }

    SHASH_FOR_EACH (tnode, json_object(restore_data)) {
        struct shash_node *rnode;

        SHASH_FOR_EACH (rnode, json_object(tnode->data)) {
            sset_add(&uuids, rnode->name);
        }
    }

    transaction = json_array_create_1(json_string_create(database));
    n_tables = shash_count(&fs.schema->tables);
    nodes = shash_sort(&fs.schema->tables);
    for (size_t i = 0; i < n_tables; i++) {
        const struct ovsdb_table_schema *ts = nodes[i]->data;
        const struct json *rows = json_object_get(restore_data, ts->name);
        struct json *op = json_object_create();

        json_object_put_string(op, "op", "delete");
        json_object_put_string(op, "table", ts->name);
        json_object_put(op, "where", json_array_create_empty());
        json_array_add(transaction, op);

        if (rows) {
            const struct shash_node **row_nodes = shash_sort(
                json_object(rows));

            for (size_t j = 0; j < shash_count(json_object(rows)); j++) {
                const struct json *row = row_nodes[j]->data;
                struct json *new_row = json_object_create();
                struct shash_node *col;
                char *name;

                SHASH_FOR_EACH (col, json_object(row)) {
                    const struct ovsdb_column *column
                        = ovsdb_table_schema_get_column(ts, col->name);

                    if (column && column->index >= OVSDB_N_STD_COLUMNS
                        && column->persistent) {
                        json_object_put(new_row, col->name,
                                        restore_convert_refs(col->data,
                                                             &uuids));
                    }
                }
                name = xasprintf("row%s", row_nodes[j]->name);
                for (char *p = name; *p; p++) {
                    if (*p == '-') {
                        *p = '_';
                    }
                }
                op = json_object_create();
                json_object_put_string(op, "op", "insert");
                json_object_put_string(op, "table", ts->name);
                json_object_put(op, "uuid-name",
                                json_string_create_nocopy(name));
                json_object_put(op, "row", new_row);
                json_array_add(transaction, op);
            }
            free(row_nodes);
        }
    }
    free(nodes);

    client_transact(ctx->client,
                    jsonrpc_create_request("transact", transaction, NULL),
                    &reply);
    if (reply.msg->type == JSONRPC_ERROR) {
        char *s = json_to_string(reply.msg->error, JSSF_SORT);

        ovs_fatal(0, "transaction returned error: %s", s);
    }
    if (reply.msg->result->type == JSON_ARRAY) {
        const struct json *result = reply.msg->result;

        for (size_t i = 0; i < result->array.n; i++) {
            const struct json *r = result->array.elems[i];
            const struct json *error = r->type == JSON_OBJECT
                                       ? json_object_get(r, "error") : NULL;

            if (error) {
                char *s = json_to_string(r, JSSF_SORT);

                ovs_fatal(0, "transaction returned error: %s", s);
            }
        }
    }
    received_destroy(&reply);
    sset_destroy(&uuids);
    fetched_schema_destroy(&fs);
    ovsdb_schema_destroy(restore_schema);
    json_destroy(restore_data);
}

/* monitor, monitor-cond, monitor-cond-since. */

enum monitor_version {
    MONITOR_V1,                 /* "monitor", "update" notifications. */
    MONITOR_V2,                 /* "monitor_cond", "update2". */
    MONITOR_V3                  /* "monitor_cond_since", "update3". */
};

struct monitored_table {
    const struct ovsdb_table_schema *ts;
    struct ovsdb_column_set columns; /* In the order they are printed. */
};

struct monitor {
    struct client *client;
    enum monitor_version version;
    struct shash tables;        /* Name -> struct monitored_table *. */
    bool captions;              /* Print table names ("ALL")? */
    bool exiting;               /* Asked to exit through unixctl. */
};

/* The columns monitored when a group names none: every column of TS
 * except the implicit ones, by name, then "_version". */
static void
add_default_columns(const struct ovsdb_table_schema *ts,
                    struct svec *names)
{
    const struct ovsdb_column **columns;
    size_t n = 0;

    columns = xmalloc(ts->n_columns * sizeof *columns);
    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        columns[n++] = ts->by_index[i];
    }
    qsort(columns, n, sizeof *columns, compare_columns_by_name);
    for (size_t i = 0; i < n; i++) {
        svec_add(names, columns[i]->name);
    }
    svec_add(names, "_version");
    free(columns);
}

/* Parses the column groups ARGV[0..ARGC-1] for table TS into a JSON array
 * of <monitor-request>s, each with WHERE (if nonnull), and appends the
 * columns to MT. */
static struct json *
parse_monitor_groups(const char *database, struct monitored_table *mt,
                     int argc, char *argv[], const struct json *where,
                     struct sset *mentioned)
{
    struct json *requests = json_array_create_empty();
    const struct ovsdb_table_schema *ts = mt->ts;
    char *all_args[] = { "" };

    if (!argc) {
        argc = 1;
        argv = all_args;
    }
    for (int i = 0; i < argc; i++) {
        static const char *flags[] = { "initial", "insert", "delete",
                                       "modify" };
        bool values[ARRAY_SIZE(flags)] = { true, true, true, true };
        bool any_flag = false;
        struct svec names = SVEC_EMPTY_INITIALIZER;
        struct json *request, *columns;
        char *copy = xstrdup(argv[i]);
        char *save_ptr = NULL;

        for (char *token = strtok_r(copy, ",", &save_ptr); token;
             token = strtok_r(NULL, ",", &save_ptr)) {
            size_t j = ARRAY_SIZE(flags);

            /* Only the negated forms are flags: "initial" alone is the
             * name of a column, as upstream has it. */
            if (token[0] == '!') {
                for (j = 0; j < ARRAY_SIZE(flags); j++) {
                    if (!strcmp(token + 1, flags[j])) {
                        values[j] = false;
                        any_flag = true;
                        break;
                    }
                }
            }
            if (j < ARRAY_SIZE(flags)) {
                continue;
            }
            if (!ovsdb_table_schema_get_column(ts, token)) {
                ovs_fatal(0, "%s: table \"%s\" in %s does not have a "
                          "column named \"%s\"", server, ts->name,
                          database, token);
            }
            svec_add(&names, token);
        }
        free(copy);
        if (!names.n) {
            add_default_columns(ts, &names);
        }

        columns = json_array_create_empty();
        for (size_t j = 0; j < names.n; j++) {
            const char *name = names.names[j];

            if (!sset_add(mentioned, name)) {
                ovs_fatal(0, "%s: column \"%s\" mentioned multiple times",
                          server, name);
            }
            ovsdb_column_set_add(&mt->columns,
                                 ovsdb_table_schema_get_column(ts, name));
            json_array_add(columns, json_string_create(name));
        }
        svec_destroy(&names);

        request = json_object_create();
        json_object_put(request, "columns", columns);
        if (any_flag) {
            struct json *select = json_object_create();

            for (size_t j = 0; j < ARRAY_SIZE(flags); j++) {
                json_object_put(select, flags[j],
                                json_boolean_create(values[j]));
            }
            json_object_put(request, "select", select);
        }
        if (where) {
            json_object_put(request, "where", json_clone(where));
        }
        json_array_add(requests, request);
    }
    return requests;
}

static struct monitored_table *
add_monitored_table(struct monitor *m, const struct ovsdb_table_schema *ts)
{
    struct monitored_table *mt = xmalloc(sizeof *mt);

    mt->ts = ts;
    ovsdb_column_set_init(&mt->columns);
    shash_add(&m->tables, ts->name, mt);
    return mt;
}

/* Adds the cells of the columns of MT found in VALUES (a <row>, or NULL)
 * to ROW of T. */
static void
monitor_fill_row(struct table *t, size_t row,
                 const struct monitored_table *mt, const struct json *values)
{
    if (!values || values->type != JSON_OBJECT) {
        return;
    }
    for (size_t c = 0; c < mt->columns.n; c++) {
        const struct ovsdb_column *column = mt->columns.columns[c];
        const struct json *value = json_object_get(values, column->name);

        if (value) {
            table_cell_set_datum_json(table_cell(t, row, c + 2),
                                      json_clone(value), &column->type);
        }
    }
}

static void
monitor_add_row(struct table *t, const struct monitored_table *mt,
                const char *uuid, const char *action,
                const struct json *values)
{
    size_t row = table_add_row(t);

    table_cell_set_text(table_cell(t, row, 0), uuid);
    table_cell_set_text(table_cell(t, row, 1), action);
    monitor_fill_row(t, row, mt, values);
}

/* Prints the <table-updates> (or <table-updates2>) UPDATES, whose member
 * order ORDER gives. */
static void
monitor_print(struct monitor *m, const struct json *updates,
              const struct json_order *order, bool initial)
{
    const struct shash_node **tables;
    size_t n_tables;

    if (!updates || updates->type != JSON_OBJECT) {
        return;
    }
    tables = json_order_members(order, updates, &n_tables);
    for (size_t i = 0; i < n_tables; i++) {
        const struct monitored_table *mt
            = shash_find_data(&m->tables, tables[i]->name);
        const struct json *table_update = tables[i]->data;
        const struct shash_node **rows;
        struct table t;
        size_t n_rows;

        if (!mt || table_update->type != JSON_OBJECT) {
            continue;
        }
        table_init(&t);
        if (m->captions) {
            table_set_caption(&t, xstrdup(mt->ts->name));
        }
        table_set_timestamp(&t, timestamp);
        table_add_column(&t, "row");
        table_add_column(&t, "action");
        for (size_t c = 0; c < mt->columns.n; c++) {
            table_add_column(&t, mt->columns.columns[c]->name);
        }

        rows = json_order_members(order, table_update, &n_rows);
        for (size_t r = 0; r < n_rows; r++) {
            const char *uuid = rows[r]->name;
            const struct json *ru = rows[r]->data;

            if (ru->type != JSON_OBJECT) {
                continue;
            }
            if (m->version == MONITOR_V1) {
                const struct json *old = json_object_get(ru, "old");
                const struct json *new = json_object_get(ru, "new");

                if (initial) {
                    monitor_add_row(&t, mt, uuid, "initial", new);
                } else if (!old) {
                    monitor_add_row(&t, mt, uuid, "insert", new);
                } else if (!new) {
                    monitor_add_row(&t, mt, uuid, "delete", old);
                } else {
                    monitor_add_row(&t, mt, uuid, "old", old);
                    monitor_add_row(&t, mt, "", "new", new);
                }
            } else {
                static const char *actions[] = { "initial", "insert",
                                                 "delete", "modify" };

                for (size_t j = 0; j < ARRAY_SIZE(actions); j++) {
                    const struct json *values
                        = json_object_get(ru, actions[j]);

                    if (values) {
                        monitor_add_row(&t, mt, uuid, actions[j], values);
                        break;
                    }
                }
            }
        }
        free(rows);

        if (t.n_rows) {
            table_print(&t, &style);
        }
        table_destroy(&t);
    }
    free(tables);
    fflush(stdout);
}

static void
monitor_unixctl_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
                     const char *argv[] OVS_UNUSED, void *m_)
{
    struct monitor *m = m_;

    m->exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
do_monitor__(struct command_context *ctx, const char *database,
             enum monitor_version version)
{
    static const char *methods[] = { "monitor", "monitor_cond",
                                     "monitor_cond_since" };
    struct client *c = ctx->client;
    struct unixctl_server *unixctl;
    struct fetched_schema fs;
    struct json *requests, *params, *where = NULL;
    struct uuid last_id;
    struct received reply;
    struct shash_node *node;
    struct monitor m;
    int argc = ctx->argc;
    char **argv = ctx->argv;
    int error;

    memset(&m, 0, sizeof m);
    m.client = c;
    m.version = version;
    shash_init(&m.tables);
    uuid_zero(&last_id);

    /* Upstream takes at most one group of columns with a condition
     * (counting a LASTID as a group). */
    if ((version == MONITOR_V2 && argc > 3)
        || (version == MONITOR_V3 && argc > 4)) {
        invalid_syntax(ctx->name);
    }
    fetch_schema(c, database, &fs);

    if (version == MONITOR_V3 && argc > 2
        && uuid_from_string(&last_id, argv[0])) {
        argc--;
        argv++;
    }
    if (version != MONITOR_V1) {
        const char *text = argv[0];

        /* Upstream looks up the table before it parses the condition. */
        if (argc < 2) {
            invalid_syntax(ctx->name);
        }
        if (!shash_find(&fs.schema->tables, argv[1])) {
            ovs_fatal(0, "%s does not have a table named \"%s\"",
                      database, argv[1]);
        }
        where = json_from_string(text);
        if (where->type == JSON_STRING) {
            ovs_fatal(0, "\"%s\": %s", text, json_string(where));
        }
        if (where->type != JSON_ARRAY) {
            ovs_fatal(0, "conditions must be an array");
        }
        argc--;
        argv++;
    }
    if (argc < 1) {
        invalid_syntax(ctx->name);
    }

    requests = json_object_create();
    if (version == MONITOR_V1 && !strcmp(argv[0], "ALL")) {
        const struct shash_node **nodes = shash_sort(&fs.schema->tables);

        m.captions = true;
        for (size_t i = 0; i < shash_count(&fs.schema->tables); i++) {
            struct monitored_table *mt = add_monitored_table(&m,
                                                             nodes[i]->data);
            struct sset mentioned = SSET_INITIALIZER(&mentioned);

            json_object_put(requests, mt->ts->name,
                            parse_monitor_groups(database, mt, 0, NULL,
                                                 NULL, &mentioned));
            sset_destroy(&mentioned);
        }
        free(nodes);
    } else {
        const struct ovsdb_table_schema *ts
            = shash_find_data(&fs.schema->tables, argv[0]);
        struct sset mentioned = SSET_INITIALIZER(&mentioned);
        struct monitored_table *mt;

        if (!ts) {
            ovs_fatal(0, "%s: %s does not have a table named \"%s\"",
                      server, database, argv[0]);
        }
        mt = add_monitored_table(&m, ts);
        json_object_put(requests, ts->name,
                        parse_monitor_groups(database, mt, argc - 1,
                                             argv + 1, where, &mentioned));
        sset_destroy(&mentioned);
    }
    json_destroy(where);

    /* Like upstream's, a detached monitor goes on printing to where its
     * standard output pointed. */
    daemon_save_fd(STDOUT_FILENO);
    daemonize_start(false);
    error = unixctl_server_create(NULL, &unixctl);
    if (error) {
        ovs_fatal(error, "failed to create unixctl server");
    }
    unixctl_command_register("exit", "", 0, 0, monitor_unixctl_exit, &m);

    if (db_change_aware) {
        struct received r;

        client_transact(c, jsonrpc_create_request(
                            "set_db_change_aware",
                            json_array_create_1(json_boolean_create(true)),
                            NULL), &r);
        received_destroy(&r);
    }

    params = json_array_create_3(json_string_create(database),
                                 json_null_create(), requests);
    if (version == MONITOR_V3) {
        json_array_add(params,
                       json_string_create_nocopy(uuid_to_string(&last_id)));
    }
    client_transact(c, jsonrpc_create_request(methods[version], params,
                                              NULL), &reply);
    if (reply.msg->type == JSONRPC_ERROR) {
        ovs_fatal(0, "%s", format_server_error(reply.msg->error));
    }
    if (version == MONITOR_V3) {
        const struct json *result = reply.msg->result;

        if (result->type != JSON_ARRAY || result->array.n != 3
            || result->array.elems[1]->type != JSON_STRING) {
            ovs_fatal(0, "%s: invalid monitor_cond_since reply", server);
        }
        printf("found: %s, last_id: %s\n",
               result->array.elems[0]->type == JSON_TRUE ? "true" : "false",
               json_string(result->array.elems[1]));
        monitor_print(&m, result->array.elems[2], reply.order, true);
    } else {
        monitor_print(&m, reply.msg->result, reply.order, true);
    }
    received_destroy(&reply);
    fflush(stdout);
    daemonize_complete();

    while (!m.exiting) {
        struct received r;

        unixctl_server_run(unixctl);
        if (m.exiting) {
            break;
        }
        jsonrpc_run(c->rpc);
        memset(&r, 0, sizeof r);
        error = jsonrpc_recv(c->rpc, &r.msg);
        if (!error) {
            const struct json *params = r.msg->params;

            client_match_text(c, &r);
            if (client_handle_echo(c, &r)) {
                /* Answered. */
            } else if (r.msg->type == JSONRPC_NOTIFY
                       && params && params->type == JSON_ARRAY) {
                const char *method = r.msg->method;

                if (!strcmp(method, "update") && params->array.n == 2
                    && version == MONITOR_V1) {
                    monitor_print(&m, params->array.elems[1], r.order,
                                  false);
                } else if (!strcmp(method, "update2")
                           && params->array.n == 2
                           && version == MONITOR_V2) {
                    monitor_print(&m, params->array.elems[1], r.order,
                                  false);
                } else if (!strcmp(method, "update3")
                           && params->array.n == 3
                           && version == MONITOR_V3
                           && params->array.elems[1]->type == JSON_STRING) {
                    printf("\nlast_id: %s",
                           json_string(params->array.elems[1]));
                    monitor_print(&m, params->array.elems[2], r.order,
                                  false);
                } else if (!strcmp(method, "monitor_canceled")) {
                    ovs_fatal(0, "%s: %s database was removed or "
                              "changed", server, database);
                }
            }
            received_destroy(&r);
            continue;
        } else if (error != EAGAIN) {
            ovs_fatal(error, "%s: receive failed", server);
        }

        unixctl_server_wait(unixctl);
        jsonrpc_wait(c->rpc);
        jsonrpc_recv_wait(c->rpc);
        poll_block();
    }

    unixctl_server_destroy(unixctl);
    SHASH_FOR_EACH (node, &m.tables) {
        struct monitored_table *mt = node->data;

        ovsdb_column_set_destroy(&mt->columns);
        free(mt);
    }
    shash_destroy(&m.tables);
    fetched_schema_destroy(&fs);
}

static void
do_monitor(struct command_context *ctx, const char *database)
{
    do_monitor__(ctx, database, MONITOR_V1);
}

static void
do_monitor_cond(struct command_context *ctx, const char *database)
{
    do_monitor__(ctx, database, MONITOR_V2);
}

static void
do_monitor_cond_since(struct command_context *ctx, const char *database)
{
    do_monitor__(ctx, database, MONITOR_V3);
}

/* lock, steal, unlock. */

struct lock_state {
    struct client *client;
    bool exiting;
};

static void
lock_send(struct client *c, const char *method, const char *lock)
{
    jsonrpc_send(c->rpc, jsonrpc_create_request(
                     method, json_array_create_1(json_string_create(lock)),
                     NULL));
}

static void
lock_unixctl(struct unixctl_conn *conn, int argc OVS_UNUSED,
             const char *argv[], void *ls_)
{
    struct lock_state *ls = ls_;

    lock_send(ls->client, argv[0], argv[1]);
    unixctl_command_reply(conn, NULL);
}

static void
lock_unixctl_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *ls_)
{
    struct lock_state *ls = ls_;

    ls->exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
do_lock__(struct command_context *ctx, const char *method)
{
    struct lock_state ls = { ctx->client, false };
    struct unixctl_server *unixctl;
    bool got_reply = false;
    int error;

    if (ctx->argc != 1) {
        invalid_syntax(ctx->name);
    }

    daemon_save_fd(STDOUT_FILENO);
    daemonize_start(false);
    error = unixctl_server_create(NULL, &unixctl);
    if (error) {
        ovs_fatal(error, "failed to create unixctl server");
    }
    unixctl_command_register("lock", "LOCK", 1, 1, lock_unixctl, &ls);
    unixctl_command_register("steal", "LOCK", 1, 1, lock_unixctl, &ls);
    unixctl_command_register("unlock", "LOCK", 1, 1, lock_unixctl, &ls);
    unixctl_command_register("exit", "", 0, 0, lock_unixctl_exit, &ls);

    lock_send(ctx->client, method, ctx->argv[0]);
    while (!ls.exiting) {
        struct jsonrpc_msg *msg;

        unixctl_server_run(unixctl);
        if (ls.exiting) {
            break;
        }
        jsonrpc_run(ctx->client->rpc);
        error = jsonrpc_recv(ctx->client->rpc, &msg);
        if (!error) {
            struct received r = { msg, NULL, NULL };

            client_match_text(ctx->client, &r);
            if (client_handle_echo(ctx->client, &r)) {
                /* Answered. */
            } else if (msg->type == JSONRPC_REPLY) {
                print_json(msg->result);
                fflush(stdout);
                if (!got_reply) {
                    got_reply = true;
                    daemonize_complete();
                }
            } else if (msg->type == JSONRPC_NOTIFY) {
                puts(msg->method);
                print_json(msg->params);
                fflush(stdout);
            }
            received_destroy(&r);
            continue;
        } else if (error != EAGAIN) {
            ovs_fatal(error, "%s: receive failed", server);
        }
        unixctl_server_wait(unixctl);
        jsonrpc_wait(ctx->client->rpc);
        jsonrpc_recv_wait(ctx->client->rpc);
        poll_block();
    }
    unixctl_server_destroy(unixctl);
}

static void
do_lock(struct command_context *ctx, const char *database OVS_UNUSED)
{
    do_lock__(ctx, "lock");
}

static void
do_steal(struct command_context *ctx, const char *database OVS_UNUSED)
{
    do_lock__(ctx, "steal");
}

static void
do_unlock(struct command_context *ctx, const char *database OVS_UNUSED)
{
    do_lock__(ctx, "unlock");
}

/* convert and needs-conversion. */

static struct ovsdb_schema *local_schema;

static void
prepare_schema_file(struct command_context *ctx)
{
    struct ovsdb_error *error;

    error = ovsdb_schema_from_file(ctx->argv[ctx->argc - 1], &local_schema);
    if (error) {
        char *s = ovsdb_error_to_string_free(error);

        ovs_fatal(0, "%s", s);
    }
}

/* Checks, as upstream does before converting, that the server has the
 * database named in the schema, through the _Server database. */
static void
check_server_has_database(struct client *c, const char *database)
{
    struct json *where, *op;
    struct received reply;
    const struct json *rows = NULL;

    where = json_array_create_1(json_array_create_3(
                                    json_string_create("name"),
                                    json_string_create("=="),
                                    json_string_create(database)));
    op = json_object_create();
    json_object_put_string(op, "op", "select");
    json_object_put_string(op, "table", "Database");
    json_object_put(op, "where", where);
    client_transact(c, jsonrpc_create_request(
                        "transact",
                        json_array_create_2(json_string_create("_Server"),
                                            op), NULL), &reply);
    if (reply.msg->type == JSONRPC_REPLY
        && reply.msg->result->type == JSON_ARRAY
        && reply.msg->result->array.n == 1
        && reply.msg->result->array.elems[0]->type == JSON_OBJECT) {
        rows = json_object_get(reply.msg->result->array.elems[0], "rows");
    }
    if (rows && rows->type == JSON_ARRAY && !rows->array.n) {
        ovs_fatal(0, "%s: server does not have a database named %s",
                  server, database);
    }
    received_destroy(&reply);
}

static void
do_convert(struct command_context *ctx, const char *database OVS_UNUSED)
{
    struct received reply;

    check_server_has_database(ctx->client, local_schema->name);
    if (db_change_aware) {
        struct received r;

        client_transact(ctx->client, jsonrpc_create_request(
                            "set_db_change_aware",
                            json_array_create_1(json_boolean_create(true)),
                            NULL), &r);
        received_destroy(&r);
    }
    client_transact(ctx->client, jsonrpc_create_request(
                        "convert",
                        json_array_create_2(
                            json_string_create(local_schema->name),
                            ovsdb_schema_to_json(local_schema)), NULL),
                    &reply);
    if (reply.msg->type == JSONRPC_ERROR) {
        char *s = json_to_string(reply.msg->error, JSSF_SORT);

        ovs_fatal(0, "%s: %s", server, s);
    }
    received_destroy(&reply);
    ovsdb_schema_destroy(local_schema);
}

static void
do_needs_conversion(struct command_context *ctx,
                    const char *database OVS_UNUSED)
{
    struct fetched_schema fs;

    check_server_has_database(ctx->client, local_schema->name);
    fetch_schema(ctx->client, local_schema->name, &fs);
    puts(ovsdb_schema_equal(fs.schema, local_schema) ? "no" : "yes");
    fetched_schema_destroy(&fs);
    ovsdb_schema_destroy(local_schema);
}

/* wait. */

/* What "wait" has seen of DATABASE in _Server's Database table. */
struct wait_state {
    bool exists;
    bool connected;
};

static void
wait_rows_clear(struct shash *rows)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, rows) {
        json_destroy(node->data);
    }
    shash_clear(rows);
}

static void
wait_apply_update(const struct json *updates, const char *database,
                  struct shash *rows, struct wait_state *ws)
{
    const struct json *table = updates && updates->type == JSON_OBJECT
                               ? json_object_get(updates, "Database") : NULL;
    struct shash_node *node;

    if (table && table->type == JSON_OBJECT) {
        SHASH_FOR_EACH (node, json_object(table)) {
            const struct json *ru = node->data;
            const struct json *new = ru->type == JSON_OBJECT
                                     ? json_object_get(ru, "new") : NULL;

            json_destroy(shash_find_and_delete(rows, node->name));
            if (new && new->type == JSON_OBJECT) {
                shash_add(rows, node->name, json_clone(new));
            }
        }
    }

    ws->exists = ws->connected = false;
    SHASH_FOR_EACH (node, rows) {
        const struct json *row = node->data;
        const struct json *name = json_object_get(row, "name");
        const struct json *connected = json_object_get(row, "connected");

        if (name && name->type == JSON_STRING
            && !strcmp(json_string(name), database)) {
            ws->exists = true;
            ws->connected = connected && connected->type == JSON_TRUE;
        }
    }
}

static void
do_wait(struct command_context *ctx, const char *database OVS_UNUSED)
{
    const char *db_name, *state;
    struct jsonrpc_session *session;
    struct shash rows = SHASH_INITIALIZER(&rows);
    struct wait_state ws = { false, false };
    struct json *request_id = NULL;
    unsigned int seqno = 0;
    bool have_data = false;
    enum { ADDED, CONNECTED, REMOVED } goal;

    if (ctx->argc < 2) {
        invalid_syntax(ctx->name);
    }
    db_name = ctx->argv[ctx->argc - 2];
    state = ctx->argv[ctx->argc - 1];
    if (!strcmp(state, "added")) {
        goal = ADDED;
    } else if (!strcmp(state, "connected")) {
        goal = CONNECTED;
    } else if (!strcmp(state, "removed")) {
        goal = REMOVED;
    } else {
        ovs_fatal(0, "%s: unknown state", state);
    }

    session = jsonrpc_session_open(server, true);
    for (;;) {
        struct jsonrpc_msg *msg;

        if (have_data
            && ((goal == ADDED && ws.exists)
                || (goal == CONNECTED && ws.exists && ws.connected)
                || (goal == REMOVED && !ws.exists))) {
            break;
        }

        jsonrpc_session_run(session);
        if (seqno != jsonrpc_session_get_seqno(session)
            && jsonrpc_session_is_connected(session)) {
            struct json *columns, *request, *params;

            seqno = jsonrpc_session_get_seqno(session);
            wait_rows_clear(&rows);
            have_data = false;
            json_destroy(request_id);

            columns = json_array_create_3(json_string_create("name"),
                                          json_string_create("model"),
                                          json_string_create("connected"));
            request = json_object_create();
            json_object_put(request, "columns", columns);
            params = json_object_create();
            json_object_put(params, "Database", request);
            jsonrpc_session_send(session, jsonrpc_create_request(
                                     "monitor",
                                     json_array_create_3(
                                         json_string_create("_Server"),
                                         json_null_create(), params),
                                     &request_id));
        }

        msg = jsonrpc_session_recv(session);
        if (msg) {
            if (msg->type == JSONRPC_REPLY && request_id
                && json_equal(msg->id, request_id)) {
                wait_rows_clear(&rows);
                wait_apply_update(msg->result, db_name, &rows, &ws);
                have_data = true;
            } else if (msg->type == JSONRPC_ERROR && request_id
                       && json_equal(msg->id, request_id)) {
                char *s = json_to_string(msg->error, JSSF_SORT);

                ovs_fatal(0, "%s: monitor failed: %s", server, s);
            } else if (msg->type == JSONRPC_NOTIFY
                       && !strcmp(msg->method, "update")
                       && msg->params->type == JSON_ARRAY
                       && msg->params->array.n == 2) {
                wait_apply_update(msg->params->array.elems[1], db_name,
                                  &rows, &ws);
            }
            jsonrpc_msg_destroy(msg);
            continue;
        }

        jsonrpc_session_wait(session);
        jsonrpc_session_recv_wait(session);
        poll_block();
    }
    json_destroy(request_id);
    wait_rows_clear(&rows);
    shash_destroy(&rows);
    jsonrpc_session_close(session);
}

static void do_help(struct command_context *, const char *);

static const struct client_command commands[] = {
    /* name,
     *   server, database, own connection,  min, max, min_db_args,
     *   handler, prepare */
    { "list-dbs",
      true, false, false,  0, INT_MAX, 0,
      do_list_dbs, NULL },
    { "get-schema",
      true, true, false,  0, INT_MAX, 0,
      do_get_schema, NULL },
    { "get-schema-version",
      true, true, false,  0, INT_MAX, 0,
      do_get_schema_version, NULL },
    { "get-schema-cksum",
      true, true, false,  0, INT_MAX, 0,
      do_get_schema_cksum, NULL },
    { "list-tables",
      true, true, false,  0, INT_MAX, 0,
      do_list_tables, NULL },
    { "list-columns",
      true, true, false,  0, INT_MAX, 0,
      do_list_columns, NULL },
    { "transact",
      true, false, false,  1, 2, 0,
      do_transact, prepare_transaction },
    { "query",
      true, false, false,  1, 2, 0,
      do_query, prepare_transaction },
    { "monitor",
      true, true, false,  1, INT_MAX, 1,
      do_monitor, NULL },
    { "monitor-cond",
      true, true, false,  2, INT_MAX, 2,
      do_monitor_cond, NULL },
    { "monitor-cond-since",
      true, true, false,  2, INT_MAX, 2,
      do_monitor_cond_since, NULL },
    { "wait",
      true, false, true,  2, 3, 0,
      do_wait, NULL },
    { "convert",
      true, false, false,  1, 2, 0,
      do_convert, prepare_schema_file },
    { "needs-conversion",
      true, false, false,  1, 2, 0,
      do_needs_conversion, prepare_schema_file },
    { "dump",
      true, true, false,  0, INT_MAX, 0,
      do_dump, NULL },
    { "backup",
      true, true, false,  0, INT_MAX, 0,
      do_backup, NULL },
    { "restore",
      true, true, false,  0, INT_MAX, 0,
      do_restore, NULL },
    { "lock",
      true, false, false,  1, INT_MAX, 0,
      do_lock, NULL },
    { "steal",
      true, false, false,  1, INT_MAX, 0,
      do_steal, NULL },
    { "unlock",
      true, false, false,  1, INT_MAX, 0,
      do_unlock, NULL },
    { "help",
      false, false, false,  0, INT_MAX, 0,
      do_help, NULL },
};

static void
do_help(struct command_context *ctx OVS_UNUSED,
        const char *database OVS_UNUSED)
{
    usage();
}

static const struct client_command *
find_command(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
        if (!strcmp(commands[i].name, name)) {
            return &commands[i];
        }
    }
    return NULL;
}

static char *
default_server(void)
{
    return xasprintf("unix:%s/db.sock", ovs_rundir());
}

int
main(int argc, char *argv[])
{
    const struct client_command *command;
    struct command_context ctx;
    char *default_remote = NULL;
    char *database = NULL;

    set_program_name(argv[0]);
    fatal_ignore_sigpipe();
    parse_options(argc, argv);

    if (optind >= argc) {
        ovs_fatal(0, "missing command name; use --help for help");
    }
    command = find_command(argv[optind]);
    if (!command) {
        ovs_fatal(0, "unknown command '%s'; use --help for help",
                  argv[optind]);
    }

    ctx.name = command->name;
    ctx.argc = argc - optind - 1;
    ctx.argv = argv + optind + 1;
    ctx.client = NULL;
    if (ctx.argc < command->min_args || ctx.argc > command->max_args) {
        invalid_syntax(command->name);
    }

    if (command->need_server) {
        if (ctx.argc > command->min_args
            && (!stream_verify_name(ctx.argv[0])
                || !pstream_verify_name(ctx.argv[0]))) {
            server = ctx.argv[0];
            ctx.argc--;
            ctx.argv++;
        } else {
            default_remote = default_server();
            server = default_remote;
        }
    }

    if (command->prepare) {
        command->prepare(&ctx);
    }
    if (command->need_server && !command->own_connection) {
        ctx.client = client_open(server);
    }
    if (command->need_database) {
        database = choose_database(ctx.client, &ctx.argc, &ctx.argv,
                                   command->min_db_args);
    }
    command->handler(&ctx, database);

    client_close(ctx.client);
    free(database);
    free(default_remote);
    return 0;
}

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_START = UCHAR_MAX + 1,
        OPT_TIMESTAMP,
        OPT_DB_CHANGE_AWARE,
        OPT_NO_DB_CHANGE_AWARE,
        OPT_FORCE,
        OPT_NO_LEADER_ONLY,
        OPT_BOOTSTRAP_CA_CERT,
        OPT_SSL_PROTOCOLS,
        OPT_SSL_CIPHERS,
        OPT_RECORD,
        OPT_REPLAY,
        VLOG_OPTION_ENUMS,
        DAEMON_OPTION_ENUMS,
        TABLE_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"timestamp", no_argument, NULL, OPT_TIMESTAMP},
        {"timeout", required_argument, NULL, 't'},
        {"db-change-aware", no_argument, NULL, OPT_DB_CHANGE_AWARE},
        {"no-db-change-aware", no_argument, NULL, OPT_NO_DB_CHANGE_AWARE},
        {"force", no_argument, NULL, OPT_FORCE},
        {"no-leader-only", no_argument, NULL, OPT_NO_LEADER_ONLY},
        {"private-key", required_argument, NULL, 'p'},
        {"certificate", required_argument, NULL, 'c'},
        {"ca-cert", required_argument, NULL, 'C'},
        {"bootstrap-ca-cert", required_argument, NULL,
         OPT_BOOTSTRAP_CA_CERT},
        {"ssl-protocols", required_argument, NULL, OPT_SSL_PROTOCOLS},
        {"ssl-ciphers", required_argument, NULL, OPT_SSL_CIPHERS},
        {"record", optional_argument, NULL, OPT_RECORD},
        {"replay", optional_argument, NULL, OPT_REPLAY},
        VLOG_LONG_OPTIONS,
        DAEMON_LONG_OPTIONS,
        TABLE_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    unsigned int timeout = 0;

    for (;;) {
        int c = getopt_long(argc, argv, "hVt:p:c:C:f:d:v::", long_options,
                            NULL);
        if (c == -1) {
            break;
        }

        switch (c) {
        case 'h':
            usage();

        case 'V':
            ovs_print_version();
            exit(EXIT_SUCCESS);

        case OPT_TIMESTAMP:
            timestamp = true;
            break;

        case 't':
            if (!str_to_uint(optarg, 10, &timeout) || !timeout) {
                ovs_fatal(0, "value %s on -t or --timeout is invalid",
                          optarg);
            }
            break;

        case OPT_DB_CHANGE_AWARE:
            db_change_aware = true;
            break;

        case OPT_NO_DB_CHANGE_AWARE:
            db_change_aware = false;
            break;

        case OPT_FORCE:
            force = true;
            break;

        case OPT_NO_LEADER_ONLY:
            /* Clusters are not supported yet, so every server qualifies. */
            break;

        case 'p':
        case 'c':
        case 'C':
        case OPT_BOOTSTRAP_CA_CERT:
        case OPT_SSL_PROTOCOLS:
        case OPT_SSL_CIPHERS:
            /* SSL is not built in: accepted for compatibility, and an
             * "ssl:" server then fails to connect. */
            break;

        case OPT_RECORD:
        case OPT_REPLAY:
            ovs_fatal(0, "--record and --replay are not supported");

        VLOG_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS
        TABLE_OPTION_HANDLERS(&style)

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }

    if (timeout) {
        alarm(timeout);
    }
}

static void
usage(void)
{
    printf("%s: Open vSwitch database JSON-RPC client\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "\nValid commands are:\n"
           "\n  list-dbs [SERVER]\n"
           "    list databases available on SERVER\n"
           "\n  get-schema [SERVER] [DATABASE]\n"
           "    retrieve schema for DATABASE from SERVER\n"
           "\n  get-schema-version [SERVER] [DATABASE]\n"
           "    retrieve schema for DATABASE from SERVER and report only "
           "its\n"
           "    version number on stdout\n"
           "\n  get-schema-cksum [SERVER] [DATABASE]\n"
           "    retrieve schema for DATABASE from SERVER and report only "
           "its\n"
           "    checksum on stdout\n"
           "\n  list-tables [SERVER] [DATABASE]\n"
           "    list tables for DATABASE on SERVER\n"
           "\n  list-columns [SERVER] [DATABASE] [TABLE]\n"
           "    list columns in TABLE (or all tables) in DATABASE on "
           "SERVER\n"
           "\n  transact [SERVER] TRANSACTION\n"
           "    run TRANSACTION (params for \"transact\" request) on "
           "SERVER\n"
           "    and print the results as JSON on stdout\n"
           "\n  query [SERVER] TRANSACTION\n"
           "    run TRANSACTION (params for \"transact\" request) on "
           "SERVER,\n"
           "    as read-only, and print the results as JSON on stdout\n"
           "\n  monitor [SERVER] [DATABASE] TABLE [COLUMN,...]...\n"
           "    monitor contents of COLUMNs in TABLE in DATABASE on "
           "SERVER.\n"
           "    COLUMNs may include !initial, !insert, !delete, !modify\n"
           "    to avoid seeing the specified kinds of changes.\n"
           "\n  monitor-cond [SERVER] [DATABASE] CONDITION TABLE "
           "[COLUMN,...]...\n"
           "    monitor contents that match CONDITION of COLUMNs in "
           "TABLE in\n"
           "    DATABASE on SERVER.\n"
           "    COLUMNs may include !initial, !insert, !delete, !modify\n"
           "    to avoid seeing the specified kinds of changes.\n"
           "\n  monitor-cond-since [SERVER] [DATABASE] [LASTID] CONDITION "
           "TABLE [COLUMN,...]...\n"
           "    monitor contents that match CONDITION of COLUMNs in "
           "TABLE in\n"
           "    DATABASE on SERVER, since change after LASTID.\n"
           "    LASTID specifies transaction ID after which the "
           "monitoring\n"
           "    starts, which works only for cluster mode. If ignored, "
           "it\n"
           "    defaults to an all-zero uuid.\n"
           "    Other arguments are the same as in monitor-cond.\n"
           "\n  convert [SERVER] SCHEMA\n"
           "    convert database on SERVER named in SCHEMA to SCHEMA.\n"
           "\n  needs-conversion [SERVER] SCHEMA\n"
           "    tests whether SCHEMA's db on SERVER needs conversion.\n"
           "\n  monitor [SERVER] [DATABASE] ALL\n"
           "    monitor all changes to all columns in all tables\n"
           "\n  wait [SERVER] DATABASE STATE\n"
           "    wait until DATABASE reaches STATE (\"added\" or "
           "\"connected\" or \"removed\")\n"
           "    in DATBASE on SERVER.\n"
           "\n  dump [SERVER] [DATABASE]\n"
           "    dump contents of DATABASE on SERVER to stdout\n"
           "\n  backup [SERVER] [DATABASE] > SNAPSHOT\n"
           "    dump database contents in the form of a database file\n"
           "\n  [--force] restore [SERVER] [DATABASE] < SNAPSHOT\n"
           "    restore database contents from a database file\n"
           "\n  lock [SERVER] LOCK\n"
           "    create or wait for LOCK in SERVER\n"
           "\n  steal [SERVER] LOCK\n"
           "    steal LOCK from SERVER\n"
           "\n  unlock [SERVER] LOCK\n"
           "    unlock LOCK from SERVER\n"
           "\nThe default SERVER is unix:%s/db.sock.\n"
           "The default DATABASE is Open_vSwitch.\n",
           ovs_get_program_name(), ovs_get_program_name(), ovs_rundir());
    printf("\nActive SERVER connection methods:\n"
           "  tcp:HOST:PORT           PORT at remote HOST\n"
           "  ssl:HOST:PORT           SSL PORT at remote HOST\n"
           "  unix:FILE               Unix domain socket named FILE\n"
           "Passive SERVER connection methods:\n"
           "  ptcp:PORT[:IP]          listen to TCP PORT on IP\n"
           "  pssl:PORT[:IP]          listen for SSL on PORT on IP\n"
           "  punix:FILE              listen on Unix domain socket FILE\n"
           "PKI configuration (required to use SSL):\n"
           "  -p, --private-key=FILE  file with private key\n"
           "  -c, --certificate=FILE  file with certificate for private "
           "key\n"
           "  -C, --ca-cert=FILE      file with peer CA certificate\n"
           "  --bootstrap-ca-cert=FILE  file with peer CA certificate to "
           "read or create\n"
           "SSL options:\n"
           "  --ssl-protocols=PROTOS  list of SSL protocols to enable\n"
           "  --ssl-ciphers=CIPHERS   list of SSL ciphers to enable\n");
    table_usage();
    printf("  --timestamp                 timestamp \"monitor\" output\n");
    /* Like daemon_usage(), but without the blank line before it. */
    printf("Daemon options:\n"
           "  --detach                run in background as daemon\n"
           "  --monitor               creates a process to monitor this "
           "daemon\n"
           "  --user=username[:group] changes the effective daemon "
           "user:group\n"
           "  --no-chdir              do not chdir to '/'\n"
           "  --pidfile[=FILE]        create pidfile (default: %s/%s.pid)\n"
           "  --overwrite-pidfile     with --pidfile, start even if already "
           "running\n",
           ovs_rundir(), ovs_get_program_name());
    vlog_usage();
    printf("\nReplay options:\n"
           "  --record[=DIR]            turn on writing replay files\n"
           "  --replay[=DIR]            run from replay files\n");
    printf("\nOther options:\n"
           "  -h, --help                  display this help message\n"
           "  -V, --version               display version information\n");
    exit(EXIT_SUCCESS);
}
