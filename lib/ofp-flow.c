/* ofp-flow.c: the flow text parser and flow-mod text. */
#include <config.h>
#include "ofp-flow.h"
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "meta-flow.h"
#include "ofp-actions.h"
#include "ofp-match.h"
#include "ofp-port.h"
#include "util.h"

/* Protocol shorthands: the dl_type and nw_proto they set. */
struct protocol {
    const char *name;
    uint16_t dl_type;
    uint8_t nw_proto;           /* 0: leave nw_proto alone. */
};

static const struct protocol protocols[] = {
    { "ip", ETH_TYPE_IP, 0 },
    { "ipv4", ETH_TYPE_IP, 0 },
    { "ip4", ETH_TYPE_IP, 0 },
    { "arp", ETH_TYPE_ARP, 0 },
    { "icmp", ETH_TYPE_IP, IPPROTO_ICMP },
    { "tcp", ETH_TYPE_IP, IPPROTO_TCP },
    { "udp", ETH_TYPE_IP, IPPROTO_UDP },
    { "sctp", ETH_TYPE_IP, IPPROTO_SCTP },
    { "ipv6", ETH_TYPE_IPV6, 0 },
    { "ip6", ETH_TYPE_IPV6, 0 },
    { "icmp6", ETH_TYPE_IPV6, IPPROTO_ICMPV6 },
    { "tcp6", ETH_TYPE_IPV6, IPPROTO_TCP },
    { "udp6", ETH_TYPE_IPV6, IPPROTO_UDP },
    { "sctp6", ETH_TYPE_IPV6, IPPROTO_SCTP },
    { "rarp", ETH_TYPE_RARP, 0 },
    { "mpls", ETH_TYPE_MPLS, 0 },
    { "mplsm", ETH_TYPE_MPLS_MCAST, 0 },
};

static const struct protocol *
protocol_from_name(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(protocols); i++) {
        if (!strcmp(name, protocols[i].name)) {
            return &protocols[i];
        }
    }
    return NULL;
}

/* Flags that take no value. */
static const struct {
    const char *name;
    uint32_t flag;
} flag_names[] = {
    { "send_flow_rem", OFPUTIL_FF_SEND_FLOW_REM },
    { "check_overlap", OFPUTIL_FF_CHECK_OVERLAP },
    { "reset_counts", OFPUTIL_FF_RESET_COUNTS },
    { "no_packet_counts", OFPUTIL_FF_NO_PKT_COUNTS },
    { "no_byte_counts", OFPUTIL_FF_NO_BYT_COUNTS },
};

/* Splits the next "KEY[=:]VALUE" or "KEY(VALUE)" item off *STRINGP.
 * Returns false at the end of the string.  *VALUEP is NULL for a key
 * without a value.  Modifies the string in place. */
static bool
next_key_value(char **stringp, char **keyp, char **valuep)
{
    char *p = *stringp;
    char *key, *value = NULL;

    p += strspn(p, ", \t\r\n");
    if (!*p) {
        return false;
    }
    key = p;
    p += strcspn(p, ":=(, \t\r\n");
    if (*p == ':' || *p == '=' || *p == '(') {
        char open = *p;
        int depth = 0;

        *p++ = '\0';
        value = p;
        if (open == '(') {
            depth = 1;
        }
        for (; *p; p++) {
            if (*p == '(') {
                depth++;
            } else if (*p == ')') {
                if (depth == 1 && open == '(') {
                    *p++ = '\0';
                    break;
                }
                depth--;
            } else if (!depth && strchr(", \t\r\n", *p)) {
                break;
            }
        }
    }
    if (*p) {
        if (*p != '\0' && strchr(", \t\r\n", *p)) {
            *p++ = '\0';
        }
    }
    *stringp = p;
    *keyp = key;
    *valuep = value;
    return true;
}

/* Parses a 16-bit decimal/hex/octal attribute. */
static bool
parse_u16(const char *s, uint16_t *x)
{
    unsigned long long n;
    char *end;

    if (!*s || *s == '-' || *s == '+') {
        return false;
    }
    errno = 0;
    n = strtoull(s, &end, 0);
    if (*end || errno || n > UINT16_MAX) {
        return false;
    }
    *x = n;
    return true;
}

static char *
parse_cookie(const char *s, ovs_be64 *cookie, ovs_be64 *mask)
{
    char *copy = xstrdup(s);
    char *slash = strchr(copy, '/');
    unsigned long long c, m = UINT64_MAX;
    char *end;

    if (slash) {
        *slash = '\0';
    }
    errno = 0;
    c = strtoull(copy, &end, 0);
    if (!*copy || *end || errno) {
        free(copy);
        return xasprintf("invalid numeric format %s", s);
    }
    if (slash) {
        errno = 0;
        m = strtoull(slash + 1, &end, 0);
        if (!slash[1] || *end || errno) {
            char *error = xasprintf("invalid numeric format %s", slash + 1);

            free(copy);
            return error;
        }
    }
    free(copy);
    *cookie = htonll(c);
    *mask = htonll(m);
    return NULL;
}

/* Parses one field item into MATCH. */
static char *
parse_field(const struct mf_field *mf, const char *s, struct match *match)
{
    union mf_value value, mask;
    char *error;

    if (!mf_is_supported(mf)) {
        return xasprintf("%s: field not supported by this implementation",
                         mf->name);
    }
    error = mf_parse(mf, s, &value, &mask);
    if (!error) {
        mf_set(mf, &value, &mask, match);
    }
    return error;
}

/* The shared parser: STRING (modified in place) into FM.  With
 * IS_MATCH_ONLY, flow-mod attributes and flags are not keywords (a plain
 * match, as dump-flows takes). */
static char *
parse_flow_str(struct ofputil_flow_mod *fm, char *string, bool is_match_only)
{
    bool is_add = !is_match_only && fm->command == OFPFC_ADD;
    char *key, *value;

    while (next_key_value(&string, &key, &value)) {
        const struct protocol *p = protocol_from_name(key);
        const struct mf_field *mf;
        char *error = NULL;
        size_t i;

        if (p) {
            match_set_dl_type(&fm->match, htons(p->dl_type));
            if (p->nw_proto) {
                match_set_nw_proto(&fm->match, p->nw_proto);
            }
            continue;
        }
        if (!strcmp(key, "eth")) {
            /* Ethernet packets: the default packet type. */
            continue;
        }
        for (i = 0; i < ARRAY_SIZE(flag_names); i++) {
            if (!strcmp(key, flag_names[i].name)) {
                break;
            }
        }
        if (i < ARRAY_SIZE(flag_names)) {
            if (is_match_only) {
                return xasprintf("unknown keyword %s", key);
            }
            fm->flags |= flag_names[i].flag;
            continue;
        }

        mf = mf_from_name(key);
        if (mf && value && !*value) {
            value = "0/0";      /* As upstream: an empty value is "0/0". */
        }
        if (!value) {
            if (!mf && strcmp(key, "priority") && strcmp(key, "table")
                && strcmp(key, "cookie")) {
                return xasprintf("field %s missing value", key);
            }
            value = "0/0";
        }

        if (!strcmp(key, "priority")) {
            uint16_t pri;

            if (!parse_u16(value, &pri)) {
                return xasprintf("invalid priority \"%s\"", value);
            }
            fm->priority = pri;
        } else if (mf) {
            error = parse_field(mf, value, &fm->match);
        } else if (!strcmp(key, "table") && !is_match_only) {
            unsigned int table;

            if (!str_to_uint(value, 10, &table) || table > 255) {
                return xasprintf("unknown table \"%s\"", value);
            }
            fm->table_id = table;
        } else if (!strcmp(key, "idle_timeout") && !is_match_only) {
            if (!parse_u16(value, &fm->idle_timeout)) {
                return xasprintf("invalid idle_timeout \"%s\"", value);
            }
        } else if (!strcmp(key, "hard_timeout") && !is_match_only) {
            if (!parse_u16(value, &fm->hard_timeout)) {
                return xasprintf("invalid hard_timeout \"%s\"", value);
            }
        } else if (!strcmp(key, "importance") && !is_match_only) {
            if (!parse_u16(value, &fm->importance)) {
                return xasprintf("invalid importance \"%s\"", value);
            }
        } else if (!strcmp(key, "cookie")) {
            ovs_be64 cookie = 0, mask = 0;

            error = parse_cookie(value, &cookie, &mask);
            if (!error) {
                if (mask != OVS_BE64_MAX) {
                    if (is_add) {
                        return xstrdup("flow additions cannot use a cookie "
                                       "mask");
                    }
                    fm->cookie = cookie & mask;
                    fm->cookie_mask = mask;
                } else if (is_add || is_match_only) {
                    fm->new_cookie = cookie;
                } else {
                    fm->cookie = cookie;
                    fm->cookie_mask = mask;
                }
            }
        } else if (!strcmp(key, "out_port") && !is_add && !is_match_only) {
            if (!ofputil_port_from_string(value, &fm->out_port)) {
                return xasprintf("%s: invalid or unknown port for out_port",
                                 value);
            }
        } else if (!strcmp(key, "out_group") && !is_add && !is_match_only) {
            unsigned int group;

            if (!strcasecmp(value, "any") || !strcasecmp(value, "all")) {
                fm->out_group = OFPG_ANY;
            } else if (str_to_uint(value, 0, &group)) {
                fm->out_group = group;
            } else {
                return xasprintf("invalid out_group \"%s\"", value);
            }
        } else if (!strcmp(key, "duration") || !strcmp(key, "n_packets")
                   || !strcmp(key, "n_bytes") || !strcmp(key, "idle_age")
                   || !strcmp(key, "hard_age")) {
            /* Statistics that dump-flows prints; ignored on input. */
        } else {
            return xasprintf("unknown keyword %s", key);
        }
        if (error) {
            return error;
        }
    }
    return NULL;
}

/* Can OpenFlow 1.1's fixed match say all of MATCH? */
static bool
match_is_ofp11(const struct match *match_)
{
    struct match match = *match_;
    struct ofp11_match om;
    struct match back;

    match_zero_wildcarded_fields(&match);
    ofputil_match_to_ofp11_match(&match, &om);
    if (ofputil_match_from_ofp11_match(&om, &back)) {
        return false;
    }
    match_zero_wildcarded_fields(&back);
    return match_equal(&match, &back);
}

/* Parses FM's action text into FM->ofpacts and checks them against the
 * match, as upstream's "ovs-ofctl parse-flow" does. */
static char *
parse_flow_mod_actions(struct ofputil_flow_mod *fm)
{
    struct ofpbuf ofpacts;
    uint32_t usable = OFPUTIL_P_ANY;
    struct ofpact_parse_params pp = {
        .ofpacts = &ofpacts,
        .usable_protocols = &usable,
    };
    enum ofperr err;
    char *error;

    ofpbuf_init(&ofpacts, 64);
    error = ofpacts_parse_instructions(fm->actions, &pp);
    if (error) {
        ofpbuf_uninit(&ofpacts);
        return error;
    }
    err = ofpacts_check(ofpacts.data, ofpacts.size, &fm->match, OFPP_MAX,
                        0xff, 0xff, &usable);
    if (err) {
        ofpbuf_uninit(&ofpacts);
        return xasprintf("actions are invalid with specified match (%s)",
                         ofperr_get_name(err));
    }
    if (!match_is_ofp11(&fm->match)) {
        usable &= ~OFPUTIL_P_OF11_STD;
    }
    fm->ofpacts_len = ofpacts.size;
    fm->ofpacts = ofpbuf_steal_data(&ofpacts);
    fm->usable_protocols = usable;
    return NULL;
}

static void
flow_mod_init(struct ofputil_flow_mod *fm, enum ofp_flow_mod_command command)
{
    memset(fm, 0, sizeof *fm);
    match_init_catchall(&fm->match);
    fm->priority = OFP_DEFAULT_PRIORITY;
    fm->command = command;
    fm->table_id = 0xff;
    fm->out_port = OFPP_ANY;
    fm->out_group = OFPG_ANY;
}

char *
parse_ofp_flow_mod_str(struct ofputil_flow_mod *fm, const char *string,
                       enum ofp_flow_mod_command command,
                       ofp_flow_actions_cb *actions_cb, void *aux)
{
    char *copy = xstrdup(string);
    char *act_str = NULL;
    char *error;

    flow_mod_init(fm, command);
    if (command == OFPFC_ADD || command == OFPFC_MODIFY
        || command == OFPFC_MODIFY_STRICT) {
        char *act = strstr(copy, "action");
        char *eq;

        if (!act) {
            free(copy);
            return xstrdup("must specify an action");
        }
        eq = strchr(act, '=');
        if (!eq) {
            free(copy);
            return xstrdup("must specify an action");
        }
        act_str = eq + 1;
        *act = '\0';
    }

    error = parse_flow_str(fm, copy, false);
    if (!error) {
        const char *a = act_str ? act_str + strspn(act_str, " \t") : "";

        fm->actions = xstrdup(*a ? a : "drop");
        if (actions_cb) {
            error = actions_cb(fm->actions, aux);
        }
        if (!error) {
            error = parse_flow_mod_actions(fm);
        }
    }
    if (!error) {
        match_zero_wildcarded_fields(&fm->match);
    } else {
        ofputil_flow_mod_uninit(fm);
    }
    free(copy);
    return error;
}

char *
parse_ofp_match_str(struct match *match, int *priority, const char *string)
{
    struct ofputil_flow_mod fm;
    char *copy = xstrdup(string);
    char *error;

    flow_mod_init(&fm, OFPFC_DELETE);
    error = parse_flow_str(&fm, copy, true);
    free(copy);
    if (!error) {
        match_zero_wildcarded_fields(&fm.match);
        *match = fm.match;
        *priority = fm.priority;
    }
    return error;
}

char *
parse_ofp_exact_flow_str(struct match *match, const char *string)
{
    char *copy = xstrdup(string);
    char *save = NULL;
    char *error = NULL;
    int priority;

    /* Check each "name[=value]" first, for upstream's wording. */
    for (char *tok = strtok_r(copy, ", \t\r\n", &save); tok && !error;
         tok = strtok_r(NULL, ", \t\r\n", &save)) {
        char *value = strchr(tok, '=');
        const struct mf_field *mf;
        union mf_value v;

        if (value) {
            *value++ = '\0';
        }
        if (!value && protocol_from_name(tok)) {
            continue;
        }
        mf = mf_from_name(tok);
        if (!mf) {
            error = xasprintf("%s: unknown field %s", string, tok);
        } else if (value && strchr(value, '/')) {
            error = xasprintf("%s: bad value for %s (%s: wildcards not "
                              "allowed here)", string, tok, value);
        } else {
            char *err = mf_parse_value(mf, value ? value : "", &v);
            if (err) {
                error = xasprintf("%s: bad value for %s (%s)", string, tok,
                                  err);
                free(err);
            }
        }
    }
    free(copy);
    if (!error) {
        char *err = parse_ofp_match_str(match, &priority, string);
        if (err) {
            error = xasprintf("%s: %s", string, err);
            free(err);
        }
    }
    return error;
}

void
ofputil_flow_mod_uninit(struct ofputil_flow_mod *fm)
{
    free(fm->actions);
    fm->actions = NULL;
    free(fm->ofpacts);
    fm->ofpacts = NULL;
    fm->ofpacts_len = 0;
}

void
ofputil_flow_mod_format(const struct ofputil_flow_mod *fm, struct ds *s)
{
    static const char *names[] = {
        [OFPFC_ADD] = "ADD",
        [OFPFC_MODIFY] = "MOD",
        [OFPFC_MODIFY_STRICT] = "MOD_STRICT",
        [OFPFC_DELETE] = "DEL",
        [OFPFC_DELETE_STRICT] = "DEL_STRICT",
    };
    size_t len;

    ds_put_format(s, "%s ", names[fm->command]);
    if (fm->table_id && fm->table_id != 0xff) {
        ds_put_format(s, "table:%d ", fm->table_id);
    }
    len = s->length;
    match_format(&fm->match, fm->priority, s);
    if (s->length > len) {
        ds_put_char(s, ' ');
    }
    if (fm->new_cookie && fm->new_cookie != OVS_BE64_MAX) {
        ds_put_format(s, "cookie:0x%"PRIx64" ", ntohll(fm->new_cookie));
    }
    if (fm->cookie_mask) {
        ds_put_format(s, "cookie:0x%"PRIx64"/0x%"PRIx64" ",
                      ntohll(fm->cookie), ntohll(fm->cookie_mask));
    }
    if (fm->idle_timeout) {
        ds_put_format(s, "idle:%"PRIu16" ", fm->idle_timeout);
    }
    if (fm->hard_timeout) {
        ds_put_format(s, "hard:%"PRIu16" ", fm->hard_timeout);
    }
    if (fm->importance) {
        ds_put_format(s, "importance:%"PRIu16" ", fm->importance);
    }
    if (fm->out_port != OFPP_ANY) {
        ds_put_cstr(s, "out_port:");
        ofputil_format_port(fm->out_port, s);
        ds_put_char(s, ' ');
    }
    if (fm->out_group != OFPG_ANY) {
        ds_put_format(s, "out_group:%"PRIu32" ", fm->out_group);
    }
    for (size_t i = 0; i < ARRAY_SIZE(flag_names); i++) {
        if (fm->flags & flag_names[i].flag) {
            ds_put_format(s, "%s ", flag_names[i].name);
        }
    }
    if (fm->ofpacts) {
        struct ofpact_format_params fp = { .s = s };

        ds_put_cstr(s, "actions=");
        ofpacts_format(fm->ofpacts, fm->ofpacts_len, &fp);
    } else {
        ds_put_format(s, "actions=%s", fm->actions ? fm->actions : "drop");
    }
}
