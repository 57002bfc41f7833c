/* SPDX-License-Identifier: MIT */
/* cli: argv -> tco_options with getopt_long; every number checked with strtoull and its end
 * pointer (never atoi); the help texts of SPEC §2. */
#include "tco/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
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
    "  validate  FILE.csv...                 check scenario files, price sheets, schedules\n"
    "  help COMMAND                          help on one command\n"
    "\n"
    "Options:\n"
    "  --help       this help\n"
    "  --version    the program's version\n"
    "\n"
    "Exit status: 0 success, 64 bad usage, 65 bad input data, 66 input missing,\n"
    "70 internal error, 73 output cannot be created, 74 standard output cannot be\n"
    "written, 130 interrupted.\n"
    "See tcosim(1), tcosim-scenario(5) and tcosim-prices(5) for the file formats.\n";

/* ---- the options: one table ------------------------------------------------------------- */

enum { OPT_PRICES = 256, OPT_TRIALS, OPT_SEED, OPT_THREADS, OPT_OUT, OPT_FORMAT, OPT_QUIET,
       OPT_HELP, OPT_VERSION, OPT_MIN_DEV_HOURS, OPT_MIN_TTM, OPT_NOTIF_THRESHOLD,
       OPT_SEAT_THRESHOLD, OPT_DEV_REQUIRED, OPT_DEV_SHIFT, OPT_SEATS, OPT_NOTIFICATIONS,
       OPT_STEPS, OPT_SCALE, OPT_SKIP, OPT_STRICT, OPT_PLOTS, OPT_BUDGET, OPT_SCHEDULE,
       OPT_CORRELATIONS, OPT_PRECISION, OPT_ANTITHETIC, OPT_END };
#define N_OPTIONS (OPT_END - OPT_PRICES)

/* One option: its name, its argument ("N"; NULL: a flag), the command whose help describes it
 * (the others that take it say "as for run"; TCO_CMD_HELP: no help line) and its help text: a
 * format of up to three doubles (the documented defaults and limits, from tco/defaults.h), a
 * "\n" for each line it continues on. Which commands take it is in COMMAND_OPTIONS below. */
typedef struct option_spec {
    int id;
    const char *name, *arg;
    tco_command home;
    const char *help;
    double values[3];
} option_spec;

static const option_spec OPTIONS[N_OPTIONS] = {
    {OPT_PRICES, "prices", "FILE", TCO_CMD_RUN,
     "a price sheet; repeatable (default: every " TCO_DEFAULT_PRICES_DIR "/*.csv)", {0}},
    {OPT_TRIALS, "trials", "N", TCO_CMD_RUN, "Monte Carlo trials per scenario (default %.0f)",
     {(double)TCO_DEFAULT_TRIALS}},
    {OPT_SEED, "seed", "S", TCO_CMD_RUN, "RNG seed, unsigned 64-bit (default %.0f)",
     {(double)TCO_DEFAULT_SEED}},
    {OPT_THREADS, "threads", "N", TCO_CMD_RUN,
     "worker threads (default: online processors); results do not\ndepend on it", {0}},
    {OPT_OUT, "out", "DIR", TCO_CMD_RUN, "write summary.csv, monthly.csv, histogram.csv there",
     {0}},
    {OPT_FORMAT, "format", "F", TCO_CMD_RUN, "table (default), csv or json on standard output",
     {0}},
    {OPT_QUIET, "quiet", NULL, TCO_CMD_RUN, "no progress display", {0}},
    {OPT_HELP, "help", NULL, TCO_CMD_HELP, NULL, {0}},
    {OPT_VERSION, "version", NULL, TCO_CMD_HELP, NULL, {0}},
    {OPT_MIN_DEV_HOURS, "min-dev-hours", "H", TCO_CMD_RECOMMEND,
     "rule 1: engineering hours a week below H (%g)", {TCO_DEFAULT_MIN_DEV_HOURS}},
    {OPT_MIN_TTM, "min-time-to-market", "D", TCO_CMD_RECOMMEND,
     "rule 2: time to market below D days (%g)", {TCO_DEFAULT_MIN_TIME_TO_MARKET}},
    {OPT_NOTIF_THRESHOLD, "notification-threshold", "N", TCO_CMD_RECOMMEND,
     "rule 3: notifications a month above N (%g)", {TCO_DEFAULT_NOTIFICATION_THRESHOLD}},
    {OPT_SEAT_THRESHOLD, "seat-threshold", "S", TCO_CMD_RECOMMEND,
     "rule 3: ... and seats below S (%g)", {TCO_DEFAULT_SEAT_THRESHOLD}},
    {OPT_DEV_REQUIRED, "deviation-required", "P", TCO_CMD_RECOMMEND,
     "rule 4: workflow deviation above P requires CPaaS (%g%%)",
     {100 * TCO_DEFAULT_DEVIATION_REQUIRED}},
    {OPT_DEV_SHIFT, "deviation-shift", "P", TCO_CMD_RECOMMEND,
     "rule 4: above P it calls for a shift toward CPaaS (%g%%)",
     {100 * TCO_DEFAULT_DEVIATION_SHIFT}},
    {OPT_SEATS, "seats", "LO..HI", TCO_CMD_BREAKEVEN, "seat range (default: from the scenario)",
     {0}},
    {OPT_NOTIFICATIONS, "notifications", "LO..HI", TCO_CMD_BREAKEVEN,
     "month-1 notification range (default: from the scenario)", {0}},
    {OPT_STEPS, "steps", "N", TCO_CMD_BREAKEVEN, "grid points per axis, %.0f to %.0f (default %.0f)",
     {TCO_MIN_STEPS, TCO_MAX_STEPS, TCO_DEFAULT_STEPS}},
    {OPT_SCALE, "scale", "linear|log", TCO_CMD_BREAKEVEN,
     "spacing (default: log for notifications, linear for seats)", {0}},
    {OPT_SKIP, "skip", "LIST", TCO_CMD_RUN,
     "leave out analyses, comma-separated: breakeven, compare,\nsensitivity (their report parts "
     "and files; the rest is unchanged)",
     {0}},
    {OPT_STRICT, "strict", NULL, TCO_CMD_RUN,
     "every plausibility warning is an error of its file (exit 65)", {0}},
    {OPT_PLOTS, "plots", NULL, TCO_CMD_RUN,
     "with --out: the charts as PNG and SVG in DIR/plots (gnuplot)", {0}},
    {OPT_BUDGET, "budget", "X", TCO_CMD_RUN,
     "bill shock: the share of trials in which some month's bill\nexceeds $X (p_over_budget)",
     {0}},
    {OPT_SCHEDULE, "schedule", "FILE", TCO_CMD_RUN,
     "planned seats, notifications, api_requests by month\n(scenario,month,...; "
     "tcosim-scenario(5))",
     {0}},
    {OPT_CORRELATIONS, "correlations", "FILE", TCO_CMD_RUN,
     "rank correlations between the scenarios' inputs (CSV scenario,\ninput_a,input_b,"
     "rank_correlation); marginals unchanged",
     {0}},
    {OPT_PRECISION, "precision", "R", TCO_CMD_RUN,
     "stop at the first check point where every mean_se <= R x mean and\nevery p_cheapest_se "
     "<= R (0.5%% or 0.005); --trials is then the cap",
     {0}},
    {OPT_ANTITHETIC, "antithetic", NULL, TCO_CMD_RUN,
     "trials in mirrored pairs (u and 1-u, z and -z); standard errors from\npair means", {0}},
};

/* The commands: what their help says first, and the options each takes in the order its help
 * lists them (its own, then those described under another command); --help is taken by all. */
#define MAX_COMMAND_OPTIONS 24
static const struct {
    tco_command command;
    const char *name;
    const char *intro;
    int options[MAX_COMMAND_OPTIONS]; /* 0-terminated */
} COMMANDS[] = {
    {TCO_CMD_RUN, "run",
     "Usage: tcosim run [options] SCENARIO.csv...\n"
     "Simulate every option (ucaas:, cpaas:, hybrid:) of every scenario under uncertainty.\n",
     {OPT_PRICES, OPT_SCHEDULE, OPT_CORRELATIONS, OPT_TRIALS, OPT_PRECISION, OPT_ANTITHETIC,
      OPT_SEED, OPT_THREADS, OPT_OUT, OPT_FORMAT, OPT_PLOTS, OPT_SKIP, OPT_BUDGET, OPT_QUIET,
      OPT_STRICT}},
    {TCO_CMD_BREAKEVEN, "breakeven",
     "Usage: tcosim breakeven [options] SCENARIO.csv...\n"
     "Sweep seats x month-1 notifications (every distribution at its mean) and show the\n"
     "cheapest option of each cell and where per-seat and per-transaction billing break even.\n",
     /* a deterministic sweep: no trials, seed or threads */
     {OPT_SEATS, OPT_NOTIFICATIONS, OPT_STEPS, OPT_SCALE, OPT_PRICES, OPT_SCHEDULE,
      OPT_CORRELATIONS, OPT_FORMAT, OPT_OUT, OPT_PLOTS, OPT_QUIET, OPT_STRICT}},
    {TCO_CMD_RECOMMEND, "recommend",
     "Usage: tcosim recommend [options] SCENARIO.csv...\n"
     "Evaluate the four decision rules of the source analysis beside the simulated TCO.\n",
     {OPT_MIN_DEV_HOURS, OPT_MIN_TTM, OPT_NOTIF_THRESHOLD, OPT_SEAT_THRESHOLD, OPT_DEV_REQUIRED,
      OPT_DEV_SHIFT, OPT_PRICES, OPT_SCHEDULE, OPT_CORRELATIONS, OPT_TRIALS, OPT_SEED,
      OPT_THREADS, OPT_FORMAT, OPT_QUIET, OPT_STRICT}},
    {TCO_CMD_VALIDATE, "validate",
     "Usage: tcosim validate FILE.csv...\n"
     "Check scenario files, price sheets and schedules (the kind is told from the header)\n"
     "and print one line per problem: file:line:column: column: expected ..., got \"...\".\n"
     "A schedule is also checked against the scenario files given with it.\n"
     "Values that are valid but probably not meant (seat_growth 1: 100% a month) get\n"
     "file:line:column: warning: ... lines and leave the exit status alone.\n"
     "Changes nothing. Exit 0 when every file is good, 65 on bad data, 66 on a missing file.\n"
     "\n"
     "  --strict   every warning is an error of its file (exit 65)\n"
     "  --quiet    no \"ok\" line for a good file\n"
     "See tcosim-scenario(5) and tcosim-prices(5) for every column.\n",
     {OPT_STRICT, OPT_QUIET}},
};
#define N_COMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static const option_spec *option_of(int id)
{
    return &OPTIONS[id - OPT_PRICES];
}

/* Whether command c takes option id. */
static bool takes(tco_command c, int id)
{
    if (id == OPT_HELP)
        return true;
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (COMMANDS[i].command == c)
            for (size_t k = 0; k < MAX_COMMAND_OPTIONS && COMMANDS[i].options[k]; k++)
                if (COMMANDS[i].options[k] == id)
                    return true;
    return false;
}

/* A growing text. */
typedef struct text {
    char *s;
    size_t len;
} text;

static void add(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    t->s = tco_xreallocarray(t->s, t->len + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

/* "--seats LO..HI" */
static void add_syntax(text *t, const option_spec *op)
{
    add(t, "--%s%s%s", op->name, op->arg ? " " : "", op->arg ? op->arg : "");
}

/* Help columns: the descriptions start at least 18 characters after the indent, and 3 after the
 * longest option. */
#define HELP_MIN_WIDTH 18

static char *command_help(size_t i)
{
    text t = {tco_xstrdup(""), 0};
    add(&t, "%s\n", COMMANDS[i].intro);
    const tco_command c = COMMANDS[i].command;
    const int *ids = COMMANDS[i].options;
    size_t width = HELP_MIN_WIDTH;
    for (size_t k = 0; k < MAX_COMMAND_OPTIONS && ids[k]; k++) {
        const option_spec *op = option_of(ids[k]);
        const size_t len = 2 + strlen(op->name) + (op->arg ? 1 + strlen(op->arg) : 0);
        if (op->home == c && len + 3 > width)
            width = len + 3;
    }
    size_t shared = 0;
    for (size_t k = 0; k < MAX_COMMAND_OPTIONS && ids[k]; k++) {
        const option_spec *op = option_of(ids[k]);
        if (op->home != c) {
            shared++;
            continue;
        }
        const size_t start = t.len;
        add(&t, "  ");
        add_syntax(&t, op);
        add(&t, "%*s", (int)(width - (t.len - start - 2)), "");
        char *desc = tco_xasprintf(op->help, op->values[0], op->values[1], op->values[2]);
        for (char *line = desc, *end; line; line = end ? end + 1 : NULL) {
            end = strchr(line, '\n');
            if (line != desc)
                add(&t, "\n  %*s", (int)width, "");
            add(&t, "%.*s", (int)(end ? (size_t)(end - line) : strlen(line)), line);
        }
        free(desc);
        add(&t, "\n");
    }
    if (shared > 0) {
        /* the options described under another command: one line */
        const char *home = NULL;
        add(&t, "  ");
        size_t n = 0;
        for (size_t k = 0; k < MAX_COMMAND_OPTIONS && ids[k]; k++) {
            const option_spec *op = option_of(ids[k]);
            if (op->home == c)
                continue;
            add(&t, "%s", n++ ? ", " : "");
            add_syntax(&t, op);
            for (size_t j = 0; j < N_COMMANDS; j++)
                if (COMMANDS[j].command == op->home)
                    home = COMMANDS[j].name;
        }
        add(&t, "   as for %s\n", home);
    }
    return t.s;
}

char *tco_cli_help(tco_command topic)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (COMMANDS[i].command == topic && topic != TCO_CMD_VALIDATE)
            return command_help(i);
    /* validate's two flags mean something else there: its help is its introduction */
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (COMMANDS[i].command == topic)
            return tco_xstrdup(COMMANDS[i].intro);
    return tco_xstrdup(HELP_GENERAL);
}

static bool find_command(const char *name, tco_command *out)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
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

/* --skip LIST: names separated by commas, each breakeven, compare or sensitivity; repeats
 * allowed. */
static bool parse_skip(const char *list, unsigned *skip)
{
    static const struct {
        const char *name;
        unsigned bit;
    } NAMES[] = {{"breakeven", TCO_SKIP_BREAKEVEN},
                 {"compare", TCO_SKIP_COMPARE},
                 {"sensitivity", TCO_SKIP_SENSITIVITY}};
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
    o->min_dev_hours = TCO_DEFAULT_MIN_DEV_HOURS;
    o->min_time_to_market = TCO_DEFAULT_MIN_TIME_TO_MARKET;
    o->notification_threshold = TCO_DEFAULT_NOTIFICATION_THRESHOLD;
    o->seat_threshold = TCO_DEFAULT_SEAT_THRESHOLD;
    o->deviation_required = TCO_DEFAULT_DEVIATION_REQUIRED;
    o->deviation_shift = TCO_DEFAULT_DEVIATION_SHIFT;
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

    /* getopt_long's table, from OPTIONS */
    struct option long_options[N_OPTIONS + 1];
    for (size_t k = 0; k < N_OPTIONS; k++)
        long_options[k] = (struct option){OPTIONS[k].name,
                                          OPTIONS[k].arg ? required_argument : no_argument, NULL,
                                          OPTIONS[k].id};
    long_options[N_OPTIONS] = (struct option){NULL, 0, NULL, 0};
    o->prices = tco_xcalloc((size_t)argc, sizeof *o->prices);
    o->files = tco_xcalloc((size_t)argc, sizeof *o->files);
    int sub_argc = argc - 1;
    char **sub_argv = argv + 1;
    optind = 0; /* glibc: 0 re-initialises getopt's state */
    opterr = 0;
    for (;;) {
        int longidx = -1;
        int c = getopt_long(sub_argc, sub_argv, ":", long_options, &longidx);
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
        if (!takes(o->command, c)) {
            snprintf(err, err_size, "%s: option --%s does not apply; see tcosim help %s", cmd,
                     option_of(c)->name, cmd);
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
            if (!parse_u64(optarg, 1, TCO_MAX_TRIALS, &v)) {
                snprintf(err, err_size,
                         "--trials: expected a whole number from 1 to %lu, got \"%s\"",
                         TCO_MAX_TRIALS, optarg);
                return TCO_EUSAGE;
            }
            o->trials = (unsigned long)v;
            break;
        case OPT_SEED:
            if (!parse_u64(optarg, 0, UINT64_MAX, &v)) {
                snprintf(err, err_size, "--seed: expected a whole number from 0 to %llu, got \"%s\"",
                         (unsigned long long)UINT64_MAX, optarg);
                return TCO_EUSAGE;
            }
            o->seed = v;
            break;
        case OPT_THREADS:
            if (!parse_u64(optarg, 1, TCO_MAX_THREADS, &v)) {
                snprintf(err, err_size, "--threads: expected a whole number from 1 to %d, got \"%s\"",
                         TCO_MAX_THREADS, optarg);
                return TCO_EUSAGE;
            }
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
        case OPT_STRICT:
            o->strict = true;
            break;
        case OPT_PLOTS:
            o->plots = true;
            break;
        case OPT_BUDGET: {
            /* $ per month: a plain number >= 0, as a cell writes it (`$` allowed) */
            tco_value bv;
            size_t pos;
            if (tco_value_parse(optarg, &bv, &pos) != NULL || bv.dist != TCO_DIST_CONST ||
                !(bv.a >= 0) || !isfinite(bv.a)) {
                char hint[160];
                if (tco_value_explain(optarg, hint, sizeof hint))
                    return usage(err, err_size, "--budget: expected %s, got \"%s\"", hint,
                                 optarg);
                return usage(err, err_size,
                             "--budget: expected a monthly bill in $, a number >= 0, got \"%s\"%s",
                             optarg, "");
            }
            o->has_budget = true;
            o->budget = bv.a;
            break;
        }
        case OPT_SCHEDULE:
            if (!*optarg)
                return usage(err, err_size,
                             "--schedule: expected a file name, got \"%s\"%s", optarg,
                             " (an empty argument: an unset shell variable?)");
            if (o->schedule)
                return usage(err, err_size,
                             "--schedule: expected one schedule file, got a second, \"%s\"%s",
                             optarg, " (one file plans every scenario of the run)");
            o->schedule = optarg;
            break;
        case OPT_CORRELATIONS:
            if (!*optarg)
                return usage(err, err_size, "--correlations: expected a file name, got \"%s\"%s",
                             optarg, " (an empty argument: an unset shell variable?)");
            if (o->correlations)
                return usage(err, err_size,
                             "--correlations: expected one file, got a second, \"%s\"%s", optarg,
                             " (a run takes one correlations file: put every pair in it)");
            o->correlations = optarg;
            break;
        case OPT_PRECISION:
            if (!parse_threshold(optarg, &o->precision) || !(o->precision > 0) ||
                !(o->precision < 1))
                return usage(err, err_size,
                             "--precision: expected a relative precision above 0 and below 1 "
                             "(0.5%% or 0.005), got \"%s\"%s",
                             optarg, "");
            break;
        case OPT_ANTITHETIC:
            o->antithetic = true;
            break;
        case OPT_SKIP:
            if (!parse_skip(optarg, &o->skip))
                return usage(err, err_size,
                             "--skip: expected a comma-separated list of breakeven, compare, "
                             "sensitivity, got \"%s\"%s",
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
                         option_of(c)->name, optarg);
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
                         option_of(c)->name,
                         seats ? TCO_MAX_SEATS_TEXT : TCO_MAX_NOTIFICATIONS_TEXT, optarg);
                return TCO_EUSAGE;
            }
            break;
        }
        case OPT_STEPS:
            if (!parse_u64(optarg, TCO_MIN_STEPS, TCO_MAX_STEPS, &v)) {
                snprintf(err, err_size, "--steps: expected a whole number from %d to %d, got \"%s\"",
                         TCO_MIN_STEPS, TCO_MAX_STEPS, optarg);
                return TCO_EUSAGE;
            }
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
