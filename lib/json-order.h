/* json-order.h: the order in which upstream Open vSwitch visits the
 * members of a JSON object that it parsed.
 *
 * Why: upstream's tools print some things in the order in which they
 * iterate over a hash table, not in a sorted order.  For example,
 * "ovsdb-client list-columns" lists each table's columns in the iteration
 * order of the table schema's hash table, and "ovsdb-client monitor"
 * prints the rows of an update in the iteration order of the parsed
 * "update" object.  To print exactly what upstream prints, a compatible
 * tool must visit those members in the same order.
 *
 * How: upstream's string hash table (shash) is a chained hash table keyed
 * by the same string hash as our lib/hash.h, whose nodes go at the head of
 * their bucket, which doubles its buckets when it holds more than twice as
 * many nodes as buckets (rehashing bucket by bucket, which reverses the
 * nodes of a bucket), and that is iterated bucket by bucket.  (All of that
 * was learned by comparing upstream's output for many schemas with this
 * model.)  The iteration order is therefore a function of the keys and the
 * order in which they were inserted; json_order_simulate() computes it.
 * Our own shash grows by other rules, so its order differs.
 *
 * A parsed struct json does not remember the order in which an object's
 * members appeared in the text, so json_order_create() scans the text
 * again, alongside the parsed value, and records each object's member
 * names in text order (the order in which upstream's parser inserts them).
 *
 * Memory: a struct json_order refers to the objects of the value it was
 * created for, by address, and must not outlive that value.  Arrays that
 * the functions return are malloc'd and the caller's; the pointers in them
 * point into the JSON value.  No global state. */
#ifndef JSON_ORDER_H
#define JSON_ORDER_H 1

#include <stddef.h>

struct json;
struct shash_node;

/* Given N names in the order they were inserted into an upstream shash
 * (later duplicates of a name are ignored, as upstream replaces the value
 * in place), returns the indexes of the distinct names in upstream's
 * iteration order, and their number in *N_OUT. */
size_t *json_order_simulate(const char *const *names, size_t n,
                            size_t *n_out);

/* Records the text order of the members of every object in VALUE, which
 * was parsed from the LENGTH bytes at TEXT.  TEXT need not be exactly the
 * text of VALUE: where the two disagree, the objects concerned simply get
 * no recorded order. */
struct json_order *json_order_create(const struct json *value,
                                     const char *text, size_t length);
void json_order_destroy(struct json_order *);

/* Returns the members of OBJECT (a JSON object) in the order upstream
 * would visit them after parsing the text that ORDER was created from,
 * and their number in *N.  Members of an object whose text order is not
 * known (ORDER is NULL, or OBJECT is not part of the value) come in name
 * order. */
const struct shash_node **json_order_members(const struct json_order *order,
                                             const struct json *object,
                                             size_t *n);

#endif /* json-order.h */
