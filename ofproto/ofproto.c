/* ofproto.c: bridges on shared datapaths, their ports, bundles, tables,
 * upcalls and revalidation (ofproto.h; the design is described in
 * ofproto-private.h). */

#include <config.h>
#include "ofproto.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "bitmap.h"
#include "dpif.h"
#include "dp-packet.h"
#include "dynamic-string.h"
#include "hash.h"
#include "match.h"
#include "netdev.h"
#include "odp-util.h"
#include "ofp-actions.h"
#include "ofp-port.h"
#include "ofpbuf.h"
#include "ofproto-private.h"
#include "poll-loop.h"
#include "sset.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"
#include "xlate.h"

VLOG_DEFINE_THIS_MODULE(ofproto);

struct ovs_rwlock xlate_rwlock;
struct ovs_mutex stats_mutex = OVS_MUTEX_INITIALIZER;

static struct hmap backers = HMAP_INITIALIZER(&backers);
static struct hmap all_ofprotos = HMAP_INITIALIZER(&all_ofprotos);

static unsigned max_idle = 10000;       /* Msec. */
static unsigned flow_limit = 200000;   /* Under xlate_rwlock. */

#define REVALIDATE_INTERVAL 500         /* Msec between flow dumps. */

static void ofproto_init__(void);
static void ofproto_add_default_rules(struct ofproto *);
static void bundle_remove(struct ofproto *, struct bundle *);

/* Datapath types. */

void
ofproto_enumerate_types(struct sset *types)
{
    dp_enumerate_types(types);
}

const char *
ofproto_normalize_type(const char *type)
{
    return type && type[0] ? type : "system";
}

static struct backer *
backer_find(const char *type)
{
    struct backer *backer;

    HMAP_FOR_EACH_WITH_HASH (backer, node, hash_string(type, 0), &backers) {
        if (!strcmp(backer->type, type)) {
            return backer;
        }
    }
    return NULL;
}

struct ofport *
backer_get_port(const struct backer *backer, odp_port_t odp_port)
{
    struct ofport *port;

    HMAP_FOR_EACH_WITH_HASH (port, odp_node, hash_int(odp_port, 0),
                             &backer->odp_to_ofport) {
        if (port->odp_port == odp_port) {
            return port;
        }
    }
    return NULL;
}

void
backer_request_revalidate(struct backer *backer)
{
    latch_set(&backer->reval_latch);
}

static int upcall_cb(const struct dp_packet *, const struct flow *,
                     ovs_u128 *ufid, unsigned pmd_id,
                     enum dpif_upcall_type, const struct nlattr *userdata,
                     struct ofpbuf *actions, struct flow_wildcards *,
                     struct ofpbuf *put_actions, void *aux);

static int
backer_open(const char *type, struct backer **backerp)
{
    struct backer *backer = backer_find(type);
    if (backer) {
        backer->refcount++;
        *backerp = backer;
        return 0;
    }

    char *name = xasprintf("ovs-%s", type);
    struct dpif *dpif;
    int error = dpif_create_and_open(name, type, &dpif);
    if (error) {
        VLOG_ERR("failed to open datapath of type %s: %s", type,
                 ovs_strerror(error));
        free(name);
        return error;
    }
    free(name);

    backer = xzalloc(sizeof *backer);
    backer->type = xstrdup(type);
    backer->dpif = dpif;
    hmap_init(&backer->odp_to_ofport);
    backer->refcount = 1;
    latch_init(&backer->reval_latch);
    ovs_mutex_init(&backer->ukey_mutex);
    hmap_init(&backer->ukeys);
    backer->next_dump = time_msec() + REVALIDATE_INTERVAL;
    hmap_insert(&backers, &backer->node, hash_string(type, 0));

    dpif_register_upcall_cb(dpif, upcall_cb, backer);
    dpif_enable_upcall(dpif);
    *backerp = backer;
    return 0;
}

static void
backer_close(struct backer *backer)
{
    if (--backer->refcount) {
        return;
    }
    dpif_disable_upcall(backer->dpif);
    dpif_flow_flush(backer->dpif);
    hmap_remove(&backers, &backer->node);
    dpif_close(backer->dpif);

    struct ukey *ukey;
    HMAP_FOR_EACH_POP (ukey, node, &backer->ukeys) {
        free(ukey);
    }
    hmap_destroy(&backer->ukeys);
    ovs_mutex_destroy(&backer->ukey_mutex);
    hmap_destroy(&backer->odp_to_ofport);
    latch_destroy(&backer->reval_latch);
    free(backer->type);
    free(backer);
}

/* Bridges. */

struct ofproto *
ofproto_lookup(const char *name)
{
    struct ofproto *ofproto;

    HMAP_FOR_EACH_WITH_HASH (ofproto, node, hash_string(name, 0),
                             &all_ofprotos) {
        if (!strcmp(ofproto->name, name)) {
            return ofproto;
        }
    }
    return NULL;
}

int
ofproto_create(const char *name, const char *datapath_type,
               struct ofproto **ofprotop)
{
    ofproto_init__();
    *ofprotop = NULL;
    if (ofproto_lookup(name)) {
        return EEXIST;
    }

    const char *type = ofproto_normalize_type(datapath_type);
    struct backer *backer;
    int error = backer_open(type, &backer);
    if (error) {
        return error;
    }

    struct ofproto *ofproto = xzalloc(sizeof *ofproto);
    ofproto->name = xstrdup(name);
    ofproto->type = xstrdup(type);
    ofproto->backer = backer;
    hmap_init(&ofproto->ports);
    hmap_init(&ofproto->bundles);
    ovs_list_init(&ofproto->bundle_list);
    ofproto->tables = xcalloc(OFPROTO_N_TABLES, sizeof *ofproto->tables);
    for (int i = 0; i < OFPROTO_N_TABLES; i++) {
        classifier_init(&ofproto->tables[i].cls);
    }
    ofproto->tables_version = OVS_VERSION_MIN;
    mac_learning_init(&ofproto->ml, MAC_ENTRY_DEFAULT_IDLE_TIME);
    ofproto->ml_seq = ofproto->ml.change_seq;

    ovs_rwlock_wrlock(&xlate_rwlock);
    hmap_insert(&all_ofprotos, &ofproto->node, hash_string(name, 0));
    ofproto_add_default_rules(ofproto);
    ovs_rwlock_unlock(&xlate_rwlock);

    *ofprotop = ofproto;
    return 0;
}

static void
rule_destroy(struct rule *rule)
{
    cls_rule_destroy(&rule->cr);
    free(rule->ofpacts);
    free(rule->actions_text);
    free(rule);
}

static void
ofproto_clear_table(struct ofproto *ofproto, int table_id)
{
    struct classifier *cls = &ofproto->tables[table_id].cls;
    struct rule *rule;

    CLS_FOR_EACH (rule, cr, cls) {
        classifier_remove_assert(cls, &rule->cr);
        rule_destroy(rule);
    }
}

void
ofproto_destroy(struct ofproto *ofproto)
{
    if (!ofproto) {
        return;
    }

    /* Take the ports out of the datapath first, without the lock. */
    while (!hmap_is_empty(&ofproto->ports)) {
        struct ofport *port = CONTAINER_OF(hmap_first(&ofproto->ports),
                                           struct ofport, ofp_node);
        ofproto_port_del(ofproto, port->ofp_port);
    }

    ovs_rwlock_wrlock(&xlate_rwlock);
    hmap_remove(&all_ofprotos, &ofproto->node);
    struct bundle *bundle;
    LIST_FOR_EACH_SAFE (bundle, list_node, &ofproto->bundle_list) {
        bundle_remove(ofproto, bundle);
    }
    ovs_rwlock_unlock(&xlate_rwlock);

    for (int i = 0; i < OFPROTO_N_TABLES; i++) {
        ofproto_clear_table(ofproto, i);
        classifier_destroy(&ofproto->tables[i].cls);
    }
    free(ofproto->tables);
    hmap_destroy(&ofproto->ports);
    hmap_destroy(&ofproto->bundles);
    mac_learning_destroy(&ofproto->ml);
    free(ofproto->flood_vlans);

    backer_request_revalidate(ofproto->backer);
    backer_close(ofproto->backer);
    free(ofproto->name);
    free(ofproto->type);
    free(ofproto);
}

int
ofproto_run(struct ofproto *ofproto)
{
    ovs_rwlock_wrlock(&ofproto->ml.rwlock);
    mac_learning_run(&ofproto->ml);
    bool changed = ofproto->ml.change_seq != ofproto->ml_seq;
    ofproto->ml_seq = ofproto->ml.change_seq;
    ovs_rwlock_unlock(&ofproto->ml.rwlock);
    if (changed) {
        ofproto->backer->need_revalidate = true;
    }
    return 0;
}

void
ofproto_wait(struct ofproto *ofproto)
{
    ovs_rwlock_rdlock(&ofproto->ml.rwlock);
    mac_learning_wait(&ofproto->ml);
    ovs_rwlock_unlock(&ofproto->ml.rwlock);
}

const char *
ofproto_get_name(const struct ofproto *ofproto)
{
    return ofproto->name;
}

const char *
ofproto_get_type(const struct ofproto *ofproto)
{
    return ofproto->type;
}

void
ofproto_set_datapath_id(struct ofproto *ofproto, uint64_t datapath_id)
{
    ofproto->datapath_id = datapath_id;
}

uint64_t
ofproto_get_datapath_id(const struct ofproto *ofproto)
{
    return ofproto->datapath_id;
}

/* Ports. */

struct ofport *
ofproto_get_port(const struct ofproto *ofproto, ofp_port_t ofp_port)
{
    struct ofport *port;

    HMAP_FOR_EACH_WITH_HASH (port, ofp_node, hash_int(ofp_port, 0),
                             &ofproto->ports) {
        if (port->ofp_port == ofp_port) {
            return port;
        }
    }
    return NULL;
}

static struct ofport *
ofproto_get_port_by_name(const struct ofproto *ofproto, const char *name)
{
    struct ofport *port;

    HMAP_FOR_EACH (port, ofp_node, &ofproto->ports) {
        if (!strcmp(port->name, name)) {
            return port;
        }
    }
    return NULL;
}

static ofp_port_t
ofproto_choose_port(const struct ofproto *ofproto)
{
    for (ofp_port_t p = 1; p < OFPP_MAX; p++) {
        if (!ofproto_get_port(ofproto, p)) {
            return p;
        }
    }
    return OFPP_NONE;
}

int
ofproto_port_add(struct ofproto *ofproto, struct netdev *netdev,
                 ofp_port_t *ofp_portp)
{
    const char *name = netdev_get_name(netdev);
    ofp_port_t ofp_port = *ofp_portp;

    if (ofproto_get_port_by_name(ofproto, name)) {
        return EEXIST;
    }
    if (ofp_port == OFPP_NONE) {
        ofp_port = (!strcmp(name, ofproto->name)
                    ? OFPP_LOCAL : ofproto_choose_port(ofproto));
        if (ofp_port == OFPP_NONE) {
            return EFBIG;
        }
    } else if (ofproto_get_port(ofproto, ofp_port)) {
        return EBUSY;
    } else if (ofp_port >= OFPP_MAX && ofp_port != OFPP_LOCAL) {
        return EINVAL;
    }

    odp_port_t odp_port = ODPP_NONE;
    int error = dpif_port_add(ofproto->backer->dpif, netdev, &odp_port);
    if (error) {
        return error;
    }

    struct ofport *port = xzalloc(sizeof *port);
    port->ofproto = ofproto;
    port->netdev = netdev_ref(netdev);
    port->name = xstrdup(name);
    port->ofp_port = ofp_port;
    port->odp_port = odp_port;

    ovs_rwlock_wrlock(&xlate_rwlock);
    hmap_insert(&ofproto->ports, &port->ofp_node, hash_int(ofp_port, 0));
    hmap_insert(&ofproto->backer->odp_to_ofport, &port->odp_node,
                hash_int(odp_port, 0));
    /* A bundle may already name this port. */
    struct bundle *bundle;
    LIST_FOR_EACH (bundle, list_node, &ofproto->bundle_list) {
        for (size_t i = 0; i < bundle->n_slaves; i++) {
            if (bundle->slaves[i] == ofp_port) {
                port->bundle = bundle;
            }
        }
    }
    ovs_rwlock_unlock(&xlate_rwlock);

    backer_request_revalidate(ofproto->backer);
    *ofp_portp = ofp_port;
    return 0;
}

int
ofproto_port_del(struct ofproto *ofproto, ofp_port_t ofp_port)
{
    struct ofport *port = ofproto_get_port(ofproto, ofp_port);
    if (!port) {
        return ENOENT;
    }

    ovs_rwlock_wrlock(&xlate_rwlock);
    hmap_remove(&ofproto->ports, &port->ofp_node);
    hmap_remove(&ofproto->backer->odp_to_ofport, &port->odp_node);
    ovs_rwlock_unlock(&xlate_rwlock);

    int error = dpif_port_del(ofproto->backer->dpif, port->odp_port);
    backer_request_revalidate(ofproto->backer);
    netdev_close(port->netdev);
    free(port->name);
    free(port);
    return error;
}

bool
ofproto_port_exists(const struct ofproto *ofproto, const char *devname)
{
    return ofproto_get_port_by_name(ofproto, devname) != NULL;
}

ofp_port_t
ofproto_port_get_number(const struct ofproto *ofproto, const char *devname)
{
    const struct ofport *port = ofproto_get_port_by_name(ofproto, devname);
    return port ? port->ofp_port : OFPP_NONE;
}

int
ofproto_port_get_stats(const struct ofproto *ofproto, ofp_port_t ofp_port,
                       struct netdev_stats *stats)
{
    const struct ofport *port = ofproto_get_port(ofproto, ofp_port);
    return port ? netdev_get_stats(port->netdev, stats) : ENOENT;
}

/* Bundles. */

static struct bundle *
bundle_find(const struct ofproto *ofproto, void *aux)
{
    struct bundle *bundle;

    HMAP_FOR_EACH_WITH_HASH (bundle, node, hash_pointer(aux, 0),
                             &ofproto->bundles) {
        if (bundle->aux == aux) {
            return bundle;
        }
    }
    return NULL;
}

static unsigned long *
vlan_bitmap_clone(const unsigned long *b)
{
    if (!b) {
        return NULL;
    }
    size_t size = bitmap_n_longs(4096) * sizeof *b;
    unsigned long *copy = xmalloc(size);
    memcpy(copy, b, size);
    return copy;
}

static void
bundle_free_settings(struct bundle *bundle)
{
    free(bundle->name);
    free(bundle->slaves);
    free(bundle->trunks);
    free(bundle->cvlans);
}

int
ofproto_bundle_register(struct ofproto *ofproto, void *aux,
                        const struct ofproto_bundle_settings *s)
{
    if (s->vlan_mode != PORT_VLAN_TRUNK && (s->vlan < 0 || s->vlan > 4095)
        && s->vlan_mode != PORT_VLAN_NATIVE_TAGGED
        && s->vlan_mode != PORT_VLAN_NATIVE_UNTAGGED) {
        return EINVAL;
    }

    ovs_rwlock_wrlock(&xlate_rwlock);
    struct bundle *bundle = bundle_find(ofproto, aux);
    if (!bundle) {
        bundle = xzalloc(sizeof *bundle);
        bundle->aux = aux;
        hmap_insert(&ofproto->bundles, &bundle->node, hash_pointer(aux, 0));
        ovs_list_push_back(&ofproto->bundle_list, &bundle->list_node);
    } else {
        bundle_free_settings(bundle);
    }

    bundle->name = xstrdup(s->name);
    bundle->slaves = xmemdup(s->slaves, s->n_slaves * sizeof *s->slaves);
    bundle->n_slaves = s->n_slaves;
    bundle->vlan_mode = s->vlan_mode;
    bundle->vlan = s->vlan;
    if (bundle->vlan < 0 && bundle->vlan_mode != PORT_VLAN_TRUNK) {
        bundle->vlan = 0;
    }
    if (bundle->vlan_mode == PORT_VLAN_TRUNK) {
        bundle->vlan = -1;
    }
    bundle->trunks = vlan_bitmap_clone(s->trunks);
    bundle->cvlans = vlan_bitmap_clone(s->cvlans);
    bundle->use_priority_tags = s->use_priority_tags;
    bundle->qinq_ethtype = s->qinq_ethtype ? s->qinq_ethtype
                                           : ETH_TYPE_VLAN_8021AD;
    bundle->protected = s->protected;

    struct ofport *port;
    HMAP_FOR_EACH (port, ofp_node, &ofproto->ports) {
        if (port->bundle == bundle) {
            port->bundle = NULL;
        }
        for (size_t i = 0; i < s->n_slaves; i++) {
            if (s->slaves[i] == port->ofp_port) {
                port->bundle = bundle;
            }
        }
    }
    ovs_rwlock_unlock(&xlate_rwlock);

    backer_request_revalidate(ofproto->backer);
    return 0;
}

/* Removes 'bundle'.  Caller holds the write lock. */
static void
bundle_remove(struct ofproto *ofproto, struct bundle *bundle)
{
    struct ofport *port;

    HMAP_FOR_EACH (port, ofp_node, &ofproto->ports) {
        if (port->bundle == bundle) {
            port->bundle = NULL;
        }
    }
    hmap_remove(&ofproto->bundles, &bundle->node);
    ovs_list_remove(&bundle->list_node);
    ovs_rwlock_wrlock(&ofproto->ml.rwlock);
    mac_learning_flush_port(&ofproto->ml, bundle);
    ovs_rwlock_unlock(&ofproto->ml.rwlock);
    bundle_free_settings(bundle);
    free(bundle);
}

int
ofproto_bundle_unregister(struct ofproto *ofproto, void *aux)
{
    ovs_rwlock_wrlock(&xlate_rwlock);
    struct bundle *bundle = bundle_find(ofproto, aux);
    if (bundle) {
        bundle_remove(ofproto, bundle);
    }
    ovs_rwlock_unlock(&xlate_rwlock);
    backer_request_revalidate(ofproto->backer);
    return 0;
}

/* MAC learning configuration. */

void
ofproto_set_mac_table_config(struct ofproto *ofproto, unsigned idle_time,
                             size_t max_entries)
{
    ovs_rwlock_wrlock(&ofproto->ml.rwlock);
    mac_learning_set_idle_time(&ofproto->ml, idle_time);
    mac_learning_set_max_entries(&ofproto->ml, max_entries);
    ovs_rwlock_unlock(&ofproto->ml.rwlock);
}

void
ofproto_set_flood_vlans(struct ofproto *ofproto,
                        const unsigned long *flood_vlans)
{
    unsigned long *copy = NULL;
    if (flood_vlans && bitmap_is_any_set(flood_vlans, 4096)) {
        copy = vlan_bitmap_clone(flood_vlans);
    }

    /* bridge.c sets this on every reconfiguration: only a real change
     * flushes the MAC table. */
    size_t size = bitmap_n_longs(4096) * sizeof *copy;
    if (copy ? ofproto->flood_vlans
               && !memcmp(copy, ofproto->flood_vlans, size)
             : !ofproto->flood_vlans) {
        free(copy);
        return;
    }

    ovs_rwlock_wrlock(&xlate_rwlock);
    free(ofproto->flood_vlans);
    ofproto->flood_vlans = copy;
    ovs_rwlock_unlock(&xlate_rwlock);

    ovs_rwlock_wrlock(&ofproto->ml.rwlock);
    mac_learning_flush(&ofproto->ml);
    ovs_rwlock_unlock(&ofproto->ml.rwlock);
    backer_request_revalidate(ofproto->backer);
}

void
ofproto_set_max_idle(unsigned max_idle_)
{
    max_idle = max_idle_ ? max_idle_ : 10000;
}

void
ofproto_set_flow_limit(unsigned limit)
{
    ofproto_init__();
    ovs_rwlock_wrlock(&xlate_rwlock);
    flow_limit = limit ? limit : 200000;
    ovs_rwlock_unlock(&xlate_rwlock);
}

/* Rules. */

static struct rule *
rule_create(uint8_t table_id, const struct match *match, int priority,
            const struct ofpact *ofpacts, size_t ofpacts_len)
{
    struct rule *rule = xzalloc(sizeof *rule);
    cls_rule_init(&rule->cr, &match->flow, &match->wc, priority);
    rule->table_id = table_id;
    rule->ofpacts = ofpacts_len ? xmemdup(ofpacts, ofpacts_len) : NULL;
    rule->ofpacts_len = ofpacts_len;
    rule->created = rule->used = time_msec();
    static uint64_t next_seq;
    rule->seq = next_seq++;
    return rule;
}

/* Inserts 'rule', replacing an identical one.  Caller holds the write
 * lock. */
static void
ofproto_insert_rule(struct ofproto *ofproto, struct rule *rule)
{
    struct classifier *cls = &ofproto->tables[rule->table_id].cls;
    const struct cls_rule *old = classifier_find_rule_exactly(
        cls, &rule->cr, ofproto->tables_version);
    if (old) {
        classifier_remove_assert(cls, old);
        rule_destroy(CONTAINER_OF(old, struct rule, cr));
    }
    classifier_insert(cls, &rule->cr, ofproto->tables_version);
}

static void
ofproto_add_hidden_rule(struct ofproto *ofproto, const struct match *match,
                        int priority, const char *actions)
{
    struct rule *rule = rule_create(OFPROTO_HIDDEN_TABLE, match, priority,
                                    NULL, 0);
    rule->actions_text = xstrdup(actions);
    ofproto_insert_rule(ofproto, rule);
}

/* Table 0's "priority=0 actions=NORMAL" and the hidden internal rules
 * upstream shows in table 254.  Caller holds the write lock. */
static void
ofproto_add_default_rules(struct ofproto *ofproto)
{
    struct match match;

    match_init_catchall(&match);
    uint64_t stub[16];
    struct ofpbuf ofpacts = OFPBUF_STUB_INITIALIZER(stub);
    ofpact_put_OUTPUT(&ofpacts)->port = OFPP_NORMAL;
    ofproto_insert_rule(ofproto, rule_create(0, &match, 0, ofpacts.data,
                                             ofpacts.size));
    ofpbuf_uninit(&ofpacts);

    match_init_catchall(&match);
    WC_MASK_FIELD(&match.wc, recirc_id);
    ofproto_add_hidden_rule(ofproto, &match, 2, "drop");
    static const char *const reg0_actions[] = {
        "controller(reason=)", "drop", "drop"
    };
    for (int i = 0; i < 3; i++) {
        match_init_catchall(&match);
        match.flow.regs[0] = i + 1;
        match.wc.masks.regs[0] = UINT32_MAX;
        ofproto_add_hidden_rule(ofproto, &match, 0, reg0_actions[i]);
    }
}

int
ofproto_add_flow(struct ofproto *ofproto, uint8_t table_id,
                 const struct match *match, int priority,
                 const struct ofpact *ofpacts, size_t ofpacts_len)
{
    if (table_id >= OFPROTO_N_TABLES) {
        return EINVAL;
    }
    struct rule *rule = rule_create(table_id, match, priority, ofpacts,
                                    ofpacts_len);
    ovs_rwlock_wrlock(&xlate_rwlock);
    ofproto_insert_rule(ofproto, rule);
    ovs_rwlock_unlock(&xlate_rwlock);
    backer_request_revalidate(ofproto->backer);
    return 0;
}

static struct rule *
ofproto_find_rule(const struct ofproto *ofproto, uint8_t table_id,
                  const struct match *match, int priority)
{
    if (table_id >= OFPROTO_N_TABLES) {
        return NULL;
    }
    const struct cls_rule *cr = classifier_find_match_exactly(
        &ofproto->tables[table_id].cls, &match->flow, &match->wc, priority,
        ofproto->tables_version);
    return cr ? CONTAINER_OF(cr, struct rule, cr) : NULL;
}

int
ofproto_delete_flow(struct ofproto *ofproto, uint8_t table_id,
                    const struct match *match, int priority)
{
    ovs_rwlock_wrlock(&xlate_rwlock);
    struct rule *rule = ofproto_find_rule(ofproto, table_id, match,
                                          priority);
    if (rule) {
        classifier_remove_assert(&ofproto->tables[table_id].cls, &rule->cr);
        rule_destroy(rule);
    }
    ovs_rwlock_unlock(&xlate_rwlock);
    if (!rule) {
        return ENOENT;
    }
    backer_request_revalidate(ofproto->backer);
    return 0;
}

void
ofproto_flush_flows(struct ofproto *ofproto)
{
    ovs_rwlock_wrlock(&xlate_rwlock);
    for (int i = 0; i < OFPROTO_N_TABLES; i++) {
        if (i != OFPROTO_HIDDEN_TABLE) {
            ofproto_clear_table(ofproto, i);
        }
    }
    ofproto_clear_table(ofproto, OFPROTO_HIDDEN_TABLE);
    ofproto_add_default_rules(ofproto);
    ovs_rwlock_unlock(&xlate_rwlock);
    backer_request_revalidate(ofproto->backer);
}

int
ofproto_get_flow_stats(const struct ofproto *ofproto, uint8_t table_id,
                       const struct match *match, int priority,
                       uint64_t *n_packets, uint64_t *n_bytes)
{
    struct rule *rule = ofproto_find_rule(ofproto, table_id, match,
                                          priority);
    if (!rule) {
        return ENOENT;
    }
    ovs_mutex_lock(&stats_mutex);
    *n_packets = rule->n_packets;
    *n_bytes = rule->n_bytes;
    ovs_mutex_unlock(&stats_mutex);
    return 0;
}

struct rule *
ofproto_rule_lookup(const struct ofproto *ofproto, uint8_t table_id,
                    const struct flow *flow, struct flow_wildcards *wc)
{
    if (table_id >= OFPROTO_N_TABLES
        || table_id == OFPROTO_HIDDEN_TABLE) {
        return NULL;
    }
    const struct cls_rule *cr = classifier_lookup(
        &ofproto->tables[table_id].cls, ofproto->tables_version, flow, wc);
    return cr ? CONTAINER_OF(cr, struct rule, cr) : NULL;
}

void
ofproto_rule_credit(struct rule *rule, uint64_t n_packets, uint64_t n_bytes)
{
    ovs_mutex_lock(&stats_mutex);
    rule->n_packets += n_packets;
    rule->n_bytes += n_bytes;
    rule->used = time_msec();
    ovs_mutex_unlock(&stats_mutex);
}

/* Upcalls. */

static struct ukey *
ukey_find(const struct backer *backer, const ovs_u128 *ufid)
{
    struct ukey *ukey;

    HMAP_FOR_EACH_WITH_HASH (ukey, node, hash_bytes(ufid, sizeof *ufid, 0),
                             &backer->ukeys) {
        if (ovs_u128_equals(ukey->ufid, *ufid)) {
            return ukey;
        }
    }
    return NULL;
}

static int
upcall_cb(const struct dp_packet *packet, const struct flow *flow,
          ovs_u128 *ufid, unsigned pmd_id OVS_UNUSED,
          enum dpif_upcall_type type, const struct nlattr *userdata
          OVS_UNUSED, struct ofpbuf *actions, struct flow_wildcards *wc,
          struct ofpbuf *put_actions OVS_UNUSED, void *backer_)
{
    struct backer *backer = backer_;

    if (type != DPIF_UC_MISS) {
        return 0;
    }

    flow_wildcards_init_catchall(wc);
    ovs_rwlock_rdlock(&xlate_rwlock);
    struct ofport *port = backer_get_port(backer, flow->in_port.odp_port);
    if (!port) {
        /* A port being added or removed: drop, and install a flow that
         * drops such packets until revalidation. */
        ovs_rwlock_unlock(&xlate_rwlock);
        WC_MASK_FIELD(wc, in_port);
        return 0;
    }

    struct xlate_in xin = {
        .ofproto = port->ofproto,
        .flow = *flow,
        .may_learn = true,
        .n_packets = 1,
        .n_bytes = dp_packet_size(packet),
    };
    xin.flow.in_port.ofp_port = port->ofp_port;
    enum xlate_result r = xlate_actions(&xin, actions, wc, NULL);
    unsigned limit = flow_limit;
    ovs_rwlock_unlock(&xlate_rwlock);

    if (r & XLATE_LEARNED) {
        backer_request_revalidate(backer);
    }

    int error = 0;
    ovs_mutex_lock(&backer->ukey_mutex);
    if (hmap_count(&backer->ukeys) >= limit) {
        error = ENOSPC;
    } else if (ufid && !ukey_find(backer, ufid)) {
        struct ukey *ukey = xzalloc(sizeof *ukey);
        ukey->ufid = *ufid;
        ukey->created = time_msec();
        ukey->wc = *wc;
        hmap_insert(&backer->ukeys, &ukey->node,
                    hash_bytes(ufid, sizeof *ufid, 0));
    }
    ovs_mutex_unlock(&backer->ukey_mutex);
    return error;
}

/* Revalidation. */

enum reval_op_type { REVAL_DELETE, REVAL_MODIFY };

struct reval_op {
    enum reval_op_type type;
    struct ofpbuf *key;
    struct ofpbuf *mask;
    struct ofpbuf *actions;
    ovs_u128 ufid;
    unsigned pmd_id;
};

/* Re-translates dumped flow 'f'; returns true if it must go, otherwise
 * false, with '*modify' set if its actions must change to
 * 'new_actions'. */
static bool
revalidate_flow(struct backer *backer, const struct dpif_flow *f,
                const struct flow_wildcards *old_wc,
                uint64_t n_packets, uint64_t n_bytes, bool full,
                struct ofpbuf *new_actions, bool *modify)
{
    struct flow flow;
    *modify = false;
    if (odp_flow_key_to_flow(f->key, f->key_len, &flow, NULL)
        == ODP_FIT_ERROR) {
        return true;
    }

    ovs_rwlock_rdlock(&xlate_rwlock);
    struct ofport *port = backer_get_port(backer, flow.in_port.odp_port);
    if (!port) {
        ovs_rwlock_unlock(&xlate_rwlock);
        return true;
    }
    struct xlate_in xin = {
        .ofproto = port->ofproto,
        .flow = flow,
        .may_learn = n_packets > 0,
        .n_packets = n_packets,
        .n_bytes = n_bytes,
    };
    xin.flow.in_port.ofp_port = port->ofp_port;
    struct flow_wildcards wc;
    flow_wildcards_init_catchall(&wc);
    enum xlate_result r = xlate_actions(&xin, new_actions, &wc, NULL);
    ovs_rwlock_unlock(&xlate_rwlock);
    if (r & XLATE_LEARNED) {
        backer_request_revalidate(backer);
    }
    if (!full) {
        return false;
    }

    /* The old megaflow stays right only if it covers no packet the new
     * translation would tell apart: it must match at least every bit the
     * new one looks at. */
    if (flow_wildcards_has_extra(&wc, old_wc)) {
        return true;
    }
    if (new_actions->size != f->actions_len
        || memcmp(new_actions->data, f->actions, f->actions_len)) {
        *modify = true;
    }
    return false;
}

static void
backer_revalidate(struct backer *backer, bool full)
{
    struct reval_op *ops = NULL;
    size_t n_ops = 0, allocated_ops = 0;
    long long int now = time_msec();
    uint64_t dump_seq = ++backer->dump_seq;

    struct dpif_flow_dump *dump = dpif_flow_dump_create(backer->dpif,
                                                        false);
    struct dpif_flow_dump_thread *thread = dpif_flow_dump_thread_create(dump);
    struct dpif_flow flows[50];
    int n;

    while ((n = dpif_flow_dump_next(thread, flows, ARRAY_SIZE(flows))) > 0) {
        for (int i = 0; i < n; i++) {
            const struct dpif_flow *f = &flows[i];
            ovs_u128 ufid = f->ufid;
            if (!f->ufid_present) {
                odp_flow_key_hash(f->key, f->key_len, &ufid);
            }

            ovs_mutex_lock(&backer->ukey_mutex);
            struct ukey *ukey = ukey_find(backer, &ufid);
            uint64_t dp = 0, db = 0;
            long long int created = now;
            struct flow_wildcards old_wc;
            if (ukey) {
                old_wc = ukey->wc;
                if (f->stats.n_packets >= ukey->n_packets) {
                    dp = f->stats.n_packets - ukey->n_packets;
                    db = f->stats.n_bytes - ukey->n_bytes;
                }
                ukey->n_packets = f->stats.n_packets;
                ukey->n_bytes = f->stats.n_bytes;
                ukey->dump_seq = dump_seq;
                created = ukey->created;
            }
            ovs_mutex_unlock(&backer->ukey_mutex);
            if (!ukey) {
                /* Not ours (e.g. dpctl/add-flow): leave it alone. */
                continue;
            }

            long long int used = f->stats.used ? f->stats.used : created;
            bool delete = now - used >= max_idle;
            bool modify = false;
            uint64_t stub[128];
            struct ofpbuf new_actions = OFPBUF_STUB_INITIALIZER(stub);
            if (!delete && (full || dp)) {
                delete = revalidate_flow(backer, f, &old_wc, dp, db, full,
                                         &new_actions, &modify);
            }
            if (delete || modify) {
                if (n_ops >= allocated_ops) {
                    ops = x2nrealloc(ops, &allocated_ops, sizeof *ops);
                }
                struct reval_op *op = &ops[n_ops++];
                op->type = delete ? REVAL_DELETE : REVAL_MODIFY;
                op->key = ofpbuf_clone_data(f->key, f->key_len);
                op->mask = ofpbuf_clone_data(f->mask, f->mask_len);
                op->actions = ofpbuf_clone_data(new_actions.data,
                                                new_actions.size);
                op->ufid = ufid;
                op->pmd_id = f->pmd_id;
            }
            ofpbuf_uninit(&new_actions);
        }
    }
    dpif_flow_dump_thread_destroy(thread);
    int dump_error = dpif_flow_dump_destroy(dump);

    /* Forget flows the datapath no longer has (deleted behind our back),
     * except those installed while the dump ran. */
    if (!dump_error) {
        struct ukey *ukey;
        ovs_mutex_lock(&backer->ukey_mutex);
        HMAP_FOR_EACH_SAFE (ukey, node, &backer->ukeys) {
            if (ukey->dump_seq != dump_seq && ukey->created < now) {
                hmap_remove(&backer->ukeys, &ukey->node);
                free(ukey);
            }
        }
        ovs_mutex_unlock(&backer->ukey_mutex);
    }

    for (size_t i = 0; i < n_ops; i++) {
        struct reval_op *op = &ops[i];
        if (op->type == REVAL_DELETE) {
            dpif_flow_del(backer->dpif, op->key->data, op->key->size,
                          &op->ufid, op->pmd_id, NULL);
            ovs_mutex_lock(&backer->ukey_mutex);
            struct ukey *ukey = ukey_find(backer, &op->ufid);
            if (ukey) {
                hmap_remove(&backer->ukeys, &ukey->node);
                free(ukey);
            }
            ovs_mutex_unlock(&backer->ukey_mutex);
        } else {
            dpif_flow_put(backer->dpif, DPIF_FP_MODIFY, op->key->data,
                          op->key->size, op->mask->data, op->mask->size,
                          op->actions->data, op->actions->size, &op->ufid,
                          op->pmd_id, NULL);
        }
        ofpbuf_delete(op->key);
        ofpbuf_delete(op->mask);
        ofpbuf_delete(op->actions);
    }
    free(ops);
    if (full) {
        dpif_flush_caches(backer->dpif);
    }
}

int
ofproto_type_run(const char *datapath_type)
{
    struct backer *backer = backer_find(
        ofproto_normalize_type(datapath_type));
    if (!backer) {
        return 0;
    }
    dpif_run(backer->dpif);

    if (latch_poll(&backer->reval_latch)) {
        backer->need_revalidate = true;
    }
    long long int now = time_msec();
    if (backer->need_revalidate || now >= backer->next_dump) {
        bool full = backer->need_revalidate;
        backer->need_revalidate = false;
        backer->next_dump = now + REVALIDATE_INTERVAL;
        backer_revalidate(backer, full);
    }
    return 0;
}

void
ofproto_type_wait(const char *datapath_type)
{
    struct backer *backer = backer_find(
        ofproto_normalize_type(datapath_type));
    if (!backer) {
        return;
    }
    dpif_wait(backer->dpif);
    latch_wait(&backer->reval_latch);
    if (backer->need_revalidate) {
        poll_immediate_wake();
    } else {
        ovs_mutex_lock(&backer->ukey_mutex);
        bool any = !hmap_is_empty(&backer->ukeys);
        ovs_mutex_unlock(&backer->ukey_mutex);
        if (any) {
            poll_timer_wait_until(backer->next_dump);
        }
    }
}

static void
ofproto_init__(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;
    if (ovsthread_once_start(&once)) {
        ovs_rwlock_init(&xlate_rwlock);
        ovsthread_once_done(&once);
    }
}

struct hmap *
ofproto_all(void)
{
    return &all_ofprotos;
}

struct hmap *
ofproto_backers(void)
{
    return &backers;
}
