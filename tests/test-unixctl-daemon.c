/* test-unixctl-daemon: a minimal daemon for the ovs-appctl and unixctl
 * tests.  It does what a real daemon does at start-up (daemon options,
 * logging options, a control socket) and then serves these commands on top
 * of the built-in ones:
 *
 *   test/echo [ARG...]   replies with its arguments, space-separated.
 *   test/error [TEXT]    replies with an error (TEXT, or "test error").
 *   test/block           never replies (for ovs-appctl --timeout).
 *   test/later [TEXT]    replies on the next trip around the main loop.
 *   test/log TEXT        logs TEXT at INFO and replies with nothing.
 *   exit                 replies, then exits with status 0.
 *
 * SIGTERM makes it exit too (through fatal-signal), removing its pidfile
 * and socket. */
#include <config.h>

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include "daemon.h"
#include "dynamic-string.h"
#include "poll-loop.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(test_unixctl_daemon);

static bool exiting;
static struct unixctl_conn *later_conn;
static char *later_text;

static void
test_echo(struct unixctl_conn *conn, int argc, const char *argv[],
          void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    int i;

    for (i = 1; i < argc; i++) {
        ds_put_format(&s, "%s%s", i > 1 ? " " : "", argv[i]);
    }
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
test_error(struct unixctl_conn *conn, int argc, const char *argv[],
           void *aux OVS_UNUSED)
{
    unixctl_command_reply_error(conn, argc > 1 ? argv[1] : "test error");
}

static void
test_block(struct unixctl_conn *conn OVS_UNUSED, int argc OVS_UNUSED,
           const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    /* Never replies. */
}

static void
test_later(struct unixctl_conn *conn, int argc, const char *argv[],
           void *aux OVS_UNUSED)
{
    if (later_conn) {
        unixctl_command_reply_error(conn, "busy");
        return;
    }
    later_conn = conn;
    later_text = xstrdup(argc > 1 ? argv[1] : "later");
}

static void
test_log(struct unixctl_conn *conn, int argc OVS_UNUSED, const char *argv[],
         void *aux OVS_UNUSED)
{
    VLOG_INFO("%s", argv[1]);
    unixctl_command_reply(conn, NULL);
}

static void
test_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
          const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void OVS_NO_RETURN
usage(void)
{
    printf("%s: unixctl test daemon\n"
           "usage: %s [OPTIONS]\n",
           ovs_get_program_name(), ovs_get_program_name());
    daemon_usage();
    vlog_usage();
    printf("\nOther options:\n"
           "  --unixctl=SOCKET        override default control socket name\n"
           "  -h, --help              display this help message\n");
    exit(EXIT_SUCCESS);
}

static char *
parse_options(int argc, char *argv[])
{
    enum {
        OPT_UNIXCTL = UCHAR_MAX + 1,
        VLOG_OPTION_ENUMS,
        DAEMON_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"unixctl", required_argument, NULL, OPT_UNIXCTL},
        {"help", no_argument, NULL, 'h'},
        VLOG_LONG_OPTIONS,
        DAEMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *unixctl_path = NULL;

    for (;;) {
        int c = getopt_long(argc, argv, "hv::", long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_UNIXCTL:
            free(unixctl_path);
            unixctl_path = xstrdup(optarg);
            break;

        case 'h':
            usage();

        VLOG_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
    if (optind < argc) {
        ovs_fatal(0, "too many arguments (use --help for help)");
    }
    return unixctl_path;
}

int
main(int argc, char *argv[])
{
    struct unixctl_server *server;
    char *unixctl_path;
    int error;

    set_program_name(argv[0]);
    unixctl_path = parse_options(argc, argv);

    daemonize_start(false);
    error = unixctl_server_create(unixctl_path, &server);
    free(unixctl_path);
    if (error) {
        exit(EXIT_FAILURE);
    }
    unixctl_command_register("test/echo", "[ARG...]", 0, INT_MAX,
                             test_echo, NULL);
    unixctl_command_register("test/error", "[TEXT]", 0, 1, test_error, NULL);
    unixctl_command_register("test/block", "", 0, 0, test_block, NULL);
    unixctl_command_register("test/later", "[TEXT]", 0, 1, test_later, NULL);
    unixctl_command_register("test/log", "TEXT", 1, 1, test_log, NULL);
    unixctl_command_register("exit", "", 0, 0, test_exit, NULL);
    daemonize_complete();

    VLOG_INFO("ready");
    for (;;) {
        if (later_conn) {
            /* Registered after the reply was postponed, so this is a later
             * iteration of the main loop than the request's. */
            unixctl_command_reply(later_conn, later_text);
            later_conn = NULL;
            free(later_text);
            later_text = NULL;
        }
        unixctl_server_run(server);
        if (exiting) {
            break;
        }
        unixctl_server_wait(server);
        if (later_conn) {
            poll_immediate_wake();
        }
        poll_block();
    }
    VLOG_INFO("exiting");
    unixctl_server_destroy(server);
    return 0;
}
