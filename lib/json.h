/* json.h: JSON values, a strict parser (whole-buffer and incremental) and a
 * fast serializer, as OVSDB (RFC 7047) and JSON-RPC need them.
 *
 * Values.  A struct json is one JSON value of one of the types in enum
 * json_type.  Values are reference counted: json_clone() takes another
 * reference in O(1), json_destroy() drops one and frees the value (and,
 * recursively, the references it holds) when the last goes.  A value that
 * has more than one reference is shared and must not be modified; use
 * json_deep_clone() to get a private copy.  Constructors never fail (they
 * abort on memory exhaustion like xmalloc()).  Constructors and "put"/"add"
 * functions take ownership of the struct json references passed to them;
 * the _nocopy variants also take ownership of malloc'd strings.
 *
 * Numbers.  The parser yields JSON_INTEGER (a long long) for every number
 * whose exact decimal value is an integer that fits in 64 signed bits, even
 * if it is written with a fraction or exponent ("1.0", "1e2", "-0.0"), and
 * JSON_REAL (a finite double) for the rest.  This matches what upstream
 * Open vSwitch does, so an OVSDB "integer" column accepts 1.0.  A number
 * whose magnitude a double cannot represent ("1e400", "5e-324") is an
 * error, except that one too small for even a subnormal ("1e-400") is
 * integer 0, as upstream has it.  The serializer prints integers exactly
 * and reals with the fewest of 15, 16 or 17 significant digits ("%.15g"
 * first, as upstream prints them) that read back as the same double, so a
 * real that happens to be integral prints as an integer ("100"), exactly
 * like upstream.
 *
 * Strings are null-terminated UTF-8.  The parser rejects invalid UTF-8
 * (overlong forms, encoded surrogates, values above U+10FFFF, truncated
 * sequences), unescaped control characters, unpaired surrogate escapes and
 * \u0000 (OVSDB strings cannot hold a null byte).
 *
 * Parsing.  By default the top-level value must be an object or an array
 * (as in upstream OVS and RFC 4627); JSPF_SCALAR also allows any value, as
 * RFC 8259 does.  Nesting deeper than JSON_MAX_DEPTH containers is an
 * error, and the parser never recurses, so no input can exhaust the stack.
 * Errors are strings of the form "line L, column C, byte B: message" with
 * 0-based line numbers and byte-based columns, word for word what upstream
 * prints for the same input wherever upstream detects the same error.
 * Duplicate member names are accepted and the last one wins (upstream's
 * behaviour) unless JSPF_NO_DUPLICATES is given.
 *
 * Several functions return a parse result as a struct json that is either
 * the value or, on error, a JSON_STRING holding the error message (the
 * upstream convention): callers that expect an object or array just check
 * for JSON_STRING.  The _checked variants instead return NULL and a
 * malloc'd message in '*errorp', which is unambiguous with JSPF_SCALAR.
 *
 * Functions that walk a value (json_destroy(), json_equal(), serializers,
 * ...) recurse once per level of nesting; values from the parser are at
 * most JSON_MAX_DEPTH deep.
 *
 * Thread safety: none of this uses global state; distinct values and
 * parsers may be used from different threads, and a value that no thread
 * modifies (nor clones or destroys) may be read by several at once. */
#ifndef JSON_H
#define JSON_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "compiler.h"
#include "shash.h"

struct ds;

enum json_type {
    JSON_NULL,
    JSON_FALSE,
    JSON_TRUE,
    JSON_OBJECT,                /* Members in a struct shash. */
    JSON_ARRAY,                 /* Elements in a struct json_array. */
    JSON_INTEGER,               /* long long int. */
    JSON_REAL,                  /* double, always finite. */
    JSON_STRING,                /* char *, UTF-8, null-terminated. */
    JSON_N_TYPES
};

/* Returns "null", "false", "true", "object", "array", "integer", "real" or
 * "string". */
const char *json_type_to_string(enum json_type);

struct json_array {
    size_t n;                   /* Number of elements. */
    size_t n_allocated;         /* Capacity of 'elems'. */
    struct json **elems;        /* Each element holds one reference. */
};

struct json {
    enum json_type type;
    size_t count;               /* Reference count. */
    union {
        struct shash object;    /* JSON_OBJECT: name -> struct json *. */
        struct json_array array; /* JSON_ARRAY. */
        long long int integer;  /* JSON_INTEGER. */
        double real;            /* JSON_REAL. */
        char *string;           /* JSON_STRING. */
    };
};

/* The deepest nesting of objects and arrays that the parser accepts. */
#define JSON_MAX_DEPTH 1000

/* Constructors. */
struct json *json_null_create(void);
struct json *json_boolean_create(bool);
struct json *json_string_create(const char *);
struct json *json_string_create_nocopy(char *);
struct json *json_string_create_format(const char *format, ...)
    OVS_PRINTF_FORMAT(1, 2);
struct json *json_integer_create(long long int);
struct json *json_real_create(double);

struct json *json_array_create_empty(void);
void json_array_add(struct json *array, struct json *element);
/* Takes ownership of ELEMENTS, an array of N references allocated with
 * malloc() (it may be NULL if N is 0). */
struct json *json_array_create(struct json **elements, size_t n);
struct json *json_array_create_1(struct json *);
struct json *json_array_create_2(struct json *, struct json *);
struct json *json_array_create_3(struct json *, struct json *,
                                 struct json *);

struct json *json_object_create(void);
/* These replace (and destroy) any existing member with the same name. */
void json_object_put(struct json *object, const char *name,
                     struct json *value);
void json_object_put_nocopy(struct json *object, char *name,
                            struct json *value);
void json_object_put_string(struct json *object, const char *name,
                            const char *value);
/* Returns the value of member NAME of OBJECT, or NULL if there is none. */
struct json *json_object_get(const struct json *object, const char *name);

/* Accessors.  Each asserts that JSON has the right type (checking the type
 * of a value from a peer is the caller's job), except that json_real() also
 * converts a JSON_INTEGER. */
const char *json_string(const struct json *);
long long int json_integer(const struct json *);
double json_real(const struct json *);
bool json_boolean(const struct json *);
const struct json_array *json_array(const struct json *);
struct shash *json_object(const struct json *);

/* Reference counting and copying. */
struct json *json_clone(const struct json *);
struct json *json_deep_clone(const struct json *);
void json_destroy(struct json *);

/* Comparison.  Values of different types are never equal (so 1 is not
 * equal to 1.0); member order does not matter. */
bool json_equal(const struct json *, const struct json *);
size_t json_hash(const struct json *, size_t basis);

/* Parsing a whole buffer or file. */
enum {
    JSPF_TRAILER = 1 << 0,      /* Only white space may follow the value. */
    JSPF_SCALAR = 1 << 1,       /* The top-level value may be any type. */
    JSPF_NO_DUPLICATES = 1 << 2 /* Duplicate member names are an error. */
};

/* These parse with JSPF_TRAILER and return the value or a JSON_STRING
 * holding the error message (see the top of this file). */
struct json *json_from_string(const char *);
struct json *json_from_file(const char *file_name);
struct json *json_from_stream(FILE *);

/* Parses the N bytes at DATA (which need not be null-terminated and may
 * contain null bytes) with FLAGS.  Returns the value, or NULL and a
 * malloc'd error message in '*errorp'.  ERRORP may be NULL.  On success,
 * '*errorp' is set to NULL. */
struct json *json_from_buffer(const char *data, size_t n, int flags,
                              char **errorp);
/* Same as json_from_buffer(S, strlen(S), JSPF_TRAILER, ERRORP). */
struct json *json_from_string_checked(const char *s, char **errorp);

/* Incremental parsing of a byte stream, for example JSON-RPC messages read
 * from a socket in arbitrary chunks:
 *
 *     p = json_parser_create(0);
 *     while (more bytes) {
 *         used = json_parser_feed(p, buf, n);  (consume 'used' bytes)
 *         if (json_parser_is_done(p)) {
 *             value = json_parser_finish(p);   (also frees 'p')
 *             ...
 *         }
 *     }
 *
 * json_parser_feed() consumes bytes up to the end of one complete top-level
 * value (or up to an error) and returns how many it consumed, so that the
 * bytes of the next value stay with the caller.  With JSPF_TRAILER it keeps
 * consuming, since only white space may follow, and is done only on error;
 * the caller calls json_parser_finish() at the end of its input.  A value
 * may be split at any byte.  json_parser_finish() ends the input, frees the
 * parser and returns the value or a JSON_STRING error;
 * json_parser_finish_checked() does the same but returns errors like
 * json_from_buffer().  json_parser_abort() frees a parser and whatever it
 * had parsed. */
struct json_parser *json_parser_create(int flags);
size_t json_parser_feed(struct json_parser *, const char *data, size_t n);
bool json_parser_is_done(const struct json_parser *);
struct json *json_parser_finish(struct json_parser *);
struct json *json_parser_finish_checked(struct json_parser *,
                                        char **errorp);
void json_parser_abort(struct json_parser *);

/* Serialization. */
enum {
    JSSF_PRETTY = 1 << 0,       /* Indented, one member or element a line,
                                 * in the layout of upstream's --pretty. */
    JSSF_SORT = 1 << 1          /* Object members sorted by name. */
};
/* Returns JSON serialized per FLAGS, in a malloc'd string without a
 * trailing new-line. */
char *json_to_string(const struct json *, int flags);
/* Appends JSON serialized per FLAGS to DS. */
void json_to_ds(const struct json *, int flags, struct ds *);
/* Appends S as a quoted, escaped JSON string to DS. */
void json_string_escape(const char *s, struct ds *);

#endif /* json.h */
