/* SPDX-License-Identifier: MIT */
/* csvwrite: RFC 4180 CSV rows written through libcsv (every cell by csv_fwrite, so every cell
 * is quoted and embedded quotes doubled), CRLF line ends, numbers in the shortest form that
 * reads back to the same double, and text cells that a spreadsheet would run as a formula
 * (starting with = + - @ tab or CR) neutralised with a leading single quote (SPEC §6).
 */
#ifndef TCO_CSVWRITE_H
#define TCO_CSVWRITE_H

#include <stdbool.h>
#include <stdio.h>

typedef struct tco_csvw {
    FILE *fp;
    bool first;  /* no separator before the row's first cell */
    int err;     /* -1 once any write failed */
} tco_csvw;

void tco_csvw_init(tco_csvw *w, FILE *fp);
/* A cell exactly as given (column names, numbers already formatted, yes/no). */
void tco_csvw_raw(tco_csvw *w, const char *s);
/* A text cell from the user's files (names): bytes that are not UTF-8 become U+FFFD and
 * controls other than tab, LF and CR \xHH (tco_diag_cell_text), then neutralised if it
 * looks like a formula. */
void tco_csvw_text(tco_csvw *w, const char *s);
/* A number; NAN or infinity give an empty cell. */
void tco_csvw_num(tco_csvw *w, double x);
void tco_csvw_u64(tco_csvw *w, unsigned long long x);
void tco_csvw_blank(tco_csvw *w);
void tco_csvw_end_row(tco_csvw *w);
/* A header row of n names. */
void tco_csvw_header(tco_csvw *w, const char *const *names, size_t n);
/* 0, or -1 when any write failed. */
int tco_csvw_finish(tco_csvw *w);

/* x in the shortest decimal form that strtod reads back as x ("0.1"); "" for NAN/inf.
 * buf needs 32 bytes. */
void tco_csvw_format_number(char *buf, size_t size, double x);

#endif
