/* socket-util.h: small helpers over the BSD socket API.
 *
 * This module turns the names that users write ("127.0.0.1:6640",
 * "[::1]:6640", "6640:127.0.0.1") into socket addresses, opens active
 * (connecting) and passive (listening) TCP and Unix domain sockets in
 * non-blocking mode, and formats addresses back into text.  The stream
 * library (stream.h) is built on it; daemons rarely call it directly.
 *
 * Addresses: only numeric IPv4 and IPv6 addresses are accepted.  Host names
 * are not resolved (no DNS), so "localhost:6640" is EINVAL.  An IPv6
 * address must be written in square brackets when a port may follow it.
 * Ports are decimal, 0 to 65535.
 *
 * Errors: functions return 0 or a positive errno value, except where noted.
 * Nothing here logs.
 *
 * Memory: file descriptors returned through output arguments belong to the
 * caller, who closes them.
 *
 * Thread safety: every function is safe to call from any thread, except
 * that make_unix_socket() registers bound paths with fatal-signal (itself
 * thread-safe). */
#ifndef SOCKET_UTIL_H
#define SOCKET_UTIL_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/un.h>

struct ds;

/* The DSCP value that OVS traffic uses unless configured otherwise
 * (internetwork control, 0x30, i.e. TOS byte 0xc0). */
#define DSCP_DEFAULT 0x30

/* File descriptors. */
int set_nonblocking(int fd);
void xset_nonblocking(int fd);  /* Aborts the program on failure. */
int set_dscp(int fd, int family, uint8_t dscp);
int sock_errno(void);
void xpipe(int fds[2]);
void xpipe_nonblocking(int fds[2]);

/* Reads exactly N bytes from FD into P, retrying short reads and EINTR.
 * Stores the number of bytes actually read in *BYTES_READ.  Returns 0 on
 * success, EOF if the end of file came first, otherwise a positive errno
 * (EAGAIN for a non-blocking FD that ran dry). */
int read_fully(int fd, void *p, size_t n, size_t *bytes_read);
/* Writes exactly N bytes from P to FD, retrying short writes and EINTR.
 * Stores the number of bytes actually written in *BYTES_WRITTEN.  Returns 0
 * or a positive errno. */
int write_fully(int fd, const void *p, size_t n, size_t *bytes_written);

/* Parsing IP names.
 *
 * inet_parse_active() parses TARGET as "IP[:PORT]", where IP is an IPv4
 * address in dotted-quad form or an IPv6 address in square brackets
 * ("[::1]:6640"); a bare IPv6 address without brackets is accepted only
 * when no port follows it ("::1").  If PORT is omitted, DEFAULT_PORT is
 * used; if DEFAULT_PORT is negative, the port is mandatory.  Port 0 is not
 * a valid destination.
 *
 * inet_parse_passive() parses TARGET as "[PORT][:IP]" for a listening
 * socket.  An empty PORT means DEFAULT_PORT (mandatory if DEFAULT_PORT is
 * negative); port 0 means "let the kernel pick".  IP defaults to the IPv4
 * wildcard 0.0.0.0 and may be IPv4 or IPv6, with or without brackets
 * ("6640:[::1]", "6640:::1").
 *
 * Both store the address in *SS (zeroed first, so that it is always
 * initialized) and return 0, or EINVAL for a malformed name. */
int inet_parse_active(const char *target, int default_port,
                      struct sockaddr_storage *ss);
int inet_parse_passive(const char *target, int default_port,
                       struct sockaddr_storage *ss);

/* Opening IP sockets.  STYLE is SOCK_STREAM (or SOCK_DGRAM); DSCP is the
 * 6-bit DSCP value to mark outgoing packets with.  If SS is nonnull, the
 * parsed (inet_open_active) or bound (inet_open_passive, with the real port
 * when 0 was asked for) address is stored there.
 *
 * inet_open_active() starts a non-blocking connect() to TARGET (as for
 * inet_parse_active()).  It returns 0 if the connection completed at once,
 * EAGAIN if it is in progress (use check_connection_completion() to find
 * out when it is done), storing the new socket in *FDP in both cases, or
 * another positive errno, storing -1 in *FDP.
 *
 * inet_open_passive() binds a non-blocking socket to TARGET (as for
 * inet_parse_passive()) with SO_REUSEADDR and, for SOCK_STREAM, listens on
 * it.  It returns 0 and the socket in *FDP, or a positive errno and -1 in
 * *FDP. */
int inet_open_active(int style, const char *target, int default_port,
                     struct sockaddr_storage *ss, int *fdp, uint8_t dscp);
int inet_open_passive(int style, const char *target, int default_port,
                      struct sockaddr_storage *ss, int *fdp, uint8_t dscp);

/* Returns 0 if the non-blocking connect() on FD has completed successfully,
 * EAGAIN if it is still in progress, or the positive errno it failed
 * with.  Does not block. */
int check_connection_completion(int fd);

/* Socket addresses (AF_INET and AF_INET6 only). */
uint16_t ss_get_port(const struct sockaddr_storage *);  /* Host order. */
/* Appends the address in SS to S: "1.2.3.4" or "[::1]". */
void ss_format_address(const struct sockaddr_storage *, struct ds *s);
/* Like ss_format_address() but without brackets around IPv6: "::1". */
void ss_format_address_nobracks(const struct sockaddr_storage *,
                                struct ds *s);
/* Appends "1.2.3.4:PORT" or "[::1]:PORT" to S. */
void ss_format_address_port(const struct sockaddr_storage *, struct ds *s);
size_t ss_length(const struct sockaddr_storage *);

/* Unix domain sockets.
 *
 * make_unix_socket() creates a Unix domain socket of the given STYLE
 * (SOCK_STREAM or SOCK_DGRAM), non-blocking if NONBLOCK.  If BIND_PATH is
 * nonnull, binds it there: a stale socket file already at BIND_PATH is
 * removed first (any other kind of file makes bind fail with EADDRINUSE),
 * and the path is registered with fatal_signal_add_file_to_unlink() so
 * that it disappears when the program exits.  If CONNECT_PATH is nonnull,
 * connects to it; with NONBLOCK a connect still in progress is success and
 * check_connection_completion() tells when it is done.
 *
 * Paths longer than sun_path (about 107 bytes) work on Linux: the socket
 * is bound or connected through /proc/self/fd/N/NAME, where N is a
 * descriptor for the path's directory, so only the last component must fit.
 *
 * Returns 0 and the socket in *FDP, or a positive errno and -1 in *FDP.  On
 * failure nothing stays bound or registered. */
int make_unix_socket(int style, bool nonblock, const char *bind_path,
                     const char *connect_path, int *fdp);

/* Returns the length of the name in SUN, given the length SUN_LEN of the
 * whole address as returned by getsockname(), accept() and friends: 0 for
 * an unnamed socket. */
int get_unix_name_len(const struct sockaddr_un *sun, socklen_t sun_len);

#endif /* socket-util.h */
