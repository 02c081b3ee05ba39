/* Unit tests for lib/json-order.h.  The expected orders are those in
 * which upstream's ovsdb-client listed the columns of test schemas
 * ("list-columns"), which is the model's whole point. */
#include <config.h>
#include "json-order.h"
#include "dynamic-string.h"
#include "json.h"
#include "ovstest.h"
#include "shash.h"
#include "svec.h"

/* Returns the names of WORDS (space-separated) in simulated upstream
 * iteration order, space-separated. */
static char *
simulate(const char *words)
{
    struct svec names = SVEC_EMPTY_INITIALIZER;
    struct ds out = DS_EMPTY_INITIALIZER;
    size_t *order, n;

    svec_parse_words(&names, words);
    order = json_order_simulate((const char *const *) names.names, names.n,
                                &n);
    for (size_t i = 0; i < n; i++) {
        ds_put_format(&out, "%s%s", i ? " " : "", names.names[order[i]]);
    }
    free(order);
    svec_destroy(&names);
    return ds_steal_cstr(&out);
}

/* The columns of a table schema whose "columns" object lists COLUMNS in
 * that text order, in the order upstream's list-columns prints them. */
static char *
columns_order(const char *columns)
{
    struct ds text = DS_EMPTY_INITIALIZER;
    struct svec names = SVEC_EMPTY_INITIALIZER;
    const struct shash_node **members;
    struct json_order *order;
    struct json *json;
    char *s;
    size_t n;

    svec_parse_words(&names, columns);
    ds_put_cstr(&text, "{\"columns\": {");
    for (size_t i = 0; i < names.n; i++) {
        ds_put_format(&text, "%s\"%s\": {\"type\": \"integer\"}",
                      i ? ", " : "", names.names[i]);
    }
    ds_put_cstr(&text, "}}");
    svec_destroy(&names);

    json = json_from_string(ds_cstr(&text));
    CHECK(json->type == JSON_OBJECT);
    order = json_order_create(json, text.string, text.length);
    members = json_order_members(order, json_object_get(json, "columns"),
                                 &n);

    /* The table schema gets "_uuid" and "_version" first, then the
     * columns in the iteration order of the "columns" object. */
    ds_clear(&text);
    ds_put_cstr(&text, "_uuid _version");
    for (size_t i = 0; i < n; i++) {
        ds_put_format(&text, " %s", members[i]->name);
    }
    s = simulate(ds_cstr(&text));

    free(members);
    json_order_destroy(order);
    json_destroy(json);
    ds_destroy(&text);
    return s;
}

static void
test_upstream_orders(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char *s;

    s = columns_order("x");
    CHECK_STR(s, "_version x _uuid");
    free(s);

    s = columns_order("name n");
    CHECK_STR(s, "name _version _uuid n");
    free(s);

    s = columns_order("mi imm m wref u si ss r e ref eph oi b i s");
    CHECK_STR(s, "si u ss e _uuid b oi s m mi imm _version wref r eph "
              "ref i");
    free(s);

    /* Upstream's dump asks for user-given columns in this order. */
    s = simulate("s i si b _version u imm");
    CHECK_STR(s, "imm _version b u si s i");
    free(s);

    /* Duplicates keep their first place. */
    s = simulate("b a b");
    CHECK_STR(s, "b a");
    free(s);

    s = simulate("");
    CHECK_STR(s, "");
    free(s);
}

static void
test_nested(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const char text[] =
        " {\"a\": [1, {\"z\": 1, \"y\": \"\\\"}\", \"x\": {}}],\n"
        "  \"b\\u0063\": {\"q\": null, \"p\": [true, false]}}";
    struct json *json = json_from_string(text);
    const struct json *inner, *bc;
    const struct shash_node **members;
    struct json_order *order;
    size_t n;

    CHECK(json->type == JSON_OBJECT);
    order = json_order_create(json, text, strlen(text));

    inner = json_object_get(json, "a")->array.elems[1];
    members = json_order_members(order, inner, &n);
    CHECK_INT(n, 3);
    free(members);

    bc = json_object_get(json, "bc");
    CHECK(bc != NULL);
    members = json_order_members(order, bc, &n);
    CHECK_INT(n, 2);
    free(members);

    /* An object that the text did not describe comes in name order. */
    members = json_order_members(NULL, bc, &n);
    CHECK_INT(n, 2);
    CHECK_STR(members[0]->name, "p");
    CHECK_STR(members[1]->name, "q");
    free(members);

    json_order_destroy(order);
    json_destroy(json);
}

static void
test_mismatch(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const char *texts[] = {
        "", "{", "[", "{\"a\"", "{\"a\":", "{\"a\":[}", "}}}]]]",
        "{\"a\" 1 \"b\" 2}", "\"unterminated", "{\"a\":{\"b\":{\"c\":",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    };
    struct json *json = json_from_string("{\"a\": {\"b\": 1}, \"c\": 2}");

    /* Text that is not the value's (or not JSON at all) must neither
     * crash nor give members that the object lacks. */
    for (size_t i = 0; i < ARRAY_SIZE(texts); i++) {
        struct json_order *order = json_order_create(json, texts[i],
                                                     strlen(texts[i]));
        const struct shash_node **members;
        size_t n;

        members = json_order_members(order, json, &n);
        CHECK_INT(n, 2);
        free(members);
        members = json_order_members(order, json_object_get(json, "a"), &n);
        CHECK_INT(n, 1);
        CHECK_STR(members[0]->name, "b");
        free(members);
        json_order_destroy(order);
    }
    json_destroy(json);
}

OVSTEST_REGISTER("json-order/upstream-orders", test_upstream_orders);
OVSTEST_REGISTER("json-order/nested", test_nested);
OVSTEST_REGISTER("json-order/mismatch", test_mismatch);
