/* stream.c: the generic stream layer: name lookup, the connection state
 * machine, and dispatch to the transport classes. */
#include <config.h>
#include "stream.h"
#include <errno.h>
#include <limits.h>
#include "poll-loop.h"
#include "stream-provider.h"
#include "timeval.h"
#include "util.h"

/* The transports, looked up by the prefix of a name.  SSL ("ssl", "pssl")
 * will be one more entry in each table; until then such names fall through
 * to EAFNOSUPPORT like any other unknown prefix. */
static const struct stream_class *const stream_classes[] = {
    &tcp_stream_class,
    &unix_stream_class,
};

static const struct pstream_class *const pstream_classes[] = {
    &ptcp_pstream_class,
    &punix_pstream_class,
};

/* If NAME is "PREFIX:SUFFIX", stores the length of PREFIX in *PREFIX_LEN and
 * returns SUFFIX; otherwise returns NULL. */
static const char *
split_name(const char *name, size_t *prefix_len)
{
    const char *colon = strchr(name, ':');

    if (!colon) {
        return NULL;
    }
    *prefix_len = colon - name;
    return colon + 1;
}

static bool
prefix_matches(const char *class_name, const char *name, size_t prefix_len)
{
    return (strlen(class_name) == prefix_len
            && !memcmp(class_name, name, prefix_len));
}

/* Finds the class for active stream NAME and its suffix.  Returns 0 or
 * EAFNOSUPPORT. */
static int
stream_lookup_class(const char *name, const struct stream_class **classp,
                    const char **suffixp)
{
    size_t prefix_len;
    const char *suffix = split_name(name, &prefix_len);
    size_t i;

    *classp = NULL;
    if (suffix) {
        for (i = 0; i < ARRAY_SIZE(stream_classes); i++) {
            if (prefix_matches(stream_classes[i]->name, name, prefix_len)) {
                *classp = stream_classes[i];
                *suffixp = suffix;
                return 0;
            }
        }
    }
    return EAFNOSUPPORT;
}

static int
pstream_lookup_class(const char *name, const struct pstream_class **classp,
                     const char **suffixp)
{
    size_t prefix_len;
    const char *suffix = split_name(name, &prefix_len);
    size_t i;

    *classp = NULL;
    if (suffix) {
        for (i = 0; i < ARRAY_SIZE(pstream_classes); i++) {
            if (prefix_matches(pstream_classes[i]->name, name, prefix_len)) {
                *classp = pstream_classes[i];
                *suffixp = suffix;
                return 0;
            }
        }
    }
    return EAFNOSUPPORT;
}

/* Active streams. */

void
stream_init(struct stream *stream, const struct stream_class *class,
            int connect_status, const char *name)
{
    memset(stream, 0, sizeof *stream);
    stream->class = class;
    stream->name = xstrdup(name);
    if (!connect_status) {
        stream->state = SCS_CONNECTED;
    } else if (connect_status == EAGAIN) {
        stream->state = SCS_CONNECTING;
    } else {
        stream->state = SCS_DISCONNECTED;
        stream->error = connect_status;
    }
}

int
stream_verify_name(const char *name)
{
    const struct stream_class *class;
    const char *suffix;
    int error;

    error = stream_lookup_class(name, &class, &suffix);
    if (!error && class->verify) {
        error = class->verify(suffix);
    }
    return error;
}

int
stream_open(const char *name, struct stream **streamp, uint8_t dscp)
{
    const struct stream_class *class;
    const char *suffix;
    int error;

    *streamp = NULL;
    error = stream_lookup_class(name, &class, &suffix);
    if (!error) {
        error = class->open(name, suffix, streamp, dscp);
        if (error) {
            *streamp = NULL;
        }
    }
    return error;
}

/* Returns true if SUFFIX, the part of a "tcp:" or "ssl:" name after the
 * colon, names an address with no port. */
static bool
inet_suffix_lacks_port(const char *suffix)
{
    if (*suffix == '[') {
        const char *end = strchr(suffix, ']');

        return end && end[1] == '\0';
    }
    return !strchr(suffix, ':') || strchr(suffix, ':') != strrchr(suffix, ':');
}

int
stream_open_with_default_port(const char *name, uint16_t default_port,
                              struct stream **streamp, uint8_t dscp)
{
    char *full_name = NULL;
    int error;

    if ((!strncmp(name, "tcp:", 4) || !strncmp(name, "ssl:", 4))
        && name[4] && inet_suffix_lacks_port(name + 4)) {
        const char *addr = name + 4;

        /* A bare IPv6 address needs brackets before a port can follow. */
        full_name = (*addr != '[' && strchr(addr, ':')
                     ? xasprintf("%.4s[%s]:%u", name, addr,
                                 (unsigned int) default_port)
                     : xasprintf("%s:%u", name,
                                 (unsigned int) default_port));
    }
    error = stream_open(full_name ? full_name : name, streamp, dscp);
    free(full_name);
    return error;
}

int
stream_open_block(int error, long long int timeout_ms,
                  struct stream **streamp)
{
    struct stream *stream = *streamp;

    if (!error) {
        long long int deadline = (timeout_ms >= 0
                                  ? time_msec() + timeout_ms
                                  : LLONG_MAX);

        while ((error = stream_connect(stream)) == EAGAIN) {
            if (time_msec() >= deadline) {
                error = ETIMEDOUT;
                break;
            }
            stream_run(stream);
            stream_run_wait(stream);
            stream_connect_wait(stream);
            if (deadline != LLONG_MAX) {
                poll_timer_wait_until(deadline);
            }
            poll_block();
        }
    }
    if (error) {
        stream_close(stream);
        *streamp = NULL;
    }
    return error;
}

void
stream_close(struct stream *stream)
{
    if (stream) {
        char *name = stream->name;

        stream->class->close(stream);
        free(name);
    }
}

const char *
stream_get_name(const struct stream *stream)
{
    return stream->name;
}

int
stream_connect(struct stream *stream)
{
    int error;

    switch (stream->state) {
    case SCS_CONNECTING:
        error = stream->class->connect ? stream->class->connect(stream) : 0;
        if (!error) {
            stream->state = SCS_CONNECTED;
        } else if (error != EAGAIN) {
            stream->state = SCS_DISCONNECTED;
            stream->error = error;
        }
        return error;

    case SCS_CONNECTED:
        return 0;

    case SCS_DISCONNECTED:
        return stream->error;

    default:
        OVS_NOT_REACHED();
    }
}

ssize_t
stream_recv(struct stream *stream, void *buffer, size_t n)
{
    int error = stream_connect(stream);

    if (error) {
        return -error;
    }
    return n ? stream->class->recv(stream, buffer, n) : 0;
}

ssize_t
stream_send(struct stream *stream, const void *buffer, size_t n)
{
    int error = stream_connect(stream);

    if (error) {
        return -error;
    }
    return n ? stream->class->send(stream, buffer, n) : 0;
}

void
stream_run(struct stream *stream)
{
    if (stream->class->run) {
        stream->class->run(stream);
    }
}

void
stream_run_wait(struct stream *stream)
{
    if (stream->class->run_wait) {
        stream->class->run_wait(stream);
    }
}

void
stream_wait(struct stream *stream, enum stream_wait_type wait)
{
    ovs_assert(wait == STREAM_CONNECT || wait == STREAM_RECV
               || wait == STREAM_SEND);

    switch (stream->state) {
    case SCS_CONNECTING:
        /* Nothing can be received or sent before the connection is up. */
        if (stream->class->connect) {
            stream->class->wait(stream, STREAM_CONNECT);
        } else {
            poll_immediate_wake();
        }
        break;

    case SCS_CONNECTED:
        if (wait == STREAM_CONNECT) {
            poll_immediate_wake();
        } else {
            stream->class->wait(stream, wait);
        }
        break;

    case SCS_DISCONNECTED:
        poll_immediate_wake();
        break;

    default:
        OVS_NOT_REACHED();
    }
}

void
stream_connect_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_CONNECT);
}

void
stream_recv_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_RECV);
}

void
stream_send_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_SEND);
}

/* Passive streams. */

void
pstream_init(struct pstream *pstream, const struct pstream_class *class,
             const char *name)
{
    memset(pstream, 0, sizeof *pstream);
    pstream->class = class;
    pstream->name = xstrdup(name);
}

void
pstream_set_name(struct pstream *pstream, const char *name)
{
    free(pstream->name);
    pstream->name = xstrdup(name);
}

void
pstream_set_bound_port(struct pstream *pstream, uint16_t port)
{
    pstream->bound_port = port;
}

int
pstream_verify_name(const char *name)
{
    const struct pstream_class *class;
    const char *suffix;
    int error;

    error = pstream_lookup_class(name, &class, &suffix);
    if (!error && class->verify) {
        error = class->verify(suffix);
    }
    return error;
}

int
pstream_open(const char *name, struct pstream **pstreamp, uint8_t dscp)
{
    const struct pstream_class *class;
    const char *suffix;
    int error;

    *pstreamp = NULL;
    error = pstream_lookup_class(name, &class, &suffix);
    if (!error) {
        error = class->listen(name, suffix, pstreamp, dscp);
        if (error) {
            *pstreamp = NULL;
        }
    }
    return error;
}

int
pstream_open_with_default_port(const char *name, uint16_t default_port,
                               struct pstream **pstreamp, uint8_t dscp)
{
    char *full_name = NULL;
    int error;

    /* The port comes first in a passive name, so "ptcp:" and
     * "ptcp::1.2.3.4" lack one. */
    if ((!strncmp(name, "ptcp:", 5) || !strncmp(name, "pssl:", 5))
        && (name[5] == '\0' || name[5] == ':')) {
        full_name = xasprintf("%.5s%u%s", name, (unsigned int) default_port,
                              name + 5);
    }
    error = pstream_open(full_name ? full_name : name, pstreamp, dscp);
    free(full_name);
    return error;
}

const char *
pstream_get_name(const struct pstream *pstream)
{
    return pstream->name;
}

uint16_t
pstream_get_bound_port(const struct pstream *pstream)
{
    return pstream->bound_port;
}

int
pstream_accept(struct pstream *pstream, struct stream **streamp)
{
    int error = pstream->class->accept(pstream, streamp);

    if (error) {
        *streamp = NULL;
    }
    return error;
}

void
pstream_wait(struct pstream *pstream)
{
    pstream->class->wait(pstream);
}

void
pstream_close(struct pstream *pstream)
{
    if (pstream) {
        char *name = pstream->name;

        pstream->class->close(pstream);
        free(name);
    }
}
