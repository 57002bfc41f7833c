/* SPDX-License-Identifier: MIT */
/* table_json: result table rows as JSON objects nested by their keys (see tco/table_json.h). */
#include "tco/table_json.h"

#include <math.h>
#include <stdlib.h>

#include "tco/diag.h"
#include "tco/xalloc.h"

/* json_string that never fails: text that is not UTF-8 (a file name) gets U+FFFD. */
static json_t *text(const char *s)
{
    char *utf8 = tco_diag_utf8(s);
    json_t *j = json_string(utf8);
    free(utf8);
    return j ? j : json_string("");
}

static json_t *value(const tco_table *t, const tco_cell *c)
{
    switch (c->type) {
    case TCO_COLUMN_TEXT: return c->text ? text(c->text) : json_null();
    case TCO_COLUMN_COUNT: return json_integer((json_int_t)c->count);
    case TCO_COLUMN_REAL: return isfinite(c->real) ? json_real(c->real) : json_null();
    case TCO_COLUMN_FLAG: return json_boolean(c->count != 0);
    case TCO_COLUMN_TEXT_LIST: {
        json_t *a = json_array();
        for (size_t k = 0; k < c->n_items; k++)
            json_array_append_new(a, text(tco_table_list_item(t, c, k)));
        return a;
    }
    }
    return json_null();
}

static json_t *row_object(const tco_table *t, size_t row)
{
    const tco_table_spec *s = tco_table_get_spec(t);
    json_t *j = json_object();
    const size_t n = s->json_order ? s->n_json_order : s->n_columns;
    for (size_t i = 0; i < n; i++) {
        const size_t c = s->json_order ? s->json_order[i] : i;
        if (s->columns[c].key)
            continue;
        const tco_cell cell = tco_table_cell(t, row, c);
        json_object_set_new(j, s->columns[c].name, value(t, &cell));
    }
    return j;
}

void tco_table_json_append(json_t *array, const tco_table *t, size_t first, size_t n)
{
    tco_table_check_complete(t);
    for (size_t r = first; r < first + n && r < tco_table_n_rows(t); r++)
        json_array_append_new(array, row_object(t, r));
}

json_t *tco_table_json_rows(const tco_table *t, size_t first, size_t n)
{
    json_t *a = json_array();
    tco_table_json_append(a, t, first, n);
    return a;
}

void tco_table_json_nest(json_t *parent, const tco_table *t, const char *const *keys,
                         size_t n_keys, size_t *cursor)
{
    size_t n_run;
    const size_t first = tco_table_find_run(t, keys, n_keys, *cursor, &n_run);
    if (n_run > 0)
        *cursor = first + n_run;
    json_object_set_new(parent, tco_table_get_spec(t)->json_name,
                        tco_table_json_rows(t, first, n_run));
}

void tco_table_json_use_xalloc(void)
{
    json_set_alloc_funcs(tco_xmalloc, free);
}
