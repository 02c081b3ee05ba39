/* ofpbuf.c: a growable byte buffer for building and parsing messages. */
#include <config.h>
#include "ofpbuf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"

static void
ofpbuf_use__(struct ofpbuf *b, void *base, size_t allocated,
             enum ofpbuf_source source)
{
    b->base = base;
    b->data = base;
    b->size = 0;
    b->allocated = allocated;
    b->header = NULL;
    b->msg = NULL;
    ovs_list_poison(&b->list_node);
    b->source = source;
}

/* Sets up 'b' with an empty heap buffer of 'allocated' bytes. */
void
ofpbuf_init(struct ofpbuf *b, size_t allocated)
{
    ofpbuf_use__(b, allocated ? xmalloc(allocated) : NULL, allocated,
                 OFPBUF_MALLOC);
}

/* Frees the heap buffer of 'b', if any; 'b' itself stays the caller's. */
void
ofpbuf_uninit(struct ofpbuf *b)
{
    if (b && b->source == OFPBUF_MALLOC) {
        free(b->base);
    }
}

/* Sets up 'b' to start with the 'allocated' bytes at 'base', which must
 * outlive it; the buffer moves to the heap when it outgrows them. */
void
ofpbuf_use_stub(struct ofpbuf *b, void *base, size_t allocated)
{
    ofpbuf_use__(b, base, allocated, OFPBUF_STUB);
}

/* Sets up 'b' to read the 'size' bytes at 'data', which it never
 * modifies or outgrows. */
void
ofpbuf_use_const(struct ofpbuf *b, const void *data, size_t size)
{
    ofpbuf_use__(b, CONST_CAST(void *, data), size, OFPBUF_CONST);
    b->size = size;
}

/* Like ofpbuf_use_stub(), but the 'size' bytes at 'data' are already in
 * use. */
void
ofpbuf_use_data(struct ofpbuf *b, void *data, size_t size)
{
    ofpbuf_use__(b, data, size, OFPBUF_STUB);
    b->size = size;
}

/* Frees what 'b' holds and sets it up anew, empty, like ofpbuf_init(). */
void
ofpbuf_reinit(struct ofpbuf *b, size_t allocated)
{
    ofpbuf_uninit(b);
    ofpbuf_init(b, allocated);
}

struct ofpbuf *
ofpbuf_new(size_t allocated)
{
    struct ofpbuf *b = xmalloc(sizeof *b);

    ofpbuf_init(b, allocated);
    return b;
}

struct ofpbuf *
ofpbuf_new_with_headroom(size_t allocated, size_t headroom)
{
    struct ofpbuf *b = ofpbuf_new(allocated + headroom);

    b->data = (char *) b->data + headroom;
    return b;
}

struct ofpbuf *
ofpbuf_clone(const struct ofpbuf *b)
{
    return ofpbuf_clone_with_headroom(b, 0);
}

/* Copies 'b' into a new heap buffer with 'headroom' bytes in front; the
 * header and msg markers keep their offsets. */
struct ofpbuf *
ofpbuf_clone_with_headroom(const struct ofpbuf *b, size_t headroom)
{
    struct ofpbuf *c = ofpbuf_clone_data_with_headroom(b->data, b->size,
                                                        headroom);

    if (b->header) {
        c->header = (char *) c->data
                    + ((char *) b->header - (char *) b->data);
    }
    if (b->msg) {
        c->msg = (char *) c->data + ((char *) b->msg - (char *) b->data);
    }
    return c;
}

struct ofpbuf *
ofpbuf_clone_data(const void *data, size_t size)
{
    return ofpbuf_clone_data_with_headroom(data, size, 0);
}

struct ofpbuf *
ofpbuf_clone_data_with_headroom(const void *data, size_t size,
                                size_t headroom)
{
    struct ofpbuf *b = ofpbuf_new_with_headroom(size, headroom);

    ofpbuf_put(b, data, size);
    return b;
}

void
ofpbuf_delete(struct ofpbuf *b)
{
    if (b) {
        ofpbuf_uninit(b);
        free(b);
    }
}

/* Moves the data of 'b' into a fresh heap allocation with at least
 * 'headroom' bytes before it and 'tailroom' after it. */
static void
ofpbuf_resize__(struct ofpbuf *b, size_t headroom, size_t tailroom)
{
    size_t allocated = headroom + b->size + tailroom;
    char *old_data = b->data;
    char *base;

    ovs_assert(b->source != OFPBUF_CONST);
    if (b->source == OFPBUF_MALLOC && headroom == ofpbuf_headroom(b)) {
        base = xrealloc(b->base, allocated);
    } else {
        base = xmalloc(allocated);
        if (b->size) {
            memcpy(base + headroom, b->data, b->size);
        }
        if (b->source == OFPBUF_MALLOC) {
            free(b->base);
        }
    }
    b->base = base;
    b->allocated = allocated;
    b->source = OFPBUF_MALLOC;
    b->data = base + headroom;
    if (b->header) {
        b->header = (char *) b->data + ((char *) b->header - old_data);
    }
    if (b->msg) {
        b->msg = (char *) b->data + ((char *) b->msg - old_data);
    }
}

/* Makes sure 'b' has at least 'size' bytes of tailroom, growing it
 * geometrically so that a series of puts costs amortized O(1) each. */
void
ofpbuf_prealloc_tailroom(struct ofpbuf *b, size_t size)
{
    if (size > ofpbuf_tailroom(b)) {
        size_t want = MAX(size, b->allocated + 64);

        ofpbuf_resize__(b, ofpbuf_headroom(b), want);
    }
}

/* Makes sure 'b' has at least 'size' bytes of headroom. */
void
ofpbuf_prealloc_headroom(struct ofpbuf *b, size_t size)
{
    if (size > ofpbuf_headroom(b)) {
        ofpbuf_resize__(b, MAX(size, 64), ofpbuf_tailroom(b));
    }
}

/* Shrinks the allocation of a heap buffer to exactly its data. */
void
ofpbuf_trim(struct ofpbuf *b)
{
    if (b->source == OFPBUF_MALLOC
        && (ofpbuf_headroom(b) || ofpbuf_tailroom(b))) {
        ofpbuf_resize__(b, 0, 0);
    }
}

/* Appends zeros until the data is 'length' bytes long, if it is shorter. */
void
ofpbuf_padto(struct ofpbuf *b, size_t length)
{
    if (b->size < length) {
        ofpbuf_put_zeros(b, length - b->size);
    }
}

/* Moves the data 'delta' bytes forward (positive) or back (negative)
 * inside the allocation, which must have the room. */
void
ofpbuf_shift(struct ofpbuf *b, int delta)
{
    if (delta > 0) {
        ovs_assert((size_t) delta <= ofpbuf_tailroom(b));
    } else if (delta < 0) {
        ovs_assert((size_t) -delta <= ofpbuf_headroom(b));
    }
    if (delta) {
        char *dst = (char *) b->data + delta;

        memmove(dst, b->data, b->size);
        b->data = dst;
    }
}

/* Empties 'b', giving back all its headroom. */
void
ofpbuf_clear(struct ofpbuf *b)
{
    b->data = b->base;
    b->size = 0;
    b->header = NULL;
    b->msg = NULL;
}

void *
ofpbuf_put_uninit(struct ofpbuf *b, size_t size)
{
    void *p;

    ofpbuf_prealloc_tailroom(b, size);
    p = ofpbuf_tail(b);
    b->size += size;
    return p;
}

void *
ofpbuf_put_zeros(struct ofpbuf *b, size_t size)
{
    void *p = ofpbuf_put_uninit(b, size);

    if (size) {
        memset(p, 0, size);
    }
    return p;
}

void *
ofpbuf_put(struct ofpbuf *b, const void *data, size_t size)
{
    void *p = ofpbuf_put_uninit(b, size);

    if (size) {
        memcpy(p, data, size);
    }
    return p;
}

/* Parses hex digits from 's', optionally separated by spaces, and appends
 * the bytes they spell to 'b'.  Stops at the first character that is
 * neither; returns a pointer to it.  Stores the number of bytes appended
 * in '*n' if 'n' is nonnull.  An odd digit at the end is not consumed. */
char *
ofpbuf_put_hex(struct ofpbuf *b, const char *s, size_t *n)
{
    size_t start = b->size;

    for (;;) {
        int hi, lo;

        while (isspace((unsigned char) *s)) {
            s++;
        }
        hi = hexit_value((unsigned char) s[0]);
        lo = hi < 0 ? -1 : hexit_value((unsigned char) s[1]);
        if (lo < 0) {
            break;
        }
        *(uint8_t *) ofpbuf_put_uninit(b, 1) = hi * 16 + lo;
        s += 2;
    }
    if (n) {
        *n = b->size - start;
    }
    return CONST_CAST(char *, s);
}

void *
ofpbuf_push_uninit(struct ofpbuf *b, size_t size)
{
    ofpbuf_prealloc_headroom(b, size);
    b->data = (char *) b->data - size;
    b->size += size;
    return b->data;
}

void *
ofpbuf_push_zeros(struct ofpbuf *b, size_t size)
{
    void *p = ofpbuf_push_uninit(b, size);

    if (size) {
        memset(p, 0, size);
    }
    return p;
}

void *
ofpbuf_push(struct ofpbuf *b, const void *data, size_t size)
{
    void *p = ofpbuf_push_uninit(b, size);

    if (size) {
        memcpy(p, data, size);
    }
    return p;
}

/* Inserts the 'size' bytes at 'data' at 'offset' bytes into the data of
 * 'b' (at most b->size), moving what follows back. */
void *
ofpbuf_insert(struct ofpbuf *b, size_t offset, const void *data, size_t size)
{
    char *dst;

    ovs_assert(offset <= b->size);
    ofpbuf_put_uninit(b, size);
    dst = (char *) b->data + offset;
    memmove(dst + size, dst, b->size - size - offset);
    if (size) {
        memcpy(dst, data, size);
    }
    return dst;
}

/* Returns the data of 'b' as a heap block the caller must free() and
 * leaves 'b' empty (still usable, or to be uninit'd). */
void *
ofpbuf_steal_data(struct ofpbuf *b)
{
    void *p;

    if (b->source == OFPBUF_MALLOC && b->data == b->base) {
        p = b->data;
    } else {
        p = xmemdup(b->data, b->size);
        if (b->source == OFPBUF_MALLOC) {
            free(b->base);
        }
    }
    ofpbuf_use__(b, NULL, 0, OFPBUF_MALLOC);
    return p;
}

/* A description of 'b' for debugging: its sizes and a hex dump of at most
 * 'maxbytes' bytes of data.  The caller frees the string. */
char *
ofpbuf_to_string(const struct ofpbuf *b, size_t maxbytes)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "size=%zu, allocated=%zu, head=%zu, tail=%zu\n",
                  b->size, b->allocated, ofpbuf_headroom(b),
                  ofpbuf_tailroom(b));
    ds_put_hex_dump(&s, b->data, MIN(b->size, maxbytes), 0, false);
    return ds_steal_cstr(&s);
}

/* Frees every ofpbuf on 'list' (linked through list_node). */
void
ofpbuf_list_delete(struct ovs_list *list)
{
    struct ofpbuf *b;

    LIST_FOR_EACH_POP (b, list_node, list) {
        ofpbuf_delete(b);
    }
}
