/* monitor.c: shared, incrementally maintained database monitors (see the
 * design notes in monitor.h). */
#include <config.h>
#include "monitor.h"

#include <string.h>
#include "bitmap.h"
#include "column.h"
#include "condition.h"
#include "dynamic-string.h"
#include "hash.h"
#include "hmap.h"
#include "json.h"
#include "list.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb.h"
#include "poll-loop.h"
#include "row.h"
#include "sset.h"
#include "table.h"
#include "transaction.h"
#include "util.h"
#include "uuid.h"

/* "select" flags of RFC 7047 <monitor-select>. */
enum {
    MS_INITIAL = 1 << 0,
    MS_INSERT = 1 << 1,
    MS_DELETE = 1 << 2,
    MS_MODIFY = 1 << 3,
    MS_ALL = (1 << 4) - 1
};

struct mon_column {
    const struct ovsdb_column *column;
    unsigned int select;        /* MS_*. */
};

/* What a group monitors in one table. */
struct mon_table {
    const struct ovsdb_table *table;
    struct mon_column *columns; /* Sorted by column index. */
    size_t n_columns;
    unsigned int select;        /* Union of the columns' flags. */
    bool has_cond;              /* False: every row. */
    struct ovsdb_condition cond; /* If 'has_cond': any clause matches. */
};

/* A table's part of a monitor request, before it becomes a mon_table. */
struct mon_spec {
    struct mon_table *tables;   /* Sorted by table name. */
    size_t n_tables;
};

/* One row's change since the start of a change set. */
struct mon_row {
    struct hmap_node hmap_node; /* In change set's 'rows', by uuid. */
    struct uuid uuid;
    struct mon_table *mt;
    struct ovsdb_row *old;      /* Before the change set began, or NULL. */
    struct ovsdb_row *new;      /* Now, or NULL. */
};

struct mon_change_set {
    struct ovs_list node;       /* In group's 'change_sets'. */
    unsigned long long int start; /* First commit it covers. */
    size_t n_refs;              /* Monitors that point here. */
    struct hmap rows;           /* Contains struct mon_row. */
    char *text;                 /* Cached <table-updates>, or NULL. */
    bool text_valid;            /* 'text' is current (NULL: no update). */
};

struct mon_group {
    struct hmap_node hmap_node; /* In 'groups', by hash of 'key'. */
    char *key;                  /* Canonical description. */
    struct ovsdb *db;
    enum ovsdb_monitor_version version;
    struct mon_spec spec;
    struct ovsdb_observer observer;
    unsigned long long int seqno; /* Commits seen. */
    struct ovs_list change_sets; /* Contains struct mon_change_set. */
    size_t n_refs;              /* Monitors in the group. */
    char *initial;              /* Cached initial contents, or NULL. */
};

struct ovsdb_monitor {
    struct mon_group *group;
    struct mon_change_set *cs;  /* First commit not yet composed. */
    struct json *id;
};

static struct hmap groups = HMAP_INITIALIZER(&groups);

static void mon_spec_destroy(struct mon_spec *);
static void mon_group_commit(struct ovsdb_observer *,
                             const struct ovsdb_txn *);

/* Parsing requests. */

static struct ovsdb_error * OVS_WARN_UNUSED_RESULT
parse_select(const struct json *json, const char *table_name,
             unsigned int *select)
{
    static const struct {
        const char *name;
        unsigned int bit;
    } flags[] = {
        { "initial", MS_INITIAL },
        { "insert", MS_INSERT },
        { "delete", MS_DELETE },
        { "modify", MS_MODIFY },
    };
    struct ovsdb_parser parser;
    size_t i;

    *select = 0;
    ovsdb_parser_init(&parser, json, "table %s select", table_name);
    for (i = 0; i < ARRAY_SIZE(flags); i++) {
        const struct json *b = ovsdb_parser_member(&parser, flags[i].name,
                                                   OP_BOOLEAN | OP_OPTIONAL);
        if (!b || json_boolean(b)) {
            *select |= flags[i].bit;
        }
    }
    return ovsdb_parser_finish(&parser);
}

static int
compare_mon_columns(const void *a_, const void *b_)
{
    const struct mon_column *a = a_;
    const struct mon_column *b = b_;

    return a->column->index < b->column->index ? -1
           : a->column->index > b->column->index;
}

/* Parses one <monitor-request> or <monitor-cond-request> (REQ) for MT,
 * adding its columns. */
static struct ovsdb_error * OVS_WARN_UNUSED_RESULT
parse_table_request(struct mon_table *mt, const struct json *req,
                    enum ovsdb_monitor_version version)
{
    const struct ovsdb_table_schema *ts = mt->table->schema;
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    const struct json *columns_json, *select_json, *where_json = NULL;
    struct ovsdb_error *error;
    struct ovsdb_parser parser;
    unsigned int select = MS_ALL;
    size_t i;

    if (req->type != JSON_OBJECT) {
        return ovsdb_syntax_error(NULL, NULL, "Parsing table %s failed: "
                                  "Object expected.", ts->name);
    }
    ovsdb_parser_init(&parser, req, "table %s", ts->name);
    columns_json = ovsdb_parser_member(&parser, "columns",
                                       OP_ARRAY | OP_OPTIONAL);
    select_json = ovsdb_parser_member(&parser, "select",
                                      OP_OBJECT | OP_OPTIONAL);
    if (version != OVSDB_MONITOR_V1) {
        where_json = ovsdb_parser_member(&parser, "where",
                                         OP_ARRAY | OP_OPTIONAL);
    }
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    if (select_json) {
        error = parse_select(select_json, ts->name, &select);
        if (error) {
            return error;
        }
    }

    if (columns_json) {
        error = ovsdb_column_set_from_json(columns_json, ts, &columns);
        if (error) {
            return error;
        }
    } else {
        for (i = 0; i < ts->n_columns; i++) {
            if (i != OVSDB_COL_UUID) {
                ovsdb_column_set_add(&columns, ts->by_index[i]);
            }
        }
    }

    for (i = 0; i < columns.n; i++) {
        const struct ovsdb_column *column = columns.columns[i];
        size_t j;

        for (j = 0; j < mt->n_columns; j++) {
            if (mt->columns[j].column == column) {
                struct json *syntax = columns_json ? json_clone(columns_json)
                                                   : NULL;
                error = ovsdb_syntax_error(syntax, NULL, "column %s "
                                           "mentioned more than once",
                                           column->name);
                json_destroy(syntax);
                ovsdb_column_set_destroy(&columns);
                return error;
            }
        }
        mt->columns = xrealloc(mt->columns,
                               (mt->n_columns + 1) * sizeof *mt->columns);
        mt->columns[mt->n_columns].column = column;
        mt->columns[mt->n_columns].select = select;
        mt->n_columns++;
    }
    ovsdb_column_set_destroy(&columns);
    mt->select |= select;

    if (where_json) {
        struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;

        error = ovsdb_condition_from_json(ts, where_json, NULL, &cond);
        if (error) {
            return error;
        }
        if (mt->has_cond) {
            ovsdb_condition_destroy(&mt->cond);
        }
        mt->cond = cond;
        mt->has_cond = true;
    }
    return NULL;
}

/* An empty condition or one with a "true" clause matches every row, the
 * same as no condition at all. */
static void
mon_table_normalize_cond(struct mon_table *mt)
{
    if (mt->has_cond) {
        size_t i;

        if (!mt->cond.n_clauses) {
            ovsdb_condition_destroy(&mt->cond);
            mt->has_cond = false;
            return;
        }
        for (i = 0; i < mt->cond.n_clauses; i++) {
            if (mt->cond.clauses[i].function == OVSDB_F_TRUE) {
                ovsdb_condition_destroy(&mt->cond);
                mt->has_cond = false;
                return;
            }
        }
    }
}

static int
compare_mon_tables(const void *a_, const void *b_)
{
    const struct mon_table *a = a_;
    const struct mon_table *b = b_;

    return strcmp(a->table->schema->name, b->table->schema->name);
}

static void
mon_table_destroy(struct mon_table *mt)
{
    free(mt->columns);
    if (mt->has_cond) {
        ovsdb_condition_destroy(&mt->cond);
    }
}

static struct ovsdb_error * OVS_WARN_UNUSED_RESULT
mon_spec_from_json(struct ovsdb *db, const struct json *requests,
                   enum ovsdb_monitor_version version, struct mon_spec *spec)
{
    struct shash_node *node;

    spec->tables = NULL;
    spec->n_tables = 0;
    if (requests->type != JSON_OBJECT) {
        return ovsdb_syntax_error(requests, NULL,
                                  "monitor-requests must be object");
    }

    SHASH_FOR_EACH (node, json_object(requests)) {
        const struct ovsdb_table *table = ovsdb_get_table(db, node->name);
        const struct json *value = node->data;
        struct ovsdb_error *error = NULL;
        struct mon_table *mt;

        if (!table) {
            mon_spec_destroy(spec);
            return ovsdb_syntax_error(NULL, NULL, "no table named %s",
                                      node->name);
        }
        spec->tables = xrealloc(spec->tables,
                                (spec->n_tables + 1) * sizeof *spec->tables);
        mt = &spec->tables[spec->n_tables++];
        memset(mt, 0, sizeof *mt);
        mt->table = table;

        if (value->type == JSON_ARRAY) {
            const struct json_array *a = json_array(value);
            size_t i;

            for (i = 0; !error && i < a->n; i++) {
                error = parse_table_request(mt, a->elems[i], version);
            }
        } else {
            error = parse_table_request(mt, value, version);
        }
        if (error) {
            mon_spec_destroy(spec);
            return error;
        }
        if (mt->n_columns) {
            qsort(mt->columns, mt->n_columns, sizeof *mt->columns,
                  compare_mon_columns);
        }
        mon_table_normalize_cond(mt);
    }
    if (spec->n_tables) {
        qsort(spec->tables, spec->n_tables, sizeof *spec->tables,
              compare_mon_tables);
    }
    return NULL;
}

static void
mon_spec_destroy(struct mon_spec *spec)
{
    size_t i;

    for (i = 0; i < spec->n_tables; i++) {
        mon_table_destroy(&spec->tables[i]);
    }
    free(spec->tables);
    spec->tables = NULL;
    spec->n_tables = 0;
}

static void
mon_spec_clone(struct mon_spec *dst, const struct mon_spec *src)
{
    size_t i;

    dst->n_tables = src->n_tables;
    dst->tables = (src->n_tables
                   ? xmemdup(src->tables, src->n_tables * sizeof *src->tables)
                   : NULL);
    for (i = 0; i < src->n_tables; i++) {
        struct mon_table *mt = &dst->tables[i];

        mt->columns = (mt->n_columns
                       ? xmemdup(mt->columns,
                                 mt->n_columns * sizeof *mt->columns)
                       : NULL);
        if (mt->has_cond) {
            ovsdb_condition_clone(&mt->cond, &src->tables[i].cond);
        }
    }
}

static char *
mon_spec_key(const struct ovsdb *db, enum ovsdb_monitor_version version,
             const struct mon_spec *spec)
{
    struct ds key = DS_EMPTY_INITIALIZER;
    size_t i, j;

    ds_put_format(&key, "%p %d", (void *) db, (int) version);
    for (i = 0; i < spec->n_tables; i++) {
        const struct mon_table *mt = &spec->tables[i];

        ds_put_format(&key, "|%s:", mt->table->schema->name);
        for (j = 0; j < mt->n_columns; j++) {
            ds_put_format(&key, "%u/%u,", mt->columns[j].column->index,
                          mt->columns[j].select);
        }
        if (mt->has_cond) {
            struct json *cond = ovsdb_condition_to_json(&mt->cond);

            json_to_ds(cond, JSSF_SORT, &key);
            json_destroy(cond);
        }
    }
    return ds_steal_cstr(&key);
}

/* Groups and change sets. */

static struct mon_group *
mon_group_get(struct ovsdb *db, enum ovsdb_monitor_version version,
              struct mon_spec *spec)
{
    char *key = mon_spec_key(db, version, spec);
    uint32_t hash = hash_string(key, 0);
    struct mon_group *g;

    HMAP_FOR_EACH_WITH_HASH (g, hmap_node, hash, &groups) {
        if (!strcmp(g->key, key)) {
            free(key);
            mon_spec_destroy(spec);
            return g;
        }
    }

    g = xzalloc(sizeof *g);
    g->key = key;
    g->db = db;
    g->version = version;
    g->spec = *spec;
    spec->tables = NULL;
    spec->n_tables = 0;
    g->observer.commit = mon_group_commit;
    ovs_list_init(&g->change_sets);
    ovsdb_add_observer(db, &g->observer);
    hmap_insert(&groups, &g->hmap_node, hash);
    return g;
}

static void
mon_change_set_destroy(struct mon_change_set *cs)
{
    struct mon_row *mr;

    HMAP_FOR_EACH_POP (mr, hmap_node, &cs->rows) {
        if (mr->old) {
            ovsdb_row_destroy(mr->old);
        }
        if (mr->new) {
            ovsdb_row_destroy(mr->new);
        }
        free(mr);
    }
    hmap_destroy(&cs->rows);
    ovs_list_remove(&cs->node);
    free(cs->text);
    free(cs);
}

static void
mon_group_unref(struct mon_group *g)
{
    if (!--g->n_refs) {
        struct mon_change_set *cs;

        LIST_FOR_EACH_SAFE (cs, node, &g->change_sets) {
            mon_change_set_destroy(cs);
        }
        ovsdb_remove_observer(g->db, &g->observer);
        hmap_remove(&groups, &g->hmap_node);
        mon_spec_destroy(&g->spec);
        free(g->initial);
        free(g->key);
        free(g);
    }
}

/* Returns the group's change set that starts at the next commit, with a
 * new reference. */
static struct mon_change_set *
mon_group_current_cs(struct mon_group *g)
{
    struct mon_change_set *cs;

    if (!ovs_list_is_empty(&g->change_sets)) {
        cs = CONTAINER_OF(ovs_list_back(&g->change_sets),
                          struct mon_change_set, node);
        if (cs->start == g->seqno) {
            cs->n_refs++;
            return cs;
        }
    }
    cs = xzalloc(sizeof *cs);
    cs->start = g->seqno;
    cs->n_refs = 1;
    hmap_init(&cs->rows);
    cs->text_valid = true;
    ovs_list_push_back(&g->change_sets, &cs->node);
    return cs;
}

static void
mon_change_set_unref(struct mon_change_set *cs)
{
    if (!--cs->n_refs) {
        mon_change_set_destroy(cs);
    }
}

static const struct mon_table *
mon_group_find_table(const struct mon_group *g, const struct ovsdb_table *t)
{
    size_t i;

    for (i = 0; i < g->spec.n_tables; i++) {
        if (g->spec.tables[i].table == t) {
            return &g->spec.tables[i];
        }
    }
    return NULL;
}

static bool
mon_table_matches(const struct mon_table *mt, const struct ovsdb_row *row)
{
    return row && (!mt->has_cond
                   || ovsdb_condition_match_any_clause(row, &mt->cond));
}

static bool
mon_table_columns_changed(const struct mon_table *mt,
                          const unsigned long *changed)
{
    size_t i;

    for (i = 0; i < mt->n_columns; i++) {
        if (bitmap_is_set(changed, mt->columns[i].column->index)) {
            return true;
        }
    }
    return false;
}

static struct mon_row *
mon_change_set_find(const struct mon_change_set *cs, const struct uuid *uuid)
{
    struct mon_row *mr;

    HMAP_FOR_EACH_WITH_HASH (mr, hmap_node, uuid_hash(uuid), &cs->rows) {
        if (uuid_equals(&mr->uuid, uuid)) {
            return mr;
        }
    }
    return NULL;
}

struct commit_aux {
    struct mon_group *group;
    bool any;
};

static bool
mon_group_change_cb(const struct ovsdb_row *old, const struct ovsdb_row *new,
                    const unsigned long *changed, void *aux_)
{
    struct commit_aux *aux = aux_;
    struct mon_group *g = aux->group;
    const struct ovsdb_row *any = old ? old : new;
    const struct mon_table *mt = mon_group_find_table(g, any->table);
    const struct uuid *uuid = ovsdb_row_get_uuid(any);
    bool relevant;
    struct mon_change_set *cs;

    if (!mt) {
        return true;
    }

    relevant = mon_table_matches(mt, old) || mon_table_matches(mt, new);
    if (relevant && old && new && mon_table_matches(mt, old)
        && mon_table_matches(mt, new)
        && !mon_table_columns_changed(mt, changed)) {
        relevant = false;
    }

    LIST_FOR_EACH (cs, node, &g->change_sets) {
        struct mon_row *mr = mon_change_set_find(cs, uuid);

        if (mr) {
            if (mr->new) {
                ovsdb_row_destroy(mr->new);
            }
            mr->new = new ? ovsdb_row_clone(new) : NULL;
            cs->text_valid = false;
            aux->any = true;
        } else if (relevant) {
            mr = xmalloc(sizeof *mr);
            mr->uuid = *uuid;
            mr->mt = (struct mon_table *) mt;
            mr->old = old ? ovsdb_row_clone(old) : NULL;
            mr->new = new ? ovsdb_row_clone(new) : NULL;
            hmap_insert(&cs->rows, &mr->hmap_node, uuid_hash(uuid));
            cs->text_valid = false;
            aux->any = true;
        }
    }
    if (relevant) {
        aux->any = true;
    }
    return true;
}

static void
mon_group_commit(struct ovsdb_observer *observer,
                 const struct ovsdb_txn *txn)
{
    struct mon_group *g = CONTAINER_OF(observer, struct mon_group, observer);
    struct commit_aux aux = { g, false };

    ovsdb_txn_for_each_change(txn, mon_group_change_cb, &aux);
    if (aux.any) {
        free(g->initial);
        g->initial = NULL;
        poll_immediate_wake();
    }
    g->seqno++;
}

/* Composing. */

static bool
mon_column_wanted(const struct mon_column *mc, unsigned int flag)
{
    return (mc->select & flag) != 0;
}

/* Serialization writes JSON text straight into a ds (no tree of struct
 * json): initial replies of large tables and big change sets are the
 * server's hottest output path. */

/* Appends NAME as a JSON object key ("NAME":). */
static void
put_key(struct ds *out, const char *name)
{
    json_string_escape(name, out);
    ds_put_char(out, ':');
}

/* Appends a <row> object of ROW's columns with FLAG, leaving out default
 * values if SKIP_DEFAULTS. */
static void
compose_row(const struct mon_table *mt, const struct ovsdb_row *row,
            unsigned int flag, bool skip_defaults, struct ds *out)
{
    bool first = true;
    size_t i;

    ds_put_char(out, '{');
    for (i = 0; i < mt->n_columns; i++) {
        const struct mon_column *mc = &mt->columns[i];
        const struct ovsdb_datum *d = &row->fields[mc->column->index];

        if (!mon_column_wanted(mc, flag)
            || (skip_defaults
                && ovsdb_datum_is_default(d, &mc->column->type))) {
            continue;
        }
        if (!first) {
            ds_put_char(out, ',');
        }
        first = false;
        put_key(out, mc->column->name);
        ovsdb_datum_to_json_ds(d, &mc->column->type, out);
    }
    ds_put_char(out, '}');
}

/* Appends the elements of A or B that are not in both (for maps, keys in
 * one only, plus keys in both with different values, taking B's
 * value). */
static void
datum_diff_to_json(const struct ovsdb_datum *a, const struct ovsdb_datum *b,
                   const struct ovsdb_type *type, struct ds *out)
{
    struct ovsdb_datum diff;
    bool is_map = ovsdb_type_is_map(type);
    unsigned int i = 0, j = 0;

    diff.n = 0;
    diff.keys = xmalloc((a->n + b->n + 1) * sizeof *diff.keys);
    diff.values = is_map ? xmalloc((a->n + b->n + 1) * sizeof *diff.values)
                         : NULL;
    while (i < a->n || j < b->n) {
        int cmp = (i >= a->n ? 1 : j >= b->n ? -1
                   : ovsdb_atom_compare_3way(&a->keys[i], &b->keys[j],
                                             type->key.type));
        if (cmp < 0) {
            diff.keys[diff.n] = a->keys[i];
            if (is_map) {
                diff.values[diff.n] = a->values[i];
            }
            diff.n++;
            i++;
        } else if (cmp > 0) {
            diff.keys[diff.n] = b->keys[j];
            if (is_map) {
                diff.values[diff.n] = b->values[j];
            }
            diff.n++;
            j++;
        } else {
            if (is_map && !ovsdb_atom_equals(&a->values[i], &b->values[j],
                                             type->value.type)) {
                diff.keys[diff.n] = b->keys[j];
                diff.values[diff.n] = b->values[j];
                diff.n++;
            }
            i++;
            j++;
        }
    }
    /* The atoms are borrowed from A and B: free only the arrays. */
    ovsdb_datum_to_json_ds(&diff, type, out);
    free(diff.keys);
    free(diff.values);
}

/* Appends the row update for a row that was OLD and is NEW (either may be
 * NULL).  Returns false, having appended nothing, if the client must not
 * hear about it. */
static bool
compose_row_update(const struct mon_table *mt, enum ovsdb_monitor_version v,
                   const struct ovsdb_row *old, const struct ovsdb_row *new,
                   struct ds *out)
{
    bool old_match = mon_table_matches(mt, old);
    bool new_match = mon_table_matches(mt, new);
    size_t start = out->length;
    bool any_change = false;
    bool first = true;
    size_t i;

    if (!old_match && !new_match) {
        return false;
    } else if (!old_match) {
        if (!(mt->select & MS_INSERT)) {
            return false;
        }
        ds_put_cstr(out, v == OVSDB_MONITOR_V1 ? "{\"new\":"
                                               : "{\"insert\":");
        compose_row(mt, new, MS_INSERT, v != OVSDB_MONITOR_V1, out);
        ds_put_char(out, '}');
        return true;
    } else if (!new_match) {
        if (!(mt->select & MS_DELETE)) {
            return false;
        }
        if (v == OVSDB_MONITOR_V1) {
            ds_put_cstr(out, "{\"old\":");
            compose_row(mt, old, MS_DELETE, false, out);
            ds_put_char(out, '}');
        } else {
            ds_put_cstr(out, "{\"delete\":null}");
        }
        return true;
    }

    if (!(mt->select & MS_MODIFY)) {
        return false;
    }
    ds_put_cstr(out, v == OVSDB_MONITOR_V1 ? "{\"old\":{"
                                           : "{\"modify\":{");
    for (i = 0; i < mt->n_columns; i++) {
        const struct mon_column *mc = &mt->columns[i];
        const struct ovsdb_type *type = &mc->column->type;
        const struct ovsdb_datum *a = &old->fields[mc->column->index];
        const struct ovsdb_datum *b = &new->fields[mc->column->index];

        if (ovsdb_datum_equals(a, b, type)) {
            continue;
        }
        any_change = true;
        if (!mon_column_wanted(mc, MS_MODIFY)) {
            continue;
        }
        if (!first) {
            ds_put_char(out, ',');
        }
        first = false;
        put_key(out, mc->column->name);
        if (v == OVSDB_MONITOR_V1) {
            ovsdb_datum_to_json_ds(a, type, out);
        } else if (type->n_max > 1) {
            datum_diff_to_json(a, b, type, out);
        } else {
            ovsdb_datum_to_json_ds(b, type, out);
        }
    }
    if (!any_change) {
        ds_truncate(out, start);
        return false;
    }
    ds_put_char(out, '}');
    if (v == OVSDB_MONITOR_V1) {
        ds_put_cstr(out, ",\"new\":");
        compose_row(mt, new, MS_MODIFY, false, out);
    }
    ds_put_char(out, '}');
    return true;
}

/* State for appending <table-updates>: tables open one at a time, in the
 * order of the monitor's spec. */
struct updates_writer {
    struct ds out;
    bool any_table;             /* Some table was written. */
    bool table_open;            /* The current table has a row. */
};

static void
updates_writer_init(struct updates_writer *w)
{
    ds_init(&w->out);
    ds_put_char(&w->out, '{');
    w->any_table = false;
    w->table_open = false;
}

/* Starts the row UUID of table MT, returning the length to truncate to if
 * the row turns out to have nothing to say. */
static size_t
updates_writer_start_row(struct updates_writer *w, const struct mon_table *mt,
                         const struct uuid *uuid)
{
    size_t mark = w->out.length;
    char uuid_s[UUID_LEN + 1];

    if (!w->table_open) {
        if (w->any_table) {
            ds_put_char(&w->out, ',');
        }
        put_key(&w->out, mt->table->schema->name);
        ds_put_char(&w->out, '{');
    } else {
        ds_put_char(&w->out, ',');
    }
    uuid_format(uuid, uuid_s);
    ds_put_char(&w->out, '"');
    ds_put_buffer(&w->out, uuid_s, UUID_LEN);
    ds_put_cstr(&w->out, "\":");
    return mark;
}

/* Finishes (WRITTEN) or takes back (!WRITTEN) the row started at MARK. */
static void
updates_writer_end_row(struct updates_writer *w, size_t mark, bool written)
{
    if (written) {
        w->table_open = true;
    } else {
        ds_truncate(&w->out, mark);
    }
}

static void
updates_writer_end_table(struct updates_writer *w)
{
    if (w->table_open) {
        ds_put_char(&w->out, '}');
        w->any_table = true;
        w->table_open = false;
    }
}

/* Returns the text, or NULL if ALLOW_EMPTY is false and nothing was
 * written. */
static char *
updates_writer_finish(struct updates_writer *w, bool allow_empty)
{
    if (!w->any_table && !allow_empty) {
        ds_destroy(&w->out);
        return NULL;
    }
    ds_put_char(&w->out, '}');
    return ds_steal_cstr(&w->out);
}

static char *
compose_change_set(const struct mon_group *g, const struct mon_change_set *cs)
{
    struct updates_writer w;
    size_t i;

    updates_writer_init(&w);
    for (i = 0; i < g->spec.n_tables; i++) {
        const struct mon_table *mt = &g->spec.tables[i];
        struct mon_row *mr;

        HMAP_FOR_EACH (mr, hmap_node, &cs->rows) {
            if (mr->mt == mt) {
                size_t mark = updates_writer_start_row(&w, mt, &mr->uuid);
                updates_writer_end_row(&w, mark,
                                       compose_row_update(mt, g->version,
                                                          mr->old, mr->new,
                                                          &w.out));
            }
        }
        updates_writer_end_table(&w);
    }
    return updates_writer_finish(&w, false);
}

static char *
compose_initial(const struct mon_group *g)
{
    bool v1 = g->version == OVSDB_MONITOR_V1;
    struct updates_writer w;
    size_t i;

    updates_writer_init(&w);
    for (i = 0; i < g->spec.n_tables; i++) {
        const struct mon_table *mt = &g->spec.tables[i];
        const struct ovsdb_row *row;

        if (!(mt->select & MS_INITIAL)) {
            continue;
        }
        HMAP_FOR_EACH (row, hmap_node, &mt->table->rows) {
            if (mon_table_matches(mt, row)) {
                size_t mark = updates_writer_start_row(
                    &w, mt, ovsdb_row_get_uuid(row));
                ds_put_cstr(&w.out, v1 ? "{\"new\":" : "{\"initial\":");
                compose_row(mt, row, MS_INITIAL, !v1, &w.out);
                ds_put_char(&w.out, '}');
                updates_writer_end_row(&w, mark, true);
            }
        }
        updates_writer_end_table(&w);
    }
    return updates_writer_finish(&w, true);
}

/* Appends the notification for ID with table-updates TEXT. */
static void
put_notification(struct ds *out, enum ovsdb_monitor_version v,
                 const struct json *id, const char *text)
{
    static const char *const methods[] = { "update", "update2", "update3" };

    ds_put_format(out, "{\"id\":null,\"method\":\"%s\",\"params\":[",
                  methods[v]);
    json_to_ds(id, 0, out);
    if (v == OVSDB_MONITOR_V3) {
        ds_put_cstr(out, ",\"00000000-0000-0000-0000-000000000000\"");
    }
    ds_put_char(out, ',');
    ds_put_cstr(out, text);
    ds_put_cstr(out, "]}");
}

/* Public interface. */

struct ovsdb_error *
ovsdb_monitor_create(struct ovsdb *db, enum ovsdb_monitor_version version,
                     const struct json *id, const struct json *requests,
                     struct ovsdb_monitor **monp, struct ds *initial)
{
    struct ovsdb_monitor *m;
    struct ovsdb_error *error;
    struct mon_spec spec;

    *monp = NULL;
    error = mon_spec_from_json(db, requests, version, &spec);
    if (error) {
        return error;
    }

    m = xzalloc(sizeof *m);
    m->group = mon_group_get(db, version, &spec);
    m->group->n_refs++;
    m->cs = mon_group_current_cs(m->group);
    m->id = json_clone(id);

    if (!m->group->initial) {
        m->group->initial = compose_initial(m->group);
    }
    ds_put_cstr(initial, m->group->initial);
    *monp = m;
    return NULL;
}

void
ovsdb_monitor_destroy(struct ovsdb_monitor *m)
{
    if (m) {
        mon_change_set_unref(m->cs);
        mon_group_unref(m->group);
        json_destroy(m->id);
        free(m);
    }
}

const struct json *
ovsdb_monitor_get_id(const struct ovsdb_monitor *m)
{
    return m->id;
}

struct ovsdb *
ovsdb_monitor_get_db(const struct ovsdb_monitor *m)
{
    return m->group->db;
}

enum ovsdb_monitor_version
ovsdb_monitor_get_version(const struct ovsdb_monitor *m)
{
    return m->group->version;
}

bool
ovsdb_monitor_has_update(const struct ovsdb_monitor *m)
{
    return !hmap_is_empty(&m->cs->rows);
}

bool
ovsdb_monitor_compose_update(struct ovsdb_monitor *m, struct ds *out)
{
    struct mon_change_set *cs = m->cs;
    struct mon_group *g = m->group;
    bool composed = false;

    if (cs->start == g->seqno) {
        return false;
    }
    if (!hmap_is_empty(&cs->rows)) {
        if (!cs->text_valid) {
            free(cs->text);
            cs->text = compose_change_set(g, cs);
            cs->text_valid = true;
        }
        if (cs->text) {
            put_notification(out, g->version, m->id, cs->text);
            composed = true;
        }
    }
    m->cs = mon_group_current_cs(g);
    mon_change_set_unref(cs);
    return composed;
}

struct ovsdb_error *
ovsdb_monitor_cond_change(struct ovsdb_monitor *m, const struct json *new_id,
                          const struct json *requests, struct ds *out)
{
    struct mon_group *old_g = m->group;
    struct updates_writer w;
    char *text;
    struct shash_node *node;
    struct mon_spec spec;
    size_t i;

    if (requests->type != JSON_OBJECT) {
        return ovsdb_syntax_error(requests, NULL,
                                  "monitor-cond-change request must be "
                                  "object");
    }

    /* Parse the new conditions into a copy of the old specification. */
    mon_spec_clone(&spec, &old_g->spec);
    SHASH_FOR_EACH (node, json_object(requests)) {
        const struct json *value = node->data;
        const struct json *where = NULL;
        struct mon_table *mt = NULL;
        struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
        struct ovsdb_error *error;

        for (i = 0; i < spec.n_tables; i++) {
            if (!strcmp(spec.tables[i].table->schema->name, node->name)) {
                mt = &spec.tables[i];
            }
        }
        if (!mt) {
            mon_spec_destroy(&spec);
            return ovsdb_syntax_error(NULL, NULL, "no table named %s",
                                      node->name);
        }
        if (value->type == JSON_ARRAY && json_array(value)->n == 1) {
            value = json_array(value)->elems[0];
        }
        if (value->type != JSON_OBJECT) {
            mon_spec_destroy(&spec);
            return ovsdb_syntax_error(NULL, NULL, "Parsing table %s failed: "
                                      "Object expected.", node->name);
        }
        where = json_object_get(value, "where");
        if (!where) {
            continue;
        }
        error = ovsdb_condition_from_json(mt->table->schema, where, NULL,
                                          &cond);
        if (error) {
            mon_spec_destroy(&spec);
            return error;
        }
        if (mt->has_cond) {
            ovsdb_condition_destroy(&mt->cond);
        }
        mt->cond = cond;
        mt->has_cond = true;
        mon_table_normalize_cond(mt);
    }

    /* Send what is pending under the old conditions and id. */
    ovsdb_monitor_compose_update(m, out);

    /* Rows that the change adds or removes. */
    updates_writer_init(&w);
    for (i = 0; i < spec.n_tables; i++) {
        const struct mon_table *new_mt = &spec.tables[i];
        const struct mon_table *old_mt = &old_g->spec.tables[i];
        const struct ovsdb_row *row;

        HMAP_FOR_EACH (row, hmap_node, &new_mt->table->rows) {
            bool was = mon_table_matches(old_mt, row);
            bool is = mon_table_matches(new_mt, row);
            size_t mark;

            if (is && !was && (new_mt->select & MS_INSERT)) {
                mark = updates_writer_start_row(&w, new_mt,
                                                ovsdb_row_get_uuid(row));
                ds_put_cstr(&w.out, "{\"insert\":");
                compose_row(new_mt, row, MS_INSERT, true, &w.out);
                ds_put_char(&w.out, '}');
                updates_writer_end_row(&w, mark, true);
            } else if (was && !is && (new_mt->select & MS_DELETE)) {
                mark = updates_writer_start_row(&w, new_mt,
                                                ovsdb_row_get_uuid(row));
                ds_put_cstr(&w.out, "{\"delete\":null}");
                updates_writer_end_row(&w, mark, true);
            }
        }
        updates_writer_end_table(&w);
    }

    json_destroy(m->id);
    m->id = json_clone(new_id);
    text = updates_writer_finish(&w, false);
    if (text) {
        put_notification(out, old_g->version, m->id, text);
        free(text);
    }

    /* Move to the group of the new conditions. */
    m->group = mon_group_get(old_g->db, old_g->version, &spec);
    m->group->n_refs++;
    mon_change_set_unref(m->cs);
    m->cs = mon_group_current_cs(m->group);
    mon_group_unref(old_g);
    return NULL;
}

/* Upstream shares one monitor among the clients that ask for the same
 * tables, columns and "select" flags of a database, whatever their
 * protocol version and conditions, and memory/show counts those.  Our
 * groups split further, so count their keys without version and
 * conditions. */
size_t
ovsdb_monitor_count(void)
{
    struct sset keys = SSET_INITIALIZER(&keys);
    const struct mon_group *g;
    size_t n;

    HMAP_FOR_EACH (g, hmap_node, &groups) {
        struct ds key = DS_EMPTY_INITIALIZER;
        size_t i, j;

        ds_put_format(&key, "%p", (void *) g->db);
        for (i = 0; i < g->spec.n_tables; i++) {
            const struct mon_table *mt = &g->spec.tables[i];

            ds_put_format(&key, "|%s:", mt->table->schema->name);
            for (j = 0; j < mt->n_columns; j++) {
                ds_put_format(&key, "%u/%u,", mt->columns[j].column->index,
                              mt->columns[j].select);
            }
        }
        sset_add(&keys, ds_cstr(&key));
        ds_destroy(&key);
    }
    n = sset_count(&keys);
    sset_destroy(&keys);
    return n;
}
