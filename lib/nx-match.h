/* nx-match.h: NXM and OXM, the type-length-value match encodings.
 *
 * Each field is a 32-bit header, class (16 bits), field (7 bits), has-mask
 * (1 bit), payload length (8 bits), then for the experimenter class
 * (0xffff) a 32-bit experimenter id counted in the length, then the value
 * and, with has-mask, a mask of the same width.  NXM (Nicira's, used with
 * OpenFlow 1.0's NXT_FLOW_MOD and friends) and OXM (OpenFlow 1.2+) share
 * this format; they differ in the header each field uses, which the
 * meta-flow table gives (mf_oxm_header()), and OXM sits in a struct
 * ofp11_match_header padded to 8 bytes.
 *
 * Encoding walks a fixed list of fields, so that a field's prerequisites
 * (eth_type before IPv4 addresses, ip_proto before TCP ports) always come
 * first and only the field that fits the protocol is used where several
 * share storage (tcp_src, udp_src and sctp_src are all tp_src).
 *
 * Decoding is strict by default: an unknown field, a wrong length, a mask
 * on a field that takes none, a value out of range, a field seen twice,
 * or a field whose prerequisites the earlier fields did not establish,
 * each gives the OFPERR_OFPBMC_* error the OpenFlow specification names.
 * With STRICT false, unknown fields are skipped instead. */
#ifndef NX_MATCH_H
#define NX_MATCH_H 1

#include <stdbool.h>
#include <stddef.h>
#include "match.h"
#include "meta-flow.h"
#include "ofp-errors.h"

struct ds;
struct ofpbuf;

/* Appends MATCH as NXM to B, then zeros to a multiple of 8 bytes.
 * Returns the length without the padding (the match_len field). */
size_t nx_put_match(struct ofpbuf *b, const struct match *match);

/* Appends MATCH as an OpenFlow 1.2+ struct ofp11_match_header with OXM
 * fields for VERSION, padded to 8 bytes.  Returns the unpadded length. */
size_t oxm_put_match(struct ofpbuf *b, const struct match *match,
                     enum ofp_version version);

/* Pulls MATCH_LEN bytes of NXM and their padding from B into MATCH.
 * Returns 0 or an OFPERR_* error. */
enum ofperr nx_pull_match(struct ofpbuf *b, unsigned int match_len,
                          struct match *match, bool strict);

/* Pulls an OpenFlow 1.2+ OXM match (header, fields, padding) from B. */
enum ofperr oxm_pull_match(struct ofpbuf *b, struct match *match,
                           bool strict);

/* Appends the fields of MATCH_LEN bytes of NXM/OXM at P to S, one
 * "HEADER(value[/mask])" per field, for debugging. */
void nx_format_raw(const void *p, size_t match_len, struct ds *s);

#endif /* nx-match.h */
