/* flow.h: the flow key (every field OpenFlow can match), parsing packets
 * into it, building packets from it, wildcards over it, and its compressed
 * form for the classifier.
 *
 * The problem.  Every packet the userspace datapath receives is parsed
 * into a key; the key is looked up in caches and in classifiers of masked
 * keys; the same key type describes OpenFlow matches.  Parsing must be
 * fast and safe on any bytes, lookups need hashing and masked comparison
 * to be cheap, and a classifier holds many keys, so it stores them
 * compactly.
 *
 * The layout.  struct flow is a flat struct of fixed-width fields with no
 * implicit padding, a multiple of 8 bytes long, in a fixed order:
 * metadata, then L2, L3, L4 (the FLOW_SEGMENT_* offsets mark the
 * boundaries, for staged lookup).  So a flow is also an array of
 * FLOW_U64S 64-bit words: masking, comparing and hashing work a word at a
 * time without knowing the fields, and struct flow_wildcards is simply a
 * struct flow of masks (1-bits are bits that matter).  Fields that do not
 * apply to a packet, and all padding, are zero; flow_extract() keeps to
 * that, so two packets with the same headers give byte-identical flows.
 *
 * Field conventions (as upstream Open vSwitch and ovs-fields(7)):
 *   - vlans[i].tci has VLAN_CFI set when tag i is present ("vlan_tci" in
 *     OpenFlow 1.0 terms); the wire CFI/DEI bit is not kept.  vlans[0] is
 *     the outermost tag.
 *   - dl_type is the Ethertype after the VLAN tags; for 802.3 frames it is
 *     the SNAP Ethertype if there is an LLC/SNAP header with OUI 0, else
 *     FLOW_DL_TYPE_NONE (0x5ff).
 *   - mpls_lse[] holds up to FLOW_MAX_MPLS_LABELS entries, outermost
 *     first; nothing under the label stack is parsed.
 *   - nw_proto is the IP protocol, or for ARP the opcode (if below 256);
 *     for a later IPv6 fragment it is IPPROTO_FRAGMENT.
 *   - nw_tos is the whole TOS/traffic class byte (DSCP and ECN).
 *   - nw_frag has FLOW_NW_FRAG_ANY for any fragment and also
 *     FLOW_NW_FRAG_LATER for one that is not the first; L4 fields of a
 *     later fragment are zero.
 *   - tp_src/tp_dst are the TCP/UDP/SCTP ports, or the ICMP/ICMPv6/IGMP
 *     type and code (in their low byte).
 *   - arp_sha/arp_tha are the ARP hardware addresses, or the ND source and
 *     target link-layer address options.
 *   - regs[] are the 32-bit registers reg0...reg15; xreg0...xreg7 and
 *     xxreg0...xxreg3 are views of the same bits (flow_get_xreg() etc.).
 *
 * Truncated or malformed headers leave the fields they would have set
 * zero, as upstream does (an IPv4 header whose total length is wrong gives
 * dl_type 0x800 and zero L3 and L4 fields; a truncated TCP header gives
 * nw_proto 6 and zero ports).  Parsing never reads outside the packet.
 *
 * Compressed form.  struct miniflow stores only the nonzero 64-bit words
 * of a flow, in order, after a bitmap (struct flowmap) of which words they
 * are; a typical packet key is a few dozen bytes instead of hundreds.
 * struct minimask is a miniflow of a flow_wildcards.  The *_in_minimask()
 * functions compare and hash flows through a mask without expanding
 * either, and flow_hash_in_minimask(), miniflow_hash_in_minimask() and
 * flow_hash_in_wildcards() give equal hashes for equal masked values.
 *
 * Memory: struct flow and struct flow_wildcards are plain values.  A
 * miniflow or minimask from *_create() or *_clone() is one heap block the
 * caller frees with free() (or miniflow_destroy()).
 *
 * Thread safety: no state; all functions are thread-safe on separate
 * objects. */
#ifndef FLOW_H
#define FLOW_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "hash.h"
#include "packets.h"
#include "types.h"
#include "util.h"

struct dp_packet;
struct ds;

#define FLOW_N_REGS 16
#define FLOW_N_XREGS (FLOW_N_REGS / 2)
#define FLOW_N_XXREGS (FLOW_N_REGS / 4)
#define FLOW_MAX_VLAN_HEADERS 2
#define FLOW_MAX_MPLS_LABELS 3

/* dl_type of an 802.3 frame without a SNAP Ethertype. */
#define FLOW_DL_TYPE_NONE 0x5ff

/* nw_frag bits. */
#define FLOW_NW_FRAG_ANY   (1 << 0)
#define FLOW_NW_FRAG_LATER (1 << 1)
#define FLOW_NW_FRAG_MASK  (FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER)

/* The input port, a datapath port during parsing and an OpenFlow port in
 * ofproto. */
union flow_in_port {
    odp_port_t odp_port;
    ofp_port_t ofp_port;
};

/* One VLAN header: TPID and TCI (TCI with VLAN_CFI meaning "present"). */
union flow_vlan_hdr {
    ovs_be32 qtag;
    struct {
        ovs_be16 tpid;
        ovs_be16 tci;
    };
};

struct flow {
    /* Metadata. */
    struct flow_tnl tunnel;     /* Tunnel the packet arrived on. */
    ovs_be64 metadata;          /* OpenFlow metadata register. */
    uint32_t regs[FLOW_N_REGS]; /* Registers reg0...reg15. */
    uint32_t skb_priority;
    uint32_t pkt_mark;
    uint32_t dp_hash;
    union flow_in_port in_port;
    uint32_t recirc_id;
    uint8_t ct_state;           /* CS_*. */
    uint8_t ct_nw_proto;        /* Conntrack original tuple protocol. */
    uint16_t ct_zone;
    uint32_t ct_mark;
    ovs_be32 packet_type;       /* PT_ETH or an OFPHTN_ETHERTYPE type. */
    ovs_u128 ct_label;
    uint32_t conj_id;           /* Conjunction id (classifier). */
    ofp_port_t actset_output;   /* Output port in the action set. */
    uint8_t pad1[2];

    /* L2. */
    struct eth_addr dl_dst;
    struct eth_addr dl_src;
    ovs_be16 dl_type;
    uint8_t pad2[2];
    union flow_vlan_hdr vlans[FLOW_MAX_VLAN_HEADERS];
    ovs_be32 mpls_lse[ROUND_UP(FLOW_MAX_MPLS_LABELS, 2)];

    /* L3. */
    ovs_be32 nw_src;            /* IPv4 source, or ARP SPA. */
    ovs_be32 nw_dst;            /* IPv4 destination, or ARP TPA. */
    ovs_be32 ct_nw_src;         /* Conntrack original tuple, IPv4. */
    ovs_be32 ct_nw_dst;
    struct in6_addr ipv6_src;
    struct in6_addr ipv6_dst;
    struct in6_addr ct_ipv6_src; /* Conntrack original tuple, IPv6. */
    struct in6_addr ct_ipv6_dst;
    ovs_be32 ipv6_label;        /* Low 20 bits. */
    uint8_t nw_frag;            /* FLOW_NW_FRAG_*. */
    uint8_t nw_tos;
    uint8_t nw_ttl;             /* TTL or hop limit. */
    uint8_t nw_proto;
    struct eth_addr arp_sha;    /* ARP SHA or ND source link address. */
    struct eth_addr arp_tha;    /* ARP THA or ND target link address. */
    ovs_be16 tcp_flags;         /* Low 12 bits. */
    uint8_t pad3[2];

    /* L4. */
    struct in6_addr nd_target;
    ovs_be16 tp_src;
    ovs_be16 tp_dst;
    ovs_be16 ct_tp_src;         /* Conntrack original tuple ports (or ICMP
                                 * type and code). */
    ovs_be16 ct_tp_dst;
    ovs_be32 igmp_group_ip4;
    ovs_be32 nd_reserved;       /* ND reserved/flags word (R, S, O). */
    uint8_t nd_options_type;    /* Type of the first ND option. */
    uint8_t pad4[7];
};

#define FLOW_U64S (sizeof(struct flow) / sizeof(uint64_t))
BUILD_ASSERT_DECL(sizeof(struct flow) % sizeof(uint64_t) == 0);

/* Where the metadata, L2 and L3 segments end (staged lookup). */
#define FLOW_SEGMENT_1_ENDS_AT offsetof(struct flow, dl_dst)
#define FLOW_SEGMENT_2_ENDS_AT offsetof(struct flow, nw_src)
#define FLOW_SEGMENT_3_ENDS_AT offsetof(struct flow, nd_target)
BUILD_ASSERT_DECL(FLOW_SEGMENT_1_ENDS_AT % sizeof(uint64_t) == 0);
BUILD_ASSERT_DECL(FLOW_SEGMENT_2_ENDS_AT % sizeof(uint64_t) == 0);
BUILD_ASSERT_DECL(FLOW_SEGMENT_3_ENDS_AT % sizeof(uint64_t) == 0);

/* The index of the 64-bit word that holds FIELD. */
#define FLOW_U64_OFS(FIELD) (offsetof(struct flow, FIELD) / sizeof(uint64_t))

/* A flow as an array of words. */
static inline const uint64_t *
flow_u64_const(const struct flow *flow)
{
    return (const uint64_t *) (const void *) flow;
}

static inline uint64_t *
flow_u64(struct flow *flow)
{
    return (uint64_t *) (void *) flow;
}

/* Parsing and composing. */

/* Parses PACKET (its packet_type, bytes and metadata) into FLOW and sets
 * PACKET's header offsets and L2 padding.  Never fails: whatever cannot be
 * parsed is left zero (see the file comment). */
void flow_extract(struct dp_packet *packet, struct flow *flow);

/* Replaces the contents of PACKET with a packet that flow_extract() would
 * parse back into FLOW's packet fields, with L7_LEN bytes of payload and
 * correct checksums, and sets its header offsets.  Fields that no packet
 * can carry that way (a dl_type below 0x600 other than
 * FLOW_DL_TYPE_NONE, ND options other than link-layer addresses) are not
 * represented.  Metadata is not touched: see pkt_metadata_from_flow(). */
void flow_compose(struct dp_packet *packet, const struct flow *flow,
                  size_t l7_len);

/* Sets MD from the metadata fields of FLOW (in_port as a datapath port). */
void pkt_metadata_from_flow(struct pkt_metadata *md, const struct flow *flow);

/* Field helpers. */

static inline bool
flow_is_eth(const struct flow *flow)
{
    return flow->packet_type == PT_ETH;
}

static inline bool
is_ip_any(const struct flow *flow)
{
    return (flow->dl_type == htons(ETH_TYPE_IP)
            || flow->dl_type == htons(ETH_TYPE_IPV6));
}

static inline bool
is_ipv4(const struct flow *flow)
{
    return flow->dl_type == htons(ETH_TYPE_IP);
}

static inline bool
is_ipv6(const struct flow *flow)
{
    return flow->dl_type == htons(ETH_TYPE_IPV6);
}

static inline bool
is_arp(const struct flow *flow)
{
    return (flow->dl_type == htons(ETH_TYPE_ARP)
            || flow->dl_type == htons(ETH_TYPE_RARP));
}

static inline bool
is_tcp(const struct flow *flow)
{
    return is_ip_any(flow) && flow->nw_proto == IPPROTO_TCP;
}

static inline bool
is_udp(const struct flow *flow)
{
    return is_ip_any(flow) && flow->nw_proto == IPPROTO_UDP;
}

static inline bool
is_sctp(const struct flow *flow)
{
    return is_ip_any(flow) && flow->nw_proto == IPPROTO_SCTP;
}

static inline bool
is_icmpv4(const struct flow *flow)
{
    return is_ipv4(flow) && flow->nw_proto == IPPROTO_ICMP;
}

static inline bool
is_icmpv6(const struct flow *flow)
{
    return is_ipv6(flow) && flow->nw_proto == IPPROTO_ICMPV6;
}

static inline bool
is_igmp(const struct flow *flow)
{
    return is_ipv4(flow) && flow->nw_proto == IPPROTO_IGMP;
}

/* Is FLOW a neighbor solicitation or advertisement? */
static inline bool
is_nd(const struct flow *flow)
{
    return (is_icmpv6(flow) && !flow->tp_dst
            && (flow->tp_src == htons(ND_NEIGHBOR_SOLICIT)
                || flow->tp_src == htons(ND_NEIGHBOR_ADVERT)));
}

static inline bool
flow_is_mpls(const struct flow *flow)
{
    return eth_type_mpls(flow->dl_type);
}

/* The number of VLAN tags (MPLS labels) FLOW has. */
int flow_count_vlan_headers(const struct flow *);
int flow_count_mpls_labels(const struct flow *);

/* xregN is regs[2N] (high half) and regs[2N + 1]; xxregN is
 * regs[4N...4N + 3], most significant first. */
static inline uint64_t
flow_get_xreg(const struct flow *flow, int idx)
{
    return ((uint64_t) flow->regs[idx * 2] << 32) | flow->regs[idx * 2 + 1];
}

static inline void
flow_set_xreg(struct flow *flow, int idx, uint64_t value)
{
    flow->regs[idx * 2] = value >> 32;
    flow->regs[idx * 2 + 1] = value;
}

static inline ovs_u128
flow_get_xxreg(const struct flow *flow, int idx)
{
    ovs_u128 value;

    value.u64.hi = flow_get_xreg(flow, idx * 2);
    value.u64.lo = flow_get_xreg(flow, idx * 2 + 1);
    return value;
}

static inline void
flow_set_xxreg(struct flow *flow, int idx, ovs_u128 value)
{
    flow_set_xreg(flow, idx * 2, value.u64.hi);
    flow_set_xreg(flow, idx * 2 + 1, value.u64.lo);
}

/* Comparison and hashing of whole flows. */

static inline bool
flow_equal(const struct flow *a, const struct flow *b)
{
    return !memcmp(a, b, sizeof *a);
}

uint32_t flow_hash(const struct flow *, uint32_t basis);

/* Hash of the IP addresses, IP protocol and (TCP, UDP, SCTP) ports; the
 * basis alone for non-IP flows. */
uint32_t flow_hash_5tuple(const struct flow *, uint32_t basis);

/* Hashes that are equal for both directions of a connection: Ethernet
 * addresses, Ethertype, VLAN id, IP addresses, protocol and ports for the
 * first, only the last four for the second (bonds, select groups). */
uint32_t flow_hash_symmetric_l4(const struct flow *, uint32_t basis);
uint32_t flow_hash_symmetric_l3l4(const struct flow *, uint32_t basis);

/* A debugging dump of FLOW's nonzero fields, "name=value,..." with the
 * field names of ovs-fields(7).  Not the OpenFlow match syntax. */
void flow_format_debug(struct ds *, const struct flow *);

/* Wildcards. */

struct flow_wildcards {
    struct flow masks;          /* 1-bits are bits that matter. */
};

/* Sets (a field of) WC to exact match. */
#define WC_MASK_FIELD(WC, FIELD) \
    memset(&(WC)->masks.FIELD, 0xff, sizeof (WC)->masks.FIELD)
#define WC_UNMASK_FIELD(WC, FIELD) \
    memset(&(WC)->masks.FIELD, 0, sizeof (WC)->masks.FIELD)

void flow_wildcards_init_catchall(struct flow_wildcards *);
/* Exact match on every field; padding stays wildcarded (it is always
 * zero in flows). */
void flow_wildcards_init_exact(struct flow_wildcards *);
bool flow_wildcards_is_catchall(const struct flow_wildcards *);
bool flow_wildcards_is_exact(const struct flow_wildcards *);

/* DST = SRC1 & SRC2 (both must match) and DST = SRC1 | SRC2. */
void flow_wildcards_and(struct flow_wildcards *dst,
                        const struct flow_wildcards *src1,
                        const struct flow_wildcards *src2);
void flow_wildcards_or(struct flow_wildcards *dst,
                       const struct flow_wildcards *src1,
                       const struct flow_wildcards *src2);
/* DST |= SRC: DST now also matters wherever SRC does. */
void flow_wildcards_fold(struct flow_wildcards *dst,
                         const struct flow_wildcards *src);
bool flow_wildcards_equal(const struct flow_wildcards *,
                          const struct flow_wildcards *);
/* Does A care about a bit that B does not? */
bool flow_wildcards_has_extra(const struct flow_wildcards *a,
                              const struct flow_wildcards *b);
uint32_t flow_wildcards_hash(const struct flow_wildcards *, uint32_t basis);

/* FLOW &= WC. */
void flow_zero_wildcards(struct flow *, const struct flow_wildcards *);
/* Are A and B equal in every bit WC cares about? */
bool flow_equal_except(const struct flow *a, const struct flow *b,
                       const struct flow_wildcards *wc);
/* Hash of FLOW's bits under WC; equal to flow_hash_in_minimask() with the
 * minimask of WC. */
uint32_t flow_hash_in_wildcards(const struct flow *,
                                const struct flow_wildcards *,
                                uint32_t basis);

/* Compressed flows. */

#define FLOWMAP_UNITS DIV_ROUND_UP(FLOW_U64S, 64)

/* Bit I set: word I of the flow is stored. */
struct flowmap {
    uint64_t bits[FLOWMAP_UNITS];
};

static inline bool
flowmap_is_set(const struct flowmap *fm, size_t idx)
{
    return (fm->bits[idx / 64] >> (idx % 64)) & 1;
}

static inline size_t
flowmap_n_1bits(const struct flowmap *fm)
{
    size_t n = 0;

    for (size_t i = 0; i < FLOWMAP_UNITS; i++) {
        n += count_1bits(fm->bits[i]);
    }
    return n;
}

static inline bool
flowmap_equal(const struct flowmap *a, const struct flowmap *b)
{
    return !memcmp(a, b, sizeof *a);
}

/* Iterates IDX (a size_t declared by the caller) over the set bits of
 * MAP, in increasing order.  MAP is evaluated more than once. */
#define FLOWMAP_FOR_EACH_INDEX(IDX, MAP)                                \
    for (size_t unit__ = 0; unit__ < FLOWMAP_UNITS; unit__++)           \
        for (uint64_t bits__ = (MAP).bits[unit__];                      \
             bits__ && ((IDX) = unit__ * 64 + raw_ctz(bits__), 1);      \
             bits__ &= bits__ - 1)

struct miniflow {
    struct flowmap map;
    /* The values of the words map has set, in order, follow here. */
};

struct minimask {
    struct miniflow masks;
};

static inline uint64_t *
miniflow_values(struct miniflow *mf)
{
    return (uint64_t *) (mf + 1);
}

static inline const uint64_t *
miniflow_get_values(const struct miniflow *mf)
{
    return (const uint64_t *) (mf + 1);
}

static inline size_t
miniflow_n_values(const struct miniflow *mf)
{
    return flowmap_n_1bits(&mf->map);
}

/* Bytes a miniflow with N_VALUES values takes. */
static inline size_t
miniflow_alloc_size(size_t n_values)
{
    return sizeof(struct miniflow) + n_values * sizeof(uint64_t);
}

/* The number of nonzero words of FLOW (what its miniflow stores). */
size_t flow_n_nonzero_u64s(const struct flow *);

/* Writes the compressed FLOW into DST, which must have room for
 * flow_n_nonzero_u64s(FLOW) values. */
void miniflow_init(struct miniflow *dst, const struct flow *);
struct miniflow *miniflow_create(const struct flow *);
struct miniflow *miniflow_clone(const struct miniflow *);
void miniflow_destroy(struct miniflow *);
void miniflow_expand(const struct miniflow *, struct flow *);
/* Word IDX of the expanded flow. */
uint64_t miniflow_get(const struct miniflow *, size_t idx);

bool miniflow_equal(const struct miniflow *a, const struct miniflow *b);
/* Are A and B (FLOW) equal in every bit MASK cares about? */
bool miniflow_equal_in_minimask(const struct miniflow *a,
                                const struct miniflow *b,
                                const struct minimask *mask);
bool miniflow_equal_flow_in_minimask(const struct miniflow *a,
                                     const struct flow *b,
                                     const struct minimask *mask);
uint32_t miniflow_hash(const struct miniflow *, uint32_t basis);
uint32_t miniflow_hash_in_minimask(const struct miniflow *,
                                   const struct minimask *, uint32_t basis);
uint32_t flow_hash_in_minimask(const struct flow *, const struct minimask *,
                               uint32_t basis);

struct minimask *minimask_create(const struct flow_wildcards *);
struct minimask *minimask_clone(const struct minimask *);
void minimask_destroy(struct minimask *);
void minimask_expand(const struct minimask *, struct flow_wildcards *);
bool minimask_equal(const struct minimask *, const struct minimask *);
uint32_t minimask_hash(const struct minimask *, uint32_t basis);
/* Does A care about a bit that B does not? */
bool minimask_has_extra(const struct minimask *a, const struct minimask *b);
bool minimask_is_catchall(const struct minimask *);

#endif /* flow.h */
