/* stream-fd.h: the shared implementation of streams over a socket.
 *
 * Unix and TCP streams differ only in how the socket is created and how an
 * accepted peer is named; once there is a connected (or connecting)
 * non-blocking socket, they behave the same.  This module supplies that
 * common part: an active stream that reads and writes a socket, and a
 * passive stream that accepts from a listening socket.  It is used only by
 * stream providers (stream-unix.c, stream-tcp.c).
 *
 * Memory: the new object takes ownership of FD and closes it when it is
 * closed.
 *
 * Thread safety: as for stream.h. */
#ifndef STREAM_FD_H
#define STREAM_FD_H 1

#include <sys/socket.h>

struct pstream;
struct stream;

/* Returns a new stream named NAME for FD, a non-blocking stream socket.
 * CONNECT_STATUS is 0 if FD is connected, EAGAIN if a non-blocking connect
 * is in progress, or the positive errno that connecting failed with. */
struct stream *stream_fd_new(const char *name, int fd, int connect_status);

/* Called by a passive fd stream for each accepted socket FD, whose peer
 * address is in SS (SS_LEN bytes).  Must return 0 and a new stream in
 * *STREAMP (normally made by stream_fd_new(), which takes FD), or a
 * positive errno, in which case the caller closes FD. */
typedef int pstream_fd_accept_func(int fd, const struct sockaddr_storage *ss,
                                   socklen_t ss_len, struct stream **streamp);

/* Returns a new pstream named NAME that accepts connections on FD, a
 * non-blocking listening socket, and makes each into a stream with
 * ACCEPT_CB.  If UNLINK_PATH is nonnull, it names a socket file that
 * closing the pstream removes (with fatal_signal_unlink_file_now()). */
struct pstream *pstream_fd_new(const char *name, int fd,
                               pstream_fd_accept_func *accept_cb,
                               const char *unlink_path);

#endif /* stream-fd.h */
