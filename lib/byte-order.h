/* byte-order.h: byte swapping and unaligned access for wire formats.
 *
 * htonll()/ntohll() convert 64-bit values.  Packet headers keep 32-bit and
 * 64-bit fields that are only 16-bit aligned on the wire (IPv4 addresses
 * after a 14-byte Ethernet header, for one); such fields are declared as
 * ovs_16aligned_be32/ovs_16aligned_be64 and read and written with
 * get_16aligned_be32() and friends, which never make an unaligned access
 * wider than 16 bits.  get_unaligned_*()/put_unaligned_*() work at any
 * alignment through memcpy(), which compilers turn into single loads and
 * stores where the CPU allows.
 *
 * Pure functions: no state, thread-safe. */
#ifndef BYTE_ORDER_H
#define BYTE_ORDER_H 1

#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>
#include "types.h"

static inline uint64_t
ovs_bswap64(uint64_t x)
{
    return __builtin_bswap64(x);
}

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define WORDS_BIGENDIAN 1
static inline ovs_be64 htonll(uint64_t x) { return x; }
static inline uint64_t ntohll(ovs_be64 x) { return x; }
#else
static inline ovs_be64 htonll(uint64_t x) { return ovs_bswap64(x); }
static inline uint64_t ntohll(ovs_be64 x) { return ovs_bswap64(x); }
#endif

/* Compile-time conversions, for initializers and case labels. */
#ifdef WORDS_BIGENDIAN
#define CONSTANT_HTONS(X) ((ovs_be16) (X))
#define CONSTANT_HTONL(X) ((ovs_be32) (X))
#define CONSTANT_HTONLL(X) ((ovs_be64) (X))
#else
#define CONSTANT_HTONS(X) \
    ((ovs_be16) ((((uint16_t) (X) & 0xff00) >> 8) | \
                 (((uint16_t) (X) & 0x00ff) << 8)))
#define CONSTANT_HTONL(X) \
    ((ovs_be32) ((((uint32_t) (X) & 0x000000ffu) << 24) | \
                 (((uint32_t) (X) & 0x0000ff00u) << 8) | \
                 (((uint32_t) (X) & 0x00ff0000u) >> 8) | \
                 (((uint32_t) (X) & 0xff000000u) >> 24)))
#define CONSTANT_HTONLL(X) \
    ((ovs_be64) (((uint64_t) CONSTANT_HTONL((uint64_t) (X) >> 32)) | \
                 ((uint64_t) CONSTANT_HTONL(X) << 32)))
#endif

/* A 32-bit big-endian field that may be only 16-bit aligned. */
typedef struct {
    ovs_be16 hi, lo;            /* Most and least significant halves. */
} ovs_16aligned_be32;

/* A 64-bit big-endian field that may be only 16-bit aligned. */
typedef struct {
    ovs_be16 w[4];              /* Most significant half-word first. */
} ovs_16aligned_be64;

static inline ovs_be32
get_16aligned_be32(const ovs_16aligned_be32 *x)
{
#ifdef WORDS_BIGENDIAN
    return ((ovs_be32) x->hi << 16) | x->lo;
#else
    return ((ovs_be32) x->lo << 16) | x->hi;
#endif
}

static inline void
put_16aligned_be32(ovs_16aligned_be32 *x, ovs_be32 value)
{
#ifdef WORDS_BIGENDIAN
    x->hi = value >> 16;
    x->lo = value;
#else
    x->hi = value;
    x->lo = value >> 16;
#endif
}

static inline ovs_be64
get_16aligned_be64(const ovs_16aligned_be64 *x)
{
    ovs_be64 v;

    memcpy(&v, x, sizeof v);
    return v;
}

static inline void
put_16aligned_be64(ovs_16aligned_be64 *x, ovs_be64 value)
{
    memcpy(x, &value, sizeof value);
}

/* Any alignment, host byte order. */
static inline uint16_t
get_unaligned_u16(const void *p)
{
    uint16_t v;

    memcpy(&v, p, sizeof v);
    return v;
}

static inline uint32_t
get_unaligned_u32(const void *p)
{
    uint32_t v;

    memcpy(&v, p, sizeof v);
    return v;
}

static inline uint64_t
get_unaligned_u64(const void *p)
{
    uint64_t v;

    memcpy(&v, p, sizeof v);
    return v;
}

static inline void
put_unaligned_u16(void *p, uint16_t v)
{
    memcpy(p, &v, sizeof v);
}

static inline void
put_unaligned_u32(void *p, uint32_t v)
{
    memcpy(p, &v, sizeof v);
}

static inline void
put_unaligned_u64(void *p, uint64_t v)
{
    memcpy(p, &v, sizeof v);
}

/* Any alignment, network byte order (the value stays big-endian). */
#define get_unaligned_be16(P) ((ovs_be16) get_unaligned_u16(P))
#define get_unaligned_be32(P) ((ovs_be32) get_unaligned_u32(P))
#define get_unaligned_be64(P) ((ovs_be64) get_unaligned_u64(P))
#define put_unaligned_be16(P, V) put_unaligned_u16(P, V)
#define put_unaligned_be32(P, V) put_unaligned_u32(P, V)
#define put_unaligned_be64(P, V) put_unaligned_u64(P, V)

#endif /* byte-order.h */
