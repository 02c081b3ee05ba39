/* pcap-file.h: reading and writing packet captures in the classic pcap
 * format (libpcap's, what tcpdump -w writes and ovs-pcap reads).
 *
 * Files we write use microsecond timestamps, host byte order and link
 * type Ethernet.  Reading accepts either byte order and nanosecond
 * timestamps, and rejects (EPROTO, never a crash) a bad header or a
 * record whose length is absurd; a record cut short by the end of the
 * file ends the capture like EOF (a writer may be mid-record). */
#ifndef PCAP_FILE_H
#define PCAP_FILE_H 1

#include <stdio.h>

struct dp_packet;
struct pcap_file;

/* Opens FILE_NAME for reading ("rb"), or writing ("wb", truncating, or
 * "ab", appending to a capture if there is one).  Returns NULL, with errno
 * set and a warning logged, on failure. */
struct pcap_file *ovs_pcap_open(const char *file_name, const char *mode);
void ovs_pcap_close(struct pcap_file *);

/* Reads the next packet into a new dp_packet in *PACKETP; stores its time
 * in *WHEN (microseconds since the epoch) if WHEN is nonnull.  Returns 0,
 * EOF at the end, or an errno (EPROTO for a malformed file). */
int ovs_pcap_read(struct pcap_file *, struct dp_packet **packetp,
                  long long int *when);

/* Appends PACKET, stamped with the current time, and flushes, so that
 * another process can read the capture at once. */
void ovs_pcap_write(struct pcap_file *, const struct dp_packet *);

#endif /* pcap-file.h */
