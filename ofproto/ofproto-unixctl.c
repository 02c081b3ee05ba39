/* ofproto-unixctl.c: the ovs-appctl commands about bridges, with
 * upstream's texts: ofproto/list, ofproto/trace, the fdb/ commands,
 * bridge/dump-flows, dpif/show, dpif/dump-flows. */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "dpif.h"
#include "dynamic-string.h"
#include "match.h"
#include "netdev.h"
#include "odp-util.h"
#include "ofp-actions.h"
#include "ofp-flow.h"
#include "ofp-port.h"
#include "ofpbuf.h"
#include "ofproto-private.h"
#include "shash.h"
#include "sset.h"
#include "svec.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "xlate.h"

static struct ofproto *
find_ofproto_or_reply(struct unixctl_conn *conn, const char *name,
                      const char *error)
{
    struct ofproto *ofproto = ofproto_lookup(name);
    if (!ofproto) {
        unixctl_command_reply_error(conn, error);
    }
    return ofproto;
}

/* Bridges sorted by name. */
static struct ofproto **
sorted_ofprotos(size_t *n)
{
    struct hmap *all = ofproto_all();
    struct ofproto **array = xmalloc(MAX(1, hmap_count(all))
                                     * sizeof *array);
    struct ofproto *ofproto;
    size_t i = 0;

    HMAP_FOR_EACH (ofproto, node, all) {
        array[i++] = ofproto;
    }
    for (size_t a = 1; a < i; a++) {
        for (size_t b = a; b > 0
                 && strcmp(array[b - 1]->name, array[b]->name) > 0; b--) {
            struct ofproto *tmp = array[b];
            array[b] = array[b - 1];
            array[b - 1] = tmp;
        }
    }
    *n = i;
    return array;
}

static void
unixctl_ofproto_list(struct unixctl_conn *conn, int argc OVS_UNUSED,
                     const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    size_t n;
    struct ofproto **all = sorted_ofprotos(&n);

    for (size_t i = 0; i < n; i++) {
        ds_put_format(&s, "%s\n", all[i]->name);
    }
    free(all);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

/* The fdb/ commands. */

static void
unixctl_fdb_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                 const char *argv[], void *aux OVS_UNUSED)
{
    struct ofproto *ofproto = find_ofproto_or_reply(conn, argv[1],
                                                    "no such bridge");
    if (!ofproto) {
        return;
    }

    struct ds s = DS_EMPTY_INITIALIZER;
    ds_put_cstr(&s, " port  VLAN  MAC                Age\n");
    ovs_rwlock_rdlock(&xlate_rwlock);
    ovs_rwlock_rdlock(&ofproto->ml.rwlock);
    const struct mac_entry *e;
    MAC_LEARNING_FOR_EACH (e, &ofproto->ml) {
        const struct bundle *bundle = e->port;
        struct ds name = DS_EMPTY_INITIALIZER;

        ofputil_format_port(bundle->n_slaves ? bundle->slaves[0]
                            : OFPP_NONE, &name);
        ds_put_format(&s, "%5s  %4d  "ETH_ADDR_FMT"  ", ds_cstr(&name),
                      e->vlan, ETH_ADDR_ARGS(e->mac));
        ds_destroy(&name);
        if (e->is_static) {
            ds_put_cstr(&s, "static\n");
        } else {
            ds_put_format(&s, "%3d\n", mac_entry_age(&ofproto->ml, e));
        }
    }
    ovs_rwlock_unlock(&ofproto->ml.rwlock);
    ovs_rwlock_unlock(&xlate_rwlock);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
fdb_flush(struct ofproto *ofproto)
{
    ovs_rwlock_wrlock(&ofproto->ml.rwlock);
    mac_learning_flush(&ofproto->ml);
    ovs_rwlock_unlock(&ofproto->ml.rwlock);
    backer_request_revalidate(ofproto->backer);
}

static void
unixctl_fdb_flush(struct unixctl_conn *conn, int argc, const char *argv[],
                  void *aux OVS_UNUSED)
{
    if (argc > 1) {
        struct ofproto *ofproto = find_ofproto_or_reply(conn, argv[1],
                                                        "no such bridge");
        if (!ofproto) {
            return;
        }
        fdb_flush(ofproto);
    } else {
        struct ofproto *ofproto;
        HMAP_FOR_EACH (ofproto, node, ofproto_all()) {
            fdb_flush(ofproto);
        }
    }
    unixctl_command_reply(conn, "table successfully flushed");
}

static void
unixctl_fdb_stats_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                       const char *argv[], void *aux OVS_UNUSED)
{
    struct ofproto *ofproto = find_ofproto_or_reply(conn, argv[1],
                                                    "no such bridge");
    if (!ofproto) {
        return;
    }
    struct ds s = DS_EMPTY_INITIALIZER;
    ovs_rwlock_rdlock(&ofproto->ml.rwlock);
    mac_learning_format_stats(&ofproto->ml, ofproto->name, &s);
    ovs_rwlock_unlock(&ofproto->ml.rwlock);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
unixctl_fdb_stats_clear(struct unixctl_conn *conn, int argc,
                        const char *argv[], void *aux OVS_UNUSED)
{
    struct ofproto *ofproto;

    if (argc > 1) {
        ofproto = find_ofproto_or_reply(conn, argv[1], "no such bridge");
        if (!ofproto) {
            return;
        }
        ovs_rwlock_wrlock(&ofproto->ml.rwlock);
        mac_learning_clear_stats(&ofproto->ml);
        ovs_rwlock_unlock(&ofproto->ml.rwlock);
    } else {
        HMAP_FOR_EACH (ofproto, node, ofproto_all()) {
            ovs_rwlock_wrlock(&ofproto->ml.rwlock);
            mac_learning_clear_stats(&ofproto->ml);
            ovs_rwlock_unlock(&ofproto->ml.rwlock);
        }
    }
    unixctl_command_reply(conn, "statistics successfully cleared");
}

static void
unixctl_fdb_add(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[], void *aux OVS_UNUSED)
{
    struct ofproto *ofproto = find_ofproto_or_reply(conn, argv[1],
                                                    "no such bridge");
    if (!ofproto) {
        return;
    }

    struct ofport *port = NULL, *p;
    HMAP_FOR_EACH (p, ofp_node, &ofproto->ports) {
        if (!strcmp(p->name, argv[2])) {
            port = p;
        }
    }
    if (!port || !port->bundle) {
        unixctl_command_reply_error(
            conn, "software error, odp port is present but no ofp port");
        return;
    }

    uint16_t vlan = atoi(argv[3]);
    struct eth_addr mac;
    if (!eth_addr_from_string(argv[4], &mac)) {
        unixctl_command_reply_error(conn, "bad MAC address");
        return;
    }

    ovs_rwlock_wrlock(&ofproto->ml.rwlock);
    void *old_port = NULL;
    mac_learning_add_static(&ofproto->ml, mac, vlan, port->bundle,
                            &old_port);
    const struct mac_entry *e = mac_learning_lookup(&ofproto->ml, mac, vlan);
    bool ok = e && e->is_static;
    ovs_rwlock_unlock(&ofproto->ml.rwlock);
    if (!ok) {
        unixctl_command_reply_error(conn, "could not add static mac entry");
        return;
    }
    backer_request_revalidate(ofproto->backer);
    unixctl_command_reply(conn, NULL);
}

static void
unixctl_fdb_del(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[], void *aux OVS_UNUSED)
{
    struct ofproto *ofproto = find_ofproto_or_reply(conn, argv[1],
                                                    "no such bridge");
    if (!ofproto) {
        return;
    }
    uint16_t vlan = atoi(argv[2]);
    struct eth_addr mac;
    if (!eth_addr_from_string(argv[3], &mac)) {
        unixctl_command_reply_error(conn, "bad MAC address");
        return;
    }

    ovs_rwlock_wrlock(&ofproto->ml.rwlock);
    bool ok = mac_learning_del_static(&ofproto->ml, mac, vlan);
    ovs_rwlock_unlock(&ofproto->ml.rwlock);
    if (!ok) {
        unixctl_command_reply_error(conn,
                                    "could not find static mac entry");
        return;
    }
    backer_request_revalidate(ofproto->backer);
    unixctl_command_reply(conn, NULL);
}

/* bridge/dump-flows. */

static void
format_rule(const struct rule *rule, long long int now, struct ds *s)
{
    if (rule->table_id) {
        ds_put_format(s, "table_id=%"PRIu8", ", rule->table_id);
    }
    ovs_mutex_lock(&stats_mutex);
    uint64_t n_packets = rule->n_packets, n_bytes = rule->n_bytes;
    ovs_mutex_unlock(&stats_mutex);
    ds_put_format(s, "duration=%llds, n_packets=%"PRIu64", n_bytes=%"
                  PRIu64", ", (now - rule->created) / 1000, n_packets,
                  n_bytes);

    struct match match;
    cls_rule_expand(&rule->cr, &match.flow, &match.wc);
    match_format(&match, rule->cr.priority, s);
    ds_put_cstr(s, ",actions=");
    if (rule->actions_text) {
        ds_put_cstr(s, rule->actions_text);
    } else if (!rule->ofpacts_len) {
        ds_put_cstr(s, "drop");
    } else {
        struct ofpact_format_params fp = { .port_names = NULL, .s = s };
        ofpacts_format(rule->ofpacts, rule->ofpacts_len, &fp);
    }
    ds_put_char(s, '\n');
}

/* Higher priorities first, then older rules first. */
static int
compare_rules(const void *a_, const void *b_)
{
    const struct rule *const *a = a_;
    const struct rule *const *b = b_;
    if ((*a)->cr.priority != (*b)->cr.priority) {
        return (*a)->cr.priority > (*b)->cr.priority ? -1 : 1;
    }
    return (*a)->seq < (*b)->seq ? -1 : (*a)->seq > (*b)->seq;
}

static void
unixctl_bridge_dump_flows(struct unixctl_conn *conn, int argc,
                          const char *argv[], void *aux OVS_UNUSED)
{
    struct ofproto *ofproto = find_ofproto_or_reply(conn, argv[argc - 1],
                                                    "Unknown bridge");
    if (!ofproto) {
        return;
    }
    struct ds s = DS_EMPTY_INITIALIZER;
    long long int now = time_msec();
    for (int i = 0; i < OFPROTO_N_TABLES; i++) {
        const struct classifier *cls = &ofproto->tables[i].cls;
        size_t n = 0;
        const struct rule **rules = xmalloc(MAX(1, classifier_count(cls))
                                            * sizeof *rules);
        const struct rule *rule;
        CLS_FOR_EACH (rule, cr, cls) {
            rules[n++] = rule;
        }
        qsort(rules, n, sizeof *rules, compare_rules);
        for (size_t j = 0; j < n; j++) {
            format_rule(rules[j], now, &s);
        }
        free(rules);
    }
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

/* The dpif/ commands. */

static int
compare_port_names(const void *a_, const void *b_)
{
    const struct ofport *const *a = a_;
    const struct ofport *const *b = b_;
    return strcmp((*a)->name, (*b)->name);
}

static void
unixctl_dpif_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct backer *backer;
    size_t n;
    struct ofproto **all = sorted_ofprotos(&n);

    HMAP_FOR_EACH (backer, node, ofproto_backers()) {
        struct dpif_dp_stats stats;
        memset(&stats, 0, sizeof stats);
        dpif_get_dp_stats(backer->dpif, &stats);
        ds_put_format(&s, "%s: hit:%"PRIu64" missed:%"PRIu64"\n",
                      dpif_name(backer->dpif), stats.n_hit, stats.n_missed);

        for (size_t i = 0; i < n; i++) {
            struct ofproto *ofproto = all[i];
            if (ofproto->backer != backer) {
                continue;
            }
            ds_put_format(&s, "  %s:\n", ofproto->name);

            size_t n_ports = hmap_count(&ofproto->ports), j = 0;
            struct ofport **ports = xmalloc(MAX(1, n_ports)
                                            * sizeof *ports);
            struct ofport *port;
            HMAP_FOR_EACH (port, ofp_node, &ofproto->ports) {
                ports[j++] = port;
            }
            qsort(ports, n_ports, sizeof *ports, compare_port_names);
            for (j = 0; j < n_ports; j++) {
                struct dpif_port dport;
                port = ports[j];
                ds_put_format(&s, "    %s %"PRIu16"/%"PRIu32":", port->name,
                              port->ofp_port, port->odp_port);
                if (!dpif_port_query_by_number(backer->dpif, port->odp_port,
                                               &dport)) {
                    ds_put_format(&s, " (%s)", dport.type);
                    dpif_port_destroy(&dport);
                }
                ds_put_char(&s, '\n');
            }
            free(ports);
        }
    }
    free(all);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
unixctl_dpif_dump_flows(struct unixctl_conn *conn, int argc,
                        const char *argv[], void *aux OVS_UNUSED)
{
    struct ofproto *ofproto = find_ofproto_or_reply(conn, argv[argc - 1],
                                                    "no such bridge");
    if (!ofproto) {
        return;
    }
    struct backer *backer = ofproto->backer;
    struct ds s = DS_EMPTY_INITIALIZER;
    struct dpif_flow_dump *dump = dpif_flow_dump_create(backer->dpif,
                                                        false);
    struct dpif_flow_dump_thread *thread = dpif_flow_dump_thread_create(dump);
    struct dpif_flow flows[50];
    int n;

    while ((n = dpif_flow_dump_next(thread, flows, ARRAY_SIZE(flows))) > 0) {
        for (int i = 0; i < n; i++) {
            const struct dpif_flow *f = &flows[i];
            struct flow flow;
            if (odp_flow_key_to_flow(f->key, f->key_len, &flow, NULL)
                == ODP_FIT_ERROR) {
                continue;
            }
            const struct ofport *port = backer_get_port(
                backer, flow.in_port.odp_port);
            if (!port || port->ofproto != ofproto) {
                continue;
            }
            odp_flow_format(f->key, f->key_len, f->mask, f->mask_len, NULL,
                            &s, false);
            ds_put_cstr(&s, ", ");
            dpif_flow_stats_format(&f->stats, &s);
            ds_put_cstr(&s, ", actions:");
            format_odp_actions(&s, f->actions, f->actions_len, NULL);
            ds_put_char(&s, '\n');
        }
    }
    dpif_flow_dump_thread_destroy(thread);
    dpif_flow_dump_destroy(dump);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

/* ofproto/trace. */

/* Appends 'flow' as upstream's trace shows it: the match syntax with
 * every field the packet's protocols define. */
static void
format_trace_flow(const struct flow *flow, struct ds *s)
{
    struct match match;

    match.flow = *flow;
    flow_wildcards_init_catchall(&match.wc);
    struct flow_wildcards *wc = &match.wc;
    WC_MASK_FIELD(wc, in_port);
    WC_MASK_FIELD(wc, dl_src);
    WC_MASK_FIELD(wc, dl_dst);
    WC_MASK_FIELD(wc, dl_type);
    wc->masks.vlans[0].tci = OVS_BE16_MAX;
    if (flow->vlans[0].tci & htons(VLAN_CFI)) {
        wc->masks.vlans[1].tci = OVS_BE16_MAX;
    }
    if (is_ip_any(flow)) {
        WC_MASK_FIELD(wc, nw_proto);
        WC_MASK_FIELD(wc, nw_tos);
        WC_MASK_FIELD(wc, nw_ttl);
        WC_MASK_FIELD(wc, nw_frag);
        if (is_ipv4(flow)) {
            WC_MASK_FIELD(wc, nw_src);
            WC_MASK_FIELD(wc, nw_dst);
        } else {
            WC_MASK_FIELD(wc, ipv6_src);
            WC_MASK_FIELD(wc, ipv6_dst);
            WC_MASK_FIELD(wc, ipv6_label);
        }
        if (!(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
            WC_MASK_FIELD(wc, tp_src);
            WC_MASK_FIELD(wc, tp_dst);
            if (is_tcp(flow)) {
                WC_MASK_FIELD(wc, tcp_flags);
            }
            if (is_nd(flow)) {
                WC_MASK_FIELD(wc, nd_target);
                WC_MASK_FIELD(wc, arp_sha);
                WC_MASK_FIELD(wc, arp_tha);
            }
        }
    } else if (is_arp(flow)) {
        WC_MASK_FIELD(wc, nw_src);
        WC_MASK_FIELD(wc, nw_dst);
        WC_MASK_FIELD(wc, nw_proto);
        WC_MASK_FIELD(wc, arp_sha);
        WC_MASK_FIELD(wc, arp_tha);
    }
    match_normalize(&match);
    size_t start = s->length;
    match_format(&match, OFP_DEFAULT_PRIORITY, s);

    /* Upstream shows the second VLAN header of a tagged packet too. */
    if (flow->vlans[0].tci & htons(VLAN_CFI)) {
        const char *src = strstr(s->string + start, ",dl_src=");
        if (src) {
            size_t at = src - s->string;
            char *rest = xstrdup(s->string + at);
            s->length = at;
            ds_put_format(s, ",vlan_tci1=0x%04"PRIx16"%s",
                          ntohs(flow->vlans[1].tci), rest);
            free(rest);
        }
    }
}

static void
format_megaflow(const struct flow *flow, const struct flow_wildcards *wc,
                struct ds *s)
{
    struct match match;

    match.flow = *flow;
    match.wc = *wc;
    /* Upstream shows no VLAN match for an untagged packet. */
    for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        if (!(flow->vlans[i].tci & htons(VLAN_CFI))) {
            match.wc.masks.vlans[i].tci = 0;
            match.wc.masks.vlans[i].tpid = 0;
        }
    }
    match_zero_wildcarded_fields(&match);
    size_t start = s->length;
    match_format(&match, OFP_DEFAULT_PRIORITY, s);

    /* Upstream names the Ethernet packet type right after recirc_id. */
    if (wc->masks.packet_type == OVS_BE32_MAX
        && flow->packet_type == PT_ETH
        && wc->masks.recirc_id
        && !strncmp(s->string + start, "recirc_id=", 10)) {
        const char *comma = strchr(s->string + start, ',');
        size_t at = comma ? comma - s->string + 1 : s->length;
        char *rest = xstrdup(s->string + at);
        s->length = at;
        ds_put_format(s, "%seth%s%s", comma ? "" : ",", *rest ? "," : "",
                      rest);
        free(rest);
    }
}

/* Traces 'flow' (in_port an OpenFlow port of 'ofproto') into 's'. */
static void
trace_flow(struct ofproto *ofproto, const struct flow *flow, struct ds *s)
{
    ds_put_cstr(s, "Flow: ");
    format_trace_flow(flow, s);
    ds_put_cstr(s, "\n\n");

    uint64_t stub[256];
    struct ofpbuf odp_actions = OFPBUF_STUB_INITIALIZER(stub);
    struct flow_wildcards wc;
    struct flow final;
    flow_wildcards_init_catchall(&wc);

    struct xlate_in xin = {
        .ofproto = ofproto,
        .flow = *flow,
        .trace = s,
    };
    ovs_rwlock_rdlock(&xlate_rwlock);
    xlate_actions(&xin, &odp_actions, &wc, &final);
    ovs_rwlock_unlock(&xlate_rwlock);

    ds_put_cstr(s, "\nFinal flow: ");
    if (flow_equal(&final, flow)) {
        ds_put_cstr(s, "unchanged");
    } else {
        format_trace_flow(&final, s);
    }
    ds_put_cstr(s, "\nMegaflow: ");
    format_megaflow(flow, &wc, s);
    ds_put_cstr(s, "\nDatapath actions: ");
    if (odp_actions.size) {
        format_odp_actions(s, odp_actions.data, odp_actions.size, NULL);
    } else {
        ds_put_cstr(s, "drop");
    }
    ds_put_char(s, '\n');
    ofpbuf_uninit(&odp_actions);
}

/* Replaces a port name after "in_port=" in 's' by its number. */
static char *
substitute_port_name(const struct ofproto *ofproto, const char *s)
{
    const char *p = strstr(s, "in_port=");
    if (!p || (p != s && p[-1] != ',' && p[-1] != ' ')) {
        return xstrdup(s);
    }
    const char *name = p + strlen("in_port=");
    size_t len = strcspn(name, ", ");
    struct ofport *port;

    HMAP_FOR_EACH (port, ofp_node, &ofproto->ports) {
        if (strlen(port->name) == len && !strncmp(port->name, name, len)) {
            return xasprintf("%.*s%"PRIu16"%s", (int) (name - s), s,
                             port->ofp_port, name + len);
        }
    }
    return xstrdup(s);
}

static struct backer *
find_backer_by_dp_name(const char *name)
{
    struct backer *backer;

    HMAP_FOR_EACH (backer, node, ofproto_backers()) {
        if (!strcmp(dpif_name(backer->dpif), name)
            || !strcmp(dpif_base_name(backer->dpif), name)) {
            return backer;
        }
    }
    return NULL;
}

static void
trace_odp_flow(struct unixctl_conn *conn, struct backer *backer,
               const char *s)
{
    uint64_t kstub[64];
    struct ofpbuf key = OFPBUF_STUB_INITIALIZER(kstub);
    char *error = NULL;

    if (odp_flow_from_string(s, NULL, &key, NULL, &error)) {
        char *msg = xasprintf("syntax error at %s (or the bridge name was "
                              "omitted)", s);
        unixctl_command_reply_error(conn, msg);
        free(msg);
        free(error);
        ofpbuf_uninit(&key);
        return;
    }

    struct flow flow;
    if (odp_flow_key_to_flow(key.data, key.size, &flow, &error)
        == ODP_FIT_ERROR) {
        unixctl_command_reply_error(conn, error ? error
                                    : "Bad datapath flow syntax");
        free(error);
        ofpbuf_uninit(&key);
        return;
    }
    free(error);
    ofpbuf_uninit(&key);

    if (!backer) {
        if (hmap_count(ofproto_backers()) != 1) {
            unixctl_command_reply_error(conn, "Cannot find the datapath");
            return;
        }
        backer = CONTAINER_OF(hmap_first(ofproto_backers()), struct backer,
                              node);
    }
    struct ofport *port = backer_get_port(backer, flow.in_port.odp_port);
    if (!port) {
        char *msg = xasprintf("no OpenFlow port for datapath port %"PRIu32,
                              flow.in_port.odp_port);
        unixctl_command_reply_error(conn, msg);
        free(msg);
        return;
    }
    flow.in_port.ofp_port = port->ofp_port;

    struct ds out = DS_EMPTY_INITIALIZER;
    trace_flow(port->ofproto, &flow, &out);
    unixctl_command_reply(conn, ds_cstr(&out));
    ds_destroy(&out);
}

/* ofproto/trace {[DP] ODP_FLOW | BRIDGE BR_FLOW} [OPTIONS...]: options
 * (-generate, a packet) are accepted and ignored: tracing never changes
 * the switch here. */
static void
unixctl_ofproto_trace(struct unixctl_conn *conn, int argc,
                      const char *argv[], void *aux OVS_UNUSED)
{
    if (argc == 2 || strchr(argv[1], '(')) {
        trace_odp_flow(conn, NULL, argv[1]);
        return;
    }

    const char *flow_s = argv[2];
    if (strchr(flow_s, '(')) {
        struct backer *backer = find_backer_by_dp_name(argv[1]);
        if (!backer) {
            unixctl_command_reply_error(conn, "Cannot find the datapath");
            return;
        }
        trace_odp_flow(conn, backer, flow_s);
        return;
    }

    struct ofproto *ofproto = ofproto_lookup(argv[1]);
    if (!ofproto) {
        char *msg = xasprintf("%s: unknown bridge", argv[1]);
        unixctl_command_reply_error(conn, msg);
        free(msg);
        return;
    }

    char *string = substitute_port_name(ofproto, flow_s);
    struct match match;
    int priority;
    char *error = parse_ofp_match_str(&match, &priority, string);
    free(string);
    if (error) {
        char *msg = xasprintf("Bad openflow flow syntax: %s", error);
        unixctl_command_reply_error(conn, msg);
        free(msg);
        free(error);
        return;
    }

    /* The flow syntax leaves VLAN TPIDs zero; packets have 0x8100. */
    for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        union flow_vlan_hdr *v = &match.flow.vlans[i];
        if (v->tci & htons(VLAN_CFI) && !v->tpid) {
            v->tpid = htons(ETH_TYPE_VLAN_8021Q);
        }
    }

    struct ds out = DS_EMPTY_INITIALIZER;
    trace_flow(ofproto, &match.flow, &out);
    unixctl_command_reply(conn, ds_cstr(&out));
    ds_destroy(&out);
}

void
ofproto_unixctl_init(void)
{
    static bool registered;
    if (registered) {
        return;
    }
    registered = true;

    unixctl_command_register("ofproto/list", "", 0, 0,
                             unixctl_ofproto_list, NULL);
    unixctl_command_register(
        "ofproto/trace",
        "{[dp_name] odp_flow | bridge br_flow} [OPTIONS...] "
        "[-generate|packet]", 1, INT_MAX, unixctl_ofproto_trace, NULL);
    unixctl_command_register("fdb/flush", "[bridge]", 0, 1,
                             unixctl_fdb_flush, NULL);
    unixctl_command_register("fdb/add", "bridge port vlan mac", 4, 4,
                             unixctl_fdb_add, NULL);
    unixctl_command_register("fdb/del", "bridge vlan mac", 3, 3,
                             unixctl_fdb_del, NULL);
    unixctl_command_register("fdb/show", "bridge", 1, 1,
                             unixctl_fdb_show, NULL);
    unixctl_command_register("fdb/stats-clear", "[bridge]", 0, 1,
                             unixctl_fdb_stats_clear, NULL);
    unixctl_command_register("fdb/stats-show", "bridge", 1, 1,
                             unixctl_fdb_stats_show, NULL);
    unixctl_command_register("bridge/dump-flows", "[--offload-stats] "
                             "bridge", 1, 2, unixctl_bridge_dump_flows,
                             NULL);
    unixctl_command_register("dpif/show", "", 0, 0, unixctl_dpif_show,
                             NULL);
    unixctl_command_register("dpif/dump-flows",
                             "[-m] [--names | --no-names] bridge", 1,
                             INT_MAX, unixctl_dpif_dump_flows, NULL);
}

void
ofproto_init(void)
{
    ofproto_unixctl_init();
}
