/* ofp-actions.c: OpenFlow actions: building, text, wire, checks.
 *
 * The file is organized by job, not by action: building helpers first,
 * then the text formatter, the text parser, the wire decoders and
 * encoders, and the consistency checks.  Within each job, one small
 * function per action family, dispatched from a switch on the ofpact
 * type (the OFPACTS table in the header keeps the type list in one
 * place). */
#include <config.h>
#include "ofp-actions.h"
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "match.h"
#include "ofp-errors.h"
#include "ofp-port.h"
#include "openflow.h"
#include "packets.h"
#include "shash.h"
#include "util.h"

/* Building. */

void *
ofpact_put(struct ofpbuf *ofpacts, enum ofpact_type type, size_t len)
{
    struct ofpact *ofpact;

    ofpbuf_prealloc_tailroom(ofpacts, OFPACT_ALIGN(len));
    ofpact = ofpbuf_put_zeros(ofpacts, len);
    ofpact->type = type;
    ofpact->raw = 0;
    ofpact->len = len;
    ofpbuf_padto(ofpacts, ROUND_UP(ofpacts->size, OFPACT_ALIGNTO));
    /* ofpbuf_padto() may not move data: tailroom was preallocated. */
    return ofpact;
}

/* Fixes OFPACT's length to cover everything appended to OFPACTS after it,
 * and pads OFPACTS to OFPACT_ALIGNTO.  OFPACT must be the last ofpact
 * started in OFPACTS and must still point into it. */
void
ofpact_finish(struct ofpbuf *ofpacts, struct ofpact *ofpact)
{
    ptrdiff_t len = (char *) ofpbuf_tail(ofpacts) - (char *) ofpact;

    ovs_assert(len > 0 && len <= UINT16_MAX);
    ofpact->len = len;
    ofpbuf_padto(ofpacts, ROUND_UP(ofpacts->size, OFPACT_ALIGNTO));
}

#define OFPACT(ENUM, STRUCT)                                            \
    struct STRUCT *                                                     \
    ofpact_put_##ENUM(struct ofpbuf *ofpacts)                           \
    {                                                                   \
        return ofpact_put(ofpacts, OFPACT_##ENUM, sizeof(struct STRUCT)); \
    }
OFPACTS
#undef OFPACT

const char *
ofpact_name(enum ofpact_type type)
{
    switch (type) {
#define OFPACT(ENUM, STRUCT) case OFPACT_##ENUM: return #ENUM;
        OFPACTS
#undef OFPACT
    }
    return "<unknown>";
}

/* Wire action kinds, kept in struct ofpact's 'raw' so that the text shows
 * what the wire said (mod_dl_src versus set_field, load versus set_field,
 * strip_vlan versus pop_vlan).  0 means "parsed from text, no raw form";
 * parsing sets a raw kind where the text names one. */
enum ofp_raw_action {
    RAW_NONE,
    RAW_OF10_SET_VLAN_VID,      /* mod_vlan_vid. */
    RAW_OF10_SET_VLAN_PCP,      /* mod_vlan_pcp. */
    RAW_OF10_STRIP_VLAN,        /* strip_vlan. */
    RAW_OF11_SET_VLAN_VID,      /* set_vlan_vid. */
    RAW_OF11_SET_VLAN_PCP,      /* set_vlan_pcp. */
    RAW_OF11_POP_VLAN,          /* pop_vlan. */
    RAW_OF12_SET_FIELD,         /* set_field. */
    RAW_NX_REG_LOAD,            /* load. */
    RAW_NX_SET_TUNNEL,
    RAW_NX_SET_TUNNEL64,
    RAW_NX_DEC_TTL,             /* dec_ttl without ids. */
    RAW_NX_DEC_TTL_CNT_IDS,     /* dec_ttl(ids). */
    RAW_OF11_DEC_NW_TTL,
    RAW_NX_CONTROLLER,
    RAW_NX_CONTROLLER2,
    RAW_OF_OUTPUT,
    RAW_OF_ENQUEUE,
    RAW_NX_RESUBMIT,
    RAW_NX_RESUBMIT_TABLE,
    RAW_NX_RESUBMIT_TABLE_CT,
    RAW_NX_OUTPUT_REG,
    RAW_NX_OUTPUT_REG2,
    RAW_NX_BUNDLE,
    RAW_NX_BUNDLE_LOAD,
};

/* The NXM or OXM name upstream prints for each field in subfield syntax
 * ("NXM_NX_REG0[0..7]"); NULL for the few with neither. */
static const char *const nxm_names[MFF_N_IDS] = {
#include "ofp-actions-names.inc"
};

static const char *
field_nxm_name(const struct mf_field *mf)
{
    return nxm_names[mf->id] ? nxm_names[mf->id] : mf->name;
}

static const struct mf_field *
field_from_name_len(const char *name, size_t len)
{
    const struct mf_field *mf = mf_from_name_len(name, len);

    if (mf) {
        return mf;
    }
    for (int i = 0; i < MFF_N_IDS; i++) {
        if (nxm_names[i] && strlen(nxm_names[i]) == len
            && !strncmp(nxm_names[i], name, len)) {
            return mf_from_id(i);
        }
    }
    return NULL;
}

/* Subfields. */

void
ofpact_format_subfield(const struct mf_subfield *sf, struct ds *s)
{
    if (!sf->field) {
        ds_put_cstr(s, "<unknown>");
        return;
    }
    ds_put_cstr(s, field_nxm_name(sf->field));
    if (!sf->ofs && sf->n_bits == sf->field->n_bits) {
        ds_put_cstr(s, "[]");
    } else if (sf->n_bits == 1) {
        ds_put_format(s, "[%u]", sf->ofs);
    } else {
        ds_put_format(s, "[%u..%u]", sf->ofs, sf->ofs + sf->n_bits - 1);
    }
}

char *
ofpact_parse_subfield__(struct mf_subfield *sf, const char **sp)
{
    const char *s = *sp;
    const char *name = s;
    size_t name_len = strspn(s, "abcdefghijklmnopqrstuvwxyz"
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
    const struct mf_field *field;
    unsigned int start, end;

    if (!name_len) {
        return xasprintf("%s: missing field name", *sp);
    }
    field = field_from_name_len(name, name_len);
    if (!field) {
        return xasprintf("%s: unknown field `%.*s'", *sp, (int) name_len,
                         s);
    }
    s += name_len;
    if (*s != '[') {
        start = 0;
        end = field->n_bits - 1;
    } else if (s[1] == ']') {
        start = 0;
        end = field->n_bits - 1;
        s += 2;
    } else {
        int n = 0;

        if (sscanf(s, "[%u..%u]%n", &start, &end, &n) == 2 && n) {
            s += n;
        } else if (sscanf(s, "[%u]%n", &start, &n) == 1 && n) {
            end = start;
            s += n;
        } else {
            return xasprintf("%s: syntax error expecting [] or [<bit>] or "
                             "[<start>..<end>]", *sp);
        }
    }
    if (start > end) {
        return xasprintf("%s: starting bit %u is after ending bit %u",
                         *sp, start, end);
    } else if (start >= field->n_bits) {
        return xasprintf("%s: starting bit %u is not valid because field "
                         "is only %u bits wide", *sp, start, field->n_bits);
    } else if (end >= field->n_bits) {
        return xasprintf("%s: ending bit %u is not valid because field is "
                         "only %u bits wide", *sp, end, field->n_bits);
    }
    sf->field = field;
    sf->ofs = start;
    sf->n_bits = end - start + 1;
    *sp = s;
    return NULL;
}

char *
ofpact_parse_subfield(struct mf_subfield *sf, const char *s)
{
    const char *p = s;
    char *error = ofpact_parse_subfield__(sf, &p);

    if (!error && *p) {
        error = xasprintf("%s: trailing garbage following subfield", s);
    }
    return error;
}

/* Hash fields and algorithms of bundle and multipath, by wire value. */
static const char *const hash_field_names[] = {
    "eth_src", "symmetric_l4", "symmetric_l3l4", "symmetric_l3l4+udp",
    "nw_src", "nw_dst", "symmetric_l3",
};
static const char *const multipath_alg_names[] = {
    "modulo_n", "hash_threshold", "hrw", "iter_hash",
};
static const char *const bundle_alg_names[] = {
    "active_backup", "hrw",
};

static int
name_index(const char *const names[], size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(names[i], name)) {
            return i;
        }
    }
    return -1;
}

/* The name of conntrack helper ALG, or NULL. */
static const char *
ct_alg_name(uint16_t alg)
{
    return alg == 21 ? "ftp" : alg == 69 ? "tftp" : NULL;
}

/* Formatting. */

static void format_list(const struct ofpact *, size_t len,
                        const struct ofpact_format_params *);

static void
format_port(ofp_port_t port, const struct ofpact_format_params *fp)
{
    ofputil_format_port(port, fp->s);
}

static void
format_OUTPUT(const struct ofpact_output *a,
              const struct ofpact_format_params *fp)
{
    if (a->port == OFPP_CONTROLLER) {
        ds_put_format(fp->s, "CONTROLLER:%"PRIu16, a->max_len);
    } else if (a->port < OFPP_MAX) {
        ds_put_cstr(fp->s, "output:");
        format_port(a->port, fp);
    } else {
        format_port(a->port, fp);
    }
}

static void
format_RESUBMIT(const struct ofpact_resubmit *a,
                const struct ofpact_format_params *fp)
{
    if (a->in_port != OFPP_IN_PORT && a->table_id == 255
        && !a->with_ct_orig) {
        ds_put_cstr(fp->s, "resubmit:");
        format_port(a->in_port, fp);
        return;
    }
    ds_put_cstr(fp->s, "resubmit(");
    if (a->in_port != OFPP_IN_PORT) {
        format_port(a->in_port, fp);
    }
    ds_put_char(fp->s, ',');
    if (a->table_id != 255) {
        ds_put_format(fp->s, "%"PRIu8, a->table_id);
    }
    if (a->with_ct_orig) {
        ds_put_cstr(fp->s, ",ct");
    }
    ds_put_char(fp->s, ')');
}

static const char *
controller_reason_name(uint8_t reason)
{
    switch (reason) {
    case 0: return "no_match";
    case 1: return "action";
    case 2: return "invalid_ttl";
    case 3: return "action_set";
    case 4: return "group";
    case 5: return "packet_out";
    default: return NULL;
    }
}

static void
format_CONTROLLER(const struct ofpact_controller *a,
                  const struct ofpact_format_params *fp)
{
    struct ds *s = fp->s;

    if (a->reason == 1 && !a->controller_id && !a->userdata_len
        && !a->pause && a->meter_id == NX_CTLR_NO_METER) {
        ds_put_format(s, "CONTROLLER:%"PRIu16, a->max_len);
        return;
    }
    ds_put_cstr(s, "controller(");
    size_t start = s->length;
    if (a->reason != 1) {
        const char *name = controller_reason_name(a->reason);

        if (name) {
            ds_put_format(s, "reason=%s,", name);
        } else {
            ds_put_format(s, "reason=%"PRIu8",", a->reason);
        }
    }
    if (a->max_len != UINT16_MAX) {
        ds_put_format(s, "max_len=%"PRIu16",", a->max_len);
    }
    if (a->controller_id) {
        ds_put_format(s, "id=%"PRIu16",", a->controller_id);
    }
    if (a->userdata_len) {
        ds_put_cstr(s, "userdata=");
        for (size_t i = 0; i < a->userdata_len; i++) {
            ds_put_format(s, "%s%02"PRIx8, i ? "." : "", a->userdata[i]);
        }
        ds_put_char(s, ',');
    }
    if (a->pause) {
        ds_put_cstr(s, "pause,");
    }
    if (a->meter_id != NX_CTLR_NO_METER) {
        ds_put_format(s, "meter_id=%"PRIu32",", a->meter_id);
    }
    if (s->length > start) {
        ds_chomp(s, ',');
    }
    ds_put_char(s, ')');
}

/* Formats VALUE of N_BITS (right-aligned in the field's bytes) as hex. */
static void
format_hex_value(const struct mf_field *mf, const union mf_value *value,
                 struct ds *s)
{
    unsigned int i = 0;

    while (i + 1 < mf->n_bytes && !value->b[i]) {
        i++;
    }
    if (i + 1 == mf->n_bytes && !value->b[i]) {
        ds_put_char(s, '0');
        return;
    }
    ds_put_format(s, "0x%"PRIx8, value->b[i]);
    for (i++; i < mf->n_bytes; i++) {
        ds_put_format(s, "%02"PRIx8, value->b[i]);
    }
}

/* Does MASK cover all of MF's significant bits? */
static bool
mask_is_exact(const struct mf_field *mf, const union mf_value *mask)
{
    for (unsigned int bit = 0; bit < mf->n_bits; bit++) {
        if (!(mask->b[mf->n_bytes - 1 - bit / 8] & (1u << (bit % 8)))) {
            return false;
        }
    }
    return true;
}

/* If MASK (within MF's significant bits) is one contiguous run of 1-bits,
 * stores it as a subfield. */
static bool
mask_to_subfield(const struct mf_field *mf, const union mf_value *mask,
                 struct mf_subfield *sf)
{
    int lo = -1, hi = -1;

    for (unsigned int bit = 0; bit < mf->n_bits; bit++) {
        bool set = mask->b[mf->n_bytes - 1 - bit / 8] & (1u << (bit % 8));

        if (set) {
            if (lo < 0) {
                lo = bit;
            } else if (hi != (int) bit - 1) {
                return false;
            }
            hi = bit;
        }
    }
    if (lo < 0) {
        return false;
    }
    sf->field = mf;
    sf->ofs = lo;
    sf->n_bits = hi - lo + 1;
    return true;
}

/* Shifts VALUE right by SHIFT bits within N_BYTES. */
static void
value_shift_right(union mf_value *value, unsigned int n_bytes,
                  unsigned int shift)
{
    for (unsigned int k = 0; k < shift; k++) {
        uint8_t carry = 0;

        for (unsigned int i = 0; i < n_bytes; i++) {
            uint8_t b = value->b[i];

            value->b[i] = (b >> 1) | carry;
            carry = (b & 1) << 7;
        }
    }
}

static void
value_shift_left(union mf_value *value, unsigned int n_bytes,
                 unsigned int shift)
{
    for (unsigned int k = 0; k < shift; k++) {
        uint8_t carry = 0;

        for (int i = n_bytes - 1; i >= 0; i--) {
            uint8_t b = value->b[i];

            value->b[i] = (b << 1) | carry;
            carry = b >> 7;
        }
    }
}

static void
format_SET_FIELD(const struct ofpact_set_field *a,
                 const struct ofpact_format_params *fp)
{
    const struct mf_field *mf = a->field;
    struct mf_subfield sf;

    if (a->ofpact.raw == RAW_NX_REG_LOAD
        && mask_to_subfield(mf, &a->mask, &sf)) {
        union mf_value v;

        memset(&v, 0, sizeof v);
        memcpy(&v, &a->value, mf->n_bytes);
        for (unsigned int i = 0; i < mf->n_bytes; i++) {
            v.b[i] &= a->mask.b[i];
        }
        value_shift_right(&v, mf->n_bytes, sf.ofs);
        ds_put_cstr(fp->s, "load:");
        format_hex_value(mf, &v, fp->s);
        ds_put_cstr(fp->s, "->");
        ofpact_format_subfield(&sf, fp->s);
        return;
    }
    ds_put_cstr(fp->s, "set_field:");
    if (mf->string == MFS_TNL_FLAGS && mf_value_is_all_ones(mf, &a->mask)) {
        ds_put_cstr(fp->s, a->value.be16 & htons(NX_TUN_FLAG_OAM)
                    ? "oam" : "0");
    } else if (mf->string == MFS_DECIMAL
               && !mf_value_is_all_ones(mf, &a->mask)) {
        mf_format(mf, &a->value, NULL, fp->s);
        ds_put_char(fp->s, '/');
        format_hex_value(mf, &a->mask, fp->s);
    } else {
        mf_format(mf, &a->value,
                  mf_value_is_all_ones(mf, &a->mask) ? NULL : &a->mask,
                  fp->s);
    }
    ds_put_format(fp->s, "->%s", mf->name);
}

static void
format_mask64(const char *name, ovs_be64 value, ovs_be64 mask,
              struct ds *s)
{
    ds_put_format(s, "%s:0x%"PRIx64, name, ntohll(value));
    if (mask != OVS_BE64_MAX) {
        ds_put_format(s, "/0x%"PRIx64, ntohll(mask));
    }
}

static void
format_note(const struct ofpact_note *a, struct ds *s)
{
    ds_put_cstr(s, "note:");
    for (size_t i = 0; i < a->length; i++) {
        ds_put_format(s, "%s%02"PRIx8, i ? "." : "", a->data[i]);
    }
}

static void
format_SAMPLE(const struct ofpact_sample *a, struct ds *s)
{
    ds_put_format(s, "sample(probability=%"PRIu16",collector_set_id=%"PRIu32
                  ",obs_domain_id=%"PRIu32",obs_point_id=%"PRIu32,
                  a->probability, a->collector_set_id, a->obs_domain_id,
                  a->obs_point_id);
    if (a->sampling_port != OFPP_NONE) {
        ds_put_cstr(s, ",sampling_port=");
        ofputil_format_port(a->sampling_port, s);
    }
    if (a->direction == 1) {
        ds_put_cstr(s, ",ingress");
    } else if (a->direction == 2) {
        ds_put_cstr(s, ",egress");
    }
    ds_put_char(s, ')');
}

static void
format_action(const struct ofpact *a, const struct ofpact_format_params *fp)
{
    struct ds *s = fp->s;

    switch ((enum ofpact_type) a->type) {
    case OFPACT_OUTPUT:
        format_OUTPUT(ofpact_get_OUTPUT(a), fp);
        break;
    case OFPACT_GROUP:
        ds_put_format(s, "group:%"PRIu32, ofpact_get_GROUP(a)->group_id);
        break;
    case OFPACT_CONTROLLER:
        format_CONTROLLER(ofpact_get_CONTROLLER(a), fp);
        break;
    case OFPACT_ENQUEUE: {
        const struct ofpact_enqueue *e = ofpact_get_ENQUEUE(a);

        ds_put_cstr(s, "enqueue:");
        format_port(e->port, fp);
        ds_put_format(s, ":%"PRIu32, e->queue);
        break;
    }
    case OFPACT_OUTPUT_REG: {
        const struct ofpact_output_reg *o = ofpact_get_OUTPUT_REG(a);

        if (o->max_len != UINT16_MAX) {
            ds_put_cstr(s, "output(port=");
            ofpact_format_subfield(&o->src, s);
            ds_put_format(s, ",max_len=%"PRIu16")", o->max_len);
        } else {
            ds_put_cstr(s, "output:");
            ofpact_format_subfield(&o->src, s);
        }
        break;
    }
    case OFPACT_OUTPUT_TRUNC: {
        const struct ofpact_output_trunc *o = ofpact_get_OUTPUT_TRUNC(a);

        ds_put_cstr(s, "output(port=");
        format_port(o->port, fp);
        ds_put_format(s, ",max_len=%"PRIu32")", o->max_len);
        break;
    }
    case OFPACT_SET_FIELD:
        format_SET_FIELD(ofpact_get_SET_FIELD(a), fp);
        break;
    case OFPACT_SET_VLAN_VID:
        ds_put_format(s, "%s:%"PRIu16,
                      a->raw == RAW_OF11_SET_VLAN_VID ? "set_vlan_vid"
                      : "mod_vlan_vid", ofpact_get_SET_VLAN_VID(a)->vlan_vid);
        break;
    case OFPACT_SET_VLAN_PCP:
        ds_put_format(s, "%s:%"PRIu8,
                      a->raw == RAW_OF11_SET_VLAN_PCP ? "set_vlan_pcp"
                      : "mod_vlan_pcp", ofpact_get_SET_VLAN_PCP(a)->vlan_pcp);
        break;
    case OFPACT_STRIP_VLAN:
        ds_put_cstr(s, a->raw == RAW_OF11_POP_VLAN ? "pop_vlan"
                    : "strip_vlan");
        break;
    case OFPACT_PUSH_VLAN:
        ds_put_format(s, "push_vlan:%#"PRIx16,
                      ntohs(ofpact_get_PUSH_VLAN(a)->ethertype));
        break;
    case OFPACT_SET_ETH_SRC:
        ds_put_format(s, "mod_dl_src:"ETH_ADDR_FMT,
                      ETH_ADDR_ARGS(ofpact_get_SET_ETH_SRC(a)->mac));
        break;
    case OFPACT_SET_ETH_DST:
        ds_put_format(s, "mod_dl_dst:"ETH_ADDR_FMT,
                      ETH_ADDR_ARGS(ofpact_get_SET_ETH_DST(a)->mac));
        break;
    case OFPACT_SET_IPV4_SRC:
        ds_put_format(s, "mod_nw_src:"IP_FMT,
                      IP_ARGS(ofpact_get_SET_IPV4_SRC(a)->ipv4));
        break;
    case OFPACT_SET_IPV4_DST:
        ds_put_format(s, "mod_nw_dst:"IP_FMT,
                      IP_ARGS(ofpact_get_SET_IPV4_DST(a)->ipv4));
        break;
    case OFPACT_SET_IP_DSCP:
        ds_put_format(s, "mod_nw_tos:%d", ofpact_get_SET_IP_DSCP(a)->dscp);
        break;
    case OFPACT_SET_IP_ECN:
        ds_put_format(s, "mod_nw_ecn:%d", ofpact_get_SET_IP_ECN(a)->ecn);
        break;
    case OFPACT_SET_IP_TTL:
        ds_put_format(s, "mod_nw_ttl:%d", ofpact_get_SET_IP_TTL(a)->ttl);
        break;
    case OFPACT_SET_L4_SRC_PORT:
        ds_put_format(s, "mod_tp_src:%d",
                      ofpact_get_SET_L4_SRC_PORT(a)->port);
        break;
    case OFPACT_SET_L4_DST_PORT:
        ds_put_format(s, "mod_tp_dst:%d",
                      ofpact_get_SET_L4_DST_PORT(a)->port);
        break;
    case OFPACT_REG_MOVE: {
        const struct ofpact_reg_move *m = ofpact_get_REG_MOVE(a);

        ds_put_cstr(s, "move:");
        ofpact_format_subfield(&m->src, s);
        ds_put_cstr(s, "->");
        ofpact_format_subfield(&m->dst, s);
        break;
    }
    case OFPACT_STACK_PUSH:
        ds_put_cstr(s, "push:");
        ofpact_format_subfield(&ofpact_get_STACK_PUSH(a)->subfield, s);
        break;
    case OFPACT_STACK_POP:
        ds_put_cstr(s, "pop:");
        ofpact_format_subfield(&ofpact_get_STACK_POP(a)->subfield, s);
        break;
    case OFPACT_DEC_TTL: {
        const struct ofpact_cnt_ids *d = ofpact_get_DEC_TTL(a);

        ds_put_cstr(s, "dec_ttl");
        if (a->raw == RAW_NX_DEC_TTL_CNT_IDS) {
            ds_put_char(s, '(');
            for (size_t i = 0; i < d->n_controllers; i++) {
                ds_put_format(s, "%s%"PRIu16, i ? "," : "", d->cnt_ids[i]);
            }
            ds_put_char(s, ')');
        }
        break;
    }
    case OFPACT_SET_MPLS_LABEL:
        ds_put_format(s, "set_mpls_label(%"PRIu32")",
                      ntohl(ofpact_get_SET_MPLS_LABEL(a)->label));
        break;
    case OFPACT_SET_MPLS_TC:
        ds_put_format(s, "set_mpls_tc(%"PRIu8")",
                      ofpact_get_SET_MPLS_TC(a)->tc);
        break;
    case OFPACT_SET_MPLS_TTL:
        ds_put_format(s, "set_mpls_ttl(%"PRIu8")",
                      ofpact_get_SET_MPLS_TTL(a)->ttl);
        break;
    case OFPACT_DEC_MPLS_TTL:
        ds_put_cstr(s, "dec_mpls_ttl");
        break;
    case OFPACT_PUSH_MPLS:
        ds_put_format(s, "push_mpls:0x%04"PRIx16,
                      ntohs(ofpact_get_PUSH_MPLS(a)->ethertype));
        break;
    case OFPACT_POP_MPLS:
        ds_put_format(s, "pop_mpls:0x%04"PRIx16,
                      ntohs(ofpact_get_POP_MPLS(a)->ethertype));
        break;
    case OFPACT_DEC_NSH_TTL:
        ds_put_cstr(s, "dec_nsh_ttl");
        break;
    case OFPACT_DELETE_FIELD:
        ds_put_format(s, "delete_field:%s",
                      ofpact_get_DELETE_FIELD(a)->field->name);
        break;
    case OFPACT_ENCAP:
    case OFPACT_DECAP:
        ds_put_format(s, "<%s>", ofpact_name(a->type));
        break;
    case OFPACT_SET_TUNNEL: {
        const struct ofpact_tunnel *t = ofpact_get_SET_TUNNEL(a);

        if (a->raw == RAW_NX_SET_TUNNEL64 || t->tun_id > UINT32_MAX) {
            ds_put_format(s, "set_tunnel64:%#"PRIx64, t->tun_id);
        } else {
            ds_put_format(s, "set_tunnel:%#"PRIx64, t->tun_id);
        }
        break;
    }
    case OFPACT_SET_QUEUE:
        ds_put_format(s, "set_queue:%"PRIu32,
                      ofpact_get_SET_QUEUE(a)->queue_id);
        break;
    case OFPACT_POP_QUEUE:
        ds_put_cstr(s, "pop_queue");
        break;
    case OFPACT_FIN_TIMEOUT: {
        const struct ofpact_fin_timeout *f = ofpact_get_FIN_TIMEOUT(a);

        ds_put_cstr(s, "fin_timeout(");
        if (f->fin_idle_timeout) {
            ds_put_format(s, "idle_timeout=%"PRIu16",", f->fin_idle_timeout);
        }
        if (f->fin_hard_timeout) {
            ds_put_format(s, "hard_timeout=%"PRIu16",", f->fin_hard_timeout);
        }
        ds_chomp(s, ',');
        ds_put_char(s, ')');
        break;
    }
    case OFPACT_RESUBMIT:
        format_RESUBMIT(ofpact_get_RESUBMIT(a), fp);
        break;
    case OFPACT_CONJUNCTION: {
        const struct ofpact_conjunction *c = ofpact_get_CONJUNCTION(a);

        ds_put_format(s, "conjunction(%"PRIu32",%d/%"PRIu8")",
                      c->id, c->clause + 1, c->n_clauses);
        break;
    }
    case OFPACT_NOTE:
        format_note(ofpact_get_NOTE(a), s);
        break;
    case OFPACT_EXIT:
        ds_put_cstr(s, "exit");
        break;
    case OFPACT_SAMPLE:
        format_SAMPLE(ofpact_get_SAMPLE(a), s);
        break;
    case OFPACT_CT_CLEAR:
        ds_put_cstr(s, "ct_clear");
        break;
    case OFPACT_CLONE: {
        const struct ofpact_nest *n = ofpact_get_CLONE(a);

        ds_put_cstr(s, "clone(");
        ofpacts_format(ofpact_nest_get_actions(n),
                       ofpact_nest_get_actions_len(n), fp);
        ds_put_char(s, ')');
        break;
    }
    case OFPACT_CHECK_PKT_LARGER: {
        const struct ofpact_check_pkt_larger *c
            = ofpact_get_CHECK_PKT_LARGER(a);

        ds_put_format(s, "check_pkt_larger(%"PRIu16")->", c->pkt_len);
        ofpact_format_subfield(&c->dst, s);
        break;
    }
    case OFPACT_DEBUG_RECIRC:
        ds_put_cstr(s, "debug_recirc");
        break;
    case OFPACT_DEBUG_SLOW:
        ds_put_cstr(s, "debug_slow");
        break;
    case OFPACT_METER:
        ds_put_format(s, "meter:%"PRIu32, ofpact_get_METER(a)->meter_id);
        break;
    case OFPACT_CLEAR_ACTIONS:
        ds_put_cstr(s, "clear_actions");
        break;
    case OFPACT_WRITE_ACTIONS: {
        const struct ofpact_nest *n = ofpact_get_WRITE_ACTIONS(a);

        ds_put_cstr(s, "write_actions(");
        format_list(ofpact_nest_get_actions(n),
                    ofpact_nest_get_actions_len(n), fp);
        ds_put_char(s, ')');
        break;
    }
    case OFPACT_WRITE_METADATA: {
        const struct ofpact_metadata *m = ofpact_get_WRITE_METADATA(a);

        format_mask64("write_metadata", m->metadata, m->mask, s);
        break;
    }
    case OFPACT_GOTO_TABLE:
        ds_put_format(s, "goto_table:%"PRIu8,
                      ofpact_get_GOTO_TABLE(a)->table_id);
        break;
    case OFPACT_MULTIPATH: {
        const struct ofpact_multipath *m = ofpact_get_MULTIPATH(a);

        ds_put_format(s, "multipath(%s,%"PRIu16",%s,%d,%"PRIu32",",
                      hash_field_names[m->fields], m->basis,
                      multipath_alg_names[m->algorithm], m->max_link + 1,
                      m->arg);
        ofpact_format_subfield(&m->dst, s);
        ds_put_char(s, ')');
        break;
    }
    case OFPACT_BUNDLE: {
        const struct ofpact_bundle *bu = ofpact_get_BUNDLE(a);

        ds_put_format(s, "%s(%s,%"PRIu16",%s,ofport,",
                      bu->dst.field ? "bundle_load" : "bundle",
                      hash_field_names[bu->fields], bu->basis,
                      bundle_alg_names[bu->algorithm]);
        if (bu->dst.field) {
            ofpact_format_subfield(&bu->dst, s);
            ds_put_char(s, ',');
        }
        ds_put_cstr(s, "members:");
        for (size_t i = 0; i < bu->n_members; i++) {
            if (i) {
                ds_put_char(s, ',');
            }
            format_port(bu->members[i], fp);
        }
        ds_put_char(s, ')');
        break;
    }
    case OFPACT_CT: {
        const struct ofpact_conntrack *ct = ofpact_get_CT(a);
        size_t nested = ct->ofpact.len - sizeof *ct;
        size_t start = s->length;

        ds_put_cstr(s, "ct(");
        if (ct->flags & NX_CT_F_COMMIT) {
            ds_put_cstr(s, "commit,");
        }
        if (ct->flags & NX_CT_F_FORCE) {
            ds_put_cstr(s, "force,");
        }
        if (ct->recirc_table != 255) {
            ds_put_format(s, "table=%"PRIu8",", ct->recirc_table);
        }
        if (ct->zone_src.field) {
            ds_put_cstr(s, "zone=");
            ofpact_format_subfield(&ct->zone_src, s);
            ds_put_char(s, ',');
        } else if (ct->zone_imm) {
            ds_put_format(s, "zone=%"PRIu16",", ct->zone_imm);
        }
        if (nested) {
            ds_put_cstr(s, "exec(");
            format_list((const struct ofpact *) ct->actions, nested, fp);
            ds_put_cstr(s, "),");
        }
        if (ct->alg) {
            const char *name = ct_alg_name(ct->alg);

            if (name) {
                ds_put_format(s, "alg=%s,", name);
            } else {
                ds_put_format(s, "alg=%"PRIu16",", ct->alg);
            }
        }
        if (s->length > start + 3) {
            ds_chomp(s, ',');
        }
        ds_put_char(s, ')');
        break;
    }
    case OFPACT_LEARN:
    case OFPACT_UNROLL_XLATE:
    case OFPACT_NAT:
    case OFPACT_OUTPUT_TRUNC_:
    default:
        ds_put_format(s, "<%s>", ofpact_name(a->type));
        break;
    }
}

static void
format_list(const struct ofpact *ofpacts, size_t ofpacts_len,
            const struct ofpact_format_params *fp)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        if (a != ofpacts) {
            ds_put_char(fp->s, ',');
        }
        format_action(a, fp);
    }
}

/* Appends the text form of OFPACTS to FP->s, as upstream prints it:
 * comma-separated actions, or "drop" for an empty list. */
void
ofpacts_format(const struct ofpact *ofpacts, size_t ofpacts_len,
               const struct ofpact_format_params *fp)
{
    if (!ofpacts_len) {
        ds_put_cstr(fp->s, "drop");
    } else {
        format_list(ofpacts, ofpacts_len, fp);
    }
}

/* Parsing. */

/* Splits the next "KEY[:=]VALUE" or "KEY(VALUE)" item off *STRINGP, as
 * upstream's action syntax does: items are separated by commas or white
 * space, and parentheses nest.  For "KEY(VALUE)SUFFIX" (check_pkt_larger's
 * "(100)->reg0[0]"), *SUFFIXP gets SUFFIX, else "".  Returns false at the
 * end of the string.  Modifies the string in place. */
static bool
next_item(char **stringp, char **keyp, char **valuep, char **suffixp)
{
    char *p = *stringp;
    char *key, *value = NULL;

    *suffixp = "";
    p += strspn(p, ", \t\r\n");
    if (!*p) {
        return false;
    }
    key = p;
    p += strcspn(p, ":=(, \t\r\n");
    if (*p == ':' || *p == '=') {
        int depth = 0;

        *p++ = '\0';
        value = p;
        for (; *p; p++) {
            if (*p == '(') {
                depth++;
            } else if (*p == ')') {
                depth--;
            } else if (depth <= 0 && strchr(", \t\r\n", *p)) {
                break;
            }
        }
    } else if (*p == '(') {
        int depth = 1;

        *p++ = '\0';
        value = p;
        for (; *p; p++) {
            if (*p == '(') {
                depth++;
            } else if (*p == ')' && !--depth) {
                *p++ = '\0';
                break;
            }
        }
        if (*p && !strchr(", \t\r\n", *p)) {
            char *suffix = p;

            p += strcspn(p, ", \t\r\n");
            if (*p) {
                *p++ = '\0';
            }
            *suffixp = suffix;
        }
    }
    if (*p && strchr(", \t\r\n", *p)) {
        *p++ = '\0';
    }
    *stringp = p;
    *keyp = key;
    *valuep = value ? value : "";
    return true;
}

static char * OVS_WARN_UNUSED_RESULT
parse_u32(const char *s, uint32_t *x)
{
    unsigned long long v;

    *x = 0;
    if (!str_to_ullong(s, 0, &v) || v > UINT32_MAX) {
        return xasprintf("invalid numeric format %s", s);
    }
    *x = v;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_u16(const char *s, uint16_t *x)
{
    unsigned long long v;

    *x = 0;
    if (!str_to_ullong(s, 0, &v) || v > UINT16_MAX) {
        return xasprintf("invalid numeric format %s", s);
    }
    *x = v;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_u8(const char *s, uint8_t *x)
{
    unsigned long long v;

    *x = 0;
    if (!str_to_ullong(s, 0, &v) || v > UINT8_MAX) {
        return xasprintf("invalid numeric format %s", s);
    }
    *x = v;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_u64(const char *s, uint64_t *x)
{
    unsigned long long v;

    *x = 0;
    if (!str_to_ullong(s, 0, &v)) {
        return xasprintf("invalid numeric format %s", s);
    }
    *x = v;
    return NULL;
}

static bool
parse_port(const char *s, const struct ofpact_parse_params *pp,
           ofp_port_t *port)
{
    if (pp->port_names) {
        void *p = shash_find_data(pp->port_names, s);

        if (p) {
            *port = (uintptr_t) p;
            return true;
        }
    }
    return ofputil_port_from_string(s, port);
}

/* Parses a table number or name. */
static bool
parse_table(const char *s, uint8_t *table)
{
    unsigned long long v;

    if (!str_to_ullong(s, 10, &v) || v > 255) {
        return false;
    }
    *table = v;
    return true;
}

struct parse_ctx {
    const struct ofpact_parse_params *pp;
    struct ofpbuf *ofpacts;
    int depth;
    bool in_ct_exec;            /* Inside ct(exec(...)): CT fields OK. */
};

static char *parse_list(struct parse_ctx *, char *s, bool instructions,
                        bool allow_instructions);

static char * OVS_WARN_UNUSED_RESULT
parse_output(struct parse_ctx *ctx, const char *arg)
{
    if (strstr(arg, "max_len")) {
        /* output(port=N,max_len=M). */
        char *copy = xstrdup(arg), *p = copy, *key, *value, *suffix;
        ofp_port_t port = OFPP_NONE;
        uint32_t max_len = UINT32_MAX;
        char *error = NULL;
        bool have_max = false;
        struct mf_subfield sf = { .field = NULL };

        while (!error && next_item(&p, &key, &value, &suffix)) {
            if (!strcmp(key, "port")) {
                if (strchr(value, '[')) {
                    error = ofpact_parse_subfield(&sf, value);
                } else if (!parse_port(value, ctx->pp, &port)) {
                    error = xasprintf("%s: output to unknown truncate port",
                                      value);
                }
            } else if (!strcmp(key, "max_len")) {
                error = parse_u32(value, &max_len);
                have_max = true;
            } else {
                error = xasprintf("invalid key '%s' in output_trunc "
                                  "argument", key);
            }
        }
        free(copy);
        if (error) {
            return error;
        }
        if (sf.field) {
            struct ofpact_output_reg *o
                = ofpact_put_OUTPUT_REG(ctx->ofpacts);

            o->src = sf;
            o->max_len = have_max ? max_len : UINT16_MAX;
            return NULL;
        }
        if (!have_max) {
            return xstrdup("max_len should be provided");
        }
        if (max_len < 14) {
            return xasprintf("max_len %"PRIu32" is less than the minimum "
                             "value 14", max_len);
        }
        struct ofpact_output_trunc *t = ofpact_put_OUTPUT_TRUNC(ctx->ofpacts);
        t->port = port;
        t->max_len = max_len;
        return NULL;
    }

    ofp_port_t port;
    if (!parse_port(arg, ctx->pp, &port)) {
        if (strchr(arg, '[')) {
            struct ofpact_output_reg *o;
            struct mf_subfield sf;
            char *error = ofpact_parse_subfield(&sf, arg);

            if (!error) {
                o = ofpact_put_OUTPUT_REG(ctx->ofpacts);
                o->max_len = UINT16_MAX;
                o->src = sf;
            }
            return error;
        }
        return xasprintf("%s: output to unknown port", arg);
    }
    struct ofpact_output *o = ofpact_put_OUTPUT(ctx->ofpacts);
    o->port = port;
    o->max_len = port == OFPP_CONTROLLER ? UINT16_MAX : 0;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_resubmit(struct parse_ctx *ctx, char *arg)
{
    struct ofpact_resubmit *r;
    char *in_port_s, *table_s, *ct_s;
    ofp_port_t in_port = OFPP_IN_PORT;
    uint8_t table = 255;
    bool ct = false;

    if (!strchr(arg, ',')) {
        if (!*arg) {
            return xstrdup("at least one \"in_port\" or \"table\" must be "
                           "specified on resubmit");
        }
        if (!parse_port(arg, ctx->pp, &in_port)) {
            return xasprintf("%s: resubmit to unknown port", arg);
        }
        if (in_port == OFPP_IN_PORT) {
            return xstrdup("at least one \"in_port\" or \"table\" must be "
                           "specified on resubmit");
        }
        r = ofpact_put_RESUBMIT(ctx->ofpacts);
        r->in_port = in_port;
        r->table_id = 255;
        return NULL;
    }
    in_port_s = arg;
    table_s = strchr(arg, ',');
    *table_s++ = '\0';
    ct_s = strchr(table_s, ',');
    if (ct_s) {
        *ct_s++ = '\0';
    }
    in_port_s += strspn(in_port_s, " ");
    if (*in_port_s && !parse_port(in_port_s, ctx->pp, &in_port)) {
        return xasprintf("%s: resubmit to unknown port", in_port_s);
    }
    if (*table_s && !parse_table(table_s, &table)) {
        return xasprintf("%s: resubmit to unknown table", table_s);
    }
    if (ct_s) {
        if (strcmp(ct_s, "ct")) {
            return xasprintf("%s: unknown parameter", ct_s);
        }
        ct = true;
    }
    if (in_port == OFPP_IN_PORT && table == 255) {
        return xstrdup("at least one \"in_port\" or \"table\" must be "
                       "specified on resubmit");
    }
    r = ofpact_put_RESUBMIT(ctx->ofpacts);
    r->in_port = in_port;
    r->table_id = table;
    r->with_ct_orig = ct;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_enqueue(struct parse_ctx *ctx, char *arg)
{
    char *sep = strpbrk(arg, ":,");
    struct ofpact_enqueue *e;
    ofp_port_t port;
    uint32_t queue;
    char *error;

    if (!sep) {
        return xstrdup("\"enqueue\" syntax is \"enqueue:PORT:QUEUE\" or "
                       "\"enqueue(PORT,QUEUE)\"");
    }
    *sep++ = '\0';
    if (!parse_port(arg, ctx->pp, &port)) {
        return xasprintf("%s: enqueue to unknown port", arg);
    }
    error = parse_u32(sep, &queue);
    if (error) {
        return error;
    }
    e = ofpact_put_ENQUEUE(ctx->ofpacts);
    e->port = port;
    e->queue = queue;
    return NULL;
}

/* Appends the bytes of S, hex digit pairs optionally separated by dots,
 * to B.  Returns false on a bad digit. */
static bool
parse_hex_bytes(const char *s, struct ofpbuf *b)
{
    while (*s) {
        int hi, lo;

        if (*s == '.') {
            s++;
            continue;
        }
        hi = hexit_value(s[0]);
        lo = hi >= 0 && s[1] ? hexit_value(s[1]) : -1;
        if (hi < 0 || lo < 0) {
            return false;
        }
        uint8_t byte = hi * 16 + lo;
        ofpbuf_put(b, &byte, 1);
        s += 2;
    }
    return true;
}

static char * OVS_WARN_UNUSED_RESULT
parse_controller(struct parse_ctx *ctx, char *arg)
{
    uint16_t max_len = UINT16_MAX, id = 0;
    uint8_t reason = 1;
    bool pause = false;
    uint32_t meter_id = NX_CTLR_NO_METER;
    struct ofpbuf userdata;
    char *error = NULL;

    ofpbuf_init(&userdata, 0);
    if (*arg && strspn(arg, "0123456789") == strlen(arg)) {
        error = parse_u16(arg, &max_len);
    } else if (*arg) {
        char *key, *value, *suffix, *p = arg;

        while (!error && next_item(&p, &key, &value, &suffix)) {
            if (!strcmp(key, "reason")) {
                int r;

                for (r = 0; r < 6; r++) {
                    if (!strcmp(value, controller_reason_name(r))) {
                        break;
                    }
                }
                if (r == 6) {
                    error = xasprintf("unknown reason \"%s\"", value);
                } else {
                    reason = r;
                }
            } else if (!strcmp(key, "max_len")) {
                error = parse_u16(value, &max_len);
                if (error) {
                    free(error);
                    error = xasprintf("invalid max_len \"%s\"", value);
                }
            } else if (!strcmp(key, "id")) {
                error = parse_u16(value, &id);
                if (error) {
                    free(error);
                    error = xasprintf("invalid id \"%s\"", value);
                }
            } else if (!strcmp(key, "userdata")) {
                ofpbuf_clear(&userdata);
                if (!parse_hex_bytes(value, &userdata)) {
                    error = xstrdup("bad hex digit in `controller' action "
                                    "`userdata'");
                }
            } else if (!strcmp(key, "pause")) {
                pause = true;
            } else if (!strcmp(key, "meter_id")) {
                error = parse_u32(value, &meter_id);
            } else {
                error = xasprintf("unknown key \"%s\" parsing controller "
                                  "action", key);
            }
        }
    }
    if (!error) {
        if (reason == 1 && !id && !pause && !userdata.size
            && meter_id == NX_CTLR_NO_METER) {
            struct ofpact_output *o = ofpact_put_OUTPUT(ctx->ofpacts);

            o->port = OFPP_CONTROLLER;
            o->max_len = max_len;
        } else {
            struct ofpact_controller *c;

            c = ofpact_put_CONTROLLER(ctx->ofpacts);
            c->max_len = max_len;
            c->reason = reason;
            c->controller_id = id;
            c->pause = pause;
            c->meter_id = meter_id;
            c->userdata_len = userdata.size;
            ofpbuf_put(ctx->ofpacts, userdata.data, userdata.size);
            c = ofpbuf_at_assert(ctx->ofpacts,
                                 ctx->ofpacts->size - userdata.size
                                 - sizeof *c, sizeof *c);
            ofpact_finish(ctx->ofpacts, &c->ofpact);
        }
    }
    ofpbuf_uninit(&userdata);
    return error;
}

/* Parses "VALUE->FIELD" for set_field. */
static char * OVS_WARN_UNUSED_RESULT
parse_set_field(struct parse_ctx *ctx, char *arg, bool is_reg_load)
{
    char *arrow = strstr(arg, "->");
    struct ofpact_set_field *sf;
    const struct mf_field *mf;
    union mf_value value, mask;
    char *error;

    if (!arrow) {
        return xasprintf("%s: missing `->'", arg);
    }
    *arrow = '\0';
    const char *key = arrow + 2;
    if (!*key) {
        return xasprintf("%s: missing field name following `->'", arg);
    }
    mf = mf_from_name(key);
    if (!mf) {
        return xasprintf("%s is not a valid OXM field name", key);
    }
    if (!mf->writable) {
        return xasprintf("%s is read-only", key);
    }
    if ((mf->id == MFF_CT_MARK || mf->id == MFF_CT_LABEL)
        && !ctx->in_ct_exec) {
        return xstrdup("cannot set CT fields outside of ct action");
    }
    error = mf_parse(mf, arg, &value, &mask);
    if (error) {
        return error;
    }
    if (!mf_is_value_valid(mf, &value)) {
        return xasprintf("%s is not a valid value for field %s", arg, key);
    }
    if (mask_is_exact(mf, &mask)) {
        /* A plain set: every byte of the mask is all-ones. */
        memset(&mask, 0xff, mf->n_bytes);
    }
    sf = ofpact_put_SET_FIELD(ctx->ofpacts);
    sf->ofpact.raw = is_reg_load ? RAW_NX_REG_LOAD : RAW_OF12_SET_FIELD;
    sf->field = mf;
    sf->value = value;
    sf->mask = mask;
    return NULL;
}

/* Parses "VALUE->DST[...]" for load. */
static char * OVS_WARN_UNUSED_RESULT
parse_load(struct parse_ctx *ctx, char *arg)
{
    char *full = xstrdup(arg);
    char *arrow = strstr(arg, "->");
    struct mf_subfield dst;
    union mf_value value;
    char *error;

    if (!arrow) {
        error = xasprintf("%s: missing `->'", full);
        free(full);
        return error;
    }
    *arrow = '\0';
    error = ofpact_parse_subfield(&dst, arrow + 2);
    if (error) {
        free(full);
        return error;
    }

    /* The value: a number of any width, hex or decimal. */
    memset(&value, 0, sizeof value);
    const char *v = arg;
    unsigned int n_bytes = dst.field->n_bytes;
    bool too_big = false;
    if (!strncmp(v, "0x", 2) || !strncmp(v, "0X", 2)) {
        size_t len = strlen(v + 2);

        if (!len || strspn(v + 2, "0123456789abcdefABCDEF") != len) {
            error = xasprintf("%s: bad syntax for %s value", v,
                              dst.field->name);
        }
        for (size_t i = 0; !error && i < len; i++) {
            char c = v[2 + len - 1 - i];
            int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

            if (i / 2 >= n_bytes) {
                too_big |= d != 0;
                continue;
            }
            value.b[n_bytes - 1 - i / 2] |= d << (4 * (i % 2));
        }
    } else {
        unsigned long long x;

        if (!str_to_ullong(v, 10, &x)) {
            error = xasprintf("%s: bad syntax for %s value", v,
                              dst.field->name);
        } else {
            for (unsigned int i = 0; i < 8; i++, x >>= 8) {
                if (i < n_bytes) {
                    value.b[n_bytes - 1 - i] = x;
                } else {
                    too_big |= (x & 0xff) != 0;
                }
            }
        }
    }
    if (!error) {
        /* Does the value fit into n_bits? */
        union mf_value check = value;

        value_shift_right(&check, n_bytes, dst.n_bits);
        for (unsigned int i = 0; i < n_bytes; i++) {
            too_big |= check.b[i] != 0;
        }
        if (too_big) {
            error = xasprintf("%s: value %s does not fit into %u bits",
                              full, v, dst.n_bits);
        }
    }
    if (!error && !dst.field->writable) {
        error = xasprintf("%s: destination field %s is not writable", full,
                          dst.field->name);
    }
    free(full);
    if (error) {
        return error;
    }

    struct ofpact_set_field *sf = ofpact_put_SET_FIELD(ctx->ofpacts);
    sf->ofpact.raw = RAW_NX_REG_LOAD;
    sf->field = dst.field;
    value_shift_left(&value, n_bytes, dst.ofs);
    sf->value = value;
    memset(&sf->mask, 0, sizeof sf->mask);
    for (unsigned int bit = dst.ofs; bit < dst.ofs + dst.n_bits; bit++) {
        sf->mask.b[n_bytes - 1 - bit / 8] |= 1u << (bit % 8);
    }
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_move(struct parse_ctx *ctx, char *arg)
{
    char *full = xstrdup(arg);
    const char *p = arg;
    struct mf_subfield src, dst;
    char *error;

    error = ofpact_parse_subfield__(&src, &p);
    if (!error) {
        if (strncmp(p, "->", 2)) {
            error = xasprintf("%s: missing `->' following source", full);
        } else {
            p += 2;
            error = ofpact_parse_subfield(&dst, p);
        }
    }
    if (!error && src.n_bits != dst.n_bits) {
        error = xasprintf("%s: source field is %u bits wide but destination "
                          "is %u bits wide", full, src.n_bits, dst.n_bits);
    }
    free(full);
    if (error) {
        return error;
    }
    struct ofpact_reg_move *m = ofpact_put_REG_MOVE(ctx->ofpacts);
    m->src = src;
    m->dst = dst;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_dec_ttl(struct parse_ctx *ctx, char *arg)
{
    struct ofpact_cnt_ids *d;
    size_t start = ctx->ofpacts->size;

    d = ofpact_put_DEC_TTL(ctx->ofpacts);
    if (!*arg) {
        uint16_t zero = 0;

        d->ofpact.raw = RAW_NX_DEC_TTL;
        d->n_controllers = 1;
        ofpbuf_put(ctx->ofpacts, &zero, sizeof zero);
    } else {
        char *p = arg, *key, *value, *suffix;
        uint16_t n = 0;

        d->ofpact.raw = RAW_NX_DEC_TTL_CNT_IDS;
        while (next_item(&p, &key, &value, &suffix)) {
            /* Like upstream, anything that is not a number counts as 0. */
            uint16_t id = strtoul(key, NULL, 10);

            ofpbuf_put(ctx->ofpacts, &id, sizeof id);
            n++;
        }
        if (!n) {
            ctx->ofpacts->size = start;
            return xstrdup("dec_ttl_cnt_ids: expected at least one "
                           "controller id.");
        }
        d = ofpbuf_at_assert(ctx->ofpacts, start, sizeof *d);
        d->n_controllers = n;
    }
    d = ofpbuf_at_assert(ctx->ofpacts, start, sizeof *d);
    ofpact_finish(ctx->ofpacts, &d->ofpact);
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_note(struct parse_ctx *ctx, const char *arg)
{
    size_t start = ctx->ofpacts->size;
    struct ofpact_note *n = ofpact_put_NOTE(ctx->ofpacts);
    size_t data_start = ctx->ofpacts->size;

    if (!parse_hex_bytes(arg, ctx->ofpacts)) {
        ctx->ofpacts->size = start;
        return xstrdup("bad hex digit in `note' argument");
    }
    n = ofpbuf_at_assert(ctx->ofpacts, start, sizeof *n);
    n->length = ctx->ofpacts->size - data_start;
    ofpact_finish(ctx->ofpacts, &n->ofpact);
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_fin_timeout(struct parse_ctx *ctx, char *arg)
{
    struct ofpact_fin_timeout *f;
    uint16_t idle = 0, hard = 0;
    char *key, *value, *suffix, *error = NULL;

    while (!error && next_item(&arg, &key, &value, &suffix)) {
        if (!strcmp(key, "idle_timeout")
            || !strcmp(key, "hard_timeout")) {
            error = parse_u16(value, key[0] == 'i' ? &idle : &hard);
            if (error) {
                free(error);
                error = xasprintf("invalid %s \"%s\"", key, value);
            }
        } else {
            error = xasprintf("invalid key '%s' in 'fin_timeout' argument",
                              key);
        }
    }
    if (!error) {
        f = ofpact_put_FIN_TIMEOUT(ctx->ofpacts);
        f->fin_idle_timeout = idle;
        f->fin_hard_timeout = hard;
    }
    return error;
}

static char * OVS_WARN_UNUSED_RESULT
parse_conjunction(struct parse_ctx *ctx, const char *arg)
{
    uint32_t id;
    int clause, n_clauses, n = 0;

    if (!(sscanf(arg, "%"SCNi32" , %d / %d %n", &id, &clause, &n_clauses,
                 &n) == 3 && n && !arg[n])) {
        return xstrdup("\"conjunction\" syntax is \"conjunction(id,i/n)\"");
    }
    if (n_clauses < 2) {
        return xstrdup("conjunction must have at least 2 clauses");
    } else if (n_clauses > 64) {
        return xstrdup("conjunction must have at most 64 clauses");
    } else if (clause < 1) {
        return xstrdup("clause index must be positive");
    } else if (clause > n_clauses) {
        return xstrdup("clause index must be less than or equal to number "
                       "of clauses");
    }
    struct ofpact_conjunction *c = ofpact_put_CONJUNCTION(ctx->ofpacts);
    c->id = id;
    c->clause = clause - 1;
    c->n_clauses = n_clauses;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_sample(struct parse_ctx *ctx, char *arg)
{
    struct ofpact_sample s = { .sampling_port = OFPP_NONE };
    char *key, *value, *suffix, *error = NULL;

    while (!error && next_item(&arg, &key, &value, &suffix)) {
        if (!strcmp(key, "probability")) {
            error = parse_u16(value, &s.probability);
            if (!error && !s.probability) {
                error = xasprintf("invalid probability value \"%s\"",
                                  value);
            }
        } else if (!strcmp(key, "collector_set_id")) {
            error = parse_u32(value, &s.collector_set_id);
        } else if (!strcmp(key, "obs_domain_id")) {
            error = parse_u32(value, &s.obs_domain_id);
        } else if (!strcmp(key, "obs_point_id")) {
            error = parse_u32(value, &s.obs_point_id);
        } else if (!strcmp(key, "sampling_port")) {
            if (!parse_port(value, ctx->pp, &s.sampling_port)) {
                error = xasprintf("%s: unknown port", value);
            }
        } else if (!strcmp(key, "ingress")) {
            s.direction = 1;
        } else if (!strcmp(key, "egress")) {
            s.direction = 2;
        } else {
            error = xasprintf("invalid key \"%s\" in \"sample\" argument",
                              key);
        }
    }
    if (!error && !s.probability) {
        error = xstrdup("non-zero \"probability\" must be specified on "
                        "sample");
    }
    if (!error) {
        struct ofpact_sample *p = ofpact_put_SAMPLE(ctx->ofpacts);

        s.ofpact = p->ofpact;
        *p = s;
    }
    return error;
}

static char * OVS_WARN_UNUSED_RESULT
parse_check_pkt_larger(struct parse_ctx *ctx, const char *arg,
                       const char *suffix)
{
    struct ofpact_check_pkt_larger *c;
    uint16_t pkt_len;
    struct mf_subfield dst;
    char *error;

    error = parse_u16(arg, &pkt_len);
    if (error) {
        free(error);
        return xasprintf("invalid (null) \"%s\"", arg);
    }
    if (strncmp(suffix, "->", 2)) {
        return xasprintf("%s: missing `->'", arg);
    }
    error = ofpact_parse_subfield(&dst, suffix + 2);
    if (error) {
        return error;
    }
    if (dst.n_bits != 1) {
        return xstrdup("Only 1-bit destination field is allowed");
    }
    c = ofpact_put_CHECK_PKT_LARGER(ctx->ofpacts);
    c->pkt_len = pkt_len;
    c->dst = dst;
    return NULL;
}

/* Splits ARG at its commas into at most MAX fields; returns the count. */
static int
split_args(char *arg, char *fields[], int max)
{
    int n = 0;

    while (n < max) {
        fields[n++] = arg;
        arg = strchr(arg, ',');
        if (!arg || n == max) {
            break;
        }
        *arg++ = '\0';
    }
    return n;
}

static char * OVS_WARN_UNUSED_RESULT
parse_multipath(struct parse_ctx *ctx, char *arg)
{
    char *copy = xstrdup(arg);
    char *f[6];
    int n = split_args(arg, f, 6);
    struct ofpact_multipath m;
    char *error = NULL;
    int fields, alg;
    unsigned int n_links;

    memset(&m, 0, sizeof m);
    if (n != 6 || strchr(f[5], ',')) {
        error = xasprintf("%s: not enough arguments to multipath action",
                          copy);
    } else if ((fields = name_index(hash_field_names,
                                    ARRAY_SIZE(hash_field_names),
                                    f[0])) < 0) {
        error = xasprintf("%s: unknown fields `%s'", copy, f[0]);
    } else if ((alg = name_index(multipath_alg_names,
                                 ARRAY_SIZE(multipath_alg_names),
                                 f[2])) < 0) {
        error = xasprintf("%s: unknown algorithm `%s'", copy, f[2]);
    } else if (!str_to_uint(f[3], 10, &n_links)
               || n_links < 1 || n_links > 65536) {
        error = xasprintf("%s: n_links %s is not in valid range 1 to 65536",
                          copy, f[3]);
    } else {
        m.fields = fields;
        m.algorithm = alg;
        m.max_link = n_links - 1;
        error = parse_u16(f[1], &m.basis);
        if (!error) {
            error = parse_u32(f[4], &m.arg);
        }
        if (!error) {
            error = ofpact_parse_subfield(&m.dst, f[5]);
        }
        if (!error && m.dst.n_bits < 16 && n_links > (1u << m.dst.n_bits)) {
            error = xasprintf("%s: %d-bit destination field has %u possible "
                              "values, less than specified n_links %u",
                              copy, m.dst.n_bits, 1u << m.dst.n_bits,
                              n_links);
        }
    }
    free(copy);
    if (!error) {
        struct ofpact_multipath *p = ofpact_put_MULTIPATH(ctx->ofpacts);

        m.ofpact = p->ofpact;
        *p = m;
    }
    return error;
}

static char * OVS_WARN_UNUSED_RESULT
parse_bundle(struct parse_ctx *ctx, char *arg, bool load)
{
    size_t start = ctx->ofpacts->size;
    char *copy = xstrdup(arg);
    char *f[6];
    int n_fixed = load ? 6 : 5;
    int n = split_args(arg, f, n_fixed);
    struct ofpact_bundle *bu;
    char *error = NULL;
    int fields, alg;

    bu = ofpact_put_BUNDLE(ctx->ofpacts);
    if (n < n_fixed) {
        error = xasprintf("%s: not enough arguments to bundle action", copy);
        goto out;
    }
    fields = name_index(hash_field_names, ARRAY_SIZE(hash_field_names),
                        f[0]);
    alg = name_index(bundle_alg_names, ARRAY_SIZE(bundle_alg_names), f[2]);
    if (fields < 0) {
        error = xasprintf("%s: unknown fields `%s'", copy, f[0]);
        goto out;
    } else if (alg < 0) {
        error = xasprintf("%s: unknown algorithm `%s'", copy, f[2]);
        goto out;
    } else if (strcmp(f[3], "ofport")) {
        error = xasprintf("%s: unknown member_type `%s'", copy, f[3]);
        goto out;
    }
    bu->fields = fields;
    bu->algorithm = alg;
    error = parse_u16(f[1], &bu->basis);
    if (!error && load) {
        error = ofpact_parse_subfield(&bu->dst, f[4]);
    }
    if (error) {
        goto out;
    }

    char *list = f[n_fixed - 1];
    if (strncmp(list, "members:", 8) && strncmp(list, "slaves:", 7)) {
        error = xasprintf("%s: missing member delimiter, expected `members', "
                          "got `%s'", copy, list);
        goto out;
    }
    list = strchr(list, ':') + 1;

    uint16_t n_members = 0;
    char *save = NULL;
    for (char *tok = strtok_r(list, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        ofp_port_t port;

        if (!parse_port(tok, ctx->pp, &port)) {
            error = xasprintf("%s: bad port number", tok);
            goto out;
        }
        ofpbuf_put(ctx->ofpacts, &port, sizeof port);
        n_members++;
    }
    bu = ofpbuf_at_assert(ctx->ofpacts, start, sizeof *bu);
    bu->n_members = n_members;
    ofpact_finish(ctx->ofpacts, &bu->ofpact);

out:
    free(copy);
    if (error) {
        ctx->ofpacts->size = start;
    }
    return error;
}

static char * OVS_WARN_UNUSED_RESULT
parse_ct(struct parse_ctx *ctx, char *arg)
{
    size_t start = ctx->ofpacts->size;
    struct ofpact_conntrack *ct;
    char *key, *value, *suffix;
    char *error = NULL;

    ct = ofpact_put_CT(ctx->ofpacts);
    ct->recirc_table = 255;
    while (!error && next_item(&arg, &key, &value, &suffix)) {
        ct = ofpbuf_at_assert(ctx->ofpacts, start, sizeof *ct);
        if (!strcmp(key, "commit")) {
            ct->flags |= NX_CT_F_COMMIT;
        } else if (!strcmp(key, "force")) {
            ct->flags |= NX_CT_F_FORCE;
        } else if (!strcmp(key, "table")) {
            if (!parse_table(value, &ct->recirc_table)
                || ct->recirc_table == 255) {
                error = xasprintf("unknown table %s", value);
            }
        } else if (!strcmp(key, "zone")) {
            if (strchr(value, '[')) {
                error = ofpact_parse_subfield(&ct->zone_src, value);
            } else {
                error = parse_u16(value, &ct->zone_imm);
            }
        } else if (!strcmp(key, "alg")) {
            if (!strcmp(value, "ftp")) {
                ct->alg = 21;
            } else if (!strcmp(value, "tftp")) {
                ct->alg = 69;
            } else {
                error = xasprintf("invalid conntrack helper \"%s\"", value);
            }
        } else if (!strcmp(key, "exec")) {
            size_t nested = ctx->ofpacts->size;
            const struct ofpact *a;

            if (ctx->depth >= 100) {
                error = xstrdup("action list nested too deeply");
                break;
            }
            ctx->depth++;
            ctx->in_ct_exec = true;
            error = parse_list(ctx, value, false, false);
            ctx->in_ct_exec = false;
            ctx->depth--;
            if (error) {
                break;
            }
            OFPACT_FOR_EACH (a, ofpbuf_at_assert(ctx->ofpacts, nested, 0),
                             ctx->ofpacts->size - nested) {
                if (a->type != OFPACT_SET_FIELD) {
                    char *name = xstrdup(ofpact_name(a->type));

                    for (char *p = name; *p; p++) {
                        *p = tolower((unsigned char) *p);
                    }
                    error = xasprintf("ct action doesn't support nested "
                                      "action %s", name);
                    free(name);
                    break;
                }
            }
        } else {
            error = xasprintf("invalid argument to \"ct\" action: `%s'",
                              key);
        }
    }
    if (error) {
        ctx->ofpacts->size = start;
        return error;
    }
    ct = ofpbuf_at_assert(ctx->ofpacts, start, sizeof *ct);
    ofpact_finish(ctx->ofpacts, &ct->ofpact);
    return NULL;
}

/* Parses nested actions (clone, write_actions) into a new ofpact_nest of
 * TYPE. */
static char * OVS_WARN_UNUSED_RESULT
parse_nest(struct parse_ctx *ctx, enum ofpact_type type, char *arg)
{
    size_t start = ctx->ofpacts->size;
    struct ofpact_nest *n;
    char *error;

    if (ctx->depth >= 100) {
        return xstrdup("action list nested too deeply");
    }
    ofpact_put(ctx->ofpacts, type, sizeof *n);
    ctx->depth++;
    error = parse_list(ctx, arg, false, false);
    ctx->depth--;
    if (error) {
        ctx->ofpacts->size = start;
        return error;
    }
    n = ofpbuf_at_assert(ctx->ofpacts, start, sizeof *n);
    ofpact_finish(ctx->ofpacts, &n->ofpact);
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_vlan_vid(struct parse_ctx *ctx, const char *arg, bool push_if_needed)
{
    uint16_t vid;
    char *error = parse_u16(arg, &vid);

    if (error) {
        free(error);
        return xasprintf("invalid VLAN VID \"%s\"", arg);
    }
    if (vid > 4095) {
        return xasprintf("%s: not a valid VLAN VID", arg);
    }
    struct ofpact_vlan_vid *v = ofpact_put_SET_VLAN_VID(ctx->ofpacts);
    v->vlan_vid = vid;
    v->push_vlan_if_needed = push_if_needed;
    v->ofpact.raw = push_if_needed ? RAW_OF10_SET_VLAN_VID
                                   : RAW_OF11_SET_VLAN_VID;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_vlan_pcp(struct parse_ctx *ctx, const char *arg, bool push_if_needed)
{
    uint8_t pcp;
    char *error = parse_u8(arg, &pcp);

    if (error || pcp > 7) {
        free(error);
        return xasprintf("%s: not a valid VLAN PCP", arg);
    }
    struct ofpact_vlan_pcp *v = ofpact_put_SET_VLAN_PCP(ctx->ofpacts);
    v->vlan_pcp = pcp;
    v->push_vlan_if_needed = push_if_needed;
    v->ofpact.raw = push_if_needed ? RAW_OF10_SET_VLAN_PCP
                                   : RAW_OF11_SET_VLAN_PCP;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_subfield_action(struct parse_ctx *ctx, enum ofpact_type type,
                      const char *arg)
{
    struct mf_subfield sf;
    char *error = ofpact_parse_subfield(&sf, arg);

    if (!error) {
        struct ofpact_stack *st = ofpact_put(ctx->ofpacts, type, sizeof *st);

        st->subfield = sf;
    }
    return error;
}

static char * OVS_WARN_UNUSED_RESULT
parse_ethertype(const char *arg, const char *what, ovs_be16 *ethertype)
{
    uint16_t e;
    char *error = parse_u16(arg, &e);

    if (error) {
        free(error);
        return xasprintf("invalid %s \"%s\"", what, arg);
    }
    *ethertype = htons(e);
    return NULL;
}

/* Parses one action or instruction KEY with VALUE.  Sets *IS_DROP for
 * "drop". */
static char * OVS_WARN_UNUSED_RESULT
parse_one(struct parse_ctx *ctx, char *key, char *value, char *suffix,
          bool *is_drop)
{
    struct ofpbuf *b = ctx->ofpacts;
    char *error = NULL;
    ofp_port_t port;

    if (!strcasecmp(key, "output")) {
        return parse_output(ctx, value);
    } else if (!strcmp(key, "drop")) {
        *is_drop = true;
        return NULL;
    } else if (!strcmp(key, "resubmit")) {
        return parse_resubmit(ctx, value);
    } else if (!strcmp(key, "enqueue")) {
        return parse_enqueue(ctx, value);
    } else if (!strcasecmp(key, "controller")) {
        return parse_controller(ctx, value);
    } else if (!strcmp(key, "group")) {
        uint32_t id;

        error = parse_u32(value, &id);
        if (!error) {
            ofpact_put_GROUP(b)->group_id = id;
        }
    } else if (!strcmp(key, "mod_vlan_vid")) {
        return parse_vlan_vid(ctx, value, true);
    } else if (!strcmp(key, "set_vlan_vid")) {
        return parse_vlan_vid(ctx, value, false);
    } else if (!strcmp(key, "mod_vlan_pcp")) {
        return parse_vlan_pcp(ctx, value, true);
    } else if (!strcmp(key, "set_vlan_pcp")) {
        return parse_vlan_pcp(ctx, value, false);
    } else if (!strcmp(key, "strip_vlan")) {
        ofpact_put_STRIP_VLAN(b)->ofpact.raw = RAW_OF10_STRIP_VLAN;
    } else if (!strcmp(key, "pop_vlan")) {
        ofpact_put_STRIP_VLAN(b)->ofpact.raw = RAW_OF11_POP_VLAN;
    } else if (!strcmp(key, "push_vlan")) {
        uint16_t e;

        error = parse_u16(value, &e);
        if (error) {
            free(error);
            return xasprintf("invalid ethertype \"%s\"", value);
        }
        if (e != 0x8100 && e != 0x88a8) {
            error = xasprintf("%s: not a valid VLAN ethertype", value);
        }
        if (!error) {
            ofpact_put_PUSH_VLAN(b)->ethertype = htons(e);
        }
    } else if (!strcmp(key, "mod_dl_src") || !strcmp(key, "mod_dl_dst")) {
        struct eth_addr mac;

        if (!eth_addr_from_string(value, &mac)) {
            return xasprintf("invalid mac address %s", value);
        }
        if (key[7] == 's') {
            ofpact_put_SET_ETH_SRC(b)->mac = mac;
        } else {
            ofpact_put_SET_ETH_DST(b)->mac = mac;
        }
    } else if (!strcmp(key, "mod_nw_src") || !strcmp(key, "mod_nw_dst")) {
        ovs_be32 ip;

        if (!ip_parse(value, &ip)) {
            return xasprintf("%s: could not convert to IP address", value);
        }
        if (key[7] == 's') {
            ofpact_put_SET_IPV4_SRC(b)->ipv4 = ip;
        } else {
            ofpact_put_SET_IPV4_DST(b)->ipv4 = ip;
        }
    } else if (!strcmp(key, "mod_nw_tos")) {
        uint8_t tos;

        error = parse_u8(value, &tos);
        if (error || tos & ~0xfc) {
            free(error);
            return xasprintf("%s: not a valid TOS", value);
        }
        ofpact_put_SET_IP_DSCP(b)->dscp = tos;
    } else if (!strcmp(key, "mod_nw_ecn")) {
        uint8_t ecn;

        error = parse_u8(value, &ecn);
        if (error || ecn > 3) {
            free(error);
            return xasprintf("%s: not a valid ECN", value);
        }
        ofpact_put_SET_IP_ECN(b)->ecn = ecn;
    } else if (!strcmp(key, "mod_nw_ttl")) {
        uint8_t ttl;

        error = parse_u8(value, &ttl);
        if (error) {
            free(error);
            return xasprintf("invalid TTL \"%s\"", value);
        }
        ofpact_put_SET_IP_TTL(b)->ttl = ttl;
    } else if (!strcmp(key, "mod_tp_src") || !strcmp(key, "mod_tp_dst")) {
        uint16_t p;

        error = parse_u16(value, &p);
        if (error) {
            free(error);
            return xasprintf("invalid %s port \"%s\"",
                             key[7] == 's' ? "source" : "destination",
                             value);
        }
        if (key[7] == 's') {
            ofpact_put_SET_L4_SRC_PORT(b)->port = p;
        } else {
            ofpact_put_SET_L4_DST_PORT(b)->port = p;
        }
    } else if (!strcmp(key, "set_field")) {
        return parse_set_field(ctx, value, false);
    } else if (!strcmp(key, "load")) {
        return parse_load(ctx, value);
    } else if (!strcmp(key, "move")) {
        return parse_move(ctx, value);
    } else if (!strcmp(key, "push")) {
        return parse_subfield_action(ctx, OFPACT_STACK_PUSH, value);
    } else if (!strcmp(key, "pop")) {
        return parse_subfield_action(ctx, OFPACT_STACK_POP, value);
    } else if (!strcmp(key, "dec_ttl")) {
        return parse_dec_ttl(ctx, value);
    } else if (!strcmp(key, "set_mpls_label")) {
        uint32_t label;

        error = parse_u32(value, &label);
        if (!error && label & ~0xfffff) {
            error = xasprintf("invalid MPLS label \"%s\"", value);
        }
        if (!error) {
            ofpact_put_SET_MPLS_LABEL(b)->label = htonl(label);
        }
    } else if (!strcmp(key, "set_mpls_tc")) {
        uint8_t tc;

        error = parse_u8(value, &tc);
        if (error || tc > 7) {
            free(error);
            error = xasprintf("invalid MPLS TC \"%s\"", value);
        }
        if (!error) {
            ofpact_put_SET_MPLS_TC(b)->tc = tc;
        }
    } else if (!strcmp(key, "set_mpls_ttl")) {
        uint8_t ttl;

        error = parse_u8(value, &ttl);
        if (error) {
            free(error);
            error = xasprintf("invalid MPLS TTL \"%s\"", value);
        } else {
            ofpact_put_SET_MPLS_TTL(b)->ttl = ttl;
        }
    } else if (!strcmp(key, "dec_mpls_ttl")) {
        ofpact_put_DEC_MPLS_TTL(b);
    } else if (!strcmp(key, "push_mpls")) {
        ovs_be16 e;

        error = parse_ethertype(value, "push_mpls", &e);
        if (!error) {
            ofpact_put_PUSH_MPLS(b)->ethertype = e;
        }
    } else if (!strcmp(key, "pop_mpls")) {
        ovs_be16 e;

        error = parse_ethertype(value, "pop_mpls", &e);
        if (!error) {
            ofpact_put_POP_MPLS(b)->ethertype = e;
        }
    } else if (!strcmp(key, "dec_nsh_ttl")) {
        ofpact_put_DEC_NSH_TTL(b);
    } else if (!strcmp(key, "set_tunnel") || !strcmp(key, "set_tunnel64")) {
        uint64_t id;

        error = parse_u64(value, &id);
        if (!error) {
            struct ofpact_tunnel *t = ofpact_put_SET_TUNNEL(b);

            t->tun_id = id;
            t->ofpact.raw = (key[10] == '6' || id > UINT32_MAX
                             ? RAW_NX_SET_TUNNEL64 : RAW_NX_SET_TUNNEL);
        }
    } else if (!strcmp(key, "set_queue")) {
        uint32_t q;

        error = parse_u32(value, &q);
        if (!error) {
            ofpact_put_SET_QUEUE(b)->queue_id = q;
        }
    } else if (!strcmp(key, "pop_queue")) {
        ofpact_put_POP_QUEUE(b);
    } else if (!strcmp(key, "fin_timeout")) {
        return parse_fin_timeout(ctx, value);
    } else if (!strcmp(key, "note")) {
        return parse_note(ctx, value);
    } else if (!strcmp(key, "exit")) {
        ofpact_put_EXIT(b);
    } else if (!strcmp(key, "conjunction")) {
        return parse_conjunction(ctx, value);
    } else if (!strcmp(key, "sample")) {
        return parse_sample(ctx, value);
    } else if (!strcmp(key, "ct")) {
        return parse_ct(ctx, value);
    } else if (!strcmp(key, "multipath")) {
        return parse_multipath(ctx, value);
    } else if (!strcmp(key, "bundle")) {
        return parse_bundle(ctx, value, false);
    } else if (!strcmp(key, "bundle_load")) {
        return parse_bundle(ctx, value, true);
    } else if (!strcmp(key, "ct_clear")) {
        ofpact_put_CT_CLEAR(b);
    } else if (!strcmp(key, "clone")) {
        return parse_nest(ctx, OFPACT_CLONE, value);
    } else if (!strcmp(key, "check_pkt_larger")) {
        return parse_check_pkt_larger(ctx, value, suffix);
    } else if (!strcmp(key, "debug_recirc")) {
        ofpact_put_DEBUG_RECIRC(b);
    } else if (!strcmp(key, "debug_slow")) {
        ofpact_put_DEBUG_SLOW(b);
    } else if (!strcmp(key, "meter")) {
        uint32_t m;

        error = parse_u32(value, &m);
        if (!error) {
            ofpact_put_METER(b)->meter_id = m;
        }
    } else if (!strcmp(key, "clear_actions")) {
        ofpact_put_CLEAR_ACTIONS(b);
    } else if (!strcmp(key, "write_actions")) {
        return parse_nest(ctx, OFPACT_WRITE_ACTIONS, value);
    } else if (!strcmp(key, "write_metadata")) {
        char *slash = strchr(value, '/');
        uint64_t md, mask = UINT64_MAX;

        if (slash) {
            *slash = '\0';
        }
        error = parse_u64(value, &md);
        if (!error && slash) {
            error = parse_u64(slash + 1, &mask);
        }
        if (!error) {
            struct ofpact_metadata *m = ofpact_put_WRITE_METADATA(b);

            m->metadata = htonll(md);
            m->mask = htonll(mask);
        }
    } else if (!strcmp(key, "goto_table")) {
        uint8_t t;

        if (!parse_table(value, &t)) {
            return xasprintf("unknown table \"%s\"", value);
        }
        ofpact_put_GOTO_TABLE(b)->table_id = t;
    } else if (parse_port(key, ctx->pp, &port)) {
        struct ofpact_output *o = ofpact_put_OUTPUT(b);

        o->port = port;
        o->max_len = port == OFPP_CONTROLLER ? UINT16_MAX : 0;
    } else {
        return xasprintf("unknown action %s", key);
    }
    return error;
}

static bool
is_instruction(enum ofpact_type type)
{
    return (type == OFPACT_METER || type == OFPACT_CLEAR_ACTIONS
            || type == OFPACT_WRITE_ACTIONS || type == OFPACT_WRITE_METADATA
            || type == OFPACT_GOTO_TABLE);
}

static const char *
instruction_name(enum ofpact_type type)
{
    switch (type) {
    case OFPACT_METER: return "meter";
    case OFPACT_CLEAR_ACTIONS: return "clear_actions";
    case OFPACT_WRITE_ACTIONS: return "write_actions";
    case OFPACT_WRITE_METADATA: return "write_metadata";
    case OFPACT_GOTO_TABLE: return "goto_table";
    default: return "apply_actions";
    }
}

/* Parses comma-separated actions from S (modified) into CTX->ofpacts. */
static char *
parse_list(struct parse_ctx *ctx, char *s, bool instructions,
           bool allow_instructions OVS_UNUSED)
{
    size_t start = ctx->ofpacts->size;
    char *key, *value, *suffix;
    bool drop = false;
    int n = 0;

    while (next_item(&s, &key, &value, &suffix)) {
        size_t before = ctx->ofpacts->size;
        char *error = parse_one(ctx, key, value, suffix, &drop);

        if (error) {
            ctx->ofpacts->size = start;
            return error;
        }
        if (ctx->ofpacts->size > before) {
            const struct ofpact *a = ofpbuf_at_assert(ctx->ofpacts, before,
                                                      sizeof *a);

            if (!instructions && is_instruction(a->type)) {
                ctx->ofpacts->size = start;
                return xasprintf("instruction %s not allowed here",
                                 instruction_name(a->type));
            }
        }
        n++;
    }
    if (drop && n > 1) {
        ctx->ofpacts->size = start;
        return xstrdup("\"drop\" must not be accompanied by any other "
                       "action or instruction");
    }
    return NULL;
}

/* Checks the instruction order rules of OpenFlow 1.1+. */
static char *
check_instruction_order(const struct ofpact *ofpacts, size_t len)
{
    const struct ofpact *a;
    enum ofpact_type last = OFPACT_OUTPUT;
    bool seen[OFPACT_GOTO_TABLE + 1];
    bool any_instruction = false;

    memset(seen, 0, sizeof seen);
    OFPACT_FOR_EACH (a, ofpacts, len) {
        enum ofpact_type type = a->type;

        if (is_instruction(type)) {
            if (seen[type]) {
                return xasprintf("duplicate %s instruction not allowed, for "
                                 "OpenFlow 1.1+ compatibility",
                                 instruction_name(type));
            }
            seen[type] = true;
            if (any_instruction && type < last) {
                return xasprintf("invalid instruction ordering: %s must "
                                 "appear before %s, for OpenFlow 1.1+ "
                                 "compatibility", instruction_name(type),
                                 instruction_name(last));
            }
            any_instruction = true;
            last = type;
        } else if (any_instruction && last != OFPACT_METER) {
            return xasprintf("invalid instruction ordering: apply_actions "
                             "must appear before %s, for OpenFlow 1.1+ "
                             "compatibility", instruction_name(last));
        }
    }
    return NULL;
}

static char *
parse_actions__(const char *s_, const struct ofpact_parse_params *pp,
                bool instructions)
{
    struct parse_ctx ctx = { .pp = pp, .ofpacts = pp->ofpacts };
    size_t start = pp->ofpacts->size;
    char *s = xstrdup(s_);
    char *error;

    error = parse_list(&ctx, s, instructions, instructions);
    free(s);
    if (!error && instructions) {
        error = check_instruction_order(
            ofpbuf_at_assert(pp->ofpacts, start, 0),
            pp->ofpacts->size - start);
    }
    if (error) {
        pp->ofpacts->size = start;
        return error;
    }
    if (pp->usable_protocols) {
        const struct ofpact *a;

        *pp->usable_protocols &= OFPUTIL_P_ANY;
        OFPACT_FOR_EACH (a, ofpbuf_at_assert(pp->ofpacts, start, 0),
                         pp->ofpacts->size - start) {
            if (a->type == OFPACT_METER) {
                *pp->usable_protocols &= (OFPUTIL_P_OF13_OXM
                                          | OFPUTIL_P_OF14_OXM
                                          | OFPUTIL_P_OF15_OXM);
            }
        }
    }
    return NULL;
}

char *
ofpacts_parse_actions(const char *s, const struct ofpact_parse_params *pp)
{
    return parse_actions__(s, pp, false);
}

char *
ofpacts_parse_instructions(const char *s,
                           const struct ofpact_parse_params *pp)
{
    return parse_actions__(s, pp, true);
}

/* Wire formats.
 *
 * Every action on the wire is (type, length) and a body, a multiple of 8
 * bytes long.  Standard actions are numbered per version (OFPAT10_* in
 * OpenFlow 1.0, OFPAT11_* later, with OpenFlow 1.2 adding set_field and
 * dropping the per-field set actions); vendor (experimenter) actions are
 * type 0xffff with a 32-bit vendor id (Nicira 0x2320) and a 16-bit
 * subtype.  NXM/OXM field headers inside actions (load, move, set_field,
 * output_reg, push/pop) are 32 bits, or 64 with an experimenter id. */

/* OpenFlow 1.0 action types. */
enum {
    OFPAT10_OUTPUT, OFPAT10_SET_VLAN_VID, OFPAT10_SET_VLAN_PCP,
    OFPAT10_STRIP_VLAN, OFPAT10_SET_DL_SRC, OFPAT10_SET_DL_DST,
    OFPAT10_SET_NW_SRC, OFPAT10_SET_NW_DST, OFPAT10_SET_NW_TOS,
    OFPAT10_SET_TP_SRC, OFPAT10_SET_TP_DST, OFPAT10_ENQUEUE
};

/* OpenFlow 1.1+ action types. */
enum {
    OFPAT11_OUTPUT = 0, OFPAT11_SET_VLAN_VID = 1, OFPAT11_SET_VLAN_PCP = 2,
    OFPAT11_SET_DL_SRC = 3, OFPAT11_SET_DL_DST = 4, OFPAT11_SET_NW_SRC = 5,
    OFPAT11_SET_NW_DST = 6, OFPAT11_SET_NW_TOS = 7, OFPAT11_SET_NW_ECN = 8,
    OFPAT11_SET_TP_SRC = 9, OFPAT11_SET_TP_DST = 10,
    OFPAT11_COPY_TTL_OUT = 11, OFPAT11_COPY_TTL_IN = 12,
    OFPAT11_SET_MPLS_LABEL = 13, OFPAT11_SET_MPLS_TC = 14,
    OFPAT11_SET_MPLS_TTL = 15, OFPAT11_DEC_MPLS_TTL = 16,
    OFPAT11_PUSH_VLAN = 17, OFPAT11_POP_VLAN = 18, OFPAT11_PUSH_MPLS = 19,
    OFPAT11_POP_MPLS = 20, OFPAT11_SET_QUEUE = 21, OFPAT11_GROUP = 22,
    OFPAT11_SET_NW_TTL = 23, OFPAT11_DEC_NW_TTL = 24,
    OFPAT12_SET_FIELD = 25, OFPAT15_COPY_FIELD = 28, OFPAT15_METER = 29
};

#define OFPAT_VENDOR 0xffff

/* Nicira extension action subtypes. */
enum {
    NXAST_RESUBMIT = 1, NXAST_SET_TUNNEL = 2, NXAST_SET_QUEUE = 4,
    NXAST_POP_QUEUE = 5, NXAST_REG_MOVE = 6, NXAST_REG_LOAD = 7,
    NXAST_NOTE = 8, NXAST_SET_TUNNEL64 = 9, NXAST_MULTIPATH = 10,
    NXAST_BUNDLE = 12, NXAST_BUNDLE_LOAD = 13, NXAST_RESUBMIT_TABLE = 14,
    NXAST_OUTPUT_REG = 15, NXAST_EXIT = 17, NXAST_DEC_TTL = 18,
    NXAST_FIN_TIMEOUT = 19, NXAST_CONTROLLER = 20,
    NXAST_DEC_TTL_CNT_IDS = 21, NXAST_PUSH_MPLS = 23, NXAST_POP_MPLS = 24,
    NXAST_WRITE_METADATA = 22, NXAST_SET_MPLS_TTL = 25,
    NXAST_DEC_MPLS_TTL = 26,
    NXAST_STACK_PUSH = 27, NXAST_STACK_POP = 28, NXAST_SAMPLE = 29,
    NXAST_SET_MPLS_LABEL = 30, NXAST_SET_MPLS_TC = 31,
    NXAST_REG_LOAD2 = 33, NXAST_CONJUNCTION = 34, NXAST_CT = 35, NXAST_OUTPUT_TRUNC = 39,
    NXAST_CLONE = 42, NXAST_CT_CLEAR = 43, NXAST_RESUBMIT_TABLE_CT = 44,
    NXAST_CONTROLLER2 = 37, NXAST_GROUP = 40, NXAST_DEC_NSH_TTL = 48,
    NXAST_CHECK_PKT_LARGER = 49, NXAST_DEBUG_SLOW = 254,
    NXAST_DEBUG_RECIRC = 255
};

/* NXAST_CONTROLLER2 property types. */
enum {
    NXAC2PT_MAX_LEN, NXAC2PT_CONTROLLER_ID, NXAC2PT_REASON,
    NXAC2PT_USERDATA, NXAC2PT_PAUSE, NXAC2PT_METER_ID
};

/* OpenFlow 1.1+ instruction types. */
enum {
    OFPIT11_GOTO_TABLE = 1, OFPIT11_WRITE_METADATA = 2,
    OFPIT11_WRITE_ACTIONS = 3, OFPIT11_APPLY_ACTIONS = 4,
    OFPIT11_CLEAR_ACTIONS = 5, OFPIT13_METER = 6
};

static void
put_be16(uint8_t *p, uint16_t x)
{
    p[0] = x >> 8;
    p[1] = x;
}

static void
put_be32(uint8_t *p, uint32_t x)
{
    put_be16(p, x >> 16);
    put_be16(p + 2, x);
}

static void
put_be64(uint8_t *p, uint64_t x)
{
    put_be32(p, x >> 32);
    put_be32(p + 4, x);
}

static uint16_t
get_be16(const uint8_t *p)
{
    return (p[0] << 8) | p[1];
}

static uint32_t
get_be32(const uint8_t *p)
{
    return ((uint32_t) get_be16(p) << 16) | get_be16(p + 2);
}

static uint64_t
get_be64(const uint8_t *p)
{
    return ((uint64_t) get_be32(p) << 32) | get_be32(p + 4);
}

/* Encoding helpers. */

static void *
put_std(struct ofpbuf *out, uint16_t type, size_t len)
{
    uint8_t *p = ofpbuf_put_zeros(out, len);

    put_be16(p, type);
    put_be16(p + 2, len);
    return p;
}

static void *
put_nx(struct ofpbuf *out, uint16_t subtype, size_t len)
{
    uint8_t *p = put_std(out, OFPAT_VENDOR, len);

    put_be32(p + 4, NX_VENDOR_ID);
    put_be16(p + 8, subtype);
    return p;
}

/* The NXM header (32 bits, no mask bit, length N_BYTES) used for MF in
 * NXAST actions, or 0 if it has no plain 32-bit header. */
static uint32_t
nxm_header32(const struct mf_field *mf)
{
    const struct mf_header *h = mf->nxm.present ? &mf->nxm
                                                : &mf->oxm[0].header;

    if (!h->present || h->class == OXM_EXP) {
        return 0;
    }
    return ((uint32_t) h->class << 16) | (h->field << 9) | mf->n_bytes;
}

static const struct mf_field *
field_from_header32(uint32_t header)
{
    const struct mf_field *mf = mf_from_header(header >> 16,
                                               (header >> 9) & 0x7f, 0);

    return mf && (header & 0xff) == mf->n_bytes ? mf : NULL;
}

/* Appends an OXM TLV for MF (with MASK unless NULL) in VERSION's header. */
static void
put_oxm(struct ofpbuf *out, const struct mf_field *mf,
        const union mf_value *value, const union mf_value *mask,
        enum ofp_version version)
{
    const struct mf_header *h = mf_oxm_header(mf, version);

    if (!h->present) {
        /* A field newer than VERSION: use its newest header anyway. */
        h = mf->oxm[1].header.present ? &mf->oxm[1].header
                                      : &mf->oxm[0].header;
    }
    bool exp = h->class == OXM_EXP;
    size_t len = (exp ? 4 : 0) + mf->n_bytes * (mask ? 2 : 1);
    uint8_t *p = ofpbuf_put_uninit(out, 4 + (exp ? 4 : 0));

    put_be32(p, ((uint32_t) h->class << 16) | (h->field << 9)
             | (mask ? 0x100 : 0) | len);
    if (exp) {
        put_be32(p + 4, h->experimenter);
    }
    ofpbuf_put(out, value, mf->n_bytes);
    if (mask) {
        ofpbuf_put(out, mask, mf->n_bytes);
    }
}

/* Appends MF's OXM header for VERSION, without mask, to OUT. */
static void
put_oxm_header(struct ofpbuf *out, const struct mf_field *mf,
               enum ofp_version version)
{
    const struct mf_header *h = mf_oxm_header(mf, version);

    if (!h->present) {
        h = mf->oxm[1].header.present ? &mf->oxm[1].header
                                      : &mf->oxm[0].header;
    }
    bool exp = h->class == OXM_EXP;
    uint8_t *p = ofpbuf_put_uninit(out, exp ? 8 : 4);

    put_be32(p, ((uint32_t) h->class << 16) | (h->field << 9)
             | ((exp ? 4 : 0) + mf->n_bytes));
    if (exp) {
        put_be32(p + 4, h->experimenter);
    }
}

/* Pulls an OXM header (no mask) from *P, with *LEN bytes left, into *MF. */
static enum ofperr
pull_oxm_header(const uint8_t **p, size_t *len, const struct mf_field **mf)
{
    uint32_t header, experimenter = 0;
    size_t hlen = 4;

    if (*len < 4) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    header = get_be32(*p);
    if (header >> 16 == OXM_EXP) {
        if (*len < 8) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        experimenter = get_be32(*p + 4);
        hlen = 8;
    }
    *mf = mf_from_header(header >> 16, (header >> 9) & 0x7f, experimenter);
    if (!*mf || header & 0x100
        || (header & 0xff) != (*mf)->n_bytes + (hlen - 4)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    *p += hlen;
    *len -= hlen;
    return 0;
}

/* Pulls an OXM TLV from P (LEN bytes available).  Returns 0 or an error;
 * *CONSUMED gets its size. */
static enum ofperr
pull_oxm(const uint8_t *p, size_t len, const struct mf_field **mfp,
         union mf_value *value, union mf_value *mask, size_t *consumed)
{
    if (len < 4) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    }
    uint32_t header = get_be32(p);
    uint16_t class = header >> 16;
    bool has_mask = header & 0x100;
    size_t payload = header & 0xff;
    uint32_t experimenter = 0;
    size_t hlen = 4;

    if (class == OXM_EXP) {
        if (len < 8 || payload < 4) {
            return OFPERR_OFPBAC_BAD_SET_LEN;
        }
        experimenter = get_be32(p + 4);
        hlen = 8;
        payload -= 4;
    }
    if (hlen + payload > len) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    }
    const struct mf_field *mf = mf_from_header(class, (header >> 9) & 0x7f,
                                               experimenter);
    if (!mf || !mf_is_supported(mf)) {
        return OFPERR_OFPBAC_BAD_SET_TYPE;
    }
    if (payload != mf->n_bytes * (has_mask ? 2 : 1)) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    }
    memset(value, 0, sizeof *value);
    memcpy(value, p + hlen, mf->n_bytes);
    memset(mask, 0xff, sizeof *mask);
    if (has_mask) {
        memcpy(mask, p + hlen + mf->n_bytes, mf->n_bytes);
    }
    *mfp = mf;
    *consumed = hlen + payload;
    return 0;
}

/* Encoding.  ENCODE_CTX carries the output and version. */
struct encode_ctx {
    struct ofpbuf *out;
    enum ofp_version version;
};

static void encode_list(const struct ofpact *, size_t len,
                        struct encode_ctx *);

static uint16_t
ofs_nbits(unsigned int ofs, unsigned int n_bits)
{
    return (ofs << 6) | (n_bits - 1);
}

static void
encode_output_port(ofp_port_t port, uint16_t max_len, struct encode_ctx *c)
{
    if (c->version == OFP10_VERSION) {
        uint8_t *p = put_std(c->out, OFPAT10_OUTPUT, 8);

        put_be16(p + 4, port);
        put_be16(p + 6, max_len);
    } else {
        uint8_t *p = put_std(c->out, OFPAT11_OUTPUT, 16);

        put_be32(p + 4, ofputil_port_to_ofp11(port));
        put_be16(p + 8, max_len);
    }
}

/* NXAST_REG_LOAD or, where that cannot express it, NXAST_REG_LOAD2. */
static void
encode_reg_load(const struct ofpact_set_field *sf, struct encode_ctx *c)
{
    const struct mf_field *mf = sf->field;
    uint32_t header = nxm_header32(mf);
    struct mf_subfield dst;

    if (header && mask_to_subfield(mf, &sf->mask, &dst)) {
        /* One NXAST_REG_LOAD per 64 bits, lowest first. */
        for (unsigned int ofs = dst.ofs; ofs < dst.ofs + dst.n_bits;
             ofs += 64) {
            unsigned int n = MIN(64, dst.ofs + dst.n_bits - ofs);
            union mf_value v = sf->value;
            uint64_t x = 0;

            value_shift_right(&v, mf->n_bytes, ofs);
            for (unsigned int i = mf->n_bytes > 8 ? mf->n_bytes - 8 : 0;
                 i < mf->n_bytes; i++) {
                x = (x << 8) | v.b[i];
            }
            x &= n >= 64 ? UINT64_MAX : (UINT64_C(1) << n) - 1;

            uint8_t *p = put_nx(c->out, NXAST_REG_LOAD, 24);
            put_be16(p + 10, ofs_nbits(ofs, n));
            put_be32(p + 12, header);
            put_be64(p + 16, x);
        }
        return;
    }

    size_t start = c->out->size;
    put_nx(c->out, NXAST_REG_LOAD2, 10);
    put_oxm(c->out, mf, &sf->value,
            mf_value_is_all_ones(mf, &sf->mask) ? NULL : &sf->mask,
            OFP15_VERSION);
    ofpbuf_padto(c->out, start + ROUND_UP(c->out->size - start, 8));
    put_be16((uint8_t *) c->out->data + start + 2, c->out->size - start);
}

static void
encode_set_field(const struct ofpact_set_field *sf, struct encode_ctx *c)
{
    const struct mf_field *mf = sf->field;
    bool all_ones = mf_value_is_all_ones(mf, &sf->mask);

    if (c->version < OFP12_VERSION
        || (sf->ofpact.raw == RAW_NX_REG_LOAD && c->version < OFP15_VERSION)
        || (!all_ones && c->version < OFP15_VERSION)) {
        encode_reg_load(sf, c);
        return;
    }
    size_t start = c->out->size;
    put_std(c->out, OFPAT12_SET_FIELD, 4);
    put_oxm(c->out, mf, &sf->value, all_ones ? NULL : &sf->mask,
            c->version);
    ofpbuf_padto(c->out, start + ROUND_UP(c->out->size - start, 8));
    put_be16((uint8_t *) c->out->data + start + 2, c->out->size - start);
}

/* Encodes a set of a whole field MF to VALUE as set_field (or reg_load in
 * OpenFlow 1.0 and 1.1). */
static void
encode_set_field_value(const struct mf_field *mf, const void *value,
                       struct encode_ctx *c)
{
    struct ofpact_set_field sf;

    memset(&sf, 0, sizeof sf);
    sf.field = mf;
    memcpy(&sf.value, value, mf->n_bytes);
    memset(&sf.mask, 0xff, mf->n_bytes);
    sf.ofpact.raw = RAW_OF12_SET_FIELD;
    encode_set_field(&sf, c);
}

static void
encode_subfield_nx(uint16_t subtype, const struct mf_subfield *sf,
                   struct encode_ctx *c)
{
    uint8_t *p = put_nx(c->out, subtype, 24);

    put_be16(p + 10, sf->ofs);
    put_be32(p + 12, nxm_header32(sf->field));
    put_be16(p + 16, sf->n_bits);
}

static void
encode_nested(uint16_t subtype, const struct ofpact_nest *n,
              struct encode_ctx *c)
{
    size_t start = c->out->size;

    put_nx(c->out, subtype, 16);
    encode_list(ofpact_nest_get_actions(n), ofpact_nest_get_actions_len(n),
                c);
    put_be16((uint8_t *) c->out->data + start + 2, c->out->size - start);
}

/* Converts a set_field with an all-ones mask on a field that has a
 * pre-OpenFlow 1.2 action into that action, for OpenFlow 1.0 and 1.1.
 * Returns true if it did. */
static bool
encode_set_field_legacy(const struct ofpact_set_field *sf,
                        struct encode_ctx *c)
{
    bool of10 = c->version == OFP10_VERSION;
    const union mf_value *v = &sf->value;
    uint8_t *p;

    if (!mask_is_exact(sf->field, &sf->mask)
        || sf->ofpact.raw == RAW_NX_REG_LOAD) {
        return false;
    }
    switch (sf->field->id) {
    case MFF_ETH_SRC:
    case MFF_ETH_DST:
        p = put_std(c->out, (sf->field->id == MFF_ETH_SRC
                             ? (of10 ? OFPAT10_SET_DL_SRC
                                : OFPAT11_SET_DL_SRC)
                             : (of10 ? OFPAT10_SET_DL_DST
                                : OFPAT11_SET_DL_DST)), 16);
        memcpy(p + 4, &v->mac, 6);
        return true;
    case MFF_IPV4_SRC:
    case MFF_IPV4_DST:
        p = put_std(c->out, (sf->field->id == MFF_IPV4_SRC
                             ? (of10 ? OFPAT10_SET_NW_SRC
                                : OFPAT11_SET_NW_SRC)
                             : (of10 ? OFPAT10_SET_NW_DST
                                : OFPAT11_SET_NW_DST)), 8);
        memcpy(p + 4, &v->be32, 4);
        return true;
    case MFF_IP_DSCP_SHIFTED:
        p = put_std(c->out, of10 ? OFPAT10_SET_NW_TOS : OFPAT11_SET_NW_TOS,
                    8);
        p[4] = v->u8 << 2;
        return true;
    case MFF_IP_DSCP:
        p = put_std(c->out, of10 ? OFPAT10_SET_NW_TOS : OFPAT11_SET_NW_TOS,
                    8);
        p[4] = v->u8 & 0xfc;
        return true;
    case MFF_IP_ECN:
        if (of10) {
            return false;
        }
        p = put_std(c->out, OFPAT11_SET_NW_ECN, 8);
        p[4] = v->u8 & 3;
        return true;
    case MFF_VLAN_VID:
        p = put_std(c->out, of10 ? OFPAT10_SET_VLAN_VID
                    : OFPAT11_SET_VLAN_VID, 8);
        put_be16(p + 4, ntohs(v->be16) & VLAN_VID_MASK);
        return true;
    case MFF_VLAN_PCP:
        p = put_std(c->out, of10 ? OFPAT10_SET_VLAN_PCP
                    : OFPAT11_SET_VLAN_PCP, 8);
        p[4] = v->u8 & 7;
        return true;
    case MFF_TCP_SRC:
    case MFF_UDP_SRC:
        p = put_std(c->out, of10 ? OFPAT10_SET_TP_SRC : OFPAT11_SET_TP_SRC,
                    8);
        memcpy(p + 4, &v->be16, 2);
        return true;
    case MFF_TCP_DST:
    case MFF_UDP_DST:
        p = put_std(c->out, of10 ? OFPAT10_SET_TP_DST : OFPAT11_SET_TP_DST,
                    8);
        memcpy(p + 4, &v->be16, 2);
        return true;
    default:
        return false;
    }
}

/* Appends a NXAST_CONTROLLER2 property of TYPE with LEN bytes of DATA,
 * padded to 8 bytes. */
static void
put_controller2_prop(struct ofpbuf *out, uint16_t type, const void *data,
                     size_t len)
{
    size_t start = out->size;
    uint8_t *p = ofpbuf_put_uninit(out, 4);

    put_be16(p, type);
    put_be16(p + 2, 4 + len);
    ofpbuf_put(out, data, len);
    ofpbuf_padto(out, start + ROUND_UP(4 + len, 8));
}

static void
encode_controller(const struct ofpact_controller *ct, struct encode_ctx *c)
{
    uint8_t *p;

    if (!ct->userdata_len && !ct->pause
        && ct->meter_id == NX_CTLR_NO_METER) {
        p = put_nx(c->out, NXAST_CONTROLLER, 16);
        put_be16(p + 10, ct->max_len);
        put_be16(p + 12, ct->controller_id);
        p[14] = ct->reason;
        return;
    }

    size_t start = c->out->size;
    uint8_t buf[4];

    put_nx(c->out, NXAST_CONTROLLER2, 16);
    if (ct->max_len != UINT16_MAX) {
        put_be16(buf, ct->max_len);
        put_controller2_prop(c->out, NXAC2PT_MAX_LEN, buf, 2);
    }
    if (ct->controller_id) {
        put_be16(buf, ct->controller_id);
        put_controller2_prop(c->out, NXAC2PT_CONTROLLER_ID, buf, 2);
    }
    if (ct->reason != 1) {
        buf[0] = ct->reason;
        put_controller2_prop(c->out, NXAC2PT_REASON, buf, 1);
    }
    if (ct->userdata_len) {
        put_controller2_prop(c->out, NXAC2PT_USERDATA, ct->userdata,
                             ct->userdata_len);
    }
    if (ct->pause) {
        put_controller2_prop(c->out, NXAC2PT_PAUSE, NULL, 0);
    }
    if (ct->meter_id != NX_CTLR_NO_METER) {
        put_be32(buf, ct->meter_id);
        put_controller2_prop(c->out, NXAC2PT_METER_ID, buf, 4);
    }
    put_be16((uint8_t *) c->out->data + start + 2, c->out->size - start);
}

static void
encode_action(const struct ofpact *a, struct encode_ctx *c)
{
    bool of10 = c->version == OFP10_VERSION;
    bool of11 = c->version == OFP11_VERSION;
    bool of12up = c->version >= OFP12_VERSION;
    uint8_t *p;

    switch ((enum ofpact_type) a->type) {
    case OFPACT_OUTPUT: {
        const struct ofpact_output *o = ofpact_get_OUTPUT(a);

        encode_output_port(o->port, o->max_len, c);
        break;
    }
    case OFPACT_GROUP:
        if (of10) {
            p = put_nx(c->out, NXAST_GROUP, 16);
            put_be32(p + 12, ofpact_get_GROUP(a)->group_id);
        } else {
            p = put_std(c->out, OFPAT11_GROUP, 8);
            put_be32(p + 4, ofpact_get_GROUP(a)->group_id);
        }
        break;
    case OFPACT_CONTROLLER:
        encode_controller(ofpact_get_CONTROLLER(a), c);
        break;
    case OFPACT_CHECK_PKT_LARGER: {
        const struct ofpact_check_pkt_larger *cp
            = ofpact_get_CHECK_PKT_LARGER(a);

        p = put_nx(c->out, NXAST_CHECK_PKT_LARGER, 24);
        put_be16(p + 10, cp->pkt_len);
        put_be16(p + 12, cp->dst.ofs);
        put_be32(p + 14, nxm_header32(cp->dst.field));
        break;
    }
    case OFPACT_DEBUG_RECIRC:
        put_nx(c->out, NXAST_DEBUG_RECIRC, 16);
        break;
    case OFPACT_DEBUG_SLOW:
        put_nx(c->out, NXAST_DEBUG_SLOW, 16);
        break;
    case OFPACT_ENQUEUE: {
        const struct ofpact_enqueue *e = ofpact_get_ENQUEUE(a);

        if (of10) {
            p = put_std(c->out, OFPAT10_ENQUEUE, 16);
            put_be16(p + 4, e->port);
            put_be32(p + 12, e->queue);
        } else {
            p = put_std(c->out, OFPAT11_SET_QUEUE, 8);
            put_be32(p + 4, e->queue);
            encode_output_port(e->port, 0, c);
            put_nx(c->out, NXAST_POP_QUEUE, 16);
        }
        break;
    }
    case OFPACT_OUTPUT_REG: {
        const struct ofpact_output_reg *o = ofpact_get_OUTPUT_REG(a);

        p = put_nx(c->out, NXAST_OUTPUT_REG, 24);
        put_be16(p + 10, ofs_nbits(o->src.ofs, o->src.n_bits));
        put_be32(p + 12, nxm_header32(o->src.field));
        put_be16(p + 16, o->max_len);
        break;
    }
    case OFPACT_OUTPUT_TRUNC: {
        const struct ofpact_output_trunc *o = ofpact_get_OUTPUT_TRUNC(a);

        p = put_nx(c->out, NXAST_OUTPUT_TRUNC, 16);
        put_be16(p + 10, o->port);
        put_be32(p + 12, o->max_len);
        break;
    }
    case OFPACT_SET_FIELD: {
        const struct ofpact_set_field *sf = ofpact_get_SET_FIELD(a);

        if (of12up || !encode_set_field_legacy(sf, c)) {
            encode_set_field(sf, c);
        }
        break;
    }
    case OFPACT_SET_VLAN_VID: {
        const struct ofpact_vlan_vid *v = ofpact_get_SET_VLAN_VID(a);

        if (of10) {
            p = put_std(c->out, OFPAT10_SET_VLAN_VID, 8);
            put_be16(p + 4, v->vlan_vid);
            break;
        }
        if (v->push_vlan_if_needed && !v->flow_has_vlan) {
            p = put_std(c->out, OFPAT11_PUSH_VLAN, 8);
            put_be16(p + 4, ETH_TYPE_VLAN);
        }
        if (of11) {
            p = put_std(c->out, OFPAT11_SET_VLAN_VID, 8);
            put_be16(p + 4, v->vlan_vid);
        } else {
            ovs_be16 vid = htons(v->vlan_vid | VLAN_CFI);

            encode_set_field_value(mf_from_id(MFF_VLAN_VID), &vid, c);
        }
        break;
    }
    case OFPACT_SET_VLAN_PCP: {
        const struct ofpact_vlan_pcp *v = ofpact_get_SET_VLAN_PCP(a);

        if (of10) {
            p = put_std(c->out, OFPAT10_SET_VLAN_PCP, 8);
            p[4] = v->vlan_pcp;
            break;
        }
        if (v->push_vlan_if_needed && !v->flow_has_vlan) {
            p = put_std(c->out, OFPAT11_PUSH_VLAN, 8);
            put_be16(p + 4, ETH_TYPE_VLAN);
        }
        if (of11) {
            p = put_std(c->out, OFPAT11_SET_VLAN_PCP, 8);
            p[4] = v->vlan_pcp;
        } else {
            encode_set_field_value(mf_from_id(MFF_VLAN_PCP), &v->vlan_pcp,
                                   c);
        }
        break;
    }
    case OFPACT_STRIP_VLAN:
        put_std(c->out, of10 ? OFPAT10_STRIP_VLAN : OFPAT11_POP_VLAN, 8);
        break;
    case OFPACT_PUSH_VLAN:
        p = put_std(c->out, OFPAT11_PUSH_VLAN, 8);
        put_be16(p + 4, ntohs(ofpact_get_PUSH_VLAN(a)->ethertype));
        break;
    case OFPACT_SET_ETH_SRC:
    case OFPACT_SET_ETH_DST: {
        const struct ofpact_mac *m = (const struct ofpact_mac *) a;
        bool src = a->type == OFPACT_SET_ETH_SRC;

        if (of12up) {
            encode_set_field_value(mf_from_id(src ? MFF_ETH_SRC
                                              : MFF_ETH_DST), &m->mac, c);
        } else {
            p = put_std(c->out, (src ? (of10 ? OFPAT10_SET_DL_SRC
                                        : OFPAT11_SET_DL_SRC)
                                 : (of10 ? OFPAT10_SET_DL_DST
                                    : OFPAT11_SET_DL_DST)), 16);
            memcpy(p + 4, &m->mac, 6);
        }
        break;
    }
    case OFPACT_SET_IPV4_SRC:
    case OFPACT_SET_IPV4_DST: {
        const struct ofpact_ipv4 *ip = (const struct ofpact_ipv4 *) a;
        bool src = a->type == OFPACT_SET_IPV4_SRC;

        if (of12up) {
            encode_set_field_value(mf_from_id(src ? MFF_IPV4_SRC
                                              : MFF_IPV4_DST), &ip->ipv4, c);
        } else {
            p = put_std(c->out, (src ? (of10 ? OFPAT10_SET_NW_SRC
                                        : OFPAT11_SET_NW_SRC)
                                 : (of10 ? OFPAT10_SET_NW_DST
                                    : OFPAT11_SET_NW_DST)), 8);
            memcpy(p + 4, &ip->ipv4, 4);
        }
        break;
    }
    case OFPACT_SET_IP_DSCP: {
        uint8_t dscp = ofpact_get_SET_IP_DSCP(a)->dscp;

        if (of12up) {
            uint8_t shifted = dscp >> 2;

            encode_set_field_value(mf_from_id(MFF_IP_DSCP_SHIFTED),
                                   &shifted, c);
        } else {
            p = put_std(c->out, of10 ? OFPAT10_SET_NW_TOS
                        : OFPAT11_SET_NW_TOS, 8);
            p[4] = dscp;
        }
        break;
    }
    case OFPACT_SET_IP_ECN: {
        uint8_t ecn = ofpact_get_SET_IP_ECN(a)->ecn;

        if (of11) {
            p = put_std(c->out, OFPAT11_SET_NW_ECN, 8);
            p[4] = ecn;
        } else if (of12up) {
            encode_set_field_value(mf_from_id(MFF_IP_ECN), &ecn, c);
        } else {
            struct ofpact_set_field sf;

            memset(&sf, 0, sizeof sf);
            sf.field = mf_from_id(MFF_IP_ECN);
            sf.value.u8 = ecn;
            sf.mask.u8 = 0x3;
            sf.ofpact.raw = RAW_NX_REG_LOAD;
            encode_reg_load(&sf, c);
        }
        break;
    }
    case OFPACT_SET_IP_TTL: {
        uint8_t ttl = ofpact_get_SET_IP_TTL(a)->ttl;

        if (of10) {
            struct ofpact_set_field sf;

            memset(&sf, 0, sizeof sf);
            sf.field = mf_from_id(MFF_IP_TTL);
            sf.value.u8 = ttl;
            sf.mask.u8 = 0xff;
            sf.ofpact.raw = RAW_NX_REG_LOAD;
            encode_reg_load(&sf, c);
        } else {
            p = put_std(c->out, OFPAT11_SET_NW_TTL, 8);
            p[4] = ttl;
        }
        break;
    }
    case OFPACT_SET_L4_SRC_PORT:
    case OFPACT_SET_L4_DST_PORT: {
        const struct ofpact_l4_port *l4 = (const struct ofpact_l4_port *) a;
        bool src = a->type == OFPACT_SET_L4_SRC_PORT;

        if (of12up) {
            enum mf_field_id id;
            ovs_be16 port = htons(l4->port);

            switch (l4->flow_ip_proto) {
            case IPPROTO_UDP:
                id = src ? MFF_UDP_SRC : MFF_UDP_DST;
                break;
            case IPPROTO_SCTP:
                id = src ? MFF_SCTP_SRC : MFF_SCTP_DST;
                break;
            default:
                id = src ? MFF_TCP_SRC : MFF_TCP_DST;
                break;
            }
            encode_set_field_value(mf_from_id(id), &port, c);
        } else {
            p = put_std(c->out, (src ? (of10 ? OFPAT10_SET_TP_SRC
                                        : OFPAT11_SET_TP_SRC)
                                 : (of10 ? OFPAT10_SET_TP_DST
                                    : OFPAT11_SET_TP_DST)), 8);
            put_be16(p + 4, l4->port);
        }
        break;
    }
    case OFPACT_REG_MOVE: {
        const struct ofpact_reg_move *m = ofpact_get_REG_MOVE(a);

        if (c->version >= OFP15_VERSION) {
            size_t start = c->out->size;

            p = put_std(c->out, OFPAT15_COPY_FIELD, 12);
            put_be16(p + 4, m->src.n_bits);
            put_be16(p + 6, m->src.ofs);
            put_be16(p + 8, m->dst.ofs);
            put_oxm_header(c->out, m->src.field, c->version);
            put_oxm_header(c->out, m->dst.field, c->version);
            ofpbuf_padto(c->out, start + ROUND_UP(c->out->size - start, 8));
            put_be16((uint8_t *) c->out->data + start + 2,
                     c->out->size - start);
            break;
        }
        p = put_nx(c->out, NXAST_REG_MOVE, 24);
        put_be16(p + 10, m->src.n_bits);
        put_be16(p + 12, m->src.ofs);
        put_be16(p + 14, m->dst.ofs);
        put_be32(p + 16, nxm_header32(m->src.field));
        put_be32(p + 20, nxm_header32(m->dst.field));
        break;
    }
    case OFPACT_STACK_PUSH:
        encode_subfield_nx(NXAST_STACK_PUSH,
                           &ofpact_get_STACK_PUSH(a)->subfield, c);
        break;
    case OFPACT_STACK_POP:
        encode_subfield_nx(NXAST_STACK_POP,
                           &ofpact_get_STACK_POP(a)->subfield, c);
        break;
    case OFPACT_DEC_TTL: {
        const struct ofpact_cnt_ids *d = ofpact_get_DEC_TTL(a);

        if (a->raw == RAW_NX_DEC_TTL_CNT_IDS) {
            size_t start = c->out->size;

            p = put_nx(c->out, NXAST_DEC_TTL_CNT_IDS, 16);
            put_be16(p + 10, d->n_controllers);
            for (size_t i = 0; i < d->n_controllers; i++) {
                uint8_t id[2];

                put_be16(id, d->cnt_ids[i]);
                ofpbuf_put(c->out, id, 2);
            }
            ofpbuf_padto(c->out, start + ROUND_UP(c->out->size - start, 8));
            put_be16((uint8_t *) c->out->data + start + 2,
                     c->out->size - start);
        } else if (of10) {
            put_nx(c->out, NXAST_DEC_TTL, 16);
        } else {
            put_std(c->out, OFPAT11_DEC_NW_TTL, 8);
        }
        break;
    }
    case OFPACT_SET_MPLS_LABEL: {
        ovs_be32 label = ofpact_get_SET_MPLS_LABEL(a)->label;

        if (of10) {
            p = put_nx(c->out, NXAST_SET_MPLS_LABEL, 16);
            put_be32(p + 12, ntohl(label));
        } else if (of11) {
            p = put_std(c->out, OFPAT11_SET_MPLS_LABEL, 8);
            put_be32(p + 4, ntohl(label));
        } else {
            encode_set_field_value(mf_from_id(MFF_MPLS_LABEL), &label, c);
        }
        break;
    }
    case OFPACT_SET_MPLS_TC: {
        uint8_t tc = ofpact_get_SET_MPLS_TC(a)->tc;

        if (of10) {
            p = put_nx(c->out, NXAST_SET_MPLS_TC, 16);
            p[10] = tc;
        } else if (of11) {
            p = put_std(c->out, OFPAT11_SET_MPLS_TC, 8);
            p[4] = tc;
        } else {
            encode_set_field_value(mf_from_id(MFF_MPLS_TC), &tc, c);
        }
        break;
    }
    case OFPACT_SET_MPLS_TTL:
        if (of10) {
            p = put_nx(c->out, NXAST_SET_MPLS_TTL, 16);
            p[10] = ofpact_get_SET_MPLS_TTL(a)->ttl;
        } else {
            p = put_std(c->out, OFPAT11_SET_MPLS_TTL, 8);
            p[4] = ofpact_get_SET_MPLS_TTL(a)->ttl;
        }
        break;
    case OFPACT_DEC_MPLS_TTL:
        if (of10) {
            put_nx(c->out, NXAST_DEC_MPLS_TTL, 16);
        } else {
            put_std(c->out, OFPAT11_DEC_MPLS_TTL, 8);
        }
        break;
    case OFPACT_PUSH_MPLS:
    case OFPACT_POP_MPLS: {
        bool push = a->type == OFPACT_PUSH_MPLS;
        ovs_be16 e = (push ? ofpact_get_PUSH_MPLS(a)->ethertype
                      : ofpact_get_POP_MPLS(a)->ethertype);

        if (of10) {
            p = put_nx(c->out, push ? NXAST_PUSH_MPLS : NXAST_POP_MPLS, 16);
            put_be16(p + 10, ntohs(e));
        } else {
            p = put_std(c->out, push ? OFPAT11_PUSH_MPLS
                        : OFPAT11_POP_MPLS, 8);
            put_be16(p + 4, ntohs(e));
        }
        break;
    }
    case OFPACT_DEC_NSH_TTL:
        put_nx(c->out, NXAST_DEC_NSH_TTL, 16);
        break;
    case OFPACT_SET_TUNNEL: {
        const struct ofpact_tunnel *t = ofpact_get_SET_TUNNEL(a);

        if (of12up) {
            ovs_be64 id = htonll(t->tun_id);

            encode_set_field_value(mf_from_id(MFF_TUN_ID), &id, c);
        } else if (a->raw == RAW_NX_SET_TUNNEL64
                   || t->tun_id > UINT32_MAX) {
            p = put_nx(c->out, NXAST_SET_TUNNEL64, 24);
            put_be64(p + 16, t->tun_id);
        } else {
            p = put_nx(c->out, NXAST_SET_TUNNEL, 16);
            put_be32(p + 12, t->tun_id);
        }
        break;
    }
    case OFPACT_SET_QUEUE:
        if (of10) {
            p = put_nx(c->out, NXAST_SET_QUEUE, 16);
            put_be32(p + 12, ofpact_get_SET_QUEUE(a)->queue_id);
        } else {
            p = put_std(c->out, OFPAT11_SET_QUEUE, 8);
            put_be32(p + 4, ofpact_get_SET_QUEUE(a)->queue_id);
        }
        break;
    case OFPACT_POP_QUEUE:
        put_nx(c->out, NXAST_POP_QUEUE, 16);
        break;
    case OFPACT_FIN_TIMEOUT: {
        const struct ofpact_fin_timeout *f = ofpact_get_FIN_TIMEOUT(a);

        p = put_nx(c->out, NXAST_FIN_TIMEOUT, 16);
        put_be16(p + 10, f->fin_idle_timeout);
        put_be16(p + 12, f->fin_hard_timeout);
        break;
    }
    case OFPACT_RESUBMIT: {
        const struct ofpact_resubmit *r = ofpact_get_RESUBMIT(a);

        if (r->with_ct_orig) {
            p = put_nx(c->out, NXAST_RESUBMIT_TABLE_CT, 16);
        } else if (r->table_id == 255 && a->raw != RAW_NX_RESUBMIT_TABLE) {
            p = put_nx(c->out, NXAST_RESUBMIT, 16);
        } else {
            p = put_nx(c->out, NXAST_RESUBMIT_TABLE, 16);
        }
        put_be16(p + 10, r->in_port);
        p[12] = r->table_id;
        break;
    }
    case OFPACT_CONJUNCTION: {
        const struct ofpact_conjunction *cj = ofpact_get_CONJUNCTION(a);

        p = put_nx(c->out, NXAST_CONJUNCTION, 16);
        p[10] = cj->clause;
        p[11] = cj->n_clauses;
        put_be32(p + 12, cj->id);
        break;
    }
    case OFPACT_NOTE: {
        const struct ofpact_note *n = ofpact_get_NOTE(a);
        size_t start = c->out->size;

        put_nx(c->out, NXAST_NOTE, 10);
        ofpbuf_put(c->out, n->data, n->length);
        ofpbuf_padto(c->out, start + MAX(16, ROUND_UP(10 + n->length, 8)));
        put_be16((uint8_t *) c->out->data + start + 2, c->out->size - start);
        break;
    }
    case OFPACT_EXIT:
        put_nx(c->out, NXAST_EXIT, 16);
        break;
    case OFPACT_SAMPLE: {
        const struct ofpact_sample *s = ofpact_get_SAMPLE(a);

        p = put_nx(c->out, NXAST_SAMPLE, 24);
        put_be16(p + 10, s->probability);
        put_be32(p + 12, s->collector_set_id);
        put_be32(p + 16, s->obs_domain_id);
        put_be32(p + 20, s->obs_point_id);
        break;
    }
    case OFPACT_CT_CLEAR:
        put_nx(c->out, NXAST_CT_CLEAR, 16);
        break;
    case OFPACT_CLONE:
        encode_nested(NXAST_CLONE, ofpact_get_CLONE(a), c);
        break;
    case OFPACT_GOTO_TABLE:
        /* OpenFlow 1.0 has no instructions: goto_table becomes a resubmit
         * and write_metadata a Nicira action; the others are dropped.
         * Later versions encode instructions in
         * ofpacts_put_openflow_instructions(). */
        if (of10) {
            p = put_nx(c->out, NXAST_RESUBMIT_TABLE, 16);
            put_be16(p + 10, OFPP_IN_PORT);
            p[12] = ofpact_get_GOTO_TABLE(a)->table_id;
        }
        break;
    case OFPACT_WRITE_METADATA:
        if (of10) {
            const struct ofpact_metadata *m = ofpact_get_WRITE_METADATA(a);

            p = put_nx(c->out, NXAST_WRITE_METADATA, 32);
            memcpy(p + 16, &m->metadata, 8);
            memcpy(p + 24, &m->mask, 8);
        }
        break;
    case OFPACT_WRITE_ACTIONS:
    case OFPACT_METER:
    case OFPACT_CLEAR_ACTIONS:
        break;
    case OFPACT_MULTIPATH: {
        const struct ofpact_multipath *m = ofpact_get_MULTIPATH(a);

        p = put_nx(c->out, NXAST_MULTIPATH, 32);
        put_be16(p + 10, m->fields);
        put_be16(p + 12, m->basis);
        put_be16(p + 16, m->algorithm);
        put_be16(p + 18, m->max_link);
        put_be32(p + 20, m->arg);
        put_be16(p + 26, ofs_nbits(m->dst.ofs, m->dst.n_bits));
        put_be32(p + 28, nxm_header32(m->dst.field));
        break;
    }
    case OFPACT_BUNDLE: {
        const struct ofpact_bundle *bu = ofpact_get_BUNDLE(a);
        size_t start = c->out->size;

        p = put_nx(c->out, bu->dst.field ? NXAST_BUNDLE_LOAD : NXAST_BUNDLE,
                   32);
        put_be16(p + 10, bu->algorithm);
        put_be16(p + 12, bu->fields);
        put_be16(p + 14, bu->basis);
        put_be32(p + 16, nxm_header32(mf_from_id(MFF_IN_PORT)));
        put_be16(p + 20, bu->n_members);
        if (bu->dst.field) {
            put_be16(p + 22, ofs_nbits(bu->dst.ofs, bu->dst.n_bits));
            put_be32(p + 24, nxm_header32(bu->dst.field));
        }
        for (size_t i = 0; i < bu->n_members; i++) {
            uint8_t port[2];

            put_be16(port, bu->members[i]);
            ofpbuf_put(c->out, port, 2);
        }
        ofpbuf_padto(c->out, start + ROUND_UP(c->out->size - start, 8));
        put_be16((uint8_t *) c->out->data + start + 2, c->out->size - start);
        break;
    }
    case OFPACT_CT: {
        const struct ofpact_conntrack *ct = ofpact_get_CT(a);
        size_t start = c->out->size;

        p = put_nx(c->out, NXAST_CT, 24);
        put_be16(p + 10, ct->flags);
        if (ct->zone_src.field) {
            put_be32(p + 12, nxm_header32(ct->zone_src.field));
            put_be16(p + 16, ofs_nbits(ct->zone_src.ofs,
                                       ct->zone_src.n_bits));
        } else {
            put_be16(p + 16, ct->zone_imm);
        }
        p[18] = ct->recirc_table;
        put_be16(p + 22, ct->alg);
        encode_list((const struct ofpact *) ct->actions,
                    ct->ofpact.len - sizeof *ct, c);
        put_be16((uint8_t *) c->out->data + start + 2, c->out->size - start);
        break;
    }
    case OFPACT_DELETE_FIELD:
    case OFPACT_ENCAP:
    case OFPACT_DECAP:
    case OFPACT_LEARN:
    case OFPACT_UNROLL_XLATE:
    case OFPACT_NAT:
    case OFPACT_OUTPUT_TRUNC_:
    default:
        /* No wire form yet. */
        break;
    }
}

static void
encode_list(const struct ofpact *ofpacts, size_t len, struct encode_ctx *c)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, len) {
        encode_action(a, c);
    }
}

size_t
ofpacts_put_openflow_actions(const struct ofpact *ofpacts, size_t len,
                             struct ofpbuf *openflow,
                             enum ofp_version version)
{
    struct encode_ctx c = { .out = openflow, .version = version };
    size_t start = openflow->size;

    encode_list(ofpacts, len, &c);
    return openflow->size - start;
}

size_t
ofpacts_put_openflow_instructions(const struct ofpact *ofpacts, size_t len,
                                  struct ofpbuf *openflow,
                                  enum ofp_version version)
{
    struct encode_ctx c = { .out = openflow, .version = version };
    size_t start = openflow->size;
    const struct ofpact *a;
    bool any_apply = false;
    uint8_t *p;

    if (version == OFP10_VERSION) {
        return ofpacts_put_openflow_actions(ofpacts, len, openflow, version);
    }
    OFPACT_FOR_EACH (a, ofpacts, len) {
        if (a->type == OFPACT_METER && version < OFP15_VERSION) {
            p = put_std(openflow, OFPIT13_METER, 8);
            put_be32(p + 4, ofpact_get_METER(a)->meter_id);
        }
        any_apply |= (!is_instruction(a->type)
                      || (a->type == OFPACT_METER
                          && version >= OFP15_VERSION));
    }
    if (any_apply) {
        size_t ofs = openflow->size;

        /* The apply-actions instruction: every action that is not an
         * instruction, in order. */
        put_std(openflow, OFPIT11_APPLY_ACTIONS, 8);
        OFPACT_FOR_EACH (a, ofpacts, len) {
            if (a->type == OFPACT_METER && version >= OFP15_VERSION) {
                /* OpenFlow 1.5 made the meter an action. */
                p = put_std(openflow, OFPAT15_METER, 8);
                put_be32(p + 4, ofpact_get_METER(a)->meter_id);
            } else if (!is_instruction(a->type)) {
                encode_action(a, &c);
            }
        }
        put_be16((uint8_t *) openflow->data + ofs + 2, openflow->size - ofs);
    }
    OFPACT_FOR_EACH (a, ofpacts, len) {
        switch ((enum ofpact_type) a->type) {
        case OFPACT_CLEAR_ACTIONS:
            put_std(openflow, OFPIT11_CLEAR_ACTIONS, 8);
            break;
        case OFPACT_WRITE_ACTIONS: {
            const struct ofpact_nest *n = ofpact_get_WRITE_ACTIONS(a);
            size_t ofs = openflow->size;

            if (!ofpact_nest_get_actions_len(n)) {
                break;
            }
            put_std(openflow, OFPIT11_WRITE_ACTIONS, 8);
            encode_list(ofpact_nest_get_actions(n),
                        ofpact_nest_get_actions_len(n), &c);
            put_be16((uint8_t *) openflow->data + ofs + 2,
                     openflow->size - ofs);
            break;
        }
        case OFPACT_WRITE_METADATA: {
            const struct ofpact_metadata *m = ofpact_get_WRITE_METADATA(a);

            p = put_std(openflow, OFPIT11_WRITE_METADATA, 24);
            memcpy(p + 8, &m->metadata, 8);
            memcpy(p + 16, &m->mask, 8);
            break;
        }
        case OFPACT_GOTO_TABLE:
            p = put_std(openflow, OFPIT11_GOTO_TABLE, 8);
            p[4] = ofpact_get_GOTO_TABLE(a)->table_id;
            break;
        default:
            break;
        }
    }
    return openflow->size - start;
}

/* Decoding. */

struct decode_ctx {
    struct ofpbuf *ofpacts;
    enum ofp_version version;
    int depth;
};

static enum ofperr decode_list(const uint8_t *p, size_t len,
                               struct decode_ctx *);

static enum ofperr
decode_port(uint32_t raw, bool of10, ofp_port_t *port)
{
    if (of10) {
        *port = raw;
        return 0;
    }
    if (!ofputil_port_from_ofp11(raw, port)) {
        return OFPERR_OFPBAC_BAD_OUT_PORT;
    }
    return 0;
}

static enum ofperr
check_output_port(ofp_port_t port)
{
    switch (port) {
    case OFPP_IN_PORT:
    case OFPP_TABLE:
    case OFPP_NORMAL:
    case OFPP_FLOOD:
    case OFPP_ALL:
    case OFPP_CONTROLLER:
    case OFPP_LOCAL:
        return 0;
    default:
        return port < OFPP_MAX ? 0 : OFPERR_OFPBAC_BAD_OUT_PORT;
    }
}

static enum ofperr
decode_output(ofp_port_t port, uint16_t max_len, struct decode_ctx *c)
{
    enum ofperr error = check_output_port(port);

    if (!error) {
        struct ofpact_output *o = ofpact_put_OUTPUT(c->ofpacts);

        o->port = port;
        o->max_len = max_len;
    }
    return error;
}

static enum ofperr
decode_subfield(uint32_t header, unsigned int ofs, unsigned int n_bits,
                struct mf_subfield *sf)
{
    const struct mf_field *mf = field_from_header32(header);

    if (!mf) {
        return OFPERR_OFPBAC_BAD_SET_TYPE;
    }
    if (!n_bits || ofs + n_bits > mf->n_bits) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    }
    sf->field = mf;
    sf->ofs = ofs;
    sf->n_bits = n_bits;
    return 0;
}

static enum ofperr
decode_set_field(const uint8_t *p, size_t len, struct decode_ctx *c,
                 enum ofp_raw_action raw, size_t hdr)
{
    const struct mf_field *mf;
    union mf_value value, mask;
    size_t consumed;
    enum ofperr error;

    error = pull_oxm(p + hdr, len - hdr, &mf, &value, &mask, &consumed);
    if (error) {
        return error;
    }
    if (ROUND_UP(hdr + consumed, 8) != len) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    }
    for (size_t i = hdr + consumed; i < len; i++) {
        if (p[i]) {
            return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
        }
    }
    for (unsigned int i = 0; i < mf->n_bytes; i++) {
        if (value.b[i] & ~mask.b[i]) {
            return OFPERR_OFPBMC_BAD_WILDCARDS;
        }
    }
    if (!mf->writable) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    if (raw == RAW_OF12_SET_FIELD && !mf_value_is_all_ones(mf, &mask)
        && c->version < OFP15_VERSION) {
        return OFPERR_OFPBAC_BAD_SET_MASK;
    }
    for (unsigned int i = 0; i < mf->n_bytes; i++) {
        value.b[i] &= mask.b[i];
    }
    if (!mf_is_value_valid(mf, &value)
        || (mf->id == MFF_VLAN_VID && raw == RAW_OF12_SET_FIELD
            && !(value.be16 & htons(VLAN_CFI)))) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    struct ofpact_set_field *sf = ofpact_put_SET_FIELD(c->ofpacts);
    sf->ofpact.raw = raw;
    sf->field = mf;
    sf->value = value;
    sf->mask = mask;
    return 0;
}

static enum ofperr
decode_controller2(const uint8_t *p, size_t len, struct decode_ctx *c)
{
    struct ofpbuf *b = c->ofpacts;
    size_t start = b->size;
    struct ofpact_controller *ct = ofpact_put_CONTROLLER(b);
    const uint8_t *userdata = NULL;
    size_t userdata_len = 0;
    size_t ofs;

    ct->max_len = UINT16_MAX;
    ct->reason = 1;
    ct->meter_id = NX_CTLR_NO_METER;
    for (ofs = 16; ofs < len; ) {
        uint16_t type, plen;

        if (len - ofs < 4) {
            goto bad;
        }
        type = get_be16(p + ofs);
        plen = get_be16(p + ofs + 2);
        if (plen < 4 || ofs + plen > len) {
            goto bad;
        }
        const uint8_t *v = p + ofs + 4;
        size_t vlen = plen - 4;
        switch (type) {
        case NXAC2PT_MAX_LEN:
            if (vlen != 2) {
                goto bad;
            }
            ct->max_len = get_be16(v);
            break;
        case NXAC2PT_CONTROLLER_ID:
            if (vlen != 2) {
                goto bad;
            }
            ct->controller_id = get_be16(v);
            break;
        case NXAC2PT_REASON:
            if (vlen != 1) {
                goto bad;
            }
            ct->reason = v[0];
            break;
        case NXAC2PT_USERDATA:
            userdata = v;
            userdata_len = vlen;
            break;
        case NXAC2PT_PAUSE:
            ct->pause = true;
            break;
        case NXAC2PT_METER_ID:
            if (vlen != 4) {
                goto bad;
            }
            ct->meter_id = get_be32(v);
            break;
        default:
            goto bad;
        }
        ofs += ROUND_UP(plen, 8);
    }
    ct->userdata_len = userdata_len;
    if (userdata_len) {
        ofpbuf_put(b, userdata, userdata_len);
    }
    ct = ofpbuf_at_assert(b, start, sizeof *ct);
    ofpact_finish(b, &ct->ofpact);
    return 0;

bad:
    b->size = start;
    return OFPERR_OFPBAC_BAD_ARGUMENT;
}

static enum ofperr
decode_nx(const uint8_t *p, size_t len, struct decode_ctx *c)
{
    struct ofpbuf *b = c->ofpacts;
    uint16_t subtype;

    if (len < 16) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    subtype = get_be16(p + 8);

#define NX_LEN(N) if (len != (N)) { return OFPERR_OFPBAC_BAD_LEN; }
    switch (subtype) {
    case NXAST_RESUBMIT:
    case NXAST_RESUBMIT_TABLE:
    case NXAST_RESUBMIT_TABLE_CT: {
        struct ofpact_resubmit *r;

        NX_LEN(16);
        r = ofpact_put_RESUBMIT(b);
        r->in_port = get_be16(p + 10);
        r->table_id = subtype == NXAST_RESUBMIT ? 255 : p[12];
        r->with_ct_orig = subtype == NXAST_RESUBMIT_TABLE_CT;
        r->ofpact.raw = (subtype == NXAST_RESUBMIT ? RAW_NX_RESUBMIT
                         : subtype == NXAST_RESUBMIT_TABLE
                         ? RAW_NX_RESUBMIT_TABLE : RAW_NX_RESUBMIT_TABLE_CT);
        return 0;
    }
    case NXAST_SET_TUNNEL: {
        NX_LEN(16);
        struct ofpact_tunnel *t = ofpact_put_SET_TUNNEL(b);
        t->tun_id = get_be32(p + 12);
        t->ofpact.raw = RAW_NX_SET_TUNNEL;
        return 0;
    }
    case NXAST_SET_TUNNEL64: {
        NX_LEN(24);
        struct ofpact_tunnel *t = ofpact_put_SET_TUNNEL(b);
        t->tun_id = get_be64(p + 16);
        t->ofpact.raw = RAW_NX_SET_TUNNEL64;
        return 0;
    }
    case NXAST_SET_QUEUE:
        NX_LEN(16);
        ofpact_put_SET_QUEUE(b)->queue_id = get_be32(p + 12);
        return 0;
    case NXAST_POP_QUEUE:
        NX_LEN(16);
        ofpact_put_POP_QUEUE(b);
        return 0;
    case NXAST_REG_MOVE: {
        struct mf_subfield src, dst;
        enum ofperr error;

        if (c->version >= OFP15_VERSION) {
            /* OpenFlow 1.5 has its own copy_field action. */
            return OFPERR_OFPBAC_BAD_VENDOR_TYPE;
        }
        NX_LEN(24);
        unsigned int n_bits = get_be16(p + 10);
        error = decode_subfield(get_be32(p + 16), get_be16(p + 12), n_bits,
                                &src);
        if (!error) {
            error = decode_subfield(get_be32(p + 20), get_be16(p + 14),
                                    n_bits, &dst);
        }
        if (error) {
            return error;
        }
        struct ofpact_reg_move *m = ofpact_put_REG_MOVE(b);
        m->src = src;
        m->dst = dst;
        return 0;
    }
    case NXAST_REG_LOAD: {
        struct mf_subfield dst;
        enum ofperr error;

        NX_LEN(24);
        uint16_t on = get_be16(p + 10);
        error = decode_subfield(get_be32(p + 12), on >> 6, (on & 0x3f) + 1,
                                &dst);
        if (error) {
            return error;
        }
        uint64_t x = get_be64(p + 16);
        if (dst.n_bits < 64 && x >> dst.n_bits) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        if (!dst.field->writable) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        struct ofpact_set_field *sf = ofpact_put_SET_FIELD(b);
        unsigned int n = dst.field->n_bytes;

        sf->ofpact.raw = RAW_NX_REG_LOAD;
        sf->field = dst.field;
        for (unsigned int i = 0; i < n && i < 8; i++) {
            sf->value.b[n - 1 - i] = x >> (8 * i);
        }
        value_shift_left(&sf->value, n, dst.ofs);
        for (unsigned int bit = dst.ofs; bit < dst.ofs + dst.n_bits; bit++) {
            sf->mask.b[n - 1 - bit / 8] |= 1u << (bit % 8);
        }
        return 0;
    }
    case NXAST_REG_LOAD2:
        return decode_set_field(p, len, c, RAW_NX_REG_LOAD, 10);
    case NXAST_NOTE: {
        size_t start = b->size;
        struct ofpact_note *n = ofpact_put_NOTE(b);

        ofpbuf_put(b, p + 10, len - 10);
        n = ofpbuf_at_assert(b, start, sizeof *n);
        n->length = len - 10;
        ofpact_finish(b, &n->ofpact);
        return 0;
    }
    case NXAST_OUTPUT_REG: {
        struct mf_subfield src;
        enum ofperr error;

        NX_LEN(24);
        uint16_t on = get_be16(p + 10);
        error = decode_subfield(get_be32(p + 12), on >> 6, (on & 0x3f) + 1,
                                &src);
        if (error) {
            return error;
        }
        for (int i = 18; i < 24; i++) {
            if (p[i]) {
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
        }
        struct ofpact_output_reg *o = ofpact_put_OUTPUT_REG(b);
        o->src = src;
        o->max_len = get_be16(p + 16);
        return 0;
    }
    case NXAST_EXIT:
        NX_LEN(16);
        ofpact_put_EXIT(b);
        return 0;
    case NXAST_DEC_TTL: {
        NX_LEN(16);
        size_t start = b->size;
        struct ofpact_cnt_ids *d = ofpact_put_DEC_TTL(b);
        uint16_t zero = 0;

        d->ofpact.raw = RAW_NX_DEC_TTL;
        d->n_controllers = 1;
        ofpbuf_put(b, &zero, sizeof zero);
        d = ofpbuf_at_assert(b, start, sizeof *d);
        ofpact_finish(b, &d->ofpact);
        return 0;
    }
    case NXAST_DEC_TTL_CNT_IDS: {
        uint16_t n = get_be16(p + 10);

        if (16 + ROUND_UP(2 * n, 8) != len) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        size_t start = b->size;
        struct ofpact_cnt_ids *d = ofpact_put_DEC_TTL(b);

        d->ofpact.raw = RAW_NX_DEC_TTL_CNT_IDS;
        d->n_controllers = n;
        for (uint16_t i = 0; i < n; i++) {
            uint16_t id = get_be16(p + 16 + 2 * i);

            ofpbuf_put(b, &id, sizeof id);
        }
        d = ofpbuf_at_assert(b, start, sizeof *d);
        ofpact_finish(b, &d->ofpact);
        return 0;
    }
    case NXAST_FIN_TIMEOUT: {
        NX_LEN(16);
        struct ofpact_fin_timeout *f = ofpact_put_FIN_TIMEOUT(b);
        f->fin_idle_timeout = get_be16(p + 10);
        f->fin_hard_timeout = get_be16(p + 12);
        return 0;
    }
    case NXAST_CONTROLLER: {
        NX_LEN(16);
        uint16_t max_len = get_be16(p + 10);
        uint16_t id = get_be16(p + 12);
        uint8_t reason = p[14];

        if (reason == 1 && !id) {
            return decode_output(OFPP_CONTROLLER, max_len, c);
        }
        struct ofpact_controller *ct = ofpact_put_CONTROLLER(b);
        ct->max_len = max_len;
        ct->controller_id = id;
        ct->reason = reason;
        ct->meter_id = NX_CTLR_NO_METER;
        return 0;
    }
    case NXAST_PUSH_MPLS:
    case NXAST_POP_MPLS: {
        NX_LEN(16);
        ovs_be16 e = htons(get_be16(p + 10));

        if (subtype == NXAST_PUSH_MPLS) {
            if (e != htons(ETH_TYPE_MPLS) && e != htons(ETH_TYPE_MPLS_MCAST)) {
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
            ofpact_put_PUSH_MPLS(b)->ethertype = e;
        } else {
            ofpact_put_POP_MPLS(b)->ethertype = e;
        }
        return 0;
    }
    case NXAST_SET_MPLS_TTL:
        NX_LEN(16);
        ofpact_put_SET_MPLS_TTL(b)->ttl = p[10];
        return 0;
    case NXAST_DEC_MPLS_TTL:
        NX_LEN(16);
        ofpact_put_DEC_MPLS_TTL(b);
        return 0;
    case NXAST_SET_MPLS_LABEL: {
        NX_LEN(16);
        uint32_t label = get_be32(p + 12);

        if (label & ~0xfffff) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ofpact_put_SET_MPLS_LABEL(b)->label = htonl(label);
        return 0;
    }
    case NXAST_SET_MPLS_TC:
        NX_LEN(16);
        if (p[10] > 7) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ofpact_put_SET_MPLS_TC(b)->tc = p[10];
        return 0;
    case NXAST_STACK_PUSH:
    case NXAST_STACK_POP: {
        struct mf_subfield sf;
        enum ofperr error;

        NX_LEN(24);
        error = decode_subfield(get_be32(p + 12), get_be16(p + 10),
                                get_be16(p + 16), &sf);
        if (error) {
            return error;
        }
        struct ofpact_stack *st = ofpact_put(b, subtype == NXAST_STACK_PUSH
                                             ? OFPACT_STACK_PUSH
                                             : OFPACT_STACK_POP,
                                             sizeof *st);
        st->subfield = sf;
        return 0;
    }
    case NXAST_SAMPLE: {
        NX_LEN(24);
        struct ofpact_sample *s = ofpact_put_SAMPLE(b);
        s->probability = get_be16(p + 10);
        s->collector_set_id = get_be32(p + 12);
        s->obs_domain_id = get_be32(p + 16);
        s->obs_point_id = get_be32(p + 20);
        s->sampling_port = OFPP_NONE;
        if (!s->probability) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        return 0;
    }
    case NXAST_CONJUNCTION: {
        NX_LEN(16);
        uint8_t clause = p[10], n = p[11];

        if (n < 2 || n > 64 || clause >= n) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        struct ofpact_conjunction *cj = ofpact_put_CONJUNCTION(b);
        cj->clause = clause;
        cj->n_clauses = n;
        cj->id = get_be32(p + 12);
        return 0;
    }
    case NXAST_OUTPUT_TRUNC: {
        NX_LEN(16);
        ofp_port_t port = get_be16(p + 10);
        uint32_t max_len = get_be32(p + 12);

        if (port >= OFPP_MAX && port != OFPP_LOCAL && port != OFPP_IN_PORT) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        struct ofpact_output_trunc *o = ofpact_put_OUTPUT_TRUNC(b);
        o->port = port;
        o->max_len = max_len;
        return 0;
    }
    case NXAST_CT_CLEAR:
        NX_LEN(16);
        ofpact_put_CT_CLEAR(b);
        return 0;
    case NXAST_WRITE_METADATA: {
        NX_LEN(32);
        struct ofpact_metadata *m = ofpact_put_WRITE_METADATA(b);
        memcpy(&m->metadata, p + 16, 8);
        memcpy(&m->mask, p + 24, 8);
        return 0;
    }
    case NXAST_MULTIPATH: {
        struct mf_subfield dst;
        enum ofperr error;

        NX_LEN(32);
        uint16_t fields = get_be16(p + 10), alg = get_be16(p + 16);
        uint16_t on = get_be16(p + 26);

        if (fields >= ARRAY_SIZE(hash_field_names)
            || alg >= ARRAY_SIZE(multipath_alg_names)) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        error = decode_subfield(get_be32(p + 28), on >> 6, (on & 0x3f) + 1,
                                &dst);
        if (error) {
            return error;
        }
        struct ofpact_multipath *m = ofpact_put_MULTIPATH(b);
        m->fields = fields;
        m->basis = get_be16(p + 12);
        m->algorithm = alg;
        m->max_link = get_be16(p + 18);
        m->arg = get_be32(p + 20);
        m->dst = dst;
        return 0;
    }
    case NXAST_BUNDLE:
    case NXAST_BUNDLE_LOAD: {
        uint16_t alg, fields, n;
        struct mf_subfield dst = { .field = NULL };

        if (len < 32) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        alg = get_be16(p + 10);
        fields = get_be16(p + 12);
        n = get_be16(p + 20);
        if (32 + ROUND_UP(2 * n, 8) != len) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        if (alg >= ARRAY_SIZE(bundle_alg_names)
            || fields >= ARRAY_SIZE(hash_field_names)
            || get_be32(p + 16) != nxm_header32(mf_from_id(MFF_IN_PORT))) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        if (subtype == NXAST_BUNDLE_LOAD) {
            uint16_t on = get_be16(p + 22);
            enum ofperr error = decode_subfield(get_be32(p + 24), on >> 6,
                                                (on & 0x3f) + 1, &dst);
            if (error) {
                return error;
            }
        }
        size_t start = b->size;
        struct ofpact_bundle *bu = ofpact_put_BUNDLE(b);

        bu->algorithm = alg;
        bu->fields = fields;
        bu->basis = get_be16(p + 14);
        bu->dst = dst;
        bu->n_members = n;
        for (uint16_t i = 0; i < n; i++) {
            ofp_port_t port = get_be16(p + 32 + 2 * i);

            ofpbuf_put(b, &port, sizeof port);
        }
        bu = ofpbuf_at_assert(b, start, sizeof *bu);
        ofpact_finish(b, &bu->ofpact);
        return 0;
    }
    case NXAST_CT: {
        size_t start = b->size;
        struct ofpact_conntrack *ct;
        struct mf_subfield zone = { .field = NULL };
        enum ofperr error;

        if (len < 24) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        uint16_t flags = get_be16(p + 10);
        uint32_t zone_hdr = get_be32(p + 12);
        uint16_t zone16 = get_be16(p + 16);
        uint16_t alg = get_be16(p + 22);

        if (flags & ~(NX_CT_F_COMMIT | NX_CT_F_FORCE)
            || (alg && !ct_alg_name(alg))) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        if (zone_hdr) {
            error = decode_subfield(zone_hdr, zone16 >> 6,
                                    (zone16 & 0x3f) + 1, &zone);
            if (error) {
                return error;
            }
        }
        if (c->depth >= 64) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ct = ofpact_put_CT(b);
        ct->flags = flags;
        ct->zone_src = zone;
        ct->zone_imm = zone_hdr ? 0 : zone16;
        ct->recirc_table = p[18];
        ct->alg = alg;
        size_t nested = b->size;
        c->depth++;
        error = decode_list(p + 24, len - 24, c);
        c->depth--;
        if (!error) {
            const struct ofpact *a;

            OFPACT_FOR_EACH (a, ofpbuf_at_assert(b, nested, 0),
                             b->size - nested) {
                if (a->type != OFPACT_SET_FIELD) {
                    error = OFPERR_OFPBAC_BAD_ARGUMENT;
                    break;
                }
            }
        }
        if (error) {
            b->size = start;
            return error;
        }
        ct = ofpbuf_at_assert(b, start, sizeof *ct);
        ofpact_finish(b, &ct->ofpact);
        return 0;
    }
    case NXAST_GROUP:
        NX_LEN(16);
        ofpact_put_GROUP(b)->group_id = get_be32(p + 12);
        return 0;
    case NXAST_CONTROLLER2:
        return decode_controller2(p, len, c);
    case NXAST_CHECK_PKT_LARGER: {
        struct mf_subfield dst;
        enum ofperr error;

        NX_LEN(24);
        error = decode_subfield(get_be32(p + 14), get_be16(p + 12), 1, &dst);
        if (error) {
            return error;
        }
        struct ofpact_check_pkt_larger *cp = ofpact_put_CHECK_PKT_LARGER(b);
        cp->pkt_len = get_be16(p + 10);
        cp->dst = dst;
        return 0;
    }
    case NXAST_DEBUG_RECIRC:
    case NXAST_DEBUG_SLOW:
        /* Upstream decodes these only when debugging is enabled. */
        return OFPERR_OFPBAC_BAD_VENDOR_TYPE;
    case NXAST_DEC_NSH_TTL:
        NX_LEN(16);
        ofpact_put_DEC_NSH_TTL(b);
        return 0;
    case NXAST_CLONE: {
        size_t start = b->size;
        enum ofperr error;

        if (c->depth >= 64) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ofpact_put_CLONE(b);
        c->depth++;
        error = decode_list(p + 16, len - 16, c);
        c->depth--;
        if (error) {
            return error;
        }
        struct ofpact_nest *n = ofpbuf_at_assert(b, start, sizeof *n);
        ofpact_finish(b, &n->ofpact);
        return 0;
    }
    default:
        return OFPERR_OFPBAC_BAD_VENDOR_TYPE;
    }
#undef NX_LEN
}

static enum ofperr
decode_of10(const uint8_t *p, size_t len, uint16_t type,
            struct decode_ctx *c)
{
    struct ofpbuf *b = c->ofpacts;
    size_t want = (type == OFPAT10_SET_DL_SRC || type == OFPAT10_SET_DL_DST
                   || type == OFPAT10_ENQUEUE) ? 16 : 8;

    if (type > OFPAT10_ENQUEUE) {
        return OFPERR_OFPBAC_BAD_TYPE;
    }
    if (len != want) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    switch (type) {
    case OFPAT10_OUTPUT:
        return decode_output(get_be16(p + 4), get_be16(p + 6), c);
    case OFPAT10_SET_VLAN_VID: {
        uint16_t vid = get_be16(p + 4);

        if (vid & ~0xfff) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        struct ofpact_vlan_vid *v = ofpact_put_SET_VLAN_VID(b);
        v->vlan_vid = vid;
        v->push_vlan_if_needed = true;
        v->ofpact.raw = RAW_OF10_SET_VLAN_VID;
        return 0;
    }
    case OFPAT10_SET_VLAN_PCP: {
        if (p[4] & ~7) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        struct ofpact_vlan_pcp *v = ofpact_put_SET_VLAN_PCP(b);
        v->vlan_pcp = p[4];
        v->push_vlan_if_needed = true;
        v->ofpact.raw = RAW_OF10_SET_VLAN_PCP;
        return 0;
    }
    case OFPAT10_STRIP_VLAN:
        ofpact_put_STRIP_VLAN(b)->ofpact.raw = RAW_OF10_STRIP_VLAN;
        return 0;
    case OFPAT10_SET_DL_SRC:
        memcpy(&ofpact_put_SET_ETH_SRC(b)->mac, p + 4, 6);
        return 0;
    case OFPAT10_SET_DL_DST:
        memcpy(&ofpact_put_SET_ETH_DST(b)->mac, p + 4, 6);
        return 0;
    case OFPAT10_SET_NW_SRC:
        memcpy(&ofpact_put_SET_IPV4_SRC(b)->ipv4, p + 4, 4);
        return 0;
    case OFPAT10_SET_NW_DST:
        memcpy(&ofpact_put_SET_IPV4_DST(b)->ipv4, p + 4, 4);
        return 0;
    case OFPAT10_SET_NW_TOS:
        if (p[4] & 3) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ofpact_put_SET_IP_DSCP(b)->dscp = p[4];
        return 0;
    case OFPAT10_SET_TP_SRC:
        ofpact_put_SET_L4_SRC_PORT(b)->port = get_be16(p + 4);
        return 0;
    case OFPAT10_SET_TP_DST:
        ofpact_put_SET_L4_DST_PORT(b)->port = get_be16(p + 4);
        return 0;
    case OFPAT10_ENQUEUE: {
        ofp_port_t port = get_be16(p + 4);

        if (port >= OFPP_MAX && port != OFPP_IN_PORT && port != OFPP_LOCAL) {
            return OFPERR_OFPBAC_BAD_OUT_PORT;
        }
        struct ofpact_enqueue *e = ofpact_put_ENQUEUE(b);
        e->port = port;
        e->queue = get_be32(p + 12);
        return 0;
    }
    }
    return OFPERR_OFPBAC_BAD_TYPE;
}

static enum ofperr
decode_copy_field(const uint8_t *p, size_t len, struct decode_ctx *c)
{
    const struct mf_field *src_mf, *dst_mf;
    struct mf_subfield src, dst;
    const uint8_t *q = p + 12;
    size_t left = len - 12;
    enum ofperr error;

    if (len < 16) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    error = pull_oxm_header(&q, &left, &src_mf);
    if (!error) {
        error = pull_oxm_header(&q, &left, &dst_mf);
    }
    if (error) {
        return error;
    }
    if (left >= 8) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    src.field = src_mf;
    src.n_bits = dst.n_bits = get_be16(p + 4);
    src.ofs = get_be16(p + 6);
    dst.field = dst_mf;
    dst.ofs = get_be16(p + 8);
    if (!src.n_bits || src.ofs + src.n_bits > src_mf->n_bits
        || dst.ofs + dst.n_bits > dst_mf->n_bits) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    struct ofpact_reg_move *m = ofpact_put_REG_MOVE(c->ofpacts);
    m->src = src;
    m->dst = dst;
    return 0;
}

static enum ofperr
decode_of11(const uint8_t *p, size_t len, uint16_t type,
            struct decode_ctx *c)
{
    struct ofpbuf *b = c->ofpacts;
    bool of11 = c->version == OFP11_VERSION;
    enum ofperr error;
    ofp_port_t port;

    /* OpenFlow 1.2 dropped the per-field set actions, but like upstream we
     * still decode them (the consistency check may refuse them). */
    if (type == OFPAT12_SET_FIELD && !of11) {
        return decode_set_field(p, len, c, RAW_OF12_SET_FIELD, 4);
    }
    if (type == OFPAT15_COPY_FIELD && c->version >= OFP15_VERSION) {
        return decode_copy_field(p, len, c);
    }
    if (type == OFPAT15_METER && c->version >= OFP15_VERSION) {
        if (len != 8) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        ofpact_put_METER(c->ofpacts)->meter_id = get_be32(p + 4);
        return 0;
    }
    size_t want = (type == OFPAT11_OUTPUT || type == OFPAT11_SET_DL_SRC
                   || type == OFPAT11_SET_DL_DST) ? 16 : 8;
    if (type > OFPAT11_DEC_NW_TTL) {
        return OFPERR_OFPBAC_BAD_TYPE;
    }
    if (len != want) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    switch (type) {
    case OFPAT11_OUTPUT:
        error = decode_port(get_be32(p + 4), false, &port);
        return error ? error : decode_output(port, get_be16(p + 8), c);
    case OFPAT11_SET_VLAN_VID: {
        uint16_t vid = get_be16(p + 4);

        if (vid & ~0xfff) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        struct ofpact_vlan_vid *v = ofpact_put_SET_VLAN_VID(b);
        v->vlan_vid = vid;
        v->ofpact.raw = RAW_OF11_SET_VLAN_VID;
        return 0;
    }
    case OFPAT11_SET_VLAN_PCP: {
        if (p[4] & ~7) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        struct ofpact_vlan_pcp *v = ofpact_put_SET_VLAN_PCP(b);
        v->vlan_pcp = p[4];
        v->ofpact.raw = RAW_OF11_SET_VLAN_PCP;
        return 0;
    }
    case OFPAT11_SET_DL_SRC:
        memcpy(&ofpact_put_SET_ETH_SRC(b)->mac, p + 4, 6);
        return 0;
    case OFPAT11_SET_DL_DST:
        memcpy(&ofpact_put_SET_ETH_DST(b)->mac, p + 4, 6);
        return 0;
    case OFPAT11_SET_NW_SRC:
        memcpy(&ofpact_put_SET_IPV4_SRC(b)->ipv4, p + 4, 4);
        return 0;
    case OFPAT11_SET_NW_DST:
        memcpy(&ofpact_put_SET_IPV4_DST(b)->ipv4, p + 4, 4);
        return 0;
    case OFPAT11_SET_NW_TOS:
        if (p[4] & 3) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ofpact_put_SET_IP_DSCP(b)->dscp = p[4];
        return 0;
    case OFPAT11_SET_NW_ECN:
        if (p[4] & ~3) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ofpact_put_SET_IP_ECN(b)->ecn = p[4];
        return 0;
    case OFPAT11_SET_TP_SRC:
        ofpact_put_SET_L4_SRC_PORT(b)->port = get_be16(p + 4);
        return 0;
    case OFPAT11_SET_TP_DST:
        ofpact_put_SET_L4_DST_PORT(b)->port = get_be16(p + 4);
        return 0;
    case OFPAT11_COPY_TTL_OUT:
    case OFPAT11_COPY_TTL_IN:
        return OFPERR_OFPBAC_BAD_TYPE;
    case OFPAT11_SET_MPLS_LABEL: {
        uint32_t label = get_be32(p + 4);

        if (label & ~0xfffff) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ofpact_put_SET_MPLS_LABEL(b)->label = htonl(label);
        return 0;
    }
    case OFPAT11_SET_MPLS_TC:
        if (p[4] > 7) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ofpact_put_SET_MPLS_TC(b)->tc = p[4];
        return 0;
    case OFPAT11_SET_MPLS_TTL:
        ofpact_put_SET_MPLS_TTL(b)->ttl = p[4];
        return 0;
    case OFPAT11_DEC_MPLS_TTL:
        ofpact_put_DEC_MPLS_TTL(b);
        return 0;
    case OFPAT11_PUSH_VLAN: {
        uint16_t e = get_be16(p + 4);

        if (e != ETH_TYPE_VLAN && e != 0x88a8) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ofpact_put_PUSH_VLAN(b)->ethertype = htons(e);
        return 0;
    }
    case OFPAT11_POP_VLAN:
        ofpact_put_STRIP_VLAN(b)->ofpact.raw = RAW_OF11_POP_VLAN;
        return 0;
    case OFPAT11_PUSH_MPLS: {
        uint16_t e = get_be16(p + 4);

        if (e != ETH_TYPE_MPLS && e != ETH_TYPE_MPLS_MCAST) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        ofpact_put_PUSH_MPLS(b)->ethertype = htons(e);
        return 0;
    }
    case OFPAT11_POP_MPLS:
        ofpact_put_POP_MPLS(b)->ethertype = htons(get_be16(p + 4));
        return 0;
    case OFPAT11_SET_QUEUE:
        ofpact_put_SET_QUEUE(b)->queue_id = get_be32(p + 4);
        return 0;
    case OFPAT11_GROUP:
        ofpact_put_GROUP(b)->group_id = get_be32(p + 4);
        return 0;
    case OFPAT11_SET_NW_TTL:
        ofpact_put_SET_IP_TTL(b)->ttl = p[4];
        return 0;
    case OFPAT11_DEC_NW_TTL: {
        size_t start = b->size;
        struct ofpact_cnt_ids *d = ofpact_put_DEC_TTL(b);
        uint16_t zero = 0;

        d->ofpact.raw = RAW_OF11_DEC_NW_TTL;
        d->n_controllers = 1;
        ofpbuf_put(b, &zero, sizeof zero);
        d = ofpbuf_at_assert(b, start, sizeof *d);
        ofpact_finish(b, &d->ofpact);
        return 0;
    }
    }
    return OFPERR_OFPBAC_BAD_TYPE;
}

static enum ofperr
decode_list(const uint8_t *p, size_t len, struct decode_ctx *c)
{
    while (len) {
        enum ofperr error;

        if (len < 8) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        uint16_t type = get_be16(p);
        size_t alen = get_be16(p + 2);
        if (alen < 8 || alen % 8 || alen > len) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        if (type == OFPAT_VENDOR) {
            if (alen < 16) {
                return OFPERR_OFPBAC_BAD_LEN;
            }
            if (get_be32(p + 4) != NX_VENDOR_ID) {
                return OFPERR_OFPBAC_BAD_VENDOR;
            }
            error = decode_nx(p, alen, c);
        } else if (c->version == OFP10_VERSION) {
            error = decode_of10(p, alen, type, c);
        } else {
            error = decode_of11(p, alen, type, c);
        }
        if (error) {
            return error;
        }
        p += alen;
        len -= alen;
    }
    return 0;
}

enum ofperr
ofpacts_pull_openflow_actions(struct ofpbuf *openflow,
                              unsigned int actions_len,
                              enum ofp_version version,
                              struct ofpbuf *ofpacts)
{
    struct decode_ctx c = { .ofpacts = ofpacts, .version = version };
    const uint8_t *p;
    enum ofperr error;

    ofpbuf_clear(ofpacts);
    if (actions_len % 8) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    p = ofpbuf_try_pull(openflow, actions_len);
    if (!p) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    error = decode_list(p, actions_len, &c);
    if (error) {
        ofpbuf_clear(ofpacts);
    }
    return error;
}

enum ofperr
ofpacts_pull_openflow_instructions(struct ofpbuf *openflow,
                                   unsigned int instructions_len,
                                   enum ofp_version version,
                                   struct ofpbuf *ofpacts)
{
    struct decode_ctx c = { .ofpacts = ofpacts, .version = version };
    const uint8_t *insts[OFPIT13_METER + 1];
    size_t lens[OFPIT13_METER + 1];
    enum ofperr error = 0;
    const uint8_t *p;
    size_t len;

    if (version == OFP10_VERSION) {
        return ofpacts_pull_openflow_actions(openflow, instructions_len,
                                             version, ofpacts);
    }
    ofpbuf_clear(ofpacts);
    if (instructions_len % 8) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    p = ofpbuf_try_pull(openflow, instructions_len);
    if (!p) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    memset(insts, 0, sizeof insts);
    for (len = instructions_len; len; ) {
        if (len < 8) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        uint16_t type = get_be16(p);
        size_t ilen = get_be16(p + 2);

        if (ilen < 8 || ilen % 8 || ilen > len) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        if (type == 0xffff) {
            return OFPERR_OFPBIC_BAD_EXPERIMENTER;
        }
        if (!type || type > OFPIT13_METER
            || (type == OFPIT13_METER && version >= OFP15_VERSION)) {
            return OFPERR_OFPBIC_UNKNOWN_INST;
        }
        if (insts[type]) {
            return OFPERR_OFPBIC_DUP_INST;
        }
        insts[type] = p;
        lens[type] = ilen;
        p += ilen;
        len -= ilen;
    }

    if (insts[OFPIT13_METER]) {
        if (lens[OFPIT13_METER] != 8) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        ofpact_put_METER(ofpacts)->meter_id
            = get_be32(insts[OFPIT13_METER] + 4);
    }
    if (insts[OFPIT11_APPLY_ACTIONS]) {
        error = decode_list(insts[OFPIT11_APPLY_ACTIONS] + 8,
                            lens[OFPIT11_APPLY_ACTIONS] - 8, &c);
    }
    if (!error && insts[OFPIT11_CLEAR_ACTIONS]) {
        if (lens[OFPIT11_CLEAR_ACTIONS] != 8) {
            error = OFPERR_OFPBIC_BAD_LEN;
        } else {
            ofpact_put_CLEAR_ACTIONS(ofpacts);
        }
    }
    if (!error && insts[OFPIT11_WRITE_ACTIONS]) {
        size_t start = ofpacts->size;

        ofpact_put_WRITE_ACTIONS(ofpacts);
        error = decode_list(insts[OFPIT11_WRITE_ACTIONS] + 8,
                            lens[OFPIT11_WRITE_ACTIONS] - 8, &c);
        if (!error) {
            struct ofpact_nest *n = ofpbuf_at_assert(ofpacts, start,
                                                     sizeof *n);
            ofpact_finish(ofpacts, &n->ofpact);
        }
    }
    if (!error && insts[OFPIT11_WRITE_METADATA]) {
        const uint8_t *w = insts[OFPIT11_WRITE_METADATA];

        if (lens[OFPIT11_WRITE_METADATA] != 24) {
            error = OFPERR_OFPBIC_BAD_LEN;
        } else {
            struct ofpact_metadata *m = ofpact_put_WRITE_METADATA(ofpacts);

            memcpy(&m->metadata, w + 8, 8);
            memcpy(&m->mask, w + 16, 8);
        }
    }
    if (!error && insts[OFPIT11_GOTO_TABLE]) {
        if (lens[OFPIT11_GOTO_TABLE] != 8) {
            error = OFPERR_OFPBIC_BAD_LEN;
        } else {
            ofpact_put_GOTO_TABLE(ofpacts)->table_id
                = insts[OFPIT11_GOTO_TABLE][4];
        }
    }
    if (error) {
        ofpbuf_clear(ofpacts);
    }
    return error;
}

/* Consistency checks. */

struct check_ctx {
    struct match match;         /* The match, as the actions change it. */
    ofp_port_t max_ports;
    uint8_t table_id;
    uint8_t n_tables;
    uint32_t usable;            /* OFPUTIL_P_* still usable. */
};

static enum ofperr check_list(struct ofpact *, size_t len,
                              struct check_ctx *);

/* A legacy set action whose prerequisites the match lacks: OpenFlow 1.0
 * tolerates it, later versions do not. */
static void
inconsistent_match(struct check_ctx *c)
{
    c->usable &= OFPUTIL_P_OF10_ANY;
}

static enum ofperr
check_port(ofp_port_t port, const struct check_ctx *c)
{
    if (port < c->max_ports || port == OFPP_IN_PORT || port == OFPP_TABLE
        || port == OFPP_NORMAL || port == OFPP_FLOOD || port == OFPP_ALL
        || port == OFPP_CONTROLLER || port == OFPP_LOCAL) {
        return 0;
    }
    return OFPERR_OFPBAC_BAD_OUT_PORT;
}

static bool
flow_has_vlan(const struct flow *flow)
{
    return (flow->vlans[0].tci & htons(VLAN_CFI)) != 0;
}

static void
set_vlan_present(struct check_ctx *c)
{
    c->match.flow.vlans[0].tci |= htons(VLAN_CFI);
    c->match.wc.masks.vlans[0].tci |= htons(VLAN_CFI);
}

static void
set_dl_type(struct check_ctx *c, ovs_be16 dl_type)
{
    c->match.flow.dl_type = dl_type;
    c->match.wc.masks.dl_type = OVS_BE16_MAX;
}

/* Can OpenFlow 1.1 carry a set_field of MF, through a set action or a
 * field its match knows? */
static bool
field_in_of11(const struct mf_field *mf)
{
    switch (mf->id) {
    case MFF_IN_PORT:
    case MFF_METADATA:
    case MFF_ETH_SRC:
    case MFF_ETH_DST:
    case MFF_ETH_TYPE:
    case MFF_IP_DSCP:
    case MFF_IP_DSCP_SHIFTED:
    case MFF_IP_ECN:
    case MFF_IP_PROTO:
    case MFF_IPV4_SRC:
    case MFF_IPV4_DST:
    case MFF_TCP_SRC:
    case MFF_TCP_DST:
    case MFF_UDP_SRC:
    case MFF_UDP_DST:
    case MFF_SCTP_SRC:
    case MFF_SCTP_DST:
    case MFF_MPLS_LABEL:
    case MFF_MPLS_TC:
    case MFF_ICMPV4_TYPE:
    case MFF_ICMPV4_CODE:
    case MFF_ARP_OP:
    case MFF_ARP_SPA:
    case MFF_ARP_TPA:
    case MFF_VLAN_VID:
    case MFF_VLAN_PCP:
        return true;
    default:
        return false;
    }
}

static enum ofperr
check_action(struct ofpact *a, struct check_ctx *c)
{
    struct flow *flow = &c->match.flow;

    switch ((enum ofpact_type) a->type) {
    case OFPACT_OUTPUT:
        return check_port(ofpact_get_OUTPUT(a)->port, c);
    case OFPACT_ENQUEUE: {
        ofp_port_t port = ofpact_get_ENQUEUE(a)->port;

        if (port >= c->max_ports && port != OFPP_IN_PORT
            && port != OFPP_LOCAL) {
            return OFPERR_OFPBAC_BAD_OUT_PORT;
        }
        return 0;
    }
    case OFPACT_SET_FIELD: {
        struct ofpact_set_field *sf = ofpact_get_SET_FIELD(a);
        const struct mf_field *mf = sf->field;

        if (mf->id == MFF_VLAN_VID || mf->id == MFF_VLAN_PCP
            || mf->id == MFF_VLAN_TCI) {
            if (!flow_has_vlan(flow) && mf->id != MFF_VLAN_TCI) {
                return OFPERR_OFPBAC_MATCH_INCONSISTENT;
            }
            return 0;
        }
        if (!mf_are_match_prereqs_ok(mf, &c->match)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        if (a->raw != RAW_NX_REG_LOAD && !field_in_of11(mf)) {
            c->usable &= ~OFPUTIL_P_OF11_STD;
        }
        return 0;
    }
    case OFPACT_SET_VLAN_VID: {
        struct ofpact_vlan_vid *v = ofpact_get_SET_VLAN_VID(a);

        v->flow_has_vlan = flow_has_vlan(flow);
        if (!v->flow_has_vlan && !v->push_vlan_if_needed) {
            inconsistent_match(c);
        }
        set_vlan_present(c);
        return 0;
    }
    case OFPACT_SET_VLAN_PCP: {
        struct ofpact_vlan_pcp *v = ofpact_get_SET_VLAN_PCP(a);

        v->flow_has_vlan = flow_has_vlan(flow);
        if (!v->flow_has_vlan && !v->push_vlan_if_needed) {
            inconsistent_match(c);
        }
        set_vlan_present(c);
        return 0;
    }
    case OFPACT_STRIP_VLAN:
        if (!flow_has_vlan(flow)) {
            inconsistent_match(c);
        }
        flow->vlans[0].tci = 0;
        return 0;
    case OFPACT_PUSH_VLAN:
        c->usable &= OFPUTIL_P_OF11_UP;
        set_vlan_present(c);
        return 0;
    case OFPACT_SET_IPV4_SRC:
    case OFPACT_SET_IPV4_DST:
        if (flow->dl_type != htons(ETH_TYPE_IP)) {
            inconsistent_match(c);
        }
        return 0;
    case OFPACT_SET_IP_DSCP:
    case OFPACT_SET_IP_ECN:
    case OFPACT_SET_IP_TTL:
        if (!is_ip_any(flow)) {
            inconsistent_match(c);
        }
        return 0;
    case OFPACT_DEC_TTL:
        if (!is_ip_any(flow)) {
            inconsistent_match(c);
        }
        if (a->raw == RAW_NX_DEC_TTL_CNT_IDS) {
            c->usable &= OFPUTIL_P_OF10_ANY | OFPUTIL_P_OF11_UP;
        }
        return 0;
    case OFPACT_SET_L4_SRC_PORT:
    case OFPACT_SET_L4_DST_PORT: {
        struct ofpact_l4_port *l4 = (struct ofpact_l4_port *) a;

        if (!is_ip_any(flow) || (flow->nw_proto != IPPROTO_TCP
                                 && flow->nw_proto != IPPROTO_UDP
                                 && flow->nw_proto != IPPROTO_SCTP)) {
            inconsistent_match(c);
            l4->flow_ip_proto = 0;
        } else {
            l4->flow_ip_proto = flow->nw_proto;
        }
        return 0;
    }
    case OFPACT_SET_MPLS_LABEL:
    case OFPACT_SET_MPLS_TC:
    case OFPACT_SET_MPLS_TTL:
    case OFPACT_DEC_MPLS_TTL:
        if (!eth_type_mpls(flow->dl_type)) {
            inconsistent_match(c);
        }
        return 0;
    case OFPACT_PUSH_MPLS:
        set_dl_type(c, ofpact_get_PUSH_MPLS(a)->ethertype);
        return 0;
    case OFPACT_POP_MPLS:
        if (!eth_type_mpls(flow->dl_type)) {
            inconsistent_match(c);
        }
        set_dl_type(c, ofpact_get_POP_MPLS(a)->ethertype);
        return 0;
    case OFPACT_REG_MOVE: {
        struct ofpact_reg_move *m = ofpact_get_REG_MOVE(a);

        if (!mf_are_match_prereqs_ok(m->src.field, &c->match)
            || !mf_are_match_prereqs_ok(m->dst.field, &c->match)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        if (!m->dst.field->writable) {
            return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
        }
        return 0;
    }
    case OFPACT_STACK_PUSH:
    case OFPACT_STACK_POP: {
        struct ofpact_stack *st = (struct ofpact_stack *) a;

        if (!mf_are_match_prereqs_ok(st->subfield.field, &c->match)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        return 0;
    }
    case OFPACT_OUTPUT_REG:
        if (!mf_are_match_prereqs_ok(ofpact_get_OUTPUT_REG(a)->src.field,
                                     &c->match)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        return 0;
    case OFPACT_CHECK_PKT_LARGER:
        if (!mf_are_match_prereqs_ok(
                ofpact_get_CHECK_PKT_LARGER(a)->dst.field, &c->match)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        return 0;
    case OFPACT_OUTPUT_TRUNC: {
        ofp_port_t port = ofpact_get_OUTPUT_TRUNC(a)->port;

        if (port >= c->max_ports && port != OFPP_IN_PORT
            && port != OFPP_LOCAL) {
            return OFPERR_OFPBAC_BAD_OUT_PORT;
        }
        return 0;
    }
    case OFPACT_RESUBMIT: {
        struct ofpact_resubmit *r = ofpact_get_RESUBMIT(a);

        if (r->with_ct_orig
            && !((flow->ct_state & CS_TRACKED)
                 && (c->match.wc.masks.ct_state & CS_TRACKED)
                 && !(flow->ct_state & CS_INVALID)
                 && (c->match.wc.masks.ct_state & CS_INVALID))) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        return 0;
    }
    case OFPACT_CLONE: {
        struct ofpact_nest *n = ofpact_get_CLONE(a);
        struct match saved = c->match;
        enum ofperr error;

        error = check_list((struct ofpact *) n->actions,
                           ofpact_nest_get_actions_len(n), c);
        c->match = saved;
        return error;
    }
    case OFPACT_WRITE_ACTIONS: {
        struct ofpact_nest *n = ofpact_get_WRITE_ACTIONS(a);
        struct match saved = c->match;
        enum ofperr error;

        error = check_list((struct ofpact *) n->actions,
                           ofpact_nest_get_actions_len(n), c);
        c->match = saved;
        return error;
    }
    case OFPACT_CLEAR_ACTIONS:
    case OFPACT_WRITE_METADATA:
        return 0;
    case OFPACT_METER:
        /* Text with a meter needs OpenFlow 1.3 (see parse_actions__()),
         * but upstream decodes a meter instruction in 1.1 and 1.2 too. */
        return 0;
    case OFPACT_GOTO_TABLE: {
        uint8_t t = ofpact_get_GOTO_TABLE(a)->table_id;

        if ((c->table_id != 255 && t <= c->table_id)
            || (c->n_tables != 255 && t >= c->n_tables)) {
            return OFPERR_OFPBIC_BAD_TABLE_ID;
        }
        return 0;
    }
    case OFPACT_FIN_TIMEOUT:
        if (!is_ip_any(flow) || flow->nw_proto != IPPROTO_TCP) {
            inconsistent_match(c);
        }
        return 0;
    case OFPACT_CT: {
        struct ofpact_conntrack *ct = ofpact_get_CT(a);

        if (!is_ip_any(flow)
            || (ct->alg == 21 && flow->nw_proto != IPPROTO_TCP)
            || (ct->alg == 69 && flow->nw_proto != IPPROTO_UDP)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        if (ct->zone_src.field
            && !mf_are_match_prereqs_ok(ct->zone_src.field, &c->match)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }

        struct match saved = c->match;
        enum ofperr error = check_list((struct ofpact *) ct->actions,
                                       ct->ofpact.len - sizeof *ct, c);
        c->match = saved;
        return error;
    }
    case OFPACT_MULTIPATH:
        if (!mf_are_match_prereqs_ok(ofpact_get_MULTIPATH(a)->dst.field,
                                     &c->match)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        return 0;
    case OFPACT_BUNDLE: {
        const struct ofpact_bundle *bu = ofpact_get_BUNDLE(a);

        for (size_t i = 0; i < bu->n_members; i++) {
            if (bu->members[i] >= c->max_ports) {
                return OFPERR_OFPBAC_BAD_OUT_PORT;
            }
        }
        if (bu->dst.field
            && !mf_are_match_prereqs_ok(bu->dst.field, &c->match)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        return 0;
    }
    case OFPACT_GROUP:
    case OFPACT_CONTROLLER:
    case OFPACT_SET_ETH_SRC:
    case OFPACT_SET_ETH_DST:
    case OFPACT_DEC_NSH_TTL:
    case OFPACT_DELETE_FIELD:
    case OFPACT_ENCAP:
    case OFPACT_DECAP:
    case OFPACT_SET_TUNNEL:
    case OFPACT_SET_QUEUE:
    case OFPACT_POP_QUEUE:
    case OFPACT_LEARN:
    case OFPACT_CONJUNCTION:
    case OFPACT_NOTE:
    case OFPACT_EXIT:
    case OFPACT_SAMPLE:
    case OFPACT_UNROLL_XLATE:
    case OFPACT_CT_CLEAR:
    case OFPACT_NAT:
    case OFPACT_OUTPUT_TRUNC_:
    case OFPACT_DEBUG_RECIRC:
    case OFPACT_DEBUG_SLOW:
    default:
        return 0;
    }
}

static enum ofperr
check_list(struct ofpact *ofpacts, size_t len, struct check_ctx *c)
{
    struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, len) {
        enum ofperr error = check_action(a, c);

        if (error) {
            return error;
        }
    }
    return 0;
}

enum ofperr
ofpacts_check(struct ofpact *ofpacts, size_t ofpacts_len,
              struct match *match, ofp_port_t max_ports,
              uint8_t table_id, uint8_t n_tables,
              uint32_t *usable_protocols)
{
    struct check_ctx c = {
        .match = *match,
        .max_ports = max_ports,
        .table_id = table_id,
        .n_tables = n_tables,
        .usable = usable_protocols ? *usable_protocols : OFPUTIL_P_ANY,
    };
    enum ofperr error = check_list(ofpacts, ofpacts_len, &c);

    if (!error && usable_protocols) {
        *usable_protocols = c.usable;
    }
    return error;
}

enum ofperr
ofpacts_check_consistency(struct ofpact *ofpacts, size_t ofpacts_len,
                          struct match *match, ofp_port_t max_ports,
                          uint8_t table_id, uint8_t n_tables,
                          uint32_t usable_protocols)
{
    uint32_t p = usable_protocols;
    enum ofperr error = ofpacts_check(ofpacts, ofpacts_len, match,
                                      max_ports, table_id, n_tables, &p);

    if (!error && (p & usable_protocols) != usable_protocols) {
        error = OFPERR_OFPBAC_MATCH_INCONSISTENT;
    }
    return error;
}

/* Queries. */

static bool
output_to_port(const struct ofpact *a, ofp_port_t port)
{
    switch ((enum ofpact_type) a->type) {
    case OFPACT_OUTPUT:
        return ofpact_get_OUTPUT(a)->port == port;
    case OFPACT_ENQUEUE:
        return ofpact_get_ENQUEUE(a)->port == port;
    case OFPACT_OUTPUT_TRUNC:
        return ofpact_get_OUTPUT_TRUNC(a)->port == port;
    case OFPACT_CONTROLLER:
        return port == OFPP_CONTROLLER;
    case OFPACT_CLONE:
    case OFPACT_WRITE_ACTIONS: {
        const struct ofpact_nest *n = (const struct ofpact_nest *) a;

        return ofpacts_output_to_port(ofpact_nest_get_actions(n),
                                      ofpact_nest_get_actions_len(n), port);
    }
    default:
        return false;
    }
}

bool
ofpacts_output_to_port(const struct ofpact *ofpacts, size_t len,
                       ofp_port_t port)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, len) {
        if (output_to_port(a, port)) {
            return true;
        }
    }
    return false;
}

bool
ofpacts_output_to_group(const struct ofpact *ofpacts, size_t len,
                        uint32_t group_id)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, len) {
        if (a->type == OFPACT_GROUP
            && ofpact_get_GROUP(a)->group_id == group_id) {
            return true;
        }
        if (a->type == OFPACT_CLONE || a->type == OFPACT_WRITE_ACTIONS) {
            const struct ofpact_nest *n = (const struct ofpact_nest *) a;

            if (ofpacts_output_to_group(ofpact_nest_get_actions(n),
                                        ofpact_nest_get_actions_len(n),
                                        group_id)) {
                return true;
            }
        }
    }
    return false;
}

bool
ofpacts_equal(const struct ofpact *a, size_t a_len,
              const struct ofpact *b, size_t b_len)
{
    return a_len == b_len && (!a_len || !memcmp(a, b, a_len));
}

/* Trailing data is appended after ofpact_put()'s padding, so the
 * structs with trailing data must be a multiple of OFPACT_ALIGNTO. */
BUILD_ASSERT_DECL(sizeof(struct ofpact_controller) % OFPACT_ALIGNTO == 0);
BUILD_ASSERT_DECL(sizeof(struct ofpact_cnt_ids) % OFPACT_ALIGNTO == 0);
BUILD_ASSERT_DECL(sizeof(struct ofpact_bundle) % OFPACT_ALIGNTO == 0);
BUILD_ASSERT_DECL(sizeof(struct ofpact_note) % OFPACT_ALIGNTO == 0);
BUILD_ASSERT_DECL(sizeof(struct ofpact_learn) % OFPACT_ALIGNTO == 0);
BUILD_ASSERT_DECL(sizeof(struct ofpact_nest) % OFPACT_ALIGNTO == 0);
BUILD_ASSERT_DECL(sizeof(struct ofpact_conntrack) % OFPACT_ALIGNTO == 0);
