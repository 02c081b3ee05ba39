/* fuzz-match-parse.c: libFuzzer target for the flow text parser and for
 * NXM/OXM decoding.
 *
 * The first input byte picks what the rest is:
 *
 *   - even: flow text for parse_ofp_flow_mod_str().  A flow that parses
 *     is printed, normalized, encoded as NXM and as OXM for every
 *     version, and each encoding decoded again; a decoding that succeeds
 *     must give back the same match.
 *
 *   - odd: raw NXM (bit 1 clear) or an OXM match (bit 1 set) for
 *     nx_pull_match()/oxm_pull_match(), strict or not (bit 2).  A match
 *     that decodes must survive encoding and decoding again unchanged,
 *     and print without trouble.
 *
 * Any disagreement aborts. */
#include <config.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "match.h"
#include "meta-flow.h"
#include "nx-match.h"
#include "ofp-flow.h"
#include "ofpbuf.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void OVS_NO_RETURN
fuzz_fail(const char *what, const struct match *a, const struct match *b)
{
    char *sa = match_to_string(a, OFP_DEFAULT_PRIORITY);
    char *sb = b ? match_to_string(b, OFP_DEFAULT_PRIORITY) : NULL;

    fprintf(stderr, "fuzz-match-parse: %s\n  %s\n  %s\n", what, sa,
            sb ? sb : "");
    abort();
}

/* Encodes MATCH in NXM (VERSION 0) or OXM and decodes it into *BACK.
 * Returns 0 or the decoding error. */
static enum ofperr
encode_decode(const struct match *match, int version, struct match *back)
{
    struct ofpbuf b;
    enum ofperr error;

    ofpbuf_init(&b, 64);
    if (!version) {
        size_t len = nx_put_match(&b, match);

        error = nx_pull_match(&b, len, back, true);
    } else {
        oxm_put_match(&b, match, version);
        error = oxm_pull_match(&b, back, true);
    }
    if (!error && b.size) {
        fuzz_fail("decoding left bytes over", match, NULL);
    }
    ofpbuf_uninit(&b);
    return error;
}

/* NXM says everything a match can hold except the fields without any
 * wire form, so a decodable NXM encoding gives back the match.  OXM
 * cannot say every VLAN match, so there one more round trip must change
 * nothing. */
static void
check_round_trip(const struct match *match, int version)
{
    struct match back, again, expected = *match;

    mf_set_wild(mf_from_id(MFF_SKB_PRIORITY), &expected);
    mf_set_wild(mf_from_id(MFF_TUN_TTL), &expected);
    mf_set_wild(mf_from_id(MFF_TUN_TOS), &expected);
    if (encode_decode(&expected, version, &back)) {
        return;
    }
    if (!version) {
        if (!match_equal(&expected, &back)) {
            fuzz_fail("NXM round trip changed the match", &expected,
                      &back);
        }
    } else if (encode_decode(&back, version, &again)
               || !match_equal(&back, &again)) {
        fuzz_fail("second OXM round trip changed the match", &back,
                  &again);
    }
}

static void
fuzz_text(const uint8_t *data, size_t size)
{
    char *s = xmemdup0((const char *) data, size);
    struct ofputil_flow_mod fm;
    char *error;

    error = parse_ofp_flow_mod_str(&fm, s, OFPFC_ADD, NULL, NULL);
    if (error) {
        free(error);
    } else {
        struct ds out = DS_EMPTY_INITIALIZER;

        ofputil_flow_mod_format(&fm, &out);
        ds_destroy(&out);
        match_normalize(&fm.match);
        check_round_trip(&fm.match, 0);
        for (int v = OFP12_VERSION; v <= OFP15_VERSION; v++) {
            check_round_trip(&fm.match, v);
        }
        ofputil_flow_mod_uninit(&fm);
    }

    struct match match;
    int priority;

    error = parse_ofp_match_str(&match, &priority, s);
    free(error);
    free(s);
}

static void
fuzz_wire(uint8_t mode, const uint8_t *data, size_t size)
{
    bool oxm = mode & 2;
    bool strict = mode & 4;
    struct match match;
    struct ofpbuf b;
    enum ofperr error;

    /* An exact-size copy, so that reading past the end is caught. */
    ofpbuf_init(&b, 0);
    ofpbuf_put(&b, data, size);
    if (oxm) {
        error = oxm_pull_match(&b, &match, strict);
    } else {
        size_t len = size & ~(size_t) 7;

        /* NXM's length comes from the message; use the whole input
         * (rounded down to 8 bytes) minus up to 7 bytes of padding. */
        len = len >= (size_t) (mode >> 5) ? len - (mode >> 5) : len;
        error = nx_pull_match(&b, len, &match, strict);
    }
    ofpbuf_uninit(&b);
    if (!error) {
        char *s = match_to_string(&match, OFP_DEFAULT_PRIORITY);

        free(s);
        check_round_trip(&match, 0);
        check_round_trip(&match, OFP15_VERSION);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) {
        return 0;
    }
    if (data[0] & 1) {
        fuzz_wire(data[0], data + 1, size - 1);
    } else {
        fuzz_text(data + 1, size - 1);
    }
    return 0;
}
