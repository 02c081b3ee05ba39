/* server.c: databases, server id and locks shared by an OVSDB server's
 * sessions. */
#include <config.h>
#include "server.h"

#include "hash.h"
#include "ovsdb.h"
#include "util.h"

void
ovsdb_server_init(struct ovsdb_server *server)
{
    shash_init(&server->dbs);
    hmap_init(&server->locks);
    uuid_generate(&server->uuid);
}

bool
ovsdb_server_add_db(struct ovsdb_server *server, struct ovsdb *db)
{
    return shash_add_once(&server->dbs, db->schema->name, db);
}

void
ovsdb_server_remove_db(struct ovsdb_server *server, struct ovsdb *db)
{
    struct shash_node *node = shash_find(&server->dbs, db->schema->name);

    if (node && node->data == db) {
        shash_delete(&server->dbs, node);
    }
}

struct ovsdb *
ovsdb_server_get_db(const struct ovsdb_server *server, const char *name)
{
    return shash_find_data(&server->dbs, name);
}

void
ovsdb_server_destroy(struct ovsdb_server *server)
{
    struct ovsdb_lock *lock;

    /* Sessions remove their waiters, and the last waiter frees its lock,
     * so normally nothing is left here. */
    HMAP_FOR_EACH_POP (lock, hmap_node, &server->locks) {
        free(lock->name);
        free(lock);
    }
    hmap_destroy(&server->locks);
    shash_destroy(&server->dbs);
}

void
ovsdb_session_init(struct ovsdb_session *session,
                   struct ovsdb_server *server)
{
    session->server = server;
    hmap_init(&session->waiters);
}

void
ovsdb_session_destroy(struct ovsdb_session *session)
{
    struct ovsdb_lock_waiter *waiter;

    HMAP_FOR_EACH_SAFE (waiter, session_node, &session->waiters) {
        ovsdb_lock_waiter_remove(waiter);
    }
    hmap_destroy(&session->waiters);
}

struct ovsdb_lock_waiter *
ovsdb_session_get_lock_waiter(const struct ovsdb_session *session,
                              const char *lock_name)
{
    struct ovsdb_lock_waiter *waiter;

    HMAP_FOR_EACH_WITH_HASH (waiter, session_node, hash_string(lock_name, 0),
                             &session->waiters) {
        if (!strcmp(waiter->lock_name, lock_name)) {
            return waiter;
        }
    }
    return NULL;
}

static struct ovsdb_lock *
ovsdb_server_find_lock(const struct ovsdb_server *server, const char *name,
                       uint32_t hash)
{
    struct ovsdb_lock *lock;

    HMAP_FOR_EACH_WITH_HASH (lock, hmap_node, hash, &server->locks) {
        if (!strcmp(lock->name, name)) {
            return lock;
        }
    }
    return NULL;
}

static struct ovsdb_lock_waiter *
ovsdb_lock_get_owner(const struct ovsdb_lock *lock)
{
    return (ovs_list_is_empty(&lock->waiters) ? NULL
            : CONTAINER_OF(ovs_list_front(&lock->waiters),
                           struct ovsdb_lock_waiter, lock_node));
}

struct ovsdb_lock_waiter *
ovsdb_server_lock(struct ovsdb_server *server, struct ovsdb_session *session,
                  const char *lock_name, enum ovsdb_lock_mode mode,
                  struct ovsdb_session **victimp)
{
    uint32_t hash = hash_string(lock_name, 0);
    struct ovsdb_lock *lock = ovsdb_server_find_lock(server, lock_name, hash);
    struct ovsdb_lock_waiter *waiter;

    *victimp = NULL;
    if (!lock) {
        lock = xmalloc(sizeof *lock);
        lock->server = server;
        lock->name = xstrdup(lock_name);
        ovs_list_init(&lock->waiters);
        hmap_insert(&server->locks, &lock->hmap_node, hash);
    }

    waiter = xmalloc(sizeof *waiter);
    waiter->mode = mode;
    waiter->lock_name = xstrdup(lock_name);
    waiter->lock = lock;
    waiter->session = session;
    hmap_insert(&session->waiters, &waiter->session_node, hash);

    if (mode == OVSDB_LOCK_STEAL) {
        struct ovsdb_lock_waiter *owner = ovsdb_lock_get_owner(lock);

        if (owner && owner->session != session) {
            *victimp = owner->session;
        }
        ovs_list_push_front(&lock->waiters, &waiter->lock_node);
    } else {
        ovs_list_push_back(&lock->waiters, &waiter->lock_node);
    }
    return waiter;
}

bool
ovsdb_lock_waiter_is_owner(const struct ovsdb_lock_waiter *waiter)
{
    return ovsdb_lock_get_owner(waiter->lock) == waiter;
}

struct ovsdb_session *
ovsdb_lock_waiter_remove(struct ovsdb_lock_waiter *waiter)
{
    struct ovsdb_lock *lock = waiter->lock;
    bool was_owner = ovsdb_lock_waiter_is_owner(waiter);
    struct ovsdb_session *new_owner = NULL;

    ovs_list_remove(&waiter->lock_node);
    hmap_remove(&waiter->session->waiters, &waiter->session_node);
    free(waiter->lock_name);
    free(waiter);

    if (ovs_list_is_empty(&lock->waiters)) {
        hmap_remove(&lock->server->locks, &lock->hmap_node);
        free(lock->name);
        free(lock);
    } else if (was_owner) {
        new_owner = ovsdb_lock_get_owner(lock)->session;
    }
    return new_owner;
}

struct ovsdb_session *
ovsdb_server_get_lock_owner(const struct ovsdb_server *server,
                            const char *lock_name)
{
    struct ovsdb_lock *lock
        = ovsdb_server_find_lock(server, lock_name, hash_string(lock_name, 0));
    struct ovsdb_lock_waiter *owner = lock ? ovsdb_lock_get_owner(lock) : NULL;

    return owner ? owner->session : NULL;
}
