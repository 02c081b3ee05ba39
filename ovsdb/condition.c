/* condition.c: parsing, comparing and evaluating OVSDB conditions.
 *
 * Clauses are kept sorted by function, then column, then value, so that
 * two conditions with the same clauses in different orders compare equal
 * and so that evaluation tries the cheapest functions first (the enum
 * lists the constant clauses, then equality, then the rest). */
#include <config.h>
#include "condition.h"
#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "json.h"
#include "ovsdb-error.h"
#include "row.h"
#include "table.h"
#include "util.h"

/* Every function, by enum value, with its JSON name. */
static const char *const function_names[] = {
    [OVSDB_F_FALSE] = "false",
    [OVSDB_F_TRUE] = "true",
    [OVSDB_F_EQ] = "==",
    [OVSDB_F_INCLUDES] = "includes",
    [OVSDB_F_LE] = "<=",
    [OVSDB_F_LT] = "<",
    [OVSDB_F_GE] = ">=",
    [OVSDB_F_GT] = ">",
    [OVSDB_F_EXCLUDES] = "excludes",
    [OVSDB_F_NE] = "!=",
};

const char *
ovsdb_function_to_string(enum ovsdb_function function)
{
    return ((unsigned int) function < ARRAY_SIZE(function_names)
            ? function_names[function] : "<unknown>");
}

/* Looks up NAME among the functions that a [column, function, value]
 * clause may use (not "true" or "false"). */
static bool
function_from_string(const char *name, enum ovsdb_function *function)
{
    for (size_t i = 0; i < ARRAY_SIZE(function_names); i++) {
        if (i != OVSDB_F_TRUE && i != OVSDB_F_FALSE
            && !strcmp(name, function_names[i])) {
            *function = i;
            return true;
        }
    }
    return false;
}

static bool
function_is_ordering(enum ovsdb_function function)
{
    return (function == OVSDB_F_LT || function == OVSDB_F_LE
            || function == OVSDB_F_GT || function == OVSDB_F_GE);
}

void
ovsdb_condition_init(struct ovsdb_condition *cond)
{
    cond->clauses = NULL;
    cond->n_clauses = 0;
}

static void
clause_destroy(struct ovsdb_clause *clause)
{
    if (clause->column) {
        ovsdb_datum_destroy(&clause->arg, &clause->column->type);
    }
}

void
ovsdb_condition_destroy(struct ovsdb_condition *cond)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        clause_destroy(&cond->clauses[i]);
    }
    free(cond->clauses);
    ovsdb_condition_init(cond);
}

bool
ovsdb_condition_empty(const struct ovsdb_condition *cond)
{
    return !cond->n_clauses;
}

/* Parses one [column, function, value] clause (or true or false). */
static struct ovsdb_error *
clause_from_json(const struct ovsdb_table_schema *ts,
                 const struct json *json, struct ovsdb_symbol_table *symtab,
                 struct ovsdb_clause *clause)
{
    if (json->type == JSON_TRUE || json->type == JSON_FALSE) {
        clause->function = (json->type == JSON_TRUE
                            ? OVSDB_F_TRUE : OVSDB_F_FALSE);
        clause->column = NULL;
        clause->index = 0;
        ovsdb_datum_init_empty(&clause->arg);
        return NULL;
    }

    if (json->type != JSON_ARRAY || json->array.n != 3
        || json->array.elems[0]->type != JSON_STRING
        || json->array.elems[1]->type != JSON_STRING) {
        return ovsdb_syntax_error(json, NULL, "Parse error in condition.");
    }

    const char *column_name = json->array.elems[0]->string;
    const char *function_name = json->array.elems[1]->string;
    const struct ovsdb_column *column;

    column = ovsdb_table_schema_get_column(ts, column_name);
    if (!column) {
        return ovsdb_syntax_error(json, "unknown column",
                                  "No column %s in table %s.",
                                  column_name, ts->name);
    }

    enum ovsdb_function function;
    if (!function_from_string(function_name, &function)) {
        if (!strcmp(function_name, "true")
            || !strcmp(function_name, "false")) {
            /* Upstream aborts here; "true" and "false" are only valid as
             * whole clauses, so this clause is malformed. */
            return ovsdb_syntax_error(json, NULL,
                                      "Parse error in condition.");
        }
        return ovsdb_error_create("unknown function",
                                  "No function named %s.", function_name);
    }

    /* The type that the value is parsed as. */
    const struct ovsdb_type *ctype = &column->type;
    struct ovsdb_type type = *ctype;
    if (function_is_ordering(function)) {
        if ((ctype->key.type != OVSDB_TYPE_INTEGER
             && ctype->key.type != OVSDB_TYPE_REAL)
            || ctype->value.type != OVSDB_TYPE_VOID
            || ctype->n_max != 1) {
            char *english = ovsdb_type_to_english(ctype);
            struct ovsdb_error *error;

            error = ovsdb_syntax_error(json, NULL,
                                       "Type mismatch: \"%s\" operator may "
                                       "not be applied to column %s of "
                                       "type %s.", function_name,
                                       column->name, english);
            free(english);
            return error;
        }
        type.n_min = 1;
    } else if ((function == OVSDB_F_INCLUDES
                || function == OVSDB_F_EXCLUDES)
               && !ovsdb_type_is_scalar(ctype)) {
        type.n_min = 0;
        if (function == OVSDB_F_EXCLUDES) {
            type.n_max = OVSDB_UNLIMITED;
        }
    }

    /* 'type' shares the column's base types, which it only reads. */
    struct ovsdb_error *error;
    error = ovsdb_datum_from_json(&clause->arg, &type, json->array.elems[2],
                                  symtab);
    if (error) {
        return error;
    }
    clause->function = function;
    clause->column = column;
    clause->index = column->index;
    return NULL;
}

static int
compare_clauses_3way(const struct ovsdb_clause *a,
                     const struct ovsdb_clause *b)
{
    if (a->function != b->function) {
        return a->function < b->function ? -1 : 1;
    }
    if (a->index != b->index) {
        return a->index < b->index ? -1 : 1;
    }
    if (!a->column || !b->column) {
        return 0;
    }
    return ovsdb_datum_compare_3way(&a->arg, &b->arg, &a->column->type);
}

static int
compare_clauses_qsort(const void *a, const void *b)
{
    return compare_clauses_3way(a, b);
}

struct ovsdb_error *
ovsdb_condition_from_json(const struct ovsdb_table_schema *ts,
                          const struct json *json,
                          struct ovsdb_symbol_table *symtab,
                          struct ovsdb_condition *cond)
{
    ovsdb_condition_init(cond);
    if (json->type != JSON_ARRAY) {
        return ovsdb_syntax_error(json, NULL, "array expected");
    }

    size_t n = json->array.n;
    cond->clauses = xmalloc(n * sizeof *cond->clauses + 1);
    for (size_t i = 0; i < n; i++) {
        struct ovsdb_error *error;

        error = clause_from_json(ts, json->array.elems[i], symtab,
                                 &cond->clauses[i]);
        if (error) {
            ovsdb_condition_destroy(cond);
            return error;
        }
        cond->n_clauses++;
    }
    qsort(cond->clauses, cond->n_clauses, sizeof *cond->clauses,
          compare_clauses_qsort);
    return NULL;
}

static struct json *
clause_to_json(const struct ovsdb_clause *clause)
{
    if (!clause->column) {
        return json_boolean_create(clause->function == OVSDB_F_TRUE);
    }
    return json_array_create_3(
        json_string_create(clause->column->name),
        json_string_create(ovsdb_function_to_string(clause->function)),
        ovsdb_datum_to_json(&clause->arg, &clause->column->type));
}

struct json *
ovsdb_condition_to_json(const struct ovsdb_condition *cond)
{
    struct json **elems = xmalloc(cond->n_clauses * sizeof *elems + 1);
    for (size_t i = 0; i < cond->n_clauses; i++) {
        elems[i] = clause_to_json(&cond->clauses[i]);
    }
    return json_array_create(elems, cond->n_clauses);
}

/* Compares scalar atoms A and B of TYPE (integer or real) as FUNCTION
 * says. */
static bool
compare_ordered(const union ovsdb_atom *a, const union ovsdb_atom *b,
                enum ovsdb_atomic_type type, enum ovsdb_function function)
{
    int c;
    if (type == OVSDB_TYPE_INTEGER) {
        c = a->integer < b->integer ? -1 : a->integer > b->integer;
    } else {
        c = a->real < b->real ? -1 : a->real > b->real;
    }

    switch (function) {
    case OVSDB_F_LT:
        return c < 0;
    case OVSDB_F_LE:
        return c <= 0;
    case OVSDB_F_GT:
        return c > 0;
    case OVSDB_F_GE:
        return c >= 0;
    case OVSDB_F_FALSE:
    case OVSDB_F_TRUE:
    case OVSDB_F_EQ:
    case OVSDB_F_INCLUDES:
    case OVSDB_F_EXCLUDES:
    case OVSDB_F_NE:
    default:
        OVS_NOT_REACHED();
    }
}

/* Does ROW satisfy CLAUSE?  Allocates nothing. */
static bool
clause_matches(const struct ovsdb_row *row, const struct ovsdb_clause *c)
{
    const struct ovsdb_datum *field;
    const struct ovsdb_type *type;

    switch (c->function) {
    case OVSDB_F_FALSE:
        return false;
    case OVSDB_F_TRUE:
        return true;
    case OVSDB_F_EQ:
        field = &row->fields[c->index];
        type = &c->column->type;
        if (field->n != c->arg.n) {
            return false;
        }
        if (field->n == 1 && type->value.type == OVSDB_TYPE_VOID) {
            return ovsdb_atom_equals(&field->keys[0], &c->arg.keys[0],
                                     type->key.type);
        }
        return ovsdb_datum_equals(field, &c->arg, type);
    case OVSDB_F_NE:
        field = &row->fields[c->index];
        type = &c->column->type;
        if (field->n != c->arg.n) {
            return true;
        }
        if (field->n == 1 && type->value.type == OVSDB_TYPE_VOID) {
            return !ovsdb_atom_equals(&field->keys[0], &c->arg.keys[0],
                                      type->key.type);
        }
        return !ovsdb_datum_equals(field, &c->arg, type);
    case OVSDB_F_INCLUDES:
        field = &row->fields[c->index];
        return ovsdb_datum_includes_all(&c->arg, field, &c->column->type);
    case OVSDB_F_EXCLUDES:
        field = &row->fields[c->index];
        return ovsdb_datum_excludes_all(&c->arg, field, &c->column->type);
    case OVSDB_F_LT:
    case OVSDB_F_LE:
    case OVSDB_F_GT:
    case OVSDB_F_GE:
        /* An empty optional scalar satisfies no ordering. */
        field = &row->fields[c->index];
        return (field->n == 1
                && compare_ordered(&field->keys[0], &c->arg.keys[0],
                                   c->column->type.key.type, c->function));
    default:
        OVS_NOT_REACHED();
    }
}

bool
ovsdb_condition_match_every_clause(const struct ovsdb_row *row,
                                   const struct ovsdb_condition *cond)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        if (!clause_matches(row, &cond->clauses[i])) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_condition_match_any_clause(const struct ovsdb_row *row,
                                 const struct ovsdb_condition *cond)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        if (clause_matches(row, &cond->clauses[i])) {
            return true;
        }
    }
    return false;
}

bool
ovsdb_condition_equal(const struct ovsdb_condition *a,
                      const struct ovsdb_condition *b)
{
    if (a->n_clauses != b->n_clauses) {
        return false;
    }
    for (size_t i = 0; i < a->n_clauses; i++) {
        if (compare_clauses_3way(&a->clauses[i], &b->clauses[i])) {
            return false;
        }
    }
    return true;
}

void
ovsdb_condition_clone(struct ovsdb_condition *dst,
                      const struct ovsdb_condition *src)
{
    dst->n_clauses = src->n_clauses;
    dst->clauses = xmalloc(src->n_clauses * sizeof *dst->clauses + 1);
    for (size_t i = 0; i < src->n_clauses; i++) {
        const struct ovsdb_clause *s = &src->clauses[i];
        struct ovsdb_clause *d = &dst->clauses[i];

        d->function = s->function;
        d->column = s->column;
        d->index = s->index;
        if (s->column) {
            ovsdb_datum_clone(&d->arg, &s->arg, &s->column->type);
        } else {
            ovsdb_datum_init_empty(&d->arg);
        }
    }
}
