/* table.h: OVSDB table schemas (RFC 7047 section 3.2, <table-schema>) and
 * the in-memory tables of a database.
 *
 * A table schema has a name, its columns (the implicit "_uuid" and
 * "_version" first, at indexes OVSDB_COL_UUID and OVSDB_COL_VERSION, then
 * the schema's own columns in order of name), 'is_root' (rows of a
 * non-root table that nothing references strongly are garbage-collected),
 * 'max_rows' (UINT_MAX when unlimited) and a list of indexes, each a set
 * of columns whose values must be unique among the table's rows.
 *
 * A table is a table schema plus its rows, in an hmap keyed by the
 * hash of each row's UUID (see row.h).
 *
 * Memory: a table schema owns its name, its columns and its indexes'
 * arrays.  ovsdb_table_create() takes ownership of the schema; a table
 * owns its rows, which ovsdb_table_destroy() frees.
 *
 * Errors: ovsdb_table_schema_from_json() returns NULL or an ovsdb_error
 * with upstream's texts (owned by the caller); on error nothing leaks.
 * No global state. */
#ifndef OVSDB_TABLE_H
#define OVSDB_TABLE_H 1

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"
#include "hmap.h"
#include "shash.h"

struct json;
struct ovsdb_column;
struct ovsdb_column_set;
struct ovsdb_row;
struct uuid;

struct ovsdb_table_schema {
    char *name;                 /* Owned. */
    struct shash columns;       /* Name -> struct ovsdb_column * (owned). */
    struct ovsdb_column **by_index; /* 'n_columns' columns, by index. */
    size_t n_columns;
    bool is_root;               /* Exempt from garbage collection? */
    unsigned int max_rows;      /* UINT_MAX if unlimited. */
    struct ovsdb_column_set *indexes; /* 'n_indexes' unique indexes. */
    size_t n_indexes;
};

/* A new table schema with only the implicit columns. */
struct ovsdb_table_schema *ovsdb_table_schema_create(const char *name,
                                                     bool is_root,
                                                     unsigned int max_rows);
struct ovsdb_table_schema *ovsdb_table_schema_clone(
    const struct ovsdb_table_schema *);
void ovsdb_table_schema_destroy(struct ovsdb_table_schema *);

/* Adds COLUMN (taking ownership), giving it the next index.  Its name must
 * not be in use yet. */
void ovsdb_table_schema_add_column(struct ovsdb_table_schema *,
                                   struct ovsdb_column *);
/* The column called NAME, or NULL. */
const struct ovsdb_column *ovsdb_table_schema_get_column(
    const struct ovsdb_table_schema *, const char *name);

/* Parses JSON, the <table-schema> of table NAME, into '*tsp'. */
struct ovsdb_error *ovsdb_table_schema_from_json(
    const struct json *, const char *name,
    struct ovsdb_table_schema **tsp) OVS_WARN_UNUSED_RESULT;
/* The <table-schema> of TS.  "isRoot": true is written only if
 * DEFAULT_IS_ROOT is false (when every table of a schema is a root table,
 * upstream writes no "isRoot" at all). */
struct json *ovsdb_table_schema_to_json(const struct ovsdb_table_schema *,
                                        bool default_is_root);

/* Tables.
 *
 * 'indexes' has one hash table per unique index of the schema, holding
 * the committed rows (through ovsdb_row_get_index_node()) hashed with
 * ovsdb_row_hash_columns() of the index's columns and basis 0.  The
 * transaction engine maintains them at commit; rows put into a table
 * directly with ovsdb_table_put_row() (tests) are not indexed.
 * 'txn_table' is the open transaction's record of the table, or NULL. */
struct ovsdb_table {
    struct ovsdb_table_schema *schema; /* Owned. */
    struct hmap rows;           /* Contains struct ovsdb_row, by uuid. */
    struct hmap *indexes;       /* schema->n_indexes hash tables. */
    struct ovsdb_txn_table *txn_table; /* For transaction.c only. */
};

struct ovsdb_table *ovsdb_table_create(struct ovsdb_table_schema *);
/* Frees TABLE, its schema and its rows. */
void ovsdb_table_destroy(struct ovsdb_table *);

/* Inserts ROW (which must belong to TABLE and whose uuid must not be in
 * TABLE yet), taking ownership. */
void ovsdb_table_put_row(struct ovsdb_table *, struct ovsdb_row *);
/* Removes ROW from TABLE; the caller now owns it. */
void ovsdb_table_remove_row(struct ovsdb_table *, struct ovsdb_row *);
/* The row of TABLE with UUID, or NULL. */
const struct ovsdb_row *ovsdb_table_get_row(const struct ovsdb_table *,
                                            const struct uuid *);

#endif /* table.h */
