/* row.h: the rows of an in-memory OVSDB table.
 *
 * A row belongs to one table and holds one datum per column of the
 * table's schema, in column index order: fields[OVSDB_COL_UUID] is the
 * row's UUID (a one-element uuid datum), fields[OVSDB_COL_VERSION] its
 * version, then the schema's own columns.  Rows live in their table's
 * 'rows' hmap through 'hmap_node', hashed with uuid_hash() of the row's
 * UUID (see table.h).
 *
 * Memory: a row owns its datums.  ovsdb_row_create() and _clone() return a
 * row owned by the caller (until ovsdb_table_put_row() takes it), freed
 * with ovsdb_row_destroy().
 *
 * Errors: ovsdb_row_from_json() returns NULL or an ovsdb_error with
 * upstream's texts ("unknown column", "syntax error", "constraint
 * violation"), owned by the caller.  On error the row is unchanged.  It
 * does not check mutability: "update" and "mutate" do that, since
 * "insert" may set immutable columns.  No global state. */
#ifndef OVSDB_ROW_H
#define OVSDB_ROW_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "column.h"
#include "compiler.h"
#include "hmap.h"
#include "list.h"
#include "ovsdb-data.h"

struct json;
struct ovsdb_table;

struct ovsdb_row {
    struct hmap_node hmap_node; /* In table->rows. */
    struct ovsdb_table *table;  /* The table the row belongs to. */

    /* Bookkeeping of the transaction engine (transaction.c), which alone
     * changes these.  A new row or clone starts with them all empty.
     *
     * 'txn_row' links a row of a table to the open transaction's record
     * of it (NULL when the open transaction has not touched the row).
     *
     * 'n_refs' counts the strong references to the row from the rows of
     * the database (each occurrence of its UUID in a strong reference
     * column counts once), as of the last commit, or as updated by the
     * open transaction's precommit.
     *
     * 'src_refs' lists the weak references that this row holds and
     * 'dst_refs' the weak references to this row from other rows, as of
     * the last commit (struct ovsdb_weak_ref), so that deleting a row
     * finds the rows that refer to it without a scan.
     *
     * 'indexed' is true if the row is in its table's unique index hash
     * tables (table.h) through ovsdb_row_get_index_node(), hashed by its
     * committed values. */
    struct ovsdb_txn_row *txn_row;
    unsigned int n_refs;
    bool indexed;
    struct ovs_list src_refs;   /* Contains struct ovsdb_weak_ref. */
    struct ovs_list dst_refs;   /* Contains struct ovsdb_weak_ref. */

    struct ovsdb_datum fields[]; /* One per column, by column index. */
    /* Followed by one struct hmap_node per unique index of the table. */
};

/* A weak reference from column 'column' of row 'src' to row 'dst', as
 * committed.  Owned by the transaction engine; ovsdb_row_destroy() frees
 * the ones that a row still has. */
struct ovsdb_weak_ref {
    struct ovs_list src_node;   /* In src->src_refs. */
    struct ovs_list dst_node;   /* In dst->dst_refs. */
    struct ovsdb_row *src;
    struct ovsdb_row *dst;
    unsigned int column;        /* Column index in 'src'. */
};

/* A new row of TABLE with every column at its type's default value (the
 * UUID and version all-zeros). */
struct ovsdb_row *ovsdb_row_create(const struct ovsdb_table *);
struct ovsdb_row *ovsdb_row_clone(const struct ovsdb_row *);
void ovsdb_row_destroy(struct ovsdb_row *);

static inline const struct uuid *ovsdb_row_get_uuid(const struct ovsdb_row *);
static inline struct uuid *ovsdb_row_get_uuid_rw(struct ovsdb_row *);
static inline const struct uuid *ovsdb_row_get_version(
    const struct ovsdb_row *);
static inline struct uuid *ovsdb_row_get_version_rw(struct ovsdb_row *);

/* The node of ROW in its table's I'th unique index (table.h). */
struct hmap_node *ovsdb_row_get_index_node(const struct ovsdb_row *,
                                           size_t i);
/* The row that owns NODE, the node of the I'th index of a row of TABLE. */
struct ovsdb_row *ovsdb_row_from_index_node(const struct hmap_node *node,
                                            const struct ovsdb_table *table,
                                            size_t i);

/* Parses JSON, a <row> object (RFC 7047 section 5.1), into ROW: each
 * member names a column of ROW's table and gives its new value.  SYMTAB
 * (may be NULL) resolves "named-uuid"s.  If INCLUDED is nonnull, the
 * columns that JSON sets are appended to it, in member name order. */
struct ovsdb_error *ovsdb_row_from_json(struct ovsdb_row *,
                                        const struct json *,
                                        struct ovsdb_symbol_table *symtab,
                                        struct ovsdb_column_set *included)
    OVS_WARN_UNUSED_RESULT;
/* A <row> object with the columns in COLUMNS (every column if NULL). */
struct json *ovsdb_row_to_json(const struct ovsdb_row *,
                               const struct ovsdb_column_set *columns);

/* Hash and equality of the given COLUMNS of rows of the same table (for
 * unique indexes and monitors). */
uint32_t ovsdb_row_hash_columns(const struct ovsdb_row *,
                                const struct ovsdb_column_set *,
                                uint32_t basis);
bool ovsdb_row_equal_columns(const struct ovsdb_row *,
                             const struct ovsdb_row *,
                             const struct ovsdb_column_set *);
int ovsdb_row_compare_columns_3way(const struct ovsdb_row *,
                                   const struct ovsdb_row *,
                                   const struct ovsdb_column_set *);
/* Copies the given COLUMNS of SRC into DST (same table). */
void ovsdb_row_update_columns(struct ovsdb_row *dst,
                              const struct ovsdb_row *src,
                              const struct ovsdb_column_set *);

/* Inline functions. */

static inline const struct uuid *
ovsdb_row_get_uuid(const struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_UUID].keys[0].uuid;
}

static inline struct uuid *
ovsdb_row_get_uuid_rw(struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_UUID].keys[0].uuid;
}

static inline const struct uuid *
ovsdb_row_get_version(const struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_VERSION].keys[0].uuid;
}

static inline struct uuid *
ovsdb_row_get_version_rw(struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_VERSION].keys[0].uuid;
}

#endif /* row.h */
