/* SPDX-License-Identifier: MIT */
/* rng: one reproducible taus2 stream per (seed, scenario, [stream,] block) (see tco/rng.h).
 *
 * Why we write the generator's state ourselves. GSL's taus2_set (rng/taus.c, GSL 2.7) takes an
 * unsigned long seed, maps 0 to 1, and fills the three 32-bit words with a 32-bit LCG
 * (69069 s mod 2^32), so at most 2^32 streams exist, seed 0 equals seed 1, and neighbouring seeds
 * give LCG-related states. We want 64-bit seeds and streams indexed by scenario and block that
 * are independent of one another, so we fill the state directly:
 *
 *   key = mix64(mix64(mix64(seed) ^ scenario * C1) ^ block * C2)
 *
 * with mix64 the SplitMix64 output function (Steele, Lea & Flood, OOPSLA 2014), a bijection, and
 * C1, C2 odd (so each product is a bijection of the index). For a fixed (scenario, block) key is a
 * bijection of seed; distinct triples collide only by a 64-bit accident. SplitMix64 run from key
 * (outputs mix64(key), mix64(key + G), ... with G its golden-ratio increment) then gives the
 * three words, the high 32 bits of one output each. taus2 needs s1 >= 2, s2 >= 8, s3 >= 16
 * (L'Ecuyer 1996: the bits the recurrence keeps must not all be zero; GSL's taus2_set adds
 * 2, 8, 16 instead); a word below its bound is redrawn from the next SplitMix64 output.
 * Finally, like taus2_set, we discard six outputs to warm the state up.
 *
 * A named stream (tco_rng_seed_named) puts one more bijective step between scenario and block:
 *
 *   key = mix64(mix64(mix64(mix64(seed) ^ scenario * C1) ^ stream * C3) ^ block * C2)
 *
 * where stream is tco_rng_name_key of the stream's name: the 64-bit FNV-1a hash of its bytes
 * (offset basis cbf29ce484222325, prime 100000001b3), then mix64, so that names that differ in
 * one byte give keys that differ in about half their bits.
 *
 * The state layout is GSL's private `typedef struct { unsigned long int s1, s2, s3; }
 * taus_state_t;` (rng/taus.c). gsl_rng_state() gives its address and gsl_rng_size() its size;
 * we assert both the type and the size so that a different GSL fails loudly, not silently.
 */
#include "tco/rng.h"
#include "tco/xalloc.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Odd 64-bit multipliers for the scenario and block indices (from Steele & Vigna's tables of
 * good LCG multipliers; any odd constant keeps the map a bijection). */
#define C1 UINT64_C(0xd1b54a32d192ed03)
#define C2 UINT64_C(0xaef17502108ef2d9)
#define C3 UINT64_C(0x9e6c63d0676a9a99)
/* FNV-1a, 64-bit (Fowler, Noll & Vo; the IETF draft-eastlake-fnv): offset basis and prime. */
#define FNV64_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV64_PRIME UINT64_C(0x00000100000001b3)
#define SPLITMIX_GAMMA UINT64_C(0x9e3779b97f4a7c15)
/* taus2_set warms up with six draws (GSL rng/taus.c). */
#define WARMUP_DRAWS 6

typedef tco_taus_state taus_state;

const gsl_rng_type *tco_rng_type(void)
{
    return gsl_rng_taus2;
}

uint64_t tco_rng_mix64(uint64_t z)
{
    z += SPLITMIX_GAMMA;
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

gsl_rng *tco_rng_alloc(void)
{
    gsl_rng *r = gsl_rng_alloc(tco_rng_type());
    if (!r) /* same policy as tco_xmalloc: exhaustion is not an input error */
        tco_out_of_memory("a random number generator");
    tco_rng_seed_stream(r, 0, 0, 0);
    return r;
}

/* The next SplitMix64 word's high 32 bits that is at least min. */
static unsigned long next_word(uint64_t *sm, unsigned long min)
{
    for (;;) {
        unsigned long w = (unsigned long)(tco_rng_mix64(*sm) >> 32);
        *sm += SPLITMIX_GAMMA;
        if (w >= min)
            return w;
    }
}

uint64_t tco_rng_fnv1a64(uint64_t h, const void *bytes, size_t n)
{
    const unsigned char *c = bytes;
    for (size_t i = 0; i < n; i++) {
        h ^= c[i];
        h *= FNV64_PRIME;
    }
    return h;
}

uint64_t tco_rng_name_key(const char *name)
{
    return tco_rng_mix64(tco_rng_fnv1a64(FNV64_OFFSET, name, strlen(name)));
}

/* Fills r's state from the SplitMix64 key sm (see the top of the file). */
static void seat_state(gsl_rng *r, uint64_t sm)
{
    assert(r->type == tco_rng_type());
    assert(gsl_rng_size(r) == sizeof(taus_state));
    taus_state *st = gsl_rng_state(r);
    st->s1 = next_word(&sm, 2);
    st->s2 = next_word(&sm, 8);
    st->s3 = next_word(&sm, 16);
    for (int i = 0; i < WARMUP_DRAWS; i++)
        (void)gsl_rng_get(r);
}

void tco_rng_seed_stream(gsl_rng *r, uint64_t seed, uint64_t scenario, uint64_t block)
{
    seat_state(r, tco_rng_mix64(tco_rng_mix64(tco_rng_mix64(seed) ^ scenario * C1) ^ block * C2));
}

void tco_rng_seed_named(gsl_rng *r, uint64_t seed, uint64_t scenario, uint64_t stream,
                        uint64_t block)
{
    const uint64_t s = tco_rng_mix64(tco_rng_mix64(seed) ^ scenario * C1);
    seat_state(r, tco_rng_mix64(tco_rng_mix64(s ^ stream * C3) ^ block * C2));
}
