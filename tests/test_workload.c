/* SPDX-License-Identifier: MIT */
/* Tests of workload (SPEC §4, "The workload, month by month"): whole seats rounded up with a
 * floating-point tolerance, growth compounding, the escalation steps and discount factors,
 * draws spent only where a parameter calls for them, one spike shared by notifications and
 * API requests, the mean-one correction of the log walk (a statistical test with its bound
 * derived below), and tco_workload_apply at another month-1 level. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"
#include "tco/rng.h"
#include "tco/workload.h"

/* A scenario of one row, its header and values given separately. */
static void one_scenario(tco_scenario_file *f, const char *header, const char *row)
{
    char csv[2048];
    snprintf(csv, sizeof csv, "%s\n%s\n", header, row);
    tu_scenarios(f, csv);
    assert_int_equal(f->n, 1);
}

static gsl_rng *rng(uint64_t block)
{
    gsl_rng *r = tco_rng_alloc();
    tco_rng_seed_stream(r, 12345, 1, block);
    return r;
}

static void whole_seats_round_up_with_a_tolerance(void **state)
{
    (void)state;
    /* SPEC §4: 10 x 1.1 is 11 seats, not 12 (in IEEE doubles 10 * 1.1 happens to round to
     * exactly 11; products that land just above a whole number must round down too) */
    assert_true(tco_workload_whole(10 * 1.1) == 11.0);
    assert_true(tco_workload_whole(nextafter(11.0, 12.0)) == 11.0);
    assert_true(0.1 * 3 * 10 != 3.0); /* 3.0000000000000004 */
    assert_true(tco_workload_whole(0.1 * 3 * 10) == 3.0);
    assert_true(tco_workload_whole(11.0) == 11.0);
    assert_true(tco_workload_whole(11.5) == 12.0);
    /* a real fraction of a seat is a whole seat */
    assert_true(tco_workload_whole(11.00001) == 12.0);
    assert_true(tco_workload_whole(10 * 1.1 * 1.1) == 13.0); /* 12.100000000000001 */
    assert_true(tco_workload_whole(0.2) == 1.0);
    assert_true(tco_workload_whole(0.0) == 0.0);
    assert_true(tco_workload_whole(-3.5) == 0.0);
    assert_true(tco_workload_whole(NAN) == 0.0);
}

/* x moved k units in the last place up from n. */
static double ulps_above(double n, int k)
{
    double x = n;
    for (int i = 0; i < k; i++)
        x = nextafter(x, INFINITY);
    return x;
}

static void the_tolerance_is_four_ulps_at_every_magnitude(void **state)
{
    (void)state;
    /* Issue 14: a relative 1e-9 billed 999,999,999.5 seats as 999,999,999. Half a seat is
     * 0.5 / ulp(1e9) = 0.5 / 2^-23 = 4,194,304 ulps: a real fraction. */
    assert_true(tco_workload_whole(999999999.5) == 1e9);
    assert_true(tco_workload_whole(999999999.25) == 1e9);
    /* the old bound (1e-9 x 1e9 = 1 seat) swallowed any fraction up to one seat at 1e9; a
     * millionth of a seat is 8 ulps of 1e9 + 7 (ulp 2^-23 = 1.19e-7): above 4, a seat more */
    assert_true(tco_workload_whole(1e9 + 7 + 1e-6) == 1e9 + 8);
    /* at every magnitude from 2^-10 to 2^49, n + k ulps is n for k <= 4 and n + 1 for k = 5
     * (n whole), and n + 0.5 is n + 1 wherever 0.5 is more than 4 ulps (n < 2^49) */
    for (int e = 0; e <= 49; e++) {
        const double n = ldexp(1.0, e) + (e > 3 ? 3 : 0); /* 2^e and 2^e + 3 */
        for (int k = 1; k <= 4; k++)
            assert_true(tco_workload_whole(ulps_above(n, k)) == n);
        if (ldexp(1.0, e - 52) * 5 < 1) /* 5 ulps is still a fraction of a seat */
            assert_true(tco_workload_whole(ulps_above(n, 5)) == n + 1);
        if (e < 49)
            assert_true(tco_workload_whole(n + 0.5) == n + 1);
    }
    /* small values: a fraction of one seat is one seat, however small, beyond 4 ulps of 0 */
    assert_true(tco_workload_whole(ldexp(1.0, -10)) == 1.0);
    assert_true(tco_workload_whole(1e-300) == 1.0);
    /* 2^52 and above every double is whole */
    assert_true(tco_workload_whole(ldexp(1.0, 52) + 2) == ldexp(1.0, 52) + 2);
    assert_true(tco_workload_whole(1e300) == 1e300);
}

static void seats_growing_ten_percent_are_10_11_13(void **state)
{
    (void)state;
    tco_scenario_file f;
    one_scenario(&f, "scenario,months,seats,seat_growth", "s,3,10,10%");
    tco_workload w;
    tco_workload_init(&w, 3);
    gsl_rng *r = rng(0);
    tco_workload_sample(&w, &f.items[0], r);
    /* 10; 10 x 1.1 = 11; 10 x 1.21 = 12.1 -> 13 */
    assert_true(w.seats[0] == 10.0);
    assert_true(w.seats[1] == 11.0);
    assert_true(w.seats[2] == 13.0);
    gsl_rng_free(r);
    tco_workload_fini(&w);
    tco_scenario_file_fini(&f);
}

static void growth_that_keeps_seats_whole_is_billed_whole(void **state)
{
    (void)state;
    /* Growth products that land on whole numbers stay them: 1,000,000 seats growing 10% a
     * month are 1,000,000 x 1.1^(m-1) = 1.1e6, 1.21e6, 1,331,000, 1,464,100, 1,610,510,
     * 1,771,561 exactly; a plain double product is 5 ulps above 1,771,561 by month 7 (it
     * would bill 1,771,562), and 20% a month from 5^9 = 1,953,125 seats is whole for 9
     * months (1,953,125 x 1.2^8 = 8,398,080 at month 9). */
    static const double tenpct[] = {1e6, 1.1e6, 1.21e6, 1331000, 1464100, 1610510, 1771561};
    static const double twentypct[] = {1953125, 2343750, 2812500, 3375000, 4050000,
                                       4860000, 5832000, 6998400, 8398080};
    tco_scenario_file f;
    one_scenario(&f, "scenario,months,seats,seat_growth", "s,7,1000000,10%");
    tco_workload w;
    tco_workload_init(&w, 7);
    gsl_rng *r = rng(0);
    tco_workload_sample(&w, &f.items[0], r);
    for (int m = 0; m < 7; m++)
        assert_true(w.seats[m] == tenpct[m]);
    tco_workload_fini(&w);
    tco_scenario_file_fini(&f);
    one_scenario(&f, "scenario,months,seats,seat_growth", "s,9,1953125,20%");
    tco_workload_init(&w, 9);
    tco_workload_sample(&w, &f.items[0], r);
    for (int m = 0; m < 9; m++)
        assert_true(w.seats[m] == twentypct[m]);
    gsl_rng_free(r);
    tco_workload_fini(&w);
    tco_scenario_file_fini(&f);
}

static void growth_compounds_monthly(void **state)
{
    (void)state;
    tco_scenario_file f;
    one_scenario(&f,
                 "scenario,months,seats,notifications,notification_growth,api_requests,api_growth,"
                 "internal_sms_per_seat,voice_minutes_per_seat,phone_numbers",
                 "s,60,4,1000,5%,2000,-3%,7,3,2.5");
    tco_workload w;
    tco_workload_init(&w, 60);
    gsl_rng *r = rng(0);
    tco_workload_sample(&w, &f.items[0], r);
    for (int m = 1; m <= 60; m++) {
        /* notifications 1000 x 1.05^(m-1); API 2000 x 0.97^(m-1); relative 1e-12 allows for
         * exp/log1p rounding (about 1e-15 per month), not a looser model */
        double n = 1000 * pow(1.05, m - 1), a = 2000 * pow(0.97, m - 1);
        assert_true(fabs(w.notifications[m - 1] - n) <= 1e-12 * n);
        assert_true(fabs(w.api[m - 1] - a) <= 1e-12 * a);
        /* internal SMS and voice follow whole seats: 7 x 4 and 3 x 4 */
        assert_true(w.seats[m - 1] == 4.0);
        assert_true(w.internal_sms[m - 1] == 28.0);
        assert_true(w.voice[m - 1] == 12.0);
    }
    /* phone numbers are whole: 2.5 -> 3 */
    assert_true(w.phone_numbers == 3.0);
    gsl_rng_free(r);
    tco_workload_fini(&w);
    tco_scenario_file_fini(&f);
}

static void escalation_steps_at_13_and_25_discount_is_monthly(void **state)
{
    (void)state;
    tco_scenario_file f;
    one_scenario(&f, "scenario,months,seats,price_escalation,discount_rate", "s,37,1,10%,12%");
    tco_workload w;
    tco_workload_init(&w, 37);
    gsl_rng *r = rng(0);
    tco_workload_sample(&w, &f.items[0], r);
    const double e2 = 1.1 * 1.1, e3 = 1.1 * 1.1 * 1.1;
    for (int m = 1; m <= 37; m++) {
        /* (1.1)^floor((m-1)/12): 1 for months 1-12, 1.1 for 13-24, 1.21 for 25-36, 1.331 for 37 */
        double want = m <= 12 ? 1.0 : m <= 24 ? 1.1 : m <= 36 ? e2 : e3;
        if (fabs(w.escalation[m - 1] - want) > 1e-15 * want)
            fail_msg("month %d: escalation %.17g, want %.17g", m, w.escalation[m - 1], want);
        /* 1.12^(-(m-1)/12) */
        double d = pow(1.12, -(m - 1) / 12.0);
        if (fabs(w.discount[m - 1] - d) > 1e-14 * d)
            fail_msg("month %d: discount %.17g, want %.17g", m, w.discount[m - 1], d);
    }
    assert_true(w.discount[0] == 1.0);
    assert_true(fabs(w.discount[12] - 1 / 1.12) < 1e-15); /* a year later: 1/1.12 */
    gsl_rng_free(r);
    tco_workload_fini(&w);
    tco_scenario_file_fini(&f);
}

/* The generator's state bytes, to tell whether a call drew anything. */
static void *state_copy(const gsl_rng *r)
{
    size_t n = gsl_rng_size(r);
    void *s = malloc(n);
    assert_non_null(s);
    memcpy(s, gsl_rng_state(r), n);
    return s;
}

static bool state_unchanged(const gsl_rng *r, const void *before)
{
    return memcmp(gsl_rng_state(r), before, gsl_rng_size(r)) == 0;
}

static void a_deterministic_scenario_spends_no_random_numbers(void **state)
{
    (void)state;
    /* every cell constant; volatilities and spike probability 0, so the random spike
     * multiplier is never drawn */
    tco_scenario_file f;
    one_scenario(&f,
                 "scenario,months,seats,seat_growth,seat_volatility,notifications,api_requests,"
                 "volume_volatility,spike_probability,spike_multiplier",
                 "s,24,10,2%,0,1000,5000,0,0,\"uniform(2,5)\"");
    tco_workload w;
    tco_workload_init(&w, 24);
    gsl_rng *r = rng(0);
    void *before = state_copy(r);
    tco_workload_sample(&w, &f.items[0], r);
    assert_true(state_unchanged(r, before));
    free(before);
    tco_scenario_file_fini(&f);

    /* the control: a volatility does draw */
    one_scenario(&f, "scenario,months,seats,seat_volatility", "s,24,10,0.1");
    before = state_copy(r);
    tco_workload_sample(&w, &f.items[0], r);
    assert_false(state_unchanged(r, before));
    free(before);
    gsl_rng_free(r);
    tco_workload_fini(&w);
    tco_scenario_file_fini(&f);
}

static void a_spike_multiplies_notifications_and_api_in_the_same_month(void **state)
{
    (void)state;
    tco_scenario_file f;
    one_scenario(&f,
                 "scenario,months,seats,notifications,api_requests,volume_volatility,"
                 "spike_probability,spike_multiplier",
                 "s,120,1,1000,5000,0.1,30%,\"uniform(2,5)\"");
    tco_workload w;
    tco_workload_init(&w, 120);
    gsl_rng *r = rng(3);
    enum { TRIALS = 1000 };
    unsigned long spikes_month1 = 0;
    for (int t = 0; t < TRIALS; t++) {
        tco_workload_sample(&w, &f.items[0], r);
        for (int i = 0; i < 120; i++) {
            /* no growth on either: one log walk and one spike, the same factor on both */
            assert_true(w.notif_shape[i] == w.api_shape[i]);
            assert_true(fabs(w.notifications[i] / 1000 - w.api[i] / 5000) <=
                        1e-15 * w.notif_shape[i]);
        }
        /* Month 1 has V_1 = 0, so its shape is the spike multiplier itself: 1, or in [2,5] */
        double s1 = w.notif_shape[0];
        assert_true(s1 == 1.0 || (s1 >= 2.0 && s1 <= 5.0));
        if (s1 != 1.0)
            spikes_month1++;
    }
    /* SPEC §4: month 1 can spike. Share of trials whose month 1 spikes: 0.3 within 5 standard
     * errors, 5 x sqrt(0.3 x 0.7 / 1000) = 0.0725 (two-sided false alarm 5.7e-7). */
    double share = (double)spikes_month1 / TRIALS;
    if (fabs(share - 0.3) > 5 * sqrt(0.3 * 0.7 / TRIALS))
        fail_msg("month-1 spike share %.4f, want 0.3", share);
    gsl_rng_free(r);
    tco_workload_fini(&w);
    tco_scenario_file_fini(&f);
}

static void the_spike_multiplier_is_drawn_per_spike(void **state)
{
    (void)state;
    /* no volatility: a month's shape is exactly its spike multiplier. Spiking months must not
     * all share one draw (SPEC §4: drawn per spike). */
    tco_scenario_file f;
    one_scenario(&f,
                 "scenario,months,seats,notifications,api_requests,spike_probability,"
                 "spike_multiplier",
                 "s,120,1,1000,5000,30%,\"uniform(2,5)\"");
    tco_workload w;
    tco_workload_init(&w, 120);
    gsl_rng *r = rng(4);
    tco_workload_sample(&w, &f.items[0], r);
    double first = 0;
    int n_spikes = 0, n_distinct = 0;
    for (int i = 0; i < 120; i++) {
        double s = w.notif_shape[i];
        assert_true(s == w.api_shape[i]);
        assert_true(s == 1.0 || (s >= 2.0 && s <= 5.0));
        if (s != 1.0) {
            if (n_spikes++ == 0)
                first = s;
            else if (s != first)
                n_distinct++;
        }
    }
    /* 120 months at 30%: P(fewer than 2 spikes) = 0.7^120 + 120 x 0.3 x 0.7^119 < 1e-16 */
    assert_true(n_spikes >= 2);
    assert_true(n_distinct > 0);
    gsl_rng_free(r);
    tco_workload_fini(&w);
    tco_scenario_file_fini(&f);
}

static void the_log_walk_has_mean_one(void **state)
{
    (void)state;
    /* W_m = W_(m-1) + s Z - s^2/2, s = 0.2: W_13 ~ N(-12 x 0.02, 12 x 0.04) = N(-0.24, 0.48), so
     * E[exp(W_13)] = exp(-0.24 + 0.48/2) = 1 and Var = exp(0.48) - 1 = 0.61607, sd 0.78490.
     * With n = 200,000 trials the standard error of the mean is 0.78490 / sqrt(200000)
     * = 0.0017551; we accept |mean - 1| <= 5 SE = 0.0087756. For month 2, Var = exp(0.04) - 1 =
     * 0.040811, sd 0.20202, 5 SE = 0.0022587. By the CLT the mean is close to normal at this
     * n, so a correct walk fails each check with probability about 5.7e-7 (two-sided 5 sigma);
     * a walk without the -s^2/2 correction would be off by exp(0.24) - 1 = 0.27 at month 13.
     * The same holds for the volume walk V (volume_volatility 0.2). */
    tco_scenario_file f;
    one_scenario(&f, "scenario,months,seats,seat_volatility,notifications,volume_volatility",
                 "s,13,1,0.2,1,0.2");
    tco_workload w;
    tco_workload_init(&w, 13);
    gsl_rng *r = rng(7);
    enum { N = 200000 };
    double sum13 = 0, sum2 = 0, vsum13 = 0;
    for (int t = 0; t < N; t++) {
        tco_workload_sample(&w, &f.items[0], r);
        sum13 += w.seat_shape[12];
        sum2 += w.seat_shape[1];
        vsum13 += w.notif_shape[12];
    }
    const double se13 = sqrt(exp(0.48) - 1) / sqrt((double)N);
    const double se2 = sqrt(exp(0.04) - 1) / sqrt((double)N);
    double m13 = sum13 / N, m2 = sum2 / N, v13 = vsum13 / N;
    if (fabs(m13 - 1) > 5 * se13)
        fail_msg("mean exp(W_13) = %.6f, want 1 +- %.6f", m13, 5 * se13);
    if (fabs(m2 - 1) > 5 * se2)
        fail_msg("mean exp(W_2) = %.6f, want 1 +- %.6f", m2, 5 * se2);
    if (fabs(v13 - 1) > 5 * se13)
        fail_msg("mean exp(V_13) = %.6f, want 1 +- %.6f", v13, 5 * se13);
    gsl_rng_free(r);
    tco_workload_fini(&w);
    tco_scenario_file_fini(&f);
}

static void apply_rescales_at_other_month_one_levels(void **state)
{
    (void)state;
    tco_scenario_file f;
    one_scenario(&f,
                 "scenario,months,seats,seat_growth,seat_volatility,internal_sms_per_seat,"
                 "voice_minutes_per_seat,notifications,notification_growth,api_requests,"
                 "volume_volatility,spike_probability,spike_multiplier",
                 "s,36,10,1%,0.1,7,3,1000,2%,5000,0.3,20%,\"uniform(2,5)\"");
    tco_workload w;
    tco_workload_init(&w, 36);
    gsl_rng *r = rng(9);
    tco_workload_sample(&w, &f.items[0], r);
    double notif[36], api[36];
    memcpy(notif, w.notifications, sizeof notif);
    memcpy(api, w.api, sizeof api);
    tco_workload_apply(&w, 25, 3000);
    for (int i = 0; i < 36; i++) {
        /* notifications scale linearly with the month-1 level: x3 */
        assert_true(fabs(w.notifications[i] - 3 * notif[i]) <= 1e-14 * 3 * notif[i]);
        /* API requests keep their sampled level */
        assert_true(w.api[i] == api[i]);
        /* seats are whole seats of 25 x shape; internal usage follows them */
        double seats = tco_workload_whole(25 * w.seat_shape[i]);
        assert_true(w.seats[i] == seats);
        assert_true(w.internal_sms[i] == 7 * seats);
        assert_true(w.voice[i] == 3 * seats);
    }
    assert_true(w.seats[0] == 25.0); /* W_1 = 0, no growth yet */
    /* back to the sampled levels: the same quantities as sampled */
    tco_workload_apply(&w, 10, 1000);
    assert_memory_equal(w.notifications, notif, sizeof notif);
    gsl_rng_free(r);
    tco_workload_fini(&w);
    tco_scenario_file_fini(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_seats_round_up_with_a_tolerance),
        cmocka_unit_test(the_tolerance_is_four_ulps_at_every_magnitude),
        cmocka_unit_test(seats_growing_ten_percent_are_10_11_13),
        cmocka_unit_test(growth_that_keeps_seats_whole_is_billed_whole),
        cmocka_unit_test(growth_compounds_monthly),
        cmocka_unit_test(escalation_steps_at_13_and_25_discount_is_monthly),
        cmocka_unit_test(a_deterministic_scenario_spends_no_random_numbers),
        cmocka_unit_test(a_spike_multiplies_notifications_and_api_in_the_same_month),
        cmocka_unit_test(the_spike_multiplier_is_drawn_per_spike),
        cmocka_unit_test(the_log_walk_has_mean_one),
        cmocka_unit_test(apply_rescales_at_other_month_one_levels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
