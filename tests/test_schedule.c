/* SPDX-License-Identifier: MIT */
/* Tests of schedule (SPEC §12.1): every refusal of a schedule file with its exact message and
 * place, alone and against the scenarios; a step path priced to the cent month by month; the
 * noise applied on top of the plan; a distribution cell drawn once per trial (its mean within
 * standard errors); the exact break-even of a scheduled path (the whole path scaled by one
 * factor); the at-means model; the names sensitivity gives the schedule's cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"
#include "tco/breakeven.h"
#include "tco/cost.h"
#include "tco/option.h"
#include "tco/rng.h"
#include "tco/schedule.h"
#include "tco/workload.h"

/* ---- helpers --------------------------------------------------------------------------- */

/* Loads schedule text `csv` as "sc.csv"; returns the status, the diagnostics in *d. */
static tco_status load_schedule(const char *csv, tco_schedule *sc, tco_diag_list *d)
{
    tco_csv_table t;
    tco_csv_table_init(&t);
    tco_schedule_init(sc);
    tco_diag_list_init(d);
    tco_status st = tco_csv_load_buffer("sc.csv", csv, strlen(csv), &t, d);
    if (st == TCO_OK || (st == TCO_EDATA && t.header.n_fields > 0)) {
        const tco_status st2 = tco_schedule_from_table(&t, sc, d);
        if (st == TCO_OK || st2 == TCO_EUSAGE)
            st = st2;
    }
    tco_csv_table_fini(&t);
    return st;
}

/* One of the diagnostics, formatted, equals `want`. */
static void assert_first_diag(tco_diag_list *d, const char *want)
{
    assert_true(d->n >= 1);
    for (size_t i = 0; i < d->n; i++) {
        char *got = tco_diag_format(&d->items[i]);
        const bool same = strcmp(got, want) == 0;
        free(got);
        if (same)
            return;
    }
    char *got = tco_diag_format(&d->items[0]);
    fail_msg("got  %s (and %zu more)\nwant %s", got, d->n - 1, want);
    free(got);
}

/* A schedule alone that is refused with `want` as its first diagnostic and status st. */
static void assert_refused(const char *csv, tco_status st, const char *want)
{
    tco_schedule sc;
    tco_diag_list d;
    assert_int_equal(load_schedule(csv, &sc, &d), st);
    assert_first_diag(&d, want);
    tco_diag_list_fini(&d);
    tco_schedule_fini(&sc);
}

/* A good schedule bound to the scenarios of scenario text `scn` (file "scn.csv"). */
typedef struct bound {
    tco_scenario_file f;
    tco_schedule sc;
    tco_diag_list d;
    tco_status st;
} bound;

static void bind_text(bound *b, const char *scn, const char *sched, bool unknown_is_error)
{
    tu_scenarios(&b->f, scn);
    tco_diag_list d;
    tu_assert_loaded(load_schedule(sched, &b->sc, &d), &d);
    tco_diag_list_fini(&d);
    tco_diag_list_init(&b->d);
    b->st = tco_schedule_bind(&b->sc, &b->f, 1, unknown_is_error, &b->d);
}

static void bound_fini(bound *b)
{
    tco_diag_list_fini(&b->d);
    tco_schedule_fini(&b->sc);
    tco_scenario_file_fini(&b->f);
}

/* ---- refusals alone -------------------------------------------------------------------- */

static void a_bad_header_should_be_refused_with_its_place(void **state)
{
    (void)state;
    assert_refused("scenario,month,seats,colour\nx,1,10,red\n", TCO_EDATA,
                   "sc.csv:1:4: expected a schedule column (scenario, month, seats, "
                   "notifications, api_requests, note), got \"colour\" (see tcosim-scenario(5), "
                   "SCHEDULES)");
    /* a typo of the only level column: said once, not also as "no level column" */
    assert_refused("scenario,month,seat\nx,1,10\n", TCO_EDATA,
                   "sc.csv:1:3: expected a schedule column (did you mean seats?), got \"seat\"");
    assert_refused("scenario,month,seats,seat_growth\nx,1,10,2%\n", TCO_EDATA,
                   "sc.csv:1:4: expected a schedule column (scenario, month, seats, "
                   "notifications, api_requests, note), got the scenario column "
                   "\"seat_growth\", which belongs in the scenario file");
    assert_refused("scenario,month,seats,seats\nx,1,10,11\n", TCO_EDATA,
                   "sc.csv:1:4: seats: expected each column once, got a second \"seats\" (first "
                   "in column 3)");
    assert_refused("scenario,month,note\nx,1,hi\n", TCO_EDATA,
                   "sc.csv:1: expected at least one column of planned levels (seats, "
                   "notifications, api_requests), got none");
    /* no month column: not a schedule by its header, and what is missing is said */
    assert_refused("scenario,seats\nx,10\n", TCO_EDATA,
                   "sc.csv:1: month: expected a required column \"month\", got none");
}

static void a_good_file_in_the_wrong_place_should_be_a_usage_error(void **state)
{
    (void)state;
    assert_refused("scenario,months,seats\nx,12,10\n", TCO_EUSAGE,
                   "sc.csv:1: expected a schedule (\"scenario\" and \"month\" columns), got a "
                   "scenario file (a \"months\" column): give scenario files as the operands, a "
                   "schedule with --schedule FILE");
    assert_refused("vendor,plan,model,item,price\nV,P,ucaas,seat,20\n", TCO_EUSAGE,
                   "sc.csv:1: expected a schedule (\"scenario\" and \"month\" columns), got a "
                   "price sheet (\"vendor\" and \"item\" columns): give a price sheet with "
                   "--prices FILE, a schedule with --schedule FILE");
}

static void bad_months_should_be_refused(void **state)
{
    (void)state;
    static const struct {
        const char *cell, *want;
    } CASES[] = {
        {"0", "sc.csv:2:2: month: expected a whole month from 1 to 600 (the month the level "
              "starts), got \"0\""},
        {"601", "sc.csv:2:2: month: expected a whole month from 1 to 600 (the month the level "
                "starts), got \"601\""},
        {"2.5", "sc.csv:2:2: month: expected a whole month from 1 to 600 (the month the level "
                "starts), got \"2.5\""},
        {"7%", "sc.csv:2:2: month: expected a whole month from 1 to 600 (the month the level "
               "starts), got \"7%\""},
        {"uniform(1,3)", "sc.csv:2:2: month: expected a whole month from 1 to 600 (the month "
                         "the level starts), got \"uniform(1,3)\""},
        {"", "sc.csv:2:2: month: expected a whole month from 1 to 600 (the month the level "
             "starts), got \"\""},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char csv[128];
        snprintf(csv, sizeof csv, "scenario,month,seats\nx,\"%s\",10\n", CASES[i].cell);
        assert_refused(csv, TCO_EDATA, CASES[i].want);
    }
}

static void bad_rows_should_be_refused(void **state)
{
    (void)state;
    /* a month given twice for one scenario, at the second row, naming the first */
    assert_refused("scenario,month,seats\nx,4,10\ny,4,10\nx,4,12\n", TCO_EDATA,
                   "sc.csv:4:2: month: expected each month once for scenario x (line 2 has "
                   "month 4), got \"4\"");
    /* cells: the scenario loader's messages and ranges */
    assert_refused("scenario,month,seats\nx,4,2..%\n", TCO_EDATA,
                   "sc.csv:2:3: seats: expected a number at character 4, got \"2..%\"");
    assert_refused("scenario,month,notifications\nx,4,-5\n", TCO_EDATA,
                   "sc.csv:2:3: notifications: expected a count from 0 to 1e12, got \"-5\"");
    assert_refused("scenario,month,seats\nx,4,\"50,000\"\n", TCO_EDATA,
                   "sc.csv:2:3: seats: expected a number without thousands separators (write "
                   "50000), got \"50,000\"");
    assert_refused("scenario,month,seats\n ,4,10\n", TCO_EDATA,
                   "sc.csv:2:1: scenario: expected a scenario name, got \"\"");
    assert_refused("scenario,month,seats,notifications\nx,4,,\n", TCO_EDATA,
                   "sc.csv:2: expected a planned level in at least one of seats, notifications, "
                   "api_requests, got a row with none (a blank cell keeps the level)");
    assert_refused("scenario,month,seats\n", TCO_EDATA,
                   "sc.csv:1: expected at least one planned level after the header, got none");
}

static void a_good_schedule_should_keep_its_steps_in_order(void **state)
{
    (void)state;
    tco_schedule sc;
    tco_diag_list d;
    /* rows in any order; a blank cell is no change of that quantity at that month */
    tu_assert_loaded(load_schedule("scenario,month,seats,notifications,note\n"
                                   "b,2,5,,later\n"
                                   "a,10,20,8000,\n"
                                   "a,4,15,,hires\n"
                                   "a,7,,5000,launch\n",
                                   &sc, &d),
                     &d);
    assert_int_equal(sc.n_plans, 2);
    const tco_schedule_plan *a = &sc.plans[0];
    assert_string_equal(a->scenario, "a");
    assert_int_equal(a->n_steps, 4);
    assert_int_equal(a->steps[0].field, TCO_SCN_SEATS);
    assert_int_equal(a->steps[0].month, 4);
    assert_int_equal(a->steps[1].month, 10);
    assert_int_equal(a->steps[2].field, TCO_SCN_NOTIFICATIONS);
    assert_int_equal(a->steps[2].month, 7);
    assert_string_equal(a->steps[2].input, "schedule:notifications@7");
    assert_int_equal(a->steps[2].line, 5);
    assert_int_equal(a->steps[2].col, 4);
    assert_int_equal(a->n_rows, 3);
    assert_int_equal(a->rows[0].month, 4);
    assert_string_equal(sc.plans[1].scenario, "b");
    tco_diag_list_fini(&d);
    tco_schedule_fini(&sc);
}

/* ---- refusals against the scenarios ----------------------------------------------------- */

#define SCN "scenario,months,seats,seat_growth,notifications,notification_growth\n" \
            "a,12,10,0,0,\n"                                                        \
            "g,12,10,2%,100,1%\n"

static void a_schedule_should_be_checked_against_its_scenarios(void **state)
{
    (void)state;
    bound b;
    bind_text(&b, SCN, "scenario,month,seats\nzz,4,10\n", true);
    assert_int_equal(b.st, TCO_EDATA);
    assert_first_diag(&b.d, "sc.csv:2:1: scenario: expected the name of a scenario in the run's "
                            "scenario files, got \"zz\"");
    bound_fini(&b);
    /* once per unknown name, at its first line (not its first month); "ab" is no typo of a */
    bind_text(&b, SCN, "scenario,month,seats\nab,9,10\nab,2,12\n", true);
    assert_int_equal(b.d.n, 1);
    assert_first_diag(&b.d, "sc.csv:2:1: scenario: expected the name of a scenario in the run's "
                            "scenario files, got \"ab\"");
    bound_fini(&b);
    /* a scenario file of the run was refused: it may have had zz */
    bind_text(&b, SCN, "scenario,month,seats\nzz,4,10\n", false);
    assert_int_equal(b.st, TCO_OK);
    bound_fini(&b);

    bind_text(&b, SCN, "scenario,month,seats\na,4,10\na,13,12\n", true);
    assert_int_equal(b.st, TCO_EDATA);
    assert_first_diag(&b.d, "sc.csv:3:2: month: expected a month from 1 to 12 (scenario a of "
                            "scn.csv has 12 months), got \"13\"");
    bound_fini(&b);

    /* SPEC §12.1: a scheduled quantity's growth column must be 0 or absent */
    bind_text(&b, SCN, "scenario,month,notifications,seats\ng,4,,10\ng,6,200,\n", true);
    assert_int_equal(b.st, TCO_EDATA);
    assert_int_equal(b.d.n, 2);
    assert_first_diag(&b.d, "sc.csv:2:4: seats: expected seat_growth 0 or absent in scenario g "
                            "(scn.csv line 3), got a schedule of seats beside it: the schedule "
                            "replaces the growth; set seat_growth to 0 or remove it");
    bound_fini(&b);

    /* a growth of 0 (a and its blank notification_growth) is fine */
    bind_text(&b, SCN, "scenario,month,notifications,seats\na,4,5,10\n", true);
    assert_int_equal(b.st, TCO_OK);
    assert_int_equal(b.f.items[0].n_steps, 2);
    assert_int_equal(b.f.items[1].n_steps, 0);
    bound_fini(&b);
}

/* ---- the path, to the cent --------------------------------------------------------------- */

/* 12 months, 10 seats and no notifications; the plan: 15 seats from month 4, 5,000
 * notifications from month 7, 20 seats and 8,000 notifications from month 10. */
#define PLAN_SCN "scenario,months,seats,notifications\nplan,12,10,0\n"
#define PLAN "scenario,month,seats,notifications\n" \
             "plan,4,15,\nplan,7,,5000\nplan,10,20,8000\n"
/* U: $20 a seat and $0.02 an SMS; C: $0.01 an SMS and a $100 platform. */
#define PLAN_SHEET "vendor,plan,model,item,price\n" \
                   "U,Seat,ucaas,seat,20\nU,Seat,ucaas,sms,0.02\n" \
                   "C,Api,cpaas,sms,0.01\nC,Api,cpaas,platform,100\n"

typedef struct trial {
    bound b;
    tco_prices p;
    tco_option_set set;
    tco_workload w;
    tco_cost_ws ws;
    double *draws;
    gsl_rng *r;
} trial;

static void trial_run(trial *t, const char *scn, const char *sched, const char *sheet)
{
    bind_text(&t->b, scn, sched, true);
    tu_assert_loaded(t->b.st, &t->b.d);
    tu_prices(&t->p, sheet);
    const tco_scenario *s = &t->b.f.items[0];
    t->r = tco_rng_alloc();
    tco_rng_seed_stream(t->r, 1, 2, 3);
    tco_options_build(&t->set, &t->p, s);
    tco_workload_init(&t->w, s->months);
    tco_cost_ws_init(&t->ws, t->p.n_plans, t->set.n, s->months);
    t->draws = calloc(t->p.n_values + 1, sizeof *t->draws);
    assert_non_null(t->draws);
    tco_workload_sample(&t->w, s, t->r);
    tco_prices_draw(&t->p, t->r, t->draws);
    tco_cost_trial(&t->ws, &t->p, &t->set, t->draws, &t->w);
}

static void trial_fini(trial *t)
{
    tco_cost_ws_fini(&t->ws);
    tco_workload_fini(&t->w);
    tco_options_fini(&t->set);
    free(t->draws);
    gsl_rng_free(t->r);
    tco_prices_fini(&t->p);
    bound_fini(&t->b);
}

static size_t option_index(const tco_option_set *set, const char *name)
{
    for (size_t o = 0; o < set->n; o++)
        if (strcmp(set->items[o].name, name) == 0)
            return o;
    fail_msg("no option %s", name);
    return 0;
}

static void a_step_path_should_be_priced_to_the_cent(void **state)
{
    (void)state;
    trial t;
    trial_run(&t, PLAN_SCN, PLAN, PLAN_SHEET);
    /* month by month (months 1-3, 4-6, 7-9, 10-12):
     *   seats          10, 15, 15, 20;   notifications 0, 0, 5,000, 8,000
     *   ucaas:U/Seat   20 x seats + 0.02 x notifications:
     *                  200, 300, 300 + 100 = 400, 400 + 160 = 560
     *   cpaas:C/Api    100 + 0.01 x notifications:        100, 100, 150, 180
     *   hybrid         20 x seats + 100 + 0.01 x notif.:  300, 400, 450, 580
     * TCO: 3 x (200 + 300 + 400 + 560) = 4,380; 3 x (100 + 100 + 150 + 180) = 1,590;
     *      3 x (300 + 400 + 450 + 580) = 5,190 */
    static const struct {
        const char *option;
        double by_quarter[4], tco;
    } WANT[] = {{"ucaas:U/Seat", {200, 300, 400, 560}, 4380},
                {"cpaas:C/Api", {100, 100, 150, 180}, 1590},
                {"hybrid:U/Seat+C/Api", {300, 400, 450, 580}, 5190}};
    for (size_t k = 0; k < 3; k++) {
        const size_t o = option_index(&t.set, WANT[k].option);
        assert_true(t.set.items[o].offered); /* notifications from month 7 are usage */
        for (int m = 1; m <= 12; m++)
            tu_assert_cents(t.ws.monthly[o * 12 + (size_t)(m - 1)],
                            WANT[k].by_quarter[(m - 1) / 3]);
        tu_assert_cents(t.ws.total[o], WANT[k].tco);
    }
    /* the planned path itself: whole seats, and the reference level of notifications is
     * month 7's (month 1 has none) */
    static const double SEATS[12] = {10, 10, 10, 15, 15, 15, 15, 15, 15, 20, 20, 20};
    for (int i = 0; i < 12; i++)
        assert_true(t.w.seats[i] == SEATS[i]);
    assert_true(t.w.draws[TCO_SCN_NOTIFICATIONS] == 5000);
    assert_true(t.w.draws[TCO_SCN_SEATS] == 10);
    trial_fini(&t);
}

static void break_even_should_scale_the_whole_path(void **state)
{
    (void)state;
    trial t;
    trial_run(&t, PLAN_SCN, PLAN, PLAN_SHEET);
    const size_t u = option_index(&t.set, "ucaas:U/Seat");
    const size_t h = option_index(&t.set, "hybrid:U/Seat+C/Api");
    const size_t c = option_index(&t.set, "cpaas:C/Api");
    tco_breakeven_solver *sv = tco_breakeven_solver_alloc();
    /* ucaas vs hybrid, notifications: the path x (0, 0, 1, 1.6) by quarter, 3 months each:
     * 7.8 x notification-months; U bills 0.02, H 0.01 and $100 x 12: equal at
     * 0.01 x 7.8 x = 1,200, x = 15,384.615... (month 7's level, the first that is not 0) */
    tco_breakeven_problem pb = {&t.p, &t.set.items[u], &t.set.items[h], t.draws, &t.w, &t.ws};
    double root;
    assert_true(tco_breakeven_solve(sv, &pb, TCO_BREAKEVEN_NOTIFICATIONS, &root));
    assert_true(fabs(root - 1200 / 0.078) < 1e-6);
    /* ucaas vs cpaas, seats: the path n x (1, 1.5, 1.5, 2), whole seats; d(n) = 20 x 3 x
     * (n + 2 whole(1.5 n) + whole(2 n)) + 780 - 1,590: n = 2 bills 2, 3, 3, 4 seats (720 - 810
     * = -90), n = 3 bills 3, 5, 5, 6 (1,140 - 810 = 330): the root is 3 */
    pb.c = &t.set.items[c];
    assert_true(tco_breakeven_solve(sv, &pb, TCO_BREAKEVEN_SEATS, &root));
    assert_true(root == 3);
    assert_true(fabs(tco_breakeven_difference(&pb, TCO_BREAKEVEN_SEATS, 2) - -90) < 1e-9);
    assert_true(fabs(tco_breakeven_difference(&pb, TCO_BREAKEVEN_SEATS, 3) - 330) < 1e-9);
    tco_breakeven_solver_free(sv);
    trial_fini(&t);
}

/* Noise and spikes apply on top of the plan: with the same workload stream, a scheduled path
 * is the unscheduled one (no growth) times P(m) / P(1), month by month; the schedule's own
 * stream leaves the workload's draws alone even when a level is a distribution. */
static void noise_should_apply_on_top_of_the_plan(void **state)
{
    (void)state;
    static const char SCN2[] = "scenario,months,seats,seat_volatility,notifications,"
                               "volume_volatility,spike_probability,spike_multiplier\n"
                               "n,24,40,0.1,1000,0.2,0.3,\"uniform(2,4)\"\n";
    static const char PLAN2[] = "scenario,month,seats,notifications\n"
                                "n,6,\"uniform(60,80)\",\n"
                                "n,12,,4000\n";
    bound a, b;
    bind_text(&a, SCN2, PLAN2, true);
    tu_assert_loaded(a.st, &a.d);
    tu_scenarios(&b.f, SCN2);
    tco_workload wa, wb;
    tco_workload_init(&wa, 24);
    tco_workload_init(&wb, 24);
    gsl_rng *r = tco_rng_alloc();
    for (uint64_t trial_no = 0; trial_no < 20; trial_no++) {
        tco_rng_seed_stream(r, 7, 8, trial_no);
        tco_workload_seed_schedule(&wa, 7, 8, trial_no);
        tco_workload_sample(&wa, &a.f.items[0], r);
        tco_rng_seed_stream(r, 7, 8, trial_no);
        tco_workload_sample(&wb, &b.f.items[0], r);
        assert_int_equal(wa.n_steps, 2);
        const double planned = wa.step_draws[0]; /* seats from month 6 */
        assert_true(planned >= 60 && planned <= 80);
        for (int i = 0; i < 24; i++) {
            const double seat_plan = i + 1 >= 6 ? planned / 40 : 1;
            const double notif_plan = i + 1 >= 12 ? 4 : 1;
            assert_true(fabs(wa.seat_shape[i] - wb.seat_shape[i] * seat_plan) <=
                        1e-12 * wb.seat_shape[i] * seat_plan);
            assert_true(fabs(wa.notifications[i] - wb.notifications[i] * notif_plan) <=
                        1e-9 * wb.notifications[i] * notif_plan);
        }
    }
    gsl_rng_free(r);
    tco_workload_fini(&wa);
    tco_workload_fini(&wb);
    bound_fini(&a);
    tco_scenario_file_fini(&b.f);
}

/* A distribution cell is drawn once per trial: seats uniform(10,30) from month 4 bill whole
 * seats 11..30 with equal probability (E = 20.5, variance (20^2 - 1) / 12 = 33.25) in months
 * 4-12, 10 seats before: TCO = 20 x (3 x 10 + 9 x whole) = 600 + 180 whole, mean 4,290, sd
 * 180 x 5.766 = 1,037.9. The engine's mean lies within 4 standard errors (false alarm 6e-5). */
static void a_distribution_cell_should_have_its_mean(void **state)
{
    (void)state;
    bound b;
    bind_text(&b, "scenario,months,seats\nd,12,10\n",
              "scenario,month,seats\nd,4,\"uniform(10,30)\"\n", true);
    tu_assert_loaded(b.st, &b.d);
    tco_prices p;
    tu_prices(&p, "vendor,plan,model,item,price\nU,Seat,ucaas,seat,20\n");
    tco_result r;
    tu_run(&b.f.items[0], &p, 20000, 11, 2, &r);
    const size_t o = tu_option(&r, "ucaas:U/Seat");
    const double se = tco_moments_sem(&r.per_option[o].tco);
    assert_true(fabs(se - 1037.9 / sqrt(20000)) < 0.05 * se);
    if (!(fabs(r.per_option[o].tco.mean - 4290) < 4 * se))
        fail_msg("mean %.2f, want 4290 within 4 x %.2f", r.per_option[o].tco.mean, se);
    /* the same for any thread count (the schedule's stream is per block) */
    tco_result r1;
    tu_run(&b.f.items[0], &p, 20000, 11, 1, &r1);
    assert_true(r1.per_option[o].tco.mean == r.per_option[o].tco.mean);
    tco_result_fini(&r1);
    tco_result_fini(&r);
    tco_prices_fini(&p);
    bound_fini(&b);
}

/* "Every cell at its mean" takes a planned level's mean: uniform(10,30) is 20 seats. */
static void the_mean_model_should_take_the_levels_means(void **state)
{
    (void)state;
    bound b;
    bind_text(&b, "scenario,months,seats\nd,12,10\n",
              "scenario,month,seats\nd,4,\"uniform(10,30)\"\n", true);
    tco_prices p;
    tu_prices(&p, "vendor,plan,model,item,price\nU,Seat,ucaas,seat,20\n");
    tco_option_set set;
    tco_options_build(&set, &p, &b.f.items[0]);
    tco_mean_trial t;
    tco_mean_trial_init(&t, &b.f.items[0], &p, &set);
    /* 20 x (3 x 10 + 9 x 20) = 4,200 */
    tu_assert_cents(t.cost.total[0], 4200);
    assert_true(t.w.seats[3] == 20);
    tco_mean_trial_fini(&t);
    tco_options_fini(&set);
    tco_prices_fini(&p);
    bound_fini(&b);
}

static void sensitivity_should_see_the_distribution_cells_by_name(void **state)
{
    (void)state;
    bound b;
    bind_text(&b, "scenario,months,seats,notifications\nd,12,10,0\n",
              "scenario,month,seats,notifications\n"
              "d,4,\"uniform(10,30)\",100\nd,9,12,\"ci90(1000,3000)\"\n",
              true);
    const tco_scenario *s = &b.f.items[0];
    assert_int_equal(tco_schedule_n_inputs(s), 2);
    assert_string_equal(s->steps[tco_schedule_input(s, 0)].input, "schedule:seats@4");
    assert_string_equal(s->steps[tco_schedule_input(s, 1)].input, "schedule:notifications@9");
    assert_int_equal(tco_schedule_input(s, 2), s->n_steps);
    /* rule 3 reads month 1: the scenario's cell, none planned there */
    assert_true(tco_scenario_month1_mean(s, TCO_SCN_NOTIFICATIONS) == 0);
    assert_true(tco_scenario_has(s, TCO_SCN_NOTIFICATIONS));
    /* break-even reads the plan at its first month with notifications: month 4, 100 */
    double level;
    assert_int_equal(tco_scenario_reference_month(s, TCO_SCN_NOTIFICATIONS, &level), 4);
    assert_true(level == 100);
    assert_int_equal(tco_scenario_reference_month(s, TCO_SCN_SEATS, &level), 1);
    assert_true(level == 10);
    bound_fini(&b);
}

static void the_columns_should_be_listed(void **state)
{
    (void)state;
    assert_int_equal(tco_schedule_n_columns(), 6);
    assert_string_equal(tco_schedule_column(0), "scenario");
    assert_string_equal(tco_schedule_column(4), "api_requests");
    assert_null(tco_schedule_column(6));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_bad_header_should_be_refused_with_its_place),
        cmocka_unit_test(a_good_file_in_the_wrong_place_should_be_a_usage_error),
        cmocka_unit_test(bad_months_should_be_refused),
        cmocka_unit_test(bad_rows_should_be_refused),
        cmocka_unit_test(a_good_schedule_should_keep_its_steps_in_order),
        cmocka_unit_test(a_schedule_should_be_checked_against_its_scenarios),
        cmocka_unit_test(a_step_path_should_be_priced_to_the_cent),
        cmocka_unit_test(break_even_should_scale_the_whole_path),
        cmocka_unit_test(noise_should_apply_on_top_of_the_plan),
        cmocka_unit_test(a_distribution_cell_should_have_its_mean),
        cmocka_unit_test(the_mean_model_should_take_the_levels_means),
        cmocka_unit_test(sensitivity_should_see_the_distribution_cells_by_name),
        cmocka_unit_test(the_columns_should_be_listed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
