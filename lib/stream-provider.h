/* stream-provider.h: the interface every stream transport implements.
 *
 * A transport ("unix", "tcp", later "ssl") supplies a struct stream_class
 * for active streams and a struct pstream_class for passive ones.  stream.c
 * finds the class by the name's prefix (the text before the first colon)
 * in its table of classes and calls it; adding a transport means writing
 * the two classes and adding one entry to each table in stream.c.
 *
 * An implementation embeds struct stream (or struct pstream) as a member
 * of its own structure, initializes it with stream_init() (pstream_init())
 * and finds its structure again with CONTAINER_OF.  The generic layer owns
 * the name and the connection state machine; the class owns the rest.
 *
 * Error convention: as in stream.h (positive errno; negative errno only
 * from recv and send). */
#ifndef STREAM_PROVIDER_H
#define STREAM_PROVIDER_H 1

#include <sys/types.h>
#include "stream.h"

/* Connection state of an active stream, kept by stream.c. */
enum stream_state {
    SCS_CONNECTING,             /* Waiting for 'connect' to return 0. */
    SCS_CONNECTED,              /* Ready for recv and send. */
    SCS_DISCONNECTED            /* Failed; 'error' says why. */
};

struct stream {
    const struct stream_class *class;
    enum stream_state state;
    int error;                  /* Positive errno once SCS_DISCONNECTED. */
    char *name;                 /* Owned by the stream. */
};

/* Initializes STREAM, of CLASS, with a copy of NAME.  CONNECT_STATUS is
 * what the class knows about the connection: 0 if it is complete, EAGAIN if
 * it is in progress (stream.c will call 'connect' until it is done), or a
 * positive errno if it failed. */
void stream_init(struct stream *stream, const struct stream_class *class,
                 int connect_status, const char *name);

struct stream_class {
    /* The prefix of names this class handles, without the colon: "tcp". */
    const char *name;

    /* Checks SUFFIX, the part of a name after the colon, for syntax only:
     * returns 0 if 'open' could accept it, otherwise EINVAL.  Must not
     * open anything.  May be null if every suffix is acceptable. */
    int (*verify)(const char *suffix);

    /* Starts connecting to SUFFIX.  NAME is the whole name, for
     * stream_init().  Must not block.  On success returns 0 and stores a
     * stream initialized with stream_init() in *STREAMP (the connection
     * may still be in progress); on failure returns a positive errno and
     * stores nothing.  DSCP is the 6-bit DSCP value for IP transports. */
    int (*open)(const char *name, const char *suffix,
                struct stream **streamp, uint8_t dscp);

    /* Releases everything STREAM holds, including the memory of the
     * enclosing structure (the generic layer frees STREAM's name). */
    void (*close)(struct stream *stream);

    /* Tries to finish connecting.  Returns 0 when done, EAGAIN if it needs
     * more time, or a positive errno on failure.  Called only while the
     * stream is SCS_CONNECTING.  May be null if 'open' always completes the
     * connection. */
    int (*connect)(struct stream *stream);

    /* Reads up to N bytes (N > 0) into BUFFER without blocking.  Returns
     * the count read, 0 at end of file, or a negative errno (-EAGAIN if
     * nothing is ready).  Called only on connected streams. */
    ssize_t (*recv)(struct stream *stream, void *buffer, size_t n);

    /* Writes up to N bytes (N > 0) from BUFFER without blocking.  Returns
     * the count written, or a negative errno (-EAGAIN if no room).  Must not
     * raise SIGPIPE.  Called only on connected streams. */
    ssize_t (*send)(struct stream *stream, const void *buffer, size_t n);

    /* Does background work, if any.  May be null. */
    void (*run)(struct stream *stream);

    /* Registers with the poll loop when 'run' has work to do.  May be
     * null. */
    void (*run_wait)(struct stream *stream);

    /* Registers with the poll loop for when the operation WAIT (connect,
     * recv or send) may make progress.  For STREAM_CONNECT it is called
     * only while connecting; for the others only once connected. */
    void (*wait)(struct stream *stream, enum stream_wait_type wait);
};

struct pstream {
    const struct pstream_class *class;
    char *name;                 /* Owned by the pstream. */
    uint16_t bound_port;        /* Local port in host order, 0 if none. */
};

/* Initializes PSTREAM, of CLASS, with a copy of NAME. */
void pstream_init(struct pstream *pstream, const struct pstream_class *class,
                  const char *name);
/* Replaces PSTREAM's name (for instance once the real port is known). */
void pstream_set_name(struct pstream *pstream, const char *name);
/* Records the port that pstream_get_bound_port() reports. */
void pstream_set_bound_port(struct pstream *pstream, uint16_t port);

struct pstream_class {
    /* The prefix of names this class handles, without the colon: "ptcp". */
    const char *name;

    /* As for struct stream_class. */
    int (*verify)(const char *suffix);

    /* Starts listening on SUFFIX.  NAME is the whole name.  On success
     * returns 0 and stores a pstream initialized with pstream_init() in
     * *PSTREAMP; on failure returns a positive errno, stores nothing and
     * leaves nothing behind (no socket file, no listening socket). */
    int (*listen)(const char *name, const char *suffix,
                  struct pstream **pstreamp, uint8_t dscp);

    /* Stops listening and frees everything, including the enclosing
     * structure (the generic layer frees the name). */
    void (*close)(struct pstream *pstream);

    /* Accepts one connection without blocking.  Returns 0 and a new stream
     * (initialized with stream_init()) in *STREAMP, EAGAIN if none is
     * pending, or another positive errno. */
    int (*accept)(struct pstream *pstream, struct stream **streamp);

    /* Registers with the poll loop for when 'accept' may succeed. */
    void (*wait)(struct pstream *pstream);
};

/* The built-in classes. */
extern const struct stream_class tcp_stream_class;
extern const struct pstream_class ptcp_pstream_class;
extern const struct stream_class unix_stream_class;
extern const struct pstream_class punix_pstream_class;

#endif /* stream-provider.h */
