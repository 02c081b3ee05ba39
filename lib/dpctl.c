/* dpctl.c: the dpctl unixctl commands. */
#include <config.h>
#include "dpctl.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dpif.h"
#include "dynamic-string.h"
#include "hmap.h"
#include "match.h"
#include "netdev.h"
#include "odp-util.h"
#include "ofp-flow.h"
#include "ofpbuf.h"
#include "shash.h"
#include "smap.h"
#include "sset.h"
#include "unixctl.h"
#include "util.h"

/* One command's options and output. */
struct dpctl_params {
    bool verbose;               /* -m, --more. */
    bool names;                 /* Port names instead of numbers. */
    bool names_set;             /* --names or --no-names given. */
    bool print_statistics;      /* -s, --statistics. */
    bool zero_statistics;       /* --clear. */
    bool may_create;            /* --may-create. */
    struct ds output;
};

/* Appends "PROGRAM: MESSAGE[ (ERROR)]\n" to the output, as upstream. */
static void OVS_PRINTF_FORMAT(3, 4)
dpctl_error(struct dpctl_params *p, int err_no, const char *fmt, ...)
{
    va_list args;

    ds_put_format(&p->output, "%s: ", ovs_get_program_name());
    va_start(args, fmt);
    ds_put_format_valist(&p->output, fmt, args);
    va_end(args);
    if (err_no) {
        ds_put_format(&p->output, " (%s)", ovs_strerror(err_no));
    }
    ds_put_char(&p->output, '\n');
}

/* Parses "ufid:..." S into *UFID. */
static bool
parse_ufid(const char *s, ovs_u128 *ufid)
{
    return odp_ufid_from_string(s, ufid) > 0;
}

/* Datapath names. */

/* Every datapath as "type@name", sorted. */
static void
enumerate_dps(struct sset *dps)
{
    struct sset types = SSET_INITIALIZER(&types);
    const char *type;

    dp_enumerate_types(&types);
    SSET_FOR_EACH (type, &types) {
        struct sset names = SSET_INITIALIZER(&names);
        const char *name;

        if (!dp_enumerate_names(type, &names)) {
            SSET_FOR_EACH (name, &names) {
                sset_add_and_free(dps, xasprintf("%s@%s", type, name));
            }
        }
        sset_destroy(&names);
    }
    sset_destroy(&types);
}

/* The only datapath, as "type@name", or NULL (with a message). */
static char *
get_one_dp(struct dpctl_params *p)
{
    struct sset dps = SSET_INITIALIZER(&dps);
    char *dp_name = NULL;

    enumerate_dps(&dps);
    if (sset_count(&dps) == 1) {
        dp_name = xstrdup(sset_first(&dps)->name);
    } else if (sset_is_empty(&dps)) {
        dpctl_error(p, 0, "no datapaths exist");
    } else {
        dpctl_error(p, 0, "multiple datapaths, specify one");
    }
    sset_destroy(&dps);
    return dp_name;
}

static bool
dp_exists(const char *queried)
{
    struct sset dps = SSET_INITIALIZER(&dps);
    char *name, *type;
    bool found;

    dp_parse_name(queried, &name, &type);
    enumerate_dps(&dps);
    char *full = xasprintf("%s@%s", type, name);
    found = sset_contains(&dps, full);
    free(full);
    free(name);
    free(type);
    sset_destroy(&dps);
    return found;
}

static int
parsed_dpif_open(const char *arg_, bool create, struct dpif **dpifp)
{
    char *name, *type;
    int error;

    dp_parse_name(arg_, &name, &type);
    error = (create ? dpif_create_and_open(name, type, dpifp)
             : dpif_open(name, type, dpifp));
    free(name);
    free(type);
    return error;
}

/* Opens the datapath NAME, or the only one if NAME is NULL, for flow
 * commands. */
static int
open_flow_dp(struct dpctl_params *p, const char *name, struct dpif **dpifp)
{
    char *dp_name = name ? xstrdup(name) : get_one_dp(p);
    int error;

    *dpifp = NULL;
    if (!dp_name || !dp_exists(dp_name)) {
        error = EINVAL;
    } else {
        error = parsed_dpif_open(dp_name, false, dpifp);
    }
    if (error) {
        dpctl_error(p, error, "datapath not found");
    }
    free(dp_name);
    return error;
}

/* The datapath named in ARGV[1], if ARGC is the most a command takes
 * (ARGV[1] is then the datapath whatever it is) or ARGV[1] names an
 * existing datapath, as upstream decides; otherwise NULL. */
static const char *
dp_name_arg(int argc, const char *argv[], int max_argc)
{
    return (argc == max_argc || (argc > 1 && dp_exists(argv[1]))
            ? argv[1] : NULL);
}

/* Port names: number -> name (for printing) and name -> number (for
 * parsing). */
static void
dpctl_port_maps(struct dpif *dpif, struct hmap *portno_names,
                struct shash *port_names)
{
    struct dpif_port *ports;
    size_t n;

    dpif_port_list(dpif, &ports, &n);
    for (size_t i = 0; i < n; i++) {
        if (portno_names) {
            odp_portno_names_set(portno_names, ports[i].port_no,
                                 ports[i].name);
        }
        if (port_names) {
            shash_replace(port_names, ports[i].name,
                          (void *) (uintptr_t) ports[i].port_no);
        }
    }
    dpif_port_list_free(ports, n);
}

/* Interface specs: "NAME[,KEY=VALUE]...". */

static int
dpctl_add_if__(struct dpctl_params *p, struct dpif *dpif, const char *spec)
{
    char *save_ptr = NULL, *copy = xstrdup(spec);
    char *name = strtok_r(copy, ",", &save_ptr);
    const char *type = "system";
    odp_port_t port_no = ODPP_NONE;
    struct smap args = SMAP_INITIALIZER(&args);
    struct netdev *netdev = NULL;
    char *option, *err = NULL;
    int error;

    if (!name) {
        dpctl_error(p, 0, "%s is not a valid network device name", spec);
        free(copy);
        return EINVAL;
    }
    while ((option = strtok_r(NULL, ",", &save_ptr)) != NULL) {
        char *save_ptr_2 = NULL;
        char *key = strtok_r(option, "=", &save_ptr_2);
        char *value = strtok_r(NULL, "", &save_ptr_2);

        if (!value) {
            value = "";
        }
        if (!strcmp(key, "type")) {
            type = value;
        } else if (!strcmp(key, "port_no")) {
            port_no = strtoul(value, NULL, 10);
        } else if (!smap_add_once(&args, key, value)) {
            dpctl_error(p, 0, "duplicate \"%s\" option", key);
        }
    }

    error = netdev_open(name, type, &netdev);
    if (error) {
        dpctl_error(p, error, "%s: failed to open network device", name);
        goto out;
    }
    error = netdev_set_config(netdev, &args, &err);
    if (error) {
        dpctl_error(p, error, "%s: %s", name,
                    err ? err : "failed to configure network device");
        goto out;
    }
    error = dpif_port_add(dpif, netdev, &port_no);
    if (error) {
        dpctl_error(p, error, "adding %s to %s failed", name,
                    dpif_name(dpif));
    }

out:
    free(err);
    netdev_close(netdev);
    smap_destroy(&args);
    free(copy);
    return error;
}

static int
dpctl_add_dp(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int error;

    {
        char *name, *type;

        dp_parse_name(argv[1], &name, &type);
        error = dpif_create(name, type, &dpif);
        free(name);
        free(type);
    }
    if (error) {
        dpctl_error(p, error, "add_dp");
        return error;
    }
    for (int i = 2; i < argc && !error; i++) {
        error = dpctl_add_if__(p, dpif, argv[i]);
    }
    dpif_close(dpif);
    return error;
}

static int
dpctl_del_dp(int argc OVS_UNUSED, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int error;

    error = parsed_dpif_open(argv[1], false, &dpif);
    if (error) {
        dpctl_error(p, error, "opening datapath");
        return error;
    }
    error = dpif_delete(dpif);
    if (error) {
        dpctl_error(p, error, "del_dp");
    }
    dpif_close(dpif);
    return error;
}

static int
dpctl_add_if(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int error;

    error = parsed_dpif_open(argv[1], false, &dpif);
    if (error) {
        dpctl_error(p, error, "opening datapath");
        return error;
    }
    for (int i = 2; i < argc && !error; i++) {
        error = dpctl_add_if__(p, dpif, argv[i]);
    }
    dpif_close(dpif);
    return error;
}

static int
dpctl_set_if__(struct dpctl_params *p, struct dpif *dpif, const char *spec)
{
    char *save_ptr = NULL, *copy = xstrdup(spec);
    char *name = strtok_r(copy, ",", &save_ptr);
    struct smap args = SMAP_INITIALIZER(&args);
    struct dpif_port dpif_port;
    struct netdev *netdev = NULL;
    char *option, *err = NULL;
    int error;

    if (!name || dpif_port_query_by_name(dpif, name, &dpif_port)) {
        dpctl_error(p, 0, "%s: port not found", name ? name : spec);
        free(copy);
        return EINVAL;
    }
    netdev = netdev_from_name(name);
    if (!netdev) {
        error = ENODEV;
        dpctl_error(p, error, "%s: failed to open network device", name);
        goto out;
    }
    netdev_get_config(netdev, &args);
    error = 0;
    while (!error && (option = strtok_r(NULL, ",", &save_ptr)) != NULL) {
        char *save_ptr_2 = NULL;
        char *key = strtok_r(option, "=", &save_ptr_2);
        char *value = strtok_r(NULL, "", &save_ptr_2);

        if (!value) {
            value = "";
        }
        if (!strcmp(key, "type")) {
            if (strcmp(value, dpif_port.type)) {
                dpctl_error(p, 0, "%s: can't change type from %s to %s",
                            name, dpif_port.type, value);
                error = EINVAL;
            }
        } else if (!strcmp(key, "port_no")) {
            if (dpif_port.port_no != strtoul(value, NULL, 10)) {
                dpctl_error(p, 0, "%s: can't change port number from "
                            "%"PRIu32" to %s", name, dpif_port.port_no,
                            value);
                error = EINVAL;
            }
        } else if (value[0] == '\0') {
            smap_remove(&args, key);
        } else {
            smap_replace(&args, key, value);
        }
    }
    if (!error) {
        error = netdev_set_config(netdev, &args, &err);
        if (error) {
            dpctl_error(p, error, "%s: %s", name,
                        err ? err : "failed to configure network device");
        }
    }

out:
    free(err);
    netdev_close(netdev);
    dpif_port_destroy(&dpif_port);
    smap_destroy(&args);
    free(copy);
    return error;
}

static int
dpctl_set_if(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int error;

    error = parsed_dpif_open(argv[1], false, &dpif);
    if (error) {
        dpctl_error(p, error, "opening datapath");
        return error;
    }
    for (int i = 2; i < argc && !error; i++) {
        error = dpctl_set_if__(p, dpif, argv[i]);
    }
    dpif_close(dpif);
    return error;
}

static int
dpctl_del_if(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int error;

    error = parsed_dpif_open(argv[1], false, &dpif);
    if (error) {
        dpctl_error(p, error, "opening datapath");
        return error;
    }
    for (int i = 2; i < argc && !error; i++) {
        const char *name = argv[i];
        struct dpif_port dpif_port;
        odp_port_t port_no;

        if (!dpif_port_query_by_name(dpif, name, &dpif_port)) {
            port_no = dpif_port.port_no;
            dpif_port_destroy(&dpif_port);
        } else if (name[0] >= '0' && name[0] <= '9'
                   && strspn(name, "0123456789") == strlen(name)) {
            port_no = strtoul(name, NULL, 10);
        } else {
            dpctl_error(p, 0, "no port named %s", name);
            error = EINVAL;
            break;
        }
        error = dpif_port_del(dpif, port_no);
        if (error) {
            dpctl_error(p, error, "deleting port %s from %s failed", name,
                        dpif_name(dpif));
        }
    }
    dpif_close(dpif);
    return error;
}

static int
dpctl_dump_dps(int argc OVS_UNUSED, const char *argv[] OVS_UNUSED,
               struct dpctl_params *p)
{
    struct sset dps = SSET_INITIALIZER(&dps);
    const char **names;

    enumerate_dps(&dps);
    names = sset_sort(&dps);
    for (size_t i = 0; i < sset_count(&dps); i++) {
        ds_put_format(&p->output, "%s\n", names[i]);
    }
    free(names);
    sset_destroy(&dps);
    return 0;
}

/* show. */

static void
print_stat(struct ds *s, const char *leader, uint64_t value)
{
    ds_put_cstr(s, leader);
    if (value != UINT64_MAX) {
        ds_put_format(s, "%"PRIu64, value);
    } else {
        ds_put_char(s, '?');
    }
}

static void
print_human_size(struct ds *s, uint64_t value)
{
    if (value == UINT64_MAX) {
        /* Nothing to add. */
    } else if (value >= 1024ULL * 1024 * 1024 * 1024) {
        ds_put_format(s, " (%.1f TiB)", value / (1024.0 * 1024 * 1024 * 1024));
    } else if (value >= 1024ULL * 1024 * 1024) {
        ds_put_format(s, " (%.1f GiB)", value / (1024.0 * 1024 * 1024));
    } else if (value >= 1024ULL * 1024) {
        ds_put_format(s, " (%.1f MiB)", value / (1024.0 * 1024));
    } else if (value >= 1024) {
        ds_put_format(s, " (%.1f KiB)", value / 1024.0);
    }
}

static void
show_dpif(struct dpif *dpif, struct dpctl_params *p)
{
    struct ds *s = &p->output;
    struct dpif_dp_stats stats;
    struct dpif_port *ports;
    size_t n_ports;

    ds_put_format(s, "%s:\n", dpif_name(dpif));
    if (!dpif_get_dp_stats(dpif, &stats)) {
        ds_put_format(s, "  lookups: hit:%"PRIu64" missed:%"PRIu64
                      " lost:%"PRIu64"\n  flows: %"PRIu64"\n",
                      stats.n_hit, stats.n_missed, stats.n_lost,
                      stats.n_flows);
        if (stats.n_masks != UINT32_MAX) {
            uint64_t n_pkts = stats.n_hit + stats.n_missed;
            double avg = n_pkts ? (double) stats.n_mask_hit / n_pkts : 0.0;

            ds_put_format(s, "  masks: hit:%"PRIu64" total:%"PRIu32
                          " hit/pkt:%.2f\n", stats.n_mask_hit,
                          stats.n_masks, avg);
        }
    }

    dpif_port_list(dpif, &ports, &n_ports);
    for (size_t i = 0; i < n_ports; i++) {
        const struct dpif_port *port = &ports[i];

        ds_put_format(s, "  port %"PRIu32": %s", port->port_no, port->name);
        if (strcmp(port->type, "system")) {
            ds_put_format(s, " (%s)", port->type);
        }
        ds_put_char(s, '\n');

        if (p->print_statistics) {
            struct netdev *netdev = netdev_from_name(port->name);
            struct netdev_stats st;

            if (!netdev || netdev_get_stats(netdev, &st)) {
                ds_put_cstr(s, "    (unknown)\n");
                netdev_close(netdev);
                continue;
            }
            netdev_close(netdev);
            print_stat(s, "    RX packets:", st.rx_packets);
            print_stat(s, " errors:", st.rx_errors);
            print_stat(s, " dropped:", st.rx_dropped);
            print_stat(s, " overruns:", st.rx_over_errors);
            print_stat(s, " frame:", st.rx_frame_errors);
            ds_put_char(s, '\n');
            print_stat(s, "    TX packets:", st.tx_packets);
            print_stat(s, " errors:", st.tx_errors);
            print_stat(s, " dropped:", st.tx_dropped);
            print_stat(s, " aborted:", st.tx_aborted_errors);
            print_stat(s, " carrier:", st.tx_carrier_errors);
            ds_put_char(s, '\n');
            print_stat(s, "    collisions:", st.collisions);
            ds_put_char(s, '\n');
            print_stat(s, "    RX bytes:", st.rx_bytes);
            print_human_size(s, st.rx_bytes);
            print_stat(s, "  TX bytes:", st.tx_bytes);
            print_human_size(s, st.tx_bytes);
            ds_put_char(s, '\n');
        }
    }
    dpif_port_list_free(ports, n_ports);
}

static int
dpctl_show(int argc, const char *argv[], struct dpctl_params *p)
{
    int lasterror = 0;

    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            struct dpif *dpif;
            int error = parsed_dpif_open(argv[i], false, &dpif);

            if (!error) {
                show_dpif(dpif, p);
                dpif_close(dpif);
            } else {
                dpctl_error(p, error, "opening datapath %s failed",
                            argv[i]);
                lasterror = error;
            }
        }
    } else {
        struct sset dps = SSET_INITIALIZER(&dps);
        const char **names;

        enumerate_dps(&dps);
        names = sset_sort(&dps);
        for (size_t j = 0; j < sset_count(&dps); j++) {
            const char *name = names[j];
            struct dpif *dpif;
            int error = parsed_dpif_open(name, false, &dpif);

            if (!error) {
                show_dpif(dpif, p);
                dpif_close(dpif);
            } else {
                dpctl_error(p, error, "opening datapath %s failed", name);
                lasterror = error;
            }
        }
        free(names);
        sset_destroy(&dps);
    }
    return lasterror;
}

/* Flows. */

static void
format_dpif_flow(struct ds *s, const struct dpif_flow *f,
                 const struct hmap *portno_names, bool verbose)
{
    if (verbose && f->ufid_present) {
        odp_format_ufid(&f->ufid, s);
        ds_put_cstr(s, ", ");
    }
    odp_flow_format(f->key, f->key_len, f->mask, f->mask_len, portno_names,
                    s, verbose);
    ds_put_cstr(s, ", ");
    dpif_flow_stats_format(&f->stats, s);
    if (verbose) {
        ds_put_cstr(s, ", dp:ovs");
    }
    ds_put_cstr(s, ", actions:");
    format_odp_actions(s, f->actions, f->actions_len, portno_names);
    if (verbose && f->dp_extra_info) {
        ds_put_format(s, ", dp-extra-info:%s", f->dp_extra_info);
    }
}

static bool
dpif_has_pmds(const struct dpif *dpif)
{
    return (!strcmp(dpif_type(dpif), "netdev")
            || !strcmp(dpif_type(dpif), "dummy"));
}

/* True if datapath flow F can match a packet that FILTER (an exact flow
 * in ovs-ofctl syntax, its specified fields in FILTER->wc) describes: the
 * two agree on every bit that both F's mask and the filter cover, so
 * "tcp,tp_src=100" matches tcp(src=80/0xff00). */
static bool
dpctl_flow_passes_filter(const struct dpif_flow *f, const struct match *filter)
{
    const uint64_t *fv = flow_u64_const(&filter->flow);
    const uint64_t *fm = flow_u64_const(&filter->wc.masks);
    struct flow_wildcards wc;
    struct flow flow;

    if (odp_flow_key_to_flow(f->key, f->key_len, &flow, NULL)
        == ODP_FIT_ERROR) {
        return false;
    }
    if (!f->mask_len) {
        flow_wildcards_init_exact(&wc);
    } else if (odp_flow_key_to_mask(f->mask, f->mask_len, &wc, &flow, NULL)
               == ODP_FIT_ERROR) {
        return false;
    }

    const uint64_t *v = flow_u64_const(&flow);
    const uint64_t *m = flow_u64_const(&wc.masks);
    for (size_t i = 0; i < FLOW_U64S; i++) {
        if ((v[i] ^ fv[i]) & m[i] & fm[i]) {
            return false;
        }
    }
    return true;
}

static int
dpctl_dump_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    const char *dp_name = NULL;
    struct hmap portno_names = HMAP_INITIALIZER(&portno_names);
    struct dpif_flow_dump_thread *thread;
    struct dpif_flow_dump *dump;
    struct dpif_flow f;
    bool have_pmd_filter = false;
    unsigned pmd_filter = 0;
    unsigned last_pmd = PMD_ID_NULL;
    struct match filter;
    bool have_filter = false;
    struct dpif *dpif;
    int error;

    for (int i = 1; i < argc; i++) {
        if (!strncmp(argv[i], "filter=", 7)) {
            char *err = parse_ofp_exact_flow_str(&filter, argv[i] + 7);

            if (err) {
                dpctl_error(p, 0, "Failed to parse filter (%s)", err);
                free(err);
                return EINVAL;
            }
            have_filter = true;
        } else if (!strncmp(argv[i], "type=", 5)) {
            /* Every flow here is an "ovs" flow, never offloaded. */
        } else if (!strncmp(argv[i], "pmd=", 4)) {
            long n = strtol(argv[i] + 4, NULL, 10);

            have_pmd_filter = true;
            pmd_filter = n < 0 ? NON_PMD_CORE_ID : (unsigned) n;
        } else if (!dp_name) {
            dp_name = argv[i];
        }
    }

    error = open_flow_dp(p, dp_name, &dpif);
    if (error) {
        return error;
    }
    if (p->names) {
        dpctl_port_maps(dpif, &portno_names, NULL);
    }

    dump = dpif_flow_dump_create(dpif, false);
    thread = dpif_flow_dump_thread_create(dump);
    while (dpif_flow_dump_next(thread, &f, 1)) {
        if ((have_pmd_filter && f.pmd_id != pmd_filter)
            || (have_filter && !dpctl_flow_passes_filter(&f, &filter))) {
            continue;
        }
        if (dpif_has_pmds(dpif) && !have_pmd_filter
            && f.pmd_id != last_pmd) {
            if (f.pmd_id == NON_PMD_CORE_ID) {
                ds_put_cstr(&p->output, "flow-dump from the main thread:\n");
            } else {
                ds_put_format(&p->output, "flow-dump from pmd on cpu core: "
                              "%u\n", f.pmd_id);
            }
            last_pmd = f.pmd_id;
        }
        format_dpif_flow(&p->output, &f, &portno_names, p->verbose);
        ds_put_char(&p->output, '\n');
    }
    dpif_flow_dump_thread_destroy(thread);
    error = dpif_flow_dump_destroy(dump);
    if (error) {
        dpctl_error(p, error, "Failed to dump flows from datapath");
    }
    odp_portno_names_destroy(&portno_names);
    hmap_destroy(&portno_names);
    dpif_close(dpif);
    return error;
}

/* Parses FLOW_S into KEY and MASK with DPIF's port names. */
static int
parse_flow(struct dpctl_params *p, struct dpif *dpif, const char *flow_s,
           bool bare_error, struct ofpbuf *key, struct ofpbuf *mask)
{
    struct shash port_names = SHASH_INITIALIZER(&port_names);
    char *err = NULL;
    int error;

    if (dpif) {
        dpctl_port_maps(dpif, NULL, &port_names);
    }
    error = odp_flow_from_string(flow_s, &port_names, key, mask, &err);
    if (error) {
        if (bare_error) {
            dpctl_error(p, error, "%s", err ? err : "");
        } else {
            dpctl_error(p, error, "parsing flow key (%s)", err ? err : "");
        }
    }
    free(err);
    shash_destroy(&port_names);
    return error;
}

static int
dpctl_put_flow(int argc, const char *argv[], enum dpif_flow_put_flags flags,
               struct dpctl_params *p)
{
    const char *key_s = argv[argc - 2];
    const char *actions_s = argv[argc - 1];
    struct dpif_flow_stats stats;
    struct ofpbuf key, mask, actions;
    struct dpif *dpif;
    ovs_u128 ufid;
    bool ufid_present = false;
    int error;

    {
        int n = odp_ufid_from_string(key_s, &ufid);

        if (n > 0) {
            ufid_present = true;
            key_s += n;
            key_s += strspn(key_s, ", ");
        }
    }

    ofpbuf_init(&key, 0);
    ofpbuf_init(&mask, 0);
    ofpbuf_init(&actions, 0);
    error = open_flow_dp(p, dp_name_arg(argc, argv, 4), &dpif);
    if (error) {
        goto out;
    }
    error = parse_flow(p, dpif, key_s, false, &key, &mask);
    if (error) {
        goto out;
    }
    error = odp_actions_from_string(actions_s, NULL, &actions);
    if (error) {
        dpctl_error(p, error, "parsing actions");
        goto out;
    }
    error = dpif_flow_put(dpif, flags, key.data, key.size,
                          mask.size ? mask.data : NULL, mask.size,
                          actions.data, actions.size,
                          ufid_present ? &ufid : NULL, PMD_ID_NULL,
                          p->print_statistics ? &stats : NULL);
    if (error) {
        dpctl_error(p, error, "updating flow table");
        goto out;
    }
    if (p->print_statistics) {
        dpif_flow_stats_format(&stats, &p->output);
        ds_put_char(&p->output, '\n');
    }

out:
    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    ofpbuf_uninit(&actions);
    dpif_close(dpif);
    return error;
}

static int
dpctl_add_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    return dpctl_put_flow(argc, argv, DPIF_FP_CREATE, p);
}

static int
dpctl_mod_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    enum dpif_flow_put_flags flags = DPIF_FP_MODIFY;

    if (p->may_create) {
        flags |= DPIF_FP_CREATE;
    }
    if (p->zero_statistics) {
        flags |= DPIF_FP_ZERO_STATS;
    }
    return dpctl_put_flow(argc, argv, flags, p);
}

static int
dpctl_get_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    const char *key_s = argv[argc - 1];
    struct hmap portno_names = HMAP_INITIALIZER(&portno_names);
    struct dpif_flow flow;
    struct ofpbuf buf;
    struct dpif *dpif;
    ovs_u128 ufid;
    int error;

    error = open_flow_dp(p, dp_name_arg(argc, argv, 3), &dpif);
    if (error) {
        return error;
    }
    if (!parse_ufid(key_s, &ufid)) {
        /* Upstream reports this without failing the command. */
        dpctl_error(p, 0, "parsing flow ufid");
        dpif_close(dpif);
        return 0;
    }
    ofpbuf_init(&buf, 0);
    error = dpif_flow_get(dpif, NULL, 0, &ufid, PMD_ID_NULL, &buf, &flow);
    if (error) {
        dpctl_error(p, error, "getting flow");
    } else {
        if (p->names) {
            dpctl_port_maps(dpif, &portno_names, NULL);
        }
        format_dpif_flow(&p->output, &flow, &portno_names, p->verbose);
        ds_put_char(&p->output, '\n');
    }
    odp_portno_names_destroy(&portno_names);
    hmap_destroy(&portno_names);
    ofpbuf_uninit(&buf);
    dpif_close(dpif);
    return error;
}

static int
dpctl_del_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    const char *key_s = argv[argc - 1];
    struct dpif_flow_stats stats;
    struct ofpbuf key, mask;
    struct dpif *dpif;
    ovs_u128 ufid;
    bool ufid_present = false;
    int error;

    error = open_flow_dp(p, dp_name_arg(argc, argv, 3), &dpif);
    if (error) {
        return error;
    }
    ofpbuf_init(&key, 0);
    ofpbuf_init(&mask, 0);
    {
        int n = odp_ufid_from_string(key_s, &ufid);

        if (n > 0) {
            ufid_present = true;
            key_s += n;
            key_s += strspn(key_s, ", ");
        }
    }
    if (*key_s || !ufid_present) {
        error = parse_flow(p, dpif, key_s, true, &key, &mask);
        if (error) {
            goto out;
        }
    }
    error = dpif_flow_del(dpif, key.data, key.size,
                          ufid_present ? &ufid : NULL, PMD_ID_NULL,
                          p->print_statistics ? &stats : NULL);
    if (error) {
        dpctl_error(p, error, "deleting flow");
        if (error == ENOENT && !ufid_present) {
            ds_put_cstr(&p->output, "Perhaps you need to specify a UFID?\n");
        }
        goto out;
    }
    if (p->print_statistics) {
        dpif_flow_stats_format(&stats, &p->output);
        ds_put_char(&p->output, '\n');
    }

out:
    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    dpif_close(dpif);
    return error;
}

/* add-flows, mod-flows, del-flows FILE: one flow per line, optionally
 * starting with "add", "modify" or "delete"; a line that does not parse
 * is reported and skipped, as upstream does. */
static int
dpctl_process_flow_file(const char *dp_name, const char *file_name,
                        const char *default_cmd, struct dpctl_params *p)
{
    FILE *stream = !strcmp(file_name, "-") ? stdin : fopen(file_name, "r");
    char line[65536];
    int line_number = 0;
    int error = 0;

    if (!stream) {
        /* Upstream prints this and still reports success. */
        dpctl_error(p, errno, "Opening file \"%s\" failed", file_name);
        return 0;
    }
    while (!error && fgets(line, sizeof line, stream)) {
        char *s = line + strspn(line, " \t");
        const char *cmd = default_cmd;
        const char *args[4];
        char *actions_s = NULL;
        struct ofpbuf key, mask;
        int n = 0;

        line_number++;
        s[strcspn(s, "\r\n")] = '\0';
        if (!*s || *s == '#') {
            continue;
        }
        if (!strncmp(s, "add ", 4)) {
            cmd = "add";
            s += 4;
        } else if (!strncmp(s, "modify ", 7)) {
            cmd = "modify";
            s += 7;
        } else if (!strncmp(s, "delete ", 7)) {
            cmd = "delete";
            s += 7;
        }
        s += strspn(s, " \t");
        if (strcmp(cmd, "delete")) {
            char *sp = strrchr(s, ' ');

            if (sp) {
                *sp = '\0';
                actions_s = sp + 1;
            }
        }

        /* Check the syntax first, quietly. */
        ofpbuf_init(&key, 0);
        ofpbuf_init(&mask, 0);
        {
            const char *k = s;
            ovs_u128 ufid;
            int m = odp_ufid_from_string(k, &ufid);

            if (m > 0) {
                k += m;
                k += strspn(k, ", ");
            }
            if ((strcmp(cmd, "delete") && !actions_s)
                || odp_flow_from_string(k, NULL, &key, &mask, NULL)) {
                dpctl_error(p, 0, "Failed parsing line number %d, skipped!",
                            line_number);
                ofpbuf_uninit(&key);
                ofpbuf_uninit(&mask);
                continue;
            }
        }
        ofpbuf_uninit(&key);
        ofpbuf_uninit(&mask);

        args[n++] = "";
        if (dp_name) {
            args[n++] = dp_name;
        }
        args[n++] = s;
        if (actions_s) {
            args[n++] = actions_s;
            error = (!strcmp(cmd, "add")
                     ? dpctl_put_flow(n, args, DPIF_FP_CREATE, p)
                     : dpctl_put_flow(n, args, DPIF_FP_MODIFY
                                      | (p->may_create ? DPIF_FP_CREATE : 0),
                                      p));
        } else {
            error = dpctl_del_flow(n, args, p);
        }
    }
    if (stream != stdin) {
        fclose(stream);
    }
    return error;
}

static int
dpctl_add_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    return dpctl_process_flow_file(dp_name_arg(argc, argv, 3),
                                   argv[argc - 1], "add", p);
}

static int
dpctl_mod_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    return dpctl_process_flow_file(dp_name_arg(argc, argv, 3),
                                   argv[argc - 1], "modify", p);
}

static int
dpctl_del_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    const char *dp_name = dp_name_arg(argc, argv, 3);
    struct dpif *dpif;
    int error;

    if (argc - 1 > (dp_name ? 1 : 0)) {
        return dpctl_process_flow_file(dp_name, argv[argc - 1], "delete",
                                       p);
    }
    error = open_flow_dp(p, dp_name, &dpif);
    if (error) {
        return error;
    }
    error = dpif_flow_flush(dpif);
    if (error) {
        dpctl_error(p, error, "deleting all flows");
    }
    dpif_close(dpif);
    return error;
}

/* The command table. */

typedef int dpctl_command_handler(int argc, const char *argv[],
                                  struct dpctl_params *);

struct dpctl_command {
    const char *name;
    const char *usage;
    int min_args;
    int max_args;
    dpctl_command_handler *handler;
};

static const struct dpctl_command all_commands[] = {
    { "add-dp", "dp [iface...]", 1, INT_MAX, dpctl_add_dp },
    { "del-dp", "dp", 1, 1, dpctl_del_dp },
    { "add-if", "dp iface...", 2, INT_MAX, dpctl_add_if },
    { "del-if", "dp iface...", 2, INT_MAX, dpctl_del_if },
    { "set-if", "dp iface...", 2, INT_MAX, dpctl_set_if },
    { "dump-dps", "", 0, 0, dpctl_dump_dps },
    { "show", "[-s] [dp...]", 0, INT_MAX, dpctl_show },
    { "dump-flows", "[-m] [--names] [dp] [filter=..] [type=..] [pmd=..]",
      0, 6, dpctl_dump_flows },
    { "add-flow", "[dp] flow actions", 2, 3, dpctl_add_flow },
    { "mod-flow", "[dp] flow actions", 2, 3, dpctl_mod_flow },
    { "get-flow", "[dp] ufid", 1, 2, dpctl_get_flow },
    { "del-flow", "[dp] flow", 1, 2, dpctl_del_flow },
    { "add-flows", "[dp] file", 1, 2, dpctl_add_flows },
    { "mod-flows", "[dp] file", 1, 2, dpctl_mod_flows },
    { "del-flows", "[dp] [file]", 0, 2, dpctl_del_flows },
};

/* Options come first, as upstream parses them: each one consumed shifts
 * ARGV by one, so that the command sees the last option as its ARGV[0]
 * and counts its arguments from the end (a misplaced option then reads
 * as an argument, with upstream's error).  unixctl has already checked
 * the argument count, options included, as upstream's does. */
static void
dpctl_unixctl_handler(struct unixctl_conn *conn, int argc,
                      const char *argv[], void *aux)
{
    const struct dpctl_command *cmd = aux;
    struct dpctl_params p = { .names = false };
    int verbosity = 0;
    int error = 0;

    ds_init(&p.output);
    while (argc > 1 && !error) {
        const char *arg = argv[1];

        if (!strncmp(arg, "--", 2)) {
            if (!strcmp(arg, "--statistics")) {
                p.print_statistics = true;
            } else if (!strcmp(arg, "--clear")) {
                p.zero_statistics = true;
            } else if (!strcmp(arg, "--may-create")) {
                p.may_create = true;
            } else if (!strcmp(arg, "--more")) {
                verbosity++;
            } else if (!strcmp(arg, "--names")) {
                p.names = p.names_set = true;
            } else if (!strcmp(arg, "--no-names")) {
                p.names = false;
                p.names_set = true;
            } else {
                ds_put_format(&p.output, "Unrecognized option %s", arg);
                error = EINVAL;
            }
        } else if (arg[0] == '-' && arg[1] != '\0') {
            for (const char *opt = arg + 1; *opt && !error; opt++) {
                if (*opt == 'm') {
                    verbosity++;
                } else if (*opt == 's') {
                    p.print_statistics = true;
                } else {
                    ds_put_format(&p.output, "Unrecognized option -%c",
                                  *opt);
                    error = EINVAL;
                }
            }
        } else {
            break;
        }
        if (!error) {
            argv++;
            argc--;
        }
    }
    p.verbose = verbosity > 0;
    if (!p.names_set) {
        p.names = p.verbose;
    }
    if (!error) {
        error = cmd->handler(argc, argv, &p);
    }

    if (error) {
        unixctl_command_reply_error(conn, ds_cstr(&p.output));
    } else {
        unixctl_command_reply(conn, ds_cstr(&p.output));
    }
    ds_destroy(&p.output);
}

void
dpctl_unixctl_register(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(all_commands); i++) {
        const struct dpctl_command *cmd = &all_commands[i];
        char *name = xasprintf("dpctl/%s", cmd->name);

        unixctl_command_register(name, cmd->usage, cmd->min_args,
                                 cmd->max_args,
                                 dpctl_unixctl_handler, (void *) cmd);
        free(name);
    }
}
