/* SPDX-License-Identifier: MIT */
/* Tests of breakeven (SPEC §6, issues 4 and 14): closed-form crossover months and break-even
 * volumes whose hand computation is in each comment, the tie conventions (half a cent), pairs
 * with no crossover and no root (blank, never an abort), the lowest of several roots whatever
 * the trial's own level, whole break-even seats, a CPaaS plan without `sms`, the `breakeven`
 * frontier, one "every cell at its mean", and bit-identical summaries for 1 and 2 engine
 * threads. Scenarios and sheets are built in memory with tco_csv_load_buffer. The randomised
 * exact model is tests/test_breakeven_exact.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "tco/breakeven.h"
#include "tco/sweep.h"
#include "tco/cost.h"
#include "tco/csvload.h"
#include "tco/engine.h"
#include "tco/rng.h"
#include "tco/scenario.h"
#include "tco/workload.h"

/* ==== fixtures ============================================================================= */

typedef struct world {
    tco_scenario_file f;
    tco_prices p;
    tco_result r;
    tco_observer obs;
} world;

static void load_world(world *wd, const char *scenario_csv, const char *prices_csv)
{
    tco_diag_list d;
    tco_diag_list_init(&d);
    tco_csv_table t;
    tco_csv_table_init(&t);
    assert_int_equal(tco_csv_load_buffer("s.csv", scenario_csv, strlen(scenario_csv), &t, &d),
                     TCO_OK);
    tco_scenario_file_init(&wd->f);
    assert_int_equal(tco_scenario_from_table(&t, &wd->f, &d), TCO_OK);
    tco_csv_table_fini(&t);
    tco_csv_table_init(&t);
    assert_int_equal(tco_csv_load_buffer("p.csv", prices_csv, strlen(prices_csv), &t, &d), TCO_OK);
    tco_prices_init(&wd->p);
    if (tco_prices_add_sheet(&wd->p, &t, &d) != TCO_OK || tco_prices_finish(&wd->p, &d) != TCO_OK) {
        for (size_t i = 0; i < d.n; i++) {
            char *s = tco_diag_format(&d.items[i]);
            print_error("%s\n", s);
            free(s);
        }
        fail();
    }
    tco_csv_table_fini(&t);
    tco_diag_list_fini(&d);
    memset(&wd->r, 0, sizeof wd->r);
}

static void run_world(world *wd, size_t scenario, unsigned long trials, unsigned threads)
{
    wd->obs = tco_breakeven_observer();
    tco_engine_config cfg = {trials, 42, threads, NULL, NULL, NULL, &wd->obs, 1, false, 0, 0, false};
    assert_int_equal(tco_engine_run(&wd->f.items[scenario], &wd->p, &cfg, &wd->r), TCO_OK);
}

static void free_world(world *wd)
{
    tco_result_fini(&wd->r);
    tco_prices_fini(&wd->p);
    tco_scenario_file_fini(&wd->f);
}

static void pair0(const world *wd, tco_breakeven_pair *out)
{
    const tco_breakeven *b = tco_breakeven_find(&wd->r);
    assert_non_null(b);
    /* (ucaas:U, cpaas:C), then (ucaas:U, hybrid:U+C) (SPEC §8.3) */
    assert_int_equal(tco_breakeven_n_pairs(b), 2);
    tco_breakeven_pair_get(b, 0, out);
    assert_int_equal(wd->r.options.items[out->per_transaction].kind, TCO_OPTION_CPAAS);
}

/* One deterministic trial of scenario 0 priced on every option, for the direct solver. */
typedef struct one_trial {
    tco_workload w;
    tco_cost_ws cost;
    double *draws;
    gsl_rng *rng;
} one_trial;

static void trial_init(one_trial *t, const world *wd, const tco_option_set *set)
{
    const tco_scenario *s = &wd->f.items[0];
    tco_workload_init(&t->w, s->months);
    tco_cost_ws_init(&t->cost, wd->p.n_plans, set->n, s->months);
    t->draws = calloc(wd->p.n_values + 1, sizeof *t->draws);
    t->rng = tco_rng_alloc();
    tco_rng_seed_stream(t->rng, 1, 2, 3);
    tco_workload_sample(&t->w, s, t->rng);
    tco_prices_draw(&wd->p, t->rng, t->draws);
    tco_cost_trial(&t->cost, &wd->p, set, t->draws, &t->w);
}

static void trial_fini(one_trial *t)
{
    tco_workload_fini(&t->w);
    tco_cost_ws_fini(&t->cost);
    free(t->draws);
    gsl_rng_free(t->rng);
}

/* Solves the one (ucaas, cpaas) pair of scenario 0 directly on its deterministic trial. */
static bool solve_direct(const world *wd, tco_breakeven_axis axis, double *root)
{
    tco_option_set set;
    tco_options_build(&set, &wd->p, &wd->f.items[0]);
    one_trial t;
    trial_init(&t, wd, &set);
    const tco_option *u = NULL, *c = NULL;
    for (size_t o = 0; o < set.n; o++) {
        if (set.items[o].kind == TCO_OPTION_UCAAS)
            u = &set.items[o];
        if (set.items[o].kind == TCO_OPTION_CPAAS)
            c = &set.items[o];
    }
    assert_non_null(u);
    assert_non_null(c);
    tco_breakeven_problem pb = {&wd->p, u, c, t.draws, &t.w, &t.cost};
    tco_breakeven_solver *s = tco_breakeven_solver_alloc();
    bool ok = tco_breakeven_solve(s, &pb, axis, root);
    if (ok && axis == TCO_BREAKEVEN_NOTIFICATIONS) {
        /* the root zeroes the difference, to half a cent (a touch) or to rounding */
        double d = tco_breakeven_difference(&pb, axis, *root);
        assert_true(fabs(d) <= TCO_BREAKEVEN_TIE + 1e-9);
    } else if (ok) {
        /* a whole seat count where d is within half a cent or changes sign from n - 1 */
        assert_true(*root == floor(*root) && *root >= 0);
        double d = tco_breakeven_difference(&pb, axis, *root);
        double before = *root > 0 ? tco_breakeven_difference(&pb, axis, *root - 1) : NAN;
        assert_true(fabs(d) <= TCO_BREAKEVEN_TIE + 1e-9 || (d > 0) != (before > 0));
    }
    tco_breakeven_solver_free(s);
    trial_fini(&t);
    tco_options_fini(&set);
    return ok;
}

static void assert_rel(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want)))
        fail_msg("got %.17g, want %.17g (relative %.3g)", got, want, rel);
}

/* The issue's sheets: a $20 seat against $0.007 per SMS. */
static const char SEAT_VS_SMS[] = "vendor,plan,model,item,price\n"
                                  "U,Seat,ucaas,seat,20\n"
                                  "C,Sms,cpaas,sms,0.007\n";

/* ==== crossover month, directly ============================================================ */

static void crossover_is_the_first_month_of_the_final_order(void **state)
{
    (void)state;
    /* D = cumU - cumC: -1, -2, +1, +4: the order flips once, in month 3 */
    const double u[] = {1, 1, 5, 5}, c[] = {2, 2, 2, 2};
    assert_int_equal(tco_breakeven_crossover_month(u, c, 4), 3);
    /* -1, +1, -1, +1: the order changes for the last time in month 4 */
    const double u2[] = {1, 4, 0, 4}, c2[] = {2, 2, 2, 2};
    assert_int_equal(tco_breakeven_crossover_month(u2, c2, 4), 4);
    /* -1, +1, -1: ends in month 1's order: no crossover */
    assert_int_equal(tco_breakeven_crossover_month(u2, c2, 3), 0);
}

static void a_tie_does_not_change_the_order(void **state)
{
    (void)state;
    /* D: -1, 0, 0, +2: the ties in months 2-3 keep "U cheaper"; the crossover is month 4 */
    const double u[] = {1, 3, 2, 4}, c[] = {2, 2, 2, 2};
    assert_int_equal(tco_breakeven_crossover_month(u, c, 4), 4);
    /* D: -1, 0, 0, 0: equal at the end is not a new order: none */
    const double u2[] = {1, 3, 2, 2};
    assert_int_equal(tco_breakeven_crossover_month(u2, c, 4), 0);
    /* D: 0, 0, +1: leading ties take the first strict order: none */
    const double u3[] = {2, 2, 3}, c3[] = {2, 2, 2};
    assert_int_equal(tco_breakeven_crossover_month(u3, c3, 3), 0);
    /* all equal: none */
    assert_int_equal(tco_breakeven_crossover_month(c, c, 4), 0);
}

/* ==== closed forms through the engine ====================================================== */

/* Seat $20 x 10 seats against $0.007 per SMS, 12 months, nothing else:
 *   TCO_U = 12 x 20 x 10 = 2400, TCO_C = 12 x 0.007 x N, equal at N = 200 / 0.007 = 28,571.43;
 *   at N = 1,000: TCO_U = 12 x 20 x S, TCO_C = 12 x 7 = 84: d(0) = -84, d(1) = 240 - 84 = 156:
 *   the sign changes at 1 whole seat (the real 0.35 seats is billed as 1). */
static void seat_20_vs_sms_0_007_breaks_even_at_28571_notifications_and_1_seat(void **state)
{
    (void)state;
    world wd;
    load_world(&wd, "scenario,months,seats,notifications\nbase,12,10,1000\n", SEAT_VS_SMS);
    double root;
    assert_true(solve_direct(&wd, TCO_BREAKEVEN_NOTIFICATIONS, &root));
    assert_rel(root, 200 / 0.007, 1e-10);
    assert_true(solve_direct(&wd, TCO_BREAKEVEN_SEATS, &root));
    assert_rel(root, 1, 0);

    run_world(&wd, 0, 100, 1);
    tco_breakeven_pair p;
    pair0(&wd, &p);
    assert_int_equal(p.n_trials, 100);
    assert_int_equal(p.n_notifications, 100);
    assert_rel(p.notifications_p50, 28571.428571428572, 1e-3); /* the sketch's 0.1% */
    assert_rel(p.notifications_p10, 28571.428571428572, 1e-3);
    assert_int_equal(p.n_seats, 100);
    assert_rel(p.seats_p50, 1, 0);
    assert_rel(p.p_notifications, 1, 0);
    /* U costs 200 a month, C 7: C is cheaper from month 1 on: no crossover */
    assert_int_equal(p.n_crossover, 0);
    assert_true(isnan(p.crossover_month_p50));
    free_world(&wd);
}

/* CPaaS build 100 hours x $50 = $5,000 in month 1, then 10,000 SMS x $0.007 = $70 a month;
 * UCaaS 10 seats x $20 = $200 a month. D_m = cumU - cumC = 200 m - (5000 + 70 m) = 130 m - 5000:
 * month 38 gives -60, month 39 +70: the crossover is month 39 (5000 / 130 = 38.46). */
static void a_cpaas_build_cost_crosses_in_month_39(void **state)
{
    (void)state;
    world wd;
    load_world(&wd,
               "scenario,months,seats,notifications,engineer_rate,cpaas_build_hours\n"
               "build,48,10,10000,50,100\n",
               SEAT_VS_SMS);
    run_world(&wd, 0, 3000, 2);
    tco_breakeven_pair p;
    pair0(&wd, &p);
    assert_int_equal(p.n_trials, 3000);
    assert_int_equal(p.n_crossover, 3000);
    assert_rel(p.p_crossover, 1, 0);
    assert_rel(p.p_crossover_se, 0, 0);
    assert_rel(p.crossover_month_p10, 39, 0);
    assert_rel(p.crossover_month_p50, 39, 0);
    assert_rel(p.crossover_month_p90, 39, 0);
    /* equal TCO over 48 months: 48 x 200 = 5000 + 48 x 0.007 N, N = 4600 / 0.336 = 13,690.48 */
    assert_rel(p.notifications_p50, 4600 / 0.336, 1e-3);
    double root;
    assert_true(solve_direct(&wd, TCO_BREAKEVEN_NOTIFICATIONS, &root));
    assert_rel(root, 4600 / 0.336, 1e-10);
    /* seats: d(S) = 48 x 20 S - (5000 + 48 x 70) = 960 S - 8360: d(8) = -680, d(9) = 280:
     * 9 whole seats (the real 8.7083 is billed as 9) */
    assert_true(solve_direct(&wd, TCO_BREAKEVEN_SEATS, &root));
    assert_rel(root, 9, 0);
    free_world(&wd);
}

/* U: 10 seats x $1 = $10 a month, SMS unlimited; C: platform $100 + $0.007 per SMS. d(N) =
 * 12 (10 - 100 - 0.007 N) < 0 for every N >= 0: U is always cheaper: no crossover and no
 * break-even volume (blank), never an abort. Seats still break even: 12 S = 12 (100 + 0.007 x
 * 10,000) at S = 170. */
static void a_pair_that_never_crosses_gives_blanks(void **state)
{
    (void)state;
    world wd;
    load_world(&wd, "scenario,months,seats,notifications\nnever,12,10,10000\n",
               "vendor,plan,model,item,price\n"
               "U,Cheap,ucaas,seat,1\n"
               "C,Dear,cpaas,sms,0.007\n"
               "C,Dear,cpaas,platform,100\n");
    double root;
    assert_false(solve_direct(&wd, TCO_BREAKEVEN_NOTIFICATIONS, &root));
    assert_true(isnan(root));
    assert_true(solve_direct(&wd, TCO_BREAKEVEN_SEATS, &root));
    assert_rel(root, 170, 1e-10);
    run_world(&wd, 0, 50, 1);
    tco_breakeven_pair p;
    pair0(&wd, &p);
    assert_int_equal(p.n_crossover, 0);
    assert_rel(p.p_crossover, 0, 0);
    assert_true(isnan(p.crossover_month_p10) && isnan(p.crossover_month_p50) &&
                isnan(p.crossover_month_p90));
    assert_int_equal(p.n_notifications, 0);
    assert_rel(p.p_notifications, 0, 0);
    assert_true(isnan(p.notifications_p50));
    assert_int_equal(p.n_seats, 50);
    free_world(&wd);
}

/* Tiers and allowances, 12 identical months, 10 seats, no internal SMS:
 *   U: seat $20, sms $0.004 beyond 1,000 included per seat (10,000 free):
 *      U(N) = 200 + 0.004 max(0, N - 10000)
 *   C: sms $0.01 for units 0-5,000 and $0.008 beyond:
 *      C(N) = 0.01 min(N, 5000) + 0.008 max(0, N - 5000)
 *   d = U - C: d(5000) = 150, d(10000) = 200 - 90 = 110, and beyond 10,000
 *   d(N) = 110 - 0.004 (N - 10000) = 0 at N = 37,500 (the third piece, not 20,000 or 25,000
 *   that the first or second piece's slope would give). */
static void tiers_and_allowances_put_the_root_on_the_right_piece(void **state)
{
    (void)state;
    world wd;
    load_world(&wd, "scenario,months,seats,notifications\ntiers,12,10,1000\n",
               "vendor,plan,model,item,price,tier_from,tier_to,included\n"
               "U,Allow,ucaas,seat,20,,,\n"
               "U,Allow,ucaas,sms,0.004,,,1000\n"
               "C,Tiered,cpaas,sms,0.01,0,5000,\n"
               "C,Tiered,cpaas,sms,0.008,5000,,\n");
    double root;
    assert_true(solve_direct(&wd, TCO_BREAKEVEN_NOTIFICATIONS, &root));
    assert_rel(root, 37500, 1e-10);
    run_world(&wd, 0, 10, 1);
    tco_breakeven_pair p;
    pair0(&wd, &p);
    assert_rel(p.notifications_p50, 37500, 1e-3);
    free_world(&wd);
}

/* A non-monotone difference: U $15 seat x 10 with 1,000 SMS included per seat and $0.03
 * overage; C $0.02 per SMS. d(N) = 150 - 0.02 N up to 10,000 (zero at 7,500), then
 * 150 + 0.03 (N - 10000) - 0.02 N = 0.01 N - 150 (zero at 15,000). With the trial's own level
 * 12,000 between the roots, d(0) = 150 > 0 > d(12000) = -30: the bracket [0, 12000] gives
 * 7,500, the root below the trial's level. */
static void with_two_roots_the_one_below_the_trials_level_is_found(void **state)
{
    (void)state;
    world wd;
    load_world(&wd, "scenario,months,seats,notifications\ntwo,12,10,12000\n",
               "vendor,plan,model,item,price,included\n"
               "U,Allow,ucaas,seat,15,\n"
               "U,Allow,ucaas,sms,0.03,1000\n"
               "C,Flat,cpaas,sms,0.02,\n");
    double root;
    assert_true(solve_direct(&wd, TCO_BREAKEVEN_NOTIFICATIONS, &root));
    assert_rel(root, 7500, 1e-10);
    free_world(&wd);
}

/* Many tiers and random shapes: whatever path the solver takes (secant or Brent), the root
 * zeroes d (checked in solve_direct) and lies where d changes sign. */
static void many_tiers_with_volatility_still_give_a_root_that_zeroes_d(void **state)
{
    (void)state;
    char sheet[8192];
    size_t o;
    o = (size_t)snprintf(sheet, sizeof sheet,
                         "vendor,plan,model,item,price,tier_from,tier_to\n"
                         "U,Seat,ucaas,seat,25,,\n");
    for (int t = 0; t < 30; t++) {
        if (t < 29)
            o += (size_t)snprintf(sheet + o, sizeof sheet - o, "C,Tiers,cpaas,sms,%.4f,%d,%d\n",
                                  0.012 - 0.0003 * t, t * 2000, (t + 1) * 2000);
        else
            o += (size_t)snprintf(sheet + o, sizeof sheet - o, "C,Tiers,cpaas,sms,%.4f,%d,\n",
                                  0.012 - 0.0003 * t, t * 2000);
    }
    world wd;
    load_world(&wd,
               "scenario,months,seats,notifications,notification_growth,volume_volatility,"
               "spike_probability,spike_multiplier\n"
               "vol,24,10,20000,3%,0.3,0.2,\"uniform(2,4)\"\n",
               sheet);
    double root;
    assert_true(solve_direct(&wd, TCO_BREAKEVEN_NOTIFICATIONS, &root));
    assert_true(root > 0);
    run_world(&wd, 0, 500, 1);
    tco_breakeven_pair p;
    pair0(&wd, &p);
    assert_int_equal(p.n_notifications, 500);
    free_world(&wd);
}

/* ==== every root, the lowest (issue 14) =================================================== */

/* Solves scenario `scn` (one row) against `sheet` directly and returns whether a root exists. */
static bool solve_in(const char *scn, const char *sheet, tco_breakeven_axis axis, double *root)
{
    world wd;
    load_world(&wd, scn, sheet);
    bool ok = solve_direct(&wd, axis, root);
    free_world(&wd);
    return ok;
}

/* The issue's case: UCaaS seat $20, SMS $0.05 with 1,000 SMS included per seat (10 seats:
 * 10,000 free); CPaaS SMS $0.01 plus a $150/month platform; 10 seats, one month.
 *   U(x) = 200 + 0.05 max(0, x - 10000), C(x) = 150 + 0.01 x
 *   below 10,000: d = 200 - 150 - 0.01 x = 50 - 0.01 x, zero at 5,000
 *   above 10,000: d = 200 + 0.05 x - 500 - 150 - 0.01 x = -450 + 0.04 x, zero at 11,250
 * The lowest is 5,000, whether the trial's own volume is below both roots (1,000) or above
 * both (20,000): two roots on one side of the trial's level. */
static const char ISSUE_SHEET[] = "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                                  "U,Allow,ucaas,seat,20,,,\n"
                                  "U,Allow,ucaas,sms,0.05,,,1000\n"
                                  "C,Platform,cpaas,sms,0.01,,,\n"
                                  "C,Platform,cpaas,platform,150,,,\n";
/* The same with a second CPaaS tier, $0.08 per SMS above 30,000:
 *   above 30,000: C = 150 + 300 + 0.08 (x - 30000), d = 200 + 0.05 (x - 10000) - 450
 *   - 0.08 (x - 30000) = 1650 - 0.03 x, zero at 55,000 (between: d(30000) = 750 > 0).
 * Roots 5,000, 11,250 and 55,000: the lowest is 5,000 at 20,000 and at 60,000. */
static const char ISSUE_SHEET_TIERS[] = "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                                        "U,Allow,ucaas,seat,20,,,\n"
                                        "U,Allow,ucaas,sms,0.05,,,1000\n"
                                        "C,Platform,cpaas,sms,0.01,0,30000,\n"
                                        "C,Platform,cpaas,sms,0.08,30000,,\n"
                                        "C,Platform,cpaas,platform,150,,,\n";

static void scn_at(char *buf, size_t size, double notifications)
{
    snprintf(buf, size, "scenario,months,seats,notifications\nat,1,10,%.0f\n", notifications);
}

static void the_lowest_of_two_roots_whatever_the_trials_level(void **state)
{
    (void)state;
    const double levels[] = {1000, 20000, 7000, 10000};
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        char scn[128];
        scn_at(scn, sizeof scn, levels[i]);
        double root;
        assert_true(solve_in(scn, ISSUE_SHEET, TCO_BREAKEVEN_NOTIFICATIONS, &root));
        assert_rel(root, 5000, 1e-12);
        /* and through the engine: every trial the same, the sketch's accuracy */
        world wd;
        load_world(&wd, scn, ISSUE_SHEET);
        run_world(&wd, 0, 20, 1);
        tco_breakeven_pair p;
        pair0(&wd, &p);
        assert_int_equal(p.n_notifications, 20);
        assert_rel(p.notifications_p50, 5000, 1e-3);
        free_world(&wd);
    }
}

static void the_lowest_of_three_roots_with_a_second_tier(void **state)
{
    (void)state;
    const double levels[] = {20000, 60000, 1000, 40000};
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        char scn[128];
        scn_at(scn, sizeof scn, levels[i]);
        double root;
        assert_true(solve_in(scn, ISSUE_SHEET_TIERS, TCO_BREAKEVEN_NOTIFICATIONS, &root));
        assert_rel(root, 5000, 1e-12);
    }
    /* without the first root (a $0 platform: d = 200 - 0.01 x below 10,000 > 0, then
     * 200 + 0.05 (x - 10000) - 0.01 x = -300 + 0.04 x: zero at 7,500 < 10,000, so no root
     * there either; from 30,000: 200 + 0.05 (x - 10000) - 300 - 0.08 (x - 30000) =
     * 1800 - 0.03 x, zero at 60,000): 60,000, above the trial's level of 20,000 */
    double root;
    char scn[128];
    scn_at(scn, sizeof scn, 20000);
    assert_true(solve_in(scn,
                         "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                         "U,Allow,ucaas,seat,20,,,\n"
                         "U,Allow,ucaas,sms,0.05,,,1000\n"
                         "C,Platform,cpaas,sms,0.01,0,30000,\n"
                         "C,Platform,cpaas,sms,0.08,30000,,\n",
                         TCO_BREAKEVEN_NOTIFICATIONS, &root));
    assert_rel(root, 60000, 1e-12);
}

/* A CPaaS plan that prices no `sms` is not offered with notifications (SPEC §5), so it has
 * no break-even notifications, although U = 200 + 0.05 x and C = $300 platform would "cross"
 * at 2,000 if the plan carried SMS for free. Seats: d(n) = 20 n - 300, zero at 15 seats.
 * (The scenario itself has no notifications, so the plan is offered.) */
static void a_cpaas_plan_without_sms_has_no_break_even_notifications(void **state)
{
    (void)state;
    const char *scn = "scenario,months,seats,notifications\nnosms,1,10,0\n";
    const char *sheet = "vendor,plan,model,item,price\n"
                        "U,Seat,ucaas,seat,20\n"
                        "U,Seat,ucaas,sms,0.05\n"
                        "C,Bare,cpaas,platform,300\n";
    double root;
    assert_false(solve_in(scn, sheet, TCO_BREAKEVEN_NOTIFICATIONS, &root));
    assert_true(isnan(root));
    assert_true(solve_in(scn, sheet, TCO_BREAKEVEN_SEATS, &root));
    assert_rel(root, 15, 0);
    world wd;
    load_world(&wd, scn, sheet);
    run_world(&wd, 0, 10, 1);
    tco_breakeven_pair p;
    pair0(&wd, &p);
    assert_int_equal(p.n_notifications, 0);
    assert_true(isnan(p.notifications_p50));
    assert_int_equal(p.n_seats, 10);
    assert_rel(p.seats_p50, 15, 0);
    free_world(&wd);
}

/* An interval of equality: U = 10 seats x $10 + $0.003 platform + $0.02 per SMS beyond 500
 * per seat (5,000) = 100.003 + 0.02 max(0, x - 5000); C = $50 platform + $0.01 per SMS up to
 * 5,000, $0.02 above. d = 50.003 - 0.01 x up to 5,000, where it is 0.003 > 0 (no change of
 * sign), then 0.003 for every x above: the TCOs are equal to half a cent from 5,000 on, and
 * the lowest point of that interval is the break-even (d is never exactly 0). */
static void an_interval_of_equality_gives_its_lowest_point(void **state)
{
    (void)state;
    double root;
    assert_true(solve_in("scenario,months,seats,notifications\neq,1,10,1000\n",
                         "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                         "U,Allow,ucaas,seat,10,,,\n"
                         "U,Allow,ucaas,platform,0.003,,,\n"
                         "U,Allow,ucaas,sms,0.02,,,500\n"
                         "C,Tiers,cpaas,sms,0.01,0,5000,\n"
                         "C,Tiers,cpaas,sms,0.02,5000,,\n"
                         "C,Tiers,cpaas,platform,50,,,\n",
                         TCO_BREAKEVEN_NOTIFICATIONS, &root));
    assert_rel(root, 5000, 1e-12);
}

/* Whole seats, equal to half a cent: U seat $10, C seat $9.999 + platform $0.0105, one month:
 * d(n) = 0.001 n - 0.0105: d(5) = -0.0055, d(6) = -0.0045, within half a cent: 6 seats (the
 * sign would change only at 11). */
static void whole_seats_within_half_a_cent_are_equal(void **state)
{
    (void)state;
    double root;
    assert_true(solve_in("scenario,months,seats,notifications\nhalf,1,1,0\n",
                         "vendor,plan,model,item,price\n"
                         "U,Seat,ucaas,seat,10\n"
                         "C,Seat,cpaas,seat,9.999\n"
                         "C,Seat,cpaas,platform,0.0105\n",
                         TCO_BREAKEVEN_SEATS, &root));
    assert_rel(root, 6, 0);
}

/* Whole seats with growth: 3 months, seat_growth 50%: month-1 n seats, then whole(1.5 n) and
 * whole(2.25 n). U seat $10; C platform $100 a month = 300.
 *   n = 6: 6 + 9 + 14 (13.5 up) = 29 seats, d = 290 - 300 = -10
 *   n = 7: 7 + 11 (10.5 up) + 16 (15.75 up) = 34 seats, d = 340 - 300 = 40: 7 seats
 * (the relaxation with real seats, 10 x 4.75 n = 300, would say 6.3). */
static void whole_seats_with_growth_step_in_every_month(void **state)
{
    (void)state;
    double root;
    assert_true(solve_in("scenario,months,seats,seat_growth,notifications\ngrow,3,5,50%,0\n",
                         "vendor,plan,model,item,price\n"
                         "U,Seat,ucaas,seat,10\n"
                         "C,Flat,cpaas,platform,100\n",
                         TCO_BREAKEVEN_SEATS, &root));
    assert_rel(root, 7, 0);
}

/* Two roots in seats: U seat $1 with 100 SMS included per seat and $0.10 overage; 1,000
 * notifications a month (on U's whole plan); C $0.01 per SMS + $60 platform = 70. One month:
 *   n <= 10: U = n + 0.1 (1000 - 100 n) = 100 - 9 n, d = 30 - 9 n: d(3) = 3, d(4) = -6
 *   n > 10: U = n, d = n - 70: zero at 70.
 * The lowest is 4 seats, also when the trial's own seats (100) are above both roots. */
static void the_lowest_of_two_seat_roots(void **state)
{
    (void)state;
    const char *sheet = "vendor,plan,model,item,price,included\n"
                        "U,Allow,ucaas,seat,1,\n"
                        "U,Allow,ucaas,sms,0.10,100\n"
                        "C,Sms,cpaas,sms,0.01,\n"
                        "C,Sms,cpaas,platform,60,\n";
    const char *levels[] = {"scenario,months,seats,notifications\ns,1,100,1000\n",
                            "scenario,months,seats,notifications\ns,1,2,1000\n",
                            "scenario,months,seats,notifications\ns,1,50,1000\n"};
    for (size_t i = 0; i < 3; i++) {
        double root;
        assert_true(solve_in(levels[i], sheet, TCO_BREAKEVEN_SEATS, &root));
        assert_rel(root, 4, 0);
    }
}

/* SPEC §6 ties: cumulative costs within half a cent are equal. D_1 = 0.997 - 1 = -0.003 (a
 * tie: no order), D_2 = -0.003 + 1 = 0.997: the first strict order is "U dearer" and it stays:
 * no crossover (bit-exact comparison would call month 1 "U cheaper" and report month 2). */
static void cumulative_costs_within_half_a_cent_have_no_order(void **state)
{
    (void)state;
    const double u[] = {0.997, 2}, c[] = {1, 1};
    assert_int_equal(tco_breakeven_crossover_month(u, c, 2), 0);
    /* D: -0.006, +0.994: a real order in month 1, a crossover in month 2 */
    const double u2[] = {0.994, 2};
    assert_int_equal(tco_breakeven_crossover_month(u2, c, 2), 2);
}

/* p_crossover's Wilson 95% interval is honest where no trial crosses: 0 of n = 50 gives
 * [0, z^2 / (n + z^2)] = [0, 3.8415 / 53.8415] = [0, 0.0713]; every trial: [1 - 0.0713, 1]
 * (rounded differently: n / (n + z^2) = 0.9287 for 50 of 50). */
static void p_crossover_has_an_honest_interval(void **state)
{
    (void)state;
    world wd;
    load_world(&wd, "scenario,months,seats,notifications\nnever,12,10,10000\n",
               "vendor,plan,model,item,price\n"
               "U,Cheap,ucaas,seat,1\n"
               "C,Dear,cpaas,sms,0.007\n"
               "C,Dear,cpaas,platform,100\n");
    run_world(&wd, 0, 50, 1);
    tco_breakeven_pair p;
    pair0(&wd, &p);
    assert_int_equal(p.n_crossover, 0);
    assert_rel(p.p_crossover_lo, 0, 0);
    const double z2 = 1.959963984540054 * 1.959963984540054;
    assert_rel(p.p_crossover_hi, z2 / (50 + z2), 1e-9);
    free_world(&wd);
    load_world(&wd,
               "scenario,months,seats,notifications,engineer_rate,cpaas_build_hours\n"
               "build,48,10,10000,50,100\n",
               SEAT_VS_SMS);
    run_world(&wd, 0, 50, 1);
    pair0(&wd, &p);
    assert_int_equal(p.n_crossover, 50);
    assert_rel(p.p_crossover_hi, 1, 0);
    assert_rel(p.p_crossover_lo, 50 / (50 + z2), 1e-9);
    free_world(&wd);
}

/* ==== the sweep and "every cell at its mean" =============================================== */

static void sweep_at(const char *scn, const char *sheet, double seats, tco_sweep *sw, world *wd)
{
    load_world(wd, scn, sheet);
    tco_sweep_config cfg = {seats, seats, NAN, NAN, 2, 0};
    tco_sweep_run(&wd->f.items[0], &wd->p, &cfg, sw);
    assert_true(sw->n_seats >= 1);
    assert_int_equal(sw->n_pairs, 1);
}

/* The frontier finds the lowest root too: the issue's case at 10 seats gives 5,000 whether
 * the scenario's own volume is 1,000 or 20,000 (the old frontier printed "-"). */
static void the_sweep_frontier_finds_the_lowest_root(void **state)
{
    (void)state;
    const char *scns[] = {"scenario,months,seats,notifications\nat,1,10,1000\n",
                          "scenario,months,seats,notifications\nat,1,10,20000\n"};
    for (size_t i = 0; i < 2; i++) {
        world wd;
        tco_sweep sw;
        sweep_at(scns[i], ISSUE_SHEET_TIERS, 10, &sw, &wd);
        assert_rel(sw.seats[0], 10, 0);
        assert_rel(sw.frontier[0], 5000, 1e-12);
        tco_sweep_fini(&sw);
        free_world(&wd);
    }
}

/* Every cell at its mean folds spikes in as their expected factor: spike probability 0.5 x
 * multiplier uniform(2,4) (mean 3): 1 + 0.5 x (3 - 1) = 2 times the notifications every month.
 * Seat $20 x 10 = 200 a month against $0.007 x 2 N: N = 200 / 0.014 = 14,285.71. A price of
 * normal(0.007, 0.002) has mean 0.007 (clamped at 0 like its draws; 99.9% of it is above 0).
 * And volatility drops out (its walks have mean 1). */
static void every_cell_at_its_mean_folds_spikes_in(void **state)
{
    (void)state;
    world wd;
    tco_sweep sw;
    sweep_at("scenario,months,seats,notifications,volume_volatility,spike_probability,"
             "spike_multiplier\nspiky,12,10,\"uniform(5000,15000)\",0.4,0.5,\"uniform(2,4)\"\n",
             "vendor,plan,model,item,price\n"
             "U,Seat,ucaas,seat,20\n"
             "C,Sms,cpaas,sms,\"normal(0.007,0.002)\"\n",
             10, &sw, &wd);
    assert_rel(sw.frontier[0], 200 / 0.014, 1e-12);
    tco_sweep_fini(&sw);
    free_world(&wd);
}

/* SPEC §8.3: (ucaas:U, hybrid:U+C). U: seat $20 and SMS $0.02; C: SMS $0.007 and a $100
 * platform. 10 seats, 12 months, N notifications a month:
 *   TCO_U = 12 (200 + 0.02 N), TCO_H = 12 (200 + 0.007 N + 100): d = 12 (0.013 N - 100), so
 *   moving customer traffic to C pays from N = 100 / 0.013 = 7,692.31 notifications a month;
 *   d does not depend on seats (both pay the seats of U): no seat root, a blank cell. */
static void the_hybrid_of_the_same_ucaas_plan_breaks_even_at_7692_notifications(void **state)
{
    (void)state;
    world wd;
    load_world(&wd, "scenario,months,seats,notifications\nh,12,10,1000\n",
               "vendor,plan,model,item,price\n"
               "U,Seat,ucaas,seat,20\n"
               "U,Seat,ucaas,sms,0.02\n"
               "C,Sms,cpaas,sms,0.007\n"
               "C,Sms,cpaas,platform,100\n");
    run_world(&wd, 0, 200, 2);
    const tco_breakeven *b = tco_breakeven_find(&wd.r);
    assert_int_equal(tco_breakeven_n_pairs(b), 2);
    tco_breakeven_pair p;
    tco_breakeven_pair_get(b, 1, &p);
    assert_string_equal(wd.r.options.items[p.per_seat].name, "ucaas:U/Seat");
    assert_string_equal(wd.r.options.items[p.per_transaction].name, "hybrid:U/Seat+C/Sms");
    assert_int_equal(p.n_notifications, 200);
    assert_rel(p.notifications_p50, 100 / 0.013, 1e-3); /* the sketch's 0.1% */
    assert_int_equal(p.n_seats, 0);
    assert_true(isnan(p.seats_p50));
    /* at 1,000 notifications U costs 220 a month, H 307: H dearer in every month: none */
    assert_int_equal(p.n_crossover, 0);
    free_world(&wd);
}

/* SPEC §8.1 in the solver: seat $20 against SMS $0.007 with cpaas_cost_per_seat $15, 12 months:
 *   notifications (10 seats): TCO_U = 2,400, TCO_C = 12 (0.007 N + 150) = 0.084 N + 1,800,
 *   equal at N = 600 / 0.084 = 7,142.86;
 *   seats (1,000 notifications): TCO_U = 240 S, TCO_C = 12 (7 + 15 S) = 84 + 180 S, d(S) =
 *   60 S - 84: d(1) = -24, d(2) = +36: 2 whole seats. */
static void a_cpaas_cost_per_seat_moves_both_break_evens(void **state)
{
    (void)state;
    world wd;
    load_world(&wd, "scenario,months,seats,notifications,cpaas_cost_per_seat\nst,12,10,1000,15\n",
               SEAT_VS_SMS);
    double root;
    assert_true(solve_direct(&wd, TCO_BREAKEVEN_NOTIFICATIONS, &root));
    assert_rel(root, 600 / 0.084, 1e-10);
    assert_true(solve_direct(&wd, TCO_BREAKEVEN_SEATS, &root));
    assert_rel(root, 2, 0);
    free_world(&wd);
    /* With growth and noise the month's seats are whole(n x shape): the staff cost steps with
     * them. d(n) = sum_m (20 - 19) whole(n x shape_m) - 24 x 7: negative at 0, growing without
     * bound, so a root exists; solve_direct checks that d is within half a cent there or has
     * changed sign from n - 1. */
    load_world(&wd,
               "scenario,months,seats,seat_growth,seat_volatility,notifications,"
               "cpaas_cost_per_seat\nst,24,10,7%,0.1,1000,19\n",
               SEAT_VS_SMS);
    assert_true(solve_direct(&wd, TCO_BREAKEVEN_SEATS, &root));
    assert_true(root >= 1);
    free_world(&wd);
}

/* ==== determinism ========================================================================== */

static void summaries_are_identical_for_one_and_two_threads(void **state)
{
    (void)state;
    const char *scn =
        "scenario,months,seats,seat_growth,seat_volatility,internal_sms_per_seat,notifications,"
        "notification_growth,volume_volatility,spike_probability,spike_multiplier,engineer_rate,"
        "cpaas_build_hours,cpaas_maintenance_hours\n"
        "mix,24,\"uniform(5,40)\",1%,0.05,20,\"lognormal(30000,10000)\",2%,0.2,0.1,"
        "\"uniform(2,4)\",\"uniform(60,120)\",\"pert(50,100,300)\",5\n";
    const char *sheet = "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                        "U,A,ucaas,seat,\"uniform(15,40)\",,,\n"
                        "U,B,ucaas,seat,20,,,\n"
                        "U,B,ucaas,sms,0.0119,,,50\n"
                        "C,X,cpaas,sms,0.0083,0,150000,\n"
                        "C,X,cpaas,sms,0.0079,150000,,\n"
                        "C,Y,cpaas,sms,0.007,,,\n"
                        "C,Y,cpaas,platform,10,,,\n";
    world a, b;
    load_world(&a, scn, sheet);
    load_world(&b, scn, sheet);
    run_world(&a, 0, 5000, 1);
    run_world(&b, 0, 5000, 2);
    const tco_breakeven *ba = tco_breakeven_find(&a.r), *bb = tco_breakeven_find(&b.r);
    /* 2 UCaaS plans x (2 CPaaS plans + their 2 hybrids) */
    assert_int_equal(tco_breakeven_n_pairs(ba), 8);
    assert_int_equal(tco_breakeven_n_pairs(bb), 8);
    for (size_t i = 0; i < 8; i++) {
        tco_breakeven_pair pa, pb;
        tco_breakeven_pair_get(ba, i, &pa);
        tco_breakeven_pair_get(bb, i, &pb);
        assert_memory_equal(&pa, &pb, sizeof pa);
        assert_int_equal(pa.n_trials, 5000);
    }
    free_world(&a);
    free_world(&b);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(crossover_is_the_first_month_of_the_final_order),
        cmocka_unit_test(a_tie_does_not_change_the_order),
        cmocka_unit_test(seat_20_vs_sms_0_007_breaks_even_at_28571_notifications_and_1_seat),
        cmocka_unit_test(the_hybrid_of_the_same_ucaas_plan_breaks_even_at_7692_notifications),
        cmocka_unit_test(a_cpaas_cost_per_seat_moves_both_break_evens),
        cmocka_unit_test(a_cpaas_build_cost_crosses_in_month_39),
        cmocka_unit_test(a_pair_that_never_crosses_gives_blanks),
        cmocka_unit_test(tiers_and_allowances_put_the_root_on_the_right_piece),
        cmocka_unit_test(with_two_roots_the_one_below_the_trials_level_is_found),
        cmocka_unit_test(many_tiers_with_volatility_still_give_a_root_that_zeroes_d),
        cmocka_unit_test(the_lowest_of_two_roots_whatever_the_trials_level),
        cmocka_unit_test(the_lowest_of_three_roots_with_a_second_tier),
        cmocka_unit_test(a_cpaas_plan_without_sms_has_no_break_even_notifications),
        cmocka_unit_test(an_interval_of_equality_gives_its_lowest_point),
        cmocka_unit_test(whole_seats_within_half_a_cent_are_equal),
        cmocka_unit_test(whole_seats_with_growth_step_in_every_month),
        cmocka_unit_test(the_lowest_of_two_seat_roots),
        cmocka_unit_test(cumulative_costs_within_half_a_cent_have_no_order),
        cmocka_unit_test(p_crossover_has_an_honest_interval),
        cmocka_unit_test(the_sweep_frontier_finds_the_lowest_root),
        cmocka_unit_test(every_cell_at_its_mean_folds_spikes_in),
        cmocka_unit_test(summaries_are_identical_for_one_and_two_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
