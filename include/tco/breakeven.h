/* SPDX-License-Identifier: MIT */
/* breakeven: where per-seat and per-transaction billing cross (SPEC §6 "Break-even").
 *
 * For every pair (offered `ucaas:` option U, offered `cpaas:` option C) of a scenario, and every
 * pair (`ucaas:U`, `hybrid:U+C`) of the same UCaaS plan (SPEC §8.3: from what notification
 * volume moving customer traffic to C pays), per trial:
 *
 * - Crossover month. D_m = sum over months 1..m of (cost_U - cost_C) (discounted monthly costs,
 *   summed as differences). The order of the cumulative costs in month m is sign(D_m), and a
 *   |D_m| within half a cent is a tie (SPEC §6: no order). A tie is not a change of order; it
 *   keeps the order of the month before (leading ties take the first strict order). The
 *   crossover month is the first month from which the order no longer changes through the
 *   horizon, when that order differs from month 1's: 1 + the last month whose order is not the
 *   final one. A trial whose costs are equal in every month has none.
 *
 * - Break-even notifications / seats. d(x) = TCO_U(x) - TCO_C(x), x the month-1 level of
 *   notifications (seats as in the trial) or of seats (notifications as in the trial), every
 *   other draw of the trial unchanged (the path's shape: growth, escalation, discounting,
 *   noise, spikes; the level scales the whole path). The lowest root in [0, X_MAX] is reported
 *   (SPEC §6), found exactly, with no search: d is piecewise linear between kinks that are
 *   known in advance (where a month's quantity or its free units meet a tier edge, or meet
 *   each other; UCaaS allowances are per whole seat), so every kink of every month is listed
 *   and the pieces are walked from 0 up:
 *   - notifications (a real volume): on a piece [a, b], d within half a cent of 0 at a gives a
 *     (a kink where d touches 0, or the start of an interval of equality: its lowest point;
 *     SPEC §6 ties); else a change of sign across the piece gives the exact root of its line.
 *     Blank when the CPaaS plan carrying the notifications prices no `sms` (with
 *     notifications that option is not offered).
 *   - seats: whole month-1 seat counts n = 0, 1, 2, ... (month m bills whole(n x shape_m)
 *     seats, as the engine does), so d is a step function of n. The root is the lowest n at
 *     which d(n) is within half a cent of 0 or has the other sign than d(n-1): the first seat
 *     count at which the other option is as cheap or cheaper. The walk uses the relaxation
 *     with real seats (piecewise linear) and prices whole seat counts exactly only where the
 *     relaxation is within its bound (the most that whole seats can add in every month) of 0;
 *     a band of more than 256 counts (d almost flat in seats) is bisected, exact when d is
 *     monotone across it.
 *   Blank where no root exists up to X_MAX (never an abort).
 *   With a schedule (SPEC §12.1) the shape holds the planned levels and x is the path's
 *   reference level (tco/workload.h): the whole planned path is scaled by one factor.
 *
 * Labor and delay do not depend on x; they enter d as one constant from the cost workspace's
 * overhead rows. A `cpaas:` option's staff cost (SPEC §8.1, cpaas_cost_per_seat x whole seats)
 * is a constant on the notifications axis and a term linear in seats on the seats axis. The solver takes any two offered options (hybrids too: `recommend` uses it).
 *
 * SPEC §12.4: a plan's `minimum` makes each month's charges max(v, minimum), v its items: a
 * kink more where v crosses it, listed month by month like the others, so the roots stay
 * exact. SPEC §12.2: a `migrate:` option is in no pair (breakeven.csv, the frontier) and the
 * solver refuses it (false, NAN): its question is when to move, which the migration section
 * of the report answers, and "the same month-1 volume" would scale two regimes at once.
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
/* Half a cent: two TCOs (or cumulative costs) this close are equal (SPEC §6 ties). */
#define TCO_BREAKEVEN_TIE 0.005

typedef enum tco_breakeven_axis {
    TCO_BREAKEVEN_NOTIFICATIONS, /* month-1 customer notifications */
    TCO_BREAKEVEN_SEATS          /* month-1 seats, whole */
} tco_breakeven_axis;

/* ---- the math, for one workload ---------------------------------------------------------- */

/* The crossover month (1-based) of two options' discounted monthly costs u[0..months-1] and
 * c[0..months-1], by the rule above; 0 when there is none (also when a cost is not finite). */
int tco_breakeven_crossover_month(const double *u, const double *c, int months);

/* What a root search needs (room for the kinks); allocated once per thread. */
typedef struct tco_breakeven_solver tco_breakeven_solver;

tco_breakeven_solver *tco_breakeven_solver_alloc(void);
void tco_breakeven_solver_free(tco_breakeven_solver *s);

/* The problem: two offered options u and c (any kinds; the observer pairs a `ucaas:` u with a
 * `cpaas:` c) on workload w with the trial's price draws; cost is a workspace on which
 * tco_cost_trial ran for w (its overhead rows give labor and delay). */
typedef struct tco_breakeven_problem {
    const tco_prices *prices;
    const tco_option *u, *c;
    const double *price_draws;
    const tco_workload *w;
    const tco_cost_ws *cost;
} tco_breakeven_problem;

/* d(x) = TCO_u - TCO_c with the month-1 level of `axis` set to x >= 0, priced month by month
 * as the engine does (for seats: whole(x x shape_m) seats in month m). */
double tco_breakeven_difference(const tco_breakeven_problem *pb, tco_breakeven_axis axis,
                                double x);

/* The lowest root of d in [0, X_MAX] as described above. Returns true with *root, or false
 * when none exists (then *root is NAN). Thread-safe for distinct solvers. */
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
    double p_crossover_lo, p_crossover_hi; /* its Wilson 95% interval (tco_proportion_interval95) */
    double crossover_month_p10, crossover_month_p50, crossover_month_p90; /* exact */
    uint64_t n_notifications;           /* trials with a break-even notification volume */
    double p_notifications;
    /* to TCO_QUANTILE_REL_ACCURACY */
    double notifications_p10, notifications_p50, notifications_p90;
    uint64_t n_seats;
    double p_seats;
    double seats_p10, seats_p50, seats_p90; /* whole seat counts */
} tco_breakeven_pair;

size_t tco_breakeven_n_pairs(const tco_breakeven *b);
/* Fills *out for pair i < tco_breakeven_n_pairs(b); pairs are in option order (U-major: each
 * U's `cpaas:` pairs, then its hybrids). */
void tco_breakeven_pair_get(const tco_breakeven *b, size_t i, tco_breakeven_pair *out);

/* ---- every cell at its mean ------------------------------------------------------------ */

/* "Every cell at its mean", the one definition that `tcosim breakeven` and `recommend` share:
 * every scenario cell (and every planned level of a schedule) at the mean of its distribution
 * (tco_value_mean); no month-to-month noise (the log walks have mean 1, SPEC §4); spikes folded
 * in as their expected factor
 * 1 + p (E[multiplier] - 1) on notifications and API requests every month; every price cell
 * at its mean, clamped at 0 as draws are. cost holds every option's costs at the current
 * levels (tco_mean_trial_at re-applies other month-1 seats and notifications). */
typedef struct tco_mean_trial {
    tco_workload w;
    tco_cost_ws cost;
    double *price_draws;
    tco_scenario_step *mean_steps; /* SPEC §12.1: the schedule's levels at their means */
} tco_mean_trial;

void tco_mean_trial_init(tco_mean_trial *t, const tco_scenario *s, const tco_prices *p,
                         const tco_option_set *set);
void tco_mean_trial_at(tco_mean_trial *t, const tco_prices *p, const tco_option_set *set,
                       double seats, double notifications);
void tco_mean_trial_fini(tco_mean_trial *t);

#endif
