/* uuid.c: see uuid.h. */
#include <config.h>
#include "uuid.h"

#include <ctype.h>
#include "random.h"

void
uuid_generate(struct uuid *uuid)
{
    random_bytes(uuid->parts, sizeof uuid->parts);
    uuid_set_bits_v4(uuid);
}

void
uuid_set_bits_v4(struct uuid *uuid)
{
    /* Version 4 in the top nibble of the third group. */
    uuid->parts[1] = (uuid->parts[1] & ~UINT32_C(0xf000)) | 0x4000;
    /* Variant "10" in the top two bits of the fourth group. */
    uuid->parts[2] = (uuid->parts[2] & UINT32_C(0x3fffffff)) | 0x80000000;
}

void
uuid_zero(struct uuid *uuid)
{
    uuid->parts[0] = uuid->parts[1] = uuid->parts[2] = uuid->parts[3] = 0;
}

bool
uuid_is_zero(const struct uuid *uuid)
{
    return !(uuid->parts[0] | uuid->parts[1]
             | uuid->parts[2] | uuid->parts[3]);
}

int
uuid_compare_3way(const struct uuid *a, const struct uuid *b)
{
    int i;

    for (i = 0; i < 4; i++) {
        if (a->parts[i] != b->parts[i]) {
            return a->parts[i] < b->parts[i] ? -1 : 1;
        }
    }
    return 0;
}

static bool
is_dash_position(size_t i)
{
    return i == 8 || i == 13 || i == 18 || i == 23;
}

bool
uuid_from_string_prefix(struct uuid *uuid, const char *s)
{
    struct uuid u;
    int nibble = 0;
    size_t i;

    uuid_zero(&u);
    for (i = 0; i < UUID_LEN; i++) {
        if (is_dash_position(i)) {
            if (s[i] != '-') {
                goto error;
            }
        } else {
            int d = hexit_value((unsigned char) s[i]);
            if (d < 0) {
                goto error;
            }
            u.parts[nibble / 8] = (u.parts[nibble / 8] << 4) | d;
            nibble++;
        }
    }
    *uuid = u;
    return true;

error:
    uuid_zero(uuid);
    return false;
}

bool
uuid_from_string(struct uuid *uuid, const char *s)
{
    if (strnlen(s, UUID_LEN + 1) != UUID_LEN) {
        uuid_zero(uuid);
        return false;
    }
    return uuid_from_string_prefix(uuid, s);
}

size_t
uuid_is_partial_string(const char *s, size_t min_len)
{
    size_t i;

    for (i = 0; s[i]; i++) {
        if (i >= UUID_LEN) {
            return 0;
        }
        if (is_dash_position(i)
            ? s[i] != '-'
            : hexit_value((unsigned char) s[i]) < 0) {
            return 0;
        }
    }
    return i >= min_len ? i : 0;
}

char *
uuid_to_string(const struct uuid *uuid)
{
    char *s = xmalloc(UUID_LEN + 1);

    uuid_format(uuid, s);
    return s;
}

/* Writes the N_DIGITS low hex digits of X to S, most significant first. */
static char *
put_hex(char *s, uint32_t x, int n_digits)
{
    static const char hex[] = "0123456789abcdef";

    for (int i = n_digits - 1; i >= 0; i--) {
        s[i] = hex[x & 15];
        x >>= 4;
    }
    return s + n_digits;
}

void
uuid_format(const struct uuid *uuid, char s[UUID_LEN + 1])
{
    char *p = s;

    p = put_hex(p, uuid->parts[0], 8);
    *p++ = '-';
    p = put_hex(p, uuid->parts[1] >> 16, 4);
    *p++ = '-';
    p = put_hex(p, uuid->parts[1] & 0xffff, 4);
    *p++ = '-';
    p = put_hex(p, uuid->parts[2] >> 16, 4);
    *p++ = '-';
    p = put_hex(p, uuid->parts[2] & 0xffff, 4);
    p = put_hex(p, uuid->parts[3], 8);
    *p = '\0';
}
