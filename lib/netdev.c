/* netdev.c: the network device layer over its providers (see netdev.h). */
#include <config.h>
#include "netdev.h"

#include <errno.h>
#include <string.h>
#include "coverage.h"
#include "dp-packet.h"
#include "flow.h"
#include "netdev-provider.h"
#include "ovs-thread.h"
#include "shash.h"
#include "smap.h"
#include "sset.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netdev);

COVERAGE_DEFINE(netdev_sent);
COVERAGE_DEFINE(netdev_received);
COVERAGE_DEFINE(netdev_soft_csum);
COVERAGE_DEFINE(netdev_tso_drops);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* Both tables are protected by netdev_mutex.  Devices are opened and
 * closed by the main thread; datapath threads only use devices they hold
 * references to. */
static struct ovs_mutex netdev_mutex = OVS_MUTEX_INITIALIZER;
static struct shash netdev_classes = SHASH_INITIALIZER(&netdev_classes);
static struct shash netdev_shash = SHASH_INITIALIZER(&netdev_shash);

void
netdev_stats_init_unknown(struct netdev_stats *stats)
{
    memset(stats, 0xff, sizeof *stats);
}

void
netdev_initialize(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (ovsthread_once_start(&once)) {
#ifdef __linux__
        netdev_register_provider(&netdev_linux_class);
        netdev_register_provider(&netdev_internal_class);
        netdev_register_provider(&netdev_tap_class);
#endif
        ovsthread_once_done(&once);
    }
}

int
netdev_register_provider(const struct netdev_class *class)
{
    int error = 0;

    ovs_mutex_lock(&netdev_mutex);
    if (shash_find(&netdev_classes, class->type)) {
        VLOG_WARN("attempted to register duplicate netdev provider: %s",
                  class->type);
        error = EEXIST;
    } else {
        error = class->init ? class->init() : 0;
        if (!error) {
            shash_add(&netdev_classes, class->type, class);
        } else {
            VLOG_ERR("failed to initialize %s network device class: %s",
                     class->type, ovs_strerror(error));
        }
    }
    ovs_mutex_unlock(&netdev_mutex);
    return error;
}

int
netdev_unregister_provider(const char *type)
{
    struct shash_node *node, *dev;
    int error = 0;

    ovs_mutex_lock(&netdev_mutex);
    node = shash_find(&netdev_classes, type);
    if (!node) {
        error = EAFNOSUPPORT;
    } else {
        SHASH_FOR_EACH (dev, &netdev_shash) {
            const struct netdev *netdev = dev->data;

            if (netdev->netdev_class == node->data) {
                VLOG_WARN("attempted to unregister in use netdev provider: "
                          "%s", type);
                error = EBUSY;
                break;
            }
        }
        if (!error) {
            shash_delete(&netdev_classes, node);
        }
    }
    ovs_mutex_unlock(&netdev_mutex);
    return error;
}

static const struct netdev_class **
netdev_classes_snapshot(size_t *n)
{
    const struct netdev_class **classes;
    struct shash_node *node;
    size_t i = 0;

    ovs_mutex_lock(&netdev_mutex);
    classes = xmalloc((shash_count(&netdev_classes) + 1) * sizeof *classes);
    SHASH_FOR_EACH (node, &netdev_classes) {
        classes[i++] = node->data;
    }
    ovs_mutex_unlock(&netdev_mutex);
    *n = i;
    return classes;
}

void
netdev_run(void)
{
    const struct netdev_class **classes;
    size_t i, n;

    netdev_initialize();
    classes = netdev_classes_snapshot(&n);
    for (i = 0; i < n; i++) {
        if (classes[i]->run) {
            classes[i]->run(classes[i]);
        }
    }
    free(classes);
}

void
netdev_wait(void)
{
    const struct netdev_class **classes;
    size_t i, n;

    netdev_initialize();
    classes = netdev_classes_snapshot(&n);
    for (i = 0; i < n; i++) {
        if (classes[i]->wait) {
            classes[i]->wait(classes[i]);
        }
    }
    free(classes);
}

void
netdev_enumerate_types(struct sset *types)
{
    struct shash_node *node;

    netdev_initialize();
    ovs_mutex_lock(&netdev_mutex);
    SHASH_FOR_EACH (node, &netdev_classes) {
        sset_add(types, node->name);
    }
    ovs_mutex_unlock(&netdev_mutex);
}

bool
netdev_is_type_registered(const char *type)
{
    bool found;

    netdev_initialize();
    ovs_mutex_lock(&netdev_mutex);
    found = shash_find(&netdev_classes, type) != NULL;
    ovs_mutex_unlock(&netdev_mutex);
    return found;
}

int
netdev_open(const char *name, const char *type, struct netdev **netdevp)
{
    const struct netdev_class *class;
    struct netdev *netdev;
    int error;

    netdev_initialize();
    *netdevp = NULL;
    if (!type || !type[0]) {
        type = "system";
    }
    if (!name[0]) {
        return EINVAL;
    }

    ovs_mutex_lock(&netdev_mutex);
    netdev = shash_find_data(&netdev_shash, name);
    if (netdev) {
        if (strcmp(type, netdev->netdev_class->type)) {
            ovs_mutex_unlock(&netdev_mutex);
            return EEXIST;
        }
        netdev->ref_cnt++;
        ovs_mutex_unlock(&netdev_mutex);
        *netdevp = netdev;
        return 0;
    }

    class = shash_find_data(&netdev_classes, type);
    if (!class) {
        ovs_mutex_unlock(&netdev_mutex);
        VLOG_WARN_RL(&rl, "could not create netdev %s of unknown type %s",
                     name, type);
        return EAFNOSUPPORT;
    }

    netdev = class->alloc();
    memset(netdev, 0, sizeof *netdev);
    netdev->name = xstrdup(name);
    netdev->netdev_class = class;
    netdev->ref_cnt = 1;
    netdev->change_seq = 1;
    netdev->n_rxq = 1;
    netdev->n_txq = 1;
    netdev->node = shash_add(&netdev_shash, name, netdev);
    /* Providers may open other devices or look themselves up. */
    ovs_mutex_unlock(&netdev_mutex);

    error = class->construct(netdev);
    if (error) {
        ovs_mutex_lock(&netdev_mutex);
        shash_delete(&netdev_shash, netdev->node);
        ovs_mutex_unlock(&netdev_mutex);
        VLOG_WARN_RL(&rl, "%s: could not open network device %s (%s)",
                     name, type, ovs_strerror(error));
        free(netdev->name);
        class->dealloc(netdev);
        return error;
    }
    *netdevp = netdev;
    return 0;
}

struct netdev *
netdev_ref(const struct netdev *netdev_)
{
    struct netdev *netdev = CONST_CAST(struct netdev *, netdev_);

    if (netdev) {
        ovs_mutex_lock(&netdev_mutex);
        ovs_assert(netdev->ref_cnt > 0);
        netdev->ref_cnt++;
        ovs_mutex_unlock(&netdev_mutex);
    }
    return netdev;
}

void
netdev_close(struct netdev *netdev)
{
    const struct netdev_class *class;
    char *name;

    if (!netdev) {
        return;
    }
    ovs_mutex_lock(&netdev_mutex);
    ovs_assert(netdev->ref_cnt > 0);
    if (--netdev->ref_cnt) {
        ovs_mutex_unlock(&netdev_mutex);
        return;
    }
    shash_delete(&netdev_shash, netdev->node);
    ovs_mutex_unlock(&netdev_mutex);

    class = netdev->netdev_class;
    name = netdev->name;
    class->destruct(netdev);
    class->dealloc(netdev);
    free(name);
}

struct netdev *
netdev_from_name(const char *name)
{
    struct netdev *netdev;

    ovs_mutex_lock(&netdev_mutex);
    netdev = shash_find_data(&netdev_shash, name);
    if (netdev) {
        netdev->ref_cnt++;
    }
    ovs_mutex_unlock(&netdev_mutex);
    return netdev;
}

const char *
netdev_get_name(const struct netdev *netdev)
{
    return netdev->name;
}

const char *
netdev_get_type(const struct netdev *netdev)
{
    return netdev->netdev_class->type;
}

uint32_t
netdev_get_ol_flags(const struct netdev *netdev)
{
    return netdev->ol_flags;
}

void
netdev_change_seq_changed(const struct netdev *netdev_)
{
    struct netdev *netdev = CONST_CAST(struct netdev *, netdev_);
    uint64_t seq = __atomic_add_fetch(&netdev->change_seq, 1,
                                      __ATOMIC_RELAXED);

    if (!seq) {
        __atomic_add_fetch(&netdev->change_seq, 1, __ATOMIC_RELAXED);
    }
}

uint64_t
netdev_get_change_seq(const struct netdev *netdev)
{
    return __atomic_load_n(&netdev->change_seq, __ATOMIC_RELAXED);
}

/* Configuration. */

int
netdev_set_config(struct netdev *netdev, const struct smap *args,
                  char **errp)
{
    const struct netdev_class *class = netdev->netdev_class;

    if (errp) {
        *errp = NULL;
    }
    if (class->set_config) {
        char *msg = NULL;
        int error = class->set_config(netdev, args, &msg);

        if (error) {
            VLOG_WARN_RL(&rl, "%s: could not set configuration (%s)",
                         netdev->name, msg ? msg : ovs_strerror(error));
            if (errp && msg) {
                *errp = msg;
            } else {
                free(msg);
            }
        }
        return error;
    } else if (args && !smap_is_empty(args)) {
        VLOG_WARN_RL(&rl, "%s: arguments provided to device that is not "
                     "configurable", netdev->name);
    }
    return 0;
}

int
netdev_get_config(const struct netdev *netdev, struct smap *args)
{
    smap_clear(args);
    return (netdev->netdev_class->get_config
            ? netdev->netdev_class->get_config(netdev, args) : 0);
}

/* Status. */

int
netdev_get_etheraddr(const struct netdev *netdev, struct eth_addr *mac)
{
    int error = (netdev->netdev_class->get_etheraddr
                 ? netdev->netdev_class->get_etheraddr(netdev, mac)
                 : EOPNOTSUPP);

    if (error) {
        *mac = eth_addr_zero;
    }
    return error;
}

int
netdev_set_etheraddr(struct netdev *netdev, const struct eth_addr mac)
{
    return (netdev->netdev_class->set_etheraddr
            ? netdev->netdev_class->set_etheraddr(netdev, mac)
            : EOPNOTSUPP);
}

int
netdev_get_mtu(const struct netdev *netdev, int *mtup)
{
    int error = (netdev->netdev_class->get_mtu
                 ? netdev->netdev_class->get_mtu(netdev, mtup)
                 : EOPNOTSUPP);

    if (error) {
        *mtup = 0;
    }
    return error;
}

int
netdev_set_mtu(struct netdev *netdev, int mtu)
{
    if (mtu < 68 || mtu > 65535) {
        return EINVAL;
    }
    return (netdev->netdev_class->set_mtu
            ? netdev->netdev_class->set_mtu(netdev, mtu)
            : EOPNOTSUPP);
}

int
netdev_get_ifindex(const struct netdev *netdev)
{
    return (netdev->netdev_class->get_ifindex
            ? netdev->netdev_class->get_ifindex(netdev)
            : -EOPNOTSUPP);
}

static int
netdev_update_flags(struct netdev *netdev, enum netdev_flags off,
                    enum netdev_flags on, enum netdev_flags *old_flagsp)
{
    enum netdev_flags old_flags = 0;
    int error;

    error = (netdev->netdev_class->update_flags
             ? netdev->netdev_class->update_flags(netdev, off & ~on, on,
                                                  &old_flags)
             : EOPNOTSUPP);
    if (error) {
        VLOG_WARN_RL(&rl, "failed to %s flags for network device %s: %s",
                     off || on ? "set" : "get", netdev->name,
                     ovs_strerror(error));
        old_flags = 0;
    }
    if (old_flagsp) {
        *old_flagsp = old_flags;
    }
    return error;
}

int
netdev_get_flags(const struct netdev *netdev, enum netdev_flags *flagsp)
{
    return netdev_update_flags(CONST_CAST(struct netdev *, netdev), 0, 0,
                               flagsp);
}

int
netdev_turn_flags_on(struct netdev *netdev, enum netdev_flags flags)
{
    return netdev_update_flags(netdev, 0, flags, NULL);
}

int
netdev_turn_flags_off(struct netdev *netdev, enum netdev_flags flags)
{
    return netdev_update_flags(netdev, flags, 0, NULL);
}

bool
netdev_is_up(const struct netdev *netdev)
{
    enum netdev_flags flags;

    return !netdev_get_flags(netdev, &flags) && (flags & NETDEV_UP);
}

int
netdev_get_carrier(const struct netdev *netdev, bool *carrier)
{
    int error;

    if (!netdev->netdev_class->get_carrier) {
        *carrier = true;
        return 0;
    }
    error = netdev->netdev_class->get_carrier(netdev, carrier);
    if (error) {
        *carrier = false;
    }
    return error;
}

long long int
netdev_get_carrier_resets(const struct netdev *netdev)
{
    return (netdev->netdev_class->get_carrier_resets
            ? netdev->netdev_class->get_carrier_resets(netdev) : 0);
}

int
netdev_get_speed(const struct netdev *netdev, uint32_t *current,
                 uint32_t *max)
{
    uint32_t cur = 0, mx = 0;
    int error = (netdev->netdev_class->get_speed
                 ? netdev->netdev_class->get_speed(netdev, &cur, &mx)
                 : EOPNOTSUPP);

    if (error) {
        cur = mx = 0;
    }
    if (current) {
        *current = cur;
    }
    if (max) {
        *max = mx;
    }
    return error;
}

int
netdev_get_stats(const struct netdev *netdev, struct netdev_stats *stats)
{
    int error;

    netdev_stats_init_unknown(stats);
    error = (netdev->netdev_class->get_stats
             ? netdev->netdev_class->get_stats(netdev, stats)
             : EOPNOTSUPP);
    if (error) {
        netdev_stats_init_unknown(stats);
    }
    return error;
}

/* Receiving. */

int
netdev_n_rxq(const struct netdev *netdev)
{
    return netdev->n_rxq;
}

int
netdev_rxq_open(struct netdev *netdev, struct netdev_rxq **rxqp, int id)
{
    const struct netdev_class *class = netdev->netdev_class;
    struct netdev_rxq *rxq;
    int error;

    *rxqp = NULL;
    if (!class->rxq_alloc || id < 0 || id >= netdev->n_rxq) {
        return EOPNOTSUPP;
    }
    rxq = class->rxq_alloc();
    rxq->netdev = netdev_ref(netdev);
    rxq->queue_id = id;
    error = class->rxq_construct(rxq);
    if (error) {
        netdev_close(rxq->netdev);
        class->rxq_dealloc(rxq);
        return error;
    }
    *rxqp = rxq;
    return 0;
}

void
netdev_rxq_close(struct netdev_rxq *rxq)
{
    if (rxq) {
        struct netdev *netdev = rxq->netdev;

        netdev->netdev_class->rxq_destruct(rxq);
        netdev->netdev_class->rxq_dealloc(rxq);
        netdev_close(netdev);
    }
}

struct netdev *
netdev_rxq_get_netdev(const struct netdev_rxq *rxq)
{
    return rxq->netdev;
}

int
netdev_rxq_get_queue_id(const struct netdev_rxq *rxq)
{
    return rxq->queue_id;
}

int
netdev_rxq_recv(struct netdev_rxq *rxq, struct dp_packet_batch *batch,
                int *qfill)
{
    int error;

    ovs_assert(dp_packet_batch_is_empty(batch));
    error = rxq->netdev->netdev_class->rxq_recv(rxq, batch, qfill);
    if (!error) {
        COVERAGE_ADD(netdev_received, dp_packet_batch_size(batch));
    } else {
        dp_packet_batch_init(batch);
    }
    return error;
}

void
netdev_rxq_wait(struct netdev_rxq *rxq)
{
    rxq->netdev->netdev_class->rxq_wait(rxq);
}

int
netdev_rxq_drain(struct netdev_rxq *rxq)
{
    return (rxq->netdev->netdev_class->rxq_drain
            ? rxq->netdev->netdev_class->rxq_drain(rxq) : 0);
}

/* Sending. */

int
netdev_n_txq(const struct netdev *netdev)
{
    return netdev->n_txq;
}

void
netdev_packet_ensure_offsets(struct dp_packet *packet)
{
    if (packet->l4_ofs == DP_PACKET_OFS_NONE
        || packet->l3_ofs == DP_PACKET_OFS_NONE) {
        struct flow flow;

        flow_extract(packet, &flow);
    }
}

/* Makes the packets of BATCH fit what NETDEV accepts: completes partial
 * checksums in software if it cannot, and drops TSO packets it cannot
 * segment.  Returns the number dropped. */
static size_t
netdev_send_prepare_batch(const struct netdev *netdev,
                          struct dp_packet_batch *batch)
{
    struct dp_packet *packet;
    size_t n = dp_packet_batch_size(batch);
    size_t dropped = 0;

    DP_PACKET_BATCH_REFILL_FOR_EACH (i, n, packet, batch) {
        if (packet->ol_flags & (DP_PACKET_OL_TCP_SEG
                                 | DP_PACKET_OL_L4_CSUM_PARTIAL)) {
            netdev_packet_ensure_offsets(packet);
        }
        if (dp_packet_ol_tcp_seg(packet)
            && !(netdev->ol_flags & NETDEV_TX_OFFLOAD_TCP_TSO)) {
            COVERAGE_INC(netdev_tso_drops);
            VLOG_WARN_RL(&rl, "%s: dropping TSO packet: device has no "
                         "TSO support", netdev->name);
            dp_packet_delete(packet);
            dropped++;
            continue;
        }
        if (dp_packet_ol_l4_csum_partial(packet)
            && !(netdev->ol_flags & NETDEV_TX_OFFLOAD_L4_CSUM)) {
            COVERAGE_INC(netdev_soft_csum);
            dp_packet_ol_finalize_l4_csum(packet);
        }
        dp_packet_batch_refill(batch, packet, i);
    }
    return dropped;
}

int
netdev_send(struct netdev *netdev, int qid, struct dp_packet_batch *batch,
            bool concurrent_txq)
{
    size_t dropped;
    int error;

    dp_packet_batch_apply_cutlen(batch);
    dropped = netdev_send_prepare_batch(netdev, batch);
    if (dp_packet_batch_is_empty(batch)) {
        return dropped ? EOPNOTSUPP : 0;
    }
    COVERAGE_ADD(netdev_sent, dp_packet_batch_size(batch));
    error = netdev->netdev_class->send(netdev, qid, batch, concurrent_txq);
    return error ? error : dropped ? EOPNOTSUPP : 0;
}

void
netdev_send_wait(struct netdev *netdev, int qid)
{
    if (netdev->netdev_class->send_wait) {
        netdev->netdev_class->send_wait(netdev, qid);
    }
}
