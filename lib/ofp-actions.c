/* ofp-actions.c: OpenFlow actions: building, text, wire, checks.
 *
 * The file is organized by job, not by action: building helpers first,
 * then the text formatter, the text parser, the wire decoders and
 * encoders, and the consistency checks.  Within each job, one small
 * function per action family, dispatched from a switch on the ofpact
 * type (the OFPACTS table in the header keeps the type list in one
 * place). */
#include <config.h>
#include "ofp-actions.h"
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "ofp-port.h"
#include "util.h"

/* Building. */

void *
ofpact_put(struct ofpbuf *ofpacts, enum ofpact_type type, size_t len)
{
    struct ofpact *ofpact;

    ofpbuf_prealloc_tailroom(ofpacts, OFPACT_ALIGN(len));
    ofpact = ofpbuf_put_zeros(ofpacts, len);
    ofpact->type = type;
    ofpact->raw = 0;
    ofpact->len = len;
    ofpbuf_padto(ofpacts, ROUND_UP(ofpacts->size, OFPACT_ALIGNTO));
    /* ofpbuf_padto() may not move data: tailroom was preallocated. */
    return ofpact;
}

/* Fixes OFPACT's length to cover everything appended to OFPACTS after it,
 * and pads OFPACTS to OFPACT_ALIGNTO.  OFPACT must be the last ofpact
 * started in OFPACTS and must still point into it. */
void
ofpact_finish(struct ofpbuf *ofpacts, struct ofpact *ofpact)
{
    ptrdiff_t len = (char *) ofpbuf_tail(ofpacts) - (char *) ofpact;

    ovs_assert(len > 0 && len <= UINT16_MAX);
    ofpact->len = len;
    ofpbuf_padto(ofpacts, ROUND_UP(ofpacts->size, OFPACT_ALIGNTO));
}

#define OFPACT(ENUM, STRUCT)                                            \
    struct STRUCT *                                                     \
    ofpact_put_##ENUM(struct ofpbuf *ofpacts)                           \
    {                                                                   \
        return ofpact_put(ofpacts, OFPACT_##ENUM, sizeof(struct STRUCT)); \
    }
OFPACTS
#undef OFPACT

const char *
ofpact_name(enum ofpact_type type)
{
    switch (type) {
#define OFPACT(ENUM, STRUCT) case OFPACT_##ENUM: return #ENUM;
        OFPACTS
#undef OFPACT
    }
    return "<unknown>";
}

/* Formatting. */

static void
format_port(ofp_port_t port, const struct ofpact_format_params *fp)
{
    ofputil_format_port(port, fp->s);
}

static void
format_OUTPUT(const struct ofpact_output *a,
              const struct ofpact_format_params *fp)
{
    if (a->port == OFPP_CONTROLLER) {
        ds_put_format(fp->s, "CONTROLLER:%"PRIu16, a->max_len);
    } else if (a->port < OFPP_MAX) {
        ds_put_cstr(fp->s, "output:");
        format_port(a->port, fp);
    } else {
        format_port(a->port, fp);
    }
}

static void
format_RESUBMIT(const struct ofpact_resubmit *a,
                const struct ofpact_format_params *fp)
{
    if (a->in_port != OFPP_IN_PORT && a->table_id == 255
        && !a->with_ct_orig) {
        ds_put_cstr(fp->s, "resubmit:");
        format_port(a->in_port, fp);
        return;
    }
    ds_put_cstr(fp->s, "resubmit(");
    if (a->in_port != OFPP_IN_PORT) {
        format_port(a->in_port, fp);
    }
    ds_put_char(fp->s, ',');
    if (a->table_id != 255) {
        ds_put_format(fp->s, "%"PRIu8, a->table_id);
    }
    if (a->with_ct_orig) {
        ds_put_cstr(fp->s, ",ct");
    }
    ds_put_char(fp->s, ')');
}

static void
format_action(const struct ofpact *a, const struct ofpact_format_params *fp)
{
    switch ((enum ofpact_type) a->type) {
    case OFPACT_OUTPUT:
        format_OUTPUT(ofpact_get_OUTPUT(a), fp);
        break;
    case OFPACT_RESUBMIT:
        format_RESUBMIT(ofpact_get_RESUBMIT(a), fp);
        break;
    default:
        ds_put_format(fp->s, "<%s>", ofpact_name(a->type));
        break;
    }
}

/* Appends the text form of OFPACTS to FP->s, as upstream prints it:
 * comma-separated actions, or "drop" for an empty list. */
void
ofpacts_format(const struct ofpact *ofpacts, size_t ofpacts_len,
               const struct ofpact_format_params *fp)
{
    const struct ofpact *a;

    if (!ofpacts_len) {
        ds_put_cstr(fp->s, "drop");
        return;
    }
    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        if (a != ofpacts) {
            ds_put_char(fp->s, ',');
        }
        format_action(a, fp);
    }
}
