/* SPDX-License-Identifier: MIT */
/* report_compare: the comparison of options and sheets (issue 5) as report sections:
 * pairwise.csv, diff.csv, the verdict paragraph and the pairwise matrix of the table, the sheet
 * diff section of the table, and the JSON members of one scenario. Formats what compare
 * computed (tco_compare_find on each result); a result without the compare observer gets no
 * section and no CSV rows.
 *
 * pairwise.csv: one row per ordered pair of offered options (option, versus):
 *   file,scenario,option,versus,p_cheaper,p_cheaper_se,p_tie,mean_saving,mean_saving_se,
 *   saving_p05,saving_p95,trials,saving_p50
 * where saving = TCO_versus - TCO_option (positive when option is cheaper), p_cheaper the
 * share of trials where option costs less, p_cheaper_se = sqrt(p (1-p) / trials).
 *
 * diff.csv: one row per option of a plan defined by two sheets and its counterpart on the
 * later sheet:
 *   file,scenario,option_old,option_new,change_mean,change_p05,change_p50,change_p95,
 *   change_mean_se,trials,changed_prices,plan,sheet_old,sheet_new
 * change = TCO_new - TCO_old; changed_prices "; "-separated; trials 0 and blank statistics
 * when either option is not offered.
 */
#ifndef TCO_REPORT_COMPARE_H
#define TCO_REPORT_COMPARE_H

#include <stdio.h>

#include <jansson.h>

#include "tco/compare.h"
#include "tco/report.h"
#include "tco/sheet_diff.h"

/* The table of pairwise.csv (tco/table.h; file and scenario its keys; JSON "pairwise"): every
 * ordered pair of options with paired trials, of every item with a compare summary. */
tco_table *tco_report_pairwise_table(const tco_report_item *items, size_t n);
/* The table of diff.csv (tco/table.h; file and scenario its keys; JSON "sheet_diff", its
 * changed_prices a list): the sheet diff of every item with a compare summary. Caller frees. */
tco_table *tco_report_diff_table(const tco_report_item *items, size_t n);
/* The same of one item from its sheet diff, built once (tco_sheet_diff_build of the item's
 * compare prices and options) for every output that shows it. */
tco_table *tco_report_diff_table_of(const tco_report_item *item, const tco_sheet_diff *sd);

/* Each returns 0, or -1 when writing failed. */
int tco_report_pairwise_csv(FILE *out, const tco_report_item *items, size_t n);
int tco_report_diff_csv(FILE *out, const tco_report_item *items, size_t n);

/* The verdict paragraph of one scenario in plain words ("X is cheapest in 94.1% ± 0.2% of
 * trials; against its closest rival Y it saves $41,200 (90%: $12,000–$88,500) over 36
 * months ..."), or that no option is reliably cheapest (none above 50%) with the top two.
 * NULL when r has no compare summary. Caller frees. */
char *tco_report_compare_verdict(const tco_result *r);

/* Table sections with the signature of a report hook (ctx unused): `before` prints the verdict
 * (wrapped, indented two spaces) for the top of a scenario's table; `after` prints the
 * pairwise matrix of the leading options and the sheet diff. Nothing when there is no compare
 * summary. Errors show in ferror(out). */
void tco_report_compare_table_before(FILE *out, const tco_report_item *item, void *ctx);
void tco_report_compare_table_after(FILE *out, const tco_report_item *item, void *ctx);
/* The same from the item's sheet diff (see tco_report_diff_table_of). */
void tco_report_compare_text_after(FILE *out, const tco_report_item *item,
                                   const tco_sheet_diff *sd);

/* Adds the members "verdict", "pairwise" and "sheet_diff" to the JSON object of one scenario
 * (a json_t *; ctx unused). Nothing when there is no compare summary. */
void tco_report_compare_json(void *scenario, const tco_report_item *item, void *ctx);
/* The same from the item's tables (tco_report_pairwise_table, tco_report_diff_table_of). */
void tco_report_compare_json_tables(void *scenario, const tco_report_item *item,
                                    const tco_table *pairwise, const tco_table *diff);

#endif
