/* Unit tests for lib/hmap.h. */
#include <config.h>
#include "hmap.h"
#include "hash.h"
#include "ovstest.h"

struct element {
    int value;
    struct hmap_node node;
};

/* Checks that HMAP holds exactly VALUES[0..N-1] (in any order). */
static void
check_hmap(struct hmap *hmap, const int values[], size_t n,
           uint32_t (*hash)(int))
{
    int *seen = xcalloc(n ? n : 1, sizeof *seen);
    struct element *e;
    size_t i, count = 0;

    HMAP_FOR_EACH (e, node, hmap) {
        for (i = 0; i < n; i++) {
            if (values[i] == e->value && !seen[i]) {
                seen[i] = 1;
                break;
            }
        }
        CHECK(i < n);
        count++;
    }
    CHECK(e == NULL);
    CHECK_INT(count, n);
    CHECK_INT(hmap_count(hmap), n);
    CHECK(hmap_is_empty(hmap) == !n);

    /* Every value must be found by its hash. */
    for (i = 0; i < n; i++) {
        bool found = false;
        HMAP_FOR_EACH_WITH_HASH (e, node, hash(values[i]), hmap) {
            found |= e->value == values[i];
        }
        CHECK(found);
    }
    free(seen);
}

static uint32_t good_hash(int value) { return hash_int(value, 0); }
static uint32_t constant_hash(int value OVS_UNUSED) { return 123; }
static uint32_t identity_hash(int value) { return value; }

static void
test_insert_remove(uint32_t (*hash)(int))
{
    enum { N = 300 };
    struct element elements[N];
    int values[N];
    struct hmap hmap;
    size_t i;

    hmap_init(&hmap);
    for (i = 0; i < N; i++) {
        elements[i].value = values[i] = i * 7;
        hmap_insert(&hmap, &elements[i].node, hash(values[i]));
        if (i % 37 == 0) {
            check_hmap(&hmap, values, i + 1, hash);
        }
    }
    check_hmap(&hmap, values, N, hash);

    /* Remove every other element. */
    for (i = 0; i < N; i += 2) {
        hmap_remove(&hmap, &elements[i].node);
    }
    for (i = 0; i < N / 2; i++) {
        values[i] = elements[i * 2 + 1].value;
    }
    check_hmap(&hmap, values, N / 2, hash);
    hmap_shrink(&hmap);
    check_hmap(&hmap, values, N / 2, hash);
    hmap_destroy(&hmap);
}

static void
test_hmap_insert_remove(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    test_insert_remove(good_hash);
    test_insert_remove(constant_hash);
    test_insert_remove(identity_hash);
}
OVSTEST_REGISTER("hmap/insert-remove", test_hmap_insert_remove);

static void
test_hmap_safe_and_pop(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct hmap hmap = HMAP_INITIALIZER(&hmap);
    struct element *e;
    size_t n = 0;
    int i;

    for (i = 0; i < 100; i++) {
        e = xmalloc(sizeof *e);
        e->value = i;
        hmap_insert(&hmap, &e->node, good_hash(i));
    }
    HMAP_FOR_EACH_SAFE (e, node, &hmap) {
        if (e->value % 3 == 0) {
            hmap_remove(&hmap, &e->node);
            free(e);
        }
    }
    CHECK_INT(hmap_count(&hmap), 66);
    HMAP_FOR_EACH_POP (e, node, &hmap) {
        CHECK(e->value % 3 != 0);
        free(e);
        n++;
    }
    CHECK_INT(n, 66);
    CHECK(hmap_is_empty(&hmap));
    hmap_destroy(&hmap);
}
OVSTEST_REGISTER("hmap/safe-and-pop", test_hmap_safe_and_pop);

static void
test_hmap_replace_swap_position(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct element elements[10], other;
    struct hmap a, b;
    uint32_t bucket = 0, offset = 0;
    struct hmap_node *node;
    int values[10];
    size_t i, n;

    hmap_init(&a);
    hmap_init(&b);
    for (i = 0; i < 10; i++) {
        elements[i].value = values[i] = i;
        hmap_insert(&a, &elements[i].node, good_hash(i));
    }
    hmap_swap(&a, &b);
    check_hmap(&a, NULL, 0, good_hash);
    check_hmap(&b, values, 10, good_hash);

    other.value = 5;
    hmap_replace(&b, &elements[5].node, &other.node);
    CHECK(hmap_contains(&b, &other.node));
    CHECK(!hmap_contains(&b, &elements[5].node));
    check_hmap(&b, values, 10, good_hash);

    /* Resumable iteration visits each node once. */
    n = 0;
    while ((node = hmap_at_position(&b, &bucket, &offset))) {
        n++;
    }
    CHECK_INT(n, 10);

    hmap_destroy(&a);
    hmap_destroy(&b);
}
OVSTEST_REGISTER("hmap/replace-swap-position",
                 test_hmap_replace_swap_position);

static void
test_hash_basics(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    /* Same input, same hash; different basis or input, (almost certainly)
     * different hash. */
    CHECK(hash_string("abc", 0) == hash_bytes("abc", 3, 0));
    CHECK(hash_string("abc", 0) != hash_string("abc", 1));
    CHECK(hash_string("abc", 0) != hash_string("abd", 0));
    CHECK(hash_double(0.0, 0) == hash_double(-0.0, 0));
    CHECK(hash_int(1, 0) != hash_int(2, 0));

    /* Hashes of consecutive integers spread over buckets. */
    int buckets[16] = { 0 };
    for (int i = 0; i < 1600; i++) {
        buckets[hash_int(i, 0) & 15]++;
    }
    for (int i = 0; i < 16; i++) {
        CHECK(buckets[i] > 50 && buckets[i] < 150);
    }
}
OVSTEST_REGISTER("hash/basics", test_hash_basics);
