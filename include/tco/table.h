/* SPDX-License-Identifier: MIT */
/* table: one result table, the document every output format renders (issue 15).
 *
 * An analysis describes a table once, in a static tco_table_spec (its name, its ordered typed
 * columns, which of them are keys), and fills it row by row, cell by cell, with no I/O. The
 * renderers (table_csv: a CSV file; table_json: JSON rows nested by their keys) read it; a
 * column's name is written only in its spec. This is cmark's split between a document tree and
 * its renderers (node.h against html.c, xml.c), for tables instead of trees.
 *
 * Filling a table wrongly is a programming error, not an input error: a cell of another type
 * than its column's, a cell past the last column, a row ended before its last column, or a
 * spec that breaks its own rules prints one line naming the table, row and column, and
 * aborts (in every build, like assert without NDEBUG).
 */
#ifndef TCO_TABLE_H
#define TCO_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum tco_column_type {
    TCO_COLUMN_TEXT,      /* a name or text; may be absent (NULL): CSV "", JSON null */
    TCO_COLUMN_COUNT,     /* an unsigned 64-bit count: CSV decimal digits, JSON integer */
    TCO_COLUMN_REAL,      /* a double: CSV in the shortest form that reads back the same
                           * (15 to 17 significant digits), JSON real; not finite: CSV "",
                           * JSON null */
    TCO_COLUMN_TEXT_LIST, /* a list of texts: CSV one cell, items joined by "; "; JSON an
                           * array of strings */
    TCO_COLUMN_FLAG       /* yes or no: CSV "yes" / "no" (SPEC §6's summary.csv offered),
                           * JSON true / false */
} tco_column_type;

typedef struct tco_column {
    const char *name;      /* the CSV header cell and the JSON member name */
    tco_column_type type;
    bool key;              /* a key: the row nests in the JSON object these values name, and
                            * the column is not repeated in the row's JSON object; keys are
                            * text columns */
} tco_column;

/* A table's description: static data of the analysis that makes the table. */
typedef struct tco_table_spec {
    const char *name;          /* the CSV file's name without ".csv" ("monthly") */
    const char *json_name;     /* the member of the JSON object its rows nest in ("monthly") */
    const tco_column *columns;
    size_t n_columns;
    /* the order of the JSON members of a row, as column indices (each non-key column once);
     * NULL: the column order */
    const size_t *json_order;
    size_t n_json_order;
} tco_table_spec;

typedef struct tco_table tco_table;

/* An empty table of `spec` (which must outlive it). Checks the spec (aborts when a key is not
 * text or json_order is not a permutation of the non-key columns). Caller frees. */
tco_table *tco_table_alloc(const tco_table_spec *spec);
void tco_table_free(tco_table *t);

/* The next cell of the row being built, in column order; the table copies texts. */
void tco_table_text(tco_table *t, const char *s);   /* s NULL: absent */
void tco_table_count(tco_table *t, uint64_t n);
void tco_table_real(tco_table *t, double x);
/* A list of n texts (n may be 0). */
void tco_table_list(tco_table *t, const char *const *items, size_t n);
void tco_table_flag(tco_table *t, bool yes);
/* Ends the row: every column must have its cell. */
void tco_table_end_row(tco_table *t);
/* Drops every row, keeping the memory for the next ones: a table too large to hold whole (a
 * grid of millions of cells) is filled and rendered in parts. Aborts when a row is being
 * built. */
void tco_table_clear(tco_table *t);

/* ---- reading (renderers, tests) -------------------------------------------------------- */

const tco_table_spec *tco_table_get_spec(const tco_table *t);
/* Finished rows (a row being built is not counted; renderers abort on one). */
size_t tco_table_n_rows(const tco_table *t);
/* Aborts when a row is being built: a renderer must only see complete rows. */
void tco_table_check_complete(const tco_table *t);

/* A cell's value; the pointers stay valid until the table is freed or grows. */
typedef struct tco_cell {
    tco_column_type type;
    const char *text;      /* TEXT: the text, NULL when absent */
    uint64_t count;        /* COUNT; FLAG: 1 yes, 0 no */
    double real;           /* REAL */
    size_t n_items;        /* TEXT_LIST: item k is tco_table_list_item(t, &cell, k) */
    size_t first_item;
} tco_cell;

tco_cell tco_table_cell(const tco_table *t, size_t row, size_t column);
const char *tco_table_list_item(const tco_table *t, const tco_cell *c, size_t k);

/* The run of consecutive rows whose key columns equal `keys` (one text per key column, in
 * column order): its first row, and its length in *n_run; n_rows and 0 when no row has them.
 * The search starts at `from` and wraps to the start, so a reader that walks the keys in the
 * table's order finds each run at once; a `from` inside a run gives the whole run. Keys must
 * name one run: a table that holds two runs of the same keys (one file given twice) is made
 * per scenario. */
size_t tco_table_find_run(const tco_table *t, const char *const *keys, size_t n_keys, size_t from,
                          size_t *n_run);

#endif
