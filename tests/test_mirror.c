/* SPDX-License-Identifier: MIT */
/* Tests of mirror (SPEC §11 --antithetic): a recorded trial's draws come back mirrored, entry by
 * entry (u and 1 - u, z and -z, k and max - k), through GSL's own samplers too; the tape
 * restarts; a stream that is not a mirror is left as it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>

#include <cmocka.h>

#include <gsl/gsl_randist.h>

#include "tco/mirror.h"
#include "tco/rng.h"
#include "tco/value.h"

static void a_recorded_draw_comes_back_mirrored_in_the_same_order(void **state)
{
    (void)state;
    gsl_rng *base = tco_rng_alloc();
    tco_rng_seed_stream(base, 7, 1, 0);
    gsl_rng *m = tco_mirror_alloc(base);
    assert_true(tco_mirror_is(m));
    assert_false(tco_mirror_is(base));
    assert_ptr_equal(tco_mirror_base(m), base);
    assert_ptr_equal(tco_mirror_base(base), base);
    enum { N = 1000 };
    double u[N], z[N], flat[N];
    unsigned long k[N];
    for (int i = 0; i < N; i++) {
        u[i] = gsl_rng_uniform(m);
        z[i] = tco_mirror_normal(m);
        flat[i] = gsl_ran_flat(m, 15, 40); /* GSL's sampler on the mirror: a + (b - a) u */
        k[i] = gsl_rng_get(m);
        assert_true(u[i] > 0 && u[i] < 1);
    }
    assert_int_equal(tco_mirror_tape_left(m), 4 * N);
    tco_mirror_set_mode(m, TCO_MIRROR_MIRROR);
    for (int i = 0; i < N; i++) {
        assert_true(gsl_rng_uniform(m) == 1 - u[i]);
        assert_true(tco_mirror_normal(m) == -z[i]);
        /* 15 + 25 (1 - u) and 15 + 25 u sum to 55 up to rounding */
        const double f = gsl_ran_flat(m, 15, 40);
        assert_true(fabs(f + flat[i] - 55) < 1e-12);
        assert_true(gsl_rng_get(m) == 0xffffffffUL - k[i]);
    }
    assert_int_equal(tco_mirror_tape_left(m), 0);
    /* mirroring again starts from the tape's beginning; recording again empties it */
    tco_mirror_set_mode(m, TCO_MIRROR_MIRROR);
    assert_true(gsl_rng_uniform(m) == 1 - u[0]);
    tco_mirror_set_mode(m, TCO_MIRROR_RECORD);
    assert_int_equal(tco_mirror_tape_left(m), 0);
    tco_mirror_free(m);
    tco_mirror_free(NULL);
    gsl_rng_free(base);
}

static void recording_draws_the_base_stream_s_numbers(void **state)
{
    (void)state;
    /* the mirror's recorded uniforms are the base stream's (no 0 among 1000 of them) and its
     * normals GSL's ziggurat on that stream */
    gsl_rng *a = tco_rng_alloc(), *b = tco_rng_alloc();
    tco_rng_seed_stream(a, 3, 9, 2);
    tco_rng_seed_stream(b, 3, 9, 2);
    gsl_rng *m = tco_mirror_alloc(a);
    for (int i = 0; i < 1000; i++) {
        assert_true(gsl_rng_uniform(m) == gsl_rng_uniform(b));
        assert_true(tco_mirror_normal(m) == gsl_ran_gaussian_ziggurat(b, 1.0));
    }
    /* on a plain stream tco_mirror_normal is the ziggurat itself */
    assert_true(tco_mirror_normal(a) == gsl_ran_gaussian_ziggurat(b, 1.0));
    tco_mirror_free(m);
    gsl_rng_free(a);
    gsl_rng_free(b);
}

/* Every distribution kind draws its cell as a mirrored pair: the partner of a draw at u is
 * F^-1(1 - u) (uniform, triangular, PERT and Poisson, by inversion: within 1e-9 of the range
 * of tco_value_quantile, the tabulated PERT's bound) or the negated normal (normal, lognormal,
 * ci90). u and z are known from a second stream seeded alike (the mirror's first 0 would be
 * redrawn; none comes in these draws). */
static void every_distribution_kind_draws_a_mirrored_pair(void **state)
{
    (void)state;
    static const char *const CELLS[] = {"uniform(15,40)",  "triangular(2,3,6)",
                                        "pert(400,800,1600)", "poisson(30)",
                                        "normal(80,10)",   "lognormal(50000,10000)",
                                        "ci90(100000,400000)"};
    for (size_t c = 0; c < sizeof CELLS / sizeof CELLS[0]; c++) {
        tco_value v;
        size_t pos;
        assert_null(tco_value_parse(CELLS[c], &v, &pos));
        gsl_rng *base = tco_rng_alloc(), *twin = tco_rng_alloc();
        tco_rng_seed_stream(base, 11, c, 0);
        tco_rng_seed_stream(twin, 11, c, 0);
        gsl_rng *m = tco_mirror_alloc(base);
        enum { N = 200 };
        double x[N], u[N], z[N];
        const bool normal = v.dist == TCO_DIST_NORMAL || v.dist == TCO_DIST_LOGNORMAL ||
                            v.dist == TCO_DIST_CI90_NORMAL || v.dist == TCO_DIST_CI90_LOGNORMAL;
        for (int i = 0; i < N; i++) {
            x[i] = tco_value_draw(&v, m);
            if (normal)
                z[i] = gsl_ran_gaussian_ziggurat(twin, 1.0);
            else
                u[i] = gsl_rng_uniform(twin);
        }
        tco_mirror_set_mode(m, TCO_MIRROR_MIRROR);
        for (int i = 0; i < N; i++) {
            const double y = tco_value_draw(&v, m);
            if (!normal) {
                const double tol = v.dist == TCO_DIST_PERT ? 1e-9 * (v.c - v.a) : 1e-9 * fabs(x[i]);
                assert_true(fabs(x[i] - tco_value_quantile(&v, u[i])) <= tol + 1e-12);
                assert_true(fabs(y - tco_value_quantile(&v, 1 - u[i])) <= tol + 1e-12);
            } else {
                /* mirrored through the same formula: a + b z against a - b z */
                double want_x, want_y;
                switch (v.dist) {
                case TCO_DIST_NORMAL:
                    want_x = v.a + v.b * z[i];
                    want_y = v.a - v.b * z[i];
                    break;
                case TCO_DIST_CI90_NORMAL:
                    want_x = v.p + v.q * z[i];
                    want_y = v.p - v.q * z[i];
                    break;
                default:
                    want_x = exp(v.p + v.q * z[i]);
                    want_y = exp(v.p - v.q * z[i]);
                    break;
                }
                assert_true(x[i] == want_x && y == want_y);
            }
        }
        assert_int_equal(tco_mirror_tape_left(m), 0);
        tco_mirror_free(m);
        gsl_rng_free(base);
        gsl_rng_free(twin);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_recorded_draw_comes_back_mirrored_in_the_same_order),
        cmocka_unit_test(recording_draws_the_base_stream_s_numbers),
        cmocka_unit_test(every_distribution_kind_draws_a_mirrored_pair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
