/* classifier.h: the OpenFlow flow table classifier, a priority-ordered set
 * of wildcarded rules that finds the best rule for a packet's flow.
 *
 * The problem.  An OpenFlow table holds rules, each a value and a bitwise
 * mask over struct flow plus a priority.  A packet matches a rule if the
 * packet's flow equals the rule's value in every bit the mask has set; the
 * lookup returns the highest-priority matching rule.  Tables hold up to
 * hundreds of thousands of rules, and the lookup result feeds the
 * datapath's megaflow cache, so the lookup must also say which bits of the
 * flow it depended on: any packet that agrees with the looked-up flow on
 * those bits must get the same answer.  The fewer bits, the more packets
 * one megaflow covers.
 *
 * Tuple space search.  Real tables use few distinct masks (a few dozen
 * even for 100,000 rules), so rules are grouped by mask into subtables.
 * Within a subtable all rules look at the same bits, so a packet can match
 * at most one masked value: the subtable is a hash table keyed by the
 * hash of the masked flow, and a lookup in it is one hash computation and
 * one probe.  A classifier lookup probes each subtable in turn.
 *
 * Priority ordering.  Each subtable knows the highest priority among its
 * rules, and the subtables are kept sorted by that maximum, highest first.
 * Once a match of priority P is found, the scan stops at the first
 * subtable whose maximum is not above P: nothing later can win.  Those
 * subtables are never looked at, so they add nothing to the wildcards.
 *
 * Staged lookup.  The flow's words are in a fixed order (metadata, L2,
 * L3, L4; see flow.h).  A subtable whose mask covers several of those
 * segments keeps, for each segment but its last, a set of the hashes of
 * its rules' masked values up to the end of that segment.  A lookup hashes
 * the flow segment by segment; if the partial hash is not in the set, no
 * rule can match, and only the bits looked at so far were consulted, so
 * only they are un-wildcarded.  A table with rules on in_port and TCP
 * ports thus lets a packet from another port miss without making the
 * megaflow exact on the ports.  Only a probe that gets through every stage
 * un-wildcards the subtable's whole mask.  (Hash collisions in a stage can
 * only make a lookup go further, which is safe.)
 *
 * Identical rules.  Rules with the same mask, the same masked value and
 * the same priority are "identical": inserting one replaces the other
 * (classifier_replace() returns the displaced rule).  Rules with the same
 * mask and value but different priorities share one hash-table entry,
 * kept in priority order.
 *
 * Versions.  Every rule is visible in a range of versions: from the
 * version it was added in up to, not including, the version it was made
 * invisible in.  A lookup names the version it runs in and sees exactly
 * the rules visible there.  OpenFlow bundles use this to make a set of
 * changes atomic: the changes are made in version N + 1 (new rules added
 * in N + 1, deleted ones made invisible in N + 1) while lookups still run
 * in N, and then the current version is bumped.  An identical rule that
 * is invisible in the insertion version does not conflict, so a rule and
 * its replacement coexist until the old one is removed.
 *
 * Prefix tries.  Routing-like tables match IP addresses on many prefix
 * lengths, one subtable per length.  Probing a /8 subtable would
 * un-wildcard 8 address bits, a /24 one 24 bits, and so on, so every
 * megaflow would be exact on the longest prefix in the table.  For the
 * configured address fields (classifier_set_prefix_fields(); IPv4 source
 * and destination by default, as upstream's Flow_Table "prefixes"; the
 * tunnel address fields upstream also allows are not supported yet) the
 * classifier keeps a binary trie, with path compression, of the prefixes
 * its rules match on.  When a subtable misses in the stage with the
 * addresses or later (a hit needs the whole mask anyway), the lookup
 * walks the trie with the packet's address, at most once per field and
 * lookup, learning which prefix lengths have a rule prefix that the
 * address falls in and how many leading bits the walk read before it fell
 * off the trie.  A subtable whose prefix length on the field is not among
 * those cannot match, and the bits the walk read are enough to show it:
 * any address that shares them takes the same path.  So only those bits
 * are un-wildcarded.  The tries are used only for packets that have the
 * field (IPv4 or ARP for nw_src/nw_dst, IPv6 for ipv6_src/ipv6_dst), so
 * that other packets' megaflows get no address bits.
 *
 * Conjunctive matches (not done).  OpenFlow's conjunction(id, k/n) action
 * turns rules into dimensions of a conjunctive match that the lookup must
 * combine.  They are left for later: a rule's priority is all the
 * classifier uses, and flow->conj_id is an ordinary matchable field.
 *
 * Concurrency.  A classifier has no internal lock.  Lookups, finds and
 * iteration only read it, so any number of them may run at once; changes
 * (insert, replace, remove, making rules invisible) must be serialized
 * with each other and with every reader by the caller, e.g. with a
 * read-write lock (ofproto: the table's mutex).  Versions are what keeps
 * readers from seeing half a bundle, not the lock.
 *
 * Memory: a cls_rule is embedded in the caller's rule; cls_rule_init()
 * allocates its compressed match and cls_rule_destroy() frees it.  The
 * classifier allocates its own bookkeeping per rule and never frees the
 * caller's rules.  Lookups allocate nothing. */
#ifndef CLASSIFIER_H
#define CLASSIFIER_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "hmap.h"

/* Versions.  A rule is visible in versions [add_version, remove_version). */
typedef uint64_t ovs_version_t;
#define OVS_VERSION_MIN 0
#define OVS_VERSION_MAX (UINT64_MAX - 1)
#define OVS_VERSION_NOT_REMOVED UINT64_MAX

struct cls_match;
struct cls_subtable;

/* A match: the masked value and the mask, compressed.  A later
 * "struct match { struct flow flow; struct flow_wildcards wc; }" converts
 * to and from it with cls_minimatch_init() and cls_minimatch_expand(). */
struct cls_minimatch {
    struct miniflow *flow;      /* Value, with bits outside the mask 0. */
    struct minimask *mask;
};

void cls_minimatch_init(struct cls_minimatch *, const struct flow *,
                        const struct flow_wildcards *);
void cls_minimatch_clone(struct cls_minimatch *dst,
                         const struct cls_minimatch *src);
void cls_minimatch_destroy(struct cls_minimatch *);
void cls_minimatch_expand(const struct cls_minimatch *, struct flow *,
                          struct flow_wildcards *);
bool cls_minimatch_equal(const struct cls_minimatch *,
                         const struct cls_minimatch *);
/* Does FLOW match M? */
bool cls_minimatch_matches_flow(const struct cls_minimatch *m,
                                const struct flow *flow);

/* A rule, embedded in the caller's rule object. */
struct cls_rule {
    int priority;               /* Larger numbers are higher priorities. */
    struct cls_minimatch match;
    struct cls_match *cls_match; /* Bookkeeping while in a classifier. */
};

/* Initializes RULE to match FLOW under WC (bits of FLOW outside WC are
 * ignored) at PRIORITY.  RULE is not in any classifier. */
void cls_rule_init(struct cls_rule *rule, const struct flow *flow,
                   const struct flow_wildcards *wc, int priority);
void cls_rule_init_from_minimatch(struct cls_rule *,
                                  const struct cls_minimatch *,
                                  int priority);
void cls_rule_clone(struct cls_rule *dst, const struct cls_rule *src);
/* Frees RULE's match.  RULE must not be in a classifier. */
void cls_rule_destroy(struct cls_rule *rule);

/* Same priority and same match? */
bool cls_rule_equal(const struct cls_rule *, const struct cls_rule *);
/* The rule's value and mask. */
void cls_rule_expand(const struct cls_rule *, struct flow *,
                     struct flow_wildcards *);
bool cls_rule_is_catchall(const struct cls_rule *);
/* Is RULE at least as specific as TARGET and equal to it on every bit
 * TARGET cares about, i.e. does OpenFlow's non-strict matching select
 * RULE for TARGET?  Priorities are not compared. */
bool cls_rule_is_loose_match(const struct cls_rule *rule,
                             const struct cls_minimatch *target);
/* Could some packet match both A and B (ignoring priorities)? */
bool cls_rule_overlaps(const struct cls_rule *a, const struct cls_rule *b);

/* Versions of a rule in a classifier. */
bool cls_rule_visible_in_version(const struct cls_rule *, ovs_version_t);
/* Makes RULE (in a classifier) invisible from VERSION on, which must not
 * be before the version RULE was added in (equal: a rule that a bundle
 * both adds and deletes is visible in no version). */
void cls_rule_make_invisible_in_version(const struct cls_rule *,
                                        ovs_version_t version);
/* Undoes cls_rule_make_invisible_in_version() (a bundle that failed). */
void cls_rule_restore_visibility(const struct cls_rule *);
ovs_version_t cls_rule_add_version(const struct cls_rule *);
ovs_version_t cls_rule_remove_version(const struct cls_rule *);

/* Fields with prefix tries (see the file comment). */
enum cls_prefix_field {
    CLS_PREFIX_NW_SRC,          /* IPv4 source (or ARP SPA). */
    CLS_PREFIX_NW_DST,
    CLS_PREFIX_IPV6_SRC,
    CLS_PREFIX_IPV6_DST,
    CLS_N_PREFIX_FIELDS
};
#define CLS_PREFIX_DEFAULT ((1u << CLS_PREFIX_NW_SRC) \
                            | (1u << CLS_PREFIX_NW_DST))

struct cls_trie_node;

struct classifier {
    struct hmap subtables_map;  /* cls_subtables by mask hash. */
    struct cls_subtable **subtables; /* Sorted by max priority, highest
                                      * first. */
    size_t n_subtables;
    size_t allocated_subtables;
    size_t n_rules;             /* Rules in all versions. */
    unsigned int prefix_fields; /* 1 << CLS_PREFIX_*: fields with tries. */
    struct cls_trie_node *tries[CLS_N_PREFIX_FIELDS][2]; /* Roots, by the
                                                          * first bit. */
};

/* Initializes an empty classifier with tries on CLS_PREFIX_DEFAULT (IPv4
 * source and destination, as ofproto's default "prefixes"). */
void classifier_init(struct classifier *);
/* Sets the fields with prefix tries to FIELDS (1 << CLS_PREFIX_* bits),
 * rebuilding the tries from the rules already in the classifier. */
void classifier_set_prefix_fields(struct classifier *, unsigned int fields);
/* Frees the classifier's memory.  Rules still in it are forgotten, not
 * freed: their cls_match goes away, so cls_rule_destroy() works on them
 * afterward. */
void classifier_destroy(struct classifier *);

/* Inserts RULE, visible from VERSION on.  If an identical rule (same
 * match and priority) is visible in VERSION, RULE takes its place and the
 * old rule, no longer in the classifier, is returned; otherwise returns
 * NULL. */
const struct cls_rule *classifier_replace(struct classifier *,
                                          const struct cls_rule *rule,
                                          ovs_version_t version);
/* Like classifier_replace() for a rule that must not replace another. */
void classifier_insert(struct classifier *, const struct cls_rule *,
                       ovs_version_t version);
/* Removes RULE from the classifier whatever its versions.  Returns RULE,
 * or NULL if it was not in a classifier. */
const struct cls_rule *classifier_remove(struct classifier *,
                                         const struct cls_rule *);
void classifier_remove_assert(struct classifier *, const struct cls_rule *);

/* Returns the highest-priority rule visible in VERSION that FLOW matches,
 * or NULL.  Among matching rules of equal priority, which one is returned
 * is unspecified.  If WC is nonnull, sets (never clears) in it the bits of
 * FLOW that the result depended on: every flow that agrees with FLOW on
 * the bits set in WC on return gets the same result.  Allocates
 * nothing. */
const struct cls_rule *classifier_lookup(const struct classifier *,
                                         ovs_version_t version,
                                         const struct flow *flow,
                                         struct flow_wildcards *wc);

/* The rule visible in VERSION that is identical to TARGET (same match and
 * priority), or NULL. */
const struct cls_rule *classifier_find_rule_exactly(
    const struct classifier *, const struct cls_rule *target,
    ovs_version_t version);
const struct cls_rule *classifier_find_match_exactly(
    const struct classifier *, const struct flow *,
    const struct flow_wildcards *, int priority, ovs_version_t version);

/* Is there a rule other than TARGET, visible in VERSION, with TARGET's
 * priority, that some packet could match along with TARGET?  (OpenFlow's
 * OFPFF_CHECK_OVERLAP.) */
bool classifier_rule_overlaps(const struct classifier *,
                              const struct cls_rule *target,
                              ovs_version_t version);

static inline size_t
classifier_count(const struct classifier *cls)
{
    return cls->n_rules;
}

static inline bool
classifier_is_empty(const struct classifier *cls)
{
    return !cls->n_rules;
}

/* Iteration.
 *
 * CLS_FOR_EACH visits every rule in the classifier, whatever its versions.
 * CLS_FOR_EACH_TARGET visits the rules visible in VERSION that are loose
 * matches for TARGET (see cls_rule_is_loose_match(); a NULL TARGET
 * selects all), as OpenFlow's non-strict modify and delete need.  The
 * order is unspecified.  The body may remove the rule it is visiting
 * (and free it), but must make no other change to the classifier. */
struct cls_cursor {
    const struct classifier *cls;
    const struct cls_minimatch *target; /* NULL for all rules. */
    ovs_version_t version;
    bool all_versions;          /* Ignore VERSION. */
    const struct cls_rule *rule;        /* The rule being visited. */
    const struct cls_match *next;       /* The one after it, or NULL. */
};

struct cls_cursor cls_cursor_start(const struct classifier *,
                                   const struct cls_minimatch *target,
                                   ovs_version_t version, bool all_versions);
void cls_cursor_advance(struct cls_cursor *);

#define CLS_FOR_EACH_TARGET(RULE, MEMBER, CLS, TARGET, VERSION)         \
    for (struct cls_cursor cursor__ = cls_cursor_start(CLS, TARGET,     \
                                                       VERSION, false); \
         (cursor__.rule                                                 \
          ? INIT_CONTAINER(RULE, cursor__.rule, MEMBER)                 \
          : ((RULE) = NULL, false));                                    \
         cls_cursor_advance(&cursor__))

#define CLS_FOR_EACH(RULE, MEMBER, CLS)                                 \
    for (struct cls_cursor cursor__ = cls_cursor_start(CLS, NULL, 0,    \
                                                       true);           \
         (cursor__.rule                                                 \
          ? INIT_CONTAINER(RULE, cursor__.rule, MEMBER)                 \
          : ((RULE) = NULL, false));                                    \
         cls_cursor_advance(&cursor__))

#endif /* classifier.h */
