/* ovsdb-error.c: OVSDB error objects. */
#include <config.h>
#include "ovsdb-error.h"
#include <stdarg.h>
#include <stdlib.h>
#include "dynamic-string.h"
#include "json.h"
#include "util.h"

struct ovsdb_error {
    const char *tag;            /* Static string, e.g. "syntax error". */
    char *details;              /* Malloc'd, or NULL. */
    struct json *syntax;        /* The offending JSON, or NULL. */
    int errno_;                 /* Positive errno value, or 0. */
};

struct ovsdb_error *
ovsdb_error_create_valist(const char *tag, const char *details,
                          va_list args)
{
    struct ovsdb_error *error = xmalloc(sizeof *error);
    error->tag = tag ? tag : "ovsdb error";
    error->details = details ? xvasprintf(details, args) : NULL;
    error->syntax = NULL;
    error->errno_ = 0;
    return error;
}

struct ovsdb_error *
ovsdb_error_create(const char *tag, const char *details, ...)
{
    struct ovsdb_error *error;
    va_list args;

    va_start(args, details);
    error = ovsdb_error_create_valist(tag, details, args);
    va_end(args);
    return error;
}

struct ovsdb_error *
ovsdb_syntax_error(const struct json *json, const char *tag,
                   const char *details, ...)
{
    struct ovsdb_error *error;
    va_list args;

    va_start(args, details);
    error = ovsdb_error_create_valist(tag ? tag : "syntax error",
                                      details, args);
    va_end(args);
    error->syntax = json ? json_clone(json) : NULL;
    return error;
}

struct ovsdb_error *
ovsdb_io_error(int errno_, const char *details, ...)
{
    struct ovsdb_error *error;
    va_list args;

    va_start(args, details);
    error = ovsdb_error_create_valist("I/O error", details, args);
    va_end(args);
    error->errno_ = errno_;
    return error;
}

struct ovsdb_error *
ovsdb_internal_error(const char *details, ...)
{
    struct ovsdb_error *error;
    va_list args;

    va_start(args, details);
    error = ovsdb_error_create_valist("internal error", details, args);
    va_end(args);
    return error;
}

struct ovsdb_error *
ovsdb_wrap_error(struct ovsdb_error *error, const char *details, ...)
{
    va_list args;
    char *prefix;

    va_start(args, details);
    prefix = xvasprintf(details, args);
    va_end(args);

    if (error->details) {
        char *s = xasprintf("%s: %s", prefix, error->details);
        free(prefix);
        free(error->details);
        error->details = s;
    } else {
        error->details = prefix;
    }
    return error;
}

struct ovsdb_error *
ovsdb_error_clone(const struct ovsdb_error *old)
{
    if (!old) {
        return NULL;
    }
    struct ovsdb_error *new = xmalloc(sizeof *new);
    new->tag = old->tag;
    new->details = nullable_xstrdup(old->details);
    new->syntax = old->syntax ? json_clone(old->syntax) : NULL;
    new->errno_ = old->errno_;
    return new;
}

void
ovsdb_error_destroy(struct ovsdb_error *error)
{
    if (error) {
        free(error->details);
        json_destroy(error->syntax);
        free(error);
    }
}

const char *
ovsdb_error_get_tag(const struct ovsdb_error *error)
{
    return error->tag;
}

const char *
ovsdb_error_get_details(const struct ovsdb_error *error)
{
    return error->details;
}

int
ovsdb_error_get_errno(const struct ovsdb_error *error)
{
    return error->errno_;
}

struct json *
ovsdb_error_to_json(const struct ovsdb_error *error)
{
    struct json *json = json_object_create();
    json_object_put_string(json, "error", error->tag);
    if (error->details) {
        json_object_put_string(json, "details", error->details);
    }
    if (error->syntax) {
        json_object_put(json, "syntax", json_string_create_nocopy(
                            json_to_string(error->syntax, JSSF_SORT)));
    }
    if (error->errno_) {
        json_object_put_string(json, "io-error",
                               ovs_retval_to_string(error->errno_));
    }
    return json;
}

struct json *
ovsdb_error_to_json_free(struct ovsdb_error *error)
{
    struct json *json = ovsdb_error_to_json(error);
    ovsdb_error_destroy(error);
    return json;
}

char *
ovsdb_error_to_string(const struct ovsdb_error *error)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    if (error->syntax) {
        ds_put_cstr(&ds, "syntax \"");
        json_to_ds(error->syntax, JSSF_SORT, &ds);
        ds_put_cstr(&ds, "\": ");
    }
    ds_put_cstr(&ds, error->tag);
    if (error->details) {
        ds_put_format(&ds, ": %s", error->details);
    }
    if (error->errno_) {
        ds_put_format(&ds, " (%s)", ovs_retval_to_string(error->errno_));
    }
    return ds_steal_cstr(&ds);
}

char *
ovsdb_error_to_string_free(struct ovsdb_error *error)
{
    char *s = ovsdb_error_to_string(error);
    ovsdb_error_destroy(error);
    return s;
}
