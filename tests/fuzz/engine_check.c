/* SPDX-License-Identifier: MIT */
/* The shared part of the loader fuzz targets: see engine_check.h. */
#include "engine_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "tco/breakeven.h"
#include "tco/compare.h"
#include "tco/sensitivity.h"
#include "tco/engine.h"

#define FUZZ_TRIALS 64

static const char FIXED_SHEET[] =
    "vendor,plan,model,item,price,tier_from,tier_to,included\n"
    "U,Seat,ucaas,seat,\"uniform(15,40)\",,,\n"
    "U,Seat,ucaas,sms,0.01,,,100\n"
    "C,PAYG,cpaas,sms,0.0083,0,150000,\n"
    "C,PAYG,cpaas,sms,0.0079,150000,,\n"
    "C,PAYG,cpaas,voice,0.014,,,\n"
    "C,PAYG,cpaas,api,1.5,,,\n"
    "C,PAYG,cpaas,number,1.15,,,\n"
    "C,PAYG,cpaas,minimum,\"uniform(50,150)\",,,\n"; /* SPEC §12.4 */

static const char FIXED_SCENARIO[] =
    "scenario,months,seats,notifications,api_requests,voice_minutes_per_seat,spike_probability,"
    "spike_multiplier,volume_volatility,seat_volatility,migrate_month\n"
    "s,24,\"uniform(5,50)\",\"lognormal(20000,5000)\",1000,100,0.2,\"triangular(1,2,5)\",0.2,0.1,"
    "6 18\n"; /* SPEC §12.2 migrations too */

void fuzz_check_failed(const char *what, const char *file, int line)
{
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    abort();
}

bool fuzz_load(const char *name, const char *data, size_t len, tco_csv_table *t)
{
    tco_diag_list d;
    tco_diag_list_init(&d);
    tco_csv_table_init(t);
    tco_status st = tco_csv_load_buffer(name, data, len, t, &d);
    FUZZ_CHECK(st == TCO_OK || st == TCO_EDATA);
    FUZZ_CHECK((st == TCO_OK) == (d.n == 0));
    for (size_t i = 0; i < d.n; i++) {
        char *s = tco_diag_format(&d.items[i]);
        FUZZ_CHECK(strchr(s, '\n') == NULL);
        free(s);
    }
    tco_diag_list_fini(&d);
    return st == TCO_OK;
}

void fuzz_fixed_prices(tco_prices *p)
{
    tco_csv_table sheet;
    tco_diag_list d;
    tco_diag_list_init(&d);
    tco_prices_init(p);
    FUZZ_CHECK(fuzz_load("fixed.csv", FIXED_SHEET, sizeof FIXED_SHEET - 1, &sheet));
    FUZZ_CHECK(tco_prices_add_sheet(p, &sheet, &d) == TCO_OK);
    FUZZ_CHECK(tco_prices_finish(p, &d) == TCO_OK);
    tco_csv_table_fini(&sheet);
    tco_diag_list_fini(&d);
}

void fuzz_fixed_scenario(tco_scenario_file *f)
{
    tco_csv_table t;
    tco_diag_list d;
    tco_diag_list_init(&d);
    tco_scenario_file_init(f);
    FUZZ_CHECK(fuzz_load("fixed.csv", FIXED_SCENARIO, sizeof FIXED_SCENARIO - 1, &t));
    FUZZ_CHECK(tco_scenario_from_table(&t, f, &d) == TCO_OK && f->n == 1);
    tco_csv_table_fini(&t);
    tco_diag_list_fini(&d);
}

void fuzz_simulate(const tco_scenario *s, const tco_prices *p)
{
    gsl_set_error_handler_off();
    const tco_observer observers[] = {tco_compare_observer(p), tco_breakeven_observer(),
                                      tco_sensitivity_observer(p)};
    tco_engine_config cfg = {
        .n_trials = FUZZ_TRIALS,
        .seed = 1,
        .n_threads = 1,
        .observers = observers,
        .n_observers = sizeof observers / sizeof observers[0],
    };
    tco_result r;
    FUZZ_CHECK(tco_engine_run(s, p, &cfg, &r) == TCO_OK);
    /* What validate accepts, run survives with finite numbers (issue 13): every statistic the
     * reports print, not only the mean. */
    static const double QUANTILES[] = {0.05, 0.25, 0.5, 0.75, 0.95};
    for (size_t o = 0; o < r.options.n; o++) {
        if (!r.options.items[o].offered)
            continue;
        const tco_option_result *x = &r.per_option[o];
        FUZZ_CHECK(isfinite(x->tco.mean) && x->tco.mean >= 0);
        FUZZ_CHECK(x->tco.n == FUZZ_TRIALS);
        FUZZ_CHECK(isfinite(tco_moments_sd(&x->tco)) && isfinite(tco_moments_sem(&x->tco)));
        for (size_t q = 0; q < sizeof QUANTILES / sizeof QUANTILES[0]; q++) {
            const double v = tco_sketch_quantile(&x->tco_q, QUANTILES[q]);
            FUZZ_CHECK(isfinite(v) && v >= 0);
        }
        for (int m = 0; m < r.months; m++) {
            FUZZ_CHECK(isfinite(x->month_sum[m]) && x->month_sum[m] >= 0);
            FUZZ_CHECK(isfinite(tco_sketch_quantile(&x->month_q[m], 0.5)));
            FUZZ_CHECK(isfinite(tco_sketch_quantile(&x->cum_q[m], 0.95)));
        }
        double se;
        const double p_cheapest = tco_result_p_cheapest(&r, o, &se);
        FUZZ_CHECK(p_cheapest >= 0 && p_cheapest <= 1 && isfinite(se));
        const double bill = tco_sketch_quantile(&x->max_bill_q, 0.95);
        FUZZ_CHECK(isfinite(bill) && bill >= 0);
    }
    /* SPEC §10: every index in [0, 1], every tornado end and value of information finite */
    const tco_sensitivity *sens = tco_sensitivity_find(&r);
    FUZZ_CHECK(sens != NULL);
    size_t leader, runner;
    const bool has_delta = tco_sensitivity_leaders(&r, &leader, &runner);
    for (size_t i = 0; i < tco_sensitivity_n_inputs(sens); i++)
        for (size_t o = 0; o <= r.options.n; o++) {
            const size_t target = o == r.options.n ? TCO_SENSITIVITY_DELTA : o;
            if (target == TCO_SENSITIVITY_DELTA ? !has_delta : !r.options.items[o].offered)
                continue;
            tco_input_effect e;
            FUZZ_CHECK(tco_sensitivity_effect(sens, &r, i, target, &e));
            FUZZ_CHECK(e.first_order >= 0 && e.first_order <= 1);
            FUZZ_CHECK(isfinite(e.low_mean) && isfinite(e.high_mean));
            FUZZ_CHECK(target != TCO_SENSITIVITY_DELTA || (isfinite(e.evppi) && e.evppi >= 0));
        }
    if (has_delta)
        FUZZ_CHECK(isfinite(tco_sensitivity_evpi(sens, &r)));
    tco_result_fini(&r);
}
