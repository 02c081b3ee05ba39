/* latch.c: see latch.h. */
#include <config.h>
#include "latch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include "poll-loop.h"

void
latch_init(struct latch *latch)
{
    if (pipe2(latch->fds, O_NONBLOCK | O_CLOEXEC)) {
        ovs_fatal(errno, "latch: pipe creation failed");
    }
}

void
latch_destroy(struct latch *latch)
{
    close(latch->fds[0]);
    close(latch->fds[1]);
}

bool
latch_poll(struct latch *latch)
{
    char buf[64];
    bool was_set = false;

    for (;;) {
        ssize_t n = read(latch->fds[0], buf, sizeof buf);
        if (n > 0) {
            was_set = true;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            break;
        }
    }
    return was_set;
}

void
latch_set(struct latch *latch)
{
    ssize_t n;

    /* EAGAIN means the pipe is full: the latch is set already. */
    do {
        n = write(latch->fds[1], "", 1);
    } while (n < 0 && errno == EINTR);
}

bool
latch_is_set(const struct latch *latch)
{
    struct pollfd pfd;
    int retval;

    pfd.fd = latch->fds[0];
    pfd.events = POLLIN;
    do {
        retval = poll(&pfd, 1, 0);
    } while (retval < 0 && errno == EINTR);
    return retval > 0 && (pfd.revents & POLLIN);
}

void
latch_wait_at(const struct latch *latch, const char *where)
{
    poll_fd_wait_at(latch->fds[0], POLLIN, where);
}
