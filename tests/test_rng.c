/* SPDX-License-Identifier: MIT */
/* Unit tests for rng: SplitMix64 known answers, stream reproducibility and distinctness, the
 * taus2 state constraints, FNV-1a known answers and the keying of named streams, and
 * statistical sanity checks (z-bounds stated below). */
#include "tco/rng.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

typedef struct {
    unsigned long int s1, s2, s3;
} taus_state; /* GSL rng/taus.c */

/* The first 64 bits of a stream: its first two 32-bit outputs. */
static uint64_t first_outputs(uint64_t seed, uint64_t scenario, uint64_t block)
{
    gsl_rng *r = tco_rng_alloc();
    tco_rng_seed_stream(r, seed, scenario, block);
    uint64_t hi = gsl_rng_get(r);
    uint64_t lo = gsl_rng_get(r);
    gsl_rng_free(r);
    return hi << 32 | lo;
}

static void mix64_should_match_splitmix64_reference_outputs(void **state)
{
    (void)state;
    /* SplitMix64 seeded with 0 outputs e220a8397b1dcdaf 6e789e6aa1b965f4 06c45d188009454f
     * (Vigna's splitmix64.c); its k-th output is mix64(k * 0x9e3779b97f4a7c15). */
    const uint64_t g = UINT64_C(0x9e3779b97f4a7c15);
    assert_true(tco_rng_mix64(0) == UINT64_C(0xe220a8397b1dcdaf));
    assert_true(tco_rng_mix64(g) == UINT64_C(0x6e789e6aa1b965f4));
    assert_true(tco_rng_mix64(2 * g) == UINT64_C(0x06c45d188009454f));
}

static void rng_type_should_be_taus2(void **state)
{
    (void)state;
    assert_ptr_equal(tco_rng_type(), gsl_rng_taus2);
    gsl_rng *r = tco_rng_alloc();
    assert_ptr_equal(r->type, gsl_rng_taus2);
    gsl_rng_free(r);
}

static void same_stream_should_give_identical_sequences(void **state)
{
    (void)state;
    gsl_rng *a = tco_rng_alloc(), *b = tco_rng_alloc();
    tco_rng_seed_stream(a, 20240601, 3, 17);
    tco_rng_seed_stream(b, 20240601, 3, 17);
    for (int i = 0; i < 10000; i++)
        assert_int_equal(gsl_rng_get(a), gsl_rng_get(b));
    /* Re-seating a used generator restarts the stream. */
    tco_rng_seed_stream(a, 20240601, 3, 17);
    tco_rng_seed_stream(b, 20240601, 3, 17);
    for (int i = 0; i < 100; i++)
        assert_int_equal(gsl_rng_get(a), gsl_rng_get(b));
    /* A fresh generator is on stream (0, 0, 0). */
    gsl_rng *c = tco_rng_alloc();
    tco_rng_seed_stream(a, 0, 0, 0);
    for (int i = 0; i < 100; i++)
        assert_int_equal(gsl_rng_get(a), gsl_rng_get(c));
    gsl_rng_free(a);
    gsl_rng_free(b);
    gsl_rng_free(c);
}

static void different_streams_should_start_differently(void **state)
{
    (void)state;
    /* 12 seeds (0, 1, 2^32, 2^32 + 1 and UINT64_MAX among them: GSL would fold these) x 4
     * scenarios x 6 blocks = 288 streams; their first 64 bits must be pairwise distinct. */
    static const uint64_t seeds[] = {0, 1, 2, 3, 42, 4357, UINT64_C(1) << 32,
                                     (UINT64_C(1) << 32) + 1, UINT64_C(0xffffffff),
                                     UINT64_MAX - 1, UINT64_MAX, UINT64_C(0x8000000000000000)};
    enum { N_SEEDS = sizeof seeds / sizeof seeds[0], N_SCEN = 4, N_BLOCK = 6 };
    uint64_t got[N_SEEDS * N_SCEN * N_BLOCK];
    size_t n = 0;
    for (size_t i = 0; i < N_SEEDS; i++)
        for (uint64_t sc = 0; sc < N_SCEN; sc++)
            for (uint64_t bl = 0; bl < N_BLOCK; bl++)
                got[n++] = first_outputs(seeds[i], sc, bl);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            assert_true(got[i] != got[j]);
}

static void every_seed_should_give_a_valid_taus2_state(void **state)
{
    (void)state;
    gsl_rng *r = tco_rng_alloc();
    static const uint64_t seeds[] = {0, 1, UINT64_MAX, 12345};
    for (size_t i = 0; i < 4; i++)
        for (uint64_t block = 0; block < 1000; block++) {
            tco_rng_seed_stream(r, seeds[i], block % 3, block);
            const taus_state *st = gsl_rng_state(r);
            /* taus2 needs s1 >= 2, s2 >= 8, s3 >= 16; words are 32-bit. After the warm-up the
             * recurrence keeps these (it never zeroes the kept bits), so check them here. */
            assert_true(st->s1 >= 2 && st->s1 <= 0xffffffffUL);
            assert_true(st->s2 >= 8 && st->s2 <= 0xffffffffUL);
            assert_true(st->s3 >= 16 && st->s3 <= 0xffffffffUL);
        }
    /* UINT64_MAX in every argument still gives a working stream. */
    tco_rng_seed_stream(r, UINT64_MAX, UINT64_MAX, UINT64_MAX);
    unsigned long first = gsl_rng_get(r);
    int changed = 0;
    for (int i = 0; i < 10; i++)
        changed |= gsl_rng_get(r) != first;
    assert_true(changed);
    gsl_rng_free(r);
}

static void uniform_mean_should_be_within_five_standard_errors_of_half(void **state)
{
    (void)state;
    /* z = (mean - 1/2) / sqrt(1/12 / N); |z| < 5 has a false-alarm rate of 5.7e-7. */
    enum { N = 1000000 };
    gsl_rng *r = tco_rng_alloc();
    tco_rng_seed_stream(r, 1, 0, 0);
    double sum = 0.0;
    for (int i = 0; i < N; i++)
        sum += gsl_rng_uniform(r);
    double z = (sum / N - 0.5) / sqrt(1.0 / 12.0 / N);
    assert_true(fabs(z) < 5.0);
    gsl_rng_free(r);
}

static void consecutive_blocks_should_be_uncorrelated(void **state)
{
    (void)state;
    /* Under independence the sample correlation r of N pairs has sd ~ 1/sqrt(N); |r| < 5/sqrt(N)
     * has a false-alarm rate of 5.7e-7. Checked for a few seeds and block pairs. */
    enum { N = 100000 };
    static const uint64_t seeds[] = {0, 1, 20240601};
    gsl_rng *a = tco_rng_alloc(), *b = tco_rng_alloc();
    for (size_t k = 0; k < 3; k++)
        for (uint64_t block = 0; block < 3; block++) {
            tco_rng_seed_stream(a, seeds[k], 0, block);
            tco_rng_seed_stream(b, seeds[k], 0, block + 1);
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            for (int i = 0; i < N; i++) {
                double x = gsl_rng_uniform(a), y = gsl_rng_uniform(b);
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
            }
            double cov = sxy - sx * sy / N;
            double corr = cov / sqrt((sxx - sx * sx / N) * (syy - sy * sy / N));
            assert_true(fabs(corr) < 5.0 / sqrt((double)N));
        }
    gsl_rng_free(a);
    gsl_rng_free(b);
}

static void fnv1a64_should_match_the_reference_test_vectors(void **state)
{
    (void)state;
    /* FNV-1a 64 of "", "a" and "foobar" (the FNV reference test suite, isthe.com/chongo/tech/
     * comp/fnv): the empty string is the offset basis itself. */
    const uint64_t basis = UINT64_C(0xcbf29ce484222325);
    assert_true(tco_rng_fnv1a64(basis, "", 0) == basis);
    assert_true(tco_rng_fnv1a64(basis, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
    assert_true(tco_rng_fnv1a64(basis, "foobar", 6) == UINT64_C(0x85944171f73967e8));
    /* continuing from a prefix's hash is hashing the whole */
    assert_true(tco_rng_fnv1a64(tco_rng_fnv1a64(basis, "foo", 3), "bar", 3) ==
                UINT64_C(0x85944171f73967e8));
    /* a name's key is the mixed hash */
    assert_true(tco_rng_name_key("foobar") == tco_rng_mix64(UINT64_C(0x85944171f73967e8)));
    assert_true(tco_rng_name_key("") == tco_rng_mix64(basis));
}

/* The first 64 bits of a named stream. */
static uint64_t first_named(uint64_t seed, uint64_t scenario, const char *name, uint64_t block)
{
    gsl_rng *r = tco_rng_alloc();
    tco_rng_seed_named(r, seed, scenario, tco_rng_name_key(name), block);
    uint64_t hi = gsl_rng_get(r);
    uint64_t lo = gsl_rng_get(r);
    gsl_rng_free(r);
    return hi << 32 | lo;
}

static void named_streams_should_be_keyed_by_every_part(void **state)
{
    (void)state;
    /* The engine's streams: the workload and a plan's cells, for seeds x scenarios x names x
     * blocks. Names that differ in one byte, in the sheet suffix only, or by a prefix. */
    static const char *const names[] = {"workload",       "Acme/Office",   "Acme/Offic",
                                        "Acme/Office@old", "Acme/Office@new", "Zed/Msg",
                                        "Zed/Msh",        "",               "Acme/Office "};
    static const uint64_t seeds[] = {0, 1, UINT64_MAX};
    enum { N_NAMES = sizeof names / sizeof names[0], N_SEEDS = 3, N_SCEN = 3, N_BLOCK = 4 };
    uint64_t got[N_SEEDS * N_SCEN * N_NAMES * N_BLOCK];
    size_t n = 0;
    for (size_t i = 0; i < N_SEEDS; i++)
        for (uint64_t sc = 0; sc < N_SCEN; sc++)
            for (size_t k = 0; k < N_NAMES; k++)
                for (uint64_t bl = 0; bl < N_BLOCK; bl++)
                    got[n++] = first_named(seeds[i], sc, names[k], bl);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            assert_true(got[i] != got[j]);
    /* reproducible: a stream is a function of its key alone, not of what was drawn before */
    gsl_rng *a = tco_rng_alloc(), *b = tco_rng_alloc();
    tco_rng_seed_named(a, 7, 3, tco_rng_name_key("Zed/Msg"), 2);
    for (int i = 0; i < 1000; i++)
        (void)gsl_rng_get(b); /* b used for something else first */
    tco_rng_seed_named(b, 7, 3, tco_rng_name_key("Zed/Msg"), 2);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(gsl_rng_get(a), gsl_rng_get(b));
    gsl_rng_free(a);
    gsl_rng_free(b);
}

static void named_streams_of_one_block_should_be_uncorrelated(void **state)
{
    (void)state;
    /* The workload's and a plan's stream of the same block, and two plans whose names differ
     * in one byte: |r| < 5/sqrt(N), a false-alarm rate of 5.7e-7 each (as above). */
    enum { N = 100000 };
    static const char *const pairs[][2] = {{"workload", "Acme/Office"}, {"Zed/Msg", "Zed/Msh"}};
    gsl_rng *a = tco_rng_alloc(), *b = tco_rng_alloc();
    for (size_t k = 0; k < 2; k++) {
        tco_rng_seed_named(a, 20240601, 5, tco_rng_name_key(pairs[k][0]), 0);
        tco_rng_seed_named(b, 20240601, 5, tco_rng_name_key(pairs[k][1]), 0);
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < N; i++) {
            double x = gsl_rng_uniform(a), y = gsl_rng_uniform(b);
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        double cov = sxy - sx * sy / N;
        double corr = cov / sqrt((sxx - sx * sx / N) * (syy - sy * sy / N));
        assert_true(fabs(corr) < 5.0 / sqrt((double)N));
    }
    gsl_rng_free(a);
    gsl_rng_free(b);
}

/* tco_rng_uniform is gsl_rng_uniform for the engine's generator: the same 1,000,000 numbers
 * from twin streams, and the same state after (the next raw words agree); on another generator
 * (mt19937 here) it is gsl_rng_uniform itself. */
static void inline_uniform_should_be_gsl_s_uniform(void **state)
{
    (void)state;
    gsl_rng *a = tco_rng_alloc(), *b = tco_rng_alloc();
    tco_rng_seed_stream(a, 77, 5, 3);
    tco_rng_seed_stream(b, 77, 5, 3);
    for (int i = 0; i < 1000000; i++)
        assert_true(tco_rng_uniform(a) == gsl_rng_uniform(b));
    for (int i = 0; i < 10; i++)
        assert_true(gsl_rng_get(a) == gsl_rng_get(b));
    gsl_rng_free(a);
    gsl_rng_free(b);
    gsl_rng *m = gsl_rng_alloc(gsl_rng_mt19937), *n = gsl_rng_alloc(gsl_rng_mt19937);
    for (int i = 0; i < 1000; i++)
        assert_true(tco_rng_uniform(m) == gsl_rng_uniform(n));
    gsl_rng_free(m);
    gsl_rng_free(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mix64_should_match_splitmix64_reference_outputs),
        cmocka_unit_test(rng_type_should_be_taus2),
        cmocka_unit_test(inline_uniform_should_be_gsl_s_uniform),
        cmocka_unit_test(same_stream_should_give_identical_sequences),
        cmocka_unit_test(different_streams_should_start_differently),
        cmocka_unit_test(every_seed_should_give_a_valid_taus2_state),
        cmocka_unit_test(uniform_mean_should_be_within_five_standard_errors_of_half),
        cmocka_unit_test(consecutive_blocks_should_be_uncorrelated),
        cmocka_unit_test(fnv1a64_should_match_the_reference_test_vectors),
        cmocka_unit_test(named_streams_should_be_keyed_by_every_part),
        cmocka_unit_test(named_streams_of_one_block_should_be_uncorrelated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
