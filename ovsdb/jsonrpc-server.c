/* jsonrpc-server.c: remotes, sessions and JSON-RPC methods of
 * ovsdb-server (see jsonrpc-server.h). */
#include <config.h>
#include "jsonrpc-server.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include "dynamic-string.h"
#include "file.h"
#include "hash.h"
#include "hmap.h"
#include "json.h"
#include "jsonrpc.h"
#include "list.h"
#include "monitor.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "poll-loop.h"
#include "reconnect.h"
#include "server.h"
#include "shash.h"
#include "stream.h"
#include "timeval.h"
#include "transaction.h"
#include "trigger.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_jsonrpc_server);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);

/* Messages read from one session in one round, at most. */
#define MAX_MSGS_PER_ROUND 50

/* A database served by the server. */
struct jsonrpc_db {
    struct ovsdb *db;
    const struct ovsdb_jsonrpc_storage *storage; /* NULL: memory only. */
    void *aux;
    struct ovs_list triggers;   /* Waiting struct jsonrpc_trigger. */
    struct ovsdb_observer observer;
    bool changed;               /* Committed since triggers last ran? */
    bool unsynced;              /* Written since last sync? */
};

struct ovsdb_jsonrpc_server {
    struct ovsdb_server up;
    struct shash dbs;           /* Name -> struct jsonrpc_db *. */
    struct shash remotes;       /* Name -> struct jsonrpc_remote *. */
    unsigned int n_sessions;
    unsigned int round;         /* Counts ovsdb_jsonrpc_server_run(). */
};

struct jsonrpc_remote {
    struct ovsdb_jsonrpc_server *server;
    char *name;
    struct ovsdb_jsonrpc_options options;
    struct pstream *listener;   /* Passive remotes only. */
    struct ovs_list sessions;   /* Contains struct jsonrpc_sess. */
};

/* A reply or notification held until the round's commits are durable. */
struct deferred {
    struct ovs_list node;       /* In session's 'deferred'. */
    char *text;                 /* Serialized message, or NULL... */
    size_t n;
    bool flush_monitors;        /* ...for "send monitor updates here". */
    struct json *ready_monitor; /* Id of a monitor now created, or NULL. */
};

struct jsonrpc_sess {
    struct ovs_list node;       /* In remote's 'sessions'. */
    struct ovsdb_session up;
    struct jsonrpc_remote *remote;
    struct jsonrpc_session *js;
    unsigned int seqno;
    struct hmap triggers;       /* Contains struct jsonrpc_trigger. */
    struct hmap monitors;       /* Contains struct jsonrpc_monitor. */
    struct ovs_list deferred;   /* Contains struct deferred. */
    bool db_change_aware;
    char *disconnect_why;       /* Disconnect when output is sent, why. */
    unsigned int last_transact; /* Server's 'round' of last "transact". */
};

struct jsonrpc_trigger {
    struct ovsdb_trigger trigger; /* 'node' in jsonrpc_db's 'triggers'. */
    struct hmap_node hmap_node; /* In session's 'triggers', by id. */
    struct jsonrpc_sess *s;
    struct json *id;
};

struct jsonrpc_monitor {
    struct hmap_node hmap_node; /* In session's 'monitors', by id. */
    struct ovsdb_monitor *m;
    bool ready;                 /* Reply with the initial contents sent? */
};

static void jsonrpc_sess_destroy(struct jsonrpc_sess *);
static void jsonrpc_trigger_destroy(struct jsonrpc_trigger *);
static void jsonrpc_monitor_destroy(struct jsonrpc_sess *,
                                    struct jsonrpc_monitor *);
static void jsonrpc_sess_reset(struct jsonrpc_sess *);
static void jsonrpc_sess_flush(struct jsonrpc_sess *);
static void jsonrpc_db_observer_commit(struct ovsdb_observer *,
                                       const struct ovsdb_txn *);

void
ovsdb_jsonrpc_options_init(struct ovsdb_jsonrpc_options *options,
                           const char *target)
{
    options->max_backoff = RECONNECT_DEFAULT_MAX_BACKOFF;
    options->probe_interval = (!strncmp(target, "unix:", 5)
                               || !strncmp(target, "punix:", 6)
                               ? 0 : RECONNECT_DEFAULT_PROBE_INTERVAL);
    options->read_only = false;
    options->dscp = 0;
}

/* Server. */

struct ovsdb_jsonrpc_server *
ovsdb_jsonrpc_server_create(void)
{
    struct ovsdb_jsonrpc_server *svr = xzalloc(sizeof *svr);

    ovsdb_server_init(&svr->up);
    shash_init(&svr->dbs);
    shash_init(&svr->remotes);
    return svr;
}

static void
jsonrpc_remote_destroy(struct jsonrpc_remote *remote)
{
    struct jsonrpc_sess *s;

    LIST_FOR_EACH_SAFE (s, node, &remote->sessions) {
        jsonrpc_sess_destroy(s);
    }
    pstream_close(remote->listener);
    free(remote->name);
    free(remote);
}

void
ovsdb_jsonrpc_server_destroy(struct ovsdb_jsonrpc_server *svr)
{
    struct shash_node *node;

    if (!svr) {
        return;
    }
    SHASH_FOR_EACH (node, &svr->remotes) {
        jsonrpc_remote_destroy(node->data);
    }
    shash_destroy(&svr->remotes);
    SHASH_FOR_EACH (node, &svr->dbs) {
        struct jsonrpc_db *jdb = node->data;

        ovsdb_remove_observer(jdb->db, &jdb->observer);
        free(jdb);
    }
    shash_destroy(&svr->dbs);
    ovsdb_server_destroy(&svr->up);
    free(svr);
}

static struct jsonrpc_db *
jsonrpc_db_find(const struct ovsdb_jsonrpc_server *svr, const char *name)
{
    return shash_find_data(&svr->dbs, name);
}

static struct jsonrpc_db *
jsonrpc_db_of(const struct ovsdb_jsonrpc_server *svr, const struct ovsdb *db)
{
    struct jsonrpc_db *jdb = jsonrpc_db_find(svr, db->schema->name);

    return jdb && jdb->db == db ? jdb : NULL;
}

/* Drops the sessions that do not want to hear of added, removed or
 * converted databases, once what they were already sent (a reply to
 * "convert", for example) has gone out.  Until then they read nothing. */
static void
reconnect_unaware(struct ovsdb_jsonrpc_server *svr, const char *why)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &svr->remotes) {
        struct jsonrpc_remote *remote = node->data;
        struct jsonrpc_sess *s;

        LIST_FOR_EACH (s, node, &remote->sessions) {
            if (!s->db_change_aware && !s->disconnect_why) {
                struct jsonrpc_trigger *t;
                struct jsonrpc_monitor *jm;

                /* Nothing more happens in the session: only what is
                 * already queued goes out. */
                HMAP_FOR_EACH_SAFE (t, hmap_node, &s->triggers) {
                    jsonrpc_trigger_destroy(t);
                }
                HMAP_FOR_EACH_SAFE (jm, hmap_node, &s->monitors) {
                    jsonrpc_monitor_destroy(s, jm);
                }
                s->disconnect_why = xstrdup(why);
            }
        }
    }
}

/* Disconnects S if it is due to and its output is gone. */
static void
jsonrpc_sess_disconnect_if_due(struct jsonrpc_sess *s)
{
    if (s->disconnect_why && ovs_list_is_empty(&s->deferred)
        && !jsonrpc_session_get_backlog(s->js)) {
        VLOG_INFO_RL(&rl, "%s: disconnecting (%s)",
                     jsonrpc_session_get_name(s->js), s->disconnect_why);
        jsonrpc_sess_reset(s);
        jsonrpc_session_force_reconnect(s->js);
    }
}

bool
ovsdb_jsonrpc_server_add_db(struct ovsdb_jsonrpc_server *svr,
                            struct ovsdb *db,
                            const struct ovsdb_jsonrpc_storage *storage,
                            void *aux)
{
    struct jsonrpc_db *jdb;
    char *why;

    if (!ovsdb_server_add_db(&svr->up, db)) {
        return false;
    }
    jdb = xzalloc(sizeof *jdb);
    jdb->db = db;
    jdb->storage = storage;
    jdb->aux = aux;
    ovs_list_init(&jdb->triggers);
    jdb->observer.commit = jsonrpc_db_observer_commit;
    ovsdb_add_observer(db, &jdb->observer);
    shash_add(&svr->dbs, db->schema->name, jdb);

    why = xasprintf("adding %s database", db->schema->name);
    reconnect_unaware(svr, why);
    free(why);
    return true;
}

static void
jsonrpc_sess_defer_msg(struct jsonrpc_sess *s, struct jsonrpc_msg *msg)
{
    struct deferred *d = xzalloc(sizeof *d);
    struct ds text = DS_EMPTY_INITIALIZER;

    jsonrpc_msg_to_ds(msg, &text);
    jsonrpc_msg_destroy(msg);
    d->n = text.length;
    d->text = ds_steal_cstr(&text);
    ovs_list_push_back(&s->deferred, &d->node);
}

static void
jsonrpc_sess_defer_text(struct jsonrpc_sess *s, struct ds *text)
{
    struct deferred *d = xzalloc(sizeof *d);

    d->n = text->length;
    d->text = ds_steal_cstr(text);
    ovs_list_push_back(&s->deferred, &d->node);
}

static void
jsonrpc_sess_defer_flush_monitors(struct jsonrpc_sess *s)
{
    struct deferred *d = xzalloc(sizeof *d);

    d->flush_monitors = true;
    ovs_list_push_back(&s->deferred, &d->node);
}

static void
jsonrpc_trigger_destroy(struct jsonrpc_trigger *t)
{
    ovs_list_remove(&t->trigger.node);
    hmap_remove(&t->s->triggers, &t->hmap_node);
    ovsdb_trigger_destroy(&t->trigger);
    json_destroy(t->id);
    free(t);
}

static void
jsonrpc_monitor_destroy(struct jsonrpc_sess *s, struct jsonrpc_monitor *jm)
{
    hmap_remove(&s->monitors, &jm->hmap_node);
    ovsdb_monitor_destroy(jm->m);
    free(jm);
}

/* Cancels every session's monitors and waiting transactions of DB, telling
 * change-aware clients of their monitors with "monitor_canceled". */
static void
cancel_db_clients(struct ovsdb_jsonrpc_server *svr, const struct ovsdb *db)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &svr->remotes) {
        struct jsonrpc_remote *remote = node->data;
        struct jsonrpc_sess *s;

        LIST_FOR_EACH (s, node, &remote->sessions) {
            struct jsonrpc_monitor *jm;
            struct jsonrpc_trigger *t;

            HMAP_FOR_EACH_SAFE (jm, hmap_node, &s->monitors) {
                if (ovsdb_monitor_get_db(jm->m) == db) {
                    if (s->db_change_aware) {
                        struct json *params = json_array_create_1(
                            json_clone(ovsdb_monitor_get_id(jm->m)));
                        jsonrpc_sess_defer_msg(s, jsonrpc_create_notify(
                                                   "monitor_canceled",
                                                   params));
                    }
                    jsonrpc_monitor_destroy(s, jm);
                }
            }
            HMAP_FOR_EACH_SAFE (t, hmap_node, &s->triggers) {
                if (t->trigger.db == db) {
                    jsonrpc_sess_defer_msg(s, jsonrpc_create_error(
                                               json_string_create("canceled"),
                                               t->id));
                    jsonrpc_trigger_destroy(t);
                }
            }
        }
    }
}

void
ovsdb_jsonrpc_server_remove_db(struct ovsdb_jsonrpc_server *svr,
                               struct ovsdb *db)
{
    struct jsonrpc_db *jdb = jsonrpc_db_of(svr, db);
    char *why;

    if (!jdb) {
        return;
    }

    cancel_db_clients(svr, db);
    ovsdb_remove_observer(db, &jdb->observer);
    shash_find_and_delete(&svr->dbs, db->schema->name);
    ovsdb_server_remove_db(&svr->up, db);
    free(jdb);

    why = xasprintf("removing %s database", db->schema->name);
    reconnect_unaware(svr, why);
    free(why);
}

static void
jsonrpc_db_observer_commit(struct ovsdb_observer *observer,
                           const struct ovsdb_txn *txn OVS_UNUSED)
{
    struct jsonrpc_db *jdb = CONTAINER_OF(observer, struct jsonrpc_db,
                                          observer);
    jdb->changed = true;
    poll_immediate_wake();
}

/* Writes and commits TXN for its database. */
static struct ovsdb_error *
jsonrpc_db_commit(struct jsonrpc_db *jdb, struct ovsdb_txn *txn)
{
    if (jdb->storage && !ovsdb_txn_is_empty(txn)) {
        struct ovsdb_error *error = jdb->storage->write(jdb->db, txn,
                                                        jdb->aux);
        if (error) {
            ovsdb_txn_abort(txn);
            return error;
        }
        jdb->unsynced = true;
    }
    ovsdb_txn_commit(txn);
    return NULL;
}

static struct ovsdb_error *
trigger_commit_cb(struct ovsdb *db, struct ovsdb_txn *txn,
                  bool durable OVS_UNUSED, void *svr_)
{
    struct ovsdb_jsonrpc_server *svr = svr_;
    struct jsonrpc_db *jdb = jsonrpc_db_of(svr, db);

    if (!jdb) {
        ovsdb_txn_abort(txn);
        return ovsdb_error_create("ovsdb error", "database not served");
    }
    return jsonrpc_db_commit(jdb, txn);
}

struct ovsdb_error *
ovsdb_jsonrpc_server_commit(struct ovsdb_jsonrpc_server *svr,
                            struct ovsdb_txn *txn)
{
    return trigger_commit_cb(ovsdb_txn_get_db(txn), txn, false, svr);
}

/* Remotes. */

/* "punix:", "ptcp:", "pssl:" and the like listen; the rest connect. */
static bool
remote_is_passive(const char *name)
{
    return name[0] == 'p' && strchr(name, ':');
}

static void
jsonrpc_remote_listen(struct jsonrpc_remote *remote)
{
    int error;

    if (!remote_is_passive(remote->name)) {
        return;
    }
    error = jsonrpc_pstream_open(remote->name, &remote->listener,
                                 remote->options.dscp);
    if (error) {
        VLOG_ERR_RL(&rl, "%s: listen failed: %s", remote->name,
                    ovs_strerror(error));
        remote->listener = NULL;
    }
}

static struct jsonrpc_sess *
jsonrpc_sess_create(struct jsonrpc_remote *remote,
                    struct jsonrpc_session *js)
{
    struct jsonrpc_sess *s = xzalloc(sizeof *s);

    ovsdb_session_init(&s->up, &remote->server->up);
    s->remote = remote;
    s->js = js;
    s->seqno = jsonrpc_session_get_seqno(js);
    hmap_init(&s->triggers);
    hmap_init(&s->monitors);
    ovs_list_init(&s->deferred);
    jsonrpc_session_set_max_backoff(js, remote->options.max_backoff);
    jsonrpc_session_set_probe_interval(js, remote->options.probe_interval);
    jsonrpc_session_set_dscp(js, remote->options.dscp);
    ovs_list_push_back(&remote->sessions, &s->node);
    remote->server->n_sessions++;
    return s;
}

static struct jsonrpc_remote *
jsonrpc_remote_create(struct ovsdb_jsonrpc_server *svr, const char *name,
                      const struct ovsdb_jsonrpc_options *options)
{
    struct jsonrpc_remote *remote = xzalloc(sizeof *remote);

    remote->server = svr;
    remote->name = xstrdup(name);
    remote->options = *options;
    ovs_list_init(&remote->sessions);
    jsonrpc_remote_listen(remote);
    if (!remote_is_passive(name)) {
        jsonrpc_sess_create(remote, jsonrpc_session_open(name, true));
    }
    return remote;
}

void
ovsdb_jsonrpc_server_set_remotes(struct ovsdb_jsonrpc_server *svr,
                                 const struct shash *new_remotes)
{
    struct shash_node *node;

    SHASH_FOR_EACH_SAFE (node, &svr->remotes) {
        struct jsonrpc_remote *remote = node->data;
        const struct ovsdb_jsonrpc_options *options
            = shash_find_data(new_remotes, node->name);

        if (!options || options->dscp != remote->options.dscp) {
            VLOG_INFO("%s: remote deconfigured", node->name);
            jsonrpc_remote_destroy(remote);
            shash_delete(&svr->remotes, node);
        } else {
            struct jsonrpc_sess *s;

            remote->options = *options;
            LIST_FOR_EACH (s, node, &remote->sessions) {
                jsonrpc_session_set_max_backoff(s->js, options->max_backoff);
                jsonrpc_session_set_probe_interval(s->js,
                                                   options->probe_interval);
            }
        }
    }
    SHASH_FOR_EACH (node, new_remotes) {
        if (!shash_find(&svr->remotes, node->name)) {
            shash_add(&svr->remotes, node->name,
                      jsonrpc_remote_create(svr, node->name, node->data));
        }
    }
}

void
ovsdb_jsonrpc_server_reconnect(struct ovsdb_jsonrpc_server *svr)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &svr->remotes) {
        struct jsonrpc_remote *remote = node->data;
        struct jsonrpc_sess *s;

        LIST_FOR_EACH (s, node, &remote->sessions) {
            jsonrpc_sess_reset(s);
            jsonrpc_session_force_reconnect(s->js);
        }
    }
}

/* Sessions. */

static void
jsonrpc_sess_notify_lock(struct ovsdb_session *session, const char *method,
                         const char *lock_name)
{
    struct jsonrpc_sess *s = CONTAINER_OF(session, struct jsonrpc_sess, up);
    struct json *params = json_array_create_1(json_string_create(lock_name));

    jsonrpc_sess_defer_msg(s, jsonrpc_create_notify(method, params));
}

/* Removes WAITER and tells the next waiter, if it now owns the lock. */
static void
jsonrpc_sess_release_lock(struct ovsdb_lock_waiter *waiter)
{
    char *lock_name = xstrdup(waiter->lock_name);
    struct ovsdb_session *new_owner = ovsdb_lock_waiter_remove(waiter);

    if (new_owner) {
        jsonrpc_sess_notify_lock(new_owner, "locked", lock_name);
    }
    free(lock_name);
}

/* Forgets everything the session's client set up: monitors, waiting
 * transactions, locks and held messages. */
static void
jsonrpc_sess_reset(struct jsonrpc_sess *s)
{
    struct jsonrpc_trigger *t;
    struct jsonrpc_monitor *jm;
    struct ovsdb_lock_waiter *waiter;
    struct deferred *d;

    HMAP_FOR_EACH_SAFE (t, hmap_node, &s->triggers) {
        jsonrpc_trigger_destroy(t);
    }
    HMAP_FOR_EACH_SAFE (jm, hmap_node, &s->monitors) {
        jsonrpc_monitor_destroy(s, jm);
    }
    HMAP_FOR_EACH_SAFE (waiter, session_node, &s->up.waiters) {
        jsonrpc_sess_release_lock(waiter);
    }
    LIST_FOR_EACH_POP (d, node, &s->deferred) {
        free(d->text);
        json_destroy(d->ready_monitor);
        free(d);
    }
    s->db_change_aware = false;
    free(s->disconnect_why);
    s->disconnect_why = NULL;
}

static void
jsonrpc_sess_destroy(struct jsonrpc_sess *s)
{
    jsonrpc_sess_reset(s);
    ovsdb_session_destroy(&s->up);
    hmap_destroy(&s->triggers);
    hmap_destroy(&s->monitors);
    jsonrpc_session_close(s->js);
    ovs_list_remove(&s->node);
    s->remote->server->n_sessions--;
    free(s);
}

/* Requests. */

static void
reply(struct jsonrpc_sess *s, const struct jsonrpc_msg *request,
      struct json *result)
{
    jsonrpc_sess_defer_msg(s, jsonrpc_create_reply(result, request->id));
}

static void
reply_error(struct jsonrpc_sess *s, const struct jsonrpc_msg *request,
            struct ovsdb_error *error)
{
    jsonrpc_sess_defer_msg(s, jsonrpc_create_error(
                               ovsdb_error_to_json_free(error), request->id));
}

static void
reply_error_string(struct jsonrpc_sess *s, const struct jsonrpc_msg *request,
                   const char *error)
{
    jsonrpc_sess_defer_msg(s, jsonrpc_create_error(json_string_create(error),
                                                   request->id));
}

/* Finds the database that REQUEST's params begin with, or replies with
 * upstream's error and returns NULL. */
static struct jsonrpc_db *
request_db(struct jsonrpc_sess *s, const struct jsonrpc_msg *request)
{
    const struct json_array *params = json_array(request->params);
    const char *method = request->method;
    struct jsonrpc_db *jdb;

    if (!params->n || params->elems[0]->type != JSON_STRING) {
        reply_error(s, request, ovsdb_syntax_error(
                        request->params, NULL,
                        "%s request params must begin with <db-name>",
                        method));
        return NULL;
    }
    jdb = jsonrpc_db_find(s->remote->server, json_string(params->elems[0]));
    if (!jdb) {
        reply_error(s, request, ovsdb_syntax_error(
                        request->params, "unknown database",
                        "%s request specifies unknown database %s",
                        method, json_string(params->elems[0])));
    }
    return jdb;
}

static struct jsonrpc_trigger *
find_trigger(const struct jsonrpc_sess *s, const struct json *id,
             size_t hash)
{
    struct jsonrpc_trigger *t;

    HMAP_FOR_EACH_WITH_HASH (t, hmap_node, hash, &s->triggers) {
        if (json_equal(t->id, id)) {
            return t;
        }
    }
    return NULL;
}

static struct jsonrpc_monitor *
find_monitor(const struct jsonrpc_sess *s, const struct json *id)
{
    struct jsonrpc_monitor *jm;

    HMAP_FOR_EACH_WITH_HASH (jm, hmap_node, json_hash(id, 0), &s->monitors) {
        if (json_equal(ovsdb_monitor_get_id(jm->m), id)) {
            return jm;
        }
    }
    return NULL;
}

/* Runs trigger T; if it is done, queues its reply and frees it. */
static bool
jsonrpc_trigger_try(struct jsonrpc_trigger *t, long long int now)
{
    struct ovsdb_jsonrpc_server *svr = t->s->remote->server;
    struct json *result = ovsdb_trigger_run(&t->trigger, now,
                                            trigger_commit_cb, svr);
    if (result) {
        struct jsonrpc_sess *s = t->s;

        /* Whatever this transaction changed reaches this session's
         * monitors before the reply does. */
        jsonrpc_sess_defer_flush_monitors(s);
        jsonrpc_sess_defer_msg(s, jsonrpc_create_reply(result, t->id));
        jsonrpc_trigger_destroy(t);
        return true;
    }
    return false;
}

static bool
session_holds_lock(const char *name, void *s_)
{
    struct jsonrpc_sess *s = s_;
    struct ovsdb_lock_waiter *waiter
        = ovsdb_session_get_lock_waiter(&s->up, name);

    return waiter && ovsdb_lock_waiter_is_owner(waiter);
}

static void
handle_transact(struct jsonrpc_sess *s, const struct jsonrpc_msg *request)
{
    struct jsonrpc_db *jdb = request_db(s, request);
    struct jsonrpc_trigger *t;
    size_t hash;

    if (!jdb) {
        return;
    }
    hash = json_hash(request->id, 0);
    if (find_trigger(s, request->id, hash)) {
        reply_error(s, request, ovsdb_syntax_error(request->id, NULL,
                                                   "duplicate request ID"));
        return;
    }

    s->last_transact = s->remote->server->round;
    t = xzalloc(sizeof *t);
    ovsdb_trigger_init(&t->trigger, jdb->db, request->params,
                       s->remote->options.read_only, session_holds_lock, s,
                       time_msec());
    t->s = s;
    t->id = json_clone(request->id);
    hmap_insert(&s->triggers, &t->hmap_node, hash);
    ovs_list_push_back(&jdb->triggers, &t->trigger.node);
    jsonrpc_trigger_try(t, time_msec());
}

static void
handle_cancel(struct jsonrpc_sess *s, const struct jsonrpc_msg *notify)
{
    const struct json_array *params = json_array(notify->params);
    struct jsonrpc_trigger *t;

    if (params->n != 1) {
        return;
    }
    t = find_trigger(s, params->elems[0], json_hash(params->elems[0], 0));
    if (t) {
        /* Upstream's server forgets the request without answering it. */
        jsonrpc_trigger_destroy(t);
    }
}

static void
handle_monitor(struct jsonrpc_sess *s, const struct jsonrpc_msg *request,
               enum ovsdb_monitor_version version)
{
    struct jsonrpc_db *jdb = request_db(s, request);
    const struct json_array *params;
    struct ovsdb_monitor *m;
    struct ovsdb_error *error;
    struct jsonrpc_monitor *jm;
    struct ds text = DS_EMPTY_INITIALIZER;
    struct deferred *d;
    const struct json *id;

    if (!jdb) {
        return;
    }
    params = json_array(request->params);
    if (params->n != (version == OVSDB_MONITOR_V3 ? 4 : 3)
        && !(version != OVSDB_MONITOR_V3 && params->n == 4)) {
        reply_error(s, request, ovsdb_syntax_error(
                        request->params, NULL,
                        "%s request params must be [<db-name>, "
                        "<json-value>, <monitor-requests>%s]",
                        request->method,
                        version == OVSDB_MONITOR_V3 ? ", <last-txn-id>"
                                                    : ""));
        return;
    }
    id = params->elems[1];
    if (find_monitor(s, id)) {
        reply_error(s, request, ovsdb_syntax_error(id, NULL,
                                                   "duplicate monitor ID"));
        return;
    }

    if (version == OVSDB_MONITOR_V3) {
        ds_put_cstr(&text, "[false,\"00000000-0000-0000-0000-000000000000\",");
    }
    error = ovsdb_monitor_create(jdb->db, version, id, params->elems[2],
                                 &m, &text);
    if (error) {
        ds_destroy(&text);
        reply_error(s, request, error);
        return;
    }
    if (version == OVSDB_MONITOR_V3) {
        ds_put_char(&text, ']');
    }

    jm = xzalloc(sizeof *jm);
    jm->m = m;
    hmap_insert(&s->monitors, &jm->hmap_node, json_hash(id, 0));

    /* The reply, {"id":ID,"result":TEXT,"error":null}, is composed as
     * text so that the initial contents are serialized once for every
     * client that asks the same. */
    {
        struct ds msg = DS_EMPTY_INITIALIZER;

        ds_put_cstr(&msg, "{\"id\":");
        json_to_ds(request->id, 0, &msg);
        ds_put_cstr(&msg, ",\"result\":");
        ds_put_buffer(&msg, text.string, text.length);
        ds_put_cstr(&msg, ",\"error\":null}");
        jsonrpc_sess_defer_text(s, &msg);
    }
    ds_destroy(&text);
    d = CONTAINER_OF(ovs_list_back(&s->deferred), struct deferred, node);
    d->ready_monitor = json_clone(id);
}

static void
handle_monitor_cond_change(struct jsonrpc_sess *s,
                           const struct jsonrpc_msg *request)
{
    const struct json_array *params = json_array(request->params);
    struct jsonrpc_monitor *jm, *other;
    struct ovsdb_error *error;
    struct ds text = DS_EMPTY_INITIALIZER;

    if (params->n != 3) {
        reply_error(s, request, ovsdb_syntax_error(
                        request->params, NULL, "invalid parameters"));
        return;
    }
    jm = find_monitor(s, params->elems[0]);
    if (!jm) {
        reply_error(s, request, ovsdb_syntax_error(
                        params->elems[0], NULL, "unknown monitor session"));
        return;
    }
    if (ovsdb_monitor_get_version(jm->m) == OVSDB_MONITOR_V1) {
        reply_error(s, request, ovsdb_syntax_error(
                        request->params, NULL,
                        "monitor_cond_change is not supported for this "
                        "monitor"));
        return;
    }
    other = find_monitor(s, params->elems[1]);
    if (other && other != jm) {
        reply_error(s, request, ovsdb_syntax_error(
                        params->elems[1], NULL, "duplicate monitor ID"));
        return;
    }

    /* Pending updates go out under the old id first, then the rows that
     * the new conditions add or remove. */
    error = ovsdb_monitor_cond_change(jm->m, params->elems[1],
                                      params->elems[2], &text);
    if (error) {
        ds_destroy(&text);
        reply_error(s, request, error);
        return;
    }
    hmap_remove(&s->monitors, &jm->hmap_node);
    hmap_insert(&s->monitors, &jm->hmap_node,
                json_hash(params->elems[1], 0));
    if (text.length) {
        jsonrpc_sess_defer_text(s, &text);
    }
    ds_destroy(&text);
    reply(s, request, json_object_create());
}

static void
handle_monitor_cancel(struct jsonrpc_sess *s,
                      const struct jsonrpc_msg *request)
{
    const struct json_array *params = json_array(request->params);
    struct jsonrpc_monitor *jm;

    if (params->n != 1) {
        reply_error_string(s, request, "invalid parameters");
        return;
    }
    jm = find_monitor(s, params->elems[0]);
    if (!jm) {
        reply_error_string(s, request, "unknown monitor");
        return;
    }
    /* Changes already committed reach the client before the reply. */
    jsonrpc_sess_defer_flush_monitors(s);
    jsonrpc_monitor_destroy(s, jm);
    reply(s, request, json_object_create());
}

/* "lock", "steal" and "unlock" take one string, the lock's name. */
static const char *
lock_name_param(struct jsonrpc_sess *s, const struct jsonrpc_msg *request)
{
    const struct json_array *params = json_array(request->params);

    if (params->n != 1 || params->elems[0]->type != JSON_STRING) {
        reply_error(s, request, ovsdb_syntax_error(
                        request->params, NULL,
                        "%s request params must be <id>", request->method));
        return NULL;
    }
    return json_string(params->elems[0]);
}

static void
handle_lock(struct jsonrpc_sess *s, const struct jsonrpc_msg *request,
            enum ovsdb_lock_mode mode)
{
    const char *name = lock_name_param(s, request);
    struct ovsdb_lock_waiter *waiter;
    struct ovsdb_session *victim;
    struct json *result;

    if (!name) {
        return;
    }
    if (ovsdb_session_get_lock_waiter(&s->up, name)) {
        reply_error(s, request, ovsdb_syntax_error(
                        request->params, NULL,
                        "must issue \"unlock\" before new \"%s\"",
                        request->method));
        return;
    }

    waiter = ovsdb_server_lock(&s->remote->server->up, &s->up, name, mode,
                               &victim);
    if (victim) {
        jsonrpc_sess_notify_lock(victim, "stolen", name);
    }
    result = json_object_create();
    json_object_put(result, "locked",
                    json_boolean_create(ovsdb_lock_waiter_is_owner(waiter)));
    reply(s, request, result);
}

static void
handle_unlock(struct jsonrpc_sess *s, const struct jsonrpc_msg *request)
{
    const char *name = lock_name_param(s, request);
    struct ovsdb_lock_waiter *waiter;

    if (!name) {
        return;
    }
    waiter = ovsdb_session_get_lock_waiter(&s->up, name);
    if (!waiter) {
        reply_error(s, request, ovsdb_syntax_error(
                        request->params, NULL,
                        "unlock: \"unlock\" without \"lock\" or "
                        "\"steal\""));
        return;
    }
    jsonrpc_sess_release_lock(waiter);
    reply(s, request, json_object_create());
}

static void
handle_convert(struct jsonrpc_sess *s, const struct jsonrpc_msg *request)
{
    struct ovsdb_jsonrpc_server *svr = s->remote->server;
    struct jsonrpc_db *jdb = request_db(s, request);
    const struct json_array *params;
    struct ovsdb_schema *schema = NULL;
    struct ovsdb *old_db, *new_db = NULL;
    struct ovsdb_error *error;
    char *why;

    if (!jdb) {
        return;
    }
    params = json_array(request->params);
    if (params->n != 2) {
        reply_error(s, request, ovsdb_syntax_error(request->params, NULL,
                                                   "array expected"));
        return;
    }

    old_db = jdb->db;
    error = ovsdb_schema_from_json(params->elems[1], &schema);
    if (!error && strcmp(schema->name, old_db->schema->name)) {
        error = ovsdb_error_create("invalid parameters",
                                   "new schema name (%s) does not match "
                                   "database name (%s)",
                                   schema->name, old_db->schema->name);
    }
    if (!error && (!jdb->storage || !jdb->storage->convert
                   || old_db->schema->name[0] == '_')) {
        error = ovsdb_error_create("not allowed", "convert operation not "
                                   "allowed on reserved database %s",
                                   old_db->schema->name);
    }
    if (!error && s->remote->options.read_only) {
        error = ovsdb_error_create("not allowed", "convert operation not "
                                   "allowed when database server is in "
                                   "read only mode");
    }
    if (!error) {
        error = ovsdb_convert(old_db, schema, &new_db);
    }
    if (!error) {
        error = jdb->storage->convert(old_db, new_db, jdb->aux);
        if (error) {
            ovsdb_destroy(new_db);
        }
    }
    if (schema) {
        ovsdb_schema_destroy(schema);
    }
    if (error) {
        reply_error(s, request, error);
        return;
    }

    /* The new database is durable: serve it instead of the old one. */
    reply(s, request, json_object_create());
    cancel_db_clients(svr, old_db);
    ovsdb_remove_observer(old_db, &jdb->observer);
    ovsdb_server_remove_db(&svr->up, old_db);
    jdb->db = new_db;
    jdb->changed = false;
    ovsdb_add_observer(new_db, &jdb->observer);
    ovsdb_server_add_db(&svr->up, new_db);
    jdb->storage->replace(old_db, new_db, jdb->aux);

    why = xasprintf("committed %s database schema conversion",
                    new_db->schema->name);
    reconnect_unaware(svr, why);
    free(why);
}

static void
handle_request(struct jsonrpc_sess *s, const struct jsonrpc_msg *request)
{
    struct ovsdb_jsonrpc_server *svr = s->remote->server;
    const struct json_array *params = json_array(request->params);
    const char *method = request->method;

    if (!strcmp(method, "transact")) {
        handle_transact(s, request);
    } else if (!strcmp(method, "monitor")) {
        handle_monitor(s, request, OVSDB_MONITOR_V1);
    } else if (!strcmp(method, "monitor_cond")) {
        handle_monitor(s, request, OVSDB_MONITOR_V2);
    } else if (!strcmp(method, "monitor_cond_since")) {
        handle_monitor(s, request, OVSDB_MONITOR_V3);
    } else if (!strcmp(method, "monitor_cond_change")) {
        handle_monitor_cond_change(s, request);
    } else if (!strcmp(method, "monitor_cancel")) {
        handle_monitor_cancel(s, request);
    } else if (!strcmp(method, "get_schema")) {
        struct jsonrpc_db *jdb = request_db(s, request);

        if (jdb) {
            reply(s, request, ovsdb_schema_to_json(jdb->db->schema));
        }
    } else if (!strcmp(method, "list_dbs")) {
        const struct shash_node **nodes = shash_sort(&svr->dbs);
        struct json *names = json_array_create_empty();
        size_t i;

        for (i = 0; i < shash_count(&svr->dbs); i++) {
            json_array_add(names, json_string_create(nodes[i]->name));
        }
        free(nodes);
        reply(s, request, names);
    } else if (!strcmp(method, "get_server_id")) {
        reply(s, request, json_string_create_format(
                  UUID_FMT, UUID_ARGS(&svr->up.uuid)));
    } else if (!strcmp(method, "set_db_change_aware")) {
        if (params->n == 1 && (params->elems[0]->type == JSON_TRUE
                               || params->elems[0]->type == JSON_FALSE)) {
            s->db_change_aware = json_boolean(params->elems[0]);
            reply(s, request, json_object_create());
        } else {
            reply_error(s, request, ovsdb_syntax_error(
                            request->params, NULL,
                            "set_db_change_aware: true or false parameter "
                            "expected"));
        }
    } else if (!strcmp(method, "lock")) {
        handle_lock(s, request, OVSDB_LOCK_WAIT);
    } else if (!strcmp(method, "steal")) {
        handle_lock(s, request, OVSDB_LOCK_STEAL);
    } else if (!strcmp(method, "unlock")) {
        handle_unlock(s, request);
    } else if (!strcmp(method, "echo")) {
        reply(s, request, json_clone(request->params));
    } else if (!strcmp(method, "convert")) {
        handle_convert(s, request);
    } else {
        reply_error_string(s, request, "unknown method");
    }
}

/* Handles MSG; returns false if the session must stop reading. */
static bool
handle_msg(struct jsonrpc_sess *s, struct jsonrpc_msg *msg)
{
    switch (msg->type) {
    case JSONRPC_REQUEST:
        handle_request(s, msg);
        return true;

    case JSONRPC_NOTIFY:
        if (!strcmp(msg->method, "cancel")) {
            handle_cancel(s, msg);
        }
        return true;

    case JSONRPC_REPLY:
    case JSONRPC_ERROR:
    default:
        VLOG_WARN_RL(&rl, "%s: received unexpected %s message",
                     jsonrpc_session_get_name(s->js),
                     jsonrpc_msg_type_to_string(msg->type));
        jsonrpc_sess_reset(s);
        jsonrpc_session_force_reconnect(s->js);
        return false;
    }
}

/* Sending what the round produced. */

static void
jsonrpc_sess_send(struct jsonrpc_sess *s, char *text, size_t n)
{
    jsonrpc_session_send_text(s->js, text, n);
}

static void
jsonrpc_sess_flush_monitors(struct jsonrpc_sess *s)
{
    struct jsonrpc_monitor *jm;

    HMAP_FOR_EACH (jm, hmap_node, &s->monitors) {
        if (jm->ready) {
            struct ds out = DS_EMPTY_INITIALIZER;

            if (ovsdb_monitor_compose_update(jm->m, &out)) {
                size_t n = out.length;

                jsonrpc_sess_send(s, ds_steal_cstr(&out), n);
            }
            ds_destroy(&out);
        }
    }
}

static void
jsonrpc_sess_flush(struct jsonrpc_sess *s)
{
    bool had_deferred = !ovs_list_is_empty(&s->deferred);
    struct deferred *d;

    LIST_FOR_EACH_POP (d, node, &s->deferred) {
        if (d->flush_monitors) {
            jsonrpc_sess_flush_monitors(s);
        } else {
            jsonrpc_sess_send(s, d->text, d->n);
            d->text = NULL;
        }
        if (d->ready_monitor) {
            struct jsonrpc_monitor *jm = find_monitor(s, d->ready_monitor);

            if (jm) {
                jm->ready = true;
            }
            json_destroy(d->ready_monitor);
        }
        free(d->text);
        free(d);
    }
    if (had_deferred || !jsonrpc_session_get_backlog(s->js)) {
        jsonrpc_sess_flush_monitors(s);
    }
}

/* Main loop. */

static void
jsonrpc_sess_run(struct jsonrpc_sess *s)
{
    int i;

    jsonrpc_session_run(s->js);
    if (jsonrpc_session_get_seqno(s->js) != s->seqno) {
        s->seqno = jsonrpc_session_get_seqno(s->js);
        jsonrpc_sess_reset(s);
    }
    for (i = 0; i < MAX_MSGS_PER_ROUND; i++) {
        struct jsonrpc_msg *msg;

        if (!jsonrpc_session_is_connected(s->js)
            || jsonrpc_session_get_backlog(s->js) || s->disconnect_why) {
            break;
        }
        msg = jsonrpc_session_recv(s->js);
        if (!msg) {
            break;
        }
        if (!handle_msg(s, msg)) {
            jsonrpc_msg_destroy(msg);
            break;
        }
        jsonrpc_msg_destroy(msg);
    }
}

/* Runs waiting transactions of databases that changed, and those whose
 * time ran out, until nothing more changes. */
static void
run_triggers(struct ovsdb_jsonrpc_server *svr)
{
    long long int now = time_msec();
    bool again;

    do {
        struct shash_node *node;

        again = false;
        SHASH_FOR_EACH (node, &svr->dbs) {
            struct jsonrpc_db *jdb = node->data;
            bool changed = jdb->changed;
            struct ovsdb_trigger *tr;

            jdb->changed = false;
            LIST_FOR_EACH_SAFE (tr, node, &jdb->triggers) {
                struct jsonrpc_trigger *t
                    = CONTAINER_OF(tr, struct jsonrpc_trigger, trigger);

                if ((changed || now >= tr->deadline)
                    && jsonrpc_trigger_try(t, now) && jdb->changed) {
                    again = true;
                }
            }
            if (jdb->changed) {
                again = true;
            }
        }
    } while (again);
}

/* Returns true if some database has commits waiting for the sync. */
static bool
any_unsynced(const struct ovsdb_jsonrpc_server *svr)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &svr->dbs) {
        const struct jsonrpc_db *jdb = node->data;

        if (jdb->unsynced) {
            return true;
        }
    }
    return false;
}

/* Before a sync, reads once more from the sessions that sent transactions
 * lately the requests that arrived while this round ran (for a busy
 * server, those of the other clients), so that they join the sync about
 * to happen instead of waiting a whole sync for the next one: each sync
 * then acknowledges more commits.  Only when a sync is going to happen
 * anyway, and not from idle sessions (such as monitors), whose reads would
 * only cost system calls. */
static void
gather_commits(struct ovsdb_jsonrpc_server *svr)
{
    struct shash_node *node;

    if (!any_unsynced(svr)) {
        return;
    }
    /* The last poll found these sessions without input; look again. */
    poll_forget_readiness();
    SHASH_FOR_EACH (node, &svr->remotes) {
        struct jsonrpc_remote *remote = node->data;
        struct jsonrpc_sess *s;

        LIST_FOR_EACH (s, node, &remote->sessions) {
            if (svr->round - s->last_transact <= 16) {
                jsonrpc_sess_run(s);
            }
        }
    }
    run_triggers(svr);
}

static void
sync_dbs(struct ovsdb_jsonrpc_server *svr)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &svr->dbs) {
        struct jsonrpc_db *jdb = node->data;

        if (jdb->unsynced) {
            struct ovsdb_error *error = jdb->storage->sync(jdb->db,
                                                           jdb->aux);
            if (error) {
                char *s = ovsdb_error_to_string_free(error);

                /* The replies held for this round would acknowledge
                 * transactions that are not on disk, and they cannot be
                 * taken back out of memory: stop before answering, so that
                 * a restart serves what the file really holds. */
                VLOG_EMER("%s: sync failed: %s", node->name, s);
                ovs_fatal(0, "%s: sync failed: %s", node->name, s);
            }
            jdb->unsynced = false;
        }
    }
}

void
ovsdb_jsonrpc_server_run(struct ovsdb_jsonrpc_server *svr)
{
    struct shash_node *node;

    svr->round++;

    SHASH_FOR_EACH (node, &svr->remotes) {
        struct jsonrpc_remote *remote = node->data;
        struct jsonrpc_sess *s;

        /* Serve the sessions there are before accepting new ones, so that
         * a burst of connections (say, 100 monitors starting) does not
         * delay the clients already connected. */
        LIST_FOR_EACH (s, node, &remote->sessions) {
            jsonrpc_sess_run(s);
        }
        if (remote->listener) {
            int i;

            for (i = 0; i < 50; i++) {
                struct stream *stream;
                int error = pstream_accept(remote->listener, &stream);

                if (error) {
                    if (error != EAGAIN) {
                        VLOG_WARN_RL(&rl, "%s: accept failed: %s",
                                     remote->name, ovs_strerror(error));
                    }
                    break;
                }
                jsonrpc_sess_create(remote, jsonrpc_session_open_unreliably(
                                        jsonrpc_open(stream),
                                        remote->options.dscp));
            }
        }
    }

    run_triggers(svr);
    gather_commits(svr);
    sync_dbs(svr);

    SHASH_FOR_EACH (node, &svr->remotes) {
        struct jsonrpc_remote *remote = node->data;
        struct jsonrpc_sess *s;

        LIST_FOR_EACH_SAFE (s, node, &remote->sessions) {
            jsonrpc_sess_flush(s);
            jsonrpc_session_run(s->js);
            jsonrpc_sess_disconnect_if_due(s);
            if (!jsonrpc_session_is_alive(s->js)) {
                jsonrpc_sess_destroy(s);
            }
        }
    }
}

void
ovsdb_jsonrpc_server_wait(struct ovsdb_jsonrpc_server *svr)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &svr->remotes) {
        struct jsonrpc_remote *remote = node->data;
        struct jsonrpc_sess *s;

        if (remote->listener) {
            pstream_wait(remote->listener);
        }
        LIST_FOR_EACH (s, node, &remote->sessions) {
            struct jsonrpc_monitor *jm;

            jsonrpc_session_wait(s->js);
            if (s->disconnect_why && !jsonrpc_session_get_backlog(s->js)) {
                poll_immediate_wake();
            }
            if (!jsonrpc_session_get_backlog(s->js)) {
                jsonrpc_session_recv_wait(s->js);
                HMAP_FOR_EACH (jm, hmap_node, &s->monitors) {
                    if (ovsdb_monitor_has_update(jm->m)) {
                        poll_immediate_wake();
                    }
                }
            }
        }
    }
    SHASH_FOR_EACH (node, &svr->dbs) {
        struct jsonrpc_db *jdb = node->data;
        struct ovsdb_trigger *tr;

        LIST_FOR_EACH (tr, node, &jdb->triggers) {
            if (tr->deadline != LLONG_MAX) {
                poll_timer_wait_until(tr->deadline);
            }
        }
    }
}

const struct uuid *
ovsdb_jsonrpc_server_get_uuid(const struct ovsdb_jsonrpc_server *svr)
{
    return &svr->up.uuid;
}

void
ovsdb_jsonrpc_server_get_memory_usage(const struct ovsdb_jsonrpc_server *svr,
                                      unsigned int *n_sessions,
                                      unsigned int *n_monitors)
{
    *n_sessions = svr->n_sessions;
    *n_monitors = ovsdb_monitor_count();
}
