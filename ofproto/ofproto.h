/* ofproto.h: an OpenFlow switch ("bridge" in the database) on a datapath.
 *
 * An ofproto owns a bridge's OpenFlow ports and flow tables and programs
 * a datapath (dpif.h) to forward as those tables say.  Every bridge of a
 * datapath type shares one datapath (the "backer", e.g. netdev@ovs-netdev
 * for datapath_type=netdev): an ofproto maps its OpenFlow port numbers to
 * the backer's datapath port numbers.  A packet the datapath cannot handle
 * comes up as an upcall; translation (ofproto/xlate) runs it through the
 * OpenFlow tables, including the NORMAL action (MAC learning with VLANs,
 * driven by "bundles": the database's Port rows), and returns datapath
 * actions with the mask of the fields it looked at, installed as a
 * megaflow.  Revalidation keeps installed megaflows consistent with the
 * tables and configuration, and ages idle ones.
 *
 * This is the interface vswitchd/bridge.c uses; OpenFlow connections and
 * flow_mod handling are built on the same object.
 *
 * All functions return 0 or a positive errno.  An ofproto is used by the
 * main thread; upcalls and revalidation run in other threads internally. */
#ifndef OFPROTO_H
#define OFPROTO_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "packets.h"
#include "types.h"

struct netdev;
struct netdev_stats;
struct smap;
struct sset;
struct ofproto;

/* Datapath types ("netdev", "system") and their shared state. */
void ofproto_enumerate_types(struct sset *types);
const char *ofproto_normalize_type(const char *type); /* "" -> "system" */
int ofproto_type_run(const char *datapath_type);
void ofproto_type_wait(const char *datapath_type);

/* Creates bridge 'name' on a datapath of 'datapath_type'.  The bridge's
 * local port (OFPP_LOCAL) is an internal device named 'name', made by the
 * caller and added with ofproto_port_add() like any other port. */
int ofproto_create(const char *name, const char *datapath_type,
                   struct ofproto **);
void ofproto_destroy(struct ofproto *);
int ofproto_run(struct ofproto *);
void ofproto_wait(struct ofproto *);
const char *ofproto_get_name(const struct ofproto *);
const char *ofproto_get_type(const struct ofproto *);

void ofproto_set_datapath_id(struct ofproto *, uint64_t datapath_id);
uint64_t ofproto_get_datapath_id(const struct ofproto *);

/* Ports.  *ofp_portp is the OpenFlow number wanted (from ofport_request)
 * or OFPP_NONE to let the ofproto choose; the number used is stored
 * there.  The ofproto keeps a reference to 'netdev'. */
int ofproto_port_add(struct ofproto *, struct netdev *,
                     ofp_port_t *ofp_portp);
int ofproto_port_del(struct ofproto *, ofp_port_t);
bool ofproto_port_exists(const struct ofproto *, const char *devname);
ofp_port_t ofproto_port_get_number(const struct ofproto *,
                                   const char *devname);

/* VLAN modes of a Port (ovs-vswitchd.conf.db(5) "vlan_mode"). */
enum port_vlan_mode {
    PORT_VLAN_TRUNK,            /* Carries the VLANs in 'trunks'. */
    PORT_VLAN_ACCESS,           /* Untagged, in VLAN 'vlan'. */
    PORT_VLAN_NATIVE_TAGGED,    /* Trunk; 'vlan' is native, sent tagged. */
    PORT_VLAN_NATIVE_UNTAGGED,  /* Trunk; 'vlan' is native, untagged. */
    PORT_VLAN_DOT1Q_TUNNEL      /* Pushes an outer tag 'vlan'. */
};

/* A bundle is one Port row: one or more interfaces (ofp ports) with VLAN
 * configuration, the unit the NORMAL action learns and floods on.
 * 'aux' identifies it (bridge.c passes its struct port). */
struct ofproto_bundle_settings {
    const char *name;
    const ofp_port_t *slaves;   /* OpenFlow ports in the bundle. */
    size_t n_slaves;
    enum port_vlan_mode vlan_mode;
    int vlan;                   /* Access/native VLAN, -1 if none. */
    const unsigned long *trunks; /* 4096-bit bitmap, NULL for all. */
    bool use_priority_tags;
    const unsigned long *cvlans; /* dot1q-tunnel customer VLANs, or NULL
                                  * for all. */
    uint16_t qinq_ethtype;      /* 0x88a8 or 0x8100 for dot1q-tunnel. */
    bool protected;             /* Protected port (no port-to-port). */
};
int ofproto_bundle_register(struct ofproto *, void *aux,
                            const struct ofproto_bundle_settings *);
int ofproto_bundle_unregister(struct ofproto *, void *aux);

/* NORMAL's MAC table: other_config:mac-aging-time and
 * mac-table-size. */
void ofproto_set_mac_table_config(struct ofproto *, unsigned idle_time,
                                  size_t max_entries);
/* other_config:flood-vlans: VLANs where NORMAL never learns. */
void ofproto_set_flood_vlans(struct ofproto *,
                             const unsigned long *flood_vlans);

/* Flow aging and datapath limits from Open_vSwitch:other_config
 * (max-idle msec, flow-limit). */
void ofproto_set_max_idle(unsigned max_idle);
void ofproto_set_flow_limit(unsigned limit);

/* OpenFlow tables (255 of them; 254 is the hidden internal table).
 * ofproto_add_flow() adds a rule, replacing one with the same match and
 * priority in 'table_id'; the actions are copied.  ofproto_delete_flow()
 * removes the rule with exactly that match and priority (ENOENT if
 * none); ofproto_flush_flows() removes every rule except the hidden ones
 * and puts back table 0's default "priority=0 actions=NORMAL".  Each
 * change makes installed datapath flows revalidate. */
struct match;
struct ofpact;
int ofproto_add_flow(struct ofproto *, uint8_t table_id,
                     const struct match *, int priority,
                     const struct ofpact *ofpacts, size_t ofpacts_len);
int ofproto_delete_flow(struct ofproto *, uint8_t table_id,
                        const struct match *, int priority);
void ofproto_flush_flows(struct ofproto *);
/* Rule statistics of the rule with exactly this match and priority. */
int ofproto_get_flow_stats(const struct ofproto *, uint8_t table_id,
                           const struct match *, int priority,
                           uint64_t *n_packets, uint64_t *n_bytes);

/* Finds the bridge named 'name'. */
struct ofproto *ofproto_lookup(const char *name);

/* Statistics for the database. */
int ofproto_port_get_stats(const struct ofproto *, ofp_port_t,
                           struct netdev_stats *);

/* Registers the unixctl commands ofproto provides: ofproto/list,
 * ofproto/trace, fdb/show, fdb/flush, fdb/stats-show, fdb/stats-clear,
 * fdb/add, fdb/del, bridge/dump-flows (this one lives in ofproto because
 * it shows the tables), dpif/show, dpif/dump-flows. */
void ofproto_init(void);

#endif /* ofproto.h */
