/* test-ovsdb-txn.c: unit tests for ovsdb/transaction.c (reference
 * counts, garbage collection, weak references, unique indexes, maxRows,
 * abort, change reports and observers). */
#include <config.h>

#include <string.h>
#include "bitmap.h"
#include "column.h"
#include "dynamic-string.h"
#include "json.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "ovstest.h"
#include "row.h"
#include "table.h"
#include "transaction.h"
#include "util.h"
#include "uuid.h"

/* R: a root table with a unique "name", strong references to C (s) and
 * R (r), and weak references to R (w).  C: not a root table, with a
 * strong self reference (c).  M: at most 2 rows.  W: a weak reference
 * that may not be empty (w1) and a map from weak references to strong
 * ones (wm).  I: a two-column index and a one-column index. */
static const char schema_text[] =
    "{\"name\": \"t\", \"tables\": {"
    " \"R\": {\"isRoot\": true, \"indexes\": [[\"name\"]], \"columns\": {"
    "   \"name\": {\"type\": \"string\"},"
    "   \"n\": {\"type\": \"integer\"},"
    "   \"s\": {\"type\": {\"key\": {\"type\": \"uuid\", \"refTable\": \"C\"},"
    "                    \"min\": 0, \"max\": \"unlimited\"}},"
    "   \"r\": {\"type\": {\"key\": {\"type\": \"uuid\", \"refTable\": \"R\"},"
    "                    \"min\": 0, \"max\": 1}},"
    "   \"w\": {\"type\": {\"key\": {\"type\": \"uuid\","
    "                            \"refTable\": \"R\","
    "                            \"refType\": \"weak\"},"
    "                    \"min\": 0, \"max\": \"unlimited\"}}}},"
    " \"C\": {\"columns\": {"
    "   \"v\": {\"type\": \"integer\"},"
    "   \"c\": {\"type\": {\"key\": {\"type\": \"uuid\", \"refTable\": \"C\"},"
    "                    \"min\": 0, \"max\": 1}}}},"
    " \"M\": {\"isRoot\": true, \"maxRows\": 2,"
    "        \"columns\": {\"x\": {\"type\": \"integer\"}}},"
    " \"W\": {\"isRoot\": true, \"columns\": {"
    "   \"w1\": {\"type\": {\"key\": {\"type\": \"uuid\", \"refTable\": \"R\","
    "                             \"refType\": \"weak\"},"
    "                     \"min\": 1, \"max\": 2}},"
    "   \"wm\": {\"type\": {\"key\": {\"type\": \"uuid\", \"refTable\": \"R\","
    "                             \"refType\": \"weak\"},"
    "                     \"value\": {\"type\": \"uuid\","
    "                               \"refTable\": \"C\"},"
    "                     \"min\": 0, \"max\": \"unlimited\"}}}},"
    " \"I\": {\"isRoot\": true, \"indexes\": [[\"a\", \"b\"], [\"b\"]],"
    "        \"columns\": {\"a\": {\"type\": \"integer\"},"
    "                    \"b\": {\"type\": \"string\"}}}}}";

static struct ovsdb *
make_db(void)
{
    struct json *json = json_from_string(schema_text);
    struct ovsdb_schema *schema;
    struct ovsdb_error *error = ovsdb_schema_from_json(json, &schema);

    CHECK(!error);
    json_destroy(json);
    return ovsdb_create(schema);
}

static struct ovsdb_table *
table(struct ovsdb *db, const char *name)
{
    struct ovsdb_table *t = ovsdb_get_table(db, name);
    CHECK(t != NULL);
    return t;
}

/* Inserts into TABLE a row given as JSON (named uuids through SYMTAB);
 * if NAME is nonnull, the row's UUID is that of symbol NAME. */
static struct ovsdb_row *
insert(struct ovsdb_txn *txn, struct ovsdb_table *t, const char *name,
       const char *row_json, struct ovsdb_symbol_table *symtab)
{
    struct ovsdb_row *row = ovsdb_row_create(t);
    struct json *json = json_from_string(row_json);
    struct ovsdb_error *error = ovsdb_row_from_json(row, json, symtab, NULL);

    CHECK(!error);
    json_destroy(json);
    if (name) {
        *ovsdb_row_get_uuid_rw(row) = ovsdb_symbol_table_insert(symtab,
                                                                name)->uuid;
    } else {
        uuid_generate(ovsdb_row_get_uuid_rw(row));
    }
    ovsdb_txn_row_insert(txn, row);
    return row;
}

static const struct ovsdb_row *
get(struct ovsdb *db, const char *t, struct ovsdb_symbol_table *symtab,
    const char *name)
{
    return ovsdb_table_get_row(table(db, t),
                               &ovsdb_symbol_table_get(symtab, name)->uuid);
}

/* Sets column COLUMN of ROW (through TXN) to JSON. */
static void
set(struct ovsdb_txn *txn, const struct ovsdb_row *row_, const char *column,
    const char *value, struct ovsdb_symbol_table *symtab)
{
    struct ovsdb_row *row = ovsdb_txn_row_modify(txn, row_);
    struct ds s = DS_EMPTY_INITIALIZER;
    struct json *json;

    ds_put_format(&s, "{\"%s\": %s}", column, value);
    json = json_from_string(ds_cstr(&s));
    CHECK(!ovsdb_row_from_json(row, json, symtab, NULL));
    json_destroy(json);
    ds_destroy(&s);
}

/* Precommits TXN, which must succeed. */
static void
commit_check(struct ovsdb_txn *txn)
{
    struct ovsdb_error *error = ovsdb_txn_precommit(txn);

    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        ovstest_fail(OVS_SOURCE_LOCATOR, "precommit failed: %s", s);
    }
}

/* Precommits and commits TXN, which must succeed. */
static void
commit(struct ovsdb_txn *txn)
{
    commit_check(txn);
    ovsdb_txn_commit(txn);
}

/* Precommits TXN, which must fail with an error whose string contains
 * EXPECTED, then aborts it. */
static void
precommit_fails(struct ovsdb_txn *txn, const char *expected)
{
    struct ovsdb_error *error = ovsdb_txn_precommit(txn);
    char *s;

    CHECK(error != NULL);
    s = ovsdb_error_to_string_free(error);
    if (!strstr(s, expected)) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "\"%s\" lacks \"%s\"", s, expected);
    }
    free(s);
    ovsdb_txn_abort(txn);
}

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

/* A string of the whole database: each table's rows in UUID order, with
 * their reference counts and weak reference lists' sizes. */
static char *
dump(const struct ovsdb *db)
{
    const struct shash_node **tables = shash_sort(&db->tables);
    struct ds s = DS_EMPTY_INITIALIZER;

    for (size_t i = 0; i < shash_count(&db->tables); i++) {
        const struct ovsdb_table *t = tables[i]->data;
        size_t n = hmap_count(&t->rows), k = 0;
        char **lines = xmalloc((n ? n : 1) * sizeof *lines);
        const struct ovsdb_row *row;

        HMAP_FOR_EACH (row, hmap_node, &t->rows) {
            struct json *json = ovsdb_row_to_json(row, NULL);
            char *js = json_to_string(json, JSSF_SORT);

            lines[k++] = xasprintf("%s %s refs=%u src=%zu dst=%zu",
                                   t->schema->name, js, row->n_refs,
                                   ovs_list_size(&row->src_refs),
                                   ovs_list_size(&row->dst_refs));
            free(js);
            json_destroy(json);
        }
        qsort(lines, n, sizeof *lines, compare_strings);
        for (size_t j = 0; j < n; j++) {
            ds_put_format(&s, "%s\n", lines[j]);
            free(lines[j]);
        }
        free(lines);
    }
    free(tables);
    return ds_steal_cstr(&s);
}

/* Builds a database with R rows a and b (b.r = a, b.s = [c1], a.w = [b]),
 * C rows c1 -> c2, and W row x (w1 = [a, b], wm = {a: c3}). */
static struct ovsdb *
make_populated_db(struct ovsdb_symbol_table *symtab)
{
    struct ovsdb *db = make_db();
    struct ovsdb_txn *txn = ovsdb_txn_create(db);

    ovsdb_symbol_table_insert(symtab, "a");
    ovsdb_symbol_table_insert(symtab, "b");
    ovsdb_symbol_table_insert(symtab, "c1");
    ovsdb_symbol_table_insert(symtab, "c2");
    ovsdb_symbol_table_insert(symtab, "c3");
    insert(txn, table(db, "R"), "a",
           "{\"name\": \"a\", \"w\": [\"named-uuid\", \"b\"]}", symtab);
    insert(txn, table(db, "R"), "b",
           "{\"name\": \"b\", \"r\": [\"named-uuid\", \"a\"],"
           " \"s\": [\"named-uuid\", \"c1\"]}", symtab);
    insert(txn, table(db, "C"), "c1",
           "{\"v\": 1, \"c\": [\"named-uuid\", \"c2\"]}", symtab);
    insert(txn, table(db, "C"), "c2", "{\"v\": 2}", symtab);
    insert(txn, table(db, "C"), "c3", "{\"v\": 3}", symtab);
    insert(txn, table(db, "W"), "x",
           "{\"w1\": [\"set\", [[\"named-uuid\", \"a\"],"
           "                   [\"named-uuid\", \"b\"]]],"
           " \"wm\": [\"map\", [[[\"named-uuid\", \"a\"],"
           "                    [\"named-uuid\", \"c3\"]]]]}", symtab);
    commit(txn);
    return db;
}

static void
test_insert_refs(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb *db = make_populated_db(symtab);

    CHECK(!db->txn);
    CHECK_INT(hmap_count(&table(db, "R")->rows), 2);
    CHECK_INT(hmap_count(&table(db, "C")->rows), 3);
    CHECK_INT(get(db, "R", symtab, "a")->n_refs, 1);
    CHECK_INT(get(db, "R", symtab, "b")->n_refs, 0);
    CHECK_INT(get(db, "C", symtab, "c1")->n_refs, 1);
    CHECK_INT(get(db, "C", symtab, "c2")->n_refs, 1);
    CHECK_INT(get(db, "C", symtab, "c3")->n_refs, 1);
    /* a is weakly referenced by x.w1 and x.wm; b by a.w and x.w1. */
    CHECK_INT(ovs_list_size(&get(db, "R", symtab, "a")->dst_refs), 2);
    CHECK_INT(ovs_list_size(&get(db, "R", symtab, "b")->dst_refs), 2);
    CHECK(!uuid_is_zero(ovsdb_row_get_version(get(db, "R", symtab, "a"))));

    ovsdb_destroy(db);
    ovsdb_symbol_table_destroy(symtab);
}
OVSTEST_REGISTER("ovsdb-txn/insert-refs", test_insert_refs);

static void
test_abort_restores(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb *db = make_populated_db(symtab);
    char *before = dump(db);
    struct ovsdb_txn *txn;
    char *after;

    /* Changes that precommit accepts, then abort. */
    txn = ovsdb_txn_create(db);
    set(txn, get(db, "R", symtab, "b"), "s", "[\"set\", []]", symtab);
    set(txn, get(db, "R", symtab, "b"), "r", "[\"set\", []]", symtab);
    ovsdb_txn_row_delete(txn, get(db, "R", symtab, "a"));
    insert(txn, table(db, "R"), NULL, "{\"name\": \"new\"}", symtab);
    insert(txn, table(db, "C"), NULL, "{\"v\": 9}", symtab);
    CHECK(!ovsdb_txn_is_empty(txn));
    CHECK(!ovsdb_txn_precommit(txn));
    /* Precommit collected c1 and c2, and removed the weak references to
     * a, which also collected c3. */
    CHECK_INT(hmap_count(&table(db, "C")->rows), 0);
    CHECK_INT(hmap_count(&table(db, "R")->rows), 2);
    ovsdb_txn_abort(txn);
    CHECK(!db->txn);
    after = dump(db);
    CHECK_STR(after, before);
    free(after);

    /* Changes that precommit rejects, then abort. */
    txn = ovsdb_txn_create(db);
    set(txn, get(db, "R", symtab, "a"), "n", "5", symtab);
    ovsdb_txn_row_delete(txn, get(db, "R", symtab, "a"));
    insert(txn, table(db, "R"), NULL, "{\"name\": \"b\"}", symtab);
    precommit_fails(txn, "cannot delete R row");
    after = dump(db);
    CHECK_STR(after, before);
    free(after);

    /* Abort without precommit. */
    txn = ovsdb_txn_create(db);
    set(txn, get(db, "C", symtab, "c1"), "v", "7", symtab);
    ovsdb_txn_row_delete(txn, get(db, "C", symtab, "c2"));
    ovsdb_txn_abort(txn);
    after = dump(db);
    CHECK_STR(after, before);
    free(after);

    free(before);
    ovsdb_destroy(db);
    ovsdb_symbol_table_destroy(symtab);
}
OVSTEST_REGISTER("ovsdb-txn/abort-restores", test_abort_restores);

static void
test_referential_integrity(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb *db = make_populated_db(symtab);
    char *before = dump(db);
    struct ovsdb_txn *txn;
    char *after;

    txn = ovsdb_txn_create(db);
    ovsdb_txn_row_delete(txn, get(db, "R", symtab, "a"));
    precommit_fails(txn, "referential integrity violation: cannot delete "
                    "R row ");

    txn = ovsdb_txn_create(db);
    insert(txn, table(db, "R"), NULL,
           "{\"name\": \"z\", \"r\": [\"uuid\", "
           "\"12345678-1234-1234-1234-123456789012\"]}", symtab);
    precommit_fails(txn, "references nonexistent row "
                    "12345678-1234-1234-1234-123456789012 in table R.");

    /* Deleting the referrer too passes that check (but then x.w1 would
     * lose both its references). */
    txn = ovsdb_txn_create(db);
    ovsdb_txn_row_delete(txn, get(db, "R", symtab, "a"));
    ovsdb_txn_row_delete(txn, get(db, "R", symtab, "b"));
    precommit_fails(txn, "Deletion of 2 weak reference(s)");

    /* A reference moved from one row to another keeps the count. */
    txn = ovsdb_txn_create(db);
    set(txn, get(db, "R", symtab, "b"), "r", "[\"set\", []]", symtab);
    insert(txn, table(db, "R"), NULL,
           "{\"name\": \"c\", \"r\": [\"named-uuid\", \"a\"]}", symtab);
    commit(txn);
    CHECK_INT(get(db, "R", symtab, "a")->n_refs, 1);

    /* References to itself do not count. */
    txn = ovsdb_txn_create(db);
    set(txn, get(db, "R", symtab, "a"), "r", "[\"named-uuid\", \"a\"]",
        symtab);
    commit(txn);
    CHECK_INT(get(db, "R", symtab, "a")->n_refs, 1);

    after = dump(db);
    CHECK(strcmp(after, before));
    free(after);
    free(before);
    ovsdb_destroy(db);
    ovsdb_symbol_table_destroy(symtab);
}
OVSTEST_REGISTER("ovsdb-txn/referential-integrity",
                 test_referential_integrity);

static void
test_gc(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb *db = make_populated_db(symtab);
    struct ovsdb_txn *txn;

    /* An unreferenced row of a non-root table goes at commit. */
    txn = ovsdb_txn_create(db);
    insert(txn, table(db, "C"), NULL, "{\"v\": 9}", symtab);
    CHECK_INT(hmap_count(&table(db, "C")->rows), 4);
    commit(txn);
    CHECK_INT(hmap_count(&table(db, "C")->rows), 3);

    /* Dropping b.s collects c1 and, through it, c2. */
    txn = ovsdb_txn_create(db);
    set(txn, get(db, "R", symtab, "b"), "s", "[\"set\", []]", symtab);
    commit(txn);
    CHECK_INT(hmap_count(&table(db, "C")->rows), 1);
    CHECK(get(db, "C", symtab, "c3") != NULL);

    /* As upstream, a row's references to itself do not count, so a
     * self-referencing row is collected, but a cycle of two rows is
     * not. */
    txn = ovsdb_txn_create(db);
    insert(txn, table(db, "C"), "self",
           "{\"v\": 5, \"c\": [\"named-uuid\", \"self\"]}", symtab);
    commit(txn);
    CHECK_INT(hmap_count(&table(db, "C")->rows), 1);
    txn = ovsdb_txn_create(db);
    insert(txn, table(db, "C"), "cyc1",
           "{\"v\": 6, \"c\": [\"named-uuid\", \"cyc2\"]}", symtab);
    insert(txn, table(db, "C"), "cyc2",
           "{\"v\": 7, \"c\": [\"named-uuid\", \"cyc1\"]}", symtab);
    commit(txn);
    CHECK_INT(hmap_count(&table(db, "C")->rows), 3);

    ovsdb_destroy(db);
    ovsdb_symbol_table_destroy(symtab);
}
OVSTEST_REGISTER("ovsdb-txn/gc", test_gc);

struct change {
    const struct ovsdb_row *old, *new;
    char changed[64];
};

struct changes {
    struct change c[16];
    size_t n;
    size_t stop_after;
};

static bool
record_change(const struct ovsdb_row *old, const struct ovsdb_row *new,
              const unsigned long *changed, void *changes_)
{
    struct changes *changes = changes_;
    struct change *c = &changes->c[changes->n++];
    const struct ovsdb_row *row = new ? new : old;
    const struct ovsdb_table_schema *ts = row->table->schema;

    CHECK(changes->n <= ARRAY_SIZE(changes->c));
    c->old = old;
    c->new = new;
    c->changed[0] = '\0';
    CHECK((changed != NULL) == (old && new));
    if (changed) {
        struct ds s = DS_EMPTY_INITIALIZER;

        for (size_t i = 0; i < ts->n_columns; i++) {
            if (bitmap_is_set(changed, i)) {
                ds_put_format(&s, "%s%s", s.length ? "," : "",
                              ts->by_index[i]->name);
            }
        }
        ovs_strlcpy(c->changed, ds_cstr(&s), sizeof c->changed);
        ds_destroy(&s);
    }
    return changes->n != changes->stop_after;
}

static void
test_weak_refs(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb *db = make_populated_db(symtab);
    const struct ovsdb_row *a = get(db, "R", symtab, "a");
    const struct ovsdb_row *b = get(db, "R", symtab, "b");
    const struct ovsdb_row *x;
    struct changes changes = { .n = 0 };
    struct ovsdb_txn *txn;
    struct uuid xv;

    x = ovsdb_table_get_row(table(db, "W"),
                            &ovsdb_symbol_table_get(symtab, "x")->uuid);
    CHECK(x != NULL);
    xv = *ovsdb_row_get_version(x);

    /* Deleting b (and b's reference to a) removes b from a.w and x.w1. */
    txn = ovsdb_txn_create(db);
    ovsdb_txn_row_delete(txn, b);
    commit_check(txn);
    CHECK(ovsdb_txn_for_each_change(txn, record_change, &changes));
    /* R: b deleted, a modified (w); C: c1 and c2 collected; W: x. */
    CHECK_INT(changes.n, 5);
    CHECK(changes.c[0].old == b && !changes.c[0].new);
    CHECK(changes.c[1].new == a);
    CHECK_STR(changes.c[1].changed, "_version,w");
    CHECK(!changes.c[2].new && !changes.c[3].new);
    CHECK(changes.c[4].new == x);
    CHECK_STR(changes.c[4].changed, "_version,w1");
    ovsdb_txn_commit(txn);
    CHECK_INT(a->fields[ovsdb_table_schema_get_column(
                            a->table->schema, "w")->index].n, 0);
    CHECK(!uuid_equals(&xv, ovsdb_row_get_version(x)));
    CHECK_INT(ovs_list_size(&a->dst_refs), 2);
    CHECK_INT(ovs_list_size(&x->src_refs), 2);

    /* Deleting a would empty x.w1. */
    txn = ovsdb_txn_create(db);
    ovsdb_txn_row_delete(txn, a);
    precommit_fails(txn, "Deletion of 1 weak reference(s) to deleted (or "
                    "never-existing) rows from column \"w1\" in \"W\" row ");

    /* Unless x.w1 gets another reference; then a goes from x.wm, which
     * collects c3. */
    txn = ovsdb_txn_create(db);
    insert(txn, table(db, "R"), "d", "{\"name\": \"d\"}", symtab);
    set(txn, x, "w1", "[\"set\", [[\"named-uuid\", \"a\"],"
        " [\"named-uuid\", \"d\"]]]", symtab);
    ovsdb_txn_row_delete(txn, a);
    commit(txn);
    CHECK_INT(hmap_count(&table(db, "C")->rows), 0);
    CHECK_INT(x->fields[ovsdb_table_schema_get_column(
                            x->table->schema, "w1")->index].n, 1);
    CHECK_INT(x->fields[ovsdb_table_schema_get_column(
                            x->table->schema, "wm")->index].n, 0);

    /* A weak reference to a row that does not exist vanishes. */
    txn = ovsdb_txn_create(db);
    insert(txn, table(db, "R"), NULL,
           "{\"name\": \"e\", \"w\": [\"uuid\", "
           "\"12345678-1234-1234-1234-123456789012\"]}", symtab);
    commit(txn);
    CHECK_INT(hmap_count(&table(db, "R")->rows), 2);

    /* The default value of W.w1 is the all-zeros UUID. */
    txn = ovsdb_txn_create(db);
    insert(txn, table(db, "W"), NULL, "{}", symtab);
    precommit_fails(txn, "contained all-zeros UUID");

    ovsdb_destroy(db);
    ovsdb_symbol_table_destroy(symtab);
}
OVSTEST_REGISTER("ovsdb-txn/weak-refs", test_weak_refs);

static void
test_indexes(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb *db = make_db();
    struct ovsdb_table *t = table(db, "I");
    struct ovsdb_txn *txn;

    txn = ovsdb_txn_create(db);
    insert(txn, t, "p", "{\"a\": 1, \"b\": \"p\"}", symtab);
    insert(txn, t, "q", "{\"a\": 2, \"b\": \"q\"}", symtab);
    commit(txn);
    CHECK_INT(hmap_count(&t->indexes[0]), 2);
    CHECK_INT(hmap_count(&t->indexes[1]), 2);

    /* Two new rows with one value. */
    txn = ovsdb_txn_create(db);
    insert(txn, t, NULL, "{\"a\": 3, \"b\": \"x\"}", symtab);
    insert(txn, t, NULL, "{\"a\": 4, \"b\": \"x\"}", symtab);
    precommit_fails(txn, "identical values (x) for index on column \"b\"."
                    "  First row, with UUID ");

    /* A new row with a committed row's value. */
    txn = ovsdb_txn_create(db);
    insert(txn, t, NULL, "{\"a\": 1, \"b\": \"p\"}", symtab);
    precommit_fails(txn, "identical values (1 and p) for index on columns "
                    "\"a\" and \"b\".  First row, with UUID ");

    /* A modified row with a committed row's value. */
    txn = ovsdb_txn_create(db);
    set(txn, get(db, "I", symtab, "p"), "b", "\"q\"", symtab);
    precommit_fails(txn, "before the transaction: p.  Second row, with "
                    "UUID ");
    txn = ovsdb_txn_create(db);
    set(txn, get(db, "I", symtab, "p"), "b", "\"q\"", symtab);
    precommit_fails(txn, "had the following index values before the "
                    "transaction: p.");

    /* Swapping values is fine, and so is reusing a deleted row's. */
    txn = ovsdb_txn_create(db);
    set(txn, get(db, "I", symtab, "p"), "b", "\"q\"", symtab);
    set(txn, get(db, "I", symtab, "q"), "b", "\"p\"", symtab);
    commit(txn);
    txn = ovsdb_txn_create(db);
    ovsdb_txn_row_delete(txn, get(db, "I", symtab, "q"));
    insert(txn, t, "r", "{\"a\": 2, \"b\": \"p\"}", symtab);
    commit(txn);
    CHECK_INT(hmap_count(&t->indexes[0]), 2);

    /* The committed index follows. */
    txn = ovsdb_txn_create(db);
    insert(txn, t, NULL, "{\"a\": 1, \"b\": \"q\"}", symtab);
    precommit_fails(txn, "was inserted by this transaction.  Second row, "
                    "with UUID ");
    txn = ovsdb_txn_create(db);
    insert(txn, t, NULL, "{\"a\": 5, \"b\": \"p\"}", symtab);
    precommit_fails(txn, "identical values (p) for index on column \"b\"");

    /* A committed row that the transaction modified elsewhere. */
    txn = ovsdb_txn_create(db);
    set(txn, get(db, "I", symtab, "p"), "a", "9", symtab);
    insert(txn, t, NULL, "{\"a\": 5, \"b\": \"q\"}", symtab);
    precommit_fails(txn, "existed in the database before this transaction, "
                    "which modified some of the row's columns but not any "
                    "columns in this index.");

    txn = ovsdb_txn_create(db);
    insert(txn, t, NULL, "{\"a\": 5, \"b\": \"s\"}", symtab);
    commit(txn);

    ovsdb_destroy(db);
    ovsdb_symbol_table_destroy(symtab);
}
OVSTEST_REGISTER("ovsdb-txn/indexes", test_indexes);

static void
test_max_rows(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb *db = make_db();
    struct ovsdb_table *t = table(db, "M");
    struct ovsdb_txn *txn;

    txn = ovsdb_txn_create(db);
    insert(txn, t, "m1", "{\"x\": 1}", symtab);
    insert(txn, t, NULL, "{\"x\": 2}", symtab);
    insert(txn, t, NULL, "{\"x\": 3}", symtab);
    precommit_fails(txn, "constraint violation: transaction causes \"M\" "
                    "table to contain 3 rows, greater than the "
                    "schema-defined limit of 2 row(s)");
    CHECK_INT(hmap_count(&t->rows), 0);

    txn = ovsdb_txn_create(db);
    insert(txn, t, "m1", "{\"x\": 1}", symtab);
    insert(txn, t, NULL, "{\"x\": 2}", symtab);
    commit(txn);

    /* Delete one, insert one: still two. */
    txn = ovsdb_txn_create(db);
    ovsdb_txn_row_delete(txn, get(db, "M", symtab, "m1"));
    insert(txn, t, NULL, "{\"x\": 3}", symtab);
    commit(txn);
    CHECK_INT(hmap_count(&t->rows), 2);

    ovsdb_destroy(db);
    ovsdb_symbol_table_destroy(symtab);
}
OVSTEST_REGISTER("ovsdb-txn/max-rows", test_max_rows);

struct test_observer {
    struct ovsdb_observer up;
    int n_calls;
    size_t n_changes;
};

static void
observer_commit(struct ovsdb_observer *observer_, const struct ovsdb_txn *txn)
{
    struct test_observer *observer
        = CONTAINER_OF(observer_, struct test_observer, up);
    struct changes changes = { .n = 0 };

    observer->n_calls++;
    CHECK(ovsdb_txn_for_each_change(txn, record_change, &changes));
    observer->n_changes = changes.n;
}

static void
test_changes(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb *db = make_populated_db(symtab);
    struct test_observer observer = { .up = { .commit = observer_commit } };
    const struct ovsdb_row *a = get(db, "R", symtab, "a");
    struct changes changes = { .n = 0 };
    struct ovsdb_txn *txn;
    struct ovsdb_row *row;
    struct uuid av;

    ovsdb_add_observer(db, &observer.up);

    /* A modification that changes nothing is no change. */
    av = *ovsdb_row_get_version(a);
    txn = ovsdb_txn_create(db);
    set(txn, a, "n", "0", symtab);
    CHECK(!ovsdb_txn_precommit(txn));
    CHECK(ovsdb_txn_is_empty(txn));
    CHECK(ovsdb_txn_for_each_change(txn, record_change, &changes));
    CHECK_INT(changes.n, 0);
    ovsdb_txn_commit(txn);
    CHECK_INT(observer.n_calls, 1);
    CHECK_INT(observer.n_changes, 0);
    CHECK(uuid_equals(&av, ovsdb_row_get_version(a)));

    /* A row inserted and deleted is no change either. */
    txn = ovsdb_txn_create(db);
    row = insert(txn, table(db, "R"), NULL, "{\"name\": \"tmp\"}", symtab);
    ovsdb_txn_row_delete(txn, row);
    CHECK(!ovsdb_txn_precommit(txn));
    CHECK(ovsdb_txn_is_empty(txn));
    ovsdb_txn_commit(txn);
    CHECK_INT(observer.n_calls, 2);

    /* Changed columns: n and name, plus _version; old is a copy. */
    txn = ovsdb_txn_create(db);
    set(txn, a, "n", "1", symtab);
    set(txn, a, "name", "\"a2\"", symtab);
    set(txn, a, "n", "2", symtab);
    row = insert(txn, table(db, "M"), NULL, "{\"x\": 1}", symtab);
    CHECK(!ovsdb_txn_precommit(txn));
    CHECK(!ovsdb_txn_is_empty(txn));
    changes.n = 0;
    CHECK(ovsdb_txn_for_each_change(txn, record_change, &changes));
    CHECK_INT(changes.n, 2);
    CHECK(changes.c[0].new == a && changes.c[0].old != a);
    CHECK_STR(changes.c[0].changed, "_version,n,name");
    CHECK(!changes.c[1].old && changes.c[1].new == row);
    CHECK(!uuid_equals(&av, ovsdb_row_get_version(a)));
    CHECK(uuid_equals(&av, ovsdb_row_get_version(changes.c[0].old)));

    /* Stopping early. */
    changes.n = 0;
    changes.stop_after = 1;
    CHECK(!ovsdb_txn_for_each_change(txn, record_change, &changes));
    CHECK_INT(changes.n, 1);
    ovsdb_txn_commit(txn);
    CHECK_INT(observer.n_calls, 3);
    CHECK_INT(observer.n_changes, 2);

    /* Aborts tell no one. */
    txn = ovsdb_txn_create(db);
    set(txn, a, "n", "3", symtab);
    ovsdb_txn_abort(txn);
    CHECK_INT(observer.n_calls, 3);

    ovsdb_remove_observer(db, &observer.up);
    ovsdb_destroy(db);
    ovsdb_symbol_table_destroy(symtab);
}
OVSTEST_REGISTER("ovsdb-txn/changes", test_changes);

static void
test_comment(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb *db = make_db();
    struct ovsdb_txn *txn = ovsdb_txn_create(db);

    CHECK(ovsdb_txn_get_db(txn) == db);
    CHECK(!ovsdb_txn_get_comment(txn));
    ovsdb_txn_add_comment(txn, "one");
    ovsdb_txn_add_comment(txn, "two");
    CHECK_STR(ovsdb_txn_get_comment(txn), "one\ntwo");
    CHECK(ovsdb_txn_is_empty(txn));
    commit(txn);
    ovsdb_destroy(db);
}
OVSTEST_REGISTER("ovsdb-txn/comment", test_comment);
