/* execution.h: executing the "transact" method (RFC 7047 section 4.1.3
 * and 5.2) against an in-memory database.
 *
 * ovsdb_execute() runs the operations of one "transact" request in order
 * inside one transaction (transaction.h): insert (with "uuid-name" and,
 * as upstream allows, "uuid"), select, update, mutate, delete, wait,
 * commit, abort, comment and assert.  The result is the RFC's array: one
 * result object per operation up to and including the first that failed,
 * that failure's error object, and for a failed transaction nothing else;
 * when every operation succeeded but the transaction's commit check
 * failed (ovsdb_txn_precommit()), the error object is appended after the
 * operations' results, as the RFC describes.  A malformed request (not
 * an array, unknown database, an operation that is not an object, an
 * unknown "op") gets an error object in the same way, as upstream does.
 *
 * "wait" operations whose condition is not yet met (and whose timeout has
 * not run out) make the whole request wait: ovsdb_execute() then aborts
 * the transaction, returns NULL and sets '*timeout_msec' to how many more
 * milliseconds the request may wait (LLONG_MAX for none); the caller runs
 * the request again (with the time elapsed since it first ran) after the
 * next commit to the database, or answers with the "timed out" error
 * once the timeout has passed, which ovsdb_execute() itself does when
 * ELAPSED_MSEC has reached the timeout.
 *
 * On success with changes, '*txnp' is the precommitted transaction: the
 * caller makes it durable and then ovsdb_txn_commit()s it (or
 * ovsdb_txn_abort()s it and reports the storage error).  '*durablep' is
 * true if the request had a "commit" operation with "durable": true.
 * On failure the transaction has already been aborted and '*txnp' is
 * NULL.  A request that only reads gets '*txnp' NULL too.
 *
 * READ_ONLY (for example, a server's read-only remote) makes every
 * operation that would change the database fail with "not allowed".
 *
 * "assert" asks LOCK_HELD(NAME, LOCK_AUX) whether the session that sent
 * the request holds lock NAME; LOCK_HELD may be NULL (no lock is held, as
 * for upstream's ovsdb-tool), which makes every "assert" fail with "not
 * owner".
 *
 * Results follow upstream exactly: after a failed operation, each later
 * operation's slot holds null; "select" with "columns" leaves out
 * duplicate rows; "update", "mutate" and "delete" return {"count": N}.
 * A "where" whose clauses include ["_uuid", "==", UUID] finds its row by
 * hash lookup instead of scanning the table.
 *
 * DB must have no open transaction when ovsdb_execute() is called.
 *
 * Memory: the result is a new JSON array owned by the caller; PARAMS is
 * not changed.  Not thread-safe. */
#ifndef OVSDB_EXECUTION_H
#define OVSDB_EXECUTION_H 1

#include <stdbool.h>

struct json;
struct ovsdb;
struct ovsdb_txn;

/* Does the requesting session hold the lock called NAME? */
typedef bool ovsdb_execute_lock_cb(const char *name, void *aux);

/* PARAMS is the request's "params" array: the database name, then the
 * operations.  The database name must be DB's schema name. */
struct json *ovsdb_execute(struct ovsdb *db, const struct json *params,
                           bool read_only,
                           ovsdb_execute_lock_cb *lock_held, void *lock_aux,
                           long long int elapsed_msec,
                           long long int *timeout_msec,
                           struct ovsdb_txn **txnp, bool *durablep);

#endif /* execution.h */
