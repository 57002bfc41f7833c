/* SPDX-License-Identifier: MIT */
/* Tests of SPEC §11 in the engine: --precision stops at the first check point that meets it
 * (check points TCO_BLOCK_TRIALS x 2^k and the cap), the same for any thread count, with the
 * observers over exactly the trials used; --antithetic pairs mirror every draw (a model linear
 * in its one random input has a constant pair mean), round an odd count up, give the same bits
 * for any thread count, and report standard errors that match the spread of the estimates over
 * seeds (a chi-square test over 40 seeds, bounds stated below). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"
#include "random_fixture.h"
#include "tco/compare.h"
#include "tco/defaults.h"
#include "tco/report.h"

/* One UCaaS plan, seat "uniform(15,40)", 10 seats x 12 months, nothing else: TCO = 120 U with U
 * ~ U(15,40) drawn once a trial; mean 3300, sd 120 x 25 / sqrt(12) = 866.03, so mean_se / mean
 * = 0.262432 / sqrt(n). */
static const char UNIFORM_SCENARIO[] = "scenario,months,seats\nu,12,10\n";
static const char UNIFORM_SHEET[] = "vendor,plan,model,item,price\nU,Any,ucaas,seat,\"uniform(15,40)\"\n";

static void run(const tco_scenario *s, const tco_prices *p, unsigned long trials, uint64_t seed,
                unsigned threads, double precision, bool antithetic, const tco_observer *obs,
                size_t n_obs, tco_result *out)
{
    const tco_engine_config cfg = {.n_trials = trials,
                                   .seed = seed,
                                   .n_threads = threads,
                                   .observers = obs,
                                   .n_observers = n_obs,
                                   .precision = precision,
                                   .antithetic = antithetic};
    assert_int_equal(tco_engine_run(s, p, &cfg, out), TCO_OK);
}

static double relative_se(const tco_result *r, size_t o)
{
    return tco_result_mean_se(r, o) / r->per_option[o].tco.mean;
}

/* ---- --precision ------------------------------------------------------------------------ */

static void precision_stops_at_the_first_check_point_that_meets_it(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, UNIFORM_SCENARIO);
    tu_prices(&p, UNIFORM_SHEET);
    /* R = 0.35%: mean_se / mean = 0.262432 / sqrt(n) is 0.00580 at 2,048 trials, 0.00410 at
     * 4,096 and 0.00290 at 8,192 (the sample sd moves these by about 1%), so the run stops at
     * the third check point, 8,192 trials; p_cheapest is 1 in every trial (se 0). */
    tco_result r;
    run(&f.items[0], &p, 1000000, 2026, 2, 0.0035, false, NULL, 0, &r);
    assert_int_equal(r.n_trials, 8192);
    assert_int_equal(r.per_option[0].tco.n, 8192);
    assert_int_equal(r.trials_cap, 1000000);
    assert_true(r.precision_met);
    assert_true(relative_se(&r, 0) <= 0.0035);
    /* the month-by-month sketches hold exactly the trials used */
    for (int m = 0; m < r.months; m++)
        assert_int_equal(r.per_option[0].cum_q[m].n, 8192);
    /* the check point before did not meet it: the same first 4,096 trials, run alone */
    tco_result before;
    run(&f.items[0], &p, 4096, 2026, 1, 0, false, NULL, 0, &before);
    assert_true(relative_se(&before, 0) > 0.0035);
    tco_result_fini(&before);
    tco_result_fini(&r);

    /* the cap first: 5,000 trials (check points 2,048, 4,096, 5,000): 0.262432 / sqrt(5000) =
     * 0.00371 > 0.35%; every trial asked for is used, and the result says the cap came first */
    run(&f.items[0], &p, 5000, 2026, 2, 0.0035, false, NULL, 0, &r);
    assert_int_equal(r.n_trials, 5000);
    assert_int_equal(r.per_option[0].tco.n, 5000);
    assert_false(r.precision_met);
    tco_result_fini(&r);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void precision_needs_p_cheapest_se_too(void **state)
{
    (void)state;
    /* A seat at uniform(15,40) against one at 27.5: each cheapest in half the trials, so
     * p_cheapest_se = 0.5 / sqrt(n), above the relative mean_se (0.2624 / sqrt(n)) and what
     * decides: R = 0.5% needs n >= (0.5 / 0.005)^2 = 10,000, so 16,384 trials (at 8,192:
     * 0.00552). */
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, UNIFORM_SCENARIO);
    tu_prices(&p, "vendor,plan,model,item,price\nU,Any,ucaas,seat,\"uniform(15,40)\"\n"
                  "F,Fix,ucaas,seat,27.5\n");
    tco_result r;
    run(&f.items[0], &p, 1000000, 7, 2, 0.005, false, NULL, 0, &r);
    assert_int_equal(r.n_trials, 16384);
    assert_true(r.precision_met);
    double se;
    tco_result_p_cheapest(&r, 0, &se);
    assert_true(se <= 0.005 && se > 0.0035);
    tco_result_fini(&r);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}


static void the_stop_is_the_same_for_any_thread_count(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, RANDOM_SCENARIO);
    tu_prices(&p, RANDOM_SHEET);
    const tco_observer obs = tco_compare_observer(&p);
    static const unsigned threads[] = {1, 2, 7};
    for (int anti = 0; anti < 2; anti++) {
        char *text[3];
        unsigned long used = 0;
        for (int i = 0; i < 3; i++) {
            tco_result r;
            run(&f.items[0], &p, 200001, 5, threads[i], 0.004, anti, &obs, 1, &r);
            text[i] = csv_text(&r);
            if (i == 0)
                used = r.n_trials;
            assert_int_equal(r.n_trials, used);
            assert_true(r.precision_met);
            /* a check point: a power of two of blocks */
            const unsigned long blocks = used / TCO_BLOCK_TRIALS;
            assert_int_equal(used % TCO_BLOCK_TRIALS, 0);
            assert_int_equal(blocks & (blocks - 1), 0);
            /* the observer saw exactly the trials used */
            tco_difference d;
            assert_true(tco_compare_difference(tco_compare_find(&r), 0, 1, &d));
            assert_int_equal(d.n, used);
            tco_result_fini(&r);
        }
        print_message("precision 0.4%%%s: %lu trials\n", anti ? ", antithetic" : "", used);
        assert_true(used > TCO_BLOCK_TRIALS && used < 200001);
        assert_string_equal(text[1], text[0]);
        assert_string_equal(text[2], text[0]);
        for (int i = 0; i < 3; i++)
            free(text[i]);
    }
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* ---- --antithetic ----------------------------------------------------------------------- */

static void a_linear_model_has_a_constant_pair_mean(void **state)
{
    (void)state;
    /* TCO = 120 U, U ~ U(15,40); its partner draws 1 - u, so U' = 55 - U and every pair mean
     * is 120 x 27.5 = 3300 (to rounding): mean 3300 and mean_se 0, while sd is the trials'
     * own (866.03 within 5 of its standard errors, 1.2247 x sqrt(2) for pairs: < 10). An odd
     * count, 5,001, runs 5,002 trials. */
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, UNIFORM_SCENARIO);
    tu_prices(&p, UNIFORM_SHEET);
    tco_result r;
    run(&f.items[0], &p, 5001, 2026, 2, 0, true, NULL, 0, &r);
    assert_int_equal(r.n_trials, 5002);
    assert_int_equal(r.trials_cap, 5002);
    const tco_option_result *res = &r.per_option[0];
    assert_int_equal(res->tco.n, 5002);
    assert_int_equal(res->pair_tco.n, 2501);
    assert_true(fabs(res->tco.mean - 3300) < 1e-9);
    assert_true(tco_result_mean_se(&r, 0) < 1e-9);
    assert_true(fabs(tco_moments_sd(&res->tco) - 866.0254) < 60);
    /* quantiles from all trials: the median of a symmetric pair set is the middle */
    assert_true(fabs(tco_sketch_quantile(&res->tco_q, 0.5) - 3300) < 0.01 * 3300);
    tco_result_fini(&r);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void antithetic_results_are_bit_identical_for_any_thread_count(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, RANDOM_SCENARIO);
    tu_prices(&p, RANDOM_SHEET);
    static const unsigned threads[] = {1, 2, 7};
    char *text[3];
    for (int i = 0; i < 3; i++) {
        tco_result r;
        run(&f.items[0], &p, 5001, 99, threads[i], 0, true, NULL, 0, &r);
        assert_int_equal(r.n_trials, 5002);
        text[i] = csv_text(&r);
        tco_result_fini(&r);
    }
    assert_string_equal(text[1], text[0]);
    assert_string_equal(text[2], text[0]);
    /* and not the plain run's numbers */
    tco_result plain;
    run(&f.items[0], &p, 5002, 99, 2, 0, false, NULL, 0, &plain);
    char *plain_text = csv_text(&plain);
    assert_true(strcmp(plain_text, text[0]) != 0);
    free(plain_text);
    tco_result_fini(&plain);
    for (int i = 0; i < 3; i++)
        free(text[i]);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* Calibration: over S = 40 seeds, X = sum_s ((e_s - mean of e) / se_s)^2 is about chi-square
 * with S - 1 = 39 degrees of freedom when each reported se_s is the true standard error of e_s.
 * Bounds: its 0.1% and 99.9% quantiles, 17.2 and 72.1 (Wilson-Hilferty: 39 (1 - 2/351 -+ 3.09
 * sqrt(2/351))^3), a false alarm about 0.2% of the time for each of the three estimates. An se
 * from single trials would be too large for the pairs' negatively correlated trials: for the
 * mean of ucaas:U/One (its seat price mirrored) it is about twice the pairs' and X would be
 * near 39 / 4. */
enum { SEEDS = 40, CAL_TRIALS = 4000 };
#define CHI2_LO 17.2
#define CHI2_HI 72.1

static double chi2(const double *e, const double *se, int n)
{
    double mean = 0;
    for (int i = 0; i < n; i++)
        mean += e[i] / n;
    double x = 0;
    for (int i = 0; i < n; i++)
        x += (e[i] - mean) * (e[i] - mean) / (se[i] * se[i]);
    return x;
}

static void antithetic_standard_errors_match_the_spread_over_seeds(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, RANDOM_SCENARIO);
    tu_prices(&p, RANDOM_SHEET);
    const tco_observer obs = tco_compare_observer(&p);
    double mean[SEEDS], mean_se[SEEDS], naive_se[SEEDS], diff[SEEDS], diff_se[SEEDS];
    double share[SEEDS], share_se[SEEDS];
    size_t one = 0, two = 0;
    for (int s = 0; s < SEEDS; s++) {
        tco_result r;
        run(&f.items[0], &p, CAL_TRIALS, 1000 + (uint64_t)s, 2, 0, true, &obs, 1, &r);
        one = tu_option(&r, "ucaas:U/One");
        two = tu_option(&r, "ucaas:U/Two");
        mean[s] = r.per_option[one].tco.mean;
        mean_se[s] = tco_result_mean_se(&r, one);
        naive_se[s] = tco_moments_sem(&r.per_option[one].tco);
        tco_difference d;
        assert_true(tco_compare_difference(tco_compare_find(&r), one, two, &d));
        diff[s] = d.mean;
        diff_se[s] = d.mean_se;
        share[s] = tco_result_p_cheapest(&r, one, &share_se[s]);
        tco_result_fini(&r);
    }
    const double x_mean = chi2(mean, mean_se, SEEDS), x_naive = chi2(mean, naive_se, SEEDS);
    const double x_diff = chi2(diff, diff_se, SEEDS), x_share = chi2(share, share_se, SEEDS);
    print_message("chi2 over %d seeds (39 df, bounds %.1f-%.1f): mean %.1f (single-trial se: "
                  "%.1f), mean difference %.1f, p_cheapest %.1f\n",
                  SEEDS, CHI2_LO, CHI2_HI, x_mean, x_naive, x_diff, x_share);
    assert_true(x_mean >= CHI2_LO && x_mean <= CHI2_HI);
    assert_true(x_diff >= CHI2_LO && x_diff <= CHI2_HI);
    assert_true(x_share >= CHI2_LO && x_share <= CHI2_HI);
    /* the test can tell: the single-trial se is out of bounds */
    assert_true(x_naive < CHI2_LO);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(precision_stops_at_the_first_check_point_that_meets_it),
        cmocka_unit_test(precision_needs_p_cheapest_se_too),
        cmocka_unit_test(the_stop_is_the_same_for_any_thread_count),
        cmocka_unit_test(a_linear_model_has_a_constant_pair_mean),
        cmocka_unit_test(antithetic_results_are_bit_identical_for_any_thread_count),
        cmocka_unit_test(antithetic_standard_errors_match_the_spread_over_seeds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
