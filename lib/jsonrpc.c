/* jsonrpc.c: JSON-RPC messages, connections and sessions (see jsonrpc.h). */
#include <config.h>
#include "jsonrpc.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include "dynamic-string.h"
#include "json.h"
#include "list.h"
#include "poll-loop.h"
#include "reconnect.h"
#include "shash.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(jsonrpc);

/* For everything a peer can make us log. */
static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);

/* Messages. */

static const char *const type_names[] = {
    [JSONRPC_REQUEST] = "request",
    [JSONRPC_NOTIFY] = "notification",
    [JSONRPC_REPLY] = "reply",
    [JSONRPC_ERROR] = "error",
};

const char *
jsonrpc_msg_type_to_string(enum jsonrpc_msg_type type)
{
    return type < ARRAY_SIZE(type_names) ? type_names[type] : "(unknown)";
}

static struct jsonrpc_msg *
jsonrpc_msg_create(enum jsonrpc_msg_type type, const char *method,
                   struct json *params, struct json *result,
                   struct json *error, struct json *id)
{
    struct jsonrpc_msg *msg = xmalloc(sizeof *msg);

    msg->type = type;
    msg->method = nullable_xstrdup(method);
    msg->params = params;
    msg->result = result;
    msg->error = error;
    msg->id = id;
    return msg;
}

static struct json *
jsonrpc_create_id(void)
{
    static atomic_uint next_id;
    unsigned int id = atomic_fetch_add(&next_id, 1);

    return json_integer_create(id);
}

struct jsonrpc_msg *
jsonrpc_create_request(const char *method, struct json *params,
                       struct json **idp)
{
    struct json *id = jsonrpc_create_id();

    if (idp) {
        *idp = json_clone(id);
    }
    return jsonrpc_msg_create(JSONRPC_REQUEST, method, params, NULL, NULL,
                              id);
}

struct jsonrpc_msg *
jsonrpc_create_notify(const char *method, struct json *params)
{
    return jsonrpc_msg_create(JSONRPC_NOTIFY, method, params, NULL, NULL,
                              NULL);
}

struct jsonrpc_msg *
jsonrpc_create_reply(struct json *result, const struct json *id)
{
    return jsonrpc_msg_create(JSONRPC_REPLY, NULL, NULL, result, NULL,
                              json_clone(id));
}

struct jsonrpc_msg *
jsonrpc_create_error(struct json *error, const struct json *id)
{
    return jsonrpc_msg_create(JSONRPC_ERROR, NULL, NULL, NULL, error,
                              json_clone(id));
}

void
jsonrpc_msg_destroy(struct jsonrpc_msg *msg)
{
    if (msg) {
        free(msg->method);
        json_destroy(msg->params);
        json_destroy(msg->result);
        json_destroy(msg->error);
        json_destroy(msg->id);
        free(msg);
    }
}

/* Which members each type of message must and must not have.  The order of
 * the members here is the order in which they are checked, so that the
 * first complaint is the same one upstream gives. */
enum member_rule { MUST, MUST_NOT };
struct member_rules {
    enum member_rule method, params, result, error, id;
};
static const struct member_rules rules[] = {
    [JSONRPC_REQUEST] = { MUST, MUST, MUST_NOT, MUST_NOT, MUST },
    [JSONRPC_NOTIFY] = { MUST, MUST, MUST_NOT, MUST_NOT, MUST_NOT },
    [JSONRPC_REPLY] = { MUST_NOT, MUST_NOT, MUST, MUST_NOT, MUST },
    [JSONRPC_ERROR] = { MUST_NOT, MUST_NOT, MUST_NOT, MUST, MUST },
};

static char *
check_member(enum jsonrpc_msg_type type, const char *name, bool present,
             enum member_rule rule)
{
    if (present != (rule == MUST)) {
        return xasprintf("%s %s \"%s\"", jsonrpc_msg_type_to_string(type),
                         rule == MUST ? "must have" : "must not have", name);
    }
    return NULL;
}

char *
jsonrpc_msg_is_valid(const struct jsonrpc_msg *m)
{
    const struct member_rules *r;
    char *error;

    if (m->type >= ARRAY_SIZE(rules)) {
        return xstrdup("unknown message type");
    }
    if (m->params && m->params->type != JSON_ARRAY) {
        return xstrdup("\"params\" must be JSON array");
    }

    r = &rules[m->type];
    if ((error = check_member(m->type, "method", m->method != NULL,
                              r->method))
        || (error = check_member(m->type, "params", m->params != NULL,
                                 r->params))
        || (error = check_member(m->type, "result", m->result != NULL,
                                 r->result))
        || (error = check_member(m->type, "error", m->error != NULL,
                                 r->error))
        || (error = check_member(m->type, "id", m->id != NULL, r->id))) {
        return error;
    }
    return NULL;
}

/* Removes member NAME from OBJECT and returns its value, treating a JSON
 * null like an absent member. */
static struct json *
pull_member(struct shash *object, const char *name)
{
    struct json *value = shash_find_and_delete(object, name);

    if (value && value->type == JSON_NULL) {
        json_destroy(value);
        value = NULL;
    }
    return value;
}

char *
jsonrpc_msg_from_json(struct json *json, struct jsonrpc_msg **msgp)
{
    struct json *method, *params, *result, *error, *id;
    struct jsonrpc_msg *msg;
    struct shash *object;
    char *problem = NULL;

    *msgp = NULL;
    if (json->type != JSON_OBJECT) {
        json_destroy(json);
        return xstrdup("message is not a JSON object");
    }
    object = json_object(json);

    method = shash_find_and_delete(object, "method");
    if (method && method->type != JSON_STRING) {
        problem = xstrdup("method is not a JSON string");
        goto exit;
    }
    params = pull_member(object, "params");
    result = pull_member(object, "result");
    error = pull_member(object, "error");
    id = pull_member(object, "id");

    msg = jsonrpc_msg_create(result ? JSONRPC_REPLY
                             : error ? JSONRPC_ERROR
                             : id ? JSONRPC_REQUEST
                             : JSONRPC_NOTIFY,
                             method ? json_string(method) : NULL,
                             params, result, error, id);
    if (!shash_is_empty(object)) {
        problem = xasprintf("message has unexpected member \"%s\"",
                            shash_first(object)->name);
    } else {
        problem = jsonrpc_msg_is_valid(msg);
    }
    if (problem) {
        jsonrpc_msg_destroy(msg);
    } else {
        *msgp = msg;
    }

exit:
    json_destroy(method);
    json_destroy(json);
    return problem;
}

struct json *
jsonrpc_msg_to_json(struct jsonrpc_msg *m)
{
    struct json *json = json_object_create();

    if (m->method) {
        json_object_put(json, "method", json_string_create_nocopy(m->method));
        m->method = NULL;
    }
    if (m->params) {
        json_object_put(json, "params", m->params);
        m->params = NULL;
    }
    if (m->result) {
        json_object_put(json, "result", m->result);
        m->result = NULL;
    }
    if (m->type == JSONRPC_ERROR) {
        json_object_put(json, "error",
                        m->error ? m->error : json_null_create());
        m->error = NULL;
    } else if (m->type == JSONRPC_REPLY) {
        json_object_put(json, "error", json_null_create());
    }
    if (m->id) {
        json_object_put(json, "id", m->id);
        m->id = NULL;
    } else if (m->type == JSONRPC_NOTIFY) {
        json_object_put(json, "id", json_null_create());
    }

    jsonrpc_msg_destroy(m);
    return json;
}

/* Serializing a message without building its JSON object.
 *
 * jsonrpc_msg_to_ds() writes the same bytes as serializing the object
 * that jsonrpc_msg_to_json() builds, whose members come out in the order
 * of its hash table.  That order depends only on which members are
 * present, so it is found once for each of the 2**5 combinations, by
 * building such an object with null members, and then reused. */

enum { MSG_METHOD, MSG_PARAMS, MSG_RESULT, MSG_ERROR, MSG_ID, MSG_N };
static const char *const msg_member_names[MSG_N] = {
    "method", "params", "result", "error", "id"
};
static uint8_t msg_member_order[1 << MSG_N][MSG_N];

static void
msg_member_order_init(void)
{
    for (unsigned int mask = 0; mask < (1u << MSG_N); mask++) {
        struct json *object = json_object_create();
        struct shash_node *node;
        size_t n = 0;

        /* The same insertions, in the same order, as
         * jsonrpc_msg_to_json(). */
        for (int i = 0; i < MSG_N; i++) {
            if (mask & (1u << i)) {
                json_object_put(object, msg_member_names[i],
                                json_null_create());
            }
        }
        SHASH_FOR_EACH (node, json_object(object)) {
            for (int i = 0; i < MSG_N; i++) {
                if (!strcmp(node->name, msg_member_names[i])) {
                    msg_member_order[mask][n++] = i;
                }
            }
        }
        json_destroy(object);
    }
}

void
jsonrpc_msg_to_ds(const struct jsonrpc_msg *m, struct ds *ds)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    const struct json *values[MSG_N];
    struct json null = { .type = JSON_NULL };
    unsigned int mask = 0;
    int n = 0;

    pthread_once(&once, msg_member_order_init);

    memset(values, 0, sizeof values);
    values[MSG_PARAMS] = m->params;
    values[MSG_RESULT] = m->result;
    if (m->type == JSONRPC_ERROR) {
        values[MSG_ERROR] = m->error ? m->error : &null;
    } else if (m->type == JSONRPC_REPLY) {
        values[MSG_ERROR] = &null;
    }
    values[MSG_ID] = (m->id ? m->id
                      : m->type == JSONRPC_NOTIFY ? &null : NULL);
    for (int i = 0; i < MSG_N; i++) {
        if (values[i] || (i == MSG_METHOD && m->method)) {
            mask |= 1u << i;
            n++;
        }
    }

    ds_put_char(ds, '{');
    for (int k = 0; k < n; k++) {
        int i = msg_member_order[mask][k];

        if (k) {
            ds_put_char(ds, ',');
        }
        ds_put_char(ds, '"');
        ds_put_cstr(ds, msg_member_names[i]);
        ds_put_cstr(ds, "\":");
        if (i == MSG_METHOD) {
            struct json method = { .type = JSON_STRING,
                                   .string = m->method };
            json_to_ds(&method, 0, ds);
        } else {
            json_to_ds(values[i], 0, ds);
        }
    }
    ds_put_char(ds, '}');
}

/* Appends ", NAME=VALUE" (without the comma for the first) to S. */
static void
put_member(struct ds *s, const char *name, const struct json *value)
{
    if (value) {
        ds_put_format(s, ", %s=", name);
        json_to_ds(value, 0, s);
    }
}

char *
jsonrpc_msg_to_string(const struct jsonrpc_msg *m)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_cstr(&s, jsonrpc_msg_type_to_string(m->type));
    if (m->method) {
        struct json *method = json_string_create(m->method);
        put_member(&s, "method", method);
        json_destroy(method);
    }
    put_member(&s, "params", m->params);
    put_member(&s, "result", m->result);
    put_member(&s, "error", m->error);
    put_member(&s, "id", m->id);
    return ds_steal_cstr(&s);
}

/* Connections. */

/* One queued chunk of output. */
struct jsonrpc_output {
    struct ovs_list node;       /* In struct jsonrpc's 'output'. */
    char *data;                 /* JSON text of one message. */
    size_t size;                /* Bytes in 'data'. */
    size_t ofs;                 /* Bytes of 'data' already sent. */
};

struct jsonrpc {
    struct stream *stream;
    char *name;
    int status;                 /* 0, or the sticky error. */

    /* Input. */
    char input[4096];           /* Bytes read but not yet parsed. */
    size_t input_ofs, input_len;
    struct json_parser *parser; /* Parser for the message being read. */
    size_t msg_size;            /* Bytes fed to 'parser' so far. */
    size_t max_msg_size;        /* Limit on 'msg_size', 0 for none. */
    unsigned long long int received_bytes;

    /* Output. */
    struct ovs_list output;     /* Of struct jsonrpc_output. */
    size_t backlog;             /* Unsent bytes in 'output'. */
};

static void jsonrpc_error(struct jsonrpc *, int error);
static void jsonrpc_log_msg(const struct jsonrpc *, const char *title,
                            const struct jsonrpc_msg *);

int
jsonrpc_stream_open(const char *name, struct stream **streamp, uint8_t dscp)
{
    return stream_open_with_default_port(name, OVSDB_PORT, streamp, dscp);
}

int
jsonrpc_pstream_open(const char *name, struct pstream **pstreamp,
                     uint8_t dscp)
{
    return pstream_open_with_default_port(name, OVSDB_PORT, pstreamp, dscp);
}

struct jsonrpc *
jsonrpc_open(struct stream *stream)
{
    struct jsonrpc *rpc = xzalloc(sizeof *rpc);

    ovs_assert(stream != NULL);
    rpc->stream = stream;
    rpc->name = xstrdup(stream_get_name(stream));
    rpc->max_msg_size = JSONRPC_DEFAULT_MAX_MSG_SIZE;
    ovs_list_init(&rpc->output);
    return rpc;
}

static void
jsonrpc_clear_output(struct jsonrpc *rpc)
{
    struct jsonrpc_output *out;

    LIST_FOR_EACH_POP (out, node, &rpc->output) {
        free(out->data);
        free(out);
    }
    rpc->backlog = 0;
}

void
jsonrpc_close(struct jsonrpc *rpc)
{
    if (rpc) {
        stream_close(rpc->stream);
        if (rpc->parser) {
            json_parser_abort(rpc->parser);
        }
        jsonrpc_clear_output(rpc);
        free(rpc->name);
        free(rpc);
    }
}

void
jsonrpc_run(struct jsonrpc *rpc)
{
    if (rpc->status) {
        return;
    }

    stream_run(rpc->stream);
    while (!ovs_list_is_empty(&rpc->output)) {
        struct jsonrpc_output *out = CONTAINER_OF(ovs_list_front(&rpc->output),
                                                  struct jsonrpc_output, node);
        ssize_t n = stream_send(rpc->stream, out->data + out->ofs,
                                out->size - out->ofs);
        if (n >= 0) {
            out->ofs += n;
            rpc->backlog -= n;
            if (out->ofs >= out->size) {
                ovs_list_remove(&out->node);
                free(out->data);
                free(out);
            }
        } else {
            if (n != -EAGAIN) {
                VLOG_WARN_RL(&rl, "%s: send error: %s", rpc->name,
                             ovs_strerror(-n));
                jsonrpc_error(rpc, -n);
            }
            break;
        }
    }
}

void
jsonrpc_wait(struct jsonrpc *rpc)
{
    if (!rpc->status) {
        stream_run_wait(rpc->stream);
        if (!ovs_list_is_empty(&rpc->output)) {
            stream_send_wait(rpc->stream);
        }
    }
}

int
jsonrpc_get_status(const struct jsonrpc *rpc)
{
    return rpc->status;
}

size_t
jsonrpc_get_backlog(const struct jsonrpc *rpc)
{
    return rpc->status ? 0 : rpc->backlog;
}

unsigned long long int
jsonrpc_get_received_bytes(const struct jsonrpc *rpc)
{
    return rpc->received_bytes;
}

const char *
jsonrpc_get_name(const struct jsonrpc *rpc)
{
    return rpc->name;
}

void
jsonrpc_set_max_msg_size(struct jsonrpc *rpc, size_t max)
{
    rpc->max_msg_size = max;
}

int
jsonrpc_send(struct jsonrpc *rpc, struct jsonrpc_msg *msg)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    size_t n;

    if (rpc->status) {
        jsonrpc_msg_destroy(msg);
        return rpc->status;
    }

    jsonrpc_log_msg(rpc, "send", msg);
    jsonrpc_msg_to_ds(msg, &ds);
    jsonrpc_msg_destroy(msg);
    n = ds.length;
    return jsonrpc_send_text(rpc, ds_steal_cstr(&ds), n);
}

int
jsonrpc_send_text(struct jsonrpc *rpc, char *text, size_t n)
{
    struct jsonrpc_output *out;

    if (rpc->status) {
        free(text);
        return rpc->status;
    }

    out = xmalloc(sizeof *out);
    out->data = text;
    out->size = n;
    out->ofs = 0;
    ovs_list_push_back(&rpc->output, &out->node);
    rpc->backlog += out->size;
    if (rpc->backlog == out->size) {
        jsonrpc_run(rpc);
    }
    return rpc->status;
}

/* Handles the complete JSON value that the parser holds.  Returns true if a
 * message was stored in *MSGP, false if RPC failed instead. */
static bool
jsonrpc_received(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    struct json *json = json_parser_finish(rpc->parser);
    struct jsonrpc_msg *msg;
    char *error;

    rpc->parser = NULL;
    rpc->msg_size = 0;
    if (json->type == JSON_STRING) {
        VLOG_WARN_RL(&rl, "%s: error parsing stream: %s", rpc->name,
                     json_string(json));
        json_destroy(json);
        jsonrpc_error(rpc, EPROTO);
        return false;
    }

    error = jsonrpc_msg_from_json(json, &msg);
    if (error) {
        VLOG_WARN_RL(&rl, "%s: received bad JSON-RPC message: %s",
                     rpc->name, error);
        free(error);
        jsonrpc_error(rpc, EPROTO);
        return false;
    }

    jsonrpc_log_msg(rpc, "received", msg);
    *msgp = msg;
    return true;
}

int
jsonrpc_recv(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    int i;

    *msgp = NULL;
    if (rpc->status) {
        return rpc->status;
    }

    /* Bound the work done in one call, so that a fast peer cannot starve
     * the rest of the main loop. */
    for (i = 0; i < 50; i++) {
        if (!rpc->input_len) {
            ssize_t n = stream_recv(rpc->stream, rpc->input,
                                    sizeof rpc->input);
            if (n < 0) {
                if (n == -EAGAIN) {
                    return EAGAIN;
                }
                VLOG_WARN_RL(&rl, "%s: receive error: %s", rpc->name,
                             ovs_strerror(-n));
                jsonrpc_error(rpc, -n);
                return rpc->status;
            } else if (!n) {
                jsonrpc_error(rpc, EOF);
                return EOF;
            }
            rpc->input_ofs = 0;
            rpc->input_len = n;
            rpc->received_bytes += n;
        } else {
            size_t used;

            if (!rpc->parser) {
                rpc->parser = json_parser_create(0);
            }
            used = json_parser_feed(rpc->parser,
                                    rpc->input + rpc->input_ofs,
                                    rpc->input_len);
            rpc->input_ofs += used;
            rpc->input_len -= used;
            rpc->msg_size += used;
            if (rpc->max_msg_size && rpc->msg_size > rpc->max_msg_size) {
                VLOG_WARN_RL(&rl, "%s: received message larger than %zu "
                             "bytes, disconnecting",
                             rpc->name, rpc->max_msg_size);
                jsonrpc_error(rpc, EMSGSIZE);
                return rpc->status;
            } else if (json_parser_is_done(rpc->parser)) {
                return jsonrpc_received(rpc, msgp) ? 0 : rpc->status;
            }
        }
    }
    return EAGAIN;
}

void
jsonrpc_recv_wait(struct jsonrpc *rpc)
{
    if (rpc->status || rpc->input_len) {
        poll_immediate_wake();
    } else {
        stream_recv_wait(rpc->stream);
    }
}

int
jsonrpc_send_block(struct jsonrpc *rpc, struct jsonrpc_msg *msg)
{
    int error = jsonrpc_send(rpc, msg);

    if (error) {
        return error;
    }
    for (;;) {
        jsonrpc_run(rpc);
        if (ovs_list_is_empty(&rpc->output) || rpc->status) {
            return rpc->status;
        }
        jsonrpc_wait(rpc);
        poll_block();
    }
}

int
jsonrpc_recv_block(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    for (;;) {
        int error = jsonrpc_recv(rpc, msgp);
        if (error != EAGAIN) {
            return error;
        }
        jsonrpc_run(rpc);
        jsonrpc_wait(rpc);
        jsonrpc_recv_wait(rpc);
        poll_block();
    }
}

int
jsonrpc_transact_block(struct jsonrpc *rpc, struct jsonrpc_msg *request,
                       struct jsonrpc_msg **replyp)
{
    struct json *id = json_clone(request->id);
    int error;

    *replyp = NULL;
    error = jsonrpc_send_block(rpc, request);
    while (!error) {
        struct jsonrpc_msg *msg;

        error = jsonrpc_recv_block(rpc, &msg);
        if (error) {
            break;
        }
        if ((msg->type == JSONRPC_REPLY || msg->type == JSONRPC_ERROR)
            && id && json_equal(id, msg->id)) {
            *replyp = msg;
            break;
        }
        if (msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo")) {
            error = jsonrpc_send(rpc, jsonrpc_create_reply(msg->params,
                                                           msg->id));
            msg->params = NULL;
        }
        jsonrpc_msg_destroy(msg);
    }
    json_destroy(id);
    return error;
}

/* Makes ERROR the sticky status of RPC and drops what it holds. */
static void
jsonrpc_error(struct jsonrpc *rpc, int error)
{
    ovs_assert(error);
    if (!rpc->status) {
        rpc->status = error;
        jsonrpc_clear_output(rpc);
        if (rpc->parser) {
            json_parser_abort(rpc->parser);
            rpc->parser = NULL;
        }
        rpc->input_len = 0;
    }
}

static void
jsonrpc_log_msg(const struct jsonrpc *rpc, const char *title,
                const struct jsonrpc_msg *msg)
{
    if (VLOG_IS_DBG_ENABLED()) {
        char *s = jsonrpc_msg_to_string(msg);

        VLOG_DBG("%s: %s %s", rpc->name, title, s);
        free(s);
    }
}

/* Sessions. */

struct jsonrpc_session {
    char *name;                 /* Remote to connect to or listen on. */
    struct reconnect *reconnect;
    struct jsonrpc *rpc;        /* Established connection, if any. */
    struct stream *stream;      /* Connection in progress, if any. */
    struct pstream *pstream;    /* Listener, for passive sessions. */
    int last_error;
    unsigned int seqno;
    uint8_t dscp;
    unsigned long long int last_received_bytes;
};

/* Unix sockets do not need inactivity probes: the kernel tells us at once
 * when the other end goes away. */
static bool
name_needs_probes(const char *name)
{
    return strncmp(name, "unix:", 5) && strncmp(name, "punix:", 6);
}

struct jsonrpc_session *
jsonrpc_session_open(const char *name, bool retry)
{
    long long int now = time_msec();
    struct jsonrpc_session *s = xzalloc(sizeof *s);

    s->name = xstrdup(name);
    s->reconnect = reconnect_create(now);
    reconnect_set_name(s->reconnect, name);
    reconnect_enable(s->reconnect, now);
    reconnect_set_passive(s->reconnect, !pstream_verify_name(name), now);
    if (!retry) {
        reconnect_set_max_tries(s->reconnect, 1);
    }
    if (!name_needs_probes(name)) {
        reconnect_set_probe_interval(s->reconnect, 0);
    }
    return s;
}

struct jsonrpc_session *
jsonrpc_session_open_unreliably(struct jsonrpc *rpc, uint8_t dscp)
{
    long long int now = time_msec();
    struct jsonrpc_session *s = xzalloc(sizeof *s);

    s->name = xstrdup(jsonrpc_get_name(rpc));
    s->reconnect = reconnect_create(now);
    reconnect_set_name(s->reconnect, s->name);
    reconnect_set_quiet(s->reconnect, true);
    reconnect_set_max_tries(s->reconnect, 0);
    reconnect_connected(s->reconnect, now);
    s->rpc = rpc;
    s->dscp = dscp;
    s->last_received_bytes = jsonrpc_get_received_bytes(rpc);
    return s;
}

static void
jsonrpc_session_disconnect(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_close(s->rpc);
        s->rpc = NULL;
        s->seqno++;
    } else if (s->stream) {
        stream_close(s->stream);
        s->stream = NULL;
        s->seqno++;
    }
}

void
jsonrpc_session_close(struct jsonrpc_session *s)
{
    if (s) {
        jsonrpc_close(s->rpc);
        stream_close(s->stream);
        pstream_close(s->pstream);
        reconnect_destroy(s->reconnect);
        free(s->name);
        free(s);
    }
}

static void
jsonrpc_session_connect(struct jsonrpc_session *s)
{
    long long int now = time_msec();
    int error;

    jsonrpc_session_disconnect(s);
    if (!reconnect_is_passive(s->reconnect)) {
        error = jsonrpc_stream_open(s->name, &s->stream, s->dscp);
        if (!error) {
            reconnect_connecting(s->reconnect, now);
        } else {
            s->last_error = error;
            reconnect_connect_failed(s->reconnect, now, error);
        }
    } else {
        error = s->pstream ? 0 : jsonrpc_pstream_open(s->name, &s->pstream,
                                                      s->dscp);
        if (!error) {
            reconnect_listening(s->reconnect, now);
        } else {
            s->last_error = error;
            reconnect_listen_error(s->reconnect, now, error);
        }
    }
    s->seqno++;
}

/* Tells the reconnect FSM about received bytes, which show the peer is
 * alive. */
static void
jsonrpc_session_note_activity(struct jsonrpc_session *s)
{
    unsigned long long int n = jsonrpc_get_received_bytes(s->rpc);

    if (n != s->last_received_bytes) {
        s->last_received_bytes = n;
        reconnect_activity(s->reconnect, time_msec());
    }
}

void
jsonrpc_session_run(struct jsonrpc_session *s)
{
    if (s->pstream) {
        struct stream *stream;
        int error = pstream_accept(s->pstream, &stream);

        if (!error) {
            if (s->rpc || s->stream) {
                VLOG_INFO_RL(&rl, "%s: new connection replacing active "
                             "connection", reconnect_get_name(s->reconnect));
                jsonrpc_session_disconnect(s);
            }
            reconnect_connected(s->reconnect, time_msec());
            s->rpc = jsonrpc_open(stream);
            s->last_received_bytes = 0;
            s->seqno++;
        } else if (error != EAGAIN) {
            reconnect_listen_error(s->reconnect, time_msec(), error);
            pstream_close(s->pstream);
            s->pstream = NULL;
            s->last_error = error;
        }
    }

    if (s->rpc) {
        int error;

        jsonrpc_run(s->rpc);
        jsonrpc_session_note_activity(s);
        error = jsonrpc_get_status(s->rpc);
        if (error) {
            reconnect_disconnected(s->reconnect, time_msec(), error);
            jsonrpc_session_disconnect(s);
            s->last_error = error;
        }
    } else if (s->stream) {
        int error;

        stream_run(s->stream);
        error = stream_connect(s->stream);
        if (!error) {
            reconnect_connected(s->reconnect, time_msec());
            s->rpc = jsonrpc_open(s->stream);
            s->stream = NULL;
            s->last_received_bytes = 0;
            s->seqno++;
        } else if (error != EAGAIN) {
            reconnect_connect_failed(s->reconnect, time_msec(), error);
            stream_close(s->stream);
            s->stream = NULL;
            s->last_error = error;
            s->seqno++;
        }
    }

    switch (reconnect_run(s->reconnect, time_msec())) {
    case RECONNECT_CONNECT:
        jsonrpc_session_connect(s);
        break;

    case RECONNECT_DISCONNECT:
        reconnect_disconnected(s->reconnect, time_msec(), 0);
        jsonrpc_session_disconnect(s);
        break;

    case RECONNECT_PROBE:
        if (s->rpc) {
            struct json *params = json_array_create_empty();
            struct jsonrpc_msg *request
                = jsonrpc_create_request("echo", params, NULL);

            json_destroy(request->id);
            request->id = json_string_create("echo");
            jsonrpc_send(s->rpc, request);
        }
        break;

    default:
        break;
    }
}

void
jsonrpc_session_wait(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_wait(s->rpc);
    } else if (s->stream) {
        stream_run_wait(s->stream);
        stream_connect_wait(s->stream);
    }
    if (s->pstream) {
        pstream_wait(s->pstream);
    }
    reconnect_wait(s->reconnect, time_msec());
}

int
jsonrpc_session_send(struct jsonrpc_session *s, struct jsonrpc_msg *msg)
{
    if (s->rpc) {
        return jsonrpc_send(s->rpc, msg);
    }
    jsonrpc_msg_destroy(msg);
    return ENOTCONN;
}

int
jsonrpc_session_send_text(struct jsonrpc_session *s, char *text, size_t n)
{
    if (s->rpc) {
        return jsonrpc_send_text(s->rpc, text, n);
    }
    free(text);
    return ENOTCONN;
}

static bool
is_echo_reply(const struct jsonrpc_msg *msg)
{
    return (msg->type == JSONRPC_REPLY && msg->id
            && msg->id->type == JSON_STRING
            && !strcmp(json_string(msg->id), "echo"));
}

struct jsonrpc_msg *
jsonrpc_session_recv(struct jsonrpc_session *s)
{
    struct jsonrpc_msg *msg;

    if (!s->rpc) {
        return NULL;
    }

    jsonrpc_recv(s->rpc, &msg);
    jsonrpc_session_note_activity(s);
    if (!msg) {
        return NULL;
    }
    if (msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo")) {
        jsonrpc_session_send(s, jsonrpc_create_reply(msg->params, msg->id));
        msg->params = NULL;
    } else if (!is_echo_reply(msg)) {
        return msg;
    }
    jsonrpc_msg_destroy(msg);
    return NULL;
}

void
jsonrpc_session_recv_wait(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_recv_wait(s->rpc);
    }
}

bool
jsonrpc_session_is_alive(const struct jsonrpc_session *s)
{
    return (s->rpc || s->stream || s->pstream
            || reconnect_get_max_tries(s->reconnect));
}

bool
jsonrpc_session_is_connected(const struct jsonrpc_session *s)
{
    return s->rpc != NULL;
}

unsigned int
jsonrpc_session_get_seqno(const struct jsonrpc_session *s)
{
    return s->seqno;
}

int
jsonrpc_session_get_last_error(const struct jsonrpc_session *s)
{
    return s->last_error;
}

size_t
jsonrpc_session_get_backlog(const struct jsonrpc_session *s)
{
    return s->rpc ? jsonrpc_get_backlog(s->rpc) : 0;
}

const char *
jsonrpc_session_get_name(const struct jsonrpc_session *s)
{
    return s->name;
}

void
jsonrpc_session_force_reconnect(struct jsonrpc_session *s)
{
    reconnect_force_reconnect(s->reconnect, time_msec());
}

void
jsonrpc_session_set_max_backoff(struct jsonrpc_session *s, int max_backoff)
{
    reconnect_set_backoff(s->reconnect,
                          reconnect_get_min_backoff(s->reconnect),
                          max_backoff);
}

void
jsonrpc_session_set_probe_interval(struct jsonrpc_session *s,
                                   int probe_interval)
{
    reconnect_set_probe_interval(s->reconnect, probe_interval);
}

void
jsonrpc_session_set_dscp(struct jsonrpc_session *s, uint8_t dscp)
{
    s->dscp = dscp;
}
