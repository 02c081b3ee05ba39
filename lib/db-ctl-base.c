/* db-ctl-base.c: command-line parsing, record lookup and the generic
 * database commands of ovs-vsctl-like tools (see db-ctl-base.h). */
#include <config.h>
#include "db-ctl-base.h"

#include <ctype.h>
#include <inttypes.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"
#include "ovsdb-data.h"
#include "ovsdb-idl.h"
#include "ovsdb-idl-provider.h"
#include "sset.h"
#include "svec.h"
#include "table-format.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(db_ctl_base);

static const struct ovsdb_idl_class *idl_class;
static const struct ctl_table_class *ctl_tables; /* 'n_tables' entries. */
static void (*ctl_exit_hook)(void);
static struct shash all_commands = SHASH_INITIALIZER(&all_commands);

/* The _uuid pseudo-column, which every table has but the IDL class does
 * not list. */
static const struct ovsdb_idl_column uuid_column = {
    .name = "_uuid",
    .type = {
        .key = { .type = OVSDB_TYPE_UUID },
        .value = { .type = OVSDB_TYPE_VOID },
        .n_min = 1,
        .n_max = 1,
    },
};

void
ctl_fatal(const char *format, ...)
{
    va_list args;
    char *message;

    va_start(args, format);
    message = xvasprintf(format, args);
    va_end(args);

    fprintf(stderr, "%s: %s\n", ovs_get_program_name(), message);
    free(message);
    if (ctl_exit_hook) {
        ctl_exit_hook();
    }
    exit(EXIT_FAILURE);
}

void
ctl_init(const struct ovsdb_idl_class *class,
         const struct ctl_table_class *tables, void (*exit_hook)(void))
{
    idl_class = class;
    ctl_tables = tables;
    ctl_exit_hook = exit_hook;
    ctl_register_commands(ctl_db_commands);
}

void
ctl_register_commands(const struct ctl_command_syntax *commands)
{
    for (const struct ctl_command_syntax *p = commands; p->name; p++) {
        shash_add_assert(&all_commands, p->name, p);
    }
}

const struct shash *
ctl_get_all_commands(void)
{
    return &all_commands;
}

/* Command-line parsing. */

/* Finds option NAME (e.g. "--if-exists") in SYNTAX's option list; returns
 * 0 if absent, 1 if it takes no value, 2 if it takes one. */
static int
find_syntax_option(const struct ctl_command_syntax *syntax, const char *name)
{
    size_t len = strlen(name);
    const char *p = syntax->options;

    while (p && *p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t) (end - p) : strlen(p);
        bool has_arg = n > 0 && p[n - 1] == '=';
        size_t name_len = has_arg ? n - 1 : n;

        if (name_len == len && !strncmp(p, name, len)) {
            return has_arg ? 2 : 1;
        }
        p = end ? end + 1 : NULL;
    }
    return 0;
}

void
ctl_add_local_option(struct shash *local_options, const char *name,
                     const char *value)
{
    char *old = shash_replace(local_options, name,
                              value ? xstrdup(value) : NULL);
    free(old);
}

void
ctl_add_cmd_options(struct option **optionsp, size_t *n_options,
                    size_t *allocated, int opt_val)
{
    struct sset names = SSET_INITIALIZER(&names);
    struct shash_node *node;

    SHASH_FOR_EACH (node, &all_commands) {
        const struct ctl_command_syntax *p = node->data;
        const char *s = p->options;

        while (s && *s) {
            const char *end = strchr(s, ',');
            size_t n = end ? (size_t) (end - s) : strlen(s);
            char *opt = xmemdup0(s, n);
            bool has_arg = n && opt[n - 1] == '=';

            if (has_arg) {
                opt[n - 1] = '\0';
            }
            if (!strncmp(opt, "--", 2) && sset_add(&names, opt)) {
                if (*n_options + 1 >= *allocated) {
                    *optionsp = x2nrealloc(*optionsp, allocated,
                                           sizeof **optionsp);
                }
                struct option *o = &(*optionsp)[(*n_options)++];
                o->name = xstrdup(opt + 2);
                o->has_arg = has_arg ? required_argument : no_argument;
                o->flag = NULL;
                o->val = opt_val;
                memset(&(*optionsp)[*n_options], 0, sizeof **optionsp);
            }
            free(opt);
            s = end ? end + 1 : NULL;
        }
    }
    sset_destroy(&names);
}

static void
parse_command(int argc, char *argv[], struct shash *local_options,
              struct ctl_command *command)
{
    int i;

    shash_init(&command->options);
    shash_swap(local_options, &command->options);
    for (i = 0; i < argc; i++) {
        const char *option = argv[i];
        const char *equals;
        char *key, *value;

        if (option[0] != '-') {
            break;
        }
        equals = strchr(option, '=');
        if (equals) {
            key = xmemdup0(option, equals - option);
            value = xstrdup(equals + 1);
        } else {
            key = xstrdup(option);
            value = NULL;
        }
        if (shash_find(&command->options, key)) {
            /* Upstream accepts a repeated option; the last value wins. */
            free(shash_replace(&command->options, key, value));
            free(key);
        } else {
            shash_add_nocopy(&command->options, key, value);
        }
    }
    if (i == argc) {
        ctl_fatal("missing command name (use --help for help)");
    }

    const struct ctl_command_syntax *p = shash_find_data(&all_commands,
                                                         argv[i]);
    if (!p) {
        ctl_fatal("unknown command '%s'; use --help for help", argv[i]);
    }

    struct shash_node *node;
    SHASH_FOR_EACH (node, &command->options) {
        int kind = find_syntax_option(p, node->name);
        if (!kind) {
            ctl_fatal("'%s' command has no '%s' option",
                      argv[i], node->name);
        }
        if (kind == 2 && !node->data) {
            ctl_fatal("missing argument to '%s' option on '%s' command",
                      node->name, argv[i]);
        }
        if (kind == 1 && node->data) {
            ctl_fatal("'%s' option on '%s' does not accept an argument",
                      node->name, argv[i]);
        }
    }

    int n_arg = argc - i - 1;
    if (n_arg < p->min_args) {
        ctl_fatal("'%s' command requires at least %d arguments",
                  p->name, p->min_args);
    } else if (n_arg > p->max_args) {
        int j;
        for (j = i + 1; j < argc; j++) {
            if (argv[j][0] == '-') {
                ctl_fatal("'%s' command takes at most %d arguments "
                          "(note that options must precede command "
                          "names and follow a \"--\" argument)",
                          p->name, p->max_args);
            }
        }
        ctl_fatal("'%s' command takes at most %d arguments",
                  p->name, p->max_args);
    }
    command->syntax = p;
    command->argc = n_arg + 1;
    command->argv = &argv[i];
    ds_init(&command->output);
    command->table = NULL;
}

struct ctl_command *
ctl_parse_commands(int argc, char *argv[], struct shash *local_options,
                   size_t *n_commandsp)
{
    struct ctl_command *commands = NULL;
    size_t n_commands = 0, allocated = 0;
    int start = 0;

    for (int i = 0; i <= argc; i++) {
        if (i == argc || !strcmp(argv[i], "--")) {
            if (i > start) {
                if (n_commands >= allocated) {
                    commands = x2nrealloc(commands, &allocated,
                                          sizeof *commands);
                }
                parse_command(i - start, &argv[start], local_options,
                              &commands[n_commands++]);
            } else if (!shash_is_empty(local_options)) {
                ctl_fatal("missing command name (use --help for help)");
            }
            start = i + 1;
        }
    }
    if (!n_commands) {
        ctl_fatal("missing command name (use --help for help)");
    }
    *n_commandsp = n_commands;
    return commands;
}

void
ctl_commands_destroy(struct ctl_command *commands, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct ctl_command *c = &commands[i];
        shash_destroy_free_data(&c->options);
        ds_destroy(&c->output);
        if (c->table) {
            table_destroy(c->table);
            free(c->table);
        }
    }
    free(commands);
}

char *
ctl_process_args(int argc, char *argv[])
{
    struct ds s = DS_EMPTY_INITIALIZER;

    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (i) {
            ds_put_char(&s, ' ');
        }
        if (arg[strcspn(arg, " \t\"\\'$`")] || !*arg) {
            ds_put_char(&s, '"');
            for (const char *p = arg; *p; p++) {
                if (*p == '"' || *p == '\\') {
                    ds_put_char(&s, '\\');
                }
                ds_put_char(&s, *p);
            }
            ds_put_char(&s, '"');
        } else {
            ds_put_cstr(&s, arg);
        }
    }
    return ds_steal_cstr(&s);
}

/* Contexts. */

void
ctl_context_init_command(struct ctl_context *ctx,
                         struct ctl_command *command)
{
    ctx->argc = command->argc;
    ctx->argv = command->argv;
    shash_init(&ctx->options);
    shash_swap(&ctx->options, &command->options);
    ds_swap(&ctx->output, &command->output);
    ctx->table = command->table;
    ctx->try_again = false;
}

void
ctl_context_init(struct ctl_context *ctx, struct ctl_command *command,
                 struct ovsdb_idl *idl, struct ovsdb_idl_txn *txn,
                 struct ovsdb_symbol_table *symtab,
                 void (*invalidate_cache_cb)(struct ctl_context *))
{
    ds_init(&ctx->output);
    if (command) {
        ctl_context_init_command(ctx, command);
    } else {
        ctx->argc = 0;
        ctx->argv = NULL;
        shash_init(&ctx->options);
        ctx->table = NULL;
        ctx->try_again = false;
    }
    ctx->idl = idl;
    ctx->txn = txn;
    ctx->symtab = symtab;
    ctx->invalidate_cache_cb = invalidate_cache_cb;
}

void
ctl_context_done_command(struct ctl_context *ctx,
                         struct ctl_command *command)
{
    ds_swap(&ctx->output, &command->output);
    shash_swap(&ctx->options, &command->options);
    command->table = ctx->table;
    ctx->table = NULL;
}

void
ctl_context_done(struct ctl_context *ctx, struct ctl_command *command)
{
    if (command) {
        ctl_context_done_command(ctx, command);
    }
    shash_destroy_free_data(&ctx->options);
    ds_destroy(&ctx->output);
}

static void
invalidate_cache(struct ctl_context *ctx)
{
    if (ctx->invalidate_cache_cb) {
        ctx->invalidate_cache_cb(ctx);
    }
}

/* Tables, columns and rows. */

static const struct ctl_table_class *
ctl_table_class_of(const struct ovsdb_idl_table_class *table)
{
    return &ctl_tables[table - idl_class->tables];
}

static int
compare_table_names(const void *a_, const void *b_)
{
    const struct ctl_table_class *const *a = a_;
    const struct ctl_table_class *const *b = b_;

    return strcmp((*a)->class->name, (*b)->class->name);
}

void
ctl_print_record_names(void)
{
    size_t n = idl_class->n_tables;
    const struct ctl_table_class **sorted = xmalloc(n * sizeof *sorted);

    for (size_t i = 0; i < n; i++) {
        sorted[i] = &ctl_tables[i];
    }
    qsort(sorted, n, sizeof *sorted, compare_table_names);

    printf("Database commands may reference a row in each table in the "
           "following ways:\n");
    for (size_t i = 0; i < n; i++) {
        const struct ctl_table_class *t = sorted[i];

        printf("  %s:\n    by UUID\n", t->class->name);
        for (size_t j = 0; j < ARRAY_SIZE(t->row_ids); j++) {
            const struct ctl_row_id *id = &t->row_ids[j];

            if (!id->table) {
                break;
            } else if (!id->name_column) {
                printf("    as \".\"\n");
            } else if (!id->uuid_column) {
                printf("    by \"%s\"\n", id->name_column->name);
            } else {
                printf("    via \"%s\" of %s with matching \"%s\"\n",
                       id->uuid_column->name, id->table->name,
                       id->name_column->name);
            }
        }
    }
    free(sorted);
}

/* Compares the first N characters of table or column names A and B as
 * upstream's tools do: ignoring case, with '-' and '_' alike (so
 * "other-config" names other_config and "open-vswitch" Open_vSwitch). */
static int
name_ncmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int ca = a[i] == '-' ? '_' : tolower((unsigned char) a[i]);
        int cb = b[i] == '-' ? '_' : tolower((unsigned char) b[i]);
        if (ca != cb) {
            return ca - cb;
        } else if (!ca) {
            break;
        }
    }
    return 0;
}

static bool
name_equals(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && !name_ncmp(a, b, n);
}

/* True if GIVEN is a prefix of NAME, in name_ncmp()'s terms. */
static bool
name_has_prefix(const char *name, const char *given)
{
    size_t n = strlen(given);
    return n <= strlen(name) && !name_ncmp(name, given, n);
}

const struct ovsdb_idl_table_class *
ctl_get_table(const char *name)
{
    const struct ovsdb_idl_table_class *best = NULL;
    struct svec matches = SVEC_EMPTY_INITIALIZER;

    for (size_t i = 0; i < idl_class->n_tables; i++) {
        const struct ovsdb_idl_table_class *t = &idl_class->tables[i];
        if (name_equals(t->name, name)) {
            svec_destroy(&matches);
            return t;
        }
        if (name_has_prefix(t->name, name)) {
            svec_add(&matches, t->name);
            best = t;
        }
    }
    if (matches.n == 1) {
        svec_destroy(&matches);
        return best;
    } else if (matches.n > 1) {
        svec_sort(&matches);
        char *list = svec_join(&matches, ", ", "");
        ctl_fatal("\"%s\" matches multiple table names: %s", name, list);
    }
    ctl_fatal("unknown table \"%s\"", name);
}

static const struct ovsdb_idl_column *
get_column(const struct ovsdb_idl_table_class *table, const char *name)
{
    const struct ovsdb_idl_column *best = NULL;
    struct svec matches = SVEC_EMPTY_INITIALIZER;

    if (!strcasecmp(name, "_uuid")) {
        return &uuid_column;
    }
    for (size_t i = 0; i < table->n_columns; i++) {
        const struct ovsdb_idl_column *c = &table->columns[i];
        if (name_equals(c->name, name)) {
            svec_destroy(&matches);
            return c;
        }
        if (name_has_prefix(c->name, name)) {
            svec_add(&matches, c->name);
            best = c;
        }
    }
    if (matches.n == 1) {
        svec_destroy(&matches);
        return best;
    } else if (matches.n > 1) {
        svec_sort(&matches);
        char *list = svec_join(&matches, ", ", "");
        ctl_fatal("%s contains more than one column whose name matches "
                  "\"%s\": %s", table->name, name, list);
    }
    ctl_fatal("%s does not contain a column whose name matches \"%s\"",
              table->name, name);
}

static void
pre_add_column(struct ctl_context *ctx,
               const struct ovsdb_idl_column *column)
{
    if (column != &uuid_column) {
        ovsdb_idl_add_column(ctx->idl, column);
    }
}

void
ctl_pre_table(struct ctl_context *ctx,
              const struct ovsdb_idl_table_class *table)
{
    const struct ctl_table_class *ctl = ctl_table_class_of(table);

    ovsdb_idl_add_table(ctx->idl, table);
    for (size_t i = 0; i < ARRAY_SIZE(ctl->row_ids); i++) {
        const struct ctl_row_id *id = &ctl->row_ids[i];
        if (id->table) {
            ovsdb_idl_add_table(ctx->idl, id->table);
        }
        if (id->name_column) {
            ovsdb_idl_add_column(ctx->idl, id->name_column);
        }
        if (id->uuid_column) {
            ovsdb_idl_add_column(ctx->idl, id->uuid_column);
        }
    }
}

/* Adds TABLE with every column. */
static void
pre_whole_table(struct ctl_context *ctx,
                const struct ovsdb_idl_table_class *table)
{
    ctl_pre_table(ctx, table);
    for (size_t i = 0; i < table->n_columns; i++) {
        ovsdb_idl_add_column(ctx->idl, &table->columns[i]);
    }
}

static const struct ovsdb_idl_row *
get_row_by_id(struct ctl_context *ctx,
              const struct ovsdb_idl_table_class *table,
              const struct ctl_row_id *id, const char *record_id)
{
    const struct ovsdb_idl_row *referrer = NULL;

    if (!id->table) {
        return NULL;
    }
    if (!id->name_column) {
        if (strcmp(record_id, ".")) {
            return NULL;
        }
        referrer = ovsdb_idl_first_row(ctx->idl, id->table);
        if (!referrer || ovsdb_idl_next_row(referrer)) {
            return NULL;
        }
    } else {
        const struct ovsdb_idl_row *row;
        for (row = ovsdb_idl_first_row(ctx->idl, id->table); row;
             row = ovsdb_idl_next_row(row)) {
            const struct ovsdb_datum *name = ovsdb_idl_read(
                row, id->name_column);
            bool match = false;

            if (id->key) {
                union ovsdb_atom key;
                key.string = (char *) id->key;
                unsigned int idx = ovsdb_datum_find_key(name, &key,
                                                        OVSDB_TYPE_STRING);
                match = (idx != UINT_MAX
                         && !strcmp(name->values[idx].string, record_id));
            } else if (name->n == 1) {
                enum ovsdb_atomic_type t = id->name_column->type.key.type;
                if (t == OVSDB_TYPE_STRING) {
                    match = !strcmp(name->keys[0].string, record_id);
                } else if (t == OVSDB_TYPE_INTEGER) {
                    char *s = xasprintf("%"PRId64, name->keys[0].integer);
                    match = !strcmp(s, record_id);
                    free(s);
                }
            }
            if (match) {
                if (referrer) {
                    ctl_fatal("multiple rows in %s match \"%s\"",
                              id->table->name, record_id);
                }
                referrer = row;
            }
        }
    }
    if (!referrer) {
        return NULL;
    }
    if (id->uuid_column) {
        const struct ovsdb_datum *uuids = ovsdb_idl_read(referrer,
                                                         id->uuid_column);
        if (uuids->n != 1) {
            return NULL;
        }
        return ovsdb_idl_get_row_for_uuid(ctx->idl, table,
                                          &uuids->keys[0].uuid);
    }
    return referrer;
}

const struct ovsdb_idl_row *
ctl_get_row(struct ctl_context *ctx,
            const struct ovsdb_idl_table_class *table,
            const char *record_id, bool must_exist)
{
    const struct ctl_table_class *ctl = ctl_table_class_of(table);
    const struct ovsdb_idl_row *row = NULL;
    struct uuid uuid;

    if (uuid_from_string(&uuid, record_id)) {
        row = ovsdb_idl_get_row_for_uuid(ctx->idl, table, &uuid);
    }
    if (!row && record_id[0] == '@' && ctx->symtab) {
        struct ovsdb_symbol *symbol = ovsdb_symbol_table_get(ctx->symtab,
                                                             record_id);
        if (symbol) {
            row = ovsdb_idl_get_row_for_uuid(ctx->idl, table,
                                             &symbol->uuid);
        }
    }
    for (size_t i = 0; !row && i < ARRAY_SIZE(ctl->row_ids); i++) {
        row = get_row_by_id(ctx, table, &ctl->row_ids[i], record_id);
    }
    if (!row && uuid_is_partial_string(record_id, 4)) {
        size_t len = strlen(record_id);
        const struct ovsdb_idl_row *r;
        for (r = ovsdb_idl_first_row(ctx->idl, table); r;
             r = ovsdb_idl_next_row(r)) {
            char s[UUID_LEN + 1];
            snprintf(s, sizeof s, UUID_FMT, UUID_ARGS(&r->uuid));
            if (!strncmp(s, record_id, len)) {
                if (row) {
                    ctl_fatal("%s contains 2 or more rows whose UUIDs "
                              "begin with %s: at least "UUID_FMT
                              " and "UUID_FMT, table->name, record_id,
                              UUID_ARGS(&row->uuid), UUID_ARGS(&r->uuid));
                }
                row = r;
            }
        }
    }
    if (must_exist && !row) {
        ctl_fatal("no row \"%s\" in table %s", record_id, table->name);
    }
    return row;
}

/* Reads a token from *PP: a JSON string in double quotes, or a run of
 * characters up to one of ":=!<>{}" or white space.  Returns it malloc'd
 * (possibly empty) and advances *PP. */
static char *
parse_token(const char **pp)
{
    const char *p = *pp;

    if (*p == '"') {
        const char *q = p + 1;
        while (*q && *q != '"') {
            q += (*q == '\\' && q[1]) ? 2 : 1;
        }
        if (*q == '"') {
            char *text = xasprintf("[%.*s]", (int) (q - p + 1), p);
            struct json *json = json_from_string(text);
            free(text);
            if (json && json->type == JSON_ARRAY
                && json_array(json)->n == 1
                && json_array(json)->elems[0]->type == JSON_STRING) {
                char *s = xstrdup(json_string(json_array(json)->elems[0]));
                json_destroy(json);
                *pp = q + 1;
                return s;
            }
            json_destroy(json);
        }
    }
    size_t n = strcspn(p, ":=!<>{} \t");
    *pp = p + n;
    return xmemdup0(p, n);
}

/* Operators of "find" and "wait-until", longest first where one is a
 * prefix of another. */
enum relop {
    RELOP_EQ, RELOP_NE, RELOP_LT, RELOP_GT, RELOP_LE, RELOP_GE,
    RELOP_SET_EQ, RELOP_SET_NE, RELOP_SET_LT, RELOP_SET_GT, RELOP_SET_LE,
    RELOP_SET_GE, RELOP_SET_IN, RELOP_SET_NOT_IN
};

static const char *const relop_names[] = {
    "=", "!=", "<", ">", "<=", ">=", "{=}", "{!=}", "{<}", "{>}", "{<=}",
    "{>=}", "{in}", "{not-in}"
};

/* Parses ARG as "column[:key]" followed, if N_OPS > 0, by one of the
 * first N_OPS operators of relop_names and a value. */
static void
parse_column_key_value(const char *arg,
                       const struct ovsdb_idl_table_class *table,
                       const struct ovsdb_idl_column **columnp,
                       char **keyp, int *opp, size_t n_ops, char **valuep)
{
    const char *p = arg;
    char *name = parse_token(&p);

    if (!*name) {
        free(name);
        ctl_fatal("%s: missing column name", arg);
    }
    *columnp = get_column(table, name);
    free(name);

    *keyp = NULL;
    if (*p == ':') {
        p++;
        *keyp = parse_token(&p);
    }

    *valuep = NULL;
    if (n_ops) {
        int best = -1;
        size_t best_len = 0;
        for (size_t i = 0; i < n_ops; i++) {
            size_t len = strlen(relop_names[i]);
            if (len > best_len && !strncmp(p, relop_names[i], len)) {
                best = i;
                best_len = len;
            }
        }
        if (best < 0) {
            struct ds s = DS_EMPTY_INITIALIZER;
            for (size_t i = 0; i < n_ops; i++) {
                if (i) {
                    ds_put_cstr(&s, i == n_ops - 1
                                ? (n_ops > 2 ? ", or " : " or ")
                                : ", ");
                }
                ds_put_format(&s, "\"%s\"", relop_names[i]);
            }
            free(*keyp);
            ctl_fatal("%s: argument does not end in %s followed by a "
                      "value.", arg, ds_cstr(&s));
        }
        *opp = best;
        *valuep = xstrdup(p + best_len);
    } else if (*p) {
        free(*keyp);
        ctl_fatal("%s: trailing garbage \"%s\" in argument", arg, p);
    }
}

static void
check_fatal(char *error)
{
    if (error) {
        ctl_fatal("%s", error);
    }
}

static void
check_mutable(const struct ovsdb_idl_row *row,
              const struct ovsdb_idl_column *column)
{
    if (column == &uuid_column
        || (!column->is_mutable
            && row->txn_state != OVSDB_IDL_ROW_INSERTED)) {
        ctl_fatal("cannot modify read-only column %s in table %s",
                  column->name, row->table->class_->name);
    }
}

/* Reads COLUMN of ROW, including the _uuid pseudo-column (whose datum
 * the caller must free with ovsdb_datum_destroy() when FREEP is set). */
static const struct ovsdb_datum *
read_column(const struct ovsdb_idl_row *row,
            const struct ovsdb_idl_column *column, struct ovsdb_datum *tmp)
{
    if (column == &uuid_column) {
        tmp->n = 1;
        tmp->keys = xmalloc(sizeof *tmp->keys);
        tmp->keys[0].uuid = row->uuid;
        tmp->values = NULL;
        return tmp;
    }
    ovsdb_datum_init_empty(tmp);
    return ovsdb_idl_read(row, column);
}

static struct ovsdb_symbol *
create_symbol(struct ovsdb_symbol_table *symtab, const char *id, bool *newp)
{
    struct ovsdb_symbol *symbol;

    if (id[0] != '@') {
        ctl_fatal("row id \"%s\" does not begin with \"@\"", id);
    }
    if (newp) {
        *newp = ovsdb_symbol_table_get(symtab, id) == NULL;
    }
    symbol = ovsdb_symbol_table_insert(symtab, id);
    if (symbol->created) {
        ctl_fatal("row id \"%s\" may only be specified on one --id option",
                  id);
    }
    symbol->created = true;
    return symbol;
}

/* Marks the symbols whose UUIDs DATUM (of COLUMN's type) refers to as
 * strongly or weakly referenced, for the check after all commands ran. */
static void
note_base_references(struct ctl_context *ctx,
                     const struct ovsdb_base_type *base,
                     const union ovsdb_atom *atoms, unsigned int n)
{
    struct shash_node *node;

    if (!ctx->symtab || !ovsdb_base_type_is_ref(base)) {
        return;
    }
    SHASH_FOR_EACH (node, &ctx->symtab->sh) {
        struct ovsdb_symbol *symbol = node->data;
        for (unsigned int i = 0; i < n; i++) {
            if (uuid_equals(&atoms[i].uuid, &symbol->uuid)) {
                if (ovsdb_base_type_is_strong_ref(base)) {
                    symbol->strong_ref = true;
                } else {
                    symbol->weak_ref = true;
                }
            }
        }
    }
}

static void
note_references(struct ctl_context *ctx,
                const struct ovsdb_idl_column *column,
                const struct ovsdb_datum *datum)
{
    note_base_references(ctx, &column->type.key, datum->keys, datum->n);
    if (datum->values) {
        note_base_references(ctx, &column->type.value, datum->values,
                             datum->n);
    }
}

void
ctl_set_column(struct ctl_context *ctx,
               const struct ovsdb_idl_table_class *table,
               const struct ovsdb_idl_row *row, const char *arg)
{
    const struct ovsdb_idl_column *column;
    char *key_string, *value_string;
    int op;

    parse_column_key_value(arg, table, &column, &key_string, &op, 1,
                           &value_string);
    check_mutable(row, column);
    if (key_string) {
        union ovsdb_atom key, value;
        struct ovsdb_datum datum;

        if (!ovsdb_type_is_map(&column->type)) {
            ctl_fatal("cannot specify key to set for non-map column %s",
                      column->name);
        }
        check_fatal(ovsdb_atom_from_string(&key, &column->type.key,
                                           key_string, ctx->symtab));
        check_fatal(ovsdb_atom_from_string(&value, &column->type.value,
                                           value_string, ctx->symtab));

        ovsdb_datum_clone(&datum, ovsdb_idl_read(row, column),
                          &column->type);
        unsigned int idx = ovsdb_datum_find_key(&datum, &key,
                                                column->type.key.type);
        if (idx != UINT_MAX) {
            ovsdb_atom_destroy(&datum.values[idx], column->type.value.type);
            datum.values[idx] = value;
            ovsdb_atom_destroy(&key, column->type.key.type);
        } else {
            datum.keys = xrealloc(datum.keys,
                                  (datum.n + 1) * sizeof *datum.keys);
            datum.values = xrealloc(datum.values,
                                    (datum.n + 1) * sizeof *datum.values);
            datum.keys[datum.n] = key;
            datum.values[datum.n] = value;
            datum.n++;
            ovsdb_datum_sort_unique(&datum, column->type.key.type,
                                    column->type.value.type);
        }
        note_references(ctx, column, &datum);
        ovsdb_idl_txn_write(row, column, &datum);
    } else {
        struct ovsdb_datum datum;
        check_fatal(ovsdb_datum_from_string(&datum, &column->type,
                                            value_string, ctx->symtab));
        note_references(ctx, column, &datum);
        ovsdb_idl_txn_write(row, column, &datum);
    }
    free(key_string);
    free(value_string);
}

/* Evaluates "A OP B" for datums of TYPE. */
static bool
evaluate_relop(const struct ovsdb_datum *a, const struct ovsdb_datum *b,
               const struct ovsdb_type *type, enum relop op)
{
    switch (op) {
    case RELOP_EQ:
    case RELOP_SET_EQ:
        return ovsdb_datum_compare_3way(a, b, type) == 0;
    case RELOP_NE:
    case RELOP_SET_NE:
        return ovsdb_datum_compare_3way(a, b, type) != 0;
    case RELOP_LT:
        return ovsdb_datum_compare_3way(a, b, type) < 0;
    case RELOP_GT:
        return ovsdb_datum_compare_3way(a, b, type) > 0;
    case RELOP_LE:
        return ovsdb_datum_compare_3way(a, b, type) <= 0;
    case RELOP_GE:
        return ovsdb_datum_compare_3way(a, b, type) >= 0;
    case RELOP_SET_LT:
        return b->n > a->n && ovsdb_datum_includes_all(a, b, type);
    case RELOP_SET_GT:
        return a->n > b->n && ovsdb_datum_includes_all(b, a, type);
    case RELOP_SET_LE:
    case RELOP_SET_IN:
        return ovsdb_datum_includes_all(a, b, type);
    case RELOP_SET_GE:
        return ovsdb_datum_includes_all(b, a, type);
    case RELOP_SET_NOT_IN:
        return ovsdb_datum_excludes_all(a, b, type);
    }
    OVS_NOT_REACHED();
}

static bool
is_set_operator(enum relop op)
{
    return op >= RELOP_SET_EQ;
}

static bool
is_condition_satisfied(struct ctl_context *ctx,
                       const struct ovsdb_idl_table_class *table,
                       const struct ovsdb_idl_row *row, const char *arg)
{
    const struct ovsdb_idl_column *column;
    char *key_string, *value_string;
    struct ovsdb_datum tmp;
    const struct ovsdb_datum *have;
    int op;
    bool retval;

    parse_column_key_value(arg, table, &column, &key_string, &op,
                           ARRAY_SIZE(relop_names), &value_string);
    have = read_column(row, column, &tmp);
    if (key_string) {
        union ovsdb_atom want_key;
        struct ovsdb_datum b;
        struct ovsdb_type type;

        if (!ovsdb_type_is_map(&column->type)) {
            ctl_fatal("cannot specify key to check for non-map column %s",
                      column->name);
        }
        check_fatal(ovsdb_atom_from_string(&want_key, &column->type.key,
                                           key_string, ctx->symtab));
        type.key = column->type.value;
        ovsdb_base_type_init(&type.value, OVSDB_TYPE_VOID);
        type.n_min = 0;
        type.n_max = is_set_operator(op) ? UINT_MAX : 1;
        check_fatal(ovsdb_datum_from_string(&b, &type, value_string,
                                            ctx->symtab));

        unsigned int idx = ovsdb_datum_find_key(have, &want_key,
                                                column->type.key.type);
        if (idx == UINT_MAX && !is_set_operator(op)) {
            retval = false;
        } else {
            struct ovsdb_datum a;
            if (idx != UINT_MAX) {
                a.n = 1;
                a.keys = &have->values[idx];
                a.values = NULL;
            } else {
                ovsdb_datum_init_empty(&a);
            }
            retval = evaluate_relop(&a, &b, &type, op);
        }
        ovsdb_atom_destroy(&want_key, column->type.key.type);
        ovsdb_datum_destroy(&b, &type);
    } else {
        struct ovsdb_datum want;
        struct ovsdb_type type = column->type;
        if (is_set_operator(op)) {
            type.n_min = 0;
            type.n_max = UINT_MAX;
        }
        check_fatal(ovsdb_datum_from_string(&want, &type, value_string,
                                            ctx->symtab));
        retval = evaluate_relop(have, &want, &column->type, op);
        ovsdb_datum_destroy(&want, &column->type);
    }
    ovsdb_datum_destroy(&tmp, &uuid_column.type);
    free(key_string);
    free(value_string);
    return retval;
}

/* Output of "list" and "find". */

static void
parse_column_names(const char *column_names,
                   const struct ovsdb_idl_table_class *table,
                   const struct ovsdb_idl_column ***columnsp,
                   size_t *n_columnsp)
{
    const struct ovsdb_idl_column **columns;
    size_t n = 0;

    if (!column_names) {
        columns = xmalloc((table->n_columns + 1) * sizeof *columns);
        columns[n++] = &uuid_column;
        for (size_t i = 0; i < table->n_columns; i++) {
            columns[n++] = &table->columns[i];
        }
    } else {
        char *s = xstrdup(column_names);
        char *save_ptr = NULL;
        size_t allocated = 0;
        columns = NULL;
        for (char *name = strtok_r(s, ", ", &save_ptr); name;
             name = strtok_r(NULL, ", ", &save_ptr)) {
            if (n >= allocated) {
                columns = x2nrealloc(columns, &allocated, sizeof *columns);
            }
            columns[n++] = get_column(table, name);
        }
        free(s);
        if (!n) {
            ctl_fatal("must specify at least one column name");
        }
    }
    *columnsp = columns;
    *n_columnsp = n;
}

static void
pre_list_columns(struct ctl_context *ctx,
                 const struct ovsdb_idl_table_class *table,
                 const char *column_names)
{
    const struct ovsdb_idl_column **columns;
    size_t n;

    ctl_pre_table(ctx, table);
    parse_column_names(column_names, table, &columns, &n);
    for (size_t i = 0; i < n; i++) {
        pre_add_column(ctx, columns[i]);
    }
    free(columns);
}

static struct table *
list_table_create(const struct ovsdb_idl_column **columns, size_t n)
{
    struct table *out = xmalloc(sizeof *out);
    table_init(out);
    for (size_t i = 0; i < n; i++) {
        table_add_column(out, columns[i]->name);
    }
    return out;
}

static void
list_record(const struct ovsdb_idl_row *row,
            const struct ovsdb_idl_column **columns, size_t n,
            struct table *out)
{
    size_t r = table_add_row(out);
    for (size_t i = 0; i < n; i++) {
        struct ovsdb_datum tmp;
        const struct ovsdb_datum *d = read_column(row, columns[i], &tmp);
        table_cell_set_datum(table_cell(out, r, i), d, &columns[i]->type);
        ovsdb_datum_destroy(&tmp, &uuid_column.type);
    }
}

/* The database commands. */

static void
pre_cmd_get(struct ctl_context *ctx)
{
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);

    ctl_pre_table(ctx, table);
    for (int i = 3; i < ctx->argc; i++) {
        const struct ovsdb_idl_column *column;
        char *key, *value;
        int op;
        parse_column_key_value(ctx->argv[i], table, &column, &key, &op, 0,
                               &value);
        free(key);
        pre_add_column(ctx, column);
    }
}

static void
cmd_get(struct ctl_context *ctx)
{
    const char *id = shash_find_data(&ctx->options, "--id");
    bool if_exists = shash_find(&ctx->options, "--if-exists");
    const char *table_name = ctx->argv[1];
    const char *record_id = ctx->argv[2];
    const struct ovsdb_idl_table_class *table = ctl_get_table(table_name);
    const struct ovsdb_idl_row *row;
    struct ds *out = &ctx->output;

    row = ctl_get_row(ctx, table, record_id, !if_exists);
    if (!row) {
        return;
    }
    if (id) {
        bool new;
        struct ovsdb_symbol *symbol = create_symbol(ctx->symtab, id, &new);
        if (!new) {
            ctl_fatal("row id \"%s\" specified on \"get\" command was used "
                      "before it was defined", id);
        }
        symbol->uuid = row->uuid;
        symbol->strong_ref = true;
    }
    for (int i = 3; i < ctx->argc; i++) {
        const struct ovsdb_idl_column *column;
        char *key_string, *value;
        int op;
        struct ovsdb_datum tmp;
        const struct ovsdb_datum *datum;

        parse_column_key_value(ctx->argv[i], table, &column, &key_string,
                               &op, 0, &value);
        datum = read_column(row, column, &tmp);
        if (key_string) {
            union ovsdb_atom key;

            if (!ovsdb_type_is_map(&column->type)) {
                ctl_fatal("cannot specify key to get for non-map column %s",
                          column->name);
            }
            check_fatal(ovsdb_atom_from_string(&key, &column->type.key,
                                               key_string, ctx->symtab));
            unsigned int idx = ovsdb_datum_find_key(datum, &key,
                                                    column->type.key.type);
            if (idx == UINT_MAX) {
                if (!if_exists) {
                    ctl_fatal("no key \"%s\" in %s record \"%s\" column %s",
                              key_string, table->name, record_id,
                              column->name);
                }
            } else {
                ovsdb_atom_to_string(&datum->values[idx],
                                     column->type.value.type, out);
            }
            ovsdb_atom_destroy(&key, column->type.key.type);
        } else {
            ovsdb_datum_to_string(datum, &column->type, out);
        }
        ds_put_char(out, '\n');
        ovsdb_datum_destroy(&tmp, &uuid_column.type);
        free(key_string);
    }
}

static void
pre_cmd_list(struct ctl_context *ctx)
{
    const char *column_names = shash_find_data(&ctx->options, "--columns");
    pre_list_columns(ctx, ctl_get_table(ctx->argv[1]), column_names);
}

static void
cmd_list(struct ctl_context *ctx)
{
    const char *column_names = shash_find_data(&ctx->options, "--columns");
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);
    const struct ovsdb_idl_column **columns;
    size_t n_columns;

    parse_column_names(column_names, table, &columns, &n_columns);
    ctx->table = list_table_create(columns, n_columns);
    if (ctx->argc > 2) {
        for (int i = 2; i < ctx->argc; i++) {
            const struct ovsdb_idl_row *row = ctl_get_row(ctx, table,
                                                          ctx->argv[i],
                                                          must_exist);
            if (row) {
                list_record(row, columns, n_columns, ctx->table);
            }
        }
    } else {
        const struct ovsdb_idl_row *row;
        for (row = ovsdb_idl_first_row(ctx->idl, table); row;
             row = ovsdb_idl_next_row(row)) {
            list_record(row, columns, n_columns, ctx->table);
        }
    }
    free(columns);
}

static void
pre_cmd_find(struct ctl_context *ctx)
{
    const char *column_names = shash_find_data(&ctx->options, "--columns");
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);

    pre_list_columns(ctx, table, column_names);
    for (int i = 2; i < ctx->argc; i++) {
        const struct ovsdb_idl_column *column;
        char *key, *value;
        int op;
        parse_column_key_value(ctx->argv[i], table, &column, &key, &op,
                               ARRAY_SIZE(relop_names), &value);
        free(key);
        free(value);
        pre_add_column(ctx, column);
    }
}

static void
cmd_find(struct ctl_context *ctx)
{
    const char *column_names = shash_find_data(&ctx->options, "--columns");
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);
    const struct ovsdb_idl_column **columns;
    const struct ovsdb_idl_row *row;
    size_t n_columns;

    parse_column_names(column_names, table, &columns, &n_columns);
    ctx->table = list_table_create(columns, n_columns);
    for (row = ovsdb_idl_first_row(ctx->idl, table); row;
         row = ovsdb_idl_next_row(row)) {
        int i;
        for (i = 2; i < ctx->argc; i++) {
            if (!is_condition_satisfied(ctx, table, row, ctx->argv[i])) {
                break;
            }
        }
        if (i == ctx->argc) {
            list_record(row, columns, n_columns, ctx->table);
        }
    }
    free(columns);
}

static void
pre_cmd_set(struct ctl_context *ctx)
{
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);

    ctl_pre_table(ctx, table);
    for (int i = 3; i < ctx->argc; i++) {
        const struct ovsdb_idl_column *column;
        char *key, *value;
        int op;
        parse_column_key_value(ctx->argv[i], table, &column, &key, &op, 1,
                               &value);
        free(key);
        free(value);
        pre_add_column(ctx, column);
    }
}

static void
cmd_set(struct ctl_context *ctx)
{
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);
    const struct ovsdb_idl_row *row;

    row = ctl_get_row(ctx, table, ctx->argv[2], must_exist);
    if (!row) {
        return;
    }
    for (int i = 3; i < ctx->argc; i++) {
        ctl_set_column(ctx, table, row, ctx->argv[i]);
    }
    invalidate_cache(ctx);
}

static void
pre_cmd_column(struct ctl_context *ctx)
{
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);

    ctl_pre_table(ctx, table);
    pre_add_column(ctx, get_column(table, ctx->argv[3]));
}

static void
cmd_add(struct ctl_context *ctx)
{
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);
    const struct ovsdb_idl_column *column = get_column(table, ctx->argv[3]);
    const struct ovsdb_idl_row *row;
    struct ovsdb_type add_type;
    struct ovsdb_datum old, all;

    row = ctl_get_row(ctx, table, ctx->argv[2], must_exist);
    if (!row) {
        return;
    }
    check_mutable(row, column);

    add_type = column->type;
    add_type.n_min = 0;
    add_type.n_max = UINT_MAX;
    ovsdb_datum_clone(&old, ovsdb_idl_read(row, column), &column->type);
    ovsdb_datum_init_empty(&all);
    for (int i = 4; i < ctx->argc; i++) {
        struct ovsdb_datum add;
        char *error = ovsdb_datum_from_string(&add, &add_type, ctx->argv[i],
                                              ctx->symtab);
        if (error) {
            ovsdb_datum_destroy(&old, &column->type);
            ctl_fatal("%s", error);
        }
        if (ovsdb_type_is_map(&column->type)) {
            /* A key that is already there takes the new value. */
            struct ovsdb_type keys_type = column->type;
            ovsdb_base_type_init(&keys_type.value, OVSDB_TYPE_VOID);
            ovsdb_datum_subtract(&old, &column->type, &add, &keys_type);
        }
        ovsdb_datum_union(&old, &add, &column->type);
        ovsdb_datum_union(&all, &add, &column->type);
        ovsdb_datum_destroy(&add, &column->type);
    }
    note_references(ctx, column, &old);
    if (old.n > column->type.n_max && !ovsdb_type_is_map(&column->type)) {
        /* Too many elements: send the addition as a mutation, so that the
         * server rejects it with the constraint violation upstream's
         * users see. */
        ovsdb_datum_destroy(&old, &column->type);
        ovsdb_idl_txn_write_partial_set(row, column, &all);
        invalidate_cache(ctx);
        return;
    }
    ovsdb_datum_destroy(&all, &column->type);
    ovsdb_idl_txn_write(row, column, &old);
    invalidate_cache(ctx);
}

static void
cmd_remove(struct ctl_context *ctx)
{
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);
    const struct ovsdb_idl_column *column = get_column(table, ctx->argv[3]);
    const struct ovsdb_idl_row *row;
    struct ovsdb_type rm_type;
    struct ovsdb_datum old;

    row = ctl_get_row(ctx, table, ctx->argv[2], must_exist);
    if (!row) {
        return;
    }
    check_mutable(row, column);

    rm_type = column->type;
    rm_type.n_min = 0;
    rm_type.n_max = UINT_MAX;
    ovsdb_datum_clone(&old, ovsdb_idl_read(row, column), &column->type);
    for (int i = 4; i < ctx->argc; i++) {
        struct ovsdb_datum rm;
        char *error = ovsdb_datum_from_string(&rm, &rm_type, ctx->argv[i],
                                              ctx->symtab);
        if (error) {
            if (ovsdb_type_is_map(&rm_type)) {
                struct ovsdb_type keys_type = rm_type;
                ovsdb_base_type_init(&keys_type.value, OVSDB_TYPE_VOID);
                free(error);
                error = ovsdb_datum_from_string(&rm, &keys_type,
                                                ctx->argv[i], ctx->symtab);
                if (!error) {
                    ovsdb_datum_subtract(&old, &column->type, &rm,
                                         &keys_type);
                    ovsdb_datum_destroy(&rm, &keys_type);
                    continue;
                }
            }
            ovsdb_datum_destroy(&old, &column->type);
            ctl_fatal("%s", error);
        }
        ovsdb_datum_subtract(&old, &column->type, &rm, &rm_type);
        ovsdb_datum_destroy(&rm, &rm_type);
    }
    ovsdb_idl_txn_write(row, column, &old);
    invalidate_cache(ctx);
}

static void
pre_cmd_clear(struct ctl_context *ctx)
{
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);

    ctl_pre_table(ctx, table);
    for (int i = 3; i < ctx->argc; i++) {
        pre_add_column(ctx, get_column(table, ctx->argv[i]));
    }
}

static void
cmd_clear(struct ctl_context *ctx)
{
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);
    const struct ovsdb_idl_row *row;

    row = ctl_get_row(ctx, table, ctx->argv[2], must_exist);
    if (!row) {
        return;
    }
    for (int i = 3; i < ctx->argc; i++) {
        const struct ovsdb_idl_column *column = get_column(table,
                                                           ctx->argv[i]);
        struct ovsdb_datum datum;

        check_mutable(row, column);
        if (column->type.n_min > 0) {
            ctl_fatal("\"clear\" operation cannot be applied to column %s "
                      "of table %s, which is not allowed to be empty",
                      column->name, table->name);
        }
        ovsdb_datum_init_empty(&datum);
        ovsdb_idl_txn_write(row, column, &datum);
    }
    invalidate_cache(ctx);
}

static void
pre_create(struct ctl_context *ctx)
{
    const char *id = shash_find_data(&ctx->options, "--id");
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);

    ctl_pre_table(ctx, table);
    if (!id && !table->is_root) {
        VLOG_WARN("applying \"create\" command to table %s without --id "
                  "option will have no effect", table->name);
    }
}

static void
cmd_create(struct ctl_context *ctx)
{
    const char *id = shash_find_data(&ctx->options, "--id");
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);
    const struct uuid *uuid = NULL;
    const struct ovsdb_idl_row *row;

    if (id) {
        struct ovsdb_symbol *symbol = create_symbol(ctx->symtab, id, NULL);
        if (table->is_root) {
            /* A root row needs no reference to survive. */
            symbol->strong_ref = true;
        }
        uuid = &symbol->uuid;
    }
    row = ovsdb_idl_txn_insert(ctx->txn, table, uuid);
    for (int i = 2; i < ctx->argc; i++) {
        ctl_set_column(ctx, table, row, ctx->argv[i]);
    }
    ds_put_format(&ctx->output, UUID_FMT, UUID_ARGS(&row->uuid));
    invalidate_cache(ctx);
}

static void
post_create(struct ctl_context *ctx)
{
    const struct uuid *real;
    struct uuid dummy;

    if (!uuid_from_string(&dummy, ds_cstr(&ctx->output))) {
        OVS_NOT_REACHED();
    }
    real = ovsdb_idl_txn_get_insert_uuid(ctx->txn, &dummy);
    if (real) {
        ds_clear(&ctx->output);
        ds_put_format(&ctx->output, UUID_FMT, UUID_ARGS(real));
    }
    ds_put_char(&ctx->output, '\n');
}

static void
pre_cmd_destroy(struct ctl_context *ctx)
{
    ctl_pre_table(ctx, ctl_get_table(ctx->argv[1]));
}

static void
cmd_destroy(struct ctl_context *ctx)
{
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    bool delete_all = shash_find(&ctx->options, "--all");
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);

    if (delete_all && ctx->argc > 2) {
        ctl_fatal("--all and records argument should not be specified "
                  "together");
    }
    if (delete_all && !must_exist) {
        ctl_fatal("--all and --if-exists should not be specified together");
    }
    if (delete_all) {
        const struct ovsdb_idl_row *row, *next;
        for (row = ovsdb_idl_first_row(ctx->idl, table); row; row = next) {
            next = ovsdb_idl_next_row(row);
            ovsdb_idl_txn_delete(row);
        }
    } else if (ctx->argc == 2) {
        VLOG_WARN("either --all or records argument should be specified");
        return;
    } else {
        for (int i = 2; i < ctx->argc; i++) {
            const struct ovsdb_idl_row *row = ctl_get_row(ctx, table,
                                                          ctx->argv[i],
                                                          must_exist);
            if (row) {
                ovsdb_idl_txn_delete(row);
            }
        }
    }
    invalidate_cache(ctx);
}

static void
pre_cmd_wait_until(struct ctl_context *ctx)
{
    pre_whole_table(ctx, ctl_get_table(ctx->argv[1]));
}

static void
cmd_wait_until(struct ctl_context *ctx)
{
    const struct ovsdb_idl_table_class *table = ctl_get_table(ctx->argv[1]);
    const struct ovsdb_idl_row *row;

    row = ctl_get_row(ctx, table, ctx->argv[2], false);
    if (!row) {
        ctx->try_again = true;
        return;
    }
    for (int i = 3; i < ctx->argc; i++) {
        if (!is_condition_satisfied(ctx, table, row, ctx->argv[i])) {
            ctx->try_again = true;
            return;
        }
    }
}

static void
cmd_comment(struct ctl_context *ctx OVS_UNUSED)
{
}

const struct ctl_command_syntax ctl_db_commands[] = {
    {"comment", 0, INT_MAX, "[ARG]...", NULL, cmd_comment, NULL, "", CTL_RO},
    {"get", 2, INT_MAX, "TABLE RECORD [COLUMN[:KEY]]...", pre_cmd_get,
     cmd_get, NULL, "--if-exists,--id=", CTL_RO},
    {"list", 1, INT_MAX, "TABLE [RECORD]...", pre_cmd_list, cmd_list, NULL,
     "--if-exists,--columns=", CTL_RO},
    {"find", 1, INT_MAX, "TABLE [COLUMN[:KEY]=VALUE]...", pre_cmd_find,
     cmd_find, NULL, "--columns=", CTL_RO},
    {"set", 3, INT_MAX, "TABLE RECORD COLUMN[:KEY]=VALUE...", pre_cmd_set,
     cmd_set, NULL, "--if-exists", CTL_RW},
    {"add", 4, INT_MAX, "TABLE RECORD COLUMN [KEY=]VALUE...",
     pre_cmd_column, cmd_add, NULL, "--if-exists", CTL_RW},
    {"remove", 4, INT_MAX, "TABLE RECORD COLUMN KEY|VALUE|KEY=VALUE...",
     pre_cmd_column, cmd_remove, NULL, "--if-exists", CTL_RW},
    {"clear", 3, INT_MAX, "TABLE RECORD COLUMN...", pre_cmd_clear,
     cmd_clear, NULL, "--if-exists", CTL_RW},
    {"create", 2, INT_MAX, "TABLE COLUMN[:KEY]=VALUE...", pre_create,
     cmd_create, post_create, "--id=", CTL_RW},
    {"destroy", 1, INT_MAX, "TABLE [RECORD]...", pre_cmd_destroy,
     cmd_destroy, NULL, "--if-exists,--all", CTL_RW},
    {"wait-until", 2, INT_MAX, "TABLE RECORD [COLUMN[:KEY]=VALUE]...",
     pre_cmd_wait_until, cmd_wait_until, NULL, "", CTL_RO},
    {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, CTL_RO},
};
