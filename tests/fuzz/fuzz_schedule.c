/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes as a schedule file (SPEC §12.1, STYLE 37, 40).
 *
 * The bytes go through the CSV reader and the schedule loader; a schedule that loads is bound
 * to fixed scenarios (names a, x and clinic, a horizon of 1, 24 and 600 months; x has a seat
 * growth, so a schedule of its seats must be refused) and each scenario it plans is simulated
 * for a few trials against the fixed price sheet (engine_check.c), with the break-even and
 * pairwise observers: no accepted plan can crash or poison the engine. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "engine_check.h"
#include "tco/defaults.h"
#include "tco/schedule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char SCENARIOS[] =
    "scenario,months,seats,seat_growth,notifications,api_requests,volume_volatility,"
    "seat_volatility,spike_probability,spike_multiplier\n"
    "a,1,10,0,0,0,0,0,0,1\n"
    "x,24,10,2%,500,1000,0.1,0.05,0.2,\"uniform(1,3)\"\n"
    "clinic,600,45,,0,0,0.2,0.02,0.1,2\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tco_csv_table t;
    if (!fuzz_load("fuzz.csv", (const char *)data, size, &t)) {
        tco_csv_table_fini(&t);
        return 0;
    }
    tco_diag_list d;
    tco_diag_list_init(&d);
    tco_schedule sc;
    tco_schedule_init(&sc);
    tco_status st = tco_schedule_from_table(&t, &sc, &d);
    /* TCO_EUSAGE: a file of another kind */
    FUZZ_CHECK(st == TCO_OK || st == TCO_EDATA || st == TCO_EUSAGE);
    FUZZ_CHECK((st == TCO_OK) == (d.n_added == 0));
    if (st == TCO_OK) {
        size_t steps = 0;
        for (size_t i = 0; i < sc.n_plans; i++) {
            const tco_schedule_plan *p = &sc.plans[i];
            steps += p->n_steps;
            for (size_t k = 0; k < p->n_steps; k++) {
                FUZZ_CHECK(p->steps[k].month >= 1 && p->steps[k].month <= TCO_MAX_MONTHS);
                FUZZ_CHECK(k == 0 || p->steps[k - 1].field < p->steps[k].field ||
                           (p->steps[k - 1].field == p->steps[k].field &&
                            p->steps[k - 1].month < p->steps[k].month));
            }
            for (size_t k = 1; k < p->n_rows; k++)
                FUZZ_CHECK(p->rows[k - 1].month < p->rows[k].month);
        }
        FUZZ_CHECK(steps == sc.n_steps);
        tco_csv_table s_table;
        FUZZ_CHECK(fuzz_load("s.csv", SCENARIOS, strlen(SCENARIOS), &s_table));
        tco_scenario_file f;
        tco_scenario_file_init(&f);
        tco_diag_list sd;
        tco_diag_list_init(&sd);
        FUZZ_CHECK(tco_scenario_from_table(&s_table, &f, &sd) == TCO_OK);
        tco_diag_list bd;
        tco_diag_list_init(&bd);
        const tco_status bound = tco_schedule_bind(&sc, &f, 1, true, &bd);
        FUZZ_CHECK(bound == TCO_OK || bound == TCO_EDATA);
        FUZZ_CHECK((bound == TCO_OK) == (bd.n_added == 0));
        if (bound == TCO_OK) {
            tco_prices p;
            fuzz_fixed_prices(&p);
            for (size_t i = 0; i < f.n; i++)
                if (f.items[i].n_steps > 0) {
                    /* a schedule of x's seats would have been refused (its seat_growth) */
                    FUZZ_CHECK(strcmp(f.items[i].name, "x") != 0 ||
                               f.items[i].steps[0].field != TCO_SCN_SEATS);
                    fuzz_simulate(&f.items[i], &p);
                }
            tco_prices_fini(&p);
        }
        tco_diag_list_fini(&bd);
        tco_diag_list_fini(&sd);
        tco_scenario_file_fini(&f);
        tco_csv_table_fini(&s_table);
    }
    tco_schedule_fini(&sc);
    tco_diag_list_fini(&d);
    tco_csv_table_fini(&t);
    return 0;
}
