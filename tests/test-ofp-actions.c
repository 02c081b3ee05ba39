/* test-ofp-actions.c: OpenFlow actions (lib/ofp-actions), as unit tests
 * and as helper commands that tests/ofp-actions.at compares with
 * upstream's ovs-ofctl. */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "dynamic-string.h"
#include "ofp-actions.h"
#include "ofp-port.h"
#include "ofpbuf.h"
#include "ovstest.h"
#include "util.h"

static char *
format_ofpacts(const struct ofpbuf *ofpacts)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct ofpact_format_params fp = { .s = &s };

    ofpacts_format(ofpacts->data, ofpacts->size, &fp);
    return ds_steal_cstr(&s);
}

/* Building with the put helpers and formatting. */
static void
test_build_format(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const ofp_port_t ports[] = {
        1, OFPP_NORMAL, OFPP_FLOOD, OFPP_ALL, OFPP_IN_PORT, OFPP_LOCAL,
    };
    struct ofpbuf ofpacts;
    char *s;

    ofpbuf_init(&ofpacts, 0);
    s = format_ofpacts(&ofpacts);
    CHECK_STR(s, "drop");
    free(s);

    for (size_t i = 0; i < ARRAY_SIZE(ports); i++) {
        ofpact_put_OUTPUT(&ofpacts)->port = ports[i];
    }
    struct ofpact_output *out = ofpact_put_OUTPUT(&ofpacts);
    out->port = OFPP_CONTROLLER;
    out->max_len = 65535;

    struct ofpact_resubmit *r = ofpact_put_RESUBMIT(&ofpacts);
    r->in_port = 3;
    r->table_id = 255;
    r = ofpact_put_RESUBMIT(&ofpacts);
    r->in_port = OFPP_IN_PORT;
    r->table_id = 4;
    r = ofpact_put_RESUBMIT(&ofpacts);
    r->in_port = 2;
    r->table_id = 5;
    r->with_ct_orig = true;

    s = format_ofpacts(&ofpacts);
    CHECK_STR(s, "output:1,NORMAL,FLOOD,ALL,IN_PORT,LOCAL,CONTROLLER:65535,"
              "resubmit:3,resubmit(,4),resubmit(2,5,ct)");
    free(s);

    const struct ofpact *a;
    int n = 0;
    OFPACT_FOR_EACH (a, ofpacts.data, ofpacts.size) {
        CHECK(a->len >= sizeof *a);
        n++;
    }
    CHECK_INT(n, 10);
    CHECK_INT(ofpacts.size % OFPACT_ALIGNTO, 0);
    ofpbuf_uninit(&ofpacts);
}
OVSTEST_REGISTER("ofp-actions/build-format", test_build_format);
