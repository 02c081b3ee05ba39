/* Unit tests for lib/table-format.h.  The expected texts are what
 * upstream's ovsdb-client prints for the same tables. */
#include <config.h>
#include "table-format.h"
#include "dynamic-string.h"
#include "json.h"
#include "ovsdb-error.h"
#include "ovsdb-types.h"
#include "ovstest.h"

static void
parse_type(struct ovsdb_type *type, const char *s)
{
    struct json *json = json_from_buffer(s, strlen(s),
                                         JSPF_TRAILER | JSPF_SCALAR, NULL);
    struct ovsdb_error *error;

    CHECK(json != NULL);
    error = ovsdb_type_from_json(type, json);
    CHECK(error == NULL);
    json_destroy(json);
}

static struct json *
parse_json(const char *s)
{
    struct json *json = json_from_buffer(s, strlen(s),
                                         JSPF_TRAILER | JSPF_SCALAR, NULL);

    CHECK(json != NULL);
    return json;
}

/* Sets CELL to datum S (JSON) of type TYPE_S (JSON). */
static void
set_datum(struct table_cell *cell, const char *type_s, const char *s)
{
    struct ovsdb_type type;

    parse_type(&type, type_s);
    table_cell_set_datum_json(cell, parse_json(s), &type);
    ovsdb_type_destroy(&type);
}

/* A two-column table like "dump" prints: a caption, a uuid and a map. */
static void
make_table(struct table *t)
{
    size_t row;

    table_init(t);
    table_set_caption(t, xstrdup("Other table"));
    table_add_column(t, "_uuid");
    table_add_column(t, "m");
    table_add_column(t, "s");

    row = table_add_row(t);
    set_datum(table_cell(t, row, 0), "\"uuid\"",
              "[\"uuid\",\"4fc6f4a0-956a-414b-ac81-a0df8aa43584\"]");
    set_datum(table_cell(t, row, 1),
              "{\"key\":\"string\",\"value\":\"string\",\"min\":0,"
              "\"max\":\"unlimited\"}",
              "[\"map\",[[\"k 2\",\"v,2\"],[\"k1\",\"v1\"]]]");
    set_datum(table_cell(t, row, 2), "\"string\"", "\"x<y>&z\"");

    row = table_add_row(t);
    set_datum(table_cell(t, row, 0), "\"uuid\"",
              "[\"uuid\",\"aa340426-112b-424f-8980-dd67c5a331eb\"]");
    set_datum(table_cell(t, row, 1),
              "{\"key\":\"string\",\"value\":\"string\",\"min\":0,"
              "\"max\":\"unlimited\"}",
              "[\"map\",[]]");
    /* The last cell stays empty. */
}

static char *
format(const struct table *t, const struct table_style *style, bool first)
{
    struct ds out = DS_EMPTY_INITIALIZER;

    table_format(t, style, first, &out);
    return ds_steal_cstr(&out);
}

static void
test_text_table(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct table_style style = TABLE_STYLE_DEFAULT_INITIALIZER;
    struct table t;
    char *s;

    make_table(&t);
    s = format(&t, &style, true);
    CHECK_STR(s,
              "Other table\n"
              "_uuid                                m                    s\n"
              "------------------------------------ -------------------- "
              "--------\n"
              "4fc6f4a0-956a-414b-ac81-a0df8aa43584 {\"k 2\"=\"v,2\", "
              "k1=v1} \"x<y>&z\"\n"
              "aa340426-112b-424f-8980-dd67c5a331eb {}\n");
    free(s);

    /* A later table is preceded by a blank line. */
    style.headings = false;
    style.cell_format = TABLE_CELL_BARE;
    s = format(&t, &style, false);
    CHECK_STR(s,
              "\nOther table\n"
              "4fc6f4a0-956a-414b-ac81-a0df8aa43584 k 2=v,2 k1=v1 x<y>&z\n"
              "aa340426-112b-424f-8980-dd67c5a331eb\n");
    free(s);

    /* Cells are cut at the maximum width, but not the headings. */
    style.headings = true;
    style.cell_format = TABLE_CELL_STRING;
    style.max_column_width = 4;
    s = format(&t, &style, true);
    CHECK_STR(s,
              "Other table\n"
              "_uuid m    s\n"
              "----- ---- ----\n"
              "4fc6f {\"k  \"x<y\n"
              "aa340 {}\n");
    free(s);
    table_destroy(&t);
}

static void
test_list(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct table_style style = TABLE_STYLE_DEFAULT_INITIALIZER;
    struct table t;
    char *s;

    make_table(&t);
    style.format = TABLE_FORMAT_LIST;
    style.cell_format = TABLE_CELL_JSON;
    s = format(&t, &style, true);
    CHECK_STR(s,
              "Other table\n"
              "_uuid               : [\"uuid\","
              "\"4fc6f4a0-956a-414b-ac81-a0df8aa43584\"]\n"
              "m                   : [\"map\",[[\"k 2\",\"v,2\"],"
              "[\"k1\",\"v1\"]]]\n"
              "s                   : \"x<y>&z\"\n"
              "\n"
              "_uuid               : [\"uuid\","
              "\"aa340426-112b-424f-8980-dd67c5a331eb\"]\n"
              "m                   : [\"map\",[]]\n"
              "s                   : \n");
    free(s);
    table_destroy(&t);
}

static void
test_html(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct table_style style = TABLE_STYLE_DEFAULT_INITIALIZER;
    struct table t;
    size_t row;
    char *s;

    table_init(&t);
    table_add_column(&t, "row");
    table_add_column(&t, "ref");
    row = table_add_row(&t);
    table_cell_set_text(table_cell(&t, row, 0),
                        "a9d22f77-a3b0-4e49-bf84-cf988e2dd42e");
    set_datum(table_cell(&t, row, 1),
              "{\"key\":\"uuid\",\"min\":0,\"max\":\"unlimited\"}",
              "[\"set\",[[\"uuid\","
              "\"2da0ed8c-af9e-4c68-8834-74c1e3fd7c76\"]]]");

    style.format = TABLE_FORMAT_HTML;
    s = format(&t, &style, false);
    CHECK_STR(s,
              "<table border=1>\n"
              "  <tr>\n"
              "    <th>row</th>\n"
              "    <th>ref</th>\n"
              "  </tr>\n"
              "  <tr>\n"
              "    <td><a href=\"#a9d22f77-a3b0-4e49-bf84-cf988e2dd42e\">"
              "a9d22f77</a></td>\n"
              "    <td>[<a href=\"#2da0ed8c-af9e-4c68-8834-74c1e3fd7c76\">"
              "2da0ed8c</a>]</td>\n"
              "  </tr>\n"
              "</table>\n");
    free(s);
    table_destroy(&t);

    /* The "_uuid" column holds anchors; text is escaped. */
    make_table(&t);
    style.headings = false;
    s = format(&t, &style, true);
    CHECK_STR(s,
              "<table border=1>\n"
              "    <caption>Other table</caption>\n"
              "  <tr>\n"
              "    <td><a name=\"4fc6f4a0-956a-414b-ac81-a0df8aa43584\">"
              "4fc6f4a0</a></td>\n"
              "    <td>{&quot;k 2&quot;=&quot;v,2&quot;, k1=v1}</td>\n"
              "    <td>&quot;x&lt;y&gt;&amp;z&quot;</td>\n"
              "  </tr>\n"
              "  <tr>\n"
              "    <td><a name=\"aa340426-112b-424f-8980-dd67c5a331eb\">"
              "aa340426</a></td>\n"
              "    <td>{}</td>\n"
              "    <td></td>\n"
              "  </tr>\n"
              "</table>\n");
    free(s);
    table_destroy(&t);
}

static void
test_csv(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct table_style style = TABLE_STYLE_DEFAULT_INITIALIZER;
    struct table t;
    char *s;

    make_table(&t);
    style.format = TABLE_FORMAT_CSV;
    s = format(&t, &style, false);
    CHECK_STR(s,
              "\nOther table\n"
              "_uuid,m,s\n"
              "4fc6f4a0-956a-414b-ac81-a0df8aa43584,"
              "\"{\"\"k 2\"\"=\"\"v,2\"\", k1=v1}\",\"\"\"x<y>&z\"\"\"\n"
              "aa340426-112b-424f-8980-dd67c5a331eb,{},\n");
    free(s);
    table_destroy(&t);
}

static void
test_json(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct table_style style = TABLE_STYLE_DEFAULT_INITIALIZER;
    struct table t;
    size_t row;
    char *s;

    make_table(&t);
    style.format = TABLE_FORMAT_JSON;
    style.headings = false;     /* JSON always has headings. */
    s = format(&t, &style, false);
    CHECK_STR(s,
              "{\"caption\":\"Other table\",\"data\":["
              "[[\"uuid\",\"4fc6f4a0-956a-414b-ac81-a0df8aa43584\"],"
              "[\"map\",[[\"k 2\",\"v,2\"],[\"k1\",\"v1\"]]],\"x<y>&z\"],"
              "[[\"uuid\",\"aa340426-112b-424f-8980-dd67c5a331eb\"],"
              "[\"map\",[]],null]],"
              "\"headings\":[\"_uuid\",\"m\",\"s\"]}\n");
    free(s);
    table_destroy(&t);

    /* Text cells are strings, JSON cells stay JSON; --pretty. */
    table_init(&t);
    table_add_column(&t, "Column");
    table_add_column(&t, "Type");
    row = table_add_row(&t);
    table_cell_set_format(table_cell(&t, row, 0), "%s", "n");
    table_cell_set_json(table_cell(&t, row, 1),
                        parse_json("{\"min\":0,\"key\":\"integer\"}"));
    style.json_flags = JSSF_PRETTY;
    s = format(&t, &style, true);
    CHECK_STR(s,
              "{\n"
              "  \"data\": [\n"
              "    [\n"
              "      \"n\",\n"
              "      {\n"
              "        \"key\": \"integer\",\n"
              "        \"min\": 0}]],\n"
              "  \"headings\": [\n"
              "    \"Column\",\n"
              "    \"Type\"]}\n");
    free(s);

    /* Plain JSON cells print as sorted JSON in text tables too. */
    style = (struct table_style) TABLE_STYLE_DEFAULT_INITIALIZER;
    style.cell_format = TABLE_CELL_BARE;
    s = format(&t, &style, true);
    CHECK_STR(s,
              "Column Type\n"
              "------ -------------------------\n"
              "n      {\"key\":\"integer\",\"min\":0}\n");
    free(s);
    table_destroy(&t);
}

static void
test_cells(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const struct {
        const char *type;
        const char *datum;
        const char *string;
        const char *bare;
    } cases[] = {
        { "\"integer\"", "5", "5", "5" },
        { "\"real\"", "2.5", "2.5", "2.5" },
        { "\"boolean\"", "false", "false", "false" },
        { "\"string\"", "\"\"", "\"\"", "" },
        { "\"string\"", "\"a b\"", "\"a b\"", "a b" },
        { "\"string\"", "\"abc\"", "abc", "abc" },
        { "{\"key\":\"integer\",\"min\":0}", "[\"set\",[]]", "[]", "" },
        { "{\"key\":\"integer\",\"min\":0}", "7", "7", "7" },
        { "{\"key\":\"string\",\"min\":0,\"max\":\"unlimited\"}",
          "[\"set\",[\"\\\"q\\\"\",\"a\",\"b c\"]]",
          "[\"\\\"q\\\"\", a, \"b c\"]", "\"q\" a b c" },
        { "{\"key\":\"integer\",\"value\":\"real\",\"min\":0,"
          "\"max\":\"unlimited\"}",
          "[\"map\",[[1,1.5],[2,-3]]]", "{1=1.5, 2=-3}", "1=1.5 2=-3" },
        /* Not a datum of the type: printed as JSON. */
        { "\"integer\"", "\"x\"", "\"x\"", "\"x\"" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct table_cell cell = { TABLE_CELL_EMPTY, NULL, NULL, NULL };
        struct ds s = DS_EMPTY_INITIALIZER;
        struct json *json;
        char *j;

        set_datum(&cell, cases[i].type, cases[i].datum);
        table_cell_format(&cell, TABLE_CELL_STRING, &s);
        CHECK_STR(ds_cstr(&s), cases[i].string);
        ds_clear(&s);
        table_cell_format(&cell, TABLE_CELL_BARE, &s);
        CHECK_STR(ds_cstr(&s), cases[i].bare);
        ds_clear(&s);
        table_cell_format(&cell, TABLE_CELL_JSON, &s);
        json = table_cell_to_json(&cell);
        j = json_to_string(json, JSSF_SORT);
        CHECK_STR(ds_cstr(&s), j);
        free(j);
        json_destroy(json);
        ds_destroy(&s);
        table_cell_clear(&cell);
    }
}

static void
test_options(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    enum table_format format;
    enum table_cell_format cell;

    CHECK(table_format_from_string("list", &format));
    CHECK_INT(format, TABLE_FORMAT_LIST);
    CHECK(table_format_from_string("json", &format));
    CHECK_INT(format, TABLE_FORMAT_JSON);
    CHECK(!table_format_from_string("xml", &format));
    CHECK(table_cell_format_from_string("bare", &cell));
    CHECK_INT(cell, TABLE_CELL_BARE);
    CHECK(!table_cell_format_from_string("", &cell));
}

static void
test_empty(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct table_style style = TABLE_STYLE_DEFAULT_INITIALIZER;
    struct table t;
    char *s;

    table_init(&t);
    table_add_column(&t, "Table");
    s = format(&t, &style, true);
    CHECK_STR(s, "Table\n-----\n");
    free(s);
    style.format = TABLE_FORMAT_LIST;
    s = format(&t, &style, true);
    CHECK_STR(s, "");
    free(s);
    table_destroy(&t);

    /* A timestamped table starts with the time, in UTC. */
    table_init(&t);
    table_add_column(&t, "x");
    table_set_timestamp(&t, true);
    t.time = 1795334838237LL;
    style.format = TABLE_FORMAT_CSV;
    s = format(&t, &style, true);
    CHECK_STR(s, "2026-11-22 08:07:18.237\nx\n");
    free(s);
    table_destroy(&t);
}

OVSTEST_REGISTER("table-format/text-table", test_text_table);
OVSTEST_REGISTER("table-format/list", test_list);
OVSTEST_REGISTER("table-format/html", test_html);
OVSTEST_REGISTER("table-format/csv", test_csv);
OVSTEST_REGISTER("table-format/json", test_json);
OVSTEST_REGISTER("table-format/cells", test_cells);
OVSTEST_REGISTER("table-format/options", test_options);
OVSTEST_REGISTER("table-format/empty", test_empty);
