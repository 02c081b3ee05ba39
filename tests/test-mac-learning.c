/* Unit tests for lib/mac-learning. */
#include <config.h>
#include "mac-learning.h"

#include "dynamic-string.h"
#include "ovstest.h"
#include "timeval.h"

static struct eth_addr
mac_n(int n)
{
    struct eth_addr mac = ETH_ADDR_C(50, 54, 00, 00, 00, 00);

    mac.ea[4] = n >> 8;
    mac.ea[5] = n;
    return mac;
}

static int p1, p2, p3;          /* Only their addresses matter. */

static void
test_learn_move_lock(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct mac_learning ml;
    uint64_t seq;

    mac_learning_init(&ml, 0);
    CHECK_INT(ml.idle_time, MAC_ENTRY_DEFAULT_IDLE_TIME);
    CHECK(!mac_learning_may_learn((struct eth_addr) ETH_ADDR_C(01, 00, 5e,
                                                               00, 00, 01),
                                  0));
    CHECK(!mac_learning_may_learn(mac_n(1), 4095));

    seq = ml.change_seq;
    CHECK_INT(mac_learning_learn(&ml, mac_n(1), 0, &p1, false),
              MAC_LEARN_NEW);
    CHECK(ml.change_seq != seq);
    seq = ml.change_seq;
    CHECK_INT(mac_learning_learn(&ml, mac_n(1), 0, &p1, false),
              MAC_LEARN_REFRESHED);
    CHECK(ml.change_seq == seq);
    CHECK(mac_learning_lookup_port(&ml, mac_n(1), 0) == &p1);
    CHECK(mac_learning_lookup_port(&ml, mac_n(1), 10) == NULL);

    CHECK_INT(mac_learning_learn(&ml, mac_n(1), 0, &p2, true),
              MAC_LEARN_MOVED);
    CHECK(ml.change_seq != seq);
    CHECK_INT(ml.n_moved, 1);
    /* Locked: a reflection on another port does not move it... */
    CHECK_INT(mac_learning_learn(&ml, mac_n(1), 0, &p3, false),
              MAC_LEARN_LOCKED);
    CHECK(mac_learning_lookup_port(&ml, mac_n(1), 0) == &p2);
    /* ...until the lock runs out. */
    time_warp(MAC_GRAT_ARP_LOCK_TIME * 1000);
    CHECK_INT(mac_learning_learn(&ml, mac_n(1), 0, &p3, false),
              MAC_LEARN_MOVED);
    CHECK_INT(ml.n_learned, 1);
    CHECK_INT(ml.n_moved, 2);
    mac_learning_destroy(&ml);
}
OVSTEST_REGISTER("mac-learning/learn-move-lock", test_learn_move_lock);

static void
test_aging_and_eviction(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct mac_learning ml;
    struct mac_entry *e;
    int i;

    mac_learning_init(&ml, 10);
    mac_learning_learn(&ml, mac_n(1), 0, &p1, false);
    time_warp(6000);
    mac_learning_learn(&ml, mac_n(2), 0, &p1, false);
    CHECK_INT(mac_entry_age(&ml, mac_learning_lookup(&ml, mac_n(1), 0)), 6);
    CHECK(!mac_learning_run(&ml));
    time_warp(4000);
    CHECK(mac_learning_run(&ml));       /* mac 1 is 10 s old: gone. */
    CHECK(!mac_learning_lookup(&ml, mac_n(1), 0));
    CHECK(mac_learning_lookup(&ml, mac_n(2), 0));
    CHECK_INT(ml.n_expired, 1);

    /* A longer idle time extends what is already learned. */
    mac_learning_set_idle_time(&ml, 100);
    time_warp(50000);
    CHECK(!mac_learning_run(&ml));
    CHECK_INT(mac_learning_count(&ml), 1);

    /* Eviction: the least recently seen goes first. */
    mac_learning_set_max_entries(&ml, 10);
    for (i = 10; i < 20; i++) {
        mac_learning_learn(&ml, mac_n(i), 0, &p1, false);
    }
    CHECK_INT(mac_learning_count(&ml), 10);
    CHECK(!mac_learning_lookup(&ml, mac_n(2), 0));
    CHECK_INT(ml.n_evicted, 1);
    mac_learning_learn(&ml, mac_n(10), 0, &p1, false);   /* Refresh. */
    mac_learning_learn(&ml, mac_n(20), 0, &p1, false);
    CHECK(mac_learning_lookup(&ml, mac_n(10), 0));
    CHECK(!mac_learning_lookup(&ml, mac_n(11), 0));
    e = CONTAINER_OF(ovs_list_back(&ml.lru), struct mac_entry, lru_node);
    CHECK(eth_addr_equals(e->mac, mac_n(20)));

    CHECK(mac_learning_flush_port(&ml, &p1));
    CHECK_INT(mac_learning_count(&ml), 0);
    mac_learning_destroy(&ml);
}
OVSTEST_REGISTER("mac-learning/aging-and-eviction", test_aging_and_eviction);

static void
test_static(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct mac_learning ml;
    struct ds s = DS_EMPTY_INITIALIZER;
    void *old = NULL;

    mac_learning_init(&ml, 10);
    mac_learning_learn(&ml, mac_n(1), 0, &p1, false);
    CHECK(!mac_learning_add_static(&ml, mac_n(9), 0, &p2, &old));
    CHECK(mac_learning_add_static(&ml, mac_n(1), 0, &p3, &old));
    CHECK(old == &p1);
    CHECK_INT(ml.n_static, 2);

    /* Statics never move, age or get flushed. */
    CHECK_INT(mac_learning_learn(&ml, mac_n(1), 0, &p1, false),
              MAC_LEARN_LOCKED);
    time_warp(3600 * 1000);
    CHECK(!mac_learning_run(&ml));
    CHECK(!mac_learning_flush(&ml));
    CHECK_INT(mac_learning_count(&ml), 2);
    CHECK_INT(mac_entry_age(&ml, mac_learning_lookup(&ml, mac_n(9), 0)), 0);

    mac_learning_learn(&ml, mac_n(2), 7, &p1, false);
    mac_learning_format_stats(&ml, "br0", &s);
    CHECK_STR(ds_cstr(&s),
              "Statistics for bridge \"br0\":\n"
              "  Current/maximum MAC entries in the table: 3/8192\n"
              "  Current static MAC entries in the table : 2\n"
              "  Total number of learned MAC entries     : 3\n"
              "  Total number of expired MAC entries     : 0\n"
              "  Total number of evicted MAC entries     : 0\n"
              "  Total number of port moved MAC entries  : 0\n");
    CHECK(mac_learning_flush(&ml));
    CHECK(mac_learning_del_static(&ml, mac_n(9), 0));
    CHECK(!mac_learning_del_static(&ml, mac_n(9), 0));
    CHECK_INT(ml.n_static, 1);
    mac_learning_clear_stats(&ml);
    CHECK_INT(ml.n_learned, 0);
    ds_destroy(&s);
    mac_learning_destroy(&ml);
}
OVSTEST_REGISTER("mac-learning/static", test_static);
