/* ofp-match.h: OpenFlow 1.0 and 1.1 fixed-format matches, to and from
 * struct match.
 *
 * OpenFlow 1.0's struct ofp10_match has wildcard bits, CIDR prefixes for
 * IPv4 addresses and exact matches for the rest; OpenFlow 1.1's struct
 * ofp11_match adds bitwise Ethernet, IPv4 and metadata masks (1-bits
 * there mean "wildcard", the opposite of struct flow_wildcards), MPLS
 * label and class.  A match that a format cannot express exactly loses
 * what it cannot say; ofputil_match_is_ofp10() tells whether it would. */
#ifndef OFP_MATCH_H
#define OFP_MATCH_H 1

#include <stdbool.h>
#include "match.h"
#include "ofp-errors.h"
#include "openflow.h"

enum ofperr ofputil_match_from_ofp10_match(const struct ofp10_match *,
                                           struct match *);
void ofputil_match_to_ofp10_match(const struct match *,
                                  struct ofp10_match *);

enum ofperr ofputil_match_from_ofp11_match(const struct ofp11_match *,
                                           struct match *);
void ofputil_match_to_ofp11_match(const struct match *,
                                  struct ofp11_match *);

/* Can MATCH be sent as an ofp10_match without losing anything? */
bool ofputil_match_is_ofp10(const struct match *);

#endif /* ofp-match.h */
