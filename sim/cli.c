/* SPDX-License-Identifier: MIT */
/* cli: argv -> tco_options with getopt_long; every number checked with strtoull and its end
 * pointer (never atoi); the help texts of SPEC §2. */
#include "tco/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <math.h>

#include "tco/defaults.h"
#include "tco/value.h"
#include "tco/xalloc.h"

static const char HELP_GENERAL[] =
    "Usage: tcosim COMMAND [options] FILE...\n"
    "Simulate the total cost of ownership of UCaaS, CPaaS and hybrid communications.\n"
    "\n"
    "Commands:\n"
    "  run       [options] SCENARIO.csv...   simulate, print a report, export CSV\n"
    "  breakeven [options] SCENARIO.csv...   break-even frontier over seats x volume\n"
    "  recommend [options] SCENARIO.csv...   the decision rules beside the simulated TCO\n"
    "  validate  FILE.csv...                 check scenario files and price sheets\n"
    "  help COMMAND                          help on one command\n"
    "\n"
    "Options:\n"
    "  --help       this help\n"
    "  --version    the program's version\n"
    "\n"
    "Exit status: 0 success, 64 bad usage, 65 bad input data, 66 input missing,\n"
    "70 internal error, 73 output cannot be created, 74 standard output cannot be\n"
    "written, 130 interrupted.\n"
    "See tcosim(1) for the file formats.\n";

static const char HELP_RUN[] =
    "Usage: tcosim run [options] SCENARIO.csv...\n"
    "Simulate every option (ucaas:, cpaas:, hybrid:) of every scenario under uncertainty.\n"
    "\n"
    "  --prices FILE     a price sheet; repeatable (default: every data/*.csv)\n"
    "  --trials N        Monte Carlo trials per scenario (default 10000)\n"
    "  --seed S          RNG seed, unsigned 64-bit (default 20261124)\n"
    "  --threads N       worker threads (default: online processors); results do not\n"
    "                    depend on it\n"
    "  --out DIR         write summary.csv, monthly.csv, histogram.csv there\n"
    "  --format F        table (default), csv or json on standard output\n"
    "  --plots           with --out: the charts as PNG and SVG in DIR/plots (gnuplot)\n"
    "  --skip LIST       leave out analyses, comma-separated: breakeven, compare\n"
    "                    (their report parts and files; the rest is unchanged)\n"
    "  --quiet           no progress display\n";

static const char HELP_BREAKEVEN[] =
    "Usage: tcosim breakeven [options] SCENARIO.csv...\n"
    "Sweep seats x month-1 notifications (every distribution at its mean) and show the\n"
    "cheapest option of each cell and where per-seat and per-transaction billing break even.\n"
    "\n"
    "  --seats LO..HI           seat range (default: from the scenario)\n"
    "  --notifications LO..HI   month-1 notification range (default: from the scenario)\n"
    "  --steps N                grid points per axis, 2 to 1000 (default 12)\n"
    "  --scale linear|log       spacing (default: log for notifications, linear for seats)\n"
    "  --prices FILE, --format F, --out DIR, --quiet   as for run\n"
    "  --plots                  with --out: the map of the cheapest option in DIR/plots\n";

static const char HELP_RECOMMEND[] =
    "Usage: tcosim recommend [options] SCENARIO.csv...\n"
    "Evaluate the four decision rules of the source analysis beside the simulated TCO.\n"
    "\n"
    "  --min-dev-hours H            rule 1: engineering hours a week below H (20)\n"
    "  --min-time-to-market D       rule 2: time to market below D days (30)\n"
    "  --notification-threshold N   rule 3: notifications a month above N (10000)\n"
    "  --seat-threshold S           rule 3: ... and seats below S (50)\n"
    "  --deviation-required P       rule 4: workflow deviation above P requires CPaaS (30%)\n"
    "  --deviation-shift P          rule 4: above P it calls for a shift toward CPaaS (10%)\n"
    "  --prices FILE, --trials N, --seed S, --threads N, --format F, --quiet   as for run\n";

static const char HELP_VALIDATE[] =
    "Usage: tcosim validate FILE.csv...\n"
    "Check scenario files and price sheets (the kind is told from the header) and print\n"
    "one line per problem: file:line:column: column: expected ..., got \"...\".\n"
    "Changes nothing. Exit 0 when every file is good, 65 on bad data, 66 on a missing file.\n";

const char *tco_cli_help(tco_command topic)
{
    switch (topic) {
    case TCO_CMD_RUN: return HELP_RUN;
    case TCO_CMD_BREAKEVEN: return HELP_BREAKEVEN;
    case TCO_CMD_RECOMMEND: return HELP_RECOMMEND;
    case TCO_CMD_VALIDATE: return HELP_VALIDATE;
    default: return HELP_GENERAL;
    }
}

static const struct {
    const char *name;
    tco_command command;
} COMMANDS[] = {
    {"run", TCO_CMD_RUN},
    {"breakeven", TCO_CMD_BREAKEVEN},
    {"recommend", TCO_CMD_RECOMMEND},
    {"validate", TCO_CMD_VALIDATE},
};

static bool find_command(const char *name, tco_command *out)
{
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(name, COMMANDS[i].name) == 0) {
            *out = COMMANDS[i].command;
            return true;
        }
    return false;
}

/* A whole decimal number in [lo, hi]; no sign, no spaces, no trailing text. */
static bool parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    if (!s || !*s || *s < '0' || *s > '9')
        return false;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

enum { OPT_PRICES = 256, OPT_TRIALS, OPT_SEED, OPT_THREADS, OPT_OUT, OPT_FORMAT, OPT_QUIET,
       OPT_HELP, OPT_VERSION, OPT_MIN_DEV_HOURS, OPT_MIN_TTM, OPT_NOTIF_THRESHOLD,
       OPT_SEAT_THRESHOLD, OPT_DEV_REQUIRED, OPT_DEV_SHIFT, OPT_SEATS, OPT_NOTIFICATIONS,
       OPT_STEPS, OPT_SCALE, OPT_SKIP, OPT_PLOTS };

static const struct option LONG_OPTIONS[] = {
    {"prices", required_argument, NULL, OPT_PRICES},
    {"trials", required_argument, NULL, OPT_TRIALS},
    {"seed", required_argument, NULL, OPT_SEED},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"out", required_argument, NULL, OPT_OUT},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {"min-dev-hours", required_argument, NULL, OPT_MIN_DEV_HOURS},
    {"min-time-to-market", required_argument, NULL, OPT_MIN_TTM},
    {"notification-threshold", required_argument, NULL, OPT_NOTIF_THRESHOLD},
    {"seat-threshold", required_argument, NULL, OPT_SEAT_THRESHOLD},
    {"deviation-required", required_argument, NULL, OPT_DEV_REQUIRED},
    {"deviation-shift", required_argument, NULL, OPT_DEV_SHIFT},
    {"seats", required_argument, NULL, OPT_SEATS},
    {"notifications", required_argument, NULL, OPT_NOTIFICATIONS},
    {"steps", required_argument, NULL, OPT_STEPS},
    {"scale", required_argument, NULL, OPT_SCALE},
    {"skip", required_argument, NULL, OPT_SKIP},
    {"plots", no_argument, NULL, OPT_PLOTS},
    {NULL, 0, NULL, 0},
};

#define BIT(opt) (1u << ((opt) - OPT_PRICES))

/* Which options each command takes. */
static unsigned allowed_options(tco_command c)
{
    const unsigned common = BIT(OPT_HELP) | BIT(OPT_PRICES) | BIT(OPT_SEED) | BIT(OPT_THREADS) |
                            BIT(OPT_FORMAT) | BIT(OPT_QUIET);
    switch (c) {
    case TCO_CMD_RUN:
        return common | BIT(OPT_TRIALS) | BIT(OPT_OUT) | BIT(OPT_SKIP) | BIT(OPT_PLOTS);
    case TCO_CMD_BREAKEVEN: /* a deterministic sweep: no trials, seed or threads */
        return BIT(OPT_HELP) | BIT(OPT_PRICES) | BIT(OPT_FORMAT) | BIT(OPT_QUIET) | BIT(OPT_OUT) |
               BIT(OPT_SEATS) | BIT(OPT_NOTIFICATIONS) | BIT(OPT_STEPS) | BIT(OPT_SCALE) |
               BIT(OPT_PLOTS);
    case TCO_CMD_RECOMMEND:
        return common | BIT(OPT_TRIALS) | BIT(OPT_MIN_DEV_HOURS) | BIT(OPT_MIN_TTM) |
               BIT(OPT_NOTIF_THRESHOLD) | BIT(OPT_SEAT_THRESHOLD) | BIT(OPT_DEV_REQUIRED) |
               BIT(OPT_DEV_SHIFT);
    case TCO_CMD_VALIDATE: return BIT(OPT_HELP) | BIT(OPT_QUIET);
    default: return BIT(OPT_HELP);
    }
}

/* A threshold: a plain number >= 0, `%` allowed ("30%" = 0.3). */
static bool parse_threshold(const char *s, double *out)
{
    tco_value v;
    size_t pos;
    if (tco_value_parse(s, &v, &pos) != NULL || v.dist != TCO_DIST_CONST || !(v.a >= 0))
        return false;
    *out = v.a;
    return true;
}

/* A range LO..HI of plain numbers, 0 <= LO < HI <= max. */
static bool parse_range(const char *s, double max, double *lo, double *hi)
{
    tco_value v;
    size_t pos;
    if (tco_value_parse(s, &v, &pos) != NULL || v.dist != TCO_DIST_UNIFORM || !(v.a >= 0) ||
        !(v.a < v.b) || !(v.b <= max))
        return false;
    *lo = v.a;
    *hi = v.b;
    return true;
}

static tco_status usage(char *err, size_t size, const char *fmt, const char *a, const char *b)
{
    snprintf(err, size, fmt, a, b);
    return TCO_EUSAGE;
}

/* --skip LIST: names separated by commas, each breakeven or compare; repeats allowed. */
static bool parse_skip(const char *list, unsigned *skip)
{
    static const struct {
        const char *name;
        unsigned bit;
    } NAMES[] = {{"breakeven", TCO_SKIP_BREAKEVEN}, {"compare", TCO_SKIP_COMPARE}};
    const char *p = list;
    for (;;) {
        const size_t len = strcspn(p, ",");
        size_t k = 0;
        while (k < sizeof NAMES / sizeof NAMES[0] &&
               !(strlen(NAMES[k].name) == len && strncmp(p, NAMES[k].name, len) == 0))
            k++;
        if (k == sizeof NAMES / sizeof NAMES[0])
            return false;
        *skip |= NAMES[k].bit;
        if (p[len] == '\0')
            return true;
        p += len + 1;
    }
}

static tco_status parse(int argc, char **argv, tco_options *o, char *err, size_t err_size)
{
    memset(o, 0, sizeof *o);
    o->argc = argc;
    o->argv = argv;
    o->trials = TCO_DEFAULT_TRIALS;
    o->seed = TCO_DEFAULT_SEED;
    o->format = TCO_FORMAT_TABLE;
    o->help_topic = TCO_CMD_HELP;
    o->min_dev_hours = 20;
    o->min_time_to_market = 30;
    o->notification_threshold = 10000;
    o->seat_threshold = 50;
    o->deviation_required = 0.30;
    o->deviation_shift = 0.10;
    o->seats_lo = o->seats_hi = NAN;
    o->notifications_lo = o->notifications_hi = NAN;
    err[0] = '\0';

    if (argc < 2)
        return usage(err, err_size, "expected a command (run, breakeven, recommend, validate)%s%s",
                     "; see tcosim --help", "");
    const char *first = argv[1];
    if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0) {
        o->command = TCO_CMD_HELP;
        return TCO_OK;
    }
    if (strcmp(first, "--version") == 0) {
        o->command = TCO_CMD_VERSION;
        return TCO_OK;
    }
    if (strcmp(first, "help") == 0) {
        o->command = TCO_CMD_HELP;
        if (argc > 3)
            return usage(err, err_size, "help: expected at most one command, got \"%s\"%s",
                         argv[3], "");
        if (argc == 3 && !find_command(argv[2], &o->help_topic))
            return usage(err, err_size,
                         "help: expected run, breakeven, recommend or validate, got \"%s\"%s",
                         argv[2], "");
        return TCO_OK;
    }
    if (!find_command(first, &o->command))
        return usage(err, err_size,
                     "expected a command (run, breakeven, recommend, validate), got \"%s\"%s",
                     first, "; see tcosim --help");

    unsigned allowed = allowed_options(o->command);
    o->prices = tco_xcalloc((size_t)argc, sizeof *o->prices);
    o->files = tco_xcalloc((size_t)argc, sizeof *o->files);
    int sub_argc = argc - 1;
    char **sub_argv = argv + 1;
    optind = 0; /* glibc: 0 re-initialises getopt's state */
    opterr = 0;
    for (;;) {
        int longidx = -1;
        int c = getopt_long(sub_argc, sub_argv, ":", LONG_OPTIONS, &longidx);
        if (c == -1)
            break;
        const char *cmd = first;
        if (c == '?') {
            snprintf(err, err_size, "%s: unknown option \"%s\"; see tcosim help %s", cmd,
                     sub_argv[optind - 1], cmd);
            return TCO_EUSAGE;
        }
        if (c == ':') {
            snprintf(err, err_size, "%s: option \"%s\" expects a value", cmd,
                     sub_argv[optind - 1]);
            return TCO_EUSAGE;
        }
        if (!(allowed & (1u << (c - OPT_PRICES)))) {
            snprintf(err, err_size, "%s: option --%s does not apply; see tcosim help %s", cmd,
                     LONG_OPTIONS[c - OPT_PRICES].name, cmd);
            return TCO_EUSAGE;
        }
        uint64_t v;
        switch (c) {
        case OPT_PRICES:
            if (!*optarg)
                return usage(err, err_size,
                             "--prices: expected a file name, got \"%s\"%s", optarg,
                             " (an empty argument: an unset shell variable?)");
            o->prices[o->n_prices++] = optarg;
            break;
        case OPT_TRIALS:
            if (!parse_u64(optarg, 1, TCO_MAX_TRIALS, &v))
                return usage(err, err_size,
                             "--trials: expected a whole number from 1 to 1000000000, got \"%s\"%s",
                             optarg, "");
            o->trials = (unsigned long)v;
            break;
        case OPT_SEED:
            if (!parse_u64(optarg, 0, UINT64_MAX, &v))
                return usage(err, err_size,
                             "--seed: expected a whole number from 0 to 18446744073709551615, "
                             "got \"%s\"%s",
                             optarg, "");
            o->seed = v;
            break;
        case OPT_THREADS:
            if (!parse_u64(optarg, 1, TCO_MAX_THREADS, &v))
                return usage(err, err_size,
                             "--threads: expected a whole number from 1 to 256, got \"%s\"%s",
                             optarg, "");
            o->threads = (unsigned)v;
            break;
        case OPT_OUT:
            if (!*optarg)
                return usage(err, err_size, "--out: expected a directory, got \"%s\"%s", optarg,
                             "");
            o->out_dir = optarg;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "table") == 0)
                o->format = TCO_FORMAT_TABLE;
            else if (strcmp(optarg, "csv") == 0)
                o->format = TCO_FORMAT_CSV;
            else if (strcmp(optarg, "json") == 0)
                o->format = TCO_FORMAT_JSON;
            else
                return usage(err, err_size, "--format: expected table, csv or json, got \"%s\"%s",
                             optarg, "");
            break;
        case OPT_QUIET:
            o->quiet = true;
            break;
        case OPT_PLOTS:
            o->plots = true;
            break;
        case OPT_SKIP:
            if (!parse_skip(optarg, &o->skip))
                return usage(err, err_size,
                             "--skip: expected a comma-separated list of breakeven, compare, "
                             "got \"%s\"%s",
                             optarg, "");
            break;
        case OPT_HELP:
            o->help_topic = o->command;
            o->command = TCO_CMD_HELP;
            return TCO_OK;
        case OPT_VERSION:
            o->command = TCO_CMD_VERSION;
            return TCO_OK;
        case OPT_MIN_DEV_HOURS:
        case OPT_MIN_TTM:
        case OPT_NOTIF_THRESHOLD:
        case OPT_SEAT_THRESHOLD:
        case OPT_DEV_REQUIRED:
        case OPT_DEV_SHIFT: {
            double *slot = c == OPT_MIN_DEV_HOURS     ? &o->min_dev_hours
                           : c == OPT_MIN_TTM         ? &o->min_time_to_market
                           : c == OPT_NOTIF_THRESHOLD ? &o->notification_threshold
                           : c == OPT_SEAT_THRESHOLD  ? &o->seat_threshold
                           : c == OPT_DEV_REQUIRED    ? &o->deviation_required
                                                      : &o->deviation_shift;
            if (!parse_threshold(optarg, slot)) {
                snprintf(err, err_size, "--%s: expected a number >= 0 (%% allowed), got \"%s\"",
                         LONG_OPTIONS[c - OPT_PRICES].name, optarg);
                return TCO_EUSAGE;
            }
            break;
        }
        case OPT_SEATS:
        case OPT_NOTIFICATIONS: {
            bool seats = c == OPT_SEATS;
            /* the scenario columns' bounds, which keep every cost finite (sim/scenario.c) */
            if (!parse_range(optarg, seats ? TCO_MAX_SEATS : TCO_MAX_NOTIFICATIONS,
                             seats ? &o->seats_lo : &o->notifications_lo,
                             seats ? &o->seats_hi : &o->notifications_hi)) {
                snprintf(err, err_size,
                         "--%s: expected a range LO..HI with 0 <= LO < HI <= %s (so that costs "
                         "stay finite), got \"%s\"",
                         LONG_OPTIONS[c - OPT_PRICES].name,
                         seats ? TCO_MAX_SEATS_TEXT : TCO_MAX_NOTIFICATIONS_TEXT, optarg);
                return TCO_EUSAGE;
            }
            break;
        }
        case OPT_STEPS:
            if (!parse_u64(optarg, 2, 1000, &v))
                return usage(err, err_size,
                             "--steps: expected a whole number from 2 to 1000, got \"%s\"%s",
                             optarg, "");
            o->steps = (unsigned)v;
            break;
        case OPT_SCALE:
            if (strcmp(optarg, "linear") == 0)
                o->scale = 1;
            else if (strcmp(optarg, "log") == 0)
                o->scale = 2;
            else
                return usage(err, err_size, "--scale: expected linear or log, got \"%s\"%s",
                             optarg, "");
            break;
        }
    }
    for (int i = optind; i < sub_argc; i++) {
        if (!*sub_argv[i]) {
            snprintf(err, err_size,
                     "%s: expected a file name as argument %d, got \"\" (an empty argument: an "
                     "unset shell variable?)",
                     first, i + 1);
            return TCO_EUSAGE;
        }
        o->files[o->n_files++] = sub_argv[i];
    }
    if (o->n_files == 0) {
        snprintf(err, err_size, "%s: expected at least one %s file; see tcosim help %s", first,
                 o->command == TCO_CMD_VALIDATE ? "CSV" : "scenario", first);
        return TCO_EUSAGE;
    }
    if (o->plots && !o->out_dir) {
        snprintf(err, err_size, "--plots: expected --out DIR beside it (the charts go to "
                 "DIR/plots), got none");
        return TCO_EUSAGE;
    }
    return TCO_OK;
}

tco_status tco_cli_parse(int argc, char **argv, tco_options *o, char *err, size_t err_size)
{
    tco_status st = parse(argc, argv, o, err, err_size);
    if (err[0]) {
        /* SPEC §2: one line, whatever an argument quoted in the message holds (a newline, an
         * escape sequence, bytes that are not UTF-8) */
        char *raw = tco_xstrdup(err);
        tco_diag_quote_cell(err, err_size, raw);
        free(raw);
    }
    return st;
}

void tco_cli_fini(tco_options *o)
{
    if (!o)
        return;
    free(o->prices);
    free(o->files);
    o->prices = NULL;
    o->files = NULL;
}
