/* ovsdb-types.h: OVSDB column types (RFC 7047 section 3.2, <type>,
 * <base-type>, <atomic-type>), with upstream Open vSwitch's extensions.
 *
 * An atomic type is one of integer, real, boolean, string, uuid (plus
 * OVSDB_TYPE_VOID, meaning "none", for the value of a type that is not a
 * map).  A base type is an atomic type with optional constraints: an enum
 * (a set datum of allowed values), integer and real ranges, string length
 * limits (counted in UTF-8 characters), and for uuids a referenced table
 * name and a reference type (strong or weak).  A type is a key base type,
 * an optional value base type (present for maps), and the minimum (0 or 1)
 * and maximum (at least 1, or UINT_MAX for "unlimited") number of
 * elements.
 *
 * Memory: a base type owns its enum datum and refTable name;
 * ovsdb_base_type_clone()/_destroy() copy and free them.  'uuid.refTable'
 * is left for the schema layer to resolve and is never owned.
 *
 * Errors: the *_from_json() functions return NULL or an ovsdb_error with
 * upstream's texts; on error the output is left initialized and empty, so
 * destroying it is safe.  No global state. */
#ifndef OVSDB_TYPES_H
#define OVSDB_TYPES_H 1

#include <float.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"

struct json;
struct ovsdb_datum;
struct ovsdb_table;

enum ovsdb_atomic_type {
    OVSDB_TYPE_VOID,            /* No value (a set, not a map). */
    OVSDB_TYPE_INTEGER,         /* Signed 64-bit integer. */
    OVSDB_TYPE_REAL,            /* Finite double. */
    OVSDB_TYPE_BOOLEAN,
    OVSDB_TYPE_STRING,          /* UTF-8 string, no null bytes. */
    OVSDB_TYPE_UUID,
    OVSDB_N_TYPES
};

/* "integer", "real", ...; "void" for OVSDB_TYPE_VOID. */
const char *ovsdb_atomic_type_to_string(enum ovsdb_atomic_type);
/* Returns true and sets '*type' if S names a non-void atomic type. */
bool ovsdb_atomic_type_from_string(const char *s,
                                   enum ovsdb_atomic_type *type);
struct ovsdb_error *ovsdb_atomic_type_from_json(enum ovsdb_atomic_type *,
                                                const struct json *)
    OVS_WARN_UNUSED_RESULT;
struct json *ovsdb_atomic_type_to_json(enum ovsdb_atomic_type);

enum ovsdb_ref_type {
    OVSDB_REF_STRONG,           /* Target must exist; garbage-collects. */
    OVSDB_REF_WEAK              /* Deleted from the referrer if dangling. */
};

struct ovsdb_integer_constraints {
    int64_t min;                /* INT64_MIN if unconstrained. */
    int64_t max;                /* INT64_MAX if unconstrained. */
};

struct ovsdb_real_constraints {
    double min;                 /* -DBL_MAX if unconstrained. */
    double max;                 /* DBL_MAX if unconstrained. */
};

struct ovsdb_string_constraints {
    unsigned int minLen;        /* 0 if unconstrained. */
    unsigned int maxLen;        /* UINT_MAX if unconstrained. */
};

struct ovsdb_uuid_constraints {
    char *refTableName;         /* Owned; NULL if not a reference. */
    struct ovsdb_table *refTable; /* Resolved by the schema layer. */
    enum ovsdb_ref_type refType;
};

struct ovsdb_base_type {
    enum ovsdb_atomic_type type;
    struct ovsdb_datum *enum_;  /* Owned set of allowed values, or NULL. */
    union {
        struct ovsdb_integer_constraints integer;
        struct ovsdb_real_constraints real;
        struct ovsdb_string_constraints string;
        struct ovsdb_uuid_constraints uuid;
    };
};

void ovsdb_base_type_init(struct ovsdb_base_type *, enum ovsdb_atomic_type);
void ovsdb_base_type_clone(struct ovsdb_base_type *dst,
                           const struct ovsdb_base_type *src);
void ovsdb_base_type_destroy(struct ovsdb_base_type *);
bool ovsdb_base_type_equals(const struct ovsdb_base_type *,
                            const struct ovsdb_base_type *);
bool ovsdb_base_type_is_valid(const struct ovsdb_base_type *);
bool ovsdb_base_type_has_constraints(const struct ovsdb_base_type *);
/* Drops every constraint except the reference table/type. */
void ovsdb_base_type_clear_constraints(struct ovsdb_base_type *);
/* A copy of BASE without any constraint (refTable included). */
void ovsdb_base_type_get_unconstrained(struct ovsdb_base_type *dst,
                                       const struct ovsdb_base_type *base);
static inline bool ovsdb_base_type_is_ref(const struct ovsdb_base_type *);
static inline bool ovsdb_base_type_is_strong_ref(
    const struct ovsdb_base_type *);
static inline bool ovsdb_base_type_is_weak_ref(
    const struct ovsdb_base_type *);

struct ovsdb_error *ovsdb_base_type_from_json(struct ovsdb_base_type *,
                                              const struct json *)
    OVS_WARN_UNUSED_RESULT;
struct json *ovsdb_base_type_to_json(const struct ovsdb_base_type *);

/* "unlimited" maximum. */
#define OVSDB_UNLIMITED UINT_MAX

struct ovsdb_type {
    struct ovsdb_base_type key;
    struct ovsdb_base_type value; /* OVSDB_TYPE_VOID unless a map. */
    unsigned int n_min;         /* 0 or 1. */
    unsigned int n_max;         /* >= 1, or OVSDB_UNLIMITED. */
};

/* Scalar types with no constraints, usable as initializers. */
#define OVSDB_BASE_VOID_INIT    { .type = OVSDB_TYPE_VOID }
#define OVSDB_BASE_INTEGER_INIT { .type = OVSDB_TYPE_INTEGER,          \
                                  .integer = { INT64_MIN, INT64_MAX } }
#define OVSDB_BASE_REAL_INIT    { .type = OVSDB_TYPE_REAL,             \
                                  .real = { -DBL_MAX, DBL_MAX } }
#define OVSDB_BASE_BOOLEAN_INIT { .type = OVSDB_TYPE_BOOLEAN }
#define OVSDB_BASE_STRING_INIT  { .type = OVSDB_TYPE_STRING,           \
                                  .string = { 0, UINT_MAX } }
#define OVSDB_BASE_UUID_INIT    { .type = OVSDB_TYPE_UUID,             \
                                  .uuid = { NULL, NULL,                \
                                            OVSDB_REF_STRONG } }

extern const struct ovsdb_type ovsdb_type_integer;
extern const struct ovsdb_type ovsdb_type_real;
extern const struct ovsdb_type ovsdb_type_boolean;
extern const struct ovsdb_type ovsdb_type_string;
extern const struct ovsdb_type ovsdb_type_uuid;

/* A scalar type of KEY_TYPE, without constraints. */
void ovsdb_type_init(struct ovsdb_type *, enum ovsdb_atomic_type key_type);
void ovsdb_type_clone(struct ovsdb_type *dst, const struct ovsdb_type *src);
void ovsdb_type_destroy(struct ovsdb_type *);
bool ovsdb_type_equals(const struct ovsdb_type *, const struct ovsdb_type *);
bool ovsdb_type_is_valid(const struct ovsdb_type *);

static inline bool ovsdb_type_is_scalar(const struct ovsdb_type *);
static inline bool ovsdb_type_is_optional(const struct ovsdb_type *);
static inline bool ovsdb_type_is_optional_scalar(const struct ovsdb_type *);
static inline bool ovsdb_type_is_composite(const struct ovsdb_type *);
static inline bool ovsdb_type_is_set(const struct ovsdb_type *);
static inline bool ovsdb_type_is_map(const struct ovsdb_type *);

struct ovsdb_error *ovsdb_type_from_json(struct ovsdb_type *,
                                         const struct json *)
    OVS_WARN_UNUSED_RESULT;
struct json *ovsdb_type_to_json(const struct ovsdb_type *);
/* Describes TYPE in English as ovs-vsctl's errors do ("integer", "set of
 * up to 4096 integers", "map of (string, string) pairs").  Returns a
 * malloc'd string. */
char *ovsdb_type_to_english(const struct ovsdb_type *);

/* Inline functions. */

static inline bool
ovsdb_base_type_is_ref(const struct ovsdb_base_type *base)
{
    return base->type == OVSDB_TYPE_UUID && base->uuid.refTableName;
}

static inline bool
ovsdb_base_type_is_strong_ref(const struct ovsdb_base_type *base)
{
    return ovsdb_base_type_is_ref(base)
           && base->uuid.refType == OVSDB_REF_STRONG;
}

static inline bool
ovsdb_base_type_is_weak_ref(const struct ovsdb_base_type *base)
{
    return ovsdb_base_type_is_ref(base)
           && base->uuid.refType == OVSDB_REF_WEAK;
}

static inline bool
ovsdb_type_is_scalar(const struct ovsdb_type *type)
{
    return (type->value.type == OVSDB_TYPE_VOID
            && type->n_min == 1 && type->n_max == 1);
}

static inline bool
ovsdb_type_is_optional(const struct ovsdb_type *type)
{
    return type->n_min == 0;
}

static inline bool
ovsdb_type_is_optional_scalar(const struct ovsdb_type *type)
{
    return (type->value.type == OVSDB_TYPE_VOID
            && type->n_min == 0 && type->n_max == 1);
}

static inline bool
ovsdb_type_is_composite(const struct ovsdb_type *type)
{
    return type->n_max > 1;
}

static inline bool
ovsdb_type_is_set(const struct ovsdb_type *type)
{
    return (type->value.type == OVSDB_TYPE_VOID
            && (type->n_min != 1 || type->n_max != 1));
}

static inline bool
ovsdb_type_is_map(const struct ovsdb_type *type)
{
    return type->value.type != OVSDB_TYPE_VOID;
}

#endif /* ovsdb-types.h */
