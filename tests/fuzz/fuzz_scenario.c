/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes as a scenario file (SPEC §4, STYLE 37, 40).
 *
 * The bytes go through the CSV reader and the scenario loader; a file that loads is simulated
 * for a few trials against a fixed price sheet (engine_check.c), so no accepted scenario
 * can crash or poison the engine. Bytes whose header is not a scenario's are still handed to
 * the scenario loader, which must refuse them cleanly. */
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
    tco_scenario_file f;
    tco_scenario_file_init(&f);
    tco_status st = tco_scenario_from_table(&t, &f, &d);
    /* TCO_EUSAGE: a file of the other kind; warnings (SPEC §8.4) are listed but no errors */
    FUZZ_CHECK(st == TCO_OK || st == TCO_EDATA || st == TCO_EUSAGE);
    FUZZ_CHECK((st == TCO_OK) == (d.n_added == 0));
    FUZZ_CHECK(st != TCO_OK || d.n == d.n_warnings);
    if (st == TCO_OK && f.n > 0) {
        tco_prices p;
        fuzz_fixed_prices(&p);
        for (size_t i = 0; i < f.n && i < 2; i++) {
            FUZZ_CHECK(f.items[i].months >= 1 && f.items[i].months <= TCO_MAX_MONTHS);
            fuzz_simulate(&f.items[i], &p);
        }
        tco_prices_fini(&p);
    }
    tco_scenario_file_fini(&f);
    tco_diag_list_fini(&d);
    tco_csv_table_fini(&t);
    return 0;
}
