/* ofp-port.c: OpenFlow port numbers and names. */
#include <config.h>
#include "ofp-port.h"
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <strings.h>
#include "dynamic-string.h"
#include "util.h"

struct port_name {
    ofp_port_t port;
    const char *name;
};

/* ANY comes before NONE so that printing shows ANY. */
static const struct port_name port_names[] = {
    { OFPP_IN_PORT, "IN_PORT" },
    { OFPP_TABLE, "TABLE" },
    { OFPP_NORMAL, "NORMAL" },
    { OFPP_FLOOD, "FLOOD" },
    { OFPP_ALL, "ALL" },
    { OFPP_CONTROLLER, "CONTROLLER" },
    { OFPP_LOCAL, "LOCAL" },
    { OFPP_ANY, "ANY" },
    { OFPP_NONE, "NONE" },
};

const char *
ofputil_port_name(ofp_port_t port)
{
    for (size_t i = 0; i < ARRAY_SIZE(port_names); i++) {
        if (port_names[i].port == port) {
            return port_names[i].name;
        }
    }
    return NULL;
}

void
ofputil_format_port(ofp_port_t port, struct ds *s)
{
    const char *name = ofputil_port_name(port);

    if (name) {
        ds_put_cstr(s, name);
    } else {
        ds_put_format(s, "%"PRIu16, port);
    }
}

bool
ofputil_port_from_string(const char *s, ofp_port_t *portp)
{
    for (size_t i = 0; i < ARRAY_SIZE(port_names); i++) {
        if (!strcasecmp(s, port_names[i].name)) {
            *portp = port_names[i].port;
            return true;
        }
    }

    /* Decimal only, as upstream: "0x10" is not a port. */
    if (!*s || strlen(s) > 10) {
        return false;
    }
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') {
            return false;
        }
    }
    unsigned long long n = strtoull(s, NULL, 10);
    if (n <= UINT16_MAX) {
        *portp = n;
        return true;
    } else if (n >= OFPP11_MAX && n <= UINT32_MAX) {
        *portp = n - OFPP11_OFFSET;
        return true;
    }
    return false;
}

bool
ofputil_port_from_ofp11(uint32_t port, ofp_port_t *portp)
{
    if (port < OFPP_MAX) {
        *portp = port;
        return true;
    } else if (port >= OFPP11_MAX) {
        *portp = port - OFPP11_OFFSET;
        return true;
    }
    return false;
}

uint32_t
ofputil_port_to_ofp11(ofp_port_t port)
{
    return port < OFPP_MAX ? port : port + OFPP11_OFFSET;
}
