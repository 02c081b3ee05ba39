/* Unit tests for lib/sset.h. */
#include <config.h>
#include "sset.h"
#include "ovstest.h"

static char *
join(const struct sset *set)
{
    return sset_join(set, ",", "");
}

static void
check_set(const struct sset *set, const char *expected)
{
    char *s = join(set);

    CHECK_STR(s, expected);
    free(s);
}

static void
test_sset_basics(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct sset set = SSET_INITIALIZER(&set);
    const char **names;
    const char *name;
    size_t n;

    CHECK(sset_is_empty(&set));
    CHECK(sset_add(&set, "b") != NULL);
    CHECK(sset_add(&set, "b") == NULL);
    CHECK(sset_add(&set, "a") != NULL);
    CHECK(sset_add_and_free(&set, xstrdup("c")) != NULL);
    CHECK(sset_add_and_free(&set, xstrdup("c")) == NULL);
    sset_add_assert(&set, "");
    CHECK_INT(sset_count(&set), 4);
    CHECK(sset_contains(&set, ""));
    CHECK(sset_contains(&set, "a"));
    CHECK(!sset_contains(&set, "d"));
    CHECK_STR(sset_find(&set, "c")->name, "c");

    names = sset_sort(&set);
    CHECK_STR(names[0], "");
    CHECK_STR(names[1], "a");
    CHECK_STR(names[2], "b");
    CHECK_STR(names[3], "c");
    free(names);

    n = 0;
    SSET_FOR_EACH (name, &set) {
        CHECK(sset_contains(&set, name));
        n++;
    }
    CHECK_INT(n, 4);
    CHECK(name == NULL);

    SSET_FOR_EACH_SAFE (name, &set) {
        if (strcmp(name, "b")) {
            sset_find_and_delete_assert(&set, name);
        }
    }
    check_set(&set, "b");
    CHECK(!sset_find_and_delete(&set, "a"));

    char *popped = sset_pop(&set);
    CHECK_STR(popped, "b");
    free(popped);
    CHECK(sset_pop(&set) == NULL);
    CHECK(sset_sort(&set) == NULL);
    sset_destroy(&set);
}
OVSTEST_REGISTER("sset/basics", test_sset_basics);

static void
test_sset_algebra(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct sset a, b, c;

    sset_init(&a);
    sset_init(&b);
    sset_from_delimited_string(&a, ",,x,y,,z,", ",");
    sset_from_delimited_string(&b, " y z\tw ", " \t");
    check_set(&a, "x,y,z");
    check_set(&b, "w,y,z");
    CHECK(sset_intersects(&a, &b));
    CHECK(!sset_equals(&a, &b));

    sset_clone(&c, &a);
    CHECK(sset_equals(&a, &c));
    sset_union(&c, &b);
    check_set(&c, "w,x,y,z");
    sset_intersect(&c, &b);
    check_set(&c, "w,y,z");
    CHECK(sset_equals(&c, &b));
    sset_difference(&c, &a);
    check_set(&c, "w");
    CHECK(!sset_intersects(&c, &a));
    sset_difference(&c, &c);
    CHECK(sset_is_empty(&c));
    sset_union(&a, &a);
    sset_intersect(&a, &a);
    check_set(&a, "x,y,z");

    char *s = sset_join(&a, ", ", ".\n");
    CHECK_STR(s, "x, y, z.\n");
    free(s);

    char *array[] = { "p", "q", "p" };
    sset_add_array(&c, array, ARRAY_SIZE(array));
    check_set(&c, "p,q");

    sset_swap(&a, &c);
    check_set(&a, "p,q");
    check_set(&c, "x,y,z");
    sset_clear(&c);
    CHECK(sset_is_empty(&c));

    sset_destroy(&a);
    sset_destroy(&b);
    sset_destroy(&c);
}
OVSTEST_REGISTER("sset/algebra", test_sset_algebra);

static void
test_sset_many(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct sset set;
    char name[16];
    int i;

    sset_init(&set);
    for (i = 0; i < 2000; i++) {
        snprintf(name, sizeof name, "%d", i);
        CHECK(sset_add(&set, name));
    }
    for (i = 0; i < 2000; i += 2) {
        snprintf(name, sizeof name, "%d", i);
        CHECK(sset_find_and_delete(&set, name));
    }
    CHECK_INT(sset_count(&set), 1000);
    for (i = 0; i < 2000; i++) {
        snprintf(name, sizeof name, "%d", i);
        CHECK(sset_contains(&set, name) == (i % 2 == 1));
    }
    sset_destroy(&set);
}
OVSTEST_REGISTER("sset/many", test_sset_many);
