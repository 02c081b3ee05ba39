/* json-bench: measures lib/json parse and serialize throughput.
 *
 * usage: json-bench parse|serialize FILE [RUNS]
 *
 * "parse" parses FILE (whole buffer, as json_from_buffer()) RUNS times;
 * "serialize" parses it once and serializes the value compactly RUNS
 * times.  Prints the best run's throughput in MB/s (10^6 bytes of input
 * for parse, of output for serialize) on standard output. */
#include <config.h>
#include "json.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "dynamic-string.h"
#include "util.h"

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *
read_file(const char *name, size_t *np)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    FILE *f = fopen(name, "rb");
    char buf[65536];
    size_t n;

    if (!f) {
        ovs_fatal(errno, "%s: open failed", name);
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        ds_put_buffer(&ds, buf, n);
    }
    fclose(f);
    *np = ds.length;
    return ds_steal_cstr(&ds);
}

int
main(int argc, char *argv[])
{
    double best = 0;
    size_t n;
    char *data;
    int runs;

    set_program_name(argv[0]);
    if (argc < 3 || (strcmp(argv[1], "parse")
                     && strcmp(argv[1], "serialize"))) {
        ovs_fatal(0, "usage: %s parse|serialize FILE [RUNS]", argv[0]);
    }
    runs = argc > 3 ? atoi(argv[3]) : 3;
    data = read_file(argv[2], &n);

    if (!strcmp(argv[1], "parse")) {
        for (int i = 0; i < runs; i++) {
            double start = now();
            char *error;
            struct json *json = json_from_buffer(data, n, JSPF_TRAILER,
                                                 &error);
            double elapsed = now() - start;

            if (!json) {
                ovs_fatal(0, "%s: %s", argv[2], error);
            }
            json_destroy(json);
            best = MAX(best, n / elapsed / 1e6);
        }
    } else {
        char *error;
        struct json *json = json_from_buffer(data, n, JSPF_TRAILER, &error);

        if (!json) {
            ovs_fatal(0, "%s: %s", argv[2], error);
        }
        for (int i = 0; i < runs; i++) {
            struct ds ds = DS_EMPTY_INITIALIZER;
            double start = now();
            double elapsed;

            json_to_ds(json, 0, &ds);
            elapsed = now() - start;
            best = MAX(best, ds.length / elapsed / 1e6);
            ds_destroy(&ds);
        }
        json_destroy(json);
    }
    printf("%.1f\n", best);
    free(data);
    return 0;
}
