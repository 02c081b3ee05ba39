/* xlate.h: translating a flow through a bridge's OpenFlow tables into
 * datapath actions.
 *
 * The input is a flow whose in_port is an OpenFlow port of 'ofproto'.
 * Translation looks the flow up in table 0, runs the matching rule's
 * actions (output to ports and the reserved ports IN_PORT, LOCAL, ALL,
 * FLOOD and NORMAL; resubmit to other tables, at most
 * OFPROTO_MAX_RESUBMIT deep; anything else it does not model ends the
 * translation as a drop) and appends datapath actions.  Header changes
 * the outputs need (VLAN tags for NORMAL's bundles) are committed with
 * commit_odp_actions() just before each output, so the actions carry the
 * fewest edits.
 *
 * Megaflows.  Every field translation looks at is un-wildcarded in 'wc':
 * the classifier's lookups add what the tables looked at, NORMAL adds
 * the Ethernet addresses and the VLAN, and a few fields are always exact
 * (in_port, recirc_id, packet_type, dl_type, and nw_frag for IP), so the
 * datapath can install the result for every packet that agrees on those
 * bits.
 *
 * Side effects.  With 'may_learn', NORMAL learns the source MAC; with
 * nonzero 'n_packets', the rules used are credited with those packets.
 * Tracing ('trace' nonnull) appends upstream's ofproto/trace table walk.
 *
 * Thread safety: the caller holds xlate_rwlock for reading. */
#ifndef OFPROTO_XLATE_H
#define OFPROTO_XLATE_H 1

#include <stdbool.h>
#include <stdint.h>
#include "flow.h"

struct ds;
struct ofpbuf;
struct ofproto;

struct xlate_in {
    struct ofproto *ofproto;
    struct flow flow;           /* in_port is an OpenFlow port. */
    bool may_learn;             /* NORMAL learns source MACs. */
    uint64_t n_packets;         /* Credit the rules used with these. */
    uint64_t n_bytes;
    struct ds *trace;           /* Non-null: append the table walk. */
};

/* Result flags. */
enum xlate_result {
    XLATE_OK = 0,
    XLATE_LEARNED = 1 << 0      /* The MAC table changed. */
};

/* Appends to 'odp_actions' the datapath actions for 'xin', un-wildcards
 * in 'wc' (which the caller initializes) what they depend on, and stores
 * in 'final_flow' (if nonnull) the flow as the last action saw it. */
enum xlate_result xlate_actions(const struct xlate_in *xin,
                                struct ofpbuf *odp_actions,
                                struct flow_wildcards *wc,
                                struct flow *final_flow);

#endif /* xlate.h */
