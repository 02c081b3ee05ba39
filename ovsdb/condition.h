/* condition.h: OVSDB conditions (RFC 7047 section 5.1, <condition>), as
 * used by "where" in transactions and by upstream's monitor_cond.
 *
 * A condition is a list of clauses, each [column, function, value] with
 * function one of "<", "<=", "==", "!=", ">=", ">", "includes",
 * "excludes"; monitor conditions may also hold the boolean clauses true
 * and false.  Parsing checks the column, that the function applies to
 * its type ("<" and friends only on integer or real scalars) and the
 * value's type as RFC 7047 and upstream do, with upstream's error texts.
 * The value is parsed as upstream 3.1 does (found by experiment): for
 * "==" and "!=" as the column's type, unchanged; for the ordering
 * functions as exactly one atom; for "includes" and "excludes" on a
 * column that is not a scalar with no minimum size, and for "excludes"
 * also with no maximum (so "excludes" may name a set with more elements
 * than the column may hold, but "includes" may not).  Constraints (enum,
 * ranges, lengths) always apply to the value.
 *
 * Evaluation: ovsdb_condition_match_every_clause() is a transaction's
 * "where" (all clauses, an empty condition matches every row);
 * ovsdb_condition_match_any_clause() is a monitor_cond condition (any
 * clause; an empty condition matches nothing).
 *
 * Memory: a condition owns its clauses and their values (the column
 * pointers are borrowed from the table schema, which must outlive it).
 * ovsdb_condition_destroy() frees the clauses, not the struct.
 *
 * Errors: NULL or an ovsdb_error owned by the caller; on error the
 * condition is left empty.  No global state. */
#ifndef OVSDB_CONDITION_H
#define OVSDB_CONDITION_H 1

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"
#include "ovsdb-data.h"

struct json;
struct ovsdb_column;
struct ovsdb_row;
struct ovsdb_symbol_table;
struct ovsdb_table_schema;

enum ovsdb_function {
    OVSDB_F_FALSE,
    OVSDB_F_TRUE,
    OVSDB_F_EQ,
    OVSDB_F_INCLUDES,
    OVSDB_F_LE,
    OVSDB_F_LT,
    OVSDB_F_GE,
    OVSDB_F_GT,
    OVSDB_F_EXCLUDES,
    OVSDB_F_NE
};

/* The function's name in JSON ("==", "includes", ..., "true", "false"). */
const char *ovsdb_function_to_string(enum ovsdb_function);

struct ovsdb_clause {
    enum ovsdb_function function;
    const struct ovsdb_column *column; /* NULL for true and false. */
    unsigned int index;         /* column->index (0 for true/false). */
    struct ovsdb_datum arg;     /* Owned; empty for true and false. */
};

struct ovsdb_condition {
    struct ovsdb_clause *clauses; /* Owned array. */
    size_t n_clauses;
};

#define OVSDB_CONDITION_INITIALIZER { NULL, 0 }

void ovsdb_condition_init(struct ovsdb_condition *);
void ovsdb_condition_destroy(struct ovsdb_condition *);
bool ovsdb_condition_empty(const struct ovsdb_condition *);

/* Parses JSON, an array of clauses about rows of TS, into COND.  SYMTAB
 * (may be NULL) resolves "named-uuid"s. */
struct ovsdb_error *ovsdb_condition_from_json(
    const struct ovsdb_table_schema *ts, const struct json *,
    struct ovsdb_symbol_table *symtab, struct ovsdb_condition *cond)
    OVS_WARN_UNUSED_RESULT;
struct json *ovsdb_condition_to_json(const struct ovsdb_condition *);

bool ovsdb_condition_match_every_clause(const struct ovsdb_row *,
                                        const struct ovsdb_condition *);
bool ovsdb_condition_match_any_clause(const struct ovsdb_row *,
                                      const struct ovsdb_condition *);

/* Same clauses, in any order? */
bool ovsdb_condition_equal(const struct ovsdb_condition *,
                           const struct ovsdb_condition *);
void ovsdb_condition_clone(struct ovsdb_condition *dst,
                           const struct ovsdb_condition *src);

#endif /* condition.h */
