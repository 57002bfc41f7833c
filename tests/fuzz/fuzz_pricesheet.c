/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes as a vendor price sheet (SPEC §5, STYLE 37, 40).
 *
 * The bytes go through the CSV reader and the price-sheet loader, then a second time as a
 * second sheet of the same set (so the "@sheet" naming and the pairing of identical cells
 * across sheets run too); a set that loads is simulated for a few trials against a fixed
 * scenario (engine_check.c), so no accepted sheet can crash or poison the engine. */
#include <stddef.h>
#include <stdint.h>

#include "engine_check.h"
#include "tco/defaults.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tco_csv_table t;
    if (!fuzz_load("fuzz.csv", (const char *)data, size, &t)) {
        tco_csv_table_fini(&t);
        return 0;
    }
    tco_diag_list d;
    tco_diag_list_init(&d);
    tco_prices p;
    tco_prices_init(&p);
    tco_status st = tco_prices_add_sheet(&p, &t, &d);
    /* TCO_EUSAGE: a file of the other kind; warnings (SPEC §8.4) are listed but no errors */
    FUZZ_CHECK(st == TCO_OK || st == TCO_EDATA || st == TCO_EUSAGE);
    FUZZ_CHECK((st == TCO_OK) == (d.n_added == 0));
    FUZZ_CHECK(st != TCO_OK || d.n == d.n_warnings);
    size_t n_u = 0, n_c = 0;
    for (size_t i = 0; i < p.n_plans; i++)
        p.plans[i].model == TCO_MODEL_UCAAS ? n_u++ : n_c++;
    if (st == TCO_OK && tco_option_count(2 * n_u, 2 * n_c) <= TCO_MAX_OPTIONS) {
        /* the same sheet again under another file name: every plan is defined twice (when the
         * options stay within the limit, so the second sheet must load) */
        tco_csv_table t2;
        FUZZ_CHECK(fuzz_load("fuzz2.csv", (const char *)data, size, &t2));
        FUZZ_CHECK(tco_prices_add_sheet(&p, &t2, &d) == TCO_OK);
        tco_csv_table_fini(&t2);
    }
    if (st == TCO_OK) {
        st = tco_prices_finish(&p, &d);
        FUZZ_CHECK(st == TCO_OK || st == TCO_EDATA);
        if (st == TCO_OK && p.n_plans > 0) {
            tco_scenario_file f;
            fuzz_fixed_scenario(&f);
            fuzz_simulate(&f.items[0], &p);
            tco_scenario_file_fini(&f);
        }
    }
    tco_prices_fini(&p);
    tco_diag_list_fini(&d);
    tco_csv_table_fini(&t);
    return 0;
}
