/* json.c: see json.h.
 *
 * The parser is two state machines, both driven by json_parser_feed():
 *
 *   - The lexer turns bytes into tokens.  A token that lies wholly inside
 *     the chunk being fed (the common case) is decoded straight from the
 *     caller's buffer; one that runs off the end of a chunk is copied to
 *     'buffer' and completed by later feeds (or by json_parser_finish()).
 *     Strings are scanned a word at a time for the few bytes that need
 *     attention (quote, backslash, control characters), and a string with
 *     no escapes and no non-ASCII bytes is copied with one memcpy().
 *
 *   - The grammar keeps an explicit stack of open containers ('frames')
 *     and one shared stack of finished elements and members ('items').
 *     Closing a container moves its items into it in one step, so arrays
 *     get exactly the right size and objects' hash tables are sized once.
 *     Nothing recurses, so the nesting limit is a plain counter.
 *
 * Error positions follow upstream: an error is reported at the byte that
 * revealed it, not counting that byte; a number or keyword ended by the
 * end of input is followed by one virtual byte. */
#include <config.h>
#include "json.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include "dynamic-string.h"
#include "hash.h"
#include "util.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ---------------------------------------------------------------------- */
/* Values. */

static const char *const json_type_names[JSON_N_TYPES] = {
    [JSON_NULL] = "null",
    [JSON_FALSE] = "false",
    [JSON_TRUE] = "true",
    [JSON_OBJECT] = "object",
    [JSON_ARRAY] = "array",
    [JSON_INTEGER] = "integer",
    [JSON_REAL] = "real",
    [JSON_STRING] = "string",
};

const char *
json_type_to_string(enum json_type type)
{
    return type < JSON_N_TYPES ? json_type_names[type] : "<invalid>";
}

static struct json *
json_create(enum json_type type)
{
    struct json *json = xmalloc(sizeof *json);

    json->type = type;
    json->count = 1;
    return json;
}

struct json *
json_null_create(void)
{
    return json_create(JSON_NULL);
}

struct json *
json_boolean_create(bool b)
{
    return json_create(b ? JSON_TRUE : JSON_FALSE);
}

struct json *
json_string_create_nocopy(char *s)
{
    struct json *json = json_create(JSON_STRING);

    json->string = s;
    return json;
}

struct json *
json_string_create(const char *s)
{
    return json_string_create_nocopy(xstrdup(s));
}

struct json *
json_string_create_format(const char *format, ...)
{
    va_list args;
    char *s;

    va_start(args, format);
    s = xvasprintf(format, args);
    va_end(args);
    return json_string_create_nocopy(s);
}

struct json *
json_integer_create(long long int integer)
{
    struct json *json = json_create(JSON_INTEGER);

    json->integer = integer;
    return json;
}

struct json *
json_real_create(double real)
{
    struct json *json = json_create(JSON_REAL);

    json->real = real;
    return json;
}

struct json *
json_array_create_empty(void)
{
    return json_array_create(NULL, 0);
}

struct json *
json_array_create(struct json **elements, size_t n)
{
    struct json *json = json_create(JSON_ARRAY);

    json->array.elems = elements;
    json->array.n = n;
    json->array.n_allocated = n;
    return json;
}

void
json_array_add(struct json *array_, struct json *element)
{
    struct json_array *array;

    ovs_assert(array_->type == JSON_ARRAY);
    array = &array_->array;
    if (array->n >= array->n_allocated) {
        array->elems = x2nrealloc(array->elems, &array->n_allocated,
                                  sizeof *array->elems);
    }
    array->elems[array->n++] = element;
}

struct json *
json_array_create_1(struct json *a)
{
    struct json **elems = xmalloc(sizeof *elems);

    elems[0] = a;
    return json_array_create(elems, 1);
}

struct json *
json_array_create_2(struct json *a, struct json *b)
{
    struct json **elems = xmalloc(2 * sizeof *elems);

    elems[0] = a;
    elems[1] = b;
    return json_array_create(elems, 2);
}

struct json *
json_array_create_3(struct json *a, struct json *b, struct json *c)
{
    struct json **elems = xmalloc(3 * sizeof *elems);

    elems[0] = a;
    elems[1] = b;
    elems[2] = c;
    return json_array_create(elems, 3);
}

struct json *
json_object_create(void)
{
    struct json *json = json_create(JSON_OBJECT);

    shash_init(&json->object);
    return json;
}

void
json_object_put_nocopy(struct json *object, char *name, struct json *value)
{
    ovs_assert(object->type == JSON_OBJECT);
    json_destroy(shash_replace_nocopy(&object->object, name, value));
}

void
json_object_put(struct json *object, const char *name, struct json *value)
{
    json_object_put_nocopy(object, xstrdup(name), value);
}

void
json_object_put_string(struct json *object, const char *name,
                       const char *value)
{
    json_object_put(object, name, json_string_create(value));
}

struct json *
json_object_get(const struct json *object, const char *name)
{
    ovs_assert(object->type == JSON_OBJECT);
    return shash_find_data(&object->object, name);
}

const char *
json_string(const struct json *json)
{
    ovs_assert(json->type == JSON_STRING);
    return json->string;
}

long long int
json_integer(const struct json *json)
{
    ovs_assert(json->type == JSON_INTEGER);
    return json->integer;
}

double
json_real(const struct json *json)
{
    ovs_assert(json->type == JSON_REAL || json->type == JSON_INTEGER);
    return json->type == JSON_REAL ? json->real : json->integer;
}

bool
json_boolean(const struct json *json)
{
    ovs_assert(json->type == JSON_TRUE || json->type == JSON_FALSE);
    return json->type == JSON_TRUE;
}

const struct json_array *
json_array(const struct json *json)
{
    ovs_assert(json->type == JSON_ARRAY);
    return &json->array;
}

struct shash *
json_object(const struct json *json)
{
    ovs_assert(json->type == JSON_OBJECT);
    return (struct shash *) &json->object;
}

struct json *
json_clone(const struct json *json_)
{
    struct json *json = (struct json *) json_;

    json->count++;
    return json;
}

struct json *
json_deep_clone(const struct json *json)
{
    switch (json->type) {
    case JSON_NULL:
    case JSON_FALSE:
    case JSON_TRUE:
        return json_create(json->type);
    case JSON_OBJECT: {
        struct json *copy = json_object_create();
        struct shash_node *node;

        hmap_reserve(&copy->object.map, shash_count(&json->object));
        SHASH_FOR_EACH (node, &json->object) {
            shash_add(&copy->object, node->name,
                      json_deep_clone(node->data));
        }
        return copy;
    }
    case JSON_ARRAY: {
        size_t n = json->array.n;
        struct json **elems = n ? xmalloc(n * sizeof *elems) : NULL;

        for (size_t i = 0; i < n; i++) {
            elems[i] = json_deep_clone(json->array.elems[i]);
        }
        return json_array_create(elems, n);
    }
    case JSON_INTEGER:
        return json_integer_create(json->integer);
    case JSON_REAL:
        return json_real_create(json->real);
    case JSON_STRING:
        return json_string_create(json->string);
    case JSON_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

static void
json_destroy__(struct json *json)
{
    switch (json->type) {
    case JSON_OBJECT: {
        struct shash_node *node;

        HMAP_FOR_EACH_POP (node, node, &json->object.map) {
            json_destroy(node->data);
            free(node->name);
            free(node);
        }
        hmap_destroy(&json->object.map);
        break;
    }
    case JSON_ARRAY:
        for (size_t i = 0; i < json->array.n; i++) {
            json_destroy(json->array.elems[i]);
        }
        free(json->array.elems);
        break;
    case JSON_STRING:
        free(json->string);
        break;
    case JSON_NULL:
    case JSON_FALSE:
    case JSON_TRUE:
    case JSON_INTEGER:
    case JSON_REAL:
    case JSON_N_TYPES:
    default:
        break;
    }
    free(json);
}

void
json_destroy(struct json *json)
{
    if (json && !--json->count) {
        json_destroy__(json);
    }
}

bool
json_equal(const struct json *a, const struct json *b)
{
    if (a == b) {
        return true;
    } else if (!a || !b || a->type != b->type) {
        return false;
    }

    switch (a->type) {
    case JSON_NULL:
    case JSON_FALSE:
    case JSON_TRUE:
        return true;
    case JSON_OBJECT: {
        struct shash_node *node;

        if (shash_count(&a->object) != shash_count(&b->object)) {
            return false;
        }
        SHASH_FOR_EACH (node, &a->object) {
            struct shash_node *other = shash_find(&b->object, node->name);

            if (!other || !json_equal(node->data, other->data)) {
                return false;
            }
        }
        return true;
    }
    case JSON_ARRAY:
        if (a->array.n != b->array.n) {
            return false;
        }
        for (size_t i = 0; i < a->array.n; i++) {
            if (!json_equal(a->array.elems[i], b->array.elems[i])) {
                return false;
            }
        }
        return true;
    case JSON_INTEGER:
        return a->integer == b->integer;
    case JSON_REAL:
        return a->real == b->real;
    case JSON_STRING:
        return !strcmp(a->string, b->string);
    case JSON_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

size_t
json_hash(const struct json *json, size_t basis)
{
    switch (json->type) {
    case JSON_NULL:
    case JSON_FALSE:
    case JSON_TRUE:
        return hash_int(json->type, basis);
    case JSON_OBJECT: {
        /* Members are unordered, so combine their hashes commutatively. */
        struct shash_node *node;
        uint32_t sum = 0;

        SHASH_FOR_EACH (node, &json->object) {
            sum += hash_string(node->name, json_hash(node->data, 0));
        }
        return hash_int(sum, hash_int(JSON_OBJECT, basis));
    }
    case JSON_ARRAY: {
        uint32_t hash = hash_int(JSON_ARRAY, basis);

        for (size_t i = 0; i < json->array.n; i++) {
            hash = json_hash(json->array.elems[i], hash);
        }
        return hash_int(json->array.n, hash);
    }
    case JSON_INTEGER:
        return hash_uint64_basis(json->integer, basis);
    case JSON_REAL:
        return hash_double(json->real, basis);
    case JSON_STRING:
        return hash_string(json->string, basis);
    case JSON_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

/* ---------------------------------------------------------------------- */
/* Byte classes shared by the lexer and the serializer. */

/* Returns the offset of the first byte among the N at P that is '"', '\\'
 * or below 0x20 (which includes the null byte), or N if there is none.
 * Sets '*high' nonzero if any byte before that one is 0x80 or above, and
 * leaves it alone otherwise. */
static inline size_t
json_scan_plain(const char *p, size_t n, unsigned int *high)
{
    size_t i = 0;

#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i ctl_max = _mm_set1_epi8(0x1f);

    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *) (p + i));
        __m128i special = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, quote),
                         _mm_cmpeq_epi8(x, backslash)),
            _mm_cmpeq_epi8(_mm_min_epu8(x, ctl_max), x));
        unsigned int mask = _mm_movemask_epi8(special);
        unsigned int hi = _mm_movemask_epi8(x);

        if (mask) {
            unsigned int first = __builtin_ctz(mask);

            *high |= hi & ((1u << first) - 1);
            return i + first;
        }
        *high |= hi;
    }
#endif
    for (; i < n; i++) {
        unsigned char c = p[i];

        if (c == '"' || c == '\\' || c < 0x20) {
            return i;
        }
        *high |= c & 0x80;
    }
    return n;
}

/* Returns the number of bytes in the valid UTF-8 sequence at the start of
 * the N bytes at P, whose first byte is at least 0x80, or 0 if it is not a
 * valid (complete, shortest-form, non-surrogate, at most U+10FFFF)
 * sequence. */
static size_t
json_utf8_length(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    unsigned char lo = 0x80, hi = 0xbf;
    size_t len;

    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        if (c == 0xe0) {
            lo = 0xa0;
        } else if (c == 0xed) {
            hi = 0x9f;
        }
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        if (c == 0xf0) {
            lo = 0x90;
        } else if (c == 0xf4) {
            hi = 0x8f;
        }
    } else {
        return 0;
    }
    if (n < len || p[1] < lo || p[1] > hi) {
        return 0;
    }
    for (size_t i = 2; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            return 0;
        }
    }
    return len;
}

/* ---------------------------------------------------------------------- */
/* Parser. */

enum json_lex_state {
    JSON_LEX_IDLE,              /* Between tokens. */
    JSON_LEX_STRING,            /* 'buffer' holds a string's raw bytes. */
    JSON_LEX_NUMBER,            /* 'buffer' holds the start of a number. */
    JSON_LEX_KEYWORD            /* 'buffer' holds the start of a keyword. */
};

enum json_parse_state {
    JSON_PARSE_START,           /* Expecting the top-level value. */
    JSON_PARSE_END,             /* Top-level value complete. */
    JSON_PARSE_ARRAY_FIRST,     /* After '[': value or ']'. */
    JSON_PARSE_ARRAY_VALUE,     /* After ',' in an array: value. */
    JSON_PARSE_ARRAY_NEXT,      /* After an element: ',' or ']'. */
    JSON_PARSE_OBJECT_FIRST,    /* After '{': name or '}'. */
    JSON_PARSE_OBJECT_NAME,     /* After ',' in an object: name. */
    JSON_PARSE_OBJECT_COLON,    /* After a name: ':'. */
    JSON_PARSE_OBJECT_VALUE,    /* After ':': value. */
    JSON_PARSE_OBJECT_NEXT      /* After a member: ',' or '}'. */
};

/* An open array or object. */
struct json_frame {
    bool is_object;
    size_t first_item;          /* Its first element or member in 'items'. */
};

/* An element of an open array (with null 'name') or a member of an open
 * object (whose 'value' is null until it is parsed). */
struct json_item {
    char *name;
    struct json *value;
};

struct json_parser {
    int flags;                  /* JSPF_*. */

    /* Lexer. */
    enum json_lex_state lex_state;
    bool lex_escape;            /* JSON_LEX_STRING: last byte was an
                                 * escaping backslash. */
    struct ds buffer;           /* Token split across feeds. */

    /* Position. */
    unsigned long long int byte;        /* Bytes consumed by past feeds. */
    unsigned long long int line_start;  /* Byte that starts the line. */
    int line;                           /* 0-based line number. */
    const char *chunk;          /* Data of the feed in progress. */

    /* Grammar. */
    enum json_parse_state state;
    struct json_frame *frames;
    size_t height, allocated_frames;
    struct json_item *items;
    size_t n_items, allocated_items;

    struct json *result;        /* Top-level value, once complete. */
    char *error;                /* Error message, if any. */
    bool done;                  /* No more input wanted. */
};

static void json_parser_put_value(struct json_parser *, struct json *,
                                  unsigned long long int pos);

struct json_parser *
json_parser_create(int flags)
{
    struct json_parser *p = xzalloc(sizeof *p);

    p->flags = flags;
    ds_init(&p->buffer);
    return p;
}

bool
json_parser_is_done(const struct json_parser *p)
{
    return p->done;
}

/* Returns the position of the byte at S in the feed in progress. */
static inline unsigned long long int
json_pos(const struct json_parser *p, const char *s)
{
    return p->byte + (s - p->chunk);
}

static void OVS_PRINTF_FORMAT(3, 4)
json_error(struct json_parser *p, unsigned long long int pos,
           const char *format, ...)
{
    if (!p->error) {
        va_list args;
        char *msg;

        va_start(args, format);
        msg = xvasprintf(format, args);
        va_end(args);
        p->error = xasprintf("line %d, column %llu, byte %llu: %s",
                             p->line, pos - p->line_start, pos, msg);
        free(msg);
    }
    p->done = true;
}

/* Reports a token that the grammar does not allow in the current state. */
static void
json_error_unexpected(struct json_parser *p, unsigned long long int pos)
{
    const char *msg;

    switch (p->state) {
    case JSON_PARSE_START:
        msg = "syntax error at beginning of input";
        break;
    case JSON_PARSE_END:
        msg = "trailing garbage at end of input";
        break;
    case JSON_PARSE_ARRAY_FIRST:
    case JSON_PARSE_ARRAY_VALUE:
    case JSON_PARSE_OBJECT_VALUE:
        msg = "syntax error expecting value";
        break;
    case JSON_PARSE_ARRAY_NEXT:
        msg = "syntax error expecting ']' or ','";
        break;
    case JSON_PARSE_OBJECT_FIRST:
    case JSON_PARSE_OBJECT_NAME:
        msg = "syntax error parsing object expecting string";
        break;
    case JSON_PARSE_OBJECT_COLON:
        msg = "syntax error parsing object expecting ':'";
        break;
    case JSON_PARSE_OBJECT_NEXT:
        msg = "syntax error expecting '}' or ','";
        break;
    default:
        OVS_NOT_REACHED();
    }
    json_error(p, pos, "%s", msg);
}

static void
json_parser_push_item(struct json_parser *p, char *name, struct json *value)
{
    if (p->n_items >= p->allocated_items) {
        p->items = x2nrealloc(p->items, &p->allocated_items,
                              sizeof *p->items);
    }
    p->items[p->n_items].name = name;
    p->items[p->n_items].value = value;
    p->n_items++;
}

static bool
json_expecting_value(enum json_parse_state state)
{
    return (state == JSON_PARSE_START
            || state == JSON_PARSE_ARRAY_FIRST
            || state == JSON_PARSE_ARRAY_VALUE
            || state == JSON_PARSE_OBJECT_VALUE);
}

/* Handles '[' or '{' at POS. */
static void
json_parser_open(struct json_parser *p, bool is_object,
                 unsigned long long int pos)
{
    struct json_frame *frame;

    if (!json_expecting_value(p->state)) {
        json_error_unexpected(p, pos);
        return;
    }
    if (p->height >= JSON_MAX_DEPTH) {
        json_error(p, pos, "input exceeds maximum nesting depth %d",
                   JSON_MAX_DEPTH);
        return;
    }
    if (p->height >= p->allocated_frames) {
        p->frames = x2nrealloc(p->frames, &p->allocated_frames,
                               sizeof *p->frames);
    }
    frame = &p->frames[p->height++];
    frame->is_object = is_object;
    frame->first_item = p->n_items;
    p->state = is_object ? JSON_PARSE_OBJECT_FIRST : JSON_PARSE_ARRAY_FIRST;
}

/* Builds an object from the N members in ITEMS, which it takes. */
static struct json *
json_parser_build_object(struct json_parser *p, struct json_item *items,
                         size_t n, unsigned long long int pos)
{
    struct json *object = json_object_create();
    struct hmap *map = &object->object.map;

    if (n > 1) {
        hmap_reserve(map, n);
    }
    for (size_t i = 0; i < n; i++) {
        if (p->flags & JSPF_NO_DUPLICATES && !p->error
            && shash_find(&object->object, items[i].name)) {
            json_error(p, pos, "duplicate member name \"%s\"",
                       items[i].name);
        }
        json_destroy(shash_replace_nocopy(&object->object, items[i].name,
                                          items[i].value));
    }
    if (p->error) {
        json_destroy(object);
        return NULL;
    }
    return object;
}

/* Handles ']' or '}' at POS. */
static void
json_parser_close(struct json_parser *p, bool is_object,
                  unsigned long long int pos)
{
    struct json_frame *frame;
    struct json_item *items;
    struct json *value;
    size_t n;

    if (is_object
        ? (p->state != JSON_PARSE_OBJECT_FIRST
           && p->state != JSON_PARSE_OBJECT_NEXT)
        : (p->state != JSON_PARSE_ARRAY_FIRST
           && p->state != JSON_PARSE_ARRAY_NEXT)) {
        json_error_unexpected(p, pos);
        return;
    }

    frame = &p->frames[--p->height];
    items = p->items ? p->items + frame->first_item : NULL;
    n = p->n_items - frame->first_item;
    p->n_items = frame->first_item;
    if (is_object) {
        value = json_parser_build_object(p, items, n, pos);
        if (!value) {
            return;
        }
    } else {
        struct json **elems = n ? xmalloc(n * sizeof *elems) : NULL;

        for (size_t i = 0; i < n; i++) {
            elems[i] = items[i].value;
        }
        value = json_array_create(elems, n);
    }

    if (!p->height) {
        p->state = JSON_PARSE_START;
    } else if (p->frames[p->height - 1].is_object) {
        p->state = JSON_PARSE_OBJECT_VALUE;
    } else {
        p->state = JSON_PARSE_ARRAY_VALUE;
    }
    json_parser_put_value(p, value, pos);
}

/* Handles a complete value (a scalar token or a closed container) that
 * ended at POS. */
static void
json_parser_put_value(struct json_parser *p, struct json *value,
                      unsigned long long int pos)
{
    switch (p->state) {
    case JSON_PARSE_START:
        if (value->type != JSON_OBJECT && value->type != JSON_ARRAY
            && !(p->flags & JSPF_SCALAR)) {
            break;
        }
        p->result = value;
        p->state = JSON_PARSE_END;
        if (!(p->flags & JSPF_TRAILER)) {
            p->done = true;
        }
        return;
    case JSON_PARSE_ARRAY_FIRST:
    case JSON_PARSE_ARRAY_VALUE:
        json_parser_push_item(p, NULL, value);
        p->state = JSON_PARSE_ARRAY_NEXT;
        return;
    case JSON_PARSE_OBJECT_VALUE:
        p->items[p->n_items - 1].value = value;
        p->state = JSON_PARSE_OBJECT_NEXT;
        return;
    case JSON_PARSE_END:
    case JSON_PARSE_ARRAY_NEXT:
    case JSON_PARSE_OBJECT_FIRST:
    case JSON_PARSE_OBJECT_NAME:
    case JSON_PARSE_OBJECT_COLON:
    case JSON_PARSE_OBJECT_NEXT:
    default:
        break;
    }
    json_error_unexpected(p, pos);
    json_destroy(value);
}

/* Handles the string token S (which it takes) that ended at POS. */
static void
json_parser_put_string(struct json_parser *p, char *s,
                       unsigned long long int pos)
{
    if (p->state == JSON_PARSE_OBJECT_FIRST
        || p->state == JSON_PARSE_OBJECT_NAME) {
        json_parser_push_item(p, s, NULL);
        p->state = JSON_PARSE_OBJECT_COLON;
    } else {
        json_parser_put_value(p, json_string_create_nocopy(s), pos);
    }
}

/* Handles the punctuation C at position POS. */
static void
json_parser_punct(struct json_parser *p, unsigned char c,
                  unsigned long long int pos)
{
    switch (c) {
    case '[':
        json_parser_open(p, false, pos);
        break;
    case '{':
        json_parser_open(p, true, pos);
        break;
    case ']':
        json_parser_close(p, false, pos);
        break;
    case '}':
        json_parser_close(p, true, pos);
        break;
    case ':':
        if (p->state == JSON_PARSE_OBJECT_COLON) {
            p->state = JSON_PARSE_OBJECT_VALUE;
        } else {
            json_error_unexpected(p, pos);
        }
        break;
    case ',':
        if (p->state == JSON_PARSE_ARRAY_NEXT) {
            p->state = JSON_PARSE_ARRAY_VALUE;
        } else if (p->state == JSON_PARSE_OBJECT_NEXT) {
            p->state = JSON_PARSE_OBJECT_NAME;
        } else {
            json_error_unexpected(p, pos);
        }
        break;
    default:
        OVS_NOT_REACHED();
    }
}

/* Strings. */

static char *
json_put_utf8(char *out, unsigned int uc)
{
    if (uc < 0x80) {
        *out++ = uc;
    } else if (uc < 0x800) {
        *out++ = 0xc0 | (uc >> 6);
        *out++ = 0x80 | (uc & 0x3f);
    } else if (uc < 0x10000) {
        *out++ = 0xe0 | (uc >> 12);
        *out++ = 0x80 | ((uc >> 6) & 0x3f);
        *out++ = 0x80 | (uc & 0x3f);
    } else {
        *out++ = 0xf0 | (uc >> 18);
        *out++ = 0x80 | ((uc >> 12) & 0x3f);
        *out++ = 0x80 | ((uc >> 6) & 0x3f);
        *out++ = 0x80 | (uc & 0x3f);
    }
    return out;
}

/* Decodes the N raw bytes at IN, the contents of a quoted string (which
 * contain no unescaped '"' nor control characters), into a new
 * malloc'd string.  Returns it, or NULL after storing a static error message
 * in '*errorp'. */
static char *
json_decode_string(const char *in_, size_t n, const char **errorp,
                   unsigned char *bad_escape)
{
    const unsigned char *in = (const unsigned char *) in_;
    const unsigned char *end = n ? in + n : in;
    char *out0 = xmalloc(n + 1);
    char *out = out0;

    while (in < end) {
        unsigned int high = 0;
        size_t run = json_scan_plain((const char *) in, end - in, &high);
        unsigned int uc;

        if (high) {
            /* Copy and validate up to the next special byte. */
            const unsigned char *run_end = in + run;

            while (in < run_end) {
                if (*in < 0x80) {
                    *out++ = *in++;
                } else {
                    size_t len = json_utf8_length(in, end - in);

                    if (!len) {
                        *errorp = "invalid UTF-8 sequence in quoted string";
                        goto error;
                    }
                    memcpy(out, in, len);
                    out += len;
                    in += len;
                }
            }
            /* A multibyte sequence may have ended past 'run_end', only if it
             * held a special byte, which would have made it invalid. */
        } else {
            memcpy(out, in, run);
            out += run;
            in += run;
        }
        if (in >= end) {
            break;
        }

        /* '*in' is a backslash: the caller excluded the other specials. */
        if (end - in < 2) {
            /* Cannot happen for a string that ended in a quote. */
            *errorp = "unexpected end of input in quoted string";
            goto error;
        }
        switch (in[1]) {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '/': *out++ = '/'; break;
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'u':
            if (end - in < 6) {
                *errorp = "quoted string ends within \\u escape";
                goto error;
            }
            uc = hexits_value((const char *) in + 2, 4);
            if ((int) uc < 0) {
                *errorp = "malformed \\u escape";
                goto error;
            } else if (!uc) {
                *errorp = "null bytes not supported in quoted strings";
                goto error;
            } else if (uc >= 0xdc00 && uc <= 0xdfff) {
                *errorp = "malformed escaped surrogate pair";
                goto error;
            } else if (uc >= 0xd800 && uc <= 0xdbff) {
                int lo;

                if (end - in < 8 || in[6] != '\\' || in[7] != 'u') {
                    *errorp = "malformed escaped surrogate pair";
                    goto error;
                } else if (end - in < 12) {
                    *errorp = "quoted string ends within \\u escape";
                    goto error;
                }
                lo = hexits_value((const char *) in + 8, 4);
                if (lo < 0) {
                    *errorp = "malformed \\u escape";
                    goto error;
                } else if (lo < 0xdc00 || lo > 0xdfff) {
                    *errorp = "second half of escaped surrogate pair is not "
                              "trailing surrogate";
                    goto error;
                }
                uc = 0x10000 + ((uc - 0xd800) << 10) + (lo - 0xdc00);
                in += 6;
            }
            out = json_put_utf8(out, uc);
            in += 4;
            break;
        default:
            *errorp = NULL;
            *bad_escape = in[1];
            goto error;
        }
        in += 2;
    }
    *out = '\0';
    return out0;

error:
    free(out0);
    return NULL;
}

/* Decodes the contents of a quoted string that ended at position POS and
 * passes it to the grammar. */
static void
json_lex_string_done(struct json_parser *p, const char *s, size_t n,
                     bool plain, unsigned long long int pos)
{
    const char *error = NULL;
    char *string;

    if (plain) {
        string = xmemdup0(s, n);
    } else {
        unsigned char c = 0;

        string = json_decode_string(s, n, &error, &c);
        if (!string) {
            if (error) {
                json_error(p, pos, "%s", error);
            } else if (c >= 0x21 && c < 0x7f) {
                json_error(p, pos, "bad escape \\%c", c);
            } else {
                json_error(p, pos, "bad escape \\ followed by byte 0x%02x",
                           c);
            }
            return;
        }
    }
    json_parser_put_string(p, string, pos);
}

/* Scans string bytes from S to END, starting in escape state '*escape',
 * for the closing quote.  Returns a pointer to the quote, or END if there is
 * none (updating '*escape'), or NULL after reporting an unescaped control
 * character.  Sets '*plain' false if it sees a backslash or a byte 0x80 or
 * above. */
static const char *
json_scan_string(struct json_parser *p, const char *s, const char *end,
                 bool *escape, bool *plain)
{
    unsigned int high = 0;

    if (*escape && s < end) {
        if ((unsigned char) *s < 0x20) {
            goto control;
        }
        *escape = false;
        s++;
    }
    for (;;) {
        s += json_scan_plain(s, end - s, &high);
        if (s >= end) {
            break;
        }
        if (*s == '"') {
            break;
        } else if (*s == '\\') {
            *plain = false;
            if (s + 1 >= end) {
                *escape = true;
                s = end;
                break;
            } else if ((unsigned char) s[1] < 0x20) {
                s++;
                goto control;
            }
            s += 2;
        } else {
            goto control;
        }
    }
    if (high) {
        *plain = false;
    }
    return s;

control:
    json_error(p, json_pos(p, s), "U+%04X must be escaped in quoted string",
               (unsigned char) *s);
    return NULL;
}

/* Lexes a string whose opening quote is at S.  Returns where to go on. */
static const char *
json_lex_string(struct json_parser *p, const char *s, const char *end)
{
    const char *start = s + 1;
    bool escape = false;
    bool plain = true;
    const char *q = json_scan_string(p, start, end, &escape, &plain);

    if (!q) {
        return end;
    } else if (q < end) {
        json_lex_string_done(p, start, q - start, plain, json_pos(p, q));
        return q + 1;
    } else {
        ds_clear(&p->buffer);
        ds_put_buffer(&p->buffer, start, end - start);
        p->lex_state = JSON_LEX_STRING;
        p->lex_escape = escape;
        return end;
    }
}

/* Numbers and keywords. */

static bool
json_is_number_char(unsigned char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.'
            || c == 'e' || c == 'E';
}

static bool
json_is_keyword_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
json_is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Parses the number token of N bytes at S, which ended at POS, and passes
 * it to the grammar. */
static void
json_lex_number_done(struct json_parser *p, const char *s, size_t n,
                     unsigned long long int pos)
{
    const char *end = s + n;
    const char *q = s;
    const char *int_start, *int_end, *frac_start, *frac_end;
    bool negative = false;
    int exponent = 0;

    /* Validate and take apart. */
    if (*q == '-') {
        negative = true;
        q++;
        if (q >= end || !json_is_digit(*q)) {
            json_error(p, pos, "'-' must be followed by digit");
            return;
        }
    }
    int_start = q;
    if (*q == '0' && q + 1 < end && json_is_digit(q[1])) {
        json_error(p, pos, "leading zeros not allowed");
        return;
    }
    while (q < end && json_is_digit(*q)) {
        q++;
    }
    int_end = frac_start = frac_end = q;
    if (q < end && *q == '.') {
        q++;
        if (q >= end || !json_is_digit(*q)) {
            json_error(p, pos, "decimal point must be followed by digit");
            return;
        }
        frac_start = q;
        while (q < end && json_is_digit(*q)) {
            q++;
        }
        frac_end = q;
    }
    if (q < end && (*q == 'e' || *q == 'E')) {
        bool exp_negative = false;

        q++;
        if (q < end && (*q == '+' || *q == '-')) {
            exp_negative = *q == '-';
            q++;
        }
        if (q >= end || !json_is_digit(*q)) {
            json_error(p, pos, "exponent must contain at least one digit");
            return;
        }
        for (; q < end && json_is_digit(*q); q++) {
            if (exponent < 1000000) {
                exponent = exponent * 10 + (*q - '0');
            }
        }
        if (exp_negative) {
            exponent = -exponent;
        }
    }
    if (q != end) {
        json_error(p, pos, "syntax error in number");
        return;
    }

    /* Is the exact value an integer in range?  Collect the significant
     * digits of the integer and fraction parts, leaving out leading zeros
     * and turning trailing zeros into exponent. */
    uint64_t significand = 0;
    int n_digits = 0;
    int zeros = 0;
    bool too_many = false;

    exponent -= frac_end - frac_start;
    for (q = int_start; q < frac_end && !too_many; q++) {
        int digit;

        if (q == int_end) {
            q = frac_start;
            if (q >= frac_end) {
                break;
            }
        }
        digit = *q - '0';
        if (!digit) {
            zeros += n_digits > 0;
            continue;
        }
        for (; zeros > 0; zeros--) {
            if (n_digits >= 19) {
                too_many = true;
                break;
            }
            significand *= 10;
            n_digits++;
        }
        if (n_digits >= 19) {
            too_many = true;
            break;
        }
        significand = significand * 10 + digit;
        n_digits++;
    }
    exponent += zeros;
    if (!too_many) {
        if (!significand) {
            json_parser_put_value(p, json_integer_create(0), pos);
            return;
        } else if (exponent >= 0 && n_digits + exponent <= 19) {
            for (int i = 0; i < exponent; i++) {
                significand *= 10;
            }
            if (significand <= (uint64_t) LLONG_MAX) {
                long long int value = significand;

                json_parser_put_value(
                    p, json_integer_create(negative ? -value : value), pos);
                return;
            } else if (negative && significand == (uint64_t) LLONG_MAX + 1) {
                json_parser_put_value(p, json_integer_create(LLONG_MIN),
                                      pos);
                return;
            }
        }
    }

    /* A real.  strtod() needs a null-terminated string. */
    char buf[64];
    char *copy = n < sizeof buf ? buf : xmalloc(n + 1);
    double d;

    memcpy(copy, s, n);
    copy[n] = '\0';
    errno = 0;
    d = strtod(copy, NULL);
    if (copy != buf) {
        free(copy);
    }
    if (!isfinite(d) || (errno == ERANGE && d != 0)) {
        json_error(p, pos, "number outside valid range");
        return;
    }
    /* A tiny number that underflows to zero is integer 0, like upstream. */
    json_parser_put_value(p, (d == 0
                              ? json_integer_create(0)
                              : json_real_create(d)), pos);
}

static void
json_lex_keyword_done(struct json_parser *p, const char *s, size_t n,
                      unsigned long long int pos)
{
    struct json *value;

    if (n == 4 && !memcmp(s, "true", 4)) {
        value = json_boolean_create(true);
    } else if (n == 5 && !memcmp(s, "false", 5)) {
        value = json_boolean_create(false);
    } else if (n == 4 && !memcmp(s, "null", 4)) {
        value = json_null_create();
    } else {
        json_error(p, pos, "invalid keyword '%.*s'", (int) n, s);
        return;
    }
    json_parser_put_value(p, value, pos);
}

/* Lexes a number or keyword (per STATE) that starts at S.  Returns where to
 * go on. */
static const char *
json_lex_word(struct json_parser *p, enum json_lex_state state,
              const char *s, const char *end)
{
    bool (*is_char)(unsigned char) = (state == JSON_LEX_NUMBER
                                      ? json_is_number_char
                                      : json_is_keyword_char);
    const char *q = s + 1;

    while (q < end && is_char(*q)) {
        q++;
    }
    if (q < end) {
        if (state == JSON_LEX_NUMBER) {
            json_lex_number_done(p, s, q - s, json_pos(p, q));
        } else {
            json_lex_keyword_done(p, s, q - s, json_pos(p, q));
        }
    } else {
        ds_clear(&p->buffer);
        ds_put_buffer(&p->buffer, s, q - s);
        p->lex_state = state;
    }
    return q;
}

/* Continues a token that an earlier feed left unfinished.  Returns where to
 * go on. */
static const char *
json_lex_continue(struct json_parser *p, const char *s, const char *end)
{
    const char *q;

    if (p->lex_state == JSON_LEX_STRING) {
        bool plain = false;

        q = json_scan_string(p, s, end, &p->lex_escape, &plain);
        if (!q) {
            return end;
        }
        ds_put_buffer(&p->buffer, s, q - s);
        if (q < end) {
            p->lex_state = JSON_LEX_IDLE;
            json_lex_string_done(p, p->buffer.string, p->buffer.length,
                                 false, json_pos(p, q));
            q++;
        }
        return q;
    } else {
        bool (*is_char)(unsigned char) = (p->lex_state == JSON_LEX_NUMBER
                                          ? json_is_number_char
                                          : json_is_keyword_char);

        for (q = s; q < end && is_char(*q); q++) {
            continue;
        }
        ds_put_buffer(&p->buffer, s, q - s);
        if (q < end) {
            enum json_lex_state state = p->lex_state;

            p->lex_state = JSON_LEX_IDLE;
            if (state == JSON_LEX_NUMBER) {
                json_lex_number_done(p, p->buffer.string, p->buffer.length,
                                     json_pos(p, q));
            } else {
                json_lex_keyword_done(p, p->buffer.string, p->buffer.length,
                                      json_pos(p, q));
            }
        }
        return q;
    }
}

size_t
json_parser_feed(struct json_parser *p, const char *data, size_t n)
{
    const char *s = data;
    const char *end = data + n;

    if (p->done) {
        return 0;
    }
    p->chunk = data;
    if (p->lex_state != JSON_LEX_IDLE && s < end) {
        s = json_lex_continue(p, s, end);
    }
    while (s < end && !p->done) {
        unsigned char c = *s;

        switch (c) {
        case ' ': case '\t': case '\r':
            s++;
            break;
        case '\n':
            p->line++;
            p->line_start = json_pos(p, s) + 1;
            s++;
            break;
        case '[': case '{': case ']': case '}': case ':': case ',':
            json_parser_punct(p, c, json_pos(p, s));
            if (!p->error) {
                s++;
            }
            break;
        case '"':
            s = json_lex_string(p, s, end);
            break;
        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
            s = json_lex_word(p, JSON_LEX_NUMBER, s, end);
            break;
        default:
            if (c >= 'a' && c <= 'z') {
                s = json_lex_word(p, JSON_LEX_KEYWORD, s, end);
            } else if (c >= 0x20 && c < 0x7f) {
                json_error(p, json_pos(p, s), "invalid character '%c'", c);
            } else {
                json_error(p, json_pos(p, s), "invalid character U+%04x",
                           c);
            }
            break;
        }
    }
    p->byte += s - data;
    p->chunk = NULL;
    return s - data;
}

/* Ends the input: completes a pending token and checks that a value was
 * complete. */
static void
json_parser_end_input(struct json_parser *p)
{
    if (p->error) {
        return;
    }
    if (p->lex_state != JSON_LEX_IDLE) {
        enum json_lex_state state = p->lex_state;

        p->lex_state = JSON_LEX_IDLE;
        if (state == JSON_LEX_STRING) {
            json_error(p, p->byte, "unexpected end of input in quoted string");
            return;
        } else if (state == JSON_LEX_NUMBER) {
            json_lex_number_done(p, p->buffer.string, p->buffer.length,
                                 p->byte);
        } else {
            json_lex_keyword_done(p, p->buffer.string, p->buffer.length,
                                  p->byte);
        }
        p->byte++;
        if (p->error) {
            return;
        }
    }
    if (p->state == JSON_PARSE_START) {
        json_error(p, p->byte, "empty input stream");
    } else if (p->state != JSON_PARSE_END) {
        json_error(p, p->byte, "unexpected end of input");
    }
}

void
json_parser_abort(struct json_parser *p)
{
    if (p) {
        for (size_t i = 0; i < p->n_items; i++) {
            free(p->items[i].name);
            json_destroy(p->items[i].value);
        }
        free(p->items);
        free(p->frames);
        ds_destroy(&p->buffer);
        json_destroy(p->result);
        free(p->error);
        free(p);
    }
}

struct json *
json_parser_finish_checked(struct json_parser *p, char **errorp)
{
    struct json *result = NULL;

    json_parser_end_input(p);
    if (p->error) {
        if (errorp) {
            *errorp = p->error;
            p->error = NULL;
        }
    } else {
        result = p->result;
        p->result = NULL;
        if (errorp) {
            *errorp = NULL;
        }
    }
    json_parser_abort(p);
    return result;
}

struct json *
json_parser_finish(struct json_parser *p)
{
    char *error;
    struct json *json = json_parser_finish_checked(p, &error);

    return json ? json : json_string_create_nocopy(error);
}

struct json *
json_from_buffer(const char *data, size_t n, int flags, char **errorp)
{
    struct json_parser *p = json_parser_create(flags);

    json_parser_feed(p, data, n);
    return json_parser_finish_checked(p, errorp);
}

struct json *
json_from_string_checked(const char *s, char **errorp)
{
    return json_from_buffer(s, strlen(s), JSPF_TRAILER, errorp);
}

struct json *
json_from_string(const char *s)
{
    char *error;
    struct json *json = json_from_string_checked(s, &error);

    return json ? json : json_string_create_nocopy(error);
}

struct json *
json_from_stream(FILE *stream)
{
    struct json_parser *p = json_parser_create(JSPF_TRAILER);
    char buf[65536];
    size_t n;

    do {
        n = fread(buf, 1, sizeof buf, stream);
        json_parser_feed(p, buf, n);
    } while (n == sizeof buf && !json_parser_is_done(p));

    if (ferror(stream)) {
        json_parser_abort(p);
        return json_string_create_format("error reading JSON stream: %s",
                                         ovs_strerror(errno));
    }
    return json_parser_finish(p);
}

struct json *
json_from_file(const char *file_name)
{
    struct json *json;
    FILE *stream;

    stream = fopen(file_name, "r");
    if (!stream) {
        return json_string_create_format("error opening \"%s\": %s",
                                         file_name, ovs_strerror(errno));
    }
    json = json_from_stream(stream);
    fclose(stream);
    return json;
}

/* ---------------------------------------------------------------------- */
/* Serializer. */

/* Makes room for N more bytes in DS and returns where they go.  The caller
 * advances 'ds->length' itself; json_to_ds() null-terminates at the end. */
static inline char *
json_out_reserve(struct ds *ds, size_t n)
{
    if (OVS_UNLIKELY(ds->length + n > ds->allocated || !ds->string)) {
        ds_reserve(ds, ds->length + n);
    }
    return ds->string + ds->length;
}

static inline void
json_out_put(struct ds *ds, const char *s, size_t n)
{
    memcpy(json_out_reserve(ds, n), s, n);
    ds->length += n;
}

static inline void
json_out_char(struct ds *ds, char c)
{
    *json_out_reserve(ds, 1) = c;
    ds->length++;
}

static void
json_out_string(const char *s, struct ds *ds)
{
    static const char hex[] = "0123456789abcdef";

    json_out_char(ds, '"');
    for (size_t left = strlen(s); ; ) {
        unsigned int high = 0;
        size_t n = json_scan_plain(s, left, &high);
        unsigned char c = 0;
        char *out;

        json_out_put(ds, s, n);
        if (n >= left) {
            break;
        }
        s += n;
        left -= n + 1;
        c = *s;
        out = json_out_reserve(ds, 6);
        out[0] = '\\';
        switch (c) {
        case '"': out[1] = '"'; ds->length += 2; break;
        case '\\': out[1] = '\\'; ds->length += 2; break;
        case '\b': out[1] = 'b'; ds->length += 2; break;
        case '\f': out[1] = 'f'; ds->length += 2; break;
        case '\n': out[1] = 'n'; ds->length += 2; break;
        case '\r': out[1] = 'r'; ds->length += 2; break;
        case '\t': out[1] = 't'; ds->length += 2; break;
        default:
            out[1] = 'u';
            out[2] = '0';
            out[3] = '0';
            out[4] = hex[c >> 4];
            out[5] = hex[c & 15];
            ds->length += 6;
            break;
        }
        s++;
    }
    json_out_char(ds, '"');
}

static void
json_out_integer(long long int value, struct ds *ds)
{
    char buf[24];
    char *p = buf + sizeof buf;
    unsigned long long int u = value < 0 ? -(unsigned long long int) value
                                         : (unsigned long long int) value;

    do {
        *--p = '0' + u % 10;
        u /= 10;
    } while (u);
    if (value < 0) {
        *--p = '-';
    }
    json_out_put(ds, p, buf + sizeof buf - p);
}

static void
json_out_real(double d, struct ds *ds)
{
    char buf[32];
    int n;

    if (!isfinite(d)) {
        json_out_put(ds, "null", 4);
        return;
    }
    /* Upstream prints 15 significant digits, even where that does not
     * read back as exactly D (0.30000000000000004 becomes 0.3); files and
     * wire text must match its byte for byte. */
    n = snprintf(buf, sizeof buf, "%.15g", d);
    json_out_put(ds, buf, n);
}

static void
json_out_indent(struct ds *ds, int level)
{
    char *out = json_out_reserve(ds, 1 + 2 * level);

    out[0] = '\n';
    memset(out + 1, ' ', 2 * level);
    ds->length += 1 + 2 * level;
}

static void json_out_value(const struct json *, int flags, int level,
                           struct ds *);

static void
json_out_member(const struct shash_node *node, int flags, int level,
                struct ds *ds)
{
    json_out_string(node->name, ds);
    if (flags & JSSF_PRETTY) {
        json_out_put(ds, ": ", 2);
    } else {
        json_out_char(ds, ':');
    }
    json_out_value(node->data, flags, level, ds);
}

static void
json_out_object(const struct shash *object, int flags, int level,
                struct ds *ds)
{
    bool pretty = (flags & JSSF_PRETTY) != 0;

    json_out_char(ds, '{');
    level++;
    if (pretty) {
        json_out_indent(ds, level);
    }
    if (flags & JSSF_SORT && shash_count(object) > 1) {
        const struct shash_node **nodes = shash_sort(object);
        size_t n = shash_count(object);

        for (size_t i = 0; i < n; i++) {
            if (i) {
                json_out_char(ds, ',');
                if (pretty) {
                    json_out_indent(ds, level);
                }
            }
            json_out_member(nodes[i], flags, level, ds);
        }
        free(nodes);
    } else {
        const struct shash_node *node;
        bool first = true;

        SHASH_FOR_EACH (node, object) {
            if (!first) {
                json_out_char(ds, ',');
                if (pretty) {
                    json_out_indent(ds, level);
                }
            }
            first = false;
            json_out_member(node, flags, level, ds);
        }
    }
    json_out_char(ds, '}');
}

static void
json_out_array(const struct json_array *array, int flags, int level,
               struct ds *ds)
{
    bool pretty = (flags & JSSF_PRETTY) != 0;

    json_out_char(ds, '[');
    level++;
    for (size_t i = 0; i < array->n; i++) {
        if (i) {
            json_out_char(ds, ',');
        }
        if (pretty) {
            json_out_indent(ds, level);
        }
        json_out_value(array->elems[i], flags, level, ds);
    }
    json_out_char(ds, ']');
}

static void
json_out_value(const struct json *json, int flags, int level, struct ds *ds)
{
    switch (json->type) {
    case JSON_NULL:
        json_out_put(ds, "null", 4);
        break;
    case JSON_FALSE:
        json_out_put(ds, "false", 5);
        break;
    case JSON_TRUE:
        json_out_put(ds, "true", 4);
        break;
    case JSON_OBJECT:
        json_out_object(&json->object, flags, level, ds);
        break;
    case JSON_ARRAY:
        json_out_array(&json->array, flags, level, ds);
        break;
    case JSON_INTEGER:
        json_out_integer(json->integer, ds);
        break;
    case JSON_REAL:
        json_out_real(json->real, ds);
        break;
    case JSON_STRING:
        json_out_string(json->string, ds);
        break;
    case JSON_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

void
json_to_ds(const struct json *json, int flags, struct ds *ds)
{
    json_out_value(json, flags, 0, ds);
    json_out_reserve(ds, 0);
    ds->string[ds->length] = '\0';
}

char *
json_to_string(const struct json *json, int flags)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    json_to_ds(json, flags, &ds);
    return ds_steal_cstr(&ds);
}

void
json_string_escape(const char *s, struct ds *ds)
{
    json_out_string(s, ds);
    json_out_reserve(ds, 0);
    ds->string[ds->length] = '\0';
}
