/* ovsdb-error.h: error objects for OVSDB code (RFC 7047 section 3.1.2).
 *
 * An OVSDB error carries a tag (the RFC's "error" member, for example
 * "syntax error", "constraint violation", "referential integrity
 * violation", "resources exhausted", "I/O error", "ovsdb error"), an
 * optional details string, an optional copy of the JSON that was
 * malformed (reported as "syntax"), and an optional errno value.
 *
 * Convention: a function that can fail returns a struct ovsdb_error *
 * that is NULL on success and otherwise owned by the caller, who must
 * report, wrap, or ovsdb_error_destroy() it.  Such functions are marked
 * OVS_WARN_UNUSED_RESULT so that ignoring an error does not compile under
 * -Werror.  The tag must be a string with static lifetime (a literal);
 * details and syntax are copied.
 *
 * ovsdb_error_to_json() gives the RFC 7047 error object that the server
 * sends: {"error": TAG, "details": DETAILS, "syntax": "JSON"}, with
 * members that would be empty left out.  ovsdb_error_to_string() gives the
 * text upstream's tools print: 'syntax "JSON": TAG: DETAILS' when there is
 * syntax JSON, else 'TAG: DETAILS', plus " (strerror)" when there is an
 * errno.
 *
 * Thread safety: error objects are plain values; no global state. */
#ifndef OVSDB_ERROR_H
#define OVSDB_ERROR_H 1

#include <stdarg.h>
#include "compiler.h"

struct json;

struct ovsdb_error;

struct ovsdb_error *ovsdb_error_create(const char *tag,
                                       const char *details, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_WARN_UNUSED_RESULT;
struct ovsdb_error *ovsdb_error_create_valist(const char *tag,
                                              const char *details,
                                              va_list)
    OVS_PRINTF_FORMAT(2, 0) OVS_WARN_UNUSED_RESULT;

/* A "syntax error" (or TAG, if nonnull) about JSON (which may be NULL);
 * a reference to JSON is taken. */
struct ovsdb_error *ovsdb_syntax_error(const struct json *json,
                                       const char *tag,
                                       const char *details, ...)
    OVS_PRINTF_FORMAT(3, 4) OVS_WARN_UNUSED_RESULT;

/* An "I/O error" with errno ERROR. */
struct ovsdb_error *ovsdb_io_error(int error, const char *details, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_WARN_UNUSED_RESULT;

/* Prefixes ERROR's details with the formatted text and ": " (or sets the
 * details to it if there were none) and returns ERROR. */
struct ovsdb_error *ovsdb_wrap_error(struct ovsdb_error *error,
                                     const char *details, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_WARN_UNUSED_RESULT;

/* An internal error: a bug, not bad input.  Tagged "internal error". */
struct ovsdb_error *ovsdb_internal_error(const char *details, ...)
    OVS_PRINTF_FORMAT(1, 2) OVS_WARN_UNUSED_RESULT;

struct ovsdb_error *ovsdb_error_clone(const struct ovsdb_error *)
    OVS_WARN_UNUSED_RESULT;
void ovsdb_error_destroy(struct ovsdb_error *);

const char *ovsdb_error_get_tag(const struct ovsdb_error *);
/* The details string, or NULL. */
const char *ovsdb_error_get_details(const struct ovsdb_error *);
int ovsdb_error_get_errno(const struct ovsdb_error *);

/* Returns a new JSON object (the caller owns the reference). */
struct json *ovsdb_error_to_json(const struct ovsdb_error *);
/* Same, then destroys ERROR. */
struct json *ovsdb_error_to_json_free(struct ovsdb_error *);
/* Returns a malloc'd string. */
char *ovsdb_error_to_string(const struct ovsdb_error *);
/* Same, then destroys ERROR. */
char *ovsdb_error_to_string_free(struct ovsdb_error *);

#endif /* ovsdb-error.h */
