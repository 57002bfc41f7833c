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
/* ... and the workbook's and the pictures' tornado charts. */
#define TCO_TORNADO_CHART_INPUTS 12
/* A tornado shows an input whose swing (high_mean - low_mean of delta) is more than this many
 * of its standard errors from 0: with 3, a noise-only input shows in about 0.3% of runs. */
#define TCO_TORNADO_NOISE_SE 3

/* The table of sensitivity.csv (file and scenario its keys). Caller frees. */
tco_table *tco_report_sensitivity_table(const tco_report_item *items, size_t n);

/* sensitivity.csv. Returns 0, or -1 when writing failed (errno tells why). */
int tco_report_sensitivity_csv(FILE *out, const tco_report_item *items, size_t n);

/* The tornado of one scenario's delta (report hook; ctx unused): nothing when the run had no
 * sensitivity summary or fewer than two offered options. */
void tco_report_sensitivity_lines(FILE *out, const tco_report_item *item, void *ctx);

/* Adds "leader", "runner_up", "evpi" and the "sensitivity" rows of `table` (made by
 * tco_report_sensitivity_table for this item) to the scenario's JSON object (a json_t *). */
void tco_report_sensitivity_json(void *scenario, const tco_report_item *item,
                                 const tco_table *table);
/* The same as a report hook (ctx unused), the table made for the one item. */
void tco_report_sensitivity_json_section(void *scenario, const tco_report_item *item,
                                         void *ctx);

/* A scenario's tornado of delta, as the text, the workbook and the pictures show it. */
typedef struct tco_tornado {
    size_t n;
    const char *inputs[TCO_TORNADO_CHART_INPUTS]; /* valid while the result lives */
    double low[TCO_TORNADO_CHART_INPUTS], high[TCO_TORNADO_CHART_INPUTS];
    double evppi[TCO_TORNADO_CHART_INPUTS];
    double mean;                                   /* delta's mean */
} tco_tornado;

/* The tornado of a scenario: up to max_inputs (<= TCO_TORNADO_CHART_INPUTS) inputs that move
 * delta (beyond TCO_TORNADO_NOISE_SE standard errors), ordered by |high_mean - low_mean| (largest first, ties by name); returns t->n, 0 when
 * the run has no sensitivity summary or fewer than two offered options. */
size_t tco_report_tornado(const tco_report_item *item, size_t max_inputs, tco_tornado *t);

#endif
