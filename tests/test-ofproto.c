/* test-ofproto: a switch made of ofproto alone, for tests/ofproto.at.
 *
 * "ovstest test-ofproto-switch UNIXCTL" serves, on socket UNIXCTL, every
 * command ofproto and the datapath register (ofproto/trace, fdb/show,
 * dpctl/dump-flows, netdev-dummy/receive, ...) and these, which stand in
 * for ovs-vswitchd's database configuration:
 *
 *   test/add-br BR                  bridge BR on the "dummy" datapath,
 *                                   its local port BR a trunk.
 *   test/add-port BR PORT [OFPORT] [type=TYPE] [KEY=VALUE...]
 *                                   dummy device PORT (KEY=VALUE are its
 *                                   options, e.g. tx_pcap=FILE), a trunk;
 *                                   type=dummy-pmd for one that the
 *                                   datapath's own threads poll.
 *   test/set-port BR PORT [vlan_mode=M] [tag=N] [trunks=A,B...]
 *                  [cvlans=A,B...] [qinq=802.1q|802.1ad]
 *                  [priority-tags=true] [protected=true]
 *                                   reconfigures PORT's bundle.
 *   test/del-port BR PORT
 *   test/add-flow BR FLOW           ovs-ofctl add-flow syntax.
 *   test/del-flows BR               back to the default table.
 *   test/flow-stats BR FLOW         "n_packets=N n_bytes=N" of the rule.
 *   test/mac-table BR IDLE MAX      mac-aging-time and mac-table-size.
 *   test/flood-vlans BR [A,B...]
 *   test/max-idle MSEC
 *   exit */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "bitmap.h"
#include "dpctl.h"
#include "dpif.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "match.h"
#include "netdev-dummy.h"
#include "netdev.h"
#include "ofp-actions.h"
#include "ofp-flow.h"
#include "ofpbuf.h"
#include "ofproto/ofproto.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "shash.h"
#include "smap.h"
#include "unixctl.h"
#include "util.h"

/* A port as the harness configures it. */
struct test_port {
    char *name;
    ofp_port_t ofp_port;
    struct netdev *netdev;
    struct ofproto_bundle_settings s;
    unsigned long *trunks;
    unsigned long *cvlans;
};

struct test_br {
    struct ofproto *ofproto;
    struct shash ports;         /* struct test_port by name. */
};

static struct shash bridges = SHASH_INITIALIZER(&bridges);
static bool exiting;

static struct test_br *
find_br(struct unixctl_conn *conn, const char *name)
{
    struct test_br *br = shash_find_data(&bridges, name);
    if (!br) {
        unixctl_command_reply_error(conn, "no such bridge");
    }
    return br;
}

static int
register_bundle(struct test_br *br, struct test_port *p)
{
    p->s.name = p->name;
    p->s.slaves = &p->ofp_port;
    p->s.n_slaves = 1;
    p->s.trunks = p->trunks;
    p->s.cvlans = p->cvlans;
    return ofproto_bundle_register(br->ofproto, p, &p->s);
}

static struct test_port *
add_port(struct test_br *br, const char *name, const char *type,
         ofp_port_t ofp_port, const struct smap *args, char **errorp)
{
    struct netdev *netdev;
    int error = netdev_open(name, type, &netdev);
    if (error) {
        *errorp = xasprintf("%s: open failed (%s)", name,
                            ovs_strerror(error));
        return NULL;
    }
    if (args && !smap_is_empty(args)) {
        char *err = NULL;
        if (netdev_set_config(netdev, args, &err)) {
            *errorp = err ? err : xstrdup("bad options");
            netdev_close(netdev);
            return NULL;
        }
    }
    error = ofproto_port_add(br->ofproto, netdev, &ofp_port);
    if (error) {
        *errorp = xasprintf("%s: port add failed (%s)", name,
                            ovs_strerror(error));
        netdev_close(netdev);
        return NULL;
    }

    struct test_port *p = xzalloc(sizeof *p);
    p->name = xstrdup(name);
    p->ofp_port = ofp_port;
    p->netdev = netdev;
    p->s.vlan_mode = PORT_VLAN_TRUNK;
    p->s.vlan = -1;
    p->s.qinq_ethtype = 0x88a8;
    shash_add(&br->ports, name, p);
    register_bundle(br, p);
    *errorp = NULL;
    return p;
}

static void
del_port(struct test_br *br, struct test_port *p)
{
    ofproto_bundle_unregister(br->ofproto, p);
    ofproto_port_del(br->ofproto, p->ofp_port);
    shash_find_and_delete(&br->ports, p->name);
    netdev_close(p->netdev);
    free(p->trunks);
    free(p->cvlans);
    free(p->name);
    free(p);
}

static void
cmd_add_br(struct unixctl_conn *conn, int argc OVS_UNUSED,
           const char *argv[], void *aux OVS_UNUSED)
{
    if (shash_find(&bridges, argv[1])) {
        unixctl_command_reply_error(conn, "bridge exists");
        return;
    }
    struct test_br *br = xzalloc(sizeof *br);
    int error = ofproto_create(argv[1], "dummy", &br->ofproto);
    if (error) {
        free(br);
        unixctl_command_reply_error(conn, ovs_strerror(error));
        return;
    }
    shash_init(&br->ports);
    shash_add(&bridges, argv[1], br);

    char *err;
    if (!add_port(br, argv[1], dpif_port_open_type("dummy", "internal"),
                  OFPP_NONE, NULL, &err)) {
        unixctl_command_reply_error(conn, err);
        free(err);
        return;
    }
    unixctl_command_reply(conn, NULL);
}

static void
cmd_add_port(struct unixctl_conn *conn, int argc, const char *argv[],
             void *aux OVS_UNUSED)
{
    struct test_br *br = find_br(conn, argv[1]);
    if (!br) {
        return;
    }
    ofp_port_t ofp_port = OFPP_NONE;
    const char *type = "dummy";
    struct smap args = SMAP_INITIALIZER(&args);
    for (int i = 3; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        if (!strncmp(argv[i], "type=", 5)) {
            type = argv[i] + 5;
        } else if (eq) {
            char *key = xmemdup0(argv[i], eq - argv[i]);
            smap_add(&args, key, eq + 1);
            free(key);
        } else {
            ofp_port = atoi(argv[i]);
        }
    }
    char *err;
    add_port(br, argv[2], type, ofp_port, &args, &err);
    smap_destroy(&args);
    if (err) {
        unixctl_command_reply_error(conn, err);
        free(err);
    } else {
        unixctl_command_reply(conn, NULL);
    }
}

static unsigned long *
parse_vlans(const char *s)
{
    unsigned long *b = bitmap_allocate(4096);
    char *copy = xstrdup(s), *save = NULL, *tok;

    for (tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        int v = atoi(tok);
        if (v >= 0 && v < 4096) {
            bitmap_set1(b, v);
        }
    }
    free(copy);
    return b;
}

static void
cmd_set_port(struct unixctl_conn *conn, int argc, const char *argv[],
             void *aux OVS_UNUSED)
{
    struct test_br *br = find_br(conn, argv[1]);
    if (!br) {
        return;
    }
    struct test_port *p = shash_find_data(&br->ports, argv[2]);
    if (!p) {
        unixctl_command_reply_error(conn, "no such port");
        return;
    }
    for (int i = 3; i < argc; i++) {
        const char *a = argv[i];
        if (!strncmp(a, "vlan_mode=", 10)) {
            static const char *const modes[] = {
                "trunk", "access", "native-tagged", "native-untagged",
                "dot1q-tunnel"
            };
            for (int m = 0; m < ARRAY_SIZE(modes); m++) {
                if (!strcmp(a + 10, modes[m])) {
                    p->s.vlan_mode = m;
                }
            }
        } else if (!strncmp(a, "tag=", 4)) {
            p->s.vlan = atoi(a + 4);
        } else if (!strncmp(a, "trunks=", 7)) {
            free(p->trunks);
            p->trunks = a[7] ? parse_vlans(a + 7) : NULL;
        } else if (!strncmp(a, "cvlans=", 7)) {
            free(p->cvlans);
            p->cvlans = a[7] ? parse_vlans(a + 7) : NULL;
        } else if (!strcmp(a, "qinq=802.1q")) {
            p->s.qinq_ethtype = 0x8100;
        } else if (!strcmp(a, "qinq=802.1ad")) {
            p->s.qinq_ethtype = 0x88a8;
        } else if (!strcmp(a, "priority-tags=true")) {
            p->s.use_priority_tags = true;
        } else if (!strcmp(a, "protected=true")) {
            p->s.protected = true;
        } else {
            unixctl_command_reply_error(conn, "bad setting");
            return;
        }
    }
    /* As bridge.c does: a tag without vlan_mode makes an access port. */
    if (p->s.vlan >= 0 && p->s.vlan_mode == PORT_VLAN_TRUNK
        && !p->trunks) {
        p->s.vlan_mode = PORT_VLAN_ACCESS;
    }
    int error = register_bundle(br, p);
    if (error) {
        unixctl_command_reply_error(conn, ovs_strerror(error));
    } else {
        unixctl_command_reply(conn, NULL);
    }
}

static void
cmd_del_port(struct unixctl_conn *conn, int argc OVS_UNUSED,
             const char *argv[], void *aux OVS_UNUSED)
{
    struct test_br *br = find_br(conn, argv[1]);
    if (!br) {
        return;
    }
    struct test_port *p = shash_find_data(&br->ports, argv[2]);
    if (!p) {
        unixctl_command_reply_error(conn, "no such port");
        return;
    }
    del_port(br, p);
    unixctl_command_reply(conn, NULL);
}

static char *
parse_actions_cb(const char *actions, void *ofpacts_)
{
    struct ofpbuf *ofpacts = ofpacts_;
    uint32_t usable;
    struct ofpact_parse_params pp = {
        .port_names = NULL,
        .ofpacts = ofpacts,
        .usable_protocols = &usable,
    };
    return ofpacts_parse_instructions(actions, &pp);
}

static void
cmd_add_flow(struct unixctl_conn *conn, int argc OVS_UNUSED,
             const char *argv[], void *aux OVS_UNUSED)
{
    struct test_br *br = find_br(conn, argv[1]);
    if (!br) {
        return;
    }
    struct ofputil_flow_mod fm;
    struct ofpbuf ofpacts;
    ofpbuf_init(&ofpacts, 64);
    char *error = parse_ofp_flow_mod_str(&fm, argv[2], OFPFC_ADD,
                                         parse_actions_cb, &ofpacts);
    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
    } else {
        ofproto_add_flow(br->ofproto, fm.table_id == 255 ? 0 : fm.table_id,
                         &fm.match, fm.priority, ofpacts.data, ofpacts.size);
        ofputil_flow_mod_uninit(&fm);
        unixctl_command_reply(conn, NULL);
    }
    ofpbuf_uninit(&ofpacts);
}

static void
cmd_del_flows(struct unixctl_conn *conn, int argc OVS_UNUSED,
              const char *argv[], void *aux OVS_UNUSED)
{
    struct test_br *br = find_br(conn, argv[1]);
    if (br) {
        ofproto_flush_flows(br->ofproto);
        unixctl_command_reply(conn, NULL);
    }
}

static void
cmd_flow_stats(struct unixctl_conn *conn, int argc OVS_UNUSED,
               const char *argv[], void *aux OVS_UNUSED)
{
    struct test_br *br = find_br(conn, argv[1]);
    if (!br) {
        return;
    }
    struct match match;
    int priority;
    char *error = parse_ofp_match_str(&match, &priority, argv[2]);
    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
        return;
    }
    uint64_t n_packets, n_bytes;
    if (ofproto_get_flow_stats(br->ofproto, 0, &match, priority,
                               &n_packets, &n_bytes)) {
        unixctl_command_reply_error(conn, "no such flow");
        return;
    }
    char *s = xasprintf("n_packets=%"PRIu64" n_bytes=%"PRIu64, n_packets,
                        n_bytes);
    unixctl_command_reply(conn, s);
    free(s);
}

static void
cmd_mac_table(struct unixctl_conn *conn, int argc OVS_UNUSED,
              const char *argv[], void *aux OVS_UNUSED)
{
    struct test_br *br = find_br(conn, argv[1]);
    if (br) {
        ofproto_set_mac_table_config(br->ofproto, atoi(argv[2]),
                                     atoi(argv[3]));
        unixctl_command_reply(conn, NULL);
    }
}

static void
cmd_flood_vlans(struct unixctl_conn *conn, int argc, const char *argv[],
                void *aux OVS_UNUSED)
{
    struct test_br *br = find_br(conn, argv[1]);
    if (br) {
        unsigned long *b = argc > 2 ? parse_vlans(argv[2]) : NULL;
        ofproto_set_flood_vlans(br->ofproto, b);
        free(b);
        unixctl_command_reply(conn, NULL);
    }
}

static void
cmd_max_idle(struct unixctl_conn *conn, int argc OVS_UNUSED,
             const char *argv[], void *aux OVS_UNUSED)
{
    ofproto_set_max_idle(atoi(argv[1]));
    unixctl_command_reply(conn, NULL);
}

static void
cmd_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
         const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
test_ofproto_switch(int argc OVS_UNUSED, char *argv[])
{
    struct unixctl_server *server;

    fatal_ignore_sigpipe();
    netdev_dummy_register(DUMMY_OVERRIDE_NONE);
    dpif_dummy_register(false);
    int error = unixctl_server_create(argv[1], &server);
    if (error) {
        ovs_fatal(error, "%s: could not create unixctl server", argv[1]);
    }
    ofproto_init();
    dpctl_unixctl_register();
    unixctl_command_register("test/add-br", "BR", 1, 1, cmd_add_br, NULL);
    unixctl_command_register("test/add-port", "BR PORT [OFPORT] [K=V...]",
                             2, INT_MAX, cmd_add_port, NULL);
    unixctl_command_register("test/set-port", "BR PORT [K=V...]", 2,
                             INT_MAX, cmd_set_port, NULL);
    unixctl_command_register("test/del-port", "BR PORT", 2, 2, cmd_del_port,
                             NULL);
    unixctl_command_register("test/add-flow", "BR FLOW", 2, 2, cmd_add_flow,
                             NULL);
    unixctl_command_register("test/del-flows", "BR", 1, 1, cmd_del_flows,
                             NULL);
    unixctl_command_register("test/flow-stats", "BR FLOW", 2, 2,
                             cmd_flow_stats, NULL);
    unixctl_command_register("test/mac-table", "BR IDLE MAX", 3, 3,
                             cmd_mac_table, NULL);
    unixctl_command_register("test/flood-vlans", "BR [VLANS]", 1, 2,
                             cmd_flood_vlans, NULL);
    unixctl_command_register("test/max-idle", "MSEC", 1, 1, cmd_max_idle,
                             NULL);
    unixctl_command_register("exit", "", 0, 0, cmd_exit, NULL);

    while (!exiting) {
        struct shash_node *node;

        unixctl_server_run(server);
        netdev_run();
        ofproto_type_run("dummy");
        SHASH_FOR_EACH (node, &bridges) {
            struct test_br *br = node->data;
            ofproto_run(br->ofproto);
        }
        if (exiting) {
            break;
        }
        unixctl_server_wait(server);
        netdev_wait();
        ofproto_type_wait("dummy");
        SHASH_FOR_EACH (node, &bridges) {
            struct test_br *br = node->data;
            ofproto_wait(br->ofproto);
        }
        poll_block();
    }

    struct shash_node *node;
    SHASH_FOR_EACH_SAFE (node, &bridges) {
        struct test_br *br = node->data;
        struct shash_node *pn;
        SHASH_FOR_EACH_SAFE (pn, &br->ports) {
            del_port(br, pn->data);
        }
        shash_destroy(&br->ports);
        ofproto_destroy(br->ofproto);
        free(br);
        shash_delete(&bridges, node);
    }
    unixctl_server_destroy(server);
}
OVSTEST_COMMAND("test-ofproto-switch", test_ofproto_switch);
