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
#include "ovsdb-data.h"

struct json;
struct ovsdb_table;

struct ovsdb_row {
    struct hmap_node hmap_node; /* In table->rows. */
    struct ovsdb_table *table;  /* The table the row belongs to. */
    struct ovsdb_datum fields[]; /* One per column, by column index. */
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
