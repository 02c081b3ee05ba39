/* dpif-netdev.c: the userspace datapath.
 *
 * The problem.  A datapath receives packets on its ports, looks each one
 * up in a cache of megaflows and executes the megaflow's actions, or, on
 * a miss, asks its owner (the upcall callback) what to do and caches the
 * answer.  It must do that for many packets per second on threads of its
 * own while the main thread adds and removes ports and flows.
 *
 * Threads.  A port whose device needs polling by a dedicated thread (any
 * real device: "system", "tap", "internal") has its receive queues
 * spread over the "pmd" threads (n_pmd, default 1), which exist only
 * while there are such ports ("dummy-pmd" test devices count as real
 * ones, as upstream's do).  Other dummy devices are polled by the main
 * thread from dpif_run(), as upstream does, so that tests are
 * deterministic; upstream calls that context "the main thread" and so do
 * we (its flows are dumped under "flow-dump from the main thread:").
 * A pmd thread receives batches of up to NETDEV_MAX_BURST packets and
 * blocks in poll() when every queue is empty; it never spins idle.
 *
 * Per-thread state (struct dp_netdev_pmd): a flow table (by ufid), the
 * megaflow classifier (dpcls) and the exact-match cache (emc) in front of
 * it, the receive queues it polls, the ports it may send to, statistics.
 * As in upstream, each thread has its own flows: a flow added with
 * PMD_ID_NULL goes to every thread, a megaflow from an upcall only to the
 * thread that missed.
 *
 * Locking.  Everything in a pmd is protected by the pmd's mutex.  The
 * pmd thread holds it while it receives and processes a batch, and
 * releases it only to call the upcall callback (which may take the
 * owner's locks, the same ones the owner holds when it calls
 * dpif_flow_put(): holding ours there could deadlock) and to sleep in
 * poll_block().  The main thread takes it for any change: flow put/del,
 * dumps (a snapshot copied out), port changes.  Because flows and ports
 * are only freed under the mutex and the pmd never keeps a pointer to
 * either across an unlock, nothing is used after it is freed: a removed
 * megaflow is purged from the exact-match cache before it is freed, and
 * a removed port's queues are taken out of the poll list before they are
 * closed.  The lock is uncontended in the steady state (one lock/unlock
 * per batch of up to 32 packets).
 *
 * Actions that need the datapath (output, userspace, recirc) come back
 * from odp_execute_actions() to dp_execute_cb().  Userspace actions and
 * recirculated packets are queued and handled after the batch, outside
 * the lock (userspace actions call the upcall callback; recirculated
 * packets are looked up again, up to a depth limit). */
#include <config.h>

#include <errno.h>
#include <linux/openvswitch.h>
#include <string.h>
#include "dp-packet.h"
#include "dpcls.h"
#include "dpif-provider.h"
#include "dynamic-string.h"
#include "emc.h"
#include "flow.h"
#include "hash.h"
#include "hmap.h"
#include "latch.h"
#include "netdev.h"
#include "netdev-dummy.h"
#include "netlink.h"
#include "odp-execute.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "ovs-thread.h"
#include "packets.h"
#include "poll-loop.h"
#include "shash.h"
#include "sset.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(dpif_netdev);

#define MAX_RECIRC_DEPTH 6
#define MAX_FLOWS 65536         /* Per thread, as upstream. */
#define MAX_PORTS 65535
#define SORT_INTERVAL_MS 1000

#ifndef ODPP_LOCAL
#define ODPP_LOCAL ((odp_port_t) 0)
#endif

struct dp_netdev;

/* A port. */
struct dp_netdev_port {
    struct hmap_node node;      /* In dp->ports, by port_no. */
    odp_port_t port_no;
    struct netdev *netdev;
    char *type;                 /* netdev_get_type(), as opened. */
    bool is_pmd;                /* Polled by pmd threads (not dummy). */
    int n_rxq;
    struct netdev_rxq **rxqs;
};

/* A receive queue a thread polls. */
struct rxq_poll {
    struct netdev_rxq *rxq;
    odp_port_t port_no;
};

/* A port a thread may send to. */
struct tx_port {
    struct hmap_node node;      /* In pmd->tx_ports, by port_no. */
    odp_port_t port_no;
    struct netdev *netdev;      /* Our own reference. */
};

/* A megaflow. */
struct dp_netdev_flow {
    struct dpcls_rule cr;       /* In pmd->cls. */
    struct hmap_node node;      /* In pmd->flows, by ufid hash. */
    ovs_u128 ufid;
    struct flow flow;           /* Masked key. */
    struct flow_wildcards wc;
    struct nlattr *actions;
    size_t actions_len;
    struct dpif_flow_stats stats;
};

/* A packet waiting for a userspace-action upcall. */
struct pending_upcall {
    struct dp_packet *packet;
    struct ofpbuf userdata;     /* Empty if the action had none. */
    bool has_userdata;
};

/* A packet-processing context: a pmd thread or the main thread. */
struct dp_netdev_pmd {
    struct dp_netdev *dp;
    unsigned core_id;           /* NON_PMD_CORE_ID for the main thread. */
    int tx_qid;                 /* Transmit queue this context uses. */
    pthread_t thread;           /* Unless NON_PMD_CORE_ID. */
    struct latch exit_latch;    /* Set to make the thread exit. */
    struct latch reload_latch;  /* Set when the poll list changed. */

    struct ovs_mutex mutex;     /* Protects everything below. */
    struct hmap flows;          /* struct dp_netdev_flow, by ufid hash. */
    struct dpcls cls;
    struct emc_cache *emc;
    struct rxq_poll *polls;
    size_t n_polls;
    uint64_t poll_gen;          /* Bumped when 'polls' changes. */
    struct hmap tx_ports;       /* struct tx_port. */
    long long int next_sort;    /* When to re-rank dpcls subtables. */

    /* Statistics. */
    uint64_t n_hit;
    uint64_t n_missed;
    uint64_t n_lost;
    uint64_t n_mask_hit;
    uint64_t n_cache_hit;

    /* Work queued during a batch, done after it (only the owning thread
     * touches these, so they need no lock). */
    struct dp_packet **recirc;
    size_t n_recirc, allocated_recirc;
    struct pending_upcall *upcalls;
    size_t n_upcalls, allocated_upcalls;
};

/* A datapath. */
struct dp_netdev {
    const struct dpif_class *class;
    char *name;
    int ref_cnt;                /* Open handles (dp_netdev_mutex). */
    bool destroyed;

    /* Ports, the pmd threads and their assignment: main thread only. */
    struct hmap ports;
    struct dp_netdev_pmd *non_pmd;
    struct dp_netdev_pmd **pmds;
    size_t n_pmds;
    int n_pmd_wanted;
    uint64_t port_seq;          /* Bumped on port changes. */

    /* Upcalls: read by every thread. */
    struct ovs_rwlock upcall_rwlock;
    upcall_callback *upcall_cb;
    void *upcall_aux;
    bool upcalls_enabled;

    /* Stats of flows and packets of pmds that were destroyed. */
    uint64_t n_hit_gone, n_missed_gone, n_lost_gone;

    /* Stopped pmds not yet joined (see dp_netdev_reap_pmds()). */
    struct dp_netdev_pmd **dead_pmds;
    size_t n_dead_pmds;
};

/* An open handle. */
struct dpif_netdev {
    struct dpif dpif;
    struct dp_netdev *dp;
    uint64_t last_port_seq;
};

/* Datapaths by name; held by the main thread and by unixctl handlers,
 * which run in the main thread too. */
static struct ovs_mutex dp_netdev_mutex = OVS_MUTEX_INITIALIZER;
static struct shash dp_netdevs = SHASH_INITIALIZER(&dp_netdevs);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

static void dp_netdev_reconfigure(struct dp_netdev *);
static void dp_netdev_reap_pmds(struct dp_netdev *);
static void dp_netdev_process_batch(struct dp_netdev_pmd *,
                                    struct dp_packet_batch *, int depth);
static void dp_netdev_after_batch(struct dp_netdev_pmd *, int depth);

static struct dpif_netdev *
dpif_netdev_cast(const struct dpif *dpif)
{
    return CONTAINER_OF(dpif, struct dpif_netdev, dpif);
}

static struct dp_netdev *
get_dp_netdev(const struct dpif *dpif)
{
    return dpif_netdev_cast(dpif)->dp;
}

static bool
dpif_netdev_class_is_dummy(const struct dpif_class *class)
{
    return class != &dpif_netdev_class;
}

/* ufids. */

static void
dp_netdev_flow_hash(const struct flow *flow, ovs_u128 *ufid)
{
    uint32_t h[4];

    for (int i = 0; i < 4; i++) {
        h[i] = hash_bytes(flow, sizeof *flow, i * 0x9e3779b9u);
    }
    ufid->u64.hi = ((uint64_t) h[0] << 32) | h[1];
    ufid->u64.lo = ((uint64_t) h[2] << 32) | h[3];
}

static uint32_t
ufid_hash(const ovs_u128 *ufid)
{
    return hash_bytes(ufid, sizeof *ufid, 0);
}

static bool
ufid_equal(const ovs_u128 *a, const ovs_u128 *b)
{
    return a->u64.hi == b->u64.hi && a->u64.lo == b->u64.lo;
}

/* Threads' contexts. */

static struct dp_netdev_pmd *
pmd_create(struct dp_netdev *dp, unsigned core_id, int tx_qid)
{
    struct dp_netdev_pmd *pmd = xzalloc(sizeof *pmd);

    pmd->dp = dp;
    pmd->core_id = core_id;
    pmd->tx_qid = tx_qid;
    latch_init(&pmd->exit_latch);
    latch_init(&pmd->reload_latch);
    ovs_mutex_init(&pmd->mutex);
    hmap_init(&pmd->flows);
    dpcls_init(&pmd->cls);
    pmd->emc = emc_create(EMC_DEFAULT_INSERT_INV_PROB);
    hmap_init(&pmd->tx_ports);
    pmd->next_sort = time_msec() + SORT_INTERVAL_MS;
    return pmd;
}

static void
pmd_flow_free(struct dp_netdev_flow *flow)
{
    free(flow->actions);
    free(flow);
}

/* Removes every flow of PMD (whose mutex the caller holds). */
static void
pmd_flush_flows__(struct dp_netdev_pmd *pmd)
{
    struct dp_netdev_flow *flow;
    struct hmap dead = HMAP_INITIALIZER(&dead);

    HMAP_FOR_EACH_SAFE (flow, node, &pmd->flows) {
        dpcls_remove(&pmd->cls, &flow->cr);
        hmap_remove(&pmd->flows, &flow->node);
        hmap_insert(&dead, &flow->node, 0);
    }
    emc_clear(pmd->emc);
    HMAP_FOR_EACH_SAFE (flow, node, &dead) {
        hmap_remove(&dead, &flow->node);
        pmd_flow_free(flow);
    }
    hmap_destroy(&dead);
}

static void
pmd_clear_tx_ports__(struct dp_netdev_pmd *pmd)
{
    struct tx_port *tx;

    HMAP_FOR_EACH_SAFE (tx, node, &pmd->tx_ports) {
        hmap_remove(&pmd->tx_ports, &tx->node);
        netdev_close(tx->netdev);
        free(tx);
    }
}

static void
pmd_destroy(struct dp_netdev_pmd *pmd)
{
    ovs_mutex_lock(&pmd->mutex);
    pmd_flush_flows__(pmd);
    pmd_clear_tx_ports__(pmd);
    ovs_mutex_unlock(&pmd->mutex);

    hmap_destroy(&pmd->flows);
    dpcls_destroy(&pmd->cls);
    emc_destroy(pmd->emc);
    hmap_destroy(&pmd->tx_ports);
    free(pmd->polls);
    free(pmd->recirc);
    free(pmd->upcalls);
    latch_destroy(&pmd->exit_latch);
    latch_destroy(&pmd->reload_latch);
    ovs_mutex_destroy(&pmd->mutex);
    free(pmd);
}

/* Receives and processes one batch from POLL; returns the number of
 * packets.  The caller holds pmd->mutex; it is released and retaken if
 * the batch needs upcalls. */
static int
pmd_process_rxq(struct dp_netdev_pmd *pmd, const struct rxq_poll *poll)
{
    struct dp_packet_batch batch;
    struct dp_packet *packet;
    int n;

    dp_packet_batch_init(&batch);
    if (netdev_rxq_recv(poll->rxq, &batch, NULL)) {
        return 0;
    }
    n = batch.count;
    DP_PACKET_BATCH_FOR_EACH (i, packet, &batch) {
        pkt_metadata_init(&packet->md, poll->port_no);
    }
    dp_netdev_process_batch(pmd, &batch, 0);
    return n;
}

/* Polls every queue of PMD once; returns the number of packets.  The
 * caller holds pmd->mutex. */
static int
pmd_poll_once(struct dp_netdev_pmd *pmd)
{
    int n = 0;

    for (size_t i = 0; i < pmd->n_polls; i++) {
        uint64_t gen = pmd->poll_gen;

        n += pmd_process_rxq(pmd, &pmd->polls[i]);
        if (gen != pmd->poll_gen) {
            /* The list changed while we were unlocked. */
            break;
        }
    }
    if (time_msec() >= pmd->next_sort) {
        dpcls_sort_subtables(&pmd->cls);
        pmd->next_sort = time_msec() + SORT_INTERVAL_MS;
    }
    return n;
}

static void
pmd_wait__(struct dp_netdev_pmd *pmd)
{
    for (size_t i = 0; i < pmd->n_polls; i++) {
        netdev_rxq_wait(pmd->polls[i].rxq);
    }
    poll_timer_wait_until_at(pmd->next_sort, OVS_SOURCE_LOCATOR);
}

static void *
pmd_thread_main(void *pmd_)
{
    struct dp_netdev_pmd *pmd = pmd_;

    for (;;) {
        int n;

        ovs_mutex_lock(&pmd->mutex);
        latch_poll(&pmd->reload_latch);
        if (latch_is_set(&pmd->exit_latch)) {
            ovs_mutex_unlock(&pmd->mutex);
            break;
        }
        n = pmd_poll_once(pmd);
        if (!n) {
            pmd_wait__(pmd);
        }
        ovs_mutex_unlock(&pmd->mutex);
        if (!n) {
            latch_wait_at(&pmd->exit_latch, OVS_SOURCE_LOCATOR);
            latch_wait_at(&pmd->reload_latch, OVS_SOURCE_LOCATOR);
            poll_block();
        }
    }
    return NULL;
}

/* Datapaths. */

static const char *
internal_port_type(const struct dpif_class *class)
{
    return dpif_netdev_class_is_dummy(class) ? "dummy-internal" : "tap";
}

static int do_add_port(struct dp_netdev *, struct netdev *,
                       odp_port_t port_no);

static int
create_dp_netdev(const char *name, const struct dpif_class *class,
                 struct dp_netdev **dpp)
{
    struct dp_netdev *dp = xzalloc(sizeof *dp);
    struct netdev *netdev;
    int error;

    dp->class = class;
    dp->name = xstrdup(name);
    hmap_init(&dp->ports);
    dp->n_pmd_wanted = 1;
    ovs_rwlock_init(&dp->upcall_rwlock);
    dp->upcalls_enabled = true;
    dp->non_pmd = pmd_create(dp, NON_PMD_CORE_ID, 0);

    error = netdev_open(name, internal_port_type(class), &netdev);
    if (!error) {
        error = do_add_port(dp, netdev, ODPP_LOCAL);
        netdev_close(netdev);
    }
    if (error) {
        pmd_destroy(dp->non_pmd);
        ovs_rwlock_destroy(&dp->upcall_rwlock);
        hmap_destroy(&dp->ports);
        free(dp->name);
        free(dp);
        return error;
    }
    shash_add(&dp_netdevs, name, dp);
    *dpp = dp;
    return 0;
}

static void
port_destroy(struct dp_netdev_port *port)
{
    for (int i = 0; i < port->n_rxq; i++) {
        netdev_rxq_close(port->rxqs[i]);
    }
    free(port->rxqs);
    netdev_close(port->netdev);
    free(port->type);
    free(port);
}

static void
dp_netdev_free(struct dp_netdev *dp)
{
    struct hmap ports = HMAP_INITIALIZER(&ports);
    struct dp_netdev_port *port;

    /* With no ports left, reconfiguring stops the pmd threads and empties
     * every poll list; only then are the ports' queues closed. */
    ovs_mutex_lock(&dp_netdev_mutex);
    hmap_swap(&ports, &dp->ports);
    dp_netdev_reconfigure(dp);
    ovs_mutex_unlock(&dp_netdev_mutex);
    dp_netdev_reap_pmds(dp);
    pmd_destroy(dp->non_pmd);
    HMAP_FOR_EACH_SAFE (port, node, &ports) {
        hmap_remove(&ports, &port->node);
        port_destroy(port);
    }
    hmap_destroy(&ports);
    hmap_destroy(&dp->ports);
    ovs_rwlock_destroy(&dp->upcall_rwlock);
    free(dp->pmds);
    free(dp->dead_pmds);
    free(dp->name);
    free(dp);
}

static int
dpif_netdev_enumerate(struct sset *names, const struct dpif_class *class)
{
    struct shash_node *node;

    ovs_mutex_lock(&dp_netdev_mutex);
    SHASH_FOR_EACH (node, &dp_netdevs) {
        struct dp_netdev *dp = node->data;

        if (dp->class == class) {
            sset_add(names, node->name);
        }
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    return 0;
}

static const char *
dpif_netdev_port_open_type(const struct dpif_class *class,
                           const char *type)
{
    return !strcmp(type, "internal") ? internal_port_type(class) : type;
}

static struct dpif *
create_dpif_netdev(struct dp_netdev *dp)
{
    struct dpif_netdev *dpif = xzalloc(sizeof *dpif);

    dpif_init(&dpif->dpif, dp->class, dp->name);
    dpif->dp = dp;
    dpif->last_port_seq = dp->port_seq;
    dp->ref_cnt++;
    return &dpif->dpif;
}

static int
dpif_netdev_open(const struct dpif_class *class, const char *name,
                 bool create, struct dpif **dpifp)
{
    struct dp_netdev *dp;
    int error = 0;

    ovs_mutex_lock(&dp_netdev_mutex);
    dp = shash_find_data(&dp_netdevs, name);
    if (!dp) {
        error = create ? create_dp_netdev(name, class, &dp) : ENODEV;
    } else {
        error = (dp->class != class ? EINVAL
                 : create ? EEXIST
                 : 0);
    }
    if (!error) {
        *dpifp = create_dpif_netdev(dp);
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    return error;
}

static void
dpif_netdev_close(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    bool free_dp;

    ovs_mutex_lock(&dp_netdev_mutex);
    free_dp = !--dp->ref_cnt && dp->destroyed;
    ovs_mutex_unlock(&dp_netdev_mutex);
    if (free_dp) {
        /* Destroyed, so no longer in dp_netdevs: nobody else sees it. */
        dp_netdev_free(dp);
    }
    dpif_uninit(dpif);
    free(dpif_netdev_cast(dpif));
}

static int
dpif_netdev_destroy(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    ovs_mutex_lock(&dp_netdev_mutex);
    if (!dp->destroyed) {
        dp->destroyed = true;
        /* Gone from the name table at once, like upstream: a datapath
         * of the same name may be created while handles remain. */
        shash_find_and_delete(&dp_netdevs, dp->name);
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    return 0;
}

/* Ports. */

static struct dp_netdev_port *
dp_netdev_lookup_port(const struct dp_netdev *dp, odp_port_t port_no)
{
    struct dp_netdev_port *port;

    HMAP_FOR_EACH_WITH_HASH (port, node, hash_int((port_no), 0),
                             &dp->ports) {
        if (port->port_no == port_no) {
            return port;
        }
    }
    return NULL;
}

static struct dp_netdev_port *
dp_netdev_lookup_port_by_name(const struct dp_netdev *dp, const char *name)
{
    struct dp_netdev_port *port;

    HMAP_FOR_EACH (port, node, &dp->ports) {
        if (!strcmp(netdev_get_name(port->netdev), name)) {
            return port;
        }
    }
    return NULL;
}

/* Upstream's numbering: the first free number from 1, except that in a
 * dummy datapath a number in the device's name is used if free (plus 100
 * for names starting with "br"), to make tests predictable. */
static odp_port_t
choose_port(const struct dp_netdev *dp, const char *name)
{
    if (dpif_netdev_class_is_dummy(dp->class)) {
        uint32_t start = !strncmp(name, "br", 2) ? 100 : 0;

        for (const char *p = name; *p; p++) {
            if (*p >= '0' && *p <= '9') {
                unsigned long n = strtoul(p, NULL, 10);
                uint32_t port_no = start + n;

                if (n < MAX_PORTS && port_no > 0 && port_no < MAX_PORTS
                    && !dp_netdev_lookup_port(dp, (port_no))) {
                    return (port_no);
                }
                break;
            }
        }
    }
    for (uint32_t port_no = 1; port_no < MAX_PORTS; port_no++) {
        if (!dp_netdev_lookup_port(dp, (port_no))) {
            return (port_no);
        }
    }
    return ODPP_NONE;
}

static int
do_add_port(struct dp_netdev *dp, struct netdev *netdev, odp_port_t port_no)
{
    struct dp_netdev_port *port = xzalloc(sizeof *port);
    int error = 0;

    port->port_no = port_no;
    port->netdev = netdev_ref(netdev);
    port->type = xstrdup(netdev_get_type(netdev));
    port->is_pmd = (!netdev_is_dummy(netdev)
                    || !strcmp(port->type, "dummy-pmd"));
    port->n_rxq = MAX(netdev_n_rxq(netdev), 1);
    port->rxqs = xcalloc(port->n_rxq, sizeof *port->rxqs);
    for (int i = 0; i < port->n_rxq; i++) {
        error = netdev_rxq_open(netdev, &port->rxqs[i], i);
        if (error) {
            VLOG_ERR("%s: cannot receive packets on this network device "
                     "(%s)", netdev_get_name(netdev), ovs_strerror(error));
            port->n_rxq = i;
            port_destroy(port);
            return error;
        }
    }
    if (!port->is_pmd) {
        netdev_turn_flags_on(netdev, NETDEV_UP);
    }
    hmap_insert(&dp->ports, &port->node, hash_int((port_no), 0));
    dp->port_seq++;
    dp_netdev_reconfigure(dp);
    return 0;
}

static int
dpif_netdev_port_add(struct dpif *dpif, struct netdev *netdev,
                     odp_port_t *port_nop)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    const char *name = netdev_get_name(netdev);
    odp_port_t port_no;
    int error;

    ovs_mutex_lock(&dp_netdev_mutex);
    if (dp_netdev_lookup_port_by_name(dp, name)) {
        error = EEXIST;
    } else if (*port_nop != ODPP_NONE) {
        port_no = *port_nop;
        error = (dp_netdev_lookup_port(dp, port_no) ? EBUSY
                 : (port_no) >= MAX_PORTS ? EFBIG
                 : 0);
    } else {
        port_no = choose_port(dp, name);
        error = port_no == ODPP_NONE ? EFBIG : 0;
    }
    if (!error) {
        error = do_add_port(dp, netdev, port_no);
        if (!error) {
            *port_nop = port_no;
        }
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    return error;
}

static int
dpif_netdev_port_del(struct dpif *dpif, odp_port_t port_no)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_port *port;
    int error = 0;

    ovs_mutex_lock(&dp_netdev_mutex);
    if (port_no == ODPP_LOCAL) {
        error = EINVAL;
    } else {
        port = dp_netdev_lookup_port(dp, port_no);
        if (!port) {
            error = ENOENT;
        } else {
            hmap_remove(&dp->ports, &port->node);
            dp->port_seq++;
            dp_netdev_reconfigure(dp);
            port_destroy(port);
        }
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    dp_netdev_reap_pmds(dp);
    return error;
}

static void
answer_port_query(const struct dp_netdev_port *port,
                  struct dpif_port *dpif_port)
{
    dpif_port->name = xstrdup(netdev_get_name(port->netdev));
    dpif_port->type = xstrdup(port->type);
    dpif_port->port_no = port->port_no;
}

static int
dpif_netdev_port_query_by_number(const struct dpif *dpif,
                                 odp_port_t port_no,
                                 struct dpif_port *dpif_port)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_port *port;
    int error = ENODEV;

    ovs_mutex_lock(&dp_netdev_mutex);
    port = dp_netdev_lookup_port(dp, port_no);
    if (port) {
        answer_port_query(port, dpif_port);
        error = 0;
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    return error;
}

static int
dpif_netdev_port_query_by_name(const struct dpif *dpif, const char *devname,
                               struct dpif_port *dpif_port)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_port *port;
    int error = ENODEV;

    ovs_mutex_lock(&dp_netdev_mutex);
    port = dp_netdev_lookup_port_by_name(dp, devname);
    if (port) {
        answer_port_query(port, dpif_port);
        error = 0;
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    return error;
}

static int
compare_dpif_ports(const void *a_, const void *b_)
{
    const struct dpif_port *a = a_, *b = b_;
    uint32_t x = (a->port_no), y = (b->port_no);

    return x < y ? -1 : x > y;
}

static int
dpif_netdev_port_list(const struct dpif *dpif, struct dpif_port **portsp,
                      size_t *n_portsp)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_port *port;
    struct dpif_port *ports;
    size_t n = 0;

    ovs_mutex_lock(&dp_netdev_mutex);
    ports = xcalloc(MAX(hmap_count(&dp->ports), 1), sizeof *ports);
    HMAP_FOR_EACH (port, node, &dp->ports) {
        answer_port_query(port, &ports[n++]);
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    qsort(ports, n, sizeof *ports, compare_dpif_ports);
    *portsp = ports;
    *n_portsp = n;
    return 0;
}

static int
dpif_netdev_port_poll(const struct dpif *dpif_, char **devnamep OVS_UNUSED)
{
    struct dpif_netdev *dpif = dpif_netdev_cast(dpif_);
    int error = EAGAIN;

    ovs_mutex_lock(&dp_netdev_mutex);
    if (dpif->last_port_seq != dpif->dp->port_seq) {
        dpif->last_port_seq = dpif->dp->port_seq;
        error = ENOBUFS;
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    return error;
}

static void
dpif_netdev_port_poll_wait(const struct dpif *dpif_)
{
    struct dpif_netdev *dpif = dpif_netdev_cast(dpif_);

    ovs_mutex_lock(&dp_netdev_mutex);
    if (dpif->last_port_seq != dpif->dp->port_seq) {
        poll_immediate_wake_at(OVS_SOURCE_LOCATOR);
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
}

/* Reconfiguration: makes the set of pmd threads, their poll lists and
 * every context's transmit ports match dp->ports.  Main thread, with
 * dp_netdev_mutex held. */

static void
pmd_set_tx_ports(struct dp_netdev *dp, struct dp_netdev_pmd *pmd)
{
    struct dp_netdev_port *port;

    pmd_clear_tx_ports__(pmd);
    HMAP_FOR_EACH (port, node, &dp->ports) {
        struct tx_port *tx = xmalloc(sizeof *tx);

        tx->port_no = port->port_no;
        tx->netdev = netdev_ref(port->netdev);
        hmap_insert(&pmd->tx_ports, &tx->node,
                    hash_int((port->port_no), 0));
    }
}

static void
pmd_add_poll(struct dp_netdev_pmd *pmd, struct netdev_rxq *rxq,
             odp_port_t port_no)
{
    pmd->polls = xrealloc(pmd->polls,
                          (pmd->n_polls + 1) * sizeof *pmd->polls);
    pmd->polls[pmd->n_polls].rxq = rxq;
    pmd->polls[pmd->n_polls].port_no = port_no;
    pmd->n_polls++;
}

/* Tells PMD's thread to exit and moves PMD to dp->dead_pmds: the thread
 * may be in an upcall callback waiting for dp_netdev_mutex, which our
 * caller holds, so it is joined later, by dp_netdev_reap_pmds(). */
static void
dp_netdev_stop_pmd(struct dp_netdev *dp, struct dp_netdev_pmd *pmd)
{
    latch_set(&pmd->exit_latch);
    ovs_mutex_lock(&pmd->mutex);
    dp->n_hit_gone += pmd->n_hit;
    dp->n_missed_gone += pmd->n_missed;
    dp->n_lost_gone += pmd->n_lost;
    pmd->n_hit = pmd->n_missed = pmd->n_lost = 0;
    /* Its queues may be closed before it is joined. */
    pmd->n_polls = 0;
    pmd->poll_gen++;
    ovs_mutex_unlock(&pmd->mutex);
    dp->dead_pmds = xrealloc(dp->dead_pmds,
                             (dp->n_dead_pmds + 1) * sizeof *dp->dead_pmds);
    dp->dead_pmds[dp->n_dead_pmds++] = pmd;
}

/* Joins and frees the threads dp_netdev_stop_pmd() stopped.  The caller
 * must not hold dp_netdev_mutex. */
static void
dp_netdev_reap_pmds(struct dp_netdev *dp)
{
    struct dp_netdev_pmd **dead;
    size_t n;

    ovs_mutex_lock(&dp_netdev_mutex);
    dead = dp->dead_pmds;
    n = dp->n_dead_pmds;
    dp->dead_pmds = NULL;
    dp->n_dead_pmds = 0;
    ovs_mutex_unlock(&dp_netdev_mutex);
    for (size_t i = 0; i < n; i++) {
        xpthread_join(dead[i]->thread, NULL);
        pmd_destroy(dead[i]);
    }
    free(dead);
}

static void
dp_netdev_reconfigure(struct dp_netdev *dp)
{
    struct dp_netdev_port *port;
    size_t n_pmd_rxqs = 0;
    size_t want;
    size_t next = 0;

    HMAP_FOR_EACH (port, node, &dp->ports) {
        if (port->is_pmd) {
            n_pmd_rxqs += port->n_rxq;
        }
    }
    want = n_pmd_rxqs ? dp->n_pmd_wanted : 0;

    /* Stop surplus threads. */
    while (dp->n_pmds > want) {
        dp_netdev_stop_pmd(dp, dp->pmds[--dp->n_pmds]);
    }

    /* The main thread's context. */
    ovs_mutex_lock(&dp->non_pmd->mutex);
    dp->non_pmd->n_polls = 0;
    dp->non_pmd->poll_gen++;
    HMAP_FOR_EACH (port, node, &dp->ports) {
        if (!port->is_pmd) {
            for (int i = 0; i < port->n_rxq; i++) {
                pmd_add_poll(dp->non_pmd, port->rxqs[i], port->port_no);
            }
        }
    }
    pmd_set_tx_ports(dp, dp->non_pmd);
    ovs_mutex_unlock(&dp->non_pmd->mutex);

    /* Make new threads' contexts; they start below, once set up. */
    size_t old_n = dp->n_pmds;
    if (want > dp->n_pmds) {
        dp->pmds = xrealloc(dp->pmds, want * sizeof *dp->pmds);
        while (dp->n_pmds < want) {
            size_t i = dp->n_pmds++;

            dp->pmds[i] = pmd_create(dp, i, i + 1);
        }
    }

    /* Poll lists: queues of pmd ports round-robin over the threads. */
    for (size_t i = 0; i < dp->n_pmds; i++) {
        struct dp_netdev_pmd *pmd = dp->pmds[i];

        ovs_mutex_lock(&pmd->mutex);
        pmd->n_polls = 0;
        pmd->poll_gen++;
        pmd_set_tx_ports(dp, pmd);
        ovs_mutex_unlock(&pmd->mutex);
    }
    HMAP_FOR_EACH (port, node, &dp->ports) {
        if (port->is_pmd) {
            for (int i = 0; i < port->n_rxq; i++) {
                struct dp_netdev_pmd *pmd = dp->pmds[next++ % dp->n_pmds];

                ovs_mutex_lock(&pmd->mutex);
                pmd_add_poll(pmd, port->rxqs[i], port->port_no);
                ovs_mutex_unlock(&pmd->mutex);
            }
        }
    }
    for (size_t i = 0; i < dp->n_pmds; i++) {
        if (i >= old_n) {
            dp->pmds[i]->thread = ovs_thread_create("pmd", pmd_thread_main,
                                                    dp->pmds[i]);
        } else {
            latch_set(&dp->pmds[i]->reload_latch);
        }
    }
}

/* Main thread. */

static void
dpif_netdev_run(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_pmd *pmd = dp->non_pmd;

    ovs_mutex_lock(&pmd->mutex);
    for (int round = 0; round < 4; round++) {
        if (!pmd_poll_once(pmd)) {
            break;
        }
    }
    ovs_mutex_unlock(&pmd->mutex);
}

static void
dpif_netdev_wait(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    ovs_mutex_lock(&dp->non_pmd->mutex);
    pmd_wait__(dp->non_pmd);
    ovs_mutex_unlock(&dp->non_pmd->mutex);
}

/* Every context of DP: the main thread's first, then the pmds. */
static size_t
dp_netdev_pmds(const struct dp_netdev *dp, struct dp_netdev_pmd ***pmdsp)
{
    struct dp_netdev_pmd **pmds = xmalloc((dp->n_pmds + 1) * sizeof *pmds);

    pmds[0] = dp->non_pmd;
    for (size_t i = 0; i < dp->n_pmds; i++) {
        pmds[i + 1] = dp->pmds[i];
    }
    *pmdsp = pmds;
    return dp->n_pmds + 1;
}

static int
dpif_netdev_get_stats(const struct dpif *dpif, struct dpif_dp_stats *stats)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_pmd **pmds;
    size_t n;

    memset(stats, 0, sizeof *stats);
    ovs_mutex_lock(&dp_netdev_mutex);
    stats->n_hit = dp->n_hit_gone;
    stats->n_missed = dp->n_missed_gone;
    stats->n_lost = dp->n_lost_gone;
    n = dp_netdev_pmds(dp, &pmds);
    for (size_t i = 0; i < n; i++) {
        ovs_mutex_lock(&pmds[i]->mutex);
        stats->n_flows += hmap_count(&pmds[i]->flows);
        stats->n_hit += pmds[i]->n_hit;
        stats->n_missed += pmds[i]->n_missed;
        stats->n_lost += pmds[i]->n_lost;
        ovs_mutex_unlock(&pmds[i]->mutex);
    }
    free(pmds);
    ovs_mutex_unlock(&dp_netdev_mutex);

    /* Upstream's userspace datapath reports no mask statistics, so that
     * dpctl/show prints no "masks:" line for it; we match. */
    stats->n_mask_hit = UINT64_MAX;
    stats->n_cache_hit = UINT64_MAX;
    stats->n_masks = UINT32_MAX;
    return 0;
}

/* Flows. */

static struct dp_netdev_flow *
pmd_find_flow(const struct dp_netdev_pmd *pmd, const ovs_u128 *ufid)
{
    struct dp_netdev_flow *flow;

    HMAP_FOR_EACH_WITH_HASH (flow, node, ufid_hash(ufid), &pmd->flows) {
        if (ufid_equal(&flow->ufid, ufid)) {
            return flow;
        }
    }
    return NULL;
}

static void
flow_set_actions(struct dp_netdev_flow *flow, const struct nlattr *actions,
                 size_t actions_len)
{
    free(flow->actions);
    flow->actions = actions_len ? xmemdup(actions, actions_len) : NULL;
    flow->actions_len = actions_len;
}

/* Adds a megaflow to PMD (mutex held).  MATCH is masked by WC here. */
static struct dp_netdev_flow *
pmd_flow_add(struct dp_netdev_pmd *pmd, const ovs_u128 *ufid,
             const struct flow *match, const struct flow_wildcards *wc,
             const struct nlattr *actions, size_t actions_len)
{
    struct dp_netdev_flow *flow = xzalloc(sizeof *flow);
    uint64_t *f = flow_u64(&flow->flow);
    const uint64_t *m = flow_u64_const(match);
    const uint64_t *w = flow_u64_const(&wc->masks);

    flow->ufid = *ufid;
    flow->wc = *wc;
    for (size_t i = 0; i < FLOW_U64S; i++) {
        f[i] = m[i] & w[i];
    }
    flow_set_actions(flow, actions, actions_len);
    dpcls_insert(&pmd->cls, &flow->cr, &flow->flow, &flow->wc);
    hmap_insert(&pmd->flows, &flow->node, ufid_hash(ufid));
    return flow;
}

static void
pmd_flow_remove(struct dp_netdev_pmd *pmd, struct dp_netdev_flow *flow)
{
    dpcls_remove(&pmd->cls, &flow->cr);
    hmap_remove(&pmd->flows, &flow->node);
    emc_purge_dead(pmd->emc);
    pmd_flow_free(flow);
}

static void
stats_add(struct dpif_flow_stats *dst, const struct dpif_flow_stats *src)
{
    dst->n_packets += src->n_packets;
    dst->n_bytes += src->n_bytes;
    dst->used = MAX(dst->used, src->used);
    dst->tcp_flags |= src->tcp_flags;
}

/* Finds the contexts PMD_ID selects: every one for PMD_ID_NULL.  Returns
 * the number found; the caller frees *PMDSP. */
static size_t
select_pmds(const struct dp_netdev *dp, unsigned pmd_id,
            struct dp_netdev_pmd ***pmdsp)
{
    size_t n = dp_netdev_pmds(dp, pmdsp);

    if (pmd_id != PMD_ID_NULL) {
        size_t j = 0;

        for (size_t i = 0; i < n; i++) {
            if ((*pmdsp)[i]->core_id == pmd_id) {
                (*pmdsp)[j++] = (*pmdsp)[i];
            }
        }
        n = j;
    }
    return n;
}

/* Turns KEY/MASK into a match, as upstream: the key must be understood
 * perfectly; in_port and recirc_id are always matched exactly. */
static int
flow_from_nlattrs(const struct nlattr *key, size_t key_len,
                  const struct nlattr *mask, size_t mask_len,
                  struct flow *flow, struct flow_wildcards *wc)
{
    char *err = NULL;

    memset(flow, 0, sizeof *flow);
    if (odp_flow_key_to_flow(key, key_len, flow, &err) != ODP_FIT_PERFECT) {
        VLOG_DBG_RL(&rl, "bad flow key: %s", err ? err : "");
        free(err);
        return EINVAL;
    }
    free(err);
    err = NULL;
    if (odp_flow_key_to_mask(mask, mask_len, wc, flow, &err)
        != ODP_FIT_PERFECT) {
        VLOG_DBG_RL(&rl, "bad flow mask: %s", err ? err : "");
        free(err);
        return EINVAL;
    }
    free(err);
    if (flow->in_port.odp_port == ODPP_NONE
        || (flow->in_port.odp_port) >= MAX_PORTS) {
        return EINVAL;
    }
    wc->masks.in_port.odp_port = ODPP_NONE;
    wc->masks.recirc_id = UINT32_MAX;
    return 0;
}

static int
dpif_netdev_flow_put(struct dpif *dpif, enum dpif_flow_put_flags flags,
                     const struct nlattr *key, size_t key_len,
                     const struct nlattr *mask, size_t mask_len,
                     const struct nlattr *actions, size_t actions_len,
                     const ovs_u128 *ufidp, unsigned pmd_id,
                     struct dpif_flow_stats *stats)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_pmd **pmds;
    struct flow_wildcards wc;
    struct flow flow;
    ovs_u128 ufid;
    size_t n;
    int error;

    error = flow_from_nlattrs(key, key_len, mask, mask_len, &flow, &wc);
    if (error) {
        return error;
    }
    if (ufidp) {
        ufid = *ufidp;
    } else {
        odp_flow_key_hash(key, key_len, &ufid);
    }

    ovs_mutex_lock(&dp_netdev_mutex);
    n = select_pmds(dp, pmd_id, &pmds);
    error = n ? 0 : EINVAL;
    for (size_t i = 0; i < n && !error; i++) {
        struct dp_netdev_pmd *pmd = pmds[i];
        struct dp_netdev_flow *f;

        ovs_mutex_lock(&pmd->mutex);
        f = pmd_find_flow(pmd, &ufid);
        if (!f) {
            if (!(flags & DPIF_FP_CREATE)) {
                error = ENOENT;
            } else if (hmap_count(&pmd->flows) >= MAX_FLOWS) {
                error = EFBIG;
            } else {
                pmd_flow_add(pmd, &ufid, &flow, &wc, actions, actions_len);
            }
        } else if (!(flags & DPIF_FP_MODIFY)) {
            error = EEXIST;
        } else {
            if (stats) {
                stats_add(stats, &f->stats);
            }
            flow_set_actions(f, actions, actions_len);
            if (flags & DPIF_FP_ZERO_STATS) {
                /* Like upstream's userspace datapath: the actions change
                 * but the statistics cannot be cleared. */
                error = EOPNOTSUPP;
            }
        }
        ovs_mutex_unlock(&pmd->mutex);
    }
    free(pmds);
    ovs_mutex_unlock(&dp_netdev_mutex);
    return error;
}

static int
dpif_netdev_flow_del(struct dpif *dpif, const struct nlattr *key,
                     size_t key_len, const ovs_u128 *ufidp, unsigned pmd_id,
                     struct dpif_flow_stats *stats)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_pmd **pmds;
    ovs_u128 ufid;
    bool found = false;
    size_t n;

    if (ufidp) {
        ufid = *ufidp;
    } else {
        odp_flow_key_hash(key, key_len, &ufid);
    }
    ovs_mutex_lock(&dp_netdev_mutex);
    n = select_pmds(dp, pmd_id, &pmds);
    for (size_t i = 0; i < n; i++) {
        struct dp_netdev_flow *f;

        ovs_mutex_lock(&pmds[i]->mutex);
        f = pmd_find_flow(pmds[i], &ufid);
        if (f) {
            if (stats) {
                stats_add(stats, &f->stats);
            }
            pmd_flow_remove(pmds[i], f);
            found = true;
        }
        ovs_mutex_unlock(&pmds[i]->mutex);
    }
    free(pmds);
    ovs_mutex_unlock(&dp_netdev_mutex);
    return found ? 0 : ENOENT;
}

static int
dpif_netdev_flow_flush(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_pmd **pmds;
    size_t n;

    ovs_mutex_lock(&dp_netdev_mutex);
    n = dp_netdev_pmds(dp, &pmds);
    for (size_t i = 0; i < n; i++) {
        ovs_mutex_lock(&pmds[i]->mutex);
        pmd_flush_flows__(pmds[i]);
        ovs_mutex_unlock(&pmds[i]->mutex);
    }
    free(pmds);
    ovs_mutex_unlock(&dp_netdev_mutex);
    return 0;
}

/* A flow copied out for get and dump: its attributes in one buffer. */
struct flow_copy {
    struct ofpbuf buf;
    size_t key_ofs, key_len;
    size_t mask_ofs, mask_len;
    size_t actions_ofs, actions_len;
    ovs_u128 ufid;
    unsigned pmd_id;
    struct dpif_flow_stats stats;
    char extra[48];
};

/* "miniflow_bits(A,B)": how many words of the mask are nonzero in each
 * 64-word unit of struct flow, upstream's dp-extra-info. */
static void
format_miniflow_bits(const struct flow_wildcards *wc, char *s, size_t n)
{
    const uint64_t *w = flow_u64_const(&wc->masks);
    int units[2] = { 0, 0 };

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (w[i]) {
            units[i < 64 ? 0 : 1]++;
        }
    }
    snprintf(s, n, "miniflow_bits(%d,%d)", units[0], units[1]);
}

static void
flow_copy_init(struct flow_copy *c, const struct dp_netdev_flow *f,
               unsigned pmd_id, bool terse)
{
    struct odp_flow_key_parms parms = {
        .flow = &f->flow,
        .mask = &f->wc.masks,
        .odp_in_port = f->flow.in_port.odp_port,
    };

    ofpbuf_init(&c->buf, 256);
    c->key_ofs = c->key_len = c->mask_ofs = c->mask_len = 0;
    c->actions_ofs = c->actions_len = 0;
    if (!terse) {
        c->key_ofs = c->buf.size;
        odp_flow_key_from_flow(&parms, &c->buf);
        c->key_len = c->buf.size - c->key_ofs;
        c->mask_ofs = c->buf.size;
        odp_flow_key_from_mask(&parms, &c->buf);
        c->mask_len = c->buf.size - c->mask_ofs;
        c->actions_ofs = c->buf.size;
        ofpbuf_put(&c->buf, f->actions, f->actions_len);
        c->actions_len = f->actions_len;
    }
    c->ufid = f->ufid;
    c->pmd_id = pmd_id;
    c->stats = f->stats;
    format_miniflow_bits(&f->wc, c->extra, sizeof c->extra);
}

static void
flow_copy_to_dpif_flow(const struct flow_copy *c, struct dpif_flow *out)
{
    const char *base = c->buf.data;

    memset(out, 0, sizeof *out);
    out->key = (const struct nlattr *) (base + c->key_ofs);
    out->key_len = c->key_len;
    out->mask = (const struct nlattr *) (base + c->mask_ofs);
    out->mask_len = c->mask_len;
    out->actions = (const struct nlattr *) (base + c->actions_ofs);
    out->actions_len = c->actions_len;
    out->ufid = c->ufid;
    out->ufid_present = true;
    out->pmd_id = c->pmd_id;
    out->stats = c->stats;
    out->dp_extra_info = c->extra;
}

static int
dpif_netdev_flow_get(struct dpif *dpif, const struct nlattr *key,
                     size_t key_len, const ovs_u128 *ufidp, unsigned pmd_id,
                     struct ofpbuf *buf, struct dpif_flow *out)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_pmd **pmds;
    struct flow_copy c;
    bool found = false;
    ovs_u128 ufid;
    size_t n;

    if (ufidp) {
        ufid = *ufidp;
    } else {
        odp_flow_key_hash(key, key_len, &ufid);
    }
    ovs_mutex_lock(&dp_netdev_mutex);
    n = select_pmds(dp, pmd_id, &pmds);
    for (size_t i = 0; i < n && !found; i++) {
        struct dp_netdev_flow *f;

        ovs_mutex_lock(&pmds[i]->mutex);
        f = pmd_find_flow(pmds[i], &ufid);
        if (f) {
            flow_copy_init(&c, f, pmds[i]->core_id, false);
            found = true;
        }
        ovs_mutex_unlock(&pmds[i]->mutex);
    }
    free(pmds);
    ovs_mutex_unlock(&dp_netdev_mutex);
    if (!found) {
        return ENOENT;
    }

    /* Move the attributes into the caller's buffer. */
    size_t ofs = buf->size;
    ofpbuf_put(buf, c.buf.data, c.buf.size);
    c.key_ofs += ofs;
    c.mask_ofs += ofs;
    c.actions_ofs += ofs;
    struct ofpbuf tmp = c.buf;
    c.buf = *buf;
    flow_copy_to_dpif_flow(&c, out);
    out->dp_extra_info = NULL;
    ofpbuf_uninit(&tmp);
    return 0;
}

/* Dumps: a snapshot taken at creation, handed out under a mutex to any
 * number of dump threads. */
struct dpif_netdev_flow_dump {
    struct dpif_flow_dump up;
    struct ovs_mutex mutex;
    struct flow_copy *flows;
    size_t n_flows;
    size_t next;
};

struct dpif_netdev_flow_dump_thread {
    struct dpif_flow_dump_thread up;
    struct dpif_netdev_flow_dump *dump;
};

static struct dpif_flow_dump *
dpif_netdev_flow_dump_create(const struct dpif *dpif, bool terse)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dpif_netdev_flow_dump *dump = xzalloc(sizeof *dump);
    struct dp_netdev_pmd **pmds;
    size_t n, allocated = 0;

    ovs_mutex_init(&dump->mutex);
    ovs_mutex_lock(&dp_netdev_mutex);
    n = dp_netdev_pmds(dp, &pmds);
    for (size_t i = 0; i < n; i++) {
        struct dp_netdev_flow *f;

        ovs_mutex_lock(&pmds[i]->mutex);
        HMAP_FOR_EACH (f, node, &pmds[i]->flows) {
            if (dump->n_flows >= allocated) {
                dump->flows = x2nrealloc(dump->flows, &allocated,
                                         sizeof *dump->flows);
            }
            flow_copy_init(&dump->flows[dump->n_flows++], f,
                           pmds[i]->core_id, terse);
        }
        ovs_mutex_unlock(&pmds[i]->mutex);
    }
    free(pmds);
    ovs_mutex_unlock(&dp_netdev_mutex);
    return &dump->up;
}

static int
dpif_netdev_flow_dump_destroy(struct dpif_flow_dump *dump_)
{
    struct dpif_netdev_flow_dump *dump
        = CONTAINER_OF(dump_, struct dpif_netdev_flow_dump, up);

    for (size_t i = 0; i < dump->n_flows; i++) {
        ofpbuf_uninit(&dump->flows[i].buf);
    }
    free(dump->flows);
    ovs_mutex_destroy(&dump->mutex);
    free(dump);
    return 0;
}

static struct dpif_flow_dump_thread *
dpif_netdev_flow_dump_thread_create(struct dpif_flow_dump *dump_)
{
    struct dpif_netdev_flow_dump_thread *thread = xzalloc(sizeof *thread);

    thread->dump = CONTAINER_OF(dump_, struct dpif_netdev_flow_dump, up);
    return &thread->up;
}

static void
dpif_netdev_flow_dump_thread_destroy(struct dpif_flow_dump_thread *thread_)
{
    free(CONTAINER_OF(thread_, struct dpif_netdev_flow_dump_thread, up));
}

static int
dpif_netdev_flow_dump_next(struct dpif_flow_dump_thread *thread_,
                           struct dpif_flow *flows, int max_flows)
{
    struct dpif_netdev_flow_dump_thread *thread
        = CONTAINER_OF(thread_, struct dpif_netdev_flow_dump_thread, up);
    struct dpif_netdev_flow_dump *dump = thread->dump;
    int n = 0;

    ovs_mutex_lock(&dump->mutex);
    while (n < max_flows && dump->next < dump->n_flows) {
        flow_copy_to_dpif_flow(&dump->flows[dump->next++], &flows[n++]);
    }
    ovs_mutex_unlock(&dump->mutex);
    return n;
}

/* Executing actions. */

struct dp_netdev_execute_aux {
    struct dp_netdev_pmd *pmd;
};

static void
queue_recirc(struct dp_netdev_pmd *pmd, struct dp_packet *packet)
{
    if (pmd->n_recirc >= pmd->allocated_recirc) {
        pmd->recirc = x2nrealloc(pmd->recirc, &pmd->allocated_recirc,
                                 sizeof *pmd->recirc);
    }
    pmd->recirc[pmd->n_recirc++] = packet;
}

static void
queue_userspace(struct dp_netdev_pmd *pmd, struct dp_packet *packet,
                const struct nlattr *userdata)
{
    struct pending_upcall *u;

    if (pmd->n_upcalls >= pmd->allocated_upcalls) {
        pmd->upcalls = x2nrealloc(pmd->upcalls, &pmd->allocated_upcalls,
                                  sizeof *pmd->upcalls);
    }
    u = &pmd->upcalls[pmd->n_upcalls++];
    u->packet = packet;
    u->has_userdata = userdata != NULL;
    ofpbuf_init(&u->userdata, 0);
    if (userdata) {
        ofpbuf_put(&u->userdata, userdata, userdata->nla_len);
    }
}

static struct tx_port *
pmd_lookup_tx(const struct dp_netdev_pmd *pmd, odp_port_t port_no)
{
    struct tx_port *tx;

    HMAP_FOR_EACH_WITH_HASH (tx, node, hash_int((port_no), 0),
                             &pmd->tx_ports) {
        if (tx->port_no == port_no) {
            return tx;
        }
    }
    return NULL;
}

static void
dp_execute_cb(void *aux_, struct dp_packet_batch *batch,
              const struct nlattr *a, bool should_steal)
{
    struct dp_netdev_execute_aux *aux = aux_;
    struct dp_netdev_pmd *pmd = aux->pmd;
    struct dp_packet *packet;
    int type = nl_attr_type(a);

    switch (type) {
    case OVS_ACTION_ATTR_OUTPUT: {
        struct tx_port *tx = pmd_lookup_tx(pmd, nl_attr_get_u32(a));
        struct dp_packet_batch out;

        if (!tx) {
            break;
        }
        if (should_steal) {
            out = *batch;
            dp_packet_batch_init(batch);
        } else {
            dp_packet_batch_clone(&out, batch);
        }
        dp_packet_batch_apply_cutlen(&out);
        netdev_send(tx->netdev, pmd->tx_qid, &out, true);
        return;
    }

    case OVS_ACTION_ATTR_USERSPACE: {
        const struct nlattr *userdata
            = nl_attr_find_nested(a, OVS_USERSPACE_ATTR_USERDATA);

        DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
            queue_userspace(pmd, should_steal ? packet
                            : dp_packet_clone(packet), userdata);
        }
        if (should_steal) {
            dp_packet_batch_init(batch);
        }
        return;
    }

    case OVS_ACTION_ATTR_RECIRC: {
        uint32_t recirc_id = nl_attr_get_u32(a);

        DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
            struct dp_packet *p = should_steal ? packet
                                  : dp_packet_clone(packet);

            p->md.recirc_id = recirc_id;
            queue_recirc(pmd, p);
        }
        if (should_steal) {
            dp_packet_batch_init(batch);
        }
        return;
    }

    default:
        VLOG_WARN_RL(&rl, "action %d not supported by the userspace "
                     "datapath: packets dropped", type);
        break;
    }
    dp_packet_delete_batch(batch, should_steal);
}

/* Executes ACTIONS on BATCH (taking its packets) in PMD's context. */
static void
pmd_execute_actions(struct dp_netdev_pmd *pmd, struct dp_packet_batch *batch,
                    const struct nlattr *actions, size_t actions_len)
{
    struct dp_netdev_execute_aux aux = { pmd };

    odp_execute_actions(&aux, batch, true, actions, actions_len,
                        dp_execute_cb);
}

/* Packet processing. */

static void
flow_used(struct dp_netdev_flow *flow, const struct dp_packet *packet,
          const struct flow *key, long long int now)
{
    flow->stats.n_packets++;
    flow->stats.n_bytes += dp_packet_size(packet);
    flow->stats.used = now;
    flow->stats.tcp_flags |= ntohs(key->tcp_flags);
}

/* Handles a miss for PACKET with key FLOW; the caller holds pmd->mutex,
 * which is released around the upcall. */
static void
handle_miss(struct dp_netdev_pmd *pmd, struct dp_packet *packet,
            const struct flow *flow, const struct dpcls_key *key)
{
    struct dp_netdev *dp = pmd->dp;
    uint64_t actions_stub[64], put_stub[64];
    struct ofpbuf actions, put_actions;
    struct flow_wildcards wc;
    struct dp_packet_batch batch;
    struct dpcls_rule *rule;
    ovs_u128 ufid;
    int error;

    /* An earlier packet of this batch may have installed a megaflow. */
    if (dpcls_lookup(&pmd->cls, &key, 1, &rule, NULL)) {
        struct dp_netdev_flow *f = CONTAINER_OF(rule, struct dp_netdev_flow,
                                                cr);

        pmd->n_hit++;
        flow_used(f, packet, flow, time_msec());
        dp_packet_batch_init_packet(&batch, packet);
        pmd_execute_actions(pmd, &batch, f->actions, f->actions_len);
        return;
    }

    pmd->n_missed++;
    ofpbuf_use_stub(&actions, actions_stub, sizeof actions_stub);
    ofpbuf_use_stub(&put_actions, put_stub, sizeof put_stub);
    flow_wildcards_init_catchall(&wc);
    dp_netdev_flow_hash(flow, &ufid);

    ovs_mutex_unlock(&pmd->mutex);
    ovs_rwlock_rdlock(&dp->upcall_rwlock);
    if (dp->upcall_cb && dp->upcalls_enabled) {
        error = dp->upcall_cb(packet, flow, &ufid, pmd->core_id,
                              DPIF_UC_MISS, NULL, &actions, &wc,
                              &put_actions, dp->upcall_aux);
    } else {
        error = ENODEV;
    }
    ovs_rwlock_unlock(&dp->upcall_rwlock);
    ovs_mutex_lock(&pmd->mutex);

    if (error && error != ENOSPC) {
        pmd->n_lost++;
        dp_packet_delete(packet);
    } else {
        if (!error && !dpcls_lookup(&pmd->cls, &key, 1, &rule, NULL)
            && !pmd_find_flow(pmd, &ufid)
            && hmap_count(&pmd->flows) < MAX_FLOWS) {
            const struct ofpbuf *put = put_actions.size ? &put_actions
                                                          : &actions;

            wc.masks.in_port.odp_port = ODPP_NONE;
            wc.masks.recirc_id = UINT32_MAX;
            /* As upstream, the packet that missed is not counted in the
             * new megaflow's statistics (ofproto accounts for it). */
            pmd_flow_add(pmd, &ufid, flow, &wc, put->data, put->size);
        }
        dp_packet_batch_init_packet(&batch, packet);
        pmd_execute_actions(pmd, &batch, actions.data, actions.size);
    }
    ofpbuf_uninit(&actions);
    ofpbuf_uninit(&put_actions);
}

/* Looks up and handles BATCH (taking its packets); the caller holds
 * pmd->mutex.  DEPTH counts recirculations. */
static void
dp_netdev_process_batch(struct dp_netdev_pmd *pmd,
                        struct dp_packet_batch *batch, int depth)
{
    size_t n = batch->count;
    struct flow flows[NETDEV_MAX_BURST];
    struct dpcls_key keys[NETDEV_MAX_BURST];
    const struct dpcls_key *keyp[NETDEV_MAX_BURST];
    struct dpcls_rule *rules[NETDEV_MAX_BURST];
    struct dp_packet *packets[NETDEV_MAX_BURST];
    size_t miss_idx[NETDEV_MAX_BURST];
    size_t n_lookup = 0;
    long long int now = time_msec();
    bool done[NETDEV_MAX_BURST];

    for (size_t i = 0; i < n; i++) {
        packets[i] = batch->packets[i];
        flow_extract(packets[i], &flows[i]);
        dpcls_key_init(&keys[i], &flows[i]);
        rules[i] = emc_lookup(pmd->emc, &keys[i]);
        done[i] = false;
        if (rules[i]) {
            pmd->n_cache_hit++;
        } else {
            miss_idx[n_lookup] = i;
            keyp[n_lookup++] = &keys[i];
        }
    }
    if (n_lookup) {
        struct dpcls_rule *found[NETDEV_MAX_BURST];
        size_t n_probes = 0;

        dpcls_lookup(&pmd->cls, keyp, n_lookup, found, &n_probes);
        pmd->n_mask_hit += n_probes;
        for (size_t j = 0; j < n_lookup; j++) {
            size_t i = miss_idx[j];

            rules[i] = found[j];
            if (found[j]) {
                emc_probabilistic_insert(pmd->emc, &keys[i], found[j]);
            }
        }
    }

    /* Hits, grouped by megaflow in packet order. */
    for (size_t i = 0; i < n; i++) {
        struct dp_netdev_flow *f;
        struct dp_packet_batch sub;

        if (!rules[i] || done[i]) {
            continue;
        }
        f = CONTAINER_OF(rules[i], struct dp_netdev_flow, cr);
        dp_packet_batch_init(&sub);
        for (size_t j = i; j < n; j++) {
            if (rules[j] == rules[i] && !done[j]) {
                done[j] = true;
                flow_used(f, packets[j], &flows[j], now);
                dp_packet_batch_add__(&sub, packets[j]);
            }
        }
        pmd->n_hit += sub.count;
        pmd_execute_actions(pmd, &sub, f->actions, f->actions_len);
    }

    /* Misses, one at a time (the lock is dropped for each upcall, so
     * the rules found above must not be used after this point). */
    for (size_t i = 0; i < n; i++) {
        if (!rules[i]) {
            handle_miss(pmd, packets[i], &flows[i], &keys[i]);
        }
    }
    dp_packet_batch_init(batch);
    dp_netdev_after_batch(pmd, depth);
}

/* Handles the work a batch queued: userspace actions, then recirculated
 * packets.  The caller holds pmd->mutex. */
static void
dp_netdev_after_batch(struct dp_netdev_pmd *pmd, int depth)
{
    struct dp_netdev *dp = pmd->dp;

    while (pmd->n_upcalls) {
        struct pending_upcall *upcalls = pmd->upcalls;
        size_t n = pmd->n_upcalls;

        pmd->upcalls = NULL;
        pmd->n_upcalls = pmd->allocated_upcalls = 0;
        for (size_t i = 0; i < n; i++) {
            struct pending_upcall *u = &upcalls[i];
            uint64_t stub[64];
            struct ofpbuf actions;
            struct flow_wildcards wc;
            struct flow flow;
            ovs_u128 ufid;
            int error;

            flow_extract(u->packet, &flow);
            dp_netdev_flow_hash(&flow, &ufid);
            ofpbuf_use_stub(&actions, stub, sizeof stub);
            flow_wildcards_init_catchall(&wc);
            ovs_mutex_unlock(&pmd->mutex);
            ovs_rwlock_rdlock(&dp->upcall_rwlock);
            if (dp->upcall_cb && dp->upcalls_enabled) {
                error = dp->upcall_cb(u->packet, &flow, &ufid, pmd->core_id,
                                      DPIF_UC_ACTION,
                                      u->has_userdata ? u->userdata.data
                                                      : NULL,
                                      &actions, &wc, NULL, dp->upcall_aux);
            } else {
                error = ENODEV;
            }
            ovs_rwlock_unlock(&dp->upcall_rwlock);
            ovs_mutex_lock(&pmd->mutex);
            if (!error && actions.size) {
                struct dp_packet_batch b;

                dp_packet_batch_init_packet(&b, u->packet);
                pmd_execute_actions(pmd, &b, actions.data, actions.size);
            } else {
                if (error && error != ENOSPC) {
                    pmd->n_lost++;
                }
                dp_packet_delete(u->packet);
            }
            ofpbuf_uninit(&actions);
            ofpbuf_uninit(&u->userdata);
        }
        free(upcalls);
    }

    while (pmd->n_recirc) {
        struct dp_packet **packets = pmd->recirc;
        size_t n = pmd->n_recirc;

        pmd->recirc = NULL;
        pmd->n_recirc = pmd->allocated_recirc = 0;
        if (depth >= MAX_RECIRC_DEPTH) {
            VLOG_WARN_RL(&rl, "packets dropped: recirculation depth "
                         "exceeded");
            for (size_t i = 0; i < n; i++) {
                dp_packet_delete(packets[i]);
            }
        } else {
            for (size_t i = 0; i < n; i += NETDEV_MAX_BURST) {
                struct dp_packet_batch b;

                dp_packet_batch_init(&b);
                for (size_t j = i; j < n && j < i + NETDEV_MAX_BURST; j++) {
                    dp_packet_batch_add__(&b, packets[j]);
                }
                dp_netdev_process_batch(pmd, &b, depth + 1);
            }
        }
        free(packets);
    }
}

static int
dpif_netdev_execute(struct dpif *dpif, struct dpif_execute *execute)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_pmd *pmd = dp->non_pmd;
    struct dp_packet_batch batch;
    struct dp_packet *packet;

    if (dp_packet_size(execute->packet) < ETH_HEADER_LEN
        || dp_packet_size(execute->packet) > UINT16_MAX) {
        return EINVAL;
    }
    packet = dp_packet_clone_with_headroom(execute->packet,
                                           DP_PACKET_HEADROOM);
    if (execute->flow) {
        pkt_metadata_from_flow(&packet->md, execute->flow);
    }
    ovs_mutex_lock(&pmd->mutex);
    dp_packet_batch_init_packet(&batch, packet);
    pmd_execute_actions(pmd, &batch, execute->actions,
                        execute->actions_len);
    dp_netdev_after_batch(pmd, 0);
    ovs_mutex_unlock(&pmd->mutex);
    return 0;
}

/* Upcalls. */

static void
dpif_netdev_register_upcall_cb(struct dpif *dpif, upcall_callback *cb,
                               void *aux)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    ovs_rwlock_wrlock(&dp->upcall_rwlock);
    dp->upcall_cb = cb;
    dp->upcall_aux = aux;
    ovs_rwlock_unlock(&dp->upcall_rwlock);
}

static void
dpif_netdev_enable_upcall(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    ovs_rwlock_wrlock(&dp->upcall_rwlock);
    dp->upcalls_enabled = true;
    ovs_rwlock_unlock(&dp->upcall_rwlock);
}

static void
dpif_netdev_disable_upcall(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    /* Taking the lock for writing waits for upcalls in progress. */
    ovs_rwlock_wrlock(&dp->upcall_rwlock);
    dp->upcalls_enabled = false;
    ovs_rwlock_unlock(&dp->upcall_rwlock);
}

static void
dpif_netdev_flush_caches(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_pmd **pmds;
    size_t n;

    ovs_mutex_lock(&dp_netdev_mutex);
    n = dp_netdev_pmds(dp, &pmds);
    for (size_t i = 0; i < n; i++) {
        ovs_mutex_lock(&pmds[i]->mutex);
        emc_clear(pmds[i]->emc);
        ovs_mutex_unlock(&pmds[i]->mutex);
    }
    free(pmds);
    ovs_mutex_unlock(&dp_netdev_mutex);
}

#define DPIF_NETDEV_CLASS_MEMBERS                       \
    .enumerate = dpif_netdev_enumerate,                 \
    .port_open_type = dpif_netdev_port_open_type,       \
    .open = dpif_netdev_open,                           \
    .close = dpif_netdev_close,                         \
    .destroy = dpif_netdev_destroy,                     \
    .run = dpif_netdev_run,                             \
    .wait = dpif_netdev_wait,                           \
    .get_stats = dpif_netdev_get_stats,                 \
    .port_add = dpif_netdev_port_add,                   \
    .port_del = dpif_netdev_port_del,                   \
    .port_query_by_number = dpif_netdev_port_query_by_number, \
    .port_query_by_name = dpif_netdev_port_query_by_name, \
    .port_list = dpif_netdev_port_list,                 \
    .port_poll = dpif_netdev_port_poll,                 \
    .port_poll_wait = dpif_netdev_port_poll_wait,       \
    .flow_flush = dpif_netdev_flow_flush,               \
    .flow_put = dpif_netdev_flow_put,                   \
    .flow_del = dpif_netdev_flow_del,                   \
    .flow_get = dpif_netdev_flow_get,                   \
    .flow_dump_create = dpif_netdev_flow_dump_create,   \
    .flow_dump_destroy = dpif_netdev_flow_dump_destroy, \
    .flow_dump_thread_create = dpif_netdev_flow_dump_thread_create, \
    .flow_dump_thread_destroy = dpif_netdev_flow_dump_thread_destroy, \
    .flow_dump_next = dpif_netdev_flow_dump_next,       \
    .execute = dpif_netdev_execute,                     \
    .register_upcall_cb = dpif_netdev_register_upcall_cb, \
    .enable_upcall = dpif_netdev_enable_upcall,         \
    .disable_upcall = dpif_netdev_disable_upcall,       \
    .flush_caches = dpif_netdev_flush_caches

const struct dpif_class dpif_netdev_class = {
    .type = "netdev",
    DPIF_NETDEV_CLASS_MEMBERS
};

static const struct dpif_class dpif_dummy_class = {
    .type = "dummy",
    DPIF_NETDEV_CLASS_MEMBERS
};

static const struct dpif_class dpif_dummy_system_class = {
    .type = "system",
    DPIF_NETDEV_CLASS_MEMBERS
};

void
dpif_dummy_register(bool override)
{
    static bool registered, overridden;

    if (!registered) {
        dp_register_provider(&dpif_dummy_class);
        registered = true;
    }
    if (override && !overridden) {
        dp_unregister_provider("system");
        dp_register_provider(&dpif_dummy_system_class);
        overridden = true;
    }
}
