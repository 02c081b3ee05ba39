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

/* Helpers for building. */
void *ofpact_put(struct ofpbuf *, enum ofpact_type, size_t len);
struct ofpact_output *ofpact_put_OUTPUT(struct ofpbuf *);
struct ofpact_resubmit *ofpact_put_RESUBMIT(struct ofpbuf *);
void ofpact_finish(struct ofpbuf *, struct ofpact *);

#endif /* ofp-actions.h */
