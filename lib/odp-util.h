/* odp-util.h: datapath flow keys, masks and actions.
 *
 * A datapath (the kernel module or the userspace dpif-netdev) describes a
 * flow as a sequence of Netlink attributes, OVS_KEY_ATTR_* from
 * <linux/openvswitch.h>, with an optional mask in the same shape, and
 * its actions as OVS_ACTION_ATTR_* attributes.  This module converts
 * between those attributes and struct flow / struct flow_wildcards, and
 * between attributes and upstream's text syntax (the one `ovs-appctl
 * dpctl/dump-flows` prints and `dpctl/add-flow` takes), and it builds the
 * actions ofproto's translation emits (commit_odp_actions()).
 *
 * Ownership: every function that fills an ofpbuf appends to it; callers
 * own the buffers.  Text parsers return 0 or a positive errno and, where
 * they take 'errorp', store a malloc'd message there on error.
 *
 * Thread safety: no state; thread-safe on separate objects. */
#ifndef ODP_UTIL_H
#define ODP_UTIL_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "hmap.h"
#include "types.h"

struct ds;
struct nlattr;
struct ofpbuf;
struct shash;

/* Actions that only the userspace datapath knows, numbered after the
 * kernel's OVS_ACTION_ATTR_DEC_TTL as upstream numbers them.  They never
 * reach a kernel.  ODP_ACTION_ATTR_DROP carries a u32 reason (0 for an
 * explicit drop), TUNNEL_POP a u32 port, LB_OUTPUT a u32 bond id. */
enum {
    ODP_ACTION_ATTR_TUNNEL_PUSH = 24,
    ODP_ACTION_ATTR_TUNNEL_POP = 25,
    ODP_ACTION_ATTR_LB_OUTPUT = 26,
    ODP_ACTION_ATTR_DROP = 27,
};

/* Bytes of userdata that odp_actions_from_string() gives a userspace
 * action written without one (the size of upstream's user action
 * cookie). */
#define ODP_USERSPACE_COOKIE_SIZE 48

/* How well a Netlink key matched what this code understands, as in
 * upstream: PERFECT, TOO_MUCH (the key has attributes we do not model),
 * TOO_LITTLE (expected attributes missing), ERROR (malformed). */
enum odp_key_fitness {
    ODP_FIT_PERFECT,
    ODP_FIT_TOO_MUCH,
    ODP_FIT_TOO_LITTLE,
    ODP_FIT_ERROR
};
const char *odp_key_fitness_to_string(enum odp_key_fitness);

/* What to serialize.  'flow' is the key.  'mask', if nonnull, is used
 * when serializing a key to decide which attributes to include (a field
 * entirely wildcarded is left out where upstream leaves it out), and is
 * the mask itself for odp_flow_key_from_mask(). */
struct odp_flow_key_parms {
    const struct flow *flow;
    const struct flow *mask;
    odp_port_t odp_in_port;     /* In-port to encode (flow's in_port is an
                                 * OpenFlow port inside ofproto). */
};

void odp_flow_key_from_flow(const struct odp_flow_key_parms *,
                            struct ofpbuf *key);
void odp_flow_key_from_mask(const struct odp_flow_key_parms *,
                            struct ofpbuf *mask);
enum odp_key_fitness odp_flow_key_to_flow(const struct nlattr *key,
                                          size_t key_len, struct flow *,
                                          char **errorp);
enum odp_key_fitness odp_flow_key_to_mask(const struct nlattr *mask,
                                          size_t mask_len,
                                          struct flow_wildcards *,
                                          const struct flow *flow,
                                          char **errorp);

/* A 128-bit flow id ("ufid") derived from a key, and its text form
 * "ufid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx". */
void odp_flow_key_hash(const void *key, size_t key_len, ovs_u128 *ufid);
void odp_format_ufid(const ovs_u128 *ufid, struct ds *);
/* odp_ufid_from_string() returns the number of characters of a leading
 * "ufid:..." it parsed into '*ufid', 0 if 's' does not start with "ufid:",
 * or -EINVAL if what follows "ufid:" is not a UFID. */
int odp_ufid_from_string(const char *s, ovs_u128 *ufid);

/* Port number to name maps used when formatting ("in_port(br0)"). */
void odp_portno_names_set(struct hmap *portno_names, odp_port_t,
                          const char *name);
const char *odp_portno_names_get(const struct hmap *portno_names,
                                 odp_port_t);
void odp_portno_names_destroy(struct hmap *portno_names);

/* Text.  odp_flow_format() prints a key with its mask the way
 * dpctl/dump-flows does ('verbose' is -m: wildcarded fields shown too);
 * odp_flow_from_string() parses that syntax into a key and a mask
 * ('mask' may be NULL for an exact key).  'port_names' maps names to
 * ports: its data is (void *) (uintptr_t) odp_port_t; may be NULL. */
void odp_flow_format(const struct nlattr *key, size_t key_len,
                     const struct nlattr *mask, size_t mask_len,
                     const struct hmap *portno_names, struct ds *,
                     bool verbose);
void odp_flow_key_format(const struct nlattr *key, size_t key_len,
                         struct ds *);
int odp_flow_from_string(const char *s, const struct shash *port_names,
                         struct ofpbuf *key, struct ofpbuf *mask,
                         char **errorp);

void format_odp_actions(struct ds *, const struct nlattr *actions,
                        size_t actions_len,
                        const struct hmap *portno_names);
int odp_actions_from_string(const char *s, const struct shash *port_names,
                            struct ofpbuf *odp_actions);

/* Building actions.  odp_put_userspace_action() writes 'userdata'
 * zero-padded to at least 8 bytes (as upstream) and returns the offset
 * of the userdata in 'odp_actions' (0 if none), for callers that fill it
 * in later. */
void odp_put_output_action(struct ofpbuf *odp_actions, odp_port_t);
size_t odp_put_userspace_action(uint32_t pid, const void *userdata,
                                size_t userdata_size,
                                odp_port_t tunnel_out_port,
                                bool include_actions,
                                struct ofpbuf *odp_actions);

/* Appends to 'odp_actions' the actions that turn a packet whose headers
 * are 'base' into one whose headers are 'flow' (set/set_masked of the
 * changed header fields, push/pop of VLAN and MPLS headers), un-wildcards
 * in 'wc' what the datapath must match for those actions to be right,
 * then makes 'base' equal to 'flow' in those fields. */
void commit_odp_actions(const struct flow *flow, struct flow *base,
                        struct ofpbuf *odp_actions,
                        struct flow_wildcards *wc);

#endif /* odp-util.h */
