/* fuzz-ovsdb-txn.c: libFuzzer target for the OVSDB transaction engine.
 *
 * The input is the "params" array of a "transact" request (for example
 * ["t", {"op": "insert", ...}]) against a fixed schema with strong and
 * weak references, a non-root table, maxRows and unique indexes, on a
 * database that a seed transaction fills.  The request runs twice: the
 * first time its transaction is committed or aborted (by the parity of
 * the input's length), the second time committed, and after each run
 * the database must be consistent: reference counts, weak reference
 * lists and index hash tables as a full recount finds them, no dangling
 * strong reference, no unreferenced row in a non-root table, no
 * duplicate index key, no table over maxRows.  Any crash, leak or failed
 * check is a bug. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "column.h"
#include "execution.h"
#include "hmap.h"
#include "json.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "row.h"
#include "table.h"
#include "transaction.h"
#include "util.h"

static const char schema_text[] =
    "{\"name\": \"t\", \"tables\": {"
    " \"R\": {\"isRoot\": true, \"indexes\": [[\"name\"]], \"columns\": {"
    "   \"name\": {\"type\": \"string\"},"
    "   \"n\": {\"type\": {\"key\": {\"type\": \"integer\","
    "                            \"minInteger\": -5, \"maxInteger\": 5}}},"
    "   \"imm\": {\"type\": \"integer\", \"mutable\": false},"
    "   \"s\": {\"type\": {\"key\": {\"type\": \"uuid\", \"refTable\": \"C\"},"
    "                    \"min\": 0, \"max\": \"unlimited\"}},"
    "   \"r\": {\"type\": {\"key\": {\"type\": \"uuid\", \"refTable\": \"R\"},"
    "                    \"min\": 0, \"max\": 1}},"
    "   \"w\": {\"type\": {\"key\": {\"type\": \"uuid\","
    "                            \"refTable\": \"R\","
    "                            \"refType\": \"weak\"},"
    "                    \"min\": 0, \"max\": \"unlimited\"}},"
    "   \"m\": {\"type\": {\"key\": \"string\", \"value\": \"integer\","
    "                    \"min\": 0, \"max\": \"unlimited\"}}}},"
    " \"C\": {\"columns\": {"
    "   \"v\": {\"type\": \"integer\"},"
    "   \"c\": {\"type\": {\"key\": {\"type\": \"uuid\", \"refTable\": \"C\"},"
    "                    \"min\": 0, \"max\": 1}}}},"
    " \"M\": {\"isRoot\": true, \"maxRows\": 2,"
    "        \"columns\": {\"x\": {\"type\": \"integer\"}}},"
    " \"W\": {\"isRoot\": true, \"columns\": {"
    "   \"w1\": {\"type\": {\"key\": {\"type\": \"uuid\","
    "                             \"refTable\": \"R\","
    "                             \"refType\": \"weak\"},"
    "                     \"min\": 1, \"max\": 2}},"
    "   \"wm\": {\"type\": {\"key\": {\"type\": \"uuid\","
    "                             \"refTable\": \"R\","
    "                             \"refType\": \"weak\"},"
    "                     \"value\": {\"type\": \"uuid\","
    "                               \"refTable\": \"C\"},"
    "                     \"min\": 0, \"max\": \"unlimited\"}}}},"
    " \"I\": {\"isRoot\": true, \"indexes\": [[\"a\", \"b\"], [\"b\"]],"
    "        \"columns\": {\"a\": {\"type\": \"integer\"},"
    "                    \"b\": {\"type\": \"string\"}}}}}";

/* Rows with fixed UUIDs, so that inputs can name them. */
static const char seed_text[] =
    "[\"t\","
    " {\"op\": \"insert\", \"table\": \"R\", \"uuid-name\": \"a\","
    "  \"uuid\": \"00000000-0000-0000-0000-00000000000a\","
    "  \"row\": {\"name\": \"a\", \"w\": [\"named-uuid\", \"b\"]}},"
    " {\"op\": \"insert\", \"table\": \"R\", \"uuid-name\": \"b\","
    "  \"uuid\": \"00000000-0000-0000-0000-00000000000b\","
    "  \"row\": {\"name\": \"b\", \"r\": [\"named-uuid\", \"a\"],"
    "           \"s\": [\"set\", [[\"named-uuid\", \"c1\"]]]}},"
    " {\"op\": \"insert\", \"table\": \"C\", \"uuid-name\": \"c1\","
    "  \"uuid\": \"00000000-0000-0000-0000-0000000000c1\","
    "  \"row\": {\"v\": 1, \"c\": [\"named-uuid\", \"c2\"]}},"
    " {\"op\": \"insert\", \"table\": \"C\", \"uuid-name\": \"c2\","
    "  \"uuid\": \"00000000-0000-0000-0000-0000000000c2\","
    "  \"row\": {\"v\": 2}},"
    " {\"op\": \"insert\", \"table\": \"C\", \"uuid-name\": \"c3\","
    "  \"uuid\": \"00000000-0000-0000-0000-0000000000c3\","
    "  \"row\": {\"v\": 3}},"
    " {\"op\": \"insert\", \"table\": \"W\","
    "  \"uuid\": \"00000000-0000-0000-0000-0000000000f1\","
    "  \"row\": {\"w1\": [\"set\", [[\"named-uuid\", \"a\"],"
    "                            [\"named-uuid\", \"b\"]]],"
    "           \"wm\": [\"map\", [[[\"named-uuid\", \"a\"],"
    "                              [\"named-uuid\", \"c3\"]]]]}},"
    " {\"op\": \"insert\", \"table\": \"I\","
    "  \"row\": {\"a\": 1, \"b\": \"p\"}},"
    " {\"op\": \"insert\", \"table\": \"M\", \"row\": {\"x\": 1}}]";

static struct ovsdb *
make_db(void)
{
    struct json *json = json_from_string(schema_text);
    struct ovsdb_schema *schema;
    struct ovsdb_error *error = ovsdb_schema_from_json(json, &schema);

    json_destroy(json);
    if (error) {
        abort();
    }
    return ovsdb_create(schema);
}

static void
run(struct ovsdb *db, const struct json *params, bool commit)
{
    long long int timeout;
    struct ovsdb_txn *txn;
    struct json *result;
    bool durable;

    result = ovsdb_execute(db, params, false, NULL, NULL, 0, &timeout, &txn,
                           &durable);
    json_destroy(result);
    if (txn) {
        if (commit) {
            ovsdb_txn_commit(txn);
        } else {
            ovsdb_txn_abort(txn);
        }
    }
    if (db->txn) {
        abort();
    }
}

/* The number of strong references to DST, and weak references to DST,
 * in the whole database (a row's references to itself do not count). */
static void
count_refs(const struct ovsdb *db, const struct ovsdb_row *dst,
           unsigned int *n_strong, size_t *n_weak)
{
    const struct uuid *uuid = ovsdb_row_get_uuid(dst);
    struct shash_node *node;

    *n_strong = 0;
    *n_weak = 0;
    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *t = node->data;
        const struct ovsdb_table_schema *ts = t->schema;
        const struct ovsdb_row *row;

        HMAP_FOR_EACH (row, hmap_node, &t->rows) {
            for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
                const struct ovsdb_type *type = &ts->by_index[i]->type;
                const struct ovsdb_datum *d = &row->fields[i];

                for (size_t j = 0; j < d->n; j++) {
                    const struct ovsdb_base_type *bases[2] = {
                        &type->key, &type->value
                    };
                    const union ovsdb_atom *atoms[2] = {
                        &d->keys[j], d->values ? &d->values[j] : NULL
                    };

                    for (int k = 0; k < 2; k++) {
                        const struct ovsdb_base_type *b = bases[k];

                        if (!atoms[k] || !ovsdb_base_type_is_ref(b)
                            || b->uuid.refTable != dst->table
                            || !uuid_equals(&atoms[k]->uuid, uuid)) {
                            continue;
                        }
                        if (ovsdb_base_type_is_strong_ref(b)) {
                            *n_strong += row != dst;
                        } else {
                            (*n_weak)++;
                        }
                    }
                }
            }
        }
    }
}

/* Is every reference in ROW to a row that exists? */
static bool
refs_exist(const struct ovsdb_row *row)
{
    const struct ovsdb_table_schema *ts = row->table->schema;

    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct ovsdb_type *type = &ts->by_index[i]->type;
        const struct ovsdb_datum *d = &row->fields[i];

        for (size_t j = 0; j < d->n; j++) {
            if (ovsdb_base_type_is_ref(&type->key)
                && !ovsdb_table_get_row(type->key.uuid.refTable,
                                        &d->keys[j].uuid)) {
                return false;
            }
            if (ovsdb_base_type_is_ref(&type->value)
                && !ovsdb_table_get_row(type->value.uuid.refTable,
                                        &d->values[j].uuid)) {
                return false;
            }
        }
        if (!ovsdb_datum_conforms_to_type(d, type)) {
            return false;
        }
    }
    return true;
}

static void
check_db(const struct ovsdb *db)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *t = node->data;
        const struct ovsdb_table_schema *ts = t->schema;
        const struct ovsdb_row *row;

        if (t->txn_table || hmap_count(&t->rows) > ts->max_rows) {
            abort();
        }
        for (size_t i = 0; i < ts->n_indexes; i++) {
            if (hmap_count(&t->indexes[i]) != hmap_count(&t->rows)) {
                abort();
            }
        }
        HMAP_FOR_EACH (row, hmap_node, &t->rows) {
            unsigned int n_strong;
            size_t n_weak;

            count_refs(db, row, &n_strong, &n_weak);
            if (row->txn_row || row->n_refs != n_strong
                || ovs_list_size(&row->dst_refs) != n_weak
                || (!ts->is_root && !n_strong)
                || !refs_exist(row) || (ts->n_indexes && !row->indexed)) {
                abort();
            }
            for (size_t i = 0; i < ts->n_indexes; i++) {
                const struct ovsdb_column_set *index = &ts->indexes[i];
                uint32_t hash = ovsdb_row_hash_columns(row, index, 0);
                const struct hmap_node *in;
                int n_equal = 0;

                if (ovsdb_row_get_index_node(row, i)->hash != hash) {
                    abort();
                }
                for (in = hmap_first_with_hash(&t->indexes[i], hash); in;
                     in = hmap_next_with_hash(in)) {
                    const struct ovsdb_row *other
                        = ovsdb_row_from_index_node(in, t, i);
                    n_equal += ovsdb_row_equal_columns(row, other, index);
                }
                if (n_equal != 1) {
                    abort();
                }
            }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = xmemdup0((const char *) data, size);
    struct json *params = json_from_string(text);
    struct json *seed = json_from_string(seed_text);
    struct ovsdb *db = make_db();

    run(db, seed, true);
    check_db(db);
    if (params->type != JSON_STRING) {
        run(db, params, size % 2);
        check_db(db);
        run(db, params, true);
        check_db(db);
    }

    ovsdb_destroy(db);
    json_destroy(seed);
    json_destroy(params);
    free(text);
    return 0;
}
