/* SPDX-License-Identifier: MIT */
/* Tests of sweep: the deterministic grid of `tcosim breakeven`, with known answers. (The
 * frontier's lowest roots and the at-means model are tested with the solver, in
 * test_breakeven.c.)
 *
 * One month, U/Seat at $20 a seat (its notifications ride free: it prices no sms) against
 * C/Sms at $0.007 a notification: U costs 20 S, C costs 0.007 N, the hybrid 20 S + 0.007 N.
 * Break-even N = 20 S / 0.007: S = 10: 28,571.43; S = 15: 42,857.14; S = 20: 57,142.86. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"
#include "tco/sweep.h"

static const char SHEET[] = "vendor,plan,model,item,price\n"
                            "U,Seat,ucaas,seat,20\n"
                            "C,Sms,cpaas,sms,0.007\n";
static const char SCENARIO[] = "scenario,months,seats,notifications\none,1,10,1000\n";

static size_t option_named(const tco_option_set *set, const char *name)
{
    for (size_t o = 0; o < set->n; o++)
        if (strcmp(set->items[o].name, name) == 0)
            return o;
    fail_msg("no option %s", name);
    return 0;
}

static void the_grid_prices_every_cell_at_its_mean(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, SCENARIO);
    tu_prices(&p, SHEET);
    /* linear axes of 3 points: seats 10, 15, 20 (whole: the range has room); notifications
     * 0, 50,000, 100,000 */
    const tco_sweep_config cfg = {10, 20, 0, 100000, 3, 1};
    tco_sweep sw;
    tco_sweep_run(&f.items[0], &p, &cfg, &sw);
    assert_int_equal(sw.n_seats, 3);
    assert_int_equal(sw.n_notifications, 3);
    static const double SEATS[] = {10, 15, 20}, NOTIFICATIONS[] = {0, 50000, 100000};
    for (size_t i = 0; i < 3; i++) {
        assert_true(sw.seats[i] == SEATS[i]);
        assert_true(sw.notifications[i] == NOTIFICATIONS[i]);
    }
    const size_t u = option_named(&sw.options, "ucaas:U/Seat");
    const size_t c = option_named(&sw.options, "cpaas:C/Sms");
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < 3; j++) {
            const tco_sweep_cell *cell = &sw.cells[i * 3 + j];
            const double cost_u = 20 * SEATS[i], cost_c = 0.007 * NOTIFICATIONS[j];
            /* C where 0.007 N < 20 S: every row at 0 notifications, and 20 seats at 50,000
             * (350 < 400); U elsewhere (10 and 15 seats at 50,000: 200, 300 < 350; 100,000:
             * 700) */
            const bool c_wins = (j == 0) || (i == 2 && j == 1);
            assert_true(c_wins == (cost_c < cost_u));
            assert_int_equal(cell->cheapest, (long)(c_wins ? c : u));
            assert_int_equal(cell->second, (long)(c_wins ? u : c));
            tu_assert_cents(cell->cheapest_tco, c_wins ? cost_c : cost_u);
            tu_assert_cents(cell->second_tco, c_wins ? cost_u : cost_c);
        }
    /* the frontier of the one (ucaas, cpaas) pair, at each row's seats */
    assert_int_equal(sw.n_pairs, 1);
    assert_int_equal(sw.pair_u[0], u);
    assert_int_equal(sw.pair_c[0], c);
    for (size_t i = 0; i < 3; i++)
        assert_true(fabs(sw.frontier[i] - 20 * SEATS[i] / 0.007) < 1e-6);
    /* rule 3's region (seats 1 to 49, notifications 10,001 to 1,000,000): U is cheapest where
     * 20 S < 0.007 N, which includes its corner of most notifications and seats
     * (20 x 49 = 980 < 7,000) */
    assert_int_equal(sw.rule.n_points, 49);
    assert_int_equal(sw.rule.n_cpaas + sw.rule.n_hybrid + sw.rule.n_ucaas, 49);
    assert_true(sw.rule.n_ucaas > 0 && sw.rule.n_cpaas > 0);
    assert_int_equal(sw.rule.fail_option, (long)u);
    assert_true(sw.rule.fail_seats == 49 && sw.rule.fail_notifications == 1e6);
    tco_sweep_fini(&sw);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_grid_prices_every_cell_at_its_mean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
