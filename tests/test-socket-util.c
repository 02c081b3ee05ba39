/* Unit tests for lib/socket-util.h. */
#include <config.h>
#include "socket-util.h"
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "util.h"

/* Parses TARGET with inet_parse_active() (or inet_parse_passive() if
 * PASSIVE) and returns "ADDRESS:PORT", or "EINVAL" etc. on failure, in a
 * static buffer. */
static const char *
parse(bool passive, const char *target, int default_port)
{
    static char buf[128];
    struct sockaddr_storage ss;
    struct ds s = DS_EMPTY_INITIALIZER;
    int error;

    error = (passive
             ? inet_parse_passive(target, default_port, &ss)
             : inet_parse_active(target, default_port, &ss));
    if (error) {
        CHECK_INT(error, EINVAL);
        CHECK_INT(ss.ss_family, 0);
        return "EINVAL";
    }
    ss_format_address_port(&ss, &s);
    ovs_strlcpy(buf, ds_cstr(&s), sizeof buf);
    ds_destroy(&s);
    return buf;
}

#define CHECK_ACTIVE(TARGET, PORT, EXPECTED) \
    CHECK_STR(parse(false, TARGET, PORT), EXPECTED)
#define CHECK_PASSIVE(TARGET, PORT, EXPECTED) \
    CHECK_STR(parse(true, TARGET, PORT), EXPECTED)

static void
test_parse_active(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    /* IPv4. */
    CHECK_ACTIVE("127.0.0.1:6640", -1, "127.0.0.1:6640");
    CHECK_ACTIVE("10.1.2.3:1", -1, "10.1.2.3:1");
    CHECK_ACTIVE("127.0.0.1:65535", -1, "127.0.0.1:65535");
    CHECK_ACTIVE("127.0.0.1", 6653, "127.0.0.1:6653");
    CHECK_ACTIVE("127.0.0.1:80", 6653, "127.0.0.1:80");

    /* IPv6. */
    CHECK_ACTIVE("[::1]:6640", -1, "[::1]:6640");
    CHECK_ACTIVE("[fe80::1:2]:6640", -1, "[fe80::1:2]:6640");
    CHECK_ACTIVE("[::1]", 6640, "[::1]:6640");
    CHECK_ACTIVE("::1", 6640, "[::1]:6640");
    CHECK_ACTIVE("[::ffff:1.2.3.4]:5", -1, "[::ffff:1.2.3.4]:5");

    /* Missing port with no default. */
    CHECK_ACTIVE("127.0.0.1", -1, "EINVAL");
    CHECK_ACTIVE("[::1]", -1, "EINVAL");
    CHECK_ACTIVE("127.0.0.1:", 6640, "EINVAL");
    CHECK_ACTIVE("[::1]:", 6640, "EINVAL");

    /* Bad ports. */
    CHECK_ACTIVE("127.0.0.1:0", -1, "EINVAL");
    CHECK_ACTIVE("127.0.0.1:65536", -1, "EINVAL");
    CHECK_ACTIVE("127.0.0.1:99999999999", -1, "EINVAL");
    CHECK_ACTIVE("127.0.0.1:-1", -1, "EINVAL");
    CHECK_ACTIVE("127.0.0.1:+1", -1, "EINVAL");
    CHECK_ACTIVE("127.0.0.1:80x", -1, "EINVAL");
    CHECK_ACTIVE("127.0.0.1: 80", -1, "EINVAL");

    /* Bad addresses. */
    CHECK_ACTIVE("", 6640, "EINVAL");
    CHECK_ACTIVE(":6640", -1, "EINVAL");
    CHECK_ACTIVE("localhost:6640", -1, "EINVAL");
    CHECK_ACTIVE("256.0.0.1:6640", -1, "EINVAL");
    CHECK_ACTIVE("1.2.3:6640", -1, "EINVAL");
    CHECK_ACTIVE("[::1:6640", -1, "EINVAL");
    CHECK_ACTIVE("[::1]6640", -1, "EINVAL");
    CHECK_ACTIVE("[]:6640", -1, "EINVAL");
    CHECK_ACTIVE("[127.0.0.1]:6640", -1, "EINVAL");
    CHECK_ACTIVE("[::g]:6640", -1, "EINVAL");
    CHECK_ACTIVE("[::1]:6640:1", -1, "EINVAL");
    CHECK_ACTIVE("1.2.3.4:5:6", -1, "EINVAL");
}
OVSTEST_REGISTER("socket-util/parse-active", test_parse_active);

static void
test_parse_passive(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    CHECK_PASSIVE("6640", -1, "0.0.0.0:6640");
    CHECK_PASSIVE("0", -1, "0.0.0.0:0");
    CHECK_PASSIVE("65535", -1, "0.0.0.0:65535");
    CHECK_PASSIVE("6640:127.0.0.1", -1, "127.0.0.1:6640");
    CHECK_PASSIVE("0:127.0.0.1", -1, "127.0.0.1:0");
    CHECK_PASSIVE("6640:[::1]", -1, "[::1]:6640");
    CHECK_PASSIVE("6640:::1", -1, "[::1]:6640");
    CHECK_PASSIVE("6640:[::]", -1, "[::]:6640");
    CHECK_PASSIVE("", 6640, "0.0.0.0:6640");
    CHECK_PASSIVE(":127.0.0.1", 6653, "127.0.0.1:6653");
    CHECK_PASSIVE(":[::1]", 6653, "[::1]:6653");

    CHECK_PASSIVE("", -1, "EINVAL");
    CHECK_PASSIVE(":127.0.0.1", -1, "EINVAL");
    CHECK_PASSIVE("65536", -1, "EINVAL");
    CHECK_PASSIVE("-1", -1, "EINVAL");
    CHECK_PASSIVE("x", -1, "EINVAL");
    CHECK_PASSIVE("6640x", -1, "EINVAL");
    CHECK_PASSIVE("6640:", -1, "EINVAL");
    CHECK_PASSIVE("6640:[::1", -1, "EINVAL");
    CHECK_PASSIVE("6640:[127.0.0.1]", -1, "EINVAL");
    CHECK_PASSIVE("6640:localhost", -1, "EINVAL");
    CHECK_PASSIVE("6640:1.2.3.4:5", -1, "EINVAL");
}
OVSTEST_REGISTER("socket-util/parse-passive", test_parse_passive);

static void
test_format(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct sockaddr_storage ss;
    struct ds s = DS_EMPTY_INITIALIZER;

    CHECK_INT(inet_parse_active("[::1]:6640", -1, &ss), 0);
    CHECK_INT(ss.ss_family, AF_INET6);
    CHECK_INT(ss_get_port(&ss), 6640);
    CHECK_INT(ss_length(&ss), sizeof (struct sockaddr_in6));
    ss_format_address(&ss, &s);
    CHECK_STR(ds_cstr(&s), "[::1]");
    ds_clear(&s);
    ss_format_address_nobracks(&ss, &s);
    CHECK_STR(ds_cstr(&s), "::1");
    ds_clear(&s);

    CHECK_INT(inet_parse_active("192.168.0.1:1", -1, &ss), 0);
    CHECK_INT(ss.ss_family, AF_INET);
    CHECK_INT(ss_get_port(&ss), 1);
    CHECK_INT(ss_length(&ss), sizeof (struct sockaddr_in));
    ss_format_address(&ss, &s);
    CHECK_STR(ds_cstr(&s), "192.168.0.1");
    ds_clear(&s);
    ss_format_address_nobracks(&ss, &s);
    CHECK_STR(ds_cstr(&s), "192.168.0.1");
    ds_destroy(&s);
}
OVSTEST_REGISTER("socket-util/format", test_format);

static void
test_nonblocking_and_fully(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char big[200000];
    char got[sizeof big];
    size_t n;
    int fds[2];
    size_t i;

    for (i = 0; i < sizeof big; i++) {
        big[i] = i * 7;
    }

    /* A non-blocking pipe fills up: write_fully() reports EAGAIN and how
     * much it wrote; read_fully() on an empty pipe reports EAGAIN too. */
    xpipe_nonblocking(fds);
    CHECK(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
    CHECK(fcntl(fds[1], F_GETFL) & O_NONBLOCK);
    CHECK_INT(read_fully(fds[0], got, 1, &n), EAGAIN);
    CHECK_INT(n, 0);
    CHECK_INT(write_fully(fds[1], big, sizeof big, &n), EAGAIN);
    CHECK(n > 0 && n < sizeof big);
    close(fds[0]);
    close(fds[1]);

    /* A blocking pipe: exact transfer, then EOF with a short count. */
    xpipe(fds);
    CHECK(!(fcntl(fds[0], F_GETFL) & O_NONBLOCK));
    CHECK_INT(write_fully(fds[1], big, 1000, &n), 0);
    CHECK_INT(n, 1000);
    CHECK_INT(read_fully(fds[0], got, 600, &n), 0);
    CHECK_INT(n, 600);
    CHECK(!memcmp(got, big, 600));
    close(fds[1]);
    CHECK_INT(read_fully(fds[0], got, 600, &n), EOF);
    CHECK_INT(n, 400);
    CHECK(!memcmp(got, big + 600, 400));
    close(fds[0]);

    /* Setting non-blocking twice is harmless; a bad fd is an error. */
    xpipe(fds);
    CHECK_INT(set_nonblocking(fds[0]), 0);
    CHECK_INT(set_nonblocking(fds[0]), 0);
    CHECK(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
    close(fds[0]);
    close(fds[1]);
    CHECK_INT(set_nonblocking(fds[0]), EBADF);
}
OVSTEST_REGISTER("socket-util/nonblocking-and-fully",
                 test_nonblocking_and_fully);

/* Waits until the non-blocking connect on FD finishes; returns its
 * result. */
static int
wait_for_connect(int fd)
{
    int error;

    while ((error = check_connection_completion(fd)) == EAGAIN) {
        poll_fd_wait(fd, POLLOUT);
        poll_timer_wait(100);
        poll_block();
    }
    return error;
}

static void
test_inet_open(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct sockaddr_storage ss;
    char *target;
    uint16_t port;
    int pfd, fd, afd;
    int error;
    char c;

    CHECK_INT(inet_open_passive(SOCK_STREAM, "0:127.0.0.1", -1, &ss, &pfd,
                                DSCP_DEFAULT), 0);
    port = ss_get_port(&ss);
    CHECK(port != 0);
    CHECK(fcntl(pfd, F_GETFL) & O_NONBLOCK);

    target = xasprintf("127.0.0.1:%u", (unsigned int) port);
    error = inet_open_active(SOCK_STREAM, target, -1, &ss, &fd,
                             DSCP_DEFAULT);
    CHECK(error == 0 || error == EAGAIN);
    CHECK(fd >= 0);
    CHECK_INT(ss_get_port(&ss), port);
    CHECK_INT(wait_for_connect(fd), 0);
    CHECK_INT(check_connection_completion(fd), 0);
    {
        int tos = 0;
        socklen_t len = sizeof tos;

        CHECK(!getsockopt(fd, IPPROTO_IP, IP_TOS, &tos, &len));
        CHECK_INT(tos, DSCP_DEFAULT << 2);
        CHECK_INT(set_dscp(fd, AF_INET, 0), 0);
        CHECK(!getsockopt(fd, IPPROTO_IP, IP_TOS, &tos, &len));
        CHECK_INT(tos, 0);
    }

    do {
        poll_fd_wait(pfd, POLLIN);
        poll_block();
        afd = accept(pfd, NULL, NULL);
    } while (afd < 0 && errno == EAGAIN);
    CHECK(afd >= 0);
    CHECK_INT(write(fd, "x", 1), 1);
    CHECK_INT(read(afd, &c, 1), 1);
    CHECK_INT(c, 'x');
    close(afd);
    close(fd);

    /* Nothing listens once the passive socket is closed. */
    close(pfd);
    error = inet_open_active(SOCK_STREAM, target, -1, NULL, &fd, 0);
    if (error == EAGAIN) {
        error = wait_for_connect(fd);
        close(fd);
    } else {
        CHECK_INT(fd, -1);
    }
    CHECK_INT(error, ECONNREFUSED);
    free(target);

    /* Bad names and bad DSCP values. */
    CHECK_INT(inet_open_active(SOCK_STREAM, "127.0.0.1", -1, NULL, &fd, 0),
              EINVAL);
    CHECK_INT(fd, -1);
    CHECK_INT(inet_open_passive(SOCK_STREAM, "x", -1, NULL, &fd, 0), EINVAL);
    CHECK_INT(fd, -1);
    CHECK_INT(inet_open_passive(SOCK_STREAM, "0:127.0.0.1", -1, NULL, &fd,
                                64), EINVAL);
    CHECK_INT(fd, -1);
}
OVSTEST_REGISTER("socket-util/inet-open", test_inet_open);

/* Makes a directory name under the current directory so long that the
 * socket path made from it cannot fit in sun_path; returns it. */
static char *
make_long_dir(void)
{
    char *cwd = get_cwd();
    struct ds dir = DS_EMPTY_INITIALIZER;
    int i;

    ds_put_cstr(&dir, cwd);
    for (i = 0; i < 3; i++) {
        ds_put_char(&dir, '/');
        ds_put_char_multiple(&dir, 'd' + i, 60);
        CHECK(!mkdir(ds_cstr(&dir), 0700));
    }
    free(cwd);
    return ds_steal_cstr(&dir);
}

static void
test_unix_socket(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct sockaddr_un sun;
    socklen_t len;
    char *long_dir = make_long_dir();
    char *long_path = xasprintf("%s/socket", long_dir);
    struct stat st;
    int server, client, fd;
    int i;

    CHECK(strlen(long_path) > sizeof sun.sun_path);
    for (i = 0; i < 2; i++) {
        const char *path = i ? long_path : "sock";
        char c;

        /* Bound but not listening: refused. */
        CHECK_INT(make_unix_socket(SOCK_STREAM, true, path, NULL, &server),
                  0);
        CHECK(!stat(path, &st) && S_ISSOCK(st.st_mode));
        CHECK_INT(make_unix_socket(SOCK_STREAM, true, NULL, path, &fd),
                  ECONNREFUSED);
        CHECK_INT(fd, -1);

        /* Listening: connects, and the peer sees the client's name. */
        CHECK(!listen(server, 5));
        CHECK_INT(make_unix_socket(SOCK_STREAM, false, "client", path,
                                   &client), 0);
        len = sizeof sun;
        fd = accept(server, (struct sockaddr *) &sun, &len);
        CHECK(fd >= 0);
        CHECK_INT(get_unix_name_len(&sun, len), strlen("client"));
        CHECK(!memcmp(sun.sun_path, "client", 6));
        CHECK_INT(write(client, "y", 1), 1);
        CHECK_INT(read(fd, &c, 1), 1);
        CHECK_INT(c, 'y');
        close(fd);
        close(client);
        CHECK_INT(fatal_signal_unlink_file_now("client"), 0);

        /* Closing leaves a stale socket file, which the next bind replaces
         * even though the file is still there. */
        close(server);
        CHECK(!stat(path, &st));
        CHECK_INT(make_unix_socket(SOCK_STREAM, true, path, NULL, &server),
                  0);
        close(server);
        CHECK_INT(fatal_signal_unlink_file_now(path), 0);
        CHECK(stat(path, &st) && errno == ENOENT);
    }

    /* Nothing there at all. */
    CHECK_INT(make_unix_socket(SOCK_STREAM, true, NULL, "nothing", &fd),
              ENOENT);
    CHECK_INT(make_unix_socket(SOCK_STREAM, true, NULL, long_path, &fd),
              ENOENT);

    /* A regular file is never removed to make room for a socket. */
    CHECK(!close(open("regular", O_CREAT | O_WRONLY, 0600)));
    CHECK_INT(make_unix_socket(SOCK_STREAM, true, "regular", NULL, &fd),
              EADDRINUSE);
    CHECK(!stat("regular", &st) && S_ISREG(st.st_mode));

    /* A missing directory in a long path. */
    free(long_path);
    long_path = xasprintf("%s/missing/socket", long_dir);
    CHECK_INT(make_unix_socket(SOCK_STREAM, true, long_path, NULL, &fd),
              ENOENT);

    /* Even through /proc/self/fd, the last component must fit. */
    free(long_path);
    long_path = xasprintf("%s/%0200d", long_dir, 0);
    CHECK_INT(make_unix_socket(SOCK_STREAM, true, long_path, NULL, &fd),
              ENAMETOOLONG);
    CHECK_INT(fd, -1);

    /* Unnamed sockets have an empty name; a short address has none. */
    len = sizeof sun;
    CHECK_INT(make_unix_socket(SOCK_DGRAM, true, NULL, NULL, &fd), 0);
    CHECK(!getsockname(fd, (struct sockaddr *) &sun, &len));
    CHECK_INT(get_unix_name_len(&sun, len), 0);
    CHECK_INT(get_unix_name_len(&sun, 0), 0);
    close(fd);

    free(long_path);
    free(long_dir);
}
OVSTEST_REGISTER("socket-util/unix-socket", test_unix_socket);
