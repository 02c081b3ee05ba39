/* mac-learning.c: the MAC learning table behind the NORMAL action. */
#include <config.h>
#include "mac-learning.h"

#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include "dynamic-string.h"
#include "hash.h"
#include "poll-loop.h"
#include "random.h"
#include "timeval.h"

static uint32_t
mac_table_hash(const struct mac_learning *ml, const struct eth_addr mac,
               uint16_t vlan)
{
    uint32_t hash = ml->secret;

    hash = hash_add(hash, ((uint32_t) mac.be16[0] << 16) | mac.be16[1]);
    hash = hash_add(hash, ((uint32_t) mac.be16[2] << 16) | vlan);
    return hash_finish(hash, 8);
}

/* Sets up 'ml' as an empty table whose entries live 'idle_time' seconds
 * unseen, holding at most MAC_DEFAULT_MAX entries. */
void
mac_learning_init(struct mac_learning *ml, unsigned int idle_time)
{
    hmap_init(&ml->table);
    ovs_list_init(&ml->lru);
    ml->idle_time = idle_time ? idle_time : MAC_ENTRY_DEFAULT_IDLE_TIME;
    ml->max_entries = MAC_DEFAULT_MAX;
    ml->secret = random_uint32();
    ml->change_seq = 0;
    ovs_rwlock_init(&ml->rwlock);
    ml->n_static = 0;
    mac_learning_clear_stats(ml);
}

void
mac_learning_destroy(struct mac_learning *ml)
{
    struct mac_entry *e;

    if (!ml) {
        return;
    }
    HMAP_FOR_EACH_POP (e, hmap_node, &ml->table) {
        free(e);
    }
    hmap_destroy(&ml->table);
    ovs_rwlock_destroy(&ml->rwlock);
}

/* Changes the idle time; entries already learned get the new lifetime
 * counted from when they were last seen. */
void
mac_learning_set_idle_time(struct mac_learning *ml, unsigned int idle_time)
{
    struct mac_entry *e;
    long long int delta;

    if (!idle_time || idle_time == ml->idle_time) {
        return;
    }
    delta = ((long long int) idle_time - ml->idle_time) * 1000;
    LIST_FOR_EACH (e, lru_node, &ml->lru) {
        if (!e->is_static) {
            e->expires += delta;
        }
    }
    ml->idle_time = idle_time;
    ml->change_seq++;
}

static void
mac_learning_remove__(struct mac_learning *ml, struct mac_entry *e)
{
    hmap_remove(&ml->table, &e->hmap_node);
    ovs_list_remove(&e->lru_node);
    if (e->is_static) {
        ml->n_static--;
    }
    free(e);
    ml->change_seq++;
}

/* The least recently seen entry that is not static, or NULL. */
static struct mac_entry *
mac_learning_oldest_dynamic(const struct mac_learning *ml)
{
    struct mac_entry *e;

    LIST_FOR_EACH (e, lru_node, &ml->lru) {
        if (!e->is_static) {
            return e;
        }
    }
    return NULL;
}

/* Evicts dynamic entries, oldest first, until at most 'limit' entries are
 * left or only static ones remain. */
static void
mac_learning_evict_to(struct mac_learning *ml, size_t limit)
{
    while (hmap_count(&ml->table) > limit) {
        struct mac_entry *e = mac_learning_oldest_dynamic(ml);

        if (!e) {
            break;
        }
        ml->n_evicted++;
        mac_learning_remove__(ml, e);
    }
}

void
mac_learning_set_max_entries(struct mac_learning *ml, size_t max_entries)
{
    ml->max_entries = MAX(max_entries, 10);
    mac_learning_evict_to(ml, ml->max_entries);
}

/* Whether a frame from 'src' on 'vlan' may teach the table anything: a
 * multicast source is bogus, and VLAN 4095 is reserved. */
bool
mac_learning_may_learn(const struct eth_addr src, uint16_t vlan)
{
    return !eth_addr_is_multicast(src) && vlan < 4095;
}

struct mac_entry *
mac_learning_lookup(const struct mac_learning *ml, const struct eth_addr mac,
                    uint16_t vlan)
{
    struct mac_entry *e;

    HMAP_FOR_EACH_WITH_HASH (e, hmap_node, mac_table_hash(ml, mac, vlan),
                             &ml->table) {
        if (e->vlan == vlan && eth_addr_equals(e->mac, mac)) {
            return e;
        }
    }
    return NULL;
}

/* The port where 'mac' on 'vlan' was last seen, or NULL if unknown. */
void *
mac_learning_lookup_port(const struct mac_learning *ml,
                         const struct eth_addr mac, uint16_t vlan)
{
    struct mac_entry *e = mac_learning_lookup(ml, mac, vlan);

    return e ? e->port : NULL;
}

/* Makes room for and inserts a new entry for 'mac' on 'vlan', or returns
 * NULL if the table is full of static entries. */
static struct mac_entry *
mac_learning_insert__(struct mac_learning *ml, const struct eth_addr mac,
                      uint16_t vlan)
{
    struct mac_entry *e;

    mac_learning_evict_to(ml, ml->max_entries - 1);
    if (hmap_count(&ml->table) >= ml->max_entries) {
        return NULL;
    }
    e = xzalloc(sizeof *e);
    e->mac = mac;
    e->vlan = vlan;
    hmap_insert(&ml->table, &e->hmap_node, mac_table_hash(ml, mac, vlan));
    ovs_list_push_back(&ml->lru, &e->lru_node);
    ml->n_learned++;
    ml->change_seq++;
    return e;
}

/* Records that a frame from 'src' on 'vlan' arrived on 'port'.  With
 * 'lock', a new or moved entry is then locked against moving for
 * MAC_GRAT_ARP_LOCK_TIME seconds (a gratuitous ARP on a bond).  The caller
 * should have checked mac_learning_may_learn(). */
enum mac_learn_result
mac_learning_learn(struct mac_learning *ml, const struct eth_addr src,
                   uint16_t vlan, void *port, bool lock)
{
    long long int now = time_msec();
    enum mac_learn_result result;
    struct mac_entry *e;

    e = mac_learning_lookup(ml, src, vlan);
    if (!e) {
        e = mac_learning_insert__(ml, src, vlan);
        if (!e) {
            return MAC_LEARN_LOCKED;
        }
        e->port = port;
        result = MAC_LEARN_NEW;
    } else if (e->is_static) {
        return e->port == port ? MAC_LEARN_REFRESHED : MAC_LEARN_LOCKED;
    } else if (e->port == port) {
        result = MAC_LEARN_REFRESHED;
    } else if (now < e->lock_until) {
        return MAC_LEARN_LOCKED;
    } else {
        e->port = port;
        ml->n_moved++;
        ml->change_seq++;
        result = MAC_LEARN_MOVED;
    }

    e->expires = now + (long long int) ml->idle_time * 1000;
    if (lock && result != MAC_LEARN_REFRESHED) {
        e->lock_until = now + MAC_GRAT_ARP_LOCK_TIME * 1000;
    }
    ovs_list_remove(&e->lru_node);
    ovs_list_push_back(&ml->lru, &e->lru_node);
    return result;
}

/* Adds a static entry sending 'mac' on 'vlan' to 'port', replacing any
 * entry for that address.  If a dynamic entry was replaced, stores its
 * port in '*old_port' and returns true; otherwise returns false.  Returns
 * false without adding anything if the table is full of static entries
 * (check mac_learning_lookup() afterward if that matters). */
bool
mac_learning_add_static(struct mac_learning *ml, const struct eth_addr mac,
                        uint16_t vlan, void *port, void **old_port)
{
    struct mac_entry *e = mac_learning_lookup(ml, mac, vlan);
    bool overrode = false;

    if (!e) {
        e = mac_learning_insert__(ml, mac, vlan);
        if (!e) {
            return false;
        }
    } else if (!e->is_static) {
        *old_port = e->port;
        overrode = true;
    }
    if (!e->is_static) {
        e->is_static = true;
        ml->n_static++;
    }
    e->port = port;
    e->expires = LLONG_MAX;
    e->lock_until = 0;
    ml->change_seq++;
    return overrode;
}

/* Removes the static entry for 'mac' on 'vlan'.  Returns false if there is
 * none (a dynamic entry for it stays). */
bool
mac_learning_del_static(struct mac_learning *ml, const struct eth_addr mac,
                        uint16_t vlan)
{
    struct mac_entry *e = mac_learning_lookup(ml, mac, vlan);

    if (!e || !e->is_static) {
        return false;
    }
    mac_learning_remove__(ml, e);
    return true;
}

/* Removes 'e' from 'ml' and frees it. */
void
mac_learning_expire(struct mac_learning *ml, struct mac_entry *e)
{
    mac_learning_remove__(ml, e);
}

/* Removes every dynamic entry.  Returns true if any was removed. */
bool
mac_learning_flush(struct mac_learning *ml)
{
    struct mac_entry *e;
    bool changed = false;

    LIST_FOR_EACH_SAFE (e, lru_node, &ml->lru) {
        if (!e->is_static) {
            mac_learning_remove__(ml, e);
            changed = true;
        }
    }
    return changed;
}

/* Removes every entry, static ones too, that points to 'port'.  Returns
 * true if any was removed. */
bool
mac_learning_flush_port(struct mac_learning *ml, void *port)
{
    struct mac_entry *e;
    bool changed = false;

    LIST_FOR_EACH_SAFE (e, lru_node, &ml->lru) {
        if (e->port == port) {
            mac_learning_remove__(ml, e);
            changed = true;
        }
    }
    return changed;
}

/* Ages out entries unseen for the idle time.  Returns true if any went. */
bool
mac_learning_run(struct mac_learning *ml)
{
    long long int now = time_msec();
    struct mac_entry *e;
    bool changed = false;

    LIST_FOR_EACH_SAFE (e, lru_node, &ml->lru) {
        if (e->is_static) {
            continue;
        }
        if (e->expires > now) {
            break;
        }
        ml->n_expired++;
        mac_learning_remove__(ml, e);
        changed = true;
    }
    return changed;
}

void
mac_learning_wait(const struct mac_learning *ml)
{
    const struct mac_entry *e = mac_learning_oldest_dynamic(ml);

    if (e) {
        poll_timer_wait_until(e->expires);
    }
}

/* Seconds since 'e' was last seen (0 for a static entry). */
int
mac_entry_age(const struct mac_learning *ml, const struct mac_entry *e)
{
    long long int remaining;

    if (e->is_static) {
        return 0;
    }
    remaining = e->expires - time_msec();
    if (remaining < 0) {
        remaining = 0;
    }
    return ml->idle_time - (int) ((remaining + 999) / 1000);
}

void
mac_learning_clear_stats(struct mac_learning *ml)
{
    ml->n_learned = 0;
    ml->n_expired = 0;
    ml->n_evicted = 0;
    ml->n_moved = 0;
}

/* Appends the fdb/stats-show text for bridge 'br' to 's'. */
void
mac_learning_format_stats(const struct mac_learning *ml, const char *br,
                          struct ds *s)
{
    ds_put_format(s, "Statistics for bridge \"%s\":\n", br);
    ds_put_format(s, "  Current/maximum MAC entries in the table: "
                  "%zu/%zu\n", hmap_count(&ml->table), ml->max_entries);
    ds_put_format(s, "  Current static MAC entries in the table : %zu\n",
                  ml->n_static);
    ds_put_format(s, "  Total number of learned MAC entries     : %"
                  PRIu64"\n", ml->n_learned);
    ds_put_format(s, "  Total number of expired MAC entries     : %"
                  PRIu64"\n", ml->n_expired);
    ds_put_format(s, "  Total number of evicted MAC entries     : %"
                  PRIu64"\n", ml->n_evicted);
    ds_put_format(s, "  Total number of port moved MAC entries  : %"
                  PRIu64"\n", ml->n_moved);
}
