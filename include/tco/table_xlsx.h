/* SPDX-License-Identifier: MIT */
/* table_xlsx: the workbook renderer of result tables (SPEC §9), through libxlsxwriter.
 *
 * A workbook is a worksheet `charts`, then one worksheet per table (named as its CSV file
 * without .csv) with the same header and rows as the CSV file: numbers as numbers, texts as
 * texts (a list as its items joined by "; ", a flag as yes / no, an absent text or a real that
 * is not finite as an empty cell), a frozen header row, an autofilter and column widths that
 * fit. A table longer than a worksheet continues on NAME_2, NAME_3, ..., each with the header.
 * Number formats go by the column (tco_xlsx_column_format): money, percent, or general. A
 * number holds the table's double to 16 significant digits (libxlsxwriter 1.1.4 writes "%.16G"),
 * a text at most Excel's 32,767 characters of a cell.
 *
 * The charts of a scenario are made from the rows already written (they refer to the data
 * worksheets' cells), so they are added after the tables. libxlsxwriter writes to a file
 * path: the workbook is assembled under a hidden temporary name in the directory given, then
 * copied into the caller's FILE* and removed, so the caller's all-or-nothing machinery
 * (outset) publishes it like any other file and no temporary file outlives finish / discard.
 * The document's creation time is fixed: the same tables give a byte-identical file.
 */
#ifndef TCO_TABLE_XLSX_H
#define TCO_TABLE_XLSX_H

#include <stdint.h>
#include <stdio.h>

#include "tco/table.h"

/* The rows of a worksheet, the header's included (Excel's limit). */
#define TCO_XLSX_MAX_ROWS 1048576u

typedef enum tco_xlsx_format {
    TCO_XLSX_GENERAL,  /* counts, months, seats, ... */
    TCO_XLSX_MONEY,    /* a cost in the sheets' currency: "$#,##0.00" */
    TCO_XLSX_PERCENT   /* a probability, a share of trials: "0.00%" */
} tco_xlsx_format;

/* The format of a column by its name and type: a real named p_* is a probability (percent); a
 * real named as a cost (mean, sd, mean_se, pNN, margin, evppi, low_mean, high_mean, or
 * starting with cost_, cumulative_, bin_, saving_, mean_saving, change_, max_bill_, or ending
 * with _tco) is money; anything else general. */
tco_xlsx_format tco_xlsx_column_format(const tco_column *column);

typedef struct tco_xlsx tco_xlsx;

/* A new workbook assembled in directory `dir` (a hidden temporary file there), with rows_per_sheet
 * rows at most per worksheet, the header's included (TCO_XLSX_MAX_ROWS; tests give fewer).
 * NULL with errno set when the temporary file cannot be made. */
tco_xlsx *tco_xlsx_open(const char *dir, uint32_t rows_per_sheet);

/* Starts the worksheet of tables of `spec` (its header row); the tables that follow, until the
 * next tco_xlsx_sheet, append their rows to it. */
void tco_xlsx_sheet(tco_xlsx *x, const tco_table_spec *spec);
/* Appends t's rows (t's spec must be the sheet's) and remembers where they went, for charts
 * (t must stay alive until finish). */
void tco_xlsx_rows(tco_xlsx *x, const tco_table *t);

/* The charts of one scenario on the `charts` worksheet, below the previous scenario's: the TCO
 * distribution of the top options (histogram: columns option, bin_low, count), p_cheapest of
 * every offered option with its interval (summary: option, offered, mean, p_cheapest,
 * p_cheapest_lo, p_cheapest_hi) and the cumulative cost bands month by month of the top
 * options (monthly: option, month, cumulative_p05, cumulative_p50, cumulative_p95). The top
 * options are the offered ones of highest p_cheapest (ties: lower mean, then name), at most
 * `n_top`. Each table must have been written with tco_xlsx_rows; any may be NULL (no chart of
 * it). `heading` is the block's first cell (the scenario and its file), `title` ends each
 * chart's title (the scenario). */
void tco_xlsx_charts(tco_xlsx *x, const char *heading, const char *title,
                     const tco_table *summary, const tco_table *histogram,
                     const tco_table *monthly, size_t n_top);

/* The tornado of SPEC §10 below the charts of the scenario charted last (tco_xlsx_charts): n
 * inputs (the largest swing first) with delta's mean when the input is in its lowest 10%
 * (low) and highest 10% (high), drawn as their difference from delta's mean `mean`; its data
 * beside the p_cheapest chart's. Nothing for n == 0. */
void tco_xlsx_tornado(tco_xlsx *x, const char *title, const char *const *inputs,
                      const double *low, const double *high, size_t n, double mean);

/* Assembles the workbook, copies it to out and removes the temporary file; frees x. Returns 0,
 * or -1 (errno tells why, 0 when libxlsxwriter failed). */
int tco_xlsx_finish(tco_xlsx *x, FILE *out);
/* Removes the temporary file and frees x, writing nothing. */
void tco_xlsx_discard(tco_xlsx *x);

#endif
