/* unixctl.h: the control socket every daemon listens on, and its client.
 *
 * A daemon creates a server, which listens on a Unix domain socket (by
 * default "<rundir>/<program>.<pid>.ctl"), and registers commands on it by
 * name.  ovs-appctl connects and sends one JSON-RPC request per command:
 * the method is the command name, the params an array of strings (the
 * arguments).  The server checks the name and the argument count, calls the
 * command's handler, and the handler answers with unixctl_command_reply()
 * (the reply's "result" is the text) or unixctl_command_reply_error() (the
 * text goes in "error").  A handler may answer later, from a later trip
 * around the main loop: the connection waits for it and reads no further
 * request (nor notices that the client went away) until it comes, so a
 * handler must always answer eventually.  Non-empty text that does not end
 * in a new-line gets one.
 *
 * Every server answers these commands without registration:
 *   list-commands, version,
 *   vlog/set, vlog/list, vlog/list-pattern, vlog/reopen, vlog/close,
 *   vlog/enable-rate-limit, vlog/disable-rate-limit,
 *   coverage/show, coverage/read-counter.
 * They are registered here (not in vlog or coverage) so that those modules
 * stay below this one.
 *
 * Memory: the server owns its connections; a struct unixctl_conn passed to
 * a handler stays valid until the handler (or a later call) replies, or
 * until the server is destroyed.  Strings returned by the client belong to
 * the caller.
 *
 * Errors: functions return 0 or a positive errno value.  A peer that sends
 * something other than a request, or bad JSON, is disconnected (and
 * logged, rate-limited); it cannot crash the daemon.
 *
 * Thread safety: not thread-safe; use from the main thread only. */
#ifndef UNIXCTL_H
#define UNIXCTL_H 1

#include <stdbool.h>

struct jsonrpc;
struct unixctl_conn;
struct unixctl_server;

/* Handler for a command.  ARGV[0] is the command name and ARGV[1] through
 * ARGV[ARGC - 1] its arguments; the handler must eventually call
 * unixctl_command_reply() or unixctl_command_reply_error() on CONN once. */
typedef void unixctl_cb_func(struct unixctl_conn *conn, int argc,
                             const char *argv[], void *aux);

/* Registers NAME, taking between MIN_ARGS and MAX_ARGS arguments (use
 * INT_MAX for "any number").  USAGE is shown by "list-commands" (for
 * example "[module]..."); it may be empty.  Registering a name twice
 * replaces the earlier registration. */
void unixctl_command_register(const char *name, const char *usage,
                              int min_args, int max_args,
                              unixctl_cb_func *cb, void *aux);

void unixctl_command_reply(struct unixctl_conn *conn, const char *body);
void unixctl_command_reply_error(struct unixctl_conn *conn,
                                 const char *body);

/* Creates a server listening on PATH:
 *   NULL: "<rundir>/<program>.<pid>.ctl" (rundir from dirs.h);
 *   "none": no server at all (*SERVERP is NULL, returns 0);
 *   a relative path: relative to the rundir;
 *   an absolute path: as is.
 * On failure, prints "<program>: <path>: could not initialize control
 * socket (<error>)" to stderr and returns the errno value. */
int unixctl_server_create(const char *path, struct unixctl_server **serverp);
void unixctl_server_run(struct unixctl_server *server);
void unixctl_server_wait(struct unixctl_server *server);
void unixctl_server_destroy(struct unixctl_server *server);
/* The absolute path the server listens on. */
const char *unixctl_server_get_path(const struct unixctl_server *server);

/* Client. */

/* Connects to the socket at PATH (relative paths are relative to the
 * rundir), blocking until connected.  Logs "failed to connect to PATH" on
 * failure. */
int unixctl_client_create(const char *path, struct jsonrpc **client);
/* Sends COMMAND with ARGC arguments ARGV and waits for the answer.  Returns
 * 0 and stores, in *RESULT or *ERROR (the other set to NULL), the text the
 * server sent, which the caller frees; or returns a positive errno (EOF if
 * the server hung up, EINVAL if its answer was not text) with both NULL. */
int unixctl_client_transact(struct jsonrpc *client, const char *command,
                            int argc, char *argv[],
                            char **result, char **error);

#endif /* unixctl.h */
