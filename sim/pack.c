/* SPDX-License-Identifier: MIT */
/* pack: flat byte buffers of summaries (see tco/pack.h). */
#include "tco/pack.h"

#include <string.h>

tco_packer tco_packer_counting(void)
{
    return (tco_packer){NULL, 0};
}

tco_packer tco_packer_into(unsigned char *buf)
{
    return (tco_packer){buf, 0};
}

tco_unpacker tco_unpacker_of(const void *buf, size_t len)
{
    return (tco_unpacker){buf, len, 0, buf != NULL || len == 0};
}

void tco_pack_bytes(tco_packer *w, const void *p, size_t n)
{
    if (w->buf && n)
        memcpy(w->buf + w->len, p, n);
    w->len += n;
}

void tco_pack_u32(tco_packer *w, uint32_t x)
{
    tco_pack_bytes(w, &x, sizeof x);
}

void tco_pack_i32(tco_packer *w, int32_t x)
{
    tco_pack_bytes(w, &x, sizeof x);
}

void tco_pack_u64(tco_packer *w, uint64_t x)
{
    tco_pack_bytes(w, &x, sizeof x);
}

void tco_pack_f64(tco_packer *w, double x)
{
    tco_pack_bytes(w, &x, sizeof x);
}

void tco_pack_varint(tco_packer *w, uint64_t x)
{
    unsigned char b[10];
    size_t n = 0;
    for (; x >= 0x80; x >>= 7)
        b[n++] = (unsigned char)(x | 0x80);
    b[n++] = (unsigned char)x;
    tco_pack_bytes(w, b, n);
}

void tco_unpack_bytes(tco_unpacker *r, void *p, size_t n)
{
    if (r->ok && n > r->len - r->pos)
        r->ok = false;
    if (!r->ok) {
        if (n)
            memset(p, 0, n);
        return;
    }
    if (n)
        memcpy(p, r->buf + r->pos, n);
    r->pos += n;
}

uint32_t tco_unpack_u32(tco_unpacker *r)
{
    uint32_t x;
    tco_unpack_bytes(r, &x, sizeof x);
    return x;
}

int32_t tco_unpack_i32(tco_unpacker *r)
{
    int32_t x;
    tco_unpack_bytes(r, &x, sizeof x);
    return x;
}

uint64_t tco_unpack_u64(tco_unpacker *r)
{
    uint64_t x;
    tco_unpack_bytes(r, &x, sizeof x);
    return x;
}

double tco_unpack_f64(tco_unpacker *r)
{
    double x;
    tco_unpack_bytes(r, &x, sizeof x);
    return x;
}

uint64_t tco_unpack_varint(tco_unpacker *r)
{
    uint64_t x = 0;
    for (unsigned i = 0; r->ok; i++) {
        if (i == 10 || r->pos == r->len) {
            r->ok = false;
            break;
        }
        const unsigned char b = r->buf[r->pos++];
        /* the tenth byte holds bit 63 alone */
        if (i == 9 && b > 1) {
            r->ok = false;
            break;
        }
        x |= (uint64_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80))
            return x;
    }
    return 0;
}

bool tco_unpack_check(tco_unpacker *r, bool cond)
{
    if (!cond)
        r->ok = false;
    return r->ok;
}

bool tco_unpack_done(const tco_unpacker *r)
{
    return r->ok && r->pos == r->len;
}
