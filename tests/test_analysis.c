/* SPDX-License-Identifier: MIT */
/* Tests of analysis (issue 15): the registry is the source of `run --skip`'s names (cli accepts
 * exactly them, each setting its analysis' bit), of the files of `run --out` (SPEC §6's six, in
 * order, less those of a skipped analysis) and of the run size check's `pairs`; a run's outputs,
 * made once, render byte for byte what each writer makes on its own (the CSV files, the table
 * report with its sections, the JSON document). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tco/analysis.h"
#include "tco/report_breakdown.h"
#include "tco/breakeven.h"
#include "tco/cli.h"
#include "tco/compare.h"
#include "tco/report.h"
#include "tco/report_breakeven.h"
#include "tco/report_compare.h"
#include "tco/report_sensitivity.h"
#include "tco/scenario.h"

#define DIR "tests/fixtures/compare/"

/* tco_cli_parse of `tcosim run --skip LIST x.csv`: its status, and the bits in *skip. */
static tco_status parse_skip(const char *list, unsigned *skip)
{
    char a0[] = "tcosim", a1[] = "run", a2[] = "--skip", a4[] = "x.csv";
    char *a3 = strdup(list);
    char *argv[] = {a0, a1, a2, a3, a4, NULL};
    tco_options o;
    char err[256];
    const tco_status st = tco_cli_parse(5, argv, &o, err, sizeof err);
    *skip = o.skip;
    tco_cli_fini(&o);
    free(a3);
    return st;
}

static void skip_names_are_the_registrys(void **state)
{
    (void)state;
    size_t n;
    const tco_analysis *a = tco_analyses(&n);
    unsigned all = 0, skip;
    char list[256] = "";
    size_t named = 0;
    for (size_t k = 0; k < n; k++) {
        if (!a[k].skip_name) {
            assert_int_equal(a[k].skip_bit, 0);
            continue;
        }
        named++;
        assert_int_equal(parse_skip(a[k].skip_name, &skip), TCO_OK);
        assert_int_equal(skip, a[k].skip_bit); /* its own bit, and only it */
        assert_int_equal(all & a[k].skip_bit, 0); /* no two share one */
        all |= a[k].skip_bit;
        if (list[0])
            strcat(list, ",");
        strcat(list, a[k].skip_name);
    }
    assert_int_equal(named, 3); /* compare, breakeven and sensitivity */
    assert_int_equal(parse_skip(list, &skip), TCO_OK);
    assert_int_equal(skip, all);
    /* cli knows no bit that the registry lacks: TCO_SKIP_* are the registry's */
    assert_int_equal(all, TCO_SKIP_BREAKEVEN | TCO_SKIP_COMPARE | TCO_SKIP_SENSITIVITY);
    /* and a name the registry does not have is refused */
    assert_int_equal(parse_skip("summary", &skip), TCO_EUSAGE);
    assert_int_equal(parse_skip("comparex", &skip), TCO_EUSAGE);
}

/* The files of the tables that run under `skip`, joined by spaces. */
static void files(unsigned skip, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t t = 0; t < tco_analyses_n_tables(); t++)
        if (tco_analysis_table_enabled(t, skip)) {
            if (buf[0])
                strncat(buf, " ", size - strlen(buf) - 1);
            strncat(buf, tco_analysis_table_file(t), size - strlen(buf) - 1);
        }
}

static void files_and_checks_follow_the_registry(void **state)
{
    (void)state;
    char buf[256];
    files(0, buf, sizeof buf);
    assert_string_equal(buf,
                        "summary.csv monthly.csv histogram.csv breakdown.csv pairwise.csv diff.csv "
                        "breakeven.csv sensitivity.csv");
    files(TCO_SKIP_COMPARE, buf, sizeof buf);
    assert_string_equal(buf, "summary.csv monthly.csv histogram.csv breakdown.csv breakeven.csv "
                             "sensitivity.csv");
    files(TCO_SKIP_BREAKEVEN | TCO_SKIP_COMPARE | TCO_SKIP_SENSITIVITY, buf, sizeof buf);
    assert_string_equal(buf, "summary.csv monthly.csv histogram.csv breakdown.csv");
    assert_string_equal(tco_analysis_table_file(TCO_TABLE_SUMMARY), "summary.csv");
    /* compare and sensitivity keep per-pair state */
    assert_true(tco_analyses_pairs(0));
    assert_true(tco_analyses_pairs(TCO_SKIP_BREAKEVEN));
    assert_true(tco_analyses_pairs(TCO_SKIP_COMPARE));
    assert_false(tco_analyses_pairs(TCO_SKIP_COMPARE | TCO_SKIP_SENSITIVITY));
}

/* ---- a run's outputs against each writer on its own ------------------------------------- */

typedef struct run {
    tco_prices prices;
    tco_scenario_file scenarios;
    tco_observer observers[4];
    size_t n_observers;
    tco_result result;
    tco_diag_list diags;
} run;

static void run_new(run *r, unsigned skip)
{
    static const char *const SHEETS[] = {DIR "old.csv", DIR "new.csv", DIR "rival.csv"};
    memset(r, 0, sizeof *r);
    tco_prices_init(&r->prices);
    tco_diag_list_init(&r->diags);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(tco_prices_load(&r->prices, SHEETS[i], &r->diags), TCO_OK);
    assert_int_equal(tco_prices_finish(&r->prices, &r->diags), TCO_OK);
    tco_scenario_file_init(&r->scenarios);
    assert_int_equal(tco_scenario_load(DIR "scenario.csv", &r->scenarios, &r->diags), TCO_OK);
    r->n_observers = tco_analyses_observers(&r->prices, skip, r->observers);
    const tco_engine_config cfg = {2000, 11, 2, NULL, NULL, NULL, r->observers, r->n_observers,
                                   false, 0, 0, false};
    assert_int_equal(tco_engine_run(&r->scenarios.items[0], &r->prices, &cfg, &r->result),
                     TCO_OK);
}

static void run_free(run *r)
{
    tco_result_fini(&r->result);
    tco_scenario_file_fini(&r->scenarios);
    tco_prices_fini(&r->prices);
    tco_diag_list_fini(&r->diags);
}

typedef struct bytes {
    char *buf;
    size_t len;
    FILE *fp;
} bytes;

static FILE *bytes_open(bytes *b)
{
    b->buf = NULL;
    b->len = 0;
    b->fp = open_memstream(&b->buf, &b->len);
    assert_non_null(b->fp);
    return b->fp;
}

static char *bytes_close(bytes *b)
{
    assert_int_equal(fclose(b->fp), 0);
    return b->buf;
}

static void options_section(void *scenario, const tco_report_item *item, void *ctx)
{
    (void)ctx;
    tco_table *s = tco_report_summary_table(item, 1);
    tco_table *m = tco_report_monthly_table(item, 1);
    tco_table *h = tco_report_histogram_table(item, 1);
    tco_report_options_json(scenario, item, s, m, h);
    tco_report_breakdown_json(scenario, item, NULL);
    tco_table_free(s);
    tco_table_free(m);
    tco_table_free(h);
}

static void check_outputs(unsigned skip)
{
    typedef int (*writer)(FILE *, const tco_report_item *, size_t);
    static const writer WRITERS[] = {tco_report_summary_csv,   tco_report_monthly_csv,
                                     tco_report_histogram_csv, tco_report_breakdown_csv,
                                     tco_report_pairwise_csv,  tco_report_diff_csv,
                                     tco_report_breakeven_csv, tco_report_sensitivity_csv};
    assert_int_equal(tco_analyses_n_tables(), sizeof WRITERS / sizeof WRITERS[0]);
    run r;
    run_new(&r, skip);
    /* the same scenario twice: the tables are per scenario, the rows of both in the files */
    const tco_report_item items[] = {{"a.csv", &r.result}, {"a.csv", &r.result}};
    tco_run_outputs out;
    tco_run_outputs_make(&out, items, 2, skip);
    bytes a, b;
    size_t checked = 0;
    for (size_t t = 0; t < tco_analyses_n_tables(); t++) {
        if (!tco_analysis_table_enabled(t, skip))
            continue;
        assert_int_equal(tco_run_outputs_csv(bytes_open(&a), &out, t), 0);
        assert_int_equal(WRITERS[t](bytes_open(&b), items, 2), 0);
        char *x = bytes_close(&a), *y = bytes_close(&b);
        assert_true(strlen(x) > 100);
        assert_string_equal(x, y);
        free(x);
        free(y);
        checked++;
    }
    assert_int_equal(checked, skip ? 4 : 8);

    /* the table report and the JSON, against the writers with the sections of before */
    const tco_report_section compare = {tco_report_compare_table_before,
                                        tco_report_compare_table_after,
                                        tco_report_compare_json, NULL};
    const tco_report_section breakeven = {NULL, tco_report_breakeven_table,
                                          tco_report_breakeven_json, NULL};
    /* the engine's own: the breakdown lines under the ranking, the option objects */
    const tco_report_section options = {NULL, tco_report_breakdown_lines, options_section, NULL};
    const tco_report_section sensitivity = {NULL, tco_report_sensitivity_lines,
                                            tco_report_sensitivity_json_section, NULL};
    tco_report_section sections[4] = {options};
    size_t n = 1;
    if (!(skip & TCO_SKIP_COMPARE))
        sections[n++] = compare;
    if (!(skip & TCO_SKIP_BREAKEVEN))
        sections[n++] = breakeven;
    if (!(skip & TCO_SKIP_SENSITIVITY))
        sections[n++] = sensitivity;
    assert_int_equal(tco_run_outputs_text(bytes_open(&a), &out), 0);
    assert_int_equal(tco_report_table_sections(bytes_open(&b), items, 2, sections, n), 0);
    char *x = bytes_close(&a), *y = bytes_close(&b);
    assert_string_equal(x, y);
    assert_int_equal(strstr(x, "sheet diff") != NULL, !(skip & TCO_SKIP_COMPARE));
    free(x);
    free(y);
    assert_int_equal(tco_run_outputs_json(bytes_open(&a), &out, NULL), 0);
    assert_int_equal(tco_report_json_sections(bytes_open(&b), items, 2, NULL, sections, n), 0);
    x = bytes_close(&a);
    y = bytes_close(&b);
    assert_string_equal(x, y);
    assert_int_equal(strstr(x, "\"sheet_diff\"") != NULL, !(skip & TCO_SKIP_COMPARE));
    assert_non_null(strstr(x, "\"monthly\""));
    free(x);
    free(y);
    tco_run_outputs_fini(&out);
    run_free(&r);
}

static void outputs_render_what_each_writer_makes(void **state)
{
    (void)state;
    check_outputs(0);
    check_outputs(TCO_SKIP_COMPARE | TCO_SKIP_BREAKEVEN | TCO_SKIP_SENSITIVITY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(skip_names_are_the_registrys),
        cmocka_unit_test(files_and_checks_follow_the_registry),
        cmocka_unit_test(outputs_render_what_each_writer_makes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
