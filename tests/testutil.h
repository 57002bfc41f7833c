/* SPDX-License-Identifier: MIT */
/* Helpers shared by the engine-side unit tests (test_price, test_workload, test_cost,
 * test_engine, test_report): scenarios and price sheets built in memory from CSV text, and
 * engine runs with a given seed, trial and thread count. Include after <cmocka.h>. */
#ifndef TCO_TESTUTIL_H
#define TCO_TESTUTIL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tco/csvload.h"
#include "tco/diag.h"
#include "tco/engine.h"
#include "tco/pricesheet.h"
#include "tco/scenario.h"

/* Fails the test with every diagnostic printed when a load did not succeed. */
static inline void tu_assert_loaded(tco_status st, tco_diag_list *d)
{
    if (st != TCO_OK || d->n != 0) {
        for (size_t i = 0; i < d->n; i++) {
            char *s = tco_diag_format(&d->items[i]);
            fprintf(stderr, "%s\n", s);
            free(s);
        }
        fail_msg("load failed with status %d", (int)st);
    }
}

/* A scenario file from CSV text. */
static inline void tu_scenarios(tco_scenario_file *f, const char *csv)
{
    tco_csv_table t;
    tco_diag_list d;
    tco_csv_table_init(&t);
    tco_diag_list_init(&d);
    tco_scenario_file_init(f);
    tu_assert_loaded(tco_csv_load_buffer("scn.csv", csv, strlen(csv), &t, &d), &d);
    tu_assert_loaded(tco_scenario_from_table(&t, f, &d), &d);
    tco_csv_table_fini(&t);
    tco_diag_list_fini(&d);
}

/* Adds one price sheet named `name` (e.g. "sheet.csv") from CSV text to p. */
static inline void tu_add_sheet(tco_prices *p, const char *name, const char *csv)
{
    tco_csv_table t;
    tco_diag_list d;
    tco_csv_table_init(&t);
    tco_diag_list_init(&d);
    tu_assert_loaded(tco_csv_load_buffer(name, csv, strlen(csv), &t, &d), &d);
    tu_assert_loaded(tco_prices_add_sheet(p, &t, &d), &d);
    tco_csv_table_fini(&t);
    tco_diag_list_fini(&d);
}

static inline void tu_finish(tco_prices *p)
{
    tco_diag_list d;
    tco_diag_list_init(&d);
    tu_assert_loaded(tco_prices_finish(p, &d), &d);
    tco_diag_list_fini(&d);
}

/* One sheet, finished. */
static inline void tu_prices(tco_prices *p, const char *csv)
{
    tco_prices_init(p);
    tu_add_sheet(p, "sheet.csv", csv);
    tu_finish(p);
}

static inline void tu_run(const tco_scenario *s, const tco_prices *p, unsigned long trials,
                          uint64_t seed, unsigned threads, tco_result *out)
{
    tco_engine_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.n_trials = trials;
    cfg.seed = seed;
    cfg.n_threads = threads;
    assert_int_equal(tco_engine_run(s, p, &cfg, out), TCO_OK);
}

/* Index of the option called `name` in r (fails the test when there is none). */
static inline size_t tu_option(const tco_result *r, const char *name)
{
    for (size_t o = 0; o < r->options.n; o++)
        if (strcmp(r->options.items[o].name, name) == 0)
            return o;
    fail_msg("no option %s", name);
    return 0;
}

/* Money to the cent. */
static inline void tu_assert_cents(double got, double want)
{
    if (!(fabs(got - want) < 0.005))
        fail_msg("got %.10f, want %.2f to the cent", got, want);
}

#endif
