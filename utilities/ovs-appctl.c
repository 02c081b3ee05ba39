/* ovs-appctl: sends one command to a running daemon's control socket and
 * prints the answer.
 *
 * Exit status: 0 when the daemon answered with a result (printed on
 * stdout), 2 when it answered with an error (printed on stderr, followed by
 * a line saying so), 1 when the command line was bad or the daemon could not
 * be reached, and death by SIGALRM when --timeout expires. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "daemon.h"
#include "dirs.h"
#include "fatal-signal.h"
#include "jsonrpc.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

static void usage(void) OVS_NO_RETURN;
static const char *parse_command_line(int argc, char *argv[]);
static struct jsonrpc *connect_to_target(const char *target);
static void set_timeout(int secs);

int
main(int argc, char *argv[])
{
    char *cmd_result, *cmd_error;
    struct jsonrpc *client;
    const char *target;
    char **cmd_argv;
    int cmd_argc;
    int error;

    set_program_name(argv[0]);

    target = parse_command_line(argc, argv);
    client = connect_to_target(target);

    cmd_argc = argc - optind - 1;
    cmd_argv = cmd_argc ? argv + optind + 1 : NULL;
    error = unixctl_client_transact(client, argv[optind], cmd_argc, cmd_argv,
                                    &cmd_result, &cmd_error);
    if (error) {
        ovs_fatal(error, "%s: transaction error", target);
    }

    if (cmd_error) {
        jsonrpc_close(client);
        fputs(cmd_error, stderr);
        ovs_error(0, "%s: server returned an error", target);
        exit(2);
    } else if (cmd_result) {
        fputs(cmd_result, stdout);
    } else {
        OVS_NOT_REACHED();
    }

    jsonrpc_close(client);
    free(cmd_result);
    free(cmd_error);
    return 0;
}

static void OVS_NO_RETURN
usage(void)
{
    printf("\
%s, for querying and controlling Open vSwitch daemon\n\
usage: %s [TARGET] COMMAND [ARG...]\n\
Targets:\n\
  -t, --target=TARGET  pidfile or socket to contact\n\
Common commands:\n\
  list-commands      List commands supported by the target\n\
  version            Print version of the target\n\
  vlog/list          List current logging levels\n\
  vlog/list-pattern  List logging patterns for each destination.\n\
  vlog/set [SPEC]\n\
      Set log levels as detailed in SPEC, which may include:\n\
      A valid module name (all modules, by default)\n\
      'syslog', 'console', 'file' (all destinations, by default))\n\
      'off', 'emer', 'err', 'warn', 'info', or 'dbg' ('dbg', bydefault)\n\
  vlog/reopen        Make the program reopen its log file\n\
Other options:\n\
  --timeout=SECS     wait at most SECS seconds for a response\n\
  -h, --help         Print this helpful information\n\
  -V, --version      Display ovs-appctl version information\n",
           ovs_get_program_name(), ovs_get_program_name());
    exit(EXIT_SUCCESS);
}

/* Prints one line per option, for shell completion scripts. */
static void
print_options(const struct option *options)
{
    const struct option *o;

    for (o = options; o->name; o++) {
        const char *arg = (o->has_arg == required_argument ? "ARG"
                           : o->has_arg == optional_argument ? "[ARG]"
                           : NULL);

        printf("--%s%s%s\n", o->name, arg ? "=" : "", arg ? arg : "");
        if (o->flag == NULL && o->val > 0 && o->val < 128) {
            printf("-%c %s\n", o->val, arg ? arg : "");
        }
    }
}

static const char *
parse_command_line(int argc, char *argv[])
{
    enum {
        OPT_START = UCHAR_MAX + 1,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"target", required_argument, NULL, 't'},
        {"execute", no_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},
        {"option", no_argument, NULL, 'o'},
        {"version", no_argument, NULL, 'V'},
        {"timeout", required_argument, NULL, 'T'},
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *target = NULL;
    int timeout = 0;
    int e_options = 0;

    for (;;) {
        int option = getopt_long(argc, argv, "+t:hoVT:ev::",
                                 long_options, NULL);
        if (option == -1) {
            break;
        }
        switch (option) {
        case 't':
            if (target) {
                ovs_fatal(0, "-t or --target may be specified only once");
            }
            target = optarg;
            break;

        case 'e':
            /* Accepted for compatibility with old scripts: the command
             * follows the options anyway.  (The misspelling below is
             * upstream's, kept so that the message is the same.) */
            if (e_options++) {
                ovs_fatal(0, "-e or --execute may be speciifed only once");
            }
            break;

        case 'h':
            usage();
            break;

        case 'o':
            print_options(long_options);
            exit(EXIT_SUCCESS);

        case 'T':
            if (!str_to_int(optarg, 10, &timeout) || timeout <= 0) {
                ovs_fatal(0, "value %s on -T or --timeout is invalid",
                          optarg);
            }
            break;

        case 'V':
            ovs_print_version();
            exit(EXIT_SUCCESS);

        VLOG_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            OVS_NOT_REACHED();
        }
    }

    if (optind >= argc) {
        ovs_fatal(0, "at least one non-option argument is required "
                  "(use --help for help)");
    }

    if (timeout) {
        set_timeout(timeout);
    }
    return target ? target : "ovs-vswitchd";
}

static struct jsonrpc *
connect_to_target(const char *target)
{
    struct jsonrpc *client;
    char *socket_name;
    int error;

    if (target[0] != '/') {
        char *pidfile_name;
        pid_t pid;

        pidfile_name = xasprintf("%s/%s.pid", ovs_rundir(), target);
        pid = read_pidfile(pidfile_name);
        if (pid < 0) {
            ovs_fatal(-pid, "cannot read pidfile \"%s\"", pidfile_name);
        }
        free(pidfile_name);
        socket_name = xasprintf("%s/%s.%ld.ctl",
                                ovs_rundir(), target, (long int) pid);
    } else {
        socket_name = xstrdup(target);
    }

    error = unixctl_client_create(socket_name, &client);
    if (error) {
        ovs_fatal(error, "cannot connect to \"%s\"", socket_name);
    }
    free(socket_name);

    return client;
}

/* --timeout.  SIGALRM is a fatal signal (fatal-signal.h): when the alarm
 * rings while we wait in poll_block(), fatal-signal logs it and the process
 * dies by the signal, as upstream's does. */
static void
set_timeout(int secs)
{
    fatal_signal_init();
    alarm(secs);
}
