/* test-ofp-match.c: the match layer (meta-flow, match text, the flow
 * parser, NXM/OXM, OpenFlow errors), as unit tests and as helper commands
 * that tests/ofp-match.at compares with upstream's ovs-ofctl.
 *
 * Helper commands (one flow per input line, one output line per flow):
 *
 *   ofp-match/parse-flows [nxm|oxm]
 *       Parses each flow of stdin as "ovs-ofctl parse-flow" does, wildcards
 *       what the protocol does not establish, encodes the match in NXM or
 *       OpenFlow 1.5 OXM (the default), decodes it again and prints the
 *       flow-mod as ofp-print shows it ("ADD ... actions=..."), or
 *       "ovs-ofctl: ERROR" for a bad flow, or "***decode error: NAME***".
 *
 *   ofp-match/encode-flows nxm|of10...of15 [FILE]
 *       Prints each flow of stdin as the hex of a complete flow-mod
 *       message (NXT_FLOW_MOD for nxm), for upstream's ofp-print, and
 *       writes the messages one after another to FILE, for ofp-parse.
 *
 *   ofp-match/errors [FILE]
 *       Prints "VERSION TYPE CODE NAME" for every error table entry, and
 *       writes an OFPT_ERROR message for each to FILE. */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "dynamic-string.h"
#include "match.h"
#include "meta-flow.h"
#include "nx-match.h"
#include "ofp-errors.h"
#include "ofp-flow.h"
#include "ofp-match.h"
#include "ofp-port.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "ovstest.h"
#include "util.h"

static bool
read_line(struct ds *line)
{
    ds_clear(line);
    if (ds_get_line(line, stdin)) {
        return false;
    }
    return true;
}

static enum ofp_version
parse_version(const char *s)
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
    } else {
        return OFP15_VERSION;
    }
}

/* Encodes FM's match into a buffer and decodes it back into FM. */
static enum ofperr
round_trip(struct ofputil_flow_mod *fm, bool nxm, enum ofp_version version)
{
    struct ofpbuf b;
    enum ofperr error;

    /* What the message format carries besides the match. */
    if (!nxm && version == OFP10_VERSION) {
        fm->table_id = 0xff;
    }
    if (!nxm && (version == OFP11_VERSION || version == OFP12_VERSION)
        && fm->flags & (OFPUTIL_FF_NO_PKT_COUNTS | OFPUTIL_FF_NO_BYT_COUNTS
                        | (version == OFP11_VERSION
                           ? OFPUTIL_FF_RESET_COUNTS : 0))) {
        return OFPERR_OFPFMFC_BAD_FLAGS;
    }
    if (nxm || version <= OFP13_VERSION) {
        fm->importance = 0;
    }
    if (nxm || version == OFP10_VERSION || version == OFP11_VERSION) {
        fm->flags &= OFPUTIL_FF_SEND_FLOW_REM | OFPUTIL_FF_CHECK_OVERLAP;
    } else if (version == OFP12_VERSION) {
        fm->flags &= (OFPUTIL_FF_SEND_FLOW_REM | OFPUTIL_FF_CHECK_OVERLAP
                      | OFPUTIL_FF_RESET_COUNTS);
    }

    ofpbuf_init(&b, 64);
    if (nxm) {
        size_t len = nx_put_match(&b, &fm->match);

        error = nx_pull_match(&b, len, &fm->match, true);
    } else if (version == OFP10_VERSION) {
        struct ofp10_match om;

        ofputil_match_to_ofp10_match(&fm->match, &om);
        error = ofputil_match_from_ofp10_match(&om, &fm->match);
    } else if (version == OFP11_VERSION) {
        struct ofp11_match om;

        ofputil_match_to_ofp11_match(&fm->match, &om);
        error = ofputil_match_from_ofp11_match(&om, &fm->match);
    } else {
        oxm_put_match(&b, &fm->match, version);
        error = oxm_pull_match(&b, &fm->match, true);
    }
    ofpbuf_uninit(&b);
    return error;
}

static void
test_parse_flows(int argc, char *argv[])
{
    bool nxm = argc > 1 && !strcmp(argv[1], "nxm");
    enum ofp_version version = argc > 1 ? parse_version(argv[1])
                                        : OFP15_VERSION;
    struct ds line = DS_EMPTY_INITIALIZER;
    struct ds out = DS_EMPTY_INITIALIZER;

    while (read_line(&line)) {
        struct ofputil_flow_mod fm;
        char *error;

        error = parse_ofp_flow_mod_str(&fm, ds_cstr(&line), OFPFC_ADD,
                                       NULL, NULL);
        if (error) {
            printf("ovs-ofctl: %s\n", error);
            free(error);
            continue;
        }
        match_normalize(&fm.match);

        enum ofperr err = round_trip(&fm, nxm, version);
        if (err) {
            printf("***decode error: %s***\n", ofperr_get_name(err));
        } else {
            ds_clear(&out);
            ofputil_flow_mod_format(&fm, &out);
            puts(ds_cstr(&out));
        }
        ofputil_flow_mod_uninit(&fm);
    }
    ds_destroy(&line);
    ds_destroy(&out);
}
OVSTEST_COMMAND("ofp-match/parse-flows", test_parse_flows);

/* Appends FM as a complete flow-mod for VERSION (or NXT_FLOW_MOD). */
static void
encode_flow_mod(const struct ofputil_flow_mod *fm, bool nxm,
                enum ofp_version version, struct ofpbuf *b)
{
    struct ofp_header *oh;

    if (nxm) {
        struct nicira_header *nh = ofpbuf_put_zeros(b, sizeof *nh);
        struct nx_flow_mod *nfm;
        size_t ofs;

        nh->header.version = OFP10_VERSION;
        nh->header.type = OFPT_VENDOR;
        nh->vendor = htonl(NX_VENDOR_ID);
        nh->subtype = htonl(NXT_FLOW_MOD);
        ofs = b->size;
        nfm = ofpbuf_put_zeros(b, sizeof *nfm);
        nfm->cookie = fm->new_cookie;
        nfm->command = htons((fm->table_id != 0xff ? fm->table_id << 8 : 0)
                             | fm->command);
        nfm->idle_timeout = htons(fm->idle_timeout);
        nfm->hard_timeout = htons(fm->hard_timeout);
        nfm->priority = htons(fm->priority);
        nfm->buffer_id = htonl(OFP_NO_BUFFER);
        nfm->out_port = htons(OFPP_NONE);
        nfm->flags = htons(fm->flags & 0x3);
        size_t len = nx_put_match(b, &fm->match);
        nfm = ofpbuf_at_assert(b, ofs, sizeof *nfm);
        nfm->match_len = htons(len);
    } else if (version == OFP10_VERSION) {
        struct ofp10_flow_mod *ofm = ofpbuf_put_zeros(b, sizeof *ofm);

        ofm->header.version = version;
        ofm->header.type = OFPT10_FLOW_MOD;
        ofputil_match_to_ofp10_match(&fm->match, &ofm->match);
        ofm->cookie = fm->new_cookie;
        ofm->command = htons(fm->command);
        ofm->idle_timeout = htons(fm->idle_timeout);
        ofm->hard_timeout = htons(fm->hard_timeout);
        ofm->priority = htons(fm->priority);
        ofm->buffer_id = htonl(OFP_NO_BUFFER);
        ofm->out_port = htons(OFPP_NONE);
        ofm->flags = htons(fm->flags & 0x3);
    } else {
        struct ofp11_flow_mod *ofm = ofpbuf_put_zeros(b, sizeof *ofm);

        ofm->header.version = version;
        ofm->header.type = OFPT11_FLOW_MOD;
        ofm->cookie = fm->new_cookie;
        ofm->table_id = fm->table_id == 0xff ? 0 : fm->table_id;
        ofm->command = fm->command;
        ofm->idle_timeout = htons(fm->idle_timeout);
        ofm->hard_timeout = htons(fm->hard_timeout);
        ofm->priority = htons(fm->priority);
        ofm->buffer_id = htonl(OFP_NO_BUFFER);
        ofm->out_port = htonl(OFPP11_ANY);
        ofm->out_group = htonl(OFPG_ANY);
        ofm->flags = htons(fm->flags);
        ofm->importance = htons(version >= OFP14_VERSION
                                ? fm->importance : 0);
        if (version == OFP11_VERSION) {
            struct ofp11_match *om = ofpbuf_put_zeros(b, sizeof *om);

            ofputil_match_to_ofp11_match(&fm->match, om);
        } else {
            oxm_put_match(b, &fm->match, version);
        }
    }
    oh = b->data;
    oh->length = htons(b->size);
    oh->xid = htonl(1);
}

static void
test_encode_flows(int argc, char *argv[])
{
    bool nxm = argc > 1 && !strcmp(argv[1], "nxm");
    enum ofp_version version = argc > 1 ? parse_version(argv[1])
                                        : OFP15_VERSION;
    struct ds line = DS_EMPTY_INITIALIZER;
    FILE *file = argc > 2 ? fopen(argv[2], "wb") : NULL;

    if (argc > 2 && !file) {
        ovs_fatal(errno, "%s: open failed", argv[2]);
    }
    while (read_line(&line)) {
        struct ofputil_flow_mod fm;
        struct ofpbuf b;
        char *error;

        error = parse_ofp_flow_mod_str(&fm, ds_cstr(&line), OFPFC_ADD,
                                       NULL, NULL);
        if (error) {
            printf("ovs-ofctl: %s\n", error);
            free(error);
            continue;
        }
        match_normalize(&fm.match);
        ofpbuf_init(&b, 128);
        encode_flow_mod(&fm, nxm, version, &b);
        for (size_t i = 0; i < b.size; i++) {
            printf("%02x", ((const uint8_t *) b.data)[i]);
        }
        putchar('\n');
        if (file) {
            fwrite(b.data, 1, b.size, file);
        }
        ofpbuf_uninit(&b);
        ofputil_flow_mod_uninit(&fm);
    }
    if (file) {
        fclose(file);
    }
    ds_destroy(&line);
}
OVSTEST_COMMAND("ofp-match/encode-flows", test_encode_flows);

static void
test_errors(int argc, char *argv[])
{
    FILE *file = argc > 1 ? fopen(argv[1], "wb") : NULL;

    if (argc > 1 && !file) {
        ovs_fatal(errno, "%s: open failed", argv[1]);
    }
    for (int v = OFP10_VERSION; v <= OFP15_VERSION; v++) {
        for (int type = 0; type < 18; type++) {
            for (int code = 0; code < 25; code++) {
                enum ofperr e = ofperr_decode(v, type, code);

                if (e) {
                    printf("%d %d %d %s\n", v, type, code,
                           ofperr_get_name(e));
                }
                if (e && file) {
                    struct ofp_error_msg em;

                    memset(&em, 0, sizeof em);
                    em.header.version = v;
                    em.header.type = OFPT_ERROR;
                    em.header.length = htons(sizeof em);
                    em.header.xid = htonl(1);
                    em.type = htons(type);
                    em.code = htons(code);
                    fwrite(&em, 1, sizeof em, file);
                }
            }
        }
    }
    if (file) {
        fclose(file);
    }
}
OVSTEST_COMMAND("ofp-match/errors", test_errors);

/* Unit tests. */

/* Every field's names find it, and aliases too. */
static void
test_field_names(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    for (int i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = mf_from_id(i);

        CHECK_INT(mf->id, i);
        CHECK(mf_from_name(mf->name) == mf);
        if (mf->extra_name) {
            CHECK(mf_from_name(mf->extra_name) == mf);
        }
        CHECK(mf->n_bytes <= MF_MAX_BYTES);
        CHECK(mf->n_bits <= mf->n_bytes * 8);
        if (mf->nxm.present) {
            CHECK(mf_from_header(mf->nxm.class, mf->nxm.field,
                                 mf->nxm.experimenter) == mf);
        }
    }
    CHECK(mf_from_name("nw_src") == mf_from_id(MFF_IPV4_SRC));
    CHECK(mf_from_name("tunnel_id") == mf_from_id(MFF_TUN_ID));
    CHECK(!mf_from_name("no_such_field"));
}
OVSTEST_REGISTER("ofp-match/field-names", test_field_names);

/* Setting a random value and mask on each supported field and reading it
 * back gives the value under the mask; the rest of the match stays
 * untouched. */
static void
test_field_set_get(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    for (int i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = mf_from_id(i);
        union mf_value v, m, v2, m2;
        struct match match;

        if (!mf_is_supported(mf) || mf->kind == MFK_SPECIAL) {
            continue;
        }
        memset(&v, 0, sizeof v);
        memset(&m, 0, sizeof m);
        for (size_t j = 0; j < mf->n_bytes; j++) {
            v.b[j] = 0x5a + j * 7;
            m.b[j] = (mf->maskable == MFM_FULLY && j + 1 < mf->n_bytes
                      ? 0xf0 : 0xff);
        }
        /* Keep within the field's bits. */
        for (unsigned int bit = mf->n_bits; bit < mf->n_bytes * 8; bit++) {
            v.b[mf->n_bytes - 1 - bit / 8] &= ~(1 << (bit % 8));
            m.b[mf->n_bytes - 1 - bit / 8] &= ~(1 << (bit % 8));
        }
        match_init_catchall(&match);
        mf_set(mf, &v, &m, &match);
        if (mf_is_all_wild(mf, &match.wc)) {
            ovstest_fail(OVS_SOURCE_LOCATOR, "%s: set did nothing",
                         mf->name);
        }
        mf_get_value(mf, &match.flow, &v2);
        mf_get_mask(mf, &match.wc, &m2);
        for (size_t j = 0; j < mf->n_bytes; j++) {
            if (mf->kind == MFK_BE) {
                CHECK_INT(m2.b[j], m.b[j]);
            }
            uint8_t expected = v.b[j] & m.b[j];

            if (mf->kind == MFK_HOST && j < mf->n_bytes - mf->flow_size) {
                expected = 0;   /* Wider on the wire than in the flow. */
            }
            if (v2.b[j] != expected) {
                ovstest_fail(OVS_SOURCE_LOCATOR, "%s: byte %zu: %#x != %#x",
                             mf->name, j, v2.b[j], expected);
            }
        }
        mf_set_wild(mf, &match);
        CHECK(mf_is_all_wild(mf, &match.wc));
        CHECK(flow_wildcards_is_catchall(&match.wc));
    }
}
OVSTEST_REGISTER("ofp-match/field-set-get", test_field_set_get);

/* NXM and OXM round trips of parsed flows give the same match. */
static void
test_nxm_oxm_round_trip(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const char *flows[] = {
        "tcp,nw_src=10.0.0.0/8,tp_dst=80,actions=drop",
        "ipv6,ipv6_src=2001:db8::/32,ipv6_label=0x12345,actions=drop",
        "arp,arp_op=2,arp_spa=1.2.3.4,arp_sha=00:11:22:33:44:55,actions=drop",
        "reg0=5,reg7=0x10/0xf0,metadata=0x1234,tun_id=7,actions=drop",
        "ct_state=+trk-inv,ct_zone=5,ct_mark=3/3,ct_label=0x5,actions=drop",
        "dl_vlan=5,dl_vlan_pcp=3,in_port=LOCAL,actions=drop",
        "mpls,mpls_label=5,mpls_tc=3,mpls_bos=1,actions=drop",
        "icmp6,icmp_type=135,nd_target=::1,nd_sll=00:00:00:00:00:01,"
        "actions=drop",
        "tcp,tcp_flags=+syn-ack,tun_flags=+oam,pkt_mark=7/7,actions=drop",
    };

    for (size_t i = 0; i < ARRAY_SIZE(flows); i++) {
        for (int mode = 0; mode < 4; mode++) {
            struct ofputil_flow_mod fm;
            struct match orig;
            struct ofpbuf b;
            char *error;

            error = parse_ofp_flow_mod_str(&fm, flows[i], OFPFC_ADD, NULL,
                                           NULL);
            CHECK(!error);
            match_normalize(&fm.match);
            orig = fm.match;
            ofpbuf_init(&b, 64);
            if (mode == 0) {
                size_t len = nx_put_match(&b, &fm.match);

                CHECK_INT(b.size % 8, 0);
                CHECK_INT(nx_pull_match(&b, len, &fm.match, true), 0);
            } else {
                enum ofp_version v = mode == 1 ? OFP12_VERSION
                                     : mode == 2 ? OFP13_VERSION
                                     : OFP15_VERSION;

                if (v == OFP12_VERSION && strstr(flows[i], "mpls_bos")) {
                    ofpbuf_uninit(&b);
                    ofputil_flow_mod_uninit(&fm);
                    continue;
                }
                oxm_put_match(&b, &fm.match, v);
                CHECK_INT(b.size % 8, 0);
                CHECK_INT(oxm_pull_match(&b, &fm.match, true), 0);
            }
            CHECK_INT(b.size, 0);
            if (!match_equal(&orig, &fm.match)) {
                char *a = match_to_string(&orig, OFP_DEFAULT_PRIORITY);
                char *c = match_to_string(&fm.match, OFP_DEFAULT_PRIORITY);

                ovstest_fail(OVS_SOURCE_LOCATOR, "mode %d: %s != %s",
                             mode, a, c);
            }
            ofpbuf_uninit(&b);
            ofputil_flow_mod_uninit(&fm);
        }
    }
}
OVSTEST_REGISTER("ofp-match/nxm-oxm-round-trip", test_nxm_oxm_round_trip);

/* Malformed NXM gets the errors the specification names. */
static void
test_nxm_errors(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const struct {
        const char *hex;
        const char *error;
    } cases[] = {
        /* tcp_src without eth_type and ip_proto. */
        { "00001202 0050", "OFPBMC_BAD_PREREQ" },
        /* eth_type twice. */
        { "00000602 0800 00000602 0800", "OFPBMC_DUP_FIELD" },
        /* Unknown field. */
        { "0001fe04 00000001", "OFPBMC_BAD_FIELD" },
        /* Mask on in_port. */
        { "00000104 0001ffff", "OFPBMC_BAD_MASK" },
        /* Wrong length for eth_type. */
        { "00000603 080000", "OFPBMC_BAD_LEN" },
        /* Truncated header. */
        { "0000", "OFPBMC_BAD_LEN" },
        /* Length past the end. */
        { "00000608 0800", "OFPBMC_BAD_LEN" },
        /* tun_flags with a bit outside the field. */
        { "0001d002 0002", "OFPBMC_BAD_VALUE" },
        /* Valid: eth_type IPv4, ip_proto TCP, tcp_src 80. */
        { "00000602 0800 00000c01 06 00001202 0050", "" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct match match;
        struct ofpbuf b;
        size_t n;
        enum ofperr error;

        ofpbuf_init(&b, 64);
        CHECK(!ofpbuf_put_hex(&b, cases[i].hex, &n)[0]);
        size_t len = b.size;
        ofpbuf_put_zeros(&b, ROUND_UP(len, 8) - len);
        error = nx_pull_match(&b, len, &match, true);
        if (strcmp(error ? ofperr_get_name(error) : "", cases[i].error)) {
            ovstest_fail(OVS_SOURCE_LOCATOR, "%s: got %s, expected %s",
                         cases[i].hex, error ? ofperr_get_name(error) : "0",
                         cases[i].error);
        }
        ofpbuf_uninit(&b);
    }
}
OVSTEST_REGISTER("ofp-match/nxm-errors", test_nxm_errors);

/* Ports: names, numbers and the OpenFlow 1.1 mapping. */
static void
test_ports(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    ofp_port_t port;

    CHECK(ofputil_port_from_string("LOCAL", &port) && port == OFPP_LOCAL);
    CHECK(ofputil_port_from_string("local", &port) && port == OFPP_LOCAL);
    CHECK(ofputil_port_from_string("NONE", &port) && port == OFPP_NONE);
    CHECK(ofputil_port_from_string("4294967294", &port)
          && port == OFPP_LOCAL);
    CHECK(ofputil_port_from_string("7", &port) && port == 7);
    CHECK(!ofputil_port_from_string("0x10", &port));
    CHECK(!ofputil_port_from_string("70000", &port));
    CHECK_INT(ofputil_port_to_ofp11(OFPP_CONTROLLER), 0xfffffffd);
    CHECK_INT(ofputil_port_to_ofp11(5), 5);
    CHECK(ofputil_port_from_ofp11(0xfffffff8, &port)
          && port == OFPP_IN_PORT);
    CHECK(!ofputil_port_from_ofp11(0x10000, &port));
    CHECK(!strcmp(ofputil_port_name(OFPP_NONE), "ANY"));
}
OVSTEST_REGISTER("ofp-match/ports", test_ports);

/* The error table: names and numbers agree both ways, and an error reply
 * carries them. */
static void
test_error_table(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    uint16_t type, code;

    CHECK(ofperr_get_type_code(OFPERR_OFPBMC_BAD_FIELD, OFP13_VERSION,
                               &type, &code));
    CHECK_INT(type, 4);
    CHECK_INT(code, 6);
    CHECK(!ofperr_get_type_code(OFPERR_OFPBMC_BAD_PREREQ, OFP10_VERSION,
                                &type, &code));
    CHECK_INT(ofperr_decode(OFP12_VERSION, 4, 9), OFPERR_OFPBMC_BAD_PREREQ);
    CHECK_INT(ofperr_from_name("OFPBMC_DUP_FIELD"), OFPERR_OFPBMC_DUP_FIELD);
    CHECK(!ofperr_is_valid(22));

    struct ofp_header oh = { OFP13_VERSION, 14, htons(8), htonl(77) };
    struct ofpbuf *b = ofperr_encode_reply(OFPERR_OFPBMC_BAD_PREREQ, &oh,
                                           sizeof oh);
    const struct ofp_error_msg *em = b->data;

    CHECK_INT(b->size, sizeof *em + sizeof oh);
    CHECK_INT(ntohs(em->header.length), b->size);
    CHECK_INT(ntohs(em->type), 4);
    CHECK_INT(ntohs(em->code), 9);
    CHECK_INT(ntohl(em->header.xid), 77);
    ofpbuf_delete(b);
}
OVSTEST_REGISTER("ofp-match/error-table", test_error_table);
