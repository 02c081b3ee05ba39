/* stream-fd.c: active and passive streams over a socket descriptor. */
#include <config.h>
#include "stream-fd.h"
#include <errno.h>
#include <poll.h>
#include <unistd.h>
#include "fatal-signal.h"
#include "poll-loop.h"
#include "socket-util.h"
#include "stream-provider.h"
#include "util.h"

/* Active streams. */

struct fd_stream {
    struct stream stream;
    int fd;                     /* Connected or connecting socket. */
};

static const struct stream_class fd_stream_class;

static struct fd_stream *
fd_stream_cast(struct stream *stream)
{
    ovs_assert(stream->class == &fd_stream_class);
    return CONTAINER_OF(stream, struct fd_stream, stream);
}

struct stream *
stream_fd_new(const char *name, int fd, int connect_status)
{
    struct fd_stream *s = xzalloc(sizeof *s);

    stream_init(&s->stream, &fd_stream_class, connect_status, name);
    s->fd = fd;
    return &s->stream;
}

static void
fd_close(struct stream *stream)
{
    struct fd_stream *s = fd_stream_cast(stream);

    close(s->fd);
    free(s);
}

static int
fd_connect(struct stream *stream)
{
    return check_connection_completion(fd_stream_cast(stream)->fd);
}

static ssize_t
fd_recv(struct stream *stream, void *buffer, size_t n)
{
    struct fd_stream *s = fd_stream_cast(stream);
    ssize_t retval;

    if (!poll_fd_maybe_readable(s->fd)) {
        return -EAGAIN;
    }
    do {
        retval = recv(s->fd, buffer, n, 0);
    } while (retval < 0 && errno == EINTR);
    if (retval < 0) {
        return errno == EWOULDBLOCK ? -EAGAIN : -errno;
    }
    return retval;
}

static ssize_t
fd_send(struct stream *stream, const void *buffer, size_t n)
{
    struct fd_stream *s = fd_stream_cast(stream);
    ssize_t retval;

    do {
        retval = send(s->fd, buffer, n, MSG_NOSIGNAL);
    } while (retval < 0 && errno == EINTR);
    if (retval < 0) {
        return errno == EWOULDBLOCK ? -EAGAIN : -errno;
    }
    return retval;
}

static void
fd_wait(struct stream *stream, enum stream_wait_type wait)
{
    struct fd_stream *s = fd_stream_cast(stream);

    switch (wait) {
    case STREAM_CONNECT:
    case STREAM_SEND:
        poll_fd_wait(s->fd, POLLOUT);
        break;
    case STREAM_RECV:
        poll_fd_wait(s->fd, POLLIN);
        break;
    default:
        OVS_NOT_REACHED();
    }
}

/* The class of every fd-based stream.  It is never looked up by name:
 * the "unix" and "tcp" classes open the socket and hand it over here. */
static const struct stream_class fd_stream_class = {
    .name = "fd",
    .verify = NULL,
    .open = NULL,
    .close = fd_close,
    .connect = fd_connect,
    .recv = fd_recv,
    .send = fd_send,
    .run = NULL,
    .run_wait = NULL,
    .wait = fd_wait,
};

/* Passive streams. */

struct fd_pstream {
    struct pstream pstream;
    int fd;                     /* Listening socket. */
    pstream_fd_accept_func *accept_cb;
    char *unlink_path;          /* Socket file to remove on close, or NULL. */
};

static const struct pstream_class fd_pstream_class;

static struct fd_pstream *
fd_pstream_cast(struct pstream *pstream)
{
    ovs_assert(pstream->class == &fd_pstream_class);
    return CONTAINER_OF(pstream, struct fd_pstream, pstream);
}

struct pstream *
pstream_fd_new(const char *name, int fd, pstream_fd_accept_func *accept_cb,
               const char *unlink_path)
{
    struct fd_pstream *ps = xzalloc(sizeof *ps);

    pstream_init(&ps->pstream, &fd_pstream_class, name);
    ps->fd = fd;
    ps->accept_cb = accept_cb;
    ps->unlink_path = nullable_xstrdup(unlink_path);
    return &ps->pstream;
}

static void
pfd_close(struct pstream *pstream)
{
    struct fd_pstream *ps = fd_pstream_cast(pstream);

    close(ps->fd);
    if (ps->unlink_path) {
        fatal_signal_unlink_file_now(ps->unlink_path);
        free(ps->unlink_path);
    }
    free(ps);
}

static int
pfd_accept(struct pstream *pstream, struct stream **streamp)
{
    struct fd_pstream *ps = fd_pstream_cast(pstream);
    struct sockaddr_storage ss;
    socklen_t ss_len = sizeof ss;
    int error;
    int fd;

    if (!poll_fd_maybe_readable(ps->fd)) {
        return EAGAIN;
    }
    memset(&ss, 0, sizeof ss);
    fd = accept4(ps->fd, (struct sockaddr *) &ss, &ss_len,
                 SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
        error = errno;
        /* A connection that was reset before we got to it, or a signal,
         * is just "nothing pending right now". */
        return (error == EWOULDBLOCK || error == EINTR
                || error == ECONNABORTED ? EAGAIN : error);
    }

    error = ps->accept_cb(fd, &ss, ss_len, streamp);
    if (error) {
        close(fd);
        *streamp = NULL;
    }
    return error;
}

static void
pfd_wait(struct pstream *pstream)
{
    poll_fd_wait(fd_pstream_cast(pstream)->fd, POLLIN);
}

/* The class of every fd-based pstream; like fd_stream_class, never looked
 * up by name. */
static const struct pstream_class fd_pstream_class = {
    .name = "pfd",
    .verify = NULL,
    .listen = NULL,
    .close = pfd_close,
    .accept = pfd_accept,
    .wait = pfd_wait,
};
