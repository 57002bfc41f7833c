/* SPDX-License-Identifier: MIT */
/* Unit tests for stats: moments (known answers, merge), DDSketch (quantiles against exact order
 * statistics, exact merge, zeros, extremes, reset) and the sketch's histogram. */
#include "tco/stats.h"
#include "tco/defaults.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>

#define N_BIG 100000

static const double quantile_qs[] = {0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0};
#define N_QS (sizeof quantile_qs / sizeof quantile_qs[0])

/* Test data from GSL's mt19937 with a fixed seed, so these tests do not depend on tco rng. */
static double *lognormal_data(size_t n, unsigned long seed, double zeta, double sigma)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(r);
    gsl_rng_set(r, seed);
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    for (size_t i = 0; i < n; i++)
        x[i] = gsl_ran_lognormal(r, zeta, sigma);
    gsl_rng_free(r);
    return x;
}

static void assert_close_rel(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want)))
        fail_msg("got %.17g, want %.17g within relative %g", got, want, rel);
}

/* The sketch's count for one key (0 outside its array). */
static uint64_t count_at(const tco_sketch *s, int64_t key)
{
    if (s->n_keys == 0 || key < s->key_lo || key >= (int64_t)s->key_lo + s->n_keys)
        return 0;
    return s->counts[key - s->key_lo];
}

/* Every quantile of quantile_qs within relative alpha of the exact lower order statistic. The
 * 1e-12 slack is the rounding of the representative's own arithmetic, not a looser bound. */
static void check_quantiles(const tco_sketch *s, double *x, size_t n, double alpha)
{
    double *sorted = malloc(n * sizeof *sorted);
    assert_non_null(sorted);
    memcpy(sorted, x, n * sizeof *sorted);
    gsl_sort(sorted, 1, n);
    for (size_t i = 0; i < N_QS; i++) {
        double q = quantile_qs[i];
        double exact = sorted[(size_t)floor(q * (double)(n - 1))];
        double got = tco_sketch_quantile(s, q);
        if (q == 0.0 || q == 1.0)
            assert_true(got == exact);
        else
            assert_close_rel(got, exact, alpha * (1.0 + 1e-12));
    }
    free(sorted);
}

/* ==== moments =========================================================================== */

static void moments_of_known_values_should_match_hand_computation(void **state)
{
    (void)state;
    /* 2 4 4 4 5 5 7 9: sum 40, mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32;
     * sd = sqrt(32/7) = 2.1380899352993950; sem = sd / sqrt(8) = 0.7559289460184544. */
    static const double v[] = {2, 4, 4, 4, 5, 5, 7, 9};
    tco_moments m;
    tco_moments_init(&m);
    for (size_t i = 0; i < 8; i++)
        tco_moments_add(&m, v[i]);
    assert_int_equal(m.n, 8);
    assert_close_rel(m.mean, 5.0, 1e-15);
    assert_close_rel(m.m2, 32.0, 1e-15);
    assert_true(m.min == 2.0 && m.max == 9.0);
    assert_close_rel(tco_moments_sd(&m), 2.1380899352993950, 1e-15);
    assert_close_rel(tco_moments_sem(&m), 0.7559289460184544, 1e-15);
}

static void moments_of_fewer_than_two_values_should_have_zero_sd(void **state)
{
    (void)state;
    tco_moments m;
    tco_moments_init(&m);
    assert_int_equal(m.n, 0);
    assert_true(tco_moments_sd(&m) == 0.0 && tco_moments_sem(&m) == 0.0);
    tco_moments_add(&m, -3.5);
    assert_true(m.mean == -3.5 && m.min == -3.5 && m.max == -3.5);
    assert_true(tco_moments_sd(&m) == 0.0 && tco_moments_sem(&m) == 0.0);
}

static void moments_merge_of_halves_should_equal_one_pass(void **state)
{
    (void)state;
    double *x = lognormal_data(N_BIG, 11, 3.0, 1.0);
    tco_moments all, a, b, c, a2;
    tco_moments_init(&all);
    tco_moments_init(&a);
    tco_moments_init(&b);
    for (size_t i = 0; i < N_BIG; i++) {
        tco_moments_add(&all, x[i]);
        tco_moments_add(i < N_BIG / 3 ? &a : &b, x[i]);
    }
    a2 = a;
    tco_moments_merge(&a, &b);
    assert_int_equal(a.n, all.n);
    assert_close_rel(a.mean, all.mean, 1e-12);
    assert_close_rel(a.m2, all.m2, 1e-12);
    assert_true(a.min == all.min && a.max == all.max);
    /* Deterministic: the same merge again gives the same bits. */
    tco_moments_merge(&a2, &b);
    assert_memory_equal(&a, &a2, sizeof a);
    /* Merging with an empty summary changes nothing, on either side. */
    tco_moments_init(&c);
    tco_moments_merge(&a2, &c);
    assert_memory_equal(&a, &a2, sizeof a);
    tco_moments_merge(&c, &a);
    assert_memory_equal(&a, &c, sizeof a);
    free(x);
}


/* Plain Welford, the oracle for ordinary values: the scaled form must give its very bits. */
static void plain_welford(const double *x, size_t n, double *mean, double *m2)
{
    double mu = 0, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        double delta = x[i] - mu;
        mu += delta / (double)(i + 1);
        s2 += delta * (x[i] - mu);
    }
    *mean = mu;
    *m2 = s2;
}

static void moments_of_ordinary_values_should_be_plain_welford_bit_for_bit(void **state)
{
    (void)state;
    double *x = lognormal_data(N_BIG, 11, 10.0, 2.0);
    tco_moments m;
    tco_moments_init(&m);
    for (size_t i = 0; i < N_BIG; i++)
        tco_moments_add(&m, x[i]);
    double mean, m2;
    plain_welford(x, N_BIG, &mean, &m2);
    assert_int_equal(m.scale_exp, 0);
    assert_true(m.mean == mean && m.m2 == m2);
    assert_true(tco_moments_sd(&m) == sqrt(m2 / (N_BIG - 1)));
    free(x);
}

/* Values near 1e300 (the plain update squares deltas of 1e300: inf). {1, 2, 3, 4} x 1e300:
 * mean 2.5e300, M2 = (2.25 + 0.25 + 0.25 + 2.25) 1e600 = 5e600, sd = sqrt(5/3) 1e300 =
 * 1.2909944487358056e300, se = sd / 2. */
static void moments_near_1e300_should_be_finite_and_right(void **state)
{
    (void)state;
    tco_moments m;
    tco_moments_init(&m);
    for (int i = 1; i <= 4; i++)
        tco_moments_add(&m, i * 1e300);
    assert_close_rel(m.mean, 2.5e300, 1e-15);
    assert_close_rel(tco_moments_sd(&m), 1.2909944487358056e300, 1e-15);
    assert_close_rel(tco_moments_sem(&m), 0.6454972243679028e300, 1e-15);
    /* The extremes of double range: {-1e308, 1e308}: mean 0, sd = sqrt(2) 1e308. */
    tco_moments e;
    tco_moments_init(&e);
    tco_moments_add(&e, -1e308);
    tco_moments_add(&e, 1e308);
    assert_true(fabs(e.mean) <= 1e292);
    assert_close_rel(tco_moments_sd(&e), 1.4142135623730951e308, 1e-15);
    /* A stream of 1e300-sized values against the same stream scaled down by 2^1000 (exact):
     * the moments scale back exactly as far as rounding goes. */
    double *x = lognormal_data(N_BIG, 12, 0.0, 0.5);
    tco_moments big, small;
    tco_moments_init(&big);
    tco_moments_init(&small);
    for (size_t i = 0; i < N_BIG; i++) {
        tco_moments_add(&big, ldexp(x[i], 996)); /* ~6.7e299 */
        tco_moments_add(&small, x[i]);
    }
    assert_true(isfinite(big.mean) && isfinite(tco_moments_sd(&big)));
    assert_close_rel(big.mean, ldexp(small.mean, 996), 1e-12);
    assert_close_rel(tco_moments_sd(&big), ldexp(tco_moments_sd(&small), 996), 1e-12);
    assert_close_rel(tco_moments_sem(&big), ldexp(tco_moments_sem(&small), 996), 1e-12);
    free(x);
}

/* Merging in block order: the same bits every time, and the one-pass answer to rounding, when
 * blocks of ordinary values meet blocks of 1e300 values in either order. */
static void moments_merge_should_stay_exact_across_scales(void **state)
{
    (void)state;
    enum { BLOCK = 2048, N_BLOCKS = 8 };
    double *x = lognormal_data(BLOCK * N_BLOCKS, 13, 0.0, 0.3);
    for (size_t i = 0; i < BLOCK * N_BLOCKS; i++)
        if ((i / BLOCK) % 3 == 1)
            x[i] = ldexp(x[i], 990); /* every third block ~1e298 */
    tco_moments one, blocks[N_BLOCKS], merged, again;
    tco_moments_init(&one);
    for (size_t i = 0; i < BLOCK * N_BLOCKS; i++)
        tco_moments_add(&one, x[i]);
    for (size_t b = 0; b < N_BLOCKS; b++) {
        tco_moments_init(&blocks[b]);
        for (size_t i = 0; i < BLOCK; i++)
            tco_moments_add(&blocks[b], x[b * BLOCK + i]);
    }
    tco_moments_init(&merged);
    tco_moments_init(&again);
    for (size_t b = 0; b < N_BLOCKS; b++) {
        tco_moments_merge(&merged, &blocks[b]);
        tco_moments_merge(&again, &blocks[b]);
    }
    assert_true(memcmp(&merged, &again, sizeof merged) == 0);
    assert_true(merged.n == one.n && merged.min == one.min && merged.max == one.max);
    assert_close_rel(merged.mean, one.mean, 1e-12);
    assert_close_rel(tco_moments_sd(&merged), tco_moments_sd(&one), 1e-12);
    /* the known answer: 1/3 of the values ~ 2^990 times larger, so the mean is about
     * 2^990 x 3/8 x E[x] and sd of the same order: finite */
    assert_true(isfinite(tco_moments_sd(&merged)) && tco_moments_sd(&merged) > 1e297);
    free(x);
}

/* ==== sketch ============================================================================ */

static void sketch_quantiles_should_be_within_alpha_of_order_statistics(void **state)
{
    (void)state;
    static const double alphas[] = {0.001, 0.01, 0.05};
    double *x = lognormal_data(N_BIG, 42, 8.0, 1.5);
    for (size_t k = 0; k < 3; k++) {
        tco_sketch s; /* sigma 1.5 spans ~19 octaves: a cap that keeps full resolution */
        tco_sketch_init_capped(&s, alphas[k], 1u << 20);
        for (size_t i = 0; i < N_BIG; i++)
            tco_sketch_add(&s, x[i]);
        assert_int_equal(s.n, N_BIG);
        assert_true(tco_sketch_rel_accuracy(&s) <= alphas[k]);
        check_quantiles(&s, x, N_BIG, alphas[k]);
        tco_sketch_fini(&s);
    }
    free(x);
}

static void sketch_merge_should_equal_sketch_of_union_bucket_by_bucket(void **state)
{
    (void)state;
    double *x = lognormal_data(N_BIG, 7, 2.0, 2.0);
    for (size_t i = 0; i < N_BIG; i += 97)
        x[i] = 0.0;
    tco_sketch all, a, b;
    tco_sketch_init(&all, 0.01);
    tco_sketch_init(&a, 0.01);
    tco_sketch_init(&b, 0.01);
    for (size_t i = 0; i < N_BIG; i++)
        tco_sketch_add(&all, x[i]);
    /* Different halves, b in reverse order, so the arrays grow differently. */
    for (size_t i = 0; i < N_BIG; i += 2)
        tco_sketch_add(&a, x[i]);
    for (size_t i = N_BIG; i-- > 0;)
        if (i % 2)
            tco_sketch_add(&b, x[i]);
    tco_sketch_merge(&a, &b);
    assert_int_equal(a.n, all.n);
    assert_int_equal(a.n_zero, all.n_zero);
    assert_true(a.min == all.min && a.max == all.max);
    int64_t lo = a.key_lo < all.key_lo ? a.key_lo : all.key_lo;
    int64_t hi_a = (int64_t)a.key_lo + a.n_keys, hi_all = (int64_t)all.key_lo + all.n_keys;
    for (int64_t k = lo; k < (hi_a > hi_all ? hi_a : hi_all); k++)
        assert_int_equal(count_at(&a, k), count_at(&all, k));
    for (size_t i = 0; i <= 100; i++)
        assert_true(tco_sketch_quantile(&a, i / 100.0) == tco_sketch_quantile(&all, i / 100.0));
    /* Merging into an empty sketch copies; merging an empty one changes nothing. */
    tco_sketch e;
    tco_sketch_init(&e, 0.01);
    tco_sketch_merge(&e, &all);
    tco_sketch_reset(&b);
    tco_sketch_merge(&e, &b);
    assert_int_equal(e.n, all.n);
    for (int64_t k = all.key_lo; k < hi_all; k++)
        assert_int_equal(count_at(&e, k), count_at(&all, k));
    tco_sketch_fini(&e);
    tco_sketch_fini(&all);
    tco_sketch_fini(&a);
    tco_sketch_fini(&b);
    free(x);
}

static void sketch_should_count_zeros_exactly(void **state)
{
    (void)state;
    tco_sketch s;
    tco_sketch_init(&s, 0.01);
    for (int i = 0; i < 10; i++)
        tco_sketch_add(&s, 0.0);
    tco_sketch_add(&s, 1e-310); /* below 2^-997: counted with the zeros */
    for (int i = 0; i < 9; i++)
        tco_sketch_add(&s, 5.0);
    assert_int_equal(s.n, 20);
    assert_int_equal(s.n_zero, 11);
    assert_true(tco_sketch_quantile(&s, 0.0) == 0.0);
    assert_true(tco_sketch_quantile(&s, 0.5) == 0.0); /* rank 9 < 11 zeros */
    assert_close_rel(tco_sketch_quantile(&s, 0.6), 5.0, 0.01);
    assert_true(tco_sketch_quantile(&s, 1.0) == 5.0);
    tco_sketch_fini(&s);

    tco_sketch z;
    tco_sketch_init(&z, 0.01);
    tco_sketch_add(&z, 0.0);
    tco_sketch_add(&z, 0.0);
    assert_true(tco_sketch_quantile(&z, 0.5) == 0.0);
    gsl_histogram *h = tco_sketch_histogram(&z, 10);
    assert_non_null(h);
    assert_int_equal(h->n, 1);
    assert_true(h->range[0] == 0.0 && h->range[1] == 1.0 && h->bin[0] == 2.0);
    gsl_histogram_free(h);
    tco_sketch_fini(&z);
}

static void sketch_of_one_value_should_return_it_for_every_q(void **state)
{
    (void)state;
    tco_sketch s;
    tco_sketch_init(&s, 0.02);
    assert_true(isnan(tco_sketch_quantile(&s, 0.5)));
    assert_null(tco_sketch_histogram(&s, 10));
    tco_sketch_add(&s, 1234.5678);
    for (size_t i = 0; i < N_QS; i++)
        assert_true(tco_sketch_quantile(&s, quantile_qs[i]) == 1234.5678); /* clamped */
    gsl_histogram *h = tco_sketch_histogram(&s, 10);
    assert_int_equal(h->n, 1);
    assert_true(h->range[0] < 1234.5678 && 1234.5678 <= h->range[1] && h->bin[0] == 1.0);
    gsl_histogram_free(h);
    tco_sketch_fini(&s);
}

/* histogram.csv's bins (SPEC §9): one width for every bin, a round one, edges its multiples. */
static void equal_histogram_should_have_one_round_width_and_every_count(void **state)
{
    (void)state;
    tco_sketch s;
    tco_sketch_init(&s, 0.001);
    assert_null(tco_sketch_histogram_equal(&s, 40));
    for (int v = 1; v <= 1000; v++)
        tco_sketch_add(&s, (double)v);
    /* (1000 - 1) / 40 bins = 24.975: width 10 needs floor(1000/10) - 0 + 1 = 101 bins, 20 needs
     * 51, 50 needs 21 <= 40: 21 bins [0, 50), ..., [1000, 1050) */
    gsl_histogram *h = tco_sketch_histogram_equal(&s, 40);
    assert_int_equal(h->n, 21);
    double total = 0;
    for (size_t b = 0; b < h->n; b++) {
        assert_true(h->range[b] == 50.0 * (double)b);
        assert_true(h->range[b + 1] - h->range[b] == 50.0); /* exactly, every bin */
        /* exact: 49 values in [0, 50), 50 in each later bin, 1 (1000) in the last; a value
         * within 0.1% of an edge (here only the edge value itself, its bucket straddling the
         * edge) may sit in the neighbour bin: +-1 */
        const double exact = b == 0 ? 49.0 : b == 20 ? 1.0 : 50.0;
        assert_true(fabs(h->bin[b] - exact) <= 1.0);
        total += h->bin[b];
    }
    assert_true(total == 1000.0);
    gsl_histogram_free(h);

    /* zeros and tens, 5 each: (10 - 0) / 40 = 0.25: widths 0.1 (101 bins), 0.2 (51), 0.5
     * (21): the zeros in [0, 0.5), the tens in [10, 10.5) */
    tco_sketch_reset(&s);
    for (int i = 0; i < 5; i++) {
        tco_sketch_add(&s, 0.0);
        tco_sketch_add(&s, 10.0);
    }
    h = tco_sketch_histogram_equal(&s, 40);
    assert_int_equal(h->n, 21);
    assert_true(h->bin[0] == 5.0 && h->bin[20] == 5.0);
    assert_true(h->range[20] == 10.0 && h->range[21] == 10.5);
    gsl_histogram_free(h);

    /* one value, 123, ten times: one bin of width 10^floor(log10 123) = 100, [100, 200) */
    tco_sketch_reset(&s);
    for (int i = 0; i < 10; i++)
        tco_sketch_add(&s, 123.0);
    h = tco_sketch_histogram_equal(&s, 40);
    assert_int_equal(h->n, 1);
    assert_true(h->range[0] == 100.0 && h->range[1] == 200.0 && h->bin[0] == 10.0);
    gsl_histogram_free(h);

    /* a single bin asked for: everything in it */
    tco_sketch_reset(&s);
    tco_sketch_add(&s, 3.0);
    tco_sketch_add(&s, 7777.0);
    h = tco_sketch_histogram_equal(&s, 1);
    assert_int_equal(h->n, 1);
    assert_true(h->range[0] <= 3.0 && 7777.0 < h->range[1] && h->bin[0] == 2.0);
    gsl_histogram_free(h);
    tco_sketch_fini(&s);
}

/* The worst cases of the bit mapping: values at the lower edge and just below the upper edge of
 * the widest buckets (the bottom of each octave), for several alphas, over many octaves. */
static void sketch_should_keep_its_bound_at_bucket_edges(void **state)
{
    (void)state;
    static const double alphas[] = {0.001, 0.01, 0.05, 1e-6};
    enum { N_EDGE = 4 * 80 };
    double x[N_EDGE];
    for (size_t k = 0; k < sizeof alphas / sizeof alphas[0]; k++) {
        tco_sketch s; /* 80 octaves at full resolution (2^19 keys an octave for 1e-6) */
        tco_sketch_init_capped(&s, alphas[k], 1u << 27);
        const double width = ldexp(1.0, s.shift - 52); /* a bucket at the bottom of an octave */
        size_t n = 0;
        for (int e = -40; e < 40; e++) {
            const double lo = ldexp(1.0, e), hi = ldexp(1.0 + width, e);
            x[n++] = lo;
            x[n++] = nextafter(hi, 0.0);
            x[n++] = hi;
            x[n++] = nextafter(lo, 0.0); /* the top of the octave below */
        }
        for (size_t i = 0; i < n; i++) {
            tco_sketch one; /* two octaves */
            tco_sketch_init_capped(&one, alphas[k], 1u << 21);
            tco_sketch_add(&one, x[i]);
            tco_sketch_add(&one, x[i] * 0.5); /* so that clamping to min and max cannot help */
            tco_sketch_add(&one, x[i] * 2.0);
            assert_close_rel(tco_sketch_quantile(&one, 0.5), x[i], alphas[k] * (1.0 + 1e-12));
            tco_sketch_fini(&one);
            tco_sketch_add(&s, x[i]);
        }
        check_quantiles(&s, x, n, alphas[k]);
        tco_sketch_fini(&s);
    }
}

static void sketch_should_keep_its_bound_over_fifteen_decades(void **state)
{
    (void)state;
    /* Log-uniform on [1e-3, 1e12], added in decreasing then increasing order so the array
     * grows downwards and upwards. */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 3);
    double *x = malloc(N_BIG * sizeof *x);
    for (size_t i = 0; i < N_BIG; i++)
        x[i] = pow(10.0, gsl_ran_flat(r, -3.0, 12.0));
    x[0] = 1e-3;
    x[1] = 1e12;
    gsl_rng_free(r);
    double *desc = malloc(N_BIG * sizeof *desc);
    memcpy(desc, x, N_BIG * sizeof *desc);
    gsl_sort(desc, 1, N_BIG);
    tco_sketch s;
    tco_sketch_init(&s, 0.005);
    for (size_t i = N_BIG; i-- > 0;)
        tco_sketch_add(&s, desc[i]);
    check_quantiles(&s, x, N_BIG, 0.005);
    tco_sketch_reset(&s);
    for (size_t i = 0; i < N_BIG; i++)
        tco_sketch_add(&s, desc[i]);
    check_quantiles(&s, x, N_BIG, 0.005);
    /* 15 decades = 50 octaves x 128 keys fit the default 8192: no bucket was merged */
    assert_true(tco_sketch_rel_accuracy(&s) == 1.0 / 257.0);
    /* The extremes of double range, 1993 octaves: merged pairwise down to 4 keys an octave
     * (7972 keys <= 8192; 8 an octave would need 15944), so the bound is 1/(2^3+1) = 1/9. */
    tco_sketch_reset(&s);
    tco_sketch_add(&s, 1e-300);
    tco_sketch_add(&s, 1e300);
    tco_sketch_add(&s, 1.0);
    assert_true(tco_sketch_rel_accuracy(&s) == 1.0 / 9.0);
    assert_true(s.cap <= TCO_SKETCH_MAX_KEYS);
    assert_close_rel(tco_sketch_quantile(&s, 0.5), 1.0, (1.0 / 9.0) * (1.0 + 1e-12));
    /* a reset sketch starts at full resolution again */
    tco_sketch_reset(&s);
    tco_sketch_add(&s, 3.0);
    assert_true(tco_sketch_rel_accuracy(&s) == 1.0 / 257.0);
    tco_sketch_fini(&s);
    free(desc);
    free(x);
}

static void sketch_reset_should_empty_it_and_keep_its_memory(void **state)
{
    (void)state;
    double *x = lognormal_data(1000, 5, 1.0, 1.0);
    tco_sketch s, fresh;
    tco_sketch_init(&s, 0.01);
    tco_sketch_init(&fresh, 0.01);
    for (size_t i = 0; i < 1000; i++)
        tco_sketch_add(&s, x[i] * 1000.0);
    uint32_t *counts = s.counts;
    uint32_t cap = s.cap;
    tco_sketch_reset(&s);
    assert_int_equal(s.n, 0);
    assert_int_equal(s.n_zero, 0);
    assert_true(isnan(tco_sketch_quantile(&s, 0.5)));
    assert_ptr_equal(s.counts, counts);
    assert_int_equal(s.cap, cap);
    for (uint32_t i = 0; i < s.cap; i++)
        assert_int_equal(s.counts[i], 0);
    for (size_t i = 0; i < 1000; i++) {
        tco_sketch_add(&s, x[i]);
        tco_sketch_add(&fresh, x[i]);
    }
    for (size_t i = 0; i <= 100; i++)
        assert_true(tco_sketch_quantile(&s, i / 100.0) == tco_sketch_quantile(&fresh, i / 100.0));
    tco_sketch_fini(&s);
    tco_sketch_fini(&fresh);
    tco_sketch_fini(NULL);
    free(x);
}

/* ==== histogram ========================================================================= */

/* The histogram's invariants, and its counts against a direct binning of the data: value x
 * belongs to the first bin i with x <= range[i+1] (positive buckets are (low, high]). */
static void check_histogram(const tco_sketch *s, const double *x, size_t n, size_t max_bins)
{
    gsl_histogram *h = tco_sketch_histogram(s, max_bins);
    assert_non_null(h);
    assert_true(h->n >= 1 && h->n <= max_bins);
    for (size_t i = 0; i < h->n; i++)
        assert_true(h->range[i] < h->range[i + 1]);
    assert_true(h->range[0] <= s->min && s->max <= h->range[h->n]);
    double total = 0.0;
    for (size_t i = 0; i < h->n; i++)
        total += h->bin[i];
    assert_true(total == (double)n);
    double *want = calloc(h->n, sizeof *want);
    for (size_t j = 0; j < n; j++) {
        size_t i = 0;
        while (i + 1 < h->n && x[j] > h->range[i + 1])
            i++;
        want[i] += 1.0;
    }
    for (size_t i = 0; i < h->n; i++)
        assert_true(want[i] == h->bin[i]);
    free(want);
    gsl_histogram_free(h);
}

static void histogram_should_hold_every_value_in_at_most_max_bins(void **state)
{
    (void)state;
    static const size_t bin_counts[] = {1, 2, 3, 7, 50, 1000, 100000};
    double *x = lognormal_data(N_BIG, 99, 6.0, 0.8);
    for (int with_zeros = 0; with_zeros < 2; with_zeros++) {
        if (with_zeros)
            for (size_t i = 0; i < N_BIG; i += 50)
                x[i] = 0.0;
        tco_sketch s;
        tco_sketch_init(&s, 0.01);
        for (size_t i = 0; i < N_BIG; i++)
            tco_sketch_add(&s, x[i]);
        for (size_t k = 0; k < sizeof bin_counts / sizeof bin_counts[0]; k++)
            check_histogram(&s, x, N_BIG, bin_counts[k]);
        if (with_zeros) {
            gsl_histogram *h = tco_sketch_histogram(&s, 20);
            assert_true(h->range[0] == 0.0 && h->bin[0] == (double)s.n_zero);
            gsl_histogram_free(h);
        }
        tco_sketch_fini(&s);
    }
    free(x);
}


/* tco_sketch_add_array is the engine's fast path: it must leave exactly the sketch that one
 * tco_sketch_add per value leaves, zeros and chunk boundaries (256) included. */
/* The same values seen: counts, zeros, extremes and every bucket. */
static void assert_same_sketch(const tco_sketch *a, const tco_sketch *b)
{
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->n_zero, b->n_zero);
    assert_true(a->min == b->min && a->max == b->max);
    for (int64_t k = a->key_lo - 5; k < (int64_t)a->key_lo + a->n_keys + 5; k++)
        assert_int_equal(count_at(a, k), count_at(b, k));
    for (int64_t k = b->key_lo; k < (int64_t)b->key_lo + b->n_keys; k++)
        assert_int_equal(count_at(a, k), count_at(b, k));
}

static void sketch_add_array_should_equal_one_add_per_value(void **state)
{
    (void)state;
    enum { N = 1000 };
    double x[N];
    for (size_t i = 0; i < N; i++)
        x[i] = (i % 97 == 0) ? 0.0 : 1000.0 * (1.0 + (double)((i * 7919) % 1013) / 50.0);
    tco_sketch a, b;
    tco_sketch_init(&a, 0.001);
    tco_sketch_init(&b, 0.001);
    for (size_t i = 0; i < N; i++)
        tco_sketch_add(&a, x[i]);
    tco_sketch_add_array(&b, x, 300);
    tco_sketch_add_array(&b, x + 300, N - 300);
    assert_same_sketch(&a, &b);
    tco_sketch_fini(&a);
    tco_sketch_fini(&b);
}

/* Keys added in strided batches with their extremes give the same sketch as the values, with
 * zeros, values either side of the smallest positive key, and batches that grow the array. */
static void sketch_add_keys_should_equal_one_add_per_value(void **state)
{
    (void)state;
    enum { N = 1200, STRIDE = 3 };
    double x[N];
    uint32_t keys[N * STRIDE];
    for (size_t i = 0; i < N; i++)
        x[i] = i % 97 == 0   ? 0.0
               : i % 89 == 0 ? (i % 2 ? 0x1p-997 : nextafter(0x1p-997, 0.0))
                             : (double)(i / 400 + 1) * 1000.0 * (1.0 + (double)((i * 7919) % 1013) / 50.0);
    tco_sketch a, b;
    tco_sketch_init(&a, 0.001);
    tco_sketch_init(&b, 0.001);
    for (size_t i = 0; i < N; i++) {
        tco_sketch_add(&a, x[i]);
        keys[i * STRIDE] = tco_sketch_key(&b, x[i]);
    }
    for (size_t start = 0; start < N; start += 400) { /* batches: the second one has no zero */
        const size_t n = start == 400 ? 50 : 400;
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = start; i < start + n; i++) {
            lo = x[i] < lo ? x[i] : lo;
            hi = x[i] > hi ? x[i] : hi;
        }
        tco_sketch_add_keys(&b, keys + start * STRIDE, n, STRIDE, lo, hi);
        if (n < 400) { /* and the rest of that batch one by one */
            for (size_t i = start + n; i < start + 400; i++)
                tco_sketch_add(&b, x[i]);
        }
    }
    assert_same_sketch(&a, &b);
    tco_sketch_fini(&a);
    tco_sketch_fini(&b);
}


/* The finest resolution k (mantissa bits) at which full-resolution keys [kmin, kmax] of a
 * sketch whose own resolution is k0 span at most max_keys buckets: the oracle for the cap. */
static int expected_bits(int k0, uint32_t kmin, uint32_t kmax, uint32_t max_keys)
{
    int d = 0;
    while ((kmax >> d) - (kmin >> d) + 1 > max_keys)
        d++;
    return k0 - d;
}

/* Values from 1e-290 to 1e290 (lognormal(1,1e150)-like spreads): the sketch never holds more
 * than max_keys counts, reports the bound it then keeps, and every quantile keeps it. */
static void sketch_should_cap_its_buckets_and_keep_the_bound_it_reports(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 21);
    double *x = malloc(N_BIG * sizeof *x);
    for (size_t i = 0; i < N_BIG; i++)
        x[i] = pow(10.0, gsl_ran_flat(r, -290.0, 290.0));
    gsl_rng_free(r);
    static const uint32_t caps[] = {TCO_SKETCH_MIN_KEYS, TCO_SKETCH_MAX_KEYS, 100000};
    for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
        tco_sketch s;
        tco_sketch_init_capped(&s, 0.001, caps[c]);
        uint32_t kmin = UINT32_MAX, kmax = 0;
        for (size_t i = 0; i < N_BIG; i++) {
            tco_sketch_add(&s, x[i]);
            const uint32_t k = tco_sketch_key(&s, x[i]);
            kmin = k < kmin ? k : kmin;
            kmax = k > kmax ? k : kmax;
            assert_true(s.n_keys <= caps[c] && s.cap <= caps[c]);
        }
        const int k = expected_bits(9, kmin, kmax, caps[c]);
        /* 1927 octaves: 2048 keys keep 1 bit (3854 keys would not fit: 0 bits), 8192 keep 2,
         * 100000 keep 5 */
        assert_int_equal(52 - s.shift, k);
        assert_int_equal(k, c == 0 ? 0 : c == 1 ? 2 : 5);
        const double bound = tco_sketch_rel_accuracy(&s);
        assert_true(bound == 1.0 / (ldexp(1.0, k + 1) + 1.0));
        check_quantiles(&s, x, N_BIG, bound);
        tco_sketch_fini(&s);
    }
    free(x);
}

/* The resolution depends only on the values, not on their order: merging the parts of a
 * stream (one of them collapsed, one not) in any order, or adding it by keys in batches, gives
 * the one-pass sketch bucket by bucket. */
static void capped_sketch_merge_should_equal_sketch_of_union_in_any_order(void **state)
{
    (void)state;
    enum { N = 30000, PARTS = 3 };
    double *x = lognormal_data(N, 31, 0.0, 1.0);
    for (size_t i = 0; i < N; i++)
        if (i >= 2 * N / 3)
            x[i] = ldexp(x[i], 200 + (int)(i % 400)); /* the last part spans 400 more octaves */
    tco_sketch all, part[PARTS], fwd, rev, bykeys;
    tco_sketch_init(&all, 0.001);
    tco_sketch_init(&fwd, 0.001);
    tco_sketch_init(&rev, 0.001);
    tco_sketch_init(&bykeys, 0.001);
    for (size_t p = 0; p < PARTS; p++)
        tco_sketch_init(&part[p], 0.001);
    uint32_t *keys = malloc(N * sizeof *keys);
    for (size_t i = 0; i < N; i++) {
        tco_sketch_add(&all, x[i]);
        tco_sketch_add(&part[i * PARTS / N], x[i]);
        keys[i] = tco_sketch_key(&bykeys, x[i]);
    }
    assert_true(part[0].shift == part[0].key_shift); /* full resolution */
    assert_true(part[2].shift > part[2].key_shift);  /* merged pairwise */
    for (size_t p = 0; p < PARTS; p++) {
        tco_sketch_merge(&fwd, &part[p]);
        tco_sketch_merge(&rev, &part[PARTS - 1 - p]);
    }
    for (size_t start = 0; start < N; start += 1000) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = start; i < start + 1000; i++) {
            lo = x[i] < lo ? x[i] : lo;
            hi = x[i] > hi ? x[i] : hi;
        }
        tco_sketch_add_keys(&bykeys, keys + start, 1000, 1, lo, hi);
    }
    const tco_sketch *got[] = {&fwd, &rev, &bykeys};
    for (size_t g = 0; g < 3; g++) {
        assert_int_equal(got[g]->shift, all.shift);
        assert_same_sketch(got[g], &all);
        for (size_t i = 0; i <= 100; i++)
            assert_true(tco_sketch_quantile(got[g], i / 100.0) ==
                        tco_sketch_quantile(&all, i / 100.0));
    }
    check_quantiles(&all, x, N, tco_sketch_rel_accuracy(&all));
    free(keys);
    for (size_t p = 0; p < PARTS; p++)
        tco_sketch_fini(&part[p]);
    tco_sketch_fini(&all);
    tco_sketch_fini(&fwd);
    tco_sketch_fini(&rev);
    tco_sketch_fini(&bykeys);
    free(x);
}

/* A span of exactly max_keys buckets reached from the middle, downwards, then upwards, then
 * in a zigzag: the array must trim its slack instead of merging buckets, and count every value
 * where a sketch with room to spare does. alpha 0.01: k = 6, 64 keys an octave; 2048 keys are
 * 32 octaves, so [1, 2^32) fits exactly and 2^32 would not. */
static void sketch_at_its_cap_should_trim_slack_and_keep_full_resolution(void **state)
{
    (void)state;
    enum { N = 6000 };
    double x[N];
    size_t n = 0;
    for (int i = 0; i < 1000; i++) /* the middle, then down to 1 */
        x[n++] = ldexp(1.0 + (i % 64) / 64.0, 16 - (i * 16) / 1000);
    x[n++] = 1.0;
    for (int i = 0; i < 2000; i++) /* up to just below 2^32 */
        x[n++] = ldexp(1.0 + (i % 64) / 64.0, (i * 32) / 2000);
    x[n++] = nextafter(0x1p32, 0.0);
    for (int i = 0; n < N; i++) /* a zigzag over the whole span */
        x[n++] = ldexp(1.0 + (i % 61) / 61.0, (i * 7) % 32);
    tco_sketch capped, roomy;
    tco_sketch_init_capped(&capped, 0.01, TCO_SKETCH_MIN_KEYS);
    tco_sketch_init_capped(&roomy, 0.01, 1u << 20);
    for (size_t i = 0; i < n; i++) {
        tco_sketch_add(&capped, x[i]);
        tco_sketch_add(&roomy, x[i]);
        assert_true(capped.n_keys <= TCO_SKETCH_MIN_KEYS && capped.cap <= TCO_SKETCH_MIN_KEYS);
    }
    assert_true(capped.shift == capped.key_shift); /* no bucket merged */
    assert_same_sketch(&capped, &roomy);
    check_quantiles(&capped, x, n, 0.01);
    /* one value more at 2^32 and the buckets merge once: 32 keys an octave */
    tco_sketch_add(&capped, 0x1p32);
    assert_int_equal(capped.shift, capped.key_shift + 1);
    assert_true(tco_sketch_rel_accuracy(&capped) == 1.0 / 65.0);
    tco_sketch_fini(&capped);
    tco_sketch_fini(&roomy);
}

/* Issue 14: the TCO sketches (alpha 0.02%, k = 12: 1/8193) must not add more than 0.02% to the
 * sampling error of a tight TCO. Normal(1e6, 9000) (0.9% CV), 100,000 samples: the sample
 * median's SE is sqrt(pi/2) sd / sqrt(n) = 1.2533 x 9000 / 316.23 = 35.67; the sketch's p50
 * must lie within 3.29 SE (two-sided false-alarm rate 0.1%) plus 0.02% of the true median 1e6.
 * Against the sample's own order statistic the bound is exact: 1/8193 of it. */
static void tco_sketch_median_should_be_within_sampling_error_plus_two_basis_points(void **state)
{
    (void)state;
    enum { N = 100000 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2026);
    double *x = malloc(N * sizeof *x);
    for (size_t i = 0; i < N; i++)
        x[i] = 1e6 + gsl_ran_gaussian(r, 9000.0);
    gsl_rng_free(r);
    tco_sketch s;
    tco_sketch_init_capped(&s, TCO_TOTAL_QUANTILE_REL_ACCURACY, TCO_TOTAL_SKETCH_MAX_KEYS);
    tco_sketch_add_array(&s, x, N);
    assert_true(tco_sketch_rel_accuracy(&s) == 1.0 / 8193.0); /* +-4.5 sd: far inside 16x */
    const double se = 1.2533141373155003 * 9000.0 /* sqrt(pi/2) */ / sqrt((double)N);
    const double p50 = tco_sketch_quantile(&s, 0.5);
    assert_true(fabs(p50 - 1e6) <= 3.29 * se + 0.0002 * 1e6);
    check_quantiles(&s, x, N, 1.0 / 8193.0);
    tco_sketch_fini(&s);
    free(x);
}

/* Wilson's score interval, z = 1.959964 (z^2 = 3.841459):
 *   centre = (p + z^2/2n) / (1 + z^2/n), half = z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/4n^2).
 * 0 of 100: centre = 0.019207/1.038415 = 0.018497, half = 1.959964/1.038415 * 0.0098 = 0.018497,
 *   so [0, 0.0369935] (the rule of three says 0.03). 50 of 100: centre 0.5,
 *   half = 1.887452 * sqrt(0.0025 + 0.00009604) = 1.887452 * 0.050951 = 0.096169: [0.4038, 0.5962]. */
static void proportion_interval_should_be_wilsons_and_never_a_point(void **state)
{
    (void)state;
    double lo, hi;
    tco_proportion_interval95(0, 100, &lo, &hi);
    assert_true(lo == 0.0);
    assert_true(fabs((hi) - (0.0369935)) < 1e-6);
    tco_proportion_interval95(100, 100, &lo, &hi);
    assert_true(fabs((lo) - (1 - 0.0369935)) < 1e-6);
    assert_true(hi == 1.0);
    tco_proportion_interval95(50, 100, &lo, &hi);
    assert_true(fabs((lo) - (0.403831)) < 1e-6);
    assert_true(fabs((hi) - (0.596169)) < 1e-6);
    tco_proportion_interval95(2.5, 10, &lo, &hi); /* a shared trial: still inside (0, 1) */
    assert_true(lo > 0.0 && lo < 0.25 && hi > 0.25 && hi < 1.0);
    tco_proportion_interval95(0, 0, &lo, &hi);
    assert_true(lo == 0.0 && hi == 1.0);
}

/* ---- signed quantiles ------------------------------------------------------------------ */

static const double SIGNED_QS[] = {0.0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0};
#define N_SIGNED_QS (sizeof SIGNED_QS / sizeof SIGNED_QS[0])

/* Every quantile (both directions) within relative alpha of the exact lower order statistic
 * of rank floor(q (n-1)); zero exactly. The 1e-9 slack is for log() rounding at bucket edges
 * (as in test_stats.c), not a looser bound. */
static void check_signed(const tco_signed_sketch *s, const double *x, size_t n, double alpha)
{
    double *sorted = malloc(n * sizeof *sorted);
    assert_non_null(sorted);
    for (int negate = 0; negate <= 1; negate++) {
        for (size_t i = 0; i < n; i++)
            sorted[i] = negate ? -x[i] : x[i];
        gsl_sort(sorted, 1, n);
        for (size_t k = 0; k < N_SIGNED_QS; k++) {
            const double want = sorted[(size_t)floor(SIGNED_QS[k] * (double)(n - 1))];
            const double got = tco_signed_sketch_quantile(s, SIGNED_QS[k], negate);
            if (want == 0) {
                assert_true(got == 0 && !signbit(got));
            } else if (!(fabs(got - want) <= (alpha + 1e-9) * fabs(want))) {
                fail_msg("q %g negate %d: got %.17g, want %.17g", SIGNED_QS[k], negate, got, want);
            }
        }
    }
    free(sorted);
}

static void signed_quantiles_should_match_exact_order_statistics(void **state)
{
    (void)state;
    enum { N = 40000 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 12345);
    double *x = malloc(N * sizeof *x);
    assert_non_null(x);
    /* a paired difference: mostly positive, a heavy negative tail, 5% exact ties */
    for (size_t i = 0; i < N; i++) {
        const double u = gsl_rng_uniform(r);
        x[i] = u < 0.05 ? 0.0
               : u < 0.30 ? -gsl_ran_lognormal(r, 6, 1.5)
                          : gsl_ran_lognormal(r, 8, 0.7);
    }
    const double alphas[] = {0.001, 0.01};
    for (size_t a = 0; a < 2; a++) {
        tco_signed_sketch whole, lo, hi;
        tco_signed_sketch_init(&whole, alphas[a]);
        tco_signed_sketch_init(&lo, alphas[a]);
        tco_signed_sketch_init(&hi, alphas[a]);
        for (size_t i = 0; i < N; i++) {
            tco_signed_sketch_add(&whole, x[i]);
            tco_signed_sketch_add(i < N / 3 ? &lo : &hi, x[i]);
        }
        assert_int_equal(tco_signed_sketch_count(&whole), N);
        /* the negative tail spans ~17 octaves: at alpha 0.001 its sketch merged its buckets
         * pairwise once to stay within 8192 (tco/stats.h), and keeps the bound it reports */
        const double bound_neg = tco_sketch_rel_accuracy(&whole.neg);
        const double bound_pos = tco_sketch_rel_accuracy(&whole.pos);
        assert_true(bound_pos <= alphas[a] && bound_neg <= 2 * alphas[a]);
        check_signed(&whole, x, N, bound_neg > bound_pos ? bound_neg : bound_pos);
        /* merging two halves gives the very same quantiles */
        tco_signed_sketch_merge(&lo, &hi);
        for (size_t k = 0; k < N_SIGNED_QS; k++)
            for (int neg = 0; neg <= 1; neg++)
                assert_true(tco_signed_sketch_quantile(&lo, SIGNED_QS[k], neg) ==
                            tco_signed_sketch_quantile(&whole, SIGNED_QS[k], neg));
        tco_signed_sketch_fini(&whole);
        tco_signed_sketch_fini(&lo);
        tco_signed_sketch_fini(&hi);
    }
    free(x);
    gsl_rng_free(r);
}

static void signed_quantiles_should_handle_empty_zero_and_one_sided_data(void **state)
{
    (void)state;
    tco_signed_sketch s;
    tco_signed_sketch_init(&s, 0.001);
    assert_true(isnan(tco_signed_sketch_quantile(&s, 0.5, false)));
    for (int i = 0; i < 10; i++)
        tco_signed_sketch_add(&s, 0.0);
    assert_true(tco_signed_sketch_quantile(&s, 0.05, false) == 0);
    assert_false(signbit(tco_signed_sketch_quantile(&s, 0.95, true))); /* no -0 */
    tco_signed_sketch_reset(&s);
    const double neg[] = {-5, -1, -3, -2, -4};
    for (size_t i = 0; i < 5; i++)
        tco_signed_sketch_add(&s, neg[i]);
    check_signed(&s, neg, 5, 0.001);
    assert_true(tco_signed_sketch_quantile(&s, 0.0, false) == -5); /* exact extremes */
    assert_true(tco_signed_sketch_quantile(&s, 1.0, false) == -1);
    assert_true(tco_signed_sketch_quantile(&s, 0.0, true) == 1);
    tco_signed_sketch_fini(&s);
}

/* The array add is the same summary as one add per value, whatever the chunks. */
static void signed_array_add_should_equal_single_adds(void **state)
{
    (void)state;
    enum { N = 1000 }; /* several chunks of 256, the last one short */
    double x[N];
    for (size_t i = 0; i < N; i++)
        x[i] = i % 7 == 0 ? 0.0 : (i % 3 == 0 ? -1.0 : 1.0) * (double)(i * i + 1);
    tco_signed_sketch one, many;
    tco_signed_sketch_init(&one, 0.001);
    tco_signed_sketch_init(&many, 0.001);
    for (size_t i = 0; i < N; i++)
        tco_signed_sketch_add(&one, x[i]);
    tco_signed_sketch_add_array(&many, x, N);
    assert_int_equal(tco_signed_sketch_count(&many), N);
    assert_int_equal(many.n_zero, one.n_zero);
    for (size_t k = 0; k < N_SIGNED_QS; k++)
        for (int neg = 0; neg <= 1; neg++)
            assert_true(tco_signed_sketch_quantile(&many, SIGNED_QS[k], neg) ==
                        tco_signed_sketch_quantile(&one, SIGNED_QS[k], neg));
    /* 1 to 1e6: ~20 octaves, so the sketches may have merged buckets; they keep their bound */
    const double bound = fmax(tco_sketch_rel_accuracy(&many.pos), tco_sketch_rel_accuracy(&many.neg));
    assert_true(bound <= 0.002);
    check_signed(&many, x, N, bound);
    tco_signed_sketch_fini(&one);
    tco_signed_sketch_fini(&many);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(signed_quantiles_should_match_exact_order_statistics),
        cmocka_unit_test(signed_quantiles_should_handle_empty_zero_and_one_sided_data),
        cmocka_unit_test(signed_array_add_should_equal_single_adds),
        cmocka_unit_test(moments_of_known_values_should_match_hand_computation),
        cmocka_unit_test(moments_of_fewer_than_two_values_should_have_zero_sd),
        cmocka_unit_test(moments_merge_of_halves_should_equal_one_pass),
        cmocka_unit_test(moments_of_ordinary_values_should_be_plain_welford_bit_for_bit),
        cmocka_unit_test(moments_near_1e300_should_be_finite_and_right),
        cmocka_unit_test(moments_merge_should_stay_exact_across_scales),
        cmocka_unit_test(sketch_quantiles_should_be_within_alpha_of_order_statistics),
        cmocka_unit_test(sketch_should_keep_its_bound_at_bucket_edges),
        cmocka_unit_test(sketch_merge_should_equal_sketch_of_union_bucket_by_bucket),
        cmocka_unit_test(sketch_should_count_zeros_exactly),
        cmocka_unit_test(sketch_of_one_value_should_return_it_for_every_q),
        cmocka_unit_test(sketch_should_keep_its_bound_over_fifteen_decades),
        cmocka_unit_test(sketch_reset_should_empty_it_and_keep_its_memory),
        cmocka_unit_test(histogram_should_hold_every_value_in_at_most_max_bins),
        cmocka_unit_test(sketch_add_array_should_equal_one_add_per_value),
        cmocka_unit_test(sketch_add_keys_should_equal_one_add_per_value),
        cmocka_unit_test(sketch_should_cap_its_buckets_and_keep_the_bound_it_reports),
        cmocka_unit_test(capped_sketch_merge_should_equal_sketch_of_union_in_any_order),
        cmocka_unit_test(sketch_at_its_cap_should_trim_slack_and_keep_full_resolution),
        cmocka_unit_test(tco_sketch_median_should_be_within_sampling_error_plus_two_basis_points),
        cmocka_unit_test(proportion_interval_should_be_wilsons_and_never_a_point),
        cmocka_unit_test(equal_histogram_should_have_one_round_width_and_every_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
