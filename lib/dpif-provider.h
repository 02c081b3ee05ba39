/* dpif-provider.h: the interface a datapath implementation provides.
 *
 * dpif.c keeps a table of providers (struct dpif_class) by type and turns
 * each dpif.h call into a call of the provider's member, after checking
 * what is generic (argument shapes, logging).  A provider embeds struct
 * dpif at the start of its own handle and initializes it with
 * dpif_init().  Every member returns 0 or a positive errno and may
 * assume the arguments dpif.h documents. */
#ifndef DPIF_PROVIDER_H
#define DPIF_PROVIDER_H 1

#include "dpif.h"

struct dpif_class;

/* An open datapath handle.  Several handles may name one datapath. */
struct dpif {
    const struct dpif_class *class;
    char *base_name;            /* NAME. */
    char *full_name;            /* TYPE@NAME. */
};

void dpif_init(struct dpif *, const struct dpif_class *,
               const char *name);
void dpif_uninit(struct dpif *);

struct dpif_class {
    /* Type, as in dpif_type(): "netdev", "dummy", "system". */
    const char *type;

    /* Adds the names of the existing datapaths of this type to NAMES. */
    int (*enumerate)(struct sset *names, const struct dpif_class *);

    /* The netdev type to open for a port of type PORT_TYPE ("internal"
     * becomes the provider's internal device type). */
    const char *(*port_open_type)(const struct dpif_class *,
                                  const char *port_type);

    /* Opens datapath NAME, creating it if CREATE (EEXIST if it exists
     * then); ENODEV if it does not exist and !CREATE. */
    int (*open)(const struct dpif_class *, const char *name, bool create,
                struct dpif **);
    void (*close)(struct dpif *);
    /* Marks the datapath for destruction when its last handle closes. */
    int (*destroy)(struct dpif *);

    /* Main-loop work (packets of ports polled by the main thread,
     * reconfiguration) and its wakeups. */
    void (*run)(struct dpif *);
    void (*wait)(struct dpif *);

    int (*get_stats)(const struct dpif *, struct dpif_dp_stats *);

    int (*port_add)(struct dpif *, struct netdev *, odp_port_t *port_nop);
    int (*port_del)(struct dpif *, odp_port_t);
    int (*port_query_by_number)(const struct dpif *, odp_port_t,
                                struct dpif_port *);
    int (*port_query_by_name)(const struct dpif *, const char *devname,
                              struct dpif_port *);
    /* Every port, sorted by number, in a malloc'd array. */
    int (*port_list)(const struct dpif *, struct dpif_port **ports,
                     size_t *n_ports);
    int (*port_poll)(const struct dpif *, char **devnamep);
    void (*port_poll_wait)(const struct dpif *);

    int (*flow_flush)(struct dpif *);
    int (*flow_put)(struct dpif *, enum dpif_flow_put_flags,
                    const struct nlattr *key, size_t key_len,
                    const struct nlattr *mask, size_t mask_len,
                    const struct nlattr *actions, size_t actions_len,
                    const ovs_u128 *ufid, unsigned pmd_id,
                    struct dpif_flow_stats *);
    int (*flow_del)(struct dpif *, const struct nlattr *key,
                    size_t key_len, const ovs_u128 *ufid, unsigned pmd_id,
                    struct dpif_flow_stats *);
    int (*flow_get)(struct dpif *, const struct nlattr *key,
                    size_t key_len, const ovs_u128 *ufid, unsigned pmd_id,
                    struct ofpbuf *, struct dpif_flow *);

    struct dpif_flow_dump *(*flow_dump_create)(const struct dpif *,
                                               bool terse);
    int (*flow_dump_destroy)(struct dpif_flow_dump *);
    struct dpif_flow_dump_thread *(*flow_dump_thread_create)(
        struct dpif_flow_dump *);
    void (*flow_dump_thread_destroy)(struct dpif_flow_dump_thread *);
    int (*flow_dump_next)(struct dpif_flow_dump_thread *,
                          struct dpif_flow *, int max_flows);

    int (*execute)(struct dpif *, struct dpif_execute *);

    void (*register_upcall_cb)(struct dpif *, upcall_callback *, void *);
    void (*enable_upcall)(struct dpif *);
    void (*disable_upcall)(struct dpif *);
    void (*flush_caches)(struct dpif *);
};

/* A flow dump: providers embed these at the start of their own. */
struct dpif_flow_dump {
    const struct dpif *dpif;
    bool terse;
};

struct dpif_flow_dump_thread {
    const struct dpif *dpif;
};

int dp_register_provider(const struct dpif_class *);
int dp_unregister_provider(const char *type);

extern const struct dpif_class dpif_netdev_class;

#endif /* dpif-provider.h */
