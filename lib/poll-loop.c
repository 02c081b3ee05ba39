/* poll-loop.c: see poll-loop.h. */
#include <config.h>
#include "poll-loop.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "coverage.h"
#include "fatal-signal.h"
#include "timeval.h"
#include "util.h"

/* One thread's registrations. */
struct poll_loop {
    struct pollfd *fds;         /* Descriptors to wait on. */
    const char **wheres;        /* Who registered each of 'fds'. */
    size_t n_fds, allocated;
    long long int timeout_when; /* Earliest timer, or LLONG_MAX. */
    const char *timeout_where;  /* Who registered 'timeout_when'. */
    const char *last_wakeup;    /* Reported by poll_last_wakeup(). */

    /* The descriptors that the last poll_block() waited on for input and
     * found not readable: a bitmap indexed by descriptor, 'n_bits' long
     * (see poll_fd_maybe_readable()). */
    unsigned long *not_readable;
    size_t n_bits;
};

COVERAGE_DEFINE(poll_create_node);
COVERAGE_DEFINE(poll_zero_timeout);

static __thread struct poll_loop *thread_loop;

static void
free_loop(void *loop_)
{
    struct poll_loop *loop = loop_;

    free(loop->fds);
    free(loop->wheres);
    free(loop->not_readable);
    free(loop);
}

static pthread_key_t loop_key;     /* Frees a thread's loop at its exit. */
static pthread_once_t loop_key_once = PTHREAD_ONCE_INIT;

static void
make_loop_key(void)
{
    pthread_key_create(&loop_key, free_loop);
}

static struct poll_loop *
poll_loop(void)
{
    if (!thread_loop) {
        pthread_once(&loop_key_once, make_loop_key);
        thread_loop = xzalloc(sizeof *thread_loop);
        thread_loop->timeout_when = LLONG_MAX;
        thread_loop->last_wakeup = "";
        pthread_setspecific(loop_key, thread_loop);
    }
    return thread_loop;
}

void
poll_fd_wait_at(int fd, short int events, const char *where)
{
    struct poll_loop *loop = poll_loop();
    size_t i;

    for (i = 0; i < loop->n_fds; i++) {
        if (loop->fds[i].fd == fd) {
            loop->fds[i].events |= events;
            return;
        }
    }
    if (loop->n_fds >= loop->allocated) {
        size_t n = loop->allocated;
        loop->fds = x2nrealloc(loop->fds, &n, sizeof *loop->fds);
        loop->wheres = xrealloc(loop->wheres, n * sizeof *loop->wheres);
        loop->allocated = n;
    }
    COVERAGE_INC(poll_create_node);
    loop->fds[loop->n_fds].fd = fd;
    loop->fds[loop->n_fds].events = events;
    loop->fds[loop->n_fds].revents = 0;
    loop->wheres[loop->n_fds] = where;
    loop->n_fds++;
}

void
poll_timer_wait_until_at(long long int when, const char *where)
{
    struct poll_loop *loop = poll_loop();

    if (when < loop->timeout_when) {
        loop->timeout_when = when;
        loop->timeout_where = where;
    }
}

void
poll_timer_wait_at(long long int msec, const char *where)
{
    long long int now = time_msec();
    long long int when;

    if (msec <= 0) {
        when = now;
    } else if (now > LLONG_MAX - msec) {
        when = LLONG_MAX;
    } else {
        when = now + msec;
    }
    poll_timer_wait_until_at(when, where);
}

void
poll_immediate_wake_at(const char *where)
{
    poll_timer_wait_until_at(LLONG_MIN, where);
}

#define LONG_BITS (sizeof(unsigned long) * CHAR_BIT)

static void
forget_readiness(struct poll_loop *loop)
{
    if (loop->n_bits) {
        memset(loop->not_readable, 0, loop->n_bits / CHAR_BIT);
    }
}

/* Notes which descriptors the poll() that returned RETVAL found without
 * input although it waited for input. */
static void
record_readiness(struct poll_loop *loop, int retval)
{
    size_t i;

    forget_readiness(loop);
    if (retval < 0) {
        return;
    }
    for (i = 0; i < loop->n_fds; i++) {
        const struct pollfd *pfd = &loop->fds[i];

        if (pfd->fd >= 0 && pfd->events & POLLIN && !pfd->revents) {
            size_t fd = pfd->fd;

            if (fd >= loop->n_bits) {
                size_t n_bits = MAX(fd + 1, 2 * loop->n_bits);

                n_bits = ROUND_UP(MAX(n_bits, 1024), LONG_BITS);
                loop->not_readable = xrealloc(loop->not_readable,
                                              n_bits / CHAR_BIT);
                memset((char *) loop->not_readable + loop->n_bits / CHAR_BIT,
                       0, (n_bits - loop->n_bits) / CHAR_BIT);
                loop->n_bits = n_bits;
            }
            loop->not_readable[fd / LONG_BITS] |= 1UL << (fd % LONG_BITS);
        }
    }
}

bool
poll_fd_maybe_readable(int fd)
{
    struct poll_loop *loop = poll_loop();
    size_t u = fd;

    return (fd < 0 || u >= loop->n_bits
            || !(loop->not_readable[u / LONG_BITS]
                 & (1UL << (u % LONG_BITS))));
}

void
poll_forget_readiness(void)
{
    forget_readiness(poll_loop());
}

void
poll_block(void)
{
    struct poll_loop *loop = poll_loop();
    long long int timeout;
    int retval;

    /* Let a pending fatal signal end the process before we sleep, and wake
     * up if one arrives while we sleep. */
    fatal_signal_run();
    fatal_signal_wait();

    if (loop->timeout_when == LLONG_MAX) {
        timeout = -1;
    } else {
        long long int now = time_msec();
        timeout = (loop->timeout_when <= now ? 0
                   : MIN(loop->timeout_when - now, INT_MAX));
        if (!timeout) {
            COVERAGE_INC(poll_zero_timeout);
        }
    }

    do {
        retval = poll(loop->fds, loop->n_fds, timeout);
    } while (retval < 0 && errno == EINTR && timeout < 0
             && !fatal_signal_pending());

    if (retval == 0) {
        loop->last_wakeup = loop->timeout_where ? loop->timeout_where : "";
    } else if (retval > 0) {
        size_t i;

        for (i = 0; i < loop->n_fds; i++) {
            if (loop->fds[i].revents) {
                loop->last_wakeup = loop->wheres[i];
                break;
            }
        }
    }

    record_readiness(loop, retval);
    loop->n_fds = 0;
    loop->timeout_when = LLONG_MAX;
    loop->timeout_where = NULL;

    fatal_signal_run();
}

const char *
poll_last_wakeup(void)
{
    return poll_loop()->last_wakeup;
}
