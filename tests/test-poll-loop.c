/* Unit tests for lib/poll-loop.h, lib/timeval.h and lib/fatal-signal.h. */
#include <config.h>
#include "poll-loop.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "fatal-signal.h"
#include "ovstest.h"
#include "timeval.h"
#include "util.h"

static void
test_poll_timer(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    long long int start = time_msec();
    long long int elapsed;

    poll_timer_wait(50);
    poll_timer_wait(1000);      /* The earliest timer wins. */
    poll_block();
    elapsed = time_msec() - start;
    CHECK(elapsed >= 50 && elapsed < 900);

    /* Immediate wake does not sleep. */
    start = time_msec();
    poll_timer_wait(1000);
    poll_immediate_wake();
    poll_block();
    CHECK(time_msec() - start < 500);
}
OVSTEST_REGISTER("poll-loop/timer", test_poll_timer);

static void
test_poll_fd(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    long long int start;
    int fds[2];

    CHECK(!pipe(fds));

    /* Not readable: the timer wakes us. */
    start = time_msec();
    poll_fd_wait(fds[0], POLLIN);
    poll_timer_wait(30);
    poll_block();
    CHECK(time_msec() - start >= 30);

    /* Readable: no waiting for the long timer. */
    CHECK(write(fds[1], "x", 1) == 1);
    start = time_msec();
    poll_fd_wait(fds[0], POLLIN);
    poll_timer_wait(5000);
    poll_block();
    CHECK(time_msec() - start < 2000);
    CHECK(strstr(poll_last_wakeup(), "test-poll-loop.c") != NULL);
    close(fds[0]);
    close(fds[1]);
}
OVSTEST_REGISTER("poll-loop/fd", test_poll_fd);

static void
test_timeval(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    long long int a = time_msec();
    long long int wall = time_wall_msec();

    CHECK(wall > 1600000000000LL);          /* After 2020. */
    time_warp(10000);
    CHECK(time_msec() - a >= 10000);
    CHECK_INT(time_warp_total(), 10000);
    CHECK(time_wall_msec() - wall < 5000);  /* Warp is monotonic only. */
    CHECK(time_cpu_msec() >= 0);
}
OVSTEST_REGISTER("timeval/basics", test_timeval);

static char *hook_file;

static void
write_marker(void *aux)
{
    FILE *f = fopen(hook_file, "a");

    if (f) {
        fprintf(f, "%s\n", (const char *) aux);
        fclose(f);
    }
}

/* A child blocked in poll_block() gets SIGTERM: its hooks run newest first,
 * its registered file is unlinked and it dies by the signal. */
static void
test_fatal_signal(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char dir[] = "/tmp/fatal-signal-XXXXXX";
    char *unlink_me;
    FILE *f;
    pid_t pid;
    int status;
    char line[64];

    CHECK(mkdtemp(dir) != NULL);
    hook_file = xasprintf("%s/hooks", dir);
    unlink_me = xasprintf("%s/pidfile", dir);
    f = fopen(unlink_me, "w");
    CHECK(f != NULL);
    fclose(f);

    pid = fork();
    CHECK(pid >= 0);
    if (!pid) {
        fatal_signal_add_hook(write_marker, NULL, "first", false);
        fatal_signal_add_hook(write_marker, NULL, "second", false);
        fatal_signal_add_file_to_unlink(unlink_me);
        for (;;) {
            poll_timer_wait(10000);
            poll_block();
        }
    }
    usleep(200 * 1000);
    CHECK(!kill(pid, SIGTERM));
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    CHECK(access(unlink_me, F_OK) != 0);

    f = fopen(hook_file, "r");
    CHECK(f != NULL);
    CHECK(fgets(line, sizeof line, f) && !strcmp(line, "second\n"));
    CHECK(fgets(line, sizeof line, f) && !strcmp(line, "first\n"));
    fclose(f);

    unlink(hook_file);
    rmdir(dir);
    free(hook_file);
    free(unlink_me);
}
OVSTEST_REGISTER("fatal-signal/hooks-and-files", test_fatal_signal);
