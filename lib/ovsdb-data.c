/* ovsdb-data.c: OVSDB atoms and datums. */
#include <config.h>
#include "ovsdb-data.h"
#include <ctype.h>
#include <inttypes.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "dynamic-string.h"
#include "hash.h"
#include "json.h"
#include "ovsdb-error.h"
#include "util.h"

/* Symbol tables. */

struct ovsdb_symbol_table *
ovsdb_symbol_table_create(void)
{
    struct ovsdb_symbol_table *symtab = xmalloc(sizeof *symtab);
    shash_init(&symtab->sh);
    return symtab;
}

void
ovsdb_symbol_table_destroy(struct ovsdb_symbol_table *symtab)
{
    if (symtab) {
        shash_destroy_free_data(&symtab->sh);
        free(symtab);
    }
}

struct ovsdb_symbol *
ovsdb_symbol_table_get(const struct ovsdb_symbol_table *symtab,
                       const char *name)
{
    return shash_find_data(&symtab->sh, name);
}

struct ovsdb_symbol *
ovsdb_symbol_table_put(struct ovsdb_symbol_table *symtab, const char *name,
                       const struct uuid *uuid, bool created)
{
    struct ovsdb_symbol *symbol = xzalloc(sizeof *symbol);
    symbol->uuid = *uuid;
    symbol->created = created;
    shash_add_assert(&symtab->sh, name, symbol);
    return symbol;
}

struct ovsdb_symbol *
ovsdb_symbol_table_insert(struct ovsdb_symbol_table *symtab,
                          const char *name)
{
    struct ovsdb_symbol *symbol = ovsdb_symbol_table_get(symtab, name);
    if (!symbol) {
        struct uuid uuid;
        uuid_generate(&uuid);
        symbol = ovsdb_symbol_table_put(symtab, name, &uuid, false);
    }
    return symbol;
}

/* Atoms. */

void
ovsdb_atom_init_default(union ovsdb_atom *atom, enum ovsdb_atomic_type type)
{
    memset(atom, 0, sizeof *atom);
    if (type == OVSDB_TYPE_STRING) {
        atom->string = xstrdup("");
    }
}

const union ovsdb_atom *
ovsdb_atom_default(enum ovsdb_atomic_type type)
{
    static union ovsdb_atom zero;
    static union ovsdb_atom empty_string = { .string = (char *) "" };
    return type == OVSDB_TYPE_STRING ? &empty_string : &zero;
}

bool
ovsdb_atom_is_default(const union ovsdb_atom *atom,
                      enum ovsdb_atomic_type type)
{
    return ovsdb_atom_equals(atom, ovsdb_atom_default(type), type);
}

void
ovsdb_atom_clone(union ovsdb_atom *dst, const union ovsdb_atom *src,
                 enum ovsdb_atomic_type type)
{
    if (type == OVSDB_TYPE_STRING) {
        dst->string = xstrdup(src->string);
    } else {
        *dst = *src;
    }
}

void
ovsdb_atom_swap(union ovsdb_atom *a, union ovsdb_atom *b)
{
    union ovsdb_atom tmp = *a;
    *a = *b;
    *b = tmp;
}

uint32_t
ovsdb_atom_hash(const union ovsdb_atom *atom, enum ovsdb_atomic_type type,
                uint32_t basis)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        return hash_finish(hash_add64(basis, atom->integer), 8);
    case OVSDB_TYPE_REAL: {
        /* Make 0.0 and -0.0, which compare equal, hash equal too. */
        double d = atom->real == 0 ? 0 : atom->real;
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return hash_finish(hash_add64(basis, bits), 8);
    }
    case OVSDB_TYPE_BOOLEAN:
        return hash_int(atom->boolean, basis);
    case OVSDB_TYPE_STRING:
        return hash_string(atom->string, basis);
    case OVSDB_TYPE_UUID:
        return hash_int(uuid_hash(&atom->uuid), basis);
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

static int
compare_integer(const void *a_, const void *b_)
{
    const union ovsdb_atom *a = a_, *b = b_;
    return a->integer < b->integer ? -1 : a->integer > b->integer;
}

static int
compare_real(const void *a_, const void *b_)
{
    const union ovsdb_atom *a = a_, *b = b_;
    return a->real < b->real ? -1 : a->real > b->real;
}

static int
compare_boolean(const void *a_, const void *b_)
{
    const union ovsdb_atom *a = a_, *b = b_;
    return (int) a->boolean - (int) b->boolean;
}

static int
compare_string(const void *a_, const void *b_)
{
    const union ovsdb_atom *a = a_, *b = b_;
    return strcmp(a->string, b->string);
}

static int
compare_uuid(const void *a_, const void *b_)
{
    const union ovsdb_atom *a = a_, *b = b_;
    return uuid_compare_3way(&a->uuid, &b->uuid);
}

typedef int atom_compare_func(const void *, const void *);

static atom_compare_func *
atom_comparator(enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        return compare_integer;
    case OVSDB_TYPE_REAL:
        return compare_real;
    case OVSDB_TYPE_BOOLEAN:
        return compare_boolean;
    case OVSDB_TYPE_STRING:
        return compare_string;
    case OVSDB_TYPE_UUID:
        return compare_uuid;
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

int
ovsdb_atom_compare_3way(const union ovsdb_atom *a,
                        const union ovsdb_atom *b,
                        enum ovsdb_atomic_type type)
{
    return atom_comparator(type)(a, b);
}

static struct ovsdb_error *
parse_uuid_json(struct uuid *uuid, const struct json *json,
                struct ovsdb_symbol_table *symtab)
{
    if (json->type == JSON_ARRAY && json->array.n == 2
        && json->array.elems[0]->type == JSON_STRING
        && json->array.elems[1]->type == JSON_STRING) {
        const char *tag = json->array.elems[0]->string;
        const char *s = json->array.elems[1]->string;

        if (!strcmp(tag, "uuid")) {
            if (!uuid_from_string(uuid, s)) {
                return ovsdb_syntax_error(json, NULL,
                                          "\"%s\" is not a valid UUID", s);
            }
            return NULL;
        } else if (!strcmp(tag, "named-uuid") && symtab) {
            *uuid = ovsdb_symbol_table_insert(symtab, s)->uuid;
            return NULL;
        }
    }
    return ovsdb_syntax_error(json, NULL, "expected [\"uuid\", <string>]");
}

static struct ovsdb_error *
atom_from_json__(union ovsdb_atom *atom, enum ovsdb_atomic_type type,
                 const struct json *json, struct ovsdb_symbol_table *symtab)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        if (json->type == JSON_INTEGER) {
            atom->integer = json->integer;
            return NULL;
        }
        break;
    case OVSDB_TYPE_REAL:
        if (json->type == JSON_INTEGER || json->type == JSON_REAL) {
            atom->real = json_real(json);
            return NULL;
        }
        break;
    case OVSDB_TYPE_BOOLEAN:
        if (json->type == JSON_TRUE || json->type == JSON_FALSE) {
            atom->boolean = json->type == JSON_TRUE;
            return NULL;
        }
        break;
    case OVSDB_TYPE_STRING:
        if (json->type == JSON_STRING) {
            atom->string = xstrdup(json->string);
            return NULL;
        }
        break;
    case OVSDB_TYPE_UUID:
        return parse_uuid_json(&atom->uuid, json, symtab);
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
    return ovsdb_syntax_error(json, NULL, "expected %s",
                              ovsdb_atomic_type_to_string(type));
}

struct ovsdb_error *
ovsdb_atom_from_json(union ovsdb_atom *atom,
                     const struct ovsdb_base_type *base,
                     const struct json *json,
                     struct ovsdb_symbol_table *symtab)
{
    struct ovsdb_error *error;

    error = atom_from_json__(atom, base->type, json, symtab);
    if (!error) {
        error = ovsdb_atom_check_constraints(atom, base);
        if (error) {
            ovsdb_atom_destroy(atom, base->type);
        }
    }
    return error;
}

struct json *
ovsdb_atom_to_json(const union ovsdb_atom *atom,
                   enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        return json_integer_create(atom->integer);
    case OVSDB_TYPE_REAL:
        return json_real_create(atom->real);
    case OVSDB_TYPE_BOOLEAN:
        return json_boolean_create(atom->boolean);
    case OVSDB_TYPE_STRING:
        return json_string_create(atom->string);
    case OVSDB_TYPE_UUID:
        return json_array_create_2(
            json_string_create("uuid"),
            json_string_create_nocopy(uuid_to_string(&atom->uuid)));
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

void
ovsdb_atom_to_json_ds(const union ovsdb_atom *atom,
                      enum ovsdb_atomic_type type, struct ds *out)
{
    char uuid_s[UUID_LEN + 1];

    switch (type) {
    case OVSDB_TYPE_INTEGER:
        ds_put_format(out, "%"PRId64, atom->integer);
        break;
    case OVSDB_TYPE_REAL: {
        /* Rare: let the JSON printer keep its exact real format. */
        struct json *json = json_real_create(atom->real);
        json_to_ds(json, 0, out);
        json_destroy(json);
        break;
    }
    case OVSDB_TYPE_BOOLEAN:
        ds_put_cstr(out, atom->boolean ? "true" : "false");
        break;
    case OVSDB_TYPE_STRING:
        json_string_escape(atom->string, out);
        break;
    case OVSDB_TYPE_UUID:
        uuid_format(&atom->uuid, uuid_s);
        ds_put_cstr(out, "[\"uuid\",\"");
        ds_put_buffer(out, uuid_s, UUID_LEN);
        ds_put_cstr(out, "\"]");
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

/* Appends D with 15 significant digits, as upstream prints reals in
 * every form (JSON and ovs-vsctl style alike), even where that loses the
 * last bits of D. */
static void
put_real(struct ds *out, double d)
{
    ds_put_format(out, "%.15g", d);
}

/* Counts the UTF-8 characters in S (which is valid UTF-8). */
static size_t
utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += ((unsigned char) *s & 0xc0) != 0x80;
    }
    return n;
}

struct ovsdb_error *
ovsdb_atom_check_constraints(const union ovsdb_atom *atom,
                             const struct ovsdb_base_type *base)
{
    if (base->enum_
        && ovsdb_datum_find_key(base->enum_, atom, base->type) == UINT_MAX) {
        struct ovsdb_type type;
        struct ds s = DS_EMPTY_INITIALIZER;
        struct ds e = DS_EMPTY_INITIALIZER;
        struct ovsdb_error *error;

        ovsdb_type_init(&type, base->type);
        type.n_max = OVSDB_UNLIMITED;
        ovsdb_atom_to_string(atom, base->type, &s);
        ovsdb_datum_to_string(base->enum_, &type, &e);
        error = ovsdb_error_create("constraint violation",
                                   "%s is not one of the allowed values "
                                   "(%s)", ds_cstr(&s), ds_cstr(&e));
        ds_destroy(&s);
        ds_destroy(&e);
        return error;
    }

    switch (base->type) {
    case OVSDB_TYPE_INTEGER: {
        long long int i = atom->integer;
        long long int min = base->integer.min, max = base->integer.max;
        if (i >= min && i <= max) {
            return NULL;
        } else if (min != INT64_MIN && max != INT64_MAX) {
            return ovsdb_error_create("constraint violation",
                                      "%lld is not in the valid range "
                                      "%lld to %lld (inclusive)",
                                      i, min, max);
        } else if (i < min) {
            return ovsdb_error_create("constraint violation",
                                      "%lld is less than minimum allowed "
                                      "value %lld", i, min);
        } else {
            return ovsdb_error_create("constraint violation",
                                      "%lld is greater than maximum "
                                      "allowed value %lld", i, max);
        }
    }
    case OVSDB_TYPE_REAL: {
        double d = atom->real;
        double min = base->real.min, max = base->real.max;
        struct ds s = DS_EMPTY_INITIALIZER;
        struct ovsdb_error *error;

        if (d >= min && d <= max) {
            return NULL;
        }
        put_real(&s, d);
        if (min != -DBL_MAX && max != DBL_MAX) {
            ds_put_cstr(&s, " is not in the valid range ");
            put_real(&s, min);
            ds_put_cstr(&s, " to ");
            put_real(&s, max);
            ds_put_cstr(&s, " (inclusive)");
        } else if (d < min) {
            ds_put_cstr(&s, " is less than minimum allowed value ");
            put_real(&s, min);
        } else {
            ds_put_cstr(&s, " is greater than maximum allowed value ");
            put_real(&s, max);
        }
        error = ovsdb_error_create("constraint violation", "%s",
                                   ds_cstr(&s));
        ds_destroy(&s);
        return error;
    }
    case OVSDB_TYPE_STRING: {
        if (!base->string.minLen && base->string.maxLen == UINT_MAX) {
            return NULL;
        }
        size_t len = utf8_length(atom->string);
        const char *problem = (len < base->string.minLen ? "less"
                               : len > base->string.maxLen ? "greater"
                               : NULL);
        if (problem) {
            struct ds s = DS_EMPTY_INITIALIZER;
            struct ovsdb_error *error;

            json_string_escape(atom->string, &s);
            error = ovsdb_error_create(
                "constraint violation",
                "%s length %zu is %s than %s allowed length %u",
                ds_cstr(&s), len, problem,
                *problem == 'l' ? "minimum" : "maximum",
                *problem == 'l' ? base->string.minLen
                : base->string.maxLen);
            ds_destroy(&s);
            return error;
        }
        return NULL;
    }
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_TYPE_UUID:
    case OVSDB_N_TYPES:
    default:
        return NULL;
    }
}

/* String forms. */

/* True if S may be printed without quotes: it looks like an identifier
 * (possibly with '-' and '.'), and would not read back as another type. */
static bool
string_is_bare(const char *s)
{
    struct uuid uuid;

    if (!isalpha((unsigned char) *s) && *s != '_') {
        return false;
    }
    for (const char *p = s + 1; *p; p++) {
        if (!isalnum((unsigned char) *p) && !strchr("_-.", *p)) {
            return false;
        }
    }
    return (strcmp(s, "true") && strcmp(s, "false")
            && !uuid_from_string(&uuid, s));
}

void
ovsdb_atom_string_to_string(const char *s, struct ds *out)
{
    if (string_is_bare(s)) {
        ds_put_cstr(out, s);
    } else {
        json_string_escape(s, out);
    }
}

void
ovsdb_atom_to_string(const union ovsdb_atom *atom,
                     enum ovsdb_atomic_type type, struct ds *out)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        ds_put_format(out, "%lld", (long long int) atom->integer);
        break;
    case OVSDB_TYPE_REAL:
        put_real(out, atom->real);
        break;
    case OVSDB_TYPE_BOOLEAN:
        ds_put_cstr(out, atom->boolean ? "true" : "false");
        break;
    case OVSDB_TYPE_STRING:
        ovsdb_atom_string_to_string(atom->string, out);
        break;
    case OVSDB_TYPE_UUID:
        uuid_format(&atom->uuid, ds_put_uninit(out, UUID_LEN + 1));
        ds_truncate(out, out->length - 1);
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

/* Parses the quoted string at S (which starts with '"') into a malloc'd
 * '*out', stores the first byte after the closing quote in '*end'.  Returns
 * NULL or a malloc'd error. */
static char *
parse_quoted(const char *s, char **out, const char **end)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    const char *p;

    *out = NULL;
    for (p = s + 1; *p != '"'; p++) {
        if (*p == '\0') {
            ds_destroy(&ds);
            return xasprintf("%s: quoted string extends past end of "
                             "argument", s);
        }
        if (*p != '\\') {
            ds_put_char(&ds, *p);
            continue;
        }
        p++;
        switch (*p) {
        case '"': case '\\': case '/':
            ds_put_char(&ds, *p);
            break;
        case 'b':
            ds_put_char(&ds, '\b');
            break;
        case 'f':
            ds_put_char(&ds, '\f');
            break;
        case 'n':
            ds_put_char(&ds, '\n');
            break;
        case 'r':
            ds_put_char(&ds, '\r');
            break;
        case 't':
            ds_put_char(&ds, '\t');
            break;
        case 'u': {
            int c = hexits_value(p + 1, 4);
            if (c < 0) {
                ds_destroy(&ds);
                return xasprintf("%s: malformed \\u escape", s);
            }
            p += 4;
            if (!c) {
                ds_destroy(&ds);
                return xasprintf("%s: null bytes not supported in quoted "
                                 "strings", s);
            }
            if (c >= 0xd800 && c <= 0xdfff) {
                /* Only a high surrogate followed by an escaped low
                 * surrogate makes a character. */
                int low = (c < 0xdc00 && p[1] == '\\' && p[2] == 'u'
                           ? hexits_value(p + 3, 4) : -1);
                if (low < 0xdc00 || low > 0xdfff) {
                    ds_destroy(&ds);
                    return xasprintf("%s: malformed escaped surrogate "
                                     "pair", s);
                }
                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                p += 6;
            }
            ds_put_utf8(&ds, c);
            break;
        }
        case '\0':
            ds_destroy(&ds);
            return xasprintf("%s: quoted string extends past end of "
                             "argument", s);
        default:
            ds_destroy(&ds);
            return xasprintf("%s: bad escape \\%c", s, *p);
        }
    }
    *end = p + 1;
    *out = ds_steal_cstr(&ds);
    return NULL;
}

static char *
atom_from_string__(union ovsdb_atom *atom, enum ovsdb_atomic_type type,
                   const char *s, struct ovsdb_symbol_table *symtab)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER: {
        long long int i;
        if (!str_to_llong(s, 10, &i)) {
            return xasprintf("\"%s\" is not a valid integer", s);
        }
        atom->integer = i;
        return NULL;
    }
    case OVSDB_TYPE_REAL:
        if (!str_to_double(s, &atom->real)) {
            return xasprintf("\"%s\" is not a valid real number", s);
        }
        if (atom->real == 0) {
            atom->real = 0;     /* Normalizes -0.0. */
        }
        return NULL;
    case OVSDB_TYPE_BOOLEAN:
        if (!strcmp(s, "true")) {
            atom->boolean = true;
        } else if (!strcmp(s, "false")) {
            atom->boolean = false;
        } else {
            return xasprintf("\"%s\" is not a valid boolean "
                             "(use \"true\" or \"false\")", s);
        }
        return NULL;
    case OVSDB_TYPE_STRING:
        if (*s == '\0') {
            return xstrdup("An empty string is not valid as input; use "
                           "\"\" to represent the empty string");
        } else if (*s == '"') {
            const char *end = s;
            char *error = parse_quoted(s, &atom->string, &end);
            if (!error && *end) {
                free(atom->string);
                error = xasprintf("%s: missing quote at end of quoted "
                                  "string", s);
            }
            return error;
        }
        atom->string = xstrdup(s);
        return NULL;
    case OVSDB_TYPE_UUID:
        if (*s == '@' && symtab) {
            atom->uuid = ovsdb_symbol_table_insert(symtab, s)->uuid;
        } else if (!uuid_from_string(&atom->uuid, s)) {
            return xasprintf("\"%s\" is not a valid UUID", s);
        }
        return NULL;
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

char *
ovsdb_atom_from_string(union ovsdb_atom *atom,
                       const struct ovsdb_base_type *base, const char *s,
                       struct ovsdb_symbol_table *symtab)
{
    char *error = atom_from_string__(atom, base->type, s, symtab);
    if (!error) {
        struct ovsdb_error *cerror = ovsdb_atom_check_constraints(atom,
                                                                  base);
        if (cerror) {
            ovsdb_atom_destroy(atom, base->type);
            error = ovsdb_error_to_string_free(cerror);
        }
    }
    return error;
}

/* Datums. */

void
ovsdb_datum_init_empty(struct ovsdb_datum *datum)
{
    datum->n = 0;
    datum->keys = NULL;
    datum->values = NULL;
}

static void
alloc_datum(struct ovsdb_datum *datum, unsigned int n,
            const struct ovsdb_type *type)
{
    datum->n = n;
    datum->keys = n ? xmalloc(n * sizeof *datum->keys) : NULL;
    datum->values = (n && type->value.type != OVSDB_TYPE_VOID
                     ? xmalloc(n * sizeof *datum->values) : NULL);
}

void
ovsdb_datum_init_default(struct ovsdb_datum *datum,
                         const struct ovsdb_type *type)
{
    alloc_datum(datum, type->n_min, type);
    if (type->n_min) {
        ovsdb_atom_init_default(&datum->keys[0], type->key.type);
        if (datum->values) {
            ovsdb_atom_init_default(&datum->values[0], type->value.type);
        }
    }
}

bool
ovsdb_datum_is_default(const struct ovsdb_datum *datum,
                       const struct ovsdb_type *type)
{
    if (datum->n != type->n_min) {
        return false;
    }
    return (!datum->n
            || (ovsdb_atom_is_default(&datum->keys[0], type->key.type)
                && (type->value.type == OVSDB_TYPE_VOID
                    || ovsdb_atom_is_default(&datum->values[0],
                                             type->value.type))));
}

static void
clone_atoms(union ovsdb_atom *dst, const union ovsdb_atom *src,
            unsigned int n, enum ovsdb_atomic_type type)
{
    if (type == OVSDB_TYPE_STRING) {
        for (unsigned int i = 0; i < n; i++) {
            dst[i].string = xstrdup(src[i].string);
        }
    } else if (n) {
        memcpy(dst, src, n * sizeof *dst);
    }
}

void
ovsdb_datum_clone(struct ovsdb_datum *dst, const struct ovsdb_datum *src,
                  const struct ovsdb_type *type)
{
    alloc_datum(dst, src->n, type);
    clone_atoms(dst->keys, src->keys, src->n, type->key.type);
    if (dst->values) {
        clone_atoms(dst->values, src->values, src->n, type->value.type);
    }
}

static void
free_atoms(union ovsdb_atom *atoms, unsigned int n,
           enum ovsdb_atomic_type type)
{
    if (type == OVSDB_TYPE_STRING) {
        for (unsigned int i = 0; i < n; i++) {
            free(atoms[i].string);
        }
    }
    free(atoms);
}

void
ovsdb_datum_destroy(struct ovsdb_datum *datum, const struct ovsdb_type *type)
{
    free_atoms(datum->keys, datum->n, type->key.type);
    if (datum->values) {
        free_atoms(datum->values, datum->n, type->value.type);
    }
    ovsdb_datum_init_empty(datum);
}

void
ovsdb_datum_swap(struct ovsdb_datum *a, struct ovsdb_datum *b)
{
    struct ovsdb_datum tmp = *a;
    *a = *b;
    *b = tmp;
}

struct atom_pair {
    union ovsdb_atom key;
    union ovsdb_atom value;
};

/* Sorts DATUM by key with qsort: keys alone for sets, key-value pairs
 * through a temporary array for maps. */
static void
sort_datum(struct ovsdb_datum *datum, enum ovsdb_atomic_type key_type)
{
    atom_compare_func *cmp = atom_comparator(key_type);

    if (datum->n < 2) {
        return;
    }
    if (!datum->values) {
        qsort(datum->keys, datum->n, sizeof *datum->keys, cmp);
        return;
    }

    /* 'key' is the first member, so CMP works on pairs too. */
    struct atom_pair *pairs = xmalloc(datum->n * sizeof *pairs);
    for (unsigned int i = 0; i < datum->n; i++) {
        pairs[i].key = datum->keys[i];
        pairs[i].value = datum->values[i];
    }
    qsort(pairs, datum->n, sizeof *pairs, cmp);
    for (unsigned int i = 0; i < datum->n; i++) {
        datum->keys[i] = pairs[i].key;
        datum->values[i] = pairs[i].value;
    }
    free(pairs);
}

struct ovsdb_error *
ovsdb_datum_sort(struct ovsdb_datum *datum, enum ovsdb_atomic_type key_type)
{
    sort_datum(datum, key_type);
    for (unsigned int i = 1; i < datum->n; i++) {
        if (ovsdb_atom_equals(&datum->keys[i - 1], &datum->keys[i],
                              key_type)) {
            return ovsdb_error_create(NULL, datum->values
                                      ? "map contains duplicate key"
                                      : "set contains duplicate");
        }
    }
    return NULL;
}

void
ovsdb_datum_sort_unique(struct ovsdb_datum *datum,
                        enum ovsdb_atomic_type key_type,
                        enum ovsdb_atomic_type value_type)
{
    unsigned int dst = 0;

    sort_datum(datum, key_type);
    for (unsigned int src = 0; src < datum->n; src++) {
        if (dst && ovsdb_atom_equals(&datum->keys[dst - 1],
                                     &datum->keys[src], key_type)) {
            ovsdb_atom_destroy(&datum->keys[src], key_type);
            if (datum->values) {
                ovsdb_atom_destroy(&datum->values[src], value_type);
            }
            continue;
        }
        datum->keys[dst] = datum->keys[src];
        if (datum->values) {
            datum->values[dst] = datum->values[src];
        }
        dst++;
    }
    datum->n = dst;
}

struct ovsdb_error *
ovsdb_datum_check_constraints(const struct ovsdb_datum *datum,
                              const struct ovsdb_type *type)
{
    for (unsigned int i = 0; i < datum->n; i++) {
        struct ovsdb_error *error;

        error = ovsdb_atom_check_constraints(&datum->keys[i], &type->key);
        if (!error && datum->values) {
            error = ovsdb_atom_check_constraints(&datum->values[i],
                                                 &type->value);
        }
        if (error) {
            return error;
        }
    }
    return NULL;
}

bool
ovsdb_datum_conforms_to_type(const struct ovsdb_datum *datum,
                             const struct ovsdb_type *type)
{
    return datum->n >= type->n_min && datum->n <= type->n_max;
}

struct ovsdb_error *
ovsdb_datum_from_json(struct ovsdb_datum *datum,
                      const struct ovsdb_type *type,
                      const struct json *json,
                      struct ovsdb_symbol_table *symtab)
{
    bool is_map = ovsdb_type_is_map(type);
    const char *class = is_map ? "map" : "set";
    const struct json_array *elems;
    struct ovsdb_error *error;
    const struct json *single = NULL;

    ovsdb_datum_init_empty(datum);
    if (json->type == JSON_ARRAY && json->array.n >= 1
        && json->array.elems[0]->type == JSON_STRING
        && !strcmp(json->array.elems[0]->string, class)) {
        if (json->array.n != 2
            || json->array.elems[1]->type != JSON_ARRAY) {
            return ovsdb_syntax_error(json, NULL,
                                      "expected [\"%s\", <array>]", class);
        }
        elems = &json->array.elems[1]->array;
    } else if (is_map) {
        return ovsdb_syntax_error(json, NULL,
                                  "expected [\"map\", <array>]");
    } else {
        /* A bare atom is a set of one. */
        single = json;
        elems = NULL;
    }

    size_t n = elems ? elems->n : 1;
    if (n < type->n_min || n > type->n_max) {
        if (type->n_min == 1 && type->n_max == 1) {
            /* Upstream words the one-element case differently. */
            return ovsdb_syntax_error(json, NULL,
                                      "%s must have exactly one member "
                                      "but %zu are present", class, n);
        }
        return ovsdb_syntax_error(json, NULL,
                                  "%s must have %u to %u members but "
                                  "%zu are present", class,
                                  type->n_min, type->n_max, n);
    }

    alloc_datum(datum, n, type);
    for (size_t i = 0; i < n; i++) {
        const struct json *elem = elems ? elems->elems[i] : single;
        const struct json *key = elem;

        if (is_map) {
            if (elem->type != JSON_ARRAY || elem->array.n != 2) {
                error = ovsdb_syntax_error(elem, NULL,
                                           "expected 2-element array");
                datum->n = i;
                goto error;
            }
            key = elem->array.elems[0];
        }
        error = ovsdb_atom_from_json(&datum->keys[i], &type->key, key,
                                     symtab);
        if (error) {
            datum->n = i;
            goto error;
        }
        if (is_map) {
            error = ovsdb_atom_from_json(&datum->values[i], &type->value,
                                         elem->array.elems[1], symtab);
            if (error) {
                ovsdb_atom_destroy(&datum->keys[i], type->key.type);
                datum->n = i;
                goto error;
            }
        }
    }

    error = ovsdb_datum_sort(datum, type->key.type);
    if (!error) {
        return NULL;
    }

error:
    ovsdb_datum_destroy(datum, type);
    return error;
}

struct json *
ovsdb_datum_to_json(const struct ovsdb_datum *datum,
                    const struct ovsdb_type *type)
{
    if (ovsdb_type_is_map(type)) {
        struct json **elems = xmalloc(datum->n * sizeof *elems + 1);
        for (unsigned int i = 0; i < datum->n; i++) {
            elems[i] = json_array_create_2(
                ovsdb_atom_to_json(&datum->keys[i], type->key.type),
                ovsdb_atom_to_json(&datum->values[i], type->value.type));
        }
        return json_array_create_2(json_string_create("map"),
                                   json_array_create(elems, datum->n));
    } else if (datum->n == 1) {
        return ovsdb_atom_to_json(&datum->keys[0], type->key.type);
    } else {
        struct json **elems = xmalloc(datum->n * sizeof *elems + 1);
        for (unsigned int i = 0; i < datum->n; i++) {
            elems[i] = ovsdb_atom_to_json(&datum->keys[i], type->key.type);
        }
        return json_array_create_2(json_string_create("set"),
                                   json_array_create(elems, datum->n));
    }
}

void
ovsdb_datum_to_json_ds(const struct ovsdb_datum *datum,
                       const struct ovsdb_type *type, struct ds *out)
{
    bool is_map = ovsdb_type_is_map(type);

    if (!is_map && datum->n == 1) {
        ovsdb_atom_to_json_ds(&datum->keys[0], type->key.type, out);
        return;
    }
    ds_put_cstr(out, is_map ? "[\"map\",[" : "[\"set\",[");
    for (unsigned int i = 0; i < datum->n; i++) {
        if (i) {
            ds_put_char(out, ',');
        }
        if (is_map) {
            ds_put_char(out, '[');
            ovsdb_atom_to_json_ds(&datum->keys[i], type->key.type, out);
            ds_put_char(out, ',');
            ovsdb_atom_to_json_ds(&datum->values[i], type->value.type, out);
            ds_put_char(out, ']');
        } else {
            ovsdb_atom_to_json_ds(&datum->keys[i], type->key.type, out);
        }
    }
    ds_put_cstr(out, "]]");
}

void
ovsdb_datum_to_string(const struct ovsdb_datum *datum,
                      const struct ovsdb_type *type, struct ds *out)
{
    bool is_map = ovsdb_type_is_map(type);

    if (type->n_max == 1 && datum->n == 1) {
        ovsdb_atom_to_string(&datum->keys[0], type->key.type, out);
        return;
    }
    ds_put_char(out, is_map ? '{' : '[');
    for (unsigned int i = 0; i < datum->n; i++) {
        if (i) {
            ds_put_cstr(out, ", ");
        }
        ovsdb_atom_to_string(&datum->keys[i], type->key.type, out);
        if (is_map) {
            ds_put_char(out, '=');
            ovsdb_atom_to_string(&datum->values[i], type->value.type, out);
        }
    }
    ds_put_char(out, is_map ? '}' : ']');
}

/* Parsing datums from strings, as ovs-vsctl does.
 *
 * Grammar: a set is "[elem, elem...]" or the elements without brackets;
 * a map is "{key=value, ...}" or the pairs without braces.  Elements are
 * separated by commas and/or spaces, and a trailing comma is allowed.  A
 * token ends at a space or at one of the delimiters ":=,[]{}!<>" outside
 * double quotes; outside quotes a backslash makes the next byte literal.
 * In a set of integers, "N-M" stands for N, N+1, ..., M. */

/* The largest number of values that one "N-M" range may stand for. */
#define MAX_RANGE_SIZE 4096

/* A datum being built: arrays that grow as elements are added. */
struct datum_builder {
    struct ovsdb_datum datum;
    unsigned int allocated;
};

static void
builder_add(struct datum_builder *b, const union ovsdb_atom *key,
            const union ovsdb_atom *value)
{
    struct ovsdb_datum *d = &b->datum;

    if (d->n >= b->allocated) {
        b->allocated = b->allocated ? 2 * b->allocated : 8;
        d->keys = xrealloc(d->keys, b->allocated * sizeof *d->keys);
        if (value) {
            d->values = xrealloc(d->values,
                                 b->allocated * sizeof *d->values);
        }
    }
    d->keys[d->n] = *key;
    if (value) {
        d->values[d->n] = *value;
    }
    d->n++;
}

static bool
is_delimiter(char c)
{
    return c != '\0' && strchr(" :=,[]{}!<>", c) != NULL;
}

static const char *
skip_spaces(const char *p)
{
    while (isspace((unsigned char) *p)) {
        p++;
    }
    return p;
}

/* Reads the token at '*pp' into a malloc'd '*token' and advances '*pp'
 * past it.  Returns NULL or a malloc'd error. */
static char *
read_token(const char **pp, char **token)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    const char *start = *pp;
    const char *p = start;

    *token = NULL;
    while (*p && !is_delimiter(*p)) {
        if (*p == '"') {
            /* A quoted part is copied as is, escapes included, for the
             * atom parser to decode. */
            ds_put_char(&ds, *p++);
            while (*p != '"') {
                if (*p == '\0' || (*p == '\\' && p[1] == '\0')) {
                    ds_destroy(&ds);
                    return xasprintf("%s: quoted string extends past end "
                                     "of argument", start);
                }
                if (*p == '\\') {
                    ds_put_char(&ds, *p++);
                }
                ds_put_char(&ds, *p++);
            }
            ds_put_char(&ds, *p++);
        } else if (*p == '\\' && p[1]) {
            ds_put_char(&ds, p[1]);
            p += 2;
        } else {
            ds_put_char(&ds, *p++);
        }
    }
    *pp = p;
    *token = ds_steal_cstr(&ds);
    return NULL;
}

/* Parses TOKEN as a signed decimal integer. */
static bool
parse_integer(const char *token, int64_t *value)
{
    long long int i;
    if (!str_to_llong(token, 10, &i)) {
        return false;
    }
    *value = i;
    return true;
}

/* Parses TOKEN, a set element of integer type BASE, as "N" or "N-M" into
 * '*first' and '*last'.  Returns NULL or a malloc'd error. */
static char *
parse_integer_range(const char *token, const struct ovsdb_base_type *base,
                    bool allow_range, int64_t *first, int64_t *last)
{
    struct ovsdb_error *error;
    const char *dash;

    if (parse_integer(token, first)) {
        *last = *first;
    } else {
        /* The '-' that separates the bounds follows a digit. */
        dash = *token ? strchr(token + 1, '-') : NULL;
        char *s1 = dash ? xmemdup0(token, dash - token) : NULL;
        bool ok = (dash && allow_range && isdigit((unsigned char) dash[-1])
                   && parse_integer(s1, first)
                   && parse_integer(dash + 1, last));
        free(s1);
        if (!ok) {
            return xasprintf("\"%s\" is not a valid integer or range",
                             token);
        }
        if (*last < *first) {
            return xasprintf("\"%s\" is not a valid range. Range end "
                             "cannot be before start.", token);
        }
    }

    union ovsdb_atom a = { .integer = *first };
    error = ovsdb_atom_check_constraints(&a, base);
    if (!error && *last != *first) {
        a.integer = *last;
        error = ovsdb_atom_check_constraints(&a, base);
        if (!error && (uint64_t) *last - (uint64_t) *first
                      >= MAX_RANGE_SIZE) {
            error = ovsdb_error_create("constraint violation",
                                       "Range \"%s\" is too big. Maximum "
                                       "allowed size is %d.", token,
                                       MAX_RANGE_SIZE);
        }
        for (int64_t i = *first + 1; !error && i < *last; i++) {
            a.integer = i;
            error = ovsdb_atom_check_constraints(&a, base);
        }
    }
    return error ? ovsdb_error_to_string_free(error) : NULL;
}

/* Parses the token at '*pp' as an atom of BASE into '*atom' and advances
 * '*pp'.  For integers, where ALLOW_RANGE, the token may be a range
 * "N-M": then '*atom' is N and '*range_end' M (otherwise it equals the
 * atom).  Returns NULL or a malloc'd error. */
static char *
parse_atoms(const char **pp, const struct ovsdb_base_type *base,
            bool allow_range, struct ovsdb_symbol_table *symtab,
            union ovsdb_atom *atom, int64_t *range_end)
{
    char *token, *error;

    error = read_token(pp, &token);
    if (error) {
        return error;
    }
    if (base->type == OVSDB_TYPE_INTEGER) {
        int64_t first = 0;
        error = parse_integer_range(token, base, allow_range, &first,
                                    range_end);
        atom->integer = first;
    } else {
        error = ovsdb_atom_from_string(atom, base, token, symtab);
    }
    free(token);
    return error;
}

char *
ovsdb_datum_from_string(struct ovsdb_datum *datum,
                        const struct ovsdb_type *type, const char *s,
                        struct ovsdb_symbol_table *symtab)
{
    bool is_map = ovsdb_type_is_map(type);
    struct datum_builder b = { OVSDB_DATUM_EMPTY_INITIALIZER, 0 };
    const char *p = skip_spaces(s);
    char end_char = '\0';
    char *error = NULL;

    ovsdb_datum_init_empty(datum);
    if (*p == '\0') {
        return xasprintf("use \"%s\" to specify the empty %s",
                         is_map ? "{}" : "[]", is_map ? "map" : "set");
    }
    if (*p == (is_map ? '{' : '[')) {
        end_char = is_map ? '}' : ']';
        p++;
    }

    for (;;) {
        union ovsdb_atom key, value;
        int64_t last;

        p = skip_spaces(p);
        if (*p == '\0') {
            if (end_char) {
                error = xasprintf("%s: missing \"%c\" at end of data", s,
                                  end_char);
                goto error;
            }
            break;
        } else if (end_char && *p == end_char) {
            p++;
            break;
        } else if (is_delimiter(*p)) {
            char *english = ovsdb_type_to_english(type);
            error = xasprintf("%s: unexpected \"%c\" parsing %s", s, *p,
                              english);
            free(english);
            goto error;
        }

        const char *key_start = p;
        error = parse_atoms(&p, &type->key, !is_map, symtab, &key, &last);
        if (error) {
            goto error;
        }
        if (is_map) {
            p = skip_spaces(p);
            if (*p != '=') {
                /* Like upstream, a missing "=" at the end of the input
                 * leaves the quote unclosed. */
                error = (*p
                         ? xasprintf("%s: syntax error at \"%c\" expecting "
                                     "\"=\"", key_start, *p)
                         : xasprintf("%s: syntax error at \"", key_start));
                ovsdb_atom_destroy(&key, type->key.type);
                goto error;
            }
            p = skip_spaces(p + 1);
            error = parse_atoms(&p, &type->value, false, symtab, &value,
                                &last);
            if (error) {
                ovsdb_atom_destroy(&key, type->key.type);
                goto error;
            }
            builder_add(&b, &key, &value);
        } else if (type->key.type == OVSDB_TYPE_INTEGER) {
            for (int64_t i = key.integer; ; i++) {
                union ovsdb_atom atom = { .integer = i };
                builder_add(&b, &atom, NULL);
                if (i == last) {
                    break;
                }
            }
        } else {
            builder_add(&b, &key, NULL);
        }

        p = skip_spaces(p);
        if (*p == ',') {
            p++;
        }
    }

    p = skip_spaces(p);
    if (*p) {
        error = xasprintf("%s: trailing garbage after \"%c\"", s,
                          end_char);
        goto error;
    }
    if (b.datum.n < type->n_min) {
        error = xasprintf("%s: %u value(s) specified but the minimum "
                          "number is %u", s, b.datum.n, type->n_min);
        goto error;
    } else if (b.datum.n > type->n_max) {
        error = xasprintf("%s: %u value(s) specified but the maximum "
                          "number is %u", s, b.datum.n, type->n_max);
        goto error;
    }
    struct ovsdb_error *dup = ovsdb_datum_sort(&b.datum, type->key.type);
    if (dup) {
        ovsdb_error_destroy(dup);
        error = xasprintf("%s: %s", s, (is_map ? "map contains duplicate key"
                                        : "set contains duplicate value"));
        goto error;
    }
    *datum = b.datum;
    return NULL;

error:
    ovsdb_datum_destroy(&b.datum, type);
    return error;
}

uint32_t
ovsdb_datum_hash(const struct ovsdb_datum *datum,
                 const struct ovsdb_type *type, uint32_t basis)
{
    uint32_t hash = hash_int(datum->n, basis);
    for (unsigned int i = 0; i < datum->n; i++) {
        hash = ovsdb_atom_hash(&datum->keys[i], type->key.type, hash);
        if (datum->values) {
            hash = ovsdb_atom_hash(&datum->values[i], type->value.type,
                                   hash);
        }
    }
    return hash;
}

int
ovsdb_datum_compare_3way(const struct ovsdb_datum *a,
                         const struct ovsdb_datum *b,
                         const struct ovsdb_type *type)
{
    if (a->n != b->n) {
        return a->n < b->n ? -1 : 1;
    }
    for (unsigned int i = 0; i < a->n; i++) {
        int c = ovsdb_atom_compare_3way(&a->keys[i], &b->keys[i],
                                        type->key.type);
        if (c) {
            return c;
        }
    }
    if (ovsdb_type_is_map(type)) {
        for (unsigned int i = 0; i < a->n; i++) {
            int c = ovsdb_atom_compare_3way(&a->values[i], &b->values[i],
                                            type->value.type);
            if (c) {
                return c;
            }
        }
    }
    return 0;
}

bool
ovsdb_datum_equals(const struct ovsdb_datum *a, const struct ovsdb_datum *b,
                   const struct ovsdb_type *type)
{
    return !ovsdb_datum_compare_3way(a, b, type);
}

unsigned int
ovsdb_datum_find_key(const struct ovsdb_datum *datum,
                     const union ovsdb_atom *key,
                     enum ovsdb_atomic_type key_type)
{
    atom_compare_func *cmp = atom_comparator(key_type);
    unsigned int low = 0, high = datum->n;

    while (low < high) {
        unsigned int mid = low + (high - low) / 2;
        int c = cmp(key, &datum->keys[mid]);
        if (c < 0) {
            high = mid;
        } else if (c > 0) {
            low = mid + 1;
        } else {
            return mid;
        }
    }
    return UINT_MAX;
}

/* True if element I of A (key, and value for maps) is in B. */
static bool
datum_contains(const struct ovsdb_datum *b, const struct ovsdb_datum *a,
               unsigned int i, const struct ovsdb_type *type)
{
    unsigned int j = ovsdb_datum_find_key(b, &a->keys[i], type->key.type);
    return (j != UINT_MAX
            && (!ovsdb_type_is_map(type)
                || ovsdb_atom_equals(&a->values[i], &b->values[j],
                                     type->value.type)));
}

bool
ovsdb_datum_includes_all(const struct ovsdb_datum *a,
                         const struct ovsdb_datum *b,
                         const struct ovsdb_type *type)
{
    for (unsigned int i = 0; i < a->n; i++) {
        if (!datum_contains(b, a, i, type)) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_datum_excludes_all(const struct ovsdb_datum *a,
                         const struct ovsdb_datum *b,
                         const struct ovsdb_type *type)
{
    for (unsigned int i = 0; i < a->n; i++) {
        if (datum_contains(b, a, i, type)) {
            return false;
        }
    }
    return true;
}

void
ovsdb_datum_union(struct ovsdb_datum *a, const struct ovsdb_datum *b,
                  const struct ovsdb_type *type)
{
    bool is_map = ovsdb_type_is_map(type);
    unsigned int n = a->n;

    a->keys = xrealloc(a->keys, (a->n + b->n) * sizeof *a->keys + 1);
    if (is_map) {
        a->values = xrealloc(a->values,
                             (a->n + b->n) * sizeof *a->values + 1);
    }
    for (unsigned int i = 0; i < b->n; i++) {
        if (ovsdb_datum_find_key(a, &b->keys[i], type->key.type)
            == UINT_MAX) {
            ovsdb_atom_clone(&a->keys[n], &b->keys[i], type->key.type);
            if (is_map) {
                ovsdb_atom_clone(&a->values[n], &b->values[i],
                                 type->value.type);
            }
            n++;
        }
    }
    if (n != a->n) {
        a->n = n;
        sort_datum(a, type->key.type);
    }
}

void
ovsdb_datum_subtract(struct ovsdb_datum *a, const struct ovsdb_type *a_type,
                     const struct ovsdb_datum *b,
                     const struct ovsdb_type *b_type)
{
    bool pairs = ovsdb_type_is_map(b_type);
    unsigned int dst = 0;

    for (unsigned int i = 0; i < a->n; i++) {
        unsigned int j = ovsdb_datum_find_key(b, &a->keys[i],
                                              a_type->key.type);
        bool drop = (j != UINT_MAX
                     && (!pairs
                         || ovsdb_atom_equals(&a->values[i], &b->values[j],
                                              a_type->value.type)));
        if (drop) {
            ovsdb_atom_destroy(&a->keys[i], a_type->key.type);
            if (a->values) {
                ovsdb_atom_destroy(&a->values[i], a_type->value.type);
            }
            continue;
        }
        a->keys[dst] = a->keys[i];
        if (a->values) {
            a->values[dst] = a->values[i];
        }
        dst++;
    }
    a->n = dst;
}
