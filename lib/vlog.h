/* vlog.h: per-module logging with levels, destinations and rate limits.
 *
 * Each source file that logs names its module once, at file scope:
 *
 *     VLOG_DEFINE_THIS_MODULE(netdev_linux);
 *
 * and then logs with VLOG_ERR("...", ...), VLOG_WARN(), VLOG_INFO(),
 * VLOG_DBG() and VLOG_EMER().  A message goes to each destination (the
 * console, that is stderr; syslog; and the log file, when one is open)
 * whose level for that module is at least as verbose as the message's.
 * Every module starts at INFO for every destination.  The level check is
 * done before the message is formatted, so a disabled VLOG_DBG() costs a
 * load and a compare.
 *
 * Messages that a peer can trigger must be rate-limited:
 *
 *     static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
 *     VLOG_WARN_RL(&rl, "bad packet from %s", name);
 *
 * allows bursts of 20 messages and 5 a minute on average (a token bucket).
 * When messages were dropped, the next one let through is preceded by
 * "Dropped N log messages in last N seconds (most recently, N seconds ago)
 * due to excessive rate" at the same level.
 *
 * How a message looks is given by a pattern per destination (see
 * ovs-appctl(8) for the % escapes); the defaults match upstream Open
 * vSwitch, e.g. for the log file
 * "%D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c%T|%p|%m".
 *
 * Configuration comes from the command line (VLOG_OPTION_HANDLERS: -v,
 * --log-file, --syslog-method, --syslog-target) and at run time from the
 * unixctl commands vlog/set, vlog/list, vlog/list-pattern, vlog/reopen,
 * vlog/close, vlog/enable-rate-limit and vlog/disable-rate-limit, which
 * another module registers and implements with the functions below; the
 * strings these return are exactly the replies upstream gives.
 *
 * Memory: functions returning "char *" return a string the caller frees.
 * Modules are static objects and never freed.
 *
 * Thread safety: everything here may be called from any thread.  Output is
 * serialized by one mutex, each line is written with a single write(2)
 * (so lines from several processes appending to one file do not mix), and
 * sequence numbers (%N) are global to the process.
 *
 * Errors: functions return 0 or a positive errno value, or NULL or an
 * error message (malloc'd, no trailing newline) for the string parsers. */
#ifndef VLOG_H
#define VLOG_H 1

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>
#include "compiler.h"
#include "list.h"
#include "util.h"

/* Levels, from most to least severe.  VLL_OFF disables a destination. */
enum vlog_level {
    VLL_OFF,
    VLL_EMER,
    VLL_ERR,
    VLL_WARN,
    VLL_INFO,
    VLL_DBG,
    VLL_N_LEVELS
};

/* "OFF", "EMER", ...; NULL if LEVEL is out of range. */
const char *vlog_get_level_name(enum vlog_level level);
/* Parses a level name, case-insensitively; VLL_N_LEVELS if unknown. */
enum vlog_level vlog_get_level_val(const char *name);

/* Destinations, in the column order of vlog/list. */
enum vlog_destination {
    VLF_CONSOLE,
    VLF_SYSLOG,
    VLF_FILE,
    VLF_N_DESTINATIONS,
    VLF_ANY_DESTINATION = -1
};

/* "console", "syslog", "file"; NULL if out of range. */
const char *vlog_get_destination_name(enum vlog_destination);
/* Parses a destination name, case-insensitively ("any" gives
 * VLF_ANY_DESTINATION); VLF_N_DESTINATIONS if unknown. */
enum vlog_destination vlog_get_destination_val(const char *name);

/* A logging module.  Define one with VLOG_DEFINE_THIS_MODULE. */
struct vlog_module {
    struct ovs_list list_node;  /* In the sorted list of all modules. */
    const char *name;           /* User-visible name, e.g. "netdev". */
    int levels[VLF_N_DESTINATIONS]; /* Level of each destination. */
    int min_level;              /* Most verbose level any live destination
                                 * takes; read without a lock. */
    bool honor_rate_limits;     /* False after vlog/disable-rate-limit. */
};

#define VLOG_MODULE_INITIALIZER(NAME)                                   \
    {                                                                   \
        OVS_LIST_INITIALIZER(NULL), NAME,                               \
        { VLL_INFO, VLL_INFO, VLL_INFO }, VLL_INFO, true                \
    }

/* Defines the module for the logging calls in this file.  MODULE must be a
 * C identifier, unique across the program (a duplicate fails to link). */
#define VLOG_DEFINE_THIS_MODULE(MODULE)                                 \
    struct vlog_module VLM_##MODULE = VLOG_MODULE_INITIALIZER(#MODULE); \
    OVS_CONSTRUCTOR(vlog_init_module_##MODULE) {                        \
        vlog_insert_module(&VLM_##MODULE);                              \
    }                                                                   \
    static struct vlog_module *const THIS_MODULE = &VLM_##MODULE

/* Registers MODULE (the constructor above does it). */
void vlog_insert_module(struct vlog_module *module);

const char *vlog_get_module_name(const struct vlog_module *);
/* Looks a module up by name, case-insensitively; NULL if there is none. */
struct vlog_module *vlog_module_from_name(const char *name);

/* Levels. */
enum vlog_level vlog_get_level(const struct vlog_module *,
                               enum vlog_destination);
/* Sets the level of MODULE (NULL: every module) for DESTINATION
 * (VLF_ANY_DESTINATION: every destination). */
void vlog_set_levels(struct vlog_module *, enum vlog_destination,
                     enum vlog_level);

/* Parses and applies a vlog/set (or -v) specification: words separated by
 * spaces, commas or colons naming at most one module, destination and
 * level ("any" is ignored; a missing level means "dbg"), or
 * "PATTERN:<destination>:<pattern>", or "FACILITY:<facility>".  Returns
 * NULL on success, otherwise the error message upstream gives, such as
 * 'no destination, level, or module "foo"', and changes nothing. */
char *vlog_set_levels_from_string(const char *) OVS_WARN_UNUSED_RESULT;
/* Like vlog_set_levels_from_string() but aborts on error (for constant
 * strings in code). */
void vlog_set_levels_from_string_assert(const char *);

/* The reply of vlog/list: a table of every module's levels. */
char *vlog_get_levels(void);
/* The reply of vlog/list-pattern. */
char *vlog_get_patterns(void);

/* Sets DESTINATION's pattern (VLF_ANY_DESTINATION: all of them). */
void vlog_set_pattern(enum vlog_destination, const char *pattern);

/* Is a message of LEVEL from MODULE written anywhere? */
static inline bool
vlog_is_enabled(const struct vlog_module *module, enum vlog_level level)
{
    return __atomic_load_n(&module->min_level, __ATOMIC_RELAXED) >= level;
}

/* -v and --verbose: ARG is a specification for
 * vlog_set_levels_from_string(), or NULL for "everything at dbg".  Exits
 * with an error message if ARG is invalid. */
void vlog_set_verbosity(const char *arg);

/* The log file.
 *
 * vlog_set_log_file() opens FILE_NAME (NULL: <logdir>/<program>.log) for
 * appending, closing any file opened before, and logs "opened log file
 * NAME".  If FILE_NAME names the file already open, it does nothing.
 * Returns 0 or an errno value (after logging the failure).
 *
 * vlog_reopen_log_file() reopens the configured file by name, so that
 * logging continues in a new file after the old one was renamed away (log
 * rotation); it does nothing if the file under that name is the one open.
 * Returns 0 if no log file is configured.
 *
 * vlog_close_log_file() closes the file but remembers its name, so that
 * vlog/reopen opens it again.
 *
 * The vlog/reopen command replies with the error "Logging to file not
 * configured" when vlog_log_file_configured() is false. */
int vlog_set_log_file(const char *file_name);
int vlog_reopen_log_file(void);
void vlog_close_log_file(void);
bool vlog_log_file_configured(void);
/* Changes the owner of the open log file (for --user). */
int vlog_change_owner(uid_t, gid_t);

/* Syslog.  METHOD is "libc", "unix:FILE", "udp:IP:PORT" or "null"; the
 * default comes from $OVS_SYSLOG_METHOD, else "libc".  An invalid METHOD
 * is a fatal error.  TARGET ("IP:PORT") additionally sends every syslog
 * message to that UDP port. */
void vlog_set_syslog_method(const char *method);
void vlog_set_syslog_target(const char *target);

/* Rate limiting can be turned off per module (NULL: every module), e.g.
 * while debugging. */
void vlog_enable_rate_limit(struct vlog_module *);
void vlog_disable_rate_limit(struct vlog_module *);
/* For vlog/enable-rate-limit and vlog/disable-rate-limit: ARGV holds
 * module names ("any", or no names at all, means every module).  Returns
 * NULL or the error "unknown module", in which case nothing changed. */
char *vlog_set_rate_limits_from_args(int argc, const char *const argv[],
                                     bool enable) OVS_WARN_UNUSED_RESULT;

/* Prints the "Logging options" part of --help. */
void vlog_usage(void);

/* Logging functions; prefer the macros below, which check the level
 * first. */
void vlog(const struct vlog_module *, enum vlog_level, const char *format,
          ...) OVS_PRINTF_FORMAT(3, 4);
void vlog_valist(const struct vlog_module *, enum vlog_level,
                 const char *format, va_list) OVS_PRINTF_FORMAT(3, 0);
/* Logs at EMER (to syslog and the log file), prints the message on stderr
 * as "program: message" and exits with status 1. */
void vlog_fatal(const struct vlog_module *, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_NO_RETURN;
void vlog_fatal_valist(const struct vlog_module *, const char *format,
                       va_list) OVS_PRINTF_FORMAT(2, 0) OVS_NO_RETURN;

/* A token bucket for rate limiting.  Initialize with
 * VLOG_RATE_LIMIT_INIT(RATE, BURST): RATE messages per minute on average,
 * at most BURST at once. */
struct vlog_rate_limit {
    unsigned int rate;              /* Tokens added per millisecond. */
    unsigned long long int max_tokens;
    unsigned long long int tokens;
    long long int last_fill;        /* time_msec() of last refill, or
                                     * LLONG_MIN before first use. */
    time_t first_dropped;           /* time_now() of first drop. */
    time_t last_dropped;            /* time_now() of latest drop. */
    unsigned int n_dropped;         /* Dropped since last message. */
    pthread_mutex_t mutex;
};

/* Tokens one message costs: with RATE tokens a millisecond, RATE messages
 * a minute get through. */
#define VLOG_MSG_TOKENS (60 * 1000)

#define VLOG_RATE_LIMIT_INIT(RATE, BURST)                               \
    {                                                                   \
        (RATE) > 0 ? (RATE) : 1,                                        \
        (unsigned long long int) ((BURST) > 0 ? (BURST) : 1)            \
        * VLOG_MSG_TOKENS,                                              \
        0, LLONG_MIN, 0, 0, 0, PTHREAD_MUTEX_INITIALIZER                \
    }

/* Should a message at LEVEL limited by RL be dropped?  Counts a drop, or
 * logs the "Dropped ..." summary when letting one through after drops. */
bool vlog_should_drop(const struct vlog_module *, enum vlog_level,
                      struct vlog_rate_limit *);
void vlog_rate_limit(const struct vlog_module *, enum vlog_level,
                     struct vlog_rate_limit *, const char *, ...)
    OVS_PRINTF_FORMAT(4, 5);

/* The macros.  All evaluate their arguments only if the message is
 * enabled. */
#define VLOG(LEVEL, ...)                                                \
    do {                                                                \
        enum vlog_level level__ = LEVEL;                                \
        if (vlog_is_enabled(THIS_MODULE, level__)) {                    \
            vlog(THIS_MODULE, level__, __VA_ARGS__);                    \
        }                                                               \
    } while (0)
#define VLOG_EMER(...) VLOG(VLL_EMER, __VA_ARGS__)
#define VLOG_ERR(...) VLOG(VLL_ERR, __VA_ARGS__)
#define VLOG_WARN(...) VLOG(VLL_WARN, __VA_ARGS__)
#define VLOG_INFO(...) VLOG(VLL_INFO, __VA_ARGS__)
#define VLOG_DBG(...) VLOG(VLL_DBG, __VA_ARGS__)

#define VLOG_RL(RL, LEVEL, ...)                                         \
    do {                                                                \
        enum vlog_level level__ = LEVEL;                                \
        if (vlog_is_enabled(THIS_MODULE, level__)) {                    \
            vlog_rate_limit(THIS_MODULE, level__, RL, __VA_ARGS__);     \
        }                                                               \
    } while (0)
#define VLOG_EMER_RL(RL, ...) VLOG_RL(RL, VLL_EMER, __VA_ARGS__)
#define VLOG_ERR_RL(RL, ...) VLOG_RL(RL, VLL_ERR, __VA_ARGS__)
#define VLOG_WARN_RL(RL, ...) VLOG_RL(RL, VLL_WARN, __VA_ARGS__)
#define VLOG_INFO_RL(RL, ...) VLOG_RL(RL, VLL_INFO, __VA_ARGS__)
#define VLOG_DBG_RL(RL, ...) VLOG_RL(RL, VLL_DBG, __VA_ARGS__)

/* Logs at most once per process, the first time the level is enabled. */
#define VLOG_ONCE(LEVEL, ...)                                           \
    do {                                                                \
        static bool done__;                                             \
        enum vlog_level level__ = LEVEL;                                \
        if (vlog_is_enabled(THIS_MODULE, level__)                       \
            && !__atomic_exchange_n(&done__, true, __ATOMIC_RELAXED)) { \
            vlog(THIS_MODULE, level__, __VA_ARGS__);                    \
        }                                                               \
    } while (0)
#define VLOG_EMER_ONCE(...) VLOG_ONCE(VLL_EMER, __VA_ARGS__)
#define VLOG_ERR_ONCE(...) VLOG_ONCE(VLL_ERR, __VA_ARGS__)
#define VLOG_WARN_ONCE(...) VLOG_ONCE(VLL_WARN, __VA_ARGS__)
#define VLOG_INFO_ONCE(...) VLOG_ONCE(VLL_INFO, __VA_ARGS__)
#define VLOG_DBG_ONCE(...) VLOG_ONCE(VLL_DBG, __VA_ARGS__)

#define VLOG_FATAL(...) vlog_fatal(THIS_MODULE, __VA_ARGS__)

#define VLOG_IS_EMER_ENABLED() vlog_is_enabled(THIS_MODULE, VLL_EMER)
#define VLOG_IS_ERR_ENABLED() vlog_is_enabled(THIS_MODULE, VLL_ERR)
#define VLOG_IS_WARN_ENABLED() vlog_is_enabled(THIS_MODULE, VLL_WARN)
#define VLOG_IS_INFO_ENABLED() vlog_is_enabled(THIS_MODULE, VLL_INFO)
#define VLOG_IS_DBG_ENABLED() vlog_is_enabled(THIS_MODULE, VLL_DBG)

/* True if a rate-limited message would be dropped; for skipping expensive
 * work whose only purpose is a log message. */
#define VLOG_DROP_EMER(RL) vlog_should_drop(THIS_MODULE, VLL_EMER, RL)
#define VLOG_DROP_ERR(RL) vlog_should_drop(THIS_MODULE, VLL_ERR, RL)
#define VLOG_DROP_WARN(RL) vlog_should_drop(THIS_MODULE, VLL_WARN, RL)
#define VLOG_DROP_INFO(RL) vlog_should_drop(THIS_MODULE, VLL_INFO, RL)
#define VLOG_DROP_DBG(RL) vlog_should_drop(THIS_MODULE, VLL_DBG, RL)

/* Command-line options, for getopt_long() users.  Put VLOG_OPTION_ENUMS in
 * the option enum, VLOG_LONG_OPTIONS in the struct option array, "v::" in
 * the short options, and VLOG_OPTION_HANDLERS in the switch. */
#define VLOG_OPTION_ENUMS                       \
    OPT_LOG_FILE,                               \
    OPT_SYSLOG_IMPL,                            \
    OPT_SYSLOG_TARGET

#define VLOG_LONG_OPTIONS                                               \
    {"verbose", optional_argument, NULL, 'v'},                          \
    {"log-file", optional_argument, NULL, OPT_LOG_FILE},                \
    {"syslog-method", required_argument, NULL, OPT_SYSLOG_IMPL},        \
    {"syslog-target", required_argument, NULL, OPT_SYSLOG_TARGET}

#define VLOG_OPTION_HANDLERS                    \
    case 'v':                                   \
        vlog_set_verbosity(optarg);             \
        break;                                  \
    case OPT_LOG_FILE:                          \
        if (vlog_set_log_file(optarg)) {        \
            exit(EXIT_FAILURE);                 \
        }                                       \
        break;                                  \
    case OPT_SYSLOG_IMPL:                       \
        vlog_set_syslog_method(optarg);         \
        break;                                  \
    case OPT_SYSLOG_TARGET:                     \
        vlog_set_syslog_target(optarg);         \
        break;

#endif /* vlog.h */
