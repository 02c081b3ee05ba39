/* dp-packet.h: the packet buffer of the userspace datapath, and batches of
 * packets.
 *
 * A struct dp_packet is a contiguous buffer with the packet's bytes in the
 * middle: headroom before them (room to push tunnel, VLAN or MPLS headers
 * without copying) and tailroom after.  Besides the bytes it carries:
 *
 *   - header offsets, relative to the first byte of data: L2 is always the
 *     start of the data (for an Ethernet packet), then L2.5 (the first
 *     MPLS label), L3 and L4.  UINT16_MAX means "not present".
 *     flow_extract() sets them; header edits in packets.h use and keep
 *     them right; code that pushes or pulls bytes at the front otherwise
 *     must call dp_packet_reset_offsets() or fix them.
 *   - l2_pad_size: Ethernet padding after the L3 packet (bytes past the
 *     IPv4/IPv6 length), which L3/L4 sizes exclude.
 *   - packet_type (PT_ETH for Ethernet, or an OFPHTN_ETHERTYPE type for a
 *     packet that starts at L3) and struct pkt_metadata (in_port, tunnel,
 *     conntrack, ... see packets.h).
 *   - offload state (DP_PACKET_OL_*) that a netdev fills from what the
 *     device or a virtio-net header said: RSS hash, checksums verified
 *     good or bad, an L4 checksum still "partial" (the checksum field holds
 *     the pseudo-header sum; the sum over the L4 bytes is still to be
 *     added, at csum_offset bytes into the L4 header), and a TCP
 *     segmentation size for GSO/TSO.
 *
 * Memory: a packet from dp_packet_new*() or dp_packet_clone*() owns its
 * struct and its buffer; dp_packet_delete() frees both.  A packet set up
 * by dp_packet_init() or dp_packet_use_stub() lives in memory the caller
 * owns and is released with dp_packet_uninit(); a stub buffer is used until
 * the packet outgrows it, then the data moves to the heap.  Functions that
 * add bytes may move the data: pointers into a packet are stale after any
 * call that can grow it (dp_packet_put*(), dp_packet_push*(),
 * dp_packet_prealloc_*(), dp_packet_resize_l2()).
 *
 * Bounds: dp_packet_at() returns NULL rather than a pointer to bytes that
 * are not all in the packet; pull and put assert on their own caller's
 * arithmetic, never on packet contents.
 *
 * Thread safety: none inside; one thread handles a packet at a time. */
#ifndef DP_PACKET_H
#define DP_PACKET_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "packets.h"
#include "util.h"

/* Headroom that netdevs leave in received packets, enough for the largest
 * tunnel header we push (outer Ethernet, VLAN, IPv6, UDP, Geneve with
 * options would need more; they call dp_packet_prealloc_headroom()). */
#define DP_PACKET_HEADROOM 128

enum dp_packet_source {
    DPBUF_MALLOC,               /* Buffer from malloc(); ours to free. */
    DPBUF_STUB,                 /* Caller's buffer; moved to malloc() if it
                                 * must grow. */
};

/* Offload flags (struct dp_packet's ol_flags). */
enum {
    DP_PACKET_OL_RSS_HASH = 1 << 0,        /* rss_hash is valid. */
    DP_PACKET_OL_FLOW_MARK = 1 << 1,       /* flow_mark is valid. */
    DP_PACKET_OL_RX_IP_CSUM_GOOD = 1 << 2, /* IPv4 header csum verified. */
    DP_PACKET_OL_RX_IP_CSUM_BAD = 1 << 3,
    DP_PACKET_OL_RX_L4_CSUM_GOOD = 1 << 4, /* L4 csum verified. */
    DP_PACKET_OL_RX_L4_CSUM_BAD = 1 << 5,
    DP_PACKET_OL_L4_CSUM_PARTIAL = 1 << 6, /* L4 csum holds the pseudo-
                                            * header sum only. */
    DP_PACKET_OL_TCP_SEG = 1 << 7,         /* Segment TCP into tso_segsz
                                            * byte payloads on send. */
};

#define DP_PACKET_OFS_NONE UINT16_MAX

struct dp_packet {
    void *base_;                /* Start of the allocated buffer. */
    uint32_t allocated_;        /* Bytes allocated at base_. */
    uint32_t data_ofs;          /* Headroom: base_ to the first data byte. */
    uint32_t size_;             /* Bytes of data. */
    enum dp_packet_source source;

    uint32_t ol_flags;          /* DP_PACKET_OL_*. */
    uint32_t rss_hash;          /* With DP_PACKET_OL_RSS_HASH. */
    uint32_t flow_mark;         /* With DP_PACKET_OL_FLOW_MARK. */
    uint16_t tso_segsz;         /* With DP_PACKET_OL_TCP_SEG. */
    uint16_t csum_offset;       /* With DP_PACKET_OL_L4_CSUM_PARTIAL: the
                                 * checksum field's offset in L4. */

    uint16_t l2_pad_size;       /* Padding after the L3 packet. */
    uint16_t l2_5_ofs;          /* MPLS label stack, or OFS_NONE. */
    uint16_t l3_ofs;            /* Network header, or OFS_NONE. */
    uint16_t l4_ofs;            /* Transport header, or OFS_NONE. */
    uint32_t cutlen;            /* Bytes to drop from the end on output
                                 * (truncate action), 0 for none. */
    ovs_be32 packet_type;       /* PT_ETH or another packet type. */
    struct pkt_metadata md;
};

/* Creation and destruction. */
void dp_packet_init(struct dp_packet *, size_t allocated);
void dp_packet_use_stub(struct dp_packet *, void *stub, size_t allocated);
void dp_packet_use_const(struct dp_packet *, const void *data, size_t size);
void dp_packet_uninit(struct dp_packet *);

struct dp_packet *dp_packet_new(size_t allocated);
struct dp_packet *dp_packet_new_with_headroom(size_t size, size_t headroom);
struct dp_packet *dp_packet_clone(const struct dp_packet *);
struct dp_packet *dp_packet_clone_with_headroom(const struct dp_packet *,
                                                size_t headroom);
struct dp_packet *dp_packet_clone_data(const void *data, size_t size);
struct dp_packet *dp_packet_clone_data_with_headroom(const void *data,
                                                     size_t size,
                                                     size_t headroom);
void dp_packet_delete(struct dp_packet *);

/* Data, sizes and room. */
static inline void *
dp_packet_base(const struct dp_packet *b)
{
    return b->base_;
}

static inline void *
dp_packet_data(const struct dp_packet *b)
{
    return (char *) b->base_ + b->data_ofs;
}

static inline uint32_t
dp_packet_size(const struct dp_packet *b)
{
    return b->size_;
}

/* Sets the size, which must fit in the buffer after the headroom. */
static inline void
dp_packet_set_size(struct dp_packet *b, uint32_t size)
{
    ovs_assert(size <= b->allocated_ - b->data_ofs);
    b->size_ = size;
}

static inline void *
dp_packet_tail(const struct dp_packet *b)
{
    return (char *) dp_packet_data(b) + b->size_;
}

static inline void *
dp_packet_end(const struct dp_packet *b)
{
    return (char *) b->base_ + b->allocated_;
}

static inline size_t
dp_packet_headroom(const struct dp_packet *b)
{
    return b->data_ofs;
}

static inline size_t
dp_packet_tailroom(const struct dp_packet *b)
{
    return b->allocated_ - b->data_ofs - b->size_;
}

/* Returns a pointer to the SIZE bytes at OFFSET in the data, or NULL if
 * they are not all there. */
static inline void *
dp_packet_at(const struct dp_packet *b, size_t offset, size_t size)
{
    return (offset <= b->size_ && size <= b->size_ - offset
            ? (char *) dp_packet_data(b) + offset : NULL);
}

/* Like dp_packet_at(), for callers that know the bytes are there. */
static inline void *
dp_packet_at_assert(const struct dp_packet *b, size_t offset, size_t size)
{
    ovs_assert(offset <= b->size_ && size <= b->size_ - offset);
    return (char *) dp_packet_data(b) + offset;
}

void dp_packet_prealloc_tailroom(struct dp_packet *, size_t);
void dp_packet_prealloc_headroom(struct dp_packet *, size_t);
/* On an empty packet, moves the start of data SIZE bytes further from the
 * start of the buffer (growing it if needed), leaving that much headroom. */
void dp_packet_reserve(struct dp_packet *, size_t size);
void dp_packet_reserve_with_tailroom(struct dp_packet *, size_t headroom,
                                     size_t tailroom);

/* Appending at the tail; each returns the first new byte. */
void *dp_packet_put_uninit(struct dp_packet *, size_t);
void *dp_packet_put_zeros(struct dp_packet *, size_t);
void *dp_packet_put(struct dp_packet *, const void *, size_t);

/* Prepending at the head; each returns the new first byte.  Header offsets
 * are not changed. */
void *dp_packet_push_uninit(struct dp_packet *, size_t);
void *dp_packet_push_zeros(struct dp_packet *, size_t);
void *dp_packet_push(struct dp_packet *, const void *, size_t);

/* Removes SIZE bytes from the head (which must be there) and returns the
 * first one removed. */
static inline void *
dp_packet_pull(struct dp_packet *b, size_t size)
{
    void *data = dp_packet_data(b);

    ovs_assert(size <= b->size_);
    b->data_ofs += size;
    b->size_ -= size;
    return data;
}

/* Like dp_packet_pull(), but returns NULL (and pulls nothing) if there are
 * fewer than SIZE bytes. */
static inline void *
dp_packet_try_pull(struct dp_packet *b, size_t size)
{
    return size <= b->size_ ? dp_packet_pull(b, size) : NULL;
}

/* Removes all data and resets the offsets; headroom is kept. */
void dp_packet_clear(struct dp_packet *);

/* Header offsets. */
static inline void
dp_packet_reset_offsets(struct dp_packet *b)
{
    b->l2_pad_size = 0;
    b->l2_5_ofs = DP_PACKET_OFS_NONE;
    b->l3_ofs = DP_PACKET_OFS_NONE;
    b->l4_ofs = DP_PACKET_OFS_NONE;
}

static inline bool
dp_packet_is_eth(const struct dp_packet *b)
{
    return b->packet_type == PT_ETH;
}

/* The Ethernet header, or NULL if this is not an Ethernet packet or is too
 * short to have one. */
static inline struct eth_header *
dp_packet_eth(const struct dp_packet *b)
{
    return (dp_packet_is_eth(b) && b->size_ >= ETH_HEADER_LEN
            ? dp_packet_data(b) : NULL);
}

static inline void *
dp_packet_ofs_ptr__(const struct dp_packet *b, uint16_t ofs)
{
    return ofs != DP_PACKET_OFS_NONE ? (char *) dp_packet_data(b) + ofs
                                     : NULL;
}

static inline void *
dp_packet_l2_5(const struct dp_packet *b)
{
    return dp_packet_ofs_ptr__(b, b->l2_5_ofs);
}

static inline void *
dp_packet_l3(const struct dp_packet *b)
{
    return dp_packet_ofs_ptr__(b, b->l3_ofs);
}

static inline void *
dp_packet_l4(const struct dp_packet *b)
{
    return dp_packet_ofs_ptr__(b, b->l4_ofs);
}

/* Sets an offset from a pointer into the data (NULL for none). */
void dp_packet_set_l2_5(struct dp_packet *, const void *);
void dp_packet_set_l3(struct dp_packet *, const void *);
void dp_packet_set_l4(struct dp_packet *, const void *);

/* Bytes from L3 (L4) to the end of the packet, less L2 padding; 0 if there
 * is no such header. */
static inline size_t
dp_packet_l3_size(const struct dp_packet *b)
{
    if (b->l3_ofs == DP_PACKET_OFS_NONE
        || b->l3_ofs + b->l2_pad_size > b->size_) {
        return 0;
    }
    return b->size_ - b->l3_ofs - b->l2_pad_size;
}

static inline size_t
dp_packet_l4_size(const struct dp_packet *b)
{
    if (b->l4_ofs == DP_PACKET_OFS_NONE
        || b->l4_ofs + b->l2_pad_size > b->size_) {
        return 0;
    }
    return b->size_ - b->l4_ofs - b->l2_pad_size;
}

/* The L3 (L4) header if at least SIZE bytes of it are in the packet,
 * otherwise NULL. */
static inline void *
dp_packet_l3_at(const struct dp_packet *b, size_t size)
{
    return dp_packet_l3_size(b) >= size ? dp_packet_l3(b) : NULL;
}

static inline void *
dp_packet_l4_at(const struct dp_packet *b, size_t size)
{
    return dp_packet_l4_size(b) >= size ? dp_packet_l4(b) : NULL;
}

/* Adds DELTA bytes (removes -DELTA bytes) at the head of the data, and
 * moves every set offset by DELTA so that it still points at its header.
 * For pushing and popping headers inside L2 (VLAN, MPLS).  Returns the
 * new start of data. */
void *dp_packet_resize_l2(struct dp_packet *, int delta);

/* Offload state. */
static inline bool
dp_packet_ol_l4_csum_partial(const struct dp_packet *b)
{
    return (b->ol_flags & DP_PACKET_OL_L4_CSUM_PARTIAL) != 0;
}

/* Marks the L4 checksum partial, the field being CSUM_OFFSET bytes into
 * the L4 header (6 for UDP, 16 for TCP, 2 for ICMPv6). */
static inline void
dp_packet_ol_set_l4_csum_partial(struct dp_packet *b, uint16_t csum_offset)
{
    b->ol_flags |= DP_PACKET_OL_L4_CSUM_PARTIAL;
    b->ol_flags &= ~(DP_PACKET_OL_RX_L4_CSUM_GOOD
                     | DP_PACKET_OL_RX_L4_CSUM_BAD);
    b->csum_offset = csum_offset;
}

static inline bool
dp_packet_ol_l4_csum_good(const struct dp_packet *b)
{
    return (b->ol_flags & DP_PACKET_OL_RX_L4_CSUM_GOOD) != 0;
}

static inline bool
dp_packet_ol_l4_csum_bad(const struct dp_packet *b)
{
    return (b->ol_flags & DP_PACKET_OL_RX_L4_CSUM_BAD) != 0;
}

static inline bool
dp_packet_ol_ip_csum_good(const struct dp_packet *b)
{
    return (b->ol_flags & DP_PACKET_OL_RX_IP_CSUM_GOOD) != 0;
}

static inline bool
dp_packet_ol_ip_csum_bad(const struct dp_packet *b)
{
    return (b->ol_flags & DP_PACKET_OL_RX_IP_CSUM_BAD) != 0;
}

static inline bool
dp_packet_ol_tcp_seg(const struct dp_packet *b)
{
    return (b->ol_flags & DP_PACKET_OL_TCP_SEG) != 0;
}

static inline void
dp_packet_ol_set_tcp_seg(struct dp_packet *b, uint16_t segsz)
{
    b->ol_flags |= DP_PACKET_OL_TCP_SEG;
    b->tso_segsz = segsz;
}

/* Completes a partial L4 checksum in software: adds the sum of the L4
 * bytes to the pseudo-header sum in the field and stores the result.
 * Then the checksum is good.  Does nothing unless the checksum is partial
 * and the field lies inside the packet's L4 bytes. */
void dp_packet_ol_finalize_l4_csum(struct dp_packet *);

static inline bool
dp_packet_rss_valid(const struct dp_packet *b)
{
    return (b->ol_flags & DP_PACKET_OL_RSS_HASH) != 0;
}

static inline uint32_t
dp_packet_get_rss_hash(const struct dp_packet *b)
{
    return b->rss_hash;
}

static inline void
dp_packet_set_rss_hash(struct dp_packet *b, uint32_t hash)
{
    b->rss_hash = hash;
    b->ol_flags |= DP_PACKET_OL_RSS_HASH;
}

/* Clears everything a netdev or an earlier pass set, for a packet about to
 * be received again into the same buffer: offsets, offload state,
 * cutlen, metadata (for PORT), packet type PT_ETH. */
void dp_packet_reset_for_rx(struct dp_packet *, odp_port_t port);

/* Batches. */

#define NETDEV_MAX_BURST 32

struct dp_packet_batch {
    size_t count;               /* Packets in use, at the front. */
    bool trunc;                 /* Some packet may have a nonzero cutlen. */
    struct dp_packet *packets[NETDEV_MAX_BURST];
};

static inline void
dp_packet_batch_init(struct dp_packet_batch *batch)
{
    batch->count = 0;
    batch->trunc = false;
}

/* Appends PACKET; the batch must not be full. */
static inline void
dp_packet_batch_add__(struct dp_packet_batch *batch,
                      struct dp_packet *packet)
{
    ovs_assert(batch->count < NETDEV_MAX_BURST);
    batch->packets[batch->count++] = packet;
}

/* Appends PACKET, or deletes it if the batch is full. */
static inline void
dp_packet_batch_add(struct dp_packet_batch *batch, struct dp_packet *packet)
{
    if (batch->count < NETDEV_MAX_BURST) {
        batch->packets[batch->count++] = packet;
    } else {
        dp_packet_delete(packet);
    }
}

static inline size_t
dp_packet_batch_size(const struct dp_packet_batch *batch)
{
    return batch->count;
}

static inline bool
dp_packet_batch_is_empty(const struct dp_packet_batch *batch)
{
    return !batch->count;
}

static inline bool
dp_packet_batch_is_full(const struct dp_packet_batch *batch)
{
    return batch->count == NETDEV_MAX_BURST;
}

static inline void
dp_packet_batch_init_packet(struct dp_packet_batch *batch,
                            struct dp_packet *packet)
{
    dp_packet_batch_init(batch);
    batch->count = 1;
    batch->packets[0] = packet;
}

/* Iterates PACKET over the packets of BATCH, IDX being the index. */
#define DP_PACKET_BATCH_FOR_EACH(IDX, PACKET, BATCH)                \
    for (size_t IDX = 0;                                            \
         IDX < (BATCH)->count && ((PACKET) = (BATCH)->packets[IDX], 1); \
         IDX++)

/* Iterates over the first SIZE packets of BATCH (SIZE being its count
 * before the loop) after emptying it; the body puts back the packets it
 * keeps with dp_packet_batch_refill() and must delete or hand off the
 * others.  Kept packets stay in order. */
#define DP_PACKET_BATCH_REFILL_FOR_EACH(IDX, SIZE, PACKET, BATCH)   \
    for (size_t IDX = ((BATCH)->count = 0, 0);                      \
         IDX < (SIZE) && ((PACKET) = (BATCH)->packets[IDX], 1);     \
         IDX++)

static inline void
dp_packet_batch_refill(struct dp_packet_batch *batch,
                       struct dp_packet *packet, size_t idx)
{
    ovs_assert(batch->count <= idx);
    batch->packets[batch->count++] = packet;
}

/* Deletes every packet of BATCH if MAY_STEAL, and empties it either way. */
void dp_packet_delete_batch(struct dp_packet_batch *, bool may_steal);

/* Makes DST a batch of clones of the packets of SRC. */
void dp_packet_batch_clone(struct dp_packet_batch *dst,
                           const struct dp_packet_batch *src);

/* Applies each packet's cutlen (dropping that many bytes from its end)
 * and zeroes it, if the batch has trunc set. */
void dp_packet_batch_apply_cutlen(struct dp_packet_batch *);
void dp_packet_batch_reset_cutlen(struct dp_packet_batch *);

#endif /* dp-packet.h */
