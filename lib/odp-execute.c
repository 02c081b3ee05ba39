/* odp-execute.c: applying datapath actions to packets (see
 * odp-execute.h).
 *
 * Packet-editing actions change each packet of the batch in place, with
 * the packets.h helpers that keep checksums (and "partial" offloaded
 * checksums) right and header offsets valid.  Actions that branch (clone,
 * sample, check_pkt_len, dec_ttl) run their nested lists on clones when
 * more actions follow, and on the packets themselves when they are last,
 * so the common "clone(...)" at the end of a list costs no copy. */
#include <config.h>
#include "odp-execute.h"

#include <linux/openvswitch.h>
#include <string.h>
#include "byte-order.h"
#include "dp-packet.h"
#include "flow.h"
#include "netlink.h"
#include "odp-util.h"
#include "packets.h"
#include "random.h"
#include "util.h"

static void execute__(void *aux, struct dp_packet_batch *batch,
                      const struct nlattr *actions, size_t actions_len,
                      odp_execute_cb *cb);

/* Does action 'type' need the datapath (the callback)? */
static bool
needs_datapath(uint16_t type)
{
    switch (type) {
    case OVS_ACTION_ATTR_OUTPUT:
    case OVS_ACTION_ATTR_USERSPACE:
    case OVS_ACTION_ATTR_RECIRC:
    case OVS_ACTION_ATTR_CT:
    case OVS_ACTION_ATTR_CT_CLEAR:
    case OVS_ACTION_ATTR_METER:
    case ODP_ACTION_ATTR_TUNNEL_PUSH:
    case ODP_ACTION_ATTR_TUNNEL_POP:
    case ODP_ACTION_ATTR_LB_OUTPUT:
        return true;
    default:
        return false;
    }
}

/* (old & ~mask) | (new & mask), bytewise. */
static void
apply_mask(void *dst_, const void *key_, const void *mask_, size_t n)
{
    uint8_t *dst = dst_;
    const uint8_t *key = key_, *mask = mask_;

    for (size_t i = 0; i < n; i++) {
        dst[i] = (dst[i] & ~mask[i]) | (key[i] & mask[i]);
    }
}

#define MASKED(OLD, KEY, MASK) (((OLD) & ~(MASK)) | ((KEY) & (MASK)))

/* Applies set attribute 'a' (value 'key', 'mask' all-ones for a plain
 * set) to 'packet'. */
static void
set_field(struct dp_packet *packet, uint16_t type, const void *key,
          const void *mask)
{
    struct pkt_metadata *md = &packet->md;

    switch (type) {
    case OVS_KEY_ATTR_PRIORITY:
        apply_mask(&md->skb_priority, key, mask, 4);
        break;
    case OVS_KEY_ATTR_SKB_MARK:
        apply_mask(&md->pkt_mark, key, mask, 4);
        break;
    case OVS_KEY_ATTR_DP_HASH:
        apply_mask(&md->dp_hash, key, mask, 4);
        break;
    case OVS_KEY_ATTR_RECIRC_ID:
        apply_mask(&md->recirc_id, key, mask, 4);
        break;
    case OVS_KEY_ATTR_CT_MARK:
        apply_mask(&md->ct_mark, key, mask, 4);
        break;
    case OVS_KEY_ATTR_CT_LABELS:
        apply_mask(&md->ct_label, key, mask, 16);
        break;
    case OVS_KEY_ATTR_ETHERNET: {
        const struct ovs_key_ethernet *k = key, *m = mask;
        struct eth_header *eh = dp_packet_eth(packet);

        if (eh) {
            struct eth_addr src = eh->eth_src, dst = eh->eth_dst;

            apply_mask(src.ea, k->eth_src, m->eth_src, ETH_ADDR_LEN);
            apply_mask(dst.ea, k->eth_dst, m->eth_dst, ETH_ADDR_LEN);
            eth_set_src_dst(packet, &src, &dst);
        }
        break;
    }
    case OVS_KEY_ATTR_IPV4: {
        const struct ovs_key_ipv4 *k = key, *m = mask;
        struct ip_header *ip = dp_packet_l3_at(packet, IP_HEADER_LEN);

        if (ip && IP_VER(ip->ip_ihl_ver) == 4) {
            packet_set_ipv4(
                packet,
                MASKED(get_16aligned_be32(&ip->ip_src), k->ipv4_src,
                       m->ipv4_src),
                MASKED(get_16aligned_be32(&ip->ip_dst), k->ipv4_dst,
                       m->ipv4_dst),
                MASKED(ip->ip_tos, k->ipv4_tos, m->ipv4_tos),
                MASKED(ip->ip_ttl, k->ipv4_ttl, m->ipv4_ttl));
        }
        break;
    }
    case OVS_KEY_ATTR_IPV6: {
        const struct ovs_key_ipv6 *k = key, *m = mask;
        struct ip6_header *ip6 = dp_packet_l3_at(packet, IPV6_HEADER_LEN);

        if (ip6) {
            struct in6_addr src = get_16aligned_in6(&ip6->ip6_src);
            struct in6_addr dst = get_16aligned_in6(&ip6->ip6_dst);
            uint32_t flow = ntohl(get_16aligned_be32(&ip6->ip6_flow));
            uint8_t tc = flow >> 20;
            ovs_be32 label = htonl(flow & IPV6_LABEL_MASK);

            apply_mask(&src, k->ipv6_src, m->ipv6_src, 16);
            apply_mask(&dst, k->ipv6_dst, m->ipv6_dst, 16);
            packet_set_ipv6(packet, &src, &dst,
                            MASKED(tc, k->ipv6_tclass, m->ipv6_tclass),
                            MASKED(label, k->ipv6_label, m->ipv6_label),
                            MASKED(ip6->ip6_hlim, k->ipv6_hlimit,
                                   m->ipv6_hlimit));
        }
        break;
    }
    case OVS_KEY_ATTR_TCP:
    case OVS_KEY_ATTR_UDP:
    case OVS_KEY_ATTR_SCTP: {
        const ovs_be16 *k = key, *m = mask;
        const ovs_be16 *ports = dp_packet_l4_at(packet, 4);

        if (ports) {
            ovs_be16 src = MASKED(ports[0], k[0], m[0]);
            ovs_be16 dst = MASKED(ports[1], k[1], m[1]);

            if (type == OVS_KEY_ATTR_TCP) {
                packet_set_tcp_port(packet, src, dst);
            } else if (type == OVS_KEY_ATTR_UDP) {
                packet_set_udp_port(packet, src, dst);
            } else {
                packet_set_sctp_port(packet, src, dst);
            }
        }
        break;
    }
    case OVS_KEY_ATTR_ICMP:
    case OVS_KEY_ATTR_ICMPV6: {
        const uint8_t *k = key, *m = mask;
        const uint8_t *tc = dp_packet_l4_at(packet, 2);

        if (tc) {
            packet_set_icmp(packet, MASKED(tc[0], k[0], m[0]),
                            MASKED(tc[1], k[1], m[1]));
        }
        break;
    }
    case OVS_KEY_ATTR_ARP: {
        const struct ovs_key_arp *k = key, *m = mask;
        struct arp_eth_header *arp = dp_packet_l3_at(packet,
                                                     ARP_ETH_HEADER_LEN);

        if (arp) {
            put_16aligned_be32(&arp->ar_spa,
                               MASKED(get_16aligned_be32(&arp->ar_spa),
                                      k->arp_sip, m->arp_sip));
            put_16aligned_be32(&arp->ar_tpa,
                               MASKED(get_16aligned_be32(&arp->ar_tpa),
                                      k->arp_tip, m->arp_tip));
            arp->ar_op = MASKED(arp->ar_op, k->arp_op, m->arp_op);
            apply_mask(arp->ar_sha.ea, k->arp_sha, m->arp_sha, 6);
            apply_mask(arp->ar_tha.ea, k->arp_tha, m->arp_tha, 6);
        }
        break;
    }
    case OVS_KEY_ATTR_ND: {
        const struct ovs_key_nd *k = key, *m = mask;
        const struct nd_msg *ns = dp_packet_l4_at(packet, ND_MSG_LEN);

        if (ns) {
            struct in6_addr target = get_16aligned_in6(&ns->target);
            struct eth_addr sll = eth_addr_zero, tll = eth_addr_zero;

            apply_mask(&target, k->nd_target, m->nd_target, 16);
            apply_mask(sll.ea, k->nd_sll, m->nd_sll, 6);
            apply_mask(tll.ea, k->nd_tll, m->nd_tll, 6);
            packet_set_nd(packet, &target, sll, tll);
        }
        break;
    }
    case OVS_KEY_ATTR_MPLS: {
        const ovs_be32 *k = key, *m = mask;
        const ovs_be32 *lse = dp_packet_l2_5(packet);

        if (lse) {
            set_mpls_lse(packet, MASKED(*lse, *k, *m));
        }
        break;
    }
    default:
        /* Tunnel, ct_state, ct_zone...: not settable here. */
        break;
    }
}

static void
execute_set(struct dp_packet_batch *batch, const struct nlattr *a,
            bool masked)
{
    const struct nlattr *key = nl_attr_get(a);
    size_t size = nl_attr_get_size(key);
    uint8_t ones[64];
    const void *mask;

    if (masked) {
        size /= 2;
        mask = (const uint8_t *) nl_attr_get(key) + size;
    } else {
        if (size > sizeof ones) {
            return;
        }
        memset(ones, 0xff, sizeof ones);
        mask = ones;
    }

    struct dp_packet *packet;
    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        set_field(packet, nl_attr_type(key), nl_attr_get(key), mask);
    }
}

/* Runs 'actions' on 'batch' (consumed) and returns. */
static void
run_nested(void *aux, struct dp_packet_batch *batch,
           const struct nlattr *actions, size_t len, odp_execute_cb *cb)
{
    execute__(aux, batch, actions, len, cb);
}

/* Runs nested actions on the whole batch: on the packets themselves if
 * 'last', else on clones. */
static void
branch_batch(void *aux, struct dp_packet_batch *batch, bool last,
             const struct nlattr *actions, size_t len, odp_execute_cb *cb)
{
    if (last) {
        run_nested(aux, batch, actions, len, cb);
        dp_packet_batch_init(batch);
    } else {
        struct dp_packet_batch copy;

        dp_packet_batch_clone(&copy, batch);
        run_nested(aux, &copy, actions, len, cb);
    }
}

/* Runs nested actions on one packet of a batch being refilled: the packet
 * itself if 'last' (it leaves the batch), else a clone. */
static void
branch_packet(void *aux, struct dp_packet *packet, bool last,
              const struct nlattr *actions, size_t len, odp_execute_cb *cb)
{
    struct dp_packet_batch one;

    dp_packet_batch_init_packet(&one, last ? packet
                                           : dp_packet_clone(packet));
    run_nested(aux, &one, actions, len, cb);
}

static void
execute_sample(void *aux, struct dp_packet_batch *batch, bool last,
               const struct nlattr *a, odp_execute_cb *cb)
{
    const struct nlattr *nla, *actions = NULL;
    uint32_t prob = 0;
    size_t left;

    NL_NESTED_FOR_EACH (nla, left, a) {
        if (nl_attr_type(nla) == OVS_SAMPLE_ATTR_PROBABILITY) {
            prob = nl_attr_get_u32(nla);
        } else if (nl_attr_type(nla) == OVS_SAMPLE_ATTR_ACTIONS) {
            actions = nla;
        }
    }

    struct dp_packet *packet;
    size_t n = batch->count;
    DP_PACKET_BATCH_REFILL_FOR_EACH (i, n, packet, batch) {
        bool hit = prob && (prob == UINT32_MAX || random_uint32() <= prob);

        if (hit && actions) {
            branch_packet(aux, packet, last, nl_attr_get(actions),
                          nl_attr_get_size(actions), cb);
            if (!last) {
                dp_packet_batch_refill(batch, packet, i);
            }
        } else if (last) {
            dp_packet_delete(packet);
        } else {
            dp_packet_batch_refill(batch, packet, i);
        }
    }
}

static void
execute_check_pkt_len(void *aux, struct dp_packet_batch *batch, bool last,
                      const struct nlattr *a, odp_execute_cb *cb)
{
    const struct nlattr *nla, *gt = NULL, *le = NULL;
    uint16_t size = 0;
    size_t left;

    NL_NESTED_FOR_EACH (nla, left, a) {
        switch (nl_attr_type(nla)) {
        case OVS_CHECK_PKT_LEN_ATTR_PKT_LEN:
            size = nl_attr_get_u16(nla);
            break;
        case OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER:
            gt = nla;
            break;
        case OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL:
            le = nla;
            break;
        }
    }

    struct dp_packet *packet;
    size_t n = batch->count;
    DP_PACKET_BATCH_REFILL_FOR_EACH (i, n, packet, batch) {
        uint32_t len = dp_packet_size(packet);
        const struct nlattr *branch;

        if (packet->cutlen && packet->cutlen < len) {
            len -= packet->cutlen;
        }
        branch = len > size ? gt : le;
        if (branch) {
            branch_packet(aux, packet, last, nl_attr_get(branch),
                          nl_attr_get_size(branch), cb);
        } else if (last) {
            dp_packet_delete(packet);
        }
        if (!last) {
            dp_packet_batch_refill(batch, packet, i);
        }
    }
}

/* Decrements the IP TTL (hop limit); packets whose TTL is 1 or less run
 * the nested actions instead and leave the batch. */
static void
execute_dec_ttl(void *aux, struct dp_packet_batch *batch,
                const struct nlattr *a, odp_execute_cb *cb)
{
    const struct nlattr *nla, *le1 = NULL;
    size_t left;

    NL_NESTED_FOR_EACH (nla, left, a) {
        if (nl_attr_type(nla) == OVS_DEC_TTL_ATTR_ACTION) {
            le1 = nla;
        }
    }

    struct dp_packet *packet;
    size_t n = batch->count;
    DP_PACKET_BATCH_REFILL_FOR_EACH (i, n, packet, batch) {
        struct ip_header *ip = NULL;
        struct ip6_header *ip6 = NULL;
        uint8_t ttl;

        ip = dp_packet_l3_at(packet, IP_HEADER_LEN);
        if (ip && IP_VER(ip->ip_ihl_ver) == 6) {
            ip6 = dp_packet_l3_at(packet, IPV6_HEADER_LEN);
            ip = NULL;
        } else if (ip && IP_VER(ip->ip_ihl_ver) != 4) {
            ip = NULL;
        }
        if (!ip && !ip6) {
            dp_packet_batch_refill(batch, packet, i);
            continue;
        }
        ttl = ip ? ip->ip_ttl : ip6->ip6_hlim;
        if (ttl <= 1) {
            if (le1) {
                branch_packet(aux, packet, true, nl_attr_get(le1),
                              nl_attr_get_size(le1), cb);
            } else {
                dp_packet_delete(packet);
            }
            continue;
        }
        if (ip) {
            ip->ip_csum = recalc_csum16(ip->ip_csum, htons(ttl << 8),
                                        htons((ttl - 1) << 8));
            ip->ip_ttl = ttl - 1;
        } else {
            ip6->ip6_hlim = ttl - 1;
        }
        dp_packet_batch_refill(batch, packet, i);
    }
}

static void
execute_hash(struct dp_packet_batch *batch, const struct nlattr *a)
{
    const struct ovs_action_hash *h = nl_attr_get(a);
    struct dp_packet *packet;

    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        struct flow flow;
        uint32_t hash;

        flow_extract(packet, &flow);
        hash = (h->hash_alg == 0
                ? flow_hash_5tuple(&flow, h->hash_basis)
                : flow_hash_symmetric_l4(&flow, h->hash_basis));
        packet->md.dp_hash = hash ? hash : 1;
    }
}

static void
execute_push_eth(struct dp_packet_batch *batch, const struct nlattr *a)
{
    const struct ovs_action_push_eth *pe = nl_attr_get(a);
    struct dp_packet *packet;

    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        struct eth_header *eh;

        if (packet->packet_type == PT_ETH) {
            continue;
        }
        ovs_be16 et = pt_ns_type_be(packet->packet_type);
        eh = dp_packet_push_uninit(packet, ETH_HEADER_LEN);
        memcpy(eh->eth_dst.ea, pe->addresses.eth_dst, ETH_ADDR_LEN);
        memcpy(eh->eth_src.ea, pe->addresses.eth_src, ETH_ADDR_LEN);
        eh->eth_type = et;
        packet->packet_type = PT_ETH;
        dp_packet_reset_offsets(packet);
        struct flow flow;
        flow_extract(packet, &flow);
    }
}

static void
execute_pop_eth(struct dp_packet_batch *batch)
{
    struct dp_packet *packet;

    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        struct eth_header *eh = dp_packet_eth(packet);
        struct flow flow;

        if (packet->packet_type != PT_ETH || !eh
            || dp_packet_size(packet) < ETH_HEADER_LEN) {
            continue;
        }
        flow_extract(packet, &flow);
        if (flow.vlans[0].tci & htons(VLAN_CFI)) {
            continue;           /* Pop VLANs first. */
        }
        dp_packet_pull(packet, ETH_HEADER_LEN);
        packet->packet_type = htonl((OFPHTN_ETHERTYPE << 16)
                                    | ntohs(flow.dl_type));
        dp_packet_reset_offsets(packet);
        flow_extract(packet, &flow);
    }
}

static void
execute__(void *aux, struct dp_packet_batch *batch,
          const struct nlattr *actions, size_t actions_len,
          odp_execute_cb *cb)
{
    const struct nlattr *a;
    size_t left;

    NL_ATTR_FOR_EACH_UNSAFE (a, left, actions, actions_len) {
        uint16_t type = nl_attr_type(a);
        bool last = left <= NLA_ALIGN(a->nla_len);
        struct dp_packet *packet;

        if (dp_packet_batch_is_empty(batch)) {
            return;
        }
        if (needs_datapath(type)) {
            if (cb) {
                cb(aux, batch, a, last);
                if (last) {
                    return;
                }
            }
            continue;
        }

        switch (type) {
        case OVS_ACTION_ATTR_SET:
            execute_set(batch, a, false);
            break;
        case OVS_ACTION_ATTR_SET_MASKED:
            execute_set(batch, a, true);
            break;
        case OVS_ACTION_ATTR_PUSH_VLAN: {
            const struct ovs_action_push_vlan *pv = nl_attr_get(a);

            DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                eth_push_vlan(packet, pv->vlan_tpid, pv->vlan_tci);
            }
            break;
        }
        case OVS_ACTION_ATTR_POP_VLAN:
            DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                eth_pop_vlan(packet);
            }
            break;
        case OVS_ACTION_ATTR_PUSH_MPLS: {
            const struct ovs_action_push_mpls *pm = nl_attr_get(a);

            DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                push_mpls(packet, pm->mpls_ethertype, pm->mpls_lse);
            }
            break;
        }
        case OVS_ACTION_ATTR_POP_MPLS:
            DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                pop_mpls(packet, nl_attr_get_be16(a));
            }
            break;
        case OVS_ACTION_ATTR_HASH:
            execute_hash(batch, a);
            break;
        case OVS_ACTION_ATTR_SAMPLE:
            execute_sample(aux, batch, last, a, cb);
            break;
        case OVS_ACTION_ATTR_CLONE:
            branch_batch(aux, batch, last, nl_attr_get(a),
                         nl_attr_get_size(a), cb);
            break;
        case OVS_ACTION_ATTR_CHECK_PKT_LEN:
            execute_check_pkt_len(aux, batch, last, a, cb);
            break;
        case OVS_ACTION_ATTR_DEC_TTL:
            execute_dec_ttl(aux, batch, a, cb);
            break;
        case OVS_ACTION_ATTR_TRUNC: {
            uint32_t max_len = nl_attr_get_u32(a);

            DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                uint32_t size = dp_packet_size(packet);

                if (size > max_len) {
                    uint32_t cut = size - max_len;

                    packet->cutlen = MAX(packet->cutlen, cut);
                    batch->trunc = true;
                }
            }
            break;
        }
        case OVS_ACTION_ATTR_PUSH_ETH:
            execute_push_eth(batch, a);
            break;
        case OVS_ACTION_ATTR_POP_ETH:
            execute_pop_eth(batch);
            break;
        case ODP_ACTION_ATTR_DROP:
            dp_packet_delete_batch(batch, true);
            return;
        default:
            /* Unknown actions do nothing (as upstream). */
            break;
        }
    }
    /* Packets still here were not consumed by any action. */
    dp_packet_delete_batch(batch, true);
}

void
odp_execute_actions(void *aux, struct dp_packet_batch *batch, bool steal,
                    const struct nlattr *actions, size_t actions_len,
                    odp_execute_cb *dp_execute_action)
{
    if (steal) {
        execute__(aux, batch, actions, actions_len, dp_execute_action);
        dp_packet_batch_init(batch);
    } else {
        struct dp_packet_batch copy;

        dp_packet_batch_clone(&copy, batch);
        execute__(aux, &copy, actions, actions_len, dp_execute_action);
    }
}
