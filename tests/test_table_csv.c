/* SPDX-License-Identifier: MIT */
/* Tests of table_csv (issue 15): the exact bytes of a table rendered as CSV, the format every
 * --out file of a converted table has had (tco/csvwrite.h): every cell quoted and its quotes
 * doubled, CRLF, counts in decimal, reals in their shortest round-trip form and "" when not
 * finite, an absent text "", a list joined by "; ", texts a spreadsheet would run neutralised
 * with a leading ' (a list as one text), controls escaped; and a failed write reported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tco/table.h"
#include "tco/table_csv.h"

enum { C_FILE, C_OPTION, C_MONTH, C_COST, C_CHANGES, N_C };
static const tco_column COLUMNS[N_C] = {
    [C_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [C_OPTION] = {"option", TCO_COLUMN_TEXT, true},
    [C_MONTH] = {"month", TCO_COLUMN_COUNT, false},
    [C_COST] = {"cost", TCO_COLUMN_REAL, false},
    [C_CHANGES] = {"changes", TCO_COLUMN_TEXT_LIST, false},
};
/* json_order does not change the CSV: columns stay in table order */
static const size_t JSON_ORDER[] = {C_CHANGES, C_COST, C_MONTH};
static const tco_table_spec SPEC = {"demo", "demo_rows", COLUMNS, N_C, JSON_ORDER, 3};

static void row(tco_table *t, const char *file, const char *option, uint64_t month, double cost,
                const char *const *changes, size_t n_changes)
{
    tco_table_text(t, file);
    tco_table_text(t, option);
    tco_table_count(t, month);
    tco_table_real(t, cost);
    tco_table_list(t, changes, n_changes);
    tco_table_end_row(t);
}

/* The CSV of t as a string (caller frees). */
static char *render(const tco_table *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(tco_table_csv(fp, t), 0);
    assert_int_equal(fclose(fp), 0);
    return buf;
}

static void known_bytes(void **state)
{
    (void)state;
    static const char *const two[] = {"seat: 20 → 22", "api: removed"};
    static const char *const formula[] = {"=x", "y"};
    tco_table *t = tco_table_alloc(&SPEC);
    row(t, "a.csv", "=cmd", 1, 0.1, two, 2);
    row(t, "say \"hi\"", NULL, UINT64_MAX, NAN, NULL, 0);
    /* 1/3 reads back from 16 digits; 0.1 + 0.2 (the double above 0.3) needs 17 */
    row(t, "-1", "b", 0, 1.0 / 3, formula, 2);
    row(t, "-1", "c", 0, 0.1 + 0.2, formula, 1);
    /* -0 is "0"; a control is escaped, a tab kept */
    row(t, "x\001y", "tab\there", 2, -0.0, two, 1);
    row(t, "big", "small", 3, 1e300, NULL, 0);
    row(t, "inf", "neg", 4, -INFINITY, NULL, 0);
    char *csv = render(t);
    assert_string_equal(csv,
                        "\"file\",\"option\",\"month\",\"cost\",\"changes\"\r\n"
                        "\"a.csv\",\"'=cmd\",\"1\",\"0.1\",\"seat: 20 → 22; api: removed\"\r\n"
                        "\"say \"\"hi\"\"\",\"\",\"18446744073709551615\",\"\",\"\"\r\n"
                        "\"'-1\",\"b\",\"0\",\"0.3333333333333333\",\"'=x; y\"\r\n"
                        "\"'-1\",\"c\",\"0\",\"0.30000000000000004\",\"'=x\"\r\n"
                        "\"x\\x01y\",\"tab\there\",\"2\",\"0\",\"seat: 20 → 22\"\r\n"
                        "\"big\",\"small\",\"3\",\"1e+300\",\"\"\r\n"
                        "\"inf\",\"neg\",\"4\",\"\",\"\"\r\n");
    free(csv);
    tco_table_free(t);
}

/* A table with no rows is its header. */
static void empty_table_is_its_header(void **state)
{
    (void)state;
    tco_table *t = tco_table_alloc(&SPEC);
    char *csv = render(t);
    assert_string_equal(csv, "\"file\",\"option\",\"month\",\"cost\",\"changes\"\r\n");
    free(csv);
    tco_table_free(t);
}

/* Every real reads back as the double it was (strtod of the cell without its quotes). */
static void reals_read_back(void **state)
{
    (void)state;
    const double xs[] = {0.1, 1.0 / 3, 2.0 / 3, 1e-300, 5e-324, 123456789.123456789,
                         1.7976931348623157e308, -28571.428571428572};
    tco_table *t = tco_table_alloc(&SPEC);
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        row(t, "f", "o", i, xs[i], NULL, 0);
    char *csv = render(t);
    const char *line = strstr(csv, "\r\n") + 2;
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        /* "f","o","i","COST","" */
        const char *cost = line;
        for (int q = 0; q < 7; q++)
            cost = strchr(cost, '"') + 1;
        assert_true(strtod(cost, NULL) == xs[i]);
        line = strstr(line, "\r\n") + 2;
    }
    free(csv);
    tco_table_free(t);
}

/* Written in parts (header, then each part's rows, the table cleared between) the file is the
 * same as written whole. */
static void parts_make_the_same_file(void **state)
{
    (void)state;
    tco_table *whole = tco_table_alloc(&SPEC), *part = tco_table_alloc(&SPEC);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(tco_table_csv_header(fp, &SPEC), 0);
    for (uint64_t p = 0; p < 3; p++) {
        for (uint64_t r = 0; r < 4; r++) {
            row(whole, p == 1 ? "=b" : "a", "x", 4 * p + r, (double)r / 7, NULL, 0);
            row(part, p == 1 ? "=b" : "a", "x", 4 * p + r, (double)r / 7, NULL, 0);
        }
        assert_int_equal(tco_table_csv_rows(fp, part), 0);
        tco_table_clear(part);
    }
    assert_int_equal(fclose(fp), 0);
    char *expect = render(whole);
    assert_string_equal(buf, expect);
    free(expect);
    free(buf);
    tco_table_free(whole);
    tco_table_free(part);
}

/* A flag column is "yes" / "no", unquoted text that never needs neutralising. */
static void flags_are_yes_or_no(void **state)
{
    (void)state;
    static const tco_column FLAG_COLUMNS[] = {{"name", TCO_COLUMN_TEXT, true},
                                              {"offered", TCO_COLUMN_FLAG, false}};
    static const tco_table_spec FLAG_SPEC = {"flags", "flags", FLAG_COLUMNS, 2, NULL, 0};
    tco_table *t = tco_table_alloc(&FLAG_SPEC);
    tco_table_text(t, "a");
    tco_table_flag(t, true);
    tco_table_end_row(t);
    tco_table_text(t, "b");
    tco_table_flag(t, false);
    tco_table_end_row(t);
    char *csv = render(t);
    assert_string_equal(csv, "\"name\",\"offered\"\r\n\"a\",\"yes\"\r\n\"b\",\"no\"\r\n");
    free(csv);
    tco_table_free(t);
}

static void write_error_is_reported(void **state)
{
    (void)state;
    FILE *fp = fopen("/dev/full", "w");
    if (!fp)
        skip();
    setvbuf(fp, NULL, _IONBF, 0); /* each write fails at once */
    tco_table *t = tco_table_alloc(&SPEC);
    row(t, "a", "b", 1, 1, NULL, 0);
    assert_int_equal(tco_table_csv(fp, t), -1);
    fclose(fp);
    tco_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_bytes),
        cmocka_unit_test(empty_table_is_its_header),
        cmocka_unit_test(reals_read_back),
        cmocka_unit_test(parts_make_the_same_file),
        cmocka_unit_test(flags_are_yes_or_no),
        cmocka_unit_test(write_error_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
