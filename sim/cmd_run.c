/* SPDX-License-Identifier: MIT */
/* cmd_run: load, simulate, report (table / csv / json) and write --out files atomically. */
#include "tco/cmd_run.h"

#include <signal.h>
#include <stdlib.h>

#include "tco/breakeven.h"
#include "tco/cmdutil.h"
#include "tco/compare.h"
#include "tco/report.h"
#include "tco/report_breakeven.h"
#include "tco/report_compare.h"
#include "tco/xalloc.h"

typedef struct out_ctx {
    const tco_report_item *items;
    size_t n;
} out_ctx;

static int write_one(size_t i, FILE *fp, void *ctx)
{
    const out_ctx *c = ctx;
    switch (i) {
    case 0: return tco_report_summary_csv(fp, c->items, c->n);
    case 1: return tco_report_monthly_csv(fp, c->items, c->n);
    case 2: return tco_report_histogram_csv(fp, c->items, c->n);
    case 3: return tco_report_pairwise_csv(fp, c->items, c->n);
    case 4: return tco_report_diff_csv(fp, c->items, c->n);
    default: return tco_report_breakeven_csv(fp, c->items, c->n);
    }
}

tco_status tco_cmd_run(const tco_options *o, const atomic_int *stop)
{
    static const char *const NAMES[] = {"summary.csv", "monthly.csv", "histogram.csv",
                                        "pairwise.csv", "diff.csv", "breakeven.csv"};
    static const tco_report_section SECTIONS[] = {
        {tco_report_compare_table_before, tco_report_compare_table_after,
         tco_report_compare_json, NULL},
        {NULL, tco_report_breakeven_table, tco_report_breakeven_json, NULL}};
    const size_t n_sections = sizeof SECTIONS / sizeof SECTIONS[0];
    tco_prices prices;
    tco_batch batch;
    tco_status worst;
    if (!tco_cmd_load_inputs(o, &prices, &batch, &worst)) {
        tco_cmd_batch_fini(&batch);
        tco_prices_fini(&prices);
        return worst;
    }
    tco_diag_list diags;

    tco_result *results = tco_xcalloc(batch.n_scenarios + 1, sizeof *results);
    tco_report_item *items = tco_xcalloc(batch.n_scenarios + 1, sizeof *items);
    size_t n_done = 0;
    /* Pairwise statistics and the sheet diff (they read `prices` until the results go), and
     * the per-trial break-even of every per-seat / per-transaction pair. */
    const tco_observer observers[] = {tco_compare_observer(&prices), tco_breakeven_observer()};
    if (tco_cmd_simulate(o, &prices, &batch, observers, sizeof observers / sizeof observers[0],
                         stop, results, items, &n_done) != TCO_OK) {
        fprintf(stderr, "tcosim: interrupted by %s; no output written\n",
                atomic_load(stop) == SIGTERM ? "SIGTERM" : "SIGINT");
        worst = TCO_EINTERRUPTED;
    } else {
        tco_status st = TCO_OK;
        if (o->out_dir) {
            out_ctx ctx = {items, n_done};
            tco_diag_list_init(&diags);
            st = tco_cmd_write_files(o->out_dir, NAMES, sizeof NAMES / sizeof NAMES[0], write_one,
                                     &ctx, &diags);
            tco_cmd_print_diags(&diags);
            tco_diag_list_fini(&diags);
            if (st > worst)
                worst = st;
        }
        /* no report when the files the user asked for could not be written */
        if (st == TCO_OK) {
            int rc = 0;
            switch (o->format) {
            case TCO_FORMAT_TABLE:
                rc = tco_report_table_sections(stdout, items, n_done, SECTIONS, n_sections);
                break;
            case TCO_FORMAT_CSV: rc = tco_report_summary_csv(stdout, items, n_done); break;
            case TCO_FORMAT_JSON:
                rc = tco_report_json_sections(stdout, items, n_done, &batch.errors, SECTIONS,
                                              n_sections);
                break;
            }
            if (rc != 0 && worst < TCO_ECANTCREAT)
                worst = TCO_ECANTCREAT;
        }
    }
    for (size_t i = 0; i < n_done; i++)
        tco_result_fini(&results[i]);
    free(results);
    free(items);
    tco_cmd_batch_fini(&batch);
    tco_prices_fini(&prices);
    return worst;
}
