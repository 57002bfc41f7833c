/* SPDX-License-Identifier: MIT */
/* cmd_run: load, simulate, report (table / csv / json) and write --out files atomically. */
#include "tco/cmd_run.h"

#include <stdlib.h>

#include "tco/breakeven.h"
#include "tco/cmdutil.h"
#include "tco/compare.h"
#include "tco/report.h"
#include "tco/report_breakdown.h"
#include "tco/report_breakeven.h"
#include "tco/report_compare.h"
#include "tco/xalloc.h"

/* The files of --out, each with the analysis it needs (0: the engine's own). */
typedef int (*file_writer)(FILE *fp, const tco_report_item *items, size_t n);
static const struct {
    const char *name;
    file_writer write;
    unsigned needs;
} FILES[] = {{"summary.csv", tco_report_summary_csv, 0},
             {"monthly.csv", tco_report_monthly_csv, 0},
             {"histogram.csv", tco_report_histogram_csv, 0},
             {"breakdown.csv", tco_report_breakdown_csv, 0},
             {"pairwise.csv", tco_report_pairwise_csv, TCO_SKIP_COMPARE},
             {"diff.csv", tco_report_diff_csv, TCO_SKIP_COMPARE},
             {"breakeven.csv", tco_report_breakeven_csv, TCO_SKIP_BREAKEVEN}};
enum { N_FILES = sizeof FILES / sizeof FILES[0] };

typedef struct out_ctx {
    const tco_report_item *items;
    size_t n;
    size_t which[N_FILES]; /* index into FILES of the i-th file written */
    tco_format format;
    const tco_diag_list *errors; /* the batch's, for JSON */
    const tco_report_section *sections;
    size_t n_sections;
} out_ctx;

static int write_one(size_t i, FILE *fp, void *ctx)
{
    const out_ctx *c = ctx;
    return FILES[c->which[i]].write(fp, c->items, c->n);
}

static int report(FILE *out, void *ctx)
{
    const out_ctx *c = ctx;
    switch (c->format) {
    case TCO_FORMAT_TABLE:
        return tco_report_table_sections(out, c->items, c->n, c->sections, c->n_sections);
    case TCO_FORMAT_CSV: return tco_report_summary_csv(out, c->items, c->n);
    case TCO_FORMAT_JSON:
        return tco_report_json_sections(out, c->items, c->n, c->errors, c->sections,
                                        c->n_sections);
    }
    return 0;
}

tco_status tco_cmd_run(const tco_options *o, const atomic_int *stop)
{
    static const tco_report_section COMPARE_SECTION = {
        tco_report_compare_table_before, tco_report_compare_table_after, tco_report_compare_json,
        NULL};
    static const tco_report_section BREAKDOWN_SECTION = {NULL, tco_report_breakdown_lines,
                                                         tco_report_breakdown_json, NULL};
    static const tco_report_section BREAKEVEN_SECTION = {NULL, tco_report_breakeven_table,
                                                         tco_report_breakeven_json, NULL};
    tco_prices prices;
    tco_batch batch;
    tco_status worst;
    if (!tco_cmd_load_inputs(o, &prices, &batch, &worst)) {
        if (worst == TCO_EINTERRUPTED)
            tco_cmd_print_interrupted(stop);
        tco_cmd_batch_fini(&batch);
        tco_prices_fini(&prices);
        return worst;
    }
    tco_status size = tco_cmd_check_run_size(&prices, &batch, !(o->skip & TCO_SKIP_COMPARE));
    if (size != TCO_OK) {
        tco_cmd_batch_fini(&batch);
        tco_prices_fini(&prices);
        return size > worst ? size : worst;
    }
    tco_diag_list diags;

    tco_result *results = tco_xcalloc(batch.n_scenarios + 1, sizeof *results);
    tco_report_item *items = tco_xcalloc(batch.n_scenarios + 1, sizeof *items);
    size_t n_done = 0;
    /* Pairwise statistics and the sheet diff (they read `prices` until the results go), and
     * the per-trial break-even of every per-seat / per-transaction pair, unless --skip. */
    tco_observer observers[2];
    tco_report_section sections[3] = {BREAKDOWN_SECTION}; /* the engine's own, then observers' */
    size_t n_observers = 0, n_sections = 1;
    if (!(o->skip & TCO_SKIP_COMPARE)) {
        observers[n_observers++] = tco_compare_observer(&prices);
        sections[n_sections++] = COMPARE_SECTION;
    }
    if (!(o->skip & TCO_SKIP_BREAKEVEN)) {
        observers[n_observers++] = tco_breakeven_observer();
        sections[n_sections++] = BREAKEVEN_SECTION;
    }
    if (tco_cmd_simulate(o, &prices, &batch, observers, n_observers, stop, results, items,
                         &n_done) != TCO_OK) {
        tco_cmd_print_interrupted(stop);
        worst = TCO_EINTERRUPTED;
    } else {
        out_ctx ctx = {items, n_done, {0}, o->format, &batch.errors, sections, n_sections};
        const char *names[N_FILES];
        size_t n_files = 0;
        for (size_t f = 0; f < N_FILES; f++)
            if (!(FILES[f].needs & o->skip)) {
                ctx.which[n_files] = f;
                names[n_files++] = FILES[f].name;
            }
        const tco_publication pub = {names, n_files, write_one, report, &ctx};
        /* SPEC §8.5: a run that simulated no scenario leaves the previous files as they were */
        tco_diag_list_init(&diags);
        tco_status st =
            tco_cmd_publish(o->out_dir && n_done > 0 ? o->out_dir : NULL, &pub, stop, &diags);
        tco_cmd_print_diags(&diags);
        tco_diag_list_fini(&diags);
        if (st == TCO_EINTERRUPTED)
            tco_cmd_print_interrupted(stop);
        if (st > worst)
            worst = st;
    }
    for (size_t i = 0; i < n_done; i++)
        tco_result_fini(&results[i]);
    free(results);
    free(items);
    tco_cmd_batch_fini(&batch);
    tco_prices_fini(&prices);
    return worst;
}
