/* fuzz-flow-extract.c: libFuzzer target for flow_extract() and
 * flow_compose().
 *
 * The first input byte picks the packet type (Ethernet, or IPv4, IPv6 or
 * MPLS starting at L3) and some metadata; the rest is the packet, in a
 * buffer of exactly its size so that any read past it is caught.  The flow
 * parsed from it must have zero padding and header offsets inside the
 * packet.  Composing a packet from that flow and parsing it again must
 * give the same flow, except where composing cannot carry a field
 * (ND option types other than link-layer addresses, 802.3 types below
 * 0x600 other than "none", an MPLS stack without bottom of stack that
 * continues past the third label).  Then header edits run on the packet
 * to exercise their bounds checks.  Any disagreement aborts. */
#include <config.h>
#include "flow.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "dynamic-string.h"
#include "packets.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void OVS_NO_RETURN
fuzz_fail(const char *what, const struct flow *a, const struct flow *b)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    flow_format_debug(&s, a);
    fprintf(stderr, "fuzz-flow-extract: %s\n  %s\n", what, ds_cstr(&s));
    if (b) {
        ds_clear(&s);
        flow_format_debug(&s, b);
        fprintf(stderr, "  %s\n", ds_cstr(&s));
    }
    ds_destroy(&s);
    abort();
}

static void
check_offsets(const struct dp_packet *b, const struct flow *flow)
{
    size_t size = dp_packet_size(b);
    const uint16_t ofs[] = { b->l2_5_ofs, b->l3_ofs, b->l4_ofs };

    for (size_t i = 0; i < ARRAY_SIZE(ofs); i++) {
        if (ofs[i] != DP_PACKET_OFS_NONE && ofs[i] > size) {
            fuzz_fail("offset past the end", flow, NULL);
        }
    }
    if (b->l2_pad_size > size) {
        fuzz_fail("padding longer than the packet", flow, NULL);
    }
    if (flow->pad1[0] || flow->pad1[1] || flow->pad2[0] || flow->pad2[1]
        || flow->pad3[0] || flow->pad3[1] || flow->mpls_lse[3]
        || memcmp(flow->pad4, "\0\0\0\0\0\0\0", sizeof flow->pad4)) {
        fuzz_fail("nonzero padding", flow, NULL);
    }
}

/* Clears the fields of FLOW that flow_compose() cannot represent, so that
 * the flow parsed from the composed packet is comparable. */
static void
canonicalize(struct flow *flow)
{
    if (is_nd(flow)) {
        flow->nd_options_type = (!eth_addr_is_zero(flow->arp_sha)
                                 ? ND_OPT_SOURCE_LINKADDR
                                 : !eth_addr_is_zero(flow->arp_tha)
                                 ? ND_OPT_TARGET_LINKADDR : 0);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ovs_be32 types[] = { PT_ETH, PT_IPV4, PT_IPV6, PT_MPLS };
    struct dp_packet *b, *c;
    struct flow flow, flow2;
    uint8_t ctl;

    if (!size) {
        return 0;
    }
    ctl = data[0];
    b = dp_packet_clone_data(data + 1, size - 1);
    b->packet_type = (ctl & 0x30) ? types[(ctl >> 4) & 3] : PT_ETH;
    pkt_metadata_init(&b->md, ctl);
    if (ctl & 1) {
        b->md.ct_state = CS_TRACKED;
        b->md.ct_orig_tuple_ipv6 = (ctl & 2) != 0;
        b->md.ct_orig_tuple.proto = ctl;
    }

    flow_extract(b, &flow);
    check_offsets(b, &flow);

    /* Compose and parse again. */
    canonicalize(&flow);
    c = dp_packet_new(0);
    /* A payload after a VLAN Ethertype would parse as a tag. */
    flow_compose(c, &flow,
                 ctl & 0x40 && !eth_type_vlan(flow.dl_type) ? 17 : 0);
    pkt_metadata_from_flow(&c->md, &flow);
    flow_extract(c, &flow2);
    check_offsets(c, &flow2);
    if (flow.dl_type != htons(FLOW_DL_TYPE_NONE)
        && ntohs(flow.dl_type) < ETH_TYPE_MIN) {
        /* Not representable: 802.3 lengths are not Ethertypes. */
    } else if (flow_is_mpls(&flow) && !(flow.mpls_lse[2]
                                        & htonl(MPLS_BOS_MASK))) {
        /* A stack cut short may have fewer labels the second time. */
    } else if (!flow_equal(&flow, &flow2)) {
        fuzz_fail("compose round trip", &flow, &flow2);
    }
    dp_packet_delete(c);

    /* Edits must stay inside the packet, whatever it holds. */
    if (ctl & 0x80) {
        struct in6_addr a;

        memset(&a, ctl, sizeof a);
        packet_set_ipv4(b, htonl(ctl), htonl(ctl << 8), ctl, ctl);
        packet_set_ipv6(b, &a, &a, ctl, htonl(ctl), ctl);
        packet_set_tcp_port(b, htons(ctl), htons(ctl));
        packet_set_udp_port(b, htons(ctl), htons(ctl));
        packet_set_sctp_port(b, htons(ctl), htons(ctl));
        packet_set_icmp(b, ctl, ctl);
        packet_set_nd(b, &a, eth_addr_broadcast, eth_addr_broadcast);
        packet_csum_recompute(b);
        eth_push_vlan(b, htons(ETH_TYPE_VLAN), htons(ctl));
        push_mpls(b, htons(ETH_TYPE_MPLS), htonl(ctl));
        set_mpls_lse_ttl(b, ctl);
        pop_mpls(b, htons(ETH_TYPE_IP));
        eth_pop_vlan(b);
        flow_extract(b, &flow2);
        check_offsets(b, &flow2);
    }
    dp_packet_delete(b);
    return 0;
}
