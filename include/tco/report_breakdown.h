/* SPDX-License-Identifier: MIT */
/* report_breakdown: where the money goes (SPEC §8.2), as a result table and report sections.
 * Formats only what the engine summed (tco_option_result.component_sum).
 *
 * breakdown.csv, one row per offered option and component (tco_component order) that is not
 * zero in every trial (costs are never negative, so a sum of 0 means 0 in every trial):
 *   file,scenario,option,component,mean,share
 * `mean` the mean over trials of the component's discounted cost over the horizon, `share` =
 * mean / the option's mean TCO. The means of an option add up to its mean TCO (to the cent:
 * each trial's components add up to its TCO, up to floating-point rounding). JSON: each
 * offered option's object gets "breakdown", its rows {component, mean, share}. The table
 * report shows, for the leading options, the shares of five groups: seats (`seat`,
 * `staff_cost`), usage (`sms`, `voice`, `api`), fixed fees (`number`, `platform`, `setup`,
 * `minimum`), labor (`ucaas_labor`, `cpaas_labor`) and delay.
 */
#ifndef TCO_REPORT_BREAKDOWN_H
#define TCO_REPORT_BREAKDOWN_H

#include <stdio.h>

#include "tco/report.h"
#include "tco/table.h"

/* The options whose breakdown the table report shows: the first ones of the ranking. */
#define TCO_BREAKDOWN_TABLE_OPTIONS 3

/* The table of breakdown.csv (file, scenario and option its keys). Caller frees. */
tco_table *tco_report_breakdown_table(const tco_report_item *items, size_t n);
/* breakdown.csv. Returns 0, or -1 when writing failed (errno tells why). */
int tco_report_breakdown_csv(FILE *out, const tco_report_item *items, size_t n);

/* Table lines of one scenario (report hook; ctx unused): a heading and one line per leading
 * option, e.g. "    rank 1: seats 78.1%, usage 2.0%, fixed fees 0.3%, labor 19.6%, delay 0.0%".
 * Nothing when no option is offered. Errors show in ferror(out). */
void tco_report_breakdown_lines(FILE *out, const tco_report_item *item, void *ctx);
/* Adds "breakdown" to every offered option's object of the scenario's JSON object (a json_t *
 * holding "options", one object per option in option order; ctx unused). */
void tco_report_breakdown_json(void *scenario, const tco_report_item *item, void *ctx);

#endif
