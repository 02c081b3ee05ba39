/* ovsdb-parser.h: checked access to the members of a JSON object, for the
 * OVSDB parsers of types, schemas and requests.
 *
 * Usage: ovsdb_parser_init() on a JSON value, then one
 * ovsdb_parser_member() per member the caller understands (each states
 * the JSON types it accepts and whether it is optional), then
 * ovsdb_parser_finish(), which returns the first error met, or an error
 * for a member that no call asked for.  Only the first error is kept;
 * after it, ovsdb_parser_member() returns NULL.  Error texts match
 * upstream's: "Parsing NAME failed: Required 'x' member is missing.",
 * "... Type mismatch for member 'x'.", "... Member 'x' is present but not
 * allowed here.", all "syntax error"s about the whole object.
 *
 * The parser holds references to nothing: the JSON must outlive it.  No
 * global state. */
#ifndef OVSDB_PARSER_H
#define OVSDB_PARSER_H 1

#include <stdbool.h>
#include "compiler.h"
#include "sset.h"

struct json;

struct ovsdb_parser {
    char *name;                 /* For error messages, e.g. "ovsdb type". */
    struct sset used;           /* Members asked for so far. */
    const struct json *json;    /* The JSON object. */
    struct ovsdb_error *error;  /* First error, or NULL. */
};

enum ovsdb_parser_types {
    OP_NULL = 1 << 0,
    OP_FALSE = 1 << 1,
    OP_TRUE = 1 << 2,
    OP_BOOLEAN = OP_FALSE | OP_TRUE,
    OP_INTEGER = 1 << 3,
    OP_NONINTEGER = 1 << 4,     /* A real that is not an integer. */
    OP_NUMBER = OP_INTEGER | OP_NONINTEGER,
    OP_STRING = 1 << 5,
    OP_ID = 1 << 6,             /* A string that is an identifier. */
    OP_ARRAY = 1 << 7,
    OP_OBJECT = 1 << 8,
    OP_ANY_VALUE = (1 << 9) - 1, /* Any JSON value. */
    OP_OPTIONAL = 1 << 9        /* The member may be absent. */
};

void ovsdb_parser_init(struct ovsdb_parser *, const struct json *,
                       const char *name, ...) OVS_PRINTF_FORMAT(3, 4);
/* Returns member NAME if it is present with one of TYPES; otherwise NULL
 * (with an error recorded unless it is absent and OP_OPTIONAL). */
const struct json *ovsdb_parser_member(struct ovsdb_parser *,
                                       const char *name,
                                       enum ovsdb_parser_types types);
/* Records ERROR unless an error is already recorded (then destroys it). */
void ovsdb_parser_put_error(struct ovsdb_parser *, struct ovsdb_error *);
bool ovsdb_parser_has_error(const struct ovsdb_parser *);
/* Returns the first error, if any, and frees the parser's memory. */
struct ovsdb_error *ovsdb_parser_finish(struct ovsdb_parser *)
    OVS_WARN_UNUSED_RESULT;
/* Frees the parser's memory, discarding any error. */
void ovsdb_parser_destroy(struct ovsdb_parser *);

/* True if S is an OVSDB identifier: [a-zA-Z_][a-zA-Z0-9_]*. */
bool ovsdb_parser_is_id(const char *s);

/* Checks NAME as the name of a user-defined table or column: an identifier
 * that does not begin with "_" (reserved for OVSDB's own names).  Returns
 * NULL if it is valid, otherwise a syntax error citing CONTEXT, with
 * upstream's wording. */
struct ovsdb_error *ovsdb_parser_check_user_name(const struct json *context,
                                                 const char *name)
    OVS_WARN_UNUSED_RESULT;

#endif /* ovsdb-parser.h */
