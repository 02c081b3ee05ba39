/* netdev-bench: packet rates through our AF_PACKET system netdevs.
 *
 *   netdev-bench gen DEV SECONDS      sends 64-byte frames on DEV in
 *                                     batches of 32, as fast as it can.
 *   netdev-bench fwd IN OUT SECONDS   receives batches on IN and sends
 *                                     them on OUT, like a datapath thread.
 *   netdev-bench sink DEV SECONDS     receives and counts.
 *
 * Each prints one line "KEY=VALUE ..." at the end: packets, packets per
 * second, CPU seconds used, and the system calls it made (recvmmsg,
 * sendmmsg, poll) with their number per packet, so that bench/netdev.sh
 * can show that batching works.  Only frames with EtherType 0x88b5 (what
 * "gen" sends) are counted. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coverage.h"
#include "dp-packet.h"
#include "netdev.h"
#include "poll-loop.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

static struct netdev *
open_up(const char *name)
{
    struct netdev *netdev;
    int error = netdev_open(name, "system", &netdev);

    if (error) {
        ovs_fatal(error, "%s: open failed", name);
    }
    netdev_turn_flags_on(netdev, NETDEV_UP);
    return netdev;
}

static struct netdev_rxq *
open_rxq(struct netdev *netdev)
{
    struct netdev_rxq *rxq;
    int error = netdev_rxq_open(netdev, &rxq, 0);

    if (error) {
        ovs_fatal(error, "%s: rxq open failed", netdev_get_name(netdev));
    }
    return rxq;
}

static bool
is_bench_frame(const struct dp_packet *p)
{
    const uint8_t *d = dp_packet_data(p);

    return dp_packet_size(p) >= 14 && d[12] == 0x88 && d[13] == 0xb5;
}

static void
report(const char *mode, long long int packets, long long int start,
       long long int cpu0, unsigned long long int polls)
{
    double secs = (time_msec() - start) / 1000.0;
    double cpu = (time_cpu_msec() - cpu0) / 1000.0;
    unsigned long long int rx, tx;

    coverage_run();
    rx = coverage_get_total("netdev_linux_recvmmsg");
    tx = coverage_get_total("netdev_linux_sendmmsg");
    printf("mode=%s packets=%lld pps=%.0f cpu_s=%.2f recvmmsg=%llu "
           "sendmmsg=%llu poll=%llu syscalls_per_packet=%.4f\n",
           mode, packets, secs > 0 ? packets / secs : 0, cpu, rx, tx, polls,
           packets ? (double) (rx + tx + polls) / packets : 0);
}

static void
do_gen(const char *dev_name, int seconds)
{
    struct netdev *dev = open_up(dev_name);
    long long int start = time_msec(), cpu0 = time_cpu_msec();
    long long int end = start + seconds * 1000LL;
    struct dp_packet *proto;
    long long int packets = 0;
    uint8_t *d;

    proto = dp_packet_new_with_headroom(60, DP_PACKET_HEADROOM);
    d = dp_packet_put_zeros(proto, 60);
    memcpy(d, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x88\xb5",
           14);
    while (time_msec() < end) {
        for (int k = 0; k < 64; k++) {
            struct dp_packet_batch batch;

            dp_packet_batch_init(&batch);
            for (int i = 0; i < NETDEV_MAX_BURST; i++) {
                dp_packet_batch_add(&batch, dp_packet_clone(proto));
            }
            netdev_send(dev, 0, &batch, false);
            packets += NETDEV_MAX_BURST;
        }
    }
    report("gen", packets, start, cpu0, 0);
    dp_packet_delete(proto);
    netdev_close(dev);
}

static void
do_rx(const char *in_name, const char *out_name, int seconds)
{
    struct netdev *in = open_up(in_name);
    struct netdev *out = out_name ? open_up(out_name) : NULL;
    struct netdev_rxq *rxq = open_rxq(in);
    long long int start = 0, cpu0 = 0, end = 0;
    long long int packets = 0;
    unsigned long long int polls = 0;
    unsigned long long int rx0 = 0, tx0 = 0;

    /* Wait for the first frame, then measure for SECONDS. */
    for (;;) {
        struct dp_packet_batch batch;
        struct dp_packet *p;
        int n = 0;

        dp_packet_batch_init(&batch);
        if (!netdev_rxq_recv(rxq, &batch, NULL)) {
            DP_PACKET_BATCH_FOR_EACH (i, p, &batch) {
                n += is_bench_frame(p);
            }
            if (n && !start) {
                start = time_msec();
                cpu0 = time_cpu_msec();
                end = start + seconds * 1000LL;
                coverage_run();
                rx0 = coverage_get_total("netdev_linux_recvmmsg");
                tx0 = coverage_get_total("netdev_linux_sendmmsg");
            }
            packets += n;
            if (out) {
                netdev_send(out, 0, &batch, false);
            } else {
                dp_packet_delete_batch(&batch, true);
            }
            if (start && time_msec() >= end) {
                break;
            }
            continue;
        }
        if (start && time_msec() >= end) {
            break;
        }
        netdev_rxq_wait(rxq);
        poll_timer_wait(start ? end - time_msec() : 30000);
        poll_block();
        polls++;
        if (!start && polls > 1000000) {
            ovs_fatal(0, "no traffic");
        }
    }
    coverage_run();
    /* Report only what happened while measuring. */
    unsigned long long int rx = coverage_get_total("netdev_linux_recvmmsg");
    unsigned long long int tx = coverage_get_total("netdev_linux_sendmmsg");
    double secs = (time_msec() - start) / 1000.0;
    printf("mode=%s packets=%lld pps=%.0f cpu_s=%.2f recvmmsg=%llu "
           "sendmmsg=%llu poll=%llu syscalls_per_packet=%.4f\n",
           out ? "fwd" : "sink", packets, secs > 0 ? packets / secs : 0,
           (time_cpu_msec() - cpu0) / 1000.0, rx - rx0, tx - tx0, polls,
           packets ? (double) (rx - rx0 + tx - tx0 + polls) / packets : 0);
    netdev_rxq_close(rxq);
    netdev_close(in);
    netdev_close(out);
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    vlog_set_levels_from_string_assert("ANY:console:warn");
    if (argc == 4 && !strcmp(argv[1], "gen")) {
        do_gen(argv[2], atoi(argv[3]));
    } else if (argc == 5 && !strcmp(argv[1], "fwd")) {
        do_rx(argv[2], argv[3], atoi(argv[4]));
    } else if (argc == 4 && !strcmp(argv[1], "sink")) {
        do_rx(argv[2], NULL, atoi(argv[3]));
    } else {
        fprintf(stderr, "usage: %s gen DEV SECONDS | fwd IN OUT SECONDS | "
                "sink DEV SECONDS\n", argv[0]);
        return 1;
    }
    return 0;
}
