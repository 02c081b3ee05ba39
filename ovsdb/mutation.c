/* mutation.c: parsing and executing OVSDB mutations. */
#include <config.h>
#include "mutation.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "json.h"
#include "ovsdb-error.h"
#include "row.h"
#include "table.h"
#include "util.h"

/* Every mutator, by enum value, with its JSON name. */
static const char *const mutator_names[] = {
    [OVSDB_M_ADD] = "+=",
    [OVSDB_M_SUB] = "-=",
    [OVSDB_M_MUL] = "*=",
    [OVSDB_M_DIV] = "/=",
    [OVSDB_M_MOD] = "%=",
    [OVSDB_M_INSERT] = "insert",
    [OVSDB_M_DELETE] = "delete",
};

const char *
ovsdb_mutator_to_string(enum ovsdb_mutator mutator)
{
    return ((unsigned int) mutator < ARRAY_SIZE(mutator_names)
            ? mutator_names[mutator] : "<unknown>");
}

static bool
mutator_from_string(const char *name, enum ovsdb_mutator *mutator)
{
    for (size_t i = 0; i < ARRAY_SIZE(mutator_names); i++) {
        if (!strcmp(name, mutator_names[i])) {
            *mutator = i;
            return true;
        }
    }
    return false;
}

static bool
mutator_is_arithmetic(enum ovsdb_mutator mutator)
{
    return mutator <= OVSDB_M_MOD;
}

/* Does MUTATOR apply to a column of TYPE? */
static bool
mutator_applies(enum ovsdb_mutator mutator, const struct ovsdb_type *type)
{
    enum ovsdb_atomic_type key = type->key.type;

    switch (mutator) {
    case OVSDB_M_ADD:
    case OVSDB_M_SUB:
    case OVSDB_M_MUL:
    case OVSDB_M_DIV:
        return (!ovsdb_type_is_map(type)
                && (key == OVSDB_TYPE_INTEGER || key == OVSDB_TYPE_REAL));
    case OVSDB_M_MOD:
        return !ovsdb_type_is_map(type) && key == OVSDB_TYPE_INTEGER;
    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
        return ovsdb_type_is_set(type) || ovsdb_type_is_map(type);
    default:
        OVS_NOT_REACHED();
    }
}

static void
mutation_destroy(struct ovsdb_mutation *m)
{
    ovsdb_datum_destroy(&m->arg, &m->type);
    ovsdb_type_destroy(&m->type);
}

/* Parses the value of mutation M (whose mutator and column are set) from
 * JSON into m->arg, setting m->type to the type it was parsed as. */
static struct ovsdb_error *
mutation_parse_arg(struct ovsdb_mutation *m, const struct json *json,
                   struct ovsdb_symbol_table *symtab)
{
    const struct ovsdb_type *ctype = &m->column->type;
    struct ovsdb_error *error;

    if (mutator_is_arithmetic(m->mutator)) {
        /* One number, whatever the column's constraints: only the result
         * must satisfy them. */
        ovsdb_type_init(&m->type, ctype->key.type);
    } else {
        ovsdb_type_clone(&m->type, ctype);
        m->type.n_min = 0;
        if (m->mutator == OVSDB_M_DELETE) {
            m->type.n_max = OVSDB_UNLIMITED;
        }
    }
    error = ovsdb_datum_from_json(&m->arg, &m->type, json, symtab);

    if (error && m->mutator == OVSDB_M_DELETE
        && ovsdb_type_is_map(ctype)) {
        /* Deleting from a map also takes a set of keys.  When neither
         * form parses, upstream reports why it is not a set. */
        ovsdb_error_destroy(error);
        ovsdb_base_type_destroy(&m->type.value);
        ovsdb_base_type_init(&m->type.value, OVSDB_TYPE_VOID);
        error = ovsdb_datum_from_json(&m->arg, &m->type, json, symtab);
    }
    if (error) {
        ovsdb_type_destroy(&m->type);
    }
    return error;
}

static struct ovsdb_error *
mutation_from_json(const struct ovsdb_table_schema *ts,
                   const struct json *json, struct ovsdb_symbol_table *symtab,
                   struct ovsdb_mutation *m)
{
    if (json->type != JSON_ARRAY || json->array.n != 3
        || json->array.elems[0]->type != JSON_STRING
        || json->array.elems[1]->type != JSON_STRING) {
        return ovsdb_syntax_error(json, NULL, "Parse error in mutation.");
    }

    const char *column_name = json->array.elems[0]->string;
    const char *mutator_name = json->array.elems[1]->string;
    const struct ovsdb_column *column;

    column = ovsdb_table_schema_get_column(ts, column_name);
    if (!column) {
        return ovsdb_syntax_error(json, "unknown column",
                                  "No column %s in table %s.",
                                  column_name, ts->name);
    }
    if (!column->mutable) {
        return ovsdb_syntax_error(json, "constraint violation",
                                  "Cannot mutate immutable column %s in "
                                  "table %s.", column_name, ts->name);
    }

    enum ovsdb_mutator mutator;
    if (!mutator_from_string(mutator_name, &mutator)) {
        return ovsdb_error_create("unknown mutator",
                                  "No mutator named %s.", mutator_name);
    }
    if (!mutator_applies(mutator, &column->type)) {
        char *english = ovsdb_type_to_english(&column->type);
        struct ovsdb_error *error;

        error = ovsdb_syntax_error(json, NULL,
                                   "Type mismatch: \"%s\" operator may not "
                                   "be applied to column %s of type %s.",
                                   mutator_name, column->name, english);
        free(english);
        return error;
    }

    m->mutator = mutator;
    m->column = column;
    return mutation_parse_arg(m, json->array.elems[2], symtab);
}

struct ovsdb_error *
ovsdb_mutation_set_from_json(const struct ovsdb_table_schema *ts,
                             const struct json *json,
                             struct ovsdb_symbol_table *symtab,
                             struct ovsdb_mutation_set *set)
{
    set->mutations = NULL;
    set->n_mutations = 0;
    if (json->type != JSON_ARRAY) {
        return ovsdb_syntax_error(json, NULL, "array expected");
    }

    size_t n = json->array.n;
    set->mutations = xmalloc(n * sizeof *set->mutations + 1);
    for (size_t i = 0; i < n; i++) {
        struct ovsdb_error *error;

        error = mutation_from_json(ts, json->array.elems[i], symtab,
                                   &set->mutations[i]);
        if (error) {
            ovsdb_mutation_set_destroy(set);
            return error;
        }
        set->n_mutations++;
    }
    return NULL;
}

struct json *
ovsdb_mutation_set_to_json(const struct ovsdb_mutation_set *set)
{
    struct json **elems = xmalloc(set->n_mutations * sizeof *elems + 1);

    for (size_t i = 0; i < set->n_mutations; i++) {
        const struct ovsdb_mutation *m = &set->mutations[i];

        elems[i] = json_array_create_3(
            json_string_create(m->column->name),
            json_string_create(ovsdb_mutator_to_string(m->mutator)),
            ovsdb_datum_to_json(&m->arg, &m->type));
    }
    return json_array_create(elems, set->n_mutations);
}

void
ovsdb_mutation_set_destroy(struct ovsdb_mutation_set *set)
{
    for (size_t i = 0; i < set->n_mutations; i++) {
        mutation_destroy(&set->mutations[i]);
    }
    free(set->mutations);
    set->mutations = NULL;
    set->n_mutations = 0;
}

/* Execution. */

static struct ovsdb_error *
range_error(enum ovsdb_mutator mutator)
{
    return ovsdb_error_create("range error",
                              "Result of \"%s\" operation is out of range.",
                              ovsdb_mutator_to_string(mutator));
}

/* Upstream 3.1 rejects X * Y as out of range in these cases, found by
 * experiment: a positive product of positive X and Y once X reaches
 * INT64_MAX / Y (so 1 * 2**62 fails, although it fits), and a product of
 * negative X and Y whenever Y is below INT64_MAX / Y, that is, whatever X
 * is, when Y is less than -3037000499.  We reject the same products, so
 * that transactions fail exactly where upstream's do, and also every
 * product that really overflows, which upstream lets wrap around (as
 * INT64_MIN * -1) or, for a negative X times 0, crashes on. */
static bool
upstream_rejects_product(int64_t x, int64_t y)
{
    if (x > 0 && y > 0) {
        return x >= INT64_MAX / y;
    } else if (x < 0 && y < 0) {
        return y < INT64_MAX / y;
    } else {
        return false;
    }
}

/* Sets '*x' to '*x' MUTATOR Y, or returns an error. */
static struct ovsdb_error *
mutate_integer(int64_t *x, int64_t y, enum ovsdb_mutator mutator)
{
    int64_t r;
    bool overflow;

    switch (mutator) {
    case OVSDB_M_ADD:
        overflow = __builtin_add_overflow(*x, y, &r);
        break;
    case OVSDB_M_SUB:
        overflow = __builtin_sub_overflow(*x, y, &r);
        break;
    case OVSDB_M_MUL:
        overflow = (__builtin_mul_overflow(*x, y, &r)
                    || upstream_rejects_product(*x, y));
        break;
    case OVSDB_M_DIV:
    case OVSDB_M_MOD:
        /* Y is not 0: the caller checked.  INT64_MIN / -1 overflows, and
         * upstream reports INT64_MIN % -1 as overflowing too. */
        overflow = *x == INT64_MIN && y == -1;
        r = overflow ? 0 : mutator == OVSDB_M_DIV ? *x / y : *x % y;
        break;
    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
    default:
        OVS_NOT_REACHED();
    }
    if (overflow) {
        return range_error(mutator);
    }
    *x = r;
    return NULL;
}

/* Sets '*x' to '*x' MUTATOR Y, or returns an error. */
static struct ovsdb_error *
mutate_real(double *x, double y, enum ovsdb_mutator mutator)
{
    double r;

    switch (mutator) {
    case OVSDB_M_ADD:
        r = *x + y;
        break;
    case OVSDB_M_SUB:
        r = *x - y;
        break;
    case OVSDB_M_MUL:
        r = *x * y;
        break;
    case OVSDB_M_DIV:
        r = *x / y;
        break;
    case OVSDB_M_MOD:
    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
    default:
        OVS_NOT_REACHED();
    }
    if (!isfinite(r)) {
        return range_error(mutator);
    }
    *x = r;
    return NULL;
}

/* Applies arithmetic mutation M to DATUM, element by element; then the
 * results must satisfy the column's constraints and stay distinct. */
static struct ovsdb_error *
execute_arithmetic(struct ovsdb_datum *datum, const struct ovsdb_mutation *m)
{
    const struct ovsdb_type *type = &m->column->type;
    const union ovsdb_atom *arg = &m->arg.keys[0];
    struct ovsdb_error *error;

    if (!datum->n) {
        return NULL;
    }
    if ((m->mutator == OVSDB_M_DIV || m->mutator == OVSDB_M_MOD)
        && (type->key.type == OVSDB_TYPE_INTEGER
            ? !arg->integer : arg->real == 0.0)) {
        return ovsdb_error_create("domain error", "Division by zero.");
    }

    for (unsigned int i = 0; i < datum->n; i++) {
        union ovsdb_atom *atom = &datum->keys[i];

        error = (type->key.type == OVSDB_TYPE_INTEGER
                 ? mutate_integer(&atom->integer, arg->integer, m->mutator)
                 : mutate_real(&atom->real, arg->real, m->mutator));
        if (error) {
            return error;
        }
    }

    error = ovsdb_datum_check_constraints(datum, type);
    if (error) {
        return error;
    }
    if (datum->n > 1) {
        error = ovsdb_datum_sort(datum, type->key.type);
        if (error) {
            ovsdb_error_destroy(error);
            return ovsdb_error_create("constraint violation",
                                      "Result of \"%s\" operation contains "
                                      "duplicates.",
                                      ovsdb_mutator_to_string(m->mutator));
        }
    }
    return NULL;
}

static struct ovsdb_error *
execute_mutation(struct ovsdb_row *row, const struct ovsdb_mutation *m)
{
    const struct ovsdb_type *type = &m->column->type;
    struct ovsdb_datum *datum = &row->fields[m->column->index];

    switch (m->mutator) {
    case OVSDB_M_ADD:
    case OVSDB_M_SUB:
    case OVSDB_M_MUL:
    case OVSDB_M_DIV:
    case OVSDB_M_MOD:
        return execute_arithmetic(datum, m);
    case OVSDB_M_INSERT:
        ovsdb_datum_union(datum, &m->arg, type);
        break;
    case OVSDB_M_DELETE:
        ovsdb_datum_subtract(datum, type, &m->arg, &m->type);
        break;
    default:
        OVS_NOT_REACHED();
    }

    if (!ovsdb_datum_conforms_to_type(datum, type)) {
        char *english = ovsdb_type_to_english(type);
        struct ovsdb_error *error;

        error = ovsdb_error_create("constraint violation",
                                   "Attempted to store %u elements in %s.",
                                   datum->n, english);
        free(english);
        return error;
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_mutation_set_execute(struct ovsdb_row *row,
                           const struct ovsdb_mutation_set *set)
{
    for (size_t i = 0; i < set->n_mutations; i++) {
        struct ovsdb_error *error = execute_mutation(row,
                                                     &set->mutations[i]);
        if (error) {
            return error;
        }
    }
    return NULL;
}
