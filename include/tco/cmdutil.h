/* SPDX-License-Identifier: MIT */
/* cmdutil: what the subcommands share: printing diagnostics, loading the price sheets and a
 * batch of scenario files, the progress display, simulating a batch, and writing a set of
 * output files atomically. Layer 6 with main: it may print to standard error.
 */
#ifndef TCO_CMDUTIL_H
#define TCO_CMDUTIL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

#include "tco/cli.h"
#include "tco/diag.h"
#include "tco/engine.h"
#include "tco/pricesheet.h"
#include "tco/report.h"
#include "tco/scenario.h"

/* Sorts the diagnostics by place (tco_diag_list_sort) and prints each as one line on
 * standard error. */
void tco_cmd_print_diags(tco_diag_list *diags);

/* Loads every --prices sheet, or the bundled sheets when none is given (./data, else the
 * installed copy). Any bad sheet is an error: a comparison with a sheet missing would look
 * complete and not be. */
tco_status tco_cmd_load_prices(const tco_options *o, tco_prices *prices, tco_diag_list *diags);

/* A batch of scenario files: the good ones loaded, the bad ones reported (printed) and kept in
 * `errors` for the JSON document; `worst` is the worst status met. */
typedef struct tco_batch {
    tco_scenario_file *files; /* [n_files]; a bad file has n == 0 */
    size_t n_files;
    size_t n_scenarios;
    tco_diag_list errors;
    tco_status worst;
} tco_batch;

void tco_cmd_load_batch(const tco_options *o, tco_batch *batch);
void tco_cmd_batch_fini(tco_batch *batch);

/* What every simulating command starts with: the price sheets (tco_cmd_load_prices), then the
 * scenario files (tco_cmd_load_batch), problems printed. Returns false when the sheets are bad
 * (nothing to simulate; *worst says why), else true with *worst the batch's worst status. Free
 * both with tco_prices_fini and tco_cmd_batch_fini either way. */
bool tco_cmd_load_inputs(const tco_options *o, tco_prices *prices, tco_batch *batch,
                         tco_status *worst);

/* Simulates every scenario of the batch (engine), with the progress display when standard
 * error is a terminal, and the given observers (may be NULL, 0; they must outlive the
 * results). Fills items/results (arrays of batch->n_scenarios, caller frees each result with
 * tco_result_fini) and returns TCO_OK or TCO_EINTERRUPTED. */
tco_status tco_cmd_simulate(const tco_options *o, const tco_prices *prices, const tco_batch *batch,
                            const tco_observer *observers, size_t n_observers,
                            const atomic_int *stop, tco_result *results,
                            tco_report_item *items, size_t *n_done);

/* Writes n files into dir (created if missing): each to a temporary name, and only when all
 * were written are they renamed into place; on any failure none is left. write(i, fp, ctx)
 * writes file i and returns 0 or -1. */
tco_status tco_cmd_write_files(const char *dir, const char *const *names, size_t n,
                               int (*write)(size_t i, FILE *fp, void *ctx), void *ctx,
                               tco_diag_list *diags);

/* --threads, or the number of online processors. */
unsigned tco_cmd_threads(const tco_options *o);

#endif
