/* Unit tests for lib/stream.h: names, the unix and tcp transports, and
 * their failure modes.  Only loopback addresses are used. */
#include <config.h>
#include "stream.h"
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "socket-util.h"
#include "timeval.h"
#include "util.h"

static void
test_names(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    /* Active names. */
    CHECK_INT(stream_verify_name("tcp:127.0.0.1:6640"), 0);
    CHECK_INT(stream_verify_name("tcp:[::1]:6640"), 0);
    CHECK_INT(stream_verify_name("unix:/some/path"), 0);
    CHECK_INT(stream_verify_name("unix:relative"), 0);
    CHECK_INT(stream_verify_name("tcp:127.0.0.1"), EINVAL);
    CHECK_INT(stream_verify_name("tcp:127.0.0.1:65536"), EINVAL);
    CHECK_INT(stream_verify_name("tcp:[::1"), EINVAL);
    CHECK_INT(stream_verify_name("tcp:"), EINVAL);
    CHECK_INT(stream_verify_name("unix:"), EINVAL);
    CHECK_INT(stream_verify_name("ssl:127.0.0.1:6640"), EAFNOSUPPORT);
    CHECK_INT(stream_verify_name("ptcp:6640"), EAFNOSUPPORT);
    CHECK_INT(stream_verify_name("foo:bar"), EAFNOSUPPORT);
    CHECK_INT(stream_verify_name("tcp"), EAFNOSUPPORT);
    CHECK_INT(stream_verify_name(""), EAFNOSUPPORT);
    CHECK_INT(stream_verify_name(":"), EAFNOSUPPORT);
    CHECK_INT(stream_verify_name("TCP:127.0.0.1:6640"), EAFNOSUPPORT);

    /* Passive names. */
    CHECK_INT(pstream_verify_name("ptcp:6640"), 0);
    CHECK_INT(pstream_verify_name("ptcp:0"), 0);
    CHECK_INT(pstream_verify_name("ptcp:6640:127.0.0.1"), 0);
    CHECK_INT(pstream_verify_name("ptcp:6640:[::1]"), 0);
    CHECK_INT(pstream_verify_name("punix:sock"), 0);
    CHECK_INT(pstream_verify_name("ptcp:"), EINVAL);
    CHECK_INT(pstream_verify_name("ptcp:65536"), EINVAL);
    CHECK_INT(pstream_verify_name("ptcp:6640:localhost"), EINVAL);
    CHECK_INT(pstream_verify_name("punix:"), EINVAL);
    CHECK_INT(pstream_verify_name("pssl:6640"), EAFNOSUPPORT);
    CHECK_INT(pstream_verify_name("tcp:127.0.0.1:6640"), EAFNOSUPPORT);
    CHECK_INT(pstream_verify_name("nonsense"), EAFNOSUPPORT);
}
OVSTEST_REGISTER("stream/names", test_names);

/* SSL is not built in yet: it must fail cleanly, opening nothing. */
static void
test_ssl_unsupported(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct pstream *pstream = (struct pstream *) 1;
    struct stream *stream = (struct stream *) 1;

    CHECK_INT(stream_open("ssl:127.0.0.1:6640", &stream, DSCP_DEFAULT),
              EAFNOSUPPORT);
    CHECK(stream == NULL);
    CHECK_INT(stream_open_block(stream_open("ssl:127.0.0.1:6640", &stream,
                                            DSCP_DEFAULT), 1000, &stream),
              EAFNOSUPPORT);
    CHECK(stream == NULL);
    CHECK_INT(stream_open_with_default_port("ssl:127.0.0.1", OVSDB_PORT,
                                            &stream, 0), EAFNOSUPPORT);
    CHECK(stream == NULL);
    CHECK_INT(pstream_open("pssl:0", &pstream, DSCP_DEFAULT), EAFNOSUPPORT);
    CHECK(pstream == NULL);
    CHECK_INT(pstream_open_with_default_port("pssl:", OVSDB_PORT, &pstream,
                                             0), EAFNOSUPPORT);
    CHECK(pstream == NULL);
}
OVSTEST_REGISTER("stream/ssl-unsupported", test_ssl_unsupported);

static void
test_bad_names(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const struct {
        const char *name;
        int error;
    } active[] = {
        { "tcp:127.0.0.1", EINVAL },
        { "tcp:127.0.0.1:0", EINVAL },
        { "tcp:127.0.0.1:99999", EINVAL },
        { "tcp:localhost:6640", EINVAL },
        { "tcp:[::1]6640", EINVAL },
        { "unix:", EINVAL },
        { "unix:does-not-exist", ENOENT },
        { "bogus:whatever", EAFNOSUPPORT },
        { "no-colon", EAFNOSUPPORT },
    }, passive[] = {
        { "ptcp:", EINVAL },
        { "ptcp:99999", EINVAL },
        { "ptcp:0:[::1", EINVAL },
        { "ptcp:0:localhost", EINVAL },
        { "punix:", EINVAL },
        { "punix:no-such-dir/sock", ENOENT },
        { "bogus:whatever", EAFNOSUPPORT },
        { "punix", EAFNOSUPPORT },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(active); i++) {
        struct stream *stream;

        CHECK_INT(stream_open(active[i].name, &stream, 0), active[i].error);
        CHECK(stream == NULL);
    }
    for (i = 0; i < ARRAY_SIZE(passive); i++) {
        struct pstream *pstream;

        CHECK_INT(pstream_open(passive[i].name, &pstream, 0),
                  passive[i].error);
        CHECK(pstream == NULL);
    }
}
OVSTEST_REGISTER("stream/bad-names", test_bad_names);

/* Accepts one connection on PSTREAM, driving CLIENT's connection meanwhile;
 * returns the accepted stream. */
static struct stream *
accept_one(struct pstream *pstream, struct stream *client)
{
    long long int deadline = time_msec() + 10000;
    struct stream *server;
    int error;

    while ((error = pstream_accept(pstream, &server)) == EAGAIN) {
        CHECK(time_msec() < deadline);
        CHECK(server == NULL);
        if (client) {
            error = stream_connect(client);
            CHECK(error == 0 || error == EAGAIN);
            if (error) {
                stream_connect_wait(client);
            }
        }
        pstream_wait(pstream);
        poll_timer_wait(1000);
        poll_block();
    }
    CHECK_INT(error, 0);
    CHECK(server != NULL);
    return server;
}

/* Buffer traffic in one direction: what has been sent and received. */
struct flow {
    const char *data;
    size_t size;
    size_t sent;
    size_t received;
    char *buffer;               /* What the receiver got. */
};

/* Moves as many bytes as possible from FROM to TO for FLOW, and registers
 * waits for more.  Returns true when FLOW is complete. */
static bool
run_flow(struct flow *flow, struct stream *from, struct stream *to)
{
    /* Small chunks on purpose, to exercise partial sends and receives. */
    enum { CHUNK = 65536 + 17 };

    while (flow->sent < flow->size) {
        ssize_t n = stream_send(from, flow->data + flow->sent,
                                MIN(CHUNK, flow->size - flow->sent));

        if (n == -EAGAIN) {
            stream_send_wait(from);
            break;
        }
        CHECK(n > 0);
        flow->sent += n;
    }
    while (flow->received < flow->size) {
        ssize_t n = stream_recv(to, flow->buffer + flow->received,
                                MIN(CHUNK, flow->size - flow->received));

        if (n == -EAGAIN) {
            stream_recv_wait(to);
            break;
        }
        CHECK(n > 0);
        CHECK(flow->received + n <= flow->sent);
        flow->received += n;
    }
    return flow->received == flow->size;
}

static char *
make_pattern(size_t size, unsigned int seed)
{
    char *p = xmalloc(size);
    size_t i;

    for (i = 0; i < size; i++) {
        seed = seed * 1103515245 + 12345;
        p[i] = seed >> 16;
    }
    return p;
}

/* Waits until a receive on STREAM gives something other than -EAGAIN and
 * returns it. */
static ssize_t
recv_block(struct stream *stream, void *buf, size_t n)
{
    long long int deadline = time_msec() + 10000;
    ssize_t retval;

    while ((retval = stream_recv(stream, buf, n)) == -EAGAIN) {
        CHECK(time_msec() < deadline);
        stream_recv_wait(stream);
        poll_block();
    }
    return retval;
}

/* Exercises a full conversation between a client opened on ACTIVE_NAME and
 * the server side accepted from PSTREAM: two large buffers crossing at
 * once, then end of file in both directions. */
static void
exchange(struct pstream *pstream, const char *active_name)
{
    enum { SIZE = 4 * 1024 * 1024 + 3 };
    long long int deadline = time_msec() + 60000;
    struct stream *client, *server;
    struct flow up, down;
    ssize_t n;
    char c;

    CHECK_INT(stream_open(active_name, &client, DSCP_DEFAULT), 0);
    CHECK_STR(stream_get_name(client), active_name);
    server = accept_one(pstream, client);
    CHECK_INT(stream_open_block(0, 10000, &client), 0);
    CHECK_INT(stream_connect(client), 0);
    CHECK_INT(stream_connect(server), 0);

    /* Nothing to read yet. */
    CHECK_INT(stream_recv(server, &c, 1), -EAGAIN);
    CHECK_INT(stream_recv(client, &c, 1), -EAGAIN);
    CHECK_INT(stream_recv(client, &c, 0), 0);
    CHECK_INT(stream_send(client, &c, 0), 0);

    /* Both directions at once, much more than the socket buffers hold, so
     * that sends must wait for the peer to receive. */
    memset(&up, 0, sizeof up);
    up.data = make_pattern(SIZE, 1);
    up.size = SIZE;
    up.buffer = xmalloc(SIZE);
    memset(&down, 0, sizeof down);
    down.data = make_pattern(SIZE, 2);
    down.size = SIZE;
    down.buffer = xmalloc(SIZE);
    for (;;) {
        bool up_done, down_done;

        stream_run(client);
        stream_run(server);
        up_done = run_flow(&up, client, server);
        down_done = run_flow(&down, server, client);
        if (up_done && down_done) {
            break;
        }
        CHECK(time_msec() < deadline);
        stream_run_wait(client);
        stream_run_wait(server);
        poll_block();
    }
    CHECK(!memcmp(up.data, up.buffer, SIZE));
    CHECK(!memcmp(down.data, down.buffer, SIZE));
    free((char *) up.data);
    free(up.buffer);
    free((char *) down.data);
    free(down.buffer);

    /* A last message, then end of file when the client closes. */
    CHECK_INT(stream_send(client, "bye", 3), 3);
    stream_close(client);
    {
        char buf[8];

        CHECK_INT(recv_block(server, buf, sizeof buf), 3);
        CHECK(!memcmp(buf, "bye", 3));
        CHECK_INT(recv_block(server, buf, sizeof buf), 0);
        CHECK_INT(recv_block(server, buf, sizeof buf), 0);
    }

    /* Sending to a closed peer fails (without SIGPIPE) soon. */
    for (;;) {
        n = stream_send(server, "x", 1);
        if (n < 0 && n != -EAGAIN) {
            break;
        }
        CHECK(time_msec() < deadline);
        if (n == -EAGAIN) {
            stream_send_wait(server);
            poll_block();
        }
    }
    CHECK(n == -EPIPE || n == -ECONNRESET);
    stream_close(server);
}

static void
test_unix_transfer(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct pstream *pstream;
    struct stream *stream;
    struct stat st;

    CHECK_INT(pstream_open("punix:sock", &pstream, 0), 0);
    CHECK_STR(pstream_get_name(pstream), "punix:sock");
    CHECK_INT(pstream_get_bound_port(pstream), 0);
    CHECK(!stat("sock", &st) && S_ISSOCK(st.st_mode));

    exchange(pstream, "unix:sock");

    /* Accepted unix streams from unnamed peers are numbered, as upstream
     * numbers them; "exchange" above accepted the first. */
    CHECK_INT(stream_open("unix:sock", &stream, 0), 0);
    {
        struct stream *server = accept_one(pstream, stream);

        CHECK(!strncmp(stream_get_name(server), "unix#", 5));
        stream_close(server);
    }
    stream_close(stream);

    /* Closing removes the socket file; then there is nothing to find. */
    pstream_close(pstream);
    CHECK(stat("sock", &st) && errno == ENOENT);
    CHECK_INT(stream_open("unix:sock", &stream, 0), ENOENT);
    CHECK(stream == NULL);
}
OVSTEST_REGISTER("stream/unix-transfer", test_unix_transfer);

/* Opens a TCP pstream on port 0 of LOOPBACK ("127.0.0.1" or "[::1]") and
 * returns it with the name of an active stream that connects to it. */
static struct pstream *
open_ptcp(const char *loopback, char **active_name)
{
    struct pstream *pstream;
    char *name = xasprintf("ptcp:0:%s", loopback);
    char *expected;
    uint16_t port;

    CHECK_INT(pstream_open(name, &pstream, DSCP_DEFAULT), 0);
    free(name);
    port = pstream_get_bound_port(pstream);
    CHECK(port != 0);
    expected = xasprintf("ptcp:%u:%s", (unsigned int) port, loopback);
    CHECK_STR(pstream_get_name(pstream), expected);
    free(expected);
    *active_name = xasprintf("tcp:%s:%u", loopback, (unsigned int) port);
    return pstream;
}

static void
tcp_transfer(const char *loopback)
{
    struct pstream *pstream;
    struct stream *client, *server;
    char *active_name;
    char *prefix;

    pstream = open_ptcp(loopback, &active_name);
    exchange(pstream, active_name);

    /* Accepted TCP streams are named after the peer's address. */
    CHECK_INT(stream_open_block(stream_open(active_name, &client, 0), 10000,
                                &client), 0);
    server = accept_one(pstream, NULL);
    prefix = xasprintf("tcp:%s:", loopback);
    CHECK(!strncmp(stream_get_name(server), prefix, strlen(prefix)));
    CHECK(strlen(stream_get_name(server)) > strlen(prefix));
    free(prefix);

    /* Closing the server side gives the client end of file. */
    stream_close(server);
    {
        char buf[4];

        CHECK_INT(recv_block(client, buf, sizeof buf), 0);
    }
    stream_close(client);
    pstream_close(pstream);

    /* Now nothing listens there. */
    CHECK_INT(stream_open_block(stream_open(active_name, &client, 0), 10000,
                                &client), ECONNREFUSED);
    CHECK(client == NULL);

    /* A refused stream reports the error again and wakes waiters. */
    if (!stream_open(active_name, &client, 0)) {
        long long int start = time_msec();
        int error;

        while ((error = stream_connect(client)) == EAGAIN) {
            stream_connect_wait(client);
            poll_block();
        }
        CHECK_INT(error, ECONNREFUSED);
        CHECK_INT(stream_connect(client), ECONNREFUSED);
        CHECK_INT(stream_recv(client, &error, 1), -ECONNREFUSED);
        CHECK_INT(stream_send(client, &error, 1), -ECONNREFUSED);
        stream_recv_wait(client);
        poll_timer_wait(5000);
        poll_block();
        CHECK(time_msec() - start < 4000);
        stream_close(client);
    }
    free(active_name);
}

static void
test_tcp4_transfer(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    tcp_transfer("127.0.0.1");
}
OVSTEST_REGISTER("stream/tcp4-transfer", test_tcp4_transfer);

/* Exits with status 77 (skip) if this host cannot listen on ::1. */
static void
require_ipv6_loopback(void)
{
    int fd;

    if (inet_open_passive(SOCK_STREAM, "0:[::1]", -1, NULL, &fd, 0)) {
        printf("skipping: no IPv6 loopback address\n");
        exit(77);
    }
    close(fd);
}

static void
test_tcp6_transfer(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    require_ipv6_loopback();
    tcp_transfer("[::1]");
}
OVSTEST_REGISTER("stream/tcp6-transfer", test_tcp6_transfer);

/* "ptcp:0" picks a free port, and two listeners never share one. */
static void
test_ptcp_bound_port(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct pstream *a, *b, *c;
    char *name_a, *name_b;
    char *same_port;

    a = open_ptcp("127.0.0.1", &name_a);
    b = open_ptcp("127.0.0.1", &name_b);
    CHECK(pstream_get_bound_port(a) != pstream_get_bound_port(b));

    /* The port in use cannot be taken again. */
    same_port = xasprintf("ptcp:%u:127.0.0.1",
                          (unsigned int) pstream_get_bound_port(a));
    CHECK_INT(pstream_open(same_port, &c, 0), EADDRINUSE);
    CHECK(c == NULL);

    /* Without an address, every IPv4 address is bound. */
    CHECK_INT(pstream_open("ptcp:0", &c, 0), 0);
    CHECK(pstream_get_bound_port(c) != 0);
    CHECK(strstr(pstream_get_name(c), ":0.0.0.0") != NULL);
    pstream_close(c);

    free(same_port);
    free(name_a);
    free(name_b);
    pstream_close(a);
    pstream_close(b);
}
OVSTEST_REGISTER("stream/ptcp-bound-port", test_ptcp_bound_port);

/* The *_with_default_port() functions fill in a missing port. */
static void
test_default_port(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct pstream *pstream;
    struct stream *client, *server;
    char *name;
    uint16_t port;

    /* Learn a free port, then listen on it as the default. */
    pstream = open_ptcp("127.0.0.1", &name);
    port = pstream_get_bound_port(pstream);
    pstream_close(pstream);
    free(name);
    CHECK_INT(pstream_open_with_default_port("ptcp::127.0.0.1", port,
                                             &pstream, 0), 0);
    CHECK_INT(pstream_get_bound_port(pstream), port);

    CHECK_INT(stream_open_with_default_port("tcp:127.0.0.1", port, &client,
                                            0), 0);
    name = xasprintf("tcp:127.0.0.1:%u", (unsigned int) port);
    CHECK_STR(stream_get_name(client), name);
    free(name);
    server = accept_one(pstream, client);
    stream_close(server);
    stream_close(client);

    /* An explicit port wins over the default. */
    name = xasprintf("tcp:127.0.0.1:%u", (unsigned int) port);
    CHECK_INT(stream_open_with_default_port(name, 1, &client, 0), 0);
    CHECK_STR(stream_get_name(client), name);
    server = accept_one(pstream, client);
    stream_close(server);
    stream_close(client);
    free(name);
    pstream_close(pstream);

    /* IPv6 forms get brackets as needed. */
    if (!stream_open_with_default_port("tcp:::1", 1, &client, 0)) {
        CHECK_STR(stream_get_name(client), "tcp:[::1]:1");
        stream_close(client);
    }
    if (!stream_open_with_default_port("tcp:[::1]", 1, &client, 0)) {
        CHECK_STR(stream_get_name(client), "tcp:[::1]:1");
        stream_close(client);
    }

    /* Non-TCP names pass through unchanged. */
    CHECK_INT(stream_open_with_default_port("unix:nothing", 1, &client, 0),
              ENOENT);
    CHECK_INT(pstream_open_with_default_port("punix:sock", 1, &pstream, 0),
              0);
    CHECK_STR(pstream_get_name(pstream), "punix:sock");
    pstream_close(pstream);
}
OVSTEST_REGISTER("stream/default-port", test_default_port);

/* Socket paths longer than sun_path still work for punix and unix. */
static void
test_long_unix_path(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct sockaddr_un sun;
    struct pstream *pstream;
    struct stream *client;
    struct ds dir = DS_EMPTY_INITIALIZER;
    char *cwd = get_cwd();
    char *pname, *aname;
    struct stat st;
    int i;

    ds_put_cstr(&dir, cwd);
    free(cwd);
    for (i = 0; i < 3; i++) {
        ds_put_char(&dir, '/');
        ds_put_char_multiple(&dir, 'a' + i, 50);
        CHECK(!mkdir(ds_cstr(&dir), 0700));
    }
    ds_put_cstr(&dir, "/socket");
    CHECK(dir.length > sizeof sun.sun_path);

    pname = xasprintf("punix:%s", ds_cstr(&dir));
    aname = xasprintf("unix:%s", ds_cstr(&dir));
    CHECK_INT(pstream_open(pname, &pstream, 0), 0);
    CHECK(!stat(ds_cstr(&dir), &st) && S_ISSOCK(st.st_mode));
    exchange(pstream, aname);
    pstream_close(pstream);
    CHECK(stat(ds_cstr(&dir), &st) && errno == ENOENT);
    CHECK_INT(stream_open(aname, &client, 0), ENOENT);

    free(pname);
    free(aname);
    ds_destroy(&dir);
}
OVSTEST_REGISTER("stream/long-unix-path", test_long_unix_path);

/* A socket file left behind by a dead process does not block punix, and
 * while nothing listens on it, connecting is refused. */
static void
test_stale_unix_socket(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct pstream *pstream;
    struct stream *client, *server;
    struct stat st;
    int fd;

    /* Leave a socket file behind, as a crashed daemon would. */
    CHECK_INT(make_unix_socket(SOCK_STREAM, false, "db.sock", NULL, &fd), 0);
    close(fd);
    fatal_signal_remove_file_to_unlink("db.sock");
    CHECK(!stat("db.sock", &st) && S_ISSOCK(st.st_mode));

    CHECK_INT(stream_open("unix:db.sock", &client, 0), ECONNREFUSED);
    CHECK(client == NULL);
    CHECK_INT(stream_open_block(stream_open("unix:db.sock", &client, 0),
                                1000, &client), ECONNREFUSED);

    CHECK_INT(pstream_open("punix:db.sock", &pstream, 0), 0);
    CHECK_INT(stream_open_block(stream_open("unix:db.sock", &client, 0),
                                10000, &client), 0);
    server = accept_one(pstream, client);
    CHECK_INT(stream_send(server, "hi", 2), 2);
    {
        char buf[2];

        CHECK_INT(recv_block(client, buf, 2), 2);
        CHECK(!memcmp(buf, "hi", 2));
    }
    stream_close(server);
    stream_close(client);
    pstream_close(pstream);

    /* Something that is not a socket is left alone. */
    CHECK(!close(open("db.sock", O_CREAT | O_WRONLY, 0600)));
    CHECK_INT(pstream_open("punix:db.sock", &pstream, 0), EADDRINUSE);
    CHECK(pstream == NULL);
    CHECK(!stat("db.sock", &st) && S_ISREG(st.st_mode));
}
OVSTEST_REGISTER("stream/stale-unix-socket", test_stale_unix_socket);
