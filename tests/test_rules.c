/* SPDX-License-Identifier: MIT */
/* Tests of rules (SPEC §7): every rule on both sides of its threshold and exactly at it (the
 * comparisons are strict: 20 hours is not < 20), missing inputs (neutral, naming the column),
 * means of distribution cells, the overall verdict in all four cases (the conflict gives the
 * dual-stack hybrid), adjustable thresholds, and the number format of the details. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tco/rules.h"
#include "tco/value.h"

/* A scenario with every cell at its default (SPEC §4), 100 seats and no rule inputs. */
static tco_scenario blank(void)
{
    tco_scenario s;
    memset(&s, 0, sizeof s);
    s.name = "t";
    s.line = 2;
    s.months = 12;
    for (size_t f = 0; f < TCO_SCN_N_FIELDS; f++)
        s.v[f] = tco_value_const(0);
    s.v[TCO_SCN_SEATS] = tco_value_const(100);
    s.given[TCO_SCN_SEATS] = true;
    s.v[TCO_SCN_SPIKE_MULTIPLIER] = tco_value_const(1);
    s.v[TCO_SCN_PHONE_NUMBERS] = tco_value_const(1);
    s.api_expertise = -1;
    return s;
}

static void give(tco_scenario *s, tco_scn_field f, double x)
{
    s->v[f] = tco_value_const(x);
    s->given[f] = true;
}

static void give_cell(tco_scenario *s, tco_scn_field f, const char *cell)
{
    size_t pos;
    assert_null(tco_value_parse(cell, &s->v[f], &pos));
    s->given[f] = true;
}

static tco_recommendation eval(const tco_scenario *s)
{
    tco_rule_thresholds t = tco_rules_thresholds_default();
    tco_recommendation r;
    tco_rules_evaluate(s, &t, &r);
    return r;
}

#define assert_rule(rec, n, want, text)                                                        \
    do {                                                                                       \
        assert_int_equal((rec).rule[(n) - 1].verdict, (want));                                 \
        assert_string_equal((rec).rule[(n) - 1].detail, (text));                               \
    } while (0)

/* ---- thresholds ------------------------------------------------------------------------ */

static void default_thresholds_should_be_spec_values(void **state)
{
    (void)state;
    tco_rule_thresholds t = tco_rules_thresholds_default();
    assert_true(t.min_dev_hours == 20);
    assert_true(t.min_time_to_market == 30);
    assert_true(t.notification_threshold == 10000);
    assert_true(t.seat_threshold == 50);
    assert_true(t.deviation_required == 0.30);
    assert_true(t.deviation_shift == 0.10);
}

/* ---- rule 1 ---------------------------------------------------------------------------- */

static void rule1_below_min_dev_hours_should_require_ucaas(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 12);
    s.api_expertise = 1;
    tco_recommendation r = eval(&s);
    assert_rule(r, 1, TCO_VERDICT_UCAAS, "dev_hours_per_week 12 < 20: UCaaS required");
    assert_true(r.rule[0].required);
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 19.5);
    r = eval(&s);
    assert_rule(r, 1, TCO_VERDICT_UCAAS, "dev_hours_per_week 19.5 < 20: UCaaS required");
}

static void rule1_exactly_min_dev_hours_should_be_neutral(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 20);
    s.api_expertise = 1;
    tco_recommendation r = eval(&s);
    assert_rule(r, 1, TCO_VERDICT_NEUTRAL,
                "dev_hours_per_week 20 >= 20 and api_expertise yes: no constraint");
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 21);
    r = eval(&s);
    assert_rule(r, 1, TCO_VERDICT_NEUTRAL,
                "dev_hours_per_week 21 >= 20 and api_expertise yes: no constraint");
}

static void rule1_no_api_expertise_should_require_ucaas(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 60);
    s.api_expertise = 0;
    tco_recommendation r = eval(&s);
    assert_rule(r, 1, TCO_VERDICT_UCAAS, "api_expertise no: UCaaS required");
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 5);
    r = eval(&s);
    assert_rule(r, 1, TCO_VERDICT_UCAAS,
                "dev_hours_per_week 5 < 20 and api_expertise no: UCaaS required");
}

static void rule1_one_input_missing_should_stand_when_the_other_triggers(void **state)
{
    (void)state;
    tco_scenario s = blank();
    s.api_expertise = 0;
    tco_recommendation r = eval(&s);
    assert_rule(r, 1, TCO_VERDICT_UCAAS,
                "api_expertise no: UCaaS required (dev_hours_per_week not given)");
    s = blank();
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 12);
    r = eval(&s);
    assert_rule(r, 1, TCO_VERDICT_UCAAS,
                "dev_hours_per_week 12 < 20: UCaaS required (api_expertise not given)");
}

static void rule1_one_input_missing_should_be_neutral_and_name_it(void **state)
{
    (void)state;
    tco_scenario s = blank();
    s.api_expertise = 1;
    tco_recommendation r = eval(&s);
    assert_rule(r, 1, TCO_VERDICT_NEUTRAL, "api_expertise yes, but dev_hours_per_week not given");
    s = blank();
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 40);
    r = eval(&s);
    assert_rule(r, 1, TCO_VERDICT_NEUTRAL,
                "dev_hours_per_week 40 >= 20, but api_expertise not given");
    s = blank();
    r = eval(&s);
    assert_rule(r, 1, TCO_VERDICT_NEUTRAL, "dev_hours_per_week and api_expertise not given");
}

static void rule1_should_read_the_mean_of_a_distribution(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give_cell(&s, TCO_SCN_DEV_HOURS_PER_WEEK, "uniform(10,20)"); /* mean 15 */
    s.api_expertise = 1;
    tco_recommendation r = eval(&s);
    assert_rule(r, 1, TCO_VERDICT_UCAAS, "dev_hours_per_week 15 < 20: UCaaS required");
    give_cell(&s, TCO_SCN_DEV_HOURS_PER_WEEK, "triangular(0,30,30)"); /* mean 20: not < 20 */
    r = eval(&s);
    assert_int_equal(r.rule[0].verdict, TCO_VERDICT_NEUTRAL);
}

/* ---- rule 2 ---------------------------------------------------------------------------- */

static void rule2_should_be_strict_at_30_days(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give(&s, TCO_SCN_TIME_TO_MARKET_DAYS, 29);
    tco_recommendation r = eval(&s);
    assert_rule(r, 2, TCO_VERDICT_UCAAS, "time_to_market_days 29 < 30: UCaaS required");
    give(&s, TCO_SCN_TIME_TO_MARKET_DAYS, 30);
    r = eval(&s);
    assert_rule(r, 2, TCO_VERDICT_NEUTRAL, "time_to_market_days 30 >= 30: no constraint");
    give(&s, TCO_SCN_TIME_TO_MARKET_DAYS, 31);
    r = eval(&s);
    assert_rule(r, 2, TCO_VERDICT_NEUTRAL, "time_to_market_days 31 >= 30: no constraint");
}

static void rule2_missing_should_be_neutral_and_name_it(void **state)
{
    (void)state;
    tco_scenario s = blank();
    tco_recommendation r = eval(&s);
    assert_rule(r, 2, TCO_VERDICT_NEUTRAL, "time_to_market_days not given");
}

/* ---- rule 3 ---------------------------------------------------------------------------- */

static void rule3_many_notifications_and_few_seats_should_call_for_cpaas(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give(&s, TCO_SCN_NOTIFICATIONS, 300000);
    give(&s, TCO_SCN_SEATS, 8);
    tco_recommendation r = eval(&s);
    assert_rule(r, 3, TCO_VERDICT_CPAAS,
                "notifications 300,000 > 10,000 and seats 8 < 50: CPaaS");
    give(&s, TCO_SCN_NOTIFICATIONS, 10001);
    give(&s, TCO_SCN_SEATS, 49);
    r = eval(&s);
    assert_rule(r, 3, TCO_VERDICT_CPAAS, "notifications 10,001 > 10,000 and seats 49 < 50: CPaaS");
}

static void rule3_should_be_strict_at_both_thresholds(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give(&s, TCO_SCN_NOTIFICATIONS, 10000);
    give(&s, TCO_SCN_SEATS, 49);
    tco_recommendation r = eval(&s);
    assert_rule(r, 3, TCO_VERDICT_NEUTRAL, "notifications 10,000 <= 10,000 (seats 49 < 50)");
    give(&s, TCO_SCN_NOTIFICATIONS, 10001);
    give(&s, TCO_SCN_SEATS, 50);
    r = eval(&s);
    assert_rule(r, 3, TCO_VERDICT_NEUTRAL, "notifications 10,001 > 10,000 but seats 50 >= 50");
    give(&s, TCO_SCN_NOTIFICATIONS, 9999);
    give(&s, TCO_SCN_SEATS, 51);
    r = eval(&s);
    assert_rule(r, 3, TCO_VERDICT_NEUTRAL, "notifications 9,999 <= 10,000 and seats 51 >= 50");
}

static void rule3_default_notifications_should_be_zero(void **state)
{
    (void)state;
    tco_scenario s = blank(); /* notifications not given: 0 (SPEC §4) */
    give(&s, TCO_SCN_SEATS, 8);
    tco_recommendation r = eval(&s);
    assert_rule(r, 3, TCO_VERDICT_NEUTRAL, "notifications 0 <= 10,000 (seats 8 < 50)");
}

static void rule3_should_read_means_of_distributions(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give_cell(&s, TCO_SCN_NOTIFICATIONS, "lognormal(300000,60000)");
    give_cell(&s, TCO_SCN_SEATS, "uniform(5,11)");
    tco_recommendation r = eval(&s);
    assert_rule(r, 3, TCO_VERDICT_CPAAS,
                "notifications 300,000 > 10,000 and seats 8 < 50: CPaaS");
}

/* ---- rule 4 ---------------------------------------------------------------------------- */

static void rule4_above_required_should_require_cpaas(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give_cell(&s, TCO_SCN_WORKFLOW_DEVIATION, "35%");
    tco_recommendation r = eval(&s);
    assert_rule(r, 4, TCO_VERDICT_CPAAS, "workflow_deviation 35% > 30%: CPaaS required");
    assert_true(r.rule[3].required);
    give_cell(&s, TCO_SCN_WORKFLOW_DEVIATION, "31%");
    r = eval(&s);
    assert_rule(r, 4, TCO_VERDICT_CPAAS, "workflow_deviation 31% > 30%: CPaaS required");
}

static void rule4_exactly_required_should_be_a_shift_only(void **state)
{
    (void)state;
    tco_scenario s = blank();
    /* "30%" parses to 30/100, the same double as the default 0.30: not > 30% */
    give_cell(&s, TCO_SCN_WORKFLOW_DEVIATION, "30%");
    tco_recommendation r = eval(&s);
    assert_rule(r, 4, TCO_VERDICT_CPAAS,
                "workflow_deviation 30% > 10% but not > 30%: a shift toward CPaaS");
    assert_false(r.rule[3].required);
    give_cell(&s, TCO_SCN_WORKFLOW_DEVIATION, "11%");
    r = eval(&s);
    assert_rule(r, 4, TCO_VERDICT_CPAAS,
                "workflow_deviation 11% > 10% but not > 30%: a shift toward CPaaS");
}

static void rule4_at_or_below_shift_should_be_neutral(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give_cell(&s, TCO_SCN_WORKFLOW_DEVIATION, "10%");
    tco_recommendation r = eval(&s);
    assert_rule(r, 4, TCO_VERDICT_NEUTRAL, "workflow_deviation 10% <= 10%: standard workflows");
    give_cell(&s, TCO_SCN_WORKFLOW_DEVIATION, "9%");
    r = eval(&s);
    assert_rule(r, 4, TCO_VERDICT_NEUTRAL, "workflow_deviation 9% <= 10%: standard workflows");
}

static void rule4_missing_should_be_neutral_and_name_it(void **state)
{
    (void)state;
    tco_scenario s = blank();
    tco_recommendation r = eval(&s);
    assert_rule(r, 4, TCO_VERDICT_NEUTRAL, "workflow_deviation not given");
}

/* ---- overall --------------------------------------------------------------------------- */

static void conflict_should_give_the_dual_stack_hybrid(void **state)
{
    (void)state;
    /* scenarios/enterprise-dual-stack.csv: rule 2 says UCaaS, rule 4 says CPaaS */
    tco_scenario s = blank();
    give(&s, TCO_SCN_SEATS, 400);
    give(&s, TCO_SCN_NOTIFICATIONS, 150000);
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 80);
    s.api_expertise = 1;
    give(&s, TCO_SCN_TIME_TO_MARKET_DAYS, 21);
    give_cell(&s, TCO_SCN_WORKFLOW_DEVIATION, "35%");
    tco_recommendation r = eval(&s);
    assert_int_equal(r.overall, TCO_VERDICT_HYBRID);
    assert_string_equal(r.reason,
                        "rule 2 requires UCaaS (time_to_market_days 21 < 30) while rule 4 calls "
                        "for CPaaS (workflow_deviation 35% > 30%): the source's dual stack "
                        "answers both, UCaaS for internal staff now and CPaaS for "
                        "customer-facing traffic once engineering capacity exists");
}

static void conflict_of_several_rules_should_list_them(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give(&s, TCO_SCN_SEATS, 8);
    give(&s, TCO_SCN_NOTIFICATIONS, 300000);
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 5);
    s.api_expertise = 0;
    give(&s, TCO_SCN_TIME_TO_MARKET_DAYS, 7);
    give_cell(&s, TCO_SCN_WORKFLOW_DEVIATION, "15%");
    tco_recommendation r = eval(&s);
    assert_int_equal(r.overall, TCO_VERDICT_HYBRID);
    assert_string_equal(r.reason,
                        "rules 1 and 2 require UCaaS (dev_hours_per_week 5 < 20 and "
                        "api_expertise no; time_to_market_days 7 < 30) while rules 3 and 4 call "
                        "for CPaaS (notifications 300,000 > 10,000 and seats 8 < 50; "
                        "workflow_deviation 15% > 10% but not > 30%): the source's dual stack "
                        "answers both, UCaaS for internal staff now and CPaaS for "
                        "customer-facing traffic once engineering capacity exists");
}

static void only_ucaas_demands_should_give_ucaas(void **state)
{
    (void)state;
    tco_scenario s = blank(); /* scenarios/small-office.csv */
    give(&s, TCO_SCN_SEATS, 80);
    give(&s, TCO_SCN_NOTIFICATIONS, 500);
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 5);
    s.api_expertise = 0;
    give(&s, TCO_SCN_TIME_TO_MARKET_DAYS, 21);
    give_cell(&s, TCO_SCN_WORKFLOW_DEVIATION, "5%");
    tco_recommendation r = eval(&s);
    assert_int_equal(r.overall, TCO_VERDICT_UCAAS);
    assert_string_equal(r.reason,
                        "rules 1 and 2 require UCaaS (dev_hours_per_week 5 < 20 and "
                        "api_expertise no; time_to_market_days 21 < 30) and no rule calls for "
                        "CPaaS");
}

static void only_cpaas_demands_should_give_cpaas(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give(&s, TCO_SCN_SEATS, 60);
    give(&s, TCO_SCN_NOTIFICATIONS, 40000);
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 25);
    s.api_expertise = 1;
    give(&s, TCO_SCN_TIME_TO_MARKET_DAYS, 60);
    give_cell(&s, TCO_SCN_WORKFLOW_DEVIATION, "15%");
    tco_recommendation r = eval(&s);
    assert_int_equal(r.overall, TCO_VERDICT_CPAAS);
    assert_string_equal(r.reason, "rule 4 calls for CPaaS (workflow_deviation 15% > 10% but not "
                                  "> 30%) and no rule requires UCaaS");
}

static void no_demand_should_default_to_ucaas_and_say_why(void **state)
{
    (void)state;
    tco_scenario s = blank();
    tco_recommendation r = eval(&s);
    for (int i = 0; i < TCO_N_RULES; i++)
        assert_int_equal(r.rule[i].verdict, TCO_VERDICT_NEUTRAL);
    assert_int_equal(r.overall, TCO_VERDICT_UCAAS);
    assert_string_equal(r.reason, "no rule calls for CPaaS, and UCaaS is the pre-built default "
                                  "(no engineering, 1 to 4 weeks to deploy)");
}

/* ---- adjustable thresholds ------------------------------------------------------------- */

static void thresholds_should_be_adjustable(void **state)
{
    (void)state;
    tco_scenario s = blank();
    give(&s, TCO_SCN_SEATS, 80);
    give(&s, TCO_SCN_NOTIFICATIONS, 300000);
    give(&s, TCO_SCN_DEV_HOURS_PER_WEEK, 12);
    s.api_expertise = 1;
    give(&s, TCO_SCN_TIME_TO_MARKET_DAYS, 45);
    give_cell(&s, TCO_SCN_WORKFLOW_DEVIATION, "15%");
    tco_rule_thresholds t = {10, 60, 500000, 100, 0.12, 0.05};
    tco_recommendation r;
    tco_rules_evaluate(&s, &t, &r);
    assert_rule(r, 1, TCO_VERDICT_NEUTRAL,
                "dev_hours_per_week 12 >= 10 and api_expertise yes: no constraint");
    assert_rule(r, 2, TCO_VERDICT_UCAAS, "time_to_market_days 45 < 60: UCaaS required");
    assert_rule(r, 3, TCO_VERDICT_NEUTRAL, "notifications 300,000 <= 500,000 (seats 80 < 100)");
    assert_rule(r, 4, TCO_VERDICT_CPAAS, "workflow_deviation 15% > 12%: CPaaS required");
    assert_int_equal(r.overall, TCO_VERDICT_HYBRID);

    t.notification_threshold = 100000;
    t.deviation_required = 0.5;
    t.deviation_shift = 0.2;
    tco_rules_evaluate(&s, &t, &r);
    assert_rule(r, 3, TCO_VERDICT_CPAAS, "notifications 300,000 > 100,000 and seats 80 < 100: CPaaS");
    assert_rule(r, 4, TCO_VERDICT_NEUTRAL, "workflow_deviation 15% <= 20%: standard workflows");
}

/* ---- formats --------------------------------------------------------------------------- */

static void verdicts_should_have_spec_names(void **state)
{
    (void)state;
    assert_string_equal(tco_verdict_name(TCO_VERDICT_NEUTRAL), "neutral");
    assert_string_equal(tco_verdict_name(TCO_VERDICT_UCAAS), "ucaas");
    assert_string_equal(tco_verdict_name(TCO_VERDICT_CPAAS), "cpaas");
    assert_string_equal(tco_verdict_name(TCO_VERDICT_HYBRID), "hybrid");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_thresholds_should_be_spec_values),
        cmocka_unit_test(rule1_below_min_dev_hours_should_require_ucaas),
        cmocka_unit_test(rule1_exactly_min_dev_hours_should_be_neutral),
        cmocka_unit_test(rule1_no_api_expertise_should_require_ucaas),
        cmocka_unit_test(rule1_one_input_missing_should_stand_when_the_other_triggers),
        cmocka_unit_test(rule1_one_input_missing_should_be_neutral_and_name_it),
        cmocka_unit_test(rule1_should_read_the_mean_of_a_distribution),
        cmocka_unit_test(rule2_should_be_strict_at_30_days),
        cmocka_unit_test(rule2_missing_should_be_neutral_and_name_it),
        cmocka_unit_test(rule3_many_notifications_and_few_seats_should_call_for_cpaas),
        cmocka_unit_test(rule3_should_be_strict_at_both_thresholds),
        cmocka_unit_test(rule3_default_notifications_should_be_zero),
        cmocka_unit_test(rule3_should_read_means_of_distributions),
        cmocka_unit_test(rule4_above_required_should_require_cpaas),
        cmocka_unit_test(rule4_exactly_required_should_be_a_shift_only),
        cmocka_unit_test(rule4_at_or_below_shift_should_be_neutral),
        cmocka_unit_test(rule4_missing_should_be_neutral_and_name_it),
        cmocka_unit_test(conflict_should_give_the_dual_stack_hybrid),
        cmocka_unit_test(conflict_of_several_rules_should_list_them),
        cmocka_unit_test(only_ucaas_demands_should_give_ucaas),
        cmocka_unit_test(only_cpaas_demands_should_give_cpaas),
        cmocka_unit_test(no_demand_should_default_to_ucaas_and_say_why),
        cmocka_unit_test(thresholds_should_be_adjustable),
        cmocka_unit_test(verdicts_should_have_spec_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
