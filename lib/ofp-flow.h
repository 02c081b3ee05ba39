/* ofp-flow.h: flow-mod requests and the flow text syntax of ovs-ofctl.
 *
 * parse_ofp_flow_mod_str() reads the syntax of "ovs-ofctl add-flow",
 * "mod-flows", "del-flows" and "parse-flow": comma- or space-separated
 * KEY=VALUE (or KEY:VALUE, KEY(VALUE)) items, where a key is a field of
 * ovs-fields(7) (by name or alias, through meta-flow), a protocol
 * shorthand (ip, tcp6, arp, ...), a flow-mod attribute (priority,
 * cookie[/mask], table, idle_timeout, hard_timeout, importance, out_port,
 * out_group) or a flag (send_flow_rem, check_overlap, reset_counts,
 * no_packet_counts, no_byte_counts), then "actions=" and the rest of the
 * string.  Errors are the texts upstream's ovs-ofctl prints.
 *
 * The text after "actions=" is kept in struct ofputil_flow_mod's
 * 'actions' ("drop" when empty), given to the optional callback, and
 * parsed by lib/ofp-actions into 'ofpacts' (instructions allowed), which
 * are then checked against the match; 'usable_protocols' says which
 * OpenFlow protocols can carry the result. */
#ifndef OFP_FLOW_H
#define OFP_FLOW_H 1

#include <stdbool.h>
#include <stdint.h>
#include "match.h"
#include "types.h"

struct ds;

enum ofp_flow_mod_command {
    OFPFC_ADD,
    OFPFC_MODIFY,
    OFPFC_MODIFY_STRICT,
    OFPFC_DELETE,
    OFPFC_DELETE_STRICT
};

/* Flow-mod flags, as OpenFlow 1.3+ numbers them. */
enum ofputil_flow_mod_flags {
    OFPUTIL_FF_SEND_FLOW_REM = 1 << 0,
    OFPUTIL_FF_CHECK_OVERLAP = 1 << 1,
    OFPUTIL_FF_RESET_COUNTS = 1 << 2,
    OFPUTIL_FF_NO_PKT_COUNTS = 1 << 3,
    OFPUTIL_FF_NO_BYT_COUNTS = 1 << 4
};

struct ofputil_flow_mod {
    struct match match;
    int priority;
    enum ofp_flow_mod_command command;
    ovs_be64 cookie;            /* Cookie to match (modify/delete). */
    ovs_be64 cookie_mask;       /* Its mask; 0 to match any. */
    ovs_be64 new_cookie;        /* Cookie of new flows. */
    uint8_t table_id;           /* 255 means "all" or "default". */
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    uint16_t importance;
    ofp_port_t out_port;        /* OFPP_ANY: no filter. */
    uint32_t out_group;         /* OFPG_ANY: no filter. */
    uint32_t flags;             /* OFPUTIL_FF_*. */
    char *actions;              /* Action text, owned; "drop" if empty. */
    struct ofpact *ofpacts;     /* Parsed actions, owned, or NULL. */
    size_t ofpacts_len;         /* Their length in bytes. */
    uint32_t usable_protocols;  /* OFPUTIL_P_* that can express them. */
};

#define OFPG_ANY 0xffffffffu

/* Called with the action text after "actions=", for the caller to parse;
 * returns NULL or an error message to free. */
typedef char *ofp_flow_actions_cb(const char *actions, void *aux);

/* Parses STRING for COMMAND into FM (which the caller frees with
 * ofputil_flow_mod_uninit() on success).  ACTIONS_CB, if nonnull, is
 * given the action text.  Returns NULL or an error message to free, worded
 * as upstream's. */
char *parse_ofp_flow_mod_str(struct ofputil_flow_mod *fm, const char *string,
                             enum ofp_flow_mod_command command,
                             ofp_flow_actions_cb *actions_cb, void *aux);

/* Parses STRING, a match without actions (as "dump-flows" takes). */
char *parse_ofp_match_str(struct match *match, int *priority,
                          const char *string);

/* Parses STRING, an exact flow (fields without masks, as dpctl's
 * "filter=" takes), into MATCH: MATCH's wildcards mark the fields STRING
 * names.  Returns NULL or an error message to free, worded as upstream's
 * ("STRING: unknown field NAME", "STRING: bad value for NAME (...)"). */
char *parse_ofp_exact_flow_str(struct match *match, const char *string);

void ofputil_flow_mod_uninit(struct ofputil_flow_mod *);

/* Appends FM as upstream's ofp-print shows a flow-mod after its header
 * (the actions from 'ofpacts' when set, else the text):
 * "ADD table:1 priority=5,tcp cookie:0x1 idle:10 ... actions=drop". */
void ofputil_flow_mod_format(const struct ofputil_flow_mod *, struct ds *);

#endif /* ofp-flow.h */
