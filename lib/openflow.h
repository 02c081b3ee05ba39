/* openflow.h: OpenFlow 1.0-1.5 and Nicira extension wire structures used
 * by the match layer (headers, errors, matches and flow-mods).
 *
 * Every struct is exactly its wire layout, network byte order, with its
 * size checked at compile time.  Later OpenFlow modules add their
 * messages here. */
#ifndef OPENFLOW_H
#define OPENFLOW_H 1

#include <stdint.h>
#include "byte-order.h"
#include "packets.h"
#include "types.h"
#include "util.h"

/* Every message starts with this. */
struct ofp_header {
    uint8_t version;            /* OFP10_VERSION...OFP15_VERSION. */
    uint8_t type;               /* OFPT_*. */
    ovs_be16 length;            /* Including this header. */
    ovs_be32 xid;
};
BUILD_ASSERT_DECL(sizeof(struct ofp_header) == 8);

/* Message types that are the same in every version. */
enum ofp_type {
    OFPT_HELLO = 0,
    OFPT_ERROR = 1,
    OFPT_ECHO_REQUEST = 2,
    OFPT_ECHO_REPLY = 3,
    OFPT_VENDOR = 4,            /* OFPT_EXPERIMENTER in 1.1+. */
};

#define OFPT10_FLOW_MOD 14
#define OFPT11_FLOW_MOD 14

/* OFPT_ERROR. */
struct ofp_error_msg {
    struct ofp_header header;
    ovs_be16 type;
    ovs_be16 code;
    /* Followed by up to 64 bytes of the failed request. */
};
BUILD_ASSERT_DECL(sizeof(struct ofp_error_msg) == 12);

/* Nicira vendor messages (OFPT_VENDOR with vendor NX_VENDOR_ID). */
#define NX_VENDOR_ID 0x00002320
#define NXT_FLOW_MOD 13

struct nicira_header {
    struct ofp_header header;
    ovs_be32 vendor;            /* NX_VENDOR_ID. */
    ovs_be32 subtype;           /* NXT_*. */
};
BUILD_ASSERT_DECL(sizeof(struct nicira_header) == 16);

/* OpenFlow 1.0 match. */
enum ofp10_flow_wildcards {
    OFPFW10_IN_PORT = 1 << 0,
    OFPFW10_DL_VLAN = 1 << 1,
    OFPFW10_DL_SRC = 1 << 2,
    OFPFW10_DL_DST = 1 << 3,
    OFPFW10_DL_TYPE = 1 << 4,
    OFPFW10_NW_PROTO = 1 << 5,
    OFPFW10_TP_SRC = 1 << 6,
    OFPFW10_TP_DST = 1 << 7,
    OFPFW10_NW_SRC_SHIFT = 8,
    OFPFW10_NW_SRC_BITS = 6,
    OFPFW10_NW_SRC_MASK = ((1 << 6) - 1) << 8,
    OFPFW10_NW_SRC_ALL = 32 << 8,
    OFPFW10_NW_DST_SHIFT = 14,
    OFPFW10_NW_DST_BITS = 6,
    OFPFW10_NW_DST_MASK = ((1 << 6) - 1) << 14,
    OFPFW10_NW_DST_ALL = 32 << 14,
    OFPFW10_DL_VLAN_PCP = 1 << 20,
    OFPFW10_NW_TOS = 1 << 21,
    OFPFW10_ALL = (1 << 22) - 1
};

/* dl_vlan value meaning "no VLAN tag" in OpenFlow 1.0. */
#define OFP10_VLAN_NONE 0xffff

struct ofp10_match {
    ovs_be32 wildcards;         /* OFPFW10_*. */
    ovs_be16 in_port;
    struct eth_addr dl_src;
    struct eth_addr dl_dst;
    ovs_be16 dl_vlan;
    uint8_t dl_vlan_pcp;
    uint8_t pad1[1];
    ovs_be16 dl_type;
    uint8_t nw_tos;             /* DSCP in the high 6 bits. */
    uint8_t nw_proto;
    uint8_t pad2[2];
    ovs_be32 nw_src;
    ovs_be32 nw_dst;
    ovs_be16 tp_src;
    ovs_be16 tp_dst;
};
BUILD_ASSERT_DECL(sizeof(struct ofp10_match) == 40);

struct ofp10_flow_mod {
    struct ofp_header header;
    struct ofp10_match match;
    ovs_be64 cookie;
    ovs_be16 command;
    ovs_be16 idle_timeout;
    ovs_be16 hard_timeout;
    ovs_be16 priority;
    ovs_be32 buffer_id;
    ovs_be16 out_port;
    ovs_be16 flags;
    /* Followed by actions. */
};
BUILD_ASSERT_DECL(sizeof(struct ofp10_flow_mod) == 72);

/* OpenFlow 1.1 standard match. */
enum ofp11_flow_wildcards {
    OFPFW11_IN_PORT = 1 << 0,
    OFPFW11_DL_VLAN = 1 << 1,
    OFPFW11_DL_VLAN_PCP = 1 << 2,
    OFPFW11_DL_TYPE = 1 << 3,
    OFPFW11_NW_TOS = 1 << 4,
    OFPFW11_NW_PROTO = 1 << 5,
    OFPFW11_TP_SRC = 1 << 6,
    OFPFW11_TP_DST = 1 << 7,
    OFPFW11_MPLS_LABEL = 1 << 8,
    OFPFW11_MPLS_TC = 1 << 9,
    OFPFW11_ALL = (1 << 10) - 1
};

#define OFPVID11_ANY 0xfffe     /* Any tag, or none. */
#define OFPVID11_NONE 0xffff    /* No tag. */
#define OFPMT_STANDARD 0
#define OFPMT_OXM 1
#define OFPMT11_STANDARD_LENGTH 88

struct ofp11_match {
    ovs_be16 type;              /* OFPMT_STANDARD. */
    ovs_be16 length;            /* 88. */
    ovs_be32 in_port;
    ovs_be32 wildcards;         /* OFPFW11_*. */
    struct eth_addr dl_src;
    struct eth_addr dl_src_mask; /* 1-bits are wildcards. */
    struct eth_addr dl_dst;
    struct eth_addr dl_dst_mask;
    ovs_be16 dl_vlan;
    uint8_t dl_vlan_pcp;
    uint8_t pad1[1];
    ovs_be16 dl_type;
    uint8_t nw_tos;
    uint8_t nw_proto;
    ovs_be32 nw_src;
    ovs_be32 nw_src_mask;       /* 1-bits are wildcards. */
    ovs_be32 nw_dst;
    ovs_be32 nw_dst_mask;
    ovs_be16 tp_src;
    ovs_be16 tp_dst;
    ovs_be32 mpls_label;
    uint8_t mpls_tc;
    uint8_t pad2[3];
    ovs_be64 metadata;
    ovs_be64 metadata_mask;     /* 1-bits are wildcards. */
};
BUILD_ASSERT_DECL(sizeof(struct ofp11_match) == OFPMT11_STANDARD_LENGTH);

/* OpenFlow 1.2+ match: this header, then OXM fields, then zeros to a
 * multiple of 8 bytes ('length' excludes the padding). */
struct ofp11_match_header {
    ovs_be16 type;              /* OFPMT_OXM. */
    ovs_be16 length;
};
BUILD_ASSERT_DECL(sizeof(struct ofp11_match_header) == 4);

/* OpenFlow 1.1+ flow-mod (OpenFlow 1.4 turned the last pad into
 * 'importance'); the match follows, then instructions. */
struct ofp11_flow_mod {
    struct ofp_header header;
    ovs_be64 cookie;
    ovs_be64 cookie_mask;
    uint8_t table_id;
    uint8_t command;
    ovs_be16 idle_timeout;
    ovs_be16 hard_timeout;
    ovs_be16 priority;
    ovs_be32 buffer_id;
    ovs_be32 out_port;
    ovs_be32 out_group;
    ovs_be16 flags;
    ovs_be16 importance;
};
BUILD_ASSERT_DECL(sizeof(struct ofp11_flow_mod) == 48);

/* NXT_FLOW_MOD: the NXM match (match_len bytes, padded to 8) and then the
 * actions follow. */
struct nx_flow_mod {
    ovs_be64 cookie;
    ovs_be16 command;
    ovs_be16 idle_timeout;
    ovs_be16 hard_timeout;
    ovs_be16 priority;
    ovs_be32 buffer_id;
    ovs_be16 out_port;
    ovs_be16 flags;
    ovs_be16 match_len;
    uint8_t pad[6];
};
BUILD_ASSERT_DECL(sizeof(struct nx_flow_mod) == 32);

#define OFP_NO_BUFFER 0xffffffffu

#endif /* openflow.h */
