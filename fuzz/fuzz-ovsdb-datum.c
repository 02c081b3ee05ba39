/* fuzz-ovsdb-datum.c: libFuzzer target for lib/ovsdb-data.
 *
 * The first byte of an input picks a column type from a small table
 * (scalars, optional scalars, sets, maps, constrained types); the rest is
 * parsed both as JSON with ovsdb_datum_from_json() and as ovs-vsctl text
 * with ovsdb_datum_from_string().  Every datum accepted either way must
 * satisfy its type, and its JSON and string forms must read back as an
 * equal datum with an equal hash.  Any disagreement aborts. */
#include <config.h>
#include "ovsdb-data.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "json.h"
#include "ovsdb-error.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const type_jsons[] = {
    "\"string\"",
    "\"integer\"",
    "\"real\"",
    "\"boolean\"",
    "\"uuid\"",
    "{\"key\":\"string\",\"min\":0}",
    "{\"key\":\"string\",\"min\":0,\"max\":\"unlimited\"}",
    "{\"key\":\"integer\",\"min\":0,\"max\":\"unlimited\"}",
    "{\"key\":\"real\",\"min\":1,\"max\":3}",
    "{\"key\":\"uuid\",\"min\":0,\"max\":\"unlimited\"}",
    "{\"key\":\"boolean\",\"min\":0,\"max\":2}",
    "{\"key\":{\"type\":\"integer\",\"minInteger\":0,"
    "\"maxInteger\":4095},\"min\":0,\"max\":4096}",
    "{\"key\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":3},"
    "\"min\":0,\"max\":\"unlimited\"}",
    "{\"key\":{\"type\":\"string\",\"enum\":[\"set\",[\"a\",\"b c\","
    "\"\"]]},\"min\":0,\"max\":\"unlimited\"}",
    "{\"key\":{\"type\":\"real\",\"minReal\":-1.5,\"maxReal\":2.5},"
    "\"min\":0,\"max\":\"unlimited\"}",
    "{\"key\":\"string\",\"value\":\"string\",\"min\":0,"
    "\"max\":\"unlimited\"}",
    "{\"key\":\"integer\",\"value\":\"uuid\",\"min\":0,"
    "\"max\":\"unlimited\"}",
    "{\"key\":\"string\",\"value\":\"integer\",\"min\":1,\"max\":2}",
    "{\"key\":\"uuid\",\"value\":{\"type\":\"integer\",\"minInteger\":1,"
    "\"maxInteger\":10},\"min\":0,\"max\":\"unlimited\"}",
    "{\"key\":\"boolean\",\"value\":\"real\",\"min\":0,"
    "\"max\":\"unlimited\"}",
};
#define N_TYPES (sizeof type_jsons / sizeof *type_jsons)

static void OVS_NO_RETURN
fuzz_fail(const char *what, const char *type, const char *detail)
{
    fprintf(stderr, "fuzz-ovsdb-datum: %s\n  type %s\n  %s\n", what, type,
            detail ? detail : "(null)");
    abort();
}

static bool
type_has_real(const struct ovsdb_type *type)
{
    return type->key.type == OVSDB_TYPE_REAL
           || type->value.type == OVSDB_TYPE_REAL;
}

/* Checks DATUM, accepted for TYPE (described by TYPE_S).
 *
 * Reals are printed with 15 significant digits, as upstream prints them,
 * so a datum holding reals need not read back equal (nor at all, if two
 * of its reals print alike).  For those, 'exact' is false: what does read
 * back must then be a fixed point, checked with 'exact' true. */
static void
check_datum(const struct ovsdb_datum *datum, const struct ovsdb_type *type,
            const char *type_s, bool exact)
{
    struct ovsdb_error *error;
    struct ovsdb_datum again;

    if (!ovsdb_datum_conforms_to_type(datum, type)) {
        fuzz_fail("wrong number of elements", type_s, NULL);
    }
    error = ovsdb_datum_check_constraints(datum, type);
    if (error) {
        fuzz_fail("constraint violated", type_s,
                  ovsdb_error_to_string_free(error));
    }
    for (unsigned int i = 1; i < datum->n; i++) {
        if (ovsdb_atom_compare_3way(&datum->keys[i - 1], &datum->keys[i],
                                    type->key.type) >= 0) {
            fuzz_fail("keys not sorted and unique", type_s, NULL);
        }
    }

    /* JSON form. */
    struct json *json = ovsdb_datum_to_json(datum, type);
    char *text = json_to_string(json, 0);
    error = ovsdb_datum_from_json(&again, type, json, NULL);
    if (error && exact) {
        fuzz_fail("JSON form does not read back", type_s, text);
    } else if (error) {
        ovsdb_error_destroy(error);
    } else {
        if (!ovsdb_datum_equals(datum, &again, type)
            || ovsdb_datum_hash(datum, type, 0)
               != ovsdb_datum_hash(&again, type, 0)) {
            if (exact) {
                fuzz_fail("JSON form reads back differently", type_s, text);
            }
            check_datum(&again, type, type_s, true);
        }
        ovsdb_datum_destroy(&again, type);
    }
    json_destroy(json);
    free(text);

    /* String form. */
    struct ds s = DS_EMPTY_INITIALIZER;
    ovsdb_datum_to_string(datum, type, &s);
    char *serror = ovsdb_datum_from_string(&again, type, ds_cstr(&s), NULL);
    if (serror && exact) {
        fprintf(stderr, "%s\n", serror);
        fuzz_fail("string form does not read back", type_s, ds_cstr(&s));
    } else if (serror) {
        free(serror);
    } else {
        if (!ovsdb_datum_equals(datum, &again, type)) {
            if (exact) {
                fuzz_fail("string form reads back differently", type_s,
                          ds_cstr(&s));
            }
            check_datum(&again, type, type_s, true);
        }
        ovsdb_datum_destroy(&again, type);
    }
    ds_destroy(&s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ovsdb_type types[N_TYPES];
    static bool inited;

    if (!inited) {
        for (size_t i = 0; i < N_TYPES; i++) {
            struct json *json = json_from_buffer(
                type_jsons[i], strlen(type_jsons[i]),
                JSPF_TRAILER | JSPF_SCALAR, NULL);
            struct ovsdb_error *error = ovsdb_type_from_json(&types[i],
                                                             json);
            if (error) {
                fuzz_fail("bad type in table", type_jsons[i],
                          ovsdb_error_to_string_free(error));
            }
            json_destroy(json);
        }
        inited = true;
    }
    if (!size) {
        return 0;
    }

    size_t idx = data[0] % N_TYPES;
    const struct ovsdb_type *type = &types[idx];
    const char *type_s = type_jsons[idx];
    const char *input = (const char *) data + 1;
    size_t len = size - 1;
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb_datum datum;

    /* As JSON. */
    struct json *json = json_from_buffer(input, len,
                                         JSPF_TRAILER | JSPF_SCALAR, NULL);
    if (json) {
        struct ovsdb_error *error = ovsdb_datum_from_json(&datum, type,
                                                          json, symtab);
        if (error) {
            if (datum.n) {
                fuzz_fail("datum not empty after error", type_s, NULL);
            }
            ovsdb_error_destroy(error);
        } else {
            check_datum(&datum, type, type_s, !type_has_real(type));
            ovsdb_datum_destroy(&datum, type);
        }
        json_destroy(json);
    }

    /* As text (up to the first null byte). */
    char *s = xmemdup0(input, len);
    char *error = ovsdb_datum_from_string(&datum, type, s, symtab);
    if (error) {
        if (datum.n) {
            fuzz_fail("datum not empty after error", type_s, error);
        }
        free(error);
    } else {
        check_datum(&datum, type, type_s, !type_has_real(type));
        ovsdb_datum_destroy(&datum, type);
    }
    free(s);

    ovsdb_symbol_table_destroy(symtab);
    return 0;
}
