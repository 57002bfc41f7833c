/* SPDX-License-Identifier: MIT */
/* cmd_run: load, simulate, report (table / csv / json) and write --out files atomically. */
#include "tco/cmd_run.h"

#include <stdlib.h>
#include <string.h>

#include "tco/analysis.h"
#include "tco/cmdutil.h"
#include "tco/plot.h"
#include "tco/report.h"
#include "tco/report_sensitivity.h"
#include "tco/xalloc.h"

typedef struct out_ctx {
    const tco_run_outputs *outputs;
    size_t *which; /* the table slot (tco/analysis.h) of the i-th file written */
    size_t n_csv;  /* the CSV files; the workbook is the file after them */
    const char *dir; /* --out, where the workbook is assembled */
    tco_format format;
    const tco_diag_list *errors; /* the batch's, for JSON */
    const char *currency;        /* the money axes' label, or NULL */
} out_ctx;

static const char XLSX_NAME[] = "tcosim.xlsx";

/* The charts of every scenario in plots/ (--plots). */
static tco_status write_plots(const char *path, void *ctx, char ***names, size_t *n_names,
                              tco_diag_list *diags)
{
    const out_ctx *c = ctx;
    const tco_run_outputs *out = c->outputs;
    size_t monthly = 0, histogram = 0;
    for (size_t t = 0; t < tco_analyses_n_tables(); t++) {
        if (strcmp(tco_analysis_table_file(t), "monthly.csv") == 0)
            monthly = t;
        if (strcmp(tco_analysis_table_file(t), "histogram.csv") == 0)
            histogram = t;
    }
    tco_plot_scenario *sc = tco_xcalloc(out->n_items + 1, sizeof *sc);
    tco_tornado *td = tco_xcalloc(out->n_items + 1, sizeof *td);
    for (size_t i = 0; i < out->n_items; i++) {
        sc[i] = (tco_plot_scenario){out->scenarios[i].tables[TCO_TABLE_SUMMARY],
                                    out->scenarios[i].tables[monthly],
                                    out->scenarios[i].tables[histogram],
                                    {0, NULL, NULL, NULL, 0}};
        if (tco_report_tornado(&out->items[i], TCO_TORNADO_CHART_INPUTS, &td[i]) > 0)
            sc[i].tornado = (tco_plot_tornado){td[i].n, td[i].inputs, td[i].low, td[i].high,
                                               td[i].mean};
    }
    tco_status st = tco_plot_run(path, sc, out->n_items, c->currency, names, n_names, diags);
    free(td);
    free(sc);
    return st;
}

static int write_one(size_t i, FILE *fp, void *ctx)
{
    const out_ctx *c = ctx;
    if (i == c->n_csv)
        return tco_run_outputs_xlsx(fp, c->outputs, c->which, c->n_csv, c->dir);
    return tco_run_outputs_csv(fp, c->outputs, c->which[i]);
}

static int report(FILE *out, void *ctx)
{
    const out_ctx *c = ctx;
    switch (c->format) {
    case TCO_FORMAT_TABLE: return tco_run_outputs_text(out, c->outputs);
    case TCO_FORMAT_CSV: return tco_run_outputs_csv(out, c->outputs, TCO_TABLE_SUMMARY);
    case TCO_FORMAT_JSON: return tco_run_outputs_json(out, c->outputs, c->errors);
    }
    return 0;
}

tco_status tco_cmd_run(const tco_options *o, const atomic_int *stop)
{
    tco_prices prices;
    tco_batch batch;
    tco_status worst;
    /* before anything is read or written: no gnuplot, no run (SPEC §9) */
    const tco_status plots = tco_cmd_plots_available(o);
    if (plots != TCO_OK)
        return plots;
    if (!tco_cmd_load_inputs(o, &prices, &batch, &worst)) {
        if (worst == TCO_EINTERRUPTED)
            tco_cmd_print_interrupted(stop);
        tco_cmd_batch_fini(&batch);
        tco_prices_fini(&prices);
        return worst;
    }
    tco_status size = tco_cmd_check_run_size(&prices, &batch, tco_analyses_pairs(o->skip));
    if (size != TCO_OK) {
        tco_cmd_batch_fini(&batch);
        tco_prices_fini(&prices);
        return size > worst ? size : worst;
    }

    tco_result *results = tco_xcalloc(batch.n_scenarios + 1, sizeof *results);
    tco_report_item *items = tco_xcalloc(batch.n_scenarios + 1, sizeof *items);
    size_t n_done = 0;
    /* the observers of the analyses that run (compare reads `prices` until the results go) */
    size_t n_analyses;
    tco_analyses(&n_analyses);
    tco_observer *observers = tco_xcalloc(n_analyses, sizeof *observers);
    const size_t n_observers = tco_analyses_observers(&prices, o->skip, observers);
    const tco_status simulated = tco_cmd_simulate(o, &prices, &batch, observers, n_observers,
                                                  stop, results, items, &n_done);
    if (simulated != TCO_OK) {
        if (simulated == TCO_EINTERRUPTED)
            tco_cmd_print_interrupted(stop);
        worst = simulated; /* else said in one line (the ranks of an MPI run disagree) */
    } else {
        /* every table of every scenario made once, for the files and the report */
        tco_run_outputs outputs;
        tco_run_outputs_make(&outputs, items, n_done, o->skip);
        const size_t n_tables = tco_analyses_n_tables();
        size_t *which = tco_xcalloc(n_tables, sizeof *which);
        const char **names = tco_xcalloc(n_tables + 1, sizeof *names);
        size_t n_files = 0;
        for (size_t t = 0; t < n_tables; t++)
            if (tco_analysis_table_enabled(t, o->skip)) {
                which[n_files] = t;
                names[n_files++] = tco_analysis_table_file(t);
            }
        /* the workbook of the same tables, after the CSV files (SPEC §9) */
        const size_t n_csv = n_files;
        names[n_files++] = XLSX_NAME;
        out_ctx ctx = {&outputs,        which, n_csv, o->out_dir, o->format, &batch.errors,
                       tco_cmd_currency(&prices)};
        const tco_publication pub = {names,   n_files,  write_one,
                                     report,  &ctx,     NULL,
                                     o->plots ? "plots" : NULL, write_plots};
        const tco_status st =
            tco_cmd_publish_results(o, &prices, &batch, true, n_done, pub, stop);
        if (st > worst)
            worst = st;
        free(names);
        free(which);
        tco_run_outputs_fini(&outputs);
    }
    for (size_t i = 0; i < n_done; i++)
        tco_result_fini(&results[i]);
    free(results);
    free(items);
    free(observers);
    tco_cmd_batch_fini(&batch);
    tco_prices_fini(&prices);
    return worst;
}
