/* Unit tests for lib/classifier.h, lib/dpcls.h and lib/emc.h.
 *
 * Most of the checking is differential: random rules over a small domain
 * of field values (so that rules overlap, share masks and share values)
 * are kept both in the classifier and in a plain array, and every lookup
 * is compared with a brute-force scan of the array.  The wildcards a
 * lookup returns are checked the way a megaflow would use them: flows
 * that agree with the looked-up flow on the un-wildcarded bits, and are
 * random elsewhere, must get the same answer from the brute-force scan.
 *
 * Commands for tests/classifier.at (bigger and more seeds):
 *   ovstest classifier-random SEED N_RULES N_MASKS N_OPS
 *   ovstest dpcls-random SEED N_RULES N_MASKS N_BATCHES */
#include <config.h>
#include "classifier.h"
#include "dpcls.h"
#include "emc.h"

#include <stdlib.h>
#include <string.h>
#include "ovstest.h"
#include "random.h"
#include "util.h"

/* The field domain. */

struct test_field {
    const char *name;
    size_t ofs;                 /* Offset in struct flow. */
    size_t len;                 /* Bytes. */
    uint64_t values[4];         /* Usual values (big-endian bytes). */
    size_t n_values;
    uint64_t partials[3];       /* Partial masks (0: fewer). */
};

/* ipv6_src_hi is the first half of ipv6_src, enough for prefixes. */
#define F(NAME, FIELD, LEN) #NAME, offsetof(struct flow, FIELD), LEN
static const struct test_field fields[] = {
    { F(in_port, in_port, 4), { 1, 2, 3 }, 3, { 0 } },
    { F(reg0, regs[0], 4), { 0, 1, 0xff01 }, 3, { 0xff00 } },
    { F(metadata, metadata, 8), { 0, 1, UINT64_C(0x10000000000) }, 3,
      { 0 } },
    { F(dl_src, dl_src, 6), { 0x020000000001, 0x020000000102 }, 2,
      { 0xffffffffff00 } },
    { F(dl_type, dl_type, 2), { 0x0800, 0x86dd }, 2, { 0 } },
    { F(vlan_tci, vlans[0].tci, 2), { 0, 0x1064, 0x1065 }, 3, { 0x0ffe } },
    { F(nw_src, nw_src, 4), { 0x0a000001, 0x0a800101, 0x0a010001,
                              0xc0a80101 }, 4,
      { 0xff000000, 0xffff0000, 0xfffffe00 } },
    { F(nw_dst, nw_dst, 4), { 0x0a000002, 0x0a000202, 0x8a000202 }, 3,
      { 0xffffff00, 0x80000000, 0xf0f0f0f0 } },
    { F(ipv6_src_hi, ipv6_src, 8), { UINT64_C(0x20010db800000001),
                                     UINT64_C(0x20010db800010001),
                                     UINT64_C(0xfe80000000000000) }, 3,
      { UINT64_C(0xffffffff00000000), UINT64_C(0xffffffffffff0000),
        UINT64_C(0xfe00000000000000) } },
    { F(nw_proto, nw_proto, 1), { 6, 17 }, 2, { 0 } },
    { F(nw_tos, nw_tos, 1), { 0, 0x11 }, 2, { 0xfc } },
    { F(tp_src, tp_src, 2), { 80, 443, 1000 }, 3, { 0xff00 } },
    { F(tp_dst, tp_dst, 2), { 53, 80 }, 2, { 0 } },
};
#undef F
#define N_FIELDS ARRAY_SIZE(fields)

static void
field_put(void *flow, const struct test_field *f, uint64_t value)
{
    uint8_t *p = (uint8_t *) flow + f->ofs;

    for (size_t i = 0; i < f->len; i++) {
        p[i] = value >> (8 * (f->len - 1 - i));
    }
}

static uint64_t
field_ones(const struct test_field *f)
{
    return f->len >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * f->len)) - 1;
}

/* A flow with usual values, some unusual ones and some zero fields. */
static void
random_flow(struct flow *flow)
{
    memset(flow, 0, sizeof *flow);
    for (size_t i = 0; i < N_FIELDS; i++) {
        const struct test_field *f = &fields[i];
        uint32_t r = random_range(16);
        uint64_t v;

        if (r < 13) {
            v = f->values[random_range(f->n_values)];
        } else if (r < 15) {
            v = random_uint64() & field_ones(f);
        } else {
            v = 0;
        }
        field_put(flow, f, v);
    }
}

/* Per field: see random_template(). */
struct template {
    uint8_t how[N_FIELDS];
};

static size_t
field_n_partials(const struct test_field *f)
{
    size_t n = 0;

    while (n < ARRAY_SIZE(f->partials) && f->partials[n]) {
        n++;
    }
    return n;
}

/* A mask template: per field 0 (wildcarded), 1 (exact), 2 + K (partial
 * mask K). */
static void
random_template(struct template *t)
{
    for (size_t i = 0; i < N_FIELDS; i++) {
        size_t n_partials = field_n_partials(&fields[i]);
        uint32_t r = random_range(8);

        t->how[i] = (r < 5 ? 0
                     : r < 7 || !n_partials ? 1
                     : 2 + random_range(n_partials));
    }
}

static void
template_to_wc(const struct template *t, struct flow_wildcards *wc)
{
    flow_wildcards_init_catchall(wc);
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (t->how[i]) {
            field_put(&wc->masks, &fields[i],
                      t->how[i] == 1 ? field_ones(&fields[i])
                                     : fields[i].partials[t->how[i] - 2]);
        }
    }
}

/* Reference rules. */

struct test_rule {
    struct cls_rule cls_rule;
    struct flow flow;           /* Masked. */
    struct flow_wildcards wc;
    int priority;
    ovs_version_t add, remove;  /* Visibility, as the test expects it. */
};

static struct test_rule *
test_rule_create(const struct flow *flow, const struct flow_wildcards *wc,
                 int priority)
{
    struct test_rule *r = xzalloc(sizeof *r);

    r->flow = *flow;
    flow_zero_wildcards(&r->flow, wc);
    r->wc = *wc;
    r->priority = priority;
    r->remove = OVS_VERSION_NOT_REMOVED;
    cls_rule_init(&r->cls_rule, flow, wc, priority);
    return r;
}

static void
test_rule_destroy(struct test_rule *r)
{
    cls_rule_destroy(&r->cls_rule);
    free(r);
}

static struct test_rule *
test_rule_cast(const struct cls_rule *rule)
{
    return rule ? CONTAINER_OF(rule, struct test_rule, cls_rule) : NULL;
}

static bool
ref_visible(const struct test_rule *r, ovs_version_t version)
{
    return r->add <= version && version < r->remove;
}

static bool
ref_matches(const struct test_rule *r, const struct flow *flow)
{
    return flow_equal_except(&r->flow, flow, &r->wc);
}

/* The set of rules in the classifier, as the test believes it is. */
struct ref {
    struct test_rule **rules;
    size_t n, allocated;
};

static void
ref_add(struct ref *ref, struct test_rule *r)
{
    if (ref->n >= ref->allocated) {
        ref->allocated = 2 * ref->allocated + 16;
        ref->rules = xrealloc(ref->rules,
                              ref->allocated * sizeof *ref->rules);
    }
    ref->rules[ref->n++] = r;
}

/* Frees PRIORITY for new rules unless a rule in REF still has it. */
static void
release_priority(const struct ref *ref, bool *used, int priority)
{
    for (size_t i = 0; i < ref->n; i++) {
        if (ref->rules[i]->priority == priority) {
            return;
        }
    }
    used[priority] = false;
}

static void
ref_del(struct ref *ref, struct test_rule *r)
{
    for (size_t i = 0; i < ref->n; i++) {
        if (ref->rules[i] == r) {
            ref->rules[i] = ref->rules[--ref->n];
            return;
        }
    }
    OVS_NOT_REACHED();
}

/* Highest-priority matching visible rule; priorities of visible rules
 * are distinct in these tests, so the answer is unique. */
static const struct test_rule *
ref_lookup(const struct ref *ref, ovs_version_t version,
           const struct flow *flow)
{
    const struct test_rule *best = NULL;

    for (size_t i = 0; i < ref->n; i++) {
        const struct test_rule *r = ref->rules[i];

        if ((!best || r->priority > best->priority)
            && ref_visible(r, version) && ref_matches(r, flow)) {
            best = r;
        }
    }
    return best;
}

/* A flow equal to FLOW under WC and random elsewhere. */
static void
mix_flow(struct flow *out, const struct flow *flow,
         const struct flow_wildcards *wc)
{
    struct flow other;
    uint64_t *o = flow_u64(out);
    const uint64_t *f = flow_u64_const(flow);
    const uint64_t *x = flow_u64_const(&other);
    const uint64_t *m = flow_u64_const(&wc->masks);

    random_flow(&other);
    for (size_t i = 0; i < FLOW_U64S; i++) {
        o[i] = (f[i] & m[i]) | (x[i] & ~m[i]);
    }
}

static void
fail_lookup(const char *what, const struct flow *flow,
            const struct test_rule *got, const struct test_rule *expected,
            ovs_version_t version)
{
    fprintf(stderr, "%s: version %"PRIu64": got priority %d, expected %d\n",
            what, version, got ? got->priority : -1,
            expected ? expected->priority : -1);
    for (size_t i = 0; i < N_FIELDS; i++) {
        const uint8_t *p = (const uint8_t *) flow + fields[i].ofs;

        fprintf(stderr, " %s=", fields[i].name);
        for (size_t j = 0; j < fields[i].len; j++) {
            fprintf(stderr, "%02x", p[j]);
        }
    }
    fputc('\n', stderr);
    exit(EXIT_FAILURE);
}

/* Looks FLOW up in VERSION and checks the result and its wildcards. */
static void
check_lookup(const struct classifier *cls, const struct ref *ref,
             ovs_version_t version, const struct flow *flow, int n_mix)
{
    const struct test_rule *got, *expected;
    struct flow_wildcards wc;

    flow_wildcards_init_catchall(&wc);
    got = test_rule_cast(classifier_lookup(cls, version, flow, &wc));
    expected = ref_lookup(ref, version, flow);
    if (got != expected) {
        fail_lookup("lookup", flow, got, expected, version);
    }
    if (got) {
        /* The wildcards include at least the rule's own mask. */
        CHECK(!flow_wildcards_has_extra(&got->wc, &wc));
    }
    for (int i = 0; i < n_mix; i++) {
        const struct test_rule *again;
        struct flow mixed;

        mix_flow(&mixed, flow, &wc);
        again = ref_lookup(ref, version, &mixed);
        if (again != expected) {
            fail_lookup("megaflow", &mixed, again, expected, version);
        }
        again = test_rule_cast(classifier_lookup(cls, version, &mixed,
                                                 NULL));
        if (again != expected) {
            fail_lookup("lookup of mixed flow", &mixed, again, expected,
                        version);
        }
    }
}

/* Checks that iteration visits exactly the rules REF has in the
 * classifier, and loose iteration exactly the loose matches. */
static void
check_iteration(const struct classifier *cls, const struct ref *ref,
                ovs_version_t version)
{
    struct test_rule *r;
    size_t n = 0;

    CLS_FOR_EACH (r, cls_rule, cls) {
        n++;
    }
    CHECK_INT(n, ref->n);
    CHECK_INT(classifier_count(cls), ref->n);
    CHECK(classifier_is_empty(cls) == !ref->n);

    /* A target from a random template and flow. */
    struct flow_wildcards twc;
    struct cls_rule target;
    struct template t;
    struct flow tflow;

    random_template(&t);
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (random_range(2)) {
            t.how[i] = 0;
        }
    }
    template_to_wc(&t, &twc);
    random_flow(&tflow);
    cls_rule_init(&target, &tflow, &twc, 0);
    flow_zero_wildcards(&tflow, &twc);

    size_t expected = 0;
    for (size_t i = 0; i < ref->n; i++) {
        const struct test_rule *x = ref->rules[i];

        if (ref_visible(x, version)
            && !flow_wildcards_has_extra(&twc, &x->wc)
            && flow_equal_except(&x->flow, &tflow, &twc)) {
            expected++;
        }
    }
    n = 0;
    CLS_FOR_EACH_TARGET (r, cls_rule, cls, &target.match, version) {
        CHECK(ref_visible(r, version));
        CHECK(!flow_wildcards_has_extra(&twc, &r->wc));
        CHECK(flow_equal_except(&r->flow, &tflow, &twc));
        n++;
    }
    CHECK_INT(n, expected);
    cls_rule_destroy(&target);

    /* Every rule is found exactly in the versions it is visible in. */
    for (size_t i = 0; i < ref->n; i++) {
        const struct test_rule *x = ref->rules[i];
        const struct cls_rule *found;

        found = classifier_find_rule_exactly(cls, &x->cls_rule, version);
        if (ref_visible(x, version)) {
            CHECK(found == &x->cls_rule);
        } else {
            CHECK(!found || found != &x->cls_rule);
        }
    }
}

/* Random rule with a template from TEMPLATES and an unused priority. */
static struct test_rule *
random_rule(const struct template *templates, size_t n_templates,
            bool *used_priorities)
{
    struct flow_wildcards wc;
    struct flow flow;
    int priority;

    template_to_wc(&templates[random_range(n_templates)], &wc);
    random_flow(&flow);
    do {
        priority = random_range(65536);
    } while (used_priorities[priority]);
    used_priorities[priority] = true;
    return test_rule_create(&flow, &wc, priority);
}

static void
run_classifier_random(uint32_t seed, size_t max_rules, size_t n_masks,
                      size_t n_ops)
{
    struct template *templates = xmalloc(n_masks * sizeof *templates);
    bool *used = xcalloc(65536, sizeof *used);
    struct classifier cls;
    struct ref ref = { NULL, 0, 0 };
    ovs_version_t version = 1;

    random_set_seed(seed);
    for (size_t i = 0; i < n_masks; i++) {
        random_template(&templates[i]);
    }
    classifier_init(&cls);
    classifier_set_prefix_fields(&cls, (1u << CLS_N_PREFIX_FIELDS) - 1);

    for (size_t op = 0; op < n_ops; op++) {
        uint32_t r = random_range(100);

        if (op % 1000 == 999) {
            /* Rebuild the tries on a random set of fields. */
            classifier_set_prefix_fields(&cls, random_range(16));
        }

        if (r < 40) {
            /* Insert. */
            if (ref.n < max_rules) {
                struct test_rule *x = random_rule(templates, n_masks, used);

                x->add = version;
                CHECK(!classifier_replace(&cls, &x->cls_rule, version));
                ref_add(&ref, x);
            }
        } else if (r < 52) {
            /* Remove. */
            if (ref.n) {
                struct test_rule *x = ref.rules[random_range(ref.n)];

                CHECK(classifier_remove(&cls, &x->cls_rule)
                      == &x->cls_rule);
                CHECK(!classifier_remove(&cls, &x->cls_rule));
                ref_del(&ref, x);
                release_priority(&ref, used, x->priority);
                test_rule_destroy(x);
            }
        } else if (r < 60) {
            /* Replace an identical rule. */
            struct test_rule *old = ref.n ? ref.rules[random_range(ref.n)]
                                          : NULL;
            if (old && ref_visible(old, version)) {
                struct test_rule *x = test_rule_create(&old->flow, &old->wc,
                                                       old->priority);
                x->add = version;
                CHECK(classifier_replace(&cls, &x->cls_rule, version)
                      == &old->cls_rule);
                CHECK(!old->cls_rule.cls_match);
                ref_del(&ref, old);
                ref_add(&ref, x);
                test_rule_destroy(old);
            }
        } else if (r < 70) {
            /* A bundle: add in version + 1, delete or replace some rules
             * in version + 1, check both versions, then commit or
             * abort. */
            struct test_rule *added[4];
            struct test_rule *hidden[3];
            size_t n_added = 0, n_hidden = 0;

            for (size_t i = random_range(3); i > 0 && ref.n; i--) {
                struct test_rule *x = ref.rules[random_range(ref.n)];

                if (x->remove == OVS_VERSION_NOT_REMOVED
                    && x->add <= version) {
                    cls_rule_make_invisible_in_version(&x->cls_rule,
                                                       version + 1);
                    x->remove = version + 1;
                    hidden[n_hidden++] = x;
                    if (random_range(2)) {
                        /* Replace it by an identical rule. */
                        struct test_rule *y = test_rule_create(
                            &x->flow, &x->wc, x->priority);
                        y->add = version + 1;
                        CHECK(!classifier_replace(&cls, &y->cls_rule,
                                                  version + 1));
                        ref_add(&ref, y);
                        added[n_added++] = y;
                    }
                }
            }
            for (size_t i = random_range(3); i > 0; i--) {
                if (ref.n < max_rules) {
                    struct test_rule *x = random_rule(templates, n_masks,
                                                      used);
                    x->add = version + 1;
                    classifier_insert(&cls, &x->cls_rule, version + 1);
                    ref_add(&ref, x);
                    added[n_added++] = x;
                }
            }
            for (int i = 0; i < 5; i++) {
                struct flow flow;

                random_flow(&flow);
                check_lookup(&cls, &ref, version, &flow, 3);
                check_lookup(&cls, &ref, version + 1, &flow, 3);
            }
            if (random_range(4) == 0) {
                /* Abort. */
                for (size_t i = 0; i < n_added; i++) {
                    struct test_rule *x = added[i];

                    classifier_remove_assert(&cls, &x->cls_rule);
                    ref_del(&ref, x);
                    release_priority(&ref, used, x->priority);
                    test_rule_destroy(x);
                }
                for (size_t i = 0; i < n_hidden; i++) {
                    cls_rule_restore_visibility(&hidden[i]->cls_rule);
                    hidden[i]->remove = OVS_VERSION_NOT_REMOVED;
                }
            } else {
                version++;
                /* Sometimes remove the old rules at once; otherwise they
                 * linger, invisible, until a random removal. */
                for (size_t i = 0; i < n_hidden; i++) {
                    if (random_range(2)) {
                        struct test_rule *x = hidden[i];
                        classifier_remove_assert(&cls, &x->cls_rule);
                        ref_del(&ref, x);
                        test_rule_destroy(x);
                    }
                }
            }
        } else if (r < 73) {
            check_iteration(&cls, &ref, version);
        } else {
            struct flow flow;

            random_flow(&flow);
            check_lookup(&cls, &ref, version, &flow, 4);
            if (random_range(4) == 0) {
                /* An older version: rules removed since are gone from it
                 * too, in the classifier and in REF alike. */
                check_lookup(&cls, &ref, random_range(version + 1), &flow,
                             2);
            }
        }
    }
    check_iteration(&cls, &ref, version);

    /* Delete everything by iteration, which allows removing the rule
     * being visited. */
    struct test_rule *x;
    CLS_FOR_EACH (x, cls_rule, &cls) {
        classifier_remove_assert(&cls, &x->cls_rule);
        ref_del(&ref, x);
        test_rule_destroy(x);
    }
    CHECK(classifier_is_empty(&cls));
    CHECK_INT(ref.n, 0);
    CHECK_INT(cls.n_subtables, 0);
    classifier_destroy(&cls);
    free(ref.rules);
    free(templates);
    free(used);
}

static void
test_classifier_random(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    run_classifier_random(1, 60, 6, 3000);
    run_classifier_random(2, 300, 20, 3000);
}
OVSTEST_REGISTER("classifier/random", test_classifier_random);

static void
cmd_classifier_random(int argc, char *argv[])
{
    if (argc != 5) {
        ovs_fatal(0, "usage: classifier-random SEED N_RULES N_MASKS N_OPS");
    }
    run_classifier_random(atoi(argv[1]), atoi(argv[2]), atoi(argv[3]),
                          atoi(argv[4]));
    printf("ok\n");
}
OVSTEST_COMMAND("classifier-random", cmd_classifier_random);

/* Explicit cases. */

/* A flow and mask from "field=value" settings; VALUE 0 with a nonzero
 * MASK still matches 0. */
struct setting {
    const char *name;
    uint64_t value;
    uint64_t mask;              /* 0: exact. */
};

static const struct test_field *
field_by_name(const char *name)
{
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (!strcmp(fields[i].name, name)) {
            return &fields[i];
        }
    }
    OVS_NOT_REACHED();
}

static void
make_match(const struct setting *s, size_t n, struct flow *flow,
           struct flow_wildcards *wc)
{
    memset(flow, 0, sizeof *flow);
    flow_wildcards_init_catchall(wc);
    for (size_t i = 0; i < n; i++) {
        const struct test_field *f = field_by_name(s[i].name);

        field_put(flow, f, s[i].value);
        field_put(&wc->masks, f, s[i].mask ? s[i].mask : field_ones(f));
    }
}

static struct test_rule *
make_rule(const struct setting *s, size_t n, int priority)
{
    struct flow_wildcards wc;
    struct flow flow;

    make_match(s, n, &flow, &wc);
    return test_rule_create(&flow, &wc, priority);
}

static void
make_flow(const struct setting *s, size_t n, struct flow *flow)
{
    struct flow_wildcards wc;

    make_match(s, n, flow, &wc);
}

static bool
wc_has_field(const struct flow_wildcards *wc, const char *name)
{
    const struct test_field *f = field_by_name(name);
    const uint8_t *p = (const uint8_t *) &wc->masks + f->ofs;

    for (size_t i = 0; i < f->len; i++) {
        if (p[i]) {
            return true;
        }
    }
    return false;
}

static const struct cls_rule *
lookup(const struct classifier *cls, ovs_version_t version,
       const struct setting *s, size_t n, struct flow_wildcards *wc)
{
    struct flow flow;

    make_flow(s, n, &flow);
    flow_wildcards_init_catchall(wc);
    return classifier_lookup(cls, version, &flow, wc);
}

#define S(...) (const struct setting[]) { __VA_ARGS__ }
#define N(...) ARRAY_SIZE(((const struct setting[]) { __VA_ARGS__ }))
#define RULE(PRIORITY, ...) make_rule(S(__VA_ARGS__), N(__VA_ARGS__), \
                                      PRIORITY)
#define LOOKUP(CLS, VERSION, WC, ...) \
    lookup(CLS, VERSION, S(__VA_ARGS__), N(__VA_ARGS__), WC)

static void
test_classifier_empty(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct flow_wildcards wc;
    struct classifier cls;
    struct test_rule *r;

    classifier_init(&cls);
    CHECK(classifier_is_empty(&cls));
    CHECK(!LOOKUP(&cls, 0, &wc, { "in_port", 1, 0 }));
    CHECK(flow_wildcards_is_catchall(&wc));
    CLS_FOR_EACH (r, cls_rule, &cls) {
        CHECK(false);
    }
    classifier_destroy(&cls);
}
OVSTEST_REGISTER("classifier/empty", test_classifier_empty);

static void
test_classifier_priorities(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct test_rule *low = RULE(10, { "in_port", 1, 0 });
    struct test_rule *mid = RULE(20, { "in_port", 1, 0 },
                                     { "tp_dst", 80, 0 });
    struct test_rule *high = RULE(30, { "nw_src", 0x0a000000,
                                        0xff000000 });
    struct test_rule *any = RULE(0, { "in_port", 0, 0 });
    struct flow_wildcards wc;
    struct classifier cls;

    /* A catch-all rule. */
    flow_wildcards_init_catchall(&any->wc);
    cls_rule_destroy(&any->cls_rule);
    cls_rule_init(&any->cls_rule, &any->flow, &any->wc, 0);
    CHECK(cls_rule_is_catchall(&any->cls_rule));

    classifier_init(&cls);
    classifier_insert(&cls, &low->cls_rule, 0);
    classifier_insert(&cls, &mid->cls_rule, 0);
    classifier_insert(&cls, &high->cls_rule, 0);
    classifier_insert(&cls, &any->cls_rule, 0);
    CHECK_INT(classifier_count(&cls), 4);

    CHECK(LOOKUP(&cls, 0, &wc, { "in_port", 1, 0 }, { "tp_dst", 80, 0 })
          == &mid->cls_rule);
    CHECK(LOOKUP(&cls, 0, &wc, { "in_port", 1, 0 }, { "tp_dst", 81, 0 })
          == &low->cls_rule);
    CHECK(LOOKUP(&cls, 0, &wc, { "in_port", 1, 0 }, { "tp_dst", 80, 0 },
                 { "nw_src", 0x0a0b0c0d, 0 }) == &high->cls_rule);
    /* The highest-priority subtable matched: nothing else was looked at,
     * so neither in_port nor tp_dst matters. */
    CHECK(wc_has_field(&wc, "nw_src"));
    CHECK(!wc_has_field(&wc, "in_port"));
    CHECK(!wc_has_field(&wc, "tp_dst"));
    CHECK(LOOKUP(&cls, 0, &wc, { "in_port", 2, 0 }) == &any->cls_rule);

    classifier_remove_assert(&cls, &high->cls_rule);
    CHECK(LOOKUP(&cls, 0, &wc, { "in_port", 1, 0 }, { "tp_dst", 80, 0 },
                 { "nw_src", 0x0a0b0c0d, 0 }) == &mid->cls_rule);
    classifier_remove_assert(&cls, &mid->cls_rule);
    CHECK(LOOKUP(&cls, 0, &wc, { "in_port", 1, 0 }, { "tp_dst", 80, 0 })
          == &low->cls_rule);
    classifier_remove_assert(&cls, &low->cls_rule);
    classifier_remove_assert(&cls, &any->cls_rule);
    CHECK(!LOOKUP(&cls, 0, &wc, { "in_port", 1, 0 }));
    CHECK(classifier_is_empty(&cls));
    classifier_destroy(&cls);
    test_rule_destroy(low);
    test_rule_destroy(mid);
    test_rule_destroy(high);
    test_rule_destroy(any);
}
OVSTEST_REGISTER("classifier/priorities", test_classifier_priorities);

static void
test_classifier_staged_wildcards(int argc OVS_UNUSED,
                                 char *argv[] OVS_UNUSED)
{
    struct test_rule *r = RULE(5, { "in_port", 1, 0 }, { "dl_type", 0x800,
                                                         0 },
                                  { "nw_proto", 6, 0 }, { "tp_dst", 80, 0 });
    struct flow_wildcards wc;
    struct classifier cls;

    classifier_init(&cls);
    classifier_insert(&cls, &r->cls_rule, 0);

    /* Miss in the metadata stage: only in_port matters. */
    CHECK(!LOOKUP(&cls, 0, &wc, { "in_port", 2, 0 }, { "dl_type", 0x800, 0 },
                  { "nw_proto", 6, 0 }, { "tp_dst", 80, 0 }));
    CHECK(wc_has_field(&wc, "in_port"));
    CHECK(!wc_has_field(&wc, "dl_type"));
    CHECK(!wc_has_field(&wc, "nw_proto"));
    CHECK(!wc_has_field(&wc, "tp_dst"));

    /* Miss in the L2 stage. */
    CHECK(!LOOKUP(&cls, 0, &wc, { "in_port", 1, 0 },
                  { "dl_type", 0x86dd, 0 }, { "nw_proto", 6, 0 },
                  { "tp_dst", 80, 0 }));
    CHECK(wc_has_field(&wc, "in_port"));
    CHECK(wc_has_field(&wc, "dl_type"));
    CHECK(!wc_has_field(&wc, "nw_proto"));
    CHECK(!wc_has_field(&wc, "tp_dst"));

    /* Miss in the L3 stage. */
    CHECK(!LOOKUP(&cls, 0, &wc, { "in_port", 1, 0 }, { "dl_type", 0x800, 0 },
                  { "nw_proto", 17, 0 }, { "tp_dst", 80, 0 }));
    CHECK(wc_has_field(&wc, "nw_proto"));
    CHECK(!wc_has_field(&wc, "tp_dst"));

    /* Miss at the end, and a hit: everything matters. */
    CHECK(!LOOKUP(&cls, 0, &wc, { "in_port", 1, 0 }, { "dl_type", 0x800, 0 },
                  { "nw_proto", 6, 0 }, { "tp_dst", 81, 0 }));
    CHECK(wc_has_field(&wc, "tp_dst"));
    CHECK(LOOKUP(&cls, 0, &wc, { "in_port", 1, 0 }, { "dl_type", 0x800, 0 },
                 { "nw_proto", 6, 0 }, { "tp_dst", 80, 0 })
          == &r->cls_rule);
    CHECK(flow_wildcards_equal(&wc, &r->wc));
    CHECK(!wc_has_field(&wc, "nw_src"));

    classifier_destroy(&cls);
    CHECK(!r->cls_rule.cls_match);
    test_rule_destroy(r);
}
OVSTEST_REGISTER("classifier/staged-wildcards",
                 test_classifier_staged_wildcards);

static void
test_classifier_replace(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct test_rule *a = RULE(7, { "tp_src", 80, 0 });
    struct test_rule *b = RULE(7, { "tp_src", 80, 0 });
    struct test_rule *c = RULE(8, { "tp_src", 80, 0 });
    struct flow_wildcards wc;
    struct classifier cls;

    classifier_init(&cls);
    CHECK(cls_rule_equal(&a->cls_rule, &b->cls_rule));
    CHECK(!cls_rule_equal(&a->cls_rule, &c->cls_rule));
    CHECK(!classifier_replace(&cls, &a->cls_rule, 0));
    CHECK(classifier_replace(&cls, &b->cls_rule, 0) == &a->cls_rule);
    CHECK(!a->cls_rule.cls_match);
    CHECK_INT(classifier_count(&cls), 1);
    CHECK(classifier_find_rule_exactly(&cls, &a->cls_rule, 0)
          == &b->cls_rule);
    CHECK(LOOKUP(&cls, 0, &wc, { "tp_src", 80, 0 }) == &b->cls_rule);

    /* Same match, other priority: both stay. */
    CHECK(!classifier_replace(&cls, &c->cls_rule, 0));
    CHECK_INT(classifier_count(&cls), 2);
    CHECK(LOOKUP(&cls, 0, &wc, { "tp_src", 80, 0 }) == &c->cls_rule);
    classifier_remove_assert(&cls, &c->cls_rule);
    CHECK(LOOKUP(&cls, 0, &wc, { "tp_src", 80, 0 }) == &b->cls_rule);
    CHECK(!classifier_remove(&cls, &c->cls_rule));

    classifier_destroy(&cls);
    test_rule_destroy(a);
    test_rule_destroy(b);
    test_rule_destroy(c);
}
OVSTEST_REGISTER("classifier/replace", test_classifier_replace);

static void
test_classifier_versioning(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct test_rule *old = RULE(5, { "in_port", 1, 0 });
    struct test_rule *new = RULE(5, { "in_port", 1, 0 });
    struct test_rule *later = RULE(9, { "in_port", 1, 0 },
                                      { "tp_dst", 53, 0 });
    struct flow_wildcards wc;
    struct classifier cls;

    classifier_init(&cls);
    classifier_insert(&cls, &old->cls_rule, 3);
    CHECK(!LOOKUP(&cls, 2, &wc, { "in_port", 1, 0 }));
    CHECK(LOOKUP(&cls, 3, &wc, { "in_port", 1, 0 }) == &old->cls_rule);
    CHECK(cls_rule_visible_in_version(&old->cls_rule, 3));
    CHECK(!cls_rule_visible_in_version(&old->cls_rule, 2));

    /* A bundle in version 5 replaces OLD by an identical NEW and adds
     * LATER; lookups in version 4 still see only OLD. */
    cls_rule_make_invisible_in_version(&old->cls_rule, 5);
    CHECK(!classifier_replace(&cls, &new->cls_rule, 5));
    classifier_insert(&cls, &later->cls_rule, 5);
    CHECK_INT(classifier_count(&cls), 3);
    CHECK(LOOKUP(&cls, 4, &wc, { "in_port", 1, 0 }, { "tp_dst", 53, 0 })
          == &old->cls_rule);
    CHECK(LOOKUP(&cls, 5, &wc, { "in_port", 1, 0 }, { "tp_dst", 53, 0 })
          == &later->cls_rule);
    CHECK(LOOKUP(&cls, 5, &wc, { "in_port", 1, 0 }) == &new->cls_rule);
    CHECK(LOOKUP(&cls, 6, &wc, { "in_port", 1, 0 }) == &new->cls_rule);
    CHECK(classifier_find_rule_exactly(&cls, &old->cls_rule, 4)
          == &old->cls_rule);
    CHECK(classifier_find_rule_exactly(&cls, &old->cls_rule, 5)
          == &new->cls_rule);

    /* Iteration in a version sees that version's rules; CLS_FOR_EACH sees
     * all three. */
    struct test_rule *r;
    size_t n = 0;
    CLS_FOR_EACH_TARGET (r, cls_rule, &cls, NULL, 4) {
        CHECK(r == old);
        n++;
    }
    CHECK_INT(n, 1);
    n = 0;
    CLS_FOR_EACH (r, cls_rule, &cls) {
        n++;
    }
    CHECK_INT(n, 3);

    /* Abort restores OLD; commit would remove it. */
    classifier_remove_assert(&cls, &new->cls_rule);
    classifier_remove_assert(&cls, &later->cls_rule);
    cls_rule_restore_visibility(&old->cls_rule);
    CHECK(LOOKUP(&cls, 5, &wc, { "in_port", 1, 0 }) == &old->cls_rule);
    CHECK_INT(cls_rule_remove_version(&old->cls_rule),
              (long long) OVS_VERSION_NOT_REMOVED);
    CHECK_INT(cls_rule_add_version(&old->cls_rule), 3);

    /* A rule visible in a version replaces the identical rule. */
    CHECK(classifier_replace(&cls, &new->cls_rule, 7) == &old->cls_rule);
    CHECK(LOOKUP(&cls, 7, &wc, { "in_port", 1, 0 }) == &new->cls_rule);
    CHECK(!LOOKUP(&cls, 6, &wc, { "in_port", 1, 0 }));

    /* A bundle that adds and deletes a rule leaves it visible nowhere. */
    classifier_insert(&cls, &later->cls_rule, 8);
    cls_rule_make_invisible_in_version(&later->cls_rule, 8);
    for (ovs_version_t v = 6; v < 10; v++) {
        CHECK(!cls_rule_visible_in_version(&later->cls_rule, v));
        CHECK(LOOKUP(&cls, v, &wc, { "in_port", 1, 0 }, { "tp_dst", 53, 0 })
              != &later->cls_rule);
    }

    classifier_destroy(&cls);
    test_rule_destroy(old);
    test_rule_destroy(new);
    test_rule_destroy(later);
}
OVSTEST_REGISTER("classifier/versioning", test_classifier_versioning);

static void
test_classifier_loose_iteration(int argc OVS_UNUSED,
                                char *argv[] OVS_UNUSED)
{
    struct test_rule *rules[] = {
        RULE(1, { "in_port", 1, 0 }),
        RULE(2, { "in_port", 1, 0 }, { "tp_dst", 80, 0 }),
        RULE(3, { "in_port", 2, 0 }, { "tp_dst", 80, 0 }),
        RULE(4, { "tp_dst", 80, 0 }),
        RULE(5, { "in_port", 1, 0 }, { "nw_src", 0x0a000000, 0xff000000 }),
    };
    struct flow_wildcards twc;
    struct cls_rule target;
    struct classifier cls;
    struct test_rule *r;
    struct flow tflow;
    int seen;

    classifier_init(&cls);
    for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
        classifier_insert(&cls, &rules[i]->cls_rule, 0);
    }

    /* "in_port=1" selects rules 1, 2 and 5, not the ones that leave
     * in_port wildcarded or want another port. */
    make_match(S({ "in_port", 1, 0 }), 1, &tflow, &twc);
    cls_rule_init(&target, &tflow, &twc, 0);
    seen = 0;
    CLS_FOR_EACH_TARGET (r, cls_rule, &cls, &target.match, 0) {
        seen |= 1 << r->priority;
        CHECK(cls_rule_is_loose_match(&r->cls_rule, &target.match));
    }
    CHECK_INT(seen, (1 << 1) | (1 << 2) | (1 << 5));
    cls_rule_destroy(&target);

    /* "tp_dst=80" selects 2, 3 and 4; delete them while iterating. */
    make_match(S({ "tp_dst", 80, 0 }), 1, &tflow, &twc);
    cls_rule_init(&target, &tflow, &twc, 0);
    seen = 0;
    CLS_FOR_EACH_TARGET (r, cls_rule, &cls, &target.match, 0) {
        seen |= 1 << r->priority;
        classifier_remove_assert(&cls, &r->cls_rule);
    }
    CHECK_INT(seen, (1 << 2) | (1 << 3) | (1 << 4));
    CHECK_INT(classifier_count(&cls), 2);
    cls_rule_destroy(&target);

    /* A catch-all target selects everything. */
    flow_wildcards_init_catchall(&twc);
    cls_rule_init(&target, &tflow, &twc, 0);
    seen = 0;
    CLS_FOR_EACH_TARGET (r, cls_rule, &cls, &target.match, 0) {
        seen |= 1 << r->priority;
    }
    CHECK_INT(seen, (1 << 1) | (1 << 5));
    cls_rule_destroy(&target);

    classifier_destroy(&cls);
    for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
        test_rule_destroy(rules[i]);
    }
}
OVSTEST_REGISTER("classifier/loose-iteration",
                 test_classifier_loose_iteration);

static void
test_classifier_overlaps(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct test_rule *a = RULE(10, { "in_port", 1, 0 });
    struct test_rule *b = RULE(10, { "tp_dst", 80, 0 });
    struct test_rule *c = RULE(10, { "in_port", 2, 0 }, { "tp_dst", 81, 0 });
    struct test_rule *d = RULE(11, { "in_port", 1, 0 });
    struct classifier cls;
    struct flow_wildcards wc;
    struct flow flow;

    classifier_init(&cls);
    classifier_insert(&cls, &a->cls_rule, 0);
    CHECK(!classifier_rule_overlaps(&cls, &a->cls_rule, 0));
    /* B overlaps A (in_port=1,tp_dst=80 matches both). */
    CHECK(classifier_rule_overlaps(&cls, &b->cls_rule, 0));
    CHECK(cls_rule_overlaps(&a->cls_rule, &b->cls_rule));
    /* C wants another port. */
    CHECK(!classifier_rule_overlaps(&cls, &c->cls_rule, 0));
    CHECK(!cls_rule_overlaps(&a->cls_rule, &c->cls_rule));
    /* D has another priority. */
    CHECK(!classifier_rule_overlaps(&cls, &d->cls_rule, 0));
    /* Versions count. */
    classifier_insert(&cls, &c->cls_rule, 5);
    CHECK(classifier_rule_overlaps(&cls, &b->cls_rule, 5));
    classifier_remove_assert(&cls, &a->cls_rule);
    CHECK(!classifier_rule_overlaps(&cls, &b->cls_rule, 0));
    CHECK(!classifier_rule_overlaps(&cls, &b->cls_rule, 5));

    make_match(S({ "in_port", 2, 0 }, { "tp_dst", 81, 0 }), 2, &flow, &wc);
    CHECK(classifier_find_match_exactly(&cls, &flow, &wc, 10, 5)
          == &c->cls_rule);
    CHECK(!classifier_find_match_exactly(&cls, &flow, &wc, 10, 4));
    CHECK(!classifier_find_match_exactly(&cls, &flow, &wc, 11, 5));

    classifier_destroy(&cls);
    test_rule_destroy(a);
    test_rule_destroy(b);
    test_rule_destroy(c);
    test_rule_destroy(d);
}
OVSTEST_REGISTER("classifier/overlaps", test_classifier_overlaps);

/* dpcls and emc. */

struct test_megaflow {
    struct dpcls_rule dpcls_rule;
    struct flow flow;           /* Masked. */
    struct flow_wildcards wc;
};

static struct test_megaflow *
megaflow_cast(const struct dpcls_rule *rule)
{
    return rule ? CONTAINER_OF(rule, struct test_megaflow, dpcls_rule)
                : NULL;
}

static void
run_dpcls_random(uint32_t seed, size_t n_rules, size_t n_masks,
                 size_t n_batches)
{
    struct template *templates = xmalloc(n_masks * sizeof *templates);
    struct test_megaflow **flows = xcalloc(n_rules, sizeof *flows);
    struct emc_cache *emc = emc_create(1);
    struct dpcls cls;
    size_t n = 0;

    random_set_seed(seed);
    for (size_t i = 0; i < n_masks; i++) {
        random_template(&templates[i]);
    }
    dpcls_init(&cls);

    for (size_t batch = 0; batch < n_batches; batch++) {
        /* Top up with megaflows that overlap no other (as the datapath's
         * invariant would have it), and remove a few. */
        for (int tries = 0; n < n_rules && tries < 20; tries++) {
            struct test_megaflow *m = xzalloc(sizeof *m);
            struct flow_wildcards both;
            bool overlap = false;

            template_to_wc(&templates[random_range(n_masks)], &m->wc);
            random_flow(&m->flow);
            flow_zero_wildcards(&m->flow, &m->wc);
            for (size_t i = 0; i < n && !overlap; i++) {
                flow_wildcards_and(&both, &m->wc, &flows[i]->wc);
                overlap = flow_equal_except(&m->flow, &flows[i]->flow,
                                            &both);
            }
            if (overlap) {
                free(m);
                continue;
            }
            dpcls_insert(&cls, &m->dpcls_rule, &m->flow, &m->wc);
            flows[n++] = m;
        }
        for (size_t i = random_range(3); i > 0 && n; i--) {
            size_t k = random_range(n);
            struct test_megaflow *m = flows[k];

            dpcls_remove(&cls, &m->dpcls_rule);
            CHECK(m->dpcls_rule.dead);
            emc_purge_dead(emc);
            free(m);
            flows[k] = flows[--n];
        }
        CHECK_INT(dpcls_count(&cls), n);

        /* A batch of random size with random flows, some repeated. */
        size_t n_keys = 1 + random_range(DPCLS_BATCH_MAX);
        struct dpcls_key *keys = xmalloc(n_keys * sizeof *keys);
        const struct dpcls_key *kp[DPCLS_BATCH_MAX];
        struct dpcls_rule *rules[DPCLS_BATCH_MAX];
        struct flow pflows[DPCLS_BATCH_MAX];
        bool all;

        for (size_t i = 0; i < n_keys; i++) {
            if (i && random_range(4) == 0) {
                pflows[i] = pflows[random_range(i)];
            } else {
                random_flow(&pflows[i]);
            }
            dpcls_key_init(&keys[i], &pflows[i]);
            kp[i] = &keys[i];
        }
        all = dpcls_lookup(&cls, kp, n_keys, rules, NULL);
        bool expected_all = true;
        for (size_t i = 0; i < n_keys; i++) {
            struct test_megaflow *expected = NULL;

            for (size_t j = 0; j < n; j++) {
                if (flow_equal_except(&flows[j]->flow, &pflows[i],
                                      &flows[j]->wc)) {
                    CHECK(!expected);
                    expected = flows[j];
                }
            }
            CHECK(megaflow_cast(rules[i]) == expected);
            expected_all &= expected != NULL;
            if (rules[i]) {
                CHECK(dpcls_rule_matches_key(rules[i], &keys[i]));
            }

            /* The exact-match cache agrees, or misses. */
            struct dpcls_rule *cached = emc_lookup(emc, &keys[i]);
            CHECK(!cached || cached == rules[i]);
            if (rules[i] && random_range(2)) {
                emc_probabilistic_insert(emc, &keys[i], rules[i]);
                CHECK(emc_lookup(emc, &keys[i]) == rules[i]);
            }
        }
        CHECK(all == expected_all);
        if (batch % 16 == 15) {
            dpcls_sort_subtables(&cls);
        }
        free(keys);
    }

    for (size_t i = 0; i < n; i++) {
        struct flow flow;
        struct flow_wildcards wc;

        dpcls_rule_expand(&flows[i]->dpcls_rule, &flow, &wc);
        CHECK(flow_equal(&flow, &flows[i]->flow));
        CHECK(flow_wildcards_equal(&wc, &flows[i]->wc));
        dpcls_remove(&cls, &flows[i]->dpcls_rule);
    }
    emc_purge_dead(emc);
    CHECK_INT(emc_count(emc), 0);
    for (size_t i = 0; i < n; i++) {
        free(flows[i]);
    }
    CHECK_INT(dpcls_count(&cls), 0);
    CHECK_INT(cls.n_subtables, 0);
    dpcls_destroy(&cls);
    emc_destroy(emc);
    free(flows);
    free(templates);
}

static void
test_dpcls_random(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    run_dpcls_random(1, 50, 5, 300);
    run_dpcls_random(2, 300, 20, 300);
}
OVSTEST_REGISTER("dpcls/random", test_dpcls_random);

static void
cmd_dpcls_random(int argc, char *argv[])
{
    if (argc != 5) {
        ovs_fatal(0, "usage: dpcls-random SEED N_RULES N_MASKS N_BATCHES");
    }
    run_dpcls_random(atoi(argv[1]), atoi(argv[2]), atoi(argv[3]),
                     atoi(argv[4]));
    printf("ok\n");
}
OVSTEST_COMMAND("dpcls-random", cmd_dpcls_random);

static void
test_dpcls_ranking(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct test_megaflow a, b;
    struct dpcls_rule *rules[DPCLS_BATCH_MAX];
    const struct dpcls_key *kp[DPCLS_BATCH_MAX];
    struct dpcls_key key;
    struct dpcls cls;
    struct flow flow;
    size_t probes;

    make_match(S({ "in_port", 1, 0 }), 1, &a.flow, &a.wc);
    make_match(S({ "tp_dst", 80, 0 }), 1, &b.flow, &b.wc);
    dpcls_init(&cls);
    dpcls_insert(&cls, &a.dpcls_rule, &a.flow, &a.wc);
    dpcls_insert(&cls, &b.dpcls_rule, &b.flow, &b.wc);

    /* B's subtable, created second, is probed second until it has more
     * hits and the subtables are re-sorted. */
    make_flow(S({ "in_port", 2, 0 }, { "tp_dst", 80, 0 }), 2, &flow);
    dpcls_key_init(&key, &flow);
    for (size_t i = 0; i < DPCLS_BATCH_MAX; i++) {
        kp[i] = &key;
    }
    probes = 0;
    CHECK(dpcls_lookup(&cls, kp, DPCLS_BATCH_MAX, rules, &probes));
    CHECK_INT(probes, 2);
    for (size_t i = 0; i < DPCLS_BATCH_MAX; i++) {
        CHECK(rules[i] == &b.dpcls_rule);
    }
    dpcls_sort_subtables(&cls);
    probes = 0;
    CHECK(dpcls_lookup(&cls, kp, 1, rules, &probes));
    CHECK_INT(probes, 1);

    /* A miss probes everything and reports it. */
    make_flow(S({ "in_port", 2, 0 }, { "tp_dst", 81, 0 }), 2, &flow);
    dpcls_key_init(&key, &flow);
    CHECK(!dpcls_lookup(&cls, kp, 3, rules, NULL));
    CHECK(!rules[0] && !rules[1] && !rules[2]);

    dpcls_remove(&cls, &a.dpcls_rule);
    dpcls_remove(&cls, &b.dpcls_rule);
    dpcls_destroy(&cls);
}
OVSTEST_REGISTER("dpcls/ranking", test_dpcls_ranking);

static void
test_emc_two_way(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct emc_cache *emc = emc_create(1);
    struct dpcls_rule r1 = { .dead = false }, r2 = { .dead = false };
    struct dpcls_rule r3 = { .dead = false };
    struct dpcls_key k1, k2, k3;
    struct flow flow;

    /* Three keys with the same hash (forced): two fit, the third evicts
     * one of them. */
    make_flow(S({ "in_port", 1, 0 }), 1, &flow);
    dpcls_key_init(&k1, &flow);
    make_flow(S({ "in_port", 2, 0 }), 1, &flow);
    dpcls_key_init(&k2, &flow);
    make_flow(S({ "in_port", 3, 0 }), 1, &flow);
    dpcls_key_init(&k3, &flow);
    k2.hash = k3.hash = k1.hash;

    CHECK(!emc_lookup(emc, &k1));
    emc_insert(emc, &k1, &r1);
    emc_insert(emc, &k2, &r2);
    CHECK(emc_lookup(emc, &k1) == &r1);
    CHECK(emc_lookup(emc, &k2) == &r2);
    CHECK_INT(emc_count(emc), 2);
    emc_insert(emc, &k3, &r3);
    CHECK(emc_lookup(emc, &k3) == &r3);
    CHECK((emc_lookup(emc, &k1) == NULL) != (emc_lookup(emc, &k2) == NULL));
    CHECK_INT(emc_count(emc), 2);

    /* Updating a cached key keeps one entry. */
    emc_insert(emc, &k3, &r1);
    CHECK(emc_lookup(emc, &k3) == &r1);
    CHECK_INT(emc_count(emc), 2);

    /* Dead rules are never returned, and purged. */
    r1.dead = true;
    CHECK(!emc_lookup(emc, &k3));
    emc_purge_dead(emc);
    CHECK_INT(emc_count(emc), 1);
    emc_clear(emc);
    CHECK_INT(emc_count(emc), 0);
    emc_destroy(emc);
}
OVSTEST_REGISTER("emc/two-way", test_emc_two_way);

static void
test_emc_probabilistic(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct emc_cache *emc = emc_create(EMC_DEFAULT_INSERT_INV_PROB);
    struct dpcls_rule rule = { .dead = false };
    struct dpcls_key key;
    struct flow flow;
    size_t inserted = 0;

    /* 5000 distinct keys offered once each: about 1 in 100 gets in. */
    for (uint32_t i = 0; i < 5000; i++) {
        memset(&flow, 0, sizeof flow);
        flow.nw_src = htonl(i + 1);
        dpcls_key_init(&key, &flow);
        emc_probabilistic_insert(emc, &key, &rule);
        inserted += emc_lookup(emc, &key) != NULL;
    }
    CHECK(inserted >= 20 && inserted <= 100);

    /* Never, with 0. */
    emc_clear(emc);
    emc_set_insert_inv_prob(emc, 0);
    emc_probabilistic_insert(emc, &key, &rule);
    CHECK(!emc_lookup(emc, &key));
    emc_destroy(emc);
}
OVSTEST_REGISTER("emc/probabilistic", test_emc_probabilistic);

/* Many distinct values in one subtable's stages, inserted and removed in
 * random order: every rule still in is found by a lookup of its own flow,
 * and every rule removed is gone. */
static void
test_classifier_many_values(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    enum { N = 4000 };
    struct test_rule **rules = xmalloc(N * sizeof *rules);
    bool *in = xcalloc(N, sizeof *in);
    struct classifier cls;

    random_set_seed(7);
    classifier_init(&cls);
    for (size_t i = 0; i < N; i++) {
        /* reg0 differs in every rule; tp_dst takes few values. */
        rules[i] = RULE(i, { "reg0", i * 2654435761u, 0 },
                           { "tp_dst", i % 7, 0 });
        classifier_insert(&cls, &rules[i]->cls_rule, 0);
        in[i] = true;
    }
    for (int round = 0; round < 3; round++) {
        for (size_t i = 0; i < N; i++) {
            size_t k = random_range(N);

            if (in[k]) {
                classifier_remove_assert(&cls, &rules[k]->cls_rule);
            } else {
                classifier_insert(&cls, &rules[k]->cls_rule, 0);
            }
            in[k] = !in[k];
        }
        for (size_t i = 0; i < N; i++) {
            const struct cls_rule *found;
            struct flow_wildcards wc;

            flow_wildcards_init_catchall(&wc);
            found = classifier_lookup(&cls, 0, &rules[i]->flow, &wc);
            CHECK(found == (in[i] ? &rules[i]->cls_rule : NULL));
        }
    }
    for (size_t i = 0; i < N; i++) {
        if (in[i]) {
            classifier_remove_assert(&cls, &rules[i]->cls_rule);
        }
        test_rule_destroy(rules[i]);
    }
    CHECK(classifier_is_empty(&cls));
    classifier_destroy(&cls);
    free(rules);
    free(in);
}
OVSTEST_REGISTER("classifier/many-values", test_classifier_many_values);

/* Prefix tries: a routing-like table with /8, /16 and /24 rules on
 * nw_dst.  A packet outside all of them needs only the few leading bits
 * that set it apart, not 24; one inside gets the longest prefix. */
static void
test_classifier_prefix_tries(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct test_rule *r8 = RULE(8, { "dl_type", 0x800, 0 },
                                   { "nw_dst", 0x0a000000, 0xff000000 });
    struct test_rule *r16 = RULE(16, { "dl_type", 0x800, 0 },
                                     { "nw_dst", 0xc0a80000, 0xffff0000 });
    struct test_rule *r24 = RULE(24, { "dl_type", 0x800, 0 },
                                     { "nw_dst", 0x0a010200, 0xffffff00 });
    struct flow_wildcards wc;
    struct classifier cls;

    classifier_init(&cls);
    classifier_insert(&cls, &r8->cls_rule, 0);
    classifier_insert(&cls, &r16->cls_rule, 0);
    classifier_insert(&cls, &r24->cls_rule, 0);

    /* 172.16.0.1 = 1010...: the trie's 1-side starts 11, so 2 bits. */
    CHECK(!LOOKUP(&cls, 0, &wc, { "dl_type", 0x800, 0 },
                  { "nw_dst", 0xac100001, 0 }));
    CHECK(wc.masks.nw_dst == htonl(0xc0000000));
    CHECK(!wc_has_field(&wc, "nw_src"));

    /* 10.1.2.3: the /24 wins, all 24 bits matter. */
    CHECK(LOOKUP(&cls, 0, &wc, { "dl_type", 0x800, 0 },
                 { "nw_dst", 0x0a010203, 0 }) == &r24->cls_rule);
    CHECK(wc.masks.nw_dst == htonl(0xffffff00));

    /* 10.9.9.9: the /8 matches; the walk that rules out the /16 and the
     * /24 reads 13 bits (10.1 and 10.9 differ in bit 12). */
    CHECK(LOOKUP(&cls, 0, &wc, { "dl_type", 0x800, 0 },
                 { "nw_dst", 0x0a090909, 0 }) == &r8->cls_rule);
    CHECK(wc.masks.nw_dst == htonl(0xfff80000));

    /* Not IPv4: the tries are not used, the subtables are probed. */
    CHECK(!LOOKUP(&cls, 0, &wc, { "dl_type", 0x86dd, 0 },
                  { "nw_dst", 0xac100001, 0 }));
    CHECK(!wc_has_field(&wc, "nw_dst"));

    /* Without tries, the whole /24 is un-wildcarded. */
    classifier_set_prefix_fields(&cls, 0);
    CHECK(!LOOKUP(&cls, 0, &wc, { "dl_type", 0x800, 0 },
                  { "nw_dst", 0xac100001, 0 }));
    CHECK(wc.masks.nw_dst == htonl(0xffffff00));
    classifier_set_prefix_fields(&cls, CLS_PREFIX_DEFAULT);
    CHECK(!LOOKUP(&cls, 0, &wc, { "dl_type", 0x800, 0 },
                  { "nw_dst", 0xac100001, 0 }));
    CHECK(wc.masks.nw_dst == htonl(0xc0000000));

    /* Removing the rules empties the tries. */
    classifier_remove_assert(&cls, &r8->cls_rule);
    classifier_remove_assert(&cls, &r16->cls_rule);
    classifier_remove_assert(&cls, &r24->cls_rule);
    for (int f = 0; f < CLS_N_PREFIX_FIELDS; f++) {
        CHECK(!cls.tries[f][0] && !cls.tries[f][1]);
    }
    classifier_destroy(&cls);
    test_rule_destroy(r8);
    test_rule_destroy(r16);
    test_rule_destroy(r24);
}
OVSTEST_REGISTER("classifier/prefix-tries", test_classifier_prefix_tries);
