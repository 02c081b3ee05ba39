/* fuzz-jsonrpc.c: libFuzzer target for the JSON-RPC receive path.
 *
 * The input's first byte picks a message size limit (0: none) and the
 * read size pattern; the rest is written to one end of a Unix socket pair
 * whose other end is a struct jsonrpc, as a peer would send it, in chunks
 * of varying size.  The target then receives until the connection fails or
 * reports EOF.  Every message received must pass jsonrpc_msg_is_valid(),
 * convert to JSON and back to an equal message, and the final status must
 * be one of the documented errors.  Bytes that are not sent in time (the
 * socket buffer is finite) are simply sent later; nothing here may crash,
 * leak or assert. */
#include <config.h>
#include "jsonrpc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "json.h"
#include "stream-fd.h"
#include "stream.h"
#include "util.h"
#include "vlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void OVS_NO_RETURN
fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz-jsonrpc: %s: %s\n", what, detail ? detail : "");
    abort();
}

/* Checks one received message. */
static void
check_msg(struct jsonrpc_msg *msg)
{
    struct jsonrpc_msg *copy;
    char *before, *after;
    struct json *json;
    char *error;

    error = jsonrpc_msg_is_valid(msg);
    if (error) {
        fuzz_fail("received an invalid message", error);
    }

    before = jsonrpc_msg_to_string(msg);
    json = jsonrpc_msg_to_json(msg);
    error = jsonrpc_msg_from_json(json, &copy);
    if (error) {
        fuzz_fail("round trip rejected", error);
    }
    after = jsonrpc_msg_to_string(copy);
    if (strcmp(before, after)) {
        fprintf(stderr, "%s\n%s\n", before, after);
        fuzz_fail("round trip changed the message", NULL);
    }
    free(before);
    free(after);
    jsonrpc_msg_destroy(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool inited;
    struct jsonrpc *rpc;
    size_t max_size, ofs, chunk;
    int fds[2];
    int error;

    if (!inited) {
        inited = true;
        /* Bad input is expected here; its warnings are noise. */
        vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_OFF);
    }
    if (!size) {
        return 0;
    }

    max_size = (data[0] & 0xf) ? (size_t) 1 << (data[0] & 0xf) : 0;
    chunk = (data[0] >> 4) + 1;
    data++;
    size--;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
                   fds)) {
        fuzz_fail("socketpair", ovs_strerror(errno));
    }
    rpc = jsonrpc_open(stream_fd_new("fuzz", fds[0], 0));
    jsonrpc_set_max_msg_size(rpc, max_size);

    ofs = 0;
    for (;;) {
        struct jsonrpc_msg *msg;

        /* Send a chunk while there is room, then hang up. */
        if (fds[1] >= 0) {
            size_t n = MIN(size - ofs, chunk * 7);
            ssize_t retval = write(fds[1], data + ofs, n);

            if (retval > 0) {
                ofs += retval;
            } else if (retval < 0 && errno != EAGAIN) {
                /* The receiver closed: it failed already. */
                ofs = size;
            }
            if (ofs >= size) {
                close(fds[1]);
                fds[1] = -1;
            }
        }

        error = jsonrpc_recv(rpc, &msg);
        if (!error) {
            check_msg(msg);
        } else if (error != EAGAIN) {
            break;
        }
    }
    if (fds[1] >= 0) {
        close(fds[1]);
    }

    if (error != EOF && error != EPROTO && error != EMSGSIZE) {
        fuzz_fail("unexpected status", ovs_retval_to_string(error));
    }
    if (jsonrpc_get_status(rpc) != error) {
        fuzz_fail("status not sticky", NULL);
    }
    jsonrpc_close(rpc);
    return 0;
}
