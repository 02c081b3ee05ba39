/* ofpbuf.h: a growable byte buffer for building and parsing messages
 * (OpenFlow, Netlink, NXM/OXM, datapath keys and actions).
 *
 * The bytes in use are [data, data + size) inside an allocation of
 * 'allocated' bytes at 'base'.  Space before 'data' is headroom (so a
 * header can be pushed in front without copying), space after is tailroom.
 * Two optional markers help message code: 'header' points at the start of
 * a message's fixed header and 'msg' at the start of its body; both move
 * with the data when the buffer is reallocated.
 *
 * Memory: ofpbuf_new()/ofpbuf_clone*() allocate the struct and the buffer,
 * freed by ofpbuf_delete().  ofpbuf_init() sets up a caller-owned struct
 * (released with ofpbuf_uninit()).  ofpbuf_use_stub() starts on a
 * caller-provided array that is abandoned for the heap when it is
 * outgrown; ofpbuf_use_const() wraps read-only bytes for parsing only (any
 * call that could grow the buffer asserts).
 *
 * Any call that may grow the buffer (put, push, prealloc, insert) may
 * move the data: pointers into it are stale afterwards.  Pull and put
 * assert on the caller's arithmetic; use ofpbuf_try_pull() when the size
 * comes from untrusted input. */
#ifndef OFPBUF_H
#define OFPBUF_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "list.h"
#include "util.h"

struct ds;

enum ofpbuf_source {
    OFPBUF_MALLOC,              /* From malloc(); ours to free. */
    OFPBUF_STUB,                /* Caller's array; moved to the heap to
                                 * grow. */
    OFPBUF_CONST,               /* Caller's read-only bytes; never grows. */
};

struct ofpbuf {
    void *base;                 /* Start of the allocation. */
    void *data;                 /* First byte in use. */
    size_t size;                /* Bytes in use. */
    size_t allocated;           /* Bytes at 'base'. */
    void *header;               /* Message header, or NULL. */
    void *msg;                  /* Message body, or NULL. */
    struct ovs_list list_node;  /* For the owner's use (queues). */
    enum ofpbuf_source source;
};

#define OFPBUF_STUB_INITIALIZER(STUB) {                         \
        .base = (STUB), .data = (STUB), .size = 0,              \
        .allocated = sizeof (STUB), .header = NULL, .msg = NULL, \
        .list_node = { NULL, NULL }, .source = OFPBUF_STUB }

void ofpbuf_init(struct ofpbuf *, size_t allocated);
void ofpbuf_uninit(struct ofpbuf *);
void ofpbuf_use_stub(struct ofpbuf *, void *, size_t);
void ofpbuf_use_const(struct ofpbuf *, const void *, size_t);
void ofpbuf_use_data(struct ofpbuf *, void *, size_t);
void ofpbuf_reinit(struct ofpbuf *, size_t allocated);

struct ofpbuf *ofpbuf_new(size_t allocated);
struct ofpbuf *ofpbuf_new_with_headroom(size_t allocated, size_t headroom);
struct ofpbuf *ofpbuf_clone(const struct ofpbuf *);
struct ofpbuf *ofpbuf_clone_with_headroom(const struct ofpbuf *,
                                          size_t headroom);
struct ofpbuf *ofpbuf_clone_data(const void *, size_t);
struct ofpbuf *ofpbuf_clone_data_with_headroom(const void *, size_t,
                                               size_t headroom);
void ofpbuf_delete(struct ofpbuf *);

void *ofpbuf_put_uninit(struct ofpbuf *, size_t);
void *ofpbuf_put_zeros(struct ofpbuf *, size_t);
void *ofpbuf_put(struct ofpbuf *, const void *, size_t);
char *ofpbuf_put_hex(struct ofpbuf *, const char *s, size_t *n);
void *ofpbuf_push_uninit(struct ofpbuf *, size_t);
void *ofpbuf_push_zeros(struct ofpbuf *, size_t);
void *ofpbuf_push(struct ofpbuf *, const void *, size_t);
void *ofpbuf_insert(struct ofpbuf *, size_t offset, const void *, size_t);

void ofpbuf_prealloc_headroom(struct ofpbuf *, size_t);
void ofpbuf_prealloc_tailroom(struct ofpbuf *, size_t);
void ofpbuf_trim(struct ofpbuf *);
void ofpbuf_padto(struct ofpbuf *, size_t length);
void ofpbuf_shift(struct ofpbuf *, int delta);
void ofpbuf_clear(struct ofpbuf *);
void *ofpbuf_steal_data(struct ofpbuf *);

char *ofpbuf_to_string(const struct ofpbuf *, size_t maxbytes);
void ofpbuf_list_delete(struct ovs_list *);

/* Pointer to the byte just past the data. */
static inline void *
ofpbuf_tail(const struct ofpbuf *b)
{
    return (char *) b->data + b->size;
}

/* Pointer to the byte just past the allocation. */
static inline void *
ofpbuf_end(const struct ofpbuf *b)
{
    return (char *) b->base + b->allocated;
}

static inline size_t
ofpbuf_headroom(const struct ofpbuf *b)
{
    return (char *) b->data - (char *) b->base;
}

static inline size_t
ofpbuf_tailroom(const struct ofpbuf *b)
{
    return (char *) ofpbuf_end(b) - (char *) ofpbuf_tail(b);
}

/* Pointer to 'size' bytes at 'offset' into the data, or NULL if the data
 * is too short. */
static inline void *
ofpbuf_at(const struct ofpbuf *b, size_t offset, size_t size)
{
    return offset + size <= b->size ? (char *) b->data + offset : NULL;
}

/* Like ofpbuf_at(), but the bytes must be there. */
static inline void *
ofpbuf_at_assert(const struct ofpbuf *b, size_t offset, size_t size)
{
    ovs_assert(offset + size <= b->size);
    return (char *) b->data + offset;
}

/* Removes 'size' bytes from the front of the data, which must hold them,
 * and returns a pointer to them (valid until the buffer changes). */
static inline void *
ofpbuf_pull(struct ofpbuf *b, size_t size)
{
    void *data = b->data;

    ovs_assert(size <= b->size);
    b->data = (char *) b->data + size;
    b->size -= size;
    return data;
}

/* Like ofpbuf_pull(), but returns NULL, changing nothing, if the data is
 * shorter than 'size'. */
static inline void *
ofpbuf_try_pull(struct ofpbuf *b, size_t size)
{
    return size <= b->size ? ofpbuf_pull(b, size) : NULL;
}

/* The message body: from 'msg' to the end of the data. */
static inline size_t
ofpbuf_msgsize(const struct ofpbuf *b)
{
    return b->msg ? (size_t) ((char *) ofpbuf_tail(b) - (char *) b->msg) : 0;
}

static inline bool
ofpbuf_equal(const struct ofpbuf *a, const struct ofpbuf *b)
{
    return a->size == b->size
           && (!a->size || !memcmp(a->data, b->data, a->size));
}

#endif /* ofpbuf.h */
