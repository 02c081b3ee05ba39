/* classifier-bench: measures the OpenFlow classifier (lib/classifier.h)
 * and the datapath's megaflow classifier and exact-match cache
 * (lib/dpcls.h, lib/emc.h).
 *
 * usage: classifier-bench [SCALE [classifier|dpcls]]
 *
 * For each table size (1,000, 10,000 and 100,000 rules) and number of
 * distinct masks (1, 10, 50), builds a table of rules with random
 * priorities whose masks are different subsets of in_port, dl_type,
 * nw_proto, nw_src, tp_src, tp_dst, dl_dst, metadata and reg0, all with an
 * exact nw_dst, and reports:
 *   - insertions per second while building it;
 *   - lookups per second of a mix of flows, half built from rules (hits)
 *     and half random (mostly misses), with wildcard tracking on, as
 *     ofproto's translation does it.
 * Then for dpcls, with 1,000 and 10,000 non-overlapping megaflows over 1
 * and 10 masks: nanoseconds per packet of batch lookups of 32 keys, and of
 * exact-match cache hits.
 *
 * The classifier has its default prefix tries (nw_src, nw_dst); set
 * CLS_BENCH_NO_TRIES in the environment to measure without them.
 *
 * Each figure is the best of 3 runs, in CPU time of the process, so that
 * other work on a shared machine skews it less.  Output lines are
 * "NAME VALUE UNIT".  SCALE (default 1) multiplies the number of lookups.
 * There is no upstream counterpart to compare with: upstream's own
 * microbenchmark (ovstest test-classifier benchmark) is not in the peer
 * packages, so only our numbers are printed. */
#include <config.h>
#include "classifier.h"
#include "dpcls.h"
#include "emc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "flow.h"
#include "packets.h"
#include "random.h"
#include "util.h"

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Optional fields of the masks, by bit of the mask number. */
enum { N_OPT = 9 };

static void
set_field(struct flow *flow, struct flow_wildcards *wc, int field,
          uint32_t r)
{
    switch (field) {
    case 0:
        flow->in_port.ofp_port = 1 + r % 16;
        WC_MASK_FIELD(wc, in_port);
        break;
    case 1:
        flow->dl_type = htons(r % 2 ? ETH_TYPE_IP : ETH_TYPE_IPV6);
        WC_MASK_FIELD(wc, dl_type);
        break;
    case 2:
        flow->nw_proto = r % 2 ? IPPROTO_TCP : IPPROTO_UDP;
        WC_MASK_FIELD(wc, nw_proto);
        break;
    case 3:
        flow->nw_src = htonl(0x0a000000 | (r & 0xffff00));
        wc->masks.nw_src = htonl(0xffffff00);
        break;
    case 4:
        flow->tp_src = htons(r % 1024);
        WC_MASK_FIELD(wc, tp_src);
        break;
    case 5:
        flow->tp_dst = htons(r % 64);
        WC_MASK_FIELD(wc, tp_dst);
        break;
    case 6:
        flow->dl_dst = eth_addr_from_uint64(0x020000000000ULL | (r % 256));
        WC_MASK_FIELD(wc, dl_dst);
        break;
    case 7:
        flow->metadata = htonll(r % 8);
        WC_MASK_FIELD(wc, metadata);
        break;
    case 8:
        flow->regs[0] = r % 4;
        WC_MASK_FIELD(wc, regs[0]);
        break;
    }
}

/* Rule number I's match with mask number MASK_ID: an exact nw_dst that
 * makes the match unique, plus the optional fields of MASK_ID. */
static void
make_match(uint32_t i, int mask_id, struct flow *flow,
           struct flow_wildcards *wc)
{
    memset(flow, 0, sizeof *flow);
    flow_wildcards_init_catchall(wc);
    flow->nw_dst = htonl(0xc0000000 | i);
    WC_MASK_FIELD(wc, nw_dst);
    for (int f = 0; f < N_OPT; f++) {
        if ((mask_id + 1) & (1 << f)) {
            set_field(flow, wc, f, random_uint32());
        }
    }
}

/* A packet's flow: all optional fields random; half the time it takes
 * the values of a random rule's match. */
static void
make_packet(const struct flow *rule_flows, const struct flow_wildcards *wcs,
            size_t n_rules, struct flow *flow)
{
    struct flow_wildcards scratch;

    memset(flow, 0, sizeof *flow);
    flow_wildcards_init_catchall(&scratch);
    for (int f = 0; f < N_OPT; f++) {
        set_field(flow, &scratch, f, random_uint32());
    }
    flow->nw_dst = htonl(random_uint32());
    if (random_range(2)) {
        size_t k = random_range(n_rules);
        uint64_t *d = flow_u64(flow);
        const uint64_t *s = flow_u64_const(&rule_flows[k]);
        const uint64_t *m = flow_u64_const(&wcs[k].masks);

        for (size_t w = 0; w < FLOW_U64S; w++) {
            d[w] = (d[w] & ~m[w]) | s[w];
        }
    }
}

struct bench_rule {
    struct cls_rule cr;
};

#define N_PACKETS 4096

static void
bench_classifier(size_t n_rules, int n_masks, double scale)
{
    struct bench_rule *rules = xmalloc(n_rules * sizeof *rules);
    struct flow *flows = xmalloc(n_rules * sizeof *flows);
    struct flow_wildcards *wcs = xmalloc(n_rules * sizeof *wcs);
    struct flow *packets = xmalloc(N_PACKETS * sizeof *packets);
    double best_insert = 0, best_lookup = 0;
    size_t hits = 0;

    random_set_seed(n_rules * 100 + n_masks);
    for (size_t i = 0; i < n_rules; i++) {
        make_match(i, i % n_masks, &flows[i], &wcs[i]);
    }
    for (size_t i = 0; i < N_PACKETS; i++) {
        make_packet(flows, wcs, n_rules, &packets[i]);
    }

    for (int run = 0; run < 3; run++) {
        struct classifier cls;
        double t;

        for (size_t i = 0; i < n_rules; i++) {
            cls_rule_init(&rules[i].cr, &flows[i], &wcs[i],
                          random_range(65536));
        }
        classifier_init(&cls);
        if (getenv("CLS_BENCH_NO_TRIES")) {
            classifier_set_prefix_fields(&cls, 0);
        }
        t = now();
        for (size_t i = 0; i < n_rules; i++) {
            classifier_replace(&cls, &rules[i].cr, 0);
        }
        t = now() - t;
        best_insert = MAX(best_insert, n_rules / MAX(t, 1e-9));

        size_t n_lookups = (size_t) (2000000 * scale);
        t = now();
        hits = 0;
        for (size_t i = 0; i < n_lookups; i++) {
            struct flow_wildcards wc;

            flow_wildcards_init_catchall(&wc);
            hits += classifier_lookup(&cls, 0, &packets[i % N_PACKETS],
                                      &wc) != NULL;
        }
        t = now() - t;
        best_lookup = MAX(best_lookup, n_lookups / MAX(t, 1e-9));

        classifier_destroy(&cls);
        for (size_t i = 0; i < n_rules; i++) {
            cls_rule_destroy(&rules[i].cr);
        }
    }
    printf("classifier-insert-%zu-rules-%d-masks %.0f inserts/s\n",
           n_rules, n_masks, best_insert);
    printf("classifier-lookup-%zu-rules-%d-masks %.0f lookups/s"
           " (%.0f%% hits)\n", n_rules, n_masks, best_lookup,
           100.0 * hits / (2000000 * scale));
    free(rules);
    free(flows);
    free(wcs);
    free(packets);
}

struct bench_megaflow {
    struct dpcls_rule rule;
};

static void
bench_dpcls(size_t n_rules, int n_masks, double scale)
{
    struct bench_megaflow *mfs = xmalloc(n_rules * sizeof *mfs);
    struct flow *flows = xmalloc(n_rules * sizeof *flows);
    struct flow_wildcards *wcs = xmalloc(n_rules * sizeof *wcs);
    struct dpcls_key *keys = xmalloc(N_PACKETS * sizeof *keys);
    struct emc_cache *emc = emc_create(1);
    double best_dpcls = 1e30, best_emc = 1e30;
    struct dpcls cls;

    /* Megaflows that never overlap: every one has an exact nw_dst of its
     * own.  Packets always hit one (the datapath's common case). */
    random_set_seed(n_rules + n_masks);
    dpcls_init(&cls);
    for (size_t i = 0; i < n_rules; i++) {
        make_match(i, i % n_masks, &flows[i], &wcs[i]);
        dpcls_insert(&cls, &mfs[i].rule, &flows[i], &wcs[i]);
    }
    for (size_t i = 0; i < N_PACKETS; i++) {
        struct flow packet;
        size_t k = random_range(n_rules);
        struct flow_wildcards scratch;

        memset(&packet, 0, sizeof packet);
        flow_wildcards_init_catchall(&scratch);
        for (int f = 0; f < N_OPT; f++) {
            set_field(&packet, &scratch, f, random_uint32());
        }
        uint64_t *d = flow_u64(&packet);
        const uint64_t *s = flow_u64_const(&flows[k]);
        const uint64_t *m = flow_u64_const(&wcs[k].masks);
        for (size_t w = 0; w < FLOW_U64S; w++) {
            d[w] = (d[w] & ~m[w]) | s[w];
        }
        dpcls_key_init(&keys[i], &packet);
    }

    size_t n_batches = (size_t) (100000 * scale);
    for (int run = 0; run < 3; run++) {
        const struct dpcls_key *kp[DPCLS_BATCH_MAX];
        struct dpcls_rule *found[DPCLS_BATCH_MAX];
        size_t misses = 0;
        double t = now();

        for (size_t b = 0; b < n_batches; b++) {
            size_t base = (b * DPCLS_BATCH_MAX) % N_PACKETS;

            for (size_t i = 0; i < DPCLS_BATCH_MAX; i++) {
                kp[i] = &keys[base + i];
            }
            misses += !dpcls_lookup(&cls, kp, DPCLS_BATCH_MAX, found, NULL);
            if (!run && !b) {
                for (size_t i = 0; i < DPCLS_BATCH_MAX; i++) {
                    emc_insert(emc, kp[i], found[i]);
                }
            }
            if (b == 100) {
                dpcls_sort_subtables(&cls);
            }
        }
        t = now() - t;
        ovs_assert(!misses);
        best_dpcls = MIN(best_dpcls,
                         t * 1e9 / (n_batches * DPCLS_BATCH_MAX));
    }

    /* Exact-match cache hits: all packets of the first batch are cached;
     * look them up over and over. */
    for (int run = 0; run < 3; run++) {
        size_t n_hits = 0, n = n_batches * DPCLS_BATCH_MAX;
        double t = now();

        for (size_t i = 0; i < n; i++) {
            n_hits += emc_lookup(emc, &keys[i % DPCLS_BATCH_MAX]) != NULL;
        }
        t = now() - t;
        ovs_assert(n_hits == n);
        best_emc = MIN(best_emc, t * 1e9 / n);
    }

    printf("dpcls-lookup-%zu-flows-%d-masks %.1f ns/packet\n",
           n_rules, n_masks, best_dpcls);
    printf("emc-hit-%zu-flows-%d-masks %.1f ns/packet\n",
           n_rules, n_masks, best_emc);
    for (size_t i = 0; i < n_rules; i++) {
        dpcls_remove(&cls, &mfs[i].rule);
    }
    dpcls_destroy(&cls);
    emc_destroy(emc);
    free(mfs);
    free(flows);
    free(wcs);
    free(keys);
}

int
main(int argc, char *argv[])
{
    static const size_t sizes[] = { 1000, 10000, 100000 };
    static const int masks[] = { 1, 10, 50 };
    double scale = argc > 1 ? atof(argv[1]) : 1.0;
    const char *which = argc > 2 ? argv[2] : "";

    if (scale <= 0) {
        fprintf(stderr, "usage: %s [SCALE [classifier|dpcls]]\n", argv[0]);
        return 1;
    }
    for (size_t i = 0; strcmp(which, "dpcls") && i < ARRAY_SIZE(sizes);
         i++) {
        for (size_t j = 0; j < ARRAY_SIZE(masks); j++) {
            bench_classifier(sizes[i], masks[j], scale);
        }
    }
    for (size_t i = 0; strcmp(which, "classifier") && i < 2; i++) {
        for (size_t j = 0; j < 2; j++) {
            bench_dpcls(sizes[i], masks[j], scale);
        }
    }
    return 0;
}
