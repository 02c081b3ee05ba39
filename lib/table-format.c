/* table-format.c: see table-format.h. */
#include <config.h>
#include "table-format.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "json.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-types.h"
#include "timeval.h"
#include "util.h"
#include "uuid.h"

bool
table_format_from_string(const char *s, enum table_format *format)
{
    static const struct {
        const char *name;
        enum table_format format;
    } formats[] = {
        { "table", TABLE_FORMAT_TABLE },
        { "list", TABLE_FORMAT_LIST },
        { "html", TABLE_FORMAT_HTML },
        { "csv", TABLE_FORMAT_CSV },
        { "json", TABLE_FORMAT_JSON },
    };

    for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
        if (!strcmp(s, formats[i].name)) {
            *format = formats[i].format;
            return true;
        }
    }
    return false;
}

bool
table_cell_format_from_string(const char *s, enum table_cell_format *format)
{
    if (!strcmp(s, "string")) {
        *format = TABLE_CELL_STRING;
    } else if (!strcmp(s, "bare")) {
        *format = TABLE_CELL_BARE;
    } else if (!strcmp(s, "json")) {
        *format = TABLE_CELL_JSON;
    } else {
        return false;
    }
    return true;
}

void
table_parse_format(struct table_style *style, const char *arg)
{
    if (!table_format_from_string(arg, &style->format)) {
        ovs_fatal(0, "unknown output format \"%s\"", arg);
    }
}

void
table_parse_cell_format(struct table_style *style, const char *arg)
{
    if (!table_cell_format_from_string(arg, &style->cell_format)) {
        ovs_fatal(0, "unknown data format \"%s\"", arg);
    }
}

void
table_parse_max_column_width(struct table_style *style, const char *arg)
{
    /* Upstream takes whatever atoi() makes of the argument, so a bad value
     * means "no limit" rather than an error; do the same. */
    style->max_column_width = atoi(arg);
}

void
table_usage(void)
{
    printf("\nOutput formatting options:\n"
           "  -f, --format=FORMAT         set output formatting to FORMAT\n"
           "                              (\"table\", \"html\", \"csv\", "
           "or \"json\")\n"
           "  -d, --data=FORMAT           set table cell output formatting "
           "to\n"
           "                              FORMAT (\"string\", \"bare\", "
           "or \"json\")\n"
           "  --no-headings               omit table heading row\n"
           "  --pretty                    pretty-print JSON in output\n"
           "  --bare                      equivalent to "
           "\"--format=list --data=bare --no-headings\"\n");
}

/* Cells. */

void
table_cell_clear(struct table_cell *cell)
{
    free(cell->text);
    json_destroy(cell->json);
    if (cell->type) {
        ovsdb_type_destroy(cell->type);
        free(cell->type);
    }
    memset(cell, 0, sizeof *cell);
    cell->kind = TABLE_CELL_EMPTY;
}

void
table_cell_set_text(struct table_cell *cell, const char *text)
{
    table_cell_set_text_nocopy(cell, xstrdup(text));
}

void
table_cell_set_text_nocopy(struct table_cell *cell, char *text)
{
    table_cell_clear(cell);
    cell->kind = TABLE_CELL_TEXT;
    cell->text = text;
}

void
table_cell_set_format(struct table_cell *cell, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    table_cell_set_text_nocopy(cell, xvasprintf(format, args));
    va_end(args);
}

void
table_cell_set_datum_json(struct table_cell *cell, struct json *json,
                          const struct ovsdb_type *type)
{
    table_cell_clear(cell);
    cell->kind = TABLE_CELL_DATUM;
    cell->json = json;
    cell->type = xmalloc(sizeof *cell->type);
    ovsdb_type_clone(cell->type, type);
}

void
table_cell_set_datum(struct table_cell *cell,
                     const struct ovsdb_datum *datum,
                     const struct ovsdb_type *type)
{
    table_cell_set_datum_json(cell, ovsdb_datum_to_json(datum, type), type);
}

void
table_cell_set_json(struct table_cell *cell, struct json *json)
{
    table_cell_clear(cell);
    cell->kind = TABLE_CELL_OTHER_JSON;
    cell->json = json;
}

/* Parses CELL's datum into DATUM with TYPE, CELL's type without
 * constraints (the data come from a server that already checked them, and
 * a value that breaks them should still print).  Returns false if the JSON
 * is not a datum of that type. */
static bool
cell_parse_datum(const struct table_cell *cell, struct ovsdb_type *type,
                 struct ovsdb_datum *datum)
{
    struct ovsdb_error *error;

    ovsdb_type_clone(type, cell->type);
    ovsdb_base_type_destroy(&type->key);
    ovsdb_base_type_get_unconstrained(&type->key, &cell->type->key);
    ovsdb_base_type_destroy(&type->value);
    ovsdb_base_type_get_unconstrained(&type->value, &cell->type->value);
    type->n_min = 0;
    type->n_max = OVSDB_UNLIMITED;

    error = ovsdb_datum_from_json(datum, type, cell->json, NULL);
    if (error) {
        ovsdb_error_destroy(error);
        ovsdb_type_destroy(type);
        return false;
    }
    return true;
}

/* Appends ATOM without any quoting or punctuation. */
static void
atom_to_bare(const union ovsdb_atom *atom, enum ovsdb_atomic_type type,
             struct ds *out)
{
    if (type == OVSDB_TYPE_STRING) {
        ds_put_cstr(out, atom->string);
    } else {
        ovsdb_atom_to_string(atom, type, out);
    }
}

static void
datum_to_bare(const struct ovsdb_datum *datum,
              const struct ovsdb_type *type, struct ds *out)
{
    bool is_map = ovsdb_type_is_map(type);

    for (unsigned int i = 0; i < datum->n; i++) {
        if (i > 0) {
            ds_put_char(out, ' ');
        }
        atom_to_bare(&datum->keys[i], type->key.type, out);
        if (is_map) {
            ds_put_char(out, '=');
            atom_to_bare(&datum->values[i], type->value.type, out);
        }
    }
}

void
table_cell_format(const struct table_cell *cell,
                  enum table_cell_format format, struct ds *out)
{
    switch (cell->kind) {
    case TABLE_CELL_EMPTY:
        break;

    case TABLE_CELL_TEXT:
        ds_put_cstr(out, cell->text);
        break;

    case TABLE_CELL_DATUM:
        if (format != TABLE_CELL_JSON) {
            struct ovsdb_datum datum;
            struct ovsdb_type type;

            if (cell_parse_datum(cell, &type, &datum)) {
                if (format == TABLE_CELL_STRING) {
                    /* Print with the real type, so that an optional
                     * scalar shows as "[]" or the bare atom. */
                    ovsdb_datum_to_string(&datum, cell->type, out);
                } else {
                    datum_to_bare(&datum, &type, out);
                }
                ovsdb_datum_destroy(&datum, &type);
                ovsdb_type_destroy(&type);
                break;
            }
        }
        json_to_ds(cell->json, JSSF_SORT, out);
        break;

    case TABLE_CELL_OTHER_JSON:
        json_to_ds(cell->json, JSSF_SORT, out);
        break;
    }
}

struct json *
table_cell_to_json(const struct table_cell *cell)
{
    switch (cell->kind) {
    case TABLE_CELL_TEXT:
        return json_string_create(cell->text);
    case TABLE_CELL_DATUM:
    case TABLE_CELL_OTHER_JSON:
        return json_clone(cell->json);
    case TABLE_CELL_EMPTY:
    default:
        return json_null_create();
    }
}

/* Tables. */

void
table_init(struct table *table)
{
    memset(table, 0, sizeof *table);
}

void
table_destroy(struct table *table)
{
    if (table) {
        for (size_t i = 0; i < table->n_rows * table->n_columns; i++) {
            table_cell_clear(&table->cells[i]);
        }
        free(table->cells);
        for (size_t i = 0; i < table->n_columns; i++) {
            free(table->headings[i]);
        }
        free(table->headings);
        free(table->caption);
    }
}

void
table_set_caption(struct table *table, char *caption)
{
    free(table->caption);
    table->caption = caption;
}

void
table_set_timestamp(struct table *table, bool timestamp)
{
    table->timestamp = timestamp;
    table->time = time_wall_msec();
}

size_t
table_add_column(struct table *table, const char *heading)
{
    ovs_assert(!table->n_rows);
    if (table->n_columns >= table->allocated_columns) {
        table->headings = x2nrealloc(table->headings,
                                     &table->allocated_columns,
                                     sizeof *table->headings);
    }
    table->headings[table->n_columns] = xstrdup(heading);
    return table->n_columns++;
}

size_t
table_add_row(struct table *table)
{
    size_t n = table->n_columns;

    if (table->n_rows >= table->allocated_rows) {
        size_t old = table->allocated_rows;

        if (!n) {
            /* A table without columns still counts its rows. */
            table->allocated_rows = MAX(2 * old, 8);
        } else {
            table->cells = x2nrealloc(table->cells, &table->allocated_rows,
                                      n * sizeof *table->cells);
        }
    }
    for (size_t i = 0; i < n; i++) {
        struct table_cell *cell = &table->cells[table->n_rows * n + i];

        memset(cell, 0, sizeof *cell);
        cell->kind = TABLE_CELL_EMPTY;
    }
    return table->n_rows++;
}

struct table_cell *
table_cell(struct table *table, size_t row, size_t column)
{
    ovs_assert(row < table->n_rows && column < table->n_columns);
    return &table->cells[row * table->n_columns + column];
}

const struct table_cell *
table_cell_ro(const struct table *table, size_t row, size_t column)
{
    ovs_assert(row < table->n_rows && column < table->n_columns);
    return &table->cells[row * table->n_columns + column];
}

/* Printing. */

static void
put_timestamp(const struct table *table, struct ds *out)
{
    ds_put_strftime_msec(out, "%Y-%m-%d %H:%M:%S.###", table->time, true);
}

/* The text of every cell of TABLE in STYLE's cell format, row by row. */
static char **
format_cells(const struct table *table, const struct table_style *style)
{
    size_t n = table->n_rows * table->n_columns;
    char **texts = xmalloc(MAX(n, 1) * sizeof *texts);

    for (size_t i = 0; i < n; i++) {
        struct ds s = DS_EMPTY_INITIALIZER;

        table_cell_format(&table->cells[i], style->cell_format, &s);
        texts[i] = ds_steal_cstr(&s);
    }
    return texts;
}

static void
free_cells(const struct table *table, char **texts)
{
    for (size_t i = 0; i < table->n_rows * table->n_columns; i++) {
        free(texts[i]);
    }
    free(texts);
}

static void
format_table(const struct table *table, const struct table_style *style,
             struct ds *out)
{
    size_t nc = table->n_columns;
    char **texts = format_cells(table, style);
    size_t *widths = xcalloc(MAX(nc, 1), sizeof *widths);
    size_t limit = style->max_column_width > 0 ? style->max_column_width
                                               : SIZE_MAX;

    for (size_t c = 0; c < nc; c++) {
        size_t w = 0;

        for (size_t r = 0; r < table->n_rows; r++) {
            w = MAX(w, MIN(strlen(texts[r * nc + c]), limit));
        }
        if (style->headings) {
            w = MAX(w, strlen(table->headings[c]));
        }
        widths[c] = w;
    }

    if (table->caption) {
        ds_put_format(out, "%s\n", table->caption);
    }
    if (style->headings) {
        for (size_t c = 0; c < nc; c++) {
            if (c) {
                ds_put_char(out, ' ');
            }
            ds_put_cstr(out, table->headings[c]);
            if (c + 1 < nc) {
                ds_put_char_multiple(out, ' ',
                                     widths[c] - strlen(table->headings[c]));
            }
        }
        ds_put_char(out, '\n');
        for (size_t c = 0; c < nc; c++) {
            if (c) {
                ds_put_char(out, ' ');
            }
            ds_put_char_multiple(out, '-', widths[c]);
        }
        ds_put_char(out, '\n');
    }
    for (size_t r = 0; r < table->n_rows; r++) {
        for (size_t c = 0; c < nc; c++) {
            const char *text = texts[r * nc + c];
            size_t len = MIN(strlen(text), widths[c]);

            if (c) {
                ds_put_char(out, ' ');
            }
            ds_put_buffer(out, text, len);
            if (c + 1 < nc) {
                ds_put_char_multiple(out, ' ', widths[c] - len);
            }
        }
        /* Like upstream, no line ends in spaces. */
        size_t len = out->length;
        while (len && out->string[len - 1] == ' ') {
            len--;
        }
        ds_truncate(out, len);
        ds_put_char(out, '\n');
    }

    free(widths);
    free_cells(table, texts);
}

static void
format_list(const struct table *table, const struct table_style *style,
            struct ds *out)
{
    size_t nc = table->n_columns;
    char **texts = format_cells(table, style);

    if (table->caption) {
        ds_put_format(out, "%s\n", table->caption);
    }
    for (size_t r = 0; r < table->n_rows; r++) {
        if (r) {
            ds_put_char(out, '\n');
        }
        for (size_t c = 0; c < nc; c++) {
            if (style->headings) {
                ds_put_format(out, "%-20s: ", table->headings[c]);
            }
            ds_put_format(out, "%s\n", texts[r * nc + c]);
        }
    }
    free_cells(table, texts);
}

/* Appends S to OUT with HTML's special characters escaped. */
static void
put_html_escaped(const char *s, struct ds *out)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            ds_put_cstr(out, "&amp;");
            break;
        case '<':
            ds_put_cstr(out, "&lt;");
            break;
        case '>':
            ds_put_cstr(out, "&gt;");
            break;
        case '"':
            ds_put_cstr(out, "&quot;");
            break;
        default:
            ds_put_char(out, *s);
            break;
        }
    }
}

/* Appends S to OUT with HTML's special characters escaped and each UUID
 * turned into a link to that UUID, showing its first 8 digits. */
static void
put_html_text(const char *s, struct ds *out)
{
    while (*s) {
        struct uuid uuid;
        char c[2];

        if (uuid_from_string_prefix(&uuid, s)) {
            ds_put_format(out, "<a href=\"#%.*s\">%.8s</a>",
                          UUID_LEN, s, s);
            s += UUID_LEN;
            continue;
        }
        c[0] = *s++;
        c[1] = '\0';
        put_html_escaped(c, out);
    }
}

static void
format_html(const struct table *table, const struct table_style *style,
            struct ds *out)
{
    size_t nc = table->n_columns;
    char **texts = format_cells(table, style);

    ds_put_cstr(out, "<table border=1>\n");
    if (table->caption) {
        ds_put_cstr(out, "    <caption>");
        put_html_text(table->caption, out);
        ds_put_cstr(out, "</caption>\n");
    }
    if (style->headings) {
        ds_put_cstr(out, "  <tr>\n");
        for (size_t c = 0; c < nc; c++) {
            ds_put_cstr(out, "    <th>");
            put_html_text(table->headings[c], out);
            ds_put_cstr(out, "</th>\n");
        }
        ds_put_cstr(out, "  </tr>\n");
    }
    for (size_t r = 0; r < table->n_rows; r++) {
        ds_put_cstr(out, "  <tr>\n");
        for (size_t c = 0; c < nc; c++) {
            const char *text = texts[r * nc + c];

            ds_put_cstr(out, "    <td>");
            if (!strcmp(table->headings[c], "_uuid")) {
                /* A row's own UUID: an anchor named after the whole cell,
                 * showing its first 8 bytes. */
                char *head = xmemdup0(text, MIN(strlen(text), 8));

                ds_put_cstr(out, "<a name=\"");
                put_html_escaped(text, out);
                ds_put_cstr(out, "\">");
                put_html_escaped(head, out);
                ds_put_cstr(out, "</a>");
                free(head);
            } else {
                put_html_text(text, out);
            }
            ds_put_cstr(out, "</td>\n");
        }
        ds_put_cstr(out, "  </tr>\n");
    }
    ds_put_cstr(out, "</table>\n");
    free_cells(table, texts);
}

/* Appends S as one CSV field, quoted if it holds a comma, a quote or a
 * line break. */
static void
put_csv_field(const char *s, struct ds *out)
{
    if (!s[strcspn(s, ",\"\r\n")]) {
        ds_put_cstr(out, s);
        return;
    }
    ds_put_char(out, '"');
    for (; *s; s++) {
        if (*s == '"') {
            ds_put_char(out, '"');
        }
        ds_put_char(out, *s);
    }
    ds_put_char(out, '"');
}

static void
format_csv(const struct table *table, const struct table_style *style,
           struct ds *out)
{
    size_t nc = table->n_columns;
    char **texts = format_cells(table, style);

    if (table->caption) {
        ds_put_format(out, "%s\n", table->caption);
    }
    if (style->headings) {
        for (size_t c = 0; c < nc; c++) {
            if (c) {
                ds_put_char(out, ',');
            }
            put_csv_field(table->headings[c], out);
        }
        ds_put_char(out, '\n');
    }
    for (size_t r = 0; r < table->n_rows; r++) {
        for (size_t c = 0; c < nc; c++) {
            if (c) {
                ds_put_char(out, ',');
            }
            put_csv_field(texts[r * nc + c], out);
        }
        ds_put_char(out, '\n');
    }
    free_cells(table, texts);
}

static void
format_json(const struct table *table, const struct table_style *style,
            struct ds *out)
{
    struct json *object = json_object_create();
    struct json *data = json_array_create_empty();
    struct json *headings = json_array_create_empty();

    if (table->caption) {
        json_object_put_string(object, "caption", table->caption);
    }
    if (table->timestamp) {
        struct ds s = DS_EMPTY_INITIALIZER;

        put_timestamp(table, &s);
        json_object_put(object, "time",
                        json_string_create_nocopy(ds_steal_cstr(&s)));
    }
    /* JSON output always has the headings, as upstream's has. */
    for (size_t c = 0; c < table->n_columns; c++) {
        json_array_add(headings, json_string_create(table->headings[c]));
    }
    json_object_put(object, "headings", headings);
    for (size_t r = 0; r < table->n_rows; r++) {
        struct json *row = json_array_create_empty();

        for (size_t c = 0; c < table->n_columns; c++) {
            json_array_add(row, table_cell_to_json(table_cell_ro(table, r,
                                                                 c)));
        }
        json_array_add(data, row);
    }
    json_object_put(object, "data", data);

    json_to_ds(object, style->json_flags | JSSF_SORT, out);
    ds_put_char(out, '\n');
    json_destroy(object);
}

void
table_format(const struct table *table, const struct table_style *style,
             bool first, struct ds *out)
{
    if (!first && (style->format == TABLE_FORMAT_TABLE
                   || style->format == TABLE_FORMAT_LIST
                   || style->format == TABLE_FORMAT_CSV)) {
        ds_put_char(out, '\n');
    }
    if (table->timestamp && style->format != TABLE_FORMAT_JSON) {
        put_timestamp(table, out);
        ds_put_char(out, '\n');
    }

    switch (style->format) {
    case TABLE_FORMAT_TABLE:
        format_table(table, style, out);
        break;
    case TABLE_FORMAT_LIST:
        format_list(table, style, out);
        break;
    case TABLE_FORMAT_HTML:
        format_html(table, style, out);
        break;
    case TABLE_FORMAT_CSV:
        format_csv(table, style, out);
        break;
    case TABLE_FORMAT_JSON:
        format_json(table, style, out);
        break;
    }
}

void
table_print(const struct table *table, const struct table_style *style)
{
    static bool printed;        /* Has an earlier table been printed? */
    struct ds out = DS_EMPTY_INITIALIZER;

    table_format(table, style, !printed, &out);
    printed = true;
    fputs(ds_cstr(&out), stdout);
    ds_destroy(&out);
}
