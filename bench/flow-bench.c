/* flow-bench: measures flow_extract() on small packets.
 *
 * usage: flow-bench [MILLIONS]
 *
 * Builds 64-byte packets of a few kinds (IPv4 UDP, IPv4 TCP, VLAN-tagged
 * IPv4 UDP, IPv6 UDP, IPv6 TCP), then parses batches of 32 of them over
 * and over: first each kind alone, then a mix of all of them in a
 * pseudo-random order.  Prints, for each, the best of 3 runs in
 * nanoseconds per packet, and also the cost of flow_hash_5tuple() and of
 * the miniflow of the parsed key, on standard output.  Times are CPU
 * time of the process, so that other work on a shared machine skews them
 * less.  There is no upstream equivalent to compare with. */
#include <config.h>
#include "flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "dp-packet.h"
#include "packets.h"
#include "random.h"
#include "util.h"

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

enum kind { UDP4, TCP4, VLAN_UDP4, UDP6, TCP6, N_KINDS };

static const char *const kind_names[N_KINDS] = {
    "ipv4-udp", "ipv4-tcp", "vlan-ipv4-udp", "ipv6-udp", "ipv6-tcp",
};

/* Returns a 64-byte packet of KIND with addresses and ports from N. */
static struct dp_packet *
make_packet(enum kind kind, uint32_t n)
{
    struct dp_packet *b = dp_packet_new_with_headroom(64, DP_PACKET_HEADROOM);
    struct flow flow;
    size_t hdr;

    memset(&flow, 0, sizeof flow);
    flow.packet_type = PT_ETH;
    flow.dl_src = eth_addr_from_uint64(0x020000000000ULL | n);
    flow.dl_dst = eth_addr_from_uint64(0x020000100000ULL | n);
    flow.nw_ttl = 64;
    flow.tp_src = htons(1024 + n % 50000);
    flow.tp_dst = htons(80);
    if (kind == VLAN_UDP4) {
        flow.vlans[0].tpid = htons(ETH_TYPE_VLAN);
        flow.vlans[0].tci = htons(VLAN_CFI | (n % 4094 + 1));
    }
    if (kind == UDP6 || kind == TCP6) {
        flow.dl_type = htons(ETH_TYPE_IPV6);
        flow.ipv6_src.s6_addr[0] = 0x20;
        flow.ipv6_dst.s6_addr[0] = 0x20;
        memcpy(&flow.ipv6_src.s6_addr[12], &n, 4);
        hdr = ETH_HEADER_LEN + IPV6_HEADER_LEN;
    } else {
        flow.dl_type = htons(ETH_TYPE_IP);
        flow.nw_src = htonl(0x0a000000 | (n & 0xffffff));
        flow.nw_dst = htonl(0x0b000001);
        hdr = ETH_HEADER_LEN + IP_HEADER_LEN
              + (kind == VLAN_UDP4 ? VLAN_HEADER_LEN : 0);
    }
    if (kind == TCP4 || kind == TCP6) {
        flow.nw_proto = IPPROTO_TCP;
        flow.tcp_flags = htons(TCP_ACK);
        hdr += TCP_HEADER_LEN;
    } else {
        flow.nw_proto = IPPROTO_UDP;
        hdr += UDP_HEADER_LEN;
    }
    flow_compose(b, &flow, hdr < 64 ? 64 - hdr : 0);
    return b;
}

#define BATCH 32
#define N_PACKETS 1024          /* Distinct packets per set. */

/* Parses the N_PACKETS packets of SET, in batches, ROUNDS times; returns
 * the best of 3 timings in ns/packet. */
static double
time_extract(struct dp_packet **set, long rounds)
{
    double best = 1e9;
    uint64_t sink = 0;

    for (int run = 0; run < 3; run++) {
        double start = now();

        for (long r = 0; r < rounds; r++) {
            for (size_t i = 0; i < N_PACKETS; i += BATCH) {
                struct flow flows[BATCH];

                for (size_t j = 0; j < BATCH; j++) {
                    flow_extract(set[i + j], &flows[j]);
                }
                sink += flows[r % BATCH].tp_src;
            }
        }
        double ns = (now() - start) * 1e9 / ((double) rounds * N_PACKETS);
        best = MIN(best, ns);
    }
    ovs_ignore(sink);
    return best;
}

int
main(int argc, char *argv[])
{
    struct dp_packet *sets[N_KINDS + 1][N_PACKETS];
    double millions = argc > 1 ? atof(argv[1]) : 2;
    long rounds;

    set_program_name(argv[0]);
    if (millions <= 0) {
        ovs_fatal(0, "usage: %s [MILLIONS]", argv[0]);
    }
    rounds = MAX(1, (long) (millions * 1e6 / N_PACKETS));
    random_set_seed(1);
    for (int k = 0; k < N_KINDS; k++) {
        for (uint32_t i = 0; i < N_PACKETS; i++) {
            sets[k][i] = make_packet(k, i);
        }
    }
    for (uint32_t i = 0; i < N_PACKETS; i++) {
        sets[N_KINDS][i] = make_packet(random_range(N_KINDS), i);
    }

    printf("flow_extract, 64-byte packets, batches of %d, "
           "%.1f million packets per run (best of 3)\n", BATCH,
           rounds * (double) N_PACKETS / 1e6);
    for (int k = 0; k <= N_KINDS; k++) {
        printf("  %-14s %6.1f ns/packet\n",
               k < N_KINDS ? kind_names[k] : "mix",
               time_extract(sets[k], rounds));
    }

    /* What the datapath does next with a key. */
    struct flow flows[N_PACKETS];
    uint32_t sink = 0;
    double start;

    for (int i = 0; i < N_PACKETS; i++) {
        flow_extract(sets[N_KINDS][i], &flows[i]);
    }
    start = now();
    for (long r = 0; r < rounds; r++) {
        for (int i = 0; i < N_PACKETS; i++) {
            sink += flow_hash_5tuple(&flows[i], r);
        }
    }
    printf("  %-14s %6.1f ns/packet\n", "hash-5tuple",
           (now() - start) * 1e9 / ((double) rounds * N_PACKETS));
    start = now();
    for (long r = 0; r < MAX(1, rounds / 4); r++) {
        for (int i = 0; i < N_PACKETS; i++) {
            struct miniflow *mf = miniflow_create(&flows[i]);

            sink += miniflow_hash(mf, 0);
            miniflow_destroy(mf);
        }
    }
    printf("  %-14s %6.1f ns/packet\n", "miniflow+hash",
           (now() - start) * 1e9 / ((double) MAX(1, rounds / 4) * N_PACKETS));
    ovs_ignore(sink);

    for (int k = 0; k <= N_KINDS; k++) {
        for (int i = 0; i < N_PACKETS; i++) {
            dp_packet_delete(sets[k][i]);
        }
    }
    return 0;
}
