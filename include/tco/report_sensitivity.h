/* SPDX-License-Identifier: MIT */
/* report_sensitivity: what drives the decision (SPEC §10) as a result table and report
 * sections: sensitivity.csv, the text tornado of delta, and the JSON members.
 *
 * sensitivity.csv has one row for every pair of a target (each offered option in option order,
 * then `delta` when two or more are offered) and an input (tco_sensitivity's order), then one
 * `delta,all` row: the EVPI, with first_order 1 (everything explains all of delta's variance)
 * and no tornado ends.
 */
#ifndef TCO_REPORT_SENSITIVITY_H
#define TCO_REPORT_SENSITIVITY_H

#include <stdio.h>

#include "tco/report.h"
#include "tco/table.h"

/* The inputs the text tornado shows at most: those that move delta most. */
#define TCO_TORNADO_TABLE_INPUTS 8

/* The table of sensitivity.csv (file and scenario its keys). Caller frees. */
tco_table *tco_report_sensitivity_table(const tco_report_item *items, size_t n);

/* The tornado of one scenario's delta (report hook; ctx unused): nothing when the run had no
 * sensitivity summary or fewer than two offered options. */
void tco_report_sensitivity_lines(FILE *out, const tco_report_item *item, void *ctx);

/* Adds "leader", "runner_up", "evpi" and the "sensitivity" rows of `table` (made by
 * tco_report_sensitivity_table for this item) to the scenario's JSON object (a json_t *). */
void tco_report_sensitivity_json(void *scenario, const tco_report_item *item,
                                 const tco_table *table);

/* The tornado rows of a scenario for charts: up to max_inputs inputs with a swing, ordered by
 * |high_mean - low_mean| of delta (largest first, ties by name); returns how many. names[k]
 * stay valid while the result lives. */
size_t tco_report_tornado(const tco_report_item *item, size_t max_inputs, const char **names,
                          double *low, double *high, double *evppi);

#endif
