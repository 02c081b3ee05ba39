/* ofp-errors.c: the OpenFlow error table. */
#include <config.h>
#include "ofp-errors.h"
#include <string.h>
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"

static const char *const names[] = {
#define OFPERR_NAME(NAME) #NAME,
#define OFPERR_CODE(NAME, VERSION, TYPE, CODE)
#include "ofp-errors.def"
#undef OFPERR_NAME
#undef OFPERR_CODE
};

struct ofperr_code {
    enum ofperr error;
    uint8_t version;
    uint16_t type;
    uint16_t code;
};

static const struct ofperr_code codes[] = {
#define OFPERR_NAME(NAME)
#define OFPERR_CODE(NAME, VERSION, TYPE, CODE) \
    { OFPERR_##NAME, VERSION, TYPE, CODE },
#include "ofp-errors.def"
#undef OFPERR_NAME
#undef OFPERR_CODE
};

bool
ofperr_is_valid(int error)
{
    return error >= OFPERR_OFS && error < OFPERR_N_ERRORS__;
}

const char *
ofperr_get_name(enum ofperr error)
{
    return ofperr_is_valid(error) ? names[error - OFPERR_OFS] : "<invalid>";
}

enum ofperr
ofperr_from_name(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        if (!strcmp(name, names[i])) {
            return OFPERR_OFS + i;
        }
    }
    return 0;
}

bool
ofperr_get_type_code(enum ofperr error, enum ofp_version version,
                     uint16_t *type, uint16_t *code)
{
    for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
        if (codes[i].error == error && codes[i].version == version) {
            *type = codes[i].type;
            *code = codes[i].code;
            return true;
        }
    }
    return false;
}

enum ofperr
ofperr_decode(enum ofp_version version, uint16_t type, uint16_t code)
{
    for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
        if (codes[i].version == version && codes[i].type == type
            && codes[i].code == code) {
            return codes[i].error;
        }
    }
    return 0;
}

struct ofpbuf *
ofperr_encode_reply(enum ofperr error, const struct ofp_header *request,
                    size_t request_len)
{
    enum ofp_version version = request->version;
    struct ofp_error_msg *em;
    uint16_t type, code;
    struct ofpbuf *b;
    size_t quote = MIN(request_len, 64);

    if (!ofperr_get_type_code(error, version, &type, &code)
        && !ofperr_get_type_code(OFPERR_OFPBRC_EPERM, version, &type,
                                 &code)) {
        type = 1;
        code = 5;
    }
    b = ofpbuf_new(sizeof *em + quote);
    em = ofpbuf_put_zeros(b, sizeof *em);
    em->header.version = version;
    em->header.type = OFPT_ERROR;
    em->header.xid = request->xid;
    em->type = htons(type);
    em->code = htons(code);
    ofpbuf_put(b, request, quote);
    em = b->data;
    em->header.length = htons(b->size);
    return b;
}

const char *
ofperr_to_string(int error)
{
    return ofperr_is_valid(error) ? ofperr_get_name(error) : strerror(error);
}
