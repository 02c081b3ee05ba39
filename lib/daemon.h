/* daemon.h: what every daemon's main() does to become a daemon.
 *
 * A daemon parses DAEMON_OPTION_HANDLERS among its options (--pidfile,
 * --overwrite-pidfile, --detach, --no-chdir, --monitor, --user), then
 * calls daemonize_start() before anything that other processes may
 * depend on, initializes itself, and calls daemonize_complete() once it
 * is ready to serve:
 *
 *   - daemonize_start() forks if --detach: the parent waits until the
 *     child calls daemonize_complete() and then exits 0, or exits with an
 *     error if the child dies first, so that "daemon --detach" returns only
 *     when the daemon works.  With --monitor a monitor process forks the
 *     daemon and restarts it after a crash (a signal such as SIGSEGV or
 *     SIGABRT), waiting until 10 seconds have passed since the previous
 *     restart; it exits when the daemon exits any other way.  Then the
 *     daemon creates the pidfile (if --pidfile) and switches to --user's
 *     user and group.
 *
 *   - daemonize_complete() releases the waiting parent and, if detached,
 *     changes directory to "/" (unless --no-chdir) and points stdin,
 *     stdout and stderr at /dev/null (console logging is turned off).
 *
 * The pidfile holds the daemon's pid and a newline.  The daemon holds an
 * exclusive fcntl() lock on it for its whole life, so a pidfile that
 * nobody has locked is stale; it is removed when the daemon exits or dies
 * from a fatal signal (through fatal-signal.h).  A second daemon with the
 * same pidfile refuses to start ("already running as pid N, aborting")
 * unless --overwrite-pidfile.
 *
 * Errors at start-up are fatal: logged at EMER, printed on stderr, and the
 * process exits with status 1.
 *
 * Thread safety: call these from the main thread before creating any
 * other thread (fork() copies only the calling thread). */
#ifndef DAEMON_H
#define DAEMON_H 1

#include <stdbool.h>
#include <sys/types.h>

#define DAEMON_OPTION_ENUMS                     \
    OPT_DETACH,                                 \
    OPT_NO_SELF_CONFINEMENT,                    \
    OPT_NO_CHDIR,                               \
    OPT_OVERWRITE_PIDFILE,                      \
    OPT_PIDFILE,                                \
    OPT_MONITOR,                                \
    OPT_USER_GROUP

#define DAEMON_LONG_OPTIONS                                              \
    {"detach",              no_argument, NULL, OPT_DETACH},             \
    {"no-self-confinement", no_argument, NULL, OPT_NO_SELF_CONFINEMENT}, \
    {"no-chdir",            no_argument, NULL, OPT_NO_CHDIR},           \
    {"pidfile",             optional_argument, NULL, OPT_PIDFILE},      \
    {"overwrite-pidfile",   no_argument, NULL, OPT_OVERWRITE_PIDFILE},  \
    {"monitor",             no_argument, NULL, OPT_MONITOR},            \
    {"user",                required_argument, NULL, OPT_USER_GROUP}

#define DAEMON_OPTION_HANDLERS                  \
    case OPT_DETACH:                            \
        daemon_set_detach(true);                \
        break;                                  \
    case OPT_NO_SELF_CONFINEMENT:               \
        break;                                  \
    case OPT_NO_CHDIR:                          \
        daemon_set_no_chdir(true);              \
        break;                                  \
    case OPT_PIDFILE:                           \
        daemon_set_pidfile(optarg);             \
        break;                                  \
    case OPT_OVERWRITE_PIDFILE:                 \
        daemon_set_overwrite_pidfile(true);     \
        break;                                  \
    case OPT_MONITOR:                           \
        daemon_set_monitor(true);               \
        break;                                  \
    case OPT_USER_GROUP:                        \
        daemon_set_new_user(optarg);            \
        break;

/* Option setters.  daemon_set_pidfile(NULL) selects the default,
 * <rundir>/<program>.pid; a relative NAME is relative to the rundir.
 * daemon_set_new_user() parses "user", "user:group" or ":group" and exits
 * with an error if they do not exist or do not match. */
void daemon_set_pidfile(const char *name);
void daemon_set_detach(bool);
void daemon_set_no_chdir(bool);
void daemon_set_overwrite_pidfile(bool);
void daemon_set_monitor(bool);
void daemon_set_new_user(const char *user_spec);

/* The pidfile's full name, or NULL without --pidfile. */
const char *daemon_get_pidfile(void);
bool daemon_is_detached(void);

/* See the top of this file.  ACCESS_DATAPATH says whether the daemon
 * keeps, after --user, the capabilities needed to manage a datapath
 * (CAP_NET_ADMIN, CAP_NET_RAW, CAP_NET_BROADCAST); every daemon keeps
 * CAP_IPC_LOCK and CAP_NET_BIND_SERVICE. */
void daemonize_start(bool access_datapath);
void daemonize_complete(void);
/* Keeps FD (STDOUT_FILENO or STDERR_FILENO) open when daemonize_complete()
 * detaches, as for "ovsdb-client --detach monitor", whose output goes on
 * to where its standard output pointed. */
void daemon_save_fd(int fd);
/* daemonize_start() then daemonize_complete(). */
void daemonize(void);

/* Switches to --user's user and group now, if --user was given:
 * supplementary groups are dropped, the pidfile and log file change owner,
 * and with libcap-ng only the capabilities above are kept.
 * daemonize_start() calls this; calling it again does nothing. */
void daemon_become_new_user(bool access_datapath);

/* Prints the "Daemon options" part of --help. */
void daemon_usage(void);

/* Returns the pid of the process that holds PIDFILE's lock and whose pid
 * it contains, or a negative errno value: -ENOENT if there is no such
 * file, -ESRCH if it is stale (nobody holds its lock), -EINVAL if it does
 * not hold a pid.  Logs why it failed (except for -ENOENT). */
pid_t read_pidfile(const char *pidfile);

#endif /* daemon.h */
