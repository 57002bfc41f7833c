/* SPDX-License-Identifier: MIT */
/* Tests of report_migration (SPEC §12.2): the migration table of a deterministic scenario
 * whose TCOs are computed by hand in tests/test_cost.c, its text section and JSON rows, the
 * best month, and nothing without the pairwise comparison or without migrations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>
#include <jansson.h>

#include "testutil.h"
#include "tco/compare.h"
#include "tco/report_migration.h"

/* The 14-month hand case of tests/test_cost.c: ucaas:U/Seat 5,224, hybrid 11,029,
 * migrate@3 10,129, migrate@13 7,879. So against staying the savings are 5,224 - 10,129 =
 * -4,905 and 5,224 - 7,879 = -2,655; against moving at once 11,029 - 10,129 = 900 and
 * 11,029 - 7,879 = 3,150; month 13 is the best (the lower TCO). */
static const char SCENARIO[] =
    "scenario,months,seats,notifications,phone_numbers,price_escalation,engineer_rate,"
    "ucaas_setup_hours,ucaas_admin_hours,cpaas_build_hours,cpaas_maintenance_hours,"
    "delay_cost_per_month,ucaas_deploy_months,cpaas_deploy_months,migrate_month\n"
    "m,14,10,1000,0,10%,100,5,1,20,2,300,0.5,2,13 3\n"
    "none,14,10,1000,0,10%,100,5,1,20,2,300,0.5,2,\n";
static const char SHEET[] = "vendor,plan,model,item,price\n"
                            "U,Seat,ucaas,seat,20\n"
                            "U,Seat,ucaas,sms,0.02\n"
                            "U,Seat,ucaas,setup,50\n"
                            "C,Pay,cpaas,sms,0.01\n"
                            "C,Pay,cpaas,platform,30\n"
                            "C,Pay,cpaas,setup,200\n"
                            "C,Pay,cpaas,minimum,45\n";

typedef struct world {
    tco_scenario_file f;
    tco_prices p;
    tco_observer obs; /* the result keeps a pointer to it */
    tco_result r;
} world;

/* Runs scenario row `row` with the compare observer (or without, `compare` false). */
static void world_run(world *w, size_t row, bool compare)
{
    tu_scenarios(&w->f, SCENARIO);
    tu_prices(&w->p, SHEET);
    w->obs = tco_compare_observer(&w->p);
    tco_engine_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.n_trials = 40;
    cfg.seed = 3;
    cfg.n_threads = 2;
    cfg.observers = compare ? &w->obs : NULL;
    cfg.n_observers = compare ? 1 : 0;
    assert_int_equal(tco_engine_run(&w->f.items[row], &w->p, &cfg, &w->r), TCO_OK);
}

static void world_fini(world *w)
{
    tco_result_fini(&w->r);
    tco_prices_fini(&w->p);
    tco_scenario_file_fini(&w->f);
}

static size_t column_of(const tco_table *t, const char *name)
{
    const tco_table_spec *spec = tco_table_get_spec(t);
    for (size_t c = 0; c < spec->n_columns; c++)
        if (strcmp(spec->columns[c].name, name) == 0)
            return c;
    fail_msg("no column %s", name);
    return 0;
}

static double real_at(const tco_table *t, size_t row, const char *column)
{
    return tco_table_cell(t, row, column_of(t, column)).real;
}

static void the_table_has_the_hand_savings_and_the_best_month(void **state)
{
    (void)state;
    world w;
    world_run(&w, 0, true);
    const tco_report_item item = {"m.csv", &w.r};
    tco_table *t = tco_report_migration_table(&item, 1);
    assert_int_equal(tco_table_n_rows(t), 2);
    static const struct {
        const char *option;
        uint64_t k;
        double mean, vs_ucaas, vs_hybrid;
        bool best;
    } want[] = {{"migrate:U/Seat+C/Pay@3", 3, 10129, -4905, 900, false},
                {"migrate:U/Seat+C/Pay@13", 13, 7879, -2655, 3150, true}};
    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(tco_table_cell(t, i, column_of(t, "option")).text, want[i].option);
        assert_int_equal(tco_table_cell(t, i, column_of(t, "migrate_month")).count, want[i].k);
        tu_assert_cents(real_at(t, i, "mean"), want[i].mean);
        assert_string_equal(tco_table_cell(t, i, column_of(t, "ucaas_option")).text,
                            "ucaas:U/Seat");
        assert_string_equal(tco_table_cell(t, i, column_of(t, "hybrid_option")).text,
                            "hybrid:U/Seat+C/Pay");
        tu_assert_cents(real_at(t, i, "saving_vs_ucaas"), want[i].vs_ucaas);
        tu_assert_cents(real_at(t, i, "saving_vs_hybrid"), want[i].vs_hybrid);
        /* deterministic: no sampling error; never cheaper than staying, always than moving */
        assert_true(real_at(t, i, "saving_vs_ucaas_se") < 1e-6);
        assert_true(real_at(t, i, "p_cheaper_than_ucaas") == 0);
        assert_true(real_at(t, i, "p_cheaper_than_hybrid") == 1);
        /* an honest interval: not a point where no trial counts */
        assert_true(real_at(t, i, "p_cheaper_than_ucaas_hi") > 0);
        assert_true(real_at(t, i, "p_cheaper_than_hybrid_lo") < 1);
        assert_int_equal(tco_table_cell(t, i, column_of(t, "best")).count, want[i].best);
        assert_int_equal(tco_table_cell(t, i, column_of(t, "trials")).count, 40);
    }

    /* the text: a block for the hybrid, a line per month, the best one marked */
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    tco_report_migration_text(fp, &item, t);
    fclose(fp);
    assert_non_null(strstr(text, "to hybrid:U/Seat+C/Pay in month k:"));
    /* 0 of 40 trials: the Wilson upper end 1.96^2 / (40 + 1.96^2) = 8.8%, rounded up: 9% */
    if (!strstr(text, "-$4,905 ± $0 (< 9%)") || !strstr(text, "+$3,150 ± $0 (> 91%)  best\n"))
        fail_msg("%s", text);
    free(text);

    /* the JSON: the rows under "migration" */
    json_t *js = json_object();
    tco_report_migration_json(js, &item, t);
    json_t *rows = json_object_get(js, "migration");
    assert_int_equal(json_array_size(rows), 2);
    json_t *second = json_array_get(rows, 1);
    assert_true(json_is_true(json_object_get(second, "best")));
    tu_assert_cents(json_real_value(json_object_get(second, "saving_vs_hybrid")), 3150);
    assert_null(json_object_get(second, "file")); /* a key: given by the holder */
    json_decref(js);
    tco_table_free(t);
    world_fini(&w);
}

static void nothing_without_migrations_or_without_the_comparison(void **state)
{
    (void)state;
    world w;
    world_run(&w, 1, true); /* no migrate_month */
    tco_report_item item = {"m.csv", &w.r};
    tco_table *t = tco_report_migration_table(&item, 1);
    assert_int_equal(tco_table_n_rows(t), 0);
    json_t *js = json_object();
    tco_report_migration_json(js, &item, t);
    assert_null(json_object_get(js, "migration"));
    json_decref(js);
    tco_table_free(t);
    world_fini(&w);

    world_run(&w, 0, false); /* migrations, but no pairs to read */
    item.result = &w.r;
    t = tco_report_migration_table(&item, 1);
    assert_int_equal(tco_table_n_rows(t), 0);
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    tco_report_migration_text(fp, &item, t);
    fclose(fp);
    assert_int_equal(len, 0);
    free(text);
    tco_table_free(t);
    world_fini(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_table_has_the_hand_savings_and_the_best_month),
        cmocka_unit_test(nothing_without_migrations_or_without_the_comparison),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
