/* ovsdb.h: OVSDB database schemas (RFC 7047 section 3.2,
 * <database-schema>, with upstream Open vSwitch's "version" and "cksum"),
 * and in-memory databases.
 *
 * A schema has a name (an identifier), an optional version "x.y.z", an
 * optional checksum string (upstream's "cksum", kept as given) and its
 * table schemas by name.  Parsing checks what upstream checks, with
 * upstream's error texts: member types, the version format, table and
 * column names (identifiers; names beginning with "_" are reserved),
 * that every table has a column, maxRows >= 1, index columns that exist,
 * are distinct and are not ephemeral, and that every refTable names a
 * table of the schema.  Tables and columns are parsed in order of name.
 *
 * If no table says "isRoot": true, every table is a root table (RFC 7047
 * section 3.2); ovsdb_schema_to_json() writes "isRoot" only when some
 * table is not a root table, which is also what upstream prints.  As
 * upstream does, an ephemeral column that holds strong references to a
 * non-root table is made persistent (its rows would otherwise vanish on
 * restart).
 *
 * Memory: a schema owns its strings and table schemas.  Functions that
 * return a schema give it to the caller, who frees it with
 * ovsdb_schema_destroy().
 *
 * Errors: NULL or an ovsdb_error owned by the caller; on error no schema
 * is returned and nothing leaks.  No global state. */
#ifndef OVSDB_OVSDB_H
#define OVSDB_OVSDB_H 1

#include <stdbool.h>
#include "compiler.h"
#include "list.h"
#include "shash.h"

struct json;
struct ovsdb_table_schema;

struct ovsdb_schema {
    char *name;                 /* Owned. */
    char *version;              /* Owned; "" if the schema has none. */
    char *cksum;                /* Owned; "" if the schema has none. */
    struct shash tables;        /* Name -> struct ovsdb_table_schema *. */
};

/* An empty schema; VERSION and CKSUM may be NULL (meaning ""). */
struct ovsdb_schema *ovsdb_schema_create(const char *name,
                                         const char *version,
                                         const char *cksum);
struct ovsdb_schema *ovsdb_schema_clone(const struct ovsdb_schema *);
void ovsdb_schema_destroy(struct ovsdb_schema *);

/* Reads the schema in FILE_NAME.  Errors: 'failed to read schema:
 * "FILE" could not be read as JSON (...)' and, wrapping the errors of
 * ovsdb_schema_from_json(), 'failed to parse "FILE" as ovsdb schema:
 * ...', as upstream's ovsdb-tool prints them. */
struct ovsdb_error *ovsdb_schema_from_file(const char *file_name,
                                           struct ovsdb_schema **schemap)
    OVS_WARN_UNUSED_RESULT;
struct ovsdb_error *ovsdb_schema_from_json(const struct json *,
                                           struct ovsdb_schema **schemap)
    OVS_WARN_UNUSED_RESULT;
/* The <database-schema> of SCHEMA, as upstream's get-schema returns it
 * (defaults left out; "version" and "cksum" only if nonempty). */
struct json *ovsdb_schema_to_json(const struct ovsdb_schema *);

/* Same name, version, checksum, tables, columns, types and indexes? */
bool ovsdb_schema_equal(const struct ovsdb_schema *,
                        const struct ovsdb_schema *);

/* True if VERSION has the form "x.y.z" that upstream accepts. */
bool ovsdb_schema_version_is_valid(const char *version);

/* In-memory databases.
 *
 * A database is a schema plus one struct ovsdb_table per table of the
 * schema.  Its contents change only through transactions (transaction.h):
 * while a transaction is open, the tables show that transaction's view
 * (rows it inserted, its modifications, without the rows it deleted), so
 * every reader sees "read your writes"; ovsdb_txn_abort() restores the
 * committed contents.  At most one transaction is open at a time.
 *
 * Memory: ovsdb_create() takes ownership of SCHEMA.  The tables share the
 * schema's table schemas (table->schema == the schema's table schema),
 * and ovsdb_create() points each reference column's 'uuid.refTable' at
 * the database's table that it names.
 * ovsdb_destroy() frees the tables, their rows and the schema; it must not
 * be called while a transaction is open.
 *
 * 'observers' lets other modules (monitors, the server's _Server
 * bookkeeping) learn of every committed transaction: see
 * ovsdb_txn_commit() in transaction.h. */
struct ovsdb_txn;

struct ovsdb {
    struct ovsdb_schema *schema; /* Owned. */
    struct shash tables;        /* Name -> struct ovsdb_table * (owned). */
    struct ovs_list observers;  /* Contains struct ovsdb_observer. */
    struct ovsdb_txn *txn;      /* The open transaction, or NULL. */
};

/* Something that wants to hear about each committed transaction.  The
 * owner embeds it in its own struct, fills in 'commit', and adds it with
 * ovsdb_add_observer(); it must be removed before it is freed or before
 * the database is destroyed. */
struct ovsdb_observer {
    struct ovs_list list_node;  /* In struct ovsdb's 'observers'. */
    /* Called by ovsdb_txn_commit() after TXN has been applied to the
     * tables, in the order observers were added.  The callback may read
     * TXN's changes (ovsdb_txn_for_each_change()) and the tables, and must
     * not change the database. */
    void (*commit)(struct ovsdb_observer *, const struct ovsdb_txn *);
};

struct ovsdb *ovsdb_create(struct ovsdb_schema *schema);
void ovsdb_destroy(struct ovsdb *);
/* The table called NAME, or NULL. */
struct ovsdb_table *ovsdb_get_table(const struct ovsdb *, const char *name);
void ovsdb_add_observer(struct ovsdb *, struct ovsdb_observer *);
void ovsdb_remove_observer(struct ovsdb *, struct ovsdb_observer *);

#endif /* ovsdb.h */
