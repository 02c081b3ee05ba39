/* socket-util.c: parsing, opening and formatting of IP and Unix sockets. */
#include <config.h>
#include "socket-util.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(socket_util);

/* How many pending connections a listening socket queues. */
#define SOCKET_UTIL_BACKLOG 64

int
set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);

    if (flags < 0) {
        return errno;
    }
    if (!(flags & O_NONBLOCK) && fcntl(fd, F_SETFL, flags | O_NONBLOCK)) {
        return errno;
    }
    return 0;
}

void
xset_nonblocking(int fd)
{
    int error = set_nonblocking(fd);

    if (error) {
        ovs_fatal(error, "could not set file descriptor %d non-blocking",
                  fd);
    }
}

/* Marks packets sent on FD, a socket of the given address FAMILY, with the
 * 6-bit DSCP value.  Returns 0 or a positive errno (EINVAL if DSCP does not
 * fit in 6 bits).  Sockets that are not IPv4 or IPv6 carry no DSCP, so for
 * them this does nothing and returns 0. */
int
set_dscp(int fd, int family, uint8_t dscp)
{
    int val;

    if (dscp > 63) {
        return EINVAL;
    }
    val = dscp << 2;
    if (family == AF_INET) {
        if (setsockopt(fd, IPPROTO_IP, IP_TOS, &val, sizeof val)) {
            return errno;
        }
    } else if (family == AF_INET6) {
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &val, sizeof val)) {
            return errno;
        }
    }
    return 0;
}

/* Returns the error of the last socket call.  On POSIX systems that is
 * simply errno; the function exists so that callers need not care. */
int
sock_errno(void)
{
    return errno;
}

void
xpipe(int fds[2])
{
    if (pipe(fds)) {
        ovs_fatal(errno, "failed to create pipe");
    }
}

void
xpipe_nonblocking(int fds[2])
{
    xpipe(fds);
    xset_nonblocking(fds[0]);
    xset_nonblocking(fds[1]);
}

int
read_fully(int fd, void *p_, size_t n, size_t *bytes_read)
{
    char *p = p_;

    *bytes_read = 0;
    while (n > 0) {
        ssize_t retval = read(fd, p, n);

        if (retval > 0) {
            p += retval;
            n -= retval;
            *bytes_read += retval;
        } else if (retval == 0) {
            return EOF;
        } else if (errno != EINTR) {
            return errno;
        }
    }
    return 0;
}

int
write_fully(int fd, const void *p_, size_t n, size_t *bytes_written)
{
    const char *p = p_;

    *bytes_written = 0;
    while (n > 0) {
        ssize_t retval = write(fd, p, n);

        if (retval > 0) {
            p += retval;
            n -= retval;
            *bytes_written += retval;
        } else if (retval == 0) {
            /* Should not happen for n > 0, but never loop forever. */
            return EPROTO;
        } else if (errno != EINTR) {
            return errno;
        }
    }
    return 0;
}

/* Parsing. */

/* Parses the LEN bytes at S as a decimal port number 0...65535 into *PORT.
 * Returns true on success. */
static bool
parse_port(const char *s, size_t len, int *port)
{
    int value = 0;
    size_t i;

    if (len == 0 || len > 5) {
        return false;
    }
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        value = value * 10 + (s[i] - '0');
    }
    if (value > 65535) {
        return false;
    }
    *port = value;
    return true;
}

/* Parses the LEN bytes at S as a numeric address of FAMILY (AF_INET,
 * AF_INET6, or AF_UNSPEC for either) and stores it in *SS with PORT.
 * Returns true on success. */
static bool
parse_ip(const char *s, size_t len, int family, int port,
         struct sockaddr_storage *ss)
{
    char buf[INET6_ADDRSTRLEN + 1];

    memset(ss, 0, sizeof *ss);
    if (len == 0 || len >= sizeof buf) {
        return false;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';

    if (family != AF_INET6) {
        struct sockaddr_in *sin = (struct sockaddr_in *) ss;

        if (inet_pton(AF_INET, buf, &sin->sin_addr) == 1) {
            sin->sin_family = AF_INET;
            sin->sin_port = htons(port);
            return true;
        }
    }
    if (family != AF_INET) {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) ss;

        if (inet_pton(AF_INET6, buf, &sin6->sin6_addr) == 1) {
            sin6->sin6_family = AF_INET6;
            sin6->sin6_port = htons(port);
            return true;
        }
    }
    memset(ss, 0, sizeof *ss);
    return false;
}

/* Splits HOST_PORT, "IP[:PORT]" or "[IPV6][:PORT]" or a bare IPv6 address,
 * into the address (*HOST, *HOST_LEN, *FAMILY) and the port text (*PORT,
 * NULL if absent).  Returns true if the shape is right. */
static bool
split_host_port(const char *s, const char **host, size_t *host_len,
                int *family, const char **port)
{
    *port = NULL;
    if (*s == '[') {
        const char *end = strchr(s, ']');

        if (!end) {
            return false;
        }
        *host = s + 1;
        *host_len = end - (s + 1);
        *family = AF_INET6;
        if (end[1] == ':') {
            *port = end + 2;
        } else if (end[1] != '\0') {
            return false;
        }
    } else {
        const char *colon = strchr(s, ':');

        *host = s;
        *family = AF_UNSPEC;
        if (colon && !strchr(colon + 1, ':')) {
            /* Exactly one colon: "IPV4:PORT". */
            *host_len = colon - s;
            *family = AF_INET;
            *port = colon + 1;
        } else {
            /* No colon ("IPV4"), or several (a bare IPv6 address). */
            *host_len = strlen(s);
        }
    }
    return true;
}

int
inet_parse_active(const char *target, int default_port,
                  struct sockaddr_storage *ss)
{
    const char *host, *port_s;
    size_t host_len;
    int family;
    int port;

    memset(ss, 0, sizeof *ss);
    if (!split_host_port(target, &host, &host_len, &family, &port_s)) {
        return EINVAL;
    }
    if (port_s) {
        if (!parse_port(port_s, strlen(port_s), &port)) {
            return EINVAL;
        }
    } else if (default_port >= 0 && default_port <= 65535) {
        port = default_port;
    } else {
        return EINVAL;
    }
    if (port == 0) {
        return EINVAL;
    }
    return parse_ip(host, host_len, family, port, ss) ? 0 : EINVAL;
}

int
inet_parse_passive(const char *target, int default_port,
                   struct sockaddr_storage *ss)
{
    const char *colon = strchr(target, ':');
    size_t port_len = colon ? (size_t) (colon - target) : strlen(target);
    int port;

    memset(ss, 0, sizeof *ss);
    if (port_len) {
        if (!parse_port(target, port_len, &port)) {
            return EINVAL;
        }
    } else if (default_port >= 0 && default_port <= 65535) {
        port = default_port;
    } else {
        return EINVAL;
    }

    if (!colon) {
        struct sockaddr_in *sin = (struct sockaddr_in *) ss;

        sin->sin_family = AF_INET;
        sin->sin_port = htons(port);
        sin->sin_addr.s_addr = htonl(INADDR_ANY);
        return 0;
    } else {
        const char *host = colon + 1;
        size_t len = strlen(host);

        if (len >= 2 && host[0] == '[' && host[len - 1] == ']') {
            return parse_ip(host + 1, len - 2, AF_INET6, port, ss)
                   ? 0 : EINVAL;
        }
        return parse_ip(host, len, AF_UNSPEC, port, ss) ? 0 : EINVAL;
    }
}

/* Opening sockets. */

size_t
ss_length(const struct sockaddr_storage *ss)
{
    switch (ss->ss_family) {
    case AF_INET:
        return sizeof (struct sockaddr_in);
    case AF_INET6:
        return sizeof (struct sockaddr_in6);
    default:
        return sizeof *ss;
    }
}

int
inet_open_active(int style, const char *target, int default_port,
                 struct sockaddr_storage *ssp, int *fdp, uint8_t dscp)
{
    struct sockaddr_storage ss;
    int error;
    int fd;

    *fdp = -1;
    error = inet_parse_active(target, default_port, &ss);
    if (ssp) {
        *ssp = ss;
    }
    if (error) {
        return error;
    }

    fd = socket(ss.ss_family, style | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return errno;
    }
    error = set_dscp(fd, ss.ss_family, dscp);
    if (!error) {
        if (connect(fd, (struct sockaddr *) &ss, ss_length(&ss))) {
            error = errno == EINPROGRESS ? EAGAIN : errno;
        }
    }
    if (!error || error == EAGAIN) {
        *fdp = fd;
    } else {
        close(fd);
    }
    return error;
}

int
inet_open_passive(int style, const char *target, int default_port,
                  struct sockaddr_storage *ssp, int *fdp, uint8_t dscp)
{
    struct sockaddr_storage ss;
    int requested_port;
    socklen_t ss_len;
    int error;
    int one = 1;
    int fd;

    *fdp = -1;
    error = inet_parse_passive(target, default_port, &ss);
    if (ssp) {
        *ssp = ss;
    }
    if (error) {
        return error;
    }
    requested_port = ss_get_port(&ss);

    fd = socket(ss.ss_family, style | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return errno;
    }
    if (style == SOCK_STREAM
        && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one)) {
        goto error;
    }
    if (bind(fd, (struct sockaddr *) &ss, ss_length(&ss))) {
        goto error;
    }
    error = set_dscp(fd, ss.ss_family, dscp);
    if (error) {
        close(fd);
        return error;
    }
    if (style == SOCK_STREAM && listen(fd, SOCKET_UTIL_BACKLOG)) {
        goto error;
    }
    ss_len = sizeof ss;
    if (getsockname(fd, (struct sockaddr *) &ss, &ss_len)) {
        goto error;
    }
    if (ssp) {
        *ssp = ss;
    }
    if (!requested_port) {
        /* The kernel chose the port: say which, as upstream does. */
        VLOG_INFO("%s: listening on port %d", target, ss_get_port(&ss));
    }
    *fdp = fd;
    return 0;

error:
    error = errno;
    close(fd);
    return error;
}

int
check_connection_completion(int fd)
{
    struct pollfd pfd = { .fd = fd, .events = POLLOUT };
    int retval;

    do {
        retval = poll(&pfd, 1, 0);
    } while (retval < 0 && errno == EINTR);

    if (retval < 0) {
        return errno;
    } else if (retval == 0) {
        return EAGAIN;
    } else {
        int error = 0;
        socklen_t len = sizeof error;

        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len)) {
            return errno;
        }
        if (!error && pfd.revents & POLLNVAL) {
            return EBADF;
        }
        return error;
    }
}

/* Formatting addresses. */

uint16_t
ss_get_port(const struct sockaddr_storage *ss)
{
    switch (ss->ss_family) {
    case AF_INET:
        return ntohs(((const struct sockaddr_in *) ss)->sin_port);
    case AF_INET6:
        return ntohs(((const struct sockaddr_in6 *) ss)->sin6_port);
    default:
        return 0;
    }
}

static void
format_address(const struct sockaddr_storage *ss, bool brackets,
               struct ds *s)
{
    char buf[INET6_ADDRSTRLEN];

    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *) ss;

        inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf);
        ds_put_cstr(s, buf);
    } else if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *) ss;

        inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof buf);
        ds_put_format(s, brackets ? "[%s]" : "%s", buf);
    } else {
        ds_put_format(s, "(family %d)", ss->ss_family);
    }
}

void
ss_format_address(const struct sockaddr_storage *ss, struct ds *s)
{
    format_address(ss, true, s);
}

void
ss_format_address_nobracks(const struct sockaddr_storage *ss, struct ds *s)
{
    format_address(ss, false, s);
}

void
ss_format_address_port(const struct sockaddr_storage *ss, struct ds *s)
{
    format_address(ss, true, s);
    ds_put_format(s, ":%u", (unsigned int) ss_get_port(ss));
}

/* Unix domain sockets. */

/* Fills *SUN and *SUN_LEN with an address for PATH.  If PATH does not fit
 * in sun_path, opens its directory, stores the descriptor in *DIRFDP (the
 * caller closes it after bind() or connect()) and names the socket through
 * /proc/self/fd instead.  Returns 0 or a positive errno. */
static int
make_sockaddr_un(const char *path, struct sockaddr_un *sun,
                 socklen_t *sun_len, int *dirfdp)
{
    size_t len = strlen(path);

    *dirfdp = -1;
    memset(sun, 0, sizeof *sun);
    sun->sun_family = AF_UNIX;
    if (len == 0) {
        return EINVAL;
    }
    if (len >= sizeof sun->sun_path) {
        char *dir = dir_name(path);
        char *base = base_name(path);
        char *short_path;
        int dirfd;

        dirfd = open(dir, O_DIRECTORY | O_PATH | O_CLOEXEC);
        if (dirfd < 0) {
            int error = errno;

            free(dir);
            free(base);
            return error;
        }
        short_path = xasprintf("/proc/self/fd/%d/%s", dirfd, base);
        free(dir);
        free(base);

        len = strlen(short_path);
        if (len >= sizeof sun->sun_path) {
            free(short_path);
            close(dirfd);
            return ENAMETOOLONG;
        }
        memcpy(sun->sun_path, short_path, len);
        free(short_path);
        *dirfdp = dirfd;
    } else {
        memcpy(sun->sun_path, path, len);
    }
    *sun_len = offsetof(struct sockaddr_un, sun_path) + len + 1;
    return 0;
}

/* Removes PATH if it is a socket file left behind by an earlier process, so
 * that bind() can reuse the name.  Anything else is left alone. */
static void
remove_stale_socket(const char *path)
{
    struct stat st;

    if (!lstat(path, &st) && S_ISSOCK(st.st_mode)) {
        unlink(path);
    }
}

static int
bind_unix_socket(int fd, const char *path)
{
    struct sockaddr_un sun;
    socklen_t sun_len;
    int dirfd;
    int error;

    error = make_sockaddr_un(path, &sun, &sun_len, &dirfd);
    if (error) {
        return error;
    }
    remove_stale_socket(path);
    error = bind(fd, (struct sockaddr *) &sun, sun_len) ? errno : 0;
    ovs_close_fd(dirfd);
    return error;
}

static int
connect_unix_socket(int fd, const char *path)
{
    struct sockaddr_un sun;
    socklen_t sun_len;
    int dirfd;
    int error;

    error = make_sockaddr_un(path, &sun, &sun_len, &dirfd);
    if (error) {
        return error;
    }
    error = connect(fd, (struct sockaddr *) &sun, sun_len) ? errno : 0;
    ovs_close_fd(dirfd);
    return error == EINPROGRESS ? 0 : error;
}

int
make_unix_socket(int style, bool nonblock, const char *bind_path,
                 const char *connect_path, int *fdp)
{
    bool bound = false;
    int error = 0;
    int fd;

    *fdp = -1;
    fd = socket(AF_UNIX, style | SOCK_CLOEXEC | (nonblock ? SOCK_NONBLOCK
                                                           : 0), 0);
    if (fd < 0) {
        return errno;
    }

    if (bind_path) {
        error = bind_unix_socket(fd, bind_path);
        if (error) {
            goto error;
        }
        fatal_signal_add_file_to_unlink(bind_path);
        bound = true;
    }
    if (connect_path) {
        error = connect_unix_socket(fd, connect_path);
        if (error) {
            goto error;
        }
    }
    *fdp = fd;
    return 0;

error:
    close(fd);
    if (bound) {
        fatal_signal_unlink_file_now(bind_path);
    }
    return error;
}

int
get_unix_name_len(const struct sockaddr_un *sun, socklen_t sun_len)
{
    size_t ofs = offsetof(struct sockaddr_un, sun_path);

    return (sun_len > ofs
            ? strnlen(sun->sun_path, MIN(sun_len - ofs,
                                         sizeof sun->sun_path))
            : 0);
}
