/* monitor.h: the "monitor", "monitor_cond" and "monitor_cond_since"
 * requests of RFC 7047 and upstream's extensions (ovsdb-server(7)): one
 * client's replica of chosen tables, columns and rows of a database.
 *
 * The problem
 * ===========
 *
 * Many clients often monitor the same thing (every ovn-controller asks the
 * same tables and columns, with the same conditions), and each commit
 * must reach all of them.  Composing and serializing the update once per
 * client makes a commit cost O(clients x size of the change).  A slow
 * client must not make the server buffer without bound either.
 *
 * The data structure
 * ==================
 *
 * A client's monitor (struct ovsdb_monitor) belongs to a group shared by
 * every monitor of the same database, protocol version, tables, columns,
 * "select" flags and conditions.  The group observes the database
 * (ovsdb.h) and counts the commits it sees.  It keeps change sets: a change
 * set starts at some commit number and holds, for each row that changed
 * since then, the row as it was before that commit and as it is now (later
 * commits update the "now" part, so a change set never grows beyond one
 * entry per row).  Each client's monitor points at the change set that
 * starts at the first commit it has not been sent; clients that keep up
 * all point at the same one.  Composing an update serializes the change
 * set once and caches the text, so 100 clients that keep up cost one
 * serialization and 100 copies.  A client that falls behind (its
 * connection has a backlog, so the caller stops composing for it) keeps
 * its change set, which merges the later commits: its memory is bounded
 * by the size of the tables, and it gets one combined update when it
 * catches up.  The initial contents are cached the same way until the
 * next commit that touches the group's tables.
 *
 * Conditions: a row is in a client's replica when it matches any clause
 * of its table's condition ("where"); no condition, or an empty one, means
 * every row.  A row that starts or stops matching is sent as an insert
 * or a delete.  monitor_cond_change moves the client to the group of its
 * new conditions and composes the inserts and deletes that the change
 * implies.
 *
 * Formats
 * =======
 *
 * OVSDB_MONITOR_V1 ("monitor", "update"): <table-updates>, rows as
 * {"old": ..., "new": ...} with every monitored column in "new" and, for
 * a modification, the changed columns' old values in "old".
 * OVSDB_MONITOR_V2 ("monitor_cond", "update2") and OVSDB_MONITOR_V3
 * ("monitor_cond_since", "update3" with a last transaction id, always all
 * zeros, as upstream's standalone databases keep no transaction history):
 * <table-updates2>, rows as {"initial"|"insert": row without default
 * columns}, {"delete": null} or {"modify": differences} where a set or map
 * column of more than one element gives the elements that changed and any
 * other column its new value.
 *
 * Memory: a monitor owns its id; the groups and change sets belong to the
 * module and live as long as some monitor uses them.  A monitor must be
 * destroyed before its database.
 *
 * Errors: ovsdb_error objects with upstream's texts, owned by the caller.
 * Not thread-safe: the groups are module state of the main thread. */
#ifndef OVSDB_MONITOR_H
#define OVSDB_MONITOR_H 1

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"

struct ds;
struct json;
struct ovsdb;

enum ovsdb_monitor_version {
    OVSDB_MONITOR_V1,           /* "monitor": "update". */
    OVSDB_MONITOR_V2,           /* "monitor_cond": "update2". */
    OVSDB_MONITOR_V3            /* "monitor_cond_since": "update3". */
};

struct ovsdb_monitor;

/* Parses REQUESTS (the <monitor-requests> or <monitor-cond-requests>
 * object of a request) for DB and creates a monitor identified by ID (a
 * copy is kept).  Stores it in '*monp' and appends the initial contents,
 * as <table-updates> or <table-updates2> JSON, to INITIAL. */
struct ovsdb_error *ovsdb_monitor_create(struct ovsdb *db,
                                         enum ovsdb_monitor_version,
                                         const struct json *id,
                                         const struct json *requests,
                                         struct ovsdb_monitor **monp,
                                         struct ds *initial)
    OVS_WARN_UNUSED_RESULT;
void ovsdb_monitor_destroy(struct ovsdb_monitor *);

const struct json *ovsdb_monitor_get_id(const struct ovsdb_monitor *);
struct ovsdb *ovsdb_monitor_get_db(const struct ovsdb_monitor *);
enum ovsdb_monitor_version ovsdb_monitor_get_version(
    const struct ovsdb_monitor *);

/* Does the monitor have changes not yet composed? */
bool ovsdb_monitor_has_update(const struct ovsdb_monitor *);
/* Appends to OUT the complete JSON-RPC notification ("update", "update2"
 * or "update3") for the changes since the last call, if there are any
 * that the client must see, and returns true; otherwise returns false. */
bool ovsdb_monitor_compose_update(struct ovsdb_monitor *, struct ds *out);

/* monitor_cond_change: gives the monitor the new id NEW_ID and the
 * conditions in REQUESTS (<monitor-cond-update-requests>; tables left out
 * keep theirs).  Composes into OUT the notification of the rows that the
 * change adds or removes (nothing if none), after first composing any
 * pending update under the old id.  On error nothing changes. */
struct ovsdb_error *ovsdb_monitor_cond_change(struct ovsdb_monitor *,
                                              const struct json *new_id,
                                              const struct json *requests,
                                              struct ds *out)
    OVS_WARN_UNUSED_RESULT;

/* Number of monitor groups alive in the process: distinct combinations
 * of database, format, tables, columns and conditions (for memory/show,
 * which counts them as upstream counts its shared monitors). */
size_t ovsdb_monitor_count(void);

#endif /* ovsdb/monitor.h */
