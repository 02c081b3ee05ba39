/* ovsdb-parser.c: checked access to the members of a JSON object. */
#include <config.h>
#include "ovsdb-parser.h"
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include "json.h"
#include "ovsdb-error.h"
#include "util.h"

void
ovsdb_parser_init(struct ovsdb_parser *parser, const struct json *json,
                  const char *name, ...)
{
    va_list args;

    va_start(args, name);
    parser->name = xvasprintf(name, args);
    va_end(args);

    sset_init(&parser->used);
    parser->json = json;
    parser->error = NULL;
    if (!json || json->type != JSON_OBJECT) {
        parser->error = ovsdb_syntax_error(json, NULL,
                                           "Parsing %s failed: "
                                           "Object expected.",
                                           parser->name);
    }
}

bool
ovsdb_parser_is_id(const char *s)
{
    if (!isalpha((unsigned char) *s) && *s != '_') {
        return false;
    }
    for (s++; *s; s++) {
        if (!isalnum((unsigned char) *s) && *s != '_') {
            return false;
        }
    }
    return true;
}

struct ovsdb_error *
ovsdb_parser_check_user_name(const struct json *context, const char *name)
{
    if (name[0] == '_') {
        return ovsdb_syntax_error(context, NULL, "names beginning with "
                                  "\"_\" are reserved");
    } else if (!ovsdb_parser_is_id(name)) {
        return ovsdb_syntax_error(context, NULL, "name must be a valid id");
    }
    return NULL;
}

static bool
json_matches(const struct json *json, enum ovsdb_parser_types types)
{
    switch (json->type) {
    case JSON_NULL:
        return types & OP_NULL;
    case JSON_FALSE:
        return types & OP_FALSE;
    case JSON_TRUE:
        return types & OP_TRUE;
    case JSON_OBJECT:
        return types & OP_OBJECT;
    case JSON_ARRAY:
        return types & OP_ARRAY;
    case JSON_INTEGER:
        return types & OP_INTEGER;
    case JSON_REAL:
        return types & OP_NONINTEGER;
    case JSON_STRING:
        return (types & OP_STRING
                || (types & OP_ID && ovsdb_parser_is_id(json->string)));
    case JSON_N_TYPES:
    default:
        return false;
    }
}

const struct json *
ovsdb_parser_member(struct ovsdb_parser *parser, const char *name,
                    enum ovsdb_parser_types types)
{
    if (parser->error) {
        return NULL;
    }

    const struct json *value = json_object_get(parser->json, name);
    if (!value) {
        if (!(types & OP_OPTIONAL)) {
            ovsdb_parser_put_error(parser, ovsdb_syntax_error(
                parser->json, NULL,
                "Parsing %s failed: Required '%s' member is missing.",
                parser->name, name));
        }
        return NULL;
    }
    sset_add(&parser->used, name);
    if (!json_matches(value, types)) {
        ovsdb_parser_put_error(parser, ovsdb_syntax_error(
            parser->json, NULL,
            "Parsing %s failed: Type mismatch for member '%s'.",
            parser->name, name));
        return NULL;
    }
    return value;
}

void
ovsdb_parser_put_error(struct ovsdb_parser *parser,
                       struct ovsdb_error *error)
{
    if (parser->error) {
        ovsdb_error_destroy(error);
    } else {
        parser->error = error;
    }
}

bool
ovsdb_parser_has_error(const struct ovsdb_parser *parser)
{
    return parser->error != NULL;
}

struct ovsdb_error *
ovsdb_parser_finish(struct ovsdb_parser *parser)
{
    if (!parser->error) {
        const struct shash_node **nodes = shash_sort(json_object(
                                                         parser->json));
        size_t n = shash_count(json_object(parser->json));

        for (size_t i = 0; i < n; i++) {
            if (!sset_contains(&parser->used, nodes[i]->name)) {
                parser->error = ovsdb_syntax_error(
                    parser->json, NULL,
                    "Parsing %s failed: Member '%s' is present but not "
                    "allowed here.", parser->name, nodes[i]->name);
                break;
            }
        }
        free(nodes);
    }

    struct ovsdb_error *error = parser->error;
    parser->error = NULL;
    ovsdb_parser_destroy(parser);
    return error;
}

void
ovsdb_parser_destroy(struct ovsdb_parser *parser)
{
    free(parser->name);
    sset_destroy(&parser->used);
    ovsdb_error_destroy(parser->error);
    parser->name = NULL;
    parser->error = NULL;
}
