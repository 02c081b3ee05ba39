/* match.h: an OpenFlow match, a flow plus the bits of it that matter, and
 * its text form.
 *
 * struct match is struct flow and struct flow_wildcards side by side; the
 * flow's bits outside the mask are kept zero, so two equal matches are
 * byte-identical.  Fields are set through meta-flow (mf_set() and
 * friends) or the few match_set_*() helpers here.
 *
 * match_format() writes the text upstream Open vSwitch prints for a match
 * ("priority=5,tcp,nw_src=10.0.0.0/8,tp_dst=80"): a fixed field order,
 * protocol shorthands (ip, tcp6, arp, mpls, ...) for dl_type and
 * nw_proto, names that depend on the protocol (arp_spa for an ARP
 * nw_src, icmp_type for an ICMP tp_src, nd_sll for an ND arp_sha), CIDR
 * masks for addresses and hex masks for integers. */
#ifndef MATCH_H
#define MATCH_H 1

#include <stdbool.h>
#include "flow.h"

struct ds;

/* The priority a flow gets when none is given; match_format() omits it. */
#define OFP_DEFAULT_PRIORITY 0x8000

struct match {
    struct flow flow;
    struct flow_wildcards wc;
};

void match_init_catchall(struct match *);
bool match_equal(const struct match *, const struct match *);

void match_set_dl_type(struct match *, ovs_be16 dl_type);
void match_set_nw_proto(struct match *, uint8_t nw_proto);
void match_set_in_port(struct match *, ofp_port_t port);

/* Does MATCH establish Ethertype TYPE, by an exact dl_type or by an exact
 * packet_type of an L3 packet (namespace 1) of that type? */
bool match_dl_type_is(const struct match *, uint16_t type);

/* Clears the bits of MATCH's flow that its mask does not cover. */
void match_zero_wildcarded_fields(struct match *);

/* Wildcards every field whose protocol MATCH does not establish (TCP ports
 * without "tcp", IPv4 addresses without "ip", and so on), as upstream does
 * before encoding a match.  Returns true if that changed MATCH. */
bool match_normalize(struct match *);

/* Appends MATCH in upstream's flow syntax, with "priority=N," first
 * unless PRIORITY is OFP_DEFAULT_PRIORITY.  Writes nothing for a
 * catch-all match at the default priority. */
void match_format(const struct match *, int priority, struct ds *);
char *match_to_string(const struct match *, int priority);

#endif /* match.h */
