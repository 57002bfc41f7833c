/* SPDX-License-Identifier: MIT */
/* Tests of table (issue 15): cells read back as they were put, texts are copies, a column's
 * repeated texts read back right wherever they change, rows grow past every reallocation, key
 * runs are found from any cursor, and every way of filling a table wrongly (a missing, extra or
 * wrong-typed cell, a bad spec, rendering an unfinished row) aborts with a line that names the
 * table, the row and the column: each checked in a forked child. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "tco/table.h"

enum { C_FILE, C_OPTION, C_MONTH, C_COST, C_CHANGES, N_C };
static const tco_column COLUMNS[N_C] = {
    [C_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [C_OPTION] = {"option", TCO_COLUMN_TEXT, true},
    [C_MONTH] = {"month", TCO_COLUMN_COUNT, false},
    [C_COST] = {"cost", TCO_COLUMN_REAL, false},
    [C_CHANGES] = {"changes", TCO_COLUMN_TEXT_LIST, false},
};
static const tco_table_spec SPEC = {"demo", "demo_rows", COLUMNS, N_C, NULL, 0};

static void add_row(tco_table *t, const char *file, const char *option, uint64_t month,
                    double cost)
{
    static const char *const CHANGES[] = {"seat: 20 → 22", "api: removed"};
    tco_table_text(t, file);
    tco_table_text(t, option);
    tco_table_count(t, month);
    tco_table_real(t, cost);
    tco_table_list(t, CHANGES, month % 3);
    tco_table_end_row(t);
}

static void cells_read_back_as_put(void **state)
{
    (void)state;
    tco_table *t = tco_table_alloc(&SPEC);
    assert_ptr_equal(tco_table_get_spec(t), &SPEC);
    assert_int_equal(tco_table_n_rows(t), 0);
    char name[] = "a.csv";
    tco_table_text(t, name);
    tco_table_text(t, NULL);
    tco_table_count(t, UINT64_MAX);
    tco_table_real(t, 0.1);
    const char *const items[] = {"x", "", "y; z"};
    tco_table_list(t, items, 3);
    /* a row being built is not a row yet */
    assert_int_equal(tco_table_n_rows(t), 0);
    tco_table_end_row(t);
    name[0] = 'b'; /* the table holds a copy */
    assert_int_equal(tco_table_n_rows(t), 1);
    tco_cell c = tco_table_cell(t, 0, C_FILE);
    assert_int_equal(c.type, TCO_COLUMN_TEXT);
    assert_string_equal(c.text, "a.csv");
    assert_null(tco_table_cell(t, 0, C_OPTION).text);
    assert_true(tco_table_cell(t, 0, C_MONTH).count == UINT64_MAX);
    assert_true(tco_table_cell(t, 0, C_COST).real == 0.1);
    c = tco_table_cell(t, 0, C_CHANGES);
    assert_int_equal(c.type, TCO_COLUMN_TEXT_LIST);
    assert_int_equal(c.n_items, 3);
    assert_string_equal(tco_table_list_item(t, &c, 0), "x");
    assert_string_equal(tco_table_list_item(t, &c, 1), "");
    assert_string_equal(tco_table_list_item(t, &c, 2), "y; z");
    tco_table_free(t);
    tco_table_free(NULL);
}

/* NAN and infinities are kept as they are: renderers decide what "none" looks like. */
static void reals_keep_every_double(void **state)
{
    (void)state;
    const double xs[] = {NAN, INFINITY, -INFINITY, -0.0, 5e-324, 1.7976931348623157e308};
    tco_table *t = tco_table_alloc(&SPEC);
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        add_row(t, "f", "o", i, xs[i]);
    assert_true(isnan(tco_table_cell(t, 0, C_COST).real));
    for (size_t i = 1; i < sizeof xs / sizeof xs[0]; i++)
        assert_memory_equal(&(double){tco_table_cell(t, i, C_COST).real}, &xs[i], sizeof xs[i]);
    tco_table_free(t);
}

/* 10,000 rows (past every doubling of the cells and the text arena), texts that repeat for
 * runs of 7 rows and change in between, and lists of 0, 1 and 2 items in turn: every cell
 * reads back. */
static void many_rows_read_back(void **state)
{
    (void)state;
    tco_table *t = tco_table_alloc(&SPEC);
    char file[32], option[32];
    for (uint64_t r = 0; r < 10000; r++) {
        snprintf(file, sizeof file, "file-%llu", (unsigned long long)(r / 7));
        snprintf(option, sizeof option, "option-%llu", (unsigned long long)(r % 5));
        add_row(t, file, option, r, (double)r / 3);
    }
    assert_int_equal(tco_table_n_rows(t), 10000);
    for (uint64_t r = 0; r < 10000; r++) {
        snprintf(file, sizeof file, "file-%llu", (unsigned long long)(r / 7));
        snprintf(option, sizeof option, "option-%llu", (unsigned long long)(r % 5));
        assert_string_equal(tco_table_cell(t, r, C_FILE).text, file);
        assert_string_equal(tco_table_cell(t, r, C_OPTION).text, option);
        assert_true(tco_table_cell(t, r, C_MONTH).count == r);
        assert_true(tco_table_cell(t, r, C_COST).real == (double)r / 3);
        const tco_cell c = tco_table_cell(t, r, C_CHANGES);
        assert_int_equal(c.n_items, r % 3);
        if (c.n_items > 1)
            assert_string_equal(tco_table_list_item(t, &c, 1), "api: removed");
    }
    tco_table_free(t);
}

/* A cleared table takes new rows as a new one would, and the rows after it do not share texts
 * with the rows before (the arena is reused). */
static void cleared_table_takes_new_rows(void **state)
{
    (void)state;
    tco_table *t = tco_table_alloc(&SPEC);
    for (uint64_t r = 0; r < 100; r++)
        add_row(t, "same", "x", r, 1);
    tco_table_clear(t);
    assert_int_equal(tco_table_n_rows(t), 0);
    add_row(t, "other", "x", 7, 2);
    add_row(t, "same", "y", 8, 3);
    assert_int_equal(tco_table_n_rows(t), 2);
    assert_string_equal(tco_table_cell(t, 0, C_FILE).text, "other");
    assert_string_equal(tco_table_cell(t, 1, C_FILE).text, "same");
    assert_string_equal(tco_table_cell(t, 1, C_OPTION).text, "y");
    assert_true(tco_table_cell(t, 1, C_MONTH).count == 8);
    tco_table_free(t);
}

/* Rows: a/x a/x a/y b/x b/x c/y. */
static tco_table *runs_table(void)
{
    tco_table *t = tco_table_alloc(&SPEC);
    add_row(t, "a", "x", 1, 0);
    add_row(t, "a", "x", 2, 0);
    add_row(t, "a", "y", 1, 0);
    add_row(t, "b", "x", 1, 0);
    add_row(t, "b", "x", 2, 0);
    add_row(t, "c", "y", 1, 0);
    return t;
}

static void runs_are_found_from_any_cursor(void **state)
{
    (void)state;
    tco_table *t = runs_table();
    size_t n;
    const char *const ax[] = {"a", "x"}, *const ay[] = {"a", "y"}, *const bx[] = {"b", "x"},
                      *const cy[] = {"c", "y"}, *const cx[] = {"c", "x"}, *const b[] = {"b", ""};
    /* in the table's order, each run starts at the cursor */
    assert_int_equal(tco_table_find_run(t, ax, 2, 0, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(tco_table_find_run(t, ay, 2, 2, &n), 2);
    assert_int_equal(n, 1);
    assert_int_equal(tco_table_find_run(t, bx, 2, 3, &n), 3);
    assert_int_equal(n, 2);
    assert_int_equal(tco_table_find_run(t, cy, 2, 5, &n), 5);
    assert_int_equal(n, 1);
    /* out of order: searched from the start again */
    assert_int_equal(tco_table_find_run(t, ax, 2, 5, &n), 0);
    assert_int_equal(n, 2);
    /* a cursor inside a run gives the whole run */
    assert_int_equal(tco_table_find_run(t, bx, 2, 4, &n), 3);
    assert_int_equal(n, 2);
    /* a cursor past the end is the end */
    assert_int_equal(tco_table_find_run(t, cy, 2, 99, &n), 5);
    assert_int_equal(n, 1);
    /* none: n_rows and an empty run; keys compare whole texts */
    assert_int_equal(tco_table_find_run(t, cx, 2, 0, &n), 6);
    assert_int_equal(n, 0);
    assert_int_equal(tco_table_find_run(t, b, 2, 0, &n), 6);
    assert_int_equal(n, 0);
    tco_table_free(t);
    /* an empty table has no run */
    t = tco_table_alloc(&SPEC);
    assert_int_equal(tco_table_find_run(t, ax, 2, 0, &n), 0);
    assert_int_equal(n, 0);
    tco_table_free(t);
}

/* ---- programming errors abort -------------------------------------------------------- */

/* Runs fn in a child; asserts it died by SIGABRT with a message on stderr containing
 * `expect`. */
static void expect_abort(void (*fn)(void), const char *expect)
{
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    fflush(NULL);
    const pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fd[0]);
        dup2(fd[1], STDERR_FILENO);
        signal(SIGABRT, SIG_DFL);
        fn();
        _exit(0); /* did not abort */
    }
    close(fd[1]);
    char buf[1024] = "";
    size_t len = 0;
    ssize_t k;
    while (len + 1 < sizeof buf && (k = read(fd[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)k;
    buf[len] = '\0';
    close(fd[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT)
        fail_msg("expected an abort with \"%s\", got status %d and \"%s\"", expect, status, buf);
    if (!strstr(buf, expect))
        fail_msg("expected \"%s\" in \"%s\"", expect, buf);
}

static void missing_cell(void)
{
    tco_table *t = runs_table();
    tco_table_text(t, "a");
    tco_table_text(t, "x");
    tco_table_count(t, 1);
    tco_table_end_row(t); /* cost and changes missing */
}

static void extra_cell(void)
{
    tco_table *t = tco_table_alloc(&SPEC);
    add_row(t, "a", "x", 1, 0);
    tco_table_text(t, "a");
    tco_table_text(t, "x");
    tco_table_count(t, 1);
    tco_table_real(t, 2);
    tco_table_list(t, NULL, 0);
    tco_table_real(t, 3); /* a sixth cell */
}

static void wrong_type(void)
{
    tco_table *t = tco_table_alloc(&SPEC);
    tco_table_text(t, "a");
    tco_table_text(t, "x");
    tco_table_real(t, 1); /* month is a count */
}

static void unfinished_row_read(void)
{
    tco_table *t = runs_table();
    tco_table_text(t, "a");
    size_t n;
    const char *const keys[] = {"a", "x"};
    tco_table_find_run(t, keys, 2, 0, &n);
}

static void unfinished_row_checked(void)
{
    tco_table *t = runs_table();
    tco_table_text(t, "a");
    tco_table_check_complete(t);
}

static void cleared_mid_row(void)
{
    tco_table *t = runs_table();
    tco_table_text(t, "a");
    tco_table_clear(t);
}

static void cell_out_of_range(void)
{
    tco_table *t = runs_table();
    tco_table_cell(t, 6, 0);
}

static void wrong_key_count(void)
{
    tco_table *t = runs_table();
    size_t n;
    const char *const keys[] = {"a"};
    tco_table_find_run(t, keys, 1, 0, &n);
}

static void key_not_text(void)
{
    static const tco_column bad[] = {{"file", TCO_COLUMN_TEXT, true},
                                     {"month", TCO_COLUMN_COUNT, true}};
    static const tco_table_spec s = {"bad", "bad", bad, 2, NULL, 0};
    tco_table_alloc(&s);
}

static void json_order_names_a_key(void)
{
    static const size_t order[] = {C_FILE, C_MONTH, C_COST};
    static const tco_table_spec s = {"bad", "bad", COLUMNS, N_C, order, 3};
    tco_table_alloc(&s);
}

static void json_order_no_column(void)
{
    static const size_t order[] = {C_MONTH, C_COST, N_C};
    static const tco_table_spec s = {"bad", "bad", COLUMNS, N_C, order, 3};
    tco_table_alloc(&s);
}

static void json_order_twice(void)
{
    static const size_t order[] = {C_MONTH, C_COST, C_COST};
    static const tco_table_spec s = {"bad", "bad", COLUMNS, N_C, order, 3};
    tco_table_alloc(&s);
}

static void json_order_short(void)
{
    static const size_t order[] = {C_MONTH, C_COST};
    static const tco_table_spec s = {"bad", "bad", COLUMNS, N_C, order, 2};
    tco_table_alloc(&s);
}

static void filling_wrongly_aborts(void **state)
{
    (void)state;
    /* row 7: the runs table has 6 */
    expect_abort(missing_cell, "table demo, row 7: the row ended after 3 of 5 cells (missing cost)");
    expect_abort(extra_cell, "table demo, row 2: a cell past the last column (changes)");
    expect_abort(wrong_type, "table demo, row 1: column month: a real cell in a count column");
    expect_abort(unfinished_row_read, "table demo, row 7: rendered with a row of 1 of 5 cells");
    expect_abort(unfinished_row_checked, "rendered with a row of 1 of 5 cells");
    expect_abort(cleared_mid_row, "rendered with a row of 1 of 5 cells");
    expect_abort(cell_out_of_range, "no cell at row 7, column 1");
    expect_abort(wrong_key_count, "1 keys given for 2 key columns");
}

static void bad_specs_abort(void **state)
{
    (void)state;
    expect_abort(key_not_text, "table bad, row 1: key column month is not text");
    expect_abort(json_order_names_a_key, "json_order[0]: column file is a key");
    expect_abort(json_order_no_column, "json_order[2] = 5: no such column");
    expect_abort(json_order_twice, "json_order names column cost twice");
    expect_abort(json_order_short, "json_order has 2 columns, the table 3 that are not keys");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cells_read_back_as_put),
        cmocka_unit_test(reals_keep_every_double),
        cmocka_unit_test(many_rows_read_back),
        cmocka_unit_test(cleared_table_takes_new_rows),
        cmocka_unit_test(runs_are_found_from_any_cursor),
        cmocka_unit_test(filling_wrongly_aborts),
        cmocka_unit_test(bad_specs_abort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
