/* SPDX-License-Identifier: MIT */
/* cost: pricing every option of one trial (SPEC §6). */
#include "tco/cost.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "tco/price.h"
#include "tco/xalloc.h"

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
    ws->overhead = tco_xcalloc(3 * m + 1, sizeof *ws->overhead);
    ws->need = tco_xcalloc(n_plans + 1, sizeof *ws->need);
    ws->sms_all = tco_xcalloc(m + 1, sizeof *ws->sms_all);
}

void tco_cost_ws_fini(tco_cost_ws *ws)
{
    if (!ws)
        return;
    free(ws->plan_full);
    free(ws->plan_part);
    free(ws->monthly);
    free(ws->total);
    free(ws->overhead);
    free(ws->need);
    free(ws->sms_all);
    ws->need = NULL;
    ws->sms_all = NULL;
    ws->overhead = NULL;
    ws->plan_full = ws->plan_part = ws->monthly = ws->total = NULL;
}

/* The usage one plan carries in month index i: the whole workload, or its part of a hybrid
 * (a UCaaS plan keeps staff: seats and internal usage; a CPaaS plan takes customer traffic:
 * notifications and API requests). Phone numbers are rented from each plan that prices them. */
static tco_usage usage_of(const tco_workload *w, int i, tco_model model, bool whole)
{
    tco_usage u = {w->seats[i], w->internal_sms[i] + w->notifications[i], w->voice[i], w->api[i],
                   w->phone_numbers};
    if (whole)
        return u;
    if (model == TCO_MODEL_UCAAS) {
        u.sms = w->internal_sms[i];
        u.api = 0;
    } else {
        u.seats = 0;
        u.sms = w->notifications[i];
        u.voice = 0;
    }
    return u;
}

/* Labor and delay of an option in month index i, before discounting (SPEC §4, §6). */
static double overhead(tco_option_kind kind, const double *d, int i)
{
    const bool ucaas = kind != TCO_OPTION_CPAAS;
    const bool cpaas = kind != TCO_OPTION_UCAAS;
    double hours = 0, deploy = 0;
    if (ucaas) {
        hours += d[TCO_SCN_UCAAS_ADMIN_HOURS] + (i == 0 ? d[TCO_SCN_UCAAS_SETUP_HOURS] : 0);
        deploy = d[TCO_SCN_UCAAS_DEPLOY_MONTHS];
    }
    if (cpaas) {
        hours += d[TCO_SCN_CPAAS_MAINTENANCE_HOURS] + (i == 0 ? d[TCO_SCN_CPAAS_BUILD_HOURS] : 0);
        if (d[TCO_SCN_CPAAS_DEPLOY_MONTHS] > deploy)
            deploy = d[TCO_SCN_CPAAS_DEPLOY_MONTHS];
    }
    /* SPEC §6: month m carries delay_cost x min(1, max(0, D - (m-1))); here i = m-1 */
    double waiting = deploy - i;
    waiting = waiting < 0 ? 0 : waiting > 1 ? 1 : waiting;
    return hours * d[TCO_SCN_ENGINEER_RATE] + waiting * d[TCO_SCN_DELAY_COST_PER_MONTH];
}

void tco_cost_trial(tco_cost_ws *ws, const tco_prices *p, const tco_option_set *set,
                    const double *price_draws, const tco_workload *w)
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
        if (opt->kind == TCO_OPTION_HYBRID) {
            ws->need[opt->ucaas_plan] |= NEED_PART;
            ws->need[opt->cpaas_plan] |= NEED_PART;
        } else {
            ws->need[opt->kind == TCO_OPTION_UCAAS ? opt->ucaas_plan : opt->cpaas_plan] |= NEED_FULL;
        }
    }
    bool any_full = false;
    for (size_t k = 0; k < p->n_plans; k++)
        any_full |= (ws->need[k] & NEED_FULL) != 0;
    if (any_full) /* the whole workload's messages: internal and customers' */
        for (int i = 0; i < months; i++)
            ws->sms_all[i] = w->internal_sms[i] + w->notifications[i];
    for (size_t k = 0; k < p->n_plans; k++) {
        const tco_plan *plan = &p->plans[k];
        if (ws->need[k] & NEED_FULL) {
            const tco_usage_months u = {w->seats, ws->sms_all, w->voice, w->api,
                                        w->phone_numbers};
            tco_price_plan_months(plan, price_draws, &u, months, w->escalation,
                                  ws->plan_full + k * (size_t)months);
        }
        if (ws->need[k] & NEED_PART) {
            /* usage_of's split: staff to the UCaaS plan, customers to the CPaaS plan */
            const bool ucaas = plan->model == TCO_MODEL_UCAAS;
            const tco_usage_months u = {ucaas ? w->seats : NULL,
                                        ucaas ? w->internal_sms : w->notifications,
                                        ucaas ? w->voice : NULL, ucaas ? NULL : w->api,
                                        w->phone_numbers};
            tco_price_plan_months(plan, price_draws, &u, months, w->escalation,
                                  ws->plan_part + k * (size_t)months);
        }
    }
    for (size_t o = 0; o < set->n; o++) {
        const tco_option *opt = &set->items[o];
        double *monthly = ws->monthly + o * (size_t)months;
        if (!opt->offered) {
            for (int i = 0; i < months; i++)
                monthly[i] = NAN;
            ws->total[o] = NAN;
            continue;
        }
        const double *a, *b = NULL;
        if (opt->kind == TCO_OPTION_UCAAS)
            a = ws->plan_full + (size_t)opt->ucaas_plan * (size_t)months;
        else if (opt->kind == TCO_OPTION_CPAAS)
            a = ws->plan_full + (size_t)opt->cpaas_plan * (size_t)months;
        else {
            a = ws->plan_part + (size_t)opt->ucaas_plan * (size_t)months;
            b = ws->plan_part + (size_t)opt->cpaas_plan * (size_t)months;
        }
        const double *over = ws->overhead + (size_t)opt->kind * (size_t)months;
        double total = 0;
        for (int i = 0; i < months; i++) {
            double c = (a[i] + (b ? b[i] : 0) + over[i]) * w->discount[i];
            monthly[i] = c;
            total += c;
        }
        ws->total[o] = total;
    }
}

double tco_cost_option_total(const tco_prices *p, const tco_option *opt,
                             const double *price_draws, const tco_workload *w)
{
    if (!opt->offered)
        return NAN;
    const bool whole = opt->kind != TCO_OPTION_HYBRID;
    double total = 0;
    for (int i = 0; i < w->months; i++) {
        /* summed in the order tco_cost_trial uses, so both give the same bits */
        double c = 0;
        if (opt->ucaas_plan >= 0) {
            tco_usage u = usage_of(w, i, TCO_MODEL_UCAAS, whole);
            c += tco_price_plan_month(&p->plans[opt->ucaas_plan], price_draws, &u, i + 1,
                                      w->escalation[i]);
        }
        if (opt->cpaas_plan >= 0) {
            tco_usage u = usage_of(w, i, TCO_MODEL_CPAAS, whole);
            c += tco_price_plan_month(&p->plans[opt->cpaas_plan], price_draws, &u, i + 1,
                                      w->escalation[i]);
        }
        c += overhead(opt->kind, w->draws, i);
        total += c * w->discount[i];
    }
    return total;
}
