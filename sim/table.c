/* SPDX-License-Identifier: MIT */
/* table: the result table every renderer reads (see tco/table.h).
 *
 * Cells live in one array, row-major; texts in one arena of NUL-terminated strings addressed
 * by offset (so the arena may move as it grows), a list as its items one after another. A
 * text equal to the one above it in the same column is stored once: the file, scenario and
 * option columns repeat on every month of monthly.csv.
 */
#include "tco/table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tco/xalloc.h"

typedef struct cell {
    union {
        uint64_t count;
        double real;
        size_t text; /* arena offset: the text, or a list's first item */
    } v;
    uint32_t n_items; /* a list's length */
    bool absent;      /* a text that is NULL */
} cell;               /* 16 bytes: a grid of 4,000,000 cells is built in parts (its rows) */

struct tco_table {
    const tco_table_spec *spec;
    cell *cells;         /* [row * n_columns + column], the row being built last */
    size_t n_rows;       /* finished rows */
    size_t cap_rows;
    size_t column;       /* the next cell's column in the row being built */
    char *arena;
    size_t arena_len, arena_cap;
};

/* A programming error: one line that says where, then abort (never an input error). */
static _Noreturn void misuse(const tco_table *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tcosim: internal error: table %s, row %zu: ", t->spec->name, t->n_rows + 1);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

static void check_spec(const tco_table *t)
{
    const tco_table_spec *s = t->spec;
    if (!s->name || !s->json_name || s->n_columns == 0)
        misuse(t, "spec without a name, a JSON name or columns");
    size_t n_keys = 0;
    for (size_t c = 0; c < s->n_columns; c++) {
        if (s->columns[c].key && s->columns[c].type != TCO_COLUMN_TEXT)
            misuse(t, "key column %s is not text", s->columns[c].name);
        n_keys += s->columns[c].key;
    }
    if (!s->json_order)
        return;
    if (s->n_json_order != s->n_columns - n_keys)
        misuse(t, "json_order has %zu columns, the table %zu that are not keys",
               s->n_json_order, s->n_columns - n_keys);
    for (size_t i = 0; i < s->n_json_order; i++) {
        const size_t c = s->json_order[i];
        if (c >= s->n_columns)
            misuse(t, "json_order[%zu] = %zu: no such column", i, c);
        if (s->columns[c].key)
            misuse(t, "json_order[%zu]: column %s is a key (keys nest, they are not members)", i,
                   s->columns[c].name);
        for (size_t j = 0; j < i; j++)
            if (s->json_order[j] == c)
                misuse(t, "json_order names column %s twice", s->columns[c].name);
    }
}

tco_table *tco_table_alloc(const tco_table_spec *spec)
{
    tco_table *t = tco_xcalloc(1, sizeof *t);
    t->spec = spec;
    check_spec(t);
    return t;
}

void tco_table_free(tco_table *t)
{
    if (!t)
        return;
    free(t->cells);
    free(t->arena);
    free(t);
}

static const char *type_name(tco_column_type type)
{
    switch (type) {
    case TCO_COLUMN_TEXT: return "text";
    case TCO_COLUMN_COUNT: return "count";
    case TCO_COLUMN_REAL: return "real";
    case TCO_COLUMN_TEXT_LIST: return "list";
    case TCO_COLUMN_FLAG: return "flag";
    }
    return "?";
}

/* The slot of the next cell, which must be of `type`. */
static cell *next_cell(tco_table *t, tco_column_type type)
{
    const tco_table_spec *s = t->spec;
    if (t->column >= s->n_columns)
        misuse(t, "a cell past the last column (%s)", s->columns[s->n_columns - 1].name);
    const tco_column *col = &s->columns[t->column];
    if (col->type != type)
        misuse(t, "column %s: a %s cell in a %s column", col->name, type_name(type),
               type_name(col->type));
    if (t->column == 0 && t->n_rows == t->cap_rows) {
        t->cap_rows = t->cap_rows ? 2 * t->cap_rows : 64;
        t->cells = tco_xreallocarray(t->cells, t->cap_rows * s->n_columns, sizeof *t->cells);
    }
    cell *c = &t->cells[t->n_rows * s->n_columns + t->column++];
    memset(c, 0, sizeof *c);
    return c;
}

static size_t arena_put(tco_table *t, const char *s)
{
    const size_t len = strlen(s) + 1;
    if (t->arena_len + len > t->arena_cap) {
        while (t->arena_len + len > t->arena_cap)
            t->arena_cap = t->arena_cap ? 2 * t->arena_cap : 1024;
        t->arena = tco_xreallocarray(t->arena, t->arena_cap, 1);
    }
    memcpy(t->arena + t->arena_len, s, len);
    t->arena_len += len;
    return t->arena_len - len;
}

void tco_table_text(tco_table *t, const char *s)
{
    cell *c = next_cell(t, TCO_COLUMN_TEXT);
    if (!s) {
        c->absent = true;
        return;
    }
    if (t->n_rows > 0) {
        const cell *above = c - t->spec->n_columns;
        if (!above->absent && strcmp(t->arena + above->v.text, s) == 0) {
            c->v.text = above->v.text;
            return;
        }
    }
    c->v.text = arena_put(t, s);
}

void tco_table_count(tco_table *t, uint64_t n)
{
    next_cell(t, TCO_COLUMN_COUNT)->v.count = n;
}

void tco_table_flag(tco_table *t, bool yes)
{
    next_cell(t, TCO_COLUMN_FLAG)->v.count = yes ? 1 : 0;
}

void tco_table_real(tco_table *t, double x)
{
    next_cell(t, TCO_COLUMN_REAL)->v.real = x;
}

void tco_table_list(tco_table *t, const char *const *items, size_t n)
{
    cell *c = next_cell(t, TCO_COLUMN_TEXT_LIST);
    if (n > UINT32_MAX)
        misuse(t, "a list of %zu items", n);
    const size_t index = (size_t)(c - t->cells); /* arena_put does not move cells */
    size_t first = t->arena_len;
    for (size_t k = 0; k < n; k++) {
        const size_t at = arena_put(t, items[k]);
        if (k == 0)
            first = at;
    }
    t->cells[index].v.text = first;
    t->cells[index].n_items = (uint32_t)n;
}

void tco_table_end_row(tco_table *t)
{
    if (t->column != t->spec->n_columns)
        misuse(t, "the row ended after %zu of %zu cells (missing %s)", t->column,
               t->spec->n_columns, t->spec->columns[t->column].name);
    t->n_rows++;
    t->column = 0;
}

void tco_table_clear(tco_table *t)
{
    tco_table_check_complete(t);
    t->n_rows = 0;
    t->arena_len = 0;
}

const tco_table_spec *tco_table_get_spec(const tco_table *t)
{
    return t->spec;
}

size_t tco_table_n_rows(const tco_table *t)
{
    return t->n_rows;
}

void tco_table_check_complete(const tco_table *t)
{
    if (t->column != 0)
        misuse(t, "rendered with a row of %zu of %zu cells", t->column, t->spec->n_columns);
}

tco_cell tco_table_cell(const tco_table *t, size_t row, size_t column)
{
    if (row >= t->n_rows || column >= t->spec->n_columns)
        misuse(t, "no cell at row %zu, column %zu", row + 1, column + 1);
    const cell *c = &t->cells[row * t->spec->n_columns + column];
    tco_cell out = {.type = t->spec->columns[column].type};
    switch (out.type) {
    case TCO_COLUMN_TEXT: out.text = c->absent ? NULL : t->arena + c->v.text; break;
    case TCO_COLUMN_COUNT:
    case TCO_COLUMN_FLAG: out.count = c->v.count; break;
    case TCO_COLUMN_REAL: out.real = c->v.real; break;
    case TCO_COLUMN_TEXT_LIST:
        out.n_items = c->n_items;
        out.first_item = c->v.text;
        break;
    }
    return out;
}

const char *tco_table_list_item(const tco_table *t, const tco_cell *c, size_t k)
{
    if (c->type != TCO_COLUMN_TEXT_LIST || k >= c->n_items)
        misuse(t, "no list item %zu", k);
    const char *s = t->arena + c->first_item;
    while (k-- > 0)
        s += strlen(s) + 1;
    return s;
}

/* Whether row's key columns hold keys. */
static bool keys_match(const tco_table *t, size_t row, const char *const *keys)
{
    const tco_table_spec *s = t->spec;
    size_t k = 0;
    for (size_t c = 0; c < s->n_columns; c++) {
        if (!s->columns[c].key)
            continue;
        const cell *x = &t->cells[row * s->n_columns + c];
        if (x->absent || strcmp(t->arena + x->v.text, keys[k++]) != 0)
            return false;
    }
    return true;
}

size_t tco_table_find_run(const tco_table *t, const char *const *keys, size_t n_keys, size_t from,
                          size_t *n_run)
{
    size_t n_key_columns = 0;
    for (size_t c = 0; c < t->spec->n_columns; c++)
        n_key_columns += t->spec->columns[c].key;
    if (n_keys != n_key_columns)
        misuse(t, "%zu keys given for %zu key columns", n_keys, n_key_columns);
    tco_table_check_complete(t);
    *n_run = 0;
    if (from > t->n_rows)
        from = t->n_rows;
    for (size_t i = 0; i < t->n_rows; i++) {
        size_t row = (from + i) % t->n_rows;
        if (!keys_match(t, row, keys))
            continue;
        while (row > 0 && keys_match(t, row - 1, keys)) /* the whole run, wherever from was */
            row--;
        size_t end = row + 1;
        while (end < t->n_rows && keys_match(t, end, keys))
            end++;
        *n_run = end - row;
        return row;
    }
    return t->n_rows;
}
