/* SPDX-License-Identifier: MIT */
/* test_manpages: the columns the loaders accept are the columns the man pages document.
 *
 * The loaders' own tables (tco_scenario_column, tco_prices_column) against the entries of the
 * COLUMNS section of sim/tcosim-scenario.5 and sim/tcosim-prices.5 (each a `.TP` line followed by
 * `.B name`): a column added to a loader without its page entry, or a page entry that no
 * loader reads, fails here. Run from the repository's root (make check does).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tco/pricesheet.h"
#include "tco/scenario.h"
#include "tco/schedule.h"

#define MAX_ENTRIES 128

typedef struct page {
    char names[MAX_ENTRIES][64];
    size_t n;
} page;

/* The `.B name` lines that follow a `.TP` in the page's section `section` (".SH COLUMNS"). */
static void read_section(const char *path, const char *section, page *p)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        fail_msg("cannot open %s (run from the repository's root)", path);
    char line[512];
    bool in_columns = false, after_tp = false;
    p->n = 0;
    while (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, ".SH ", 4) == 0) {
            in_columns = strcmp(line, section) == 0;
            after_tp = false;
            continue;
        }
        if (!in_columns)
            continue;
        if (after_tp && strncmp(line, ".B ", 3) == 0 && !strchr(line + 3, ' ')) {
            assert_true(p->n < MAX_ENTRIES);
            assert_true(strlen(line + 3) < sizeof p->names[0]);
            memcpy(p->names[p->n++], line + 3, strlen(line + 3) + 1);
        }
        after_tp = strcmp(line, ".TP") == 0;
    }
    fclose(fp);
}

static void read_columns(const char *path, page *p)
{
    read_section(path, ".SH COLUMNS", p);
}

static bool listed(const page *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->names[i], name) == 0)
            return true;
    return false;
}

/* Both ways; every problem printed before the test fails. */
static void compare_section(const char *path, const char *section, size_t n,
                            const char *(*column)(size_t))
{
    page p;
    read_section(path, section, &p);
    int problems = 0;
    for (size_t i = 0; i < n; i++)
        if (!listed(&p, column(i))) {
            print_error("%s: column %s is accepted by the loader but not documented\n", path,
                        column(i));
            problems++;
        }
    for (size_t k = 0; k < p.n; k++) {
        bool known = false;
        for (size_t i = 0; i < n && !known; i++)
            known = strcmp(column(i), p.names[k]) == 0;
        for (size_t j = 0; j < k; j++)
            if (strcmp(p.names[j], p.names[k]) == 0) {
                print_error("%s: column %s is documented twice\n", path, p.names[k]);
                problems++;
            }
        if (!known) {
            print_error("%s: column %s is documented but no loader accepts it\n", path,
                        p.names[k]);
            problems++;
        }
    }
    assert_int_equal(problems, 0);
    assert_int_equal(p.n, n);
}

static void compare(const char *path, size_t n, const char *(*column)(size_t))
{
    compare_section(path, ".SH COLUMNS", n, column);
}

static void the_scenario_page_should_document_every_scenario_column(void **state)
{
    (void)state;
    assert_null(tco_scenario_column(tco_scenario_n_columns()));
    compare("sim/tcosim-scenario.5", tco_scenario_n_columns(), tco_scenario_column);
}

/* SPEC §12.1: the schedule's columns are the SCHEDULES section's entries of the same page. */
static void the_scenario_page_should_document_every_schedule_column(void **state)
{
    (void)state;
    assert_null(tco_schedule_column(tco_schedule_n_columns()));
    compare_section("sim/tcosim-scenario.5", ".SH SCHEDULES", tco_schedule_n_columns(),
                    tco_schedule_column);
}

static void the_prices_page_should_document_every_price_sheet_column(void **state)
{
    (void)state;
    assert_null(tco_prices_column(tco_prices_n_columns()));
    compare("sim/tcosim-prices.5", tco_prices_n_columns(), tco_prices_column);
}

/* The reader itself, so that the tests above cannot pass by reading the wrong lines: entries
 * only in COLUMNS, only `.B` with one word right after `.TP`. */
static void the_reader_should_find_entries_only_in_the_columns_section(void **state)
{
    (void)state;
    char path[] = "/tmp/test_manpagesXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs(".TH X 5\n.SH DESCRIPTION\n.TP\n.B outside\n.SH COLUMNS\n.TP\n.B alpha\ntext\n"
          ".TP\n.BR not_an_entry \" or \" x\n.TP\n.B beta\n.SH WARNINGS\n.TP\n.B alpha\n",
          fp);
    fclose(fp);
    page p;
    read_columns(path, &p);
    remove(path);
    assert_int_equal(p.n, 2);
    assert_string_equal(p.names[0], "alpha");
    assert_string_equal(p.names[1], "beta");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_reader_should_find_entries_only_in_the_columns_section),
        cmocka_unit_test(the_scenario_page_should_document_every_scenario_column),
        cmocka_unit_test(the_scenario_page_should_document_every_schedule_column),
        cmocka_unit_test(the_prices_page_should_document_every_price_sheet_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
