/* mutation.h: OVSDB mutations (RFC 7047 section 5.1, <mutation>), as
 * used by the "mutate" operation.
 *
 * A mutation is [column, mutator, value] with mutator one of "+=", "-=",
 * "*=", "/=", "%=" (integer and real scalars and sets of them; "%=" only
 * integers), "insert" and "delete" (sets and maps; "delete" on a map
 * takes a map, deleting matching pairs, or a set of keys).  Parsing
 * checks the column (which must be mutable: "constraint violation"
 * otherwise), the mutator against its type and the value's type, with
 * upstream's error texts.
 *
 * Executing a mutation set applies each mutation in order to a row,
 * checking the result as upstream does: division by zero is a "domain
 * error", integer overflow a "range error", a result outside the
 * column's constraints or size limits a "constraint violation".  On error
 * the row may be partly mutated; the caller (a transaction) aborts.
 *
 * Memory: a mutation set owns its mutations and their values (column
 * pointers are borrowed from the table schema).
 * ovsdb_mutation_set_destroy() frees the mutations, not the struct.
 *
 * Errors: NULL or an ovsdb_error owned by the caller.  No global state. */
#ifndef OVSDB_MUTATION_H
#define OVSDB_MUTATION_H 1

#include <stddef.h>
#include "compiler.h"
#include "ovsdb-data.h"
#include "ovsdb-types.h"

struct json;
struct ovsdb_column;
struct ovsdb_row;
struct ovsdb_symbol_table;
struct ovsdb_table_schema;

enum ovsdb_mutator {
    OVSDB_M_ADD,
    OVSDB_M_SUB,
    OVSDB_M_MUL,
    OVSDB_M_DIV,
    OVSDB_M_MOD,
    OVSDB_M_INSERT,
    OVSDB_M_DELETE
};

/* The mutator's name in JSON ("+=", ..., "insert", "delete"). */
const char *ovsdb_mutator_to_string(enum ovsdb_mutator);

struct ovsdb_mutation {
    enum ovsdb_mutator mutator;
    const struct ovsdb_column *column;
    struct ovsdb_datum arg;     /* Owned. */
    struct ovsdb_type type;     /* Owned: the type 'arg' was parsed as. */
};

struct ovsdb_mutation_set {
    struct ovsdb_mutation *mutations; /* Owned array. */
    size_t n_mutations;
};

/* Parses JSON, an array of mutations of rows of TS, into SET.  SYMTAB (may
 * be NULL) resolves "named-uuid"s. */
struct ovsdb_error *ovsdb_mutation_set_from_json(
    const struct ovsdb_table_schema *ts, const struct json *,
    struct ovsdb_symbol_table *symtab, struct ovsdb_mutation_set *set)
    OVS_WARN_UNUSED_RESULT;
struct json *ovsdb_mutation_set_to_json(const struct ovsdb_mutation_set *);
void ovsdb_mutation_set_destroy(struct ovsdb_mutation_set *);

/* Applies SET to ROW, in order. */
struct ovsdb_error *ovsdb_mutation_set_execute(
    struct ovsdb_row *, const struct ovsdb_mutation_set *)
    OVS_WARN_UNUSED_RESULT;

#endif /* mutation.h */
