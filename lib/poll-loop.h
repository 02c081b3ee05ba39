/* poll-loop.h: the event loop every daemon and thread runs.
 *
 * A main loop is: call each module's x_run(), which does whatever work is
 * ready without blocking; call each module's x_wait(), which registers with
 * this module what would make more work ready (a file descriptor becoming
 * readable or writable, a time arriving, or "right now"); then call
 * poll_block(), which sleeps until the first of those happens and forgets
 * all registrations.  Nothing carries over from one poll_block() to the
 * next, so a module that still wants to be woken registers again on every
 * iteration.
 *
 * Registrations are per thread: each thread has its own loop. */
#ifndef POLL_LOOP_H
#define POLL_LOOP_H 1

#include <poll.h>
#include <stdbool.h>

/* Wake when FD has any of EVENTS (POLLIN, POLLOUT). */
void poll_fd_wait_at(int fd, short int events, const char *where);
#define poll_fd_wait(FD, EVENTS) \
    poll_fd_wait_at(FD, EVENTS, OVS_SOURCE_LOCATOR)

/* Wake after MSEC milliseconds (0 or less: at once). */
void poll_timer_wait_at(long long int msec, const char *where);
#define poll_timer_wait(MSEC) poll_timer_wait_at(MSEC, OVS_SOURCE_LOCATOR)

/* Wake when time_msec() reaches WHEN (LLONG_MAX: never). */
void poll_timer_wait_until_at(long long int when, const char *where);
#define poll_timer_wait_until(WHEN) \
    poll_timer_wait_until_at(WHEN, OVS_SOURCE_LOCATOR)

/* Do not sleep at all in the next poll_block(). */
void poll_immediate_wake_at(const char *where);
#define poll_immediate_wake() poll_immediate_wake_at(OVS_SOURCE_LOCATOR)

/* Sleeps until one registered event happens, then clears all
 * registrations.  Also runs fatal-signal processing, so that a daemon
 * blocked here exits cleanly on SIGTERM. */
void poll_block(void);

/* Returns false if the last poll_block() of this thread waited for FD to
 * become readable (POLLIN) and it was not, true otherwise.  A stream can
 * then skip a read that would only fail with EAGAIN: a server with many
 * idle connections saves a system call per connection and iteration.
 * Input that arrived after that poll_block() is found at the next one
 * (the caller waits for it as it would after EAGAIN), so nothing is lost,
 * only possibly delayed by one iteration. */
bool poll_fd_maybe_readable(int fd);

/* Makes poll_fd_maybe_readable() true for every descriptor until the next
 * poll_block(), for a caller that wants to read input that may have
 * arrived since. */
void poll_forget_readiness(void);

/* Where the last wakeup came from ("file:line"), for debugging. */
const char *poll_last_wakeup(void);

#endif /* poll-loop.h */
