/* SPDX-License-Identifier: MIT */
/* table_json: the JSON renderer of a result table (tco/table.h), through jansson.
 *
 * A table's rows nest in the JSON objects their key columns name: the rows of monthly.csv whose
 * file, scenario and option are those of one option's object become that object's "monthly"
 * array. The document's shape (which object holds which keys) is the caller's; this renders the
 * rows: one object per row with every column that is not a key, in the spec's json_order. Texts
 * are UTF-8 (invalid bytes U+FFFD, tco_diag_utf8), an absent text null; counts integers; reals
 * reals, null when not finite; lists arrays of strings; flags true or false.
 */
#ifndef TCO_TABLE_JSON_H
#define TCO_TABLE_JSON_H

#include <jansson.h>

#include "tco/table.h"

/* The objects of rows [first, first + n) of t, as a new array; or appended to `array`, for a
 * table filled and rendered a part at a time (tco_table_clear). */
json_t *tco_table_json_rows(const tco_table *t, size_t first, size_t n);
void tco_table_json_append(json_t *array, const tco_table *t, size_t first, size_t n);

/* Sets member spec->json_name of `parent` (an object) to the array of the rows whose key
 * columns hold `keys` (tco_table_find_run from *cursor; *cursor moves past them, so a caller
 * that walks the keys in the table's order reads each row once). An empty array when none. */
void tco_table_json_nest(json_t *parent, const tco_table *t, const char *const *keys,
                         size_t n_keys, size_t *cursor);

/* Makes jansson allocate through tco_xmalloc, so that running out of memory while a JSON
 * document is built is one line and exit 70, like everywhere else, never a NULL object.
 * Process-wide: main calls it once, before any thread starts. */
void tco_table_json_use_xalloc(void);

#endif
