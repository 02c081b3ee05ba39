/* ofp-actions.h: OpenFlow actions and instructions, in one internal form.
 *
 * Every OpenFlow version and the Nicira/ONF extensions encode actions
 * differently; inside the switch an action list is one form, a sequence
 * of "ofpacts" packed in an ofpbuf.  Each ofpact starts with struct
 * ofpact (type and total length, a multiple of OFPACT_ALIGNTO) followed
 * by its type's own members.  Instructions (goto_table, write_metadata,
 * write_actions, clear_actions, meter) are ofpacts too, in the order
 * OpenFlow 1.1+ requires.
 *
 * This module parses the text syntax of ovs-actions(7), formats it back
 * exactly as upstream prints it, and encodes/decodes each OpenFlow
 * version's wire form.  ofproto's translation walks ofpacts with
 * OFPACT_FOR_EACH.
 *
 * Thread safety: no state; thread-safe on separate objects. */
#ifndef OFP_ACTIONS_H
#define OFP_ACTIONS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "meta-flow.h"
#include "ofp-errors.h"
#include "ofpbuf.h"
#include "types.h"

struct ds;
struct shash;

/* Every ofpact type, one line each: ENUM suffix and struct name. */
#define OFPACTS                                                         \
    /* Output. */                                                       \
    OFPACT(OUTPUT,          ofpact_output)                              \
    OFPACT(GROUP,           ofpact_group)                               \
    OFPACT(CONTROLLER,      ofpact_controller)                          \
    OFPACT(ENQUEUE,         ofpact_enqueue)                             \
    OFPACT(OUTPUT_REG,      ofpact_output_reg)                          \
    OFPACT(OUTPUT_TRUNC,    ofpact_output_trunc)                        \
    OFPACT(BUNDLE,          ofpact_bundle)                              \
    /* Header changes. */                                               \
    OFPACT(SET_FIELD,       ofpact_set_field)                           \
    OFPACT(SET_VLAN_VID,    ofpact_vlan_vid)                            \
    OFPACT(SET_VLAN_PCP,    ofpact_vlan_pcp)                            \
    OFPACT(STRIP_VLAN,      ofpact_null)                                \
    OFPACT(PUSH_VLAN,       ofpact_push_vlan)                           \
    OFPACT(SET_ETH_SRC,     ofpact_mac)                                 \
    OFPACT(SET_ETH_DST,     ofpact_mac)                                 \
    OFPACT(SET_IPV4_SRC,    ofpact_ipv4)                                \
    OFPACT(SET_IPV4_DST,    ofpact_ipv4)                                \
    OFPACT(SET_IP_DSCP,     ofpact_dscp)                                \
    OFPACT(SET_IP_ECN,      ofpact_ecn)                                 \
    OFPACT(SET_IP_TTL,      ofpact_ip_ttl)                              \
    OFPACT(SET_L4_SRC_PORT, ofpact_l4_port)                             \
    OFPACT(SET_L4_DST_PORT, ofpact_l4_port)                             \
    OFPACT(REG_MOVE,        ofpact_reg_move)                            \
    OFPACT(STACK_PUSH,      ofpact_stack)                               \
    OFPACT(STACK_POP,       ofpact_stack)                               \
    OFPACT(DEC_TTL,         ofpact_cnt_ids)                             \
    OFPACT(SET_MPLS_LABEL,  ofpact_mpls_label)                          \
    OFPACT(SET_MPLS_TC,     ofpact_mpls_tc)                             \
    OFPACT(SET_MPLS_TTL,    ofpact_mpls_ttl)                            \
    OFPACT(DEC_MPLS_TTL,    ofpact_null)                                \
    OFPACT(PUSH_MPLS,       ofpact_push_mpls)                           \
    OFPACT(POP_MPLS,        ofpact_pop_mpls)                            \
    OFPACT(DEC_NSH_TTL,     ofpact_null)                                \
    OFPACT(DELETE_FIELD,    ofpact_delete_field)                        \
    OFPACT(ENCAP,           ofpact_encap)                               \
    OFPACT(DECAP,           ofpact_decap)                               \
    OFPACT(SET_TUNNEL,      ofpact_tunnel)                              \
    OFPACT(SET_QUEUE,       ofpact_queue)                               \
    OFPACT(POP_QUEUE,       ofpact_null)                                \
    OFPACT(FIN_TIMEOUT,     ofpact_fin_timeout)                         \
    /* Flow table interaction. */                                       \
    OFPACT(RESUBMIT,        ofpact_resubmit)                            \
    OFPACT(LEARN,           ofpact_learn)                               \
    OFPACT(CONJUNCTION,     ofpact_conjunction)                         \
    /* Arithmetic. */                                                   \
    OFPACT(MULTIPATH,       ofpact_multipath)                           \
    /* Other. */                                                        \
    OFPACT(NOTE,            ofpact_note)                                \
    OFPACT(EXIT,            ofpact_null)                                \
    OFPACT(SAMPLE,          ofpact_sample)                              \
    OFPACT(UNROLL_XLATE,    ofpact_unroll_xlate)                        \
    OFPACT(CT,              ofpact_conntrack)                           \
    OFPACT(CT_CLEAR,        ofpact_null)                                \
    OFPACT(NAT,             ofpact_nat)                                 \
    OFPACT(OUTPUT_TRUNC_,   ofpact_null)                                \
    OFPACT(CLONE,           ofpact_nest)                                \
    OFPACT(CHECK_PKT_LARGER, ofpact_check_pkt_larger)                   \
    OFPACT(DEBUG_RECIRC,    ofpact_null)                                \
    OFPACT(DEBUG_SLOW,      ofpact_null)                                \
    /* Instructions, in the order OpenFlow 1.1+ executes them. */       \
    OFPACT(METER,           ofpact_meter)                               \
    OFPACT(CLEAR_ACTIONS,   ofpact_null)                                \
    OFPACT(WRITE_ACTIONS,   ofpact_nest)                                \
    OFPACT(WRITE_METADATA,  ofpact_metadata)                            \
    OFPACT(GOTO_TABLE,      ofpact_goto_table)

enum ofpact_type {
#define OFPACT(ENUM, STRUCT) OFPACT_##ENUM,
    OFPACTS
#undef OFPACT
};

#define OFPACT_ALIGNTO 8
#define OFPACT_ALIGN(SIZE) ROUND_UP(SIZE, OFPACT_ALIGNTO)

/* The header of every action. */
struct ofpact {
    uint8_t type;               /* OFPACT_*. */
    uint8_t raw;                /* Original wire type, for formatting. */
    uint16_t len;               /* Length of the whole action, bytes. */
};
BUILD_ASSERT_DECL(sizeof(struct ofpact) == 4);

static inline struct ofpact *
ofpact_next(const struct ofpact *ofpact)
{
    return (void *) ((uint8_t *) ofpact + OFPACT_ALIGN(ofpact->len));
}

static inline const struct ofpact *
ofpact_end(const struct ofpact *ofpacts, size_t ofpacts_len)
{
    return (const void *) ((const uint8_t *) ofpacts + ofpacts_len);
}

#define OFPACT_FOR_EACH(POS, OFPACTS, OFPACTS_LEN)                      \
    for ((POS) = (OFPACTS); (POS) < ofpact_end(OFPACTS, OFPACTS_LEN);   \
         (POS) = ofpact_next(POS))

/* A bit range of a field: "NXM_OF_IN_PORT[0..7]", "reg0[]", "eth_dst". */
struct mf_subfield {
    const struct mf_field *field;
    unsigned int ofs;           /* Bit offset of the lowest bit. */
    unsigned int n_bits;        /* Width in bits. */
};

/* OFPACT_OUTPUT: output to a port, including the reserved ports
 * (OFPP_NORMAL, OFPP_FLOOD, OFPP_ALL, OFPP_IN_PORT, OFPP_LOCAL,
 * OFPP_CONTROLLER, OFPP_TABLE). */
struct ofpact_output {
    struct ofpact ofpact;
    ofp_port_t port;
    uint16_t max_len;           /* Bytes to send to the controller. */
};

/* OFPACT_RESUBMIT. */
struct ofpact_resubmit {
    struct ofpact ofpact;
    ofp_port_t in_port;         /* OFPP_IN_PORT: unchanged. */
    uint8_t table_id;           /* 255: the current table. */
    bool with_ct_orig;
};

/* OFPACT_STRIP_VLAN, OFPACT_EXIT, ...: no arguments. */
struct ofpact_null {
    struct ofpact ofpact;
};

/* OFPACT_GROUP. */
struct ofpact_group {
    struct ofpact ofpact;
    uint32_t group_id;
};

/* OFPACT_CONTROLLER: controller(...) with its options.  'userdata_len'
 * bytes of userdata follow the struct. */
struct ofpact_controller {
    struct ofpact ofpact;
    uint16_t max_len;           /* Bytes of the packet to send. */
    uint16_t controller_id;     /* 0: every controller. */
    uint8_t reason;             /* OFPR_*: 1 is OFPR_ACTION. */
    bool pause;
    uint32_t meter_id;          /* NX_CTLR_NO_METER: none. */
    uint32_t userdata_len;
    uint8_t pad[4];
    uint8_t userdata[];         /* At an 8-byte boundary. */
};
#define NX_CTLR_NO_METER 0

/* OFPACT_ENQUEUE. */
struct ofpact_enqueue {
    struct ofpact ofpact;
    ofp_port_t port;
    uint32_t queue;
};

/* OFPACT_OUTPUT_REG: output to the port in a field. */
struct ofpact_output_reg {
    struct ofpact ofpact;
    uint16_t max_len;
    struct mf_subfield src;
};

/* OFPACT_OUTPUT_TRUNC: output with the packet truncated to max_len. */
struct ofpact_output_trunc {
    struct ofpact ofpact;
    ofp_port_t port;
    uint32_t max_len;
};

/* Hash fields of bundle and multipath (NX_HASH_FIELDS_*). */
enum nx_hash_fields {
    NX_HASH_FIELDS_ETH_SRC,
    NX_HASH_FIELDS_SYMMETRIC_L4,
    NX_HASH_FIELDS_SYMMETRIC_L3L4,
    NX_HASH_FIELDS_SYMMETRIC_L3L4_UDP,
    NX_HASH_FIELDS_NW_SRC,
    NX_HASH_FIELDS_NW_DST,
    NX_HASH_FIELDS_SYMMETRIC_L3
};

/* OFPACT_BUNDLE: bundle(...) or bundle_load(...).  'n_members' ports
 * follow the struct. */
struct ofpact_bundle {
    struct ofpact ofpact;
    enum nx_hash_fields fields;
    uint16_t basis;
    uint16_t algorithm;         /* 0: active_backup, 1: hrw. */
    struct mf_subfield dst;     /* bundle_load only; field NULL else. */
    uint16_t n_members;
    uint8_t pad[6];
    ofp_port_t members[];       /* At an 8-byte boundary. */
};

/* OFPACT_SET_FIELD: set_field, load with a whole-field destination and
 * the OpenFlow 1.0/1.1 set-header actions in OpenFlow 1.2+ form. */
struct ofpact_set_field {
    struct ofpact ofpact;
    const struct mf_field *field;
    union mf_value value;
    union mf_value mask;        /* All-ones for a plain set. */
};

/* OFPACT_SET_VLAN_VID, OFPACT_SET_VLAN_PCP. */
struct ofpact_vlan_vid {
    struct ofpact ofpact;
    uint16_t vlan_vid;          /* 0...4095. */
    bool push_vlan_if_needed;   /* OpenFlow 1.0 semantics. */
    bool flow_has_vlan;         /* Set by ofpacts_check(). */
};

struct ofpact_vlan_pcp {
    struct ofpact ofpact;
    uint8_t vlan_pcp;           /* 0...7. */
    bool push_vlan_if_needed;
    bool flow_has_vlan;         /* Set by ofpacts_check(). */
};

/* OFPACT_PUSH_VLAN. */
struct ofpact_push_vlan {
    struct ofpact ofpact;
    ovs_be16 ethertype;         /* 0x8100 or 0x88a8. */
};

/* OFPACT_SET_ETH_SRC, OFPACT_SET_ETH_DST. */
struct ofpact_mac {
    struct ofpact ofpact;
    struct eth_addr mac;
};

/* OFPACT_SET_IPV4_SRC, OFPACT_SET_IPV4_DST. */
struct ofpact_ipv4 {
    struct ofpact ofpact;
    ovs_be32 ipv4;
};

/* OFPACT_SET_IP_DSCP: the DSCP in the high 6 bits, as in the IP TOS. */
struct ofpact_dscp {
    struct ofpact ofpact;
    uint8_t dscp;
};

/* OFPACT_SET_IP_ECN: 0...3. */
struct ofpact_ecn {
    struct ofpact ofpact;
    uint8_t ecn;
};

/* OFPACT_SET_IP_TTL. */
struct ofpact_ip_ttl {
    struct ofpact ofpact;
    uint8_t ttl;
};

/* OFPACT_SET_L4_SRC_PORT, OFPACT_SET_L4_DST_PORT. */
struct ofpact_l4_port {
    struct ofpact ofpact;
    uint16_t port;
    uint8_t flow_ip_proto;      /* Protocol of the match, 0 if unknown. */
};

/* OFPACT_REG_MOVE: move:SRC->DST. */
struct ofpact_reg_move {
    struct ofpact ofpact;
    struct mf_subfield src;
    struct mf_subfield dst;
};

/* OFPACT_STACK_PUSH, OFPACT_STACK_POP. */
struct ofpact_stack {
    struct ofpact ofpact;
    struct mf_subfield subfield;
};

/* OFPACT_DEC_TTL: 'n_controllers' controller ids follow. */
struct ofpact_cnt_ids {
    struct ofpact ofpact;
    uint16_t n_controllers;
    uint16_t pad;
    uint16_t cnt_ids[];         /* At an 8-byte boundary. */
};

/* OFPACT_SET_MPLS_LABEL, _TC, _TTL. */
struct ofpact_mpls_label {
    struct ofpact ofpact;
    ovs_be32 label;             /* 20 bits. */
};

struct ofpact_mpls_tc {
    struct ofpact ofpact;
    uint8_t tc;
};

struct ofpact_mpls_ttl {
    struct ofpact ofpact;
    uint8_t ttl;
};

/* OFPACT_PUSH_MPLS, OFPACT_POP_MPLS. */
struct ofpact_push_mpls {
    struct ofpact ofpact;
    ovs_be16 ethertype;
};

struct ofpact_pop_mpls {
    struct ofpact ofpact;
    ovs_be16 ethertype;
};

/* OFPACT_DELETE_FIELD: delete_field:FIELD (tunnel metadata). */
struct ofpact_delete_field {
    struct ofpact ofpact;
    const struct mf_field *field;
};

/* OFPACT_ENCAP: encap(TYPE), the new packet type.  Properties (NSH) are
 * not kept. */
struct ofpact_encap {
    struct ofpact ofpact;
    ovs_be32 new_pkt_type;      /* PT_ETH, PT_NSH, PT_MPLS... */
};

/* OFPACT_DECAP. */
struct ofpact_decap {
    struct ofpact ofpact;
    ovs_be32 new_pkt_type;      /* 0xfffe (use next proto) by default. */
};

/* OFPACT_SET_TUNNEL: set_tunnel / set_tunnel64. */
struct ofpact_tunnel {
    struct ofpact ofpact;
    uint64_t tun_id;
};

/* OFPACT_SET_QUEUE. */
struct ofpact_queue {
    struct ofpact ofpact;
    uint32_t queue_id;
};

/* OFPACT_FIN_TIMEOUT. */
struct ofpact_fin_timeout {
    struct ofpact ofpact;
    uint16_t fin_idle_timeout;
    uint16_t fin_hard_timeout;
};

/* One learn(...) specification: what the learned flow matches or does. */
enum nx_learn_spec {
    NX_LEARN_SRC_FIELD = 0 << 13,       /* Copy from a field. */
    NX_LEARN_SRC_IMMEDIATE = 1 << 13,   /* A constant. */
    NX_LEARN_DST_MATCH = 0 << 11,       /* Add a match criterion. */
    NX_LEARN_DST_LOAD = 1 << 11,        /* Add a load action. */
    NX_LEARN_DST_OUTPUT = 2 << 11       /* Add an output action. */
};

struct ofpact_learn_spec {
    uint16_t src_type;          /* NX_LEARN_SRC_*. */
    uint16_t dst_type;          /* NX_LEARN_DST_*. */
    unsigned int n_bits;
    struct mf_subfield src;     /* For NX_LEARN_SRC_FIELD. */
    struct mf_subfield dst;     /* For _MATCH and _LOAD. */
    union mf_value src_imm;     /* For NX_LEARN_SRC_IMMEDIATE, right-
                                 * aligned in the field's width. */
};

/* learn(...) flags (NX_LEARN_F_*). */
#define NX_LEARN_F_SEND_FLOW_REM 1
#define NX_LEARN_F_DELETE_LEARNED 2
#define NX_LEARN_F_WRITE_RESULT 4

/* OFPACT_LEARN: 'n_specs' specs follow. */
struct ofpact_learn {
    struct ofpact ofpact;
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    uint16_t priority;
    uint8_t table_id;
    uint16_t flags;             /* NX_LEARN_F_*. */
    uint64_t cookie;
    uint16_t fin_idle_timeout;
    uint16_t fin_hard_timeout;
    uint32_t limit;
    struct mf_subfield result_dst;
    uint32_t n_specs;
    struct ofpact_learn_spec specs[];
};

/* OFPACT_CONJUNCTION. */
struct ofpact_conjunction {
    struct ofpact ofpact;
    uint8_t clause;             /* 0-based here; text is 1-based. */
    uint8_t n_clauses;
    uint32_t id;
};

/* OFPACT_MULTIPATH. */
struct ofpact_multipath {
    struct ofpact ofpact;
    enum nx_hash_fields fields;
    uint16_t basis;
    uint16_t algorithm;         /* 0 modulo_n, 1 hash_threshold, 2 hrw,
                                 * 3 iter_hash. */
    uint16_t max_link;          /* Number of links minus 1. */
    uint32_t arg;
    struct mf_subfield dst;
};

/* OFPACT_NOTE: 'length' bytes follow. */
struct ofpact_note {
    struct ofpact ofpact;
    uint32_t length;
    uint8_t data[];
};

/* OFPACT_SAMPLE. */
struct ofpact_sample {
    struct ofpact ofpact;
    uint16_t probability;       /* Out of 65535. */
    uint32_t collector_set_id;
    uint32_t obs_domain_id;
    uint32_t obs_point_id;
    ofp_port_t sampling_port;   /* OFPP_NONE: none. */
    uint8_t direction;          /* 0 default, 1 ingress, 2 egress. */
};

/* OFPACT_UNROLL_XLATE: internal only. */
struct ofpact_unroll_xlate {
    struct ofpact ofpact;
    uint8_t rule_table_id;
    ovs_be64 rule_cookie;
};

/* ct(...) flags. */
#define NX_CT_F_COMMIT 1
#define NX_CT_F_FORCE 2

/* OFPACT_CT: nested actions follow, up to 'ofpact.len'. */
struct ofpact_conntrack {
    struct ofpact ofpact;
    uint16_t flags;             /* NX_CT_F_*. */
    uint16_t zone_imm;          /* Used when zone_src.field is NULL. */
    struct mf_subfield zone_src;
    uint16_t alg;               /* 0 or 21 (ftp) or 69 (tftp). */
    uint8_t recirc_table;       /* 255: no recirculation. */
    uint8_t pad[3];
    uint64_t actions[];         /* Nested ofpacts (8-aligned). */
};

/* nat(...) flags. */
#define NX_NAT_F_SRC 1
#define NX_NAT_F_DST 2
#define NX_NAT_F_PERSISTENT 4
#define NX_NAT_F_PROTO_HASH 8
#define NX_NAT_F_PROTO_RANDOM 16

/* OFPACT_NAT. */
struct ofpact_nat {
    struct ofpact ofpact;
    uint16_t flags;             /* NX_NAT_F_*. */
    int range_af;               /* AF_UNSPEC, AF_INET or AF_INET6. */
    union {
        struct {
            ovs_be32 min, max;
        } ipv4;
        struct {
            struct in6_addr min, max;
        } ipv6;
    } range_addr;
    uint16_t proto_min, proto_max;  /* 0: none. */
};

/* OFPACT_CLONE, OFPACT_WRITE_ACTIONS: nested ofpacts follow. */
struct ofpact_nest {
    struct ofpact ofpact;
    uint8_t pad[4];
    uint64_t actions[];
};

static inline const struct ofpact *
ofpact_nest_get_actions(const struct ofpact_nest *on)
{
    return (const struct ofpact *) on->actions;
}

static inline size_t
ofpact_nest_get_actions_len(const struct ofpact_nest *on)
{
    return on->ofpact.len - sizeof *on;
}

/* OFPACT_CHECK_PKT_LARGER. */
struct ofpact_check_pkt_larger {
    struct ofpact ofpact;
    uint16_t pkt_len;
    struct mf_subfield dst;     /* One bit. */
};

/* OFPACT_METER. */
struct ofpact_meter {
    struct ofpact ofpact;
    uint32_t meter_id;
    uint32_t provider_meter_id;
};

/* OFPACT_WRITE_METADATA. */
struct ofpact_metadata {
    struct ofpact ofpact;
    ovs_be64 metadata;
    ovs_be64 mask;
};

/* OFPACT_GOTO_TABLE. */
struct ofpact_goto_table {
    struct ofpact ofpact;
    uint8_t table_id;
};

/* OpenFlow protocols an action list can be sent in (upstream's
 * OFPUTIL_P_* bits, for "usable protocols"). */
enum ofputil_protocol {
    OFPUTIL_P_OF10_STD = 1 << 0,
    OFPUTIL_P_OF10_STD_TID = 1 << 1,
    OFPUTIL_P_OF10_NXM = 1 << 2,
    OFPUTIL_P_OF10_NXM_TID = 1 << 3,
    OFPUTIL_P_OF11_STD = 1 << 4,
    OFPUTIL_P_OF12_OXM = 1 << 5,
    OFPUTIL_P_OF13_OXM = 1 << 6,
    OFPUTIL_P_OF14_OXM = 1 << 7,
    OFPUTIL_P_OF15_OXM = 1 << 8,
#define OFPUTIL_P_OF10_ANY (OFPUTIL_P_OF10_STD | OFPUTIL_P_OF10_STD_TID \
                            | OFPUTIL_P_OF10_NXM | OFPUTIL_P_OF10_NXM_TID)
#define OFPUTIL_P_NXM_OXM_ANY (OFPUTIL_P_OF10_NXM | OFPUTIL_P_OF10_NXM_TID \
                               | OFPUTIL_P_ANY_OXM)
#define OFPUTIL_P_ANY_OXM (OFPUTIL_P_OF12_OXM | OFPUTIL_P_OF13_OXM \
                           | OFPUTIL_P_OF14_OXM | OFPUTIL_P_OF15_OXM)
#define OFPUTIL_P_OF11_UP (OFPUTIL_P_OF11_STD | OFPUTIL_P_ANY_OXM)
#define OFPUTIL_P_ANY ((1 << 9) - 1)
};

/* Text.  Parses ovs-actions(7) syntax (with instructions when
 * 'instructions' is set) into 'ofpacts'.  Returns NULL or an error
 * message (malloc'd) worded as upstream's; on error 'ofpacts' is left as
 * it was. */
struct ofpact_parse_params {
    const struct shash *port_names; /* Name -> (uintptr_t) ofp_port_t. */
    struct ofpbuf *ofpacts;
    uint32_t *usable_protocols; /* OFPUTIL_P_* that can express these. */
};
char *ofpacts_parse_actions(const char *s, const struct ofpact_parse_params *)
    OVS_WARN_UNUSED_RESULT;
char *ofpacts_parse_instructions(const char *s,
                                 const struct ofpact_parse_params *)
    OVS_WARN_UNUSED_RESULT;

struct ofpact_format_params {
    const struct shash *port_names; /* Number -> name when nonnull. */
    struct ds *s;
};
void ofpacts_format(const struct ofpact *, size_t ofpacts_len,
                    const struct ofpact_format_params *);

/* Helpers for building.  ofpact_put() appends an ofpact of TYPE, LEN
 * bytes, zeroed, and returns it; ofpact_put_<ENUM>() does the same for
 * its type's struct.  For a type with trailing data (note, controller
 * userdata, learn specs, nested actions), append the data to the ofpbuf
 * after the struct and then call ofpact_finish(), which fixes the
 * length and pads the buffer.  ofpact_get_<ENUM>() casts. */
void *ofpact_put(struct ofpbuf *, enum ofpact_type, size_t len);
void ofpact_finish(struct ofpbuf *, struct ofpact *);
#define OFPACT(ENUM, STRUCT)                                            \
    struct STRUCT *ofpact_put_##ENUM(struct ofpbuf *);                  \
    static inline struct STRUCT *                                       \
    ofpact_get_##ENUM(const struct ofpact *ofpact)                      \
    {                                                                   \
        ovs_assert(ofpact->type == OFPACT_##ENUM);                      \
        return (struct STRUCT *) ofpact;                                \
    }
OFPACTS
#undef OFPACT

/* The name of TYPE ("output", "set_field", ...). */
const char *ofpact_name(enum ofpact_type);

/* Does the ofpact list have an action that outputs to PORT (OUTPUT,
 * ENQUEUE, OUTPUT_TRUNC, CONTROLLER for OFPP_CONTROLLER), looking into
 * nested lists too?  For the "out_port" filter of flow-mods. */
bool ofpacts_output_to_port(const struct ofpact *, size_t ofpacts_len,
                            ofp_port_t port);
/* The same for a group. */
bool ofpacts_output_to_group(const struct ofpact *, size_t ofpacts_len,
                             uint32_t group_id);
bool ofpacts_equal(const struct ofpact *a, size_t a_len,
                   const struct ofpact *b, size_t b_len);

/* Wire formats.
 *
 * ofpacts_pull_openflow_actions() pulls ACTIONS_LEN bytes of VERSION's
 * actions (OpenFlow 1.0 or 1.1+ standard actions, Nicira NXAST_* and ONF
 * extension actions) from OPENFLOW and appends them as ofpacts to
 * OFPACTS (cleared first).  ofpacts_pull_openflow_instructions() does the
 * same for OpenFlow 1.1+ instructions (for OpenFlow 1.0 it takes
 * actions).  Both are strict: a bad action gives the OFPBAC_* error,
 * a bad instruction the OFPBIC_* error, and OFPACTS is left empty.
 *
 * ofpacts_put_openflow_actions() appends OFPACTS as VERSION's actions to
 * OPENFLOW and returns the number of bytes added;
 * ofpacts_put_openflow_instructions() appends instructions (actions in
 * OpenFlow 1.0).  Actions a version cannot express are encoded as the
 * equivalent extension action, as upstream does. */
enum ofperr ofpacts_pull_openflow_actions(struct ofpbuf *openflow,
                                          unsigned int actions_len,
                                          enum ofp_version,
                                          struct ofpbuf *ofpacts);
enum ofperr ofpacts_pull_openflow_instructions(struct ofpbuf *openflow,
                                               unsigned int instructions_len,
                                               enum ofp_version,
                                               struct ofpbuf *ofpacts);
size_t ofpacts_put_openflow_actions(const struct ofpact *, size_t ofpacts_len,
                                    struct ofpbuf *openflow, enum ofp_version);
size_t ofpacts_put_openflow_instructions(const struct ofpact *,
                                         size_t ofpacts_len,
                                         struct ofpbuf *openflow,
                                         enum ofp_version);

/* Checks OFPACTS against MATCH: prerequisites (setting tcp_dst needs a
 * TCP match, and so on), port numbers below MAX_PORTS (OFPP_MAX for no
 * limit) or reserved, goto_table above TABLE_ID and below N_TABLES.
 * May update MATCH's flow as actions change it during the check (restored
 * on return).  Clears bits of *USABLE_PROTOCOLS (if nonnull) for
 * protocols that cannot express the actions.  Returns 0 or an OFPERR_*
 * (OFPBAC_MATCH_INCONSISTENT, OFPBAC_BAD_OUT_PORT, ...). */
enum ofperr ofpacts_check(struct ofpact *, size_t ofpacts_len,
                          struct match *, ofp_port_t max_ports,
                          uint8_t table_id, uint8_t n_tables,
                          uint32_t *usable_protocols);
/* Like ofpacts_check(), but also fails with OFPBAC_MATCH_INCONSISTENT if
 * any protocol in USABLE_PROTOCOLS cannot express the actions. */
enum ofperr ofpacts_check_consistency(struct ofpact *, size_t ofpacts_len,
                                      struct match *, ofp_port_t max_ports,
                                      uint8_t table_id, uint8_t n_tables,
                                      uint32_t usable_protocols);

/* Subfields: parses "FIELD[]", "FIELD[BIT]", "FIELD[START..END]" or a
 * plain FIELD into SF, advancing *SP past it.  Returns NULL or an error
 * message to free. */
char *ofpact_parse_subfield__(struct mf_subfield *sf, const char **sp)
    OVS_WARN_UNUSED_RESULT;
char *ofpact_parse_subfield(struct mf_subfield *sf, const char *s)
    OVS_WARN_UNUSED_RESULT;
void ofpact_format_subfield(const struct mf_subfield *, struct ds *);

#endif /* ofp-actions.h */
