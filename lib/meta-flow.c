/* meta-flow.c: the field table and everything driven by it. */
#include <config.h>
#include "meta-flow.h"
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "match.h"
#include "ofp-port.h"
#include "util.h"

#define H(CLASS, FIELD, EXP) { true, CLASS, FIELD, EXP }
#define H_NONE { false, 0, 0, 0 }
#define OXM_NONE { { H_NONE, 0 }, { H_NONE, 0 } }
#define OXM1(HDR, VERSION) { { HDR, VERSION }, { H_NONE, 0 } }
#define OXM2(HDR1, V1, HDR2, V2) { { HDR1, V1 }, { HDR2, V2 } }

const struct mf_field mf_fields[MFF_N_IDS] = {
#define MF_FIELD(ID, NAME, EXTRA, BYTES, BITS, MASKABLE, STRING, PREREQS, \
                 WRITABLE, KIND, MEMBER, NXM, OXM)                      \
    { ID, NAME, EXTRA, BYTES, BITS, MASKABLE, STRING, PREREQS, WRITABLE, \
      KIND, offsetof(struct flow, MEMBER),                              \
      sizeof ((struct flow *) 0)->MEMBER, NXM, OXM },
#include "meta-flow.def"
#undef MF_FIELD
};

const struct mf_field *
mf_from_name_len(const char *name, size_t len)
{
    for (size_t i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = &mf_fields[i];

        if ((strlen(mf->name) == len && !memcmp(mf->name, name, len))
            || (mf->extra_name && strlen(mf->extra_name) == len
                && !memcmp(mf->extra_name, name, len))) {
            return mf;
        }
    }
    return NULL;
}

const struct mf_field *
mf_from_name(const char *name)
{
    return mf_from_name_len(name, strlen(name));
}

static bool
header_equals(const struct mf_header *h, uint16_t class, uint8_t field,
              uint32_t experimenter)
{
    return (h->present && h->class == class && h->field == field
            && (class != OXM_EXP || h->experimenter == experimenter));
}

const struct mf_field *
mf_from_header(uint16_t class, uint8_t field, uint32_t experimenter)
{
    for (size_t i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = &mf_fields[i];

        if (header_equals(&mf->nxm, class, field, experimenter)
            || header_equals(&mf->oxm[0].header, class, field, experimenter)
            || header_equals(&mf->oxm[1].header, class, field,
                             experimenter)) {
            return mf;
        }
    }
    return NULL;
}

const struct mf_header *
mf_oxm_header(const struct mf_field *mf, enum ofp_version version)
{
    const struct mf_header *best = NULL;

    for (int i = 0; i < 2; i++) {
        if (mf->oxm[i].header.present && version >= mf->oxm[i].version) {
            best = &mf->oxm[i].header;
        }
    }
    return best ? best : &mf->nxm;
}

/* Host-order integers of 1, 2, 4 or 8 bytes in struct flow. */
static uint64_t
get_host_uint(const void *p, size_t size)
{
    switch (size) {
    case 1: return *(const uint8_t *) p;
    case 2: return *(const uint16_t *) p;
    case 4: return *(const uint32_t *) p;
    default: return *(const uint64_t *) p;
    }
}

static void
put_host_uint(void *p, size_t size, uint64_t x)
{
    switch (size) {
    case 1: *(uint8_t *) p = x; break;
    case 2: *(uint16_t *) p = x; break;
    case 4: *(uint32_t *) p = x; break;
    default: *(uint64_t *) p = x; break;
    }
}

/* Wire values of N bytes as big-endian unsigned integers (N <= 8). */
static uint64_t
value_get_uint(const union mf_value *v, size_t n)
{
    uint64_t x = 0;

    for (size_t i = 0; i < n; i++) {
        x = (x << 8) | v->b[i];
    }
    return x;
}

static void
value_put_uint(union mf_value *v, size_t n, uint64_t x)
{
    for (size_t i = n; i-- > 0;) {
        v->b[i] = x;
        x >>= 8;
    }
}

/* The value of a special field in FLOW (which may be a mask). */
static void
get_special(const struct mf_field *mf, const struct flow *flow,
            union mf_value *v, bool is_mask)
{
    uint16_t tci = ntohs(flow->vlans[0].tci);
    uint32_t lse = ntohl(flow->mpls_lse[0]);

    switch (mf->id) {
    case MFF_IN_PORT_OXM:
        v->be32 = htonl(is_mask
                        ? (flow->in_port.ofp_port ? UINT32_MAX : 0)
                        : ofputil_port_to_ofp11(flow->in_port.ofp_port));
        break;
    case MFF_ACTSET_OUTPUT:
        v->be32 = htonl(is_mask
                        ? (flow->actset_output ? UINT32_MAX : 0)
                        : ofputil_port_to_ofp11(flow->actset_output));
        break;
    case MFF_TUN_FLAGS:
        v->be16 = htons(flow->tunnel.flags & FLOW_TNL_F_OAM
                        ? NX_TUN_FLAG_OAM : 0);
        break;
    case MFF_CT_LABEL:
        v->be128.be64.hi = htonll(flow->ct_label.u64.hi);
        v->be128.be64.lo = htonll(flow->ct_label.u64.lo);
        break;
    case MFF_XREG0: case MFF_XREG1: case MFF_XREG2: case MFF_XREG3:
    case MFF_XREG4: case MFF_XREG5: case MFF_XREG6: case MFF_XREG7:
        v->be64 = htonll(flow_get_xreg(flow, mf->id - MFF_XREG0));
        break;
    case MFF_XXREG0: case MFF_XXREG1: case MFF_XXREG2: case MFF_XXREG3: {
        ovs_u128 x = flow_get_xxreg(flow, mf->id - MFF_XXREG0);

        v->be128.be64.hi = htonll(x.u64.hi);
        v->be128.be64.lo = htonll(x.u64.lo);
        break;
    }
    case MFF_DL_VLAN:
        v->be16 = htons(tci & VLAN_VID_MASK);
        break;
    case MFF_VLAN_VID:
        v->be16 = htons(tci & (VLAN_VID_MASK | VLAN_CFI));
        break;
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
        v->u8 = (tci & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT;
        break;
    case MFF_MPLS_LABEL:
        v->be32 = htonl((lse & MPLS_LABEL_MASK) >> MPLS_LABEL_SHIFT);
        break;
    case MFF_MPLS_TC:
        v->u8 = (lse & MPLS_TC_MASK) >> MPLS_TC_SHIFT;
        break;
    case MFF_MPLS_BOS:
        v->u8 = (lse & MPLS_BOS_MASK) >> MPLS_BOS_SHIFT;
        break;
    case MFF_MPLS_TTL:
        v->u8 = lse & MPLS_TTL_MASK;
        break;
    case MFF_IP_DSCP:
        v->u8 = flow->nw_tos & IP_DSCP_MASK;
        break;
    case MFF_IP_DSCP_SHIFTED:
        v->u8 = flow->nw_tos >> IP_DSCP_SHIFT;
        break;
    case MFF_IP_ECN:
        v->u8 = flow->nw_tos & IP_ECN_MASK;
        break;
    case MFF_ARP_OP:
        v->be16 = is_mask && flow->nw_proto ? OVS_BE16_MAX
                                            : htons(flow->nw_proto);
        break;
    case MFF_ICMPV4_TYPE:
    case MFF_ICMPV6_TYPE:
        v->u8 = ntohs(flow->tp_src);
        break;
    case MFF_ICMPV4_CODE:
    case MFF_ICMPV6_CODE:
        v->u8 = ntohs(flow->tp_dst);
        break;
    default:
        OVS_NOT_REACHED();
    }
}

static void
get_from_flow(const struct mf_field *mf, const struct flow *flow,
              union mf_value *v, bool is_mask)
{
    const uint8_t *p = (const uint8_t *) flow + mf->flow_ofs;

    memset(v, 0, sizeof *v);
    switch (mf->kind) {
    case MFK_BE:
        memcpy(v, p, mf->n_bytes);
        break;
    case MFK_HOST:
        value_put_uint(v, mf->n_bytes, get_host_uint(p, mf->flow_size));
        break;
    case MFK_SPECIAL:
        get_special(mf, flow, v, is_mask);
        break;
    case MFK_NONE:
        break;
    }
}

void
mf_get_value(const struct mf_field *mf, const struct flow *flow,
             union mf_value *v)
{
    get_from_flow(mf, flow, v, false);
}

void
mf_get_mask(const struct mf_field *mf, const struct flow_wildcards *wc,
            union mf_value *v)
{
    get_from_flow(mf, &wc->masks, v, true);
}

/* Stores V into the bits of FLOW that MF covers, leaving other bits of a
 * shared member alone. */
static void
set_special(const struct mf_field *mf, const union mf_value *v,
            struct flow *flow, bool is_mask)
{
    uint16_t tci = ntohs(flow->vlans[0].tci);
    uint32_t lse = ntohl(flow->mpls_lse[0]);
    ofp_port_t port;

    switch (mf->id) {
    case MFF_IN_PORT_OXM:
        if (is_mask) {
            port = v->be32 ? UINT16_MAX : 0;
        } else if (!ofputil_port_from_ofp11(ntohl(v->be32), &port)) {
            port = OFPP_NONE;
        }
        flow->in_port.ofp_port = port;
        break;
    case MFF_ACTSET_OUTPUT:
        if (is_mask) {
            port = v->be32 ? UINT16_MAX : 0;
        } else if (!ofputil_port_from_ofp11(ntohl(v->be32), &port)) {
            port = OFPP_NONE;
        }
        flow->actset_output = port;
        break;
    case MFF_TUN_FLAGS:
        flow->tunnel.flags = ((flow->tunnel.flags & ~FLOW_TNL_F_OAM)
                              | (ntohs(v->be16) & NX_TUN_FLAG_OAM
                                 ? FLOW_TNL_F_OAM : 0));
        break;
    case MFF_CT_LABEL:
        flow->ct_label.u64.hi = ntohll(v->be128.be64.hi);
        flow->ct_label.u64.lo = ntohll(v->be128.be64.lo);
        break;
    case MFF_XREG0: case MFF_XREG1: case MFF_XREG2: case MFF_XREG3:
    case MFF_XREG4: case MFF_XREG5: case MFF_XREG6: case MFF_XREG7:
        flow_set_xreg(flow, mf->id - MFF_XREG0, ntohll(v->be64));
        break;
    case MFF_XXREG0: case MFF_XXREG1: case MFF_XXREG2: case MFF_XXREG3: {
        ovs_u128 x;

        x.u64.hi = ntohll(v->be128.be64.hi);
        x.u64.lo = ntohll(v->be128.be64.lo);
        flow_set_xxreg(flow, mf->id - MFF_XXREG0, x);
        break;
    }
    case MFF_DL_VLAN:
        tci = (tci & ~VLAN_VID_MASK) | (ntohs(v->be16) & VLAN_VID_MASK);
        break;
    case MFF_VLAN_VID:
        tci = ((tci & ~(VLAN_VID_MASK | VLAN_CFI))
               | (ntohs(v->be16) & (VLAN_VID_MASK | VLAN_CFI)));
        break;
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
        tci = (tci & ~VLAN_PCP_MASK) | ((v->u8 << VLAN_PCP_SHIFT)
                                        & VLAN_PCP_MASK);
        break;
    case MFF_MPLS_LABEL:
        lse = ((lse & ~MPLS_LABEL_MASK)
               | ((ntohl(v->be32) << MPLS_LABEL_SHIFT) & MPLS_LABEL_MASK));
        break;
    case MFF_MPLS_TC:
        lse = (lse & ~MPLS_TC_MASK) | ((v->u8 << MPLS_TC_SHIFT)
                                       & MPLS_TC_MASK);
        break;
    case MFF_MPLS_BOS:
        lse = (lse & ~MPLS_BOS_MASK) | ((v->u8 << MPLS_BOS_SHIFT)
                                        & MPLS_BOS_MASK);
        break;
    case MFF_MPLS_TTL:
        lse = (lse & ~MPLS_TTL_MASK) | v->u8;
        break;
    case MFF_IP_DSCP:
        flow->nw_tos = (flow->nw_tos & ~IP_DSCP_MASK) | (v->u8 & IP_DSCP_MASK);
        break;
    case MFF_IP_DSCP_SHIFTED:
        flow->nw_tos = ((flow->nw_tos & ~IP_DSCP_MASK)
                        | ((v->u8 << IP_DSCP_SHIFT) & IP_DSCP_MASK));
        break;
    case MFF_IP_ECN:
        flow->nw_tos = (flow->nw_tos & ~IP_ECN_MASK) | (v->u8 & IP_ECN_MASK);
        break;
    case MFF_ARP_OP:
        flow->nw_proto = ntohs(v->be16);
        break;
    case MFF_ICMPV4_TYPE:
    case MFF_ICMPV6_TYPE:
        flow->tp_src = is_mask && v->u8 ? OVS_BE16_MAX : htons(v->u8);
        break;
    case MFF_ICMPV4_CODE:
    case MFF_ICMPV6_CODE:
        flow->tp_dst = is_mask && v->u8 ? OVS_BE16_MAX : htons(v->u8);
        break;
    default:
        OVS_NOT_REACHED();
    }
    flow->vlans[0].tci = htons(tci);
    flow->mpls_lse[0] = htonl(lse);
}

static void
set_in_flow(const struct mf_field *mf, const union mf_value *v,
            struct flow *flow, bool is_mask)
{
    uint8_t *p = (uint8_t *) flow + mf->flow_ofs;

    switch (mf->kind) {
    case MFK_BE:
        memcpy(p, v, mf->n_bytes);
        break;
    case MFK_HOST:
        put_host_uint(p, mf->flow_size, value_get_uint(v, mf->n_bytes));
        break;
    case MFK_SPECIAL:
        set_special(mf, v, flow, is_mask);
        break;
    case MFK_NONE:
        break;
    }
}

void
mf_set_flow_value(const struct mf_field *mf, const union mf_value *v,
                  struct flow *flow)
{
    set_in_flow(mf, v, flow, false);
}

bool
mf_value_is_all_ones(const struct mf_field *mf, const union mf_value *v)
{
    for (size_t i = 0; i < mf->n_bytes; i++) {
        if (v->b[i] != 0xff) {
            return false;
        }
    }
    return true;
}

bool
mf_value_is_zero(const struct mf_field *mf, const union mf_value *v)
{
    for (size_t i = 0; i < mf->n_bytes; i++) {
        if (v->b[i]) {
            return false;
        }
    }
    return true;
}

/* The mask of MF's significant bits. */
static void
field_bits_mask(const struct mf_field *mf, union mf_value *m)
{
    memset(m, 0, sizeof *m);
    for (unsigned int bit = 0; bit < mf->n_bits; bit++) {
        m->b[mf->n_bytes - 1 - bit / 8] |= 1 << (bit % 8);
    }
}

bool
mf_is_all_wild(const struct mf_field *mf, const struct flow_wildcards *wc)
{
    union mf_value m;

    mf_get_mask(mf, wc, &m);
    return mf_value_is_zero(mf, &m);
}

bool
mf_is_exact(const struct mf_field *mf, const struct flow_wildcards *wc)
{
    union mf_value m, bits;

    mf_get_mask(mf, wc, &m);
    field_bits_mask(mf, &bits);
    for (size_t i = 0; i < mf->n_bytes; i++) {
        if ((m.b[i] & bits.b[i]) != bits.b[i]) {
            return false;
        }
    }
    return true;
}

void
mf_set(const struct mf_field *mf, const union mf_value *value,
       const union mf_value *mask, struct match *match)
{
    union mf_value v, m;

    ovs_assert(mf_is_supported(mf));
    if (!mask || mf_value_is_all_ones(mf, mask)) {
        mf_set_value(mf, value, match);
        return;
    }
    if (mf_value_is_zero(mf, mask)) {
        mf_set_wild(mf, match);
        return;
    }
    /* Bits outside the field do not exist: a mask that covers all of the
     * field's bits is an exact match. */
    union mf_value bits;
    bool covers_all = true;

    field_bits_mask(mf, &bits);
    memset(&v, 0, sizeof v);
    memset(&m, 0, sizeof m);
    for (size_t i = 0; i < mf->n_bytes; i++) {
        m.b[i] = mask->b[i] & bits.b[i];
        v.b[i] = value->b[i] & m.b[i];
        if (m.b[i] != bits.b[i]) {
            covers_all = false;
        }
    }
    if (covers_all) {
        mf_set_value(mf, value, match);
        return;
    }
    set_in_flow(mf, &v, &match->flow, false);
    set_in_flow(mf, &m, &match->wc.masks, true);
}

void
mf_set_value(const struct mf_field *mf, const union mf_value *value,
             struct match *match)
{
    union mf_value m;

    ovs_assert(mf_is_supported(mf));
    switch (mf->id) {
    case MFF_DL_VLAN:
        /* OpenFlow 1.0 semantics: 0xffff means "no tag"; otherwise the tag
         * must be present with this VID. */
        if (ntohs(value->be16) == UINT16_MAX) {
            match->flow.vlans[0].tci = 0;
            match->wc.masks.vlans[0].tci = OVS_BE16_MAX;
        } else {
            uint16_t tci = ntohs(match->flow.vlans[0].tci);
            uint16_t mask = ntohs(match->wc.masks.vlans[0].tci);

            tci = (tci & ~VLAN_VID_MASK) | VLAN_CFI
                  | (ntohs(value->be16) & VLAN_VID_MASK);
            mask |= VLAN_VID_MASK | VLAN_CFI;
            match->flow.vlans[0].tci = htons(tci);
            match->wc.masks.vlans[0].tci = htons(mask);
        }
        return;
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP: {
        uint16_t tci = ntohs(match->flow.vlans[0].tci);
        uint16_t mask = ntohs(match->wc.masks.vlans[0].tci);

        tci = ((tci & ~VLAN_PCP_MASK) | VLAN_CFI
               | ((value->u8 << VLAN_PCP_SHIFT) & VLAN_PCP_MASK));
        mask |= VLAN_PCP_MASK | VLAN_CFI;
        match->flow.vlans[0].tci = htons(tci);
        match->wc.masks.vlans[0].tci = htons(mask);
        return;
    }
    default:
        break;
    }

    union mf_value v;

    field_bits_mask(mf, &m);
    memset(&v, 0, sizeof v);
    for (size_t i = 0; i < mf->n_bytes; i++) {
        v.b[i] = value->b[i] & m.b[i];
    }
    set_in_flow(mf, &v, &match->flow, false);
    set_in_flow(mf, &m, &match->wc.masks, true);
}

void
mf_set_wild(const struct mf_field *mf, struct match *match)
{
    union mf_value zero;

    ovs_assert(mf_is_supported(mf));
    memset(&zero, 0, sizeof zero);
    switch (mf->id) {
    case MFF_DL_VLAN:
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
    case MFF_VLAN_VID:
        match->flow.vlans[0].tci = 0;
        match->wc.masks.vlans[0].tci = 0;
        return;
    default:
        break;
    }
    set_in_flow(mf, &zero, &match->flow, false);
    set_in_flow(mf, &zero, &match->wc.masks, true);
}

bool
mf_is_value_valid(const struct mf_field *mf, const union mf_value *v)
{
    union mf_value bits;
    ofp_port_t port;

    switch (mf->string) {
    case MFS_OFP_PORT_OXM:
        return ofputil_port_from_ofp11(ntohl(v->be32), &port);
    default:
        break;
    }
    field_bits_mask(mf, &bits);
    for (size_t i = 0; i < mf->n_bytes; i++) {
        if (v->b[i] & ~bits.b[i]) {
            return false;
        }
    }
    return true;
}

bool
mf_is_mask_valid(const struct mf_field *mf, const union mf_value *mask)
{
    return (mf->maskable == MFM_FULLY
            || mf_value_is_all_ones(mf, mask)
            || mf_value_is_zero(mf, mask));
}

/* Prerequisites. */

static bool
match_nw_proto_is(const struct match *m, uint8_t proto)
{
    return m->wc.masks.nw_proto == UINT8_MAX && m->flow.nw_proto == proto;
}

static bool
match_is_ip_any(const struct match *m)
{
    return match_dl_type_is(m, ETH_TYPE_IP)
           || match_dl_type_is(m, ETH_TYPE_IPV6);
}

static bool
match_is_icmpv6_nd(const struct match *m, int type)
{
    if (!match_dl_type_is(m, ETH_TYPE_IPV6)
        || !match_nw_proto_is(m, IPPROTO_ICMPV6)
        || m->wc.masks.tp_src != OVS_BE16_MAX) {
        return false;
    }
    if (type) {
        return m->flow.tp_src == htons(type);
    }
    return (m->flow.tp_src == htons(ND_NEIGHBOR_SOLICIT)
            || m->flow.tp_src == htons(ND_NEIGHBOR_ADVERT));
}

bool
mf_are_match_prereqs_ok(const struct mf_field *mf, const struct match *m)
{
    switch (mf->prereqs) {
    case MFP_NONE:
        return true;
    case MFP_ETHERNET:
        return (m->wc.masks.packet_type != OVS_BE32_MAX
                || m->flow.packet_type == PT_ETH);
    case MFP_ARP:
        return (match_dl_type_is(m, ETH_TYPE_ARP)
                || match_dl_type_is(m, ETH_TYPE_RARP));
    case MFP_VLAN_VID:
        return (m->wc.masks.vlans[0].tci & htons(VLAN_CFI))
               && (m->flow.vlans[0].tci & htons(VLAN_CFI));
    case MFP_IPV4:
        return match_dl_type_is(m, ETH_TYPE_IP);
    case MFP_IPV6:
        return match_dl_type_is(m, ETH_TYPE_IPV6);
    case MFP_IP_ANY:
        return match_is_ip_any(m);
    case MFP_NSH:
        return match_dl_type_is(m, ETH_TYPE_NSH);
    case MFP_CT_VALID:
        return ((m->wc.masks.ct_state & (CS_TRACKED | CS_INVALID))
                == (CS_TRACKED | CS_INVALID)
                && (m->flow.ct_state & (CS_TRACKED | CS_INVALID))
                == CS_TRACKED);
    case MFP_MPLS:
        return (match_dl_type_is(m, ETH_TYPE_MPLS)
                || match_dl_type_is(m, ETH_TYPE_MPLS_MCAST));
    case MFP_TCP:
        return match_is_ip_any(m) && match_nw_proto_is(m, IPPROTO_TCP);
    case MFP_UDP:
        return match_is_ip_any(m) && match_nw_proto_is(m, IPPROTO_UDP);
    case MFP_SCTP:
        return match_is_ip_any(m) && match_nw_proto_is(m, IPPROTO_SCTP);
    case MFP_ICMPV4:
        return match_dl_type_is(m, ETH_TYPE_IP)
               && match_nw_proto_is(m, IPPROTO_ICMP);
    case MFP_ICMPV6:
        return match_dl_type_is(m, ETH_TYPE_IPV6)
               && match_nw_proto_is(m, IPPROTO_ICMPV6);
    case MFP_ND:
        return match_is_icmpv6_nd(m, 0);
    case MFP_ND_SOLICIT:
        return match_is_icmpv6_nd(m, ND_NEIGHBOR_SOLICIT);
    case MFP_ND_ADVERT:
        return match_is_icmpv6_nd(m, ND_NEIGHBOR_ADVERT);
    }
    return false;
}

/* Flags. */

struct mf_flag {
    uint32_t bit;
    const char *name;
};

static const struct mf_flag ct_state_flags[] = {
    { CS_NEW, "new" }, { CS_ESTABLISHED, "est" }, { CS_RELATED, "rel" },
    { CS_REPLY_DIR, "rpl" }, { CS_INVALID, "inv" }, { CS_TRACKED, "trk" },
    { CS_SRC_NAT, "snat" }, { CS_DST_NAT, "dnat" },
};

static const struct mf_flag tcp_flags[] = {
    { 0x001, "fin" }, { 0x002, "syn" }, { 0x004, "rst" }, { 0x008, "psh" },
    { 0x010, "ack" }, { 0x020, "urg" }, { 0x040, "ece" }, { 0x080, "cwr" },
    { 0x100, "ns" },
};

static const struct mf_flag tnl_flags[] = {
    { NX_TUN_FLAG_OAM, "oam" },
};

static void
get_flag_table(const struct mf_field *mf, const struct mf_flag **flags,
               size_t *n, uint32_t *all, const char **what)
{
    switch (mf->string) {
    case MFS_CT_STATE:
        *flags = ct_state_flags;
        *n = ARRAY_SIZE(ct_state_flags);
        *all = 0xff;
        *what = "ct_state";
        break;
    case MFS_TCP_FLAGS:
        *flags = tcp_flags;
        *n = ARRAY_SIZE(tcp_flags);
        *all = 0xfff;
        *what = "TCP";
        break;
    default:
        *flags = tnl_flags;
        *n = ARRAY_SIZE(tnl_flags);
        *all = NX_TUN_FLAG_OAM;
        *what = "tunnel";
        break;
    }
}

const char *
mf_ct_state_flag_name(uint32_t flag)
{
    for (size_t i = 0; i < ARRAY_SIZE(ct_state_flags); i++) {
        if (ct_state_flags[i].bit == flag) {
            return ct_state_flags[i].name;
        }
    }
    return NULL;
}

const char *
mf_tcp_flag_name(uint16_t flag)
{
    for (size_t i = 0; i < ARRAY_SIZE(tcp_flags); i++) {
        if (tcp_flags[i].bit == flag) {
            return tcp_flags[i].name;
        }
    }
    return NULL;
}

void
mf_format_flags(const struct mf_field *mf, uint32_t value, uint32_t mask,
                struct ds *s)
{
    const struct mf_flag *flags;
    const char *what;
    uint32_t all;
    size_t n;

    get_flag_table(mf, &flags, &n, &all, &what);
    if (mf->string != MFS_TNL_FLAGS && (mask & all) == all) {
        /* Exact: the set flags, "|"-separated, or 0. */
        bool first = true;

        for (size_t i = 0; i < n; i++) {
            if (value & flags[i].bit) {
                if (!first) {
                    ds_put_char(s, '|');
                }
                ds_put_cstr(s, flags[i].name);
                first = false;
            }
        }
        /* Bits without names (TCP's reserved bits). */
        uint32_t named = 0;
        for (size_t i = 0; i < n; i++) {
            named |= flags[i].bit;
        }
        if (value & ~named) {
            if (!first) {
                ds_put_char(s, '|');
            }
            ds_put_format(s, "0x%"PRIx32, value & ~named);
            first = false;
        }
        if (first) {
            ds_put_char(s, '0');
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (mask & flags[i].bit) {
            ds_put_char(s, value & flags[i].bit ? '+' : '-');
            ds_put_cstr(s, flags[i].name);
        }
    }
}

/* Parses flags text: "+a-b" (value and mask), "a|b" (exact), or a number
 * with an optional "/mask". */
static char *
parse_flags(const struct mf_field *mf, const char *s, union mf_value *value,
            union mf_value *mask)
{
    const struct mf_flag *flags;
    const char *what;
    uint32_t all, v = 0, m = 0;
    size_t n;

    get_flag_table(mf, &flags, &n, &all, &what);
    if (s[0] == '+' || s[0] == '-') {
        const char *p = s;

        while (*p) {
            bool set = *p == '+';
            size_t len;
            size_t i;

            if (*p != '+' && *p != '-') {
                return xasprintf("%s: unknown %s flag(s)", s, what);
            }
            p++;
            len = strcspn(p, "+-");
            for (i = 0; i < n; i++) {
                if (strlen(flags[i].name) == len
                    && !memcmp(flags[i].name, p, len)) {
                    break;
                }
            }
            if (i >= n) {
                return xasprintf("%.*s: unknown %s flag(s)", (int) len, p,
                                 what);
            }
            if (m & flags[i].bit) {
                return xasprintf("%.*s: Each %s flag can be specified only "
                                 "once", (int) len, p,
                                 mf->string == MFS_CT_STATE ? "ct_state"
                                 : what);
            }
            m |= flags[i].bit;
            if (set) {
                v |= flags[i].bit;
            }
            p += len;
        }
    } else if ((s[0] >= '0' && s[0] <= '9')) {
        unsigned long long x, y = all;
        char *end;

        x = strtoull(s, &end, 0);
        if (*end == '/') {
            y = strtoull(end + 1, &end, 0);
        }
        if (*end || (x & ~(uint64_t) all) || (y & ~(uint64_t) all)) {
            return xasprintf("%s: unknown %s flag(s)", s, what);
        }
        v = x;
        m = y;
    } else {
        /* "a|b|c": exact match on the named flags. */
        const char *p = s;

        m = all;
        while (*p) {
            size_t len = strcspn(p, "|");
            size_t i;

            for (i = 0; i < n; i++) {
                if (strlen(flags[i].name) == len
                    && !memcmp(flags[i].name, p, len)) {
                    break;
                }
            }
            if (i >= n) {
                return xasprintf("%s: unknown %s flag(s)", s, what);
            }
            v |= flags[i].bit;
            p += len;
            if (*p == '|') {
                p++;
            }
        }
    }
    value_put_uint(value, mf->n_bytes, v & m);
    value_put_uint(mask, mf->n_bytes, m);
    return NULL;
}

/* Integers. */

/* Parses S, a decimal, octal or hex integer, into N bytes of VALUE.  Hex
 * may be as wide as the field; decimal and octal up to 64 bits.  Returns
 * 0, EINVAL for bad syntax, or ERANGE if it does not fit. */
static int
parse_uint_bytes(const char *s, size_t n, union mf_value *value)
{
    memset(value, 0, sizeof *value);
    if (!*s) {
        return EINVAL;
    }
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        const char *digits = s + 2;
        size_t len = strlen(digits);
        size_t nibble = 0;

        if (!len) {
            return EINVAL;
        }
        for (size_t i = len; i-- > 0; nibble++) {
            int h = hexit_value(digits[i]);

            if (h < 0) {
                return EINVAL;
            }
            if (nibble / 2 >= n) {
                if (h) {
                    return ERANGE;
                }
                continue;
            }
            value->b[n - 1 - nibble / 2] |= nibble % 2 ? h << 4 : h;
        }
        return 0;
    }

    char *end;
    unsigned long long x;

    if (s[0] == '-') {
        return ERANGE;
    }
    if (s[0] < '0' || s[0] > '9') {
        return EINVAL;
    }
    errno = 0;
    x = strtoull(s, &end, 0);
    if (*end) {
        return EINVAL;
    }
    if (errno == ERANGE || (n < 8 && x >> (n * 8))) {
        return ERANGE;
    }
    if (n >= 8) {
        value_put_uint(value, 8, x);
        if (n > 8) {
            memmove(&value->b[n - 8], value->b, 8);
            memset(value->b, 0, n - 8);
        }
    } else {
        value_put_uint(value, n, x);
    }
    return 0;
}

static char *
parse_integer(const struct mf_field *mf, const char *s,
              union mf_value *value, union mf_value *mask)
{
    char *copy = xstrdup(s);
    char *slash = strchr(copy, '/');
    char *error = NULL;
    int err;

    if (slash) {
        *slash = '\0';
    }
    err = parse_uint_bytes(copy, mf->n_bytes, value);
    if (err == EINVAL) {
        error = xasprintf("%s: bad syntax for %s value", s, mf->name);
    } else if (err == ERANGE) {
        error = xasprintf("%s: value too large for %u-byte field %s", s,
                          mf->n_bytes, mf->name);
    } else if (slash) {
        err = parse_uint_bytes(slash + 1, mf->n_bytes, mask);
        if (err == EINVAL) {
            error = xasprintf("%s: bad syntax for %s mask", s, mf->name);
        } else if (err == ERANGE) {
            error = xasprintf("%s: mask too large for %u-byte field %s", s,
                              mf->n_bytes, mf->name);
        }
    } else {
        memset(mask, 0xff, mf->n_bytes);
    }
    free(copy);
    return error;
}

/* IPv4 in upstream's lenient syntax: each octet is taken modulo 256. */
static bool
parse_ipv4_lenient(const char *s, ovs_be32 *ip, int *n)
{
    unsigned char a, b, c, d;

    *n = 0;
    if (sscanf(s, "%hhu.%hhu.%hhu.%hhu%n", &a, &b, &c, &d, n) != 4) {
        return false;
    }
    *ip = htonl(((uint32_t) a << 24) | ((uint32_t) b << 16)
                | ((uint32_t) c << 8) | d);
    return true;
}

static char *
parse_ipv4(const struct mf_field *mf OVS_UNUSED, const char *s,
           union mf_value *value, union mf_value *mask)
{
    ovs_be32 ip, m;
    int n;

    if (!parse_ipv4_lenient(s, &ip, &n)) {
        return xasprintf("%s: invalid IP address", s);
    }
    if (!s[n]) {
        m = OVS_BE32_MAX;
    } else if (s[n] == '/') {
        const char *ms = s + n + 1;
        int n2, plen;

        if (parse_ipv4_lenient(ms, &m, &n2) && !ms[n2]) {
            /* Dotted mask. */
        } else if (sscanf(ms, "%d%n", &plen, &n2) == 1 && !ms[n2]) {
            if (plen < 0 || plen > 32) {
                return xasprintf("%s: IPv4 network prefix bits not between "
                                 "0 and 32, inclusive", s);
            }
            m = be32_prefix_mask(plen);
        } else {
            return xasprintf("%s: invalid IP address", s);
        }
    } else {
        return xasprintf("%s: invalid IP address", s);
    }
    value->be32 = ip & m;
    mask->be32 = m;
    return NULL;
}

static char *
parse_ipv6(const struct mf_field *mf OVS_UNUSED, const char *s,
           union mf_value *value, union mf_value *mask)
{
    char *copy = xstrdup(s);
    char *slash = strchr(copy, '/');
    struct in6_addr ip, m;
    char *error = NULL;

    if (slash) {
        *slash = '\0';
    }
    if (!ipv6_parse(copy, &ip)) {
        error = xasprintf("%s: invalid IPv6 address", s);
    } else if (!slash) {
        m = in6addr_exact;
    } else if (ipv6_parse(slash + 1, &m)) {
        /* Mask as an address. */
    } else {
        int plen, n;

        if (sscanf(slash + 1, "%d%n", &plen, &n) == 1 && !slash[1 + n]) {
            if (plen < 0 || plen > 128) {
                error = xasprintf("%s: IPv6 network prefix bits not "
                                  "between 0 and 128, inclusive", s);
            } else {
                m = ipv6_create_mask(plen);
            }
        } else {
            error = xasprintf("%s: invalid IPv6 address", s);
        }
    }
    if (!error) {
        value->ipv6 = ipv6_addr_bitand(&ip, &m);
        mask->ipv6 = m;
    }
    free(copy);
    return error;
}

static char *
parse_ethernet(const struct mf_field *mf OVS_UNUSED, const char *s,
               union mf_value *value, union mf_value *mask)
{
    struct eth_addr ea, m;
    size_t n = eth_addr_parse_prefix(s, &ea);

    if (!n) {
        return xasprintf("%s: invalid Ethernet address", s);
    }
    if (!s[n]) {
        m = eth_addr_exact;
    } else if (s[n] != '/' || !eth_addr_from_string(s + n + 1, &m)) {
        return xasprintf("%s: invalid Ethernet address", s);
    }
    value->mac = eth_addr_and(ea, m);
    mask->mac = m;
    return NULL;
}

static char *
parse_frag(const char *s, union mf_value *value, union mf_value *mask)
{
    static const struct {
        const char *name;
        uint8_t value, mask;
    } types[] = {
        { "no", 0, FLOW_NW_FRAG_MASK },
        { "yes", FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_ANY },
        { "first", FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_MASK },
        { "later", FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER, FLOW_NW_FRAG_MASK },
        { "not_later", 0, FLOW_NW_FRAG_LATER },
    };

    for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
        if (!strcasecmp(s, types[i].name)) {
            value->u8 = types[i].value;
            mask->u8 = types[i].mask;
            return NULL;
        }
    }
    return xasprintf("%s: unknown fragment type (valid types are \"no\", "
                     "\"yes\", \"first\", \"later\", \"not_later\"", s);
}

static char *
parse_packet_type(const char *s, union mf_value *value, union mf_value *mask)
{
    unsigned long long ns, type;
    const char *p = s;
    char *end;

    if (*p != '(') {
        return xasprintf("%s: bad syntax for packet type missing '('", s);
    }
    p++;
    ns = strtoull(p, &end, 0);
    if (end == p || *end != ',') {
        return xasprintf("%s: bad syntax for packet type", s);
    }
    p = end + 1;
    type = strtoull(p, &end, 0);
    if (end == p) {
        return xasprintf("%s: bad syntax for packet type", s);
    }
    if (*end != ')') {
        return xasprintf("%s: bad syntax for packet type missing ')'", s);
    }
    if (ns > UINT16_MAX || type > UINT16_MAX) {
        return xasprintf("%s: bad syntax for packet type", s);
    }
    value->be32 = htonl(((uint32_t) ns << 16) | type);
    mask->be32 = OVS_BE32_MAX;
    return NULL;
}

char *
mf_parse(const struct mf_field *mf, const char *s, union mf_value *value,
         union mf_value *mask)
{
    char *error = NULL;

    memset(value, 0, sizeof *value);
    memset(mask, 0, sizeof *mask);
    if (!strcmp(s, "*") || !strcmp(s, "ANY")) {
        if (mf->string != MFS_OFP_PORT && mf->string != MFS_OFP_PORT_OXM) {
            return NULL;
        }
    }

    switch (mf->string) {
    case MFS_DECIMAL:
    case MFS_HEXADECIMAL:
        error = parse_integer(mf, s, value, mask);
        break;
    case MFS_CT_STATE:
    case MFS_TCP_FLAGS:
    case MFS_TNL_FLAGS:
        error = parse_flags(mf, s, value, mask);
        break;
    case MFS_ETHERNET:
        error = parse_ethernet(mf, s, value, mask);
        break;
    case MFS_IPV4:
        error = parse_ipv4(mf, s, value, mask);
        break;
    case MFS_IPV6:
        error = parse_ipv6(mf, s, value, mask);
        break;
    case MFS_OFP_PORT: {
        ofp_port_t port;

        if (!ofputil_port_from_string(s, &port)) {
            return xasprintf("%s: invalid or unknown port for %s", s,
                             mf->name);
        }
        value->be16 = htons(port);
        mask->be16 = OVS_BE16_MAX;
        break;
    }
    case MFS_OFP_PORT_OXM: {
        ofp_port_t port;

        if (!ofputil_port_from_string(s, &port)) {
            return xasprintf("%s: port value out of range for %s", s,
                             mf->name);
        }
        value->be32 = htonl(ofputil_port_to_ofp11(port));
        mask->be32 = OVS_BE32_MAX;
        break;
    }
    case MFS_FRAG:
        error = parse_frag(s, value, mask);
        break;
    case MFS_PACKET_TYPE:
        error = parse_packet_type(s, value, mask);
        break;
    }

    if (!error && !mf_is_mask_valid(mf, mask)) {
        error = xasprintf("%s: invalid mask for field %s", s, mf->name);
    }
    return error;
}

char *
mf_parse_value(const struct mf_field *mf, const char *s,
               union mf_value *value)
{
    union mf_value mask;
    char *error = mf_parse(mf, s, value, &mask);

    if (!error && !mf_value_is_all_ones(mf, &mask)) {
        error = xasprintf("%s: value may not have a mask", s);
    }
    return error;
}

/* Formatting. */

static void
format_hex_bytes(const uint8_t *b, size_t n, struct ds *s)
{
    size_t i = 0;

    while (i < n && !b[i]) {
        i++;
    }
    if (i == n) {
        ds_put_char(s, '0');
        return;
    }
    ds_put_format(s, "0x%"PRIx8, b[i]);
    for (i++; i < n; i++) {
        ds_put_format(s, "%02"PRIx8, b[i]);
    }
}

void
mf_format(const struct mf_field *mf, const union mf_value *value,
          const union mf_value *mask, struct ds *s)
{
    bool exact = !mask || mf_value_is_all_ones(mf, mask);

    if (mask && !exact) {
        /* A mask covering all the significant bits is exact too. */
        union mf_value bits;

        field_bits_mask(mf, &bits);
        exact = true;
        for (size_t i = 0; i < mf->n_bytes; i++) {
            if ((mask->b[i] & bits.b[i]) != bits.b[i]) {
                exact = false;
            }
        }
    }

    switch (mf->string) {
    case MFS_DECIMAL:
        if (exact && mf->n_bytes <= 8) {
            ds_put_format(s, "%"PRIu64, value_get_uint(value, mf->n_bytes));
            break;
        }
        /* Masked decimals print in hex. */
        format_hex_bytes(value->b, mf->n_bytes, s);
        ds_put_char(s, '/');
        format_hex_bytes(mask->b, mf->n_bytes, s);
        break;
    case MFS_HEXADECIMAL:
        format_hex_bytes(value->b, mf->n_bytes, s);
        if (!exact) {
            ds_put_char(s, '/');
            format_hex_bytes(mask->b, mf->n_bytes, s);
        }
        break;
    case MFS_CT_STATE:
    case MFS_TCP_FLAGS:
    case MFS_TNL_FLAGS:
        mf_format_flags(mf, value_get_uint(value, mf->n_bytes),
                        mask ? value_get_uint(mask, mf->n_bytes)
                        : UINT32_MAX, s);
        break;
    case MFS_ETHERNET:
        eth_format(s, value->mac);
        if (!exact) {
            ds_put_char(s, '/');
            eth_format(s, mask->mac);
        }
        break;
    case MFS_IPV4:
        ip_format_masked(value->be32, exact ? OVS_BE32_MAX : mask->be32, s);
        break;
    case MFS_IPV6:
        ipv6_format_masked(&value->ipv6, exact ? NULL : &mask->ipv6, s);
        break;
    case MFS_OFP_PORT:
        ofputil_format_port(ntohs(value->be16), s);
        break;
    case MFS_OFP_PORT_OXM: {
        ofp_port_t port;

        if (ofputil_port_from_ofp11(ntohl(value->be32), &port)) {
            ofputil_format_port(port, s);
        } else {
            ds_put_format(s, "%"PRIu32, ntohl(value->be32));
        }
        break;
    }
    case MFS_FRAG: {
        uint8_t v = value->u8, m = exact ? FLOW_NW_FRAG_MASK : mask->u8;

        m &= FLOW_NW_FRAG_MASK;
        v &= m;
        if (m == FLOW_NW_FRAG_MASK) {
            ds_put_cstr(s, !v ? "no" : v == FLOW_NW_FRAG_ANY ? "first"
                        : v == FLOW_NW_FRAG_MASK ? "later" : "0x2/0x3");
        } else if (m == FLOW_NW_FRAG_ANY) {
            ds_put_cstr(s, v ? "yes" : "no");
        } else if (m == FLOW_NW_FRAG_LATER) {
            ds_put_cstr(s, v ? "later" : "not_later");
        }
        break;
    }
    case MFS_PACKET_TYPE: {
        uint32_t pt = ntohl(value->be32);

        ds_put_format(s, "(%"PRIu32",%#"PRIx32")", pt >> 16, pt & 0xffff);
        break;
    }
    }
}
