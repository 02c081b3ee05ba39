/* stream-tcp.c: the "tcp:" and "ptcp:" stream transports. */
#include <config.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "socket-util.h"
#include "stream-fd.h"
#include "stream-provider.h"
#include "util.h"

/* Turns off Nagle's algorithm on FD: stream users send whole messages and
 * want them on the wire at once. */
static int
tcp_set_nodelay(int fd)
{
    int on = 1;

    return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on)
           ? errno : 0;
}

/* Active TCP. */

static int
tcp_verify(const char *suffix)
{
    struct sockaddr_storage ss;

    return inet_parse_active(suffix, -1, &ss);
}

static int
tcp_open(const char *name, const char *suffix, struct stream **streamp,
         uint8_t dscp)
{
    int error;
    int fd;

    error = inet_open_active(SOCK_STREAM, suffix, -1, NULL, &fd, dscp);
    if (error && error != EAGAIN) {
        return error;
    }
    if (tcp_set_nodelay(fd)) {
        int nodelay_error = errno;

        close(fd);
        return nodelay_error;
    }
    *streamp = stream_fd_new(name, fd, error);
    return 0;
}

/* The "tcp" class only opens: the stream it returns is an fd stream. */
const struct stream_class tcp_stream_class = {
    .name = "tcp",
    .verify = tcp_verify,
    .open = tcp_open,
};

/* Passive TCP. */

static int
ptcp_verify(const char *suffix)
{
    struct sockaddr_storage ss;

    return inet_parse_passive(suffix, -1, &ss);
}

static int
ptcp_accept(int fd, const struct sockaddr_storage *ss,
            socklen_t ss_len OVS_UNUSED, struct stream **streamp)
{
    struct ds name = DS_EMPTY_INITIALIZER;
    int error;

    error = tcp_set_nodelay(fd);
    if (error) {
        return error;
    }
    ds_put_cstr(&name, "tcp:");
    ss_format_address_port(ss, &name);
    *streamp = stream_fd_new(ds_cstr(&name), fd, 0);
    ds_destroy(&name);
    return 0;
}

static int
ptcp_listen(const char *name OVS_UNUSED, const char *suffix,
            struct pstream **pstreamp, uint8_t dscp)
{
    struct sockaddr_storage ss;
    struct ds bound_name = DS_EMPTY_INITIALIZER;
    struct pstream *pstream;
    int error;
    int fd;

    error = inet_open_passive(SOCK_STREAM, suffix, -1, &ss, &fd, dscp);
    if (error) {
        return error;
    }

    /* Name the pstream after what it really listens on, so that "ptcp:0"
     * shows the port the kernel picked. */
    ds_put_format(&bound_name, "ptcp:%u:", (unsigned int) ss_get_port(&ss));
    ss_format_address(&ss, &bound_name);
    pstream = pstream_fd_new(ds_cstr(&bound_name), fd, ptcp_accept, NULL);
    pstream_set_bound_port(pstream, ss_get_port(&ss));
    ds_destroy(&bound_name);

    *pstreamp = pstream;
    return 0;
}

const struct pstream_class ptcp_pstream_class = {
    .name = "ptcp",
    .verify = ptcp_verify,
    .listen = ptcp_listen,
};
