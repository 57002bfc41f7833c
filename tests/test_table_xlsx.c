/* SPDX-License-Identifier: MIT */
/* Tests of table_xlsx: the number format of each kind of column, a table continued on NAME_2,
 * NAME_3 past a worksheet's rows, the charts of a scenario, a byte-identical file from the
 * same tables, and no temporary file left after finish or discard. The cells themselves are
 * read back by a reader no one here wrote (tests/xlsx_check.py, openpyxl); here the zip's
 * member names (stored uncompressed in its headers) tell which worksheets and charts exist. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tco/table_xlsx.h"
#include "tco/xalloc.h"

#include "tempdir.h"

static int setup(void **state)
{
    return tu_tempdir_setup(state, "test_table_xlsx");
}

static int teardown(void **state)
{
    return tu_tempdir_teardown(state);
}

static void format_by_column(void **state)
{
    (void)state;
    static const struct {
        tco_column column;
        tco_xlsx_format format;
    } CASES[] = {
        {{"mean", TCO_COLUMN_REAL, false}, TCO_XLSX_MONEY},
        {{"sd", TCO_COLUMN_REAL, false}, TCO_XLSX_MONEY},
        {{"p05", TCO_COLUMN_REAL, false}, TCO_XLSX_MONEY},
        {{"p95", TCO_COLUMN_REAL, false}, TCO_XLSX_MONEY},
        {{"cumulative_p50", TCO_COLUMN_REAL, false}, TCO_XLSX_MONEY},
        {{"cost_mean", TCO_COLUMN_REAL, false}, TCO_XLSX_MONEY},
        {{"bin_low", TCO_COLUMN_REAL, false}, TCO_XLSX_MONEY},
        {{"saving_p50", TCO_COLUMN_REAL, false}, TCO_XLSX_MONEY},
        {{"mean_saving_se", TCO_COLUMN_REAL, false}, TCO_XLSX_MONEY},
        {{"change_p05", TCO_COLUMN_REAL, false}, TCO_XLSX_MONEY},
        {{"cheapest_tco", TCO_COLUMN_REAL, false}, TCO_XLSX_MONEY},
        {{"margin", TCO_COLUMN_REAL, false}, TCO_XLSX_MONEY},
        {{"p_cheapest", TCO_COLUMN_REAL, false}, TCO_XLSX_PERCENT},
        {{"p_cheapest_lo", TCO_COLUMN_REAL, false}, TCO_XLSX_PERCENT},
        {{"p_tie", TCO_COLUMN_REAL, false}, TCO_XLSX_PERCENT},
        /* not money: a month, seats, volumes, a count, a text */
        {{"crossover_month_p50", TCO_COLUMN_REAL, false}, TCO_XLSX_GENERAL},
        {{"breakeven_seats_p50", TCO_COLUMN_REAL, false}, TCO_XLSX_GENERAL},
        {{"notifications", TCO_COLUMN_REAL, false}, TCO_XLSX_GENERAL},
        {{"p5", TCO_COLUMN_REAL, false}, TCO_XLSX_GENERAL},
        {{"p050", TCO_COLUMN_REAL, false}, TCO_XLSX_GENERAL},
        {{"trials", TCO_COLUMN_COUNT, false}, TCO_XLSX_GENERAL},
        {{"mean", TCO_COLUMN_TEXT, false}, TCO_XLSX_GENERAL},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        if (tco_xlsx_column_format(&CASES[i].column) != CASES[i].format)
            fail_msg("%s: format %d, expected %d", CASES[i].column.name,
                     (int)tco_xlsx_column_format(&CASES[i].column), (int)CASES[i].format);
    }
}

/* ---- tables like the run's ------------------------------------------------------------------ */

static const tco_column SUMMARY_COLS[] = {
    {"file", TCO_COLUMN_TEXT, true},       {"scenario", TCO_COLUMN_TEXT, true},
    {"option", TCO_COLUMN_TEXT, false},    {"offered", TCO_COLUMN_FLAG, false},
    {"mean", TCO_COLUMN_REAL, false},      {"p_cheapest", TCO_COLUMN_REAL, false},
    {"p_cheapest_lo", TCO_COLUMN_REAL, false}, {"p_cheapest_hi", TCO_COLUMN_REAL, false},
    {"trials", TCO_COLUMN_COUNT, false},   {"items", TCO_COLUMN_TEXT_LIST, false}};
static const tco_table_spec SUMMARY = {"summary", "summary", SUMMARY_COLS, 10, NULL, 0};
static const tco_column HIST_COLS[] = {
    {"file", TCO_COLUMN_TEXT, true}, {"scenario", TCO_COLUMN_TEXT, true},
    {"option", TCO_COLUMN_TEXT, true}, {"bin_low", TCO_COLUMN_REAL, false},
    {"count", TCO_COLUMN_COUNT, false}};
static const tco_table_spec HIST = {"histogram", "histogram", HIST_COLS, 5, NULL, 0};
static const tco_column MONTHLY_COLS[] = {
    {"file", TCO_COLUMN_TEXT, true},  {"scenario", TCO_COLUMN_TEXT, true},
    {"option", TCO_COLUMN_TEXT, true}, {"month", TCO_COLUMN_COUNT, false},
    {"cumulative_p05", TCO_COLUMN_REAL, false}, {"cumulative_p50", TCO_COLUMN_REAL, false},
    {"cumulative_p95", TCO_COLUMN_REAL, false}};
static const tco_table_spec MONTHLY = {"monthly", "monthly", MONTHLY_COLS, 7, NULL, 0};

static const char *const OPTIONS[3] = {"=A1 looks like a formula", "B", "not offered"};

static tco_table *summary_of(const char *scenario, bool offered)
{
    tco_table *t = tco_table_alloc(&SUMMARY);
    for (int o = 0; o < 3; o++) {
        const char *items[2] = {"x", "y"};
        tco_table_text(t, "s.csv");
        tco_table_text(t, scenario);
        tco_table_text(t, OPTIONS[o]);
        tco_table_flag(t, offered && o < 2);
        tco_table_real(t, o < 2 ? 1000.5 * (o + 1) : NAN);
        tco_table_real(t, o < 2 ? 0.75 - 0.5 * o : NAN);
        tco_table_real(t, o < 2 ? 0.7 - 0.5 * o : NAN);
        tco_table_real(t, o < 2 ? 0.8 - 0.5 * o : NAN);
        tco_table_count(t, 100);
        tco_table_list(t, items, (size_t)o);
        tco_table_end_row(t);
    }
    return t;
}

static tco_table *keyed_of(const tco_table_spec *spec, const char *scenario, size_t per_option)
{
    tco_table *t = tco_table_alloc(spec);
    for (int o = 0; o < 2; o++)
        for (size_t k = 0; k < per_option; k++) {
            tco_table_text(t, "s.csv");
            tco_table_text(t, scenario);
            tco_table_text(t, OPTIONS[o]);
            for (size_t c = 3; c < spec->n_columns; c++) {
                if (spec->columns[c].type == TCO_COLUMN_COUNT)
                    tco_table_count(t, k + 1);
                else
                    tco_table_real(t, 100.0 * (double)(k + 1) * (double)(c + o));
            }
            tco_table_end_row(t);
        }
    return t;
}

/* The workbook's bytes, and whether dir holds anything but `keep`. */
static char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *buf = tco_xmalloc(1 << 22);
    *n = fread(buf, 1, 1 << 22, fp);
    fclose(fp);
    return buf;
}

static bool holds(const char *buf, size_t n, const char *member)
{
    const size_t k = strlen(member);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(buf + i, member, k) == 0)
            return true;
    return false;
}

static size_t entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Two scenarios, the first with two offered options; 3 rows per worksheet (2 and a header). */
static char *workbook(const fixture *f, const char *name, uint32_t rows_per_sheet, size_t *n)
{
    tco_table *s[2] = {summary_of("one", true), summary_of("two", false)};
    tco_table *h[2] = {keyed_of(&HIST, "one", 4), keyed_of(&HIST, "two", 4)};
    tco_table *m[2] = {keyed_of(&MONTHLY, "one", 3), keyed_of(&MONTHLY, "two", 3)};
    tco_xlsx *x = tco_xlsx_open(f->root, rows_per_sheet);
    assert_non_null(x);
    tco_xlsx_sheet(x, &SUMMARY);
    tco_xlsx_rows(x, s[0]);
    tco_xlsx_rows(x, s[1]);
    tco_xlsx_sheet(x, &HIST);
    tco_xlsx_rows(x, h[0]);
    tco_xlsx_rows(x, h[1]);
    tco_xlsx_sheet(x, &MONTHLY);
    tco_xlsx_rows(x, m[0]);
    tco_xlsx_rows(x, m[1]);
    tco_xlsx_charts(x, "one (s.csv)", "one", s[0], h[0], m[0], 3);
    tco_xlsx_charts(x, "two (s.csv)", "two", s[1], h[1], m[1], 3);
    char *path = tco_xasprintf("%s/%s", f->root, name);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    assert_int_equal(tco_xlsx_finish(x, out), 0);
    assert_int_equal(fclose(out), 0);
    for (int i = 0; i < 2; i++) {
        tco_table_free(s[i]);
        tco_table_free(h[i]);
        tco_table_free(m[i]);
    }
    char *buf = slurp(path, n);
    free(path);
    return buf;
}

static void sheets_continue_and_charts(void **state)
{
    fixture *f = *state;
    size_t n;
    /* a worksheet of 1,048,576 rows: one sheet per table, charts for scenario one only (two
     * offers nothing): 3 charts */
    char *big = workbook(f, "big.xlsx", TCO_XLSX_MAX_ROWS, &n);
    assert_memory_equal(big, "PK\3\4", 4);
    assert_true(holds(big, n, "xl/worksheets/sheet4.xml"));  /* charts + 3 tables */
    assert_false(holds(big, n, "xl/worksheets/sheet5.xml"));
    assert_true(holds(big, n, "xl/charts/chart3.xml"));
    assert_false(holds(big, n, "xl/charts/chart4.xml"));
    free(big);
    /* 2 rows per worksheet: summary's 6 rows on 3, histogram's 16 on 8, monthly's 12 on 6,
     * and charts: 18 worksheets. The series of a run of rows split across two worksheets are
     * left out, not drawn wrong; the p_cheapest chart is from the charts sheet's own block. */
    char *small = workbook(f, "small.xlsx", 3, &n);
    assert_true(holds(small, n, "xl/worksheets/sheet18.xml"));
    assert_false(holds(small, n, "xl/worksheets/sheet19.xml"));
    free(small);
    /* only the two workbooks: no temporary file left */
    assert_int_equal(entries(f->root), 2);
}

static void same_tables_same_bytes(void **state)
{
    fixture *f = *state;
    size_t n1, n2;
    char *a = workbook(f, "a.xlsx", TCO_XLSX_MAX_ROWS, &n1);
    char *b = workbook(f, "b.xlsx", TCO_XLSX_MAX_ROWS, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
}

static void discard_leaves_nothing(void **state)
{
    fixture *f = *state;
    tco_xlsx *x = tco_xlsx_open(f->root, TCO_XLSX_MAX_ROWS);
    assert_non_null(x);
    assert_int_equal(entries(f->root), 1); /* the hidden temporary file */
    tco_table *s = summary_of("one", true);
    tco_xlsx_sheet(x, &SUMMARY);
    tco_xlsx_rows(x, s);
    tco_xlsx_discard(x);
    tco_table_free(s);
    assert_int_equal(entries(f->root), 0);
}

static void open_fails_in_a_missing_dir(void **state)
{
    fixture *f = *state;
    char *dir = tco_xasprintf("%s/missing", f->root);
    errno = 0;
    assert_null(tco_xlsx_open(dir, TCO_XLSX_MAX_ROWS));
    assert_int_equal(errno, ENOENT);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_by_column),
        cmocka_unit_test_setup_teardown(sheets_continue_and_charts, setup, teardown),
        cmocka_unit_test_setup_teardown(same_tables_same_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(discard_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(open_fails_in_a_missing_dir, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
