/* fatal-signal.h: clean-up on SIGTERM, SIGINT, SIGHUP, SIGALRM and exit().
 *
 * Daemons register hooks (and files to unlink, such as pidfiles and unix
 * sockets) here.  A fatal signal does not run hooks inside the signal
 * handler: the handler only records the signal and wakes the poll loop;
 * the next fatal_signal_run() (poll_block() calls it) logs "terminating
 * with signal N (NAME)" as a warning, runs the hooks in
 * reverse order of registration and then re-raises the signal with its
 * default action, so the process dies "by the signal" as its parent
 * expects.  Hooks registered with RUN_AT_EXIT also run from exit().
 *
 * Registration is thread-safe; hooks run in whichever thread calls
 * fatal_signal_run(), normally the main thread. */
#ifndef FATAL_SIGNAL_H
#define FATAL_SIGNAL_H 1

#include <stdbool.h>

/* Installs the signal handlers.  Idempotent; called implicitly by every
 * other function here. */
void fatal_signal_init(void);

/* HOOK_CB(AUX) runs on a fatal signal, and at exit() if RUN_AT_EXIT.
 * CANCEL_CB(AUX), if nonnull, runs instead in a child after
 * fatal_signal_fork(), to release what the hook would have cleaned up. */
void fatal_signal_add_hook(void (*hook_cb)(void *aux),
                           void (*cancel_cb)(void *aux), void *aux,
                           bool run_at_exit);

/* Makes FILE be unlinked at a fatal signal or exit(). */
void fatal_signal_add_file_to_unlink(const char *file);
/* Forgets FILE without unlinking it. */
void fatal_signal_remove_file_to_unlink(const char *file);
/* Unlinks FILE now and forgets it; returns 0 or a positive errno. */
int fatal_signal_unlink_file_now(const char *file);

/* Runs the hooks and dies if a fatal signal has arrived. */
void fatal_signal_run(void);
/* Makes poll_block() wake when a fatal signal arrives. */
void fatal_signal_wait(void);
/* True if a fatal signal arrived and fatal_signal_run() has not yet run. */
bool fatal_signal_pending(void);

/* In a child after fork(): drops all hooks (calling their CANCEL_CB) so that
 * the child does not remove its parent's files. */
void fatal_signal_fork(void);

/* Ignores SIGPIPE, so that writing to a closed socket returns EPIPE. */
void fatal_ignore_sigpipe(void);

#endif /* fatal-signal.h */
