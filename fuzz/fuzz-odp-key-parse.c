/* fuzz-odp-key-parse.c: libFuzzer target for datapath keys, masks and
 * actions (lib/odp-util.c) and executing actions (lib/odp-execute.c).
 *
 * The first input byte picks what the rest is:
 *   0: Netlink key bytes.  odp_flow_key_to_flow() must not read outside
 *      them; a perfect fit must survive flow -> key -> flow, and the mask
 *      parser runs on the same bytes against the flow.  Formatting must
 *      not fail.
 *   1: key text.  Whatever odp_flow_from_string() accepts is formatted,
 *      and that text must parse again into the same Netlink bytes.
 *   2: action text: formatting what parses must be idempotent; then
 *      the actions run on a packet.
 *   3: Netlink action bytes: formatted (never crashing) and, if well
 *      formed as far as formatting could tell, not executed (arbitrary
 *      nested lengths are for the formatter only).
 * Any disagreement aborts. */
#include <config.h>
#include "odp-util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "dynamic-string.h"
#include "flow.h"
#include "netlink.h"
#include "odp-execute.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void OVS_NO_RETURN
fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz-odp-key-parse: %s\n  %s\n", what, detail);
    abort();
}

static void
fuzz_netlink_key(const uint8_t *data, size_t size)
{
    /* An exact-size copy, so reads past the end are caught. */
    uint8_t *copy = xmemdup(data, size);
    struct flow flow, flow2;
    struct flow_wildcards wc;
    char *error = NULL;
    struct ds ds = DS_EMPTY_INITIALIZER;

    enum odp_key_fitness fit = odp_flow_key_to_flow((void *) copy, size,
                                                    &flow, &error);
    free(error);
    error = NULL;
    odp_flow_format((void *) copy, size, (void *) copy, size, NULL, &ds,
                    true);
    ds_clear(&ds);
    odp_flow_format((void *) copy, size, NULL, 0, NULL, &ds, false);

    if (fit == ODP_FIT_PERFECT) {
        struct odp_flow_key_parms parms = {
            .flow = &flow,
            .odp_in_port = flow.in_port.odp_port,
        };
        struct ofpbuf key;

        ofpbuf_init(&key, 0);
        odp_flow_key_from_flow(&parms, &key);
        if (odp_flow_key_to_flow(key.data, key.size, &flow2, NULL)
            != ODP_FIT_PERFECT || !flow_equal(&flow, &flow2)) {
            ds_clear(&ds);
            odp_flow_key_format(key.data, key.size, &ds);
            fuzz_fail("flow -> key -> flow changed the flow", ds_cstr(&ds));
        }
        ofpbuf_uninit(&key);

        odp_flow_key_to_mask((void *) copy, size, &wc, &flow, &error);
        free(error);
    }
    ds_destroy(&ds);
    free(copy);
}

/* Are A and B, which have the same layout as MASK, equal where MASK has
 * 1-bits?  (Attribute headers are the same in all three.) */
static bool
masked_equal(const struct ofpbuf *a, const struct ofpbuf *b,
             const struct ofpbuf *mask)
{
    const uint8_t *pa = a->data, *pb = b->data, *pm = mask->data;

    if (mask->size != a->size) {
        return ofpbuf_equal(a, b);
    }
    for (size_t i = 0; i < a->size; i++) {
        if ((pa[i] ^ pb[i]) & pm[i]) {
            return false;
        }
    }
    return true;
}

static void
fuzz_key_text(const char *s)
{
    struct ofpbuf key, mask, key2, mask2;
    struct flow_wildcards wc;
    struct flow flow;
    char *error = NULL;

    ofpbuf_init(&key, 0);
    ofpbuf_init(&mask, 0);
    ofpbuf_init(&key2, 0);
    ofpbuf_init(&mask2, 0);
    if (!odp_flow_from_string(s, NULL, &key, &mask, &error)
        && odp_flow_key_to_flow(key.data, key.size, &flow, NULL)
           != ODP_FIT_ERROR) {
        /* (Keys the flow parser rejects, with duplicate attributes for
         * example, need not format back to themselves.) */
        struct ds ds = DS_EMPTY_INITIALIZER;

        odp_flow_format(key.data, key.size, mask.data, mask.size, NULL,
                        &ds, true);
        /* Multi-label MPLS prints as several mpls(...) and the text of
         * unparseable attributes is not meant to parse. */
        if (key.size && !strstr(ds_cstr(&ds), "),mpls(")) {
            if (odp_flow_from_string(ds_cstr(&ds), NULL, &key2, &mask2,
                                     &error)) {
                fuzz_fail("formatted key does not parse", error);
            }
            /* Key bits outside the mask need not survive. */
            if (!ofpbuf_equal(&mask, &mask2) || key.size != key2.size
                || !masked_equal(&key, &key2, &mask)) {
                fuzz_fail("key text round trip differs", ds_cstr(&ds));
            }
        }
        ds_destroy(&ds);
        odp_flow_key_to_mask(mask.data, mask.size, &wc, &flow, NULL);
    }
    free(error);
    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    ofpbuf_uninit(&key2);
    ofpbuf_uninit(&mask2);
}

static void
execute_cb(void *aux OVS_UNUSED, struct dp_packet_batch *batch,
           const struct nlattr *action OVS_UNUSED, bool should_steal)
{
    if (should_steal) {
        dp_packet_delete_batch(batch, true);
    }
}

static void
fuzz_action_text(const char *s)
{
    struct ofpbuf actions, actions2;

    ofpbuf_init(&actions, 0);
    ofpbuf_init(&actions2, 0);
    if (!odp_actions_from_string(s, NULL, &actions)) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        format_odp_actions(&ds, actions.data, actions.size, NULL);
        /* As upstream, recirc() prints hex but reads decimal. */
        bool reparse = !strstr(ds_cstr(&ds), "recirc(");
        if (reparse
            && odp_actions_from_string(ds_cstr(&ds), NULL, &actions2)) {
            fuzz_fail("formatted actions do not parse", ds_cstr(&ds));
        }
        /* Formatting is idempotent: the text of the reparsed actions is
         * the same text.  (Bytes may differ: sample percentages are
         * rounded in text, a NAT port range of one port prints as one
         * port.) */
        if (reparse) {
            struct ds ds2 = DS_EMPTY_INITIALIZER;

            format_odp_actions(&ds2, actions2.data, actions2.size, NULL);
            if (strcmp(ds_cstr(&ds), ds_cstr(&ds2))) {
                fuzz_fail("action text round trip differs", ds_cstr(&ds));
            }
            ds_destroy(&ds2);
        }
        ds_destroy(&ds);

        /* Run them on a small TCP packet. */
        struct flow flow;
        memset(&flow, 0, sizeof flow);
        flow.packet_type = PT_ETH;
        flow.dl_type = htons(ETH_TYPE_IP);
        flow.nw_proto = IPPROTO_TCP;
        flow.nw_ttl = 2;
        flow.nw_src = htonl(0x01020304);
        flow.tp_dst = htons(80);
        struct dp_packet *p = dp_packet_new(0);
        flow_compose(p, &flow, 8);
        flow_extract(p, &flow);
        struct dp_packet_batch batch;
        dp_packet_batch_init_packet(&batch, p);
        odp_execute_actions(NULL, &batch, true, actions.data, actions.size,
                            execute_cb);
    }
    ofpbuf_uninit(&actions);
    ofpbuf_uninit(&actions2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) {
        return 0;
    }
    uint8_t mode = data[0] % 4;
    data++;
    size--;

    if (mode == 0) {
        fuzz_netlink_key(data, size);
    } else if (mode == 3) {
        uint8_t *copy = xmemdup(data, size);
        struct ds ds = DS_EMPTY_INITIALIZER;

        format_odp_actions(&ds, (void *) copy, size, NULL);
        ds_destroy(&ds);
        free(copy);
    } else {
        char *s = xmemdup0((const char *) data, size);

        if (mode == 1) {
            fuzz_key_text(s);
        } else {
            fuzz_action_text(s);
        }
        free(s);
    }
    return 0;
}
