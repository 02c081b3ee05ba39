/* Unit tests for lib/list.h. */
#include <config.h>
#include "list.h"
#include "ovstest.h"

struct element {
    int value;
    struct ovs_list node;
};

static void
check_list(struct ovs_list *list, const int values[], size_t n)
{
    struct element *e;
    size_t i = 0;

    LIST_FOR_EACH (e, node, list) {
        CHECK(i < n);
        CHECK_INT(e->value, values[i]);
        i++;
    }
    CHECK(e == NULL);
    CHECK_INT(i, n);

    LIST_FOR_EACH_REVERSE (e, node, list) {
        CHECK(i > 0);
        i--;
        CHECK_INT(e->value, values[i]);
    }
    CHECK_INT(ovs_list_size(list), n);
    CHECK(ovs_list_is_empty(list) == !n);
    CHECK(ovs_list_is_singleton(list) == (n == 1));
    CHECK(ovs_list_is_short(list) == (n < 2));
}

static void
test_list_push_pop(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovs_list list = OVS_LIST_INITIALIZER(&list);
    struct element e[5];
    int i;

    check_list(&list, NULL, 0);
    for (i = 0; i < 5; i++) {
        e[i].value = i;
    }
    ovs_list_push_back(&list, &e[1].node);
    ovs_list_push_back(&list, &e[2].node);
    ovs_list_push_front(&list, &e[0].node);
    check_list(&list, (int[]) { 0, 1, 2 }, 3);

    ovs_list_insert(&e[2].node, &e[3].node);
    check_list(&list, (int[]) { 0, 1, 3, 2 }, 4);

    CHECK(ovs_list_pop_front(&list) == &e[0].node);
    CHECK(ovs_list_pop_back(&list) == &e[2].node);
    check_list(&list, (int[]) { 1, 3 }, 2);
    CHECK(ovs_list_front(&list) == &e[1].node);
    CHECK(ovs_list_back(&list) == &e[3].node);

    ovs_list_replace(&e[4].node, &e[1].node);
    check_list(&list, (int[]) { 4, 3 }, 2);
    CHECK(ovs_list_remove(&e[4].node) == &e[3].node);
    check_list(&list, (int[]) { 3 }, 1);
}
OVSTEST_REGISTER("list/push-pop", test_list_push_pop);

static void
test_list_safe_splice_moved(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovs_list a = OVS_LIST_INITIALIZER(&a);
    struct ovs_list b = OVS_LIST_INITIALIZER(&b);
    struct ovs_list moved;
    struct element e[6], *iter;
    int i;

    for (i = 0; i < 6; i++) {
        e[i].value = i;
        ovs_list_push_back(i < 3 ? &a : &b, &e[i].node);
    }
    LIST_FOR_EACH_SAFE (iter, node, &a) {
        if (iter->value == 1) {
            ovs_list_remove(&iter->node);
        }
    }
    check_list(&a, (int[]) { 0, 2 }, 2);

    /* Move 3 and 4 from B to the front of A. */
    ovs_list_splice(a.next, &e[3].node, &e[5].node);
    check_list(&a, (int[]) { 3, 4, 0, 2 }, 4);
    check_list(&b, (int[]) { 5 }, 1);

    ovs_list_push_back_all(&a, &b);
    check_list(&a, (int[]) { 3, 4, 0, 2, 5 }, 5);
    check_list(&b, NULL, 0);

    moved = a;
    ovs_list_moved(&moved, &a);
    check_list(&moved, (int[]) { 3, 4, 0, 2, 5 }, 5);

    i = 0;
    LIST_FOR_EACH_POP (iter, node, &moved) {
        i++;
    }
    CHECK_INT(i, 5);
    CHECK(ovs_list_is_empty(&moved));
}
OVSTEST_REGISTER("list/safe-splice-moved", test_list_safe_splice_moved);
