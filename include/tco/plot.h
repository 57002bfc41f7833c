/* SPDX-License-Identifier: MIT */
/* plot: the charts of SPEC §9 as PNG and SVG pictures, drawn by gnuplot (issue 18).
 *
 * tcosim writes one gnuplot script, with the data inline as datablocks, into a pipe to gnuplot
 * run inside the directory that receives the pictures: gnuplot does every drawing (no SVG text
 * is assembled here). The pictures' names are numbered (s01-tco.png), never taken from input
 * text; option names reach the charts only as gnuplot strings, quoted here, with gnuplot's
 * enhanced text off, so no name is read as markup. The fonts and sizes are fixed, so the same
 * tables give byte-identical pictures.
 */
#ifndef TCO_PLOT_H
#define TCO_PLOT_H

#include <stddef.h>

#include "tco/diag.h"
#include "tco/table.h"

/* The program that draws (looked up on PATH). */
#define TCO_PLOT_PROGRAM "gnuplot"
/* The options a distribution or fan chart shows: the cheapest by mean TCO. */
#define TCO_PLOT_TOP 4

/* Whether gnuplot can be run: TCO_OK, or TCO_EUNAVAILABLE with one diagnostic. */
tco_status tco_plot_available(tco_diag_list *diags);

/* SPEC §10's tornado of one scenario: n inputs, the largest swing first, with the mean of
 * delta (runner-up minus leader) when each is in its lowest (low) and highest 10% (high). */
typedef struct tco_plot_tornado {
    size_t n;
    const char *const *inputs;
    const double *low, *high;
    double mean;
} tco_plot_tornado;

/* One scenario's tables (summary.csv, monthly.csv, histogram.csv rows of that scenario), and
 * its tornado (n 0: none). */
typedef struct tco_plot_scenario {
    const tco_table *summary, *monthly, *histogram;
    tco_plot_tornado tornado;
} tco_plot_scenario;

/* Draws, for scenario k (from 1), sKK-tco, sKK-p-cheapest and sKK-fan, and sKK-tornado when it
 * has one, each .png and .svg,
 * into the existing directory `dir`. `currency` labels the money axes (NULL: "money").
 * *names receives the files' names (allocated; free each and the array). TCO_OK, or
 * TCO_ECANTCREAT / TCO_EUNAVAILABLE with a diagnostic. */
tco_status tco_plot_run(const char *dir, const tco_plot_scenario *sc, size_t n,
                        const char *currency, char ***names, size_t *n_names,
                        tco_diag_list *diags);

/* One scenario's breakeven sweep: its grid.csv and breakeven_frontier.csv rows. */
typedef struct tco_plot_sweep {
    const tco_table *grid, *frontier;
} tco_plot_sweep;

/* Draws, for scenario k (from 1), sKK-breakeven-map (.png, .svg): the seats x notifications
 * grid coloured by its cheapest option, with each pair's break-even line; as tco_plot_run. */
tco_status tco_plot_breakeven(const char *dir, const tco_plot_sweep *sw, size_t n,
                              char ***names, size_t *n_names, tco_diag_list *diags);

#endif
