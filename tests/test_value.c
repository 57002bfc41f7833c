/* SPDX-License-Identifier: MIT */
/* Unit tests for value (SPEC §3): a table of good cells with their exact parameters, a table of
 * bad cells with their exact message and position, derived parameters and closed-form means by
 * hand, supports, and statistical checks of every sampler against its closed-form mean and sd
 * (z-bound and false-alarm rate stated at the check). */
#include "tco/value.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
