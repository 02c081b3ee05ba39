/* mac-learning.h: the MAC learning table behind the NORMAL action.
 *
 * A bridge doing NORMAL switching remembers, for each (MAC, VLAN) pair it
 * has seen as a source, the port it came in on, so that later frames to
 * that address go out one port instead of being flooded.
 *
 * Data structure: a hash table on (MAC, VLAN) for lookups, plus a list of
 * the same entries in the order they were last seen (least recent first).
 * Because every entry lives exactly 'idle_time' seconds after it was last
 * seen, that order is also the order of expiry: aging looks only at the
 * front of the list, and when the table is full the front entry is the one
 * evicted.  Learning an address that is already present moves its entry to
 * the back, so refreshing is O(1) and needs no timer per entry.
 *
 * Station moves: when a known address shows up on another port the entry
 * follows it (and the move is counted), unless the entry is locked.  The
 * lock exists for bonds: a gratuitous ARP sent by a host behind a bond may
 * come back in on another member, and for a few seconds after learning from
 * one the entry must not follow such reflections.
 *
 * Revalidation: anything that would make an already-installed megaflow
 * wrong (a new entry, a move, an expiry, a flush) bumps 'change_seq'; the
 * bridge compares it with the value it saw last to decide whether its
 * datapath flows need revalidating.
 *
 * Static entries (fdb/add) sit in the same table and the same list, but
 * never expire, never move and are never evicted; aging and eviction step
 * over them, which stays cheap because there are few.
 *
 * Ports are opaque to this module: a 'void *' the caller chooses, compared
 * only for equality.  mac_learning_flush_port() must be called before a
 * port goes away.
 *
 * Thread safety: none inside.  Callers that learn from several threads
 * hold 'rwlock' (read for lookups, write for anything that changes the
 * table). */
#ifndef MAC_LEARNING_H
#define MAC_LEARNING_H 1

#include <stdbool.h>
#include <stdint.h>
#include "hmap.h"
#include "list.h"
#include "ovs-thread.h"
#include "packets.h"

struct ds;

#define MAC_ENTRY_DEFAULT_IDLE_TIME 300 /* Seconds. */
#define MAC_DEFAULT_MAX 8192            /* Entries. */
#define MAC_GRAT_ARP_LOCK_TIME 5        /* Seconds. */

struct mac_entry {
    struct hmap_node hmap_node; /* In struct mac_learning's 'table'. */
    struct ovs_list lru_node;   /* In struct mac_learning's 'lru'. */
    struct eth_addr mac;
    uint16_t vlan;              /* VLAN ID, 0 for untagged. */
    long long int expires;      /* time_msec() when the entry expires. */
    long long int lock_until;   /* time_msec() until which it cannot move. */
    void *port;                 /* Where the address was last seen. */
    bool is_static;             /* Added by fdb/add: never ages, moves or
                                 * is evicted; survives flushes. */
};

struct mac_learning {
    struct hmap table;          /* struct mac_entry, by (mac, vlan). */
    struct ovs_list lru;        /* struct mac_entry, least recent first. */
    unsigned int idle_time;     /* Seconds an entry lives unseen. */
    size_t max_entries;         /* Table size limit. */
    uint32_t secret;            /* Hash basis. */
    uint64_t change_seq;        /* Bumped on changes that matter to flows. */
    struct ovs_rwlock rwlock;   /* For callers learning from many threads. */

    /* Statistics for fdb/stats-show. */
    uint64_t n_learned;         /* Entries created. */
    uint64_t n_expired;         /* Entries removed by aging. */
    uint64_t n_evicted;         /* Entries removed to make room. */
    uint64_t n_moved;           /* Station moves. */
    size_t n_static;            /* Static entries in 'table'. */
};

enum mac_learn_result {
    MAC_LEARN_REFRESHED,        /* Known on this port; only its age reset. */
    MAC_LEARN_NEW,              /* A new entry. */
    MAC_LEARN_MOVED,            /* Known on another port; moved here. */
    MAC_LEARN_LOCKED,           /* Known on another port and locked. */
};

void mac_learning_init(struct mac_learning *, unsigned int idle_time);
void mac_learning_destroy(struct mac_learning *);
void mac_learning_set_idle_time(struct mac_learning *, unsigned int);
void mac_learning_set_max_entries(struct mac_learning *, size_t);

bool mac_learning_may_learn(const struct eth_addr src, uint16_t vlan);
enum mac_learn_result mac_learning_learn(struct mac_learning *,
                                         const struct eth_addr src,
                                         uint16_t vlan, void *port,
                                         bool lock);
struct mac_entry *mac_learning_lookup(const struct mac_learning *,
                                      const struct eth_addr dst,
                                      uint16_t vlan);
void *mac_learning_lookup_port(const struct mac_learning *,
                               const struct eth_addr dst, uint16_t vlan);

bool mac_learning_add_static(struct mac_learning *, const struct eth_addr,
                             uint16_t vlan, void *port, void **old_port);
bool mac_learning_del_static(struct mac_learning *, const struct eth_addr,
                             uint16_t vlan);

void mac_learning_expire(struct mac_learning *, struct mac_entry *);
bool mac_learning_flush(struct mac_learning *);
bool mac_learning_flush_port(struct mac_learning *, void *port);
bool mac_learning_run(struct mac_learning *);
void mac_learning_wait(const struct mac_learning *);

int mac_entry_age(const struct mac_learning *, const struct mac_entry *);
static inline size_t
mac_learning_count(const struct mac_learning *ml)
{
    return hmap_count(&ml->table);
}

/* Iterates over the entries of ML, least recently seen first. */
#define MAC_LEARNING_FOR_EACH(ENTRY, ML) \
    LIST_FOR_EACH (ENTRY, lru_node, &(ML)->lru)

void mac_learning_clear_stats(struct mac_learning *);
void mac_learning_format_stats(const struct mac_learning *, const char *br,
                               struct ds *);

#endif /* mac-learning.h */
