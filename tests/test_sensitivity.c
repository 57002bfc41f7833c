/* SPDX-License-Identifier: MIT */
/* sensitivity (SPEC §10) against answers worked out by hand, each within a tolerance derived
 * from its standard error; and bill shock (p_over_budget, max_bill). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include "tco/report.h"
#include "tco/report_sensitivity.h"
#include "tco/sensitivity.h"
#include "tco/table.h"
#include "tco/table_csv.h"
#include "tco/xalloc.h"

/* A one-month scenario: 100 seats, no growth, walks or spikes, no discounting or escalation,
 * no deployment delay; ucaas_admin_hours 10 at engineer_rate R. */
#define LINEAR_SCENARIO                                                                         \
    "scenario,months,seats,engineer_rate,ucaas_admin_hours,ucaas_setup_hours,"                   \
    "ucaas_deploy_months,cpaas_deploy_months,discount_rate,price_escalation\n"

typedef struct sens_run {
    tco_scenario_file f;
    tco_prices p;
    tco_observer obs;
    tco_result r;
} sens_run;

static sens_run *sens_run_new(const char *scenario_csv, const char *sheet_csv,
                              unsigned long trials, unsigned threads, double budget)
{
    sens_run *s = tco_xcalloc(1, sizeof *s);
    tu_scenarios(&s->f, scenario_csv);
    tu_prices(&s->p, sheet_csv);
    s->obs = tco_sensitivity_observer(&s->p);
    tco_engine_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.n_trials = trials;
    cfg.seed = 42;
    cfg.n_threads = threads;
    cfg.observers = &s->obs;
    cfg.n_observers = 1;
    cfg.has_budget = budget >= 0;
    cfg.budget = budget;
    assert_int_equal(tco_engine_run(&s->f.items[0], &s->p, &cfg, &s->r), TCO_OK);
    return s;
}

static void sens_run_free(sens_run *s)
{
    tco_result_fini(&s->r);
    tco_prices_fini(&s->p);
    tco_scenario_file_fini(&s->f);
    free(s);
}

static size_t input_named(const tco_sensitivity *s, const char *name)
{
    for (size_t i = 0; i < tco_sensitivity_n_inputs(s); i++)
        if (strcmp(tco_sensitivity_input_name(s, i), name) == 0)
            return i;
    fail_msg("no input %s", name);
    return 0;
}

static void assert_near(double got, double want, double tol, const char *what)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("%s: got %.6f, want %.6f within %.6f", what, got, want, tol);
}

/* TCO = 100 P + 10 R with P ~ uniform(10,30) (the seat price) and R ~ uniform(50,150)
 * independent: Var(100 P) = 100^2 x 20^2/12 = 333,333.3, Var(10 R) = 10^2 x 100^2/12 =
 * 83,333.3, so S_P = 0.8 and S_R = 0.2 (a_i^2 Var(X_i) / sum_j a_j^2 Var(X_j)). Twenty bins of
 * equal probability of a uniform keep 1 - 1/20^2 of its variance between the bins, so the
 * binned index is S (1 - 1/400): 0.798 and 0.1995. Its standard error is about
 * 2 sqrt(S) (1 - S) / sqrt(N) (as for R^2), 8.0e-4 and 7.1e-4 at N = 200,000: 4 of them.
 * Tornado ends: P in its lowest 10% is uniform(10,12), mean 11: E[TCO] = 1,100 + 10 x 100 =
 * 2,100; highest: 2,900 + 1,000 = 3,900. R lowest: 2,000 + 550 = 2,550; highest 2,000 + 1,450
 * = 3,450. Each end is a mean of 20,000 trials whose sd is at most
 * sqrt(100^2 x 2^2/12 + 83,333) = 298 (P's end) or sqrt(333,333 + 10^2 x 10^2/12) = 578 (R's):
 * SE 2.1 and 4.1, tolerance 4 SE. */
static void linear_model_should_give_closed_form_indices_and_tornado_ends(void **state)
{
    (void)state;
    sens_run *s = sens_run_new(LINEAR_SCENARIO "lin,1,100,\"uniform(50,150)\",10,0,0,0,0,0\n",
                               "vendor,plan,model,item,price\nA,Seat,ucaas,seat,\"uniform(10,30)\"\n",
                               200000, 2, -1);
    const tco_sensitivity *sens = tco_sensitivity_find(&s->r);
    assert_non_null(sens);
    const size_t a = tu_option(&s->r, "ucaas:A/Seat");
    const size_t p = input_named(sens, "price:A/Seat/seat");
    const size_t r = input_named(sens, "engineer_rate");
    tco_input_effect e;
    assert_true(tco_sensitivity_effect(sens, &s->r, p, a, &e));
    assert_near(e.first_order, 0.8 * (1 - 1.0 / 400), 4 * 8.0e-4, "S_P");
    assert_near(e.low_mean, 2100, 4 * 2.1, "P low end");
    assert_near(e.high_mean, 3900, 4 * 2.1, "P high end");
    assert_true(isnan(e.evppi)); /* an option target has none */
    assert_true(tco_sensitivity_effect(sens, &s->r, r, a, &e));
    assert_near(e.first_order, 0.2 * (1 - 1.0 / 400), 4 * 7.1e-4, "S_R");
    assert_near(e.low_mean, 2550, 4 * 4.1, "R low end");
    assert_near(e.high_mean, 3450, 4 * 4.1, "R high end");
    /* an input that cannot move the target: seat_noise (no walk), spikes (none): 0, and both
     * ends the target's mean */
    assert_true(tco_sensitivity_effect(sens, &s->r, input_named(sens, "seat_noise"), a, &e));
    assert_true(e.first_order == 0);
    assert_near(e.low_mean, s->r.per_option[a].tco.mean, 1e-6, "no-walk low end");
    assert_true(tco_sensitivity_effect(sens, &s->r, input_named(sens, "spikes"), a, &e));
    assert_true(e.first_order == 0);
    /* one option: no delta */
    size_t leader, runner;
    assert_false(tco_sensitivity_leaders(&s->r, &leader, &runner));
    assert_false(tco_sensitivity_effect(sens, &s->r, p, TCO_SENSITIVITY_DELTA, &e));
    assert_true(isnan(tco_sensitivity_evpi(sens, &s->r)));
    sens_run_free(s);
}

/* Two options: A costs 100 P with P ~ uniform(10,30), B a fixed 1,900 (the seat price 19).
 * B is cheaper in P(P > 19) = 55% of trials: the leader; delta = A - B = 100 P - 1,900, mean
 * 100; its tornado ends for P: 100 x 11 - 1,900 = -800 and 100 x 29 - 1,900 = 1,000.
 * Knowing P, one takes A when P < 19: EVPPI = E[max(0, 1,900 - 100 P)]
 *   = (1/20) int_10^19 (1,900 - 100 p) dp = 5 x 81/2 = 202.5,
 * and the bins (width 1 in P, an edge at 19) give the same: (1/20) sum_{k=0}^{8}
 * (1,900 - 100 (10.5 + k)) = (7,650 - 3,600)/20 = 202.5. P is the only uncertainty, so the
 * EVPI is 202.5 too. The SE of either is about sd(max(0, 1,900 - 100 P)) / sqrt(N) =
 * 262 / sqrt(100,000) = 0.83 (its second moment is (1/20) int_0^900 x^2 dx / 100 = 121,500,
 * mean 202.5): tolerance 4 SE. delta's first order index of P is 1 - 1/400 (a linear function
 * of P alone), SE ~ 0 but for the bins' noise: 0.003. */
static void two_options_should_give_the_evppi_integral(void **state)
{
    (void)state;
    sens_run *s = sens_run_new(LINEAR_SCENARIO "two,1,100,100,0,0,0,0,0,0\n",
                               "vendor,plan,model,item,price\n"
                               "A,Seat,ucaas,seat,\"uniform(10,30)\"\n"
                               "B,Seat,ucaas,seat,19\n",
                               100000, 2, -1);
    const tco_sensitivity *sens = tco_sensitivity_find(&s->r);
    size_t leader, runner;
    assert_true(tco_sensitivity_leaders(&s->r, &leader, &runner));
    assert_int_equal(leader, tu_option(&s->r, "ucaas:B/Seat"));
    assert_int_equal(runner, tu_option(&s->r, "ucaas:A/Seat"));
    tco_input_effect e;
    assert_true(tco_sensitivity_effect(sens, &s->r, input_named(sens, "price:A/Seat/seat"),
                                       TCO_SENSITIVITY_DELTA, &e));
    assert_near(e.evppi, 202.5, 4 * 0.83, "EVPPI");
    assert_near(e.low_mean, -800, 4 * 100 * 2 / sqrt(12) / sqrt(10000), "delta low end");
    assert_near(e.high_mean, 1000, 4 * 100 * 2 / sqrt(12) / sqrt(10000), "delta high end");
    assert_near(e.first_order, 1 - 1.0 / 400, 0.003, "S_P of delta");
    assert_near(tco_sensitivity_evpi(sens, &s->r), 202.5, 4 * 0.83, "EVPI");
    /* an input that moves neither option is worth nothing to know */
    assert_true(tco_sensitivity_effect(sens, &s->r, input_named(sens, "volume_noise"),
                                       TCO_SENSITIVITY_DELTA, &e));
    assert_true(e.evppi == 0);
    assert_true(e.first_order == 0);
    sens_run_free(s);
}

/* Spikes: 1,000 notifications a month at $1 a message, a spike (x10) with probability 0.1 in
 * each of 24 months: a month's bill is $1,000, or $10,000 with a spike. Over a $5,000 budget
 * in some month: 1 - 0.9^24 = 0.920234; SE sqrt(p (1-p) / N) = 0.0027 at N = 10,000. The
 * largest bill's p50 and p95 are $10,000 (92% of trials have a spike), within the sketch's
 * 0.02%. Without any month over budget (a budget of $10,000: not exceeded) the share is 0. */
static void spike_model_should_go_over_budget_one_minus_q_to_the_months(void **state)
{
    (void)state;
    const char *scn = "scenario,months,seats,notifications,spike_probability,spike_multiplier,"
                      "discount_rate,price_escalation,cpaas_deploy_months,ucaas_deploy_months\n"
                      "spiky,24,10,1000,0.1,10,0,0,0,0\n";
    const char *sheet = "vendor,plan,model,item,price\nC,PAYG,cpaas,sms,1\n";
    sens_run *s = sens_run_new(scn, sheet, 10000, 2, 5000);
    const size_t c = tu_option(&s->r, "cpaas:C/PAYG");
    double se, lo, hi;
    const double p = tco_result_p_over_budget(&s->r, c, &se, &lo, &hi);
    const double want = 1 - pow(0.9, 24);
    assert_near(p, want, 4 * sqrt(want * (1 - want) / 10000), "p_over_budget");
    assert_near(se, sqrt(want * (1 - want) / 10000), 2e-4, "its SE");
    assert_true(lo < p && p < hi);
    const tco_option_result *res = &s->r.per_option[c];
    assert_near(tco_sketch_quantile(&res->max_bill_q, 0.5), 10000, 10000 * 2e-4, "max_bill p50");
    assert_near(tco_sketch_quantile(&res->max_bill_q, 0.95), 10000, 10000 * 2e-4, "max_bill p95");
    /* spikes drives the TCO: its index is large, and its cut points are those of a pilot */
    const tco_sensitivity *sens = tco_sensitivity_find(&s->r);
    tco_input_effect e;
    assert_true(tco_sensitivity_effect(sens, &s->r, input_named(sens, "spikes"), c, &e));
    assert_true(e.first_order > 0.9);
    assert_true(e.high_mean > e.low_mean);
    sens_run_free(s);

    s = sens_run_new(scn, sheet, 2000, 1, 10000);
    assert_true(tco_result_p_over_budget(&s->r, c, &se, &lo, &hi) == 0);
    assert_true(lo == 0 && hi > 0);
    sens_run_free(s);
}

/* The bill is what the vendors charge (escalated, not discounted, a setup in its month), not
 * the labor: a one-month scenario with a $500 setup, 10 seats at $20 and 10 admin hours at
 * $100: the bill is 500 + 200 = $700 exactly, whatever the labor. */
static void bill_should_be_vendor_charges_only(void **state)
{
    (void)state;
    sens_run *s = sens_run_new(LINEAR_SCENARIO "bill,1,10,100,10,0,0,0,0.1,0\n",
                               "vendor,plan,model,item,price\nA,Seat,ucaas,seat,20\n"
                               "A,Seat,ucaas,setup,500\n",
                               100, 1, 699.99);
    const size_t a = tu_option(&s->r, "ucaas:A/Seat");
    assert_near(tco_sketch_quantile(&s->r.per_option[a].max_bill_q, 0.5), 700, 700 * 2e-4,
                "bill");
    double se, lo, hi;
    assert_true(tco_result_p_over_budget(&s->r, a, &se, &lo, &hi) == 1);
    sens_run_free(s);
}

/* Price cells are named by plan, item and tier; constants are no inputs. */
static void price_cells_should_be_named_by_plan_item_and_tier(void **state)
{
    (void)state;
    sens_run *s = sens_run_new(
        "scenario,months,seats,notifications,seat_growth\nn,12,10,\"uniform(1000,2000)\",0\n",
        "vendor,plan,model,item,price,tier_from,tier_to\n"
        "C,PAYG,cpaas,sms,\"normal(0.008,0.001)\",0,150000\n"
        "C,PAYG,cpaas,sms,\"uniform(0.006,0.007)\",150000,\n"
        "C,PAYG,cpaas,number,1,,\n",
        500, 1, -1);
    const tco_sensitivity *sens = tco_sensitivity_find(&s->r);
    const char *const want[] = {"notifications", "price:C/PAYG/sms[0-150000]",
                                "price:C/PAYG/sms[150000-]", "seat_noise", "volume_noise",
                                "spikes"};
    assert_int_equal(tco_sensitivity_n_inputs(sens), sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_string_equal(tco_sensitivity_input_name(sens, i), want[i]);
    sens_run_free(s);
}

static char *csv_of(const sens_run *s)
{
    const tco_report_item item = {"f.csv", &s->r};
    tco_table *t = tco_report_sensitivity_table(&item, 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_int_equal(tco_table_csv_header(fp, tco_table_get_spec(t)), 0);
    assert_int_equal(tco_table_csv_rows(fp, t), 0);
    fclose(fp);
    tco_table_free(t);
    return buf;
}

/* The statistics are counts and block-ordered sums: the same bytes for 1, 2 and 7 threads; one
 * row per (target, input) and the EVPI row. */
static void table_should_not_depend_on_the_thread_count(void **state)
{
    (void)state;
    const char *scn = "scenario,months,seats,seat_volatility,notifications,volume_volatility,"
                      "spike_probability,spike_multiplier,engineer_rate\n"
                      "t,12,\"uniform(50,80)\",0.05,\"lognormal(20000,5000)\",0.1,0.05,"
                      "\"uniform(2,4)\",\"triangular(80,100,150)\"\n";
    const char *sheet = "vendor,plan,model,item,price\nU,Seat,ucaas,seat,\"pert(15,20,30)\"\n"
                        "U,Seat,ucaas,sms,0.01\nC,PAYG,cpaas,sms,\"normal(0.008,0.001)\"\n";
    char *first = NULL;
    const unsigned threads[] = {1, 2, 7};
    for (size_t k = 0; k < 3; k++) {
        sens_run *s = sens_run_new(scn, sheet, 9000, threads[k], 2000);
        char *csv = csv_of(s);
        if (!first) {
            first = csv;
            /* 3 offered options (ucaas, cpaas, hybrid) and delta, 8 inputs each, and `all` */
            size_t rows = 0;
            for (const char *c = csv; *c; c++)
                rows += *c == '\n';
            assert_int_equal(rows, 1 + 4 * 8 + 1);
            assert_non_null(strstr(csv, "\"f.csv\",\"t\",\"delta\",\"all\",\"1\",\"\",\"\","));
        } else {
            assert_string_equal(csv, first);
            free(csv);
        }
        sens_run_free(s);
    }
    free(first);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(linear_model_should_give_closed_form_indices_and_tornado_ends),
        cmocka_unit_test(two_options_should_give_the_evppi_integral),
        cmocka_unit_test(spike_model_should_go_over_budget_one_minus_q_to_the_months),
        cmocka_unit_test(bill_should_be_vendor_charges_only),
        cmocka_unit_test(price_cells_should_be_named_by_plan_item_and_tier),
        cmocka_unit_test(table_should_not_depend_on_the_thread_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
