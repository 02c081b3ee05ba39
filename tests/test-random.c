/* Unit tests for lib/random.h. */
#include <config.h>
#include "random.h"
#include <sys/wait.h>
#include <unistd.h>
#include "ovstest.h"

static void
test_random_seed(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    uint64_t a[8], b[8];
    int i;

    random_set_seed(42);
    for (i = 0; i < 8; i++) {
        a[i] = random_uint64();
    }
    random_set_seed(42);
    for (i = 0; i < 8; i++) {
        b[i] = random_uint64();
    }
    CHECK(!memcmp(a, b, sizeof a));

    random_set_seed(43);
    CHECK(random_uint64() != a[0]);
}
OVSTEST_REGISTER("random/seed", test_random_seed);

static void
test_random_range(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    unsigned int hist[10] = { 0 };
    int i;

    for (i = 0; i < 100000; i++) {
        uint32_t x = random_range(10);
        CHECK(x < 10);
        hist[x]++;
    }
    /* Each bucket expects 10000; 5 standard deviations is about 475. */
    for (i = 0; i < 10; i++) {
        CHECK(hist[i] > 9400 && hist[i] < 10600);
    }
    for (i = 0; i < 1000; i++) {
        CHECK(random_range(1) == 0);
        CHECK(random_range(UINT32_MAX) < UINT32_MAX);
    }
}
OVSTEST_REGISTER("random/range", test_random_range);

static void
test_random_bits(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    unsigned int ones[64] = { 0 };
    uint8_t buf[13];
    int i, j;

    /* Every bit of random_uint64() is set about half of the time. */
    for (i = 0; i < 10000; i++) {
        uint64_t x = random_uint64();
        for (j = 0; j < 64; j++) {
            ones[j] += (x >> j) & 1;
        }
    }
    for (j = 0; j < 64; j++) {
        CHECK(ones[j] > 4500 && ones[j] < 5500);
    }

    /* random_bytes() fills odd sizes completely and only them. */
    memset(buf, 0, sizeof buf);
    for (i = 0; i < 20; i++) {
        uint8_t tmp[13];
        memset(tmp, 0, sizeof tmp);
        random_bytes(tmp, 11);
        CHECK(tmp[11] == 0 && tmp[12] == 0);
        for (j = 0; j < 11; j++) {
            buf[j] |= tmp[j];
        }
    }
    for (j = 0; j < 11; j++) {
        CHECK(buf[j] != 0);
    }
}
OVSTEST_REGISTER("random/bits", test_random_bits);

static void
test_random_fork(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    uint64_t parent, child;
    int fds[2];
    pid_t pid;
    int status;

    (void) random_uint64();     /* Seed before forking. */
    CHECK(!pipe(fds));
    pid = fork();
    CHECK(pid >= 0);
    if (!pid) {
        child = random_uint64();
        _exit(write(fds[1], &child, sizeof child) != sizeof child);
    }
    parent = random_uint64();
    CHECK(read(fds[0], &child, sizeof child) == sizeof child);
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && !WEXITSTATUS(status));
    CHECK(parent != child);
    close(fds[0]);
    close(fds[1]);
}
OVSTEST_REGISTER("random/fork", test_random_fork);
