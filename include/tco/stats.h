/* SPDX-License-Identifier: MIT */
/* stats: mergeable streaming summaries whose memory does not grow with the trial count, nor
 * with the values.
 *
 * - tco_moments: count, mean, M2 (Welford 1962; merged with Chan, Golub & LeVeque 1979), min,
 *   max, with M2 kept scaled by a power of two so that it cannot overflow: mean, sd and se are
 *   finite for any finite inputs of magnitude up to DBL_MAX / 2. Merging the same summaries in
 *   the same order gives bit-identical results.
 * - tco_sketch: DDSketch (Masson, Rim & Lee, VLDB 2019), keyed by the float's exponent and top
 *   mantissa bits (see stats.c), with relative accuracy alpha: every quantile it returns is
 *   within a factor (1 +- alpha) of the exact order statistic of the values added (lower
 *   quantile convention: rank floor(q (n-1))), as long as its values span at most
 *   max_keys / 2^k octaves (max / min, 2^k buckets an octave). Beyond that its buckets are
 *   merged pairwise, uniformly (UDDSketch, Epicoco et al. 2020), until the span fits: each
 *   merge halves the buckets an octave and roughly doubles alpha, for every quantile alike;
 *   tco_sketch_rel_accuracy() gives the bound then guaranteed. So a sketch never holds more
 *   than max_keys counts (4 bytes each), whatever the values. Values >= 0; zero is counted
 *   exactly (positive values below 2^-997, ~7.5e-301, count as zeros). Buckets are integer
 *   counts and the resolution depends only on the smallest and largest value added, so
 *   merging is exact and order-independent. Buckets live in one dense array covering at least
 *   the smallest to the largest key seen (the ends may hold empty keys left as growth slack).
 * - tco_sketch_histogram: the sketch's buckets coarsened into at most max_bins GSL histogram
 *   bins with exact counts (bin edges are bucket edges: 2^k buckets of equal width in every
 *   octave, k = 9 for alpha = 0.001). A bucket holds values in [low, high), like a GSL bin.
 * - tco_signed_sketch: values of either sign (paired differences), as the DDSketch paper builds
 *   it (section 2.2): the positive values in one tco_sketch, the negated negative values in
 *   another, exact zeros counted; the same bound, and merging as exact.
 */
#ifndef TCO_STATS_H
#define TCO_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <gsl/gsl_histogram.h>

#include "tco/pack.h"

/* ---- moments --------------------------------------------------------------------------- */

typedef struct tco_moments {
    uint64_t n;
    double mean;
    double m2;       /* sum of squared deviations from the mean, times 2^(-2 scale_exp) */
    int scale_exp;   /* 0 until a value of magnitude >= 2^480 arrives (see stats.c) */
    double min, max; /* +inf and -inf while n == 0 */
} tco_moments;

void tco_moments_init(tco_moments *m);
void tco_moments_add(tco_moments *m, double x);
/* dst := dst followed by src. */
void tco_moments_merge(tco_moments *dst, const tco_moments *src);
/* Sample standard deviation (n-1); 0 when n < 2. */
double tco_moments_sd(const tco_moments *m);
/* Standard error of the mean, sd / sqrt(n); 0 when n < 2. */
double tco_moments_sem(const tco_moments *m);

/* A 95% interval [*lo, *hi] for a probability estimated as `hits` of `n` trials (hits may be
 * fractional: a tie shares a trial), by Wilson's score method: unlike p +- 1.96 SE it never
 * collapses to a point where no trial or every trial counts (0 of n gives [0, ~3.84/n]).
 * n = 0 gives [0, 1]. SPEC §6. */
void tco_proportion_interval95(double hits, double n, double *lo, double *hi);

/* ---- DDSketch -------------------------------------------------------------------------- */

typedef struct tco_sketch {
    double alpha;         /* the relative accuracy asked for */
    int key_shift;        /* key = bits >> key_shift: 52 - k keeps k mantissa bits */
    int shift;            /* bucket = bits >> shift; shift - key_shift pairwise merges so far */
    uint32_t max_keys;    /* most buckets (counts[]) the sketch may hold */
    uint32_t key_min;     /* smallest and largest key of a value >= 2^-997; */
    uint32_t key_max;     /* key_min > key_max while there is none */
    uint64_t n;           /* values added, zeros included */
    uint64_t n_zero;      /* values == 0 (and below the smallest representable key) */
    int32_t key_lo;       /* key of counts[0] */
    uint32_t n_keys;      /* length of counts */
    uint32_t cap;         /* allocated length of counts */
    uint32_t *counts;     /* counts[i]: values with key key_lo + i; 32 bits halve the cache
                           * footprint and hold TCO_MAX_TRIALS (1e9) */
    double min, max;      /* exact extremes of the values added */
} tco_sketch;

/* alpha in [1e-6, 1) (smaller alpha would overflow the int32 keys: assert); at most max_keys
 * buckets, max_keys in [TCO_SKETCH_MIN_KEYS, 2^27] (assert): alpha holds while the values
 * span at most max_keys / 2^k octaves (file comment). Allocation only on first add; the
 * counts never take more than 4 max_keys bytes. */
#define TCO_SKETCH_MIN_KEYS 2048u /* one bucket an octave covers every double >= 2^-997 */
void tco_sketch_init_capped(tco_sketch *s, double alpha, uint32_t max_keys);
/* tco_sketch_init_capped with TCO_SKETCH_MAX_KEYS (tco/defaults.h). */
void tco_sketch_init(tco_sketch *s, double alpha);
void tco_sketch_fini(tco_sketch *s);
/* Empties the sketch, keeping its memory for reuse; it starts again at full resolution. */
void tco_sketch_reset(tco_sketch *s);
/* Adds a finite x >= 0 (a negative, infinite or NaN x is a programming error: assert). */
void tco_sketch_add(tco_sketch *s, double x);
/* Adds x[0..n-1]; the same as n calls of tco_sketch_add, in one call (the engine's hot path). */
void tco_sketch_add_array(tco_sketch *s, const double *x, size_t n);
/* The key of a finite x >= 0 under s's mapping at full resolution (see stats.c); keys order
 * like values, and do not change when the sketch merges its buckets. Inline: the engine
 * computes keys where it makes the values and adds them later in batches. */
static inline uint32_t tco_sketch_key(const tco_sketch *s, double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    return (uint32_t)(bits >> s->key_shift);
}
/* Adds n values given by their keys keys[0], keys[stride], ... (tco_sketch_key) and their exact
 * smallest and largest value lo and hi: the same as adding the values one by one. */
void tco_sketch_add_keys(tco_sketch *s, const uint32_t *keys, size_t n, size_t stride, double lo,
                         double hi);
/* dst += src; both must have the same alpha and max_keys. */
void tco_sketch_merge(tco_sketch *dst, const tco_sketch *src);
/* Quantile q in [0,1]; NAN when empty. q = 0 and q = 1 return the exact min and max. */
double tco_sketch_quantile(const tco_sketch *s, double q);
/* The relative accuracy every quantile of s is guaranteed now: alpha's bound 1/(2^(k+1)+1) at
 * the resolution it asked for, larger after pairwise merges (1/3 at the coarsest). */
double tco_sketch_rel_accuracy(const tco_sketch *s);

/* A new GSL histogram of at most max_bins >= 1 bins covering every value added (caller frees
 * with gsl_histogram_free); NULL when the sketch is empty. Zeros, when present, get a bin
 * [0, first bucket's lower edge) (when max_bins == 1 they share the one bin, whose low edge is
 * then 0); a sketch of zeros only gives the single bin [0, 1). Counts are exact. Out of memory
 * exits 70 like tco_xmalloc. */
gsl_histogram *tco_sketch_histogram(const tco_sketch *s, size_t max_bins);

/* ---- signed quantiles ------------------------------------------------------------------ */

typedef struct tco_signed_sketch {
    tco_sketch pos;  /* values > 0 */
    tco_sketch neg;  /* -x for values x < 0 */
    uint64_t n_zero; /* values == 0 exactly */
} tco_signed_sketch;

/* alpha as for tco_sketch_init; allocates nothing until the first add. */
void tco_signed_sketch_init(tco_signed_sketch *s, double alpha);
void tco_signed_sketch_fini(tco_signed_sketch *s);
void tco_signed_sketch_reset(tco_signed_sketch *s);
/* Adds a finite x of either sign (NaN or infinity is a programming error: assert). */
void tco_signed_sketch_add(tco_signed_sketch *s, double x);
/* Adds x[0..n-1]; the same as n calls of tco_signed_sketch_add, in array calls. */
void tco_signed_sketch_add_array(tco_signed_sketch *s, const double *x, size_t n);
/* dst += src (same alpha); exact and order-independent like tco_sketch_merge. */
void tco_signed_sketch_merge(tco_signed_sketch *dst, const tco_signed_sketch *src);
uint64_t tco_signed_sketch_count(const tco_signed_sketch *s);
/* Quantile q in [0,1] of the values added (negated first when `negate`), with the convention
 * of tco_sketch_quantile: the lower order statistic of 0-based rank floor(q (n-1)), within a
 * factor (1 +- alpha) of its exact value, of the same sign, and exactly 0 when it is 0; q = 0
 * and 1 give the exact extremes. NAN when empty. */
double tco_signed_sketch_quantile(const tco_signed_sketch *s, double q, bool negate);

/* A new GSL histogram of at most max_bins >= 1 bins of one width in money (SPEC §9), a round
 * width ({1, 2, 5} x 10^e), edges its multiples, from the bin holding the smallest value added
 * to the one holding the largest; NULL when the sketch is empty. Each bucket's count goes to
 * the bin holding the bucket's middle (kept within the exact min and max), so a value within
 * tco_sketch_rel_accuracy() of itself of a bin edge may be counted in the neighbouring bin;
 * counts sum to the values added. */
gsl_histogram *tco_sketch_histogram_equal(const tco_sketch *s, size_t max_bins);

/* ---- packed summaries (tco/pack.h: the ranks of an MPI run send them to each other) ----- */

/* Each writes every field, bit for bit; unpack replaces *m (*s) with what was packed, so that
 * merging the unpacked summary gives the same bits as merging the original. A sketch unpacks
 * only into one initialised with the same alpha and max_keys (else r->ok is cleared: the ranks
 * disagree, or the bytes are not a sketch), counts and all; its memory is reused or grown.
 * A sketch's counts go as its non-empty buckets only (gap and count, two varints each): a
 * bucket outside n_keys, or a count of zero, is refused. */
void tco_moments_pack(tco_packer *w, const tco_moments *m);
void tco_moments_unpack(tco_unpacker *r, tco_moments *m);
void tco_sketch_pack(tco_packer *w, const tco_sketch *s);
void tco_sketch_unpack(tco_unpacker *r, tco_sketch *s);
void tco_signed_sketch_pack(tco_packer *w, const tco_signed_sketch *s);
void tco_signed_sketch_unpack(tco_unpacker *r, tco_signed_sketch *s);

#endif
