/* SPDX-License-Identifier: MIT */
/* cost: pricing every option of one trial (SPEC §6). */
#include "tco/cost.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "tco/price.h"
#include "tco/xalloc.h"

/* A plan's item charges are the first components, item for item (option_components) */
_Static_assert((int)TCO_ITEM_MINIMUM == (int)TCO_COMPONENT_MINIMUM &&
                   (int)TCO_N_ITEMS == (int)TCO_COMPONENT_STAFF_COST,
               "the vendor items are the first components, in tco_item order");

/* Roles a plan is priced in during a trial (tco_cost_ws.need). */
#define NEED_FULL 1u
#define NEED_PART 2u

void tco_cost_ws_init(tco_cost_ws *ws, size_t n_plans, size_t n_options, int months)
{
    const size_t m = (size_t)months;
    ws->months = months;
    ws->n_plans = n_plans;
    ws->n_options = n_options;
    ws->plan_full = tco_xcalloc(n_plans * m + 1, sizeof *ws->plan_full);
    ws->plan_part = tco_xcalloc(n_plans * m + 1, sizeof *ws->plan_part);
    ws->monthly = tco_xcalloc(n_options * m + 1, sizeof *ws->monthly);
    ws->total = tco_xcalloc(n_options + 1, sizeof *ws->total);
    ws->max_bill = tco_xcalloc(n_options + 1, sizeof *ws->max_bill);
    ws->overhead = tco_xcalloc(3 * m + 1, sizeof *ws->overhead);
    ws->need = tco_xcalloc(n_plans + 1, sizeof *ws->need);
    ws->sms_all = tco_xcalloc(m + 1, sizeof *ws->sms_all);
    ws->staff = tco_xcalloc(m + 1, sizeof *ws->staff);
    ws->plan_items = tco_xcalloc(2 * n_plans * TCO_N_ITEMS + 1, sizeof *ws->plan_items);
    ws->components = tco_xcalloc(n_options * TCO_N_COMPONENTS + 1, sizeof *ws->components);
    ws->scratch = tco_xcalloc(m + 1, sizeof *ws->scratch);
}

const char *tco_component_name(tco_component c)
{
    static const char *const NAMES[TCO_N_COMPONENTS] = {
        [TCO_COMPONENT_SEAT] = "seat",
        [TCO_COMPONENT_SMS] = "sms",
        [TCO_COMPONENT_VOICE] = "voice",
        [TCO_COMPONENT_API] = "api",
        [TCO_COMPONENT_NUMBER] = "number",
        [TCO_COMPONENT_PLATFORM] = "platform",
        [TCO_COMPONENT_SETUP] = "setup",
        [TCO_COMPONENT_MINIMUM] = "minimum",
        [TCO_COMPONENT_STAFF_COST] = "staff_cost",
        [TCO_COMPONENT_UCAAS_LABOR] = "ucaas_labor",
        [TCO_COMPONENT_CPAAS_LABOR] = "cpaas_labor",
        [TCO_COMPONENT_DELAY] = "delay",
    };
    return NAMES[c];
}

void tco_cost_ws_fini(tco_cost_ws *ws)
{
    if (!ws)
        return;
    free(ws->plan_full);
    free(ws->plan_part);
    free(ws->monthly);
    free(ws->total);
    free(ws->max_bill);
    free(ws->overhead);
    free(ws->need);
    free(ws->sms_all);
    free(ws->staff);
    free(ws->plan_items);
    free(ws->components);
    free(ws->scratch);
    ws->staff = ws->plan_items = ws->components = ws->scratch = NULL;
    ws->need = NULL;
    ws->sms_all = NULL;
    ws->overhead = NULL;
    ws->plan_full = ws->plan_part = ws->monthly = ws->total = NULL;
}

/* The usage one plan carries over the months: the whole workload (sms_all: internal and
 * customer messages, [months]), or its part of a hybrid (a UCaaS plan keeps staff: seats and
 * internal usage; a CPaaS plan takes customer traffic: notifications and API requests). Phone
 * numbers are rented from each plan that prices them. */
static tco_usage_months usage_of(const tco_workload *w, tco_model model, bool whole,
                                 const double *sms_all)
{
    if (whole)
        return (tco_usage_months){w->seats, sms_all, w->voice, w->api, w->phone_numbers};
    const bool ucaas = model == TCO_MODEL_UCAAS;
    return (tco_usage_months){ucaas ? w->seats : NULL, ucaas ? w->internal_sms : w->notifications,
                              ucaas ? w->voice : NULL, ucaas ? NULL : w->api, w->phone_numbers};
}

/* sms_all[i] = internal + customer messages of month index i. */
static void sms_all_fill(const tco_workload *w, double *sms_all)
{
    for (int i = 0; i < w->months; i++)
        sms_all[i] = w->internal_sms[i] + w->notifications[i];
}

/* CPaaS labor hours of an option kind in month index i: the integration's, and on a `cpaas:`
 * option the staff's (SPEC §8.1; a hybrid leaves staff on UCaaS). */
static double cpaas_hours(tco_option_kind kind, const double *d, int i)
{
    double hours = d[TCO_SCN_CPAAS_MAINTENANCE_HOURS] + (i == 0 ? d[TCO_SCN_CPAAS_BUILD_HOURS] : 0);
    if (kind == TCO_OPTION_CPAAS) /* + 0 when not given: the same bits as without */
        hours += d[TCO_SCN_CPAAS_STAFF_MAINTENANCE_HOURS] +
                 (i == 0 ? d[TCO_SCN_CPAAS_STAFF_BUILD_HOURS] : 0);
    return hours;
}

/* The share of month index i still before go-live of an option kind (SPEC §6). */
static double waiting_share(tco_option_kind kind, const double *d, int i)
{
    double deploy = 0;
    if (kind != TCO_OPTION_CPAAS)
        deploy = d[TCO_SCN_UCAAS_DEPLOY_MONTHS];
    if (kind != TCO_OPTION_UCAAS && d[TCO_SCN_CPAAS_DEPLOY_MONTHS] > deploy)
        deploy = d[TCO_SCN_CPAAS_DEPLOY_MONTHS];
    /* SPEC §6: month m carries delay_cost x min(1, max(0, D - (m-1))); here i = m-1 */
    double waiting = deploy - i;
    return waiting < 0 ? 0 : waiting > 1 ? 1 : waiting;
}

static double ucaas_hours(const double *d, int i)
{
    return d[TCO_SCN_UCAAS_ADMIN_HOURS] + (i == 0 ? d[TCO_SCN_UCAAS_SETUP_HOURS] : 0);
}

/* Labor and delay of an option in month index i, before discounting (SPEC §4, §6, §8.1). */
static double overhead(tco_option_kind kind, const double *d, int i)
{
    double hours = 0;
    if (kind != TCO_OPTION_CPAAS)
        hours += ucaas_hours(d, i);
    if (kind != TCO_OPTION_UCAAS)
        hours += cpaas_hours(kind, d, i);
    return hours * d[TCO_SCN_ENGINEER_RATE] +
           waiting_share(kind, d, i) * d[TCO_SCN_DELAY_COST_PER_MONTH];
}

/* The labor and delay components of an option kind (SPEC §8.2), discounted, over the horizon:
 * what overhead() adds up, kept apart. Hours are the same every month but the first, so labor
 * is hours x the sum of the discount factors (sum_discount) plus month 1's one-time hours; the
 * delay runs only until go-live. */
static void overhead_components(tco_option_kind kind, const tco_workload *w, double sum_discount,
                                double *comp)
{
    const double *d = w->draws;
    const double rate = d[TCO_SCN_ENGINEER_RATE], first = w->discount[0];
    comp[TCO_COMPONENT_UCAAS_LABOR] =
        kind == TCO_OPTION_CPAAS
            ? 0
            : rate * (d[TCO_SCN_UCAAS_ADMIN_HOURS] * sum_discount +
                      d[TCO_SCN_UCAAS_SETUP_HOURS] * first);
    double cpaas = 0;
    if (kind != TCO_OPTION_UCAAS) {
        double monthly = d[TCO_SCN_CPAAS_MAINTENANCE_HOURS], once = d[TCO_SCN_CPAAS_BUILD_HOURS];
        if (kind == TCO_OPTION_CPAAS) {
            monthly += d[TCO_SCN_CPAAS_STAFF_MAINTENANCE_HOURS];
            once += d[TCO_SCN_CPAAS_STAFF_BUILD_HOURS];
        }
        cpaas = rate * (monthly * sum_discount + once * first);
    }
    comp[TCO_COMPONENT_CPAAS_LABOR] = cpaas;
    double delay = 0;
    for (int i = 0; i < w->months; i++) {
        const double share = waiting_share(kind, d, i);
        if (share == 0)
            break; /* live from here on */
        delay += share * d[TCO_SCN_DELAY_COST_PER_MONTH] * w->discount[i];
    }
    comp[TCO_COMPONENT_DELAY] = delay;
}

/* SPEC §8.1: staff[i] = cpaas_cost_per_seat x whole seats x escalation of month index i, the
 * staff cost of a `cpaas:` option; false (staff untouched) when the cost per seat is 0. */
static bool staff_fill(const tco_workload *w, double *staff)
{
    const double per_seat = w->draws[TCO_SCN_CPAAS_COST_PER_SEAT];
    if (per_seat == 0)
        return false;
    for (int i = 0; i < w->months; i++)
        staff[i] = per_seat * w->seats[i] * w->escalation[i];
    return true;
}

/* comp[] of one offered option: its plans' item charges in their roles, the staff cost of a
 * `cpaas:` option, and its kind's labor and delay (kind_comp). */
static void option_components(const tco_cost_ws *ws, const tco_option *opt,
                              const double *kind_comp, bool staff, const tco_workload *w,
                              double *comp)
{
    for (int c = 0; c < TCO_N_COMPONENTS; c++)
        comp[c] = 0;
    const bool hybrid = opt->kind == TCO_OPTION_HYBRID;
    const long plans[2] = {opt->ucaas_plan, opt->cpaas_plan};
    for (int k = 0; k < 2; k++) {
        if (plans[k] < 0)
            continue;
        const double *items = ws->plan_items + (2 * (size_t)plans[k] + hybrid) * TCO_N_ITEMS;
        for (int item = 0; item < TCO_N_ITEMS; item++)
            comp[item] += items[item];
    }
    if (opt->kind == TCO_OPTION_CPAAS && staff) {
        double sum = 0;
        for (int i = 0; i < w->months; i++)
            sum += ws->staff[i] * w->discount[i];
        comp[TCO_COMPONENT_STAFF_COST] = sum;
    }
    comp[TCO_COMPONENT_UCAAS_LABOR] = kind_comp[TCO_COMPONENT_UCAAS_LABOR];
    comp[TCO_COMPONENT_CPAAS_LABOR] = kind_comp[TCO_COMPONENT_CPAAS_LABOR];
    comp[TCO_COMPONENT_DELAY] = kind_comp[TCO_COMPONENT_DELAY];
}

/* ---- SPEC §12.2 migrations ----------------------------------------------------------------- */

/* CPaaS labor of a migration in month index i, before discounting: the build in month k
 * (index k-1), maintenance from then on. */
static double migrate_cpaas_hours(const double *d, int k, int i)
{
    if (i < k - 1)
        return 0;
    return d[TCO_SCN_CPAAS_MAINTENANCE_HOURS] + (i == k - 1 ? d[TCO_SCN_CPAAS_BUILD_HOURS] : 0);
}

/* The CPaaS plan's one-time setup, due in month k (unescalated; SPEC §12.2). */
static double migrate_setup(const tco_prices *p, const tco_option *opt, const double *price_draws,
                            const tco_workload *w)
{
    return tco_price_plan_setup(&p->plans[opt->cpaas_plan], price_draws,
                                w->seats[opt->migrate_month - 1]);
}

/* monthly[i] of a migration, discounted: ucaas:U's month before k (u_full, u_over: its
 * vendor charges and its kind's labor and delay), then the hybrid's parts (u_part, c_part)
 * with ucaas:U's labor and delay, the CPaaS labor and, in month k, C's setup. */
static double migrate_months(const tco_option *opt, const double *u_full, const double *u_part,
                             const double *c_part, const double *u_over, double setup,
                             const tco_workload *w, double *monthly)
{
    const double *d = w->draws;
    const int k = opt->migrate_month;
    double total = 0;
    for (int i = 0; i < w->months; i++) {
        double c;
        if (i < k - 1)
            c = (u_full[i] + u_over[i]) * w->discount[i]; /* the bits of ucaas:U's month */
        else
            c = (u_part[i] + c_part[i] + (i == k - 1 ? setup : 0) + u_over[i] +
                 migrate_cpaas_hours(d, k, i) * d[TCO_SCN_ENGINEER_RATE]) *
                w->discount[i];
        if (monthly)
            monthly[i] = c;
        total += c;
    }
    return total;
}

/* SPEC §10 bill shock of a migration: its largest monthly bill, ucaas:U's vendor charges
 * before month k, the hybrid's parts from k on with C's setup in month k. */
static double migrate_max_bill(const tco_option *opt, const double *u_full, const double *u_part,
                               const double *c_part, double setup, int months)
{
    const int k = opt->migrate_month;
    double max_bill = 0;
    for (int i = 0; i < months; i++) {
        const double bill =
            i < k - 1 ? u_full[i] : u_part[i] + c_part[i] + (i == k - 1 ? setup : 0);
        max_bill = bill > max_bill ? bill : max_bill;
    }
    return max_bill;
}

/* comp[] of an offered migration (SPEC §8.2): U's items over months 1..k-1 carrying the whole
 * workload, U's and C's over months k..N in their hybrid parts (each plan priced over its
 * months: ws->scratch takes the charges), C's setup in month k; ucaas:U's labor and delay
 * (ucaas_comp) and the CPaaS labor from month k. */
static void migrate_components(tco_cost_ws *ws, const tco_prices *p, const tco_option *opt,
                               const double *price_draws, const tco_workload *w,
                               const double *ucaas_comp, double setup, double *comp)
{
    const int k = opt->migrate_month, months = w->months, from = k - 1, len = months - from;
    for (int c = 0; c < TCO_N_COMPONENTS; c++)
        comp[c] = 0;
    double items[TCO_N_ITEMS];
    const tco_plan *up = &p->plans[opt->ucaas_plan], *cp = &p->plans[opt->cpaas_plan];
    const tco_usage_months whole = usage_of(w, TCO_MODEL_UCAAS, true, ws->sms_all);
    tco_price_plan_range_items(up, price_draws, &whole, 1, from, w->escalation, w->discount,
                               ws->scratch, items);
    for (int item = 0; item < TCO_N_ITEMS; item++)
        comp[item] += items[item];
    const tco_plan *parts[2] = {up, cp};
    for (int j = 0; j < 2; j++) {
        const tco_usage_months u = usage_of(w, parts[j]->model, false, NULL);
        const tco_usage_months tail = {u.seats ? u.seats + from : NULL, u.sms ? u.sms + from : NULL,
                                       u.voice ? u.voice + from : NULL,
                                       u.api ? u.api + from : NULL, u.numbers};
        tco_price_plan_range_items(parts[j], price_draws, &tail, k, len, w->escalation + from,
                                   w->discount + from, ws->scratch, items);
        for (int item = 0; item < TCO_N_ITEMS; item++)
            comp[item] += items[item];
    }
    comp[TCO_COMPONENT_SETUP] += setup * w->discount[from];
    const double *d = w->draws;
    double cpaas = 0;
    for (int i = from; i < months; i++)
        cpaas += migrate_cpaas_hours(d, k, i) * w->discount[i];
    comp[TCO_COMPONENT_UCAAS_LABOR] = ucaas_comp[TCO_COMPONENT_UCAAS_LABOR];
    comp[TCO_COMPONENT_CPAAS_LABOR] = cpaas * d[TCO_SCN_ENGINEER_RATE];
    comp[TCO_COMPONENT_DELAY] = ucaas_comp[TCO_COMPONENT_DELAY];
}

static void cost_trial(tco_cost_ws *ws, const tco_prices *p, const tco_option_set *set,
                       const double *price_draws, const tco_workload *w, bool components)
{
    const int months = ws->months;
    /* Labor and delay depend only on the option's kind: three rows, not one per option. */
    const double *d = w->draws;
    const double last_deploy = d[TCO_SCN_UCAAS_DEPLOY_MONTHS] > d[TCO_SCN_CPAAS_DEPLOY_MONTHS]
                                   ? d[TCO_SCN_UCAAS_DEPLOY_MONTHS]
                                   : d[TCO_SCN_CPAAS_DEPLOY_MONTHS];
    /* From month index max(1, ceil(deploy)) on, no one-time hours and no delay: the same value
     * every month (the same operations, so the same bits), computed once. */
    int varying = last_deploy < (double)months ? (int)ceil(last_deploy) : months;
    varying = varying < 1 ? 1 : varying > months ? months : varying;
    for (int kind = 0; kind < 3; kind++) {
        double *row = ws->overhead + kind * months;
        for (int i = 0; i < varying; i++)
            row[i] = overhead((tco_option_kind)kind, d, i);
        if (varying < months) {
            const double steady = overhead((tco_option_kind)kind, d, varying);
            for (int i = varying; i < months; i++)
                row[i] = steady;
        }
    }
    /* Price each plan only in the roles that an offered option gives it. */
    for (size_t k = 0; k < p->n_plans; k++)
        ws->need[k] = 0;
    for (size_t o = 0; o < set->n; o++) {
        const tco_option *opt = &set->items[o];
        if (!opt->offered)
            continue;
        if (opt->kind == TCO_OPTION_HYBRID || opt->kind == TCO_OPTION_MIGRATE) {
            ws->need[opt->ucaas_plan] |= NEED_PART;
            ws->need[opt->cpaas_plan] |= NEED_PART;
            if (opt->kind == TCO_OPTION_MIGRATE) /* ucaas:U's months before k */
                ws->need[opt->ucaas_plan] |= NEED_FULL;
        } else {
            ws->need[opt->kind == TCO_OPTION_UCAAS ? opt->ucaas_plan : opt->cpaas_plan] |= NEED_FULL;
        }
    }
    bool any_full = false;
    for (size_t k = 0; k < p->n_plans; k++)
        any_full |= (ws->need[k] & NEED_FULL) != 0;
    if (any_full) /* a migration's components read it too: ucaas:U is priced with it */
        sms_all_fill(w, ws->sms_all);
    for (size_t k = 0; k < p->n_plans; k++) {
        const tco_plan *plan = &p->plans[k];
        if (components && ws->need[k] == (NEED_FULL | NEED_PART)) {
            /* both roles in one pass: the items they bill alike are priced once */
            const tco_usage_months full = usage_of(w, plan->model, true, ws->sms_all);
            const tco_usage_months part = usage_of(w, plan->model, false, NULL);
            tco_price_plan_months_items2(plan, price_draws, &full, &part, months, w->escalation,
                                         w->discount, ws->plan_full + k * (size_t)months,
                                         ws->plan_items + 2 * k * TCO_N_ITEMS,
                                         ws->plan_part + k * (size_t)months,
                                         ws->plan_items + (2 * k + 1) * TCO_N_ITEMS);
            continue;
        }
        if (ws->need[k] & NEED_FULL) {
            const tco_usage_months u = usage_of(w, plan->model, true, ws->sms_all);
            double *out = ws->plan_full + k * (size_t)months;
            if (components)
                tco_price_plan_months_items(plan, price_draws, &u, months, w->escalation,
                                            w->discount, out, ws->plan_items + 2 * k * TCO_N_ITEMS);
            else
                tco_price_plan_months(plan, price_draws, &u, 1, months, w->escalation, out);
        }
        if (ws->need[k] & NEED_PART) {
            const tco_usage_months u = usage_of(w, plan->model, false, NULL);
            double *out = ws->plan_part + k * (size_t)months;
            if (components)
                tco_price_plan_months_items(plan, price_draws, &u, months, w->escalation,
                                            w->discount, out,
                                            ws->plan_items + (2 * k + 1) * TCO_N_ITEMS);
            else
                tco_price_plan_months(plan, price_draws, &u, 1, months, w->escalation, out);
        }
    }
    const bool staff = staff_fill(w, ws->staff);
    double kind_comp[3][TCO_N_COMPONENTS];
    if (components) {
        double sum_discount = 0;
        for (int i = 0; i < months; i++)
            sum_discount += w->discount[i];
        for (int kind = 0; kind < 3; kind++)
            overhead_components((tco_option_kind)kind, w, sum_discount, kind_comp[kind]);
    }
    for (size_t o = 0; o < set->n; o++) {
        const tco_option *opt = &set->items[o];
        double *monthly = ws->monthly + o * (size_t)months;
        double *comp = ws->components + o * TCO_N_COMPONENTS;
        if (!opt->offered) {
            for (int i = 0; i < months; i++)
                monthly[i] = NAN;
            ws->total[o] = NAN;
            ws->max_bill[o] = NAN;
            for (int c = 0; components && c < TCO_N_COMPONENTS; c++)
                comp[c] = NAN;
            continue;
        }
        if (opt->kind == TCO_OPTION_MIGRATE) {
            const size_t u = (size_t)opt->ucaas_plan * (size_t)months;
            const double setup = migrate_setup(p, opt, price_draws, w);
            ws->total[o] = migrate_months(opt, ws->plan_full + u, ws->plan_part + u,
                                          ws->plan_part + (size_t)opt->cpaas_plan * months,
                                          ws->overhead + TCO_OPTION_UCAAS * months, setup, w,
                                          monthly);
            ws->max_bill[o] = migrate_max_bill(opt, ws->plan_full + u, ws->plan_part + u,
                                               ws->plan_part + (size_t)opt->cpaas_plan * months,
                                               setup, months);
            if (components)
                migrate_components(ws, p, opt, price_draws, w, kind_comp[TCO_OPTION_UCAAS],
                                   setup, comp);
            continue;
        }
        if (components)
            option_components(ws, opt, kind_comp[opt->kind], staff, w, comp);
        const double *a, *b = NULL;
        if (opt->kind == TCO_OPTION_UCAAS)
            a = ws->plan_full + (size_t)opt->ucaas_plan * (size_t)months;
        else if (opt->kind == TCO_OPTION_CPAAS) {
            a = ws->plan_full + (size_t)opt->cpaas_plan * (size_t)months;
            b = staff ? ws->staff : NULL; /* SPEC §8.1 */
        } else {
            a = ws->plan_part + (size_t)opt->ucaas_plan * (size_t)months;
            b = ws->plan_part + (size_t)opt->cpaas_plan * (size_t)months;
        }
        const double *over = ws->overhead + (size_t)opt->kind * (size_t)months;
        /* a `cpaas:` option's b is its staff cost, which is not a vendor's bill */
        const double *billed = opt->kind == TCO_OPTION_HYBRID ? b : NULL;
        double total = 0, max_bill = 0;
        for (int i = 0; i < months; i++) {
            double c = (a[i] + (b ? b[i] : 0) + over[i]) * w->discount[i];
            monthly[i] = c;
            total += c;
            const double bill = a[i] + (billed ? billed[i] : 0);
            max_bill = bill > max_bill ? bill : max_bill;
        }
        ws->total[o] = total;
        ws->max_bill[o] = max_bill;
    }
}

void tco_cost_trial(tco_cost_ws *ws, const tco_prices *p, const tco_option_set *set,
                    const double *price_draws, const tco_workload *w)
{
    cost_trial(ws, p, set, price_draws, w, false);
}

void tco_cost_trial_components(tco_cost_ws *ws, const tco_prices *p, const tco_option_set *set,
                               const double *price_draws, const tco_workload *w)
{
    cost_trial(ws, p, set, price_draws, w, true);
}

/* tco_cost_option_total of a migration: its three plan roles priced over the horizon. */
static double migrate_option_total(const tco_prices *p, const tco_option *opt,
                                   const double *price_draws, const tco_workload *w)
{
    const int months = w->months;
    const size_t m = (size_t)months;
    double *buf = tco_xcalloc(6 * m + 1, sizeof *buf);
    double *sms_all = buf, *u_full = buf + m, *u_part = buf + 2 * m, *c_part = buf + 3 * m;
    double *u_over = buf + 4 * m;
    sms_all_fill(w, sms_all);
    const tco_plan *up = &p->plans[opt->ucaas_plan], *cp = &p->plans[opt->cpaas_plan];
    const tco_usage_months whole = usage_of(w, TCO_MODEL_UCAAS, true, sms_all);
    const tco_usage_months u_half = usage_of(w, TCO_MODEL_UCAAS, false, NULL);
    const tco_usage_months c_half = usage_of(w, TCO_MODEL_CPAAS, false, NULL);
    tco_price_plan_months(up, price_draws, &whole, 1, months, w->escalation, u_full);
    tco_price_plan_months(up, price_draws, &u_half, 1, months, w->escalation, u_part);
    tco_price_plan_months(cp, price_draws, &c_half, 1, months, w->escalation, c_part);
    for (int i = 0; i < months; i++)
        u_over[i] = overhead(TCO_OPTION_UCAAS, w->draws, i);
    const double total = migrate_months(opt, u_full, u_part, c_part, u_over,
                                        migrate_setup(p, opt, price_draws, w), w, NULL);
    free(buf);
    return total;
}

double tco_cost_option_total(const tco_prices *p, const tco_option *opt,
                             const double *price_draws, const tco_workload *w)
{
    if (!opt->offered)
        return NAN;
    if (opt->kind == TCO_OPTION_MIGRATE)
        return migrate_option_total(p, opt, price_draws, w);
    const bool whole = opt->kind != TCO_OPTION_HYBRID;
    const size_t months = (size_t)w->months;
    double *buf = tco_xcalloc(3 * months + 1, sizeof *buf);
    double *sms_all = buf, *u_cost = buf + months, *c_cost = buf + 2 * months;
    sms_all_fill(w, sms_all);
    if (opt->ucaas_plan >= 0) {
        const tco_usage_months u = usage_of(w, TCO_MODEL_UCAAS, whole, sms_all);
        tco_price_plan_months(&p->plans[opt->ucaas_plan], price_draws, &u, 1, w->months,
                              w->escalation, u_cost);
    }
    if (opt->cpaas_plan >= 0) {
        const tco_usage_months u = usage_of(w, TCO_MODEL_CPAAS, whole, sms_all);
        tco_price_plan_months(&p->plans[opt->cpaas_plan], price_draws, &u, 1, w->months,
                              w->escalation, c_cost);
    }
    const double per_seat = w->draws[TCO_SCN_CPAAS_COST_PER_SEAT];
    double total = 0;
    for (size_t i = 0; i < months; i++) {
        /* summed in the order tco_cost_trial uses, so both give the same bits */
        double c = 0;
        if (opt->ucaas_plan >= 0)
            c += u_cost[i];
        if (opt->cpaas_plan >= 0)
            c += c_cost[i];
        if (opt->kind == TCO_OPTION_CPAAS && per_seat != 0) /* SPEC §8.1, as staff_fill */
            c += per_seat * w->seats[i] * w->escalation[i];
        c += overhead(opt->kind, w->draws, (int)i);
        total += c * w->discount[i];
    }
    free(buf);
    return total;
}
