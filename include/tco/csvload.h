/* SPDX-License-Identifier: MIT */
/* csvload: a CSV file read through libcsv (strict mode) into a table of cells with their places.
 *
 * Accepts what spreadsheets save: a UTF-8 byte-order mark, CRLF, LF or CR line ends, quoted
 * fields (with commas, quotes and line breaks inside), and skips blank lines, lines of only
 * commas (a spreadsheet's empty rows) and lines whose first character is `#` (comments) when
 * they stand between records. libcsv does not count lines or columns; this module does: a
 * record's line is the physical line where it starts (1-based, skipped lines counted) and a
 * cell's column is its 1-based field number. Unquoted fields have surrounding spaces and tabs
 * trimmed (libcsv's default); quoted fields are kept as written.
 *
 * Refused, each with one located diagnostic: malformed quoting (libcsv strict), a quote left
 * open at the end of the file, NUL bytes, text that is not UTF-8 (a UTF-16 file says so), a
 * record with more or fewer fields than the header (with a hint when an unquoted distribution
 * such as uniform(15,40) split into several fields). Field-count errors skip that record and
 * go on, so every problem is reported; a syntax error ends the file.
 */
#ifndef TCO_CSVLOAD_H
#define TCO_CSVLOAD_H

#include <stddef.h>

#include "tco/diag.h"
#include "tco/xalloc.h"

typedef struct tco_csv_row {
    unsigned long line; /* physical line where the record starts, 1-based */
    size_t n_fields;
    char **fields;      /* NUL-terminated, in the table's arena */
} tco_csv_row;

typedef struct tco_csv_table {
    char *path;           /* as given; owned */
    tco_csv_row header;   /* n_fields == 0 when the file has no header */
    tco_csv_row *rows;    /* data records with exactly header.n_fields fields */
    size_t n_rows;
    size_t n_refused;     /* records refused for their field count, plus 1 when a syntax error
                             ended the file early: rows the file has beyond n_rows */
    tco_arena arena;      /* every field's bytes */
} tco_csv_table;

void tco_csv_table_init(tco_csv_table *t);
void tco_csv_table_fini(tco_csv_table *t);

/* Reads the file at `path` into *t (which must be initialised). Returns TCO_OK, TCO_ENOINPUT
 * (an empty path, or cannot open or read: one diagnostic naming the file and strerror),
 * TCO_EINTERRUPTED (open or read interrupted by a signal whose handler ran, e.g. SIGINT while
 * waiting on a FIFO: no diagnostic, the caller prints the one interrupt line) or TCO_EDATA (one or more
 * located diagnostics appended to diags). On TCO_EDATA the rows that were well formed are kept
 * in *t, so a caller can check them too. A file with no header record is TCO_EDATA. */
tco_status tco_csv_load(const char *path, tco_csv_table *t, tco_diag_list *diags);

/* Same, from a memory buffer; `name` stands for the file name in diagnostics. */
tco_status tco_csv_load_buffer(const char *name, const char *data, size_t len, tco_csv_table *t,
                               tco_diag_list *diags);

/* Index of the header column named exactly `name`, or -1. */
long tco_csv_column(const tco_csv_table *t, const char *name);

#endif
