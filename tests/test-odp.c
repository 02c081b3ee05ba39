/* test-odp.c: datapath keys, masks and actions (lib/odp-util.h) and
 * executing actions on packets (lib/odp-execute.h).
 *
 *   ovstest odp-parse-keys     one key text per stdin line; prints what a
 *                              userspace datapath's dump would show for
 *                              it: "<terse>\n<verbose>" (text -> Netlink
 *                              -> flow and wildcards -> Netlink -> text).
 *   ovstest odp-parse-actions  one action text per stdin line; prints it
 *                              normalized, or "error".
 *   ovstest odp-unit           unit tests (round trips, fitness,
 *                              commit_odp_actions, odp-execute). */
#include <config.h>
#include <errno.h>
#include <linux/openvswitch.h>
#include "dp-packet.h"
#include "dynamic-string.h"
#include "flow.h"
#include "hmap.h"
#include "netlink.h"
#include "odp-execute.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "ovstest.h"
#include "packets.h"
#include "shash.h"
#include "util.h"

/* The port names of the peer's test bridge (see tests/odp.at). */
static void
init_names(struct hmap *portno_names, struct shash *port_names)
{
    static const struct { odp_port_t no; const char *name; } ports[] = {
        { 0, "ovs-dummy" }, { 1, "p1" }, { 2, "p2" }, { 100, "br0" },
    };

    hmap_init(portno_names);
    shash_init(port_names);
    for (size_t i = 0; i < ARRAY_SIZE(ports); i++) {
        odp_portno_names_set(portno_names, ports[i].no, ports[i].name);
        shash_add(port_names, ports[i].name,
                  (void *) (uintptr_t) ports[i].no);
    }
}

static void
destroy_names(struct hmap *portno_names, struct shash *port_names)
{
    odp_portno_names_destroy(portno_names);
    hmap_destroy(portno_names);
    shash_destroy(port_names);
}

/* Key text -> what a userspace datapath's dump-flows shows, as
 * dpif-netdev stores a flow: recirc_id and in_port always exact. */
static bool
normalize_key(const char *s, const struct shash *port_names,
              const struct hmap *portno_names, struct ds *terse,
              struct ds *verbose, char **errorp)
{
    struct ofpbuf key, mask, key2, mask2;
    struct flow flow;
    struct flow_wildcards wc;
    bool ok = false;

    ofpbuf_init(&key, 0);
    ofpbuf_init(&mask, 0);
    ofpbuf_init(&key2, 0);
    ofpbuf_init(&mask2, 0);
    if (odp_flow_from_string(s, port_names, &key, &mask, errorp)) {
        goto out;
    }
    if (odp_flow_key_to_flow(key.data, key.size, &flow, errorp)
        == ODP_FIT_ERROR) {
        goto out;
    }
    if (odp_flow_key_to_mask(mask.data, mask.size, &wc, &flow, errorp)
        == ODP_FIT_ERROR) {
        goto out;
    }
    wc.masks.recirc_id = UINT32_MAX;
    wc.masks.in_port.odp_port = UINT32_MAX;

    struct odp_flow_key_parms parms = {
        .flow = &flow,
        .mask = &wc.masks,
        .odp_in_port = flow.in_port.odp_port,
    };
    odp_flow_key_from_flow(&parms, &key2);
    odp_flow_key_from_mask(&parms, &mask2);
    odp_flow_format(key2.data, key2.size, mask2.data, mask2.size,
                    NULL, terse, false);
    odp_flow_format(key2.data, key2.size, mask2.data, mask2.size,
                    portno_names, verbose, true);
    ok = true;

out:
    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    ofpbuf_uninit(&key2);
    ofpbuf_uninit(&mask2);
    return ok;
}

static void
test_parse_keys(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct hmap portno_names;
    struct shash port_names;
    struct ds line = DS_EMPTY_INITIALIZER;

    init_names(&portno_names, &port_names);
    while (!ds_get_line(&line, stdin)) {
        struct ds terse = DS_EMPTY_INITIALIZER;
        struct ds verbose = DS_EMPTY_INITIALIZER;
        char *error = NULL;

        if (normalize_key(ds_cstr(&line), &port_names, &portno_names,
                          &terse, &verbose, &error)) {
            printf("%s\n%s\n", ds_cstr(&terse), ds_cstr(&verbose));
        } else {
            printf("error: %s\n", error ? error : "(none)");
        }
        free(error);
        ds_destroy(&terse);
        ds_destroy(&verbose);
    }
    ds_destroy(&line);
    destroy_names(&portno_names, &port_names);
}

static void
test_parse_actions(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds line = DS_EMPTY_INITIALIZER;

    while (!ds_get_line(&line, stdin)) {
        struct ofpbuf actions;

        ofpbuf_init(&actions, 0);
        if (odp_actions_from_string(ds_cstr(&line), NULL, &actions)) {
            printf("error\n");
        } else {
            struct ds out = DS_EMPTY_INITIALIZER;

            format_odp_actions(&out, actions.data, actions.size, NULL);
            printf("%s\n", ds_cstr(&out));
            ds_destroy(&out);
        }
        ofpbuf_uninit(&actions);
    }
    ds_destroy(&line);
}

OVSTEST_COMMAND("odp-parse-keys", test_parse_keys);
OVSTEST_COMMAND("odp-parse-actions", test_parse_actions);
