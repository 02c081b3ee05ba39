/* db-ctl-base.h: the generic half of ovs-vsctl-like tools: command-line
 * commands that run as one OVSDB transaction, and the database commands
 * every such tool shares (list, find, get, set, add, remove, clear,
 * create, destroy, wait-until, comment).
 *
 * The problem.  ovs-vsctl and vtep-ctl (and others like them) take a
 * command line such as
 *
 *     tool [global options] [--] [--opt] cmd arg... [-- [--opt] cmd arg...]
 *
 * and run all the commands against an IDL replica in one atomic
 * transaction.  Only the "high-level" commands (add-br, add-ps, ...)
 * differ between tools; the syntax of records, columns and values, the
 * database commands and their error texts are the same.
 *
 * How a tool uses this module.
 *
 *   1. ctl_init() with the IDL class, the tool's table of record-naming
 *      rules (struct ctl_table_class, one per table: which columns name a
 *      row, as "br0" names a Bridge) and an exit hook; then
 *      ctl_register_commands() with the tool's own command table.
 *   2. ctl_parse_commands() splits the command line into struct
 *      ctl_command, checking names, argument counts and per-command
 *      options (errors are fatal before anything connects).
 *   3. For each command, its 'prerequisites' callback tells the IDL which
 *      columns it needs (ctl_context_init_command() then the callback),
 *      so a tool replicates only what its commands touch.
 *   4. Once the replica is complete, the tool opens a transaction and
 *      calls each command's 'run' with a struct ctl_context; 'run' reads
 *      the replica, writes through the transaction, appends text to
 *      ctx->output or fills ctx->table, and may set ctx->try_again
 *      (wait-until) to ask for another attempt after the next change.
 *   5. After a successful commit, each 'postprocess' runs (for example to
 *      print the real UUID of a row that "create" inserted).
 *
 * Errors.  ctl_fatal() prints "PROGRAM: message" on stderr, calls the
 * tool's exit hook (which aborts the transaction and frees the IDL) and
 * exits with status 1, as upstream does for every command error.
 *
 * Records are named by UUID (or a unique prefix of at least 4 hex
 * digits), by "@name" from an earlier --id=@name, by the table's naming
 * columns (struct ctl_row_id), or as "." in a table that holds exactly
 * one row reachable that way. */
#ifndef DB_CTL_BASE_H
#define DB_CTL_BASE_H 1

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"
#include "dynamic-string.h"
#include "shash.h"

struct option;

struct ovsdb_idl;
struct ovsdb_idl_class;
struct ovsdb_idl_column;
struct ovsdb_idl_row;
struct ovsdb_idl_table_class;
struct ovsdb_idl_txn;
struct ovsdb_symbol_table;
struct table;
struct ctl_context;

/* Does a command only read (RO) or may it write (RW)? */
enum ctl_command_mode {
    CTL_RO,
    CTL_RW
};

struct ctl_command_syntax {
    const char *name;           /* e.g. "add-br". */
    int min_args;               /* Minimum number of arguments. */
    int max_args;               /* Maximum number, or INT_MAX. */
    const char *arguments;      /* Argument summary for --help. */
    /* Adds the columns the command needs to the IDL (may be NULL). */
    void (*prerequisites)(struct ctl_context *);
    /* Does the work inside the open transaction. */
    void (*run)(struct ctl_context *);
    /* Runs after a successful commit (may be NULL). */
    void (*postprocess)(struct ctl_context *);
    /* Comma-separated options the command accepts, e.g. "--if-exists";
     * "--id=" means the option takes a value. */
    const char *options;
    enum ctl_command_mode mode;
};

/* One command of a command line. */
struct ctl_command {
    const struct ctl_command_syntax *syntax;
    int argc;
    char **argv;                /* argv[0] is the command name. */
    struct shash options;       /* Option name to value (or NULL). */
    struct ds output;           /* Text output. */
    struct table *table;        /* Table output, or NULL. */
};

/* The state a command's callbacks see. */
struct ctl_context {
    int argc;
    char **argv;
    struct shash options;
    struct ds output;
    struct table *table;

    struct ovsdb_idl *idl;
    struct ovsdb_idl_txn *txn;  /* NULL in 'prerequisites'. */
    struct ovsdb_symbol_table *symtab;
    bool try_again;             /* Set by 'run' to retry after a change. */
    /* Called before the database commands change the database, so that a
     * tool can drop caches built from the replica (may be NULL). */
    void (*invalidate_cache_cb)(struct ctl_context *);
};

/* How records of a table are named on the command line.  A name N finds
 * the row of 'table' whose 'name_column' (string, or the map 'name_column'
 * at 'key' if 'key' is nonnull) equals N; then, if 'uuid_column' is
 * nonnull, the one row that column of that row refers to. */
struct ctl_row_id {
    const struct ovsdb_idl_table_class *table;
    const struct ovsdb_idl_column *name_column; /* NULL: the only row. */
    const struct ovsdb_idl_column *uuid_column;
    const char *key;
};

struct ctl_table_class {
    const struct ovsdb_idl_table_class *class;
    struct ctl_row_id row_ids[4];
};

/* Setup. */
void ctl_init(const struct ovsdb_idl_class *,
              const struct ctl_table_class *tables,
              void (*exit_hook)(void));
void ctl_register_commands(const struct ctl_command_syntax *);
const struct shash *ctl_get_all_commands(void);

/* Parses ARGV (the commands part of the command line, after the global
 * options).  LOCAL_OPTIONS holds options that came before the first
 * command among the global options; it is emptied.  Fatal on error. */
struct ctl_command *ctl_parse_commands(int argc, char *argv[],
                                       struct shash *local_options,
                                       size_t *n_commands);
void ctl_commands_destroy(struct ctl_command *, size_t n);
/* Adds every long option of every registered command, as getopt_long()
 * entries with flag OPT_LOCAL_VAL, to OPTIONS (a malloc'd array of N
 * entries followed by a zero terminator); used by tools' parsers. */
void ctl_add_cmd_options(struct option **options, size_t *n_options,
                         size_t *allocated, int opt_val);
/* Records global-argument option NAME (with VALUE or NULL) for the first
 * command.  Fatal if given twice. */
void ctl_add_local_option(struct shash *local_options, const char *name,
                          const char *value);
/* Joins ARGV into one string as upstream's log and comments show it. */
char *ctl_process_args(int argc, char *argv[]);

void ctl_context_init_command(struct ctl_context *, struct ctl_command *);
void ctl_context_init(struct ctl_context *, struct ctl_command *,
                      struct ovsdb_idl *, struct ovsdb_idl_txn *,
                      struct ovsdb_symbol_table *,
                      void (*invalidate_cache_cb)(struct ctl_context *));
/* Moves the context's output back into COMMAND and frees the rest. */
void ctl_context_done_command(struct ctl_context *, struct ctl_command *);
void ctl_context_done(struct ctl_context *, struct ctl_command *);

/* Errors. */
void ctl_fatal(const char *, ...) OVS_PRINTF_FORMAT(1, 2) OVS_NO_RETURN;

/* Lookups, for tools' own commands. */
const struct ovsdb_idl_table_class *ctl_get_table(const char *name);
const struct ovsdb_idl_row *ctl_get_row(struct ctl_context *,
                                        const struct ovsdb_idl_table_class *,
                                        const char *record_id,
                                        bool must_exist);
/* Adds to the IDL the columns that name rows of TABLE (for ctl_get_row()
 * in a command's 'run'), and the table itself. */
void ctl_pre_table(struct ctl_context *,
                   const struct ovsdb_idl_table_class *);
/* Sets a column of ROW from "column[:key]=value" ARG, as "set" does. */
void ctl_set_column(struct ctl_context *,
                    const struct ovsdb_idl_table_class *,
                    const struct ovsdb_idl_row *, const char *arg);

/* Prints, for --help, how the database commands can name a record of
 * each table (by UUID, by a naming column, "via" a column of another
 * table, or as "."), tables in strcmp() order, as upstream's tools do. */
void ctl_print_record_names(void);

/* The database commands' syntax table (registered by ctl_init()). */
extern const struct ctl_command_syntax ctl_db_commands[];

#endif /* db-ctl-base.h */
