/* SPDX-License-Identifier: MIT */
/* Tests of report_breakdown (SPEC §8.2): breakdown.csv's table, its JSON rows and the table
 * lines for a deterministic office whose split is computed by hand below, components that are
 * zero in every trial left out, and sums that do not depend on the thread count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"
#include "tco/cost.h"
#include "tco/report_breakdown.h"

/* The 30-staff office of tests/test_cost.c, 36 months, deterministic:
 *   ucaas:U/Seat          seat 30 x 20 x 36 = 21,600                           TCO  21,600
 *   cpaas:C/Voice         voice 9,000 x 0.0085 x 36 = 2,754; number 0.5 x 36 = 18;
 *                         staff_cost 30 x 8 x 36 = 8,640; cpaas_labor 100 x (480 + 20 x 36)
 *                         = 120,000                                            TCO 131,412
 *   hybrid:U/Seat+C/Voice seat 21,600; number 18                               TCO  21,618 */
static const char OFFICE[] = "scenario,months,seats,voice_minutes_per_seat,engineer_rate,"
                             "cpaas_staff_build_hours,cpaas_staff_maintenance_hours,"
                             "cpaas_cost_per_seat\n"
                             "office,36,30,300,100,480,20,8\n";
static const char SHEET[] = "vendor,plan,model,item,price\n"
                            "U,Seat,ucaas,seat,20\n"
                            "C,Voice,cpaas,voice,0.0085\n"
                            "C,Voice,cpaas,number,0.5\n";

typedef struct world {
    tco_scenario_file f;
    tco_prices p;
    tco_result r;
} world;

static void world_run(world *w, unsigned threads)
{
    tu_scenarios(&w->f, OFFICE);
    tu_prices(&w->p, SHEET);
    tu_run(&w->f.items[0], &w->p, 5000, 7, threads, &w->r);
}

static void world_fini(world *w)
{
    tco_result_fini(&w->r);
    tco_prices_fini(&w->p);
    tco_scenario_file_fini(&w->f);
}

/* The row of (option, component), or fails. */
static size_t row_of(const tco_table *t, const char *option, const char *component)
{
    for (size_t i = 0; i < tco_table_n_rows(t); i++)
        if (strcmp(tco_table_cell(t, i, 2).text, option) == 0 &&
            strcmp(tco_table_cell(t, i, 3).text, component) == 0)
            return i;
    fail_msg("no row %s %s", option, component);
    return 0;
}

static void the_table_has_the_hand_split_and_leaves_zero_components_out(void **state)
{
    (void)state;
    world w;
    world_run(&w, 2);
    const tco_report_item item = {"office.csv", &w.r};
    tco_table *t = tco_report_breakdown_table(&item, 1);
    /* 1 (ucaas) + 4 (cpaas) + 2 (hybrid) rows: every other component is 0 in every trial */
    assert_int_equal(tco_table_n_rows(t), 7);
    const struct {
        const char *option, *component;
        double mean, tco;
    } want[] = {
        {"ucaas:U/Seat", "seat", 21600, 21600},
        {"cpaas:C/Voice", "voice", 2754, 131412},
        {"cpaas:C/Voice", "number", 18, 131412},
        {"cpaas:C/Voice", "staff_cost", 8640, 131412},
        {"cpaas:C/Voice", "cpaas_labor", 120000, 131412},
        {"hybrid:U/Seat+C/Voice", "seat", 21600, 21618},
        {"hybrid:U/Seat+C/Voice", "number", 18, 21618},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        const size_t i = row_of(t, want[k].option, want[k].component);
        assert_string_equal(tco_table_cell(t, i, 0).text, "office.csv");
        tu_assert_cents(tco_table_cell(t, i, 4).real, want[k].mean);
        assert_true(fabs(tco_table_cell(t, i, 5).real - want[k].mean / want[k].tco) < 1e-12);
    }
    /* in tco_component order within an option: voice, number, staff_cost, cpaas_labor */
    assert_string_equal(tco_table_cell(t, 1, 3).text, "voice");
    assert_string_equal(tco_table_cell(t, 4, 3).text, "cpaas_labor");
    tco_table_free(t);
    world_fini(&w);
}

static void component_sums_are_the_same_bits_for_one_and_two_threads(void **state)
{
    (void)state;
    world a, b;
    world_run(&a, 1);
    world_run(&b, 2);
    for (size_t o = 0; o < a.r.options.n; o++)
        assert_memory_equal(a.r.per_option[o].component_sum, b.r.per_option[o].component_sum,
                            sizeof a.r.per_option[o].component_sum);
    world_fini(&a);
    world_fini(&b);
}

/* The table lines, ranked by mean TCO: ucaas 21,600; hybrid 21,618: seats 21,600 / 21,618 =
 * 99.92%, fixed fees 18 / 21,618 = 0.08%; cpaas 131,412: seats (staff cost) 8,640 / 131,412 =
 * 6.57%, usage 2,754 / 131,412 = 2.10%, fixed fees 0.01%, labor 120,000 / 131,412 = 91.32%. */
static void the_table_lines_give_the_groups_of_the_leading_options(void **state)
{
    (void)state;
    world w;
    world_run(&w, 1);
    const tco_report_item item = {"office.csv", &w.r};
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    tco_report_breakdown_lines(fp, &item, NULL);
    fclose(fp);
    assert_string_equal(
        buf, "  where the money goes (share of the mean TCO; seats include cpaas_cost_per_seat):\n"
             "    rank 1: seats 100.0%, usage 0.0%, fixed fees 0.0%, labor 0.0%, delay 0.0%\n"
             "    rank 2: seats 99.9%, usage 0.0%, fixed fees 0.1%, labor 0.0%, delay 0.0%\n"
             "    rank 3: seats 6.6%, usage 2.1%, fixed fees 0.0%, labor 91.3%, delay 0.0%\n");
    free(buf);
    world_fini(&w);
}

static void json_gives_each_offered_option_its_breakdown_rows(void **state)
{
    (void)state;
    world w;
    world_run(&w, 1);
    const tco_report_item item = {"office.csv", &w.r};
    json_t *scenario = json_object();
    json_t *opts = json_array();
    for (size_t o = 0; o < w.r.options.n; o++)
        json_array_append_new(opts, json_object());
    json_object_set_new(scenario, "options", opts);
    tco_report_breakdown_json(scenario, &item, NULL);
    json_t *c = json_object_get(json_array_get(opts, tu_option(&w.r, "cpaas:C/Voice")),
                                "breakdown");
    assert_int_equal(json_array_size(c), 4);
    json_t *labor = json_array_get(c, 3);
    assert_string_equal(json_string_value(json_object_get(labor, "component")), "cpaas_labor");
    tu_assert_cents(json_real_value(json_object_get(labor, "mean")), 120000);
    assert_null(json_object_get(labor, "option")); /* a key, given by the object holding it */
    json_decref(scenario);
    world_fini(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_table_has_the_hand_split_and_leaves_zero_components_out),
        cmocka_unit_test(component_sums_are_the_same_bits_for_one_and_two_threads),
        cmocka_unit_test(the_table_lines_give_the_groups_of_the_leading_options),
        cmocka_unit_test(json_gives_each_offered_option_its_breakdown_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
