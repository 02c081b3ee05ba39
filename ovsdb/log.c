/* log.c: the durable on-disk log behind a standalone OVSDB database.  The
 * format, the durability rules and the error conventions are in log.h. */
#include <config.h>
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/evp.h>
#include "dynamic-string.h"
#include "json.h"
#include "list.h"
#include "ovs-thread.h"
#include "sset.h"
#include "util.h"
#include "vlog.h"

/* Lock failures are logged under upstream's module name for them. */
VLOG_DEFINE_THIS_MODULE(lockfile);

/* The longest header line that can be valid: "OVSDB ", a magic, a space, a
 * length of at most 20 digits, a space, 40 hex digits and '\n', with room
 * to spare for long magics. */
#define HEADER_MAX 160

#define SHA1_HEX_LEN 40

enum ovsdb_log_state {
    OVSDB_LOG_READ,             /* Reading records. */
    OVSDB_LOG_READ_ERROR,       /* A bad record ended reading. */
    OVSDB_LOG_WRITE,            /* Appending records. */
    OVSDB_LOG_WRITE_ERROR       /* A write failed and could not be undone. */
};

/* A read buffer for record bodies, reused from one record to the next
 * (allocating a fresh body for every record made glibc's malloc
 * consolidate its free lists each time, more than a quarter of the time
 * to load a big database). */
struct read_buf {
    char *data;
    size_t size;
};

struct ovsdb_log {
    char *name;                 /* File name as given. */
    char *magic;                /* The magic of this file's records. */
    int fd;                     /* The log file. */
    bool writable;              /* Opened for writing? */
    struct ovsdb_log_lock *lock; /* Held lock, or NULL. */
    enum ovsdb_log_state state;
    off_t offset;               /* End of the last good record. */
    off_t prev_offset;          /* Start of the last record read. */
    off_t base;                 /* Size after opening or compacting. */
    bool unread;                /* ovsdb_log_unread() since last read? */

    /* Reading (see "Reading" below). */
    struct read_buf rb;         /* Without a reader thread. */
    struct prefetch *prefetch;  /* The reader thread, or NULL. */
    bool no_prefetch;           /* Never start a reader thread. */

    /* Writing: records given to ovsdb_log_write_deferred() and not yet
     * written to the file, at 'offset'.  ovsdb_log_commit_block() writes
     * them all with one write before it syncs. */
    struct ds pending;
};

/* Errors. */

static struct ovsdb_log_error * OVS_PRINTF_FORMAT(3, 4)
log_error(enum ovsdb_log_error_type type, int error, const char *format,
          ...)
{
    struct ovsdb_log_error *e = xmalloc(sizeof *e);
    va_list args;

    va_start(args, format);
    e->type = type;
    e->error = error;
    e->message = xvasprintf(format, args);
    va_end(args);
    return e;
}

const char *
ovsdb_log_error_tag(enum ovsdb_log_error_type type)
{
    switch (type) {
    case OVSDB_LOG_IO_ERROR:
        return "I/O error";
    case OVSDB_LOG_SYNTAX_ERROR:
        return "syntax error";
    case OVSDB_LOG_FORMAT_ERROR:
    default:
        return "ovsdb error";
    }
}

char *
ovsdb_log_error_to_string(const struct ovsdb_log_error *e)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "%s: %s", ovsdb_log_error_tag(e->type), e->message);
    if (e->error) {
        ds_put_format(&s, " (%s)", ovs_retval_to_string(e->error));
    }
    return ds_steal_cstr(&s);
}

void
ovsdb_log_error_destroy(struct ovsdb_log_error *e)
{
    if (e) {
        free(e->message);
        free(e);
    }
}

/* Locking. */

struct ovsdb_log_lock {
    char *file;                 /* Lock file name. */
    char *key;                  /* "dev:ino" in 'held_locks'. */
    int fd;                     /* Holds the fcntl lock. */
};

/* Lock files this process holds, by device and inode, since fcntl locks
 * never conflict within one process. */
static struct sset held_locks = SSET_INITIALIZER(&held_locks);

static char *
lock_file_name(const char *name)
{
    const char *slash = strrchr(name, '/');

    /* "dir/.base.~lock~", or ".name.~lock~" for a name without a
     * directory, as upstream names (and logs) it. */
    return (slash
            ? xasprintf("%.*s/.%s.~lock~", (int) (slash - name), name,
                        slash + 1)
            : xasprintf(".%s.~lock~", name));
}

static struct ovsdb_log_error *
lock_acquire(const char *name, struct ovsdb_log_lock **lockp)
{
    struct ovsdb_log_lock *lock;
    struct flock fl;
    struct stat st;
    char *file;
    char *key;
    int fd;

    *lockp = NULL;
    file = lock_file_name(name);
    fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || fstat(fd, &st)) {
        int error = errno;
        ovs_close_fd(fd);
        VLOG_WARN("%s: failed to open lock file: %s", file,
                  ovs_strerror(error));
        VLOG_WARN("%s: failed to lock file: %s", file, ovs_strerror(error));
        free(file);
        return log_error(OVSDB_LOG_IO_ERROR, error,
                         "%s: failed to lock lockfile", name);
    }

    key = xasprintf("%llu:%llu", (unsigned long long) st.st_dev,
                    (unsigned long long) st.st_ino);
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (sset_contains(&held_locks, key) || fcntl(fd, F_SETLK, &fl)) {
        int error = sset_contains(&held_locks, key) ? EAGAIN : errno;
        if (error == EACCES) {
            error = EAGAIN;
        }
        if (error == EAGAIN) {
            long int pid = getpid();

            memset(&fl, 0, sizeof fl);
            fl.l_type = F_WRLCK;
            fl.l_whence = SEEK_SET;
            if (!sset_contains(&held_locks, key)
                && !fcntl(fd, F_GETLK, &fl) && fl.l_type != F_UNLCK) {
                pid = fl.l_pid;
            }
            VLOG_WARN("%s: cannot lock file because it is already locked "
                      "by pid %ld", file, pid);
        } else {
            VLOG_WARN("%s: failed to lock file: %s", file,
                      ovs_strerror(error));
        }
        close(fd);
        free(key);
        free(file);
        return log_error(OVSDB_LOG_IO_ERROR, error,
                         "%s: failed to lock lockfile", name);
    }
    sset_add(&held_locks, key);

    lock = xmalloc(sizeof *lock);
    lock->file = file;
    lock->key = key;
    lock->fd = fd;
    *lockp = lock;
    return NULL;
}

static void
lock_release(struct ovsdb_log_lock *lock)
{
    if (lock) {
        sset_find_and_delete(&held_locks, lock->key);
        close(lock->fd);
        free(lock->key);
        free(lock->file);
        free(lock);
    }
}

struct ovsdb_log_error *
ovsdb_log_lock(const char *name, struct ovsdb_log_lock **lockp)
{
    return lock_acquire(name, lockp);
}

void
ovsdb_log_unlock(struct ovsdb_log_lock *lock)
{
    lock_release(lock);
}

/* Headers. */

/* Returns true if MAGIC is one of the '|'-separated magics in LIST. */
static bool
magic_in_list(const char *magic, size_t magic_len, const char *list)
{
    const char *p = list;

    for (;;) {
        const char *end = strchr(p, '|');
        size_t len = end ? end - p : strlen(p);

        if (len == magic_len && !memcmp(p, magic, len)) {
            return true;
        }
        if (!end) {
            return false;
        }
        p = end + 1;
    }
}

struct header {
    const char *magic;          /* Points into the line; not terminated. */
    size_t magic_len;
    size_t length;
    char sha1[SHA1_HEX_LEN + 1];
};

/* Parses the header line LINE of LEN bytes (without its '\n') into *H.
 * Returns true if it is well formed. */
static bool
parse_header(const char *line, size_t len, struct header *h)
{
    const char *p = line;
    const char *end = line + len;
    const char *sp;
    uint64_t length;
    int digits;

    if (len < 6 || memcmp(p, "OVSDB ", 6)) {
        return false;
    }
    p += 6;

    sp = memchr(p, ' ', end - p);
    if (!sp || sp == p) {
        return false;
    }
    h->magic = p;
    h->magic_len = sp - p;
    for (; p < sp; p++) {
        if (*p <= ' ' || *p > '~' || *p == '|') {
            return false;
        }
    }
    p++;

    length = 0;
    for (digits = 0; p < end && *p >= '0' && *p <= '9'; p++, digits++) {
        if (length > (UINT64_MAX - 9) / 10) {
            return false;
        }
        length = length * 10 + (*p - '0');
    }
    if (!digits || p >= end || *p != ' ' || length > SIZE_MAX) {
        return false;
    }
    h->length = length;
    p++;

    if (end - p != SHA1_HEX_LEN) {
        return false;
    }
    for (int i = 0; i < SHA1_HEX_LEN; i++) {
        char c = p[i];
        if (c >= 'A' && c <= 'F') {
            c += 'a' - 'A';
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
        h->sha1[i] = c;
    }
    h->sha1[SHA1_HEX_LEN] = '\0';
    return true;
}

/* Reads the header line at OFFSET in FD into BUF (HEADER_MAX bytes).
 * Returns 0 and sets *LINE_LEN (without '\n') if a whole line was read,
 * EOF if there is nothing at OFFSET, ENOENT if the bytes there do not end
 * in '\n' within HEADER_MAX (setting *LINE_LEN to how many there are), or
 * an errno value. */
static int
read_header_line(int fd, off_t offset, char *buf, size_t *line_len)
{
    ssize_t n;
    char *nl;

    do {
        n = pread(fd, buf, HEADER_MAX, offset);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        return errno;
    } else if (n == 0) {
        return EOF;
    }
    nl = memchr(buf, '\n', n);
    if (!nl) {
        *line_len = n;
        return ENOENT;
    }
    *line_len = nl - buf;
    return 0;
}

/* Appends to DS the part of header line LINE that upstream quotes in its
 * parse errors: "OVSDB <magic>" when the line starts that way, otherwise
 * the line (at most 80 bytes of it). */
static void
put_bad_header(struct ds *ds, const char *line, size_t len)
{
    if (len > 6 && !memcmp(line, "OVSDB ", 6)) {
        const char *sp = memchr(line + 6, ' ', len - 6);
        if (sp) {
            len = sp - line;
        }
    }
    ds_put_printable(ds, line, MIN(len, 80));
}

static void
sha1_hex(const void *data, size_t n, char hex[SHA1_HEX_LEN + 1])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;

    if (!EVP_Digest(data, n, md, &md_len, EVP_sha1(), NULL)
        || md_len * 2 != SHA1_HEX_LEN) {
        ovs_fatal(0, "SHA-1 computation failed");
    }
    for (unsigned int i = 0; i < md_len; i++) {
        hex[i * 2] = "0123456789abcdef"[md[i] >> 4];
        hex[i * 2 + 1] = "0123456789abcdef"[md[i] & 15];
    }
    hex[md_len * 2] = '\0';
}

/* Opening and closing. */

static struct ovsdb_log_error *
check_first_header(const char *name, int fd, const char *magic,
                   char **found_magic)
{
    char buf[HEADER_MAX];
    struct header h;
    size_t len = 0;
    int error;

    *found_magic = NULL;
    error = read_header_line(fd, 0, buf, &len);
    if (error == EOF) {
        if (strchr(magic, '|')) {
            return log_error(OVSDB_LOG_FORMAT_ERROR, 0,
                             "%s: cannot identify file type", name);
        }
        *found_magic = xstrdup(magic);
        return NULL;
    } else if (error && error != ENOENT) {
        return log_error(OVSDB_LOG_IO_ERROR, error, "%s: read failed",
                         name);
    } else if (error || !parse_header(buf, len, &h)) {
        return log_error(OVSDB_LOG_FORMAT_ERROR, 0,
                         "%s: unexpected file format", name);
    } else if (!magic_in_list(h.magic, h.magic_len, magic)) {
        if (h.magic_len == strlen(OVSDB_LOG_MAGIC_CLUSTER)
            && !memcmp(h.magic, OVSDB_LOG_MAGIC_CLUSTER, h.magic_len)) {
            return log_error(OVSDB_LOG_FORMAT_ERROR, 0,
                             "%s: this is a clustered database file, not a "
                             "standalone database", name);
        }
        return log_error(OVSDB_LOG_FORMAT_ERROR, 0,
                         "%s: cannot identify file type", name);
    }
    *found_magic = xmemdup0(h.magic, h.magic_len);
    return NULL;
}

struct ovsdb_log_error *
ovsdb_log_open(const char *name, const char *magic,
               enum ovsdb_log_open_mode mode, bool locking,
               struct ovsdb_log **logp)
{
    struct ovsdb_log_lock *lock = NULL;
    struct ovsdb_log_error *e;
    struct ovsdb_log *log;
    char *found_magic;
    struct stat st;
    int flags;
    int fd;

    *logp = NULL;
    if (!magic[0] || strpbrk(magic, " \n") || magic[0] == '|') {
        return log_error(OVSDB_LOG_FORMAT_ERROR, 0, "%s: bad magic \"%s\"",
                         name, magic);
    }
    if (locking) {
        e = lock_acquire(name, &lock);
        if (e) {
            return e;
        }
    }

    switch (mode) {
    case OVSDB_LOG_READ_ONLY:
        flags = O_RDONLY;
        break;
    case OVSDB_LOG_READ_WRITE:
        flags = O_RDWR;
        break;
    case OVSDB_LOG_CREATE_EXCL:
        flags = O_RDWR | O_CREAT | O_EXCL;
        break;
    case OVSDB_LOG_CREATE:
    default:
        flags = O_RDWR | O_CREAT | O_TRUNC;
        break;
    }
    fd = open(name, flags | O_CLOEXEC, 0640);
    if (fd < 0) {
        int error = errno;
        lock_release(lock);
        return log_error(OVSDB_LOG_IO_ERROR, error, "%s: %s failed", name,
                         flags & O_CREAT ? "create" : "open");
    }
    if (fstat(fd, &st)) {
        int error = errno;
        close(fd);
        lock_release(lock);
        return log_error(OVSDB_LOG_IO_ERROR, error, "%s: stat failed",
                         name);
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        lock_release(lock);
        return log_error(OVSDB_LOG_FORMAT_ERROR, 0,
                         "%s: not a regular file", name);
    }

    if (mode == OVSDB_LOG_CREATE || mode == OVSDB_LOG_CREATE_EXCL) {
        const char *bar = strchr(magic, '|');
        found_magic = bar ? xmemdup0(magic, bar - magic) : xstrdup(magic);
    } else {
        e = check_first_header(name, fd, magic, &found_magic);
        if (e) {
            close(fd);
            lock_release(lock);
            return e;
        }
    }

    log = xzalloc(sizeof *log);
    log->name = xstrdup(name);
    log->magic = found_magic;
    log->fd = fd;
    log->writable = mode != OVSDB_LOG_READ_ONLY;
    log->lock = lock;
    log->state = (mode == OVSDB_LOG_CREATE || mode == OVSDB_LOG_CREATE_EXCL
                  ? OVSDB_LOG_WRITE : OVSDB_LOG_READ);
    log->offset = 0;
    log->prev_offset = 0;
    log->base = st.st_size;
    ds_init(&log->pending);
    *logp = log;
    return NULL;
}

static struct ovsdb_log_error *flush_pending(struct ovsdb_log *);
static void prefetch_stop(struct ovsdb_log *);
static void read_buf_release(struct read_buf *);

void
ovsdb_log_close(struct ovsdb_log *log)
{
    if (log) {
        ovsdb_log_error_destroy(flush_pending(log));
        ds_destroy(&log->pending);
        prefetch_stop(log);
        read_buf_release(&log->rb);
        ovs_close_fd(log->fd);
        lock_release(log->lock);
        free(log->name);
        free(log->magic);
        free(log);
    }
}

const char *
ovsdb_log_get_name(const struct ovsdb_log *log)
{
    return log->name;
}

const char *
ovsdb_log_get_magic(const struct ovsdb_log *log)
{
    return log->magic;
}

/* Reading.
 *
 * Records are read, checked and parsed by read_record(), which depends
 * only on its arguments.  A big log is read ahead: a thread ("prefetch")
 * runs read_record() on the records after the one being read and queues
 * the parsed JSON, so that parsing the next records overlaps with the
 * caller's work on the current one (for a database, replaying the
 * transaction), which halves the time to load a big file when a second
 * core is free.  The queue is bounded in records and bytes.  The caller
 * sees exactly what reading record by record would give: the same
 * records, the same errors, at the same offsets.  The thread exists only
 * while a log is being read; it is stopped when reading reaches the end or
 * an error, on ovsdb_log_unread(), and on close. */

/* A log whose unread part is at least this long is read ahead. */
#define PREFETCH_MIN_BYTES (1024 * 1024)

/* Limits on what the prefetch queue holds. */
#define PREFETCH_MAX_RECORDS 64
#define PREFETCH_MAX_BYTES (16 * 1024 * 1024)

static void
read_buf_release(struct read_buf *rb)
{
    free(rb->data);
    rb->data = NULL;
    rb->size = 0;
}

static char *
read_buf_get(struct read_buf *rb, size_t size)
{
    if (size > rb->size) {
        free(rb->data);
        rb->size = MAX(size, MAX(64 * 1024, rb->size * 2));
        rb->data = xmalloc(rb->size);
    }
    return rb->data;
}

/* Reads the record at OFFSET in FD (the log NAME, whose records have
 * MAGIC).  On success returns NULL and stores the record in *JSONP and the
 * offset just past it in *ENDP, or stores NULL in *JSONP at the end of the
 * file.  On a bad record returns the error. */
static struct ovsdb_log_error *
read_record(int fd, const char *name, const char *magic, off_t offset,
            struct read_buf *rb, struct json **jsonp, off_t *endp)
{
    char sha1[SHA1_HEX_LEN + 1];
    char buf[HEADER_MAX];
    struct header h;
    size_t len = 0;
    struct stat st;
    off_t body_ofs;
    struct json *json;
    char *body;
    char *jerr;
    ssize_t n;
    int error;

    *jsonp = NULL;
    *endp = offset;
    error = read_header_line(fd, offset, buf, &len);
    if (error == EOF) {
        return NULL;
    } else if (error && error != ENOENT) {
        return log_error(OVSDB_LOG_IO_ERROR, error, "%s: read failed",
                         name);
    } else if (error || !parse_header(buf, len, &h)
               || h.magic_len != strlen(magic)
               || memcmp(h.magic, magic, h.magic_len)) {
        struct ds s = DS_EMPTY_INITIALIZER;
        struct ovsdb_log_error *e;

        ds_put_format(&s, "%s: parse error at offset %lld in header line "
                      "\"", name, (long long) offset);
        put_bad_header(&s, buf, len);
        ds_put_char(&s, '"');
        e = log_error(OVSDB_LOG_SYNTAX_ERROR, 0, "%s", ds_cstr(&s));
        ds_destroy(&s);
        return e;
    }

    body_ofs = offset + len + 1;
    if (fstat(fd, &st)) {
        return log_error(OVSDB_LOG_IO_ERROR, errno, "%s: stat failed", name);
    }
    if (st.st_size < body_ofs || st.st_size - body_ofs < (off_t) h.length) {
        return log_error(OVSDB_LOG_IO_ERROR, EOF,
                         "%s: error reading %zu bytes starting at "
                         "offset %lld", name, h.length,
                         (long long) body_ofs);
    }

    if (h.length > OVSDB_LOG_MAX_RECORD) {
        return log_error(OVSDB_LOG_SYNTAX_ERROR, 0,
                         "%s: record at offset %lld is %zu bytes long, "
                         "more than the maximum of %d",
                         name, (long long) offset, h.length,
                         OVSDB_LOG_MAX_RECORD);
    }
    body = read_buf_get(rb, h.length + 1);
    for (size_t done = 0; done < h.length; done += n) {
        n = pread(fd, body + done, h.length - done, body_ofs + done);
        if (n <= 0 && !(n < 0 && errno == EINTR)) {
            error = n < 0 ? errno : EOF;
            return log_error(OVSDB_LOG_IO_ERROR, error,
                             "%s: error reading %zu bytes starting at "
                             "offset %lld", name, h.length,
                             (long long) body_ofs);
        }
        n = MAX(n, 0);
    }
    body[h.length] = '\0';

    sha1_hex(body, h.length, sha1);
    if (strcmp(sha1, h.sha1)) {
        return log_error(OVSDB_LOG_SYNTAX_ERROR, 0,
                         "%s: %zu bytes starting at offset %lld have "
                         "SHA-1 hash %s but should have hash %s",
                         name, h.length, (long long) body_ofs, sha1, h.sha1);
    }

    json = json_from_buffer(body, h.length, JSPF_TRAILER, &jerr);
    if (!json) {
        struct ovsdb_log_error *e = log_error(
            OVSDB_LOG_SYNTAX_ERROR, 0,
            "%s: %zu bytes starting at offset %lld are not valid JSON (%s)",
            name, h.length, (long long) body_ofs, jerr);
        free(jerr);
        return e;
    }
    if (json->type != JSON_OBJECT && json->type != JSON_ARRAY) {
        json_destroy(json);
        return log_error(OVSDB_LOG_SYNTAX_ERROR, 0,
                         "%s: %zu bytes starting at offset %lld are "
                         "not a JSON object or array", name,
                         h.length, (long long) body_ofs);
    }
    if (rb->size > 4 * 1024 * 1024) {
        /* Keep no huge buffer around after a huge record. */
        read_buf_release(rb);
    }

    *endp = body_ofs + h.length;
    *jsonp = json;
    return NULL;
}

/* One record read ahead: a record, the end of the log (no JSON, no
 * error), or a bad record (an error). */
struct prefetched {
    struct ovs_list node;       /* In struct prefetch's 'queue'. */
    struct json *json;
    struct ovsdb_log_error *error;
    off_t end;                  /* Offset just past the record. */
    size_t size;                /* Bytes of the record. */
};

struct prefetch {
    pthread_t thread;

    /* Set before the thread starts, then read-only. */
    int fd;
    char *name;
    char *magic;

    /* The thread's own. */
    off_t offset;               /* Next record to read. */
    struct read_buf rb;

    /* Shared, under 'mutex'. */
    struct ovs_mutex mutex;
    pthread_cond_t cond;        /* Signaled on every change below. */
    struct ovs_list queue;      /* Contains struct prefetched. */
    size_t n_queued;
    size_t queued_bytes;
    bool stop;                  /* The reader should stop. */
    struct json **garbage;      /* From ovsdb_log_recycle(). */
    size_t n_garbage, allocated_garbage;
};

/* Destroys the JSON that the caller gave back with ovsdb_log_recycle(). */
static void
prefetch_collect_garbage(struct prefetch *pf)
{
    struct json **garbage;
    size_t n, i;

    ovs_mutex_lock(&pf->mutex);
    garbage = pf->garbage;
    n = pf->n_garbage;
    pf->garbage = NULL;
    pf->n_garbage = pf->allocated_garbage = 0;
    ovs_mutex_unlock(&pf->mutex);

    for (i = 0; i < n; i++) {
        json_destroy(garbage[i]);
    }
    free(garbage);
}

static void *
prefetch_main(void *pf_)
{
    struct prefetch *pf = pf_;

    for (;;) {
        struct prefetched *p;
        off_t start = pf->offset;
        bool last;

        prefetch_collect_garbage(pf);
        p = xzalloc(sizeof *p);

        p->error = read_record(pf->fd, pf->name, pf->magic, pf->offset,
                               &pf->rb, &p->json, &p->end);
        p->size = p->end - start;
        pf->offset = p->end;
        last = p->error || !p->json;

        ovs_mutex_lock(&pf->mutex);
        while (!pf->stop && (pf->n_queued >= PREFETCH_MAX_RECORDS
                             || pf->queued_bytes >= PREFETCH_MAX_BYTES)) {
            ovs_mutex_cond_wait(&pf->cond, &pf->mutex);
            if (pf->n_garbage) {
                ovs_mutex_unlock(&pf->mutex);
                prefetch_collect_garbage(pf);
                ovs_mutex_lock(&pf->mutex);
            }
        }
        if (pf->stop) {
            ovs_mutex_unlock(&pf->mutex);
            json_destroy(p->json);
            ovsdb_log_error_destroy(p->error);
            free(p);
            break;
        }
        ovs_list_push_back(&pf->queue, &p->node);
        pf->n_queued++;
        pf->queued_bytes += p->size;
        xpthread_cond_signal(&pf->cond);
        ovs_mutex_unlock(&pf->mutex);
        if (last) {
            break;
        }
    }
    read_buf_release(&pf->rb);
    return NULL;
}

static void
prefetch_start(struct ovsdb_log *log)
{
    struct prefetch *pf = xzalloc(sizeof *pf);

    pf->fd = log->fd;
    pf->name = xstrdup(log->name);
    pf->magic = xstrdup(log->magic);
    pf->offset = log->offset;
    ovs_mutex_init(&pf->mutex);
    xpthread_cond_init(&pf->cond);
    ovs_list_init(&pf->queue);
    pf->thread = ovs_thread_create("ovsdb-log-read", prefetch_main, pf);
    log->prefetch = pf;
}

/* Stops LOG's reader thread, if any, and drops what it read ahead. */
static void
prefetch_stop(struct ovsdb_log *log)
{
    struct prefetch *pf = log->prefetch;
    struct prefetched *p;

    if (!pf) {
        return;
    }
    ovs_mutex_lock(&pf->mutex);
    pf->stop = true;
    xpthread_cond_signal(&pf->cond);
    ovs_mutex_unlock(&pf->mutex);
    xpthread_join(pf->thread, NULL);

    prefetch_collect_garbage(pf);
    LIST_FOR_EACH_POP (p, node, &pf->queue) {
        json_destroy(p->json);
        ovsdb_log_error_destroy(p->error);
        free(p);
    }
    ovs_mutex_destroy(&pf->mutex);
    xpthread_cond_destroy(&pf->cond);
    free(pf->name);
    free(pf->magic);
    free(pf);
    log->prefetch = NULL;
}

/* Takes the next record that LOG's reader thread read. */
static struct ovsdb_log_error *
prefetch_next(struct ovsdb_log *log, struct json **jsonp, off_t *endp)
{
    struct prefetch *pf = log->prefetch;
    struct ovsdb_log_error *e;
    struct prefetched *p;

    ovs_mutex_lock(&pf->mutex);
    while (ovs_list_is_empty(&pf->queue)) {
        ovs_mutex_cond_wait(&pf->cond, &pf->mutex);
    }
    p = CONTAINER_OF(ovs_list_pop_front(&pf->queue), struct prefetched,
                     node);
    pf->n_queued--;
    pf->queued_bytes -= p->size;
    xpthread_cond_signal(&pf->cond);
    ovs_mutex_unlock(&pf->mutex);

    *jsonp = p->json;
    *endp = p->end;
    e = p->error;
    free(p);
    return e;
}

struct ovsdb_log_error *
ovsdb_log_read(struct ovsdb_log *log, struct json **jsonp)
{
    struct ovsdb_log_error *e;
    struct json *json;
    off_t end;

    *jsonp = NULL;
    if (log->state != OVSDB_LOG_READ) {
        return NULL;
    }
    log->unread = false;

    if (!log->prefetch && !log->no_prefetch) {
        struct stat st;

        if (!fstat(log->fd, &st)
            && st.st_size - log->offset >= PREFETCH_MIN_BYTES) {
            prefetch_start(log);
        } else {
            log->no_prefetch = true;
        }
    }
    e = (log->prefetch
         ? prefetch_next(log, &json, &end)
         : read_record(log->fd, log->name, log->magic, log->offset,
                       &log->rb, &json, &end));
    if (e || !json) {
        log->state = e ? OVSDB_LOG_READ_ERROR : OVSDB_LOG_WRITE;
        prefetch_stop(log);
        read_buf_release(&log->rb);
        return e;
    }

    log->prev_offset = log->offset;
    log->offset = end;
    *jsonp = json;
    return NULL;
}

void
ovsdb_log_recycle(struct ovsdb_log *log, struct json *json)
{
    struct prefetch *pf = log->prefetch;

    if (!json) {
        return;
    } else if (!pf) {
        json_destroy(json);
        return;
    }
    ovs_mutex_lock(&pf->mutex);
    if (pf->n_garbage >= pf->allocated_garbage) {
        pf->garbage = x2nrealloc(pf->garbage, &pf->allocated_garbage,
                                 sizeof *pf->garbage);
    }
    pf->garbage[pf->n_garbage++] = json;
    xpthread_cond_signal(&pf->cond);
    ovs_mutex_unlock(&pf->mutex);
}

void
ovsdb_log_unread(struct ovsdb_log *log)
{
    ovs_assert(log->state == OVSDB_LOG_READ
               || log->state == OVSDB_LOG_WRITE);
    ovs_assert(log->prev_offset < log->offset);
    prefetch_stop(log);
    log->no_prefetch = true;
    log->offset = log->prev_offset;
    log->state = OVSDB_LOG_READ;
    log->unread = true;
}

/* Writing. */

/* Returns the bytes of a record holding JSON. */
static void
compose_record(const struct ovsdb_log *log, const struct json *json,
               struct ds *record)
{
    char sha1[SHA1_HEX_LEN + 1];
    struct ds body = DS_EMPTY_INITIALIZER;

    json_to_ds(json, 0, &body);
    ds_put_char(&body, '\n');
    sha1_hex(body.string, body.length, sha1);
    ds_put_format(record, "OVSDB %s %zu %s\n", log->magic, body.length,
                  sha1);
    ds_put_buffer(record, body.string, body.length);
    ds_destroy(&body);
}

static struct ovsdb_log_error *
prepare_write(struct ovsdb_log *log)
{
    if (!log->writable) {
        return log_error(OVSDB_LOG_FORMAT_ERROR, 0,
                         "%s: cannot write to a log opened read-only",
                         log->name);
    }
    switch (log->state) {
    case OVSDB_LOG_READ:
        if (!log->unread) {
            return log_error(OVSDB_LOG_FORMAT_ERROR, 0,
                             "%s: cannot write before reading the whole "
                             "log", log->name);
        }
        /* The caller gave up on the record it unread (see log.h): it and
         * everything after it are replaced, as after a bad record. */
        /* Fall through. */
    case OVSDB_LOG_READ_ERROR:
        /* Drop the bad tail so that the new record follows the last good
         * one. */
        if (ftruncate(log->fd, log->offset)) {
            return log_error(OVSDB_LOG_IO_ERROR, errno,
                             "%s: cannot truncate to length %lld",
                             log->name, (long long) log->offset);
        }
        log->state = OVSDB_LOG_WRITE;
        return NULL;
    case OVSDB_LOG_WRITE:
        return NULL;
    case OVSDB_LOG_WRITE_ERROR:
    default:
        return log_error(OVSDB_LOG_IO_ERROR, 0,
                         "%s: previous write failed", log->name);
    }
}

/* Writes the N bytes at DATA to LOG's file at its 'offset' and advances
 * 'offset' past them.  On failure, truncates the file back to 'offset' (or,
 * if that fails too, refuses further writes) and returns an error. */
static struct ovsdb_log_error *
append_bytes(struct ovsdb_log *log, const char *data, size_t n_bytes)
{
    size_t done;

    for (done = 0; done < n_bytes;) {
        ssize_t n = pwrite(log->fd, data + done, n_bytes - done,
                           log->offset + done);
        if (n > 0) {
            done += n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            int error = n < 0 ? errno : EIO;

            /* Undo the partial record, or refuse further writes. */
            if (ftruncate(log->fd, log->offset)) {
                log->state = OVSDB_LOG_WRITE_ERROR;
            }
            return log_error(OVSDB_LOG_IO_ERROR, error,
                             "%s: write failed", log->name);
        }
    }
    log->offset += n_bytes;
    return NULL;
}

/* Writes the records that ovsdb_log_write_deferred() queued, all with one
 * write.  On failure they are all dropped (none is in the file). */
static struct ovsdb_log_error *
flush_pending(struct ovsdb_log *log)
{
    struct ovsdb_log_error *e;

    if (!log->pending.length) {
        return NULL;
    }
    e = append_bytes(log, log->pending.string, log->pending.length);
    ds_clear(&log->pending);
    if (log->pending.allocated > 1024 * 1024) {
        /* Do not keep a big buffer around after a big batch. */
        ds_destroy(&log->pending);
        ds_init(&log->pending);
    }
    return e;
}

struct ovsdb_log_error *
ovsdb_log_write_deferred(struct ovsdb_log *log, const struct json *json)
{
    struct ovsdb_log_error *e;

    if (json->type != JSON_OBJECT && json->type != JSON_ARRAY) {
        return log_error(OVSDB_LOG_FORMAT_ERROR, 0,
                         "%s: can only write JSON objects and arrays",
                         log->name);
    }
    e = prepare_write(log);
    if (e) {
        return e;
    }
    log->prev_offset = log->offset + log->pending.length;
    compose_record(log, json, &log->pending);
    return NULL;
}

struct ovsdb_log_error *
ovsdb_log_write(struct ovsdb_log *log, const struct json *json)
{
    struct ds record = DS_EMPTY_INITIALIZER;
    struct ovsdb_log_error *e;
    off_t prev_offset;

    if (json->type != JSON_OBJECT && json->type != JSON_ARRAY) {
        return log_error(OVSDB_LOG_FORMAT_ERROR, 0,
                         "%s: can only write JSON objects and arrays",
                         log->name);
    }
    e = prepare_write(log);
    if (e) {
        return e;
    }

    e = flush_pending(log);
    if (e) {
        return e;
    }
    compose_record(log, json, &record);
    prev_offset = log->offset;
    e = append_bytes(log, record.string, record.length);
    if (!e) {
        log->prev_offset = prev_offset;
    }
    ds_destroy(&record);
    return e;
}

struct ovsdb_log_error *
ovsdb_log_write_and_free(struct ovsdb_log *log, struct json *json)
{
    struct ovsdb_log_error *e = ovsdb_log_write(log, json);
    json_destroy(json);
    return e;
}

struct ovsdb_log_error *
ovsdb_log_commit_block(struct ovsdb_log *log)
{
    struct ovsdb_log_error *e;

    if (!log->writable) {
        return NULL;
    }
    e = flush_pending(log);
    if (e) {
        return e;
    }
    /* fdatasync() flushes the data and the metadata needed to read it back
     * (the file size, block allocation), which is all a log needs; it
     * skips the timestamps that fsync() would also write. */
    if (fdatasync(log->fd)) {
        return log_error(OVSDB_LOG_IO_ERROR, errno, "%s: fsync failed",
                         log->name);
    }
    return NULL;
}

off_t
ovsdb_log_get_offset(const struct ovsdb_log *log)
{
    return log->offset + log->pending.length;
}

bool
ovsdb_log_grew_lots(const struct ovsdb_log *log)
{
    off_t size = ovsdb_log_get_offset(log);

    return (size >= OVSDB_LOG_GREW_MIN_SIZE
            && size / OVSDB_LOG_GREW_FACTOR > log->base);
}

/* Compaction. */

struct ovsdb_log_error *
ovsdb_log_replace_start(struct ovsdb_log *log, struct ovsdb_log **newp)
{
    struct ovsdb_log_error *e;
    char *tmp_name;

    *newp = NULL;
    if (!log->writable) {
        return log_error(OVSDB_LOG_FORMAT_ERROR, 0,
                         "%s: cannot replace a log opened read-only",
                         log->name);
    }
    e = flush_pending(log);
    if (e) {
        return e;
    }
    tmp_name = xasprintf("%s.tmp", log->name);
    e = ovsdb_log_open(tmp_name, log->magic, OVSDB_LOG_CREATE, true, newp);
    free(tmp_name);
    return e;
}

/* Makes a rename in the directory of NAME durable. */
static int
fsync_parent_dir(const char *name)
{
    char *dir = dir_name(name);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int error = 0;

    free(dir);
    if (fd < 0) {
        return errno;
    }
    if (fsync(fd) && errno != EINVAL) {
        error = errno;
    }
    close(fd);
    return error;
}

struct ovsdb_log_error *
ovsdb_log_replace_commit(struct ovsdb_log *log, struct ovsdb_log *new)
{
    struct ovsdb_log_error *e;
    int error;

    e = ovsdb_log_commit_block(new);
    if (e) {
        ovsdb_log_replace_abort(new);
        return e;
    }
    if (rename(new->name, log->name)) {
        error = errno;
        ovsdb_log_replace_abort(new);
        return log_error(OVSDB_LOG_IO_ERROR, error,
                         "%s: failed to rename compacted log over it",
                         log->name);
    }
    error = fsync_parent_dir(log->name);

    /* The name now refers to the new file: adopt it, whatever happened to
     * the directory fsync. */
    close(log->fd);
    log->fd = new->fd;
    new->fd = -1;
    log->state = OVSDB_LOG_WRITE;
    log->offset = new->offset;
    log->prev_offset = new->prev_offset;
    log->base = new->offset;
    ovsdb_log_close(new);

    if (error) {
        return log_error(OVSDB_LOG_IO_ERROR, error,
                         "%s: failed to sync directory after compaction",
                         log->name);
    }
    return NULL;
}

void
ovsdb_log_replace_abort(struct ovsdb_log *new)
{
    if (new) {
        unlink(new->name);
        ovsdb_log_close(new);
    }
}
