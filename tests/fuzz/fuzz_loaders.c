/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes as a scenario file or a price sheet (STYLE 37, 40).
 *
 * A scenario that loads is simulated for a few trials against a fixed sheet, and a sheet that
 * loads is simulated against a fixed scenario, so a file the loaders accept can never crash or
 * poison the engine (NaN, infinity, negative costs are checked here). */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "tco/breakeven.h"
#include "tco/compare.h"
#include "tco/csvload.h"
#include "tco/engine.h"
#include "tco/pricesheet.h"
#include "tco/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char FIXED_SHEET[] =
    "vendor,plan,model,item,price,tier_from,tier_to,included\n"
    "U,Seat,ucaas,seat,\"uniform(15,40)\",,,\n"
    "U,Seat,ucaas,sms,0.01,,,100\n"
    "C,PAYG,cpaas,sms,0.0083,0,150000,\n"
    "C,PAYG,cpaas,sms,0.0079,150000,,\n"
    "C,PAYG,cpaas,voice,0.014,,,\n"
    "C,PAYG,cpaas,api,1.5,,,\n"
    "C,PAYG,cpaas,number,1.15,,,\n";

static const char FIXED_SCENARIO[] =
    "scenario,months,seats,notifications,api_requests,voice_minutes_per_seat,spike_probability,"
    "spike_multiplier,volume_volatility,seat_volatility\n"
    "s,24,\"uniform(5,50)\",\"lognormal(20000,5000)\",1000,100,0.2,\"triangular(1,2,5)\",0.2,0.1\n";

/* A few trials of s over p: every offered option's statistics are finite and >= 0, and the
 * break-even and pairwise observers never crash or trip a sanitizer. */
static void simulate(const tco_scenario *s, const tco_prices *p)
{
    /* with the observers `run` uses, so their arithmetic sees every accepted input too */
    const tco_observer observers[] = {tco_compare_observer(p), tco_breakeven_observer()};
    tco_engine_config cfg = {64, 1, 1, NULL, NULL, NULL, observers, 2};
    tco_result r;
    tco_status st = tco_engine_run(s, p, &cfg, &r);
    assert(st == TCO_OK);
    for (size_t o = 0; o < r.options.n; o++) {
        if (!r.options.items[o].offered)
            continue;
        assert(isfinite(r.per_option[o].tco.mean) && r.per_option[o].tco.mean >= 0);
        assert(r.per_option[o].tco.n == 64);
    }
    tco_result_fini(&r);
}

static bool load(const char *name, const char *buf, size_t len, tco_csv_table *t)
{
    tco_diag_list d;
    tco_diag_list_init(&d);
    tco_csv_table_init(t);
    tco_status st = tco_csv_load_buffer(name, buf, len, t, &d);
    tco_diag_list_fini(&d);
    return st == TCO_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gsl_set_error_handler_off();
    tco_csv_table t;
    if (!load("fuzz.csv", (const char *)data, size, &t)) {
        tco_csv_table_fini(&t);
        return 0;
    }
    tco_diag_list d;
    tco_diag_list_init(&d);
    if (tco_scenario_table_is_scenario(&t)) {
        tco_scenario_file f;
        tco_scenario_file_init(&f);
        if (tco_scenario_from_table(&t, &f, &d) == TCO_OK) {
            tco_csv_table sheet;
            load("fixed.csv", FIXED_SHEET, sizeof FIXED_SHEET - 1, &sheet);
            tco_prices p;
            tco_prices_init(&p);
            tco_prices_add_sheet(&p, &sheet, &d);
            tco_prices_finish(&p, &d);
            for (size_t i = 0; i < f.n && i < 2; i++)
                simulate(&f.items[i], &p);
            tco_prices_fini(&p);
            tco_csv_table_fini(&sheet);
        }
        tco_scenario_file_fini(&f);
    } else if (tco_prices_table_is_sheet(&t)) {
        tco_prices p;
        tco_prices_init(&p);
        if (tco_prices_add_sheet(&p, &t, &d) == TCO_OK && tco_prices_finish(&p, &d) == TCO_OK &&
            p.n_plans > 0) {
            tco_csv_table st;
            load("fixed.csv", FIXED_SCENARIO, sizeof FIXED_SCENARIO - 1, &st);
            tco_scenario_file f;
            tco_scenario_file_init(&f);
            if (tco_scenario_from_table(&st, &f, &d) == TCO_OK)
                simulate(&f.items[0], &p);
            tco_scenario_file_fini(&f);
            tco_csv_table_fini(&st);
        }
        tco_prices_fini(&p);
    }
    tco_diag_list_fini(&d);
    tco_csv_table_fini(&t);
    return 0;
}
