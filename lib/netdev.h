/* netdev.h: network devices, the ports of a userspace datapath.
 *
 * A struct netdev is an open network device: a Linux device reached
 * through a packet socket ("system"), a tap device we create ("internal",
 * "tap"), or a simulated one for tests ("dummy").  Each type is a provider
 * (netdev-provider.h); this layer keeps the table of providers and of open
 * devices, reference counts devices opened twice by name, and prepares
 * packets for the provider on send (completing partial checksums, dropping
 * TSO packets, for a device that cannot take them).
 *
 * Status: the configuration and status getters may be called from the
 * main thread only; netdev_run()/netdev_wait() in the main loop keep the
 * providers' cached status fresh (link notifications).  Every change a
 * caller could see through a getter (flags, carrier, MTU, Ethernet
 * address, ifindex) bumps the device's change sequence number, so a
 * caller polls netdev_get_change_seq() and re-reads status only when it
 * moved.
 *
 * Packets: netdev_rxq_recv() and netdev_send() move whole batches (up to
 * NETDEV_MAX_BURST packets) and may be called from datapath threads, one
 * thread per receive queue and, unless CONCURRENT_TXQ, per transmit
 * queue.  netdev_send() always takes ownership of the packets. */
#ifndef NETDEV_H
#define NETDEV_H 1

#include <stdbool.h>
#include <stdint.h>
#include "packets.h"

struct dp_packet_batch;
struct netdev;
struct netdev_rxq;
struct smap;
struct sset;

/* Device flags. */
enum netdev_flags {
    NETDEV_UP = 0x0001,         /* Administratively up. */
    NETDEV_PROMISC = 0x0002,    /* Promiscuous mode. */
    NETDEV_LOOPBACK = 0x0004,   /* A loopback device. */
};

/* Transmit offloads a device accepts (struct netdev's ol_flags). */
enum netdev_ol_flags {
    NETDEV_TX_OFFLOAD_L4_CSUM = 1 << 0, /* Partial TCP/UDP checksums. */
    NETDEV_TX_OFFLOAD_TCP_TSO = 1 << 1, /* TCP segmentation. */
};

/* Counters; UINT64_MAX for any the device does not keep. */
struct netdev_stats {
    uint64_t rx_packets;
    uint64_t tx_packets;
    uint64_t rx_bytes;
    uint64_t tx_bytes;
    uint64_t rx_errors;
    uint64_t tx_errors;
    uint64_t rx_dropped;
    uint64_t tx_dropped;
    uint64_t multicast;
    uint64_t collisions;
    uint64_t rx_length_errors;
    uint64_t rx_over_errors;
    uint64_t rx_crc_errors;
    uint64_t rx_frame_errors;
    uint64_t rx_fifo_errors;
    uint64_t rx_missed_errors;
    uint64_t tx_aborted_errors;
    uint64_t tx_carrier_errors;
    uint64_t tx_fifo_errors;
    uint64_t tx_heartbeat_errors;
    uint64_t tx_window_errors;
};

void netdev_stats_init_unknown(struct netdev_stats *);

/* Providers and the main loop. */
void netdev_initialize(void);
void netdev_run(void);
void netdev_wait(void);
void netdev_enumerate_types(struct sset *types);
bool netdev_is_type_registered(const char *type);

/* Opening and closing.  TYPE null or "" means "system".  Opening a name
 * that is already open with the same type returns the same device with
 * one more reference; with another type fails with EEXIST. */
int netdev_open(const char *name, const char *type, struct netdev **);
struct netdev *netdev_ref(const struct netdev *);
void netdev_close(struct netdev *);
/* Returns the open device NAME with a new reference, or NULL. */
struct netdev *netdev_from_name(const char *name);

const char *netdev_get_name(const struct netdev *);
const char *netdev_get_type(const struct netdev *);
uint32_t netdev_get_ol_flags(const struct netdev *);

/* Configuration (the Interface table's options column).  On error
 * returns an errno and, if ERRP is nonnull, stores a message to free in
 * *ERRP; the device keeps its previous configuration. */
int netdev_set_config(struct netdev *, const struct smap *args, char **errp);
int netdev_get_config(const struct netdev *, struct smap *args);

/* Status. */
int netdev_get_etheraddr(const struct netdev *, struct eth_addr *);
int netdev_set_etheraddr(struct netdev *, const struct eth_addr);
int netdev_get_mtu(const struct netdev *, int *mtup);
int netdev_set_mtu(struct netdev *, int mtu);
/* Returns the kernel ifindex (positive) or a negative errno. */
int netdev_get_ifindex(const struct netdev *);
int netdev_get_flags(const struct netdev *, enum netdev_flags *);
int netdev_turn_flags_on(struct netdev *, enum netdev_flags);
int netdev_turn_flags_off(struct netdev *, enum netdev_flags);
bool netdev_is_up(const struct netdev *);
int netdev_get_carrier(const struct netdev *, bool *carrier);
long long int netdev_get_carrier_resets(const struct netdev *);
/* Link speeds in Mbit/s (0 if unknown). */
int netdev_get_speed(const struct netdev *, uint32_t *current,
                     uint32_t *max);
int netdev_get_stats(const struct netdev *, struct netdev_stats *);
uint64_t netdev_get_change_seq(const struct netdev *);

/* Receiving. */
int netdev_n_rxq(const struct netdev *);
int netdev_rxq_open(struct netdev *, struct netdev_rxq **, int id);
void netdev_rxq_close(struct netdev_rxq *);
struct netdev *netdev_rxq_get_netdev(const struct netdev_rxq *);
int netdev_rxq_get_queue_id(const struct netdev_rxq *);
/* Fills BATCH (which must be empty) with received packets; returns 0, or
 * EAGAIN if there were none, or another errno.  QFILL, if nonnull, gets
 * the number of packets left in the queue if the provider knows it, else
 * -ENOTSUP. */
int netdev_rxq_recv(struct netdev_rxq *, struct dp_packet_batch *,
                    int *qfill);
void netdev_rxq_wait(struct netdev_rxq *);
int netdev_rxq_drain(struct netdev_rxq *);

/* Sending: always takes the packets.  Returns 0, or an errno if some were
 * dropped. */
int netdev_n_txq(const struct netdev *);
int netdev_send(struct netdev *, int qid, struct dp_packet_batch *,
                bool concurrent_txq);
void netdev_send_wait(struct netdev *, int qid);

#endif /* netdev.h */
