/* transaction.c: atomic changes to an in-memory OVSDB database.
 *
 * Changes happen in place.  Each row that a transaction touches gets a
 * record (struct ovsdb_txn_row, linked from the row's 'txn_row'), and the
 * records are kept per table (struct ovsdb_txn_table, linked from the
 * table's 'txn_table') in the order the rows were first touched.  A
 * record remembers the row's committed contents (a clone taken by the
 * first ovsdb_txn_row_modify(), or the row itself if it was only
 * deleted) and its committed reference count, which is all that abort
 * needs to put things back.
 *
 * Precommit works only on those records, so its cost follows the size of
 * the change, not of the database:
 *
 *   1. Strong reference counts: for each changed column that holds
 *      strong references, the committed and new datums are merged (both
 *      are sorted), and only references that appear or disappear adjust
 *      their target's 'n_refs'.  A new reference to a row that is not in
 *      the table fails ("references nonexistent row").  Every row whose
 *      count changes gets a record ("reference-only") to restore it.
 *   2. A deleted row that is still referenced fails.
 *   3. Garbage collection looks only at records: rows of non-root tables
 *      whose count is zero (inserted ones, and targets whose counts
 *      dropped), cascading through the strong references of what it
 *      deletes.
 *   4. maxRows: a table's row count is hmap_count().
 *   5. Weak references: the committed referrers of each deleted row come
 *      from its 'dst_refs' list; they, and every inserted or modified row
 *      with weak columns, lose their references to rows that do not
 *      exist.  Removing a map pair may drop a strong reference and so
 *      collect more garbage, so this repeats until nothing more goes.
 *   6. Unique indexes: each inserted row, and each modified row whose
 *      index columns changed, is looked up in the table's committed index
 *      hash table (rows that the transaction deleted or re-keyed do not
 *      count) and in a temporary hash table of the transaction's own new
 *      keys.
 *   7. Each row that really changed gets a changed-columns bitmap and a
 *      new "_version".
 *
 * Commit then moves re-keyed rows in the index hash tables, rebuilds the
 * weak reference lists of rows whose weak columns changed, tells the
 * observers, and frees the records, the committed copies and the deleted
 * rows. */
#include <config.h>
#include "transaction.h"

#include <limits.h>
#include <string.h>
#include "bitmap.h"
#include "column.h"
#include "dynamic-string.h"
#include "hash.h"
#include "hmap.h"
#include "list.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "row.h"
#include "table.h"
#include "util.h"
#include "uuid.h"

struct ovsdb_txn {
    struct ovsdb *db;
    struct ovs_list txn_tables; /* Contains struct ovsdb_txn_table. */
    struct hmap deleted;        /* Deleted txn_rows, by uuid_hash(). */
    struct ds comment;          /* Empty if none. */
    bool precommitted;
    size_t n_changes;           /* Reported changes (after precommit). */
    struct ovsdb_row **gc_stack; /* Rows to check for garbage. */
    size_t gc_n, gc_allocated;
    unsigned int n_gc;          /* Rows deleted by garbage collection. */
};

struct ovsdb_txn_table {
    struct ovs_list node;       /* In txn->txn_tables. */
    struct ovsdb_table *table;
    struct ovs_list txn_rows;   /* Contains struct ovsdb_txn_row. */
    unsigned int *strong_cols;  /* Columns with strong references. */
    size_t n_strong;
    unsigned int *weak_cols;    /* Columns with weak references. */
    size_t n_weak;
};

struct ovsdb_txn_row {
    struct ovs_list node;       /* In txn_table->txn_rows. */
    struct hmap_node deleted_node; /* In txn->deleted, if 'deleted'. */
    struct ovsdb_txn_table *txn_table;
    struct ovsdb_row *row;      /* The row (in the table unless deleted). */
    struct ovsdb_row *old;      /* Committed contents, if modified. */
    bool inserted;              /* Inserted by this transaction? */
    bool deleted;               /* Deleted by this transaction? */
    bool weak_check;            /* Check every weak column at precommit? */
    bool report;                /* Reported by ovsdb_txn_for_each_change? */
    unsigned int committed_n_refs;
    unsigned long *changed;     /* For reported modifications. */
};

/* The committed contents of TR's row, or NULL if it was inserted. */
static const struct ovsdb_row *
txn_row_old(const struct ovsdb_txn_row *tr)
{
    return tr->inserted ? NULL : tr->old ? tr->old : tr->row;
}

/* The contents that TR leaves, or NULL if it deleted the row. */
static struct ovsdb_row *
txn_row_new(const struct ovsdb_txn_row *tr)
{
    return tr->deleted ? NULL : tr->row;
}

/* Did TR change its row's contents (as opposed to only its count)? */
static bool
txn_row_is_changed(const struct ovsdb_txn_row *tr)
{
    return tr->inserted || tr->deleted || tr->old;
}

struct ovsdb_txn *
ovsdb_txn_create(struct ovsdb *db)
{
    struct ovsdb_txn *txn = xzalloc(sizeof *txn);

    ovs_assert(!db->txn);
    txn->db = db;
    ovs_list_init(&txn->txn_tables);
    hmap_init(&txn->deleted);
    ds_init(&txn->comment);
    db->txn = txn;
    return txn;
}

static struct ovsdb_txn_table *
get_txn_table(struct ovsdb_txn *txn, struct ovsdb_table *table)
{
    struct ovsdb_txn_table *tt = table->txn_table;

    if (!tt) {
        const struct ovsdb_table_schema *ts = table->schema;

        tt = xzalloc(sizeof *tt);
        tt->table = table;
        ovs_list_init(&tt->txn_rows);
        tt->strong_cols = xmalloc(ts->n_columns * sizeof *tt->strong_cols);
        tt->weak_cols = xmalloc(ts->n_columns * sizeof *tt->weak_cols);
        for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
            const struct ovsdb_type *type = &ts->by_index[i]->type;

            if (ovsdb_base_type_is_strong_ref(&type->key)
                || ovsdb_base_type_is_strong_ref(&type->value)) {
                tt->strong_cols[tt->n_strong++] = i;
            }
            if (ovsdb_base_type_is_weak_ref(&type->key)
                || ovsdb_base_type_is_weak_ref(&type->value)) {
                tt->weak_cols[tt->n_weak++] = i;
            }
        }
        table->txn_table = tt;
        ovs_list_push_back(&txn->txn_tables, &tt->node);
    }
    return tt;
}

static struct ovsdb_txn_row *
get_txn_row(struct ovsdb_txn *txn, struct ovsdb_row *row)
{
    struct ovsdb_txn_row *tr = row->txn_row;

    if (!tr) {
        struct ovsdb_txn_table *tt = get_txn_table(txn, row->table);

        tr = xzalloc(sizeof *tr);
        tr->txn_table = tt;
        tr->row = row;
        tr->committed_n_refs = row->n_refs;
        row->txn_row = tr;
        ovs_list_push_back(&tt->txn_rows, &tr->node);
    }
    return tr;
}

void
ovsdb_txn_row_insert(struct ovsdb_txn *txn, struct ovsdb_row *row)
{
    struct ovsdb_txn_row *tr;

    ovs_assert(!row->txn_row);
    row->n_refs = 0;
    ovsdb_table_put_row(row->table, row);
    tr = get_txn_row(txn, row);
    tr->inserted = true;
}

struct ovsdb_row *
ovsdb_txn_row_modify(struct ovsdb_txn *txn, const struct ovsdb_row *row_)
{
    struct ovsdb_row *row = (struct ovsdb_row *) row_;
    struct ovsdb_txn_row *tr = get_txn_row(txn, row);

    ovs_assert(!tr->deleted);
    if (!tr->inserted && !tr->old) {
        tr->old = ovsdb_row_clone(row);
    }
    return row;
}

void
ovsdb_txn_row_delete(struct ovsdb_txn *txn, const struct ovsdb_row *row_)
{
    struct ovsdb_row *row = (struct ovsdb_row *) row_;
    struct ovsdb_txn_row *tr = get_txn_row(txn, row);

    ovs_assert(!tr->deleted);
    ovsdb_table_remove_row(row->table, row);
    tr->deleted = true;
    hmap_insert(&txn->deleted, &tr->deleted_node,
                uuid_hash(ovsdb_row_get_uuid(row)));
}

bool
ovsdb_txn_row_was_deleted(const struct ovsdb_txn *txn,
                          const struct ovsdb_table *table,
                          const struct uuid *uuid)
{
    struct ovsdb_txn_row *tr;

    HMAP_FOR_EACH_WITH_HASH (tr, deleted_node, uuid_hash(uuid),
                             &txn->deleted) {
        if (!tr->inserted && tr->row->table == table
            && uuid_equals(ovsdb_row_get_uuid(tr->row), uuid)) {
            return true;
        }
    }
    return false;
}

/* Frees TXN's records and bookkeeping (not the rows). */
static void
txn_free(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *tt;

    LIST_FOR_EACH_POP (tt, node, &txn->txn_tables) {
        struct ovsdb_txn_row *tr;

        LIST_FOR_EACH_POP (tr, node, &tt->txn_rows) {
            bitmap_free(tr->changed);
            free(tr);
        }
        tt->table->txn_table = NULL;
        free(tt->strong_cols);
        free(tt->weak_cols);
        free(tt);
    }
    hmap_destroy(&txn->deleted);
    ds_destroy(&txn->comment);
    free(txn->gc_stack);
    txn->db->txn = NULL;
    free(txn);
}

void
ovsdb_txn_abort(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *tt;
    struct ovsdb_txn_row *tr;

    /* Inserted rows go first, so that a deleted row whose UUID an
     * inserted row reused can go back. */
    LIST_FOR_EACH (tt, node, &txn->txn_tables) {
        LIST_FOR_EACH (tr, node, &tt->txn_rows) {
            if (tr->inserted) {
                if (!tr->deleted) {
                    ovsdb_table_remove_row(tt->table, tr->row);
                }
                tr->row->txn_row = NULL;
                ovsdb_row_destroy(tr->row);
                tr->row = NULL;
            }
        }
    }
    LIST_FOR_EACH (tt, node, &txn->txn_tables) {
        LIST_FOR_EACH (tr, node, &tt->txn_rows) {
            struct ovsdb_row *row = tr->row;

            if (!row) {
                continue;
            }
            if (tr->old) {
                for (size_t i = 0; i < tt->table->schema->n_columns; i++) {
                    ovsdb_datum_swap(&row->fields[i], &tr->old->fields[i]);
                }
                ovsdb_row_destroy(tr->old);
                tr->old = NULL;
            }
            if (tr->deleted) {
                ovsdb_table_put_row(tt->table, row);
            }
            row->n_refs = tr->committed_n_refs;
            row->txn_row = NULL;
        }
    }
    txn_free(txn);
}

/* Finds the row with UUID in TABLE, or among the rows that TXN deleted
 * from it if INCLUDE_DELETED. */
static struct ovsdb_row *
find_row(const struct ovsdb_txn *txn, const struct ovsdb_table *table,
         const struct uuid *uuid, bool include_deleted)
{
    const struct ovsdb_row *row = ovsdb_table_get_row(table, uuid);

    if (!row && include_deleted) {
        struct ovsdb_txn_row *tr;

        HMAP_FOR_EACH_WITH_HASH (tr, deleted_node, uuid_hash(uuid),
                                 &txn->deleted) {
            if (tr->row->table == table
                && uuid_equals(ovsdb_row_get_uuid(tr->row), uuid)) {
                return tr->row;
            }
        }
    }
    return (struct ovsdb_row *) row;
}

static void
gc_push(struct ovsdb_txn *txn, struct ovsdb_row *row)
{
    if (txn->gc_n >= txn->gc_allocated) {
        txn->gc_stack = x2nrealloc(txn->gc_stack, &txn->gc_allocated,
                                   sizeof *txn->gc_stack);
    }
    txn->gc_stack[txn->gc_n++] = row;
}

/* Drops one strong reference from SRC to the row with UUID in BASE's
 * table.  As upstream, a row's references to itself do not count. */
static void
drop_ref(struct ovsdb_txn *txn, const struct ovsdb_row *src,
         const struct ovsdb_base_type *base, const struct uuid *uuid)
{
    struct ovsdb_row *dst = find_row(txn, base->uuid.refTable, uuid, true);

    if (dst && dst != src) {
        get_txn_row(txn, dst);
        if (dst->n_refs) {
            dst->n_refs--;
        }
        if (!dst->n_refs && !dst->table->schema->is_root) {
            gc_push(txn, dst);
        }
    }
}

/* Adds one strong reference from column COLUMN of SRC to the row with
 * UUID in BASE's table, which must exist. */
static struct ovsdb_error *
add_ref(struct ovsdb_txn *txn, const struct ovsdb_row *src,
        const struct ovsdb_column *column,
        const struct ovsdb_base_type *base, const struct uuid *uuid)
{
    const struct ovsdb_table *dst_table = base->uuid.refTable;
    struct ovsdb_row *dst = find_row(txn, dst_table, uuid, false);

    if (!dst) {
        return ovsdb_error_create(
            "referential integrity violation",
            "Table %s column %s row "UUID_FMT" references nonexistent "
            "row "UUID_FMT" in table %s.",
            src->table->schema->name, column->name,
            UUID_ARGS(ovsdb_row_get_uuid(src)), UUID_ARGS(uuid),
            dst_table->schema->name);
    }
    if (dst != src) {
        get_txn_row(txn, dst);
        dst->n_refs++;
    }
    return NULL;
}

/* Drops the strong references of element I of DATUM (of TYPE, a column
 * of SRC). */
static void
drop_element_refs(struct ovsdb_txn *txn, const struct ovsdb_row *src,
                  const struct ovsdb_type *type,
                  const struct ovsdb_datum *datum, size_t i)
{
    if (ovsdb_base_type_is_strong_ref(&type->key)) {
        drop_ref(txn, src, &type->key, &datum->keys[i].uuid);
    }
    if (ovsdb_base_type_is_strong_ref(&type->value)) {
        drop_ref(txn, src, &type->value, &datum->values[i].uuid);
    }
}

/* Adds the strong references of element I of DATUM (column COLUMN of
 * SRC). */
static struct ovsdb_error *
add_element_refs(struct ovsdb_txn *txn, const struct ovsdb_row *src,
                 const struct ovsdb_column *column,
                 const struct ovsdb_datum *datum, size_t i)
{
    const struct ovsdb_type *type = &column->type;
    struct ovsdb_error *error = NULL;

    if (ovsdb_base_type_is_strong_ref(&type->key)) {
        error = add_ref(txn, src, column, &type->key, &datum->keys[i].uuid);
    }
    if (!error && ovsdb_base_type_is_strong_ref(&type->value)) {
        error = add_ref(txn, src, column, &type->value,
                        &datum->values[i].uuid);
    }
    return error;
}

/* Updates the counts of the strong references in COLUMN of a row going
 * from OLD to NEW (each may be NULL): a merge of the sorted datums, so
 * that only the references that come or go count. */
static struct ovsdb_error *
count_column_refs(struct ovsdb_txn *txn, const struct ovsdb_row *src,
                  const struct ovsdb_column *column,
                  const struct ovsdb_datum *old,
                  const struct ovsdb_datum *new)
{
    const struct ovsdb_type *type = &column->type;
    bool value_strong = ovsdb_base_type_is_strong_ref(&type->value);
    size_t n_old = old ? old->n : 0;
    size_t n_new = new ? new->n : 0;
    size_t i = 0, j = 0;

    while (i < n_old || j < n_new) {
        struct ovsdb_error *error;
        int cmp = (i >= n_old ? 1
                   : j >= n_new ? -1
                   : ovsdb_atom_compare_3way(&old->keys[i], &new->keys[j],
                                             type->key.type));
        if (cmp < 0) {
            drop_element_refs(txn, src, type, old, i++);
        } else if (cmp > 0) {
            error = add_element_refs(txn, src, column, new, j++);
            if (error) {
                return error;
            }
        } else {
            if (value_strong && !uuid_equals(&old->values[i].uuid,
                                             &new->values[j].uuid)) {
                drop_ref(txn, src, &type->value, &old->values[i].uuid);
                error = add_ref(txn, src, column, &type->value,
                                &new->values[j].uuid);
                if (error) {
                    return error;
                }
            }
            i++;
            j++;
        }
    }
    return NULL;
}

/* Phase 1: strong reference counts. */
static struct ovsdb_error *
update_ref_counts(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *tt;
    struct ovsdb_txn_row *tr;

    /* Reference-only records are appended while this runs; they need no
     * work, so visiting them is harmless. */
    LIST_FOR_EACH (tt, node, &txn->txn_tables) {
        const struct ovsdb_table_schema *ts = tt->table->schema;

        if (!tt->n_strong) {
            continue;
        }
        LIST_FOR_EACH (tr, node, &tt->txn_rows) {
            const struct ovsdb_row *old = txn_row_old(tr);
            const struct ovsdb_row *new = txn_row_new(tr);

            if (!txn_row_is_changed(tr) || (!old && !new)) {
                continue;
            }
            for (size_t i = 0; i < tt->n_strong; i++) {
                const struct ovsdb_column *column
                    = ts->by_index[tt->strong_cols[i]];
                const struct ovsdb_datum *od
                    = old ? &old->fields[column->index] : NULL;
                const struct ovsdb_datum *nd
                    = new ? &new->fields[column->index] : NULL;
                struct ovsdb_error *error;

                if (od && nd && ovsdb_datum_equals(od, nd, &column->type)) {
                    continue;
                }
                error = count_column_refs(txn, tr->row, column, od, nd);
                if (error) {
                    return error;
                }
            }
        }
    }
    return NULL;
}

/* Phase 2: a row that the transaction deleted must not be referenced. */
static struct ovsdb_error *
check_deleted_refs(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *tt;
    struct ovsdb_txn_row *tr;

    LIST_FOR_EACH (tt, node, &txn->txn_tables) {
        LIST_FOR_EACH (tr, node, &tt->txn_rows) {
            if (tr->deleted && tr->row->n_refs) {
                return ovsdb_error_create(
                    "referential integrity violation",
                    "cannot delete %s row "UUID_FMT" because of %u "
                    "remaining reference(s)", tt->table->schema->name,
                    UUID_ARGS(ovsdb_row_get_uuid(tr->row)),
                    tr->row->n_refs);
            }
        }
    }
    return NULL;
}

/* Deletes the rows on the garbage stack that are still unreferenced, and
 * whatever only they referenced. */
static void
collect_garbage(struct ovsdb_txn *txn)
{
    while (txn->gc_n) {
        struct ovsdb_row *row = txn->gc_stack[--txn->gc_n];
        struct ovsdb_txn_row *tr = get_txn_row(txn, row);
        struct ovsdb_txn_table *tt = tr->txn_table;
        const struct ovsdb_table_schema *ts = tt->table->schema;

        if (tr->deleted || row->n_refs || ts->is_root) {
            continue;
        }
        ovsdb_txn_row_delete(txn, row);
        txn->n_gc++;
        for (size_t i = 0; i < tt->n_strong; i++) {
            const struct ovsdb_column *column
                = ts->by_index[tt->strong_cols[i]];
            const struct ovsdb_datum *d = &row->fields[column->index];

            for (size_t j = 0; j < d->n; j++) {
                drop_element_refs(txn, row, &column->type, d, j);
            }
        }
    }
}

/* Phase 3: garbage collection of unreferenced rows of non-root tables
 * among the rows that the transaction touched. */
static void
collect_all_garbage(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *tt;
    struct ovsdb_txn_row *tr;

    LIST_FOR_EACH (tt, node, &txn->txn_tables) {
        if (tt->table->schema->is_root) {
            continue;
        }
        LIST_FOR_EACH (tr, node, &tt->txn_rows) {
            if (!tr->deleted && !tr->row->n_refs) {
                gc_push(txn, tr->row);
                collect_garbage(txn);
            }
        }
    }
}

/* Phase 4: maxRows. */
static struct ovsdb_error *
check_max_rows(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *tt;

    LIST_FOR_EACH (tt, node, &txn->txn_tables) {
        const struct ovsdb_table_schema *ts = tt->table->schema;
        size_t n = hmap_count(&tt->table->rows);

        if (n > ts->max_rows) {
            return ovsdb_error_create(
                "constraint violation", "transaction causes \"%s\" table to "
                "contain %zu rows, greater than the schema-defined "
                "limit of %u row(s)", ts->name, n, ts->max_rows);
        }
    }
    return NULL;
}

/* Does ATOM, a weak reference of BASE's type, point to a row that is
 * gone? */
static bool
is_dangling(const struct ovsdb_base_type *base, const union ovsdb_atom *atom)
{
    return (ovsdb_base_type_is_weak_ref(base)
            && !ovsdb_table_get_row(base->uuid.refTable, &atom->uuid));
}

/* Removes from column COLUMN of TR's row its weak references to rows that
 * do not exist, dropping the strong references that go with them. */
static struct ovsdb_error *
remove_dangling_refs(struct ovsdb_txn *txn, struct ovsdb_txn_row *tr,
                     const struct ovsdb_column *column)
{
    const struct ovsdb_type *type = &column->type;
    struct ovsdb_datum *d = &tr->row->fields[column->index];
    unsigned int n_removed = 0;
    bool zero_uuid = false;
    size_t j = 0;

    for (size_t i = 0; i < d->n; i++) {
        if (is_dangling(&type->key, &d->keys[i])
            || (d->values && is_dangling(&type->value, &d->values[i]))) {
            if ((ovsdb_base_type_is_weak_ref(&type->key)
                 && uuid_is_zero(&d->keys[i].uuid))
                || (d->values && ovsdb_base_type_is_weak_ref(&type->value)
                    && uuid_is_zero(&d->values[i].uuid))) {
                zero_uuid = true;
            }
            drop_element_refs(txn, tr->row, type, d, i);
            ovsdb_atom_destroy(&d->keys[i], type->key.type);
            if (d->values) {
                ovsdb_atom_destroy(&d->values[i], type->value.type);
            }
            n_removed++;
        } else {
            if (j != i) {
                d->keys[j] = d->keys[i];
                if (d->values) {
                    d->values[j] = d->values[i];
                }
            }
            j++;
        }
    }
    d->n = j;
    if (!d->n && n_removed) {
        free(d->keys);
        free(d->values);
        d->keys = d->values = NULL;
    }
    if (!n_removed || d->n >= type->n_min) {
        return NULL;
    }

    const struct ovsdb_row *row = tr->row;
    if (tr->inserted && zero_uuid) {
        return ovsdb_error_create(
            "constraint violation", "Weak reference column \"%s\" in \"%s\" "
            "row "UUID_FMT" (inserted within this transaction) contained "
            "all-zeros UUID (probably as the default value for this column) "
            "but deleting this value caused a constraint volation because "
            "this column is not allowed to be empty.", column->name,
            row->table->schema->name, UUID_ARGS(ovsdb_row_get_uuid(row)));
    }
    return ovsdb_error_create(
        "constraint violation", "Deletion of %u weak reference(s) to deleted "
        "(or never-existing) rows from column \"%s\" in \"%s\" row "UUID_FMT
        "%s caused this column to become empty, but constraints on this "
        "column disallow an empty column.", n_removed, column->name,
        row->table->schema->name, UUID_ARGS(ovsdb_row_get_uuid(row)),
        tr->inserted ? " (inserted within this transaction)" : "");
}

/* Checks the weak columns of TR's row that may hold references to rows
 * that are gone. */
static struct ovsdb_error *
check_weak_columns(struct ovsdb_txn *txn, struct ovsdb_txn_row *tr)
{
    struct ovsdb_txn_table *tt = tr->txn_table;
    const struct ovsdb_table_schema *ts = tt->table->schema;

    for (size_t i = 0; i < tt->n_weak; i++) {
        const struct ovsdb_column *column = ts->by_index[tt->weak_cols[i]];
        struct ovsdb_error *error;

        if (!tr->inserted && !tr->weak_check
            && ovsdb_datum_equals(&tr->old->fields[column->index],
                                  &tr->row->fields[column->index],
                                  &column->type)) {
            continue;
        }
        error = remove_dangling_refs(txn, tr, column);
        if (error) {
            return error;
        }
    }
    return NULL;
}

/* Phase 5: weak references. */
static struct ovsdb_error *
update_weak_refs(struct ovsdb_txn *txn)
{
    unsigned int n_gc;

    do {
        struct ovsdb_txn_table *tt;
        struct ovsdb_txn_row *tr;

        n_gc = txn->n_gc;

        /* The committed referrers of deleted rows must change. */
        LIST_FOR_EACH (tt, node, &txn->txn_tables) {
            LIST_FOR_EACH (tr, node, &tt->txn_rows) {
                struct ovsdb_weak_ref *ref;

                if (!tr->deleted) {
                    continue;
                }
                LIST_FOR_EACH (ref, dst_node, &tr->row->dst_refs) {
                    struct ovsdb_txn_row *src_tr = ref->src->txn_row;

                    if (!src_tr || !src_tr->deleted) {
                        ovsdb_txn_row_modify(txn, ref->src);
                        ref->src->txn_row->weak_check = true;
                    }
                }
            }
        }

        /* Rows with new weak references, and those referrers, lose the
         * references to rows that do not exist. */
        LIST_FOR_EACH (tt, node, &txn->txn_tables) {
            if (!tt->n_weak) {
                continue;
            }
            LIST_FOR_EACH (tr, node, &tt->txn_rows) {
                if (tr->deleted || !(tr->inserted || tr->old)) {
                    continue;
                }
                struct ovsdb_error *error = check_weak_columns(txn, tr);
                if (error) {
                    return error;
                }
                collect_garbage(txn);
            }
        }
    } while (n_gc != txn->n_gc);
    return NULL;
}

/* Index checks. */

/* A row of the transaction in a temporary index hash table. */
struct index_entry {
    struct hmap_node node;
    const struct ovsdb_row *row;
};

/* Did TR change the columns of INDEX? */
static bool
index_changed(const struct ovsdb_txn_row *tr,
              const struct ovsdb_column_set *index)
{
    return (tr->inserted
            || (tr->old
                && !ovsdb_row_equal_columns(tr->old, tr->row, index)));
}

static void
format_index_values(struct ds *s, const struct ovsdb_row *row,
                    const struct ovsdb_column_set *index)
{
    for (size_t i = 0; i < index->n; i++) {
        const struct ovsdb_column *column = index->columns[i];

        if (i) {
            ds_put_cstr(s, i == index->n - 1
                        ? (index->n > 2 ? ", and " : " and ")
                        : ", ");
        }
        ovsdb_datum_to_string(&row->fields[column->index], &column->type, s);
    }
}

/* Do A and B, two versions of a row, differ in any column? */
static bool
row_differs(const struct ovsdb_row *a, const struct ovsdb_row *b)
{
    const struct ovsdb_table_schema *ts = a->table->schema;

    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        if (!ovsdb_datum_equals(&a->fields[i], &b->fields[i],
                                &ts->by_index[i]->type)) {
            return true;
        }
    }
    return false;
}

static void
describe_index_row(struct ds *s, const struct ovsdb_row *row,
                   const struct ovsdb_column_set *index)
{
    const struct ovsdb_txn_row *tr = row->txn_row;

    ds_put_format(s, "with UUID "UUID_FMT", ",
                  UUID_ARGS(ovsdb_row_get_uuid(row)));
    if (tr && tr->inserted) {
        ds_put_cstr(s, "was inserted by this transaction");
    } else if (tr && index_changed(tr, index)) {
        ds_put_cstr(s, "had the following index values before the "
                    "transaction: ");
        format_index_values(s, tr->old, index);
    } else if (tr && tr->old && row_differs(tr->old, row)) {
        ds_put_cstr(s, "existed in the database before this transaction, "
                    "which modified some of the row's columns but not any "
                    "columns in this index");
    } else {
        ds_put_cstr(s, "existed in the database before this transaction "
                    "and was not modified by the transaction");
    }
}

static struct ovsdb_error *
duplicate_index_error(const struct ovsdb_table *table,
                      const struct ovsdb_column_set *index,
                      const struct ovsdb_row *a, const struct ovsdb_row *b)
{
    struct ovsdb_error *error;
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "Transaction causes multiple rows in \"%s\" table to "
                  "have identical values (", table->schema->name);
    format_index_values(&s, a, index);
    ds_put_format(&s, ") for index on column%s ", index->n > 1 ? "s" : "");
    for (size_t i = 0; i < index->n; i++) {
        if (i) {
            ds_put_cstr(&s, i == index->n - 1
                        ? (index->n > 2 ? ", and " : " and ")
                        : ", ");
        }
        ds_put_format(&s, "\"%s\"", index->columns[i]->name);
    }
    ds_put_cstr(&s, ".  First row, ");
    describe_index_row(&s, a, index);
    ds_put_cstr(&s, ".  Second row, ");
    describe_index_row(&s, b, index);
    ds_put_cstr(&s, ".");
    error = ovsdb_error_create("constraint violation", "%s", ds_cstr(&s));
    ds_destroy(&s);
    return error;
}

static struct ovsdb_error *
check_index(struct ovsdb_txn_table *tt, size_t idx)
{
    const struct ovsdb_column_set *index = &tt->table->schema->indexes[idx];
    const struct hmap *committed = &tt->table->indexes[idx];
    struct ovsdb_error *error = NULL;
    struct hmap new_keys = HMAP_INITIALIZER(&new_keys);
    struct ovsdb_txn_row *tr;
    struct index_entry *e;

    LIST_FOR_EACH (tr, node, &tt->txn_rows) {
        const struct ovsdb_row *row = tr->row;
        struct hmap_node *node;
        uint32_t hash;

        if (tr->deleted || !index_changed(tr, index)) {
            continue;
        }
        hash = ovsdb_row_hash_columns(row, index, 0);

        /* Committed rows that keep their values for this index. */
        for (node = hmap_first_with_hash(committed, hash); node;
             node = hmap_next_with_hash(node)) {
            const struct ovsdb_row *c
                = ovsdb_row_from_index_node(node, tt->table, idx);
            const struct ovsdb_txn_row *ctr = c->txn_row;

            if (c == row || (ctr && (ctr->deleted
                                     || index_changed(ctr, index)))) {
                continue;
            }
            if (ovsdb_row_equal_columns(c, row, index)) {
                error = duplicate_index_error(tt->table, index, row, c);
                goto out;
            }
        }

        /* Rows of the transaction that got new values for it. */
        HMAP_FOR_EACH_WITH_HASH (e, node, hash, &new_keys) {
            if (ovsdb_row_equal_columns(e->row, row, index)) {
                error = duplicate_index_error(tt->table, index, row, e->row);
                goto out;
            }
        }
        e = xmalloc(sizeof *e);
        e->row = row;
        hmap_insert(&new_keys, &e->node, hash);
    }

out:
    HMAP_FOR_EACH_POP (e, node, &new_keys) {
        free(e);
    }
    hmap_destroy(&new_keys);
    return error;
}

/* Phase 6: unique indexes. */
static struct ovsdb_error *
check_indexes(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *tt;

    LIST_FOR_EACH (tt, node, &txn->txn_tables) {
        for (size_t i = 0; i < tt->table->schema->n_indexes; i++) {
            struct ovsdb_error *error = check_index(tt, i);
            if (error) {
                return error;
            }
        }
    }
    return NULL;
}

/* Phase 7: what changed, and new versions. */
static void
finish_changes(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *tt;
    struct ovsdb_txn_row *tr;

    txn->n_changes = 0;
    LIST_FOR_EACH (tt, node, &txn->txn_tables) {
        const struct ovsdb_table_schema *ts = tt->table->schema;

        LIST_FOR_EACH (tr, node, &tt->txn_rows) {
            tr->report = false;
            if (tr->inserted) {
                if (!tr->deleted) {
                    uuid_generate(ovsdb_row_get_version_rw(tr->row));
                    tr->report = true;
                }
            } else if (tr->deleted) {
                tr->report = true;
            } else if (tr->old) {
                bool any = false;

                bitmap_free(tr->changed);
                tr->changed = bitmap_allocate(ts->n_columns);
                for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns;
                     i++) {
                    if (!ovsdb_datum_equals(&tr->old->fields[i],
                                            &tr->row->fields[i],
                                            &ts->by_index[i]->type)) {
                        bitmap_set1(tr->changed, i);
                        any = true;
                    }
                }
                if (any) {
                    bitmap_set1(tr->changed, OVSDB_COL_VERSION);
                    uuid_generate(ovsdb_row_get_version_rw(tr->row));
                    tr->report = true;
                } else {
                    bitmap_free(tr->changed);
                    tr->changed = NULL;
                }
            }
            txn->n_changes += tr->report;
        }
    }
}

struct ovsdb_error *
ovsdb_txn_precommit(struct ovsdb_txn *txn)
{
    struct ovsdb_error *error;

    ovs_assert(!txn->precommitted);
    txn->precommitted = true;

    error = update_ref_counts(txn);
    if (!error) {
        error = check_deleted_refs(txn);
    }
    if (!error) {
        collect_all_garbage(txn);
        error = check_max_rows(txn);
    }
    if (!error) {
        error = update_weak_refs(txn);
    }
    if (!error) {
        error = check_indexes(txn);
    }
    if (!error) {
        finish_changes(txn);
    }
    return error;
}

/* Commit. */

/* Does TR change any column of its table's indexes? */
static bool
txn_row_changes_indexes(const struct ovsdb_txn_row *tr)
{
    const struct ovsdb_table_schema *ts = tr->row->table->schema;

    if (!tr->changed) {
        return false;
    }
    for (size_t i = 0; i < ts->n_indexes; i++) {
        const struct ovsdb_column_set *index = &ts->indexes[i];

        for (size_t j = 0; j < index->n; j++) {
            if (bitmap_is_set(tr->changed, index->columns[j]->index)) {
                return true;
            }
        }
    }
    return false;
}

static void
update_indexes(struct ovsdb_txn_row *tr)
{
    struct ovsdb_row *row = tr->row;
    struct ovsdb_table *table = row->table;
    const struct ovsdb_table_schema *ts = table->schema;

    if (!ts->n_indexes) {
        return;
    }
    if (row->indexed && (tr->deleted || txn_row_changes_indexes(tr))) {
        for (size_t i = 0; i < ts->n_indexes; i++) {
            hmap_remove(&table->indexes[i],
                        ovsdb_row_get_index_node(row, i));
        }
        row->indexed = false;
    }
    if (!tr->deleted && !row->indexed && (tr->inserted || tr->changed)) {
        for (size_t i = 0; i < ts->n_indexes; i++) {
            hmap_insert(&table->indexes[i], ovsdb_row_get_index_node(row, i),
                        ovsdb_row_hash_columns(row, &ts->indexes[i], 0));
        }
        row->indexed = true;
    }
}

static void
add_weak_ref(struct ovsdb_row *src, const struct ovsdb_base_type *base,
             const union ovsdb_atom *atom, unsigned int column)
{
    struct ovsdb_row *dst = (struct ovsdb_row *)
        ovsdb_table_get_row(base->uuid.refTable, &atom->uuid);

    if (dst) {
        struct ovsdb_weak_ref *ref = xmalloc(sizeof *ref);

        ref->src = src;
        ref->dst = dst;
        ref->column = column;
        ovs_list_push_back(&src->src_refs, &ref->src_node);
        ovs_list_push_back(&dst->dst_refs, &ref->dst_node);
    }
}

static void
update_row_weak_refs(struct ovsdb_txn_row *tr)
{
    struct ovsdb_txn_table *tt = tr->txn_table;
    const struct ovsdb_table_schema *ts = tt->table->schema;
    struct ovsdb_row *row = tr->row;
    struct ovsdb_weak_ref *ref;
    bool rebuild = tr->deleted || tr->inserted;

    if (!tt->n_weak && !tr->deleted) {
        return;
    }
    for (size_t i = 0; !rebuild && i < tt->n_weak; i++) {
        rebuild = tr->changed && bitmap_is_set(tr->changed, tt->weak_cols[i]);
    }
    if (!rebuild) {
        return;
    }

    LIST_FOR_EACH_POP (ref, src_node, &row->src_refs) {
        ovs_list_remove(&ref->dst_node);
        free(ref);
    }
    if (tr->deleted) {
        LIST_FOR_EACH_POP (ref, dst_node, &row->dst_refs) {
            ovs_list_remove(&ref->src_node);
            free(ref);
        }
        return;
    }
    for (size_t i = 0; i < tt->n_weak; i++) {
        const struct ovsdb_column *column = ts->by_index[tt->weak_cols[i]];
        const struct ovsdb_type *type = &column->type;
        const struct ovsdb_datum *d = &row->fields[column->index];

        for (size_t j = 0; j < d->n; j++) {
            if (ovsdb_base_type_is_weak_ref(&type->key)) {
                add_weak_ref(row, &type->key, &d->keys[j], column->index);
            }
            if (ovsdb_base_type_is_weak_ref(&type->value)) {
                add_weak_ref(row, &type->value, &d->values[j],
                             column->index);
            }
        }
    }
}

void
ovsdb_txn_commit(struct ovsdb_txn *txn)
{
    struct ovsdb_observer *observer;
    struct ovsdb_txn_table *tt;
    struct ovsdb_txn_row *tr;

    ovs_assert(txn->precommitted);
    LIST_FOR_EACH (tt, node, &txn->txn_tables) {
        LIST_FOR_EACH (tr, node, &tt->txn_rows) {
            if (tr->report) {
                update_indexes(tr);
                update_row_weak_refs(tr);
            }
        }
    }

    LIST_FOR_EACH (observer, list_node, &txn->db->observers) {
        observer->commit(observer, txn);
    }

    LIST_FOR_EACH (tt, node, &txn->txn_tables) {
        LIST_FOR_EACH (tr, node, &tt->txn_rows) {
            tr->row->txn_row = NULL;
            ovsdb_row_destroy(tr->old);
            if (tr->deleted) {
                ovsdb_row_destroy(tr->row);
            }
        }
    }
    txn_free(txn);
}

void
ovsdb_txn_add_comment(struct ovsdb_txn *txn, const char *comment)
{
    if (txn->comment.length) {
        ds_put_char(&txn->comment, '\n');
    }
    ds_put_cstr(&txn->comment, comment);
}

const char *
ovsdb_txn_get_comment(const struct ovsdb_txn *txn)
{
    return txn->comment.length ? txn->comment.string : NULL;
}

struct ovsdb *
ovsdb_txn_get_db(const struct ovsdb_txn *txn)
{
    return txn->db;
}

bool
ovsdb_txn_is_empty(const struct ovsdb_txn *txn)
{
    if (!txn->precommitted) {
        struct ovsdb_txn_table *tt;
        struct ovsdb_txn_row *tr;

        LIST_FOR_EACH (tt, node, &txn->txn_tables) {
            LIST_FOR_EACH (tr, node, &tt->txn_rows) {
                if (txn_row_is_changed(tr)) {
                    return false;
                }
            }
        }
        return true;
    }
    return !txn->n_changes;
}

bool
ovsdb_txn_for_each_change(const struct ovsdb_txn *txn,
                          ovsdb_txn_change_cb *cb, void *aux)
{
    const struct ovsdb_txn_table *tt;
    const struct ovsdb_txn_row *tr;

    LIST_FOR_EACH (tt, node, &txn->txn_tables) {
        LIST_FOR_EACH (tr, node, &tt->txn_rows) {
            if (tr->report) {
                const struct ovsdb_row *old = txn_row_old(tr);
                const struct ovsdb_row *new = txn_row_new(tr);

                if (!cb(old, new, old && new ? tr->changed : NULL, aux)) {
                    return false;
                }
            }
        }
    }
    return true;
}
