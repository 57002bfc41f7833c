/* SPDX-License-Identifier: MIT */
/* cost: one trial's cost of every option, month by month (SPEC §6).
 *
 * Cost of an option in month m = vendor charges (tco_price) + labor hours x engineer_rate +
 * the cost of delay, times the discount factor; one-time costs fall in month 1. Each plan is
 * priced once per trial in the two roles options give it (the whole workload, or its part of
 * a hybrid), and options add those up, so all options see the same workload (common random
 * numbers) and a hybrid costs no more work than its two parts.
 */
#ifndef TCO_COST_H
#define TCO_COST_H

#include <stddef.h>

#include "tco/option.h"
#include "tco/pricesheet.h"
#include "tco/workload.h"

/* Per-thread workspace; allocated once, reused for every trial. */
typedef struct tco_cost_ws {
    int months;
    size_t n_plans, n_options;
    double *plan_full;  /* [plan * months + m]: the plan carrying the whole workload */
    double *plan_part;  /* [plan * months + m]: its part of a hybrid (staff or customers) */
    double *monthly;    /* [option * months + m]: discounted cost of month m+1 */
    double *total;      /* [option]: TCO, the sum of monthly */
    double *overhead;   /* [kind * months + m]: labor and delay of an option kind */
    unsigned char *need; /* [plan]: roles the plan is priced in this trial */
    double *sms_all;     /* [m]: internal + customer messages, the whole workload's sms */
} tco_cost_ws;

void tco_cost_ws_init(tco_cost_ws *ws, size_t n_plans, size_t n_options, int months);
void tco_cost_ws_fini(tco_cost_ws *ws);

/* Prices every option of `set` on workload w with the trial's price draws. Options that are
 * not offered get NAN. */
void tco_cost_trial(tco_cost_ws *ws, const tco_prices *p, const tco_option_set *set,
                    const double *price_draws, const tco_workload *w);

/* The TCO of one option only (no monthly detail): what a break-even search evaluates. */
double tco_cost_option_total(const tco_prices *p, const tco_option *opt,
                             const double *price_draws, const tco_workload *w);

#endif
