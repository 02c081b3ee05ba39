/* test-ofp-actions.c: OpenFlow actions (lib/ofp-actions), as unit tests
 * and as helper commands that tests/ofp-actions.at compares with
 * upstream's ovs-ofctl. */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "dynamic-string.h"
#include "match.h"
#include "nx-match.h"
#include "ofp-actions.h"
#include "ofp-flow.h"
#include "ofp-match.h"
#include "ofp-port.h"
#include "openflow.h"
#include "ofpbuf.h"
#include "ovstest.h"
#include "util.h"

static char *
format_ofpacts(const struct ofpbuf *ofpacts)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct ofpact_format_params fp = { .s = &s };

    ofpacts_format(ofpacts->data, ofpacts->size, &fp);
    return ds_steal_cstr(&s);
}

/* Building with the put helpers and formatting. */
static void
test_build_format(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const ofp_port_t ports[] = {
        1, OFPP_NORMAL, OFPP_FLOOD, OFPP_ALL, OFPP_IN_PORT, OFPP_LOCAL,
    };
    struct ofpbuf ofpacts;
    char *s;

    ofpbuf_init(&ofpacts, 0);
    s = format_ofpacts(&ofpacts);
    CHECK_STR(s, "drop");
    free(s);

    for (size_t i = 0; i < ARRAY_SIZE(ports); i++) {
        ofpact_put_OUTPUT(&ofpacts)->port = ports[i];
    }
    struct ofpact_output *out = ofpact_put_OUTPUT(&ofpacts);
    out->port = OFPP_CONTROLLER;
    out->max_len = 65535;

    struct ofpact_resubmit *r = ofpact_put_RESUBMIT(&ofpacts);
    r->in_port = 3;
    r->table_id = 255;
    r = ofpact_put_RESUBMIT(&ofpacts);
    r->in_port = OFPP_IN_PORT;
    r->table_id = 4;
    r = ofpact_put_RESUBMIT(&ofpacts);
    r->in_port = 2;
    r->table_id = 5;
    r->with_ct_orig = true;

    s = format_ofpacts(&ofpacts);
    CHECK_STR(s, "output:1,NORMAL,FLOOD,ALL,IN_PORT,LOCAL,CONTROLLER:65535,"
              "resubmit:3,resubmit(,4),resubmit(2,5,ct)");
    free(s);

    const struct ofpact *a;
    int n = 0;
    OFPACT_FOR_EACH (a, ofpacts.data, ofpacts.size) {
        CHECK(a->len >= sizeof *a);
        n++;
    }
    CHECK_INT(n, 10);
    CHECK_INT(ofpacts.size % OFPACT_ALIGNTO, 0);
    ofpbuf_uninit(&ofpacts);
}
OVSTEST_REGISTER("ofp-actions/build-format", test_build_format);

/* Helper commands for tests/ofp-actions.at.
 *
 *   ofp-actions/parse-flows of10|of11|...|of15
 *       For each flow of stdin, does what "ovs-ofctl -O OpenFlowXY
 *       parse-flow" does with its actions: parses the flow and its
 *       actions, checks them against the match, refuses them if the
 *       version cannot carry them ("no usable protocol"), encodes them as
 *       that version's actions or instructions, decodes that again and
 *       prints the flow-mod as ofp-print shows it.
 *
 *   ofp-actions/encode-flows of10|...|of15 FILE
 *       Writes each flow of stdin that parses as a complete flow-mod
 *       message with actions to FILE, for upstream's "ofp-parse". */

static enum ofp_version
version_from_string(const char *s)
{
    if (!strcmp(s, "of10")) {
        return OFP10_VERSION;
    } else if (!strcmp(s, "of11")) {
        return OFP11_VERSION;
    } else if (!strcmp(s, "of12")) {
        return OFP12_VERSION;
    } else if (!strcmp(s, "of13")) {
        return OFP13_VERSION;
    } else if (!strcmp(s, "of14")) {
        return OFP14_VERSION;
    } else if (!strcmp(s, "of15")) {
        return OFP15_VERSION;
    }
    ovs_fatal(0, "%s: unknown version", s);
}

static uint32_t
version_protocols(enum ofp_version version)
{
    switch (version) {
    case OFP10_VERSION: return OFPUTIL_P_OF10_ANY;
    case OFP11_VERSION: return OFPUTIL_P_OF11_STD;
    case OFP12_VERSION: return OFPUTIL_P_OF12_OXM;
    case OFP13_VERSION: return OFPUTIL_P_OF13_OXM;
    case OFP14_VERSION: return OFPUTIL_P_OF14_OXM;
    case OFP15_VERSION: default: return OFPUTIL_P_OF15_OXM;
    }
}

/* Parses LINE into FM for VERSION.  Returns NULL or an error message in
 * the form ovs-ofctl prints it. */
static char *
parse_flow_for_version(const char *line, enum ofp_version version,
                       struct ofputil_flow_mod *fm)
{
    char *error = parse_ofp_flow_mod_str(fm, line, OFPFC_ADD, NULL, NULL);

    if (error) {
        char *msg = xasprintf("ovs-ofctl: %s", error);

        free(error);
        return msg;
    }
    match_normalize(&fm->match);
    if (!(fm->usable_protocols & version_protocols(version))) {
        ofputil_flow_mod_uninit(fm);
        return xstrdup("ovs-ofctl: no usable protocol");
    }
    return NULL;
}

static void
test_parse_flows(int argc, char *argv[])
{
    enum ofp_version version = version_from_string(argc > 1 ? argv[1]
                                                   : "of15");
    struct ds line = DS_EMPTY_INITIALIZER;
    struct ds out = DS_EMPTY_INITIALIZER;

    while (!ds_get_line(&line, stdin)) {
        struct ofputil_flow_mod fm;
        struct ofpbuf wire, ofpacts;
        char *error;

        error = parse_flow_for_version(ds_cstr(&line), version, &fm);
        if (error) {
            puts(error);
            free(error);
            continue;
        }

        /* What upstream's encoder does with the table and flags does not
         * matter here: only the actions are re-decoded. */
        ofpbuf_init(&wire, 64);
        ofpbuf_init(&ofpacts, 64);
        ofpacts_put_openflow_instructions(fm.ofpacts, fm.ofpacts_len, &wire,
                                          version);
        enum ofperr err = ofpacts_pull_openflow_instructions(
            &wire, wire.size, version, &ofpacts);
        if (!err) {
            uint8_t table = (version == OFP10_VERSION ? 0xff
                             : fm.table_id == 0xff ? 0 : fm.table_id);

            err = ofpacts_check_consistency(ofpacts.data, ofpacts.size,
                                            &fm.match, OFPP_MAX, table, 255,
                                            version_protocols(version));
        }
        if (err) {
            printf("***decode error: %s***\n", ofperr_get_name(err));
        } else {
            free(fm.ofpacts);
            fm.ofpacts_len = ofpacts.size;
            fm.ofpacts = ofpbuf_steal_data(&ofpacts);
            ds_clear(&out);
            ofputil_flow_mod_format(&fm, &out);
            puts(ds_cstr(&out));
        }
        ofpbuf_uninit(&wire);
        ofpbuf_uninit(&ofpacts);
        ofputil_flow_mod_uninit(&fm);
    }
    ds_destroy(&line);
    ds_destroy(&out);
}
OVSTEST_COMMAND("ofp-actions/parse-flows", test_parse_flows);

/* Appends FM as a complete flow-mod for VERSION to B: OpenFlow 1.0's
 * when the match fits, else NXT_FLOW_MOD, and OpenFlow 1.1+'s with
 * instructions. */
static void
encode_flow_mod(const struct ofputil_flow_mod *fm, enum ofp_version version,
                struct ofpbuf *b)
{
    struct ofp_header *oh;

    if (version == OFP10_VERSION
        && (!ofputil_match_is_ofp10(&fm->match) || fm->table_id != 0xff)) {
        struct nicira_header *nh = ofpbuf_put_zeros(b, sizeof *nh);
        size_t ofs;

        nh->header.version = OFP10_VERSION;
        nh->header.type = OFPT_VENDOR;
        nh->vendor = htonl(NX_VENDOR_ID);
        nh->subtype = htonl(NXT_FLOW_MOD);
        ofs = b->size;
        struct nx_flow_mod *nfm = ofpbuf_put_zeros(b, sizeof *nfm);
        nfm->command = htons((fm->table_id != 0xff ? fm->table_id << 8 : 0)
                             | OFPFC_ADD);
        nfm->priority = htons(fm->priority);
        nfm->buffer_id = htonl(OFP_NO_BUFFER);
        nfm->out_port = htons(OFPP_NONE);
        size_t len = nx_put_match(b, &fm->match);
        nfm = ofpbuf_at_assert(b, ofs, sizeof *nfm);
        nfm->match_len = htons(len);
        ofpacts_put_openflow_actions(fm->ofpacts, fm->ofpacts_len, b,
                                     version);
    } else if (version == OFP10_VERSION) {
        struct ofp10_flow_mod *ofm = ofpbuf_put_zeros(b, sizeof *ofm);

        ofm->header.version = version;
        ofm->header.type = OFPT10_FLOW_MOD;
        ofputil_match_to_ofp10_match(&fm->match, &ofm->match);
        ofm->command = htons(OFPFC_ADD);
        ofm->priority = htons(fm->priority);
        ofm->buffer_id = htonl(OFP_NO_BUFFER);
        ofm->out_port = htons(OFPP_NONE);
        ofpacts_put_openflow_actions(fm->ofpacts, fm->ofpacts_len, b,
                                     version);
    } else {
        struct ofp11_flow_mod *ofm = ofpbuf_put_zeros(b, sizeof *ofm);

        ofm->header.version = version;
        ofm->header.type = OFPT11_FLOW_MOD;
        ofm->table_id = fm->table_id == 0xff ? 0 : fm->table_id;
        ofm->command = OFPFC_ADD;
        ofm->priority = htons(fm->priority);
        ofm->buffer_id = htonl(OFP_NO_BUFFER);
        ofm->out_port = htonl(OFPP11_ANY);
        ofm->out_group = htonl(OFPG_ANY);
        if (version == OFP11_VERSION) {
            struct ofp11_match *om = ofpbuf_put_zeros(b, sizeof *om);

            ofputil_match_to_ofp11_match(&fm->match, om);
        } else {
            oxm_put_match(b, &fm->match, version);
        }
        ofpacts_put_openflow_instructions(fm->ofpacts, fm->ofpacts_len, b,
                                          version);
    }
    oh = b->data;
    oh->length = htons(b->size);
    oh->xid = htonl(1);
}

static void
test_encode_flows(int argc, char *argv[])
{
    enum ofp_version version;
    struct ds line = DS_EMPTY_INITIALIZER;
    FILE *file;

    if (argc < 3) {
        ovs_fatal(0, "usage: ofp-actions/encode-flows VERSION FILE");
    }
    version = version_from_string(argv[1]);
    file = fopen(argv[2], "wb");
    if (!file) {
        ovs_fatal(errno, "%s: open failed", argv[2]);
    }
    while (!ds_get_line(&line, stdin)) {
        struct ofputil_flow_mod fm;
        struct ofpbuf b;
        char *error;

        error = parse_flow_for_version(ds_cstr(&line), version, &fm);
        if (error) {
            free(error);
            continue;
        }
        ofpbuf_init(&b, 128);
        encode_flow_mod(&fm, version, &b);
        fwrite(b.data, 1, b.size, file);
        ofpbuf_uninit(&b);
        ofputil_flow_mod_uninit(&fm);
    }
    fclose(file);
    ds_destroy(&line);
}
OVSTEST_COMMAND("ofp-actions/encode-flows", test_encode_flows);

/*   ofp-actions/decode-wire of10|...|of15
 *       Each line of stdin is hex: actions (OpenFlow 1.0) or, for later
 *       versions, actions put in an apply-actions instruction, or after
 *       "i:" raw instructions.  Prints, per line, a complete flow-mod
 *       carrying them as hex, a tab, and what our decoder makes of them as
 *       ofp-print would show the flow-mod ("ADD actions=..." or
 *       "***decode error: NAME***"). */
static void
test_decode_wire(int argc, char *argv[])
{
    enum ofp_version version = version_from_string(argc > 1 ? argv[1]
                                                   : "of15");
    struct ds line = DS_EMPTY_INITIALIZER;
    struct ds out = DS_EMPTY_INITIALIZER;

    while (!ds_get_line(&line, stdin)) {
        const char *hex = ds_cstr(&line);
        bool raw_instructions = !strncmp(hex, "i:", 2);
        struct ofpbuf body, msg, ofpacts;
        const char *end;
        size_t start;

        ofpbuf_init(&body, 64);
        end = ofpbuf_put_hex(&body, hex + (raw_instructions ? 2 : 0), NULL);
        if (*end) {
            ovs_fatal(0, "bad hex: %s", hex);
        }

        /* The flow-mod: header, empty match, then the body. */
        ofpbuf_init(&msg, 128);
        if (version == OFP10_VERSION) {
            struct ofp10_flow_mod *ofm = ofpbuf_put_zeros(&msg, sizeof *ofm);

            ofm->header.type = OFPT10_FLOW_MOD;
            ofm->match.wildcards = htonl(OFPFW10_ALL);
            ofm->buffer_id = htonl(OFP_NO_BUFFER);
            ofm->out_port = htons(OFPP_NONE);
            ofm->priority = htons(OFP_DEFAULT_PRIORITY);
        } else {
            struct ofp11_flow_mod *ofm = ofpbuf_put_zeros(&msg, sizeof *ofm);
            struct match match;

            ofm->header.type = OFPT11_FLOW_MOD;
            ofm->buffer_id = htonl(OFP_NO_BUFFER);
            ofm->out_port = htonl(OFPP11_ANY);
            ofm->out_group = htonl(OFPG_ANY);
            ofm->priority = htons(OFP_DEFAULT_PRIORITY);
            match_init_catchall(&match);
            if (version == OFP11_VERSION) {
                struct ofp11_match *om = ofpbuf_put_zeros(&msg, sizeof *om);

                ofputil_match_to_ofp11_match(&match, om);
            } else {
                oxm_put_match(&msg, &match, version);
            }
            if (!raw_instructions) {
                uint8_t inst[8] = { 0, 4, 0, 0, 0, 0, 0, 0 };

                inst[2] = (8 + body.size) >> 8;
                inst[3] = 8 + body.size;
                ofpbuf_put(&msg, inst, sizeof inst);
            }
        }
        start = msg.size;
        ofpbuf_put(&msg, body.data, body.size);
        struct ofp_header *oh = msg.data;
        oh->version = version;
        oh->length = htons(msg.size);
        oh->xid = htonl(1);

        for (size_t i = 0; i < msg.size; i++) {
            printf("%02x", ((const uint8_t *) msg.data)[i]);
        }
        putchar('\t');

        /* Decode what follows the match. */
        struct ofpbuf b;
        enum ofperr error;

        ofpbuf_use_const(&b, (const uint8_t *) msg.data + start,
                         msg.size - start);
        ofpbuf_init(&ofpacts, 64);
        if (version == OFP10_VERSION) {
            error = ofpacts_pull_openflow_actions(&b, b.size, version,
                                                  &ofpacts);
        } else {
            ofpbuf_use_const(&b, (const uint8_t *) msg.data + start
                             - (raw_instructions ? 0 : 8),
                             msg.size - start + (raw_instructions ? 0 : 8));
            error = ofpacts_pull_openflow_instructions(&b, b.size, version,
                                                       &ofpacts);
        }
        if (!error) {
            struct match match;

            match_init_catchall(&match);
            error = ofpacts_check_consistency(
                ofpacts.data, ofpacts.size, &match, OFPP_MAX,
                version == OFP10_VERSION ? 255 : 0, 255,
                version_protocols(version));
        }
        if (error) {
            printf("***decode error: %s***\n", ofperr_get_name(error));
        } else {
            struct ofpact_format_params fp = { .s = &out };

            ds_clear(&out);
            ds_put_cstr(&out, "ADD actions=");
            ofpacts_format(ofpacts.data, ofpacts.size, &fp);
            puts(ds_cstr(&out));
        }
        ofpbuf_uninit(&ofpacts);
        ofpbuf_uninit(&body);
        ofpbuf_uninit(&msg);
    }
    ds_destroy(&line);
    ds_destroy(&out);
}
OVSTEST_COMMAND("ofp-actions/decode-wire", test_decode_wire);
