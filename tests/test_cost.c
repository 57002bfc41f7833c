/* SPDX-License-Identifier: MIT */
/* Known-answer tests of cost (SPEC §6): one trial of the deterministic scenarios of
 * hand_cases.h, month by month and in total, to the cent; the labor, delay, escalation and
 * discount of each option kind; what a hybrid's parts carry; tco_cost_option_total agreeing
 * with tco_cost_trial; options that are not offered priced as NAN, never as free; staff on a
 * `cpaas:` option (SPEC §8.1) and the components of each TCO (§8.2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "hand_cases.h"
#include "testutil.h"
#include "tco/cost.h"
#include "tco/option.h"
#include "tco/rng.h"
#include "tco/workload.h"

/* One trial of scenario s on prices p, everything set up and torn down around it. */
typedef struct trial {
    tco_option_set set;
    tco_workload w;
    tco_cost_ws ws;
    double *draws;
    gsl_rng *r;
} trial;

static void trial_run(trial *t, const tco_scenario *s, const tco_prices *p)
{
    t->r = tco_rng_alloc();
    tco_rng_seed_stream(t->r, 1, 2, 3);
    tco_options_build(&t->set, p, s);
    tco_workload_init(&t->w, s->months);
    tco_cost_ws_init(&t->ws, p->n_plans, t->set.n, s->months);
    t->draws = calloc(p->n_values + 1, sizeof *t->draws);
    assert_non_null(t->draws);
    tco_workload_sample(&t->w, s, t->r);
    tco_prices_draw(p, t->r, t->draws);
    tco_cost_trial(&t->ws, p, &t->set, t->draws, &t->w);
}

static void trial_fini(trial *t)
{
    tco_cost_ws_fini(&t->ws);
    tco_workload_fini(&t->w);
    tco_options_fini(&t->set);
    free(t->draws);
    gsl_rng_free(t->r);
}

static size_t option_index(const tco_option_set *set, const char *name)
{
    for (size_t o = 0; o < set->n; o++)
        if (strcmp(set->items[o].name, name) == 0)
            return o;
    fail_msg("no option %s", name);
    return 0;
}

static double month_of(const trial *t, const char *option, int m)
{
    size_t o = option_index(&t->set, option);
    return t->ws.monthly[o * (size_t)t->ws.months + (size_t)(m - 1)];
}

typedef struct fixture {
    tco_scenario_file f;
    tco_prices p;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx)
        return -1;
    tu_scenarios(&fx->f, HAND_SCENARIOS);
    tu_prices(&fx->p, HAND_SHEET);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    tco_scenario_file_fini(&fx->f);
    tco_prices_fini(&fx->p);
    free(fx);
    return 0;
}

static void totals_match_the_hand_computations(void **state)
{
    fixture *fx = *state;
    assert_int_equal(fx->f.n, HAND_N);
    for (int s = 0; s < HAND_N; s++) {
        trial t;
        trial_run(&t, &fx->f.items[s], &fx->p);
        assert_int_equal(t.set.n, 3);
        for (int k = 0; k < 3; k++) {
            size_t o = option_index(&t.set, HAND_OPTIONS[k]);
            assert_true(t.set.items[o].offered);
            double got = t.ws.total[o];
            if (!(fabs(got - HAND_TCO[s][k]) < 0.005))
                fail_msg("%s %s: TCO %.6f, hand %.4f", fx->f.items[s].name, HAND_OPTIONS[k], got,
                         HAND_TCO[s][k]);
            /* the total is the sum of the months */
            double sum = 0;
            for (int m = 0; m < t.ws.months; m++)
                sum += t.ws.monthly[o * (size_t)t.ws.months + (size_t)m];
            assert_true(sum == got);
            /* the break-even path prices one option alone: the same bits (cost.h) */
            assert_true(tco_cost_option_total(&fx->p, &t.set.items[o], t.draws, &t.w) == got);
        }
        trial_fini(&t);
    }
}

static void months_of_base_match_the_hand_computations(void **state)
{
    fixture *fx = *state;
    trial t;
    trial_run(&t, &fx->f.items[HAND_BASE], &fx->p);
    /* month 1 carries setup and build; months 2-12 the running costs (hand_cases.h) */
    tu_assert_cents(month_of(&t, "ucaas:U/Basic", 1), 750.00);
    tu_assert_cents(month_of(&t, "cpaas:C/Pay", 1), 5172.00);
    tu_assert_cents(month_of(&t, "hybrid:U/Basic+C/Pay", 1), 5922.00);
    for (int m = 2; m <= 12; m++) {
        tu_assert_cents(month_of(&t, "ucaas:U/Basic", m), 250.00);
        tu_assert_cents(month_of(&t, "cpaas:C/Pay", m), 172.00);
        tu_assert_cents(month_of(&t, "hybrid:U/Basic+C/Pay", m), 422.00);
    }
    trial_fini(&t);
}

static void delay_is_charged_by_the_share_of_each_month_before_go_live(void **state)
{
    fixture *fx = *state;
    trial t;
    trial_run(&t, &fx->f.items[HAND_DELAY], &fx->p);
    /* base months plus 1000 x min(1, max(0, D - (m-1))):
     * ucaas D = 0.5: month 1 750 + 500 = 1250; then 250.
     * cpaas D = 3.5: 5172 + 1000, 172 + 1000, 172 + 1000, 172 + 500, then 172.
     * hybrid D = 3.5: 5922 + 1000, 422 + 1000, 422 + 1000, 422 + 500, then 422. */
    static const double cpaas[6] = {6172, 1172, 1172, 672, 172, 172};
    static const double hybrid[6] = {6922, 1422, 1422, 922, 422, 422};
    tu_assert_cents(month_of(&t, "ucaas:U/Basic", 1), 1250.00);
    tu_assert_cents(month_of(&t, "ucaas:U/Basic", 2), 250.00);
    for (int m = 1; m <= 6; m++) {
        tu_assert_cents(month_of(&t, "cpaas:C/Pay", m), cpaas[m - 1]);
        tu_assert_cents(month_of(&t, "hybrid:U/Basic+C/Pay", m), hybrid[m - 1]);
    }
    trial_fini(&t);
}

static void escalation_steps_at_month_13_and_months_are_discounted(void **state)
{
    fixture *fx = *state;
    trial t;
    trial_run(&t, &fx->f.items[HAND_NPV], &fx->p);
    /* ucaas: month 1 = 200 + 100 setup, undiscounted; month 12 = 200 x 1.12^(-11/12)
     * = 180.2659; month 13 = 220 x 1.12^(-1) = 196.4286; month 24 = 220 x 1.12^(-23/12)
     * = 220 x 0.80469 = 177.0317 (pow(1.12, -23/12) = 0.804690...). */
    tu_assert_cents(month_of(&t, "ucaas:U/Basic", 1), 300.00);
    tu_assert_cents(month_of(&t, "ucaas:U/Basic", 12), 180.2659);
    tu_assert_cents(month_of(&t, "ucaas:U/Basic", 13), 196.4286);
    tu_assert_cents(month_of(&t, "ucaas:U/Basic", 24), 220 * pow(1.12, -23.0 / 12));
    /* cpaas month 13: (70 + 2) x 1.1 / 1.12 = 70.7143 */
    tu_assert_cents(month_of(&t, "cpaas:C/Pay", 13), 70.7143);
    trial_fini(&t);
}

static void an_option_not_offered_costs_nan_never_zero(void **state)
{
    (void)state;
    /* voice minutes: C/Pay prices no voice, so cpaas:C/Pay cannot carry this workload (SPEC
     * §5); the hybrid can (voice is staff usage, on the UCaaS part). */
    tco_scenario_file f;
    tu_scenarios(&f, "scenario,months,seats,voice_minutes_per_seat,notifications\n"
                     "v,12,10,100,10000\n");
    tco_prices p;
    tu_prices(&p, HAND_SHEET);
    trial t;
    trial_run(&t, &f.items[0], &p);
    size_t c = option_index(&t.set, "cpaas:C/Pay");
    assert_false(t.set.items[c].offered);
    assert_string_equal(t.set.items[c].not_offered_why, "C/Pay does not price voice");
    assert_true(isnan(t.ws.total[c]));
    assert_true(isnan(t.ws.monthly[c * 12]));
    assert_true(isnan(tco_cost_option_total(&p, &t.set.items[c], t.draws, &t.w)));
    /* hybrid: seats 2,400 + setup 100 + notifications 840 + numbers 1 x 1 x 12 = 3,352.00 */
    size_t h = option_index(&t.set, "hybrid:U/Basic+C/Pay");
    assert_true(t.set.items[h].offered);
    tu_assert_cents(t.ws.total[h], 3352.00);
    trial_fini(&t);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void a_ucaas_plans_number_allowance_is_per_seat_in_every_option(void **state)
{
    (void)state;
    /* Issue 14: 10 seats, 12 phone numbers, a UCaaS `number` at $2 with 1 included per seat
     * bills 12 - 10 = 2 numbers, $4, not 11. A CPaaS plan's allowance stays per plan. Over 2
     * months (seats grow 10 -> 12 by 20%: then every number is free on the UCaaS plan):
     *   ucaas:U/Num  month 1: 10 x 20 + (12 - 10) x 2 = 204; month 2: 12 x 20 + 0 = 240; 444
     *   cpaas:C/Num  (12 - 1) x 1 = 11 a month: 22
     *   hybrid       both parts rent the numbers: 444 + 22 = 466 */
    tco_scenario_file f;
    tu_scenarios(&f, "scenario,months,seats,seat_growth,phone_numbers\n"
                     "n,2,10,20%,12\n");
    tco_prices p;
    tu_prices(&p, "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                  "U,Num,ucaas,seat,20,,,\n"
                  "U,Num,ucaas,number,2,,,1\n"
                  "C,Num,cpaas,number,1,,,1\n");
    trial t;
    trial_run(&t, &f.items[0], &p);
    tu_assert_cents(month_of(&t, "ucaas:U/Num", 1), 204.00);
    tu_assert_cents(month_of(&t, "ucaas:U/Num", 2), 240.00);
    tu_assert_cents(month_of(&t, "cpaas:C/Num", 1), 11.00);
    tu_assert_cents(t.ws.total[option_index(&t.set, "cpaas:C/Num")], 22.00);
    const size_t h = option_index(&t.set, "hybrid:U/Num+C/Num");
    tu_assert_cents(t.ws.total[h], 466.00);
    tu_assert_cents(tco_cost_option_total(&p, &t.set.items[h], t.draws, &t.w), 466.00);
    trial_fini(&t);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* The 30-staff office (SPEC §8.1): 30 seats x 300 voice minutes, 36 months. The
 * UCaaS plan: 30 x $20 = $600 a month, 36 x 600 = 21,600. The CPaaS plan: 9,000 minutes x
 * $0.0085 = 76.50 plus one number at $0.50 = 77 a month, 36 x 77 = 2,772 for the minutes
 * alone; with the staff's telephony built on it at $100 an hour: 480 build hours in month 1
 * (48,000) + 20 hours a month (36 x 2,000 = 72,000) + $8 per seat-month (30 x 8 x 36 =
 * 8,640): 2,772 + 48,000 + 72,000 + 8,640 = 131,412. The hybrid keeps staff on UCaaS and pays
 * none of it: 21,600 + 36 x 0.50 (its CPaaS part rents the number) = 21,618. */
static const char OFFICE_SHEET[] = "vendor,plan,model,item,price\n"
                                   "U,Seat,ucaas,seat,20\n"
                                   "C,Voice,cpaas,voice,0.0085\n"
                                   "C,Voice,cpaas,number,0.5\n";

static void staff_on_a_cpaas_option_pay_labor_and_a_cost_per_seat(void **state)
{
    (void)state;
    tco_scenario_file f;
    tu_scenarios(&f, "scenario,months,seats,voice_minutes_per_seat,engineer_rate,"
                     "cpaas_staff_build_hours,cpaas_staff_maintenance_hours,cpaas_cost_per_seat\n"
                     "office,36,30,300,100,480,20,8\n"
                     "free,36,30,300,0,0,0,0\n");
    tco_prices p;
    tu_prices(&p, OFFICE_SHEET);
    trial t;
    trial_run(&t, &f.items[0], &p);
    const size_t c = option_index(&t.set, "cpaas:C/Voice");
    tu_assert_cents(t.ws.total[option_index(&t.set, "ucaas:U/Seat")], 21600.00);
    tu_assert_cents(t.ws.total[c], 131412.00);
    /* month 1: 77 + 48,000 + 2,000 + 240 = 50,317; month 2: 77 + 2,000 + 240 = 2,317 */
    tu_assert_cents(month_of(&t, "cpaas:C/Voice", 1), 50317.00);
    tu_assert_cents(month_of(&t, "cpaas:C/Voice", 2), 2317.00);
    tu_assert_cents(t.ws.total[option_index(&t.set, "hybrid:U/Seat+C/Voice")], 21618.00);
    tu_assert_cents(tco_cost_option_total(&p, &t.set.items[c], t.draws, &t.w), 131412.00);
    assert_null(t.set.items[c].note); /* the scenario gives the staff's cost */
    trial_fini(&t);
    /* without the staff columns: 2,772, and the note says why it is so cheap */
    trial_run(&t, &f.items[1], &p);
    tu_assert_cents(t.ws.total[option_index(&t.set, "cpaas:C/Voice")], 2772.00);
    const char *note = t.set.items[option_index(&t.set, "cpaas:C/Voice")].note;
    assert_non_null(note);
    assert_non_null(strstr(note, "carries the staff at no cost"));
    assert_null(t.set.items[option_index(&t.set, "hybrid:U/Seat+C/Voice")].note);
    trial_fini(&t);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void staff_cost_per_seat_is_escalated_and_discounted_like_vendor_prices(void **state)
{
    (void)state;
    /* 10 seats x $5 a seat-month, 24 months, 10% a year escalation, no vendor charge (a CPaaS
     * plan of a $0 platform): months 1-12 50 each, months 13-24 55 each: 600 + 660 = 1,260.
     * With 0 seats: no staff, no note, no cost. */
    tco_scenario_file f;
    tu_scenarios(&f, "scenario,months,seats,price_escalation,cpaas_cost_per_seat\n"
                     "esc,24,10,10%,5\n"
                     "none,24,0,10%,0\n");
    tco_prices p;
    tu_prices(&p, "vendor,plan,model,item,price\nC,Flat,cpaas,platform,0\n");
    trial t;
    trial_run(&t, &f.items[0], &p);
    tu_assert_cents(month_of(&t, "cpaas:C/Flat", 12), 50.00);
    tu_assert_cents(month_of(&t, "cpaas:C/Flat", 13), 55.00);
    tu_assert_cents(t.ws.total[0], 1260.00);
    trial_fini(&t);
    trial_run(&t, &f.items[1], &p);
    tu_assert_cents(t.ws.total[0], 0.00);
    assert_null(t.set.items[0].note);
    trial_fini(&t);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* SPEC §8.2: the components of the office above, each by hand: cpaas:C/Voice voice 36 x 76.50
 * = 2,754, number 36 x 0.50 = 18, staff_cost 8,640, cpaas_labor 48,000 + 72,000 = 120,000 (sum
 * 131,412); ucaas:U/Seat seat 21,600; the hybrid seat 21,600 and number 18. With delay ($1,000
 * a month, CPaaS live after 1.5 months) and UCaaS admin (2 hours a month at $100 over 36
 * months = 7,200) on a second row: delay 1,000 + 500 = 1,500 on the cpaas: and hybrid options,
 * 0 on ucaas:; ucaas_labor 7,200 on ucaas: and the hybrid. Every option's components add up to
 * its TCO. */
static void components_add_up_to_the_tco_and_match_the_hand_split(void **state)
{
    (void)state;
    tco_scenario_file f;
    tu_scenarios(&f, "scenario,months,seats,voice_minutes_per_seat,engineer_rate,"
                     "cpaas_staff_build_hours,cpaas_staff_maintenance_hours,cpaas_cost_per_seat,"
                     "delay_cost_per_month,cpaas_deploy_months,ucaas_admin_hours\n"
                     "office,36,30,300,100,480,20,8,0,0,0\n"
                     "late,36,30,300,100,480,20,8,1000,1.5,2\n");
    tco_prices p;
    tu_prices(&p, OFFICE_SHEET);
    trial t;
    trial_run(&t, &f.items[0], &p);
    tco_cost_trial_components(&t.ws, &p, &t.set, t.draws, &t.w);
    const double *cc = t.ws.components + option_index(&t.set, "cpaas:C/Voice") * TCO_N_COMPONENTS;
    tu_assert_cents(cc[TCO_COMPONENT_VOICE], 2754.00);
    tu_assert_cents(cc[TCO_COMPONENT_NUMBER], 18.00);
    tu_assert_cents(cc[TCO_COMPONENT_STAFF_COST], 8640.00);
    tu_assert_cents(cc[TCO_COMPONENT_CPAAS_LABOR], 120000.00);
    tu_assert_cents(cc[TCO_COMPONENT_SEAT], 0.00);
    const double *cu = t.ws.components + option_index(&t.set, "ucaas:U/Seat") * TCO_N_COMPONENTS;
    tu_assert_cents(cu[TCO_COMPONENT_SEAT], 21600.00);
    tu_assert_cents(cu[TCO_COMPONENT_CPAAS_LABOR], 0.00);
    const double *ch =
        t.ws.components + option_index(&t.set, "hybrid:U/Seat+C/Voice") * TCO_N_COMPONENTS;
    tu_assert_cents(ch[TCO_COMPONENT_SEAT], 21600.00);
    tu_assert_cents(ch[TCO_COMPONENT_NUMBER], 18.00);
    tu_assert_cents(ch[TCO_COMPONENT_STAFF_COST], 0.00);
    trial_fini(&t);
    trial_run(&t, &f.items[1], &p);
    tco_cost_trial_components(&t.ws, &p, &t.set, t.draws, &t.w);
    cc = t.ws.components + option_index(&t.set, "cpaas:C/Voice") * TCO_N_COMPONENTS;
    cu = t.ws.components + option_index(&t.set, "ucaas:U/Seat") * TCO_N_COMPONENTS;
    ch = t.ws.components + option_index(&t.set, "hybrid:U/Seat+C/Voice") * TCO_N_COMPONENTS;
    tu_assert_cents(cc[TCO_COMPONENT_DELAY], 1500.00);
    tu_assert_cents(ch[TCO_COMPONENT_DELAY], 1500.00);
    tu_assert_cents(cu[TCO_COMPONENT_DELAY], 0.00);
    tu_assert_cents(cu[TCO_COMPONENT_UCAAS_LABOR], 7200.00);
    tu_assert_cents(ch[TCO_COMPONENT_UCAAS_LABOR], 7200.00);
    tu_assert_cents(cc[TCO_COMPONENT_UCAAS_LABOR], 0.00);
    for (size_t o = 0; o < t.set.n; o++) {
        double sum = 0;
        for (int k = 0; k < TCO_N_COMPONENTS; k++)
            sum += t.ws.components[o * TCO_N_COMPONENTS + (size_t)k];
        tu_assert_cents(sum, t.ws.total[o]);
    }
    trial_fini(&t);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* SPEC §12.4, a minimum commitment, by hand. U/Min: $20 a seat, $100 setup, a $250 minimum;
 * C/Min: $0.01 an SMS, a $30 minimum. Scenario `min`: 10 seats growing 20% a month (whole
 * seats 10, 12, 15: 14.4 rounds up), 2,000 notifications a month, 3 months:
 *   ucaas:U/Min  seats 200, 240, 300: below 250 twice, billed 250, 250, 300; setup 100 in month
 *                1 on top (not counted against the minimum): 350 + 250 + 300 = 900;
 *                components seat 740, setup 100, minimum 50 + 10 = 60
 *   cpaas:C/Min  2,000 x 0.01 = 20 a month, billed 30: 90; minimum 30
 *   hybrid       each plan's own minimum on its part: (350 + 30) + (250 + 30) + (300 + 30)
 *                = 990; minimum 60 + 30 = 90
 * Scenario `esc`: 10 seats for 24 months, 10% a year escalation: the seats cost 200, then 220
 * from month 13; the minimum is escalated too, 250 then 275: billed 12 x 250 + 12 x 275 + 100
 * setup (never escalated) = 6,400; minimum 12 x 50 + 12 x 55 = 1,260; seat 12 x 200 + 12 x 220
 * = 5,040. */
static const char MIN_SHEET[] = "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                                "U,Min,ucaas,seat,20,,,\n"
                                "U,Min,ucaas,setup,100,,,\n"
                                "U,Min,ucaas,minimum,250,0,,\n"
                                "C,Min,cpaas,sms,0.01,,,\n"
                                "C,Min,cpaas,minimum,30,,,0\n";

static void a_month_below_the_minimum_is_billed_the_minimum(void **state)
{
    (void)state;
    tco_scenario_file f;
    tu_scenarios(&f, "scenario,months,seats,seat_growth,notifications,phone_numbers,"
                     "price_escalation\n"
                     "min,3,10,20%,2000,0,0\n"
                     "esc,24,10,0,0,0,10%\n");
    tco_prices p;
    tu_prices(&p, MIN_SHEET);
    trial t;
    trial_run(&t, &f.items[0], &p);
    tco_cost_trial_components(&t.ws, &p, &t.set, t.draws, &t.w);
    static const double ucaas[3] = {350, 250, 300}, hybrid[3] = {380, 280, 330};
    for (int m = 1; m <= 3; m++) {
        tu_assert_cents(month_of(&t, "ucaas:U/Min", m), ucaas[m - 1]);
        tu_assert_cents(month_of(&t, "cpaas:C/Min", m), 30.00);
        tu_assert_cents(month_of(&t, "hybrid:U/Min+C/Min", m), hybrid[m - 1]);
    }
    const size_t u = option_index(&t.set, "ucaas:U/Min"), c = option_index(&t.set, "cpaas:C/Min");
    const size_t h = option_index(&t.set, "hybrid:U/Min+C/Min");
    tu_assert_cents(t.ws.total[u], 900.00);
    tu_assert_cents(t.ws.total[c], 90.00);
    tu_assert_cents(t.ws.total[h], 990.00);
    const double *cu = t.ws.components + u * TCO_N_COMPONENTS;
    tu_assert_cents(cu[TCO_COMPONENT_SEAT], 740.00);
    tu_assert_cents(cu[TCO_COMPONENT_SETUP], 100.00);
    tu_assert_cents(cu[TCO_COMPONENT_MINIMUM], 60.00);
    tu_assert_cents(t.ws.components[c * TCO_N_COMPONENTS + TCO_COMPONENT_MINIMUM], 30.00);
    tu_assert_cents(t.ws.components[h * TCO_N_COMPONENTS + TCO_COMPONENT_MINIMUM], 90.00);
    /* the break-even path prices one option alone: the same bits */
    for (size_t o = 0; o < t.set.n; o++)
        assert_true(tco_cost_option_total(&p, &t.set.items[o], t.draws, &t.w) == t.ws.total[o]);
    trial_fini(&t);

    trial_run(&t, &f.items[1], &p);
    tco_cost_trial_components(&t.ws, &p, &t.set, t.draws, &t.w);
    tu_assert_cents(month_of(&t, "ucaas:U/Min", 12), 250.00);
    tu_assert_cents(month_of(&t, "ucaas:U/Min", 13), 275.00);
    const double *ce = t.ws.components + u * TCO_N_COMPONENTS;
    tu_assert_cents(t.ws.total[u], 6400.00);
    tu_assert_cents(ce[TCO_COMPONENT_MINIMUM], 1260.00);
    tu_assert_cents(ce[TCO_COMPONENT_SEAT], 5040.00);
    tu_assert_cents(ce[TCO_COMPONENT_SETUP], 100.00);
    trial_fini(&t);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void a_minimum_may_be_a_distribution_drawn_once_per_trial(void **state)
{
    (void)state;
    /* seats cost 10 x 20 = 200 a month, below every draw of uniform(240,260): each of the 12
     * months is billed the trial's draw m, the TCO is 12 m and the minimum component 12 (m -
     * 200). */
    tco_scenario_file f;
    tu_scenarios(&f, "scenario,months,seats,phone_numbers\nd,12,10,0\n");
    tco_prices p;
    tu_prices(&p, "vendor,plan,model,item,price\n"
                  "U,Min,ucaas,seat,20\n"
                  "U,Min,ucaas,minimum,\"uniform(240,260)\"\n");
    trial t;
    trial_run(&t, &f.items[0], &p);
    tco_cost_trial_components(&t.ws, &p, &t.set, t.draws, &t.w);
    const double m = t.draws[p.plans[0].items[TCO_ITEM_MINIMUM].tiers[0].price];
    assert_true(m > 240 && m < 260);
    tu_assert_cents(t.ws.total[0], 12 * m);
    tu_assert_cents(t.ws.components[TCO_COMPONENT_MINIMUM], 12 * (m - 200));
    trial_fini(&t);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* SPEC §12.2, a migration by hand. 10 seats, 1,000 notifications a month, 14 months, 10% a
 * year escalation (months 13-14 at 1.1); $100 an hour: UCaaS setup 5 h, admin 1 h a month,
 * CPaaS build 20 h, maintenance 2 h a month; delay $300 a month, UCaaS live after 0.5 month,
 * CPaaS after 2. U/Seat: $20 a seat, $0.02 an SMS, $50 setup. C/Pay: $0.01 an SMS, $30
 * platform, $200 setup, a $45 minimum.
 *   ucaas:U/Seat  vendor 200 + 20 = 220 a month (242 from month 13), setup 50 in month 1;
 *                 labor 500 + 100, then 100; delay 0.5 x 300 = 150 in month 1:
 *                 month 1 1,020; 2-12 320; 13-14 342; TCO 1,020 + 11 x 320 + 2 x 342 = 5,224
 *   hybrid        U part 200 (220), C part 10 + 30 = 40 < 45: 45 (44 < 49.5: 49.5), setups
 *                 50 + 200; labor 600 + 2,200, then 300; delay 300 in months 1 and 2:
 *                 month 1 3,595; 2 845; 3-12 545; 13-14 569.5; TCO 11,029
 *   migrate@3     months 1-2 ucaas:U's (1,020, 320); month 3: 200 + 45 + 200 C setup + 100
 *                 admin + 2,000 build + 200 maintenance = 2,745; 4-12 545; 13-14 569.5;
 *                 TCO 1,020 + 320 + 2,745 + 9 x 545 + 2 x 569.5 = 10,129 (no CPaaS delay)
 *   migrate@13    months 1-12 ucaas:U's; month 13: 220 + 49.5 + 200 (setup, not escalated)
 *                 + 100 + 2,000 + 200 = 2,769.5; 14 569.5; TCO 1,020 + 3,520 + 2,769.5 +
 *                 569.5 = 7,879; components seat 12 x 200 + 2 x 220 = 2,840, sms 12 x 20 +
 *                 2 x 11 = 262, platform 2 x 33 = 66, minimum 2 x 5.5 = 11, setup 250,
 *                 ucaas_labor 500 + 14 x 100 = 1,900, cpaas_labor 2,000 + 2 x 200 = 2,400,
 *                 delay 150 (they add up to 7,879) */
static void a_migration_is_ucaas_before_month_k_and_the_hybrid_from_k(void **state)
{
    (void)state;
    tco_scenario_file f;
    tu_scenarios(&f, "scenario,months,seats,notifications,phone_numbers,price_escalation,"
                     "engineer_rate,ucaas_setup_hours,ucaas_admin_hours,cpaas_build_hours,"
                     "cpaas_maintenance_hours,delay_cost_per_month,ucaas_deploy_months,"
                     "cpaas_deploy_months,migrate_month\n"
                     "m,14,10,1000,0,10%,100,5,1,20,2,300,0.5,2,13 3\n");
    tco_prices p;
    tu_prices(&p, "vendor,plan,model,item,price\n"
                  "U,Seat,ucaas,seat,20\n"
                  "U,Seat,ucaas,sms,0.02\n"
                  "U,Seat,ucaas,setup,50\n"
                  "C,Pay,cpaas,sms,0.01\n"
                  "C,Pay,cpaas,platform,30\n"
                  "C,Pay,cpaas,setup,200\n"
                  "C,Pay,cpaas,minimum,45\n");
    trial t;
    trial_run(&t, &f.items[0], &p);
    tco_cost_trial_components(&t.ws, &p, &t.set, t.draws, &t.w);
    /* options: ucaas, cpaas, hybrid, then the hybrid's migrations, k ascending */
    assert_int_equal(t.set.n, 5);
    assert_string_equal(t.set.items[3].name, "migrate:U/Seat+C/Pay@3");
    assert_string_equal(t.set.items[4].name, "migrate:U/Seat+C/Pay@13");
    assert_int_equal(t.set.items[4].migrate_month, 13);
    static const char *const U = "ucaas:U/Seat", *const H = "hybrid:U/Seat+C/Pay",
                             *const M3 = "migrate:U/Seat+C/Pay@3",
                             *const M13 = "migrate:U/Seat+C/Pay@13";
    for (int m = 1; m <= 14; m++) {
        const double ucaas = m == 1 ? 1020 : m <= 12 ? 320 : 342;
        const double hybrid = m == 1 ? 3595 : m == 2 ? 845 : m <= 12 ? 545 : 569.5;
        tu_assert_cents(month_of(&t, U, m), ucaas);
        tu_assert_cents(month_of(&t, H, m), hybrid);
        tu_assert_cents(month_of(&t, M3, m), m < 3 ? ucaas : m == 3 ? 2745 : hybrid);
        tu_assert_cents(month_of(&t, M13, m), m < 13 ? ucaas : m == 13 ? 2769.5 : 569.5);
        if (m < 3) /* before k, the same bits as ucaas:U's month */
            assert_true(month_of(&t, M3, m) == month_of(&t, U, m));
    }
    tu_assert_cents(t.ws.total[option_index(&t.set, U)], 5224.00);
    tu_assert_cents(t.ws.total[option_index(&t.set, H)], 11029.00);
    tu_assert_cents(t.ws.total[option_index(&t.set, M3)], 10129.00);
    const size_t m13 = option_index(&t.set, M13);
    tu_assert_cents(t.ws.total[m13], 7879.00);
    const double *c = t.ws.components + m13 * TCO_N_COMPONENTS;
    tu_assert_cents(c[TCO_COMPONENT_SEAT], 2840.00);
    tu_assert_cents(c[TCO_COMPONENT_SMS], 262.00);
    tu_assert_cents(c[TCO_COMPONENT_PLATFORM], 66.00);
    tu_assert_cents(c[TCO_COMPONENT_MINIMUM], 11.00);
    tu_assert_cents(c[TCO_COMPONENT_SETUP], 250.00);
    tu_assert_cents(c[TCO_COMPONENT_UCAAS_LABOR], 1900.00);
    tu_assert_cents(c[TCO_COMPONENT_CPAAS_LABOR], 2400.00);
    tu_assert_cents(c[TCO_COMPONENT_DELAY], 150.00);
    for (size_t o = 0; o < t.set.n; o++) {
        double sum = 0;
        for (int k = 0; k < TCO_N_COMPONENTS; k++)
            sum += t.ws.components[o * TCO_N_COMPONENTS + (size_t)k];
        tu_assert_cents(sum, t.ws.total[o]);
        /* one option alone (tco_cost_option_total) gives the same bits */
        assert_true(tco_cost_option_total(&p, &t.set.items[o], t.draws, &t.w) == t.ws.total[o]);
    }
    trial_fini(&t);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void a_migration_is_offered_when_its_hybrid_is(void **state)
{
    (void)state;
    /* API requests: C/Sms prices no api, so the hybrid is not offered and neither are its
     * migrations (same reason); U/Seat prices no sms: ucaas:U's note (customer traffic carried
     * free) is the migrations' too, for the months before k. */
    tco_scenario_file f;
    tu_scenarios(&f, "scenario,months,seats,notifications,api_requests,migrate_month\n"
                     "a,12,10,100,1000,6\nb,12,10,100,0,6\n");
    tco_prices p;
    tu_prices(&p, "vendor,plan,model,item,price\nU,Seat,ucaas,seat,20\nC,Sms,cpaas,sms,0.01\n");
    trial t;
    trial_run(&t, &f.items[0], &p);
    const tco_option *m = &t.set.items[option_index(&t.set, "migrate:U/Seat+C/Sms@6")];
    assert_false(m->offered);
    assert_string_equal(m->not_offered_why, "C/Sms does not price api");
    assert_true(isnan(t.ws.total[option_index(&t.set, "migrate:U/Seat+C/Sms@6")]));
    trial_fini(&t);
    trial_run(&t, &f.items[1], &p);
    m = &t.set.items[option_index(&t.set, "migrate:U/Seat+C/Sms@6")];
    assert_true(m->offered);
    assert_non_null(m->note);
    assert_string_equal(m->note, t.set.items[option_index(&t.set, "ucaas:U/Seat")].note);
    trial_fini(&t);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(totals_match_the_hand_computations, setup, teardown),
        cmocka_unit_test_setup_teardown(months_of_base_match_the_hand_computations, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(delay_is_charged_by_the_share_of_each_month_before_go_live,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(escalation_steps_at_month_13_and_months_are_discounted,
                                        setup, teardown),
        cmocka_unit_test(an_option_not_offered_costs_nan_never_zero),
        cmocka_unit_test(a_ucaas_plans_number_allowance_is_per_seat_in_every_option),
        cmocka_unit_test(staff_on_a_cpaas_option_pay_labor_and_a_cost_per_seat),
        cmocka_unit_test(staff_cost_per_seat_is_escalated_and_discounted_like_vendor_prices),
        cmocka_unit_test(components_add_up_to_the_tco_and_match_the_hand_split),
        cmocka_unit_test(a_month_below_the_minimum_is_billed_the_minimum),
        cmocka_unit_test(a_minimum_may_be_a_distribution_drawn_once_per_trial),
        cmocka_unit_test(a_migration_is_ucaas_before_month_k_and_the_hybrid_from_k),
        cmocka_unit_test(a_migration_is_offered_when_its_hybrid_is),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
