/* SPDX-License-Identifier: MIT */
/* table_xlsx: result tables as one workbook with charts (see tco/table_xlsx.h). */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include "tco/table_xlsx.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "tco/xalloc.h"

/* The document's creation time: fixed, so that a workbook depends on its tables only
 * (libxlsxwriter takes the current time otherwise). 2026-01-01T00:00:00Z. */
#define FIXED_CREATED ((time_t)1767225600)
#define MAX_WIDTH 60.0  /* characters: longer texts wrap off-screen rather than widen */
#define CHART_W 560
#define CHART_H 340
/* a scenario's title row and two rows of charts (340 px of 20 px rows each): the distribution,
 * fan and p_cheapest charts, then the tornado (SPEC §10) */
#define CHART_ROWS 19
#define BLOCK_ROWS (2 * CHART_ROWS)
#define TORNADO_DATA_COL (DATA_COL + 7) /* the tornado's data, right of the p_cheapest chart's */
#define DATA_COL 38     /* the p_cheapest chart's data, right of the three charts */

static const lxw_color_t PALETTE[] = {0x1F77B4, 0xD62728, 0x2CA02C, 0xFF7F0E, 0x9467BD, 0x8C564B};
#define N_PALETTE (sizeof PALETTE / sizeof PALETTE[0])

typedef struct sheet {
    lxw_worksheet *ws;
    char *name;
    const tco_table_spec *spec;
    uint32_t n_rows;  /* rows written, the header's included */
    double *width;    /* [n_columns] characters */
} sheet;

typedef struct placed {
    const tco_table *t;
    size_t sheet;     /* the sheet of its first row */
    uint32_t row;     /* its first row there */
} placed;

struct tco_xlsx {
    char *path;
    lxw_workbook *wb;
    lxw_worksheet *charts;
    uint32_t rows_per_sheet;
    lxw_format *fmt[3], *bold;
    sheet *sheets;
    size_t n_sheets, cap_sheets;
    placed *placed;
    size_t n_placed, cap_placed;
    size_t n_blocks;  /* scenarios charted */
    size_t n_parts;   /* worksheets of the current spec */
};

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

tco_xlsx_format tco_xlsx_column_format(const tco_column *column)
{
    if (column->type != TCO_COLUMN_REAL)
        return TCO_XLSX_GENERAL;
    const char *n = column->name;
    if (starts(n, "p_"))
        return TCO_XLSX_PERCENT;
    static const char *const MONEY[] = {"mean", "sd", "mean_se", "margin", "evppi", "low_mean",
                                        "high_mean"};
    for (size_t i = 0; i < sizeof MONEY / sizeof MONEY[0]; i++)
        if (strcmp(n, MONEY[i]) == 0)
            return TCO_XLSX_MONEY;
    if (n[0] == 'p' && n[1] >= '0' && n[1] <= '9' && n[2] >= '0' && n[2] <= '9' && !n[3])
        return TCO_XLSX_MONEY;
    static const char *const PREFIX[] = {"cost_", "cumulative_", "bin_", "saving_",
                                         "mean_saving", "change_", "max_bill_"};
    for (size_t i = 0; i < sizeof PREFIX / sizeof PREFIX[0]; i++)
        if (starts(n, PREFIX[i]))
            return TCO_XLSX_MONEY;
    return ends(n, "_tco") ? TCO_XLSX_MONEY : TCO_XLSX_GENERAL;
}

tco_xlsx *tco_xlsx_open(const char *dir, uint32_t rows_per_sheet)
{
    char *path = tco_xasprintf("%s/.tcosim.xlsx.build.XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        unlink(path);
        free(path);
        errno = ENOMEM;
        return NULL;
    }
    tco_xlsx *x = tco_xcalloc(1, sizeof *x);
    x->path = path;
    x->wb = wb;
    x->rows_per_sheet = rows_per_sheet < 2 ? 2 : rows_per_sheet;
    lxw_doc_properties props = {.title = "tcosim results", .author = "tcosim",
                                .created = FIXED_CREATED};
    workbook_set_properties(wb, &props);
    x->charts = workbook_add_worksheet(wb, "charts");
    /* printed (or converted to PDF) a scenario's charts side by side on one landscape page */
    worksheet_set_landscape(x->charts);
    worksheet_fit_to_pages(x->charts, 1, 0);
    x->fmt[TCO_XLSX_GENERAL] = NULL;
    x->fmt[TCO_XLSX_MONEY] = workbook_add_format(wb);
    format_set_num_format(x->fmt[TCO_XLSX_MONEY], "$#,##0.00");
    x->fmt[TCO_XLSX_PERCENT] = workbook_add_format(wb);
    format_set_num_format(x->fmt[TCO_XLSX_PERCENT], "0.00%");
    x->bold = workbook_add_format(wb);
    format_set_bold(x->bold);
    return x;
}

/* Widths, the frozen header and the autofilter, once a sheet's last row is known. */
static void finish_sheet(sheet *s)
{
    for (size_t c = 0; c < s->spec->n_columns; c++)
        worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, s->width[c] + 2, NULL);
    worksheet_freeze_panes(s->ws, 1, 0);
    worksheet_autofilter(s->ws, 0, 0, s->n_rows - 1, (lxw_col_t)(s->spec->n_columns - 1));
}

static void grow_width(sheet *s, size_t c, double w)
{
    if (w > MAX_WIDTH)
        w = MAX_WIDTH;
    if (w > s->width[c])
        s->width[c] = w;
}

/* A new worksheet for the current spec: NAME, or NAME_k for its k-th part. */
static sheet *new_sheet(tco_xlsx *x, const tco_table_spec *spec)
{
    if (x->n_sheets == x->cap_sheets) {
        x->cap_sheets = x->cap_sheets ? 2 * x->cap_sheets : 8;
        x->sheets = tco_xreallocarray(x->sheets, x->cap_sheets, sizeof *x->sheets);
    }
    sheet *s = &x->sheets[x->n_sheets++];
    x->n_parts++;
    s->name = x->n_parts == 1 ? tco_xstrdup(spec->name)
                              : tco_xasprintf("%s_%zu", spec->name, x->n_parts);
    s->spec = spec;
    s->ws = workbook_add_worksheet(x->wb, s->name);
    s->width = tco_xcalloc(spec->n_columns + 1, sizeof *s->width);
    for (size_t c = 0; c < spec->n_columns; c++) {
        worksheet_write_string(s->ws, 0, (lxw_col_t)c, spec->columns[c].name, x->bold);
        grow_width(s, c, (double)strlen(spec->columns[c].name));
    }
    s->n_rows = 1;
    return s;
}

void tco_xlsx_sheet(tco_xlsx *x, const tco_table_spec *spec)
{
    if (x->n_sheets > 0)
        finish_sheet(&x->sheets[x->n_sheets - 1]);
    x->n_parts = 0;
    new_sheet(x, spec);
}

/* The characters a number takes in its format, about. */
static double number_width(tco_xlsx_format f, double v)
{
    double digits = fabs(v) >= 1 ? floor(log10(fabs(v))) + 1 : 1;
    switch (f) {
    case TCO_XLSX_MONEY: return digits + digits / 3 + 4;
    case TCO_XLSX_PERCENT: return 8;
    case TCO_XLSX_GENERAL: break;
    }
    return v == floor(v) && fabs(v) < 1e15 ? digits + 1 : 12;
}

/* A text cell: Excel holds at most 32,767 characters in a cell, so a longer text is cut there
 * (at a UTF-8 character's start); the CSV file has it whole. */
static void write_text(sheet *s, lxw_row_t row, size_t c, const char *text)
{
    enum { MAX_CELL = 32767 };
    size_t len = strlen(text);
    if (len > MAX_CELL) {
        len = MAX_CELL;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
        char *cut = tco_xcalloc(len + 1, 1);
        memcpy(cut, text, len);
        worksheet_write_string(s->ws, row, (lxw_col_t)c, cut, NULL);
        free(cut);
    } else {
        worksheet_write_string(s->ws, row, (lxw_col_t)c, text, NULL);
    }
    grow_width(s, c, (double)len);
}

static void write_cell(tco_xlsx *x, sheet *s, const tco_table *t, size_t r, size_t c)
{
    const tco_column *col = &s->spec->columns[c];
    const tco_cell cell = tco_table_cell(t, r, c);
    const lxw_row_t row = s->n_rows;
    const lxw_col_t cc = (lxw_col_t)c;
    switch (cell.type) {
    case TCO_COLUMN_TEXT:
        if (cell.text && cell.text[0])
            write_text(s, row, c, cell.text);
        break;
    case TCO_COLUMN_COUNT:
        worksheet_write_number(s->ws, row, cc, (double)cell.count, NULL);
        grow_width(s, c, number_width(TCO_XLSX_GENERAL, (double)cell.count));
        break;
    case TCO_COLUMN_REAL:
        if (isfinite(cell.real)) {
            const tco_xlsx_format f = tco_xlsx_column_format(col);
            worksheet_write_number(s->ws, row, cc, cell.real, x->fmt[f]);
            grow_width(s, c, number_width(f, cell.real));
        }
        break;
    case TCO_COLUMN_FLAG:
        worksheet_write_string(s->ws, row, cc, cell.count ? "yes" : "no", NULL);
        break;
    case TCO_COLUMN_TEXT_LIST: {
        size_t len = 1;
        for (size_t k = 0; k < cell.n_items; k++)
            len += strlen(tco_table_list_item(t, &cell, k)) + 2;
        char *joined = tco_xcalloc(len, 1);
        for (size_t k = 0; k < cell.n_items; k++) {
            if (k > 0)
                strcat(joined, "; ");
            strcat(joined, tco_table_list_item(t, &cell, k));
        }
        if (joined[0])
            write_text(s, row, c, joined);
        free(joined);
        break;
    }
    }
}

void tco_xlsx_rows(tco_xlsx *x, const tco_table *t)
{
    tco_table_check_complete(t);
    sheet *s = &x->sheets[x->n_sheets - 1];
    if (tco_table_get_spec(t) != s->spec)
        abort(); /* a table of another spec than its sheet's: a programming error */
    if (s->n_rows == x->rows_per_sheet) {
        finish_sheet(s);
        s = new_sheet(x, s->spec);
    }
    if (x->n_placed == x->cap_placed) {
        x->cap_placed = x->cap_placed ? 2 * x->cap_placed : 16;
        x->placed = tco_xreallocarray(x->placed, x->cap_placed, sizeof *x->placed);
    }
    x->placed[x->n_placed++] = (placed){t, x->n_sheets - 1, s->n_rows};
    const size_t n_rows = tco_table_n_rows(t);
    for (size_t r = 0; r < n_rows; r++) {
        if (s->n_rows == x->rows_per_sheet) {
            finish_sheet(s);
            s = new_sheet(x, s->spec);
        }
        for (size_t c = 0; c < s->spec->n_columns; c++)
            write_cell(x, s, t, r, c);
        s->n_rows++;
    }
}

/* ---- charts ---------------------------------------------------------------------------------- */

/* Where row r of a written table is: its sheet (an index) and row there. */
static bool locate(const tco_xlsx *x, const tco_table *t, size_t r, size_t *sh, lxw_row_t *row)
{
    for (size_t i = 0; i < x->n_placed; i++)
        if (x->placed[i].t == t) {
            const uint64_t per = x->rows_per_sheet - 1;
            const uint64_t off = (uint64_t)x->placed[i].row - 1 + r;
            *sh = x->placed[i].sheet + (size_t)(off / per);
            *row = (lxw_row_t)(1 + off % per);
            return true;
        }
    return false;
}

/* The rows [first, first + n) of t as one range of column c: false when they are not all on
 * one worksheet (a table split across worksheets: that series is left out). */
typedef struct range {
    const char *sheet;
    lxw_row_t first, last;
} range;

static bool rows_range(const tco_xlsx *x, const tco_table *t, size_t first, size_t n, range *out)
{
    size_t a, b;
    lxw_row_t ra, rb;
    if (n == 0 || !locate(x, t, first, &a, &ra) || !locate(x, t, first + n - 1, &b, &rb) || a != b)
        return false;
    *out = (range){x->sheets[a].name, ra, rb};
    return true;
}

static size_t column_of(const tco_table *t, const char *name)
{
    const tco_table_spec *spec = tco_table_get_spec(t);
    for (size_t c = 0; c < spec->n_columns; c++)
        if (strcmp(spec->columns[c].name, name) == 0)
            return c;
    abort(); /* a chart of a table without the column: a programming error */
}

static double real_at(const tco_table *t, size_t r, const char *name)
{
    return tco_table_cell(t, r, column_of(t, name)).real;
}

static const char *text_at(const tco_table *t, size_t r, const char *name)
{
    const char *s = tco_table_cell(t, r, column_of(t, name)).text;
    return s ? s : "";
}

typedef struct ranked {
    size_t row;
    double p, mean;
    const char *name;
} ranked;

static int by_rank(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->p != b->p)
        return a->p > b->p ? -1 : 1;
    if (a->mean != b->mean)
        return a->mean < b->mean ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* The offered options of summary, by rank; *n receives how many. Caller frees. */
static ranked *rank_offered(const tco_table *summary, size_t *n)
{
    const size_t n_rows = tco_table_n_rows(summary);
    ranked *v = tco_xcalloc(n_rows + 1, sizeof *v);
    const size_t offered = column_of(summary, "offered");
    size_t k = 0;
    for (size_t r = 0; r < n_rows; r++) {
        if (!tco_table_cell(summary, r, offered).count)
            continue;
        const double p = real_at(summary, r, "p_cheapest");
        v[k++] = (ranked){r, isfinite(p) ? p : -1, real_at(summary, r, "mean"),
                          text_at(summary, r, "option")};
    }
    qsort(v, k, sizeof *v, by_rank);
    *n = k;
    return v;
}

/* The run of `t`'s rows of the option in summary row `r` (t keyed by file, scenario, option). */
static size_t option_run(const tco_table *t, const tco_table *summary, size_t r, size_t *n)
{
    const char *keys[3] = {text_at(summary, r, "file"), text_at(summary, r, "scenario"),
                           text_at(summary, r, "option")};
    return tco_table_find_run(t, keys, 3, 0, n);
}

static void axis_titles(lxw_chart *chart, const char *x_title, const char *y_title)
{
    chart_axis_set_name(chart->x_axis, x_title);
    chart_axis_set_name(chart->y_axis, y_title);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
}

static void titled(lxw_chart *chart, const char *what, const char *scenario)
{
    char *title = tco_xasprintf("%s: %s", what, scenario);
    chart_title_set_name(chart, title);
    lxw_chart_font font = {.size = 11, .bold = LXW_TRUE};
    chart_title_set_name_font(chart, &font);
    free(title);
}

/* Puts the chart on the charts sheet; a chart left with no series (every run of its rows
 * split across worksheets) is not shown. */
static void place(tco_xlsx *x, lxw_chart *chart, size_t n_series, lxw_row_t row, lxw_col_t col)
{
    if (n_series == 0)
        return;
    lxw_chart_options opt = {.x_scale = (CHART_W + 120) / 480.0, .y_scale = CHART_H / 288.0};
    worksheet_insert_chart_opt(x->charts, row, col, chart, &opt);
}

/* The series' name: the option's cell in the summary worksheet (never a literal string, which
 * libxlsxwriter would read as a formula when it starts with '='). */
static void name_from(const tco_xlsx *x, lxw_chart_series *s, const tco_table *summary, size_t r)
{
    size_t sh;
    lxw_row_t row;
    if (locate(x, summary, r, &sh, &row))
        chart_series_set_name_range(s, x->sheets[sh].name, row,
                                    (lxw_col_t)column_of(summary, "option"));
}

static void histogram_chart(tco_xlsx *x, const char *title, const tco_table *summary,
                            const tco_table *h, const ranked *top, size_t n_top, lxw_row_t at)
{
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_SCATTER_STRAIGHT);
    const lxw_col_t low = (lxw_col_t)column_of(h, "bin_low");
    const lxw_col_t count = (lxw_col_t)column_of(h, "count");
    size_t n_series = 0;
    for (size_t i = 0; i < n_top; i++) {
        size_t n;
        const size_t first = option_run(h, summary, top[i].row, &n);
        range rg;
        if (!rows_range(x, h, first, n, &rg))
            continue;
        n_series++;
        lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(s, rg.sheet, rg.first, low, rg.last, low);
        chart_series_set_values(s, rg.sheet, rg.first, count, rg.last, count);
        name_from(x, s, summary, top[i].row);
        lxw_chart_line line = {.color = PALETTE[i % N_PALETTE], .width = 1.75};
        chart_series_set_line(s, &line);
        chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
    }
    titled(chart, "TCO distribution", title);
    axis_titles(chart, "TCO over the horizon, bin's lower edge ($)", "trials in the bin");
    chart_axis_set_num_format(chart->x_axis, "$#,##0");
    place(x, chart, n_series, at, 0);
}

static void fan_chart(tco_xlsx *x, const char *title, const tco_table *summary,
                      const tco_table *m, const ranked *top, size_t n_top, lxw_row_t at)
{
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_SCATTER_STRAIGHT);
    const lxw_col_t month = (lxw_col_t)column_of(m, "month");
    static const char *const BANDS[3] = {"cumulative_p05", "cumulative_p50", "cumulative_p95"};
    int16_t hidden[3 * N_PALETTE + 1];
    double last_month = 0;
    size_t n_hidden = 0, n_series = 0;
    for (size_t i = 0; i < n_top; i++) {
        size_t n;
        const size_t first = option_run(m, summary, top[i].row, &n);
        range rg;
        if (!rows_range(x, m, first, n, &rg))
            continue;
        const double month_n = (double)tco_table_cell(m, first + n - 1, month).count;
        if (month_n > last_month)
            last_month = month_n;
        for (size_t b = 0; b < 3; b++) {
            const lxw_col_t c = (lxw_col_t)column_of(m, BANDS[b]);
            lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
            chart_series_set_categories(s, rg.sheet, rg.first, month, rg.last, month);
            chart_series_set_values(s, rg.sheet, rg.first, c, rg.last, c);
            lxw_chart_line line = {.color = PALETTE[i % N_PALETTE], .width = b == 1 ? 2.25 : 1,
                                   .dash_type = b == 1 ? LXW_CHART_LINE_DASH_SOLID
                                                       : LXW_CHART_LINE_DASH_DASH};
            chart_series_set_line(s, &line);
            chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
            if (b == 1)
                name_from(x, s, summary, top[i].row);
            else if (n_hidden < 3 * N_PALETTE) /* the bands share their median's legend entry */
                hidden[n_hidden++] = (int16_t)n_series;
            n_series++;
        }
    }
    hidden[n_hidden] = -1;
    if (n_hidden > 0)
        chart_legend_delete_series(chart, hidden);
    titled(chart, "Cumulative cost, p50 (dashed: p05, p95)", title);
    axis_titles(chart, "month", "cumulative cost ($)");
    chart_axis_set_num_format(chart->y_axis, "$#,##0");
    chart_axis_set_min(chart->x_axis, 1);
    if (last_month > 1)
        chart_axis_set_max(chart->x_axis, last_month);
    if (last_month >= 36)
        chart_axis_set_major_unit(chart->x_axis, 12);
    place(x, chart, n_series, at, 12);
}

/* p_cheapest with its interval, as horizontal stacked bars: a solid bar to the interval's lower
 * end, then the 95% interval p_cheapest_lo..p_cheapest_hi in another colour, the estimate in the
 * option's label ("name: 79.9%"); best first. Its data is a block of the offered options on the
 * charts sheet (the summary interleaves options not offered, and libxlsxwriter 1.1.4 has no
 * error bars from cells). */
static void cheapest_chart(tco_xlsx *x, const char *title, const tco_table *summary,
                           const ranked *all, size_t n_all, lxw_row_t at)
{
    static const char *const HEAD[6] = {"option", "p_cheapest_lo", "p_cheapest",
                                        "p_cheapest_hi", "chart label", "interval width"};
    for (lxw_col_t c = 0; c < 6; c++)
        worksheet_write_string(x->charts, at, DATA_COL + c, HEAD[c], x->bold);
    for (size_t i = 0; i < n_all; i++) {
        const lxw_row_t row = at + 1 + (lxw_row_t)i;
        worksheet_write_string(x->charts, row, DATA_COL, all[i].name, NULL);
        double v[4];
        for (lxw_col_t c = 1; c < 4; c++) {
            v[c] = real_at(summary, all[i].row, HEAD[c]);
            if (isfinite(v[c]))
                worksheet_write_number(x->charts, row, DATA_COL + c, v[c],
                                       x->fmt[TCO_XLSX_PERCENT]);
        }
        char *label = isfinite(v[2]) ? tco_xasprintf("%s: %.1f%%", all[i].name, 100 * v[2])
                                     : tco_xstrdup(all[i].name);
        worksheet_write_string(x->charts, row, DATA_COL + 4, label, NULL);
        free(label);
        if (isfinite(v[1]) && isfinite(v[3]))
            worksheet_write_number(x->charts, row, DATA_COL + 5, v[3] - v[1],
                                   x->fmt[TCO_XLSX_PERCENT]);
    }
    if (n_all == 0)
        return;
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_BAR_STACKED);
    const lxw_row_t first = at + 1, last = at + (lxw_row_t)n_all;
    static const char *const NAMES[2] = {"share of trials cheapest, to the interval",
                                         "95% interval"};
    static const lxw_col_t VALUES[2] = {1, 5};
    static const lxw_color_t COLOURS[2] = {0x1F77B4, 0xFF7F0E};
    for (size_t k = 0; k < 2; k++) {
        lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(s, "charts", first, DATA_COL + 4, last, DATA_COL + 4);
        chart_series_set_values(s, "charts", first, DATA_COL + VALUES[k], last,
                                DATA_COL + VALUES[k]);
        chart_series_set_name(s, NAMES[k]);
        lxw_chart_fill fill = {.color = COLOURS[k]};
        chart_series_set_fill(s, &fill);
    }
    chart_set_series_gap(chart, 60);
    titled(chart, "Chance of being cheapest", title);
    /* a bar chart's axes are libxlsxwriter's x (values, horizontal) and y (the categories,
     * vertical): best first at the top */
    axis_titles(chart, "share of trials cheapest (95% interval)", "option");
    chart_axis_set_reverse(chart->y_axis);
    chart_axis_set_crossing_max(chart->y_axis); /* the value axis stays at the bottom */
    chart_axis_set_major_unit(chart->x_axis, 0.2);
    chart_axis_set_num_format(chart->x_axis, "0%");
    chart_axis_set_min(chart->x_axis, 0);
    chart_axis_set_max(chart->x_axis, 1);
    lxw_chart_font small = {.size = 8};
    chart_axis_set_num_font(chart->y_axis, &small);
    /* taller with more options, so that each name has its line */
    lxw_chart_options opt = {.x_scale = (CHART_W + 120) / 480.0,
                             .y_scale = (CHART_H + (n_all > 8 ? 18.0 * (double)(n_all - 8) : 0)) /
                                        288.0};
    worksheet_insert_chart_opt(x->charts, at + 1, 24, chart, &opt);
}

void tco_xlsx_charts(tco_xlsx *x, const char *heading, const char *title,
                     const tco_table *summary, const tco_table *histogram,
                     const tco_table *monthly, size_t n_top)
{
    if (!summary)
        return;
    size_t n_all;
    ranked *all = rank_offered(summary, &n_all);
    const size_t n = n_all < n_top ? n_all : n_top < N_PALETTE ? n_top : N_PALETTE;
    const lxw_row_t at = (lxw_row_t)(x->n_blocks++ * BLOCK_ROWS);
    worksheet_write_string(x->charts, at, 0, heading, x->bold);
    if (histogram && n > 0)
        histogram_chart(x, title, summary, histogram, all, n, at + 1);
    if (monthly && n > 0)
        fan_chart(x, title, summary, monthly, all, n, at + 1);
    cheapest_chart(x, title, summary, all, n_all, at);
    if (x->n_blocks == 1) {
        worksheet_set_column(x->charts, DATA_COL, DATA_COL, 40, NULL);
        worksheet_set_column(x->charts, DATA_COL + 1, DATA_COL + 3, 14, NULL);
        worksheet_set_column(x->charts, DATA_COL + 4, DATA_COL + 4, 48, NULL);
        worksheet_set_column(x->charts, DATA_COL + 5, DATA_COL + 5, 14, NULL);
    }
    free(all);
}

void tco_xlsx_tornado(tco_xlsx *x, const char *title, const char *const *inputs,
                      const double *low, const double *high, size_t n, double mean)
{
    if (n == 0 || x->n_blocks == 0)
        return;
    const lxw_row_t at = (lxw_row_t)((x->n_blocks - 1) * BLOCK_ROWS);
    static const char *const HEAD[5] = {"input (tornado of delta)", "lowest 10% - mean",
                                        "highest 10% - mean", "delta, input lowest 10%",
                                        "delta, input highest 10%"};
    for (lxw_col_t c = 0; c < 5; c++)
        worksheet_write_string(x->charts, at, TORNADO_DATA_COL + c, HEAD[c], x->bold);
    lxw_format *money = x->fmt[TCO_XLSX_MONEY];
    for (size_t i = 0; i < n; i++) {
        const lxw_row_t row = at + 1 + (lxw_row_t)i;
        worksheet_write_string(x->charts, row, TORNADO_DATA_COL, inputs[i], NULL);
        worksheet_write_number(x->charts, row, TORNADO_DATA_COL + 1, low[i] - mean, money);
        worksheet_write_number(x->charts, row, TORNADO_DATA_COL + 2, high[i] - mean, money);
        worksheet_write_number(x->charts, row, TORNADO_DATA_COL + 3, low[i], money);
        worksheet_write_number(x->charts, row, TORNADO_DATA_COL + 4, high[i], money);
    }
    /* two bar series on one line per input (overlap 100): the change of delta's mean with the
     * input at its lowest and at its highest 10% (@RISK's "change in output mean" tornado) */
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_BAR);
    const lxw_row_t first = at + 1, last = at + (lxw_row_t)n;
    static const char *const NAMES[2] = {"input in its lowest 10%", "input in its highest 10%"};
    static const lxw_color_t COLOURS[2] = {0x1F77B4, 0xD62728};
    for (lxw_col_t k = 0; k < 2; k++) {
        lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(s, "charts", first, TORNADO_DATA_COL, last, TORNADO_DATA_COL);
        chart_series_set_values(s, "charts", first, TORNADO_DATA_COL + 1 + k, last,
                                TORNADO_DATA_COL + 1 + k);
        chart_series_set_name(s, NAMES[k]);
        lxw_chart_fill fill = {.color = COLOURS[k]};
        chart_series_set_fill(s, &fill);
    }
    chart_set_series_overlap(chart, 100);
    chart_set_series_gap(chart, 40);
    titled(chart, "What drives the decision (tornado of delta)", title);
    axis_titles(chart, "change of delta's mean (runner-up minus leader), $", "input");
    chart_axis_set_reverse(chart->y_axis); /* the input that moves delta most on top */
    chart_axis_set_label_position(chart->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    chart_axis_set_num_format(chart->x_axis, "$#,##0");
    lxw_chart_font small = {.size = 8};
    chart_axis_set_num_font(chart->y_axis, &small);
    lxw_chart_options opt = {.x_scale = 2 * (CHART_W + 120) / 480.0, .y_scale = CHART_H / 288.0};
    worksheet_insert_chart_opt(x->charts, at + CHART_ROWS, 0, chart, &opt);
    if (x->n_blocks == 1) {
        worksheet_set_column(x->charts, TORNADO_DATA_COL, TORNADO_DATA_COL, 40, NULL);
        worksheet_set_column(x->charts, TORNADO_DATA_COL + 1, TORNADO_DATA_COL + 4, 16, NULL);
    }
}

/* ---- the file ------------------------------------------------------------------------------- */

static void release(tco_xlsx *x)
{
    for (size_t i = 0; i < x->n_sheets; i++) {
        free(x->sheets[i].name);
        free(x->sheets[i].width);
    }
    free(x->sheets);
    free(x->placed);
    unlink(x->path);
    free(x->path);
    free(x);
}

static int copy_into(const char *path, FILE *out)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    char buf[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) {
            rc = -1;
            break;
        }
    if (ferror(in))
        rc = -1;
    fclose(in);
    return rc;
}

int tco_xlsx_finish(tco_xlsx *x, FILE *out)
{
    if (x->n_sheets > 0)
        finish_sheet(&x->sheets[x->n_sheets - 1]);
    errno = 0;
    lxw_error err = workbook_close(x->wb);
    x->wb = NULL;
    int rc = err == LXW_NO_ERROR ? copy_into(x->path, out) : -1;
    int saved = errno;
    release(x);
    errno = saved;
    return rc;
}

void tco_xlsx_discard(tco_xlsx *x)
{
    if (x->wb) {
        /* libxlsxwriter has no way to drop a workbook unwritten: write it, then remove it */
        workbook_close(x->wb);
    }
    release(x);
}
