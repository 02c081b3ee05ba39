/* util.c: see util.h. */
#include <config.h>
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *program_name = "";

void
ovs_assert_failure(const char *where, const char *function,
                   const char *condition)
{
    fprintf(stderr, "%s: %s: assertion %s failed in %s()\n",
            program_name, where, condition, function);
    fflush(stderr);
    abort();
}

void
set_program_name(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    const char *name = slash ? slash + 1 : argv0;

    /* libtool wrapper scripts run the real binary as "lt-NAME". */
    if (!strncmp(name, "lt-", 3)) {
        name += 3;
    }
    program_name = name;
}

const char *
ovs_get_program_name(void)
{
    return program_name;
}

const char *
ovs_get_program_version(void)
{
    return PACKAGE_VERSION;
}

void
ovs_print_version(void)
{
    printf("%s (Open vSwitch) %s\n", program_name, PACKAGE_VERSION);
}

void
out_of_memory(void)
{
    static const char msg[] = ": virtual memory exhausted\n";

    /* Avoid stdio, which might itself need memory. */
    ssize_t retval OVS_UNUSED;
    retval = write(STDERR_FILENO, program_name, strlen(program_name));
    retval = write(STDERR_FILENO, msg, sizeof msg - 1);
    abort();
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xcalloc(size_t count, size_t size)
{
    void *p = count && size ? calloc(count, size) : malloc(1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xzalloc(size_t size)
{
    return xcalloc(1, size);
}

void *
xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xmemdup(const void *p, size_t size)
{
    void *copy = xmalloc(size);
    if (size) {
        memcpy(copy, p, size);
    }
    return copy;
}

char *
xmemdup0(const char *p, size_t length)
{
    char *copy = xmalloc(length + 1);
    if (length) {
        memcpy(copy, p, length);
    }
    copy[length] = '\0';
    return copy;
}

char *
xstrdup(const char *s)
{
    return xmemdup0(s, strlen(s));
}

char *
nullable_xstrdup(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

bool
nullable_string_is_equal(const char *a, const char *b)
{
    return a ? b && !strcmp(a, b) : !b;
}

char *
xvasprintf(const char *format, va_list args)
{
    va_list args2;
    int needed;
    char *s;

    va_copy(args2, args);
    needed = vsnprintf(NULL, 0, format, args);
    if (needed < 0) {
        out_of_memory();
    }
    s = xmalloc(needed + 1);
    vsnprintf(s, needed + 1, format, args2);
    va_end(args2);
    return s;
}

char *
xasprintf(const char *format, ...)
{
    va_list args;
    char *s;

    va_start(args, format);
    s = xvasprintf(format, args);
    va_end(args);
    return s;
}

/* Grows the array P of *N elements of S bytes each: to a small first size if
 * it is empty, otherwise to about double.  Updates *N. */
void *
x2nrealloc(void *p, size_t *n, size_t s)
{
    if (*n == 0) {
        *n = MAX(1, 64 / s);
    } else {
        if (*n >= SIZE_MAX / 2 / s) {
            out_of_memory();
        }
        *n *= 2;
    }
    return xrealloc(p, *n * s);
}

void
ovs_strlcpy(char *dst, const char *src, size_t size)
{
    if (size > 0) {
        size_t len = strnlen(src, size - 1);
        memcpy(dst, src, len);
        dst[len] = '\0';
    }
}

void
ovs_strzcpy(char *dst, const char *src, size_t size)
{
    if (size > 0) {
        size_t len = strnlen(src, size - 1);
        memcpy(dst, src, len);
        memset(dst + len, '\0', size - len);
    }
}

void
ovs_error_valist(int err_no, const char *format, va_list args)
{
    int save_errno = errno;

    fprintf(stderr, "%s: ", program_name);
    vfprintf(stderr, format, args);
    if (err_no != 0) {
        fprintf(stderr, " (%s)", ovs_retval_to_string(err_no));
    }
    putc('\n', stderr);
    errno = save_errno;
}

void
ovs_error(int err_no, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    ovs_error_valist(err_no, format, args);
    va_end(args);
}

void
ovs_fatal_valist(int err_no, const char *format, va_list args)
{
    ovs_error_valist(err_no, format, args);
    exit(EXIT_FAILURE);
}

void
ovs_fatal(int err_no, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    ovs_fatal_valist(err_no, format, args);
}

const char *
ovs_strerror(int err_no)
{
    static __thread char buffer[128];
    const char *s;

    /* GNU strerror_r() may or may not use BUFFER. */
    s = strerror_r(err_no, buffer, sizeof buffer);
    return s;
}

const char *
ovs_retval_to_string(int retval)
{
    return (!retval ? "Success"
            : retval == EOF ? "End of file"
            : ovs_strerror(retval));
}

void
ovs_hex_dump(FILE *stream, const void *buf_, size_t size, uintptr_t ofs,
             bool ascii)
{
    const uint8_t *buf = buf_;
    const size_t per_line = 16;

    while (size > 0) {
        size_t start = ofs % per_line;
        size_t end = MIN(per_line, start + size);
        size_t n = end - start;
        size_t i;

        fprintf(stream, "%08jx  ", (uintmax_t) ROUND_DOWN(ofs, per_line));
        for (i = 0; i < start; i++) {
            fprintf(stream, "   ");
        }
        for (; i < end; i++) {
            fprintf(stream, "%02x%c", buf[i - start],
                    i == per_line / 2 - 1 ? '-' : ' ');
        }
        if (ascii) {
            for (; i < per_line; i++) {
                fprintf(stream, "   ");
            }
            fprintf(stream, "|");
            for (i = 0; i < start; i++) {
                fprintf(stream, " ");
            }
            for (; i < end; i++) {
                int c = buf[i - start];
                putc(c >= 32 && c < 127 ? c : '.', stream);
            }
            for (; i < per_line; i++) {
                fprintf(stream, " ");
            }
            fprintf(stream, "|");
        }
        fprintf(stream, "\n");

        ofs += n;
        buf += n;
        size -= n;
    }
}

bool
str_to_llong(const char *s, int base, long long *value)
{
    char *tail;
    int save_errno = errno;

    errno = 0;
    *value = strtoll(s, &tail, base);
    if (errno == ERANGE || tail == s || *tail != '\0'
        || isspace((unsigned char) *s)) {
        errno = save_errno;
        *value = 0;
        return false;
    }
    errno = save_errno;
    return true;
}

bool
str_to_ullong(const char *s, int base, unsigned long long *value)
{
    char *tail;
    int save_errno = errno;

    errno = 0;
    *value = strtoull(s, &tail, base);
    if (errno == ERANGE || tail == s || *tail != '\0' || *s == '-'
        || isspace((unsigned char) *s)) {
        errno = save_errno;
        *value = 0;
        return false;
    }
    errno = save_errno;
    return true;
}

bool
str_to_long(const char *s, int base, long *value)
{
    long long ll;
    bool ok = str_to_llong(s, base, &ll);

    if (!ok || ll < LONG_MIN || ll > LONG_MAX) {
        *value = 0;
        return false;
    }
    *value = ll;
    return true;
}

bool
str_to_int(const char *s, int base, int *value)
{
    long long ll;
    bool ok = str_to_llong(s, base, &ll);

    if (!ok || ll < INT_MIN || ll > INT_MAX) {
        *value = 0;
        return false;
    }
    *value = ll;
    return true;
}

bool
str_to_uint(const char *s, int base, unsigned int *value)
{
    unsigned long long ull;
    bool ok = str_to_ullong(s, base, &ull);

    if (!ok || ull > UINT_MAX) {
        *value = 0;
        return false;
    }
    *value = ull;
    return true;
}

bool
str_to_double(const char *s, double *d)
{
    char *tail;
    int save_errno = errno;

    errno = 0;
    *d = strtod(s, &tail);
    if (errno == EINVAL || (errno == ERANGE && *d != 0)
        || tail == s || *tail != '\0' || isspace((unsigned char) *s)
        || !isfinite(*d)) {
        errno = save_errno;
        *d = 0;
        return false;
    }
    errno = save_errno;
    return true;
}

int
hexit_value(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    } else if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    } else {
        return -1;
    }
}

int
hexits_value(const char *s, size_t n)
{
    int value = 0;
    size_t i;

    ovs_assert(n <= 7);
    for (i = 0; i < n; i++) {
        int digit = hexit_value((unsigned char) s[i]);

        if (digit < 0) {
            return -1;
        }
        value = (value << 4) | digit;
    }
    return value;
}

char *
dir_name(const char *file_name)
{
    size_t len = strlen(file_name);

    while (len > 0 && file_name[len - 1] == '/') {
        len--;
    }
    while (len > 0 && file_name[len - 1] != '/') {
        len--;
    }
    while (len > 0 && file_name[len - 1] == '/') {
        len--;
    }
    return (len ? xmemdup0(file_name, len)
            : *file_name == '/' ? xstrdup("/")
            : xstrdup("."));
}

char *
base_name(const char *file_name)
{
    size_t end, start;

    end = strlen(file_name);
    while (end > 0 && file_name[end - 1] == '/') {
        end--;
    }
    if (!end) {
        return xstrdup(*file_name == '/' ? "/" : "");
    }
    start = end;
    while (start > 0 && file_name[start - 1] != '/') {
        start--;
    }
    return xmemdup0(file_name + start, end - start);
}

char *
get_cwd(void)
{
    size_t size = 256;

    for (;;) {
        char *buf = xmalloc(size);
        if (getcwd(buf, size)) {
            return buf;
        }
        free(buf);
        if (errno != ERANGE) {
            return NULL;
        }
        size *= 2;
    }
}

/* Returns FILE_NAME as an absolute name: unchanged if it already is one,
 * otherwise relative to DIR (or to the working directory if DIR is NULL).
 * Returns NULL only if the working directory cannot be determined. */
char *
abs_file_name(const char *dir, const char *file_name)
{
    if (file_name[0] == '/') {
        return xstrdup(file_name);
    } else if (dir && dir[0]) {
        const char *sep = dir[strlen(dir) - 1] == '/' ? "" : "/";
        return xasprintf("%s%s%s", dir, sep, file_name);
    } else {
        char *cwd = get_cwd();
        if (cwd) {
            char *abs_name = xasprintf("%s/%s", cwd, file_name);
            free(cwd);
            return abs_name;
        }
        return NULL;
    }
}

void
ovs_close_fd(int fd)
{
    if (fd >= 0) {
        int save_errno = errno;
        close(fd);
        errno = save_errno;
    }
}
