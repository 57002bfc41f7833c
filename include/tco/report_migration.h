/* SPDX-License-Identifier: MIT */
/* report_migration: how each migration compares with staying and with moving at once (SPEC
 * §12.2), as one result table and its report sections. Computes nothing: the paired
 * differences come from compare (the same figures as pairwise.csv's rows of those pairs), the
 * mean TCOs from the engine.
 *
 * The table `migration`, one row per offered `migrate:U+C@k` option of a scenario, in option
 * order (each hybrid's migrations, k ascending):
 *   file, scenario (keys), option, migrate_month, mean (its mean TCO),
 *   ucaas_option, saving_vs_ucaas, saving_vs_ucaas_se, p_cheaper_than_ucaas,
 *   p_cheaper_than_ucaas_se, p_cheaper_than_ucaas_lo, p_cheaper_than_ucaas_hi,
 *   hybrid_option, saving_vs_hybrid, ... (the same six for hybrid:U+C),
 *   best (the migration month of its hybrid with the lowest mean TCO; ties: the earlier), trials
 * A saving is the mean over trials of TCO of the other option - TCO of the migration (positive:
 * the migration costs less), with its standard error; p_cheaper_than_X the share of trials in
 * which the migration costs less by more than half a cent, with its standard error and 95%
 * Wilson interval. Not a file of `--out` (pairwise.csv has every figure of it): the table
 * report's section and the JSON member "migration" render it. No rows without a compare
 * summary (`--skip compare`) or without migrations.
 */
#ifndef TCO_REPORT_MIGRATION_H
#define TCO_REPORT_MIGRATION_H

#include <stdio.h>

#include "tco/report.h"
#include "tco/table.h"

/* The migration table of n items. Caller frees. */
tco_table *tco_report_migration_table(const tco_report_item *items, size_t n);

/* The table report's section of one scenario from its table t: a heading, a line per
 * migration, and the best month of each hybrid; nothing when t has no rows for the item.
 * Errors show in ferror(out). */
void tco_report_migration_text(FILE *out, const tco_report_item *item, const tco_table *t);

/* Sets "migration" of the scenario's JSON object (a json_t *) to the item's rows of t; nothing
 * when there are none. */
void tco_report_migration_json(void *scenario, const tco_report_item *item, const tco_table *t);

#endif
