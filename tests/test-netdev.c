/* Unit tests and test helpers for the network device layer: lib/netlink,
 * lib/netlink-socket, lib/rtnetlink, lib/pcap-file, lib/netdev and its
 * providers.
 *
 * Unit tests (no privileges needed) check Netlink building and parsing,
 * including malformed input, a generic netlink lookup and an rtnetlink
 * dump against the running kernel, pcap files and dummy devices.  The
 * helper commands named test-netdev-* are driven by tests/netdev.at, which
 * runs them as root inside network namespaces it creates. */
#include <config.h>

#include <errno.h>
#include <linux/genetlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include "coverage.h"
#include "dp-packet.h"
#include "dynamic-string.h"
#include "netdev-dummy.h"
#include "netdev-provider.h"
#include "netdev.h"
#include "netlink-socket.h"
#include "netlink.h"
#include "ovstest.h"
#include "packets.h"
#include "pcap-file.h"
#include "poll-loop.h"
#include "random.h"
#include "rtnetlink.h"
#include "smap.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

/* Netlink. */

enum {
    TA_UNSPEC,
    TA_U8,
    TA_U16,
    TA_U32,
    TA_U64,
    TA_BE16,
    TA_BE32,
    TA_BE64,
    TA_STRING,
    TA_FLAG,
    TA_NESTED,
    TA_BLOB,
    TA_OPTIONAL,
    N_TA
};

static const struct nl_policy test_policy[N_TA] = {
    [TA_U8] = { .type = NL_A_U8 },
    [TA_U16] = { .type = NL_A_U16 },
    [TA_U32] = { .type = NL_A_U32 },
    [TA_U64] = { .type = NL_A_U64 },
    [TA_BE16] = { .type = NL_A_BE16 },
    [TA_BE32] = { .type = NL_A_BE32 },
    [TA_BE64] = { .type = NL_A_BE64 },
    [TA_STRING] = { .type = NL_A_STRING, .max_len = 16 },
    [TA_FLAG] = { .type = NL_A_FLAG },
    [TA_NESTED] = { .type = NL_A_NESTED },
    [TA_BLOB] = { .type = NL_A_UNSPEC, .min_len = 3, .max_len = 5 },
    [TA_OPTIONAL] = { .type = NL_A_U32, .optional = true },
};

static void
put_all_attrs(struct ofpbuf *msg)
{
    size_t nested;

    nl_msg_put_nlmsghdr(msg, 0, 0x1234, NLM_F_REQUEST);
    nl_msg_put_u8(msg, TA_U8, 0xab);
    nl_msg_put_u16(msg, TA_U16, 0xabcd);
    nl_msg_put_u32(msg, TA_U32, 0xdeadbeef);
    nl_msg_put_u64(msg, TA_U64, UINT64_C(0x0123456789abcdef));
    nl_msg_put_be16(msg, TA_BE16, htons(0x1122));
    nl_msg_put_be32(msg, TA_BE32, htonl(0x11223344));
    nl_msg_put_be64(msg, TA_BE64, htonll(UINT64_C(0x1122334455667788)));
    nl_msg_put_string(msg, TA_STRING, "hello");
    nl_msg_put_flag(msg, TA_FLAG);
    nested = nl_msg_start_nested(msg, TA_NESTED);
    nl_msg_put_u32(msg, 1, 42);
    nl_msg_put_string(msg, 2, "inner");
    nl_msg_end_nested(msg, nested);
    nl_msg_put_unspec(msg, TA_BLOB, "abcd", 4);
    /* An attribute type the policy does not know is skipped. */
    nl_msg_put_u32(msg, 200, 7);
}

static void
test_netlink_put_parse(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const struct nl_policy inner_policy[] = {
        [1] = { .type = NL_A_U32 },
        [2] = { .type = NL_A_STRING },
    };
    struct nlattr *attrs[N_TA], *inner[3];
    struct ofpbuf msg, nested;

    ofpbuf_init(&msg, 0);
    put_all_attrs(&msg);
    CHECK_INT(msg.size % 4, 0);
    CHECK(nl_msg_nlmsghdr(&msg)->nlmsg_type == 0x1234);

    CHECK(nl_policy_parse(&msg, NLMSG_HDRLEN, test_policy, attrs, N_TA));
    CHECK_INT(nl_attr_get_u8(attrs[TA_U8]), 0xab);
    CHECK_INT(nl_attr_get_u16(attrs[TA_U16]), 0xabcd);
    CHECK_INT(nl_attr_get_u32(attrs[TA_U32]), 0xdeadbeef);
    CHECK(nl_attr_get_u64(attrs[TA_U64]) == UINT64_C(0x0123456789abcdef));
    CHECK(nl_attr_get_be16(attrs[TA_BE16]) == htons(0x1122));
    CHECK(nl_attr_get_be32(attrs[TA_BE32]) == htonl(0x11223344));
    CHECK(nl_attr_get_be64(attrs[TA_BE64])
          == htonll(UINT64_C(0x1122334455667788)));
    CHECK_STR(nl_attr_get_string(attrs[TA_STRING]), "hello");
    CHECK(nl_attr_get_flag(attrs[TA_FLAG]));
    CHECK(!attrs[TA_OPTIONAL]);
    CHECK_INT(nl_attr_get_size(attrs[TA_BLOB]), 4);
    CHECK(!memcmp(nl_attr_get_unspec(attrs[TA_BLOB], 4), "abcd", 4));

    CHECK(nl_parse_nested(attrs[TA_NESTED], inner_policy, inner, 3));
    CHECK_INT(nl_attr_get_u32(inner[1]), 42);
    CHECK_STR(nl_attr_get_string(inner[2]), "inner");
    nl_attr_get_nested(attrs[TA_NESTED], &nested);
    CHECK_INT(nested.size, nl_attr_size(4) + nl_attr_size(6));

    CHECK(nl_attr_find(&msg, NLMSG_HDRLEN, 200) != NULL);
    CHECK(nl_attr_find(&msg, NLMSG_HDRLEN, 201) == NULL);
    CHECK(nl_attr_find_nested(attrs[TA_NESTED], 2) == inner[2]);
    ofpbuf_uninit(&msg);
}
OVSTEST_REGISTER("netlink/put-parse", test_netlink_put_parse);

static void
test_netlink_nested(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ofpbuf msg;
    size_t ofs, size;

    ofpbuf_init(&msg, 0);
    nl_msg_put_nlmsghdr(&msg, 0, 1, 0);
    size = msg.size;

    /* An empty nested attribute can be dropped... */
    ofs = nl_msg_start_nested(&msg, 5);
    CHECK(nl_msg_end_non_empty_nested(&msg, ofs));
    CHECK_INT(msg.size, size);

    /* ...a non-empty one stays... */
    ofs = nl_msg_start_nested(&msg, 5);
    nl_msg_put_u8(&msg, 1, 9);
    CHECK(!nl_msg_end_non_empty_nested(&msg, ofs));
    CHECK_INT(msg.size, size + NLA_HDRLEN + nl_attr_size(1));

    /* ...and a cancelled one leaves no trace, inner attributes
     * included. */
    size = msg.size;
    ofs = nl_msg_start_nested(&msg, 6);
    nl_msg_put_string(&msg, 1, "gone");
    nl_msg_cancel_nested(&msg, ofs);
    CHECK_INT(msg.size, size);

    /* Nesting two deep. */
    ofs = nl_msg_start_nested(&msg, 7);
    size_t ofs2 = nl_msg_start_nested(&msg, 8);
    nl_msg_put_u16(&msg, 1, 3);
    nl_msg_end_nested(&msg, ofs2);
    nl_msg_end_nested(&msg, ofs);

    const struct nlattr *outer = nl_attr_find(&msg, NLMSG_HDRLEN, 7);
    CHECK(outer);
    const struct nlattr *mid = nl_attr_find_nested(outer, 8);
    CHECK(mid);
    const struct nlattr *leaf = nl_attr_find_nested(mid, 1);
    CHECK(leaf);
    CHECK_INT(nl_attr_get_u16(leaf), 3);

    ofpbuf_uninit(&msg);
}
OVSTEST_REGISTER("netlink/nested", test_netlink_nested);

/* Parses BYTES (attributes only) against test_policy; expects failure and
 * every attrs[] entry left NULL. */
static void
expect_malformed(const char *what, const void *bytes, size_t n)
{
    struct nlattr *attrs[N_TA];
    struct ofpbuf msg;
    void *copy = xmemdup(bytes, n ? n : 1);

    ofpbuf_use_const(&msg, copy, n);
    if (nl_policy_parse(&msg, 0, test_policy, attrs, N_TA)) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "%s: parsed", what);
    }
    for (size_t i = 0; i < N_TA; i++) {
        if (attrs[i]) {
            ovstest_fail(OVS_SOURCE_LOCATOR, "%s: attrs[%zu] set", what, i);
        }
    }
    free(copy);
}

/* A copy of put_all_attrs()' attributes, without the nlmsghdr. */
static struct ofpbuf *
good_attrs(void)
{
    struct ofpbuf msg;
    struct ofpbuf *attrs;

    ofpbuf_init(&msg, 0);
    put_all_attrs(&msg);
    attrs = ofpbuf_clone_data((char *) msg.data + NLMSG_HDRLEN,
                              msg.size - NLMSG_HDRLEN);
    ofpbuf_uninit(&msg);
    return attrs;
}

static void
set_u16(struct ofpbuf *b, size_t ofs, uint16_t x)
{
    memcpy((char *) b->data + ofs, &x, 2);
}

static void
test_netlink_malformed(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ofpbuf *b;
    struct nlattr *attrs[N_TA];
    struct ofpbuf msg;

    /* Sanity: the good attributes parse. */
    b = good_attrs();
    CHECK(nl_policy_parse(b, 0, test_policy, attrs, N_TA));

    /* Every truncation of the run fails (a required attribute goes missing
     * or the last one is cut). */
    for (size_t n = 0; n < b->size; n++) {
        /* Cutting exactly the last attribute, of a type the policy
         * ignores, leaves a valid run. */
        if (n != b->size - nl_attr_size(4)) {
            expect_malformed("truncated", b->data, n);
        }
    }

    /* The first attribute is the u8 at offset 0 (8 bytes with padding). */
    struct ofpbuf *c;

    c = ofpbuf_clone(b);
    set_u16(c, 0, 3);           /* nla_len smaller than the header. */
    expect_malformed("short nla_len", c->data, c->size);
    ofpbuf_delete(c);

    c = ofpbuf_clone(b);
    set_u16(c, 0, 0);           /* nla_len 0 must not loop forever. */
    expect_malformed("zero nla_len", c->data, c->size);
    ofpbuf_delete(c);

    c = ofpbuf_clone(b);
    set_u16(c, 0, 0xfff0);      /* nla_len past the end. */
    expect_malformed("long nla_len", c->data, c->size);
    ofpbuf_delete(c);

    c = ofpbuf_clone(b);
    set_u16(c, 0, 6);           /* u8 with a 2-byte payload. */
    expect_malformed("wrong size u8", c->data, c->size);
    ofpbuf_delete(c);

    /* Trailing garbage shorter than an attribute header. */
    c = ofpbuf_clone(b);
    ofpbuf_put_zeros(c, 2);
    expect_malformed("trailing bytes", c->data, c->size);
    ofpbuf_delete(c);
    ofpbuf_delete(b);

    /* Type-specific checks, one bad attribute added to good ones. */
    static const struct {
        const char *what;
        uint16_t type;
        const char *payload;
        size_t len;
    } bad[] = {
        { "string without null", TA_STRING, "abc", 3 },
        { "empty string", TA_STRING, "", 0 },
        { "string too long", TA_STRING, "0123456789abcdefXYZ", 20 },
        { "flag with payload", TA_FLAG, "x", 1 },
        { "u32 too short", TA_U32, "abc", 3 },
        { "u64 too long", TA_U64, "123456789", 9 },
        { "blob too short", TA_BLOB, "ab", 2 },
        { "blob too long", TA_BLOB, "abcdef", 6 },
        { "optional u32 wrong size", TA_OPTIONAL, "ab", 2 },
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        b = good_attrs();
        nl_msg_put_unspec(b, bad[i].type, bad[i].payload, bad[i].len);
        expect_malformed(bad[i].what, b->data, b->size);
        ofpbuf_delete(b);
    }

    /* Attributes offset beyond the message. */
    b = good_attrs();
    CHECK(!nl_policy_parse(b, b->size + 4, test_policy, attrs, N_TA));
    ofpbuf_delete(b);

    /* nl_msg_next() on bad message lengths. */
    struct nlmsghdr h = { .nlmsg_len = 8 };
    ofpbuf_use_const(&msg, &h, sizeof h);
    struct ofpbuf one;
    CHECK(!nl_msg_next(&msg, &one));
    CHECK_INT(msg.size, 0);
    h.nlmsg_len = 1000;
    ofpbuf_use_const(&msg, &h, sizeof h);
    CHECK(!nl_msg_next(&msg, &one));
    h.nlmsg_len = sizeof h;
    ofpbuf_use_const(&msg, &h, sizeof h);
    CHECK(nl_msg_next(&msg, &one));
    CHECK_INT(one.size, sizeof h);
    CHECK(!nl_msg_next(&msg, &one));

    /* Random garbage: must never crash or read out of bounds (the
     * sanitizer build checks the latter). */
    random_set_seed(12345);
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = random_range(64);
        uint8_t *p = xmalloc(n ? n : 1);

        for (size_t i = 0; i < n; i++) {
            p[i] = random_uint8();
        }
        /* Make plausible small lengths and known types common. */
        if (n >= 4 && random_range(2)) {
            uint16_t len = random_range(n + 4), type = random_range(N_TA);

            memcpy(p, &len, 2);
            memcpy(p + 2, &type, 2);
        }
        ofpbuf_use_const(&msg, p, n);
        if (nl_policy_parse(&msg, 0, test_policy, attrs, N_TA)) {
            /* Whatever passed must be safe to read. */
            for (size_t i = 0; i < N_TA; i++) {
                if (attrs[i] && test_policy[i].type == NL_A_STRING) {
                    ovs_ignore(strlen(nl_attr_get_string(attrs[i])));
                }
            }
        }
        free(p);
    }
}
OVSTEST_REGISTER("netlink/malformed", test_netlink_malformed);

static void
test_netlink_nlmsgerr(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ofpbuf msg;
    struct nlmsgerr *err;
    int code;

    ofpbuf_init(&msg, 0);
    nl_msg_put_nlmsghdr(&msg, sizeof *err, NLMSG_ERROR, 0);
    err = nl_msg_put_uninit(&msg, sizeof *err);
    memset(err, 0, sizeof *err);
    err->error = -ENODEV;
    CHECK(nl_msg_nlmsgerr(&msg, &code));
    CHECK_INT(code, ENODEV);

    ((struct nlmsgerr *) ((char *) msg.data + NLMSG_HDRLEN))->error = 0;
    CHECK(nl_msg_nlmsgerr(&msg, &code));
    CHECK_INT(code, 0);

    /* Positive errors are protocol errors; so is a truncated message. */
    ((struct nlmsgerr *) ((char *) msg.data + NLMSG_HDRLEN))->error = 5;
    CHECK(nl_msg_nlmsgerr(&msg, &code));
    CHECK_INT(code, EPROTO);
    msg.size = NLMSG_HDRLEN + 2;
    CHECK(nl_msg_nlmsgerr(&msg, &code));
    CHECK_INT(code, EPROTO);

    ((struct nlmsghdr *) msg.data)->nlmsg_type = NLMSG_DONE;
    CHECK(!nl_msg_nlmsgerr(&msg, &code));
    ofpbuf_uninit(&msg);
}
OVSTEST_REGISTER("netlink/nlmsgerr", test_netlink_nlmsgerr);

/* Talks to the kernel: the generic netlink controller knows itself. */
static void
test_netlink_genl_lookup(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    unsigned int group;
    int number;

    CHECK_INT(nl_lookup_genl_family("nlctrl", &number), 0);
    CHECK_INT(number, GENL_ID_CTRL);
    CHECK_INT(nl_lookup_genl_mcgroup("nlctrl", "notify", &group), 0);
    CHECK(group > 0);
    CHECK_INT(nl_lookup_genl_mcgroup("nlctrl", "no-such-group", &group),
              ENOENT);
    CHECK_INT(nl_lookup_genl_family("nosuchfam", &number), ENOENT);
}
OVSTEST_REGISTER("netlink/genl-lookup", test_netlink_genl_lookup);

/* Talks to the kernel: a link dump includes the loopback device, and a
 * request for a device that does not exist fails with ENODEV. */
static void
test_netlink_dump_links(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ofpbuf request, reply, *one;
    struct ifinfomsg *ifi;
    struct nl_dump dump;
    bool found_lo = false;
    int n = 0;

    ofpbuf_init(&request, 0);
    nl_msg_put_nlmsghdr(&request, sizeof *ifi, RTM_GETLINK, NLM_F_REQUEST);
    ifi = nl_msg_put_uninit(&request, sizeof *ifi);
    memset(ifi, 0, sizeof *ifi);
    nl_dump_start(&dump, NETLINK_ROUTE, &request);
    while (nl_dump_next(&dump, &reply)) {
        struct rtnetlink_change change;

        CHECK(rtnetlink_parse(&reply, &change));
        CHECK(change.nlmsg_type == RTM_NEWLINK);
        if (change.ifi_flags & IFF_LOOPBACK) {
            found_lo = true;
            CHECK_STR(change.ifname, "lo");
        }
        n++;
    }
    CHECK_INT(nl_dump_done(&dump), 0);
    CHECK(n >= 1);
    CHECK(found_lo);
    ofpbuf_uninit(&request);

    ofpbuf_init(&request, 0);
    nl_msg_put_nlmsghdr(&request, sizeof *ifi, RTM_GETLINK, NLM_F_REQUEST);
    ifi = nl_msg_put_uninit(&request, sizeof *ifi);
    memset(ifi, 0, sizeof *ifi);
    nl_msg_put_string(&request, IFLA_IFNAME, "nosuchdev0x");
    CHECK_INT(nl_transact(NETLINK_ROUTE, &request, &one), ENODEV);
    CHECK(!one);
    ofpbuf_uninit(&request);
}
OVSTEST_REGISTER("netlink/dump-links", test_netlink_dump_links);

/* pcap. */

static struct dp_packet *
make_frame(uint8_t tag, size_t size)
{
    struct dp_packet *p = dp_packet_new_with_headroom(size,
                                                      DP_PACKET_HEADROOM);
    uint8_t *d = dp_packet_put_zeros(p, size);

    static const uint8_t hdr[14] = {
        0x02, 0x00, 0x00, 0x00, 0x00, 0x02,
        0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
        0x88, 0xb5,
    };
    memcpy(d, hdr, MIN(size, sizeof hdr));
    for (size_t i = sizeof hdr; i < size; i++) {
        d[i] = tag + i;
    }
    return p;
}

static void
test_pcap_roundtrip(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct pcap_file *p;
    struct dp_packet *in[3], *out;
    long long int when;
    FILE *f;

    p = ovs_pcap_open("test.pcap", "wb");
    CHECK(p);
    for (int i = 0; i < 3; i++) {
        in[i] = make_frame(i, 60 + i * 500);
        ovs_pcap_write(p, in[i]);
    }
    ovs_pcap_close(p);

    /* Appending continues the same capture. */
    p = ovs_pcap_open("test.pcap", "ab");
    ovs_pcap_write(p, in[0]);
    ovs_pcap_close(p);

    p = ovs_pcap_open("test.pcap", "rb");
    CHECK(p);
    for (int i = 0; i < 4; i++) {
        struct dp_packet *want = in[i % 3];

        CHECK_INT(ovs_pcap_read(p, &out, &when), 0);
        CHECK(when > 0);
        CHECK_INT(dp_packet_size(out), dp_packet_size(want));
        CHECK(!memcmp(dp_packet_data(out), dp_packet_data(want),
                      dp_packet_size(want)));
        dp_packet_delete(out);
    }
    CHECK_INT(ovs_pcap_read(p, &out, NULL), EOF);
    ovs_pcap_close(p);

    /* Not a pcap file. */
    f = fopen("bad.pcap", "wb");
    fputs("this is not a capture, not at all", f);
    fclose(f);
    CHECK(!ovs_pcap_open("bad.pcap", "rb"));

    /* An absurd record length. */
    p = ovs_pcap_open("bad2.pcap", "wb");
    ovs_pcap_close(p);
    f = fopen("bad2.pcap", "ab");
    uint32_t rec[4] = { 0, 0, 0x7fffffff, 0x7fffffff };
    fwrite(rec, sizeof rec, 1, f);
    fclose(f);
    p = ovs_pcap_open("bad2.pcap", "rb");
    CHECK(p);
    CHECK_INT(ovs_pcap_read(p, &out, NULL), EPROTO);
    ovs_pcap_close(p);

    /* A record cut short. */
    p = ovs_pcap_open("short.pcap", "wb");
    ovs_pcap_write(p, in[1]);
    ovs_pcap_close(p);
    CHECK_INT(truncate("short.pcap", 24 + 16 + 10), 0);
    p = ovs_pcap_open("short.pcap", "rb");
    CHECK_INT(ovs_pcap_read(p, &out, NULL), EOF);
    ovs_pcap_close(p);

    for (int i = 0; i < 3; i++) {
        dp_packet_delete(in[i]);
    }
}
OVSTEST_REGISTER("pcap/roundtrip", test_pcap_roundtrip);

/* Prints each packet in pcap FILE as hex, one per line. */
static void
test_netdev_pcap_print(int argc OVS_UNUSED, char *argv[])
{
    struct pcap_file *p = ovs_pcap_open(argv[1], "rb");
    struct dp_packet *packet;
    int error;

    if (!p) {
        ovs_fatal(errno, "%s: open failed", argv[1]);
    }
    while (!(error = ovs_pcap_read(p, &packet, NULL))) {
        struct ds s = DS_EMPTY_INITIALIZER;

        ds_put_hex(&s, dp_packet_data(packet), dp_packet_size(packet));
        puts(ds_cstr(&s));
        ds_destroy(&s);
        dp_packet_delete(packet);
    }
    ovs_pcap_close(p);
    if (error != EOF) {
        ovs_fatal(error, "%s: read failed", argv[1]);
    }
}
OVSTEST_COMMAND("test-netdev-pcap-print", test_netdev_pcap_print);

/* Dummy devices and the netdev layer. */

static struct netdev *
open_dummy(const char *name, const char *type)
{
    struct netdev *netdev;

    CHECK_INT(netdev_open(name, type, &netdev), 0);
    return netdev;
}

static void
test_netdev_open_close(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct netdev *a, *b, *c;

    netdev_dummy_register(DUMMY_OVERRIDE_NONE);
    a = open_dummy("p1", "dummy");
    b = open_dummy("p1", "dummy");
    CHECK(a == b);
    CHECK_STR(netdev_get_type(a), "dummy");
    CHECK_STR(netdev_get_name(a), "p1");
    CHECK_INT(netdev_open("p1", "internal", &c), EEXIST);
    CHECK(!c);
    CHECK_INT(netdev_open("p2", "no-such-type", &c), EAFNOSUPPORT);
    CHECK_INT(netdev_open("", "dummy", &c), EINVAL);
    CHECK(netdev_is_type_registered("dummy"));
    CHECK(netdev_is_type_registered("system"));
    CHECK(netdev_is_type_registered("tap"));
    CHECK(!netdev_is_type_registered("no-such-type"));

    c = netdev_from_name("p1");
    CHECK(c == a);
    netdev_close(c);
    netdev_close(a);
    c = netdev_from_name("p1");
    CHECK(c == b);
    netdev_close(c);
    netdev_close(b);
    CHECK(!netdev_from_name("p1"));
}
OVSTEST_REGISTER("netdev/open-close", test_netdev_open_close);

static void
test_netdev_dummy_basic(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct netdev *p1, *p2;
    struct netdev_rxq *rxq;
    struct dp_packet_batch batch;
    struct netdev_stats stats;
    struct smap args;
    struct eth_addr mac;
    uint64_t seq;
    char *err;
    int mtu, qfill;
    bool carrier;

    netdev_dummy_register(DUMMY_OVERRIDE_NONE);
    p1 = open_dummy("p1", "dummy");
    p2 = open_dummy("p2", "dummy");
    CHECK(netdev_is_dummy(p1));

    /* Status and the change sequence number. */
    CHECK_INT(netdev_get_etheraddr(p1, &mac), 0);
    CHECK(!eth_addr_is_zero(mac));
    CHECK_INT(netdev_get_mtu(p1, &mtu), 0);
    CHECK_INT(mtu, 1500);
    CHECK_INT(netdev_get_ifindex(p1), -EOPNOTSUPP);
    CHECK(netdev_is_up(p1));

    seq = netdev_get_change_seq(p1);
    CHECK_INT(netdev_set_mtu(p1, 9000), 0);
    CHECK(netdev_get_change_seq(p1) != seq);
    CHECK_INT(netdev_set_mtu(p1, 20), EINVAL);

    seq = netdev_get_change_seq(p1);
    CHECK_INT(netdev_turn_flags_off(p1, NETDEV_UP), 0);
    CHECK(netdev_get_change_seq(p1) != seq);
    CHECK(!netdev_is_up(p1));
    CHECK_INT(netdev_get_carrier(p1, &carrier), 0);
    CHECK(!carrier);
    CHECK_INT(netdev_turn_flags_on(p1, NETDEV_UP), 0);
    CHECK_INT(netdev_get_carrier_resets(p1), 2);

    seq = netdev_get_change_seq(p1);
    mac = (struct eth_addr) ETH_ADDR_C(02, 11, 22, 33, 44, 55);
    CHECK_INT(netdev_set_etheraddr(p1, mac), 0);
    CHECK(netdev_get_change_seq(p1) != seq);

    /* Configuration: a bad option changes nothing. */
    smap_init(&args);
    smap_add(&args, "tx_pcap", "p2-tx.pcap");
    smap_add(&args, "rxq_pcap", "p2-rx.pcap");
    smap_add(&args, "ifindex", "7");
    CHECK_INT(netdev_set_config(p2, &args, &err), 0);
    CHECK_INT(netdev_get_ifindex(p2), 7);
    smap_replace(&args, "ifindex", "bogus");
    CHECK_INT(netdev_set_config(p2, &args, &err), EINVAL);
    CHECK(err && strstr(err, "bogus"));
    free(err);
    CHECK_INT(netdev_get_ifindex(p2), 7);
    smap_clear(&args);
    CHECK_INT(netdev_get_config(p2, &args), 0);
    CHECK_STR(smap_get(&args, "tx_pcap"), "p2-tx.pcap");
    smap_destroy(&args);

    /* Receive: nothing, then 40 packets in two batches. */
    CHECK_INT(netdev_rxq_open(p1, &rxq, 0), 0);
    dp_packet_batch_init(&batch);
    CHECK_INT(netdev_rxq_recv(rxq, &batch, NULL), EAGAIN);
    for (int i = 0; i < 40; i++) {
        netdev_dummy_queue_packet(p1, make_frame(i, 64));
    }
    CHECK_INT(netdev_rxq_recv(rxq, &batch, &qfill), 0);
    CHECK_INT(dp_packet_batch_size(&batch), NETDEV_MAX_BURST);
    CHECK_INT(qfill, 40 - NETDEV_MAX_BURST);

    /* Forward them to p2, whose capture must hold them in order. */
    CHECK_INT(netdev_send(p2, 0, &batch, false), 0);
    dp_packet_batch_init(&batch);
    CHECK_INT(netdev_rxq_recv(rxq, &batch, NULL), 0);
    CHECK_INT(dp_packet_batch_size(&batch), 40 - NETDEV_MAX_BURST);
    CHECK_INT(netdev_send(p2, 0, &batch, false), 0);

    CHECK_INT(netdev_get_stats(p1, &stats), 0);
    CHECK_INT(stats.rx_packets, 40);
    CHECK_INT(stats.rx_bytes, 40 * 64);
    CHECK_INT(netdev_get_stats(p2, &stats), 0);
    CHECK_INT(stats.tx_packets, 40);

    struct pcap_file *pcap = ovs_pcap_open("p2-tx.pcap", "rb");
    CHECK(pcap);
    for (int i = 0; i < 40; i++) {
        struct dp_packet *want = make_frame(i, 64), *got;

        CHECK_INT(ovs_pcap_read(pcap, &got, NULL), 0);
        CHECK_INT(dp_packet_size(got), 64);
        CHECK(!memcmp(dp_packet_data(got), dp_packet_data(want), 64));
        dp_packet_delete(got);
        dp_packet_delete(want);
    }
    ovs_pcap_close(pcap);

    netdev_rxq_close(rxq);
    netdev_close(p1);
    netdev_close(p2);
}
OVSTEST_REGISTER("netdev/dummy-basic", test_netdev_dummy_basic);

/* Builds an Ethernet/IPv4/TCP packet with PAYLOAD bytes whose TCP checksum
 * is partial (pseudo-header sum only), with no header offsets set. */
static struct dp_packet *
make_partial_tcp(size_t payload)
{
    size_t size = 14 + 20 + 20 + payload;
    struct dp_packet *p = dp_packet_new_with_headroom(size,
                                                      DP_PACKET_HEADROOM);
    uint8_t *d = dp_packet_put_zeros(p, size);
    struct ip_header *ip;
    uint32_t pseudo;

    memcpy(d, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00",
           14);
    ip = (struct ip_header *) (d + 14);
    d[14] = 0x45;
    put_unaligned_be16(d + 16, htons(size - 14));
    d[22] = 64;
    d[23] = 6;                  /* TCP */
    memcpy(d + 26, "\x0a\x00\x00\x01\x0a\x00\x00\x02", 8);
    put_unaligned_be16(d + 24, csum(d + 14, 20));
    put_unaligned_be16(d + 34, htons(1234));
    put_unaligned_be16(d + 36, htons(80));
    d[46] = 0x50;               /* Data offset 5 words. */
    d[47] = 0x18;
    for (size_t i = 0; i < payload; i++) {
        d[54 + i] = i * 7;
    }
    /* The field holds the folded, uncomplemented pseudo-header sum (a sum
     * of 16-bit words as they lie in memory). */
    pseudo = packet_csum_pseudoheader(ip);
    while (pseudo >> 16) {
        pseudo = (pseudo & 0xffff) + (pseudo >> 16);
    }
    put_unaligned_be16(d + 50, (ovs_be16) pseudo);
    dp_packet_ol_set_l4_csum_partial(p, 16);
    return p;
}

static void
test_netdev_soft_csum(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct dp_packet_batch batch;
    struct dp_packet *p, *got;
    struct pcap_file *pcap;
    struct smap args;
    struct netdev *d;
    char *err;

    netdev_dummy_register(DUMMY_OVERRIDE_NONE);
    d = open_dummy("p9", "dummy");
    smap_init(&args);
    smap_add(&args, "tx_pcap", "tx.pcap");
    CHECK_INT(netdev_set_config(d, &args, &err), 0);
    smap_destroy(&args);

    /* A dummy takes no offloads: the layer completes the checksum. */
    dp_packet_batch_init(&batch);
    p = make_partial_tcp(101);
    dp_packet_batch_add(&batch, p);
    /* A TSO packet it cannot segment is dropped. */
    p = make_partial_tcp(3000);
    dp_packet_ol_set_tcp_seg(p, 1448);
    dp_packet_batch_add(&batch, p);
    CHECK_INT(netdev_send(d, 0, &batch, false), EOPNOTSUPP);

    pcap = ovs_pcap_open("tx.pcap", "rb");
    CHECK_INT(ovs_pcap_read(pcap, &got, NULL), 0);
    CHECK_INT(dp_packet_size(got), 14 + 20 + 20 + 101);

    const uint8_t *d8 = dp_packet_data(got);
    const struct ip_header *ip = (const struct ip_header *) (d8 + 14);
    uint32_t sum = packet_csum_pseudoheader(ip);

    sum = csum_continue(sum, d8 + 34, 20 + 101);
    CHECK_INT(ntohs(csum_finish(sum)), 0);
    dp_packet_delete(got);
    CHECK_INT(ovs_pcap_read(pcap, &got, NULL), EOF);
    ovs_pcap_close(pcap);
    netdev_close(d);
}
OVSTEST_REGISTER("netdev/soft-csum", test_netdev_soft_csum);

/* Helpers for tests/netdev.at (root, inside a network namespace). */

static long long int
helper_deadline(void)
{
    return time_msec() + 10000;
}

static void
helper_init(void)
{
    vlog_set_levels_from_string_assert("ANY:console:warn");
}

/* rtnetlink: test-netdev-rtnl IFNAME [COMMAND EXPECTATION]...
 *
 * Runs each shell COMMAND, then waits (10 s at most) for a link
 * notification about IFNAME that meets EXPECTATION: "new", "del", "up",
 * "down", "running" or "mtu=N".  Prints "ok EXPECTATION" for each. */
struct rtnl_wait {
    const char *ifname;
    const char *expect;
    bool met;
};

static bool
rtnl_meets(const struct rtnetlink_change *c, const char *expect)
{
    int mtu;

    if (!strcmp(expect, "new")) {
        return c->nlmsg_type == RTM_NEWLINK;
    } else if (!strcmp(expect, "del")) {
        return c->nlmsg_type == RTM_DELLINK;
    } else if (!strcmp(expect, "up")) {
        return c->nlmsg_type == RTM_NEWLINK && (c->ifi_flags & IFF_UP);
    } else if (!strcmp(expect, "down")) {
        return c->nlmsg_type == RTM_NEWLINK && !(c->ifi_flags & IFF_UP);
    } else if (!strcmp(expect, "running")) {
        return c->nlmsg_type == RTM_NEWLINK && (c->ifi_flags & IFF_RUNNING);
    } else if (sscanf(expect, "mtu=%d", &mtu) == 1) {
        return c->nlmsg_type == RTM_NEWLINK && c->mtu == mtu;
    }
    ovs_fatal(0, "unknown expectation %s", expect);
}

static void
rtnl_cb(const struct rtnetlink_change *c, void *w_)
{
    struct rtnl_wait *w = w_;

    if (c && !strcmp(c->ifname, w->ifname) && rtnl_meets(c, w->expect)) {
        w->met = true;
    }
}

static void
test_netdev_rtnl(int argc, char *argv[])
{
    struct rtnl_wait w = { .ifname = argv[1] };
    struct rtnetlink_notifier *n;

    helper_init();
    n = rtnetlink_notifier_create(rtnl_cb, &w);
    for (int i = 2; i + 1 < argc; i += 2) {
        long long int deadline;

        w.expect = argv[i + 1];
        w.met = false;
        if (system(argv[i]) != 0) {
            ovs_fatal(0, "command failed: %s", argv[i]);
        }
        deadline = helper_deadline();
        while (!w.met) {
            rtnetlink_run();
            if (w.met) {
                break;
            }
            if (time_msec() > deadline) {
                ovs_fatal(0, "no notification \"%s\" for %s after \"%s\"",
                          w.expect, w.ifname, argv[i]);
            }
            rtnetlink_wait();
            poll_timer_wait_until(deadline);
            poll_block();
        }
        printf("ok %s\n", w.expect);
    }
    rtnetlink_notifier_destroy(n);
}
OVSTEST_COMMAND("test-netdev-rtnl", test_netdev_rtnl);

static struct netdev *
helper_open(const char *name, const char *type)
{
    struct netdev *netdev;
    int error = netdev_open(name, type, &netdev);

    if (error) {
        ovs_fatal(error, "%s: open failed", name);
    }
    error = netdev_turn_flags_on(netdev, NETDEV_UP);
    if (error) {
        ovs_fatal(error, "%s: could not bring up", name);
    }
    return netdev;
}

/* Our test frames: EtherType 0x88b5 (local experimental), so anything the
 * kernel sends by itself is easy to tell apart. */
static bool
is_test_frame(const struct dp_packet *p, bool vlan)
{
    const uint8_t *d = dp_packet_data(p);
    size_t ofs = vlan ? 16 : 12;

    return (dp_packet_size(p) >= ofs + 2 && d[ofs] == 0x88
            && d[ofs + 1] == 0xb5);
}

static struct dp_packet *
make_test_frame(int i, size_t size, int vlan)
{
    struct dp_packet *p = make_frame(i, size);

    if (vlan >= 0) {
        uint8_t *d = dp_packet_resize_l2(p, VLAN_HEADER_LEN);

        memmove(d, d + VLAN_HEADER_LEN, 12);
        put_unaligned_be16(d + 12, htons(ETH_TYPE_VLAN_8021Q));
        put_unaligned_be16(d + 14, htons(vlan));
    }
    return p;
}

/* Receives from RXQ until N test frames have arrived or 10 s passed.
 * Stores them in PACKETS; returns the number of recv calls that returned
 * more than one packet in *N_MULTI.  Unrelated frames are dropped. */
static void
helper_receive(struct netdev_rxq *rxq, struct dp_packet **packets, int n,
               bool vlan, int *n_multi)
{
    long long int deadline = helper_deadline();
    int got = 0;

    *n_multi = 0;
    while (got < n) {
        struct dp_packet_batch batch;
        struct dp_packet *p;
        int error;

        dp_packet_batch_init(&batch);
        error = netdev_rxq_recv(rxq, &batch, NULL);
        if (!error) {
            if (dp_packet_batch_size(&batch) > 1) {
                (*n_multi)++;
            }
            DP_PACKET_BATCH_FOR_EACH (i, p, &batch) {
                if (got < n && is_test_frame(p, vlan)) {
                    packets[got++] = p;
                } else {
                    dp_packet_delete(p);
                }
            }
            continue;
        } else if (error != EAGAIN) {
            ovs_fatal(error, "receive failed");
        }
        if (time_msec() > deadline) {
            ovs_fatal(0, "received only %d of %d frames", got, n);
        }
        netdev_rxq_wait(rxq);
        poll_timer_wait_until(deadline);
        poll_block();
    }
}

/* test-netdev-batch TX RX N [VLAN]: sends N distinct frames (802.1Q
 * tagged with VLAN if given) in batches on system device TX and receives
 * them on RX; checks that each arrived byte for byte as sent, in order,
 * and that a receive queue on TX did not see them (outgoing frames are
 * ignored).  Prints the system calls used. */
static void
test_netdev_batch(int argc, char *argv[])
{
    int n = atoi(argv[3]);
    int vlan = argc > 4 ? atoi(argv[4]) : -1;
    struct dp_packet **sent = xcalloc(n, sizeof *sent);
    struct dp_packet **rcvd = xcalloc(n, sizeof *rcvd);
    unsigned long long int send0, recv0;
    struct netdev *tx, *rx;
    struct netdev_rxq *rxq;
    int n_multi;

    helper_init();
    struct netdev_rxq *tx_rxq;

    tx = helper_open(argv[1], "system");
    rx = helper_open(argv[2], "system");
    if (netdev_rxq_open(rx, &rxq, 0) || netdev_rxq_open(tx, &tx_rxq, 0)) {
        ovs_fatal(0, "rxq open failed");
    }

    send0 = coverage_get_total("netdev_linux_sendmmsg");
    recv0 = coverage_get_total("netdev_linux_recvmmsg");
    for (int i = 0; i < n; i += NETDEV_MAX_BURST) {
        struct dp_packet_batch batch;

        dp_packet_batch_init(&batch);
        for (int j = i; j < n && j < i + NETDEV_MAX_BURST; j++) {
            sent[j] = make_test_frame(j, 60 + (j * 37) % 1400, vlan);
            dp_packet_batch_add(&batch, dp_packet_clone(sent[j]));
        }
        int error = netdev_send(tx, 0, &batch, false);
        if (error) {
            ovs_fatal(error, "send failed");
        }
    }
    coverage_run();
    printf("sent %d frames in %llu sendmmsg calls\n", n,
           coverage_get_total("netdev_linux_sendmmsg") - send0);

    helper_receive(rxq, rcvd, n, vlan >= 0, &n_multi);
    for (int i = 0; i < n; i++) {
        if (dp_packet_size(rcvd[i]) != dp_packet_size(sent[i])
            || memcmp(dp_packet_data(rcvd[i]), dp_packet_data(sent[i]),
                      dp_packet_size(sent[i]))) {
            struct ds s = DS_EMPTY_INITIALIZER;

            ds_put_cstr(&s, "sent:     ");
            ds_put_hex(&s, dp_packet_data(sent[i]), dp_packet_size(sent[i]));
            ds_put_cstr(&s, "\nreceived: ");
            ds_put_hex(&s, dp_packet_data(rcvd[i]), dp_packet_size(rcvd[i]));
            ovs_fatal(0, "frame %d differs:\n%s", i, ds_cstr(&s));
        }
    }
    /* The sender's own receive queue must not see what it sent. */
    int n_echo = 0;
    for (;;) {
        struct dp_packet_batch batch;
        struct dp_packet *p;

        dp_packet_batch_init(&batch);
        if (netdev_rxq_recv(tx_rxq, &batch, NULL)) {
            break;
        }
        DP_PACKET_BATCH_FOR_EACH (i, p, &batch) {
            n_echo += is_test_frame(p, vlan >= 0);
        }
        dp_packet_delete_batch(&batch, true);
    }
    if (n_echo) {
        ovs_fatal(0, "%s received %d of the frames it sent", argv[1],
                  n_echo);
    }

    coverage_run();
    unsigned long long int n_recv
        = coverage_get_total("netdev_linux_recvmmsg") - recv0;
    printf("received %d identical frames\n", n);
    printf("%s\n", n_multi > 0 && n_recv < (unsigned long long int) n
           ? "received in batches" : "NOT received in batches");
    if (vlan >= 0) {
        printf("vlan tags re-inserted: %s\n",
               coverage_get_total("netdev_linux_vlan_reinsert") >= (unsigned) n
               ? "yes" : "no");
    }

    for (int i = 0; i < n; i++) {
        dp_packet_delete(sent[i]);
        dp_packet_delete(rcvd[i]);
    }
    free(sent);
    free(rcvd);
    netdev_rxq_close(rxq);
    netdev_rxq_close(tx_rxq);
    netdev_close(tx);
    netdev_close(rx);
}
OVSTEST_COMMAND("test-netdev-batch", test_netdev_batch);

/* test-netdev-forward DEV1 DEV2 STOPFILE: forwards every frame between
 * system devices DEV1 and DEV2 until file STOPFILE exists, then prints
 * how many packets it forwarded with partial checksums and as TSO. */
static void
test_netdev_forward(int argc OVS_UNUSED, char *argv[])
{
    struct netdev *devs[2];
    struct netdev_rxq *rxqs[2];
    long long int n_partial = 0, n_tso = 0, n_packets = 0;
    struct stat st;

    helper_init();
    for (int i = 0; i < 2; i++) {
        devs[i] = helper_open(argv[i + 1], "system");
        if (netdev_rxq_open(devs[i], &rxqs[i], 0)) {
            ovs_fatal(0, "%s: rxq open failed", argv[i + 1]);
        }
    }
    while (stat(argv[3], &st)) {
        for (int i = 0; i < 2; i++) {
            struct dp_packet_batch batch;
            struct dp_packet *p;

            dp_packet_batch_init(&batch);
            if (!netdev_rxq_recv(rxqs[i], &batch, NULL)) {
                DP_PACKET_BATCH_FOR_EACH (j, p, &batch) {
                    n_packets++;
                    n_partial += dp_packet_ol_l4_csum_partial(p);
                    n_tso += dp_packet_ol_tcp_seg(p);
                }
                netdev_send(devs[!i], 0, &batch, false);
            }
        }
        netdev_run();
        for (int i = 0; i < 2; i++) {
            netdev_rxq_wait(rxqs[i]);
        }
        netdev_wait();
        poll_timer_wait(100);
        poll_block();
    }
    printf("forwarded %lld packets, %lld with partial checksums, "
           "%lld TSO\n", n_packets, n_partial, n_tso);
    for (int i = 0; i < 2; i++) {
        netdev_rxq_close(rxqs[i]);
        netdev_close(devs[i]);
    }
}
OVSTEST_COMMAND("test-netdev-forward", test_netdev_forward);

/* test-netdev-tap NAME IP: makes tap device NAME, gives the kernel side
 * address IP/24, sends an ARP request for IP from IP+1 and waits for the
 * kernel's ARP reply. */
static void
test_netdev_tap(int argc OVS_UNUSED, char *argv[])
{
    const char *name = argv[1];
    struct netdev *tap;
    struct netdev_rxq *rxq;
    struct dp_packet_batch batch;
    struct eth_addr tap_mac;
    ovs_be32 ip, peer_ip;
    char *cmd;
    long long int deadline;
    bool replied = false;

    helper_init();
    if (!ip_parse(argv[2], &ip)) {
        ovs_fatal(0, "%s: bad IP", argv[2]);
    }
    peer_ip = htonl(ntohl(ip) + 1);
    tap = helper_open(name, "tap");
    if (netdev_rxq_open(tap, &rxq, 0)) {
        ovs_fatal(0, "rxq open failed");
    }
    cmd = xasprintf("ip addr add %s/24 dev %s", argv[2], name);
    if (system(cmd)) {
        ovs_fatal(0, "%s failed", cmd);
    }
    free(cmd);
    netdev_get_etheraddr(tap, &tap_mac);

    /* ARP request from 02:00:00:00:00:99, PEER_IP, for IP. */
    struct dp_packet *p = dp_packet_new_with_headroom(42,
                                                      DP_PACKET_HEADROOM);
    uint8_t *d = dp_packet_put_zeros(p, 42);
    static const uint8_t src[6] = { 2, 0, 0, 0, 0, 0x99 };
    memset(d, 0xff, 6);
    memcpy(d + 6, src, 6);
    put_unaligned_be16(d + 12, htons(ETH_TYPE_ARP));
    put_unaligned_be16(d + 14, htons(1));
    put_unaligned_be16(d + 16, htons(ETH_TYPE_IP));
    d[18] = 6;
    d[19] = 4;
    put_unaligned_be16(d + 20, htons(1));
    memcpy(d + 22, src, 6);
    memcpy(d + 28, &peer_ip, 4);
    memcpy(d + 38, &ip, 4);

    /* The device may still be settling: resend until answered. */
    deadline = helper_deadline();
    long long int next_send = 0;
    while (!replied) {
        if (time_msec() >= next_send) {
            dp_packet_batch_init(&batch);
            dp_packet_batch_add(&batch, dp_packet_clone(p));
            netdev_send(tap, 0, &batch, false);
            next_send = time_msec() + 500;
        }
        dp_packet_batch_init(&batch);
        if (!netdev_rxq_recv(rxq, &batch, NULL)) {
            struct dp_packet *r;

            DP_PACKET_BATCH_FOR_EACH (i, r, &batch) {
                const uint8_t *rd = dp_packet_data(r);

                if (dp_packet_size(r) >= 42
                    && get_unaligned_be16(rd + 12) == htons(ETH_TYPE_ARP)
                    && get_unaligned_be16(rd + 20) == htons(2)
                    && !memcmp(rd + 28, &ip, 4)
                    && !memcmp(rd + 22, &tap_mac, 6)
                    && !memcmp(rd, src, 6)) {
                    replied = true;
                }
            }
            dp_packet_delete_batch(&batch, true);
            continue;
        }
        if (time_msec() > deadline) {
            ovs_fatal(0, "no ARP reply from the kernel");
        }
        netdev_rxq_wait(rxq);
        poll_timer_wait_until(next_send);
        poll_block();
    }
    printf("arp reply received from " ETH_ADDR_FMT "\n",
           ETH_ADDR_ARGS(tap_mac));
    dp_packet_delete(p);
    netdev_rxq_close(rxq);
    netdev_close(tap);
}
OVSTEST_COMMAND("test-netdev-tap", test_netdev_tap);

/* test-netdev-internal NAME: makes internal device NAME, checks that the
 * kernel has it, closes it and checks that it is gone. */
static void
test_netdev_internal(int argc OVS_UNUSED, char *argv[])
{
    struct netdev *dev;
    int mtu;

    helper_init();
    dev = helper_open(argv[1], "internal");
    if (!if_nametoindex(argv[1])) {
        ovs_fatal(0, "%s: not in the kernel after open", argv[1]);
    }
    printf("ifindex matches: %s\n",
           netdev_get_ifindex(dev) == (int) if_nametoindex(argv[1])
           ? "yes" : "no");
    if (netdev_set_mtu(dev, 1400) || netdev_get_mtu(dev, &mtu)) {
        ovs_fatal(0, "mtu");
    }
    printf("mtu %d\n", mtu);
    netdev_close(dev);
    printf("removed on close: %s\n", if_nametoindex(argv[1]) ? "no" : "yes");
}
OVSTEST_COMMAND("test-netdev-internal", test_netdev_internal);

/* test-netdev-status NAME: prints a system device's status. */
static void
test_netdev_status(int argc OVS_UNUSED, char *argv[])
{
    struct netdev *dev;
    struct netdev_stats stats;
    struct eth_addr mac;
    uint32_t speed, max;
    bool carrier;
    int mtu;

    helper_init();
    if (netdev_open(argv[1], "system", &dev)) {
        ovs_fatal(0, "%s: open failed", argv[1]);
    }
    netdev_get_mtu(dev, &mtu);
    netdev_get_etheraddr(dev, &mac);
    netdev_get_carrier(dev, &carrier);
    printf("mtu=%d mac=" ETH_ADDR_FMT " up=%s carrier=%s ifindex=%s\n", mtu,
           ETH_ADDR_ARGS(mac), netdev_is_up(dev) ? "yes" : "no",
           carrier ? "yes" : "no",
           netdev_get_ifindex(dev) > 0 ? "yes" : "no");
    if (!netdev_get_speed(dev, &speed, &max)) {
        printf("speed=%"PRIu32"\n", speed);
    }
    if (!netdev_get_stats(dev, &stats)) {
        printf("rx_packets=%"PRIu64" tx_packets=%"PRIu64"\n",
               stats.rx_packets, stats.tx_packets);
    }
    netdev_close(dev);
}
OVSTEST_COMMAND("test-netdev-status", test_netdev_status);

/* test-netdev-watch NAME COMMAND...: opens system device NAME, runs each
 * COMMAND in turn and after each waits for the change sequence number to
 * move, then prints carrier, MTU and carrier resets. */
static void
test_netdev_watch(int argc, char *argv[])
{
    struct netdev *dev;

    helper_init();
    if (netdev_open(argv[1], "system", &dev)) {
        ovs_fatal(0, "%s: open failed", argv[1]);
    }
    for (int i = 2; i < argc; i++) {
        uint64_t seq = netdev_get_change_seq(dev);
        long long int deadline;
        bool carrier;
        int mtu;

        if (system(argv[i])) {
            ovs_fatal(0, "%s failed", argv[i]);
        }
        deadline = helper_deadline();
        while (netdev_get_change_seq(dev) == seq) {
            netdev_run();
            if (netdev_get_change_seq(dev) != seq) {
                break;
            }
            if (time_msec() > deadline) {
                ovs_fatal(0, "no change after %s", argv[i]);
            }
            netdev_wait();
            poll_timer_wait_until(deadline);
            poll_block();
        }
        /* Let the notifications of one command settle. */
        for (int j = 0; j < 3; j++) {
            netdev_run();
            poll_timer_wait(50);
            netdev_wait();
            poll_block();
        }
        netdev_run();
        netdev_get_carrier(dev, &carrier);
        netdev_get_mtu(dev, &mtu);
        printf("after \"%s\": up=%s carrier=%s mtu=%d\n", argv[i],
               netdev_is_up(dev) ? "yes" : "no", carrier ? "yes" : "no",
               mtu);
    }
    printf("carrier resets: %lld\n", netdev_get_carrier_resets(dev));
    netdev_close(dev);
}
OVSTEST_COMMAND("test-netdev-watch", test_netdev_watch);

/* test-netdev-dummy-hub UNIXCTL NAME[,KEY=VALUE...]...: serves unixctl
 * commands on socket UNIXCTL with dummy devices NAME... configured with
 * the given options, and forwards every packet received on one of them
 * to all the others, until "exit". */
static bool hub_exiting;

static void
hub_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
         const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    hub_exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
test_netdev_dummy_hub(int argc, char *argv[])
{
    struct unixctl_server *server;
    struct netdev **devs;
    struct netdev_rxq **rxqs;
    int n = argc - 2;
    int error;

    helper_init();
    netdev_dummy_register(DUMMY_OVERRIDE_NONE);
    error = unixctl_server_create(argv[1], &server);
    if (error) {
        ovs_fatal(error, "%s: could not create unixctl server", argv[1]);
    }
    unixctl_command_register("exit", "", 0, 0, hub_exit, NULL);

    devs = xcalloc(n, sizeof *devs);
    rxqs = xcalloc(n, sizeof *rxqs);
    for (int i = 0; i < n; i++) {
        char *spec = xstrdup(argv[i + 2]);
        char *save = NULL;
        char *name = strtok_r(spec, ",", &save);
        struct smap args = SMAP_INITIALIZER(&args);
        char *kv, *err = NULL;

        while ((kv = strtok_r(NULL, ",", &save)) != NULL) {
            char *eq = strchr(kv, '=');

            if (eq) {
                *eq = '\0';
                smap_add(&args, kv, eq + 1);
            }
        }
        devs[i] = helper_open(name, "dummy");
        if (netdev_set_config(devs[i], &args, &err)) {
            ovs_fatal(0, "%s", err ? err : "set_config failed");
        }
        if (netdev_rxq_open(devs[i], &rxqs[i], 0)) {
            ovs_fatal(0, "rxq open failed");
        }
        smap_destroy(&args);
        free(spec);
    }

    while (!hub_exiting) {
        unixctl_server_run(server);
        for (int i = 0; i < n; i++) {
            struct dp_packet_batch batch;

            dp_packet_batch_init(&batch);
            if (!netdev_rxq_recv(rxqs[i], &batch, NULL)) {
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        struct dp_packet_batch copy;

                        dp_packet_batch_clone(&copy, &batch);
                        netdev_send(devs[j], 0, &copy, false);
                    }
                }
                dp_packet_delete_batch(&batch, true);
            }
        }
        if (hub_exiting) {
            break;
        }
        unixctl_server_wait(server);
        for (int i = 0; i < n; i++) {
            netdev_rxq_wait(rxqs[i]);
        }
        poll_block();
    }
    for (int i = 0; i < n; i++) {
        netdev_rxq_close(rxqs[i]);
        netdev_close(devs[i]);
    }
    free(rxqs);
    free(devs);
    unixctl_server_destroy(server);
}
OVSTEST_COMMAND("test-netdev-dummy-hub", test_netdev_dummy_hub);
