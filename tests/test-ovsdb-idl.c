/* test-ovsdb-idl.c: drives the IDL (lib/ovsdb-idl.c) through the test
 * schema's generated interface (tests/idltest.h) against a running
 * ovsdb-server, for tests/ovsdb-idl.at.
 *
 * "ovstest idl/run [OPTION...] SOCKET STEP..." connects an IDL to
 * "unix:SOCKET" and a second, plain JSON-RPC connection (the "other
 * client"), then runs each STEP and prints what the replica holds after
 * it.  Row UUIDs print as #1, #2, ... in order of first appearance (new
 * rows named in order of table and contents), so that output is
 * deterministic.  Options:
 *
 *   --track          track all changes and print them after each step
 *   --omit=T.C       do not replicate column C of table T
 *   --tables=T,...   replicate only these tables (all their columns)
 *
 * Steps:
 *
 *   raw JSON         the other client runs transaction JSON (an array of
 *                    operations); waits for the replica to change
 *   raw-nowait JSON  same without waiting
 *   txn OP;OP;...    one IDL transaction; OPs are
 *                      insert TABLE @NAME | delete ROW |
 *                      set ROW COLUMN VALUE | verify ROW COLUMN |
 *                      setkey ROW COLUMN KEY VALUE | delkey ROW COLUMN KEY |
 *                      addvalue ROW COLUMN VALUE | delvalue ROW COLUMN VALUE |
 *                      increment ROW COLUMN | comment TEXT | dry-run |
 *                      abort | other JSON (the other client's transaction,
 *                      run before the commit)
 *                    ROW is #N or @NAME; VALUEs use ovs-vsctl syntax, with
 *                    #N and @NAME standing for UUIDs
 *   cond TABLE C;C   conditional monitoring: each C is "COLUMN OP VALUE"
 *                    or "true"; none means false
 *   reconnect        drops the connection and waits for the replica
 *   wait-monitoring  waits until the IDL monitors again
 *   sh COMMAND       runs COMMAND with bash
 *   lock NAME        asks for lock NAME and waits for an answer
 *   other-lock NAME, other-unlock NAME
 *                    the other client takes or releases lock NAME
 *   index TABLE C1[,C2] [VALUE]
 *                    lists TABLE's rows in the order of an index on C1
 *                    (then C2, descending), or only those whose C1 is
 *                    VALUE
 *   print            prints the replica (every other step does too) */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "idltest.h"
#include "vswitch-idl.h"
#include "json.h"
#include "jsonrpc.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-idl.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "shash.h"
#include "stream.h"
#include "svec.h"
#include "timeval.h"
#include "util.h"
#include "uuid.h"

/* UUID names. */
static struct shash uuid_names;   /* UUID string -> "#N" (malloc'd). */
static int n_names;
static struct shash symbols;      /* "@NAME" -> struct uuid *. */

static const char *
name_uuid(const struct uuid *uuid)
{
    if (uuid_is_zero(uuid)) {
        return "zero";
    }
    char *s = uuid_to_string(uuid);
    char *name = shash_find_data(&uuid_names, s);

    if (!name) {
        name = xasprintf("#%d", ++n_names);
        shash_add(&uuid_names, s, name);
    }
    free(s);
    return name;
}

/* Replaces every UUID in S by its name (giving names as needed). */
static char *
rename_uuids(const char *s)
{
    struct ds out = DS_EMPTY_INITIALIZER;

    while (*s) {
        struct uuid uuid;
        if (strlen(s) >= UUID_LEN && uuid_from_string_prefix(&uuid, s)) {
            ds_put_cstr(&out, name_uuid(&uuid));
            s += UUID_LEN;
        } else {
            ds_put_char(&out, *s++);
        }
    }
    return ds_steal_cstr(&out);
}

static int
compare_name_numbers(const void *a_, const void *b_)
{
    const char *const *a = a_, *const *b = b_;
    int na = atoi(*a + 1), nb = atoi(*b + 1);
    return na < nb ? -1 : na > nb;
}

/* Sorts, in place, each list "[#a, #b, ...]" (or "[#a,#b]") in S by
 * name, since sets of UUIDs come in UUID order, which is random. */
static void
sort_name_lists(char *s)
{
    for (char *open = strchr(s, '['); open; open = strchr(open + 1, '[')) {
        char *close = strchr(open, ']');
        if (!close || open[1] != '#') {
            continue;
        }
        char *list = xmemdup0(open + 1, close - open - 1);
        bool spaced = strstr(list, ", ") != NULL;
        struct svec names = SVEC_EMPTY_INITIALIZER;
        char *save = NULL;
        bool ok = true;
        for (char *t = strtok_r(list, ", ", &save); t;
             t = strtok_r(NULL, ", ", &save)) {
            ok = ok && t[0] == '#';
            svec_add(&names, t);
        }
        if (ok) {
            qsort(names.names, names.n, sizeof *names.names,
                  compare_name_numbers);
            struct ds sorted = DS_EMPTY_INITIALIZER;
            for (size_t i = 0; i < names.n; i++) {
                ds_put_format(&sorted, "%s%s", i ? (spaced ? ", " : ",") : "",
                              names.names[i]);
            }
            if (sorted.length == (size_t) (close - open - 1)) {
                memcpy(open + 1, ds_cstr(&sorted), sorted.length);
            }
            ds_destroy(&sorted);
        }
        svec_destroy(&names);
        free(list);
    }
}

/* Replaces #N and @NAME by UUIDs. */
static char *
resolve_names(const char *s)
{
    struct ds out = DS_EMPTY_INITIALIZER;

    while (*s) {
        if (*s == '#' || *s == '@') {
            size_t n = 1;
            while (s[n] && (isalnum((unsigned char) s[n]) || s[n] == '_')) {
                n++;
            }
            char *token = xmemdup0(s, n);
            const struct uuid *uuid = NULL;
            if (*s == '@') {
                uuid = shash_find_data(&symbols, token);
            } else {
                struct shash_node *node;
                SHASH_FOR_EACH (node, &uuid_names) {
                    if (!strcmp(node->data, token)) {
                        static struct uuid u;
                        uuid_from_string(&u, node->name);
                        uuid = &u;
                        break;
                    }
                }
            }
            if (!uuid) {
                ovs_fatal(0, "unknown row %s", token);
            }
            ds_put_format(&out, UUID_FMT, UUID_ARGS(uuid));
            free(token);
            s += n;
        } else {
            ds_put_char(&out, *s++);
        }
    }
    return ds_steal_cstr(&out);
}

/* The IDL and the other client. */
static struct ovsdb_idl *idl;
static struct jsonrpc *other;
static char *remote;
static bool track;

static void
other_connect(void)
{
    struct stream *stream;
    int error = stream_open_block(jsonrpc_stream_open(remote, &stream, 0),
                                  -1, &stream);
    if (error) {
        ovs_fatal(error, "could not connect to %s", remote);
    }
    other = jsonrpc_open(stream);
}

static const struct ovsdb_idl_table_class *
find_table(const char *name)
{
    for (size_t i = 0; i < idltest_idl_class.n_tables; i++) {
        if (!strcmp(idltest_idl_class.tables[i].name, name)) {
            return &idltest_idl_class.tables[i];
        }
    }
    ovs_fatal(0, "unknown table %s", name);
}

static const struct ovsdb_idl_column *
find_column(const struct ovsdb_idl_table_class *tc, const char *name)
{
    for (size_t i = 0; i < tc->n_columns; i++) {
        if (!strcmp(tc->columns[i].name, name)) {
            return &tc->columns[i];
        }
    }
    ovs_fatal(0, "table %s has no column %s", tc->name, name);
}

/* Runs the IDL until COND() holds, for at most 10 seconds.  Returns
 * whether it held. */
static bool
run_until(bool (*cond)(const void *), const void *aux)
{
    long long int deadline = time_msec() + 10000;

    for (;;) {
        ovsdb_idl_run(idl);
        if (cond(aux)) {
            return true;
        }
        if (time_msec() >= deadline) {
            return false;
        }
        ovsdb_idl_wait(idl);
        poll_timer_wait_until(deadline);
        poll_block();
    }
}

static bool
seqno_changed(const void *seqno_)
{
    const unsigned int *seqno = seqno_;
    return ovsdb_idl_get_seqno(idl) != *seqno;
}

static bool
is_monitoring(const void *aux OVS_UNUSED)
{
    return ovsdb_idl_get_monitor_method(idl) != NULL;
}

static bool
cond_reached(const void *seqno_)
{
    const unsigned int *seqno = seqno_;
    return ovsdb_idl_get_condition_seqno(idl) >= *seqno;
}

static bool
lock_answered(const void *aux OVS_UNUSED)
{
    return ovsdb_idl_has_lock(idl) || ovsdb_idl_is_lock_contended(idl);
}

static bool
has_lock(const void *aux OVS_UNUSED)
{
    return ovsdb_idl_has_lock(idl);
}

/* Printing the replica. */

struct row_line {
    const struct ovsdb_idl_row *row;
    char *text;                 /* Without the row's own name. */
};

static int
compare_lines(const void *a_, const void *b_)
{
    const struct row_line *a = a_, *b = b_;
    int cmp = strcmp(ovsdb_idl_row_get_table(a->row)->name,
                     ovsdb_idl_row_get_table(b->row)->name);
    return cmp ? cmp : strcmp(a->text, b->text);
}

static int
compare_names(const void *a_, const void *b_)
{
    const struct row_line *a = a_, *b = b_;
    int cmp = strcmp(ovsdb_idl_row_get_table(a->row)->name,
                     ovsdb_idl_row_get_table(b->row)->name);
    int na = atoi(name_uuid(&a->row->uuid) + 1);
    int nb = atoi(name_uuid(&b->row->uuid) + 1);
    return cmp ? cmp : na < nb ? -1 : na > nb;
}

static void
format_row(const struct ovsdb_idl_row *row, struct ds *s)
{
    const struct ovsdb_idl_table_class *tc = ovsdb_idl_row_get_table(row);

    for (size_t i = 0; i < tc->n_columns; i++) {
        const struct ovsdb_idl_column *c = &tc->columns[i];
        if (!(ovsdb_idl_get_mode(idl, c) & OVSDB_IDL_MONITOR)) {
            continue;
        }
        ds_put_format(s, " %s=", c->name);
        ovsdb_datum_to_string(ovsdb_idl_read(row, c), &c->type, s);
    }
}

/* The typed view of references, which leaves out unresolved ones. */
static void
format_typed(const struct ovsdb_idl_row *row, struct ds *s)
{
    const struct ovsdb_idl_table_class *tc = ovsdb_idl_row_get_table(row);

    if (tc == &idltest_table_link1) {
        const struct idltest_link1 *l = CONTAINER_OF(row,
                                                     struct idltest_link1,
                                                     header_);
        ds_put_format(s, " (i=%"PRId64" k=%s ka=[", l->i,
                      l->k ? name_uuid(&l->k->header_.uuid) : "-");
        for (size_t i = 0; i < l->n_ka; i++) {
            ds_put_format(s, "%s%s", i ? "," : "",
                          name_uuid(&l->ka[i]->header_.uuid));
        }
        ds_put_format(s, "] l2=%s)",
                      l->l2 ? name_uuid(&l->l2->header_.uuid) : "-");
    } else if (tc == &idltest_table_link2) {
        const struct idltest_link2 *l = CONTAINER_OF(row,
                                                     struct idltest_link2,
                                                     header_);
        ds_put_format(s, " (i=%"PRId64" l1=%s)", l->i,
                      l->l1 ? name_uuid(&l->l1->header_.uuid) : "-");
    } else if (tc == &idltest_table_simple) {
        const struct idltest_simple *r = CONTAINER_OF(row,
                                                      struct idltest_simple,
                                                      header_);
        ds_put_format(s, " (i=%"PRId64" s=%s n_ia=%zu os=%s oi=%s "
                      "smap.k=%s n_imap=%zu)", r->i, r->s, r->n_ia,
                      r->os ? r->os : "-", r->n_oi ? "set" : "-",
                      smap_get_def(&r->smap, "k", "-"), r->n_imap);
    }
}

static void
print_replica(void)
{
    struct row_line *lines = NULL;
    size_t n = 0, allocated = 0;

    for (size_t t = 0; t < idltest_idl_class.n_tables; t++) {
        const struct ovsdb_idl_table_class *tc = &idltest_idl_class.tables[t];
        for (const struct ovsdb_idl_row *row = ovsdb_idl_first_row(idl, tc);
             row; row = ovsdb_idl_next_row(row)) {
            struct ds s = DS_EMPTY_INITIALIZER;
            format_row(row, &s);
            if (n >= allocated) {
                allocated = 2 * allocated + 8;
                lines = xrealloc(lines, allocated * sizeof *lines);
            }
            lines[n].row = row;
            lines[n].text = ds_steal_cstr(&s);
            n++;
        }
    }
    if (n) {
        qsort(lines, n, sizeof *lines, compare_lines);
    }
    /* Name rows first, in order, so that references name them the same
     * way whatever the order in which they appear. */
    for (size_t i = 0; i < n; i++) {
        name_uuid(&lines[i].row->uuid);
    }
    if (n) {
        qsort(lines, n, sizeof *lines, compare_names);
    }
    for (size_t i = 0; i < n; i++) {
        struct ds s = DS_EMPTY_INITIALIZER;
        char *text = rename_uuids(lines[i].text);
        format_typed(lines[i].row, &s);
        sort_name_lists(text);
        sort_name_lists(s.string ? s.string : text);
        printf("%s %s:%s%s\n",
               ovsdb_idl_row_get_table(lines[i].row)->name,
               name_uuid(&lines[i].row->uuid), text, ds_cstr(&s));
        free(text);
        ds_destroy(&s);
        free(lines[i].text);
    }
    if (!n) {
        printf("(empty)\n");
    }
    free(lines);

    if (track) {
        for (size_t t = 0; t < idltest_idl_class.n_tables; t++) {
            const struct ovsdb_idl_table_class *tc
                = &idltest_idl_class.tables[t];
            struct svec changes = SVEC_EMPTY_INITIALIZER;
            for (const struct ovsdb_idl_row *row
                     = ovsdb_idl_track_get_first(idl, tc);
                 row; row = ovsdb_idl_track_get_next(row)) {
                struct ds s = DS_EMPTY_INITIALIZER;
                ds_put_format(&s, "tracked %s %s: %s", tc->name,
                              name_uuid(&row->uuid),
                              (ovsdb_idl_row_is_deleted(row) ? "deleted"
                               : ovsdb_idl_row_is_new(row) ? "inserted"
                               : "modified"));
                if (!ovsdb_idl_row_is_deleted(row)
                    && !ovsdb_idl_row_is_new(row)) {
                    ds_put_cstr(&s, " [");
                    bool first = true;
                    for (size_t i = 0; i < tc->n_columns; i++) {
                        if (ovsdb_idl_track_is_updated(row,
                                                       &tc->columns[i])) {
                            ds_put_format(&s, "%s%s", first ? "" : " ",
                                          tc->columns[i].name);
                            first = false;
                        }
                    }
                    ds_put_char(&s, ']');
                }
                svec_add_nocopy(&changes, ds_steal_cstr(&s));
            }
            svec_sort(&changes);
            for (size_t i = 0; i < changes.n; i++) {
                printf("%s\n", changes.names[i]);
            }
            svec_destroy(&changes);
        }
        ovsdb_idl_track_clear(idl);
    }
    fflush(stdout);
}

/* The other client. */

static struct json *
other_request(const char *method, struct json *params)
{
    struct jsonrpc_msg *reply;
    int error;

    error = jsonrpc_transact_block(other, jsonrpc_create_request(
                                       method, json_clone(params), NULL),
                                   &reply);
    if (error) {
        /* The server may have dropped the connection: try once more. */
        jsonrpc_close(other);
        other_connect();
        error = jsonrpc_transact_block(other, jsonrpc_create_request(
                                           method, json_clone(params), NULL),
                                       &reply);
    }
    json_destroy(params);
    if (error) {
        ovs_fatal(error, "%s request failed", method);
    }
    struct json *result = json_clone(reply->type == JSONRPC_REPLY
                                     ? reply->result : reply->error);
    jsonrpc_msg_destroy(reply);
    return result;
}

/* Runs transaction OPS_TEXT (a JSON array of operations) as the other
 * client; returns the reply, with the operations' uuids as text. */
static char *
other_transact(const char *ops_text)
{
    char *text = resolve_names(ops_text);
    struct json *ops = json_from_string(text);

    free(text);
    if (ops->type != JSON_ARRAY) {
        ovs_fatal(0, "bad transaction: %s", ops_text);
    }
    struct json *params = json_array_create_1(json_string_create("idltest"));
    for (size_t i = 0; i < json_array(ops)->n; i++) {
        json_array_add(params, json_clone(json_array(ops)->elems[i]));
    }
    json_destroy(ops);
    struct json *result = other_request("transact", params);
    char *s = json_to_string(result, JSSF_SORT);
    json_destroy(result);
    return s;
}

/* Steps. */

static struct ovsdb_idl_row *
find_row(const char *name)
{
    char *s = resolve_names(name);
    struct uuid uuid;

    if (!uuid_from_string(&uuid, s)) {
        ovs_fatal(0, "bad row %s", name);
    }
    free(s);
    for (size_t t = 0; t < idltest_idl_class.n_tables; t++) {
        const struct ovsdb_idl_row *row = ovsdb_idl_get_row_for_uuid(
            idl, &idltest_idl_class.tables[t], &uuid);
        if (row) {
            return CONST_CAST(struct ovsdb_idl_row *, row);
        }
    }
    ovs_fatal(0, "no row %s", name);
}

static void
parse_value(const struct ovsdb_type *type, const char *text,
            struct ovsdb_datum *datum)
{
    char *s = resolve_names(text);
    char *error = ovsdb_datum_from_string(datum, type, s, NULL);

    if (error) {
        ovs_fatal(0, "%s: %s", text, error);
    }
    free(s);
}

static void
do_txn(const char *ops)
{
    struct ovsdb_idl_txn *txn = ovsdb_idl_txn_create(idl);
    struct svec inserted = SVEC_EMPTY_INITIALIZER;
    char *copy = xstrdup(ops);
    char *save = NULL;
    bool abort_txn = false, inc = false;
    char *other_reply = NULL;

    for (char *op = strtok_r(copy, ";", &save); op;
         op = strtok_r(NULL, ";", &save)) {
        char *args[6] = { NULL };
        char *p = op, *save2 = NULL;
        int n = 0;

        while (*p == ' ') {
            p++;
        }
        if (!strncmp(p, "other ", 6)) {
            free(other_reply);
            other_reply = other_transact(p + 6);
            continue;
        }
        if (!strncmp(p, "comment ", 8)) {
            ovsdb_idl_txn_add_comment(txn, "%s", p + 8);
            continue;
        }
        for (char *a = strtok_r(p, " ", &save2); a && n < 6;
             a = strtok_r(NULL, " ", &save2)) {
            args[n++] = a;
        }
        if (!n) {
            continue;
        }
        const char *cmd = args[0];
        if (!strcmp(cmd, "insert") && n == 3) {
            const struct ovsdb_idl_row *row
                = ovsdb_idl_txn_insert(txn, find_table(args[1]), NULL);
            struct uuid *u = xmalloc(sizeof *u);
            *u = row->uuid;
            shash_replace(&symbols, args[2], u);
            svec_add(&inserted, args[2]);
        } else if (!strcmp(cmd, "delete") && n == 2) {
            ovsdb_idl_txn_delete(find_row(args[1]));
        } else if (!strcmp(cmd, "dry-run") && n == 1) {
            ovsdb_idl_txn_set_dry_run(txn);
        } else if (!strcmp(cmd, "abort") && n == 1) {
            abort_txn = true;
        } else if (n >= 3) {
            struct ovsdb_idl_row *row = find_row(args[1]);
            const struct ovsdb_idl_column *c
                = find_column(ovsdb_idl_row_get_table(row), args[2]);
            struct ovsdb_type kt = c->type, vt = c->type;
            struct ovsdb_datum d;

            kt.value.type = OVSDB_TYPE_VOID;
            kt.n_min = 0;
            kt.n_max = UINT_MAX;
            if (!strcmp(cmd, "set") && n == 4) {
                parse_value(&c->type, args[3], &d);
                ovsdb_idl_txn_write(row, c, &d);
            } else if (!strcmp(cmd, "verify") && n == 3) {
                ovsdb_idl_txn_verify(row, c);
            } else if (!strcmp(cmd, "increment") && n == 3) {
                ovsdb_idl_txn_increment(txn, row, c, true);
                inc = true;
            } else if (!strcmp(cmd, "setkey") && n == 5) {
                char *pair = xasprintf("{%s=%s}", args[3], args[4]);
                vt.n_min = 0;
                vt.n_max = UINT_MAX;
                parse_value(&vt, pair, &d);
                free(pair);
                ovsdb_idl_txn_write_partial_map(row, c, &d);
            } else if (!strcmp(cmd, "delkey") && n == 4) {
                parse_value(&kt, args[3], &d);
                ovsdb_idl_txn_delete_partial_map(row, c, &d);
            } else if (!strcmp(cmd, "addvalue") && n == 4) {
                parse_value(&kt, args[3], &d);
                ovsdb_idl_txn_write_partial_set(row, c, &d);
            } else if (!strcmp(cmd, "delvalue") && n == 4) {
                parse_value(&kt, args[3], &d);
                ovsdb_idl_txn_delete_partial_set(row, c, &d);
            } else {
                ovs_fatal(0, "bad transaction operation \"%s\"", cmd);
            }
        } else {
            ovs_fatal(0, "bad transaction operation \"%s\"", cmd);
        }
    }
    free(copy);

    enum ovsdb_idl_txn_status status;
    if (abort_txn) {
        ovsdb_idl_txn_abort(txn);
        status = TXN_ABORTED;
    } else {
        status = ovsdb_idl_txn_commit_block(txn);
    }
    if (other_reply) {
        char *s = rename_uuids(other_reply);
        printf("other: %s\n", s);
        free(s);
        free(other_reply);
    }
    printf("txn: %s", ovsdb_idl_txn_status_to_string(status));
    if (status == TXN_ERROR) {
        char *s = rename_uuids(ovsdb_idl_txn_get_error(txn));
        printf(" (%s)", s);
        free(s);
    }
    if (status == TXN_SUCCESS && inc) {
        printf(" inc=%"PRId64, ovsdb_idl_txn_get_increment_new_value(txn));
    }
    /* Name the inserted rows in the order they were inserted. */
    for (size_t i = 0; i < inserted.n; i++) {
        const struct uuid *dummy = shash_find_data(&symbols,
                                                   inserted.names[i]);
        const struct uuid *real = ovsdb_idl_txn_get_insert_uuid(txn, dummy);
        if (real) {
            printf(" %s=%s", inserted.names[i], name_uuid(real));
            struct uuid *u = xmalloc(sizeof *u);
            *u = *real;
            free(shash_replace(&symbols, inserted.names[i], u));
        }
    }
    printf("\n");
    svec_destroy(&inserted);
    ovsdb_idl_txn_destroy(txn);
}

static void
do_cond(const char *table, const char *clauses)
{
    const struct ovsdb_idl_table_class *tc = find_table(table);
    struct ovsdb_idl_condition cond;
    char *copy = xstrdup(clauses ? clauses : "");
    char *save = NULL;

    ovsdb_idl_condition_init(&cond);
    for (char *c = strtok_r(copy, ";", &save); c;
         c = strtok_r(NULL, ";", &save)) {
        char col[64], op[16], value[256];
        static const char *const ops[] = {
            "==", "!=", "<", "<=", ">", ">=", "includes", "excludes"
        };

        while (*c == ' ') {
            c++;
        }
        if (!strcmp(c, "true")) {
            ovsdb_idl_condition_add_clause_true(&cond);
            continue;
        }
        if (sscanf(c, "%63s %15s %255[^\n]", col, op, value) != 3) {
            ovs_fatal(0, "bad clause \"%s\"", c);
        }
        size_t i;
        for (i = 0; i < ARRAY_SIZE(ops) && strcmp(ops[i], op); i++) {
            continue;
        }
        if (i == ARRAY_SIZE(ops)) {
            ovs_fatal(0, "bad function \"%s\"", op);
        }
        const struct ovsdb_idl_column *column = find_column(tc, col);
        struct ovsdb_datum d;
        parse_value(&column->type, value, &d);
        ovsdb_idl_condition_add_clause(&cond, (enum ovsdb_idl_function) i,
                                       column, &d);
        ovsdb_datum_destroy(&d, &column->type);
    }
    free(copy);
    unsigned int seqno = ovsdb_idl_set_condition(idl, tc, &cond);
    ovsdb_idl_condition_destroy(&cond);
    if (!run_until(cond_reached, &seqno)) {
        ovs_fatal(0, "condition change not acknowledged");
    }
}

static void
do_index(const char *args)
{
    char *copy = xstrdup(args);
    char *save = NULL;
    const char *table = strtok_r(copy, " ", &save);
    char *cols = table ? strtok_r(NULL, " ", &save) : NULL;
    char *value = cols ? strtok_r(NULL, "", &save) : NULL;

    if (!cols) {
        ovs_fatal(0, "index needs a table and columns");
    }
    const struct ovsdb_idl_table_class *tc = find_table(table);
    struct ovsdb_idl_index_column ic[2];
    size_t n = 0;
    char *save2 = NULL;
    for (char *c = strtok_r(cols, ",", &save2); c && n < 2;
         c = strtok_r(NULL, ",", &save2)) {
        ic[n].column = find_column(tc, c);
        ic[n].comparer = NULL;
        ic[n].order = n ? OVSDB_INDEX_DESC : OVSDB_INDEX_ASC;
        n++;
    }
    struct ovsdb_idl_index *index = ovsdb_idl_index_create(idl, ic, n);
    struct ovsdb_idl_row *key = NULL;
    struct ovsdb_idl_cursor cursor;
    if (value) {
        struct ovsdb_datum d;
        key = ovsdb_idl_index_init_row(index);
        parse_value(&ic[0].column->type, value, &d);
        ovsdb_idl_index_write(key, ic[0].column, &d);
        cursor = ovsdb_idl_cursor_first_eq(index, key);
    } else {
        cursor = ovsdb_idl_cursor_first(index);
    }
    /* Rows equal in the index come in UUID order, which is random, so
     * the rows equal to a key print sorted by name. */
    struct svec names = SVEC_EMPTY_INITIALIZER;
    for (struct ovsdb_idl_row *row; (row = ovsdb_idl_cursor_data(&cursor));
         value ? ovsdb_idl_cursor_next_eq(&cursor)
               : ovsdb_idl_cursor_next(&cursor)) {
        svec_add(&names, name_uuid(&row->uuid));
    }
    if (value && names.n) {
        qsort(names.names, names.n, sizeof *names.names,
              compare_name_numbers);
    }
    printf("index:");
    for (size_t i = 0; i < names.n; i++) {
        printf(" %s", names.names[i]);
    }
    printf("\n");
    svec_destroy(&names);
    ovsdb_idl_index_destroy_row(key);
    free(copy);
}

/* Runs COMMAND with bash (so that functions the test exported work) and
 * returns its wait status. */
static int
run_bash(const char *command)
{
    pid_t pid;
    int status;

    fflush(stdout);
    pid = fork();
    if (pid < 0) {
        ovs_fatal(errno, "fork failed");
    } else if (!pid) {
        execlp("bash", "bash", "-c", command, (char *) NULL);
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            ovs_fatal(errno, "waitpid failed");
        }
    }
    return status;
}

static void
run_step(const char *step)
{
    printf("--- %s\n", step);
    if (!strncmp(step, "raw ", 4) || !strncmp(step, "raw-nowait ", 11)) {
        bool wait = !strncmp(step, "raw ", 4);
        unsigned int seqno = ovsdb_idl_get_seqno(idl);
        char *reply = other_transact(step + (wait ? 4 : 11));
        if (wait && !run_until(seqno_changed, &seqno)) {
            printf("(replica did not change)\n");
        }
        print_replica();
        char *s = rename_uuids(reply);
        printf("other: %s\n", s);
        free(s);
        free(reply);
        return;
    } else if (!strncmp(step, "txn ", 4)) {
        do_txn(step + 4);
    } else if (!strncmp(step, "cond ", 5)) {
        char *copy = xstrdup(step + 5);
        char *space = strchr(copy, ' ');
        if (space) {
            *space = '\0';
        }
        do_cond(copy, space ? space + 1 : NULL);
        free(copy);
    } else if (!strncmp(step, "index ", 6)) {
        do_index(step + 6);
        return;
    } else if (!strcmp(step, "reconnect")) {
        ovsdb_idl_force_reconnect(idl);
        ovsdb_idl_run(idl);
        if (!run_until(is_monitoring, NULL)) {
            ovs_fatal(0, "did not reconnect");
        }
        printf("monitoring with %s\n", ovsdb_idl_get_monitor_method(idl));
    } else if (!strcmp(step, "wait-monitoring")) {
        /* Give the IDL a moment to notice a lost connection first. */
        long long int deadline = time_msec() + 1000;
        while (ovsdb_idl_is_connected(idl) && time_msec() < deadline) {
            ovsdb_idl_run(idl);
            ovsdb_idl_wait(idl);
            poll_timer_wait_until(deadline);
            poll_block();
        }
        if (!run_until(is_monitoring, NULL)) {
            ovs_fatal(0, "did not reconnect");
        }
        printf("monitoring with %s\n", ovsdb_idl_get_monitor_method(idl));
    } else if (!strncmp(step, "sh ", 3)) {
        int status = run_bash(step + 3);
        if (status) {
            ovs_fatal(0, "\"%s\" failed (status %d)", step + 3, status);
        }
        /* Let the IDL notice what the command did. */
        ovsdb_idl_run(idl);
        return;
    } else if (!strncmp(step, "lock ", 5)) {
        ovsdb_idl_set_lock(idl, step + 5);
        if (!run_until(lock_answered, NULL)) {
            ovs_fatal(0, "no answer to lock request");
        }
        printf("has_lock=%s contended=%s\n",
               ovsdb_idl_has_lock(idl) ? "true" : "false",
               ovsdb_idl_is_lock_contended(idl) ? "true" : "false");
        return;
    } else if (!strncmp(step, "other-lock ", 11)
               || !strncmp(step, "other-unlock ", 13)) {
        bool lock = !strncmp(step, "other-lock ", 11);
        const char *name = step + (lock ? 11 : 13);
        struct json *r = other_request(lock ? "lock" : "unlock",
                                       json_array_create_1(
                                           json_string_create(name)));
        char *s = json_to_string(r, JSSF_SORT);
        printf("other: %s\n", s);
        free(s);
        json_destroy(r);
        if (!lock && ovsdb_idl_is_lock_contended(idl)) {
            if (!run_until(has_lock, NULL)) {
                ovs_fatal(0, "lock not passed on");
            }
        }
        printf("has_lock=%s contended=%s\n",
               ovsdb_idl_has_lock(idl) ? "true" : "false",
               ovsdb_idl_is_lock_contended(idl) ? "true" : "false");
        return;
    } else if (strcmp(step, "print")) {
        ovs_fatal(0, "unknown step \"%s\"", step);
    }
    print_replica();
}

static void
test_idl_run(int argc, char *argv[])
{
    struct svec omit = SVEC_EMPTY_INITIALIZER;
    char *tables = NULL;
    int i;

    shash_init(&uuid_names);
    shash_init(&symbols);
    for (i = 1; i < argc && !strncmp(argv[i], "--", 2); i++) {
        if (!strcmp(argv[i], "--track")) {
            track = true;
        } else if (!strncmp(argv[i], "--omit=", 7)) {
            svec_add(&omit, argv[i] + 7);
        } else if (!strncmp(argv[i], "--tables=", 9)) {
            tables = argv[i] + 9;
        } else {
            ovs_fatal(0, "unknown option %s", argv[i]);
        }
    }
    if (i >= argc) {
        ovs_fatal(0, "usage: idl/run [OPTION...] SOCKET STEP...");
    }

    remote = xasprintf("unix:%s", argv[i]);
    idl = ovsdb_idl_create(remote, &idltest_idl_class, !tables, true);
    if (tables) {
        char *copy = xstrdup(tables), *save = NULL;
        for (char *t = strtok_r(copy, ",", &save); t;
             t = strtok_r(NULL, ",", &save)) {
            const struct ovsdb_idl_table_class *tc = find_table(t);
            for (size_t j = 0; j < tc->n_columns; j++) {
                ovsdb_idl_add_column(idl, &tc->columns[j]);
            }
        }
        free(copy);
    }
    for (size_t j = 0; j < omit.n; j++) {
        char *dot = strchr(omit.names[j], '.');
        if (!dot) {
            ovs_fatal(0, "--omit needs TABLE.COLUMN");
        }
        *dot = '\0';
        ovsdb_idl_omit(idl, find_column(find_table(omit.names[j]), dot + 1));
    }
    if (track) {
        ovsdb_idl_track_add_all(idl);
    }

    other_connect();

    if (!run_until(is_monitoring, NULL)) {
        ovs_fatal(0, "IDL did not start monitoring");
    }
    printf("monitoring with %s\n", ovsdb_idl_get_monitor_method(idl));
    print_replica();
    for (i++; i < argc; i++) {
        run_step(argv[i]);
    }

    jsonrpc_close(other);
    ovsdb_idl_destroy(idl);
    free(remote);
    svec_destroy(&omit);
    shash_destroy_free_data(&uuid_names);
    shash_destroy_free_data(&symbols);
}

OVSTEST_COMMAND("idl/run", test_idl_run);

/* "ovstest idl/vswitch SOCKET": exercises the generated Open_vSwitch
 * interface (lib/vswitch-idl.h): adds bridge br0 with its internal port
 * and interface the way ovs-vsctl's add-br does, bumps next_cfg, and
 * prints what the typed rows then hold. */
static void
test_idl_vswitch(int argc OVS_UNUSED, char *argv[])
{
    char *db = xasprintf("unix:%s", argv[1]);
    struct ovsdb_idl *vidl = ovsdb_idl_create(db, &ovsrec_idl_class,
                                              true, true);
    long long int deadline = time_msec() + 10000;

    free(db);
    while (!ovsdb_idl_get_monitor_method(vidl)) {
        if (time_msec() > deadline) {
            ovs_fatal(0, "IDL did not start monitoring");
        }
        ovsdb_idl_run(vidl);
        ovsdb_idl_wait(vidl);
        poll_timer_wait_until(deadline);
        poll_block();
    }

    struct ovsdb_idl_txn *txn = ovsdb_idl_txn_create(vidl);
    const struct ovsrec_open_vswitch *ovs = ovsrec_open_vswitch_first(vidl);
    if (!ovs) {
        ovs = ovsrec_open_vswitch_insert(txn);
    }
    struct ovsrec_interface *iface = ovsrec_interface_insert(txn);
    ovsrec_interface_set_name(iface, "br0");
    ovsrec_interface_set_type(iface, "internal");
    struct ovsrec_port *port = ovsrec_port_insert(txn);
    ovsrec_port_set_name(port, "br0");
    ovsrec_port_set_interfaces(port, &iface, 1);
    struct ovsrec_bridge *br = ovsrec_bridge_insert(txn);
    ovsrec_bridge_set_name(br, "br0");
    ovsrec_bridge_set_ports(br, &port, 1);
    ovsrec_bridge_update_external_ids_setkey(br, "a", "b");
    const char *protocols[] = { "OpenFlow13", "OpenFlow10" };
    ovsrec_bridge_set_protocols(br, protocols, 2);
    int64_t vlans[] = { 3, 1 };
    ovsrec_bridge_set_flood_vlans(br, vlans, 2);
    ovsrec_open_vswitch_verify_bridges(ovs);
    ovsrec_open_vswitch_update_bridges_addvalue(ovs, br);
    ovsrec_open_vswitch_set_cur_cfg(ovs, 0);
    ovsdb_idl_txn_increment(txn, &ovs->header_,
                            &ovsrec_open_vswitch_col_next_cfg, false);
    ovsdb_idl_txn_add_comment(txn, "idl/vswitch: add-br br0");

    enum ovsdb_idl_txn_status status = ovsdb_idl_txn_commit_block(txn);
    printf("txn: %s", ovsdb_idl_txn_status_to_string(status));
    if (status == TXN_SUCCESS) {
        printf(" next_cfg=%"PRId64,
               ovsdb_idl_txn_get_increment_new_value(txn));
    }
    printf("\n");
    ovsdb_idl_txn_destroy(txn);

    struct ovsdb_idl_index *by_name
        = ovsdb_idl_index_create1(vidl, &ovsrec_interface_col_name);
    struct ovsrec_interface *key = ovsrec_interface_index_init_row(by_name);
    ovsrec_interface_index_set_name(key, "br0");
    const struct ovsrec_interface *found
        = ovsrec_interface_index_find(by_name, key);
    printf("index: interface br0 %s\n", found ? found->type : "not found");
    ovsrec_interface_index_set_name(key, "br1");
    printf("index: interface br1 %s\n",
           ovsrec_interface_index_find(by_name, key) ? "found" : "not found");
    ovsrec_interface_index_destroy_row(key);

    OVSREC_OPEN_VSWITCH_FOR_EACH (ovs, vidl) {
        printf("Open_vSwitch: next_cfg=%"PRId64" cur_cfg=%"PRId64
               " bridges=%zu\n", ovs->next_cfg, ovs->cur_cfg,
               ovs->n_bridges);
    }
    const struct ovsrec_bridge *b;
    OVSREC_BRIDGE_FOR_EACH (b, vidl) {
        printf("Bridge %s: external_ids:a=%s fail_mode=%s protocols=",
               b->name, smap_get_def(&b->external_ids, "a", "-"),
               b->fail_mode ? b->fail_mode : "-");
        for (size_t i = 0; i < b->n_protocols; i++) {
            printf("%s%s", i ? "," : "", b->protocols[i]);
        }
        printf(" flood_vlans=");
        for (size_t i = 0; i < b->n_flood_vlans; i++) {
            printf("%s%"PRId64, i ? "," : "", b->flood_vlans[i]);
        }
        printf("\n");
        for (size_t i = 0; i < b->n_ports; i++) {
            const struct ovsrec_port *p = b->ports[i];
            printf("  Port %s: tag=%s\n", p->name, p->n_tag ? "set" : "-");
            for (size_t j = 0; j < p->n_interfaces; j++) {
                printf("    Interface %s: type=%s\n",
                       p->interfaces[j]->name, p->interfaces[j]->type);
            }
        }
    }
    ovsdb_idl_destroy(vidl);
}

OVSTEST_COMMAND("idl/vswitch", test_idl_vswitch);
