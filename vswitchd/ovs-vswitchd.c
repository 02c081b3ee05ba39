/* ovs-vswitchd: the Open vSwitch daemon.  Command line, control socket
 * and main loop; bridge.c does the work. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "bridge.h"
#include "daemon.h"
#include "dirs.h"
#include "dpctl.h"
#include "dpif.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "netdev.h"
#include "netdev-dummy.h"
#include "ofproto/ofproto.h"
#include "poll-loop.h"
#include "smap.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(vswitchd);

/* --mlockall. */
static bool want_mlockall;

static bool exiting;
static bool cleanup;            /* "exit --cleanup". */

static char *parse_options(int argc, char *argv[], char **unixctl_pathp);
static void usage(void) OVS_NO_RETURN;
static void enable_dummy(const char *level);

static unixctl_cb_func vswitchd_exit;
static unixctl_cb_func vswitchd_memory_show;

int
main(int argc, char *argv[])
{
    struct unixctl_server *unixctl;
    char *unixctl_path = NULL;
    bool detached = false;
    char *remote;
    int retval;

    set_program_name(argv[0]);
    fatal_ignore_sigpipe();
    fatal_signal_init();
    netdev_initialize();

    remote = parse_options(argc, argv, &unixctl_path);
    daemonize_start(true);

    if (want_mlockall) {
        if (mlockall(MCL_CURRENT | MCL_FUTURE)) {
            VLOG_ERR("mlockall failed: %s", ovs_strerror(errno));
        }
    }

    retval = unixctl_server_create(unixctl_path, &unixctl);
    if (retval) {
        exit(EXIT_FAILURE);
    }
    unixctl_command_register("exit", "[--cleanup]", 0, 1,
                             vswitchd_exit, NULL);
    unixctl_command_register("memory/show", "", 0, 0,
                             vswitchd_memory_show, NULL);

    ofproto_init();
    dpctl_unixctl_register();
    bridge_init(remote);
    free(remote);

    while (!exiting) {
        bridge_run();
        unixctl_server_run(unixctl);
        netdev_run();
        if (!detached && bridge_is_configured()) {
            /* Only now may "ovs-vswitchd --detach" return. */
            daemonize_complete();
            detached = true;
        }

        bridge_wait();
        unixctl_server_wait(unixctl);
        netdev_wait();
        if (exiting) {
            poll_immediate_wake();
        }
        poll_block();
    }
    bridge_exit(cleanup);
    unixctl_server_destroy(unixctl);
    free(unixctl_path);
    return 0;
}

/* Returns the database remote (to free). */
static char *
parse_options(int argc, char *argv[], char **unixctl_pathp)
{
    enum {
        OPT_PEER_CA_CERT = UCHAR_MAX + 1,
        OPT_MLOCKALL,
        OPT_UNIXCTL,
        VLOG_OPTION_ENUMS,
        OPT_BOOTSTRAP_CA_CERT,
        OPT_ENABLE_DUMMY,
        OPT_DISABLE_SYSTEM,
        OPT_DISABLE_SYSTEM_ROUTE,
        DAEMON_OPTION_ENUMS,
        OPT_DPDK,
        OPT_SSL_PROTOCOLS,
        OPT_SSL_CIPHERS,
        OPT_DUMMY_NUMA,
    };
    static const struct option long_options[] = {
        {"help",        no_argument, NULL, 'h'},
        {"version",     no_argument, NULL, 'V'},
        {"mlockall",    no_argument, NULL, OPT_MLOCKALL},
        {"unixctl",     required_argument, NULL, OPT_UNIXCTL},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        {"private-key", required_argument, NULL, 'p'},
        {"certificate", required_argument, NULL, 'c'},
        {"ca-cert",     required_argument, NULL, 'C'},
        {"peer-ca-cert", required_argument, NULL, OPT_PEER_CA_CERT},
        {"bootstrap-ca-cert", required_argument, NULL, OPT_BOOTSTRAP_CA_CERT},
        {"ssl-protocols", required_argument, NULL, OPT_SSL_PROTOCOLS},
        {"ssl-ciphers", required_argument, NULL, OPT_SSL_CIPHERS},
        {"enable-dummy", optional_argument, NULL, OPT_ENABLE_DUMMY},
        {"disable-system", no_argument, NULL, OPT_DISABLE_SYSTEM},
        {"disable-system-route", no_argument, NULL,
         OPT_DISABLE_SYSTEM_ROUTE},
        {"dpdk", optional_argument, NULL, OPT_DPDK},
        {"dummy-numa", required_argument, NULL, OPT_DUMMY_NUMA},
        {NULL, 0, NULL, 0},
    };

    for (;;) {
        int c = getopt_long(argc, argv, "hVv::p:c:C:", long_options, NULL);

        if (c == -1) {
            break;
        }
        switch (c) {
        case 'h':
            usage();

        case 'V':
            ovs_print_version();
            exit(EXIT_SUCCESS);

        case OPT_MLOCKALL:
            want_mlockall = true;
            break;

        case OPT_UNIXCTL:
            free(*unixctl_pathp);
            *unixctl_pathp = xstrdup(optarg);
            break;

        VLOG_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS

        case 'p':
        case 'c':
        case 'C':
        case OPT_PEER_CA_CERT:
        case OPT_BOOTSTRAP_CA_CERT:
        case OPT_SSL_PROTOCOLS:
        case OPT_SSL_CIPHERS:
            /* SSL is not built in; "ssl:" remotes fail when opened. */
            break;

        case OPT_ENABLE_DUMMY:
            enable_dummy(optarg);
            break;

        case OPT_DISABLE_SYSTEM:
        case OPT_DISABLE_SYSTEM_ROUTE:
            /* There is no kernel datapath or route table to leave
             * alone. */
            break;

        case OPT_DPDK:
            ovs_fatal(0, "Using --dpdk to configure DPDK is not supported.");

        case OPT_DUMMY_NUMA:
            break;

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }

    argc -= optind;
    argv += optind;
    switch (argc) {
    case 0:
        return xasprintf("unix:%s/db.sock", ovs_rundir());

    case 1:
        return xstrdup(argv[0]);

    default:
        ovs_fatal(0, "at most one non-option argument accepted; "
                  "use --help for usage");
    }
}

/* --enable-dummy[=override|system|nooverride]. */
static void
enable_dummy(const char *arg)
{
    enum dummy_level level;

    if (!arg || !*arg || !strcmp(arg, "nooverride")) {
        level = DUMMY_OVERRIDE_NONE;
    } else if (!strcmp(arg, "system")) {
        level = DUMMY_OVERRIDE_SYSTEM;
    } else if (!strcmp(arg, "override")) {
        level = DUMMY_OVERRIDE_ALL;
    } else {
        ovs_fatal(0, "%s: unknown dummy level", arg);
    }
    netdev_dummy_register(level);
    dpif_dummy_register(level != DUMMY_OVERRIDE_NONE);
}

static void
usage(void)
{
    printf("%s: Open vSwitch daemon\n"
           "usage: %s [OPTIONS] [DATABASE]\n"
           "where DATABASE is a socket on which ovsdb-server is listening\n"
           "      (default: \"unix:%s/db.sock\").\n",
           ovs_get_program_name(), ovs_get_program_name(), ovs_rundir());
    printf("\nActive DATABASE connection methods:\n"
           "  tcp:HOST:PORT           PORT at remote HOST\n"
           "  ssl:HOST:PORT           SSL PORT at remote HOST\n"
           "  unix:FILE               Unix domain socket named FILE\n");
    printf("PKI configuration (required to use SSL):\n"
           "  -p, --private-key=FILE  file with private key\n"
           "  -c, --certificate=FILE  file with certificate for private key\n"
           "  -C, --ca-cert=FILE      file with peer CA certificate\n"
           "  --bootstrap-ca-cert=FILE  file with peer CA certificate "
           "to read or create\n"
           "SSL options:\n"
           "  --ssl-protocols=PROTOS  list of SSL protocols to enable\n"
           "  --ssl-ciphers=CIPHERS   list of SSL ciphers to enable\n");
    daemon_usage();
    vlog_usage();
    printf("\nDPDK options:\n"
           "Configuration of DPDK via command-line is removed from this\n"
           "version of Open vSwitch. DPDK is configured through ovsdb.\n"
           "\nOther options:\n"
           "  --unixctl=SOCKET          override default control socket "
           "name\n"
           "  -h, --help                display this help message\n"
           "  -V, --version             display version information\n");
    exit(EXIT_SUCCESS);
}

static void
vswitchd_exit(struct unixctl_conn *conn, int argc, const char *argv[],
              void *aux OVS_UNUSED)
{
    /* Like upstream, an argument other than --cleanup is ignored. */
    if (argc > 1 && !strcmp(argv[1], "--cleanup")) {
        cleanup = true;
    }
    exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
vswitchd_memory_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                     const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct smap usage = SMAP_INITIALIZER(&usage);
    struct ds s = DS_EMPTY_INITIALIZER;
    const struct smap_node **nodes;
    size_t i, n;

    bridge_get_memory_usage(&usage);
    nodes = smap_sort(&usage);
    n = smap_count(&usage);
    for (i = 0; i < n; i++) {
        ds_put_format(&s, "%s%s:%s", i ? " " : "", nodes[i]->key,
                      nodes[i]->value);
    }
    ds_put_char(&s, '\n');
    free(nodes);
    smap_destroy(&usage);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}
