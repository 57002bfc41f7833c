/* SPDX-License-Identifier: MIT */
/* stats: streaming moments, the DDSketch quantile sketch and its histogram (see tco/stats.h).
 *
 * Moments follow Welford (1962) for one value at a time and Chan, Golub & LeVeque (1979) for
 * merging two summaries: n = na + nb, delta = mb - ma, mean = ma + delta nb / n,
 * M2 = M2a + M2b + delta^2 na nb / n. Same inputs in the same order give the same bits.
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
 * Counts live in one dense array, counts[i] for key key_lo + i. Upward growth reallocates to
 * 5/4 of the capacity; downward growth shifts the counts and leaves a quarter of the current
 * length of empty keys below the new key, so both directions are amortised O(1) per new key
 * (growth by 5/4 rather than 2: 600 months x 11 options took 263 -> 213 MiB). Empty keys may
 * therefore sit at either end of the array; quantiles and histograms look only at nonempty keys,
 * so nothing observable depends on the order values arrived in. Entries counts[n_keys..cap) are
 * always zero.
 */
#include "tco/stats.h"
#include "tco/xalloc.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ==== moments ============================================================================ */

void tco_moments_init(tco_moments *m)
{
    m->n = 0;
    m->mean = 0.0;
    m->m2 = 0.0;
    m->min = INFINITY;
    m->max = -INFINITY;
}

void tco_moments_add(tco_moments *m, double x)
{
    m->n++;
    double delta = x - m->mean;
    m->mean += delta / (double)m->n;
    m->m2 += delta * (x - m->mean);
    if (x < m->min)
        m->min = x;
    if (x > m->max)
        m->max = x;
}

void tco_moments_merge(tco_moments *dst, const tco_moments *src)
{
    if (src->n == 0)
        return;
    if (dst->n == 0) {
        *dst = *src;
        return;
    }
    double na = (double)dst->n, nb = (double)src->n;
    double n = na + nb;
    double delta = src->mean - dst->mean;
    dst->mean += delta * nb / n;
    dst->m2 += src->m2 + delta * delta * na * nb / n;
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
    return var > 0.0 ? sqrt(var) : 0.0; /* m2 can round to a tiny negative */
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

void tco_sketch_init(tco_sketch *s, double alpha)
{
    assert(alpha >= 1e-6 && alpha < 1.0);
    int k = 1;
    while (1.0 / (ldexp(1.0, k + 1) + 1.0) > alpha)
        k++;
    s->alpha = alpha;
    s->shift = 52 - k;
    /* Keys are below 2^(11 + k) <= 2^30 for alpha >= 1e-6 (k <= 19); downward slack at most
     * triples a span, so every index stays inside int32. */
    s->n = s->n_zero = 0;
    s->key_lo = 0;
    s->n_keys = s->cap = 0;
    s->counts = NULL;
    s->min = INFINITY;
    s->max = -INFINITY;
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
    s->key_lo = 0;
    s->n_keys = 0;
    s->min = INFINITY;
    s->max = -INFINITY;
}

/* Makes key addressable: counts[key - key_lo] exists afterwards. Cold path. */
static void sketch_cover(tco_sketch *s, int32_t key)
{
    if (s->n_keys == 0) {
        if (s->cap == 0) {
            s->cap = SKETCH_MIN_CAP;
            s->counts = tco_xcalloc(s->cap, sizeof *s->counts);
        }
        s->key_lo = key;
        s->n_keys = 1;
        return;
    }
    int64_t lo = s->key_lo, hi = lo + (int64_t)s->n_keys - 1;
    if (key > hi) {
        uint32_t need = (uint32_t)((int64_t)key - lo + 1);
        if (need > s->cap) {
            uint32_t cap = s->cap + s->cap / 4u > need ? s->cap + s->cap / 4u : need;
            s->counts = tco_xreallocarray(s->counts, cap, sizeof *s->counts);
            memset(s->counts + s->cap, 0, (size_t)(cap - s->cap) * sizeof *s->counts);
            s->cap = cap;
        }
        s->n_keys = need;
    } else if (key < lo) {
        /* Leave n_keys / 4 empty keys of slack below so repeated downward steps stay cheap. */
        uint32_t shift = (uint32_t)(lo - key) + s->n_keys / 4u;
        uint32_t need = s->n_keys + shift;
        if (need > s->cap) {
            uint32_t cap = s->cap + s->cap / 4u > need ? s->cap + s->cap / 4u : need;
            uint32_t *counts = tco_xcalloc(cap, sizeof *counts);
            memcpy(counts + shift, s->counts, (size_t)s->n_keys * sizeof *counts);
            free(s->counts);
            s->counts = counts;
            s->cap = cap;
        } else {
            memmove(s->counts + shift, s->counts, (size_t)s->n_keys * sizeof *s->counts);
            memset(s->counts, 0, (size_t)shift * sizeof *s->counts);
        }
        s->key_lo = (int32_t)(lo - shift);
        s->n_keys = need;
    }
}

/* The key of x >= SKETCH_TINY: its exponent and top k mantissa bits (positive doubles order
 * like their bit patterns). */
static inline int32_t sketch_key(const tco_sketch *s, double x)
{
    return (int32_t)tco_sketch_key(s, x);
}

/* The lower edge of bucket key: the smallest double with that key. */
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
    int32_t key = sketch_key(s, x);
    uint32_t i = (uint32_t)((int64_t)key - s->key_lo);
    if ((int64_t)key < s->key_lo || i >= s->n_keys) {
        sketch_cover(s, key);
        i = (uint32_t)((int64_t)key - s->key_lo);
    }
    s->counts[i]++;
}

void tco_sketch_add(tco_sketch *s, double x)
{
    s->n++;
    sketch_add_one(s, x);
}

void tco_sketch_add_array(tco_sketch *s, const double *x, size_t n)
{
    /* Three passes over chunks, each free of the others' dependencies: extremes, keys, counts.
     * Same result as n calls of tco_sketch_add. */
    enum { CHUNK = 256 };
    int32_t keys[CHUNK];
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
        int32_t kmin = INT32_MAX, kmax = INT32_MIN;
        for (size_t i = 0; i < len; i++) {
            keys[i] = sketch_key(s, v[i]);
            kmin = keys[i] < kmin ? keys[i] : kmin;
            kmax = keys[i] > kmax ? keys[i] : kmax;
        }
        sketch_cover(s, kmin);
        sketch_cover(s, kmax);
        const int32_t key_lo = s->key_lo;
        uint32_t *counts = s->counts;
        for (size_t i = 0; i < len; i++)
            counts[keys[i] - key_lo]++;
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
                sketch_cover(s, (int32_t)k);
                s->counts[(int64_t)k - s->key_lo]++;
            }
        }
    } else {
        /* keys order like values: the extremes' keys bound them all */
        sketch_cover(s, sketch_key(s, lo));
        sketch_cover(s, sketch_key(s, hi));
        uint32_t *counts = s->counts;
        const int64_t key_lo = s->key_lo;
        for (size_t i = 0; i < n; i++)
            counts[(int64_t)keys[i * stride] - key_lo]++;
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
    assert(dst->shift == src->shift);
    uint32_t a, b;
    if (sketch_span(src, &a, &b)) {
        int32_t klo = (int32_t)((int64_t)src->key_lo + a);
        int32_t khi = (int32_t)((int64_t)src->key_lo + b);
        sketch_cover(dst, klo);
        sketch_cover(dst, khi);
        uint32_t *d = dst->counts + ((int64_t)klo - dst->key_lo);
        const uint32_t *c = src->counts + a;
        for (uint32_t i = 0; i <= b - a; i++)
            d[i] += c[i];
    }
    dst->n += src->n;
    dst->n_zero += src->n_zero;
    if (src->min < dst->min)
        dst->min = src->min;
    if (src->max > dst->max)
        dst->max = src->max;
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
