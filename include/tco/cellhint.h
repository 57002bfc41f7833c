/* SPDX-License-Identifier: MIT */
/* cellhint: the likely cause of a bad cell, and plausibility warnings on good ones (SPEC §8.4).
 *
 * Spreadsheets and people write numbers the way their locale and their habits do: `50,000`
 * (a thousands separator), `0,0079` (a decimal comma), `5 %` (a space before the percent
 * sign), `50k` (a suffix). tcosim refuses them, and this module says why and what to write
 * instead, by rewriting the cell's text; the caller checks that the rewrite parses before it
 * offers it. Other cells parse but are probably not what was meant: `seat_growth` = `1` is 100%
 * a month, not 1%. The rules of both are documented in tcosim-scenario(5) and tcosim-prices(5).
 *
 * Text only: no value parsing, no I/O, so both the CSV reader and the loaders can use it.
 */
#ifndef TCO_CELLHINT_H
#define TCO_CELLHINT_H

#include <stdbool.h>
#include <stddef.h>

/* Rewrites a cell that failed to parse as a number or distribution into what its writer
 * probably meant: `50,000` -> `50000`, `1.234,5` -> `1234.5`, `0,0079` -> `0.0079`,
 * `5 %` -> `5%`, `50k` -> `50000` (also inside a distribution: `uniform(10k,2M)`). Returns the
 * cause in words, a static text to follow "expected " ("a number without thousands
 * separators"), with the rewrite in fixed (size >= 1); NULL when no known cause fits (or the
 * rewrite does not fit in fixed). */
const char *tco_cellhint_fix(const char *cell, char *fixed, size_t size);

/* A row of a CSV file with more fields than its header: whether an unquoted number written
 * with a thousands separator or a decimal comma split it. Looks for fields[k], fields[k+1]...
 * that join into such a number, absorbing at most `extra` fields. On a match returns true with
 * *first = k and msg (size >= 1) the tail of the message: `"50,000" is a number with a
 * thousands separator, whose comma splits the row: write 50000`; when two places are equally
 * likely, *first = n and msg names neither. */
bool tco_cellhint_split(char *const *fields, size_t n, size_t extra, size_t *first, char *msg,
                        size_t size);

/* The plausibility warning for a good cell of `column` (a scenario column or a price sheet's
 * `price`), or false. lo and hi are where the cell's values lie (tco_value_bulk). The message
 * (size >= 1) names the column, says what the value means and what to write instead:
 * `seat_growth: 1 is 100% a month (x4096 over a year); if you meant 1% a month, write 1%`. */
bool tco_cellhint_warning(const char *column, const char *cell, double lo, double hi, char *msg,
                          size_t size);

#endif
