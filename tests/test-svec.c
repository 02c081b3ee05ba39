/* Unit tests for lib/svec.h. */
#include <config.h>
#include "svec.h"
#include "ovstest.h"

static void
check_join(const struct svec *svec, const char *expected)
{
    char *s = svec_join(svec, "|", "");

    CHECK_STR(s, expected);
    free(s);
}

static void
test_svec_basics(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct svec a = SVEC_EMPTY_INITIALIZER;
    struct svec b;
    const char *name;
    size_t i;

    CHECK(svec_is_empty(&a));
    svec_add(&a, "c");
    svec_add(&a, "a");
    svec_add_nocopy(&a, xstrdup("b"));
    svec_add(&a, "a");
    check_join(&a, "c|a|b|a");
    CHECK_STR(svec_back(&a), "a");
    CHECK(!svec_is_sorted(&a));
    CHECK(!svec_is_unique(&a));

    svec_clone(&b, &a);
    CHECK(svec_equal(&a, &b));
    svec_sort(&b);
    check_join(&b, "a|a|b|c");
    CHECK(!svec_equal(&a, &b));
    CHECK_STR(svec_get_duplicate(&b), "a");
    svec_unique(&b);
    check_join(&b, "a|b|c");
    CHECK(svec_is_unique(&b));
    CHECK(svec_contains(&b, "b"));
    CHECK(!svec_contains(&b, "d"));
    CHECK_INT(svec_find(&b, "c"), 2);
    CHECK(svec_find(&b, "0") == SIZE_MAX);

    svec_pop_back(&b);
    check_join(&b, "a|b");
    svec_append(&b, &a);
    check_join(&b, "a|b|c|a|b|a");
    svec_del(&b, 0);
    check_join(&b, "b|c|a|b|a");

    /* svec_compact() drops null entries. */
    free(b.names[1]);
    b.names[1] = NULL;
    free(b.names[4]);
    b.names[4] = NULL;
    svec_compact(&b);
    check_join(&b, "b|a|b");

    svec_terminate(&b);
    CHECK(b.names[b.n] == NULL);

    i = 0;
    SVEC_FOR_EACH (i, name, &b) {
        CHECK(name == b.names[i]);
    }
    CHECK_INT(i, 3);

    char *s = svec_join(&b, ", ", "\n");
    CHECK_STR(s, "b, a, b\n");
    free(s);

    svec_swap(&a, &b);
    check_join(&a, "b|a|b");
    svec_clear(&a);
    CHECK(svec_is_empty(&a));
    svec_destroy(&a);
    svec_destroy(&b);
}
OVSTEST_REGISTER("svec/basics", test_svec_basics);

static void
test_svec_diff(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct svec a, b, a_only, both, b_only;

    svec_init(&a);
    svec_init(&b);
    svec_init(&a_only);
    svec_init(&both);
    svec_init(&b_only);
    svec_parse_words(&a, "e a c d");
    svec_parse_words(&b, "f b c e");
    svec_sort(&a);
    svec_sort(&b);
    svec_diff(&a, &b, &a_only, &both, &b_only);
    check_join(&a_only, "a|d");
    check_join(&both, "c|e");
    check_join(&b_only, "b|f");
    svec_diff(&a, &b, NULL, NULL, NULL);
    svec_destroy(&a);
    svec_destroy(&b);
    svec_destroy(&a_only);
    svec_destroy(&both);
    svec_destroy(&b_only);
}
OVSTEST_REGISTER("svec/diff", test_svec_diff);

static void
check_words(const char *input, const char *expected)
{
    struct svec words = SVEC_EMPTY_INITIALIZER;

    svec_parse_words(&words, input);
    check_join(&words, expected);
    svec_destroy(&words);
}

static void
test_svec_parse_words(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    check_words("", "");
    check_words("   \t\n ", "");
    check_words("a", "a");
    check_words("  one  two\tthree\n", "one|two|three");
    check_words("'a b' c", "a b|c");
    check_words("\"a b\" c", "a b|c");
    check_words("x'a b'y", "xa by");
    check_words("'' \"\"", "|");
    check_words("'it\\'s'", "it\\s");
    check_words("\"say \\\"hi\\\"\"", "say \"hi\"");
    check_words("a\\ b c", "a b|c");
    check_words("'\"' \"'\"", "\"|'");
    check_words("unterminated 'quote here", "unterminated|quote here");
    check_words("trailing\\", "trailing\\");
}
OVSTEST_REGISTER("svec/parse-words", test_svec_parse_words);
