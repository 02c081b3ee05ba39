/* latch.h: a flag that one thread sets to wake another's poll loop.
 *
 * A latch is a pipe: latch_set() writes a byte, which makes the read end
 * readable, so a thread blocked in poll_block() after latch_wait() wakes
 * up.  latch_poll() reads everything back and reports whether the latch was
 * set, clearing it.  Setting an already set latch is harmless.
 *
 * Thread safety: any thread may call latch_set() and latch_is_set(); one
 * thread (the one being woken) calls latch_poll() and latch_wait().
 * latch_init() and latch_destroy() must not race with anything. */
#ifndef LATCH_H
#define LATCH_H 1

#include <stdbool.h>
#include "util.h"

struct latch {
    int fds[2];                 /* Pipe: [0] read end, [1] write end. */
};

/* Creates the pipe; aborts if that fails (no fds: nothing can work). */
void latch_init(struct latch *);
void latch_destroy(struct latch *);

/* Clears the latch and returns whether it was set. */
bool latch_poll(struct latch *);
void latch_set(struct latch *);
bool latch_is_set(const struct latch *);

/* Makes the next poll_block() wake when the latch is set (at once if it is
 * already set). */
void latch_wait_at(const struct latch *, const char *where);
#define latch_wait(LATCH) latch_wait_at(LATCH, OVS_SOURCE_LOCATOR)

#endif /* latch.h */
