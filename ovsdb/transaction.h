/* transaction.h: atomic changes to an in-memory OVSDB database.
 *
 * A transaction collects row insertions, modifications and deletions
 * against one database.  Changes are made in place: while the transaction
 * is open, the database's tables show its view (see ovsdb.h), and
 * ovsdb_txn_abort() puts every changed row back.  Only one transaction may
 * be open on a database at a time.
 *
 * Life of a transaction:
 *
 *   txn = ovsdb_txn_create(db);
 *   ... ovsdb_txn_row_insert() / _modify() / _delete() ...
 *   error = ovsdb_txn_precommit(txn);
 *       Completes the transaction and checks it against the schema as RFC
 *       7047 section 4.1.3 and upstream require: updates strong reference
 *       counts; removes dangling weak references (and then enforces each
 *       column's minimum number of elements, "constraint violation");
 *       rejects a deletion of a row that is still strongly referenced
 *       ("referential integrity violation"); garbage-collects rows of
 *       non-root tables that nothing references strongly any more;
 *       checks "maxRows" ("constraint violation") and every unique index
 *       ("constraint violation" naming both rows); and gives every
 *       inserted or modified row a new "_version".  On error the caller
 *       must ovsdb_txn_abort().
 *   ... write the changes somewhere durable (ovsdb_txn_for_each_change()),
 *       or ovsdb_txn_abort() if that fails ...
 *   ovsdb_txn_commit(txn);
 *       Tells the database's observers, then frees the transaction and the
 *       rows it replaced or deleted.  Cannot fail.
 *
 * A transaction that changed nothing may be committed like any other.
 *
 * Details that follow upstream: a row's strong references to itself do
 * not count (a non-root row that only refers to itself is collected, and
 * may be deleted); "cannot delete" counts each remaining reference, so a
 * map may hold several; a unique index error names first the row being
 * checked (inserted, or re-keyed by TXN) and then the row it collides
 * with (upstream's order depends on hashing).  Reference counts, weak
 * reference lists and index hash tables (row.h, table.h) are kept only
 * for rows that enter tables through transactions.
 *
 * Memory: the transaction owns the old copies of the rows it changed and
 * the rows it deleted, until ovsdb_txn_commit() or ovsdb_txn_abort()
 * frees them with the transaction.  Rows handed to ovsdb_txn_row_insert()
 * belong to the table from then on (or are freed by abort).
 *
 * Errors: ovsdb_error objects with RFC 7047 tags, owned by the caller.
 * Not thread-safe: use from the thread that owns the database. */
#ifndef OVSDB_TRANSACTION_H
#define OVSDB_TRANSACTION_H 1

#include <stdbool.h>
#include "compiler.h"

struct json;
struct ovsdb;
struct ovsdb_row;
struct ovsdb_table;
struct uuid;

struct ovsdb_txn *ovsdb_txn_create(struct ovsdb *);
/* Undoes every change of TXN and frees it.  TXN may be precommitted. */
void ovsdb_txn_abort(struct ovsdb_txn *);

/* Inserts ROW (created with ovsdb_row_create() for its table, with its
 * UUID set, not yet in any table) into its table; TXN takes ownership. */
void ovsdb_txn_row_insert(struct ovsdb_txn *, struct ovsdb_row *);
/* Returns the row of the database to change in place for ROW (a row
 * currently in one of TXN's tables): the first call for a row keeps a copy
 * of its committed contents, later calls return the same row.  The caller
 * may change any column except "_uuid" and "_version". */
struct ovsdb_row *ovsdb_txn_row_modify(struct ovsdb_txn *,
                                       const struct ovsdb_row *);
/* Removes ROW (a row currently in one of TXN's tables) from its table. */
void ovsdb_txn_row_delete(struct ovsdb_txn *, const struct ovsdb_row *);

/* Did TXN delete a row of TABLE with UUID that existed before TXN?  (The
 * "insert" operation refuses to reuse such a UUID, as upstream does.) */
bool ovsdb_txn_row_was_deleted(const struct ovsdb_txn *,
                               const struct ovsdb_table *,
                               const struct uuid *);

/* Checks and completes TXN, as described above.  Must be called once,
 * before ovsdb_txn_commit(). */
struct ovsdb_error *ovsdb_txn_precommit(struct ovsdb_txn *)
    OVS_WARN_UNUSED_RESULT;
/* Makes TXN's changes permanent, tells the observers and frees TXN. */
void ovsdb_txn_commit(struct ovsdb_txn *);

/* Optional text for the transaction (the "comment" operation), kept for
 * storage ("_comment" of a log record).  Comments accumulate, separated
 * by newlines. */
void ovsdb_txn_add_comment(struct ovsdb_txn *, const char *comment);
const char *ovsdb_txn_get_comment(const struct ovsdb_txn *);

struct ovsdb *ovsdb_txn_get_db(const struct ovsdb_txn *);
/* Did TXN (after precommit) change anything? */
bool ovsdb_txn_is_empty(const struct ovsdb_txn *);

/* Iterating the changes of a precommitted transaction.
 *
 * CB is called once per row that TXN inserted, deleted or modified
 * (including rows removed by garbage collection and rows whose weak
 * references were removed), grouped by table, with:
 *   OLD: the committed row before TXN, NULL if TXN inserted it;
 *   NEW: the row as TXN leaves it, NULL if TXN deleted it;
 *   CHANGED: NULL if OLD or NEW is NULL, otherwise a bitmap (bitmap.h)
 *       of the table's column indexes whose values differ between OLD
 *       and NEW ("_version" is always set for a modified row).
 * A row that TXN inserted and then deleted is not reported, nor is a row
 * whose every column ended as it was.  Returning false from CB stops the
 * iteration; ovsdb_txn_for_each_change() then returns false. */
typedef bool ovsdb_txn_change_cb(const struct ovsdb_row *old,
                                 const struct ovsdb_row *new,
                                 const unsigned long *changed, void *aux);
bool ovsdb_txn_for_each_change(const struct ovsdb_txn *,
                               ovsdb_txn_change_cb *, void *aux);

#endif /* transaction.h */
