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
#include "tco/correlations.h"
#include "tco/diag.h"
#include "tco/engine.h"
#include "tco/manifest.h"
#include "tco/pricesheet.h"
#include "tco/report.h"
#include "tco/scenario.h"
#include "tco/schedule.h"

/* Sorts the diagnostics by place (tco_diag_list_sort) and prints each as one line on
 * standard error. */
void tco_cmd_print_diags(tco_diag_list *diags);

/* The one line of an interrupted command: which signal *stop holds, and that nothing was
 * written. */
void tco_cmd_print_interrupted(const atomic_int *stop);

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
    bool cut;                 /* more than TCO_MAX_RUN_SCENARIOS: the files past them were not
                                 loaded, and nothing is to be simulated (exit 64) */
    tco_schedule schedule;    /* --schedule (SPEC §12.1), bound to the files' scenarios (their
                                 steps point into it); empty without one */
    tco_correlations *correlations; /* --correlations, checked against the files; NULL: none */
} tco_batch;

void tco_cmd_load_batch(const tco_options *o, tco_batch *batch);
void tco_cmd_batch_fini(tco_batch *batch);

/* What every simulating command starts with: the price sheets (tco_cmd_load_prices), the
 * --schedule file, then the scenario files (tco_cmd_load_batch) and the schedule bound to
 * them, then --correlations checked against them (tco_correlations_check), problems printed.
 * Returns false when the sheets, the schedule or the correlations file are bad (nothing to
 * simulate: a comparison on a plan that was not meant would look complete and not be; *worst
 * says why), else true with *worst the batch's worst status. Free both with tco_prices_fini
 * and tco_cmd_batch_fini either way. */
bool tco_cmd_load_inputs(const tco_options *o, tco_prices *prices, tco_batch *batch,
                         tco_status *worst);

/* What a run keeps until its report is written is bounded (README "What tcosim refuses"):
 * the option-months (options x months) of the batch's scenarios must add up to at most
 * TCO_MAX_OPTION_MONTHS and, when `pairs` (the pairwise statistics run), their pairs of
 * options to at most TCO_MAX_OPTION_PAIRS. Returns TCO_OK, or TCO_EDATA after printing one
 * diagnostic at the scenario that goes past a limit (then nothing is to be simulated). */
tco_status tco_cmd_check_run_size(const tco_prices *prices, const tco_batch *batch, bool pairs);

/* The same for the deterministic sweep of `tcosim breakeven`: the grid cells (--steps
 * squared) of the batch's scenarios add up to at most TCO_MAX_SWEEP_CELLS, else TCO_EUSAGE. */
tco_status tco_cmd_check_sweep_size(const tco_options *o, const tco_batch *batch);

/* Simulates every scenario of the batch (engine), with the progress display when standard
 * error is a terminal, and the given observers (may be NULL, 0; they must outlive the
 * results), as jobs of the cluster (tco/cluster.h: this process, or the ranks of an MPI run,
 * whose writer alone gets results). A scenario with correlated inputs gets its copula for the
 * batch's run (s->copula, NULL again after). Fills items/results (arrays of batch->n_scenarios,
 * caller frees each result with tco_result_fini) and returns TCO_OK, TCO_EINTERRUPTED, or
 * TCO_ESOFTWARE already said in one line (the ranks of an MPI run disagree). */
tco_status tco_cmd_simulate(const tco_options *o, const tco_prices *prices, tco_batch *batch,
                            const tco_observer *observers, size_t n_observers,
                            const atomic_int *stop, tco_result *results,
                            tco_report_item *items, size_t *n_done);

/* What a command publishes: its files for --out and its report on standard output. */
typedef struct tco_publication {
    const char *const *names; /* the files' names (tco/outset.h's TCO_RESULT_NAMES) */
    size_t n_files;
    int (*write)(size_t i, FILE *fp, void *ctx); /* writes file i: 0, or -1 on error */
    int (*report)(FILE *out, void *ctx);         /* prints the report: 0, or -1 on error */
    void *ctx;
    /* with --out, manifest.json is written beside the files (SPEC §8.5); its outputs are
     * filled in here. NULL: none */
    const tco_manifest *manifest;
    /* with --out, a result directory (tco/outset.h's TCO_RESULT_DIRS) made with the set, or
     * NULL: none. write_dir fills `path` (an empty directory) and gives the names of the files
     * it wrote (*names allocated, each name too: the caller frees them), which manifest.json
     * lists as dir_name/NAME. */
    const char *dir_name;
    tco_status (*write_dir)(const char *path, void *ctx, char ***names, size_t *n_names,
                            tco_diag_list *diags);
} tco_publication;

/* The manifest of a command's run (SPEC §8.5): its command line, seed and trials (when
 * `simulated`), every input (the price sheets, the scenario files, the schedule, as given),
 * the sheets' currency and whether a scenario is discounted. *inputs is allocated: free it. */
void tco_cmd_manifest(tco_manifest *m, tco_manifest_input **inputs, const tco_options *o,
                      const tco_prices *prices, const tco_batch *batch, bool simulated);

/* Publishes the results. Without --out (dir NULL) prints the report. With it, writes the files
 * into dir (created if missing) as one set replacing the previous run's (SPEC §8.5, outset:
 * under DIR/.tcosim.lock, each file to a temporary name, flushed, fsync'ed and closed, then all
 * put in place, result files of this run's names it did not write removed), then prints the
 * report (rendered in memory before the first rename, so that what can run out of memory
 * runs while nothing has moved): on any failure the previous set is left or put back as it was, no temporary file is
 * left and no report printed after the failure. SIGINT, SIGTERM and SIGHUP are held back while
 * the files are written; one that came, or a non-zero *stop (may be NULL), before the report
 * gives TCO_EINTERRUPTED with the previous set in place. A report that standard output did not
 * take gives TCO_EIOERR, said in one line, with the previous set put back. */
tco_status tco_cmd_publish(const char *dir, const tco_publication *pub, const atomic_int *stop,
                           tco_diag_list *diags);

/* The run's currency: the one the sheets name (they must agree), or NULL when none does. */
const char *tco_cmd_currency(const tco_prices *prices);

/* With --plots, whether gnuplot is there (SPEC §9: one line and exit 69 before anything is
 * read or written); TCO_OK without --plots. */
tco_status tco_cmd_plots_available(const tco_options *o);

/* What run and breakeven end with: the manifest of the run (tco_cmd_manifest), then
 * tco_cmd_publish into --out (none when no scenario was done: n_done 0), its problems and an
 * interrupt printed. pub's manifest is filled in here. Only the cluster's writer publishes
 * (the other ranks of an MPI run return TCO_OK at once). */
tco_status tco_cmd_publish_results(const tco_options *o, const tco_prices *prices,
                                   const tco_batch *batch, bool simulated, size_t n_done,
                                   tco_publication pub, const atomic_int *stop);

/* The one line for standard output that did not take what was printed (errno err, or 0). */
void tco_cmd_print_stdout_error(int err);

/* --threads, or the number of online processors. */
unsigned tco_cmd_threads(const tco_options *o);

#endif
