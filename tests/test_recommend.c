/* SPDX-License-Identifier: MIT */
/* Tests of recommend: the simulated verdict by kind beside the rules, agreement, the break-even
 * that explains a disagreement (the at-means model and solver of breakeven), and the tables of
 * its CSV and JSON output. Every scenario here is deterministic (hand_cases.h's sheet), so every
 * trial is the same and the shares are 0 or 1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "hand_cases.h"
#include "testutil.h"
#include "tco/recommend.h"

/* The hand sheet's workload (hand_cases.h, base) with rule 4's column.
 *
 * base: no rule has its inputs, so the overall verdict is the default, ucaas; U/Basic (3,500.00)
 *   is cheapest in every trial: agrees.
 * volume: 50,000 notifications, no CPaaS labour, workflow_deviation 50% (> 30%: rule 4 requires
 *   cpaas, the overall verdict is cpaas).
 *   ucaas:U/Basic  seats 2,400 + setup 100 + labour 400 + 600          = 3,500.00
 *   cpaas:C/Pay    sms 50,000 x 0.007 x 12 = 4,200 + numbers 24         = 4,224.00
 *   hybrid         2,400 + 100 + 4,200 + 24 + 1,000                     = 7,724.00
 *   UCaaS cheapest in every trial: disagrees. With every cell at its mean, C/Pay costs
 *   0.084 N + 24 a year against U/Basic's 3,500 whatever N: equal at N = 3,476 / 0.084 =
 *   41,380.95 notifications in month 1, U/Basic cheaper above. */
static const char SCENARIOS[] =
    "scenario,months,seats,notifications,engineer_rate,cpaas_build_hours,"
    "cpaas_maintenance_hours,ucaas_setup_hours,ucaas_admin_hours,phone_numbers,"
    "workflow_deviation\n"
    "base,12,10,10000,50,100,2,8,1,2,\n"
    "volume,12,10,50000,50,0,0,8,1,2,50%\n";

enum { BASE, VOLUME };

typedef struct fixture {
    tco_scenario_file f;
    tco_prices p;
    tco_result r;
    tco_recommend rec;
} fixture;

static void analyse(fixture *x, const char *sheet, int scenario)
{
    tu_scenarios(&x->f, SCENARIOS);
    tu_prices(&x->p, sheet);
    tu_run(&x->f.items[scenario], &x->p, 5, 1, 1, &x->r);
    const tco_rule_thresholds t = tco_rules_thresholds_default();
    tco_recommend_analyse(&x->rec, "s.csv", &x->r, &x->p, &t);
}

static void finish(fixture *x)
{
    tco_recommend_fini(&x->rec);
    tco_result_fini(&x->r);
    tco_prices_fini(&x->p);
    tco_scenario_file_fini(&x->f);
}

static void the_cheapest_kind_agrees_with_the_default_verdict(void **state)
{
    (void)state;
    fixture x;
    analyse(&x, HAND_SHEET, BASE);
    assert_int_equal(x.rec.rules.overall, TCO_VERDICT_UCAAS);
    assert_int_equal(x.rec.n_offered, 3);
    assert_int_equal(x.rec.cheapest_kind, TCO_VERDICT_UCAAS);
    assert_true(x.rec.p_kind == 1 && x.rec.p_cheapest == 1);
    assert_string_equal(x.r.options.items[x.rec.cheapest].name, "ucaas:U/Basic");
    assert_int_equal(x.rec.agrees, 1);
    assert_true(isnan(x.rec.breakeven)); /* only a disagreement is explained */
    assert_non_null(strstr(x.rec.detail, "as the rules recommend"));
    /* ranked by mean: 3,500.00 < 7,064.00 < 10,564.00 (hand_cases.h) */
    for (size_t k = 0; k < 3; k++)
        assert_string_equal(x.r.options.items[x.rec.order[k]].name, HAND_OPTIONS[k]);
    finish(&x);
}

static void a_disagreement_is_explained_by_the_break_even_volume(void **state)
{
    (void)state;
    fixture x;
    analyse(&x, HAND_SHEET, VOLUME);
    assert_int_equal(x.rec.rules.rule[3].verdict, TCO_VERDICT_CPAAS);
    assert_int_equal(x.rec.rules.overall, TCO_VERDICT_CPAAS);
    assert_int_equal(x.rec.cheapest_kind, TCO_VERDICT_UCAAS);
    assert_int_equal(x.rec.agrees, 0);
    tu_assert_cents(x.r.per_option[x.rec.order[1]].tco.mean, 4224.00);
    assert_true(fabs(x.rec.breakeven - 3476.0 / 0.084) < 1e-3);
    assert_non_null(strstr(x.rec.detail, "not the cpaas the rules recommend"));
    assert_non_null(strstr(x.rec.detail, "ucaas:U/Basic and cpaas:C/Pay cost the same at 41,381 "
                                         "notifications in month 1 and ucaas:U/Basic is cheaper "
                                         "above that (this scenario: 50,000)"));

    /* the same break-even asked the other way round: C/Pay cheaper below it */
    int sign;
    double n;
    const tco_option *u = &x.r.options.items[tu_option(&x.r, "ucaas:U/Basic")];
    const tco_option *c = &x.r.options.items[tu_option(&x.r, "cpaas:C/Pay")];
    assert_int_equal(tco_recommend_mean_breakeven(x.r.scenario, &x.p, &x.r.options, u, c, &n,
                                                  &sign),
                     1);
    assert_true(fabs(n - 3476.0 / 0.084) < 1e-3);
    assert_int_equal(sign, -1); /* above it TCO(U) - TCO(C) < 0 */
    finish(&x);
}

static void no_option_of_the_recommended_kind_is_said_so(void **state)
{
    (void)state;
    static const char U_ONLY[] = "vendor,plan,model,item,price\n"
                                 "U,Basic,ucaas,seat,20\n"
                                 "U,Basic,ucaas,setup,100\n";
    fixture x;
    analyse(&x, U_ONLY, VOLUME);
    assert_int_equal(x.rec.agrees, 0);
    assert_true(isnan(x.rec.breakeven));
    assert_non_null(strstr(x.rec.detail, "; the price sheets offer no cpaas option for this "
                                         "scenario"));
    finish(&x);
}

static size_t column_named(const tco_table_spec *spec, const char *name)
{
    for (size_t c = 0; c < spec->n_columns; c++)
        if (strcmp(spec->columns[c].name, name) == 0)
            return c;
    fail_msg("no column %s", name);
    return 0;
}

/* SPEC §7's rows: one per rule, then `overall` with the extension cells; the rule rows leave
 * them blank. */
static void the_csv_table_has_a_row_per_rule_and_the_overall_row(void **state)
{
    (void)state;
    fixture x;
    analyse(&x, HAND_SHEET, VOLUME);
    tco_table *t = tco_table_alloc(&TCO_RECOMMEND_SPEC);
    tco_recommend_rows(t, &x.rec);
    const tco_table_spec *s = &TCO_RECOMMEND_SPEC;
    static const char *const SPEC7[] = {"file", "scenario", "rule", "verdict", "detail"};
    for (size_t c = 0; c < 5; c++)
        assert_string_equal(s->columns[c].name, SPEC7[c]);
    assert_int_equal(tco_table_n_rows(t), TCO_N_RULES + 1);
    assert_string_equal(tco_table_cell(t, 0, column_named(s, "rule")).text, "1");
    assert_string_equal(tco_table_cell(t, 3, column_named(s, "verdict")).text, "cpaas");
    assert_null(tco_table_cell(t, 3, column_named(s, "simulated_cheapest")).text);
    assert_true(isnan(tco_table_cell(t, 3, column_named(s, "p_cheapest")).real));
    assert_null(tco_table_cell(t, 3, column_named(s, "agrees")).text);
    assert_string_equal(tco_table_cell(t, 4, column_named(s, "rule")).text, "overall");
    assert_string_equal(tco_table_cell(t, 4, column_named(s, "verdict")).text, "cpaas");
    assert_string_equal(tco_table_cell(t, 4, column_named(s, "simulated_cheapest")).text,
                        "ucaas:U/Basic");
    assert_string_equal(tco_table_cell(t, 4, column_named(s, "cheapest_kind")).text, "ucaas");
    assert_string_equal(tco_table_cell(t, 4, column_named(s, "agrees")).text, "no");
    assert_true(tco_table_cell(t, 4, column_named(s, "p_cheapest_kind")).real == 1);
    /* Wilson's 95% interval of 5 of 5: [n / (n + z^2), 1] = [5 / 8.8415, 1] = [0.5655, 1] */
    assert_true(fabs(tco_table_cell(t, 4, column_named(s, "p_cheapest_lo")).real - 0.5655) < 1e-3);
    assert_true(tco_table_cell(t, 4, column_named(s, "p_cheapest_hi")).real == 1);
    assert_string_equal(tco_table_cell(t, 4, column_named(s, "simulation_detail")).text,
                        x.rec.detail);
    tco_table_free(t);

    /* the ranking: every offered option by mean, with its kind */
    t = tco_table_alloc(&TCO_RECOMMEND_RANKING_SPEC);
    tco_recommend_ranking_rows(t, &x.rec);
    s = &TCO_RECOMMEND_RANKING_SPEC;
    assert_int_equal(tco_table_n_rows(t), 3);
    static const char *const KINDS[] = {"ucaas", "cpaas", "hybrid"};
    static const double MEANS[] = {3500.00, 4224.00, 7724.00};
    for (size_t k = 0; k < 3; k++) {
        assert_string_equal(tco_table_cell(t, k, column_named(s, "option")).text, HAND_OPTIONS[k]);
        assert_string_equal(tco_table_cell(t, k, column_named(s, "kind")).text, KINDS[k]);
        tu_assert_cents(tco_table_cell(t, k, column_named(s, "mean")).real, MEANS[k]);
        assert_true(tco_table_cell(t, k, column_named(s, "p_cheapest")).real == (k == 0));
    }
    tco_table_free(t);
    finish(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_cheapest_kind_agrees_with_the_default_verdict),
        cmocka_unit_test(a_disagreement_is_explained_by_the_break_even_volume),
        cmocka_unit_test(no_option_of_the_recommended_kind_is_said_so),
        cmocka_unit_test(the_csv_table_has_a_row_per_rule_and_the_overall_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
