/* SPDX-License-Identifier: MIT */
/* table_csv: a result table as one CSV file (see tco/table_csv.h). */
#include "tco/table_csv.h"

#include <stdlib.h>
#include <string.h>

#include "tco/csvwrite.h"
#include "tco/xalloc.h"

/* The items of a list cell joined by "; ", as one text. Caller frees. */
static char *joined(const tco_table *t, const tco_cell *c)
{
    size_t len = 1;
    for (size_t k = 0; k < c->n_items; k++)
        len += strlen(tco_table_list_item(t, c, k)) + 2;
    char *s = tco_xmalloc(len), *p = s;
    for (size_t k = 0; k < c->n_items; k++) {
        const char *item = tco_table_list_item(t, c, k);
        if (k > 0) {
            memcpy(p, "; ", 2);
            p += 2;
        }
        memcpy(p, item, strlen(item));
        p += strlen(item);
    }
    *p = '\0';
    return s;
}

static void write_cell(tco_csvw *w, const tco_table *t, const tco_cell *c)
{
    switch (c->type) {
    case TCO_COLUMN_TEXT: tco_csvw_text(w, c->text ? c->text : ""); break;
    case TCO_COLUMN_COUNT: tco_csvw_u64(w, (unsigned long long)c->count); break;
    case TCO_COLUMN_REAL: tco_csvw_num(w, c->real); break;
    case TCO_COLUMN_FLAG: tco_csvw_raw(w, c->count ? "yes" : "no"); break;
    case TCO_COLUMN_TEXT_LIST: {
        char *s = joined(t, c);
        tco_csvw_text(w, s);
        free(s);
        break;
    }
    }
}

int tco_table_csv_header(FILE *out, const tco_table_spec *spec)
{
    tco_csvw w;
    tco_csvw_init(&w, out);
    for (size_t c = 0; c < spec->n_columns; c++)
        tco_csvw_raw(&w, spec->columns[c].name);
    tco_csvw_end_row(&w);
    return tco_csvw_finish(&w);
}

int tco_table_csv_rows(FILE *out, const tco_table *t)
{
    tco_table_check_complete(t);
    const tco_table_spec *spec = tco_table_get_spec(t);
    tco_csvw w;
    tco_csvw_init(&w, out);
    const size_t n_rows = tco_table_n_rows(t);
    for (size_t r = 0; r < n_rows; r++) {
        for (size_t c = 0; c < spec->n_columns; c++) {
            const tco_cell cell = tco_table_cell(t, r, c);
            write_cell(&w, t, &cell);
        }
        tco_csvw_end_row(&w);
    }
    return tco_csvw_finish(&w);
}

int tco_table_csv(FILE *out, const tco_table *t)
{
    tco_table_check_complete(t);
    if (tco_table_csv_header(out, tco_table_get_spec(t)) != 0)
        return -1;
    return tco_table_csv_rows(out, t);
}
