/* netdev-provider.h: the interface each network device type implements.
 *
 * A provider is a struct netdev_class: a type name and a table of
 * functions.  Objects follow the alloc/construct/destruct/dealloc
 * pattern: netdev.c asks the class to allocate its larger struct (which
 * embeds struct netdev first), fills in the common members, then asks it
 * to construct its own; destruction is the reverse.  The same holds for
 * receive queues.
 *
 * Unless a member says otherwise, functions return 0 or a positive errno,
 * are called from the main thread, and may be left null when the device
 * type has no such notion (netdev.c then returns EOPNOTSUPP or a sensible
 * default). */
#ifndef NETDEV_PROVIDER_H
#define NETDEV_PROVIDER_H 1

#include "netdev.h"
#include "shash.h"

struct dp_packet;
struct dp_packet_batch;

/* Common part of every device.  The provider's struct starts with it. */
struct netdev {
    char *name;                         /* Device name, e.g. "eth0". */
    const struct netdev_class *netdev_class;
    int ref_cnt;                        /* Opens not yet closed. */
    struct shash_node *node;            /* In netdev.c's table by name. */
    uint64_t change_seq;                /* Read atomically; never 0. */
    int n_rxq;                          /* Receive queues (set by
                                         * construct, default 1). */
    int n_txq;                          /* Transmit queues (same). */
    uint32_t ol_flags;                  /* NETDEV_TX_OFFLOAD_*. */
};

/* Records a change visible through a getter: bumps the change sequence
 * number (thread-safe). */
void netdev_change_seq_changed(const struct netdev *);

/* Sets PACKET's L3 and L4 offsets by parsing it, unless both are set
 * already.  For packets whose offload state needs them. */
void netdev_packet_ensure_offsets(struct dp_packet *);

/* Common part of every receive queue. */
struct netdev_rxq {
    struct netdev *netdev;              /* Owns a reference. */
    int queue_id;                       /* 0...n_rxq - 1. */
};

struct netdev_class {
    /* Type name, e.g. "system".  Unique among registered classes. */
    const char *type;

    /* Called once, when the class is registered, before any other
     * member.  May be null. */
    int (*init)(void);

    /* Does periodic work: reads status notifications and the like.
     * Called from netdev_run() for every registered class; must not
     * block.  May be null. */
    void (*run)(const struct netdev_class *);

    /* Arranges for poll_block() to wake when run() has work.  May be
     * null. */
    void (*wait)(const struct netdev_class *);

    /* Allocates the provider's device struct (uninitialized; netdev.c
     * fills in the struct netdev part before construct()). */
    struct netdev *(*alloc)(void);

    /* Opens or creates the device named netdev->name.  On failure nothing
     * is left to undo: destruct() will not be called. */
    int (*construct)(struct netdev *);

    /* Releases what construct() acquired (closing sockets, removing a
     * device that construct() created). */
    void (*destruct)(struct netdev *);

    /* Frees what alloc() returned. */
    void (*dealloc)(struct netdev *);

    /* Stores the device's configuration (what set_config() took, in the
     * same form) in ARGS, which is empty on entry. */
    int (*get_config)(const struct netdev *, struct smap *args);

    /* Replaces the configuration with ARGS.  On error, returns an errno
     * and may store a message in *ERRP (malloc'd), leaving the old
     * configuration in place.  Null: only an empty ARGS is accepted. */
    int (*set_config)(struct netdev *, const struct smap *args,
                      char **errp);

    /* Sends the packets of BATCH on transmit queue QID, taking ownership
     * of all of them whatever happens.  Packets arrive prepared as the
     * class's ol_flags allow (partial checksums and TSO only if offered).
     * With CONCURRENT_TXQ other threads may send on QID at the same time.
     * May be called from any thread.  Returns 0 or the errno of the first
     * failure (failed packets are dropped and counted). */
    int (*send)(struct netdev *, int qid, struct dp_packet_batch *,
                bool concurrent_txq);

    /* Arranges for poll_block() to wake when send() on QID could take
     * more packets.  May be called from any thread. */
    void (*send_wait)(struct netdev *, int qid);

    /* Sets and gets the Ethernet address. */
    int (*set_etheraddr)(struct netdev *, const struct eth_addr mac);
    int (*get_etheraddr)(const struct netdev *, struct eth_addr *mac);

    /* Gets and sets the MTU (the L3 payload size). */
    int (*get_mtu)(const struct netdev *, int *mtup);
    int (*set_mtu)(struct netdev *, int mtu);

    /* Returns the kernel's ifindex, or a negative errno (-EOPNOTSUPP for
     * devices without one). */
    int (*get_ifindex)(const struct netdev *);

    /* Whether the link is up (cable in, peer up).  Null: always up. */
    int (*get_carrier)(const struct netdev *, bool *carrier);

    /* How many times the carrier went from up to down or back since the
     * device was opened. */
    long long int (*get_carrier_resets)(const struct netdev *);

    /* Current and maximum link speed in Mbit/s (0 if unknown). */
    int (*get_speed)(const struct netdev *, uint32_t *current,
                     uint32_t *max);

    /* Fills STATS (initialized to "unknown" by the caller) with the
     * counters the device keeps, from the switch's point of view (rx is
     * what the switch received from the device). */
    int (*get_stats)(const struct netdev *, struct netdev_stats *stats);

    /* Turns OFF flags off and then ON flags on, and stores the flags as
     * they were before in *OLD_FLAGS.  With OFF and ON both 0 this only
     * reads the flags. */
    int (*update_flags)(struct netdev *, enum netdev_flags off,
                        enum netdev_flags on, enum netdev_flags *old_flags);

    /* Receive queue life cycle, as for devices.  rxq->netdev and
     * rxq->queue_id are set before rxq_construct(). */
    struct netdev_rxq *(*rxq_alloc)(void);
    int (*rxq_construct)(struct netdev_rxq *);
    void (*rxq_destruct)(struct netdev_rxq *);
    void (*rxq_dealloc)(struct netdev_rxq *);

    /* Receives up to NETDEV_MAX_BURST packets into BATCH, which is empty
     * on entry; each packet has DP_PACKET_HEADROOM bytes of headroom and
     * its offload state (checksums, TSO) set.  Returns 0 with at least
     * one packet, EAGAIN with none, or another errno.  QFILL, if nonnull,
     * gets the packets still queued, or -ENOTSUP.  Called by one thread
     * per queue at a time, any thread. */
    int (*rxq_recv)(struct netdev_rxq *, struct dp_packet_batch *batch,
                    int *qfill);

    /* Arranges for poll_block() to wake when rxq_recv() would return a
     * packet. */
    void (*rxq_wait)(struct netdev_rxq *);

    /* Discards the packets waiting in the queue.  May be null. */
    int (*rxq_drain)(struct netdev_rxq *);
};

int netdev_register_provider(const struct netdev_class *);
int netdev_unregister_provider(const char *type);

/* The providers in this tree. */
extern const struct netdev_class netdev_linux_class;
extern const struct netdev_class netdev_internal_class;
extern const struct netdev_class netdev_tap_class;

#endif /* netdev-provider.h */
