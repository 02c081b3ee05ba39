/* netlink.c: Netlink message building and parsing (see netlink.h). */
#include <config.h>
#include "netlink.h"

#include <errno.h>
#include <inttypes.h>
#include <linux/genetlink.h>
#include <string.h>
#include "byte-order.h"
#include "coverage.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netlink);

COVERAGE_DEFINE(netlink_bad_attr);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Message headers. */

void
nl_msg_put_nlmsghdr(struct ofpbuf *msg, size_t expected_payload,
                    uint32_t type, uint32_t flags)
{
    struct nlmsghdr *nlmsghdr;

    ovs_assert(msg->size == 0);
    nl_msg_reserve(msg, NLMSG_HDRLEN + expected_payload);
    nlmsghdr = nl_msg_put_uninit(msg, NLMSG_HDRLEN);
    nlmsghdr->nlmsg_len = 0;    /* Set when the message is sent. */
    nlmsghdr->nlmsg_type = type;
    nlmsghdr->nlmsg_flags = flags;
    nlmsghdr->nlmsg_seq = 0;    /* Set when the message is sent. */
    nlmsghdr->nlmsg_pid = 0;
}

void
nl_msg_put_genlmsghdr(struct ofpbuf *msg, size_t expected_payload,
                      int family, uint32_t flags, uint8_t cmd,
                      uint8_t version)
{
    struct genlmsghdr *genl;

    nl_msg_put_nlmsghdr(msg, GENL_HDRLEN + expected_payload, family, flags);
    genl = nl_msg_put_uninit(msg, GENL_HDRLEN);
    memset(genl, 0, GENL_HDRLEN);
    genl->cmd = cmd;
    genl->version = version;
}

struct nlmsghdr *
nl_msg_nlmsghdr(const struct ofpbuf *msg)
{
    return ofpbuf_at(msg, 0, NLMSG_HDRLEN);
}

struct genlmsghdr *
nl_msg_genlmsghdr(const struct ofpbuf *msg)
{
    return ofpbuf_at(msg, NLMSG_HDRLEN, GENL_HDRLEN);
}

bool
nl_msg_nlmsgerr(const struct ofpbuf *msg, int *errorp)
{
    const struct nlmsghdr *nlmsghdr = nl_msg_nlmsghdr(msg);

    if (nlmsghdr && nlmsghdr->nlmsg_type == NLMSG_ERROR) {
        const struct nlmsgerr *err = ofpbuf_at(msg, NLMSG_HDRLEN,
                                               sizeof *err);
        int code = EPROTO;

        if (!err) {
            VLOG_ERR_RL(&rl, "received invalid nlmsgerr (%zu bytes "
                        "< %zu)", msg->size,
                        NLMSG_HDRLEN + sizeof *err);
        } else if (err->error <= 0 && err->error > INT_MIN) {
            code = -err->error;
        } else {
            VLOG_ERR_RL(&rl, "received positive or out-of-range netlink "
                        "error %d", err->error);
        }
        if (errorp) {
            *errorp = code;
        }
        return true;
    }
    return false;
}

/* Appending. */

void
nl_msg_reserve(struct ofpbuf *msg, size_t size)
{
    ofpbuf_prealloc_tailroom(msg, NLMSG_ALIGN(size));
}

void
nl_msg_put(struct ofpbuf *msg, const void *data, size_t size)
{
    memcpy(nl_msg_put_uninit(msg, size), data, size);
}

/* Appends SIZE bytes, plus zeroed padding up to a 4-byte boundary, and
 * returns the first of the SIZE bytes (uninitialized). */
void *
nl_msg_put_uninit(struct ofpbuf *msg, size_t size)
{
    size_t pad = NLMSG_ALIGN(size) - size;
    char *p = ofpbuf_put_uninit(msg, size + pad);

    if (pad) {
        memset(p + size, 0, pad);
    }
    return p;
}

void *
nl_msg_put_unspec_uninit(struct ofpbuf *msg, uint16_t type, size_t size)
{
    size_t total = NLA_HDRLEN + size;
    struct nlattr *nla;

    ovs_assert(total <= UINT16_MAX);
    nla = nl_msg_put_uninit(msg, total);
    nla->nla_len = total;
    nla->nla_type = type;
    return nla + 1;
}

void *
nl_msg_put_unspec_zero(struct ofpbuf *msg, uint16_t type, size_t size)
{
    void *data = nl_msg_put_unspec_uninit(msg, type, size);

    memset(data, 0, size);
    return data;
}

void
nl_msg_put_unspec(struct ofpbuf *msg, uint16_t type, const void *data,
                  size_t size)
{
    void *p = nl_msg_put_unspec_uninit(msg, type, size);

    if (size) {
        memcpy(p, data, size);
    }
}

void
nl_msg_put_flag(struct ofpbuf *msg, uint16_t type)
{
    nl_msg_put_unspec(msg, type, NULL, 0);
}

void
nl_msg_put_u8(struct ofpbuf *msg, uint16_t type, uint8_t value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_u16(struct ofpbuf *msg, uint16_t type, uint16_t value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_u32(struct ofpbuf *msg, uint16_t type, uint32_t value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_u64(struct ofpbuf *msg, uint16_t type, uint64_t value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_be16(struct ofpbuf *msg, uint16_t type, ovs_be16 value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_be32(struct ofpbuf *msg, uint16_t type, ovs_be32 value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_be64(struct ofpbuf *msg, uint16_t type, ovs_be64 value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_string(struct ofpbuf *msg, uint16_t type, const char *value)
{
    nl_msg_put_unspec(msg, type, value, strlen(value) + 1);
}

size_t
nl_msg_start_nested(struct ofpbuf *msg, uint16_t type)
{
    size_t offset = msg->size;

    nl_msg_put_unspec_uninit(msg, type, 0);
    return offset;
}

void
nl_msg_end_nested(struct ofpbuf *msg, size_t offset)
{
    struct nlattr *nla = ofpbuf_at_assert(msg, offset, NLA_HDRLEN);
    size_t len = msg->size - offset;

    ovs_assert(len <= UINT16_MAX);
    nla->nla_len = len;
}

void
nl_msg_cancel_nested(struct ofpbuf *msg, size_t offset)
{
    ovs_assert(offset <= msg->size);
    msg->size = offset;
}

bool
nl_msg_end_non_empty_nested(struct ofpbuf *msg, size_t offset)
{
    nl_msg_end_nested(msg, offset);
    if (msg->size - offset == NLA_HDRLEN) {
        nl_msg_cancel_nested(msg, offset);
        return true;
    }
    return false;
}

void
nl_msg_put_nested(struct ofpbuf *msg, uint16_t type, const void *nested,
                  size_t size)
{
    nl_msg_put_unspec(msg, type, nested, size);
}

struct nlmsghdr *
nl_msg_next(struct ofpbuf *buffer, struct ofpbuf *msg)
{
    if (buffer->size >= NLMSG_HDRLEN) {
        struct nlmsghdr *nlmsghdr = buffer->data;
        size_t len = nlmsghdr->nlmsg_len;

        if (len >= NLMSG_HDRLEN && len <= buffer->size) {
            ofpbuf_use_const(msg, nlmsghdr, len);
            ofpbuf_pull(buffer, MIN(NLMSG_ALIGN(len), buffer->size));
            return nlmsghdr;
        }
        VLOG_WARN_RL(&rl, "received netlink message with bad length %zu "
                     "(%zu bytes in buffer)",
                     len, buffer->size);
    }
    ofpbuf_clear(buffer);
    ofpbuf_use_const(msg, NULL, 0);
    return NULL;
}

/* Attribute accessors. */

static void
nl_attr_assert_size(const struct nlattr *nla, size_t size)
{
    ovs_assert(nl_attr_get_size(nla) == size);
}

const void *
nl_attr_get_unspec(const struct nlattr *nla, size_t size)
{
    ovs_assert(nl_attr_get_size(nla) >= size);
    return nla + 1;
}

bool
nl_attr_get_flag(const struct nlattr *nla)
{
    return nla != NULL;
}

#define NL_ATTR_GETTER(NAME, TYPE)                  \
    TYPE                                            \
    nl_attr_get_##NAME(const struct nlattr *nla)    \
    {                                               \
        TYPE value;                                 \
                                                    \
        nl_attr_assert_size(nla, sizeof value);     \
        memcpy(&value, nla + 1, sizeof value);      \
        return value;                               \
    }
NL_ATTR_GETTER(u8, uint8_t)
NL_ATTR_GETTER(u16, uint16_t)
NL_ATTR_GETTER(u32, uint32_t)
NL_ATTR_GETTER(u64, uint64_t)
NL_ATTR_GETTER(be16, ovs_be16)
NL_ATTR_GETTER(be32, ovs_be32)
NL_ATTR_GETTER(be64, ovs_be64)

const char *
nl_attr_get_string(const struct nlattr *nla)
{
    ovs_assert(nl_attr_get_size(nla) > 0
               && memchr(nla + 1, '\0', nl_attr_get_size(nla)));
    return (const char *) (nla + 1);
}

void
nl_attr_get_nested(const struct nlattr *nla, struct ofpbuf *nested)
{
    ofpbuf_use_const(nested, nl_attr_get(nla), nl_attr_get_size(nla));
}

/* Policies. */

const char *
nl_attr_type_to_string(enum nl_attr_type type)
{
    switch (type) {
    case NL_A_NO_ATTR: return "none";
    case NL_A_UNSPEC: return "unspecified";
    case NL_A_U8: return "8-bit integer";
    case NL_A_U16: return "16-bit integer";
    case NL_A_U32: return "32-bit integer";
    case NL_A_U64: return "64-bit integer";
    case NL_A_STRING: return "string";
    case NL_A_FLAG: return "flag";
    case NL_A_NESTED: return "nested";
    case N_NL_ATTR_TYPES: default: return "<error>";
    }
}

/* Natural payload bounds of each type: {min, max}, max 0 meaning no
 * limit. */
static const size_t nl_attr_bounds[N_NL_ATTR_TYPES][2] = {
    [NL_A_NO_ATTR] = { 0, 0 },
    [NL_A_UNSPEC] = { 0, 0 },
    [NL_A_U8] = { 1, 1 },
    [NL_A_U16] = { 2, 2 },
    [NL_A_U32] = { 4, 4 },
    [NL_A_U64] = { 8, 8 },
    [NL_A_STRING] = { 1, 0 },
    [NL_A_FLAG] = { 0, 0 },
    [NL_A_NESTED] = { 0, 0 },
};

bool
nl_attr_validate(const struct nlattr *nla, const struct nl_policy *policy)
{
    enum nl_attr_type type = policy->type;
    size_t len = nl_attr_get_size(nla);
    size_t min_len, max_len;

    if (type == NL_A_NO_ATTR) {
        return true;
    }
    if (type >= N_NL_ATTR_TYPES) {
        return false;
    }
    min_len = policy->min_len ? policy->min_len : nl_attr_bounds[type][0];
    max_len = policy->max_len ? policy->max_len : nl_attr_bounds[type][1];
    if (type == NL_A_FLAG) {
        max_len = 0;
        if (len) {
            VLOG_DBG_RL(&rl, "flag attribute %"PRIu16" has a payload",
                        nl_attr_type(nla));
            return false;
        }
    }
    if (len < min_len || (max_len && len > max_len)) {
        VLOG_DBG_RL(&rl, "attribute %"PRIu16" has length %zu"
                    " (allowed range %zu...%zu)",
                    nl_attr_type(nla), len, min_len, max_len);
        return false;
    }
    if (type == NL_A_STRING) {
        const char *s = nl_attr_get(nla);

        if (s[len - 1] != '\0') {
            VLOG_DBG_RL(&rl, "string attribute %"PRIu16" is not "
                        "terminated by its last byte", nl_attr_type(nla));
            return false;
        }
    }
    return true;
}

static bool
nl_policy_parse__(const void *data, size_t size,
                  const struct nl_policy policy[],
                  struct nlattr *attrs[], size_t n_attrs)
{
    const struct nlattr *nla;
    size_t left;
    size_t i;

    memset(attrs, 0, n_attrs * sizeof *attrs);
    NL_ATTR_FOR_EACH (nla, left, data, size) {
        uint16_t type = nl_attr_type(nla);

        if (type < n_attrs && policy[type].type != NL_A_NO_ATTR) {
            if (!nl_attr_validate(nla, &policy[type])) {
                goto bad;
            }
            attrs[type] = CONST_CAST(struct nlattr *, nla);
        }
    }
    if (left) {
        VLOG_DBG_RL(&rl, "attributes followed by %zu bytes of "
                    "garbage", left);
        goto bad;
    }
    for (i = 0; i < n_attrs; i++) {
        if (policy[i].type != NL_A_NO_ATTR && !policy[i].optional
            && !attrs[i]) {
            VLOG_DBG_RL(&rl, "required attribute %zu missing", i);
            goto bad;
        }
    }
    return true;

bad:
    COVERAGE_INC(netlink_bad_attr);
    memset(attrs, 0, n_attrs * sizeof *attrs);
    return false;
}

bool
nl_policy_parse(const struct ofpbuf *msg, size_t nla_offset,
                const struct nl_policy policy[],
                struct nlattr *attrs[], size_t n_attrs)
{
    if (nla_offset > msg->size) {
        VLOG_DBG_RL(&rl, "message too short for its headers");
        memset(attrs, 0, n_attrs * sizeof *attrs);
        COVERAGE_INC(netlink_bad_attr);
        return false;
    }
    return nl_policy_parse__((const char *) msg->data + nla_offset,
                             msg->size - nla_offset, policy, attrs, n_attrs);
}

bool
nl_parse_nested(const struct nlattr *nla, const struct nl_policy policy[],
                struct nlattr *attrs[], size_t n_attrs)
{
    return nl_policy_parse__(nl_attr_get(nla), nl_attr_get_size(nla),
                             policy, attrs, n_attrs);
}

static const struct nlattr *
nl_attr_find__(const void *data, size_t size, uint16_t type)
{
    const struct nlattr *nla;
    size_t left;

    NL_ATTR_FOR_EACH (nla, left, data, size) {
        if (nl_attr_type(nla) == type) {
            return nla;
        }
    }
    return NULL;
}

const struct nlattr *
nl_attr_find(const struct ofpbuf *msg, size_t hdr_len, uint16_t type)
{
    return (hdr_len <= msg->size
            ? nl_attr_find__((const char *) msg->data + hdr_len,
                             msg->size - hdr_len, type)
            : NULL);
}

const struct nlattr *
nl_attr_find_nested(const struct nlattr *nla, uint16_t type)
{
    return nl_attr_find__(nl_attr_get(nla), nl_attr_get_size(nla), type);
}
