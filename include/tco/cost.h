/* SPDX-License-Identifier: MIT */
/* cost: one trial's cost of every option, month by month (SPEC §6).
 *
 * Cost of an option in month m = vendor charges (tco_price) + labor hours x engineer_rate +
 * the cost of delay, times the discount factor; one-time costs fall in month 1. Each plan is
 * priced once per trial in the two roles options give it (the whole workload, or its part of
 * a hybrid), and options add those up, so all options see the same workload (common random
 * numbers) and a hybrid costs no more work than its two parts.
 *
 * SPEC §8.1: a `cpaas:` option carries the staff too: cpaas_staff_build_hours (month 1) and
 * cpaas_staff_maintenance_hours (every month) are CPaaS labor at engineer_rate, and
 * cpaas_cost_per_seat x whole seats x the month's escalation is its `staff_cost`; a hybrid
 * leaves staff on UCaaS and pays none of them.
 *
 * SPEC §12.2: `migrate:U+C@k` is ucaas:U's month (vendor charges, labor, delay) in months
 * 1..k-1 and from month k hybrid:U+C's vendor charges (each plan's part, C's minimum from k),
 * with C's `setup` in month k (unescalated), the CPaaS build hours in month k and the CPaaS
 * maintenance hours from month k; its labor is otherwise ucaas:U's and its delay ucaas:U's.
 *
 * SPEC §8.2: each trial's TCO of every option is also split into components (vendor items,
 * staff cost, labor, delay), each discounted and summed over the horizon; they add up to the
 * option's TCO up to floating-point rounding (summed in another order).
 */
#ifndef TCO_COST_H
#define TCO_COST_H

#include <stddef.h>

#include "tco/option.h"
#include "tco/pricesheet.h"
#include "tco/workload.h"

/* The components of SPEC §8.2, in breakdown.csv's order; the vendor items come first, in
 * tco_item order. `minimum` is 0 until SPEC §12.4. */
typedef enum tco_component {
    TCO_COMPONENT_SEAT,
    TCO_COMPONENT_SMS,
    TCO_COMPONENT_VOICE,
    TCO_COMPONENT_API,
    TCO_COMPONENT_NUMBER,
    TCO_COMPONENT_PLATFORM,
    TCO_COMPONENT_SETUP,
    TCO_COMPONENT_MINIMUM,
    TCO_COMPONENT_STAFF_COST,  /* cpaas_cost_per_seat */
    TCO_COMPONENT_UCAAS_LABOR, /* ucaas_setup_hours, ucaas_admin_hours */
    TCO_COMPONENT_CPAAS_LABOR, /* cpaas_build/maintenance hours, and the staff's on `cpaas:` */
    TCO_COMPONENT_DELAY,
    TCO_N_COMPONENTS
} tco_component;

/* Its name in breakdown.csv ("staff_cost"). */
const char *tco_component_name(tco_component c);

/* Per-thread workspace; allocated once, reused for every trial. */
typedef struct tco_cost_ws {
    int months;
    size_t n_plans, n_options;
    double *plan_full;  /* [plan * months + m]: the plan carrying the whole workload */
    double *plan_part;  /* [plan * months + m]: its part of a hybrid (staff or customers) */
    double *monthly;    /* [option * months + m]: discounted cost of month m+1 */
    double *total;      /* [option]: TCO, the sum of monthly */
    double *max_bill;   /* [option]: SPEC §10 bill shock, the largest monthly bill of the
                         * horizon: the vendor charges of a month on the option's plans
                         * (escalated, not discounted; no labor, delay or staff cost) */
    double *overhead;   /* [kind * months + m]: labor and delay of an option kind */
    unsigned char *need; /* [plan]: roles the plan is priced in this trial */
    double *sms_all;     /* [m]: internal + customer messages, the whole workload's sms */
    double *staff;       /* [m]: cpaas_cost_per_seat x whole seats x escalation, before
                          * discounting (a `cpaas:` option's staff cost) */
    /* SPEC §8.2 (when tco_cost_trial is asked for them): */
    double *plan_items;  /* [(2 plan + role) * TCO_N_ITEMS + item]: discounted item charges,
                          * role 0 the whole workload, 1 a hybrid's part */
    double *components;  /* [option * TCO_N_COMPONENTS + c]: discounted, over the horizon */
    double *scratch;     /* [months]: a migration's plans priced over part of the horizon */
} tco_cost_ws;

void tco_cost_ws_init(tco_cost_ws *ws, size_t n_plans, size_t n_options, int months);
void tco_cost_ws_fini(tco_cost_ws *ws);

/* Prices every option of `set` on workload w with the trial's price draws. Options that are
 * not offered get NAN. */
void tco_cost_trial(tco_cost_ws *ws, const tco_prices *p, const tco_option_set *set,
                    const double *price_draws, const tco_workload *w);

/* tco_cost_trial, and ws->components of every offered option (NAN for the others). */
void tco_cost_trial_components(tco_cost_ws *ws, const tco_prices *p, const tco_option_set *set,
                               const double *price_draws, const tco_workload *w);

/* The TCO of one option only (no monthly detail): what a break-even search evaluates. */
double tco_cost_option_total(const tco_prices *p, const tco_option *opt,
                             const double *price_draws, const tco_workload *w);

#endif
