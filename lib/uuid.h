/* uuid.h: 128-bit universally unique identifiers (RFC 4122).
 *
 * A struct uuid holds the 128 bits as four 32-bit words in host byte
 * order, most significant word first, so that the text form
 * "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (UUID_FMT/UUID_ARGS, lowercase
 * hex, as OVSDB writes them) reads the words left to right.
 *
 * uuid_generate() makes random (version 4) UUIDs from a per-thread
 * generator seeded by getrandom() (see random.h); it is thread-safe and
 * fork-safe.  Parsing functions never crash on bad input: they return false
 * and set the UUID to all-zeros. */
#ifndef UUID_H
#define UUID_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util.h"

#define UUID_BIT 128            /* Bits in a UUID. */
#define UUID_OCTET (UUID_BIT / 8)
#define UUID_LEN 36             /* Characters in the text form. */

struct uuid {
    uint32_t parts[4];
};

/* For printf: printf("uuid " UUID_FMT "\n", UUID_ARGS(&uuid)). */
#define UUID_FMT "%08x-%04x-%04x-%04x-%04x%08x"
#define UUID_ARGS(UUID)                             \
    ((unsigned int) ((UUID)->parts[0])),            \
    ((unsigned int) ((UUID)->parts[1] >> 16)),      \
    ((unsigned int) ((UUID)->parts[1] & 0xffff)),   \
    ((unsigned int) ((UUID)->parts[2] >> 16)),      \
    ((unsigned int) ((UUID)->parts[2] & 0xffff)),   \
    ((unsigned int) ((UUID)->parts[3]))

/* Random UUIDs are already uniformly distributed: any word is a fine
 * hash. */
static inline uint32_t
uuid_hash(const struct uuid *uuid)
{
    return uuid->parts[0];
}

static inline bool
uuid_equals(const struct uuid *a, const struct uuid *b)
{
    return (a->parts[0] == b->parts[0]
            && a->parts[1] == b->parts[1]
            && a->parts[2] == b->parts[2]
            && a->parts[3] == b->parts[3]);
}

void uuid_generate(struct uuid *);
void uuid_zero(struct uuid *);
bool uuid_is_zero(const struct uuid *);

/* Returns negative, zero or positive as A sorts before, with, or after B
 * (the order of their text forms). */
int uuid_compare_3way(const struct uuid *a, const struct uuid *b);

/* Marks UUID as a random (version 4, RFC 4122 variant) UUID. */
void uuid_set_bits_v4(struct uuid *);

/* Parses S, which must be exactly a UUID in text form (hex digits in either
 * case).  Returns true on success; otherwise false, with UUID zeroed. */
bool uuid_from_string(struct uuid *, const char *s);

/* Like uuid_from_string(), but S need only begin with a UUID: anything
 * after the 36 characters is ignored. */
bool uuid_from_string_prefix(struct uuid *, const char *s);

/* If S is an abbreviation of a UUID in text form (a prefix of at least
 * MIN_LEN characters, hex digits and dashes in the right places), returns
 * its length; otherwise 0. */
size_t uuid_is_partial_string(const char *s, size_t min_len);

/* Returns a malloc'd copy of UUID's text form. */
char *uuid_to_string(const struct uuid *);
/* Writes UUID's text form (UUID_FMT) and a null terminator to S, without
 * printf: faster, for servers that write many UUIDs. */
void uuid_format(const struct uuid *, char s[UUID_LEN + 1]);

#endif /* uuid.h */
