/* SPDX-License-Identifier: MIT */
/* cmd_breakeven: load, sweep each scenario, report (table / csv / json), write --out files
 * atomically (grid.csv, breakeven_frontier.csv). */
#include "tco/cmd_breakeven.h"

#include <stdlib.h>

#include "tco/breakeven.h"
#include "tco/cmdutil.h"
#include "tco/plot.h"
#include "tco/report_breakeven.h"
#include "tco/sweep.h"
#include "tco/xalloc.h"

typedef struct out_ctx {
    const tco_sweep_item *items;
    size_t n;
    tco_format format;
    const tco_diag_list *errors; /* the batch's, for JSON */
} out_ctx;

static int report(FILE *out, void *ctx)
{
    const out_ctx *c = ctx;
    switch (c->format) {
    case TCO_FORMAT_TABLE: return tco_report_sweep_table(out, c->items, c->n);
    case TCO_FORMAT_CSV: return tco_report_sweep_grid_csv(out, c->items, c->n);
    case TCO_FORMAT_JSON: return tco_report_sweep_json(out, c->items, c->n, c->errors);
    }
    return 0;
}

/* The map of each scenario in plots/ (--plots). */
static tco_status write_plots(const char *path, void *ctx, char ***names, size_t *n_names,
                              tco_diag_list *diags)
{
    const out_ctx *c = ctx;
    tco_plot_sweep *sw = tco_xcalloc(c->n + 1, sizeof *sw);
    tco_table **tables = tco_xcalloc(2 * c->n + 1, sizeof *tables);
    for (size_t i = 0; i < c->n; i++) {
        tables[2 * i] = tco_report_sweep_grid_table(&c->items[i], 1);
        tables[2 * i + 1] = tco_report_sweep_frontier_table(&c->items[i], 1);
        sw[i] = (tco_plot_sweep){tables[2 * i], tables[2 * i + 1]};
    }
    const tco_status st = tco_plot_breakeven(path, sw, c->n, names, n_names, diags);
    for (size_t i = 0; i < 2 * c->n; i++)
        tco_table_free(tables[i]);
    free(tables);
    free(sw);
    return st;
}

static int write_one(size_t i, FILE *fp, void *ctx)
{
    const out_ctx *c = ctx;
    return i == 0 ? tco_report_sweep_grid_csv(fp, c->items, c->n)
                  : tco_report_sweep_frontier_csv(fp, c->items, c->n);
}

tco_status tco_cmd_breakeven(const tco_options *o, const atomic_int *stop)
{
    static const char *const NAMES[] = {"grid.csv", "breakeven_frontier.csv"};
    tco_prices prices;
    tco_batch batch;
    tco_status worst;
    tco_sweep *sweeps = NULL;
    tco_sweep_item *items = NULL;
    size_t n = 0;
    /* before anything is read or written: no gnuplot, no run (SPEC §9) */
    const tco_status plots = tco_cmd_plots_available(o);
    if (plots != TCO_OK)
        return plots;
    if (!tco_cmd_load_inputs(o, &prices, &batch, &worst)) {
        if (worst == TCO_EINTERRUPTED)
            tco_cmd_print_interrupted(stop); /* an open a stop signal interrupted */
        goto done;
    }
    const tco_status size = tco_cmd_check_sweep_size(o, &batch);
    if (size != TCO_OK) {
        if (size > worst)
            worst = size;
        goto done;
    }

    const tco_sweep_config cfg = {o->seats_lo, o->seats_hi, o->notifications_lo,
                                  o->notifications_hi, o->steps, o->scale};
    sweeps = tco_xcalloc(batch.n_scenarios + 1, sizeof *sweeps);
    items = tco_xcalloc(batch.n_scenarios + 1, sizeof *items);
    for (size_t i = 0; i < batch.n_files; i++)
        for (size_t k = 0; k < batch.files[i].n; k++) {
            if (atomic_load(stop))
                break; /* a stop signal: between scenarios, nothing written */
            tco_sweep_run(&batch.files[i].items[k], &prices, &cfg, &sweeps[n]);
            items[n].file = o->files[i];
            items[n].sweep = &sweeps[n];
            n++;
        }
    if (atomic_load(stop)) {
        tco_cmd_print_interrupted(stop);
        worst = TCO_EINTERRUPTED;
        goto done;
    }
    out_ctx ctx = {items, n, o->format, &batch.errors};
    const tco_publication pub = {NAMES, 2, write_one, report, &ctx, NULL,
                                 o->plots ? "plots" : NULL, write_plots};
    const tco_status st = tco_cmd_publish_results(o, &prices, &batch, false, n, pub, stop);
    if (st > worst)
        worst = st;
done:
    /* the one way out: what was made is freed (the sweeps of the scenarios done) */
    for (size_t i = 0; i < n; i++)
        tco_sweep_fini(&sweeps[i]);
    free(sweeps);
    free(items);
    tco_cmd_batch_fini(&batch);
    tco_prices_fini(&prices);
    return worst;
}
