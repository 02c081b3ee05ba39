/* ofp-errors.h: OpenFlow errors, by name, with their (type, code) numbers
 * in each OpenFlow version.
 *
 * An enum ofperr names an error independently of the version
 * (OFPERR_OFPBMC_BAD_FIELD); lib/ofp-errors.def gives its numbers in each
 * version that has it.  Values start at OFPERR_OFS, so a function can
 * return either 0, a positive errno value or an enum ofperr and the
 * caller can tell them apart (ofperr_is_valid()).
 *
 * Gap: Nicira vendor and experimenter errors (OpenFlow 1.0's NXET_VENDOR
 * wrapper and OpenFlow 1.2+'s experimenter type) are not in the table
 * yet; an error that has no standard code in a version is sent as
 * OFPBRC_EPERM there by ofperr_encode_reply(). */
#ifndef OFP_ERRORS_H
#define OFP_ERRORS_H 1

#include <stdbool.h>
#include <stdint.h>
#include "meta-flow.h"

struct ofpbuf;
struct ofp_header;

#define OFPERR_OFS (1 << 30)

enum ofperr {
    OFPERR_FIRST__ = OFPERR_OFS - 1,
#define OFPERR_NAME(NAME) OFPERR_##NAME,
#define OFPERR_CODE(NAME, VERSION, TYPE, CODE)
#include "ofp-errors.def"
#undef OFPERR_NAME
#undef OFPERR_CODE
    OFPERR_N_ERRORS__
};

#define OFPERR_N_ERRORS (OFPERR_N_ERRORS__ - OFPERR_OFS)

bool ofperr_is_valid(int error);
const char *ofperr_get_name(enum ofperr);
/* The error named NAME ("OFPBMC_BAD_FIELD"), or 0. */
enum ofperr ofperr_from_name(const char *name);

/* The type and code of ERROR in VERSION; false if it has none there. */
bool ofperr_get_type_code(enum ofperr, enum ofp_version,
                          uint16_t *type, uint16_t *code);
/* The error with TYPE and CODE in VERSION, or 0 if there is none. */
enum ofperr ofperr_decode(enum ofp_version, uint16_t type, uint16_t code);

/* A complete OFPT_ERROR reply to REQUEST (whose first 64 bytes, at most
 * REQUEST_LEN, it quotes), in REQUEST's version. */
struct ofpbuf *ofperr_encode_reply(enum ofperr, const struct ofp_header *,
                                   size_t request_len);

/* ERROR's name, or for other values an errno string, for messages. */
const char *ofperr_to_string(int error);

#endif /* ofp-errors.h */
