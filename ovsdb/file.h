/* file.h: standalone OVSDB database files, on top of the log (log.h).
 *
 * The format
 * ==========
 *
 * A standalone database file is a log whose first record is the database
 * schema (as ovsdb_schema_to_json() writes it) and whose every later
 * record is one committed transaction, a JSON object with:
 *
 *   - one member per table that the transaction changed, named after the
 *     table, whose value is an object with one member per changed row,
 *     named after the row's UUID ("xxxxxxxx-xxxx-..."), whose value is
 *     null for a deleted row, or an object with the row's changed
 *     persistent columns (never "_uuid" or "_version", never ephemeral
 *     columns);
 *   - "_date": the wall-clock time of the commit, in milliseconds since
 *     the epoch (files from old versions hold seconds, which readers tell
 *     apart by size: see ovsdb-tool show-log);
 *   - "_comment": the transaction's comment, if it has one;
 *   - "_is_diff": true, in the records this module writes for
 *     transactions (and in online snapshots), as upstream Open vSwitch
 *     has written since 2.14.
 *
 * A row object means, for a row that does not exist yet, a new row whose
 * columns not mentioned keep their default values.  For an existing row
 * in a record without "_is_diff", each column given replaces the old
 * value.  With "_is_diff": true, a column whose type allows at most one
 * element (a scalar, an optional scalar, a map of at most one pair) also
 * gets the new value, but a column that may hold more elements holds the
 * difference between the old and the new value: for a
 * set, the elements that were removed or added (applying the difference
 * toggles each of them); for a map, the pairs whose key was removed (with
 * its old value), added or given a new value (applying a pair removes it
 * if the row has exactly that pair, otherwise sets the key to the value).
 * An inserted row is written with its persistent columns that differ from
 * their defaults.  A transaction that changes no persistent data writes
 * no record at all.
 *
 * Compaction writes a new file holding the schema and one "snapshot"
 * record that inserts every row (with the columns that differ from their
 * defaults), then atomically replaces the old file (log.h, "Compaction").
 * Upstream's ovsdb-tool writes its snapshots without "_is_diff" and with
 * the comment "compacted by ovsdb-tool VERSION"; its server writes
 * "_is_diff": true and "compacting database online".  Both read the same.
 *
 * All of this was learned by running upstream's ovsdb-tool and
 * ovsdb-server on files and reading what they wrote; files written here
 * are read by them and the other way around.
 *
 * Reading
 * =======
 *
 * ovsdb_file_open() reads the schema, creates the database, and replays
 * each transaction record through the transaction engine
 * (transaction.h), so every record is checked as a client's transaction
 * would be.  A record that is not well formed (unknown table or column,
 * bad value, bad UUID, deletion of a missing row) is an error, with
 * upstream's texts.  A record that is well formed but fails the commit
 * checks (a unique index, "maxRows", referential integrity) ends the
 * replay silently: that record and every later one are ignored, as
 * upstream does, and the next write replaces them.  Records are parsed
 * one at a time as they are read, so loading is linear in the file size.
 *
 * With an "alternate schema" (ovsdb-tool convert), the records are read
 * as if written for that schema: tables and columns it lacks are ignored,
 * values are parsed against its column types, and its constraints apply.
 *
 * Durability
 * ==========
 *
 * ovsdb_file_commit() appends a transaction's record.  With DURABLE
 * true, it also fsyncs, so the transaction is on stable storage when it
 * returns.  A server that batches commits queues several transactions with
 * ovsdb_file_commit_deferred(), calls ovsdb_file_sync() once (one write,
 * one fdatasync), and only then answers the clients whose transactions are
 * in the batch.
 *
 * Memory: a struct ovsdb_file belongs to its opener and must be closed
 * with ovsdb_file_close() before the database it was opened with is
 * destroyed.  JSON returned by functions here belongs to the caller.
 *
 * Errors: NULL or an ovsdb_error owned by the caller, with upstream's
 * texts (log errors are wrapped with the log's tag and message).  On
 * error nothing is returned and nothing leaks.
 *
 * Not thread-safe: use a file and its database from one thread. */
#ifndef OVSDB_FILE_H
#define OVSDB_FILE_H 1

#include <stdbool.h>
#include "compiler.h"

struct json;
struct ovsdb;
struct ovsdb_error;
struct ovsdb_log;
struct ovsdb_schema;
struct ovsdb_txn;

/* Creating and inspecting files. */

/* Creates FILE_NAME, which must not exist yet ("create failed (File
 * exists)" otherwise), holding SCHEMA and no data, and fsyncs it. */
struct ovsdb_error *ovsdb_file_create(const char *file_name,
                                      const struct ovsdb_schema *schema)
    OVS_WARN_UNUSED_RESULT;

/* Reads the schema, the first record of standalone database FILE_NAME,
 * without locking the file.  A clustered database file is an error
 * ("cannot apply this operation to clustered database file"). */
struct ovsdb_error *ovsdb_file_read_schema(const char *file_name,
                                           struct ovsdb_schema **schemap)
    OVS_WARN_UNUSED_RESULT;

/* Opening a database. */

struct ovsdb_file;

/* Reads FILE_NAME into a new database stored in '*DBP'.
 *
 * ALTERNATE_SCHEMA: NULL to use the file's own schema; otherwise the
 * database gets a copy of it and the records are read as described under
 * "Reading" above.
 *
 * FLAGS:
 *
 *   OVSDB_FILE_READ_ONLY opens the file without the lock and without
 *   write access.  A file opened read-only may still be given to
 *   ovsdb_file_commit(), which then fails as upstream's "ovsdb-tool query"
 *   does ("cannot truncate to length N").
 *
 *   OVSDB_FILE_TOLERATE_TAIL makes a corrupt or torn record (an error from
 *   ovsdb_log_read()) end the log with a warning in the log instead of
 *   failing, as a server does: the next write replaces it (log.h).
 *   Without it, such a record is an error, as for upstream's ovsdb-tool.
 *
 * FILEP, if nonnull, gets the open file, positioned for appending after
 * the last record that was applied. */
enum {
    OVSDB_FILE_READ_ONLY = 1 << 0,
    OVSDB_FILE_TOLERATE_TAIL = 1 << 1
};
struct ovsdb_error *ovsdb_file_open(const char *file_name,
                                    const struct ovsdb_schema *alt_schema,
                                    unsigned int flags, struct ovsdb **dbp,
                                    struct ovsdb_file **filep)
    OVS_WARN_UNUSED_RESULT;
void ovsdb_file_close(struct ovsdb_file *);

struct ovsdb *ovsdb_file_get_db(const struct ovsdb_file *);
const char *ovsdb_file_get_name(const struct ovsdb_file *);

/* Writing. */

/* Writes the record of precommitted TXN (a transaction on the file's
 * database), if it changes any persistent data, and fsyncs if DURABLE. */
struct ovsdb_error *ovsdb_file_commit(struct ovsdb_file *,
                                      const struct ovsdb_txn *,
                                      bool durable)
    OVS_WARN_UNUSED_RESULT;
/* Like ovsdb_file_commit() with DURABLE false, but the record is only
 * queued in memory (ovsdb_log_write_deferred()): the next
 * ovsdb_file_sync() writes every queued record with one write and makes
 * them durable; an error doing so is reported by ovsdb_file_sync(). */
struct ovsdb_error *ovsdb_file_commit_deferred(struct ovsdb_file *,
                                               const struct ovsdb_txn *)
    OVS_WARN_UNUSED_RESULT;
/* Makes every record written or queued so far durable. */
struct ovsdb_error *ovsdb_file_sync(struct ovsdb_file *)
    OVS_WARN_UNUSED_RESULT;

/* Compaction. */

/* The automatic compaction rule of upstream's ovsdb-server(1): at least
 * 100 transactions written and 10 minutes passed since the file was
 * opened or last compacted, and either the log grew lots
 * (ovsdb_log_grew_lots()) or 24 hours passed.  NOW is time_msec(). */
bool ovsdb_file_should_compact(const struct ovsdb_file *,
                               long long int now);
/* Rewrites the file as its schema plus one snapshot of the database with
 * COMMENT (may be NULL) and "_is_diff": true, atomically.  On failure the
 * file is unchanged and still usable. */
struct ovsdb_error *ovsdb_file_compact(struct ovsdb_file *,
                                       const char *comment)
    OVS_WARN_UNUSED_RESULT;

/* Writes DB's schema and one snapshot of DB with COMMENT (without
 * "_is_diff") to FILE_NAME atomically, as upstream's ovsdb-tool does for
 * "compact" and "convert": to "FILE_NAME.tmp", which is fsynced and
 * renamed over FILE_NAME (replacing it if it exists), and then the
 * directory is fsynced.  The caller should hold the locks of FILE_NAME and
 * of the temporary file (ovsdb_log_lock()).  On failure FILE_NAME is as it was
 * and the temporary file is removed. */
struct ovsdb_error *ovsdb_file_write_snapshot(const char *file_name,
                                              const char *comment,
                                              const struct ovsdb *db)
    OVS_WARN_UNUSED_RESULT;
/* Replaces the contents of open file FILE with DB's schema and a snapshot
 * of DB, atomically, as ovsdb_file_compact() does but for any database
 * (for example one converted to a new schema).  FILE's own database is
 * not changed: the caller then closes FILE. */
struct ovsdb_error *ovsdb_file_replace(struct ovsdb_file *file,
                                       const char *comment, bool is_diff,
                                       const struct ovsdb *db)
    OVS_WARN_UNUSED_RESULT;

/* Replaces FILE's contents by NEW_DB's schema and a snapshot of NEW_DB
 * (with COMMENT and "_is_diff": true), atomically, as
 * ovsdb_file_replace() does, and makes NEW_DB the file's database from then
 * on: for a server that converts its database online.  On failure the file
 * and its database are unchanged. */
struct ovsdb_error *ovsdb_file_convert(struct ovsdb_file *file,
                                       const char *comment,
                                       struct ovsdb *new_db)
    OVS_WARN_UNUSED_RESULT;

/* Records, for callers that keep their own logs. */

/* Reads the next record of LOG like ovsdb_log_read(), but a record that
 * is not a JSON object is an error, as in upstream's database files. */
struct ovsdb_error *ovsdb_file_read_record(struct ovsdb_log *log,
                                           struct json **jsonp)
    OVS_WARN_UNUSED_RESULT;

/* The record for precommitted TXN, or NULL if TXN changes no persistent
 * data.  COMMENT is TXN's comment (ovsdb_txn_get_comment()). */
struct json *ovsdb_file_txn_to_json(const struct ovsdb_txn *);
/* A snapshot record of every row of DB (see "The format"). */
struct json *ovsdb_file_snapshot_to_json(const struct ovsdb *db,
                                         const char *comment,
                                         bool is_diff);
/* Applies transaction record JSON to DB in a new transaction stored in
 * '*TXNP' (not yet precommitted).  CONVERTING: true ignores tables and
 * columns that DB's schema lacks.  On error, nothing changed and '*TXNP'
 * is NULL. */
struct ovsdb_error *ovsdb_file_txn_from_json(struct ovsdb *db,
                                             const struct json *json,
                                             bool converting,
                                             struct ovsdb_txn **txnp)
    OVS_WARN_UNUSED_RESULT;

/* Converting a database to a new schema. */

/* Makes a new database '*DSTP' with a copy of NEW_SCHEMA and the rows of
 * SRC: tables and columns that NEW_SCHEMA lacks are dropped, new columns
 * get their default values, and each other value is converted to its new
 * type (an empty value becomes the new type's default if that needs an
 * element); a value that does not fit ("expected integer", "set must have
 * 0 to 2 members but 3 are present", a constraint) or a database that
 * violates NEW_SCHEMA's constraints (indexes, maxRows, references) is an
 * error.  For online conversion by a server. */
struct ovsdb_error *ovsdb_convert(const struct ovsdb *src,
                                  const struct ovsdb_schema *new_schema,
                                  struct ovsdb **dstp)
    OVS_WARN_UNUSED_RESULT;

#endif /* ovsdb/file.h */
