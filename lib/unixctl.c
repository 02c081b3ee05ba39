/* unixctl.c: control socket server and client (see unixctl.h). */
#include <config.h>
#include "unixctl.h"

#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include "coverage.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "json.h"
#include "jsonrpc.h"
#include "list.h"
#include "poll-loop.h"
#include "shash.h"
#include "stream.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(unixctl);

COVERAGE_DEFINE(unixctl_received);
COVERAGE_DEFINE(unixctl_replied);

/* A command request is a few short strings; anything bigger is a
 * misbehaving peer. */
#define UNIXCTL_MAX_REQUEST_SIZE (16 * 1024 * 1024)

struct unixctl_command {
    char *usage;
    int min_args, max_args;
    unixctl_cb_func *cb;
    void *aux;
};

struct unixctl_conn {
    struct ovs_list node;       /* In struct unixctl_server's 'conns'. */
    struct jsonrpc *rpc;
    struct json *request_id;    /* Id of the request awaiting a reply. */
};

struct unixctl_server {
    struct pstream *listener;
    struct ovs_list conns;      /* Of struct unixctl_conn. */
    char *path;
};

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);

/* All registered commands, by name, of struct unixctl_command. */
static struct shash commands = SHASH_INITIALIZER(&commands);

static void
unixctl_command_free(struct unixctl_command *command)
{
    free(command->usage);
    free(command);
}

void
unixctl_command_register(const char *name, const char *usage,
                         int min_args, int max_args,
                         unixctl_cb_func *cb, void *aux)
{
    struct unixctl_command *command = xmalloc(sizeof *command);

    ovs_assert(min_args >= 0 && max_args >= min_args);
    command->usage = xstrdup(usage ? usage : "");
    command->min_args = min_args;
    command->max_args = max_args;
    command->cb = cb;
    command->aux = aux;

    command = shash_replace(&commands, name, command);
    if (command) {
        unixctl_command_free(command);
    }
}

/* Sends the answer to CONN's pending request, as the reply's result or, if
 * SUCCESS is false, its error. */
static void
unixctl_command_reply__(struct unixctl_conn *conn, bool success,
                        const char *body)
{
    struct jsonrpc_msg *reply;
    struct json *body_json;
    struct ds text = DS_EMPTY_INITIALIZER;

    if (!conn->request_id) {
        /* A second reply to one request is a bug in the handler, but not
         * one worth killing the daemon for. */
        VLOG_WARN_RL(&rl, "ignoring reply with no request pending");
        return;
    }

    if (body && body[0]) {
        ds_put_cstr(&text, body);
        if (ds_last(&text) != '\n') {
            ds_put_char(&text, '\n');
        }
    }
    body_json = json_string_create(ds_cstr(&text));
    ds_destroy(&text);
    COVERAGE_INC(unixctl_replied);

    if (VLOG_IS_DBG_ENABLED()) {
        char *id_s = json_to_string(conn->request_id, 0);
        VLOG_DBG("replying with %s, id=%s: \"%s\"",
                 success ? "success" : "error", id_s, body ? body : "");
        free(id_s);
    }
    reply = (success
             ? jsonrpc_create_reply(body_json, conn->request_id)
             : jsonrpc_create_error(body_json, conn->request_id));

    /* A send error shows up later as the connection's status. */
    jsonrpc_send(conn->rpc, reply);
    json_destroy(conn->request_id);
    conn->request_id = NULL;
}

void
unixctl_command_reply(struct unixctl_conn *conn, const char *body)
{
    unixctl_command_reply__(conn, true, body);
}

void
unixctl_command_reply_error(struct unixctl_conn *conn, const char *body)
{
    unixctl_command_reply__(conn, false, body);
}

/* Built-in commands. */

static void
unixctl_list_commands(struct unixctl_conn *conn, int argc OVS_UNUSED,
                      const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    const struct shash_node **nodes = shash_sort(&commands);
    size_t i;

    ds_put_cstr(&s, "The available commands are:\n");
    for (i = 0; i < shash_count(&commands); i++) {
        const struct unixctl_command *command = nodes[i]->data;

        ds_put_format(&s, "  %-23s %s\n", nodes[i]->name, command->usage);
    }
    free(nodes);

    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
unixctl_version(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    char *version = xasprintf("%s (Open vSwitch) %s",
                              ovs_get_program_name(),
                              ovs_get_program_version());

    unixctl_command_reply(conn, version);
    free(version);
}

static void
unixctl_vlog_set(struct unixctl_conn *conn, int argc, const char *argv[],
                 void *aux OVS_UNUSED)
{
    int i;

    /* With no argument, everything goes to the most verbose level. */
    if (argc == 1) {
        vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_DBG);
    }
    for (i = 1; i < argc; i++) {
        char *error = vlog_set_levels_from_string(argv[i]);
        if (error) {
            unixctl_command_reply_error(conn, error);
            free(error);
            return;
        }
    }
    unixctl_command_reply(conn, NULL);
}

static void
unixctl_vlog_list(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    char *levels = vlog_get_levels();

    unixctl_command_reply(conn, levels);
    free(levels);
}

static void
unixctl_vlog_list_pattern(struct unixctl_conn *conn, int argc OVS_UNUSED,
                          const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    char *patterns = vlog_get_patterns();

    unixctl_command_reply(conn, patterns);
    free(patterns);
}

static void
unixctl_vlog_reopen(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    if (vlog_log_file_configured()) {
        int error = vlog_reopen_log_file();

        if (error) {
            unixctl_command_reply_error(conn, ovs_strerror(error));
        } else {
            unixctl_command_reply(conn, NULL);
        }
    } else {
        unixctl_command_reply_error(conn, "Logging to file not configured");
    }
}

static void
unixctl_vlog_close(struct unixctl_conn *conn, int argc OVS_UNUSED,
                   const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    vlog_close_log_file();
    unixctl_command_reply(conn, NULL);
}

static void
unixctl_vlog_rate_limit(struct unixctl_conn *conn, int argc,
                        const char *argv[], void *enable)
{
    char *error = vlog_set_rate_limits_from_args(argc - 1, argv + 1,
                                                 enable != NULL);

    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
    } else {
        unixctl_command_reply(conn, NULL);
    }
}

static void
unixctl_coverage_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                      const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    coverage_format(&s);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

/* coverage.h cannot tell an unknown counter from one that never counted,
 * so an unknown name reads as 0 here, where upstream answers "No such
 * counter". */
static void
unixctl_coverage_read_counter(struct unixctl_conn *conn,
                              int argc OVS_UNUSED, const char *argv[],
                              void *aux OVS_UNUSED)
{
    unsigned long long int total;

    if (coverage_read_counter(argv[1], &total)) {
        char *s = xasprintf("%llu", total);
        unixctl_command_reply(conn, s);
        free(s);
    } else {
        unixctl_command_reply_error(conn, "No such counter");
    }
}

static void
unixctl_register_builtins(void)
{
    static bool registered;

    if (registered) {
        return;
    }
    registered = true;

    unixctl_command_register("list-commands", "", 0, 0,
                             unixctl_list_commands, NULL);
    unixctl_command_register("version", "", 0, 0, unixctl_version, NULL);

    unixctl_command_register("vlog/set",
                             "{spec | PATTERN:destination:pattern}",
                             0, INT_MAX, unixctl_vlog_set, NULL);
    unixctl_command_register("vlog/list", "", 0, 0, unixctl_vlog_list, NULL);
    unixctl_command_register("vlog/list-pattern", "", 0, 0,
                             unixctl_vlog_list_pattern, NULL);
    unixctl_command_register("vlog/reopen", "", 0, 0,
                             unixctl_vlog_reopen, NULL);
    unixctl_command_register("vlog/close", "", 0, 0,
                             unixctl_vlog_close, NULL);
    unixctl_command_register("vlog/enable-rate-limit", "[module]...",
                             0, INT_MAX, unixctl_vlog_rate_limit,
                             (void *) "enable");
    unixctl_command_register("vlog/disable-rate-limit", "[module]...",
                             0, INT_MAX, unixctl_vlog_rate_limit, NULL);

    unixctl_command_register("coverage/show", "", 0, 0,
                             unixctl_coverage_show, NULL);
    unixctl_command_register("coverage/read-counter", "COUNTER", 1, 1,
                             unixctl_coverage_read_counter, NULL);
}

/* Server. */

int
unixctl_server_create(const char *path, struct unixctl_server **serverp)
{
    struct unixctl_server *server;
    struct pstream *listener;
    char *abs_path, *punix_path;
    int error;

    *serverp = NULL;
    if (path && !strcmp(path, "none")) {
        return 0;
    }

    if (path) {
        abs_path = abs_file_name(ovs_rundir(), path);
    } else {
        abs_path = xasprintf("%s/%s.%ld.ctl", ovs_rundir(),
                             ovs_get_program_name(), (long int) getpid());
    }

    punix_path = xasprintf("punix:%s", abs_path);
    error = pstream_open(punix_path, &listener, 0);
    free(punix_path);
    if (error) {
        ovs_error(error, "%s: could not initialize control socket",
                  abs_path);
        free(abs_path);
        return error;
    }

    unixctl_register_builtins();

    server = xmalloc(sizeof *server);
    server->listener = listener;
    ovs_list_init(&server->conns);
    server->path = abs_path;
    *serverp = server;
    return 0;
}

const char *
unixctl_server_get_path(const struct unixctl_server *server)
{
    return server ? server->path : NULL;
}

static void
kill_connection(struct unixctl_conn *conn)
{
    ovs_list_remove(&conn->node);
    jsonrpc_close(conn->rpc);
    json_destroy(conn->request_id);
    free(conn);
}

/* Checks REQUEST and runs its command.  Returns 0, or EINVAL if the peer
 * sent something that is not a request, which ends the connection. */
static int
process_command(struct unixctl_conn *conn, struct jsonrpc_msg *request)
{
    const struct unixctl_command *command;
    const struct json_array *params;
    char *error = NULL;
    size_t n_args;

    if (request->type != JSONRPC_REQUEST) {
        VLOG_WARN_RL(&rl, "%s: received unexpected %s message",
                     jsonrpc_get_name(conn->rpc),
                     jsonrpc_msg_type_to_string(request->type));
        return EINVAL;
    }

    ovs_assert(!conn->request_id);
    conn->request_id = json_clone(request->id);
    COVERAGE_INC(unixctl_received);

    if (VLOG_IS_DBG_ENABLED()) {
        char *params_s = json_to_string(request->params, 0);
        char *id_s = json_to_string(request->id, 0);
        VLOG_DBG("received request %s%s, id=%s",
                 request->method, params_s, id_s);
        free(params_s);
        free(id_s);
    }

    params = json_array(request->params);
    n_args = params->n;
    command = shash_find_data(&commands, request->method);
    if (!command) {
        error = xasprintf("\"%s\" is not a valid command (use "
                          "\"list-commands\" to see a list of valid "
                          "commands)", request->method);
    } else if (n_args < command->min_args) {
        error = xasprintf("\"%s\" command requires at least %d arguments",
                          request->method, command->min_args);
    } else if (n_args > command->max_args) {
        error = xasprintf("\"%s\" command takes at most %d arguments",
                          request->method, command->max_args);
    } else {
        const char **argv = xmalloc((n_args + 2) * sizeof *argv);
        size_t i;

        argv[0] = request->method;
        for (i = 0; i < n_args; i++) {
            const struct json *arg = params->elems[i];
            if (arg->type != JSON_STRING) {
                error = xasprintf("\"%s\" command has non-string argument",
                                  request->method);
                break;
            }
            argv[i + 1] = json_string(arg);
        }
        argv[n_args + 1] = NULL;
        if (!error) {
            command->cb(conn, n_args + 1, argv, command->aux);
        }
        free(argv);
    }

    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
    }
    return 0;
}

/* Runs CONN.  Returns 0, or an error if the connection should be closed. */
static int
run_connection(struct unixctl_conn *conn)
{
    int error, i;

    jsonrpc_run(conn->rpc);
    error = jsonrpc_get_status(conn->rpc);
    if (error || jsonrpc_get_backlog(conn->rpc)) {
        return error;
    }

    for (i = 0; i < 10; i++) {
        struct jsonrpc_msg *msg;

        if (error || conn->request_id) {
            break;
        }

        jsonrpc_recv(conn->rpc, &msg);
        if (msg) {
            error = process_command(conn, msg);
            jsonrpc_msg_destroy(msg);
        }
        error = error ? error : jsonrpc_get_status(conn->rpc);
    }
    return error;
}

void
unixctl_server_run(struct unixctl_server *server)
{
    struct unixctl_conn *conn;
    int i;

    if (!server) {
        return;
    }

    for (i = 0; i < 10; i++) {
        struct stream *stream;
        int error = pstream_accept(server->listener, &stream);

        if (!error) {
            conn = xzalloc(sizeof *conn);
            conn->rpc = jsonrpc_open(stream);
            jsonrpc_set_max_msg_size(conn->rpc, UNIXCTL_MAX_REQUEST_SIZE);
            ovs_list_push_back(&server->conns, &conn->node);
        } else if (error == EAGAIN) {
            break;
        } else {
            VLOG_WARN_RL(&rl, "%s: accept failed: %s",
                         server->path, ovs_strerror(error));
        }
    }

    LIST_FOR_EACH_SAFE (conn, node, &server->conns) {
        int error = run_connection(conn);
        if (error && error != EAGAIN) {
            kill_connection(conn);
        }
    }
}

void
unixctl_server_wait(struct unixctl_server *server)
{
    struct unixctl_conn *conn;

    if (!server) {
        return;
    }

    pstream_wait(server->listener);
    LIST_FOR_EACH (conn, node, &server->conns) {
        jsonrpc_wait(conn->rpc);
        if (!jsonrpc_get_backlog(conn->rpc) && !conn->request_id) {
            jsonrpc_recv_wait(conn->rpc);
        }
    }
}

void
unixctl_server_destroy(struct unixctl_server *server)
{
    if (server) {
        struct unixctl_conn *conn;

        LIST_FOR_EACH_SAFE (conn, node, &server->conns) {
            kill_connection(conn);
        }
        free(server->path);
        pstream_close(server->listener);
        free(server);
    }
}

/* Client. */

/* The name of TYPE in complaints about a reply, as upstream words it. */
static const char *
reply_type_name(enum json_type type)
{
    return (type == JSON_INTEGER || type == JSON_REAL ? "number"
            : json_type_to_string(type));
}

int
unixctl_client_create(const char *path, struct jsonrpc **client)
{
    struct stream *stream;
    char *abs_path, *unix_path;
    int error;

    *client = NULL;

    abs_path = abs_file_name(ovs_rundir(), path);
    unix_path = xasprintf("unix:%s", abs_path);
    error = stream_open_block(stream_open(unix_path, &stream, 0), -1,
                              &stream);
    free(unix_path);

    if (error) {
        VLOG_WARN("failed to connect to %s", abs_path);
    } else {
        *client = jsonrpc_open(stream);
    }
    free(abs_path);
    return error;
}

int
unixctl_client_transact(struct jsonrpc *client, const char *command,
                        int argc, char *argv[], char **result, char **err)
{
    struct jsonrpc_msg *request, *reply;
    struct json *params;
    int error, i;

    *result = NULL;
    *err = NULL;

    params = json_array_create_empty();
    for (i = 0; i < argc; i++) {
        json_array_add(params, json_string_create(argv[i]));
    }
    request = jsonrpc_create_request(command, params, NULL);

    error = jsonrpc_transact_block(client, request, &reply);
    if (error) {
        VLOG_WARN("error communicating with %s: %s",
                  jsonrpc_get_name(client), ovs_retval_to_string(error));
        return error;
    }

    if (reply->error) {
        if (reply->error->type == JSON_STRING) {
            *err = xstrdup(json_string(reply->error));
        } else {
            VLOG_WARN("%s: unexpected error type in JSON RPC reply: %s",
                      jsonrpc_get_name(client),
                      reply_type_name(reply->error->type));
            error = EINVAL;
        }
    } else if (reply->result) {
        if (reply->result->type == JSON_STRING) {
            *result = xstrdup(json_string(reply->result));
        } else {
            VLOG_WARN("%s: unexpected result type in JSON rpc reply: %s",
                      jsonrpc_get_name(client),
                      reply_type_name(reply->result->type));
            error = EINVAL;
        }
    }

    jsonrpc_msg_destroy(reply);
    return error;
}
