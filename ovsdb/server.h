/* server.h: what an OVSDB server shares among its client sessions: the
 * databases it serves, its identity, and the named locks of RFC 7047
 * section 4.1.8 to 4.1.10.
 *
 * Locks.  A lock is a name that sessions contend for.  Each session that
 * asked for a lock (with "lock" or "steal") has one waiter on it; the
 * waiters of a lock form a queue whose head owns the lock.  "lock" joins
 * the back of the queue; "steal" goes to the front, and the former owner
 * stays in the queue just behind the thief (so it owns the lock again
 * when the thief lets go, as upstream's server behaves).  Removing a
 * waiter ("unlock", or the session ending) hands the lock to the next one.
 * A lock with no waiters is freed.
 *
 * The module only keeps the bookkeeping; the JSON-RPC layer sends the
 * "locked" and "stolen" notifications that the return values call for.
 *
 * Memory: the server keeps borrowed pointers to the databases; a session
 * owns its waiters, which must be removed (ovsdb_lock_waiter_remove())
 * before the session is destroyed.  Locks are owned by the server.
 *
 * Not thread-safe: one main loop owns a server and its sessions. */
#ifndef OVSDB_SERVER_H
#define OVSDB_SERVER_H 1

#include <stdbool.h>
#include "hmap.h"
#include "list.h"
#include "shash.h"
#include "uuid.h"

struct ovsdb;

struct ovsdb_server {
    struct shash dbs;           /* Name -> struct ovsdb * (borrowed). */
    struct hmap locks;          /* Contains struct ovsdb_lock, by name. */
    struct uuid uuid;           /* The server id of "get_server_id". */
};

void ovsdb_server_init(struct ovsdb_server *);
/* Serves DB under its schema's name; false if that name is taken. */
bool ovsdb_server_add_db(struct ovsdb_server *, struct ovsdb *);
void ovsdb_server_remove_db(struct ovsdb_server *, struct ovsdb *);
struct ovsdb *ovsdb_server_get_db(const struct ovsdb_server *,
                                  const char *name);
/* Frees the locks; every session must have been destroyed first. */
void ovsdb_server_destroy(struct ovsdb_server *);

/* One client's view of the server. */
struct ovsdb_session {
    struct ovsdb_server *server;
    struct hmap waiters;        /* Contains struct ovsdb_lock_waiter. */
};

void ovsdb_session_init(struct ovsdb_session *, struct ovsdb_server *);
/* Removes every waiter of SESSION (see ovsdb_lock_waiter_remove(), whose
 * "new owner" results the caller misses: use it directly when they
 * matter). */
void ovsdb_session_destroy(struct ovsdb_session *);
struct ovsdb_lock_waiter *ovsdb_session_get_lock_waiter(
    const struct ovsdb_session *, const char *lock_name);

enum ovsdb_lock_mode {
    OVSDB_LOCK_WAIT,            /* "lock": wait in line. */
    OVSDB_LOCK_STEAL            /* "steal": take it now. */
};

struct ovsdb_lock {
    struct hmap_node hmap_node; /* In ovsdb_server's 'locks'. */
    struct ovsdb_server *server;
    char *name;
    struct ovs_list waiters;    /* Of ovsdb_lock_waiter; front owns it. */
};

struct ovsdb_lock_waiter {
    struct hmap_node session_node; /* In ovsdb_session's 'waiters'. */
    enum ovsdb_lock_mode mode;
    char *lock_name;
    struct ovsdb_lock *lock;
    struct ovs_list lock_node;  /* In the lock's 'waiters'. */
    struct ovsdb_session *session;
};

/* Adds a waiter for LOCK_NAME to SESSION, which must not have one yet.
 * If a steal took the lock from another session, stores that session in
 * '*victimp' (else NULL): it must be told "stolen". */
struct ovsdb_lock_waiter *ovsdb_server_lock(struct ovsdb_server *,
                                            struct ovsdb_session *,
                                            const char *lock_name,
                                            enum ovsdb_lock_mode,
                                            struct ovsdb_session **victimp);
bool ovsdb_lock_waiter_is_owner(const struct ovsdb_lock_waiter *);
/* Removes and frees WAITER.  If it owned the lock and another waiter is
 * next, returns that waiter's session (it must be told "locked"). */
struct ovsdb_session *ovsdb_lock_waiter_remove(struct ovsdb_lock_waiter *);
/* The session that owns LOCK_NAME, or NULL. */
struct ovsdb_session *ovsdb_server_get_lock_owner(const struct ovsdb_server *,
                                                  const char *lock_name);

#endif /* ovsdb/server.h */
