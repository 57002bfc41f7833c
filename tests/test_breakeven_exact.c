/* SPDX-License-Identifier: MIT */
/* A randomised exact model of the break-even roots (issue 14): thousands of random
 * piecewise-linear cases (a UCaaS plan with a seat price and tiered SMS with an allowance per
 * seat, a CPaaS plan with tiered SMS, a flat allowance, a platform fee and sometimes a seat
 * price; voice on both, its UCaaS allowance per seat; phone numbers on both, the UCaaS
 * allowance per seat (SPEC §5: 10 seats with 1 included each and 12 numbers bill 2); a
 * minimum monthly charge on a third of the plans (SPEC §12.4: a kink where a month's charges
 * cross it, listed by the model from each month's own pieces);
 * `ucaas:` against `cpaas:` or against the hybrid; 1 to 24 months with growth, noise,
 * spikes, escalation, discounting, labor; sometimes a schedule of notifications or seats, SPEC
 * §12.1, the path then scaled as a whole and the root read as its reference level), whose
 * lowest root this
 * test finds with its own billing formula (SPEC §4-§6 written out below in long double) and
 * its own enumeration of kinks, never through tcosim's pricing or solver; then compared with
 * tco_breakeven_solve.
 *
 * Notifications: every kink of d (a month's SMS quantity meeting a tier edge or the free
 * units) is listed, d is evaluated at each exactly, and the pieces are walked from 0 with the
 * documented rule (within half a cent at a piece's start, or a change of sign across it: the
 * line's root). Seats: d is evaluated at every whole seat count from 0 up to SEATS_SCAN, the
 * first count within half a cent of 0 or of the other sign than the count before is the root.
 *
 * Tolerances: notifications roots agree to 1e-9 relative (1e-6 absolute below 1). Both
 * sides solve the same line on the same piece; tcosim's costs are double sums (at most 24
 * months x a few dozen kinks, ~1e-16 relative each), so d is off by ~1e-13 of the costs and
 * the root by that over the slope: measured, the largest difference in these cases is 1.5e-13
 * relative, so 1e-9 leaves a margin of ~10^4 while a root on the wrong piece (the fault this
 * test is for) is off by far more. Seats are whole: equal. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "tco/breakeven.h"
#include "tco/cost.h"
#include "tco/csvload.h"
#include "tco/rng.h"
#include "tco/scenario.h"
#include "tco/schedule.h"
#include "tco/workload.h"

#define N_CASES 3000
#define SEATS_SCAN 400
/* Half a cent, plus what a decimal input can be off in binary: the cases are on decimal grids,
 * so a difference of exactly half a cent is common; tcosim widens it by 1e-12 of the costs. */
#define HALF_CENT (0.005L + 1e-7L)
#define MAX_TIERS 4

/* ==== the test's own model ================================================================= */

typedef struct tiers {
    int n;
    long double lo[MAX_TIERS], hi[MAX_TIERS], price[MAX_TIERS]; /* hi[n-1] = INFINITY */
    long double included;                                      /* per seat for UCaaS */
} tiers;

typedef struct model {
    int months, seats;
    long double sms_per_seat, notifications, notif_growth, seat_growth, discount_rate,
        escalation, rate, build_hours, admin_hours;
    long double u_seat, c_seat, c_platform;
    tiers u_sms, c_sms;
    long double voice_per_seat;
    tiers u_voice, c_voice;    /* voice stays with the staff: on U in a hybrid */
    int phone_numbers;         /* rented from every plan that prices `number` */
    tiers u_number, c_number;  /* U's included per seat (SPEC §5), C's flat */
    long double u_min, c_min;  /* SPEC §12.4 minimum of U and of C, $ a month; 0: none */
    bool hybrid;           /* compare ucaas: with the hybrid U+C instead of cpaas: */
    long double seat_volatility, volume_volatility, spike_probability;
    /* SPEC §12.1: planned levels from a month on (growth 0 then), up to 3 steps each; the
     * reference levels the roots are in: the month-1 level, or where it is 0 the first planned
     * level that is not 0 (tco/workload.h) */
    int n_seat_steps, seat_step_month[3], n_notif_steps, notif_step_month[3];
    long double seat_step_level[3], notif_step_level[3];
    long double seats_ref, notif_ref;
    /* per month, from the rates above: discount, escalation, seat and notification growth */
    long double disc[24], esc[24], seat_g[24], notif_g[24];
} model;

/* A planned path P(m) (the cell before the first step) as factors P(m) / R of its reference
 * level R, into g[] (whose growth is 0); *ref = R, 0 for a plan of zeros (then g = 1). */
static void model_plan(int months, int n, const int *month, const long double *level,
                       long double cell, long double *g, long double *ref)
{
    *ref = cell;
    if (n == 0)
        return;
    long double p[24] = {0};
    long double at = cell;
    for (int i = 0, k = 0; i < months; i++) {
        for (; k < n && month[k] == i + 1; k++)
            at = level[k];
        p[i] = at;
    }
    long double r = p[0];
    for (int k = 0; !(r > 0) && k < n; k++)
        r = level[k];
    *ref = r > 0 ? r : 0;
    for (int i = 0; i < months; i++)
        g[i] = r > 0 ? p[i] / r : 1;
}

static void model_factors(model *m)
{
    for (int i = 0; i < m->months; i++) {
        m->disc[i] = powl(1 + m->discount_rate, -(long double)i / 12);
        m->esc[i] = powl(1 + m->escalation, (long double)(i / 12));
        m->seat_g[i] = powl(1 + m->seat_growth, i);
        m->notif_g[i] = powl(1 + m->notif_growth, i);
    }
    model_plan(m->months, m->n_seat_steps, m->seat_step_month, m->seat_step_level, m->seats,
               m->seat_g, &m->seats_ref);
    model_plan(m->months, m->n_notif_steps, m->notif_step_month, m->notif_step_level,
               m->notifications, m->notif_g, &m->notif_ref);
}

/* Graduated tiers: units at positions in (free, q] pay their tier's price (SPEC §5). */
static long double graduated(const tiers *t, long double q, long double free_units)
{
    long double c = 0;
    for (int k = 0; k < t->n; k++) {
        const long double top = q < t->hi[k] ? q : t->hi[k];
        const long double bottom = free_units > t->lo[k] ? free_units : t->lo[k];
        if (top > bottom)
            c += t->price[k] * (top - bottom);
    }
    return c;
}

/* Whole seats: rounded up, an integer to floating-point noise staying itself. */
static long double whole(long double y)
{
    const long double r = roundl(y);
    if (fabsl(y - r) <= 1e-7L * (fabsl(y) + 1))
        return r;
    return ceill(y);
}

/* TCO_U - TCO_C (or TCO_U - TCO_hybrid) at month-1 notifications x and month-1 seats n.
 * SPEC §6: `ucaas:` and `cpaas:` carry the whole workload on one plan (internal and customer
 * SMS together); a hybrid keeps seats and internal SMS on U (its allowance per seat) and sends
 * notifications to C (its flat allowance, its platform; no C seat). Labor: U admin hours every
 * month, the CPaaS build in month 1; a hybrid pays both. */
/* The roles a plan is billed in: U carrying everything, the other option (C carrying
 * everything, or the hybrid's C part: notifications), and the hybrid's U part (staff). */
enum { ROLE_U, ROLE_OTHER, ROLE_U_PART };

/* One role's charges in month i, before escalation and the minimum, at notifications x and
 * seats n. */
static long double role_month_raw(const model *m, int role, int i, long double x, long double n)
{
    const long double seats = whole(n * m->seat_g[i]);
    const long double internal = m->sms_per_seat * seats, customer = x * m->notif_g[i];
    const long double u_free = m->u_sms.included * seats;
    const long double minutes = m->voice_per_seat * seats;
    const long double u_voice = graduated(&m->u_voice, minutes, m->u_voice.included * seats);
    const long double u_numbers =
        graduated(&m->u_number, m->phone_numbers, m->u_number.included * seats);
    const long double c_numbers = graduated(&m->c_number, m->phone_numbers, m->c_number.included);
    if (role == ROLE_U || role == ROLE_U_PART)
        return m->u_seat * seats +
               graduated(&m->u_sms, internal + (role == ROLE_U ? customer : 0), u_free) +
               u_voice + u_numbers;
    if (m->hybrid)
        return graduated(&m->c_sms, customer, m->c_sms.included) + c_numbers + m->c_platform;
    return m->c_seat * seats + graduated(&m->c_sms, internal + customer, m->c_sms.included) +
           graduated(&m->c_voice, minutes, m->c_voice.included) + c_numbers + m->c_platform;
}

/* role_month_raw raised to the plan's minimum where below it (SPEC §12.4; none when 0). */
static long double role_month(const model *m, int role, int i, long double x, long double n)
{
    const long double c = role_month_raw(m, role, i, x, n);
    const long double least = role == ROLE_OTHER ? m->c_min : m->u_min;
    return c < least ? least : c;
}

static long double model_d(const model *m, long double x, long double n)
{
    long double d = 0;
    for (int i = 0; i < m->months; i++) {
        const long double disc = m->disc[i], esc = m->esc[i];
        const long double u = role_month(m, ROLE_U, i, x, n);
        const long double build = i == 0 ? m->build_hours : 0;
        long double other = role_month(m, ROLE_OTHER, i, x, n), labor;
        if (m->hybrid) {
            other += role_month(m, ROLE_U_PART, i, x, n);
            labor = -m->rate * build;
        } else {
            labor = m->rate * (m->admin_hours - build);
        }
        d += disc * (esc * (u - other) + labor);
    }
    return d;
}

static bool opposite(long double a, long double b)
{
    return (a < 0 && b > 0) || (a > 0 && b < 0);
}

static int cmp_ld(const void *a, const void *b)
{
    const long double x = *(const long double *)a, y = *(const long double *)b;
    return (x > y) - (x < y);
}

/* The lowest root over notifications: kinks where a month's SMS quantity meets a tier edge or
 * the free units, then the pieces in order. */
static bool model_root_notifications(const model *m, long double *root)
{
    long double xs[2 + 24 * 2 * (2 * (2 * MAX_TIERS + 1) + 2)];
    size_t n = 0;
    xs[n++] = 0;
    /* the SMS items that move with x: U's whole plan; C's whole plan or its hybrid part */
    const tiers *plans[2] = {&m->u_sms, &m->c_sms};
    for (int i = 0; i < m->months; i++) {
        const long double seats = whole(m->seats_ref * m->seat_g[i]);
        const long double b = m->notif_g[i];
        for (int p = 0; p < 2; p++) {
            const tiers *t = plans[p];
            const long double a = p == 1 && m->hybrid ? 0 : m->sms_per_seat * seats;
            long double edges[2 * MAX_TIERS + 1];
            int ne = 0;
            for (int k = 0; k < t->n; k++) {
                edges[ne++] = t->lo[k];
                if (isfinite(t->hi[k]))
                    edges[ne++] = t->hi[k];
            }
            edges[ne++] = t->included * (p == 0 ? seats : 1);
            const size_t first = n;
            for (int e = 0; e < ne; e++) {
                const long double x = (edges[e] - a) / b;
                if (x > 0 && x < 1e12L)
                    xs[n++] = x;
            }
            /* SPEC §12.4: where the month's charges of the role cross its minimum, between
             * two of its own kinks (or beyond the last) */
            if ((p == 0 ? m->u_min : m->c_min) > 0) {
                long double ks[2 * MAX_TIERS + 3];
                size_t nk = 0;
                ks[nk++] = 0;
                for (size_t j = first; j < n; j++)
                    ks[nk++] = xs[j];
                ks[nk++] = 1e12L;
                qsort(ks, nk, sizeof ks[0], cmp_ld);
                const int role = p == 0 ? ROLE_U : ROLE_OTHER;
                const long double least = p == 0 ? m->u_min : m->c_min;
                for (size_t j = 0; j + 1 < nk; j++) {
                    /* the role's charges are linear between two of its kinks */
                    const long double x0 = ks[j], x1 = ks[j + 1];
                    if (x1 <= x0)
                        continue;
                    const long double f0 = role_month_raw(m, role, i, x0, m->seats_ref);
                    const long double f1 = role_month_raw(m, role, i, x1, m->seats_ref);
                    if ((f0 - least) * (f1 - least) < 0)
                        xs[n++] = x0 + (x1 - x0) * (least - f0) / (f1 - f0);
                }
            }
        }
    }
    xs[n++] = 1e12L;
    qsort(xs, n, sizeof xs[0], cmp_ld);
    for (size_t k = 0; k + 1 < n; k++) {
        const long double a = xs[k], b = xs[k + 1];
        if (b == a)
            continue;
        const long double da = model_d(m, a, m->seats_ref), db = model_d(m, b, m->seats_ref);
        if (fabsl(da) <= HALF_CENT && (fabsl(db) <= HALF_CENT || !opposite(da, db))) {
            *root = a;
            return true;
        }
        if (opposite(da, db)) {
            *root = a + (b - a) * (da / (da - db));
            return true;
        }
        if (k + 2 == n && fabsl(db) <= HALF_CENT) {
            *root = b;
            return true;
        }
    }
    return false;
}

/* The lowest whole seat count within half a cent of 0 or of the other sign than the one
 * before, up to SEATS_SCAN; -1 when none. */
static long model_root_seats(const model *m)
{
    long double prev = 0;
    for (long n = 0; n <= SEATS_SCAN; n++) {
        const long double d = model_d(m, m->notif_ref, n);
        if (fabsl(d) <= HALF_CENT || (n > 0 && opposite(prev, d)))
            return n;
        prev = d;
    }
    return -1;
}

/* ==== random cases ========================================================================= */

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static double uniform(void)
{
    /* xorshift64*: the test's own, so the cases do not depend on tcosim's generator */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 2685821657736338717u) >> 11) / 9007199254740992.0;
}

static int pick(int n)
{
    return (int)(uniform() * n) % n;
}

/* Money and volumes on a grid (cents, tenths of a cent): plain numbers in the CSV text, read
 * back exactly as the model holds them. */
static double grid(double lo, double hi, double step)
{
    return lo + step * floor(uniform() * ((hi - lo) / step + 1));
}

static void random_tiers(tiers *t, int n, double included)
{
    t->n = n;
    t->included = included;
    double lo = 0;
    for (int k = 0; k < n; k++) {
        t->lo[k] = lo;
        t->price[k] = grid(0.001, 0.08, 0.0005);
        if (k + 1 < n) {
            lo += grid(500, 40000, 500);
            t->hi[k] = lo;
        } else {
            t->hi[k] = INFINITY;
        }
    }
}

/* Up to 3 increasing months of 1..months at which a plan steps; their count. */
static int random_steps(int months, int *month)
{
    int n = 0;
    for (int mo = 1; mo <= months && n < 3; mo++)
        if (pick(months) < 2)
            month[n++] = mo;
    return n;
}

static void random_model(model *m)
{
    static const int MONTHS[] = {1, 1, 2, 3, 6, 12, 24};
    memset(m, 0, sizeof *m);
    m->months = MONTHS[pick(7)];
    m->seats = 1 + pick(50);
    m->sms_per_seat = pick(3) == 0 ? 37.5 : pick(2) ? 10 : 0;
    m->notifications = grid(0, 100000, 10);
    m->notif_growth = pick(3) == 0 ? 0.02 : pick(3) == 0 ? -0.015 : 0;
    m->seat_growth = pick(4) == 0 ? 0.017 : 0;
    m->discount_rate = pick(3) == 0 ? 0.08 : 0;
    m->escalation = pick(3) == 0 ? 0.04 : 0;
    m->rate = 80;
    m->build_hours = pick(3) == 0 ? 10 : 0;
    m->admin_hours = pick(3) == 0 ? 1 : 0;
    m->u_seat = grid(1, 40, 0.01);
    m->c_seat = pick(5) == 0 ? grid(0.5, 5, 0.01) : 0;
    m->c_platform = pick(3) ? grid(0, 400, 1) : 0;
    m->hybrid = pick(3) == 0;
    m->seat_volatility = pick(4) == 0 ? 0.05 : 0;
    m->volume_volatility = pick(4) == 0 ? 0.3 : 0;
    m->spike_probability = pick(4) == 0 ? 0.3 : 0;
    static const double U_FREE[] = {0, 100, 500, 1000}, C_FREE[] = {0, 0, 1000, 5000};
    random_tiers(&m->u_sms, pick(4), U_FREE[pick(4)]);
    random_tiers(&m->c_sms, 1 + pick(4), C_FREE[pick(4)]);
    /* voice: a CPaaS plan must price it when the staff talk (else it is not offered) */
    m->voice_per_seat = pick(3) == 0 ? 30 : 0;
    random_tiers(&m->u_voice, pick(3), pick(2) ? 100 : 0);
    random_tiers(&m->c_voice, m->voice_per_seat > 0 ? 1 + pick(2) : pick(2), pick(3) ? 0 : 200);
    /* phone numbers: U's allowance per seat moves with seats (a kink where seats x included
     * reaches the count), C's is flat */
    m->phone_numbers = pick(3) == 0 ? 0 : 1 + pick(40);
    random_tiers(&m->u_number, pick(2), pick(2) ? 1 : 0);
    random_tiers(&m->c_number, pick(2), pick(3) ? 0 : 2);
    for (int k = 0; k < m->u_number.n; k++)
        m->u_number.price[k] = grid(0.5, 5, 0.01);
    for (int k = 0; k < m->c_number.n; k++)
        m->c_number.price[k] = grid(0.5, 5, 0.01);
    /* SPEC §12.1: a schedule in some cases, replacing the growth of what it plans; sometimes a
     * product launched later (no notifications before the plan's first month) */
    if (m->months > 1 && pick(3) == 0) {
        m->n_notif_steps = random_steps(m->months, m->notif_step_month);
        for (int k = 0; k < m->n_notif_steps; k++)
            m->notif_step_level[k] = pick(5) == 0 ? 0 : grid(0, 100000, 10);
        if (m->n_notif_steps > 0) {
            m->notif_growth = 0;
            if (pick(2) == 0)
                m->notifications = 0;
        }
    }
    if (m->months > 1 && pick(4) == 0) {
        m->n_seat_steps = random_steps(m->months, m->seat_step_month);
        for (int k = 0; k < m->n_seat_steps; k++)
            m->seat_step_level[k] = 1 + pick(60);
        if (m->n_seat_steps > 0)
            m->seat_growth = 0;
    }
    /* SPEC §12.4: a minimum on a third of the plans, from below a month's seat fees to above
     * most months' whole bill (so that it binds in some months and not in others) */
    m->u_min = pick(3) == 0 ? grid(10, 2000, 1) : 0;
    m->c_min = pick(3) == 0 ? grid(10, 2000, 1) : 0;
    model_factors(m);
}

/* ==== the same case in tcosim ============================================================== */

static size_t put(char *buf, size_t size, size_t at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const int n = vsnprintf(buf + at, size - at, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < size - at);
    return at + (size_t)n;
}

static size_t put_tiers(char *buf, size_t size, size_t at, const char *plan, const char *item,
                        const tiers *t)
{
    for (int k = 0; k < t->n; k++) {
        at = put(buf, size, at, "%s,%s,%.4Lf,%.0Lf,", plan, item, t->price[k], t->lo[k]);
        if (isfinite(t->hi[k]))
            at = put(buf, size, at, "%.0Lf", t->hi[k]);
        if (k == 0) /* `included` on one row of the item */
            at = put(buf, size, at, ",%.0Lf", t->included);
        else
            at = put(buf, size, at, ",");
        at = put(buf, size, at, "\n");
    }
    return at;
}

static void load(const char *name, const char *text, tco_csv_table *t)
{
    tco_diag_list d;
    tco_diag_list_init(&d);
    tco_csv_table_init(t);
    assert_int_equal(tco_csv_load_buffer(name, text, strlen(text), t, &d), TCO_OK);
    tco_diag_list_fini(&d);
}

/* tcosim's lowest root of the case on `axis`. With noise or spikes the trial's random path is
 * an input of the model: its seat and notification shapes are copied into m (the billing
 * formula stays the test's own); without, the model's own growth factors must match them. */
static bool tcosim_root(model *m, tco_breakeven_axis axis, double *root)
{
    char scn[1024], sheet[4096];
    put(scn, sizeof scn, 0,
        "scenario,months,seats,internal_sms_per_seat,notifications,notification_growth,"
        "seat_growth,discount_rate,price_escalation,engineer_rate,cpaas_build_hours,"
        "ucaas_admin_hours,seat_volatility,volume_volatility,spike_probability,spike_multiplier,"
        "voice_minutes_per_seat,phone_numbers\n"
        "x,%d,%d,%.1Lf,%.0Lf,%.3Lf,%.3Lf,%.2Lf,%.2Lf,%.0Lf,%.0Lf,%.0Lf,%.2Lf,%.2Lf,%.2Lf,2.5,"
        "%.0Lf,%d\n",
        m->months, m->seats, m->sms_per_seat, m->notifications, m->notif_growth, m->seat_growth,
        m->discount_rate, m->escalation, m->rate, m->build_hours, m->admin_hours,
        m->seat_volatility, m->volume_volatility, m->spike_probability, m->voice_per_seat,
        m->phone_numbers);
    size_t at = put(sheet, sizeof sheet, 0,
                    "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                    "U,A,ucaas,seat,%.2Lf,,,\n",
                    m->u_seat);
    at = put_tiers(sheet, sizeof sheet, at, "U,A,ucaas", "sms", &m->u_sms);
    at = put_tiers(sheet, sizeof sheet, at, "C,B,cpaas", "sms", &m->c_sms);
    at = put_tiers(sheet, sizeof sheet, at, "U,A,ucaas", "voice", &m->u_voice);
    at = put_tiers(sheet, sizeof sheet, at, "C,B,cpaas", "voice", &m->c_voice);
    at = put_tiers(sheet, sizeof sheet, at, "U,A,ucaas", "number", &m->u_number);
    at = put_tiers(sheet, sizeof sheet, at, "C,B,cpaas", "number", &m->c_number);
    if (m->c_seat > 0)
        at = put(sheet, sizeof sheet, at, "C,B,cpaas,seat,%.2Lf,,,\n", m->c_seat);
    at = put(sheet, sizeof sheet, at, "C,B,cpaas,platform,%.0Lf,,,\n", m->c_platform);
    if (m->u_min > 0)
        at = put(sheet, sizeof sheet, at, "U,A,ucaas,minimum,%.0Lf,,,\n", m->u_min);
    if (m->c_min > 0)
        put(sheet, sizeof sheet, at, "C,B,cpaas,minimum,%.0Lf,,,\n", m->c_min);

    tco_diag_list d;
    tco_diag_list_init(&d);
    tco_csv_table t;
    load("s.csv", scn, &t);
    tco_scenario_file f;
    tco_scenario_file_init(&f);
    assert_int_equal(tco_scenario_from_table(&t, &f, &d), TCO_OK);
    tco_csv_table_fini(&t);
    /* the schedule, bound as `run --schedule` does: a row per month that plans something */
    char plan[512];
    size_t pat;
    tco_schedule sc;
    tco_schedule_init(&sc);
    if (m->n_seat_steps + m->n_notif_steps > 0) {
        pat = put(plan, sizeof plan, 0, "scenario,month,seats,notifications\n");
        for (int mo = 1; mo <= m->months; mo++) {
            int si = -1, ni = -1;
            for (int k = 0; k < m->n_seat_steps; k++)
                if (m->seat_step_month[k] == mo)
                    si = k;
            for (int k = 0; k < m->n_notif_steps; k++)
                if (m->notif_step_month[k] == mo)
                    ni = k;
            if (si < 0 && ni < 0)
                continue;
            pat = put(plan, sizeof plan, pat, "x,%d,", mo);
            if (si >= 0)
                pat = put(plan, sizeof plan, pat, "%.0Lf", m->seat_step_level[si]);
            pat = put(plan, sizeof plan, pat, ",");
            if (ni >= 0)
                pat = put(plan, sizeof plan, pat, "%.0Lf", m->notif_step_level[ni]);
            pat = put(plan, sizeof plan, pat, "\n");
        }
        load("sc.csv", plan, &t);
        assert_int_equal(tco_schedule_from_table(&t, &sc, &d), TCO_OK);
        assert_int_equal(tco_schedule_bind(&sc, &f, 1, true, &d), TCO_OK);
        tco_csv_table_fini(&t);
    }
    load("p.csv", sheet, &t);
    tco_prices p;
    tco_prices_init(&p);
    assert_int_equal(tco_prices_add_sheet(&p, &t, &d), TCO_OK);
    assert_int_equal(tco_prices_finish(&p, &d), TCO_OK);
    tco_csv_table_fini(&t);
    tco_diag_list_fini(&d);

    tco_option_set set;
    tco_options_build(&set, &p, &f.items[0]);
    const tco_option *u = NULL, *c = NULL;
    const tco_option_kind other = m->hybrid ? TCO_OPTION_HYBRID : TCO_OPTION_CPAAS;
    for (size_t o = 0; o < set.n; o++) {
        if (set.items[o].kind == TCO_OPTION_UCAAS)
            u = &set.items[o];
        if (set.items[o].kind == other)
            c = &set.items[o];
    }
    assert_true(u && c && u->offered && c->offered);
    tco_workload w;
    tco_workload_init(&w, f.items[0].months);
    tco_cost_ws cost;
    tco_cost_ws_init(&cost, p.n_plans, set.n, f.items[0].months);
    double *draws = calloc(p.n_values + 1, sizeof *draws);
    gsl_rng *r = tco_rng_alloc();
    tco_workload_sample(&w, &f.items[0], r);
    tco_prices_draw(&p, r, draws);
    /* the reference levels are the model's (tco/workload.h) */
    assert_true((long double)w.draws[TCO_SCN_SEATS] == m->seats_ref);
    assert_true((long double)w.draws[TCO_SCN_NOTIFICATIONS] == m->notif_ref);
    for (int i = 0; i < m->months; i++) {
        if (m->seat_volatility > 0 || m->volume_volatility > 0 || m->spike_probability > 0) {
            m->seat_g[i] = w.seat_shape[i];
            m->notif_g[i] = w.notif_shape[i];
        } else {
            assert_true(fabsl(m->seat_g[i] - w.seat_shape[i]) <= 1e-13L * m->seat_g[i]);
            assert_true(fabsl(m->notif_g[i] - w.notif_shape[i]) <= 1e-13L * m->notif_g[i]);
        }
    }
    tco_cost_trial(&cost, &p, &set, draws, &w);
    tco_breakeven_problem pb = {&p, u, c, draws, &w, &cost};
    tco_breakeven_solver *s = tco_breakeven_solver_alloc();
    const bool ok = tco_breakeven_solve(s, &pb, axis, root);
    tco_breakeven_solver_free(s);
    gsl_rng_free(r);
    free(draws);
    tco_cost_ws_fini(&cost);
    tco_workload_fini(&w);
    tco_options_fini(&set);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
    tco_schedule_fini(&sc);
    return ok;
}

/* ==== the comparisons ====================================================================== */

static void random_cases_agree_on_break_even_notifications(void **state)
{
    (void)state;
    rng_state = 0x9e3779b97f4a7c15u;
    unsigned with_root = 0, multi = 0, scheduled = 0, launched = 0;
    for (int k = 0; k < N_CASES; k++) {
        model m;
        random_model(&m);
        scheduled += m.n_notif_steps + m.n_seat_steps > 0;
        /* a product launched later: the root is read as the level of its first month */
        launched += m.n_notif_steps > 0 && m.notifications == 0 && m.notif_ref > 0;
        double got;
        const bool ok = tcosim_root(&m, TCO_BREAKEVEN_NOTIFICATIONS, &got);
        long double want;
        const bool has = model_root_notifications(&m, &want);
        if (has != ok)
            fail_msg("case %d: model %s (%.17Lg), tcosim %s (%.17g)", k, has ? "a root" : "none",
                     has ? want : 0.0L, ok ? "a root" : "none", got);
        if (!has)
            continue;
        with_root++;
        const long double err = fabsl((long double)got - want);
        if (!(err <= 1e-9L * fabsl(want) || err <= 1e-6L))
            fail_msg("case %d: model %.17Lg, tcosim %.17g", k, want, got);
        /* the trial's own level above the root with d of the root's sign there: a second root
         * lies between (the case the bracket search missed) */
        if (m.notif_ref > want &&
            (model_d(&m, 0, m.seats_ref) > 0) == (model_d(&m, m.notif_ref, m.seats_ref) > 0))
            multi++;
    }
    /* the mix has roots, and cases with two roots on one side of the trial's level */
    assert_true(with_root > N_CASES / 4);
    assert_true(multi > 10);
    assert_true(scheduled > N_CASES / 10);
    assert_true(launched > 20);
}

static void random_cases_agree_on_break_even_seats(void **state)
{
    (void)state;
    rng_state = 0x2545f4914f6cdd1du;
    unsigned with_root = 0;
    for (int k = 0; k < N_CASES; k++) {
        model m;
        random_model(&m);
        double got;
        const bool ok = tcosim_root(&m, TCO_BREAKEVEN_SEATS, &got);
        const long want = model_root_seats(&m);
        if (want >= 0) {
            with_root++;
            if (!ok || got != (double)want)
                fail_msg("case %d: model %ld seats, tcosim %s %.17g", k, want,
                         ok ? "root" : "none", got);
        } else if (ok && got <= SEATS_SCAN) {
            fail_msg("case %d: model none up to %d seats, tcosim %.17g", k, SEATS_SCAN, got);
        }
    }
    assert_true(with_root > N_CASES / 4);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_cases_agree_on_break_even_notifications),
        cmocka_unit_test(random_cases_agree_on_break_even_seats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
