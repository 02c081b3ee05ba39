/* netdev-dummy.c: simulated network devices for tests (see
 * netdev-dummy.h).
 *
 * Each receive queue holds a list of packets waiting to be received and a
 * latch that is set whenever one is added, so that a datapath thread
 * waiting in poll_block() wakes up when the main thread (a unixctl
 * command) injects a packet.  A packet received while several queues are
 * open goes to queue 0 and copies to the others, as if the device had
 * one flow director per reader. */
#include <config.h>
#include "netdev-dummy.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "dynamic-string.h"
#include "flow.h"
#include "latch.h"
#include "list.h"
#include "netdev-provider.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "ovs-thread.h"
#include "pcap-file.h"
#include "poll-loop.h"
#include "smap.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netdev_dummy);

struct netdev_dummy {
    struct netdev up;
    struct ovs_list list_node;  /* In 'dummy_list'. */

    /* Protected by 'mutex'. */
    struct ovs_mutex mutex;
    struct eth_addr hwaddr;
    int mtu;
    int ifindex;                /* Negative errno if none configured. */
    enum netdev_flags flags;
    long long int carrier_resets;
    struct netdev_stats stats;
    struct ovs_list rxes;       /* struct netdev_rxq_dummy. */
    struct pcap_file *tx_pcap;  /* May equal rxq_pcap. */
    struct pcap_file *rxq_pcap;
    struct smap config;         /* What set_config() accepted. */
};

struct pkt_list_node {
    struct ovs_list node;
    struct dp_packet *packet;
};

struct netdev_rxq_dummy {
    struct netdev_rxq up;
    struct ovs_list node;       /* In netdev_dummy's 'rxes'. */
    struct ovs_list queue;      /* struct pkt_list_node, oldest first. */
    int n_queued;
    struct latch latch;         /* Set when a packet is queued. */
};

/* Every dummy device; protected by 'dummy_list_mutex'. */
static struct ovs_mutex dummy_list_mutex = OVS_MUTEX_INITIALIZER;
static struct ovs_list dummy_list = OVS_LIST_INITIALIZER(&dummy_list);

/* Cap on queued packets per queue, so a test cannot exhaust memory. */
#define DUMMY_MAX_QUEUE 10000

static int netdev_dummy_construct(struct netdev *);

static bool
is_dummy_class(const struct netdev_class *class)
{
    return class->construct == netdev_dummy_construct;
}

bool
netdev_is_dummy(const struct netdev *netdev)
{
    return is_dummy_class(netdev->netdev_class);
}

static struct netdev_dummy *
netdev_dummy_cast(const struct netdev *netdev)
{
    ovs_assert(is_dummy_class(netdev->netdev_class));
    return CONTAINER_OF(netdev, struct netdev_dummy, up);
}

static struct netdev_rxq_dummy *
netdev_rxq_dummy_cast(const struct netdev_rxq *rxq)
{
    return CONTAINER_OF(rxq, struct netdev_rxq_dummy, up);
}

static struct netdev *
netdev_dummy_alloc(void)
{
    struct netdev_dummy *dev = xzalloc(sizeof *dev);

    return &dev->up;
}

static int
netdev_dummy_construct(struct netdev *netdev)
{
    static unsigned int next_n = 0xaa550000;
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    unsigned int n;

    n = __atomic_fetch_add(&next_n, 1, __ATOMIC_RELAXED);
    ovs_mutex_init(&dev->mutex);
    dev->hwaddr = (struct eth_addr) ETH_ADDR_C(aa, 55, 00, 00, 00, 00);
    dev->hwaddr.ea[2] = n >> 24;
    dev->hwaddr.ea[3] = n >> 16;
    dev->hwaddr.ea[4] = n >> 8;
    dev->hwaddr.ea[5] = n;
    dev->mtu = ETH_PAYLOAD_MAX;
    dev->ifindex = -EOPNOTSUPP;
    dev->flags = NETDEV_UP;
    memset(&dev->stats, 0, sizeof dev->stats);
    ovs_list_init(&dev->rxes);
    smap_init(&dev->config);
    netdev->ol_flags = 0;

    ovs_mutex_lock(&dummy_list_mutex);
    ovs_list_push_back(&dummy_list, &dev->list_node);
    ovs_mutex_unlock(&dummy_list_mutex);
    return 0;
}

static void
netdev_dummy_close_pcaps(struct netdev_dummy *dev)
{
    if (dev->tx_pcap != dev->rxq_pcap) {
        ovs_pcap_close(dev->tx_pcap);
    }
    ovs_pcap_close(dev->rxq_pcap);
    dev->tx_pcap = dev->rxq_pcap = NULL;
}

static void
netdev_dummy_destruct(struct netdev *netdev)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    ovs_mutex_lock(&dummy_list_mutex);
    ovs_list_remove(&dev->list_node);
    ovs_mutex_unlock(&dummy_list_mutex);

    netdev_dummy_close_pcaps(dev);
    smap_destroy(&dev->config);
    ovs_mutex_destroy(&dev->mutex);
}

static void
netdev_dummy_dealloc(struct netdev *netdev)
{
    free(netdev_dummy_cast(netdev));
}

static int
netdev_dummy_get_config(const struct netdev *netdev, struct smap *args)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    const struct smap_node *node;

    ovs_mutex_lock(&dev->mutex);
    SMAP_FOR_EACH (node, &dev->config) {
        smap_add(args, node->key, node->value);
    }
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_dummy_set_config(struct netdev *netdev, const struct smap *args,
                        char **errp)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    const char *pcap = smap_get(args, "pcap");
    const char *tx_name = smap_get(args, "tx_pcap");
    const char *rx_name = smap_get(args, "rxq_pcap");
    struct pcap_file *tx = NULL, *rx = NULL;
    const char *ifindex_s = smap_get(args, "ifindex");
    int ifindex = -EOPNOTSUPP;

    if (!rx_name) {
        rx_name = smap_get(args, "rx_pcap");
    }
    if (ifindex_s) {
        char *end;
        long int x = strtol(ifindex_s, &end, 10);

        if (*end || x <= 0 || x > INT32_MAX) {
            *errp = xasprintf("%s: bad ifindex \"%s\"", netdev->name,
                              ifindex_s);
            return EINVAL;
        }
        ifindex = x;
    }

    /* Open the new captures before touching the old ones, so that a bad
     * file name changes nothing. */
    if (pcap) {
        tx = rx = ovs_pcap_open(pcap, "ab");
        if (!tx) {
            goto pcap_error;
        }
    } else {
        if (tx_name) {
            tx = ovs_pcap_open(tx_name, "ab");
            if (!tx) {
                goto pcap_error;
            }
        }
        if (rx_name) {
            rx = (tx_name && !strcmp(rx_name, tx_name)
                  ? tx : ovs_pcap_open(rx_name, "ab"));
            if (!rx) {
                ovs_pcap_close(tx);
                tx = NULL;
                pcap = rx_name;
                goto pcap_error;
            }
        }
    }

    ovs_mutex_lock(&dev->mutex);
    netdev_dummy_close_pcaps(dev);
    dev->tx_pcap = tx;
    dev->rxq_pcap = rx;
    if (dev->ifindex != ifindex) {
        dev->ifindex = ifindex;
        netdev_change_seq_changed(netdev);
    }
    smap_destroy(&dev->config);
    smap_clone(&dev->config, args);
    ovs_mutex_unlock(&dev->mutex);
    return 0;

pcap_error:
    {
        int error = errno ? errno : EINVAL;

        *errp = xasprintf("%s: could not open capture file (%s)",
                          netdev->name, ovs_strerror(error));
        return error;
    }
}

static int
netdev_dummy_get_etheraddr(const struct netdev *netdev, struct eth_addr *mac)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    *mac = dev->hwaddr;
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_dummy_set_etheraddr(struct netdev *netdev, const struct eth_addr mac)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    bool changed;

    ovs_mutex_lock(&dev->mutex);
    changed = !eth_addr_equals(dev->hwaddr, mac);
    dev->hwaddr = mac;
    ovs_mutex_unlock(&dev->mutex);
    if (changed) {
        netdev_change_seq_changed(netdev);
    }
    return 0;
}

static int
netdev_dummy_get_mtu(const struct netdev *netdev, int *mtup)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    *mtup = dev->mtu;
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_dummy_set_mtu(struct netdev *netdev, int mtu)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    bool changed;

    ovs_mutex_lock(&dev->mutex);
    changed = dev->mtu != mtu;
    dev->mtu = mtu;
    ovs_mutex_unlock(&dev->mutex);
    if (changed) {
        netdev_change_seq_changed(netdev);
    }
    return 0;
}

static int
netdev_dummy_get_ifindex(const struct netdev *netdev)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    int ifindex;

    ovs_mutex_lock(&dev->mutex);
    ifindex = dev->ifindex;
    ovs_mutex_unlock(&dev->mutex);
    return ifindex;
}

static int
netdev_dummy_get_carrier(const struct netdev *netdev, bool *carrier)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    *carrier = (dev->flags & NETDEV_UP) != 0;
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

static long long int
netdev_dummy_get_carrier_resets(const struct netdev *netdev)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    long long int resets;

    ovs_mutex_lock(&dev->mutex);
    resets = dev->carrier_resets;
    ovs_mutex_unlock(&dev->mutex);
    return resets;
}

static int
netdev_dummy_get_stats(const struct netdev *netdev,
                       struct netdev_stats *stats)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    stats->rx_packets = dev->stats.rx_packets;
    stats->tx_packets = dev->stats.tx_packets;
    stats->rx_bytes = dev->stats.rx_bytes;
    stats->tx_bytes = dev->stats.tx_bytes;
    /* Upstream's dummy devices report only these four counters (the rest
     * print as "?" in dpctl/show -s); drops are kept internally. */
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_dummy_update_flags(struct netdev *netdev, enum netdev_flags off,
                          enum netdev_flags on, enum netdev_flags *old_flagsp)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    enum netdev_flags old;

    if ((off | on) & ~(NETDEV_UP | NETDEV_PROMISC)) {
        return EINVAL;
    }
    ovs_mutex_lock(&dev->mutex);
    old = *old_flagsp = dev->flags;
    dev->flags = (dev->flags & ~off) | on;
    if ((old ^ dev->flags) & NETDEV_UP) {
        dev->carrier_resets++;
    }
    ovs_mutex_unlock(&dev->mutex);
    if (old != ((old & ~off) | on)) {
        netdev_change_seq_changed(netdev);
    }
    return 0;
}

static int
netdev_dummy_get_speed(const struct netdev *netdev OVS_UNUSED,
                       uint32_t *current, uint32_t *max)
{
    *current = 10000;
    *max = 10000;
    return 0;
}

/* Receive queues. */

static struct netdev_rxq *
netdev_dummy_rxq_alloc(void)
{
    struct netdev_rxq_dummy *rx = xzalloc(sizeof *rx);

    return &rx->up;
}

static int
netdev_dummy_rxq_construct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq);
    struct netdev_dummy *dev = netdev_dummy_cast(rxq->netdev);

    ovs_list_init(&rx->queue);
    rx->n_queued = 0;
    latch_init(&rx->latch);
    ovs_mutex_lock(&dev->mutex);
    ovs_list_push_back(&dev->rxes, &rx->node);
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

static void
netdev_dummy_rxq_destruct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq);
    struct netdev_dummy *dev = netdev_dummy_cast(rxq->netdev);
    struct pkt_list_node *pkt;

    ovs_mutex_lock(&dev->mutex);
    ovs_list_remove(&rx->node);
    LIST_FOR_EACH_POP (pkt, node, &rx->queue) {
        dp_packet_delete(pkt->packet);
        free(pkt);
    }
    ovs_mutex_unlock(&dev->mutex);
    latch_destroy(&rx->latch);
}

static void
netdev_dummy_rxq_dealloc(struct netdev_rxq *rxq)
{
    free(netdev_rxq_dummy_cast(rxq));
}

static int
netdev_dummy_rxq_recv(struct netdev_rxq *rxq, struct dp_packet_batch *batch,
                      int *qfill)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq);
    struct netdev_dummy *dev = netdev_dummy_cast(rxq->netdev);

    latch_poll(&rx->latch);
    ovs_mutex_lock(&dev->mutex);
    while (!ovs_list_is_empty(&rx->queue)
           && !dp_packet_batch_is_full(batch)) {
        struct pkt_list_node *pkt;

        pkt = CONTAINER_OF(ovs_list_pop_front(&rx->queue),
                           struct pkt_list_node, node);
        rx->n_queued--;
        dp_packet_batch_add(batch, pkt->packet);
        free(pkt);
    }
    if (qfill) {
        *qfill = rx->n_queued;
    }
    ovs_mutex_unlock(&dev->mutex);
    return dp_packet_batch_is_empty(batch) ? EAGAIN : 0;
}

static void
netdev_dummy_rxq_wait(struct netdev_rxq *rxq)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq);
    struct netdev_dummy *dev = netdev_dummy_cast(rxq->netdev);
    bool empty;

    ovs_mutex_lock(&dev->mutex);
    empty = ovs_list_is_empty(&rx->queue);
    ovs_mutex_unlock(&dev->mutex);
    if (!empty) {
        poll_immediate_wake();
    } else {
        latch_wait(&rx->latch);
    }
}

static int
netdev_dummy_rxq_drain(struct netdev_rxq *rxq)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq);
    struct netdev_dummy *dev = netdev_dummy_cast(rxq->netdev);
    struct pkt_list_node *pkt;

    ovs_mutex_lock(&dev->mutex);
    LIST_FOR_EACH_POP (pkt, node, &rx->queue) {
        dp_packet_delete(pkt->packet);
        free(pkt);
    }
    rx->n_queued = 0;
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

/* Queues PACKET on RX.  Called with the device's mutex held. */
static void
netdev_dummy_rxq_enqueue(struct netdev_dummy *dev,
                         struct netdev_rxq_dummy *rx,
                         struct dp_packet *packet)
{
    struct pkt_list_node *pkt;

    if (rx->n_queued >= DUMMY_MAX_QUEUE) {
        dev->stats.rx_dropped++;
        dp_packet_delete(packet);
        return;
    }
    pkt = xmalloc(sizeof *pkt);
    pkt->packet = packet;
    ovs_list_push_back(&rx->queue, &pkt->node);
    rx->n_queued++;
    latch_set(&rx->latch);
}

void
netdev_dummy_queue_packet(struct netdev *netdev, struct dp_packet *packet)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    struct netdev_rxq_dummy *rx, *first = NULL;

    dp_packet_reset_for_rx(packet, ODPP_NONE);
    ovs_mutex_lock(&dev->mutex);
    if (dev->rxq_pcap) {
        ovs_pcap_write(dev->rxq_pcap, packet);
    }
    dev->stats.rx_packets++;
    dev->stats.rx_bytes += dp_packet_size(packet);
    LIST_FOR_EACH (rx, node, &dev->rxes) {
        if (!first) {
            first = rx;
        } else {
            netdev_dummy_rxq_enqueue(dev, rx, dp_packet_clone(packet));
        }
    }
    if (first) {
        netdev_dummy_rxq_enqueue(dev, first, packet);
    } else {
        /* Nobody listens: the packet is lost, as on a real device. */
        dev->stats.rx_dropped++;
        dp_packet_delete(packet);
    }
    ovs_mutex_unlock(&dev->mutex);
}

/* Sending. */

static int
netdev_dummy_send(struct netdev *netdev, int qid OVS_UNUSED,
                  struct dp_packet_batch *batch,
                  bool concurrent_txq OVS_UNUSED)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    struct dp_packet *packet;

    ovs_mutex_lock(&dev->mutex);
    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        if (dp_packet_size(packet) < ETH_HEADER_LEN) {
            dev->stats.tx_dropped++;
            continue;
        }
        dev->stats.tx_packets++;
        dev->stats.tx_bytes += dp_packet_size(packet);
        if (dev->tx_pcap) {
            ovs_pcap_write(dev->tx_pcap, packet);
        }
    }
    ovs_mutex_unlock(&dev->mutex);
    dp_packet_delete_batch(batch, true);
    return 0;
}

static const struct netdev_class dummy_class = {
    .type = "dummy",
    .alloc = netdev_dummy_alloc,
    .construct = netdev_dummy_construct,
    .destruct = netdev_dummy_destruct,
    .dealloc = netdev_dummy_dealloc,
    .get_config = netdev_dummy_get_config,
    .set_config = netdev_dummy_set_config,
    .send = netdev_dummy_send,
    .set_etheraddr = netdev_dummy_set_etheraddr,
    .get_etheraddr = netdev_dummy_get_etheraddr,
    .get_mtu = netdev_dummy_get_mtu,
    .set_mtu = netdev_dummy_set_mtu,
    .get_ifindex = netdev_dummy_get_ifindex,
    .get_carrier = netdev_dummy_get_carrier,
    .get_carrier_resets = netdev_dummy_get_carrier_resets,
    .get_speed = netdev_dummy_get_speed,
    .get_stats = netdev_dummy_get_stats,
    .update_flags = netdev_dummy_update_flags,
    .rxq_alloc = netdev_dummy_rxq_alloc,
    .rxq_construct = netdev_dummy_rxq_construct,
    .rxq_destruct = netdev_dummy_rxq_destruct,
    .rxq_dealloc = netdev_dummy_rxq_dealloc,
    .rxq_recv = netdev_dummy_rxq_recv,
    .rxq_wait = netdev_dummy_rxq_wait,
    .rxq_drain = netdev_dummy_rxq_drain,
};

/* Commands. */

/* Finds dummy device NAME and returns it with a reference, or NULL. */
static struct netdev *
netdev_dummy_find(const char *name)
{
    struct netdev *netdev = netdev_from_name(name);

    if (netdev && !netdev_is_dummy(netdev)) {
        netdev_close(netdev);
        netdev = NULL;
    }
    return netdev;
}

/* Parses hex packet S.  Returns a new packet, or NULL with a message in
 * *ERRP. */
static struct dp_packet *
netdev_dummy_parse_packet(const char *s, char **errp)
{
    struct dp_packet *packet;
    struct ofpbuf buf;
    const char *end;
    size_t n;

    ofpbuf_init(&buf, strlen(s) / 2 + 1);
    end = ofpbuf_put_hex(&buf, s, &n);
    while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n') {
        end++;
    }
    if (*end) {
        *errp = xasprintf("bad packet: \"%s\" is not hex digits (at "
                          "offset %d)", s, (int) (end - s));
        ofpbuf_uninit(&buf);
        return NULL;
    }
    if (n < ETH_HEADER_LEN) {
        *errp = xasprintf("bad packet: %zu bytes is shorter than an "
                          "Ethernet header", n);
        ofpbuf_uninit(&buf);
        return NULL;
    }
    packet = dp_packet_clone_data_with_headroom(buf.data, n,
                                                DP_PACKET_HEADROOM);
    ofpbuf_uninit(&buf);
    return packet;
}

/* The payload length upstream's netdev-dummy gives a packet built from
 * FLOW: 64 bytes for TCP segments without SYN, FIN or RST, UDP, and ICMP
 * and ICMPv6 echoes; nothing for everything else. */
static size_t
netdev_dummy_l7_len(const struct flow *flow)
{
    if (!is_ip_any(flow) || flow->nw_frag & FLOW_NW_FRAG_LATER) {
        return 0;
    }
    if (is_tcp(flow)) {
        return (ntohs(flow->tcp_flags) & (TCP_SYN | TCP_FIN | TCP_RST)
                ? 0 : 64);
    } else if (is_udp(flow)) {
        return 64;
    } else if (is_icmpv4(flow)) {
        uint16_t type = ntohs(flow->tp_src);

        return type == ICMP_ECHO_REQUEST || type == ICMP_ECHO_REPLY ? 64 : 0;
    } else if (is_icmpv6(flow)) {
        uint16_t type = ntohs(flow->tp_src);

        return type == ICMP6_ECHO_REQUEST || type == ICMP6_ECHO_REPLY
               ? 64 : 0;
    }
    return 0;
}

/* Makes the L4 header of composed PACKET what upstream's composition
 * writes: TCP window 0, SCTP checksum 0, UDP checksum always computed;
 * then recomputes checksums. */
static void
netdev_dummy_fix_l4(struct dp_packet *packet, const struct flow *flow)
{
    bool l4 = is_ip_any(flow) && !(flow->nw_frag & FLOW_NW_FRAG_LATER);
    struct tcp_header *tcp = NULL;
    struct udp_header *udp = NULL;

    if (l4 && is_tcp(flow)) {
        tcp = dp_packet_l4_at(packet, TCP_HEADER_LEN);
        if (tcp) {
            tcp->tcp_winsz = 0;
        }
    } else if (l4 && is_udp(flow)) {
        udp = dp_packet_l4_at(packet, UDP_HEADER_LEN);
        if (udp) {
            udp->udp_csum = 0;
        }
    }
    packet_csum_recompute(packet);
    if (l4 && is_sctp(flow)) {
        struct sctp_header *sctp = dp_packet_l4_at(packet,
                                                   SCTP_HEADER_LEN);
        if (sctp) {
            put_16aligned_be32(&sctp->sctp_csum, 0);
        }
    }
    if (udp) {
        size_t l4_size = dp_packet_l4_size(packet);
        ovs_be16 c;

        udp->udp_csum = 0;
        if (is_ipv4(flow)) {
            uint32_t partial = packet_csum_pseudoheader(dp_packet_l3(packet));

            c = csum_finish(csum_continue(partial, udp, l4_size));
        } else {
            c = packet_csum_upperlayer6(dp_packet_l3(packet), udp,
                                        IPPROTO_UDP, l4_size);
        }
        udp->udp_csum = c ? c : htons(0xffff);
    }
}

/* Grows composed PACKET (headers from FLOW, no payload) to PACKET_SIZE
 * bytes of zero payload, fixing IP lengths and checksums the way
 * upstream's netdev-dummy does, including its UDP length, which counts
 * the padding twice. */
static void
netdev_dummy_expand_packet(struct dp_packet *packet, const struct flow *flow,
                           size_t packet_size)
{
    size_t pad = packet_size - dp_packet_size(packet);

    dp_packet_put_zeros(packet, pad);
    if (is_ipv4(flow)) {
        struct ip_header *ip = dp_packet_l3(packet);

        ip->ip_tot_len = htons(ntohs(ip->ip_tot_len) + pad);
    } else if (is_ipv6(flow)) {
        struct ip6_header *ip6 = dp_packet_l3(packet);

        ip6->ip6_plen = htons(ntohs(ip6->ip6_plen) + pad);
    }
    if (is_udp(flow) && !(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
        struct udp_header *udp = dp_packet_l4(packet);

        if (udp) {
            udp->udp_len = htons(dp_packet_l4_size(packet) + pad);
        }
    }
}

struct dp_packet *
netdev_dummy_packet_from_flow_str(const char *s, size_t packet_size,
                                  char **errorp)
{
    struct dp_packet *packet;
    struct ofpbuf key;
    struct flow flow;

    *errorp = NULL;
    ofpbuf_init(&key, 0);
    if (odp_flow_from_string(s, NULL, &key, NULL, errorp)) {
        ofpbuf_uninit(&key);
        return NULL;
    }
    if (odp_flow_key_to_flow(key.data, key.size, &flow, errorp)
        == ODP_FIT_ERROR) {
        ofpbuf_uninit(&key);
        if (!*errorp) {
            *errorp = xstrdup("invalid flow");
        }
        return NULL;
    }
    free(*errorp);
    *errorp = NULL;
    ofpbuf_uninit(&key);

    /* Upstream composes IPv6 without fragment headers: a later fragment
     * is just its IPv6 header. */
    bool v6_later = is_ipv6(&flow) && flow.nw_frag & FLOW_NW_FRAG_LATER;
    uint8_t original_proto = flow.nw_proto;
    if (is_ipv6(&flow)) {
        flow.nw_frag = 0;
        if (v6_later) {
            flow.nw_proto = IPPROTO_NONE;
        }
    }

    packet = dp_packet_new_with_headroom(0, DP_PACKET_HEADROOM);
    if (packet_size) {
        flow_compose(packet, &flow, 0);
        if (dp_packet_size(packet) < packet_size) {
            netdev_dummy_expand_packet(packet, &flow, packet_size);
        } else if (dp_packet_size(packet) > packet_size) {
            dp_packet_delete(packet);
            *errorp = xstrdup("too small packet len");
            return NULL;
        }
    } else {
        flow_compose(packet, &flow, netdev_dummy_l7_len(&flow));
    }
    netdev_dummy_fix_l4(packet, &flow);
    if (v6_later) {
        struct ip6_header *ip6 = dp_packet_l3(packet);

        ip6->ip6_nxt = original_proto;
    }
    return packet;
}

/* Reads hex packets from FILE_NAME into PACKETS (an array of *N, grown).
 * Returns NULL or an error message. */
static char *
netdev_dummy_read_hex_file(const char *file_name, struct dp_packet ***packets,
                           size_t *n, size_t *allocated)
{
    struct ds line = DS_EMPTY_INITIALIZER;
    char *error = NULL;
    int line_number = 0;
    FILE *file;

    file = fopen(file_name, "r");
    if (!file) {
        return xasprintf("%s: open failed (%s)", file_name,
                         ovs_strerror(errno));
    }
    for (;;) {
        int c;

        ds_clear(&line);
        while ((c = getc(file)) != EOF && c != '\n') {
            ds_put_char(&line, c);
        }
        if (c == EOF && !line.length) {
            break;
        }
        line_number++;

        const char *s = ds_cstr(&line);

        s += strspn(s, " \t\r");
        if (!*s || *s == '#') {
            continue;
        }

        char *msg = NULL;
        struct dp_packet *packet = netdev_dummy_parse_packet(s, &msg);

        if (!packet) {
            error = xasprintf("%s:%d: %s", file_name, line_number, msg);
            free(msg);
            break;
        }
        if (*n >= *allocated) {
            *packets = x2nrealloc(*packets, allocated, sizeof **packets);
        }
        (*packets)[(*n)++] = packet;
    }
    fclose(file);
    ds_destroy(&line);
    return error;
}

static void
netdev_dummy_receive(struct unixctl_conn *conn, int argc, const char *argv[],
                     void *aux OVS_UNUSED)
{
    struct dp_packet **packets = NULL;
    size_t n = 0, allocated = 0;
    struct netdev *netdev;
    char *error = NULL;
    int i;

    netdev = netdev_dummy_find(argv[1]);
    if (!netdev) {
        unixctl_command_reply_error(conn, "no such dummy netdev");
        return;
    }

    for (i = 2; i < argc && !error; i++) {
        if (!strcmp(argv[i], "--qid") || !strcmp(argv[i], "--len")) {
            /* One queue per reader and no padding: accepted for
             * compatibility, nothing to do. */
            if (++i >= argc) {
                error = xasprintf("%s requires an argument", argv[i - 1]);
            }
        } else if (!strcmp(argv[i], "--file")) {
            if (++i >= argc) {
                error = xstrdup("--file requires an argument");
            } else {
                error = netdev_dummy_read_hex_file(argv[i], &packets, &n,
                                                   &allocated);
            }
        } else {
            struct dp_packet *packet;
            size_t packet_size = 0;

            if (i + 2 < argc && !strcmp(argv[i + 1], "--len")) {
                unsigned int len;

                if (!str_to_uint(argv[i + 2], 10, &len) || !len) {
                    error = xasprintf("bad --len \"%s\"", argv[i + 2]);
                    break;
                }
                packet_size = len;
            }
            if (!packet_size) {
                packet = netdev_dummy_parse_packet(argv[i], &error);
            } else {
                packet = NULL;
            }
            if (!packet) {
                /* Not an Ethernet frame in hex: upstream's flow syntax,
                 * whose error is the one reported, as upstream does. */
                free(error);
                packet = netdev_dummy_packet_from_flow_str(argv[i],
                                                           packet_size,
                                                           &error);
            }
            if (packet_size) {
                i += 2;
            }
            if (packet) {
                if (n >= allocated) {
                    packets = x2nrealloc(packets, &allocated,
                                         sizeof *packets);
                }
                packets[n++] = packet;
            }
        }
    }
    if (!error && !n) {
        error = xstrdup("no packets to receive");
    }

    /* All or nothing: bad input receives no packets at all. */
    for (size_t j = 0; j < n; j++) {
        if (error) {
            dp_packet_delete(packets[j]);
        } else {
            netdev_dummy_queue_packet(netdev, packets[j]);
        }
    }
    free(packets);
    netdev_close(netdev);
    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
    } else {
        unixctl_command_reply(conn, NULL);
    }
}

static void
netdev_dummy_set_admin_state__(struct netdev_dummy *dev, bool up)
{
    enum netdev_flags old;

    VLOG_DBG("%s: admin state %s", dev->up.name, up ? "up" : "down");
    netdev_dummy_update_flags(&dev->up, up ? 0 : NETDEV_UP,
                              up ? NETDEV_UP : 0, &old);
}

static void
netdev_dummy_set_admin_state(struct unixctl_conn *conn, int argc,
                             const char *argv[], void *aux OVS_UNUSED)
{
    const char *state = argv[argc - 1];
    bool up;

    if (!strcasecmp(state, "up")) {
        up = true;
    } else if (!strcasecmp(state, "down")) {
        up = false;
    } else {
        unixctl_command_reply_error(conn, "Invalid Admin State");
        return;
    }

    if (argc > 2) {
        struct netdev *netdev = netdev_dummy_find(argv[1]);

        if (!netdev) {
            unixctl_command_reply_error(conn, "Unknown Dummy Interface");
            return;
        }
        netdev_dummy_set_admin_state__(netdev_dummy_cast(netdev), up);
        netdev_close(netdev);
    } else {
        struct netdev_dummy *dev;

        ovs_mutex_lock(&dummy_list_mutex);
        LIST_FOR_EACH (dev, list_node, &dummy_list) {
            netdev_dummy_set_admin_state__(dev, up);
        }
        ovs_mutex_unlock(&dummy_list_mutex);
    }
    unixctl_command_reply(conn, "OK");
}

/* Registers a copy of the dummy class under TYPE, replacing any class of
 * that name. */
static void
netdev_dummy_register_type(const char *type)
{
    struct netdev_class *class = xmemdup(&dummy_class, sizeof dummy_class);

    class->type = xstrdup(type);
    netdev_unregister_provider(type);
    netdev_register_provider(class);
}

void
netdev_dummy_register(enum dummy_level level)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (!ovsthread_once_start(&once)) {
        return;
    }
    netdev_initialize();
    netdev_register_provider(&dummy_class);
    netdev_dummy_register_type("dummy-internal");
    netdev_dummy_register_type("dummy-pmd");
    if (level >= DUMMY_OVERRIDE_SYSTEM) {
        netdev_dummy_register_type("system");
    }
    if (level >= DUMMY_OVERRIDE_ALL) {
        netdev_dummy_register_type("internal");
        netdev_dummy_register_type("tap");
    }

    unixctl_command_register("netdev-dummy/receive",
                             "name [--qid queue] packet|--file file...",
                             2, INT_MAX, netdev_dummy_receive, NULL);
    unixctl_command_register("netdev-dummy/set-admin-state",
                             "[netdev] up|down", 1, 2,
                             netdev_dummy_set_admin_state, NULL);
    ovsthread_once_done(&once);
}
