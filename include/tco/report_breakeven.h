/* SPDX-License-Identifier: MIT */
/* report_breakeven: break-even results (issue 4) as report sections. Formats only what
 * breakeven computed; a result without the break-even observer gets no lines and no rows.
 *
 * breakeven.csv (SPEC §6), one row per pair (offered `ucaas:` option, offered `cpaas:` option),
 * and per pair (`ucaas:U`, `hybrid:U+C`) of one UCaaS plan (SPEC §8.3):
 *   file,scenario,per_seat_option,per_transaction_option,p_crossover,crossover_month_p10,
 *   crossover_month_p50,crossover_month_p90,breakeven_notifications_p50,breakeven_seats_p50,
 * then the extensions
 *   p_crossover_se,crossover_trials,breakeven_notifications_p10,breakeven_notifications_p90,
 *   p_breakeven_notifications,breakeven_seats_p10,breakeven_seats_p90,p_breakeven_seats,trials,
 *   p_crossover_lo,p_crossover_hi
 * (p_crossover's Wilson 95% interval, tco_proportion_interval95). Crossover quantiles are
 * over the trials with a crossover (crossover_trials of them, exact months); break-even
 * quantiles over the trials that have a root (their share in
 * p_breakeven_*), to TCO_QUANTILE_REL_ACCURACY (seats: the nearest whole count). A cell is
 * blank where there is none. The table shows p_crossover as "2.1% ± 0.3%", and where no trial
 * or every trial crosses as the end of its interval ("< 7.2%", "> 92.8%").
 *
 * `tcosim breakeven` (a deterministic sweep, tco_sweep): the table, grid.csv
 *   file,scenario,seats,notifications,cheapest,cheapest_tco,second,second_tco,margin
 * (margin = second_tco - cheapest_tco, dollars over the horizon), breakeven_frontier.csv
 *   file,scenario,seats,per_seat_option,per_transaction_option,breakeven_notifications
 * and one JSON document.
 */
#ifndef TCO_REPORT_BREAKEVEN_H
#define TCO_REPORT_BREAKEVEN_H

#include <stdio.h>

#include "tco/breakeven.h"
#include "tco/diag.h"
#include "tco/report.h"
#include "tco/sweep.h"

/* ---- `tcosim run` --------------------------------------------------------------------- */

/* The table of breakeven.csv (tco/table.h; file and scenario its keys; JSON "breakeven"): one
 * row per per-seat / per-transaction pair of every item with a break-even summary. */
tco_table *tco_report_breakeven_pairs_table(const tco_report_item *items, size_t n);
/* breakeven.csv. Returns 0, or -1 when writing failed. */
int tco_report_breakeven_csv(FILE *out, const tco_report_item *items, size_t n);

/* Table lines of one scenario (report hook signature; ctx unused): a heading and one line per
 * pair, e.g. "  ucaas:X vs cpaas:Y: cumulative costs cross in 62.0% ± 0.5% of trials (month
 * p10/p50/p90 4/7/13); equal TCO at 28,571 notifications a month or 0.35 seats (p50)".
 * Nothing when r has no break-even summary or no pair. Errors show in ferror(out). */
void tco_report_breakeven_table(FILE *out, const tco_report_item *item, void *ctx);

/* Adds the member "breakeven" (an array, one object per pair, the CSV's columns as members,
 * null where blank) to the JSON object of one scenario (a json_t *; ctx unused). Nothing when
 * r has no break-even summary. */
void tco_report_breakeven_json(void *scenario, const tco_report_item *item, void *ctx);
/* The same from the item's table (tco_report_breakeven_pairs_table). */
void tco_report_breakeven_json_table(void *scenario, const tco_report_item *item,
                                     const tco_table *pairs);

/* ---- `tcosim breakeven` --------------------------------------------------------------- */

typedef struct tco_sweep_item {
    const char *file;
    const tco_sweep *sweep;
} tco_sweep_item;

/* The tables of grid.csv and breakeven_frontier.csv (tco/table.h; file and scenario their
 * keys; JSON "grid" and "frontier", an absent option null). Caller frees. */
tco_table *tco_report_sweep_grid_table(const tco_sweep_item *items, size_t n);
tco_table *tco_report_sweep_frontier_table(const tco_sweep_item *items, size_t n);

/* Each returns 0, or -1 when writing failed. */
int tco_report_sweep_table(FILE *out, const tco_sweep_item *items, size_t n);
int tco_report_sweep_grid_csv(FILE *out, const tco_sweep_item *items, size_t n);
int tco_report_sweep_frontier_csv(FILE *out, const tco_sweep_item *items, size_t n);
/* Everything in one document, with the input problems of a batch under "errors". */
int tco_report_sweep_json(FILE *out, const tco_sweep_item *items, size_t n,
                          const tco_diag_list *errors);

#endif
