/* SPDX-License-Identifier: MIT */
/* analysis: the registry of `tcosim run`'s analyses (issue 15), and a run's outputs made once.
 *
 * Each analysis is one entry: its `--skip` name, its engine observer, the tables it makes for
 * each scenario (each one a CSV file of `run --out` and rows of the JSON) and its report
 * sections (lines of the table report, members of the JSON). cmd_run derives everything from
 * the entries: the observers it runs, the run size check (which analyses keep per-pair state),
 * the files it writes and the sections of its reports; test_analysis checks that the names cli
 * accepts after --skip are the registry's.
 *
 * tco_run_outputs holds every table of every scenario of one run, made once after the
 * simulation (with no I/O), and every renderer reads them: the CSV files, --format csv and
 * --format json, and the table report's sections. What several of an analysis' tables and
 * sections share (compare's sheet diff) is made once too, per scenario. The run size check's
 * limits bound them: monthly.csv has a row per option-month (TCO_MAX_OPTION_MONTHS, 7,200:
 * 1.4 MB of 16-byte cells), pairwise.csv two per pair (TCO_MAX_OPTION_PAIRS, 4,032: 2.2 MB),
 * the others fewer, small beside the per-month sketches of the results they are made from.
 */
#ifndef TCO_ANALYSIS_H
#define TCO_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tco/diag.h"
#include "tco/engine.h"
#include "tco/pricesheet.h"
#include "tco/report.h"
#include "tco/table.h"

/* What the analyses of a run made for one scenario, for its sections. */
typedef struct tco_scenario_outputs {
    const tco_report_item *item;
    tco_table **tables; /* one per table of the registry (tco_analysis_table_index); NULL when
                         * its analysis was skipped */
    void **shared;      /* one per analysis: what its tables and sections share, or NULL */
} tco_scenario_outputs;

/* A table an analysis makes for each scenario, written to `file` by `run --out`. */
typedef struct tco_analysis_table {
    const char *file;
    /* the table of n items (1, or 0 for an empty one); `shared` is the analysis' for that item
     * (NULL without a prepare, or for none) */
    tco_table *(*make)(const tco_report_item *items, size_t n, const void *shared);
} tco_analysis_table;

typedef struct tco_analysis {
    const char *skip_name; /* its name after `run --skip`; NULL: never skipped (the engine's
                            * own statistics) */
    unsigned skip_bit;     /* TCO_SKIP_* (cli.h), 0 with no name */
    bool pairs;            /* keeps state per pair of options (the run size check counts it) */
    /* its engine observer; NULL: the engine's own statistics */
    tco_observer (*observer)(const tco_prices *prices);
    /* what its tables and sections share for one scenario (NULL: nothing), and its release */
    void *(*prepare)(const tco_report_item *item);
    void (*release)(void *shared);
    const tco_analysis_table *tables;
    size_t n_tables;
    /* its report sections; any may be NULL. `t` is the analysis' first table's slot in
     * out->tables. */
    void (*text_before)(FILE *fp, const tco_scenario_outputs *out, size_t t, const void *shared);
    void (*text_after)(FILE *fp, const tco_scenario_outputs *out, size_t t, const void *shared);
    void (*json)(void *scenario, const tco_scenario_outputs *out, size_t t, const void *shared);
} tco_analysis;

/* The registry, in report order (the engine's statistics first). */
const tco_analysis *tco_analyses(size_t *n);
/* Whether an analysis runs under --skip bits `skip`. */
bool tco_analysis_enabled(const tco_analysis *a, unsigned skip);
/* Whether an analysis that keeps per-pair state runs: the run size check's `pairs`. */
bool tco_analyses_pairs(unsigned skip);
/* The observers of the analyses that run, into `observers` (room for every analysis); returns
 * how many. */
size_t tco_analyses_observers(const tco_prices *prices, unsigned skip, tco_observer *observers);
/* How many tables the registry has (every analysis' tables, in registry order). */
size_t tco_analyses_n_tables(void);
/* The slot of summary.csv, the engine's first table (what --format csv prints). */
enum { TCO_TABLE_SUMMARY = 0 };
/* The file of table slot t, and whether its analysis runs under `skip`. */
const char *tco_analysis_table_file(size_t t);
bool tco_analysis_table_enabled(size_t t, unsigned skip);

/* ---- one run's outputs ----------------------------------------------------------------- */

typedef struct tco_run_outputs {
    const tco_report_item *items;
    size_t n_items;
    unsigned skip;
    tco_scenario_outputs *scenarios; /* one per item */
} tco_run_outputs;

/* Makes every table (and shared part) of every item for the analyses that run under skip. */
void tco_run_outputs_make(tco_run_outputs *out, const tco_report_item *items, size_t n,
                          unsigned skip);
void tco_run_outputs_fini(tco_run_outputs *out);

/* Each returns 0, or -1 when writing failed (errno tells why). */
/* The CSV file of table slot t: its header, then every scenario's rows. */
int tco_run_outputs_csv(FILE *fp, const tco_run_outputs *out, size_t t);
/* tcosim.xlsx (SPEC §9, table_xlsx): a sheet per table slot in `slots` (n_slots of them, in
 * that order: the CSV files written), then the charts of each scenario; assembled in directory
 * dir (a temporary file there, removed before returning) and copied into fp. */
int tco_run_outputs_xlsx(FILE *fp, const tco_run_outputs *out, const size_t *slots,
                         size_t n_slots, const char *dir);
/* The table report and the JSON document (with the batch's input errors), every analysis'
 * sections in registry order. */
int tco_run_outputs_text(FILE *fp, const tco_run_outputs *out);
int tco_run_outputs_json(FILE *fp, const tco_run_outputs *out, const tco_diag_list *errors);

#endif
