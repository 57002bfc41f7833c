/* SPDX-License-Identifier: MIT */
/* Tests of scenario (SPEC §4): defaults and given[] flags, api_expertise, distributions in
 * columns, every range checked at both ends and just inside, the exact diagnostics, and draws
 * that clamp an unbounded tail into range without touching the generator for constants.
 * Tables are built with tco_csv_load_buffer, so lines are physical lines as SPEC §2 counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tco/csvload.h"
#include "tco/defaults.h"
#include "tco/scenario.h"

typedef struct fixture {
    tco_csv_table t;
    tco_scenario_file f;
    tco_diag_list d;
} fixture;

static int setup(void **state)
{
    fixture *f = malloc(sizeof *f);
    if (!f)
        return -1;
    tco_csv_table_init(&f->t);
    tco_scenario_file_init(&f->f);
    tco_diag_list_init(&f->d);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tco_csv_table_fini(&f->t);
    tco_scenario_file_fini(&f->f);
    tco_diag_list_fini(&f->d);
    free(f);
    return 0;
}

/* Loads text as "s.csv" and checks it as a scenario file. */
static tco_status load(fixture *f, const char *text)
{
    tco_csv_table_fini(&f->t);
    tco_scenario_file_fini(&f->f);
    tco_diag_list_fini(&f->d);
    tco_status st = tco_csv_load_buffer("s.csv", text, strlen(text), &f->t, &f->d);
    tco_status st2 = tco_scenario_from_table(&f->t, &f->f, &f->d);
    return st != TCO_OK ? st : st2;
}

static void assert_diag(const tco_diag_list *d, size_t i, const char *want)
{
    if (i >= d->n)
        fail_msg("no diagnostic %zu, want \"%s\"", i, want);
    char *got = tco_diag_format(&d->items[i]);
    if (strcmp(got, want) != 0)
        fail_msg("diagnostic %zu:\n got \"%s\"\nwant \"%s\"", i, got, want);
    free(got);
}

static gsl_rng *new_rng(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 42);
    return r;
}

/* ==== loading ============================================================================== */

static void a_minimal_file_should_take_the_defaults_of_spec_4(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats\nbase,36,120\n"), TCO_OK);
    assert_int_equal(f->d.n, 0);
    assert_int_equal(f->f.n, 1);
    const tco_scenario *s = &f->f.items[0];
    assert_string_equal(s->name, "base");
    assert_int_equal(s->line, 2);
    assert_int_equal(s->months, 36);
    assert_int_equal(s->api_expertise, -1);
    for (size_t i = 0; i < TCO_SCN_N_FIELDS; i++) {
        assert_int_equal(s->v[i].dist, TCO_DIST_CONST);
        assert_int_equal(s->given[i], i == TCO_SCN_SEATS);
        double want = i == TCO_SCN_SEATS ? 120
                      : i == TCO_SCN_SPIKE_MULTIPLIER || i == TCO_SCN_PHONE_NUMBERS ? 1
                                                                                      : 0;
        if (s->v[i].a != want)
            fail_msg("%s: %g, want %g", tco_scenario_field_name((tco_scn_field)i), s->v[i].a,
                     want);
    }
}

static void columns_should_load_in_any_order_with_given_flags(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "notifications,seats,scenario,months,phone_numbers,spike_multiplier\n"
                             "5000,10,a,12,,\n"
                             "0,20,b,24,3,2.5\n"),
                     TCO_OK);
    assert_int_equal(f->f.n, 2);
    const tco_scenario *a = &f->f.items[0], *b = &f->f.items[1];
    assert_true(a->given[TCO_SCN_NOTIFICATIONS]);
    assert_true(a->v[TCO_SCN_NOTIFICATIONS].a == 5000);
    /* a blank cell is not given and takes the default */
    assert_false(a->given[TCO_SCN_PHONE_NUMBERS]);
    assert_true(a->v[TCO_SCN_PHONE_NUMBERS].a == 1);
    assert_false(a->given[TCO_SCN_SPIKE_MULTIPLIER]);
    assert_true(a->v[TCO_SCN_SPIKE_MULTIPLIER].a == 1);
    /* an explicit 0 is given */
    assert_true(b->given[TCO_SCN_NOTIFICATIONS]);
    assert_true(b->v[TCO_SCN_NOTIFICATIONS].a == 0);
    assert_true(b->given[TCO_SCN_PHONE_NUMBERS]);
    assert_true(b->v[TCO_SCN_PHONE_NUMBERS].a == 3);
    assert_true(b->v[TCO_SCN_SPIKE_MULTIPLIER].a == 2.5);
    assert_int_equal(b->months, 24);
    assert_false(b->given[TCO_SCN_SEAT_GROWTH]);
}

static void api_expertise_should_read_yes_no_and_missing(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats,api_expertise\n"
                             "a,12,1,yes\nb,12,1,no\nc,12,1,\nd,12,1,YES\ne,12,1,No\n"),
                     TCO_OK);
    assert_int_equal(f->f.n, 5);
    assert_int_equal(f->f.items[0].api_expertise, 1);
    assert_int_equal(f->f.items[1].api_expertise, 0);
    assert_int_equal(f->f.items[2].api_expertise, -1);
    assert_int_equal(f->f.items[3].api_expertise, 1);
    assert_int_equal(f->f.items[4].api_expertise, 0);
    assert_int_equal(load(f, "scenario,months,seats,api_expertise\na,12,1,maybe\n"), TCO_EDATA);
    assert_int_equal(f->f.n, 0);
    assert_diag(&f->d, 0, "s.csv:2:4: api_expertise: expected yes or no, got \"maybe\"");
}

static void a_distribution_should_load_into_its_column(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats,seat_growth,notifications\n"
                             "a,12,\"uniform(15,40)\",\"normal(1%,0.5%)\",5000..9000\n"),
                     TCO_OK);
    const tco_scenario *s = &f->f.items[0];
    assert_int_equal(s->v[TCO_SCN_SEATS].dist, TCO_DIST_UNIFORM);
    assert_true(s->v[TCO_SCN_SEATS].a == 15 && s->v[TCO_SCN_SEATS].b == 40);
    assert_int_equal(s->v[TCO_SCN_SEAT_GROWTH].dist, TCO_DIST_NORMAL);
    assert_true(s->v[TCO_SCN_SEAT_GROWTH].a == 0.01 && s->v[TCO_SCN_SEAT_GROWTH].b == 0.005);
    assert_int_equal(s->v[TCO_SCN_NOTIFICATIONS].dist, TCO_DIST_UNIFORM);
    assert_true(s->v[TCO_SCN_NOTIFICATIONS].b == 9000);
}

/* One cell of one column: accepted or refused. */
typedef struct range_case {
    const char *column;
    const char *cell;
    bool ok;
} range_case;

static void ranges_should_hold_at_both_ends_and_refuse_just_outside(void **state)
{
    fixture *f = *state;
    static const range_case cases[] = {
        {"spike_probability", "0", true},
        {"spike_probability", "1", true},
        {"spike_probability", "100%", true},
        {"spike_probability", "1.01", false},
        {"spike_probability", "-0.01", false},
        {"spike_probability", "\"uniform(0.5,1.2)\"", false}, /* bounded: must fit */
        {"spike_probability", "\"normal(0.5,10)\"", false},   /* 48% of draws below 0 */
        {"spike_probability", "\"normal(0.5,0.15)\"", true},  /* 99.9% in [0.006, 0.994] */
        {"spike_probability", "\"normal(0.5,0.16)\"", false}, /* 0.05% quantile -0.027 */
        {"spike_probability", "\"normal(1.5,0.1)\"", false},  /* but the mean must fit */
        {"seat_growth", "-100%", true},
        {"seat_growth", "-1", true},
        {"seat_growth", "-100.5%", false},
        {"seat_growth", "100%", true},
        {"seat_growth", "101%", false},
        {"notification_growth", "-101%", false},
        {"api_growth", "-101%", false},
        {"discount_rate", "-100%", false}, /* (1+r)^(-t) needs r > -100% */
        /* -50%: month 600 weighs 0.5^(-599/12) = 1.1e15, inside the worst case of scenario.c;
         * -99% would weigh 1e100 and -99.999999% 1e399 (inf) */
        {"discount_rate", "-99%", false},
        {"discount_rate", "-99.999999%", false},
        {"discount_rate", "-50%", true},
        {"discount_rate", "-50.1%", false},
        {"discount_rate", "1000%", true},
        {"discount_rate", "1001%", false},
        {"discount_rate", "\"normal(0,0.3)\"", false},  /* 0.05% quantile -98.7% */
        {"discount_rate", "\"normal(0,0.15)\"", true},  /* 0.05% quantile -49.4%, clamped */
        {"discount_rate", "\"uniform(-0.6,0)\"", false}, /* bounded: must fit */
        {"price_escalation", "-100%", true},
        {"seats", "0", true},
        {"seats", "1e9", true},
        {"seats", "-1", false},
        {"seats", "1.1e9", false},
        {"seats", "\"uniform(-5,10)\"", false},
        {"seats", "\"lognormal(100,50)\"", true},
        {"notifications", "-1", false},
        {"api_requests", "poisson(1000)", true},
        {"seat_volatility", "1", true},
        {"seat_volatility", "1.5", false},
        {"phone_numbers", "0", true},
        {"phone_numbers", "-1", false},
        {"spike_multiplier", "0", true},
        {"spike_multiplier", "\"pert(1,3,6)\"", true},
        {"engineer_rate", "-5", false},
        {"cpaas_deploy_months", "600", true},
        {"cpaas_deploy_months", "601", false},
        {"workflow_deviation", "35%", true},
        {"workflow_deviation", "101%", false},
        {"dev_hours_per_week", "168", true},
        {"dev_hours_per_week", "169", false},
        {"time_to_market_days", "-1", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        if (strcmp(cases[i].column, "seats") == 0)
            snprintf(text, sizeof text, "scenario,months,seats\na,12,%s\n", cases[i].cell);
        else
            snprintf(text, sizeof text, "scenario,months,seats,%s\na,12,10,%s\n",
                     cases[i].column, cases[i].cell);
        tco_status st = load(f, text);
        if ((st == TCO_OK) != cases[i].ok)
            fail_msg("%s = %s: status %d, want %s", cases[i].column, cases[i].cell, (int)st,
                     cases[i].ok ? "ok" : "refused");
        if (!cases[i].ok) {
            assert_int_equal(f->d.n, 1);
            assert_int_equal(f->d.items[0].line, 2);
            /* the message names the column */
            if (strncmp(f->d.items[0].msg, cases[i].column, strlen(cases[i].column)) != 0)
                fail_msg("%s = %s: \"%s\"", cases[i].column, cases[i].cell,
                         f->d.items[0].msg);
        }
    }
}

static void months_should_be_a_whole_number_from_1_to_600(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *cell;
        int want; /* 0: refused */
    } cases[] = {{"1", 1}, {"600", 600}, {"36", 36}, {"0", 0}, {"601", 0}, {"12.5", 0},
                 {"-12", 0}, {"12%", 0}, {"\"uniform(12,24)\"", 0}, {"twelve", 0}, {"", 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "scenario,months,seats\na,%s,10\n", cases[i].cell);
        tco_status st = load(f, text);
        if (cases[i].want) {
            assert_int_equal(st, TCO_OK);
            assert_int_equal(f->f.items[0].months, cases[i].want);
        } else {
            if (st != TCO_EDATA)
                fail_msg("months %s accepted", cases[i].cell);
            assert_int_equal(f->d.items[0].col, 2);
            assert_non_null(strstr(f->d.items[0].msg,
                                   "months: expected a whole number of months from 1 to 600"));
        }
    }
}

static void diagnostics_should_have_the_exact_text_and_place(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "# comment\n\nscenario,months,seats,seat_growth,spike_probability\n"
                             "a,12,10,2..%,0\n"
                             "b,12,10,0,1.01\n"
                             "\n"
                             "a,12,,0,0\n"
                             "c,12,\"uniform(15,,40)\",0,0\n"),
                     TCO_EDATA);
    assert_int_equal(f->d.n, 5);
    assert_diag(&f->d, 0, "s.csv:4:4: seat_growth: expected a number at character 4, got \"2..%\"");
    assert_diag(&f->d, 1,
                "s.csv:5:5: spike_probability: expected a probability from 0 to 1, got \"1.01\" "
                "(if you meant 1.01%, write 1.01%)");
    assert_diag(&f->d, 2, "s.csv:7:1: scenario: expected a name unique in the file (line 4 has "
                          "it already), got \"a\"");
    assert_diag(&f->d, 3, "s.csv:7:3: seats: expected a number or a distribution, got \"\"");
    assert_diag(&f->d, 4, "s.csv:8:3: seats: expected a number at character 12, got "
                          "\"uniform(15,,40)\"");
    assert_int_equal(f->f.n, 0);
    for (size_t i = 0; i < f->d.n; i++)
        assert_int_equal(f->d.items[i].status, TCO_EDATA);
}

/* A bound that keeps costs finite says so (issue 13: -99.999999% passed and then aborted). */
static void the_discount_bound_should_say_why(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats,discount_rate\n"
                             "a,600,10,-99.999999%\n"
                             "b,600,10,\"normal(0,0.3)\"\n"),
                     TCO_EDATA);
    assert_int_equal(f->d.n, 2);
    assert_diag(&f->d, 0, "s.csv:2:4: discount_rate: expected a yearly rate from -50% to 1000% "
                          "(so that costs stay finite over 600 months), got \"-99.999999%\"");
    assert_diag(&f->d, 1, "s.csv:3:4: discount_rate: expected a yearly rate from -50% to 1000% "
                          "for 99.9% of the draws (so that costs stay finite over 600 months), "
                          "got \"normal(0,0.3)\"");
}

static void good_rows_should_load_beside_bad_ones(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats\ngood,12,10\nbad,0,10\nalso good,6,5\n"),
                     TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_int_equal(f->f.n, 2);
    assert_string_equal(f->f.items[0].name, "good");
    assert_string_equal(f->f.items[1].name, "also good");
    assert_int_equal(f->f.items[1].line, 4);
}

static void header_problems_should_all_be_reported(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,seat_grwth,months,months,Notifications,frobs,seats\n"
                             "a,1,12,12,5,1,-3\n"),
                     TCO_EDATA);
    /* the row is still checked against the known columns */
    assert_int_equal(f->d.n, 5);
    assert_diag(&f->d, 0,
                "s.csv:1:2: expected a scenario column (did you mean seat_growth?), got "
                "\"seat_grwth\"");
    assert_diag(&f->d, 1, "s.csv:1:4: months: expected each column once, got a second "
                          "\"months\" (first in column 3)");
    assert_diag(&f->d, 2, "s.csv:1:5: expected a scenario column (did you mean notifications?), "
                          "got \"Notifications\"");
    assert_diag(&f->d, 3,
                "s.csv:1:6: expected a scenario column (see tcosim-scenario(5)), got \"frobs\"");
    assert_diag(&f->d, 4, "s.csv:2:7: seats: expected a count from 0 to 1e9, got \"-3\"");
    /* without seats there is no row to check */
    assert_int_equal(load(f, "scenario,months\na,12\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0, "s.csv:1: seats: expected a required column \"seats\", got none");
}

static void a_header_without_rows_should_be_refused(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0, "s.csv:1: expected at least one scenario row after the header, got none");
    /* a row refused by the CSV layer is not "no rows": one message, not two */
    assert_int_equal(load(f, "scenario,months,seats\na,12\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0, "s.csv:2:3: expected 3 fields as in the header, got 2");
}

static void the_file_kind_should_be_told_by_the_scenario_column(void **state)
{
    fixture *f = *state;
    tco_csv_load_buffer("s.csv", "scenario,months,seats\na,1,1\n", 27, &f->t, &f->d);
    assert_true(tco_scenario_table_is_scenario(&f->t));
    tco_csv_load_buffer("p.csv", "vendor,plan,item\n", 17, &f->t, &f->d);
    assert_false(tco_scenario_table_is_scenario(&f->t));
    assert_string_equal(tco_scenario_field_name(TCO_SCN_SEAT_GROWTH), "seat_growth");
    assert_string_equal(tco_scenario_field_name(TCO_SCN_DELAY_COST_PER_MONTH),
                        "delay_cost_per_month");
}

/* ==== draws ================================================================================ */

/* The loader admits an unbounded distribution whose central 99.9% lies in range; the rest of
 * its draws are clamped into the range. The clamping itself is tested on cells set directly,
 * past what the loader would admit, so that it is exercised on every draw. */
static void set_cell(tco_scenario *sc, tco_scn_field field, const char *cell)
{
    size_t pos;
    assert_null(tco_value_parse(cell, &sc->v[field], &pos));
}

static void a_normal_tail_should_be_clamped_into_range(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats\na,12,10\n"), TCO_OK);
    tco_scenario *sc = &f->f.items[0];
    set_cell(sc, TCO_SCN_SEATS, "normal(10,100)");
    set_cell(sc, TCO_SCN_SPIKE_PROBABILITY, "normal(0.5,10)");
    set_cell(sc, TCO_SCN_DISCOUNT_RATE, "normal(-0.9,5)");
    set_cell(sc, TCO_SCN_SEAT_GROWTH, "normal(0,10)");
    gsl_rng *r = new_rng();
    double out[TCO_SCN_N_FIELDS];
    int low = 0, high = 0;
    double lowest_discount = INFINITY;
    for (int k = 0; k < 2000; k++) {
        tco_scenario_draw(sc, r, out);
        double p = out[TCO_SCN_SPIKE_PROBABILITY];
        assert_true(p >= 0 && p <= 1);
        low += p == 0;
        high += p == 1;
        assert_true(out[TCO_SCN_SEATS] >= 0);
        assert_true(out[TCO_SCN_DISCOUNT_RATE] >= -0.5); /* the bound that keeps costs finite */
        assert_true(out[TCO_SCN_DISCOUNT_RATE] <= 10);
        lowest_discount = fmin(lowest_discount, out[TCO_SCN_DISCOUNT_RATE]);
        assert_true(out[TCO_SCN_SEAT_GROWTH] >= -1 && out[TCO_SCN_SEAT_GROWTH] <= 1);
    }
    /* sd 10 around 0.5: P(< 0) = P(> 1) = 0.48, so about 960 each of 2000 (sd 22) */
    assert_true(low > 500 && high > 500);
    /* normal(-0.9,5) falls below -50% in 47% of draws: clamped to it exactly */
    assert_true(lowest_discount == -0.5);
    gsl_rng_free(r);
}

static void constants_should_not_touch_the_generator(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats,seat_growth,spike_multiplier,"
                             "dev_hours_per_week,workflow_deviation\n"
                             "a,12,80,1%,\"uniform(2,6)\",\"uniform(10,30)\",35%\n"),
                     TCO_OK);
    gsl_rng *r = new_rng(), *copy = gsl_rng_clone(r);
    double out[TCO_SCN_N_FIELDS];
    tco_scenario_draw(&f->f.items[0], r, out);
    /* spike_multiplier is drawn per spike and the §7 inputs are means: no draw here either */
    assert_true(gsl_rng_get(r) == gsl_rng_get(copy));
    assert_true(out[TCO_SCN_SEATS] == 80);
    assert_true(out[TCO_SCN_SEAT_GROWTH] == 0.01);
    assert_true(out[TCO_SCN_SPIKE_MULTIPLIER] == 4);
    assert_true(out[TCO_SCN_DEV_HOURS_PER_WEEK] == 20);
    assert_true(out[TCO_SCN_WORKFLOW_DEVIATION] == 0.35);
    assert_true(out[TCO_SCN_PHONE_NUMBERS] == 1);
    gsl_rng_free(r);
    gsl_rng_free(copy);
}

static void a_distribution_should_be_drawn_from_the_generator(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats\na,12,\"uniform(15,40)\"\n"), TCO_OK);
    gsl_rng *r = new_rng();
    double out[TCO_SCN_N_FIELDS], sum = 0;
    for (int k = 0; k < 4000; k++) {
        tco_scenario_draw(&f->f.items[0], r, out);
        assert_true(out[TCO_SCN_SEATS] >= 15 && out[TCO_SCN_SEATS] <= 40);
        sum += out[TCO_SCN_SEATS];
    }
    /* mean 27.5, sd of the mean 25/sqrt(12)/sqrt(4000) = 0.11 */
    assert_true(fabs(sum / 4000 - 27.5) < 0.6);
    gsl_rng_free(r);
}

static void spike_draws_should_be_fresh_and_clamped(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats,spike_multiplier\na,12,1,\"normal(3,0.5)\"\n"
                             "b,12,1,2.5\n"),
                     TCO_OK);
    /* past what the loader admits, so that clamping at 0 happens often */
    set_cell(&f->f.items[0], TCO_SCN_SPIKE_MULTIPLIER, "normal(3,10)");
    gsl_rng *r = new_rng();
    int zeros = 0;
    for (int k = 0; k < 1000; k++) {
        double x = tco_scenario_draw_spike(&f->f.items[0], r);
        assert_true(x >= 0 && x <= 1e6);
        zeros += x == 0;
    }
    assert_true(zeros > 200); /* P(normal(3,10) < 0) = 0.38 */
    gsl_rng *copy = gsl_rng_clone(r);
    assert_true(tco_scenario_draw_spike(&f->f.items[1], r) == 2.5);
    assert_true(gsl_rng_get(r) == gsl_rng_get(copy));
    gsl_rng_free(copy);
    gsl_rng_free(r);
}

/* ==== SPEC §8.4: note, warnings, a file of the other kind =============================== */

static void a_note_column_should_be_accepted_and_ignored(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,note,months,seats\na,\"budget, line 4\",12,10\n"), TCO_OK);
    assert_int_equal(f->f.n, 1);
    assert_int_equal(f->d.n, 0);
}

static void a_plain_growth_of_1_should_warn_and_still_load(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats,seat_growth\na,12,10,1\n"), TCO_OK);
    assert_int_equal(f->f.n, 1);
    assert_int_equal(f->d.n_warnings, 1);
    assert_diag(&f->d, 0, "s.csv:2:4: warning: seat_growth: 1 is 100% a month (x4096 over a "
                          "year); if you meant 1% a month, write 1%");
}

static void under_strict_a_warning_should_fail_the_file(void **state)
{
    fixture *f = *state;
    const char *text = "scenario,months,seats,seat_growth\na,12,10,1\nb,12,10,1%\n";
    tco_csv_table_fini(&f->t);
    tco_scenario_file_fini(&f->f);
    tco_diag_list_fini(&f->d);
    f->d.warnings_are_errors = true;
    assert_int_equal(tco_csv_load_buffer("s.csv", text, strlen(text), &f->t, &f->d), TCO_OK);
    assert_int_equal(tco_scenario_from_table(&f->t, &f->f, &f->d), TCO_EDATA);
    assert_int_equal(f->d.worst, TCO_EDATA);
    assert_int_equal(f->d.n, 1);
}

static void a_price_sheet_should_be_named_as_such(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "vendor,plan,model,item,price\nV,P,cpaas,sms,0.01\n"), TCO_EUSAGE);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0, "s.csv:1: expected a scenario file (a \"scenario\" column), got a "
                          "price sheet (\"vendor\" and \"item\" columns): give a price sheet "
                          "with --prices FILE, scenario files as the operands");
}

/* A rate out of range that reads as a percentage says so; a count does not. */
static void a_rate_out_of_range_should_offer_the_percentage(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats,workflow_deviation\na,12,10,35\n"),
                     TCO_EDATA);
    assert_diag(&f->d, 0, "s.csv:2:4: workflow_deviation: expected a share from 0% to 100%, got "
                          "\"35\" (if you meant 35%, write 35%)");
    assert_int_equal(load(f, "scenario,months,seats\na,12,2e9\n"), TCO_EDATA);
    assert_diag(&f->d, 0, "s.csv:2:3: seats: expected a count from 0 to 1e9, got \"2e9\"");
}

/* SPEC §12.2: migrate_month is whole months 2..months separated by spaces, kept ascending;
 * every other cell is refused at its column, naming the word and its character. */
static void migrate_month_should_be_whole_months_from_2_to_months(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *cell;
        int n;          /* -1: refused */
        int want[4];
        const char *why; /* in the message of a refused one */
    } cases[] = {
        {"6 12 18", 3, {6, 12, 18}, NULL},
        {"18  6\t12", 3, {6, 12, 18}, NULL}, /* any blanks between, kept ascending */
        {"2", 1, {2}, NULL},
        {"36", 1, {36}, NULL},
        {"", 0, {0}, NULL},
        {"   ", 0, {0}, NULL},
        {"1", -1, {0}, "at character 1, 1 is outside"},
        {"37", -1, {0}, "from 2 to 36"},
        {"6 12 6", -1, {0}, "at character 6, 6 is given again"},
        {"6.5", -1, {0}, "\"6.5\" is not a whole number"},
        {"\"6,12\"", -1, {0}, "separated by spaces"},
        {"+6", -1, {0}, "not a whole number"},
        {"99999", -1, {0}, "not a whole number"},
        {"6 x", -1, {0}, "at character 3, \"x\" is not a whole number"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[160];
        snprintf(text, sizeof text, "scenario,months,seats,migrate_month\na,36,10,%s\n",
                 cases[i].cell);
        const tco_status st = load(f, text);
        if (cases[i].n < 0) {
            if (st != TCO_EDATA)
                fail_msg("migrate_month %s accepted", cases[i].cell);
            assert_int_equal(f->d.items[0].col, 4);
            if (!strstr(f->d.items[0].msg, cases[i].why))
                fail_msg("migrate_month %s: \"%s\" lacks \"%s\"", cases[i].cell,
                         f->d.items[0].msg, cases[i].why);
            continue;
        }
        assert_int_equal(st, TCO_OK);
        assert_int_equal(f->f.items[0].n_migrate, cases[i].n);
        for (int k = 0; k < cases[i].n; k++)
            assert_int_equal(f->f.items[0].migrate_month[k], cases[i].want[k]);
    }
    /* at most TCO_MAX_MIGRATE_MONTHS: 2..25 loads, 2..26 does not */
    char text[256] = "scenario,months,seats,migrate_month\na,36,10,";
    for (int k = 2; k <= 2 + TCO_MAX_MIGRATE_MONTHS; k++) {
        char w[8];
        snprintf(w, sizeof w, "%d ", k);
        strcat(text, w);
        if (k == 1 + TCO_MAX_MIGRATE_MONTHS) {
            char ok[320];
            snprintf(ok, sizeof ok, "%s\n", text);
            assert_int_equal(load(f, ok), TCO_OK);
            assert_int_equal(f->f.items[0].n_migrate, TCO_MAX_MIGRATE_MONTHS);
        }
    }
    strcat(text, "\n");
    assert_int_equal(load(f, text), TCO_EDATA);
    assert_non_null(strstr(f->d.items[0].msg, "at most 24 months"));
    /* without migrate_month: none; a bad months still gets the list checked (up to 600) */
    assert_int_equal(load(f, "scenario,months,seats\na,36,10\n"), TCO_OK);
    assert_int_equal(f->f.items[0].n_migrate, 0);
    assert_int_equal(load(f, "scenario,months,seats,migrate_month\na,0,10,700\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 2);
    assert_non_null(strstr(f->d.items[1].msg, "from 2 to 600"));
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(a_minimal_file_should_take_the_defaults_of_spec_4),
        T(a_note_column_should_be_accepted_and_ignored),
        T(a_plain_growth_of_1_should_warn_and_still_load),
        T(under_strict_a_warning_should_fail_the_file),
        T(a_price_sheet_should_be_named_as_such),
        T(a_rate_out_of_range_should_offer_the_percentage),
        T(columns_should_load_in_any_order_with_given_flags),
        T(api_expertise_should_read_yes_no_and_missing),
        T(a_distribution_should_load_into_its_column),
        T(ranges_should_hold_at_both_ends_and_refuse_just_outside),
        T(months_should_be_a_whole_number_from_1_to_600),
        T(migrate_month_should_be_whole_months_from_2_to_months),
        T(diagnostics_should_have_the_exact_text_and_place),
        T(the_discount_bound_should_say_why),
    T(good_rows_should_load_beside_bad_ones),
        T(header_problems_should_all_be_reported),
        T(a_header_without_rows_should_be_refused),
        T(the_file_kind_should_be_told_by_the_scenario_column),
        T(a_normal_tail_should_be_clamped_into_range),
        T(constants_should_not_touch_the_generator),
        T(a_distribution_should_be_drawn_from_the_generator),
        T(spike_draws_should_be_fresh_and_clamped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
