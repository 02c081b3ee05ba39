/* util.h: memory helpers, assertions, fatal errors, program identity and
 * small arithmetic and string helpers that every other module uses.
 *
 * Memory: the x*() allocators never return NULL; on exhaustion they print a
 * message and abort, so callers never check.  Whoever allocates with them
 * frees with free().
 *
 * Errors: functions across the tree return 0 for success or a positive errno
 * value.  ovs_strerror() turns such a value (or EOF) into text and is safe
 * to call from any thread.
 *
 * Assertions: ovs_assert() is always compiled in and always evaluates its
 * argument.  It is for invariants of our own code only: input from a peer
 * (a packet, a JSON message, a file) must be validated and rejected, never
 * asserted on. */
#ifndef UTIL_H
#define UTIL_H 1

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compiler.h"

#define ARRAY_SIZE(ARRAY) (sizeof (ARRAY) / sizeof (ARRAY)[0])

/* Casts POINTER to TYPE, dropping a const qualifier, for APIs that take
 * const input but hand back a pointer into it. */
#define CONST_CAST(TYPE, POINTER) ((TYPE) (uintptr_t) (POINTER))

/* Given POINTER, the address of MEMBER within a STRUCT, returns the address
 * of the STRUCT. */
#define CONTAINER_OF(POINTER, STRUCT, MEMBER) \
    ((STRUCT *) (void *) ((char *) (POINTER) - offsetof(STRUCT, MEMBER)))

/* Like CONTAINER_OF, but the type comes from OBJECT, which need not be
 * initialized (it is used only for its type). */
#define OBJECT_OFFSETOF(OBJECT, MEMBER) \
    offsetof(__typeof__(*(OBJECT)), MEMBER)
#define OBJECT_CONTAINING(POINTER, OBJECT, MEMBER) \
    ((__typeof__(OBJECT)) (void *) \
     ((char *) (POINTER) - OBJECT_OFFSETOF(OBJECT, MEMBER)))

/* Sets OBJECT to the object containing POINTER and evaluates to 1, so that
 * it can be used in the condition of a loop. */
#define ASSIGN_CONTAINER(OBJECT, POINTER, MEMBER) \
    ((OBJECT) = OBJECT_CONTAINING(POINTER, OBJECT, MEMBER), (void) 0, 1)

/* Initializes OBJECT so that the compiler sees it as used before the first
 * ASSIGN_CONTAINER. */
#define INIT_CONTAINER(OBJECT, POINTER, MEMBER) \
    ((OBJECT) = NULL, ASSIGN_CONTAINER(OBJECT, POINTER, MEMBER))

#ifndef MIN
#define MIN(X, Y) ((X) < (Y) ? (X) : (Y))
#endif
#ifndef MAX
#define MAX(X, Y) ((X) > (Y) ? (X) : (Y))
#endif
#define DIV_ROUND_UP(X, Y) (((X) + ((Y) - 1)) / (Y))
#define ROUND_UP(X, Y) (DIV_ROUND_UP(X, Y) * (Y))
#define ROUND_DOWN(X, Y) ((X) / (Y) * (Y))
#define IS_POW2(X) ((X) && !((X) & ((X) - 1)))

#define OVS_STRINGIZE(ARG) OVS_STRINGIZE2(ARG)
#define OVS_STRINGIZE2(ARG) #ARG
/* "file:line", for messages that point at the code. */
#define OVS_SOURCE_LOCATOR __FILE__ ":" OVS_STRINGIZE(__LINE__)

/* Assertions. */
#define ovs_assert(CONDITION)                                           \
    (OVS_LIKELY(CONDITION)                                              \
     ? (void) 0                                                         \
     : ovs_assert_failure(OVS_SOURCE_LOCATOR, __func__, #CONDITION))
void ovs_assert_failure(const char *where, const char *function,
                        const char *condition) OVS_NO_RETURN;
#define OVS_NOT_REACHED() abort()

/* Program identity: set once at the top of main(). */
void set_program_name(const char *argv0);
const char *ovs_get_program_name(void);
const char *ovs_get_program_version(void);
void ovs_print_version(void);

/* Memory. */
void out_of_memory(void) OVS_NO_RETURN;
void *xmalloc(size_t) __attribute__((__malloc__));
void *xcalloc(size_t, size_t) __attribute__((__malloc__));
void *xzalloc(size_t) __attribute__((__malloc__));
void *xrealloc(void *, size_t);
void *xmemdup(const void *, size_t) __attribute__((__malloc__));
char *xmemdup0(const char *, size_t) __attribute__((__malloc__));
char *xstrdup(const char *) __attribute__((__malloc__));
char *nullable_xstrdup(const char *) __attribute__((__malloc__));
char *xasprintf(const char *format, ...)
    OVS_PRINTF_FORMAT(1, 2) __attribute__((__malloc__));
char *xvasprintf(const char *format, va_list) OVS_PRINTF_FORMAT(1, 0)
    __attribute__((__malloc__));
void *x2nrealloc(void *p, size_t *n, size_t s);
bool nullable_string_is_equal(const char *a, const char *b);

/* Copies SRC into DST (of SIZE bytes), always null-terminating and
 * truncating if needed. */
void ovs_strlcpy(char *dst, const char *src, size_t size);
/* Like ovs_strlcpy() but zero-fills the rest of DST. */
void ovs_strzcpy(char *dst, const char *src, size_t size);

/* Errors.  ovs_error() prints "program: message (error text)" to stderr,
 * leaving off the parenthesized part if ERR_NO is 0; ovs_fatal() does the
 * same and then exits with status 1. */
void ovs_fatal(int err_no, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_NO_RETURN;
void ovs_fatal_valist(int err_no, const char *format, va_list)
    OVS_PRINTF_FORMAT(2, 0) OVS_NO_RETURN;
void ovs_error(int err_no, const char *format, ...) OVS_PRINTF_FORMAT(2, 3);
void ovs_error_valist(int err_no, const char *format, va_list)
    OVS_PRINTF_FORMAT(2, 0);
const char *ovs_strerror(int err_no);
/* Describes a function's return value: "Success" for 0, "End of file" for
 * EOF, otherwise the errno text. */
const char *ovs_retval_to_string(int retval);

/* Hex dump of BUF (SIZE bytes) to STREAM, 16 bytes a line, with offsets
 * starting at OFS and, if ASCII, a printable column. */
void ovs_hex_dump(FILE *stream, const void *buf, size_t size,
                  uintptr_t ofs, bool ascii);

/* Strict number parsing: the whole string must be a number in range, in
 * BASE (0 means C rules).  On failure *VALUE is set to 0 and false is
 * returned. */
bool str_to_int(const char *, int base, int *value);
bool str_to_long(const char *, int base, long *value);
bool str_to_llong(const char *, int base, long long *value);
bool str_to_uint(const char *, int base, unsigned int *value);
bool str_to_ullong(const char *, int base, unsigned long long *value);
bool str_to_double(const char *, double *value);

/* Hex digits.  hexit_value() returns the value of hex digit C (either
 * case) or -1 if C is not one.  hexits_value() returns the value of the N
 * (at most 7) hex digits at S, or -1 if any of them is not a hex digit. */
int hexit_value(int c);
int hexits_value(const char *s, size_t n);

/* File names. */
char *dir_name(const char *file_name);
char *base_name(const char *file_name);
char *abs_file_name(const char *dir, const char *file_name);
char *get_cwd(void);

/* Bits. */
static inline int
raw_ctz(uint64_t n)
{
    return __builtin_ctzll(n);
}

static inline int
raw_clz64(uint64_t n)
{
    return __builtin_clzll(n);
}

static inline int
count_1bits(uint64_t x)
{
    return __builtin_popcountll(x);
}

static inline bool
is_pow2(uintmax_t x)
{
    return IS_POW2(x);
}

/* Returns floor(log2(N)); N must be nonzero. */
static inline int
log_2_floor(uint64_t n)
{
    return 63 - raw_clz64(n);
}

/* Returns ceil(log2(N)); N must be nonzero. */
static inline int
log_2_ceil(uint64_t n)
{
    return log_2_floor(n) + !is_pow2(n);
}

/* Does nothing, but stops the compiler from optimizing away a computation
 * whose only purpose is measurement. */
#define ovs_ignore(X) ((void) (X))

/* Closes FD if it is nonnegative, keeping errno. */
void ovs_close_fd(int fd);

#endif /* util.h */
