/* SPDX-License-Identifier: MIT */
/* pack: summaries as flat byte buffers, for the processes of one run to send each other
 * (SPEC §13, MPI).
 *
 * Values are copied as their bytes in the machine's own order and width (doubles as IEEE 754
 * bits): every rank of a run is the same binary on the same architecture, so a packed summary
 * is read back bit for bit, and nothing is converted. Counts that are mostly small (a sketch's
 * buckets) may go as varints instead: 7 bits a byte, low bits first, the high bit set on every
 * byte but the last (LEB128). Not a file format: never stored, never
 * read by another build.
 *
 * One function writes a summary both to count its bytes and to fill a buffer: a tco_packer with
 * no buffer only counts (packed size), one with a buffer of that size writes. A tco_unpacker
 * reads; a read past the end, or a value the reader refuses, clears `ok`, and every read after
 * that gives zeros, so a reader checks `ok` once at the end.
 */
#ifndef TCO_PACK_H
#define TCO_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tco_packer {
    unsigned char *buf; /* NULL: count only */
    size_t len;         /* bytes written (or counted) so far */
} tco_packer;

typedef struct tco_unpacker {
    const unsigned char *buf;
    size_t len, pos;
    bool ok;
} tco_unpacker;

/* A packer that only counts, and one that writes into buf (room for what it will write: the
 * count of the same summary). */
tco_packer tco_packer_counting(void);
tco_packer tco_packer_into(unsigned char *buf);
tco_unpacker tco_unpacker_of(const void *buf, size_t len);

void tco_pack_bytes(tco_packer *w, const void *p, size_t n);
void tco_pack_u32(tco_packer *w, uint32_t x);
void tco_pack_i32(tco_packer *w, int32_t x);
void tco_pack_u64(tco_packer *w, uint64_t x);
void tco_pack_f64(tco_packer *w, double x);
void tco_pack_varint(tco_packer *w, uint64_t x); /* 1 byte below 128, at most 10 */

/* Each reads the next value (zeros once !ok). */
void tco_unpack_bytes(tco_unpacker *r, void *p, size_t n);
uint32_t tco_unpack_u32(tco_unpacker *r);
int32_t tco_unpack_i32(tco_unpacker *r);
uint64_t tco_unpack_u64(tco_unpacker *r);
double tco_unpack_f64(tco_unpacker *r);
/* Refuses (clears ok) a varint longer than 10 bytes or past 64 bits. */
uint64_t tco_unpack_varint(tco_unpacker *r);
/* Clears ok when `cond` is false (a value the reader refuses); returns r->ok. */
bool tco_unpack_check(tco_unpacker *r, bool cond);
/* Whether every byte was read and nothing was refused. */
bool tco_unpack_done(const tco_unpacker *r);

#endif
