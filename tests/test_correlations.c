/* SPDX-License-Identifier: MIT */
/* Unit tests for correlations (SPEC §12.3): a good file read into its rows, every kind of bad
 * row and file refused at its place, the checks against the scenarios (unknown scenario, an
 * input that holds a number, a pair given for every scenario and for one, a matrix that is not
 * positive definite located at its row), the copula built for a scenario, and the workload
 * drawn through it: the correlated inputs get their Spearman correlation within 3 standard
 * errors while every other draw is exactly what it is without correlations. */
#include "tco/correlations.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "tco/rng.h"
#include "tco/workload.h"
#include "testutil.h"

static const char SCENARIOS[] =
    "scenario,months,seats,seat_growth,notifications,notification_growth,cpaas_build_hours,"
    "cpaas_maintenance_hours,engineer_rate\n"
    "grow,24,40,\"pert(0%,1.5%,3%)\",\"lognormal(20000,4000)\",\"pert(0%,2%,4%)\","
    "\"pert(300,600,1200)\",\"uniform(10,30)\",90\n"
    "flat,24,40,1%,\"lognormal(20000,4000)\",1%,500,20,90\n";

/* Reads csv as a correlations file; returns its status, diagnostics in *d. */
static tco_status read_file(const char *csv, tco_correlations *c, tco_diag_list *d)
{
    tco_csv_table t;
    tco_csv_table_init(&t);
    tco_diag_list_init(d);
    tco_correlations_init(c);
    tco_status st = tco_csv_load_buffer("c.csv", csv, strlen(csv), &t, d);
    if (st == TCO_OK)
        st = tco_correlations_from_table(&t, c, d);
    tco_csv_table_fini(&t);
    return st;
}

/* The one diagnostic of d formatted, or fails. Caller frees. */
static char *only_message(const tco_diag_list *d)
{
    if (d->n != 1) {
        for (size_t i = 0; i < d->n; i++) {
            char *s = tco_diag_format(&d->items[i]);
            fprintf(stderr, "%s\n", s);
            free(s);
        }
        fail_msg("expected 1 diagnostic, got %zu", d->n);
    }
    return tco_diag_format(&d->items[0]);
}

static void assert_starts(const char *got, const char *want)
{
    if (strncmp(got, want, strlen(want)) != 0)
        fail_msg("got      %s\nexpected %s...", got, want);
}

static void good_file_gives_its_rows(void **state)
{
    (void)state;
    tco_correlations c;
    tco_diag_list d;
    /* columns in any order, a note, a blank scenario, a % correlation */
    assert_int_equal(read_file("note,rank_correlation,input_b,input_a,scenario\n"
                               "why,0.8,notification_growth,seat_growth,grow\n"
                               ",-50%,cpaas_maintenance_hours,cpaas_build_hours,\n",
                               &c, &d),
                     TCO_OK);
    assert_int_equal(d.n, 0);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.items[0].scenario, "grow");
    assert_int_equal(c.items[0].a, TCO_SCN_SEAT_GROWTH);
    assert_int_equal(c.items[0].b, TCO_SCN_NOTIFICATION_GROWTH);
    assert_true(c.items[0].rank == 0.8);
    /* 2 sin(0.8 pi / 6) = 2 sin(0.41888) = 2 x 0.40674 = 0.81347 */
    assert_true(fabs(c.items[0].normal - 0.8134732862) < 1e-9);
    assert_null(c.items[1].scenario);
    assert_true(c.items[1].rank == -0.5);
    assert_int_equal(c.items[1].line, 3);
    assert_int_equal(c.col_rank, 2);
    assert_int_equal(c.n_named, 1);
    assert_int_equal(c.n_every, 1);
    tco_correlations_fini(&c);
    tco_diag_list_fini(&d);
    /* no scenario column: every row for every scenario */
    assert_int_equal(read_file("input_a,input_b,rank_correlation\nseats,notifications,0.3\n", &c,
                               &d),
                     TCO_OK);
    assert_int_equal(c.n_every, 1);
    assert_int_equal(c.col_scenario, 0);
    tco_correlations_fini(&c);
    tco_diag_list_fini(&d);
    tco_correlations_fini(NULL);
}

/* Each bad row alone, with its exact line. */
static void bad_rows_are_refused_at_their_place(void **state)
{
    (void)state;
    static const struct {
        const char *row;
        const char *message;
    } cases[] = {
        {"grow,seat_growht,notifications,0.5",
         "c.csv:2:2: input_a: expected a scenario column drawn once per trial (such as seats), "
         "got \"seat_growht\" (did you mean seat_growth?)"},
        {"grow,seats,xyzzy_plugh_frobnicate,0.5",
         "c.csv:2:3: input_b: expected a scenario column drawn once per trial (such as seats), "
         "got \"xyzzy_plugh_frobnicate\" (an unknown column: see tcosim-scenario(5))"},
        {"grow,months,seats,0.5",
         "c.csv:2:2: input_a: expected a scenario column drawn once per trial (such as seats), "
         "got \"months\" (a whole number, never a distribution)"},
        {"grow,seats,spike_multiplier,0.5",
         "c.csv:2:3: input_b: expected a scenario column drawn once per trial (such as seats), "
         "got \"spike_multiplier\" (drawn afresh for each spike, not once per trial)"},
        {"grow,workflow_deviation,seats,0.5",
         "c.csv:2:2: input_a: expected a scenario column drawn once per trial (such as seats), "
         "got \"workflow_deviation\" (a decision-rule input, read as its mean)"},
        {"grow,note,seats,0.5",
         "c.csv:2:2: input_a: expected a scenario column drawn once per trial (such as seats), "
         "got \"note\" (not a number)"},
        {"grow,,seats,0.5",
         "c.csv:2:2: input_a: expected a scenario column drawn once per trial (such as seats), "
         "got \"\""},
        {"grow,seats,seats,0.5",
         "c.csv:2:3: input_b: expected an input other than input_a (seats), got \"seats\" (an "
         "input paired with itself: its correlation is 1 by definition)"},
        {"grow,seats,notifications,1",
         "c.csv:2:4: rank_correlation: expected a rank correlation above -1 and below 1, got "
         "\"1\" (1 or -1 would make one input a function of the other; write 0.99 for nearly "
         "so)"},
        {"grow,seats,notifications,-1.5",
         "c.csv:2:4: rank_correlation: expected a rank correlation above -1 and below 1, got "
         "\"-1.5\" (if you meant -1.5%, write -0.015)"},
        {"grow,seats,notifications,150%",
         "c.csv:2:4: rank_correlation: expected a rank correlation above -1 and below 1, got "
         "\"150%\" (out of range)"},
        {"grow,seats,notifications,strong",
         "c.csv:2:4: rank_correlation: expected a rank correlation above -1 and below 1, got "
         "\"strong\" (not a number)"},
        {"grow,seats,notifications,",
         "c.csv:2:4: rank_correlation: expected a rank correlation above -1 and below 1, got "
         "\"\" (not a number)"},
        {"grow,seats,notifications,\"0,5\"",
         "c.csv:2:4: rank_correlation: expected a decimal point, not a comma (write 0.5), got "
         "\"0,5\""},
        {"grow,seats,notifications,\"uniform(0,1)\"",
         "c.csv:2:4: rank_correlation: expected a rank correlation above -1 and below 1, got "
         "\"uniform(0,1)\" (a correlation is one number, not a distribution)"},
        {"grow,seats,notifications,nan",
         "c.csv:2:4: rank_correlation: expected a rank correlation above -1 and below 1, got "
         "\"nan\" (not a number)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char csv[256];
        snprintf(csv, sizeof csv, "scenario,input_a,input_b,rank_correlation\n%s\n",
                 cases[i].row);
        tco_correlations c;
        tco_diag_list d;
        assert_int_equal(read_file(csv, &c, &d), TCO_EDATA);
        assert_int_equal(c.n, 0);
        char *m = only_message(&d);
        if (strcmp(m, cases[i].message) != 0)
            fail_msg("row %s\ngot      %s\nexpected %s", cases[i].row, m, cases[i].message);
        free(m);
        tco_correlations_fini(&c);
        tco_diag_list_fini(&d);
    }
}

static void headers_and_misplaced_files_are_refused(void **state)
{
    (void)state;
    static const struct {
        const char *csv;
        tco_status status;
        const char *message;
    } cases[] = {
        {"scenario,input_a,input_b,rho\ns,seats,notifications,0.5\n", TCO_EDATA, NULL},
        {"scenario,input_a,rank_correlation\ns,seats,0.5\n", TCO_EDATA,
         "c.csv:1: input_b: expected a required column \"input_b\", got none"},
        {"scenario,months,seats\ns,12,10\n", TCO_EUSAGE,
         "c.csv:1: expected a correlations file (scenario, input_a, input_b, rank_correlation "
         "columns), got a scenario file (\"scenario\" and \"months\" columns): give scenario "
         "files as the operands"},
        {"vendor,plan,model,item,price\nV,P,ucaas,seat,20\n", TCO_EUSAGE,
         "c.csv:1: expected a correlations file (scenario, input_a, input_b, rank_correlation "
         "columns), got a price sheet (\"vendor\" and \"item\" columns): give it with --prices "
         "FILE"},
        {"scenario,input_a,input_b,rank_correlation,input_a\ns,seats,notifications,0.5,x\n",
         TCO_EDATA,
         "c.csv:1:5: input_a: expected each column once, got a second \"input_a\" (first in "
         "column 2)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tco_correlations c;
        tco_diag_list d;
        assert_int_equal(read_file(cases[i].csv, &c, &d), cases[i].status);
        if (cases[i].message) {
            char *m = only_message(&d);
            assert_string_equal(m, cases[i].message);
            free(m);
        } else {
            /* unknown column "rho", then the required rank_correlation missing */
            assert_int_equal(d.n, 2);
            char *m = tco_diag_format(&d.items[0]);
            assert_string_equal(m, "c.csv:1:4: expected a correlations column (scenario, "
                                   "input_a, input_b, rank_correlation, note), got \"rho\"");
            free(m);
        }
        tco_correlations_fini(&c);
        tco_diag_list_fini(&d);
    }
}

static void a_pair_twice_is_refused_at_the_second(void **state)
{
    (void)state;
    tco_correlations c;
    tco_diag_list d;
    /* the same pair either way round, for the same scenario; another scenario's and the row
     * for every scenario are other pairs */
    assert_int_equal(read_file("scenario,input_a,input_b,rank_correlation\n"
                               "grow,seats,notifications,0.5\n"
                               "flat,seats,notifications,0.5\n"
                               ",seats,notifications,0.5\n"
                               "grow,notifications,seats,0.4\n",
                               &c, &d),
                     TCO_EDATA);
    char *m = only_message(&d);
    assert_string_equal(m, "c.csv:5:2: input_a: expected each pair once per scenario, got "
                           "notifications and seats again (line 2 has them)");
    free(m);
    assert_int_equal(c.n, 3); /* the second is left out */
    tco_correlations_fini(&c);
    tco_diag_list_fini(&d);
}

/* Reads csv and checks it against SCENARIOS (or none); *d gets every diagnostic. */
static tco_status check_against(const char *csv, bool with_scenarios, tco_correlations *c,
                                tco_diag_list *d, tco_scenario_file *f)
{
    tco_status st = read_file(csv, c, d);
    tu_scenarios(f, SCENARIOS);
    tco_status st2 = tco_correlations_check(c, f, with_scenarios ? 1 : 0, d);
    return st != TCO_OK ? st : st2;
}

static void checks_against_the_scenarios(void **state)
{
    (void)state;
    gsl_set_error_handler_off();
    static const struct {
        const char *rows;
        const char *message;
    } cases[] = {
        {"grwo,seat_growth,notification_growth,0.5",
         "c.csv:2:1: scenario: expected a scenario of the run or blank for every scenario, got "
         "\"grwo\" (no scenario file of the run has it)"},
        {"grow,seats,notification_growth,0.5",
         "c.csv:2:2: input_a: expected a column holding a distribution in scenario \"grow\", "
         "got \"seats\" (it is the number 40 there, which nothing can move)"},
        {",cpaas_build_hours,cpaas_maintenance_hours,0.6\n"
         "grow,cpaas_maintenance_hours,cpaas_build_hours,0.6",
         "c.csv:3:2: input_a: expected each pair once per scenario, got "
         "cpaas_maintenance_hours and cpaas_build_hours for scenario \"grow\" again (line 2 "
         "gives them for every scenario)"},
        /* the case: 0.9, 0.9, -0.9. Without the third row the pair left out is 0,
         * which 0.9 and 0.9 already forbid (1 - 2 x 0.908^2 < 0), so the refusal is at line
         * 3, after which no prefix of the rows can hold */
        {"grow,seat_growth,notification_growth,0.9\n"
         "grow,seat_growth,cpaas_build_hours,0.9\n"
         "grow,notification_growth,cpaas_build_hours,-0.9",
         "c.csv:3:4: rank_correlation: expected correlations that can hold at once in scenario "
         "\"grow\" (a positive definite matrix of normal correlations, a pair not given being "
         "0), got \"0.9\", which cannot hold with lines 2 and 4 among seat_growth, "
         "cpaas_build_hours and notification_growth (two inputs that both follow a third "
         "closely cannot be unrelated or move apart)"},
        /* 0.9, 0.9 and 0.8: the first two alone cannot hold, the third makes them fit: with
         * normal correlations 0.908, 0.908 and 0.813 the determinant is
         * 1 + 2 (0.824)(0.813) - 2 (0.824) - 0.813^2 = 0.031 > 0 (and 0.6, 0.618, gives
         * -0.012: refused) */
        {"grow,seat_growth,notification_growth,0.9\n"
         "grow,seat_growth,cpaas_build_hours,0.9\n"
         "grow,notification_growth,cpaas_build_hours,0.8",
         NULL},
        /* rows for every scenario where only one scenario holds both: applies to it alone */
        {",notifications,cpaas_build_hours,0.5\n,seat_growth,notification_growth,-0.7", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char csv[1024];
        snprintf(csv, sizeof csv, "scenario,input_a,input_b,rank_correlation\n%s\n",
                 cases[i].rows);
        tco_correlations c;
        tco_diag_list d;
        tco_scenario_file f;
        tco_status st = check_against(csv, true, &c, &d, &f);
        if (cases[i].message) {
            assert_int_equal(st, TCO_EDATA);
            char *m = only_message(&d);
            if (strcmp(m, cases[i].message) != 0)
                fail_msg("rows %s\ngot      %s\nexpected %s", cases[i].rows, m,
                         cases[i].message);
            free(m);
        } else {
            if (st != TCO_OK || d.n != 0)
                fail_msg("rows %s refused (%zu diagnostics)", cases[i].rows, d.n);
        }
        tco_correlations_fini(&c);
        tco_diag_list_fini(&d);
        tco_scenario_file_fini(&f);
    }
}

static void a_row_for_every_scenario_that_fits_none_is_a_warning(void **state)
{
    (void)state;
    tco_correlations c;
    tco_diag_list d;
    tco_scenario_file f;
    /* seats is a number in both scenarios */
    tco_status st = check_against("scenario,input_a,input_b,rank_correlation\n"
                                  ",seats,notifications,0.5\n",
                                  true, &c, &d, &f);
    assert_int_equal(st, TCO_OK);
    assert_int_equal(d.n, 1);
    assert_true(d.items[0].warning);
    char *m = tco_diag_format(&d.items[0]);
    assert_string_equal(m, "c.csv:2:2: warning: no scenario of the run holds both seats and "
                           "notifications as distributions, so this row correlates nothing");
    free(m);
    tco_correlations_fini(&c);
    tco_diag_list_fini(&d);
    tco_scenario_file_fini(&f);
}

/* validate of the file alone: each scenario named with the rows for every scenario, as if
 * every input held a distribution; seats (a number in the scenarios) is then fine */
static void alone_every_input_counts_as_a_distribution(void **state)
{
    (void)state;
    gsl_set_error_handler_off();
    tco_correlations c;
    tco_diag_list d;
    tco_scenario_file f;
    tco_status st = check_against("scenario,input_a,input_b,rank_correlation\n"
                                  "nowhere,seats,notifications,0.9\n"
                                  ",seats,api_requests,0.9\n"
                                  "nowhere,notifications,api_requests,-0.9\n",
                                  false, &c, &d, &f);
    assert_int_equal(st, TCO_EDATA);
    char *m = only_message(&d);
    /* located at line 3, the second 0.9, as in checks_against_the_scenarios */
    assert_starts(m, "c.csv:3:4: rank_correlation: expected correlations that can hold at once "
                     "in scenario \"nowhere\"");
    free(m);
    tco_correlations_fini(&c);
    tco_diag_list_fini(&d);
    tco_scenario_file_fini(&f);
    /* the rows for every scenario alone are checked as one group */
    st = check_against("scenario,input_a,input_b,rank_correlation\n"
                       ",seats,notifications,0.99\n,seats,api_requests,0.99\n"
                       ",notifications,api_requests,-0.99\n",
                       false, &c, &d, &f);
    assert_int_equal(st, TCO_EDATA);
    m = only_message(&d);
    assert_starts(m, "c.csv:3:4: rank_correlation: expected correlations that can hold at once "
                     "for every scenario");
    free(m);
    tco_correlations_fini(&c);
    tco_diag_list_fini(&d);
    tco_scenario_file_fini(&f);
}

static void the_copula_of_a_scenario(void **state)
{
    (void)state;
    gsl_set_error_handler_off();
    tco_correlations c;
    tco_diag_list d;
    tco_scenario_file f;
    assert_int_equal(check_against("scenario,input_a,input_b,rank_correlation\n"
                                   ",cpaas_build_hours,cpaas_maintenance_hours,-0.5\n"
                                   "grow,seat_growth,notification_growth,0.8\n",
                                   true, &c, &d, &f),
                     TCO_OK);
    tco_copula *g = tco_correlations_copula(&c, &f.items[0]);
    assert_non_null(g);
    /* inputs in order of first appearance in the rows (file order) */
    assert_int_equal(g->n, 4);
    assert_int_equal(g->inputs[0].slot, TCO_SCN_CPAAS_BUILD_HOURS);
    assert_int_equal(g->inputs[1].slot, TCO_SCN_CPAAS_MAINTENANCE_HOURS);
    assert_int_equal(g->inputs[2].slot, TCO_SCN_SEAT_GROWTH);
    assert_int_equal(g->inputs[3].slot, TCO_SCN_NOTIFICATION_GROWTH);
    /* L = blocks [[1, 0], [r, sqrt(1 - r^2)]]: r = 2 sin(-0.5 pi / 6) = -0.5176 */
    const double r = tco_copula_normal_correlation(-0.5);
    assert_true(fabs(g->lower[1 * 4 + 0] - r) < 1e-15);
    assert_true(fabs(g->lower[1 * 4 + 1] - sqrt(1 - r * r)) < 1e-15);
    assert_true(g->lower[2 * 4 + 0] == 0 && g->lower[2 * 4 + 1] == 0);
    /* seat_growth is clamped into its column's range, -100% to 100% */
    assert_true(g->inputs[2].lo == -1 && g->inputs[2].hi == 1);
    tco_copula_free(g);
    /* flat: every row names numbers there or another scenario */
    assert_null(tco_correlations_copula(&c, &f.items[1]));
    tco_correlations_fini(&c);
    tco_diag_list_fini(&d);
    tco_scenario_file_fini(&f);
}

/* Pearson's correlation of the ranks of x and y. */
static double spearman(const double *x, const double *y, size_t n)
{
    double *r[2] = {malloc(n * sizeof(double)), malloc(n * sizeof(double))};
    const double *v[2] = {x, y};
    for (int k = 0; k < 2; k++) {
        assert_non_null(r[k]);
        /* continuous draws: no ties; rank by counting is O(n^2), fine at this n */
        for (size_t i = 0; i < n; i++) {
            size_t below = 0;
            for (size_t j = 0; j < n; j++)
                below += v[k][j] < v[k][i];
            r[k][i] = (double)below + 1;
        }
    }
    double m = (n + 1) / 2.0, sxy = 0, sxx = 0;
    for (size_t i = 0; i < n; i++) {
        sxy += (r[0][i] - m) * (r[1][i] - m);
        sxx += (r[0][i] - m) * (r[0][i] - m);
    }
    free(r[0]);
    free(r[1]);
    return sxy / sxx;
}

#define N_TRIALS 4000

/* The workload drawn through the copula, as the engine does it (a stream of its own): the
 * correlated inputs have their Spearman correlation, and every other draw and month is bit for
 * bit what it is without correlations. */
static void the_workload_through_the_copula(void **state)
{
    (void)state;
    gsl_set_error_handler_off();
    tco_correlations c;
    tco_diag_list d;
    tco_scenario_file f;
    assert_int_equal(check_against("scenario,input_a,input_b,rank_correlation\n"
                                   "grow,seat_growth,notification_growth,0.8\n"
                                   "grow,notifications,cpaas_build_hours,-0.6\n",
                                   true, &c, &d, &f),
                     TCO_OK);
    tco_scenario plain = f.items[0], correlated = f.items[0];
    tco_copula *g = tco_correlations_copula(&c, &correlated);
    correlated.copula = g;
    tco_workload wp, wc;
    tco_workload_init(&wp, plain.months);
    tco_workload_init(&wc, correlated.months);
    wc.copula_rng = tco_rng_alloc();
    gsl_rng *rp = tco_rng_alloc(), *rc = tco_rng_alloc();
    tco_rng_seed_named(rp, 7, 1, tco_rng_name_key("workload"), 0);
    tco_rng_seed_named(rc, 7, 1, tco_rng_name_key("workload"), 0);
    tco_rng_seed_named(wc.copula_rng, 7, 1, tco_rng_name_key("correlations"), 0);
    static double x[4][N_TRIALS];
    const tco_scn_field fields[4] = {TCO_SCN_SEAT_GROWTH, TCO_SCN_NOTIFICATION_GROWTH,
                                     TCO_SCN_NOTIFICATIONS, TCO_SCN_CPAAS_BUILD_HOURS};
    size_t differ = 0;
    for (size_t t = 0; t < N_TRIALS; t++) {
        tco_workload_sample(&wp, &plain, rp);
        tco_workload_sample(&wc, &correlated, rc);
        for (int k = 0; k < 4; k++)
            x[k][t] = wc.draws[fields[k]];
        for (int i = 0; i < TCO_SCN_N_FIELDS; i++) {
            bool is_correlated = false;
            for (int k = 0; k < 4; k++)
                is_correlated |= i == (int)fields[k];
            if (!is_correlated)
                assert_true(wc.draws[i] == wp.draws[i]);
            else
                differ += wc.draws[i] != wp.draws[i];
        }
        /* cpaas_maintenance_hours is not correlated: drawn as without correlations */
        assert_true(wc.draws[TCO_SCN_CPAAS_MAINTENANCE_HOURS] ==
                    wp.draws[TCO_SCN_CPAAS_MAINTENANCE_HOURS]);
    }
    assert_true(differ > 3 * N_TRIALS); /* the correlated ones are drawn anew */
    /* |atanh(r_s) - atanh(rho)| within 3 se, se = sqrt(1.06 / (n - 3)) (Fieller et al. 1957) */
    const double se = sqrt(1.06 / (N_TRIALS - 3));
    const double rs1 = spearman(x[0], x[1], N_TRIALS), rs2 = spearman(x[2], x[3], N_TRIALS);
    if (!(fabs(atanh(rs1) - atanh(0.8)) < 3 * se && fabs(atanh(rs2) - atanh(-0.6)) < 3 * se))
        fail_msg("Spearman %.4f (target 0.8) and %.4f (target -0.6)", rs1, rs2);
    /* pairs not given stay independent: |r_s| within 3 se of 0 */
    const double rs0 = spearman(x[0], x[2], N_TRIALS);
    assert_true(fabs(atanh(rs0)) < 3 * se);
    gsl_rng_free(rp);
    gsl_rng_free(rc);
    gsl_rng_free(wc.copula_rng);
    tco_workload_fini(&wp);
    tco_workload_fini(&wc);
    tco_copula_free(g);
    tco_correlations_fini(&c);
    tco_diag_list_fini(&d);
    tco_scenario_file_fini(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_file_gives_its_rows),
        cmocka_unit_test(bad_rows_are_refused_at_their_place),
        cmocka_unit_test(headers_and_misplaced_files_are_refused),
        cmocka_unit_test(a_pair_twice_is_refused_at_the_second),
        cmocka_unit_test(checks_against_the_scenarios),
        cmocka_unit_test(a_row_for_every_scenario_that_fits_none_is_a_warning),
        cmocka_unit_test(alone_every_input_counts_as_a_distribution),
        cmocka_unit_test(the_copula_of_a_scenario),
        cmocka_unit_test(the_workload_through_the_copula),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
