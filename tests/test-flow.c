/* Unit tests for lib/flow.h: parsing packets (well-formed, truncated and
 * malformed), composing them, header edits with checksums, wildcards and
 * miniflows.
 *
 * The expected results of the hand-built packets below were checked
 * against upstream Open vSwitch 3.1 (ovs-ofctl ofp-print of a packet-in
 * carrying each packet prints the flow it extracts). */
#include <config.h>
#include "flow.h"
#include <ctype.h>
#include "dp-packet.h"
#include "dynamic-string.h"
#include "ovstest.h"
#include "packets.h"
#include "random.h"

/* Helpers. */

/* Returns a packet holding the bytes written in hex in HEX (spaces
 * ignored), in a buffer of exactly that size so that the address
 * sanitizer catches any read past its end. */
static struct dp_packet *
packet_from_hex(const char *hex)
{
    uint8_t *buf = xmalloc(strlen(hex) / 2 + 1);
    struct dp_packet *b;
    size_t n = 0;

    for (const char *p = hex; *p; p++) {
        if (isspace((unsigned char) *p)) {
            continue;
        }
        ovs_assert(p[1] && hexits_value(p, 2) >= 0);
        buf[n++] = hexits_value(p, 2);
        p++;
    }
    b = dp_packet_clone_data(buf, n);
    free(buf);
    return b;
}

/* Returns a copy of the first N bytes of B in an exactly-sized buffer. */
static struct dp_packet *
packet_prefix(const struct dp_packet *b, size_t n)
{
    struct dp_packet *c = dp_packet_clone_data(dp_packet_data(b), n);

    c->packet_type = b->packet_type;
    c->md = b->md;
    return c;
}

static char *
flow_to_string(const struct flow *flow)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    flow_format_debug(&s, flow);
    return ds_steal_cstr(&s);
}

static void
check_flow_equal(const struct flow *a, const struct flow *b,
                 const char *where)
{
    if (!flow_equal(a, b)) {
        char *sa = flow_to_string(a), *sb = flow_to_string(b);

        for (size_t i = 0; i < FLOW_U64S; i++) {
            if (flow_u64_const(a)[i] != flow_u64_const(b)[i]) {
                fprintf(stderr, "word %zu: %016"PRIx64" != %016"PRIx64"\n",
                        i, flow_u64_const(a)[i], flow_u64_const(b)[i]);
            }
        }
        ovstest_fail(where, "flows differ:\n  %s\n  %s", sa, sb);
    }
}

/* Parsing hand-built packets. */

#define E "0a0000000002 0a0000000001 "
#define S6 "20010db8000000000000000000000001 " \
           "20010db8000000000000000000000002 "
#define UDP "04d2162e00080000"
#define ND_T "20010db8000000000000000000000002"
#define L2 "in_port=0,dl_src=0a:00:00:00:00:01,dl_dst=0a:00:00:00:00:02"
#define V4 "nw_src=10.0.0.1,nw_dst=10.0.0.2"
#define V6 "ipv6_src=2001:db8::1,ipv6_dst=2001:db8::2"
#define ZV4 "nw_src=0.0.0.0,nw_dst=0.0.0.0,nw_proto=0,nw_tos=0,nw_ttl=0," \
            "nw_frag=no,tp_src=0,tp_dst=0"
#define ZV6 "ipv6_src=::,ipv6_dst=::,ipv6_label=0,nw_proto=0,nw_tos=0," \
            "nw_ttl=0,nw_frag=no,tp_src=0,tp_dst=0"
#define UDP_OUT "nw_proto=17,nw_tos=0,nw_ttl=64,nw_frag=no," \
                "tp_src=1234,tp_dst=5678"
#define ND_HDR(LEN) "86dd 60000000 00" LEN " 3aff " \
    "fe800000000000000000000000000001 ff0200000000000000000001ff000002 "
#define NS_OUT "ipv6_src=fe80::1,ipv6_dst=ff02::1:ff00:2,ipv6_label=0," \
    "nw_proto=58,nw_tos=0,nw_ttl=255,nw_frag=no,tp_src=135,tp_dst=0"

struct extract_case {
    const char *name;
    const char *hex;
    const char *flow;           /* flow_format_debug() of the result. */
};

static const struct extract_case extract_cases[] = {
    /* Ethernet, 802.3, SNAP. */
    { "too-short",
      "0a00000000020a00000000",
      "in_port=0,dl_src=00:00:00:00:00:00,dl_dst=00:00:00:00:00:00,"
      "dl_type=0x0000" },
    { "eth-13",
      "0a00000000020a000000000108",
      "in_port=0,dl_src=00:00:00:00:00:00,dl_dst=00:00:00:00:00:00,"
      "dl_type=0x0000" },
    { "eth-only", E "ffff", L2 ",dl_type=0xffff" },
    { "802.3", E "0040 4242030000000000", L2 ",dl_type=0x05ff" },
    { "802.3-short", E "0040 4242", L2 ",dl_type=0x05ff" },
    { "snap",
      E
      "0040 aaaa03 000000 0800 4500001c000040004011 0000 0a000001 0a000002 "
      UDP,
      L2 ",dl_type=0x0800," V4 "," UDP_OUT },
    { "snap-oui", E "0040 aaaa03 000001 0800", L2 ",dl_type=0x05ff" },
    { "snap-small-type", E "0040 aaaa03 000000 0500", L2 ",dl_type=0x05ff" },
    { "len-0600", E "0600 1234", L2 ",dl_type=0x0600" },
    { "len-05ff", E "05ff 1234", L2 ",dl_type=0x05ff" },

    /* VLANs. */
    { "vlan",
      E "8100 2005 0800 4500001c000040004011 0000 0a000001 0a000002 " UDP,
      L2 ",vlan0=(tpid=0x8100,vid=5,pcp=1),dl_type=0x0800," V4 "," UDP_OUT },
    { "vlan-cfi",
      E "8100 f064 0800 4500001c000040004011 0000 0a000001 0a000002 " UDP,
      L2 ",vlan0=(tpid=0x8100,vid=100,pcp=7),dl_type=0x0800," V4 ","
      UDP_OUT },
    { "qinq",
      E "88a8 0064 8100 0005 0800 4500001c000040004011 0000 0a000001 "
      "0a000002 " UDP,
      L2
      ",vlan0=(tpid=0x88a8,vid=100,pcp=0),vlan1=(tpid=0x8100,vid=5,pcp=0),"
      "dl_type=0x0800," V4 "," UDP_OUT },
    { "8100-88a8",
      E "8100 0064 88a8 0005 0800 4500001c000040004011 0000 0a000001 "
      "0a000002 " UDP,
      L2
      ",vlan0=(tpid=0x8100,vid=100,pcp=0),vlan1=(tpid=0x88a8,vid=5,pcp=0),"
      "dl_type=0x0800," V4 "," UDP_OUT },
    { "3-tags",
      E "88a8 0064 8100 0005 8100 0006 0800 4500001c000040004011 0000 "
      "0a000001 0a000002 " UDP,
      L2
      ",vlan0=(tpid=0x88a8,vid=100,pcp=0),vlan1=(tpid=0x8100,vid=5,pcp=0),"
      "dl_type=0x8100" },
    { "vlan-trunc-1", E "8100 00", L2 ",dl_type=0x8100" },
    { "vlan-trunc-2", E "8100 0005", L2 ",dl_type=0x8100" },
    { "vlan-trunc-3", E "8100 0005 08", L2 ",dl_type=0x8100" },
    { "qinq-trunc",
      E "88a8 0064 8100 0005",
      L2 ",vlan0=(tpid=0x88a8,vid=100,pcp=0),dl_type=0x8100" },
    { "tpid-9100", E "9100 0064 0800 4500", L2 ",dl_type=0x9100" },
    { "vlan-802.3",
      E "8100 0064 0040 4242030000000000",
      L2 ",vlan0=(tpid=0x8100,vid=100,pcp=0),dl_type=0x05ff" },
    { "vlan-snap-arp",
      E "8100 0064 0040 aaaa03 000000 0806",
      L2
      ",vlan0=(tpid=0x8100,vid=100,pcp=0),dl_type=0x0806,nw_src=0.0.0.0,"
      "nw_dst=0.0.0.0,nw_proto=0,arp_sha=00:00:00:00:00:00,"
      "arp_tha=00:00:00:00:00:00" },

    /* MPLS. */
    { "mpls",
      E "8847 00001140 4500001c000040004011 0000 0a000001 0a000002 " UDP,
      L2 ",dl_type=0x8847,mpls0=(label=1,tc=0,ttl=64,bos=1)" },
    { "mpls-mcast",
      E "8848 00001140",
      L2 ",dl_type=0x8848,mpls0=(label=1,tc=0,ttl=64,bos=1)" },
    { "mpls-4-labels",
      E "8847 00001040 00002040 00003040 00004140 4500001c",
      L2
      ",dl_type=0x8847,mpls0=(label=1,tc=0,ttl=64,bos=0),mpls1=(label=2,"
      "tc=0,ttl=64,bos=0),mpls2=(label=3,tc=0,ttl=64,bos=0)" },
    { "mpls-trunc", E "8847 000011", L2 ",dl_type=0x8847" },
    { "mpls-trunc-2nd",
      E "8100 0064 8847 00001040 00002040",
      L2
      ",vlan0=(tpid=0x8100,vid=100,pcp=0),dl_type=0x8847,mpls0=(label=1,"
      "tc=0,ttl=64,bos=0),mpls1=(label=2,tc=0,ttl=64,bos=0)" },

    /* IPv4. */
    { "ipv4-udp",
      E "0800 4500001c000040004011 0000 0a000001 0a000002 " UDP,
      L2 ",dl_type=0x0800," V4 "," UDP_OUT },
    { "ipv4-tos",
      E "0800 45ab001c000040004011 0000 0a000001 0a000002 " UDP,
      L2 ",dl_type=0x0800," V4
      ",nw_proto=17,nw_tos=171,nw_ttl=64,nw_frag=no,tp_src=1234,tp_dst=5678" },
    { "ipv4-options",
      E "0800 46000020000040004011 0000 0a000001 0a000002 01010101 " UDP,
      L2 ",dl_type=0x0800," V4 "," UDP_OUT },
    { "ipv4-padded",
      E "0800 4500001c000040004011 0000 0a000001 0a000002 " UDP " 00000000",
      L2 ",dl_type=0x0800," V4 "," UDP_OUT },
    { "ipv4-ver6",
      E "0800 6500001c000040004011 0000 0a000001 0a000002 " UDP,
      L2 ",dl_type=0x0800," V4 "," UDP_OUT },
    { "ipv4-ihl4",
      E "0800 4400001c000040004011 0000 0a000001 0a000002 " UDP,
      L2 ",dl_type=0x0800," ZV4 },
    { "ipv4-ihl15",
      E "0800 4f00001c000040004011 0000 0a000001 0a000002 " UDP,
      L2 ",dl_type=0x0800," ZV4 },
    { "ipv4-trunc",
      E "0800 4500001c000040004011 0000 0a000001",
      L2 ",dl_type=0x0800," ZV4 },
    { "ipv4-totlen-big",
      E "0800 450000ff000040004011 0000 0a000001 0a000002 " UDP,
      L2 ",dl_type=0x0800," ZV4 },
    { "ipv4-totlen-small",
      E "0800 45000010000040004011 0000 0a000001 0a000002 " UDP,
      L2 ",dl_type=0x0800," ZV4 },
    { "ipv4-frag-first",
      E "0800 4500001c000020004011 0000 0a000001 0a000002 " UDP,
      L2 ",dl_type=0x0800," V4
      ",nw_proto=17,nw_tos=0,nw_ttl=64,nw_frag=first,tp_src=1234,"
      "tp_dst=5678" },
    { "ipv4-frag-later",
      E "0800 4500001c000000104011 0000 0a000001 0a000002 " UDP,
      L2 ",dl_type=0x0800," V4
      ",nw_proto=17,nw_tos=0,nw_ttl=64,nw_frag=later" },
    { "ipv4-frag-later-mf",
      E "0800 4500001c000020104011 0000 0a000001 0a000002 " UDP,
      L2 ",dl_type=0x0800," V4
      ",nw_proto=17,nw_tos=0,nw_ttl=64,nw_frag=later" },
    { "ipv4-df",
      E "0800 4500001c000040004011 0000 0a000001 0a000002 " UDP,
      L2 ",dl_type=0x0800," V4 "," UDP_OUT },
    { "udp-trunc",
      E "0800 4500001a000040004011 0000 0a000001 0a000002 04d2162e0008",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=17,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=0,tp_dst=0" },
    { "tcp",
      E "0800 45000028000040004006 0000 0a000001 0a000002 04d2162e 00000000 "
      "00000000 5012 0000 00000000",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=6,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=1234,tp_dst=5678,"
      "tcp_flags=syn|ack" },
    { "tcp-all-flags",
      E "0800 45000028000040004006 0000 0a000001 0a000002 04d2162e 00000000 "
      "00000000 5fff 0000 00000000",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=6,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=1234,tp_dst=5678,"
      "tcp_flags=fin|syn|rst|psh|ack|urg|ece|cwr|ns|[200]|[400]|[800]" },
    { "tcp-options",
      E "0800 4500002c000040004006 0000 0a000001 0a000002 04d2162e 00000000 "
      "00000000 6012 0000 00000000 01010101",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=6,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=1234,tp_dst=5678,"
      "tcp_flags=syn|ack" },
    { "tcp-offset-4",
      E "0800 45000028000040004006 0000 0a000001 0a000002 04d2162e 00000000 "
      "00000000 4012 0000 00000000",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=6,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=0,tp_dst=0,"
      "tcp_flags=0" },
    { "tcp-offset-past-end",
      E "0800 45000028000040004006 0000 0a000001 0a000002 04d2162e 00000000 "
      "00000000 6fff 0000 00000000",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=6,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=0,tp_dst=0,"
      "tcp_flags=0" },
    { "sctp",
      E "0800 45000020000040008484 0000 0a000001 0a000002 04d2162e 00000000 "
      "00000000",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=132,nw_tos=0,nw_ttl=132,nw_frag=no,tp_src=1234,tp_dst=5678" },
    { "sctp-trunc",
      E "0800 4500001c000040008484 0000 0a000001 0a000002 04d2162e 00000000",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=132,nw_tos=0,nw_ttl=132,nw_frag=no,tp_src=0,tp_dst=0" },
    { "icmp",
      E "0800 4500001c000040000101 0000 0a000001 0a000002 0800 0000 00000000",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=1,nw_tos=0,nw_ttl=1,nw_frag=no,tp_src=8,tp_dst=0" },
    { "icmp-trunc",
      E "0800 45000018000040000101 0000 0a000001 0a000002 0800 0000",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=1,nw_tos=0,nw_ttl=1,nw_frag=no,tp_src=0,tp_dst=0" },
    { "igmp",
      E "0800 4500001c000040000102 0000 0a000001 e0000001 1600 0000 e0000005",
      L2 ",dl_type=0x0800,nw_src=10.0.0.1,nw_dst=224.0.0.1,nw_proto=2,"
      "nw_tos=0,nw_ttl=1,nw_frag=no,tp_src=22,tp_dst=0,igmp_group=224.0.0.5" },
    { "igmp-trunc",
      E "0800 45000018000040000102 0000 0a000001 e0000001 1600 0000",
      L2 ",dl_type=0x0800,nw_src=10.0.0.1,nw_dst=224.0.0.1,nw_proto=2,"
      "nw_tos=0,nw_ttl=1,nw_frag=no,tp_src=0,tp_dst=0,igmp_group=0.0.0.0" },
    { "gre",
      E "0800 4500001c00004000402f 0000 0a000001 0a000002 00006558 00000000",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=47,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=0,tp_dst=0" },
    { "icmpv6-over-ipv4",
      E "0800 4500001c00004000403a 0000 0a000001 0a000002 8000 0000 00000000",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=58,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=128,tp_dst=0" },
    { "ns-over-ipv4",
      E "0800 4500003400004000403a 0000 0a000001 0a000002 8700 0000 00000000"
      ND_T "0101 0a0000000001",
      L2 ",dl_type=0x0800," V4
      ",nw_proto=58,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=135,tp_dst=0" },

    /* IPv6 and extension headers. */
    { "ipv6-udp",
      E "86dd 6abcdef1 0008 1140 " S6 UDP,
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0xcdef1,nw_proto=17,nw_tos=171,nw_ttl=64,nw_frag=no,"
      "tp_src=1234,tp_dst=5678" },
    { "ipv6-ver4",
      E "86dd 40000000 0008 1140 " S6 UDP,
      L2 ",dl_type=0x86dd," V6 ",ipv6_label=0," UDP_OUT },
    { "ipv6-trunc",
      E "86dd 60000000 0008 1140 20010db80000000000000000",
      L2 ",dl_type=0x86dd," ZV6 },
    { "ipv6-plen-big",
      E "86dd 60000000 00ff 1140 " S6 UDP,
      L2 ",dl_type=0x86dd," ZV6 },
    { "ipv6-padded",
      E "86dd 60000000 0008 1140 " S6 UDP "0000",
      L2 ",dl_type=0x86dd," V6 ",ipv6_label=0," UDP_OUT },
    { "ipv6-hbh",
      E "86dd 60000000 0010 0040 " S6 "1100000000000000" UDP,
      L2 ",dl_type=0x86dd," V6 ",ipv6_label=0," UDP_OUT },
    { "ipv6-hbh-x3",
      E "86dd 60000000 0020 0040 " S6
      "0000000000000000 0000000000000000 1100000000000000" UDP,
      L2 ",dl_type=0x86dd," V6 ",ipv6_label=0," UDP_OUT },
    { "ipv6-dst-hbh",
      E "86dd 60000000 0018 3c40 " S6 "0000010400000000 1100010400000000" UDP,
      L2 ",dl_type=0x86dd," V6 ",ipv6_label=0," UDP_OUT },
    { "ipv6-routing",
      E "86dd 60000000 0010 2b40 " S6 "1100000000000000" UDP,
      L2 ",dl_type=0x86dd," V6 ",ipv6_label=0," UDP_OUT },
    { "ipv6-ah",
      E "86dd 60000000 0010 3340 " S6 "1100000000000000" UDP,
      L2 ",dl_type=0x86dd," V6 ",ipv6_label=0," UDP_OUT },
    { "ipv6-ah-12",
      E "86dd 60000000 0014 3340 " S6 "1101000000000000 00000000" UDP,
      L2 ",dl_type=0x86dd," V6 ",ipv6_label=0," UDP_OUT },
    { "ipv6-esp",
      E "86dd 60000000 0010 3240 " S6 "1100000000000000" UDP,
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0,nw_proto=50,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=0,"
      "tp_dst=0" },
    { "ipv6-no-next",
      E "86dd 60000000 0008 3b40 " S6 "1101000000000000",
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0,nw_proto=59,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=0,"
      "tp_dst=0" },
    { "ipv6-hbh-trunc",
      E "86dd 60000000 0004 0040 " S6 "11000000",
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0,nw_proto=0,nw_tos=0,nw_ttl=0,nw_frag=no,tp_src=0,"
      "tp_dst=0" },
    { "ipv6-hbh-len-past-end",
      E "86dd 60000000 0008 0040 " S6 "1101000000000000",
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0,nw_proto=0,nw_tos=0,nw_ttl=0,nw_frag=no,tp_src=0,"
      "tp_dst=0" },
    { "ipv6-hbh-loop",
      E "86dd 60000000 0018 0040 " S6
      "0000000000000000 0000000000000000 0000000000000000",
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0,nw_proto=0,nw_tos=0,nw_ttl=0,nw_frag=no,tp_src=0,"
      "tp_dst=0" },
    { "ipv6-atomic-frag",
      E "86dd 60000000 0010 2c40 " S6 "11000000 00000001" UDP,
      L2 ",dl_type=0x86dd," V6 ",ipv6_label=0," UDP_OUT },
    { "ipv6-frag-first",
      E "86dd 60000000 0010 2c40 " S6 "11000001 00000001" UDP,
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0,nw_proto=17,nw_tos=0,nw_ttl=64,nw_frag=first,"
      "tp_src=1234,tp_dst=5678" },
    { "ipv6-frag-later",
      E "86dd 60000000 0010 2c40 " S6 "11000010 00000001" UDP,
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0,nw_proto=44,nw_tos=0,nw_ttl=64,nw_frag=later" },
    { "ipv6-frag-then-hbh",
      E "86dd 60000000 0018 2c40 " S6 "00000001 00000001 1100000000000000"
      UDP,
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0,nw_proto=17,nw_tos=0,nw_ttl=64,nw_frag=first,"
      "tp_src=1234,tp_dst=5678" },
    { "ipv6-frag-trunc",
      E "86dd 60000000 0004 2c40 " S6 "11000001",
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0,nw_proto=0,nw_tos=0,nw_ttl=0,nw_frag=no,tp_src=0,"
      "tp_dst=0" },
    { "ipv6-tcp-trunc",
      E "86dd 60000000 0008 0640 " S6 UDP,
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0,nw_proto=6,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=0,"
      "tp_dst=0,tcp_flags=0" },
    { "icmp-over-ipv6",
      E "86dd 60000000 0008 0140 " S6 "0800000000000000",
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0,nw_proto=1,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=8,"
      "tp_dst=0" },
    { "igmp-over-ipv6",
      E "86dd 60000000 0008 0240 " S6 "1600000000000000",
      L2 ",dl_type=0x86dd," V6
      ",ipv6_label=0,nw_proto=2,nw_tos=0,nw_ttl=64,nw_frag=no,tp_src=22,"
      "tp_dst=0" },

    /* ICMPv6 and neighbor discovery. */
    { "icmpv6-echo",
      E ND_HDR("08") "8000 0000 00000000",
      L2 ",dl_type=0x86dd,ipv6_src=fe80::1,ipv6_dst=ff02::1:ff00:2,"
      "ipv6_label=0,nw_proto=58,nw_tos=0,nw_ttl=255,nw_frag=no,tp_src=128,"
      "tp_dst=0" },
    { "icmpv6-4-bytes",
      E ND_HDR("04") "8000 0000",
      L2 ",dl_type=0x86dd,ipv6_src=fe80::1,ipv6_dst=ff02::1:ff00:2,"
      "ipv6_label=0,nw_proto=58,nw_tos=0,nw_ttl=255,nw_frag=no,tp_src=0,"
      "tp_dst=0" },
    { "ns-sll",
      E ND_HDR("20") "8700 0000 00000000 " ND_T "0101 0a0000000001",
      L2 ",dl_type=0x86dd," NS_OUT
      ",nd_target=2001:db8::2,nd_reserved=0,nd_options_type=1,"
      "arp_sha=0a:00:00:00:00:01,arp_tha=00:00:00:00:00:00" },
    { "na-tll",
      E ND_HDR("20") "8800 0000 e0000000 " ND_T "0201 0a0000000003",
      L2 ",dl_type=0x86dd,ipv6_src=fe80::1,ipv6_dst=ff02::1:ff00:2,"
      "ipv6_label=0,nw_proto=58,nw_tos=0,nw_ttl=255,nw_frag=no,tp_src=136,"
      "tp_dst=0,nd_target=2001:db8::2,nd_reserved=0xe0000000,"
      "nd_options_type=2,arp_sha=00:00:00:00:00:00,"
      "arp_tha=0a:00:00:00:00:03" },
    { "ns-no-options",
      E ND_HDR("18") "8700 0000 00000000 " ND_T,
      L2 ",dl_type=0x86dd," NS_OUT
      ",nd_target=2001:db8::2,nd_reserved=0,nd_options_type=0,"
      "arp_sha=00:00:00:00:00:00,arp_tha=00:00:00:00:00:00" },
    { "ns-trunc-target",
      E ND_HDR("10") "8700 0000 00000000 20010db8 00000000",
      L2 ",dl_type=0x86dd," NS_OUT
      ",nd_target=::,nd_reserved=0,nd_options_type=0,"
      "arp_sha=00:00:00:00:00:00,arp_tha=00:00:00:00:00:00" },
    { "ns-opt-len-0",
      E ND_HDR("20") "8700 0000 00000000 " ND_T "0100 0a0000000001",
      L2 ",dl_type=0x86dd," NS_OUT
      ",nd_target=2001:db8::2,nd_reserved=0,nd_options_type=0,"
      "arp_sha=00:00:00:00:00:00,arp_tha=00:00:00:00:00:00" },
    { "ns-opt-trunc",
      E ND_HDR("1c") "8700 0000 00000000 " ND_T "0101 0a00",
      L2 ",dl_type=0x86dd," NS_OUT
      ",nd_target=2001:db8::2,nd_reserved=0,nd_options_type=0,"
      "arp_sha=00:00:00:00:00:00,arp_tha=00:00:00:00:00:00" },
    { "ns-two-sll",
      E ND_HDR("28") "8700 0000 00000000 " ND_T
      "0101 0a0000000001 0101 0a0000000002",
      L2 ",dl_type=0x86dd," NS_OUT
      ",nd_target=::,nd_reserved=0,nd_options_type=0,"
      "arp_sha=00:00:00:00:00:00,arp_tha=00:00:00:00:00:00" },
    { "ns-sll-tll",
      E ND_HDR("28") "8700 0000 00000000 " ND_T
      "0101 0a0000000001 0201 0a0000000002",
      L2 ",dl_type=0x86dd," NS_OUT
      ",nd_target=2001:db8::2,nd_reserved=0,nd_options_type=1,"
      "arp_sha=0a:00:00:00:00:01,arp_tha=0a:00:00:00:00:02" },
    { "ns-sll-then-bad",
      E ND_HDR("28") "8700 0000 00000000 " ND_T
      "0101 0a0000000001 0100 000000000000",
      L2 ",dl_type=0x86dd," NS_OUT
      ",nd_target=2001:db8::2,nd_reserved=0,nd_options_type=1,"
      "arp_sha=0a:00:00:00:00:01,arp_tha=00:00:00:00:00:00" },
    { "ns-other-opt",
      E ND_HDR("28") "8700 0000 00000000 " ND_T
      "0501 000000000000 0101 0a0000000002",
      L2 ",dl_type=0x86dd," NS_OUT
      ",nd_target=2001:db8::2,nd_reserved=0,nd_options_type=5,"
      "arp_sha=0a:00:00:00:00:02,arp_tha=00:00:00:00:00:00" },
    { "ns-sll-len-2",
      E ND_HDR("30") "8700 0000 00000000 " ND_T
      "0102 0a0000000001 0000000000000000 0201 0a0000000002",
      L2 ",dl_type=0x86dd," NS_OUT
      ",nd_target=2001:db8::2,nd_reserved=0,nd_options_type=1,"
      "arp_sha=00:00:00:00:00:00,arp_tha=0a:00:00:00:00:02" },
    { "ns-code-1",
      E ND_HDR("18") "8701 0000 00000000 " ND_T,
      L2 ",dl_type=0x86dd,ipv6_src=fe80::1,ipv6_dst=ff02::1:ff00:2,"
      "ipv6_label=0,nw_proto=58,nw_tos=0,nw_ttl=255,nw_frag=no,tp_src=135,"
      "tp_dst=1" },
    { "rs",
      E ND_HDR("10") "8500 0000 00000000 0101 0a0000000001",
      L2 ",dl_type=0x86dd,ipv6_src=fe80::1,ipv6_dst=ff02::1:ff00:2,"
      "ipv6_label=0,nw_proto=58,nw_tos=0,nw_ttl=255,nw_frag=no,tp_src=133,"
      "tp_dst=0" },

    /* ARP. */
    { "arp",
      E
      "0806 0001 0800 0604 0001 0a0000000001 0a000001 000000000000 0a000002",
      L2 ",dl_type=0x0806," V4
      ",nw_proto=1,arp_sha=0a:00:00:00:00:01,arp_tha=00:00:00:00:00:00" },
    { "rarp",
      E
      "8035 0001 0800 0604 0003 0a0000000001 0a000001 000000000000 0a000002",
      L2 ",dl_type=0x8035," V4
      ",nw_proto=3,arp_sha=0a:00:00:00:00:01,arp_tha=00:00:00:00:00:00" },
    { "arp-op-300",
      E
      "0806 0001 0800 0604 0300 0a0000000001 0a000001 000000000000 0a000002",
      L2 ",dl_type=0x0806," V4
      ",nw_proto=0,arp_sha=0a:00:00:00:00:01,arp_tha=00:00:00:00:00:00" },
    { "arp-htype-2",
      E
      "0806 0002 0800 0604 0001 0a0000000001 0a000001 000000000000 0a000002",
      L2 ",dl_type=0x0806,nw_src=0.0.0.0,nw_dst=0.0.0.0,nw_proto=0,"
      "arp_sha=00:00:00:00:00:00,arp_tha=00:00:00:00:00:00" },
    { "arp-ptype-v6",
      E
      "0806 0001 86dd 0604 0001 0a0000000001 0a000001 000000000000 0a000002",
      L2 ",dl_type=0x0806,nw_src=0.0.0.0,nw_dst=0.0.0.0,nw_proto=0,"
      "arp_sha=00:00:00:00:00:00,arp_tha=00:00:00:00:00:00" },
    { "arp-plen-6",
      E
      "0806 0001 0800 0606 0001 0a0000000001 0a000001 000000000000 0a000002",
      L2 ",dl_type=0x0806,nw_src=0.0.0.0,nw_dst=0.0.0.0,nw_proto=0,"
      "arp_sha=00:00:00:00:00:00,arp_tha=00:00:00:00:00:00" },
    { "arp-trunc",
      E "0806 0001 0800 0604 0001 0a0000000001 0a000001",
      L2 ",dl_type=0x0806,nw_src=0.0.0.0,nw_dst=0.0.0.0,nw_proto=0,"
      "arp_sha=00:00:00:00:00:00,arp_tha=00:00:00:00:00:00" },
};

static void
test_flow_extract_cases(int argc, char *argv[])
{
    bool print = argc > 1 && !strcmp(argv[1], "print");
    int failures = 0;

    for (size_t i = 0; i < ARRAY_SIZE(extract_cases); i++) {
        const struct extract_case *c = &extract_cases[i];
        struct dp_packet *b = packet_from_hex(c->hex);
        struct flow flow;
        char *s;

        flow_extract(b, &flow);
        s = flow_to_string(&flow);
        if (print) {
            printf("%-20s %s\n", c->name, s);
        } else if (strcmp(s, c->flow)) {
            fprintf(stderr, "%s:\n  got      %s\n  expected %s\n",
                    c->name, s, c->flow);
            failures++;
        }
        free(s);

        /* Every prefix parses without reading past it. */
        for (size_t n = 0; n < dp_packet_size(b); n++) {
            struct dp_packet *p = packet_prefix(b, n);
            struct flow f;

            flow_extract(p, &f);
            dp_packet_delete(p);
        }
        dp_packet_delete(b);
    }
    CHECK_INT(failures, 0);
}
OVSTEST_REGISTER("flow/extract-cases", test_flow_extract_cases);

/* Header offsets and L2 padding that flow_extract() sets. */
static void
test_flow_extract_offsets(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct dp_packet *b;
    struct flow flow;

    b = packet_from_hex(E "8100 0005 0800 4500001c000040004011 0000 0a000001"
                        "0a000002 " UDP "000000");
    flow_extract(b, &flow);
    CHECK_INT(b->l3_ofs, 18);
    CHECK_INT(b->l4_ofs, 38);
    CHECK_INT(b->l2_pad_size, 3);
    CHECK_INT(b->l2_5_ofs, DP_PACKET_OFS_NONE);
    CHECK_INT(dp_packet_l4_size(b), 8);
    CHECK_INT(dp_packet_l3_size(b), 28);
    dp_packet_delete(b);

    b = packet_from_hex(E "8847 00001040 00002140 4500");
    flow_extract(b, &flow);
    CHECK_INT(b->l2_5_ofs, 14);
    CHECK_INT(b->l3_ofs, DP_PACKET_OFS_NONE);
    dp_packet_delete(b);

    /* Later fragments have no L4; bad IPv4 headers no L3. */
    b = packet_from_hex(E "0800 4500001c000000104011 0000 0a000001 0a000002 "
                        UDP);
    flow_extract(b, &flow);
    CHECK_INT(b->l3_ofs, 14);
    CHECK_INT(b->l4_ofs, DP_PACKET_OFS_NONE);
    dp_packet_delete(b);
    b = packet_from_hex(E "0800 4400001c000040004011 0000 0a000001 0a000002 "
                        UDP);
    flow_extract(b, &flow);
    CHECK_INT(b->l3_ofs, DP_PACKET_OFS_NONE);
    dp_packet_delete(b);

    /* A packet that starts at L3. */
    b = packet_from_hex("4500001c000040004011 0000 0a000001 0a000002 " UDP);
    b->packet_type = PT_IPV4;
    flow_extract(b, &flow);
    CHECK(flow.packet_type == PT_IPV4);
    CHECK(flow.dl_type == htons(ETH_TYPE_IP));
    CHECK(flow.nw_src == htonl(0x0a000001));
    CHECK(flow.tp_dst == htons(5678));
    CHECK(eth_addr_is_zero(flow.dl_src));
    CHECK_INT(b->l3_ofs, 0);
    CHECK_INT(b->l4_ofs, 20);
    dp_packet_delete(b);

    /* An unknown packet type parses nothing. */
    b = packet_from_hex("4500001c000040004011 0000 0a000001 0a000002 " UDP);
    b->packet_type = PACKET_TYPE(OFPHTN_IP_PROTO, 17);
    flow_extract(b, &flow);
    CHECK(!flow.dl_type && !flow.nw_src);
    dp_packet_delete(b);
}
OVSTEST_REGISTER("flow/extract-offsets", test_flow_extract_offsets);

/* Metadata comes from the packet; the conntrack tuple only when it is
 * valid and of the packet's family. */
static void
test_flow_extract_metadata(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct dp_packet *b = packet_from_hex(
        E "0800 4500001c000040004011 0000 0a000001 0a000002 " UDP);
    struct pkt_metadata *md = &b->md;
    struct flow flow;

    pkt_metadata_init(md, 7);
    md->recirc_id = 1;
    md->dp_hash = 2;
    md->skb_priority = 3;
    md->pkt_mark = 4;
    md->ct_state = CS_TRACKED | CS_ESTABLISHED;
    md->ct_zone = 5;
    md->ct_mark = 6;
    md->ct_label.u64.hi = 8;
    md->ct_orig_tuple.ip4.src = htonl(1);
    md->ct_orig_tuple.ip4.dst = htonl(2);
    md->ct_orig_tuple.src_port = htons(3);
    md->ct_orig_tuple.dst_port = htons(4);
    md->ct_orig_tuple.proto = 17;
    md->tunnel.ip_dst = htonl(0xc0a80001);
    md->tunnel.tun_id = htonll(42);
    flow_extract(b, &flow);
    CHECK_INT(flow.in_port.odp_port, 7);
    CHECK_INT(flow.recirc_id, 1);
    CHECK_INT(flow.dp_hash, 2);
    CHECK_INT(flow.skb_priority, 3);
    CHECK_INT(flow.pkt_mark, 4);
    CHECK_INT(flow.ct_state, CS_TRACKED | CS_ESTABLISHED);
    CHECK_INT(flow.ct_zone, 5);
    CHECK_INT(flow.ct_mark, 6);
    CHECK(flow.ct_label.u64.hi == 8);
    CHECK(flow.ct_nw_src == htonl(1) && flow.ct_nw_dst == htonl(2));
    CHECK(flow.ct_tp_src == htons(3) && flow.ct_tp_dst == htons(4));
    CHECK_INT(flow.ct_nw_proto, 17);
    CHECK(flow.tunnel.ip_dst == htonl(0xc0a80001));
    CHECK(flow.tunnel.tun_id == htonll(42));

    /* Invalid: no tuple.  IPv6 tuple on IPv4 packet: no tuple. */
    md->ct_state = CS_TRACKED | CS_INVALID;
    flow_extract(b, &flow);
    CHECK(!flow.ct_nw_src && !flow.ct_nw_proto);
    md->ct_state = CS_TRACKED;
    md->ct_orig_tuple_ipv6 = true;
    flow_extract(b, &flow);
    CHECK(!flow.ct_nw_src && !flow.ct_nw_proto);

    /* No tunnel destination: no tunnel at all. */
    md->tunnel.ip_dst = 0;
    flow_extract(b, &flow);
    CHECK(!flow.tunnel.tun_id);
    dp_packet_delete(b);
}
OVSTEST_REGISTER("flow/extract-metadata", test_flow_extract_metadata);

/* Random flows. */

static ovs_be16
random_be16_of(const uint16_t *values, size_t n)
{
    return htons(values[random_range(n)]);
}

static void
random_in6(struct in6_addr *a)
{
    random_bytes(a, sizeof *a);
}

static struct eth_addr
random_eth(void)
{
    struct eth_addr ea;

    random_bytes(&ea, sizeof ea);
    return ea;
}

/* Fills FLOW with a random flow that flow_compose() can represent and
 * flow_extract() gives back exactly: fields that do not apply are zero. */
static void
random_flow(struct flow *flow)
{
    static const uint16_t l2_types[] = {
        ETH_TYPE_IP, ETH_TYPE_IP, ETH_TYPE_IP, ETH_TYPE_IPV6, ETH_TYPE_IPV6,
        ETH_TYPE_IPV6, ETH_TYPE_ARP, ETH_TYPE_RARP, ETH_TYPE_MPLS,
        ETH_TYPE_MPLS_MCAST, FLOW_DL_TYPE_NONE, ETH_TYPE_LACP, 0x9999,
    };
    static const uint16_t tpids[] = {
        ETH_TYPE_VLAN_8021Q, ETH_TYPE_VLAN_8021AD
    };
    static const uint8_t protos4[] = {
        IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP, IPPROTO_ICMP, IPPROTO_IGMP,
        IPPROTO_GRE, IPPROTO_ICMPV6, 255,
    };
    static const uint8_t protos6[] = {
        IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP, IPPROTO_ICMPV6,
        IPPROTO_ICMPV6, IPPROTO_ICMP, IPPROTO_GRE, IPPROTO_ESP, IPPROTO_NONE,
    };
    int r;

    memset(flow, 0, sizeof *flow);

    /* Metadata that travels in struct pkt_metadata. */
    flow->in_port.odp_port = random_uint32();
    flow->recirc_id = random_range(3) ? 0 : random_uint32();
    flow->dp_hash = random_range(2) ? 0 : random_uint32();
    flow->skb_priority = random_range(2) ? 0 : random_uint32();
    flow->pkt_mark = random_range(2) ? 0 : random_uint32();
    flow->ct_state = random_range(2) ? 0 : random_uint8();
    flow->ct_zone = random_uint16();
    flow->ct_mark = random_uint32();
    random_bytes(&flow->ct_label, sizeof flow->ct_label);
    if (!random_range(3)) {
        struct flow_tnl *t = &flow->tunnel;

        if (random_range(2)) {
            t->ip_dst = random_uint32() | 1;
            t->ip_src = random_uint32();
        } else {
            random_in6(&t->ipv6_dst);
            t->ipv6_dst.s6_addr[15] |= 1;
            random_in6(&t->ipv6_src);
        }
        t->tun_id = random_uint64();
        t->flags = random_uint16();
        t->ip_tos = random_uint8();
        t->ip_ttl = random_uint8();
        t->tp_src = random_uint16();
        t->tp_dst = random_uint16();
        t->gbp_id = random_uint16();
        t->gbp_flags = random_uint8();
    }

    /* L2. */
    r = random_range(10);
    if (r == 0) {
        flow->packet_type = PT_IPV4;
        flow->dl_type = htons(ETH_TYPE_IP);
    } else if (r == 1) {
        flow->packet_type = PT_IPV6;
        flow->dl_type = htons(ETH_TYPE_IPV6);
    } else {
        int n_vlans = random_range(3);

        flow->packet_type = PT_ETH;
        flow->dl_src = random_eth();
        flow->dl_dst = random_eth();
        for (int i = 0; i < n_vlans; i++) {
            flow->vlans[i].tpid = random_be16_of(tpids, ARRAY_SIZE(tpids));
            flow->vlans[i].tci = htons(random_uint16() | VLAN_CFI);
        }
        flow->dl_type = random_be16_of(l2_types, ARRAY_SIZE(l2_types));
    }

    if (flow_is_mpls(flow)) {
        int n = 1 + random_range(FLOW_MAX_MPLS_LABELS);

        for (int i = 0; i < n; i++) {
            uint32_t lse = random_uint32() & ~MPLS_BOS_MASK;

            if (i == n - 1 && (n < FLOW_MAX_MPLS_LABELS || random_range(2))) {
                lse |= MPLS_BOS_MASK;
            }
            flow->mpls_lse[i] = htonl(lse);
        }
    } else if (is_arp(flow)) {
        flow->nw_proto = random_uint8();
        flow->nw_src = random_uint32();
        flow->nw_dst = random_uint32();
        flow->arp_sha = random_eth();
        flow->arp_tha = random_eth();
    } else if (is_ip_any(flow)) {
        bool v6 = is_ipv6(flow);

        flow->nw_tos = random_uint8();
        flow->nw_ttl = random_uint8();
        flow->nw_frag = (random_range(4) ? 0
                         : random_range(2) ? FLOW_NW_FRAG_ANY
                         : FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER);
        if (v6) {
            random_in6(&flow->ipv6_src);
            random_in6(&flow->ipv6_dst);
            flow->ipv6_label = htonl(random_uint32() & IPV6_LABEL_MASK);
            flow->nw_proto = protos6[random_range(ARRAY_SIZE(protos6))];
        } else {
            flow->nw_src = random_uint32();
            flow->nw_dst = random_uint32();
            flow->nw_proto = protos4[random_range(ARRAY_SIZE(protos4))];
        }
        if ((flow->ct_state & CS_TRACKED) && !(flow->ct_state & CS_INVALID)) {
            flow->ct_nw_proto = random_uint8();
            flow->ct_tp_src = random_uint16();
            flow->ct_tp_dst = random_uint16();
            if (v6) {
                random_in6(&flow->ct_ipv6_src);
                random_in6(&flow->ct_ipv6_dst);
            } else {
                flow->ct_nw_src = random_uint32();
                flow->ct_nw_dst = random_uint32();
            }
        }

        if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
            if (v6) {
                flow->nw_proto = IPPROTO_FRAGMENT;
            }
        } else if (flow->nw_proto == IPPROTO_TCP) {
            flow->tp_src = random_uint16();
            flow->tp_dst = random_uint16();
            flow->tcp_flags = htons(random_uint16() & 0x0fff);
        } else if (flow->nw_proto == IPPROTO_UDP
                   || flow->nw_proto == IPPROTO_SCTP) {
            flow->tp_src = random_uint16();
            flow->tp_dst = random_uint16();
        } else if (flow->nw_proto == IPPROTO_ICMP
                   || flow->nw_proto == IPPROTO_ICMPV6
                   || flow->nw_proto == IPPROTO_IGMP) {
            flow->tp_src = htons(random_uint8());
            flow->tp_dst = htons(random_uint8());
            if (flow->nw_proto == IPPROTO_IGMP) {
                flow->igmp_group_ip4 = random_uint32();
            } else if (v6 && flow->nw_proto == IPPROTO_ICMPV6
                       && random_range(2)) {
                flow->tp_src = htons(random_range(2) ? ND_NEIGHBOR_SOLICIT
                                     : ND_NEIGHBOR_ADVERT);
                flow->tp_dst = 0;
                random_in6(&flow->nd_target);
                flow->nd_reserved = random_uint32();
                if (random_range(2)) {
                    flow->arp_sha = random_eth();
                    flow->arp_sha.ea[5] |= 1;
                }
                if (random_range(2)) {
                    flow->arp_tha = random_eth();
                    flow->arp_tha.ea[5] |= 1;
                }
                flow->nd_options_type = (!eth_addr_is_zero(flow->arp_sha)
                                         ? ND_OPT_SOURCE_LINKADDR
                                         : !eth_addr_is_zero(flow->arp_tha)
                                         ? ND_OPT_TARGET_LINKADDR : 0);
            }
        }
    }
}

static void
compose_with_metadata(struct dp_packet *b, const struct flow *flow,
                      size_t l7_len)
{
    flow_compose(b, flow, l7_len);
    pkt_metadata_from_flow(&b->md, flow);
}

/* Checks that every checksum in B (parsed as FLOW) is right. */
static void
check_csums(const struct dp_packet *b, const struct flow *flow)
{
    const uint8_t *l4 = dp_packet_l4(b);
    size_t l4_size = dp_packet_l4_size(b);

    if (is_ipv4(flow) && dp_packet_l3(b)) {
        const struct ip_header *ip = dp_packet_l3(b);

        CHECK(!csum(ip, IP_IHL(ip->ip_ihl_ver) * 4));
    }
    if (!l4) {
        return;
    }
    if (flow->nw_proto == IPPROTO_TCP || flow->nw_proto == IPPROTO_UDP
        || (flow->nw_proto == IPPROTO_ICMPV6 && is_ipv6(flow))) {
        uint32_t sum;

        if (flow->nw_proto == IPPROTO_UDP && is_ipv4(flow)
            && !get_unaligned_u16(l4 + 6)) {
            return;
        }
        if (is_ipv4(flow)) {
            sum = csum_continue(0, &flow->nw_src, 4);
            sum = csum_continue(sum, &flow->nw_dst, 4);
            sum += htons(flow->nw_proto);
            sum += htons(l4_size);
        } else {
            sum = csum_continue(0, &flow->ipv6_src, 16);
            sum = csum_continue(sum, &flow->ipv6_dst, 16);
            sum += htons(l4_size);
            sum += htons(flow->nw_proto);
        }
        CHECK(!csum_finish(csum_continue(sum, l4, l4_size)));
    } else if (is_ipv4(flow) && (flow->nw_proto == IPPROTO_ICMP
                                 || flow->nw_proto == IPPROTO_IGMP)) {
        CHECK(!csum(l4, l4_size));
    } else if (flow->nw_proto == IPPROTO_SCTP) {
        uint8_t *copy = xmemdup(l4, l4_size);
        ovs_be32 c;

        memset(copy + 8, 0, 4);
        c = crc32c(copy, l4_size);
        CHECK(!memcmp(&c, l4 + 8, 4));
        free(copy);
    }
}

static void
test_flow_compose_round_trip(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    random_set_seed(1);
    for (int i = 0; i < 20000; i++) {
        struct dp_packet *b = dp_packet_new(0);
        struct flow flow, flow2;
        size_t l7_len = random_range(3) ? 0 : random_range(64);

        random_flow(&flow);
        compose_with_metadata(b, &flow, l7_len);
        flow_extract(b, &flow2);
        check_flow_equal(&flow2, &flow, OVS_SOURCE_LOCATOR);
        check_csums(b, &flow);

        /* Every prefix parses safely; below 14 bytes of Ethernet nothing
         * of the packet is parsed. */
        if (i % 16 == 0) {
            for (size_t n = 0; n < dp_packet_size(b); n++) {
                struct dp_packet *p = packet_prefix(b, n);
                struct flow f;

                flow_extract(p, &f);
                if (flow_is_eth(&flow) && n < ETH_HEADER_LEN) {
                    CHECK(!f.dl_type && eth_addr_is_zero(f.dl_src));
                }
                /* A cut inside an IP packet invalidates its length. */
                if (is_ip_any(&flow) && b->l3_ofs != DP_PACKET_OFS_NONE
                    && n > b->l3_ofs && n < dp_packet_size(b)) {
                    CHECK(!f.nw_proto && !f.nw_ttl && !f.tp_src);
                }
                dp_packet_delete(p);
            }
        }
        dp_packet_delete(b);
    }
}
OVSTEST_REGISTER("flow/compose-round-trip", test_flow_compose_round_trip);

/* An L4 header cut short inside an IP packet whose length says so: L3
 * fields stay, L4 fields are zero. */
static void
test_flow_l4_truncation(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    int tested = 0;

    random_set_seed(2);
    for (int i = 0; i < 3000; i++) {
        struct dp_packet *b = dp_packet_new(0);
        struct flow flow;

        random_flow(&flow);
        if (!is_ip_any(&flow) || !flow.tp_src) {
            dp_packet_delete(b);
            continue;
        }
        compose_with_metadata(b, &flow, 0);
        for (size_t n = b->l4_ofs; n < dp_packet_size(b); n++) {
            struct dp_packet *p = packet_prefix(b, n);
            uint8_t *l3 = (uint8_t *) dp_packet_data(p) + b->l3_ofs;
            size_t l3_len = n - b->l3_ofs;
            struct flow f;

            if (is_ipv4(&flow)) {
                struct ip_header *ip = (struct ip_header *) l3;

                ip->ip_tot_len = htons(l3_len);
            } else {
                struct ip6_header *ip6 = (struct ip6_header *) l3;

                ip6->ip6_plen = htons(l3_len - IPV6_HEADER_LEN);
            }
            flow_extract(p, &f);
            CHECK(f.nw_proto == flow.nw_proto);
            CHECK(f.nw_ttl == flow.nw_ttl);
            CHECK(f.nw_src == flow.nw_src);
            if (is_nd(&flow) && n >= b->l4_ofs + ICMP6_HEADER_LEN) {
                /* ICMPv6 header complete, ND parts missing. */
                CHECK(f.tp_src == flow.tp_src);
                CHECK(ipv6_is_zero(&f.nd_target)
                      || n >= b->l4_ofs + ND_MSG_LEN);
            } else {
                CHECK(!f.tp_src && !f.tp_dst && !f.tcp_flags);
                CHECK(!f.igmp_group_ip4);
                CHECK_INT(p->l4_ofs, DP_PACKET_OFS_NONE);
            }
            dp_packet_delete(p);
            tested++;
        }
        dp_packet_delete(b);
    }
    CHECK(tested > 1000);
}
OVSTEST_REGISTER("flow/l4-truncation", test_flow_l4_truncation);

/* A long chain of extension headers parses to the end; one that loops
 * (each header naming itself next) stops when the packet does. */
static void
test_flow_ipv6_ext_chain(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    for (int n = 0; n < 2000; n += 97) {
        for (int loop = 0; loop < (n ? 2 : 1); loop++) {
            size_t plen = n * 8 + (loop ? 0 : UDP_HEADER_LEN);
            struct dp_packet *b = dp_packet_new(0);
            struct ip6_header *ip6;
            struct flow flow;
            uint8_t *p;

            dp_packet_put_zeros(b, ETH_HEADER_LEN + IPV6_HEADER_LEN + plen);
            p = dp_packet_data(b);
            put_unaligned_be16(p + 12, htons(ETH_TYPE_IPV6));
            ip6 = (struct ip6_header *) (p + ETH_HEADER_LEN);
            put_16aligned_be32(&ip6->ip6_flow, htonl(0x60000000));
            ip6->ip6_plen = htons(plen);
            ip6->ip6_nxt = n ? IPPROTO_DSTOPTS : IPPROTO_UDP;
            ip6->ip6_hlim = 9;
            p = (uint8_t *) (ip6 + 1);
            for (int i = 0; i < n; i++) {
                p[i * 8] = (i == n - 1 && !loop) ? IPPROTO_UDP
                                                 : IPPROTO_DSTOPTS;
            }
            flow_extract(b, &flow);
            if (loop && n) {
                CHECK(!flow.nw_proto && !flow.nw_ttl);
            } else {
                CHECK_INT(flow.nw_proto, IPPROTO_UDP);
                CHECK_INT(flow.nw_ttl, 9);
                CHECK_INT(b->l4_ofs, ETH_HEADER_LEN + IPV6_HEADER_LEN + n * 8);
            }
            dp_packet_delete(b);
        }
    }
}
OVSTEST_REGISTER("flow/ipv6-ext-chain", test_flow_ipv6_ext_chain);

/* Header edits. */

static struct dp_packet *
compose_extract(const struct flow *flow, size_t l7_len, struct flow *out)
{
    struct dp_packet *b = dp_packet_new(0);

    compose_with_metadata(b, flow, l7_len);
    flow_extract(b, out);
    return b;
}

static void
test_flow_vlan_push_pop(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    random_set_seed(3);
    for (int i = 0; i < 2000; i++) {
        struct flow flow, f;
        struct dp_packet *b, *orig;
        ovs_be16 tpid = random_range(2) ? htons(ETH_TYPE_VLAN_8021Q)
                                        : htons(ETH_TYPE_VLAN_8021AD);
        ovs_be16 tci = htons(random_uint16());

        random_flow(&flow);
        if (!flow_is_eth(&flow) || flow_count_vlan_headers(&flow) > 1) {
            continue;
        }
        b = compose_extract(&flow, random_range(20), &f);
        orig = dp_packet_clone(b);
        eth_push_vlan(b, tpid, tci);

        /* The old L3 header is where the offset says. */
        if (orig->l3_ofs != DP_PACKET_OFS_NONE) {
            CHECK_INT(b->l3_ofs, orig->l3_ofs + VLAN_HEADER_LEN);
            CHECK(!memcmp(dp_packet_l3(b), dp_packet_l3(orig),
                          dp_packet_l3_size(orig)));
        }
        flow_extract(b, &f);
        CHECK(f.vlans[0].tpid == tpid);
        CHECK(f.vlans[0].tci == (tci | htons(VLAN_CFI)));
        CHECK(f.vlans[1].qtag == flow.vlans[0].qtag);
        CHECK(f.dl_type == flow.dl_type);
        CHECK(f.nw_src == flow.nw_src && f.tp_src == flow.tp_src);

        eth_pop_vlan(b);
        CHECK_INT(dp_packet_size(b), dp_packet_size(orig));
        CHECK(!memcmp(dp_packet_data(b), dp_packet_data(orig),
                      dp_packet_size(b)));
        dp_packet_delete(b);
        dp_packet_delete(orig);
    }

    /* Popping without a tag does nothing. */
    struct dp_packet *b = packet_from_hex(E "0800 4500");
    eth_pop_vlan(b);
    CHECK_INT(dp_packet_size(b), 16);
    dp_packet_delete(b);
}
OVSTEST_REGISTER("flow/vlan-push-pop", test_flow_vlan_push_pop);

static void
test_flow_mpls_push_pop(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    random_set_seed(4);
    for (int i = 0; i < 2000; i++) {
        struct flow flow, f;
        struct dp_packet *b, *orig;
        ovs_be32 lse1 = htonl(random_uint32() & ~MPLS_BOS_MASK);
        ovs_be32 lse2 = htonl(random_uint32() & ~MPLS_BOS_MASK);

        random_flow(&flow);
        if (!flow_is_eth(&flow) || flow_is_mpls(&flow)
            || flow.dl_type == htons(FLOW_DL_TYPE_NONE)) {
            continue;
        }
        b = compose_extract(&flow, random_range(20), &f);
        orig = dp_packet_clone(b);

        push_mpls(b, htons(ETH_TYPE_MPLS), lse1);
        push_mpls(b, htons(ETH_TYPE_MPLS), lse2);
        flow_extract(b, &f);
        CHECK(f.dl_type == htons(ETH_TYPE_MPLS));
        CHECK(f.mpls_lse[0] == lse2);
        CHECK(f.mpls_lse[1] == (lse1 | htonl(MPLS_BOS_MASK)));
        CHECK(f.vlans[0].qtag == flow.vlans[0].qtag);

        set_mpls_lse_ttl(b, 7);
        set_mpls_lse_tc(b, 5);
        set_mpls_lse_label(b, htonl(0xabcde));
        flow_extract(b, &f);
        CHECK_INT(mpls_lse_to_ttl(f.mpls_lse[0]), 7);
        CHECK_INT(mpls_lse_to_tc(f.mpls_lse[0]), 5);
        CHECK_INT(mpls_lse_to_label(f.mpls_lse[0]), 0xabcde);
        CHECK_INT(mpls_lse_to_bos(f.mpls_lse[0]), 0);

        pop_mpls(b, htons(ETH_TYPE_MPLS));
        CHECK_INT(b->l2_5_ofs, ETH_HEADER_LEN
                  + VLAN_HEADER_LEN * flow_count_vlan_headers(&flow));
        pop_mpls(b, flow.dl_type);
        CHECK_INT(b->l2_5_ofs, DP_PACKET_OFS_NONE);
        CHECK_INT(dp_packet_size(b), dp_packet_size(orig));
        CHECK(!memcmp(dp_packet_data(b), dp_packet_data(orig),
                      dp_packet_size(b)));
        flow_extract(b, &f);
        check_flow_equal(&f, &flow, OVS_SOURCE_LOCATOR);
        dp_packet_delete(b);
        dp_packet_delete(orig);
    }
}
OVSTEST_REGISTER("flow/mpls-push-pop", test_flow_mpls_push_pop);

/* Stores the pseudo-header sum in B's L4 checksum field and marks it
 * partial, as a virtio-net header with NEEDS_CSUM would have it. */
static bool
make_partial(struct dp_packet *b, const struct flow *flow)
{
    uint8_t *l4 = dp_packet_l4(b);
    size_t l4_size = dp_packet_l4_size(b);
    uint16_t field;
    uint32_t sum;

    if (!l4 || (flow->nw_proto != IPPROTO_TCP
                && flow->nw_proto != IPPROTO_UDP)) {
        return false;
    }
    field = flow->nw_proto == IPPROTO_TCP ? 16 : 6;
    if (is_ipv4(flow)) {
        sum = csum_continue(0, &flow->nw_src, 4);
        sum = csum_continue(sum, &flow->nw_dst, 4);
        sum += htons(flow->nw_proto);
        sum += htons(l4_size);
    } else {
        sum = csum_continue(0, &flow->ipv6_src, 16);
        sum = csum_continue(sum, &flow->ipv6_dst, 16);
        sum += htons(l4_size);
        sum += htons(flow->nw_proto);
    }
    put_unaligned_u16(l4 + field, ~csum_finish(sum));
    dp_packet_ol_set_l4_csum_partial(b, field);
    return true;
}

static void
test_flow_set_fields_csum(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    int edited = 0, partials = 0;

    random_set_seed(5);
    for (int i = 0; i < 20000; i++) {
        struct flow flow, f;
        struct dp_packet *b;
        bool partial;

        random_flow(&flow);
        if (!is_ip_any(&flow)) {
            continue;
        }
        b = compose_extract(&flow, random_range(40), &f);
        partial = random_range(3) == 0 && make_partial(b, &flow);

        /* Random edits, each with probability 1/2. */
        if (is_ipv4(&flow)) {
            if (random_range(2)) {
                flow.nw_src = random_uint32();
            }
            if (random_range(2)) {
                flow.nw_dst = random_uint32();
            }
            if (random_range(2)) {
                flow.nw_tos = random_uint8();
                flow.nw_ttl = random_uint8();
            }
            packet_set_ipv4(b, flow.nw_src, flow.nw_dst, flow.nw_tos,
                            flow.nw_ttl);
        } else {
            if (random_range(2)) {
                random_in6(&flow.ipv6_src);
            }
            if (random_range(2)) {
                random_in6(&flow.ipv6_dst);
            }
            if (random_range(2)) {
                flow.nw_tos = random_uint8();
                flow.nw_ttl = random_uint8();
                flow.ipv6_label = htonl(random_uint32() & IPV6_LABEL_MASK);
            }
            packet_set_ipv6(b, &flow.ipv6_src, &flow.ipv6_dst, flow.nw_tos,
                            flow.ipv6_label, flow.nw_ttl);
        }
        if (dp_packet_l4(b) && random_range(2)) {
            bool nd = is_nd(&flow);

            flow.tp_src = random_uint16();
            flow.tp_dst = random_uint16();
            if (flow.nw_proto == IPPROTO_TCP) {
                packet_set_tcp_port(b, flow.tp_src, flow.tp_dst);
            } else if (flow.nw_proto == IPPROTO_UDP) {
                packet_set_udp_port(b, flow.tp_src, flow.tp_dst);
            } else if (flow.nw_proto == IPPROTO_SCTP) {
                packet_set_sctp_port(b, flow.tp_src, flow.tp_dst);
            } else if (nd) {
                flow.tp_src = f.tp_src;
                flow.tp_dst = f.tp_dst;
                random_in6(&flow.nd_target);
                if (!eth_addr_is_zero(flow.arp_sha)) {
                    flow.arp_sha = random_eth();
                    flow.arp_sha.ea[5] |= 1;
                }
                if (!eth_addr_is_zero(flow.arp_tha)) {
                    flow.arp_tha = random_eth();
                    flow.arp_tha.ea[5] |= 1;
                }
                packet_set_nd(b, &flow.nd_target, flow.arp_sha,
                              flow.arp_tha);
            } else {
                flow.tp_src = htons(random_uint8());
                flow.tp_dst = htons(random_uint8());
                if (flow.nw_proto == IPPROTO_IGMP) {
                    flow.tp_src = f.tp_src;
                    flow.tp_dst = f.tp_dst;
                } else {
                    packet_set_icmp(b, ntohs(flow.tp_src),
                                    ntohs(flow.tp_dst));
                }
            }
        }

        if (partial) {
            partials++;
            dp_packet_ol_finalize_l4_csum(b);
            CHECK(!dp_packet_ol_l4_csum_partial(b));
        }
        flow_extract(b, &f);
        check_flow_equal(&f, &flow, OVS_SOURCE_LOCATOR);
        check_csums(b, &flow);

        /* Incremental updates give what full recomputation gives. */
        struct dp_packet *c = dp_packet_clone(b);
        packet_csum_recompute(c);
        CHECK(!memcmp(dp_packet_data(b), dp_packet_data(c),
                      dp_packet_size(b)));
        dp_packet_delete(c);
        dp_packet_delete(b);
        edited++;
    }
    CHECK(edited > 5000 && partials > 500);
}
OVSTEST_REGISTER("flow/set-fields-csum", test_flow_set_fields_csum);

/* A zero UDP checksum over IPv4 means none, and stays zero. */
static void
test_flow_udp_zero_csum(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct dp_packet *b = packet_from_hex(
        E "0800 4500001c000040004011 0000 0a000001 0a000002 " UDP);
    struct udp_header *udp;
    struct flow flow;

    flow_extract(b, &flow);
    packet_set_ipv4(b, htonl(0x01020304), flow.nw_dst, 0, 64);
    packet_set_udp_port(b, htons(1), htons(2));
    udp = dp_packet_l4(b);
    CHECK(!udp->udp_csum);
    CHECK(udp->udp_src == htons(1));
    dp_packet_delete(b);
}
OVSTEST_REGISTER("flow/udp-zero-csum", test_flow_udp_zero_csum);

/* Edits on packets without the headers do nothing. */
static void
test_flow_edits_missing_headers(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const char *const hexes[] = {
        "", "0a00", E "0800", E "0800 4500001c000040004011",
        E "86dd 60000000", E "8847", E "0806 0001",
    };

    for (size_t i = 0; i < ARRAY_SIZE(hexes); i++) {
        struct dp_packet *b = packet_from_hex(hexes[i]);
        struct dp_packet *orig = dp_packet_clone(b);
        struct in6_addr a;
        struct flow flow;

        flow_extract(b, &flow);
        memset(&a, 1, sizeof a);
        packet_set_ipv4(b, 1, 2, 3, 4);
        packet_set_ipv6(b, &a, &a, 1, 2, 3);
        packet_set_tcp_port(b, 1, 2);
        packet_set_udp_port(b, 1, 2);
        packet_set_sctp_port(b, 1, 2);
        packet_set_icmp(b, 1, 2);
        packet_set_nd(b, &a, eth_addr_zero, eth_addr_zero);
        set_mpls_lse(b, 1);
        pop_mpls(b, htons(ETH_TYPE_IP));
        eth_pop_vlan(b);
        packet_csum_recompute(b);
        CHECK_INT(dp_packet_size(b), dp_packet_size(orig));
        CHECK(!dp_packet_size(b)
              || !memcmp(dp_packet_data(b), dp_packet_data(orig),
                         dp_packet_size(b)));
        dp_packet_delete(b);
        dp_packet_delete(orig);
    }
}
OVSTEST_REGISTER("flow/edits-missing-headers",
                 test_flow_edits_missing_headers);

/* Hashes. */

static void
test_flow_hash_symmetric(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    int differ = 0;

    random_set_seed(6);
    for (int i = 0; i < 5000; i++) {
        struct flow flow, rev;

        random_flow(&flow);
        rev = flow;
        rev.dl_src = flow.dl_dst;
        rev.dl_dst = flow.dl_src;
        rev.nw_src = flow.nw_dst;
        rev.nw_dst = flow.nw_src;
        rev.ipv6_src = flow.ipv6_dst;
        rev.ipv6_dst = flow.ipv6_src;
        rev.tp_src = flow.tp_dst;
        rev.tp_dst = flow.tp_src;
        CHECK(flow_hash_symmetric_l4(&flow, 9)
              == flow_hash_symmetric_l4(&rev, 9));
        CHECK(flow_hash_symmetric_l3l4(&flow, 9)
              == flow_hash_symmetric_l3l4(&rev, 9));

        if (is_tcp(&flow) || is_udp(&flow)) {
            struct flow other = flow;

            other.tp_src = ~other.tp_src;
            differ += (flow_hash_5tuple(&flow, 0)
                       != flow_hash_5tuple(&other, 0));
            differ += (flow_hash_symmetric_l4(&flow, 0)
                       != flow_hash_symmetric_l4(&other, 0));
            /* Metadata does not matter to the 5-tuple. */
            other = flow;
            other.in_port.odp_port++;
            CHECK(flow_hash_5tuple(&flow, 0) == flow_hash_5tuple(&other, 0));
        }
    }
    CHECK(differ > 1000);
}
OVSTEST_REGISTER("flow/hash-symmetric", test_flow_hash_symmetric);

/* Wildcards and miniflows. */

static void
random_mask(struct flow_wildcards *wc)
{
    uint64_t *m = flow_u64(&wc->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        int r = random_range(4);

        m[i] = r == 0 ? 0 : r == 1 ? UINT64_MAX
               : r == 2 ? random_uint64() : 0;
    }
}

/* B is A with a few words changed, so that masked comparisons come out
 * either way. */
static void
perturb_flow(const struct flow *a, struct flow *b)
{
    *b = *a;
    for (int n = random_range(3); n > 0; n--) {
        flow_u64(b)[random_range(FLOW_U64S)] ^= UINT64_C(1)
                                                << random_range(64);
    }
}

static void
test_flow_wildcards(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct flow_wildcards wc, wc2, wc3;
    struct flow flow, f2;

    flow_wildcards_init_catchall(&wc);
    CHECK(flow_wildcards_is_catchall(&wc));
    CHECK(!flow_wildcards_is_exact(&wc));
    flow_wildcards_init_exact(&wc2);
    CHECK(flow_wildcards_is_exact(&wc2));
    CHECK(!flow_wildcards_is_catchall(&wc2));
    CHECK(!wc2.masks.pad1[0] && !wc2.masks.mpls_lse[3]);
    CHECK(flow_wildcards_has_extra(&wc2, &wc));
    CHECK(!flow_wildcards_has_extra(&wc, &wc2));

    random_set_seed(8);
    for (int i = 0; i < 2000; i++) {
        random_flow(&flow);
        perturb_flow(&flow, &f2);
        random_mask(&wc);
        random_mask(&wc2);

        flow_wildcards_or(&wc3, &wc, &wc2);
        CHECK(!flow_wildcards_has_extra(&wc, &wc3));
        CHECK(!flow_wildcards_has_extra(&wc2, &wc3));
        flow_wildcards_and(&wc3, &wc, &wc2);
        CHECK(!flow_wildcards_has_extra(&wc3, &wc));
        wc3 = wc;
        flow_wildcards_fold(&wc3, &wc2);
        CHECK(!flow_wildcards_has_extra(&wc2, &wc3));
        CHECK(flow_wildcards_equal(&wc, &wc)
              && flow_wildcards_hash(&wc, 1) == flow_wildcards_hash(&wc, 1));

        /* Masked equality agrees with masking both and comparing. */
        struct flow m1 = flow, m2 = f2;
        flow_zero_wildcards(&m1, &wc);
        flow_zero_wildcards(&m2, &wc);
        CHECK(flow_equal_except(&flow, &f2, &wc) == flow_equal(&m1, &m2));
        if (flow_equal(&m1, &m2)) {
            CHECK(flow_hash_in_wildcards(&flow, &wc, 3)
                  == flow_hash_in_wildcards(&f2, &wc, 3));
        }
        CHECK(flow_hash_in_wildcards(&flow, &wc, 3)
              == flow_hash_in_wildcards(&m1, &wc, 3));
    }
}
OVSTEST_REGISTER("flow/wildcards", test_flow_wildcards);

static void
test_flow_miniflow(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    random_set_seed(9);
    for (int i = 0; i < 5000; i++) {
        struct flow_wildcards wc, wc2, wc_exp;
        struct flow flow, f2, exp;
        struct miniflow *mf, *mf2, *clone;
        struct minimask *mm, *mm2;

        random_flow(&flow);
        if (i % 3 == 0) {
            /* Also all-bits flows. */
            random_bytes(&flow, sizeof flow);
        }
        perturb_flow(&flow, &f2);
        random_mask(&wc);
        random_mask(&wc2);
        if (i % 10 == 0) {
            flow_wildcards_init_catchall(&wc);
        }

        mf = miniflow_create(&flow);
        mf2 = miniflow_create(&f2);
        mm = minimask_create(&wc);
        mm2 = minimask_create(&wc2);

        /* Expansion and element access. */
        CHECK_INT(miniflow_n_values(mf), flow_n_nonzero_u64s(&flow));
        miniflow_expand(mf, &exp);
        CHECK(flow_equal(&exp, &flow));
        for (size_t j = 0; j < FLOW_U64S; j++) {
            CHECK(miniflow_get(mf, j) == flow_u64_const(&flow)[j]);
        }
        minimask_expand(mm, &wc_exp);
        CHECK(flow_wildcards_equal(&wc_exp, &wc));
        CHECK(minimask_is_catchall(mm) == flow_wildcards_is_catchall(&wc));

        /* Equality and hashing. */
        clone = miniflow_clone(mf);
        CHECK(miniflow_equal(mf, clone));
        CHECK(miniflow_hash(mf, 5) == miniflow_hash(clone, 5));
        CHECK(miniflow_equal(mf, mf2) == flow_equal(&flow, &f2));

        bool eq = flow_equal_except(&flow, &f2, &wc);
        CHECK(miniflow_equal_in_minimask(mf, mf2, mm) == eq);
        CHECK(miniflow_equal_flow_in_minimask(mf, &f2, mm) == eq);
        CHECK(miniflow_equal_flow_in_minimask(mf2, &flow, mm) == eq);

        uint32_t h = flow_hash_in_wildcards(&flow, &wc, 11);
        CHECK(flow_hash_in_minimask(&flow, mm, 11) == h);
        CHECK(miniflow_hash_in_minimask(mf, mm, 11) == h);
        if (eq) {
            CHECK(miniflow_hash_in_minimask(mf2, mm, 11) == h);
        }

        CHECK(minimask_has_extra(mm, mm2)
              == flow_wildcards_has_extra(&wc, &wc2));
        CHECK(minimask_equal(mm, mm2) == flow_wildcards_equal(&wc, &wc2));
        CHECK(minimask_hash(mm, 1) == minimask_hash(mm, 1));

        miniflow_destroy(mf);
        miniflow_destroy(mf2);
        miniflow_destroy(clone);
        minimask_destroy(mm);
        minimask_destroy(mm2);
    }
}
OVSTEST_REGISTER("flow/miniflow", test_flow_miniflow);

static void
test_flow_registers(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct flow flow;
    ovs_u128 v;

    memset(&flow, 0, sizeof flow);
    flow_set_xreg(&flow, 1, UINT64_C(0x0102030405060708));
    CHECK(flow.regs[2] == 0x01020304 && flow.regs[3] == 0x05060708);
    CHECK(flow_get_xreg(&flow, 1) == UINT64_C(0x0102030405060708));
    v.u64.hi = UINT64_C(0x1112131415161718);
    v.u64.lo = UINT64_C(0x2122232425262728);
    flow_set_xxreg(&flow, 3, v);
    CHECK(flow.regs[12] == 0x11121314 && flow.regs[15] == 0x25262728);
    CHECK(ovs_u128_equals(flow_get_xxreg(&flow, 3), v));
}
OVSTEST_REGISTER("flow/registers", test_flow_registers);

/* Differential testing against upstream (tests/flow-oracle.py).
 *
 * "ovstest flow-oracle N SEED" prints N Ethernet packets, one a line, as
 * "HEX KEYS", where KEYS is what flow_extract() found, as comma-separated
 * key=value pairs named and formatted as upstream's ofp-print prints a
 * packet-in's flow (a superset of the keys it prints).  The packets are
 * composed from random flows and then often damaged: cut short, bytes
 * overwritten, a length field changed. */

static void
put_upstream_keys(struct ds *s, const struct flow *f)
{
    char a[INET6_ADDRSTRLEN_OVS], b[INET6_ADDRSTRLEN_OVS];
    ovs_be32 lse = f->mpls_lse[0];
    static const char *const frags[] = {
        "no", "first", "<invalid>", "later"
    };

    ds_put_format(s, "dl_src="ETH_ADDR_FMT",dl_dst="ETH_ADDR_FMT
                  ",dl_type=0x%04"PRIx16, ETH_ADDR_ARGS(f->dl_src),
                  ETH_ADDR_ARGS(f->dl_dst), ntohs(f->dl_type));
    for (int i = 0; i < 2; i++) {
        const char *sfx = i ? "1" : "";
        ovs_be16 tci = f->vlans[i].tci;

        ds_put_format(s, ",vlan_tci%s=0x%04"PRIx16",dl_vlan%s=%"PRIu16
                      ",dl_vlan_pcp%s=%d", sfx, ntohs(tci), sfx,
                      vlan_tci_to_vid(tci), sfx, vlan_tci_to_pcp(tci));
    }
    ds_put_format(s, ",nw_src="IP_FMT",nw_dst="IP_FMT",arp_spa="IP_FMT
                  ",arp_tpa="IP_FMT",arp_op=%"PRIu8, IP_ARGS(f->nw_src),
                  IP_ARGS(f->nw_dst), IP_ARGS(f->nw_src),
                  IP_ARGS(f->nw_dst), f->nw_proto);
    ds_put_format(s, ",arp_sha="ETH_ADDR_FMT",arp_tha="ETH_ADDR_FMT
                  ",nd_sll="ETH_ADDR_FMT",nd_tll="ETH_ADDR_FMT,
                  ETH_ADDR_ARGS(f->arp_sha), ETH_ADDR_ARGS(f->arp_tha),
                  ETH_ADDR_ARGS(f->arp_sha), ETH_ADDR_ARGS(f->arp_tha));
    ds_put_format(s, ",ipv6_src=%s,ipv6_dst=%s,ipv6_label=0x%05"PRIx32,
                  ipv6_string(&f->ipv6_src, a), ipv6_string(&f->ipv6_dst, b),
                  ntohl(f->ipv6_label));
    ds_put_format(s, ",nd_target=%s", ipv6_string(&f->nd_target, a));
    ds_put_format(s, ",nw_proto=%"PRIu8",nw_tos=%d,nw_ecn=%d,nw_ttl=%"PRIu8
                  ",nw_frag=%s", f->nw_proto, f->nw_tos & IP_DSCP_MASK,
                  f->nw_tos & IP_ECN_MASK, f->nw_ttl, frags[f->nw_frag & 3]);
    ds_put_format(s, ",tp_src=%"PRIu16",tp_dst=%"PRIu16",icmp_type=%"PRIu16
                  ",icmp_code=%"PRIu16",tcp_flags=", ntohs(f->tp_src),
                  ntohs(f->tp_dst), ntohs(f->tp_src), ntohs(f->tp_dst));
    packet_format_tcp_flags(s, ntohs(f->tcp_flags));
    ds_put_format(s, ",mpls_label=%"PRIu32",mpls_tc=%d,mpls_ttl=%d"
                  ",mpls_bos=%d,mpls_lse1=%"PRIu32",mpls_lse2=%"PRIu32,
                  mpls_lse_to_label(lse), mpls_lse_to_tc(lse),
                  mpls_lse_to_ttl(lse), mpls_lse_to_bos(lse),
                  ntohl(f->mpls_lse[1]), ntohl(f->mpls_lse[2]));
}

/* Damages B at random. */
static void
mutate_packet(struct dp_packet *b)
{
    size_t size = dp_packet_size(b);
    uint8_t *p = dp_packet_data(b);

    switch (random_range(6)) {
    case 0:
        break;
    case 1:
        dp_packet_set_size(b, random_range(size + 1));
        break;
    case 2:
        for (int n = 1 + random_range(3); n > 0 && size; n--) {
            p[random_range(size)] = random_uint8();
        }
        break;
    case 3:
        /* Small values where lengths and types live. */
        for (int n = 1 + random_range(2); n > 0 && size; n--) {
            p[random_range(size)] = random_range(16);
        }
        break;
    case 4:
        if (size > ETH_HEADER_LEN + 3) {
            /* An IPv4 header length or an IPv6 payload length. */
            size_t k = ETH_HEADER_LEN + random_range(MIN(size, 60)
                                                     - ETH_HEADER_LEN);
            p[k] = random_uint8();
        }
        break;
    default:
        dp_packet_put(b, "\0\0\0\0", random_range(5));
        break;
    }
}

static void
flow_oracle(int argc, char *argv[])
{
    int n = argc > 1 ? atoi(argv[1]) : 100;

    random_set_seed(argc > 2 ? atoi(argv[2]) : 1);
    for (int i = 0; i < n; i++) {
        struct dp_packet *b = dp_packet_new(0);
        struct ds s = DS_EMPTY_INITIALIZER;
        struct flow flow;

        do {
            random_flow(&flow);
        } while (!flow_is_eth(&flow));
        flow_compose(b, &flow, random_range(3) ? 0 : random_range(30));
        mutate_packet(b);
        pkt_metadata_init(&b->md, 0);

        ds_put_hex(&s, dp_packet_data(b), dp_packet_size(b));
        ds_put_char(&s, ' ');
        flow_extract(b, &flow);
        put_upstream_keys(&s, &flow);
        puts(ds_cstr(&s));
        ds_destroy(&s);
        dp_packet_delete(b);
    }
}
OVSTEST_COMMAND("flow-oracle", flow_oracle);
