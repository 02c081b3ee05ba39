/* file.c: standalone OVSDB database files (see file.h). */
#include <config.h>
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#include <unistd.h>

#include "bitmap.h"
#include "column.h"
#include "json.h"
#include "log.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "row.h"
#include "table.h"
#include "timeval.h"
#include "transaction.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_file);

/* Automatic compaction thresholds (ovsdb-server(1)). */
#define COMPACT_MIN_TXNS 100
#define COMPACT_MIN_MSEC (10LL * 60 * 1000)
#define COMPACT_MAX_MSEC (24LL * 60 * 60 * 1000)

struct ovsdb_file {
    struct ovsdb *db;           /* Not owned. */
    struct ovsdb_log *log;      /* Owned. */
    bool read_only;             /* Opened without write access? */
    long long int last_compact; /* time_msec() of open or compaction. */
    unsigned int n_txns;        /* Records written since then. */
};

/* Log errors. */

static struct ovsdb_error *
error_from_log(struct ovsdb_log_error *e)
{
    struct ovsdb_error *error;

    if (!e) {
        return NULL;
    }
    if (e->type == OVSDB_LOG_IO_ERROR) {
        error = ovsdb_io_error(e->error, "%s", e->message);
    } else {
        error = ovsdb_error_create(ovsdb_log_error_tag(e->type), "%s",
                                   e->message);
    }
    ovsdb_log_error_destroy(e);
    return error;
}

/* The log layer accepts arrays as records; a database file holds only
 * objects.  Upstream reports a record that is not an object with the
 * record's body offset and length, which the log does not expose, so they
 * are found here from the record's start and end offsets. */
static struct ovsdb_error *
not_an_object_error(const char *name, off_t start, off_t end)
{
    char buf[128];
    off_t body = start;
    int fd;

    fd = open(name, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ssize_t n = pread(fd, buf, sizeof buf, start);
        char *nl = n > 0 ? memchr(buf, '\n', n) : NULL;
        if (nl) {
            body = start + (nl - buf) + 1;
        }
        close(fd);
    }
    return ovsdb_error_create("syntax error",
                              "%s: %lld bytes starting at offset %lld are "
                              "not a JSON object", name,
                              (long long) (end - body), (long long) body);
}

struct ovsdb_error *
ovsdb_file_read_record(struct ovsdb_log *log, struct json **jsonp)
{
    off_t start = ovsdb_log_get_offset(log);
    struct ovsdb_error *error;

    error = error_from_log(ovsdb_log_read(log, jsonp));
    if (!error && *jsonp && (*jsonp)->type != JSON_OBJECT) {
        off_t end = ovsdb_log_get_offset(log);

        json_destroy(*jsonp);
        *jsonp = NULL;
        ovsdb_log_unread(log);
        error = not_an_object_error(ovsdb_log_get_name(log), start, end);
    }
    return error;
}

/* Opens FILE_NAME as a standalone database log and reads its schema. */
static struct ovsdb_error *
open_and_read_schema(const char *file_name, enum ovsdb_log_open_mode mode,
                     bool locking, struct ovsdb_log **logp,
                     struct ovsdb_schema **schemap)
{
    struct ovsdb_error *error;
    struct ovsdb_log *log;
    struct json *json;

    *logp = NULL;
    *schemap = NULL;
    error = error_from_log(ovsdb_log_open(file_name, "JSON|CLUSTER", mode,
                                          locking, &log));
    if (error) {
        return error;
    }
    if (strcmp(ovsdb_log_get_magic(log), OVSDB_LOG_MAGIC_JSON)) {
        ovsdb_log_close(log);
        return ovsdb_error_create("ovsdb error", "%s: cannot apply this "
                                  "operation to clustered database file",
                                  file_name);
    }

    error = ovsdb_file_read_record(log, &json);
    if (!error && !json) {
        error = ovsdb_io_error(EOF, "%s: database file contains no schema",
                               file_name);
    }
    if (!error) {
        error = ovsdb_schema_from_json(json, schemap);
        json_destroy(json);
    }
    if (error) {
        ovsdb_log_close(log);
        return error;
    }
    *logp = log;
    return NULL;
}

struct ovsdb_error *
ovsdb_file_read_schema(const char *file_name, struct ovsdb_schema **schemap)
{
    struct ovsdb_error *error;
    struct ovsdb_log *log;

    error = open_and_read_schema(file_name, OVSDB_LOG_READ_ONLY, false,
                                 &log, schemap);
    ovsdb_log_close(log);
    return error;
}

/* Writes SCHEMA and, if nonnull, SNAPSHOT to empty log LOG. */
static struct ovsdb_error *
write_schema_and_snapshot(struct ovsdb_log *log,
                          const struct ovsdb_schema *schema,
                          struct json *snapshot)
{
    struct ovsdb_error *error;

    error = error_from_log(ovsdb_log_write_and_free(
                               log, ovsdb_schema_to_json(schema)));
    if (!error && snapshot) {
        error = error_from_log(ovsdb_log_write(log, snapshot));
    }
    json_destroy(snapshot);
    return error;
}

/* Creates new file FILE_NAME with SCHEMA and SNAPSHOT (may be NULL). */
static struct ovsdb_error *
create_file(const char *file_name, const struct ovsdb_schema *schema,
            struct json *snapshot)
{
    struct ovsdb_error *error;
    struct ovsdb_log *log;

    error = error_from_log(ovsdb_log_open(file_name, OVSDB_LOG_MAGIC_JSON,
                                          OVSDB_LOG_CREATE_EXCL, true,
                                          &log));
    if (error) {
        json_destroy(snapshot);
        return error;
    }
    error = write_schema_and_snapshot(log, schema, snapshot);
    if (!error) {
        error = error_from_log(ovsdb_log_commit_block(log));
    }
    ovsdb_log_close(log);
    if (error) {
        unlink(file_name);
    }
    return error;
}

struct ovsdb_error *
ovsdb_file_create(const char *file_name, const struct ovsdb_schema *schema)
{
    return create_file(file_name, schema, NULL);
}

/* Reading transaction records. */

/* Applies the difference DIFF (see file.h) to DATUM of type TYPE. */
static void
apply_diff(struct ovsdb_datum *datum, const struct ovsdb_datum *diff,
           const struct ovsdb_type *type)
{
    enum ovsdb_atomic_type kt = type->key.type;
    enum ovsdb_atomic_type vt = type->value.type;
    bool is_map = vt != OVSDB_TYPE_VOID;
    struct ovsdb_datum out;
    unsigned int i = 0, j = 0;

    /* Both are sorted by key: merge them. */
    out.n = 0;
    out.keys = xmalloc((datum->n + diff->n + 1) * sizeof *out.keys);
    out.values = (is_map
                  ? xmalloc((datum->n + diff->n + 1) * sizeof *out.values)
                  : NULL);
    while (i < datum->n || j < diff->n) {
        int cmp = (i >= datum->n ? 1
                   : j >= diff->n ? -1
                   : ovsdb_atom_compare_3way(&datum->keys[i],
                                             &diff->keys[j], kt));
        if (cmp < 0) {
            out.keys[out.n] = datum->keys[i];
            if (is_map) {
                out.values[out.n] = datum->values[i];
            }
            out.n++;
            i++;
        } else if (cmp > 0) {
            ovsdb_atom_clone(&out.keys[out.n], &diff->keys[j], kt);
            if (is_map) {
                ovsdb_atom_clone(&out.values[out.n], &diff->values[j], vt);
            }
            out.n++;
            j++;
        } else if (is_map && !ovsdb_atom_equals(&datum->values[i],
                                                 &diff->values[j], vt)) {
            /* Same key, new value. */
            out.keys[out.n] = datum->keys[i];
            ovsdb_atom_destroy(&datum->values[i], vt);
            ovsdb_atom_clone(&out.values[out.n], &diff->values[j], vt);
            out.n++;
            i++;
            j++;
        } else {
            /* Present in both: removed. */
            ovsdb_atom_destroy(&datum->keys[i], kt);
            if (is_map) {
                ovsdb_atom_destroy(&datum->values[i], vt);
            }
            i++;
            j++;
        }
    }
    free(datum->keys);
    free(datum->values);
    *datum = out;
    if (!datum->n) {
        free(datum->keys);
        free(datum->values);
        ovsdb_datum_init_empty(datum);
    }
}

/* Sets ROW's COLUMN from JSON: the new value, or with DIFF a difference
 * to apply. */
static struct ovsdb_error *
column_from_json(struct ovsdb_row *row, const struct ovsdb_column *column,
                 const struct json *json, bool diff)
{
    struct ovsdb_datum *field = &row->fields[column->index];
    struct ovsdb_error *error;
    struct ovsdb_datum datum;

    if (diff && ovsdb_type_is_composite(&column->type)) {
        struct ovsdb_type relaxed = column->type;

        relaxed.n_min = 0;
        relaxed.n_max = UINT_MAX;
        error = ovsdb_datum_from_json(&datum, &relaxed, json, NULL);
        if (error) {
            return error;
        }
        apply_diff(field, &datum, &column->type);
        ovsdb_datum_destroy(&datum, &column->type);
        if (!ovsdb_datum_conforms_to_type(field, &column->type)) {
            /* Upstream's text, typo included. */
            return ovsdb_error_create("ovsdb error",
                                      "Datum crated by diff has size error");
        }
        return NULL;
    }

    error = ovsdb_datum_from_json(&datum, &column->type, json, NULL);
    if (error) {
        return error;
    }
    ovsdb_datum_swap(field, &datum);
    ovsdb_datum_destroy(&datum, &column->type);
    return NULL;
}

/* Sets the columns of ROW given by row object JSON. */
static struct ovsdb_error *
row_from_json(struct ovsdb_row *row, const struct json *json, bool diff,
              bool converting)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    struct shash_node *node;

    SHASH_FOR_EACH (node, json_object(json)) {
        const struct ovsdb_column *column;
        struct ovsdb_error *error;

        column = ovsdb_table_schema_get_column(ts, node->name);
        if (!column) {
            if (converting) {
                continue;
            }
            return ovsdb_syntax_error(json, "unknown column",
                                      "No column %s in table %s.",
                                      node->name, ts->name);
        }
        if (column->index == OVSDB_COL_UUID
            || column->index == OVSDB_COL_VERSION) {
            continue;
        }
        error = column_from_json(row, column, node->data, diff);
        if (error) {
            return error;
        }
    }
    return NULL;
}

/* Applies the changes to TABLE in table object JSON to TXN. */
static struct ovsdb_error *
table_from_json(struct ovsdb_txn *txn, struct ovsdb_table *table,
                const struct json *json, bool diff, bool converting)
{
    struct shash_node *node;

    if (json->type != JSON_OBJECT) {
        return ovsdb_syntax_error(json, NULL, "object expected");
    }

    SHASH_FOR_EACH (node, json_object(json)) {
        const struct json *row_json = node->data;
        const struct ovsdb_row *row;
        struct ovsdb_error *error;
        struct uuid uuid;

        if (!uuid_from_string(&uuid, node->name)) {
            return ovsdb_syntax_error(json, NULL, "\"%s\" is not a valid "
                                      "UUID", node->name);
        }
        row = ovsdb_table_get_row(table, &uuid);
        if (row_json->type == JSON_NULL) {
            if (!row) {
                return ovsdb_syntax_error(NULL, NULL, "transaction deletes "
                                          "row "UUID_FMT" that does not "
                                          "exist", UUID_ARGS(&uuid));
            }
            ovsdb_txn_row_delete(txn, row);
        } else if (row_json->type != JSON_OBJECT) {
            return ovsdb_syntax_error(row_json, NULL,
                                      "row must be JSON object");
        } else if (row) {
            struct ovsdb_row *new = ovsdb_txn_row_modify(txn, row);

            error = row_from_json(new, row_json, diff, converting);
            if (error) {
                return error;
            }
        } else {
            struct ovsdb_row *new = ovsdb_row_create(table);

            *ovsdb_row_get_uuid_rw(new) = uuid;
            error = row_from_json(new, row_json, false, converting);
            if (error) {
                ovsdb_row_destroy(new);
                return error;
            }
            ovsdb_txn_row_insert(txn, new);
        }
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_file_txn_from_json(struct ovsdb *db, const struct json *json,
                         bool converting, struct ovsdb_txn **txnp)
{
    const struct json *is_diff;
    struct ovsdb_error *error = NULL;
    struct shash_node *node;
    struct ovsdb_txn *txn;
    bool diff;

    *txnp = NULL;
    if (json->type != JSON_OBJECT) {
        return ovsdb_syntax_error(json, NULL, "object expected");
    }
    is_diff = json_object_get(json, "_is_diff");
    diff = is_diff && is_diff->type == JSON_TRUE;

    txn = ovsdb_txn_create(db);
    SHASH_FOR_EACH (node, json_object(json)) {
        const struct json *value = node->data;
        struct ovsdb_table *table;

        if ((!strcmp(node->name, "_date") && value->type == JSON_INTEGER)
            || !strcmp(node->name, "_comment")
            || (!strcmp(node->name, "_is_diff")
                && (value->type == JSON_TRUE
                    || value->type == JSON_FALSE))) {
            continue;
        }
        table = ovsdb_get_table(db, node->name);
        if (!table) {
            if (converting) {
                continue;
            }
            error = ovsdb_syntax_error(json, "unknown table",
                                       "No table named %s.", node->name);
            break;
        }
        error = table_from_json(txn, table, value, diff, converting);
        if (error) {
            break;
        }
    }
    if (error) {
        ovsdb_txn_abort(txn);
        return error;
    }
    *txnp = txn;
    return NULL;
}

/* Opening. */

struct ovsdb_error *
ovsdb_file_open(const char *file_name, const struct ovsdb_schema *alt_schema,
                unsigned int flags, struct ovsdb **dbp,
                struct ovsdb_file **filep)
{
    bool read_only = (flags & OVSDB_FILE_READ_ONLY) != 0;
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    struct ovsdb_log *log;
    struct ovsdb *db;

    *dbp = NULL;
    if (filep) {
        *filep = NULL;
    }
    error = open_and_read_schema(file_name,
                                 (read_only ? OVSDB_LOG_READ_ONLY
                                  : OVSDB_LOG_READ_WRITE),
                                 !read_only, &log, &schema);
    if (error) {
        return error;
    }
    if (alt_schema) {
        ovsdb_schema_destroy(schema);
        schema = ovsdb_schema_clone(alt_schema);
    }
    db = ovsdb_create(schema);

    for (;;) {
        struct ovsdb_txn *txn;
        struct json *json;

        error = ovsdb_file_read_record(log, &json);
        if (error && flags & OVSDB_FILE_TOLERATE_TAIL) {
            char *s = ovsdb_error_to_string_free(error);
            VLOG_WARN("%s", s);
            free(s);
            error = NULL;
        }
        if (error || !json) {
            break;
        }
        error = ovsdb_file_txn_from_json(db, json, alt_schema != NULL,
                                         &txn);
        ovsdb_log_recycle(log, json);
        if (error) {
            break;
        }

        /* A record that does not pass the commit checks ends the log, as
         * upstream does: the next write replaces it. */
        error = ovsdb_txn_precommit(txn);
        if (error) {
            ovsdb_error_destroy(error);
            error = NULL;
            ovsdb_txn_abort(txn);
            ovsdb_log_unread(log);
            break;
        }
        ovsdb_txn_commit(txn);
    }
    if (error) {
        ovsdb_log_close(log);
        ovsdb_destroy(db);
        return error;
    }
#ifdef __GLIBC__
    /* Loading freed as much memory as it kept (the records' JSON), partly
     * in the reader thread's malloc arena: give it back to the system. */
    malloc_trim(0);
#endif

    if (filep) {
        struct ovsdb_file *file = xzalloc(sizeof *file);

        file->db = db;
        file->log = log;
        file->read_only = read_only;
        file->last_compact = time_msec();
        file->n_txns = 0;
        *filep = file;
    } else {
        ovsdb_log_close(log);
    }
    *dbp = db;
    return NULL;
}

void
ovsdb_file_close(struct ovsdb_file *file)
{
    if (file) {
        ovsdb_log_close(file->log);
        free(file);
    }
}

struct ovsdb *
ovsdb_file_get_db(const struct ovsdb_file *file)
{
    return file->db;
}

const char *
ovsdb_file_get_name(const struct ovsdb_file *file)
{
    return ovsdb_log_get_name(file->log);
}

/* Writing transaction records. */

/* The difference between OLD and NEW of TYPE (see file.h): the elements
 * of exactly one of them and, for maps, NEW's pairs whose key both have
 * with different values. */
static void
datum_diff(struct ovsdb_datum *diff, const struct ovsdb_datum *old,
           const struct ovsdb_datum *new, const struct ovsdb_type *type)
{
    enum ovsdb_atomic_type kt = type->key.type;
    enum ovsdb_atomic_type vt = type->value.type;
    bool is_map = vt != OVSDB_TYPE_VOID;
    unsigned int i = 0, j = 0;

    diff->n = 0;
    diff->keys = xmalloc((old->n + new->n + 1) * sizeof *diff->keys);
    diff->values = (is_map
                    ? xmalloc((old->n + new->n + 1) * sizeof *diff->values)
                    : NULL);
    while (i < old->n || j < new->n) {
        const union ovsdb_atom *key, *value;
        int cmp = (i >= old->n ? 1
                   : j >= new->n ? -1
                   : ovsdb_atom_compare_3way(&old->keys[i], &new->keys[j],
                                             kt));
        if (cmp < 0) {
            key = &old->keys[i];
            value = is_map ? &old->values[i] : NULL;
            i++;
        } else if (cmp > 0) {
            key = &new->keys[j];
            value = is_map ? &new->values[j] : NULL;
            j++;
        } else {
            bool same = (!is_map || ovsdb_atom_equals(&old->values[i],
                                                      &new->values[j], vt));
            key = &new->keys[j];
            value = is_map ? &new->values[j] : NULL;
            i++;
            j++;
            if (same) {
                continue;
            }
        }
        ovsdb_atom_clone(&diff->keys[diff->n], key, kt);
        if (is_map) {
            ovsdb_atom_clone(&diff->values[diff->n], value, vt);
        }
        diff->n++;
    }
}

/* The object for ROW's persistent columns that differ from their defaults
 * (or, if nonnull, that CHANGED marks, as differences from OLD). */
static struct json *
row_to_json(const struct ovsdb_row *old, const struct ovsdb_row *row,
            const unsigned long *changed)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    struct json *json = json_object_create();

    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct ovsdb_column *column = ts->by_index[i];
        const struct ovsdb_datum *datum = &row->fields[i];

        if (!column->persistent) {
            continue;
        }
        if (changed) {
            if (!bitmap_is_set(changed, i)) {
                continue;
            }
            if (ovsdb_type_is_composite(&column->type)) {
                struct ovsdb_datum diff;

                datum_diff(&diff, &old->fields[i], datum, &column->type);
                if (diff.n) {
                    json_object_put(json, column->name,
                                    ovsdb_datum_to_json(&diff,
                                                        &column->type));
                }
                ovsdb_datum_destroy(&diff, &column->type);
                continue;
            }
            if (ovsdb_datum_equals(&old->fields[i], datum, &column->type)) {
                continue;
            }
        } else if (ovsdb_datum_is_default(datum, &column->type)) {
            continue;
        }
        json_object_put(json, column->name,
                        ovsdb_datum_to_json(datum, &column->type));
    }
    return json;
}

/* Adds ROW_JSON as the value for ROW in TABLE_NAME's object of RECORD. */
static void
put_row(struct json *record, const char *table_name,
        const struct ovsdb_row *row, struct json *row_json)
{
    struct json *table_json = json_object_get(record, table_name);
    char uuid[UUID_LEN + 1];

    if (!table_json) {
        table_json = json_object_create();
        json_object_put(record, table_name, table_json);
    }
    uuid_format(ovsdb_row_get_uuid(row), uuid);
    json_object_put(table_json, uuid, row_json);
}

static bool
txn_change_to_json(const struct ovsdb_row *old, const struct ovsdb_row *new,
                   const unsigned long *changed, void *record_)
{
    struct json *record = record_;
    const struct ovsdb_row *row = new ? new : old;
    struct json *row_json;

    if (!new) {
        row_json = json_null_create();
    } else {
        row_json = row_to_json(old, new, old ? changed : NULL);
        if (old && shash_is_empty(json_object(row_json))) {
            /* Only ephemeral columns changed. */
            json_destroy(row_json);
            return true;
        }
    }
    put_row(record, row->table->schema->name, row, row_json);
    return true;
}

/* Adds the members that every record has. */
static void
put_record_metadata(struct json *record, const char *comment, bool is_diff)
{
    json_object_put(record, "_date", json_integer_create(time_wall_msec()));
    if (comment) {
        json_object_put_string(record, "_comment", comment);
    }
    if (is_diff) {
        json_object_put(record, "_is_diff", json_boolean_create(true));
    }
}

struct json *
ovsdb_file_txn_to_json(const struct ovsdb_txn *txn)
{
    struct json *record = json_object_create();

    ovsdb_txn_for_each_change(txn, txn_change_to_json, record);
    if (shash_is_empty(json_object(record))) {
        json_destroy(record);
        return NULL;
    }
    put_record_metadata(record, ovsdb_txn_get_comment(txn), true);
    return record;
}

struct json *
ovsdb_file_snapshot_to_json(const struct ovsdb *db, const char *comment,
                            bool is_diff)
{
    struct json *record = json_object_create();
    struct shash_node *node;

    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *table = node->data;
        const struct ovsdb_row *row;

        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            put_row(record, table->schema->name, row,
                    row_to_json(NULL, row, NULL));
        }
    }
    put_record_metadata(record, comment, is_diff);
    return record;
}

/* Writes TXN's record to FILE, queued in memory if DEFERRED. */
static struct ovsdb_error *
write_txn(struct ovsdb_file *file, const struct ovsdb_txn *txn,
          bool deferred)
{
    struct ovsdb_log_error *e;
    struct json *json;

    json = ovsdb_file_txn_to_json(txn);
    if (!json) {
        return NULL;
    }
    if (file->read_only) {
        /* What upstream's read-only open ("ovsdb-tool query") reports. */
        json_destroy(json);
        return ovsdb_io_error(EINVAL, "%s: cannot truncate to length %lld",
                              ovsdb_log_get_name(file->log),
                              (long long) ovsdb_log_get_offset(file->log));
    }
    e = (deferred
         ? ovsdb_log_write_deferred(file->log, json)
         : ovsdb_log_write(file->log, json));
    json_destroy(json);
    if (e) {
        return error_from_log(e);
    }
    file->n_txns++;
    return NULL;
}

struct ovsdb_error *
ovsdb_file_commit_deferred(struct ovsdb_file *file,
                           const struct ovsdb_txn *txn)
{
    return write_txn(file, txn, true);
}

struct ovsdb_error *
ovsdb_file_commit(struct ovsdb_file *file, const struct ovsdb_txn *txn,
                  bool durable)
{
    struct ovsdb_error *error = write_txn(file, txn, false);

    return error || !durable ? error : ovsdb_file_sync(file);
}

struct ovsdb_error *
ovsdb_file_sync(struct ovsdb_file *file)
{
    if (file->read_only) {
        return NULL;
    }
    return error_from_log(ovsdb_log_commit_block(file->log));
}

/* Compaction. */

bool
ovsdb_file_should_compact(const struct ovsdb_file *file, long long int now)
{
    long long int elapsed = now - file->last_compact;

    return (!file->read_only
            && file->n_txns >= COMPACT_MIN_TXNS
            && elapsed >= COMPACT_MIN_MSEC
            && (ovsdb_log_grew_lots(file->log)
                || elapsed >= COMPACT_MAX_MSEC));
}

struct ovsdb_error *
ovsdb_file_replace(struct ovsdb_file *file, const char *comment,
                   bool is_diff, const struct ovsdb *db)
{
    struct ovsdb_error *error;
    struct ovsdb_log *new;

    if (file->read_only) {
        return ovsdb_error_create("ovsdb error", "%s: file is read-only",
                                  ovsdb_log_get_name(file->log));
    }
    error = error_from_log(ovsdb_log_replace_start(file->log, &new));
    if (error) {
        return error;
    }
    error = write_schema_and_snapshot(
        new, db->schema, ovsdb_file_snapshot_to_json(db, comment, is_diff));
    if (error) {
        ovsdb_log_replace_abort(new);
        return error;
    }
    error = error_from_log(ovsdb_log_replace_commit(file->log, new));
    if (!error) {
        file->last_compact = time_msec();
        file->n_txns = 0;
    }
    return error;
}

struct ovsdb_error *
ovsdb_file_convert(struct ovsdb_file *file, const char *comment,
                   struct ovsdb *new_db)
{
    struct ovsdb_error *error = ovsdb_file_replace(file, comment, true,
                                                   new_db);
    if (!error) {
        file->db = new_db;
    }
    return error;
}

struct ovsdb_error *
ovsdb_file_compact(struct ovsdb_file *file, const char *comment)
{
    return ovsdb_file_replace(file, comment, true, file->db);
}

/* Fsyncs the directory that holds FILE_NAME. */
static int
fsync_dir_of(const char *file_name)
{
    char *dir = dir_name(file_name);
    int fd = open(dir, O_RDONLY | O_CLOEXEC);
    int error = 0;

    if (fd < 0 || fsync(fd)) {
        error = errno;
    }
    if (fd >= 0) {
        close(fd);
    }
    free(dir);
    return error;
}

struct ovsdb_error *
ovsdb_file_write_snapshot(const char *file_name, const char *comment,
                          const struct ovsdb *db)
{
    char *tmp_name = xasprintf("%s.tmp", file_name);
    struct ovsdb_error *error;
    struct ovsdb_log *log;
    int retval;

    error = error_from_log(ovsdb_log_open(tmp_name, OVSDB_LOG_MAGIC_JSON,
                                          OVSDB_LOG_CREATE, false, &log));
    if (error) {
        free(tmp_name);
        return error;
    }
    error = write_schema_and_snapshot(
        log, db->schema, ovsdb_file_snapshot_to_json(db, comment, false));
    if (!error) {
        error = error_from_log(ovsdb_log_commit_block(log));
    }
    if (!error && rename(tmp_name, file_name)) {
        error = ovsdb_io_error(errno, "%s: failed to rename \"%s\" over it",
                               file_name, tmp_name);
    }
    ovsdb_log_close(log);
    if (error) {
        unlink(tmp_name);
    } else {
        retval = fsync_dir_of(file_name);
        if (retval) {
            error = ovsdb_io_error(retval, "%s: failed to sync directory",
                                   file_name);
        }
    }
    free(tmp_name);
    return error;
}

/* Conversion. */

/* Converts DATUM of type OLD_TYPE to NEW_TYPE in '*NEW'. */
static struct ovsdb_error *
convert_datum(struct ovsdb_datum *new, const struct ovsdb_type *new_type,
              const struct ovsdb_datum *old,
              const struct ovsdb_type *old_type)
{
    struct ovsdb_error *error;
    struct json *json;

    if (!old->n && new_type->n_min) {
        ovsdb_datum_init_default(new, new_type);
        return NULL;
    }
    json = ovsdb_datum_to_json(old, old_type);
    error = ovsdb_datum_from_json(new, new_type, json, NULL);
    json_destroy(json);
    return error;
}

struct ovsdb_error *
ovsdb_convert(const struct ovsdb *src, const struct ovsdb_schema *new_schema,
              struct ovsdb **dstp)
{
    struct ovsdb *dst = ovsdb_create(ovsdb_schema_clone(new_schema));
    struct ovsdb_error *error = NULL;
    struct ovsdb_txn *txn = ovsdb_txn_create(dst);
    struct shash_node *node;

    *dstp = NULL;
    SHASH_FOR_EACH (node, &dst->tables) {
        struct ovsdb_table *dst_table = node->data;
        const struct ovsdb_table *src_table;
        const struct ovsdb_row *src_row;

        src_table = ovsdb_get_table(src, node->name);
        if (!src_table) {
            continue;
        }
        HMAP_FOR_EACH (src_row, hmap_node, &src_table->rows) {
            struct ovsdb_row *row = ovsdb_row_create(dst_table);
            const struct ovsdb_table_schema *ts = dst_table->schema;

            *ovsdb_row_get_uuid_rw(row) = *ovsdb_row_get_uuid(src_row);
            for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
                const struct ovsdb_column *column = ts->by_index[i];
                const struct ovsdb_column *src_column;
                struct ovsdb_datum datum;

                src_column = ovsdb_table_schema_get_column(
                    src_table->schema, column->name);
                if (!src_column) {
                    continue;
                }
                error = convert_datum(&datum, &column->type,
                                      &src_row->fields[src_column->index],
                                      &src_column->type);
                if (error) {
                    break;
                }
                ovsdb_datum_swap(&row->fields[i], &datum);
                ovsdb_datum_destroy(&datum, &column->type);
            }
            if (error) {
                ovsdb_row_destroy(row);
                goto exit;
            }
            ovsdb_txn_row_insert(txn, row);
        }
    }
    error = ovsdb_txn_precommit(txn);

exit:
    if (error) {
        ovsdb_txn_abort(txn);
        ovsdb_destroy(dst);
        return error;
    }
    ovsdb_txn_commit(txn);
    *dstp = dst;
    return NULL;
}
