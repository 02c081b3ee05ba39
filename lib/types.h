/* types.h: the scalar types that the packet, flow and OpenFlow code share.
 *
 * ovs_be16/ovs_be32/ovs_be64 hold values in network byte order.  They are
 * plain integers to the compiler; the names tell the reader (and reviewer)
 * which byte order a field is in, and every conversion is an explicit
 * htons()/ntohl()/htonll() call.
 *
 * ovs_u128 is a 128-bit value in host order (conntrack labels), ovs_be128
 * one in network order.  odp_port_t is a datapath port number and
 * ofp_port_t an OpenFlow port number (16 bits, as in OpenFlow 1.0).
 *
 * Nothing here allocates or has state. */
#ifndef TYPES_H
#define TYPES_H 1

#include <stdbool.h>
#include <stdint.h>

typedef uint16_t ovs_be16;
typedef uint32_t ovs_be32;
typedef uint64_t ovs_be64;

/* A 128-bit value in host byte order: u64.lo is the least significant
 * half. */
typedef union {
    uint32_t u32[4];
    struct {
        uint64_t lo, hi;
    } u64;
} ovs_u128;

/* A 128-bit value in network byte order: be32[0] is the most significant
 * word. */
typedef union {
    ovs_be32 be32[4];
    struct {
        ovs_be64 hi, lo;
    } be64;
} ovs_be128;

static inline bool
ovs_u128_is_zero(ovs_u128 x)
{
    return !(x.u64.lo | x.u64.hi);
}

static inline bool
ovs_u128_equals(ovs_u128 a, ovs_u128 b)
{
    return a.u64.lo == b.u64.lo && a.u64.hi == b.u64.hi;
}

static inline ovs_u128
ovs_u128_and(ovs_u128 a, ovs_u128 b)
{
    ovs_u128 r;

    r.u64.lo = a.u64.lo & b.u64.lo;
    r.u64.hi = a.u64.hi & b.u64.hi;
    return r;
}

/* Port numbers. */
typedef uint32_t odp_port_t;    /* Datapath port number. */
typedef uint16_t ofp_port_t;    /* OpenFlow 1.0 port number. */

#define ODPP_NONE ((odp_port_t) UINT32_MAX)
#define OFPP_NONE ((ofp_port_t) 0xffff)

#endif /* types.h */
