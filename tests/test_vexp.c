/* SPDX-License-Identifier: MIT */
/* Tests of vexp: exp over an array within 1 ulp of libm's (2,000,001 points over [-60, 60] and
 * a dense grid of the walks' range [-1, 1]), the same bits for an element whatever the array
 * around it (lengths 1 to 37, any offset: the vector lanes and the scalar tail agree), libm's
 * exp for an array with an element outside |x| < 700, NaN or infinite, and in place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tco/vexp.h"

static int64_t ulps(double a, double b)
{
    int64_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x > y ? x - y : y - x; /* both positive: the bit patterns order like the values */
}

static void exp_is_within_one_ulp_of_libm(void **state)
{
    (void)state;
    enum { N = 2000001 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < N; i++)
            x[i] = pass == 0 ? -60 + 120.0 * i / (N - 1) : -1 + 2.0 * i / (N - 1);
        tco_vexp(x, y, N);
        int64_t worst = 0;
        for (int i = 0; i < N; i++) {
            const int64_t d = ulps(y[i], exp(x[i]));
            worst = d > worst ? d : worst;
        }
        print_message("vexp over [%g, %g]: worst %lld ulp from libm\n", x[0], x[N - 1],
                      (long long)worst);
        assert_true(worst <= 1);
    }
    free(x);
    free(y);
}

static void an_element_s_bits_do_not_depend_on_the_array(void **state)
{
    (void)state;
    double x[48], alone[48], y[48];
    for (int i = 0; i < 48; i++)
        x[i] = sin(i * 1.7) * 3;
    for (int i = 0; i < 48; i++)
        tco_vexp(&x[i], &alone[i], 1);
    for (size_t off = 0; off < 5; off++)
        for (size_t n = 1; n + off <= 42; n++) {
            tco_vexp(x + off, y, n);
            assert_memory_equal(y, alone + off, n * sizeof *y);
        }
    /* in place */
    memcpy(y, x, sizeof y);
    tco_vexp(y, y, 48);
    assert_memory_equal(y, alone, sizeof y);
}

static void an_element_outside_its_range_sends_the_array_to_libm(void **state)
{
    (void)state;
    const double cases[] = {700, -700, 750, -1e300, INFINITY, -INFINITY, NAN};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        double x[5] = {0.5, -0.25, cases[c], 1e-300, 3}, y[5];
        tco_vexp(x, y, 5);
        for (int i = 0; i < 5; i++) {
            const double want = exp(x[i]);
            assert_true(memcmp(&y[i], &want, sizeof want) == 0 || (isnan(want) && isnan(y[i])));
        }
    }
    tco_vexp(NULL, NULL, 0); /* nothing to do */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exp_is_within_one_ulp_of_libm),
        cmocka_unit_test(an_element_s_bits_do_not_depend_on_the_array),
        cmocka_unit_test(an_element_outside_its_range_sends_the_array_to_libm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
