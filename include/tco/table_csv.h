/* SPDX-License-Identifier: MIT */
/* table_csv: the CSV renderer of a result table (tco/table.h): one file, a header row of the
 * column names, then one record per row, every cell through tco_csvw (RFC 4180 through libcsv,
 * CRLF, every cell quoted). Text cells are made UTF-8 without controls and neutralised when a
 * spreadsheet would run them as a formula (tco_csvw_text); a list is one text cell, its items
 * joined by "; "; counts in decimal; a flag yes or no; reals in the shortest form that reads back the same
 * double, "" when not finite; an absent text "".
 */
#ifndef TCO_TABLE_CSV_H
#define TCO_TABLE_CSV_H

#include <stdio.h>

#include "tco/table.h"

/* Writes t to out: the header, then the rows. Returns 0, or -1 when writing failed (errno tells
 * why). Aborts when t has a row being built. */
int tco_table_csv(FILE *out, const tco_table *t);
/* The same in parts, for a table filled and rendered a part at a time (tco_table_clear): the
 * header row of spec, then each part's rows. */
int tco_table_csv_header(FILE *out, const tco_table_spec *spec);
int tco_table_csv_rows(FILE *out, const tco_table *t);

#endif
