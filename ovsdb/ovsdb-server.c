/* ovsdb-server: the Open vSwitch database server, for standalone
 * databases.
 *
 * The program opens its database files, serves them (and the built-in
 * _Server database, which describes them) over the remotes of --remote
 * and ovsdb-server/add-remote, including remotes read from database
 * columns ("db:DB,TABLE,COLUMN"), and answers ovs-appctl's commands.  The
 * JSON-RPC work, group commit included, is in jsonrpc-server.c; this file
 * is configuration and the main loop. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "column.h"
#include "daemon.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "json.h"
#include "jsonrpc-server.h"
#include "file.h"
#include "monitor.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "poll-loop.h"
#include "row.h"
#include "shash.h"
#include "sset.h"
#include "stream.h"
#include "table.h"
#include "timeval.h"
#include "transaction.h"
#include "unixctl.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_server);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);

/* The _Server database's schema, as upstream serves it. */
static const char server_schema_json[] =
    "{\"cksum\":\"3009684573 744\",\"name\":\"_Server\","
    "\"tables\":{\"Database\":{\"columns\":{"
    "\"cid\":{\"type\":{\"key\":\"uuid\",\"min\":0}},"
    "\"connected\":{\"type\":\"boolean\"},"
    "\"index\":{\"type\":{\"key\":\"integer\",\"min\":0}},"
    "\"leader\":{\"type\":\"boolean\"},"
    "\"model\":{\"type\":{\"key\":{\"enum\":[\"set\",[\"clustered\","
    "\"relay\",\"standalone\"]],\"type\":\"string\"}}},"
    "\"name\":{\"type\":\"string\"},"
    "\"schema\":{\"type\":{\"key\":\"string\",\"min\":0}},"
    "\"sid\":{\"type\":{\"key\":\"uuid\",\"min\":0}}}}},"
    "\"version\":\"1.2.0\"}";

/* A database the server serves. */
struct server_db {
    char *filename;             /* NULL for _Server. */
    struct ovsdb *db;
    struct ovsdb_file *file;    /* NULL for _Server. */
    struct ovsdb_observer observer; /* Notes changes for db: remotes. */
    struct sset tlog_tables;    /* Tables with transaction logging on. */
};

/* Everything the unixctl commands and the main loop share. */
struct server_config {
    struct shash dbs;           /* Name -> struct server_db *. */
    struct sset remotes;        /* As given on --remote, add-remote. */
    struct ovsdb_jsonrpc_server *jsonrpc;
    struct server_db *server_db; /* _Server. */
    bool dbs_changed;           /* Update _Server and db: remotes. */
    bool exiting;
    bool trim_memory;
    char *sync_from;            /* ovsdb-server/set-active-ovsdb-server. */
    char *sync_exclude;         /* ovsdb-server/set-sync-exclude-tables. */
};

static char *unixctl_path;
static char *run_command;

static void parse_options(int argc, char *argv[], struct sset *db_files,
                          struct sset *remotes);
static void usage(void) OVS_NO_RETURN;
static void register_commands(struct server_config *);

/* Storage of a standalone database file. */

static struct ovsdb_error *
storage_write(struct ovsdb *db OVS_UNUSED, const struct ovsdb_txn *txn,
              void *sdb_)
{
    struct server_db *sdb = sdb_;

    return ovsdb_file_commit_deferred(sdb->file, txn);
}

static struct ovsdb_error *
storage_sync(struct ovsdb *db OVS_UNUSED, void *sdb_)
{
    struct server_db *sdb = sdb_;

    return ovsdb_file_sync(sdb->file);
}

static struct ovsdb_error *
storage_convert(struct ovsdb *db OVS_UNUSED, struct ovsdb *new_db,
                void *sdb_)
{
    struct server_db *sdb = sdb_;

    return ovsdb_file_convert(sdb->file, "converted by ovsdb-server",
                              new_db);
}

static void storage_replace(struct ovsdb *, struct ovsdb *, void *);

static const struct ovsdb_jsonrpc_storage file_storage = {
    .write = storage_write,
    .sync = storage_sync,
    .convert = storage_convert,
    .replace = storage_replace,
};

/* Databases. */

static struct server_config *the_config;

static void
server_db_commit_cb(struct ovsdb_observer *observer OVS_UNUSED,
                    const struct ovsdb_txn *txn OVS_UNUSED)
{
    the_config->dbs_changed = true;
}

static struct server_db *
server_db_create(struct server_config *cfg, struct ovsdb *db,
                 const char *filename, struct ovsdb_file *file)
{
    struct server_db *sdb = xzalloc(sizeof *sdb);

    sdb->filename = filename ? xstrdup(filename) : NULL;
    sdb->db = db;
    sdb->file = file;
    sset_init(&sdb->tlog_tables);
    sdb->observer.commit = server_db_commit_cb;
    ovsdb_add_observer(db, &sdb->observer);
    shash_add(&cfg->dbs, db->schema->name, sdb);
    cfg->dbs_changed = true;
    return sdb;
}

/* Serves NEW_DB, to which "convert" converted SDB's database, instead of
 * that database. */
static void
storage_replace(struct ovsdb *old_db, struct ovsdb *new_db, void *sdb_)
{
    struct server_db *sdb = sdb_;

    ovsdb_remove_observer(old_db, &sdb->observer);
    sdb->db = new_db;
    ovsdb_add_observer(new_db, &sdb->observer);
    ovsdb_destroy(old_db);
    /* Remotes of "db:" may name tables and columns that changed. */
    the_config->dbs_changed = true;
}

static void
server_db_destroy(struct server_config *cfg, struct server_db *sdb)
{
    ovsdb_jsonrpc_server_remove_db(cfg->jsonrpc, sdb->db);
    shash_find_and_delete(&cfg->dbs, sdb->db->schema->name);
    ovsdb_remove_observer(sdb->db, &sdb->observer);
    if (sdb->file) {
        ovsdb_file_close(sdb->file);
    }
    ovsdb_destroy(sdb->db);
    sset_destroy(&sdb->tlog_tables);
    free(sdb->filename);
    free(sdb);
    cfg->dbs_changed = true;
}

/* Opens FILENAME and serves it.  Returns NULL or an error message (to
 * free) with upstream's wording. */
static char *
add_db_file(struct server_config *cfg, const char *filename)
{
    struct shash_node *node;
    struct ovsdb_error *error;
    struct ovsdb_file *file;
    struct ovsdb *db;
    struct server_db *sdb;

    SHASH_FOR_EACH (node, &cfg->dbs) {
        sdb = node->data;
        if (sdb->filename && !strcmp(sdb->filename, filename)) {
            return xasprintf("ovsdb error: %s: already open", filename);
        }
    }

    error = ovsdb_file_open(filename, NULL, OVSDB_FILE_TOLERATE_TAIL, &db,
                            &file);
    if (error) {
        return ovsdb_error_to_string_free(error);
    }
    if (shash_find(&cfg->dbs, db->schema->name)) {
        char *msg = xasprintf("ovsdb error: %s: duplicate database name",
                              db->schema->name);
        ovsdb_file_close(file);
        ovsdb_destroy(db);
        return msg;
    }
    sdb = server_db_create(cfg, db, filename, file);
    ovsdb_jsonrpc_server_add_db(cfg->jsonrpc, db, &file_storage, sdb);
    return NULL;
}

/* The _Server database. */

static void
set_column(struct ovsdb_row *row, const char *name, struct json *value)
{
    const struct ovsdb_column *column
        = ovsdb_table_schema_get_column(row->table->schema, name);
    struct ovsdb_datum datum;
    struct ovsdb_error *error;

    error = ovsdb_datum_from_json(&datum, &column->type, value, NULL);
    json_destroy(value);
    if (error) {
        ovsdb_error_destroy(error);
        return;
    }
    ovsdb_datum_destroy(&row->fields[column->index], &column->type);
    row->fields[column->index] = datum;
}

/* Makes _Server's Database table describe the databases being served. */
static void
update_server_db(struct server_config *cfg)
{
    struct ovsdb *sdb = cfg->server_db->db;
    struct ovsdb_table *table = ovsdb_get_table(sdb, "Database");
    struct ovsdb_txn *txn = ovsdb_txn_create(sdb);
    const struct ovsdb_row *row;
    struct ovsdb_error *error;
    struct shash_node *node;
    struct sset seen = SSET_INITIALIZER(&seen);

    /* Drop rows of databases that went away or whose data changed. */
    HMAP_FOR_EACH_SAFE (row, hmap_node, &table->rows) {
        const struct ovsdb_column *name_col
            = ovsdb_table_schema_get_column(table->schema, "name");
        const struct ovsdb_datum *name = &row->fields[name_col->index];

        if (name->n != 1 || !shash_find(&cfg->dbs, name->keys[0].string)
            || sset_contains(&seen, name->keys[0].string)) {
            ovsdb_txn_row_delete(txn, row);
        } else {
            sset_add(&seen, name->keys[0].string);
        }
    }

    SHASH_FOR_EACH (node, &cfg->dbs) {
        struct server_db *db = node->data;
        struct ovsdb_row *new;
        struct json *schema;

        if (sset_contains(&seen, node->name)) {
            continue;
        }
        new = ovsdb_row_create(table);
        uuid_generate(ovsdb_row_get_uuid_rw(new));
        set_column(new, "name", json_string_create(node->name));
        set_column(new, "model", json_string_create("standalone"));
        set_column(new, "connected", json_boolean_create(true));
        set_column(new, "leader", json_boolean_create(true));
        schema = ovsdb_schema_to_json(db->db->schema);
        set_column(new, "schema",
                   json_string_create_nocopy(json_to_string(schema,
                                                            JSSF_SORT)));
        json_destroy(schema);
        ovsdb_txn_row_insert(txn, new);
    }
    sset_destroy(&seen);

    error = ovsdb_txn_precommit(txn);
    if (error) {
        char *s = ovsdb_error_to_string_free(error);

        VLOG_ERR_RL(&rl, "updating _Server failed: %s", s);
        free(s);
        ovsdb_txn_abort(txn);
        return;
    }
    error = ovsdb_jsonrpc_server_commit(cfg->jsonrpc, txn);
    if (error) {
        ovsdb_error_destroy(error);
    }
}

/* Remotes. */

/* Parses "db:DB,TABLE,COLUMN".  Returns NULL and the column, or an error
 * message with upstream's wording. */
static char *
parse_db_remote(const struct server_config *cfg, const char *remote,
                const struct server_db **sdbp,
                const struct ovsdb_table **tablep,
                const struct ovsdb_column **columnp)
{
    char *copy = xstrdup(remote + 3);
    char *save = NULL;
    char *db_name = strtok_r(copy, ",", &save);
    char *table_name = db_name ? strtok_r(NULL, ",", &save) : NULL;
    char *column_name = table_name ? strtok_r(NULL, ",", &save) : NULL;
    const struct server_db *sdb;
    const struct ovsdb_table *table;
    const struct ovsdb_column *column;
    char *error = NULL;

    if (!column_name || strtok_r(NULL, ",", &save)) {
        error = xasprintf("\"%s\": invalid syntax", remote);
    } else if (!(sdb = shash_find_data(&cfg->dbs, db_name))) {
        error = xasprintf("\"%s\": no database named %s", remote, db_name);
    } else if (!(table = ovsdb_get_table(sdb->db, table_name))) {
        error = xasprintf("\"%s\": no table named %s", remote, table_name);
    } else if (!(column = ovsdb_table_schema_get_column(table->schema,
                                                        column_name))) {
        error = xasprintf("\"%s\": table \"%s\" has no column \"%s\"",
                          remote, table_name, column_name);
    } else {
        *sdbp = sdb;
        *tablep = table;
        *columnp = column;
    }
    free(copy);
    return error;
}

static void
add_remote_target(struct shash *remotes, const char *target)
{
    if (!shash_find(remotes, target)) {
        struct ovsdb_jsonrpc_options *options = xmalloc(sizeof *options);

        ovsdb_jsonrpc_options_init(options, target);
        shash_add(remotes, target, options);
    }
}

static const struct ovsdb_datum *
row_get_datum(const struct ovsdb_row *row, const char *name,
              enum ovsdb_atomic_type key_type, unsigned int max)
{
    const struct ovsdb_column *column
        = ovsdb_table_schema_get_column(row->table->schema, name);

    if (column && column->type.key.type == key_type
        && column->type.value.type == OVSDB_TYPE_VOID
        && column->type.n_max <= max) {
        return &row->fields[column->index];
    }
    return NULL;
}

/* Adds the remotes configured in a row of a table like Manager. */
static void
add_manager_row(struct shash *remotes, const struct ovsdb_row *row)
{
    const struct ovsdb_datum *target = row_get_datum(row, "target",
                                                     OVSDB_TYPE_STRING, 1);
    const struct ovsdb_datum *d;
    struct ovsdb_jsonrpc_options *options;

    if (!target || target->n != 1) {
        return;
    }
    add_remote_target(remotes, target->keys[0].string);
    options = shash_find_data(remotes, target->keys[0].string);
    d = row_get_datum(row, "max_backoff", OVSDB_TYPE_INTEGER, 1);
    if (d && d->n == 1) {
        options->max_backoff = d->keys[0].integer;
    }
    d = row_get_datum(row, "inactivity_probe", OVSDB_TYPE_INTEGER, 1);
    if (d && d->n == 1) {
        options->probe_interval = d->keys[0].integer;
    }
    d = row_get_datum(row, "read_only", OVSDB_TYPE_BOOLEAN, 1);
    if (d && d->n == 1) {
        options->read_only = d->keys[0].boolean;
    }
}

static void
add_db_remotes(const struct server_config *cfg, const char *remote,
               struct shash *remotes)
{
    const struct server_db *sdb;
    const struct ovsdb_table *table;
    const struct ovsdb_column *column;
    const struct ovsdb_row *row;
    char *error;

    error = parse_db_remote(cfg, remote, &sdb, &table, &column);
    if (error) {
        VLOG_WARN_RL(&rl, "%s", error);
        free(error);
        return;
    }
    if (column->type.value.type != OVSDB_TYPE_VOID
        || (column->type.key.type != OVSDB_TYPE_STRING
            && column->type.key.type != OVSDB_TYPE_UUID)) {
        if (!hmap_is_empty(&table->rows)) {
            VLOG_WARN_RL(&rl, "%s: type mismatch", remote);
        }
        return;
    }

    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        const struct ovsdb_datum *datum = &row->fields[column->index];
        unsigned int i;

        for (i = 0; i < datum->n; i++) {
            if (column->type.key.type == OVSDB_TYPE_STRING) {
                add_remote_target(remotes, datum->keys[i].string);
            } else {
                const char *ref_name = column->type.key.uuid.refTableName;
                const struct ovsdb_table *ref
                    = ref_name ? ovsdb_get_table(sdb->db, ref_name) : NULL;
                const struct ovsdb_row *ref_row
                    = ref ? ovsdb_table_get_row(ref, &datum->keys[i].uuid)
                          : NULL;
                if (ref_row) {
                    add_manager_row(remotes, ref_row);
                }
            }
        }
    }
}

static void
reconfigure_remotes(struct server_config *cfg)
{
    struct shash remotes = SHASH_INITIALIZER(&remotes);
    const char *remote;

    SSET_FOR_EACH (remote, &cfg->remotes) {
        if (!strncmp(remote, "db:", 3)) {
            add_db_remotes(cfg, remote, &remotes);
        } else {
            add_remote_target(&remotes, remote);
        }
    }
    ovsdb_jsonrpc_server_set_remotes(cfg->jsonrpc, &remotes);
    shash_destroy_free_data(&remotes);
}

/* Compacts the databases that grew enough, as upstream's rule says. */
static void
compact_if_needed(struct server_config *cfg)
{
    long long int now = time_msec();
    struct shash_node *node;

    SHASH_FOR_EACH (node, &cfg->dbs) {
        struct server_db *sdb = node->data;

        if (sdb->file && ovsdb_file_should_compact(sdb->file, now)) {
            struct ovsdb_error *error;

            VLOG_INFO("%s: compacting database", sdb->filename);
            error = ovsdb_file_compact(sdb->file,
                                       "compacting database online");
            if (error) {
                char *s = ovsdb_error_to_string_free(error);

                VLOG_WARN("%s: compacting failed: %s", sdb->filename, s);
                free(s);
            }
        }
    }
}

/* --run. */

static pid_t run_pid = -1;

static void
start_run_command(void)
{
    run_pid = fork();
    if (run_pid < 0) {
        ovs_fatal(errno, "could not fork to run \"%s\"", run_command);
    } else if (!run_pid) {
        execl("/bin/sh", "/bin/sh", "-c", run_command, (char *) NULL);
        _exit(127);
    }
}

/* Returns -1 while the --run command runs, else the exit status to use. */
static int
check_run_command(void)
{
    int status;

    if (run_pid > 0 && waitpid(run_pid, &status, WNOHANG) == run_pid) {
        run_pid = -1;
        return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : 1;
    }
    return -1;
}

/* main(). */

int
main(int argc, char *argv[])
{
    struct sset db_files = SSET_INITIALIZER(&db_files);
    struct unixctl_server *unixctl;
    struct server_config cfg;
    struct ovsdb_schema *server_schema;
    struct ovsdb_error *error;
    struct shash_node *node;
    const char *file;
    int exit_status = 0;
    struct json *json;

    set_program_name(argv[0]);
    fatal_ignore_sigpipe();
    fatal_signal_init();

    memset(&cfg, 0, sizeof cfg);
    shash_init(&cfg.dbs);
    sset_init(&cfg.remotes);
    the_config = &cfg;
    parse_options(argc, argv, &db_files, &cfg.remotes);

    daemonize_start(false);

    cfg.jsonrpc = ovsdb_jsonrpc_server_create();

    json = json_from_string(server_schema_json);
    error = ovsdb_schema_from_json(json, &server_schema);
    json_destroy(json);
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
    cfg.server_db = server_db_create(&cfg, ovsdb_create(server_schema),
                                     NULL, NULL);
    ovsdb_jsonrpc_server_add_db(cfg.jsonrpc, cfg.server_db->db, NULL, NULL);

    SSET_FOR_EACH (file, &db_files) {
        char *msg = add_db_file(&cfg, file);

        if (msg) {
            ovs_fatal(0, "%s", msg);
        }
    }
    sset_destroy(&db_files);

    if (unixctl_server_create(unixctl_path, &unixctl)) {
        exit(EXIT_FAILURE);
    }
    register_commands(&cfg);

    update_server_db(&cfg);
    reconfigure_remotes(&cfg);
    cfg.dbs_changed = false;
    ovsdb_jsonrpc_server_run(cfg.jsonrpc);

    if (run_command) {
        start_run_command();
    }
    daemonize_complete();
    VLOG_INFO("%s (Open vSwitch) %s", ovs_get_program_name(),
              ovs_get_program_version());

    while (!cfg.exiting) {
        int status;

        unixctl_server_run(unixctl);
        ovsdb_jsonrpc_server_run(cfg.jsonrpc);
        if (cfg.dbs_changed) {
            cfg.dbs_changed = false;
            reconfigure_remotes(&cfg);
            compact_if_needed(&cfg);
        }
        status = check_run_command();
        if (status >= 0) {
            exit_status = status;
            break;
        }

        unixctl_server_wait(unixctl);
        ovsdb_jsonrpc_server_wait(cfg.jsonrpc);
        if (run_pid > 0) {
            poll_timer_wait(100);
        }
        if (cfg.exiting || cfg.dbs_changed) {
            poll_immediate_wake();
        }
        poll_block();
    }

    unixctl_server_destroy(unixctl);
    SHASH_FOR_EACH_SAFE (node, &cfg.dbs) {
        server_db_destroy(&cfg, node->data);
    }
    ovsdb_jsonrpc_server_destroy(cfg.jsonrpc);
    shash_destroy(&cfg.dbs);
    sset_destroy(&cfg.remotes);
    free(cfg.sync_from);
    free(cfg.sync_exclude);
    free(unixctl_path);
    free(run_command);
    return exit_status;
}

/* Command line. */

static void
parse_options(int argc, char *argv[], struct sset *db_files,
              struct sset *remotes)
{
    enum {
        OPT_REMOTE = UCHAR_MAX + 1,
        OPT_UNIXCTL,
        OPT_RUN,
        OPT_BOOTSTRAP_CA_CERT,
        OPT_PEER_CA_CERT,
        OPT_SSL_PROTOCOLS,
        OPT_SSL_CIPHERS,
        OPT_SYNC_FROM,
        OPT_SYNC_EXCLUDE,
        OPT_ACTIVE,
        OPT_NO_DBS,
        OPT_FILE_COLUMN_DIFF,
        OPT_RECORD,
        OPT_REPLAY,
        VLOG_OPTION_ENUMS,
        DAEMON_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"remote",      required_argument, NULL, OPT_REMOTE},
        {"unixctl",     required_argument, NULL, OPT_UNIXCTL},
        {"run",         required_argument, NULL, OPT_RUN},
        {"help",        no_argument, NULL, 'h'},
        {"version",     no_argument, NULL, 'V'},
        {"private-key", required_argument, NULL, 'p'},
        {"certificate", required_argument, NULL, 'c'},
        {"ca-cert",     required_argument, NULL, 'C'},
        {"bootstrap-ca-cert", required_argument, NULL, OPT_BOOTSTRAP_CA_CERT},
        {"peer-ca-cert", required_argument, NULL, OPT_PEER_CA_CERT},
        {"ssl-protocols", required_argument, NULL, OPT_SSL_PROTOCOLS},
        {"ssl-ciphers", required_argument, NULL, OPT_SSL_CIPHERS},
        {"sync-from",   required_argument, NULL, OPT_SYNC_FROM},
        {"sync-exclude-tables", required_argument, NULL, OPT_SYNC_EXCLUDE},
        {"active",      no_argument, NULL, OPT_ACTIVE},
        {"no-dbs",      no_argument, NULL, OPT_NO_DBS},
        {"disable-file-column-diff", no_argument, NULL,
         OPT_FILE_COLUMN_DIFF},
        {"record",      optional_argument, NULL, OPT_RECORD},
        {"replay",      optional_argument, NULL, OPT_REPLAY},
        VLOG_LONG_OPTIONS,
        DAEMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    bool no_dbs = false;
    int i;

    for (;;) {
        int c = getopt_long(argc, argv, "hVv::p:c:C:", long_options, NULL);

        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_REMOTE:
            sset_add(remotes, optarg);
            break;

        case OPT_UNIXCTL:
            free(unixctl_path);
            unixctl_path = xstrdup(optarg);
            break;

        case OPT_RUN:
            free(run_command);
            run_command = xstrdup(optarg);
            break;

        case 'h':
            usage();

        case 'V':
            ovs_print_version();
            exit(EXIT_SUCCESS);

        case 'p':
        case 'c':
        case 'C':
        case OPT_BOOTSTRAP_CA_CERT:
        case OPT_PEER_CA_CERT:
        case OPT_SSL_PROTOCOLS:
        case OPT_SSL_CIPHERS:
            /* SSL is not built in: "ssl:" and "pssl:" remotes fail when
             * they are opened, so their settings have no use. */
            break;

        case OPT_SYNC_FROM:
        case OPT_SYNC_EXCLUDE:
        case OPT_ACTIVE:
        case OPT_FILE_COLUMN_DIFF:
        case OPT_RECORD:
        case OPT_REPLAY:
            break;

        case OPT_NO_DBS:
            no_dbs = true;
            break;

        VLOG_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }

    for (i = optind; i < argc; i++) {
        sset_add(db_files, argv[i]);
    }
    if (sset_is_empty(db_files) && !no_dbs) {
        char *def = xasprintf("%s/conf.db", ovs_dbdir());

        sset_add(db_files, def);
        free(def);
    }
}

static void
usage(void)
{
    printf("%s: Open vSwitch database server\n"
           "usage: %s [OPTIONS] [DATABASE...]\n"
           "where each DATABASE is a database file in ovsdb format.\n"
           "The default DATABASE, if none is given, is\n%s/conf.db.\n",
           ovs_get_program_name(), ovs_get_program_name(), ovs_dbdir());
    printf("\nJSON-RPC options (may be specified any number of times):\n"
           "  --remote=REMOTE         connect or listen to REMOTE\n");
    printf("\nActive JSON-RPC connection methods:\n"
           "  tcp:HOST:PORT           PORT at remote HOST\n"
           "  ssl:HOST:PORT           SSL PORT at remote HOST\n"
           "  unix:FILE               Unix domain socket named FILE\n"
           "Passive JSON-RPC connection methods:\n"
           "  ptcp:PORT[:IP]          listen to TCP PORT on IP\n"
           "  pssl:PORT[:IP]          listen for SSL on PORT on IP\n"
           "  punix:FILE              listen on Unix domain socket FILE\n");
    daemon_usage();
    vlog_usage();
    printf("\nOther options:\n"
           "  --run COMMAND           run COMMAND as subprocess then exit\n"
           "  --unixctl=SOCKET        override default control socket name\n"
           "  -h, --help              display this help message\n"
           "  -V, --version           display version information\n");
    exit(EXIT_SUCCESS);
}

/* Unixctl commands. */

static void
cmd_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
         const char *argv[] OVS_UNUSED, void *cfg_)
{
    struct server_config *cfg = cfg_;

    cfg->exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
cmd_compact(struct unixctl_conn *conn, int argc, const char *argv[],
            void *cfg_)
{
    struct server_config *cfg = cfg_;
    struct shash_node *node;

    if (argc > 1) {
        struct server_db *sdb = shash_find_data(&cfg->dbs, argv[1]);

        if (!sdb) {
            unixctl_command_reply_error(conn, "no database by that name");
            return;
        } else if (!sdb->filename) {
            unixctl_command_reply_error(conn,
                                        "cannot compact built-in databases");
            return;
        }
    }
    SHASH_FOR_EACH (node, &cfg->dbs) {
        struct server_db *sdb = node->data;

        if (sdb->file && (argc < 2 || !strcmp(argv[1], node->name))) {
            struct ovsdb_error *error;

            VLOG_INFO("compacting %s database by user request", node->name);
            error = ovsdb_file_compact(sdb->file,
                                       "compacting database online");
            if (error) {
                char *s = ovsdb_error_to_string_free(error);

                unixctl_command_reply_error(conn, s);
                free(s);
                return;
            }
        }
    }
    unixctl_command_reply(conn, NULL);
}

static void
cmd_reconnect(struct unixctl_conn *conn, int argc OVS_UNUSED,
              const char *argv[] OVS_UNUSED, void *cfg_)
{
    struct server_config *cfg = cfg_;

    ovsdb_jsonrpc_server_reconnect(cfg->jsonrpc);
    unixctl_command_reply(conn, NULL);
}

static void
cmd_add_remote(struct unixctl_conn *conn, int argc OVS_UNUSED,
               const char *argv[], void *cfg_)
{
    struct server_config *cfg = cfg_;
    const char *remote = argv[1];

    if (!strncmp(remote, "db:", 3)) {
        const struct server_db *sdb;
        const struct ovsdb_table *table;
        const struct ovsdb_column *column;
        char *error = parse_db_remote(cfg, remote, &sdb, &table, &column);

        if (error) {
            unixctl_command_reply_error(conn, error);
            free(error);
            return;
        }
    }
    sset_add(&cfg->remotes, remote);
    reconfigure_remotes(cfg);
    unixctl_command_reply(conn, NULL);
}

static void
cmd_remove_remote(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[], void *cfg_)
{
    struct server_config *cfg = cfg_;

    if (!sset_find_and_delete(&cfg->remotes, argv[1])) {
        unixctl_command_reply_error(conn, "no such remote");
        return;
    }
    reconfigure_remotes(cfg);
    unixctl_command_reply(conn, NULL);
}

static void
cmd_list_remotes(struct unixctl_conn *conn, int argc OVS_UNUSED,
                 const char *argv[] OVS_UNUSED, void *cfg_)
{
    struct server_config *cfg = cfg_;
    const char **list = sset_sort(&cfg->remotes);
    struct ds s = DS_EMPTY_INITIALIZER;
    size_t i;

    for (i = 0; i < sset_count(&cfg->remotes); i++) {
        ds_put_format(&s, "%s\n", list[i]);
    }
    free(list);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
cmd_add_db(struct unixctl_conn *conn, int argc OVS_UNUSED,
           const char *argv[], void *cfg_)
{
    struct server_config *cfg = cfg_;
    char *error = add_db_file(cfg, argv[1]);

    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
        return;
    }
    update_server_db(cfg);
    unixctl_command_reply(conn, NULL);
}

static void
cmd_remove_db(struct unixctl_conn *conn, int argc OVS_UNUSED,
              const char *argv[], void *cfg_)
{
    struct server_config *cfg = cfg_;
    struct server_db *sdb = shash_find_data(&cfg->dbs, argv[1]);

    if (!sdb) {
        unixctl_command_reply_error(conn, "Failed to find the database.");
        return;
    } else if (!sdb->filename) {
        unixctl_command_reply_error(conn, "Cannot remove reserved "
                                    "database.");
        return;
    }
    server_db_destroy(cfg, sdb);
    update_server_db(cfg);
    unixctl_command_reply(conn, NULL);
}

static void
cmd_list_dbs(struct unixctl_conn *conn, int argc OVS_UNUSED,
             const char *argv[] OVS_UNUSED, void *cfg_)
{
    struct server_config *cfg = cfg_;
    const struct shash_node **nodes = shash_sort(&cfg->dbs);
    struct ds s = DS_EMPTY_INITIALIZER;
    size_t i;

    for (i = 0; i < shash_count(&cfg->dbs); i++) {
        ds_put_format(&s, "%s\n", nodes[i]->name);
    }
    free(nodes);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
cmd_memory_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[] OVS_UNUSED, void *cfg_)
{
    struct server_config *cfg = cfg_;
    unsigned long long int atoms = 0, cells = 0;
    unsigned int n_sessions, n_monitors;
    struct shash_node *node;
    struct ds s = DS_EMPTY_INITIALIZER;

    SHASH_FOR_EACH (node, &cfg->dbs) {
        struct server_db *sdb = node->data;
        struct shash_node *tnode;

        SHASH_FOR_EACH (tnode, &sdb->db->tables) {
            const struct ovsdb_table *table = tnode->data;
            const struct ovsdb_table_schema *ts = table->schema;
            const struct ovsdb_row *row;

            cells += (unsigned long long int) hmap_count(&table->rows)
                     * ts->n_columns;
            HMAP_FOR_EACH (row, hmap_node, &table->rows) {
                size_t i;

                for (i = 0; i < ts->n_columns; i++) {
                    const struct ovsdb_datum *d = &row->fields[i];

                    atoms += d->n;
                    if (ts->by_index[i]->type.value.type
                        != OVSDB_TYPE_VOID) {
                        atoms += d->n;
                    }
                }
            }
        }
    }
    ovsdb_jsonrpc_server_get_memory_usage(cfg->jsonrpc, &n_sessions,
                                          &n_monitors);
    ds_put_format(&s, "atoms:%llu cells:%llu monitors:%u n-weak-refs:0",
                  atoms, cells, n_monitors);
    if (n_sessions) {
        ds_put_format(&s, " sessions:%u", n_sessions);
    }
    ds_put_char(&s, '\n');
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
cmd_get_db_storage_status(struct unixctl_conn *conn, int argc OVS_UNUSED,
                          const char *argv[], void *cfg_)
{
    struct server_config *cfg = cfg_;

    if (!shash_find(&cfg->dbs, argv[1])) {
        unixctl_command_reply_error(conn, "Failed to find the database.");
    } else {
        unixctl_command_reply(conn, "status: ok");
    }
}

static void
cmd_memory_trim(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[], void *cfg_)
{
    struct server_config *cfg = cfg_;

    if (!strcmp(argv[1], "on")) {
        cfg->trim_memory = true;
    } else if (!strcmp(argv[1], "off")) {
        cfg->trim_memory = false;
    } else {
        unixctl_command_reply_error(conn, "invalid argument");
        return;
    }
    VLOG_INFO("memory trimming after compaction %s.",
              cfg->trim_memory ? "enabled" : "disabled");
    unixctl_command_reply(conn, NULL);
}

static void
cmd_tlog_set(struct unixctl_conn *conn, int argc OVS_UNUSED,
             const char *argv[], void *cfg_)
{
    struct server_config *cfg = cfg_;
    const char *colon = strchr(argv[1], ':');
    struct server_db *sdb;
    char *db_name;
    bool on;

    if (!colon) {
        unixctl_command_reply_error(conn, "invalid DB:TABLE argument");
        return;
    }
    if (!strcmp(argv[2], "on")) {
        on = true;
    } else if (!strcmp(argv[2], "off")) {
        on = false;
    } else {
        unixctl_command_reply_error(conn, "invalid command argument");
        return;
    }
    db_name = xmemdup0(argv[1], colon - argv[1]);
    sdb = shash_find_data(&cfg->dbs, db_name);
    free(db_name);
    if (!sdb) {
        unixctl_command_reply_error(conn, "no such database");
        return;
    } else if (!ovsdb_get_table(sdb->db, colon + 1)) {
        unixctl_command_reply_error(conn, "no such table");
        return;
    }
    if (on) {
        sset_add(&sdb->tlog_tables, colon + 1);
    } else {
        sset_find_and_delete(&sdb->tlog_tables, colon + 1);
    }
    unixctl_command_reply(conn, NULL);
}

static void
cmd_tlog_list(struct unixctl_conn *conn, int argc OVS_UNUSED,
              const char *argv[] OVS_UNUSED, void *cfg_)
{
    struct server_config *cfg = cfg_;
    const struct shash_node **dbs = shash_sort(&cfg->dbs);
    struct ds s = DS_EMPTY_INITIALIZER;
    size_t i, j;

    ds_put_cstr(&s, "database        table                       logging\n");
    ds_put_cstr(&s, "--------        -----                       -------\n");
    for (i = 0; i < shash_count(&cfg->dbs); i++) {
        struct server_db *sdb = dbs[i]->data;
        const struct shash_node **tables = shash_sort(&sdb->db->tables);

        ds_put_format(&s, "%-16s \n", dbs[i]->name);
        for (j = 0; j < shash_count(&sdb->db->tables); j++) {
            ds_put_format(&s, "                %-27s %s\n", tables[j]->name,
                          sset_contains(&sdb->tlog_tables, tables[j]->name)
                          ? "ON" : "OFF");
        }
        free(tables);
    }
    free(dbs);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
cmd_perf_counters_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                       const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    unixctl_command_reply(conn, "performance counter is not supported on "
                          "this platform");
}

static void
cmd_reply_empty(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    unixctl_command_reply(conn, NULL);
}

static void
cmd_sync_status(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    unixctl_command_reply(conn, "state: active");
}

static void
cmd_set_active(struct unixctl_conn *conn, int argc OVS_UNUSED,
               const char *argv[], void *cfg_)
{
    struct server_config *cfg = cfg_;

    free(cfg->sync_from);
    cfg->sync_from = xstrdup(argv[1]);
    unixctl_command_reply(conn, NULL);
}

static void
cmd_get_active(struct unixctl_conn *conn, int argc OVS_UNUSED,
               const char *argv[] OVS_UNUSED, void *cfg_)
{
    struct server_config *cfg = cfg_;

    unixctl_command_reply(conn, cfg->sync_from ? cfg->sync_from : "");
}

static void
cmd_connect_active(struct unixctl_conn *conn, int argc OVS_UNUSED,
                   const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    unixctl_command_reply_error(conn, "replication is not supported by "
                                "this ovsdb-server");
}

static void
cmd_set_sync_exclude(struct unixctl_conn *conn, int argc,
                     const char *argv[], void *cfg_)
{
    struct server_config *cfg = cfg_;

    free(cfg->sync_exclude);
    cfg->sync_exclude = argc > 1 ? xstrdup(argv[1]) : NULL;
    unixctl_command_reply(conn, NULL);
}

static void
cmd_get_sync_exclude(struct unixctl_conn *conn, int argc OVS_UNUSED,
                     const char *argv[] OVS_UNUSED, void *cfg_)
{
    struct server_config *cfg = cfg_;
    char *s = xasprintf("%s%s", cfg->sync_exclude ? cfg->sync_exclude : "",
                        cfg->sync_exclude ? "\n" : "");

    unixctl_command_reply(conn, s);
    free(s);
}

static void
register_commands(struct server_config *cfg)
{
    static const struct {
        const char *name;
        const char *usage;
        int min_args, max_args;
        unixctl_cb_func *cb;
    } commands[] = {
        { "exit", "", 0, 0, cmd_exit },
        { "memory/show", "", 0, 0, cmd_memory_show },
        { "ovsdb-server/add-db", "DB", 1, 1, cmd_add_db },
        { "ovsdb-server/add-remote", "REMOTE", 1, 1, cmd_add_remote },
        { "ovsdb-server/compact", "", 0, 1, cmd_compact },
        { "ovsdb-server/connect-active-ovsdb-server", "", 0, 0,
          cmd_connect_active },
        { "ovsdb-server/disable-monitor-cond", "", 0, 0, cmd_reply_empty },
        { "ovsdb-server/disconnect-active-ovsdb-server", "", 0, 0,
          cmd_reply_empty },
        { "ovsdb-server/get-active-ovsdb-server", "", 0, 0,
          cmd_get_active },
        { "ovsdb-server/get-db-storage-status", "DB", 1, 1,
          cmd_get_db_storage_status },
        { "ovsdb-server/get-sync-exclude-tables", "", 0, 0,
          cmd_get_sync_exclude },
        { "ovsdb-server/list-dbs", "", 0, 0, cmd_list_dbs },
        { "ovsdb-server/list-remotes", "", 0, 0, cmd_list_remotes },
        { "ovsdb-server/memory-trim-on-compaction", "on|off", 1, 1,
          cmd_memory_trim },
        { "ovsdb-server/perf-counters-clear", "", 0, 0, cmd_reply_empty },
        { "ovsdb-server/perf-counters-show", "", 0, 0,
          cmd_perf_counters_show },
        { "ovsdb-server/reconnect", "", 0, 0, cmd_reconnect },
        { "ovsdb-server/remove-db", "DB", 1, 1, cmd_remove_db },
        { "ovsdb-server/remove-remote", "REMOTE", 1, 1, cmd_remove_remote },
        { "ovsdb-server/set-active-ovsdb-server", "", 1, 1,
          cmd_set_active },
        { "ovsdb-server/set-active-ovsdb-server-probe-interval", "", 1, 1,
          cmd_reply_empty },
        { "ovsdb-server/set-sync-exclude-tables", "", 0, 1,
          cmd_set_sync_exclude },
        { "ovsdb-server/sync-status", "", 0, 0, cmd_sync_status },
        { "ovsdb-server/tlog-list", "", 0, 0, cmd_tlog_list },
        { "ovsdb-server/tlog-set", "DB:TABLE on|off", 2, 2, cmd_tlog_set },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(commands); i++) {
        unixctl_command_register(commands[i].name, commands[i].usage,
                                 commands[i].min_args, commands[i].max_args,
                                 commands[i].cb, cfg);
    }
}
