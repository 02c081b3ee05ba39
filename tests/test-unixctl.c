/* Tests for lib/unixctl: the server's command dispatch, argument checks,
 * built-in commands and protocol handling, driven by the library's own
 * client in a child process. */
#include <config.h>
#include "unixctl.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "dirs.h"
#include "dynamic-string.h"
#include "json.h"
#include "jsonrpc.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "util.h"

static struct unixctl_conn *pending_conn;

static void
t_echo(struct unixctl_conn *conn, int argc, const char *argv[],
       void *aux)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    int i;

    ds_put_cstr(&s, aux);
    for (i = 1; i < argc; i++) {
        ds_put_format(&s, "%s%s", i > 1 ? "," : "", argv[i]);
    }
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
t_err(struct unixctl_conn *conn, int argc, const char *argv[],
      void *aux OVS_UNUSED)
{
    unixctl_command_reply_error(conn, argc > 1 ? argv[1] : "oops");
}

static void
t_later(struct unixctl_conn *conn, int argc OVS_UNUSED,
        const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    pending_conn = conn;
}

/* Runs COMMAND with ARGS (a null-terminated list) through the client and
 * checks the answer: EXPECT_RESULT or EXPECT_ERROR, exactly one nonnull. */
static void
check_transact(struct jsonrpc *client, const char *expect_result,
               const char *expect_error, const char *command, ...)
{
    char *args[8];
    char *result, *error;
    va_list ap;
    int n = 0;

    va_start(ap, command);
    while ((args[n] = va_arg(ap, char *)) != NULL) {
        n++;
    }
    va_end(ap);

    CHECK_INT(unixctl_client_transact(client, command, n, args,
                                      &result, &error), 0);
    if (expect_result) {
        if (!result) {
            ovstest_fail(OVS_SOURCE_LOCATOR, "%s: error \"%s\"", command,
                         error);
        }
        CHECK_STR(result, expect_result);
        CHECK(error == NULL);
    } else {
        if (!error) {
            ovstest_fail(OVS_SOURCE_LOCATOR, "%s: result \"%s\"", command,
                         result);
        }
        CHECK_STR(error, expect_error);
        CHECK(result == NULL);
    }
    free(result);
    free(error);
}

/* The client side, run in the child. */
static void
client_main(const char *path)
{
    struct jsonrpc *client;
    struct jsonrpc_msg *reply;
    char *result, *error;
    char *version;

    CHECK_INT(unixctl_client_create(path, &client), 0);

    check_transact(client, "e:\n", NULL, "t/echo", NULL);
    check_transact(client, "e:a\n", NULL, "t/echo", "a", NULL);
    check_transact(client, "e:a,b c\n", NULL, "t/echo", "a", "b c", NULL);
    check_transact(client, NULL,
                   "\"t/echo\" command takes at most 2 arguments\n",
                   "t/echo", "1", "2", "3", NULL);
    check_transact(client, NULL,
                   "\"t/min\" command requires at least 1 arguments\n",
                   "t/min", NULL);
    check_transact(client, "x\n", NULL, "t/min", "x", NULL);
    check_transact(client, NULL,
                   "\"nosuch\" is not a valid command (use "
                   "\"list-commands\" to see a list of valid commands)\n",
                   "nosuch", NULL);
    check_transact(client, NULL,
                   "\"\" is not a valid command (use "
                   "\"list-commands\" to see a list of valid commands)\n",
                   "", NULL);
    check_transact(client, NULL, "oops\n", "t/err", NULL);
    check_transact(client, NULL, "two\nlines\n", "t/err", "two\nlines\n",
                   NULL);
    check_transact(client, NULL, "", "t/err", "", NULL);
    check_transact(client, "done later\n", NULL, "t/later", NULL);
    check_transact(client, NULL,
                   "\"list-commands\" command takes at most 0 arguments\n",
                   "list-commands", "x", NULL);

    version = xasprintf("%s (Open vSwitch) %s\n", ovs_get_program_name(),
                        ovs_get_program_version());
    check_transact(client, version, NULL, "version", NULL);
    free(version);

    /* list-commands: sorted, name padded to 23 columns, then usage. */
    CHECK_INT(unixctl_client_transact(client, "list-commands", 0, NULL,
                                      &result, &error), 0);
    CHECK(strstr(result, "The available commands are:\n"
                 "  a-command-name-that-is-long x\n"
                 "  coverage/read-counter   COUNTER\n"
                 "  coverage/show           \n"
                 "  list-commands           \n") == result);
    CHECK(strstr(result, "\n  t/echo                  [A [B]]\n"
                 "  t/err                   [TEXT]\n") != NULL);
    CHECK(strstr(result, "\n  vlog/set                "
                 "{spec | PATTERN:destination:pattern}\n") != NULL);
    CHECK(strstr(result, "\n  vlog/disable-rate-limit [module]...\n")
          != NULL);
    free(result);

    /* vlog commands go through to vlog. */
    check_transact(client, "", NULL, "vlog/set", "unixctl:file:dbg", NULL);
    check_transact(client, NULL, "no destination, level, or module \"bad\"\n",
                   "vlog/set", "bad", NULL);
    check_transact(client, NULL, "unknown module\n",
                   "vlog/disable-rate-limit", "nosuchmodule", NULL);
    check_transact(client, "", NULL, "vlog/enable-rate-limit", NULL);
    check_transact(client, NULL, "Logging to file not configured\n",
                   "vlog/reopen", NULL);

    /* A non-string argument. */
    {
        struct json *params = json_array_create_1(json_integer_create(1));
        struct jsonrpc_msg *request = jsonrpc_create_request("t/echo",
                                                             params, NULL);

        CHECK_INT(jsonrpc_transact_block(client, request, &reply), 0);
        CHECK(reply->type == JSONRPC_ERROR);
        CHECK_STR(json_string(reply->error),
                  "\"t/echo\" command has non-string argument\n");
        jsonrpc_msg_destroy(reply);
    }

    /* Anything but a request closes the connection. */
    CHECK_INT(jsonrpc_send_block(client, jsonrpc_create_notify(
                                     "t/echo", json_array_create_empty())),
              0);
    CHECK_INT(jsonrpc_recv_block(client, &reply), EOF);
    jsonrpc_close(client);

    /* So does garbage. */
    CHECK_INT(unixctl_client_create(path, &client), 0);
    {
        struct json *null_id = json_null_create();
        CHECK_INT(jsonrpc_send_block(client, jsonrpc_create_reply(
                                         json_integer_create(1), null_id)),
                  0);
        json_destroy(null_id);
    }
    CHECK_INT(jsonrpc_recv_block(client, &reply), EOF);
    jsonrpc_close(client);

    /* A fresh connection still works after all that. */
    CHECK_INT(unixctl_client_create(path, &client), 0);
    check_transact(client, "e:ok\n", NULL, "t/echo", "ok", NULL);
    jsonrpc_close(client);

    /* Connecting to nothing fails cleanly. */
    CHECK(unixctl_client_create("nonexistent.ctl", &client) != 0);
    CHECK(client == NULL);
}

static struct unixctl_server *server;

static void
test_server_client(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    pid_t pid;
    int status;

    CHECK_INT(unixctl_server_create("test.ctl", &server), 0);
    CHECK(server != NULL);
    {
        char *expected = xasprintf("%s/test.ctl", ovs_rundir());
        CHECK_STR(unixctl_server_get_path(server), expected);
        free(expected);
    }
    unixctl_command_register("t/echo", "[A [B]]", 0, 2, t_echo, "e:");
    unixctl_command_register("t/min", "X", 1, 1, t_echo, "");
    unixctl_command_register("t/err", "[TEXT]", 0, 1, t_err, NULL);
    unixctl_command_register("t/later", "", 0, 0, t_later, NULL);
    unixctl_command_register("a-command-name-that-is-long", "x", 0, 0,
                             t_err, NULL);

    fflush(stdout);
    fflush(stderr);
    pid = fork();
    CHECK(pid >= 0);
    if (!pid) {
        /* Destroying the server here would remove its socket, so the child
         * just leaves it alone. */
        client_main("test.ctl");
        exit(0);
    }

    for (;;) {
        pid_t retval = waitpid(pid, &status, WNOHANG);
        CHECK(retval >= 0);
        if (retval == pid) {
            break;
        }
        if (pending_conn) {
            unixctl_command_reply(pending_conn, "done later");
            pending_conn = NULL;
        }
        unixctl_server_run(server);
        unixctl_server_wait(server);
        if (pending_conn) {
            poll_immediate_wake();
        }
        poll_timer_wait(10);
        poll_block();
    }
    unixctl_server_destroy(server);
    CHECK(WIFEXITED(status));
    CHECK_INT(WEXITSTATUS(status), 0);
}
OVSTEST_REGISTER("unixctl/server-client", test_server_client);

static void
test_server_paths(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct unixctl_server *server;
    char *expected;

    /* "none": no server, and the NULL server is harmless everywhere. */
    server = (void *) 1;
    CHECK_INT(unixctl_server_create("none", &server), 0);
    CHECK(server == NULL);
    unixctl_server_run(NULL);
    unixctl_server_wait(NULL);
    unixctl_server_destroy(NULL);

    /* The default name. */
    CHECK_INT(unixctl_server_create(NULL, &server), 0);
    expected = xasprintf("%s/%s.%ld.ctl", ovs_rundir(),
                         ovs_get_program_name(), (long int) getpid());
    CHECK_STR(unixctl_server_get_path(server), expected);
    CHECK(access(expected, F_OK) == 0);
    unixctl_server_destroy(server);
    CHECK(access(expected, F_OK) != 0);
    free(expected);

    /* An absolute path in a directory that does not exist. */
    fprintf(stderr, "(an error message follows, as expected)\n");
    server = (void *) 1;
    CHECK(unixctl_server_create("/nonexistent-dir/x.ctl", &server) != 0);
    CHECK(server == NULL);
}
OVSTEST_REGISTER("unixctl/server-paths", test_server_paths);
