/* execution-stub.c: stands in for ovsdb/execution.c until that lands, so
 * that ovsdb-server links; every "transact" fails.  Delete on merge. */
#include <config.h>
#include "execution.h"

#include "json.h"
#include "ovsdb-error.h"

struct json *
ovsdb_execute(struct ovsdb *db, const struct json *params, bool read_only,
              long long int elapsed_msec, long long int *timeout_msec,
              struct ovsdb_txn **txnp, bool *durablep)
{
    struct json *results = json_array_create_empty();

    (void) db;
    (void) params;
    (void) read_only;
    (void) elapsed_msec;
    (void) timeout_msec;
    *txnp = NULL;
    *durablep = false;
    json_array_add(results, ovsdb_error_to_json_free(ovsdb_error_create(
                       "not supported", "transactions are not built in "
                       "yet")));
    return results;
}
