/* Unit tests for lib/smap.h. */
#include <config.h>
#include "smap.h"
#include "ovstest.h"
#include "uuid.h"

static void
test_smap_basics(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct smap smap = SMAP_INITIALIZER(&smap);
    const struct smap_node **sorted;
    struct smap_node *node;
    size_t n;

    CHECK(smap_is_empty(&smap));
    smap_add(&smap, "b", "2");
    CHECK(smap_add_once(&smap, "a", "1"));
    CHECK(!smap_add_once(&smap, "a", "x"));
    smap_add_format(&smap, "c", "%d-%s", 3, "three");
    CHECK_INT(smap_count(&smap), 3);
    CHECK_STR(smap_get(&smap, "a"), "1");
    CHECK_STR(smap_get(&smap, "c"), "3-three");
    CHECK(smap_get(&smap, "d") == NULL);
    CHECK_STR(smap_get_def(&smap, "d", "dflt"), "dflt");
    CHECK_STR(smap_get_def(&smap, "b", "dflt"), "2");

    smap_replace(&smap, "a", "one");
    smap_replace(&smap, "d", "four");
    CHECK_INT(smap_count(&smap), 4);
    CHECK_STR(smap_get(&smap, "a"), "one");
    CHECK_STR(smap_get(&smap, "d"), "four");

    sorted = smap_sort(&smap);
    CHECK_STR(sorted[0]->key, "a");
    CHECK_STR(sorted[1]->key, "b");
    CHECK_STR(sorted[2]->key, "c");
    CHECK_STR(sorted[3]->key, "d");
    free(sorted);

    CHECK(smap_remove(&smap, "b"));
    CHECK(!smap_remove(&smap, "b"));
    node = smap_get_node(&smap, "c");
    char *value = smap_steal(&smap, node);
    CHECK_STR(value, "3-three");
    free(value);

    n = 0;
    SMAP_FOR_EACH_SAFE (node, &smap) {
        smap_remove_node(&smap, node);
        n++;
    }
    CHECK_INT(n, 2);
    CHECK(smap_is_empty(&smap));
    CHECK(smap_sort(&smap) == NULL);

    smap_add_nocopy(&smap, xstrdup("k"), xstrdup("v"));
    smap_replace_nocopy(&smap, "k", xstrdup("w"));
    CHECK_STR(smap_get(&smap, "k"), "w");
    smap_destroy(&smap);
}
OVSTEST_REGISTER("smap/basics", test_smap_basics);

static void
test_smap_typed(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct smap smap;
    struct uuid uuid;

    smap_init(&smap);
    smap_add(&smap, "t", "true");
    smap_add(&smap, "T", "TRUE");
    smap_add(&smap, "f", "False");
    smap_add(&smap, "junk", "yes");
    smap_add(&smap, "int", "-42");
    smap_add(&smap, "big", "99999999999");
    smap_add(&smap, "ull", "18446744073709551615");
    smap_add(&smap, "neg", "-1");
    smap_add(&smap, "space", " 5");
    smap_add(&smap, "dbl", "2.5");
    smap_add(&smap, "uuid", "550e8400-e29b-41d4-a716-446655440000");

    CHECK(smap_get_bool(&smap, "t", false));
    CHECK(smap_get_bool(&smap, "T", false));
    CHECK(!smap_get_bool(&smap, "f", true));
    CHECK(smap_get_bool(&smap, "junk", true));
    CHECK(!smap_get_bool(&smap, "junk", false));
    CHECK(smap_get_bool(&smap, "missing", true));

    CHECK_INT(smap_get_int(&smap, "int", 7), -42);
    CHECK_INT(smap_get_int(&smap, "big", 7), 7);
    CHECK_INT(smap_get_int(&smap, "junk", 7), 7);
    CHECK_INT(smap_get_int(&smap, "space", 7), 7);
    CHECK_INT(smap_get_int(&smap, "missing", 7), 7);
    CHECK_INT(smap_get_uint(&smap, "neg", 7), 7);
    CHECK_INT(smap_get_uint(&smap, "big", 7), 7);
    CHECK(smap_get_ullong(&smap, "ull", 7) == UINT64_MAX);
    CHECK(smap_get_ullong(&smap, "big", 7) == 99999999999ULL);
    CHECK(smap_get_ullong(&smap, "neg", 7) == 7);
    CHECK(smap_get_double(&smap, "dbl", 0) == 2.5);
    CHECK(smap_get_double(&smap, "junk", 1.5) == 1.5);

    CHECK(smap_get_uuid(&smap, "uuid", &uuid));
    CHECK_INT(uuid.parts[0], 0x550e8400);
    CHECK(!smap_get_uuid(&smap, "junk", &uuid));
    CHECK(uuid_is_zero(&uuid));
    CHECK(!smap_get_uuid(&smap, "missing", &uuid));
    smap_destroy(&smap);
}
OVSTEST_REGISTER("smap/typed-getters", test_smap_typed);

static void
test_smap_clone_equal(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct smap a, b, c;
    char key[16];
    int i;

    smap_init(&a);
    for (i = 0; i < 500; i++) {
        snprintf(key, sizeof key, "k%d", i);
        smap_add_format(&a, key, "v%d", i);
    }
    smap_clone(&b, &a);
    CHECK(smap_equal(&a, &b));
    CHECK_STR(smap_get(&b, "k499"), "v499");

    smap_replace(&b, "k7", "different");
    CHECK(!smap_equal(&a, &b));
    smap_replace(&b, "k7", "v7");
    CHECK(smap_equal(&a, &b));
    smap_remove(&b, "k8");
    CHECK(!smap_equal(&a, &b));
    smap_add(&b, "k8x", "v8");
    CHECK(!smap_equal(&a, &b));

    smap_init(&c);
    smap_swap(&b, &c);
    CHECK(smap_is_empty(&b));
    CHECK_INT(smap_count(&c), 500);

    smap_destroy(&a);
    smap_destroy(&b);
    smap_destroy(&c);
    smap_destroy(NULL);
}
OVSTEST_REGISTER("smap/clone-equal", test_smap_clone_equal);
