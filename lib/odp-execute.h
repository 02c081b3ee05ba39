/* odp-execute.h: applying datapath actions to packets.
 *
 * odp_execute_actions() runs a list of OVS_ACTION_ATTR_* actions over a
 * batch of packets.  The actions that only edit packets (set,
 * set_masked, push/pop VLAN, push/pop MPLS, push/pop Ethernet, hash,
 * clone, sample, check_pkt_len, dec_ttl, trunc) are done here; those
 * that need a datapath (output, userspace, recirc, tunnel push/pop, ct,
 * ct_clear, meter) are handed to the caller's callback, one action at a
 * time, with the batch as it stands at that point.
 *
 * 'steal': if true, the packets belong to odp_execute_actions(), which
 * frees them when done (or hands them to the callback with should_steal
 * true for the last action that consumes them); if false, the caller
 * keeps them and nothing is freed, so actions that modify packets work on
 * clones.
 *
 * Thread safety: no state; the callback is called in the caller's
 * thread. */
#ifndef ODP_EXECUTE_H
#define ODP_EXECUTE_H 1

#include <stdbool.h>
#include <stddef.h>

struct dp_packet_batch;
struct nlattr;

typedef void odp_execute_cb(void *aux, struct dp_packet_batch *batch,
                            const struct nlattr *action, bool should_steal);

void odp_execute_actions(void *aux, struct dp_packet_batch *batch,
                         bool steal, const struct nlattr *actions,
                         size_t actions_len,
                         odp_execute_cb *dp_execute_action);

#endif /* odp-execute.h */
