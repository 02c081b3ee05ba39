/* fuzz-ofp-actions-parse.c: libFuzzer target for the OpenFlow action
 * layer: the text parser and the wire decoders.
 *
 * The first input byte picks what the rest is:
 *
 *   - even: action text for ofpacts_parse_instructions().  Actions that
 *     parse are printed, checked, then encoded for every OpenFlow version
 *     and decoded again.
 *
 *   - odd: wire actions (bit 1 clear) or instructions (bit 1 set) for the
 *     version (bits 2...4, 0 to 5 meaning OpenFlow 1.0 to 1.5).  Actions
 *     that decode are printed and must survive encoding and decoding
 *     twice with the second round trip changing nothing.
 *
 * Any disagreement aborts. */
#include <config.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "match.h"
#include "ofp-actions.h"
#include "ofp-port.h"
#include "ofpbuf.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
print(const struct ofpbuf *ofpacts)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct ofpact_format_params fp = { .s = &s };

    ofpacts_format(ofpacts->data, ofpacts->size, &fp);
    ds_destroy(&s);
}

/* Encodes IN for VERSION and decodes the result into OUT. */
static enum ofperr
round_trip(const struct ofpbuf *in, enum ofp_version version,
           bool instructions, struct ofpbuf *out)
{
    struct ofpbuf wire;
    enum ofperr error;

    ofpbuf_init(&wire, 64);
    if (instructions) {
        ofpacts_put_openflow_instructions(in->data, in->size, &wire,
                                          version);
        error = ofpacts_pull_openflow_instructions(&wire, wire.size,
                                                   version, out);
    } else {
        ofpacts_put_openflow_actions(in->data, in->size, &wire, version);
        error = ofpacts_pull_openflow_actions(&wire, wire.size, version,
                                              out);
    }
    ofpbuf_uninit(&wire);
    return error;
}

static void
fuzz_text(const uint8_t *data, size_t size)
{
    char *s = xmemdup0((const char *) data, size);
    struct ofpbuf ofpacts, back;
    uint32_t usable = OFPUTIL_P_ANY;
    struct ofpact_parse_params pp = {
        .ofpacts = &ofpacts,
        .usable_protocols = &usable,
    };
    char *error;

    ofpbuf_init(&ofpacts, 0);
    ofpbuf_init(&back, 0);
    error = ofpacts_parse_instructions(s, &pp);
    if (error) {
        free(error);
    } else {
        struct match match;

        print(&ofpacts);
        match_init_catchall(&match);
        ofpacts_check(ofpacts.data, ofpacts.size, &match, OFPP_MAX, 255,
                      255, &usable);
        for (int v = OFP10_VERSION; v <= OFP15_VERSION; v++) {
            if (!round_trip(&ofpacts, v, true, &back)) {
                print(&back);
            }
        }
    }
    ofpbuf_uninit(&ofpacts);
    ofpbuf_uninit(&back);
    free(s);
}

static void
fuzz_wire(uint8_t mode, const uint8_t *data, size_t size)
{
    bool instructions = mode & 2;
    int version = OFP10_VERSION + (mode >> 2) % 6;
    struct ofpbuf wire, first, second, third;
    enum ofperr error;

    /* An exact-size copy, so that reading past the end is caught. */
    ofpbuf_init(&wire, 0);
    ofpbuf_put(&wire, data, size);
    ofpbuf_init(&first, 0);
    ofpbuf_init(&second, 0);
    ofpbuf_init(&third, 0);
    error = (instructions
             ? ofpacts_pull_openflow_instructions(&wire, size, version,
                                                  &first)
             : ofpacts_pull_openflow_actions(&wire, size, version, &first));
    if (!error) {
        print(&first);
        if (!round_trip(&first, version, instructions, &second)) {
            if (round_trip(&second, version, instructions, &third)
                || !ofpacts_equal(second.data, second.size,
                                  third.data, third.size)) {
                fprintf(stderr, "fuzz-ofp-actions-parse: second round "
                        "trip changed the actions\n");
                abort();
            }
        }
    }
    ofpbuf_uninit(&wire);
    ofpbuf_uninit(&first);
    ofpbuf_uninit(&second);
    ofpbuf_uninit(&third);
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
