/* ovsdb-idl.c: the OVSDB client replica and its transactions (see
 * ovsdb-idl.h for the contract and ovsdb-idl-provider.h for rows). */
#include <config.h>

#include "ovsdb-idl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "bitmap.h"
#include "dynamic-string.h"
#include "hash.h"
#include "json.h"
#include "jsonrpc.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-idl-provider.h"
#include "poll-loop.h"
#include "shash.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_idl);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* A reference from one row to another. */
struct ovsdb_idl_arc {
    struct ovs_list src_node;   /* In src->src_arcs. */
    struct ovs_list dst_node;   /* In dst->dst_arcs. */
    struct ovsdb_idl_row *src;
    struct ovsdb_idl_row *dst;
};

/* Partial updates of one map or set column of a row: what to delete (a
 * set of keys) and then insert (a map, or a set). */
struct ovsdb_idl_partial {
    bool used;
    struct ovsdb_datum del;
    struct ovsdb_datum ins;
};

struct ovsdb_idl_clause {
    enum ovsdb_idl_function function;
    const struct ovsdb_idl_column *column; /* NULL for "true". */
    struct ovsdb_datum arg;
};

/* Where the IDL is in its conversation with the server. */
enum idl_state {
    IDL_S_IDLE,                 /* Not connected (or given up). */
    IDL_S_SCHEMA_REQUESTED,     /* Sent "get_schema". */
    IDL_S_MONITOR_REQUESTED,    /* Sent a monitor request. */
    IDL_S_MONITORING            /* Replica complete; updates flow. */
};

/* Monitor methods, from best to oldest. */
enum idl_method {
    IDL_M_COND_SINCE,           /* monitor_cond_since / update3. */
    IDL_M_COND,                 /* monitor_cond / update2. */
    IDL_M_PLAIN                 /* monitor / update. */
};

static const char *const method_names[] = {
    "monitor_cond_since", "monitor_cond", "monitor"
};

struct ovsdb_idl {
    const struct ovsdb_idl_class *class_;
    struct ovsdb_idl_table *tables; /* One per table class. */
    struct shash table_by_name; /* Name -> struct ovsdb_idl_table *. */
    struct jsonrpc_session *session;
    unsigned int session_seqno; /* Session seqno we last acted on. */
    enum idl_state state;
    enum idl_method method;
    struct json *request_id;    /* Outstanding get_schema or monitor. */
    struct json *monitor_id;    /* ["monid", database]. */
    struct uuid last_id;        /* Last transaction id seen (update3). */
    unsigned int change_seqno;
    bool has_ever_connected;
    int last_error;

    /* Conditions. */
    unsigned int cond_seqno;    /* Condition changes acknowledged. */
    bool cond_unsent;           /* Some table's condition is unsent. */
    struct json *cond_request_id; /* Outstanding monitor_cond_change. */

    /* Lock. */
    char *lock_name;
    bool has_lock;
    bool is_lock_contended;
    struct json *lock_request_id;

    /* Transactions. */
    struct ovsdb_idl_txn *txn;  /* The open (uncommitted) one, or NULL. */
    struct ovs_list outstanding_txns; /* Committed, awaiting reply. */

    struct ovs_list gc_list;    /* Rows that may be orphans. */
    bool verify_write_only;
    struct ovs_list indexes;    /* Contains struct ovsdb_idl_index. */
};

struct ovsdb_idl_index {
    struct ovs_list node;       /* In idl->indexes. */
    struct ovsdb_idl_table *table;
    struct ovsdb_idl_index_column *columns;
    size_t n_columns;
    const struct ovsdb_idl_row **rows; /* Visible rows, sorted. */
    size_t n_rows;
    unsigned long long int generation; /* Table generation 'rows' had. */
    bool built;
};

/* A row inserted by a transaction. */
struct txn_insert {
    struct hmap_node node;      /* In txn->inserted, by temporary uuid. */
    struct uuid dummy;          /* The temporary uuid. */
    size_t op_index;            /* Index of its "insert" operation. */
    bool have_real;
    struct uuid real;           /* The uuid the server gave it. */
};

struct ovsdb_idl_txn {
    struct ovsdb_idl *idl;
    struct ovs_list rows;       /* Rows touched (their 'txn_node'). */
    struct ovs_list outstanding_node; /* In idl->outstanding_txns. */
    enum ovsdb_idl_txn_status status;
    char *error;
    bool dry_run;
    struct ds comment;
    struct json *request_id;
    struct hmap inserted;       /* Contains struct txn_insert. */

    /* Increment. */
    bool inc;
    bool inc_force;
    const struct ovsdb_idl_table_class *inc_table;
    const struct ovsdb_idl_column *inc_column;
    struct uuid inc_row;
    size_t inc_index;           /* Index of the "select" operation. */
    int64_t inc_new_value;
    size_t abort_index;         /* Index of the "abort" operation. */
};

static void idl_restart(struct ovsdb_idl *);
static void idl_process_msg(struct ovsdb_idl *, struct jsonrpc_msg *);
static void idl_gc(struct ovsdb_idl *);
static void row_reparse(struct ovsdb_idl_row *);
static void row_reparse_srcs(struct ovsdb_idl_row *);
static void row_destroy_src_arcs(struct ovsdb_idl_row *);
static bool row_is_visible(const struct ovsdb_idl_row *);
static void txn_disassemble(struct ovsdb_idl_txn *);
static void txn_complete(struct ovsdb_idl_txn *, enum ovsdb_idl_txn_status);
static void txn_abort_all(struct ovsdb_idl *);
static void send_lock_request(struct ovsdb_idl *);

/* Small helpers. */

static size_t
column_index(const struct ovsdb_idl_table *table,
             const struct ovsdb_idl_column *column)
{
    ovs_assert(column >= table->class_->columns
               && column < table->class_->columns
                           + table->class_->n_columns);
    return column - table->class_->columns;
}

static struct ovsdb_idl_table *
idl_table_from_class(const struct ovsdb_idl *idl,
                     const struct ovsdb_idl_table_class *tc)
{
    ovs_assert(tc >= idl->class_->tables
               && tc < idl->class_->tables + idl->class_->n_tables);
    return &idl->tables[tc - idl->class_->tables];
}

static struct ovsdb_idl_table *
idl_table_from_column(const struct ovsdb_idl *idl,
                      const struct ovsdb_idl_column *column)
{
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        const struct ovsdb_idl_table_class *tc = &idl->class_->tables[i];
        if (column >= tc->columns && column < tc->columns + tc->n_columns) {
            return &idl->tables[i];
        }
    }
    OVS_NOT_REACHED();
}

static struct ovsdb_datum *
datums_default(const struct ovsdb_idl_table *table)
{
    const struct ovsdb_idl_table_class *tc = table->class_;
    struct ovsdb_datum *d = xmalloc((tc->n_columns + 1) * sizeof *d);

    for (size_t i = 0; i < tc->n_columns; i++) {
        ovsdb_datum_init_default(&d[i], &tc->columns[i].type);
    }
    return d;
}

static struct ovsdb_datum *
datums_clone(const struct ovsdb_idl_table *table,
             const struct ovsdb_datum *src)
{
    const struct ovsdb_idl_table_class *tc = table->class_;
    struct ovsdb_datum *d = xmalloc((tc->n_columns + 1) * sizeof *d);

    for (size_t i = 0; i < tc->n_columns; i++) {
        ovsdb_datum_clone(&d[i], &src[i], &tc->columns[i].type);
    }
    return d;
}

static void
datums_destroy(const struct ovsdb_idl_table *table, struct ovsdb_datum *d)
{
    if (d) {
        const struct ovsdb_idl_table_class *tc = table->class_;
        for (size_t i = 0; i < tc->n_columns; i++) {
            ovsdb_datum_destroy(&d[i], &tc->columns[i].type);
        }
        free(d);
    }
}

/* A set type with TYPE's key type and any number of elements. */
static struct ovsdb_type
key_set_type(const struct ovsdb_type *type)
{
    struct ovsdb_type t;

    memset(&t, 0, sizeof t);
    ovsdb_base_type_get_unconstrained(&t.key, &type->key);
    t.value.type = OVSDB_TYPE_VOID;
    t.n_min = 0;
    t.n_max = UINT_MAX;
    return t;
}

/* TYPE without limits on the number of elements. */
static struct ovsdb_type
unlimited_type(const struct ovsdb_type *type)
{
    struct ovsdb_type t;

    memset(&t, 0, sizeof t);
    ovsdb_base_type_get_unconstrained(&t.key, &type->key);
    if (type->value.type != OVSDB_TYPE_VOID) {
        ovsdb_base_type_get_unconstrained(&t.value, &type->value);
    } else {
        t.value.type = OVSDB_TYPE_VOID;
    }
    t.n_min = 0;
    t.n_max = UINT_MAX;
    return t;
}

static void
unlimited_type_destroy(struct ovsdb_type *t)
{
    ovsdb_base_type_destroy(&t->key);
    ovsdb_base_type_destroy(&t->value);
}

static struct json *
uuid_clause(const struct uuid *uuid)
{
    return json_array_create_1(json_array_create_3(
        json_string_create("_uuid"), json_string_create("=="),
        json_array_create_2(json_string_create("uuid"),
                            json_string_create_nocopy(
                                uuid_to_string(uuid)))));
}

/* Creating and destroying. */

struct ovsdb_idl *
ovsdb_idl_create_unconnected(const struct ovsdb_idl_class *class,
                             bool monitor_everything_by_default)
{
    struct ovsdb_idl *idl = xzalloc(sizeof *idl);
    unsigned char default_mode = (monitor_everything_by_default
                                  ? OVSDB_IDL_MONITOR | OVSDB_IDL_ALERT
                                  : 0);

    idl->class_ = class;
    idl->tables = xcalloc(class->n_tables + 1, sizeof *idl->tables);
    shash_init(&idl->table_by_name);
    for (size_t i = 0; i < class->n_tables; i++) {
        const struct ovsdb_idl_table_class *tc = &class->tables[i];
        struct ovsdb_idl_table *table = &idl->tables[i];

        table->class_ = tc;
        table->idl = idl;
        table->modes = xmalloc(tc->n_columns + 1);
        memset(table->modes, default_mode, tc->n_columns + 1);
        table->need_table = false;
        table->in_server_schema = true;
        table->server_has_column = xcalloc(tc->n_columns + 1,
                                           sizeof *table->server_has_column);
        for (size_t j = 0; j < tc->n_columns; j++) {
            table->server_has_column[j] = true;
        }
        hmap_init(&table->rows);
        ovs_list_init(&table->track_list);
        table->condition = NULL;
        table->cond_changed = false;
        shash_add(&idl->table_by_name, tc->name, table);
    }
    idl->state = IDL_S_IDLE;
    idl->method = IDL_M_COND_SINCE;
    idl->monitor_id = json_array_create_2(json_string_create("monid"),
                                          json_string_create(
                                              class->database));
    uuid_zero(&idl->last_id);
    idl->change_seqno = 0;
    ovs_list_init(&idl->outstanding_txns);
    ovs_list_init(&idl->gc_list);
    ovs_list_init(&idl->indexes);
    return idl;
}

struct ovsdb_idl *
ovsdb_idl_create(const char *remote, const struct ovsdb_idl_class *class,
                 bool monitor_everything_by_default, bool retry)
{
    struct ovsdb_idl *idl = ovsdb_idl_create_unconnected(
        class, monitor_everything_by_default);
    ovsdb_idl_set_remote(idl, remote, retry);
    return idl;
}

void
ovsdb_idl_set_remote(struct ovsdb_idl *idl, const char *remote, bool retry)
{
    if (idl->session) {
        jsonrpc_session_close(idl->session);
        idl->session = NULL;
        txn_abort_all(idl);
    }
    idl->state = IDL_S_IDLE;
    json_destroy(idl->request_id);
    idl->request_id = NULL;
    if (remote) {
        idl->session = jsonrpc_session_open(remote, retry);
        idl->session_seqno = jsonrpc_session_get_seqno(idl->session);
    }
}

/* Frees ROW without looking at arcs to it (the caller made sure there
 * are none left that matter). */
static void
row_free(struct ovsdb_idl_row *row)
{
    struct ovsdb_idl_table *table = row->table;

    table->generation++;
    if (row->parsed) {
        for (size_t i = 0; i < table->class_->n_columns; i++) {
            table->class_->columns[i].unparse(row);
        }
        row->parsed = false;
    }
    row_destroy_src_arcs(row);
    /* Arcs that still point here (only possible while the whole IDL is
     * being destroyed) are dropped. */
    struct ovsdb_idl_arc *arc;
    LIST_FOR_EACH_SAFE (arc, dst_node, &row->dst_arcs) {
        ovs_list_remove(&arc->src_node);
        ovs_list_remove(&arc->dst_node);
        free(arc);
    }
    if (!row->deleted) {
        hmap_remove(&table->rows, &row->hmap_node);
    }
    if (!ovs_list_is_empty(&row->track_node)) {
        ovs_list_remove(&row->track_node);
    }
    if (row->gc_pending) {
        ovs_list_remove(&row->gc_node);
    }
    datums_destroy(table, row->old_datum);
    if (row->new_datum != row->old_datum) {
        datums_destroy(table, row->new_datum);
    }
    free(row->prereqs);
    free(row->written);
    free(row->updated);
    if (row->partials) {
        for (size_t i = 0; i < table->class_->n_columns; i++) {
            struct ovsdb_idl_partial *p = &row->partials[i];
            if (p->used) {
                const struct ovsdb_type *type
                    = &table->class_->columns[i].type;
                struct ovsdb_type kt = key_set_type(type);
                ovsdb_datum_destroy(&p->del, &kt);
                ovsdb_datum_destroy(&p->ins, type);
                ovsdb_base_type_destroy(&kt.key);
            }
        }
        free(row->partials);
    }
    free(row);
}

void
ovsdb_idl_destroy(struct ovsdb_idl *idl)
{
    if (!idl) {
        return;
    }
    ovs_assert(!idl->txn);
    txn_abort_all(idl);
    jsonrpc_session_close(idl->session);
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->tables[i];
        struct ovsdb_idl_row *row;

        LIST_FOR_EACH_SAFE (row, track_node, &table->track_list) {
            ovs_list_remove(&row->track_node);
            ovs_list_init(&row->track_node);
            if (row->deleted) {
                row_free(row);
            }
        }
    }
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->tables[i];
        struct ovsdb_idl_row *row;

        HMAP_FOR_EACH_SAFE (row, hmap_node, &table->rows) {
            row_free(row);
        }
    }
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->tables[i];

        hmap_destroy(&table->rows);
        free(table->modes);
        free(table->server_has_column);
        if (table->condition) {
            ovsdb_idl_condition_destroy(table->condition);
            free(table->condition);
        }
    }
    struct ovsdb_idl_index *index;
    LIST_FOR_EACH_POP (index, node, &idl->indexes) {
        free(index->columns);
        free(index->rows);
        free(index);
    }
    shash_destroy(&idl->table_by_name);
    free(idl->tables);
    json_destroy(idl->request_id);
    json_destroy(idl->monitor_id);
    json_destroy(idl->cond_request_id);
    json_destroy(idl->lock_request_id);
    free(idl->lock_name);
    free(idl);
}

/* Choosing what to replicate. */

static unsigned char *
column_mode(struct ovsdb_idl *idl, const struct ovsdb_idl_column *column)
{
    struct ovsdb_idl_table *table = idl_table_from_column(idl, column);
    return &table->modes[column_index(table, column)];
}

void
ovsdb_idl_add_column(struct ovsdb_idl *idl,
                     const struct ovsdb_idl_column *column)
{
    *column_mode(idl, column) |= OVSDB_IDL_MONITOR | OVSDB_IDL_ALERT;
}

void
ovsdb_idl_add_table(struct ovsdb_idl *idl,
                    const struct ovsdb_idl_table_class *tc)
{
    idl_table_from_class(idl, tc)->need_table = true;
}

void
ovsdb_idl_omit(struct ovsdb_idl *idl, const struct ovsdb_idl_column *column)
{
    *column_mode(idl, column) = 0;
}

void
ovsdb_idl_omit_alert(struct ovsdb_idl *idl,
                     const struct ovsdb_idl_column *column)
{
    unsigned char *mode = column_mode(idl, column);
    *mode = (*mode | OVSDB_IDL_MONITOR) & ~OVSDB_IDL_ALERT;
}

unsigned int
ovsdb_idl_get_mode(struct ovsdb_idl *idl,
                   const struct ovsdb_idl_column *column)
{
    return *column_mode(idl, column);
}

void
ovsdb_idl_verify_write_only(struct ovsdb_idl *idl)
{
    idl->verify_write_only = true;
}

void
ovsdb_idl_track_add_column(struct ovsdb_idl *idl,
                           const struct ovsdb_idl_column *column)
{
    unsigned char *mode = column_mode(idl, column);
    if (!(*mode & OVSDB_IDL_ALERT)) {
        ovsdb_idl_add_column(idl, column);
    }
    *mode |= OVSDB_IDL_TRACK;
}

void
ovsdb_idl_track_add_all(struct ovsdb_idl *idl)
{
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        const struct ovsdb_idl_table_class *tc = &idl->class_->tables[i];
        for (size_t j = 0; j < tc->n_columns; j++) {
            ovsdb_idl_track_add_column(idl, &tc->columns[j]);
        }
        idl->tables[i].need_table = true;
    }
}

static bool
table_is_tracked(const struct ovsdb_idl_table *table)
{
    for (size_t i = 0; i < table->class_->n_columns; i++) {
        if (table->modes[i] & OVSDB_IDL_TRACK) {
            return true;
        }
    }
    return false;
}

static bool
table_is_monitored(const struct ovsdb_idl_table *table)
{
    if (!table->in_server_schema) {
        return false;
    }
    if (table->need_table) {
        return true;
    }
    for (size_t i = 0; i < table->class_->n_columns; i++) {
        if (table->modes[i] & OVSDB_IDL_MONITOR) {
            return true;
        }
    }
    return false;
}

/* Simple queries. */

unsigned int
ovsdb_idl_get_seqno(const struct ovsdb_idl *idl)
{
    return idl->change_seqno;
}

bool
ovsdb_idl_has_ever_connected(const struct ovsdb_idl *idl)
{
    return idl->has_ever_connected;
}

bool
ovsdb_idl_is_connected(const struct ovsdb_idl *idl)
{
    return idl->session && jsonrpc_session_is_connected(idl->session);
}

bool
ovsdb_idl_is_alive(const struct ovsdb_idl *idl)
{
    return idl->session && jsonrpc_session_is_alive(idl->session)
           && idl->last_error != EPROTO;
}

int
ovsdb_idl_get_last_error(const struct ovsdb_idl *idl)
{
    if (idl->last_error) {
        return idl->last_error;
    }
    return idl->session ? jsonrpc_session_get_last_error(idl->session) : 0;
}

void
ovsdb_idl_force_reconnect(struct ovsdb_idl *idl)
{
    if (idl->session) {
        jsonrpc_session_force_reconnect(idl->session);
    }
}

void
ovsdb_idl_enable_reconnect(struct ovsdb_idl *idl)
{
    if (idl->session) {
        jsonrpc_session_set_max_backoff(idl->session, 8000);
    }
}

void
ovsdb_idl_set_probe_interval(const struct ovsdb_idl *idl, int probe_ms)
{
    if (idl->session) {
        jsonrpc_session_set_probe_interval(idl->session, probe_ms);
    }
}

const struct ovsdb_idl_class *
ovsdb_idl_get_class(const struct ovsdb_idl *idl)
{
    return idl->class_;
}

const char *
ovsdb_idl_get_monitor_method(const struct ovsdb_idl *idl)
{
    return (idl->state == IDL_S_MONITORING
            ? method_names[idl->method] : NULL);
}

/* Running. */

static void
idl_send_request(struct ovsdb_idl *idl, const char *method,
                 struct json *params, struct json **idp)
{
    struct jsonrpc_msg *msg = jsonrpc_create_request(method, params, idp);
    jsonrpc_session_send(idl->session, msg);
}

/* Starts over on a new connection: asks for the schema (and the lock). */
static void
idl_restart(struct ovsdb_idl *idl)
{
    json_destroy(idl->request_id);
    idl->request_id = NULL;
    json_destroy(idl->cond_request_id);
    if (idl->cond_request_id) {
        idl->cond_request_id = NULL;
        idl->cond_unsent = true;
    }
    idl->method = IDL_M_COND_SINCE;
    idl->state = IDL_S_SCHEMA_REQUESTED;
    idl_send_request(idl, "get_schema",
                     json_array_create_1(json_string_create(
                                             idl->class_->database)),
                     &idl->request_id);
    json_destroy(idl->lock_request_id);
    idl->lock_request_id = NULL;
    idl->has_lock = false;
    idl->is_lock_contended = false;
    if (idl->lock_name) {
        send_lock_request(idl);
    }
}

/* The connection went away: every outstanding transaction must be tried
 * again. */
static void
idl_disconnected(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_txn *txn;

    LIST_FOR_EACH_SAFE (txn, outstanding_node, &idl->outstanding_txns) {
        txn_complete(txn, TXN_TRY_AGAIN);
    }
    json_destroy(idl->request_id);
    idl->request_id = NULL;
    json_destroy(idl->lock_request_id);
    idl->lock_request_id = NULL;
    idl->has_lock = false;
    if (idl->cond_request_id) {
        json_destroy(idl->cond_request_id);
        idl->cond_request_id = NULL;
        idl->cond_unsent = true;
    }
    idl->state = IDL_S_IDLE;
}

static bool
server_has_table(const struct json *schema, const char *name,
                 const struct json **tablep)
{
    const struct json *tables = json_object_get(schema, "tables");
    const struct json *table;

    if (!tables || tables->type != JSON_OBJECT) {
        return false;
    }
    table = json_object_get(tables, name);
    if (!table || table->type != JSON_OBJECT) {
        return false;
    }
    *tablep = table;
    return true;
}

/* Learns which of our tables and columns the server has. */
static bool
idl_parse_server_schema(struct ovsdb_idl *idl, const struct json *schema)
{
    if (schema->type != JSON_OBJECT) {
        return false;
    }
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->tables[i];
        const struct ovsdb_idl_table_class *tc = table->class_;
        const struct json *ts = NULL;

        table->in_server_schema = server_has_table(schema, tc->name, &ts);
        const struct json *columns = (ts ? json_object_get(ts, "columns")
                                      : NULL);
        for (size_t j = 0; j < tc->n_columns; j++) {
            table->server_has_column[j]
                = (columns && columns->type == JSON_OBJECT
                   && json_object_get(columns, tc->columns[j].name));
            if (table->in_server_schema && !table->server_has_column[j]
                && table->modes[j] & OVSDB_IDL_MONITOR) {
                VLOG_WARN_RL(&rl, "%s table in %s database lacks %s column "
                             "(database needs upgrade?)", tc->name,
                             idl->class_->database, tc->columns[j].name);
            }
        }
        if (!table->in_server_schema && table_is_monitored(table)) {
            VLOG_WARN_RL(&rl, "%s database lacks %s table "
                         "(database needs upgrade?)",
                         idl->class_->database, tc->name);
        }
    }
    return true;
}

static struct json *condition_to_json(const struct ovsdb_idl_condition *);

static struct json *
idl_compose_monitor_requests(struct ovsdb_idl *idl)
{
    struct json *requests = json_object_create();

    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->tables[i];
        const struct ovsdb_idl_table_class *tc = table->class_;

        table->cond_changed = false;
        if (!table_is_monitored(table)) {
            continue;
        }
        struct json *columns = json_array_create_empty();
        for (size_t j = 0; j < tc->n_columns; j++) {
            if (table->modes[j] & OVSDB_IDL_MONITOR
                && table->server_has_column[j]) {
                json_array_add(columns,
                               json_string_create(tc->columns[j].name));
            }
        }
        struct json *request = json_object_create();
        json_object_put(request, "columns", columns);
        if (idl->method != IDL_M_PLAIN && table->condition
            && !ovsdb_idl_condition_is_true(table->condition)) {
            json_object_put(request, "where",
                            condition_to_json(table->condition));
        }
        json_object_put(requests, tc->name, json_array_create_1(request));
    }
    return requests;
}

static void
idl_send_monitor_request(struct ovsdb_idl *idl)
{
    struct json *params;

    params = json_array_create_3(json_string_create(idl->class_->database),
                                 json_clone(idl->monitor_id),
                                 idl_compose_monitor_requests(idl));
    if (idl->method == IDL_M_COND_SINCE) {
        if (idl->cond_unsent) {
            /* The data we have was selected by other conditions. */
            uuid_zero(&idl->last_id);
        }
        json_array_add(params, json_string_create_nocopy(
                           uuid_to_string(&idl->last_id)));
    }
    json_destroy(idl->request_id);
    idl->request_id = NULL;
    idl->state = IDL_S_MONITOR_REQUESTED;
    idl_send_request(idl, method_names[idl->method], params,
                     &idl->request_id);
}

static void
idl_send_cond_change(struct ovsdb_idl *idl)
{
    if (idl->state != IDL_S_MONITORING || idl->cond_request_id
        || !idl->cond_unsent || !jsonrpc_session_is_connected(idl->session))
    {
        return;
    }
    idl->cond_unsent = false;
    if (idl->method == IDL_M_PLAIN) {
        /* "monitor" has no conditions: everything is replicated. */
        idl->cond_seqno++;
        return;
    }

    struct json *requests = json_object_create();
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->tables[i];

        if (table->cond_changed && table_is_monitored(table)) {
            struct json *where
                = (table->condition
                   ? condition_to_json(table->condition)
                   : json_array_create_1(json_boolean_create(true)));
            struct json *request = json_object_create();
            json_object_put(request, "where", where);
            json_object_put(requests, table->class_->name,
                            json_array_create_1(request));
        }
        table->cond_changed = false;
    }
    idl_send_request(idl, "monitor_cond_change",
                     json_array_create_3(json_clone(idl->monitor_id),
                                         json_clone(idl->monitor_id),
                                         requests),
                     &idl->cond_request_id);
}

void
ovsdb_idl_run(struct ovsdb_idl *idl)
{
    ovs_assert(!idl->txn);
    if (!idl->session) {
        return;
    }
    jsonrpc_session_run(idl->session);
    for (int i = 0; i < 50; i++) {
        unsigned int seqno = jsonrpc_session_get_seqno(idl->session);
        if (seqno != idl->session_seqno) {
            idl->session_seqno = seqno;
            idl_disconnected(idl);
            if (jsonrpc_session_is_connected(idl->session)) {
                idl_restart(idl);
            }
        }
        if (!jsonrpc_session_is_connected(idl->session)) {
            break;
        }
        struct jsonrpc_msg *msg = jsonrpc_session_recv(idl->session);
        if (!msg) {
            break;
        }
        idl_process_msg(idl, msg);
        jsonrpc_msg_destroy(msg);
        idl_gc(idl);
    }
    idl_send_cond_change(idl);
    idl_gc(idl);
}

void
ovsdb_idl_wait(struct ovsdb_idl *idl)
{
    if (idl->session) {
        jsonrpc_session_wait(idl->session);
        jsonrpc_session_recv_wait(idl->session);
        if (idl->state == IDL_S_MONITORING && idl->cond_unsent
            && !idl->cond_request_id) {
            poll_immediate_wake();
        }
    }
}

/* Rows: visibility, parsing and arcs. */

static struct ovsdb_datum *
row_current(const struct ovsdb_idl_row *row)
{
    switch (row->txn_state) {
    case OVSDB_IDL_ROW_INSERTED:
    case OVSDB_IDL_ROW_MODIFIED:
        return row->new_datum;
    case OVSDB_IDL_ROW_DELETED:
        return NULL;
    case OVSDB_IDL_ROW_UNTOUCHED:
    default:
        return row->old_datum;
    }
}

static bool
row_is_visible(const struct ovsdb_idl_row *row)
{
    return row_current(row) && !row->deleted;
}

static void
gc_add(struct ovsdb_idl_row *row)
{
    if (!row->gc_pending) {
        row->gc_pending = true;
        ovs_list_push_back(&row->table->idl->gc_list, &row->gc_node);
    }
}

static void
row_destroy_src_arcs(struct ovsdb_idl_row *row)
{
    struct ovsdb_idl_arc *arc;

    LIST_FOR_EACH_SAFE (arc, src_node, &row->src_arcs) {
        ovs_list_remove(&arc->src_node);
        ovs_list_remove(&arc->dst_node);
        if (ovs_list_is_empty(&arc->dst->dst_arcs)) {
            gc_add(arc->dst);
        }
        free(arc);
    }
}

static void
row_unparse(struct ovsdb_idl_row *row)
{
    row->table->generation++;
    if (row->parsed) {
        const struct ovsdb_idl_table_class *tc = row->table->class_;
        for (size_t i = 0; i < tc->n_columns; i++) {
            tc->columns[i].unparse(row);
        }
        row->parsed = false;
    }
    row_destroy_src_arcs(row);
}

static void
row_parse(struct ovsdb_idl_row *row)
{
    const struct ovsdb_idl_table_class *tc = row->table->class_;
    const struct ovsdb_datum *d = row_current(row);

    if (!d) {
        d = row->old_datum;
    }
    if (!d) {
        return;
    }
    for (size_t i = 0; i < tc->n_columns; i++) {
        tc->columns[i].parse(row, &d[i]);
    }
    row->parsed = true;
}

static void
row_reparse(struct ovsdb_idl_row *row)
{
    row_unparse(row);
    row_parse(row);
}

/* Parses again every row that refers to ROW, whose visibility changed. */
static void
row_reparse_srcs(struct ovsdb_idl_row *row)
{
    size_t n = ovs_list_size(&row->dst_arcs);
    struct ovsdb_idl_row **srcs;
    struct ovsdb_idl_arc *arc;
    size_t i = 0;

    if (!n) {
        return;
    }
    srcs = xmalloc(n * sizeof *srcs);
    LIST_FOR_EACH (arc, dst_node, &row->dst_arcs) {
        srcs[i++] = arc->src;
    }
    for (i = 0; i < n; i++) {
        if (i && srcs[i] == srcs[i - 1]) {
            continue;
        }
        row_reparse(srcs[i]);
    }
    free(srcs);
}

static struct ovsdb_idl_row *
row_find(const struct ovsdb_idl_table *table, const struct uuid *uuid)
{
    struct ovsdb_idl_row *row;

    HMAP_FOR_EACH_WITH_HASH (row, hmap_node, uuid_hash(uuid),
                             &table->rows) {
        if (uuid_equals(&row->uuid, uuid)) {
            return row;
        }
    }
    return NULL;
}

static struct ovsdb_idl_row *
row_create(struct ovsdb_idl_table *table, const struct uuid *uuid)
{
    const struct ovsdb_idl_table_class *tc = table->class_;
    struct ovsdb_idl_row *row = xzalloc(tc->allocation_size);

    row->uuid = *uuid;
    row->table = table;
    ovs_list_init(&row->src_arcs);
    ovs_list_init(&row->dst_arcs);
    ovs_list_init(&row->txn_node);
    ovs_list_init(&row->track_node);
    ovs_list_init(&row->gc_node);
    row->txn_state = OVSDB_IDL_ROW_UNTOUCHED;
    if (tc->row_init) {
        tc->row_init(row);
    }
    hmap_insert(&table->rows, &row->hmap_node, uuid_hash(uuid));
    return row;
}

struct ovsdb_idl_row *
ovsdb_idl_get_row_arc(struct ovsdb_idl_row *src,
                      const struct ovsdb_idl_table_class *dst_tc,
                      const struct uuid *dst_uuid)
{
    struct ovsdb_idl *idl = src->table->idl;
    struct ovsdb_idl_table *dst_table = idl_table_from_class(idl, dst_tc);
    struct ovsdb_idl_row *dst = row_find(dst_table, dst_uuid);

    if (!dst) {
        dst = row_create(dst_table, dst_uuid);
        gc_add(dst);
    }
    /* Parsing adds a row's arcs one after another, so a duplicate would
     * be at the front of DST's list. */
    if (ovs_list_is_empty(&dst->dst_arcs)
        || CONTAINER_OF(ovs_list_front(&dst->dst_arcs),
                        struct ovsdb_idl_arc, dst_node)->src != src) {
        struct ovsdb_idl_arc *arc = xmalloc(sizeof *arc);
        arc->src = src;
        arc->dst = dst;
        ovs_list_push_back(&src->src_arcs, &arc->src_node);
        ovs_list_push_front(&dst->dst_arcs, &arc->dst_node);
    }
    return row_is_visible(dst) ? dst : NULL;
}

/* Frees the rows that turned out to be orphans: no data, no transaction,
 * no references, no tracking. */
static void
idl_gc(struct ovsdb_idl *idl)
{
    while (!ovs_list_is_empty(&idl->gc_list)) {
        struct ovsdb_idl_row *row = CONTAINER_OF(
            ovs_list_pop_front(&idl->gc_list), struct ovsdb_idl_row,
            gc_node);

        ovs_list_init(&row->gc_node);
        row->gc_pending = false;
        if (!row->old_datum && row->txn_state == OVSDB_IDL_ROW_UNTOUCHED
            && !row->new_datum && ovs_list_is_empty(&row->dst_arcs)
            && ovs_list_is_empty(&row->track_node) && !row->deleted
            && ovs_list_is_empty(&row->txn_node)) {
            row_free(row);
        }
    }
}

/* Change tracking. */

static void
row_track(struct ovsdb_idl_row *row, enum ovsdb_idl_change change,
          const unsigned long *changed_columns)
{
    struct ovsdb_idl_table *table = row->table;
    unsigned int seqno = table->idl->change_seqno + 1;

    row->change_seqno[change] = seqno;
    table->change_seqno[change] = seqno;
    if (!table_is_tracked(table)) {
        return;
    }
    if (ovs_list_is_empty(&row->track_node)) {
        ovs_list_push_back(&table->track_list, &row->track_node);
    }
    if (!row->updated) {
        row->updated = bitmap_allocate(table->class_->n_columns);
    }
    if (changed_columns) {
        for (size_t i = 0; i < table->class_->n_columns; i++) {
            if (bitmap_is_set(changed_columns, i)
                && table->modes[i] & OVSDB_IDL_TRACK) {
                bitmap_set1(row->updated, i);
            }
        }
    }
}

const struct ovsdb_idl_row *
ovsdb_idl_track_get_first(const struct ovsdb_idl *idl,
                          const struct ovsdb_idl_table_class *tc)
{
    struct ovsdb_idl_table *table = idl_table_from_class(idl, tc);

    return (ovs_list_is_empty(&table->track_list) ? NULL
            : CONTAINER_OF(ovs_list_front(&table->track_list),
                           struct ovsdb_idl_row, track_node));
}

const struct ovsdb_idl_row *
ovsdb_idl_track_get_next(const struct ovsdb_idl_row *row)
{
    if (row->track_node.next == &row->table->track_list) {
        return NULL;
    }
    return CONTAINER_OF(row->track_node.next, struct ovsdb_idl_row,
                        track_node);
}

bool
ovsdb_idl_track_is_updated(const struct ovsdb_idl_row *row,
                           const struct ovsdb_idl_column *column)
{
    size_t idx = column_index(row->table, column);
    return row->updated && bitmap_is_set(row->updated, idx);
}

void
ovsdb_idl_track_clear(struct ovsdb_idl *idl)
{
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->tables[i];
        struct ovsdb_idl_row *row;

        LIST_FOR_EACH_SAFE (row, track_node, &table->track_list) {
            ovs_list_remove(&row->track_node);
            ovs_list_init(&row->track_node);
            free(row->updated);
            row->updated = NULL;
            if (row->deleted) {
                row_unparse(row);
                row_free(row);
            } else if (!row->old_datum) {
                gc_add(row);
            }
        }
    }
    idl_gc(idl);
}

unsigned int
ovsdb_idl_row_get_seqno(const struct ovsdb_idl_row *row,
                        enum ovsdb_idl_change change)
{
    return row->change_seqno[change];
}

unsigned int
ovsdb_idl_table_get_seqno(const struct ovsdb_idl *idl,
                          const struct ovsdb_idl_table_class *tc,
                          enum ovsdb_idl_change change)
{
    return idl_table_from_class(idl, tc)->change_seqno[change];
}

bool
ovsdb_idl_row_is_new(const struct ovsdb_idl_row *row)
{
    return (row->change_seqno[OVSDB_IDL_CHANGE_INSERT]
            && !row->change_seqno[OVSDB_IDL_CHANGE_MODIFY]
            && !row->deleted);
}

bool
ovsdb_idl_row_is_deleted(const struct ovsdb_idl_row *row)
{
    return row->deleted;
}

/* Applying updates from the server. */

/* Deletes ROW from the replica.  Returns true (it always changes). */
static void
idl_delete_row(struct ovsdb_idl_row *row)
{
    struct ovsdb_idl_table *table = row->table;

    if (!row->old_datum || row->deleted) {
        return;
    }
    row_track(row, OVSDB_IDL_CHANGE_DELETE, NULL);
    table->generation++;
    if (table_is_tracked(table)) {
        /* Keep the row, readable, until the tracked changes are
         * cleared; it leaves the table so that nothing finds it. */
        hmap_remove(&table->rows, &row->hmap_node);
        row->deleted = true;
        row_reparse_srcs(row);
    } else {
        datums_destroy(table, row->old_datum);
        row->old_datum = NULL;
        row_unparse(row);
        row_reparse_srcs(row);
        gc_add(row);
    }
}

/* Parses column values from JSON object ROW_JSON into DATUMS.  If DIFF,
 * the values are update2 differences to apply.  Sets bits in CHANGED
 * for columns whose value changed.  Bad values are logged and left out. */
static void
idl_apply_columns(struct ovsdb_idl_table *table, const struct json *row_json,
                  struct ovsdb_datum *datums, bool diff,
                  unsigned long *changed)
{
    const struct ovsdb_idl_table_class *tc = table->class_;
    struct shash_node *node;

    SHASH_FOR_EACH (node, json_object(row_json)) {
        const struct ovsdb_idl_column *column = NULL;
        size_t idx;

        for (idx = 0; idx < tc->n_columns; idx++) {
            if (!strcmp(tc->columns[idx].name, node->name)) {
                column = &tc->columns[idx];
                break;
            }
        }
        if (!column || !(table->modes[idx] & OVSDB_IDL_MONITOR)) {
            continue;
        }

        const struct ovsdb_type *type = &column->type;
        struct ovsdb_type utype = unlimited_type(type);
        struct ovsdb_datum value, result;
        struct ovsdb_error *error;

        error = ovsdb_datum_from_json(&value, diff ? &utype : type,
                                      node->data, NULL);
        if (error) {
            char *s = ovsdb_error_to_string_free(error);
            VLOG_WARN_RL(&rl, "error parsing column %s in table %s: %s",
                         node->name, tc->name, s);
            free(s);
            unlimited_type_destroy(&utype);
            continue;
        }
        if (!diff) {
            result = value;
        } else if (ovsdb_type_is_map(type)) {
            /* Keys only in the diff are added, keys with the same value
             * are removed, keys with another value take it. */
            ovsdb_datum_clone(&result, &datums[idx], type);
            for (unsigned int i = 0; i < value.n; i++) {
                unsigned int pos = ovsdb_datum_find_key(
                    &result, &value.keys[i], type->key.type);
                struct ovsdb_datum one;
                one.n = 1;
                one.keys = &value.keys[i];
                one.values = &value.values[i];
                if (pos != UINT_MAX) {
                    bool same = ovsdb_atom_equals(&result.values[pos],
                                                  &value.values[i],
                                                  type->value.type);
                    struct ovsdb_type kt = key_set_type(type);
                    struct ovsdb_datum key = { 1, &value.keys[i], NULL };
                    ovsdb_datum_subtract(&result, type, &key, &kt);
                    ovsdb_base_type_destroy(&kt.key);
                    if (same) {
                        continue;
                    }
                }
                ovsdb_datum_union(&result, &one, type);
            }
            ovsdb_datum_destroy(&value, &utype);
        } else if (type->n_max == 1) {
            /* Single values change as a whole. */
            result = value;
        } else {
            /* Sets: each element of the diff toggles membership. */
            ovsdb_datum_clone(&result, &datums[idx], type);
            for (unsigned int i = 0; i < value.n; i++) {
                struct ovsdb_datum one = { 1, &value.keys[i], NULL };
                if (ovsdb_datum_find_key(&result, &value.keys[i],
                                         type->key.type) != UINT_MAX) {
                    ovsdb_datum_subtract(&result, type, &one, type);
                } else {
                    ovsdb_datum_union(&result, &one, type);
                }
            }
            ovsdb_datum_destroy(&value, &utype);
        }
        unlimited_type_destroy(&utype);

        if (!ovsdb_datum_conforms_to_type(&result, type)) {
            VLOG_WARN_RL(&rl, "column %s in table %s: value does not fit "
                         "the column's type", node->name, tc->name);
            ovsdb_datum_destroy(&result, type);
            continue;
        }
        if (ovsdb_datum_equals(&result, &datums[idx], type)) {
            ovsdb_datum_destroy(&result, type);
            continue;
        }
        ovsdb_datum_swap(&result, &datums[idx]);
        ovsdb_datum_destroy(&result, type);
        bitmap_set1(changed, idx);
    }
}

static bool
changed_alerts(const struct ovsdb_idl_table *table,
               const unsigned long *changed)
{
    for (size_t i = 0; i < table->class_->n_columns; i++) {
        if (bitmap_is_set(changed, i) && table->modes[i] & OVSDB_IDL_ALERT) {
            return true;
        }
    }
    return false;
}

/* Inserts or replaces the row UUID with the full values in ROW_JSON.
 * Returns true if something changed. */
static bool
idl_insert_row(struct ovsdb_idl_table *table, const struct uuid *uuid,
               const struct json *row_json)
{
    struct ovsdb_idl_row *row = row_find(table, uuid);
    size_t n = table->class_->n_columns;
    unsigned long *changed = bitmap_allocate(n);

    if (row && row->old_datum) {
        /* Already there (a reload after reconnecting): the new contents
         * replace the old, and only real differences count as changes. */
        struct ovsdb_datum *fresh = datums_default(table);
        unsigned long *dummy = bitmap_allocate(n);

        row->stale = false;
        idl_apply_columns(table, row_json, fresh, false, dummy);
        free(dummy);
        for (size_t i = 0; i < n; i++) {
            const struct ovsdb_type *type = &table->class_->columns[i].type;
            if ((table->modes[i] & OVSDB_IDL_MONITOR)
                && !ovsdb_datum_equals(&fresh[i], &row->old_datum[i],
                                       type)) {
                ovsdb_datum_swap(&fresh[i], &row->old_datum[i]);
                bitmap_set1(changed, i);
            }
        }
        datums_destroy(table, fresh);
        bool alert = changed_alerts(table, changed);
        if (bitmap_is_any_set(changed, n)) {
            row_track(row, OVSDB_IDL_CHANGE_MODIFY, changed);
            row_reparse(row);
        }
        free(changed);
        return alert;
    }
    if (!row) {
        row = row_create(table, uuid);
    }
    row->old_datum = datums_default(table);
    idl_apply_columns(table, row_json, row->old_datum, false, changed);
    for (size_t i = 0; i < n; i++) {
        bitmap_set1(changed, i);
    }
    row_track(row, OVSDB_IDL_CHANGE_INSERT, changed);
    free(changed);
    row_reparse(row);
    row_reparse_srcs(row);
    return true;
}

static bool
idl_modify_row(struct ovsdb_idl_table *table, const struct uuid *uuid,
               const struct json *row_json, bool diff)
{
    struct ovsdb_idl_row *row = row_find(table, uuid);
    size_t n = table->class_->n_columns;

    if (!row || !row->old_datum) {
        VLOG_WARN_RL(&rl, "cannot modify missing row "UUID_FMT" in table %s",
                     UUID_ARGS(uuid), table->class_->name);
        return false;
    }
    unsigned long *changed = bitmap_allocate(n);
    idl_apply_columns(table, row_json, row->old_datum, diff, changed);
    bool alert = changed_alerts(table, changed);
    if (bitmap_is_any_set(changed, n)) {
        row_track(row, OVSDB_IDL_CHANGE_MODIFY, changed);
        row_reparse(row);
    }
    free(changed);
    return alert;
}

static bool
idl_delete_row_by_uuid(struct ovsdb_idl_table *table, const struct uuid *uuid)
{
    struct ovsdb_idl_row *row = row_find(table, uuid);

    if (!row || !row->old_datum) {
        VLOG_WARN_RL(&rl, "cannot delete missing row "UUID_FMT" from table "
                     "%s", UUID_ARGS(uuid), table->class_->name);
        return false;
    }
    idl_delete_row(row);
    return true;
}

/* Applies <table-updates> (VERSION 1) or <table-updates2> (VERSION 2).
 * Returns false if UPDATES is malformed (part of it may have been
 * applied). */
static bool
idl_apply_updates(struct ovsdb_idl *idl, const struct json *updates,
                  int version)
{
    struct shash_node *tnode;
    bool alert = false;
    bool ok = true;

    if (updates->type != JSON_OBJECT) {
        return false;
    }
    SHASH_FOR_EACH (tnode, json_object(updates)) {
        struct ovsdb_idl_table *table = shash_find_data(&idl->table_by_name,
                                                        tnode->name);
        const struct json *tu = tnode->data;
        struct shash_node *rnode;

        if (!table) {
            VLOG_WARN_RL(&rl, "update for unknown table %s", tnode->name);
            ok = false;
            continue;
        }
        if (tu->type != JSON_OBJECT) {
            ok = false;
            continue;
        }
        SHASH_FOR_EACH (rnode, json_object(tu)) {
            const struct json *ru = rnode->data;
            struct uuid uuid;

            if (!uuid_from_string(&uuid, rnode->name)
                || ru->type != JSON_OBJECT) {
                VLOG_WARN_RL(&rl, "bad row update in table %s",
                             tnode->name);
                ok = false;
                continue;
            }
            if (version == 1) {
                const struct json *old = json_object_get(ru, "old");
                const struct json *new = json_object_get(ru, "new");
                if ((old && old->type != JSON_OBJECT)
                    || (new && new->type != JSON_OBJECT) || (!old && !new)) {
                    ok = false;
                    continue;
                }
                if (!new) {
                    alert |= idl_delete_row_by_uuid(table, &uuid);
                } else if (!old) {
                    alert |= idl_insert_row(table, &uuid, new);
                } else {
                    alert |= idl_modify_row(table, &uuid, new, false);
                }
                continue;
            }

            const struct json *v;
            if ((v = json_object_get(ru, "initial"))
                || (v = json_object_get(ru, "insert"))) {
                if (v->type != JSON_OBJECT) {
                    ok = false;
                    continue;
                }
                alert |= idl_insert_row(table, &uuid, v);
            } else if ((v = json_object_get(ru, "modify"))) {
                if (v->type != JSON_OBJECT) {
                    ok = false;
                    continue;
                }
                alert |= idl_modify_row(table, &uuid, v, true);
            } else if (json_object_get(ru, "delete")) {
                alert |= idl_delete_row_by_uuid(table, &uuid);
            } else {
                VLOG_WARN_RL(&rl, "row update in table %s has no "
                             "\"initial\", \"insert\", \"modify\" or "
                             "\"delete\"", tnode->name);
                ok = false;
            }
        }
    }
    if (alert) {
        idl->change_seqno++;
    }
    return ok;
}

/* Before a reload of the whole replica: marks every row stale. */
static void
idl_mark_stale(struct ovsdb_idl *idl)
{
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct ovsdb_idl_row *row;
        HMAP_FOR_EACH (row, hmap_node, &idl->tables[i].rows) {
            row->stale = row->old_datum != NULL;
        }
    }
}

/* After a reload: deletes the rows it did not mention. */
static void
idl_delete_stale(struct ovsdb_idl *idl)
{
    bool any = false;

    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->tables[i];
        struct ovsdb_idl_row *row;

        HMAP_FOR_EACH_SAFE (row, hmap_node, &table->rows) {
            if (row->stale) {
                row->stale = false;
                idl_delete_row(row);
                any = true;
            }
        }
    }
    if (any) {
        idl->change_seqno++;
    }
    idl_gc(idl);
}

static bool
is_unknown_method_error(const struct json *error)
{
    if (error->type == JSON_STRING) {
        return !strcmp(json_string(error), "unknown method");
    }
    if (error->type == JSON_OBJECT) {
        const struct json *e = json_object_get(error, "error");
        return e && e->type == JSON_STRING
               && !strcmp(json_string(e), "unknown method");
    }
    return false;
}

static void
idl_protocol_error(struct ovsdb_idl *idl, const char *what)
{
    VLOG_WARN_RL(&rl, "%s: %s; reconnecting",
                 jsonrpc_session_get_name(idl->session), what);
    jsonrpc_session_force_reconnect(idl->session);
}

static void
idl_monitor_reply(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg)
{
    if (msg->type == JSONRPC_ERROR) {
        if (is_unknown_method_error(msg->error)
            && idl->method != IDL_M_PLAIN) {
            idl->method++;
            idl_send_monitor_request(idl);
        } else {
            char *s = json_to_string(msg->error, 0);
            VLOG_WARN_RL(&rl, "%s: %s failed: %s",
                         jsonrpc_session_get_name(idl->session),
                         method_names[idl->method], s);
            free(s);
            idl->last_error = EPROTO;
            idl->state = IDL_S_IDLE;
        }
        return;
    }

    const struct json *updates = msg->result;
    struct uuid last_id;
    bool found = false;

    uuid_zero(&last_id);
    if (idl->method == IDL_M_COND_SINCE) {
        const struct json *r = msg->result;
        if (r->type != JSON_ARRAY || json_array(r)->n != 3
            || (json_array(r)->elems[0]->type != JSON_TRUE
                && json_array(r)->elems[0]->type != JSON_FALSE)
            || json_array(r)->elems[1]->type != JSON_STRING
            || !uuid_from_string(&last_id,
                                 json_string(json_array(r)->elems[1]))) {
            idl_protocol_error(idl, "bad monitor_cond_since reply");
            return;
        }
        found = json_boolean(json_array(r)->elems[0]);
        updates = json_array(r)->elems[2];
    }
    if (!found) {
        /* Full contents follow: rows they leave out are gone. */
        idl_mark_stale(idl);
    }
    idl->cond_seqno += (idl->cond_unsent ? 1 : 0);
    idl->cond_unsent = false;
    if (!idl_apply_updates(idl, updates, idl->method == IDL_M_PLAIN ? 1 : 2))
    {
        VLOG_WARN_RL(&rl, "%s: parts of the %s reply were malformed",
                     jsonrpc_session_get_name(idl->session),
                     method_names[idl->method]);
    }
    if (!found) {
        idl_delete_stale(idl);
    }
    idl->last_id = last_id;
    idl->state = IDL_S_MONITORING;
    idl->last_error = 0;
    idl->has_ever_connected = true;
    idl->change_seqno++;
}

static void
idl_process_notify(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg)
{
    const struct json_array *params = json_array(msg->params);

    if (!strcmp(msg->method, "update3") || !strcmp(msg->method, "update2")
        || !strcmp(msg->method, "update")) {
        int version = !strcmp(msg->method, "update") ? 1 : 2;
        bool v3 = !strcmp(msg->method, "update3");
        struct uuid last_id;

        if (idl->state != IDL_S_MONITORING
            && idl->state != IDL_S_MONITOR_REQUESTED) {
            return;
        }
        if (params->n != (v3 ? 3 : 2)
            || !json_equal(params->elems[0], idl->monitor_id)) {
            VLOG_WARN_RL(&rl, "%s: ignoring %s with unexpected parameters",
                         jsonrpc_session_get_name(idl->session),
                         msg->method);
            return;
        }
        if (v3 && (params->elems[1]->type != JSON_STRING
                   || !uuid_from_string(&last_id,
                                        json_string(params->elems[1])))) {
            idl_protocol_error(idl, "bad transaction id in update3");
            return;
        }
        if (!idl_apply_updates(idl, params->elems[v3 ? 2 : 1], version)) {
            VLOG_WARN_RL(&rl, "%s: parts of an %s were malformed",
                         jsonrpc_session_get_name(idl->session),
                         msg->method);
        }
        if (v3) {
            idl->last_id = last_id;
        }
    } else if (!strcmp(msg->method, "locked") && idl->lock_name
               && params->n == 1 && params->elems[0]->type == JSON_STRING
               && !strcmp(json_string(params->elems[0]), idl->lock_name)) {
        idl->has_lock = true;
        idl->is_lock_contended = false;
        idl->change_seqno++;
    } else if (!strcmp(msg->method, "stolen") && idl->lock_name
               && params->n == 1 && params->elems[0]->type == JSON_STRING
               && !strcmp(json_string(params->elems[0]), idl->lock_name)) {
        idl->has_lock = false;
        idl->is_lock_contended = true;
        idl->change_seqno++;
    } else if (!strcmp(msg->method, "monitor_canceled")) {
        /* The database went away or changed schema: start over. */
        uuid_zero(&idl->last_id);
        idl_restart(idl);
    }
}

static void txn_process_reply(struct ovsdb_idl_txn *,
                              const struct jsonrpc_msg *);

static void
idl_process_msg(struct ovsdb_idl *idl, struct jsonrpc_msg *msg)
{
    if (msg->type == JSONRPC_NOTIFY) {
        idl_process_notify(idl, msg);
        return;
    }
    if (msg->type == JSONRPC_REQUEST) {
        /* "echo" is answered by the session; nothing else is expected. */
        return;
    }

    if (idl->request_id && json_equal(idl->request_id, msg->id)) {
        json_destroy(idl->request_id);
        idl->request_id = NULL;
        if (idl->state == IDL_S_SCHEMA_REQUESTED) {
            if (msg->type == JSONRPC_ERROR
                || !idl_parse_server_schema(idl, msg->result)) {
                char *s = json_to_string(msg->type == JSONRPC_ERROR
                                         ? msg->error : msg->result, 0);
                VLOG_WARN_RL(&rl, "%s: could not get schema of database "
                             "%s: %s", jsonrpc_session_get_name(idl->session),
                             idl->class_->database, s);
                free(s);
                idl->last_error = EPROTO;
                idl->state = IDL_S_IDLE;
                return;
            }
            idl_send_monitor_request(idl);
        } else if (idl->state == IDL_S_MONITOR_REQUESTED) {
            idl_monitor_reply(idl, msg);
        }
    } else if (idl->cond_request_id
               && json_equal(idl->cond_request_id, msg->id)) {
        json_destroy(idl->cond_request_id);
        idl->cond_request_id = NULL;
        if (msg->type == JSONRPC_ERROR) {
            char *s = json_to_string(msg->error, 0);
            VLOG_WARN_RL(&rl, "monitor_cond_change failed: %s", s);
            free(s);
        }
        idl->cond_seqno++;
        idl->change_seqno++;
    } else if (idl->lock_request_id
               && json_equal(idl->lock_request_id, msg->id)) {
        json_destroy(idl->lock_request_id);
        idl->lock_request_id = NULL;
        if (msg->type == JSONRPC_REPLY && msg->result->type == JSON_OBJECT) {
            const struct json *locked = json_object_get(msg->result,
                                                        "locked");
            bool got = locked && locked->type == JSON_TRUE;
            idl->has_lock = got;
            idl->is_lock_contended = !got;
            idl->change_seqno++;
        }
    } else {
        struct ovsdb_idl_txn *txn;
        LIST_FOR_EACH (txn, outstanding_node, &idl->outstanding_txns) {
            if (json_equal(txn->request_id, msg->id)) {
                txn_process_reply(txn, msg);
                return;
            }
        }
    }
}

/* Reading. */

const struct ovsdb_idl_row *
ovsdb_idl_get_row_for_uuid(const struct ovsdb_idl *idl,
                           const struct ovsdb_idl_table_class *tc,
                           const struct uuid *uuid)
{
    const struct ovsdb_idl_row *row
        = row_find(idl_table_from_class(idl, tc), uuid);
    return row && row_is_visible(row) ? row : NULL;
}

static const struct ovsdb_idl_row *
next_visible(const struct ovsdb_idl_table *table, struct hmap_node *node)
{
    for (; node; node = hmap_next(&table->rows, node)) {
        const struct ovsdb_idl_row *row
            = CONTAINER_OF(node, struct ovsdb_idl_row, hmap_node);
        if (row_is_visible(row)) {
            return row;
        }
    }
    return NULL;
}

const struct ovsdb_idl_row *
ovsdb_idl_first_row(const struct ovsdb_idl *idl,
                    const struct ovsdb_idl_table_class *tc)
{
    const struct ovsdb_idl_table *table = idl_table_from_class(idl, tc);
    return next_visible(table, hmap_first(&table->rows));
}

const struct ovsdb_idl_row *
ovsdb_idl_next_row(const struct ovsdb_idl_row *row)
{
    const struct ovsdb_idl_table *table = row->table;

    if (row->deleted) {
        return NULL;
    }
    return next_visible(table, hmap_next(&table->rows, &row->hmap_node));
}

const struct ovsdb_datum *
ovsdb_idl_read(const struct ovsdb_idl_row *row,
               const struct ovsdb_idl_column *column)
{
    size_t idx = column_index(row->table, column);
    const struct ovsdb_datum *d = row_current(row);

    if (!d) {
        d = row->old_datum;
    }
    if (row->table->idl->verify_write_only
        && !(row->table->modes[idx] & OVSDB_IDL_MONITOR)
        && !(row->written && bitmap_is_set(row->written, idx))) {
        VLOG_ERR("%s.%s is write-only but was read", row->table->class_->name,
                 column->name);
        ovs_assert(row->table->modes[idx] & OVSDB_IDL_MONITOR);
    }
    if (d) {
        return &d[idx];
    }
    /* A row without data (never the case for rows clients can see). */
    static struct ovsdb_datum empty;
    return &empty;
}

const struct ovsdb_datum *
ovsdb_idl_get(const struct ovsdb_idl_row *row,
              const struct ovsdb_idl_column *column,
              enum ovsdb_atomic_type key_type,
              enum ovsdb_atomic_type value_type)
{
    ovs_assert(column->type.key.type == key_type);
    ovs_assert(column->type.value.type == value_type);
    return ovsdb_idl_read(row, column);
}

bool
ovsdb_idl_row_is_synthetic(const struct ovsdb_idl_row *row)
{
    return row->txn_state == OVSDB_IDL_ROW_INSERTED;
}

const struct ovsdb_idl_table_class *
ovsdb_idl_row_get_table(const struct ovsdb_idl_row *row)
{
    return row->table->class_;
}

/* Conditions. */

static const char *const function_names[] = {
    "==", "!=", "<", "<=", ">", ">=", "includes", "excludes"
};

const char *
ovsdb_idl_function_to_string(enum ovsdb_idl_function f)
{
    return (size_t) f < ARRAY_SIZE(function_names) ? function_names[f] : "?";
}

void
ovsdb_idl_condition_init(struct ovsdb_idl_condition *cond)
{
    cond->clauses = NULL;
    cond->n_clauses = 0;
    cond->is_true = false;
}

void
ovsdb_idl_condition_clear(struct ovsdb_idl_condition *cond)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        ovsdb_datum_destroy(&cond->clauses[i].arg,
                            &cond->clauses[i].column->type);
    }
    free(cond->clauses);
    ovsdb_idl_condition_init(cond);
}

void
ovsdb_idl_condition_destroy(struct ovsdb_idl_condition *cond)
{
    ovsdb_idl_condition_clear(cond);
}

void
ovsdb_idl_condition_add_clause_true(struct ovsdb_idl_condition *cond)
{
    cond->is_true = true;
}

void
ovsdb_idl_condition_add_clause(struct ovsdb_idl_condition *cond,
                               enum ovsdb_idl_function function,
                               const struct ovsdb_idl_column *column,
                               const struct ovsdb_datum *arg)
{
    struct ovsdb_idl_clause *c;

    cond->clauses = xrealloc(cond->clauses,
                             (cond->n_clauses + 1) * sizeof *cond->clauses);
    c = &cond->clauses[cond->n_clauses++];
    c->function = function;
    c->column = column;
    ovsdb_datum_clone(&c->arg, arg, &column->type);
}

bool
ovsdb_idl_condition_is_true(const struct ovsdb_idl_condition *cond)
{
    return cond->is_true;
}

static void
condition_clone(struct ovsdb_idl_condition *dst,
                const struct ovsdb_idl_condition *src)
{
    ovsdb_idl_condition_init(dst);
    dst->is_true = src->is_true;
    for (size_t i = 0; i < src->n_clauses; i++) {
        ovsdb_idl_condition_add_clause(dst, src->clauses[i].function,
                                       src->clauses[i].column,
                                       &src->clauses[i].arg);
    }
}

static bool
condition_equal(const struct ovsdb_idl_condition *a,
                const struct ovsdb_idl_condition *b)
{
    if (a->is_true != b->is_true || a->n_clauses != b->n_clauses) {
        return false;
    }
    for (size_t i = 0; i < a->n_clauses; i++) {
        const struct ovsdb_idl_clause *x = &a->clauses[i];
        const struct ovsdb_idl_clause *y = &b->clauses[i];
        if (x->function != y->function || x->column != y->column
            || !ovsdb_datum_equals(&x->arg, &y->arg, &x->column->type)) {
            return false;
        }
    }
    return true;
}

/* The "where" array of COND: its clauses, which the server ORs. */
static struct json *
condition_to_json(const struct ovsdb_idl_condition *cond)
{
    struct json *where = json_array_create_empty();

    if (cond->is_true) {
        json_array_add(where, json_boolean_create(true));
        return where;
    }
    for (size_t i = 0; i < cond->n_clauses; i++) {
        const struct ovsdb_idl_clause *c = &cond->clauses[i];
        json_array_add(where, json_array_create_3(
                           json_string_create(c->column->name),
                           json_string_create(
                               ovsdb_idl_function_to_string(c->function)),
                           ovsdb_datum_to_json(&c->arg, &c->column->type)));
    }
    if (!cond->n_clauses) {
        json_array_add(where, json_boolean_create(false));
    }
    return where;
}

unsigned int
ovsdb_idl_set_condition(struct ovsdb_idl *idl,
                        const struct ovsdb_idl_table_class *tc,
                        const struct ovsdb_idl_condition *cond)
{
    struct ovsdb_idl_table *table = idl_table_from_class(idl, tc);
    unsigned int pending = (idl->cond_request_id ? 1 : 0);

    if (table->condition && condition_equal(table->condition, cond)) {
        return idl->cond_seqno + pending + (idl->cond_unsent ? 1 : 0);
    }
    if (!table->condition) {
        table->condition = xmalloc(sizeof *table->condition);
    } else {
        ovsdb_idl_condition_destroy(table->condition);
    }
    condition_clone(table->condition, cond);
    table->cond_changed = true;
    idl->cond_unsent = true;
    return idl->cond_seqno + pending + 1;
}

unsigned int
ovsdb_idl_get_condition_seqno(const struct ovsdb_idl *idl)
{
    return idl->cond_seqno;
}

/* Locks. */

static void
send_lock_request(struct ovsdb_idl *idl)
{
    json_destroy(idl->lock_request_id);
    idl->lock_request_id = NULL;
    idl_send_request(idl, "lock",
                     json_array_create_1(json_string_create(idl->lock_name)),
                     &idl->lock_request_id);
}

void
ovsdb_idl_set_lock(struct ovsdb_idl *idl, const char *lock_name)
{
    bool connected = ovsdb_idl_is_connected(idl);

    if (idl->lock_name && lock_name && !strcmp(idl->lock_name, lock_name)) {
        return;
    }
    if (idl->lock_name) {
        if (connected) {
            jsonrpc_session_send(idl->session, jsonrpc_create_request(
                                     "unlock",
                                     json_array_create_1(json_string_create(
                                                             idl->lock_name)),
                                     NULL));
        }
        free(idl->lock_name);
        idl->lock_name = NULL;
        json_destroy(idl->lock_request_id);
        idl->lock_request_id = NULL;
    }
    idl->has_lock = false;
    idl->is_lock_contended = false;
    if (lock_name) {
        idl->lock_name = xstrdup(lock_name);
        if (connected) {
            send_lock_request(idl);
        }
    }
}

bool
ovsdb_idl_has_lock(const struct ovsdb_idl *idl)
{
    return idl->has_lock;
}

bool
ovsdb_idl_is_lock_contended(const struct ovsdb_idl *idl)
{
    return idl->is_lock_contended;
}

/* Transactions. */

const char *
ovsdb_idl_txn_status_to_string(enum ovsdb_idl_txn_status status)
{
    switch (status) {
    case TXN_UNCOMMITTED: return "uncommitted";
    case TXN_UNCHANGED: return "unchanged";
    case TXN_INCOMPLETE: return "incomplete";
    case TXN_ABORTED: return "aborted";
    case TXN_SUCCESS: return "success";
    case TXN_TRY_AGAIN: return "try again";
    case TXN_NOT_LOCKED: return "not locked";
    case TXN_ERROR: return "error";
    }
    return "<unknown>";
}

struct ovsdb_idl_txn *
ovsdb_idl_txn_create(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_txn *txn = xzalloc(sizeof *txn);

    ovs_assert(!idl->txn);
    txn->idl = idl;
    ovs_list_init(&txn->rows);
    ovs_list_init(&txn->outstanding_node);
    txn->status = TXN_UNCOMMITTED;
    ds_init(&txn->comment);
    hmap_init(&txn->inserted);
    idl->txn = txn;
    return txn;
}

void
ovsdb_idl_txn_add_comment(struct ovsdb_idl_txn *txn, const char *s, ...)
{
    va_list args;

    if (txn->comment.length) {
        ds_put_char(&txn->comment, '\n');
    }
    va_start(args, s);
    ds_put_format_valist(&txn->comment, s, args);
    va_end(args);
}

void
ovsdb_idl_txn_set_dry_run(struct ovsdb_idl_txn *txn)
{
    txn->dry_run = true;
}

void
ovsdb_idl_txn_increment(struct ovsdb_idl_txn *txn,
                        const struct ovsdb_idl_row *row,
                        const struct ovsdb_idl_column *column, bool force)
{
    ovs_assert(column->type.key.type == OVSDB_TYPE_INTEGER);
    ovs_assert(ovsdb_type_is_scalar(&column->type));
    txn->inc = true;
    txn->inc_force = force;
    txn->inc_table = row->table->class_;
    txn->inc_column = column;
    txn->inc_row = row->uuid;
}

static void
txn_complete(struct ovsdb_idl_txn *txn, enum ovsdb_idl_txn_status status)
{
    txn->status = status;
    if (!ovs_list_is_empty(&txn->outstanding_node)) {
        ovs_list_remove(&txn->outstanding_node);
        ovs_list_init(&txn->outstanding_node);
    }
}

static void
txn_abort_all(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_txn *txn;

    LIST_FOR_EACH_SAFE (txn, outstanding_node, &idl->outstanding_txns) {
        txn_complete(txn, TXN_TRY_AGAIN);
    }
}

void
ovsdb_idl_txn_destroy(struct ovsdb_idl_txn *txn)
{
    struct txn_insert *ins;

    if (!txn) {
        return;
    }
    if (txn->idl->txn == txn) {
        txn_disassemble(txn);
        txn->idl->txn = NULL;
    }
    if (!ovs_list_is_empty(&txn->outstanding_node)) {
        ovs_list_remove(&txn->outstanding_node);
    }
    HMAP_FOR_EACH_POP (ins, node, &txn->inserted) {
        free(ins);
    }
    hmap_destroy(&txn->inserted);
    ds_destroy(&txn->comment);
    json_destroy(txn->request_id);
    free(txn->error);
    free(txn);
}

void
ovsdb_idl_txn_wait(const struct ovsdb_idl_txn *txn)
{
    if (txn->status != TXN_UNCOMMITTED && txn->status != TXN_INCOMPLETE) {
        poll_immediate_wake();
    }
}

static void
partial_destroy(const struct ovsdb_idl_column *column,
                struct ovsdb_idl_partial *p)
{
    if (p->used) {
        struct ovsdb_type kt = key_set_type(&column->type);
        ovsdb_datum_destroy(&p->del, &kt);
        ovsdb_datum_destroy(&p->ins, &column->type);
        ovsdb_base_type_destroy(&kt.key);
        p->used = false;
    }
}

/* Returns every row the transaction touched to the replica's view. */
static void
txn_disassemble(struct ovsdb_idl_txn *txn)
{
    struct ovsdb_idl_row *row;

    LIST_FOR_EACH_POP (row, txn_node, &txn->rows) {
        const struct ovsdb_idl_table_class *tc = row->table->class_;
        enum ovsdb_idl_row_txn_state state = row->txn_state;

        ovs_list_init(&row->txn_node);
        free(row->prereqs);
        row->prereqs = NULL;
        free(row->written);
        row->written = NULL;
        if (row->partials) {
            for (size_t i = 0; i < tc->n_columns; i++) {
                partial_destroy(&tc->columns[i], &row->partials[i]);
            }
            free(row->partials);
            row->partials = NULL;
        }
        datums_destroy(row->table, row->new_datum);
        row->new_datum = NULL;
        row->txn_state = OVSDB_IDL_ROW_UNTOUCHED;

        switch (state) {
        case OVSDB_IDL_ROW_INSERTED:
            row_unparse(row);
            row_reparse_srcs(row);
            gc_add(row);
            break;
        case OVSDB_IDL_ROW_MODIFIED:
            row_reparse(row);
            break;
        case OVSDB_IDL_ROW_DELETED:
            row_reparse(row);
            row_reparse_srcs(row);
            break;
        case OVSDB_IDL_ROW_UNTOUCHED:
        default:
            break;
        }
    }
    idl_gc(txn->idl);
}

static void
txn_add_row(struct ovsdb_idl_txn *txn, struct ovsdb_idl_row *row)
{
    if (ovs_list_is_empty(&row->txn_node)) {
        ovs_list_push_back(&txn->rows, &row->txn_node);
    }
}

/* Makes ROW writable in the open transaction. */
static struct ovsdb_idl_txn *
row_prepare_write(struct ovsdb_idl_row *row)
{
    struct ovsdb_idl_txn *txn = row->table->idl->txn;

    ovs_assert(txn);
    ovs_assert(row->txn_state != OVSDB_IDL_ROW_DELETED);
    ovs_assert(row->old_datum || row->txn_state == OVSDB_IDL_ROW_INSERTED);
    if (row->txn_state == OVSDB_IDL_ROW_UNTOUCHED) {
        row->txn_state = OVSDB_IDL_ROW_MODIFIED;
        row->new_datum = datums_clone(row->table, row->old_datum);
    }
    if (!row->written) {
        row->written = bitmap_allocate(row->table->class_->n_columns);
    }
    txn_add_row(txn, row);
    return txn;
}

void
ovsdb_idl_txn_write(const struct ovsdb_idl_row *row_,
                    const struct ovsdb_idl_column *column,
                    struct ovsdb_datum *datum)
{
    struct ovsdb_idl_row *row = CONST_CAST(struct ovsdb_idl_row *, row_);
    size_t idx = column_index(row->table, column);

    /* DATUM may have more elements than the column allows (ovs-vsctl's
     * "add" leaves that check to the server, as upstream does); the
     * server then rejects the transaction with a constraint violation. */
    row_prepare_write(row);
    ovsdb_datum_destroy(&row->new_datum[idx], &column->type);
    row->new_datum[idx] = *datum;
    bitmap_set1(row->written, idx);
    if (row->partials) {
        partial_destroy(column, &row->partials[idx]);
    }
    row_reparse(row);
}

void
ovsdb_idl_txn_write_clone(const struct ovsdb_idl_row *row,
                          const struct ovsdb_idl_column *column,
                          const struct ovsdb_datum *datum)
{
    struct ovsdb_datum clone;

    ovsdb_datum_clone(&clone, datum, &column->type);
    ovsdb_idl_txn_write(row, column, &clone);
}

enum partial_op {
    PARTIAL_MAP_SET,            /* Set keys to values. */
    PARTIAL_MAP_DEL,            /* Delete keys. */
    PARTIAL_SET_ADD,            /* Add elements. */
    PARTIAL_SET_DEL             /* Remove elements. */
};

static void
partial_update(const struct ovsdb_idl_row *row_,
               const struct ovsdb_idl_column *column,
               struct ovsdb_datum *datum, enum partial_op op)
{
    struct ovsdb_idl_row *row = CONST_CAST(struct ovsdb_idl_row *, row_);
    size_t idx = column_index(row->table, column);
    const struct ovsdb_type *type = &column->type;
    struct ovsdb_type kt = key_set_type(type);
    struct ovsdb_datum keys;
    bool is_map = ovsdb_type_is_map(type);

    ovs_assert(is_map == (op == PARTIAL_MAP_SET || op == PARTIAL_MAP_DEL));
    row_prepare_write(row);

    /* The keys of DATUM, as a set. */
    ovsdb_datum_init_empty(&keys);
    keys.n = datum->n;
    keys.keys = xmalloc((datum->n + 1) * sizeof *keys.keys);
    for (unsigned int i = 0; i < datum->n; i++) {
        ovsdb_atom_clone(&keys.keys[i], &datum->keys[i], type->key.type);
    }

    /* Update the transaction's view. */
    struct ovsdb_datum *cur = &row->new_datum[idx];
    switch (op) {
    case PARTIAL_MAP_SET:
        ovsdb_datum_subtract(cur, type, &keys, &kt);
        ovsdb_datum_union(cur, datum, type);
        break;
    case PARTIAL_MAP_DEL:
    case PARTIAL_SET_DEL:
        ovsdb_datum_subtract(cur, type, &keys, &kt);
        break;
    case PARTIAL_SET_ADD:
        ovsdb_datum_union(cur, datum, type);
        break;
    }

    /* Remember the mutation unless the whole value is sent anyway. */
    if (!bitmap_is_set(row->written, idx)
        && row->txn_state != OVSDB_IDL_ROW_INSERTED) {
        if (!row->partials) {
            row->partials = xcalloc(row->table->class_->n_columns + 1,
                                    sizeof *row->partials);
        }
        struct ovsdb_idl_partial *p = &row->partials[idx];
        if (!p->used) {
            p->used = true;
            ovsdb_datum_init_empty(&p->del);
            ovsdb_datum_init_empty(&p->ins);
        }
        switch (op) {
        case PARTIAL_MAP_SET:
            ovsdb_datum_subtract(&p->ins, type, &keys, &kt);
            ovsdb_datum_union(&p->ins, datum, type);
            ovsdb_datum_union(&p->del, &keys, &kt);
            break;
        case PARTIAL_MAP_DEL:
        case PARTIAL_SET_DEL:
            ovsdb_datum_subtract(&p->ins, type, &keys, &kt);
            ovsdb_datum_union(&p->del, &keys, &kt);
            break;
        case PARTIAL_SET_ADD:
            ovsdb_datum_subtract(&p->del, &kt, &keys, &kt);
            ovsdb_datum_union(&p->ins, datum, type);
            break;
        }
    } else {
        bitmap_set1(row->written, idx);
    }
    ovsdb_datum_destroy(&keys, &kt);
    ovsdb_base_type_destroy(&kt.key);
    ovsdb_datum_destroy(datum, is_map && op == PARTIAL_MAP_SET ? type
                        : &kt);
    row_reparse(row);
}

void
ovsdb_idl_txn_write_partial_map(const struct ovsdb_idl_row *row,
                                const struct ovsdb_idl_column *column,
                                struct ovsdb_datum *datum)
{
    partial_update(row, column, datum, PARTIAL_MAP_SET);
}

void
ovsdb_idl_txn_delete_partial_map(const struct ovsdb_idl_row *row,
                                 const struct ovsdb_idl_column *column,
                                 struct ovsdb_datum *datum)
{
    partial_update(row, column, datum, PARTIAL_MAP_DEL);
}

void
ovsdb_idl_txn_write_partial_set(const struct ovsdb_idl_row *row,
                                const struct ovsdb_idl_column *column,
                                struct ovsdb_datum *datum)
{
    partial_update(row, column, datum, PARTIAL_SET_ADD);
}

void
ovsdb_idl_txn_delete_partial_set(const struct ovsdb_idl_row *row,
                                 const struct ovsdb_idl_column *column,
                                 struct ovsdb_datum *datum)
{
    partial_update(row, column, datum, PARTIAL_SET_DEL);
}

void
ovsdb_idl_txn_verify(const struct ovsdb_idl_row *row_,
                     const struct ovsdb_idl_column *column)
{
    struct ovsdb_idl_row *row = CONST_CAST(struct ovsdb_idl_row *, row_);
    struct ovsdb_idl_txn *txn = row->table->idl->txn;
    size_t idx = column_index(row->table, column);

    ovs_assert(txn);
    if (!row->old_datum || row->txn_state == OVSDB_IDL_ROW_INSERTED) {
        return;
    }
    if (!row->prereqs) {
        row->prereqs = bitmap_allocate(row->table->class_->n_columns);
    }
    bitmap_set1(row->prereqs, idx);
    txn_add_row(txn, row);
}

void
ovsdb_idl_txn_delete(const struct ovsdb_idl_row *row_)
{
    struct ovsdb_idl_row *row = CONST_CAST(struct ovsdb_idl_row *, row_);
    struct ovsdb_idl_txn *txn = row->table->idl->txn;

    ovs_assert(txn);
    ovs_assert(row_is_visible(row));
    if (row->txn_state == OVSDB_IDL_ROW_INSERTED) {
        /* Never sent: forget it altogether. */
        ovs_list_remove(&row->txn_node);
        ovs_list_init(&row->txn_node);
        datums_destroy(row->table, row->new_datum);
        row->new_datum = NULL;
        free(row->written);
        row->written = NULL;
        row->txn_state = OVSDB_IDL_ROW_UNTOUCHED;
        row_unparse(row);
        row_reparse_srcs(row);
        gc_add(row);
        return;
    }
    bool was_modified = row->txn_state == OVSDB_IDL_ROW_MODIFIED;
    row->txn_state = OVSDB_IDL_ROW_DELETED;
    row->table->generation++;
    if (was_modified) {
        /* The typed members point into the transaction's values: parse
         * the replica's again before freeing them. */
        row_reparse(row);
        datums_destroy(row->table, row->new_datum);
        row->new_datum = NULL;
    }
    txn_add_row(txn, row);
    row_reparse_srcs(row);
}

const struct ovsdb_idl_row *
ovsdb_idl_txn_insert(struct ovsdb_idl_txn *txn,
                     const struct ovsdb_idl_table_class *tc,
                     const struct uuid *uuid)
{
    struct ovsdb_idl_table *table = idl_table_from_class(txn->idl, tc);
    struct ovsdb_idl_row *row;
    struct uuid u;

    ovs_assert(txn->idl->txn == txn);
    if (uuid) {
        u = *uuid;
    } else {
        uuid_generate(&u);
    }
    row = row_find(table, &u);
    ovs_assert(!row || (!row->old_datum && !row->new_datum));
    if (!row) {
        row = row_create(table, &u);
    }
    row->txn_state = OVSDB_IDL_ROW_INSERTED;
    row->new_datum = datums_default(table);
    row->written = bitmap_allocate(tc->n_columns);
    txn_add_row(txn, row);
    row_reparse(row);
    row_reparse_srcs(row);
    return row;
}

struct ovsdb_idl *
ovsdb_idl_txn_get_idl(struct ovsdb_idl_txn *txn)
{
    return txn->idl;
}

struct ovsdb_idl_txn *
ovsdb_idl_get_txn(const struct ovsdb_idl *idl)
{
    return idl->txn;
}

const char *
ovsdb_idl_txn_get_error(const struct ovsdb_idl_txn *txn)
{
    if (txn->status != TXN_ERROR) {
        return ovsdb_idl_txn_status_to_string(txn->status);
    }
    return txn->error ? txn->error : "no error details available";
}

int64_t
ovsdb_idl_txn_get_increment_new_value(const struct ovsdb_idl_txn *txn)
{
    return txn->inc_new_value;
}

const struct uuid *
ovsdb_idl_txn_get_insert_uuid(const struct ovsdb_idl_txn *txn,
                              const struct uuid *uuid)
{
    struct txn_insert *ins;

    HMAP_FOR_EACH_WITH_HASH (ins, node, uuid_hash(uuid), &txn->inserted) {
        if (uuid_equals(&ins->dummy, uuid)) {
            return ins->have_real ? &ins->real : NULL;
        }
    }
    return NULL;
}

static struct txn_insert *
txn_find_insert(const struct ovsdb_idl_txn *txn, const struct uuid *uuid)
{
    struct txn_insert *ins;

    HMAP_FOR_EACH_WITH_HASH (ins, node, uuid_hash(uuid), &txn->inserted) {
        if (uuid_equals(&ins->dummy, uuid)) {
            return ins;
        }
    }
    return NULL;
}

static char *
insert_name(const struct uuid *uuid)
{
    char *s = xasprintf("row"UUID_FMT, UUID_ARGS(uuid));
    for (char *p = s; *p; p++) {
        if (*p == '-') {
            *p = '_';
        }
    }
    return s;
}

/* Replaces ["uuid", U] for rows the transaction inserts by
 * ["named-uuid", NAME], throughout JSON. */
static void
substitute_named_uuids(const struct ovsdb_idl_txn *txn, struct json *json)
{
    if (json->type == JSON_ARRAY) {
        struct json_array *a = &json->array;
        struct uuid uuid;

        if (a->n == 2 && a->elems[0]->type == JSON_STRING
            && a->elems[1]->type == JSON_STRING
            && !strcmp(json_string(a->elems[0]), "uuid")
            && uuid_from_string(&uuid, json_string(a->elems[1]))
            && txn_find_insert(txn, &uuid)) {
            json_destroy(a->elems[0]);
            json_destroy(a->elems[1]);
            a->elems[0] = json_string_create("named-uuid");
            a->elems[1] = json_string_create_nocopy(insert_name(&uuid));
            return;
        }
        for (size_t i = 0; i < a->n; i++) {
            substitute_named_uuids(txn, a->elems[i]);
        }
    } else if (json->type == JSON_OBJECT) {
        struct shash_node *node;
        SHASH_FOR_EACH (node, json_object(json)) {
            substitute_named_uuids(txn, node->data);
        }
    }
}

static struct json *
op_create(const char *op, const char *table)
{
    struct json *j = json_object_create();
    json_object_put_string(j, "op", op);
    if (table) {
        json_object_put_string(j, "table", table);
    }
    return j;
}

/* Builds the "transact" parameters.  Returns NULL if there is nothing to
 * change. */
static struct json *
txn_compose(struct ovsdb_idl_txn *txn)
{
    struct ovsdb_idl *idl = txn->idl;
    struct json *ops = json_array_create_1(
        json_string_create(idl->class_->database));
    bool any_updates = false;
    struct ovsdb_idl_row *row;

    if (idl->lock_name) {
        struct json *op = op_create("assert", NULL);
        json_object_put_string(op, "lock", idl->lock_name);
        json_array_add(ops, op);
    }

    /* Verifications first. */
    LIST_FOR_EACH (row, txn_node, &txn->rows) {
        const struct ovsdb_idl_table_class *tc = row->table->class_;

        if (!row->prereqs || !row->old_datum
            || row->txn_state == OVSDB_IDL_ROW_INSERTED) {
            continue;
        }
        struct json *columns = json_array_create_empty();
        struct json *values = json_object_create();
        for (size_t i = 0; i < tc->n_columns; i++) {
            if (bitmap_is_set(row->prereqs, i)) {
                json_array_add(columns,
                               json_string_create(tc->columns[i].name));
                json_object_put(values, tc->columns[i].name,
                                ovsdb_datum_to_json(&row->old_datum[i],
                                                    &tc->columns[i].type));
            }
        }
        struct json *op = op_create("wait", tc->name);
        json_object_put(op, "timeout", json_integer_create(0));
        json_object_put(op, "where", uuid_clause(&row->uuid));
        json_object_put_string(op, "until", "==");
        json_object_put(op, "columns", columns);
        json_object_put(op, "rows", json_array_create_1(values));
        json_array_add(ops, op);
    }

    /* Inserted rows get names first, so that references to them can be
     * written as named uuids. */
    LIST_FOR_EACH (row, txn_node, &txn->rows) {
        if (row->txn_state == OVSDB_IDL_ROW_INSERTED) {
            struct txn_insert *ins = xzalloc(sizeof *ins);
            ins->dummy = row->uuid;
            hmap_insert(&txn->inserted, &ins->node, uuid_hash(&row->uuid));
        }
    }

    LIST_FOR_EACH (row, txn_node, &txn->rows) {
        const struct ovsdb_idl_table_class *tc = row->table->class_;
        struct json *op;

        switch (row->txn_state) {
        case OVSDB_IDL_ROW_DELETED:
            /* As upstream does, a row of a non-root table is not deleted
             * explicitly: the server garbage-collects it once nothing
             * refers to it any more (and keeps it if something still
             * does). */
            if (tc->is_root) {
                op = op_create("delete", tc->name);
                json_object_put(op, "where", uuid_clause(&row->uuid));
                json_array_add(ops, op);
                any_updates = true;
            }
            break;

        case OVSDB_IDL_ROW_INSERTED: {
            struct json *values = json_object_create();
            for (size_t i = 0; i < tc->n_columns; i++) {
                const struct ovsdb_type *type = &tc->columns[i].type;
                if (bitmap_is_set(row->written, i)
                    && !ovsdb_datum_is_default(&row->new_datum[i], type)) {
                    json_object_put(values, tc->columns[i].name,
                                    ovsdb_datum_to_json(&row->new_datum[i],
                                                        type));
                }
            }
            op = op_create("insert", tc->name);
            json_object_put(op, "uuid-name",
                            json_string_create_nocopy(
                                insert_name(&row->uuid)));
            json_object_put(op, "row", values);
            txn_find_insert(txn, &row->uuid)->op_index
                = json_array(ops)->n - 1;
            json_array_add(ops, op);
            any_updates = true;
            break;
        }

        case OVSDB_IDL_ROW_MODIFIED: {
            struct json *values = json_object_create();
            struct json *mutations = json_array_create_empty();
            for (size_t i = 0; i < tc->n_columns; i++) {
                const struct ovsdb_type *type = &tc->columns[i].type;
                bool write_only = !(row->table->modes[i]
                                    & OVSDB_IDL_MONITOR);
                if (bitmap_is_set(row->written, i)) {
                    if (write_only
                        || !ovsdb_datum_equals(&row->new_datum[i],
                                               &row->old_datum[i], type)) {
                        json_object_put(values, tc->columns[i].name,
                                        ovsdb_datum_to_json(
                                            &row->new_datum[i], type));
                    }
                } else if (row->partials && row->partials[i].used) {
                    struct ovsdb_idl_partial *p = &row->partials[i];
                    struct ovsdb_type kt = key_set_type(type);
                    if (p->del.n) {
                        json_array_add(mutations, json_array_create_3(
                            json_string_create(tc->columns[i].name),
                            json_string_create("delete"),
                            ovsdb_datum_to_json(&p->del, &kt)));
                    }
                    if (p->ins.n) {
                        struct ovsdb_type ut = unlimited_type(type);
                        json_array_add(mutations, json_array_create_3(
                            json_string_create(tc->columns[i].name),
                            json_string_create("insert"),
                            ovsdb_datum_to_json(&p->ins, &ut)));
                        unlimited_type_destroy(&ut);
                    }
                    ovsdb_base_type_destroy(&kt.key);
                }
            }
            if (!shash_is_empty(json_object(values))) {
                op = op_create("update", tc->name);
                json_object_put(op, "where", uuid_clause(&row->uuid));
                json_object_put(op, "row", values);
                json_array_add(ops, op);
                any_updates = true;
            } else {
                json_destroy(values);
            }
            if (json_array(mutations)->n) {
                op = op_create("mutate", tc->name);
                json_object_put(op, "where", uuid_clause(&row->uuid));
                json_object_put(op, "mutations", mutations);
                json_array_add(ops, op);
                any_updates = true;
            } else {
                json_destroy(mutations);
            }
            break;
        }

        case OVSDB_IDL_ROW_UNTOUCHED:
        default:
            break;
        }
    }

    if (txn->inc && (any_updates || txn->inc_force)) {
        struct json *op = op_create("mutate", txn->inc_table->name);
        json_object_put(op, "where", uuid_clause(&txn->inc_row));
        json_object_put(op, "mutations", json_array_create_1(
                            json_array_create_3(
                                json_string_create(txn->inc_column->name),
                                json_string_create("+="),
                                json_integer_create(1))));
        json_array_add(ops, op);

        op = op_create("select", txn->inc_table->name);
        json_object_put(op, "where", uuid_clause(&txn->inc_row));
        json_object_put(op, "columns", json_array_create_1(
                            json_string_create(txn->inc_column->name)));
        txn->inc_index = json_array(ops)->n - 1;
        json_array_add(ops, op);
        any_updates = true;
    } else {
        txn->inc = false;
    }

    if (txn->comment.length) {
        struct json *op = op_create("comment", NULL);
        json_object_put_string(op, "comment", ds_cstr(&txn->comment));
        json_array_add(ops, op);
    }
    if (txn->dry_run) {
        txn->abort_index = json_array(ops)->n - 1;
        json_array_add(ops, op_create("abort", NULL));
    }

    if (!any_updates) {
        json_destroy(ops);
        return NULL;
    }
    substitute_named_uuids(txn, ops);
    return ops;
}

enum ovsdb_idl_txn_status
ovsdb_idl_txn_commit(struct ovsdb_idl_txn *txn)
{
    struct ovsdb_idl *idl = txn->idl;
    struct json *params;

    if (txn != idl->txn) {
        return txn->status;
    }

    if (!ovsdb_idl_is_connected(idl) || idl->state != IDL_S_MONITORING) {
        txn->status = TXN_TRY_AGAIN;
    } else if (idl->lock_name && !idl->has_lock) {
        txn->status = TXN_NOT_LOCKED;
    } else if (!(params = txn_compose(txn))) {
        txn->status = TXN_UNCHANGED;
    } else {
        struct jsonrpc_msg *msg = jsonrpc_create_request("transact", params,
                                                         &txn->request_id);
        if (jsonrpc_session_send(idl->session, msg)) {
            txn->status = TXN_TRY_AGAIN;
        } else {
            txn->status = TXN_INCOMPLETE;
            ovs_list_push_back(&idl->outstanding_txns,
                               &txn->outstanding_node);
        }
    }
    txn_disassemble(txn);
    idl->txn = NULL;
    return txn->status;
}

enum ovsdb_idl_txn_status
ovsdb_idl_txn_commit_block(struct ovsdb_idl_txn *txn)
{
    enum ovsdb_idl_txn_status status;

    while ((status = ovsdb_idl_txn_commit(txn)) == TXN_INCOMPLETE) {
        ovsdb_idl_run(txn->idl);
        ovsdb_idl_wait(txn->idl);
        ovsdb_idl_txn_wait(txn);
        poll_block();
    }
    return status;
}

void
ovsdb_idl_txn_abort(struct ovsdb_idl_txn *txn)
{
    if (txn->idl->txn == txn) {
        txn_disassemble(txn);
        txn->idl->txn = NULL;
        txn->status = TXN_ABORTED;
    }
}

static const char *
op_error(const struct json *result)
{
    const struct json *error;

    if (result->type != JSON_OBJECT) {
        return NULL;
    }
    error = json_object_get(result, "error");
    if (!error) {
        return NULL;
    }
    return error->type == JSON_STRING ? json_string(error) : "error";
}

static void
txn_process_reply(struct ovsdb_idl_txn *txn, const struct jsonrpc_msg *msg)
{
    if (msg->type == JSONRPC_ERROR) {
        free(txn->error);
        txn->error = json_to_string(msg->error, JSSF_SORT);
        txn_complete(txn, TXN_ERROR);
        return;
    }
    if (msg->result->type != JSON_ARRAY) {
        free(txn->error);
        txn->error = xstrdup("reply to \"transact\" is not a JSON array");
        txn_complete(txn, TXN_ERROR);
        return;
    }

    const struct json_array *results = json_array(msg->result);
    bool hard = false, soft = false, lock = false, aborted = false;

    for (size_t i = 0; i < results->n; i++) {
        const char *error = op_error(results->elems[i]);
        if (!error) {
            continue;
        }
        if (txn->dry_run && i == txn->abort_index
            && !strcmp(error, "aborted")) {
            aborted = true;
        } else if (!strcmp(error, "timed out")) {
            soft = true;
        } else if (!strcmp(error, "not owner")) {
            lock = true;
        } else {
            if (!hard) {
                free(txn->error);
                txn->error = json_to_string(results->elems[i], JSSF_SORT);
            }
            hard = true;
        }
    }

    if (!hard && !soft && !lock) {
        struct txn_insert *ins;
        HMAP_FOR_EACH (ins, node, &txn->inserted) {
            const struct json *r, *u;
            if (ins->op_index < results->n
                && (r = results->elems[ins->op_index])->type == JSON_OBJECT
                && (u = json_object_get(r, "uuid"))
                && u->type == JSON_ARRAY && json_array(u)->n == 2
                && json_array(u)->elems[1]->type == JSON_STRING
                && uuid_from_string(&ins->real,
                                    json_string(json_array(u)->elems[1]))) {
                ins->have_real = true;
            } else if (!aborted) {
                hard = true;
                free(txn->error);
                txn->error = xstrdup("reply to \"insert\" lacks the new "
                                     "row's uuid");
            }
        }
        if (txn->inc && !aborted) {
            const struct json *r, *rows, *value;
            if (txn->inc_index < results->n
                && (r = results->elems[txn->inc_index])->type == JSON_OBJECT
                && (rows = json_object_get(r, "rows"))
                && rows->type == JSON_ARRAY && json_array(rows)->n == 1
                && json_array(rows)->elems[0]->type == JSON_OBJECT
                && (value = json_object_get(json_array(rows)->elems[0],
                                            txn->inc_column->name))
                && value->type == JSON_INTEGER) {
                txn->inc_new_value = json_integer(value);
            } else {
                hard = true;
                free(txn->error);
                txn->error = xstrdup("reply to increment lacks the new "
                                     "value");
            }
        }
    }

    if (hard) {
        static struct vlog_rate_limit txn_rl = VLOG_RATE_LIMIT_INIT(5, 5);
        VLOG_WARN_RL(&txn_rl, "transaction error: %s", txn->error);
    }
    txn_complete(txn, (hard ? TXN_ERROR
                       : lock ? TXN_NOT_LOCKED
                       : soft ? TXN_TRY_AGAIN
                       : aborted ? TXN_UNCHANGED
                       : TXN_SUCCESS));
}

/* Indexes. */

struct ovsdb_idl_index *
ovsdb_idl_index_create(struct ovsdb_idl *idl,
                       const struct ovsdb_idl_index_column *columns,
                       size_t n)
{
    struct ovsdb_idl_index *index = xzalloc(sizeof *index);

    ovs_assert(n > 0);
    index->table = idl_table_from_column(idl, columns[0].column);
    for (size_t i = 1; i < n; i++) {
        ovs_assert(idl_table_from_column(idl, columns[i].column)
                   == index->table);
    }
    index->columns = xmemdup(columns, n * sizeof *columns);
    index->n_columns = n;
    ovs_list_push_back(&idl->indexes, &index->node);
    return index;
}

struct ovsdb_idl_index *
ovsdb_idl_index_create1(struct ovsdb_idl *idl,
                        const struct ovsdb_idl_column *column)
{
    struct ovsdb_idl_index_column c = { column, NULL, OVSDB_INDEX_ASC };
    return ovsdb_idl_index_create(idl, &c, 1);
}

struct ovsdb_idl_index *
ovsdb_idl_index_create2(struct ovsdb_idl *idl,
                        const struct ovsdb_idl_column *column1,
                        const struct ovsdb_idl_column *column2)
{
    struct ovsdb_idl_index_column c[2] = {
        { column1, NULL, OVSDB_INDEX_ASC },
        { column2, NULL, OVSDB_INDEX_ASC },
    };
    return ovsdb_idl_index_create(idl, c, 2);
}

int
ovsdb_idl_index_compare(struct ovsdb_idl_index *index,
                        const struct ovsdb_idl_row *a,
                        const struct ovsdb_idl_row *b)
{
    for (size_t i = 0; i < index->n_columns; i++) {
        const struct ovsdb_idl_index_column *ic = &index->columns[i];
        const struct ovsdb_datum *da = ovsdb_idl_read(a, ic->column);
        const struct ovsdb_datum *db = ovsdb_idl_read(b, ic->column);
        int cmp = (ic->comparer ? ic->comparer(da, db)
                   : ovsdb_datum_compare_3way(da, db, &ic->column->type));
        if (cmp) {
            return ic->order == OVSDB_INDEX_DESC ? -cmp : cmp;
        }
    }
    return 0;
}

/* qsort() has no context argument: the index being sorted. */
static struct ovsdb_idl_index *sorting_index;

static int
compare_index_rows(const void *a_, const void *b_)
{
    const struct ovsdb_idl_row *const *a = a_, *const *b = b_;
    int cmp = ovsdb_idl_index_compare(sorting_index, *a, *b);
    return cmp ? cmp : uuid_compare_3way(&(*a)->uuid, &(*b)->uuid);
}

/* Brings INDEX's sorted rows up to date with its table. */
static void
index_refresh(struct ovsdb_idl_index *index)
{
    struct ovsdb_idl_table *table = index->table;
    const struct ovsdb_idl_row *row;

    if (index->built && index->generation == table->generation) {
        return;
    }
    index->n_rows = 0;
    free(index->rows);
    index->rows = xmalloc((hmap_count(&table->rows) + 1)
                          * sizeof *index->rows);
    for (row = next_visible(table, hmap_first(&table->rows)); row;
         row = next_visible(table, hmap_next(&table->rows,
                                             &row->hmap_node))) {
        index->rows[index->n_rows++] = row;
    }
    if (index->n_rows > 1) {
        sorting_index = index;
        qsort(index->rows, index->n_rows, sizeof *index->rows,
              compare_index_rows);
        sorting_index = NULL;
    }
    index->generation = table->generation;
    index->built = true;
}

struct ovsdb_idl_row *
ovsdb_idl_index_init_row(struct ovsdb_idl_index *index)
{
    struct ovsdb_idl_table *table = index->table;
    const struct ovsdb_idl_table_class *tc = table->class_;
    struct ovsdb_idl_row *row = xzalloc(tc->allocation_size);

    uuid_zero(&row->uuid);
    row->table = table;
    ovs_list_init(&row->src_arcs);
    ovs_list_init(&row->dst_arcs);
    ovs_list_init(&row->txn_node);
    ovs_list_init(&row->track_node);
    ovs_list_init(&row->gc_node);
    if (tc->row_init) {
        tc->row_init(row);
    }
    /* A key is a row of its own that no table holds. */
    row->txn_state = OVSDB_IDL_ROW_INSERTED;
    row->new_datum = datums_default(table);
    row->deleted = true;
    row_parse(row);
    return row;
}

void
ovsdb_idl_index_destroy_row(const struct ovsdb_idl_row *row_)
{
    struct ovsdb_idl_row *row = CONST_CAST(struct ovsdb_idl_row *, row_);

    if (!row) {
        return;
    }
    struct ovsdb_idl *idl = row->table->idl;
    row_unparse(row);
    datums_destroy(row->table, row->new_datum);
    free(row);
    idl_gc(idl);
}

void
ovsdb_idl_index_write(struct ovsdb_idl_row *row,
                      const struct ovsdb_idl_column *column,
                      struct ovsdb_datum *datum)
{
    size_t idx = column_index(row->table, column);

    ovsdb_datum_destroy(&row->new_datum[idx], &column->type);
    row->new_datum[idx] = *datum;
    /* Re-parse without changing the table's generation. */
    unsigned long long int generation = row->table->generation;
    row_reparse(row);
    row->table->generation = generation;
}

struct ovsdb_idl_cursor
ovsdb_idl_cursor_first(struct ovsdb_idl_index *index)
{
    struct ovsdb_idl_cursor cursor = { index, 0, NULL };

    index_refresh(index);
    return cursor;
}

struct ovsdb_idl_cursor
ovsdb_idl_cursor_first_ge(struct ovsdb_idl_index *index,
                          const struct ovsdb_idl_row *key)
{
    struct ovsdb_idl_cursor cursor = { index, 0, NULL };
    size_t lo = 0, hi;

    index_refresh(index);
    hi = index->n_rows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ovsdb_idl_index_compare(index, index->rows[mid], key) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    cursor.position = lo;
    return cursor;
}

struct ovsdb_idl_cursor
ovsdb_idl_cursor_first_eq(struct ovsdb_idl_index *index,
                          const struct ovsdb_idl_row *key)
{
    struct ovsdb_idl_cursor cursor = ovsdb_idl_cursor_first_ge(index, key);

    cursor.key = key;
    if (cursor.position < index->n_rows
        && ovsdb_idl_index_compare(index, index->rows[cursor.position],
                                   key)) {
        cursor.position = index->n_rows;
    }
    return cursor;
}

void
ovsdb_idl_cursor_next(struct ovsdb_idl_cursor *cursor)
{
    if (cursor->position < cursor->index->n_rows) {
        cursor->position++;
    }
}

void
ovsdb_idl_cursor_next_eq(struct ovsdb_idl_cursor *cursor)
{
    struct ovsdb_idl_index *index = cursor->index;

    ovsdb_idl_cursor_next(cursor);
    if (cursor->key && cursor->position < index->n_rows
        && ovsdb_idl_index_compare(index, index->rows[cursor->position],
                                   cursor->key)) {
        cursor->position = index->n_rows;
    }
}

struct ovsdb_idl_row *
ovsdb_idl_cursor_data(struct ovsdb_idl_cursor *cursor)
{
    struct ovsdb_idl_index *index = cursor->index;

    if (cursor->position >= index->n_rows) {
        return NULL;
    }
    return CONST_CAST(struct ovsdb_idl_row *,
                      index->rows[cursor->position]);
}

/* The loop helper. */

void
ovsdb_idl_loop_destroy(struct ovsdb_idl_loop *loop)
{
    if (loop) {
        ovsdb_idl_txn_destroy(loop->committing_txn);
        loop->committing_txn = NULL;
        ovsdb_idl_txn_destroy(loop->open_txn);
        loop->open_txn = NULL;
        ovsdb_idl_destroy(loop->idl);
        loop->idl = NULL;
    }
}

struct ovsdb_idl_txn *
ovsdb_idl_loop_run(struct ovsdb_idl_loop *loop)
{
    ovsdb_idl_run(loop->idl);
    loop->open_txn = (loop->committing_txn
                      || ovsdb_idl_get_seqno(loop->idl) == loop->skip_seqno
                      ? NULL : ovsdb_idl_txn_create(loop->idl));
    return loop->open_txn;
}

int
ovsdb_idl_loop_commit_and_wait(struct ovsdb_idl_loop *loop)
{
    int retval = 0;

    if (loop->open_txn) {
        loop->committing_txn = loop->open_txn;
        loop->open_txn = NULL;
        loop->precommit_seqno = ovsdb_idl_get_seqno(loop->idl);
    }

    struct ovsdb_idl_txn *txn = loop->committing_txn;
    if (txn) {
        enum ovsdb_idl_txn_status status = ovsdb_idl_txn_commit(txn);
        if (status != TXN_INCOMPLETE) {
            switch (status) {
            case TXN_TRY_AGAIN:
                /* Wait for the database to change before retrying. */
                loop->skip_seqno = loop->precommit_seqno;
                if (ovsdb_idl_get_seqno(loop->idl) != loop->skip_seqno) {
                    poll_immediate_wake();
                }
                retval = -1;
                break;
            case TXN_SUCCESS:
                if (txn->inc) {
                    loop->next_cfg = ovsdb_idl_txn_get_increment_new_value(
                        txn);
                }
                retval = 1;
                break;
            case TXN_UNCHANGED:
                retval = 1;
                break;
            case TXN_ABORTED:
            case TXN_NOT_LOCKED:
            case TXN_ERROR:
            case TXN_UNCOMMITTED:
            case TXN_INCOMPLETE:
            default:
                retval = -1;
                break;
            }
            ovsdb_idl_txn_destroy(txn);
            loop->committing_txn = NULL;
        }
    }
    ovsdb_idl_wait(loop->idl);
    return retval;
}
