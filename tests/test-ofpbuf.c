/* Unit tests for lib/ofpbuf. */
#include <config.h>
#include "ofpbuf.h"

#include <stdlib.h>
#include "ovstest.h"

static void
test_put_push_pull(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ofpbuf b;
    int i;

    ofpbuf_init(&b, 0);
    for (i = 0; i < 1000; i++) {
        uint8_t byte = i;

        ofpbuf_put(&b, &byte, 1);
    }
    CHECK_INT(b.size, 1000);
    for (i = 0; i < 1000; i++) {
        CHECK_INT(((uint8_t *) b.data)[i], i & 0xff);
    }

    ofpbuf_push(&b, "ab", 2);
    CHECK_INT(b.size, 1002);
    CHECK(!memcmp(b.data, "ab", 2));
    CHECK(!memcmp(ofpbuf_pull(&b, 2), "ab", 2));
    CHECK(ofpbuf_try_pull(&b, 1001) == NULL);
    CHECK_INT(b.size, 1000);
    CHECK(ofpbuf_at(&b, 999, 1) != NULL);
    CHECK(ofpbuf_at(&b, 999, 2) == NULL);
    ofpbuf_uninit(&b);
}
OVSTEST_REGISTER("ofpbuf/put-push-pull", test_put_push_pull);

static void
test_stub_and_markers(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    uint64_t stub[2];
    struct ofpbuf b = OFPBUF_STUB_INITIALIZER(stub);
    struct ofpbuf *c;

    ofpbuf_put(&b, "0123", 4);
    b.header = b.data;
    b.msg = (char *) b.data + 2;
    CHECK(b.base == stub);
    ofpbuf_put_zeros(&b, 100);          /* Outgrows the stub. */
    CHECK(b.base != stub);
    CHECK_INT(b.source, OFPBUF_MALLOC);
    CHECK(!memcmp(b.header, "0123", 4));
    CHECK(!memcmp(b.msg, "23", 2));
    CHECK_INT(ofpbuf_msgsize(&b), 102);

    c = ofpbuf_clone_with_headroom(&b, 16);
    CHECK_INT(ofpbuf_headroom(c), 16);
    CHECK(ofpbuf_equal(&b, c));
    CHECK(!memcmp(c->msg, "23", 2));
    ofpbuf_delete(c);

    ofpbuf_insert(&b, 1, "xy", 2);
    CHECK(!memcmp(b.data, "0xy123", 6));
    ofpbuf_padto(&b, 200);
    CHECK_INT(b.size, 200);
    ofpbuf_uninit(&b);
}
OVSTEST_REGISTER("ofpbuf/stub-and-markers", test_stub_and_markers);

static void
test_hex_and_steal(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ofpbuf b;
    const char *end;
    size_t n;
    char *p;

    ofpbuf_init(&b, 4);
    end = ofpbuf_put_hex(&b, "01 02 0a0B ff zz", &n);
    CHECK_INT(n, 5);
    CHECK_STR(end, "zz");
    CHECK(!memcmp(b.data, "\x01\x02\x0a\x0b\xff", 5));
    end = ofpbuf_put_hex(&b, "abc", &n);
    CHECK_INT(n, 1);
    CHECK_STR(end, "c");

    ofpbuf_pull(&b, 1);
    p = ofpbuf_steal_data(&b);
    CHECK(!memcmp(p, "\x02\x0a\x0b\xff\xab", 5));
    CHECK_INT(b.size, 0);
    free(p);
    ofpbuf_uninit(&b);
}
OVSTEST_REGISTER("ofpbuf/hex-and-steal", test_hex_and_steal);
