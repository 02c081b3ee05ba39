/* ovstest.c: the unit-test driver (see ovstest.h). */
#include <config.h>
#include "ovstest.h"

#include <stdarg.h>
#include "shash.h"
#include "util.h"

struct ovstest_entry {
    ovstest_func *func;
    bool is_test;
};

static struct shash entries = SHASH_INITIALIZER(&entries);

void
ovstest_register(const char *name, ovstest_func *func, bool is_test)
{
    struct ovstest_entry *e = xmalloc(sizeof *e);

    e->func = func;
    e->is_test = is_test;
    shash_add_assert(&entries, name, e);
}

void
ovstest_fail(const char *where, const char *format, ...)
{
    va_list args;

    fprintf(stderr, "%s: ", where);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    putc('\n', stderr);
    exit(EXIT_FAILURE);
}

static void
usage(void)
{
    printf("%s: unit-test driver\n"
           "usage: %s TEST [ARG...]   run one test or helper command\n"
           "       %s --list          list the unit tests\n"
           "       %s --list-all      list tests and helper commands\n",
           ovs_get_program_name(), ovs_get_program_name(),
           ovs_get_program_name(), ovs_get_program_name());
}

static void
list(bool all)
{
    const struct shash_node **nodes = shash_sort(&entries);
    size_t i;

    for (i = 0; i < shash_count(&entries); i++) {
        const struct ovstest_entry *e = nodes[i]->data;
        if (all || e->is_test) {
            printf("%s\n", nodes[i]->name);
        }
    }
    free(nodes);
}

int
main(int argc, char *argv[])
{
    const struct ovstest_entry *e;

    set_program_name(argv[0]);
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 2 || !strcmp(argv[1], "--help")) {
        usage();
        return argc < 2;
    } else if (!strcmp(argv[1], "--list")) {
        list(false);
        return 0;
    } else if (!strcmp(argv[1], "--list-all")) {
        list(true);
        return 0;
    }

    e = shash_find_data(&entries, argv[1]);
    if (!e) {
        ovs_fatal(0, "%s: unknown test (use --list)", argv[1]);
    }
    e->func(argc - 1, argv + 1);
    return 0;
}
