/* dpif.c: the datapath interface, a thin generic layer over providers. */
#include <config.h>
#include "dpif.h"

#include <errno.h>
#include <string.h>
#include "dpif-provider.h"
#include "dynamic-string.h"
#include "ofpbuf.h"
#include "ovs-thread.h"
#include "packets.h"
#include "shash.h"
#include "sset.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(dpif);

/* Providers by type; only the main thread registers. */
static struct shash dpif_classes = SHASH_INITIALIZER(&dpif_classes);
static struct ovs_mutex dpif_mutex = OVS_MUTEX_INITIALIZER;

static void
dp_initialize(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (ovsthread_once_start(&once)) {
        dp_register_provider(&dpif_netdev_class);
        ovsthread_once_done(&once);
    }
}

int
dp_register_provider(const struct dpif_class *class)
{
    int error = 0;

    ovs_mutex_lock(&dpif_mutex);
    if (shash_find(&dpif_classes, class->type)) {
        VLOG_WARN("attempted to register duplicate datapath provider: %s",
                  class->type);
        error = EEXIST;
    } else {
        shash_add(&dpif_classes, class->type, class);
    }
    ovs_mutex_unlock(&dpif_mutex);
    return error;
}

int
dp_unregister_provider(const char *type)
{
    struct shash_node *node;
    int error = 0;

    ovs_mutex_lock(&dpif_mutex);
    node = shash_find(&dpif_classes, type);
    if (node) {
        shash_delete(&dpif_classes, node);
    } else {
        error = EAFNOSUPPORT;
    }
    ovs_mutex_unlock(&dpif_mutex);
    return error;
}

static const struct dpif_class *
dp_class_lookup(const char *type)
{
    const struct dpif_class *class;

    dp_initialize();
    ovs_mutex_lock(&dpif_mutex);
    class = shash_find_data(&dpif_classes, dpif_normalize_type(type));
    ovs_mutex_unlock(&dpif_mutex);
    return class;
}

void
dp_enumerate_types(struct sset *types)
{
    struct shash_node *node;

    dp_initialize();
    ovs_mutex_lock(&dpif_mutex);
    SHASH_FOR_EACH (node, &dpif_classes) {
        sset_add(types, node->name);
    }
    ovs_mutex_unlock(&dpif_mutex);
}

int
dp_enumerate_names(const char *type, struct sset *names)
{
    const struct dpif_class *class = dp_class_lookup(type);

    if (!class) {
        VLOG_WARN("could not enumerate unknown type: %s", type);
        return EAFNOSUPPORT;
    }
    return class->enumerate ? class->enumerate(names, class) : 0;
}

const char *
dpif_normalize_type(const char *type)
{
    return type && type[0] ? type : "system";
}

int
dp_parse_name(const char *datapath_name, char **name, char **type)
{
    const char *at = strchr(datapath_name, '@');

    if (at) {
        *type = xmemdup0(datapath_name, at - datapath_name);
        *name = xstrdup(at + 1);
    } else {
        *type = xstrdup("system");
        *name = xstrdup(datapath_name);
    }
    return 0;
}

const char *
dpif_port_open_type(const char *datapath_type, const char *port_type)
{
    const struct dpif_class *class = dp_class_lookup(datapath_type);

    port_type = port_type && port_type[0] ? port_type : "system";
    if (class && class->port_open_type) {
        return class->port_open_type(class, port_type);
    }
    return port_type;
}

void
dpif_init(struct dpif *dpif, const struct dpif_class *class,
          const char *name)
{
    dpif->class = class;
    dpif->base_name = xstrdup(name);
    dpif->full_name = xasprintf("%s@%s", class->type, name);
}

void
dpif_uninit(struct dpif *dpif)
{
    free(dpif->base_name);
    free(dpif->full_name);
}

static int
do_open(const char *name, const char *type, bool create,
        struct dpif **dpifp)
{
    const struct dpif_class *class = dp_class_lookup(type);
    int error;

    *dpifp = NULL;
    if (!class) {
        VLOG_WARN("could not create datapath %s of unknown type %s", name,
                  dpif_normalize_type(type));
        return EAFNOSUPPORT;
    }
    error = class->open(class, name, create, dpifp);
    if (error) {
        *dpifp = NULL;
    }
    return error;
}

int
dpif_open(const char *name, const char *type, struct dpif **dpifp)
{
    return do_open(name, type, false, dpifp);
}

int
dpif_create(const char *name, const char *type, struct dpif **dpifp)
{
    return do_open(name, type, true, dpifp);
}

int
dpif_create_and_open(const char *name, const char *type,
                     struct dpif **dpifp)
{
    int error = dpif_create(name, type, dpifp);

    if (error == EEXIST || error == EBUSY) {
        error = dpif_open(name, type, dpifp);
        if (error) {
            VLOG_WARN("datapath %s already exists but cannot be opened: %s",
                      name, ovs_strerror(error));
        }
    } else if (error) {
        VLOG_WARN("failed to create datapath %s: %s", name,
                  ovs_strerror(error));
    }
    return error;
}

void
dpif_close(struct dpif *dpif)
{
    if (dpif) {
        dpif->class->close(dpif);
    }
}

int
dpif_delete(struct dpif *dpif)
{
    return dpif->class->destroy(dpif);
}

void
dpif_run(struct dpif *dpif)
{
    if (dpif->class->run) {
        dpif->class->run(dpif);
    }
}

void
dpif_wait(struct dpif *dpif)
{
    if (dpif->class->wait) {
        dpif->class->wait(dpif);
    }
}

const char *
dpif_name(const struct dpif *dpif)
{
    return dpif->full_name;
}

const char *
dpif_base_name(const struct dpif *dpif)
{
    return dpif->base_name;
}

const char *
dpif_type(const struct dpif *dpif)
{
    return dpif->class->type;
}

int
dpif_get_dp_stats(const struct dpif *dpif, struct dpif_dp_stats *stats)
{
    int error = dpif->class->get_stats(dpif, stats);

    if (error) {
        memset(stats, 0, sizeof *stats);
    }
    return error;
}

void
dpif_port_clone(struct dpif_port *dst, const struct dpif_port *src)
{
    dst->name = xstrdup(src->name);
    dst->type = xstrdup(src->type);
    dst->port_no = src->port_no;
}

void
dpif_port_destroy(struct dpif_port *port)
{
    free(port->name);
    free(port->type);
}

int
dpif_port_add(struct dpif *dpif, struct netdev *netdev, odp_port_t *port_nop)
{
    return dpif->class->port_add(dpif, netdev, port_nop);
}

int
dpif_port_del(struct dpif *dpif, odp_port_t port_no)
{
    return dpif->class->port_del(dpif, port_no);
}

bool
dpif_port_exists(const struct dpif *dpif, const char *devname)
{
    struct dpif_port port;

    if (!dpif_port_query_by_name(dpif, devname, &port)) {
        dpif_port_destroy(&port);
        return true;
    }
    return false;
}

int
dpif_port_query_by_number(const struct dpif *dpif, odp_port_t port_no,
                          struct dpif_port *port)
{
    int error = dpif->class->port_query_by_number(dpif, port_no, port);

    if (error) {
        memset(port, 0, sizeof *port);
    }
    return error;
}

int
dpif_port_query_by_name(const struct dpif *dpif, const char *devname,
                        struct dpif_port *port)
{
    int error = dpif->class->port_query_by_name(dpif, devname, port);

    if (error) {
        memset(port, 0, sizeof *port);
    }
    return error;
}

int
dpif_port_get_name(struct dpif *dpif, odp_port_t port_no, char *name,
                   size_t name_size)
{
    struct dpif_port port;
    int error;

    ovs_assert(name_size > 0);
    error = dpif_port_query_by_number(dpif, port_no, &port);
    if (!error) {
        ovs_strlcpy(name, port.name, name_size);
        dpif_port_destroy(&port);
    } else {
        *name = '\0';
    }
    return error;
}

int
dpif_port_list(const struct dpif *dpif, struct dpif_port **ports,
               size_t *n_ports)
{
    int error = dpif->class->port_list(dpif, ports, n_ports);

    if (error) {
        *ports = NULL;
        *n_ports = 0;
    }
    return error;
}

void
dpif_port_list_free(struct dpif_port *ports, size_t n_ports)
{
    for (size_t i = 0; i < n_ports; i++) {
        dpif_port_destroy(&ports[i]);
    }
    free(ports);
}

int
dpif_port_poll(const struct dpif *dpif, char **devnamep)
{
    *devnamep = NULL;
    return dpif->class->port_poll(dpif, devnamep);
}

void
dpif_port_poll_wait(const struct dpif *dpif)
{
    dpif->class->port_poll_wait(dpif);
}

void
dpif_flow_stats_format(const struct dpif_flow_stats *stats, struct ds *s)
{
    ds_put_format(s, "packets:%"PRIu64", bytes:%"PRIu64", used:",
                  stats->n_packets, stats->n_bytes);
    if (stats->used) {
        ds_put_format(s, "%.3fs", (time_msec() - stats->used) / 1000.0);
    } else {
        ds_put_cstr(s, "never");
    }
    if (stats->tcp_flags) {
        /* Upstream's one letter per flag, in this order. */
        static const struct {
            uint16_t bit;
            char c;
        } flags[] = {
            { 0x002, 'S' }, { 0x001, 'F' }, { 0x008, 'P' }, { 0x004, 'R' },
            { 0x020, 'U' }, { 0x010, '.' }, { 0x040, 'E' }, { 0x080, 'C' },
            { 0x100, 'N' },
        };

        ds_put_cstr(s, ", flags:");
        for (size_t i = 0; i < ARRAY_SIZE(flags); i++) {
            if (stats->tcp_flags & flags[i].bit) {
                ds_put_char(s, flags[i].c);
            }
        }
    }
}

int
dpif_flow_put(struct dpif *dpif, enum dpif_flow_put_flags flags,
              const struct nlattr *key, size_t key_len,
              const struct nlattr *mask, size_t mask_len,
              const struct nlattr *actions, size_t actions_len,
              const ovs_u128 *ufid, unsigned pmd_id,
              struct dpif_flow_stats *stats)
{
    if (stats) {
        memset(stats, 0, sizeof *stats);
    }
    return dpif->class->flow_put(dpif, flags, key, key_len, mask, mask_len,
                                 actions, actions_len, ufid, pmd_id, stats);
}

int
dpif_flow_del(struct dpif *dpif, const struct nlattr *key, size_t key_len,
              const ovs_u128 *ufid, unsigned pmd_id,
              struct dpif_flow_stats *stats)
{
    if (stats) {
        memset(stats, 0, sizeof *stats);
    }
    return dpif->class->flow_del(dpif, key, key_len, ufid, pmd_id, stats);
}

int
dpif_flow_flush(struct dpif *dpif)
{
    return dpif->class->flow_flush(dpif);
}

int
dpif_flow_get(struct dpif *dpif, const struct nlattr *key, size_t key_len,
              const ovs_u128 *ufid, unsigned pmd_id, struct ofpbuf *buf,
              struct dpif_flow *flow)
{
    memset(flow, 0, sizeof *flow);
    return dpif->class->flow_get(dpif, key, key_len, ufid, pmd_id, buf,
                                 flow);
}

struct dpif_flow_dump *
dpif_flow_dump_create(const struct dpif *dpif, bool terse)
{
    struct dpif_flow_dump *dump = dpif->class->flow_dump_create(dpif,
                                                                terse);
    dump->dpif = dpif;
    dump->terse = terse;
    return dump;
}

int
dpif_flow_dump_destroy(struct dpif_flow_dump *dump)
{
    return dump->dpif->class->flow_dump_destroy(dump);
}

struct dpif_flow_dump_thread *
dpif_flow_dump_thread_create(struct dpif_flow_dump *dump)
{
    struct dpif_flow_dump_thread *thread
        = dump->dpif->class->flow_dump_thread_create(dump);

    thread->dpif = dump->dpif;
    return thread;
}

void
dpif_flow_dump_thread_destroy(struct dpif_flow_dump_thread *thread)
{
    thread->dpif->class->flow_dump_thread_destroy(thread);
}

int
dpif_flow_dump_next(struct dpif_flow_dump_thread *thread,
                    struct dpif_flow *flows, int max_flows)
{
    ovs_assert(max_flows > 0);
    return thread->dpif->class->flow_dump_next(thread, flows, max_flows);
}

int
dpif_execute(struct dpif *dpif, struct dpif_execute *execute)
{
    if (!execute->actions_len) {
        return 0;
    }
    return dpif->class->execute(dpif, execute);
}

void
dpif_register_upcall_cb(struct dpif *dpif, upcall_callback *cb, void *aux)
{
    dpif->class->register_upcall_cb(dpif, cb, aux);
}

void
dpif_enable_upcall(struct dpif *dpif)
{
    dpif->class->enable_upcall(dpif);
}

void
dpif_disable_upcall(struct dpif *dpif)
{
    dpif->class->disable_upcall(dpif);
}

void
dpif_flush_caches(struct dpif *dpif)
{
    if (dpif->class->flush_caches) {
        dpif->class->flush_caches(dpif);
    }
}
