/* daemon.c: see daemon.h. */
#include <config.h>
#include "daemon.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef HAVE_LIBCAPNG
#include <cap-ng.h>
#endif
#include "dirs.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "timeval.h"
#include "ovs-thread.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(daemon_unix);

/* The monitor logs about its log file as vlog itself does. */
extern struct vlog_module VLM_vlog;

static char *pidfile;               /* Full name, or NULL. */
static bool detach;
static bool chdir_ = true;
static bool overwrite_pidfile;
static bool monitor;

/* --user. */
static bool switch_user;
static bool switched;
static uid_t new_uid;
static gid_t new_gid;
static char *new_user_name;

/* The write end of the pipe to a process waiting for our startup. */
static int daemonize_fd = -1;

/* The pidfile's open, locked descriptor and identity. */
static int pidfile_fd = -1;
static dev_t pidfile_dev;
static ino_t pidfile_ino;

/* How long the monitor waits between restarts of a crashing daemon. */
#define RESTART_BACKOFF_MSEC 10000

void
daemon_set_pidfile(const char *name)
{
    free(pidfile);
    if (name && name[0]) {
        pidfile = abs_file_name(ovs_rundir(), name);
    } else {
        pidfile = xasprintf("%s/%s.pid", ovs_rundir(),
                            ovs_get_program_name());
    }
}

const char *
daemon_get_pidfile(void)
{
    return pidfile;
}

void
daemon_set_detach(bool detach_)
{
    detach = detach_;
}

bool
daemon_is_detached(void)
{
    return detach;
}

void
daemon_set_no_chdir(bool no_chdir)
{
    chdir_ = !no_chdir;
}

void
daemon_set_overwrite_pidfile(bool overwrite)
{
    overwrite_pidfile = overwrite;
}

void
daemon_set_monitor(bool monitor_)
{
    monitor = monitor_;
}

/* Prefix for --user errors: upstream names the pidfile there. */
static const char *
user_error_prefix(struct ds *s)
{
    ds_clear(s);
    if (pidfile) {
        ds_put_format(s, "%s: ", pidfile);
    }
    return ds_cstr(s);
}

static bool
user_in_group(const struct passwd *pw, const struct group *gr)
{
    char **member;

    if (pw->pw_gid == gr->gr_gid) {
        return true;
    }
    for (member = gr->gr_mem; member && *member; member++) {
        if (!strcmp(*member, pw->pw_name)) {
            return true;
        }
    }
    return false;
}

void
daemon_set_new_user(const char *spec)
{
    struct ds prefix = DS_EMPTY_INITIALIZER;
    const char *colon = strchr(spec, ':');
    char *user = colon ? xmemdup0(spec, colon - spec) : xstrdup(spec);
    char *group = colon ? xstrdup(colon + 1) : NULL;
    struct passwd *pw;
    struct group *gr;

    if (user[0]) {
        pw = getpwnam(user);
        if (!pw) {
            VLOG_FATAL("%suser %s not found, aborting.",
                       user_error_prefix(&prefix), user);
        }
    } else {
        pw = getpwuid(getuid());
        if (!pw) {
            VLOG_FATAL("%sinvalid user uid %ld, aborting.",
                       user_error_prefix(&prefix), (long) getuid());
        }
    }
    free(new_user_name);
    new_user_name = xstrdup(pw->pw_name);
    new_uid = pw->pw_uid;
    new_gid = pw->pw_gid;

    if (group && group[0]) {
        gr = getgrnam(group);
        if (!gr) {
            VLOG_FATAL("%sgroup %s not found, aborting.",
                       user_error_prefix(&prefix), group);
        }
        /* getgrnam() and getpwnam() may share a buffer: look the user up
         * again. */
        pw = getpwnam(new_user_name);
        if (!pw || !user_in_group(pw, gr)) {
            VLOG_FATAL("%sInvalid --user option %s (user %s is not in "
                       "group %s), aborting.", user_error_prefix(&prefix),
                       spec, new_user_name, group);
        }
        new_gid = gr->gr_gid;
    }

    if (getuid() && (new_uid != getuid() || new_gid != getgid())) {
        VLOG_FATAL("%sonly root can use --user option, aborting.",
                   user_error_prefix(&prefix));
    }
    switch_user = true;
    free(user);
    free(group);
    ds_destroy(&prefix);
}

void
daemon_usage(void)
{
    printf("\nDaemon options:\n"
           "  --detach                run in background as daemon\n"
           "  --monitor               creates a process to monitor this "
           "daemon\n"
           "  --user=username[:group] changes the effective daemon "
           "user:group\n"
           "  --no-chdir              do not chdir to '/'\n"
           "  --pidfile[=FILE]        create pidfile (default: %s/%s.pid)\n"
           "  --overwrite-pidfile     with --pidfile, start even if already "
           "running\n",
           ovs_rundir(), ovs_get_program_name());
}

/* Pidfiles. */

/* Reads the pid of the live process that holds pidfile NAME, as described
 * for read_pidfile(), logging a warning for each failure, except that a
 * missing file is not worth a warning when MISSING_OK. */
static pid_t
read_pidfile__(const char *name, bool missing_ok)
{
    struct stat st;
    struct flock lck;
    char buf[32];
    ssize_t n;
    long pid;
    int fd, error;

    fd = open(name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = errno;
        if (error != ENOENT || !missing_ok) {
            VLOG_WARN("%s: open: %s", name, ovs_strerror(error));
        }
        return -error;
    }

    /* Our own pidfile: fcntl() does not report our own lock. */
    if (pidfile_fd >= 0 && !fstat(fd, &st)
        && st.st_dev == pidfile_dev && st.st_ino == pidfile_ino) {
        close(fd);
        return getpid();
    }

    memset(&lck, 0, sizeof lck);
    lck.l_type = F_WRLCK;
    lck.l_whence = SEEK_SET;
    if (fcntl(fd, F_GETLK, &lck)) {
        error = errno;
        VLOG_WARN("%s: fcntl: %s", name, ovs_strerror(error));
        close(fd);
        return -error;
    }
    if (lck.l_type == F_UNLCK) {
        /* Nobody holds the lock: whoever wrote the file is gone. */
        close(fd);
        return -ESRCH;
    }

    n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    if (n <= 0 || buf[n - 1] != '\n') {
        VLOG_WARN("%s: read: %s", name,
                  n < 0 ? ovs_strerror(errno) : "parse error");
        return -EINVAL;
    }
    buf[n - 1] = '\0';
    if (!str_to_long(buf, 10, &pid) || pid <= 0) {
        VLOG_WARN("%s: parse error", name);
        return -EINVAL;
    }
    if (lck.l_pid && lck.l_pid != pid) {
        VLOG_WARN("%s: pid file is locked by %ld but contains %ld",
                  name, (long) lck.l_pid, pid);
        return -ESRCH;
    }
    return pid;
}

pid_t
read_pidfile(const char *name)
{
    return read_pidfile__(name, false);
}

static void
make_pidfile(void)
{
    char *tmpfile;
    struct flock lck;
    struct stat st;
    char buf[32];
    int fd, len;

    if (!overwrite_pidfile) {
        pid_t pid = read_pidfile__(pidfile, true);

        if (pid > 0 && pid != getpid()) {
            VLOG_FATAL("%s: already running as pid %ld, aborting",
                       pidfile, (long) pid);
        }
    }

    /* Write a temporary file and rename it into place, so that a reader
     * never sees a half-written pidfile. */
    tmpfile = xasprintf("%s.tmp", pidfile);
    fatal_signal_add_file_to_unlink(tmpfile);
    unlink(tmpfile);
    fd = open(tmpfile, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        VLOG_FATAL("%s: create failed (%s)", tmpfile, ovs_strerror(errno));
    }

    memset(&lck, 0, sizeof lck);
    lck.l_type = F_WRLCK;
    lck.l_whence = SEEK_SET;
    if (fcntl(fd, F_SETLK, &lck)) {
        VLOG_FATAL("%s: fcntl(F_SETLK) failed (%s)", tmpfile,
                   ovs_strerror(errno));
    }

    len = snprintf(buf, sizeof buf, "%ld\n", (long) getpid());
    if (write(fd, buf, len) != len) {
        VLOG_FATAL("%s: write failed (%s)", tmpfile, ovs_strerror(errno));
    }

    fatal_signal_add_file_to_unlink(pidfile);
    if (rename(tmpfile, pidfile)) {
        VLOG_FATAL("failed to rename \"%s\" to \"%s\" (%s)",
                   tmpfile, pidfile, ovs_strerror(errno));
    }
    fatal_signal_remove_file_to_unlink(tmpfile);
    free(tmpfile);

    if (fstat(fd, &st)) {
        VLOG_FATAL("%s: fstat failed (%s)", pidfile, ovs_strerror(errno));
    }
    pidfile_fd = fd;
    pidfile_dev = st.st_dev;
    pidfile_ino = st.st_ino;
}

/* Forking. */

/* Describes a wait() status like "exit status 1" or "killed (Segmentation
 * fault), core dumped".  Returns a malloc'd string. */
static char *
status_msg(int status)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    if (WIFEXITED(status)) {
        ds_put_format(&s, "exit status %d", WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
        ds_put_format(&s, "killed (%s)", strsignal(WTERMSIG(status)));
    } else if (WIFSTOPPED(status)) {
        ds_put_format(&s, "stopped (%s)", strsignal(WSTOPSIG(status)));
    } else {
        ds_put_format(&s, "terminated abnormally (%x)", status);
    }
    if (WCOREDUMP(status)) {
        ds_put_cstr(&s, ", core dumped");
    }
    return ds_steal_cstr(&s);
}

static pid_t
waitpid_retry(pid_t pid, int *status)
{
    pid_t retval;

    do {
        retval = waitpid(pid, status, 0);
    } while (retval < 0 && errno == EINTR);
    return retval;
}

/* Forks.  In the child, returns 0 and sets daemonize_fd to the pipe that
 * daemonize_complete() writes to.  In the parent, waits for that byte and
 * returns the child's pid; if the child dies first, returns -1 with its
 * wait() status in *STATUSP. */
static pid_t
fork_and_wait_for_startup(int *statusp)
{
    int fds[2];
    pid_t pid;

    if (pipe2(fds, O_CLOEXEC)) {
        VLOG_FATAL("pipe failed (%s)", ovs_strerror(errno));
    }
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0) {
        VLOG_FATAL("fork failed (%s)", ovs_strerror(errno));
    } else if (!pid) {
        /* Child. */
        close(fds[0]);
        ovs_close_fd(daemonize_fd);
        daemonize_fd = fds[1];
        return 0;
    } else {
        char c;
        ssize_t n;

        close(fds[1]);
        do {
            n = read(fds[0], &c, 1);
        } while (n < 0 && errno == EINTR);
        close(fds[0]);
        if (n != 1) {
            waitpid_retry(pid, statusp);
            return -1;
        }
        return pid;
    }
}

/* Tells the process waiting in fork_and_wait_for_startup() that we are
 * ready. */
static void
notify_parent(void)
{
    if (daemonize_fd >= 0) {
        ssize_t retval OVS_UNUSED = write(daemonize_fd, "", 1);
        close(daemonize_fd);
        daemonize_fd = -1;
    }
}

static bool save_fds[3];        /* daemon_save_fd(), by fd. */

void
daemon_save_fd(int fd)
{
    ovs_assert(fd == STDOUT_FILENO || fd == STDERR_FILENO);
    save_fds[fd] = true;
}

/* Points the standard file descriptors at /dev/null, but those that
 * daemon_save_fd() kept. */
static void
close_standard_fds(void)
{
    int fd = open("/dev/null", O_RDWR);

    if (fd >= 0) {
        int i;

        for (i = STDIN_FILENO; i <= STDERR_FILENO; i++) {
            if (!save_fds[i]) {
                dup2(fd, i);
            }
        }
        if (fd > STDERR_FILENO) {
            close(fd);
        }
    }
    /* Nobody sees the console any more. */
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_OFF);
}

/* What a detached process does once its parent has gone: leave the
 * current directory (unless --no-chdir) and the terminal. */
static void
detach_standard_fds(void)
{
    if (chdir_) {
        int retval OVS_UNUSED = chdir("/");
    }
    close_standard_fds();
}

static bool
is_crash_status(int status)
{
    if (WIFSIGNALED(status)) {
        switch (WTERMSIG(status)) {
        case SIGABRT: case SIGALRM: case SIGBUS: case SIGFPE: case SIGILL:
        case SIGPIPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ:
            return true;
        default:
            break;
        }
    }
    return false;
}

/* Runs the --monitor loop: starts the daemon and restarts it after crashes.
 * Returns only in a daemon child process. */
static void
monitor_daemon(void)
{
    long long int last_restart = LLONG_MIN;
    bool first = true;
    int crashes = 0;

    set_subprogram_name("monitor");
    prctl(PR_SET_NAME, "monitor", 0, 0, 0);
    for (;;) {
        pid_t pid;
        char *msg;
        int status = 0;

        pid = fork_and_wait_for_startup(&status);
        if (!pid) {
            /* The daemon. */
            prctl(PR_SET_NAME, ovs_get_program_name(), 0, 0, 0);
            set_subprogram_name(first ? "" : ovs_get_program_name());
            return;
        }

        if (pid > 0) {
            if (first) {
                /* The daemon is up: release whoever waits for us. */
                notify_parent();
                if (detach) {
                    detach_standard_fds();
                }
            }
            first = false;

            /* Keep the log file closed while the daemon runs, so that it
             * can be rotated. */
            vlog(&VLM_vlog, VLL_INFO, "closing log file");
            vlog_close_log_file();
            while (waitpid_retry(pid, &status) < 0) {
                if (errno == ECHILD) {
                    VLOG_FATAL("waitpid failed (%s)", ovs_strerror(errno));
                }
            }
            vlog_reopen_log_file();
        } else if (first) {
            /* The first daemon died before it was ready: give up as the
             * daemon itself would have. */
            _exit(WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILURE);
        }

        msg = status_msg(status);
        if (is_crash_status(status)) {
            long long int now = time_msec();

            crashes++;
            if (last_restart != LLONG_MIN
                && now < last_restart + RESTART_BACKOFF_MSEC) {
                long long int wait = last_restart + RESTART_BACKOFF_MSEC
                                     - now;

                VLOG_WARN("%d crashes: pid %ld died, %s, waiting until "
                          "%d seconds since last restart", crashes,
                          (long) pid, msg, RESTART_BACKOFF_MSEC / 1000);
                while (wait > 0) {
                    struct timespec ts = { wait / 1000,
                                           wait % 1000 * 1000000 };
                    nanosleep(&ts, NULL);
                    fatal_signal_run();
                    wait = last_restart + RESTART_BACKOFF_MSEC - time_msec();
                }
            }
            VLOG_ERR("%d crashes: pid %ld died, %s, restarting",
                     crashes, (long) pid, msg);
            free(msg);
            last_restart = time_msec();
        } else {
            VLOG_INFO("pid %ld died, %s, exiting", (long) pid, msg);
            free(msg);
            exit(0);
        }
    }
}

void
daemonize_start(bool access_datapath)
{
    if (detach) {
        int status = 0;
        pid_t pid = fork_and_wait_for_startup(&status);

        /* The parent leaves with _exit(): exit() would run clean-up hooks
         * (such as unlinking files) that belong to the daemon now. */
        if (pid > 0) {
            /* Parent: the daemon is ready. */
            _exit(0);
        } else if (pid < 0) {
            if (WIFEXITED(status)) {
                _exit(WEXITSTATUS(status) ? WEXITSTATUS(status) : 1);
            } else {
                char *msg = status_msg(status);
                VLOG_FATAL("fork child died before signaling startup (%s)",
                           msg);
            }
        }
        /* Child: a new session, away from the terminal. */
        setsid();
    }

    if (monitor) {
        monitor_daemon();
    }

    if (pidfile) {
        make_pidfile();
    }
    daemon_become_new_user(access_datapath);
}

void
daemonize_complete(void)
{
    notify_parent();
    if (detach) {
        detach_standard_fds();
    }
}

void
daemonize(void)
{
    daemonize_start(false);
    daemonize_complete();
}

/* --user. */

void
daemon_become_new_user(bool access_datapath)
{
    if (!switch_user || switched) {
        return;
    }
    switched = true;

    if (pidfile_fd >= 0 && fchown(pidfile_fd, new_uid, new_gid)) {
        VLOG_FATAL("%s: chown to %ld:%ld failed (%s)", pidfile,
                   (long) new_uid, (long) new_gid, ovs_strerror(errno));
    }
    vlog_change_owner(new_uid, new_gid);

    if (!getuid()) {
#ifdef HAVE_LIBCAPNG
        int ret;

        capng_clear(CAPNG_SELECT_BOTH);
        ret = capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED,
                           CAP_IPC_LOCK)
              || capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED,
                              CAP_NET_BIND_SERVICE);
        if (access_datapath) {
            ret = ret
                  || capng_update(CAPNG_ADD,
                                  CAPNG_EFFECTIVE | CAPNG_PERMITTED,
                                  CAP_NET_ADMIN)
                  || capng_update(CAPNG_ADD,
                                  CAPNG_EFFECTIVE | CAPNG_PERMITTED,
                                  CAP_NET_RAW)
                  || capng_update(CAPNG_ADD,
                                  CAPNG_EFFECTIVE | CAPNG_PERMITTED,
                                  CAP_NET_BROADCAST);
        }
        if (ret || capng_change_id(new_uid, new_gid,
                                   CAPNG_DROP_SUPP_GRP
                                   | CAPNG_CLEAR_BOUNDING)) {
            VLOG_FATAL("%s: libcap-ng fail to switch to user and group "
                       "%ld:%ld, aborting", pidfile ? pidfile : "",
                       (long) new_uid, (long) new_gid);
        }
        return;
#else
        if (access_datapath) {
            VLOG_FATAL("--user requires libcap-ng to keep the capabilities "
                       "needed to access the datapath, aborting");
        }
#endif
    }

    /* Without libcap-ng, or not root: a plain switch, which drops every
     * capability. */
    if ((!getuid() && setgroups(1, &new_gid))
        || setgid(new_gid) || setuid(new_uid)) {
        VLOG_FATAL("%s: failed to switch to user and group %ld:%ld (%s), "
                   "aborting", pidfile ? pidfile : "", (long) new_uid,
                   (long) new_gid, ovs_strerror(errno));
    }
}
