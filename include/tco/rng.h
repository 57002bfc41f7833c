/* SPDX-License-Identifier: MIT */
/* rng: independent, reproducible random streams for (seed, scenario, [named stream,] block).
 *
 * GSL's seeding functions use only 32 bits of a seed (and 0 means 4357 for MT), so streams
 * seeded with gsl_rng_set(seed + block) would collide and correlate. Instead each stream's
 * whole state is filled from SplitMix64 (Steele, Lea & Flood, OOPSLA 2014) applied to a mix of
 * the 64-bit seed, the scenario index and the block index. The generator is GSL's taus2
 * (L'Ecuyer 1996; period 2^88), the fastest well-tested one in PERF-NOTES.md.
 */
#ifndef TCO_RNG_H
#define TCO_RNG_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

/* The GSL generator type every stream uses. */
const gsl_rng_type *tco_rng_type(void);

/* A new generator of tco_rng_type() (caller frees with gsl_rng_free) positioned at the start of
 * stream (0, 0, 0); seat it with tco_rng_seed_stream. Out of memory exits 70 like tco_xmalloc.
 * Thread-safe: touches no shared state. */
gsl_rng *tco_rng_alloc(void);

/* Re-seats an existing generator of tco_rng_type() on stream (seed, scenario, block): every
 * 64-bit value of each argument is valid, 0 included. */
void tco_rng_seed_stream(gsl_rng *r, uint64_t seed, uint64_t scenario, uint64_t block);

/* Re-seats r on the named stream (seed, scenario, stream, block), stream a tco_rng_name_key:
 * the engine gives a trial's workload and each plan's price cells streams of their own, so that
 * loading one more sheet draws nothing differently for the others (SPEC §6). */
void tco_rng_seed_named(gsl_rng *r, uint64_t seed, uint64_t scenario, uint64_t stream,
                        uint64_t block);

/* The key of a name: mix64 of the 64-bit FNV-1a hash of its bytes (without the '\0'). */
uint64_t tco_rng_name_key(const char *name);

/* 64-bit FNV-1a of n bytes, continuing from h (start from 0xcbf29ce484222325). */
uint64_t tco_rng_fnv1a64(uint64_t h, const void *bytes, size_t n);

/* SplitMix64's output function: a bijective 64-bit mixer. */
uint64_t tco_rng_mix64(uint64_t x);

/* taus2's state as GSL lays it out (rng/taus.c; tco_rng_seed_stream asserts its size). */
typedef struct tco_taus_state {
    unsigned long int s1, s2, s3;
} tco_taus_state;

/* gsl_rng_uniform(r): the same number, the same next state, but for the engine's generator
 * computed here instead of through GSL's two indirect calls (the spike test of every
 * trial-month: measured 40 instructions a draw through GSL, 15 here). taus2 is L'Ecuyer's
 * three-component Tausworthe generator (Math. Comp. 65, 1996), with the parameters GSL's
 * taus2 uses; the 32-bit words live in unsigned longs. Any other generator (a mirror) goes to
 * gsl_rng_uniform. */
static inline double tco_rng_uniform(gsl_rng *r)
{
    if (r->type != gsl_rng_taus2)
        return gsl_rng_uniform(r);
    tco_taus_state *st = (tco_taus_state *)r->state;
    const uint32_t s1 = (uint32_t)st->s1, s2 = (uint32_t)st->s2, s3 = (uint32_t)st->s3;
    const uint32_t t1 = ((s1 & 4294967294u) << 12) ^ (((s1 << 13) ^ s1) >> 19);
    const uint32_t t2 = ((s2 & 4294967288u) << 4) ^ (((s2 << 2) ^ s2) >> 25);
    const uint32_t t3 = ((s3 & 4294967280u) << 17) ^ (((s3 << 3) ^ s3) >> 11);
    st->s1 = t1;
    st->s2 = t2;
    st->s3 = t3;
    return (t1 ^ t2 ^ t3) / 4294967296.0;
}

#endif
