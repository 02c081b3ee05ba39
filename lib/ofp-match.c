/* ofp-match.c: OpenFlow 1.0 and 1.1 fixed-format matches. */
#include <config.h>
#include "ofp-match.h"
#include <string.h>
#include "meta-flow.h"
#include "ofp-port.h"

/* VLAN from an OpenFlow 1.0 dl_vlan/dl_vlan_pcp pair (see ovs-fields(7)). */
static void
set_vlan10(struct match *match, bool vid_wild, uint16_t vid, bool pcp_wild,
           uint8_t pcp)
{
    uint16_t tci = 0, mask = 0;

    if (!vid_wild && vid == OFP10_VLAN_NONE) {
        /* No tag; the PCP is ignored. */
        match->flow.vlans[0].tci = 0;
        match->wc.masks.vlans[0].tci = OVS_BE16_MAX;
        return;
    }
    if (!vid_wild) {
        tci |= VLAN_CFI | (vid & VLAN_VID_MASK);
        mask |= VLAN_CFI | VLAN_VID_MASK;
    }
    if (!pcp_wild) {
        tci |= VLAN_CFI | ((pcp << VLAN_PCP_SHIFT) & VLAN_PCP_MASK);
        mask |= VLAN_CFI | VLAN_PCP_MASK;
    }
    match->flow.vlans[0].tci = htons(tci);
    match->wc.masks.vlans[0].tci = htons(mask);
}

enum ofperr
ofputil_match_from_ofp10_match(const struct ofp10_match *om,
                               struct match *match)
{
    uint32_t w = ntohl(om->wildcards) & OFPFW10_ALL;
    int bits;

    match_init_catchall(match);
    if (!(w & OFPFW10_IN_PORT)) {
        match_set_in_port(match, ntohs(om->in_port));
    }
    if (!(w & OFPFW10_DL_SRC)) {
        match->flow.dl_src = om->dl_src;
        match->wc.masks.dl_src = eth_addr_exact;
    }
    if (!(w & OFPFW10_DL_DST)) {
        match->flow.dl_dst = om->dl_dst;
        match->wc.masks.dl_dst = eth_addr_exact;
    }
    if (!(w & OFPFW10_DL_TYPE)) {
        match_set_dl_type(match, om->dl_type);
    }
    set_vlan10(match, w & OFPFW10_DL_VLAN, ntohs(om->dl_vlan),
               w & OFPFW10_DL_VLAN_PCP, om->dl_vlan_pcp);
    if (!(w & OFPFW10_NW_TOS)) {
        match->flow.nw_tos = om->nw_tos & IP_DSCP_MASK;
        match->wc.masks.nw_tos = IP_DSCP_MASK;
    }
    if (!(w & OFPFW10_NW_PROTO)) {
        match_set_nw_proto(match, om->nw_proto);
    }
    bits = (w & OFPFW10_NW_SRC_MASK) >> OFPFW10_NW_SRC_SHIFT;
    if (bits < 32) {
        match->wc.masks.nw_src = be32_prefix_mask(32 - bits);
        match->flow.nw_src = om->nw_src & match->wc.masks.nw_src;
    }
    bits = (w & OFPFW10_NW_DST_MASK) >> OFPFW10_NW_DST_SHIFT;
    if (bits < 32) {
        match->wc.masks.nw_dst = be32_prefix_mask(32 - bits);
        match->flow.nw_dst = om->nw_dst & match->wc.masks.nw_dst;
    }
    if (!(w & OFPFW10_TP_SRC)) {
        match->flow.tp_src = om->tp_src;
        match->wc.masks.tp_src = OVS_BE16_MAX;
    }
    if (!(w & OFPFW10_TP_DST)) {
        match->flow.tp_dst = om->tp_dst;
        match->wc.masks.tp_dst = OVS_BE16_MAX;
    }
    match_normalize(match);
    return 0;
}

/* The OpenFlow 1.0 wildcard bits for an IPv4 mask (wildcarded low bits,
 * 32 or more meaning all). */
static uint32_t
ip_wild_bits(ovs_be32 mask)
{
    return mask ? 32 - ip_count_cidr_bits(mask) : 32;
}

void
ofputil_match_to_ofp10_match(const struct match *match,
                             struct ofp10_match *om)
{
    const struct flow_wildcards *wc = &match->wc;
    uint32_t w = 0;
    uint16_t tci = ntohs(match->flow.vlans[0].tci);
    uint16_t tci_mask = ntohs(wc->masks.vlans[0].tci);

    memset(om, 0, sizeof *om);
    if (wc->masks.in_port.ofp_port) {
        om->in_port = htons(match->flow.in_port.ofp_port);
    } else {
        w |= OFPFW10_IN_PORT;
    }
    if (!tci_mask) {
        w |= OFPFW10_DL_VLAN | OFPFW10_DL_VLAN_PCP;
    } else if (tci_mask == UINT16_MAX && !tci) {
        om->dl_vlan = htons(OFP10_VLAN_NONE);
        w |= OFPFW10_DL_VLAN_PCP;
    } else {
        if (tci_mask & VLAN_VID_MASK) {
            om->dl_vlan = htons(tci & VLAN_VID_MASK);
        } else {
            w |= OFPFW10_DL_VLAN;
        }
        if (tci_mask & VLAN_PCP_MASK) {
            om->dl_vlan_pcp = (tci & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT;
        } else {
            w |= OFPFW10_DL_VLAN_PCP;
        }
    }
    if (eth_addr_is_zero(wc->masks.dl_src)) {
        w |= OFPFW10_DL_SRC;
    } else {
        om->dl_src = match->flow.dl_src;
    }
    if (eth_addr_is_zero(wc->masks.dl_dst)) {
        w |= OFPFW10_DL_DST;
    } else {
        om->dl_dst = match->flow.dl_dst;
    }
    if (wc->masks.dl_type) {
        om->dl_type = match->flow.dl_type;
    } else {
        w |= OFPFW10_DL_TYPE;
    }
    if (wc->masks.nw_tos & IP_DSCP_MASK) {
        om->nw_tos = match->flow.nw_tos & IP_DSCP_MASK;
    } else {
        w |= OFPFW10_NW_TOS;
    }
    if (wc->masks.nw_proto) {
        om->nw_proto = match->flow.nw_proto;
    } else {
        w |= OFPFW10_NW_PROTO;
    }
    w |= ip_wild_bits(wc->masks.nw_src) << OFPFW10_NW_SRC_SHIFT;
    w |= ip_wild_bits(wc->masks.nw_dst) << OFPFW10_NW_DST_SHIFT;
    om->nw_src = match->flow.nw_src;
    om->nw_dst = match->flow.nw_dst;
    if (wc->masks.tp_src) {
        om->tp_src = match->flow.tp_src;
    } else {
        w |= OFPFW10_TP_SRC;
    }
    if (wc->masks.tp_dst) {
        om->tp_dst = match->flow.tp_dst;
    } else {
        w |= OFPFW10_TP_DST;
    }
    om->wildcards = htonl(w);
}

bool
ofputil_match_is_ofp10(const struct match *match)
{
    struct ofp10_match om;
    struct match copy = *match, back;

    match_normalize(&copy);
    ofputil_match_to_ofp10_match(&copy, &om);
    ofputil_match_from_ofp10_match(&om, &back);
    return match_equal(&copy, &back);
}

enum ofperr
ofputil_match_from_ofp11_match(const struct ofp11_match *om,
                               struct match *match)
{
    uint32_t w = ntohl(om->wildcards);
    ofp_port_t port;

    match_init_catchall(match);
    if (om->type != htons(OFPMT_STANDARD)) {
        return OFPERR_OFPBMC_BAD_TYPE;
    }
    if (om->length != htons(OFPMT11_STANDARD_LENGTH)) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    if (!(w & OFPFW11_IN_PORT)) {
        if (!ofputil_port_from_ofp11(ntohl(om->in_port), &port)) {
            return OFPERR_OFPBMC_BAD_VALUE;
        }
        match_set_in_port(match, port);
    }
    for (int i = 0; i < ETH_ADDR_LEN; i++) {
        match->wc.masks.dl_src.ea[i] = ~om->dl_src_mask.ea[i];
        match->wc.masks.dl_dst.ea[i] = ~om->dl_dst_mask.ea[i];
    }
    match->flow.dl_src = eth_addr_and(om->dl_src, match->wc.masks.dl_src);
    match->flow.dl_dst = eth_addr_and(om->dl_dst, match->wc.masks.dl_dst);

    if (!(w & OFPFW11_DL_VLAN)) {
        uint16_t vid = ntohs(om->dl_vlan);

        if (vid == OFPVID11_NONE) {
            match->flow.vlans[0].tci = 0;
            match->wc.masks.vlans[0].tci = OVS_BE16_MAX;
        } else {
            uint16_t tci = VLAN_CFI, mask = VLAN_CFI;

            if (vid != OFPVID11_ANY) {
                tci |= vid & VLAN_VID_MASK;
                mask |= VLAN_VID_MASK;
            }
            if (!(w & OFPFW11_DL_VLAN_PCP)) {
                tci |= (om->dl_vlan_pcp << VLAN_PCP_SHIFT) & VLAN_PCP_MASK;
                mask |= VLAN_PCP_MASK;
            }
            match->flow.vlans[0].tci = htons(tci);
            match->wc.masks.vlans[0].tci = htons(mask);
        }
    }
    if (!(w & OFPFW11_DL_TYPE)) {
        match_set_dl_type(match, om->dl_type);
    }
    /* OpenFlow 1.1's L3 and L4 fields are IPv4's (and ARP's); they mean
     * nothing for other Ethertypes. */
    bool is_ip = match->flow.dl_type == htons(ETH_TYPE_IP)
                 && match->wc.masks.dl_type;
    bool is_arp = ((match->flow.dl_type == htons(ETH_TYPE_ARP)
                    || match->flow.dl_type == htons(ETH_TYPE_RARP))
                   && match->wc.masks.dl_type);

    if (is_ip && !(w & OFPFW11_NW_TOS)) {
        match->flow.nw_tos = om->nw_tos & IP_DSCP_MASK;
        match->wc.masks.nw_tos = IP_DSCP_MASK;
    }
    if ((is_ip || is_arp) && !(w & OFPFW11_NW_PROTO)) {
        match_set_nw_proto(match, om->nw_proto);
    }
    if (is_ip || is_arp) {
        match->wc.masks.nw_src = ~om->nw_src_mask;
        match->flow.nw_src = om->nw_src & match->wc.masks.nw_src;
        match->wc.masks.nw_dst = ~om->nw_dst_mask;
        match->flow.nw_dst = om->nw_dst & match->wc.masks.nw_dst;
    }
    if (is_ip && match->wc.masks.nw_proto
        && (om->nw_proto == IPPROTO_TCP || om->nw_proto == IPPROTO_UDP
            || om->nw_proto == IPPROTO_SCTP
            || om->nw_proto == IPPROTO_ICMP)) {
        if (!(w & OFPFW11_TP_SRC)) {
            match->flow.tp_src = om->tp_src;
            match->wc.masks.tp_src = OVS_BE16_MAX;
        }
        if (!(w & OFPFW11_TP_DST)) {
            match->flow.tp_dst = om->tp_dst;
            match->wc.masks.tp_dst = OVS_BE16_MAX;
        }
    }
    if (!(w & OFPFW11_MPLS_LABEL)) {
        union mf_value v;

        v.be32 = om->mpls_label;
        mf_set_value(mf_from_id(MFF_MPLS_LABEL), &v, match);
    }
    if (!(w & OFPFW11_MPLS_TC)) {
        union mf_value v;

        v.u8 = om->mpls_tc;
        mf_set_value(mf_from_id(MFF_MPLS_TC), &v, match);
    }
    match->wc.masks.metadata = ~om->metadata_mask;
    match->flow.metadata = om->metadata & match->wc.masks.metadata;
    match_normalize(match);
    return 0;
}

void
ofputil_match_to_ofp11_match(const struct match *match,
                             struct ofp11_match *om)
{
    const struct flow_wildcards *wc = &match->wc;
    uint16_t tci = ntohs(match->flow.vlans[0].tci);
    uint16_t tci_mask = ntohs(wc->masks.vlans[0].tci);
    uint32_t lse_mask = ntohl(wc->masks.mpls_lse[0]);
    uint32_t lse = ntohl(match->flow.mpls_lse[0]);
    uint32_t w = 0;

    memset(om, 0, sizeof *om);
    om->type = htons(OFPMT_STANDARD);
    om->length = htons(OFPMT11_STANDARD_LENGTH);
    if (wc->masks.in_port.ofp_port) {
        om->in_port = htonl(ofputil_port_to_ofp11(
                                match->flow.in_port.ofp_port));
    } else {
        w |= OFPFW11_IN_PORT;
    }
    om->dl_src = match->flow.dl_src;
    om->dl_dst = match->flow.dl_dst;
    for (int i = 0; i < ETH_ADDR_LEN; i++) {
        om->dl_src_mask.ea[i] = ~wc->masks.dl_src.ea[i];
        om->dl_dst_mask.ea[i] = ~wc->masks.dl_dst.ea[i];
    }
    if (!(tci_mask & VLAN_CFI)) {
        w |= OFPFW11_DL_VLAN | OFPFW11_DL_VLAN_PCP;
    } else if (!(tci & VLAN_CFI)) {
        om->dl_vlan = htons(OFPVID11_NONE);
        w |= OFPFW11_DL_VLAN_PCP;
    } else {
        om->dl_vlan = htons(tci_mask & VLAN_VID_MASK
                            ? tci & VLAN_VID_MASK : OFPVID11_ANY);
        if (tci_mask & VLAN_PCP_MASK) {
            om->dl_vlan_pcp = (tci & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT;
        } else {
            w |= OFPFW11_DL_VLAN_PCP;
        }
    }
    if (wc->masks.dl_type) {
        om->dl_type = match->flow.dl_type;
    } else {
        w |= OFPFW11_DL_TYPE;
    }
    if (wc->masks.nw_tos & IP_DSCP_MASK) {
        om->nw_tos = match->flow.nw_tos & IP_DSCP_MASK;
    } else {
        w |= OFPFW11_NW_TOS;
    }
    if (wc->masks.nw_proto) {
        om->nw_proto = match->flow.nw_proto;
    } else {
        w |= OFPFW11_NW_PROTO;
    }
    om->nw_src = match->flow.nw_src;
    om->nw_src_mask = ~wc->masks.nw_src;
    om->nw_dst = match->flow.nw_dst;
    om->nw_dst_mask = ~wc->masks.nw_dst;
    if (wc->masks.tp_src) {
        om->tp_src = match->flow.tp_src;
    } else {
        w |= OFPFW11_TP_SRC;
    }
    if (wc->masks.tp_dst) {
        om->tp_dst = match->flow.tp_dst;
    } else {
        w |= OFPFW11_TP_DST;
    }
    if (lse_mask & MPLS_LABEL_MASK) {
        om->mpls_label = htonl((lse & MPLS_LABEL_MASK) >> MPLS_LABEL_SHIFT);
    } else {
        w |= OFPFW11_MPLS_LABEL;
    }
    if (lse_mask & MPLS_TC_MASK) {
        om->mpls_tc = (lse & MPLS_TC_MASK) >> MPLS_TC_SHIFT;
    } else {
        w |= OFPFW11_MPLS_TC;
    }
    om->metadata = match->flow.metadata;
    om->metadata_mask = ~wc->masks.metadata;
    om->wildcards = htonl(w);
}
