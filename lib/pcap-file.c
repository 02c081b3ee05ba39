/* pcap-file.c: pcap capture files (see pcap-file.h). */
#include <config.h>
#include "pcap-file.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "byte-order.h"
#include "dp-packet.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(pcap);

#define PCAP_MAGIC_USEC 0xa1b2c3d4
#define PCAP_MAGIC_NSEC 0xa1b23c4d
#define PCAP_LINKTYPE_ETHERNET 1
#define PCAP_SNAPLEN 262144     /* Largest record we accept. */

struct pcap_hdr {
    uint32_t magic_number;
    uint16_t version_major;     /* 2 */
    uint16_t version_minor;     /* 4 */
    int32_t thiszone;           /* GMT offset, always 0. */
    uint32_t sigfigs;           /* Always 0. */
    uint32_t snaplen;           /* Largest packet. */
    uint32_t network;           /* Link type. */
};
BUILD_ASSERT_DECL(sizeof(struct pcap_hdr) == 24);

struct pcaprec_hdr {
    uint32_t ts_sec;
    uint32_t ts_subsec;         /* Microseconds or nanoseconds. */
    uint32_t incl_len;          /* Bytes in the file. */
    uint32_t orig_len;          /* Bytes on the wire. */
};
BUILD_ASSERT_DECL(sizeof(struct pcaprec_hdr) == 16);

struct pcap_file {
    FILE *file;
    bool swapped;               /* Reading a file of the other byte order. */
    bool nsec;                  /* Reading nanosecond timestamps. */
};

static uint32_t
pcap_u32(const struct pcap_file *p, uint32_t x)
{
    return p->swapped ? __builtin_bswap32(x) : x;
}

static int
pcap_read_header(struct pcap_file *p)
{
    struct pcap_hdr ph;

    if (fread(&ph, sizeof ph, 1, p->file) != 1) {
        return ferror(p->file) ? errno : EPROTO;
    }
    switch (ph.magic_number) {
    case PCAP_MAGIC_USEC: p->swapped = false; p->nsec = false; break;
    case PCAP_MAGIC_NSEC: p->swapped = false; p->nsec = true; break;
    default:
        if (ph.magic_number == __builtin_bswap32(PCAP_MAGIC_USEC)) {
            p->swapped = true;
            p->nsec = false;
        } else if (ph.magic_number == __builtin_bswap32(PCAP_MAGIC_NSEC)) {
            p->swapped = true;
            p->nsec = true;
        } else {
            VLOG_WARN("bad magic 0x%08"PRIx32" reading pcap file "
                      "(expected 0x%08x or 0x%08x)", ph.magic_number,
                      PCAP_MAGIC_USEC, PCAP_MAGIC_NSEC);
            return EPROTO;
        }
    }
    return 0;
}

static void
pcap_write_header(struct pcap_file *p)
{
    struct pcap_hdr ph = {
        .magic_number = PCAP_MAGIC_USEC,
        .version_major = 2,
        .version_minor = 4,
        .snaplen = PCAP_SNAPLEN,
        .network = PCAP_LINKTYPE_ETHERNET,
    };

    ovs_ignore(fwrite(&ph, sizeof ph, 1, p->file));
    fflush(p->file);
}

struct pcap_file *
ovs_pcap_open(const char *file_name, const char *mode)
{
    struct pcap_file *p;
    struct stat s;
    int error;

    ovs_assert(!strcmp(mode, "rb") || !strcmp(mode, "wb")
               || !strcmp(mode, "ab"));
    p = xzalloc(sizeof *p);
    p->file = fopen(file_name, mode);
    if (!p->file) {
        error = errno;
        VLOG_WARN("%s: failed to open pcap file for %s (%s)", file_name,
                  mode[0] == 'r' ? "reading" : "writing",
                  ovs_strerror(error));
        free(p);
        errno = error;
        return NULL;
    }
    if (mode[0] == 'r') {
        error = pcap_read_header(p);
        if (error) {
            VLOG_WARN("%s: not a pcap file", file_name);
            fclose(p->file);
            free(p);
            errno = error;
            return NULL;
        }
    } else if (mode[0] == 'w' || (!fstat(fileno(p->file), &s)
                                  && !s.st_size)) {
        pcap_write_header(p);
    }
    return p;
}

void
ovs_pcap_close(struct pcap_file *p)
{
    if (p) {
        fclose(p->file);
        free(p);
    }
}

int
ovs_pcap_read(struct pcap_file *p, struct dp_packet **packetp,
              long long int *when)
{
    struct pcaprec_hdr prh;
    struct dp_packet *packet;
    uint32_t len;

    *packetp = NULL;
    if (fread(&prh, sizeof prh, 1, p->file) != 1) {
        return ferror(p->file) ? errno : EOF;
    }
    len = pcap_u32(p, prh.incl_len);
    if (len > PCAP_SNAPLEN) {
        VLOG_WARN("bad packet length %"PRIu32" in pcap file", len);
        return EPROTO;
    }
    packet = dp_packet_new_with_headroom(len, DP_PACKET_HEADROOM);
    if (len && fread(dp_packet_put_uninit(packet, len), len, 1, p->file)
        != 1) {
        int error = ferror(p->file) ? errno : EOF;

        dp_packet_delete(packet);
        return error;
    }
    if (when) {
        uint32_t sub = pcap_u32(p, prh.ts_subsec);

        *when = ((long long int) pcap_u32(p, prh.ts_sec) * 1000000
                 + (p->nsec ? sub / 1000 : sub));
    }
    *packetp = packet;
    return 0;
}

void
ovs_pcap_write(struct pcap_file *p, const struct dp_packet *packet)
{
    long long int now = time_wall_usec();
    struct pcaprec_hdr prh = {
        .ts_sec = now / 1000000,
        .ts_subsec = now % 1000000,
        .incl_len = dp_packet_size(packet),
        .orig_len = dp_packet_size(packet),
    };

    ovs_ignore(fwrite(&prh, sizeof prh, 1, p->file));
    ovs_ignore(fwrite(dp_packet_data(packet), dp_packet_size(packet), 1,
                  p->file));
    fflush(p->file);
}
