/* packets.h: wire formats of the protocols the switch parses and edits,
 * the Internet checksum, and header edits that keep checksums right.
 *
 * Header structs describe bytes exactly as they are on the wire (sizes are
 * checked at compile time).  Multi-byte fields are in network byte order;
 * 32-bit fields that can sit at a 2-byte boundary in a real packet are
 * ovs_16aligned_be32 (see byte-order.h), so a struct may be overlaid on
 * any even offset of a packet buffer.  Bit fields are never used: fields
 * that share a byte have accessor macros.
 *
 * Addresses: struct eth_addr is an Ethernet address; IPv4 addresses are
 * ovs_be32; IPv6 addresses are struct in6_addr.  Text forms are those that
 * upstream Open vSwitch prints and parses: "0a:00:00:00:00:01",
 * "10.0.0.1", "2001:db8::1".
 *
 * Checksums: csum() and friends compute the RFC 1071 Internet checksum;
 * recalc_csum16/32/128() update one after a field changes (RFC 1624).
 * Header edits (packet_set_*(), eth_push_vlan(), push_mpls(), ...) take a
 * struct dp_packet whose header offsets were set by flow_extract() (or by
 * hand), edit in place and update every checksum the edit affects: the
 * IPv4 header checksum and the TCP/UDP/ICMPv6 checksum including its
 * pseudo-header.  A packet whose L4 checksum is "partial" (see
 * dp_packet_ol_l4_csum_partial(): the field holds only the pseudo-header
 * sum and the rest is computed at transmit time) gets its pseudo-header
 * sum updated instead, and port edits leave it alone.  A UDP checksum of
 * zero over IPv4 means "none" and stays zero.
 *
 * Edits never read or write outside the packet: one whose header is
 * missing or truncated does nothing.  No global state; a packet may be
 * edited by one thread at a time. */
#ifndef PACKETS_H
#define PACKETS_H 1

#include <inttypes.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "byte-order.h"
#include "compiler.h"
#include "types.h"
#include "util.h"

struct dp_packet;
struct ds;

/* Ethernet. */

#define ETH_ADDR_LEN 6

struct eth_addr {
    union {
        uint8_t ea[ETH_ADDR_LEN];
        ovs_be16 be16[ETH_ADDR_LEN / 2];
    };
};

#define ETH_ADDR_C(A, B, C, D, E, F) \
    { { { 0x##A, 0x##B, 0x##C, 0x##D, 0x##E, 0x##F } } }

extern const struct eth_addr eth_addr_zero;
extern const struct eth_addr eth_addr_exact;
extern const struct eth_addr eth_addr_broadcast;

static inline bool
eth_addr_is_zero(const struct eth_addr a)
{
    return !(a.be16[0] | a.be16[1] | a.be16[2]);
}

static inline bool
eth_addr_is_broadcast(const struct eth_addr a)
{
    return (a.be16[0] & a.be16[1] & a.be16[2]) == 0xffff;
}

static inline bool
eth_addr_is_multicast(const struct eth_addr a)
{
    return a.ea[0] & 1;
}

static inline bool
eth_addr_is_local(const struct eth_addr a)
{
    return (a.ea[0] & 2) != 0 && !eth_addr_is_multicast(a);
}

static inline bool
eth_addr_equals(const struct eth_addr a, const struct eth_addr b)
{
    return !((a.be16[0] ^ b.be16[0]) | (a.be16[1] ^ b.be16[1])
             | (a.be16[2] ^ b.be16[2]));
}

static inline struct eth_addr
eth_addr_and(const struct eth_addr a, const struct eth_addr mask)
{
    struct eth_addr r;

    r.be16[0] = a.be16[0] & mask.be16[0];
    r.be16[1] = a.be16[1] & mask.be16[1];
    r.be16[2] = a.be16[2] & mask.be16[2];
    return r;
}

/* The 48-bit address as the low bits of a host-order integer. */
static inline uint64_t
eth_addr_to_uint64(const struct eth_addr a)
{
    return (((uint64_t) a.ea[0] << 40) | ((uint64_t) a.ea[1] << 32)
            | ((uint64_t) a.ea[2] << 24) | ((uint64_t) a.ea[3] << 16)
            | ((uint64_t) a.ea[4] << 8) | a.ea[5]);
}

static inline struct eth_addr
eth_addr_from_uint64(uint64_t x)
{
    struct eth_addr a;

    for (int i = ETH_ADDR_LEN - 1; i >= 0; i--) {
        a.ea[i] = x;
        x >>= 8;
    }
    return a;
}

/* printf()/scanf() formats: "%02x:%02x:...".  Use as
 *     printf("mac=" ETH_ADDR_FMT "\n", ETH_ADDR_ARGS(ea));
 * ETH_ADDR_STRLEN is the length of the text without the null. */
#define ETH_ADDR_FMT \
    "%02"PRIx8":%02"PRIx8":%02"PRIx8":%02"PRIx8":%02"PRIx8":%02"PRIx8
#define ETH_ADDR_ARGS(EA) ETH_ADDR_BYTES_ARGS((EA).ea)
#define ETH_ADDR_BYTES_ARGS(EAB) \
    (EAB)[0], (EAB)[1], (EAB)[2], (EAB)[3], (EAB)[4], (EAB)[5]
#define ETH_ADDR_STRLEN 17

/* Parses "xx:xx:xx:xx:xx:xx" (1 or 2 hex digits per byte, either case)
 * from the whole of S into *EA.  Returns true on success; on failure *EA
 * is zeroed. */
bool eth_addr_from_string(const char *s, struct eth_addr *ea);

/* Like eth_addr_from_string(), but parses a prefix of S and returns the
 * number of bytes parsed (0 on failure, leaving *EA zeroed). */
size_t eth_addr_parse_prefix(const char *s, struct eth_addr *ea);

/* Writes the text form of EA (ETH_ADDR_STRLEN + 1 bytes) into BUF and
 * returns BUF. */
char *eth_addr_to_string(const struct eth_addr ea,
                         char buf[ETH_ADDR_STRLEN + 1]);
void eth_format(struct ds *, const struct eth_addr);

#define ETH_TYPE_IP            0x0800
#define ETH_TYPE_ARP           0x0806
#define ETH_TYPE_TEB           0x6558
#define ETH_TYPE_VLAN_8021Q    0x8100
#define ETH_TYPE_VLAN          ETH_TYPE_VLAN_8021Q
#define ETH_TYPE_VLAN_8021AD   0x88a8
#define ETH_TYPE_IPV6          0x86dd
#define ETH_TYPE_LACP          0x8809
#define ETH_TYPE_RARP          0x8035
#define ETH_TYPE_MPLS          0x8847
#define ETH_TYPE_MPLS_MCAST    0x8848
#define ETH_TYPE_NSH           0x894f
#define ETH_TYPE_ERSPAN1       0x88be
#define ETH_TYPE_ERSPAN2       0x22eb

/* Values below this in the type/length field are 802.3 lengths. */
#define ETH_TYPE_MIN           0x600

static inline bool
eth_type_mpls(ovs_be16 eth_type)
{
    return (eth_type == CONSTANT_HTONS(ETH_TYPE_MPLS)
            || eth_type == CONSTANT_HTONS(ETH_TYPE_MPLS_MCAST));
}

static inline bool
eth_type_vlan(ovs_be16 eth_type)
{
    return (eth_type == CONSTANT_HTONS(ETH_TYPE_VLAN_8021Q)
            || eth_type == CONSTANT_HTONS(ETH_TYPE_VLAN_8021AD));
}

#define ETH_HEADER_LEN 14
#define ETH_PAYLOAD_MIN 46
#define ETH_PAYLOAD_MAX 1500
#define ETH_TOTAL_MIN (ETH_HEADER_LEN + ETH_PAYLOAD_MIN)
#define ETH_TOTAL_MAX (ETH_HEADER_LEN + ETH_PAYLOAD_MAX)
#define ETH_VLAN_TOTAL_MAX (ETH_HEADER_LEN + VLAN_HEADER_LEN + ETH_PAYLOAD_MAX)

struct eth_header {
    struct eth_addr eth_dst;
    struct eth_addr eth_src;
    ovs_be16 eth_type;          /* Ethertype, or 802.3 length. */
};
BUILD_ASSERT_DECL(ETH_HEADER_LEN == sizeof(struct eth_header));

/* 802.2 LLC and SNAP, after an 802.3 length. */
#define LLC_DSAP_SNAP 0xaa
#define LLC_SSAP_SNAP 0xaa
#define LLC_CNTL_SNAP 3
#define LLC_SNAP_HEADER_LEN 8

struct llc_snap_header {
    uint8_t llc_dsap;
    uint8_t llc_ssap;
    uint8_t llc_cntl;
    uint8_t snap_org[3];        /* OUI; 00:00:00 means an Ethertype. */
    ovs_be16 snap_type;
};
BUILD_ASSERT_DECL(LLC_SNAP_HEADER_LEN == sizeof(struct llc_snap_header));

/* 802.1Q/802.1ad VLAN tags.  In a TCI, bit 12 is the CFI (DEI) bit; in
 * struct flow it instead means "a tag is present" (see flow.h). */
#define VLAN_HEADER_LEN 4
#define VLAN_ETH_HEADER_LEN (ETH_HEADER_LEN + VLAN_HEADER_LEN)
#define VLAN_VID_MASK 0x0fff
#define VLAN_VID_SHIFT 0
#define VLAN_PCP_MASK 0xe000
#define VLAN_PCP_SHIFT 13
#define VLAN_CFI 0x1000
#define VLAN_CFI_SHIFT 12

struct vlan_header {
    ovs_be16 vlan_tci;          /* PCP, CFI/DEI, VID. */
    ovs_be16 vlan_next_type;    /* Ethertype of what follows. */
};
BUILD_ASSERT_DECL(VLAN_HEADER_LEN == sizeof(struct vlan_header));

struct vlan_eth_header {
    struct eth_addr veth_dst;
    struct eth_addr veth_src;
    ovs_be16 veth_type;         /* 0x8100 or 0x88a8. */
    ovs_be16 veth_tci;
    ovs_be16 veth_next_type;
};
BUILD_ASSERT_DECL(VLAN_ETH_HEADER_LEN == sizeof(struct vlan_eth_header));

static inline uint16_t
vlan_tci_to_vid(ovs_be16 tci)
{
    return (ntohs(tci) & VLAN_VID_MASK) >> VLAN_VID_SHIFT;
}

static inline int
vlan_tci_to_pcp(ovs_be16 tci)
{
    return (ntohs(tci) & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT;
}

static inline int
vlan_tci_to_cfi(ovs_be16 tci)
{
    return (ntohs(tci) & VLAN_CFI) != 0;
}

/* MPLS label stack entries. */
#define MPLS_HLEN 4
#define MPLS_LABEL_MASK 0xfffff000
#define MPLS_LABEL_SHIFT 12
#define MPLS_TC_MASK 0x00000e00
#define MPLS_TC_SHIFT 9
#define MPLS_BOS_MASK 0x00000100
#define MPLS_BOS_SHIFT 8
#define MPLS_TTL_MASK 0x000000ff
#define MPLS_TTL_SHIFT 0

struct mpls_hdr {
    ovs_16aligned_be32 mpls_lse;
};
BUILD_ASSERT_DECL(MPLS_HLEN == sizeof(struct mpls_hdr));

static inline uint32_t
mpls_lse_to_label(ovs_be32 lse)
{
    return (ntohl(lse) & MPLS_LABEL_MASK) >> MPLS_LABEL_SHIFT;
}

static inline uint8_t
mpls_lse_to_tc(ovs_be32 lse)
{
    return (ntohl(lse) & MPLS_TC_MASK) >> MPLS_TC_SHIFT;
}

static inline uint8_t
mpls_lse_to_ttl(ovs_be32 lse)
{
    return (ntohl(lse) & MPLS_TTL_MASK) >> MPLS_TTL_SHIFT;
}

static inline uint8_t
mpls_lse_to_bos(ovs_be32 lse)
{
    return (lse & htonl(MPLS_BOS_MASK)) != 0;
}

/* Builds an LSE from its parts (each masked to its width). */
static inline ovs_be32
mpls_lse_from_values(uint8_t ttl, uint8_t tc, uint8_t bos, uint32_t label)
{
    return htonl(((uint32_t) ttl << MPLS_TTL_SHIFT)
                 | (((uint32_t) tc << MPLS_TC_SHIFT) & MPLS_TC_MASK)
                 | (((uint32_t) bos << MPLS_BOS_SHIFT) & MPLS_BOS_MASK)
                 | ((label << MPLS_LABEL_SHIFT) & MPLS_LABEL_MASK));
}

/* ARP for Ethernet and IPv4. */
#define ARP_HTYPE_ETH 0x0001
#define ARP_OP_REQUEST 1
#define ARP_OP_REPLY 2
#define ARP_OP_RARP 3
#define ARP_ETH_HEADER_LEN 28

struct arp_eth_header {
    ovs_be16 ar_hrd;            /* Hardware type: ARP_HTYPE_ETH. */
    ovs_be16 ar_pro;            /* Protocol type: ETH_TYPE_IP. */
    uint8_t ar_hln;             /* Hardware address length: 6. */
    uint8_t ar_pln;             /* Protocol address length: 4. */
    ovs_be16 ar_op;             /* Opcode. */
    struct eth_addr ar_sha;     /* Sender hardware address. */
    ovs_16aligned_be32 ar_spa;  /* Sender protocol address. */
    struct eth_addr ar_tha;     /* Target hardware address. */
    ovs_16aligned_be32 ar_tpa;  /* Target protocol address. */
};
BUILD_ASSERT_DECL(ARP_ETH_HEADER_LEN == sizeof(struct arp_eth_header));

/* IPv4. */
#define IP_FMT "%"PRIu32".%"PRIu32".%"PRIu32".%"PRIu32
#define IP_ARGS(IP)                             \
    ntohl(IP) >> 24,                            \
    (ntohl(IP) >> 16) & 0xff,                   \
    (ntohl(IP) >> 8) & 0xff,                    \
    ntohl(IP) & 0xff

#define IP_VER(IP_IHL_VER) ((IP_IHL_VER) >> 4)
#define IP_IHL(IP_IHL_VER) ((IP_IHL_VER) & 15)
#define IP_IHL_VER(IHL, VER) (((VER) << 4) | (IHL))
#define IP_DSCP_MASK 0xfc
#define IP_DSCP_SHIFT 2
#define IP_ECN_MASK 0x03
#define IP_ECN_NOT_ECT 0x0
#define IP_ECN_ECT_1 0x01
#define IP_ECN_ECT_0 0x02
#define IP_ECN_CE 0x03
#define IP_DONT_FRAGMENT  0x4000
#define IP_MORE_FRAGMENTS 0x2000
#define IP_FRAG_OFF_MASK  0x1fff
#define IP_IS_FRAGMENT(IP_FRAG_OFF) \
    ((IP_FRAG_OFF) & htons(IP_MORE_FRAGMENTS | IP_FRAG_OFF_MASK))

#define IP_HEADER_LEN 20

struct ip_header {
    uint8_t ip_ihl_ver;         /* Version (high 4 bits), IHL in words. */
    uint8_t ip_tos;             /* DSCP and ECN. */
    ovs_be16 ip_tot_len;
    ovs_be16 ip_id;
    ovs_be16 ip_frag_off;       /* Flags and fragment offset. */
    uint8_t ip_ttl;
    uint8_t ip_proto;
    ovs_be16 ip_csum;
    ovs_16aligned_be32 ip_src;
    ovs_16aligned_be32 ip_dst;
};
BUILD_ASSERT_DECL(IP_HEADER_LEN == sizeof(struct ip_header));

/* Parses "a.b.c.d" (the whole of S) into *IP.  Returns true on success;
 * on failure *IP is 0. */
bool ip_parse(const char *s, ovs_be32 *ip);

/* Returns the number of leading 1-bits of NETMASK, which must be a CIDR
 * mask (see ip_is_cidr()). */
int ip_count_cidr_bits(ovs_be32 netmask);
bool ip_is_cidr(ovs_be32 netmask);

static inline ovs_be32
be32_prefix_mask(int plen)
{
    return plen ? htonl((uint32_t) -1 << (32 - plen)) : 0;
}

void ip_format_masked(ovs_be32 ip, ovs_be32 mask, struct ds *);

/* ICMP. */
#define ICMP_ECHO_REPLY 0
#define ICMP_DST_UNREACH 3
#define ICMP_ECHO_REQUEST 8
#define ICMP_TIME_EXCEEDED 11
#define ICMP_HEADER_LEN 8

struct icmp_header {
    uint8_t icmp_type;
    uint8_t icmp_code;
    ovs_be16 icmp_csum;
    union {
        struct {
            ovs_be16 id;
            ovs_be16 seq;
        } echo;
        struct {
            ovs_be16 empty;
            ovs_be16 mtu;
        } frag;
        ovs_16aligned_be32 gateway;
    } icmp_fields;
};
BUILD_ASSERT_DECL(ICMP_HEADER_LEN == sizeof(struct icmp_header));

/* IGMP (v1, v2 and the fixed part of v3 reports and queries). */
#define IGMP_HOST_MEMBERSHIP_QUERY    0x11
#define IGMP_HOST_MEMBERSHIP_REPORT   0x12
#define IGMPV2_HOST_MEMBERSHIP_REPORT 0x16
#define IGMP_HOST_LEAVE_MESSAGE       0x17
#define IGMPV3_HOST_MEMBERSHIP_REPORT 0x22
#define IGMP_HEADER_LEN 8

struct igmp_header {
    uint8_t igmp_type;
    uint8_t igmp_code;          /* Max response time (v2, v3). */
    ovs_be16 igmp_csum;
    ovs_16aligned_be32 group;
};
BUILD_ASSERT_DECL(IGMP_HEADER_LEN == sizeof(struct igmp_header));

/* SCTP: the checksum is CRC32c over the whole packet, little-endian on
 * the wire. */
#define SCTP_HEADER_LEN 12

struct sctp_header {
    ovs_be16 sctp_src;
    ovs_be16 sctp_dst;
    ovs_16aligned_be32 sctp_vtag;
    ovs_16aligned_be32 sctp_csum;
};
BUILD_ASSERT_DECL(SCTP_HEADER_LEN == sizeof(struct sctp_header));

/* UDP. */
#define UDP_HEADER_LEN 8

struct udp_header {
    ovs_be16 udp_src;
    ovs_be16 udp_dst;
    ovs_be16 udp_len;
    ovs_be16 udp_csum;          /* 0 over IPv4 means "no checksum". */
};
BUILD_ASSERT_DECL(UDP_HEADER_LEN == sizeof(struct udp_header));

/* TCP. */
#define TCP_FIN 0x001
#define TCP_SYN 0x002
#define TCP_RST 0x004
#define TCP_PSH 0x008
#define TCP_ACK 0x010
#define TCP_URG 0x020
#define TCP_ECE 0x040
#define TCP_CWR 0x080
#define TCP_NS  0x100

#define TCP_CTL(FLAGS, OFFSET) htons(((OFFSET) << 12) | (FLAGS))
#define TCP_FLAGS(TCP_CTL) (ntohs(TCP_CTL) & 0x0fff)
#define TCP_FLAGS_BE16(TCP_CTL) ((TCP_CTL) & htons(0x0fff))
#define TCP_OFFSET(TCP_CTL) (ntohs(TCP_CTL) >> 12)

#define TCP_HEADER_LEN 20

struct tcp_header {
    ovs_be16 tcp_src;
    ovs_be16 tcp_dst;
    ovs_16aligned_be32 tcp_seq;
    ovs_16aligned_be32 tcp_ack;
    ovs_be16 tcp_ctl;           /* Data offset (words) and flags. */
    ovs_be16 tcp_winsz;
    ovs_be16 tcp_csum;
    ovs_be16 tcp_urg;
};
BUILD_ASSERT_DECL(TCP_HEADER_LEN == sizeof(struct tcp_header));

/* IPv6. */

/* An IPv6 address that may be only 16-bit aligned in a packet. */
union ovs_16aligned_in6_addr {
    ovs_be16 be16[8];
    ovs_16aligned_be32 be32[4];
};

#define IPV6_HEADER_LEN 40
#define IPV6_LABEL_MASK 0x000fffff

struct ip6_header {
    ovs_16aligned_be32 ip6_flow;  /* Version 4 bits, class 8, label 20. */
    ovs_be16 ip6_plen;            /* Payload length, after this header. */
    uint8_t ip6_nxt;              /* Next header. */
    uint8_t ip6_hlim;             /* Hop limit. */
    union ovs_16aligned_in6_addr ip6_src;
    union ovs_16aligned_in6_addr ip6_dst;
};
BUILD_ASSERT_DECL(IPV6_HEADER_LEN == sizeof(struct ip6_header));

/* The part common to hop-by-hop, routing and destination options headers:
 * the whole header is (ip6e_len + 1) * 8 bytes.  For an authentication
 * header (AH) it is (ip6e_len + 2) * 4 bytes. */
struct ip6_ext {
    uint8_t ip6e_nxt;
    uint8_t ip6e_len;
};

#define IP6_FRAG_HEADER_LEN 8
#define IP6_FRAG_OFF_MASK 0xfff8   /* Offset in 8-byte units, shifted. */
#define IP6_FRAG_MORE 0x0001

struct ip6_frag_header {
    uint8_t ip6f_nxt;
    uint8_t ip6f_reserved;
    ovs_be16 ip6f_offlg;        /* Offset, reserved bits, more flag. */
    ovs_16aligned_be32 ip6f_ident;
};
BUILD_ASSERT_DECL(IP6_FRAG_HEADER_LEN == sizeof(struct ip6_frag_header));

#ifndef IPPROTO_MH
#define IPPROTO_MH 135
#endif

extern const struct in6_addr in6addr_exact;
#define IN6ADDR_EXACT_INIT { { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, \
                                 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, \
                                 0xff, 0xff, 0xff, 0xff } } }

static inline bool
ipv6_addr_equals(const struct in6_addr *a, const struct in6_addr *b)
{
    return !memcmp(a, b, sizeof *a);
}

static inline bool
ipv6_is_zero(const struct in6_addr *a)
{
    uint64_t w[2];

    memcpy(w, a, sizeof w);
    return !(w[0] | w[1]);
}

static inline bool
ipv6_mask_is_any(const struct in6_addr *mask)
{
    return ipv6_is_zero(mask);
}

static inline bool
ipv6_mask_is_exact(const struct in6_addr *mask)
{
    return ipv6_addr_equals(mask, &in6addr_exact);
}

static inline struct in6_addr
ipv6_addr_bitand(const struct in6_addr *a, const struct in6_addr *b)
{
    struct in6_addr r;

    for (int i = 0; i < 16; i++) {
        r.s6_addr[i] = a->s6_addr[i] & b->s6_addr[i];
    }
    return r;
}

static inline struct in6_addr
ipv6_addr_bitxor(const struct in6_addr *a, const struct in6_addr *b)
{
    struct in6_addr r;

    for (int i = 0; i < 16; i++) {
        r.s6_addr[i] = a->s6_addr[i] ^ b->s6_addr[i];
    }
    return r;
}

/* Reads and writes 16-bit-aligned packet addresses. */
static inline struct in6_addr
get_16aligned_in6(const union ovs_16aligned_in6_addr *p)
{
    struct in6_addr a;

    memcpy(&a, p, sizeof a);
    return a;
}

static inline void
put_16aligned_in6(union ovs_16aligned_in6_addr *p, const struct in6_addr *a)
{
    memcpy(p, a, sizeof *a);
}

/* The IPv4-mapped IPv6 address ::ffff:IP. */
struct in6_addr in6_addr_mapped_ipv4(ovs_be32 ip);
/* If A is IPv4-mapped, returns its IPv4 address, otherwise 0. */
ovs_be32 in6_addr_get_mapped_ipv4(const struct in6_addr *a);
/* The mask with the leading PLEN (0...128) bits set. */
struct in6_addr ipv6_create_mask(int plen);
/* The number of leading 1-bits of the CIDR mask NETMASK. */
int ipv6_count_cidr_bits(const struct in6_addr *netmask);
bool ipv6_is_cidr(const struct in6_addr *netmask);

/* Parses an IPv6 address (all of S) in any form inet_pton() accepts.
 * Returns true on success; on failure *A is zeroed. */
bool ipv6_parse(const char *s, struct in6_addr *a);

/* Appends A in the form inet_ntop() gives ("2001:db8::1"), or as IPv4 if
 * it is IPv4-mapped and that is wanted. */
void ipv6_format_addr(const struct in6_addr *a, struct ds *);
void ipv6_format_mapped(const struct in6_addr *a, struct ds *);
void ipv6_format_masked(const struct in6_addr *a, const struct in6_addr *mask,
                        struct ds *);
#define INET6_ADDRSTRLEN_OVS 46
/* Writes the text form of A into BUF (INET6_ADDRSTRLEN_OVS bytes) and
 * returns BUF. */
char *ipv6_string(const struct in6_addr *a, char buf[INET6_ADDRSTRLEN_OVS]);

/* ICMPv6 and neighbor discovery. */
#define ICMP6_HEADER_LEN 8
#define ICMP6_ECHO_REQUEST 128
#define ICMP6_ECHO_REPLY 129
#define MLD_QUERY 130
#define MLD_REPORT 131
#define MLD_DONE 132
#define ND_ROUTER_SOLICIT 133
#define ND_ROUTER_ADVERT 134
#define ND_NEIGHBOR_SOLICIT 135
#define ND_NEIGHBOR_ADVERT 136
#define MLD2_REPORT 143

struct icmp6_data_header {
    uint8_t icmp6_type;
    uint8_t icmp6_code;
    ovs_be16 icmp6_cksum;
    union {
        ovs_16aligned_be32 be32[1];
        ovs_be16 be16[2];
        uint8_t u8[4];
    } icmp6_data;
};
BUILD_ASSERT_DECL(ICMP6_HEADER_LEN == sizeof(struct icmp6_data_header));

#define ND_OPT_SOURCE_LINKADDR 1
#define ND_OPT_TARGET_LINKADDR 2
#define ND_OPT_PREFIX_INFORMATION 3
#define ND_OPT_MTU 5

#define ND_RSO_ROUTER    0x80000000
#define ND_RSO_SOLICITED 0x40000000
#define ND_RSO_OVERRIDE  0x20000000

/* A link-layer address option: len is in units of 8 bytes (1 here). */
#define ND_LLA_OPT_LEN 8
struct nd_lla_opt {
    uint8_t type;               /* ND_OPT_SOURCE/TARGET_LINKADDR. */
    uint8_t len;                /* 1. */
    struct eth_addr mac;
};
BUILD_ASSERT_DECL(ND_LLA_OPT_LEN == sizeof(struct nd_lla_opt));

/* Neighbor solicitation and advertisement. */
#define ND_MSG_LEN 24
struct nd_msg {
    struct icmp6_data_header icmph;  /* icmp6_data is the reserved/RSO
                                      * flags word. */
    union ovs_16aligned_in6_addr target;
    /* Options follow. */
};
BUILD_ASSERT_DECL(ND_MSG_LEN == sizeof(struct nd_msg));

/* Tunnel headers, for the tunnel ports to come. */

#define VXLAN_DST_PORT 4789
#define VXLAN_HEADER_LEN 8
#define VXLAN_FLAGS 0x08000000      /* "VNI present", in vx_flags. */
#define VXLAN_GBP_FLAG 0x80000000   /* Group policy extension. */
#define VXLAN_GBP_DONT_LEARN 0x00400000
#define VXLAN_GBP_POLICY_APPLIED 0x00080000
#define VXLAN_GBP_ID_MASK 0x0000ffff

struct vxlan_header {
    ovs_16aligned_be32 vx_flags;
    ovs_16aligned_be32 vx_vni;      /* VNI in the top 24 bits. */
};
BUILD_ASSERT_DECL(VXLAN_HEADER_LEN == sizeof(struct vxlan_header));

#define GENEVE_DST_PORT 6081
#define GENEVE_HEADER_LEN 8
#define GENEVE_OPT_HEADER_LEN 4
#define GENEVE_VER_MASK 0xc0
#define GENEVE_OPT_LEN_MASK 0x3f    /* In ver_opt_len, 4-byte units. */
#define GENEVE_F_OAM 0x80
#define GENEVE_F_CRITICAL 0x40
#define GENEVE_OPT_DATA_LEN_MASK 0x1f /* In flags_len, 4-byte units. */

struct geneve_opt {
    ovs_be16 opt_class;
    uint8_t type;
    uint8_t flags_len;          /* 3 reserved bits, 5 bits of length. */
    /* Option data follows. */
};
BUILD_ASSERT_DECL(GENEVE_OPT_HEADER_LEN == sizeof(struct geneve_opt));

struct geneve_header {
    uint8_t ver_opt_len;        /* Version (2 bits), options length. */
    uint8_t flags;              /* OAM, critical. */
    ovs_be16 proto_type;        /* Ethertype of the payload. */
    ovs_16aligned_be32 vni;     /* VNI in the top 24 bits. */
    /* Options follow. */
};
BUILD_ASSERT_DECL(GENEVE_HEADER_LEN == sizeof(struct geneve_header));

#define GRE_CSUM 0x8000
#define GRE_ROUTING 0x4000
#define GRE_KEY 0x2000
#define GRE_SEQ 0x1000
#define GRE_VERSION 0x0007
#define GRE_BASE_HEADER_LEN 4

struct gre_base_header {
    ovs_be16 flags;
    ovs_be16 protocol;
    /* Optional checksum, key, sequence number follow, per flags. */
};
BUILD_ASSERT_DECL(GRE_BASE_HEADER_LEN == sizeof(struct gre_base_header));

/* Packet types (OpenFlow 1.5 packet_type: namespace and type), in network
 * byte order. */
#define PACKET_TYPE(NS, NS_TYPE) \
    ((ovs_be32) htonl(((uint32_t) (NS) << 16) | (NS_TYPE)))
#define PACKET_TYPE_BE(NS, NS_TYPE) \
    CONSTANT_HTONL(((uint32_t) (NS) << 16) | (NS_TYPE))

enum packet_type_ns {
    OFPHTN_ONF = 0,             /* ONF types: 0 is Ethernet. */
    OFPHTN_ETHERTYPE = 1,       /* Type is an Ethertype. */
    OFPHTN_IP_PROTO = 2,
    OFPHTN_UDP_TCP_PORT = 3,
    OFPHTN_IPV4_OPTION = 4,
};

#define PT_ETH PACKET_TYPE_BE(OFPHTN_ONF, 0x0000)
#define PT_USE_NEXT_PROTO PACKET_TYPE_BE(OFPHTN_ONF, 0xfffe)
#define PT_IPV4 PACKET_TYPE_BE(OFPHTN_ETHERTYPE, ETH_TYPE_IP)
#define PT_IPV6 PACKET_TYPE_BE(OFPHTN_ETHERTYPE, ETH_TYPE_IPV6)
#define PT_MPLS PACKET_TYPE_BE(OFPHTN_ETHERTYPE, ETH_TYPE_MPLS)
#define PT_MPLS_MC PACKET_TYPE_BE(OFPHTN_ETHERTYPE, ETH_TYPE_MPLS_MCAST)
#define PT_NSH PACKET_TYPE_BE(OFPHTN_ETHERTYPE, ETH_TYPE_NSH)
#define PT_UNKNOWN PACKET_TYPE_BE(0xffff, 0xffff)

static inline uint16_t
pt_ns(ovs_be32 packet_type)
{
    return ntohl(packet_type) >> 16;
}

static inline ovs_be16
pt_ns_type_be(ovs_be32 packet_type)
{
    return htons(ntohl(packet_type) & 0xffff);
}

static inline uint16_t
pt_ns_type(ovs_be32 packet_type)
{
    return ntohl(packet_type) & 0xffff;
}

/* Tunnel metadata of a received (or to-be-sent) tunneled packet. */
#define FLOW_TNL_F_DONT_FRAGMENT (1 << 0)
#define FLOW_TNL_F_CSUM (1 << 1)
#define FLOW_TNL_F_KEY (1 << 2)
#define FLOW_TNL_F_OAM (1 << 3)
#define FLOW_TNL_F_UDPIF (1 << 4)   /* Options are in UDPIF form. */
/* The flags an OpenFlow match may set ("tun_flags"). */
#define FLOW_TNL_PUB_F_MASK FLOW_TNL_F_OAM

struct flow_tnl {
    ovs_be32 ip_dst;            /* Outer IPv4 destination, or 0. */
    struct in6_addr ipv6_dst;   /* Outer IPv6 destination, or ::. */
    ovs_be32 ip_src;
    struct in6_addr ipv6_src;
    ovs_be64 tun_id;            /* VNI, GRE key, ... */
    uint16_t flags;             /* FLOW_TNL_F_*. */
    uint8_t ip_tos;
    uint8_t ip_ttl;
    ovs_be16 tp_src;            /* Outer UDP ports. */
    ovs_be16 tp_dst;
    ovs_be16 gbp_id;            /* VXLAN group policy. */
    uint8_t gbp_flags;
    uint8_t erspan_ver;
    uint32_t erspan_idx;
    uint8_t erspan_dir;
    uint8_t erspan_hwid;
    uint8_t gtpu_flags;
    uint8_t gtpu_msgtype;
    uint8_t pad1[4];            /* Zero. */
    /* Geneve options (struct tun_metadata) will follow here, at an 8-byte
     * boundary; flow.h's word counts follow from sizeof. */
};
BUILD_ASSERT_DECL(sizeof(struct flow_tnl) % 8 == 0);

/* Is there tunnel metadata at all? (A tunnel always has a destination.) */
static inline bool
flow_tnl_dst_is_set(const struct flow_tnl *tnl)
{
    return tnl->ip_dst || !ipv6_is_zero(&tnl->ipv6_dst);
}

/* The original direction tuple of a conntrack entry. */
struct pkt_ct_tuple {
    union {
        struct {
            ovs_be32 src, dst;
        } ip4;
        struct {
            struct in6_addr src, dst;
        } ip6;
    };
    ovs_be16 src_port;          /* Or ICMP type. */
    ovs_be16 dst_port;          /* Or ICMP code. */
    uint8_t proto;
};

/* Conntrack states (ct_state), as OpenFlow and the datapath number them. */
#define CS_NEW          (1 << 0)
#define CS_ESTABLISHED  (1 << 1)
#define CS_RELATED      (1 << 2)
#define CS_REPLY_DIR    (1 << 3)
#define CS_INVALID      (1 << 4)
#define CS_TRACKED      (1 << 5)
#define CS_SRC_NAT      (1 << 6)
#define CS_DST_NAT      (1 << 7)

/* Metadata that travels with a packet through the datapath: where it came
 * from and what earlier passes (recirculation, conntrack) found.
 * pkt_metadata_init() sets it up for a freshly received packet. */
struct pkt_metadata {
    uint32_t recirc_id;         /* Recirculation id; 0 on first pass. */
    uint32_t dp_hash;           /* Datapath-computed hash. */
    uint32_t skb_priority;      /* QoS priority. */
    uint32_t pkt_mark;          /* Packet mark. */
    uint8_t ct_state;           /* CS_*. */
    bool ct_orig_tuple_ipv6;    /* Which member of ct_orig_tuple is set. */
    uint16_t ct_zone;
    uint32_t ct_mark;
    ovs_u128 ct_label;
    odp_port_t in_port;         /* Input datapath port. */
    struct pkt_ct_tuple ct_orig_tuple;  /* Valid if ct_state is tracked
                                         * and not invalid. */
    struct flow_tnl tunnel;     /* Valid if flow_tnl_dst_is_set(). */
};

/* Initializes MD for a packet just received on PORT: everything zero.
 * The tunnel is marked absent without clearing all of it. */
static inline void
pkt_metadata_init(struct pkt_metadata *md, odp_port_t port)
{
    memset(md, 0, offsetof(struct pkt_metadata, ct_orig_tuple));
    md->in_port = port;
    md->tunnel.ip_dst = 0;
    memset(&md->tunnel.ipv6_dst, 0, sizeof md->tunnel.ipv6_dst);
}

/* Internet checksum (RFC 1071).
 *
 * csum() returns the checksum of N bytes at DATA, ready to store.
 * csum_continue() adds N bytes at DATA to a running 32-bit PARTIAL sum
 * (start from 0); csum_finish() folds and complements it.  An odd-length
 * chunk passed to csum_continue() must be the last one. */
ovs_be16 csum(const void *data, size_t n);
uint32_t csum_continue(uint32_t partial, const void *data, size_t n);
ovs_be16 csum_finish(uint32_t partial);

/* Incremental update (RFC 1624, equation 3): given OLD_CSUM, a checksum
 * over data that contained OLD_U16 (OLD_U32, OLD_U128) where it now holds
 * NEW_U16 (...), returns the checksum over the new data. */
ovs_be16 recalc_csum16(ovs_be16 old_csum, ovs_be16 old_u16, ovs_be16 new_u16);
ovs_be16 recalc_csum32(ovs_be16 old_csum, ovs_be32 old_u32, ovs_be32 new_u32);
ovs_be16 recalc_csum128(ovs_be16 old_csum, const void *old_u128,
                        const void *new_u128);

/* Pseudo-header sums (not folded, not complemented) for TCP/UDP/ICMPv6
 * checksums: IP is the IPv4 or IPv6 header, L4 length and protocol taken
 * from it (IPv4) or given (IPv6). */
uint32_t packet_csum_pseudoheader(const struct ip_header *ip);
uint32_t packet_csum_pseudoheader6(const struct ip6_header *ip6,
                                   uint32_t l4_len, uint8_t proto);
/* The complete upper-layer checksum over IPv6 pseudo-header + L4 data. */
ovs_be16 packet_csum_upperlayer6(const struct ip6_header *ip6,
                                 const void *data, uint8_t proto,
                                 uint16_t l4_len);

/* CRC32c (Castagnoli), as SCTP uses.  Returns the value to store in
 * sctp_csum (already in wire order). */
ovs_be32 crc32c(const uint8_t *data, size_t n);

/* Header edits on a struct dp_packet (see the file comment). */

/* Ethernet addresses. */
void eth_set_src_dst(struct dp_packet *, const struct eth_addr *src,
                     const struct eth_addr *dst);

/* Pushes a VLAN tag with TPID (0x8100 or 0x88a8) and TCI right after the
 * Ethernet addresses.  Header offsets beyond L2 move with their headers. */
void eth_push_vlan(struct dp_packet *, ovs_be16 tpid, ovs_be16 tci);
/* Removes the outermost VLAN tag, if there is one. */
void eth_pop_vlan(struct dp_packet *);

/* Pushes an MPLS LSE, making ETHTYPE the packet's Ethertype; the L2.5
 * offset then points at the new label.  If the packet had no MPLS label
 * the new one is bottom of stack.  Does nothing to a non-Ethernet packet
 * or if ETHTYPE is not an MPLS Ethertype. */
void push_mpls(struct dp_packet *, ovs_be16 ethtype, ovs_be32 lse);
/* Removes the outermost MPLS LSE, setting the Ethertype to ETHTYPE if that
 * was the bottom of the stack.  Does nothing without an MPLS label. */
void pop_mpls(struct dp_packet *, ovs_be16 ethtype);
/* Overwrites the outermost LSE (or parts of it). */
void set_mpls_lse(struct dp_packet *, ovs_be32 lse);
void set_mpls_lse_ttl(struct dp_packet *, uint8_t ttl);
void set_mpls_lse_tc(struct dp_packet *, uint8_t tc);
void set_mpls_lse_label(struct dp_packet *, ovs_be32 label);
void set_mpls_lse_bos(struct dp_packet *, uint8_t bos);

/* IPv4: sets addresses, TOS (whole byte) and TTL, updating the IP header
 * checksum and, unless the packet is a later fragment, the L4 checksum. */
void packet_set_ipv4(struct dp_packet *, ovs_be32 src, ovs_be32 dst,
                     uint8_t tos, uint8_t ttl);
void packet_set_ipv4_addr(struct dp_packet *, ovs_16aligned_be32 *addr,
                          ovs_be32 new_addr);

/* IPv6: sets addresses, traffic class, flow label (low 20 bits of
 * KEY_FL, host order) and hop limit, updating the L4 checksum.  A
 * destination change skips the L4 update when a routing header means the
 * pseudo-header uses the final destination instead. */
void packet_set_ipv6(struct dp_packet *, const struct in6_addr *src,
                     const struct in6_addr *dst, uint8_t tc,
                     ovs_be32 fl, uint8_t hlimit);
void packet_set_ipv6_addr(struct dp_packet *, uint8_t proto,
                          union ovs_16aligned_in6_addr *addr,
                          const struct in6_addr *new_addr,
                          bool recalculate_csum);
void packet_set_ipv6_tc(ovs_16aligned_be32 *flow, uint8_t tc);
void packet_set_ipv6_flow_label(ovs_16aligned_be32 *flow, ovs_be32 label);

/* Layer 4 ports (and ICMP type/code, ND fields), checksums updated. */
void packet_set_tcp_port(struct dp_packet *, ovs_be16 src, ovs_be16 dst);
void packet_set_udp_port(struct dp_packet *, ovs_be16 src, ovs_be16 dst);
void packet_set_sctp_port(struct dp_packet *, ovs_be16 src, ovs_be16 dst);
void packet_set_icmp(struct dp_packet *, uint8_t type, uint8_t code);
void packet_set_nd(struct dp_packet *, const struct in6_addr *target,
                   const struct eth_addr sll, const struct eth_addr tll);

/* The IPv4 header checksum of HDR (IHL words), ready to store. */
ovs_be16 packet_ipv4_csum(const struct ip_header *);

/* Recomputes from scratch every checksum of the packet that its headers
 * (as flow_extract() found them) have: IPv4 header, TCP, UDP (if not
 * zero over IPv4), ICMP, ICMPv6, IGMP, SCTP.  Clears "partial".  For
 * tests and for transmit paths without offload. */
void packet_csum_recompute(struct dp_packet *);

/* Text names of TCP flags, for debug output: "syn|ack". */
void packet_format_tcp_flags(struct ds *, uint16_t tcp_flags);

#endif /* packets.h */
