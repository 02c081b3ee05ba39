/* vlog.c: see vlog.h. */
#include <config.h>
#include "vlog.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>
#include "dirs.h"
#include "dynamic-string.h"
#include "ovs-thread.h"
#include "timeval.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(vlog);

static const char *const level_names[VLL_N_LEVELS] = {
    "OFF", "EMER", "ERR", "WARN", "INFO", "DBG",
};

/* Syslog severity of each level. */
static const int syslog_levels[VLL_N_LEVELS] = {
    0, LOG_ALERT, LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG,
};

static const char *const destination_names[VLF_N_DESTINATIONS] = {
    "console", "syslog", "file",
};

#define DEFAULT_CONSOLE_PATTERN "%D{%Y-%m-%dT%H:%M:%SZ}|%05N|%c%T|%p|%m"
#define DEFAULT_SYSLOG_PATTERN "ovs|%05N|%c%T|%p|%m"
#define DEFAULT_FILE_PATTERN "%D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c%T|%p|%m"
#define SYSLOG_PREFIX "<%B> %D{%h %e %T} %E %A:"

/* Facilities that FACILITY:<name> accepts, with their syslog codes. */
static const struct {
    const char *name;
    int code;
} facilities[] = {
    {"kern", 0}, {"user", 1}, {"mail", 2}, {"daemon", 3}, {"auth", 4},
    {"syslog", 5}, {"lpr", 6}, {"news", 7}, {"uucp", 8}, {"clock", 9},
    {"ftp", 11}, {"ntp", 12}, {"audit", 13}, {"alert", 14}, {"clock2", 15},
    {"local0", 16}, {"local1", 17}, {"local2", 18}, {"local3", 19},
    {"local4", 20}, {"local5", 21}, {"local6", 22}, {"local7", 23},
};

/* How syslog messages leave the process. */
enum syslog_method_type {
    SYSLOG_LIBC,                /* syslog(3). */
    SYSLOG_SOCKET,              /* A connected datagram socket. */
    SYSLOG_NULL,                /* Discarded. */
};

/* Everything below is protected by 'mutex', except where noted. */
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;

static struct ovs_list modules = OVS_LIST_INITIALIZER(&modules);
static char *patterns[VLF_N_DESTINATIONS];
static int facility = -1;           /* Syslog facility code, -1 if unset. */
static unsigned long long int msg_num; /* Last sequence number used. */

static char *log_file_name;         /* Configured name, or NULL. */
static int log_fd = -1;             /* Open log file, or -1. */

static enum syslog_method_type syslog_method = SYSLOG_LIBC;
static int syslog_fd = -1;          /* For SYSLOG_SOCKET. */
static bool syslog_opened;          /* openlog() called? */
static bool syslog_env_checked;     /* $OVS_SYSLOG_METHOD looked at? */
static int target_fd = -1;          /* --syslog-target socket, or -1. */


static void update_min_levels(void);
static void check_syslog_env(void);

const char *
vlog_get_level_name(enum vlog_level level)
{
    return level >= 0 && level < VLL_N_LEVELS ? level_names[level] : NULL;
}

enum vlog_level
vlog_get_level_val(const char *name)
{
    int i;

    for (i = 0; i < VLL_N_LEVELS; i++) {
        if (!strcasecmp(level_names[i], name)) {
            return i;
        }
    }
    return VLL_N_LEVELS;
}

const char *
vlog_get_destination_name(enum vlog_destination destination)
{
    return (destination >= 0 && destination < VLF_N_DESTINATIONS
            ? destination_names[destination] : NULL);
}

enum vlog_destination
vlog_get_destination_val(const char *name)
{
    int i;

    if (!strcasecmp(name, "any")) {
        return VLF_ANY_DESTINATION;
    }
    for (i = 0; i < VLF_N_DESTINATIONS; i++) {
        if (!strcasecmp(destination_names[i], name)) {
            return i;
        }
    }
    return VLF_N_DESTINATIONS;
}

/* Modules. */

void
vlog_insert_module(struct vlog_module *module)
{
    struct vlog_module *iter;

    pthread_mutex_lock(&mutex);
    /* Keep the list sorted by name, for vlog/list. */
    LIST_FOR_EACH (iter, list_node, &modules) {
        if (strcmp(module->name, iter->name) < 0) {
            break;
        }
    }
    ovs_list_insert(iter ? &iter->list_node : &modules, &module->list_node);
    pthread_mutex_unlock(&mutex);
}

const char *
vlog_get_module_name(const struct vlog_module *module)
{
    return module->name;
}

static struct vlog_module *
module_from_name__(const char *name)
{
    struct vlog_module *module;

    LIST_FOR_EACH (module, list_node, &modules) {
        if (!strcasecmp(module->name, name)) {
            return module;
        }
    }
    return NULL;
}

struct vlog_module *
vlog_module_from_name(const char *name)
{
    struct vlog_module *module;

    pthread_mutex_lock(&mutex);
    module = module_from_name__(name);
    pthread_mutex_unlock(&mutex);
    return module;
}

/* Levels. */

enum vlog_level
vlog_get_level(const struct vlog_module *module,
               enum vlog_destination destination)
{
    enum vlog_level level;

    ovs_assert(destination >= 0 && destination < VLF_N_DESTINATIONS);
    pthread_mutex_lock(&mutex);
    level = module->levels[destination];
    pthread_mutex_unlock(&mutex);
    return level;
}

/* Is DESTINATION able to take messages at all right now?  Called with
 * 'mutex' held. */
static bool
destination_is_live(enum vlog_destination destination)
{
    switch (destination) {
    case VLF_CONSOLE:
        return true;
    case VLF_SYSLOG:
        return syslog_method != SYSLOG_NULL || target_fd >= 0;
    case VLF_FILE:
        return log_fd >= 0;
    case VLF_N_DESTINATIONS:
    case VLF_ANY_DESTINATION:
    default:
        return false;
    }
}

static void
update_module_min_level(struct vlog_module *module)
{
    int min_level = VLL_OFF;
    int d;

    for (d = 0; d < VLF_N_DESTINATIONS; d++) {
        if (destination_is_live(d) && module->levels[d] > min_level) {
            min_level = module->levels[d];
        }
    }
    __atomic_store_n(&module->min_level, min_level, __ATOMIC_RELAXED);
}

/* Called with 'mutex' held. */
static void
update_min_levels(void)
{
    struct vlog_module *module;

    LIST_FOR_EACH (module, list_node, &modules) {
        update_module_min_level(module);
    }
}

static void
set_module_levels(struct vlog_module *module,
                  enum vlog_destination destination, enum vlog_level level)
{
    if (destination == VLF_ANY_DESTINATION) {
        int d;

        for (d = 0; d < VLF_N_DESTINATIONS; d++) {
            module->levels[d] = level;
        }
    } else {
        module->levels[destination] = level;
    }
    update_module_min_level(module);
}

void
vlog_set_levels(struct vlog_module *module,
                enum vlog_destination destination, enum vlog_level level)
{
    ovs_assert(destination == VLF_ANY_DESTINATION
               || (destination >= 0 && destination < VLF_N_DESTINATIONS));
    ovs_assert(level >= 0 && level < VLL_N_LEVELS);

    pthread_mutex_lock(&mutex);
    if (module) {
        set_module_levels(module, destination, level);
    } else {
        LIST_FOR_EACH (module, list_node, &modules) {
            set_module_levels(module, destination, level);
        }
    }
    pthread_mutex_unlock(&mutex);
}

static const char *
get_pattern__(enum vlog_destination destination)
{
    static const char *const defaults[VLF_N_DESTINATIONS] = {
        DEFAULT_CONSOLE_PATTERN, DEFAULT_SYSLOG_PATTERN, DEFAULT_FILE_PATTERN,
    };

    return patterns[destination] ? patterns[destination]
                                 : defaults[destination];
}

void
vlog_set_pattern(enum vlog_destination destination, const char *pattern)
{
    int d;

    pthread_mutex_lock(&mutex);
    for (d = 0; d < VLF_N_DESTINATIONS; d++) {
        if (destination == VLF_ANY_DESTINATION || destination == d) {
            free(patterns[d]);
            patterns[d] = xstrdup(pattern);
        }
    }
    pthread_mutex_unlock(&mutex);
}

/* Parses "PATTERN:<destination>:<pattern>"; S points just past
 * "PATTERN". */
static char *
set_pattern_from_string(const char *s)
{
    enum vlog_destination destination;
    const char *pattern;
    char *name;

    if (*s != ':') {
        return xstrdup("missing destination");
    }
    s++;
    pattern = strchr(s, ':');
    name = pattern ? xmemdup0(s, pattern - s) : xstrdup(s);
    pattern = pattern ? pattern + 1 : "";

    destination = vlog_get_destination_val(name);
    if (destination == VLF_N_DESTINATIONS) {
        char *error = xasprintf("unknown destination \"%s\"", name);
        free(name);
        return error;
    }
    free(name);
    vlog_set_pattern(destination, pattern);
    return NULL;
}

/* Parses "FACILITY:<facility>"; S points just past "FACILITY". */
static char *
set_facility_from_string(const char *s)
{
    size_t i;

    if (*s == ':') {
        for (i = 0; i < ARRAY_SIZE(facilities); i++) {
            if (!strcasecmp(facilities[i].name, s + 1)) {
                pthread_mutex_lock(&mutex);
                facility = facilities[i].code;
                pthread_mutex_unlock(&mutex);
                return NULL;
            }
        }
    }
    return xstrdup("invalid facility");
}

/* Returns true if S starts with KEYWORD (case-insensitively) followed by a
 * colon or the end of the string. */
static bool
starts_with_keyword(const char *s, const char *keyword)
{
    size_t n = strlen(keyword);

    return !strncasecmp(s, keyword, n) && (s[n] == ':' || s[n] == '\0');
}

char *
vlog_set_levels_from_string(const char *s_)
{
    enum vlog_destination destination = VLF_ANY_DESTINATION;
    enum vlog_level level = VLL_N_LEVELS;
    struct vlog_module *module = NULL;
    bool have_destination = false;
    char *s, *save_ptr = NULL, *word;
    char *error = NULL;

    if (starts_with_keyword(s_, "pattern")) {
        return set_pattern_from_string(s_ + strlen("pattern"));
    } else if (starts_with_keyword(s_, "facility")) {
        return set_facility_from_string(s_ + strlen("facility"));
    }

    s = xstrdup(s_);
    for (word = strtok_r(s, " ,:\t", &save_ptr); word;
         word = strtok_r(NULL, " ,:\t", &save_ptr)) {
        enum vlog_destination d;
        enum vlog_level l;
        struct vlog_module *m;

        if (!strcasecmp(word, "any")) {
            continue;
        } else if ((d = vlog_get_destination_val(word))
                   != VLF_N_DESTINATIONS) {
            if (have_destination) {
                error = xstrdup("cannot specify multiple destinations");
                goto out;
            }
            destination = d;
            have_destination = true;
        } else if ((l = vlog_get_level_val(word)) != VLL_N_LEVELS) {
            if (level != VLL_N_LEVELS) {
                error = xstrdup("cannot specify multiple levels");
                goto out;
            }
            level = l;
        } else if ((m = vlog_module_from_name(word)) != NULL) {
            if (module) {
                error = xstrdup("cannot specify multiple modules");
                goto out;
            }
            module = m;
        } else {
            error = xasprintf("no destination, level, or module \"%s\"",
                              word);
            goto out;
        }
    }
    vlog_set_levels(module, destination,
                    level == VLL_N_LEVELS ? VLL_DBG : level);

out:
    free(s);
    return error;
}

void
vlog_set_levels_from_string_assert(const char *s)
{
    char *error = vlog_set_levels_from_string(s);

    if (error) {
        ovs_fatal(0, "%s", error);
    }
}

void
vlog_set_verbosity(const char *arg)
{
    if (arg) {
        char *error = vlog_set_levels_from_string(arg);

        if (error) {
            ovs_fatal(0, "processing \"%s\": %s", arg, error);
        }
    } else {
        vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_DBG);
    }
}

char *
vlog_get_levels(void)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct vlog_module *module;

    ds_put_cstr(&s, "                 console    syslog    file\n");
    ds_put_cstr(&s, "                 -------    ------    ------\n");
    pthread_mutex_lock(&mutex);
    LIST_FOR_EACH (module, list_node, &modules) {
        ds_put_format(&s, "%-16s  %4s       %4s       %4s\n", module->name,
                      level_names[module->levels[VLF_CONSOLE]],
                      level_names[module->levels[VLF_SYSLOG]],
                      level_names[module->levels[VLF_FILE]]);
    }
    pthread_mutex_unlock(&mutex);
    return ds_steal_cstr(&s);
}

char *
vlog_get_patterns(void)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "%-9s%-34s%s\n", "", "prefix", "format");
    ds_put_format(&s, "%-9s%-34s%s\n", "", "------", "------");
    pthread_mutex_lock(&mutex);
    ds_put_format(&s, "%-9s%-34s%s\n", "SYSLOG", SYSLOG_PREFIX,
                  get_pattern__(VLF_SYSLOG));
    ds_put_format(&s, "%-9s%-34s%s\n", "CONSOLE", "none",
                  get_pattern__(VLF_CONSOLE));
    ds_put_format(&s, "%-9s%-34s%s\n", "FILE", "none",
                  get_pattern__(VLF_FILE));
    pthread_mutex_unlock(&mutex);
    return ds_steal_cstr(&s);
}

/* Rate limits. */

static void
set_rate_limit(struct vlog_module *module, bool enable)
{
    pthread_mutex_lock(&mutex);
    if (module) {
        module->honor_rate_limits = enable;
    } else {
        LIST_FOR_EACH (module, list_node, &modules) {
            module->honor_rate_limits = enable;
        }
    }
    pthread_mutex_unlock(&mutex);
}

void
vlog_enable_rate_limit(struct vlog_module *module)
{
    set_rate_limit(module, true);
}

void
vlog_disable_rate_limit(struct vlog_module *module)
{
    set_rate_limit(module, false);
}

char *
vlog_set_rate_limits_from_args(int argc, const char *const argv[],
                               bool enable)
{
    int i;

    for (i = 0; i < argc; i++) {
        if (strcasecmp(argv[i], "any") && !vlog_module_from_name(argv[i])) {
            return xstrdup("unknown module");
        }
    }
    if (!argc) {
        set_rate_limit(NULL, enable);
    }
    for (i = 0; i < argc; i++) {
        set_rate_limit(strcasecmp(argv[i], "any")
                       ? vlog_module_from_name(argv[i]) : NULL, enable);
    }
    return NULL;
}

bool
vlog_should_drop(const struct vlog_module *module, enum vlog_level level,
                 struct vlog_rate_limit *rl)
{
    unsigned int n_dropped;
    time_t first, last, now;
    long long int msec;

    if (!vlog_is_enabled(module, level)) {
        return true;
    }
    if (!__atomic_load_n(&module->honor_rate_limits, __ATOMIC_RELAXED)) {
        return false;
    }

    pthread_mutex_lock(&rl->mutex);
    msec = time_msec();
    if (rl->last_fill == LLONG_MIN) {
        rl->tokens = rl->max_tokens;
    } else if (msec > rl->last_fill) {
        unsigned long long int elapsed = msec - rl->last_fill;
        unsigned long long int room = rl->max_tokens - rl->tokens;

        rl->tokens += (elapsed >= room / rl->rate + 1
                       ? room : elapsed * rl->rate);
    }
    rl->last_fill = msec;

    if (rl->tokens < VLOG_MSG_TOKENS) {
        now = time_now();
        if (!rl->n_dropped) {
            rl->first_dropped = now;
        }
        rl->last_dropped = now;
        rl->n_dropped++;
        pthread_mutex_unlock(&rl->mutex);
        return true;
    }
    rl->tokens -= VLOG_MSG_TOKENS;

    n_dropped = rl->n_dropped;
    first = rl->first_dropped;
    last = rl->last_dropped;
    rl->n_dropped = 0;
    pthread_mutex_unlock(&rl->mutex);

    if (n_dropped) {
        now = time_now();
        vlog(module, level, "Dropped %u log messages in last %lld seconds "
             "(most recently, %lld seconds ago) due to excessive rate",
             n_dropped, (long long int) (now - first),
             (long long int) (now - last));
    }
    return false;
}

void
vlog_rate_limit(const struct vlog_module *module, enum vlog_level level,
                struct vlog_rate_limit *rl, const char *format, ...)
{
    if (!vlog_should_drop(module, level, rl)) {
        va_list args;

        va_start(args, format);
        vlog_valist(module, level, format, args);
        va_end(args);
    }
}

/* Formatting. */

static pthread_once_t hostname_once = PTHREAD_ONCE_INIT;
static char hostname_buf[256];

static void
init_hostname(void)
{
    if (gethostname(hostname_buf, sizeof hostname_buf - 1)) {
        ovs_strlcpy(hostname_buf, "localhost", sizeof hostname_buf);
    }
    hostname_buf[sizeof hostname_buf - 1] = '\0';
}

static const char *
get_hostname(void)
{
    pthread_once(&hostname_once, init_hostname);
    return hostname_buf;
}

/* Skips a "{...}" argument at P, if there is one, storing its contents
 * in ARG and setting *HAVE_ARG.  An argument without its closing brace
 * runs to the end.  Returns the position after the argument. */
static const char *
fetch_braces(const char *p, struct ds *arg, bool *have_arg)
{
    ds_clear(arg);
    *have_arg = *p == '{';
    if (*have_arg) {
        size_t n = strcspn(p + 1, "}");

        ds_put_buffer(arg, p + 1, n);
        p += 1 + n;
        if (*p == '}') {
            p++;
        }
    }
    return p;
}

/* Data for formatting one message. */
struct vlog_msg {
    const struct vlog_module *module;
    enum vlog_level level;
    unsigned long long int seq;
    long long int wall_msec;
    const char *message;
    int facility;
};

/* The largest field width honored, so that a careless pattern cannot make
 * every message allocate gigabytes. */
#define MAX_FIELD_WIDTH 4096

static void
format_log_message(const struct vlog_msg *msg, const char *pattern,
                   struct ds *s)
{
    struct ds arg = DS_EMPTY_INITIALIZER;
    const char *p;

    for (p = pattern; *p; ) {
        bool left = false, zero = false, have_arg;
        size_t width = 0, start;
        const char *sub;

        if (*p != '%') {
            ds_put_char(s, *p++);
            continue;
        }
        p++;
        if (*p == '-') {
            left = true;
            p++;
        }
        if (*p == '0') {
            zero = true;
            p++;
        }
        while (*p >= '0' && *p <= '9') {
            width = width * 10 + (*p++ - '0');
            if (width > MAX_FIELD_WIDTH) {
                width = MAX_FIELD_WIDTH;
            }
        }

        start = s->length;
        switch (*p) {
        case '\0':
            continue;
        case 'A':
            ds_put_cstr(s, ovs_get_program_name());
            break;
        case 'B':
            ds_put_format(s, "%d", msg->facility * 8
                          + syslog_levels[msg->level]);
            break;
        case 'c':
            p = fetch_braces(p + 1, &arg, &have_arg) - 1;
            ds_put_cstr(s, msg->module->name);
            break;
        case 'd':
        case 'D': {
            bool utc = *p == 'D';

            p = fetch_braces(p + 1, &arg, &have_arg) - 1;
            ds_put_strftime_msec(s, (have_arg ? ds_cstr(&arg)
                                     : "%Y-%m-%d %H:%M:%S.###"),
                                 msg->wall_msec, utc);
            break;
        }
        case 'E':
            ds_put_cstr(s, get_hostname());
            break;
        case 'm':
            ds_put_cstr(s, msg->message);
            break;
        case 'N':
            ds_put_format(s, "%llu", msg->seq);
            break;
        case 'n':
            ds_put_char(s, '\n');
            break;
        case 'p':
            ds_put_cstr(s, level_names[msg->level]);
            break;
        case 'P':
            ds_put_format(s, "%ld", (long int) getpid());
            break;
        case 'r':
            ds_put_format(s, "%lld", time_boot_msec());
            break;
        case 't':
            sub = get_subprogram_name();
            ds_put_cstr(s, sub[0] ? sub : "main");
            break;
        case 'T':
            sub = get_subprogram_name();
            if (sub[0]) {
                ds_put_format(s, "(%s)", sub);
            }
            break;
        default:
            ds_put_char(s, *p);
            break;
        }
        p++;

        if (width > s->length - start) {
            size_t n_pad = width - (s->length - start);
            char c = zero ? '0' : ' ';

            if (left) {
                ds_put_char_multiple(s, c, n_pad);
            } else {
                ds_put_char_multiple(s, c, n_pad);
                memmove(&s->string[start + n_pad], &s->string[start],
                        s->length - start - n_pad);
                memset(&s->string[start], c, n_pad);
            }
        }
    }
    ds_destroy(&arg);
}

/* Output. */

/* Writes all of BUF to FD, retrying on EINTR and short writes. */
static void
write_fully(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t retval = write(fd, buf, n);

        if (retval > 0) {
            buf += retval;
            n -= retval;
        } else if (retval < 0 && errno == EINTR) {
            continue;
        } else {
            break;
        }
    }
}

/* Sends a syslog message for MSG.  Called with 'mutex' held. */
static void
send_to_syslog(struct vlog_msg *msg, struct ds *line)
{
    int saved_errno = errno;
    int saved_facility = msg->facility;

    if (syslog_method == SYSLOG_LIBC) {
        int code = facility >= 0 ? facility : 3;   /* LOG_DAEMON. */

        if (!syslog_opened) {
            openlog(ovs_get_program_name(), LOG_NDELAY, code << 3);
            syslog_opened = true;
        }
        msg->facility = code;
        ds_clear(line);
        format_log_message(msg, get_pattern__(VLF_SYSLOG), line);
        syslog((code << 3) | syslog_levels[msg->level], "%s",
               ds_cstr(line));
    }
    if ((syslog_method == SYSLOG_SOCKET && syslog_fd >= 0)
        || target_fd >= 0) {
        msg->facility = facility >= 0 ? facility : 16;  /* local0. */
        ds_clear(line);
        format_log_message(msg, SYSLOG_PREFIX, line);
        ds_put_char(line, ' ');
        format_log_message(msg, get_pattern__(VLF_SYSLOG), line);
        if (syslog_method == SYSLOG_SOCKET && syslog_fd >= 0) {
            ssize_t retval OVS_UNUSED = send(syslog_fd, line->string,
                                             line->length, MSG_DONTWAIT);
        }
        if (target_fd >= 0) {
            ssize_t retval OVS_UNUSED = send(target_fd, line->string,
                                             line->length, MSG_DONTWAIT);
        }
    }
    msg->facility = saved_facility;
    errno = saved_errno;
}

/* Writes MESSAGE, at LEVEL from MODULE, to the destinations in
 * DESTINATIONS (a bitmap), ignoring their levels. */
static void
vlog_output(const struct vlog_module *module, enum vlog_level level,
            const char *message, unsigned int destinations)
{
    struct ds line = DS_EMPTY_INITIALIZER;
    struct vlog_msg msg;

    msg.module = module;
    msg.level = level;
    msg.message = message;
    msg.facility = facility >= 0 ? facility : 16;

    check_syslog_env();
    pthread_mutex_lock(&mutex);
    if (!(destinations & (1u << VLF_FILE)) || log_fd < 0) {
        destinations &= ~(1u << VLF_FILE);
    }
    if (!destinations) {
        pthread_mutex_unlock(&mutex);
        return;
    }
    msg.seq = ++msg_num;
    msg.wall_msec = time_wall_msec();

    if (destinations & (1u << VLF_CONSOLE)) {
        int saved_errno = errno;

        format_log_message(&msg, get_pattern__(VLF_CONSOLE), &line);
        ds_put_char(&line, '\n');
        write_fully(STDERR_FILENO, line.string, line.length);
        errno = saved_errno;
    }
    if (destinations & (1u << VLF_SYSLOG)) {
        send_to_syslog(&msg, &line);
    }
    if (destinations & (1u << VLF_FILE)) {
        int saved_errno = errno;

        ds_clear(&line);
        format_log_message(&msg, get_pattern__(VLF_FILE), &line);
        ds_put_char(&line, '\n');
        write_fully(log_fd, line.string, line.length);
        errno = saved_errno;
    }
    pthread_mutex_unlock(&mutex);
    ds_destroy(&line);
}

/* Returns the bitmap of destinations that take LEVEL from MODULE. */
static unsigned int
enabled_destinations(const struct vlog_module *module, enum vlog_level level)
{
    unsigned int destinations = 0;
    int d;

    for (d = 0; d < VLF_N_DESTINATIONS; d++) {
        if (__atomic_load_n(&module->levels[d], __ATOMIC_RELAXED) >= level) {
            destinations |= 1u << d;
        }
    }
    return destinations;
}

void
vlog_valist(const struct vlog_module *module, enum vlog_level level,
            const char *format, va_list args)
{
    unsigned int destinations;

    if (level <= VLL_OFF || level >= VLL_N_LEVELS) {
        return;
    }
    destinations = enabled_destinations(module, level);
    if (destinations) {
        int saved_errno = errno;
        char *message = xvasprintf(format, args);

        vlog_output(module, level, message, destinations);
        free(message);
        errno = saved_errno;
    }
}

void
vlog(const struct vlog_module *module, enum vlog_level level,
     const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vlog_valist(module, level, format, args);
    va_end(args);
}

void
vlog_fatal_valist(const struct vlog_module *module, const char *format,
                  va_list args)
{
    unsigned int destinations = enabled_destinations(module, VLL_EMER);
    char *message;
    va_list args2;

    /* The console gets the message from ovs_fatal(), not twice. */
    va_copy(args2, args);
    message = xvasprintf(format, args2);
    va_end(args2);
    destinations &= ~(1u << VLF_CONSOLE);
    if (destinations) {
        vlog_output(module, VLL_EMER, message, destinations);
    }
    free(message);
    ovs_fatal_valist(0, format, args);
}

void
vlog_fatal(const struct vlog_module *module, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vlog_fatal_valist(module, format, args);
}

/* The log file. */

/* Is the file named NAME the one open on FD? */
static bool
same_file(int fd, const char *name)
{
    struct stat a, b;

    return (fd >= 0 && !fstat(fd, &a) && !stat(name, &b)
            && a.st_dev == b.st_dev && a.st_ino == b.st_ino);
}

int
vlog_set_log_file(const char *file_name)
{
    char *new_name;
    int new_fd, old_fd;
    bool same;

    new_name = (file_name
                ? xstrdup(file_name)
                : xasprintf("%s/%s.log", ovs_logdir(),
                            ovs_get_program_name()));

    pthread_mutex_lock(&mutex);
    same = (log_file_name && !strcmp(log_file_name, new_name)
            && same_file(log_fd, new_name));
    old_fd = log_fd;
    pthread_mutex_unlock(&mutex);
    if (same) {
        free(new_name);
        return 0;
    }

    if (old_fd >= 0) {
        VLOG_INFO("closing log file");
    }

    new_fd = open(new_name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (new_fd < 0) {
        int error = errno;

        pthread_mutex_lock(&mutex);
        if (log_fd >= 0) {
            close(log_fd);
            log_fd = -1;
        }
        free(log_file_name);
        log_file_name = new_name;
        update_min_levels();
        pthread_mutex_unlock(&mutex);

        VLOG_WARN("failed to open %s for logging: %s",
                  new_name, ovs_strerror(error));
        return error;
    }

    pthread_mutex_lock(&mutex);
    if (log_fd >= 0) {
        close(log_fd);
    }
    log_fd = new_fd;
    free(log_file_name);
    log_file_name = new_name;
    update_min_levels();
    pthread_mutex_unlock(&mutex);

    VLOG_INFO("opened log file %s", new_name);
    return 0;
}

int
vlog_reopen_log_file(void)
{
    char *name;
    int error;

    pthread_mutex_lock(&mutex);
    name = nullable_xstrdup(log_file_name);
    pthread_mutex_unlock(&mutex);

    error = name ? vlog_set_log_file(name) : 0;
    free(name);
    return error;
}

void
vlog_close_log_file(void)
{
    pthread_mutex_lock(&mutex);
    if (log_fd >= 0) {
        close(log_fd);
        log_fd = -1;
        update_min_levels();
    }
    pthread_mutex_unlock(&mutex);
}

bool
vlog_log_file_configured(void)
{
    bool configured;

    pthread_mutex_lock(&mutex);
    configured = log_file_name != NULL;
    pthread_mutex_unlock(&mutex);
    return configured;
}

int
vlog_change_owner(uid_t uid, gid_t gid)
{
    int error = 0;

    pthread_mutex_lock(&mutex);
    if (log_fd >= 0 && fchown(log_fd, uid, gid)) {
        error = errno;
    }
    pthread_mutex_unlock(&mutex);
    return error;
}

/* Syslog. */

/* Parses "IP:PORT" (IPv4, or IPv6 in brackets) into SS.  Returns NULL or
 * an error message. */
static char *
parse_inet_address(const char *s, struct sockaddr_storage *ss,
                   socklen_t *len)
{
    char *host, *port_s;
    int port;

    memset(ss, 0, sizeof *ss);
    if (*s == '[') {
        const char *end = strchr(s, ']');

        if (!end) {
            return xasprintf("%s: bad IPv6 address", s);
        }
        host = xmemdup0(s + 1, end - s - 1);
        port_s = end[1] == ':' ? xstrdup(end + 2) : NULL;
    } else {
        const char *colon = strrchr(s, ':');

        host = colon ? xmemdup0(s, colon - s) : xstrdup(s);
        port_s = colon ? xstrdup(colon + 1) : NULL;
    }

    if (!port_s || !port_s[0]) {
        free(host);
        free(port_s);
        return xasprintf("%s: port must be specified", s);
    }
    if (!str_to_int(port_s, 10, &port) || port < 0 || port > 65535) {
        char *error = xasprintf("%s: bad port number \"%s\"", s, port_s);
        free(host);
        free(port_s);
        return error;
    }
    free(port_s);

    if (strchr(host, ':')) {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) ss;

        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(port);
        *len = sizeof *sin6;
        if (inet_pton(AF_INET6, host, &sin6->sin6_addr) != 1) {
            goto bad_host;
        }
    } else {
        struct sockaddr_in *sin = (struct sockaddr_in *) ss;

        sin->sin_family = AF_INET;
        sin->sin_port = htons(port);
        *len = sizeof *sin;
        if (inet_pton(AF_INET, host, &sin->sin_addr) != 1) {
            goto bad_host;
        }
    }
    free(host);
    return NULL;

bad_host: {
        char *error = xasprintf("%s: bad IP address \"%s\"", s, host);
        free(host);
        return error;
    }
}

/* Opens a datagram socket connected to "IP:PORT" in TARGET; returns the fd
 * or -1 after logging an error. */
static int
open_udp_socket(const char *target)
{
    struct sockaddr_storage ss;
    socklen_t len = 0;
    char *error;
    int fd;

    error = parse_inet_address(target, &ss, &len);
    if (error) {
        VLOG_ERR("%s", error);
        free(error);
        return -1;
    }
    fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *) &ss, len)) {
        VLOG_ERR("%s: connect failed (%s)", target, ovs_strerror(errno));
        ovs_close_fd(fd);
        return -1;
    }
    return fd;
}

static int
open_unix_socket(const char *path)
{
    struct sockaddr_un sun;
    int fd;

    if (strlen(path) >= sizeof sun.sun_path) {
        VLOG_ERR("%s: name too long for a unix socket", path);
        return -1;
    }
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    ovs_strlcpy(sun.sun_path, path, sizeof sun.sun_path);
    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *) &sun, sizeof sun)) {
        VLOG_ERR("%s: connect failed (%s)", path, ovs_strerror(errno));
        ovs_close_fd(fd);
        return -1;
    }
    return fd;
}

/* Parses METHOD; returns false if it is not valid. */
static bool
apply_syslog_method(const char *method)
{
    int fd = -1;
    enum syslog_method_type type;

    if (!strcmp(method, "libc")) {
        type = SYSLOG_LIBC;
    } else if (!strcmp(method, "null")) {
        type = SYSLOG_NULL;
    } else if (!strncmp(method, "unix:", 5)) {
        type = SYSLOG_SOCKET;
        fd = open_unix_socket(method + 5);
    } else if (!strncmp(method, "udp:", 4)) {
        type = SYSLOG_SOCKET;
        fd = open_udp_socket(method + 4);
    } else {
        return false;
    }

    pthread_mutex_lock(&mutex);
    ovs_close_fd(syslog_fd);
    syslog_fd = fd;
    syslog_method = type;
    update_min_levels();
    pthread_mutex_unlock(&mutex);
    return true;
}

/* Applies $OVS_SYSLOG_METHOD the first time a message is logged, unless
 * a method was set explicitly.  Must not be called with 'mutex' held.  An
 * invalid method in the environment is ignored. */
static void
check_syslog_env(void)
{
    if (!__atomic_exchange_n(&syslog_env_checked, true, __ATOMIC_RELAXED)) {
        const char *method = getenv("OVS_SYSLOG_METHOD");

        if (method && method[0]) {
            apply_syslog_method(method);
        }
    }
}

void
vlog_set_syslog_method(const char *method)
{
    __atomic_store_n(&syslog_env_checked, true, __ATOMIC_RELAXED);
    if (!apply_syslog_method(method)) {
        ovs_fatal(0, "unsupported syslog method '%s'", method);
    }
}

void
vlog_set_syslog_target(const char *target)
{
    int fd = open_udp_socket(target);

    pthread_mutex_lock(&mutex);
    ovs_close_fd(target_fd);
    target_fd = fd;
    update_min_levels();
    pthread_mutex_unlock(&mutex);
}

void
vlog_usage(void)
{
    printf("\nLogging options:\n"
           "  -vSPEC, --verbose=SPEC   set logging levels\n"
           "  -v, --verbose            set maximum verbosity level\n"
           "  --log-file[=FILE]        enable logging to specified FILE\n"
           "                           (default: %s/%s.log)\n"
           "  --syslog-method=(libc|unix:file|udp:ip:port)\n"
           "                           specify how to send messages to "
           "syslog daemon\n"
           "  --syslog-target=HOST:PORT  also send syslog msgs to "
           "HOST:PORT via UDP\n",
           ovs_logdir(), ovs_get_program_name());
}
