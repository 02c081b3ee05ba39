/* test-odp.c: datapath keys, masks and actions (lib/odp-util.h) and
 * executing actions on packets (lib/odp-execute.h).
 *
 *   ovstest odp-parse-keys     one key text per stdin line; prints what a
 *                              userspace datapath's dump would show for
 *                              it: "<terse>\n<verbose>" (text -> Netlink
 *                              -> flow and wildcards -> Netlink -> text).
 *   ovstest odp-parse-actions  one action text per stdin line; prints it
 *                              normalized, or "error".
 *   ovstest odp-unit           unit tests (round trips, fitness,
 *                              commit_odp_actions, odp-execute). */
#include <config.h>
#include <errno.h>
#include <linux/openvswitch.h>
#include "dp-packet.h"
#include "dynamic-string.h"
#include "flow.h"
#include "hmap.h"
#include "netdev-dummy.h"
#include "netlink.h"
#include "odp-execute.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "ovstest.h"
#include "packets.h"
#include "shash.h"
#include "util.h"

/* The port names of the peer's test bridge (see tests/odp.at). */
static void
init_names(struct hmap *portno_names, struct shash *port_names)
{
    static const struct { odp_port_t no; const char *name; } ports[] = {
        { 0, "ovs-dummy" }, { 1, "p1" }, { 2, "p2" }, { 100, "br0" },
    };

    hmap_init(portno_names);
    shash_init(port_names);
    for (size_t i = 0; i < ARRAY_SIZE(ports); i++) {
        odp_portno_names_set(portno_names, ports[i].no, ports[i].name);
        shash_add(port_names, ports[i].name,
                  (void *) (uintptr_t) ports[i].no);
    }
}

static void
destroy_names(struct hmap *portno_names, struct shash *port_names)
{
    odp_portno_names_destroy(portno_names);
    hmap_destroy(portno_names);
    shash_destroy(port_names);
}

/* Key text -> what a userspace datapath's dump-flows shows, as
 * dpif-netdev stores a flow: recirc_id and in_port always exact. */
static bool
normalize_key(const char *s, const struct shash *port_names,
              const struct hmap *portno_names, struct ds *terse,
              struct ds *verbose, char **errorp)
{
    struct ofpbuf key, mask, key2, mask2;
    struct flow flow;
    struct flow_wildcards wc;
    bool ok = false;

    ofpbuf_init(&key, 0);
    ofpbuf_init(&mask, 0);
    ofpbuf_init(&key2, 0);
    ofpbuf_init(&mask2, 0);
    if (odp_flow_from_string(s, port_names, &key, &mask, errorp)) {
        goto out;
    }
    /* Like a userspace datapath, accept only perfect fits. */
    enum odp_key_fitness fit = odp_flow_key_to_flow(key.data, key.size,
                                                    &flow, errorp);
    if (fit != ODP_FIT_PERFECT) {
        if (!*errorp) {
            *errorp = xasprintf("key fitness %s",
                                odp_key_fitness_to_string(fit));
        }
        goto out;
    }
    fit = odp_flow_key_to_mask(mask.data, mask.size, &wc, &flow, errorp);
    if (fit != ODP_FIT_PERFECT) {
        if (!*errorp) {
            *errorp = xasprintf("mask fitness %s",
                                odp_key_fitness_to_string(fit));
        }
        goto out;
    }
    wc.masks.recirc_id = UINT32_MAX;
    wc.masks.in_port.odp_port = UINT32_MAX;

    struct odp_flow_key_parms parms = {
        .flow = &flow,
        .mask = &wc.masks,
        .odp_in_port = flow.in_port.odp_port,
    };
    odp_flow_key_from_flow(&parms, &key2);
    odp_flow_key_from_mask(&parms, &mask2);
    odp_flow_format(key2.data, key2.size, mask2.data, mask2.size,
                    NULL, terse, false);
    odp_flow_format(key2.data, key2.size, mask2.data, mask2.size,
                    portno_names, verbose, true);
    ok = true;

out:
    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    ofpbuf_uninit(&key2);
    ofpbuf_uninit(&mask2);
    return ok;
}

static void
test_parse_keys(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct hmap portno_names;
    struct shash port_names;
    struct ds line = DS_EMPTY_INITIALIZER;

    init_names(&portno_names, &port_names);
    while (!ds_get_line(&line, stdin)) {
        struct ds terse = DS_EMPTY_INITIALIZER;
        struct ds verbose = DS_EMPTY_INITIALIZER;
        char *error = NULL;

        if (normalize_key(ds_cstr(&line), &port_names, &portno_names,
                          &terse, &verbose, &error)) {
            printf("%s\n%s\n", ds_cstr(&terse), ds_cstr(&verbose));
        } else {
            printf("error: %s\n", error ? error : "(none)");
        }
        free(error);
        ds_destroy(&terse);
        ds_destroy(&verbose);
    }
    ds_destroy(&line);
    destroy_names(&portno_names, &port_names);
}

static void
test_parse_actions(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds line = DS_EMPTY_INITIALIZER;
    struct hmap portno_names;
    struct shash port_names;

    init_names(&portno_names, &port_names);
    while (!ds_get_line(&line, stdin)) {
        struct ofpbuf actions;

        ofpbuf_init(&actions, 0);
        if (odp_actions_from_string(ds_cstr(&line), &port_names,
                                    &actions)) {
            printf("error\n");
        } else {
            struct ds out = DS_EMPTY_INITIALIZER;

            format_odp_actions(&out, actions.data, actions.size, NULL);
            printf("%s\n", ds_cstr(&out));
            ds_destroy(&out);
        }
        ofpbuf_uninit(&actions);
    }
    ds_destroy(&line);
    destroy_names(&portno_names, &port_names);
}

/* Lines "LEN FLOW" (LEN 0 for the default size): prints the packet
 * netdev-dummy/receive would build, in hex, or the error. */
static void
test_compose(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds line = DS_EMPTY_INITIALIZER;

    while (!ds_get_line(&line, stdin)) {
        char *s = ds_cstr(&line);
        char *flow_s;
        size_t len = strtoul(s, &flow_s, 10);
        char *error;

        flow_s += strspn(flow_s, " ");
        struct dp_packet *p = netdev_dummy_packet_from_flow_str(flow_s, len,
                                                                &error);
        if (p) {
            struct ds hex = DS_EMPTY_INITIALIZER;

            ds_put_hex(&hex, dp_packet_data(p), dp_packet_size(p));
            printf("%s\n", ds_cstr(&hex));
            ds_destroy(&hex);
            dp_packet_delete(p);
        } else {
            printf("error: %s\n", error);
            free(error);
        }
    }
    ds_destroy(&line);
}

OVSTEST_COMMAND("odp-parse-keys", test_parse_keys);
OVSTEST_COMMAND("odp-compose", test_compose);
OVSTEST_COMMAND("odp-parse-actions", test_parse_actions);

/* Unit tests. */

/* Parses exact key text S into FLOW; fails the test on error. */
static void
flow_from_text(const char *s, struct flow *flow)
{
    struct ofpbuf key;
    char *error = NULL;

    ofpbuf_init(&key, 0);
    if (odp_flow_from_string(s, NULL, &key, NULL, &error)) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "%s: %s", s, error);
    }
    enum odp_key_fitness fit = odp_flow_key_to_flow(key.data, key.size,
                                                    flow, &error);
    if (fit != ODP_FIT_PERFECT) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "%s: fitness %s (%s)", s,
                     odp_key_fitness_to_string(fit), error ? error : "");
    }
    free(error);
    ofpbuf_uninit(&key);
}

static const char *round_trip_keys[] = {
    "in_port(1),eth(src=00:01:02:03:04:05,dst=10:11:12:13:14:15),"
    "eth_type(0x0800),ipv4(src=1.2.3.4,dst=5.6.7.8,proto=6,tos=0x10,"
    "ttl=64,frag=no),tcp(src=80,dst=8080),tcp_flags(syn|ack)",
    "skb_priority(0x5),skb_mark(0x7),ct_state(new|trk),ct_zone(0x3),"
    "ct_mark(0x9),ct_label(0x1234567890abcdef1234),recirc_id(0x2),"
    "dp_hash(0x77),in_port(2),eth(src=00:01:02:03:04:05,"
    "dst=10:11:12:13:14:15),eth_type(0x86dd),ipv6(src=2001:db8::1,"
    "dst=fe80::2,label=0x12345,proto=17,tclass=0x3,hlimit=9,frag=first),"
    "udp(src=1,dst=2)",
    "in_port(1),eth(src=00:01:02:03:04:05,dst=10:11:12:13:14:15),"
    "eth_type(0x8100),vlan(vid=10,pcp=3),encap(eth_type(0x0806),"
    "arp(sip=1.2.3.4,tip=5.6.7.8,op=2,sha=00:01:02:03:04:05,"
    "tha=00:00:00:00:00:01))",
    "in_port(1),eth(src=00:01:02:03:04:05,dst=10:11:12:13:14:15),"
    "eth_type(0x88a8),vlan(vid=10,pcp=3),encap(eth_type(0x8100),"
    "vlan(vid=20,pcp=0),encap(eth_type(0x0800),ipv4(src=1.2.3.4,"
    "dst=5.6.7.8,proto=132,tos=0,ttl=64,frag=no),sctp(src=1,dst=2)))",
    "in_port(1),eth(src=00:01:02:03:04:05,dst=10:11:12:13:14:15),"
    "eth_type(0x8847),mpls(label=100,tc=3,ttl=64,bos=1)",
    "in_port(1),eth(src=00:01:02:03:04:05,dst=10:11:12:13:14:15),"
    "eth_type(0x86dd),ipv6(src=::1,dst=::2,label=0,proto=58,tclass=0,"
    "hlimit=255,frag=no),icmpv6(type=135,code=0),nd(target=::3,"
    "sll=00:01:02:03:04:05,tll=00:00:00:00:00:00)",
    "in_port(1),eth(src=00:01:02:03:04:05,dst=10:11:12:13:14:15),"
    "eth_type(0x0800),ipv4(src=1.2.3.4,dst=5.6.7.8,proto=1,tos=0,ttl=64,"
    "frag=no),icmp(type=8,code=0)",
    "in_port(1),eth(src=00:01:02:03:04:05,dst=10:11:12:13:14:15),"
    "eth_type(0x0800),ipv4(src=1.2.3.4,dst=5.6.7.8,proto=17,tos=0,ttl=64,"
    "frag=later)",
    "ct_state(trk|est),ct_tuple4(src=1.2.3.4,dst=5.6.7.8,proto=6,"
    "tp_src=1,tp_dst=2),in_port(1),eth(src=00:01:02:03:04:05,"
    "dst=10:11:12:13:14:15),eth_type(0x0800),ipv4(src=1.2.3.4,"
    "dst=5.6.7.8,proto=6,tos=0,ttl=64,frag=no),tcp(src=1,dst=2)",
    "in_port(3),packet_type(ns=1,id=0x800),eth_type(0x0800),"
    "ipv4(src=1.2.3.4,dst=5.6.7.8,proto=17,tos=0,ttl=64,frag=no),"
    "udp(src=5,dst=6)",
    "in_port(1),eth(src=00:01:02:03:04:05,dst=10:11:12:13:14:15),"
    "eth_type(0x1234)",
};

/* Text -> Netlink -> flow -> Netlink -> text is the identity on exact
 * keys, and flows survive Netlink both ways. */
static void
test_key_round_trip(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(round_trip_keys); i++) {
        const char *s = round_trip_keys[i];
        struct flow flow, flow2;
        struct ofpbuf key;
        struct ds ds = DS_EMPTY_INITIALIZER;

        flow_from_text(s, &flow);

        struct odp_flow_key_parms parms = {
            .flow = &flow,
            .odp_in_port = flow.in_port.odp_port,
        };
        ofpbuf_init(&key, 0);
        odp_flow_key_from_flow(&parms, &key);
        CHECK_INT(odp_flow_key_to_flow(key.data, key.size, &flow2, NULL),
                  ODP_FIT_PERFECT);
        CHECK(flow_equal(&flow, &flow2));

        /* Without a mask, zero metadata is still written; format shows
         * the key with every attribute. */
        odp_flow_key_format(key.data, key.size, &ds);
        CHECK(strstr(ds_cstr(&ds), "in_port(") != NULL);
        ds_destroy(&ds);
        ofpbuf_uninit(&key);
    }
}
OVSTEST_REGISTER("odp/key-round-trip", test_key_round_trip);

static enum odp_key_fitness
fitness_of_attrs(const struct ofpbuf *key)
{
    struct flow flow;
    char *error = NULL;
    enum odp_key_fitness fit = odp_flow_key_to_flow(key->data, key->size,
                                                    &flow, &error);
    free(error);
    return fit;
}

static void
test_key_fitness(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ofpbuf key;
    struct flow flow;

    flow_from_text(round_trip_keys[0], &flow);
    struct odp_flow_key_parms parms = {
        .flow = &flow, .odp_in_port = 1,
    };

    /* An attribute we do not know: too much. */
    ofpbuf_init(&key, 0);
    odp_flow_key_from_flow(&parms, &key);
    nl_msg_put_u32(&key, 200, 5);
    CHECK_INT(fitness_of_attrs(&key), ODP_FIT_TOO_MUCH);
    ofpbuf_uninit(&key);

    /* TCP without its ports: too little. */
    flow.tcp_flags = 0;
    ofpbuf_init(&key, 0);
    odp_flow_key_from_flow(&parms, &key);
    key.size -= nl_attr_size(sizeof(struct ovs_key_tcp));
    CHECK_INT(fitness_of_attrs(&key), ODP_FIT_TOO_LITTLE);
    ofpbuf_uninit(&key);

    /* Duplicate and badly sized attributes: errors. */
    ofpbuf_init(&key, 0);
    nl_msg_put_u32(&key, OVS_KEY_ATTR_IN_PORT, 1);
    nl_msg_put_u32(&key, OVS_KEY_ATTR_IN_PORT, 2);
    CHECK_INT(fitness_of_attrs(&key), ODP_FIT_ERROR);
    ofpbuf_clear(&key);
    nl_msg_put_u16(&key, OVS_KEY_ATTR_IN_PORT, 1);
    CHECK_INT(fitness_of_attrs(&key), ODP_FIT_ERROR);
    ofpbuf_clear(&key);

    /* A fragment type that does not exist. */
    struct ovs_key_ipv4 ip;
    memset(&ip, 0, sizeof ip);
    ip.ipv4_frag = 7;
    nl_msg_put_u32(&key, OVS_KEY_ATTR_IN_PORT, 1);
    nl_msg_put_unspec_zero(&key, OVS_KEY_ATTR_ETHERNET,
                           sizeof(struct ovs_key_ethernet));
    nl_msg_put_be16(&key, OVS_KEY_ATTR_ETHERTYPE, htons(ETH_TYPE_IP));
    nl_msg_put_unspec(&key, OVS_KEY_ATTR_IPV4, &ip, sizeof ip);
    CHECK_INT(fitness_of_attrs(&key), ODP_FIT_ERROR);
    ofpbuf_clear(&key);

    /* Truncated attribute header: an error, never a crash. */
    static const uint8_t junk[] = { 0xff, 0xff, 0x01, 0x00, 0x00 };
    ofpbuf_put(&key, junk, sizeof junk);
    CHECK_INT(fitness_of_attrs(&key), ODP_FIT_ERROR);
    ofpbuf_uninit(&key);

    CHECK(!strcmp(odp_key_fitness_to_string(ODP_FIT_TOO_LITTLE),
                  "too_little"));
}
OVSTEST_REGISTER("odp/key-fitness", test_key_fitness);

static void
test_ufid(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const char key[] = "some key bytes";
    ovs_u128 a, b, c;
    struct ds ds = DS_EMPTY_INITIALIZER;

    odp_flow_key_hash(key, sizeof key, &a);
    odp_flow_key_hash(key, sizeof key, &b);
    CHECK(ovs_u128_equals(a, b));
    odp_flow_key_hash(key, sizeof key - 1, &c);
    CHECK(!ovs_u128_equals(a, c));

    odp_format_ufid(&a, &ds);
    CHECK_INT(ds.length, 5 + 36);
    CHECK_INT(odp_ufid_from_string(ds_cstr(&ds), &b), 41);
    CHECK(ovs_u128_equals(a, b));
    CHECK_INT(odp_ufid_from_string("in_port(1)", &b), 0);
    CHECK_INT(odp_ufid_from_string("ufid:1234", &b), -EINVAL);

    ds_clear(&ds);
    a.u32[0] = 0x01234567;
    a.u32[1] = 0x89abcdef;
    a.u32[2] = 0x00112233;
    a.u32[3] = 0x44556677;
    odp_format_ufid(&a, &ds);
    CHECK(!strcmp(ds_cstr(&ds),
                  "ufid:01234567-89ab-cdef-0011-223344556677"));
    ds_destroy(&ds);
}
OVSTEST_REGISTER("odp/ufid", test_ufid);

/* Errors name where parsing stopped, as upstream does. */
static void
test_key_errors(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const struct {
        const char *in, *error;
    } cases[] = {
        { "in_port(1),bogus(2)", "syntax error at bogus(2)" },
        { "in_port(1),eth(src=1:2)", "syntax error at eth(src=1:2)" },
        { "in_port(1),eth(),eth_type(0x0800),ipv4(frag=no/0)",
          "syntax error at ipv4(frag=no/0)" },
        { "in_port(p9)", "syntax error at in_port(p9)" },
        { "in_port(1)),eth()", "syntax error at ),eth()" },
        { "in_port(1),eth(),eth_type(0x8100),vlan(vid=4096)",
          "syntax error at vlan(vid=4096)" },
        { "in_port(1),encap(eth_type(0x800)",
          "syntax error at encap(eth_type(0x800)" },
        { "in_port(1),eth(src=00:01:02:03:04:05,foo=1)",
          "syntax error at eth(src=00:01:02:03:04:05,foo=1)" },
        { "in_port(1),eth(", "syntax error at eth(" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct ofpbuf key, mask;
        char *error = NULL;

        ofpbuf_init(&key, 0);
        ofpbuf_init(&mask, 0);
        CHECK_INT(odp_flow_from_string(cases[i].in, NULL, &key, &mask,
                                       &error), EINVAL);
        if (strcmp(error, cases[i].error)) {
            ovstest_fail(OVS_SOURCE_LOCATOR, "%s: got \"%s\", expected "
                         "\"%s\"", cases[i].in, error, cases[i].error);
        }
        CHECK_INT(key.size, 0);
        free(error);
        ofpbuf_uninit(&key);
        ofpbuf_uninit(&mask);
    }
}
OVSTEST_REGISTER("odp/key-errors", test_key_errors);

/* commit_odp_actions(). */

static const char *tcp_flow_text =
    "in_port(1),eth(src=00:01:02:03:04:05,dst=10:11:12:13:14:15),"
    "eth_type(0x0800),ipv4(src=1.2.3.4,dst=5.6.7.8,proto=6,tos=0,ttl=64,"
    "frag=no),tcp(src=80,dst=8080)";

/* Commits FLOW over BASE with wildcards WC and checks the actions' text
 * and that BASE then equals FLOW. */
static void
check_commit(const struct flow *flow, struct flow *base,
             struct flow_wildcards *wc, const char *expected)
{
    struct ofpbuf actions;
    struct ds ds = DS_EMPTY_INITIALIZER;

    ofpbuf_init(&actions, 0);
    commit_odp_actions(flow, base, &actions, wc);
    if (actions.size) {
        format_odp_actions(&ds, actions.data, actions.size, NULL);
    }
    if (strcmp(ds_cstr(&ds), expected)) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "got \"%s\", expected \"%s\"",
                     ds_cstr(&ds), expected);
    }
    CHECK(flow_equal(flow, base));
    ds_destroy(&ds);
    ofpbuf_uninit(&actions);
}

static void
test_commit(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct flow base, flow;
    struct flow_wildcards wc;

    flow_from_text(tcp_flow_text, &base);

    /* Nothing changed: no actions, nothing un-wildcarded. */
    flow = base;
    flow_wildcards_init_catchall(&wc);
    check_commit(&flow, &base, &wc, "");
    CHECK(flow_wildcards_is_catchall(&wc));

    /* A field the translation wrote (and so un-wildcarded). */
    flow.nw_src = htonl(0x09090909);
    WC_MASK_FIELD(&wc, nw_src);
    check_commit(&flow, &base, &wc, "set(ipv4(src=9.9.9.9))");

    /* A changed field that is not in the wildcards joins them. */
    flow.nw_ttl = 9;
    check_commit(&flow, &base, &wc, "set(ipv4(ttl=9))");
    CHECK_INT(wc.masks.nw_ttl, 0xff);

    /* Only what changed is set, under the bits the translation wrote,
     * and those stay un-wildcarded. */
    flow.nw_tos = 0x10;
    wc.masks.nw_tos = 0xfc;
    WC_MASK_FIELD(&wc, nw_dst);
    check_commit(&flow, &base, &wc, "set(ipv4(tos=0x10/0xfc))");
    CHECK_INT(wc.masks.nw_tos, 0xfc);
    CHECK(wc.masks.nw_dst == htonl(UINT32_MAX));
    CHECK(wc.masks.nw_src == htonl(UINT32_MAX));

    flow.tp_dst = htons(99);
    check_commit(&flow, &base, &wc, "set(tcp(dst=99))");

    flow.dl_dst = eth_addr_broadcast;
    check_commit(&flow, &base, &wc, "set(eth(dst=ff:ff:ff:ff:ff:ff))");

    flow.skb_priority = 5;
    check_commit(&flow, &base, &wc, "set(skb_priority(0x5))");
    flow.pkt_mark = 0x10;
    wc.masks.pkt_mark = 0xf0;
    check_commit(&flow, &base, &wc, "set(skb_mark(0x10/0xf0))");

    /* VLANs: push, modify (pop and push), pop. */
    flow.vlans[0].tpid = htons(ETH_TYPE_VLAN_8021Q);
    flow.vlans[0].tci = htons(VLAN_CFI | 10);
    check_commit(&flow, &base, &wc, "push_vlan(vid=10,pcp=0)");
    flow.vlans[0].tci = htons(VLAN_CFI | (3 << VLAN_PCP_SHIFT) | 20);
    check_commit(&flow, &base, &wc, "pop_vlan,push_vlan(vid=20,pcp=3)");
    flow.vlans[1] = flow.vlans[0];
    flow.vlans[0].tpid = htons(ETH_TYPE_VLAN_8021AD);
    flow.vlans[0].tci = htons(VLAN_CFI | 7);
    check_commit(&flow, &base, &wc,
                 "push_vlan(tpid=0x88a8,vid=7,pcp=0)");
    memset(flow.vlans, 0, sizeof flow.vlans);
    flow_wildcards_init_catchall(&wc);
    check_commit(&flow, &base, &wc, "pop_vlan,pop_vlan");
    CHECK(wc.masks.vlans[0].qtag == htonl(UINT32_MAX));

    /* MPLS: push onto IPv4, then pop back. */
    flow.dl_type = htons(ETH_TYPE_MPLS);
    flow.mpls_lse[0] = htonl((100 << MPLS_LABEL_SHIFT) | MPLS_BOS_MASK | 64);
    check_commit(&flow, &base, &wc,
                 "push_mpls(label=100,tc=0,ttl=64,bos=1,eth_type=0x8847)");
    flow.mpls_lse[0] = htonl((200 << MPLS_LABEL_SHIFT) | MPLS_BOS_MASK | 64);
    check_commit(&flow, &base, &wc, "set(mpls(label=200,tc=0,ttl=64,bos=1))");
    flow.dl_type = htons(ETH_TYPE_IP);
    flow.mpls_lse[0] = 0;
    check_commit(&flow, &base, &wc, "pop_mpls(eth_type=0x800)");
}
OVSTEST_REGISTER("odp/commit-actions", test_commit);

/* odp_execute_actions(). */

struct exec_log {
    struct ds ds;               /* "PORT:HEX\n" per packet output. */
};

static void
exec_cb(void *aux, struct dp_packet_batch *batch,
        const struct nlattr *action, bool should_steal)
{
    struct exec_log *log = aux;
    struct dp_packet *packet;

    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        uint32_t size = dp_packet_size(packet);

        if (packet->cutlen && packet->cutlen < size) {
            size -= packet->cutlen;
        }
        if (nl_attr_type(action) == OVS_ACTION_ATTR_OUTPUT) {
            ds_put_format(&log->ds, "%"PRIu32":", nl_attr_get_u32(action));
        } else {
            ds_put_format(&log->ds, "action%d:", nl_attr_type(action));
        }
        ds_put_hex(&log->ds, dp_packet_data(packet), size);
        ds_put_char(&log->ds, '\n');
    }
    if (should_steal) {
        dp_packet_delete_batch(batch, true);
    }
}

static struct dp_packet *
packet_from_text(const char *s)
{
    char *error;
    struct dp_packet *p = netdev_dummy_packet_from_flow_str(s, 0, &error);

    if (!p) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "%s: %s", s, error);
    }
    struct flow flow;
    flow_extract(p, &flow);
    return p;
}

static char *
hex_of_text(const char *s)
{
    struct dp_packet *p = packet_from_text(s);
    struct ds ds = DS_EMPTY_INITIALIZER;

    ds_put_hex(&ds, dp_packet_data(p), dp_packet_size(p));
    dp_packet_delete(p);
    return ds_steal_cstr(&ds);
}

/* Runs ACTIONS on the packet that flow text IN describes and compares
 * the outputs with EXPECTED, "PORT:FLOWTEXT" lines ("PORT:=" for the
 * unchanged input packet), separated by '\n'. */
static void
check_execute(const char *in, const char *actions_s, bool steal,
              const char *expected)
{
    struct exec_log log = { DS_EMPTY_INITIALIZER };
    struct ds want = DS_EMPTY_INITIALIZER;
    struct dp_packet_batch batch;
    struct ofpbuf actions;
    struct dp_packet *packet = packet_from_text(in);

    ofpbuf_init(&actions, 0);
    if (odp_actions_from_string(actions_s, NULL, &actions)) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "bad actions %s", actions_s);
    }
    dp_packet_batch_init_packet(&batch, packet);
    odp_execute_actions(&log, &batch, steal, actions.data, actions.size,
                        exec_cb);
    if (!steal) {
        CHECK_INT(batch.count, 1);
        dp_packet_delete_batch(&batch, true);
    }

    char *copy = xstrdup(expected);
    char *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *colon = strchr(line, ':');
        char *hex;

        *colon = '\0';
        hex = hex_of_text(!strcmp(colon + 1, "=") ? in : colon + 1);
        ds_put_format(&want, "%s:%s\n", line, hex);
        free(hex);
    }
    free(copy);
    if (strcmp(ds_cstr(&log.ds), ds_cstr(&want))) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "%s on %s:\ngot:\n%swant:\n%s",
                     actions_s, in, ds_cstr(&log.ds), ds_cstr(&want));
    }
    ds_destroy(&log.ds);
    ds_destroy(&want);
    ofpbuf_uninit(&actions);
}

#define ETH "in_port(1),eth(src=00:01:02:03:04:05,dst=10:11:12:13:14:15),"
#define TCP4(SRC, DST, TTL, SP, DP)                                     \
    "eth_type(0x0800),ipv4(src=" SRC ",dst=" DST ",proto=6,tos=0,ttl="  \
    TTL ",frag=no),tcp(src=" SP ",dst=" DP ")"
#define UDP6(SRC, HL, SP)                                               \
    "eth_type(0x86dd),ipv6(src=" SRC ",dst=::2,label=0,proto=17,"       \
    "tclass=0,hlimit=" HL ",frag=no),udp(src=" SP ",dst=2)"

static void
test_execute(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    const char *tcp = ETH TCP4("1.2.3.4", "5.6.7.8", "64", "80", "8080");
    const char *udp6 = ETH UDP6("::1", "64", "1");

    /* Output alone, and drops. */
    check_execute(tcp, "2", true, "2:=");
    check_execute(tcp, "2,3", true, "2:=\n3:=");
    check_execute(tcp, "drop", true, "");
    check_execute(tcp, "", true, "");
    check_execute(tcp, "2", false, "2:=");

    /* Header edits keep checksums right: the result equals a packet
     * composed from the edited flow. */
    check_execute(tcp, "set(ipv4(src=9.9.9.9)),2", true,
                  "2:" ETH TCP4("9.9.9.9", "5.6.7.8", "64", "80", "8080"));
    check_execute(tcp, "set(ipv4(src=1.2.3.4,dst=7.7.7.7,proto=6,tos=0,"
                  "ttl=3,frag=no)),2", true,
                  "2:" ETH TCP4("1.2.3.4", "7.7.7.7", "3", "80", "8080"));
    check_execute(tcp, "set(tcp(src=1,dst=2)),2", true,
                  "2:" ETH TCP4("1.2.3.4", "5.6.7.8", "64", "1", "2"));
    check_execute(tcp, "set(tcp(src=0x1234/0xff00)),2", true,
                  "2:" ETH TCP4("1.2.3.4", "5.6.7.8", "64", "4688",
                                "8080"));
    check_execute(tcp, "set(eth(src=aa:aa:aa:aa:aa:aa)),2", true,
                  "2:in_port(1),eth(src=aa:aa:aa:aa:aa:aa,"
                  "dst=10:11:12:13:14:15),"
                  TCP4("1.2.3.4", "5.6.7.8", "64", "80", "8080"));
    check_execute(udp6, "set(ipv6(src=2001:db8::1,hlimit=5)),2", true,
                  "2:" ETH UDP6("2001:db8::1", "5", "1"));
    check_execute(udp6, "set(udp(src=7)),2", true,
                  "2:" ETH UDP6("::1", "64", "7"));

    /* VLANs. */
    check_execute(tcp, "push_vlan(vid=10,pcp=3),2", true,
                  "2:" ETH "eth_type(0x8100),vlan(vid=10,pcp=3),encap("
                  TCP4("1.2.3.4", "5.6.7.8", "64", "80", "8080") ")");
    check_execute(ETH "eth_type(0x8100),vlan(vid=10,pcp=3),encap("
                  TCP4("1.2.3.4", "5.6.7.8", "64", "80", "8080") ")",
                  "pop_vlan,2", true,
                  "2:" ETH TCP4("1.2.3.4", "5.6.7.8", "64", "80", "8080"));

    /* Branches: clone, sample, check_pkt_len, dec_ttl. */
    check_execute(tcp, "clone(set(ipv4(ttl=5)),2),3", true,
                  "2:" ETH TCP4("1.2.3.4", "5.6.7.8", "5", "80", "8080")
                  "\n3:=");
    check_execute(tcp, "3,clone(set(ipv4(ttl=5)),2)", true,
                  "3:=\n2:" ETH TCP4("1.2.3.4", "5.6.7.8", "5", "80",
                                     "8080"));
    check_execute(tcp, "sample(sample=100%,actions(2)),3", true,
                  "2:=\n3:=");
    check_execute(tcp, "sample(sample=0%,actions(2)),3", true, "3:=");
    check_execute(tcp, "check_pkt_len(size=100,gt(2),le(3))", true, "2:=");
    check_execute(tcp, "check_pkt_len(size=118,gt(2),le(3)),4", true,
                  "3:=\n4:=");
    check_execute(tcp, "dec_ttl(le_1(3)),2", true,
                  "2:" ETH TCP4("1.2.3.4", "5.6.7.8", "63", "80", "8080"));
    check_execute(ETH TCP4("1.2.3.4", "5.6.7.8", "1", "80", "8080"),
                  "dec_ttl(le_1(3)),2", true, "3:=");
    check_execute(tcp, "set(ipv4(ttl=1)),dec_ttl(le_1(drop)),2", true, "");
}
OVSTEST_REGISTER("odp/execute", test_execute);

/* Actions whose effect is not a composed packet. */
static void
test_execute_misc(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    const char *tcp = ETH TCP4("1.2.3.4", "5.6.7.8", "64", "80", "8080");
    struct exec_log log = { DS_EMPTY_INITIALIZER };
    struct dp_packet_batch batch;
    struct ofpbuf actions;
    struct flow flow;

    /* hash, set of metadata, trunc and MPLS, on a packet kept by the
     * caller (steal false) so its final state can be examined. */
    ofpbuf_init(&actions, 0);
    CHECK_INT(odp_actions_from_string(
                  "hash(l4(0)),set(skb_mark(0x5)),set(skb_priority(0x3)),"
                  "trunc(60),push_mpls(label=100,tc=0,ttl=64,bos=1,"
                  "eth_type=0x8847),2,pop_mpls(eth_type=0x800),3",
                  NULL, &actions), 0);
    dp_packet_batch_init_packet(&batch, packet_from_text(tcp));
    odp_execute_actions(&log, &batch, false, actions.data, actions.size,
                        exec_cb);
    CHECK_INT(batch.count, 1);
    CHECK_INT(batch.packets[0]->md.pkt_mark, 0);  /* Caller's copy. */

    /* Two outputs, 58 bytes cut off each: first MPLS, then IP. */
    const char *out = ds_cstr(&log.ds);
    const char *nl = strchr(out, '\n');
    CHECK(!strncmp(out, "2:", 2) && !strncmp(nl + 1, "3:", 2));
    CHECK_INT(nl - out - 2, 2 * 64);
    CHECK_INT(strlen(nl + 1) - 3, 2 * 60);
    CHECK(!strncmp(out + 2 + 24, "8847", 4));
    CHECK(!strncmp(nl + 1 + 2 + 24, "0800", 4));
    dp_packet_delete_batch(&batch, true);
    ofpbuf_uninit(&actions);
    ds_destroy(&log.ds);

    /* With steal, the last output sees the edited metadata. */
    ds_init(&log.ds);
    ofpbuf_init(&actions, 0);
    CHECK_INT(odp_actions_from_string("hash(l4(0)),set(skb_mark(0x5))",
                                      NULL, &actions), 0);
    struct dp_packet *p = packet_from_text(tcp);
    dp_packet_batch_init_packet(&batch, p);
    odp_execute_actions(&log, &batch, false, actions.data, actions.size,
                        exec_cb);
    CHECK_INT(p->md.pkt_mark, 0);
    dp_packet_delete(p);
    ofpbuf_uninit(&actions);

    /* push_eth/pop_eth: an L3 packet and back. */
    ofpbuf_init(&actions, 0);
    CHECK_INT(odp_actions_from_string("pop_eth,2,push_eth(src=00:00:00:00:"
                                      "00:01,dst=00:00:00:00:00:02),3",
                                      NULL, &actions), 0);
    dp_packet_batch_init_packet(&batch, packet_from_text(tcp));
    odp_execute_actions(&log, &batch, true, actions.data, actions.size,
                        exec_cb);
    out = ds_cstr(&log.ds);
    CHECK(!strncmp(out, "2:4500", 6));
    nl = strchr(out, '\n');
    CHECK(!strncmp(nl + 1, "3:00000000000200000000000108004500", 34));
    ofpbuf_uninit(&actions);
    ds_destroy(&log.ds);

    /* Actions for the datapath reach the callback in order. */
    ds_init(&log.ds);
    ofpbuf_init(&actions, 0);
    CHECK_INT(odp_actions_from_string("ct(commit),recirc(1)", NULL,
                                      &actions), 0);
    dp_packet_batch_init_packet(&batch, packet_from_text(tcp));
    odp_execute_actions(&log, &batch, true, actions.data, actions.size,
                        exec_cb);
    CHECK(!strncmp(ds_cstr(&log.ds), "action12:", 9));
    CHECK(strstr(ds_cstr(&log.ds), "\naction7:") != NULL);
    ofpbuf_uninit(&actions);
    ds_destroy(&log.ds);

    /* The packet from the flow text parses back to the flow. */
    struct flow want;
    p = packet_from_text(tcp);
    flow_extract(p, &flow);
    flow_from_text(tcp, &want);
    CHECK(flow.nw_src == want.nw_src && flow.tp_dst == want.tp_dst);
    dp_packet_delete(p);
}
OVSTEST_REGISTER("odp/execute-misc", test_execute_misc);
