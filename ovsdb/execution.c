/* execution.c: the "transact" method against an in-memory database.
 *
 * Each operation is parsed and executed in turn, inside one transaction.
 * Parsing of an operation's members goes through struct ovsdb_parser
 * (member presence and JSON types, with errors "Parsing ovsdb operation I
 * of N failed: ..."); the values (rows, conditions, mutations, column
 * lists) are then parsed in the order upstream parses them, so that a
 * request with several mistakes gets upstream's error. */
#include <config.h>
#include "execution.h"

#include <limits.h>
#include <string.h>
#include "column.h"
#include "condition.h"
#include "hash.h"
#include "hmap.h"
#include "json.h"
#include "mutation.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb.h"
#include "row.h"
#include "table.h"
#include "transaction.h"
#include "util.h"
#include "uuid.h"

struct exec_ctx {
    struct ovsdb *db;
    struct ovsdb_txn *txn;
    struct ovsdb_symbol_table *symtab;
    bool read_only;
    bool durable;               /* Saw "commit" with "durable": true? */
    ovsdb_execute_lock_cb *lock_held;
    void *lock_aux;
    long long int elapsed_msec;
    bool must_wait;             /* A "wait" is not satisfied yet. */
    long long int timeout_msec; /* If 'must_wait', how long it may wait. */
};

/* Executes operation OP (whose "op" and, if needed, "table" the caller
 * already parsed with PARSER into TABLE).  Must finish PARSER.  Returns
 * NULL and sets '*resultp', or returns an error. */
typedef struct ovsdb_error *exec_op_func(struct exec_ctx *,
                                         struct ovsdb_parser *,
                                         const struct json *op,
                                         struct ovsdb_table *table,
                                         struct json **resultp);

static exec_op_func execute_insert, execute_select, execute_update,
    execute_mutate, execute_delete, execute_wait, execute_commit,
    execute_abort, execute_comment, execute_assert;

struct op_desc {
    const char *name;
    bool needs_table;
    exec_op_func *execute;
};

static const struct op_desc ops[] = {
    { "insert", true, execute_insert },
    { "select", true, execute_select },
    { "update", true, execute_update },
    { "mutate", true, execute_mutate },
    { "delete", true, execute_delete },
    { "wait", true, execute_wait },
    { "commit", false, execute_commit },
    { "abort", false, execute_abort },
    { "comment", false, execute_comment },
    { "assert", false, execute_assert },
};

static const struct op_desc *
lookup_op(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
        if (!strcmp(ops[i].name, name)) {
            return &ops[i];
        }
    }
    return NULL;
}

static struct ovsdb_error *
check_writable(const struct exec_ctx *ctx, const char *op_name)
{
    if (ctx->read_only) {
        return ovsdb_error_create("not allowed", "%s operation not allowed "
                                  "when database server is in read only "
                                  "mode", op_name);
    }
    if (ctx->db->schema->name[0] == '_') {
        /* Databases whose names begin with "_", such as _Server, belong
         * to the server, which alone changes them. */
        return ovsdb_error_create("not allowed", "%s operation not allowed "
                                  "on table in reserved database %s",
                                  op_name, ctx->db->schema->name);
    }
    return NULL;
}

/* Matching rows. */

struct row_array {
    const struct ovsdb_row **rows;
    size_t n;
    size_t allocated;
};

static void
row_array_add(struct row_array *a, const struct ovsdb_row *row)
{
    if (a->n >= a->allocated) {
        a->rows = x2nrealloc(a->rows, &a->allocated, sizeof *a->rows);
    }
    a->rows[a->n++] = row;
}

/* Collects the rows of TABLE that match every clause of COND.  A clause
 * ["_uuid", "==", UUID] makes it a hash lookup. */
static void
find_rows(const struct ovsdb_table *table,
          const struct ovsdb_condition *cond, struct row_array *a)
{
    const struct ovsdb_row *row;

    memset(a, 0, sizeof *a);
    for (size_t i = 0; i < cond->n_clauses; i++) {
        const struct ovsdb_clause *c = &cond->clauses[i];

        if (c->function == OVSDB_F_EQ && c->column
            && c->column->index == OVSDB_COL_UUID && c->arg.n == 1) {
            row = ovsdb_table_get_row(table, &c->arg.keys[0].uuid);
            if (row && ovsdb_condition_match_every_clause(row, cond)) {
                row_array_add(a, row);
            }
            return;
        }
    }
    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        if (ovsdb_condition_match_every_clause(row, cond)) {
            row_array_add(a, row);
        }
    }
}

/* Rows by the values of some columns, for "select" with "columns" and for
 * "wait". */
struct row_entry {
    struct hmap_node node;
    const struct ovsdb_row *row;
    bool matched;
};

static struct row_entry *
row_set_find(const struct hmap *set, const struct ovsdb_row *row,
             const struct ovsdb_column_set *columns, uint32_t hash)
{
    struct row_entry *e;

    HMAP_FOR_EACH_WITH_HASH (e, node, hash, set) {
        if (ovsdb_row_equal_columns(e->row, row, columns)) {
            return e;
        }
    }
    return NULL;
}

/* Adds ROW to SET unless an equal row (in COLUMNS) is there; returns true
 * if it added it. */
static bool
row_set_add(struct hmap *set, const struct ovsdb_row *row,
            const struct ovsdb_column_set *columns)
{
    uint32_t hash = ovsdb_row_hash_columns(row, columns, 0);

    if (row_set_find(set, row, columns, hash)) {
        return false;
    }

    struct row_entry *e = xzalloc(sizeof *e);
    e->row = row;
    hmap_insert(set, &e->node, hash);
    return true;
}

static void
row_set_destroy(struct hmap *set)
{
    struct row_entry *e;

    HMAP_FOR_EACH_POP (e, node, set) {
        free(e);
    }
    hmap_destroy(set);
}

/* Operations. */

static struct ovsdb_error *
execute_insert(struct exec_ctx *ctx, struct ovsdb_parser *parser,
               const struct json *op, struct ovsdb_table *table,
               struct json **resultp)
{
    const struct json *row_json, *uuid_name, *uuid_json;
    struct ovsdb_symbol *symbol = NULL;
    struct ovsdb_error *error;
    struct ovsdb_row *row;
    union ovsdb_atom atom;
    struct uuid uuid;

    row_json = ovsdb_parser_member(parser, "row", OP_OBJECT);
    uuid_name = ovsdb_parser_member(parser, "uuid-name",
                                    OP_ID | OP_OPTIONAL);
    uuid_json = ovsdb_parser_member(parser, "uuid", OP_STRING | OP_OPTIONAL);
    error = ovsdb_parser_finish(parser);
    if (error) {
        return error;
    }

    if (uuid_json && !uuid_from_string(&uuid, json_string(uuid_json))) {
        return ovsdb_syntax_error(uuid_json, NULL, "bad uuid");
    }
    if (uuid_name) {
        symbol = ovsdb_symbol_table_get(ctx->symtab, json_string(uuid_name));
        if (symbol && symbol->created) {
            return ovsdb_syntax_error(uuid_name, "duplicate uuid-name",
                                      "This \"uuid-name\" appeared on an "
                                      "earlier \"insert\" operation.");
        }
        if (!symbol) {
            if (uuid_json) {
                symbol = ovsdb_symbol_table_put(ctx->symtab,
                                                json_string(uuid_name),
                                                &uuid, false);
            } else {
                symbol = ovsdb_symbol_table_insert(ctx->symtab,
                                                   json_string(uuid_name));
            }
        }
        if (!uuid_json) {
            uuid = symbol->uuid;
        }
        symbol->created = true;
    } else if (!uuid_json) {
        uuid_generate(&uuid);
    }

    row = ovsdb_row_create(table);
    error = ovsdb_row_from_json(row, row_json, ctx->symtab, NULL);
    if (!error) {
        /* The columns that ROW_JSON leaves out keep their defaults, which
         * must satisfy the constraints too (an enum without "", a
         * minInteger above 0), as upstream checks. */
        const struct ovsdb_table_schema *ts = table->schema;

        for (size_t i = 0; !error && i < ts->n_columns; i++) {
            const struct ovsdb_column *column = ts->by_index[i];

            if (column->index >= OVSDB_N_STD_COLUMNS) {
                error = ovsdb_datum_check_constraints(
                    &row->fields[column->index], &column->type);
            }
        }
    }
    if (!error) {
        error = check_writable(ctx, "insert");
    }
    if (!error && uuid_json
        && (ovsdb_table_get_row(table, &uuid)
            || ovsdb_txn_row_was_deleted(ctx->txn, table, &uuid))) {
        error = ovsdb_syntax_error(uuid_json, "duplicate uuid",
                                   "This UUID would duplicate a UUID "
                                   "already present within the table or "
                                   "deleted within the same transaction.");
    }
    if (!error && ovsdb_table_get_row(table, &uuid)) {
        /* Only a random UUID that collides could get here. */
        error = ovsdb_syntax_error(op, "duplicate uuid",
                                   "This UUID would duplicate a UUID "
                                   "already present within the table or "
                                   "deleted within the same transaction.");
    }
    if (error) {
        ovsdb_row_destroy(row);
        return error;
    }

    *ovsdb_row_get_uuid_rw(row) = uuid;
    uuid_generate(ovsdb_row_get_version_rw(row));
    ovsdb_txn_row_insert(ctx->txn, row);

    atom.uuid = uuid;
    *resultp = json_object_create();
    json_object_put(*resultp, "uuid",
                    ovsdb_atom_to_json(&atom, OVSDB_TYPE_UUID));
    return NULL;
}

static struct ovsdb_error *
execute_select(struct exec_ctx *ctx, struct ovsdb_parser *parser,
               const struct json *op OVS_UNUSED, struct ovsdb_table *table,
               struct json **resultp)
{
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    const struct json *where, *columns_json;
    struct ovsdb_error *error;
    struct row_array a;
    struct json *rows;

    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    columns_json = ovsdb_parser_member(parser, "columns",
                                       OP_ARRAY | OP_OPTIONAL);
    error = ovsdb_parser_finish(parser);
    if (!error) {
        error = ovsdb_condition_from_json(ts, where, ctx->symtab, &cond);
    }
    if (!error) {
        if (columns_json) {
            error = ovsdb_column_set_from_json(columns_json, ts, &columns);
        } else {
            ovsdb_column_set_add_all(&columns, ts);
        }
    }
    if (error) {
        ovsdb_condition_destroy(&cond);
        ovsdb_column_set_destroy(&columns);
        return error;
    }

    find_rows(table, &cond, &a);
    rows = json_array_create_empty();
    if (columns_json) {
        /* Upstream leaves out rows that look the same in COLUMNS. */
        struct hmap seen = HMAP_INITIALIZER(&seen);

        for (size_t i = 0; i < a.n; i++) {
            if (row_set_add(&seen, a.rows[i], &columns)) {
                json_array_add(rows, ovsdb_row_to_json(a.rows[i],
                                                       &columns));
            }
        }
        row_set_destroy(&seen);
    } else {
        for (size_t i = 0; i < a.n; i++) {
            json_array_add(rows, ovsdb_row_to_json(a.rows[i], &columns));
        }
    }
    free(a.rows);
    ovsdb_condition_destroy(&cond);
    ovsdb_column_set_destroy(&columns);

    *resultp = json_object_create();
    json_object_put(*resultp, "rows", rows);
    return NULL;
}

static struct json *
count_result(size_t count)
{
    struct json *result = json_object_create();
    json_object_put(result, "count", json_integer_create(count));
    return result;
}

static struct ovsdb_error *
execute_update(struct exec_ctx *ctx, struct ovsdb_parser *parser,
               const struct json *op, struct ovsdb_table *table,
               struct json **resultp)
{
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    const struct json *where, *row_json;
    struct ovsdb_row *row = NULL;
    struct ovsdb_error *error;

    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    row_json = ovsdb_parser_member(parser, "row", OP_OBJECT);
    error = ovsdb_parser_finish(parser);
    if (!error) {
        row = ovsdb_row_create(table);
        error = ovsdb_row_from_json(row, row_json, ctx->symtab, &columns);
    }
    for (size_t i = 0; !error && i < columns.n; i++) {
        const struct ovsdb_column *column = columns.columns[i];

        if (!column->mutable) {
            error = ovsdb_syntax_error(op, "constraint violation",
                                       "Cannot update immutable column %s "
                                       "in table %s.", column->name,
                                       ts->name);
        }
    }
    if (!error) {
        error = ovsdb_condition_from_json(ts, where, ctx->symtab, &cond);
    }
    if (!error) {
        error = check_writable(ctx, "update");
    }
    if (!error) {
        struct row_array a;

        find_rows(table, &cond, &a);
        for (size_t i = 0; i < a.n; i++) {
            struct ovsdb_row *m = ovsdb_txn_row_modify(ctx->txn, a.rows[i]);
            ovsdb_row_update_columns(m, row, &columns);
        }
        *resultp = count_result(a.n);
        free(a.rows);
    }
    ovsdb_row_destroy(row);
    ovsdb_condition_destroy(&cond);
    ovsdb_column_set_destroy(&columns);
    return error;
}

static struct ovsdb_error *
execute_mutate(struct exec_ctx *ctx, struct ovsdb_parser *parser,
               const struct json *op OVS_UNUSED, struct ovsdb_table *table,
               struct json **resultp)
{
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    struct ovsdb_mutation_set set = { NULL, 0 };
    const struct json *where, *mutations;
    struct ovsdb_error *error;

    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    mutations = ovsdb_parser_member(parser, "mutations", OP_ARRAY);
    error = ovsdb_parser_finish(parser);
    if (!error) {
        error = ovsdb_mutation_set_from_json(ts, mutations, ctx->symtab,
                                             &set);
    }
    if (!error) {
        error = ovsdb_condition_from_json(ts, where, ctx->symtab, &cond);
    }
    if (!error) {
        error = check_writable(ctx, "mutate");
    }
    if (!error) {
        struct row_array a;

        find_rows(table, &cond, &a);
        for (size_t i = 0; !error && i < a.n; i++) {
            struct ovsdb_row *m = ovsdb_txn_row_modify(ctx->txn, a.rows[i]);
            error = ovsdb_mutation_set_execute(m, &set);
        }
        if (!error) {
            *resultp = count_result(a.n);
        }
        free(a.rows);
    }
    ovsdb_mutation_set_destroy(&set);
    ovsdb_condition_destroy(&cond);
    return error;
}

static struct ovsdb_error *
execute_delete(struct exec_ctx *ctx, struct ovsdb_parser *parser,
               const struct json *op OVS_UNUSED, struct ovsdb_table *table,
               struct json **resultp)
{
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    const struct json *where;
    struct ovsdb_error *error;

    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    error = ovsdb_parser_finish(parser);
    if (!error) {
        error = ovsdb_condition_from_json(table->schema, where, ctx->symtab,
                                          &cond);
    }
    if (!error) {
        error = check_writable(ctx, "delete");
    }
    if (!error) {
        struct row_array a;

        find_rows(table, &cond, &a);
        for (size_t i = 0; i < a.n; i++) {
            ovsdb_txn_row_delete(ctx->txn, a.rows[i]);
        }
        *resultp = count_result(a.n);
        free(a.rows);
    }
    ovsdb_condition_destroy(&cond);
    return error;
}

/* Does the set of ACTUAL rows, seen through COLUMNS, equal the set of
 * EXPECTED rows? */
static bool
row_sets_equal(const struct row_array *actual,
               struct ovsdb_row **expected, size_t n_expected,
               const struct ovsdb_column_set *columns)
{
    struct hmap set = HMAP_INITIALIZER(&set);
    size_t n_distinct = 0, n_matched = 0;
    bool equal = true;

    for (size_t i = 0; i < n_expected; i++) {
        n_distinct += row_set_add(&set, expected[i], columns);
    }
    for (size_t i = 0; i < actual->n && equal; i++) {
        const struct ovsdb_row *row = actual->rows[i];
        struct row_entry *e = row_set_find(
            &set, row, columns, ovsdb_row_hash_columns(row, columns, 0));

        if (!e) {
            equal = false;
        } else if (!e->matched) {
            e->matched = true;
            n_matched++;
        }
    }
    row_set_destroy(&set);
    return equal && n_matched == n_distinct;
}

static struct ovsdb_error *
execute_wait(struct exec_ctx *ctx, struct ovsdb_parser *parser,
             const struct json *op OVS_UNUSED, struct ovsdb_table *table,
             struct json **resultp)
{
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    const struct json *timeout_json, *where, *columns_json, *until, *rows;
    struct ovsdb_row **expected = NULL;
    long long int timeout = LLONG_MAX;
    size_t n_expected = 0;
    struct ovsdb_error *error;
    bool until_eq = true;

    timeout_json = ovsdb_parser_member(parser, "timeout",
                                       OP_INTEGER | OP_OPTIONAL);
    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    columns_json = ovsdb_parser_member(parser, "columns",
                                       OP_ARRAY | OP_OPTIONAL);
    until = ovsdb_parser_member(parser, "until", OP_STRING);
    rows = ovsdb_parser_member(parser, "rows", OP_ARRAY);
    error = ovsdb_parser_finish(parser);
    if (!error) {
        error = ovsdb_condition_from_json(ts, where, ctx->symtab, &cond);
    }
    if (!error) {
        if (columns_json) {
            error = ovsdb_column_set_from_json(columns_json, ts, &columns);
        } else {
            ovsdb_column_set_add_all(&columns, ts);
        }
    }
    if (!error && timeout_json) {
        timeout = json_integer(timeout_json);
        if (timeout < 0) {
            error = ovsdb_syntax_error(timeout_json, NULL,
                                       "timeout must be nonnegative");
        }
    }
    if (!error) {
        if (!strcmp(json_string(until), "==")) {
            until_eq = true;
        } else if (!strcmp(json_string(until), "!=")) {
            until_eq = false;
        } else {
            error = ovsdb_syntax_error(until, NULL,
                                       "\"until\" must be \"==\" or \"!=\"");
        }
    }
    if (!error) {
        const struct json_array *array = json_array(rows);

        expected = xmalloc((array->n ? array->n : 1) * sizeof *expected);
        for (size_t i = 0; !error && i < array->n; i++) {
            struct ovsdb_row *row = ovsdb_row_create(table);

            error = ovsdb_row_from_json(row, array->elems[i], ctx->symtab,
                                        NULL);
            if (error) {
                ovsdb_row_destroy(row);
            } else {
                expected[n_expected++] = row;
            }
        }
    }
    if (!error) {
        struct row_array a;
        bool equal;

        find_rows(table, &cond, &a);
        equal = row_sets_equal(&a, expected, n_expected, &columns);
        free(a.rows);
        if (equal == until_eq) {
            *resultp = json_object_create();
        } else if (!timeout) {
            error = ovsdb_error_create("timed out",
                                       "\"where\" clause test failed");
        } else if (ctx->elapsed_msec >= timeout) {
            error = ovsdb_error_create("timed out",
                                       "\"wait\" timed out after %lld ms",
                                       ctx->elapsed_msec);
        } else {
            ctx->must_wait = true;
            ctx->timeout_msec = (timeout == LLONG_MAX ? LLONG_MAX
                                 : timeout - ctx->elapsed_msec);
        }
    }

    for (size_t i = 0; i < n_expected; i++) {
        ovsdb_row_destroy(expected[i]);
    }
    free(expected);
    ovsdb_condition_destroy(&cond);
    ovsdb_column_set_destroy(&columns);
    return error;
}

static struct ovsdb_error *
execute_commit(struct exec_ctx *ctx, struct ovsdb_parser *parser,
               const struct json *op OVS_UNUSED,
               struct ovsdb_table *table OVS_UNUSED, struct json **resultp)
{
    const struct json *durable;
    struct ovsdb_error *error;

    durable = ovsdb_parser_member(parser, "durable", OP_BOOLEAN);
    error = ovsdb_parser_finish(parser);
    if (!error) {
        error = check_writable(ctx, "commit");
    }
    if (!error) {
        if (json_boolean(durable)) {
            ctx->durable = true;
        }
        *resultp = json_object_create();
    }
    return error;
}

static struct ovsdb_error *
execute_abort(struct exec_ctx *ctx OVS_UNUSED, struct ovsdb_parser *parser,
              const struct json *op OVS_UNUSED,
              struct ovsdb_table *table OVS_UNUSED,
              struct json **resultp OVS_UNUSED)
{
    struct ovsdb_error *error = ovsdb_parser_finish(parser);

    return error ? error : ovsdb_error_create("aborted",
                                              "aborted by request");
}

static struct ovsdb_error *
execute_comment(struct exec_ctx *ctx, struct ovsdb_parser *parser,
                const struct json *op OVS_UNUSED,
                struct ovsdb_table *table OVS_UNUSED, struct json **resultp)
{
    const struct json *comment;
    struct ovsdb_error *error;

    comment = ovsdb_parser_member(parser, "comment", OP_STRING);
    error = ovsdb_parser_finish(parser);
    if (!error) {
        ovsdb_txn_add_comment(ctx->txn, json_string(comment));
        *resultp = json_object_create();
    }
    return error;
}

static struct ovsdb_error *
execute_assert(struct exec_ctx *ctx, struct ovsdb_parser *parser,
               const struct json *op OVS_UNUSED,
               struct ovsdb_table *table OVS_UNUSED, struct json **resultp)
{
    const struct json *lock;
    struct ovsdb_error *error;

    lock = ovsdb_parser_member(parser, "lock", OP_ID);
    error = ovsdb_parser_finish(parser);
    if (!error) {
        const char *name = json_string(lock);

        if (!ctx->lock_held || !ctx->lock_held(name, ctx->lock_aux)) {
            error = ovsdb_error_create("not owner",
                                       "Asserted lock %s not held.", name);
        } else {
            *resultp = json_object_create();
        }
    }
    return error;
}

/* Parses and executes operation OP, number I of N. */
static struct ovsdb_error *
execute_op(struct exec_ctx *ctx, const struct json *op, size_t i, size_t n,
           struct json **resultp)
{
    const struct json *op_name, *table_name;
    struct ovsdb_table *table = NULL;
    const struct op_desc *desc;
    struct ovsdb_parser parser;

    *resultp = NULL;
    if (op->type != JSON_OBJECT) {
        return ovsdb_syntax_error(NULL, NULL, "Parsing ovsdb operation %zu "
                                  "of %zu failed: Object expected.", i, n);
    }
    ovsdb_parser_init(&parser, op, "ovsdb operation %zu of %zu", i, n);
    op_name = ovsdb_parser_member(&parser, "op", OP_STRING);
    if (!op_name) {
        return ovsdb_parser_finish(&parser);
    }
    desc = lookup_op(json_string(op_name));
    if (!desc) {
        ovsdb_parser_put_error(&parser, ovsdb_syntax_error(
                                   op, NULL, "Parsing %s failed: No "
                                   "operation \"%s\"", parser.name,
                                   json_string(op_name)));
        return ovsdb_parser_finish(&parser);
    }
    if (desc->needs_table) {
        table_name = ovsdb_parser_member(&parser, "table", OP_ID);
        if (!table_name) {
            return ovsdb_parser_finish(&parser);
        }
        table = ovsdb_get_table(ctx->db, json_string(table_name));
        if (!table) {
            ovsdb_parser_put_error(&parser, ovsdb_syntax_error(
                                       op, NULL, "Parsing %s failed: No "
                                       "table named %s.", parser.name,
                                       json_string(table_name)));
            return ovsdb_parser_finish(&parser);
        }
    }
    return desc->execute(ctx, &parser, op, table, resultp);
}

struct json *
ovsdb_execute(struct ovsdb *db, const struct json *params, bool read_only,
              ovsdb_execute_lock_cb *lock_held, void *lock_aux,
              long long int elapsed_msec, long long int *timeout_msec,
              struct ovsdb_txn **txnp, bool *durablep)
{
    const struct json_array *array;
    struct json *results;
    struct exec_ctx ctx;
    bool failed = false;
    size_t n_ops;

    *txnp = NULL;
    *durablep = false;
    *timeout_msec = LLONG_MAX;

    if (params->type != JSON_ARRAY) {
        return ovsdb_error_to_json_free(
            ovsdb_syntax_error(params, NULL, "array expected"));
    }
    array = json_array(params);
    if (!array->n || array->elems[0]->type != JSON_STRING
        || strcmp(json_string(array->elems[0]), db->schema->name)) {
        return ovsdb_error_to_json_free(
            ovsdb_syntax_error(params, NULL, "database name expected as "
                               "first parameter"));
    }
    n_ops = array->n - 1;

    memset(&ctx, 0, sizeof ctx);
    ctx.db = db;
    ctx.txn = ovsdb_txn_create(db);
    ctx.symtab = ovsdb_symbol_table_create();
    ctx.read_only = read_only;
    ctx.lock_held = lock_held;
    ctx.lock_aux = lock_aux;
    ctx.elapsed_msec = elapsed_msec;

    results = json_array_create_empty();
    for (size_t i = 0; i < n_ops; i++) {
        struct ovsdb_error *error;
        struct json *result;

        error = execute_op(&ctx, array->elems[i + 1], i + 1, n_ops, &result);
        if (ctx.must_wait) {
            ovs_assert(!error);
            ovsdb_txn_abort(ctx.txn);
            ovsdb_symbol_table_destroy(ctx.symtab);
            json_destroy(results);
            *timeout_msec = ctx.timeout_msec;
            return NULL;
        }
        if (error) {
            json_array_add(results, ovsdb_error_to_json_free(error));
            for (size_t j = i + 1; j < n_ops; j++) {
                json_array_add(results, json_null_create());
            }
            failed = true;
            break;
        }
        json_array_add(results, result);
    }

    if (!failed) {
        struct ovsdb_error *error = ovsdb_txn_precommit(ctx.txn);
        if (error) {
            json_array_add(results, ovsdb_error_to_json_free(error));
            failed = true;
        }
    }
    if (failed || ovsdb_txn_is_empty(ctx.txn)) {
        ovsdb_txn_abort(ctx.txn);
    } else {
        *txnp = ctx.txn;
        *durablep = ctx.durable;
    }
    ovsdb_symbol_table_destroy(ctx.symtab);
    return results;
}
