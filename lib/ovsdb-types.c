/* ovsdb-types.c: OVSDB column types and their JSON forms. */
#include <config.h>
#include "ovsdb-types.h"
#include <string.h>
#include "dynamic-string.h"
#include "json.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "util.h"

const struct ovsdb_type ovsdb_type_integer = {
    OVSDB_BASE_INTEGER_INIT, OVSDB_BASE_VOID_INIT, 1, 1
};
const struct ovsdb_type ovsdb_type_real = {
    OVSDB_BASE_REAL_INIT, OVSDB_BASE_VOID_INIT, 1, 1
};
const struct ovsdb_type ovsdb_type_boolean = {
    OVSDB_BASE_BOOLEAN_INIT, OVSDB_BASE_VOID_INIT, 1, 1
};
const struct ovsdb_type ovsdb_type_string = {
    OVSDB_BASE_STRING_INIT, OVSDB_BASE_VOID_INIT, 1, 1
};
const struct ovsdb_type ovsdb_type_uuid = {
    OVSDB_BASE_UUID_INIT, OVSDB_BASE_VOID_INIT, 1, 1
};

static const char *const atomic_type_names[OVSDB_N_TYPES] = {
    [OVSDB_TYPE_VOID] = "void",
    [OVSDB_TYPE_INTEGER] = "integer",
    [OVSDB_TYPE_REAL] = "real",
    [OVSDB_TYPE_BOOLEAN] = "boolean",
    [OVSDB_TYPE_STRING] = "string",
    [OVSDB_TYPE_UUID] = "uuid",
};

const char *
ovsdb_atomic_type_to_string(enum ovsdb_atomic_type type)
{
    return type < OVSDB_N_TYPES ? atomic_type_names[type] : "<invalid>";
}

bool
ovsdb_atomic_type_from_string(const char *s, enum ovsdb_atomic_type *type)
{
    for (int i = OVSDB_TYPE_INTEGER; i < OVSDB_N_TYPES; i++) {
        if (!strcmp(s, atomic_type_names[i])) {
            *type = i;
            return true;
        }
    }
    return false;
}

struct ovsdb_error *
ovsdb_atomic_type_from_json(enum ovsdb_atomic_type *type,
                            const struct json *json)
{
    *type = OVSDB_TYPE_VOID;
    if (json->type != JSON_STRING) {
        return ovsdb_syntax_error(json, NULL, "atomic-type expected");
    }
    if (!ovsdb_atomic_type_from_string(json->string, type)) {
        return ovsdb_syntax_error(json, NULL,
                                  "\"%s\" is not an atomic-type",
                                  json->string);
    }
    return NULL;
}

struct json *
ovsdb_atomic_type_to_json(enum ovsdb_atomic_type type)
{
    return json_string_create(ovsdb_atomic_type_to_string(type));
}

/* Base types. */

void
ovsdb_base_type_init(struct ovsdb_base_type *base,
                     enum ovsdb_atomic_type type)
{
    memset(base, 0, sizeof *base);
    base->type = type;
    base->enum_ = NULL;
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        base->integer.min = INT64_MIN;
        base->integer.max = INT64_MAX;
        break;
    case OVSDB_TYPE_REAL:
        base->real.min = -DBL_MAX;
        base->real.max = DBL_MAX;
        break;
    case OVSDB_TYPE_STRING:
        base->string.minLen = 0;
        base->string.maxLen = UINT_MAX;
        break;
    case OVSDB_TYPE_UUID:
        base->uuid.refTableName = NULL;
        base->uuid.refTable = NULL;
        base->uuid.refType = OVSDB_REF_STRONG;
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
    default:
        break;
    }
}

/* The type of an enum datum for BASE: a set of unconstrained keys. */
static void
enum_type(struct ovsdb_type *type, const struct ovsdb_base_type *base)
{
    ovsdb_type_init(type, base->type);
    type->n_min = 1;
    type->n_max = OVSDB_UNLIMITED;
}

void
ovsdb_base_type_clone(struct ovsdb_base_type *dst,
                      const struct ovsdb_base_type *src)
{
    *dst = *src;
    if (src->enum_) {
        struct ovsdb_type type;
        enum_type(&type, src);
        dst->enum_ = xmalloc(sizeof *dst->enum_);
        ovsdb_datum_clone(dst->enum_, src->enum_, &type);
    }
    if (src->type == OVSDB_TYPE_UUID) {
        dst->uuid.refTableName = nullable_xstrdup(src->uuid.refTableName);
    }
}

void
ovsdb_base_type_destroy(struct ovsdb_base_type *base)
{
    if (base->enum_) {
        struct ovsdb_type type;
        enum_type(&type, base);
        ovsdb_datum_destroy(base->enum_, &type);
        free(base->enum_);
        base->enum_ = NULL;
    }
    if (base->type == OVSDB_TYPE_UUID) {
        free(base->uuid.refTableName);
        base->uuid.refTableName = NULL;
    }
}

bool
ovsdb_base_type_equals(const struct ovsdb_base_type *a,
                       const struct ovsdb_base_type *b)
{
    if (a->type != b->type || !a->enum_ != !b->enum_) {
        return false;
    }
    if (a->enum_) {
        struct ovsdb_type type;
        enum_type(&type, a);
        if (!ovsdb_datum_equals(a->enum_, b->enum_, &type)) {
            return false;
        }
    }
    switch (a->type) {
    case OVSDB_TYPE_INTEGER:
        return (a->integer.min == b->integer.min
                && a->integer.max == b->integer.max);
    case OVSDB_TYPE_REAL:
        return a->real.min == b->real.min && a->real.max == b->real.max;
    case OVSDB_TYPE_STRING:
        return (a->string.minLen == b->string.minLen
                && a->string.maxLen == b->string.maxLen);
    case OVSDB_TYPE_UUID:
        return (nullable_string_is_equal(a->uuid.refTableName,
                                         b->uuid.refTableName)
                && (!a->uuid.refTableName
                    || a->uuid.refType == b->uuid.refType));
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
    default:
        return true;
    }
}

bool
ovsdb_base_type_is_valid(const struct ovsdb_base_type *base)
{
    switch (base->type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_TYPE_UUID:
        return true;
    case OVSDB_TYPE_INTEGER:
        return base->integer.min <= base->integer.max;
    case OVSDB_TYPE_REAL:
        return base->real.min <= base->real.max;
    case OVSDB_TYPE_STRING:
        return base->string.minLen <= base->string.maxLen;
    case OVSDB_N_TYPES:
    default:
        return false;
    }
}

bool
ovsdb_base_type_has_constraints(const struct ovsdb_base_type *base)
{
    if (base->enum_) {
        return true;
    }
    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        return (base->integer.min != INT64_MIN
                || base->integer.max != INT64_MAX);
    case OVSDB_TYPE_REAL:
        return base->real.min != -DBL_MAX || base->real.max != DBL_MAX;
    case OVSDB_TYPE_STRING:
        return base->string.minLen != 0 || base->string.maxLen != UINT_MAX;
    case OVSDB_TYPE_UUID:
        return base->uuid.refTableName != NULL;
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
    default:
        return false;
    }
}

void
ovsdb_base_type_clear_constraints(struct ovsdb_base_type *base)
{
    if (base->type == OVSDB_TYPE_UUID) {
        char *ref = base->uuid.refTableName;
        struct ovsdb_table *table = base->uuid.refTable;
        enum ovsdb_ref_type ref_type = base->uuid.refType;

        base->uuid.refTableName = NULL;
        ovsdb_base_type_destroy(base);
        ovsdb_base_type_init(base, OVSDB_TYPE_UUID);
        base->uuid.refTableName = ref;
        base->uuid.refTable = table;
        base->uuid.refType = ref_type;
    } else {
        enum ovsdb_atomic_type type = base->type;
        ovsdb_base_type_destroy(base);
        ovsdb_base_type_init(base, type);
    }
}

void
ovsdb_base_type_get_unconstrained(struct ovsdb_base_type *dst,
                                  const struct ovsdb_base_type *base)
{
    ovsdb_base_type_init(dst, base->type);
}

/* Parses an optional string length member. */
static struct ovsdb_error *
parse_length(const struct json *json, const char *name, unsigned int *len)
{
    if (json) {
        long long int value = json_integer(json);
        if (value < 0 || value > UINT_MAX) {
            return ovsdb_syntax_error(json, NULL,
                                      "%s out of valid range 0 to %u",
                                      name, UINT_MAX);
        }
        *len = value;
    }
    return NULL;
}

static struct ovsdb_error *
base_type_from_object(struct ovsdb_base_type *base, const struct json *json)
{
    struct ovsdb_parser parser;
    struct ovsdb_error *error;
    const struct json *type, *enum_;

    ovsdb_parser_init(&parser, json, "ovsdb type");
    type = ovsdb_parser_member(&parser, "type", OP_STRING);
    if (!type) {
        return ovsdb_parser_finish(&parser);
    }
    error = ovsdb_atomic_type_from_json(&base->type, type);
    if (error) {
        ovsdb_parser_destroy(&parser);
        return error;
    }
    ovsdb_base_type_init(base, base->type);

    enum_ = ovsdb_parser_member(&parser, "enum",
                                OP_ANY_VALUE | OP_OPTIONAL);
    if (enum_) {
        struct ovsdb_type etype;
        enum_type(&etype, base);
        base->enum_ = xmalloc(sizeof *base->enum_);
        error = ovsdb_datum_from_json(base->enum_, &etype, enum_, NULL);
        if (error) {
            free(base->enum_);
            base->enum_ = NULL;
            ovsdb_parser_destroy(&parser);
            return error;
        }
    }

    if (base->type == OVSDB_TYPE_INTEGER) {
        const struct json *min, *max;

        min = ovsdb_parser_member(&parser, "minInteger",
                                  OP_INTEGER | OP_OPTIONAL);
        max = ovsdb_parser_member(&parser, "maxInteger",
                                  OP_INTEGER | OP_OPTIONAL);
        if (min) {
            base->integer.min = json_integer(min);
        }
        if (max) {
            base->integer.max = json_integer(max);
        }
        if (base->integer.min > base->integer.max) {
            error = ovsdb_syntax_error(json, NULL,
                                       "minInteger exceeds maxInteger");
        }
    } else if (base->type == OVSDB_TYPE_REAL) {
        const struct json *min, *max;

        min = ovsdb_parser_member(&parser, "minReal",
                                  OP_NUMBER | OP_OPTIONAL);
        max = ovsdb_parser_member(&parser, "maxReal",
                                  OP_NUMBER | OP_OPTIONAL);
        if (min) {
            base->real.min = json_real(min);
        }
        if (max) {
            base->real.max = json_real(max);
        }
        if (base->real.min > base->real.max) {
            error = ovsdb_syntax_error(json, NULL,
                                       "minReal exceeds maxReal");
        }
    } else if (base->type == OVSDB_TYPE_STRING) {
        const struct json *min, *max;

        min = ovsdb_parser_member(&parser, "minLength",
                                  OP_INTEGER | OP_OPTIONAL);
        max = ovsdb_parser_member(&parser, "maxLength",
                                  OP_INTEGER | OP_OPTIONAL);
        error = parse_length(min, "minLength", &base->string.minLen);
        if (!error) {
            error = parse_length(max, "maxLength", &base->string.maxLen);
        }
        if (!error && base->string.minLen > base->string.maxLen) {
            error = ovsdb_syntax_error(json, NULL,
                                       "minLength exceeds maxLength");
        }
    } else if (base->type == OVSDB_TYPE_UUID) {
        const struct json *ref_table;

        ref_table = ovsdb_parser_member(&parser, "refTable",
                                        OP_ID | OP_OPTIONAL);
        if (ref_table) {
            const struct json *ref_type;

            base->uuid.refTableName = xstrdup(json_string(ref_table));
            ref_type = ovsdb_parser_member(&parser, "refType",
                                           OP_STRING | OP_OPTIONAL);
            if (ref_type) {
                const char *s = json_string(ref_type);
                if (!strcmp(s, "strong")) {
                    base->uuid.refType = OVSDB_REF_STRONG;
                } else if (!strcmp(s, "weak")) {
                    base->uuid.refType = OVSDB_REF_WEAK;
                } else {
                    error = ovsdb_syntax_error(
                        json, NULL, "refType must be \"strong\" or "
                        "\"weak\" (not \"%s\")", s);
                }
            }
        }
    }

    if (error) {
        ovsdb_parser_destroy(&parser);
        return error;
    }
    return ovsdb_parser_finish(&parser);
}

struct ovsdb_error *
ovsdb_base_type_from_json(struct ovsdb_base_type *base,
                          const struct json *json)
{
    struct ovsdb_error *error;

    ovsdb_base_type_init(base, OVSDB_TYPE_VOID);
    if (json->type == JSON_STRING) {
        enum ovsdb_atomic_type type;

        error = ovsdb_atomic_type_from_json(&type, json);
        if (!error) {
            ovsdb_base_type_init(base, type);
        }
        return error;
    } else if (json->type != JSON_OBJECT) {
        return ovsdb_syntax_error(json, NULL, "ovsdb type expected");
    }

    error = base_type_from_object(base, json);
    if (error) {
        ovsdb_base_type_destroy(base);
        ovsdb_base_type_init(base, OVSDB_TYPE_VOID);
    }
    return error;
}

struct json *
ovsdb_base_type_to_json(const struct ovsdb_base_type *base)
{
    if (!ovsdb_base_type_has_constraints(base)) {
        return ovsdb_atomic_type_to_json(base->type);
    }

    struct json *json = json_object_create();
    json_object_put(json, "type", ovsdb_atomic_type_to_json(base->type));
    if (base->enum_) {
        struct ovsdb_type type;
        enum_type(&type, base);
        json_object_put(json, "enum", ovsdb_datum_to_json(base->enum_,
                                                          &type));
    }
    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        if (base->integer.min != INT64_MIN) {
            json_object_put(json, "minInteger",
                            json_integer_create(base->integer.min));
        }
        if (base->integer.max != INT64_MAX) {
            json_object_put(json, "maxInteger",
                            json_integer_create(base->integer.max));
        }
        break;
    case OVSDB_TYPE_REAL:
        if (base->real.min != -DBL_MAX) {
            json_object_put(json, "minReal",
                            json_real_create(base->real.min));
        }
        if (base->real.max != DBL_MAX) {
            json_object_put(json, "maxReal",
                            json_real_create(base->real.max));
        }
        break;
    case OVSDB_TYPE_STRING:
        if (base->string.minLen != 0) {
            json_object_put(json, "minLength",
                            json_integer_create(base->string.minLen));
        }
        if (base->string.maxLen != UINT_MAX) {
            json_object_put(json, "maxLength",
                            json_integer_create(base->string.maxLen));
        }
        break;
    case OVSDB_TYPE_UUID:
        if (base->uuid.refTableName) {
            json_object_put_string(json, "refTable",
                                   base->uuid.refTableName);
            if (base->uuid.refType == OVSDB_REF_WEAK) {
                json_object_put_string(json, "refType", "weak");
            }
        }
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
    default:
        break;
    }
    return json;
}

/* Types. */

void
ovsdb_type_init(struct ovsdb_type *type, enum ovsdb_atomic_type key_type)
{
    ovsdb_base_type_init(&type->key, key_type);
    ovsdb_base_type_init(&type->value, OVSDB_TYPE_VOID);
    type->n_min = 1;
    type->n_max = 1;
}

void
ovsdb_type_clone(struct ovsdb_type *dst, const struct ovsdb_type *src)
{
    ovsdb_base_type_clone(&dst->key, &src->key);
    ovsdb_base_type_clone(&dst->value, &src->value);
    dst->n_min = src->n_min;
    dst->n_max = src->n_max;
}

void
ovsdb_type_destroy(struct ovsdb_type *type)
{
    ovsdb_base_type_destroy(&type->key);
    ovsdb_base_type_destroy(&type->value);
}

bool
ovsdb_type_equals(const struct ovsdb_type *a, const struct ovsdb_type *b)
{
    return (ovsdb_base_type_equals(&a->key, &b->key)
            && ovsdb_base_type_equals(&a->value, &b->value)
            && a->n_min == b->n_min && a->n_max == b->n_max);
}

bool
ovsdb_type_is_valid(const struct ovsdb_type *type)
{
    return (type->key.type != OVSDB_TYPE_VOID
            && ovsdb_base_type_is_valid(&type->key)
            && ovsdb_base_type_is_valid(&type->value)
            && type->n_min <= 1
            && type->n_max >= 1
            && type->n_min <= type->n_max);
}

static struct ovsdb_error *
parse_n(const struct json *json, unsigned int default_, unsigned int *n)
{
    if (!json) {
        *n = default_;
    } else if (json->type == JSON_INTEGER
               && json->integer >= 0 && json->integer <= UINT_MAX) {
        *n = json->integer;
    } else {
        return ovsdb_syntax_error(json, NULL, "bad min or max value");
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_type_from_json(struct ovsdb_type *type, const struct json *json)
{
    struct ovsdb_error *error;

    ovsdb_type_init(type, OVSDB_TYPE_VOID);
    if (json->type == JSON_STRING) {
        return ovsdb_base_type_from_json(&type->key, json);
    } else if (json->type != JSON_OBJECT) {
        return ovsdb_syntax_error(json, NULL, "ovsdb type expected");
    }

    struct ovsdb_parser parser;
    const struct json *key, *value, *min, *max;

    ovsdb_parser_init(&parser, json, "ovsdb type");
    key = ovsdb_parser_member(&parser, "key", OP_STRING | OP_OBJECT);
    value = ovsdb_parser_member(&parser, "value",
                                OP_STRING | OP_OBJECT | OP_OPTIONAL);
    min = ovsdb_parser_member(&parser, "min", OP_INTEGER | OP_OPTIONAL);
    max = ovsdb_parser_member(&parser, "max",
                              OP_INTEGER | OP_STRING | OP_OPTIONAL);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    error = ovsdb_base_type_from_json(&type->key, key);
    if (!error && value) {
        error = ovsdb_base_type_from_json(&type->value, value);
    }
    if (!error) {
        error = parse_n(min, 1, &type->n_min);
    }
    if (!error) {
        if (max && max->type == JSON_STRING
            && !strcmp(max->string, "unlimited")) {
            type->n_max = OVSDB_UNLIMITED;
        } else {
            error = parse_n(max, 1, &type->n_max);
        }
    }
    if (!error && !ovsdb_type_is_valid(type)) {
        error = ovsdb_syntax_error(json, NULL,
                                   "ovsdb type fails constraint checks");
    }
    if (error) {
        ovsdb_type_destroy(type);
        ovsdb_type_init(type, OVSDB_TYPE_VOID);
    }
    return error;
}

struct json *
ovsdb_type_to_json(const struct ovsdb_type *type)
{
    if (ovsdb_type_is_scalar(type)
        && !ovsdb_base_type_has_constraints(&type->key)) {
        return ovsdb_base_type_to_json(&type->key);
    }

    struct json *json = json_object_create();
    json_object_put(json, "key", ovsdb_base_type_to_json(&type->key));
    if (type->value.type != OVSDB_TYPE_VOID) {
        json_object_put(json, "value",
                        ovsdb_base_type_to_json(&type->value));
    }
    if (type->n_min != 1) {
        json_object_put(json, "min", json_integer_create(type->n_min));
    }
    if (type->n_max == OVSDB_UNLIMITED) {
        json_object_put_string(json, "max", "unlimited");
    } else if (type->n_max != 1) {
        json_object_put(json, "max", json_integer_create(type->n_max));
    }
    return json;
}

char *
ovsdb_type_to_english(const struct ovsdb_type *type)
{
    const char *key = ovsdb_atomic_type_to_string(type->key.type);
    struct ds s = DS_EMPTY_INITIALIZER;

    if (ovsdb_type_is_scalar(type)) {
        return xstrdup(key);
    }

    ds_put_cstr(&s, ovsdb_type_is_map(type) ? "map of " : "set of ");
    if (type->n_min == 0 && type->n_max == OVSDB_UNLIMITED) {
        /* No count: "set of strings". */
    } else if (type->n_min == 0) {
        ds_put_format(&s, "up to %u ", type->n_max);
    } else if (type->n_max == OVSDB_UNLIMITED) {
        ds_put_format(&s, "%u or more ", type->n_min);
    } else {
        ds_put_format(&s, "%u to %u ", type->n_min, type->n_max);
    }
    if (ovsdb_type_is_map(type)) {
        ds_put_format(&s, "(%s, %s) pairs", key,
                      ovsdb_atomic_type_to_string(type->value.type));
    } else {
        ds_put_format(&s, "%ss", key);
    }
    return ds_steal_cstr(&s);
}
