/* odp-util.c: datapath flow keys, masks and actions (see odp-util.h).
 *
 * Keys.  A key is a flat run of OVS_KEY_ATTR_* attributes; VLAN tags nest
 * the rest of the packet in OVS_KEY_ATTR_ENCAP.  Most attributes are
 * fixed-size structs from <linux/openvswitch.h>.  One table, key_attrs[],
 * names each attribute and (for structs) lists its fields with their
 * text kind, so formatting and parsing are driven by data instead of one
 * function per attribute; the few attributes with their own syntax
 * (VLAN, MPLS, ct_state, tcp_flags, packet_type, in_port) are special
 * cases.  A mask has the same shape as its key; one builder,
 * put_key(), writes either, deciding which attributes appear from the key
 * flow and taking the values from the key or the mask.
 *
 * Actions are formatted and parsed by a table too (act_names[]), with
 * nested lists (sample, clone, check_pkt_len, dec_ttl) recursing. */
#include <config.h>
#include "odp-util.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <linux/openvswitch.h>
#include <stdlib.h>
#include <string.h>
#include "byte-order.h"
#include "dynamic-string.h"
#include "hash.h"
#include "netlink.h"
#include "ofpbuf.h"
#include "packets.h"
#include "random.h"
#include "shash.h"
#include "util.h"
#include "uuid.h"

/* ------------------------------------------------------------------ */
/* Attribute table. */

/* How a field is written in text. */
enum fkind {
    FK_DEC,                     /* Decimal value, hex mask. */
    FK_HEX,                     /* Hex value and mask. */
    FK_MAC,                     /* Ethernet address. */
    FK_IP4,                     /* Dotted quad. */
    FK_IP6,                     /* IPv6 address. */
    FK_FRAG,                    /* no/first/later. */
};

struct kfield {
    const char *name;           /* "src", or NULL for a scalar attribute. */
    uint16_t ofs;               /* Offset in the attribute payload. */
    uint8_t size;               /* 1, 2, 4 (network order), 6 or 16. */
    enum fkind kind;
};

#define F(NAME, TYPE, MEMBER, KIND) \
    { NAME, offsetof(TYPE, MEMBER), sizeof ((TYPE *) 0)->MEMBER, KIND }

static const struct kfield eth_fields[] = {
    F("src", struct ovs_key_ethernet, eth_src, FK_MAC),
    F("dst", struct ovs_key_ethernet, eth_dst, FK_MAC),
};
static const struct kfield ipv4_fields[] = {
    F("src", struct ovs_key_ipv4, ipv4_src, FK_IP4),
    F("dst", struct ovs_key_ipv4, ipv4_dst, FK_IP4),
    F("proto", struct ovs_key_ipv4, ipv4_proto, FK_DEC),
    F("tos", struct ovs_key_ipv4, ipv4_tos, FK_HEX),
    F("ttl", struct ovs_key_ipv4, ipv4_ttl, FK_DEC),
    F("frag", struct ovs_key_ipv4, ipv4_frag, FK_FRAG),
};
static const struct kfield ipv6_fields[] = {
    F("src", struct ovs_key_ipv6, ipv6_src, FK_IP6),
    F("dst", struct ovs_key_ipv6, ipv6_dst, FK_IP6),
    F("label", struct ovs_key_ipv6, ipv6_label, FK_HEX),
    F("proto", struct ovs_key_ipv6, ipv6_proto, FK_DEC),
    F("tclass", struct ovs_key_ipv6, ipv6_tclass, FK_HEX),
    F("hlimit", struct ovs_key_ipv6, ipv6_hlimit, FK_DEC),
    F("frag", struct ovs_key_ipv6, ipv6_frag, FK_FRAG),
};
static const struct kfield tcp_fields[] = {
    F("src", struct ovs_key_tcp, tcp_src, FK_DEC),
    F("dst", struct ovs_key_tcp, tcp_dst, FK_DEC),
};
static const struct kfield udp_fields[] = {
    F("src", struct ovs_key_udp, udp_src, FK_DEC),
    F("dst", struct ovs_key_udp, udp_dst, FK_DEC),
};
static const struct kfield sctp_fields[] = {
    F("src", struct ovs_key_sctp, sctp_src, FK_DEC),
    F("dst", struct ovs_key_sctp, sctp_dst, FK_DEC),
};
static const struct kfield icmp_fields[] = {
    F("type", struct ovs_key_icmp, icmp_type, FK_DEC),
    F("code", struct ovs_key_icmp, icmp_code, FK_DEC),
};
static const struct kfield icmpv6_fields[] = {
    F("type", struct ovs_key_icmpv6, icmpv6_type, FK_DEC),
    F("code", struct ovs_key_icmpv6, icmpv6_code, FK_DEC),
};
static const struct kfield arp_fields[] = {
    F("sip", struct ovs_key_arp, arp_sip, FK_IP4),
    F("tip", struct ovs_key_arp, arp_tip, FK_IP4),
    F("op", struct ovs_key_arp, arp_op, FK_DEC),
    F("sha", struct ovs_key_arp, arp_sha, FK_MAC),
    F("tha", struct ovs_key_arp, arp_tha, FK_MAC),
};
static const struct kfield nd_fields[] = {
    F("target", struct ovs_key_nd, nd_target, FK_IP6),
    F("sll", struct ovs_key_nd, nd_sll, FK_MAC),
    F("tll", struct ovs_key_nd, nd_tll, FK_MAC),
};

/* OVS_KEY_ATTR_ND_EXTENSIONS payload (not in every kernel header). */
struct odp_key_nd_ext {
    ovs_be32 nd_reserved;
    uint8_t nd_options_type;
};
static const struct kfield nd_ext_fields[] = {
    F("nd_reserved", struct odp_key_nd_ext, nd_reserved, FK_HEX),
    F("nd_options_type", struct odp_key_nd_ext, nd_options_type, FK_DEC),
};
static const struct kfield ct_tuple4_fields[] = {
    F("src", struct ovs_key_ct_tuple_ipv4, ipv4_src, FK_IP4),
    F("dst", struct ovs_key_ct_tuple_ipv4, ipv4_dst, FK_IP4),
    F("proto", struct ovs_key_ct_tuple_ipv4, ipv4_proto, FK_DEC),
    F("tp_src", struct ovs_key_ct_tuple_ipv4, src_port, FK_DEC),
    F("tp_dst", struct ovs_key_ct_tuple_ipv4, dst_port, FK_DEC),
};
static const struct kfield ct_tuple6_fields[] = {
    F("src", struct ovs_key_ct_tuple_ipv6, ipv6_src, FK_IP6),
    F("dst", struct ovs_key_ct_tuple_ipv6, ipv6_dst, FK_IP6),
    F("proto", struct ovs_key_ct_tuple_ipv6, ipv6_proto, FK_DEC),
    F("tp_src", struct ovs_key_ct_tuple_ipv6, src_port, FK_DEC),
    F("tp_dst", struct ovs_key_ct_tuple_ipv6, dst_port, FK_DEC),
};
static const struct kfield u32_hex_field[] = { { NULL, 0, 4, FK_HEX } };
static const struct kfield u16_hex_field[] = { { NULL, 0, 2, FK_HEX } };

#undef F

/* Special text syntaxes. */
enum kspecial {
    KS_FIELDS,                  /* Generic: fields[] (scalar if unnamed). */
    KS_IN_PORT,
    KS_ENCAP,
    KS_VLAN,
    KS_ETHERTYPE,
    KS_MPLS,
    KS_CT_STATE,
    KS_CT_LABEL,
    KS_TCP_FLAGS,
    KS_PACKET_TYPE,
    KS_TUNNEL,
};

struct kattr {
    const char *name;           /* Text name, NULL if unused. */
    int len;                    /* Payload size; -1 variable or nested. */
    enum kspecial special;
    const struct kfield *fields;
    size_t n_fields;
};

#define N_KEY_ATTRS 34

#define FIELDS(A) A, ARRAY_SIZE(A)
static const struct kattr key_attrs[N_KEY_ATTRS] = {
    [OVS_KEY_ATTR_ENCAP] = { "encap", -1, KS_ENCAP, NULL, 0 },
    [OVS_KEY_ATTR_PRIORITY] = { "skb_priority", 4, KS_FIELDS,
                                FIELDS(u32_hex_field) },
    [OVS_KEY_ATTR_IN_PORT] = { "in_port", 4, KS_IN_PORT, NULL, 0 },
    [OVS_KEY_ATTR_ETHERNET] = { "eth", sizeof(struct ovs_key_ethernet),
                                KS_FIELDS, FIELDS(eth_fields) },
    [OVS_KEY_ATTR_VLAN] = { "vlan", 2, KS_VLAN, NULL, 0 },
    [OVS_KEY_ATTR_ETHERTYPE] = { "eth_type", 2, KS_ETHERTYPE, NULL, 0 },
    [OVS_KEY_ATTR_IPV4] = { "ipv4", sizeof(struct ovs_key_ipv4), KS_FIELDS,
                            FIELDS(ipv4_fields) },
    [OVS_KEY_ATTR_IPV6] = { "ipv6", sizeof(struct ovs_key_ipv6), KS_FIELDS,
                            FIELDS(ipv6_fields) },
    [OVS_KEY_ATTR_TCP] = { "tcp", sizeof(struct ovs_key_tcp), KS_FIELDS,
                           FIELDS(tcp_fields) },
    [OVS_KEY_ATTR_UDP] = { "udp", sizeof(struct ovs_key_udp), KS_FIELDS,
                           FIELDS(udp_fields) },
    [OVS_KEY_ATTR_ICMP] = { "icmp", sizeof(struct ovs_key_icmp), KS_FIELDS,
                            FIELDS(icmp_fields) },
    [OVS_KEY_ATTR_ICMPV6] = { "icmpv6", sizeof(struct ovs_key_icmpv6),
                              KS_FIELDS, FIELDS(icmpv6_fields) },
    [OVS_KEY_ATTR_ARP] = { "arp", sizeof(struct ovs_key_arp), KS_FIELDS,
                           FIELDS(arp_fields) },
    [OVS_KEY_ATTR_ND] = { "nd", sizeof(struct ovs_key_nd), KS_FIELDS,
                          FIELDS(nd_fields) },
    [OVS_KEY_ATTR_SKB_MARK] = { "skb_mark", 4, KS_FIELDS,
                                FIELDS(u32_hex_field) },
    [OVS_KEY_ATTR_TUNNEL] = { "tunnel", -1, KS_TUNNEL, NULL, 0 },
    [OVS_KEY_ATTR_SCTP] = { "sctp", sizeof(struct ovs_key_sctp), KS_FIELDS,
                            FIELDS(sctp_fields) },
    [OVS_KEY_ATTR_TCP_FLAGS] = { "tcp_flags", 2, KS_TCP_FLAGS, NULL, 0 },
    [OVS_KEY_ATTR_DP_HASH] = { "dp_hash", 4, KS_FIELDS,
                               FIELDS(u32_hex_field) },
    [OVS_KEY_ATTR_RECIRC_ID] = { "recirc_id", 4, KS_FIELDS,
                                 FIELDS(u32_hex_field) },
    [OVS_KEY_ATTR_MPLS] = { "mpls", -1, KS_MPLS, NULL, 0 },
    [OVS_KEY_ATTR_CT_STATE] = { "ct_state", 4, KS_CT_STATE, NULL, 0 },
    [OVS_KEY_ATTR_CT_ZONE] = { "ct_zone", 2, KS_FIELDS,
                               FIELDS(u16_hex_field) },
    [OVS_KEY_ATTR_CT_MARK] = { "ct_mark", 4, KS_FIELDS,
                               FIELDS(u32_hex_field) },
    [OVS_KEY_ATTR_CT_LABELS] = { "ct_label", 16, KS_CT_LABEL, NULL, 0 },
    [OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4] = {
        "ct_tuple4", sizeof(struct ovs_key_ct_tuple_ipv4), KS_FIELDS,
        FIELDS(ct_tuple4_fields) },
    [OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6] = {
        "ct_tuple6", sizeof(struct ovs_key_ct_tuple_ipv6), KS_FIELDS,
        FIELDS(ct_tuple6_fields) },
    [OVS_KEY_ATTR_PACKET_TYPE] = { "packet_type", 4, KS_PACKET_TYPE,
                                   NULL, 0 },
    [OVS_KEY_ATTR_ND_EXTENSIONS] = { "nd_ext",
                                     sizeof(struct odp_key_nd_ext),
                                     KS_FIELDS, FIELDS(nd_ext_fields) },
};
#undef FIELDS

BUILD_ASSERT_DECL(__OVS_KEY_ATTR_MAX <= N_KEY_ATTRS);

static const struct kattr *
key_attr_info(unsigned int type)
{
    return type < N_KEY_ATTRS && key_attrs[type].name ? &key_attrs[type]
                                                        : NULL;
}

const char *
odp_key_fitness_to_string(enum odp_key_fitness fitness)
{
    switch (fitness) {
    case ODP_FIT_PERFECT:
        return "OK";
    case ODP_FIT_TOO_MUCH:
        return "too_much";
    case ODP_FIT_TOO_LITTLE:
        return "too_little";
    case ODP_FIT_ERROR:
        return "error";
    default:
        return "<unknown>";
    }
}

/* ------------------------------------------------------------------ */
/* Flow -> key or mask. */

static uint8_t
frag_to_ovs(uint8_t nw_frag)
{
    return (!(nw_frag & FLOW_NW_FRAG_ANY) ? OVS_FRAG_TYPE_NONE
            : nw_frag & FLOW_NW_FRAG_LATER ? OVS_FRAG_TYPE_LATER
            : OVS_FRAG_TYPE_FIRST);
}

/* In a mask, the nw_frag mask becomes 0xff where both bits matter. */
static uint8_t
frag_mask_to_ovs(uint8_t nw_frag_mask)
{
    return (nw_frag_mask & FLOW_NW_FRAG_MASK) == FLOW_NW_FRAG_MASK
           ? 0xff : nw_frag_mask;
}

/* Writes the key ('export_mask' false) or the mask of a flow.  Which
 * attributes appear follows the key flow 'flow'; values come from 'data'
 * (the flow itself, or the mask). */
static void
put_key(const struct odp_flow_key_parms *parms, bool export_mask,
        struct ofpbuf *buf)
{
    const struct flow *flow = parms->flow;
    const struct flow *data = export_mask ? parms->mask : flow;
    const struct flow *mask = parms->mask;
    size_t encap[FLOW_MAX_VLAN_HEADERS];
    int n_encap = 0;

    nl_msg_put_u32(buf, OVS_KEY_ATTR_PRIORITY, data->skb_priority);
    nl_msg_put_u32(buf, OVS_KEY_ATTR_SKB_MARK, data->pkt_mark);
    nl_msg_put_u32(buf, OVS_KEY_ATTR_CT_STATE, data->ct_state);
    nl_msg_put_u16(buf, OVS_KEY_ATTR_CT_ZONE, data->ct_zone);
    nl_msg_put_u32(buf, OVS_KEY_ATTR_CT_MARK, data->ct_mark);
    nl_msg_put_unspec(buf, OVS_KEY_ATTR_CT_LABELS, &data->ct_label,
                      sizeof data->ct_label);
    if (flow->ct_nw_proto) {
        if (is_ipv4(flow)) {
            struct ovs_key_ct_tuple_ipv4 t = {
                .ipv4_src = data->ct_nw_src,
                .ipv4_dst = data->ct_nw_dst,
                .src_port = data->ct_tp_src,
                .dst_port = data->ct_tp_dst,
                .ipv4_proto = data->ct_nw_proto,
            };
            nl_msg_put_unspec(buf, OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4,
                              &t, sizeof t);
        } else if (is_ipv6(flow)) {
            struct ovs_key_ct_tuple_ipv6 t;

            memset(&t, 0, sizeof t);
            memcpy(t.ipv6_src, &data->ct_ipv6_src, 16);
            memcpy(t.ipv6_dst, &data->ct_ipv6_dst, 16);
            t.src_port = data->ct_tp_src;
            t.dst_port = data->ct_tp_dst;
            t.ipv6_proto = data->ct_nw_proto;
            nl_msg_put_unspec(buf, OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6,
                              &t, sizeof t);
        }
    }
    nl_msg_put_u32(buf, OVS_KEY_ATTR_RECIRC_ID, data->recirc_id);
    if (flow->dp_hash || mask) {
        nl_msg_put_u32(buf, OVS_KEY_ATTR_DP_HASH, data->dp_hash);
    }
    if (export_mask) {
        nl_msg_put_u32(buf, OVS_KEY_ATTR_IN_PORT,
                       mask->in_port.odp_port ? UINT32_MAX : 0);
    } else if (parms->odp_in_port != ODPP_NONE) {
        nl_msg_put_u32(buf, OVS_KEY_ATTR_IN_PORT, parms->odp_in_port);
    }
    if (mask || flow->packet_type != PT_ETH) {
        nl_msg_put_be32(buf, OVS_KEY_ATTR_PACKET_TYPE, data->packet_type);
    }

    if (flow->packet_type == PT_ETH) {
        struct ovs_key_ethernet eth;

        memcpy(eth.eth_src, data->dl_src.ea, ETH_ADDR_LEN);
        memcpy(eth.eth_dst, data->dl_dst.ea, ETH_ADDR_LEN);
        nl_msg_put_unspec(buf, OVS_KEY_ATTR_ETHERNET, &eth, sizeof eth);

        for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
            if (!(flow->vlans[i].tci & htons(VLAN_CFI))
                && !eth_type_vlan(flow->vlans[i].tpid)) {
                break;
            }
            nl_msg_put_be16(buf, OVS_KEY_ATTR_ETHERTYPE,
                            export_mask ? htons(UINT16_MAX)
                                        : flow->vlans[i].tpid);
            nl_msg_put_be16(buf, OVS_KEY_ATTR_VLAN, data->vlans[i].tci);
            encap[n_encap++] = nl_msg_start_nested(buf, OVS_KEY_ATTR_ENCAP);
            if (!(flow->vlans[i].tci & htons(VLAN_CFI))) {
                /* A truncated 802.1Q header: nothing inside. */
                goto unencap;
            }
        }

        if (ntohs(flow->dl_type) < ETH_TYPE_MIN) {
            /* No Ethertype (802.3 without SNAP); a mask says so exactly. */
            if (export_mask) {
                nl_msg_put_be16(buf, OVS_KEY_ATTR_ETHERTYPE,
                                htons(UINT16_MAX));
            }
            goto unencap;
        }
    }

    nl_msg_put_be16(buf, OVS_KEY_ATTR_ETHERTYPE, data->dl_type);

    if (is_ipv4(flow)) {
        struct ovs_key_ipv4 ip = {
            .ipv4_src = data->nw_src,
            .ipv4_dst = data->nw_dst,
            .ipv4_proto = data->nw_proto,
            .ipv4_tos = data->nw_tos,
            .ipv4_ttl = data->nw_ttl,
            .ipv4_frag = export_mask ? frag_mask_to_ovs(data->nw_frag)
                                     : frag_to_ovs(data->nw_frag),
        };
        nl_msg_put_unspec(buf, OVS_KEY_ATTR_IPV4, &ip, sizeof ip);
    } else if (is_ipv6(flow)) {
        struct ovs_key_ipv6 ip;

        memset(&ip, 0, sizeof ip);
        memcpy(ip.ipv6_src, &data->ipv6_src, 16);
        memcpy(ip.ipv6_dst, &data->ipv6_dst, 16);
        ip.ipv6_label = data->ipv6_label;
        ip.ipv6_proto = data->nw_proto;
        ip.ipv6_tclass = data->nw_tos;
        ip.ipv6_hlimit = data->nw_ttl;
        ip.ipv6_frag = export_mask ? frag_mask_to_ovs(data->nw_frag)
                                   : frag_to_ovs(data->nw_frag);
        nl_msg_put_unspec(buf, OVS_KEY_ATTR_IPV6, &ip, sizeof ip);
    } else if (is_arp(flow)) {
        struct ovs_key_arp arp;

        memset(&arp, 0, sizeof arp);
        arp.arp_sip = data->nw_src;
        arp.arp_tip = data->nw_dst;
        arp.arp_op = (export_mask && data->nw_proto == UINT8_MAX
                      ? htons(UINT16_MAX) : htons(data->nw_proto));
        memcpy(arp.arp_sha, data->arp_sha.ea, ETH_ADDR_LEN);
        memcpy(arp.arp_tha, data->arp_tha.ea, ETH_ADDR_LEN);
        nl_msg_put_unspec(buf, OVS_KEY_ATTR_ARP, &arp, sizeof arp);
    } else if (flow_is_mpls(flow)) {
        int n = flow_count_mpls_labels(flow);

        if (!n) {
            n = 1;
        }
        nl_msg_put_unspec(buf, OVS_KEY_ATTR_MPLS, data->mpls_lse,
                          n * sizeof(ovs_be32));
    }

    if (is_ip_any(flow) && !(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
        if (flow->nw_proto == IPPROTO_TCP) {
            struct ovs_key_tcp tcp = { data->tp_src, data->tp_dst };

            nl_msg_put_unspec(buf, OVS_KEY_ATTR_TCP, &tcp, sizeof tcp);
            if (data->tcp_flags || (mask && mask->tcp_flags)) {
                nl_msg_put_be16(buf, OVS_KEY_ATTR_TCP_FLAGS,
                                data->tcp_flags);
            }
        } else if (flow->nw_proto == IPPROTO_UDP) {
            struct ovs_key_udp udp = { data->tp_src, data->tp_dst };

            nl_msg_put_unspec(buf, OVS_KEY_ATTR_UDP, &udp, sizeof udp);
        } else if (flow->nw_proto == IPPROTO_SCTP) {
            struct ovs_key_sctp sctp = { data->tp_src, data->tp_dst };

            nl_msg_put_unspec(buf, OVS_KEY_ATTR_SCTP, &sctp, sizeof sctp);
        } else if (is_ipv4(flow) && flow->nw_proto == IPPROTO_ICMP) {
            struct ovs_key_icmp icmp = { ntohs(data->tp_src),
                                         ntohs(data->tp_dst) };

            nl_msg_put_unspec(buf, OVS_KEY_ATTR_ICMP, &icmp, sizeof icmp);
        } else if (is_ipv6(flow) && flow->nw_proto == IPPROTO_ICMPV6) {
            struct ovs_key_icmpv6 icmp = { ntohs(data->tp_src),
                                           ntohs(data->tp_dst) };

            nl_msg_put_unspec(buf, OVS_KEY_ATTR_ICMPV6, &icmp, sizeof icmp);
            if (is_nd(flow)
                && (!export_mask || (data->tp_src == htons(UINT8_MAX)
                                     && data->tp_dst == htons(UINT8_MAX)))) {
                struct ovs_key_nd nd;

                memcpy(nd.nd_target, &data->nd_target, 16);
                memcpy(nd.nd_sll, data->arp_sha.ea, ETH_ADDR_LEN);
                memcpy(nd.nd_tll, data->arp_tha.ea, ETH_ADDR_LEN);
                nl_msg_put_unspec(buf, OVS_KEY_ATTR_ND, &nd, sizeof nd);
                /* ND extensions (nd_reserved, nd_options_type) are
                 * parsed but, as upstream's userspace datapath does, not
                 * written back into keys. */
            }
        }
    }

unencap:
    while (n_encap > 0) {
        nl_msg_end_nested(buf, encap[--n_encap]);
    }
}

void
odp_flow_key_from_flow(const struct odp_flow_key_parms *parms,
                       struct ofpbuf *key)
{
    put_key(parms, false, key);
}

void
odp_flow_key_from_mask(const struct odp_flow_key_parms *parms,
                       struct ofpbuf *mask)
{
    put_key(parms, true, mask);
}

/* ------------------------------------------------------------------ */
/* Key or mask -> flow. */

struct key_attrs {
    const struct nlattr *a[N_KEY_ATTRS];
    uint64_t present;           /* Bit per attribute type seen. */
    uint64_t unknown;           /* Attributes we do not model. */
};

static void
set_error(char **errorp, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3);

static void
set_error(char **errorp, const char *format, ...)
{
    if (errorp && !*errorp) {
        va_list args;

        va_start(args, format);
        *errorp = xvasprintf(format, args);
        va_end(args);
    }
}

/* Collects the attributes of one nesting level.  Returns false on a
 * malformed attribute, a wrong length or a duplicate. */
static bool
collect_attrs(const struct nlattr *key, size_t key_len,
              struct key_attrs *ka, char **errorp)
{
    const struct nlattr *nla;
    size_t left;

    memset(ka, 0, sizeof *ka);
    NL_ATTR_FOR_EACH (nla, left, key, key_len) {
        uint16_t type = nl_attr_type(nla);
        size_t len = nl_attr_get_size(nla);
        const struct kattr *info = key_attr_info(type);

        if (!info) {
            ka->unknown |= UINT64_C(1) << (type < 64 ? type : 63);
            continue;
        }
        if (info->len >= 0 && len != (size_t) info->len) {
            set_error(errorp, "attribute %s has length %zu but "
                      "should have length %d", info->name, len, info->len);
            return false;
        }
        if (type == OVS_KEY_ATTR_MPLS
            && (!len || len % 4 || len > 4 * FLOW_MAX_MPLS_LABELS)) {
            set_error(errorp, "attribute mpls has bad length %zu",
                      len);
            return false;
        }
        if (ka->present & (UINT64_C(1) << type)) {
            set_error(errorp, "duplicate %s attribute in flow key",
                      info->name);
            return false;
        }
        ka->present |= UINT64_C(1) << type;
        ka->a[type] = nla;
    }
    if (left) {
        set_error(errorp, "trailing garbage in flow key");
        return false;
    }
    return true;
}

#define BIT(T) (UINT64_C(1) << (T))

/* Parses the L3 and L4 attributes of one nesting level into 'flow'
 * ('is_mask': values are masks and 'src' is the key flow deciding what
 * to expect).  Updates '*expected'. */
static bool
parse_l3_l4(const struct key_attrs *ka, bool is_mask, struct flow *flow,
            const struct flow *src, uint64_t *expected, char **errorp)
{
    const struct nlattr *a;

    if (is_ipv4(src)) {
        *expected |= BIT(OVS_KEY_ATTR_IPV4);
        a = ka->a[OVS_KEY_ATTR_IPV4];
        if (a) {
            const struct ovs_key_ipv4 *ip = nl_attr_get(a);

            flow->nw_src = ip->ipv4_src;
            flow->nw_dst = ip->ipv4_dst;
            flow->nw_proto = ip->ipv4_proto;
            flow->nw_tos = ip->ipv4_tos;
            flow->nw_ttl = ip->ipv4_ttl;
            if (is_mask) {
                flow->nw_frag = ip->ipv4_frag & FLOW_NW_FRAG_MASK;
            } else if (ip->ipv4_frag > OVS_FRAG_TYPE_LATER) {
                set_error(errorp, "bad ipv4 frag type %d", ip->ipv4_frag);
                return false;
            } else {
                flow->nw_frag = (ip->ipv4_frag == OVS_FRAG_TYPE_NONE ? 0
                                 : ip->ipv4_frag == OVS_FRAG_TYPE_FIRST
                                 ? FLOW_NW_FRAG_ANY
                                 : FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER);
            }
        }
    } else if (is_ipv6(src)) {
        *expected |= BIT(OVS_KEY_ATTR_IPV6);
        a = ka->a[OVS_KEY_ATTR_IPV6];
        if (a) {
            const struct ovs_key_ipv6 *ip = nl_attr_get(a);

            memcpy(&flow->ipv6_src, ip->ipv6_src, 16);
            memcpy(&flow->ipv6_dst, ip->ipv6_dst, 16);
            flow->ipv6_label = ip->ipv6_label;
            flow->nw_proto = ip->ipv6_proto;
            flow->nw_tos = ip->ipv6_tclass;
            flow->nw_ttl = ip->ipv6_hlimit;
            if (is_mask) {
                flow->nw_frag = ip->ipv6_frag & FLOW_NW_FRAG_MASK;
            } else if (ip->ipv6_frag > OVS_FRAG_TYPE_LATER) {
                set_error(errorp, "bad ipv6 frag type %d", ip->ipv6_frag);
                return false;
            } else {
                flow->nw_frag = (ip->ipv6_frag == OVS_FRAG_TYPE_NONE ? 0
                                 : ip->ipv6_frag == OVS_FRAG_TYPE_FIRST
                                 ? FLOW_NW_FRAG_ANY
                                 : FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER);
            }
            if (!is_mask && (ntohl(ip->ipv6_label) & ~IPV6_LABEL_MASK)) {
                set_error(errorp, "ipv6 label %#"PRIx32" is too big",
                          ntohl(ip->ipv6_label));
                return false;
            }
        }
    } else if (is_arp(src)) {
        *expected |= BIT(OVS_KEY_ATTR_ARP);
        a = ka->a[OVS_KEY_ATTR_ARP];
        if (a) {
            const struct ovs_key_arp *arp = nl_attr_get(a);

            if (!is_mask && ntohs(arp->arp_op) > 0xff) {
                set_error(errorp, "unsupported ARP opcode %"PRIu16" in "
                          "flow key", ntohs(arp->arp_op));
                return false;
            }
            flow->nw_src = arp->arp_sip;
            flow->nw_dst = arp->arp_tip;
            flow->nw_proto = ntohs(arp->arp_op);
            memcpy(flow->arp_sha.ea, arp->arp_sha, ETH_ADDR_LEN);
            memcpy(flow->arp_tha.ea, arp->arp_tha, ETH_ADDR_LEN);
        }
    } else if (flow_is_mpls(src)) {
        *expected |= BIT(OVS_KEY_ATTR_MPLS);
        a = ka->a[OVS_KEY_ATTR_MPLS];
        if (a) {
            size_t n = nl_attr_get_size(a) / 4;

            memcpy(flow->mpls_lse, nl_attr_get(a), n * 4);
            if (!is_mask && n < FLOW_MAX_MPLS_LABELS
                && !(flow->mpls_lse[n - 1] & htonl(MPLS_BOS_MASK))) {
                /* The datapath would have parsed more labels. */
                *expected |= BIT(OVS_KEY_ATTR_UNSPEC);
            }
        }
        return true;
    }

    if (is_ip_any(src) && !(src->nw_frag & FLOW_NW_FRAG_LATER)) {
        const struct flow *l4 = src;
        int t = -1;

        if (l4->nw_proto == IPPROTO_TCP) {
            t = OVS_KEY_ATTR_TCP;
            if (ka->a[OVS_KEY_ATTR_TCP_FLAGS]) {
                *expected |= BIT(OVS_KEY_ATTR_TCP_FLAGS);
                flow->tcp_flags = nl_attr_get_be16(
                    ka->a[OVS_KEY_ATTR_TCP_FLAGS]);
            }
        } else if (l4->nw_proto == IPPROTO_UDP) {
            t = OVS_KEY_ATTR_UDP;
        } else if (l4->nw_proto == IPPROTO_SCTP) {
            t = OVS_KEY_ATTR_SCTP;
        }
        if (t >= 0) {
            *expected |= BIT(t);
            a = ka->a[t];
            if (a) {
                const ovs_be16 *ports = nl_attr_get(a);

                flow->tp_src = ports[0];
                flow->tp_dst = ports[1];
            }
        } else if ((is_ipv4(src) && l4->nw_proto == IPPROTO_ICMP)
                   || (is_ipv6(src) && l4->nw_proto == IPPROTO_ICMPV6)) {
            t = is_ipv4(src) ? OVS_KEY_ATTR_ICMP : OVS_KEY_ATTR_ICMPV6;
            *expected |= BIT(t);
            a = ka->a[t];
            if (a) {
                const uint8_t *tc = nl_attr_get(a);

                flow->tp_src = htons(tc[0]);
                flow->tp_dst = htons(tc[1]);
            }
            if (t == OVS_KEY_ATTR_ICMPV6 && is_nd(src)
                && (!is_mask || (flow->tp_src == htons(UINT8_MAX)
                                 && flow->tp_dst == htons(UINT8_MAX)))) {
                *expected |= BIT(OVS_KEY_ATTR_ND);
                a = ka->a[OVS_KEY_ATTR_ND];
                if (a) {
                    const struct ovs_key_nd *nd = nl_attr_get(a);

                    memcpy(&flow->nd_target, nd->nd_target, 16);
                    memcpy(flow->arp_sha.ea, nd->nd_sll, ETH_ADDR_LEN);
                    memcpy(flow->arp_tha.ea, nd->nd_tll, ETH_ADDR_LEN);
                }
                a = ka->a[OVS_KEY_ATTR_ND_EXTENSIONS];
                if (a) {
                    const struct odp_key_nd_ext *ext = nl_attr_get(a);

                    *expected |= BIT(OVS_KEY_ATTR_ND_EXTENSIONS);
                    flow->nd_reserved = ext->nd_reserved;
                    flow->nd_options_type = ext->nd_options_type;
                }
            }
        }
    }
    return true;
}

static enum odp_key_fitness
fitness_of(uint64_t present, uint64_t expected, uint64_t unknown)
{
    if (present & ~expected) {
        return ODP_FIT_TOO_MUCH;
    }
    if (expected & ~present) {
        return ODP_FIT_TOO_LITTLE;
    }
    return unknown ? ODP_FIT_TOO_MUCH : ODP_FIT_PERFECT;
}

/* Parses a key ('is_mask' false) or a mask for the key flow 'src'. */
static enum odp_key_fitness
parse_key(const struct nlattr *key, size_t key_len, bool is_mask,
          struct flow *flow, const struct flow *src, char **errorp)
{
    enum odp_key_fitness worst = ODP_FIT_PERFECT;
    struct key_attrs ka;
    uint64_t expected = 0;
    const struct nlattr *a;

    memset(flow, 0, sizeof *flow);
    if (!collect_attrs(key, key_len, &ka, errorp)) {
        return ODP_FIT_ERROR;
    }

    /* Metadata: all optional. */
    expected |= ka.present & (BIT(OVS_KEY_ATTR_PRIORITY)
                              | BIT(OVS_KEY_ATTR_SKB_MARK)
                              | BIT(OVS_KEY_ATTR_CT_STATE)
                              | BIT(OVS_KEY_ATTR_CT_ZONE)
                              | BIT(OVS_KEY_ATTR_CT_MARK)
                              | BIT(OVS_KEY_ATTR_CT_LABELS)
                              | BIT(OVS_KEY_ATTR_RECIRC_ID)
                              | BIT(OVS_KEY_ATTR_DP_HASH)
                              | BIT(OVS_KEY_ATTR_IN_PORT)
                              | BIT(OVS_KEY_ATTR_PACKET_TYPE)
                              | BIT(OVS_KEY_ATTR_TUNNEL));
    if ((a = ka.a[OVS_KEY_ATTR_PRIORITY])) {
        flow->skb_priority = nl_attr_get_u32(a);
    }
    if ((a = ka.a[OVS_KEY_ATTR_SKB_MARK])) {
        flow->pkt_mark = nl_attr_get_u32(a);
    }
    if ((a = ka.a[OVS_KEY_ATTR_CT_STATE])) {
        uint32_t state = nl_attr_get_u32(a);

        if (!is_mask && state & ~UINT32_C(0xff)) {
            set_error(errorp, "ct_state flags 0x%"PRIx32" unsupported",
                      state & ~UINT32_C(0xff));
            return ODP_FIT_ERROR;
        }
        flow->ct_state = state;
    }
    if ((a = ka.a[OVS_KEY_ATTR_CT_ZONE])) {
        flow->ct_zone = nl_attr_get_u16(a);
    }
    if ((a = ka.a[OVS_KEY_ATTR_CT_MARK])) {
        flow->ct_mark = nl_attr_get_u32(a);
    }
    if ((a = ka.a[OVS_KEY_ATTR_CT_LABELS])) {
        memcpy(&flow->ct_label, nl_attr_get(a), sizeof flow->ct_label);
    }
    if ((a = ka.a[OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4])) {
        const struct ovs_key_ct_tuple_ipv4 *t = nl_attr_get(a);

        expected |= BIT(OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4);
        flow->ct_nw_src = t->ipv4_src;
        flow->ct_nw_dst = t->ipv4_dst;
        flow->ct_nw_proto = t->ipv4_proto;
        flow->ct_tp_src = t->src_port;
        flow->ct_tp_dst = t->dst_port;
    }
    if ((a = ka.a[OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6])) {
        const struct ovs_key_ct_tuple_ipv6 *t = nl_attr_get(a);

        expected |= BIT(OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6);
        memcpy(&flow->ct_ipv6_src, t->ipv6_src, 16);
        memcpy(&flow->ct_ipv6_dst, t->ipv6_dst, 16);
        flow->ct_nw_proto = t->ipv6_proto;
        flow->ct_tp_src = t->src_port;
        flow->ct_tp_dst = t->dst_port;
    }
    if ((a = ka.a[OVS_KEY_ATTR_RECIRC_ID])) {
        flow->recirc_id = nl_attr_get_u32(a);
    }
    if ((a = ka.a[OVS_KEY_ATTR_DP_HASH])) {
        flow->dp_hash = nl_attr_get_u32(a);
    }
    if ((a = ka.a[OVS_KEY_ATTR_IN_PORT])) {
        flow->in_port.odp_port = nl_attr_get_u32(a);
    } else if (!is_mask) {
        flow->in_port.odp_port = ODPP_NONE;
    }

    /* Packet type: explicit, or Ethernet if there is an Ethernet header,
     * or an L3 type from the Ethertype. */
    if ((a = ka.a[OVS_KEY_ATTR_PACKET_TYPE])) {
        flow->packet_type = nl_attr_get_be32(a);
        if (!is_mask && flow->packet_type == PT_ETH
            && !ka.a[OVS_KEY_ATTR_ETHERNET]) {
            /* Tolerated: an Ethernet packet with its header wildcarded. */
        }
    } else if (!is_mask) {
        if (ka.a[OVS_KEY_ATTR_ETHERNET]) {
            flow->packet_type = PT_ETH;
        } else if (ka.a[OVS_KEY_ATTR_ETHERTYPE]) {
            flow->packet_type = htonl((OFPHTN_ETHERTYPE << 16)
                                      | ntohs(nl_attr_get_be16(
                                          ka.a[OVS_KEY_ATTR_ETHERTYPE])));
        } else {
            flow->packet_type = PT_ETH;
        }
    }

    bool src_eth = src->packet_type == PT_ETH;
    if (src_eth) {
        if ((a = ka.a[OVS_KEY_ATTR_ETHERNET])) {
            const struct ovs_key_ethernet *eth = nl_attr_get(a);

            expected |= BIT(OVS_KEY_ATTR_ETHERNET);
            memcpy(flow->dl_src.ea, eth->eth_src, ETH_ADDR_LEN);
            memcpy(flow->dl_dst.ea, eth->eth_dst, ETH_ADDR_LEN);
        } else if (!is_mask) {
            expected |= BIT(OVS_KEY_ATTR_ETHERNET);
        }
    }

    /* VLAN tags and what they encapsulate. */
    const struct key_attrs *level = &ka;
    struct key_attrs inner[FLOW_MAX_VLAN_HEADERS];
    uint64_t inner_expected = 0;
    int depth = 0;
    for (;;) {
        const struct nlattr *et = level->a[OVS_KEY_ATTR_ETHERTYPE];
        ovs_be16 src_type = (depth < FLOW_MAX_VLAN_HEADERS && src_eth
                             ? src->vlans[depth].tpid : 0);
        bool vlan = (depth < FLOW_MAX_VLAN_HEADERS && src_eth
                     && (is_mask ? (src->vlans[depth].tci & htons(VLAN_CFI))
                                   || eth_type_vlan(src_type)
                                 : et && eth_type_vlan(nl_attr_get_be16(et))
                                   && level->a[OVS_KEY_ATTR_VLAN]));
        if (!vlan) {
            break;
        }
        uint64_t *exp = depth ? &inner_expected : &expected;
        *exp |= (BIT(OVS_KEY_ATTR_ETHERTYPE) | BIT(OVS_KEY_ATTR_VLAN)
                 | BIT(OVS_KEY_ATTR_ENCAP));
        if (is_mask) {
            flow->vlans[depth].tpid = et ? nl_attr_get_be16(et) : 0;
            a = level->a[OVS_KEY_ATTR_VLAN];
            flow->vlans[depth].tci = a ? nl_attr_get_be16(a) : 0;
        } else {
            flow->vlans[depth].tpid = nl_attr_get_be16(et);
            flow->vlans[depth].tci = nl_attr_get_be16(
                level->a[OVS_KEY_ATTR_VLAN]);
        }
        a = level->a[OVS_KEY_ATTR_ENCAP];
        if (!a) {
            if (is_mask) {
                goto done;
            }
            set_error(errorp, "missing encap attribute for vlan");
            worst = ODP_FIT_TOO_LITTLE;
            goto done;
        }
        if (!is_mask && !(flow->vlans[depth].tci & htons(VLAN_CFI))) {
            if (flow->vlans[depth].tci || nl_attr_get_size(a)) {
                set_error(errorp, "OVS_KEY_ATTR_VLAN 0x%04"PRIx16" is "
                          "invalid with empty encap",
                          ntohs(flow->vlans[depth].tci));
                return ODP_FIT_ERROR;
            }
            /* Truncated 802.1Q header. */
            goto done;
        }
        if (is_mask && !(src->vlans[depth].tci & htons(VLAN_CFI))) {
            goto done;
        }
        if (!collect_attrs(nl_attr_get(a), nl_attr_get_size(a),
                           &inner[depth], errorp)) {
            return ODP_FIT_ERROR;
        }
        if (depth) {
            worst = MAX(worst, fitness_of(level->present,
                                          inner_expected, level->unknown));
            inner_expected = 0;
        }
        level = &inner[depth++];
    }

    /* Ethertype. */
    if (src_eth || level != &ka) {
        const struct nlattr *et = level->a[OVS_KEY_ATTR_ETHERTYPE];
        uint64_t *exp = depth ? &inner_expected : &expected;

        if (et) {
            *exp |= BIT(OVS_KEY_ATTR_ETHERTYPE);
            flow->dl_type = nl_attr_get_be16(et);
            if (!is_mask && ntohs(flow->dl_type) < ETH_TYPE_MIN) {
                set_error(errorp, "OVS_KEY_ATTR_ETHERTYPE 0x%"PRIx16
                          " is invalid", ntohs(flow->dl_type));
                return ODP_FIT_ERROR;
            }
        } else if (!is_mask) {
            flow->dl_type = htons(FLOW_DL_TYPE_NONE);
        } else if (ntohs(src->dl_type) < ETH_TYPE_MIN) {
            /* The key has no Ethertype and the mask does not say to
             * match that exactly: upstream's datapath refuses it. */
            set_error(errorp, "mask has no ethertype for a key without "
                      "one");
            return ODP_FIT_ERROR;
        }
    } else if ((a = ka.a[OVS_KEY_ATTR_ETHERTYPE])) {
        expected |= BIT(OVS_KEY_ATTR_ETHERTYPE);
        flow->dl_type = nl_attr_get_be16(a);
    } else if (!is_mask) {
        flow->dl_type = pt_ns_type_be(flow->packet_type);
    }

    {
        const struct flow *s = is_mask ? src : flow;
        uint64_t *exp = depth ? &inner_expected : &expected;

        if (!parse_l3_l4(level, is_mask, flow, s, exp, errorp)) {
            return ODP_FIT_ERROR;
        }
    }
    if (depth) {
        worst = MAX(worst, fitness_of(level->present, inner_expected,
                                      level->unknown));
    }

done:
    if (is_mask) {
        return ODP_FIT_PERFECT;
    }
    return MAX(worst, fitness_of(ka.present, expected, ka.unknown));
}

enum odp_key_fitness
odp_flow_key_to_flow(const struct nlattr *key, size_t key_len,
                     struct flow *flow, char **errorp)
{
    if (errorp) {
        *errorp = NULL;
    }
    enum odp_key_fitness f = parse_key(key, key_len, false, flow, flow,
                                       errorp);
    if (f == ODP_FIT_ERROR) {
        memset(flow, 0, sizeof *flow);
    }
    return f;
}

enum odp_key_fitness
odp_flow_key_to_mask(const struct nlattr *mask, size_t mask_len,
                     struct flow_wildcards *wc, const struct flow *flow,
                     char **errorp)
{
    if (errorp) {
        *errorp = NULL;
    }
    if (!mask_len) {
        flow_wildcards_init_exact(wc);
        return ODP_FIT_PERFECT;
    }
    enum odp_key_fitness f = parse_key(mask, mask_len, true, &wc->masks,
                                       flow, errorp);
    if (f == ODP_FIT_ERROR) {
        flow_wildcards_init_catchall(wc);
    }
    return f;
}

/* ------------------------------------------------------------------ */
/* UFIDs. */

void
odp_flow_key_hash(const void *key, size_t key_len, ovs_u128 *ufid)
{
    static uint32_t secret;
    static bool inited;

    if (!inited) {
        secret = random_uint32();
        inited = true;
    }
    for (int i = 0; i < 4; i++) {
        ufid->u32[i] = hash_bytes(key, key_len, secret + i * 0x9e3779b9);
    }
}

void
odp_format_ufid(const ovs_u128 *ufid, struct ds *ds)
{
    ds_put_format(ds, "ufid:%08x-%04x-%04x-%04x-%04x%08x",
                  ufid->u32[0], ufid->u32[1] >> 16, ufid->u32[1] & 0xffff,
                  ufid->u32[2] >> 16, ufid->u32[2] & 0xffff, ufid->u32[3]);
}

int
odp_ufid_from_string(const char *s, ovs_u128 *ufid)
{
    struct uuid uuid;

    if (strncmp(s, "ufid:", 5)) {
        return 0;
    }
    s += 5;
    size_t n = strspn(s, "0123456789abcdefABCDEF-");
    if (n == 36 && uuid_from_string_prefix(&uuid, s)) {
        memcpy(ufid, &uuid, sizeof *ufid);
        return n + 5;
    }
    /* Also accept 32 hex digits without dashes. */
    if (n == 32 && !strchr(s, '-')) {
        for (int i = 0; i < 4; i++) {
            int v = hexits_value(s + 8 * i, 8);

            (void) v;
            ufid->u32[i] = 0;
            for (int j = 0; j < 8; j++) {
                ufid->u32[i] = (ufid->u32[i] << 4) | hexit_value(s[8 * i + j]);
            }
        }
        return n + 5;
    }
    return -EINVAL;
}

/* ------------------------------------------------------------------ */
/* Port names. */

struct odp_portno_names {
    struct hmap_node hmap_node;
    odp_port_t port_no;
    char *name;
};

void
odp_portno_names_set(struct hmap *portno_names, odp_port_t port_no,
                     const char *name)
{
    struct odp_portno_names *p = xmalloc(sizeof *p);

    p->port_no = port_no;
    p->name = xstrdup(name);
    hmap_insert(portno_names, &p->hmap_node, hash_int(port_no, 0));
}

const char *
odp_portno_names_get(const struct hmap *portno_names, odp_port_t port_no)
{
    struct odp_portno_names *p;

    if (!portno_names) {
        return NULL;
    }
    HMAP_FOR_EACH_WITH_HASH (p, hmap_node, hash_int(port_no, 0),
                             portno_names) {
        if (p->port_no == port_no) {
            return p->name;
        }
    }
    return NULL;
}

void
odp_portno_names_destroy(struct hmap *portno_names)
{
    struct odp_portno_names *p;

    HMAP_FOR_EACH_POP (p, hmap_node, portno_names) {
        free(p->name);
        free(p);
    }
}

/* ------------------------------------------------------------------ */
/* Key text: formatting. */

static bool
is_all_zeros(const void *p_, size_t n)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

static bool
is_all_ones(const void *p_, size_t n)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0xff) {
            return false;
        }
    }
    return true;
}

static uint32_t
get_uint(const uint8_t *p, size_t size)
{
    uint32_t v = 0;

    for (size_t i = 0; i < size; i++) {
        v = (v << 8) | p[i];
    }
    return v;
}

static void
put_uint(uint8_t *p, size_t size, uint32_t v)
{
    for (size_t i = size; i-- > 0; v >>= 8) {
        p[i] = v;
    }
}

/* Scalar attributes are host order u32/u16; struct fields network order.
 * Reads an unnamed (scalar) field in host order. */
static uint32_t
get_scalar(const void *p, size_t size)
{
    if (size == 4) {
        uint32_t v;

        memcpy(&v, p, 4);
        return v;
    } else {
        uint16_t v;

        memcpy(&v, p, 2);
        return v;
    }
}

static void
put_scalar(void *p, size_t size, uint32_t v)
{
    if (size == 4) {
        memcpy(p, &v, 4);
    } else {
        uint16_t v16 = v;

        memcpy(p, &v16, 2);
    }
}

static const char *
frag_name(uint8_t frag)
{
    switch (frag) {
    case OVS_FRAG_TYPE_NONE:
        return "no";
    case OVS_FRAG_TYPE_FIRST:
        return "first";
    case OVS_FRAG_TYPE_LATER:
        return "later";
    default:
        return NULL;
    }
}

static void
format_field_value(struct ds *ds, const struct kfield *f, const uint8_t *v,
                   bool is_mask, bool scalar)
{
    switch (f->kind) {
    case FK_DEC:
    case FK_HEX: {
        uint32_t x = scalar ? get_scalar(v, f->size) : get_uint(v, f->size);

        ds_put_format(ds, f->kind == FK_DEC && !is_mask ? "%"PRIu32
                                                       : "%#"PRIx32, x);
        break;
    }
    case FK_MAC: {
        struct eth_addr ea;

        memcpy(ea.ea, v, ETH_ADDR_LEN);
        eth_format(ds, ea);
        break;
    }
    case FK_IP4: {
        ovs_be32 ip;

        memcpy(&ip, v, 4);
        ds_put_format(ds, IP_FMT, IP_ARGS(ip));
        break;
    }
    case FK_IP6: {
        struct in6_addr a;

        memcpy(&a, v, 16);
        ipv6_format_addr(&a, ds);
        break;
    }
    case FK_FRAG:
        if (!is_mask && frag_name(*v)) {
            ds_put_cstr(ds, frag_name(*v));
        } else if (is_mask) {
            ds_put_format(ds, "%#"PRIx8, *v);
        } else {
            ds_put_format(ds, "<error: unknown frag %"PRIu8">", *v);
        }
        break;
    }
}

/* Formats the fields of a generic attribute. */
static void
format_fields(struct ds *ds, const struct kattr *info, const uint8_t *key,
              const uint8_t *mask, bool verbose)
{
    bool first = true;

    for (size_t i = 0; i < info->n_fields; i++) {
        const struct kfield *f = &info->fields[i];
        const uint8_t *k = key + f->ofs;
        const uint8_t *m = mask ? mask + f->ofs : NULL;
        bool scalar = !f->name;

        if (m && (!verbose || f->kind == FK_FRAG) && !scalar
            && is_all_zeros(m, f->size)) {
            /* A wildcarded fragment type is left out even in verbose
             * output, as upstream does: it has no masked syntax. */
            continue;
        }
        if (!first) {
            ds_put_char(ds, ',');
        }
        first = false;
        if (f->name) {
            ds_put_format(ds, "%s=", f->name);
        }
        format_field_value(ds, f, k, false, scalar);
        if (m && !is_all_ones(m, f->size) && f->kind != FK_FRAG) {
            ds_put_char(ds, '/');
            format_field_value(ds, f, m, true, scalar);
        }
    }
}

static const char *
ct_state_name(uint32_t bit)
{
    switch (bit) {
    case CS_NEW: return "new";
    case CS_ESTABLISHED: return "est";
    case CS_RELATED: return "rel";
    case CS_REPLY_DIR: return "rpl";
    case CS_INVALID: return "inv";
    case CS_TRACKED: return "trk";
    case CS_SRC_NAT: return "snat";
    case CS_DST_NAT: return "dnat";
    default: return NULL;
    }
}

static const char *
tcp_flag_name(uint32_t bit)
{
    switch (bit) {
    case TCP_FIN: return "fin";
    case TCP_SYN: return "syn";
    case TCP_RST: return "rst";
    case TCP_PSH: return "psh";
    case TCP_ACK: return "ack";
    case TCP_URG: return "urg";
    case TCP_ECE: return "ece";
    case TCP_CWR: return "cwr";
    case TCP_NS: return "ns";
    default: return NULL;
    }
}

/* "a|b|c" for exact flags, "+a-b" for masked ones. */
static void
format_flags(struct ds *ds, const char *(*name)(uint32_t), uint32_t value,
             uint32_t mask, uint32_t all)
{
    /* Bits without names have no flag syntax: hex then. */
    for (uint32_t bit = 1; bit; bit <<= 1) {
        if ((value | (mask == all ? 0 : mask)) & bit && !name(bit)) {
            ds_put_format(ds, "%#"PRIx32, value);
            if (mask != all) {
                ds_put_format(ds, "/%#"PRIx32, mask);
            }
            return;
        }
    }
    if (mask == all) {
        bool first = true;

        if (!value) {
            ds_put_char(ds, '0');
            return;
        }
        for (uint32_t bit = 1; bit && bit <= value; bit <<= 1) {
            if (value & bit) {
                const char *s = name(bit);

                if (!first) {
                    ds_put_char(ds, '|');
                }
                first = false;
                if (s) {
                    ds_put_cstr(ds, s);
                } else {
                    ds_put_format(ds, "0x%"PRIx32, bit);
                }
            }
        }
        return;
    }
    for (uint32_t bit = 1; bit && bit <= mask; bit <<= 1) {
        if (mask & bit) {
            const char *s = name(bit);

            ds_put_char(ds, value & bit ? '+' : '-');
            if (s) {
                ds_put_cstr(ds, s);
            } else {
                ds_put_format(ds, "0x%"PRIx32, bit);
            }
        }
    }
}

static void
format_u128(struct ds *ds, const ovs_u128 *v)
{
    if (v->u64.hi) {
        ds_put_format(ds, "%#"PRIx64"%016"PRIx64, v->u64.hi, v->u64.lo);
    } else {
        ds_put_format(ds, "%#"PRIx64, v->u64.lo);
    }
}

static void
format_vlan_tci(struct ds *ds, ovs_be16 tci_, ovs_be16 mask_, bool verbose)
{
    uint16_t tci = ntohs(tci_), mask = ntohs(mask_);
    bool first = true;

    if (verbose || mask & VLAN_VID_MASK) {
        ds_put_format(ds, "vid=%"PRIu16, tci & VLAN_VID_MASK);
        if ((mask & VLAN_VID_MASK) != VLAN_VID_MASK) {
            ds_put_format(ds, "/0x%"PRIx16, mask & VLAN_VID_MASK);
        }
        first = false;
    }
    if (verbose || mask & VLAN_PCP_MASK) {
        ds_put_format(ds, "%spcp=%d", first ? "" : ",",
                      (tci & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT);
        if ((mask & VLAN_PCP_MASK) != VLAN_PCP_MASK) {
            ds_put_format(ds, "/0x%x", (mask & VLAN_PCP_MASK)
                                       >> VLAN_PCP_SHIFT);
        }
        first = false;
    }
    if (!(tci & VLAN_CFI) || !(mask & VLAN_CFI) || verbose) {
        if (!(tci & VLAN_CFI) || (mask & VLAN_CFI) != VLAN_CFI) {
            ds_put_format(ds, "%scfi=%d", first ? "" : ",",
                          !!(tci & VLAN_CFI));
            if (!(mask & VLAN_CFI)) {
                ds_put_cstr(ds, "/0");
            }
        }
    }
}

static const struct nlattr *
find_attr(const struct nlattr *attrs, size_t len, uint16_t type)
{
    const struct nlattr *nla;
    size_t left;

    if (!attrs) {
        return NULL;
    }
    NL_ATTR_FOR_EACH (nla, left, attrs, len) {
        if (nl_attr_type(nla) == type) {
            return nla;
        }
    }
    return NULL;
}

static void format_key_list(const struct nlattr *key, size_t key_len,
                            const struct nlattr *mask, size_t mask_len,
                            bool has_mask, const struct hmap *portno_names,
                            struct ds *ds, bool verbose);

/* Formats one attribute 'a' with mask attribute 'ma' (NULL: exact, or
 * wildcarded if 'has_mask'). */
static void
format_key_attr(const struct nlattr *a, const struct nlattr *ma,
                bool has_mask, const struct hmap *portno_names,
                struct ds *ds, bool verbose)
{
    uint16_t type = nl_attr_type(a);
    const struct kattr *info = key_attr_info(type);
    size_t len = nl_attr_get_size(a);
    uint8_t zeros[64];

    memset(zeros, 0, sizeof zeros);
    if (info && ((info->len >= 0 && len != (size_t) info->len)
                 || (type == OVS_KEY_ATTR_MPLS && (!len || len % 4)))) {
        ds_put_format(ds, "(bad key length %zu, expected %d) ", len,
                      info->len);
        info = NULL;
    }
    if (!info) {
        ds_put_format(ds, "key%"PRIu16"(", type);
        ds_put_hex(ds, nl_attr_get(a), len);
        if (ma) {
            ds_put_char(ds, '/');
            ds_put_hex(ds, nl_attr_get(ma), nl_attr_get_size(ma));
        }
        ds_put_char(ds, ')');
        return;
    }

    const uint8_t *k = nl_attr_get(a);
    const uint8_t *m = NULL;
    if (ma && nl_attr_get_size(ma) == len) {
        m = nl_attr_get(ma);
    } else if (has_mask && info->len >= 0 && (size_t) info->len
               <= sizeof zeros) {
        m = zeros;
    }

    ds_put_format(ds, "%s(", info->name);
    switch (info->special) {
    case KS_FIELDS:
        format_fields(ds, info, k, m, verbose);
        break;
    case KS_IN_PORT: {
        uint32_t port = nl_attr_get_u32(a);
        const char *name = odp_portno_names_get(portno_names, port);
        if (name) {
            ds_put_cstr(ds, name);
        } else {
            ds_put_format(ds, "%"PRIu32, port);
        }
        if (m && get_scalar(m, 4) != UINT32_MAX) {
            ds_put_format(ds, "/%#"PRIx32, get_scalar(m, 4));
        }
        break;
    }
    case KS_ENCAP:
        format_key_list(nl_attr_get(a), len,
                        ma ? nl_attr_get(ma) : NULL,
                        ma ? nl_attr_get_size(ma) : 0,
                        has_mask, portno_names, ds, verbose);
        break;
    case KS_VLAN:
        format_vlan_tci(ds, nl_attr_get_be16(a),
                        m ? *(const ovs_be16 *) (const void *) m
                          : htons(UINT16_MAX), verbose);
        break;
    case KS_ETHERTYPE:
        ds_put_format(ds, "0x%04"PRIx16, ntohs(nl_attr_get_be16(a)));
        if (m && !is_all_ones(m, 2)) {
            ds_put_format(ds, "/0x%04"PRIx16, (uint16_t) get_uint(m, 2));
        }
        break;
    case KS_MPLS: {
        size_t n = len / 4;

        for (size_t i = 0; i < n; i++) {
            uint32_t lse = get_uint(k + 4 * i, 4);
            uint32_t lm = m && nl_attr_get_size(ma) == len
                          ? get_uint(m + 4 * i, 4) : UINT32_MAX;

            if (i) {
                ds_put_format(ds, "),%s(", info->name);
            }
            ds_put_format(ds, "label=%"PRIu32, lse >> MPLS_LABEL_SHIFT);
            if ((lm & MPLS_LABEL_MASK) != MPLS_LABEL_MASK) {
                ds_put_format(ds, "/0x%"PRIx32, lm >> MPLS_LABEL_SHIFT);
            }
            ds_put_format(ds, ",tc=%"PRIu32,
                          (lse & MPLS_TC_MASK) >> MPLS_TC_SHIFT);
            if ((lm & MPLS_TC_MASK) != MPLS_TC_MASK) {
                ds_put_format(ds, "/%#"PRIx32,
                              (lm & MPLS_TC_MASK) >> MPLS_TC_SHIFT);
            }
            ds_put_format(ds, ",ttl=%"PRIu32, lse & MPLS_TTL_MASK);
            if ((lm & MPLS_TTL_MASK) != MPLS_TTL_MASK) {
                ds_put_format(ds, "/%#"PRIx32, lm & MPLS_TTL_MASK);
            }
            ds_put_format(ds, ",bos=%"PRIu32,
                          (lse & MPLS_BOS_MASK) >> MPLS_BOS_SHIFT);
            if ((lm & MPLS_BOS_MASK) != MPLS_BOS_MASK) {
                ds_put_format(ds, "/%#"PRIx32,
                              (lm & MPLS_BOS_MASK) >> MPLS_BOS_SHIFT);
            }
        }
        break;
    }
    case KS_CT_STATE: {
        uint32_t v = nl_attr_get_u32(a);
        uint32_t mv = m ? get_scalar(m, 4) : UINT32_MAX;

        if (verbose && m) {
            ds_put_format(ds, "%#"PRIx32, v);
            if (mv != UINT32_MAX) {
                ds_put_format(ds, "/%#"PRIx32, mv);
            }
        } else {
            format_flags(ds, ct_state_name, v, mv, UINT32_MAX);
        }
        break;
    }
    case KS_CT_LABEL: {
        ovs_u128 v, mv;

        memcpy(&v, k, sizeof v);
        format_u128(ds, &v);
        if (m && !is_all_ones(m, 16)) {
            memcpy(&mv, m, sizeof mv);
            ds_put_char(ds, '/');
            format_u128(ds, &mv);
        }
        break;
    }
    case KS_TCP_FLAGS:
        format_flags(ds, tcp_flag_name, ntohs(nl_attr_get_be16(a)),
                     m ? get_uint(m, 2) : 0xffff, 0xffff);
        break;
    case KS_PACKET_TYPE: {
        uint32_t pt = ntohl(nl_attr_get_be32(a));
        uint32_t pm = m ? get_uint(m, 4) : UINT32_MAX;

        ds_put_format(ds, "ns=%"PRIu32, pt >> 16);
        if ((pm >> 16) != 0xffff) {
            ds_put_format(ds, "/%#"PRIx32, pm >> 16);
        }
        ds_put_format(ds, ",id=%#"PRIx32, pt & 0xffff);
        if ((pm & 0xffff) != 0xffff) {
            ds_put_format(ds, "/%#"PRIx32, pm & 0xffff);
        }
        break;
    }
    case KS_TUNNEL:
        ds_put_hex(ds, k, len);
        break;
    }
    ds_put_char(ds, ')');
}

static bool
mask_attr_is_wildcard(const struct nlattr *ma)
{
    return !ma || is_all_zeros(nl_attr_get(ma), nl_attr_get_size(ma));
}

static void
format_key_list(const struct nlattr *key, size_t key_len,
                const struct nlattr *mask, size_t mask_len, bool has_mask,
                const struct hmap *portno_names, struct ds *ds, bool verbose)
{
    const struct nlattr *a;
    size_t left;
    bool first = true;

    NL_ATTR_FOR_EACH (a, left, key, key_len) {
        uint16_t type = nl_attr_type(a);
        const struct nlattr *ma = has_mask ? find_attr(mask, mask_len, type)
                                           : NULL;

        if (has_mask && !verbose && mask_attr_is_wildcard(ma)
            && type != OVS_KEY_ATTR_ETHERNET
            && type != OVS_KEY_ATTR_ENCAP) {
            continue;
        }
        if (!first) {
            ds_put_char(ds, ',');
        }
        first = false;
        format_key_attr(a, ma, has_mask, portno_names, ds, verbose);
    }
    if (left) {
        ds_put_format(ds, ",***%zu leftover bytes***", left);
    }
}

void
odp_flow_format(const struct nlattr *key, size_t key_len,
                const struct nlattr *mask, size_t mask_len,
                const struct hmap *portno_names, struct ds *ds,
                bool verbose)
{
    if (!key_len) {
        ds_put_cstr(ds, "<empty>");
        return;
    }
    format_key_list(key, key_len, mask, mask_len, mask && mask_len,
                    portno_names, ds, verbose);
}

void
odp_flow_key_format(const struct nlattr *key, size_t key_len,
                    struct ds *ds)
{
    odp_flow_format(key, key_len, NULL, 0, NULL, ds, true);
}

/* ------------------------------------------------------------------ */
/* Key text: parsing. */

struct kparser {
    const char *s;              /* Cursor. */
    const char *error_at;       /* Where the failing attribute started. */
    const struct shash *port_names;
    struct ofpbuf *key;
    struct ofpbuf *mask;        /* May be NULL. */
};

static bool
parse_ull(const char **sp, unsigned long long *v)
{
    const char *s = *sp;
    char *end;

    if (!isdigit((unsigned char) *s)) {
        return false;
    }
    errno = 0;
    *v = strtoull(s, &end, 0);
    if (errno || end == s) {
        return false;
    }
    *sp = end;
    return true;
}

static bool
parse_uint_max(const char **sp, uint32_t max, uint32_t *v)
{
    unsigned long long x;

    if (!parse_ull(sp, &x) || x > max) {
        return false;
    }
    *v = x;
    return true;
}

/* Parses a field value of 'f' (a mask if 'is_mask') into 'out'. */
static bool
parse_field_value(const char **sp, const struct kfield *f, bool is_mask,
                  bool scalar, uint8_t *out)
{
    const char *s = *sp;

    switch (f->kind) {
    case FK_DEC:
    case FK_HEX: {
        uint32_t max = f->size == 4 ? UINT32_MAX
                       : f->size == 2 ? UINT16_MAX : UINT8_MAX;
        uint32_t v;

        if (!parse_uint_max(&s, max, &v)) {
            return false;
        }
        if (scalar) {
            put_scalar(out, f->size, v);
        } else {
            put_uint(out, f->size, v);
        }
        break;
    }
    case FK_MAC: {
        struct eth_addr ea;
        size_t n = eth_addr_parse_prefix(s, &ea);

        if (!n) {
            return false;
        }
        memcpy(out, ea.ea, ETH_ADDR_LEN);
        s += n;
        break;
    }
    case FK_IP4: {
        size_t n = strspn(s, "0123456789.");
        char buf[32];
        ovs_be32 ip;

        if (!n || n >= sizeof buf) {
            return false;
        }
        memcpy(buf, s, n);
        buf[n] = '\0';
        if (is_mask && !strchr(buf, '.')) {
            uint32_t plen;
            const char *p = buf;

            if (!parse_uint_max(&p, 32, &plen)) {
                return false;
            }
            ip = be32_prefix_mask(plen);
        } else if (!ip_parse(buf, &ip)) {
            return false;
        }
        memcpy(out, &ip, 4);
        s += n;
        break;
    }
    case FK_IP6: {
        size_t n = strspn(s, "0123456789abcdefABCDEF:.");
        char buf[64];
        struct in6_addr a;

        if (!n || n >= sizeof buf) {
            return false;
        }
        memcpy(buf, s, n);
        buf[n] = '\0';
        if (is_mask && !strchr(buf, ':')) {
            uint32_t plen;
            const char *p = buf;

            if (!parse_uint_max(&p, 128, &plen) || *p) {
                return false;
            }
            a = ipv6_create_mask(plen);
        } else if (!ipv6_parse(buf, &a)) {
            return false;
        }
        memcpy(out, &a, 16);
        s += n;
        break;
    }
    case FK_FRAG:
        if (is_mask) {
            /* As upstream: the fragment type is matched exactly or not
             * at all. */
            return false;
        } else if (!strncmp(s, "no", 2)) {
            *out = OVS_FRAG_TYPE_NONE;
            s += 2;
        } else if (!strncmp(s, "first", 5)) {
            *out = OVS_FRAG_TYPE_FIRST;
            s += 5;
        } else if (!strncmp(s, "later", 5)) {
            *out = OVS_FRAG_TYPE_LATER;
            s += 5;
        } else {
            return false;
        }
        break;
    }
    *sp = s;
    return true;
}

/* Parses "value[/mask]" for 'f' at '*sp'. */
static bool
parse_field(const char **sp, const struct kfield *f, uint8_t *k, uint8_t *m)
{
    bool scalar = !f->name;

    if (!parse_field_value(sp, f, false, scalar, k + f->ofs)) {
        return false;
    }
    if (**sp == '/') {
        (*sp)++;
        return parse_field_value(sp, f, true, scalar, m + f->ofs);
    }
    memset(m + f->ofs, 0xff, f->size);
    return true;
}

/* Parses "name=value[/mask],..." up to and including ')'. */
static bool
parse_fields(const char **sp, const struct kattr *info, uint8_t *k,
             uint8_t *m)
{
    const char *s = *sp;

    if (!info->fields[0].name) {
        if (!parse_field(&s, &info->fields[0], k, m) || *s != ')') {
            return false;
        }
        *sp = s + 1;
        return true;
    }
    while (*s != ')') {
        const struct kfield *f = NULL;

        for (size_t i = 0; i < info->n_fields; i++) {
            size_t n = strlen(info->fields[i].name);

            if (!strncmp(s, info->fields[i].name, n) && s[n] == '=') {
                f = &info->fields[i];
                s += n + 1;
                break;
            }
        }
        if (!f || !parse_field(&s, f, k, m)) {
            return false;
        }
        if (*s == ',') {
            s++;
        } else if (*s != ')') {
            return false;
        }
    }
    *sp = s + 1;
    return true;
}

/* Parses flags: "a|b", "+a-b" or "0x12[/0xff]".  'all' is the exact mask
 * for the first form. */
static bool
parse_flags(const char **sp, const char *(*name)(uint32_t), uint32_t all,
            uint32_t *value, uint32_t *mask)
{
    const char *s = *sp;

    *value = *mask = 0;
    if (isdigit((unsigned char) *s)) {
        if (!parse_uint_max(&s, all, value)) {
            return false;
        }
        *mask = all;
        if (*s == '/') {
            s++;
            if (!parse_uint_max(&s, all, mask)) {
                return false;
            }
        }
    } else if (*s == '+' || *s == '-') {
        while (*s == '+' || *s == '-') {
            bool set = *s++ == '+';
            uint32_t bit;

            for (bit = 1; bit && bit <= all; bit <<= 1) {
                const char *n = name(bit);

                if (n && !strncmp(s, n, strlen(n))
                    && !isalpha((unsigned char) s[strlen(n)])) {
                    s += strlen(n);
                    break;
                }
            }
            if (!bit || bit > all || *mask & bit) {
                return false;
            }
            *mask |= bit;
            if (set) {
                *value |= bit;
            }
        }
    } else {
        *mask = all;
        for (;;) {
            uint32_t bit;

            for (bit = 1; bit && bit <= all; bit <<= 1) {
                const char *n = name(bit);

                if (n && !strncmp(s, n, strlen(n))
                    && !isalpha((unsigned char) s[strlen(n)])) {
                    s += strlen(n);
                    break;
                }
            }
            if (!bit || bit > all) {
                return false;
            }
            *value |= bit;
            if (*s != '|') {
                break;
            }
            s++;
        }
    }
    *sp = s;
    return true;
}

static bool
parse_u128(const char **sp, ovs_u128 *v)
{
    const char *s = *sp;

    if (strncmp(s, "0x", 2)) {
        unsigned long long x;

        if (!parse_ull(&s, &x)) {
            return false;
        }
        v->u64.hi = 0;
        v->u64.lo = x;
        *sp = s;
        return true;
    }
    s += 2;
    size_t n = strspn(s, "0123456789abcdefABCDEF");
    if (!n || n > 32) {
        return false;
    }
    v->u64.hi = v->u64.lo = 0;
    for (size_t i = 0; i < n; i++) {
        v->u64.hi = (v->u64.hi << 4) | (v->u64.lo >> 60);
        v->u64.lo = (v->u64.lo << 4) | hexit_value(s[i]);
    }
    *sp = s + n;
    return true;
}

static void
put_pair(struct kparser *p, uint16_t type, const void *k, const void *m,
         size_t len)
{
    nl_msg_put_unspec(p->key, type, k, len);
    if (p->mask) {
        nl_msg_put_unspec(p->mask, type, m, len);
    }
}

static bool parse_key_list(struct kparser *p, bool nested);

/* Parses "name=value[/mask]" pairs inside vlan(...). */
static bool
parse_vlan(const char **sp, ovs_be16 *tci, ovs_be16 *mask)
{
    const char *s = *sp;
    uint16_t t = VLAN_CFI, m = VLAN_CFI;

    while (*s != ')') {
        uint32_t v, vm;
        uint32_t max, shift, fmask;

        if (!strncmp(s, "vid=", 4)) {
            s += 4;
            max = VLAN_VID_MASK;
            shift = 0;
        } else if (!strncmp(s, "pcp=", 4)) {
            s += 4;
            max = 7;
            shift = VLAN_PCP_SHIFT;
        } else if (!strncmp(s, "cfi=", 4)) {
            s += 4;
            max = 1;
            shift = VLAN_CFI_SHIFT;
        } else {
            return false;
        }
        if (!parse_uint_max(&s, max, &v)) {
            return false;
        }
        vm = max;
        if (*s == '/') {
            s++;
            if (!parse_uint_max(&s, max, &vm)) {
                return false;
            }
        }
        fmask = max << shift;
        t = (t & ~fmask) | (v << shift);
        m = (m & ~fmask) | (vm << shift);
        if (*s == ',') {
            s++;
        } else if (*s != ')') {
            return false;
        }
    }
    *tci = htons(t);
    *mask = htons(m);
    *sp = s + 1;
    return true;
}

static bool
parse_mpls(const char **sp, ovs_be32 *lse, ovs_be32 *mask)
{
    const char *s = *sp;
    uint32_t l = 0, m = 0;

    while (*s != ')') {
        uint32_t v, vm, max, shift;

        if (!strncmp(s, "label=", 6)) {
            s += 6;
            max = 0xfffff;
            shift = MPLS_LABEL_SHIFT;
        } else if (!strncmp(s, "tc=", 3)) {
            s += 3;
            max = 7;
            shift = MPLS_TC_SHIFT;
        } else if (!strncmp(s, "ttl=", 4)) {
            s += 4;
            max = 0xff;
            shift = MPLS_TTL_SHIFT;
        } else if (!strncmp(s, "bos=", 4)) {
            s += 4;
            max = 1;
            shift = MPLS_BOS_SHIFT;
        } else {
            return false;
        }
        if (!parse_uint_max(&s, max, &v)) {
            return false;
        }
        vm = max;
        if (*s == '/') {
            s++;
            if (!parse_uint_max(&s, max, &vm)) {
                return false;
            }
        }
        l = (l & ~(max << shift)) | (v << shift);
        m = (m & ~(max << shift)) | (vm << shift);
        if (*s == ',') {
            s++;
        } else if (*s != ')') {
            return false;
        }
    }
    *lse = htonl(l);
    *mask = htonl(m);
    *sp = s + 1;
    return true;
}

static bool
parse_key_attr(struct kparser *p)
{
    const char *s = p->s;
    const char *paren = strchr(s, '(');
    const struct kattr *info = NULL;
    int type = -1;

    if (!paren) {
        return false;
    }
    for (int i = 0; i < N_KEY_ATTRS; i++) {
        if (key_attrs[i].name && strlen(key_attrs[i].name) == paren - s
            && !strncmp(key_attrs[i].name, s, paren - s)) {
            info = &key_attrs[i];
            type = i;
            break;
        }
    }
    if (!info) {
        return false;
    }
    s = paren + 1;

    switch (info->special) {
    case KS_FIELDS: {
        uint8_t k[64], m[64];

        memset(k, 0, sizeof k);
        memset(m, 0, sizeof m);
        if (!parse_fields(&s, info, k, m)) {
            return false;
        }
        put_pair(p, type, k, m, info->len);
        break;
    }
    case KS_IN_PORT: {
        uint32_t port, pmask = UINT32_MAX;

        if (isdigit((unsigned char) *s)) {
            if (!parse_uint_max(&s, UINT32_MAX, &port)) {
                return false;
            }
        } else {
            size_t n = strcspn(s, ")/");
            char *name = xmemdup0(s, n);
            const struct shash_node *node
                = p->port_names ? shash_find(p->port_names, name) : NULL;

            free(name);
            if (!node) {
                return false;
            }
            port = (uintptr_t) node->data;
            s += n;
        }
        if (*s == '/') {
            s++;
            if (!parse_uint_max(&s, UINT32_MAX, &pmask)) {
                return false;
            }
        }
        if (*s++ != ')') {
            return false;
        }
        put_pair(p, type, &port, &pmask, 4);
        break;
    }
    case KS_ENCAP: {
        size_t ko = nl_msg_start_nested(p->key, OVS_KEY_ATTR_ENCAP);
        size_t mo = p->mask ? nl_msg_start_nested(p->mask,
                                                  OVS_KEY_ATTR_ENCAP) : 0;

        const char *start = p->error_at;

        p->s = s;
        if (!parse_key_list(p, true)) {
            if (!p->error_at) {
                /* Unterminated: the error is the encap( itself. */
                p->error_at = start;
            }
            return false;
        }
        s = p->s;
        nl_msg_end_nested(p->key, ko);
        if (p->mask) {
            nl_msg_end_nested(p->mask, mo);
        }
        break;
    }
    case KS_VLAN: {
        ovs_be16 tci, mask;

        if (!parse_vlan(&s, &tci, &mask)) {
            return false;
        }
        put_pair(p, type, &tci, &mask, 2);
        break;
    }
    case KS_ETHERTYPE: {
        uint32_t v, m = UINT16_MAX;
        ovs_be16 k16, m16;

        if (!parse_uint_max(&s, UINT16_MAX, &v)) {
            return false;
        }
        if (*s == '/') {
            s++;
            if (!parse_uint_max(&s, UINT16_MAX, &m)) {
                return false;
            }
        }
        if (*s++ != ')') {
            return false;
        }
        k16 = htons(v);
        m16 = htons(m);
        put_pair(p, type, &k16, &m16, 2);
        break;
    }
    case KS_MPLS: {
        ovs_be32 lse, mask;

        if (!parse_mpls(&s, &lse, &mask)) {
            return false;
        }
        put_pair(p, type, &lse, &mask, 4);
        break;
    }
    case KS_CT_STATE:
    case KS_TCP_FLAGS: {
        bool ct = info->special == KS_CT_STATE;
        uint32_t v, m;

        if (!parse_flags(&s, ct ? ct_state_name : tcp_flag_name,
                         ct ? 0xff : 0xfff, &v, &m)
            || *s++ != ')') {
            return false;
        }
        if (ct) {
            if (m == 0xff) {
                m = UINT32_MAX;
            }
            put_pair(p, type, &v, &m, 4);
        } else {
            ovs_be16 k16 = htons(v);
            ovs_be16 m16 = htons(m == 0xfff ? 0xffff : m);

            put_pair(p, type, &k16, &m16, 2);
        }
        break;
    }
    case KS_CT_LABEL: {
        ovs_u128 v, m;

        if (!parse_u128(&s, &v)) {
            return false;
        }
        m.u64.hi = m.u64.lo = UINT64_MAX;
        if (*s == '/') {
            s++;
            if (!parse_u128(&s, &m)) {
                return false;
            }
        }
        if (*s++ != ')') {
            return false;
        }
        put_pair(p, type, &v, &m, 16);
        break;
    }
    case KS_PACKET_TYPE: {
        uint32_t ns = 0, ns_m = 0, id = 0, id_m = 0;

        while (*s != ')') {
            uint32_t *v, *vm;

            if (!strncmp(s, "ns=", 3)) {
                s += 3;
                v = &ns;
                vm = &ns_m;
            } else if (!strncmp(s, "id=", 3)) {
                s += 3;
                v = &id;
                vm = &id_m;
            } else {
                return false;
            }
            if (!parse_uint_max(&s, UINT16_MAX, v)) {
                return false;
            }
            *vm = UINT16_MAX;
            if (*s == '/') {
                s++;
                if (!parse_uint_max(&s, UINT16_MAX, vm)) {
                    return false;
                }
            }
            if (*s == ',') {
                s++;
            } else if (*s != ')') {
                return false;
            }
        }
        s++;
        ovs_be32 k32 = htonl((ns << 16) | id);
        ovs_be32 m32 = htonl((ns_m << 16) | id_m);
        put_pair(p, type, &k32, &m32, 4);
        break;
    }
    case KS_TUNNEL:
        return false;
    }
    p->s = s;
    return true;
}

/* Parses attributes up to the end of the string or, if 'nested', up to
 * and including the ')' that closes encap(. */
static bool
parse_key_list(struct kparser *p, bool nested)
{
    for (;;) {
        p->s += strspn(p->s, ", \t\r\n");
        if (!*p->s) {
            if (nested) {
                p->error_at = NULL;
                return false;
            }
            return true;
        }
        if (*p->s == ')') {
            if (!nested) {
                p->error_at = p->s;
                return false;
            }
            p->s++;
            return true;
        }
        p->error_at = p->s;
        if (!parse_key_attr(p)) {
            return false;
        }
    }
}

int
odp_flow_from_string(const char *s, const struct shash *port_names,
                     struct ofpbuf *key, struct ofpbuf *mask,
                     char **errorp)
{
    struct kparser p = {
        .s = s,
        .error_at = s,
        .port_names = port_names,
        .key = key,
        .mask = mask,
    };
    size_t key_ofs = key->size;
    size_t mask_ofs = mask ? mask->size : 0;

    if (errorp) {
        *errorp = NULL;
    }
    if (!parse_key_list(&p, false)) {
        if (errorp) {
            *errorp = xasprintf("syntax error at %s", p.error_at);
        }
        key->size = key_ofs;
        if (mask) {
            mask->size = mask_ofs;
        }
        return EINVAL;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Actions: formatting. */

static void format_actions__(struct ds *, const struct nlattr *actions,
                             size_t actions_len,
                             const struct hmap *portno_names);

static void
format_port(struct ds *ds, odp_port_t port, const struct hmap *names)
{
    const char *name = odp_portno_names_get(names, port);

    if (name) {
        ds_put_cstr(ds, name);
    } else {
        ds_put_format(ds, "%"PRIu32, port);
    }
}

/* Appends the string in 'nla', which need not be null-terminated. */
static void
put_attr_string(struct ds *ds, const struct nlattr *nla)
{
    const char *p = nl_attr_get(nla);
    size_t n = strnlen(p, nl_attr_get_size(nla));

    for (size_t i = 0; i < n; i++) {
        if (isgraph((unsigned char) p[i])) {
            ds_put_char(ds, p[i]);
        } else {
            ds_put_format(ds, "\\x%02x", (unsigned char) p[i]);
        }
    }
}

/* The payload size action 'type' must have, -1 if it varies (nested
 * attributes), or -2 if the type is unknown. */
static int
odp_action_len(uint16_t type)
{
    switch (type) {
    case OVS_ACTION_ATTR_OUTPUT: return 4;
    case OVS_ACTION_ATTR_TRUNC: return sizeof(struct ovs_action_trunc);
    case OVS_ACTION_ATTR_USERSPACE: return -1;
    case OVS_ACTION_ATTR_SET: return -1;
    case OVS_ACTION_ATTR_SET_MASKED: return -1;
    case OVS_ACTION_ATTR_PUSH_VLAN:
        return sizeof(struct ovs_action_push_vlan);
    case OVS_ACTION_ATTR_POP_VLAN: return 0;
    case OVS_ACTION_ATTR_SAMPLE: return -1;
    case OVS_ACTION_ATTR_RECIRC: return 4;
    case OVS_ACTION_ATTR_HASH: return sizeof(struct ovs_action_hash);
    case OVS_ACTION_ATTR_PUSH_MPLS:
        return sizeof(struct ovs_action_push_mpls);
    case OVS_ACTION_ATTR_POP_MPLS: return 2;
    case OVS_ACTION_ATTR_CT: return -1;
    case OVS_ACTION_ATTR_PUSH_ETH: return sizeof(struct ovs_action_push_eth);
    case OVS_ACTION_ATTR_POP_ETH: return 0;
    case OVS_ACTION_ATTR_CT_CLEAR: return 0;
    case OVS_ACTION_ATTR_METER: return 4;
    case OVS_ACTION_ATTR_CLONE: return -1;
    case OVS_ACTION_ATTR_CHECK_PKT_LEN: return -1;
    case OVS_ACTION_ATTR_DEC_TTL: return -1;
    case ODP_ACTION_ATTR_TUNNEL_POP: return 4;
    case ODP_ACTION_ATTR_DROP: return 4;
    case ODP_ACTION_ATTR_LB_OUTPUT: return 4;
    default: return -2;
    }
}

/* Does nested attribute 'nla' of the given payload size make sense?
 * 'size' -1 accepts any. */
static bool
nested_len_ok(const struct nlattr *nla, int size)
{
    return size < 0 || nl_attr_get_size(nla) == (size_t) size;
}

/* Formats the value of a set or set_masked action. */
static void
format_set(struct ds *ds, const struct nlattr *a, bool masked)
{
    const struct nlattr *key = nl_attr_get(a);
    size_t left = nl_attr_get_size(a);

    if (!nl_attr_is_valid(key, left)
        || !key_attr_info(nl_attr_type(key))
        || NLA_ALIGN(key->nla_len) != NLA_ALIGN(left)
        || (masked && (nl_attr_get_size(key) % 2
                       || !nl_attr_get_size(key)))) {
        ds_put_cstr(ds, "set(<bad>)");
        return;
    }
    ds_put_cstr(ds, "set(");
    if (!masked) {
        format_key_attr(key, NULL, false, NULL, ds, true);
    } else {
        /* The value and mask halves as a key attribute and its mask. */
        size_t half = nl_attr_get_size(key) / 2;
        struct ofpbuf kb, mb;

        ofpbuf_init(&kb, 0);
        ofpbuf_init(&mb, 0);
        nl_msg_put_unspec(&kb, nl_attr_type(key), nl_attr_get(key), half);
        nl_msg_put_unspec(&mb, nl_attr_type(key),
                          (const uint8_t *) nl_attr_get(key) + half, half);
        format_key_attr(kb.data, mb.data, true, NULL, ds, false);
        ofpbuf_uninit(&kb);
        ofpbuf_uninit(&mb);
    }
    ds_put_char(ds, ')');
}

static void
format_vlan_action(struct ds *ds, const struct ovs_action_push_vlan *v)
{
    uint16_t tci = ntohs(v->vlan_tci);

    ds_put_cstr(ds, "push_vlan(");
    if (v->vlan_tpid != htons(ETH_TYPE_VLAN_8021Q)) {
        ds_put_format(ds, "tpid=0x%04"PRIx16",", ntohs(v->vlan_tpid));
    }
    ds_put_format(ds, "vid=%d,pcp=%d", tci & VLAN_VID_MASK,
                  (tci & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT);
    if (!(tci & VLAN_CFI)) {
        ds_put_cstr(ds, ",cfi=0");
    }
    ds_put_char(ds, ')');
}

static void
format_mpls_lse(struct ds *ds, ovs_be32 lse_)
{
    uint32_t lse = ntohl(lse_);

    ds_put_format(ds, "label=%"PRIu32",tc=%"PRIu32",ttl=%"PRIu32
                  ",bos=%"PRIu32, lse >> MPLS_LABEL_SHIFT,
                  (lse & MPLS_TC_MASK) >> MPLS_TC_SHIFT,
                  lse & MPLS_TTL_MASK,
                  (lse & MPLS_BOS_MASK) >> MPLS_BOS_SHIFT);
}

static void
format_userspace(struct ds *ds, const struct nlattr *a,
                 const struct hmap *names)
{
    const struct nlattr *attrs[OVS_USERSPACE_ATTR_MAX + 1];
    const struct nlattr *nla;
    size_t left;

    memset(attrs, 0, sizeof attrs);
    NL_NESTED_FOR_EACH (nla, left, a) {
        uint16_t type = nl_attr_type(nla);

        if (type <= OVS_USERSPACE_ATTR_MAX
            && ((type != OVS_USERSPACE_ATTR_PID
                 && type != OVS_USERSPACE_ATTR_EGRESS_TUN_PORT)
                || nested_len_ok(nla, 4))) {
            attrs[type] = nla;
        }
    }
    ds_put_cstr(ds, "userspace(");
    if (attrs[OVS_USERSPACE_ATTR_PID]) {
        ds_put_format(ds, "pid=%"PRIu32,
                      nl_attr_get_u32(attrs[OVS_USERSPACE_ATTR_PID]));
    }
    nla = attrs[OVS_USERSPACE_ATTR_USERDATA];
    if (nla) {
        ds_put_cstr(ds, ",userdata(");
        ds_put_hex(ds, nl_attr_get(nla), nl_attr_get_size(nla));
        ds_put_char(ds, ')');
    }
    if (attrs[OVS_USERSPACE_ATTR_ACTIONS]) {
        ds_put_cstr(ds, ",actions");
    }
    nla = attrs[OVS_USERSPACE_ATTR_EGRESS_TUN_PORT];
    if (nla) {
        ds_put_cstr(ds, ",tunnel_out_port=");
        format_port(ds, nl_attr_get_u32(nla), names);
    }
    ds_put_char(ds, ')');
}

static void
format_nat(struct ds *ds, const struct nlattr *a)
{
    const struct nlattr *nla;
    size_t left;
    const struct nlattr *ip_min = NULL, *ip_max = NULL;
    int proto_min = -1, proto_max = -1;
    bool src = false, dst = false;
    bool persistent = false, hash = false, rnd = false;

    NL_NESTED_FOR_EACH (nla, left, a) {
        size_t size = nl_attr_get_size(nla);

        switch (nl_attr_type(nla)) {
        case OVS_NAT_ATTR_IP_MIN:
        case OVS_NAT_ATTR_IP_MAX:
            if (size != 4 && size != 16) {
                continue;
            }
            break;
        case OVS_NAT_ATTR_PROTO_MIN:
        case OVS_NAT_ATTR_PROTO_MAX:
            if (size != 2) {
                continue;
            }
            break;
        }
        switch (nl_attr_type(nla)) {
        case OVS_NAT_ATTR_SRC: src = true; break;
        case OVS_NAT_ATTR_DST: dst = true; break;
        case OVS_NAT_ATTR_IP_MIN: ip_min = nla; break;
        case OVS_NAT_ATTR_IP_MAX: ip_max = nla; break;
        case OVS_NAT_ATTR_PROTO_MIN: proto_min = nl_attr_get_u16(nla); break;
        case OVS_NAT_ATTR_PROTO_MAX: proto_max = nl_attr_get_u16(nla); break;
        case OVS_NAT_ATTR_PERSISTENT: persistent = true; break;
        case OVS_NAT_ATTR_PROTO_HASH: hash = true; break;
        case OVS_NAT_ATTR_PROTO_RANDOM: rnd = true; break;
        }
    }
    ds_put_cstr(ds, "nat");
    if (src || dst) {
        bool v6 = ip_min && nl_attr_get_size(ip_min) == 16;

        ds_put_format(ds, "(%s", src ? "src" : "dst");
        if (ip_min) {
            ds_put_char(ds, '=');
            for (int i = 0; i < 2; i++) {
                const struct nlattr *ip = i ? ip_max : ip_min;

                if (!ip) {
                    break;
                }
                if (i) {
                    ds_put_char(ds, '-');
                }
                if (v6 && proto_min >= 0) {
                    ds_put_char(ds, '[');
                }
                if (nl_attr_get_size(ip) == 16) {
                    struct in6_addr in6;

                    memcpy(&in6, nl_attr_get(ip), 16);
                    ipv6_format_addr(&in6, ds);
                } else {
                    ds_put_format(ds, IP_FMT,
                                  IP_ARGS(nl_attr_get_be32(ip)));
                }
                if (v6 && proto_min >= 0) {
                    ds_put_char(ds, ']');
                }
            }
            if (proto_min >= 0) {
                ds_put_format(ds, ":%d", proto_min);
                if (proto_max >= 0 && proto_max != proto_min) {
                    ds_put_format(ds, "-%d", proto_max);
                }
            }
        }
        if (persistent) {
            ds_put_cstr(ds, ",persistent");
        }
        if (hash) {
            ds_put_cstr(ds, ",hash");
        }
        if (rnd) {
            ds_put_cstr(ds, ",random");
        }
        ds_put_char(ds, ')');
    }
}

static void
format_ct(struct ds *ds, const struct nlattr *a)
{
    const struct nlattr *nla;
    size_t left;
    struct ds args = DS_EMPTY_INITIALIZER;

    NL_NESTED_FOR_EACH (nla, left, a) {
        static const int sizes[] = {
            [OVS_CT_ATTR_ZONE] = 2, [OVS_CT_ATTR_MARK] = 8,
            [OVS_CT_ATTR_LABELS] = 32, [OVS_CT_ATTR_EVENTMASK] = 4,
        };
        uint16_t type = nl_attr_type(nla);

        if (type < ARRAY_SIZE(sizes) && sizes[type]
            && !nested_len_ok(nla, sizes[type])) {
            continue;
        }
        if (args.length) {
            ds_put_char(&args, ',');
        }
        switch (type) {
        case OVS_CT_ATTR_COMMIT:
            ds_put_cstr(&args, "commit");
            break;
        case OVS_CT_ATTR_FORCE_COMMIT:
            ds_put_cstr(&args, "force_commit");
            break;
        case OVS_CT_ATTR_ZONE:
            ds_put_format(&args, "zone=%"PRIu16, nl_attr_get_u16(nla));
            break;
        case OVS_CT_ATTR_MARK: {
            const uint32_t *m = nl_attr_get(nla);

            ds_put_format(&args, "mark=%#"PRIx32"/%#"PRIx32, m[0], m[1]);
            break;
        }
        case OVS_CT_ATTR_LABELS: {
            ovs_u128 v[2];

            memcpy(v, nl_attr_get(nla), sizeof v);
            ds_put_cstr(&args, "label=");
            format_u128(&args, &v[0]);
            if (!is_all_ones(&v[1], sizeof v[1])) {
                ds_put_char(&args, '/');
                format_u128(&args, &v[1]);
            }
            break;
        }
        case OVS_CT_ATTR_HELPER:
            ds_put_cstr(&args, "helper=");
            put_attr_string(&args, nla);
            break;
        case OVS_CT_ATTR_TIMEOUT:
            ds_put_cstr(&args, "timeout=");
            put_attr_string(&args, nla);
            break;
        case OVS_CT_ATTR_NAT:
            format_nat(&args, nla);
            break;
        case OVS_CT_ATTR_EVENTMASK:
            ds_put_format(&args, "eventmask=%#"PRIx32,
                          nl_attr_get_u32(nla));
            break;
        default:
            ds_chomp(&args, ',');
            break;
        }
    }
    ds_put_cstr(ds, "ct");
    if (args.length) {
        ds_put_format(ds, "(%s)", ds_cstr(&args));
    }
    ds_destroy(&args);
}

static void
format_nested_actions(struct ds *ds, const struct nlattr *nla,
                      const struct hmap *names)
{
    format_actions__(ds, nl_attr_get(nla), nl_attr_get_size(nla), names);
}

static void
format_action(struct ds *ds, const struct nlattr *a,
              const struct hmap *names)
{
    const struct nlattr *nla;
    size_t left;
    int expected = odp_action_len(nl_attr_type(a));

    if (expected >= 0 && nl_attr_get_size(a) != (size_t) expected) {
        ds_put_format(ds, "bad length %zu, expected %d for: action%"PRIu16
                      "(", nl_attr_get_size(a), expected, nl_attr_type(a));
        ds_put_hex(ds, nl_attr_get(a), nl_attr_get_size(a));
        ds_put_char(ds, ')');
        return;
    }

    switch (nl_attr_type(a)) {
    case OVS_ACTION_ATTR_OUTPUT:
        format_port(ds, nl_attr_get_u32(a), names);
        break;
    case OVS_ACTION_ATTR_USERSPACE:
        format_userspace(ds, a, names);
        break;
    case OVS_ACTION_ATTR_SET:
        format_set(ds, a, false);
        break;
    case OVS_ACTION_ATTR_SET_MASKED:
        format_set(ds, a, true);
        break;
    case OVS_ACTION_ATTR_PUSH_VLAN:
        format_vlan_action(ds, nl_attr_get(a));
        break;
    case OVS_ACTION_ATTR_POP_VLAN:
        ds_put_cstr(ds, "pop_vlan");
        break;
    case OVS_ACTION_ATTR_SAMPLE: {
        uint32_t prob = 0;

        ds_put_cstr(ds, "sample(");
        NL_NESTED_FOR_EACH (nla, left, a) {
            if (nl_attr_type(nla) == OVS_SAMPLE_ATTR_PROBABILITY
                && nested_len_ok(nla, 4)) {
                prob = nl_attr_get_u32(nla);
                ds_put_format(ds, "sample=%.1f%%,",
                              prob / (double) UINT32_MAX * 100.0);
            } else if (nl_attr_type(nla) == OVS_SAMPLE_ATTR_ACTIONS) {
                ds_put_cstr(ds, "actions(");
                format_nested_actions(ds, nla, names);
                ds_put_char(ds, ')');
            }
        }
        ds_put_char(ds, ')');
        break;
    }
    case OVS_ACTION_ATTR_RECIRC:
        ds_put_format(ds, "recirc(%#"PRIx32")", nl_attr_get_u32(a));
        break;
    case OVS_ACTION_ATTR_HASH: {
        const struct ovs_action_hash *h = nl_attr_get(a);

        ds_put_format(ds, "hash(%s(%"PRIu32"))",
                      h->hash_alg == 0 ? "l4" : "sym_l4", h->hash_basis);
        break;
    }
    case OVS_ACTION_ATTR_PUSH_MPLS: {
        const struct ovs_action_push_mpls *m = nl_attr_get(a);

        ds_put_cstr(ds, "push_mpls(");
        format_mpls_lse(ds, m->mpls_lse);
        ds_put_format(ds, ",eth_type=0x%"PRIx16")",
                      ntohs(m->mpls_ethertype));
        break;
    }
    case OVS_ACTION_ATTR_POP_MPLS:
        ds_put_format(ds, "pop_mpls(eth_type=0x%"PRIx16")",
                      ntohs(nl_attr_get_be16(a)));
        break;
    case OVS_ACTION_ATTR_CT:
        format_ct(ds, a);
        break;
    case OVS_ACTION_ATTR_CT_CLEAR:
        ds_put_cstr(ds, "ct_clear");
        break;
    case OVS_ACTION_ATTR_TRUNC:
        ds_put_format(ds, "trunc(%"PRIu32")", nl_attr_get_u32(a));
        break;
    case OVS_ACTION_ATTR_PUSH_ETH: {
        const struct ovs_action_push_eth *e = nl_attr_get(a);
        struct eth_addr src, dst;

        memcpy(src.ea, e->addresses.eth_src, ETH_ADDR_LEN);
        memcpy(dst.ea, e->addresses.eth_dst, ETH_ADDR_LEN);
        ds_put_format(ds, "push_eth(src="ETH_ADDR_FMT",dst="ETH_ADDR_FMT
                      ")", ETH_ADDR_ARGS(src), ETH_ADDR_ARGS(dst));
        break;
    }
    case OVS_ACTION_ATTR_POP_ETH:
        ds_put_cstr(ds, "pop_eth");
        break;
    case OVS_ACTION_ATTR_METER:
        ds_put_format(ds, "meter(%"PRIu32")", nl_attr_get_u32(a));
        break;
    case OVS_ACTION_ATTR_CLONE:
        ds_put_cstr(ds, "clone(");
        format_nested_actions(ds, a, names);
        ds_put_char(ds, ')');
        break;
    case OVS_ACTION_ATTR_CHECK_PKT_LEN:
        ds_put_cstr(ds, "check_pkt_len(");
        NL_NESTED_FOR_EACH (nla, left, a) {
            switch (nl_attr_type(nla)) {
            case OVS_CHECK_PKT_LEN_ATTR_PKT_LEN:
                if (nested_len_ok(nla, 2)) {
                    ds_put_format(ds, "size=%"PRIu16",",
                                  nl_attr_get_u16(nla));
                }
                break;
            case OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER:
                ds_put_cstr(ds, "gt(");
                format_nested_actions(ds, nla, names);
                ds_put_cstr(ds, "),");
                break;
            case OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL:
                ds_put_cstr(ds, "le(");
                format_nested_actions(ds, nla, names);
                ds_put_char(ds, ')');
                break;
            }
        }
        ds_put_char(ds, ')');
        break;
    case OVS_ACTION_ATTR_DEC_TTL:
        ds_put_cstr(ds, "dec_ttl(le_1(");
        NL_NESTED_FOR_EACH (nla, left, a) {
            if (nl_attr_type(nla) == OVS_DEC_TTL_ATTR_ACTION) {
                format_nested_actions(ds, nla, names);
            }
        }
        ds_put_cstr(ds, "))");
        break;
    case ODP_ACTION_ATTR_TUNNEL_POP:
        ds_put_format(ds, "tnl_pop(");
        format_port(ds, nl_attr_get_u32(a), names);
        ds_put_char(ds, ')');
        break;
    case ODP_ACTION_ATTR_DROP:
        ds_put_cstr(ds, "drop");
        break;
    case ODP_ACTION_ATTR_LB_OUTPUT:
        ds_put_format(ds, "lb_output(%"PRIu32")", nl_attr_get_u32(a));
        break;
    default:
        ds_put_format(ds, "action%"PRIu16"(", nl_attr_type(a));
        ds_put_hex(ds, nl_attr_get(a), nl_attr_get_size(a));
        ds_put_char(ds, ')');
        break;
    }
}

static void
format_actions__(struct ds *ds, const struct nlattr *actions,
                 size_t actions_len, const struct hmap *names)
{
    const struct nlattr *a;
    size_t left;

    if (!actions_len) {
        ds_put_cstr(ds, "drop");
        return;
    }
    NL_ATTR_FOR_EACH (a, left, actions, actions_len) {
        if (a != actions) {
            ds_put_char(ds, ',');
        }
        format_action(ds, a, names);
    }
    if (left) {
        if (left == actions_len) {
            ds_put_cstr(ds, "<empty>");
        }
        ds_put_format(ds, ",***%zu leftover bytes***", left);
    }
}

void
format_odp_actions(struct ds *ds, const struct nlattr *actions,
                   size_t actions_len, const struct hmap *portno_names)
{
    format_actions__(ds, actions, actions_len, portno_names);
}

/* ------------------------------------------------------------------ */
/* Actions: parsing. */

static bool parse_action_list(const char **sp, const struct shash *names,
                              struct ofpbuf *, char end);

static bool
expect(const char **sp, const char *word)
{
    size_t n = strlen(word);

    if (!strncmp(*sp, word, n)) {
        *sp += n;
        return true;
    }
    return false;
}

static bool
parse_u32_arg(const char **sp, uint32_t *v)
{
    return parse_uint_max(sp, UINT32_MAX, v) && expect(sp, ")");
}

static bool
parse_port(const char **sp, const struct shash *names, uint32_t *port)
{
    if (isdigit((unsigned char) **sp)) {
        return parse_uint_max(sp, UINT32_MAX, port);
    }
    size_t n = strcspn(*sp, ",)( \t");
    char *name = xmemdup0(*sp, n);
    const struct shash_node *node = names ? shash_find(names, name) : NULL;

    free(name);
    if (!node) {
        return false;
    }
    *port = (uintptr_t) node->data;
    *sp += n;
    return true;
}

static bool
parse_set(const char **sp, struct ofpbuf *actions)
{
    struct ofpbuf key, mask;
    struct kparser p;
    bool ok;

    ofpbuf_init(&key, 64);
    ofpbuf_init(&mask, 64);
    p.s = *sp;
    p.error_at = *sp;
    p.port_names = NULL;
    p.key = &key;
    p.mask = &mask;
    ok = parse_key_attr(&p) && key.size && expect(&p.s, ")");
    if (ok) {
        const struct nlattr *k = key.data, *m = mask.data;
        size_t len = nl_attr_get_size(k);

        if (nl_attr_type(k) == OVS_KEY_ATTR_ENCAP) {
            ok = false;
        } else if (is_all_ones(nl_attr_get(m), len)) {
            size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_SET);

            nl_msg_put(actions, k, key.size);
            nl_msg_end_nested(actions, ofs);
        } else {
            size_t ofs = nl_msg_start_nested(actions,
                                             OVS_ACTION_ATTR_SET_MASKED);
            uint8_t *both = xmalloc(2 * len);

            memcpy(both, nl_attr_get(k), len);
            memcpy(both + len, nl_attr_get(m), len);
            nl_msg_put_unspec(actions, nl_attr_type(k), both, 2 * len);
            free(both);
            nl_msg_end_nested(actions, ofs);
        }
        *sp = p.s;
    }
    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    return ok;
}

static bool
parse_ip_any(const char **sp, struct ofpbuf *buf, uint16_t type)
{
    const char *s = *sp;
    bool bracket = *s == '[';

    if (bracket) {
        s++;
    }
    size_t n = strspn(s, "0123456789.");
    char tmp[64];

    if (bracket || !memchr(s, '.', n)) {
        n = strspn(s, "0123456789abcdefABCDEF:.");
    }
    if (!n || n >= sizeof tmp) {
        return false;
    }
    memcpy(tmp, s, n);
    tmp[n] = '\0';

    ovs_be32 ip;
    struct in6_addr in6;
    if (!strchr(tmp, ':') && ip_parse(tmp, &ip)) {
        nl_msg_put_be32(buf, type, ip);
    } else if (ipv6_parse(tmp, &in6)) {
        nl_msg_put_unspec(buf, type, &in6, sizeof in6);
    } else {
        return false;
    }
    s += n;
    if (bracket && *s++ != ']') {
        return false;
    }
    *sp = s;
    return true;
}

static bool
parse_nat(const char **sp, struct ofpbuf *buf)
{
    size_t ofs = nl_msg_start_nested(buf, OVS_CT_ATTR_NAT);
    const char *s = *sp;

    if (*s == '(') {
        s++;
        if (expect(&s, "src")) {
            nl_msg_put_flag(buf, OVS_NAT_ATTR_SRC);
        } else if (expect(&s, "dst")) {
            nl_msg_put_flag(buf, OVS_NAT_ATTR_DST);
        } else {
            return false;
        }
        if (*s == '=') {
            s++;
            if (!parse_ip_any(&s, buf, OVS_NAT_ATTR_IP_MIN)) {
                return false;
            }
            if (*s == '-') {
                s++;
                if (!parse_ip_any(&s, buf, OVS_NAT_ATTR_IP_MAX)) {
                    return false;
                }
            }
            if (*s == ':') {
                uint32_t lo, hi;

                s++;
                if (!parse_uint_max(&s, UINT16_MAX, &lo)) {
                    return false;
                }
                nl_msg_put_u16(buf, OVS_NAT_ATTR_PROTO_MIN, lo);
                if (*s == '-') {
                    s++;
                    if (!parse_uint_max(&s, UINT16_MAX, &hi)) {
                        return false;
                    }
                    nl_msg_put_u16(buf, OVS_NAT_ATTR_PROTO_MAX, hi);
                }
            }
        }
        while (*s == ',') {
            s++;
            if (expect(&s, "persistent")) {
                nl_msg_put_flag(buf, OVS_NAT_ATTR_PERSISTENT);
            } else if (expect(&s, "hash")) {
                nl_msg_put_flag(buf, OVS_NAT_ATTR_PROTO_HASH);
            } else if (expect(&s, "random")) {
                nl_msg_put_flag(buf, OVS_NAT_ATTR_PROTO_RANDOM);
            } else {
                return false;
            }
        }
        if (*s++ != ')') {
            return false;
        }
    }
    nl_msg_end_nested(buf, ofs);
    *sp = s;
    return true;
}

static bool
parse_ct(const char **sp, struct ofpbuf *buf)
{
    const char *s = *sp;
    size_t ofs = nl_msg_start_nested(buf, OVS_ACTION_ATTR_CT);

    if (*s == '(') {
        s++;
        while (*s != ')') {
            if (expect(&s, "commit")) {
                nl_msg_put_flag(buf, OVS_CT_ATTR_COMMIT);
            } else if (expect(&s, "force_commit")) {
                nl_msg_put_flag(buf, OVS_CT_ATTR_FORCE_COMMIT);
            } else if (expect(&s, "zone=")) {
                uint32_t zone;

                if (!parse_uint_max(&s, UINT16_MAX, &zone)) {
                    return false;
                }
                nl_msg_put_u16(buf, OVS_CT_ATTR_ZONE, zone);
            } else if (expect(&s, "mark=")) {
                uint32_t m[2];

                m[1] = UINT32_MAX;
                if (!parse_uint_max(&s, UINT32_MAX, &m[0])) {
                    return false;
                }
                if (*s == '/') {
                    s++;
                    if (!parse_uint_max(&s, UINT32_MAX, &m[1])) {
                        return false;
                    }
                }
                nl_msg_put_unspec(buf, OVS_CT_ATTR_MARK, m, sizeof m);
            } else if (expect(&s, "label=")) {
                ovs_u128 v[2];

                v[1].u64.hi = v[1].u64.lo = UINT64_MAX;
                if (!parse_u128(&s, &v[0])) {
                    return false;
                }
                if (*s == '/') {
                    s++;
                    if (!parse_u128(&s, &v[1])) {
                        return false;
                    }
                }
                nl_msg_put_unspec(buf, OVS_CT_ATTR_LABELS, v, sizeof v);
            } else if (expect(&s, "helper=") || expect(&s, "timeout=")) {
                bool helper = s[-2] == 'r';
                size_t n = 0;

                while (isgraph((unsigned char) s[n]) && s[n] != ','
                       && s[n] != ')') {
                    n++;
                }
                char *str = xmemdup0(s, n);

                if (!n || n > 15) {
                    free(str);
                    return false;
                }
                nl_msg_put_string(buf, helper ? OVS_CT_ATTR_HELPER
                                              : OVS_CT_ATTR_TIMEOUT, str);
                free(str);
                s += n;
            } else if (expect(&s, "nat")) {
                if (!parse_nat(&s, buf)) {
                    return false;
                }
            } else {
                return false;
            }
            if (*s == ',') {
                s++;
            } else if (*s != ')') {
                return false;
            }
        }
        s++;
    }
    nl_msg_end_nested(buf, ofs);
    *sp = s;
    return true;
}

static bool
parse_nested_actions(const char **sp, const struct shash *names,
                     struct ofpbuf *buf, uint16_t type)
{
    size_t ofs = nl_msg_start_nested(buf, type);

    if (!parse_action_list(sp, names, buf, ')')) {
        return false;
    }
    nl_msg_end_nested(buf, ofs);
    return true;
}

static bool
parse_action(const char **sp, const struct shash *names,
             struct ofpbuf *buf)
{
    const char *s = *sp;
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz_0123456789");
    uint32_t v = 0;
    bool ok = true;

    if (isdigit((unsigned char) *s)) {
        if (!parse_uint_max(&s, UINT32_MAX, &v)) {
            return false;
        }
        nl_msg_put_u32(buf, OVS_ACTION_ATTR_OUTPUT, v);
        *sp = s;
        return true;
    }

    char *word = xmemdup0(s, n);
    s += n;
    if (!strcmp(word, "drop")) {
        /* Nothing to do. */
    } else if (!strcmp(word, "pop_vlan")) {
        nl_msg_put_flag(buf, OVS_ACTION_ATTR_POP_VLAN);
    } else if (!strcmp(word, "pop_eth")) {
        nl_msg_put_flag(buf, OVS_ACTION_ATTR_POP_ETH);
    } else if (!strcmp(word, "ct_clear")) {
        nl_msg_put_flag(buf, OVS_ACTION_ATTR_CT_CLEAR);
    } else if (!strcmp(word, "ct")) {
        ok = parse_ct(&s, buf);
    } else if (*s != '(') {
        /* A port name. */
        s = *sp;
        ok = parse_port(&s, names, &v);
        if (ok) {
            nl_msg_put_u32(buf, OVS_ACTION_ATTR_OUTPUT, v);
        }
    } else if (s++, !strcmp(word, "recirc")) {
        /* Decimal only, as upstream reads it (it prints hex). */
        ok = (isdigit((unsigned char) *s) && (s[0] != '0' || s[1] == ')')
              && parse_u32_arg(&s, &v));
        nl_msg_put_u32(buf, OVS_ACTION_ATTR_RECIRC, v);
    } else if (!strcmp(word, "trunc")) {
        ok = parse_u32_arg(&s, &v);
        nl_msg_put_u32(buf, OVS_ACTION_ATTR_TRUNC, v);
    } else if (!strcmp(word, "meter")) {
        ok = parse_u32_arg(&s, &v);
        nl_msg_put_u32(buf, OVS_ACTION_ATTR_METER, v);
    } else if (!strcmp(word, "lb_output")) {
        ok = parse_u32_arg(&s, &v);
        nl_msg_put_u32(buf, ODP_ACTION_ATTR_LB_OUTPUT, v);
    } else if (!strcmp(word, "tnl_pop")) {
        ok = parse_port(&s, names, &v) && expect(&s, ")");
        nl_msg_put_u32(buf, ODP_ACTION_ATTR_TUNNEL_POP, v);
    } else if (!strcmp(word, "set")) {
        ok = parse_set(&s, buf);
    } else if (!strcmp(word, "push_vlan")) {
        uint32_t tpid = ETH_TYPE_VLAN_8021Q, vid, pcp, cfi = 1;
        struct ovs_action_push_vlan pv;

        if (expect(&s, "tpid=")) {
            ok = parse_uint_max(&s, UINT16_MAX, &tpid) && expect(&s, ",");
        }
        ok = (ok && expect(&s, "vid=") && parse_uint_max(&s, 4095, &vid)
              && expect(&s, ",pcp=") && parse_uint_max(&s, 7, &pcp));
        if (ok && expect(&s, ",cfi=")) {
            ok = parse_uint_max(&s, 1, &cfi);
        }
        ok = ok && expect(&s, ")");
        if (ok) {
            pv.vlan_tpid = htons(tpid);
            pv.vlan_tci = htons(vid | (pcp << VLAN_PCP_SHIFT)
                                | (cfi ? VLAN_CFI : 0));
            nl_msg_put_unspec(buf, OVS_ACTION_ATTR_PUSH_VLAN, &pv,
                              sizeof pv);
        }
    } else if (!strcmp(word, "push_mpls")) {
        uint32_t label, tc, ttl, bos, et;
        struct ovs_action_push_mpls pm;

        ok = (expect(&s, "label=") && parse_uint_max(&s, 0xfffff, &label)
              && expect(&s, ",tc=") && parse_uint_max(&s, 7, &tc)
              && expect(&s, ",ttl=") && parse_uint_max(&s, 255, &ttl)
              && expect(&s, ",bos=") && parse_uint_max(&s, 1, &bos)
              && expect(&s, ",eth_type=")
              && parse_uint_max(&s, UINT16_MAX, &et) && expect(&s, ")"));
        if (ok) {
            memset(&pm, 0, sizeof pm);
            pm.mpls_lse = htonl((label << MPLS_LABEL_SHIFT)
                                | (tc << MPLS_TC_SHIFT)
                                | (bos << MPLS_BOS_SHIFT) | ttl);
            pm.mpls_ethertype = htons(et);
            nl_msg_put_unspec(buf, OVS_ACTION_ATTR_PUSH_MPLS, &pm,
                              sizeof pm);
        }
    } else if (!strcmp(word, "pop_mpls")) {
        ok = (expect(&s, "eth_type=") && parse_uint_max(&s, UINT16_MAX, &v)
              && expect(&s, ")"));
        nl_msg_put_be16(buf, OVS_ACTION_ATTR_POP_MPLS, htons(v));
    } else if (!strcmp(word, "push_eth")) {
        struct ovs_action_push_eth pe;
        struct eth_addr src, dst;
        size_t k;

        ok = expect(&s, "src=") && (k = eth_addr_parse_prefix(s, &src));
        if (ok) {
            s += k;
            ok = expect(&s, ",dst=") && (k = eth_addr_parse_prefix(s, &dst));
        }
        if (ok) {
            s += k;
            ok = expect(&s, ")");
            memcpy(pe.addresses.eth_src, src.ea, ETH_ADDR_LEN);
            memcpy(pe.addresses.eth_dst, dst.ea, ETH_ADDR_LEN);
            nl_msg_put_unspec(buf, OVS_ACTION_ATTR_PUSH_ETH, &pe,
                              sizeof pe);
        }
    } else if (!strcmp(word, "hash")) {
        struct ovs_action_hash h;

        if (expect(&s, "l4(")) {
            h.hash_alg = 0;
        } else if (expect(&s, "sym_l4(")) {
            h.hash_alg = 1;
        } else {
            ok = false;
        }
        ok = ok && parse_uint_max(&s, UINT32_MAX, &h.hash_basis)
             && expect(&s, "))");
        if (ok) {
            nl_msg_put_unspec(buf, OVS_ACTION_ATTR_HASH, &h, sizeof h);
        }
    } else if (!strcmp(word, "sample")) {
        char *end;
        double pct;
        size_t ofs = nl_msg_start_nested(buf, OVS_ACTION_ATTR_SAMPLE);

        ok = expect(&s, "sample=");
        if (ok) {
            pct = strtod(s, &end);
            ok = end != s && *end == '%' && pct >= 0 && pct <= 100;
            s = end + 1;
        }
        if (ok) {
            nl_msg_put_u32(buf, OVS_SAMPLE_ATTR_PROBABILITY,
                           pct / 100.0 * UINT32_MAX);
            ok = (expect(&s, ",actions(")
                  && parse_nested_actions(&s, names, buf,
                                          OVS_SAMPLE_ATTR_ACTIONS)
                  && expect(&s, ")"));
        }
        nl_msg_end_nested(buf, ofs);
    } else if (!strcmp(word, "clone")) {
        ok = parse_nested_actions(&s, names, buf, OVS_ACTION_ATTR_CLONE);
    } else if (!strcmp(word, "check_pkt_len")) {
        size_t ofs = nl_msg_start_nested(buf,
                                         OVS_ACTION_ATTR_CHECK_PKT_LEN);

        ok = (expect(&s, "size=") && parse_uint_max(&s, UINT16_MAX, &v)
              && expect(&s, ",gt("));
        if (ok) {
            nl_msg_put_u16(buf, OVS_CHECK_PKT_LEN_ATTR_PKT_LEN, v);
            ok = (parse_nested_actions(
                      &s, names, buf,
                      OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER)
                  && expect(&s, ",le(")
                  && parse_nested_actions(
                      &s, names, buf,
                      OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL)
                  && expect(&s, ")"));
        }
        nl_msg_end_nested(buf, ofs);
    } else if (!strcmp(word, "dec_ttl")) {
        size_t ofs = nl_msg_start_nested(buf, OVS_ACTION_ATTR_DEC_TTL);

        ok = (expect(&s, "le_1(")
              && parse_nested_actions(&s, names, buf,
                                      OVS_DEC_TTL_ATTR_ACTION)
              && expect(&s, ")"));
        nl_msg_end_nested(buf, ofs);
    } else if (!strcmp(word, "userspace")) {
        struct ofpbuf ud;
        bool has_userdata = false, include_actions = false;
        uint32_t pid, tun_port = ODPP_NONE;

        ofpbuf_init(&ud, 0);
        ok = expect(&s, "pid=") && parse_uint_max(&s, UINT32_MAX, &pid);
        while (ok && *s == ',') {
            s++;
            if (expect(&s, "userdata(")) {
                size_t k = strspn(s, "0123456789abcdefABCDEF");

                for (size_t i = 0; i + 1 < k; i += 2) {
                    uint8_t byte = hexits_value(s + i, 2);

                    ofpbuf_put(&ud, &byte, 1);
                }
                ok = k % 2 == 0;
                s += k;
                ok = ok && expect(&s, ")");
                has_userdata = true;
            } else if (expect(&s, "actions")) {
                include_actions = true;
            } else if (expect(&s, "tunnel_out_port=")) {
                ok = parse_port(&s, names, &tun_port);
            } else {
                ok = false;
            }
        }
        ok = ok && expect(&s, ")");
        if (ok) {
            if (!has_userdata) {
                /* As upstream: an all-zero cookie of the size of
                 * ofproto's user action cookie. */
                ofpbuf_put_zeros(&ud, ODP_USERSPACE_COOKIE_SIZE);
            }
            odp_put_userspace_action(pid, ud.data, ud.size, tun_port,
                                     include_actions, buf);
        }
        ofpbuf_uninit(&ud);
    } else {
        ok = false;
    }
    free(word);
    if (ok) {
        *sp = s;
    }
    return ok;
}

/* Parses comma-separated actions up to the end of the string ('end' is
 * '\0') or up to and including the 'end' character. */
static bool
parse_action_list(const char **sp, const struct shash *names,
                  struct ofpbuf *buf, char end)
{
    const char *s = *sp;

    for (;;) {
        s += strspn(s, " \t\r\n");
        if (*s == end) {
            if (end) {
                s++;
            }
            *sp = s;
            return true;
        }
        if (!*s || !parse_action(&s, names, buf)) {
            return false;
        }
        s += strspn(s, " \t\r\n");
        if (*s == ',') {
            s++;
        } else if (*s != end) {
            return false;
        }
    }
}

int
odp_actions_from_string(const char *s, const struct shash *port_names,
                        struct ofpbuf *odp_actions)
{
    size_t old_size = odp_actions->size;

    if (!parse_action_list(&s, port_names, odp_actions, '\0')) {
        odp_actions->size = old_size;
        return EINVAL;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Building actions. */

void
odp_put_output_action(struct ofpbuf *odp_actions, odp_port_t port)
{
    nl_msg_put_u32(odp_actions, OVS_ACTION_ATTR_OUTPUT, port);
}

size_t
odp_put_userspace_action(uint32_t pid, const void *userdata,
                         size_t userdata_size, odp_port_t tunnel_out_port,
                         bool include_actions, struct ofpbuf *odp_actions)
{
    size_t userdata_ofs = 0;
    size_t ofs = nl_msg_start_nested(odp_actions, OVS_ACTION_ATTR_USERSPACE);

    nl_msg_put_u32(odp_actions, OVS_USERSPACE_ATTR_PID, pid);
    if (userdata) {
        userdata_ofs = odp_actions->size + NLA_HDRLEN;
        /* At least 8 bytes, zero-padded, as upstream writes it. */
        void *p = nl_msg_put_unspec_zero(odp_actions,
                                         OVS_USERSPACE_ATTR_USERDATA,
                                         MAX(8, userdata_size));
        memcpy(p, userdata, userdata_size);
    }
    if (tunnel_out_port != ODPP_NONE) {
        nl_msg_put_u32(odp_actions, OVS_USERSPACE_ATTR_EGRESS_TUN_PORT,
                       tunnel_out_port);
    }
    if (include_actions) {
        nl_msg_put_flag(odp_actions, OVS_USERSPACE_ATTR_ACTIONS);
    }
    nl_msg_end_nested(odp_actions, ofs);
    return userdata_ofs;
}

/* ------------------------------------------------------------------ */
/* Committing header changes as actions. */

/* Appends a set or set_masked of attribute 'type' with 'key' under
 * 'mask' ('size' bytes each): set if 'mask' is exact, else set_masked. */
static void
put_set_action(struct ofpbuf *odp_actions, uint16_t type, const void *key,
               const void *mask, size_t size)
{
    if (is_all_ones(mask, size)) {
        size_t ofs = nl_msg_start_nested(odp_actions, OVS_ACTION_ATTR_SET);

        nl_msg_put_unspec(odp_actions, type, key, size);
        nl_msg_end_nested(odp_actions, ofs);
    } else {
        size_t ofs = nl_msg_start_nested(odp_actions,
                                         OVS_ACTION_ATTR_SET_MASKED);
        uint8_t *p = nl_msg_put_unspec_uninit(odp_actions, type, 2 * size);
        const uint8_t *k = key, *m = mask;

        for (size_t i = 0; i < size; i++) {
            p[i] = k[i] & m[i];
        }
        memcpy(p + size, mask, size);
        nl_msg_end_nested(odp_actions, ofs);
    }
}

/* Commits one header: 'key' (from the flow) and 'base' (from the base
 * flow) are the attribute payloads, 'mask' the wildcards' (the fields the
 * translation read or wrote).  Fields that did not change stay out of the
 * action; a changed field is set under the bits the wildcards have for it
 * (what the translation wrote), or all of them if it has none, and those
 * join 'mask'.  Returns true if an action was added. */
static bool
commit_attr(struct ofpbuf *odp_actions, uint16_t type, const void *key_,
            const void *base_, void *mask_, size_t size)
{
    const uint8_t *key = key_, *base = base_;
    const struct kattr *info = key_attr_info(type);
    uint8_t *mask = mask_;
    uint8_t action_mask[64];
    bool differ = false;

    ovs_assert(size <= sizeof action_mask);
    memcpy(action_mask, mask, size);

    struct kfield whole = { "", 0, size, FK_HEX };
    const struct kfield *fields = &whole;
    size_t n_fields = 1;

    if (info && info->n_fields && info->fields[0].name) {
        fields = info->fields;
        n_fields = info->n_fields;
    }
    for (size_t i = 0; i < n_fields; i++) {
        const struct kfield *f = &fields[i];
        uint8_t *m = action_mask + f->ofs;

        if (!memcmp(key + f->ofs, base + f->ofs, f->size)) {
            memset(m, 0, f->size);
        } else {
            differ = true;
            if (is_all_zeros(m, f->size)) {
                memset(m, 0xff, f->size);
            }
        }
    }
    if (!differ) {
        return false;
    }
    put_set_action(odp_actions, type, key, action_mask, size);
    for (size_t i = 0; i < size; i++) {
        mask[i] |= action_mask[i];
    }
    return true;
}

static void
commit_ether(const struct flow *flow, struct flow *base,
             struct ofpbuf *odp_actions, struct flow_wildcards *wc)
{
    struct ovs_key_ethernet key, bkey, mask;

    if (flow->packet_type != PT_ETH || base->packet_type != PT_ETH) {
        return;
    }
    memcpy(key.eth_src, flow->dl_src.ea, 6);
    memcpy(key.eth_dst, flow->dl_dst.ea, 6);
    memcpy(bkey.eth_src, base->dl_src.ea, 6);
    memcpy(bkey.eth_dst, base->dl_dst.ea, 6);
    memcpy(mask.eth_src, wc->masks.dl_src.ea, 6);
    memcpy(mask.eth_dst, wc->masks.dl_dst.ea, 6);
    if (commit_attr(odp_actions, OVS_KEY_ATTR_ETHERNET, &key, &bkey, &mask,
                    sizeof key)) {
        base->dl_src = flow->dl_src;
        base->dl_dst = flow->dl_dst;
        memcpy(wc->masks.dl_src.ea, mask.eth_src, 6);
        memcpy(wc->masks.dl_dst.ea, mask.eth_dst, 6);
    }
}

static void
commit_mpls(const struct flow *flow, struct flow *base,
            struct ofpbuf *odp_actions, struct flow_wildcards *wc)
{
    int n_flow = flow_is_mpls(flow) ? flow_count_mpls_labels(flow) : 0;
    int n_base = flow_is_mpls(base) ? flow_count_mpls_labels(base) : 0;

    /* Pop labels the flow no longer has (those above the common ones). */
    while (n_base > n_flow) {
        ovs_be16 et = (n_base == 1 ? flow->dl_type
                                   : htons(ETH_TYPE_MPLS));
        nl_msg_put_be16(odp_actions, OVS_ACTION_ATTR_POP_MPLS,
                        n_base == 1 ? et : base->dl_type);
        memmove(base->mpls_lse, base->mpls_lse + 1,
                (FLOW_MAX_MPLS_LABELS - 1) * sizeof base->mpls_lse[0]);
        base->mpls_lse[FLOW_MAX_MPLS_LABELS - 1] = 0;
        n_base--;
        if (!n_base) {
            base->dl_type = flow->dl_type;
        }
        wc->masks.mpls_lse[0] = htonl(UINT32_MAX);
    }
    /* Set the top label if it changed in place. */
    if (n_base && n_base == n_flow
        && base->mpls_lse[0] != flow->mpls_lse[0]) {
        ovs_be32 mask = wc->masks.mpls_lse[0];

        commit_attr(odp_actions, OVS_KEY_ATTR_MPLS, &flow->mpls_lse[0],
                    &base->mpls_lse[0], &mask, sizeof mask);
        base->mpls_lse[0] = flow->mpls_lse[0];
        wc->masks.mpls_lse[0] = mask;
    }
    /* Push new labels, innermost first. */
    while (n_flow > n_base) {
        struct ovs_action_push_mpls pm;
        int idx = n_flow - n_base - 1;

        memset(&pm, 0, sizeof pm);
        pm.mpls_lse = flow->mpls_lse[idx];
        pm.mpls_ethertype = flow->dl_type;
        nl_msg_put_unspec(odp_actions, OVS_ACTION_ATTR_PUSH_MPLS, &pm,
                          sizeof pm);
        memmove(base->mpls_lse + 1, base->mpls_lse,
                (FLOW_MAX_MPLS_LABELS - 1) * sizeof base->mpls_lse[0]);
        base->mpls_lse[0] = flow->mpls_lse[idx];
        base->dl_type = flow->dl_type;
        n_base++;
    }
}

static void
commit_vlans(const struct flow *flow, struct flow *base,
             struct ofpbuf *odp_actions, struct flow_wildcards *wc)
{
    int n_flow = flow_count_vlan_headers(flow);
    int n_base = flow_count_vlan_headers(base);
    int fi = n_flow, bi = n_base;

    /* Inner tags that are the same stay. */
    while (fi > 0 && bi > 0
           && flow->vlans[fi - 1].qtag == base->vlans[bi - 1].qtag) {
        fi--;
        bi--;
    }
    for (int i = 0; i < bi; i++) {
        nl_msg_put_flag(odp_actions, OVS_ACTION_ATTR_POP_VLAN);
        wc->masks.vlans[i].qtag = htonl(UINT32_MAX);
    }
    for (int i = fi - 1; i >= 0; i--) {
        struct ovs_action_push_vlan pv;

        pv.vlan_tpid = flow->vlans[i].tpid;
        pv.vlan_tci = flow->vlans[i].tci | htons(VLAN_CFI);
        nl_msg_put_unspec(odp_actions, OVS_ACTION_ATTR_PUSH_VLAN, &pv,
                          sizeof pv);
    }
    memcpy(base->vlans, flow->vlans, sizeof base->vlans);
}

static void
commit_nw(const struct flow *flow, struct flow *base,
          struct ofpbuf *odp_actions, struct flow_wildcards *wc)
{
    if (base->dl_type != flow->dl_type) {
        return;
    }
    if (is_ipv4(flow)) {
        struct ovs_key_ipv4 key, bkey, mask;

        memset(&key, 0, sizeof key);
        memset(&bkey, 0, sizeof bkey);
        memset(&mask, 0, sizeof mask);
        key.ipv4_src = flow->nw_src;
        key.ipv4_dst = flow->nw_dst;
        key.ipv4_tos = flow->nw_tos;
        key.ipv4_ttl = flow->nw_ttl;
        bkey.ipv4_src = base->nw_src;
        bkey.ipv4_dst = base->nw_dst;
        bkey.ipv4_tos = base->nw_tos;
        bkey.ipv4_ttl = base->nw_ttl;
        mask.ipv4_src = wc->masks.nw_src;
        mask.ipv4_dst = wc->masks.nw_dst;
        mask.ipv4_tos = wc->masks.nw_tos;
        mask.ipv4_ttl = wc->masks.nw_ttl;
        /* proto and frag are not writable: left zero in all three. */
        if (commit_attr(odp_actions, OVS_KEY_ATTR_IPV4, &key, &bkey, &mask,
                        sizeof key)) {
            base->nw_src = flow->nw_src;
            base->nw_dst = flow->nw_dst;
            base->nw_tos = flow->nw_tos;
            base->nw_ttl = flow->nw_ttl;
            wc->masks.nw_src = mask.ipv4_src;
            wc->masks.nw_dst = mask.ipv4_dst;
            wc->masks.nw_tos = mask.ipv4_tos;
            wc->masks.nw_ttl = mask.ipv4_ttl;
        }
    } else if (is_ipv6(flow)) {
        struct ovs_key_ipv6 key, bkey, mask;

        memset(&key, 0, sizeof key);
        memset(&bkey, 0, sizeof bkey);
        memset(&mask, 0, sizeof mask);
        memcpy(key.ipv6_src, &flow->ipv6_src, 16);
        memcpy(key.ipv6_dst, &flow->ipv6_dst, 16);
        key.ipv6_label = flow->ipv6_label;
        key.ipv6_tclass = flow->nw_tos;
        key.ipv6_hlimit = flow->nw_ttl;
        memcpy(bkey.ipv6_src, &base->ipv6_src, 16);
        memcpy(bkey.ipv6_dst, &base->ipv6_dst, 16);
        bkey.ipv6_label = base->ipv6_label;
        bkey.ipv6_tclass = base->nw_tos;
        bkey.ipv6_hlimit = base->nw_ttl;
        memcpy(mask.ipv6_src, &wc->masks.ipv6_src, 16);
        memcpy(mask.ipv6_dst, &wc->masks.ipv6_dst, 16);
        mask.ipv6_label = wc->masks.ipv6_label;
        mask.ipv6_tclass = wc->masks.nw_tos;
        mask.ipv6_hlimit = wc->masks.nw_ttl;
        if (commit_attr(odp_actions, OVS_KEY_ATTR_IPV6, &key, &bkey, &mask,
                        sizeof key)) {
            base->ipv6_src = flow->ipv6_src;
            base->ipv6_dst = flow->ipv6_dst;
            base->ipv6_label = flow->ipv6_label;
            base->nw_tos = flow->nw_tos;
            base->nw_ttl = flow->nw_ttl;
            memcpy(&wc->masks.ipv6_src, mask.ipv6_src, 16);
            memcpy(&wc->masks.ipv6_dst, mask.ipv6_dst, 16);
            wc->masks.ipv6_label = mask.ipv6_label;
            wc->masks.nw_tos = mask.ipv6_tclass;
            wc->masks.nw_ttl = mask.ipv6_hlimit;
        }
    } else if (is_arp(flow)) {
        struct ovs_key_arp key, bkey, mask;

        memset(&key, 0, sizeof key);
        memset(&bkey, 0, sizeof bkey);
        memset(&mask, 0, sizeof mask);
        key.arp_sip = flow->nw_src;
        key.arp_tip = flow->nw_dst;
        key.arp_op = htons(flow->nw_proto);
        memcpy(key.arp_sha, flow->arp_sha.ea, 6);
        memcpy(key.arp_tha, flow->arp_tha.ea, 6);
        bkey.arp_sip = base->nw_src;
        bkey.arp_tip = base->nw_dst;
        bkey.arp_op = htons(base->nw_proto);
        memcpy(bkey.arp_sha, base->arp_sha.ea, 6);
        memcpy(bkey.arp_tha, base->arp_tha.ea, 6);
        mask.arp_sip = wc->masks.nw_src;
        mask.arp_tip = wc->masks.nw_dst;
        mask.arp_op = htons(wc->masks.nw_proto);
        memcpy(mask.arp_sha, wc->masks.arp_sha.ea, 6);
        memcpy(mask.arp_tha, wc->masks.arp_tha.ea, 6);
        if (commit_attr(odp_actions, OVS_KEY_ATTR_ARP, &key, &bkey, &mask,
                        sizeof key)) {
            base->nw_src = flow->nw_src;
            base->nw_dst = flow->nw_dst;
            base->nw_proto = flow->nw_proto;
            base->arp_sha = flow->arp_sha;
            base->arp_tha = flow->arp_tha;
            wc->masks.nw_src = mask.arp_sip;
            wc->masks.nw_dst = mask.arp_tip;
            wc->masks.nw_proto = ntohs(mask.arp_op);
            memcpy(wc->masks.arp_sha.ea, mask.arp_sha, 6);
            memcpy(wc->masks.arp_tha.ea, mask.arp_tha, 6);
        }
    }
}

static void
commit_l4(const struct flow *flow, struct flow *base,
          struct ofpbuf *odp_actions, struct flow_wildcards *wc)
{
    uint16_t type;

    if (!is_ip_any(base) || base->nw_proto != flow->nw_proto
        || (base->nw_frag & FLOW_NW_FRAG_LATER)) {
        return;
    }
    switch (flow->nw_proto) {
    case IPPROTO_TCP:
        type = OVS_KEY_ATTR_TCP;
        break;
    case IPPROTO_UDP:
        type = OVS_KEY_ATTR_UDP;
        break;
    case IPPROTO_SCTP:
        type = OVS_KEY_ATTR_SCTP;
        break;
    case IPPROTO_ICMP:
    case IPPROTO_ICMPV6: {
        struct ovs_key_icmp key, bkey, mask;

        if ((flow->nw_proto == IPPROTO_ICMP) != is_ipv4(flow)) {
            return;
        }
        key.icmp_type = ntohs(flow->tp_src);
        key.icmp_code = ntohs(flow->tp_dst);
        bkey.icmp_type = ntohs(base->tp_src);
        bkey.icmp_code = ntohs(base->tp_dst);
        mask.icmp_type = ntohs(wc->masks.tp_src);
        mask.icmp_code = ntohs(wc->masks.tp_dst);
        if (commit_attr(odp_actions, is_ipv4(flow) ? OVS_KEY_ATTR_ICMP
                                                   : OVS_KEY_ATTR_ICMPV6,
                        &key, &bkey, &mask, sizeof key)) {
            base->tp_src = flow->tp_src;
            base->tp_dst = flow->tp_dst;
            wc->masks.tp_src = htons(mask.icmp_type);
            wc->masks.tp_dst = htons(mask.icmp_code);
        }
        return;
    }
    default:
        return;
    }

    ovs_be16 key[2] = { flow->tp_src, flow->tp_dst };
    ovs_be16 bkey[2] = { base->tp_src, base->tp_dst };
    ovs_be16 mask[2] = { wc->masks.tp_src, wc->masks.tp_dst };
    if (commit_attr(odp_actions, type, key, bkey, mask, sizeof key)) {
        base->tp_src = flow->tp_src;
        base->tp_dst = flow->tp_dst;
        wc->masks.tp_src = mask[0];
        wc->masks.tp_dst = mask[1];
    }
}

static void
commit_u32_meta(struct ofpbuf *odp_actions, uint16_t type, uint32_t flow_v,
                uint32_t *base_v, uint32_t *mask_v)
{
    if (commit_attr(odp_actions, type, &flow_v, base_v, mask_v, 4)) {
        *base_v = flow_v;
    }
}

void
commit_odp_actions(const struct flow *flow, struct flow *base,
                   struct ofpbuf *odp_actions, struct flow_wildcards *wc)
{
    bool mpls_done = false;

    commit_ether(flow, base, odp_actions, wc);
    /* An MPLS packet becoming IP must lose its labels before L3 sets. */
    if (flow_is_mpls(base) && !flow_is_mpls(flow)) {
        commit_mpls(flow, base, odp_actions, wc);
        mpls_done = true;
    }
    commit_nw(flow, base, odp_actions, wc);
    commit_l4(flow, base, odp_actions, wc);
    if (!mpls_done) {
        commit_mpls(flow, base, odp_actions, wc);
    }
    commit_vlans(flow, base, odp_actions, wc);
    commit_u32_meta(odp_actions, OVS_KEY_ATTR_PRIORITY, flow->skb_priority,
                    &base->skb_priority, &wc->masks.skb_priority);
    commit_u32_meta(odp_actions, OVS_KEY_ATTR_SKB_MARK, flow->pkt_mark,
                    &base->pkt_mark, &wc->masks.pkt_mark);
}
