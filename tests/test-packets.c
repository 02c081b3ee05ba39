/* Unit tests for lib/packets.h and lib/dp-packet.h: addresses, checksums,
 * packet buffers and batches. */
#include <config.h>
#include "packets.h"
#include "dp-packet.h"
#include "dynamic-string.h"
#include "ovstest.h"
#include "random.h"

static void
test_eth_addr(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char buf[ETH_ADDR_STRLEN + 1];
    struct eth_addr ea;
    struct ds s = DS_EMPTY_INITIALIZER;

    CHECK(eth_addr_from_string("0a:00:00:00:00:01", &ea));
    CHECK_STR(eth_addr_to_string(ea, buf), "0a:00:00:00:00:01");
    CHECK(eth_addr_from_string("FF:ff:1:2:3:a", &ea));
    CHECK_STR(eth_addr_to_string(ea, buf), "ff:ff:01:02:03:0a");
    CHECK(eth_addr_to_uint64(ea) == UINT64_C(0xffff0102030a));
    CHECK(eth_addr_equals(eth_addr_from_uint64(0xffff0102030a), ea));
    CHECK(eth_addr_is_multicast(ea));
    CHECK(!eth_addr_is_broadcast(ea));
    CHECK(eth_addr_is_broadcast(eth_addr_broadcast));
    CHECK(eth_addr_is_zero(eth_addr_zero));

    /* Bad forms leave the address zero. */
    static const char *const bad[] = {
        "", "0a:00:00:00:00", "0a:00:00:00:00:01:02", "0a:00:00:00:00:1g",
        "0a-00-00-00-00-01", "123:00:00:00:00:01", ":00:00:00:00:00:01",
        "0a:00:00:00:00:01 ",
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        ea = eth_addr_broadcast;
        CHECK(!eth_addr_from_string(bad[i], &ea));
        CHECK(eth_addr_is_zero(ea));
    }
    CHECK_INT(eth_addr_parse_prefix("01:02:03:04:05:06,x", &ea), 17);

    eth_format(&s, (struct eth_addr) ETH_ADDR_C(de, ad, be, ef, 00, 01));
    CHECK_STR(ds_cstr(&s), "de:ad:be:ef:00:01");
    ds_destroy(&s);
}
OVSTEST_REGISTER("packets/eth-addr", test_eth_addr);

static void
test_ip_addr(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct in6_addr a, m;
    ovs_be32 ip;

    CHECK(ip_parse("10.0.0.1", &ip));
    CHECK(ip == htonl(0x0a000001));
    CHECK(ip_parse("255.255.255.255", &ip));
    CHECK(!ip_parse("256.0.0.1", &ip) && !ip);
    CHECK(!ip_parse("1.2.3", &ip));
    CHECK(!ip_parse("1.2.3.4.5", &ip));
    CHECK(!ip_parse("1.2.3.4 ", &ip));
    CHECK(!ip_parse("0001.2.3.4", &ip));

    CHECK(ip_is_cidr(htonl(0xffffff00)));
    CHECK(!ip_is_cidr(htonl(0xff00ff00)));
    CHECK_INT(ip_count_cidr_bits(htonl(0xfffffe00)), 23);
    CHECK(be32_prefix_mask(24) == htonl(0xffffff00));
    CHECK(be32_prefix_mask(0) == 0);
    ip_format_masked(htonl(0x0a000000), htonl(0xffffff00), &s);
    ds_put_char(&s, ' ');
    ip_format_masked(htonl(0x0a000000), htonl(0xff00ff00), &s);
    ds_put_char(&s, ' ');
    ip_format_masked(htonl(0x0a000001), htonl(0xffffffff), &s);
    CHECK_STR(ds_cstr(&s), "10.0.0.0/24 10.0.0.0/255.0.255.0 10.0.0.1");
    ds_clear(&s);

    CHECK(ipv6_parse("2001:db8::1", &a));
    ipv6_format_addr(&a, &s);
    CHECK_STR(ds_cstr(&s), "2001:db8::1");
    ds_clear(&s);
    CHECK(!ipv6_parse("2001:db8::1::2", &a) && ipv6_is_zero(&a));
    m = ipv6_create_mask(33);
    CHECK_INT(ipv6_count_cidr_bits(&m), 33);
    CHECK(ipv6_is_cidr(&m));
    CHECK(m.s6_addr[4] == 0x80 && m.s6_addr[5] == 0);
    ipv6_parse("2001:db8::", &a);
    m = ipv6_create_mask(32);
    ipv6_format_masked(&a, &m, &s);
    CHECK_STR(ds_cstr(&s), "2001:db8::/32");
    ds_clear(&s);
    m = ipv6_create_mask(128);
    CHECK(ipv6_mask_is_exact(&m));
    a = in6_addr_mapped_ipv4(htonl(0xc0a80001));
    ipv6_format_addr(&a, &s);
    ds_put_char(&s, ' ');
    ipv6_format_mapped(&a, &s);
    CHECK_STR(ds_cstr(&s), "::ffff:192.168.0.1 192.168.0.1");
    CHECK(in6_addr_get_mapped_ipv4(&a) == htonl(0xc0a80001));
    ds_destroy(&s);
}
OVSTEST_REGISTER("packets/ip-addr", test_ip_addr);

static void
test_csum_known(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    /* RFC 1071 section 3: the sum of these bytes is 0xddf2. */
    static const uint8_t rfc1071[] = {
        0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7
    };
    /* An IPv4 header with checksum 0xb861. */
    static const uint8_t ip[] = {
        0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
        0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
    };
    uint8_t buf[64];

    CHECK(ntohs(csum(rfc1071, sizeof rfc1071)) == (uint16_t) ~0xddf2);
    CHECK(ntohs(packet_ipv4_csum((const struct ip_header *) ip)) == 0xb861);
    /* Summed over including its checksum, a header sums to zero. */
    CHECK(csum(ip, sizeof ip) == 0);

    /* Odd lengths pad with a zero byte; chunking at even boundaries does
     * not change the sum; any alignment works. */
    CHECK(csum("\x01", 1) == csum("\x01\x00", 2));
    for (int i = 0; i < 200; i++) {
        size_t n = random_range(40), split = random_range(n / 2 + 1) * 2;
        size_t ofs = random_range(8);
        uint32_t partial;

        random_bytes(buf + ofs, n);
        partial = csum_continue(0, buf + ofs, split);
        partial = csum_continue(partial, buf + ofs + split, n - split);
        CHECK(csum_finish(partial) == csum(buf + ofs, n));

        /* Reference: 16 bits at a time. */
        uint32_t ref = 0;
        for (size_t j = 0; j < n; j += 2) {
            ref += (buf[ofs + j] << 8) | (j + 1 < n ? buf[ofs + j + 1] : 0);
        }
        while (ref >> 16) {
            ref = (ref & 0xffff) + (ref >> 16);
        }
        CHECK(ntohs(csum(buf + ofs, n)) == (uint16_t) ~ref);
    }

    /* CRC32c check value, and an SCTP-style little-endian placement. */
    ovs_be32 c = crc32c((const uint8_t *) "123456789", 9);
    uint8_t wire[4];
    memcpy(wire, &c, 4);
    CHECK(wire[0] == 0x83 && wire[1] == 0x92 && wire[2] == 0x06
          && wire[3] == 0xe3);
}
OVSTEST_REGISTER("packets/csum-known", test_csum_known);

/* 0x0000 and 0xffff are the same number in one's complement. */
static bool
csum_same(ovs_be16 a, ovs_be16 b)
{
    return a == b || (a == 0xffff && b == 0) || (a == 0 && b == 0xffff);
}

/* RFC 1624: incremental updates equal full recomputation. */
static void
test_csum_incremental(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    random_set_seed(7);
    for (int i = 0; i < 100000; i++) {
        uint16_t data[16];
        size_t n = 1 + random_range(16);
        size_t k = random_range(n);
        ovs_be16 old_csum, new_csum, inc;
        uint16_t old;

        random_bytes(data, n * 2);
        if (i % 7 == 0) {
            /* Edge values. */
            data[k] = i % 2 ? 0xffff : 0;
        }
        old_csum = csum(data, n * 2);
        old = data[k];
        data[k] = i % 5 == 0 ? (i % 2 ? 0xffff : 0) : random_uint16();
        new_csum = csum(data, n * 2);
        inc = recalc_csum16(old_csum, old, data[k]);
        CHECK(csum_same(inc, new_csum));
    }
    for (int i = 0; i < 20000; i++) {
        uint32_t data[8];
        uint8_t old128[16];
        ovs_be16 old_csum, inc;
        uint32_t old;

        random_bytes(data, sizeof data);
        old_csum = csum(data, sizeof data);
        old = data[3];
        data[3] = random_uint32();
        inc = recalc_csum32(old_csum, old, data[3]);
        CHECK(csum_same(inc, csum(data, sizeof data)));

        old_csum = csum(data, sizeof data);
        memcpy(old128, &data[4], 16);
        random_bytes(&data[4], 16);
        inc = recalc_csum128(old_csum, old128, &data[4]);
        CHECK(csum_same(inc, csum(data, sizeof data)));
    }
}
OVSTEST_REGISTER("packets/csum-incremental", test_csum_incremental);

static void
test_dp_packet_buffer(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct dp_packet *b = dp_packet_new_with_headroom(10, 4);
    uint8_t stub[16];
    struct dp_packet s;

    CHECK_INT(dp_packet_headroom(b), 4);
    CHECK_INT(dp_packet_tailroom(b), 10);
    memcpy(dp_packet_put_uninit(b, 3), "abc", 3);
    dp_packet_push(b, "xy", 2);
    CHECK_INT(dp_packet_size(b), 5);
    CHECK(!memcmp(dp_packet_data(b), "xyabc", 5));
    CHECK(dp_packet_at(b, 3, 2) && !dp_packet_at(b, 4, 2));
    CHECK(!dp_packet_at(b, SIZE_MAX, 2) && !dp_packet_at(b, 2, SIZE_MAX));
    /* Growing keeps the data. */
    dp_packet_push_zeros(b, 100);
    dp_packet_put_zeros(b, 1000);
    CHECK_INT(dp_packet_size(b), 1105);
    CHECK(!memcmp((char *) dp_packet_data(b) + 100, "xyabc", 5));
    CHECK(dp_packet_try_pull(b, 100));
    CHECK(!memcmp(dp_packet_data(b), "xyabc", 5));
    CHECK(!dp_packet_try_pull(b, 2000));

    /* Offsets move with dp_packet_resize_l2(). */
    dp_packet_set_l3(b, (char *) dp_packet_data(b) + 2);
    dp_packet_resize_l2(b, 4);
    CHECK(!memcmp(dp_packet_l3(b), "abc", 3));
    dp_packet_resize_l2(b, -4);
    CHECK(!memcmp(dp_packet_l3(b), "abc", 3));
    CHECK(!dp_packet_l4(b) && !dp_packet_l2_5(b));

    struct dp_packet *c = dp_packet_clone(b);
    CHECK_INT(dp_packet_size(c), dp_packet_size(b));
    CHECK(!memcmp(dp_packet_l3(c), "abc", 3));
    dp_packet_delete(c);
    dp_packet_delete(b);

    /* A stub moves to the heap when outgrown. */
    dp_packet_use_stub(&s, stub, sizeof stub);
    dp_packet_put(&s, "0123456789", 10);
    CHECK(dp_packet_data(&s) == (void *) stub);
    dp_packet_put(&s, "0123456789", 10);
    CHECK(dp_packet_data(&s) != (void *) stub);
    CHECK(!memcmp(dp_packet_data(&s), "01234567890123456789", 20));
    dp_packet_uninit(&s);
}
OVSTEST_REGISTER("dp-packet/buffer", test_dp_packet_buffer);

static void
test_dp_packet_batch(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct dp_packet_batch batch, clone;
    struct dp_packet *packet;
    size_t n = 0;

    dp_packet_batch_init(&batch);
    CHECK(dp_packet_batch_is_empty(&batch));
    for (int i = 0; i < NETDEV_MAX_BURST + 3; i++) {
        packet = dp_packet_new(8);
        dp_packet_put(packet, &i, sizeof i);
        dp_packet_batch_add(&batch, packet);   /* Extra ones are freed. */
    }
    CHECK(dp_packet_batch_is_full(&batch));
    CHECK_INT(dp_packet_batch_size(&batch), NETDEV_MAX_BURST);

    DP_PACKET_BATCH_FOR_EACH (i, packet, &batch) {
        int v;

        memcpy(&v, dp_packet_data(packet), sizeof v);
        CHECK_INT(v, i);
        n++;
    }
    CHECK_INT(n, NETDEV_MAX_BURST);

    /* Keep the even ones. */
    const size_t size = dp_packet_batch_size(&batch);
    DP_PACKET_BATCH_REFILL_FOR_EACH (i, size, packet, &batch) {
        if (i % 2) {
            dp_packet_delete(packet);
        } else {
            dp_packet_batch_refill(&batch, packet, i);
        }
    }
    CHECK_INT(dp_packet_batch_size(&batch), NETDEV_MAX_BURST / 2);
    DP_PACKET_BATCH_FOR_EACH (i, packet, &batch) {
        int v;

        memcpy(&v, dp_packet_data(packet), sizeof v);
        CHECK_INT(v, i * 2);
    }

    /* Cut lengths. */
    batch.packets[1]->cutlen = 3;
    batch.trunc = true;
    dp_packet_batch_clone(&clone, &batch);
    dp_packet_batch_apply_cutlen(&clone);
    CHECK_INT(dp_packet_size(clone.packets[1]), 1);
    CHECK_INT(dp_packet_size(clone.packets[0]), 4);
    dp_packet_delete_batch(&clone, true);
    CHECK(dp_packet_batch_is_empty(&clone));
    dp_packet_batch_reset_cutlen(&batch);
    CHECK_INT(batch.packets[1]->cutlen, 0);
    dp_packet_delete_batch(&batch, true);
}
OVSTEST_REGISTER("dp-packet/batch", test_dp_packet_batch);

static void
test_tcp_flags_format(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    packet_format_tcp_flags(&s, 0xfff);
    CHECK_STR(ds_cstr(&s),
              "fin|syn|rst|psh|ack|urg|ece|cwr|ns|[200]|[400]|[800]");
    ds_clear(&s);
    packet_format_tcp_flags(&s, TCP_SYN | TCP_ACK);
    CHECK_STR(ds_cstr(&s), "syn|ack");
    ds_clear(&s);
    packet_format_tcp_flags(&s, 0);
    CHECK_STR(ds_cstr(&s), "0");
    ds_destroy(&s);
}
OVSTEST_REGISTER("packets/tcp-flags-format", test_tcp_flags_format);
