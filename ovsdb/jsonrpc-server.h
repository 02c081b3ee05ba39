/* jsonrpc-server.h: the JSON-RPC side of ovsdb-server: remotes, client
 * sessions and the methods of RFC 7047 and ovsdb-server(7).
 *
 * Remotes
 * =======
 *
 * A remote is a connection method: a passive one ("punix:", "ptcp:",
 * "pssl:") listens and gets one session per accepted connection; an
 * active one ("unix:", "tcp:", "ssl:") is one session that connects and
 * reconnects with backoff.  A remote that cannot be opened (a bad name,
 * an address in use, SSL, which this build lacks) is logged and stays
 * configured, with no sessions.  ovsdb_jsonrpc_server_set_remotes()
 * replaces the whole set; sessions of remotes that remain are kept.
 *
 * Sessions and methods
 * ====================
 *
 * Each session answers "echo", "list_dbs", "get_schema",
 * "get_server_id", "set_db_change_aware", "transact" (with "cancel"
 * notifications for waiting ones), "monitor", "monitor_cond",
 * "monitor_cond_since", "monitor_cond_change", "monitor_cancel",
 * "lock", "steal", "unlock" and "convert", with upstream's replies and
 * error texts;
 * anything else gets the error "unknown method".  A reply or error from
 * the client (this server sends no requests but "echo") drops the
 * connection, as upstream does; malformed JSON or JSON-RPC does too (see
 * jsonrpc.h).  Nothing a client sends can crash the server.
 *
 * Group commit and durability
 * ===========================
 *
 * ovsdb_jsonrpc_server_run() works in rounds.  First it reads up to 50
 * messages from each session whose output backlog is empty (a client that
 * does not read its replies is not read from: that bounds its backlog) and
 * executes them at once; a transaction that changes a database is written
 * to the database's storage (not yet synced) and committed in memory, and
 * every reply is held back.  Then transactions waiting on "wait"
 * operations are retried.  Then each database written in this round is
 * synced to disk, once.  Only then are the held replies and the monitor
 * updates sent, so a client never hears of a change that a crash could
 * lose, and one fsync covers every transaction of the round.  In each
 * session the update that a transaction causes goes out before the reply
 * to the transaction.  A session with a backlog gets no monitor updates
 * until it drains; its monitors accumulate the changes meanwhile (see
 * monitor.h), so it later gets one combined update.
 *
 * Databases are added with their storage; the caller keeps ownership of
 * the struct ovsdb and must remove it from the server before destroying
 * it.  Adding or removing a database disconnects sessions that did not
 * ask to be told about such changes with "set_db_change_aware" (once what
 * they were sent before has gone out); the others see their monitors of a
 * removed database canceled with "monitor_canceled".
 *
 * Online conversion
 * =================
 *
 * "convert" [DB-NAME, SCHEMA] (upstream's extension) converts a database
 * in place: the data is converted in memory to a new database (see
 * ovsdb_convert()), which the storage writes durably; only then does the
 * new database replace the old one, rows keeping their UUIDs.  The client
 * gets {} as reply.  As for a removed database, the monitors of the old
 * database are canceled ("monitor_canceled" for change-aware sessions),
 * its waiting transactions get the error "canceled", and sessions that are
 * not change-aware are disconnected, the requester included, after its
 * reply.  As upstream 3.1 does, _Server's "schema" column keeps the old
 * schema.  Databases with names that begin with "_" cannot be converted
 * (upstream lets a client convert _Server into something the server
 * cannot maintain; here that is "not allowed").
 *
 * Memory: the server owns its remotes and sessions.  Not thread-safe. */
#ifndef OVSDB_JSONRPC_SERVER_H
#define OVSDB_JSONRPC_SERVER_H 1

#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"

struct ds;
struct ovsdb;
struct ovsdb_txn;
struct shash;
struct uuid;

/* How a database's transactions reach the disk. */
struct ovsdb_jsonrpc_storage {
    /* Appends the record of TXN (precommitted, on DB) to the storage
     * without waiting for the disk.  Returns NULL or an error (the
     * transaction is then aborted and the client told). */
    struct ovsdb_error *(*write)(struct ovsdb *db,
                                 const struct ovsdb_txn *txn, void *aux)
        OVS_WARN_UNUSED_RESULT;
    /* Makes every record written so far durable.  Returns NULL or an
     * error, which is logged. */
    struct ovsdb_error *(*sync)(struct ovsdb *db, void *aux)
        OVS_WARN_UNUSED_RESULT;

    /* Online conversion ("convert"); NULL for a database that cannot be
     * converted.  Writes NEW_DB (DB converted to a new schema, same name)
     * durably as the whole contents of DB's storage.  Returns NULL, or an
     * error and nothing changed. */
    struct ovsdb_error *(*convert)(struct ovsdb *db,
                                   struct ovsdb *new_db, void *aux)
        OVS_WARN_UNUSED_RESULT;
    /* Called after a successful 'convert', once the JSON-RPC server no
     * longer refers to DB: the caller serves NEW_DB (which it now owns)
     * instead of DB, and frees DB. */
    void (*replace)(struct ovsdb *db, struct ovsdb *new_db, void *aux);
};

/* Options for the sessions of one remote. */
struct ovsdb_jsonrpc_options {
    int max_backoff;            /* Maximum reconnection backoff, in ms. */
    int probe_interval;         /* Inactivity probe interval, in ms. */
    bool read_only;             /* Only read-only transactions allowed? */
    int dscp;                   /* DSCP value for the sockets. */
};

/* The defaults for TARGET ("punix:..." and "unix:..." get no probes). */
void ovsdb_jsonrpc_options_init(struct ovsdb_jsonrpc_options *,
                                const char *target);

struct ovsdb_jsonrpc_server *ovsdb_jsonrpc_server_create(void);
void ovsdb_jsonrpc_server_destroy(struct ovsdb_jsonrpc_server *);

/* Serves DB (under its schema's name) with STORAGE (NULL: in memory
 * only).  False if the name is taken. */
bool ovsdb_jsonrpc_server_add_db(struct ovsdb_jsonrpc_server *,
                                 struct ovsdb *db,
                                 const struct ovsdb_jsonrpc_storage *storage,
                                 void *aux);
void ovsdb_jsonrpc_server_remove_db(struct ovsdb_jsonrpc_server *,
                                    struct ovsdb *db);

/* Replaces the remotes with those in NEW_REMOTES (a map from a remote's
 * name to a struct ovsdb_jsonrpc_options *, not taken). */
void ovsdb_jsonrpc_server_set_remotes(struct ovsdb_jsonrpc_server *,
                                      const struct shash *new_remotes);
/* Drops every session (active ones reconnect). */
void ovsdb_jsonrpc_server_reconnect(struct ovsdb_jsonrpc_server *);

void ovsdb_jsonrpc_server_run(struct ovsdb_jsonrpc_server *);
void ovsdb_jsonrpc_server_wait(struct ovsdb_jsonrpc_server *);

/* Commits TXN (precommitted, on a database of the server) as a client's
 * transaction would be: written, committed, and synced in the next round
 * before anyone hears of it.  For the server's own changes. */
struct ovsdb_error *ovsdb_jsonrpc_server_commit(struct ovsdb_jsonrpc_server *,
                                                struct ovsdb_txn *txn)
    OVS_WARN_UNUSED_RESULT;

const struct uuid *ovsdb_jsonrpc_server_get_uuid(
    const struct ovsdb_jsonrpc_server *);
/* Appends " monitors:N sessions:N" style counters for memory/show. */
void ovsdb_jsonrpc_server_get_memory_usage(
    const struct ovsdb_jsonrpc_server *, unsigned int *n_sessions,
    unsigned int *n_monitors);

#endif /* ovsdb/jsonrpc-server.h */
