/* match.c: matches and their text form. */
#include <config.h>
#include "match.h"
#include <inttypes.h>
#include <string.h>
#include "dynamic-string.h"
#include "meta-flow.h"
#include "ofp-port.h"

void
match_init_catchall(struct match *match)
{
    memset(match, 0, sizeof *match);
}

bool
match_equal(const struct match *a, const struct match *b)
{
    return flow_equal(&a->flow, &b->flow)
           && flow_wildcards_equal(&a->wc, &b->wc);
}

void
match_set_dl_type(struct match *match, ovs_be16 dl_type)
{
    match->flow.dl_type = dl_type;
    match->wc.masks.dl_type = OVS_BE16_MAX;
}

void
match_set_nw_proto(struct match *match, uint8_t nw_proto)
{
    match->flow.nw_proto = nw_proto;
    match->wc.masks.nw_proto = UINT8_MAX;
}

void
match_set_in_port(struct match *match, ofp_port_t port)
{
    match->flow.in_port.ofp_port = port;
    match->wc.masks.in_port.ofp_port = UINT16_MAX;
}

void
match_zero_wildcarded_fields(struct match *match)
{
    flow_zero_wildcards(&match->flow, &match->wc);
}

bool
match_dl_type_is(const struct match *m, uint16_t type)
{
    if (m->wc.masks.dl_type == OVS_BE16_MAX) {
        return m->flow.dl_type == htons(type);
    }
    return (m->wc.masks.packet_type == OVS_BE32_MAX
            && (m->flow.packet_type
                == PACKET_TYPE_BE(OFPHTN_ETHERTYPE, type)));
}

static bool
nw_proto_is(const struct match *m, uint8_t proto)
{
    return m->wc.masks.nw_proto == UINT8_MAX && m->flow.nw_proto == proto;
}

#define CLEAR_FIELD(M, FIELD)                           \
    (memset(&(M)->flow.FIELD, 0, sizeof (M)->flow.FIELD), \
     memset(&(M)->wc.masks.FIELD, 0, sizeof (M)->wc.masks.FIELD))

bool
match_normalize(struct match *match)
{
    struct match orig = *match;
    bool is_ipv4 = match_dl_type_is(match, ETH_TYPE_IP);
    bool is_ipv6 = match_dl_type_is(match, ETH_TYPE_IPV6);
    bool is_ip = is_ipv4 || is_ipv6;
    bool is_arp = (match_dl_type_is(match, ETH_TYPE_ARP)
                   || match_dl_type_is(match, ETH_TYPE_RARP));
    bool is_mpls = (match_dl_type_is(match, ETH_TYPE_MPLS)
                    || match_dl_type_is(match, ETH_TYPE_MPLS_MCAST));
    bool l4 = false, tcp = false, nd = false, nd_sll = false,
         nd_tll = false;

    if (is_ip) {
        if (nw_proto_is(match, IPPROTO_TCP)) {
            l4 = tcp = true;
        } else if (nw_proto_is(match, IPPROTO_UDP)
                   || nw_proto_is(match, IPPROTO_SCTP)) {
            l4 = true;
        } else if (is_ipv4 && nw_proto_is(match, IPPROTO_ICMP)) {
            l4 = true;
        } else if (is_ipv6 && nw_proto_is(match, IPPROTO_ICMPV6)) {
            l4 = true;
            if (match->wc.masks.tp_src == OVS_BE16_MAX) {
                if (match->flow.tp_src == htons(ND_NEIGHBOR_SOLICIT)) {
                    nd = nd_sll = true;
                } else if (match->flow.tp_src
                           == htons(ND_NEIGHBOR_ADVERT)) {
                    nd = nd_tll = true;
                }
            }
        }
    }

    if (!is_ipv4 && !is_arp) {
        CLEAR_FIELD(match, nw_src);
        CLEAR_FIELD(match, nw_dst);
    }
    if (!is_ipv6) {
        CLEAR_FIELD(match, ipv6_src);
        CLEAR_FIELD(match, ipv6_dst);
    }
    if (!is_ip) {
        CLEAR_FIELD(match, ipv6_label);
    }
    if (!is_ip && !is_arp) {
        CLEAR_FIELD(match, nw_proto);
    }
    if (!is_ip) {
        CLEAR_FIELD(match, nw_tos);
        CLEAR_FIELD(match, nw_ttl);
        CLEAR_FIELD(match, nw_frag);
    }
    if (!is_arp && !nd_sll) {
        CLEAR_FIELD(match, arp_sha);
    }
    if (!is_arp && !nd_tll) {
        CLEAR_FIELD(match, arp_tha);
    }
    if (!l4) {
        CLEAR_FIELD(match, tp_src);
        CLEAR_FIELD(match, tp_dst);
    }
    if (!tcp) {
        CLEAR_FIELD(match, tcp_flags);
    }
    if (!nd) {
        CLEAR_FIELD(match, nd_target);
        CLEAR_FIELD(match, nd_reserved);
        CLEAR_FIELD(match, nd_options_type);
    }
    if (!is_mpls) {
        CLEAR_FIELD(match, mpls_lse);
    }
    return !match_equal(&orig, match);
}

/* Appends ",NAME=VALUE[/MASK]" for field ID if MATCH does not wildcard it,
 * printed as NAME. */
static void
format_field_as(const struct match *match, enum mf_field_id id,
                const char *name, struct ds *s)
{
    const struct mf_field *mf = mf_from_id(id);
    union mf_value value, mask;

    if (mf_is_all_wild(mf, &match->wc)) {
        return;
    }
    mf_get_value(mf, &match->flow, &value);
    mf_get_mask(mf, &match->wc, &mask);
    ds_put_format(s, "%s=", name);
    mf_format(mf, &value, &mask, s);
    ds_put_char(s, ',');
}

/* Like format_field_as(), without the mask. */
static void
format_field_value_as(const struct match *match, enum mf_field_id id,
                      const char *name, struct ds *s)
{
    const struct mf_field *mf = mf_from_id(id);
    union mf_value value;

    if (!mf_is_all_wild(mf, &match->wc)) {
        mf_get_value(mf, &match->flow, &value);
        ds_put_format(s, "%s=", name);
        mf_format(mf, &value, NULL, s);
        ds_put_char(s, ',');
    }
}

static void
format_field(const struct match *match, enum mf_field_id id, struct ds *s)
{
    format_field_as(match, id, mf_from_id(id)->name, s);
}

/* A field printed in decimal when exact, whatever its table format. */
static void
format_decimal_field(const struct match *m, enum mf_field_id id,
                     const char *name, struct ds *s)
{
    const struct mf_field *mf = mf_from_id(id);

    if (!mf_is_all_wild(mf, &m->wc)) {
        struct mf_field copy = *mf;

        copy.string = MFS_DECIMAL;
        union mf_value value, mask;

        mf_get_value(mf, &m->flow, &value);
        mf_get_mask(mf, &m->wc, &mask);
        ds_put_format(s, "%s=", name);
        mf_format(&copy, &value, &mask, s);
        ds_put_char(s, ',');
    }
}

static void
format_be16_masked(const char *name, ovs_be16 value, ovs_be16 mask,
                   struct ds *s)
{
    if (mask) {
        ds_put_format(s, "%s=", name);
        if (mask == OVS_BE16_MAX) {
            ds_put_format(s, "%"PRIu16, ntohs(value));
        } else {
            ds_put_format(s, "0x%"PRIx16"/0x%"PRIx16, ntohs(value),
                          ntohs(mask));
        }
        ds_put_char(s, ',');
    }
}

static const char *
shorthand(const struct match *m, bool *used_proto)
{
    *used_proto = false;
    if (m->wc.masks.dl_type != OVS_BE16_MAX) {
        return NULL;
    }
    uint16_t type = ntohs(m->flow.dl_type);
    if (type == ETH_TYPE_IP || type == ETH_TYPE_IPV6) {
        bool v6 = type == ETH_TYPE_IPV6;

        if (m->wc.masks.nw_proto == UINT8_MAX) {
            *used_proto = true;
            switch (m->flow.nw_proto) {
            case IPPROTO_TCP: return v6 ? "tcp6" : "tcp";
            case IPPROTO_UDP: return v6 ? "udp6" : "udp";
            case IPPROTO_SCTP: return v6 ? "sctp6" : "sctp";
            case IPPROTO_ICMP:
                if (!v6) {
                    return "icmp";
                }
                break;
            case IPPROTO_ICMPV6:
                if (v6) {
                    return "icmp6";
                }
                break;
            }
            *used_proto = false;
        }
        return v6 ? "ipv6" : "ip";
    }
    switch (type) {
    case ETH_TYPE_ARP: return "arp";
    case ETH_TYPE_RARP: return "rarp";
    case ETH_TYPE_MPLS: return "mpls";
    case ETH_TYPE_MPLS_MCAST: return "mplsm";
    }
    return NULL;
}

static void
format_vlan(const struct match *m, struct ds *s)
{
    uint16_t tci = ntohs(m->flow.vlans[0].tci);
    uint16_t mask = ntohs(m->wc.masks.vlans[0].tci);
    uint16_t vid_mask = mask & VLAN_VID_MASK;
    uint16_t pcp_mask = mask & VLAN_PCP_MASK;

    if (!mask) {
        return;
    }
    if ((mask & VLAN_CFI) && (tci & VLAN_CFI)
        && (vid_mask == 0 || vid_mask == VLAN_VID_MASK)
        && (pcp_mask == 0 || pcp_mask == VLAN_PCP_MASK)
        && (vid_mask || pcp_mask)) {
        if (vid_mask) {
            ds_put_format(s, "dl_vlan=%"PRIu16",", tci & VLAN_VID_MASK);
        }
        if (pcp_mask) {
            ds_put_format(s, "dl_vlan_pcp=%d,",
                          (tci & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT);
        }
    } else if (mask == UINT16_MAX) {
        ds_put_format(s, "vlan_tci=0x%04"PRIx16",", tci);
    } else {
        ds_put_format(s, "vlan_tci=0x%04"PRIx16"/0x%04"PRIx16",", tci, mask);
    }
}

static void
format_mpls(const struct match *m, struct ds *s)
{
    uint32_t lse = ntohl(m->flow.mpls_lse[0]);
    uint32_t mask = ntohl(m->wc.masks.mpls_lse[0]);

    if (mask & MPLS_LABEL_MASK) {
        ds_put_format(s, "mpls_label=%"PRIu32",",
                      (lse & MPLS_LABEL_MASK) >> MPLS_LABEL_SHIFT);
    }
    if (mask & MPLS_TC_MASK) {
        ds_put_format(s, "mpls_tc=%"PRIu32",",
                      (lse & MPLS_TC_MASK) >> MPLS_TC_SHIFT);
    }
    if (mask & MPLS_TTL_MASK) {
        ds_put_format(s, "mpls_ttl=%"PRIu32",", lse & MPLS_TTL_MASK);
    }
    if (mask & MPLS_BOS_MASK) {
        ds_put_format(s, "mpls_bos=%"PRIu32",",
                      (lse & MPLS_BOS_MASK) >> MPLS_BOS_SHIFT);
    }
}

void
match_format(const struct match *match, int priority, struct ds *s)
{
    const struct flow *f = &match->flow;
    const struct flow *w = &match->wc.masks;
    size_t start = s->length;
    bool is_arp = (w->dl_type == OVS_BE16_MAX
                   && (f->dl_type == htons(ETH_TYPE_ARP)
                       || f->dl_type == htons(ETH_TYPE_RARP)));
    bool is_icmp = (w->dl_type == OVS_BE16_MAX && w->nw_proto == UINT8_MAX
                    && ((f->dl_type == htons(ETH_TYPE_IP)
                         && f->nw_proto == IPPROTO_ICMP)
                        || (f->dl_type == htons(ETH_TYPE_IPV6)
                            && f->nw_proto == IPPROTO_ICMPV6)));
    bool is_nd = (is_icmp && f->dl_type == htons(ETH_TYPE_IPV6)
                  && w->tp_src == OVS_BE16_MAX
                  && (f->tp_src == htons(ND_NEIGHBOR_SOLICIT)
                      || f->tp_src == htons(ND_NEIGHBOR_ADVERT)));
    bool used_proto;
    const char *sh;

    if (priority != OFP_DEFAULT_PRIORITY) {
        ds_put_format(s, "priority=%d,", priority);
    }

    format_field(match, MFF_PKT_MARK, s);
    format_field(match, MFF_RECIRC_ID, s);
    format_field(match, MFF_DP_HASH, s);
    format_field(match, MFF_CONJ_ID, s);
    format_field(match, MFF_SKB_PRIORITY, s);
    format_field(match, MFF_ACTSET_OUTPUT, s);
    format_field(match, MFF_CT_STATE, s);
    format_decimal_field(match, MFF_CT_ZONE, "ct_zone", s);
    format_field(match, MFF_CT_MARK, s);
    format_field(match, MFF_CT_LABEL, s);
    format_field(match, MFF_CT_NW_SRC, s);
    format_field(match, MFF_CT_NW_DST, s);
    format_field(match, MFF_CT_IPV6_SRC, s);
    format_field(match, MFF_CT_IPV6_DST, s);
    format_field(match, MFF_CT_NW_PROTO, s);
    if (w->ct_nw_proto) {
        format_field(match, MFF_CT_TP_SRC, s);
        format_field(match, MFF_CT_TP_DST, s);
    }

    if (w->packet_type == OVS_BE32_MAX && f->packet_type != PT_ETH) {
        format_field(match, MFF_PACKET_TYPE, s);
    }
    sh = shorthand(match, &used_proto);
    if (sh) {
        ds_put_format(s, "%s,", sh);
    }

    for (int i = 0; i < FLOW_N_REGS; i++) {
        format_field(match, MFF_REG0 + i, s);
    }
    format_field(match, MFF_TUN_ID, s);
    format_field(match, MFF_TUN_SRC, s);
    format_field(match, MFF_TUN_DST, s);
    format_field(match, MFF_TUN_IPV6_SRC, s);
    format_field(match, MFF_TUN_IPV6_DST, s);
    format_field(match, MFF_TUN_GBP_ID, s);
    /* Upstream prints tun_gbp_flags and gtpu_flags without their masks. */
    format_field_value_as(match, MFF_TUN_GBP_FLAGS, "tun_gbp_flags", s);
    format_field(match, MFF_TUN_ERSPAN_VER, s);
    /* The ERSPAN index belongs to version 1, direction and hardware id to
     * version 2; each shows only with its version. */
    if (w->tunnel.erspan_ver && f->tunnel.erspan_ver == 1) {
        format_field(match, MFF_TUN_ERSPAN_IDX, s);
    }
    if (w->tunnel.erspan_ver && f->tunnel.erspan_ver == 2) {
        format_field(match, MFF_TUN_ERSPAN_DIR, s);
        format_field(match, MFF_TUN_ERSPAN_HWID, s);
    }
    format_field_value_as(match, MFF_TUN_GTPU_FLAGS, "gtpu_flags", s);
    format_field_as(match, MFF_TUN_GTPU_MSGTYPE, "gtpu_msgtype", s);
    format_field(match, MFF_TUN_FLAGS, s);
    format_field(match, MFF_TUN_TOS, s);
    format_field(match, MFF_TUN_TTL, s);
    format_field(match, MFF_METADATA, s);
    format_field(match, MFF_IN_PORT, s);

    format_vlan(match, s);
    format_field_as(match, MFF_ETH_SRC, "dl_src", s);
    format_field_as(match, MFF_ETH_DST, "dl_dst", s);
    if (!sh && w->dl_type) {
        ds_put_format(s, "dl_type=0x%04"PRIx16",", ntohs(f->dl_type));
    }
    format_mpls(match, s);

    if (is_arp) {
        format_field(match, MFF_ARP_SPA, s);
        format_field(match, MFF_ARP_TPA, s);
    } else {
        format_field_as(match, MFF_IPV4_SRC, "nw_src", s);
        format_field_as(match, MFF_IPV4_DST, "nw_dst", s);
    }
    format_field(match, MFF_IPV6_SRC, s);
    format_field(match, MFF_IPV6_DST, s);
    if (w->ipv6_label) {
        if (w->ipv6_label == htonl(0xfffff)
            || w->ipv6_label == OVS_BE32_MAX) {
            ds_put_format(s, "ipv6_label=0x%05"PRIx32",",
                          ntohl(f->ipv6_label));
        } else {
            ds_put_format(s, "ipv6_label=0x%05"PRIx32"/0x%05"PRIx32",",
                          ntohl(f->ipv6_label), ntohl(w->ipv6_label));
        }
    }
    if (w->nw_proto && !used_proto) {
        ds_put_format(s, "%s=%"PRIu8",", is_arp ? "arp_op" : "nw_proto",
                      f->nw_proto);
    }
    if (w->nw_tos & IP_DSCP_MASK) {
        ds_put_format(s, "nw_tos=%d,", f->nw_tos & IP_DSCP_MASK);
    }
    if (w->nw_tos & IP_ECN_MASK) {
        ds_put_format(s, "nw_ecn=%d,", f->nw_tos & IP_ECN_MASK);
    }
    if (w->nw_ttl) {
        ds_put_format(s, "nw_ttl=%"PRIu8",", f->nw_ttl);
    }
    format_field_as(match, MFF_IP_FRAG, "nw_frag", s);
    if (!is_nd) {
        format_field(match, MFF_ARP_SHA, s);
        format_field(match, MFF_ARP_THA, s);
    }
    if (is_icmp) {
        format_be16_masked("icmp_type", f->tp_src, w->tp_src, s);
        format_be16_masked("icmp_code", f->tp_dst, w->tp_dst, s);
    } else {
        format_be16_masked("tp_src", f->tp_src, w->tp_src, s);
        format_be16_masked("tp_dst", f->tp_dst, w->tp_dst, s);
    }
    format_field(match, MFF_TCP_FLAGS, s);
    format_field(match, MFF_ND_TARGET, s);
    if (is_nd) {
        format_field_as(match, MFF_ARP_SHA, "nd_sll", s);
        format_field_as(match, MFF_ARP_THA, "nd_tll", s);
    }
    format_field(match, MFF_ND_RESERVED, s);
    format_field(match, MFF_ND_OPTIONS_TYPE, s);

    if (s->length > start && ds_last(s) == ',') {
        ds_truncate(s, s->length - 1);
    }
}

char *
match_to_string(const struct match *match, int priority)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    match_format(match, priority, &s);
    return ds_steal_cstr(&s);
}
