/* SPDX-License-Identifier: MIT */
/* Unit tests for value (SPEC §3): a table of good cells with their exact parameters, a table of
 * bad cells with their exact message and position, derived parameters and closed-form means by
 * hand, supports, and statistical checks of every sampler against its closed-form mean and sd
 * (z-bound and false-alarm rate stated at the check). */
#include "tco/value.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>

#define N_DRAWS 200000
#define SEED 20240611UL

static gsl_rng *new_rng(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, SEED);
    return r;
}

static tco_value parse_ok(const char *cell)
{
    tco_value v;
    size_t pos = 99;
    const char *err = tco_value_parse(cell, &v, &pos);
    if (err != NULL)
        fail_msg("\"%s\": expected %s at %zu", cell, err, pos);
    return v;
}

/* |x - want| within rel * max(1, |want|) */
static void assert_near(double x, double want, double rel)
{
    double tol = rel * fmax(1, fabs(want));
    if (!(fabs(x - want) <= tol))
        fail_msg("got %.17g, want %.17g (tolerance %g)", x, want, tol);
}

/* ============================================================================================
 * Parsing: good cells
 * ========================================================================================== */

static void good_cells_parse_to_their_exact_parameters(void **state)
{
    (void)state;
    static const struct {
        const char *cell;
        tco_dist dist;
        double a, b, c;
    } cases[] = {
        {"120", TCO_DIST_CONST, 120, 0, 0},
        {"0.007", TCO_DIST_CONST, 0.007, 0, 0},
        {"1.5e4", TCO_DIST_CONST, 15000, 0, 0},
        {"1.5E+4", TCO_DIST_CONST, 15000, 0, 0},
        {"2.5e-3", TCO_DIST_CONST, 0.0025, 0, 0},
        {"2%", TCO_DIST_CONST, 2.0 / 100, 0, 0},
        {"$20", TCO_DIST_CONST, 20, 0, 0},
        {"-5%", TCO_DIST_CONST, -5.0 / 100, 0, 0},
        {"-$5", TCO_DIST_CONST, -5, 0, 0},
        {"$-5", TCO_DIST_CONST, -5, 0, 0},
        {"+3", TCO_DIST_CONST, 3, 0, 0},
        {"1.", TCO_DIST_CONST, 1, 0, 0},
        {".5", TCO_DIST_CONST, 0.5, 0, 0},
        {"1.e2", TCO_DIST_CONST, 100, 0, 0},
        {"1e-400", TCO_DIST_CONST, 0, 0, 0}, /* underflow is a tiny number, not an error */
        {"  7\t", TCO_DIST_CONST, 7, 0, 0},
        {"0", TCO_DIST_CONST, 0, 0, 0},
        {"15..40", TCO_DIST_UNIFORM, 15, 40, 0},
        {"1.5..2", TCO_DIST_UNIFORM, 1.5, 2, 0},
        {"1..2", TCO_DIST_UNIFORM, 1, 2, 0},
        {"1%..3%", TCO_DIST_UNIFORM, 0.01, 0.03, 0},
        {"$15..$40", TCO_DIST_UNIFORM, 15, 40, 0},
        {"15 .. 40", TCO_DIST_UNIFORM, 15, 40, 0},
        {"-3..-1", TCO_DIST_UNIFORM, -3, -1, 0},
        {"5..5", TCO_DIST_UNIFORM, 5, 5, 0},
        {"uniform(15,40)", TCO_DIST_UNIFORM, 15, 40, 0},
        {" UNIFORM ( 15 , 40 ) ", TCO_DIST_UNIFORM, 15, 40, 0},
        {"Normal(100,10)", TCO_DIST_NORMAL, 100, 10, 0},
        {"normal(-1,0)", TCO_DIST_NORMAL, -1, 0, 0},
        {"lognormal(100,20)", TCO_DIST_LOGNORMAL, 100, 20, 0},
        {"triangular(1,2,10)", TCO_DIST_TRIANGULAR, 1, 2, 10},
        {"pert(1,2,10)", TCO_DIST_PERT, 1, 2, 10},
        {"PERT($1,$1,$1)", TCO_DIST_PERT, 1, 1, 1},
        {"ci90(1000,5000)", TCO_DIST_CI90_LOGNORMAL, 1000, 5000, 0},
        {"ci90(-10,10)", TCO_DIST_CI90_NORMAL, -10, 10, 0},
        {"ci90(0,10)", TCO_DIST_CI90_NORMAL, 0, 10, 0}, /* 0 < lo fails: normal */
        {"ci90(1%,3%)", TCO_DIST_CI90_LOGNORMAL, 0.01, 0.03, 0},
        {"poisson(3)", TCO_DIST_POISSON, 3, 0, 0},
        {"poisson(0)", TCO_DIST_POISSON, 0, 0, 0},
        {"poisson(1e9)", TCO_DIST_POISSON, 1e9, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tco_value v = parse_ok(cases[i].cell);
        if (v.dist != cases[i].dist || v.a != cases[i].a || v.b != cases[i].b ||
            v.c != cases[i].c)
            fail_msg("\"%s\": got dist %d (%.17g, %.17g, %.17g), want %d (%.17g, %.17g, %.17g)",
                     cases[i].cell, (int)v.dist, v.a, v.b, v.c, (int)cases[i].dist,
                     cases[i].a, cases[i].b, cases[i].c);
    }
}

static void percent_is_exactly_the_number_divided_by_100(void **state)
{
    (void)state;
    /* 2/100 is correctly rounded, as is the literal 0.02: the same double */
    assert_true(parse_ok("2%").a == 0.02);
    assert_true(parse_ok("7%").a == 7.0 / 100);
    assert_true(parse_ok("$1.5e1%").a == 15.0 / 100);
}

static void parse_leaves_the_output_alone_on_error(void **state)
{
    (void)state;
    tco_value v = tco_value_const(42);
    size_t pos = 0;
    assert_non_null(tco_value_parse("normal(1,-2)", &v, &pos));
    assert_true(v.dist == TCO_DIST_CONST && v.a == 42);
    /* err_pos may be NULL */
    assert_non_null(tco_value_parse("x", &v, NULL));
    assert_null(tco_value_parse("3", &v, NULL));
    assert_true(v.a == 3);
}

/* ============================================================================================
 * Parsing: bad cells, one row per rule
 * ========================================================================================== */

static void bad_cells_give_their_exact_message_and_position(void **state)
{
    (void)state;
    static const char START[] = "a number or a distribution";
    static const char UNKNOWN[] =
        "a number or a distribution (uniform, normal, lognormal, triangular, pert, ci90, poisson)";
    static const struct {
        const char *cell;
        const char *msg;
        size_t pos;
    } cases[] = {
        /* empty and unknown */
        {"", START, 1},
        {"  ", START, 1},
        {"fifteen", START, 1},
        {"  fifteen", START, 3},
        {"%", START, 1},
        {"..5", START, 1},
        {"(1,2)", START, 1},
        {"\xe2\x82\xac" "5", START, 1}, /* a euro sign */
        {"gamma(1,2)", UNKNOWN, 1},
        {"Gamma (1,2)", UNKNOWN, 1},
        {"ci90x(1,2)", UNKNOWN, 1},
        /* numbers */
        {"uniform(15,,40)", "a number", 12},
        {"2..%", "a number", 4},
        {"5..", "a number", 4},
        {"1...5", "a number", 4},
        {"$", "a number", 2},
        {"-", "a number", 2},
        {"--5", "a number", 2},
        {"$$5", "a number", 2},
        {"-$-5", "a number", 3},
        {"normal()", "a number", 8},
        {"normal(x,1)", "a number", 8},
        {"nan", "a finite number", 1},
        {"NaN", "a finite number", 1},
        {"inf", "a finite number", 1},
        {"-inf", "a finite number", 1},
        {"$Infinity", "a finite number", 1},
        {"uniform(nan,1)", "a finite number", 9},
        {"1..inf", "a finite number", 4},
        {"1e999", "a finite number", 1},
        {"-1e999", "a finite number", 1},
        {"uniform(0,1e309)", "a finite number", 11},
        {"0x10", "a decimal number", 1},
        {"-0x1p3", "a decimal number", 1},
        /* structure */
        {"uniform", "\"(\"", 8},
        {"uniform 5", "\"(\"", 9},
        {"uniform(1 2)", "\",\"", 11},
        {"uniform(1,2", "\")\"", 12},
        {"uniform(1,2 3)", "\")\"", 13},
        {"normal(1)", "a second parameter", 9},
        {"normal(1", "a second parameter", 9},
        {"triangular(1,2)", "a third parameter", 15},
        {"poisson(1,2)", "only 1 parameter", 10},
        {"uniform(1,2,3)", "only 2 parameters", 12},
        {"pert(1,2,3,4)", "only 3 parameters", 11},
        {"uniform(1,2)x", "the end of the cell", 13},
        {"uniform(1,2)..3", "the end of the cell", 13},
        {"15 40", "the end of the cell", 4},
        {"15k", "the end of the cell", 3},
        {"1e", "the end of the cell", 2},
        {"1.5.2", "the end of the cell", 4},
        {"2 %", "the end of the cell", 3},
        {"1..2..3", "the end of the cell", 5},
        /* parameter rules */
        {"uniform(40,15)", "a <= b", 12},
        {"40..15", "a <= b", 5},
        {"normal(1,-2)", "sd >= 0", 10},
        {"lognormal(0,1)", "mean > 0", 11},
        {"lognormal(-1,1)", "mean > 0", 11},
        {"lognormal(1,-1)", "sd >= 0", 13},
        {"lognormal(1,1e200)", "sd/mean <= 1e150", 13},
        {"lognormal(1e-300,1e-10)", "sd/mean <= 1e150", 18},
        {"triangular(1,5,3)", "min <= mode <= max", 16},
        {"triangular(2,1,3)", "min <= mode <= max", 14},
        {"pert(3,2,1)", "min <= mode <= max", 8},
        {"ci90(5,5)", "lo < hi", 8},
        {"ci90(5,1)", "lo < hi", 8},
        {"ci90(1e-300,1e300)", "a narrower ci90 (its mean overflows)", 13},
        {"poisson(-1)", "mean >= 0", 9},
        {"poisson(2e9)", "mean <= 1e9", 9},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tco_value v;
        size_t pos = 0;
        const char *err = tco_value_parse(cases[i].cell, &v, &pos);
        if (err == NULL)
            fail_msg("\"%s\": parsed, want \"%s\" at %zu", cases[i].cell, cases[i].msg,
                     cases[i].pos);
        if (strcmp(err, cases[i].msg) != 0 || pos != cases[i].pos)
            fail_msg("\"%s\": got \"%s\" at %zu, want \"%s\" at %zu", cases[i].cell, err, pos,
                     cases[i].msg, cases[i].pos);
    }
}

/* ============================================================================================
 * Derived parameters, means, supports
 * ========================================================================================== */

static void derived_parameters_match_the_hand_formulas(void **state)
{
    (void)state;
    const double z95 = gsl_cdf_ugaussian_Pinv(0.95);
    assert_near(z95, 1.6448536269514722, 1e-15);

    /* lognormal(100,20): sigma2 = log(1 + 0.04), mu = log(100) - sigma2/2 */
    tco_value v = parse_ok("lognormal(100,20)");
    assert_near(v.q, sqrt(log(1.04)), 1e-15);
    assert_near(v.p, log(100) - log(1.04) / 2, 1e-15);

    /* ci90(1000,5000): mu = (ln 1000 + ln 5000)/2, sigma = ln 5 / (2 z95) */
    v = parse_ok("ci90(1000,5000)");
    assert_near(v.p, (log(1000) + log(5000)) / 2, 1e-15);
    assert_near(v.q, log(5) / (2 * z95), 1e-15);

    /* ci90(-10,10): mean 0, sd 20 / (2 z95) */
    v = parse_ok("ci90(-10,10)");
    assert_true(v.p == 0);
    assert_near(v.q, 10 / z95, 1e-15);

    /* pert(1,2,10): alpha = 1 + 4 * 1/9, beta = 1 + 4 * 8/9 */
    v = parse_ok("pert(1,2,10)");
    assert_near(v.p, 1 + 4.0 / 9, 1e-15);
    assert_near(v.q, 1 + 32.0 / 9, 1e-15);

    /* triangular(1,2,10): the CDF at the mode is 1/9 */
    v = parse_ok("triangular(1,2,10)");
    assert_near(v.p, 1.0 / 9, 1e-15);

    /* spans beyond DBL_MAX: pert(-1e308,0,1e308) is symmetric, alpha = beta = 3 */
    v = parse_ok("pert(-1e308,0,1e308)");
    assert_near(v.p, 3, 1e-15);
    assert_near(v.q, 3, 1e-15);
}

static void means_are_the_closed_forms(void **state)
{
    (void)state;
    static const struct {
        const char *cell;
        double mean;
    } cases[] = {
        {"120", 120},
        {"uniform(15,40)", 27.5},           /* (15 + 40) / 2 */
        {"normal(100,10)", 100},
        {"lognormal(100,20)", 100},         /* parameterised by its mean */
        {"triangular(1,2,10)", 13.0 / 3},   /* (1 + 2 + 10) / 3 */
        {"pert(1,2,10)", 19.0 / 6},         /* (1 + 4*2 + 10) / 6 */
        {"ci90(-10,30)", 10},               /* (lo + hi) / 2 */
        {"poisson(3)", 3},
        {"uniform(-1e308,1e308)", 0},       /* no overflow in a + b */
        {"triangular(1e308,1e308,1.5e308)", 1e308 / 3 * 2 + 1.5e308 / 3},
        {"pert(1e308,1e308,1e308)", 1e308},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tco_value v = parse_ok(cases[i].cell);
        double m = tco_value_mean(&v);
        if (!(fabs(m - cases[i].mean) <= 1e-14 * fmax(1, fabs(cases[i].mean))))
            fail_msg("\"%s\": mean %.17g, want %.17g", cases[i].cell, m, cases[i].mean);
    }
    /* ci90(1000,5000) lognormal: exp(mu + sigma^2/2) with mu, sigma as derived */
    const double z95 = gsl_cdf_ugaussian_Pinv(0.95);
    double sigma = log(5) / (2 * z95);
    tco_value v = parse_ok("ci90(1000,5000)");
    assert_near(tco_value_mean(&v), sqrt(1000.0 * 5000.0) * exp(sigma * sigma / 2), 1e-14);
}

static void supports_are_the_documented_intervals(void **state)
{
    (void)state;
    static const struct {
        const char *cell;
        double lo, hi;
    } cases[] = {
        {"7", 7, 7},
        {"uniform(15,40)", 15, 40},
        {"normal(1,2)", -INFINITY, INFINITY},
        {"normal(1,0)", 1, 1},
        {"lognormal(100,20)", 0, INFINITY},
        {"lognormal(100,0)", 100, 100},
        {"triangular(1,2,10)", 1, 10},
        {"pert(1,2,10)", 1, 10},
        {"ci90(-10,10)", -INFINITY, INFINITY},
        {"ci90(1000,5000)", 0, INFINITY},
        {"poisson(3)", 0, INFINITY},
        {"poisson(0)", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tco_value v = parse_ok(cases[i].cell);
        double lo, hi;
        tco_value_support(&v, &lo, &hi);
        if (lo != cases[i].lo || hi != cases[i].hi)
            fail_msg("\"%s\": support [%g, %g], want [%g, %g]", cases[i].cell, lo, hi,
                     cases[i].lo, cases[i].hi);
    }
}

static void zero_means_a_cell_that_can_only_be_zero(void **state)
{
    (void)state;
    static const struct {
        const char *cell;
        bool zero;
    } cases[] = {
        {"0", true},           {"0%", true},          {"$0", true},
        {"-0", true},          {"0..0", true},        {"uniform(0,0)", true},
        {"poisson(0)", true},  {"triangular(0,0,0)", true}, {"pert(0,0,0)", true},
        {"normal(0,0)", true}, {"1", false},          {"0..1", false},
        {"poisson(1)", false}, {"normal(0,1)", false}, {"pert(0,0,1)", false},
        {"ci90(-1,1)", false}, {"lognormal(1,0)", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tco_value v = parse_ok(cases[i].cell);
        if (tco_value_is_zero(&v) != cases[i].zero)
            fail_msg("\"%s\": is_zero %d, want %d", cases[i].cell, !cases[i].zero,
                     cases[i].zero);
    }
}

static void only_numbers_are_const(void **state)
{
    (void)state;
    tco_value c = tco_value_const(2.5);
    assert_true(tco_value_is_const(&c));
    assert_true(c.a == 2.5);
    tco_value v = parse_ok("$2.5");
    assert_true(tco_value_is_const(&v));
    v = parse_ok("2.5..2.5");
    assert_false(tco_value_is_const(&v));
}

/* ============================================================================================
 * Draws
 * ========================================================================================== */

static void constant_draws_never_touch_the_generator(void **state)
{
    (void)state;
    static const char *const cells[] = {"7",           "uniform(3,3)",      "normal(5,0)",
                                        "lognormal(5,0)", "triangular(2,2,2)", "pert(2,2,2)",
                                        "poisson(0)"};
    gsl_rng *r = new_rng();
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        tco_value v = parse_ok(cells[i]);
        gsl_rng *before = gsl_rng_clone(r);
        double x = tco_value_draw(&v, r);
        assert_true(x == tco_value_mean(&v));
        if (gsl_rng_get(r) != gsl_rng_get(before))
            fail_msg("\"%s\" drew from the generator", cells[i]);
        gsl_rng_free(before);
    }
    gsl_rng_free(r);
}

/* The standard deviation of each test distribution, by its closed form. */
static double closed_form_sd(const tco_value *v)
{
    double a = v->a, b = v->b, c = v->c;
    switch (v->dist) {
    case TCO_DIST_CONST:
        return 0;
    case TCO_DIST_UNIFORM:
        return (b - a) / sqrt(12);
    case TCO_DIST_NORMAL:
    case TCO_DIST_LOGNORMAL:
        return b;
    case TCO_DIST_TRIANGULAR:
        return sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18);
    case TCO_DIST_PERT: {
        double al = v->p, be = v->q, s = al + be;
        return (c - a) * sqrt(al * be / (s * s * (s + 1)));
    }
    case TCO_DIST_CI90_NORMAL:
        return v->q;
    case TCO_DIST_CI90_LOGNORMAL:
        return tco_value_mean(v) * sqrt(expm1(v->q * v->q));
    case TCO_DIST_POISSON:
        return sqrt(a);
    }
    return NAN;
}

static void sample_means_match_the_closed_form_means(void **state)
{
    (void)state;
    static const char *const cells[] = {
        "uniform(15,40)",   "15..40",          "normal(100,10)",  "lognormal(100,20)",
        "lognormal(10,30)", "triangular(1,2,10)", "triangular(0,0,1)", "triangular(0,1,1)",
        "pert(1,2,10)",     "pert(0,10,10)",   "ci90(1000,5000)", "ci90(-10,10)",
        "poisson(3)",       "poisson(50)",     "poisson(1e6)",
    };
    gsl_rng *r = new_rng();
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        tco_value v = parse_ok(cells[i]);
        double lo, hi;
        tco_value_support(&v, &lo, &hi);
        double sum = 0;
        for (int k = 0; k < N_DRAWS; k++) {
            double x = tco_value_draw(&v, r);
            if (!(x >= lo && x <= hi))
                fail_msg("\"%s\": draw %.17g outside [%g, %g]", cells[i], x, lo, hi);
            sum += x;
        }
        /* z = (sample mean - mean) / (sd / sqrt(N)); |z| < 5 has a false-alarm rate of
         * 2 * (1 - Phi(5)) = 5.7e-7 per check under the CLT (N = 200000 is far into it even
         * for lognormal(10,30), whose sample-mean skew is 3.3e-2 here) */
        double mean = tco_value_mean(&v), se = closed_form_sd(&v) / sqrt(N_DRAWS);
        double z = (sum / N_DRAWS - mean) / se;
        if (!(fabs(z) < 5))
            fail_msg("\"%s\": sample mean %.17g, mean %.17g, z = %.2f", cells[i],
                     sum / N_DRAWS, mean, z);
    }
    gsl_rng_free(r);
}

static void ci90_puts_five_percent_below_lo_and_above_hi(void **state)
{
    (void)state;
    static const struct {
        const char *cell;
        double lo, hi;
    } cases[] = {{"ci90(1000,5000)", 1000, 5000}, {"ci90(-10,10)", -10, 10}, {"ci90(0,1)", 0, 1}};
    gsl_rng *r = new_rng();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tco_value v = parse_ok(cases[i].cell);
        long below = 0, above = 0;
        for (int k = 0; k < N_DRAWS; k++) {
            double x = tco_value_draw(&v, r);
            below += x < cases[i].lo;
            above += x > cases[i].hi;
        }
        /* a binomial proportion: se = sqrt(p (1-p) / N); |z| < 5, false-alarm rate 5.7e-7 */
        double se = sqrt(0.05 * 0.95 / N_DRAWS);
        double z_lo = ((double)below / N_DRAWS - 0.05) / se;
        double z_hi = ((double)above / N_DRAWS - 0.05) / se;
        if (!(fabs(z_lo) < 5 && fabs(z_hi) < 5))
            fail_msg("\"%s\": %ld below, %ld above of %d; z = %.2f, %.2f", cases[i].cell,
                     below, above, N_DRAWS, z_lo, z_hi);
    }
    gsl_rng_free(r);
}

static void draws_of_huge_bounded_ranges_stay_finite_and_inside(void **state)
{
    (void)state;
    static const char *const cells[] = {"uniform(-1e308,1e308)", "triangular(-1e308,0,1e308)",
                                        "pert(-1.7e308,1e308,1.7e308)",
                                        "triangular(1e-310,2e-310,3e-310)"};
    gsl_rng *r = new_rng();
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        tco_value v = parse_ok(cells[i]);
        double lo, hi;
        tco_value_support(&v, &lo, &hi);
        for (int k = 0; k < 10000; k++) {
            double x = tco_value_draw(&v, r);
            if (!(isfinite(x) && x >= lo && x <= hi))
                fail_msg("\"%s\": draw %.17g outside [%g, %g]", cells[i], x, lo, hi);
        }
    }
    gsl_rng_free(r);
}

static void draws_are_reproducible_from_the_same_seed(void **state)
{
    (void)state;
    tco_value v = parse_ok("pert(1,2,10)");
    gsl_rng *r1 = new_rng(), *r2 = new_rng();
    for (int k = 0; k < 1000; k++)
        assert_true(tco_value_draw(&v, r1) == tco_value_draw(&v, r2));
    gsl_rng_free(r1);
    gsl_rng_free(r2);
}

/* ============================================================================================
 * Inverse CDFs
 * ========================================================================================== */

/* The CDF of a continuous cell from GSL or the closed form, or with upper its complement
 * 1 - F(x) computed directly (1 - F near 1 would keep no digits), for the round trips below. */
static double cdf(const tco_value *v, double x, bool upper)
{
    switch (v->dist) {
    case TCO_DIST_UNIFORM: {
        double t = (x - v->a) / (v->b - v->a);
        return upper ? (v->b - x) / (v->b - v->a) : t;
    }
    case TCO_DIST_NORMAL:
        return upper ? gsl_cdf_gaussian_Q(x - v->a, v->b) : gsl_cdf_gaussian_P(x - v->a, v->b);
    case TCO_DIST_CI90_NORMAL:
        return upper ? gsl_cdf_gaussian_Q(x - v->p, v->q) : gsl_cdf_gaussian_P(x - v->p, v->q);
    case TCO_DIST_LOGNORMAL:
    case TCO_DIST_CI90_LOGNORMAL:
        return upper ? gsl_cdf_lognormal_Q(x, v->p, v->q) : gsl_cdf_lognormal_P(x, v->p, v->q);
    case TCO_DIST_TRIANGULAR: {
        double t = (x - v->a) / (v->c - v->a), r = (v->c - x) / (v->c - v->a), f = v->p;
        double lower = t < f ? t * t / f : 1 - r * r / (1 - f);
        return upper ? (t < f ? 1 - t * t / f : r * r / (1 - f)) : lower;
    }
    case TCO_DIST_PERT: {
        double t = (x - v->a) / (v->c - v->a);
        return upper ? gsl_cdf_beta_Q(t, v->p, v->q) : gsl_cdf_beta_P(t, v->p, v->q);
    }
    default:
        return NAN;
    }
}

/* How far F(x) is from u on u's own side (u <= 0.5: F(x) - u; else (1 - F(x)) - (1 - u)),
 * less what rounding x to a double alone explains (4 ulps of x, as moved through F). */
static double round_trip_error(const tco_value *v, double u, double x)
{
    bool upper = u > 0.5;
    double side = upper ? 1 - u : u; /* exact: u > 0.5 makes 1 - u exact (Sterbenz) */
    double fx = cdf(v, x, upper);
    double ulp_move = fabs(cdf(v, nextafter(x, INFINITY), upper) - fx);
    return fmax(0, fabs(fx - side) - 4 * ulp_move);
}

/* The continuous kinds, with PERT's mode at either end and inside (alpha and beta from 1 to 5:
 * the whole range PERT's lambda 4 gives). */
static const char *const CONTINUOUS[] = {
    "uniform(15,40)",     "normal(100,10)",      "lognormal(100,20)", "lognormal(10,30)",
    "triangular(1,2,10)", "triangular(0,0,1)",   "triangular(0,1,1)", "pert(1,2,10)",
    "pert(0,0,1)",        "pert(0,1,1)",         "pert(0,0.01,1)",    "pert(-5,0,5)",
    "pert(0,0.99,1)",     "ci90(1000,5000)",     "ci90(-10,10)",
};

/* u = k / 1000 and the tails 1e-12, 1e-9, 1e-6 and their mirrors (1 - 2^-40 etc., exact). */
#define GRID 999
static double grid_u(int k)
{
    static const double tails[] = {1e-12, 1e-9, 1e-6};
    if (k < 3)
        return tails[k];
    if (k < 6)
        return 1 - ldexp(1, -20 - 10 * (k - 3)); /* 1 - 2^-20, 2^-30, 2^-40 */
    return (k - 5) / 1000.0;
}
#define N_GRID (GRID + 6)

static void quantiles_invert_the_cdf_over_a_grid(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CONTINUOUS / sizeof CONTINUOUS[0]; i++) {
        tco_value v = parse_ok(CONTINUOUS[i]);
        tco_value_inverse inv;
        tco_value_inverse_init(&inv, &v);
        const bool pert = v.dist == TCO_DIST_PERT;
        for (int k = 0; k < N_GRID; k++) {
            double u = grid_u(k), side = fmin(u, 1 - u);
            double x = tco_value_quantile(&v, u), xt = tco_value_inverse_at(&inv, u);
            /* Closed forms and GSL's Pinv: |F(x) - u| within 1e-12, and within 1e-9 of u
             * relatively (on u's side: 1 - F against 1 - u above 0.5) for the tails. The PERT
             * table: the stated 1e-9 absolute, 1e-6 relative; and within 1e-9 of the range of
             * GSL's beta Pinv. */
            double err = round_trip_error(&v, u, x), err_t = round_trip_error(&v, u, xt);
            /* the triangular inversion is the draw's own, 1 - sqrt((1-u)(1-f)) past the mode,
             * which keeps t to DBL_EPSILON absolute only (5e-13 of triangular(0,0,1) at
             * u = 1e-12 is off by 9e-17): its relative check has that floor */
            if (v.dist == TCO_DIST_TRIANGULAR)
                side = fmax(side, DBL_EPSILON / 1e-9);
            if (!(err <= 1e-12 && err <= 1e-9 * side))
                fail_msg("\"%s\": F(F^-1(%.17g)) is off by %.3g", CONTINUOUS[i], u, err);
            double abs_t = pert ? 1e-9 : 1e-12, rel_t = pert ? 1e-6 : 1e-9;
            if (!(err_t <= abs_t && err_t <= rel_t * side))
                fail_msg("\"%s\": table F(F^-1(%.17g)) is off by %.3g", CONTINUOUS[i], u,
                         err_t);
            if (pert && !(fabs(xt - x) <= 1e-9 * (v.c - v.a)))
                fail_msg("\"%s\": table %.17g, GSL %.17g at u = %.17g", CONTINUOUS[i], xt, x, u);
            if (!pert && xt != x)
                fail_msg("\"%s\": inverse %.17g, quantile %.17g", CONTINUOUS[i], xt, x);
        }
        tco_value_inverse_fini(&inv);
    }
}

/* Poisson: the smallest k with CDF(k) >= u, table and search alike, small means and large. */
static void poisson_quantile_is_the_smallest_k_with_cdf_at_least_u(void **state)
{
    (void)state;
    static const char *const cells[] = {"poisson(0.5)", "poisson(3)",    "poisson(50)",
                                        "poisson(1000)", "poisson(5000)", "poisson(1e6)"};
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        tco_value v = parse_ok(cells[i]);
        tco_value_inverse inv;
        tco_value_inverse_init(&inv, &v);
        /* a table up to mean ~3,700 (k <= 4096), a search beyond */
        assert_true((inv.table != NULL) == (v.a <= 1000));
        for (int k = 0; k < N_GRID; k++) {
            double u = grid_u(k);
            double q = tco_value_quantile(&v, u), qt = tco_value_inverse_at(&inv, u);
            if (qt != q)
                fail_msg("\"%s\": table %.17g, search %.17g at u = %.17g", cells[i], qt, q, u);
            unsigned n = (unsigned)q;
            assert_true(q == n);
            if (!(gsl_cdf_poisson_P(n, v.a) >= u && (n == 0 || gsl_cdf_poisson_P(n - 1, v.a) < u)))
                fail_msg("\"%s\": k = %u is not the smallest k with CDF(k) >= %.17g", cells[i],
                         n, u);
        }
        tco_value_inverse_fini(&inv);
    }
    /* known answers: poisson(3), CDF(0) = e^-3 = 0.049787, CDF(1) = 4 e^-3 = 0.199148,
     * CDF(2) = 8.5 e^-3 = 0.423190, CDF(3) = 13 e^-3 = 0.647232 */
    tco_value v = parse_ok("poisson(3)");
    assert_true(tco_value_quantile(&v, 0.0497) == 0);
    assert_true(tco_value_quantile(&v, 0.0498) == 1);
    assert_true(tco_value_quantile(&v, 0.1991) == 1);
    assert_true(tco_value_quantile(&v, 0.1992) == 2);
    assert_true(tco_value_quantile(&v, 0.4231) == 2);
    assert_true(tco_value_quantile(&v, 0.4232) == 3);
    assert_true(tco_value_quantile(&v, 0.6472) == 3);
    assert_true(tco_value_quantile(&v, 0.6473) == 4);
    assert_true(tco_value_quantile(&v, 0) == 0);
}

/* u = 0 and u = 1 stay finite and inside the support; constants and zero-width distributions
 * are their number for every u; uniform and triangular invert exactly as their draws do. */
static void quantile_ends_degenerate_cells_and_the_draws_own_inversion(void **state)
{
    (void)state;
    static const char *const cells[] = {
        "uniform(15,40)", "normal(100,10)", "lognormal(100,20)", "triangular(1,2,10)",
        "pert(1,2,10)",   "ci90(1000,5000)", "ci90(-10,10)",     "poisson(3)",
    };
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        tco_value v = parse_ok(cells[i]);
        tco_value_inverse inv;
        tco_value_inverse_init(&inv, &v);
        double lo, hi;
        tco_value_support(&v, &lo, &hi);
        const double us[] = {0, 1, -1, 2, NAN};
        for (size_t k = 0; k < sizeof us / sizeof us[0]; k++) {
            double x = tco_value_quantile(&v, us[k]), xt = tco_value_inverse_at(&inv, us[k]);
            if (!(isfinite(x) && x >= lo && x <= hi && isfinite(xt) && xt >= lo && xt <= hi))
                fail_msg("\"%s\": u = %g gives %.17g and %.17g", cells[i], us[k], x, xt);
        }
        /* bounded: near the ends of the support, within 1e-3 of the range (PERT's quantile
         * at 1 - 2^-53 is 2.6e-4 of the range below its max: about (beta B 2^-53)^(1/beta)
         * with beta = 41/9) */
        if (isfinite(hi) && isfinite(lo)) {
            assert_true(tco_value_quantile(&v, 0) <= lo + 1e-3 * (hi - lo));
            assert_true(tco_value_inverse_at(&inv, 0) <= lo + 1e-3 * (hi - lo));
            assert_true(tco_value_quantile(&v, 1) >= hi - 1e-3 * (hi - lo));
            assert_true(tco_value_inverse_at(&inv, 1) >= hi - 1e-3 * (hi - lo));
        }
        tco_value_inverse_fini(&inv);
    }
    static const char *const constant[] = {"7", "uniform(3,3)", "normal(5,0)", "lognormal(5,0)",
                                           "triangular(2,2,2)", "pert(4,4,4)", "poisson(0)"};
    for (size_t i = 0; i < sizeof constant / sizeof constant[0]; i++) {
        tco_value v = parse_ok(constant[i]);
        tco_value_inverse inv;
        tco_value_inverse_init(&inv, &v);
        assert_null(inv.table);
        for (int k = 0; k < N_GRID; k++)
            assert_true(tco_value_inverse_at(&inv, grid_u(k)) == tco_value_mean(&v));
        tco_value_inverse_fini(&inv);
    }
    /* the same uniform gives the same number as the draw: gsl_ran_flat is a (1-u) + b u, and
     * the triangular draw is this inversion */
    static const char *const same[] = {"uniform(15,40)", "triangular(1,2,10)",
                                       "triangular(0,0,1)"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        tco_value v = parse_ok(same[i]);
        gsl_rng *r1 = new_rng(), *r2 = new_rng();
        for (int k = 0; k < 1000; k++)
            assert_true(tco_value_draw(&v, r1) == tco_value_quantile(&v, gsl_rng_uniform(r2)));
        gsl_rng_free(r1);
        gsl_rng_free(r2);
    }
    tco_value_inverse_fini(NULL);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#define N_KS 20000

/* The inverse of uniforms against the sampler, N_KS each, for every kind: the two-sample
 * Kolmogorov-Smirnov distance, the mean, and the share of the sampler's draws below each
 * quantile. */
static void quantiles_of_uniforms_reproduce_the_sampler(void **state)
{
    (void)state;
    static const char *const cells[] = {
        "uniform(15,40)",     "normal(100,10)",    "lognormal(100,20)", "lognormal(10,30)",
        "triangular(1,2,10)", "triangular(0,0,1)", "pert(1,2,10)",      "pert(0,10,10)",
        "pert(0,0,1)",        "ci90(1000,5000)",   "ci90(-10,10)",      "poisson(3)",
        "poisson(50)",        "poisson(5000)",
    };
    static const double ps[] = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
    double *drawn = malloc(N_KS * sizeof *drawn), *inverted = malloc(N_KS * sizeof *inverted);
    assert_non_null(drawn);
    assert_non_null(inverted);
    gsl_rng *r = new_rng();
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        tco_value v = parse_ok(cells[i]);
        tco_value_inverse inv;
        tco_value_inverse_init(&inv, &v);
        double sum_d = 0, sum_i = 0;
        for (int k = 0; k < N_KS; k++) {
            drawn[k] = tco_value_draw(&v, r);
            inverted[k] = tco_value_inverse_at(&inv, gsl_rng_uniform(r));
            sum_d += drawn[k];
            sum_i += inverted[k];
        }
        /* means: the difference of two independent sample means has se sd sqrt(2/N);
         * |z| < 5: false-alarm rate 5.7e-7 a check */
        double se = closed_form_sd(&v) * sqrt(2.0 / N_KS);
        double z = (sum_d - sum_i) / N_KS / se;
        if (!(fabs(z) < 5))
            fail_msg("\"%s\": means %.17g (draws) and %.17g (inverse), z = %.2f", cells[i],
                     sum_d / N_KS, sum_i / N_KS, z);
        qsort(drawn, N_KS, sizeof *drawn, compare_doubles);
        qsort(inverted, N_KS, sizeof *inverted, compare_doubles);
        /* quantiles: the share of draws strictly below F^-1(p) is at most p, the share at or
         * below it at least p (both p for continuous kinds); binomial se sqrt(p (1-p) / N),
         * 5 se: false-alarm rate 2.9e-7 a side */
        for (size_t k = 0; k < sizeof ps / sizeof ps[0]; k++) {
            double q = tco_value_inverse_at(&inv, ps[k]);
            size_t below = 0, at_or_below = 0;
            while (below < N_KS && drawn[below] < q)
                below++;
            at_or_below = below;
            while (at_or_below < N_KS && drawn[at_or_below] <= q)
                at_or_below++;
            double se_p = sqrt(ps[k] * (1 - ps[k]) / N_KS);
            if (!((double)below / N_KS <= ps[k] + 5 * se_p &&
                  (double)at_or_below / N_KS >= ps[k] - 5 * se_p))
                fail_msg("\"%s\": F^-1(%g) = %.17g has %zu draws below, %zu at or below, of %d",
                         cells[i], ps[k], q, below, at_or_below, N_KS);
        }
        /* two-sample KS: D = sup |F_draws - F_inverse| over the pooled values; under H0
         * P(D > c sqrt(2/N)) <= 2 exp(-2 c^2), c = 2.4: 2 exp(-11.5) = 2e-5 (conservative for
         * discrete kinds) */
        double d = 0;
        size_t a = 0, b = 0;
        while (a < N_KS && b < N_KS) {
            double x = fmin(drawn[a], inverted[b]);
            while (a < N_KS && drawn[a] <= x)
                a++;
            while (b < N_KS && inverted[b] <= x)
                b++;
            d = fmax(d, fabs((double)a - (double)b) / N_KS);
        }
        if (!(d < 2.4 * sqrt(2.0 / N_KS)))
            fail_msg("\"%s\": KS distance %.4f, bound %.4f", cells[i], d,
                     2.4 * sqrt(2.0 / N_KS));
        tco_value_inverse_fini(&inv);
    }
    gsl_rng_free(r);
    free(drawn);
    free(inverted);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_cells_parse_to_their_exact_parameters),
        cmocka_unit_test(percent_is_exactly_the_number_divided_by_100),
        cmocka_unit_test(parse_leaves_the_output_alone_on_error),
        cmocka_unit_test(bad_cells_give_their_exact_message_and_position),
        cmocka_unit_test(derived_parameters_match_the_hand_formulas),
        cmocka_unit_test(means_are_the_closed_forms),
        cmocka_unit_test(supports_are_the_documented_intervals),
        cmocka_unit_test(zero_means_a_cell_that_can_only_be_zero),
        cmocka_unit_test(only_numbers_are_const),
        cmocka_unit_test(constant_draws_never_touch_the_generator),
        cmocka_unit_test(sample_means_match_the_closed_form_means),
        cmocka_unit_test(ci90_puts_five_percent_below_lo_and_above_hi),
        cmocka_unit_test(draws_of_huge_bounded_ranges_stay_finite_and_inside),
        cmocka_unit_test(draws_are_reproducible_from_the_same_seed),
        cmocka_unit_test(quantiles_invert_the_cdf_over_a_grid),
        cmocka_unit_test(poisson_quantile_is_the_smallest_k_with_cdf_at_least_u),
        cmocka_unit_test(quantile_ends_degenerate_cells_and_the_draws_own_inversion),
        cmocka_unit_test(quantiles_of_uniforms_reproduce_the_sampler),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
