/* dynamic-string.h: a growable, always null-terminated string buffer.
 *
 * A struct ds owns its buffer.  ds_cstr() returns a pointer into it that
 * stays valid until the next call that changes the string; ds_steal_cstr()
 * hands the buffer to the caller, who frees it with free().  Every append
 * grows the buffer geometrically, so building a string piece by piece is
 * linear in its length.  An empty ds (DS_EMPTY_INITIALIZER) allocates
 * nothing until the first append. */
#ifndef DYNAMIC_STRING_H
#define DYNAMIC_STRING_H 1

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "compiler.h"

struct ds {
    char *string;       /* Null-terminated, or NULL if nothing allocated. */
    size_t length;      /* Bytes in use, not counting the null. */
    size_t allocated;   /* Capacity, not counting room for the null. */
};

#define DS_EMPTY_INITIALIZER { NULL, 0, 0 }

void ds_init(struct ds *);
void ds_clear(struct ds *);
void ds_truncate(struct ds *, size_t new_length);
void ds_reserve(struct ds *, size_t min_length);
char *ds_put_uninit(struct ds *, size_t n);   /* Appends N bytes, returns
                                               * where to write them. */
static inline void ds_put_char(struct ds *, char);
void ds_put_char__(struct ds *, char);
void ds_put_char_multiple(struct ds *, char, size_t n);
void ds_put_utf8(struct ds *, int uc);         /* Code point UC as UTF-8. */
void ds_put_buffer(struct ds *, const char *, size_t n);
void ds_put_cstr(struct ds *, const char *);
void ds_put_and_free_cstr(struct ds *, char *);
void ds_put_format(struct ds *, const char *, ...) OVS_PRINTF_FORMAT(2, 3);
void ds_put_format_valist(struct ds *, const char *, va_list)
    OVS_PRINTF_FORMAT(2, 0);
/* Appends S, escaping non-printable bytes as \ooo; spaces and the like are
 * kept unless they need quoting.  Used for diagnostics. */
void ds_put_printable(struct ds *, const char *, size_t);
/* Appends BUF as lowercase hex digits, no separators. */
void ds_put_hex(struct ds *, const void *buf, size_t size);
/* Appends a hex dump in the format of ovs_hex_dump(). */
void ds_put_hex_dump(struct ds *, const void *buf, size_t size,
                     uintptr_t ofs, bool ascii);
/* Appends the time WHEN (milliseconds since the epoch) formatted by
 * strftime TEMPLATE, in UTC if UTC, else local time.  The extra conversion
 * "#" in TEMPLATE is replaced by one digit of milliseconds per '#' (so
 * "%H:%M:%S.###" gives 12:34:56.789). */
void ds_put_strftime_msec(struct ds *, const char *template, long long when,
                          bool utc);
/* Reads one line from FILE into DS (replacing its content) without the
 * newline.  Returns 0 on success, EOF at end of file with nothing read. */
int ds_get_line(struct ds *, FILE *);

char *ds_cstr(struct ds *);
const char *ds_cstr_ro(const struct ds *);
char *ds_steal_cstr(struct ds *);
void ds_destroy(struct ds *);
void ds_swap(struct ds *, struct ds *);
void ds_clone(struct ds *dst, const struct ds *src);
int ds_last(const struct ds *);     /* Last byte, or EOF if empty. */
bool ds_chomp(struct ds *, int c);  /* Removes a trailing C if present. */
void ds_trim_trailing_spaces(struct ds *);

static inline void
ds_put_char(struct ds *ds, char c)
{
    if (ds->length < ds->allocated) {
        ds->string[ds->length++] = c;
        ds->string[ds->length] = '\0';
    } else {
        ds_put_char__(ds, c);
    }
}

#endif /* dynamic-string.h */
