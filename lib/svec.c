/* svec.c: see svec.h. */
#include <config.h>
#include "svec.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"

void
svec_init(struct svec *svec)
{
    svec->names = NULL;
    svec->n = 0;
    svec->allocated = 0;
}

void
svec_clone(struct svec *dst, const struct svec *src)
{
    svec_init(dst);
    svec_append(dst, src);
}

void
svec_destroy(struct svec *svec)
{
    svec_clear(svec);
    free(svec->names);
    svec_init(svec);
}

void
svec_clear(struct svec *svec)
{
    size_t i;

    for (i = 0; i < svec->n; i++) {
        free(svec->names[i]);
    }
    svec->n = 0;
}

void
svec_swap(struct svec *a, struct svec *b)
{
    struct svec tmp = *a;

    *a = *b;
    *b = tmp;
}

bool
svec_is_empty(const struct svec *svec)
{
    return svec->n == 0;
}

static void
svec_expand(struct svec *svec)
{
    if (svec->n >= svec->allocated) {
        svec->names = x2nrealloc(svec->names, &svec->allocated,
                                 sizeof *svec->names);
    }
}

void
svec_add_nocopy(struct svec *svec, char *name)
{
    svec_expand(svec);
    svec->names[svec->n++] = name;
}

void
svec_add(struct svec *svec, const char *name)
{
    svec_add_nocopy(svec, xstrdup(name));
}

void
svec_append(struct svec *dst, const struct svec *src)
{
    size_t i;

    for (i = 0; i < src->n; i++) {
        svec_add(dst, src->names[i]);
    }
}

void
svec_terminate(struct svec *svec)
{
    svec_expand(svec);
    svec->names[svec->n] = NULL;
}

void
svec_pop_back(struct svec *svec)
{
    ovs_assert(svec->n);
    free(svec->names[--svec->n]);
}

const char *
svec_back(const struct svec *svec)
{
    ovs_assert(svec->n);
    return svec->names[svec->n - 1];
}

void
svec_del(struct svec *svec, size_t index)
{
    ovs_assert(index < svec->n);
    free(svec->names[index]);
    memmove(&svec->names[index], &svec->names[index + 1],
            (svec->n - index - 1) * sizeof *svec->names);
    svec->n--;
}

static int
compare_strings(const void *a_, const void *b_)
{
    char *const *a = a_;
    char *const *b = b_;

    return strcmp(*a, *b);
}

void
svec_sort(struct svec *svec)
{
    if (svec->n) {
        qsort(svec->names, svec->n, sizeof *svec->names, compare_strings);
    }
}

void
svec_sort_unique(struct svec *svec)
{
    svec_sort(svec);
    svec_unique(svec);
}

void
svec_unique(struct svec *svec)
{
    size_t i, j;

    if (svec->n < 2) {
        return;
    }
    for (i = j = 1; i < svec->n; i++) {
        if (!strcmp(svec->names[i], svec->names[j - 1])) {
            free(svec->names[i]);
        } else {
            svec->names[j++] = svec->names[i];
        }
    }
    svec->n = j;
}

void
svec_compact(struct svec *svec)
{
    size_t i, j;

    for (i = j = 0; i < svec->n; i++) {
        if (svec->names[i]) {
            svec->names[j++] = svec->names[i];
        }
    }
    svec->n = j;
}

size_t
svec_find(const struct svec *svec, const char *name)
{
    char **p;

    if (!svec->n) {
        return SIZE_MAX;
    }
    p = bsearch(&name, svec->names, svec->n, sizeof *svec->names,
                compare_strings);
    return p ? p - svec->names : SIZE_MAX;
}

bool
svec_contains(const struct svec *svec, const char *name)
{
    return svec_find(svec, name) != SIZE_MAX;
}

bool
svec_is_sorted(const struct svec *svec)
{
    size_t i;

    for (i = 1; i < svec->n; i++) {
        if (strcmp(svec->names[i - 1], svec->names[i]) > 0) {
            return false;
        }
    }
    return true;
}

bool
svec_is_unique(const struct svec *svec)
{
    struct svec tmp;
    bool unique;

    svec_clone(&tmp, svec);
    unique = svec_get_duplicate(&tmp) == NULL;
    svec_destroy(&tmp);
    return unique;
}

const char *
svec_get_duplicate(struct svec *svec)
{
    size_t i;

    svec_sort(svec);
    for (i = 1; i < svec->n; i++) {
        if (!strcmp(svec->names[i - 1], svec->names[i])) {
            return svec->names[i];
        }
    }
    return NULL;
}

void
svec_diff(const struct svec *a, const struct svec *b,
          struct svec *a_only, struct svec *both, struct svec *b_only)
{
    size_t i = 0, j = 0;

    ovs_assert(svec_is_sorted(a) && svec_is_sorted(b));
    while (i < a->n && j < b->n) {
        int cmp = strcmp(a->names[i], b->names[j]);
        if (cmp < 0) {
            if (a_only) {
                svec_add(a_only, a->names[i]);
            }
            i++;
        } else if (cmp > 0) {
            if (b_only) {
                svec_add(b_only, b->names[j]);
            }
            j++;
        } else {
            if (both) {
                svec_add(both, a->names[i]);
            }
            i++;
            j++;
        }
    }
    for (; a_only && i < a->n; i++) {
        svec_add(a_only, a->names[i]);
    }
    for (; b_only && j < b->n; j++) {
        svec_add(b_only, b->names[j]);
    }
}

bool
svec_equal(const struct svec *a, const struct svec *b)
{
    size_t i;

    if (a->n != b->n) {
        return false;
    }
    for (i = 0; i < a->n; i++) {
        if (strcmp(a->names[i], b->names[i])) {
            return false;
        }
    }
    return true;
}

char *
svec_join(const struct svec *svec, const char *delimiter,
          const char *terminator)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    size_t i;

    for (i = 0; i < svec->n; i++) {
        ds_put_cstr(&ds, svec->names[i]);
        ds_put_cstr(&ds, i + 1 < svec->n ? delimiter : terminator);
    }
    return ds_steal_cstr(&ds);
}

void
svec_parse_words(struct svec *svec, const char *words)
{
    struct ds word = DS_EMPTY_INITIALIZER;
    const char *p = words;

    for (;;) {
        char quote = 0;

        while (isspace((unsigned char) *p)) {
            p++;
        }
        if (!*p) {
            break;
        }

        ds_clear(&word);
        for (; *p; p++) {
            char c = *p;

            if (quote) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && p[1]) {
                    ds_put_char(&word, *++p);
                } else {
                    ds_put_char(&word, c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && p[1]) {
                ds_put_char(&word, *++p);
            } else if (isspace((unsigned char) c)) {
                break;
            } else {
                ds_put_char(&word, c);
            }
        }
        /* Even "" or '' is a word: an empty one. */
        svec_add(svec, ds_cstr(&word));
    }
    ds_destroy(&word);
}

void
svec_print(const struct svec *svec, const char *title)
{
    size_t i;

    if (title) {
        printf("%s:\n", title);
    }
    for (i = 0; i < svec->n; i++) {
        printf("%s\n", svec->names[i]);
    }
}
