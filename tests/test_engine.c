/* SPDX-License-Identifier: MIT */
/* Tests of the Monte Carlo engine (SPEC §6): the deterministic scenarios of hand_cases.h to the
 * cent through a whole run; a uniform seat price against its closed-form distribution (mean,
 * sd, quantiles, each within a bound derived from its standard error and stated below);
 * options that are not offered; p_cheapest shares and ties; bit-identical results for any
 * thread count; seeds; trial counts that are not a multiple of the block; cancellation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "hand_cases.h"
#include "testutil.h"
#include "random_fixture.h"
#include "tco/defaults.h"
#include "tco/report.h"

/* ---- known answers --------------------------------------------------------------------- */

static void deterministic_scenarios_match_the_hand_values_to_the_cent(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, HAND_SCENARIOS);
    tu_prices(&p, HAND_SHEET);
    for (int s = 0; s < HAND_N; s++) {
        tco_result r;
        tu_run(&f.items[s], &p, 7, 42, 1, &r);
        for (int k = 0; k < 3; k++) {
            size_t o = tu_option(&r, HAND_OPTIONS[k]);
            const tco_option_result *res = &r.per_option[o];
            double want = HAND_TCO[s][k];
            assert_int_equal(res->tco.n, 7);
            /* every trial is the same: mean, every quantile, min and max are the one value */
            tu_assert_cents(res->tco.mean, want);
            assert_true(tco_moments_sd(&res->tco) == 0.0);
            assert_true(res->tco.min == res->tco.max);
            static const double qs[] = {0.05, 0.25, 0.5, 0.75, 0.95};
            for (size_t q = 0; q < 5; q++)
                assert_true(tco_sketch_quantile(&res->tco_q, qs[q]) == res->tco.mean);
            /* cumulative cost to the last month is the TCO */
            double cum = tco_sketch_quantile(&res->cum_q[r.months - 1], 0.5);
            tu_assert_cents(cum, want);
        }
        /* the cheapest of the three is cheapest in every trial */
        size_t best = 0;
        for (int k = 1; k < 3; k++)
            if (HAND_TCO[s][k] < HAND_TCO[s][best])
                best = (size_t)k;
        for (int k = 0; k < 3; k++)
            assert_true(tco_result_p_cheapest(&r, tu_option(&r, HAND_OPTIONS[k]), NULL) ==
                        (k == (int)best ? 1.0 : 0.0));
        tco_result_fini(&r);
    }
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void monthly_means_step_with_escalation(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, HAND_SCENARIOS);
    tu_prices(&p, HAND_SHEET);
    tco_result r;
    tu_run(&f.items[HAND_NPV], &p, 5, 42, 2, &r);
    const tco_option_result *u = &r.per_option[tu_option(&r, "ucaas:U/Basic")];
    /* hand_cases.h: ucaas month 12 = 180.2659, month 13 = 196.4286 */
    tu_assert_cents(u->month_sum[11] / (double)u->tco.n, 180.2659);
    tu_assert_cents(u->month_sum[12] / (double)u->tco.n, 196.4286);
    tu_assert_cents(tco_sketch_quantile(&u->month_q[12], 0.5), 196.4286);
    tco_result_fini(&r);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* ---- a uniform seat price -------------------------------------------------------------- */

static void a_uniform_seat_price_has_its_closed_form_distribution(void **state)
{
    (void)state;
    /* seat "uniform(15,40)", 10 seats x 12 months, nothing else: TCO = 120 U, U ~ U(15,40)
     * drawn once per trial. Mean 120 x 27.5 = 3300; sd = 120 x 25 / sqrt(12) = 866.0254;
     * quantile q = 120 x (15 + 25 q).
     * Bounds, n = 100,000 trials (each a 5-sigma two-sided check: a correct engine fails it
     * with probability about 5.7e-7):
     * - mean: |mean - 3300| < 5 sd / sqrt(n) = 5 x 2.7386 = 13.69;
     * - sd: the standard error of a sample sd is about sd x sqrt((kurtosis - 1) / (4 n)); a
     *   uniform's kurtosis is 1.8: SE = 866.0254 x sqrt(0.8 / 400000) = 1.2247, bound 6.12;
     * - quantiles: the empirical CDF at the exact q-quantile is Binomial(n, q) / n, within
     *   d = 5 sqrt(q (1-q) / n) of q, so the sample's order statistic of rank floor(q (n-1))
     *   lies between the exact quantiles at q -+ (d + 1/n); the sketch adds its relative
     *   accuracy alpha = 0.1%: 120 (15 + 25 (q - d - 1/n)) (1 - alpha) <= p_q <=
     *   120 (15 + 25 (q + d + 1/n)) (1 + alpha). For q = 0.5: d = 0.0079, so 3276.3-3323.7
     *   widened by 0.1%. */
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, "scenario,months,seats\nu,12,10\n");
    tu_prices(&p, "vendor,plan,model,item,price\nU,Any,ucaas,seat,\"uniform(15,40)\"\n");
    enum { N = 100000 };
    tco_result r;
    tu_run(&f.items[0], &p, N, 2026, 2, &r);
    assert_int_equal(r.options.n, 1);
    const tco_option_result *res = &r.per_option[0];
    assert_int_equal(res->tco.n, N);
    const double sd = 120 * 25 / sqrt(12.0);
    const double mean = res->tco.mean, got_sd = tco_moments_sd(&res->tco);
    if (!(fabs(mean - 3300) < 5 * sd / sqrt((double)N)))
        fail_msg("mean %.4f, want 3300 +- %.4f", mean, 5 * sd / sqrt((double)N));
    const double se_sd = sd * sqrt((1.8 - 1) / (4.0 * N));
    if (!(fabs(got_sd - sd) < 5 * se_sd))
        fail_msg("sd %.4f, want %.4f +- %.4f", got_sd, sd, 5 * se_sd);
    print_message("uniform seat: mean %.4f (exact 3300), sd %.4f (exact %.4f)\n", mean, got_sd,
                  sd);
    /* the support: every trial in [1800, 4800] */
    assert_true(res->tco.min >= 1800 && res->tco.max <= 4800);
    static const double qs[] = {0.05, 0.25, 0.5, 0.75, 0.95};
    const double alpha = TCO_QUANTILE_REL_ACCURACY;
    for (size_t i = 0; i < 5; i++) {
        double q = qs[i];
        double d = 5 * sqrt(q * (1 - q) / N) + 1.0 / N;
        double lo = 120 * (15 + 25 * (q - d)) * (1 - alpha);
        double hi = 120 * (15 + 25 * (q + d)) * (1 + alpha);
        double got = tco_sketch_quantile(&res->tco_q, q);
        print_message("uniform seat: p%02.0f %.4f (exact %.4f)\n", 100 * q, got,
                      120 * (15 + 25 * q));
        if (!(got >= lo && got <= hi))
            fail_msg("p%02.0f = %.4f, want %.4f within [%.4f, %.4f]", 100 * q, got,
                     120 * (15 + 25 * q), lo, hi);
    }
    /* the one option is always cheapest */
    assert_true(tco_result_p_cheapest(&r, 0, NULL) == 1.0);
    tco_result_fini(&r);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* ---- offered options and p_cheapest ---------------------------------------------------- */

/* Notifications vary by trial; A and B price SMS identically, Dear 10% more, NoSms prices no
 * SMS (not offered: SPEC §5, never free). Every offered option is CPaaS with the same labor,
 * so TCO = 12 x notifications x price + labor: A and B tie in every trial, Dear never wins. */
static const char TIE_SHEET[] = "vendor,plan,model,item,price\n"
                                "V,A,cpaas,sms,0.007\n"
                                "V,B,cpaas,sms,0.007\n"
                                "V,Dear,cpaas,sms,0.0077\n"
                                "V,NoSms,cpaas,voice,0.001\n";
static const char TIE_SCENARIO[] =
    "scenario,months,seats,notifications,volume_volatility,engineer_rate,cpaas_build_hours\n"
    "tie,12,5,\"uniform(5000,15000)\",0.2,60,\"uniform(50,150)\"\n";

static void a_plan_lacking_a_usage_kind_is_not_offered_and_gets_no_trials(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, TIE_SCENARIO);
    tu_prices(&p, TIE_SHEET);
    tco_result r;
    tu_run(&f.items[0], &p, 3000, 1, 2, &r);
    size_t o = tu_option(&r, "cpaas:V/NoSms");
    assert_false(r.options.items[o].offered);
    assert_string_equal(r.options.items[o].not_offered_why, "V/NoSms does not price sms");
    assert_int_equal(r.per_option[o].tco.n, 0);
    assert_int_equal(r.per_option[o].tco_q.n, 0);
    assert_true(r.per_option[o].cheapest_sum == 0.0);
    assert_true(tco_result_p_cheapest(&r, o, NULL) == 0.0);
    tco_result_fini(&r);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void identical_plans_share_cheapest_and_a_dearer_one_never_wins(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, TIE_SCENARIO);
    tu_prices(&p, TIE_SHEET);
    tco_result r;
    tu_run(&f.items[0], &p, 3000, 1, 2, &r);
    /* A and B tie in every trial: 1/2 each, exactly (halves add up exactly in binary) */
    assert_true(tco_result_p_cheapest(&r, tu_option(&r, "cpaas:V/A"), NULL) == 0.5);
    assert_true(tco_result_p_cheapest(&r, tu_option(&r, "cpaas:V/B"), NULL) == 0.5);
    assert_true(tco_result_p_cheapest(&r, tu_option(&r, "cpaas:V/Dear"), NULL) == 0.0);
    /* and the tie is exact: the same TCO in every statistic */
    const tco_option_result *a = &r.per_option[tu_option(&r, "cpaas:V/A")];
    const tco_option_result *b = &r.per_option[tu_option(&r, "cpaas:V/B")];
    assert_true(a->tco.mean == b->tco.mean && a->tco.m2 == b->tco.m2);
    tco_result_fini(&r);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void tcos_within_half_a_cent_of_the_lowest_tie_with_it(void **state)
{
    (void)state;
    /* Issue 14: one seat at $23.70 against 3,000 SMS at $0.0079 is the same money, 23.70,
     * but the two sums differ in their last bits; SPEC §6: within half a cent they tie, 1/2
     * each (the hybrid pays both: 47.40). */
    assert_true(3000 * 0.0079 != 23.70); /* 23.700000000000003 */
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, "scenario,months,seats,notifications\nt,1,1,3000\n");
    tu_prices(&p, "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                  "U,Seat,ucaas,seat,23.70,,,\n"
                  "C,Sms,cpaas,sms,0.0079,,,\n");
    tco_result r;
    tu_run(&f.items[0], &p, 100, 1, 1, &r);
    assert_true(r.per_option[tu_option(&r, "ucaas:U/Seat")].tco.mean !=
                r.per_option[tu_option(&r, "cpaas:C/Sms")].tco.mean);
    assert_true(tco_result_p_cheapest(&r, tu_option(&r, "ucaas:U/Seat"), NULL) == 0.5);
    assert_true(tco_result_p_cheapest(&r, tu_option(&r, "cpaas:C/Sms"), NULL) == 0.5);
    assert_true(tco_result_p_cheapest(&r, tu_option(&r, "hybrid:U/Seat+C/Sms"), NULL) == 0.0);
    tco_result_fini(&r);
    tco_prices_fini(&p);
    /* One seat, one month, seat prices: A 10, B 10.004 (0.004 above the lowest: a tie), C
     * 10.006 (0.006: dearer), D 10.008 (within half a cent of B but not of the lowest). A and B
     * get 1/2 each; C and D nothing. */
    tu_prices(&p, "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                  "V,A,ucaas,seat,10,,,\n"
                  "V,B,ucaas,seat,10.004,,,\n"
                  "V,C,ucaas,seat,10.006,,,\n"
                  "V,D,ucaas,seat,10.008,,,\n");
    tco_scenario_file_fini(&f);
    tu_scenarios(&f, "scenario,months,seats\nt,1,1\n");
    tu_run(&f.items[0], &p, 100, 1, 1, &r);
    assert_true(tco_result_p_cheapest(&r, tu_option(&r, "ucaas:V/A"), NULL) == 0.5);
    assert_true(tco_result_p_cheapest(&r, tu_option(&r, "ucaas:V/B"), NULL) == 0.5);
    assert_true(tco_result_p_cheapest(&r, tu_option(&r, "ucaas:V/C"), NULL) == 0.0);
    assert_true(tco_result_p_cheapest(&r, tu_option(&r, "ucaas:V/D"), NULL) == 0.0);
    tco_result_fini(&r);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void p_cheapest_over_offered_options_sums_to_one(void **state)
{
    (void)state;
    /* A genuine contest: UCaaS seats uniform(15,40) x 10 (150-400 a month) against CPaaS SMS
     * at uniform(0.005,0.03) x 10,000 notifications (50-300 a month), plus the hybrids; one
     * CPaaS plan is not offered (no sms). */
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, "scenario,months,seats,notifications,volume_volatility,spike_probability,"
                     "spike_multiplier\n"
                     "mix,12,10,10000,0.3,10%,\"uniform(2,4)\"\n");
    tu_prices(&p, "vendor,plan,model,item,price\n"
                  "U,Seat,ucaas,seat,\"uniform(15,40)\"\n"
                  "U,Seat,ucaas,sms,0.001\n"
                  "C,Sms,cpaas,sms,\"uniform(0.005,0.03)\"\n"
                  "C,Sms2,cpaas,sms,\"uniform(0.004,0.032)\"\n"
                  "C,Voice,cpaas,voice,0.01\n");
    tco_result r;
    tu_run(&f.items[0], &p, 4000, 5, 2, &r);
    double sum = 0;
    size_t n_between = 0;
    for (size_t o = 0; o < r.options.n; o++) {
        double pc = tco_result_p_cheapest(&r, o, NULL);
        assert_true(pc >= 0 && pc <= 1);
        if (!r.options.items[o].offered)
            assert_true(pc == 0.0);
        n_between += pc > 0 && pc < 1;
        sum += pc;
    }
    /* each trial hands out exactly 1; the sum of n shares divided by n rounds at 1e-16 each */
    if (!(fabs(sum - 1) < 1e-12))
        fail_msg("p_cheapest sums to %.17g", sum);
    assert_true(n_between >= 2); /* the contest is real */
    tco_result_fini(&r);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* ---- determinism ----------------------------------------------------------------------- */


static void results_are_bit_identical_for_any_thread_count(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, RANDOM_SCENARIO);
    tu_prices(&p, RANDOM_SHEET);
    /* 5000 trials = 2 full blocks of 2048 + 904: not a multiple of the block size */
    enum { N = 5000 };
    static const unsigned threads[] = {1, 2, 7};
    tco_result r[3];
    char *text[3];
    for (int i = 0; i < 3; i++) {
        tu_run(&f.items[0], &p, N, 99, threads[i], &r[i]);
        text[i] = csv_text(&r[i]);
    }
    for (int i = 1; i < 3; i++) {
        assert_string_equal(text[i], text[0]);
        for (size_t o = 0; o < r[0].options.n; o++) {
            const tco_option_result *a = &r[0].per_option[o], *b = &r[i].per_option[o];
            assert_true(a->tco.n == b->tco.n && a->tco.mean == b->tco.mean &&
                        a->tco.m2 == b->tco.m2 && a->tco.min == b->tco.min &&
                        a->tco.max == b->tco.max);
            assert_true(a->cheapest_sum == b->cheapest_sum &&
                        a->cheapest_sumsq == b->cheapest_sumsq);
            for (int q = 0; q <= 100; q++)
                assert_true(tco_sketch_quantile(&a->tco_q, q / 100.0) ==
                                tco_sketch_quantile(&b->tco_q, q / 100.0) ||
                            (a->tco.n == 0 && b->tco.n == 0));
            for (int m = 0; m < r[0].months; m++)
                assert_true(a->month_sum[m] == b->month_sum[m]);
        }
    }
    /* exactly N trials for every offered option, in every per-month summary too */
    for (size_t o = 0; o < r[0].options.n; o++) {
        const tco_option_result *a = &r[0].per_option[o];
        assert_true(r[0].options.items[o].offered);
        assert_int_equal(a->tco.n, N);
        assert_int_equal(a->tco_q.n, N);
        for (int m = 0; m < r[0].months; m++) {
            assert_int_equal(a->month_q[m].n, N);
            assert_int_equal(a->cum_q[m].n, N);
        }
    }
    assert_int_equal(r[0].n_trials, N);
    /* the block is what this test assumes */
    assert_true(N % TCO_BLOCK_TRIALS != 0 && N > 2 * TCO_BLOCK_TRIALS);
    for (int i = 0; i < 3; i++) {
        free(text[i]);
        tco_result_fini(&r[i]);
    }
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* The same statistics, bit for bit, of option name in a and in b. */
static void assert_same_option_numbers(const tco_result *a, const tco_result *b, const char *name)
{
    const tco_option_result *x = &a->per_option[tu_option(a, name)];
    const tco_option_result *y = &b->per_option[tu_option(b, name)];
    assert_true(x->tco.n == y->tco.n && x->tco.mean == y->tco.mean && x->tco.m2 == y->tco.m2 &&
                x->tco.min == y->tco.min && x->tco.max == y->tco.max);
    for (int q = 0; q <= 100; q++)
        assert_true(tco_sketch_quantile(&x->tco_q, q / 100.0) ==
                    tco_sketch_quantile(&y->tco_q, q / 100.0));
    for (int m = 0; m < a->months; m++) {
        assert_true(x->month_sum[m] == y->month_sum[m]);
        assert_true(tco_sketch_quantile(&x->month_q[m], 0.5) ==
                    tco_sketch_quantile(&y->month_q[m], 0.5));
        assert_true(tco_sketch_quantile(&x->cum_q[m], 0.95) ==
                    tco_sketch_quantile(&y->cum_q[m], 0.95));
    }
}

static void another_sheet_changes_no_other_option_s_numbers(void **state)
{
    (void)state;
    /* SPEC §6: the workload and each plan's cells come from streams keyed by their names, so a
     * sheet loaded before RANDOM_SHEET (its plans take the low indices, its random cells the
     * first draws) changes nothing of RANDOM_SHEET's options, hybrids included, at any thread
     * count. Only the comparisons may change. */
    static const char extra[] = "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                                "X,Seat,ucaas,seat,\"uniform(10,50)\",,,\n"
                                "Y,Api,cpaas,sms,\"normal(0.008,0.001)\",,,\n"
                                "Y,Api,cpaas,voice,\"uniform(0.01,0.02)\",,,\n"
                                "Y,Api,cpaas,api,\"uniform(1,2)\",,,\n";
    tco_scenario_file f;
    tco_prices one, two;
    tu_scenarios(&f, RANDOM_SCENARIO);
    tu_prices(&one, RANDOM_SHEET);
    tco_prices_init(&two);
    tu_add_sheet(&two, "extra.csv", extra);
    tu_add_sheet(&two, "sheet.csv", RANDOM_SHEET);
    tu_finish(&two);
    tco_result a, b;
    tu_run(&f.items[0], &one, 3000, 5, 1, &a);
    tu_run(&f.items[0], &two, 3000, 5, 2, &b);
    static const char *const common[] = {"ucaas:U/One", "ucaas:U/Two", "cpaas:C/Pay",
                                         "hybrid:U/One+C/Pay", "hybrid:U/Two+C/Pay"};
    for (size_t k = 0; k < 5; k++)
        assert_same_option_numbers(&a, &b, common[k]);
    /* and the extra plans did draw: X's seat price moved its option's TCO across trials */
    assert_true(tco_moments_sd(&b.per_option[tu_option(&b, "ucaas:X/Seat")].tco) > 0);
    tco_result_fini(&a);
    tco_result_fini(&b);
    tco_prices_fini(&one);
    tco_prices_fini(&two);
    tco_scenario_file_fini(&f);
}

static void another_seed_gives_other_results_the_same_seed_the_same(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, RANDOM_SCENARIO);
    tu_prices(&p, RANDOM_SHEET);
    tco_result a, b, c;
    tu_run(&f.items[0], &p, 600, 1, 1, &a);
    tu_run(&f.items[0], &p, 600, 2, 1, &b);
    tu_run(&f.items[0], &p, 600, 1, 3, &c);
    char *ta = csv_text(&a), *tb = csv_text(&b), *tc = csv_text(&c);
    assert_string_not_equal(ta, tb);
    assert_string_equal(ta, tc);
    for (size_t o = 0; o < a.options.n; o++)
        assert_true(a.per_option[o].tco.mean != b.per_option[o].tco.mean);
    free(ta);
    free(tb);
    free(tc);
    tco_result_fini(&a);
    tco_result_fini(&b);
    tco_result_fini(&c);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void small_trial_counts_are_counted_exactly(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, RANDOM_SCENARIO);
    tu_prices(&p, RANDOM_SHEET);
    static const unsigned long counts[] = {1, 2, 2047, 2049};
    for (size_t i = 0; i < 4; i++) {
        tco_result r;
        tu_run(&f.items[0], &p, counts[i], 3, 4, &r);
        for (size_t o = 0; o < r.options.n; o++)
            assert_int_equal(r.per_option[o].tco.n, counts[i]);
        tco_result_fini(&r);
    }
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* ---- cancellation ---------------------------------------------------------------------- */

static void a_cancel_flag_already_set_interrupts_the_run(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, RANDOM_SCENARIO);
    tu_prices(&p, RANDOM_SHEET);
    static atomic_int stop = 1;
    static const unsigned threads[] = {1, 3};
    for (size_t i = 0; i < 2; i++) {
        tco_engine_config cfg;
        memset(&cfg, 0, sizeof cfg);
        cfg.n_trials = 10000;
        cfg.seed = 1;
        cfg.n_threads = threads[i];
        cfg.cancel = &stop;
        tco_result r;
        assert_int_equal(tco_engine_run(&f.items[0], &p, &cfg, &r), TCO_EINTERRUPTED);
        /* engine.h: out is then empty; every block stops at its first trial */
        for (size_t o = 0; o < r.options.n; o++)
            assert_int_equal(r.per_option[o].tco.n, 0);
        tco_result_fini(&r);
    }
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(deterministic_scenarios_match_the_hand_values_to_the_cent),
        cmocka_unit_test(monthly_means_step_with_escalation),
        cmocka_unit_test(a_uniform_seat_price_has_its_closed_form_distribution),
        cmocka_unit_test(a_plan_lacking_a_usage_kind_is_not_offered_and_gets_no_trials),
        cmocka_unit_test(identical_plans_share_cheapest_and_a_dearer_one_never_wins),
        cmocka_unit_test(tcos_within_half_a_cent_of_the_lowest_tie_with_it),
        cmocka_unit_test(p_cheapest_over_offered_options_sums_to_one),
        cmocka_unit_test(results_are_bit_identical_for_any_thread_count),
        cmocka_unit_test(another_sheet_changes_no_other_option_s_numbers),
        cmocka_unit_test(another_seed_gives_other_results_the_same_seed_the_same),
        cmocka_unit_test(small_trial_counts_are_counted_exactly),
        cmocka_unit_test(a_cancel_flag_already_set_interrupts_the_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
