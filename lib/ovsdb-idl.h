/* ovsdb-idl.h: the OVSDB "interface definition language" client: an
 * in-memory replica of (part of) a database, kept up to date over a
 * reconnecting JSON-RPC session, plus transactions against it.
 *
 * The problem.  Every OVSDB client (ovs-vswitchd, ovs-vsctl, vtep-ctl)
 * wants to read the database as ordinary C structs, learn cheaply what
 * changed, and change it with optimistic transactions that fail cleanly
 * when someone else got there first.
 *
 * The replica.  A client builds an IDL from a generated class (for
 * example ovsrec_idl_class from vswitch-idl.h), chooses what to replicate
 * (ovsdb_idl_add_column(), ovsdb_idl_add_table(), ovsdb_idl_omit(),
 * ovsdb_idl_omit_alert(), ovsdb_idl_set_condition()), and calls
 * ovsdb_idl_run() from its main loop.  The IDL then:
 *
 *   1. asks the server for the database's schema ("get_schema") and
 *      leaves out tables and columns the server does not have;
 *   2. monitors the chosen columns with "monitor_cond_since" (updates
 *      arrive as "update3"), falling back to "monitor_cond" ("update2")
 *      and then "monitor" ("update") if the server lacks them;
 *   3. after a reconnection, asks with "monitor_cond_since" only for the
 *      changes since the last transaction id it saw, keeping its data if
 *      the server still knows that id.
 *
 * Rows are generated structs (struct ovsrec_bridge) whose reference
 * columns are resolved to row pointers; a reference to a row the replica
 * does not have (not monitored, outside a condition, or dangling) is left
 * out of the typed members, while ovsdb_idl_get() still shows the raw
 * UUIDs.
 *
 * Change notification.  ovsdb_idl_get_seqno() changes whenever the
 * replica changes in a column that "alerts" (every column added with
 * ovsdb_idl_add_column(); not those given to ovsdb_idl_omit_alert()), or
 * when the connection is lost and the data is replaced.  Finer grained:
 * each row and table has change sequence numbers for insertion,
 * modification and deletion (ovsdb_idl_row_get_seqno(),
 * ovsdb_idl_table_get_seqno()), and with change tracking
 * (ovsdb_idl_track_add_column(), ovsdb_idl_track_add_all()) each table
 * keeps the list of rows changed since ovsdb_idl_track_clear(), deleted
 * rows included (still readable until the clear).
 *
 * Transactions.  ovsdb_idl_txn_create() opens a transaction; while it is
 * open the typed rows show its writes (read your writes), inserted rows
 * appear and deleted rows disappear.  Writes (ovsdb_idl_txn_write(),
 * generated setters), partial map and set updates (sent as "mutate"),
 * verifications (ovsdb_idl_txn_verify(): "wait" operations that make the
 * transaction fail with TXN_TRY_AGAIN if the column changed since it was
 * read), ovsdb_idl_txn_increment() (for next_cfg), comments and dry runs
 * become one "transact" request when ovsdb_idl_txn_commit() is called.
 * From then on the replica shows the server's data again; the
 * transaction's effects arrive as ordinary updates before the reply.  At
 * most one transaction per IDL may be open (uncommitted) at a time, and
 * ovsdb_idl_run() must not be called while one is.
 *
 * Locks.  ovsdb_idl_set_lock() asks the server for a named lock (again
 * after every reconnection); a transaction committed while the lock is
 * configured asserts it and fails with TXN_NOT_LOCKED if the IDL does not
 * hold it.
 *
 * Memory: the IDL owns its rows; pointers to rows are valid until the next
 * ovsdb_idl_run() (or, for deleted rows of tracked tables, until
 * ovsdb_idl_track_clear()).  Datums passed to ovsdb_idl_txn_write() are
 * taken; everything else is copied.
 *
 * Errors: bad data from the server is logged (rate-limited) and ignored,
 * or makes the IDL reconnect; it never crashes.  Misuse by the caller
 * (writing a column of another table, two open transactions) asserts.
 *
 * Thread safety: none; an IDL belongs to one thread. */
#ifndef OVSDB_IDL_H
#define OVSDB_IDL_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "ovsdb-data.h"
#include "ovsdb-types.h"

struct json;
struct ovsdb_datum;
struct ovsdb_idl_class;
struct ovsdb_idl_column;
struct ovsdb_idl_row;
struct ovsdb_idl_table_class;
struct uuid;

/* Kinds of row changes, for change sequence numbers. */
enum ovsdb_idl_change {
    OVSDB_IDL_CHANGE_INSERT,
    OVSDB_IDL_CHANGE_MODIFY,
    OVSDB_IDL_CHANGE_DELETE,
    OVSDB_IDL_CHANGE_MAX
};

/* Column modes (bits). */
#define OVSDB_IDL_MONITOR (1 << 0) /* Replicate the column. */
#define OVSDB_IDL_ALERT   (1 << 1) /* Its changes bump the IDL's seqno. */
#define OVSDB_IDL_TRACK   (1 << 2) /* Its changes are tracked. */

/* Picks the long or short form of a generated FOR_EACH_SAFE macro by its
 * number of arguments (ROW, NEXT, IDL or ROW, IDL). */
#define OVSDB_IDL_SELECT_SAFE__(_1, _2, _3, NAME, ...) NAME

/* Creating and running.
 *
 * With MONITOR_EVERYTHING_BY_DEFAULT every column of every table starts
 * out replicated with alerts; otherwise none is until added.  REMOTE is a
 * JSON-RPC name such as "unix:/run/db.sock" or "tcp:127.0.0.1:6640"; if
 * RETRY is false, the IDL gives up after the first failure (see
 * ovsdb_idl_is_alive()). */
struct ovsdb_idl *ovsdb_idl_create(const char *remote,
                                   const struct ovsdb_idl_class *,
                                   bool monitor_everything_by_default,
                                   bool retry);
struct ovsdb_idl *ovsdb_idl_create_unconnected(
    const struct ovsdb_idl_class *, bool monitor_everything_by_default);
/* Connects to REMOTE (or disconnects, if NULL), dropping any session. */
void ovsdb_idl_set_remote(struct ovsdb_idl *, const char *remote,
                          bool retry);
void ovsdb_idl_destroy(struct ovsdb_idl *);

void ovsdb_idl_run(struct ovsdb_idl *);
void ovsdb_idl_wait(struct ovsdb_idl *);

unsigned int ovsdb_idl_get_seqno(const struct ovsdb_idl *);
/* True once the IDL has received a complete replica at least once. */
bool ovsdb_idl_has_ever_connected(const struct ovsdb_idl *);
bool ovsdb_idl_is_connected(const struct ovsdb_idl *);
/* False once an IDL created with RETRY false has failed for good. */
bool ovsdb_idl_is_alive(const struct ovsdb_idl *);
/* 0, or a positive errno value for the connection's last error, or
 * EPROTO if the server's schema lacks the database or its replies made
 * no sense. */
int ovsdb_idl_get_last_error(const struct ovsdb_idl *);
void ovsdb_idl_force_reconnect(struct ovsdb_idl *);
void ovsdb_idl_enable_reconnect(struct ovsdb_idl *);
void ovsdb_idl_set_probe_interval(const struct ovsdb_idl *, int probe_ms);
const struct ovsdb_idl_class *ovsdb_idl_get_class(const struct ovsdb_idl *);
/* Which monitor method the IDL uses now: "monitor_cond_since",
 * "monitor_cond", "monitor", or NULL while not monitoring. */
const char *ovsdb_idl_get_monitor_method(const struct ovsdb_idl *);

/* Choosing what to replicate.  Call before the first ovsdb_idl_run(), or
 * (for conditions) at any time. */
void ovsdb_idl_add_column(struct ovsdb_idl *,
                          const struct ovsdb_idl_column *);
/* Replicates the rows of TABLE even if none of its columns is. */
void ovsdb_idl_add_table(struct ovsdb_idl *,
                         const struct ovsdb_idl_table_class *);
/* Neither replicates COLUMN nor alerts on it; the column may still be
 * written ("write-only"), and reads give its default value. */
void ovsdb_idl_omit(struct ovsdb_idl *, const struct ovsdb_idl_column *);
/* Replicates COLUMN without alerting on its changes. */
void ovsdb_idl_omit_alert(struct ovsdb_idl *,
                          const struct ovsdb_idl_column *);
/* The mode bits (OVSDB_IDL_*) of COLUMN. */
unsigned int ovsdb_idl_get_mode(struct ovsdb_idl *,
                                const struct ovsdb_idl_column *);
/* Makes it an error (an assertion) to read a column that is written but
 * not replicated.  For tests. */
void ovsdb_idl_verify_write_only(struct ovsdb_idl *);

/* Change tracking. */
void ovsdb_idl_track_add_column(struct ovsdb_idl *,
                                const struct ovsdb_idl_column *);
void ovsdb_idl_track_add_all(struct ovsdb_idl *);
/* The first (then next) row of TABLE changed since the last clear. */
const struct ovsdb_idl_row *ovsdb_idl_track_get_first(
    const struct ovsdb_idl *, const struct ovsdb_idl_table_class *);
const struct ovsdb_idl_row *ovsdb_idl_track_get_next(
    const struct ovsdb_idl_row *);
/* Did COLUMN of ROW change since the last clear? */
bool ovsdb_idl_track_is_updated(const struct ovsdb_idl_row *,
                                const struct ovsdb_idl_column *);
/* Forgets tracked changes and frees the deleted rows kept for them. */
void ovsdb_idl_track_clear(struct ovsdb_idl *);
unsigned int ovsdb_idl_row_get_seqno(const struct ovsdb_idl_row *,
                                     enum ovsdb_idl_change);
unsigned int ovsdb_idl_table_get_seqno(
    const struct ovsdb_idl *, const struct ovsdb_idl_table_class *,
    enum ovsdb_idl_change);
/* Was ROW inserted (deleted) in the changes being tracked? */
bool ovsdb_idl_row_is_new(const struct ovsdb_idl_row *);
bool ovsdb_idl_row_is_deleted(const struct ovsdb_idl_row *);

/* Reading. */
const struct ovsdb_idl_row *ovsdb_idl_get_row_for_uuid(
    const struct ovsdb_idl *, const struct ovsdb_idl_table_class *,
    const struct uuid *);
const struct ovsdb_idl_row *ovsdb_idl_first_row(
    const struct ovsdb_idl *, const struct ovsdb_idl_table_class *);
const struct ovsdb_idl_row *ovsdb_idl_next_row(const struct ovsdb_idl_row *);
/* The datum of COLUMN in ROW as the open transaction sees it (the
 * column's default if the row has no data for it). */
const struct ovsdb_datum *ovsdb_idl_read(const struct ovsdb_idl_row *,
                                         const struct ovsdb_idl_column *);
/* Same, checking that COLUMN's key (and value) types are KEY_TYPE (and
 * VALUE_TYPE). */
const struct ovsdb_datum *ovsdb_idl_get(const struct ovsdb_idl_row *,
                                        const struct ovsdb_idl_column *,
                                        enum ovsdb_atomic_type key_type,
                                        enum ovsdb_atomic_type value_type);
bool ovsdb_idl_row_is_synthetic(const struct ovsdb_idl_row *);
/* The table class of ROW. */
const struct ovsdb_idl_table_class *ovsdb_idl_row_get_table(
    const struct ovsdb_idl_row *);

/* Conditional monitoring.
 *
 * A condition is a disjunction of clauses, each "COLUMN FUNCTION ARG" or
 * the constant true; an empty condition matches nothing.  A table with
 * no condition set replicates every row. */
struct ovsdb_idl_condition {
    struct ovsdb_idl_clause *clauses; /* Owned array. */
    size_t n_clauses;
    bool is_true;               /* Has a "true" clause. */
};

#define OVSDB_IDL_CONDITION_INIT(COND) { NULL, 0, false }

/* The functions of RFC 7047 conditions. */
enum ovsdb_idl_function {
    OVSDB_IDL_F_EQ,             /* "==" */
    OVSDB_IDL_F_NE,             /* "!=" */
    OVSDB_IDL_F_LT,             /* "<" */
    OVSDB_IDL_F_LE,             /* "<=" */
    OVSDB_IDL_F_GT,             /* ">" */
    OVSDB_IDL_F_GE,             /* ">=" */
    OVSDB_IDL_F_INCLUDES,       /* "includes" */
    OVSDB_IDL_F_EXCLUDES        /* "excludes" */
};
const char *ovsdb_idl_function_to_string(enum ovsdb_idl_function);

void ovsdb_idl_condition_init(struct ovsdb_idl_condition *);
void ovsdb_idl_condition_clear(struct ovsdb_idl_condition *);
void ovsdb_idl_condition_destroy(struct ovsdb_idl_condition *);
void ovsdb_idl_condition_add_clause_true(struct ovsdb_idl_condition *);
/* Adds "COLUMN FUNCTION ARG" (ARG is copied). */
void ovsdb_idl_condition_add_clause(struct ovsdb_idl_condition *,
                                    enum ovsdb_idl_function,
                                    const struct ovsdb_idl_column *,
                                    const struct ovsdb_datum *arg);
bool ovsdb_idl_condition_is_true(const struct ovsdb_idl_condition *);
/* Replicates only the rows of TABLE that match COND (copied).  Returns
 * the value that ovsdb_idl_get_condition_seqno() will reach once the
 * server has applied it. */
unsigned int ovsdb_idl_set_condition(struct ovsdb_idl *,
                                     const struct ovsdb_idl_table_class *,
                                     const struct ovsdb_idl_condition *);
unsigned int ovsdb_idl_get_condition_seqno(const struct ovsdb_idl *);

/* Locks. */
/* Asks for lock NAME (NULL: none), giving up any other first. */
void ovsdb_idl_set_lock(struct ovsdb_idl *, const char *lock_name);
bool ovsdb_idl_has_lock(const struct ovsdb_idl *);
/* True if the lock is configured and someone else holds it. */
bool ovsdb_idl_is_lock_contended(const struct ovsdb_idl *);

/* Transactions. */
enum ovsdb_idl_txn_status {
    TXN_UNCOMMITTED,            /* Not yet committed or aborted. */
    TXN_UNCHANGED,              /* Nothing to do (or a dry run). */
    TXN_INCOMPLETE,             /* Sent; no reply yet. */
    TXN_ABORTED,                /* ovsdb_idl_txn_abort() was called. */
    TXN_SUCCESS,                /* Committed. */
    TXN_TRY_AGAIN,              /* Failed on a verify or a lost
                                 * connection; retrying may work. */
    TXN_NOT_LOCKED,             /* The IDL does not hold its lock. */
    TXN_ERROR                   /* Failed for another reason. */
};

/* "uncommitted", "unchanged", "incomplete", "aborted", "success", "try
 * again", "not locked", "error". */
const char *ovsdb_idl_txn_status_to_string(enum ovsdb_idl_txn_status);

struct ovsdb_idl_txn *ovsdb_idl_txn_create(struct ovsdb_idl *);
/* Appends a comment (a "comment" operation; several are joined with new
 * lines). */
void ovsdb_idl_txn_add_comment(struct ovsdb_idl_txn *, const char *, ...)
    OVS_PRINTF_FORMAT(2, 3);
/* Makes the transaction end with an "abort" operation: the server checks
 * everything, changes nothing, and the status is TXN_UNCHANGED. */
void ovsdb_idl_txn_set_dry_run(struct ovsdb_idl_txn *);
/* Adds 1 to integer COLUMN of ROW on the server ("mutate" then "select"),
 * if the transaction changes anything else or FORCE is true; the new
 * value is then ovsdb_idl_txn_get_increment_new_value(). */
void ovsdb_idl_txn_increment(struct ovsdb_idl_txn *,
                             const struct ovsdb_idl_row *,
                             const struct ovsdb_idl_column *, bool force);
void ovsdb_idl_txn_destroy(struct ovsdb_idl_txn *);
void ovsdb_idl_txn_wait(const struct ovsdb_idl_txn *);
/* Sends the transaction (first call) and returns its status:
 * TXN_INCOMPLETE until the reply arrives (call again after
 * ovsdb_idl_run()). */
enum ovsdb_idl_txn_status ovsdb_idl_txn_commit(struct ovsdb_idl_txn *);
/* Commits and runs the IDL until the status is final. */
enum ovsdb_idl_txn_status ovsdb_idl_txn_commit_block(struct ovsdb_idl_txn *);
void ovsdb_idl_txn_abort(struct ovsdb_idl_txn *);
/* A description of a TXN_ERROR (the server's error as JSON text), or the
 * status's name. */
const char *ovsdb_idl_txn_get_error(const struct ovsdb_idl_txn *);
int64_t ovsdb_idl_txn_get_increment_new_value(const struct ovsdb_idl_txn *);
/* The UUID the server gave the row inserted with temporary UUID, or
 * NULL. */
const struct uuid *ovsdb_idl_txn_get_insert_uuid(const struct ovsdb_idl_txn *,
                                                 const struct uuid *);
struct ovsdb_idl *ovsdb_idl_txn_get_idl(struct ovsdb_idl_txn *);
/* The IDL's open transaction, or NULL. */
struct ovsdb_idl_txn *ovsdb_idl_get_txn(const struct ovsdb_idl *);

/* Sets COLUMN of ROW to DATUM (taken; it must conform to the column's
 * type).  ROW must belong to the open transaction's IDL. */
void ovsdb_idl_txn_write(const struct ovsdb_idl_row *,
                         const struct ovsdb_idl_column *,
                         struct ovsdb_datum *);
/* Same, copying DATUM. */
void ovsdb_idl_txn_write_clone(const struct ovsdb_idl_row *,
                               const struct ovsdb_idl_column *,
                               const struct ovsdb_datum *);
/* Partial updates of a map column: sets KEY to VALUE (DATUM has one key
 * and value, taken), or deletes the keys in DATUM (taken).  Sent as
 * "mutate" operations, so concurrent changes to other keys survive. */
void ovsdb_idl_txn_write_partial_map(const struct ovsdb_idl_row *,
                                     const struct ovsdb_idl_column *,
                                     struct ovsdb_datum *);
void ovsdb_idl_txn_delete_partial_map(const struct ovsdb_idl_row *,
                                      const struct ovsdb_idl_column *,
                                      struct ovsdb_datum *);
/* Partial updates of a set column: adds (removes) the elements of
 * DATUM (taken). */
void ovsdb_idl_txn_write_partial_set(const struct ovsdb_idl_row *,
                                     const struct ovsdb_idl_column *,
                                     struct ovsdb_datum *);
void ovsdb_idl_txn_delete_partial_set(const struct ovsdb_idl_row *,
                                      const struct ovsdb_idl_column *,
                                      struct ovsdb_datum *);
/* Makes the transaction fail with TXN_TRY_AGAIN unless COLUMN of ROW
 * still has, on the server, the value the replica has now. */
void ovsdb_idl_txn_verify(const struct ovsdb_idl_row *,
                          const struct ovsdb_idl_column *);
void ovsdb_idl_txn_delete(const struct ovsdb_idl_row *);
/* Inserts a row into TABLE, with UUID as its temporary uuid (or a random
 * one if UUID is NULL). */
const struct ovsdb_idl_row *ovsdb_idl_txn_insert(
    struct ovsdb_idl_txn *, const struct ovsdb_idl_table_class *,
    const struct uuid *uuid);

/* Indexes: the rows of one table ordered by some of its columns, for
 * lookups by value and ordered iteration.
 *
 * An index belongs to its IDL (ovsdb_idl_destroy() frees it).  It shows
 * the rows as the open transaction sees them.  A search key is a row made
 * with ovsdb_idl_index_init_row() and filled with the generated
 * PREFIX<t>_index_set_<col>() functions; it belongs to the caller, who
 * frees it with ovsdb_idl_index_destroy_row().  Cursors stay valid until
 * the next change to the table (ovsdb_idl_run(), a write). */
enum ovsdb_index_order {
    OVSDB_INDEX_ASC,
    OVSDB_INDEX_DESC
};

/* Compares two datums of a column: negative, zero or positive. */
typedef int ovsdb_idl_column_comparator(const struct ovsdb_datum *,
                                        const struct ovsdb_datum *);

struct ovsdb_idl_index_column {
    const struct ovsdb_idl_column *column;
    ovsdb_idl_column_comparator *comparer; /* NULL: the datums' order. */
    enum ovsdb_index_order order;
};

struct ovsdb_idl_index *ovsdb_idl_index_create(
    struct ovsdb_idl *, const struct ovsdb_idl_index_column *, size_t n);
struct ovsdb_idl_index *ovsdb_idl_index_create1(
    struct ovsdb_idl *, const struct ovsdb_idl_column *);
struct ovsdb_idl_index *ovsdb_idl_index_create2(
    struct ovsdb_idl *, const struct ovsdb_idl_column *,
    const struct ovsdb_idl_column *);

struct ovsdb_idl_row *ovsdb_idl_index_init_row(struct ovsdb_idl_index *);
void ovsdb_idl_index_destroy_row(const struct ovsdb_idl_row *);
/* Sets COLUMN of search key ROW to DATUM (taken). */
void ovsdb_idl_index_write(struct ovsdb_idl_row *,
                           const struct ovsdb_idl_column *,
                           struct ovsdb_datum *);
int ovsdb_idl_index_compare(struct ovsdb_idl_index *,
                            const struct ovsdb_idl_row *,
                            const struct ovsdb_idl_row *);

struct ovsdb_idl_cursor {
    struct ovsdb_idl_index *index;
    size_t position;            /* In the index's sorted rows. */
    const struct ovsdb_idl_row *key; /* For next_eq(), or NULL. */
};

struct ovsdb_idl_cursor ovsdb_idl_cursor_first(struct ovsdb_idl_index *);
/* The first row equal to (not less than) KEY in the index's order. */
struct ovsdb_idl_cursor ovsdb_idl_cursor_first_eq(
    struct ovsdb_idl_index *, const struct ovsdb_idl_row *key);
struct ovsdb_idl_cursor ovsdb_idl_cursor_first_ge(
    struct ovsdb_idl_index *, const struct ovsdb_idl_row *key);
void ovsdb_idl_cursor_next(struct ovsdb_idl_cursor *);
/* Moves on, to nothing unless the next row is also equal to the key. */
void ovsdb_idl_cursor_next_eq(struct ovsdb_idl_cursor *);
/* The cursor's row, or NULL at the end. */
struct ovsdb_idl_row *ovsdb_idl_cursor_data(struct ovsdb_idl_cursor *);

/* A loop helper for daemons that commit a transaction whenever the
 * database needs updating (ovs-vswitchd):
 *
 *     struct ovsdb_idl_loop loop = OVSDB_IDL_LOOP_INITIALIZER(idl);
 *     for (;;) {
 *         struct ovsdb_idl_txn *txn = ovsdb_idl_loop_run(&loop);
 *         ... read, and write through TXN if it is nonnull ...
 *         ovsdb_idl_loop_commit_and_wait(&loop);
 *         poll_block();
 *     }
 *
 * ovsdb_idl_loop_run() runs the IDL and opens a transaction unless one is
 * still being committed.  ovsdb_idl_loop_commit_and_wait() commits it and
 * arranges to wake up when its status changes; it returns 1 if a
 * transaction succeeded (or changed nothing), 0 if one is in progress or
 * none was open, -1 if one failed.  'next_cfg' and 'cur_cfg' record the
 * increment's outcome for callers that use one. */
struct ovsdb_idl_loop {
    struct ovsdb_idl *idl;
    unsigned int skip_seqno;
    struct ovsdb_idl_txn *committing_txn;
    unsigned int precommit_seqno;
    struct ovsdb_idl_txn *open_txn;
    int64_t next_cfg;
    int64_t cur_cfg;
};

#define OVSDB_IDL_LOOP_INITIALIZER(IDL) { .idl = (IDL) }

void ovsdb_idl_loop_destroy(struct ovsdb_idl_loop *);
struct ovsdb_idl_txn *ovsdb_idl_loop_run(struct ovsdb_idl_loop *);
int ovsdb_idl_loop_commit_and_wait(struct ovsdb_idl_loop *);

#endif /* ovsdb-idl.h */
