/* fuzz-ovsdb-log.c: libFuzzer target for the OVSDB log reader.
 *
 * The input is a database file: it is written to a memfd and read record
 * by record through /proc/self/fd, with the magic "JSON|CLUSTER".  Every
 * record must be a JSON object or array; the log must stop at the first
 * error and report no more.  Then, if the file opened, the target appends
 * a record (which truncates a bad tail) and checks that a second reading
 * returns the same good records followed by the new one and nothing else.
 * Nothing here may crash, leak or assert. */
#include <config.h>
#include "log.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "json.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void OVS_NO_RETURN
fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz-ovsdb-log: %s\n", what);
    abort();
}

/* Reads LOG to its end; returns the good records as one JSON array. */
static struct json *
read_all(struct ovsdb_log *log)
{
    struct json *records = json_array_create_empty();

    for (;;) {
        struct ovsdb_log_error *e;
        struct json *json;

        e = ovsdb_log_read(log, &json);
        if (e) {
            char *s = ovsdb_log_error_to_string(e);
            free(s);
            ovsdb_log_error_destroy(e);
            if (json) {
                fuzz_fail("record returned with an error");
            }
            e = ovsdb_log_read(log, &json);
            if (e || json) {
                fuzz_fail("reading went on after an error");
            }
            break;
        } else if (!json) {
            break;
        }
        if (json->type != JSON_OBJECT && json->type != JSON_ARRAY) {
            fuzz_fail("record is not an object or array");
        }
        json_array_add(records, json);
    }
    return records;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ovsdb_log_error *e;
    struct json *first, *second, *extra;
    struct ovsdb_log *log;
    char name[64];
    int fd;

    fd = memfd_create("fuzz-ovsdb-log", MFD_CLOEXEC);
    if (fd < 0 || write(fd, data, size) != (ssize_t) size) {
        fuzz_fail("memfd");
    }
    snprintf(name, sizeof name, "/proc/self/fd/%d", fd);

    e = ovsdb_log_open(name, "JSON|CLUSTER", OVSDB_LOG_READ_WRITE, false,
                       &log);
    if (e) {
        ovsdb_log_error_destroy(e);
        close(fd);
        return 0;
    }
    first = read_all(log);
    extra = json_from_string("{\"fuzz\":[1,\"x\"]}");
    e = ovsdb_log_write(log, extra);
    if (e) {
        fuzz_fail("append failed");
    }
    ovsdb_log_close(log);

    e = ovsdb_log_open(name, "JSON|CLUSTER", OVSDB_LOG_READ_ONLY, false,
                       &log);
    if (e) {
        fuzz_fail("reopen failed");
    }
    second = read_all(log);
    ovsdb_log_close(log);

    json_array_add(first, extra);
    if (!json_equal(first, second)) {
        fuzz_fail("second reading differs");
    }
    json_destroy(first);
    json_destroy(second);
    close(fd);
    return 0;
}
