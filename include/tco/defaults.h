/* SPDX-License-Identifier: MIT */
/* defaults: every documented default of the command line and the engine, in one place. */
#ifndef TCO_DEFAULTS_H
#define TCO_DEFAULTS_H

#define TCO_VERSION "0.1.0"

/* SPEC §2: runs are reproducible by default. */
#define TCO_DEFAULT_TRIALS 10000UL
#define TCO_DEFAULT_SEED 20261124ULL
#define TCO_MAX_TRIALS 1000000000UL
#define TCO_MAX_THREADS 256

/* SPEC §4: the horizon. */
#define TCO_MAX_MONTHS 600

/* The engine summarises fixed blocks of trials; results do not depend on the thread count
 * because this number does not. Changing it changes every result. */
#define TCO_BLOCK_TRIALS 2048UL

/* Relative accuracy of every reported quantile (DDSketch alpha): 0.1%. */
#define TCO_QUANTILE_REL_ACCURACY 0.001

/* Most bins in histogram.csv for one option. */
#define TCO_HISTOGRAM_MAX_BINS 40

/* The bundled price sheets, used when no --prices is given. */
#define TCO_DEFAULT_PRICES_DIR "data"

#endif
