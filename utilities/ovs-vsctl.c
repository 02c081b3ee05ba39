/* ovs-vsctl: configures ovs-vswitchd through its OVSDB database.
 *
 * The generic machinery (command-line commands, record names, the database
 * commands) is lib/db-ctl-base; this file adds the Open_vSwitch schema's
 * naming rules and the bridge, port, interface, controller, manager,
 * fail-mode and SSL commands, which work on a cache of bridges (real and
 * "fake" VLAN bridges), ports and interfaces built from the replica.
 *
 * Startup cost matters (scripts call ovs-vsctl thousands of times), so the
 * IDL replicates only the tables and columns that the given commands
 * declare in their prerequisites. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "db-ctl-base.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "hash.h"
#include "json.h"
#include "ovsdb-data.h"
#include "ovsdb-idl.h"
#include "ovsdb-idl-provider.h"
#include "poll-loop.h"
#include "shash.h"
#include "smap.h"
#include "sset.h"
#include "svec.h"
#include "table-format.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"
#include "vswitch-idl.h"

VLOG_DEFINE_THIS_MODULE(vsctl);

/* Options. */
static const char *db;          /* --db. */
static bool wait_for_reload = true; /* Not --no-wait. */
static bool dry_run;            /* --dry-run. */
static bool oneline;            /* --oneline. */
static bool retry;              /* --retry. */
static int timeout;             /* --timeout, in seconds (0: none). */
static struct table_style table_style = {
    TABLE_FORMAT_LIST, TABLE_CELL_STRING, true, 0, 0
};

static struct ovsdb_idl *the_idl;
static struct ovsdb_idl_txn *the_idl_txn;

static void
vsctl_exit(int status)
{
    if (the_idl_txn) {
        ovsdb_idl_txn_abort(the_idl_txn);
        ovsdb_idl_txn_destroy(the_idl_txn);
        the_idl_txn = NULL;
    }
    ovsdb_idl_destroy(the_idl);
    the_idl = NULL;
    exit(status);
}

static void
vsctl_exit_hook(void)
{
    if (the_idl_txn) {
        ovsdb_idl_txn_abort(the_idl_txn);
        ovsdb_idl_txn_destroy(the_idl_txn);
        the_idl_txn = NULL;
    }
    ovsdb_idl_destroy(the_idl);
    the_idl = NULL;
}

/* How records of each table are named. */
static struct ctl_table_class tables[OVSREC_N_TABLES];

static void
vsctl_init_tables(void)
{
    struct {
        int t;
        struct ctl_row_id ids[2];
    } init[] = {
        {OVSREC_TABLE_BRIDGE,
         {{&ovsrec_table_bridge, &ovsrec_bridge_col_name, NULL, NULL}}},
        {OVSREC_TABLE_CONTROLLER,
         {{&ovsrec_table_bridge, &ovsrec_bridge_col_name,
           &ovsrec_bridge_col_controller, NULL}}},
        {OVSREC_TABLE_INTERFACE,
         {{&ovsrec_table_interface, &ovsrec_interface_col_name, NULL,
           NULL}}},
        {OVSREC_TABLE_MIRROR,
         {{&ovsrec_table_mirror, &ovsrec_mirror_col_name, NULL, NULL}}},
        {OVSREC_TABLE_MANAGER,
         {{&ovsrec_table_manager, &ovsrec_manager_col_target, NULL,
           NULL}}},
        {OVSREC_TABLE_NETFLOW,
         {{&ovsrec_table_bridge, &ovsrec_bridge_col_name,
           &ovsrec_bridge_col_netflow, NULL}}},
        {OVSREC_TABLE_OPEN_VSWITCH,
         {{&ovsrec_table_open_vswitch, NULL, NULL, NULL}}},
        {OVSREC_TABLE_PORT,
         {{&ovsrec_table_port, &ovsrec_port_col_name, NULL, NULL}}},
        {OVSREC_TABLE_QOS,
         {{&ovsrec_table_port, &ovsrec_port_col_name,
           &ovsrec_port_col_qos, NULL}}},
        {OVSREC_TABLE_SSL,
         {{&ovsrec_table_open_vswitch, NULL, &ovsrec_open_vswitch_col_ssl,
           NULL}}},
        {OVSREC_TABLE_SFLOW,
         {{&ovsrec_table_bridge, &ovsrec_bridge_col_name,
           &ovsrec_bridge_col_sflow, NULL}}},
        {OVSREC_TABLE_FLOW_TABLE,
         {{&ovsrec_table_flow_table, &ovsrec_flow_table_col_name, NULL,
           NULL}}},
        {OVSREC_TABLE_IPFIX,
         {{&ovsrec_table_bridge, &ovsrec_bridge_col_name,
           &ovsrec_bridge_col_ipfix, NULL}}},
        {OVSREC_TABLE_AUTOATTACH,
         {{&ovsrec_table_bridge, &ovsrec_bridge_col_name,
           &ovsrec_bridge_col_auto_attach, NULL}}},
        {OVSREC_TABLE_FLOW_SAMPLE_COLLECTOR_SET,
         {{&ovsrec_table_flow_sample_collector_set,
           &ovsrec_flow_sample_collector_set_col_id, NULL, NULL},
          {&ovsrec_table_flow_sample_collector_set,
           &ovsrec_flow_sample_collector_set_col_bridge, NULL, NULL}}},
    };

    for (size_t i = 0; i < OVSREC_N_TABLES; i++) {
        tables[i].class = &ovsrec_table_classes[i];
    }
    for (size_t i = 0; i < ARRAY_SIZE(init); i++) {
        tables[init[i].t].row_ids[0] = init[i].ids[0];
        tables[init[i].t].row_ids[1] = init[i].ids[1];
    }
}

/* The cache of bridges, ports and interfaces. */

struct vsctl_bridge {
    struct ovsrec_bridge *br_cfg;
    char *name;
    struct ovs_list ports;      /* Contains "struct vsctl_port"s. */
    struct vsctl_bridge *parent; /* Real bridge of a fake one, or NULL. */
    int vlan;                   /* VLAN of a fake bridge, else 0. */
    struct hmap children;       /* Fake bridges of a real one. */
    struct hmap_node children_node;
};

struct vsctl_port {
    struct ovs_list ports_node; /* In the bridge's 'ports'. */
    struct ovs_list ifaces;     /* Contains "struct vsctl_iface"s. */
    struct ovsrec_port *port_cfg;
    struct vsctl_bridge *bridge;
};

struct vsctl_iface {
    struct ovs_list ifaces_node; /* In the port's 'ifaces'. */
    struct ovsrec_interface *iface_cfg;
    struct vsctl_port *port;
};

struct vsctl_context {
    struct ctl_context base;
    const struct ovsrec_open_vswitch *ovs;
    bool cache_valid;
    struct shash bridges;       /* Maps bridge name to vsctl_bridge. */
    struct shash ports;         /* Maps port name to vsctl_port. */
    struct shash ifaces;        /* Maps interface name to vsctl_iface. */
};

static struct vsctl_context *
vsctl_context_cast(struct ctl_context *ctx)
{
    return CONTAINER_OF(ctx, struct vsctl_context, base);
}

static struct vsctl_bridge *
add_bridge_to_cache(struct vsctl_context *vctx, struct ovsrec_bridge *br_cfg,
                    const char *name, struct vsctl_bridge *parent, int vlan)
{
    struct vsctl_bridge *br = xmalloc(sizeof *br);
    br->br_cfg = br_cfg;
    br->name = xstrdup(name);
    ovs_list_init(&br->ports);
    br->parent = parent;
    br->vlan = vlan;
    hmap_init(&br->children);
    if (parent) {
        hmap_insert(&parent->children, &br->children_node,
                    hash_int(vlan, 0));
    }
    shash_add(&vctx->bridges, br->name, br);
    return br;
}

static struct vsctl_bridge *
find_vlan_bridge(struct vsctl_bridge *parent, int vlan)
{
    struct vsctl_bridge *child;
    HMAP_FOR_EACH_WITH_HASH (child, children_node, hash_int(vlan, 0),
                             &parent->children) {
        if (child->vlan == vlan) {
            return child;
        }
    }
    return NULL;
}

static bool
port_is_fake_bridge(const struct ovsrec_port *port_cfg)
{
    return (port_cfg->fake_bridge && port_cfg->tag
            && *port_cfg->tag >= 0 && *port_cfg->tag <= 4095);
}

static struct vsctl_port *
add_port_to_cache(struct vsctl_context *vctx, struct vsctl_bridge *parent,
                  struct ovsrec_port *port_cfg)
{
    struct vsctl_port *port;

    if (port_cfg->tag && *port_cfg->tag >= 0 && *port_cfg->tag <= 4095) {
        struct vsctl_bridge *vlan_bridge = find_vlan_bridge(parent,
                                                            *port_cfg->tag);
        if (vlan_bridge) {
            parent = vlan_bridge;
        }
    }
    port = xmalloc(sizeof *port);
    ovs_list_push_back(&parent->ports, &port->ports_node);
    ovs_list_init(&port->ifaces);
    port->port_cfg = port_cfg;
    port->bridge = parent;
    shash_add(&vctx->ports, port_cfg->name, port);
    return port;
}

static struct vsctl_iface *
add_iface_to_cache(struct vsctl_context *vctx, struct vsctl_port *parent,
                   struct ovsrec_interface *iface_cfg)
{
    struct vsctl_iface *iface = xmalloc(sizeof *iface);
    ovs_list_push_back(&parent->ifaces, &iface->ifaces_node);
    iface->iface_cfg = iface_cfg;
    iface->port = parent;
    shash_add(&vctx->ifaces, iface_cfg->name, iface);
    return iface;
}

static void
del_cached_iface(struct vsctl_context *vctx, struct vsctl_iface *iface)
{
    ovs_list_remove(&iface->ifaces_node);
    shash_find_and_delete(&vctx->ifaces, iface->iface_cfg->name);
    ovsrec_interface_delete(iface->iface_cfg);
    free(iface);
}

static void
del_cached_port(struct vsctl_context *vctx, struct vsctl_port *port)
{
    ovs_list_remove(&port->ports_node);
    shash_find_and_delete(&vctx->ports, port->port_cfg->name);
    ovsrec_port_delete(port->port_cfg);
    free(port);
}

static void
del_cached_bridge(struct vsctl_context *vctx, struct vsctl_bridge *br)
{
    if (br->parent) {
        hmap_remove(&br->parent->children, &br->children_node);
    } else {
        ovsrec_bridge_delete(br->br_cfg);
    }
    shash_find_and_delete(&vctx->bridges, br->name);
    hmap_destroy(&br->children);
    free(br->name);
    free(br);
}

static void
vsctl_context_invalidate_cache(struct ctl_context *ctx)
{
    struct vsctl_context *vctx = vsctl_context_cast(ctx);
    struct shash_node *node;

    if (!vctx->cache_valid) {
        return;
    }
    vctx->cache_valid = false;
    SHASH_FOR_EACH (node, &vctx->bridges) {
        struct vsctl_bridge *br = node->data;
        hmap_destroy(&br->children);
        free(br->name);
        free(br);
    }
    shash_destroy(&vctx->bridges);
    shash_destroy_free_data(&vctx->ports);
    shash_destroy_free_data(&vctx->ifaces);
}

static void
pre_get_info(struct ctl_context *ctx)
{
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_bridges);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_name);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_controller);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_fail_mode);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_ports);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_name);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_fake_bridge);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_tag);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_interfaces);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_interface_col_name);
}

static void
vsctl_context_populate_cache(struct ctl_context *ctx)
{
    struct vsctl_context *vctx = vsctl_context_cast(ctx);
    const struct ovsrec_open_vswitch *ovs = vctx->ovs;
    struct sset bridges, ports;

    if (vctx->cache_valid) {
        return;
    }
    vctx->cache_valid = true;
    shash_init(&vctx->bridges);
    shash_init(&vctx->ports);
    shash_init(&vctx->ifaces);

    sset_init(&bridges);
    sset_init(&ports);
    for (size_t i = 0; i < ovs->n_bridges; i++) {
        struct ovsrec_bridge *br_cfg = ovs->bridges[i];
        struct vsctl_bridge *br;

        if (!sset_add(&bridges, br_cfg->name)) {
            VLOG_WARN("%s: database contains duplicate bridge name",
                      br_cfg->name);
            continue;
        }
        br = add_bridge_to_cache(vctx, br_cfg, br_cfg->name, NULL, 0);
        for (size_t j = 0; j < br_cfg->n_ports; j++) {
            struct ovsrec_port *port_cfg = br_cfg->ports[j];

            if (!sset_add(&ports, port_cfg->name)) {
                /* Duplicate port name; reported below. */
                continue;
            }
            if (port_is_fake_bridge(port_cfg)
                && sset_add(&bridges, port_cfg->name)) {
                add_bridge_to_cache(vctx, NULL, port_cfg->name, br,
                                    *port_cfg->tag);
            }
        }
    }
    sset_destroy(&bridges);
    sset_destroy(&ports);

    sset_init(&bridges);
    for (size_t i = 0; i < ovs->n_bridges; i++) {
        struct ovsrec_bridge *br_cfg = ovs->bridges[i];
        struct vsctl_bridge *br;

        if (!sset_add(&bridges, br_cfg->name)) {
            continue;
        }
        br = shash_find_data(&vctx->bridges, br_cfg->name);
        for (size_t j = 0; j < br_cfg->n_ports; j++) {
            struct ovsrec_port *port_cfg = br_cfg->ports[j];
            struct vsctl_port *port;

            port = shash_find_data(&vctx->ports, port_cfg->name);
            if (port) {
                if (port_cfg == port->port_cfg) {
                    VLOG_WARN("%s: port is in multiple bridges (%s and %s)",
                              port_cfg->name, br->name, port->bridge->name);
                } else {
                    VLOG_WARN("%s: database contains duplicate port name",
                              port_cfg->name);
                }
                continue;
            }
            if (port_is_fake_bridge(port_cfg)
                && !sset_add(&bridges, port_cfg->name)) {
                continue;
            }
            port = add_port_to_cache(vctx, br, port_cfg);
            for (size_t k = 0; k < port_cfg->n_interfaces; k++) {
                struct ovsrec_interface *iface_cfg
                    = port_cfg->interfaces[k];
                struct vsctl_iface *iface;

                iface = shash_find_data(&vctx->ifaces, iface_cfg->name);
                if (iface) {
                    if (iface_cfg == iface->iface_cfg) {
                        VLOG_WARN("%s: interface is in multiple ports "
                                  "(%s and %s)", iface_cfg->name,
                                  iface->port->port_cfg->name,
                                  port->port_cfg->name);
                    } else {
                        VLOG_WARN("%s: database contains duplicate "
                                  "interface name", iface_cfg->name);
                    }
                    continue;
                }
                add_iface_to_cache(vctx, port, iface_cfg);
            }
        }
    }
    sset_destroy(&bridges);
}

static struct vsctl_bridge *
find_bridge(struct vsctl_context *vctx, const char *name, bool must_exist)
{
    struct vsctl_bridge *br;

    vsctl_context_populate_cache(&vctx->base);
    br = shash_find_data(&vctx->bridges, name);
    if (must_exist && !br) {
        ctl_fatal("no bridge named %s", name);
    }
    ovsrec_open_vswitch_verify_bridges(vctx->ovs);
    return br;
}

static struct vsctl_bridge *
find_real_bridge(struct vsctl_context *vctx, const char *name,
                 bool must_exist)
{
    struct vsctl_bridge *br = find_bridge(vctx, name, must_exist);
    if (br && br->parent) {
        ctl_fatal("%s is a fake bridge", name);
    }
    return br;
}

static struct vsctl_port *
find_port(struct vsctl_context *vctx, const char *name, bool must_exist)
{
    struct vsctl_port *port;

    vsctl_context_populate_cache(&vctx->base);
    port = shash_find_data(&vctx->ports, name);
    if (port && !strcmp(name, port->bridge->name)) {
        port = NULL;
    }
    if (must_exist && !port) {
        ctl_fatal("no port named %s", name);
    }
    return port;
}

static struct vsctl_iface *
find_iface(struct vsctl_context *vctx, const char *name, bool must_exist)
{
    struct vsctl_iface *iface;

    vsctl_context_populate_cache(&vctx->base);
    iface = shash_find_data(&vctx->ifaces, name);
    if (iface && !strcmp(name, iface->port->bridge->name)) {
        iface = NULL;
    }
    if (must_exist && !iface) {
        ctl_fatal("no interface named %s", name);
    }
    return iface;
}

static void
check_conflicts(struct vsctl_context *vctx, const char *name, char *msg)
{
    struct vsctl_iface *iface;
    struct vsctl_port *port;

    if (shash_find(&vctx->bridges, name)) {
        ctl_fatal("%s because a bridge named %s already exists", msg, name);
    }
    port = shash_find_data(&vctx->ports, name);
    if (port) {
        ctl_fatal("%s because a port named %s already exists on "
                  "bridge %s", msg, name, port->bridge->name);
    }
    iface = shash_find_data(&vctx->ifaces, name);
    if (iface) {
        ctl_fatal("%s because an interface named %s already exists "
                  "on bridge %s", msg, name, iface->port->bridge->name);
    }
    free(msg);
}

/* Row helpers. */

/* Membership changes go out as mutations ("partial" set updates), so a
 * transaction that adds one port to a bridge with thousands does not
 * rewrite the whole set, and concurrent changes to the set survive. */
static void
ovs_insert_bridge(const struct ovsrec_open_vswitch *ovs,
                  struct ovsrec_bridge *bridge)
{
    ovsrec_open_vswitch_update_bridges_addvalue(ovs, bridge);
}

static void
ovs_delete_bridge(const struct ovsrec_open_vswitch *ovs,
                  const struct ovsrec_bridge *bridge)
{
    ovsrec_open_vswitch_update_bridges_delvalue(ovs, bridge);
}

static void
bridge_insert_port(struct ovsrec_bridge *br, struct ovsrec_port *port)
{
    ovsrec_bridge_update_ports_addvalue(br, port);
}

static void
bridge_delete_port(struct ovsrec_bridge *br, struct ovsrec_port *port)
{
    ovsrec_bridge_update_ports_delvalue(br, port);
}

static void
del_port(struct vsctl_context *vctx, struct vsctl_port *port)
{
    struct vsctl_bridge *br = port->bridge->parent ? port->bridge->parent
                                                   : port->bridge;
    struct vsctl_iface *iface;

    bridge_delete_port(br->br_cfg, port->port_cfg);
    LIST_FOR_EACH_SAFE (iface, ifaces_node, &port->ifaces) {
        del_cached_iface(vctx, iface);
    }
    del_cached_port(vctx, port);
}

static void
del_bridge(struct vsctl_context *vctx, struct vsctl_bridge *br)
{
    struct vsctl_port *port;
    struct vsctl_bridge *child;

    HMAP_FOR_EACH_SAFE (child, children_node, &br->children) {
        del_bridge(vctx, child);
    }
    LIST_FOR_EACH_SAFE (port, ports_node, &br->ports) {
        del_port(vctx, port);
    }
    if (!br->parent) {
        ovs_delete_bridge(vctx->ovs, br->br_cfg);
    }
    del_cached_bridge(vctx, br);
}

/* Commands. */

static void
cmd_init(struct ctl_context *ctx OVS_UNUSED)
{
}

static void
pre_cmd_emer_reset(struct ctl_context *ctx)
{
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_manager_options);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_ssl);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_other_config);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_bridges);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_controller);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_fail_mode);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_mirrors);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_netflow);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_sflow);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_ipfix);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_flood_vlans);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_other_config);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_other_config);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_interface_col_other_config);
    ovsdb_idl_add_table(ctx->idl, &ovsrec_table_bridge);
    ovsdb_idl_add_table(ctx->idl, &ovsrec_table_port);
    ovsdb_idl_add_table(ctx->idl, &ovsrec_table_interface);
    ovsdb_idl_add_table(ctx->idl, &ovsrec_table_mirror);
    ovsdb_idl_add_table(ctx->idl, &ovsrec_table_controller);
    ovsdb_idl_add_table(ctx->idl, &ovsrec_table_manager);
    ovsdb_idl_add_table(ctx->idl, &ovsrec_table_netflow);
    ovsdb_idl_add_table(ctx->idl, &ovsrec_table_sflow);
    ovsdb_idl_add_table(ctx->idl, &ovsrec_table_ipfix);
    ovsdb_idl_add_table(ctx->idl, &ovsrec_table_ssl);
}

static void
cmd_emer_reset(struct ctl_context *ctx)
{
    struct vsctl_context *vctx = vsctl_context_cast(ctx);
    const struct ovsdb_idl *idl = ctx->idl;
    const struct ovsrec_bridge *br;
    const struct ovsrec_port *port;
    const struct ovsrec_interface *iface;
    const struct ovsrec_mirror *mirror, *next_mirror;
    const struct ovsrec_controller *ctrl, *next_ctrl;
    const struct ovsrec_manager *mgr, *next_mgr;
    const struct ovsrec_netflow *nf, *next_nf;
    const struct ovsrec_ssl *ssl, *next_ssl;
    const struct ovsrec_sflow *sflow, *next_sflow;
    const struct ovsrec_ipfix *ipfix, *next_ipfix;
    struct smap empty = SMAP_INITIALIZER(&empty);

    ovsrec_open_vswitch_set_manager_options(vctx->ovs, NULL, 0);
    ovsrec_open_vswitch_set_ssl(vctx->ovs, NULL);

    OVSREC_BRIDGE_FOR_EACH (br, idl) {
        const char *hwaddr;

        ovsrec_bridge_set_controller(br, NULL, 0);
        ovsrec_bridge_set_fail_mode(br, NULL);
        ovsrec_bridge_set_mirrors(br, NULL, 0);
        ovsrec_bridge_set_netflow(br, NULL);
        ovsrec_bridge_set_sflow(br, NULL);
        ovsrec_bridge_set_ipfix(br, NULL);
        ovsrec_bridge_set_flood_vlans(br, NULL, 0);

        /* Keep only other_config:hwaddr. */
        hwaddr = smap_get(&br->other_config, "hwaddr");
        if (hwaddr) {
            struct smap smap = SMAP_INITIALIZER(&smap);
            smap_add(&smap, "hwaddr", hwaddr);
            ovsrec_bridge_set_other_config(br, &smap);
            smap_destroy(&smap);
        } else {
            ovsrec_bridge_set_other_config(br, &empty);
        }
    }
    OVSREC_PORT_FOR_EACH (port, idl) {
        ovsrec_port_set_other_config(port, &empty);
    }
    OVSREC_INTERFACE_FOR_EACH (iface, idl) {
        ovsrec_interface_set_other_config(iface, &empty);
    }
    OVSREC_MIRROR_FOR_EACH_SAFE (mirror, next_mirror, idl) {
        ovsrec_mirror_delete(mirror);
    }
    OVSREC_CONTROLLER_FOR_EACH_SAFE (ctrl, next_ctrl, idl) {
        ovsrec_controller_delete(ctrl);
    }
    OVSREC_MANAGER_FOR_EACH_SAFE (mgr, next_mgr, idl) {
        ovsrec_manager_delete(mgr);
    }
    OVSREC_NETFLOW_FOR_EACH_SAFE (nf, next_nf, idl) {
        ovsrec_netflow_delete(nf);
    }
    OVSREC_SSL_FOR_EACH_SAFE (ssl, next_ssl, idl) {
        ovsrec_ssl_delete(ssl);
    }
    OVSREC_SFLOW_FOR_EACH_SAFE (sflow, next_sflow, idl) {
        ovsrec_sflow_delete(sflow);
    }
    OVSREC_IPFIX_FOR_EACH_SAFE (ipfix, next_ipfix, idl) {
        ovsrec_ipfix_delete(ipfix);
    }
    vsctl_context_invalidate_cache(ctx);
}

static void
pre_add_br(struct ctl_context *ctx)
{
    pre_get_info(ctx);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_interface_col_type);
}

static void
cmd_add_br(struct ctl_context *ctx)
{
    struct vsctl_context *vctx = vsctl_context_cast(ctx);
    bool may_exist = shash_find(&ctx->options, "--may-exist") != NULL;
    const char *br_name, *parent_name;
    int vlan;

    br_name = ctx->argv[1];
    if (ctx->argc == 2) {
        parent_name = NULL;
        vlan = 0;
    } else if (ctx->argc == 4) {
        parent_name = ctx->argv[2];
        vlan = atoi(ctx->argv[3]);
        if (vlan < 0 || vlan > 4095) {
            ctl_fatal("%s: vlan must be between 0 and 4095", ctx->argv[0]);
        }
    } else {
        ctl_fatal("'%s' command takes exactly 1 or 3 arguments",
                  ctx->argv[0]);
    }

    vsctl_context_populate_cache(ctx);
    if (may_exist) {
        struct vsctl_bridge *br = find_bridge(vctx, br_name, false);
        if (br) {
            if (!parent_name) {
                if (br->parent) {
                    ctl_fatal("\"--may-exist add-br %s\" but %s is "
                              "a VLAN bridge for VLAN %d",
                              br_name, br_name, br->vlan);
                }
            } else {
                if (!br->parent) {
                    ctl_fatal("\"--may-exist add-br %s %s %d\" but %s "
                              "is not a VLAN bridge",
                              br_name, parent_name, vlan, br_name);
                } else if (strcmp(br->parent->name, parent_name)) {
                    ctl_fatal("\"--may-exist add-br %s %s %d\" but %s "
                              "has the wrong parent %s",
                              br_name, parent_name, vlan,
                              br_name, br->parent->name);
                } else if (br->vlan != vlan) {
                    ctl_fatal("\"--may-exist add-br %s %s %d\" but %s "
                              "is a VLAN bridge for the wrong VLAN %d",
                              br_name, parent_name, vlan, br_name,
                              br->vlan);
                }
            }
            return;
        }
    }
    check_conflicts(vctx, br_name,
                    xasprintf("cannot create a bridge named %s", br_name));

    if (!parent_name) {
        struct ovsrec_interface *iface;
        struct ovsrec_port *port;
        struct ovsrec_bridge *br;

        iface = ovsrec_interface_insert(ctx->txn);
        ovsrec_interface_set_name(iface, br_name);
        ovsrec_interface_set_type(iface, "internal");

        port = ovsrec_port_insert(ctx->txn);
        ovsrec_port_set_name(port, br_name);
        ovsrec_port_set_interfaces(port, &iface, 1);

        br = ovsrec_bridge_insert(ctx->txn);
        ovsrec_bridge_set_name(br, br_name);
        ovsrec_bridge_set_ports(br, &port, 1);

        ovs_insert_bridge(vctx->ovs, br);
    } else {
        struct vsctl_bridge *conflict;
        struct vsctl_bridge *parent;
        struct ovsrec_interface *iface;
        struct ovsrec_port *port;
        struct ovsrec_bridge *br;
        int64_t tag = vlan;

        parent = find_bridge(vctx, parent_name, false);
        if (parent && parent->parent) {
            ctl_fatal("cannot create bridge with fake bridge as parent");
        }
        if (!parent) {
            ctl_fatal("parent bridge %s does not exist", parent_name);
        }
        conflict = find_vlan_bridge(parent, vlan);
        if (conflict) {
            ctl_fatal("bridge %s already has a child VLAN bridge %s "
                      "on VLAN %d", parent_name, conflict->name, vlan);
        }
        br = parent->br_cfg;

        iface = ovsrec_interface_insert(ctx->txn);
        ovsrec_interface_set_name(iface, br_name);
        ovsrec_interface_set_type(iface, "internal");

        port = ovsrec_port_insert(ctx->txn);
        ovsrec_port_set_name(port, br_name);
        ovsrec_port_set_interfaces(port, &iface, 1);
        ovsrec_port_set_fake_bridge(port, true);
        ovsrec_port_set_tag(port, &tag, 1);

        bridge_insert_port(br, port);
    }
    vsctl_context_invalidate_cache(ctx);
}

static void
cmd_del_br(struct ctl_context *ctx)
{
    struct vsctl_context *vctx = vsctl_context_cast(ctx);
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    struct vsctl_bridge *bridge;

    bridge = find_bridge(vctx, ctx->argv[1], must_exist);
    if (bridge) {
        del_bridge(vctx, bridge);
    }
}

static void
output_sorted(struct svec *svec, struct ds *output)
{
    const char *name;
    size_t i;

    svec_sort(svec);
    SVEC_FOR_EACH (i, name, svec) {
        ds_put_format(output, "%s\n", name);
    }
}

static void
cmd_list_br(struct ctl_context *ctx)
{
    struct vsctl_context *vctx = vsctl_context_cast(ctx);
    bool real = shash_find(&ctx->options, "--real");
    bool fake = shash_find(&ctx->options, "--fake");
    struct shash_node *node;
    struct svec bridges;

    if (!real && !fake) {
        real = fake = true;
    }
    vsctl_context_populate_cache(ctx);
    svec_init(&bridges);
    SHASH_FOR_EACH (node, &vctx->bridges) {
        struct vsctl_bridge *br = node->data;
        if (br->parent ? fake : real) {
            svec_add(&bridges, br->name);
        }
    }
    output_sorted(&bridges, &ctx->output);
    svec_destroy(&bridges);
}

static void
cmd_br_exists(struct ctl_context *ctx)
{
    struct vsctl_context *vctx = vsctl_context_cast(ctx);

    vsctl_context_populate_cache(ctx);
    if (!find_bridge(vctx, ctx->argv[1], false)) {
        vsctl_exit(2);
    }
}

static void
cmd_br_to_vlan(struct ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(vsctl_context_cast(ctx),
                                          ctx->argv[1], true);
    ds_put_format(&ctx->output, "%d\n", br->vlan);
}

static void
cmd_br_to_parent(struct ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(vsctl_context_cast(ctx),
                                          ctx->argv[1], true);
    if (br->parent) {
        br = br->parent;
    }
    ds_put_format(&ctx->output, "%s\n", br->name);
}

static void
pre_cmd_br_external_id(struct ctl_context *ctx)
{
    pre_get_info(ctx);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_external_ids);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_external_ids);
}

/* The external-ids of a fake bridge live in its port's external_ids with
 * this prefix. */
#define FAKE_BRIDGE_PREFIX "fake-bridge-"

static void
cmd_br_set_external_id(struct ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(vsctl_context_cast(ctx),
                                          ctx->argv[1], true);
    const char *value = ctx->argc > 3 ? ctx->argv[3] : NULL;
    struct smap ids;

    if (br->br_cfg) {
        smap_clone(&ids, &br->br_cfg->external_ids);
        smap_remove(&ids, ctx->argv[2]);
        if (value) {
            smap_add(&ids, ctx->argv[2], value);
        }
        ovsrec_bridge_set_external_ids(br->br_cfg, &ids);
    } else {
        struct vsctl_port *port = shash_find_data(
            &vsctl_context_cast(ctx)->ports, ctx->argv[1]);
        char *key = xasprintf(FAKE_BRIDGE_PREFIX "%s", ctx->argv[2]);
        smap_clone(&ids, &port->port_cfg->external_ids);
        smap_remove(&ids, key);
        if (value) {
            smap_add(&ids, key, value);
        }
        ovsrec_port_set_external_ids(port->port_cfg, &ids);
        free(key);
    }
    smap_destroy(&ids);
}

static void
get_external_id(const struct smap *ids, const char *prefix,
                const char *key, struct ds *output)
{
    if (key) {
        char *prefix_key = xasprintf("%s%s", prefix, key);
        const char *value = smap_get(ids, prefix_key);
        if (value) {
            ds_put_format(output, "%s\n", value);
        }
        free(prefix_key);
    } else {
        struct smap_node *node;
        struct svec svec;
        size_t prefix_len = strlen(prefix);

        svec_init(&svec);
        SMAP_FOR_EACH (node, ids) {
            if (!strncmp(node->key, prefix, prefix_len)) {
                svec_add_nocopy(&svec, xasprintf("%s=%s",
                                                 node->key + prefix_len,
                                                 node->value));
            }
        }
        output_sorted(&svec, output);
        svec_destroy(&svec);
    }
}

static void
cmd_br_get_external_id(struct ctl_context *ctx)
{
    struct vsctl_context *vctx = vsctl_context_cast(ctx);
    struct vsctl_bridge *br = find_bridge(vctx, ctx->argv[1], true);
    const char *key = ctx->argc > 2 ? ctx->argv[2] : NULL;

    if (br->br_cfg) {
        get_external_id(&br->br_cfg->external_ids, "", key, &ctx->output);
    } else {
        struct vsctl_port *port = shash_find_data(&vctx->ports,
                                                  ctx->argv[1]);
        get_external_id(&port->port_cfg->external_ids, FAKE_BRIDGE_PREFIX,
                        key, &ctx->output);
    }
}

static void
cmd_list_ports(struct ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(vsctl_context_cast(ctx),
                                          ctx->argv[1], true);
    struct vsctl_port *port;
    struct svec ports;

    svec_init(&ports);
    LIST_FOR_EACH (port, ports_node, &br->ports) {
        if (strcmp(port->port_cfg->name, br->name)) {
            svec_add(&ports, port->port_cfg->name);
        }
    }
    output_sorted(&ports, &ctx->output);
    svec_destroy(&ports);
}

static void
add_port(struct ctl_context *ctx, const char *br_name, const char *port_name,
         bool may_exist, bool fake_iface, char *iface_names[], int n_ifaces,
         char *settings[], int n_settings)
{
    struct vsctl_context *vctx = vsctl_context_cast(ctx);
    struct vsctl_port *vsctl_port;
    struct vsctl_bridge *bridge;
    struct ovsrec_interface **ifaces;
    struct ovsrec_port *port;

    vsctl_context_populate_cache(ctx);
    if (may_exist) {
        vsctl_port = find_port(vctx, port_name, false);
        if (vsctl_port) {
            struct svec want_names, have_names;
            struct vsctl_iface *iface;

            svec_init(&want_names);
            for (int i = 0; i < n_ifaces; i++) {
                svec_add(&want_names, iface_names[i]);
            }
            svec_sort(&want_names);

            svec_init(&have_names);
            LIST_FOR_EACH (iface, ifaces_node, &vsctl_port->ifaces) {
                svec_add(&have_names, iface->iface_cfg->name);
            }
            svec_sort(&have_names);

            bridge = find_bridge(vctx, br_name, true);
            if (bridge != vsctl_port->bridge) {
                ctl_fatal("\"--may-exist add-port %s %s\" but %s is "
                          "actually attached to bridge %s",
                          br_name, port_name, port_name,
                          vsctl_port->bridge->name);
            }
            if (!svec_equal(&want_names, &have_names)) {
                char *have_names_string = svec_join(&have_names, ", ", "");
                char *cmd = ctl_process_args(n_ifaces, iface_names);
                ctl_fatal("\"--may-exist add-bond %s %s %s\" but %s "
                          "actually has interface(s) %s",
                          br_name, port_name, cmd, port_name,
                          have_names_string);
            }
            svec_destroy(&want_names);
            svec_destroy(&have_names);
            return;
        }
    }
    check_conflicts(vctx, port_name,
                    xasprintf("cannot create a port named %s", port_name));
    for (int i = 0; i < n_ifaces; i++) {
        check_conflicts(vctx, iface_names[i],
                        xasprintf("cannot create an interface named %s",
                                  iface_names[i]));
    }
    bridge = find_bridge(vctx, br_name, true);

    ifaces = xmalloc(n_ifaces * sizeof *ifaces);
    for (int i = 0; i < n_ifaces; i++) {
        ifaces[i] = ovsrec_interface_insert(ctx->txn);
        ovsrec_interface_set_name(ifaces[i], iface_names[i]);
    }

    port = ovsrec_port_insert(ctx->txn);
    ovsrec_port_set_name(port, port_name);
    ovsrec_port_set_interfaces(port, ifaces, n_ifaces);
    ovsrec_port_set_bond_fake_iface(port, fake_iface);
    if (bridge->parent) {
        int64_t tag = bridge->vlan;
        ovsrec_port_set_tag(port, &tag, 1);
    }
    for (int i = 0; i < n_settings; i++) {
        ctl_set_column(ctx, &ovsrec_table_port, &port->header_,
                       settings[i]);
    }
    bridge_insert_port(bridge->parent ? bridge->parent->br_cfg
                       : bridge->br_cfg, port);

    vsctl_port = add_port_to_cache(vctx, bridge, port);
    for (int i = 0; i < n_ifaces; i++) {
        add_iface_to_cache(vctx, vsctl_port, ifaces[i]);
    }
    free(ifaces);
}

static void
pre_cmd_add_port(struct ctl_context *ctx)
{
    pre_get_info(ctx);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_bond_fake_iface);
    for (int i = 1; i < ctx->argc; i++) {
        if (strchr(ctx->argv[i], '=')) {
            /* Settings may touch any column of Port. */
            for (size_t j = 0; j < ovsrec_table_port.n_columns; j++) {
                ovsdb_idl_add_column(ctx->idl,
                                     &ovsrec_table_port.columns[j]);
            }
            break;
        }
    }
}

static void
cmd_add_port(struct ctl_context *ctx)
{
    bool may_exist = shash_find(&ctx->options, "--may-exist") != NULL;

    add_port(ctx, ctx->argv[1], ctx->argv[2], may_exist, false,
             &ctx->argv[2], 1, &ctx->argv[3], ctx->argc - 3);
}

static void
cmd_add_bond(struct ctl_context *ctx)
{
    bool may_exist = shash_find(&ctx->options, "--may-exist") != NULL;
    bool fake_iface = shash_find(&ctx->options, "--fake-iface") != NULL;
    int n_ifaces;

    n_ifaces = ctx->argc - 3;
    for (int i = 3; i < ctx->argc; i++) {
        if (strchr(ctx->argv[i], '=')) {
            n_ifaces = i - 3;
            break;
        }
    }
    if (n_ifaces < 2) {
        ctl_fatal("add-bond requires at least 2 interfaces, but only "
                  "%d were specified", n_ifaces);
    }
    add_port(ctx, ctx->argv[1], ctx->argv[2], may_exist, fake_iface,
             &ctx->argv[3], n_ifaces,
             &ctx->argv[n_ifaces + 3], ctx->argc - 3 - n_ifaces);
}

static void
cmd_add_bond_iface(struct ctl_context *ctx)
{
    struct vsctl_context *vctx = vsctl_context_cast(ctx);
    bool may_exist = shash_find(&ctx->options, "--may-exist") != NULL;
    struct vsctl_port *port = find_port(vctx, ctx->argv[1], true);
    const char *iface_name = ctx->argv[2];
    struct ovsrec_interface *iface;

    if (may_exist) {
        struct vsctl_iface *old = find_iface(vctx, iface_name, false);
        if (old) {
            if (old->port == port) {
                return;
            }
            ctl_fatal("\"--may-exist add-bond-iface %s %s\" but %s is "
                      "actually attached to port %s", ctx->argv[1],
                      iface_name, iface_name, old->port->port_cfg->name);
        }
    }
    check_conflicts(vctx, iface_name,
                    xasprintf("cannot create an interface named %s",
                              iface_name));
    iface = ovsrec_interface_insert(ctx->txn);
    ovsrec_interface_set_name(iface, iface_name);
    add_iface_to_cache(vctx, port, iface);
    ovsrec_port_update_interfaces_addvalue(port->port_cfg, iface);
}

static void
cmd_del_bond_iface(struct ctl_context *ctx)
{
    struct vsctl_context *vctx = vsctl_context_cast(ctx);
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const char *iface_name = ctx->argv[ctx->argc - 1];
    struct vsctl_port *port = NULL;
    struct vsctl_iface *iface;

    iface = find_iface(vctx, iface_name, must_exist);
    if (!iface) {
        return;
    }
    if (ctx->argc == 3) {
        port = find_port(vctx, ctx->argv[1], true);
    }
    if (port && iface->port != port) {
        ctl_fatal("port %s does not have an interface %s",
                  port->port_cfg->name, iface_name);
    }
    port = iface->port;
    if (ovs_list_is_short(&port->ifaces)) {
        ctl_fatal("cannot delete last interface from port %s",
                  port->port_cfg->name);
    }
    ovsrec_port_update_interfaces_delvalue(port->port_cfg,
                                           iface->iface_cfg);
    del_cached_iface(vctx, iface);
}

static void
cmd_del_port(struct ctl_context *ctx)
{
    struct vsctl_context *vctx = vsctl_context_cast(ctx);
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    bool with_iface = shash_find(&ctx->options, "--with-iface") != NULL;
    const char *target = ctx->argv[ctx->argc - 1];
    struct vsctl_port *port;

    vsctl_context_populate_cache(ctx);
    if (find_bridge(vctx, target, false)) {
        if (must_exist) {
            ctl_fatal("cannot delete port %s because it is the local port "
                      "for bridge %s (deleting this port requires deleting "
                      "the entire bridge)", target, target);
        }
        port = NULL;
    } else if (!with_iface) {
        port = find_port(vctx, target, must_exist);
    } else {
        struct vsctl_iface *iface;

        port = find_port(vctx, target, false);
        if (!port) {
            iface = find_iface(vctx, target, false);
            if (iface) {
                port = iface->port;
            }
        }
        if (must_exist && !port) {
            ctl_fatal("no port or interface named %s", target);
        }
    }

    if (port) {
        if (ctx->argc == 3) {
            struct vsctl_bridge *bridge;

            bridge = find_bridge(vctx, ctx->argv[1], true);
            if (port->bridge != bridge) {
                if (port->bridge->parent == bridge) {
                    ctl_fatal("bridge %s does not have a port %s (although "
                              "its child bridge %s does)",
                              ctx->argv[1], ctx->argv[2],
                              port->bridge->name);
                } else {
                    ctl_fatal("bridge %s does not have a port %s",
                              ctx->argv[1], ctx->argv[2]);
                }
            }
        }
        del_port(vctx, port);
    }
}

static void
cmd_port_to_br(struct ctl_context *ctx)
{
    struct vsctl_port *port = find_port(vsctl_context_cast(ctx),
                                        ctx->argv[1], true);
    ds_put_format(&ctx->output, "%s\n", port->bridge->name);
}

static void
cmd_list_ifaces(struct ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(vsctl_context_cast(ctx),
                                          ctx->argv[1], true);
    struct vsctl_port *port;
    struct svec ifaces;

    svec_init(&ifaces);
    LIST_FOR_EACH (port, ports_node, &br->ports) {
        struct vsctl_iface *iface;
        LIST_FOR_EACH (iface, ifaces_node, &port->ifaces) {
            if (strcmp(iface->iface_cfg->name, br->name)) {
                svec_add(&ifaces, iface->iface_cfg->name);
            }
        }
    }
    output_sorted(&ifaces, &ctx->output);
    svec_destroy(&ifaces);
}

static void
cmd_iface_to_br(struct ctl_context *ctx)
{
    struct vsctl_iface *iface = find_iface(vsctl_context_cast(ctx),
                                           ctx->argv[1], true);
    ds_put_format(&ctx->output, "%s\n", iface->port->bridge->name);
}

static void
pre_controller(struct ctl_context *ctx)
{
    pre_get_info(ctx);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_controller_col_target);
}

static void
cmd_get_controller(struct ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(vsctl_context_cast(ctx),
                                          ctx->argv[1], true);
    struct svec targets;

    if (br->parent) {
        br = br->parent;
    }
    svec_init(&targets);
    for (size_t i = 0; i < br->br_cfg->n_controller; i++) {
        svec_add(&targets, br->br_cfg->controller[i]->target);
    }
    output_sorted(&targets, &ctx->output);
    svec_destroy(&targets);
}

/* Deletes the N CONTROLLERS.  Deleting a row makes the IDL parse its
 * referrers again, which may free CONTROLLERS, so this works on a copy. */
static void
delete_controllers(struct ovsrec_controller **controllers, size_t n)
{
    struct ovsrec_controller **copy = xmemdup(controllers,
                                              n * sizeof *controllers);
    for (size_t i = 0; i < n; i++) {
        ovsrec_controller_delete(copy[i]);
    }
    free(copy);
}

static void
cmd_del_controller(struct ctl_context *ctx)
{
    struct vsctl_bridge *br = find_real_bridge(vsctl_context_cast(ctx),
                                               ctx->argv[1], true);
    delete_controllers(br->br_cfg->controller, br->br_cfg->n_controller);
    ovsrec_bridge_set_controller(br->br_cfg, NULL, 0);
}

static void
cmd_set_controller(struct ctl_context *ctx)
{
    struct vsctl_bridge *br = find_real_bridge(vsctl_context_cast(ctx),
                                               ctx->argv[1], true);
    size_t n = ctx->argc - 2;
    struct ovsrec_controller **controllers;

    delete_controllers(br->br_cfg->controller, br->br_cfg->n_controller);
    controllers = xmalloc(n * sizeof *controllers);
    for (size_t i = 0; i < n; i++) {
        controllers[i] = ovsrec_controller_insert(ctx->txn);
        ovsrec_controller_set_target(controllers[i], ctx->argv[i + 2]);
    }
    ovsrec_bridge_set_controller(br->br_cfg, controllers, n);
    free(controllers);
}

static void
cmd_get_fail_mode(struct ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(vsctl_context_cast(ctx),
                                          ctx->argv[1], true);
    if (br->parent) {
        br = br->parent;
    }
    if (br->br_cfg->fail_mode && *br->br_cfg->fail_mode) {
        ds_put_format(&ctx->output, "%s\n", br->br_cfg->fail_mode);
    }
}

static void
cmd_del_fail_mode(struct ctl_context *ctx)
{
    struct vsctl_bridge *br = find_real_bridge(vsctl_context_cast(ctx),
                                               ctx->argv[1], true);
    ovsrec_bridge_set_fail_mode(br->br_cfg, NULL);
}

static void
cmd_set_fail_mode(struct ctl_context *ctx)
{
    struct vsctl_bridge *br = find_real_bridge(vsctl_context_cast(ctx),
                                               ctx->argv[1], true);
    const char *fail_mode = ctx->argv[2];

    if (strcmp(fail_mode, "standalone") && strcmp(fail_mode, "secure")) {
        ctl_fatal("fail-mode must be \"standalone\" or \"secure\"");
    }
    ovsrec_bridge_set_fail_mode(br->br_cfg, fail_mode);
}

static void
pre_cmd_manager(struct ctl_context *ctx)
{
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_manager_options);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_manager_col_target);
}

static void
cmd_get_manager(struct ctl_context *ctx)
{
    const struct ovsrec_open_vswitch *ovs = vsctl_context_cast(ctx)->ovs;
    struct svec targets;

    svec_init(&targets);
    for (size_t i = 0; i < ovs->n_manager_options; i++) {
        svec_add(&targets, ovs->manager_options[i]->target);
    }
    output_sorted(&targets, &ctx->output);
    svec_destroy(&targets);
}

static void
delete_managers(const struct ovsrec_open_vswitch *ovs)
{
    size_t n = ovs->n_manager_options;
    struct ovsrec_manager **copy = xmemdup(ovs->manager_options,
                                           n * sizeof *copy);

    /* Deleting a row may free 'manager_options', so use a copy. */
    for (size_t i = 0; i < n; i++) {
        ovsrec_manager_delete(copy[i]);
    }
    free(copy);
    ovsrec_open_vswitch_set_manager_options(ovs, NULL, 0);
}

static void
cmd_del_manager(struct ctl_context *ctx)
{
    delete_managers(vsctl_context_cast(ctx)->ovs);
}

static void
cmd_set_manager(struct ctl_context *ctx)
{
    const struct ovsrec_open_vswitch *ovs = vsctl_context_cast(ctx)->ovs;
    size_t n = ctx->argc - 1;
    struct ovsrec_manager **managers;

    delete_managers(ovs);
    managers = xmalloc(n * sizeof *managers);
    for (size_t i = 0; i < n; i++) {
        managers[i] = ovsrec_manager_insert(ctx->txn);
        ovsrec_manager_set_target(managers[i], ctx->argv[i + 1]);
    }
    ovsrec_open_vswitch_set_manager_options(ovs, managers, n);
    free(managers);
}

static void
pre_cmd_ssl(struct ctl_context *ctx)
{
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_ssl);
    for (size_t i = 0; i < ovsrec_table_ssl.n_columns; i++) {
        ovsdb_idl_add_column(ctx->idl, &ovsrec_table_ssl.columns[i]);
    }
}

static void
cmd_get_ssl(struct ctl_context *ctx)
{
    const struct ovsrec_ssl *ssl = vsctl_context_cast(ctx)->ovs->ssl;

    if (ssl) {
        ds_put_format(&ctx->output, "Private key: %s\n", ssl->private_key);
        ds_put_format(&ctx->output, "Certificate: %s\n", ssl->certificate);
        ds_put_format(&ctx->output, "CA Certificate: %s\n", ssl->ca_cert);
        ds_put_format(&ctx->output, "Bootstrap: %s\n",
                      ssl->bootstrap_ca_cert ? "true" : "false");
    }
}

static void
cmd_del_ssl(struct ctl_context *ctx)
{
    const struct ovsrec_open_vswitch *ovs = vsctl_context_cast(ctx)->ovs;

    if (ovs->ssl) {
        ovsrec_ssl_delete(ovs->ssl);
        ovsrec_open_vswitch_set_ssl(ovs, NULL);
    }
}

static void
cmd_set_ssl(struct ctl_context *ctx)
{
    const struct ovsrec_open_vswitch *ovs = vsctl_context_cast(ctx)->ovs;
    bool bootstrap = shash_find(&ctx->options, "--bootstrap") != NULL;
    struct ovsrec_ssl *ssl;

    if (ovs->ssl) {
        ovsrec_ssl_delete(ovs->ssl);
    }
    ssl = ovsrec_ssl_insert(ctx->txn);
    ovsrec_ssl_set_private_key(ssl, ctx->argv[1]);
    ovsrec_ssl_set_certificate(ssl, ctx->argv[2]);
    ovsrec_ssl_set_ca_cert(ssl, ctx->argv[3]);
    ovsrec_ssl_set_bootstrap_ca_cert(ssl, bootstrap);
    ovsrec_open_vswitch_set_ssl(ovs, ssl);
}

/* "show". */

static void
pre_cmd_show(struct ctl_context *ctx)
{
    static const struct ovsdb_idl_column *columns[] = {
        &ovsrec_open_vswitch_col_manager_options,
        &ovsrec_open_vswitch_col_bridges,
        &ovsrec_open_vswitch_col_ovs_version,
        &ovsrec_bridge_col_name,
        &ovsrec_bridge_col_controller,
        &ovsrec_bridge_col_fail_mode,
        &ovsrec_bridge_col_datapath_type,
        &ovsrec_bridge_col_ports,
        &ovsrec_port_col_name,
        &ovsrec_port_col_interfaces,
        &ovsrec_port_col_tag,
        &ovsrec_port_col_trunks,
        &ovsrec_interface_col_name,
        &ovsrec_interface_col_type,
        &ovsrec_interface_col_options,
        &ovsrec_interface_col_error,
        &ovsrec_interface_col_bfd_status,
        &ovsrec_controller_col_target,
        &ovsrec_controller_col_is_connected,
        &ovsrec_manager_col_target,
        &ovsrec_manager_col_is_connected,
    };
    for (size_t i = 0; i < ARRAY_SIZE(columns); i++) {
        ovsdb_idl_add_column(ctx->idl, columns[i]);
    }
}

static void
show_indent(struct ds *out, int level)
{
    ds_put_char_multiple(out, ' ', level * 4);
}

/* Prints "COLUMN: VALUE" unless the value is the column's default. */
static void
show_column(const struct ovsdb_idl_row *row,
            const struct ovsdb_idl_column *column, int level, struct ds *out)
{
    const struct ovsdb_datum *datum = ovsdb_idl_read(row, column);

    if (!ovsdb_datum_is_default(datum, &column->type)) {
        show_indent(out, level);
        ds_put_format(out, "%s: ", column->name);
        ovsdb_datum_to_string(datum, &column->type, out);
        ds_put_char(out, '\n');
    }
}

static void
show_name(const char *heading, const char *name, int level, struct ds *out)
{
    show_indent(out, level);
    ds_put_format(out, "%s ", heading);
    ovsdb_atom_string_to_string(name, out);
    ds_put_char(out, '\n');
}

static void
cmd_show(struct ctl_context *ctx)
{
    const struct ovsrec_open_vswitch *ovs = vsctl_context_cast(ctx)->ovs;
    struct ds *out = &ctx->output;

    ds_put_format(out, UUID_FMT"\n", UUID_ARGS(&ovs->header_.uuid));
    for (size_t i = 0; i < ovs->n_manager_options; i++) {
        const struct ovsrec_manager *m = ovs->manager_options[i];
        show_name("Manager", m->target, 1, out);
        show_column(&m->header_, &ovsrec_manager_col_is_connected, 2, out);
    }
    for (size_t i = 0; i < ovs->n_bridges; i++) {
        const struct ovsrec_bridge *br = ovs->bridges[i];

        show_name("Bridge", br->name, 1, out);
        for (size_t j = 0; j < br->n_controller; j++) {
            const struct ovsrec_controller *c = br->controller[j];
            show_name("Controller", c->target, 2, out);
            show_column(&c->header_, &ovsrec_controller_col_is_connected, 3,
                        out);
        }
        show_column(&br->header_, &ovsrec_bridge_col_fail_mode, 2, out);
        show_column(&br->header_, &ovsrec_bridge_col_datapath_type, 2, out);
        for (size_t j = 0; j < br->n_ports; j++) {
            const struct ovsrec_port *port = br->ports[j];

            show_name("Port", port->name, 2, out);
            show_column(&port->header_, &ovsrec_port_col_tag, 3, out);
            show_column(&port->header_, &ovsrec_port_col_trunks, 3, out);
            for (size_t k = 0; k < port->n_interfaces; k++) {
                const struct ovsrec_interface *iface = port->interfaces[k];
                show_name("Interface", iface->name, 3, out);
                show_column(&iface->header_, &ovsrec_interface_col_type, 4,
                            out);
                show_column(&iface->header_, &ovsrec_interface_col_options,
                            4, out);
                show_column(&iface->header_, &ovsrec_interface_col_error, 4,
                            out);
                show_column(&iface->header_,
                            &ovsrec_interface_col_bfd_status, 4, out);
            }
        }
    }
    show_column(&ovs->header_, &ovsrec_open_vswitch_col_ovs_version, 1, out);
}

static const struct ctl_command_syntax vsctl_commands[] = {
    /* Open vSwitch commands. */
    {"init", 0, 0, "", NULL, cmd_init, NULL, "", CTL_RW},
    {"show", 0, 0, "", pre_cmd_show, cmd_show, NULL, "", CTL_RO},
    {"emer-reset", 0, 0, "", pre_cmd_emer_reset, cmd_emer_reset, NULL, "",
     CTL_RW},

    /* Bridge commands. */
    {"add-br", 1, 3, "NEW-BRIDGE [PARENT] [NEW-VLAN]", pre_add_br,
     cmd_add_br, NULL, "--may-exist", CTL_RW},
    {"del-br", 1, 1, "BRIDGE", pre_get_info, cmd_del_br, NULL,
     "--if-exists", CTL_RW},
    {"list-br", 0, 0, "", pre_get_info, cmd_list_br, NULL, "--real,--fake",
     CTL_RO},
    {"br-exists", 1, 1, "BRIDGE", pre_get_info, cmd_br_exists, NULL, "",
     CTL_RO},
    {"br-to-vlan", 1, 1, "BRIDGE", pre_get_info, cmd_br_to_vlan, NULL, "",
     CTL_RO},
    {"br-to-parent", 1, 1, "BRIDGE", pre_get_info, cmd_br_to_parent, NULL,
     "", CTL_RO},
    {"br-set-external-id", 2, 3, "BRIDGE KEY [VALUE]",
     pre_cmd_br_external_id, cmd_br_set_external_id, NULL, "", CTL_RW},
    {"br-get-external-id", 1, 2, "BRIDGE [KEY]", pre_cmd_br_external_id,
     cmd_br_get_external_id, NULL, "", CTL_RO},

    /* Port commands. */
    {"list-ports", 1, 1, "BRIDGE", pre_get_info, cmd_list_ports, NULL, "",
     CTL_RO},
    {"add-port", 2, INT_MAX, "BRIDGE NEW-PORT [COLUMN[:KEY]=VALUE]...",
     pre_cmd_add_port, cmd_add_port, NULL, "--may-exist", CTL_RW},
    {"add-bond", 4, INT_MAX,
     "BRIDGE PORT IFACE... [COLUMN[:KEY]=VALUE]...", pre_cmd_add_port,
     cmd_add_bond, NULL, "--may-exist,--fake-iface", CTL_RW},
    {"add-bond-iface", 2, 2, "BOND IFACE", pre_get_info, cmd_add_bond_iface,
     NULL, "--may-exist", CTL_RW},
    {"del-bond-iface", 1, 2, "[BOND] IFACE", pre_get_info,
     cmd_del_bond_iface, NULL, "--if-exists", CTL_RW},
    {"del-port", 1, 2, "[BRIDGE] PORT|IFACE", pre_get_info, cmd_del_port,
     NULL, "--if-exists,--with-iface", CTL_RW},
    {"port-to-br", 1, 1, "PORT", pre_get_info, cmd_port_to_br, NULL, "",
     CTL_RO},

    /* Interface commands. */
    {"list-ifaces", 1, 1, "BRIDGE", pre_get_info, cmd_list_ifaces, NULL, "",
     CTL_RO},
    {"iface-to-br", 1, 1, "IFACE", pre_get_info, cmd_iface_to_br, NULL, "",
     CTL_RO},

    /* Controller commands. */
    {"get-controller", 1, 1, "BRIDGE", pre_controller, cmd_get_controller,
     NULL, "", CTL_RO},
    {"del-controller", 1, 1, "BRIDGE", pre_controller, cmd_del_controller,
     NULL, "", CTL_RW},
    {"set-controller", 1, INT_MAX, "BRIDGE TARGET...", pre_controller,
     cmd_set_controller, NULL, "", CTL_RW},
    {"get-fail-mode", 1, 1, "BRIDGE", pre_get_info, cmd_get_fail_mode, NULL,
     "", CTL_RO},
    {"del-fail-mode", 1, 1, "BRIDGE", pre_get_info, cmd_del_fail_mode, NULL,
     "", CTL_RW},
    {"set-fail-mode", 2, 2, "BRIDGE MODE", pre_get_info, cmd_set_fail_mode,
     NULL, "", CTL_RW},

    /* Manager commands. */
    {"get-manager", 0, 0, "", pre_cmd_manager, cmd_get_manager, NULL, "",
     CTL_RO},
    {"del-manager", 0, 0, "", pre_cmd_manager, cmd_del_manager, NULL, "",
     CTL_RW},
    {"set-manager", 1, INT_MAX, "TARGET...", pre_cmd_manager,
     cmd_set_manager, NULL, "", CTL_RW},

    /* SSL commands. */
    {"get-ssl", 0, 0, "", pre_cmd_ssl, cmd_get_ssl, NULL, "", CTL_RO},
    {"del-ssl", 0, 0, "", pre_cmd_ssl, cmd_del_ssl, NULL, "", CTL_RW},
    {"set-ssl", 3, 3, "PRIVATE-KEY CERTIFICATE CA-CERT", pre_cmd_ssl,
     cmd_set_ssl, NULL, "--bootstrap", CTL_RW},

    {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, CTL_RO},
};

/* Main program. */

static void
usage(void)
{
    printf("\
%s: ovs-vswitchd management utility\n\
usage: %s [OPTIONS] COMMAND [ARG...]\n\
\n\
Open vSwitch commands:\n\
  init                        initialize database, if not yet initialized\n\
  show                        print overview of database contents\n\
  emer-reset                  reset configuration to clean state\n\
\n\
Bridge commands:\n\
  add-br BRIDGE               create a new bridge named BRIDGE\n\
  add-br BRIDGE PARENT VLAN   create new fake BRIDGE in PARENT on VLAN\n\
  del-br BRIDGE               delete BRIDGE and all of its ports\n\
  list-br                     print the names of all the bridges\n\
  br-exists BRIDGE            exit 2 if BRIDGE does not exist\n\
  br-to-vlan BRIDGE           print the VLAN which BRIDGE is on\n\
  br-to-parent BRIDGE         print the parent of BRIDGE\n\
  br-set-external-id BRIDGE KEY VALUE  set KEY on BRIDGE to VALUE\n\
  br-set-external-id BRIDGE KEY  unset KEY on BRIDGE\n\
  br-get-external-id BRIDGE KEY  print value of KEY on BRIDGE\n\
  br-get-external-id BRIDGE  list key-value pairs on BRIDGE\n\
\n\
Port commands (a bond is considered to be a single port):\n\
  list-ports BRIDGE           print the names of all the ports on BRIDGE\n\
  add-port BRIDGE PORT        add network device PORT to BRIDGE\n\
  add-bond BRIDGE PORT IFACE...  add bonded port PORT in BRIDGE from IFACES\n\
  add-bond-iface BOND IFACE   add IFACE as a new bond interface of BOND\n\
  del-bond-iface [BOND] IFACE delete IFACE from its bond\n\
  del-port [BRIDGE] PORT      delete PORT (which may be bonded) from BRIDGE\n\
  port-to-br PORT             print name of bridge that contains PORT\n\
\n\
Interface commands (a bond consists of multiple interfaces):\n\
  list-ifaces BRIDGE          print the names of all interfaces on BRIDGE\n\
  iface-to-br IFACE           print name of bridge that contains IFACE\n\
\n\
Controller commands:\n\
  get-controller BRIDGE      print the controllers for BRIDGE\n\
  del-controller BRIDGE      delete the controllers for BRIDGE\n\
  set-controller BRIDGE TARGET...  set the controllers for BRIDGE\n\
  get-fail-mode BRIDGE       print the fail-mode for BRIDGE\n\
  del-fail-mode BRIDGE       delete the fail-mode for BRIDGE\n\
  set-fail-mode BRIDGE MODE  set the fail-mode for BRIDGE to MODE\n\
\n\
Manager commands:\n\
  get-manager                print the managers\n\
  del-manager                delete the managers\n\
  set-manager TARGET...      set the list of managers to TARGET...\n\
\n\
SSL commands:\n\
  get-ssl                     print the SSL configuration\n\
  del-ssl                     delete the SSL configuration\n\
  set-ssl PRIV-KEY CERT CA-CERT  set the SSL configuration\n\
\n\
Database commands:\n\
  list TBL [REC]              list RECord (or all records) in TBL\n\
  find TBL CONDITION...       list records satisfying CONDITION in TBL\n\
  get TBL REC COL[:KEY]       print values of COLumns in RECord in TBL\n\
  set TBL REC COL[:KEY]=VALUE set COLumn values in RECord in TBL\n\
  add TBL REC COL [KEY=]VALUE add (KEY=)VALUE to COLumn in RECord in TBL\n\
  remove TBL REC COL [KEY=]VALUE  remove (KEY=)VALUE from COLumn\n\
  clear TBL REC COL           clear values from COLumn in RECord in TBL\n\
  create TBL COL[:KEY]=VALUE  create and initialize new record\n\
  destroy TBL REC             delete RECord from TBL\n\
  wait-until TBL REC [COL[:KEY]=VALUE]  wait until condition is true\n\
  comment [ARG]...            record ARGs in the database log\n\
\n\
Options:\n\
  --db=DATABASE               connect to DATABASE\n\
                              (default: unix:%s/db.sock)\n\
  --no-wait                   do not wait for ovs-vswitchd to reconfigure\n\
  --retry                     keep trying to connect to server forever\n\
  -t, --timeout=SECS          wait at most SECS seconds for ovs-vswitchd\n\
  --dry-run                   do not commit changes to database\n\
  --oneline                   print exactly one line of output per command\n\
\n\
Other options:\n\
  -h, --help                  display this help message\n\
  -V, --version               display version information\n",
           ovs_get_program_name(), ovs_get_program_name(), ovs_rundir());
    exit(EXIT_SUCCESS);
}

enum {
    OPT_DB = UCHAR_MAX + 1,
    OPT_ONELINE,
    OPT_NO_SYSLOG,
    OPT_NO_WAIT,
    OPT_DRY_RUN,
    OPT_BOOTSTRAP_CA_CERT,
    OPT_PEER_CA_CERT,
    OPT_LOCAL,
    OPT_RETRY,
    OPT_COMMANDS,
    OPT_OPTIONS,
    VLOG_OPTION_ENUMS,
    TABLE_OPTION_ENUMS
};

static char *
default_db(void)
{
    return xasprintf("unix:%s/db.sock", ovs_rundir());
}

static void
parse_options(int argc, char *argv[], struct shash *local_options)
{
    static const struct option global_long_options[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"no-syslog", no_argument, NULL, OPT_NO_SYSLOG},
        {"no-wait", no_argument, NULL, OPT_NO_WAIT},
        {"dry-run", no_argument, NULL, OPT_DRY_RUN},
        {"oneline", no_argument, NULL, OPT_ONELINE},
        {"timeout", required_argument, NULL, 't'},
        {"retry", no_argument, NULL, OPT_RETRY},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"private-key", required_argument, NULL, 'p'},
        {"certificate", required_argument, NULL, 'c'},
        {"ca-cert", required_argument, NULL, 'C'},
        {"bootstrap-ca-cert", required_argument, NULL,
         OPT_BOOTSTRAP_CA_CERT},
        {"peer-ca-cert", required_argument, NULL, OPT_PEER_CA_CERT},
        VLOG_LONG_OPTIONS,
        TABLE_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const int n_global = ARRAY_SIZE(global_long_options) - 1;
    struct option *options;
    size_t n_options, allocated;

    allocated = n_global + 16;
    options = xmalloc(allocated * sizeof *options);
    memcpy(options, global_long_options, sizeof global_long_options);
    n_options = n_global;
    ctl_add_cmd_options(&options, &n_options, &allocated, OPT_LOCAL);

    for (;;) {
        int idx = -1;
        int c = getopt_long(argc, argv, "+v::hVt:p:c:C:f:d:", options,
                            &idx);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_DB:
            db = optarg;
            break;
        case OPT_ONELINE:
            oneline = true;
            break;
        case OPT_NO_SYSLOG:
            break;
        case OPT_NO_WAIT:
            wait_for_reload = false;
            break;
        case OPT_DRY_RUN:
            dry_run = true;
            break;
        case OPT_RETRY:
            retry = true;
            break;
        case OPT_LOCAL: {
            char *name = xasprintf("--%s", options[idx].name);
            ctl_add_local_option(local_options, name, optarg);
            free(name);
            break;
        }
        case 'h':
            usage();
            break;
        case 'V':
            ovs_print_version();
            exit(EXIT_SUCCESS);
        case 't':
            if (!str_to_int(optarg, 10, &timeout) || timeout < 0) {
                ctl_fatal("value %s on -t or --timeout is invalid", optarg);
            }
            break;
        case 'p':
        case 'c':
        case 'C':
        case OPT_BOOTSTRAP_CA_CERT:
        case OPT_PEER_CA_CERT:
            /* SSL settings: accepted; SSL streams are not built yet. */
            break;
        VLOG_OPTION_HANDLERS
        TABLE_OPTION_HANDLERS(&table_style)
        case '?':
            exit(EXIT_FAILURE);
        default:
            abort();
        }
    }
    for (size_t i = n_global; i < n_options; i++) {
        free((char *) options[i].name);
    }
    free(options);
}

/* Escapes OUTPUT for --oneline: backslashes doubled, new-lines (except a
 * final one) as "\n". */
static void
print_oneline(const char *s)
{
    size_t len = strlen(s);
    for (size_t j = 0; j < len; j++) {
        if (s[j] == '\n') {
            if (j != len - 1) {
                fputs("\\n", stdout);
            }
        } else if (s[j] == '\\') {
            fputs("\\\\", stdout);
        } else {
            putchar(s[j]);
        }
    }
    putchar('\n');
}

/* Runs COMMANDS once.  Returns true if done, false to try again after the
 * replica changes. */
static bool
do_vsctl(const char *args, struct ctl_command *commands, size_t n_commands,
         struct ovsdb_idl *idl)
{
    struct ovsdb_symbol_table *symtab;
    struct vsctl_context vctx;
    const struct ovsrec_open_vswitch *ovs;
    enum ovsdb_idl_txn_status status;
    int64_t next_cfg = 0;
    struct shash_node *node;
    struct ctl_command *c;
    bool any_rw = false;

    the_idl_txn = ovsdb_idl_txn_create(idl);
    if (dry_run) {
        ovsdb_idl_txn_set_dry_run(the_idl_txn);
    }
    ovsdb_idl_txn_add_comment(the_idl_txn, "ovs-vsctl: %s", args);

    ovs = ovsrec_open_vswitch_first(idl);
    if (!ovs) {
        /* The first command that needs it creates the root row. */
        ovs = ovsrec_open_vswitch_insert(the_idl_txn);
    }
    for (c = commands; c < &commands[n_commands]; c++) {
        if (c->syntax->mode == CTL_RW) {
            any_rw = true;
        }
    }
    if (wait_for_reload && any_rw) {
        ovsdb_idl_txn_increment(the_idl_txn, &ovs->header_,
                                &ovsrec_open_vswitch_col_next_cfg, false);
    }

    symtab = ovsdb_symbol_table_create();
    for (c = commands; c < &commands[n_commands]; c++) {
        ds_init(&c->output);
        c->table = NULL;
    }
    ctl_context_init(&vctx.base, NULL, idl, the_idl_txn, symtab,
                     vsctl_context_invalidate_cache);
    vctx.ovs = ovs;
    vctx.cache_valid = false;
    for (c = commands; c < &commands[n_commands]; c++) {
        ctl_context_init_command(&vctx.base, c);
        if (c->syntax->run) {
            (c->syntax->run)(&vctx.base);
        }
        ctl_context_done_command(&vctx.base, c);
        if (vctx.base.try_again) {
            vsctl_context_invalidate_cache(&vctx.base);
            ctl_context_done(&vctx.base, NULL);
            goto try_again;
        }
    }
    vsctl_context_invalidate_cache(&vctx.base);
    ctl_context_done(&vctx.base, NULL);

    SHASH_FOR_EACH (node, &symtab->sh) {
        struct ovsdb_symbol *symbol = node->data;
        if (!symbol->created) {
            ctl_fatal("row id \"%s\" is referenced but never created (e.g. "
                      "with \"-- --id=%s create ...\")",
                      node->name, node->name);
        }
        if (!symbol->strong_ref) {
            if (!symbol->weak_ref) {
                VLOG_WARN("row id \"%s\" was created but no reference to it "
                          "was inserted, so it will not actually appear in "
                          "the database", node->name);
            } else {
                VLOG_WARN("row id \"%s\" was created but only a weak "
                          "reference to it was inserted, so it will not "
                          "actually appear in the database", node->name);
            }
        }
    }

    status = ovsdb_idl_txn_commit_block(the_idl_txn);
    if (wait_for_reload && status == TXN_SUCCESS) {
        next_cfg = ovsdb_idl_txn_get_increment_new_value(the_idl_txn);
    }
    if (status == TXN_UNCHANGED || status == TXN_SUCCESS) {
        for (c = commands; c < &commands[n_commands]; c++) {
            if (c->syntax->postprocess) {
                ctl_context_init(&vctx.base, c, idl, the_idl_txn, symtab,
                                 NULL);
                (c->syntax->postprocess)(&vctx.base);
                ctl_context_done(&vctx.base, c);
            }
        }
    }

    switch (status) {
    case TXN_UNCOMMITTED:
    case TXN_INCOMPLETE:
        OVS_NOT_REACHED();
    case TXN_ABORTED:
        ctl_fatal("transaction aborted");
    case TXN_UNCHANGED:
    case TXN_SUCCESS:
        break;
    case TXN_TRY_AGAIN:
        goto try_again;
    case TXN_ERROR:
        ctl_fatal("transaction error: %s",
                  ovsdb_idl_txn_get_error(the_idl_txn));
    case TXN_NOT_LOCKED:
        ctl_fatal("database not locked");
    default:
        OVS_NOT_REACHED();
    }
    ovsdb_idl_txn_destroy(the_idl_txn);
    the_idl_txn = NULL;
    ovsdb_symbol_table_destroy(symtab);

    for (c = commands; c < &commands[n_commands]; c++) {
        struct ds *ds = &c->output;
        if (c->table) {
            table_print(c->table, &table_style);
        } else if (oneline) {
            print_oneline(ds_cstr(ds));
        } else {
            fputs(ds_cstr(ds), stdout);
        }
    }
    fflush(stdout);

    if (wait_for_reload && status != TXN_UNCHANGED) {
        /* Wait for ovs-vswitchd to catch up with next_cfg. */
        for (;;) {
            ovsdb_idl_run(idl);
            OVSREC_OPEN_VSWITCH_FOR_EACH (ovs, idl) {
                if (ovs->cur_cfg >= next_cfg) {
                    return true;
                }
            }
            ovsdb_idl_wait(idl);
            poll_block();
        }
    }
    return true;

try_again:
    /* Our transaction needs to be rerun, or a prerequisite was not met. */
    ovsdb_idl_txn_abort(the_idl_txn);
    ovsdb_idl_txn_destroy(the_idl_txn);
    the_idl_txn = NULL;
    ovsdb_symbol_table_destroy(symtab);
    for (c = commands; c < &commands[n_commands]; c++) {
        ds_destroy(&c->output);
        if (c->table) {
            table_destroy(c->table);
            free(c->table);
            c->table = NULL;
        }
    }
    return false;
}

int
main(int argc, char *argv[])
{
    struct shash local_options = SHASH_INITIALIZER(&local_options);
    struct ctl_command *commands;
    size_t n_commands;
    unsigned int seqno;
    char *args, *remote;

    set_program_name(argv[0]);
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);
    vsctl_init_tables();
    ctl_init(&ovsrec_idl_class, tables, vsctl_exit_hook);
    ctl_register_commands(vsctl_commands);

    args = ctl_process_args(argc - 1, argv + 1);
    parse_options(argc, argv, &local_options);
    commands = ctl_parse_commands(argc - optind, argv + optind,
                                  &local_options, &n_commands);
    shash_destroy(&local_options);

    if (timeout) {
        alarm(timeout);
    }

    remote = db ? xstrdup(db) : default_db();
    the_idl = ovsdb_idl_create(remote, &ovsrec_idl_class, false, retry);
    for (size_t i = 0; i < n_commands; i++) {
        struct ctl_context ctx;
        if (commands[i].syntax->prerequisites) {
            ctl_context_init(&ctx, &commands[i], the_idl, NULL, NULL, NULL);
            (commands[i].syntax->prerequisites)(&ctx);
            ctl_context_done(&ctx, &commands[i]);
        }
        if (commands[i].syntax->mode == CTL_RW) {
            ovsdb_idl_add_table(the_idl, &ovsrec_table_open_vswitch);
        }
    }
    ovsdb_idl_add_table(the_idl, &ovsrec_table_open_vswitch);
    if (wait_for_reload) {
        ovsdb_idl_add_column(the_idl, &ovsrec_open_vswitch_col_next_cfg);
        ovsdb_idl_add_column(the_idl, &ovsrec_open_vswitch_col_cur_cfg);
    }

    seqno = ovsdb_idl_get_seqno(the_idl);
    for (;;) {
        ovsdb_idl_run(the_idl);
        if (!ovsdb_idl_is_alive(the_idl)) {
            int retval = ovsdb_idl_get_last_error(the_idl);
            ctl_fatal("%s: database connection failed (%s)",
                      remote, ovs_retval_to_string(retval));
        }
        if (seqno != ovsdb_idl_get_seqno(the_idl)
            && ovsdb_idl_has_ever_connected(the_idl)) {
            seqno = ovsdb_idl_get_seqno(the_idl);
            if (do_vsctl(args, commands, n_commands, the_idl)) {
                break;
            }
        }
        if (seqno == ovsdb_idl_get_seqno(the_idl)) {
            ovsdb_idl_wait(the_idl);
            poll_block();
        }
    }

    ctl_commands_destroy(commands, n_commands);
    ovsdb_idl_destroy(the_idl);
    the_idl = NULL;
    free(remote);
    free(args);
    return EXIT_SUCCESS;
}
