/* flow.c: flow keys, packet parsing and composing, wildcards, miniflows
 * (see flow.h). */
#include <config.h>
#include "flow.h"

#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "dynamic-string.h"
#include "hash.h"
#include "packets.h"
#include "util.h"

BUILD_ASSERT_DECL(offsetof(struct flow, tunnel) == 0);
BUILD_ASSERT_DECL(sizeof(struct flow_tnl) % 8 == 0);

/* Parsing.
 *
 * The parser walks a cursor (struct parse) over the packet's bytes.  Every
 * read is preceded by a check that the bytes are there, so no input can
 * make it read outside the packet; every step consumes at least one byte
 * or stops, so it always terminates. */

struct parse {
    const uint8_t *data;        /* Next unparsed byte. */
    size_t size;                /* Bytes left from DATA. */
};

static inline const void *
parse_pull(struct parse *p, size_t n)
{
    const void *d = p->data;

    if (OVS_UNLIKELY(p->size < n)) {
        return NULL;
    }
    p->data += n;
    p->size -= n;
    return d;
}

static inline ovs_be16
get_be16(const uint8_t *p)
{
    return get_unaligned_be16(p);
}

/* Parses the type/length field at P (and an LLC/SNAP header if it is a
 * length), returning the Ethertype. */
static ovs_be16
parse_ethertype(struct parse *p)
{
    const struct llc_snap_header *llc;
    ovs_be16 type = get_be16(parse_pull(p, 2));

    if (OVS_LIKELY(ntohs(type) >= ETH_TYPE_MIN)) {
        return type;
    }
    if (p->size < LLC_SNAP_HEADER_LEN) {
        return htons(FLOW_DL_TYPE_NONE);
    }
    llc = (const struct llc_snap_header *) p->data;
    if (llc->llc_dsap != LLC_DSAP_SNAP || llc->llc_ssap != LLC_SSAP_SNAP
        || llc->llc_cntl != LLC_CNTL_SNAP
        || llc->snap_org[0] || llc->snap_org[1] || llc->snap_org[2]) {
        return htons(FLOW_DL_TYPE_NONE);
    }
    parse_pull(p, LLC_SNAP_HEADER_LEN);
    return (ntohs(llc->snap_type) >= ETH_TYPE_MIN
            ? llc->snap_type : htons(FLOW_DL_TYPE_NONE));
}

/* Parses the options of a neighbor solicitation or advertisement whose
 * fixed part is at ND (already known to be there), with OPTS_SIZE bytes of
 * options after it.  Options of unknown type are skipped; a malformed
 * option ends the list, keeping what came before it; a second source or
 * target link-layer address makes the message invalid, which clears all
 * ND fields. */
static void
parse_nd(const struct nd_msg *nd, size_t opts_size, struct flow *flow)
{
    const uint8_t *opt = (const uint8_t *) (nd + 1);
    bool first = true;

    flow->nd_target = get_16aligned_in6(&nd->target);
    flow->nd_reserved = get_16aligned_be32(&nd->icmph.icmp6_data.be32[0]);

    while (opts_size >= ND_LLA_OPT_LEN) {
        size_t opt_len = opt[1] * 8;

        if (!opt_len || opt_len > opts_size) {
            break;
        }
        if (first) {
            flow->nd_options_type = opt[0];
            first = false;
        }
        if (opt_len == ND_LLA_OPT_LEN) {
            const struct nd_lla_opt *lla = (const struct nd_lla_opt *) opt;

            if (lla->type == ND_OPT_SOURCE_LINKADDR) {
                if (!eth_addr_is_zero(flow->arp_sha)) {
                    goto invalid;
                }
                flow->arp_sha = lla->mac;
            } else if (lla->type == ND_OPT_TARGET_LINKADDR) {
                if (!eth_addr_is_zero(flow->arp_tha)) {
                    goto invalid;
                }
                flow->arp_tha = lla->mac;
            }
        }
        opt += opt_len;
        opts_size -= opt_len;
    }
    return;

invalid:
    memset(&flow->nd_target, 0, sizeof flow->nd_target);
    flow->arp_sha = eth_addr_zero;
    flow->arp_tha = eth_addr_zero;
    flow->nd_reserved = 0;
    flow->nd_options_type = 0;
}

/* Parses the L4 header at P for IP protocol PROTO, over IPv6 if IPV6.
 * As upstream, ICMP, ICMPv6 and IGMP headers give their type and code
 * over either IP version; only neighbor discovery needs IPv6. */
static void
parse_l4(struct dp_packet *packet, const uint8_t *frame, struct parse *p,
         uint8_t proto, bool ipv6, struct flow *flow)
{
    const uint8_t *l4 = p->data;
    size_t size = p->size;

    switch (proto) {
    case IPPROTO_TCP:
        if (OVS_LIKELY(size >= TCP_HEADER_LEN)) {
            const struct tcp_header *tcp = (const void *) l4;
            size_t tcp_len = TCP_OFFSET(tcp->tcp_ctl) * 4;

            if (tcp_len >= TCP_HEADER_LEN && tcp_len <= size) {
                flow->tp_src = tcp->tcp_src;
                flow->tp_dst = tcp->tcp_dst;
                flow->tcp_flags = TCP_FLAGS_BE16(tcp->tcp_ctl);
                packet->l4_ofs = l4 - frame;
            }
        }
        break;

    case IPPROTO_UDP:
        if (OVS_LIKELY(size >= UDP_HEADER_LEN)) {
            const struct udp_header *udp = (const void *) l4;

            flow->tp_src = udp->udp_src;
            flow->tp_dst = udp->udp_dst;
            packet->l4_ofs = l4 - frame;
        }
        break;

    case IPPROTO_SCTP:
        if (size >= SCTP_HEADER_LEN) {
            const struct sctp_header *sctp = (const void *) l4;

            flow->tp_src = sctp->sctp_src;
            flow->tp_dst = sctp->sctp_dst;
            packet->l4_ofs = l4 - frame;
        }
        break;

    case IPPROTO_ICMP:
        if (size >= ICMP_HEADER_LEN) {
            const struct icmp_header *icmp = (const void *) l4;

            flow->tp_src = htons(icmp->icmp_type);
            flow->tp_dst = htons(icmp->icmp_code);
            packet->l4_ofs = l4 - frame;
        }
        break;

    case IPPROTO_IGMP:
        if (size >= IGMP_HEADER_LEN) {
            const struct igmp_header *igmp = (const void *) l4;

            flow->tp_src = htons(igmp->igmp_type);
            flow->tp_dst = htons(igmp->igmp_code);
            flow->igmp_group_ip4 = get_16aligned_be32(&igmp->group);
            packet->l4_ofs = l4 - frame;
        }
        break;

    case IPPROTO_ICMPV6:
        if (size >= ICMP6_HEADER_LEN) {
            const struct icmp6_data_header *icmp6 = (const void *) l4;

            flow->tp_src = htons(icmp6->icmp6_type);
            flow->tp_dst = htons(icmp6->icmp6_code);
            packet->l4_ofs = l4 - frame;
            if (ipv6 && !icmp6->icmp6_code
                && (icmp6->icmp6_type == ND_NEIGHBOR_SOLICIT
                    || icmp6->icmp6_type == ND_NEIGHBOR_ADVERT)
                && size >= ND_MSG_LEN) {
                parse_nd((const struct nd_msg *) l4, size - ND_MSG_LEN,
                         flow);
            }
        }
        break;

    default:
        break;
    }
}

/* Walks the IPv6 extension headers at P, starting with next header
 * *NW_PROTO.  On success, leaves P at the upper-layer header, sets
 * *NW_PROTO to its protocol and *NW_FRAG from a fragment header (for a
 * later fragment, stops there with *NW_PROTO = IPPROTO_FRAGMENT) and
 * returns true.  Returns false if an extension header is truncated. */
static bool
parse_ipv6_ext_hdrs(struct parse *p, uint8_t *nw_proto, uint8_t *nw_frag)
{
    for (;;) {
        uint8_t proto = *nw_proto;
        const uint8_t *ext;
        size_t len;

        if (proto == IPPROTO_HOPOPTS || proto == IPPROTO_ROUTING
            || proto == IPPROTO_DSTOPTS || proto == IPPROTO_AH) {
            if (p->size < 8) {
                return false;
            }
            ext = p->data;
            len = (proto == IPPROTO_AH
                   ? ((size_t) ext[1] + 2) * 4
                   : ((size_t) ext[1] + 1) * 8);
            if (!parse_pull(p, len)) {
                return false;
            }
            *nw_proto = ext[0];
        } else if (proto == IPPROTO_FRAGMENT) {
            const struct ip6_frag_header *frag = parse_pull(p,
                                                    IP6_FRAG_HEADER_LEN);
            ovs_be16 offlg;

            if (!frag) {
                return false;
            }
            *nw_proto = frag->ip6f_nxt;
            offlg = frag->ip6f_offlg;
            if (offlg & htons(IP6_FRAG_OFF_MASK | IP6_FRAG_MORE)) {
                *nw_frag = FLOW_NW_FRAG_ANY;
                if (offlg & htons(IP6_FRAG_OFF_MASK)) {
                    *nw_frag |= FLOW_NW_FRAG_LATER;
                    *nw_proto = IPPROTO_FRAGMENT;
                    return true;
                }
            }
        } else {
            return true;
        }
    }
}

static void
flow_extract_metadata(const struct dp_packet *packet, struct flow *flow)
{
    const struct pkt_metadata *md = &packet->md;

    if (OVS_UNLIKELY(flow_tnl_dst_is_set(&md->tunnel))) {
        flow->tunnel = md->tunnel;
    }
    flow->skb_priority = md->skb_priority;
    flow->pkt_mark = md->pkt_mark;
    flow->dp_hash = md->dp_hash;
    flow->in_port.odp_port = md->in_port;
    flow->recirc_id = md->recirc_id;
    flow->ct_state = md->ct_state;
    flow->ct_zone = md->ct_zone;
    flow->ct_mark = md->ct_mark;
    flow->ct_label = md->ct_label;
    flow->packet_type = packet->packet_type;
}

/* Copies the conntrack original tuple into FLOW if it is valid and of the
 * packet's address family. */
static void
flow_extract_ct_tuple(const struct pkt_metadata *md, struct flow *flow)
{
    const struct pkt_ct_tuple *t = &md->ct_orig_tuple;

    if (!(md->ct_state & CS_TRACKED) || (md->ct_state & CS_INVALID)) {
        return;
    }
    if (!md->ct_orig_tuple_ipv6 && is_ipv4(flow)) {
        flow->ct_nw_src = t->ip4.src;
        flow->ct_nw_dst = t->ip4.dst;
    } else if (md->ct_orig_tuple_ipv6 && is_ipv6(flow)) {
        flow->ct_ipv6_src = t->ip6.src;
        flow->ct_ipv6_dst = t->ip6.dst;
    } else {
        return;
    }
    flow->ct_nw_proto = t->proto;
    flow->ct_tp_src = t->src_port;
    flow->ct_tp_dst = t->dst_port;
}

void
flow_extract(struct dp_packet *packet, struct flow *flow)
{
    const uint8_t *frame = dp_packet_data(packet);
    struct parse p = { frame, dp_packet_size(packet) };
    ovs_be16 dl_type;

    memset(flow, 0, sizeof *flow);
    flow_extract_metadata(packet, flow);
    dp_packet_reset_offsets(packet);

    /* L2. */
    if (OVS_LIKELY(packet->packet_type == PT_ETH)) {
        const struct eth_header *eth = (const void *) frame;
        int n_vlans = 0;

        if (OVS_UNLIKELY(p.size < ETH_HEADER_LEN)) {
            return;
        }
        flow->dl_dst = eth->eth_dst;
        flow->dl_src = eth->eth_src;
        parse_pull(&p, 2 * ETH_ADDR_LEN);

        /* A tag counts only if the Ethertype after it is there too. */
        while (n_vlans < FLOW_MAX_VLAN_HEADERS
               && p.size >= VLAN_HEADER_LEN + 2
               && eth_type_vlan(get_be16(p.data))) {
            flow->vlans[n_vlans].tpid = get_be16(p.data);
            flow->vlans[n_vlans].tci = get_be16(p.data + 2) | htons(VLAN_CFI);
            parse_pull(&p, VLAN_HEADER_LEN);
            n_vlans++;
        }
        dl_type = parse_ethertype(&p);
    } else if (pt_ns(packet->packet_type) == OFPHTN_ETHERTYPE) {
        dl_type = pt_ns_type_be(packet->packet_type);
    } else {
        return;
    }
    flow->dl_type = dl_type;

    /* MPLS: the label stack only. */
    if (OVS_UNLIKELY(eth_type_mpls(dl_type))) {
        packet->l2_5_ofs = p.data - frame;
        for (int i = 0; i < FLOW_MAX_MPLS_LABELS && p.size >= MPLS_HLEN;
             i++) {
            ovs_be32 lse = get_unaligned_be32(parse_pull(&p, MPLS_HLEN));

            flow->mpls_lse[i] = lse;
            if (lse & htonl(MPLS_BOS_MASK)) {
                break;
            }
        }
        return;
    }

    /* L3 and L4. */
    if (OVS_LIKELY(dl_type == htons(ETH_TYPE_IP))) {
        const struct ip_header *nh = (const void *) p.data;
        size_t ihl, tot_len;

        if (OVS_UNLIKELY(p.size < IP_HEADER_LEN)) {
            return;
        }
        ihl = IP_IHL(nh->ip_ihl_ver) * 4;
        tot_len = ntohs(nh->ip_tot_len);
        if (OVS_UNLIKELY(ihl < IP_HEADER_LEN || tot_len < ihl
                         || tot_len > p.size)) {
            return;
        }
        packet->l3_ofs = p.data - frame;
        packet->l2_pad_size = p.size - tot_len;
        p.size = tot_len;

        flow->nw_src = get_16aligned_be32(&nh->ip_src);
        flow->nw_dst = get_16aligned_be32(&nh->ip_dst);
        flow->nw_proto = nh->ip_proto;
        flow->nw_tos = nh->ip_tos;
        flow->nw_ttl = nh->ip_ttl;
        if (OVS_UNLIKELY(IP_IS_FRAGMENT(nh->ip_frag_off))) {
            flow->nw_frag = FLOW_NW_FRAG_ANY;
            if (nh->ip_frag_off & htons(IP_FRAG_OFF_MASK)) {
                flow->nw_frag |= FLOW_NW_FRAG_LATER;
            }
        }
        flow_extract_ct_tuple(&packet->md, flow);
        parse_pull(&p, ihl);
        if (!(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
            parse_l4(packet, frame, &p, flow->nw_proto, false, flow);
        }
    } else if (dl_type == htons(ETH_TYPE_IPV6)) {
        const struct ip6_header *nh = (const void *) p.data;
        uint8_t nw_proto, nw_frag = 0;
        ovs_be32 tc_flow;
        size_t plen;

        if (OVS_UNLIKELY(p.size < IPV6_HEADER_LEN)) {
            return;
        }
        plen = ntohs(nh->ip6_plen);
        if (OVS_UNLIKELY(plen + IPV6_HEADER_LEN > p.size)) {
            return;
        }
        packet->l3_ofs = p.data - frame;
        packet->l2_pad_size = p.size - IPV6_HEADER_LEN - plen;
        p.size = plen + IPV6_HEADER_LEN;

        flow->ipv6_src = get_16aligned_in6(&nh->ip6_src);
        flow->ipv6_dst = get_16aligned_in6(&nh->ip6_dst);
        nw_proto = nh->ip6_nxt;
        parse_pull(&p, IPV6_HEADER_LEN);
        if (OVS_UNLIKELY(!parse_ipv6_ext_hdrs(&p, &nw_proto, &nw_frag))) {
            return;
        }
        tc_flow = get_16aligned_be32(&nh->ip6_flow);
        flow->ipv6_label = tc_flow & htonl(IPV6_LABEL_MASK);
        flow->nw_tos = ntohl(tc_flow) >> 20;
        flow->nw_ttl = nh->ip6_hlim;
        flow->nw_proto = nw_proto;
        flow->nw_frag = nw_frag;
        flow_extract_ct_tuple(&packet->md, flow);
        if (!(nw_frag & FLOW_NW_FRAG_LATER)) {
            parse_l4(packet, frame, &p, nw_proto, true, flow);
        }
    } else if (dl_type == htons(ETH_TYPE_ARP)
               || dl_type == htons(ETH_TYPE_RARP)) {
        const struct arp_eth_header *arp = (const void *) p.data;

        packet->l3_ofs = p.data - frame;
        if (p.size >= ARP_ETH_HEADER_LEN
            && arp->ar_hrd == htons(ARP_HTYPE_ETH)
            && arp->ar_pro == htons(ETH_TYPE_IP)
            && arp->ar_hln == ETH_ADDR_LEN && arp->ar_pln == 4) {
            uint16_t op = ntohs(arp->ar_op);

            flow->nw_proto = op <= 0xff ? op : 0;
            flow->nw_src = get_16aligned_be32(&arp->ar_spa);
            flow->nw_dst = get_16aligned_be32(&arp->ar_tpa);
            flow->arp_sha = arp->ar_sha;
            flow->arp_tha = arp->ar_tha;
        }
    } else {
        packet->l3_ofs = p.data - frame;
    }
}

/* Composing. */

static void
compose_payload(struct dp_packet *packet, size_t n)
{
    uint8_t *p = dp_packet_put_uninit(packet, n);

    for (size_t i = 0; i < n; i++) {
        p[i] = i;
    }
}

/* Appends the L4 header for FLOW and L7_LEN bytes of payload. */
static void
compose_l4(struct dp_packet *packet, const struct flow *flow, size_t l7_len)
{
    uint8_t proto = flow->nw_proto;

    packet->l4_ofs = dp_packet_size(packet);
    if (proto == IPPROTO_TCP) {
        struct tcp_header *tcp = dp_packet_put_zeros(packet, TCP_HEADER_LEN);

        tcp->tcp_src = flow->tp_src;
        tcp->tcp_dst = flow->tp_dst;
        tcp->tcp_ctl = TCP_CTL(ntohs(flow->tcp_flags) & 0x0fff, 5);
        tcp->tcp_winsz = htons(65535);
    } else if (proto == IPPROTO_UDP) {
        struct udp_header *udp = dp_packet_put_zeros(packet, UDP_HEADER_LEN);

        udp->udp_src = flow->tp_src;
        udp->udp_dst = flow->tp_dst;
        udp->udp_len = htons(UDP_HEADER_LEN + l7_len);
    } else if (proto == IPPROTO_SCTP) {
        struct sctp_header *sctp = dp_packet_put_zeros(packet,
                                                       SCTP_HEADER_LEN);

        sctp->sctp_src = flow->tp_src;
        sctp->sctp_dst = flow->tp_dst;
    } else if (proto == IPPROTO_ICMP) {
        struct icmp_header *icmp = dp_packet_put_zeros(packet,
                                                       ICMP_HEADER_LEN);

        icmp->icmp_type = ntohs(flow->tp_src);
        icmp->icmp_code = ntohs(flow->tp_dst);
    } else if (proto == IPPROTO_IGMP) {
        struct igmp_header *igmp = dp_packet_put_zeros(packet,
                                                       IGMP_HEADER_LEN);

        igmp->igmp_type = ntohs(flow->tp_src);
        igmp->igmp_code = ntohs(flow->tp_dst);
        put_16aligned_be32(&igmp->group, flow->igmp_group_ip4);
    } else if (proto == IPPROTO_ICMPV6) {
        struct icmp6_data_header *icmp6;

        if (is_nd(flow)) {
            struct nd_msg *nd = dp_packet_put_zeros(packet, ND_MSG_LEN);

            nd->icmph.icmp6_type = ntohs(flow->tp_src);
            put_16aligned_be32(&nd->icmph.icmp6_data.be32[0],
                               flow->nd_reserved);
            put_16aligned_in6(&nd->target, &flow->nd_target);
            if (!eth_addr_is_zero(flow->arp_sha)) {
                struct nd_lla_opt *o = dp_packet_put_zeros(packet,
                                                           ND_LLA_OPT_LEN);
                o->type = ND_OPT_SOURCE_LINKADDR;
                o->len = 1;
                o->mac = flow->arp_sha;
            }
            if (!eth_addr_is_zero(flow->arp_tha)) {
                struct nd_lla_opt *o = dp_packet_put_zeros(packet,
                                                           ND_LLA_OPT_LEN);
                o->type = ND_OPT_TARGET_LINKADDR;
                o->len = 1;
                o->mac = flow->arp_tha;
            }
            /* Options would swallow a payload. */
            return;
        }
        icmp6 = dp_packet_put_zeros(packet, ICMP6_HEADER_LEN);
        icmp6->icmp6_type = ntohs(flow->tp_src);
        icmp6->icmp6_code = ntohs(flow->tp_dst);
    } else {
        packet->l4_ofs = DP_PACKET_OFS_NONE;
    }
    compose_payload(packet, l7_len);
}

void
flow_compose(struct dp_packet *packet, const struct flow *flow,
             size_t l7_len)
{
    dp_packet_clear(packet);
    packet->packet_type = flow->packet_type;

    if (flow_is_eth(flow)) {
        struct eth_header *eth = dp_packet_put_zeros(packet, 2 * ETH_ADDR_LEN);

        eth->eth_dst = flow->dl_dst;
        eth->eth_src = flow->dl_src;
        for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
            const union flow_vlan_hdr *v = &flow->vlans[i];
            ovs_be16 tag[2];

            if (!(v->tci & htons(VLAN_CFI))) {
                break;
            }
            tag[0] = v->tpid;
            tag[1] = v->tci & htons(~VLAN_CFI);
            dp_packet_put(packet, tag, sizeof tag);
        }
        if (flow->dl_type == htons(FLOW_DL_TYPE_NONE)) {
            /* An 802.3 frame with a non-SNAP LLC header. */
            static const uint8_t llc[3] = { 0x42, 0x42, 0x03 };
            ovs_be16 len = htons(sizeof llc + l7_len);

            dp_packet_put(packet, &len, sizeof len);
            dp_packet_put(packet, llc, sizeof llc);
            compose_payload(packet, l7_len);
            return;
        }
        dp_packet_put(packet, &flow->dl_type, sizeof flow->dl_type);
    } else if (pt_ns(flow->packet_type) != OFPHTN_ETHERTYPE) {
        return;
    }

    if (flow_is_mpls(flow)) {
        int n = flow_count_mpls_labels(flow);

        packet->l2_5_ofs = dp_packet_size(packet);
        for (int i = 0; i < n; i++) {
            dp_packet_put(packet, &flow->mpls_lse[i], MPLS_HLEN);
        }
        compose_payload(packet, l7_len);
        return;
    }

    if (is_ipv4(flow)) {
        struct ip_header *ip;
        size_t l3_ofs = dp_packet_size(packet);

        packet->l3_ofs = l3_ofs;
        ip = dp_packet_put_zeros(packet, IP_HEADER_LEN);
        ip->ip_ihl_ver = IP_IHL_VER(5, 4);
        ip->ip_tos = flow->nw_tos;
        ip->ip_ttl = flow->nw_ttl;
        ip->ip_proto = flow->nw_proto;
        put_16aligned_be32(&ip->ip_src, flow->nw_src);
        put_16aligned_be32(&ip->ip_dst, flow->nw_dst);
        if (flow->nw_frag & FLOW_NW_FRAG_ANY) {
            ip->ip_frag_off = htons(IP_MORE_FRAGMENTS);
            if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
                ip->ip_frag_off |= htons(100);
            }
        }
        if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
            compose_payload(packet, l7_len);
        } else {
            compose_l4(packet, flow, l7_len);
        }
        ip = dp_packet_at_assert(packet, l3_ofs, IP_HEADER_LEN);
        ip->ip_tot_len = htons(dp_packet_size(packet) - l3_ofs);
    } else if (is_ipv6(flow)) {
        struct ip6_header *ip6;
        size_t l3_ofs = dp_packet_size(packet);
        uint32_t tc_flow;

        packet->l3_ofs = l3_ofs;
        ip6 = dp_packet_put_zeros(packet, IPV6_HEADER_LEN);
        tc_flow = (6u << 28) | ((uint32_t) flow->nw_tos << 20)
                  | (ntohl(flow->ipv6_label) & IPV6_LABEL_MASK);
        put_16aligned_be32(&ip6->ip6_flow, htonl(tc_flow));
        ip6->ip6_nxt = flow->nw_proto;
        ip6->ip6_hlim = flow->nw_ttl;
        put_16aligned_in6(&ip6->ip6_src, &flow->ipv6_src);
        put_16aligned_in6(&ip6->ip6_dst, &flow->ipv6_dst);
        if (flow->nw_frag & FLOW_NW_FRAG_ANY) {
            struct ip6_frag_header *frag;
            bool later = (flow->nw_frag & FLOW_NW_FRAG_LATER) != 0;

            ip6->ip6_nxt = IPPROTO_FRAGMENT;
            frag = dp_packet_put_zeros(packet, IP6_FRAG_HEADER_LEN);
            frag->ip6f_nxt = later ? IPPROTO_NONE : flow->nw_proto;
            frag->ip6f_offlg = htons(IP6_FRAG_MORE | (later ? 100 << 3 : 0));
            put_16aligned_be32(&frag->ip6f_ident, htonl(1));
        }
        if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
            compose_payload(packet, l7_len);
        } else {
            compose_l4(packet, flow, l7_len);
        }
        ip6 = dp_packet_at_assert(packet, l3_ofs, IPV6_HEADER_LEN);
        ip6->ip6_plen = htons(dp_packet_size(packet) - l3_ofs
                              - IPV6_HEADER_LEN);
    } else if (is_arp(flow)) {
        struct arp_eth_header *arp;

        packet->l3_ofs = dp_packet_size(packet);
        arp = dp_packet_put_zeros(packet, ARP_ETH_HEADER_LEN);
        arp->ar_hrd = htons(ARP_HTYPE_ETH);
        arp->ar_pro = htons(ETH_TYPE_IP);
        arp->ar_hln = ETH_ADDR_LEN;
        arp->ar_pln = 4;
        arp->ar_op = htons(flow->nw_proto);
        arp->ar_sha = flow->arp_sha;
        arp->ar_tha = flow->arp_tha;
        put_16aligned_be32(&arp->ar_spa, flow->nw_src);
        put_16aligned_be32(&arp->ar_tpa, flow->nw_dst);
    } else {
        packet->l3_ofs = dp_packet_size(packet);
        compose_payload(packet, l7_len);
        return;
    }
    packet_csum_recompute(packet);
}

void
pkt_metadata_from_flow(struct pkt_metadata *md, const struct flow *flow)
{
    pkt_metadata_init(md, flow->in_port.odp_port);
    md->recirc_id = flow->recirc_id;
    md->dp_hash = flow->dp_hash;
    md->skb_priority = flow->skb_priority;
    md->pkt_mark = flow->pkt_mark;
    md->ct_state = flow->ct_state;
    md->ct_zone = flow->ct_zone;
    md->ct_mark = flow->ct_mark;
    md->ct_label = flow->ct_label;
    if (flow_tnl_dst_is_set(&flow->tunnel)) {
        md->tunnel = flow->tunnel;
    }
    memset(&md->ct_orig_tuple, 0, sizeof md->ct_orig_tuple);
    md->ct_orig_tuple_ipv6 = is_ipv6(flow);
    if (is_ipv6(flow)) {
        md->ct_orig_tuple.ip6.src = flow->ct_ipv6_src;
        md->ct_orig_tuple.ip6.dst = flow->ct_ipv6_dst;
    } else {
        md->ct_orig_tuple.ip4.src = flow->ct_nw_src;
        md->ct_orig_tuple.ip4.dst = flow->ct_nw_dst;
    }
    md->ct_orig_tuple.src_port = flow->ct_tp_src;
    md->ct_orig_tuple.dst_port = flow->ct_tp_dst;
    md->ct_orig_tuple.proto = flow->ct_nw_proto;
}

/* Field helpers. */

int
flow_count_vlan_headers(const struct flow *flow)
{
    int n = 0;

    while (n < FLOW_MAX_VLAN_HEADERS
           && (flow->vlans[n].tci & htons(VLAN_CFI))) {
        n++;
    }
    return n;
}

int
flow_count_mpls_labels(const struct flow *flow)
{
    if (!flow_is_mpls(flow)) {
        return 0;
    }
    for (int i = 0; i < FLOW_MAX_MPLS_LABELS; i++) {
        if (flow->mpls_lse[i] & htonl(MPLS_BOS_MASK)) {
            return i + 1;
        }
    }
    return FLOW_MAX_MPLS_LABELS;
}

/* Hashing. */

uint32_t
flow_hash(const struct flow *flow, uint32_t basis)
{
    const uint64_t *p = flow_u64_const(flow);
    uint32_t hash = basis;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        hash = hash_add64(hash, p[i]);
    }
    return hash_finish(hash, sizeof *flow);
}

static bool
flow_has_ports(const struct flow *flow)
{
    return (flow->nw_proto == IPPROTO_TCP || flow->nw_proto == IPPROTO_UDP
            || flow->nw_proto == IPPROTO_SCTP);
}

static uint32_t
hash_add_in6(uint32_t hash, const struct in6_addr *a)
{
    uint64_t w[2];

    memcpy(w, a, sizeof w);
    return hash_add64(hash_add64(hash, w[0]), w[1]);
}

uint32_t
flow_hash_5tuple(const struct flow *flow, uint32_t basis)
{
    uint32_t hash = basis;

    if (is_ipv6(flow)) {
        hash = hash_add_in6(hash, &flow->ipv6_src);
        hash = hash_add_in6(hash, &flow->ipv6_dst);
    } else if (is_ipv4(flow)) {
        hash = hash_add(hash, flow->nw_src);
        hash = hash_add(hash, flow->nw_dst);
    } else {
        return basis;
    }
    hash = hash_add(hash, flow->nw_proto);
    if (flow_has_ports(flow)) {
        hash = hash_add(hash, ((uint32_t) flow->tp_src << 16) | flow->tp_dst);
    }
    return hash_finish(hash, 42);
}

static uint32_t
flow_hash_symmetric__(const struct flow *flow, uint32_t hash)
{
    if (is_ipv6(flow)) {
        struct in6_addr x = ipv6_addr_bitxor(&flow->ipv6_src,
                                             &flow->ipv6_dst);

        hash = hash_add_in6(hash, &x);
    } else if (is_ipv4(flow)) {
        hash = hash_add(hash, flow->nw_src ^ flow->nw_dst);
    } else {
        return hash;
    }
    hash = hash_add(hash, flow->nw_proto);
    if (flow_has_ports(flow)) {
        hash = hash_add(hash, flow->tp_src ^ flow->tp_dst);
    }
    return hash;
}

uint32_t
flow_hash_symmetric_l4(const struct flow *flow, uint32_t basis)
{
    uint32_t hash = basis;

    for (int i = 0; i < 3; i++) {
        hash = hash_add(hash, flow->dl_src.be16[i] ^ flow->dl_dst.be16[i]);
    }
    hash = hash_add(hash, flow->dl_type);
    hash = hash_add(hash, flow->vlans[0].tci & htons(VLAN_VID_MASK));
    return hash_finish(flow_hash_symmetric__(flow, hash), 42);
}

uint32_t
flow_hash_symmetric_l3l4(const struct flow *flow, uint32_t basis)
{
    return hash_finish(flow_hash_symmetric__(flow, basis), 42);
}

/* Debug output. */

void
flow_format_debug(struct ds *s, const struct flow *flow)
{
    size_t start = s->length;

#define PUT(...) (ds_put_format(s, __VA_ARGS__), ds_put_char(s, ','))
    if (flow_tnl_dst_is_set(&flow->tunnel)) {
        const struct flow_tnl *t = &flow->tunnel;

        PUT("tun_id=%#"PRIx64, ntohll(t->tun_id));
        if (t->ip_dst) {
            PUT("tun_src="IP_FMT",tun_dst="IP_FMT,
                IP_ARGS(t->ip_src), IP_ARGS(t->ip_dst));
        } else {
            char a[INET6_ADDRSTRLEN_OVS], b[INET6_ADDRSTRLEN_OVS];

            PUT("tun_ipv6_src=%s,tun_ipv6_dst=%s",
                ipv6_string(&t->ipv6_src, a), ipv6_string(&t->ipv6_dst, b));
        }
        PUT("tun_flags=%#"PRIx16",tun_tos=%"PRIu8",tun_ttl=%"PRIu8
            ",tun_tp_src=%"PRIu16",tun_tp_dst=%"PRIu16,
            t->flags, t->ip_tos, t->ip_ttl, ntohs(t->tp_src),
            ntohs(t->tp_dst));
    }
    if (flow->recirc_id) {
        PUT("recirc_id=%#"PRIx32, flow->recirc_id);
    }
    if (flow->dp_hash) {
        PUT("dp_hash=%#"PRIx32, flow->dp_hash);
    }
    if (flow->ct_state) {
        PUT("ct_state=%#"PRIx8, flow->ct_state);
    }
    if (flow->ct_zone) {
        PUT("ct_zone=%"PRIu16, flow->ct_zone);
    }
    if (flow->ct_mark) {
        PUT("ct_mark=%#"PRIx32, flow->ct_mark);
    }
    if (!ovs_u128_is_zero(flow->ct_label)) {
        PUT("ct_label=%#"PRIx64"%016"PRIx64,
            flow->ct_label.u64.hi, flow->ct_label.u64.lo);
    }
    if (flow->metadata) {
        PUT("metadata=%#"PRIx64, ntohll(flow->metadata));
    }
    for (int i = 0; i < FLOW_N_REGS; i++) {
        if (flow->regs[i]) {
            PUT("reg%d=%#"PRIx32, i, flow->regs[i]);
        }
    }
    if (flow->skb_priority) {
        PUT("skb_priority=%#"PRIx32, flow->skb_priority);
    }
    if (flow->pkt_mark) {
        PUT("pkt_mark=%#"PRIx32, flow->pkt_mark);
    }
    PUT("in_port=%"PRIu32, flow->in_port.odp_port);
    if (!flow_is_eth(flow)) {
        PUT("packet_type=(%"PRIu16",%#"PRIx16")",
            pt_ns(flow->packet_type), pt_ns_type(flow->packet_type));
    } else {
        PUT("dl_src="ETH_ADDR_FMT",dl_dst="ETH_ADDR_FMT,
            ETH_ADDR_ARGS(flow->dl_src), ETH_ADDR_ARGS(flow->dl_dst));
    }
    for (int i = 0; i < flow_count_vlan_headers(flow); i++) {
        PUT("vlan%d=(tpid=%#"PRIx16",vid=%"PRIu16",pcp=%d)", i,
            ntohs(flow->vlans[i].tpid), vlan_tci_to_vid(flow->vlans[i].tci),
            vlan_tci_to_pcp(flow->vlans[i].tci));
    }
    PUT("dl_type=0x%04"PRIx16, ntohs(flow->dl_type));
    for (int i = 0; i < flow_count_mpls_labels(flow); i++) {
        ovs_be32 lse = flow->mpls_lse[i];

        if (!lse) {
            continue;
        }
        PUT("mpls%d=(label=%"PRIu32",tc=%d,ttl=%d,bos=%d)", i,
            mpls_lse_to_label(lse), mpls_lse_to_tc(lse),
            mpls_lse_to_ttl(lse), mpls_lse_to_bos(lse));
    }
    if (is_ipv4(flow) || is_arp(flow)) {
        PUT("nw_src="IP_FMT",nw_dst="IP_FMT,
            IP_ARGS(flow->nw_src), IP_ARGS(flow->nw_dst));
    } else if (is_ipv6(flow)) {
        char a[INET6_ADDRSTRLEN_OVS], b[INET6_ADDRSTRLEN_OVS];

        PUT("ipv6_src=%s,ipv6_dst=%s,ipv6_label=%#"PRIx32,
            ipv6_string(&flow->ipv6_src, a), ipv6_string(&flow->ipv6_dst, b),
            ntohl(flow->ipv6_label));
    }
    if (is_ip_any(flow) || is_arp(flow)) {
        PUT("nw_proto=%"PRIu8, flow->nw_proto);
    }
    if (is_ip_any(flow)) {
        static const char *const frags[] = {
            "no", "first", "<invalid>", "later"
        };
        PUT("nw_tos=%"PRIu8",nw_ttl=%"PRIu8",nw_frag=%s",
            flow->nw_tos, flow->nw_ttl, frags[flow->nw_frag & 3]);
        if (flow->ct_nw_proto) {
            PUT("ct_nw_proto=%"PRIu8",ct_tp_src=%"PRIu16
                ",ct_tp_dst=%"PRIu16, flow->ct_nw_proto,
                ntohs(flow->ct_tp_src), ntohs(flow->ct_tp_dst));
        }
        if (!(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
            PUT("tp_src=%"PRIu16",tp_dst=%"PRIu16,
                ntohs(flow->tp_src), ntohs(flow->tp_dst));
        }
    }
    if (is_tcp(flow)) {
        ds_put_cstr(s, "tcp_flags=");
        packet_format_tcp_flags(s, ntohs(flow->tcp_flags));
        ds_put_char(s, ',');
    }
    if (is_igmp(flow)) {
        PUT("igmp_group="IP_FMT, IP_ARGS(flow->igmp_group_ip4));
    }
    if (is_arp(flow) || is_nd(flow)) {
        if (is_nd(flow)) {
            char a[INET6_ADDRSTRLEN_OVS];

            PUT("nd_target=%s,nd_reserved=%#"PRIx32
                ",nd_options_type=%"PRIu8,
                ipv6_string(&flow->nd_target, a), ntohl(flow->nd_reserved),
                flow->nd_options_type);
        }
        PUT("arp_sha="ETH_ADDR_FMT",arp_tha="ETH_ADDR_FMT,
            ETH_ADDR_ARGS(flow->arp_sha), ETH_ADDR_ARGS(flow->arp_tha));
    }
#undef PUT
    if (s->length > start) {
        ds_truncate(s, s->length - 1);
    }
}

/* Wildcards. */

/* Clears the padding members of a mask, which flows never set. */
static void
flow_wildcards_clear_pad(struct flow_wildcards *wc)
{
    memset(wc->masks.tunnel.pad1, 0, sizeof wc->masks.tunnel.pad1);
    memset(wc->masks.pad1, 0, sizeof wc->masks.pad1);
    memset(wc->masks.pad2, 0, sizeof wc->masks.pad2);
    memset(wc->masks.pad3, 0, sizeof wc->masks.pad3);
    memset(wc->masks.pad4, 0, sizeof wc->masks.pad4);
    wc->masks.mpls_lse[FLOW_MAX_MPLS_LABELS] = 0;
}

void
flow_wildcards_init_catchall(struct flow_wildcards *wc)
{
    memset(wc, 0, sizeof *wc);
}

void
flow_wildcards_init_exact(struct flow_wildcards *wc)
{
    memset(wc, 0xff, sizeof *wc);
    flow_wildcards_clear_pad(wc);
}

bool
flow_wildcards_is_catchall(const struct flow_wildcards *wc)
{
    const uint64_t *m = flow_u64_const(&wc->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (m[i]) {
            return false;
        }
    }
    return true;
}

bool
flow_wildcards_is_exact(const struct flow_wildcards *wc)
{
    struct flow_wildcards exact;

    flow_wildcards_init_exact(&exact);
    return flow_wildcards_equal(wc, &exact);
}

void
flow_wildcards_and(struct flow_wildcards *dst,
                   const struct flow_wildcards *src1,
                   const struct flow_wildcards *src2)
{
    uint64_t *d = flow_u64(&dst->masks);
    const uint64_t *a = flow_u64_const(&src1->masks);
    const uint64_t *b = flow_u64_const(&src2->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        d[i] = a[i] & b[i];
    }
}

void
flow_wildcards_or(struct flow_wildcards *dst,
                  const struct flow_wildcards *src1,
                  const struct flow_wildcards *src2)
{
    uint64_t *d = flow_u64(&dst->masks);
    const uint64_t *a = flow_u64_const(&src1->masks);
    const uint64_t *b = flow_u64_const(&src2->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        d[i] = a[i] | b[i];
    }
}

void
flow_wildcards_fold(struct flow_wildcards *dst,
                    const struct flow_wildcards *src)
{
    flow_wildcards_or(dst, dst, src);
}

bool
flow_wildcards_equal(const struct flow_wildcards *a,
                     const struct flow_wildcards *b)
{
    return flow_equal(&a->masks, &b->masks);
}

bool
flow_wildcards_has_extra(const struct flow_wildcards *a,
                         const struct flow_wildcards *b)
{
    const uint64_t *ma = flow_u64_const(&a->masks);
    const uint64_t *mb = flow_u64_const(&b->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (ma[i] & ~mb[i]) {
            return true;
        }
    }
    return false;
}

uint32_t
flow_wildcards_hash(const struct flow_wildcards *wc, uint32_t basis)
{
    return flow_hash(&wc->masks, basis);
}

void
flow_zero_wildcards(struct flow *flow, const struct flow_wildcards *wc)
{
    uint64_t *f = flow_u64(flow);
    const uint64_t *m = flow_u64_const(&wc->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        f[i] &= m[i];
    }
}

bool
flow_equal_except(const struct flow *a, const struct flow *b,
                  const struct flow_wildcards *wc)
{
    const uint64_t *fa = flow_u64_const(a);
    const uint64_t *fb = flow_u64_const(b);
    const uint64_t *m = flow_u64_const(&wc->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if ((fa[i] ^ fb[i]) & m[i]) {
            return false;
        }
    }
    return true;
}

uint32_t
flow_hash_in_wildcards(const struct flow *flow,
                       const struct flow_wildcards *wc, uint32_t basis)
{
    const uint64_t *f = flow_u64_const(flow);
    const uint64_t *m = flow_u64_const(&wc->masks);
    uint32_t hash = basis;
    size_t n = 0;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (m[i]) {
            hash = hash_add64(hash, f[i] & m[i]);
            n++;
        }
    }
    return hash_finish(hash, n * 8);
}

/* Miniflows. */

size_t
flow_n_nonzero_u64s(const struct flow *flow)
{
    const uint64_t *f = flow_u64_const(flow);
    size_t n = 0;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        n += f[i] != 0;
    }
    return n;
}

void
miniflow_init(struct miniflow *dst, const struct flow *flow)
{
    const uint64_t *f = flow_u64_const(flow);
    uint64_t *values = miniflow_values(dst);

    memset(&dst->map, 0, sizeof dst->map);
    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (f[i]) {
            dst->map.bits[i / 64] |= UINT64_C(1) << (i % 64);
            *values++ = f[i];
        }
    }
}

struct miniflow *
miniflow_create(const struct flow *flow)
{
    struct miniflow *mf;

    mf = xmalloc(miniflow_alloc_size(flow_n_nonzero_u64s(flow)));
    miniflow_init(mf, flow);
    return mf;
}

struct miniflow *
miniflow_clone(const struct miniflow *src)
{
    return xmemdup(src, miniflow_alloc_size(miniflow_n_values(src)));
}

void
miniflow_destroy(struct miniflow *mf)
{
    free(mf);
}

void
miniflow_expand(const struct miniflow *mf, struct flow *flow)
{
    const uint64_t *values = miniflow_get_values(mf);
    uint64_t *f = flow_u64(flow);
    size_t idx;

    memset(flow, 0, sizeof *flow);
    FLOWMAP_FOR_EACH_INDEX (idx, mf->map) {
        f[idx] = *values++;
    }
}

uint64_t
miniflow_get(const struct miniflow *mf, size_t idx)
{
    size_t unit = idx / 64, bit = idx % 64;
    size_t n = 0;

    if (idx >= FLOW_U64S || !flowmap_is_set(&mf->map, idx)) {
        return 0;
    }
    for (size_t i = 0; i < unit; i++) {
        n += count_1bits(mf->map.bits[i]);
    }
    n += count_1bits(mf->map.bits[unit] & ((UINT64_C(1) << bit) - 1));
    return miniflow_get_values(mf)[n];
}

bool
miniflow_equal(const struct miniflow *a, const struct miniflow *b)
{
    return (flowmap_equal(&a->map, &b->map)
            && !memcmp(miniflow_get_values(a), miniflow_get_values(b),
                       miniflow_n_values(a) * sizeof(uint64_t)));
}

/* Walks the words of MF in the order of MASK's set bits: calls for each
 * mask word the word of MF at the same index (0 if absent).  MF's values
 * are consumed with a running cursor, which is why MASK's order (which is
 * increasing) matters. */
#define MINIFLOW_FOR_EACH_IN_MASK(VALUE, MF, MASK_MF, MASK_VALUE, BODY)   \
    do {                                                                \
        const uint64_t *mv__ = miniflow_get_values(MASK_MF);            \
        const uint64_t *fv__ = miniflow_get_values(MF);                 \
        for (size_t u__ = 0; u__ < FLOWMAP_UNITS; u__++) {              \
            uint64_t fmap__ = (MF)->map.bits[u__];                      \
            uint64_t mmap__ = (MASK_MF)->map.bits[u__];                 \
            for (; mmap__; mmap__ &= mmap__ - 1) {                      \
                uint64_t bit__ = mmap__ & -mmap__;                      \
                uint64_t below__ = fmap__ & (bit__ - 1);                \
                (VALUE) = 0;                                            \
                fv__ += count_1bits(below__);                           \
                fmap__ &= ~below__;                                     \
                if (fmap__ & bit__) {                                   \
                    (VALUE) = *fv__++;                                  \
                    fmap__ &= ~bit__;                                   \
                }                                                       \
                (MASK_VALUE) = *mv__++;                                 \
                BODY                                                    \
            }                                                           \
            fv__ += count_1bits(fmap__);                                \
        }                                                               \
    } while (0)

bool
miniflow_equal_in_minimask(const struct miniflow *a,
                           const struct miniflow *b,
                           const struct minimask *mask)
{
    const struct miniflow *m = &mask->masks;
    const uint64_t *mv = miniflow_get_values(m);
    size_t idx;

    FLOWMAP_FOR_EACH_INDEX (idx, m->map) {
        if ((miniflow_get(a, idx) ^ miniflow_get(b, idx)) & *mv++) {
            return false;
        }
    }
    return true;
}

bool
miniflow_equal_flow_in_minimask(const struct miniflow *a,
                                const struct flow *b,
                                const struct minimask *mask)
{
    const uint64_t *fb = flow_u64_const(b);
    uint64_t value, mask_value;
    bool equal = true;

    MINIFLOW_FOR_EACH_IN_MASK(value, a, &mask->masks, mask_value, {
        size_t idx = u__ * 64 + raw_ctz(bit__);

        if ((value ^ fb[idx]) & mask_value) {
            equal = false;
            break;
        }
    });
    return equal;
}

uint32_t
miniflow_hash(const struct miniflow *mf, uint32_t basis)
{
    const uint64_t *values = miniflow_get_values(mf);
    size_t n = miniflow_n_values(mf);
    uint32_t hash = basis;

    for (size_t i = 0; i < FLOWMAP_UNITS; i++) {
        hash = hash_add64(hash, mf->map.bits[i]);
    }
    for (size_t i = 0; i < n; i++) {
        hash = hash_add64(hash, values[i]);
    }
    return hash_finish(hash, (n + FLOWMAP_UNITS) * 8);
}

uint32_t
miniflow_hash_in_minimask(const struct miniflow *mf,
                          const struct minimask *mask, uint32_t basis)
{
    uint64_t value, mask_value;
    uint32_t hash = basis;
    size_t n = 0;

    MINIFLOW_FOR_EACH_IN_MASK(value, mf, &mask->masks, mask_value, {
        hash = hash_add64(hash, value & mask_value);
        n++;
    });
    return hash_finish(hash, n * 8);
}

uint32_t
flow_hash_in_minimask(const struct flow *flow, const struct minimask *mask,
                      uint32_t basis)
{
    const uint64_t *f = flow_u64_const(flow);
    const uint64_t *mv = miniflow_get_values(&mask->masks);
    uint32_t hash = basis;
    size_t idx, n = 0;

    FLOWMAP_FOR_EACH_INDEX (idx, mask->masks.map) {
        hash = hash_add64(hash, f[idx] & *mv++);
        n++;
    }
    return hash_finish(hash, n * 8);
}

struct minimask *
minimask_create(const struct flow_wildcards *wc)
{
    return (struct minimask *) miniflow_create(&wc->masks);
}

struct minimask *
minimask_clone(const struct minimask *mask)
{
    return (struct minimask *) miniflow_clone(&mask->masks);
}

void
minimask_destroy(struct minimask *mask)
{
    free(mask);
}

void
minimask_expand(const struct minimask *mask, struct flow_wildcards *wc)
{
    miniflow_expand(&mask->masks, &wc->masks);
}

bool
minimask_equal(const struct minimask *a, const struct minimask *b)
{
    return miniflow_equal(&a->masks, &b->masks);
}

uint32_t
minimask_hash(const struct minimask *mask, uint32_t basis)
{
    return miniflow_hash(&mask->masks, basis);
}

bool
minimask_has_extra(const struct minimask *a, const struct minimask *b)
{
    const uint64_t *av = miniflow_get_values(&a->masks);
    size_t idx;

    FLOWMAP_FOR_EACH_INDEX (idx, a->masks.map) {
        if (*av++ & ~miniflow_get(&b->masks, idx)) {
            return true;
        }
    }
    return false;
}

bool
minimask_is_catchall(const struct minimask *mask)
{
    /* Only nonzero words are stored, so no words means no bits. */
    return !miniflow_n_values(&mask->masks);
}
