/* log.h: the durable on-disk log behind a standalone OVSDB database.
 *
 * Purpose
 * =======
 *
 * A standalone database file is a log: an append-only sequence of JSON
 * records.  The first record is the schema, each later one a committed
 * transaction (or, after compaction, one record holding the whole
 * database).  This module reads and writes such files, byte for byte in
 * the format of upstream Open vSwitch, so that either implementation reads
 * what the other wrote.  It knows nothing about schemas or transactions:
 * the OVSDB layer above gives it JSON and gets JSON back.
 *
 * The format
 * ==========
 *
 * Each record is a header line followed by a body:
 *
 *     OVSDB <magic> <length> <sha1>\n<body>
 *
 * <magic> is "JSON" for a standalone database ("CLUSTER" marks a
 * clustered database, which this module recognizes only to refuse it with
 * a clear error when a standalone one was asked for).  <body> is one JSON
 * object or array serialized compactly on one line, *including* the
 * newline that ends it; <length> is the body's size in bytes, in decimal,
 * and <sha1> the SHA-1 of the body in 40 lowercase hex digits.  (That the
 * newline is part of the counted and hashed body was learned from files
 * the peer's ovsdb-tool wrote: "OVSDB JSON 99 ..." precedes 98 bytes of
 * JSON and a newline.)  There is nothing between records and nothing at
 * the end of the file; every record of a file has the same magic.
 *
 * On reading, a header must be the exact text above ended by a single
 * '\n'; the length is at most OVSDB_LOG_MAX_RECORD and is checked against
 * the size of the file before any memory is allocated for it, so a corrupt
 * length can neither allocate gigabytes nor overflow.  Upper-case hex and
 * leading zeros are accepted, signs are not.
 *
 * Errors at the tail
 * ==================
 *
 * A crash in the middle of an append leaves a torn record at the end of
 * the file: a partial header, a body shorter than its length, or a body
 * whose SHA-1 does not match.  ovsdb_log_read() reports such a record as
 * an error (with upstream's wording: "error reading N bytes starting at
 * offset X (End of file)", "parse error at offset X in header line ...",
 * "N bytes starting at offset X have SHA-1 hash ... but should have hash
 * ...", "N bytes starting at offset X are not valid JSON (...)") and then
 * behaves as if the file ended at the end of the last good record: later
 * reads return no record, and the first write truncates the file there
 * before appending.  That is what upstream's ovsdb-server does (checked by
 * starting it on a torn file: it logs the error, serves the good prefix,
 * and its next commit replaces the garbage).  The caller decides whether
 * an error is fatal (ovsdb-tool query fails on it; ovsdb-server logs it
 * and goes on).  Garbage cannot be told apart from a torn tail, so the
 * same applies to any corruption: everything from the first bad record on
 * is dropped at the next write.
 *
 * Durability rules
 * ================
 *
 * ovsdb_log_write() appends one record with a single write(2) at the end
 * of the good data (ovsdb_log_write_deferred() queues records in memory,
 * to append a whole batch with one write(2) later).  The bytes then sit in
 * the page cache: they survive a crash of the process but not of the
 * machine.  ovsdb_log_commit_block() writes what is queued, then calls
 * fdatasync(2); only when it returns success is the record on stable
 * storage, so the server acknowledges a transaction to its client only
 * after that.  A crash at any point of an append leaves one of:
 *
 *   - nothing of the new record: the transaction is lost, but it was never
 *     acknowledged;
 *   - a prefix of it, or its bytes in the wrong order (the disk may write
 *     pages in any order before fsync): a torn tail, detected by the length
 *     or the SHA-1 and dropped as described above, same outcome;
 *   - all of it: the transaction is durable (and may have been acknowledged
 *     if fsync returned).
 *
 * Earlier records are never touched by an append, so a crash cannot damage
 * them.  A write that fails (ENOSPC, EIO) is undone by truncating the file
 * back to where it started; if even that fails, the log refuses further
 * writes, since appending after unknown bytes would hide records behind
 * garbage.
 *
 * Compaction
 * ==========
 *
 * Compaction replaces the whole log with a shorter one holding the same
 * database.  ovsdb_log_replace_start() creates "<dir>/<name>.tmp" (locked
 * like any writable log) and returns it as a new log; the caller writes the
 * compacted records to it; ovsdb_log_replace_commit() then fsyncs the
 * temporary file, rename(2)s it over the original, fsyncs the directory
 * so that the rename itself is durable, and from then on the old log
 * object writes to the new file.  ovsdb_log_replace_abort() deletes the
 * temporary file instead.  A crash:
 *
 *   - before the rename leaves the original file intact (plus a stale
 *     temporary file that the next compaction overwrites);
 *   - after the rename leaves the new file, complete and fsynced before
 *     the rename, so never half-written;
 *   - around the rename: rename(2) is atomic, so the name refers to either
 *     the old or the new file, both complete.
 *
 * Locking
 * =======
 *
 * A writable log is opened with an exclusive lock, as upstream does: the
 * lock is an fcntl(2) write lock on an empty file "<dir>/.<name>.~lock~"
 * (mode 0600), created if needed and left in place, held until the log is
 * closed.  Opening a locked log fails with EAGAIN ("failed to lock
 * lockfile"), after logging a warning that names the process holding
 * the lock, as upstream does.  Because POSIX record locks do not exclude the process that
 * holds them, this module also remembers the lock files it holds, so a
 * second open in the same process fails the same way.
 *
 * Errors
 * ======
 *
 * Functions that can fail return a struct ovsdb_log_error * (NULL on
 * success) that the caller owns and frees with ovsdb_log_error_destroy().
 * It carries the kind of error (the tag that the OVSDB layer's error
 * objects use: "I/O error", "syntax error", "ovsdb error"), an errno value
 * where one applies (EOF, i.e. -1, for an unexpected end of file), and a
 * message that starts with the file name.  The OVSDB layer wraps it in its
 * own error object; ovsdb_log_error_to_string() formats it as upstream
 * prints such errors ("I/O error: db: error reading 111 bytes starting at
 * offset 15361 (End of file)").  Running out of memory aborts, as
 * everywhere.
 *
 * Memory and threads
 * ==================
 *
 * A struct ovsdb_log owns its file descriptors and lock; JSON passed to
 * ovsdb_log_write() stays the caller's, JSON returned by ovsdb_log_read()
 * becomes the caller's.  A log may be used by one thread at a time; the
 * table of held locks is not thread-safe, so open and close logs from one
 * thread. */
#ifndef OVSDB_LOG_H
#define OVSDB_LOG_H 1

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct json;
struct ovsdb_log;

/* The magic of standalone and clustered database files. */
#define OVSDB_LOG_MAGIC_JSON "JSON"
#define OVSDB_LOG_MAGIC_CLUSTER "CLUSTER"

/* The largest record body that ovsdb_log_read() accepts (1 GiB). */
#define OVSDB_LOG_MAX_RECORD (1024 * 1024 * 1024)

/* ovsdb_log_grew_lots() is true once the log has at least this many
 * bytes... */
#define OVSDB_LOG_GREW_MIN_SIZE (10 * 1024 * 1024)
/* ...and more than this many times its size after the last compaction
 * (the thresholds that ovsdb-server(1) documents for automatic
 * compaction; the server adds its own commit count and time rules). */
#define OVSDB_LOG_GREW_FACTOR 2

/* Errors. */
enum ovsdb_log_error_type {
    OVSDB_LOG_IO_ERROR,         /* The system call failed, or the file
                                 * ended too early: "I/O error". */
    OVSDB_LOG_SYNTAX_ERROR,     /* A record is corrupt: "syntax error". */
    OVSDB_LOG_FORMAT_ERROR      /* The file is not a log of the expected
                                 * kind, or misuse: "ovsdb error". */
};

struct ovsdb_log_error {
    enum ovsdb_log_error_type type;
    int error;                  /* Errno value, EOF, or 0 for none. */
    char *message;              /* "FILE: what went wrong". */
};

const char *ovsdb_log_error_tag(enum ovsdb_log_error_type);
char *ovsdb_log_error_to_string(const struct ovsdb_log_error *);
void ovsdb_log_error_destroy(struct ovsdb_log_error *);

/* Opening and closing. */
enum ovsdb_log_open_mode {
    OVSDB_LOG_READ_ONLY,        /* Existing file, reads only. */
    OVSDB_LOG_READ_WRITE,       /* Existing file, read then append. */
    OVSDB_LOG_CREATE_EXCL,      /* New file; fails if it exists. */
    OVSDB_LOG_CREATE            /* New file, or an existing one emptied. */
};

/* Opens log file NAME in MODE.  MAGIC is the expected magic ("JSON"), or
 * several separated by '|' ("JSON|CLUSTER") to accept any of them (the one
 * found is then ovsdb_log_get_magic()); a new file gets the first.  An
 * empty existing file is an empty log if MAGIC names one magic, and an
 * error ("cannot identify file type") otherwise.  LOCKING: true takes the
 * exclusive lock described above, false does not (for readers that do
 * not care about a concurrent writer).  On success stores the new log in
 * *LOGP and returns NULL; on failure stores NULL. */
struct ovsdb_log_error *ovsdb_log_open(const char *name, const char *magic,
                                       enum ovsdb_log_open_mode,
                                       bool locking, struct ovsdb_log **logp)
    __attribute__((__warn_unused_result__));
void ovsdb_log_close(struct ovsdb_log *);

/* Takes the lock of log file NAME (whether or not the file exists)
 * without opening it, as upstream's ovsdb-tool does before it replaces a
 * file with "compact" or "convert".  While the lock is held, opening NAME
 * with LOCKING fails in this process too.  On success stores the lock in
 * *LOCKP; ovsdb_log_unlock() releases it (NULL is allowed). */
struct ovsdb_log_lock;
struct ovsdb_log_error *ovsdb_log_lock(const char *name,
                                       struct ovsdb_log_lock **lockp)
    __attribute__((__warn_unused_result__));
void ovsdb_log_unlock(struct ovsdb_log_lock *);

const char *ovsdb_log_get_name(const struct ovsdb_log *);
const char *ovsdb_log_get_magic(const struct ovsdb_log *);

/* Reading.  Stores the next record in *JSONP (the caller's to destroy), or
 * NULL at the end of the log, and returns NULL; or returns an error about
 * a bad record, stores NULL, and from then on behaves as if the log ended
 * before that record (see "Errors at the tail" above). */
struct ovsdb_log_error *ovsdb_log_read(struct ovsdb_log *,
                                       struct json **jsonp)
    __attribute__((__warn_unused_result__));
/* Destroys JSON, a record that ovsdb_log_read() returned, like
 * json_destroy() but, while the log is being read ahead by a second
 * thread, in that thread, off the caller's path. */
void ovsdb_log_recycle(struct ovsdb_log *, struct json *);
/* Makes the next ovsdb_log_read() return the record that the last one
 * returned again.  Only valid right after a read that returned a record:
 * lets a caller that finds a record it cannot use (for example a
 * transaction that does not apply) treat it as the end of the log, so that
 * the next write replaces it and everything after it. */
void ovsdb_log_unread(struct ovsdb_log *);

/* Writing.  A log opened with READ_WRITE must first be read to its end
 * (until ovsdb_log_read() returns no record or an error).  JSON must be an
 * object or an array; it stays the caller's. */
struct ovsdb_log_error *ovsdb_log_write(struct ovsdb_log *,
                                        const struct json *)
    __attribute__((__warn_unused_result__));
/* Same as ovsdb_log_write() but also destroys JSON. */
struct ovsdb_log_error *ovsdb_log_write_and_free(struct ovsdb_log *,
                                                 struct json *)
    __attribute__((__warn_unused_result__));
/* Like ovsdb_log_write(), but only queues the record in memory: the next
 * ovsdb_log_commit_block() (or ovsdb_log_write(), compaction, or closing
 * the log) writes every queued record with a single write(2).  A server
 * that commits several transactions per round queues them and then makes
 * them all durable at once.  An error that writing them meets is reported
 * by the call that writes them, and none of them is then in the file. */
struct ovsdb_log_error *ovsdb_log_write_deferred(struct ovsdb_log *,
                                                 const struct json *)
    __attribute__((__warn_unused_result__));
/* Writes the queued records, then makes everything written so far durable
 * (fdatasync). */
struct ovsdb_log_error *ovsdb_log_commit_block(struct ovsdb_log *)
    __attribute__((__warn_unused_result__));

/* The byte offset just after the last record read or written: the size of
 * the good part of the file. */
off_t ovsdb_log_get_offset(const struct ovsdb_log *);
/* Whether the log has grown enough since it was opened or last compacted
 * that compacting it is worthwhile (see OVSDB_LOG_GREW_*). */
bool ovsdb_log_grew_lots(const struct ovsdb_log *);

/* Compaction: see "Compaction" above.  ovsdb_log_replace_start() needs a
 * writable LOG; on success *NEWP is an empty writable log to fill.
 * ovsdb_log_replace_commit() consumes NEW whether or not it succeeds; on
 * failure LOG is unchanged and still usable.  ovsdb_log_replace_abort()
 * consumes NEW and deletes its file. */
struct ovsdb_log_error *ovsdb_log_replace_start(struct ovsdb_log *log,
                                                struct ovsdb_log **newp)
    __attribute__((__warn_unused_result__));
struct ovsdb_log_error *ovsdb_log_replace_commit(struct ovsdb_log *log,
                                                 struct ovsdb_log *new)
    __attribute__((__warn_unused_result__));
void ovsdb_log_replace_abort(struct ovsdb_log *new);

#endif /* ovsdb/log.h */
