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

#endif
