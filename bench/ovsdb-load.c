/* ovsdb-load: a load generator for ovsdb-server, ours or upstream's.
 *
 * usage: ovsdb-load [OPTIONS] MODE SERVER
 *
 * SERVER is a JSON-RPC remote such as "unix:/tmp/db.sock".  MODE is one of:
 *
 *   insert   Inserts one row per "transact" request, for --duration
 *            seconds, from --clients connections that each keep
 *            --in-flight requests outstanding.  Prints
 *              tx=N seconds=S tx_per_s=R p50_us=L p99_us=L errors=N
 *            where latencies run from sending a request to receiving its
 *            reply.  --clients=1 --in-flight=1 is the sequential case.
 *
 *   fanout   Opens --monitors connections that each "monitor_cond" the
 *            table's rows with the column at least --seq-start, then
 *            one writer commits --transactions inserts, with --in-flight
 *            of them outstanding.  Prints
 *              tx=N monitors=N seconds=S tx_per_s=R updates_per_s=R
 *              p50_us=L p99_us=L max_us=L
 *            where a transaction's latency runs from sending it to the
 *            moment the last monitor received the row it inserted, and
 *            SECONDS from the first send to the last such moment.
 *
 *   sync     Takes a file name instead of SERVER: appends --transactions
 *            records of 300 bytes to that new file, each followed by
 *            fdatasync(2), as a server that syncs every commit does, and
 *            prints
 *              syncs=N p50_us=L p99_us=L
 *            the latency of the disk under the benchmarks.  The file is
 *            removed afterward.
 *
 *   ready    Connects (retrying while nothing listens yet) and runs a
 *            select that matches no row, retrying until it succeeds or
 *            --timeout passes: exit status 0 means the server has loaded
 *            the database and answers queries.
 *
 * Options: --db=NAME (default Bench), --table=NAME (Item), --column=NAME
 * (seq: the integer column each insert sets), --clients=N (1),
 * --in-flight=K (1), --duration=SECS (5), --monitors=N (100),
 * --transactions=M (1000), --seq-start=N (0: first value inserted),
 * --timeout=SECS (60: give up on fanout or ready), --durable (each
 * insert transaction ends with {"op": "commit", "durable": true}, so that
 * a server that does not sync every commit by itself, as upstream's does
 * not, syncs before it replies).
 *
 * Every connection is multiplexed in one poll loop (poll-loop.h); there
 * are no threads.  The work per message is one JSON serialization or parse
 * and a few lookups, so that one core of this program outruns the server
 * it measures.  "echo" requests from the server are answered, so idle
 * monitors are not disconnected by its inactivity probe. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "json.h"
#include "jsonrpc.h"
#include "poll-loop.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

/* Command-line settings. */
struct load_options {
    const char *db;
    const char *table;
    const char *column;
    int clients;
    int in_flight;
    double duration;
    int monitors;
    int transactions;
    long long int seq_start;
    double timeout;
    bool durable;
};

/* A request sent and not yet answered. */
struct load_pending {
    long long int id;           /* JSON-RPC id of the request. */
    uint64_t sent_ns;           /* When it was queued for sending. */
};

/* One connection to the server. */
struct load_client {
    struct jsonrpc *rpc;
    struct load_pending *pending; /* Ring of 'capacity' entries. */
    size_t capacity;
    size_t head;                /* Index of the oldest pending request. */
    size_t n_pending;
};

/* A growable array of latencies in nanoseconds. */
struct load_samples {
    uint64_t *ns;
    size_t n, allocated;
};

static uint64_t
load_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void
load_samples_add(struct load_samples *s, uint64_t ns)
{
    if (s->n >= s->allocated) {
        s->ns = x2nrealloc(s->ns, &s->allocated, sizeof *s->ns);
    }
    s->ns[s->n++] = ns;
}

static int
load_compare_u64(const void *a_, const void *b_)
{
    uint64_t a = *(const uint64_t *) a_;
    uint64_t b = *(const uint64_t *) b_;

    return a < b ? -1 : a > b;
}

/* Returns the P'th quantile (0 <= P <= 1) of S in microseconds, sorting S
 * first.  Returns 0 for no samples. */
static double
load_quantile_us(struct load_samples *s, double p)
{
    size_t i;

    if (!s->n) {
        return 0;
    }
    qsort(s->ns, s->n, sizeof *s->ns, load_compare_u64);
    i = (size_t) (p * (s->n - 1) + 0.5);
    return s->ns[i] / 1000.0;
}

/* Connects to SERVER, blocking, and returns the new client.  A full listen
 * backlog (EAGAIN on a Unix socket, when many clients connect at once) is
 * retried for up to 10 s.  Exits on failure. */
static void
load_client_open(struct load_client *c, const char *server, size_t capacity)
{
    long long int deadline = time_msec() + 10000;
    struct stream *stream;
    int error;

    for (;;) {
        error = stream_open_block(jsonrpc_stream_open(server, &stream, 0),
                                  10000, &stream);
        if (error != EAGAIN || time_msec() >= deadline) {
            break;
        }
        poll_timer_wait(1);
        poll_block();
    }
    if (error) {
        ovs_fatal(error, "%s: connection failed", server);
    }
    c->rpc = jsonrpc_open(stream);
    c->capacity = capacity;
    c->pending = xcalloc(capacity, sizeof *c->pending);
    c->head = 0;
    c->n_pending = 0;
}

static void
load_client_close(struct load_client *c)
{
    jsonrpc_close(c->rpc);
    free(c->pending);
}

/* Sends MSG, a request, on C and remembers when.  Exits on failure. */
static void
load_client_send(struct load_client *c, struct jsonrpc_msg *msg)
{
    struct load_pending *p;
    int error;

    ovs_assert(c->n_pending < c->capacity);
    p = &c->pending[(c->head + c->n_pending) % c->capacity];
    p->id = json_integer(msg->id);
    p->sent_ns = load_now_ns();
    c->n_pending++;
    error = jsonrpc_send(c->rpc, msg);
    if (error) {
        ovs_fatal(error, "%s: send failed", jsonrpc_get_name(c->rpc));
    }
}

/* Finds and forgets the pending request that REPLY answers.  Returns the
 * time it was sent, or 0 if REPLY answers nothing pending. */
static uint64_t
load_client_match(struct load_client *c, const struct jsonrpc_msg *reply)
{
    long long int id;
    size_t i;

    if (!reply->id || reply->id->type != JSON_INTEGER) {
        return 0;
    }
    id = json_integer(reply->id);
    for (i = 0; i < c->n_pending; i++) {
        struct load_pending *p = &c->pending[(c->head + i) % c->capacity];

        if (p->id == id) {
            uint64_t sent = p->sent_ns;

            /* Replies nearly always come in order, so this is usually the
             * head; otherwise fill the hole with the head. */
            *p = c->pending[c->head];
            c->head = (c->head + 1) % c->capacity;
            c->n_pending--;
            return sent;
        }
    }
    return 0;
}

/* Answers MSG if it is an "echo" request.  Returns true if it was. */
static bool
load_client_handle_echo(struct load_client *c, const struct jsonrpc_msg *msg)
{
    if (msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo")) {
        jsonrpc_send(c->rpc, jsonrpc_create_reply(json_clone(msg->params),
                                                  msg->id));
        return true;
    }
    return false;
}

static void
load_client_wait(struct load_client *c)
{
    jsonrpc_wait(c->rpc);
    jsonrpc_recv_wait(c->rpc);
}

/* Returns the next message received on C, NULL if none is ready.  Exits if
 * the connection failed. */
static struct jsonrpc_msg *
load_client_recv(struct load_client *c)
{
    struct jsonrpc_msg *msg;
    int error;

    jsonrpc_run(c->rpc);
    error = jsonrpc_recv(c->rpc, &msg);
    if (error == EAGAIN) {
        return NULL;
    } else if (error) {
        ovs_fatal(0, "%s: connection lost (%s)", jsonrpc_get_name(c->rpc),
                  ovs_retval_to_string(error));
    }
    return msg;
}

/* True if MSG is a successful reply to a transaction: a reply whose result
 * is an array of operation results, none of them an error. */
static bool
load_tx_succeeded(const struct jsonrpc_msg *msg)
{
    const struct json_array *results;
    size_t i;

    if (msg->type != JSONRPC_REPLY || msg->result->type != JSON_ARRAY) {
        return false;
    }
    results = json_array(msg->result);
    for (i = 0; i < results->n; i++) {
        const struct json *r = results->elems[i];

        if (r->type != JSON_OBJECT || json_object_get(r, "error")) {
            return false;
        }
    }
    return results->n > 0;
}

/* Returns a "transact" request that inserts one row, with SEQ in the
 * configured column, followed with --durable by a "commit" operation with
 * "durable": true, which makes upstream's server sync the database file
 * before it replies (ours always does). */
static struct jsonrpc_msg *
load_make_insert(const struct load_options *o, long long int seq)
{
    struct json *row = json_object_create();
    struct json *op = json_object_create();

    json_object_put(row, o->column, json_integer_create(seq));
    json_object_put_string(op, "op", "insert");
    json_object_put_string(op, "table", o->table);
    json_object_put(op, "row", row);
    if (o->durable) {
        struct json *commit = json_object_create();

        json_object_put_string(commit, "op", "commit");
        json_object_put(commit, "durable", json_boolean_create(true));
        return jsonrpc_create_request(
            "transact", json_array_create_3(json_string_create(o->db), op,
                                            commit),
            NULL);
    }
    return jsonrpc_create_request(
        "transact", json_array_create_2(json_string_create(o->db), op),
        NULL);
}

/* Reports a failed transaction once, then only counts. */
static void
load_report_error(const struct jsonrpc_msg *msg, unsigned long long int n)
{
    if (n == 1) {
        char *s = jsonrpc_msg_to_string(msg);

        fprintf(stderr, "ovsdb-load: transaction failed: %s\n", s);
        free(s);
    }
}

/* Mode "insert". */
static void
load_insert(const struct load_options *o, const char *server)
{
    struct load_samples samples = { NULL, 0, 0 };
    unsigned long long int n_tx = 0, n_errors = 0;
    long long int seq = o->seq_start;
    struct load_client *clients;
    uint64_t start, end, now;
    long long int end_msec, drain_msec;
    size_t n_pending;
    int i;

    clients = xcalloc(o->clients, sizeof *clients);
    for (i = 0; i < o->clients; i++) {
        load_client_open(&clients[i], server, o->in_flight);
    }

    start = load_now_ns();
    end = start + (uint64_t) (o->duration * 1e9);
    end_msec = time_msec() + (long long int) (o->duration * 1000) + 1;
    drain_msec = end_msec + 10000;
    for (;;) {
        now = load_now_ns();
        n_pending = 0;
        for (i = 0; i < o->clients; i++) {
            struct load_client *c = &clients[i];
            struct jsonrpc_msg *msg;

            while ((msg = load_client_recv(c)) != NULL) {
                if (!load_client_handle_echo(c, msg)) {
                    uint64_t sent = load_client_match(c, msg);

                    now = load_now_ns();
                    if (sent && now <= end) {
                        if (load_tx_succeeded(msg)) {
                            n_tx++;
                            load_samples_add(&samples, now - sent);
                        } else {
                            load_report_error(msg, ++n_errors);
                        }
                    }
                }
                jsonrpc_msg_destroy(msg);
            }
            while (now < end && c->n_pending < c->capacity) {
                load_client_send(c, load_make_insert(o, seq++));
            }
            n_pending += c->n_pending;
        }
        if (now >= end && (!n_pending || time_msec() >= drain_msec)) {
            break;
        }
        for (i = 0; i < o->clients; i++) {
            load_client_wait(&clients[i]);
        }
        poll_timer_wait_until(now < end ? end_msec : drain_msec);
        poll_block();
    }

    printf("tx=%llu seconds=%.3f tx_per_s=%.1f p50_us=%.1f p99_us=%.1f "
           "errors=%llu\n", n_tx, o->duration, n_tx / o->duration,
           load_quantile_us(&samples, 0.5), load_quantile_us(&samples, 0.99),
           n_errors);

    for (i = 0; i < o->clients; i++) {
        load_client_close(&clients[i]);
    }
    free(clients);
    free(samples.ns);
}

/* State of mode "fanout". */
struct load_fanout {
    const struct load_options *o;
    uint64_t *sent_ns;          /* Per transaction: when sent, 0 if not. */
    int *seen;                  /* Per transaction: monitors that saw it. */
    struct load_samples samples;
    int n_done;                 /* Transactions seen by every monitor. */
    uint64_t last_done_ns;
};

/* Notes that one monitor received ROW (a row update: {"insert": {...}} and
 * the like for "update2", {"new": {...}} for "update"). */
static void
load_fanout_row(struct load_fanout *f, const struct json *row)
{
    static const char *const kinds[] = { "insert", "initial", "modify",
                                         "new" };
    const struct json *value, *seq;
    long long int i;
    size_t k;

    if (row->type != JSON_OBJECT) {
        return;
    }
    for (k = 0; k < ARRAY_SIZE(kinds); k++) {
        value = json_object_get(row, kinds[k]);
        if (value && value->type == JSON_OBJECT) {
            break;
        }
    }
    if (k >= ARRAY_SIZE(kinds)) {
        return;
    }
    seq = json_object_get(value, f->o->column);
    if (!seq || seq->type != JSON_INTEGER) {
        return;
    }
    i = json_integer(seq) - f->o->seq_start;
    if (i < 0 || i >= f->o->transactions || !f->sent_ns[i]) {
        return;
    }
    if (++f->seen[i] == f->o->monitors) {
        uint64_t now = load_now_ns();

        load_samples_add(&f->samples, now - f->sent_ns[i]);
        f->n_done++;
        f->last_done_ns = now;
    }
}

/* Handles a monitor notification MSG. */
static void
load_fanout_notification(struct load_fanout *f, const struct jsonrpc_msg *msg)
{
    const struct json_array *params;
    const struct json *updates, *table;
    struct shash_node *node;

    if (msg->type != JSONRPC_NOTIFY
        || (strcmp(msg->method, "update2") && strcmp(msg->method, "update"))
        || msg->params->type != JSON_ARRAY) {
        return;
    }
    params = json_array(msg->params);
    if (params->n < 2 || params->elems[1]->type != JSON_OBJECT) {
        return;
    }
    updates = params->elems[1];
    table = json_object_get(updates, f->o->table);
    if (!table || table->type != JSON_OBJECT) {
        return;
    }
    SHASH_FOR_EACH (node, json_object(table)) {
        load_fanout_row(f, node->data);
    }
}

/* Returns a "monitor_cond" request for the rows whose column is at least
 * the first value this run inserts (so that rows already in the table do
 * not inflate the initial reply), the configured column only. */
static struct jsonrpc_msg *
load_make_monitor(const struct load_options *o)
{
    struct json *request = json_object_create();
    struct json *requests = json_object_create();
    struct json *cond;

    cond = json_array_create_3(json_string_create(o->column),
                               json_string_create(">="),
                               json_integer_create(o->seq_start));
    json_object_put(request, "columns",
                    json_array_create_1(json_string_create(o->column)));
    json_object_put(request, "where", json_array_create_1(cond));
    json_object_put(requests, o->table, json_array_create_1(request));
    return jsonrpc_create_request(
        "monitor_cond",
        json_array_create_3(json_string_create(o->db),
                            json_string_create("load"), requests),
        NULL);
}

/* Mode "fanout". */
static void
load_fanout(const struct load_options *o, const char *server)
{
    struct load_fanout f;
    struct load_client *monitors, writer;
    long long int deadline;
    uint64_t start = 0;
    int n_ready, n_sent, i;

    memset(&f, 0, sizeof f);
    f.o = o;
    f.sent_ns = xcalloc(o->transactions, sizeof *f.sent_ns);
    f.seen = xcalloc(o->transactions, sizeof *f.seen);

    /* Set up the monitors and wait for each to answer. */
    monitors = xcalloc(o->monitors, sizeof *monitors);
    for (i = 0; i < o->monitors; i++) {
        load_client_open(&monitors[i], server, 1);
        load_client_send(&monitors[i], load_make_monitor(o));
    }
    deadline = time_msec() + (long long int) (o->timeout * 1000);
    n_ready = 0;
    while (n_ready < o->monitors) {
        for (i = 0; i < o->monitors; i++) {
            struct load_client *c = &monitors[i];
            struct jsonrpc_msg *msg;

            while ((msg = load_client_recv(c)) != NULL) {
                if (!load_client_handle_echo(c, msg)
                    && load_client_match(c, msg)) {
                    if (msg->type != JSONRPC_REPLY) {
                        char *s = jsonrpc_msg_to_string(msg);
                        ovs_fatal(0, "monitor_cond failed: %s", s);
                    }
                    n_ready++;
                }
                jsonrpc_msg_destroy(msg);
            }
            load_client_wait(c);
        }
        if (n_ready >= o->monitors) {
            break;
        } else if (time_msec() >= deadline) {
            ovs_fatal(0, "timed out setting up monitors (%d of %d ready)",
                      n_ready, o->monitors);
        }
        poll_timer_wait_until(deadline);
        poll_block();
    }

    /* Commit the transactions and follow them to every monitor. */
    load_client_open(&writer, server, o->in_flight);
    deadline = time_msec() + (long long int) (o->timeout * 1000);
    n_sent = 0;
    while (f.n_done < o->transactions) {
        struct jsonrpc_msg *msg;

        while ((msg = load_client_recv(&writer)) != NULL) {
            if (!load_client_handle_echo(&writer, msg)
                && load_client_match(&writer, msg)
                && !load_tx_succeeded(msg)) {
                char *s = jsonrpc_msg_to_string(msg);
                ovs_fatal(0, "transaction failed: %s", s);
            }
            jsonrpc_msg_destroy(msg);
        }
        while (n_sent < o->transactions
               && writer.n_pending < writer.capacity) {
            load_client_send(&writer,
                             load_make_insert(o, o->seq_start + n_sent));
            f.sent_ns[n_sent] = writer.pending[(writer.head
                                                + writer.n_pending - 1)
                                               % writer.capacity].sent_ns;
            if (!start) {
                start = f.sent_ns[n_sent];
            }
            n_sent++;
        }
        for (i = 0; i < o->monitors; i++) {
            struct load_client *c = &monitors[i];

            while ((msg = load_client_recv(c)) != NULL) {
                if (!load_client_handle_echo(c, msg)) {
                    load_fanout_notification(&f, msg);
                }
                jsonrpc_msg_destroy(msg);
            }
            load_client_wait(c);
        }
        if (f.n_done >= o->transactions) {
            break;
        }
        if (time_msec() >= deadline) {
            ovs_fatal(0, "timed out: %d of %d transactions reached every "
                      "monitor", f.n_done, o->transactions);
        }
        load_client_wait(&writer);
        poll_timer_wait_until(deadline);
        poll_block();
    }

    {
        double seconds = (f.last_done_ns - start) / 1e9;

        printf("tx=%d monitors=%d seconds=%.3f tx_per_s=%.1f "
               "updates_per_s=%.1f p50_us=%.1f p99_us=%.1f max_us=%.1f\n",
               o->transactions, o->monitors, seconds,
               o->transactions / seconds,
               (double) o->transactions * o->monitors / seconds,
               load_quantile_us(&f.samples, 0.5),
               load_quantile_us(&f.samples, 0.99),
               load_quantile_us(&f.samples, 1.0));
    }

    load_client_close(&writer);
    for (i = 0; i < o->monitors; i++) {
        load_client_close(&monitors[i]);
    }
    free(monitors);
    free(f.sent_ns);
    free(f.seen);
    free(f.samples.ns);
}

/* Mode "sync". */
static void
load_sync(const struct load_options *o, const char *file_name)
{
    struct load_samples samples = { NULL, 0, 0 };
    char record[300];
    int fd, i;

    memset(record, 'x', sizeof record);
    record[sizeof record - 1] = '\n';
    fd = open(file_name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        ovs_fatal(errno, "%s: create failed", file_name);
    }
    for (i = 0; i < o->transactions; i++) {
        uint64_t start = load_now_ns();

        if (write(fd, record, sizeof record) != sizeof record
            || fdatasync(fd)) {
            int error = errno;

            unlink(file_name);
            ovs_fatal(error, "%s: write or fdatasync failed", file_name);
        }
        load_samples_add(&samples, load_now_ns() - start);
    }
    close(fd);
    unlink(file_name);
    printf("syncs=%d p50_us=%.1f p99_us=%.1f\n", o->transactions,
           load_quantile_us(&samples, 0.5), load_quantile_us(&samples, 0.99));
    free(samples.ns);
}

/* Returns a "transact" request with a select that matches no row. */
static struct jsonrpc_msg *
load_make_probe(const struct load_options *o)
{
    struct json *op = json_object_create();
    struct json *cond;

    cond = json_array_create_3(
        json_string_create("_uuid"), json_string_create("=="),
        json_array_create_2(
            json_string_create("uuid"),
            json_string_create("00000000-0000-0000-0000-000000000000")));
    json_object_put_string(op, "op", "select");
    json_object_put_string(op, "table", o->table);
    json_object_put(op, "where", json_array_create_1(cond));
    return jsonrpc_create_request(
        "transact", json_array_create_2(json_string_create(o->db), op),
        NULL);
}

/* Mode "ready". */
static void
load_ready(const struct load_options *o, const char *server)
{
    long long int deadline = time_msec() + (long long int) (o->timeout
                                                            * 1000);

    for (;;) {
        struct stream *stream;
        int error;

        error = stream_open_block(jsonrpc_stream_open(server, &stream, 0),
                                  1000, &stream);
        if (!error) {
            struct jsonrpc *rpc = jsonrpc_open(stream);
            struct jsonrpc_msg *reply;

            error = jsonrpc_transact_block(rpc, load_make_probe(o), &reply);
            if (!error) {
                bool ok = load_tx_succeeded(reply);

                jsonrpc_msg_destroy(reply);
                if (ok) {
                    jsonrpc_close(rpc);
                    return;
                }
            }
            jsonrpc_close(rpc);
        }
        if (time_msec() >= deadline) {
            ovs_fatal(0, "%s: no answer after %g s", server, o->timeout);
        }
        poll_timer_wait(1);
        poll_block();
    }
}

static void
load_usage(void)
{
    printf("%s: ovsdb-server load generator\n"
           "usage: %s [OPTIONS] insert|fanout|ready SERVER\n"
           "       %s [--transactions=M] sync FILE\n"
           "  --db=NAME            database (default: Bench)\n"
           "  --table=NAME         table (default: Item)\n"
           "  --column=NAME        integer column to insert (default: seq)\n"
           "  --clients=N          insert: connections (default: 1)\n"
           "  --in-flight=K        requests outstanding per connection "
           "(default: 1)\n"
           "  --duration=SECS      insert: how long (default: 5)\n"
           "  --monitors=N         fanout: monitoring clients "
           "(default: 100)\n"
           "  --transactions=M     fanout: transactions (default: 1000)\n"
           "  --seq-start=N        first value inserted (default: 0)\n"
           "  --timeout=SECS       fanout, ready: give up after "
           "(default: 60)\n"
           "  --durable            insert, fanout: ask for durable "
           "commits\n",
           ovs_get_program_name(), ovs_get_program_name(),
           ovs_get_program_name());
}

static int
load_parse_positive(const char *name, const char *s)
{
    int value;

    if (!str_to_int(s, 10, &value) || value <= 0) {
        ovs_fatal(0, "--%s: \"%s\" is not a positive integer", name, s);
    }
    return value;
}

static double
load_parse_seconds(const char *name, const char *s)
{
    double value;

    if (!str_to_double(s, &value) || !(value > 0) || value > 1e6) {
        ovs_fatal(0, "--%s: \"%s\" is not a positive number", name, s);
    }
    return value;
}

int
main(int argc, char *argv[])
{
    enum {
        OPT_DB = UCHAR_MAX + 1, OPT_TABLE, OPT_COLUMN, OPT_CLIENTS,
        OPT_IN_FLIGHT, OPT_DURATION, OPT_MONITORS, OPT_TRANSACTIONS,
        OPT_SEQ_START, OPT_TIMEOUT, OPT_DURABLE
    };
    static const struct option long_options[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"table", required_argument, NULL, OPT_TABLE},
        {"column", required_argument, NULL, OPT_COLUMN},
        {"clients", required_argument, NULL, OPT_CLIENTS},
        {"in-flight", required_argument, NULL, OPT_IN_FLIGHT},
        {"duration", required_argument, NULL, OPT_DURATION},
        {"monitors", required_argument, NULL, OPT_MONITORS},
        {"transactions", required_argument, NULL, OPT_TRANSACTIONS},
        {"seq-start", required_argument, NULL, OPT_SEQ_START},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"durable", no_argument, NULL, OPT_DURABLE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct load_options o = {
        .db = "Bench", .table = "Item", .column = "seq",
        .clients = 1, .in_flight = 1, .duration = 5, .monitors = 100,
        .transactions = 1000, .seq_start = 0, .timeout = 60,
    };
    const char *mode, *server;

    set_program_name(argv[0]);
    /* The connections' own warnings (e.g. a server that went away) would
     * only repeat what this program reports. */
    vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_ERR);
    for (;;) {
        int c = getopt_long(argc, argv, "h", long_options, NULL);

        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_DB: o.db = optarg; break;
        case OPT_TABLE: o.table = optarg; break;
        case OPT_COLUMN: o.column = optarg; break;
        case OPT_CLIENTS:
            o.clients = load_parse_positive("clients", optarg);
            break;
        case OPT_IN_FLIGHT:
            o.in_flight = load_parse_positive("in-flight", optarg);
            break;
        case OPT_DURATION:
            o.duration = load_parse_seconds("duration", optarg);
            break;
        case OPT_MONITORS:
            o.monitors = load_parse_positive("monitors", optarg);
            break;
        case OPT_TRANSACTIONS:
            o.transactions = load_parse_positive("transactions", optarg);
            break;
        case OPT_SEQ_START:
            if (!str_to_llong(optarg, 10, &o.seq_start)) {
                ovs_fatal(0, "--seq-start: \"%s\" is not an integer",
                          optarg);
            }
            break;
        case OPT_TIMEOUT:
            o.timeout = load_parse_seconds("timeout", optarg);
            break;
        case OPT_DURABLE:
            o.durable = true;
            break;
        case 'h':
            load_usage();
            exit(EXIT_SUCCESS);
        default:
            exit(EXIT_FAILURE);
        }
    }
    if (argc - optind != 2) {
        ovs_fatal(0, "exactly two arguments (MODE SERVER) required; "
                  "use --help for help");
    }
    mode = argv[optind];
    server = argv[optind + 1];

    if (!strcmp(mode, "insert")) {
        load_insert(&o, server);
    } else if (!strcmp(mode, "fanout")) {
        load_fanout(&o, server);
    } else if (!strcmp(mode, "ready")) {
        load_ready(&o, server);
    } else if (!strcmp(mode, "sync")) {
        load_sync(&o, server);
    } else {
        ovs_fatal(0, "unknown mode \"%s\" (use insert, fanout, sync or "
                  "ready)", mode);
    }
    return 0;
}
