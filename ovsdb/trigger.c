/* trigger.c: running "transact" requests, waiting when they must. */
#include <config.h>
#include "trigger.h"

#include <limits.h>
#include "execution.h"
#include "json.h"
#include "ovsdb-error.h"
#include "transaction.h"
#include "util.h"

void
ovsdb_trigger_init(struct ovsdb_trigger *t, struct ovsdb *db,
                   const struct json *params, bool read_only,
                   ovsdb_execute_lock_cb *lock_held, void *lock_aux,
                   long long int now)
{
    t->db = db;
    t->params = json_clone(params);
    t->read_only = read_only;
    t->lock_held = lock_held;
    t->lock_aux = lock_aux;
    t->created = now;
    t->deadline = LLONG_MAX;
}

void
ovsdb_trigger_destroy(struct ovsdb_trigger *t)
{
    json_destroy(t->params);
}

struct json *
ovsdb_trigger_run(struct ovsdb_trigger *t, long long int now,
                  ovsdb_trigger_commit_func *commit, void *aux)
{
    long long int timeout = LLONG_MAX;
    struct ovsdb_txn *txn = NULL;
    bool durable = false;
    struct json *result;

    result = ovsdb_execute(t->db, t->params, t->read_only, t->lock_held,
                           t->lock_aux, now - t->created, &timeout, &txn,
                           &durable);
    if (!result) {
        t->deadline = (timeout == LLONG_MAX || timeout > LLONG_MAX - now
                       ? LLONG_MAX : now + timeout);
        return NULL;
    }
    if (txn) {
        struct ovsdb_error *error = commit(t->db, txn, durable, aux);

        if (error) {
            json_array_add(result, ovsdb_error_to_json(error));
            ovsdb_error_destroy(error);
        }
    }
    return result;
}
