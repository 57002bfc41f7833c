/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes as a correlations file (SPEC §12.3), checked against a fixed
 * scenario file whose first scenario holds every correlatable input as a distribution (every
 * kind of distribution among them) and whose second holds a few.
 *
 * The bytes go through the CSV reader, the correlations loader and the check against the
 * scenarios, with the diagnostics checked to agree with the status; a file that passes is
 * turned into each scenario's copula, whose Cholesky factor must hold (the check said the
 * matrix is positive definite) and which is simulated for a few trials (engine_check.c): no
 * accepted file can crash the engine or give a cost that is not finite. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "engine_check.h"
#include "tco/correlations.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char FIXED_SCENARIOS[] =
    "scenario,months,seats,seat_growth,seat_volatility,internal_sms_per_seat,"
    "voice_minutes_per_seat,notifications,notification_growth,api_requests,api_growth,"
    "volume_volatility,spike_probability,engineer_rate,cpaas_build_hours,"
    "cpaas_maintenance_hours,ucaas_setup_hours,ucaas_admin_hours,price_escalation,"
    "discount_rate,phone_numbers,ucaas_deploy_months,cpaas_deploy_months,delay_cost_per_month,"
    "cpaas_staff_build_hours,cpaas_staff_maintenance_hours,cpaas_cost_per_seat\n"
    "a,12,\"poisson(40)\",\"pert(0%,1%,3%)\",\"uniform(0,0.1)\",\"triangular(0,10,30)\","
    "\"lognormal(200,80)\",\"ci90(1000,50000)\",\"normal(1%,1%)\",\"lognormal(1e5,1e6)\","
    "\"pert(-1%,0%,100%)\",\"uniform(0,1)\",\"uniform(0,1)\",\"normal(90,20)\","
    "\"pert(0,0,1e7)\",\"uniform(0,1e6)\",\"triangular(0,40,40)\",\"ci90(1,10)\","
    "\"uniform(-100%,1000%)\",\"pert(-50%,5%,1000%)\",\"poisson(1e6)\",\"uniform(0,1)\","
    "\"pert(3,4,6)\",\"lognormal(1,1e150)\",\"pert(480,960,1920)\",\"uniform(20,40)\","
    "\"normal(50,10)\"\n"
    "b,6,10,1%,0,0,0,\"lognormal(500,100)\",\"uniform(0%,2%)\",0,0,0,0,100,\"uniform(10,20)\","
    "5,0,0,0,0,1,0,0,0,0,0,0\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gsl_set_error_handler_off();
    tco_csv_table t;
    if (!fuzz_load("fuzz.csv", (const char *)data, size, &t)) {
        tco_csv_table_fini(&t);
        return 0;
    }
    tco_diag_list d;
    tco_diag_list_init(&d);
    tco_correlations c;
    tco_correlations_init(&c);
    tco_status st = tco_correlations_from_table(&t, &c, &d);
    /* TCO_EUSAGE: a scenario file or a price sheet in the wrong place */
    FUZZ_CHECK(st == TCO_OK || st == TCO_EDATA || st == TCO_EUSAGE);
    FUZZ_CHECK((st == TCO_OK) == (d.n_added == 0));
    for (size_t i = 0; i < c.n; i++) {
        FUZZ_CHECK(c.items[i].rank > -1 && c.items[i].rank < 1 && c.items[i].a != c.items[i].b);
        FUZZ_CHECK(fabs(c.items[i].normal) < 1);
    }
    tco_scenario_file f;
    tco_csv_table ft;
    FUZZ_CHECK(fuzz_load("fixed.csv", FIXED_SCENARIOS, sizeof FIXED_SCENARIOS - 1, &ft));
    tco_scenario_file_init(&f);
    tco_diag_list fd;
    tco_diag_list_init(&fd);
    FUZZ_CHECK(tco_scenario_from_table(&ft, &f, &fd) == TCO_OK && f.n == 2);
    tco_diag_list_fini(&fd);
    tco_csv_table_fini(&ft);
    /* alone (validate) and against the scenarios (run), on the good rows either way */
    if (st != TCO_EUSAGE) {
        size_t before = d.n_added;
        tco_status alone = tco_correlations_check(&c, &f, 0, &d);
        FUZZ_CHECK((alone == TCO_OK) == (d.n_added == before));
        before = d.n_added;
        tco_status checked = tco_correlations_check(&c, &f, 1, &d);
        FUZZ_CHECK((checked == TCO_OK) == (d.n_added == before));
        if (st == TCO_OK && checked == TCO_OK) {
            tco_prices p;
            fuzz_fixed_prices(&p);
            for (size_t i = 0; i < f.n; i++) {
                tco_copula *copula = tco_correlations_copula(&c, &f.items[i]);
                if (!copula)
                    continue;
                FUZZ_CHECK(copula->n >= 2 && copula->n <= TCO_COPULA_MAX_INPUTS);
                f.items[i].copula = copula;
                fuzz_simulate(&f.items[i], &p);
                f.items[i].copula = NULL;
                tco_copula_free(copula);
            }
            tco_prices_fini(&p);
        }
    }
    tco_scenario_file_fini(&f);
    tco_correlations_fini(&c);
    tco_diag_list_fini(&d);
    tco_csv_table_fini(&t);
    return 0;
}
