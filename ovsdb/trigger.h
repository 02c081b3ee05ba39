/* trigger.h: "transact" requests that may have to wait.
 *
 * A trigger is one "transact" request on one database.  Running it
 * executes the request (execution.h).  If a "wait" operation's condition
 * is not met yet, the request waits: the caller keeps the trigger and runs
 * it again after each commit to the database, and once its deadline
 * (ovsdb_trigger_get_deadline()) passes, when the execution answers "timed
 * out".  Otherwise the trigger is done: a transaction that changed
 * something is handed to the caller's COMMIT function, which makes it
 * durable and commits it (or aborts it and returns the error, which is
 * appended to the result as upstream does), and the result is returned.
 *
 * Memory: a trigger owns its copy of the request's params; results are
 * the caller's.  Not thread-safe. */
#ifndef OVSDB_TRIGGER_H
#define OVSDB_TRIGGER_H 1

#include <stdbool.h>
#include "execution.h"
#include "list.h"

struct json;
struct ovsdb;
struct ovsdb_txn;

/* Writes TXN (precommitted, on DB) to storage and then commits it with
 * ovsdb_txn_commit(), returning NULL; or aborts it and returns the
 * error. */
typedef struct ovsdb_error *ovsdb_trigger_commit_func(struct ovsdb *db,
                                                      struct ovsdb_txn *txn,
                                                      bool durable,
                                                      void *aux);

struct ovsdb_trigger {
    struct ovs_list node;       /* For the owner's use. */
    struct ovsdb *db;
    struct json *params;        /* The request's params (owned). */
    bool read_only;
    ovsdb_execute_lock_cb *lock_held; /* For "assert" (may be NULL). */
    void *lock_aux;
    long long int created;      /* time_msec() when received. */
    long long int deadline;     /* Run again by then; LLONG_MAX: never. */
};

/* Initializes TRIGGER for PARAMS (a reference is taken).  LOCK_HELD and
 * LOCK_AUX answer "assert" operations (see execution.h). */
void ovsdb_trigger_init(struct ovsdb_trigger *, struct ovsdb *,
                        const struct json *params, bool read_only,
                        ovsdb_execute_lock_cb *lock_held, void *lock_aux,
                        long long int now);
void ovsdb_trigger_destroy(struct ovsdb_trigger *);

/* Runs TRIGGER at NOW.  Returns NULL if it must wait longer, otherwise
 * the "result" of the request (the caller's). */
struct json *ovsdb_trigger_run(struct ovsdb_trigger *, long long int now,
                               ovsdb_trigger_commit_func *, void *aux);

#endif /* ovsdb/trigger.h */
