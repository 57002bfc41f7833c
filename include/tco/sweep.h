/* SPDX-License-Identifier: MIT */
/* sweep: the deterministic sweep of `tcosim breakeven` (SPEC §6 "Break-even"): one scenario with
 * every cell at its mean (tco_mean_trial, the definition `recommend` shares), priced over a grid
 * of month-1 seats x month-1 notifications: the cheapest option of each cell, the break-even
 * notifications of every (ucaas:, cpaas:) pair at each row's seats (tco_breakeven_solve, the
 * lowest root) and rule 3 of SPEC §7 probed over its region. No I/O.
 */
#ifndef TCO_SWEEP_H
#define TCO_SWEEP_H

#include <stddef.h>

#include "tco/breakeven.h"
#include "tco/option.h"
#include "tco/pricesheet.h"
#include "tco/scenario.h"

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

/* A deterministic sweep of one scenario, every cell at its mean (tco_mean_trial). */
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
void tco_sweep_run(const tco_scenario *s, const tco_prices *p, const tco_sweep_config *cfg,
                   tco_sweep *out);
void tco_sweep_fini(tco_sweep *sw);

#endif
