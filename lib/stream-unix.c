/* stream-unix.c: the "unix:" and "punix:" stream transports. */
#include <config.h>
#include <errno.h>
#include <sys/un.h>
#include <unistd.h>
#include "dirs.h"
#include "fatal-signal.h"
#include "socket-util.h"
#include "stream-fd.h"
#include "stream-provider.h"
#include "util.h"

/* How many pending connections a punix socket queues. */
#define PUNIX_BACKLOG 64

/* Returns the file name that unix:SUFFIX or punix:SUFFIX refers to, in
 * memory the caller frees.  A relative name is taken relative to the run
 * directory (ovs_rundir()), as upstream does, so that "punix:db.sock" means
 * the same socket to every program that shares OVS_RUNDIR. */
static char *
unix_file_name(const char *suffix)
{
    return abs_file_name(ovs_rundir(), suffix);
}

static int
unix_verify(const char *suffix)
{
    return *suffix ? 0 : EINVAL;
}

/* Active Unix sockets. */

static int
unix_open(const char *name, const char *suffix, struct stream **streamp,
          uint8_t dscp OVS_UNUSED)
{
    char *path = unix_file_name(suffix);
    int error;
    int fd;

    error = (*suffix
             ? make_unix_socket(SOCK_STREAM, true, NULL, path, &fd)
             : EINVAL);
    free(path);
    if (error) {
        return error;
    }
    *streamp = stream_fd_new(name, fd, 0);
    return 0;
}

/* The "unix" class only opens: the stream it returns is an fd stream. */
const struct stream_class unix_stream_class = {
    .name = "unix",
    .verify = unix_verify,
    .open = unix_open,
};

/* Passive Unix sockets. */

static int
punix_accept(int fd, const struct sockaddr_storage *ss, socklen_t ss_len,
             struct stream **streamp)
{
    static unsigned int n_unnamed;  /* Unbound peers accepted so far. */
    const struct sockaddr_un *sun = (const struct sockaddr_un *) ss;
    int name_len = get_unix_name_len(sun, ss_len);
    char *name;

    /* Clients almost never bind their sockets; as upstream does, such a
     * connection is named "unix#N", N counting them from 0, so that log
     * messages tell them apart. */
    name = (name_len > 0
            ? xasprintf("unix:%.*s", name_len, sun->sun_path)
            : xasprintf("unix#%u", n_unnamed++));
    *streamp = stream_fd_new(name, fd, 0);
    free(name);
    return 0;
}

static int
punix_listen(const char *name, const char *suffix, struct pstream **pstreamp,
             uint8_t dscp OVS_UNUSED)
{
    char *path = unix_file_name(suffix);
    int error;
    int fd;

    if (!*suffix) {
        free(path);
        return EINVAL;
    }
    error = make_unix_socket(SOCK_STREAM, true, path, NULL, &fd);
    if (!error && listen(fd, PUNIX_BACKLOG)) {
        error = errno;
        close(fd);
        fatal_signal_unlink_file_now(path);
    }
    if (!error) {
        *pstreamp = pstream_fd_new(name, fd, punix_accept, path);
    }
    free(path);
    return error;
}

const struct pstream_class punix_pstream_class = {
    .name = "punix",
    .verify = unix_verify,
    .listen = punix_listen,
};
