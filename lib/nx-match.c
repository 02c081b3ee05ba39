/* nx-match.c: NXM and OXM encoding and decoding. */
#include <config.h>
#include "nx-match.h"
#include <string.h>
#include "dynamic-string.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"

/* Encoding. */

struct nx_put_ctx {
    struct ofpbuf *b;
    const struct match *match;
    bool oxm;                   /* OXM (for 'version') or NXM? */
    enum ofp_version version;
};

static const struct mf_header *
put_header_for(const struct nx_put_ctx *ctx, const struct mf_field *mf)
{
    if (ctx->oxm) {
        return mf_oxm_header(mf, ctx->version);
    }
    /* NXM: the NXM header, or failing that the newest OXM header (Open
     * vSwitch reads OXM headers in NXM too). */
    if (mf->nxm.present) {
        return &mf->nxm;
    }
    return mf_oxm_header(mf, OFP15_VERSION);
}

static void
put_raw(struct nx_put_ctx *ctx, const struct mf_field *mf,
        const union mf_value *value, const union mf_value *mask)
{
    const struct mf_header *h = put_header_for(ctx, mf);
    size_t n = mf->n_bytes;
    size_t len = n * (mask ? 2 : 1) + (h->class == OXM_EXP ? 4 : 0);
    ovs_be32 header;

    if (!h->present) {
        /* No wire form (skb_priority, tun_ttl, tun_tos). */
        return;
    }
    header = htonl(((uint32_t) h->class << 16) | ((uint32_t) h->field << 9)
                   | ((mask ? 1u : 0u) << 8) | len);
    ofpbuf_put(ctx->b, &header, 4);
    if (h->class == OXM_EXP) {
        ovs_be32 exp = htonl(h->experimenter);

        ofpbuf_put(ctx->b, &exp, 4);
    }
    ofpbuf_put(ctx->b, value, n);
    if (mask) {
        ofpbuf_put(ctx->b, mask, n);
    }
}

/* Puts field ID if the match does not wildcard it. */
static void
put_field(struct nx_put_ctx *ctx, enum mf_field_id id)
{
    const struct mf_field *mf = mf_from_id(id);
    const struct match *m = ctx->match;
    union mf_value value, mask;

    if (!mf_is_supported(mf) || mf_is_all_wild(mf, &m->wc)) {
        return;
    }
    mf_get_value(mf, &m->flow, &value);
    if (mf_is_exact(mf, &m->wc)) {
        put_raw(ctx, mf, &value, NULL);
    } else {
        mf_get_mask(mf, &m->wc, &mask);
        for (size_t i = 0; i < mf->n_bytes; i++) {
            value.b[i] &= mask.b[i];
        }
        put_raw(ctx, mf, &value, &mask);
    }
}

static void
put_vlan(struct nx_put_ctx *ctx)
{
    const struct match *m = ctx->match;
    uint16_t tci = ntohs(m->flow.vlans[0].tci);
    uint16_t mask = ntohs(m->wc.masks.vlans[0].tci);
    uint16_t pcp_mask = mask & VLAN_PCP_MASK;

    if (!mask) {
        return;
    }
    if (ctx->oxm) {
        /* OXM has VLAN_VID (with the "present" bit) and VLAN_PCP, which
         * only applies to tagged packets; what they cannot say is lost, as
         * upstream does. */
        uint16_t vid_mask = mask & (VLAN_VID_MASK | VLAN_CFI);

        if (vid_mask) {
            union mf_value v, k;

            v.be16 = htons(tci & vid_mask);
            k.be16 = htons(vid_mask);
            put_raw(ctx, mf_from_id(MFF_VLAN_VID), &v,
                    vid_mask == (VLAN_VID_MASK | VLAN_CFI) ? NULL : &k);
        }
        if (pcp_mask == VLAN_PCP_MASK && (mask & VLAN_CFI)
            && (tci & VLAN_CFI)) {
            union mf_value v;

            v.u8 = (tci & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT;
            put_raw(ctx, mf_from_id(MFF_VLAN_PCP), &v, NULL);
        }
        return;
    }
    put_field(ctx, MFF_VLAN_TCI);
}

static bool
match_nw_proto_is(const struct match *m, uint8_t proto)
{
    return m->wc.masks.nw_proto == UINT8_MAX && m->flow.nw_proto == proto;
}

static void
put_match(struct nx_put_ctx *ctx)
{
    const struct match *m = ctx->match;
    bool is_ipv4 = match_dl_type_is(m, ETH_TYPE_IP);
    bool is_ipv6 = match_dl_type_is(m, ETH_TYPE_IPV6);
    bool is_arp = (match_dl_type_is(m, ETH_TYPE_ARP)
                   || match_dl_type_is(m, ETH_TYPE_RARP));
    bool is_mpls = (match_dl_type_is(m, ETH_TYPE_MPLS)
                    || match_dl_type_is(m, ETH_TYPE_MPLS_MCAST));

    /* Metadata. */
    put_field(ctx, ctx->oxm ? MFF_IN_PORT_OXM : MFF_IN_PORT);
    if (!ctx->oxm || ctx->version >= OFP15_VERSION) {
        put_field(ctx, MFF_PACKET_TYPE);
    }
    put_field(ctx, MFF_ACTSET_OUTPUT);

    /* Ethernet. */
    put_field(ctx, MFF_ETH_DST);
    put_field(ctx, MFF_ETH_SRC);
    put_field(ctx, MFF_ETH_TYPE);
    put_vlan(ctx);

    if (is_mpls) {
        put_field(ctx, MFF_MPLS_LABEL);
        put_field(ctx, MFF_MPLS_TC);
        put_field(ctx, MFF_MPLS_BOS);
        put_field(ctx, MFF_MPLS_TTL);
    }

    /* L3. */
    if (is_ipv4) {
        put_field(ctx, MFF_IPV4_SRC);
        put_field(ctx, MFF_IPV4_DST);
    } else if (is_ipv6) {
        put_field(ctx, MFF_IPV6_SRC);
        put_field(ctx, MFF_IPV6_DST);
    }
    if (is_ipv4 || is_ipv6) {
        /* Upstream sends ipv6_label for IPv4 matches too (and then refuses
         * it on decoding); so do we. */
        put_field(ctx, MFF_IPV6_LABEL);
        put_field(ctx, MFF_IP_PROTO);
        if (ctx->oxm) {
            put_field(ctx, MFF_IP_DSCP_SHIFTED);
        } else {
            put_field(ctx, MFF_IP_DSCP);
        }
        put_field(ctx, MFF_IP_ECN);
        put_field(ctx, MFF_IP_TTL);
        put_field(ctx, MFF_IP_FRAG);

        /* L4. */
        if (match_nw_proto_is(m, IPPROTO_TCP)) {
            put_field(ctx, MFF_TCP_SRC);
            put_field(ctx, MFF_TCP_DST);
            put_field(ctx, MFF_TCP_FLAGS);
        } else if (match_nw_proto_is(m, IPPROTO_UDP)) {
            put_field(ctx, MFF_UDP_SRC);
            put_field(ctx, MFF_UDP_DST);
        } else if (match_nw_proto_is(m, IPPROTO_SCTP)) {
            put_field(ctx, MFF_SCTP_SRC);
            put_field(ctx, MFF_SCTP_DST);
        } else if (is_ipv4 && match_nw_proto_is(m, IPPROTO_ICMP)) {
            put_field(ctx, MFF_ICMPV4_TYPE);
            put_field(ctx, MFF_ICMPV4_CODE);
        } else if (is_ipv6 && match_nw_proto_is(m, IPPROTO_ICMPV6)) {
            put_field(ctx, MFF_ICMPV6_TYPE);
            put_field(ctx, MFF_ICMPV6_CODE);
            if (mf_are_match_prereqs_ok(mf_from_id(MFF_ND_TARGET), m)) {
                put_field(ctx, MFF_ND_TARGET);
                if (m->flow.tp_src == htons(ND_NEIGHBOR_SOLICIT)) {
                    put_field(ctx, MFF_ND_SLL);
                } else {
                    put_field(ctx, MFF_ND_TLL);
                }
                put_field(ctx, MFF_ND_RESERVED);
                put_field(ctx, MFF_ND_OPTIONS_TYPE);
            }
        }
    } else if (is_arp) {
        put_field(ctx, MFF_ARP_OP);
        put_field(ctx, MFF_ARP_SPA);
        put_field(ctx, MFF_ARP_TPA);
        put_field(ctx, MFF_ARP_SHA);
        put_field(ctx, MFF_ARP_THA);
    }

    /* Tunnel. */
    put_field(ctx, MFF_TUN_ID);
    put_field(ctx, MFF_TUN_FLAGS);
    put_field(ctx, MFF_TUN_SRC);
    put_field(ctx, MFF_TUN_DST);
    put_field(ctx, MFF_TUN_IPV6_SRC);
    put_field(ctx, MFF_TUN_IPV6_DST);
    put_field(ctx, MFF_TUN_GBP_ID);
    put_field(ctx, MFF_TUN_GBP_FLAGS);
    put_field(ctx, MFF_TUN_ERSPAN_IDX);
    put_field(ctx, MFF_TUN_ERSPAN_VER);
    put_field(ctx, MFF_TUN_ERSPAN_DIR);
    put_field(ctx, MFF_TUN_ERSPAN_HWID);
    put_field(ctx, MFF_TUN_GTPU_FLAGS);
    put_field(ctx, MFF_TUN_GTPU_MSGTYPE);

    /* Registers: xregs in OpenFlow 1.3+ OXM, 32-bit registers otherwise. */
    if (ctx->oxm && ctx->version >= OFP13_VERSION) {
        for (int i = 0; i < FLOW_N_XREGS; i++) {
            put_field(ctx, MFF_XREG0 + i);
        }
    } else {
        for (int i = 0; i < FLOW_N_REGS; i++) {
            put_field(ctx, MFF_REG0 + i);
        }
    }

    put_field(ctx, MFF_PKT_MARK);
    put_field(ctx, MFF_DP_HASH);
    put_field(ctx, MFF_RECIRC_ID);
    put_field(ctx, MFF_CONJ_ID);
    put_field(ctx, MFF_METADATA);

    /* Conntrack. */
    put_field(ctx, MFF_CT_STATE);
    put_field(ctx, MFF_CT_ZONE);
    put_field(ctx, MFF_CT_MARK);
    put_field(ctx, MFF_CT_LABEL);
    put_field(ctx, MFF_CT_NW_PROTO);
    put_field(ctx, MFF_CT_NW_SRC);
    put_field(ctx, MFF_CT_NW_DST);
    put_field(ctx, MFF_CT_IPV6_SRC);
    put_field(ctx, MFF_CT_IPV6_DST);
    put_field(ctx, MFF_CT_TP_SRC);
    put_field(ctx, MFF_CT_TP_DST);
}

size_t
nx_put_match(struct ofpbuf *b, const struct match *match)
{
    struct nx_put_ctx ctx = { b, match, false, OFP10_VERSION };
    size_t start = b->size;
    size_t len;

    put_match(&ctx);
    len = b->size - start;
    ofpbuf_put_zeros(b, ROUND_UP(len, 8) - len);
    return len;
}

size_t
oxm_put_match(struct ofpbuf *b, const struct match *match,
              enum ofp_version version)
{
    struct nx_put_ctx ctx = { b, match, true, version };
    size_t start = b->size;
    struct ofp11_match_header *omh;
    size_t len;

    ofpbuf_put_zeros(b, sizeof *omh);
    put_match(&ctx);
    len = b->size - start;
    omh = ofpbuf_at_assert(b, start, sizeof *omh);
    omh->type = htons(OFPMT_OXM);
    omh->length = htons(len);
    ofpbuf_put_zeros(b, ROUND_UP(len, 8) - len);
    return len;
}

/* Decoding. */

static enum ofperr
pull_raw(const uint8_t *p, size_t match_len, struct match *match,
         bool strict)
{
    while (match_len) {
        uint32_t header;
        unsigned int class, field, hasmask, len;
        uint32_t experimenter = 0;
        const uint8_t *payload;
        const struct mf_field *mf;
        union mf_value value, mask;

        if (match_len < 4) {
            return OFPERR_OFPBMC_BAD_LEN;
        }
        header = ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16)
                 | ((uint32_t) p[2] << 8) | p[3];
        class = header >> 16;
        field = (header >> 9) & 0x7f;
        hasmask = (header >> 8) & 1;
        len = header & 0xff;
        if (!len || 4 + len > match_len) {
            return OFPERR_OFPBMC_BAD_LEN;
        }
        payload = p + 4;
        if (class == OXM_EXP) {
            if (len < 4) {
                return OFPERR_OFPBMC_BAD_LEN;
            }
            experimenter = ((uint32_t) payload[0] << 24)
                           | ((uint32_t) payload[1] << 16)
                           | ((uint32_t) payload[2] << 8) | payload[3];
            payload += 4;
            len -= 4;
        }
        p += 4 + (class == OXM_EXP ? 4 : 0) + len;
        match_len -= 4 + (class == OXM_EXP ? 4 : 0) + len;

        mf = mf_from_header(class, field, experimenter);
        if (!mf || !mf_is_supported(mf)) {
            if (strict) {
                return OFPERR_OFPBMC_BAD_FIELD;
            }
            continue;
        }
        if (len != mf->n_bytes * (hasmask ? 2 : 1)) {
            return OFPERR_OFPBMC_BAD_LEN;
        }
        memset(&value, 0, sizeof value);
        memset(&mask, 0xff, sizeof mask);
        memcpy(&value, payload, mf->n_bytes);
        if (hasmask) {
            if (mf->maskable == MFM_NONE) {
                return OFPERR_OFPBMC_BAD_MASK;
            }
            memcpy(&mask, payload + mf->n_bytes, mf->n_bytes);
        }
        if (!mf_is_value_valid(mf, &value)) {
            return OFPERR_OFPBMC_BAD_VALUE;
        }
        if (!mf_is_all_wild(mf, &match->wc)) {
            return OFPERR_OFPBMC_DUP_FIELD;
        }
        if (!mf_are_match_prereqs_ok(mf, match)) {
            return OFPERR_OFPBMC_BAD_PREREQ;
        }
        mf_set(mf, &value, hasmask ? &mask : NULL, match);
    }
    return 0;
}

enum ofperr
nx_pull_match(struct ofpbuf *b, unsigned int match_len, struct match *match,
              bool strict)
{
    size_t padded = ROUND_UP(match_len, 8);
    const uint8_t *p;

    match_init_catchall(match);
    if (!padded) {
        return 0;
    }
    p = ofpbuf_try_pull(b, padded);
    if (!p) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    return pull_raw(p, match_len, match, strict);
}

enum ofperr
oxm_pull_match(struct ofpbuf *b, struct match *match, bool strict)
{
    const struct ofp11_match_header *omh = b->data;
    size_t len;
    const uint8_t *p;

    match_init_catchall(match);
    if (b->size < sizeof *omh) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    if (omh->type != htons(OFPMT_OXM)) {
        return OFPERR_OFPBMC_BAD_TYPE;
    }
    len = ntohs(omh->length);
    if (len < sizeof *omh) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    p = ofpbuf_try_pull(b, ROUND_UP(len, 8));
    if (!p) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    return pull_raw(p + sizeof *omh, len - sizeof *omh, match, strict);
}

void
nx_format_raw(const void *p_, size_t match_len, struct ds *s)
{
    const uint8_t *p = p_;

    while (match_len >= 4) {
        uint32_t header = ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16)
                          | ((uint32_t) p[2] << 8) | p[3];
        unsigned int len = header & 0xff;

        if (4 + len > match_len) {
            break;
        }
        if (s->length) {
            ds_put_char(s, ' ');
        }
        ds_put_format(s, "%08"PRIx32"(", header);
        ds_put_hex(s, p + 4, len);
        ds_put_char(s, ')');
        p += 4 + len;
        match_len -= 4 + len;
    }
}
