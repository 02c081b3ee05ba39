/* dpif.h: the datapath interface.
 *
 * A datapath forwards packets between its ports by a table of megaflows
 * (a key, a mask and actions, all in the Netlink attribute forms of
 * odp-util.h).  A packet that matches no megaflow is an upcall: the
 * datapath asks its owner (ofproto) what to do, executes the answer and
 * normally installs it as a new megaflow.  Implementations ("providers",
 * lib/dpif-provider.h) are the userspace datapath dpif-netdev (type
 * "netdev", name "ovs-netdev" for the one ovs-vswitchd uses) and later
 * the kernel datapath (type "system").  One datapath of a type carries
 * the ports of every bridge of that type, as upstream's does.
 *
 * Names: dpif_name() is "TYPE@NAME" (e.g. "netdev@ovs-netdev"), as
 * dpctl prints it; dpif_base_name() is NAME.
 *
 * Upcalls.  The owner registers a callback; dpif-netdev calls it from
 * the packet-processing thread that missed, with the packet and its
 * parsed flow.  The callback appends to 'actions' what to do with this
 * packet, fills 'wc' with the fields the decision depended on, and may
 * append to 'put_actions' different actions to install (when empty,
 * 'actions' are installed).  It returns 0 to install the megaflow
 * {flow masked by wc, put_actions}, ENOSPC to execute the actions
 * without installing anything, or another errno to drop the packet.
 * Type DPIF_UC_ACTION is an OVS_ACTION_ATTR_USERSPACE action executing:
 * 'userdata' is its OVS_USERSPACE_ATTR_USERDATA (or NULL) and nothing is
 * installed.
 *
 * All functions return 0 or a positive errno.  A dpif is used by the
 * thread that opened it except where a function says otherwise;
 * dpif-netdev's own threads are internal. */
#ifndef DPIF_H
#define DPIF_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "types.h"

struct dp_packet;
struct ds;
struct flow;
struct flow_wildcards;
struct netdev;
struct nlattr;
struct ofpbuf;
struct sset;

struct dpif;

void dp_enumerate_types(struct sset *types);
int dp_enumerate_names(const char *type, struct sset *names);
const char *dpif_normalize_type(const char *); /* "" -> "system". */
int dp_parse_name(const char *datapath_name, char **name, char **type);

/* Registers the "dummy" datapath type (dpif-netdev's code, dummy devices
 * for its own port; ovs-vswitchd --enable-dummy).  With OVERRIDE, type
 * "system" is a dummy datapath too (--enable-dummy=override). */
void dpif_dummy_register(bool override);

/* The netdev type to open for an interface of type PORT_TYPE in a
 * datapath of type DATAPATH_TYPE: "internal" becomes "tap" in a "netdev"
 * datapath and "dummy-internal" in a dummy one; other types are
 * returned unchanged. */
const char *dpif_port_open_type(const char *datapath_type,
                                const char *port_type);

int dpif_open(const char *name, const char *type, struct dpif **);
int dpif_create(const char *name, const char *type, struct dpif **);
int dpif_create_and_open(const char *name, const char *type, struct dpif **);
void dpif_close(struct dpif *);
int dpif_delete(struct dpif *);

void dpif_run(struct dpif *);
void dpif_wait(struct dpif *);

const char *dpif_name(const struct dpif *);
const char *dpif_base_name(const struct dpif *);
const char *dpif_type(const struct dpif *);

struct dpif_dp_stats {
    uint64_t n_hit;             /* Packets that matched a flow. */
    uint64_t n_missed;          /* Packets that went to userspace. */
    uint64_t n_lost;            /* Packets dropped on the way up. */
    uint64_t n_flows;           /* Flows in the table. */
    uint64_t n_mask_hit;        /* Subtables looked at for hits. */
    uint64_t n_cache_hit;       /* Hits in exact-match caches. */
    uint32_t n_masks;           /* Subtables (megaflow masks). */
};
int dpif_get_dp_stats(const struct dpif *, struct dpif_dp_stats *);

/* Ports. */
struct dpif_port {
    char *name;                 /* Network device name. */
    char *type;                 /* Network device type ("system", ...). */
    odp_port_t port_no;
};
void dpif_port_clone(struct dpif_port *dst, const struct dpif_port *src);
void dpif_port_destroy(struct dpif_port *);

/* Adds 'netdev' as a port.  If *port_nop is not ODPP_NONE it is the
 * number wanted (EBUSY if taken); the number used is stored there. */
int dpif_port_add(struct dpif *, struct netdev *, odp_port_t *port_nop);
int dpif_port_del(struct dpif *, odp_port_t);
bool dpif_port_exists(const struct dpif *, const char *devname);
int dpif_port_query_by_number(const struct dpif *, odp_port_t,
                              struct dpif_port *);
int dpif_port_query_by_name(const struct dpif *, const char *devname,
                            struct dpif_port *);
int dpif_port_get_name(struct dpif *, odp_port_t, char *name,
                       size_t name_size);
/* All ports, sorted by number; the caller frees with
 * dpif_port_list_free(). */
int dpif_port_list(const struct dpif *, struct dpif_port **ports,
                   size_t *n_ports);
void dpif_port_list_free(struct dpif_port *ports, size_t n_ports);
/* Port changes: returns 0 and a device name to free when a port
 * changed, ENOBUFS when changes were lost (recheck all), EAGAIN when
 * nothing changed. */
int dpif_port_poll(const struct dpif *, char **devnamep);
void dpif_port_poll_wait(const struct dpif *);

/* Flows. */
struct dpif_flow_stats {
    uint64_t n_packets;
    uint64_t n_bytes;
    long long int used;         /* Last used, msec (time_msec()), 0 never. */
    uint16_t tcp_flags;
};
void dpif_flow_stats_format(const struct dpif_flow_stats *, struct ds *);

enum dpif_flow_put_flags {
    DPIF_FP_CREATE = 1 << 0,    /* Allow creating a flow. */
    DPIF_FP_MODIFY = 1 << 1,    /* Allow modifying an existing flow. */
    DPIF_FP_ZERO_STATS = 1 << 2, /* Zero the stats of a modified flow. */
    DPIF_FP_PROBE = 1 << 3      /* Quiet on failure. */
};

/* 'ufid' may be NULL (derived from the key).  'pmd_id' is
 * PMD_ID_NULL for "every thread" / "don't care".  'stats' may be NULL;
 * for a modify or delete it gets the old flow's stats. */
#define PMD_ID_NULL UINT32_MAX
/* The pmd_id of flows of the ports the main thread polls (dpif_run()),
 * upstream's "main thread" in dpctl/dump-flows. */
#define NON_PMD_CORE_ID (UINT32_MAX - 1)
int dpif_flow_put(struct dpif *, enum dpif_flow_put_flags,
                  const struct nlattr *key, size_t key_len,
                  const struct nlattr *mask, size_t mask_len,
                  const struct nlattr *actions, size_t actions_len,
                  const ovs_u128 *ufid, unsigned pmd_id,
                  struct dpif_flow_stats *stats);
int dpif_flow_del(struct dpif *, const struct nlattr *key, size_t key_len,
                  const ovs_u128 *ufid, unsigned pmd_id,
                  struct dpif_flow_stats *stats);
int dpif_flow_flush(struct dpif *);

struct dpif_flow {
    const struct nlattr *key;
    size_t key_len;
    const struct nlattr *mask;
    size_t mask_len;
    const struct nlattr *actions;
    size_t actions_len;
    ovs_u128 ufid;
    bool ufid_present;
    unsigned pmd_id;            /* Thread's core, or NON_PMD_CORE_ID. */
    struct dpif_flow_stats stats;
    const char *dp_extra_info;  /* For dump-flows -m, or NULL; valid as
                                 * long as the attributes. */
};
/* Looks up the flow with 'key' (or 'ufid'); 'buf' holds the returned
 * attributes. */
int dpif_flow_get(struct dpif *, const struct nlattr *key, size_t key_len,
                  const ovs_u128 *ufid, unsigned pmd_id, struct ofpbuf *buf,
                  struct dpif_flow *);

/* Dumping flows: a dump may be shared by several threads, each with its
 * own dump thread.  dpif_flow_dump_next() returns up to 'max_flows'
 * flows, 0 at the end; the returned attributes stay valid until the next
 * call on the same dump thread. */
struct dpif_flow_dump;
struct dpif_flow_dump_thread;
struct dpif_flow_dump *dpif_flow_dump_create(const struct dpif *,
                                             bool terse);
int dpif_flow_dump_destroy(struct dpif_flow_dump *);
struct dpif_flow_dump_thread *dpif_flow_dump_thread_create(
    struct dpif_flow_dump *);
void dpif_flow_dump_thread_destroy(struct dpif_flow_dump_thread *);
int dpif_flow_dump_next(struct dpif_flow_dump_thread *,
                        struct dpif_flow *flows, int max_flows);

/* Executes 'actions' on 'packet' (which the caller keeps; it may be
 * modified).  'flow' is the packet's parsed flow, with in_port a
 * datapath port. */
struct dpif_execute {
    const struct nlattr *actions;
    size_t actions_len;
    struct dp_packet *packet;
    const struct flow *flow;
    bool probe;                 /* Quiet on failure. */
};
int dpif_execute(struct dpif *, struct dpif_execute *);

/* Upcalls. */
enum dpif_upcall_type {
    DPIF_UC_MISS,               /* No flow matched. */
    DPIF_UC_ACTION              /* An OVS_ACTION_ATTR_USERSPACE action. */
};
typedef int upcall_callback(const struct dp_packet *packet,
                            const struct flow *flow, ovs_u128 *ufid,
                            unsigned pmd_id, enum dpif_upcall_type type,
                            const struct nlattr *userdata,
                            struct ofpbuf *actions,
                            struct flow_wildcards *wc,
                            struct ofpbuf *put_actions, void *aux);
/* May be called from any thread; the callback may run concurrently in
 * several packet-processing threads. */
void dpif_register_upcall_cb(struct dpif *, upcall_callback *, void *aux);
void dpif_enable_upcall(struct dpif *);
void dpif_disable_upcall(struct dpif *);

/* Tells the datapath that flows may need revalidation soon (e.g. after a
 * configuration change); dpif-netdev uses it to clear its caches. */
void dpif_flush_caches(struct dpif *);

#endif /* dpif.h */
