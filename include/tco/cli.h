/* SPDX-License-Identifier: MIT */
/* cli: the command line of SPEC §2 parsed into tco_options, and the help texts.
 *
 * Pure: no printing, no exit. A usage error comes back as TCO_EUSAGE with one line of text.
 */
#ifndef TCO_CLI_H
#define TCO_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tco/diag.h"

typedef enum tco_command {
    TCO_CMD_RUN,
    TCO_CMD_BREAKEVEN,
    TCO_CMD_RECOMMEND,
    TCO_CMD_VALIDATE,
    TCO_CMD_HELP,    /* --help or `help [COMMAND]` */
    TCO_CMD_VERSION
} tco_command;

/* Analyses `run --skip` can leave out (the observers beside the engine's own statistics). */
enum { TCO_SKIP_BREAKEVEN = 1u, TCO_SKIP_COMPARE = 2u, TCO_SKIP_SENSITIVITY = 4u };

typedef enum tco_format { TCO_FORMAT_TABLE, TCO_FORMAT_CSV, TCO_FORMAT_JSON } tco_format;

typedef struct tco_options {
    tco_command command;
    tco_command help_topic;   /* for TCO_CMD_HELP; TCO_CMD_HELP itself means general help */
    char **prices;            /* --prices, in order; points into argv; owned array */
    size_t n_prices;
    unsigned long trials;
    uint64_t seed;
    unsigned threads;         /* 0: the number of online processors */
    const char *out_dir;      /* NULL: none */
    tco_format format;
    bool quiet;
    bool strict;              /* --strict: plausibility warnings are errors (SPEC §8.4) */
    bool plots;               /* --plots: charts under --out DIR/plots */
    const char *schedule;     /* --schedule FILE (SPEC §12.1), NULL: none; points into argv */
    const char *correlations; /* --correlations FILE (SPEC §12.3); NULL: none */
    double precision;         /* --precision R: relative precision to stop at; 0: off */
    bool antithetic;          /* --antithetic: trials in mirrored pairs (SPEC §11) */
    unsigned skip;            /* run --skip: TCO_SKIP_* bits */
    bool has_budget;          /* run --budget X: SPEC §10 p_over_budget against budget ($) */
    double budget;
    char **files;             /* operands; point into argv */
    size_t n_files;
    int argc;                 /* the command line as given, for manifest.json */
    char *const *argv;

    /* recommend: the thresholds of SPEC §7's rules */
    double min_dev_hours;          /* --min-dev-hours, rule 1 (20 hours/week) */
    double min_time_to_market;     /* --min-time-to-market, rule 2 (30 days) */
    double notification_threshold; /* --notification-threshold, rule 3 (10000 a month) */
    double seat_threshold;         /* --seat-threshold, rule 3 (50 seats) */
    double deviation_required;     /* --deviation-required, rule 4 (0.30) */
    double deviation_shift;        /* --deviation-shift, rule 4 (0.10) */

    /* breakeven: the grid; NAN / 0 mean "from the scenario" */
    double seats_lo, seats_hi;          /* --seats LO..HI */
    double notifications_lo, notifications_hi; /* --notifications LO..HI */
    unsigned steps;                     /* --steps N: grid points per axis */
    int scale;                          /* --scale: 0 default, 1 linear, 2 log */
} tco_options;

/* Parses argv (argv[0] is the program). Returns TCO_OK or TCO_EUSAGE with a one-line reason
 * in err (without "tcosim: "). Free with tco_cli_fini whatever the result. Uses getopt_long,
 * so it is not thread-safe: call it from main before any thread starts. */
tco_status tco_cli_parse(int argc, char **argv, tco_options *o, char *err, size_t err_size);
void tco_cli_fini(tco_options *o);

/* The help text of a command (TCO_CMD_HELP: the general one), made from the option table:
 * each option a command takes, with its argument, its help and the defaults and limits of
 * tco/defaults.h. Caller frees. */
char *tco_cli_help(tco_command topic);

#endif
