/* xlate.c: OpenFlow tables and NORMAL to datapath actions (xlate.h). */

#include <config.h>
#include "xlate.h"

#include <stdlib.h>
#include <string.h>
#include "bitmap.h"
#include "dynamic-string.h"
#include "mac-learning.h"
#include "match.h"
#include "meta-flow.h"
#include "odp-util.h"
#include "ofp-actions.h"
#include "ofp-port.h"
#include "ofpbuf.h"
#include "ofproto-private.h"
#include "packets.h"
#include "util.h"

struct xlate_ctx {
    const struct xlate_in *xin;
    struct ofproto *ofproto;
    struct flow flow;           /* As the actions so far made it. */
    struct flow base;           /* As the datapath actions so far made it. */
    struct flow_wildcards *wc;
    struct ofpbuf *odp_actions;
    int depth;                  /* Resubmit depth. */
    int indent;                 /* Trace indentation of actions. */
    bool exit;                  /* Stop translating. */
    enum xlate_result result;
};

static void xlate_table(struct xlate_ctx *, uint8_t table_id,
                        int header_indent);

static void
trace_line(struct xlate_ctx *ctx, int extra, const char *format, ...)
    OVS_PRINTF_FORMAT(3, 4);

static void
trace_line(struct xlate_ctx *ctx, int extra, const char *format, ...)
{
    struct ds *s = ctx->xin->trace;
    if (!s) {
        return;
    }
    va_list args;
    ds_put_char_multiple(s, ' ', ctx->indent + extra);
    va_start(args, format);
    ds_put_format_valist(s, format, args);
    va_end(args);
    ds_put_char(s, '\n');
}

/* Outputs the packet, with the headers 'ctx->flow' describes, to 'port'. */
static void
output_to_odp(struct xlate_ctx *ctx, const struct ofport *port)
{
    commit_odp_actions(&ctx->flow, &ctx->base, ctx->odp_actions, ctx->wc);
    odp_put_output_action(ctx->odp_actions, port->odp_port);
}

static void
output_port(struct xlate_ctx *ctx, ofp_port_t ofp_port, bool to_in_port)
{
    struct ofport *port = ofproto_get_port(ctx->ofproto, ofp_port);
    if (!port) {
        trace_line(ctx, 1, ">> Nonexistent output port");
        return;
    }
    if (!to_in_port && ofp_port == ctx->xin->flow.in_port.ofp_port) {
        trace_line(ctx, 1, ">> skipping output to input port");
        return;
    }
    output_to_odp(ctx, port);
}

/* Ports in OpenFlow number order, the local port first. */
static int
compare_ports(const void *a_, const void *b_)
{
    const struct ofport *const *a = a_;
    const struct ofport *const *b = b_;
    unsigned int ka = (*a)->ofp_port == OFPP_LOCAL ? 0 : (*a)->ofp_port;
    unsigned int kb = (*b)->ofp_port == OFPP_LOCAL ? 0 : (*b)->ofp_port;
    return ka < kb ? -1 : ka > kb;
}

static void
output_all(struct xlate_ctx *ctx)
{
    size_t n = hmap_count(&ctx->ofproto->ports);
    struct ofport **ports = xmalloc(MAX(n, 1) * sizeof *ports);
    struct ofport *port;
    size_t i = 0;

    HMAP_FOR_EACH (port, ofp_node, &ctx->ofproto->ports) {
        ports[i++] = port;
    }
    qsort(ports, n, sizeof *ports, compare_ports);
    for (i = 0; i < n; i++) {
        if (ports[i]->ofp_port != ctx->xin->flow.in_port.ofp_port) {
            output_to_odp(ctx, ports[i]);
        }
    }
    free(ports);
}

/* NORMAL. */

static bool
vlan_in_bitmap(const unsigned long *bitmap, int vlan)
{
    return !bitmap || bitmap_is_set(bitmap, vlan);
}

/* Does 'b' carry VLAN 'vlan' (as a trunk or as its access VLAN)? */
static bool
bundle_includes_vlan(const struct bundle *b, int vlan)
{
    switch (b->vlan_mode) {
    case PORT_VLAN_ACCESS:
    case PORT_VLAN_DOT1Q_TUNNEL:
        return vlan == b->vlan;
    case PORT_VLAN_TRUNK:
        return vlan_in_bitmap(b->trunks, vlan);
    case PORT_VLAN_NATIVE_TAGGED:
    case PORT_VLAN_NATIVE_UNTAGGED:
        /* Untagged frames are the native VLAN's, so VLAN 0 has no place
         * on a native port. */
        return vlan == b->vlan || (vlan && vlan_in_bitmap(b->trunks, vlan));
    }
    return false;
}

static uint16_t
flow_vid(const struct flow *flow, int i)
{
    ovs_be16 tci = flow->vlans[i].tci;
    return tci & htons(VLAN_CFI) ? vlan_tci_to_vid(tci) : 0;
}

/* Works out the VLAN a packet received on 'in' belongs to, in '*vlan', or
 * returns false (after tracing why) if 'in' must not accept it. */
static bool
input_vlan(struct xlate_ctx *ctx, const struct bundle *in, int *vlan)
{
    uint16_t vid = flow_vid(&ctx->flow, 0);

    switch (in->vlan_mode) {
    case PORT_VLAN_ACCESS:
        if (vid) {
            trace_line(ctx, 1, ">>>> dropping VLAN %d tagged packet "
                       "received on port %s configured as VLAN %d access "
                       "port <<<<", vid, in->name, in->vlan);
            return false;
        }
        *vlan = in->vlan;
        return true;

    case PORT_VLAN_DOT1Q_TUNNEL:
        if (in->cvlans && !bitmap_is_set(in->cvlans, vid)) {
            trace_line(ctx, 1, ">>>> dropping VLAN %d packet received on "
                       "dot1q-tunnel port %s that excludes this VLAN <<<<",
                       vid, in->name);
            return false;
        }
        *vlan = in->vlan;
        return true;

    case PORT_VLAN_NATIVE_TAGGED:
    case PORT_VLAN_NATIVE_UNTAGGED:
        if (!vid) {
            *vlan = in->vlan;
            return true;
        }
        /* Fall through. */
    case PORT_VLAN_TRUNK:
        if (vid != in->vlan && !vlan_in_bitmap(in->trunks, vid)) {
            trace_line(ctx, 1, ">>>> dropping VLAN %d packet received on "
                       "port %s not configured for trunking VLAN %d <<<<",
                       vid, in->name, vid);
            return false;
        }
        *vlan = vid;
        return true;
    }
    return false;
}

/* Outputs to bundle 'out' the packet that came in on 'in' in 'vlan',
 * tagged as 'out' wants it. */
static void
output_normal(struct xlate_ctx *ctx, const struct bundle *in,
              const struct bundle *out, int vlan)
{
    struct ofport *port = NULL;
    size_t i;

    for (i = 0; i < out->n_slaves && !port; i++) {
        port = ofproto_get_port(ctx->ofproto, out->slaves[i]);
    }
    if (!port) {
        return;
    }

    /* The VLAN headers as they came in: on a dot1q-tunnel input the
     * whole frame is the customer's, otherwise the outer tag is ours. */
    union flow_vlan_hdr saved[FLOW_MAX_VLAN_HEADERS];
    memcpy(saved, ctx->flow.vlans, sizeof saved);
    if (in->vlan_mode != PORT_VLAN_DOT1Q_TUNNEL) {
        /* The outer tag's PCP goes out with the packet. */
        ctx->wc->masks.vlans[0].tci = OVS_BE16_MAX;
    }

    union flow_vlan_hdr customer = in->vlan_mode == PORT_VLAN_DOT1Q_TUNNEL
                                   ? saved[0] : saved[1];
    ovs_be16 pcp = in->vlan_mode == PORT_VLAN_DOT1Q_TUNNEL
                   ? 0 : saved[0].tci & htons(VLAN_PCP_MASK);
    ovs_be16 tpid = (in->vlan_mode == PORT_VLAN_DOT1Q_TUNNEL
                     ? htons(in->qinq_ethtype)
                     : saved[0].tci & htons(VLAN_CFI) && saved[0].tpid
                     ? saved[0].tpid : htons(ETH_TYPE_VLAN_8021Q));
    if (in->vlan_mode == PORT_VLAN_DOT1Q_TUNNEL) {
        if (out->vlan_mode == PORT_VLAN_DOT1Q_TUNNEL) {
            tpid = htons(out->qinq_ethtype);
        }
    } else if (out->vlan_mode == PORT_VLAN_DOT1Q_TUNNEL) {
        tpid = htons(out->qinq_ethtype);
    }

    bool tagged;
    switch (out->vlan_mode) {
    case PORT_VLAN_ACCESS:
    case PORT_VLAN_DOT1Q_TUNNEL:
        tagged = false;
        break;
    case PORT_VLAN_NATIVE_UNTAGGED:
        tagged = vlan != out->vlan;
        break;
    case PORT_VLAN_NATIVE_TAGGED:
        tagged = true;
        break;
    case PORT_VLAN_TRUNK:
    default:
        tagged = vlan != 0;
        break;
    }

    memset(ctx->flow.vlans, 0, sizeof ctx->flow.vlans);
    if (tagged) {
        ctx->flow.vlans[0].tpid = tpid;
        ctx->flow.vlans[0].tci = htons(vlan | VLAN_CFI) | pcp;
        ctx->flow.vlans[1] = customer;
    } else if (pcp && out->use_priority_tags
               && !(customer.tci & htons(VLAN_CFI))) {
        /* A priority tag keeps the PCP. */
        ctx->flow.vlans[0].tpid = htons(ETH_TYPE_VLAN_8021Q);
        ctx->flow.vlans[0].tci = htons(VLAN_CFI) | pcp;
    } else if (customer.tci & htons(VLAN_CFI)) {
        ctx->flow.vlans[0] = customer;
    }
    if (ctx->flow.vlans[1].tci & htons(VLAN_CFI)
        && !(ctx->flow.vlans[0].tci & htons(VLAN_CFI))) {
        ctx->flow.vlans[0] = ctx->flow.vlans[1];
        memset(&ctx->flow.vlans[1], 0, sizeof ctx->flow.vlans[1]);
    }
    if (in->vlan_mode == PORT_VLAN_DOT1Q_TUNNEL
        || out->vlan_mode == PORT_VLAN_DOT1Q_TUNNEL) {
        ctx->wc->masks.vlans[1].tci = OVS_BE16_MAX;
    }

    output_to_odp(ctx, port);
    memcpy(ctx->flow.vlans, saved, sizeof saved);
}

/* Is 'mac' one of the IEEE 802.1D reserved group addresses
 * 01:80:c2:00:00:0x that a bridge must not forward? */
static bool
eth_addr_is_bridge_reserved(const struct eth_addr mac)
{
    return (mac.ea[0] == 0x01 && mac.ea[1] == 0x80 && mac.ea[2] == 0xc2
            && mac.ea[3] == 0x00 && mac.ea[4] == 0x00
            && (mac.ea[5] & 0xf0) == 0x00);
}

static void
xlate_normal(struct xlate_ctx *ctx)
{
    struct ofproto *ofproto = ctx->ofproto;
    struct flow_wildcards *wc = ctx->wc;
    struct flow *flow = &ctx->flow;

    WC_MASK_FIELD(wc, dl_src);
    WC_MASK_FIELD(wc, dl_dst);
    wc->masks.vlans[0].tci |= htons(VLAN_VID_MASK | VLAN_CFI);

    struct ofport *in_port = ofproto_get_port(ofproto, flow->in_port.ofp_port);
    if (!in_port) {
        trace_line(ctx, 1, ">>>> received packet on unknown port %"PRIu16
                   " <<<<", flow->in_port.ofp_port);
    }
    const struct bundle *in = in_port ? in_port->bundle : NULL;
    if (!in) {
        trace_line(ctx, 1, ">> no input bundle, dropping");
        return;
    }

    int vlan;
    if (!input_vlan(ctx, in, &vlan)) {
        trace_line(ctx, 1, ">> disallowed VLAN VID for this input port, "
                   "dropping");
        return;
    }
    if (in->vlan_mode == PORT_VLAN_DOT1Q_TUNNEL && in->cvlans) {
        wc->masks.vlans[0].tci = OVS_BE16_MAX;
    }

    if (eth_addr_is_bridge_reserved(flow->dl_dst)) {
        trace_line(ctx, 1, "-> packet has reserved destination MAC, "
                   "dropping");
        return;
    }

    bool flood_vlan = ofproto->flood_vlans
                      && bitmap_is_set(ofproto->flood_vlans, vlan);
    if (ctx->xin->may_learn && !flood_vlan
        && mac_learning_may_learn(flow->dl_src, vlan)) {
        ovs_rwlock_wrlock(&ofproto->ml.rwlock);
        enum mac_learn_result r = mac_learning_learn(&ofproto->ml,
                                                     flow->dl_src, vlan,
                                                     (void *) in, false);
        ovs_rwlock_unlock(&ofproto->ml.rwlock);
        if (r == MAC_LEARN_NEW || r == MAC_LEARN_MOVED) {
            ctx->result |= XLATE_LEARNED;
        }
    }

    const struct bundle *out = NULL;
    if (!flood_vlan && !eth_addr_is_multicast(flow->dl_dst)) {
        ovs_rwlock_rdlock(&ofproto->ml.rwlock);
        out = mac_learning_lookup_port(&ofproto->ml, flow->dl_dst, vlan);
        ovs_rwlock_unlock(&ofproto->ml.rwlock);
    }

    if (out) {
        if (out == in) {
            trace_line(ctx, 1, "-> learned port is input port, dropping");
            return;
        }
        trace_line(ctx, 1, "-> forwarding to learned port");
        if (!(in->protected && out->protected)) {
            output_normal(ctx, in, out, vlan);
        }
        return;
    }

    trace_line(ctx, 1, "-> no learned MAC for destination, flooding");
    const struct bundle *b;
    LIST_FOR_EACH (b, list_node, &ofproto->bundle_list) {
        if (b == in || !bundle_includes_vlan(b, vlan)
            || (in->protected && b->protected)) {
            continue;
        }
        if (b->vlan_mode == PORT_VLAN_DOT1Q_TUNNEL && b->cvlans) {
            uint16_t cvid = (in->vlan_mode == PORT_VLAN_DOT1Q_TUNNEL
                             ? flow_vid(flow, 0) : flow_vid(flow, 1));
            if (!bitmap_is_set(b->cvlans, cvid)) {
                continue;
            }
        }
        output_normal(ctx, in, b, vlan);
    }
}

static void
xlate_output(struct xlate_ctx *ctx, const struct ofpact_output *o)
{
    switch (o->port) {
    case OFPP_IN_PORT:
        output_port(ctx, ctx->xin->flow.in_port.ofp_port, true);
        break;
    case OFPP_NORMAL:
        xlate_normal(ctx);
        break;
    case OFPP_FLOOD:
    case OFPP_ALL:
        output_all(ctx);
        break;
    case OFPP_TABLE:
    case OFPP_CONTROLLER:
    case OFPP_NONE:
        trace_line(ctx, 1, ">> output to %s not supported, ignoring",
                   ofputil_port_name(o->port));
        break;
    default:
        output_port(ctx, o->port, false);
        break;
    }
}

/* Upstream's trace nests a resubmitted table under its resubmit action,
 * except that a resubmit ending its action list continues at the same
 * level. */
static void
xlate_resubmit(struct xlate_ctx *ctx, const struct ofpact_resubmit *r,
               uint8_t cur_table, bool is_last)
{
    if (ctx->depth >= OFPROTO_MAX_RESUBMIT) {
        trace_line(ctx, 1, ">>>> over max translation depth %d <<<<",
                   OFPROTO_MAX_RESUBMIT);
        ctx->odp_actions->size = 0;
        ctx->exit = true;
        return;
    }
    uint8_t table_id = r->table_id == 255 ? cur_table : r->table_id;
    ofp_port_t saved = ctx->flow.in_port.ofp_port;
    if (r->in_port != OFPP_IN_PORT) {
        ctx->flow.in_port.ofp_port = r->in_port;
    }
    int saved_indent = ctx->indent;
    int header_indent = is_last ? ctx->indent - 4 : ctx->indent;
    if (!is_last) {
        ctx->indent += 8;
    }
    ctx->depth++;
    xlate_table(ctx, table_id, header_indent);
    ctx->depth--;
    ctx->indent = saved_indent;
    ctx->flow.in_port.ofp_port = saved;
}

/* Header changes.  They edit 'ctx->flow'; the datapath sees them at the
 * next output, when commit_odp_actions() turns the difference from
 * 'ctx->base' into set and push/pop actions (and un-wildcards what those
 * depend on). */

/* Does the packet have field 'mf' (its prerequisites hold)?  The fields
 * the answer depends on become part of the megaflow. */
static bool
field_applies(struct xlate_ctx *ctx, const struct mf_field *mf)
{
    struct match m;

    m.flow = ctx->flow;
    flow_wildcards_init_exact(&m.wc);
    WC_MASK_FIELD(ctx->wc, dl_type);
    if (is_ip_any(&ctx->flow)) {
        WC_MASK_FIELD(ctx->wc, nw_proto);
    }
    return mf_are_match_prereqs_ok(mf, &m);
}

static void
set_field(struct xlate_ctx *ctx, const struct ofpact_set_field *sf)
{
    const struct mf_field *mf = sf->field;
    if (!field_applies(ctx, mf)) {
        return;
    }
    if ((mf->id == MFF_VLAN_VID || mf->id == MFF_VLAN_PCP
         || mf->id == MFF_VLAN_TCI || mf->id == MFF_DL_VLAN
         || mf->id == MFF_DL_VLAN_PCP)
        && !(ctx->flow.vlans[0].tci & htons(VLAN_CFI))) {
        /* No VLAN header to change. */
        ctx->wc->masks.vlans[0].tci |= htons(VLAN_CFI);
        return;
    }

    union mf_value value;
    mf_get_value(mf, &ctx->flow, &value);
    for (size_t i = 0; i < mf->n_bytes; i++) {
        value.b[i] = (value.b[i] & ~sf->mask.b[i])
                     | (sf->value.b[i] & sf->mask.b[i]);
    }
    mf_set_flow_value(mf, &value, &ctx->flow);
}

static void
push_vlan(struct xlate_ctx *ctx, ovs_be16 tpid)
{
    memmove(&ctx->flow.vlans[1], &ctx->flow.vlans[0],
            (FLOW_MAX_VLAN_HEADERS - 1) * sizeof ctx->flow.vlans[0]);
    ctx->flow.vlans[0].tpid = tpid;
    ctx->flow.vlans[0].tci = htons(VLAN_CFI);
}

static void
pop_vlan(struct xlate_ctx *ctx)
{
    ctx->wc->masks.vlans[0].tci |= htons(VLAN_CFI);
    memmove(&ctx->flow.vlans[0], &ctx->flow.vlans[1],
            (FLOW_MAX_VLAN_HEADERS - 1) * sizeof ctx->flow.vlans[0]);
    memset(&ctx->flow.vlans[FLOW_MAX_VLAN_HEADERS - 1], 0,
           sizeof ctx->flow.vlans[0]);
}

/* mod_vlan_vid and mod_vlan_pcp: push a tag first if there is none and
 * the action says so (OpenFlow 1.0 semantics). */
static bool
ensure_vlan(struct xlate_ctx *ctx, bool push_if_needed)
{
    ctx->wc->masks.vlans[0].tci |= htons(VLAN_CFI);
    if (ctx->flow.vlans[0].tci & htons(VLAN_CFI)) {
        return true;
    }
    if (!push_if_needed) {
        return false;
    }
    push_vlan(ctx, htons(ETH_TYPE_VLAN_8021Q));
    return true;
}

/* Applies header-changing action 'a'; returns false if 'a' is not one. */
static bool
xlate_set_action(struct xlate_ctx *ctx, const struct ofpact *a)
{
    struct flow *flow = &ctx->flow;

    switch (a->type) {
    case OFPACT_SET_FIELD:
        set_field(ctx, (const struct ofpact_set_field *) a);
        return true;

    case OFPACT_SET_VLAN_VID: {
        const struct ofpact_vlan_vid *v = (const void *) a;
        if (ensure_vlan(ctx, v->push_vlan_if_needed)) {
            flow->vlans[0].tci &= ~htons(VLAN_VID_MASK);
            flow->vlans[0].tci |= htons(v->vlan_vid & VLAN_VID_MASK);
        }
        return true;
    }

    case OFPACT_SET_VLAN_PCP: {
        const struct ofpact_vlan_pcp *v = (const void *) a;
        if (ensure_vlan(ctx, v->push_vlan_if_needed)) {
            flow->vlans[0].tci &= ~htons(VLAN_PCP_MASK);
            flow->vlans[0].tci |= htons((v->vlan_pcp << VLAN_PCP_SHIFT)
                                        & VLAN_PCP_MASK);
        }
        return true;
    }

    case OFPACT_STRIP_VLAN:
        pop_vlan(ctx);
        return true;

    case OFPACT_PUSH_VLAN:
        push_vlan(ctx, ((const struct ofpact_push_vlan *) a)->ethertype);
        return true;

    case OFPACT_SET_ETH_SRC:
        flow->dl_src = ((const struct ofpact_mac *) a)->mac;
        return true;

    case OFPACT_SET_ETH_DST:
        flow->dl_dst = ((const struct ofpact_mac *) a)->mac;
        return true;

    case OFPACT_SET_IPV4_SRC:
    case OFPACT_SET_IPV4_DST:
        if (is_ipv4(flow)) {
            ovs_be32 ip = ((const struct ofpact_ipv4 *) a)->ipv4;
            if (a->type == OFPACT_SET_IPV4_SRC) {
                flow->nw_src = ip;
            } else {
                flow->nw_dst = ip;
            }
        }
        return true;

    case OFPACT_SET_IP_DSCP:
        if (is_ip_any(flow)) {
            flow->nw_tos &= ~0xfc;
            flow->nw_tos |= ((const struct ofpact_dscp *) a)->dscp & 0xfc;
        }
        return true;

    case OFPACT_SET_IP_TTL:
        if (is_ip_any(flow)) {
            flow->nw_ttl = ((const struct ofpact_ip_ttl *) a)->ttl;
        }
        return true;

    case OFPACT_DEC_TTL:
        if (is_ip_any(flow)) {
            WC_MASK_FIELD(ctx->wc, nw_ttl);
            if (flow->nw_ttl > 1) {
                flow->nw_ttl--;
            } else {
                trace_line(ctx, 1, ">> TTL exceeded, dropping");
                ctx->exit = true;
            }
        }
        return true;

    case OFPACT_SET_L4_SRC_PORT:
    case OFPACT_SET_L4_DST_PORT:
        if (is_ip_any(flow)) {
            WC_MASK_FIELD(ctx->wc, nw_proto);
        }
        if (is_tcp(flow) || is_udp(flow) || is_sctp(flow)) {
            ovs_be16 port = htons(((const struct ofpact_l4_port *) a)->port);
            if (a->type == OFPACT_SET_L4_SRC_PORT) {
                flow->tp_src = port;
            } else {
                flow->tp_dst = port;
            }
        }
        return true;

    default:
        return false;
    }
}

static void
xlate_ofpacts(struct xlate_ctx *ctx, const struct ofpact *ofpacts,
              size_t ofpacts_len, uint8_t table_id)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        if (ctx->exit) {
            break;
        }
        if (ctx->xin->trace) {
            struct ds *s = ctx->xin->trace;
            struct ofpact_format_params fp = { .port_names = NULL, .s = s };
            ds_put_char_multiple(s, ' ', ctx->indent);
            ofpacts_format(a, a->len, &fp);
            ds_put_char(s, '\n');
        }
        switch (a->type) {
        case OFPACT_OUTPUT:
            xlate_output(ctx, (const struct ofpact_output *) a);
            break;
        case OFPACT_RESUBMIT:
            xlate_resubmit(ctx, (const struct ofpact_resubmit *) a,
                           table_id,
                           ofpact_next(a) >= ofpact_end(ofpacts,
                                                        ofpacts_len));
            break;
        case OFPACT_GOTO_TABLE:
            xlate_resubmit(ctx, &(struct ofpact_resubmit) {
                               .in_port = OFPP_IN_PORT,
                               .table_id = ((const struct ofpact_goto_table *)
                                            a)->table_id },
                           table_id, true);
            break;
        case OFPACT_EXIT:
            ctx->exit = true;
            break;
        case OFPACT_NOTE:
            break;
        default:
            if (xlate_set_action(ctx, a)) {
                break;
            }
            trace_line(ctx, 1, ">> action not supported by this "
                       "datapath translation, dropping");
            ctx->exit = true;
            break;
        }
    }
}

static void
trace_rule(struct xlate_ctx *ctx, uint8_t table_id, const struct rule *rule,
           int header_indent)
{
    struct ds *s = ctx->xin->trace;
    if (!s) {
        return;
    }
    ds_put_char_multiple(s, ' ', header_indent);
    ds_put_format(s, "%2d. ", table_id);
    if (!rule) {
        ds_put_cstr(s, "No match.\n");
        ds_put_char_multiple(s, ' ', ctx->indent);
        ds_put_cstr(s, "drop\n");
        return;
    }
    struct match match;
    cls_rule_expand(&rule->cr, &match.flow, &match.wc);
    size_t start = s->length;
    match_format(&match, OFP_DEFAULT_PRIORITY, s);
    if (s->length > start) {
        ds_put_cstr(s, ", ");
    }
    ds_put_format(s, "priority %d\n", rule->cr.priority);
    if (!rule->ofpacts_len && !rule->actions_text) {
        ds_put_char_multiple(s, ' ', ctx->indent);
        ds_put_cstr(s, "drop\n");
    }
}

static void
xlate_table(struct xlate_ctx *ctx, uint8_t table_id, int header_indent)
{
    struct rule *rule = ofproto_rule_lookup(ctx->ofproto, table_id,
                                            &ctx->flow, ctx->wc);
    trace_rule(ctx, table_id, rule, header_indent);
    if (!rule) {
        return;
    }
    if (ctx->xin->n_packets) {
        ofproto_rule_credit(rule, ctx->xin->n_packets, ctx->xin->n_bytes);
    }
    xlate_ofpacts(ctx, rule->ofpacts, rule->ofpacts_len, table_id);
}

enum xlate_result
xlate_actions(const struct xlate_in *xin, struct ofpbuf *odp_actions,
              struct flow_wildcards *wc, struct flow *final_flow)
{
    struct xlate_ctx ctx = {
        .xin = xin,
        .ofproto = xin->ofproto,
        .flow = xin->flow,
        .base = xin->flow,
        .wc = wc,
        .odp_actions = odp_actions,
        .indent = 4,
    };

    WC_MASK_FIELD(wc, in_port);
    WC_MASK_FIELD(wc, recirc_id);
    WC_MASK_FIELD(wc, packet_type);
    WC_MASK_FIELD(wc, dl_type);
    if (is_ip_any(&xin->flow)) {
        wc->masks.nw_frag |= FLOW_NW_FRAG_MASK;
    }

    if (xin->trace) {
        ds_put_format(xin->trace, "bridge(\"%s\")\n", xin->ofproto->name);
        ds_put_char_multiple(xin->trace, '-',
                             strlen(xin->ofproto->name) + 10);
        ds_put_char(xin->trace, '\n');
    }
    xlate_table(&ctx, 0, 0);

    /* The datapath needs the VLAN's CFI bit exact if any of the TCI
     * is. */
    for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        if (wc->masks.vlans[i].tci) {
            wc->masks.vlans[i].tci |= htons(VLAN_CFI);
        }
    }
    if (final_flow) {
        *final_flow = ctx.flow;
    }
    return ctx.result;
}
