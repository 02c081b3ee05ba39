/* table-format.h: tables of cells printed as text tables, lists, HTML,
 * CSV or JSON, the way upstream's ovsdb-client and ovs-vsctl print them.
 *
 * A table has an optional caption, a list of column headings, and rows of
 * cells, one cell per column.  A cell holds one of:
 *
 *   - nothing (an empty cell: blank in text forms, null in JSON);
 *   - plain text, printed as is (JSON output: a JSON string);
 *   - an OVSDB datum, given as its RFC 7047 JSON form plus its type; the
 *     cell format picks how it prints: "string" as ovs-vsctl writes
 *     values ("[1, 2]", "{k=v}", quoted strings when needed), "bare"
 *     without punctuation ("1 2", "k=v", strings never quoted), "json"
 *     as compact JSON (JSON output always uses the JSON form);
 *   - any other JSON value (for example a column type), printed as
 *     compact JSON with sorted members in every format.
 *
 * A struct table_style says how to print: the table format (--format),
 * the cell format (--data), whether to print headings, JSON flags for the
 * JSON format (--pretty) and a maximum column width for text tables.
 * TABLE_OPTION_* below parse the command-line options that upstream's
 * tools share.
 *
 * Text tables: columns are as wide as their widest cell (and heading, when
 * headings are printed), cells are left-aligned and separated by one
 * space, and the last column is not padded.  A cell longer than the
 * maximum column width is cut to that width, but a column is never
 * narrower than its heading.
 *
 * Several tables printed one after another with table_print() are
 * separated the way upstream separates them (a blank line between text
 * tables, lists and CSV tables); that is the module's only global state,
 * so table_print() is not thread-safe.  table_format() is pure.
 *
 * Memory: a table owns its caption, headings and cells; the setters copy
 * their arguments unless they say they take ownership. */
#ifndef TABLE_FORMAT_H
#define TABLE_FORMAT_H 1

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"

struct ds;
struct json;
struct ovsdb_datum;
struct ovsdb_type;

enum table_format {
    TABLE_FORMAT_TABLE,         /* Aligned text columns (the default). */
    TABLE_FORMAT_LIST,          /* "heading : value" lines, rows apart. */
    TABLE_FORMAT_HTML,          /* An HTML <table>. */
    TABLE_FORMAT_CSV,           /* RFC 4180 comma-separated values. */
    TABLE_FORMAT_JSON           /* One JSON object per table. */
};

enum table_cell_format {
    TABLE_CELL_STRING,          /* ovs-vsctl's syntax (the default). */
    TABLE_CELL_BARE,            /* The same without punctuation. */
    TABLE_CELL_JSON             /* RFC 7047 JSON. */
};

struct table_style {
    enum table_format format;
    enum table_cell_format cell_format;
    bool headings;              /* Print column headings? */
    int json_flags;             /* JSSF_* flags for TABLE_FORMAT_JSON. */
    int max_column_width;       /* For TABLE_FORMAT_TABLE; 0: no limit. */
};

#define TABLE_STYLE_DEFAULT_INITIALIZER \
    { TABLE_FORMAT_TABLE, TABLE_CELL_STRING, true, 0, 0 }

/* Parses a --format argument ("table", "list", "html", "csv", "json").
 * Returns false if FORMAT is not one of them. */
bool table_format_from_string(const char *format, enum table_format *);
/* Parses a --data argument ("string", "bare", "json"). */
bool table_cell_format_from_string(const char *format,
                                   enum table_cell_format *);

/* Command-line options, for getopt_long() users, the same way as in
 * vlog.h: TABLE_OPTION_ENUMS in the option enum, TABLE_LONG_OPTIONS in
 * the struct option array, "f:d:" among the short options, and
 * TABLE_OPTION_HANDLERS(STYLE) in the switch.  --bare means
 * --format=list --data=bare --no-headings; --pretty sets JSSF_PRETTY.
 * A bad --format or --data is fatal, with upstream's message. */
#define TABLE_OPTION_ENUMS                      \
    OPT_NO_HEADINGS,                            \
    OPT_PRETTY,                                 \
    OPT_BARE,                                   \
    OPT_MAX_COLUMN_WIDTH

#define TABLE_LONG_OPTIONS                                              \
    {"format", required_argument, NULL, 'f'},                           \
    {"data", required_argument, NULL, 'd'},                             \
    {"no-headings", no_argument, NULL, OPT_NO_HEADINGS},                \
    {"pretty", no_argument, NULL, OPT_PRETTY},                          \
    {"bare", no_argument, NULL, OPT_BARE},                              \
    {"max-column-width", required_argument, NULL, OPT_MAX_COLUMN_WIDTH}

#define TABLE_OPTION_HANDLERS(STYLE)                    \
    case 'f':                                           \
        table_parse_format(STYLE, optarg);              \
        break;                                          \
    case 'd':                                           \
        table_parse_cell_format(STYLE, optarg);         \
        break;                                          \
    case OPT_NO_HEADINGS:                               \
        (STYLE)->headings = false;                      \
        break;                                          \
    case OPT_PRETTY:                                    \
        (STYLE)->json_flags |= JSSF_PRETTY;             \
        break;                                          \
    case OPT_BARE:                                      \
        (STYLE)->format = TABLE_FORMAT_LIST;            \
        (STYLE)->cell_format = TABLE_CELL_BARE;         \
        (STYLE)->headings = false;                      \
        break;                                          \
    case OPT_MAX_COLUMN_WIDTH:                          \
        table_parse_max_column_width(STYLE, optarg);    \
        break;

/* Helpers for TABLE_OPTION_HANDLERS; each exits with an error message on
 * a bad argument. */
void table_parse_format(struct table_style *, const char *arg);
void table_parse_cell_format(struct table_style *, const char *arg);
void table_parse_max_column_width(struct table_style *, const char *arg);

/* Prints the "Output formatting options" part of --help. */
void table_usage(void);

/* Cells. */
enum table_cell_kind {
    TABLE_CELL_EMPTY,
    TABLE_CELL_TEXT,            /* 'text'. */
    TABLE_CELL_DATUM,           /* 'json' is a datum of type 'type'. */
    TABLE_CELL_OTHER_JSON       /* 'json' is printed as JSON. */
};

struct table_cell {
    enum table_cell_kind kind;
    char *text;                 /* Owned, for TABLE_CELL_TEXT. */
    struct json *json;          /* Owned reference, for _DATUM, _JSON. */
    struct ovsdb_type *type;    /* Owned copy, for TABLE_CELL_DATUM. */
};

/* Each setter first empties CELL. */
void table_cell_clear(struct table_cell *);
void table_cell_set_text(struct table_cell *, const char *text);
void table_cell_set_text_nocopy(struct table_cell *, char *text);
void table_cell_set_format(struct table_cell *, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3);
/* Takes JSON, the JSON form of a datum of TYPE (TYPE is copied). */
void table_cell_set_datum_json(struct table_cell *, struct json *json,
                               const struct ovsdb_type *type);
/* Stores the JSON form of DATUM, of TYPE. */
void table_cell_set_datum(struct table_cell *, const struct ovsdb_datum *,
                          const struct ovsdb_type *);
/* Takes JSON. */
void table_cell_set_json(struct table_cell *, struct json *json);

/* Appends CELL as STYLE's cell format would print it in a text table
 * (empty cells print nothing). */
void table_cell_format(const struct table_cell *,
                       enum table_cell_format, struct ds *);
/* Returns CELL as it appears in JSON output (a new reference). */
struct json *table_cell_to_json(const struct table_cell *);

/* Tables. */
struct table {
    char *caption;              /* Owned, or NULL. */
    bool timestamp;             /* Print the time the table was made? */
    long long int time;         /* time_wall_msec() when it was made. */
    char **headings;            /* 'n_columns' owned strings. */
    size_t n_columns;
    size_t allocated_columns;
    struct table_cell *cells;   /* 'n_rows' * 'n_columns', row by row. */
    size_t n_rows;
    size_t allocated_rows;
};

void table_init(struct table *);
void table_destroy(struct table *);

/* Takes CAPTION (malloc'd), replacing any earlier one; NULL: none. */
void table_set_caption(struct table *, char *caption);
/* With TIMESTAMP, the table is printed with the wall-clock time of this
 * call, as "YYYY-MM-DD HH:MM:SS.mmm" in UTC. */
void table_set_timestamp(struct table *, bool timestamp);

/* Adds a column headed HEADING and returns its index.  Columns must all
 * be added before the first row. */
size_t table_add_column(struct table *, const char *heading);
/* Adds a row of empty cells and returns its index. */
size_t table_add_row(struct table *);
/* The cell at ROW and COLUMN. */
struct table_cell *table_cell(struct table *, size_t row, size_t column);
const struct table_cell *table_cell_ro(const struct table *, size_t row,
                                       size_t column);

/* Appends TABLE to OUT in STYLE.  FIRST says whether this is the first
 * table of the output (later ones are preceded by a separator). */
void table_format(const struct table *, const struct table_style *,
                  bool first, struct ds *out);
/* Formats TABLE and writes it to stdout, separated from any table that
 * an earlier call printed. */
void table_print(const struct table *, const struct table_style *);

#endif /* table-format.h */
