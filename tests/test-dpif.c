/* test-dpif.c: helpers for tests/dpif-netdev.at.
 *
 * test-dpif-daemon UNIXCTL [DP [PORT...]]
 *     Plays the part ovs-vswitchd plays for a datapath: registers the
 *     dummy providers as "ovs-vswitchd --enable-dummy=override" does and
 *     (except for a "netdev@..." DP, whose ports are real devices)
 *     the dpctl and netdev-dummy commands, creates datapath DP
 *     (default dummy@ovs-dummy) with ports PORT... ("NAME[,KEY=VALUE]..."
 *     as dpctl/add-if takes them), handles upcalls, and serves unixctl
 *     commands on socket UNIXCTL until "exit".  It calls itself
 *     "ovs-vswitchd" so that dpctl messages read like upstream's.
 *
 *     Upcalls from DP are answered by a policy the test sets:
 *       test/upcall-policy flood|drop|ACTIONS [exact|wild|nocache]
 *         flood: output to every port but the input port and port 0;
 *         drop: no actions; otherwise the odp ACTIONS text.
 *         exact: install a megaflow matching every field; wild (the
 *         default): matching only in_port (the datapath adds
 *         recirc_id); nocache: install nothing (ENOSPC).
 *       test/upcalls: prints and forgets the upcalls seen so far, one per
 *         line: "miss in_port(N)" or "action in_port(N) userdata(HEX)".
 *       test/execute HEX-PACKET IN-PORT ACTIONS: dpif_execute().
 *
 * test-dpif-stress
 *     Adds and deletes flows from the main thread while pmd threads
 *     forward packets injected into dummy-pmd ports, then checks the
 *     counters add up.  Meant for the sanitizers. */
#include <config.h>

#include <errno.h>
#include <linux/openvswitch.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "dpctl.h"
#include "dpif.h"
#include "dynamic-string.h"
#include "flow.h"
#include "netdev.h"
#include "netdev-dummy.h"
#include "netlink.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "ovs-thread.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "smap.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"

/* Upcall policy, set from the main thread, read by any thread. */
static struct ovs_mutex policy_mutex = OVS_MUTEX_INITIALIZER;
static enum { POL_FLOOD, POL_DROP, POL_ACTIONS } policy = POL_FLOOD;
static enum { CACHE_WILD, CACHE_EXACT, CACHE_NONE } cache = CACHE_WILD;
static struct ofpbuf policy_actions;
static struct ds upcall_log = DS_EMPTY_INITIALIZER;
static struct dpif *daemon_dpif;
static bool daemon_exiting;

static int
daemon_upcall(const struct dp_packet *packet OVS_UNUSED,
              const struct flow *flow, ovs_u128 *ufid OVS_UNUSED,
              unsigned pmd_id OVS_UNUSED, enum dpif_upcall_type type,
              const struct nlattr *userdata, struct ofpbuf *actions,
              struct flow_wildcards *wc, struct ofpbuf *put_actions,
              void *aux OVS_UNUSED)
{
    int error = 0;

    ovs_mutex_lock(&policy_mutex);
    if (type == DPIF_UC_ACTION) {
        ds_put_format(&upcall_log, "action in_port(%"PRIu32")",
                      flow->in_port.odp_port);
        if (userdata) {
            const uint8_t *p = nl_attr_get(userdata);

            ds_put_cstr(&upcall_log, " userdata(");
            for (size_t i = 0; i < nl_attr_get_size(userdata); i++) {
                ds_put_format(&upcall_log, "%02x", p[i]);
            }
            ds_put_char(&upcall_log, ')');
        }
        ds_put_char(&upcall_log, '\n');
        ovs_mutex_unlock(&policy_mutex);
        return 0;
    }

    ds_put_format(&upcall_log, "miss in_port(%"PRIu32")\n",
                  flow->in_port.odp_port);
    if (policy == POL_FLOOD) {
        struct dpif_port *ports;
        size_t n;

        dpif_port_list(daemon_dpif, &ports, &n);
        for (size_t i = 0; i < n; i++) {
            if (ports[i].port_no != flow->in_port.odp_port
                && ports[i].port_no != 0) {
                odp_put_output_action(actions, ports[i].port_no);
            }
        }
        dpif_port_list_free(ports, n);
    } else if (policy == POL_ACTIONS) {
        ofpbuf_put(actions, policy_actions.data, policy_actions.size);
    }
    if (cache == CACHE_EXACT) {
        flow_wildcards_init_exact(wc);
    } else if (cache == CACHE_NONE) {
        error = ENOSPC;
    }
    (void) put_actions;
    ovs_mutex_unlock(&policy_mutex);
    return error;
}

static void
daemon_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
            const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    daemon_exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
daemon_set_policy(struct unixctl_conn *conn, int argc, const char *argv[],
                  void *aux OVS_UNUSED)
{
    struct ofpbuf actions;
    int new_cache = CACHE_WILD;
    int new_policy;

    ofpbuf_init(&actions, 0);
    if (!strcmp(argv[1], "flood")) {
        new_policy = POL_FLOOD;
    } else if (!strcmp(argv[1], "drop")) {
        new_policy = POL_DROP;
    } else if (!odp_actions_from_string(argv[1], NULL, &actions)) {
        new_policy = POL_ACTIONS;
    } else {
        ofpbuf_uninit(&actions);
        unixctl_command_reply_error(conn, "bad actions");
        return;
    }
    if (argc > 2) {
        if (!strcmp(argv[2], "exact")) {
            new_cache = CACHE_EXACT;
        } else if (!strcmp(argv[2], "nocache")) {
            new_cache = CACHE_NONE;
        } else if (strcmp(argv[2], "wild")) {
            ofpbuf_uninit(&actions);
            unixctl_command_reply_error(conn, "bad cache policy");
            return;
        }
    }
    ovs_mutex_lock(&policy_mutex);
    policy = new_policy;
    cache = new_cache;
    ofpbuf_uninit(&policy_actions);
    policy_actions = actions;
    ovs_mutex_unlock(&policy_mutex);
    unixctl_command_reply(conn, NULL);
}

static void
daemon_upcalls(struct unixctl_conn *conn, int argc OVS_UNUSED,
               const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    ovs_mutex_lock(&policy_mutex);
    unixctl_command_reply(conn, ds_cstr(&upcall_log));
    ds_clear(&upcall_log);
    ovs_mutex_unlock(&policy_mutex);
}

static int
hex_to_packet(const char *hex, struct dp_packet **packetp)
{
    size_t len = strlen(hex);
    struct dp_packet *packet;

    if (len % 2 || !len) {
        return EINVAL;
    }
    packet = dp_packet_new_with_headroom(len / 2, DP_PACKET_HEADROOM);
    for (size_t i = 0; i < len; i += 2) {
        char byte[3] = { hex[i], hex[i + 1], '\0' };
        char *end;
        uint8_t b = strtoul(byte, &end, 16);

        if (*end) {
            dp_packet_delete(packet);
            return EINVAL;
        }
        dp_packet_put(packet, &b, 1);
    }
    *packetp = packet;
    return 0;
}

static void
daemon_execute(struct unixctl_conn *conn, int argc OVS_UNUSED,
               const char *argv[], void *aux OVS_UNUSED)
{
    struct dpif_execute execute;
    struct dp_packet *packet;
    struct ofpbuf actions;
    struct flow flow;
    int error;

    if (hex_to_packet(argv[1], &packet)) {
        unixctl_command_reply_error(conn, "bad packet");
        return;
    }
    ofpbuf_init(&actions, 0);
    if (odp_actions_from_string(argv[3], NULL, &actions)) {
        unixctl_command_reply_error(conn, "bad actions");
    } else {
        pkt_metadata_init(&packet->md, strtoul(argv[2], NULL, 10));
        flow_extract(packet, &flow);
        execute.actions = actions.data;
        execute.actions_len = actions.size;
        execute.packet = packet;
        execute.flow = &flow;
        execute.probe = false;
        error = dpif_execute(daemon_dpif, &execute);
        if (error) {
            unixctl_command_reply_error(conn, ovs_strerror(error));
        } else {
            unixctl_command_reply(conn, NULL);
        }
    }
    ofpbuf_uninit(&actions);
    dp_packet_delete(packet);
}

static void
test_dpif_daemon(int argc, char *argv[])
{
    struct unixctl_server *server;
    const char *dp_name = argc > 2 ? argv[2] : "dummy@ovs-dummy";
    char *name, *type;
    int error;

    set_program_name("ovs-vswitchd");
    if (argc < 2) {
        ovs_fatal(0, "usage: test-dpif-daemon UNIXCTL [DP [PORT...]]");
    }
    /* A "netdev" datapath is for real devices: no override then. */
    bool override = strncmp(dp_name, "netdev@", 7) != 0;
    netdev_dummy_register(override ? DUMMY_OVERRIDE_SYSTEM
                          : DUMMY_OVERRIDE_NONE);
    dpif_dummy_register(override);
    error = unixctl_server_create(argv[1], &server);
    if (error) {
        ovs_fatal(error, "%s: could not create unixctl server", argv[1]);
    }
    unixctl_command_register("exit", "", 0, 0, daemon_exit, NULL);
    unixctl_command_register("test/upcall-policy", "flood|drop|ACTIONS "
                             "[exact|wild|nocache]", 1, 2,
                             daemon_set_policy, NULL);
    unixctl_command_register("test/upcalls", "", 0, 0, daemon_upcalls,
                             NULL);
    unixctl_command_register("test/execute", "HEX IN-PORT ACTIONS", 3, 3,
                             daemon_execute, NULL);
    dpctl_unixctl_register();
    ofpbuf_init(&policy_actions, 0);

    dp_parse_name(dp_name, &name, &type);
    error = dpif_create_and_open(name, type, &daemon_dpif);
    if (error) {
        ovs_fatal(error, "%s: cannot create datapath", dp_name);
    }
    free(name);
    free(type);
    for (int i = 3; i < argc; i++) {
        char *spec = xstrdup(argv[i]);
        char *save = NULL;
        char *pname = strtok_r(spec, ",", &save);
        const char *ptype = "system";
        struct smap args = SMAP_INITIALIZER(&args);
        odp_port_t port_no = ODPP_NONE;
        struct netdev *netdev;
        char *kv, *err = NULL;

        while ((kv = strtok_r(NULL, ",", &save)) != NULL) {
            char *eq = strchr(kv, '=');

            if (eq) {
                *eq = '\0';
                if (!strcmp(kv, "type")) {
                    ptype = eq + 1;
                } else if (!strcmp(kv, "port_no")) {
                    port_no = strtoul(eq + 1, NULL, 10);
                } else {
                    smap_add(&args, kv, eq + 1);
                }
            }
        }
        error = netdev_open(pname, ptype, &netdev);
        if (!error) {
            error = netdev_set_config(netdev, &args, &err);
        }
        if (!error) {
            error = dpif_port_add(daemon_dpif, netdev, &port_no);
        }
        if (error) {
            ovs_fatal(error, "%s: cannot add port (%s)", argv[i],
                      err ? err : "");
        }
        netdev_close(netdev);
        smap_destroy(&args);
        free(spec);
    }
    dpif_register_upcall_cb(daemon_dpif, daemon_upcall, NULL);
    dpif_enable_upcall(daemon_dpif);

    while (!daemon_exiting) {
        unixctl_server_run(server);
        netdev_run();
        dpif_run(daemon_dpif);
        if (daemon_exiting) {
            break;
        }
        unixctl_server_wait(server);
        netdev_wait();
        dpif_wait(daemon_dpif);
        poll_block();
    }
    dpif_disable_upcall(daemon_dpif);
    dpif_close(daemon_dpif);
    unixctl_server_destroy(server);
    ofpbuf_uninit(&policy_actions);
    ds_destroy(&upcall_log);
}
OVSTEST_COMMAND("test-dpif-daemon", test_dpif_daemon);

/* Stress: flows changing under pmd threads. */

static struct dp_packet *
stress_packet(uint8_t src)
{
    static const uint8_t frame[] = {
        0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x88, 0xb5,
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
        33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46,
    };
    struct dp_packet *p = dp_packet_clone_data_with_headroom(
        frame, sizeof frame, DP_PACKET_HEADROOM);
    ((uint8_t *) dp_packet_data(p))[11] = src;
    return p;
}

static int stress_upcall_count;

static int
stress_upcall(const struct dp_packet *packet OVS_UNUSED,
              const struct flow *flow OVS_UNUSED, ovs_u128 *ufid OVS_UNUSED,
              unsigned pmd_id OVS_UNUSED, enum dpif_upcall_type type,
              const struct nlattr *userdata OVS_UNUSED,
              struct ofpbuf *actions, struct flow_wildcards *wc,
              struct ofpbuf *put_actions OVS_UNUSED, void *aux OVS_UNUSED)
{
    __atomic_fetch_add(&stress_upcall_count, 1, __ATOMIC_RELAXED);
    if (type == DPIF_UC_MISS) {
        odp_put_output_action(actions, 2);
        flow_wildcards_init_exact(wc);
    }
    return 0;
}

static void
test_dpif_stress(int argc, char *argv[])
{
    int rounds = argc > 1 ? atoi(argv[1]) : 2000;
    struct netdev *p1, *p2;
    struct dpif *dpif;
    odp_port_t port_no;
    uint64_t injected = 0;
    struct dpif_dp_stats stats;

    netdev_dummy_register(DUMMY_OVERRIDE_NONE);
    dpif_dummy_register(false);
    CHECK_INT(dpif_create_and_open("stress", "dummy", &dpif), 0);
    CHECK_INT(netdev_open("sp1", "dummy-pmd", &p1), 0);
    CHECK_INT(netdev_open("sp2", "dummy-pmd", &p2), 0);
    port_no = ODPP_NONE;
    CHECK_INT(dpif_port_add(dpif, p1, &port_no), 0);
    CHECK_INT(port_no, 1);
    port_no = ODPP_NONE;
    CHECK_INT(dpif_port_add(dpif, p2, &port_no), 0);
    CHECK_INT(port_no, 2);
    dpif_register_upcall_cb(dpif, stress_upcall, NULL);

    for (int r = 0; r < rounds; r++) {
        struct ofpbuf key, mask, actions;
        char flow_s[200];
        uint8_t src = r % 8;

        /* A burst of packets from 8 sources. */
        for (int i = 0; i < 16; i++) {
            netdev_dummy_queue_packet(p1, stress_packet((r + i) % 8));
            injected++;
        }

        /* Flows come and go meanwhile. */
        snprintf(flow_s, sizeof flow_s,
                 "in_port(1),eth(src=02:00:00:00:00:%02x,"
                 "dst=02:00:00:00:00:02),eth_type(0x88b5)", src);
        ofpbuf_init(&key, 0);
        ofpbuf_init(&mask, 0);
        ofpbuf_init(&actions, 0);
        CHECK_INT(odp_flow_from_string(flow_s, NULL, &key, &mask, NULL), 0);
        odp_put_output_action(&actions, r % 3 ? 2 : 0);
        dpif_flow_put(dpif, DPIF_FP_CREATE | DPIF_FP_MODIFY,
                      key.data, key.size, mask.data, mask.size,
                      actions.data, actions.size, NULL, PMD_ID_NULL, NULL);
        if (r % 5 == 0) {
            dpif_flow_del(dpif, key.data, key.size, NULL, PMD_ID_NULL,
                          NULL);
        }
        if (r % 97 == 0) {
            dpif_flow_flush(dpif);
        }
        if (r % 13 == 0) {
            struct dpif_flow_dump *dump = dpif_flow_dump_create(dpif, false);
            struct dpif_flow_dump_thread *t
                = dpif_flow_dump_thread_create(dump);
            struct dpif_flow f[4];

            while (dpif_flow_dump_next(t, f, 4) > 0) {
                continue;
            }
            dpif_flow_dump_thread_destroy(t);
            dpif_flow_dump_destroy(dump);
        }
        ofpbuf_uninit(&key);
        ofpbuf_uninit(&mask);
        ofpbuf_uninit(&actions);
        dpif_run(dpif);
    }

    /* Every packet is eventually either a hit or a miss. */
    long long int deadline = time_msec() + 30000;
    for (;;) {
        dpif_get_dp_stats(dpif, &stats);
        if (stats.n_hit + stats.n_missed == injected
            || time_msec() > deadline) {
            break;
        }
        poll_timer_wait(1);
        poll_block();
    }
    CHECK_INT(stats.n_hit + stats.n_missed, injected);
    CHECK_INT(stats.n_lost, 0);
    printf("injected %"PRIu64" hit %"PRIu64" missed %"PRIu64"\n", injected,
           stats.n_hit, stats.n_missed);

    /* Removing a port under traffic, then the datapath. */
    for (int i = 0; i < 64; i++) {
        netdev_dummy_queue_packet(p1, stress_packet(i % 8));
    }
    CHECK_INT(dpif_port_del(dpif, 1), 0);
    CHECK_INT(dpif_delete(dpif), 0);
    dpif_close(dpif);
    netdev_close(p1);
    netdev_close(p2);
}
OVSTEST_COMMAND("test-dpif-stress", test_dpif_stress);
