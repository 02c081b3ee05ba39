/* ofproto-private.h: the structures ofproto.c and xlate.c share.
 *
 * Object model.  A "backer" is one datapath (dpif) per datapath type,
 * shared by every bridge of that type.  It maps the datapath's port
 * numbers to "ofports", each owned by one ofproto (bridge), which maps
 * OpenFlow port numbers to the same ofports.  An ofproto has 255 OpenFlow
 * tables (lib/classifier, versioned rules), a set of bundles (the
 * database's Port rows: one or more ofports and their VLAN settings) and
 * a MAC learning table for the NORMAL action.
 *
 * Threads and locking.  Everything above is changed only by the main
 * thread.  Upcalls arrive in the datapath's packet-processing threads and
 * read it while translating.  One process-wide rwlock, 'xlate_rwlock',
 * separates them: translation holds it for reading; the main thread holds
 * it for writing while it changes anything translation reads.  The main
 * thread never calls into the datapath while holding it for writing (a
 * datapath call may wait for its packet threads, which may be waiting for
 * the lock).  The MAC table has its own rwlock (taken after
 * 'xlate_rwlock'), because translation learns.  Rule statistics are
 * updated under 'stats_mutex'.  The map of installed flows ("ukeys") has
 * 'ukey_mutex'. */
#ifndef OFPROTO_PRIVATE_H
#define OFPROTO_PRIVATE_H 1

#include <stdbool.h>
#include <stdint.h>
#include "classifier.h"
#include "hmap.h"
#include "latch.h"
#include "list.h"
#include "mac-learning.h"
#include "ofproto.h"
#include "ovs-thread.h"
#include "types.h"

struct dpif;
struct ofpbuf;

#define OFPROTO_N_TABLES 255
#define OFPROTO_HIDDEN_TABLE 254    /* Internal rules bridge/dump-flows
                                     * shows; never looked up. */
#define OFPROTO_MAX_RESUBMIT 64     /* Resubmit depth limit. */

extern struct ovs_rwlock xlate_rwlock;
extern struct ovs_mutex stats_mutex;

/* One datapath, shared by the bridges of its type. */
struct backer {
    struct hmap_node node;      /* In 'backers', by type. */
    char *type;                 /* Normalized datapath type. */
    struct dpif *dpif;
    struct hmap odp_to_ofport;  /* struct ofport by 'odp_node'. */
    int refcount;               /* Bridges using it. */
    struct latch reval_latch;   /* Set (any thread) to ask for
                                 * revalidation soon. */
    bool need_revalidate;       /* Main thread: revalidate on next run. */
    long long int next_dump;    /* When to next dump flows for stats and
                                 * aging. */

    /* Installed flows, by ufid, added in upcalls. */
    struct ovs_mutex ukey_mutex;
    struct hmap ukeys;          /* struct ukey. */
    uint64_t dump_seq;          /* Number of the current flow dump. */
};

/* An OpenFlow port. */
struct ofport {
    struct hmap_node ofp_node;  /* In ofproto's 'ports', by ofp_port. */
    struct hmap_node odp_node;  /* In backer's 'odp_to_ofport'. */
    struct ofproto *ofproto;
    struct netdev *netdev;
    char *name;
    ofp_port_t ofp_port;
    odp_port_t odp_port;
    struct bundle *bundle;      /* Bundle it belongs to, or NULL. */
};

/* A Port row: the unit NORMAL learns on and floods to. */
struct bundle {
    struct hmap_node node;      /* In ofproto's 'bundles', by aux. */
    struct ovs_list list_node;  /* In ofproto's 'bundle_list'. */
    void *aux;
    char *name;
    ofp_port_t *slaves;
    size_t n_slaves;
    enum port_vlan_mode vlan_mode;
    int vlan;                   /* -1 if none. */
    unsigned long *trunks;      /* NULL: all VLANs. */
    unsigned long *cvlans;      /* NULL: all. */
    bool use_priority_tags;
    uint16_t qinq_ethtype;
    bool protected;
};

/* An OpenFlow flow table entry. */
struct rule {
    struct cls_rule cr;         /* In its table's classifier. */
    uint8_t table_id;
    struct ofpact *ofpacts;     /* Actions (may be NULL: drop). */
    size_t ofpacts_len;
    char *actions_text;         /* For internal rules whose actions have
                                 * no ofpact form here; NULL otherwise. */
    ovs_be64 cookie;
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    long long int created;      /* time_msec(). */
    uint64_t seq;               /* Order of creation, for listing. */
    long long int used;         /* time_msec() of last hit, under
                                 * 'stats_mutex'. */
    uint64_t n_packets;         /* Under 'stats_mutex'. */
    uint64_t n_bytes;           /* Under 'stats_mutex'. */
};

struct oftable {
    struct classifier cls;
};

struct ofproto {
    struct hmap_node node;      /* In 'all_ofprotos', by name. */
    char *name;
    char *type;                 /* Normalized datapath type. */
    struct backer *backer;
    uint64_t datapath_id;
    struct hmap ports;          /* struct ofport by ofp_port. */
    struct hmap bundles;        /* struct bundle by aux. */
    struct ovs_list bundle_list; /* struct bundle, in registration order. */
    struct oftable *tables;     /* OFPROTO_N_TABLES of them. */
    ovs_version_t tables_version;
    struct mac_learning ml;
    uint64_t ml_seq;            /* ml.change_seq last revalidated. */
    unsigned long *flood_vlans; /* NULL: none. */
};

/* A datapath flow installed by an upcall. */
struct ukey {
    struct hmap_node node;      /* In backer's 'ukeys', by ufid. */
    ovs_u128 ufid;
    long long int created;
    uint64_t n_packets;         /* Datapath stats last credited. */
    uint64_t n_bytes;
    uint64_t dump_seq;          /* Last dump that saw it. */
    struct flow_wildcards wc;   /* Mask translation asked for. */
};

/* Every ofproto (by 'node') and every backer (by 'node'). */
struct hmap *ofproto_all(void);
struct hmap *ofproto_backers(void);

struct ofport *ofproto_get_port(const struct ofproto *, ofp_port_t);
struct ofport *backer_get_port(const struct backer *, odp_port_t);
void backer_request_revalidate(struct backer *);

/* Rules. */
struct rule *ofproto_rule_lookup(const struct ofproto *, uint8_t table_id,
                                 const struct flow *,
                                 struct flow_wildcards *);
void ofproto_rule_credit(struct rule *, uint64_t n_packets,
                         uint64_t n_bytes);

/* Registers the unixctl commands (ofproto-unixctl.c). */
void ofproto_unixctl_init(void);

#endif /* ofproto-private.h */
