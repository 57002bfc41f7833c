/* SPDX-License-Identifier: MIT */
/* breakeven: where per-seat and per-transaction billing cross (SPEC §6 "Break-even", issue 4).
 *
 * For every pair (offered `ucaas:` option U, offered `cpaas:` option C) of a scenario, per trial:
 *
 * - Crossover month. D_m = sum over months 1..m of (cost_U - cost_C) (discounted monthly costs,
 *   summed as differences so that equal months give an exact 0). The order of the cumulative
 *   costs in month m is sign(D_m). Ties: a zero D_m is not a change of order; it keeps the order
 *   of the month before (leading zeros take the first strict order). The crossover month is
 *   the first month from which the order no longer changes through the horizon, when that
 *   order differs from month 1's: 1 + the last month whose order is not the final one. A trial
 *   whose costs are equal in every month has none.
 *
 * - Break-even notifications / seats. d(x) = TCO_U(x) - TCO_C(x), x the month-1 level of
 *   notifications (seats as in the trial) or of seats (notifications as in the trial), every
 *   other draw of the trial unchanged (shapes: growth, volatility, spikes). For seats x is a
 *   real number and is NOT rounded to whole seats in any month (the issue: "ignoring whole-seat
 *   rounding"): seats, internal SMS, voice minutes and per-seat allowances are x * seat_shape
 *   times their per-seat rates. d is piecewise linear in x (tiers, allowances), not
 *   necessarily monotone (a UCaaS allowance followed by overage dearer than the CPaaS price).
 *   The root is bracketed on [0, x0] then [x0, X_MAX] (x0 the trial's own level, X_MAX the
 *   scenario column's upper bound: 1e12 notifications, 1e9 seats): the lower bracket whose
 *   ends differ in sign wins, so with two roots the one below the trial's level is reported;
 *   when no bracket straddles zero there is no root (a blank, never an abort). In a bracket:
 *   when both plans' charges are known to be linear in x (no tiers or allowances in play, the
 *   common case) the secant through the bracket's ends is the exact root, with no evaluation;
 *   otherwise the secant point is evaluated and accepted when |d| there is below 1e-12 of the
 *   costs compared, else GSL's Brent solver (gsl_root_fsolver_brent, every status checked, a
 *   failure is "no root") runs on the remaining bracket and stops as soon as its new estimate
 *   has |d| that small (its secant steps are exact on the root's linear piece) or the bracket's
 *   relative width is 1e-10; a final secant step through the two ends of that bracket then
 *   gives the root exactly when they lie on one linear piece.
 *
 * Labor and delay do not depend on x; they enter d as one constant from the cost workspace's
 * overhead rows, and only the two plans' vendor charges are re-priced (tco_price_plan_months),
 * so an evaluation costs 2 x months plan-month prices.
 */
#ifndef TCO_BREAKEVEN_H
#define TCO_BREAKEVEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tco/cost.h"
#include "tco/engine.h"
#include "tco/option.h"
#include "tco/pricesheet.h"
#include "tco/workload.h"

/* Upper ends of the search: the ranges of the scenario columns `notifications` and `seats`. */
#define TCO_BREAKEVEN_MAX_NOTIFICATIONS 1e12
#define TCO_BREAKEVEN_MAX_SEATS 1e9
/* Relative width of the bracket at which Brent stops (then one exact secant step). */
#define TCO_BREAKEVEN_REL_TOLERANCE 1e-10

typedef enum tco_breakeven_axis {
    TCO_BREAKEVEN_NOTIFICATIONS, /* month-1 customer notifications */
    TCO_BREAKEVEN_SEATS          /* month-1 seats, a real number */
} tco_breakeven_axis;

/* ---- the math, for one workload ---------------------------------------------------------- */

/* The crossover month (1-based) of two options' discounted monthly costs u[0..months-1] and
 * c[0..months-1], by the rule above; 0 when there is none (also when a cost is not finite). */
int tco_breakeven_crossover_month(const double *u, const double *c, int months);

/* What a root search needs; allocated once per thread (a GSL solver inside). */
typedef struct tco_breakeven_solver tco_breakeven_solver;

tco_breakeven_solver *tco_breakeven_solver_alloc(void);
void tco_breakeven_solver_free(tco_breakeven_solver *s);

/* The problem: two options (u a `ucaas:`, c a `cpaas:` option, both offered) on workload w
 * with the trial's price draws; cost is a workspace on which tco_cost_trial ran for w (its
 * overhead rows give labor and delay). w->draws[TCO_SCN_SEATS] and [TCO_SCN_NOTIFICATIONS] must
 * be the month-1 levels w's quantities were applied with (as tco_workload_sample leaves them). */
typedef struct tco_breakeven_problem {
    const tco_prices *prices;
    const tco_option *u, *c;
    const double *price_draws;
    const tco_workload *w;
    const tco_cost_ws *cost;
} tco_breakeven_problem;

/* d(x) = TCO_u - TCO_c with the month-1 level of `axis` set to x >= 0. */
double tco_breakeven_difference(const tco_breakeven_problem *pb, tco_breakeven_axis axis,
                                double x);

/* Solves d(x) = 0 for x in [0, X_MAX] as described above. Returns true with *root, or false
 * when no root exists in range or GSL failed (then *root is NAN). Thread-safe for distinct
 * solvers. */
bool tco_breakeven_solve(tco_breakeven_solver *s, const tco_breakeven_problem *pb,
                         tco_breakeven_axis axis, double *root);

/* ---- the engine observer ----------------------------------------------------------------- */

/* The summary of one run (opaque): what the observer leaves in tco_result.observed. Memory is
 * per pair: a count per month and two quantile sketches, independent of the trial count. */
typedef struct tco_breakeven tco_breakeven;

/* The observer to pass to the engine (tco_cmd_simulate). Stateless: ctx is unused. */
tco_observer tco_breakeven_observer(void);

/* The break-even summary of r, found among r's observers; NULL when the run had none. */
const tco_breakeven *tco_breakeven_find(const tco_result *r);

/* One pair's results. Quantiles are NAN where there is none (no trial had one). */
typedef struct tco_breakeven_pair {
    size_t per_seat, per_transaction;   /* option indices into the result's options */
    uint64_t n_trials;                  /* trials seen */
    uint64_t n_crossover;               /* trials with a crossover month */
    double p_crossover, p_crossover_se; /* n_crossover / n_trials, sqrt(p (1-p) / n) */
    double crossover_month_p10, crossover_month_p50, crossover_month_p90; /* exact */
    uint64_t n_notifications;           /* trials with a break-even notification volume */
    double p_notifications;
    double notifications_p10, notifications_p50, notifications_p90; /* to TCO_QUANTILE_REL_ACCURACY */
    uint64_t n_seats;
    double p_seats;
    double seats_p10, seats_p50, seats_p90;
} tco_breakeven_pair;

size_t tco_breakeven_n_pairs(const tco_breakeven *b);
/* Fills *out for pair i < tco_breakeven_n_pairs(b); pairs are in option order (U-major). */
void tco_breakeven_pair_get(const tco_breakeven *b, size_t i, tco_breakeven_pair *out);

/* ---- the deterministic sweep (`tcosim breakeven`) ----------------------------------------- */

/* The grid of the sweep. NAN bounds and steps 0 take the defaults: seats from
 * max(1, S/4) to 4 S (S = max(1, mean seats)), notifications from 100 to 100 x max(N, 1000)
 * (N = mean month-1 notifications), 12 steps. scale 0: notifications log, seats linear;
 * 1: both linear; 2: both log (a log axis from 0 starts at 0, then goes geometrically from
 * HI/1000). Points are rounded to whole numbers when the range has room for `steps` of them
 * (duplicates dropped). */
typedef struct tco_sweep_config {
    double seats_lo, seats_hi;
    double notifications_lo, notifications_hi;
    unsigned steps;
    int scale;
} tco_sweep_config;

/* One grid cell: the cheapest offered option and the runner-up (-1 when fewer options). */
typedef struct tco_sweep_cell {
    long cheapest, second;     /* option indices */
    double cheapest_tco, second_tco;
} tco_sweep_cell;

/* The rule of thumb of the source (SPEC §7 rule 3: more than 10,000 notifications a month with
 * fewer than 50 seats favours CPaaS) probed on a fixed grid of its region: seats 1, 9, ..., 49
 * x notifications 10,001 to 1,000,000 (7 log steps). */
#define TCO_SWEEP_RULE_POINTS 7

typedef struct tco_sweep_rule {
    unsigned n_points;        /* 49 */
    unsigned n_cpaas;         /* a `cpaas:` option is cheapest: the rule holds */
    unsigned n_hybrid;        /* a hybrid is cheapest (CPaaS for the customer side) */
    unsigned n_ucaas;         /* a `ucaas:` option is cheapest: the rule fails */
    long fail_option;         /* the option cheapest most often where the rule fails, or -1 */
    double fail_seats, fail_notifications; /* the failing point with the most notifications
                                            * (then the most seats); NAN when none */
} tco_sweep_rule;

/* A deterministic sweep of one scenario: every distribution at its mean (tco_value_mean),
 * no volatility and no spikes, price cells at their means. */
typedef struct tco_sweep {
    const tco_scenario *scenario;
    int months;
    tco_option_set options;
    double *seats;            /* [n_seats] month-1 seats of the grid rows */
    size_t n_seats;
    double *notifications;    /* [n_notifications] month-1 notifications of the columns */
    size_t n_notifications;
    double mean_seats, mean_notifications;
    tco_sweep_cell *cells;    /* [row * n_notifications + column] */
    size_t n_pairs;
    size_t *pair_u, *pair_c;  /* [n_pairs] option indices, U-major */
    double *frontier;         /* [row * n_pairs + pair]: break-even month-1 notifications at
                               * that row's seats; NAN when none */
    tco_sweep_rule rule;
} tco_sweep;

/* Runs the sweep of scenario s over the plans of p into *out (caller frees with
 * tco_sweep_fini; s and p must outlive out). */
void tco_breakeven_sweep(const tco_scenario *s, const tco_prices *p, const tco_sweep_config *cfg,
                         tco_sweep *out);
void tco_sweep_fini(tco_sweep *sw);

#endif
