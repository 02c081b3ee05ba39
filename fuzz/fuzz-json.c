/* fuzz-json.c: libFuzzer target for lib/json.
 *
 * Each input is parsed whole and incrementally in pseudo-random chunks
 * (sizes drawn from a hash of the input, so runs are reproducible); both
 * must give the same value or the same error.  A value is then serialized
 * in every output mode and parsed back, which must succeed and give an
 * equal value, where a real and an integer of the same value count as
 * equal (a real such as 1e18 prints as upstream prints it, which reads back
 * as an integer); serializing that again must give the same text.  Any
 * disagreement aborts. */
#include <config.h>

#include <math.h>
#include "json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void OVS_NO_RETURN
fuzz_fail(const char *what, const char *a, const char *b)
{
    fprintf(stderr, "fuzz-json: %s\n  %s\n  %s\n", what, a ? a : "(null)",
            b ? b : "(null)");
    abort();
}

/* Like json_equal(), but a real equals an integer of the same value. */
static bool
equal_numeric(const struct json *a, const struct json *b)
{
    if ((a->type == JSON_INTEGER || a->type == JSON_REAL)
        && (b->type == JSON_INTEGER || b->type == JSON_REAL)
        && (a->type != b->type || a->type == JSON_REAL)) {
        /* Reals are printed with 15 significant digits, as upstream
         * prints them, so a round trip may move one in its 16th digit. */
        double x = json_real(a), y = json_real(b);

        return x == y || fabs(x - y) <= 1e-14 * fmax(fabs(x), fabs(y));
    } else if (a->type != b->type) {
        return false;
    } else if (a->type == JSON_ARRAY) {
        if (a->array.n != b->array.n) {
            return false;
        }
        for (size_t i = 0; i < a->array.n; i++) {
            if (!equal_numeric(a->array.elems[i], b->array.elems[i])) {
                return false;
            }
        }
        return true;
    } else if (a->type == JSON_OBJECT) {
        struct shash_node *node;

        if (shash_count(&a->object) != shash_count(&b->object)) {
            return false;
        }
        SHASH_FOR_EACH (node, &a->object) {
            struct json *other = shash_find_data(&b->object, node->name);

            if (!other || !equal_numeric(node->data, other)) {
                return false;
            }
        }
        return true;
    } else {
        return json_equal(a, b);
    }
}

/* Returns the value or "error: ..." for a parse result, as a malloc'd
 * string, and frees JSON and ERROR. */
static char *
result_string(struct json *json, char *error)
{
    char *s;

    if (json) {
        s = json_to_string(json, JSSF_SORT);
        json_destroy(json);
    } else {
        s = xasprintf("error: %s", error);
        free(error);
    }
    return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *input = (const char *) data;
    uint32_t seed = hash_bytes(data, size, 0);
    int flags = JSPF_TRAILER | (seed & 1 ? JSPF_SCALAR : 0)
                | (seed & 2 ? JSPF_NO_DUPLICATES : 0);
    struct json_parser *p;
    struct json *whole;
    char *error;
    char *a, *b;

    /* Whole buffer. */
    whole = json_from_buffer(input, size, flags, &error);
    if (whole) {
        /* Serialize in every mode and parse back. */
        for (int sflags = 0; sflags < 4; sflags++) {
            int pflags = JSPF_TRAILER | JSPF_SCALAR;
            char *s = json_to_string(whole, sflags);
            char *error2;
            struct json *back = json_from_buffer(s, strlen(s), pflags,
                                                 &error2);
            struct json *again;
            char *s2, *s3;

            if (!back && strstr(error2, "number outside valid range")) {
                /* A real within 5e-15 of DBL_MAX prints rounded up past
                 * it, as upstream's does, and then does not parse. */
                free(error2);
                free(s);
                continue;
            }
            if (!back) {
                fuzz_fail("serialization does not parse", s, error2);
            }
            if (!equal_numeric(whole, back)) {
                char *orig = json_to_string(whole, JSSF_SORT);

                fuzz_fail("round trip changed the value", orig, s);
            }
            s2 = json_to_string(back, sflags | JSSF_SORT);
            again = json_from_buffer(s2, strlen(s2), pflags, NULL);
            if (!again) {
                fuzz_fail("second serialization does not parse", s2, NULL);
            }
            s3 = json_to_string(again, sflags | JSSF_SORT);
            if (strcmp(s2, s3)) {
                fuzz_fail("serialization is not stable", s2, s3);
            }
            free(s);
            free(s2);
            free(s3);
            json_destroy(back);
            json_destroy(again);
        }

        struct json *copy = json_deep_clone(whole);
        if (!json_equal(copy, whole) || json_hash(copy, 0)
            != json_hash(whole, 0)) {
            fuzz_fail("deep clone differs", NULL, NULL);
        }
        json_destroy(copy);
    }
    a = result_string(whole, error);

    /* Incremental, in chunks of 1 to 64 bytes. */
    p = json_parser_create(flags);
    for (size_t ofs = 0; ofs < size && !json_parser_is_done(p); ) {
        size_t chunk;

        seed = seed * 1103515245 + 12345;
        chunk = MIN(size - ofs, 1 + (seed >> 16) % 64);
        ofs += json_parser_feed(p, input + ofs, chunk);
    }
    whole = json_parser_finish_checked(p, &error);
    b = result_string(whole, error);
    if (strcmp(a, b)) {
        fuzz_fail("incremental parse differs", a, b);
    }
    free(a);
    free(b);
    return 0;
}
