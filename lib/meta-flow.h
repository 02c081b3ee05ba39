/* meta-flow.h: the fields OpenFlow can match and set, driven by one table.
 *
 * The problem.  Every OpenFlow field (ovs-fields(7)) has a name or two, a
 * width, a way of being written in text, maybe a mask, prerequisites, NXM
 * and OXM wire codes that differ by OpenFlow version, and a place in
 * struct flow.  Text parsing, text printing, NXM/OXM encoding and
 * decoding, set_field and prerequisite checks all need the same facts; if
 * each kept its own switch statement they would drift apart.
 *
 * The design.  lib/meta-flow.def lists each field once (see the comment
 * there for the columns); this header turns it into enum mf_field_id and
 * an array of struct mf_field, and everything else is driven from that
 * array.  A field's value travels as union mf_value: the field's wire
 * bytes, network byte order, exactly n_bytes long (so NXM/OXM encoding is
 * a memcpy).  Mapping a value into struct flow is a memcpy for most
 * fields, a byte-order conversion for the host-order ones (registers,
 * marks, ...), and a small function for the few that are bits of a
 * bigger member (VLAN, MPLS, DSCP/ECN, ICMP type/code, OpenFlow 1.1
 * ports, xreg/xxreg views of the registers).
 *
 * Gaps.  struct flow has no room for Geneve options or NSH headers, so
 * tun_metadata0...63 and nsh_* are in the table (names, widths, codes,
 * text forms) but have MFK_NONE storage: mf_set() and friends refuse
 * them and the flow parser reports them as unsupported.
 *
 * Thread safety: the table is constant; all functions are thread-safe. */
#ifndef META_FLOW_H
#define META_FLOW_H 1

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "packets.h"
#include "types.h"

struct ds;
struct match;

/* OpenFlow protocol versions, as in ofp_header's version byte. */
enum ofp_version {
    OFP10_VERSION = 0x01,
    OFP11_VERSION = 0x02,
    OFP12_VERSION = 0x03,
    OFP13_VERSION = 0x04,
    OFP14_VERSION = 0x05,
    OFP15_VERSION = 0x06
};

enum mf_field_id {
#define MF_FIELD(ID, ...) ID,
#include "meta-flow.def"
#undef MF_FIELD
    MFF_N_IDS
};

/* Whether a field can be matched with a mask. */
enum mf_maskable {
    MFM_NONE,                   /* Exact match (or wildcard) only. */
    MFM_FULLY                   /* Any bitwise mask. */
};

/* How a field's value is written in text. */
enum mf_string {
    MFS_DECIMAL,
    MFS_HEXADECIMAL,
    MFS_CT_STATE,               /* "+trk-new" or "trk|new" or a number. */
    MFS_ETHERNET,
    MFS_IPV4,
    MFS_IPV6,
    MFS_OFP_PORT,               /* 16-bit OpenFlow 1.0 port, by name too. */
    MFS_OFP_PORT_OXM,           /* 32-bit OpenFlow 1.1+ port. */
    MFS_FRAG,                   /* no, yes, first, later, not_later. */
    MFS_TNL_FLAGS,              /* +oam. */
    MFS_TCP_FLAGS,              /* +syn-ack or syn|ack or a number. */
    MFS_PACKET_TYPE             /* (namespace,type). */
};

/* What a match must already say before a field can be matched. */
enum mf_prereqs {
    MFP_NONE,
    MFP_ETHERNET,               /* packet_type is Ethernet. */
    MFP_ARP,                    /* dl_type ARP or RARP. */
    MFP_VLAN_VID,               /* A VLAN tag is present. */
    MFP_IPV4,
    MFP_IPV6,
    MFP_IP_ANY,
    MFP_NSH,
    MFP_CT_VALID,               /* ct_state +trk-inv. */
    MFP_MPLS,
    MFP_TCP,
    MFP_UDP,
    MFP_SCTP,
    MFP_ICMPV4,
    MFP_ICMPV6,
    MFP_ND,                     /* ICMPv6 type 135 or 136, code 0. */
    MFP_ND_SOLICIT,
    MFP_ND_ADVERT
};

/* How a field maps into struct flow. */
enum mf_kind {
    MFK_BE,                     /* The member holds the wire bytes. */
    MFK_HOST,                   /* The member is a host-order integer. */
    MFK_SPECIAL,                /* Code in meta-flow.c maps it. */
    MFK_NONE                    /* No storage in struct flow (a gap). */
};

#ifndef OVS_BE16_MAX
#define OVS_BE16_MAX ((ovs_be16) 0xffff)
#define OVS_BE32_MAX ((ovs_be32) 0xffffffff)
#define OVS_BE64_MAX ((ovs_be64) UINT64_MAX)
#endif

/* The OpenFlow view of tun_flags: bit 0 is OAM. */
#define NX_TUN_FLAG_OAM 1

/* NXM/OXM header classes and experimenter ids. */
#define NXM_OF 0x0000           /* Nicira, OpenFlow 1.0 fields. */
#define NXM_NX 0x0001           /* Nicira extensions. */
#define OXM_OF 0x8000           /* OFPXMC_OPENFLOW_BASIC. */
#define OXM_PKT_REGS 0x8001     /* OFPXMC_PACKET_REGS. */
#define OXM_ERIC 0x1000         /* Ericsson's class. */
#define OXM_EXP 0xffff          /* OFPXMC_EXPERIMENTER. */
#define NX_EXP 0x00002320       /* Nicira experimenter id. */
#define ONF_EXP 0x4f4e4600      /* ONF experimenter id. */
#define NSH_EXP 0x005ad650      /* The NSH fields' experimenter id. */

/* One NXM or OXM header without its length and mask bit. */
struct mf_header {
    bool present;
    uint16_t class;
    uint8_t field;              /* 0...127. */
    uint32_t experimenter;      /* Only for class OXM_EXP. */
};

/* An OXM header and the first OpenFlow version that knows it. */
struct mf_oxm {
    struct mf_header header;
    enum ofp_version version;
};

struct mf_field {
    enum mf_field_id id;
    const char *name;
    const char *extra_name;     /* Alias, or NULL. */
    unsigned int n_bytes;       /* Wire width. */
    unsigned int n_bits;        /* Significant low bits. */
    enum mf_maskable maskable;
    enum mf_string string;
    enum mf_prereqs prereqs;
    bool writable;
    enum mf_kind kind;
    size_t flow_ofs;            /* Offset of the member in struct flow. */
    size_t flow_size;           /* Size of the member. */
    struct mf_header nxm;       /* Used in NXM; also in OXM if no oxm[]. */
    struct mf_oxm oxm[2];       /* OXM headers by version, oldest first. */
};

extern const struct mf_field mf_fields[MFF_N_IDS];

/* The largest field is a tun_metadata option. */
#define MF_MAX_BYTES 128

/* A field value or mask: the wire bytes, network byte order. */
union mf_value {
    uint8_t u8;
    ovs_be16 be16;
    ovs_be32 be32;
    ovs_be64 be64;
    struct eth_addr mac;
    struct in6_addr ipv6;
    ovs_be128 be128;
    uint8_t b[MF_MAX_BYTES];
};

static inline const struct mf_field *
mf_from_id(enum mf_field_id id)
{
    return &mf_fields[id];
}

/* Finds a field by name or alias (case-sensitive), or NULL. */
const struct mf_field *mf_from_name(const char *name);
const struct mf_field *mf_from_name_len(const char *name, size_t len);

/* Finds the field whose NXM or OXM header is (CLASS, FIELD, EXPERIMENTER),
 * or NULL. */
const struct mf_field *mf_from_header(uint16_t class, uint8_t field,
                                      uint32_t experimenter);

/* The header MF uses in OXM for VERSION (OpenFlow 1.2 and later), or the
 * NXM header when it has no OXM header for that version. */
const struct mf_header *mf_oxm_header(const struct mf_field *,
                                      enum ofp_version);

/* Does struct flow have storage for MF? */
static inline bool
mf_is_supported(const struct mf_field *mf)
{
    return mf->kind != MFK_NONE;
}

/* Reading and writing flows and matches.  VALUE and MASK are n_bytes of
 * wire-format bytes. */
void mf_get_value(const struct mf_field *, const struct flow *,
                  union mf_value *);
void mf_set_flow_value(const struct mf_field *, const union mf_value *,
                       struct flow *);
void mf_get_mask(const struct mf_field *, const struct flow_wildcards *,
                 union mf_value *);
bool mf_is_all_wild(const struct mf_field *, const struct flow_wildcards *);
bool mf_is_exact(const struct mf_field *, const struct flow_wildcards *);

/* Sets MATCH to match MF exactly on VALUE (mf_set_value()), on VALUE under
 * MASK (mf_set(): VALUE is masked first; an all-zero mask wildcards), or
 * not at all (mf_set_wild()).  MF must be supported (mf_is_supported()). */
void mf_set_value(const struct mf_field *, const union mf_value *value,
                  struct match *);
void mf_set(const struct mf_field *, const union mf_value *value,
            const union mf_value *mask, struct match *);
void mf_set_wild(const struct mf_field *, struct match *);

/* Are VALUE's bits all within the field's significant bits, and (for
 * ports) a representable port? */
bool mf_is_value_valid(const struct mf_field *, const union mf_value *);
/* Is MASK allowed for MF (all-ones or all-zeros unless maskable)? */
bool mf_is_mask_valid(const struct mf_field *, const union mf_value *);

/* Does MATCH satisfy MF's prerequisites (match the fields MF depends on
 * exactly, with the right values)? */
bool mf_are_match_prereqs_ok(const struct mf_field *, const struct match *);

/* Parses S, "VALUE" or "VALUE/MASK" in MF's text syntax, into VALUE and
 * MASK (all-ones when S has no mask).  Returns NULL or an error message
 * the caller must free, worded as upstream's. */
char *mf_parse(const struct mf_field *, const char *s,
               union mf_value *value, union mf_value *mask);
/* Like mf_parse() for a value without a mask. */
char *mf_parse_value(const struct mf_field *, const char *s,
                     union mf_value *value);

/* Appends VALUE (and "/MASK" unless MASK is NULL or all-ones) in MF's text
 * syntax to S. */
void mf_format(const struct mf_field *, const union mf_value *value,
               const union mf_value *mask, struct ds *s);

/* Helpers for the value formats. */
bool mf_value_is_all_ones(const struct mf_field *, const union mf_value *);
bool mf_value_is_zero(const struct mf_field *, const union mf_value *);

/* Flag names for ct_state, tcp_flags and tun_flags, as text prints them. */
const char *mf_ct_state_flag_name(uint32_t flag);
const char *mf_tcp_flag_name(uint16_t flag);

/* Formats FLAGS/MASK for a flags field (MFS_CT_STATE, MFS_TCP_FLAGS,
 * MFS_TNL_FLAGS) the way match text shows it. */
void mf_format_flags(const struct mf_field *, uint32_t flags, uint32_t mask,
                     struct ds *);

#endif /* meta-flow.h */
