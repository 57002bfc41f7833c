/* SPDX-License-Identifier: MIT */
/* Known-answer tests of price (SPEC §5 billing): graduated tiers, the boundary conventions of a
 * sheet, `included` units free first, UCaaS allowances per seat, `api` per 1,000 requests,
 * `number` x phone numbers, `platform` flat, `setup` in month 1 only and never escalated, and
 * escalation of everything else. Every expected value is worked by hand in a comment and
 * compared to the cent (or exactly where the arithmetic is exact). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"
#include "tco/price.h"
#include "tco/rng.h"

/* The SPEC's SMS example: 0-150000 at 0.0083, 150000-300000 at 0.0081, open at 0.0079. */
static const double SMS_PRICES[] = {0.0083, 0.0081, 0.0079};
static tco_tier SMS_TIERS[] = {
    {0, 150000, 0, 1},
    {150000, 300000, 1, 2},
    {300000, INFINITY, 2, 3},
};

/* What one plan is asked to carry in one month (the oracle's input). */
typedef struct month_usage {
    double seats, sms, voice, api, numbers;
} month_usage;

static tco_item_price sms_item(double included)
{
    tco_item_price ip = {3, SMS_TIERS, included};
    return ip;
}

static void graduated_tiers_charge_each_unit_at_its_tiers_price(void **state)
{
    (void)state;
    tco_item_price ip = sms_item(0);
    /* 200,000 messages: 150000 x 0.0083 + 50000 x 0.0081 = 1245 + 405 = 1650.00 */
    tu_assert_cents(tco_price_item(&ip, SMS_PRICES, 200000, 0), 1650.00);
    /* 350,000: 1245 + 150000 x 0.0081 (1215) + 50000 x 0.0079 (395) = 2855.00 */
    tu_assert_cents(tco_price_item(&ip, SMS_PRICES, 350000, 0), 2855.00);
    /* 1,000 within the first tier: 8.30 */
    tu_assert_cents(tco_price_item(&ip, SMS_PRICES, 1000, 0), 8.30);
    /* nothing sent, nothing charged */
    assert_true(tco_price_item(&ip, SMS_PRICES, 0, 0) == 0.0);
}

static void a_tiers_upper_bound_belongs_to_that_tier(void **state)
{
    (void)state;
    tco_item_price ip = sms_item(0);
    /* Units at positions (lo, hi]: unit 150,000 is the first tier's last, so 150,000 messages
     * are 150000 x 0.0083 = 1245.00, and the 150,001st costs 0.0081 more. */
    double at = tco_price_item(&ip, SMS_PRICES, 150000, 0);
    double after = tco_price_item(&ip, SMS_PRICES, 150001, 0);
    tu_assert_cents(at, 1245.00);
    assert_true(fabs((after - at) - 0.0081) < 1e-9);
    /* unit 300,000 is the second tier's last: 1245 + 150000 x 0.0081 = 2460.00 */
    tu_assert_cents(tco_price_item(&ip, SMS_PRICES, 300000, 0), 2460.00);
}

static void included_units_are_the_first_units_and_free(void **state)
{
    (void)state;
    tco_item_price ip = sms_item(1000);
    /* SPEC §5: tier 0-150000 with included 1000 charges units 1,000-150,000:
     * 200,000 messages: 149000 x 0.0083 (1236.70) + 50000 x 0.0081 (405) = 1641.70 */
    tu_assert_cents(tco_price_item(&ip, SMS_PRICES, 200000, 1000), 1641.70);
    /* within the allowance: free */
    assert_true(tco_price_item(&ip, SMS_PRICES, 1000, 1000) == 0.0);
    assert_true(tco_price_item(&ip, SMS_PRICES, 500, 1000) == 0.0);
    /* an allowance past the first tier: 250,000 with 200,000 free = 50000 x 0.0081 = 405.00 */
    tu_assert_cents(tco_price_item(&ip, SMS_PRICES, 250000, 200000), 405.00);
}

/* ---- plans from a sheet ---------------------------------------------------------------- */

/* Continuous (SPEC §5) and inclusive (vendors' tables) boundaries of the same tiers. */
static const char SHEET[] =
    "vendor,plan,model,item,price,tier_from,tier_to,included\n"
    "U,Pro,ucaas,seat,20,,,\n"
    "U,Pro,ucaas,sms,0.01,,,100\n"
    "U,Pro,ucaas,platform,49,,,\n"
    "U,Pro,ucaas,setup,500,,,\n"
    "C,Pay,cpaas,sms,0.01,,,100\n"
    "C,Pay,cpaas,api,1.50,,,5000\n"
    "C,Pay,cpaas,number,1.15,,,\n"
    "C,Cont,cpaas,sms,0.0083,0,150000,\n"
    "C,Cont,cpaas,sms,0.0081,150000,300000,\n"
    "C,Cont,cpaas,sms,0.0079,300000,,\n"
    "C,Incl,cpaas,sms,0.0083,1,150000,\n"
    "C,Incl,cpaas,sms,0.0081,150001,300000,\n"
    "C,Incl,cpaas,sms,0.0079,300001,,\n"
    "C,ApiTier,cpaas,api,2.00,0,10000,\n"
    "C,ApiTier,cpaas,api,1.00,10000,,\n"
    /* an allowance on every item (SPEC §5: per seat on a UCaaS plan but for `seat`) */
    "U,Every,ucaas,seat,20,,,2\n"
    "U,Every,ucaas,sms,0.01,,,100\n"
    "U,Every,ucaas,voice,0.02,,,50\n"
    "U,Every,ucaas,api,1.00,,,1000\n"
    "U,Every,ucaas,number,2,,,1\n"
    "U,Every,ucaas,platform,49,,,\n"
    "U,Free,ucaas,platform,49,,,1\n"
    "U,Free,ucaas,setup,300,,,0.1\n"
    "U,Tiered,ucaas,number,3,0,15,0.5\n"
    "U,Tiered,ucaas,number,1,15,,\n"
    "C,Nums,cpaas,number,2,,,1\n"
    "C,Nums,cpaas,platform,49,,,1\n";

typedef struct fixture {
    tco_prices p;
    double *draws;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    tu_prices(&f->p, SHEET);
    f->draws = calloc(f->p.n_values + 1, sizeof *f->draws);
    gsl_rng *r = tco_rng_alloc();
    tco_prices_draw(&f->p, r, f->draws); /* constants: the draws are the prices */
    gsl_rng_free(r);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tco_prices_fini(&f->p);
    free(f->draws);
    free(f);
    return 0;
}

static const tco_plan *plan(const fixture *f, const char *name)
{
    for (size_t i = 0; i < f->p.n_plans; i++)
        if (strcmp(f->p.plans[i].name, name) == 0)
            return &f->p.plans[i];
    fail_msg("no plan %s", name);
    return NULL;
}

/* The charges in month `month` (1-based) of usage u every month, priced by the engine's
 * month-vector pricing at escalation esc. */
static double month_cost(const fixture *f, const char *name, month_usage u, int month, double esc)
{
    enum { MAX_MONTHS = 64 };
    double seats[MAX_MONTHS], sms[MAX_MONTHS], voice[MAX_MONTHS], api[MAX_MONTHS];
    double escs[MAX_MONTHS], out[MAX_MONTHS];
    assert_true(month >= 1 && month <= MAX_MONTHS);
    for (int m = 0; m < month; m++) {
        seats[m] = u.seats;
        sms[m] = u.sms;
        voice[m] = u.voice;
        api[m] = u.api;
        escs[m] = esc;
    }
    const tco_usage_months um = {seats, sms, voice, api, u.numbers};
    tco_price_plan_months(plan(f, name), f->draws, &um, 1, month, escs, out);
    return out[month - 1];
}

/* SPEC §5 written the plain way, one month and one item at a time: the oracle that the
 * engine's branch-free month-vector pricing must match bit for bit. */
static double reference_plan_month(const tco_plan *plan, const double *prices,
                                   const month_usage *u, int month, double escalation)
{
    const bool ucaas = plan->model == TCO_MODEL_UCAAS;
    /* SPEC §5: a UCaaS plan's `included` is per seat for every item but seat. */
    const double per_seat = ucaas ? u->seats : 1;
    const tco_item_price *it = plan->items;
    double cost = 0;
    if (it[TCO_ITEM_SEAT].n_tiers)
        cost += tco_price_item(&it[TCO_ITEM_SEAT], prices, u->seats, it[TCO_ITEM_SEAT].included);
    if (it[TCO_ITEM_SMS].n_tiers && u->sms > 0)
        cost += tco_price_item(&it[TCO_ITEM_SMS], prices, u->sms,
                               it[TCO_ITEM_SMS].included * per_seat);
    if (it[TCO_ITEM_VOICE].n_tiers && u->voice > 0)
        cost += tco_price_item(&it[TCO_ITEM_VOICE], prices, u->voice,
                               it[TCO_ITEM_VOICE].included * per_seat);
    if (it[TCO_ITEM_API].n_tiers && u->api > 0)
        cost += tco_price_item(&it[TCO_ITEM_API], prices, u->api,
                               it[TCO_ITEM_API].included * per_seat) / 1000.0;
    if (it[TCO_ITEM_NUMBER].n_tiers)
        cost += tco_price_item(&it[TCO_ITEM_NUMBER], prices, u->numbers,
                               it[TCO_ITEM_NUMBER].included * per_seat);
    if (it[TCO_ITEM_PLATFORM].n_tiers)
        cost += tco_price_item(&it[TCO_ITEM_PLATFORM], prices, 1,
                               it[TCO_ITEM_PLATFORM].included * per_seat);
    cost *= escalation;
    if (month == 1 && it[TCO_ITEM_SETUP].n_tiers)
        cost += tco_price_item(&it[TCO_ITEM_SETUP], prices, 1,
                               it[TCO_ITEM_SETUP].included * per_seat);
    return cost;
}


static void both_boundary_conventions_bill_the_same(void **state)
{
    const fixture *f = *state;
    month_usage u = {0, 200000, 0, 0, 0};
    /* 1650.00 as above, whichever way the sheet writes the boundaries */
    tu_assert_cents(month_cost(f, "C/Cont", u, 2, 1), 1650.00);
    tu_assert_cents(month_cost(f, "C/Incl", u, 2, 1), 1650.00);
    u.sms = 150000; /* 1245.00: the boundary unit is the first tier's */
    tu_assert_cents(month_cost(f, "C/Cont", u, 2, 1), 1245.00);
    tu_assert_cents(month_cost(f, "C/Incl", u, 2, 1), 1245.00);
    u.sms = 350000; /* 2855.00 */
    tu_assert_cents(month_cost(f, "C/Incl", u, 2, 1), 2855.00);
}

static void ucaas_allowance_is_per_seat_cpaas_is_per_plan(void **state)
{
    const fixture *f = *state;
    /* U/Pro, month 2 (no setup), 10 seats, 1,500 SMS: included 100 x 10 seats = 1000 free;
     * seats 10 x 20 = 200; sms (1500 - 1000) x 0.01 = 5; platform 49: 254.00 */
    month_usage u = {10, 1500, 0, 0, 1};
    tu_assert_cents(month_cost(f, "U/Pro", u, 2, 1), 254.00);
    /* 900 SMS, inside the 1,000 allowance: 200 + 49 = 249.00 */
    u.sms = 900;
    tu_assert_cents(month_cost(f, "U/Pro", u, 2, 1), 249.00);
    /* C/Pay: included 100 for the plan, seats do not multiply it: (1500 - 100) x 0.01 = 14.00,
     * and 1 number x 1.15: 15.15 */
    month_usage c = {10, 1500, 0, 0, 1};
    tu_assert_cents(month_cost(f, "C/Pay", c, 2, 1), 15.15);
}

static void every_ucaas_allowance_but_seat_is_per_seat(void **state)
{
    const fixture *f = *state;
    /* U/Every, month 2, 10 seats, 1,500 SMS, 600 minutes, 25,000 requests, 12 numbers:
     *   seat     2 free seats (flat):         (10 - 2) x 20            = 160
     *   sms      100 x 10 = 1,000 free:       (1500 - 1000) x 0.01     =   5
     *   voice    50 x 10 = 500 free:          (600 - 500) x 0.02       =   2
     *   api      1,000 x 10 = 10,000 free:    (25000 - 10000)/1000 x 1 =  15
     *   number   1 x 10 = 10 free (issue 14): (12 - 10) x 2            =   4 (not 11 x 2)
     *   platform none included:                                          49
     * total 235.00 */
    month_usage u = {10, 1500, 600, 25000, 12};
    tu_assert_cents(month_cost(f, "U/Every", u, 2, 1), 235.00);
    /* 3 seats: seat 1 x 20 = 20; sms 1200 x 0.01 = 12; voice 450 x 0.02 = 9; api 22 x 1 = 22;
     * number (12 - 3) x 2 = 18; platform 49: 130.00 */
    u.seats = 3;
    tu_assert_cents(month_cost(f, "U/Every", u, 2, 1), 130.00);
    /* 0 seats: no seat to pay and no allowance: sms 15, voice 12, api 25, number 24,
     * platform 49: 125.00 */
    u.seats = 0;
    tu_assert_cents(month_cost(f, "U/Every", u, 2, 1), 125.00);
    /* 12 seats: every number free: seat 10 x 20 = 200; sms (1500 - 1200) x 0.01 = 3; voice
     * 600 - 600 = 0; api (25000 - 12000)/1000 = 13; number 0; platform 49: 265.00 */
    u.seats = 12;
    tu_assert_cents(month_cost(f, "U/Every", u, 2, 1), 265.00);
    /* U/Free: platform 1 per seat (free from 1 seat), setup 0.1 per month-1 seat. Month 1:
     * 10 seats: both free, 0; 5 seats: setup (1 - 0.5) x 300 = 150; 0 seats: 49 + 300 = 349 */
    month_usage z = {10, 0, 0, 0, 0};
    tu_assert_cents(month_cost(f, "U/Free", z, 1, 1), 0.00);
    z.seats = 5;
    tu_assert_cents(month_cost(f, "U/Free", z, 1, 1), 150.00);
    z.seats = 0;
    tu_assert_cents(month_cost(f, "U/Free", z, 1, 1), 349.00);
    /* U/Tiered: numbers 3 each up to 15, 1 above; 0.5 x seats free first. 20 numbers:
     * 10 seats: 5 free: (15 - 5) x 3 + 5 x 1 = 35; 40 seats: 20 free: 0 */
    month_usage t = {10, 0, 0, 0, 20};
    tu_assert_cents(month_cost(f, "U/Tiered", t, 2, 1), 35.00);
    t.seats = 40;
    tu_assert_cents(month_cost(f, "U/Tiered", t, 2, 1), 0.00);
    /* a CPaaS plan's allowance is per plan, whatever the seats: C/Nums 12 numbers, 1 free:
     * 11 x 2 = 22; platform 1 included of 1: 0; total 22.00 at 10 seats and at 0 */
    month_usage c = {10, 0, 0, 0, 12};
    tu_assert_cents(month_cost(f, "C/Nums", c, 2, 1), 22.00);
    c.seats = 0;
    tu_assert_cents(month_cost(f, "C/Nums", c, 2, 1), 22.00);
}

static void ucaas_covers_the_usage_it_does_not_price(void **state)
{
    const fixture *f = *state;
    /* U/Pro prices no voice and no api: 10 seats, a million minutes and requests cost only the
     * seats and platform: 200 + 49 = 249.00 */
    month_usage u = {10, 0, 1e6, 1e6, 1};
    tu_assert_cents(month_cost(f, "U/Pro", u, 2, 1), 249.00);
}

static void api_is_priced_per_thousand_requests(void **state)
{
    const fixture *f = *state;
    /* C/Pay: 25,000 requests, 5,000 included: 20000 / 1000 x 1.50 = 30.00, + 1 number 1.15 */
    month_usage u = {0, 0, 0, 25000, 1};
    tu_assert_cents(month_cost(f, "C/Pay", u, 2, 1), 31.15);
    /* C/ApiTier: tiers count requests: 0-10000 at 2.00/1k, open at 1.00/1k; 25,000 requests:
     * 10 x 2.00 + 15 x 1.00 = 35.00 */
    tu_assert_cents(month_cost(f, "C/ApiTier", u, 2, 1), 35.00);
    /* 500 requests: 0.5 x 2.00 = 1.00 */
    u.api = 500;
    tu_assert_cents(month_cost(f, "C/ApiTier", u, 2, 1), 1.00);
}

static void number_is_priced_per_phone_number(void **state)
{
    const fixture *f = *state;
    /* C/Pay with no usage: 3 numbers x 1.15 = 3.45; 0 numbers: 0 */
    month_usage u = {0, 0, 0, 0, 3};
    tu_assert_cents(month_cost(f, "C/Pay", u, 2, 1), 3.45);
    u.numbers = 0;
    assert_true(month_cost(f, "C/Pay", u, 2, 1) == 0.0);
}

static void platform_is_flat_and_setup_is_month_one_only(void **state)
{
    const fixture *f = *state;
    month_usage u = {10, 0, 0, 0, 1};
    /* month 1: seats 200 + platform 49 + setup 500 = 749.00 */
    tu_assert_cents(month_cost(f, "U/Pro", u, 1, 1), 749.00);
    /* month 2 and month 7: 249.00 (setup once) */
    tu_assert_cents(month_cost(f, "U/Pro", u, 2, 1), 249.00);
    tu_assert_cents(month_cost(f, "U/Pro", u, 7, 1), 249.00);
    /* platform does not depend on seats: 0 seats, 49.00 */
    u.seats = 0;
    tu_assert_cents(month_cost(f, "U/Pro", u, 2, 1), 49.00);
}

static void escalation_multiplies_everything_but_setup(void **state)
{
    const fixture *f = *state;
    month_usage u = {10, 1500, 0, 0, 1};
    /* month 13 at escalation 1.1: (200 + 5 + 49) x 1.1 = 254 x 1.1 = 279.40 */
    tu_assert_cents(month_cost(f, "U/Pro", u, 13, 1.1), 279.40);
    /* month 1 at escalation 1.1 (a caller's choice): 254 x 1.1 + 500 (setup unescalated)
     * = 779.40 */
    tu_assert_cents(month_cost(f, "U/Pro", u, 1, 1.1), 779.40);
    /* C/Cont 200,000 SMS at 1.21: 1650 x 1.21 = 1996.50 */
    month_usage c = {0, 200000, 0, 0, 0};
    tu_assert_cents(month_cost(f, "C/Cont", c, 25, 1.21), 1996.50);
}

/* The engine's month-vector pricing gives the same bits as month-by-month pricing, for every
 * plan of the sheet (tiers, both boundary conventions, allowances per seat and per plan, api per
 * 1,000, numbers, platform, setup), whole and split usage, quantities on and across tier edges,
 * escalation steps, and a horizon longer than its stack buffer. */
static void month_vector_pricing_gives_the_same_bits(void **state)
{
    const fixture *f = *state;
    enum { MONTHS = 100 };
    double seats[MONTHS], sms[MONTHS], voice[MONTHS], api[MONTHS], esc[MONTHS], out[MONTHS];
    gsl_rng *r = tco_rng_alloc();
    for (int m = 0; m < MONTHS; m++) {
        seats[m] = m % 7 == 0 ? 0 : ceil(gsl_rng_uniform(r) * 80);
        /* every fifth month exactly on a tier edge or an allowance */
        sms[m] = m % 5 == 0 ? (double)(150000 * (m % 3)) + (m % 2 ? 100 * seats[m] : 0)
                            : gsl_rng_uniform(r) * 400000;
        voice[m] = gsl_rng_uniform(r) * 5000;
        api[m] = m % 5 == 1 ? 10000 : gsl_rng_uniform(r) * 30000;
        esc[m] = m < 12 ? 1 : 1.03;
    }
    gsl_rng_free(r);
    for (size_t k = 0; k < f->p.n_plans; k++) {
        const tco_plan *pl = &f->p.plans[k];
        for (int split = 0; split < 2; split++) {
            const bool ucaas = pl->model == TCO_MODEL_UCAAS;
            const tco_usage_months u = {split && !ucaas ? NULL : seats, sms,
                                        split && !ucaas ? NULL : voice,
                                        split && ucaas ? NULL : api, 3};
            for (int months = 1; months <= MONTHS; months += MONTHS - 1) {
                tco_price_plan_months(pl, f->draws, &u, 1, months, esc, out);
                /* SPEC §8.2's split by item: the same bits in out, items that add up to the
                 * weighted months (weights: a discount of 1% a month) */
                double out_items[MONTHS], items[TCO_N_ITEMS], weight[MONTHS], weighted = 0;
                for (int m = 0; m < months; m++)
                    weight[m] = pow(1.01, -m);
                tco_price_plan_months_items(pl, f->draws, &u, months, esc, weight, out_items,
                                            items);
                assert_memory_equal(out_items, out, (size_t)months * sizeof *out);
                for (int m = 0; m < months; m++)
                    weighted += out[m] * weight[m];
                double sum_items = 0;
                for (int k2 = 0; k2 < TCO_N_ITEMS; k2++)
                    sum_items += items[k2];
                if (!(fabs(sum_items - weighted) <= 1e-9 * fabs(weighted) + 1e-9))
                    fail_msg("%s: items add up to %.17g, months to %.17g", pl->name, sum_items,
                             weighted);
                for (int m = 0; m < months; m++) {
                    const month_usage one = {u.seats ? seats[m] : 0, sms[m],
                                             u.voice ? voice[m] : 0, u.api ? api[m] : 0, 3};
                    const double want = reference_plan_month(pl, f->draws, &one, m + 1, esc[m]);
                    if (memcmp(&want, &out[m], sizeof want) != 0)
                        fail_msg("%s month %d: %.17g, want %.17g", pl->name, m + 1, out[m], want);
                }
            }
            /* a horizon's tail priced on its own (first_month > 1: no setup) gives the same */
            enum { FROM = 40 };
            const tco_usage_months tail = {u.seats ? seats + FROM : NULL, sms + FROM,
                                           u.voice ? voice + FROM : NULL,
                                           u.api ? api + FROM : NULL, 3};
            double out_tail[MONTHS - FROM];
            tco_price_plan_months(pl, f->draws, &tail, FROM + 1, MONTHS - FROM, esc + FROM,
                                  out_tail);
            assert_memory_equal(out_tail, out + FROM, sizeof out_tail);
        }
    }
}

/* Two roles priced at once (tco_price_plan_months_items2, the engine's path when a plan is
 * priced for the whole workload and for its part of a hybrid) give each role the bits of its
 * own call, months and item sums alike, whether the roles share an item's usage or not: every
 * plan of the sheet, the whole usage against each split of it and against a usage that shares
 * nothing, over one chunk and over several. */
static void two_roles_at_once_give_each_role_s_own_bits(void **state)
{
    const fixture *f = *state;
    enum { MONTHS = 100 };
    double seats[MONTHS], sms[MONTHS], sms2[MONTHS], voice[MONTHS], api[MONTHS], esc[MONTHS];
    double weight[MONTHS];
    gsl_rng *r = tco_rng_alloc();
    for (int m = 0; m < MONTHS; m++) {
        seats[m] = ceil(gsl_rng_uniform(r) * 80);
        sms[m] = gsl_rng_uniform(r) * 400000;
        sms2[m] = gsl_rng_uniform(r) * 400000;
        voice[m] = gsl_rng_uniform(r) * 5000;
        api[m] = gsl_rng_uniform(r) * 30000;
        esc[m] = m < 12 ? 1 : 1.03;
        weight[m] = pow(1.01, -m);
    }
    gsl_rng_free(r);
    for (size_t k = 0; k < f->p.n_plans; k++) {
        const tco_plan *pl = &f->p.plans[k];
        const bool ucaas = pl->model == TCO_MODEL_UCAAS;
        const tco_usage_months whole = {seats, sms, voice, api, 3};
        const tco_usage_months parts[] = {
            {ucaas ? seats : NULL, sms2, ucaas ? voice : NULL, ucaas ? NULL : api, 3},
            {seats, sms, voice, api, 3},  /* the same usage: every item shared */
            {seats, sms2, NULL, NULL, 5}, /* numbers differ */
        };
        for (size_t j = 0; j < sizeof parts / sizeof parts[0]; j++)
            for (int months = 1; months <= MONTHS; months += MONTHS - 1) {
                double a1[MONTHS], b1[MONTHS], a2[MONTHS], b2[MONTHS];
                double ia1[TCO_N_ITEMS], ib1[TCO_N_ITEMS], ia2[TCO_N_ITEMS], ib2[TCO_N_ITEMS];
                tco_price_plan_months_items(pl, f->draws, &whole, months, esc, weight, a1, ia1);
                tco_price_plan_months_items(pl, f->draws, &parts[j], months, esc, weight, b1,
                                            ib1);
                tco_price_plan_months_items2(pl, f->draws, &whole, &parts[j], months, esc,
                                             weight, a2, ia2, b2, ib2);
                assert_memory_equal(a1, a2, (size_t)months * sizeof *a1);
                assert_memory_equal(b1, b2, (size_t)months * sizeof *b1);
                assert_memory_equal(ia1, ia2, sizeof ia1);
                assert_memory_equal(ib1, ib2, sizeof ib1);
            }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(graduated_tiers_charge_each_unit_at_its_tiers_price),
        cmocka_unit_test(a_tiers_upper_bound_belongs_to_that_tier),
        cmocka_unit_test(included_units_are_the_first_units_and_free),
        cmocka_unit_test_setup_teardown(both_boundary_conventions_bill_the_same, setup, teardown),
        cmocka_unit_test_setup_teardown(ucaas_allowance_is_per_seat_cpaas_is_per_plan, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(every_ucaas_allowance_but_seat_is_per_seat, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(ucaas_covers_the_usage_it_does_not_price, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(api_is_priced_per_thousand_requests, setup, teardown),
        cmocka_unit_test_setup_teardown(number_is_priced_per_phone_number, setup, teardown),
        cmocka_unit_test_setup_teardown(platform_is_flat_and_setup_is_month_one_only, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(month_vector_pricing_gives_the_same_bits, setup, teardown),
        cmocka_unit_test_setup_teardown(two_roles_at_once_give_each_role_s_own_bits, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(escalation_multiplies_everything_but_setup, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
