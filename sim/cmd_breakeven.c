/* SPDX-License-Identifier: MIT */
/* cmd_breakeven: load, sweep each scenario, report (table / csv / json), write --out files
 * atomically (grid.csv, breakeven_frontier.csv). */
#include "tco/cmd_breakeven.h"

#include <stdlib.h>

#include "tco/breakeven.h"
#include "tco/cmdutil.h"
#include "tco/report_breakeven.h"
#include "tco/xalloc.h"

typedef struct out_ctx {
    const tco_sweep_item *items;
    size_t n;
} out_ctx;

static int write_one(size_t i, FILE *fp, void *ctx)
{
    const out_ctx *c = ctx;
    return i == 0 ? tco_report_sweep_grid_csv(fp, c->items, c->n)
                  : tco_report_sweep_frontier_csv(fp, c->items, c->n);
}

tco_status tco_cmd_breakeven(const tco_options *o)
{
    static const char *const NAMES[] = {"grid.csv", "breakeven_frontier.csv"};
    tco_prices prices;
    tco_batch batch;
    tco_status worst;
    if (!tco_cmd_load_inputs(o, &prices, &batch, &worst)) {
        tco_cmd_batch_fini(&batch);
        tco_prices_fini(&prices);
        return worst;
    }
    tco_status size = tco_cmd_check_sweep_size(o, &batch);
    if (size != TCO_OK) {
        tco_cmd_batch_fini(&batch);
        tco_prices_fini(&prices);
        return size > worst ? size : worst;
    }
    tco_diag_list diags;

    const tco_sweep_config cfg = {o->seats_lo, o->seats_hi, o->notifications_lo,
                                  o->notifications_hi, o->steps, o->scale};
    tco_sweep *sweeps = tco_xcalloc(batch.n_scenarios + 1, sizeof *sweeps);
    tco_sweep_item *items = tco_xcalloc(batch.n_scenarios + 1, sizeof *items);
    size_t n = 0;
    for (size_t i = 0; i < batch.n_files; i++)
        for (size_t k = 0; k < batch.files[i].n; k++) {
            tco_breakeven_sweep(&batch.files[i].items[k], &prices, &cfg, &sweeps[n]);
            items[n].file = o->files[i];
            items[n].sweep = &sweeps[n];
            n++;
        }

    tco_status st = TCO_OK;
    if (o->out_dir) {
        out_ctx ctx = {items, n};
        tco_diag_list_init(&diags);
        st = tco_cmd_write_files(o->out_dir, NAMES, 2, write_one, &ctx, NULL, &diags);
        tco_cmd_print_diags(&diags);
        tco_diag_list_fini(&diags);
        if (st > worst)
            worst = st;
    }
    /* no report when the files the user asked for could not be written */
    if (st == TCO_OK) {
        int rc = 0;
        switch (o->format) {
        case TCO_FORMAT_TABLE: rc = tco_report_sweep_table(stdout, items, n); break;
        case TCO_FORMAT_CSV: rc = tco_report_sweep_grid_csv(stdout, items, n); break;
        case TCO_FORMAT_JSON: rc = tco_report_sweep_json(stdout, items, n, &batch.errors); break;
        }
        if (rc != 0 && worst < TCO_EIOERR)
            worst = TCO_EIOERR; /* main says why, once */
    }
    for (size_t i = 0; i < n; i++)
        tco_sweep_fini(&sweeps[i]);
    free(sweeps);
    free(items);
    tco_cmd_batch_fini(&batch);
    tco_prices_fini(&prices);
    return worst;
}
