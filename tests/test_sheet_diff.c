/* SPDX-License-Identifier: MIT */
/* Tests of sheet_diff: the plans two sheets define, the options that move with them, and the
 * changed prices as a list of texts, one change each (the engine runs of a diff are
 * test_compare.c's). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"
#include "tco/sheet_diff.h"

/* 2026: U/Office seat 20; C/Api sms tiered 0.008 to 100,000 then 0.007, number 1.
 * 2027: seat 22 with 100 sms included at 0.01 (an added item), sms tiers unchanged but the
 * second price 0.0065, number removed. */
static const char OLD[] = "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                          "U,Office,ucaas,seat,20,,,\n"
                          "C,Api,cpaas,sms,0.008,0,100000,\n"
                          "C,Api,cpaas,sms,0.007,100000,,\n"
                          "C,Api,cpaas,number,1,,,\n";
static const char NEW[] = "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                          "U,Office,ucaas,seat,22,,,\n"
                          "U,Office,ucaas,sms,0.01,,,100\n"
                          "C,Api,cpaas,sms,0.008,0,100000,\n"
                          "C,Api,cpaas,sms,0.0065,100000,,\n";

static void each_change_is_one_item_of_the_list(void **state)
{
    (void)state;
    tco_prices p;
    tco_prices_init(&p);
    tu_add_sheet(&p, "2026.csv", OLD);
    tu_add_sheet(&p, "2027.csv", NEW);
    tu_finish(&p);
    assert_int_equal(p.n_plans, 4);
    tco_scenario_file f;
    tu_scenarios(&f, "scenario,months,seats,notifications\ns,12,10,1000\n");
    tco_option_set set;
    tco_options_build(&set, &p, &f.items[0]);

    tco_sheet_diff d;
    tco_sheet_diff_build(&d, &p, &set);
    assert_int_equal(d.n_plans, 2);
    static const char *const OFFICE[] = {"seat: 20 → 22", "sms: added 0.01 (100 included)"};
    static const char *const API[] = {"sms tier 100000+: 0.007 → 0.0065", "number: removed"};
    for (size_t k = 0; k < 2; k++) {
        const tco_plan_change *pc = &d.plans[k];
        const tco_plan *a = &p.plans[pc->old_plan], *b = &p.plans[pc->new_plan];
        assert_string_equal(a->vendor, b->vendor);
        assert_string_equal(a->plan, b->plan);
        assert_true(a->sheet < b->sheet);
        const char *const *want = strcmp(b->plan, "Office") == 0 ? OFFICE : API;
        assert_int_equal(pc->changes.n, 2);
        for (size_t i = 0; i < 2; i++)
            assert_string_equal(pc->changes.items[i], want[i]);
    }
    /* options of an old plan beside the option that takes the new plan in its place: the two
     * single-plan options and, for each plan, the hybrids whose other part stayed */
    assert_true(d.n_options >= 2);
    for (size_t k = 0; k < d.n_options; k++) {
        const tco_option *o = &set.items[d.options[k].option_old];
        const tco_option *n = &set.items[d.options[k].option_new];
        assert_int_equal(o->kind, n->kind);
        assert_true((o->ucaas_plan != n->ucaas_plan) + (o->cpaas_plan != n->cpaas_plan) == 1);
    }
    tco_sheet_diff_fini(&d);
    tco_sheet_diff_fini(NULL); /* frees accept NULL */
    tco_options_fini(&set);
    tco_scenario_file_fini(&f);
    tco_prices_fini(&p);
}

static void same_prices_give_no_change_and_a_schedule_is_one_item(void **state)
{
    (void)state;
    tco_prices p;
    tco_prices_init(&p);
    tu_add_sheet(&p, "a.csv", OLD);
    tu_add_sheet(&p, "b.csv", OLD);
    tu_finish(&p);
    tco_change_list l;
    tco_sheet_diff_plan_changes(&p, &p.plans[0], &p.plans[2], &l);
    assert_int_equal(l.n, 0);
    tco_sheet_diff_changes_fini(&l);
    /* two different plans (U/Office against C/Api): an added schedule of tiers is one item,
     * its tiers joined by commas */
    tco_sheet_diff_plan_changes(&p, &p.plans[0], &p.plans[1], &l);
    assert_int_equal(l.n, 4);
    assert_string_equal(l.items[0], "model: ucaas → cpaas");
    assert_string_equal(l.items[1], "seat: removed");
    assert_string_equal(l.items[2], "sms: added 0.008 (0–100000), 0.007 (100000+)");
    assert_string_equal(l.items[3], "number: added 1");
    tco_sheet_diff_changes_fini(&l);
    tco_prices_fini(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_change_is_one_item_of_the_list),
        cmocka_unit_test(same_prices_give_no_change_and_a_schedule_is_one_item),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
