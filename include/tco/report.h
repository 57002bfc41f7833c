/* SPDX-License-Identifier: MIT */
/* report: results formatted as the table report, the CSV files of SPEC §6 and one JSON
 * document. Formats only what engine and stats computed.
 *
 * CSV: RFC 4180 with CRLF line ends, every cell written by libcsv's csv_fwrite (so every cell
 * is quoted); numbers with '.' decimals in the shortest form that reads back to the same
 * double; text cells that a spreadsheet would run as a formula (starting with = + - @ tab or
 * CR) are prefixed with a single quote. JSON through jansson.
 */
#ifndef TCO_REPORT_H
#define TCO_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "tco/diag.h"
#include "tco/engine.h"
#include "tco/table.h"

/* One scenario's result and the file it came from. */
typedef struct tco_report_item {
    const char *file;
    const tco_result *result;
} tco_report_item;

/* A section that a higher-layer module (report_compare, report_breakeven) adds to every
 * scenario of the table and the JSON document; report cannot call those modules, so the
 * command passes them in. Any member may be NULL. */
typedef struct tco_report_section {
    /* after the scenario's heading line, before the ranking */
    void (*table_before)(FILE *out, const tco_report_item *item, void *ctx);
    /* after the ranking, the monthly line and the notes */
    void (*table_after)(FILE *out, const tco_report_item *item, void *ctx);
    /* adds members to the scenario's JSON object (a json_t *) */
    void (*json)(void *scenario, const tco_report_item *item, void *ctx);
    void *ctx;
} tco_report_section;

/* The options of r ranked as every report shows them: offered ones by mean TCO (ties keep
 * their option order), then the others. *n_offered is how many lead. Caller frees. */
size_t *tco_report_rank(const tco_result *r, size_t *n_offered);

/* Each returns 0, or -1 when writing failed (errno tells why). */
int tco_report_table(FILE *out, const tco_report_item *items, size_t n);
/* tco_report_table with sections (may be NULL, 0). */
int tco_report_table_sections(FILE *out, const tco_report_item *items, size_t n,
                              const tco_report_section *sections, size_t n_sections);
int tco_report_summary_csv(FILE *out, const tco_report_item *items, size_t n);
/* The tables of summary.csv, monthly.csv and histogram.csv (issue 15: the CSV file and the
 * JSON rows both render them): summary has one row per option (file and scenario its keys; the
 * JSON's "options"), monthly one per month of every offered option (file, scenario and option
 * its keys), histogram one per bin of its TCO sketch. Caller frees. */
tco_table *tco_report_summary_table(const tco_report_item *items, size_t n);
tco_table *tco_report_monthly_table(const tco_report_item *items, size_t n);
tco_table *tco_report_histogram_table(const tco_report_item *items, size_t n);
int tco_report_monthly_csv(FILE *out, const tco_report_item *items, size_t n);
int tco_report_histogram_csv(FILE *out, const tco_report_item *items, size_t n);
/* Everything in one document, with the input problems of a batch under "errors". */
int tco_report_json(FILE *out, const tco_report_item *items, size_t n,
                    const tco_diag_list *errors);
/* The document of tco_report_json with each scenario's members after file, scenario, months,
 * trials and seed made by `sections` in order (may be NULL, 0); the first is usually the one
 * that sets "options" (tco_report_options_json). */
int tco_report_json_sections(FILE *out, const tco_report_item *items, size_t n,
                             const tco_diag_list *errors, const tco_report_section *sections,
                             size_t n_sections);

/* Sets a scenario's "options" (a json_t *): the rows of `summary` whose keys are the item's,
 * and in each offered option's object its rows of `monthly` and `histogram`. */
void tco_report_options_json(void *scenario, const tco_report_item *item,
                             const tco_table *summary, const tco_table *monthly,
                             const tco_table *histogram);

/* JSON helpers every command's document uses. tco_report_json_text is json_string that never
 * fails on text that is not UTF-8 (a file name from the command line): invalid bytes become
 * U+FFFD (tco_diag_utf8), so no key is ever dropped. tco_report_json_errors is the "errors" array of a batch's diagnostics.
 * tco_report_json_write sets doc["errors"], prints doc indented with a final newline, and
 * releases it; 0 or -1 when writing failed. */
json_t *tco_report_json_text(const char *s);
json_t *tco_report_json_errors(const tco_diag_list *errors);
int tco_report_json_write(FILE *out, json_t *doc, const tco_diag_list *errors);

/* ---- text for people (every table) ---------------------------------------------------- */

/* Prints s padded with spaces to `width` terminal columns (tco_diag_text_width): on the left
 * when `right` (right-aligned), else on the right; s wider than `width` is printed whole. s
 * must already be printable (tco_diag_printable, or text tcosim made). */
void tco_report_pad(FILE *out, const char *s, size_t width, bool right);

/* A table of every item, filled by `rows` one item at a time (every analysis's tables). */
tco_table *tco_report_whole_table(const tco_table_spec *spec, const tco_report_item *items,
                                  size_t n, void (*rows)(tco_table *, const tco_report_item *));

/* A table's CSV file, filled and written one scenario at a time: memory holds one scenario's
 * rows. Returns 0, or -1 when writing failed. */
int tco_report_csv_by_scenario(FILE *out, const tco_table_spec *spec,
                               const tco_report_item *items, size_t n,
                               void (*rows)(tco_table *, const tco_report_item *));

/* The width the table report is laid out for: $COLUMNS when it holds a whole number from 40 to
 * 1000 (a shell exports it for the terminal), else 100. */
size_t tco_report_line_width(void);

/* Prints text wrapped at `width` columns after `indent` spaces, breaking at spaces (a word
 * longer than a line stays whole), and a newline. */
void tco_report_print_wrapped(FILE *out, const char *text, int indent, size_t width);

/* The same after `prefix` on the first line (a label: "  overall  ucaas    "), the next lines
 * indented by `indent` spaces. */
void tco_report_print_hanging(FILE *out, const char *prefix, const char *text, int indent,
                              size_t width);

/* An option's name longer than its column, on lines of its own: `indent` spaces, the rank
 * right-aligned in 4, two spaces, the name broken after a '+' or '/' or at a space to fit
 * `line`; its numbers then follow on the next line. */
void tco_report_print_long_name(FILE *out, int indent, const char *rank, const char *name,
                                size_t line);
/* Prints "SCENARIO (FILE)", both made printable (tco_diag_printable): the start of every
 * scenario's heading. */
void tco_report_heading(FILE *out, const char *scenario, const char *file);

/* Writes x in the shortest decimal form that strtod reads back as x ("0.1", "28571.428571428572");
 * buf needs 32 bytes. */
void tco_report_format_number(char *buf, size_t size, double x);
#endif
