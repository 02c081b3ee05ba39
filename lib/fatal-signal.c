/* fatal-signal.c: see fatal-signal.h. */
#include <config.h>
#include "fatal-signal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "poll-loop.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(fatal_signal);

static const int fatal_signals[] = { SIGTERM, SIGINT, SIGHUP, SIGALRM };

struct hook {
    void (*hook_cb)(void *aux);
    void (*cancel_cb)(void *aux);
    void *aux;
    bool run_at_exit;
};

#define MAX_HOOKS 32
static struct hook hooks[MAX_HOOKS];
static size_t n_hooks;

/* Files to unlink, as a simple array: there are only ever a few. */
static char **files;
static size_t n_files, allocated_files;

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t stored_sig_nr;
static int signal_fds[2] = { -1, -1 };
static bool inited;

static void fatal_signal_atexit_handler(void);
static void call_hooks(int sig_nr);
static void unlink_files(void *aux);

static void
fatal_signal_handler(int sig_nr)
{
    ssize_t retval OVS_UNUSED;

    retval = write(signal_fds[1], "", 1);
    stored_sig_nr = sig_nr;
}

void
fatal_signal_init(void)
{
    size_t i;

    if (inited) {
        return;
    }
    inited = true;

    if (pipe2(signal_fds, O_NONBLOCK | O_CLOEXEC)) {
        ovs_fatal(errno, "could not create pipe");
    }

    for (i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
        int sig_nr = fatal_signals[i];
        struct sigaction old_sa;

        if (sigaction(sig_nr, NULL, &old_sa)) {
            ovs_fatal(errno, "sigaction");
        }
        /* Leave alone a signal the parent told us to ignore (nohup). */
        if (old_sa.sa_handler == SIG_DFL) {
            struct sigaction sa;

            memset(&sa, 0, sizeof sa);
            sa.sa_handler = fatal_signal_handler;
            sigemptyset(&sa.sa_mask);
            sa.sa_flags = SA_RESTART;
            if (sigaction(sig_nr, &sa, NULL)) {
                ovs_fatal(errno, "sigaction");
            }
        }
    }
    atexit(fatal_signal_atexit_handler);
    fatal_signal_add_hook(unlink_files, NULL, NULL, true);
}

void
fatal_signal_add_hook(void (*hook_cb)(void *aux),
                      void (*cancel_cb)(void *aux), void *aux,
                      bool run_at_exit)
{
    fatal_signal_init();

    pthread_mutex_lock(&mutex);
    ovs_assert(n_hooks < MAX_HOOKS);
    hooks[n_hooks].hook_cb = hook_cb;
    hooks[n_hooks].cancel_cb = cancel_cb;
    hooks[n_hooks].aux = aux;
    hooks[n_hooks].run_at_exit = run_at_exit;
    n_hooks++;
    pthread_mutex_unlock(&mutex);
}

bool
fatal_signal_pending(void)
{
    return stored_sig_nr != 0;
}

void
fatal_signal_run(void)
{
    int sig_nr = stored_sig_nr;

    if (sig_nr) {
        fatal_signal_init();

        VLOG_WARN("terminating with signal %d (%s)",
                  sig_nr, strsignal(sig_nr));

        pthread_mutex_lock(&mutex);
        call_hooks(sig_nr);
        pthread_mutex_unlock(&mutex);

        /* Die by the signal, with its default action. */
        signal(sig_nr, SIG_DFL);
        raise(sig_nr);
        /* Not reached for fatal signals; be sure anyway. */
        exit(EXIT_FAILURE);
    }
}

void
fatal_signal_wait(void)
{
    fatal_signal_init();
    poll_fd_wait(signal_fds[0], POLLIN);
}

static void
fatal_signal_atexit_handler(void)
{
    call_hooks(0);
}

/* Runs the hooks, newest first, each at most once. */
static void
call_hooks(int sig_nr)
{
    static volatile sig_atomic_t recurse = 0;

    if (!recurse) {
        size_t i;

        recurse = 1;
        for (i = n_hooks; i-- > 0; ) {
            struct hook *h = &hooks[i];
            if (sig_nr || h->run_at_exit) {
                h->hook_cb(h->aux);
            }
        }
    }
}

static void
unlink_files(void *aux OVS_UNUSED)
{
    size_t i;

    for (i = 0; i < n_files; i++) {
        unlink(files[i]);
    }
}

static size_t
find_file(const char *file)
{
    size_t i;

    for (i = 0; i < n_files; i++) {
        if (!strcmp(files[i], file)) {
            return i;
        }
    }
    return SIZE_MAX;
}

void
fatal_signal_add_file_to_unlink(const char *file)
{
    fatal_signal_init();

    pthread_mutex_lock(&mutex);
    if (find_file(file) == SIZE_MAX) {
        if (n_files >= allocated_files) {
            files = x2nrealloc(files, &allocated_files, sizeof *files);
        }
        files[n_files++] = xstrdup(file);
    }
    pthread_mutex_unlock(&mutex);
}

void
fatal_signal_remove_file_to_unlink(const char *file)
{
    size_t i;

    fatal_signal_init();

    pthread_mutex_lock(&mutex);
    i = find_file(file);
    if (i != SIZE_MAX) {
        free(files[i]);
        files[i] = files[--n_files];
    }
    if (!n_files) {
        free(files);
        files = NULL;
        allocated_files = 0;
    }
    pthread_mutex_unlock(&mutex);
}

int
fatal_signal_unlink_file_now(const char *file)
{
    int error = unlink(file) ? errno : 0;

    fatal_signal_remove_file_to_unlink(file);
    return error;
}

void
fatal_signal_fork(void)
{
    size_t i;

    fatal_signal_init();

    for (i = 0; i < n_hooks; i++) {
        if (hooks[i].cancel_cb) {
            hooks[i].cancel_cb(hooks[i].aux);
        }
    }
    /* Keep only the file-unlinking hook, with an empty list of files. */
    n_hooks = 1;
    for (i = 0; i < n_files; i++) {
        free(files[i]);
    }
    n_files = 0;

    /* A signal the parent got before forking is not the child's. */
    if (stored_sig_nr) {
        stored_sig_nr = 0;
    }
}

void
fatal_ignore_sigpipe(void)
{
    signal(SIGPIPE, SIG_IGN);
}
