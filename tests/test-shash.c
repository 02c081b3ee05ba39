/* Unit tests for lib/shash.h. */
#include <config.h>
#include "shash.h"
#include "ovstest.h"

static void
test_shash_basics(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct shash sh = SHASH_INITIALIZER(&sh);
    const struct shash_node **sorted;
    struct shash_node *node;
    int one = 1, two = 2, three = 3;
    size_t n;

    CHECK(shash_is_empty(&sh));
    CHECK(shash_add_once(&sh, "b", &two));
    CHECK(!shash_add_once(&sh, "b", &one));
    shash_add(&sh, "a", &one);
    CHECK(shash_replace(&sh, "c", &three) == NULL);
    CHECK(shash_replace(&sh, "c", &one) == &three);
    CHECK_INT(shash_count(&sh), 3);
    CHECK(shash_find_data(&sh, "a") == &one);
    CHECK(shash_find_data(&sh, "c") == &one);
    CHECK(shash_find_data(&sh, "d") == NULL);
    CHECK(shash_find_data_len(&sh, "bxyz", 1) == &two);
    CHECK(shash_find_len(&sh, "bxyz", 2) == NULL);

    sorted = shash_sort(&sh);
    CHECK_STR(sorted[0]->name, "a");
    CHECK_STR(sorted[1]->name, "b");
    CHECK_STR(sorted[2]->name, "c");
    free(sorted);

    n = 0;
    SHASH_FOR_EACH_SAFE (node, &sh) {
        if (!strcmp(node->name, "b")) {
            shash_delete(&sh, node);
        }
        n++;
    }
    CHECK_INT(n, 3);
    CHECK(shash_find_and_delete(&sh, "a") == &one);
    CHECK(shash_find_and_delete(&sh, "a") == NULL);
    CHECK_INT(shash_count(&sh), 1);
    CHECK_STR(shash_first(&sh)->name, "c");
    shash_destroy(&sh);
}
OVSTEST_REGISTER("shash/basics", test_shash_basics);

static void
test_shash_free_data_and_keys(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct shash a, b;
    char name[16];
    int i;

    shash_init(&a);
    shash_init(&b);
    for (i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "key%d", i);
        shash_add(&a, name, xstrdup(name));
        shash_add_nocopy(&b, xstrdup(name), NULL);
    }
    CHECK(shash_equal_keys(&a, &b));
    shash_delete(&b, shash_find(&b, "key7"));
    CHECK(!shash_equal_keys(&a, &b));
    CHECK_STR(shash_find_data(&a, "key999"), "key999");
    shash_destroy_free_data(&a);
    shash_destroy(&b);
}
OVSTEST_REGISTER("shash/free-data-and-keys", test_shash_free_data_and_keys);
