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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_recorded_draw_comes_back_mirrored_in_the_same_order),
        cmocka_unit_test(recording_draws_the_base_stream_s_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
