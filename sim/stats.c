/* SPDX-License-Identifier: MIT */
/* stats: streaming moments, the DDSketch quantile sketch and its histogram (see tco/stats.h).
 *
 * Moments follow Welford (1962) for one value at a time and Chan, Golub & LeVeque (1979) for
 * merging two summaries: n = na + nb, delta = mb - ma, mean = ma + delta nb / n,
 * M2 = M2a + M2b + delta^2 na nb / n, with deltas and M2 in units of a power of two once a
 * value is large enough for delta^2 to overflow (see "moments" below). Same inputs in the same
 * order give the same bits.
 *
 * The sketch is DDSketch (Masson, Rim & Lee, "DDSketch: a fast and fully-mergeable quantile
 * sketch with relative-error guarantees", VLDB 2019) with a mapping read off the float's bits
 * instead of log(): the key of x > 0 is its IEEE-754 bit pattern shifted right so that the
 * exponent and the top k mantissa bits remain. Bucket key holds [lo, hi) with lo = 2^e (1 + j/2^k)
 * and hi = 2^e (1 + (j+1)/2^k), both exact doubles (the key with its low bits put back), and is
 * represented by 2 lo hi / (lo + hi), whose relative error against any value in the bucket is at
 * most (hi - lo) / (hi + lo) <= 1 / (2^(k+1) + 1). k is the smallest that makes this <= alpha
 * (alpha = 0.001: k = 9, 512 buckets an octave where the log mapping has 347). A key costs a
 * shift (measured: the log() mapping's adds were a quarter of a run), the edges need no exp()
 * and no value can round across one.
 *
 * Memory has a bound that does not depend on the values: a sketch holds at most max_keys
 * buckets. When its values would span more, adjacent buckets are merged pairwise, bucket j
 * into j / 2 (one mantissa bit fewer, which is exactly the key shifted one more bit), until the
 * span fits: the uniform collapse of UDDSketch (Epicoco, Melle, Cafaro, Pulimeno & Morleo,
 * IEEE Access 2020). DDSketch's own collapsing stores (sketches-java
 * CollapsingLowestDenseStore) instead fold the lowest buckets into one, which keeps the bound
 * for the upper quantiles and gives none below: a TCO or a month's cost spread over more
 * octaves than the cap would lose its p05 or p50 without a word. Merging pairwise keeps a
 * bound for every quantile, 1/(2^(k+1)+1) at k mantissa bits, stated by
 * tco_sketch_rel_accuracy(); k = 0 (1/3) covers every double >= 2^-997 in 2048 keys. Keys
 * handed in (tco_sketch_key) stay at full resolution and are shifted when counted.
 *
 * Counts live in one dense array, counts[i] for key key_lo + i. Upward growth reallocates to
 * 5/4 of the capacity; downward growth shifts the counts and leaves a quarter of the current
 * length of empty keys below the new key, so both directions are amortised O(1) per new key
 * (growth by 5/4 rather than 2: 600 months x 11 options took 263 -> 213 MiB). Empty keys may
 * therefore sit at either end of the array; quantiles and histograms look only at nonempty keys,
 * so nothing observable depends on the order values arrived in. Entries counts[n_keys..cap) are
 * always zero.
 */
#include "tco/stats.h"
#include "tco/defaults.h"
#include "tco/xalloc.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ==== moments ============================================================================ */

/* M2 grows like n x delta^2 and overflows for costs near 1e160. It is kept as
 * M2 2^(-2 scale_exp) and deltas are taken in units of 2^scale_exp, with scale_exp raised
 * (exactly: a power of two) whenever a value reaches SCALE_LIMIT times the unit. Then a scaled
 * delta stays below 2^481, its square below 2^962 and M2 below n 2^962 < 2^992 for n < 2^30
 * (TCO_MAX_TRIALS), and sd = sqrt(M2 / (n-1)) 2^scale_exp is finite whenever the data are. The
 * mean itself is kept unscaled (it never exceeds the largest |x|). Values below 2^480 (~3e144)
 * never raise scale_exp, so ordinary costs give the bits of the plain Welford update. */
#define SCALE_LIMIT 0x1p480

void tco_moments_init(tco_moments *m)
{
    m->n = 0;
    m->mean = 0.0;
    m->m2 = 0.0;
    m->scale_exp = 0;
    m->min = INFINITY;
    m->max = -INFINITY;
}

/* Raises m's unit to 2^e (e > m->scale_exp); M2 scales by an exact power of four (a part of
 * it below 2^-1022 of the new unit squared may round away: far below M2's own rounding). */
static void moments_rescale(tco_moments *m, int e)
{
    m->m2 = ldexp(m->m2, -2 * (e - m->scale_exp));
    m->scale_exp = e;
}

/* The unit exponent for a value x: |x| 2^-e in [0.5, 1). */
static int unit_exp_of(double x)
{
    int e;
    frexp(x, &e);
    return e;
}

void tco_moments_add(tco_moments *m, double x)
{
    m->n++;
    if (x < m->min)
        m->min = x;
    if (x > m->max)
        m->max = x;
    if (m->scale_exp == 0 && fabs(x) < SCALE_LIMIT) { /* the common case, unscaled */
        double delta = x - m->mean;
        m->mean += delta / (double)m->n;
        m->m2 += delta * (x - m->mean);
        return;
    }
    if (!(fabs(x) < ldexp(SCALE_LIMIT, m->scale_exp)))
        moments_rescale(m, unit_exp_of(x));
    /* ldexp, not a multiplication by 2^-e: 2^e itself overflows for e = 1024 */
    const double xs = ldexp(x, -m->scale_exp), ms = ldexp(m->mean, -m->scale_exp);
    const double delta = xs - ms;
    const double ms_new = ms + delta / (double)m->n;
    m->m2 += delta * (xs - ms_new);
    m->mean = ldexp(ms_new, m->scale_exp);
}

void tco_moments_merge(tco_moments *dst, const tco_moments *src)
{
    if (src->n == 0)
        return;
    if (dst->n == 0) {
        *dst = *src;
        return;
    }
    /* Chan et al. in the larger of the two units; both means are unscaled */
    double m2_src = src->m2;
    if (src->scale_exp > dst->scale_exp)
        moments_rescale(dst, src->scale_exp);
    else if (src->scale_exp < dst->scale_exp)
        m2_src = ldexp(m2_src, -2 * (dst->scale_exp - src->scale_exp));
    double na = (double)dst->n, nb = (double)src->n;
    double n = na + nb;
    if (dst->scale_exp == 0) { /* the plain formula, as before scaling existed */
        double delta = src->mean - dst->mean;
        dst->mean += delta * nb / n;
        dst->m2 += m2_src + delta * delta * na * nb / n;
    } else {
        const int e = dst->scale_exp;
        const double delta = ldexp(src->mean, -e) - ldexp(dst->mean, -e);
        dst->mean = ldexp(ldexp(dst->mean, -e) + delta * nb / n, e);
        dst->m2 += m2_src + delta * delta * na * nb / n;
    }
    dst->n += src->n;
    if (src->min < dst->min)
        dst->min = src->min;
    if (src->max > dst->max)
        dst->max = src->max;
}

double tco_moments_sd(const tco_moments *m)
{
    if (m->n < 2)
        return 0.0;
    double var = m->m2 / (double)(m->n - 1);
    /* m2 can round to a tiny negative */
    return var > 0.0 ? ldexp(sqrt(var), m->scale_exp) : 0.0;
}

double tco_moments_sem(const tco_moments *m)
{
    if (m->n < 2)
        return 0.0;
    return tco_moments_sd(m) / sqrt((double)m->n);
}

void tco_proportion_interval95(double hits, double n, double *lo, double *hi)
{
    if (!(n > 0)) {
        *lo = 0.0;
        *hi = 1.0;
        return;
    }
    const double z = 1.959963984540054; /* the normal's 97.5% point */
    const double z2 = z * z;
    double p = hits / n;
    p = p < 0.0 ? 0.0 : p > 1.0 ? 1.0 : p;
    const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    const double half = z / (1.0 + z2 / n) * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
    /* the exact ends where the count is 0 or n (the formula's rounding would not give them) */
    *lo = p == 0.0 ? 0.0 : centre - half < 0.0 ? 0.0 : centre - half;
    *hi = p == 1.0 ? 1.0 : centre + half > 1.0 ? 1.0 : centre + half;
}

/* ==== DDSketch ============================================================================ */

/* Positive values below this count as zero: subnormal numbers have fewer mantissa bits than
 * the mapping needs, and no cost in this program is that small. */
#define SKETCH_TINY 0x1p-997 /* ~7.5e-301, a bucket edge for every k: x < it iff key(x) < key(it) */
#define SKETCH_MIN_CAP 32u

void tco_sketch_init_capped(tco_sketch *s, double alpha, uint32_t max_keys)
{
    assert(alpha >= 1e-6 && alpha < 1.0);
    assert(max_keys >= TCO_SKETCH_MIN_KEYS && max_keys <= (1u << 27));
    int k = 1;
    while (1.0 / (ldexp(1.0, k + 1) + 1.0) > alpha)
        k++;
    s->alpha = alpha;
    s->key_shift = s->shift = 52 - k;
    s->max_keys = max_keys;
    /* Keys are below 2^(11 + k) <= 2^30 for alpha >= 1e-6 (k <= 19), and the array never spans
     * more than max_keys <= 2^27 keys below the smallest, so every index stays inside int32. */
    s->key_min = UINT32_MAX;
    s->key_max = 0;
    s->n = s->n_zero = 0;
    s->key_lo = 0;
    s->n_keys = s->cap = 0;
    s->counts = NULL;
    s->min = INFINITY;
    s->max = -INFINITY;
}

void tco_sketch_init(tco_sketch *s, double alpha)
{
    tco_sketch_init_capped(s, alpha, TCO_SKETCH_MAX_KEYS);
}

void tco_sketch_fini(tco_sketch *s)
{
    if (!s)
        return;
    free(s->counts);
    s->counts = NULL;
    s->n_keys = s->cap = 0;
    s->n = s->n_zero = 0;
}

void tco_sketch_reset(tco_sketch *s)
{
    if (s->n_keys)
        memset(s->counts, 0, (size_t)s->n_keys * sizeof *s->counts);
    s->n = s->n_zero = 0;
    s->shift = s->key_shift;
    s->key_min = UINT32_MAX;
    s->key_max = 0;
    s->key_lo = 0;
    s->n_keys = 0;
    s->min = INFINITY;
    s->max = -INFINITY;
}

/* ---- the bucket array --------------------------------------------------------------------
 * Invariants: every nonempty bucket lies in [key_min >> d, key_max >> d] (d = shift -
 * key_shift, the pairwise merges so far), the array covers that range, and n_keys <= cap <=
 * max_keys. The resolution is the finest at which that range fits max_keys buckets: a function
 * of key_min and key_max only, hence of the values added and not of their order, which is what
 * keeps merging exact and order-independent. */

/* Grows or moves the array so that it covers current-level keys [lo, hi], which contain every
 * nonempty bucket and span at most max_keys. Cold path. */
static void sketch_cover(tco_sketch *s, int64_t lo, int64_t hi)
{
    assert(hi - lo + 1 <= (int64_t)s->max_keys);
    int64_t new_lo, new_hi;
    if (s->n_keys == 0) {
        new_lo = lo;
        new_hi = hi;
    } else {
        const int64_t cur_lo = s->key_lo, cur_hi = cur_lo + (int64_t)s->n_keys - 1;
        if (lo >= cur_lo && hi <= cur_hi)
            return;
        /* growing downwards leaves n_keys / 4 empty keys of slack below, so repeated downward
         * steps stay cheap; upwards the capacity's 5/4 growth does the same */
        new_lo = lo < cur_lo ? lo - (int64_t)(s->n_keys / 4u) : cur_lo;
        new_hi = hi > cur_hi ? hi : cur_hi;
        if (new_hi - new_lo + 1 > (int64_t)s->max_keys) {
            /* only [lo, hi] holds counts: drop the slack on the side that did not grow */
            if (lo < cur_lo) {
                new_hi = hi;
                if (new_lo < hi - (int64_t)s->max_keys + 1)
                    new_lo = hi - (int64_t)s->max_keys + 1;
            } else {
                new_lo = lo;
                new_hi = hi;
            }
        }
    }
    const uint32_t need = (uint32_t)(new_hi - new_lo + 1);
    const int64_t old_lo = s->key_lo;
    const uint32_t old_n = s->n_keys;
    /* the old counts that stay: all nonempty ones lie in [lo, hi], inside both ranges */
    int64_t keep_lo = old_lo > new_lo ? old_lo : new_lo;
    int64_t keep_hi = old_lo + (int64_t)old_n - 1 < new_hi ? old_lo + (int64_t)old_n - 1 : new_hi;
    if (old_n == 0)
        keep_hi = keep_lo - 1;
    const size_t keep = keep_hi >= keep_lo ? (size_t)(keep_hi - keep_lo + 1) : 0;
    if (need > s->cap) {
        uint32_t cap = s->cap + s->cap / 4u > need ? s->cap + s->cap / 4u : need;
        cap = cap < SKETCH_MIN_CAP ? SKETCH_MIN_CAP : cap;
        cap = cap > s->max_keys ? s->max_keys : cap;
        uint32_t *counts = tco_xcalloc(cap, sizeof *counts);
        if (keep)
            memcpy(counts + (keep_lo - new_lo), s->counts + (keep_lo - old_lo),
                   keep * sizeof *counts);
        free(s->counts);
        s->counts = counts;
        s->cap = cap;
    } else {
        if (keep)
            memmove(s->counts + (keep_lo - new_lo), s->counts + (keep_lo - old_lo),
                    keep * sizeof *s->counts);
        /* zero everything else that was or will be in use */
        const size_t used = need > old_n ? need : old_n;
        const size_t a = keep ? (size_t)(keep_lo - new_lo) : used;
        const size_t b = keep ? a + keep : used;
        memset(s->counts, 0, a * sizeof *s->counts);
        if (used > b)
            memset(s->counts + b, 0, (used - b) * sizeof *s->counts);
    }
    s->key_lo = (int32_t)new_lo;
    s->n_keys = need;
}

/* Merges buckets pairwise until full-resolution keys [kmin, kmax] fit: the new shift, and
 * the counts folded into a new array covering exactly that range. Cold path (at most 52 times
 * in a sketch's life). */
static void sketch_collapse(tco_sketch *s, int shift, uint32_t kmin, uint32_t kmax)
{
    const int d_old = s->shift - s->key_shift, d_new = shift - s->key_shift;
    const int64_t new_lo = kmin >> d_new, new_hi = kmax >> d_new;
    uint32_t *counts = tco_xcalloc(s->max_keys, sizeof *counts);
    for (uint32_t i = 0; i < s->n_keys; i++) {
        if (s->counts[i] == 0)
            continue;
        /* a nonempty key is a real key (>= the key of 2^-997 > 0), so it shifts as unsigned */
        const uint32_t key = (uint32_t)((int64_t)s->key_lo + i);
        counts[(int64_t)(key >> (d_new - d_old)) - new_lo] += s->counts[i];
    }
    free(s->counts);
    s->counts = counts;
    s->cap = s->max_keys;
    s->key_lo = (int32_t)new_lo;
    s->n_keys = (uint32_t)(new_hi - new_lo + 1);
    s->shift = shift;
}

/* Makes full-resolution keys [klo, khi] addressable: widens [key_min, key_max], merges buckets
 * when the span needs it, grows the array. Cold path. */
static void sketch_reserve(tco_sketch *s, uint32_t klo, uint32_t khi)
{
    const uint32_t kmin = klo < s->key_min ? klo : s->key_min;
    const uint32_t kmax = khi > s->key_max ? khi : s->key_max;
    int shift = s->shift;
    while ((kmax >> (shift - s->key_shift)) - (kmin >> (shift - s->key_shift)) + 1 >
           s->max_keys)
        shift++;
    assert(shift <= 52); /* max_keys >= TCO_SKETCH_MIN_KEYS: one bucket an octave always fits */
    s->key_min = kmin;
    s->key_max = kmax;
    if (shift != s->shift) {
        sketch_collapse(s, shift, kmin, kmax);
        return;
    }
    const int d = shift - s->key_shift;
    sketch_cover(s, kmin >> d, kmax >> d);
}

/* The lower edge of bucket key (at the current resolution): the smallest double in it. */
static double sketch_edge(const tco_sketch *s, int64_t key)
{
    const uint64_t bits = (uint64_t)key << s->shift;
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

static inline void sketch_add_one(tco_sketch *s, double x)
{
    assert(x >= 0.0 && x <= DBL_MAX); /* also rejects NaN and +inf */
    if (x < s->min)
        s->min = x;
    if (x > s->max)
        s->max = x;
    if (x < SKETCH_TINY) {
        s->n_zero++;
        return;
    }
    const uint32_t key = tco_sketch_key(s, x);
    if (key < s->key_min || key > s->key_max)
        sketch_reserve(s, key, key);
    s->counts[(int64_t)(key >> (s->shift - s->key_shift)) - s->key_lo]++;
}

void tco_sketch_add(tco_sketch *s, double x)
{
    s->n++;
    sketch_add_one(s, x);
}

/* counts[(keys[i stride] >> d) - key_lo]++ for i < n, every key inside [key_min, key_max]. */
static void sketch_count_keys(tco_sketch *s, const uint32_t *keys, size_t n, size_t stride)
{
    uint32_t *counts = s->counts;
    const int64_t key_lo = s->key_lo;
    const int d = s->shift - s->key_shift;
    if (d == 0) { /* full resolution: the engine's hot loop */
        for (size_t i = 0; i < n; i++)
            counts[(int64_t)keys[i * stride] - key_lo]++;
    } else {
        for (size_t i = 0; i < n; i++)
            counts[(int64_t)(keys[i * stride] >> d) - key_lo]++;
    }
}

void tco_sketch_add_array(tco_sketch *s, const double *x, size_t n)
{
    /* Three passes over chunks, each free of the others' dependencies: extremes, keys, counts.
     * Same result as n calls of tco_sketch_add. */
    enum { CHUNK = 256 };
    uint32_t keys[CHUNK];
    s->n += n;
    for (size_t start = 0; start < n; start += CHUNK) {
        const size_t len = n - start < CHUNK ? n - start : CHUNK;
        const double *v = x + start;
        double lo = s->min, hi = s->max;
        bool all_positive = true;
        for (size_t i = 0; i < len; i++) {
            assert(v[i] >= 0.0 && v[i] <= DBL_MAX);
            lo = v[i] < lo ? v[i] : lo;
            hi = v[i] > hi ? v[i] : hi;
            all_positive &= v[i] >= SKETCH_TINY;
        }
        if (!all_positive) { /* rare: zeros take the one-by-one path */
            for (size_t i = 0; i < len; i++)
                sketch_add_one(s, v[i]);
            continue;
        }
        s->min = lo;
        s->max = hi;
        uint32_t kmin = UINT32_MAX, kmax = 0;
        for (size_t i = 0; i < len; i++) {
            keys[i] = tco_sketch_key(s, v[i]);
            kmin = keys[i] < kmin ? keys[i] : kmin;
            kmax = keys[i] > kmax ? keys[i] : kmax;
        }
        if (kmin < s->key_min || kmax > s->key_max)
            sketch_reserve(s, kmin, kmax);
        sketch_count_keys(s, keys, len, 1);
    }
}

void tco_sketch_add_keys(tco_sketch *s, const uint32_t *keys, size_t n, size_t stride, double lo,
                         double hi)
{
    if (n == 0)
        return;
    assert(lo >= 0.0 && lo <= hi && hi <= DBL_MAX);
    if (lo < SKETCH_TINY) { /* rare: zeros among them, the key decides which */
        const uint32_t tiny = tco_sketch_key(s, SKETCH_TINY);
        for (size_t i = 0; i < n; i++) {
            const uint32_t k = keys[i * stride];
            if (k < tiny) {
                s->n_zero++;
            } else {
                if (k < s->key_min || k > s->key_max)
                    sketch_reserve(s, k, k);
                sketch_count_keys(s, &k, 1, 1);
            }
        }
    } else {
        /* keys order like values: the extremes' keys bound them all */
        const uint32_t klo = tco_sketch_key(s, lo), khi = tco_sketch_key(s, hi);
        if (klo < s->key_min || khi > s->key_max)
            sketch_reserve(s, klo, khi);
        sketch_count_keys(s, keys, n, stride);
    }
    s->n += n;
    if (lo < s->min)
        s->min = lo;
    if (hi > s->max)
        s->max = hi;
}

/* First and last nonempty index of counts; false when there is none. */
static int sketch_span(const tco_sketch *s, uint32_t *first, uint32_t *last)
{
    uint32_t a = 0, b = s->n_keys;
    while (a < b && s->counts[a] == 0)
        a++;
    if (a == b)
        return 0;
    while (s->counts[b - 1] == 0)
        b--;
    *first = a;
    *last = b - 1;
    return 1;
}

void tco_sketch_merge(tco_sketch *dst, const tco_sketch *src)
{
    assert(dst->key_shift == src->key_shift && dst->max_keys == src->max_keys);
    uint32_t a, b;
    if (src->key_min <= src->key_max && sketch_span(src, &a, &b)) {
        if (src->key_min < dst->key_min || src->key_max > dst->key_max)
            sketch_reserve(dst, src->key_min, src->key_max);
        /* dst's resolution is the one the union of both needs, never finer than src's */
        assert(dst->shift >= src->shift);
        const int d = dst->shift - src->shift;
        const int64_t klo = (int64_t)src->key_lo + a;
        const uint32_t *c = src->counts + a;
        if (d == 0) {
            uint32_t *to = dst->counts + (klo - dst->key_lo);
            for (uint32_t i = 0; i <= b - a; i++)
                to[i] += c[i];
        } else {
            for (uint32_t i = 0; i <= b - a; i++)
                if (c[i])
                    dst->counts[(int64_t)((uint32_t)(klo + i) >> d) - dst->key_lo] += c[i];
        }
    }
    dst->n += src->n;
    dst->n_zero += src->n_zero;
    if (src->min < dst->min)
        dst->min = src->min;
    if (src->max > dst->max)
        dst->max = src->max;
}

double tco_sketch_rel_accuracy(const tco_sketch *s)
{
    const int k = 52 - s->shift;
    return 1.0 / (ldexp(1.0, k + 1) + 1.0);
}

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

double tco_sketch_quantile(const tco_sketch *s, double q)
{
    assert(q >= 0.0 && q <= 1.0);
    if (s->n == 0)
        return NAN;
    if (q == 0.0)
        return s->min;
    if (q == 1.0)
        return s->max;
    /* Lower quantile: the order statistic of 0-based rank floor(q (n-1)). */
    uint64_t rank = (uint64_t)floor(q * (double)(s->n - 1));
    if (rank < s->n_zero)
        return clamp(0.0, s->min, s->max);
    uint64_t seen = s->n_zero;
    for (uint32_t i = 0; i < s->n_keys; i++) {
        seen += s->counts[i];
        if (seen > rank) {
            const int64_t key = (int64_t)s->key_lo + i;
            const double lo = sketch_edge(s, key), hi = sketch_edge(s, key + 1);
            const double v = 2.0 / (1.0 / lo + 1.0 / hi); /* 2 lo hi / (lo + hi), no overflow */
            /* Clamping keeps the bound: the true value also lies in [min, max]. */
            return clamp(v, s->min, s->max);
        }
    }
    return s->max; /* unreachable while n == n_zero + sum(counts) */
}

/* A zeroed GSL histogram of n bins. We build the struct ourselves instead of calling
 * gsl_histogram_alloc so that running out of memory follows tco_x*'s policy (exit 70) rather than
 * returning NULL, which here means "empty sketch". gsl_histogram_free releases it with free(). */
static gsl_histogram *hist_new(size_t n)
{
    gsl_histogram *h = tco_xmalloc(sizeof *h);
    h->n = n;
    h->range = tco_xcalloc(n + 1, sizeof *h->range);
    h->bin = tco_xcalloc(n, sizeof *h->bin);
    return h;
}

gsl_histogram *tco_sketch_histogram(const tco_sketch *s, size_t max_bins)
{
    assert(max_bins >= 1);
    if (s->n == 0)
        return NULL;
    uint32_t a, b;
    int have_pos = sketch_span(s, &a, &b);
    int zero_bin = s->n_zero > 0;

    if (!have_pos) {
        /* Only zeros (or values below 2^-997): one bin [0, 1). */
        gsl_histogram *h = hist_new(1);
        h->range[0] = 0.0;
        h->range[1] = 1.0;
        h->bin[0] = (double)s->n_zero;
        return h;
    }

    /* A separate zero bin needs a second bin; with max_bins == 1 the zeros join the single bin,
     * whose low edge becomes 0. */
    int separate_zero = zero_bin && max_bins >= 2;
    size_t pos_bins = max_bins - (separate_zero ? 1u : 0u);
    size_t span = (size_t)(b - a) + 1u;
    size_t per_bin = (span + pos_bins - 1) / pos_bins;
    size_t n_pos = (span + per_bin - 1) / per_bin;
    size_t n_bins = n_pos + (separate_zero ? 1u : 0u);

    gsl_histogram *h = hist_new(n_bins);
    double *r = h->range;
    int64_t k0 = (int64_t)s->key_lo + a; /* first nonempty key */
    int64_t k1 = (int64_t)s->key_lo + b; /* last nonempty key */
    size_t j = 0;
    if (separate_zero)
        r[j++] = 0.0;
    for (size_t i = 0; i <= n_pos; i++) {
        int64_t k = k0 + (int64_t)(i * per_bin);
        r[j++] = sketch_edge(s, k < k1 + 1 ? k : k1 + 1);
    }
    if (zero_bin && !separate_zero)
        r[0] = 0.0;
    /* Every value lies in [lower edge of its key, lower edge of the next): no widening needed. */
    assert(s->min >= r[0] && s->max < r[n_bins]);
    for (size_t i = 0; i < n_bins; i++)
        assert(r[i] < r[i + 1]);

    j = 0;
    if (separate_zero)
        h->bin[j++] = (double)s->n_zero;
    else if (zero_bin)
        h->bin[0] = (double)s->n_zero; /* the zeros share the single bin */
    for (size_t i = 0; i < span; i++)
        h->bin[j + i / per_bin] += (double)s->counts[a + i];
    return h;
}

/* ==== signed quantiles (tco_signed_sketch) ================================================= */

void tco_signed_sketch_init(tco_signed_sketch *s, double alpha)
{
    tco_sketch_init(&s->pos, alpha);
    tco_sketch_init(&s->neg, alpha);
    s->n_zero = 0;
}

void tco_signed_sketch_fini(tco_signed_sketch *s)
{
    if (!s)
        return;
    tco_sketch_fini(&s->pos);
    tco_sketch_fini(&s->neg);
}

void tco_signed_sketch_reset(tco_signed_sketch *s)
{
    tco_sketch_reset(&s->pos);
    tco_sketch_reset(&s->neg);
    s->n_zero = 0;
}

void tco_signed_sketch_add(tco_signed_sketch *s, double x)
{
    assert(isfinite(x));
    if (x > 0)
        tco_sketch_add(&s->pos, x);
    else if (x < 0)
        tco_sketch_add(&s->neg, -x);
    else
        s->n_zero++;
}

void tco_signed_sketch_merge(tco_signed_sketch *dst, const tco_signed_sketch *src)
{
    tco_sketch_merge(&dst->pos, &src->pos);
    tco_sketch_merge(&dst->neg, &src->neg);
    dst->n_zero += src->n_zero;
}

uint64_t tco_signed_sketch_count(const tco_signed_sketch *s)
{
    return s->neg.n + s->n_zero + s->pos.n;
}

/* The order statistic of 0-based rank k < s->n of one sketch. tco_sketch_quantile takes a
 * fraction and uses rank floor(q (n-1)); q = (k + 1/2) / (n-1) lands on k whatever the
 * rounding of the product (an error far below 1/2 for n < 2^52). The extremes are exact. */
static double sketch_rank(const tco_sketch *s, uint64_t k)
{
    assert(k < s->n);
    if (k == 0)
        return tco_sketch_quantile(s, 0.0);
    if (k + 1 == s->n)
        return tco_sketch_quantile(s, 1.0);
    return tco_sketch_quantile(s, ((double)k + 0.5) / (double)(s->n - 1));
}

/* The order statistic of rank r of all values: negatives (most negative first), zeros,
 * positives. Each comes from one sketch at an exact rank, so the sketch's bound carries over. */
static double signed_rank(const tco_signed_sketch *s, uint64_t r)
{
    const uint64_t nn = s->neg.n, nz = s->n_zero;
    if (r < nn)
        return -sketch_rank(&s->neg, nn - 1 - r);
    if (r < nn + nz)
        return 0.0;
    return sketch_rank(&s->pos, r - nn - nz);
}

double tco_signed_sketch_quantile(const tco_signed_sketch *s, double q, bool negate)
{
    assert(q >= 0.0 && q <= 1.0);
    const uint64_t n = tco_signed_sketch_count(s);
    if (n == 0)
        return NAN;
    const uint64_t k = (uint64_t)floor(q * (double)(n - 1));
    /* rank k of -x is rank n-1-k of x, so the two directions agree exactly */
    double v = negate ? -signed_rank(s, n - 1 - k) : signed_rank(s, k);
    return v == 0 ? 0.0 : v; /* no -0 */
}

/* Positives and negated negatives each reach their sketch in one array call, a chunk at a
 * time. */
void tco_signed_sketch_add_array(tco_signed_sketch *s, const double *x, size_t n)
{
    enum { CHUNK = 256 };
    double pos[CHUNK], neg[CHUNK];
    for (size_t from = 0; from < n; from += CHUNK) {
        const size_t to = n - from < CHUNK ? n : from + CHUNK;
        size_t np = 0, nn = 0;
        for (size_t i = from; i < to; i++) {
            if (x[i] > 0)
                pos[np++] = x[i];
            else if (x[i] < 0)
                neg[nn++] = -x[i];
            else
                s->n_zero++;
        }
        tco_sketch_add_array(&s->pos, pos, np);
        tco_sketch_add_array(&s->neg, neg, nn);
    }
}

/* The smallest width of the form {1, 2, 5} x 10^e that covers [lo, hi] with at most n bins whose
 * edges are multiples of it: round edges read well, and integer multiples of a whole width are
 * exact doubles, so every bin has the very same width. */
static double nice_width(double lo, double hi, size_t n)
{
    static const double steps[] = {1.0, 2.0, 5.0};
    double w = pow(10.0, floor(log10((hi - lo) / (double)n)));
    for (;; w *= 10.0)
        for (size_t i = 0; i < 3; i++) {
            const double c = w * steps[i];
            if (floor(hi / c) - floor(lo / c) + 1.0 <= (double)n)
                return c;
        }
}

gsl_histogram *tco_sketch_histogram_equal(const tco_sketch *s, size_t max_bins)
{
    assert(max_bins >= 1);
    if (s->n == 0)
        return NULL;
    const double lo_v = s->min, hi_v = s->max;
    double w = 1.0;
    if (hi_v > lo_v)
        w = nice_width(lo_v, hi_v, max_bins);
    else if (hi_v > 0.0)
        w = pow(10.0, floor(log10(hi_v))); /* one value: one bin of a round width holding it */
    const double first = floor(lo_v / w);
    const size_t n_bins = (size_t)(floor(hi_v / w) - first) + 1u;
    gsl_histogram *h = hist_new(n_bins);
    for (size_t i = 0; i <= n_bins; i++)
        h->range[i] = (first + (double)i) * w;
    if (s->n_zero)
        h->bin[0] += (double)s->n_zero; /* min is 0 then, in bin 0 */
    uint32_t a, b;
    if (sketch_span(s, &a, &b)) {
        for (uint32_t i = a; i <= b; i++) {
            if (!s->counts[i])
                continue;
            const int64_t k = (int64_t)s->key_lo + i;
            /* the bucket's middle, kept within the exact extremes */
            double mid = 0.5 * (sketch_edge(s, k) + sketch_edge(s, k + 1));
            mid = mid < lo_v ? lo_v : mid > hi_v ? hi_v : mid;
            double j = floor(mid / w) - first;
            j = j < 0 ? 0 : j > (double)(n_bins - 1) ? (double)(n_bins - 1) : j;
            h->bin[(size_t)j] += (double)s->counts[i];
        }
    }
    return h;
}

/* ==== packed summaries ====================================================================== */

void tco_moments_pack(tco_packer *w, const tco_moments *m)
{
    tco_pack_u64(w, m->n);
    tco_pack_f64(w, m->mean);
    tco_pack_f64(w, m->m2);
    tco_pack_i32(w, m->scale_exp);
    tco_pack_f64(w, m->min);
    tco_pack_f64(w, m->max);
}

void tco_moments_unpack(tco_unpacker *r, tco_moments *m)
{
    m->n = tco_unpack_u64(r);
    m->mean = tco_unpack_f64(r);
    m->m2 = tco_unpack_f64(r);
    m->scale_exp = tco_unpack_i32(r);
    m->min = tco_unpack_f64(r);
    m->max = tco_unpack_f64(r);
}

void tco_sketch_pack(tco_packer *w, const tco_sketch *s)
{
    tco_pack_f64(w, s->alpha);
    tco_pack_i32(w, s->key_shift);
    tco_pack_i32(w, s->shift);
    tco_pack_u32(w, s->max_keys);
    tco_pack_u32(w, s->key_min);
    tco_pack_u32(w, s->key_max);
    tco_pack_u64(w, s->n);
    tco_pack_u64(w, s->n_zero);
    tco_pack_i32(w, s->key_lo);
    tco_pack_u32(w, s->n_keys);
    /* A block's sketch holds its 2,048 values over some 10,000 buckets: only the non-empty
     * ones go, each as its gap from the one after the previous and its count, two varints
     * (measured on the bench scenario: a block summary 1.6 MB -> 190 KB, which MPI moves
     * between the ranks a fragment at a time) */
    uint32_t non_empty = 0;
    for (uint32_t i = 0; i < s->n_keys; i++)
        non_empty += s->counts[i] != 0;
    tco_pack_u32(w, non_empty);
    for (uint32_t i = 0, next = 0; i < s->n_keys; i++)
        if (s->counts[i]) {
            tco_pack_varint(w, i - next);
            tco_pack_varint(w, s->counts[i]);
            next = i + 1;
        }
    tco_pack_f64(w, s->min);
    tco_pack_f64(w, s->max);
}

void tco_sketch_unpack(tco_unpacker *r, tco_sketch *s)
{
    const double alpha = tco_unpack_f64(r);
    const int32_t key_shift = tco_unpack_i32(r), shift = tco_unpack_i32(r);
    const uint32_t max_keys = tco_unpack_u32(r);
    /* a sketch of another shape would not merge with this run's (tco_sketch_merge asserts) */
    if (!tco_unpack_check(r, alpha == s->alpha && key_shift == s->key_shift &&
                                 max_keys == s->max_keys && shift >= key_shift && shift <= 52))
        return;
    const uint32_t key_min = tco_unpack_u32(r), key_max = tco_unpack_u32(r);
    const uint64_t n = tco_unpack_u64(r), n_zero = tco_unpack_u64(r);
    const int32_t key_lo = tco_unpack_i32(r);
    const uint32_t n_keys = tco_unpack_u32(r), non_empty = tco_unpack_u32(r);
    /* every non-empty bucket takes two bytes at least: no allocation for bytes not there */
    if (!tco_unpack_check(r, n_keys <= max_keys && non_empty <= n_keys &&
                                 2 * (size_t)non_empty <= r->len - r->pos))
        return;
    if (n_keys > s->cap) {
        free(s->counts);
        s->counts = tco_xcalloc(n_keys, sizeof *s->counts);
        s->cap = n_keys;
    } else if (s->cap) {
        memset(s->counts, 0, (size_t)s->cap * sizeof *s->counts);
    }
    for (uint64_t k = 0, next = 0; k < non_empty; k++) {
        const uint64_t i = next + tco_unpack_varint(r), count = tco_unpack_varint(r);
        if (!tco_unpack_check(r, i < n_keys && count > 0 && count <= UINT32_MAX))
            return;
        s->counts[i] = (uint32_t)count;
        next = i + 1;
    }
    s->shift = shift;
    s->key_min = key_min;
    s->key_max = key_max;
    s->n = n;
    s->n_zero = n_zero;
    s->key_lo = key_lo;
    s->n_keys = n_keys;
    s->min = tco_unpack_f64(r);
    s->max = tco_unpack_f64(r);
}

void tco_signed_sketch_pack(tco_packer *w, const tco_signed_sketch *s)
{
    tco_sketch_pack(w, &s->pos);
    tco_sketch_pack(w, &s->neg);
    tco_pack_u64(w, s->n_zero);
}

void tco_signed_sketch_unpack(tco_unpacker *r, tco_signed_sketch *s)
{
    tco_sketch_unpack(r, &s->pos);
    tco_sketch_unpack(r, &s->neg);
    s->n_zero = tco_unpack_u64(r);
}
