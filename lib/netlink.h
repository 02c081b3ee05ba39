/* netlink.h: building and parsing Netlink messages in a struct ofpbuf.
 *
 * A Netlink message is a struct nlmsghdr, an optional family header (a
 * struct ifinfomsg for rtnetlink, a struct genlmsghdr for generic
 * netlink, ...) and then attributes.  An attribute is a struct nlattr
 * (length and type) followed by its payload, padded to a multiple of
 * NLA_ALIGNTO (4) bytes.  A "nested" attribute's payload is itself a run
 * of attributes.
 *
 * Building: nl_msg_put_nlmsghdr() starts a message in an ofpbuf (and
 * sets its nlmsg_len later, when the message is sent: nl_sock_send()
 * fixes it from the buffer's size), then nl_msg_put_*() append
 * attributes.  nl_msg_start_nested()/nl_msg_end_nested() bracket a nested
 * attribute whose size is not known in advance.  Building never fails:
 * the buffer grows.  An attribute payload may be at most UINT16_MAX
 * minus the header bytes; larger payloads are a caller bug and assert.
 *
 * Parsing: input comes from the kernel or, in tests, from anywhere, so
 * nothing here trusts a length.  nl_attr_*() accessors on a single
 * attribute assume that a parser already checked its size against the
 * type (they assert otherwise).  nl_policy_parse() and nl_parse_nested()
 * walk a run of attributes, reject any whose length field is too small,
 * runs past the end, or does not fit the policy's type and size bounds,
 * and fill an array indexed by attribute type.  Unknown attribute types
 * are ignored (the kernel adds attributes over time); a repeated known
 * type keeps the last one.  They return false, after a rate-limited log
 * message, for malformed input and never read outside the input. */
#ifndef NETLINK_H
#define NETLINK_H 1

#include <linux/netlink.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ofpbuf.h"
#include "types.h"

struct genlmsghdr;

/* Netlink message headers. */
void nl_msg_put_nlmsghdr(struct ofpbuf *, size_t expected_payload,
                         uint32_t type, uint32_t flags);
void nl_msg_put_genlmsghdr(struct ofpbuf *, size_t expected_payload,
                           int family, uint32_t flags, uint8_t cmd,
                           uint8_t version);

/* The message header at the start of MSG, or NULL if MSG is too short to
 * hold one. */
struct nlmsghdr *nl_msg_nlmsghdr(const struct ofpbuf *msg);
/* The generic netlink header after the nlmsghdr, or NULL if too short. */
struct genlmsghdr *nl_msg_genlmsghdr(const struct ofpbuf *msg);
/* If MSG is an NLMSG_ERROR message, stores its error as a positive errno
 * (0 for an acknowledgement) in *ERRORP and returns true.  A truncated
 * error message yields EPROTO.  Otherwise returns false. */
bool nl_msg_nlmsgerr(const struct ofpbuf *msg, int *errorp);

/* Appending raw bytes and attributes.  Each nl_msg_put_*() appends one
 * attribute of TYPE. */
void nl_msg_reserve(struct ofpbuf *, size_t);
void nl_msg_put(struct ofpbuf *, const void *, size_t);
void *nl_msg_put_uninit(struct ofpbuf *, size_t);

void *nl_msg_put_unspec_uninit(struct ofpbuf *, uint16_t type, size_t);
void *nl_msg_put_unspec_zero(struct ofpbuf *, uint16_t type, size_t);
void nl_msg_put_unspec(struct ofpbuf *, uint16_t type, const void *, size_t);
void nl_msg_put_flag(struct ofpbuf *, uint16_t type);
void nl_msg_put_u8(struct ofpbuf *, uint16_t type, uint8_t value);
void nl_msg_put_u16(struct ofpbuf *, uint16_t type, uint16_t value);
void nl_msg_put_u32(struct ofpbuf *, uint16_t type, uint32_t value);
void nl_msg_put_u64(struct ofpbuf *, uint16_t type, uint64_t value);
void nl_msg_put_be16(struct ofpbuf *, uint16_t type, ovs_be16 value);
void nl_msg_put_be32(struct ofpbuf *, uint16_t type, ovs_be32 value);
void nl_msg_put_be64(struct ofpbuf *, uint16_t type, ovs_be64 value);
void nl_msg_put_string(struct ofpbuf *, uint16_t type, const char *value);

/* Nested attributes.  nl_msg_start_nested() returns the offset of the new
 * attribute's header in the buffer, to pass to nl_msg_end_nested() (which
 * sets its length) or nl_msg_cancel_nested() (which removes it and
 * everything added since). */
size_t nl_msg_start_nested(struct ofpbuf *, uint16_t type);
void nl_msg_end_nested(struct ofpbuf *, size_t offset);
void nl_msg_cancel_nested(struct ofpbuf *, size_t offset);
/* Ends the nested attribute, or cancels it if nothing was put inside.
 * Returns true if it was cancelled. */
bool nl_msg_end_non_empty_nested(struct ofpbuf *, size_t offset);
/* Appends a nested attribute holding the SIZE bytes of attributes at
 * NESTED. */
void nl_msg_put_nested(struct ofpbuf *, uint16_t type,
                       const void *nested, size_t size);

/* Splitting a buffer that holds several messages (a recv() from the
 * kernel may return many).  If BUFFER starts with a complete, well-formed
 * message, removes it from BUFFER, points MSG at it (MSG does not own the
 * bytes) and returns its header.  Otherwise returns NULL, empties BUFFER
 * and leaves MSG empty. */
struct nlmsghdr *nl_msg_next(struct ofpbuf *buffer, struct ofpbuf *msg);

/* Attributes. */

/* Bytes an attribute with a PAYLOAD-byte payload takes, with padding. */
static inline size_t
nl_attr_size(size_t payload)
{
    return NLA_HDRLEN + NLA_ALIGN(payload);
}

static inline uint16_t
nl_attr_type(const struct nlattr *nla)
{
    return nla->nla_type & NLA_TYPE_MASK;
}

static inline const void *
nl_attr_get(const struct nlattr *nla)
{
    return nla + 1;
}

static inline size_t
nl_attr_get_size(const struct nlattr *nla)
{
    return nla->nla_len - NLA_HDRLEN;
}

/* Payload accessors; each asserts that the payload has the right size
 * (nl_attr_get_unspec(): at least SIZE bytes). */
const void *nl_attr_get_unspec(const struct nlattr *, size_t size);
bool nl_attr_get_flag(const struct nlattr *);
uint8_t nl_attr_get_u8(const struct nlattr *);
uint16_t nl_attr_get_u16(const struct nlattr *);
uint32_t nl_attr_get_u32(const struct nlattr *);
uint64_t nl_attr_get_u64(const struct nlattr *);
ovs_be16 nl_attr_get_be16(const struct nlattr *);
ovs_be32 nl_attr_get_be32(const struct nlattr *);
ovs_be64 nl_attr_get_be64(const struct nlattr *);
/* The string payload; the policy check guarantees its null terminator. */
const char *nl_attr_get_string(const struct nlattr *);
/* Points NESTED (not owning) at the attributes inside NLA. */
void nl_attr_get_nested(const struct nlattr *, struct ofpbuf *nested);

/* Iterates LEFT bytes of attributes starting at ATTRS.  Stops at the first
 * attribute that is malformed (too short, or longer than what is left);
 * after the loop, LEFT is 0 if all were well formed. */
#define NL_ATTR_FOR_EACH(ITER, LEFT, ATTRS, ATTRS_LEN)                  \
    for ((ITER) = (ATTRS), (LEFT) = (ATTRS_LEN);                        \
         nl_attr_is_valid(ITER, LEFT);                                  \
         (LEFT) -= NLA_ALIGN((ITER)->nla_len) < (LEFT)                  \
                   ? NLA_ALIGN((ITER)->nla_len) : (LEFT),               \
         (ITER) = nl_attr_next(ITER))

/* Like NL_ATTR_FOR_EACH for input already validated (no bounds worry). */
#define NL_ATTR_FOR_EACH_UNSAFE(ITER, LEFT, ATTRS, ATTRS_LEN)           \
    NL_ATTR_FOR_EACH (ITER, LEFT, ATTRS, ATTRS_LEN)

#define NL_NESTED_FOR_EACH(ITER, LEFT, NLA)                             \
    NL_ATTR_FOR_EACH (ITER, LEFT, nl_attr_get(NLA), nl_attr_get_size(NLA))

static inline bool
nl_attr_is_valid(const struct nlattr *nla, size_t left)
{
    return (left >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN
            && nla->nla_len <= left);
}

static inline const struct nlattr *
nl_attr_next(const struct nlattr *nla)
{
    return (const struct nlattr *) ((const uint8_t *) nla
                                    + NLA_ALIGN(nla->nla_len));
}

/* Policies.
 *
 * A policy is an array indexed by attribute type; entries whose type is
 * NL_A_NO_ATTR are attributes the caller does not care about. */
enum nl_attr_type {
    NL_A_NO_ATTR = 0,
    NL_A_UNSPEC,                /* Any payload within min_len..max_len. */
    NL_A_U8,
    NL_A_U16,
    NL_A_BE16 = NL_A_U16,
    NL_A_U32,
    NL_A_BE32 = NL_A_U32,
    NL_A_U64,
    NL_A_BE64 = NL_A_U64,
    NL_A_STRING,                /* Null-terminated, at most max_len bytes
                                 * including the null if max_len != 0. */
    NL_A_FLAG,                  /* Empty payload. */
    NL_A_NESTED,                /* Attributes inside (checked later, by
                                 * nl_parse_nested() of their own). */
    N_NL_ATTR_TYPES
};

struct nl_policy {
    enum nl_attr_type type;
    size_t min_len;             /* Payload bounds; 0 means the type's */
    size_t max_len;             /* natural bound (max_len 0: no limit). */
    bool optional;              /* May be absent. */
};

#define NL_POLICY_FOR(TYPE) \
    .type = NL_A_UNSPEC, .min_len = sizeof(TYPE), .max_len = 32768

const char *nl_attr_type_to_string(enum nl_attr_type);

/* Checks NLA against POLICY; returns true if it conforms. */
bool nl_attr_validate(const struct nlattr *, const struct nl_policy *);

/* Parses the attributes in MSG that start NLA_OFFSET bytes into it
 * (after the nlmsghdr and family header) against POLICY[0..N_ATTRS),
 * storing a pointer to each attribute of a known type in ATTRS[type]
 * (NULL for absent ones).  Returns false if any attribute is malformed or
 * a required one is missing. */
bool nl_policy_parse(const struct ofpbuf *msg, size_t nla_offset,
                     const struct nl_policy policy[],
                     struct nlattr *attrs[], size_t n_attrs);
/* The same for the attributes nested inside NLA. */
bool nl_parse_nested(const struct nlattr *nla,
                     const struct nl_policy policy[],
                     struct nlattr *attrs[], size_t n_attrs);

/* Finds the first attribute of TYPE among the attributes that start
 * HDR_LEN bytes into MSG (or inside NLA), or NULL.  Stops at malformed
 * input. */
const struct nlattr *nl_attr_find(const struct ofpbuf *msg, size_t hdr_len,
                                  uint16_t type);
const struct nlattr *nl_attr_find_nested(const struct nlattr *nla,
                                         uint16_t type);

#endif /* netlink.h */
