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

/* SPEC §7: the thresholds of the decision rules (`recommend`); shares are fractions. */
#define TCO_DEFAULT_MIN_DEV_HOURS 20.0
#define TCO_DEFAULT_MIN_TIME_TO_MARKET 30.0
#define TCO_DEFAULT_NOTIFICATION_THRESHOLD 10000.0
#define TCO_DEFAULT_SEAT_THRESHOLD 50.0
#define TCO_DEFAULT_DEVIATION_REQUIRED 0.30
#define TCO_DEFAULT_DEVIATION_SHIFT 0.10

/* `tcosim breakeven --steps`: grid points per axis. */
#define TCO_DEFAULT_STEPS 12
#define TCO_MIN_STEPS 2
#define TCO_MAX_STEPS 1000

/* SPEC §4: the horizon. */
#define TCO_MAX_MONTHS 600

/* The largest month-1 seats and notifications of a scenario cell, and of a `breakeven` sweep
 * (--seats, --notifications): factors of the worst case that keeps every cost finite
 * (sim/scenario.c). */
#define TCO_MAX_SEATS 1e9
#define TCO_MAX_SEATS_TEXT "1e9"
#define TCO_MAX_NOTIFICATIONS 1e12
#define TCO_MAX_NOTIFICATIONS_TEXT "1e12"

/* ---- what tcosim refuses (README "What tcosim refuses, and how") -------------------------
 * Every input is bounded, so that memory and time for any input are bounded too; each limit is
 * refused with one located line and exit 65 (a file) or 64 (the command line). */

/* One CSV file (csvload). Together they bound a loaded table to about 5 times the file's
 * size: the bytes, a copy of every cell, and a pointer per cell. */
#define TCO_MAX_FILE_BYTES (16UL * 1024 * 1024)
#define TCO_MAX_FILE_TEXT "16 MiB"
#define TCO_MAX_LINE_BYTES 65536UL     /* one physical line, without its line end */
#define TCO_MAX_COLUMNS 1024UL         /* fields in one record */
#define TCO_MAX_ROWS 100000UL          /* records after the header */
#define TCO_MAX_CELLS 2000000UL        /* fields in the whole file */

/* Problems listed per file; one more line says the rest were not listed. */
#define TCO_MAX_DIAGS_PER_FILE 100

/* Scenario files (scenario): rows, each simulated on its own. */
#define TCO_MAX_SCENARIOS 1000

/* Names (scenario, vendor, plan): they are repeated in every row of the outputs. */
#define TCO_MAX_NAME_BYTES 256

/* Scenarios in one run (cmdutil): loading stops past this many, before memory grows with
 * them (each takes at least one option-month, so a run could not have more). */
#define TCO_MAX_RUN_SCENARIOS TCO_MAX_OPTION_MONTHS

/* Price sheets (pricesheet): graduated tiers of one (plan, item), and the options the sheets
 * of one run make (SPEC §6: every UCaaS plan, every CPaaS plan, and every UCaaS x CPaaS
 * pair as a hybrid). 64 options are, e.g., 7 UCaaS and 7 CPaaS plans. */
#define TCO_MAX_TIERS 64
#define TCO_MAX_OPTIONS 64
/* SPEC §12.2: migration months of one scenario (migrate_month); each makes an option of every
 * hybrid, so the option-months and pairs limits below still bound the run. 24 lets a user try
 * every quarter of six years, or every month of two. */
#define TCO_MAX_MIGRATE_MONTHS 24

/* One run (cmdutil): every scenario's results are kept until the report and the --out files
 * are written, so what they hold is bounded over the whole run: an option-month holds two
 * quantile sketches, a pair of options the pairwise statistics (unless --skip compare). */
#define TCO_MAX_OPTION_MONTHS 7200UL   /* sum over scenarios of options x months */
#define TCO_MAX_OPTION_PAIRS 4032UL    /* sum over scenarios of options x (options - 1) / 2 */
/* Each worker thread holds one more set of the running statistics of the scenario it
 * simulates: a large scenario runs on fewer threads than asked (results do not depend on the
 * thread count), so that threads x its option-months and threads x its pairs stay below these. */
#define TCO_MAX_WORKER_OPTION_MONTHS (2 * TCO_MAX_OPTION_MONTHS)
#define TCO_MAX_WORKER_OPTION_PAIRS (2 * TCO_MAX_OPTION_PAIRS)
/* `tcosim breakeven` keeps every scenario's grid (32 bytes a cell) until it reports. */
#define TCO_MAX_SWEEP_CELLS 4000000UL  /* sum over scenarios of --steps x --steps */

/* The engine summarises fixed blocks of trials; results do not depend on the thread count
 * because this number does not. Changing it changes every result. */
#define TCO_BLOCK_TRIALS 2048UL

/* Quantile sketches (stats, DDSketch): relative accuracy and most buckets (4 bytes each).
 * The TCO of each option: alpha 0.02% (k = 12 mantissa bits, 4096 buckets an octave, a bound
 * of 1/8193 = 0.0122%): 0.1% was tens of sampling errors of a tight TCO's median (a 0.9%
 * coefficient of variation at 100,000 trials: SE = 1.2533 x 0.9% / 316 = 0.0036%); 16384
 * buckets (64 KiB) hold that bound while an option's TCOs span a factor of 16 (max / min), and
 * each squaring of that factor merges buckets pairwise and doubles the bound (0.0244% to 256,
 * 0.049% to 65536, ...). Everything else (month by month, pairwise differences, break-even
 * volumes): alpha 0.1% (k = 9, 1/1025 = 0.0976%), 8192 buckets (32 KiB), held while a
 * sketch's values span a factor of 65536. */
#define TCO_TOTAL_QUANTILE_REL_ACCURACY 0.0002
#define TCO_TOTAL_SKETCH_MAX_KEYS 16384u
#define TCO_QUANTILE_REL_ACCURACY 0.001
#define TCO_SKETCH_MAX_KEYS 8192u

/* Most bins in histogram.csv for one option. */
#define TCO_HISTOGRAM_MAX_BINS 40

/* The bundled price sheets, used when no --prices is given. */
#define TCO_DEFAULT_PRICES_DIR "data"

#endif
