/* stream.h: reliable, ordered byte streams over Unix sockets and TCP.
 *
 * A "stream" is one connection that carries bytes in both directions, such
 * as a JSON-RPC session with ovsdb-server or an OpenFlow connection.  A
 * "pstream" (passive stream) listens for connections and hands out a new
 * stream for each one it accepts.  Both are named by a string whose prefix
 * picks the kind of transport:
 *
 *   unix:PATH          connect to the Unix domain socket at PATH.
 *   punix:PATH         listen on a Unix domain socket at PATH.
 *   tcp:IP[:PORT]      connect over TCP to IP (IPv4 "1.2.3.4" or IPv6 in
 *                      brackets "[::1]") at PORT.
 *   ptcp:[PORT][:IP]   listen for TCP on PORT (0: any free port; see
 *                      pstream_get_bound_port()), on IP if given (IPv4,
 *                      or IPv6 as "[::1]"), otherwise on every IPv4
 *                      address.
 *   ssl:... pssl:...   SSL/TLS; not built in yet, so opening such a name
 *                      fails with EAFNOSUPPORT.
 *
 * A relative unix/punix PATH is taken relative to the run directory
 * (ovs_rundir(), from OVS_RUNDIR), as upstream does.
 * Only numeric IP addresses are accepted (no DNS).  A PORT may be left out
 * only when opening with the *_with_default_port() functions.
 *
 * Everything is non-blocking and fits the poll loop (poll-loop.h): a
 * function that cannot make progress now returns EAGAIN, and the matching
 * *_wait() function arranges for poll_block() to wake when it can.  The
 * life of an active stream is:
 *
 *   1. stream_open() starts connecting and returns at once.
 *   2. stream_connect() returns EAGAIN until the connection is set up, then
 *      0, or a positive errno if it failed.  stream_recv() and
 *      stream_send() finish the connection themselves, so calling
 *      stream_connect() first is optional.
 *   3. stream_recv() and stream_send() move bytes.
 *   4. stream_close() ends it.
 *
 * Error convention: functions return 0 or a positive errno value, except
 * stream_recv() and stream_send(), which return a byte count and so report
 * errors as a negative errno value (-EAGAIN when they would block).  This is
 * the one deliberate exception to the tree-wide rule, chosen to keep the
 * shape of the read(2)/write(2) calls they wrap and of upstream's API.
 * Common errors: EAFNOSUPPORT for an unknown or unsupported prefix
 * (including "ssl:" for now), EINVAL for a malformed name, ECONNREFUSED or
 * ENOENT when nothing listens at the destination.  Nothing here logs.
 *
 * Memory: a stream or pstream belongs to whoever opened or accepted it and
 * is freed with stream_close() or pstream_close().  Strings returned by
 * *_get_name() live as long as the object.
 *
 * Thread safety: an individual stream or pstream must be used by one thread
 * at a time; distinct ones are independent. */
#ifndef STREAM_H
#define STREAM_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct pstream;
struct stream;

/* The IANA-assigned TCP port for OVSDB, the usual default port. */
#define OVSDB_PORT 6640

/* Active streams. */

/* Returns 0 if NAME has a known prefix and a well-formed remainder (no
 * socket is opened), otherwise EAFNOSUPPORT or EINVAL. */
int stream_verify_name(const char *name);

/* Starts connecting to NAME, marking IP packets with DSCP.  Returns 0 and a
 * new stream in *STREAMP, which may still be connecting, or a positive
 * errno and NULL in *STREAMP. */
int stream_open(const char *name, struct stream **streamp, uint8_t dscp);

/* Like stream_open(), but a "tcp:" or "ssl:" NAME without a port uses
 * DEFAULT_PORT. */
int stream_open_with_default_port(const char *name, uint16_t default_port,
                                  struct stream **streamp, uint8_t dscp);

/* Finishes a stream_open() that returned ERROR and *STREAMP, by blocking
 * (in a private poll loop) until the connection completes, fails, or
 * TIMEOUT_MS milliseconds pass (negative: no limit).  Returns 0 and leaves
 * the connected stream in *STREAMP, or returns a positive errno (ETIMEDOUT
 * on timeout), closes the stream, and stores NULL in *STREAMP.  Typical
 * use: error = stream_open_block(stream_open(name, &s, dscp), -1, &s). */
int stream_open_block(int error, long long int timeout_ms,
                      struct stream **streamp);

/* Closes STREAM and frees it.  STREAM may be null. */
void stream_close(struct stream *stream);

/* The name STREAM was opened with, or for an accepted stream a name that
 * describes the peer ("tcp:127.0.0.1:51234", "unix"). */
const char *stream_get_name(const struct stream *stream);

/* Returns 0 once STREAM is connected, EAGAIN while still connecting, or the
 * positive errno the connection attempt failed with (every later call
 * returns the same). */
int stream_connect(struct stream *stream);

/* Receives up to N bytes from STREAM into BUFFER.  Returns the number of
 * bytes received (at least 1 when N > 0), 0 at end of file (the peer
 * closed its side), or a negative errno: -EAGAIN if nothing is available
 * yet (or the stream is still connecting). */
ssize_t stream_recv(struct stream *stream, void *buffer, size_t n);

/* Sends up to N bytes from BUFFER on STREAM.  Returns the number of bytes
 * queued, which may be fewer than N, or a negative errno: -EAGAIN if no
 * room is available yet (or the stream is still connecting), -EPIPE or
 * -ECONNRESET if the peer went away.  Never raises SIGPIPE. */
ssize_t stream_send(struct stream *stream, const void *buffer, size_t n);

/* Does whatever background work STREAM needs (SSL renegotiation, buffered
 * output); the caller runs it on each trip around the main loop.  The
 * corresponding stream_run_wait() arranges a wakeup when more is due. */
void stream_run(struct stream *stream);
void stream_run_wait(struct stream *stream);

/* Arranges for poll_block() to wake when STREAM may be ready to connect,
 * receive or send, or at once if STREAM has already failed. */
enum stream_wait_type {
    STREAM_CONNECT,
    STREAM_RECV,
    STREAM_SEND
};
void stream_wait(struct stream *stream, enum stream_wait_type);
void stream_connect_wait(struct stream *stream);
void stream_recv_wait(struct stream *stream);
void stream_send_wait(struct stream *stream);

/* Passive streams. */

/* Like stream_verify_name() for passive names. */
int pstream_verify_name(const char *name);

/* Starts listening on NAME, marking IP packets with DSCP.  Returns 0 and a
 * new pstream in *PSTREAMP, or a positive errno and NULL. */
int pstream_open(const char *name, struct pstream **pstreamp, uint8_t dscp);

/* Like pstream_open(), but a "ptcp:" or "pssl:" NAME without a port
 * ("ptcp:" or "ptcp::1.2.3.4") uses DEFAULT_PORT. */
int pstream_open_with_default_port(const char *name, uint16_t default_port,
                                   struct pstream **pstreamp, uint8_t dscp);

/* The name PSTREAM listens on.  For "ptcp:" names it says the bound port,
 * e.g. "ptcp:43210:127.0.0.1" after opening "ptcp:0:127.0.0.1". */
const char *pstream_get_name(const struct pstream *pstream);

/* For a TCP-based pstream, the local port it listens on, in host byte
 * order (useful after asking for port 0); 0 for other kinds. */
uint16_t pstream_get_bound_port(const struct pstream *pstream);

/* Accepts one pending connection on PSTREAM.  Returns 0 and a new stream
 * in *STREAMP, EAGAIN if none is pending, or another positive errno; on
 * failure *STREAMP is NULL. */
int pstream_accept(struct pstream *pstream, struct stream **streamp);

/* Arranges for poll_block() to wake when a connection may be pending. */
void pstream_wait(struct pstream *pstream);

/* Stops listening (removing a punix socket file) and frees PSTREAM, which
 * may be null.  Streams already accepted are not affected. */
void pstream_close(struct pstream *pstream);

#endif /* stream.h */
