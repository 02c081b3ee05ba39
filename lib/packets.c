/* packets.c: addresses, checksums and header edits (see packets.h). */
#include <config.h>
#include "packets.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "dynamic-string.h"
#include "util.h"

const struct eth_addr eth_addr_zero = ETH_ADDR_C(00, 00, 00, 00, 00, 00);
const struct eth_addr eth_addr_exact = ETH_ADDR_C(ff, ff, ff, ff, ff, ff);
const struct eth_addr eth_addr_broadcast
    = ETH_ADDR_C(ff, ff, ff, ff, ff, ff);
const struct in6_addr in6addr_exact = IN6ADDR_EXACT_INIT;

/* Ethernet addresses. */

size_t
eth_addr_parse_prefix(const char *s, struct eth_addr *ea)
{
    const char *p = s;

    for (int i = 0; i < ETH_ADDR_LEN; i++) {
        int hi, lo;

        if (i && *p++ != ':') {
            goto error;
        }
        hi = hexit_value((unsigned char) *p);
        if (hi < 0) {
            goto error;
        }
        p++;
        lo = hexit_value((unsigned char) *p);
        if (lo >= 0) {
            p++;
            ea->ea[i] = hi * 16 + lo;
        } else {
            ea->ea[i] = hi;
        }
    }
    return p - s;

error:
    *ea = eth_addr_zero;
    return 0;
}

bool
eth_addr_from_string(const char *s, struct eth_addr *ea)
{
    size_t n = eth_addr_parse_prefix(s, ea);

    if (!n || s[n]) {
        *ea = eth_addr_zero;
        return false;
    }
    return true;
}

char *
eth_addr_to_string(const struct eth_addr ea, char buf[ETH_ADDR_STRLEN + 1])
{
    snprintf(buf, ETH_ADDR_STRLEN + 1, ETH_ADDR_FMT, ETH_ADDR_ARGS(ea));
    return buf;
}

void
eth_format(struct ds *s, const struct eth_addr ea)
{
    ds_put_format(s, ETH_ADDR_FMT, ETH_ADDR_ARGS(ea));
}

/* IPv4 addresses. */

bool
ip_parse(const char *s, ovs_be32 *ip)
{
    unsigned int part[4];
    const char *p = s;

    for (int i = 0; i < 4; i++) {
        unsigned int v = 0;
        int digits = 0;

        if (i && *p++ != '.') {
            goto error;
        }
        while (*p >= '0' && *p <= '9' && digits < 4) {
            v = v * 10 + (*p++ - '0');
            digits++;
        }
        if (!digits || digits > 3 || v > 255) {
            goto error;
        }
        part[i] = v;
    }
    if (*p) {
        goto error;
    }
    *ip = htonl((part[0] << 24) | (part[1] << 16) | (part[2] << 8)
                | part[3]);
    return true;

error:
    *ip = 0;
    return false;
}

bool
ip_is_cidr(ovs_be32 netmask)
{
    uint32_t x = ~ntohl(netmask);

    return !(x & (x + 1));
}

int
ip_count_cidr_bits(ovs_be32 netmask)
{
    return count_1bits(ntohl(netmask));
}

void
ip_format_masked(ovs_be32 ip, ovs_be32 mask, struct ds *s)
{
    ds_put_format(s, IP_FMT, IP_ARGS(ip));
    if (mask != htonl(UINT32_MAX)) {
        if (ip_is_cidr(mask)) {
            ds_put_format(s, "/%d", ip_count_cidr_bits(mask));
        } else {
            ds_put_format(s, "/"IP_FMT, IP_ARGS(mask));
        }
    }
}

/* IPv6 addresses. */

struct in6_addr
in6_addr_mapped_ipv4(ovs_be32 ip)
{
    struct in6_addr a;

    memset(&a, 0, sizeof a);
    a.s6_addr[10] = a.s6_addr[11] = 0xff;
    memcpy(&a.s6_addr[12], &ip, 4);
    return a;
}

ovs_be32
in6_addr_get_mapped_ipv4(const struct in6_addr *a)
{
    static const uint8_t prefix[12] = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
    };
    ovs_be32 ip;

    if (memcmp(a->s6_addr, prefix, sizeof prefix)) {
        return 0;
    }
    memcpy(&ip, &a->s6_addr[12], 4);
    return ip;
}

struct in6_addr
ipv6_create_mask(int plen)
{
    struct in6_addr m;

    memset(&m, 0, sizeof m);
    plen = MAX(0, MIN(plen, 128));
    for (int i = 0; i < plen / 8; i++) {
        m.s6_addr[i] = 0xff;
    }
    if (plen % 8) {
        m.s6_addr[plen / 8] = 0xff << (8 - plen % 8);
    }
    return m;
}

int
ipv6_count_cidr_bits(const struct in6_addr *netmask)
{
    int n = 0;

    for (int i = 0; i < 16; i++) {
        n += count_1bits(netmask->s6_addr[i]);
    }
    return n;
}

bool
ipv6_is_cidr(const struct in6_addr *netmask)
{
    struct in6_addr m = ipv6_create_mask(ipv6_count_cidr_bits(netmask));

    return ipv6_addr_equals(&m, netmask);
}

bool
ipv6_parse(const char *s, struct in6_addr *a)
{
    if (inet_pton(AF_INET6, s, a) == 1) {
        return true;
    }
    memset(a, 0, sizeof *a);
    return false;
}

char *
ipv6_string(const struct in6_addr *a, char buf[INET6_ADDRSTRLEN_OVS])
{
    if (!inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN_OVS)) {
        buf[0] = '\0';
    }
    return buf;
}

void
ipv6_format_addr(const struct in6_addr *a, struct ds *s)
{
    char buf[INET6_ADDRSTRLEN_OVS];

    ds_put_cstr(s, ipv6_string(a, buf));
}

void
ipv6_format_mapped(const struct in6_addr *a, struct ds *s)
{
    ovs_be32 ip = in6_addr_get_mapped_ipv4(a);

    if (ip) {
        ds_put_format(s, IP_FMT, IP_ARGS(ip));
    } else {
        ipv6_format_addr(a, s);
    }
}

void
ipv6_format_masked(const struct in6_addr *a, const struct in6_addr *mask,
                   struct ds *s)
{
    ipv6_format_addr(a, s);
    if (mask && !ipv6_mask_is_exact(mask)) {
        if (ipv6_is_cidr(mask)) {
            ds_put_format(s, "/%d", ipv6_count_cidr_bits(mask));
        } else {
            ds_put_char(s, '/');
            ipv6_format_addr(mask, s);
        }
    }
}

/* Checksums.
 *
 * The one's complement sum does not depend on byte order as long as the
 * result is stored the way the words were read, so everything here sums
 * native-order words straight from memory, 32 bits at a time into a 64-bit
 * accumulator (2^16 - 1 divides 2^32 - 1, so folding 32-bit words gives the
 * same 16-bit sum). */

uint32_t
csum_continue(uint32_t partial, const void *data_, size_t n)
{
    const uint8_t *data = data_;
    uint64_t sum = partial;

    while (n >= 16) {
        sum += (uint64_t) get_unaligned_u32(data)
               + get_unaligned_u32(data + 4)
               + get_unaligned_u32(data + 8)
               + get_unaligned_u32(data + 12);
        data += 16;
        n -= 16;
    }
    while (n >= 4) {
        sum += get_unaligned_u32(data);
        data += 4;
        n -= 4;
    }
    if (n >= 2) {
        sum += get_unaligned_u16(data);
        data += 2;
        n -= 2;
    }
    if (n) {
        uint8_t last[2] = { *data, 0 };

        sum += get_unaligned_u16(last);
    }
    while (sum >> 32) {
        sum = (sum & 0xffffffff) + (sum >> 32);
    }
    return sum;
}

ovs_be16
csum_finish(uint32_t partial)
{
    while (partial >> 16) {
        partial = (partial & 0xffff) + (partial >> 16);
    }
    return ~partial;
}

ovs_be16
csum(const void *data, size_t n)
{
    return csum_finish(csum_continue(0, data, n));
}

ovs_be16
recalc_csum16(ovs_be16 old_csum, ovs_be16 old_u16, ovs_be16 new_u16)
{
    /* RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'). */
    uint32_t sum = (uint16_t) ~old_csum;

    sum += (uint16_t) ~old_u16;
    sum += new_u16;
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return ~sum;
}

ovs_be16
recalc_csum32(ovs_be16 old_csum, ovs_be32 old_u32, ovs_be32 new_u32)
{
    return recalc_csum16(recalc_csum16(old_csum, old_u32, new_u32),
                         old_u32 >> 16, new_u32 >> 16);
}

ovs_be16
recalc_csum128(ovs_be16 old_csum, const void *old_u128, const void *new_u128)
{
    const uint8_t *o = old_u128, *n = new_u128;

    for (int i = 0; i < 16; i += 2) {
        old_csum = recalc_csum16(old_csum, get_unaligned_u16(o + i),
                                 get_unaligned_u16(n + i));
    }
    return old_csum;
}

uint32_t
packet_csum_pseudoheader(const struct ip_header *ip)
{
    uint16_t tot_len = ntohs(ip->ip_tot_len);
    uint16_t hdr_len = IP_IHL(ip->ip_ihl_ver) * 4;
    uint32_t sum = 0;

    sum = csum_continue(sum, &ip->ip_src, 4);
    sum = csum_continue(sum, &ip->ip_dst, 4);
    sum += htons(ip->ip_proto);
    sum += htons(tot_len > hdr_len ? tot_len - hdr_len : 0);
    return sum;
}

uint32_t
packet_csum_pseudoheader6(const struct ip6_header *ip6, uint32_t l4_len,
                          uint8_t proto)
{
    uint32_t sum = 0;

    sum = csum_continue(sum, &ip6->ip6_src, sizeof ip6->ip6_src);
    sum = csum_continue(sum, &ip6->ip6_dst, sizeof ip6->ip6_dst);
    sum += htons(l4_len >> 16);
    sum += htons(l4_len & 0xffff);
    sum += htons(proto);
    return sum;
}

ovs_be16
packet_csum_upperlayer6(const struct ip6_header *ip6, const void *data,
                        uint8_t proto, uint16_t l4_len)
{
    uint32_t sum = packet_csum_pseudoheader6(ip6, l4_len, proto);

    return csum_finish(csum_continue(sum, data, l4_len));
}

ovs_be16
packet_ipv4_csum(const struct ip_header *ip)
{
    uint32_t sum;

    /* Everything but the checksum field itself. */
    sum = csum_continue(0, ip, 10);
    sum = csum_continue(sum, (const uint8_t *) ip + 12,
                        IP_IHL(ip->ip_ihl_ver) * 4 - 12);
    return csum_finish(sum);
}

/* CRC32c, reflected polynomial 0x82f63b78, one table lookup a byte. */
static uint32_t crc32c_table[256];

OVS_CONSTRUCTOR(crc32c_init)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;

        for (int k = 0; k < 8; k++) {
            c = c & 1 ? (c >> 1) ^ 0x82f63b78 : c >> 1;
        }
        crc32c_table[i] = c;
    }
}

ovs_be32
crc32c(const uint8_t *data, size_t n)
{
    uint32_t crc = 0xffffffff;
    uint8_t wire[4];
    ovs_be32 result;

    for (size_t i = 0; i < n; i++) {
        crc = crc32c_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    }
    crc = ~crc;

    /* SCTP puts the CRC on the wire least significant byte first. */
    wire[0] = crc;
    wire[1] = crc >> 8;
    wire[2] = crc >> 16;
    wire[3] = crc >> 24;
    memcpy(&result, wire, sizeof result);
    return result;
}

/* Header edits. */

/* Returns the length of the Ethernet header of B including VLAN tags, up
 * to and including the last Ethertype, or 0 if B is not Ethernet. */
static size_t
eth_l2_len(const struct dp_packet *b)
{
    const uint8_t *data = dp_packet_data(b);
    size_t size = dp_packet_size(b);
    size_t len = ETH_HEADER_LEN;

    if (!dp_packet_eth(b)) {
        return 0;
    }
    while (len + VLAN_HEADER_LEN <= size
           && eth_type_vlan(get_unaligned_be16(data + len - 2))) {
        len += VLAN_HEADER_LEN;
    }
    return len;
}

void
eth_set_src_dst(struct dp_packet *b, const struct eth_addr *src,
                const struct eth_addr *dst)
{
    struct eth_header *eh = dp_packet_eth(b);

    if (eh) {
        eh->eth_src = *src;
        eh->eth_dst = *dst;
    }
}

void
eth_push_vlan(struct dp_packet *b, ovs_be16 tpid, ovs_be16 tci)
{
    struct vlan_eth_header *veh;

    if (!dp_packet_eth(b)) {
        return;
    }
    veh = dp_packet_resize_l2(b, VLAN_HEADER_LEN);
    memmove(veh, (char *) veh + VLAN_HEADER_LEN, 2 * ETH_ADDR_LEN);
    veh->veth_type = tpid;
    veh->veth_tci = tci & htons(~VLAN_CFI);
}

void
eth_pop_vlan(struct dp_packet *b)
{
    struct vlan_eth_header *veh = dp_packet_eth(b) ? dp_packet_data(b) : NULL;

    if (veh && dp_packet_size(b) >= VLAN_ETH_HEADER_LEN
        && eth_type_vlan(veh->veth_type)) {
        memmove((char *) veh + VLAN_HEADER_LEN, veh, 2 * ETH_ADDR_LEN);
        dp_packet_resize_l2(b, -VLAN_HEADER_LEN);
    }
}

void
push_mpls(struct dp_packet *b, ovs_be16 ethtype, ovs_be32 lse)
{
    size_t len = eth_l2_len(b);
    uint8_t *data;
    bool had_mpls;

    if (!len || !eth_type_mpls(ethtype)) {
        return;
    }
    data = dp_packet_data(b);
    had_mpls = eth_type_mpls(get_unaligned_be16(data + len - 2));
    if (!had_mpls) {
        lse |= htonl(MPLS_BOS_MASK);
    }
    data = dp_packet_resize_l2(b, MPLS_HLEN);
    memmove(data, data + MPLS_HLEN, len);
    put_unaligned_be16(data + len - 2, ethtype);
    put_unaligned_be32(data + len, lse);
    b->l2_5_ofs = len;
}

void
pop_mpls(struct dp_packet *b, ovs_be16 ethtype)
{
    size_t len = eth_l2_len(b);
    uint8_t *data = dp_packet_data(b);
    bool bos;

    if (!len || len + MPLS_HLEN > dp_packet_size(b)
        || !eth_type_mpls(get_unaligned_be16(data + len - 2))) {
        return;
    }
    bos = mpls_lse_to_bos(get_unaligned_be32(data + len));
    if (bos) {
        put_unaligned_be16(data + len - 2, ethtype);
    }
    memmove(data + MPLS_HLEN, data, len);
    dp_packet_resize_l2(b, -MPLS_HLEN);
    b->l2_5_ofs = bos ? DP_PACKET_OFS_NONE : len;
}

static uint8_t *
mpls_lse_ptr(const struct dp_packet *b)
{
    return b->l2_5_ofs != DP_PACKET_OFS_NONE
           ? dp_packet_at(b, b->l2_5_ofs, MPLS_HLEN) : NULL;
}

void
set_mpls_lse(struct dp_packet *b, ovs_be32 lse)
{
    uint8_t *p = mpls_lse_ptr(b);

    if (p) {
        put_unaligned_be32(p, lse);
    }
}

static void
set_mpls_lse_bits(struct dp_packet *b, uint32_t mask, uint32_t value)
{
    uint8_t *p = mpls_lse_ptr(b);

    if (p) {
        uint32_t lse = ntohl(get_unaligned_be32(p));

        put_unaligned_be32(p, htonl((lse & ~mask) | (value & mask)));
    }
}

void
set_mpls_lse_ttl(struct dp_packet *b, uint8_t ttl)
{
    set_mpls_lse_bits(b, MPLS_TTL_MASK, (uint32_t) ttl << MPLS_TTL_SHIFT);
}

void
set_mpls_lse_tc(struct dp_packet *b, uint8_t tc)
{
    set_mpls_lse_bits(b, MPLS_TC_MASK, (uint32_t) tc << MPLS_TC_SHIFT);
}

void
set_mpls_lse_label(struct dp_packet *b, ovs_be32 label)
{
    set_mpls_lse_bits(b, MPLS_LABEL_MASK, ntohl(label) << MPLS_LABEL_SHIFT);
}

void
set_mpls_lse_bos(struct dp_packet *b, uint8_t bos)
{
    set_mpls_lse_bits(b, MPLS_BOS_MASK, (uint32_t) bos << MPLS_BOS_SHIFT);
}

/* Updates the checksum at FIELD for a change of the 16-bit word OLD to NEW
 * covered by its pseudo-header.  A partial checksum holds the pseudo-
 * header sum itself, uncomplemented. */
static void
update_csum16(ovs_be16 *field, bool partial, ovs_be16 old, ovs_be16 new)
{
    if (partial) {
        *field = ~recalc_csum16(~*field, old, new);
    } else {
        *field = recalc_csum16(*field, old, new);
    }
}

static void
update_pseudo_csum(struct dp_packet *b, uint8_t proto, bool ipv6,
                   const void *old_, const void *new_, size_t n)
{
    bool partial = dp_packet_ol_l4_csum_partial(b);
    const uint8_t *old = old_, *new = new_;
    ovs_be16 *field;

    if (proto == IPPROTO_TCP) {
        struct tcp_header *th = dp_packet_l4_at(b, TCP_HEADER_LEN);

        if (!th) {
            return;
        }
        field = &th->tcp_csum;
    } else if (proto == IPPROTO_UDP) {
        struct udp_header *uh = dp_packet_l4_at(b, UDP_HEADER_LEN);

        if (!uh || (!uh->udp_csum && !partial)) {
            return;
        }
        field = &uh->udp_csum;
    } else if (proto == IPPROTO_ICMPV6 && ipv6) {
        struct icmp6_data_header *ih = dp_packet_l4_at(b, ICMP6_HEADER_LEN);

        if (!ih) {
            return;
        }
        field = &ih->icmp6_cksum;
    } else {
        return;
    }

    for (size_t i = 0; i < n; i += 2) {
        update_csum16(field, partial, get_unaligned_u16(old + i),
                      get_unaligned_u16(new + i));
    }
    if (proto == IPPROTO_UDP && !partial && !*field) {
        *field = htons(0xffff);
    }
}

/* The Ethertype of B's L3 header: the two bytes before it in an Ethernet
 * packet (an Ethernet II, VLAN or SNAP type field), or the type in a
 * packet_type for a packet that starts at L3.  0 if there is no L3. */
static ovs_be16
packet_l3_type(const struct dp_packet *b)
{
    if (b->l3_ofs == DP_PACKET_OFS_NONE) {
        return 0;
    } else if (dp_packet_is_eth(b)) {
        const uint8_t *type = dp_packet_at(b, b->l3_ofs - 2, 2);

        return b->l3_ofs >= 2 && type ? get_unaligned_be16(type) : 0;
    } else if (pt_ns(b->packet_type) == OFPHTN_ETHERTYPE) {
        return pt_ns_type_be(b->packet_type);
    }
    return 0;
}

static struct ip_header *
packet_ipv4(const struct dp_packet *b)
{
    struct ip_header *nh = dp_packet_l3_at(b, IP_HEADER_LEN);

    return (nh && packet_l3_type(b) == htons(ETH_TYPE_IP)
            && IP_IHL(nh->ip_ihl_ver) >= 5 ? nh : NULL);
}

static struct ip6_header *
packet_ipv6(const struct dp_packet *b)
{
    struct ip6_header *nh = dp_packet_l3_at(b, IPV6_HEADER_LEN);

    return nh && packet_l3_type(b) == htons(ETH_TYPE_IPV6) ? nh : NULL;
}

static bool
ipv4_is_later_fragment(const struct ip_header *nh)
{
    return (nh->ip_frag_off & htons(IP_FRAG_OFF_MASK)) != 0;
}

void
packet_set_ipv4_addr(struct dp_packet *b, ovs_16aligned_be32 *addr,
                     ovs_be32 new_addr)
{
    struct ip_header *nh = packet_ipv4(b);
    ovs_be32 old_addr = get_16aligned_be32(addr);

    if (!nh) {
        return;
    }
    if (!ipv4_is_later_fragment(nh)) {
        update_pseudo_csum(b, nh->ip_proto, false, &old_addr, &new_addr, 4);
    }
    nh->ip_csum = recalc_csum32(nh->ip_csum, old_addr, new_addr);
    put_16aligned_be32(addr, new_addr);
}

void
packet_set_ipv4(struct dp_packet *b, ovs_be32 src, ovs_be32 dst,
                uint8_t tos, uint8_t ttl)
{
    struct ip_header *nh = packet_ipv4(b);

    if (!nh) {
        return;
    }
    if (get_16aligned_be32(&nh->ip_src) != src) {
        packet_set_ipv4_addr(b, &nh->ip_src, src);
    }
    if (get_16aligned_be32(&nh->ip_dst) != dst) {
        packet_set_ipv4_addr(b, &nh->ip_dst, dst);
    }
    if (nh->ip_tos != tos) {
        nh->ip_csum = recalc_csum16(nh->ip_csum, htons(nh->ip_tos),
                                    htons(tos));
        nh->ip_tos = tos;
    }
    if (nh->ip_ttl != ttl) {
        nh->ip_csum = recalc_csum16(nh->ip_csum, htons(nh->ip_ttl << 8),
                                    htons(ttl << 8));
        nh->ip_ttl = ttl;
    }
}

/* Walks the IPv6 extension headers of B from L3 to L4.  Returns the upper
 * layer protocol (the "next header" that leads to L4), or -1 if B has no
 * IPv6 header or no L4 offset, or the chain does not lead exactly to L4.
 * Sets *FINAL_DST_IN_RH if a routing header with segments left means the
 * pseudo-header uses another destination. */
static int
ipv6_upper_proto(const struct dp_packet *b, bool *final_dst_in_rh)
{
    const struct ip6_header *nh = packet_ipv6(b);
    size_t ofs, l4_ofs = b->l4_ofs;
    uint8_t nxt;

    *final_dst_in_rh = false;
    if (!nh || l4_ofs == DP_PACKET_OFS_NONE) {
        return -1;
    }
    nxt = nh->ip6_nxt;
    ofs = b->l3_ofs + IPV6_HEADER_LEN;
    while (ofs < l4_ofs) {
        const uint8_t *ext = dp_packet_at(b, ofs, 8);
        size_t len;

        if (!ext) {
            return -1;
        }
        if (nxt == IPPROTO_HOPOPTS || nxt == IPPROTO_DSTOPTS
            || nxt == IPPROTO_ROUTING) {
            len = (ext[1] + 1) * 8;
            if (nxt == IPPROTO_ROUTING && ext[3]) {
                *final_dst_in_rh = true;
            }
        } else if (nxt == IPPROTO_AH) {
            len = (ext[1] + 2) * 4;
        } else if (nxt == IPPROTO_FRAGMENT) {
            len = IP6_FRAG_HEADER_LEN;
        } else {
            return -1;
        }
        nxt = ext[0];
        ofs += len;
    }
    return ofs == l4_ofs ? nxt : -1;
}

void
packet_set_ipv6_addr(struct dp_packet *b, uint8_t proto,
                     union ovs_16aligned_in6_addr *addr,
                     const struct in6_addr *new_addr, bool recalculate_csum)
{
    if (recalculate_csum) {
        struct in6_addr old = get_16aligned_in6(addr);

        update_pseudo_csum(b, proto, true, &old, new_addr, sizeof old);
    }
    put_16aligned_in6(addr, new_addr);
}

void
packet_set_ipv6_tc(ovs_16aligned_be32 *flow, uint8_t tc)
{
    uint32_t v = ntohl(get_16aligned_be32(flow));

    v = (v & 0xf00fffff) | ((uint32_t) tc << 20);
    put_16aligned_be32(flow, htonl(v));
}

void
packet_set_ipv6_flow_label(ovs_16aligned_be32 *flow, ovs_be32 label)
{
    uint32_t v = ntohl(get_16aligned_be32(flow));

    v = (v & ~IPV6_LABEL_MASK) | (ntohl(label) & IPV6_LABEL_MASK);
    put_16aligned_be32(flow, htonl(v));
}

void
packet_set_ipv6(struct dp_packet *b, const struct in6_addr *src,
                const struct in6_addr *dst, uint8_t tc, ovs_be32 fl,
                uint8_t hlimit)
{
    struct ip6_header *nh = packet_ipv6(b);
    bool rh;
    int proto;

    if (!nh) {
        return;
    }
    proto = ipv6_upper_proto(b, &rh);
    if (memcmp(&nh->ip6_src, src, sizeof *src)) {
        packet_set_ipv6_addr(b, proto, &nh->ip6_src, src, proto >= 0);
    }
    if (memcmp(&nh->ip6_dst, dst, sizeof *dst)) {
        packet_set_ipv6_addr(b, proto, &nh->ip6_dst, dst,
                             proto >= 0 && !rh);
    }
    packet_set_ipv6_tc(&nh->ip6_flow, tc);
    packet_set_ipv6_flow_label(&nh->ip6_flow, fl);
    nh->ip6_hlim = hlimit;
}

void
packet_set_tcp_port(struct dp_packet *b, ovs_be16 src, ovs_be16 dst)
{
    struct tcp_header *th = dp_packet_l4_at(b, TCP_HEADER_LEN);

    if (!th) {
        return;
    }
    if (!dp_packet_ol_l4_csum_partial(b)) {
        th->tcp_csum = recalc_csum16(th->tcp_csum, th->tcp_src, src);
        th->tcp_csum = recalc_csum16(th->tcp_csum, th->tcp_dst, dst);
    }
    th->tcp_src = src;
    th->tcp_dst = dst;
}

void
packet_set_udp_port(struct dp_packet *b, ovs_be16 src, ovs_be16 dst)
{
    struct udp_header *uh = dp_packet_l4_at(b, UDP_HEADER_LEN);

    if (!uh) {
        return;
    }
    if (uh->udp_csum && !dp_packet_ol_l4_csum_partial(b)) {
        uh->udp_csum = recalc_csum16(uh->udp_csum, uh->udp_src, src);
        uh->udp_csum = recalc_csum16(uh->udp_csum, uh->udp_dst, dst);
        if (!uh->udp_csum) {
            uh->udp_csum = htons(0xffff);
        }
    }
    uh->udp_src = src;
    uh->udp_dst = dst;
}

void
packet_set_sctp_port(struct dp_packet *b, ovs_be16 src, ovs_be16 dst)
{
    struct sctp_header *sh = dp_packet_l4_at(b, SCTP_HEADER_LEN);
    size_t l4_size = dp_packet_l4_size(b);
    ovs_be32 old_csum, old_correct, new_correct;

    if (!sh) {
        return;
    }
    /* CRC32c is linear: keep whatever error the old checksum had. */
    old_csum = get_16aligned_be32(&sh->sctp_csum);
    put_16aligned_be32(&sh->sctp_csum, 0);
    old_correct = crc32c((const uint8_t *) sh, l4_size);
    sh->sctp_src = src;
    sh->sctp_dst = dst;
    new_correct = crc32c((const uint8_t *) sh, l4_size);
    put_16aligned_be32(&sh->sctp_csum, old_csum ^ old_correct ^ new_correct);
}

void
packet_set_icmp(struct dp_packet *b, uint8_t type, uint8_t code)
{
    struct icmp_header *ih = dp_packet_l4_at(b, 4);
    uint8_t old_word[2], new_word[2] = { type, code };

    if (!ih) {
        return;
    }
    old_word[0] = ih->icmp_type;
    old_word[1] = ih->icmp_code;
    if (!dp_packet_ol_l4_csum_partial(b)) {
        ih->icmp_csum = recalc_csum16(ih->icmp_csum,
                                      get_unaligned_u16(old_word),
                                      get_unaligned_u16(new_word));
    }
    ih->icmp_type = type;
    ih->icmp_code = code;
}

static void
set_nd_lla(struct dp_packet *b, ovs_be16 *csum_field, struct eth_addr *mac,
           const struct eth_addr new_mac)
{
    if (!eth_addr_equals(*mac, new_mac)) {
        bool partial = dp_packet_ol_l4_csum_partial(b);

        if (!partial) {
            for (int i = 0; i < 3; i++) {
                *csum_field = recalc_csum16(*csum_field, mac->be16[i],
                                            new_mac.be16[i]);
            }
        }
        *mac = new_mac;
    }
}

void
packet_set_nd(struct dp_packet *b, const struct in6_addr *target,
              const struct eth_addr sll, const struct eth_addr tll)
{
    struct nd_msg *ns = dp_packet_l4_at(b, ND_MSG_LEN);
    size_t bytes_remain;
    uint8_t *opt;

    if (!ns) {
        return;
    }
    bytes_remain = dp_packet_l4_size(b) - ND_MSG_LEN;
    if (memcmp(&ns->target, target, sizeof *target)) {
        if (!dp_packet_ol_l4_csum_partial(b)) {
            struct in6_addr old = get_16aligned_in6(&ns->target);

            ns->icmph.icmp6_cksum = recalc_csum128(ns->icmph.icmp6_cksum,
                                                   &old, target);
        }
        put_16aligned_in6(&ns->target, target);
    }

    opt = (uint8_t *) (ns + 1);
    while (bytes_remain >= ND_LLA_OPT_LEN && opt[1]) {
        size_t opt_len = opt[1] * 8;
        struct nd_lla_opt *lla = (struct nd_lla_opt *) opt;

        if (opt_len > bytes_remain) {
            break;
        }
        if (opt_len == ND_LLA_OPT_LEN) {
            if (lla->type == ND_OPT_SOURCE_LINKADDR) {
                set_nd_lla(b, &ns->icmph.icmp6_cksum, &lla->mac, sll);
            } else if (lla->type == ND_OPT_TARGET_LINKADDR) {
                set_nd_lla(b, &ns->icmph.icmp6_cksum, &lla->mac, tll);
            }
        }
        opt += opt_len;
        bytes_remain -= opt_len;
    }
}

void
packet_csum_recompute(struct dp_packet *b)
{
    struct ip_header *ip4 = NULL;
    struct ip6_header *ip6 = NULL;
    uint8_t *l4 = dp_packet_l4(b);
    size_t l4_size = dp_packet_l4_size(b);
    int proto = -1;

    b->ol_flags &= ~DP_PACKET_OL_L4_CSUM_PARTIAL;
    if (b->l3_ofs == DP_PACKET_OFS_NONE) {
        return;
    }
    ip4 = packet_ipv4(b);
    if (ip4) {
        if (dp_packet_l3_size(b) < IP_IHL(ip4->ip_ihl_ver) * 4u) {
            return;
        }
        ip4->ip_csum = packet_ipv4_csum(ip4);
        if (!ipv4_is_later_fragment(ip4)) {
            proto = ip4->ip_proto;
        }
    } else {
        bool rh;

        ip6 = packet_ipv6(b);
        proto = ip6 ? ipv6_upper_proto(b, &rh) : -1;
    }
    if (!l4 || proto < 0) {
        return;
    }

    switch (proto) {
    case IPPROTO_TCP:
    case IPPROTO_UDP:
    case IPPROTO_ICMPV6: {
        size_t field = (proto == IPPROTO_TCP ? 16
                        : proto == IPPROTO_UDP ? 6 : 2);
        uint32_t sum;

        if (l4_size < field + 2
            || (proto == IPPROTO_ICMPV6 && !ip6)) {
            return;
        }
        if (proto == IPPROTO_UDP && ip4
            && !get_unaligned_u16(l4 + field)) {
            return;             /* No checksum. */
        }
        put_unaligned_u16(l4 + field, 0);
        if (ip4) {
            sum = csum_continue(0, &ip4->ip_src, 4);
            sum = csum_continue(sum, &ip4->ip_dst, 4);
            sum += htons(proto);
            sum += htons(l4_size);
        } else {
            sum = packet_csum_pseudoheader6(ip6, l4_size, proto);
        }
        ovs_be16 c = csum_finish(csum_continue(sum, l4, l4_size));
        if (proto == IPPROTO_UDP && !c) {
            c = htons(0xffff);
        }
        put_unaligned_u16(l4 + field, c);
        break;
    }
    case IPPROTO_ICMP:
    case IPPROTO_IGMP:
        if (ip4 && l4_size >= 4) {
            put_unaligned_u16(l4 + 2, 0);
            put_unaligned_u16(l4 + 2, csum(l4, l4_size));
        }
        break;
    case IPPROTO_SCTP:
        if (l4_size >= SCTP_HEADER_LEN) {
            put_unaligned_be32(l4 + 8, 0);
            put_unaligned_be32(l4 + 8, crc32c(l4, l4_size));
        }
        break;
    default:
        break;
    }
}

void
packet_format_tcp_flags(struct ds *s, uint16_t tcp_flags)
{
    static const char *const names[] = {
        "fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns",
    };
    bool first = true;

    if (!tcp_flags) {
        ds_put_cstr(s, "0");
        return;
    }
    for (int i = 0; i < 12; i++) {
        uint16_t bit = 1u << i;

        if (tcp_flags & bit) {
            if (!first) {
                ds_put_char(s, '|');
            }
            first = false;
            if (i < (int) ARRAY_SIZE(names)) {
                ds_put_cstr(s, names[i]);
            } else {
                ds_put_format(s, "[%"PRIx16"]", bit);
            }
        }
    }
}
