/* vtep-ctl: configures a hardware VTEP through its hardware_vtep database.
 *
 * Like ovs-vsctl, this is a thin layer over lib/db-ctl-base, which parses
 * the command line, runs the commands in one transaction and provides the
 * database commands (list, get, set, ...).  This file adds the schema's
 * record-naming rules and the physical switch, port, logical switch,
 * logical router, MAC binding and manager commands.
 *
 * There is no cache: the hardware_vtep database is small, so every command
 * looks rows up by scanning the replica.  Rows inserted earlier in the same
 * transaction are visible to later commands through the IDL. */
#include <config.h>

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
#include "json.h"
#include "ovsdb-data.h"
#include "ovsdb-idl.h"
#include "poll-loop.h"
#include "shash.h"
#include "svec.h"
#include "table-format.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"
#include "vtep-idl.h"

VLOG_DEFINE_THIS_MODULE(vtep_ctl);

/* Options. */
static const char *db;          /* --db. */
static bool dry_run;            /* --dry-run. */
static bool oneline;            /* --oneline. */
static int timeout;             /* --timeout, in seconds (0: none given). */
static struct table_style table_style = {
    TABLE_FORMAT_LIST, TABLE_CELL_STRING, true, 0, 0
};

static struct ovsdb_idl *the_idl;
static struct ovsdb_idl_txn *the_idl_txn;

static void
vtep_ctl_exit_hook(void)
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
static struct ctl_table_class tables[VTEPREC_N_TABLES];

static void
vtep_ctl_init_tables(void)
{
    for (size_t i = 0; i < VTEPREC_N_TABLES; i++) {
        tables[i].class = &vteprec_table_classes[i];
    }
    tables[VTEPREC_TABLE_GLOBAL].row_ids[0] = (struct ctl_row_id) {
        &vteprec_table_global, NULL, NULL, NULL };
    tables[VTEPREC_TABLE_MANAGER].row_ids[0] = (struct ctl_row_id) {
        &vteprec_table_manager, &vteprec_manager_col_target, NULL, NULL };
    tables[VTEPREC_TABLE_PHYSICAL_SWITCH].row_ids[0] = (struct ctl_row_id) {
        &vteprec_table_physical_switch, &vteprec_physical_switch_col_name,
        NULL, NULL };
    tables[VTEPREC_TABLE_PHYSICAL_PORT].row_ids[0] = (struct ctl_row_id) {
        &vteprec_table_physical_port, &vteprec_physical_port_col_name,
        NULL, NULL };
    tables[VTEPREC_TABLE_LOGICAL_SWITCH].row_ids[0] = (struct ctl_row_id) {
        &vteprec_table_logical_switch, &vteprec_logical_switch_col_name,
        NULL, NULL };
    tables[VTEPREC_TABLE_LOGICAL_ROUTER].row_ids[0] = (struct ctl_row_id) {
        &vteprec_table_logical_router, &vteprec_logical_router_col_name,
        NULL, NULL };
}

/* Lookups. */

static const struct vteprec_global *
vtep_global(struct ctl_context *ctx)
{
    const struct vteprec_global *global = vteprec_global_first(ctx->idl);
    if (!global) {
        global = vteprec_global_insert(ctx->txn);
    }
    return global;
}

static const struct vteprec_physical_switch *
find_ps(struct ctl_context *ctx, const char *name, bool must_exist)
{
    const struct vteprec_physical_switch *ps;

    VTEPREC_PHYSICAL_SWITCH_FOR_EACH (ps, ctx->idl) {
        if (!strcmp(ps->name, name)) {
            return ps;
        }
    }
    if (must_exist) {
        ctl_fatal("no physical switch named %s", name);
    }
    return NULL;
}

/* Finds port NAME on physical switch PS_NAME.  A missing switch is
 * reported as a missing port, as upstream does. */
static const struct vteprec_physical_port *
find_port(struct ctl_context *ctx, const char *ps_name, const char *name,
          bool must_exist)
{
    const struct vteprec_physical_switch *ps = find_ps(ctx, ps_name, false);

    for (size_t i = 0; ps && i < ps->n_ports; i++) {
        if (!strcmp(ps->ports[i]->name, name)) {
            return ps->ports[i];
        }
    }
    if (must_exist) {
        ctl_fatal("no port named %s", name);
    }
    return NULL;
}

static const struct vteprec_logical_switch *
find_ls(struct ctl_context *ctx, const char *name, bool must_exist)
{
    const struct vteprec_logical_switch *ls;

    VTEPREC_LOGICAL_SWITCH_FOR_EACH (ls, ctx->idl) {
        if (!strcmp(ls->name, name)) {
            return ls;
        }
    }
    if (must_exist) {
        ctl_fatal("no logical switch named %s", name);
    }
    return NULL;
}

static const struct vteprec_logical_router *
find_lr(struct ctl_context *ctx, const char *name, bool must_exist)
{
    const struct vteprec_logical_router *lr;

    VTEPREC_LOGICAL_ROUTER_FOR_EACH (lr, ctx->idl) {
        if (!strcmp(lr->name, name)) {
            return lr;
        }
    }
    if (must_exist) {
        ctl_fatal("no logical router named %s", name);
    }
    return NULL;
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
pre_all(struct ctl_context *ctx)
{
    for (size_t i = 0; i < VTEPREC_N_TABLES; i++) {
        const struct ovsdb_idl_table_class *t = &vteprec_table_classes[i];
        for (size_t j = 0; j < t->n_columns; j++) {
            ovsdb_idl_add_column(ctx->idl, &t->columns[j]);
        }
    }
}

/* Physical switches. */

static void
cmd_add_ps(struct ctl_context *ctx)
{
    const char *name = ctx->argv[1];
    const struct vteprec_global *global = vtep_global(ctx);
    struct vteprec_physical_switch *ps;

    if (find_ps(ctx, name, false)) {
        if (shash_find(&ctx->options, "--may-exist")) {
            return;
        }
        ctl_fatal("cannot create physical switch %s because it already "
                  "exists", name);
    }
    ps = vteprec_physical_switch_insert(ctx->txn);
    vteprec_physical_switch_set_name(ps, name);
    vteprec_global_update_switches_addvalue(global, ps);
}

static void
cmd_del_ps(struct ctl_context *ctx)
{
    const struct vteprec_physical_switch *ps;

    ps = find_ps(ctx, ctx->argv[1],
                 !shash_find(&ctx->options, "--if-exists"));
    if (ps) {
        vteprec_global_update_switches_delvalue(vtep_global(ctx), ps);
        vteprec_physical_switch_delete(ps);
    }
}

static void
cmd_list_ps(struct ctl_context *ctx)
{
    const struct vteprec_physical_switch *ps;
    struct svec names = SVEC_EMPTY_INITIALIZER;

    VTEPREC_PHYSICAL_SWITCH_FOR_EACH (ps, ctx->idl) {
        svec_add(&names, ps->name);
    }
    output_sorted(&names, &ctx->output);
    svec_destroy(&names);
}

static void
cmd_ps_exists(struct ctl_context *ctx)
{
    if (!find_ps(ctx, ctx->argv[1], false)) {
        vtep_ctl_exit_hook();
        exit(2);
    }
}

/* Physical ports. */

static void
cmd_list_ports(struct ctl_context *ctx)
{
    const struct vteprec_physical_switch *ps;
    struct svec names = SVEC_EMPTY_INITIALIZER;

    ps = find_ps(ctx, ctx->argv[1], true);
    for (size_t i = 0; i < ps->n_ports; i++) {
        svec_add(&names, ps->ports[i]->name);
    }
    output_sorted(&names, &ctx->output);
    svec_destroy(&names);
}

static void
cmd_add_port(struct ctl_context *ctx)
{
    const char *ps_name = ctx->argv[1];
    const char *name = ctx->argv[2];
    const struct vteprec_physical_switch *ps;
    struct vteprec_physical_port *port;

    ps = find_ps(ctx, ps_name, true);
    if (find_port(ctx, ps_name, name, false)) {
        if (shash_find(&ctx->options, "--may-exist")) {
            return;
        }
        ctl_fatal("cannot create a port named %s on %s because a port "
                  "with that name already exists", name, ps_name);
    }
    port = vteprec_physical_port_insert(ctx->txn);
    vteprec_physical_port_set_name(port, name);
    vteprec_physical_switch_update_ports_addvalue(ps, port);
}

static void
cmd_del_port(struct ctl_context *ctx)
{
    const struct vteprec_physical_port *port;

    port = find_port(ctx, ctx->argv[1], ctx->argv[2],
                     !shash_find(&ctx->options, "--if-exists"));
    if (port) {
        const struct vteprec_physical_switch *ps;

        ps = find_ps(ctx, ctx->argv[1], true);
        vteprec_physical_switch_update_ports_delvalue(ps, port);
        vteprec_physical_port_delete(port);
    }
}

/* Logical switches and bindings. */

static void
cmd_add_ls(struct ctl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct vteprec_logical_switch *ls;

    if (find_ls(ctx, name, false)) {
        if (shash_find(&ctx->options, "--may-exist")) {
            return;
        }
        ctl_fatal("cannot create logical switch %s because it already "
                  "exists", name);
    }
    ls = vteprec_logical_switch_insert(ctx->txn);
    vteprec_logical_switch_set_name(ls, name);
}

static void
cmd_del_ls(struct ctl_context *ctx)
{
    const struct vteprec_logical_switch *ls;

    ls = find_ls(ctx, ctx->argv[1],
                 !shash_find(&ctx->options, "--if-exists"));
    if (ls) {
        vteprec_logical_switch_delete(ls);
    }
}

static void
cmd_list_ls(struct ctl_context *ctx)
{
    const struct vteprec_logical_switch *ls;
    struct svec names = SVEC_EMPTY_INITIALIZER;

    VTEPREC_LOGICAL_SWITCH_FOR_EACH (ls, ctx->idl) {
        svec_add(&names, ls->name);
    }
    output_sorted(&names, &ctx->output);
    svec_destroy(&names);
}

static void
cmd_ls_exists(struct ctl_context *ctx)
{
    if (!find_ls(ctx, ctx->argv[1], false)) {
        vtep_ctl_exit_hook();
        exit(2);
    }
}

static void
cmd_list_bindings(struct ctl_context *ctx)
{
    const struct vteprec_physical_port *port;
    struct svec lines = SVEC_EMPTY_INITIALIZER;

    port = find_port(ctx, ctx->argv[1], ctx->argv[2], true);
    for (size_t i = 0; i < port->n_vlan_bindings; i++) {
        svec_add_nocopy(&lines,
                        xasprintf("%04"PRId64" %s",
                                  port->key_vlan_bindings[i],
                                  port->value_vlan_bindings[i]->name));
    }
    output_sorted(&lines, &ctx->output);
    svec_destroy(&lines);
}

static void
cmd_bind_ls(struct ctl_context *ctx)
{
    const struct vteprec_physical_port *port;
    const struct vteprec_logical_switch *ls;
    int64_t vlan;

    port = find_port(ctx, ctx->argv[1], ctx->argv[2], true);
    vlan = atoll(ctx->argv[3]);
    ls = find_ls(ctx, ctx->argv[4], true);
    for (size_t i = 0; i < port->n_vlan_bindings; i++) {
        if (port->key_vlan_bindings[i] == vlan) {
            ctl_fatal("multiple bindings for vlan %"PRId64, vlan);
        }
    }
    vteprec_physical_port_update_vlan_bindings_setkey(port, vlan, ls);
}

static void
cmd_unbind_ls(struct ctl_context *ctx)
{
    const struct vteprec_physical_port *port;
    int64_t vlan;

    port = find_port(ctx, ctx->argv[1], ctx->argv[2], true);
    vlan = atoll(ctx->argv[3]);
    for (size_t i = 0; i < port->n_vlan_bindings; i++) {
        if (port->key_vlan_bindings[i] == vlan) {
            vteprec_physical_port_update_vlan_bindings_delkey(port, vlan);
            return;
        }
    }
    ctl_fatal("no binding for vlan %"PRId64, vlan);
}

static void
cmd_set_replication_mode(struct ctl_context *ctx)
{
    const struct vteprec_logical_switch *ls;
    const char *mode = ctx->argv[2];

    ls = find_ls(ctx, ctx->argv[1], true);
    if (strcmp(mode, "service_node") && strcmp(mode, "source_node")) {
        ctl_fatal("Replication mode must be 'service_node' or "
                  "'source_node'");
    }
    vteprec_logical_switch_set_replication_mode(ls, mode);
}

static void
cmd_get_replication_mode(struct ctl_context *ctx)
{
    const struct vteprec_logical_switch *ls;

    ls = find_ls(ctx, ctx->argv[1], true);
    /* Upstream prints an unset mode as "(null)"; so do we. */
    ds_put_format(&ctx->output, "%s\n",
                  ls->replication_mode ? ls->replication_mode : "(null)");
}

/* Logical routers. */

static void
cmd_add_lr(struct ctl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct vteprec_logical_router *lr;

    if (find_lr(ctx, name, false)) {
        if (shash_find(&ctx->options, "--may-exist")) {
            return;
        }
        ctl_fatal("cannot create logical router %s because it already "
                  "exists", name);
    }
    lr = vteprec_logical_router_insert(ctx->txn);
    vteprec_logical_router_set_name(lr, name);
}

static void
cmd_del_lr(struct ctl_context *ctx)
{
    const struct vteprec_logical_router *lr;

    lr = find_lr(ctx, ctx->argv[1],
                 !shash_find(&ctx->options, "--if-exists"));
    if (lr) {
        vteprec_logical_router_delete(lr);
    }
}

static void
cmd_list_lr(struct ctl_context *ctx)
{
    const struct vteprec_logical_router *lr;
    struct svec names = SVEC_EMPTY_INITIALIZER;

    VTEPREC_LOGICAL_ROUTER_FOR_EACH (lr, ctx->idl) {
        svec_add(&names, lr->name);
    }
    output_sorted(&names, &ctx->output);
    svec_destroy(&names);
}

static void
cmd_lr_exists(struct ctl_context *ctx)
{
    if (!find_lr(ctx, ctx->argv[1], false)) {
        vtep_ctl_exit_hook();
        exit(2);
    }
}

/* MAC bindings.  The four MAC tables share the same shape; 'local'
 * chooses between the *_Local and *_Remote tables. */

/* Parses "LS MAC [ENCAP] IP" arguments. */
static void
parse_mac_args(struct ctl_context *ctx, const char **encap, const char **ip)
{
    if (ctx->argc == 5) {
        *encap = ctx->argv[3];
        *ip = ctx->argv[4];
    } else {
        *encap = "vxlan_over_ipv4";
        *ip = ctx->argv[3];
    }
}

static const struct vteprec_physical_locator *
find_or_add_locator(struct ctl_context *ctx, const char *encap,
                    const char *ip)
{
    const struct vteprec_physical_locator *loc;
    struct vteprec_physical_locator *new;

    VTEPREC_PHYSICAL_LOCATOR_FOR_EACH (loc, ctx->idl) {
        if (!strcmp(loc->encapsulation_type, encap)
            && !strcmp(loc->dst_ip, ip) && !loc->n_tunnel_key) {
            return loc;
        }
    }
    new = vteprec_physical_locator_insert(ctx->txn);
    vteprec_physical_locator_set_encapsulation_type(new, encap);
    vteprec_physical_locator_set_dst_ip(new, ip);
    return new;
}

static void
cmd_add_ucast(struct ctl_context *ctx, bool local)
{
    const struct vteprec_logical_switch *ls;
    const struct vteprec_physical_locator *loc;
    const char *mac = ctx->argv[2];
    const char *encap, *ip;

    ls = find_ls(ctx, ctx->argv[1], true);
    parse_mac_args(ctx, &encap, &ip);
    loc = find_or_add_locator(ctx, encap, ip);
    if (local) {
        const struct vteprec_ucast_macs_local *u;
        struct vteprec_ucast_macs_local *new;

        VTEPREC_UCAST_MACS_LOCAL_FOR_EACH (u, ctx->idl) {
            if (u->logical_switch == ls && !strcmp(u->MAC, mac)) {
                vteprec_ucast_macs_local_set_locator(u, loc);
                return;
            }
        }
        new = vteprec_ucast_macs_local_insert(ctx->txn);
        vteprec_ucast_macs_local_set_MAC(new, mac);
        vteprec_ucast_macs_local_set_logical_switch(new, ls);
        vteprec_ucast_macs_local_set_locator(new, loc);
    } else {
        const struct vteprec_ucast_macs_remote *u;
        struct vteprec_ucast_macs_remote *new;

        VTEPREC_UCAST_MACS_REMOTE_FOR_EACH (u, ctx->idl) {
            if (u->logical_switch == ls && !strcmp(u->MAC, mac)) {
                vteprec_ucast_macs_remote_set_locator(u, loc);
                return;
            }
        }
        new = vteprec_ucast_macs_remote_insert(ctx->txn);
        vteprec_ucast_macs_remote_set_MAC(new, mac);
        vteprec_ucast_macs_remote_set_logical_switch(new, ls);
        vteprec_ucast_macs_remote_set_locator(new, loc);
    }
}

static void
cmd_add_ucast_local(struct ctl_context *ctx)
{
    cmd_add_ucast(ctx, true);
}

static void
cmd_add_ucast_remote(struct ctl_context *ctx)
{
    cmd_add_ucast(ctx, false);
}

static void
cmd_del_ucast(struct ctl_context *ctx, bool local)
{
    const struct vteprec_logical_switch *ls;
    const char *mac = ctx->argv[2];

    ls = find_ls(ctx, ctx->argv[1], true);
    if (local) {
        const struct vteprec_ucast_macs_local *u;

        VTEPREC_UCAST_MACS_LOCAL_FOR_EACH (u, ctx->idl) {
            if (u->logical_switch == ls && !strcmp(u->MAC, mac)) {
                vteprec_ucast_macs_local_delete(u);
                return;
            }
        }
    } else {
        const struct vteprec_ucast_macs_remote *u;

        VTEPREC_UCAST_MACS_REMOTE_FOR_EACH (u, ctx->idl) {
            if (u->logical_switch == ls && !strcmp(u->MAC, mac)) {
                vteprec_ucast_macs_remote_delete(u);
                return;
            }
        }
    }
}

static void
cmd_del_ucast_local(struct ctl_context *ctx)
{
    cmd_del_ucast(ctx, true);
}

static void
cmd_del_ucast_remote(struct ctl_context *ctx)
{
    cmd_del_ucast(ctx, false);
}

/* Finds the multicast row for LS and MAC; returns its header and, in
 * '*set', its locator set. */
static const struct ovsdb_idl_row *
find_mcast(struct ctl_context *ctx, bool local,
           const struct vteprec_logical_switch *ls, const char *mac,
           const struct vteprec_physical_locator_set **set)
{
    if (local) {
        const struct vteprec_mcast_macs_local *m;

        VTEPREC_MCAST_MACS_LOCAL_FOR_EACH (m, ctx->idl) {
            if (m->logical_switch == ls && !strcmp(m->MAC, mac)) {
                *set = m->locator_set;
                return &m->header_;
            }
        }
    } else {
        const struct vteprec_mcast_macs_remote *m;

        VTEPREC_MCAST_MACS_REMOTE_FOR_EACH (m, ctx->idl) {
            if (m->logical_switch == ls && !strcmp(m->MAC, mac)) {
                *set = m->locator_set;
                return &m->header_;
            }
        }
    }
    *set = NULL;
    return NULL;
}

static void
set_mcast_locator_set(bool local, const struct ovsdb_idl_row *row,
                      const struct vteprec_physical_locator_set *set)
{
    if (local) {
        vteprec_mcast_macs_local_set_locator_set(
            CONTAINER_OF(row, struct vteprec_mcast_macs_local, header_), set);
    } else {
        vteprec_mcast_macs_remote_set_locator_set(
            CONTAINER_OF(row, struct vteprec_mcast_macs_remote, header_),
            set);
    }
}

static void
cmd_add_mcast(struct ctl_context *ctx, bool local)
{
    const struct vteprec_physical_locator_set *old_set;
    const struct vteprec_physical_locator *loc;
    const struct vteprec_logical_switch *ls;
    struct vteprec_physical_locator_set *set;
    struct vteprec_physical_locator **locs;
    const struct ovsdb_idl_row *row;
    const char *mac = ctx->argv[2];
    const char *encap, *ip;
    size_t n = 0;

    ls = find_ls(ctx, ctx->argv[1], true);
    parse_mac_args(ctx, &encap, &ip);
    loc = find_or_add_locator(ctx, encap, ip);
    row = find_mcast(ctx, local, ls, mac, &old_set);

    locs = xmalloc(((old_set ? old_set->n_locators : 0) + 1) * sizeof *locs);
    for (size_t i = 0; old_set && i < old_set->n_locators; i++) {
        if (old_set->locators[i] == loc) {
            free(locs);
            return;
        }
        locs[n++] = old_set->locators[i];
    }
    locs[n++] = CONST_CAST(struct vteprec_physical_locator *, loc);
    set = vteprec_physical_locator_set_insert(ctx->txn);
    vteprec_physical_locator_set_set_locators(set, locs, n);
    free(locs);

    if (!row) {
        if (local) {
            struct vteprec_mcast_macs_local *m;

            m = vteprec_mcast_macs_local_insert(ctx->txn);
            vteprec_mcast_macs_local_set_MAC(m, mac);
            vteprec_mcast_macs_local_set_logical_switch(m, ls);
            row = &m->header_;
        } else {
            struct vteprec_mcast_macs_remote *m;

            m = vteprec_mcast_macs_remote_insert(ctx->txn);
            vteprec_mcast_macs_remote_set_MAC(m, mac);
            vteprec_mcast_macs_remote_set_logical_switch(m, ls);
            row = &m->header_;
        }
    }
    set_mcast_locator_set(local, row, set);
}

static void
cmd_add_mcast_local(struct ctl_context *ctx)
{
    cmd_add_mcast(ctx, true);
}

static void
cmd_add_mcast_remote(struct ctl_context *ctx)
{
    cmd_add_mcast(ctx, false);
}

static void
cmd_del_mcast(struct ctl_context *ctx, bool local)
{
    const struct vteprec_physical_locator_set *old_set;
    const struct vteprec_physical_locator *loc = NULL;
    const struct vteprec_physical_locator *l;
    const struct vteprec_logical_switch *ls;
    struct vteprec_physical_locator_set *set;
    struct vteprec_physical_locator **locs;
    const struct ovsdb_idl_row *row;
    const char *encap, *ip;
    size_t n = 0;
    bool found = false;

    ls = find_ls(ctx, ctx->argv[1], true);
    parse_mac_args(ctx, &encap, &ip);
    row = find_mcast(ctx, local, ls, ctx->argv[2], &old_set);
    if (!row) {
        return;
    }
    VTEPREC_PHYSICAL_LOCATOR_FOR_EACH (l, ctx->idl) {
        if (!strcmp(l->encapsulation_type, encap) && !strcmp(l->dst_ip, ip)
            && !l->n_tunnel_key) {
            loc = l;
            break;
        }
    }
    if (!loc) {
        return;
    }

    locs = xmalloc(old_set->n_locators * sizeof *locs);
    for (size_t i = 0; i < old_set->n_locators; i++) {
        if (old_set->locators[i] == loc) {
            found = true;
        } else {
            locs[n++] = old_set->locators[i];
        }
    }
    if (found && !n) {
        if (local) {
            vteprec_mcast_macs_local_delete(
                CONTAINER_OF(row, struct vteprec_mcast_macs_local, header_));
        } else {
            vteprec_mcast_macs_remote_delete(
                CONTAINER_OF(row, struct vteprec_mcast_macs_remote,
                             header_));
        }
    } else if (found) {
        set = vteprec_physical_locator_set_insert(ctx->txn);
        vteprec_physical_locator_set_set_locators(set, locs, n);
        set_mcast_locator_set(local, row, set);
    }
    free(locs);
}

static void
cmd_del_mcast_local(struct ctl_context *ctx)
{
    cmd_del_mcast(ctx, true);
}

static void
cmd_del_mcast_remote(struct ctl_context *ctx)
{
    cmd_del_mcast(ctx, false);
}

static void
put_locator(struct svec *lines, const char *mac,
            const struct vteprec_physical_locator *loc)
{
    svec_add_nocopy(lines, xasprintf("  %s -> %s/%s", mac,
                                     loc->encapsulation_type, loc->dst_ip));
}

static void
put_mcast(struct svec *lines, const char *mac,
          const struct vteprec_physical_locator_set *set)
{
    for (size_t i = 0; set && i < set->n_locators; i++) {
        put_locator(lines, mac, set->locators[i]);
    }
}

static void
list_macs(struct ctl_context *ctx, bool local)
{
    const struct vteprec_logical_switch *ls;
    struct svec ucast = SVEC_EMPTY_INITIALIZER;
    struct svec mcast = SVEC_EMPTY_INITIALIZER;
    const char *where = local ? "local" : "remote";

    ls = find_ls(ctx, ctx->argv[1], true);
    if (local) {
        const struct vteprec_ucast_macs_local *u;
        const struct vteprec_mcast_macs_local *m;

        VTEPREC_UCAST_MACS_LOCAL_FOR_EACH (u, ctx->idl) {
            if (u->logical_switch == ls && u->locator) {
                put_locator(&ucast, u->MAC, u->locator);
            }
        }
        VTEPREC_MCAST_MACS_LOCAL_FOR_EACH (m, ctx->idl) {
            if (m->logical_switch == ls) {
                put_mcast(&mcast, m->MAC, m->locator_set);
            }
        }
    } else {
        const struct vteprec_ucast_macs_remote *u;
        const struct vteprec_mcast_macs_remote *m;

        VTEPREC_UCAST_MACS_REMOTE_FOR_EACH (u, ctx->idl) {
            if (u->logical_switch == ls && u->locator) {
                put_locator(&ucast, u->MAC, u->locator);
            }
        }
        VTEPREC_MCAST_MACS_REMOTE_FOR_EACH (m, ctx->idl) {
            if (m->logical_switch == ls) {
                put_mcast(&mcast, m->MAC, m->locator_set);
            }
        }
    }
    ds_put_format(&ctx->output, "ucast-mac-%s\n", where);
    output_sorted(&ucast, &ctx->output);
    ds_put_format(&ctx->output, "\nmcast-mac-%s\n", where);
    output_sorted(&mcast, &ctx->output);
    ds_put_char(&ctx->output, '\n');
    svec_destroy(&ucast);
    svec_destroy(&mcast);
}

static void
cmd_list_local_macs(struct ctl_context *ctx)
{
    list_macs(ctx, true);
}

static void
cmd_list_remote_macs(struct ctl_context *ctx)
{
    list_macs(ctx, false);
}

static void
clear_macs(struct ctl_context *ctx, bool local)
{
    const struct vteprec_logical_switch *ls;

    ls = find_ls(ctx, ctx->argv[1], true);
    if (local) {
        const struct vteprec_ucast_macs_local *u;
        const struct vteprec_mcast_macs_local *m;

        VTEPREC_UCAST_MACS_LOCAL_FOR_EACH (u, ctx->idl) {
            if (u->logical_switch == ls) {
                vteprec_ucast_macs_local_delete(u);
            }
        }
        VTEPREC_MCAST_MACS_LOCAL_FOR_EACH (m, ctx->idl) {
            if (m->logical_switch == ls) {
                vteprec_mcast_macs_local_delete(m);
            }
        }
    } else {
        const struct vteprec_ucast_macs_remote *u;
        const struct vteprec_mcast_macs_remote *m;

        VTEPREC_UCAST_MACS_REMOTE_FOR_EACH (u, ctx->idl) {
            if (u->logical_switch == ls) {
                vteprec_ucast_macs_remote_delete(u);
            }
        }
        VTEPREC_MCAST_MACS_REMOTE_FOR_EACH (m, ctx->idl) {
            if (m->logical_switch == ls) {
                vteprec_mcast_macs_remote_delete(m);
            }
        }
    }
}

static void
cmd_clear_local_macs(struct ctl_context *ctx)
{
    clear_macs(ctx, true);
}

static void
cmd_clear_remote_macs(struct ctl_context *ctx)
{
    clear_macs(ctx, false);
}

/* Managers. */

static void
cmd_get_manager(struct ctl_context *ctx)
{
    const struct vteprec_global *global = vtep_global(ctx);
    struct svec targets = SVEC_EMPTY_INITIALIZER;

    for (size_t i = 0; i < global->n_managers; i++) {
        svec_add(&targets, global->managers[i]->target);
    }
    output_sorted(&targets, &ctx->output);
    svec_destroy(&targets);
}

static void
delete_managers(const struct vteprec_global *global)
{
    size_t n = global->n_managers;
    struct vteprec_manager **copy = xmemdup(global->managers,
                                            n * sizeof *copy);

    /* Deleting a row may free 'managers', so use a copy. */
    for (size_t i = 0; i < n; i++) {
        vteprec_manager_delete(copy[i]);
    }
    free(copy);
    vteprec_global_set_managers(global, NULL, 0);
}

static void
cmd_del_manager(struct ctl_context *ctx)
{
    delete_managers(vtep_global(ctx));
}

static void
cmd_set_manager(struct ctl_context *ctx)
{
    const struct vteprec_global *global = vtep_global(ctx);
    const char *probe = shash_find_data(&ctx->options,
                                        "--inactivity-probe");
    size_t n = ctx->argc - 1;
    struct vteprec_manager **managers;

    delete_managers(global);
    managers = xmalloc(n * sizeof *managers);
    for (size_t i = 0; i < n; i++) {
        managers[i] = vteprec_manager_insert(ctx->txn);
        vteprec_manager_set_target(managers[i], ctx->argv[i + 1]);
        if (probe) {
            /* Parsed like atoi(), as upstream does: "abc" is 0. */
            int64_t msecs = atoll(probe);
            vteprec_manager_set_inactivity_probe(managers[i], &msecs, 1);
        }
    }
    vteprec_global_set_managers(global, managers, n);
    free(managers);
}

/* Overview. */

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
    const struct vteprec_global *global = vtep_global(ctx);
    struct ds *out = &ctx->output;

    ds_put_format(out, UUID_FMT"\n", UUID_ARGS(&global->header_.uuid));
    for (size_t i = 0; i < global->n_managers; i++) {
        const struct vteprec_manager *m = global->managers[i];
        show_name("Manager", m->target, 1, out);
        show_column(&m->header_, &vteprec_manager_col_is_connected, 2, out);
    }
    for (size_t i = 0; i < global->n_switches; i++) {
        const struct vteprec_physical_switch *ps = global->switches[i];

        show_name("Physical_Switch", ps->name, 1, out);
        show_column(&ps->header_, &vteprec_physical_switch_col_management_ips,
                    2, out);
        show_column(&ps->header_, &vteprec_physical_switch_col_tunnel_ips,
                    2, out);
        for (size_t j = 0; j < ps->n_ports; j++) {
            const struct vteprec_physical_port *port = ps->ports[j];
            struct svec lines = SVEC_EMPTY_INITIALIZER;

            show_name("Physical_Port", port->name, 2, out);
            show_indent(out, 3);
            ds_put_cstr(out, "vlan_bindings:\n");
            for (size_t k = 0; k < port->n_vlan_bindings; k++) {
                svec_add_nocopy(&lines, xasprintf(
                    "%"PRId64"=%s", port->key_vlan_bindings[k],
                    port->value_vlan_bindings[k]->name));
            }
            for (size_t k = 0; k < lines.n; k++) {
                show_indent(out, 4);
                ds_put_format(out, "%s\n", lines.names[k]);
            }
            svec_destroy(&lines);
        }
    }
}

static const struct ctl_command_syntax vtep_commands[] = {
    /* Overview. */
    {"show", 0, 0, "", pre_all, cmd_show, NULL, "", CTL_RO},

    /* Physical switch commands. */
    {"add-ps", 1, 1, "PS", pre_all, cmd_add_ps, NULL, "--may-exist",
     CTL_RW},
    {"del-ps", 1, 1, "PS", pre_all, cmd_del_ps, NULL, "--if-exists",
     CTL_RW},
    {"list-ps", 0, 0, "", pre_all, cmd_list_ps, NULL, "", CTL_RO},
    {"ps-exists", 1, 1, "PS", pre_all, cmd_ps_exists, NULL, "", CTL_RO},

    /* Port commands. */
    {"list-ports", 1, 1, "PS", pre_all, cmd_list_ports, NULL, "", CTL_RO},
    {"add-port", 2, 2, "PS PORT", pre_all, cmd_add_port, NULL,
     "--may-exist", CTL_RW},
    {"del-port", 2, 2, "PS PORT", pre_all, cmd_del_port, NULL,
     "--if-exists", CTL_RW},

    /* Logical switch commands. */
    {"add-ls", 1, 1, "LS", pre_all, cmd_add_ls, NULL, "--may-exist",
     CTL_RW},
    {"del-ls", 1, 1, "LS", pre_all, cmd_del_ls, NULL, "--if-exists",
     CTL_RW},
    {"list-ls", 0, 0, "", pre_all, cmd_list_ls, NULL, "", CTL_RO},
    {"ls-exists", 1, 1, "LS", pre_all, cmd_ls_exists, NULL, "", CTL_RO},
    {"list-bindings", 2, 2, "PS PORT", pre_all, cmd_list_bindings, NULL, "",
     CTL_RO},
    {"bind-ls", 4, 4, "PS PORT VLAN LS", pre_all, cmd_bind_ls, NULL, "",
     CTL_RW},
    {"unbind-ls", 3, 3, "PS PORT VLAN", pre_all, cmd_unbind_ls, NULL, "",
     CTL_RW},
    {"set-replication-mode", 2, 2, "LS MODE", pre_all,
     cmd_set_replication_mode, NULL, "", CTL_RW},
    {"get-replication-mode", 1, 1, "LS", pre_all, cmd_get_replication_mode,
     NULL, "", CTL_RO},

    /* Logical router commands. */
    {"add-lr", 1, 1, "LR", pre_all, cmd_add_lr, NULL, "--may-exist",
     CTL_RW},
    {"del-lr", 1, 1, "LR", pre_all, cmd_del_lr, NULL, "--if-exists",
     CTL_RW},
    {"list-lr", 0, 0, "", pre_all, cmd_list_lr, NULL, "", CTL_RO},
    {"lr-exists", 1, 1, "LR", pre_all, cmd_lr_exists, NULL, "", CTL_RO},

    /* MAC binding commands. */
    {"add-ucast-local", 3, 4, "LS MAC [ENCAP] IP", pre_all,
     cmd_add_ucast_local, NULL, "", CTL_RW},
    {"del-ucast-local", 2, 2, "LS MAC", pre_all, cmd_del_ucast_local, NULL,
     "", CTL_RW},
    {"add-mcast-local", 3, 4, "LS MAC [ENCAP] IP", pre_all,
     cmd_add_mcast_local, NULL, "", CTL_RW},
    {"del-mcast-local", 3, 4, "LS MAC [ENCAP] IP", pre_all,
     cmd_del_mcast_local, NULL, "", CTL_RW},
    {"clear-local-macs", 1, 1, "LS", pre_all, cmd_clear_local_macs, NULL,
     "", CTL_RW},
    {"list-local-macs", 1, 1, "LS", pre_all, cmd_list_local_macs, NULL, "",
     CTL_RO},
    {"add-ucast-remote", 3, 4, "LS MAC [ENCAP] IP", pre_all,
     cmd_add_ucast_remote, NULL, "", CTL_RW},
    {"del-ucast-remote", 2, 2, "LS MAC", pre_all, cmd_del_ucast_remote,
     NULL, "", CTL_RW},
    {"add-mcast-remote", 3, 4, "LS MAC [ENCAP] IP", pre_all,
     cmd_add_mcast_remote, NULL, "", CTL_RW},
    {"del-mcast-remote", 3, 4, "LS MAC [ENCAP] IP", pre_all,
     cmd_del_mcast_remote, NULL, "", CTL_RW},
    {"clear-remote-macs", 1, 1, "LS", pre_all, cmd_clear_remote_macs, NULL,
     "", CTL_RW},
    {"list-remote-macs", 1, 1, "LS", pre_all, cmd_list_remote_macs, NULL,
     "", CTL_RO},

    /* Manager commands. */
    {"get-manager", 0, 0, "", pre_all, cmd_get_manager, NULL, "", CTL_RO},
    {"del-manager", 0, 0, "", pre_all, cmd_del_manager, NULL, "", CTL_RW},
    {"set-manager", 1, INT_MAX, "TARGET...", pre_all, cmd_set_manager,
     NULL, "--inactivity-probe=", CTL_RW},

    {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, CTL_RO},
};

/* Main program. */

static void
usage(void)
{
    const char *name = ovs_get_program_name();

    printf(
        "%s: VTEP configuration utility\n"
        "usage: %s [OPTIONS] COMMAND [ARG...]\n"
        "\n"
        "VTEP commands:\n"
        "  show                        print overview of database contents\n"
        "\n"
        "Manager commands:\n"
        "  get-manager                 print the managers\n"
        "  del-manager                 delete the managers\n"
        "  [--inactivity-probe=MSECS]\n"
        "  set-manager TARGET...       set the list of managers to"
        " TARGET...\n"
        "\n"
        "Physical Switch commands:\n"
        "  add-ps PS                   create a new physical switch named"
        " PS\n"
        "  del-ps PS                   delete PS and all of its ports\n"
        "  list-ps                     print the names of all the physical"
        " switches\n"
        "  ps-exists PS                exit 2 if PS does not exist\n"
        "\n"
        "Port commands:\n"
        "  list-ports PS               print the names of all the ports on"
        " PS\n"
        "  add-port PS PORT            add network device PORT to PS\n"
        "  del-port PS PORT            delete PORT from PS\n"
        "\n"
        "Logical Switch commands:\n"
        "  add-ls LS                   create a new logical switch named LS\n"
        "  del-ls LS                   delete LS and all of its ports\n"
        "  list-ls                     print the names of all the logical"
        " switches\n"
        "  ls-exists LS                exit 2 if LS does not exist\n"
        "  bind-ls PS PORT VLAN LS     bind LS to VLAN on PORT\n"
        "  unbind-ls PS PORT VLAN      unbind logical switch on VLAN from"
        " PORT\n"
        "  list-bindings PS PORT       list bindings for PORT on PS\n"
        "  set-replication-mode LS MODE  set replication mode on LS\n"
        "  get-replication-mode LS       get replication mode on LS\n"
        "\n"
        "Logical Router commands:\n"
        "  add-lr LR                   create a new logical router named LR\n"
        "  del-lr LR                   delete LR\n"
        "  list-lr                     print the names of all the logical"
        " routers\n"
        "  lr-exists LR                exit 2 if LR does not exist\n"
        "\n"
        "MAC binding commands:\n"
        "  add-ucast-local LS MAC [ENCAP] IP   add ucast local entry in LS\n"
        "  del-ucast-local LS MAC              del ucast local entry from"
        " LS\n"
        "  add-mcast-local LS MAC [ENCAP] IP   add mcast local entry in LS\n"
        "  del-mcast-local LS MAC [ENCAP] IP   del mcast local entry from"
        " LS\n"
        "  clear-local-macs LS                 clear local mac entries\n"
        "  list-local-macs LS                  list local mac entries\n"
        "  add-ucast-remote LS MAC [ENCAP] IP  add ucast remote entry in LS\n"
        "  del-ucast-remote LS MAC             del ucast remote entry from"
        " LS\n"
        "  add-mcast-remote LS MAC [ENCAP] IP  add mcast remote entry in LS\n"
        "  del-mcast-remote LS MAC [ENCAP] IP  del mcast remote entry from"
        " LS\n"
        "  clear-remote-macs LS                clear remote mac entries\n"
        "  list-remote-macs LS                 list remote mac entries\n"
        "\n"
        "Database commands:\n"
        "  list TBL [REC]              list RECord (or all records) in TBL\n"
        "  find TBL CONDITION...       list records satisfying CONDITION in"
        " TBL\n"
        "  get TBL REC COL[:KEY]       print values of COLumns in RECord in"
        " TBL\n"
        "  set TBL REC COL[:KEY]=VALUE set COLumn values in RECord in TBL\n"
        "  add TBL REC COL [KEY=]VALUE add (KEY=)VALUE to COLumn in RECord"
        " in TBL\n"
        "  remove TBL REC COL [KEY=]VALUE  remove (KEY=)VALUE from COLumn\n"
        "  clear TBL REC COL           clear values from COLumn in RECord in"
        " TBL\n"
        "  create TBL COL[:KEY]=VALUE  create and initialize new record\n"
        "  destroy TBL REC             delete RECord from TBL\n"
        "  wait-until TBL REC [COL[:KEY]=VALUE]  wait until condition is"
        " true\n"
        "Potentially unsafe database commands require --force option.\n",
           name, name);
    ctl_print_record_names();
    printf(
        "\n"
        "Options:\n"
        "  --db=DATABASE               connect to DATABASE\n"
        "                              (default: unix:%s/db.sock)\n"
        "  -t, --timeout=SECS          wait at most SECS seconds\n"
        "  --dry-run                   do not commit changes to database\n"
        "  --oneline                   print exactly one line of output per"
        " command\n"
        "\n"
        "Output formatting options:\n"
        "  -f, --format=FORMAT         set output formatting to FORMAT\n"
        "                              (\"table\", \"html\", \"csv\", or"
        " \"json\")\n"
        "  -d, --data=FORMAT           set table cell output formatting to\n"
        "                              FORMAT (\"string\", \"bare\", or"
        " \"json\")\n"
        "  --no-headings               omit table heading row\n"
        "  --pretty                    pretty-print JSON in output\n"
        "  --bare                      equivalent to \"--format=list"
        " --data=bare --no-headings\"\n"
        "\n"
        "Logging options:\n"
        "  -vSPEC, --verbose=SPEC   set logging levels\n"
        "  -v, --verbose            set maximum verbosity level\n"
        "  --log-file[=FILE]        enable logging to specified FILE\n"
        "                           (default: %s/%s.log)\n"
        "  --syslog-method=(libc|unix:file|udp:ip:port)\n"
        "                           specify how to send messages to syslog"
        " daemon\n"
        "  --syslog-target=HOST:PORT  also send syslog msgs to HOST:PORT via"
        " UDP\n"
        "  --no-syslog                 equivalent to"
        " --verbose=vtep_ctl:syslog:warn\n"
        "\n"
        "Active database connection methods:\n"
        "  tcp:HOST:PORT           PORT at remote HOST\n"
        "  ssl:HOST:PORT           SSL PORT at remote HOST\n"
        "  unix:FILE               Unix domain socket named FILE\n"
        "Passive database connection methods:\n"
        "  ptcp:PORT[:IP]          listen to TCP PORT on IP\n"
        "  pssl:PORT[:IP]          listen for SSL on PORT on IP\n"
        "  punix:FILE              listen on Unix domain socket FILE\n"
        "PKI configuration (required to use SSL):\n"
        "  -p, --private-key=FILE  file with private key\n"
        "  -c, --certificate=FILE  file with certificate for private key\n"
        "  -C, --ca-cert=FILE      file with peer CA certificate\n"
        "SSL options:\n"
        "  --ssl-protocols=PROTOS  list of SSL protocols to enable\n"
        "  --ssl-ciphers=CIPHERS   list of SSL ciphers to enable\n"
        "\n"
        "Other options:\n"
        "  -h, --help                  display this help message\n"
        "  -V, --version               display version information\n",
           ovs_rundir(), ovs_logdir(), name);
    exit(EXIT_SUCCESS);
}

enum {
    OPT_DB = UCHAR_MAX + 1,
    OPT_ONELINE,
    OPT_NO_SYSLOG,
    OPT_DRY_RUN,
    OPT_PEER_CA_CERT,
    OPT_SSL_PROTOCOLS,
    OPT_SSL_CIPHERS,
    OPT_LOCAL,
    VLOG_OPTION_ENUMS,
    TABLE_OPTION_ENUMS
};

static void
parse_options(int argc, char *argv[], struct shash *local_options)
{
    static const struct option global_long_options[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"no-syslog", no_argument, NULL, OPT_NO_SYSLOG},
        {"dry-run", no_argument, NULL, OPT_DRY_RUN},
        {"oneline", no_argument, NULL, OPT_ONELINE},
        {"timeout", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"private-key", required_argument, NULL, 'p'},
        {"certificate", required_argument, NULL, 'c'},
        {"ca-cert", required_argument, NULL, 'C'},
        {"peer-ca-cert", required_argument, NULL, OPT_PEER_CA_CERT},
        {"ssl-protocols", required_argument, NULL, OPT_SSL_PROTOCOLS},
        {"ssl-ciphers", required_argument, NULL, OPT_SSL_CIPHERS},
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
        case OPT_DRY_RUN:
            dry_run = true;
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
            if (!str_to_int(optarg, 10, &timeout) || timeout <= 0) {
                ctl_fatal("value %s on -t or --timeout is invalid", optarg);
            }
            break;
        case 'p':
        case 'c':
        case 'C':
        case OPT_PEER_CA_CERT:
        case OPT_SSL_PROTOCOLS:
        case OPT_SSL_CIPHERS:
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
do_vtep_ctl(const char *args, struct ctl_command *commands,
            size_t n_commands, struct ovsdb_idl *idl)
{
    struct ovsdb_symbol_table *symtab;
    enum ovsdb_idl_txn_status status;
    struct ctl_context ctx;
    struct shash_node *node;
    struct ctl_command *c;

    the_idl_txn = ovsdb_idl_txn_create(idl);
    if (dry_run) {
        ovsdb_idl_txn_set_dry_run(the_idl_txn);
    }
    ovsdb_idl_txn_add_comment(the_idl_txn, "vtep-ctl: %s", args);

    symtab = ovsdb_symbol_table_create();
    for (c = commands; c < &commands[n_commands]; c++) {
        ds_init(&c->output);
        c->table = NULL;
    }
    ctl_context_init(&ctx, NULL, idl, the_idl_txn, symtab, NULL);
    for (c = commands; c < &commands[n_commands]; c++) {
        ctl_context_init_command(&ctx, c);
        if (c->syntax->run) {
            (c->syntax->run)(&ctx);
        }
        ctl_context_done_command(&ctx, c);
        if (ctx.try_again) {
            ctl_context_done(&ctx, NULL);
            goto try_again;
        }
    }
    ctl_context_done(&ctx, NULL);

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
    if (status == TXN_UNCHANGED || status == TXN_SUCCESS) {
        for (c = commands; c < &commands[n_commands]; c++) {
            if (c->syntax->postprocess) {
                ctl_context_init(&ctx, c, idl, the_idl_txn, symtab, NULL);
                (c->syntax->postprocess)(&ctx);
                ctl_context_done(&ctx, c);
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
    vtep_ctl_init_tables();
    ctl_init(&vteprec_idl_class, tables, vtep_ctl_exit_hook);
    ctl_register_commands(vtep_commands);

    args = ctl_process_args(argc - 1, argv + 1);
    parse_options(argc, argv, &local_options);
    commands = ctl_parse_commands(argc - optind, argv + optind,
                                  &local_options, &n_commands);
    shash_destroy(&local_options);

    if (timeout) {
        alarm(timeout);
    }

    remote = db ? xstrdup(db) : xasprintf("unix:%s/db.sock", ovs_rundir());
    the_idl = ovsdb_idl_create(remote, &vteprec_idl_class, false, false);
    for (size_t i = 0; i < n_commands; i++) {
        struct ctl_context ctx;
        if (commands[i].syntax->prerequisites) {
            ctl_context_init(&ctx, &commands[i], the_idl, NULL, NULL, NULL);
            (commands[i].syntax->prerequisites)(&ctx);
            ctl_context_done(&ctx, &commands[i]);
        }
    }
    ovsdb_idl_add_table(the_idl, &vteprec_table_global);

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
            if (do_vtep_ctl(args, commands, n_commands, the_idl)) {
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
