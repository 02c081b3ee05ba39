/* column.h: the columns of an OVSDB table schema (RFC 7047 section 3.2,
 * <column-schema>) and sets of columns.
 *
 * A column has a name, an index (its position in a row's array of
 * fields), a type, and two flags from upstream Open vSwitch's schema
 * language: 'mutable' (false: only "insert" may set it) and 'persistent'
 * (false for "ephemeral" columns, which are not written to disk).  Every
 * table has two implicit columns: "_uuid" (index OVSDB_COL_UUID, the row's
 * identity, persistent and immutable) and "_version" (index
 * OVSDB_COL_VERSION, changed on every modification, ephemeral and
 * immutable).  The schema layer creates them; they never appear in a
 * schema's JSON.
 *
 * A column set is an ordered list of distinct columns of one table
 * (borrowed pointers, not owned), used for table indexes, for the
 * "columns" of a "select" and for monitors.
 *
 * Memory: ovsdb_column_create()/_clone() return a column owned by the
 * caller, freed with ovsdb_column_destroy().  A column set owns only its
 * array.
 *
 * Errors: the *_from_json() functions return NULL or an ovsdb_error with
 * upstream's texts (owned by the caller); on error nothing is returned and
 * nothing leaks.  No global state. */
#ifndef OVSDB_COLUMN_H
#define OVSDB_COLUMN_H 1

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"
#include "ovsdb-types.h"

struct json;
struct ovsdb_table_schema;

struct ovsdb_column {
    unsigned int index;         /* Position in a row's fields. */
    char *name;                 /* Owned. */
    bool mutable;               /* May "update" and "mutate" change it? */
    bool persistent;            /* False for an "ephemeral" column. */
    struct ovsdb_type type;     /* Owned. */
};

/* Indexes of the implicit columns. */
enum {
    OVSDB_COL_UUID = 0,         /* "_uuid". */
    OVSDB_COL_VERSION = 1,      /* "_version". */
    OVSDB_N_STD_COLUMNS = 2
};

/* A new column (index 0; the table schema sets it) with a copy of NAME
 * and TYPE. */
struct ovsdb_column *ovsdb_column_create(const char *name, bool mutable,
                                         bool persistent,
                                         const struct ovsdb_type *);
struct ovsdb_column *ovsdb_column_clone(const struct ovsdb_column *);
void ovsdb_column_destroy(struct ovsdb_column *);

/* Parses JSON, the <column-schema> of the column called NAME, into a new
 * column stored in '*columnp'. */
struct ovsdb_error *ovsdb_column_from_json(const struct json *,
                                           const char *name,
                                           struct ovsdb_column **columnp)
    OVS_WARN_UNUSED_RESULT;
/* The <column-schema> of COLUMN, leaving out members that have their
 * default values ("mutable": true, "ephemeral": false). */
struct json *ovsdb_column_to_json(const struct ovsdb_column *);

/* Column sets. */
struct ovsdb_column_set {
    const struct ovsdb_column **columns; /* Borrowed pointers. */
    size_t n;
    size_t allocated;
};

#define OVSDB_COLUMN_SET_INITIALIZER { NULL, 0, 0 }

void ovsdb_column_set_init(struct ovsdb_column_set *);
void ovsdb_column_set_destroy(struct ovsdb_column_set *);
void ovsdb_column_set_clone(struct ovsdb_column_set *dst,
                            const struct ovsdb_column_set *src);
/* Appends COLUMN (duplicates are the caller's business). */
void ovsdb_column_set_add(struct ovsdb_column_set *,
                          const struct ovsdb_column *);
/* Appends every column of TABLE, in index order. */
void ovsdb_column_set_add_all(struct ovsdb_column_set *,
                              const struct ovsdb_table_schema *);
bool ovsdb_column_set_contains(const struct ovsdb_column_set *,
                               unsigned int column_index);
/* Same columns in the same order? */
bool ovsdb_column_set_equals(const struct ovsdb_column_set *,
                             const struct ovsdb_column_set *);

/* Parses JSON, an array of distinct names of columns of TABLE, into SET
 * (which must be initialized and empty).  Errors: "array of distinct
 * column names expected" and "NAME is not a valid column name", both
 * "syntax error"s about JSON. */
struct ovsdb_error *ovsdb_column_set_from_json(
    const struct json *, const struct ovsdb_table_schema *,
    struct ovsdb_column_set *) OVS_WARN_UNUSED_RESULT;
/* An array of the names of SET's columns. */
struct json *ovsdb_column_set_to_json(const struct ovsdb_column_set *);

#endif /* column.h */
