/* SPDX-License-Identifier: MIT */
/* What the loader fuzz targets share (fuzz_scenario.c, fuzz_pricesheet.c): reading bytes into
 * a CSV table, a fixed counterpart (a sheet for a scenario, a scenario for a sheet), and a short
 * simulation that checks a file the loaders accept can never crash or poison the engine. */
#ifndef TCO_FUZZ_ENGINE_CHECK_H
#define TCO_FUZZ_ENGINE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "tco/csvload.h"
#include "tco/pricesheet.h"
#include "tco/scenario.h"

/* abort, not assert: the checks must hold in any build of a target (release, replay) */
#define FUZZ_CHECK(cond)                                                                       \
    do {                                                                                       \
        if (!(cond))                                                                           \
            fuzz_check_failed(#cond, __FILE__, __LINE__);                                      \
    } while (0)

_Noreturn void fuzz_check_failed(const char *what, const char *file, int line);

/* tco_csv_load_buffer into *t (initialised here; the caller finis it). True when it loaded.
 * The diagnostics are checked to be one line each and to agree with the status. */
bool fuzz_load(const char *name, const char *data, size_t len, tco_csv_table *t);

/* The fixed price sheet a fuzzed scenario is simulated against, loaded into *p (initialised
 * here; the caller finis it). */
void fuzz_fixed_prices(tco_prices *p);

/* The fixed scenario a fuzzed sheet is simulated against, loaded into *f (initialised here). */
void fuzz_fixed_scenario(tco_scenario_file *f);

/* A few trials of s over p with the observers `run` uses: every offered option's TCO is finite
 * and >= 0, every trial is counted, and nothing trips a sanitizer. */
void fuzz_simulate(const tco_scenario *s, const tco_prices *p);

#endif
