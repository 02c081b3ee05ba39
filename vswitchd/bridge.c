/* bridge.c: the database's bridges, ports and interfaces made real.  See
 * bridge.h for the design. */
#include <config.h>
#include "bridge.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "bitmap.h"
#include "dirs.h"
#include "dpif.h"
#include "dynamic-string.h"
#include "hash.h"
#include "hmap.h"
#include "list.h"
#include "netdev.h"
#include "ofp-port.h"
#include "ofproto/ofproto.h"
#include "ovsdb-idl.h"
#include "packets.h"
#include "poll-loop.h"
#include "random.h"
#include "smap.h"
#include "sset.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"
#include "vswitch-idl.h"

VLOG_DEFINE_THIS_MODULE(bridge);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* One Interface row: an open network device that is one OpenFlow port. */
struct iface {
    struct hmap_node name_node; /* In 'all_ifaces', by name. */
    struct ovs_list port_elem;  /* In struct port's 'ifaces'. */
    struct port *port;          /* Owner. */
    char *name;
    char *type;                 /* Interface type as configured. */
    ofp_port_t requested;       /* ofport_request when created, or
                                 * OFPP_NONE. */
    const struct ovsrec_interface *cfg; /* NULL while being deleted. */
    struct netdev *netdev;
    ofp_port_t ofp_port;        /* OpenFlow port number. */
    int mtu_request;            /* Last MTU asked for, 0 for none. */
};

/* One Port row: a bundle of interfaces with VLAN configuration. */
struct port {
    struct hmap_node node;      /* In struct bridge's 'ports', by name. */
    struct bridge *bridge;
    char *name;
    const struct ovsrec_port *cfg;
    struct ovs_list ifaces;     /* Contains "struct iface"s. */
    bool registered;            /* Registered with the ofproto. */
};

/* One Bridge row with its ofproto. */
struct bridge {
    struct hmap_node node;      /* In 'all_bridges', by name. */
    char *name;
    char *type;                 /* Normalized datapath type. */
    const struct ovsrec_bridge *cfg;
    struct ofproto *ofproto;
    struct hmap ports;          /* Contains "struct port"s, by name. */
    struct eth_addr random_ea;  /* Made up once, used if nothing better;
                                 * zero until needed. */
    uint64_t dpid;              /* Datapath ID in use, 0 before any. */
};

static struct ovsdb_idl *idl;
static unsigned int idl_seqno;
static struct hmap all_bridges = HMAP_INITIALIZER(&all_bridges);
static struct hmap all_ifaces = HMAP_INITIALIZER(&all_ifaces);

/* Error texts of interfaces that could not be made, by interface name;
 * written to the Interface rows' error column. */
static struct smap iface_errors = SMAP_INITIALIZER(&iface_errors);

/* Status writing. */
static struct ovsdb_idl_txn *status_txn; /* In flight, or NULL. */
static bool status_needed;      /* Something must be written. */
static int64_t cfg_applied = -1; /* next_cfg we have applied, to write as
                                  * cur_cfg (-1: nothing yet). */
static bool configured_once;    /* Applied a configuration at least once. */
static long long int stats_timer = LLONG_MIN; /* Next statistics write. */
static int stats_interval = 5000; /* msec. */
static uint64_t netdev_seq_sum; /* Sum of every iface's change_seq. */

static void bridge_reconfigure(const struct ovsrec_open_vswitch *);
static void bridge_write_status(const struct ovsrec_open_vswitch *,
                                bool with_stats);
static void bridge_destroy(struct bridge *, bool del);
static void iface_destroy(struct iface *);
static struct bridge *bridge_lookup(const char *name);
static unixctl_cb_func bridge_unixctl_reconnect;
static unixctl_cb_func qos_unixctl_show;
static unixctl_cb_func qos_unixctl_show_types;

/* Database columns: the ones we read with alerts, and the ones we write
 * (replicated without alerts so our writes do not wake us up). */
static void
bridge_add_columns(struct ovsdb_idl *idl_)
{
    static const struct ovsdb_idl_column *read_cols[] = {
        &ovsrec_open_vswitch_col_bridges,
        &ovsrec_open_vswitch_col_next_cfg,
        &ovsrec_open_vswitch_col_other_config,
        &ovsrec_bridge_col_name,
        &ovsrec_bridge_col_datapath_type,
        &ovsrec_bridge_col_ports,
        &ovsrec_bridge_col_other_config,
        &ovsrec_bridge_col_flood_vlans,
        &ovsrec_port_col_name,
        &ovsrec_port_col_interfaces,
        &ovsrec_port_col_tag,
        &ovsrec_port_col_trunks,
        &ovsrec_port_col_vlan_mode,
        &ovsrec_port_col_cvlans,
        &ovsrec_port_col_other_config,
        &ovsrec_port_col_protected,
        &ovsrec_interface_col_name,
        &ovsrec_interface_col_type,
        &ovsrec_interface_col_options,
        &ovsrec_interface_col_ofport_request,
        &ovsrec_interface_col_mtu_request,
        &ovsrec_interface_col_other_config,
    };
    static const struct ovsdb_idl_column *write_cols[] = {
        &ovsrec_open_vswitch_col_cur_cfg,
        &ovsrec_open_vswitch_col_datapath_types,
        &ovsrec_open_vswitch_col_iface_types,
        &ovsrec_open_vswitch_col_dpdk_initialized,
        &ovsrec_open_vswitch_col_dpdk_version,
        &ovsrec_bridge_col_datapath_id,
        &ovsrec_bridge_col_datapath_version,
        &ovsrec_interface_col_ofport,
        &ovsrec_interface_col_error,
        &ovsrec_interface_col_admin_state,
        &ovsrec_interface_col_link_state,
        &ovsrec_interface_col_link_resets,
        &ovsrec_interface_col_link_speed,
        &ovsrec_interface_col_duplex,
        &ovsrec_interface_col_mtu,
        &ovsrec_interface_col_mac_in_use,
        &ovsrec_interface_col_ifindex,
        &ovsrec_interface_col_statistics,
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(read_cols); i++) {
        ovsdb_idl_add_column(idl_, read_cols[i]);
    }
    for (i = 0; i < ARRAY_SIZE(write_cols); i++) {
        ovsdb_idl_add_column(idl_, write_cols[i]);
        ovsdb_idl_omit_alert(idl_, write_cols[i]);
    }
}

void
bridge_init(const char *remote)
{
    idl = ovsdb_idl_create(remote, &ovsrec_idl_class, false, true);
    idl_seqno = ovsdb_idl_get_seqno(idl);
    bridge_add_columns(idl);
    ovsdb_idl_set_lock(idl, "ovs_vswitchd");

    unixctl_command_register("bridge/reconnect", "[bridge]", 0, 1,
                             bridge_unixctl_reconnect, NULL);
    unixctl_command_register("qos/show", "interface", 1, 1,
                             qos_unixctl_show, NULL);
    unixctl_command_register("qos/show-types", "interface", 1, 1,
                             qos_unixctl_show_types, NULL);
}

void
bridge_exit(bool delete_datapath)
{
    struct bridge *br;

    HMAP_FOR_EACH_SAFE (br, node, &all_bridges) {
        bridge_destroy(br, delete_datapath);
    }
    hmap_destroy(&all_bridges);
    hmap_destroy(&all_ifaces);
    smap_destroy(&iface_errors);
    if (status_txn) {
        ovsdb_idl_txn_destroy(status_txn);
        status_txn = NULL;
    }
    ovsdb_idl_destroy(idl);
    idl = NULL;
}

bool
bridge_is_configured(void)
{
    return configured_once;
}

/* Lookups. */

static struct bridge *
bridge_lookup(const char *name)
{
    struct bridge *br;

    HMAP_FOR_EACH_WITH_HASH (br, node, hash_string(name, 0), &all_bridges) {
        if (!strcmp(br->name, name)) {
            return br;
        }
    }
    return NULL;
}

static struct port *
port_lookup(const struct bridge *br, const char *name)
{
    struct port *port;

    HMAP_FOR_EACH_WITH_HASH (port, node, hash_string(name, 0), &br->ports) {
        if (!strcmp(port->name, name)) {
            return port;
        }
    }
    return NULL;
}

static struct iface *
iface_lookup(const char *name)
{
    struct iface *iface;

    HMAP_FOR_EACH_WITH_HASH (iface, name_node, hash_string(name, 0),
                             &all_ifaces) {
        if (!strcmp(iface->name, name)) {
            return iface;
        }
    }
    return NULL;
}

/* Destruction. */

static void
iface_destroy(struct iface *iface)
{
    struct port *port = iface->port;
    struct bridge *br = port->bridge;

    if (iface->ofp_port != OFPP_NONE) {
        ofproto_port_del(br->ofproto, iface->ofp_port);
        VLOG_INFO("bridge %s: deleted interface %s on port %"PRIu16,
                  br->name, iface->name, iface->ofp_port);
    }
    netdev_close(iface->netdev);
    hmap_remove(&all_ifaces, &iface->name_node);
    ovs_list_remove(&iface->port_elem);
    free(iface->name);
    free(iface->type);
    free(iface);
}

static void
port_destroy(struct port *port)
{
    struct bridge *br = port->bridge;
    struct iface *iface;

    LIST_FOR_EACH_SAFE (iface, port_elem, &port->ifaces) {
        iface_destroy(iface);
    }
    if (port->registered) {
        ofproto_bundle_unregister(br->ofproto, port);
    }
    hmap_remove(&br->ports, &port->node);
    free(port->name);
    free(port);
}

/* Destroys BR.  DEL (exit --cleanup) also deletes its ports from the
 * datapath; otherwise they are deleted anyway, since a userspace datapath
 * dies with us. */
static void
bridge_destroy(struct bridge *br, bool del OVS_UNUSED)
{
    struct port *port;

    HMAP_FOR_EACH_SAFE (port, node, &br->ports) {
        port_destroy(port);
    }
    ofproto_destroy(br->ofproto);
    hmap_remove(&all_bridges, &br->node);
    hmap_destroy(&br->ports);
    free(br->name);
    free(br->type);
    free(br);
}

/* Wanted state, collected from the rows. */

/* Returns the Interface row named NAME under bridge row BR_CFG (and its
 * Port row in *PORTP), or NULL. */
static const struct ovsrec_interface *
find_iface_cfg(const struct ovsrec_bridge *br_cfg, const char *name,
               const struct ovsrec_port **portp)
{
    size_t i, j;

    for (i = 0; i < br_cfg->n_ports; i++) {
        const struct ovsrec_port *p = br_cfg->ports[i];

        for (j = 0; j < p->n_interfaces; j++) {
            if (!strcmp(p->interfaces[j]->name, name)) {
                *portp = p;
                return p->interfaces[j];
            }
        }
    }
    return NULL;
}

static ofp_port_t
iface_requested_ofport(const struct ovsrec_interface *cfg)
{
    if (cfg->n_ofport_request && *cfg->ofport_request >= 1
        && *cfg->ofport_request < OFPP_MAX) {
        return (ofp_port_t) *cfg->ofport_request;
    }
    return OFPP_NONE;
}

/* The OpenFlow port to ask for when adding CFG: its ofport_request, or
 * the port it had before (so that a restart keeps port numbers), or
 * none. */
static ofp_port_t
iface_pick_ofport(const struct ovsrec_interface *cfg, const char *br_name)
{
    ofp_port_t req = iface_requested_ofport(cfg);

    if (!strcmp(cfg->name, br_name)) {
        return OFPP_LOCAL;
    }
    if (req != OFPP_NONE) {
        return req;
    }
    if (cfg->n_ofport && *cfg->ofport >= 1
        && *cfg->ofport < OFPP_MAX) {
        return (ofp_port_t) *cfg->ofport;
    }
    return OFPP_NONE;
}

/* The normalized datapath type of bridge row CFG. */
static const char *
bridge_cfg_type(const struct ovsrec_bridge *cfg)
{
    return ofproto_normalize_type(cfg->datapath_type);
}

/* Collects the bridge rows to make real into WANTED (name -> row),
 * skipping duplicates. */
static void
collect_bridges(const struct ovsrec_open_vswitch *ovs, struct shash *wanted)
{
    size_t i;

    shash_init(wanted);
    if (!ovs) {
        return;
    }
    for (i = 0; i < ovs->n_bridges; i++) {
        const struct ovsrec_bridge *br_cfg = ovs->bridges[i];

        if (!shash_add_once(wanted, br_cfg->name, br_cfg)) {
            VLOG_WARN("bridge %s specified twice", br_cfg->name);
        }
    }
}

/* Step 1: removes what the database no longer wants. */
static void
bridge_del_unwanted(struct shash *wanted)
{
    struct bridge *br;

    HMAP_FOR_EACH_SAFE (br, node, &all_bridges) {
        const struct ovsrec_bridge *cfg = shash_find_data(wanted, br->name);
        struct port *port;

        if (!cfg || strcmp(bridge_cfg_type(cfg), br->type)) {
            bridge_destroy(br, true);
            continue;
        }
        br->cfg = cfg;

        HMAP_FOR_EACH_SAFE (port, node, &br->ports) {
            struct iface *iface;

            port->cfg = NULL;
            LIST_FOR_EACH_SAFE (iface, port_elem, &port->ifaces) {
                const struct ovsrec_port *port_cfg = NULL;
                const struct ovsrec_interface *if_cfg
                    = find_iface_cfg(cfg, iface->name, &port_cfg);
                ofp_port_t req;

                if (!if_cfg || strcmp(port_cfg->name, port->name)
                    || strcmp(if_cfg->type, iface->type)) {
                    iface_destroy(iface);
                    continue;
                }
                req = iface_requested_ofport(if_cfg);
                if (req != iface->requested && req != OFPP_NONE
                    && req != iface->ofp_port
                    && iface->ofp_port != OFPP_LOCAL) {
                    iface_destroy(iface);
                    continue;
                }
                iface->requested = req;
                iface->cfg = if_cfg;
                port->cfg = port_cfg;
            }
            if (ovs_list_is_empty(&port->ifaces)) {
                port_destroy(port);
            }
        }
    }
}

/* Creates the interface for row IF_CFG of port PORT, or records why it
 * could not be made in 'iface_errors'. */
static void
iface_create(struct port *port, const struct ovsrec_interface *if_cfg)
{
    struct bridge *br = port->bridge;
    struct netdev *netdev = NULL;
    const char *type;
    ofp_port_t ofp_port;
    struct iface *iface;
    char *errp = NULL;
    int error;

    type = dpif_port_open_type(br->type, if_cfg->type);
    error = netdev_open(if_cfg->name, type, &netdev);
    if (error) {
        char *msg = xasprintf("could not open network device %s (%s)",
                              if_cfg->name, ovs_strerror(error));
        VLOG_WARN_RL(&rl, "%s", msg);
        smap_replace_nocopy(&iface_errors, if_cfg->name, msg);
        return;
    }
    error = netdev_set_config(netdev, &if_cfg->options, &errp);
    if (error) {
        char *msg = xasprintf("could not configure network device %s (%s)",
                              if_cfg->name,
                              errp ? errp : ovs_strerror(error));
        VLOG_WARN_RL(&rl, "%s", msg);
        smap_replace_nocopy(&iface_errors, if_cfg->name, msg);
        free(errp);
        netdev_close(netdev);
        return;
    }

    ofp_port = iface_pick_ofport(if_cfg, br->name);
    error = ofproto_port_add(br->ofproto, netdev, &ofp_port);
    if (error && ofp_port != OFPP_NONE && ofp_port != OFPP_LOCAL) {
        /* The number wanted is taken: let the ofproto choose. */
        ofp_port = OFPP_NONE;
        error = ofproto_port_add(br->ofproto, netdev, &ofp_port);
    }
    if (error) {
        char *msg = xasprintf("could not add network device %s to ofproto "
                              "(%s)", if_cfg->name, ovs_strerror(error));
        VLOG_WARN_RL(&rl, "%s", msg);
        smap_replace_nocopy(&iface_errors, if_cfg->name, msg);
        netdev_close(netdev);
        return;
    }
    VLOG_INFO("bridge %s: added interface %s on port %"PRIu16,
              br->name, if_cfg->name, ofp_port);

    iface = xzalloc(sizeof *iface);
    iface->port = port;
    iface->name = xstrdup(if_cfg->name);
    iface->type = xstrdup(if_cfg->type);
    iface->requested = iface_requested_ofport(if_cfg);
    iface->cfg = if_cfg;
    iface->netdev = netdev;
    iface->ofp_port = ofp_port;
    hmap_insert(&all_ifaces, &iface->name_node, hash_string(iface->name, 0));
    ovs_list_push_back(&port->ifaces, &iface->port_elem);
}

/* Applies options and mtu_request to existing IFACE. */
static void
iface_reconfigure(struct iface *iface)
{
    const struct ovsrec_interface *cfg = iface->cfg;
    int mtu_request = cfg->n_mtu_request ? (int) *cfg->mtu_request : 0;
    char *errp = NULL;
    int error;

    error = netdev_set_config(iface->netdev, &cfg->options, &errp);
    if (error) {
        char *msg = xasprintf("could not configure network device %s (%s)",
                              iface->name,
                              errp ? errp : ovs_strerror(error));
        VLOG_WARN_RL(&rl, "%s", msg);
        smap_replace_nocopy(&iface_errors, iface->name, msg);
        free(errp);
    }
    if (mtu_request > 0 && mtu_request != iface->mtu_request) {
        error = netdev_set_mtu(iface->netdev, mtu_request);
        if (error && error != EOPNOTSUPP) {
            VLOG_WARN_RL(&rl, "interface %s: could not set MTU %d (%s)",
                         iface->name, mtu_request, ovs_strerror(error));
        }
    }
    iface->mtu_request = mtu_request;
}

/* Returns a 4096-bit bitmap of the VLANs in VLANS, or NULL if there are
 * none (meaning "all"). */
static unsigned long *
vlan_bitmap_from_array(const int64_t *vlans, size_t n)
{
    unsigned long *b;
    size_t i;

    if (!n) {
        return NULL;
    }
    b = bitmap_allocate(4096);
    for (i = 0; i < n; i++) {
        if (vlans[i] >= 0 && vlans[i] < 4096) {
            bitmap_set1(b, vlans[i]);
        }
    }
    return b;
}

/* Registers PORT's bundle with its ofproto (or unregisters it if it has
 * no working interface). */
static void
port_configure(struct port *port)
{
    const struct ovsrec_port *cfg = port->cfg;
    struct ofproto_bundle_settings s;
    unsigned long *trunks, *cvlans;
    const char *qinq;
    ofp_port_t *slaves;
    struct iface *iface;
    size_t n = 0;

    slaves = xmalloc(ovs_list_size(&port->ifaces) * sizeof *slaves + 1);
    LIST_FOR_EACH (iface, port_elem, &port->ifaces) {
        slaves[n++] = iface->ofp_port;
    }

    memset(&s, 0, sizeof s);
    s.name = port->name;
    s.slaves = slaves;
    s.n_slaves = n;
    s.vlan = cfg->n_tag ? (int) *cfg->tag : -1;
    if (!cfg->vlan_mode) {
        s.vlan_mode = cfg->n_tag ? PORT_VLAN_ACCESS : PORT_VLAN_TRUNK;
    } else if (!strcmp(cfg->vlan_mode, "access")) {
        s.vlan_mode = PORT_VLAN_ACCESS;
    } else if (!strcmp(cfg->vlan_mode, "native-tagged")) {
        s.vlan_mode = PORT_VLAN_NATIVE_TAGGED;
    } else if (!strcmp(cfg->vlan_mode, "native-untagged")) {
        s.vlan_mode = PORT_VLAN_NATIVE_UNTAGGED;
    } else if (!strcmp(cfg->vlan_mode, "dot1q-tunnel")) {
        s.vlan_mode = PORT_VLAN_DOT1Q_TUNNEL;
    } else {
        s.vlan_mode = PORT_VLAN_TRUNK;
    }
    if (s.vlan_mode == PORT_VLAN_ACCESS && s.vlan < 0) {
        s.vlan = 0;
    }
    trunks = (s.vlan_mode == PORT_VLAN_ACCESS ? NULL
              : vlan_bitmap_from_array(cfg->trunks, cfg->n_trunks));
    cvlans = vlan_bitmap_from_array(cfg->cvlans, cfg->n_cvlans);
    s.trunks = trunks;
    s.cvlans = cvlans;
    s.use_priority_tags = smap_get_bool(&cfg->other_config,
                                        "priority-tags", false);
    qinq = smap_get(&cfg->other_config, "qinq-ethtype");
    s.qinq_ethtype = qinq && !strcmp(qinq, "802.1q") ? 0x8100 : 0x88a8;
    s.protected = cfg->protected;

    if (n) {
        ofproto_bundle_register(port->bridge->ofproto, port, &s);
        port->registered = true;
    } else if (port->registered) {
        ofproto_bundle_unregister(port->bridge->ofproto, port);
        port->registered = false;
    }
    bitmap_free(trunks);
    bitmap_free(cvlans);
    free(slaves);
}

/* The Ethernet address of BR's local port: other_config:hwaddr, else the
 * smallest universally administered address of its other interfaces,
 * else a random one kept for the bridge's life. */
static struct eth_addr
bridge_pick_hwaddr(struct bridge *br)
{
    const char *hwaddr = smap_get(&br->cfg->other_config, "hwaddr");
    struct eth_addr best = eth_addr_zero;
    struct eth_addr ea;
    struct port *port;

    if (hwaddr && eth_addr_from_string(hwaddr, &ea)
        && !eth_addr_is_multicast(ea) && !eth_addr_is_zero(ea)) {
        return ea;
    }
    HMAP_FOR_EACH (port, node, &br->ports) {
        struct iface *iface;

        LIST_FOR_EACH (iface, port_elem, &port->ifaces) {
            if (iface->ofp_port == OFPP_LOCAL
                || !strcmp(iface->type, "internal")
                || netdev_get_etheraddr(iface->netdev, &ea)
                || eth_addr_is_local(ea) || eth_addr_is_multicast(ea)
                || eth_addr_is_zero(ea)) {
                continue;
            }
            if (eth_addr_is_zero(best)
                || eth_addr_to_uint64(ea) < eth_addr_to_uint64(best)) {
                best = ea;
            }
        }
    }
    if (!eth_addr_is_zero(best)) {
        return best;
    }
    if (eth_addr_is_zero(br->random_ea)) {
        random_bytes(br->random_ea.ea, sizeof br->random_ea.ea);
        br->random_ea.ea[0] &= ~1;      /* Unicast. */
        br->random_ea.ea[0] |= 2;       /* Locally administered. */
    }
    return br->random_ea;
}

/* Sets BR's local port address and datapath ID. */
static void
bridge_configure_dpid(struct bridge *br)
{
    const char *dpid_s = smap_get(&br->cfg->other_config, "datapath-id");
    struct eth_addr ea = bridge_pick_hwaddr(br);
    struct eth_addr cur;
    struct iface *local = iface_lookup(br->name);
    uint64_t dpid = 0;

    if (local && local->port->bridge == br
        && (netdev_get_etheraddr(local->netdev, &cur)
            || !eth_addr_equals(cur, ea))) {
        netdev_set_etheraddr(local->netdev, ea);
    }

    if (dpid_s && strlen(dpid_s) == 16
        && strspn(dpid_s, "0123456789abcdefABCDEF") == 16) {
        dpid = strtoull(dpid_s, NULL, 16);
    } else if (dpid_s && strlen(dpid_s) == 18 && dpid_s[0] == '0'
               && (dpid_s[1] == 'x' || dpid_s[1] == 'X')
               && strspn(dpid_s + 2, "0123456789abcdefABCDEF") == 16) {
        dpid = strtoull(dpid_s + 2, NULL, 16);
    }
    if (!dpid) {
        dpid = eth_addr_to_uint64(ea);
    }
    if (dpid != br->dpid) {
        br->dpid = dpid;
        ofproto_set_datapath_id(br->ofproto, dpid);
        VLOG_INFO("bridge %s: using datapath ID %016"PRIx64, br->name, dpid);
    }
}

static void
bridge_configure_mac_table(struct bridge *br)
{
    const struct smap *oc = &br->cfg->other_config;
    unsigned idle = smap_get_uint(oc, "mac-aging-time", 300);
    unsigned size = smap_get_uint(oc, "mac-table-size", 8192);
    unsigned long *flood;

    ofproto_set_mac_table_config(br->ofproto, idle, size);
    flood = vlan_bitmap_from_array(br->cfg->flood_vlans,
                                   br->cfg->n_flood_vlans);
    ofproto_set_flood_vlans(br->ofproto, flood);
    bitmap_free(flood);
}

/* Step 2: creates and updates what the database wants. */
static void
bridge_add_wanted(struct shash *wanted)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, wanted) {
        const struct ovsrec_bridge *br_cfg = node->data;
        struct bridge *br = bridge_lookup(br_cfg->name);
        struct port *port;
        size_t i, j;

        if (!br) {
            struct ofproto *ofproto;
            int error;

            error = ofproto_create(br_cfg->name, bridge_cfg_type(br_cfg),
                                   &ofproto);
            if (error) {
                VLOG_ERR("failed to create bridge %s: %s", br_cfg->name,
                         ovs_strerror(error));
                continue;
            }
            br = xzalloc(sizeof *br);
            br->name = xstrdup(br_cfg->name);
            br->type = xstrdup(bridge_cfg_type(br_cfg));
            br->ofproto = ofproto;
            hmap_init(&br->ports);
            hmap_insert(&all_bridges, &br->node, hash_string(br->name, 0));
        }
        br->cfg = br_cfg;

        for (i = 0; i < br_cfg->n_ports; i++) {
            const struct ovsrec_port *port_cfg = br_cfg->ports[i];

            port = port_lookup(br, port_cfg->name);
            if (!port) {
                port = xzalloc(sizeof *port);
                port->bridge = br;
                port->name = xstrdup(port_cfg->name);
                ovs_list_init(&port->ifaces);
                hmap_insert(&br->ports, &port->node,
                            hash_string(port->name, 0));
            }
            port->cfg = port_cfg;
            for (j = 0; j < port_cfg->n_interfaces; j++) {
                const struct ovsrec_interface *if_cfg
                    = port_cfg->interfaces[j];
                struct iface *iface = iface_lookup(if_cfg->name);

                if (iface) {
                    if (iface->port == port) {
                        iface->cfg = if_cfg;
                        iface_reconfigure(iface);
                    } else {
                        VLOG_WARN_RL(&rl, "bridge %s: interface %s is in "
                                     "more than one port", br->name,
                                     if_cfg->name);
                    }
                    continue;
                }
                iface_create(port, if_cfg);
                iface = iface_lookup(if_cfg->name);
                if (iface && iface->port == port) {
                    iface_reconfigure(iface);
                }
            }
        }
        HMAP_FOR_EACH_SAFE (port, node, &br->ports) {
            if (!port->cfg) {
                port_destroy(port);
            } else {
                port_configure(port);
            }
        }
        bridge_configure_mac_table(br);
        bridge_configure_dpid(br);
    }
}

static void
bridge_reconfigure(const struct ovsrec_open_vswitch *ovs)
{
    struct shash wanted;

    smap_clear(&iface_errors);
    if (ovs) {
        ofproto_set_max_idle(smap_get_uint(&ovs->other_config, "max-idle",
                                           10000));
        ofproto_set_flow_limit(smap_get_uint(&ovs->other_config,
                                             "flow-limit", 200000));
        stats_interval = MAX(5000, smap_get_int(&ovs->other_config,
                                                "stats-update-interval",
                                                5000));
    }
    collect_bridges(ovs, &wanted);
    bridge_del_unwanted(&wanted);
    bridge_add_wanted(&wanted);
    shash_destroy(&wanted);
}

/* Status. */

static void
set_string_if_changed(const char *cur, const char *want,
                      void (*set)(const void *, const char *),
                      const void *row)
{
    if (!nullable_string_is_equal(cur, want)) {
        set(row, want);
    }
}

static void
set_iface_admin_state(const void *row, const char *s)
{
    ovsrec_interface_set_admin_state(row, s);
}

static void
set_iface_link_state(const void *row, const char *s)
{
    ovsrec_interface_set_link_state(row, s);
}

static void
set_iface_duplex(const void *row, const char *s)
{
    ovsrec_interface_set_duplex(row, s);
}

static void
set_iface_mac_in_use(const void *row, const char *s)
{
    ovsrec_interface_set_mac_in_use(row, s);
}

static void
set_iface_error(const void *row, const char *s)
{
    ovsrec_interface_set_error(row, s);
}

/* Sets optional integer column (current value CUR, N_CUR elements) to
 * WANT (or empty if !HAVE) through SET, if it differs. */
static void
set_int_if_changed(const int64_t *cur, size_t n_cur, bool have, int64_t want,
                   void (*set)(const struct ovsrec_interface *,
                               const int64_t *, size_t),
                   const struct ovsrec_interface *row)
{
    if (have ? !(n_cur == 1 && *cur == want) : n_cur != 0) {
        set(row, have ? &want : NULL, have ? 1 : 0);
    }
}

/* The counters written to Interface:statistics, in upstream's names. */
#define IFACE_STATS                                     \
    IFACE_STAT(rx_packets, "rx_packets")                \
    IFACE_STAT(tx_packets, "tx_packets")                \
    IFACE_STAT(rx_bytes, "rx_bytes")                    \
    IFACE_STAT(tx_bytes, "tx_bytes")                    \
    IFACE_STAT(rx_dropped, "rx_dropped")                \
    IFACE_STAT(tx_dropped, "tx_dropped")                \
    IFACE_STAT(rx_errors, "rx_errors")                  \
    IFACE_STAT(tx_errors, "tx_errors")                  \
    IFACE_STAT(rx_frame_errors, "rx_frame_err")         \
    IFACE_STAT(rx_over_errors, "rx_over_err")           \
    IFACE_STAT(rx_crc_errors, "rx_crc_err")             \
    IFACE_STAT(collisions, "collisions")

static void
iface_write_stats(const struct iface *iface)
{
    const char *keys[32];
    int64_t values[32];
    struct netdev_stats st;
    size_t n = 0;

    if (netdev_get_stats(iface->netdev, &st)) {
        return;
    }
#define IFACE_STAT(MEMBER, NAME)                \
    if (st.MEMBER != UINT64_MAX) {              \
        keys[n] = NAME;                         \
        values[n] = st.MEMBER;                  \
        n++;                                    \
    }
    IFACE_STATS
#undef IFACE_STAT
    ovsrec_interface_set_statistics(iface->cfg, keys, values, n);
}

static void
iface_write_status(const struct iface *iface, bool with_stats)
{
    const struct ovsrec_interface *cfg = iface->cfg;
    enum netdev_flags flags = 0;
    int64_t ofport = iface->ofp_port;
    uint32_t speed = 0, max_speed = 0;
    bool carrier = false;
    struct eth_addr ea;
    long long resets;
    int mtu, ifindex;

    set_int_if_changed(cfg->ofport, cfg->n_ofport, true, ofport,
                       ovsrec_interface_set_ofport, cfg);
    set_string_if_changed(cfg->error, smap_get(&iface_errors, iface->name),
                          set_iface_error, cfg);

    netdev_get_flags(iface->netdev, &flags);
    set_string_if_changed(cfg->admin_state,
                          flags & NETDEV_UP ? "up" : "down",
                          set_iface_admin_state, cfg);
    netdev_get_carrier(iface->netdev, &carrier);
    set_string_if_changed(cfg->link_state, carrier ? "up" : "down",
                          set_iface_link_state, cfg);
    resets = netdev_get_carrier_resets(iface->netdev);
    set_int_if_changed(cfg->link_resets, cfg->n_link_resets, resets >= 0,
                       resets, ovsrec_interface_set_link_resets, cfg);
    netdev_get_speed(iface->netdev, &speed, &max_speed);
    set_int_if_changed(cfg->link_speed, cfg->n_link_speed, speed > 0,
                       (int64_t) speed * 1000000,
                       ovsrec_interface_set_link_speed, cfg);
    set_string_if_changed(cfg->duplex, speed > 0 ? "full" : NULL,
                          set_iface_duplex, cfg);
    mtu = 0;
    if (!netdev_get_mtu(iface->netdev, &mtu)) {
        set_int_if_changed(cfg->mtu, cfg->n_mtu, true, mtu,
                           ovsrec_interface_set_mtu, cfg);
    } else {
        set_int_if_changed(cfg->mtu, cfg->n_mtu, false, 0,
                           ovsrec_interface_set_mtu, cfg);
    }
    if (!netdev_get_etheraddr(iface->netdev, &ea)) {
        char s[ETH_ADDR_STRLEN + 1];

        snprintf(s, sizeof s, ETH_ADDR_FMT, ETH_ADDR_ARGS(ea));
        set_string_if_changed(cfg->mac_in_use, s, set_iface_mac_in_use, cfg);
    } else {
        set_string_if_changed(cfg->mac_in_use, NULL, set_iface_mac_in_use,
                              cfg);
    }
    ifindex = netdev_get_ifindex(iface->netdev);
    set_int_if_changed(cfg->ifindex, cfg->n_ifindex, true,
                       ifindex > 0 ? ifindex : 0,
                       ovsrec_interface_set_ifindex, cfg);
    if (with_stats || !cfg->n_statistics) {
        iface_write_stats(iface);
    }
}

/* Interface rows of bridges that we could not make: ofport -1, the error
 * text and no status. */
static void
iface_write_failed(const struct ovsrec_interface *cfg)
{
    set_int_if_changed(cfg->ofport, cfg->n_ofport, true, -1,
                       ovsrec_interface_set_ofport, cfg);
    set_string_if_changed(cfg->error, smap_get(&iface_errors, cfg->name),
                          set_iface_error, cfg);
    set_string_if_changed(cfg->admin_state, NULL, set_iface_admin_state,
                          cfg);
    set_string_if_changed(cfg->link_state, NULL, set_iface_link_state, cfg);
    set_string_if_changed(cfg->duplex, NULL, set_iface_duplex, cfg);
    set_string_if_changed(cfg->mac_in_use, NULL, set_iface_mac_in_use, cfg);
    set_int_if_changed(cfg->link_resets, cfg->n_link_resets, false, 0,
                       ovsrec_interface_set_link_resets, cfg);
    set_int_if_changed(cfg->link_speed, cfg->n_link_speed, false, 0,
                       ovsrec_interface_set_link_speed, cfg);
    set_int_if_changed(cfg->mtu, cfg->n_mtu, false, 0,
                       ovsrec_interface_set_mtu, cfg);
    set_int_if_changed(cfg->ifindex, cfg->n_ifindex, false, 0,
                       ovsrec_interface_set_ifindex, cfg);
    if (cfg->n_statistics) {
        ovsrec_interface_set_statistics(cfg, NULL, NULL, 0);
    }
}

static bool
string_array_equals_sset(char **a, size_t n, const struct sset *s)
{
    size_t i;

    if (n != sset_count(s)) {
        return false;
    }
    for (i = 0; i < n; i++) {
        if (!sset_contains(s, a[i])) {
            return false;
        }
    }
    return true;
}

static void
ovs_write_status(const struct ovsrec_open_vswitch *ovs)
{
    struct sset types = SSET_INITIALIZER(&types);

    ofproto_enumerate_types(&types);
    if (!string_array_equals_sset(ovs->datapath_types, ovs->n_datapath_types,
                                  &types)) {
        const char **a = sset_sort(&types);

        ovsrec_open_vswitch_set_datapath_types(ovs, a, sset_count(&types));
        free(a);
    }
    sset_clear(&types);
    netdev_enumerate_types(&types);
    if (!string_array_equals_sset(ovs->iface_types, ovs->n_iface_types,
                                  &types)) {
        const char **a = sset_sort(&types);

        ovsrec_open_vswitch_set_iface_types(ovs, a, sset_count(&types));
        free(a);
    }
    sset_destroy(&types);

    if (ovs->dpdk_initialized) {
        ovsrec_open_vswitch_set_dpdk_initialized(ovs, false);
    }
    if (!nullable_string_is_equal(ovs->dpdk_version, "none")) {
        ovsrec_open_vswitch_set_dpdk_version(ovs, "none");
    }
    if (cfg_applied >= 0 && ovs->cur_cfg != cfg_applied) {
        ovsrec_open_vswitch_set_cur_cfg(ovs, cfg_applied);
    }
}

static void
bridge_write_status(const struct ovsrec_open_vswitch *ovs, bool with_stats)
{
    struct bridge *br;

    status_txn = ovsdb_idl_txn_create(idl);
    if (ovs) {
        ovs_write_status(ovs);
    }
    HMAP_FOR_EACH (br, node, &all_bridges) {
        const struct ovsrec_bridge *cfg = br->cfg;
        char dpid[17];
        size_t i, j;

        snprintf(dpid, sizeof dpid, "%016"PRIx64, br->dpid);
        if (!nullable_string_is_equal(cfg->datapath_id, dpid)) {
            ovsrec_bridge_set_datapath_id(cfg, dpid);
        }
        if (!nullable_string_is_equal(cfg->datapath_version, "<built-in>")) {
            ovsrec_bridge_set_datapath_version(cfg, "<built-in>");
        }
        for (i = 0; i < cfg->n_ports; i++) {
            const struct ovsrec_port *port_cfg = cfg->ports[i];

            for (j = 0; j < port_cfg->n_interfaces; j++) {
                const struct ovsrec_interface *if_cfg
                    = port_cfg->interfaces[j];
                struct iface *iface = iface_lookup(if_cfg->name);

                if (iface && iface->cfg == if_cfg) {
                    iface_write_status(iface, with_stats);
                } else if (!iface) {
                    iface_write_failed(if_cfg);
                }
            }
        }
    }
    ovsdb_idl_txn_commit(status_txn);
}

/* Sum of the change sequence numbers of every open device: when it moves,
 * some device's status may have changed. */
static uint64_t
ifaces_change_seq(void)
{
    struct iface *iface;
    uint64_t sum = 0;

    HMAP_FOR_EACH (iface, name_node, &all_ifaces) {
        sum += netdev_get_change_seq(iface->netdev);
    }
    return sum;
}

/* Runs (or waits for) the shared state of each datapath type in use. */
static void
bridge_collect_types(struct sset *types)
{
    struct bridge *br;

    HMAP_FOR_EACH (br, node, &all_bridges) {
        sset_add(types, br->type);
    }
}

static void
bridge_run_types(void)
{
    struct sset types = SSET_INITIALIZER(&types);
    const char *type;

    bridge_collect_types(&types);
    SSET_FOR_EACH (type, &types) {
        ofproto_type_run(type);
    }
    sset_destroy(&types);
}

static void
bridge_wait_types(void)
{
    struct sset types = SSET_INITIALIZER(&types);
    const char *type;

    bridge_collect_types(&types);
    SSET_FOR_EACH (type, &types) {
        ofproto_type_wait(type);
    }
    sset_destroy(&types);
}

void
bridge_run(void)
{
    const struct ovsrec_open_vswitch *ovs;
    bool with_stats = false;
    struct bridge *br;
    uint64_t seq;

    ovsdb_idl_run(idl);

    if (status_txn) {
        enum ovsdb_idl_txn_status st = ovsdb_idl_txn_commit(status_txn);

        if (st != TXN_INCOMPLETE) {
            if (st != TXN_SUCCESS && st != TXN_UNCHANGED) {
                VLOG_WARN_RL(&rl, "could not update database status: %s",
                             ovsdb_idl_txn_status_to_string(st));
                status_needed = true;
            }
            ovsdb_idl_txn_destroy(status_txn);
            status_txn = NULL;
        }
    }

    if (ovsdb_idl_is_lock_contended(idl)) {
        static bool warned;

        if (!warned) {
            VLOG_ERR("another ovs-vswitchd process is running, "
                     "disabling this process until it goes away");
            warned = true;
        }
        return;
    }
    if (!ovsdb_idl_has_ever_connected(idl) || !ovsdb_idl_has_lock(idl)) {
        return;
    }
    if (!configured_once) {
        VLOG_INFO("%s (Open vSwitch) %s", ovs_get_program_name(),
                  ovs_get_program_version());
    }

    ovs = ovsrec_open_vswitch_first(idl);
    if (ovsdb_idl_get_seqno(idl) != idl_seqno || !configured_once) {
        idl_seqno = ovsdb_idl_get_seqno(idl);
        bridge_reconfigure(ovs);
        cfg_applied = ovs ? ovs->next_cfg : -1;
        configured_once = true;
        status_needed = true;
    }

    bridge_run_types();
    HMAP_FOR_EACH (br, node, &all_bridges) {
        ofproto_run(br->ofproto);
    }

    seq = ifaces_change_seq();
    if (seq != netdev_seq_sum) {
        netdev_seq_sum = seq;
        status_needed = true;
    }
    if (time_msec() >= stats_timer) {
        stats_timer = time_msec() + stats_interval;
        status_needed = true;
        with_stats = true;
    }
    if (status_needed && !status_txn) {
        status_needed = false;
        bridge_write_status(ovs, with_stats);
    }
}

void
bridge_wait(void)
{
    struct bridge *br;

    ovsdb_idl_wait(idl);
    if (status_txn) {
        ovsdb_idl_txn_wait(status_txn);
    }
    HMAP_FOR_EACH (br, node, &all_bridges) {
        ofproto_wait(br->ofproto);
    }
    bridge_wait_types();
    if (configured_once) {
        poll_timer_wait_until(stats_timer);
        if (status_needed && !status_txn) {
            poll_immediate_wake();
        }
    }
}

void
bridge_get_memory_usage(struct smap *usage)
{
    smap_add_format(usage, "ports", "%zu", hmap_count(&all_ifaces));
}

/* unixctl. */

static void
bridge_unixctl_reconnect(struct unixctl_conn *conn, int argc,
                         const char *argv[], void *aux OVS_UNUSED)
{
    if (argc > 1 && !bridge_lookup(argv[1])) {
        unixctl_command_reply_error(conn, "Unknown bridge");
        return;
    }
    /* There are no OpenFlow controller connections to restart yet. */
    unixctl_command_reply(conn, NULL);
}

/* QoS: no device type here implements it, so every interface reports no
 * QoS types and no QoS configuration, in upstream's words. */
static void
qos_unixctl_show_types(struct unixctl_conn *conn, int argc OVS_UNUSED,
                       const char *argv[], void *aux OVS_UNUSED)
{
    char *reply;

    if (!iface_lookup(argv[1])) {
        unixctl_command_reply_error(conn, "no such interface");
        return;
    }
    reply = xasprintf("No QoS types supported for interface: %s\n",
                      argv[1]);
    unixctl_command_reply(conn, reply);
    free(reply);
}

static void
qos_unixctl_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                 const char *argv[], void *aux OVS_UNUSED)
{
    char *reply;

    if (!iface_lookup(argv[1])) {
        unixctl_command_reply_error(conn, "no such interface");
        return;
    }
    reply = xasprintf("QoS not configured on %s\n", argv[1]);
    unixctl_command_reply(conn, reply);
    free(reply);
}
