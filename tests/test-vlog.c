/* Unit tests for lib/vlog.h.  Each runs in its own process and sandbox
 * directory, so files are created in the current directory. */
#include <config.h>
#include "vlog.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "ovstest.h"
#include "timeval.h"
#include "ovs-thread.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(test_vlog);

/* Checks that vlog_set_levels_from_string(S) fails with ERROR. */
static void
check_error(const char *s, const char *error)
{
    char *msg = vlog_set_levels_from_string(s);

    CHECK_STR(msg, error);
    free(msg);
}

static void
check_ok(const char *s)
{
    char *msg = vlog_set_levels_from_string(s);

    CHECK_STR(msg ? msg : "ok", "ok");
}

static void
check_levels(const char *module_name, enum vlog_level console,
             enum vlog_level syslog_level, enum vlog_level file)
{
    struct vlog_module *module = vlog_module_from_name(module_name);

    CHECK(module != NULL);
    CHECK_STR(vlog_get_level_name(vlog_get_level(module, VLF_CONSOLE)),
              vlog_get_level_name(console));
    CHECK_STR(vlog_get_level_name(vlog_get_level(module, VLF_SYSLOG)),
              vlog_get_level_name(syslog_level));
    CHECK_STR(vlog_get_level_name(vlog_get_level(module, VLF_FILE)),
              vlog_get_level_name(file));
}

static void
test_vlog_levels(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    CHECK_INT(vlog_get_level_val("dbg"), VLL_DBG);
    CHECK_INT(vlog_get_level_val("WaRn"), VLL_WARN);
    CHECK_INT(vlog_get_level_val("debug"), VLL_N_LEVELS);
    CHECK_INT(vlog_get_destination_val("FILE"), VLF_FILE);
    CHECK_INT(vlog_get_destination_val("any"), VLF_ANY_DESTINATION);
    CHECK_INT(vlog_get_destination_val("disk"), VLF_N_DESTINATIONS);

    /* Defaults. */
    check_levels("test_vlog", VLL_INFO, VLL_INFO, VLL_INFO);
    CHECK(vlog_is_enabled(THIS_MODULE, VLL_INFO));
    CHECK(!VLOG_IS_DBG_ENABLED());

    check_ok("test_vlog:console:dbg");
    check_levels("test_vlog", VLL_DBG, VLL_INFO, VLL_INFO);
    CHECK(VLOG_IS_DBG_ENABLED());
    check_levels("vlog", VLL_INFO, VLL_INFO, VLL_INFO);

    check_ok("TEST_VLOG SYSLOG Warn");      /* Case, spaces. */
    check_levels("test_vlog", VLL_DBG, VLL_WARN, VLL_INFO);
    check_ok("file,off,test_vlog");         /* Commas, any order. */
    check_levels("test_vlog", VLL_DBG, VLL_WARN, VLL_OFF);
    check_ok("any:any:emer");               /* "any" is ignored. */
    check_levels("test_vlog", VLL_EMER, VLL_EMER, VLL_EMER);
    check_levels("vlog", VLL_EMER, VLL_EMER, VLL_EMER);
    check_ok("console");                    /* No level means dbg. */
    check_levels("vlog", VLL_DBG, VLL_EMER, VLL_EMER);
    check_ok("");
    check_levels("vlog", VLL_DBG, VLL_DBG, VLL_DBG);
    check_ok(":");

    /* Errors change nothing. */
    check_ok("ANY:ANY:info");
    check_error("foo", "no destination, level, or module \"foo\"");
    check_error("vlog:console:dbg:extra",
                "no destination, level, or module \"extra\"");
    check_error("dbg:dbg", "cannot specify multiple levels");
    check_error("vlog:test_vlog", "cannot specify multiple modules");
    check_error("console:file", "cannot specify multiple destinations");
    check_levels("vlog", VLL_INFO, VLL_INFO, VLL_INFO);

    /* Facility. */
    check_error("FACILITY", "invalid facility");
    check_error("facility:bogus", "invalid facility");
    check_ok("FACILITY:local7");
    check_ok("facility:daemon");

    /* -v without an argument. */
    vlog_set_verbosity(NULL);
    check_levels("test_vlog", VLL_DBG, VLL_DBG, VLL_DBG);
}
OVSTEST_REGISTER("vlog/levels", test_vlog_levels);

static void
test_vlog_list(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char *s;

    check_ok("vlog:console:warn");
    check_ok("vlog:syslog:off");
    check_ok("vlog:file:dbg");
    check_ok("test_vlog:emer");
    s = vlog_get_levels();
    CHECK(!strncmp(s,
                   "                 console    syslog    file\n"
                   "                 -------    ------    ------\n", 88));
    CHECK(strstr(s, "\ntest_vlog         EMER       EMER       EMER\n"));
    CHECK(strstr(s, "\nvlog              WARN        OFF        DBG\n"));
    CHECK(strstr(s, "test_vlog") < strstr(s, "\nvlog "));  /* Sorted. */
    free(s);
}
OVSTEST_REGISTER("vlog/list", test_vlog_list);

static void
test_vlog_patterns(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char *s;

    s = vlog_get_patterns();
    CHECK_STR(s,
              "         prefix                            format\n"
              "         ------                            ------\n"
              "SYSLOG   <%B> %D{%h %e %T} %E %A:          "
              "ovs|%05N|%c%T|%p|%m\n"
              "CONSOLE  none                              "
              "%D{%Y-%m-%dT%H:%M:%SZ}|%05N|%c%T|%p|%m\n"
              "FILE     none                              "
              "%D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c%T|%p|%m\n");
    free(s);

    check_error("pattern", "missing destination");
    check_error("PATTERN:disk:%m", "unknown destination \"disk\"");
    check_ok("pattern:console");            /* Empty pattern. */
    check_ok("Pattern:file:a:b:%m");        /* Colons in the pattern. */
    check_ok("pattern:any:x");
    s = vlog_get_patterns();
    CHECK(strstr(s, "\nCONSOLE  none                              x\n"));
    free(s);
    check_ok("pattern:file:a:b:%m");
    s = vlog_get_patterns();
    CHECK(strstr(s, "\nFILE     none                              a:b:%m\n"));
    free(s);
}
OVSTEST_REGISTER("vlog/patterns", test_vlog_patterns);

/* Redirects stderr into a file, so that console output can be checked;
 * returns the file's name. */
static const char *
capture_stderr(void)
{
    static const char name[] = "stderr.capture";
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);

    CHECK(fd >= 0);
    CHECK(dup2(fd, STDERR_FILENO) == STDERR_FILENO);
    close(fd);
    return name;
}

static char *
read_file(const char *name)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    FILE *file = fopen(name, "r");
    int c;

    CHECK(file != NULL);
    while ((c = getc(file)) != EOF) {
        ds_put_char(&s, c);
    }
    fclose(file);
    return ds_steal_cstr(&s);
}

static void
test_vlog_render(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    const char *name = capture_stderr();
    char *expected, *s;

    set_program_name("test-vlog");
    check_ok("pattern:console:[%c][%p][%m][%5N][%-5p|][%05N][%-05p][%t]"
             "[%T][%%][%5%][%q][%c{x}][%A{y}][%3m][%N{3}][%-3P][%P]");
    VLOG_INFO("hi");
    set_subprogram_name("monitor");
    VLOG_WARN("x%d", 5);
    set_subprogram_name("");
    VLOG_DBG("not shown");

    check_ok("pattern:console:%D{%Y}|%D{%Y-%m-%d}|%D{%S.######}|%D{}|"
             "%-6D{%Y}|%6D{%Y}|%D{%Y|x");
    VLOG_ERR("e");

    s = read_file(name);
    expected = xasprintf(
        "[test_vlog][INFO][hi][    1][INFO |][00001][INFO0][main]"
        "[][%%][    %%][q][test_vlog][test-vlog{y}][ hi][1{3}][%-3ld][%ld]\n"
        "[test_vlog][WARN][x5][    2][WARN |][00002][WARN0][monitor]"
        "[(monitor)][%%][    %%][q][test_vlog][test-vlog{y}][ x5][2{3}]"
        "[%-3ld][%ld]\n",
        (long) getpid(), (long) getpid(), (long) getpid(),
        (long) getpid());
    CHECK(!strncmp(s, expected, strlen(expected)));

    /* The second pattern: check its shape, not the clock. */
    {
        const char *line = s + strlen(expected);
        int year, y2, month, day, sec, usec, n = 0;
        char *tail;

        CHECK(sscanf(line, "%4d|%4d-%2d-%2d|%2d.%6d||%n", &year, &y2,
                     &month, &day, &sec, &usec, &n) == 6);
        CHECK(n > 0);
        CHECK(usec % 1000 == 0);      /* Digits past the third are 0. */
        tail = xasprintf("%d  |  %d|%d|x\n", year, year, year);
        CHECK_STR(line + n, tail);
        free(tail);
    }
    free(expected);
    free(s);
}
OVSTEST_REGISTER("vlog/render", test_vlog_render);

static void *
log_from_thread(void *aux OVS_UNUSED)
{
    VLOG_WARN("from a thread");
    return NULL;
}

/* A thread started by ovs_thread_create() logs under its name, which is the
 * one ovs-thread keeps (vlog has no name of its own to fall out of step). */
static void
test_vlog_thread_names(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    const char *name = capture_stderr();
    char *s;

    set_program_name("test-vlog");
    check_ok("pattern:console:%t|%c%T|%m");
    VLOG_WARN("from main");
    xpthread_join(ovs_thread_create("worker", log_from_thread, NULL), NULL);

    s = read_file(name);
    CHECK_STR(s, "main|test_vlog|from main\n"
                 "worker1|test_vlog(worker1)|from a thread\n");
    free(s);
}
OVSTEST_REGISTER("vlog/thread-names", test_vlog_thread_names);

static void
test_vlog_render_syslog_fields(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    const char *name = capture_stderr();
    char host[256];
    char *expected, *s;

    CHECK(!gethostname(host, sizeof host));
    set_program_name("test-vlog");
    check_ok("test_vlog:console:dbg");
    check_ok("pattern:console:%B %E %A:%n%B");
    VLOG_DBG("a");
    check_ok("facility:local7");
    VLOG_ERR("b");
    s = read_file(name);
    /* local0 (16) by default: 16 * 8 + 7 = 135; local7 ERR: 23 * 8 + 3. */
    expected = xasprintf("135 %s test-vlog:\n135\n187 %s test-vlog:\n187\n",
                         host, host);
    CHECK_STR(s, expected);
    free(expected);
    free(s);
}
OVSTEST_REGISTER("vlog/render-syslog-fields", test_vlog_render_syslog_fields);

static void
test_vlog_disabled_no_eval(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    int calls = 0;

    capture_stderr();
    VLOG_DBG("%d", ++calls);
    CHECK_INT(calls, 0);
    VLOG_INFO("%d", ++calls);
    CHECK_INT(calls, 1);
    check_ok("ANY:ANY:off");
    VLOG_EMER("%d", ++calls);
    CHECK_INT(calls, 1);

    check_ok("ANY:console:info");
    for (int i = 0; i < 3; i++) {
        VLOG_INFO_ONCE("%d", ++calls);
    }
    CHECK_INT(calls, 2);
}
OVSTEST_REGISTER("vlog/disabled-no-eval", test_vlog_disabled_no_eval);

static int
count_lines(const char *s, const char *needle)
{
    int n = 0;

    while ((s = strstr(s, needle)) != NULL) {
        n++;
        s++;
    }
    return n;
}

static void
test_vlog_rate_limit(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(60, 5);
    const char *name = capture_stderr();
    char *s;
    int i;

    check_ok("pattern:console:%p|%m");

    /* A burst of 5 goes through, the rest is dropped. */
    for (i = 0; i < 20; i++) {
        VLOG_WARN_RL(&rl, "msg %d", i);
    }
    s = read_file(name);
    CHECK_INT(count_lines(s, "msg "), 5);
    CHECK(strstr(s, "msg 4\n") && !strstr(s, "msg 5\n"));
    free(s);

    /* 60 a minute: after 3 s, 3 more get through; the first is preceded
     * by the summary of what was dropped. */
    time_warp(3000);
    for (i = 20; i < 30; i++) {
        VLOG_WARN_RL(&rl, "msg %d", i);
    }
    s = read_file(name);
    CHECK(strstr(s, "WARN|msg 4\nWARN|Dropped 15 log messages in last 3 "
                 "seconds (most recently, 3 seconds ago) due to excessive "
                 "rate\nWARN|msg 20\nWARN|msg 21\nWARN|msg 22\n") != NULL);
    CHECK_INT(count_lines(s, "msg "), 8);
    free(s);

    /* The bucket holds at most BURST messages, however long it waits. */
    time_warp(3600 * 1000);
    for (i = 30; i < 50; i++) {
        VLOG_WARN_RL(&rl, "msg %d", i);
    }
    s = read_file(name);
    CHECK_INT(count_lines(s, "msg "), 13);
    CHECK_INT(count_lines(s, "Dropped 7 log messages in last 3600 seconds "
                          "(most recently, 3600 seconds ago)"), 1);
    free(s);

    /* Disabled rate limiting lets everything through. */
    {
        const char *names[] = { "test_vlog" };
        const char *bad[] = { "test_vlog", "nonesuch" };
        char *error;

        error = vlog_set_rate_limits_from_args(2, bad, false);
        CHECK_STR(error, "unknown module");
        free(error);
        CHECK(vlog_set_rate_limits_from_args(1, names, false) == NULL);
    }
    for (i = 50; i < 60; i++) {
        VLOG_WARN_RL(&rl, "msg %d", i);
    }
    s = read_file(name);
    CHECK_INT(count_lines(s, "msg "), 23);
    free(s);
    CHECK(vlog_set_rate_limits_from_args(0, NULL, true) == NULL);
    for (i = 60; i < 70; i++) {
        VLOG_WARN_RL(&rl, "msg %d", i);
    }
    s = read_file(name);
    CHECK_INT(count_lines(s, "msg "), 23);
    free(s);
}
OVSTEST_REGISTER("vlog/rate-limit", test_vlog_rate_limit);

/* Checks that LINE is a log file line for MODULE, LEVEL and MESSAGE with
 * sequence number SEQ in the default file format. */
static void
check_file_line(const char *line, int seq, const char *rest)
{
    int y, mo, d, h, mi, s, ms, n = 0, got_seq;

    CHECK(sscanf(line, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ|%5d|%n",
                 &y, &mo, &d, &h, &mi, &s, &ms, &got_seq, &n) == 8);
    CHECK(n == 31);
    CHECK_INT(got_seq, seq);
    CHECK(!strncmp(line + n, rest, strlen(rest)));
}

static void
test_vlog_log_file(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char *cwd = get_cwd();
    char *name = xasprintf("%s/test.log", cwd);
    char *expected;
    struct stat st;
    char *s, *line;

    capture_stderr();
    CHECK(!vlog_log_file_configured());
    CHECK_INT(vlog_reopen_log_file(), 0);
    check_ok("ANY:console:off");
    check_ok("ANY:syslog:off");
    CHECK(!VLOG_IS_DBG_ENABLED());
    check_ok("test_vlog:file:dbg");
    CHECK(!VLOG_IS_DBG_ENABLED());      /* No file open yet. */

    CHECK_INT(vlog_set_log_file(name), 0);
    CHECK(vlog_log_file_configured());
    CHECK(VLOG_IS_DBG_ENABLED());
    CHECK(!stat(name, &st));
    CHECK_INT(st.st_mode & 0777, 0640 & ~umask(022));
    VLOG_DBG("first");

    /* Reopening the same file does nothing. */
    CHECK_INT(vlog_reopen_log_file(), 0);
    CHECK_INT(vlog_set_log_file(name), 0);

    /* Log rotation: rename, reopen, log again. */
    CHECK(!rename("test.log", "test.log.1"));
    VLOG_DBG("second");
    CHECK_INT(vlog_reopen_log_file(), 0);
    VLOG_DBG("third");

    s = read_file("test.log.1");
    line = s;
    expected = xasprintf("vlog|INFO|opened log file %s\n", name);
    check_file_line(line, 1, expected);
    line = strchr(line, '\n') + 1;
    check_file_line(line, 2, "test_vlog|DBG|first\n");
    line = strchr(line, '\n') + 1;
    check_file_line(line, 3, "test_vlog|DBG|second\n");
    line = strchr(line, '\n') + 1;
    check_file_line(line, 4, "vlog|INFO|closing log file\n");
    line = strchr(line, '\n') + 1;
    CHECK_STR(line, "");
    free(s);

    s = read_file("test.log");
    line = s;
    check_file_line(line, 5, expected);
    line = strchr(line, '\n') + 1;
    check_file_line(line, 6, "test_vlog|DBG|third\n");
    free(s);

    /* Close: nothing more is written, and dbg is off again; reopen opens
     * the same name. */
    vlog_close_log_file();
    CHECK(!VLOG_IS_DBG_ENABLED());
    VLOG_INFO("lost");
    CHECK(vlog_log_file_configured());
    CHECK_INT(vlog_reopen_log_file(), 0);
    VLOG_INFO("found");
    s = read_file("test.log");
    CHECK(!strstr(s, "lost"));
    CHECK(strstr(s, "|00007|vlog|INFO|opened log file"));
    CHECK(strstr(s, "|00008|test_vlog|INFO|found\n"));
    free(s);

    /* A file that cannot be opened. */
    CHECK_INT(vlog_set_log_file("/nonexistent/dir/x.log"), ENOENT);
    CHECK(!VLOG_IS_DBG_ENABLED());
    CHECK_INT(vlog_reopen_log_file(), ENOENT);

    free(expected);
    free(name);
    free(cwd);
}
OVSTEST_REGISTER("vlog/log-file", test_vlog_log_file);

static void
test_vlog_default_log_file(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char *name;
    char *s;

    capture_stderr();
    set_program_name("test-vlog");
    setenv("OVS_LOGDIR", ".", 1);
    CHECK_INT(vlog_set_log_file(NULL), 0);
    VLOG_WARN("hello");
    name = xstrdup("./test-vlog.log");
    s = read_file(name);
    CHECK(strstr(s, "|vlog|INFO|opened log file ./test-vlog.log\n"));
    CHECK(strstr(s, "|test_vlog|WARN|hello\n"));
    free(s);
    free(name);
}
OVSTEST_REGISTER("vlog/default-log-file", test_vlog_default_log_file);

/* Logs from several threads at once: every line must arrive whole and
 * every sequence number exactly once. */
#define N_THREADS 4
#define N_PER_THREAD 500

static void *
log_thread(void *aux)
{
    int id = (int) (intptr_t) aux;
    int i;

    for (i = 0; i < N_PER_THREAD; i++) {
        VLOG_INFO("thread %d message %d", id, i);
    }
    return NULL;
}

static void
test_vlog_threads(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    pthread_t threads[N_THREADS];
    bool seen[N_THREADS * N_PER_THREAD + 2];
    char *s, *line;
    int i, n_lines = 0;

    capture_stderr();
    check_ok("ANY:console:off");
    check_ok("pattern:file:%N|%m");
    CHECK_INT(vlog_set_log_file("threads.log"), 0);
    for (i = 0; i < N_THREADS; i++) {
        CHECK(!pthread_create(&threads[i], NULL, log_thread,
                              (void *) (intptr_t) i));
    }
    for (i = 0; i < N_THREADS; i++) {
        pthread_join(threads[i], NULL);
    }
    memset(seen, 0, sizeof seen);
    s = read_file("threads.log");
    for (line = s; *line; line = strchr(line, '\n') + 1) {
        int seq, id, n, len = 0;

        if (sscanf(line, "%d|thread %d message %d\n%n", &seq, &id, &n, &len)
            == 3) {
            CHECK(len > 0);
            CHECK(seq >= 1 && seq < (int) ARRAY_SIZE(seen));
            CHECK(!seen[seq]);
            seen[seq] = true;
            n_lines++;
        }
    }
    CHECK_INT(n_lines, N_THREADS * N_PER_THREAD);
    free(s);
}
OVSTEST_REGISTER("vlog/threads", test_vlog_threads);
