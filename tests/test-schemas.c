/* test-schemas.c: helper command for tests/schemas.at, which checks that
 * the schemas we ship (vswitchd/vswitch.ovsschema, vtep/vtep.ovsschema)
 * mean exactly what upstream's do. */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include "json.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "ovstest.h"
#include "util.h"

static struct ovsdb_schema *
read_schema(const char *file)
{
    struct ovsdb_schema *schema;
    struct ovsdb_error *error = ovsdb_schema_from_file(file, &schema);

    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        ovs_fatal(0, "%s", s);
    }
    return schema;
}

/* Prints the tables of A and B whose JSON differs. */
static void
print_differences(const struct ovsdb_schema *a, const struct ovsdb_schema *b)
{
    struct json *ja = ovsdb_schema_to_json(a);
    struct json *jb = ovsdb_schema_to_json(b);
    struct shash *ta = json_object(json_object_get(ja, "tables"));
    struct shash *tb = json_object(json_object_get(jb, "tables"));
    struct shash_node *node;

    SHASH_FOR_EACH (node, ta) {
        struct json *other = shash_find_data(tb, node->name);
        if (!other || !json_equal(node->data, other)) {
            char *s1 = json_to_string(node->data, JSSF_SORT);
            char *s2 = other ? json_to_string(other, JSSF_SORT) : NULL;
            printf("table %s differs:\n  %s\n  %s\n", node->name, s1,
                   s2 ? s2 : "(missing)");
            free(s1);
            free(s2);
        }
    }
    SHASH_FOR_EACH (node, tb) {
        if (!shash_find(ta, node->name)) {
            printf("table %s is missing\n", node->name);
        }
    }
    json_destroy(ja);
    json_destroy(jb);
}

/* "schemas/equal [--ignore-cksum] A B": exits 0 if schema files A and B
 * are equal by ovsdb_schema_equal() (with B's checksum taken as A's if
 * --ignore-cksum), otherwise prints how they differ and exits 1. */
static void
test_equal_cmd(int argc, char *argv[])
{
    bool ignore_cksum = argc > 1 && !strcmp(argv[1], "--ignore-cksum");
    struct ovsdb_schema *a, *b;
    bool equal;

    if (argc != 3 + ignore_cksum) {
        ovs_fatal(0, "usage: schemas/equal [--ignore-cksum] A B");
    }
    a = read_schema(argv[1 + ignore_cksum]);
    b = read_schema(argv[2 + ignore_cksum]);
    if (ignore_cksum) {
        free(b->cksum);
        b->cksum = xstrdup(a->cksum);
    }
    equal = ovsdb_schema_equal(a, b);
    if (!equal) {
        if (strcmp(a->name, b->name) || strcmp(a->version, b->version)
            || strcmp(a->cksum, b->cksum)) {
            printf("name, version or cksum differ: %s %s %s, %s %s %s\n",
                   a->name, a->version, a->cksum,
                   b->name, b->version, b->cksum);
        }
        print_differences(a, b);
    }
    ovsdb_schema_destroy(a);
    ovsdb_schema_destroy(b);
    exit(equal ? 0 : 1);
}

OVSTEST_COMMAND("schemas/equal", test_equal_cmd);
