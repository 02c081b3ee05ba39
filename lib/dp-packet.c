/* dp-packet.c: packet buffers and batches (see dp-packet.h). */
#include <config.h>
#include "dp-packet.h"

#include <stdlib.h>
#include <string.h>
#include "packets.h"
#include "util.h"

static void
dp_packet_init__(struct dp_packet *b, void *base, size_t allocated,
                 enum dp_packet_source source)
{
    ovs_assert(allocated <= UINT32_MAX);
    b->base_ = base;
    b->allocated_ = allocated;
    b->data_ofs = 0;
    b->size_ = 0;
    b->source = source;
    b->ol_flags = 0;
    b->rss_hash = 0;
    b->flow_mark = 0;
    b->tso_segsz = 0;
    b->csum_offset = 0;
    b->cutlen = 0;
    b->packet_type = PT_ETH;
    dp_packet_reset_offsets(b);
    pkt_metadata_init(&b->md, 0);
}

void
dp_packet_init(struct dp_packet *b, size_t allocated)
{
    dp_packet_init__(b, xmalloc(MAX(allocated, 1)), allocated,
                     DPBUF_MALLOC);
}

void
dp_packet_use_stub(struct dp_packet *b, void *stub, size_t allocated)
{
    dp_packet_init__(b, stub, allocated, DPBUF_STUB);
}

void
dp_packet_use_const(struct dp_packet *b, const void *data, size_t size)
{
    dp_packet_init__(b, (void *) (uintptr_t) data, size, DPBUF_STUB);
    b->size_ = size;
}

void
dp_packet_uninit(struct dp_packet *b)
{
    if (b && b->source == DPBUF_MALLOC) {
        free(b->base_);
        b->base_ = NULL;
    }
}

struct dp_packet *
dp_packet_new(size_t allocated)
{
    struct dp_packet *b = xmalloc(sizeof *b);

    dp_packet_init(b, allocated);
    return b;
}

struct dp_packet *
dp_packet_new_with_headroom(size_t size, size_t headroom)
{
    struct dp_packet *b = dp_packet_new(size + headroom);

    b->data_ofs = headroom;
    return b;
}

struct dp_packet *
dp_packet_clone_data_with_headroom(const void *data, size_t size,
                                   size_t headroom)
{
    struct dp_packet *b = dp_packet_new_with_headroom(size, headroom);

    if (size) {
        memcpy(dp_packet_data(b), data, size);
    }
    b->size_ = size;
    return b;
}

struct dp_packet *
dp_packet_clone_data(const void *data, size_t size)
{
    return dp_packet_clone_data_with_headroom(data, size, 0);
}

struct dp_packet *
dp_packet_clone_with_headroom(const struct dp_packet *src, size_t headroom)
{
    struct dp_packet *b;

    b = dp_packet_clone_data_with_headroom(dp_packet_data(src),
                                           dp_packet_size(src), headroom);
    b->ol_flags = src->ol_flags;
    b->rss_hash = src->rss_hash;
    b->flow_mark = src->flow_mark;
    b->tso_segsz = src->tso_segsz;
    b->csum_offset = src->csum_offset;
    b->l2_pad_size = src->l2_pad_size;
    b->l2_5_ofs = src->l2_5_ofs;
    b->l3_ofs = src->l3_ofs;
    b->l4_ofs = src->l4_ofs;
    b->cutlen = src->cutlen;
    b->packet_type = src->packet_type;
    b->md = src->md;
    return b;
}

struct dp_packet *
dp_packet_clone(const struct dp_packet *src)
{
    return dp_packet_clone_with_headroom(src, dp_packet_headroom(src));
}

void
dp_packet_delete(struct dp_packet *b)
{
    if (b) {
        dp_packet_uninit(b);
        free(b);
    }
}

/* Moves the data into a new buffer with NEW_HEADROOM bytes before it and
 * NEW_TAILROOM after. */
static void
dp_packet_resize(struct dp_packet *b, size_t new_headroom,
                 size_t new_tailroom)
{
    size_t new_allocated = new_headroom + b->size_ + new_tailroom;
    char *new_base;

    ovs_assert(new_allocated <= UINT32_MAX);
    new_base = xmalloc(new_allocated ? new_allocated : 1);
    if (b->size_) {
        memcpy(new_base + new_headroom, dp_packet_data(b), b->size_);
    }
    if (b->source == DPBUF_MALLOC) {
        free(b->base_);
    }
    b->base_ = new_base;
    b->allocated_ = new_allocated;
    b->data_ofs = new_headroom;
    b->source = DPBUF_MALLOC;
}

void
dp_packet_prealloc_tailroom(struct dp_packet *b, size_t size)
{
    if (size > dp_packet_tailroom(b)) {
        dp_packet_resize(b, dp_packet_headroom(b),
                         MAX(size, 64 + b->size_ / 2));
    }
}

void
dp_packet_prealloc_headroom(struct dp_packet *b, size_t size)
{
    if (size > dp_packet_headroom(b)) {
        dp_packet_resize(b, MAX(size, DP_PACKET_HEADROOM),
                         dp_packet_tailroom(b));
    }
}

void
dp_packet_reserve(struct dp_packet *b, size_t size)
{
    ovs_assert(!b->size_);
    dp_packet_prealloc_tailroom(b, size);
    b->data_ofs += size;
}

void
dp_packet_reserve_with_tailroom(struct dp_packet *b, size_t headroom,
                                size_t tailroom)
{
    ovs_assert(!b->size_);
    dp_packet_prealloc_tailroom(b, headroom + tailroom);
    b->data_ofs += headroom;
}

void *
dp_packet_put_uninit(struct dp_packet *b, size_t size)
{
    void *p;

    dp_packet_prealloc_tailroom(b, size);
    p = dp_packet_tail(b);
    b->size_ += size;
    return p;
}

void *
dp_packet_put_zeros(struct dp_packet *b, size_t size)
{
    void *p = dp_packet_put_uninit(b, size);

    memset(p, 0, size);
    return p;
}

void *
dp_packet_put(struct dp_packet *b, const void *data, size_t size)
{
    void *p = dp_packet_put_uninit(b, size);

    if (size) {
        memcpy(p, data, size);
    }
    return p;
}

void *
dp_packet_push_uninit(struct dp_packet *b, size_t size)
{
    dp_packet_prealloc_headroom(b, size);
    b->data_ofs -= size;
    b->size_ += size;
    return dp_packet_data(b);
}

void *
dp_packet_push_zeros(struct dp_packet *b, size_t size)
{
    void *p = dp_packet_push_uninit(b, size);

    memset(p, 0, size);
    return p;
}

void *
dp_packet_push(struct dp_packet *b, const void *data, size_t size)
{
    void *p = dp_packet_push_uninit(b, size);

    if (size) {
        memcpy(p, data, size);
    }
    return p;
}

void
dp_packet_clear(struct dp_packet *b)
{
    b->size_ = 0;
    dp_packet_reset_offsets(b);
}

static uint16_t
ptr_to_ofs(const struct dp_packet *b, const void *p)
{
    size_t ofs;

    if (!p) {
        return DP_PACKET_OFS_NONE;
    }
    ofs = (const char *) p - (const char *) dp_packet_data(b);
    ovs_assert(ofs < DP_PACKET_OFS_NONE);
    return ofs;
}

void
dp_packet_set_l2_5(struct dp_packet *b, const void *p)
{
    b->l2_5_ofs = ptr_to_ofs(b, p);
}

void
dp_packet_set_l3(struct dp_packet *b, const void *p)
{
    b->l3_ofs = ptr_to_ofs(b, p);
}

void
dp_packet_set_l4(struct dp_packet *b, const void *p)
{
    b->l4_ofs = ptr_to_ofs(b, p);
}

static void
adjust_ofs(uint16_t *ofs, int delta)
{
    if (*ofs != DP_PACKET_OFS_NONE) {
        *ofs += delta;
    }
}

void *
dp_packet_resize_l2(struct dp_packet *b, int delta)
{
    if (delta >= 0) {
        dp_packet_push_uninit(b, delta);
    } else {
        dp_packet_pull(b, -delta);
    }
    adjust_ofs(&b->l2_5_ofs, delta);
    adjust_ofs(&b->l3_ofs, delta);
    adjust_ofs(&b->l4_ofs, delta);
    return dp_packet_data(b);
}

void
dp_packet_ol_finalize_l4_csum(struct dp_packet *b)
{
    size_t l4_size = dp_packet_l4_size(b);
    uint8_t *l4 = dp_packet_l4(b);

    if (!dp_packet_ol_l4_csum_partial(b) || !l4
        || l4_size < (size_t) b->csum_offset + 2) {
        return;
    }
    /* The field holds the pseudo-header sum, so the sum over the L4 bytes
     * as they are is the sum the checksum covers. */
    put_unaligned_be16(l4 + b->csum_offset, csum(l4, l4_size));
    b->ol_flags &= ~DP_PACKET_OL_L4_CSUM_PARTIAL;
    b->ol_flags |= DP_PACKET_OL_RX_L4_CSUM_GOOD;
}

void
dp_packet_reset_for_rx(struct dp_packet *b, odp_port_t port)
{
    b->ol_flags = 0;
    b->tso_segsz = 0;
    b->csum_offset = 0;
    b->cutlen = 0;
    b->packet_type = PT_ETH;
    dp_packet_reset_offsets(b);
    pkt_metadata_init(&b->md, port);
}

void
dp_packet_delete_batch(struct dp_packet_batch *batch, bool may_steal)
{
    if (may_steal) {
        for (size_t i = 0; i < batch->count; i++) {
            dp_packet_delete(batch->packets[i]);
        }
    }
    dp_packet_batch_init(batch);
}

void
dp_packet_batch_clone(struct dp_packet_batch *dst,
                      const struct dp_packet_batch *src)
{
    dp_packet_batch_init(dst);
    for (size_t i = 0; i < src->count; i++) {
        dp_packet_batch_add__(dst, dp_packet_clone(src->packets[i]));
    }
    dst->trunc = src->trunc;
}

void
dp_packet_batch_apply_cutlen(struct dp_packet_batch *batch)
{
    if (!batch->trunc) {
        return;
    }
    for (size_t i = 0; i < batch->count; i++) {
        struct dp_packet *b = batch->packets[i];

        if (b->cutlen) {
            b->size_ -= MIN(b->cutlen, b->size_);
            b->cutlen = 0;
        }
    }
    batch->trunc = false;
}

void
dp_packet_batch_reset_cutlen(struct dp_packet_batch *batch)
{
    if (batch->trunc) {
        for (size_t i = 0; i < batch->count; i++) {
            batch->packets[i]->cutlen = 0;
        }
        batch->trunc = false;
    }
}
