/* dynamic-string.c: see dynamic-string.h. */
#include <config.h>
#include "dynamic-string.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <time.h>
#include "util.h"

void
ds_init(struct ds *ds)
{
    ds->string = NULL;
    ds->length = 0;
    ds->allocated = 0;
}

void
ds_clear(struct ds *ds)
{
    ds->length = 0;
    if (ds->string) {
        ds->string[0] = '\0';
    }
}

void
ds_truncate(struct ds *ds, size_t new_length)
{
    if (ds->length > new_length) {
        ds->length = new_length;
        ds->string[new_length] = '\0';
    }
}

void
ds_reserve(struct ds *ds, size_t min_length)
{
    if (min_length > ds->allocated || !ds->string) {
        ds->allocated = MAX(MAX(min_length, ds->allocated * 2), 15);
        ds->string = xrealloc(ds->string, ds->allocated + 1);
        ds->string[ds->length] = '\0';
    }
}

char *
ds_put_uninit(struct ds *ds, size_t n)
{
    ds_reserve(ds, ds->length + n);
    ds->length += n;
    ds->string[ds->length] = '\0';
    return &ds->string[ds->length - n];
}

void
ds_put_char__(struct ds *ds, char c)
{
    *ds_put_uninit(ds, 1) = c;
}

void
ds_put_char_multiple(struct ds *ds, char c, size_t n)
{
    memset(ds_put_uninit(ds, n), c, n);
}

void
ds_put_utf8(struct ds *ds, int uc)
{
    if (uc <= 0x7f) {
        ds_put_char(ds, uc);
    } else if (uc <= 0x7ff) {
        ds_put_char(ds, 0xc0 | (uc >> 6));
        ds_put_char(ds, 0x80 | (uc & 0x3f));
    } else if (uc <= 0xffff) {
        ds_put_char(ds, 0xe0 | (uc >> 12));
        ds_put_char(ds, 0x80 | ((uc >> 6) & 0x3f));
        ds_put_char(ds, 0x80 | (uc & 0x3f));
    } else if (uc <= 0x10ffff) {
        ds_put_char(ds, 0xf0 | (uc >> 18));
        ds_put_char(ds, 0x80 | ((uc >> 12) & 0x3f));
        ds_put_char(ds, 0x80 | ((uc >> 6) & 0x3f));
        ds_put_char(ds, 0x80 | (uc & 0x3f));
    } else {
        /* Not a code point: the replacement character. */
        ds_put_utf8(ds, 0xfffd);
    }
}

void
ds_put_buffer(struct ds *ds, const char *s, size_t n)
{
    if (n) {
        memcpy(ds_put_uninit(ds, n), s, n);
    }
}

void
ds_put_cstr(struct ds *ds, const char *s)
{
    ds_put_buffer(ds, s, strlen(s));
}

void
ds_put_and_free_cstr(struct ds *ds, char *s)
{
    ds_put_cstr(ds, s);
    free(s);
}

void
ds_put_format(struct ds *ds, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    ds_put_format_valist(ds, format, args);
    va_end(args);
}

void
ds_put_format_valist(struct ds *ds, const char *format, va_list args_)
{
    size_t available;
    va_list args;
    int needed;

    va_copy(args, args_);
    available = ds->string ? ds->allocated - ds->length + 1 : 0;
    needed = vsnprintf(ds->string ? &ds->string[ds->length] : NULL,
                       available, format, args);
    va_end(args);

    if (needed < 0) {
        return;
    }
    if (needed < available) {
        ds->length += needed;
    } else {
        ds_reserve(ds, ds->length + needed);
        va_copy(args, args_);
        vsnprintf(&ds->string[ds->length], needed + 1, format, args);
        va_end(args);
        ds->length += needed;
    }
}

void
ds_put_printable(struct ds *ds, const char *s, size_t n)
{
    size_t i;

    ds_reserve(ds, ds->length + n);
    for (i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (isprint(c) && c != '\\') {
            ds_put_char(ds, c);
        } else {
            ds_put_format(ds, "\\%03o", c);
        }
    }
}

void
ds_put_hex(struct ds *ds, const void *buf_, size_t size)
{
    static const char digits[] = "0123456789abcdef";
    const uint8_t *buf = buf_;
    char *p = ds_put_uninit(ds, size * 2);
    size_t i;

    for (i = 0; i < size; i++) {
        *p++ = digits[buf[i] >> 4];
        *p++ = digits[buf[i] & 15];
    }
}

void
ds_put_hex_dump(struct ds *ds, const void *buf, size_t size, uintptr_t ofs,
                bool ascii)
{
    char *text = NULL;
    size_t text_len = 0;
    FILE *stream = open_memstream(&text, &text_len);

    if (!stream) {
        out_of_memory();
    }
    ovs_hex_dump(stream, buf, size, ofs, ascii);
    fclose(stream);
    ds_put_buffer(ds, text, text_len);
    free(text);
}

void
ds_put_strftime_msec(struct ds *ds, const char *template, long long when,
                     bool utc)
{
    time_t secs = when >= 0 ? when / 1000 : -((-when + 999) / 1000);
    int msec = when - (long long) secs * 1000;
    struct ds fmt = DS_EMPTY_INITIALIZER;
    struct tm tm;
    const char *p;
    char buf[256];
    size_t n;

    if (utc) {
        gmtime_r(&secs, &tm);
    } else {
        localtime_r(&secs, &tm);
    }

    /* Expand runs of '#' into millisecond digits before strftime. */
    for (p = template; *p; p++) {
        if (*p == '#') {
            static const int divisors[3] = { 100, 10, 1 };
            int i;

            for (i = 0; p[i] == '#'; i++) {
                ds_put_char(&fmt, i < 3 ? '0' + msec / divisors[i] % 10 : '0');
            }
            p += i - 1;
        } else {
            ds_put_char(&fmt, *p);
        }
    }
    n = strftime(buf, sizeof buf, ds_cstr(&fmt), &tm);
    ds_put_buffer(ds, buf, n);
    ds_destroy(&fmt);
}

int
ds_get_line(struct ds *ds, FILE *file)
{
    ds_clear(ds);
    for (;;) {
        int c = getc(file);
        if (c == EOF) {
            return ds->length ? 0 : EOF;
        } else if (c == '\n') {
            return 0;
        } else {
            ds_put_char(ds, c);
        }
    }
}

char *
ds_cstr(struct ds *ds)
{
    if (!ds->string) {
        ds_reserve(ds, 0);
    }
    ds->string[ds->length] = '\0';
    return ds->string;
}

const char *
ds_cstr_ro(const struct ds *ds)
{
    return ds->string ? ds->string : "";
}

char *
ds_steal_cstr(struct ds *ds)
{
    char *s = ds_cstr(ds);

    ds_init(ds);
    return s;
}

void
ds_destroy(struct ds *ds)
{
    free(ds->string);
}

void
ds_swap(struct ds *a, struct ds *b)
{
    struct ds tmp = *a;

    *a = *b;
    *b = tmp;
}

void
ds_clone(struct ds *dst, const struct ds *src)
{
    ds_init(dst);
    ds_put_buffer(dst, ds_cstr_ro(src), src->length);
}

int
ds_last(const struct ds *ds)
{
    return ds->length > 0 ? (unsigned char) ds->string[ds->length - 1] : EOF;
}

bool
ds_chomp(struct ds *ds, int c)
{
    if (ds->length > 0 && ds->string[ds->length - 1] == (char) c) {
        ds->string[--ds->length] = '\0';
        return true;
    }
    return false;
}

void
ds_trim_trailing_spaces(struct ds *ds)
{
    while (ds->length > 0
           && isspace((unsigned char) ds->string[ds->length - 1])) {
        ds->string[--ds->length] = '\0';
    }
}
