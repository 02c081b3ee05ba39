/* ovsdb-data.h: OVSDB values: atoms and datums (RFC 7047 section 5.1).
 *
 * An atom (union ovsdb_atom) is one integer, real, boolean, string or
 * uuid; its type is known from context (a struct ovsdb_base_type or
 * enum ovsdb_atomic_type), never stored in it.  A string atom owns a
 * malloc'd, null-terminated UTF-8 string.
 *
 * A datum (struct ovsdb_datum) is the value of one column: 'n' keys, and
 * for maps 'n' values, in two parallel arrays allocated as one block
 * each.  A datum in canonical form has its keys sorted in increasing
 * order without duplicates (ovsdb_datum_sort() makes it so); every
 * function below that takes a datum assumes canonical form unless it says
 * otherwise.  Keeping datums sorted makes equality, comparison, union,
 * subtraction and inclusion linear merges, and lookups binary searches.
 * The only allocations are the two arrays and string payloads.
 *
 * JSON forms (RFC 7047): an atom is a JSON integer, real, boolean, string
 * or ["uuid", "<uuid>"] (or ["named-uuid", "<name>"] resolved through a
 * struct ovsdb_symbol_table); a datum is ["set", [atom...]], a single atom
 * for a one-element set, or ["map", [[key, value]...]].  Serialization
 * is canonical: one-element sets as a bare atom, sets and maps sorted.
 *
 * String forms (ovs-vsctl and ovsdb-client's table output): atoms print
 * bare where that is unambiguous (integers, reals, booleans, uuids, and
 * strings that look like identifiers) and strings otherwise as quoted,
 * escaped JSON strings; sets print as "[a, b]", maps as "{k=v, k2=v2}",
 * an optional scalar as the atom or "[]".  ovsdb_atom_from_string()
 * parses one atom and ovsdb_datum_from_string() a whole datum as
 * ovs-vsctl does; what the *_to_string() functions print reads back as
 * the same value.
 *
 * Errors: *_from_json() and constraint checks return an ovsdb_error with
 * upstream's texts (caller owns it); *_from_string() return a malloc'd
 * message, as ovs-vsctl prints it.  On any error the output is left empty
 * (n == 0) and nothing leaks.  No global state. */
#ifndef OVSDB_DATA_H
#define OVSDB_DATA_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "compiler.h"
#include "ovsdb-types.h"
#include "shash.h"
#include "uuid.h"

struct ds;
struct json;

union ovsdb_atom {
    int64_t integer;
    double real;
    bool boolean;
    char *string;               /* Owned, malloc'd. */
    struct uuid uuid;
};

/* A table from names to UUIDs, for ["named-uuid", NAME] in transactions
 * and "@name" in ovs-vsctl. */
struct ovsdb_symbol {
    struct uuid uuid;           /* The UUID that the name stands for. */
    bool created;               /* Already used to create a row? */
    bool strong_ref;            /* Referenced through a strong ref? */
    bool weak_ref;              /* Referenced through a weak ref? */
};

struct ovsdb_symbol_table {
    struct shash sh;            /* Maps name to struct ovsdb_symbol *. */
};

struct ovsdb_symbol_table *ovsdb_symbol_table_create(void);
void ovsdb_symbol_table_destroy(struct ovsdb_symbol_table *);
struct ovsdb_symbol *ovsdb_symbol_table_get(
    const struct ovsdb_symbol_table *, const char *name);
/* Adds NAME with UUID (which must not be present yet). */
struct ovsdb_symbol *ovsdb_symbol_table_put(struct ovsdb_symbol_table *,
                                            const char *name,
                                            const struct uuid *,
                                            bool created);
/* Returns NAME's symbol, adding it with a fresh random UUID if needed. */
struct ovsdb_symbol *ovsdb_symbol_table_insert(struct ovsdb_symbol_table *,
                                               const char *name);

/* Atoms. */
void ovsdb_atom_init_default(union ovsdb_atom *, enum ovsdb_atomic_type);
const union ovsdb_atom *ovsdb_atom_default(enum ovsdb_atomic_type);
bool ovsdb_atom_is_default(const union ovsdb_atom *,
                           enum ovsdb_atomic_type);
void ovsdb_atom_clone(union ovsdb_atom *dst, const union ovsdb_atom *src,
                      enum ovsdb_atomic_type);
void ovsdb_atom_swap(union ovsdb_atom *, union ovsdb_atom *);
static inline void ovsdb_atom_destroy(union ovsdb_atom *,
                                      enum ovsdb_atomic_type);
uint32_t ovsdb_atom_hash(const union ovsdb_atom *, enum ovsdb_atomic_type,
                         uint32_t basis);
int ovsdb_atom_compare_3way(const union ovsdb_atom *,
                            const union ovsdb_atom *,
                            enum ovsdb_atomic_type);
static inline bool ovsdb_atom_equals(const union ovsdb_atom *,
                                     const union ovsdb_atom *,
                                     enum ovsdb_atomic_type);

/* Parses JSON as an atom of BASE's type and checks BASE's constraints.
 * SYMTAB may be NULL (then "named-uuid" is an error). */
struct ovsdb_error *ovsdb_atom_from_json(union ovsdb_atom *,
                                         const struct ovsdb_base_type *,
                                         const struct json *,
                                         struct ovsdb_symbol_table *symtab)
    OVS_WARN_UNUSED_RESULT;
struct json *ovsdb_atom_to_json(const union ovsdb_atom *,
                                enum ovsdb_atomic_type);
/* Appends to OUT the compact JSON text of ovsdb_atom_to_json(), without
 * building the tree. */
void ovsdb_atom_to_json_ds(const union ovsdb_atom *, enum ovsdb_atomic_type,
                           struct ds *out);

/* Parses S as ovs-vsctl does and checks BASE's constraints; SYMTAB, if
 * nonnull, resolves "@name" uuids.  Returns NULL or a malloc'd error. */
char *ovsdb_atom_from_string(union ovsdb_atom *,
                             const struct ovsdb_base_type *, const char *s,
                             struct ovsdb_symbol_table *symtab)
    OVS_WARN_UNUSED_RESULT;
void ovsdb_atom_to_string(const union ovsdb_atom *, enum ovsdb_atomic_type,
                          struct ds *);
/* Appends the bare string S, quoted only when needed, to OUT. */
void ovsdb_atom_string_to_string(const char *s, struct ds *out);

struct ovsdb_error *ovsdb_atom_check_constraints(
    const union ovsdb_atom *, const struct ovsdb_base_type *)
    OVS_WARN_UNUSED_RESULT;

/* Datums. */
struct ovsdb_datum {
    unsigned int n;             /* Number of keys (and values). */
    union ovsdb_atom *keys;     /* 'n' keys, malloc'd (NULL if n == 0). */
    union ovsdb_atom *values;   /* 'n' values for maps, otherwise NULL. */
};

#define OVSDB_DATUM_EMPTY_INITIALIZER { 0, NULL, NULL }

void ovsdb_datum_init_empty(struct ovsdb_datum *);
/* The default value of TYPE: empty if n_min is 0, else one default key
 * (and value). */
void ovsdb_datum_init_default(struct ovsdb_datum *,
                              const struct ovsdb_type *);
bool ovsdb_datum_is_default(const struct ovsdb_datum *,
                            const struct ovsdb_type *);
void ovsdb_datum_clone(struct ovsdb_datum *dst,
                       const struct ovsdb_datum *src,
                       const struct ovsdb_type *);
void ovsdb_datum_destroy(struct ovsdb_datum *, const struct ovsdb_type *);
void ovsdb_datum_swap(struct ovsdb_datum *, struct ovsdb_datum *);

/* Sorts DATUM's keys (and values with them).  Fails with "set contains
 * duplicate" or "map contains duplicate key" (tag "ovsdb error"), leaving
 * DATUM sorted but unchanged otherwise. */
struct ovsdb_error *ovsdb_datum_sort(struct ovsdb_datum *,
                                     enum ovsdb_atomic_type key_type)
    OVS_WARN_UNUSED_RESULT;
/* Sorts and drops duplicate keys (keeping the first of each, in the
 * original order's stable sense). */
void ovsdb_datum_sort_unique(struct ovsdb_datum *,
                             enum ovsdb_atomic_type key_type,
                             enum ovsdb_atomic_type value_type);

struct ovsdb_error *ovsdb_datum_check_constraints(
    const struct ovsdb_datum *, const struct ovsdb_type *)
    OVS_WARN_UNUSED_RESULT;
/* Checks only the number of elements against TYPE's n_min and n_max. */
bool ovsdb_datum_conforms_to_type(const struct ovsdb_datum *,
                                  const struct ovsdb_type *);

struct ovsdb_error *ovsdb_datum_from_json(struct ovsdb_datum *,
                                          const struct ovsdb_type *,
                                          const struct json *,
                                          struct ovsdb_symbol_table *)
    OVS_WARN_UNUSED_RESULT;
struct json *ovsdb_datum_to_json(const struct ovsdb_datum *,
                                 const struct ovsdb_type *);
/* Appends to OUT the compact JSON text of ovsdb_datum_to_json(), without
 * building the tree (servers serialize big replies this way). */
void ovsdb_datum_to_json_ds(const struct ovsdb_datum *,
                            const struct ovsdb_type *, struct ds *out);

void ovsdb_datum_to_string(const struct ovsdb_datum *,
                           const struct ovsdb_type *, struct ds *);
/* Parses S as ovs-vsctl does ("[a, b]", "{k=v}", bare elements, integer
 * ranges "N-M" in sets) into DATUM, checking TYPE's constraints and
 * element count; SYMTAB, if nonnull, resolves "@name" uuids.  Returns NULL
 * or a malloc'd error message with upstream's text (then DATUM is
 * empty). */
char *ovsdb_datum_from_string(struct ovsdb_datum *,
                              const struct ovsdb_type *, const char *s,
                              struct ovsdb_symbol_table *)
    OVS_WARN_UNUSED_RESULT;

uint32_t ovsdb_datum_hash(const struct ovsdb_datum *,
                          const struct ovsdb_type *, uint32_t basis);
int ovsdb_datum_compare_3way(const struct ovsdb_datum *,
                             const struct ovsdb_datum *,
                             const struct ovsdb_type *);
bool ovsdb_datum_equals(const struct ovsdb_datum *,
                        const struct ovsdb_datum *,
                        const struct ovsdb_type *);

/* Index of KEY in DATUM, or UINT_MAX. */
unsigned int ovsdb_datum_find_key(const struct ovsdb_datum *,
                                  const union ovsdb_atom *key,
                                  enum ovsdb_atomic_type key_type);
/* True if every key (and, for maps, key-value pair) of A is in B. */
bool ovsdb_datum_includes_all(const struct ovsdb_datum *a,
                              const struct ovsdb_datum *b,
                              const struct ovsdb_type *);
/* True if no key (pair, for maps) of A is in B. */
bool ovsdb_datum_excludes_all(const struct ovsdb_datum *a,
                              const struct ovsdb_datum *b,
                              const struct ovsdb_type *);

/* Adds to A the elements of B whose keys A lacks (mutate "insert"). */
void ovsdb_datum_union(struct ovsdb_datum *a, const struct ovsdb_datum *b,
                       const struct ovsdb_type *);
/* Removes from A the elements in B (mutate "delete"): for a map, B may be
 * a set of keys (B_TYPE a set of A's key type) or a map (only matching
 * pairs go). */
void ovsdb_datum_subtract(struct ovsdb_datum *a,
                          const struct ovsdb_type *a_type,
                          const struct ovsdb_datum *b,
                          const struct ovsdb_type *b_type);

/* Inline functions. */

static inline void
ovsdb_atom_destroy(union ovsdb_atom *atom, enum ovsdb_atomic_type type)
{
    if (type == OVSDB_TYPE_STRING) {
        free(atom->string);
    }
}

static inline bool
ovsdb_atom_equals(const union ovsdb_atom *a, const union ovsdb_atom *b,
                  enum ovsdb_atomic_type type)
{
    return !ovsdb_atom_compare_3way(a, b, type);
}

#endif /* ovsdb-data.h */
