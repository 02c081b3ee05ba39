/* A tiny daemon for tests/daemon.at: "ovstest daemon/run [OPTIONS]".
 *
 * It accepts the daemon and logging options and a few of its own, becomes
 * a daemon, logs "ready" and then sleeps in poll_block() until a signal
 * ends it:
 *
 *   --delay-complete=MS   wait MS ms between daemonize_start() and
 *                         daemonize_complete()
 *   --exit-before-complete=N
 *                         exit with status N instead of completing
 *   --access-datapath     keep the datapath capabilities after --user
 *   --help                print the daemon and logging usage */
#include <config.h>
#include <getopt.h>
#include <time.h>
#include "daemon.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(test_daemon);

static void
daemon_run(int argc, char *argv[])
{
    enum {
        OPT_DELAY_COMPLETE = UCHAR_MAX + 1,
        OPT_EXIT_BEFORE_COMPLETE,
        OPT_ACCESS_DATAPATH,
        OPT_HELP,
        DAEMON_OPTION_ENUMS,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"delay-complete", required_argument, NULL, OPT_DELAY_COMPLETE},
        {"exit-before-complete", required_argument, NULL,
         OPT_EXIT_BEFORE_COMPLETE},
        {"access-datapath", no_argument, NULL, OPT_ACCESS_DATAPATH},
        {"help", no_argument, NULL, OPT_HELP},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    bool access_datapath = false;
    int exit_status = -1;
    int delay = 0;

    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, "v::", long_options, NULL);

        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_DELAY_COMPLETE:
            delay = atoi(optarg);
            break;
        case OPT_EXIT_BEFORE_COMPLETE:
            exit_status = atoi(optarg);
            break;
        case OPT_ACCESS_DATAPATH:
            access_datapath = true;
            break;
        case OPT_HELP:
            daemon_usage();
            vlog_usage();
            exit(0);

        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);
        default:
            OVS_NOT_REACHED();
        }
    }

    daemonize_start(access_datapath);
    if (delay > 0) {
        struct timespec ts = { delay / 1000, delay % 1000 * 1000000 };
        nanosleep(&ts, NULL);
    }
    if (exit_status >= 0) {
        VLOG_ERR("exiting with status %d before completing", exit_status);
        exit(exit_status);
    }
    daemonize_complete();
    VLOG_INFO("ready");
    for (;;) {
        poll_block();
    }
}
OVSTEST_COMMAND("daemon/run", daemon_run);
