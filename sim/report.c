/* SPDX-License-Identifier: MIT */
/* report: the table report, the CSV files of SPEC §6 and the JSON document.
 *
 * Nothing here computes a statistic: quantiles come from the sketches, means from the
 * moments, p_cheapest from the engine. Every CSV byte of a cell goes through libcsv.
 */
#include "tco/report.h"

#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tco/csvwrite.h"
#include "tco/defaults.h"
#include "tco/numfmt.h"
#include "tco/table_csv.h"
#include "tco/table_json.h"
#include "tco/xalloc.h"

/* ---- number formats -------------------------------------------------------------------- */

void tco_report_format_number(char *buf, size_t size, double x)
{
    tco_csvw_format_number(buf, size, x);
}

/* ---- summary.csv ----------------------------------------------------------------------- */

enum {
    SUMMARY_FILE, SUMMARY_SCENARIO, SUMMARY_OPTION, SUMMARY_TRIALS, SUMMARY_MEAN, SUMMARY_SD,
    SUMMARY_P05, SUMMARY_P25, SUMMARY_P50, SUMMARY_P75, SUMMARY_P95, SUMMARY_P_CHEAPEST,
    SUMMARY_MEAN_SE, SUMMARY_P_CHEAPEST_SE, SUMMARY_P_CHEAPEST_LO, SUMMARY_P_CHEAPEST_HI,
    SUMMARY_OFFERED, SUMMARY_NOT_OFFERED_REASON, SUMMARY_MONTHS, SUMMARY_SEED, SUMMARY_VERSION,
    SUMMARY_NOTE, SUMMARY_MAX_BILL_P50, SUMMARY_MAX_BILL_P95, SUMMARY_BUDGET,
    SUMMARY_P_OVER_BUDGET, SUMMARY_P_OVER_BUDGET_SE, SUMMARY_P_OVER_BUDGET_LO,
    SUMMARY_P_OVER_BUDGET_HI, N_SUMMARY
};
static const tco_column SUMMARY_COLUMNS[N_SUMMARY] = {
    [SUMMARY_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [SUMMARY_SCENARIO] = {"scenario", TCO_COLUMN_TEXT, true},
    [SUMMARY_OPTION] = {"option", TCO_COLUMN_TEXT, false},
    [SUMMARY_TRIALS] = {"trials", TCO_COLUMN_COUNT, false},
    [SUMMARY_MEAN] = {"mean", TCO_COLUMN_REAL, false},
    [SUMMARY_SD] = {"sd", TCO_COLUMN_REAL, false},
    [SUMMARY_P05] = {"p05", TCO_COLUMN_REAL, false},
    [SUMMARY_P25] = {"p25", TCO_COLUMN_REAL, false},
    [SUMMARY_P50] = {"p50", TCO_COLUMN_REAL, false},
    [SUMMARY_P75] = {"p75", TCO_COLUMN_REAL, false},
    [SUMMARY_P95] = {"p95", TCO_COLUMN_REAL, false},
    [SUMMARY_P_CHEAPEST] = {"p_cheapest", TCO_COLUMN_REAL, false},
    [SUMMARY_MEAN_SE] = {"mean_se", TCO_COLUMN_REAL, false},
    [SUMMARY_P_CHEAPEST_SE] = {"p_cheapest_se", TCO_COLUMN_REAL, false},
    [SUMMARY_P_CHEAPEST_LO] = {"p_cheapest_lo", TCO_COLUMN_REAL, false},
    [SUMMARY_P_CHEAPEST_HI] = {"p_cheapest_hi", TCO_COLUMN_REAL, false},
    [SUMMARY_OFFERED] = {"offered", TCO_COLUMN_FLAG, false},
    [SUMMARY_NOT_OFFERED_REASON] = {"not_offered_reason", TCO_COLUMN_TEXT, false},
    [SUMMARY_MONTHS] = {"months", TCO_COLUMN_COUNT, false},
    /* text: a 64-bit seed does not fit JSON's safe integers, its decimal string keeps it exact */
    [SUMMARY_SEED] = {"seed", TCO_COLUMN_TEXT, false},
    [SUMMARY_VERSION] = {"version", TCO_COLUMN_TEXT, false},
    [SUMMARY_NOTE] = {"note", TCO_COLUMN_TEXT, false},
    /* SPEC §10 bill shock; the budget columns are empty without --budget */
    [SUMMARY_MAX_BILL_P50] = {"max_bill_p50", TCO_COLUMN_REAL, false},
    [SUMMARY_MAX_BILL_P95] = {"max_bill_p95", TCO_COLUMN_REAL, false},
    [SUMMARY_BUDGET] = {"budget", TCO_COLUMN_REAL, false},
    [SUMMARY_P_OVER_BUDGET] = {"p_over_budget", TCO_COLUMN_REAL, false},
    [SUMMARY_P_OVER_BUDGET_SE] = {"p_over_budget_se", TCO_COLUMN_REAL, false},
    [SUMMARY_P_OVER_BUDGET_LO] = {"p_over_budget_lo", TCO_COLUMN_REAL, false},
    [SUMMARY_P_OVER_BUDGET_HI] = {"p_over_budget_hi", TCO_COLUMN_REAL, false},
};
/* The option object's members in the order the document has always had; months, seed and
 * version (also on the scenario and the document) last, as they were added (issue 15). */
static const size_t SUMMARY_JSON_ORDER[] = {
    SUMMARY_OPTION, SUMMARY_OFFERED, SUMMARY_NOTE, SUMMARY_NOT_OFFERED_REASON, SUMMARY_TRIALS,
    SUMMARY_MEAN, SUMMARY_SD, SUMMARY_MEAN_SE, SUMMARY_P05, SUMMARY_P25, SUMMARY_P50,
    SUMMARY_P75, SUMMARY_P95, SUMMARY_P_CHEAPEST, SUMMARY_P_CHEAPEST_SE, SUMMARY_P_CHEAPEST_LO,
    SUMMARY_P_CHEAPEST_HI, SUMMARY_MONTHS, SUMMARY_SEED, SUMMARY_VERSION,
    SUMMARY_MAX_BILL_P50, SUMMARY_MAX_BILL_P95, SUMMARY_BUDGET, SUMMARY_P_OVER_BUDGET,
    SUMMARY_P_OVER_BUDGET_SE, SUMMARY_P_OVER_BUDGET_LO, SUMMARY_P_OVER_BUDGET_HI,
};
static const tco_table_spec SUMMARY_SPEC = {
    "summary", "options", SUMMARY_COLUMNS, N_SUMMARY, SUMMARY_JSON_ORDER,
    sizeof SUMMARY_JSON_ORDER / sizeof SUMMARY_JSON_ORDER[0]};

/* The quantiles of summary.csv, SPEC §6, in column order from SUMMARY_P05. */
static const double SUMMARY_Q[] = {0.05, 0.25, 0.50, 0.75, 0.95};
#define N_SUMMARY_Q 5

/* Adds the summary rows of one scenario: one per option, a not offered one with trials 0 and
 * no statistics. */
static void summary_rows(tco_table *t, const tco_report_item *item)
{
    const tco_result *r = item->result;
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
    for (size_t o = 0; o < r->options.n; o++) {
        const tco_option *opt = &r->options.items[o];
        const tco_option_result *res = &r->per_option[o];
        tco_table_text(t, item->file);
        tco_table_text(t, r->scenario->name);
        tco_table_text(t, opt->name);
        if (opt->offered) {
            tco_table_count(t, res->tco.n);
            tco_table_real(t, res->tco.mean);
            tco_table_real(t, tco_moments_sd(&res->tco));
            for (size_t q = 0; q < N_SUMMARY_Q; q++)
                tco_table_real(t, tco_sketch_quantile(&res->tco_q, SUMMARY_Q[q]));
            double se, lo, hi;
            const double p = tco_result_p_cheapest(r, o, &se);
            tco_result_p_cheapest_interval(r, o, &lo, &hi);
            tco_table_real(t, p);
            tco_table_real(t, tco_result_mean_se(r, o));
            tco_table_real(t, se);
            tco_table_real(t, lo);
            tco_table_real(t, hi);
        } else {
            tco_table_count(t, 0);
            for (size_t c = SUMMARY_MEAN; c < SUMMARY_OFFERED; c++)
                tco_table_real(t, NAN);
        }
        tco_table_flag(t, opt->offered);
        /* absent (JSON null) when offered; the reason, maybe empty, when not */
        tco_table_text(t, opt->offered ? NULL
                                       : opt->not_offered_why ? opt->not_offered_why : "");
        tco_table_count(t, (uint64_t)r->months);
        tco_table_text(t, seed);
        tco_table_text(t, TCO_VERSION);
        tco_table_text(t, opt->note);
        const bool stats = opt->offered && res->tco.n > 0;
        tco_table_real(t, stats ? tco_sketch_quantile(&res->max_bill_q, 0.50) : NAN);
        tco_table_real(t, stats ? tco_sketch_quantile(&res->max_bill_q, 0.95) : NAN);
        tco_table_real(t, r->has_budget ? r->budget : NAN);
        double p = NAN, se = NAN, lo = NAN, hi = NAN;
        if (stats && r->has_budget)
            p = tco_result_p_over_budget(r, o, &se, &lo, &hi);
        tco_table_real(t, p);
        tco_table_real(t, se);
        tco_table_real(t, lo);
        tco_table_real(t, hi);
        tco_table_end_row(t);
    }
}

/* ---- monthly.csv and histogram.csv: tables (tco/table.h) --------------------------------- */

enum {
    MONTHLY_FILE, MONTHLY_SCENARIO, MONTHLY_OPTION, MONTHLY_MONTH, MONTHLY_COST_MEAN,
    MONTHLY_COST_P05, MONTHLY_COST_P50, MONTHLY_COST_P95, MONTHLY_CUMULATIVE_P50,
    MONTHLY_CUMULATIVE_P05, MONTHLY_CUMULATIVE_P95, MONTHLY_TRIALS, N_MONTHLY
};
static const tco_column MONTHLY_COLUMNS[N_MONTHLY] = {
    [MONTHLY_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [MONTHLY_SCENARIO] = {"scenario", TCO_COLUMN_TEXT, true},
    [MONTHLY_OPTION] = {"option", TCO_COLUMN_TEXT, true},
    [MONTHLY_MONTH] = {"month", TCO_COLUMN_COUNT, false},
    [MONTHLY_COST_MEAN] = {"cost_mean", TCO_COLUMN_REAL, false},
    [MONTHLY_COST_P05] = {"cost_p05", TCO_COLUMN_REAL, false},
    [MONTHLY_COST_P50] = {"cost_p50", TCO_COLUMN_REAL, false},
    [MONTHLY_COST_P95] = {"cost_p95", TCO_COLUMN_REAL, false},
    [MONTHLY_CUMULATIVE_P50] = {"cumulative_p50", TCO_COLUMN_REAL, false},
    [MONTHLY_CUMULATIVE_P05] = {"cumulative_p05", TCO_COLUMN_REAL, false},
    [MONTHLY_CUMULATIVE_P95] = {"cumulative_p95", TCO_COLUMN_REAL, false},
    [MONTHLY_TRIALS] = {"trials", TCO_COLUMN_COUNT, false},
};
static const tco_table_spec MONTHLY_SPEC = {"monthly", "monthly", MONTHLY_COLUMNS, N_MONTHLY,
                                            NULL, 0};

/* Adds the monthly rows of one scenario. */
static void monthly_rows(tco_table *t, const tco_report_item *item)
{
    const tco_result *r = item->result;
    for (size_t o = 0; o < r->options.n; o++) {
        const tco_option *opt = &r->options.items[o];
        const tco_option_result *res = &r->per_option[o];
        if (!opt->offered || res->tco.n == 0)
            continue;
        for (int m = 0; m < r->months; m++) {
            tco_table_text(t, item->file);
            tco_table_text(t, r->scenario->name);
            tco_table_text(t, opt->name);
            tco_table_count(t, (uint64_t)m + 1);
            tco_table_real(t, res->month_sum[m] / (double)res->tco.n);
            tco_table_real(t, tco_sketch_quantile(&res->month_q[m], 0.05));
            tco_table_real(t, tco_sketch_quantile(&res->month_q[m], 0.50));
            tco_table_real(t, tco_sketch_quantile(&res->month_q[m], 0.95));
            tco_table_real(t, tco_sketch_quantile(&res->cum_q[m], 0.50));
            tco_table_real(t, tco_sketch_quantile(&res->cum_q[m], 0.05));
            tco_table_real(t, tco_sketch_quantile(&res->cum_q[m], 0.95));
            tco_table_count(t, res->tco.n);
            tco_table_end_row(t);
        }
    }
}

enum {
    HISTOGRAM_FILE, HISTOGRAM_SCENARIO, HISTOGRAM_OPTION, HISTOGRAM_BIN_LOW, HISTOGRAM_BIN_HIGH,
    HISTOGRAM_COUNT, N_HISTOGRAM
};
static const tco_column HISTOGRAM_COLUMNS[N_HISTOGRAM] = {
    [HISTOGRAM_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [HISTOGRAM_SCENARIO] = {"scenario", TCO_COLUMN_TEXT, true},
    [HISTOGRAM_OPTION] = {"option", TCO_COLUMN_TEXT, true},
    [HISTOGRAM_BIN_LOW] = {"bin_low", TCO_COLUMN_REAL, false},
    [HISTOGRAM_BIN_HIGH] = {"bin_high", TCO_COLUMN_REAL, false},
    [HISTOGRAM_COUNT] = {"count", TCO_COLUMN_COUNT, false},
};
static const tco_table_spec HISTOGRAM_SPEC = {"histogram", "histogram", HISTOGRAM_COLUMNS,
                                              N_HISTOGRAM, NULL, 0};

/* Adds the histogram rows of one scenario. */
static void histogram_rows(tco_table *t, const tco_report_item *item)
{
    const tco_result *r = item->result;
    for (size_t o = 0; o < r->options.n; o++) {
        if (!r->options.items[o].offered)
            continue;
        gsl_histogram *h =
            tco_sketch_histogram_equal(&r->per_option[o].tco_q, TCO_HISTOGRAM_MAX_BINS);
        if (!h)
            continue;
        for (size_t b = 0; b < gsl_histogram_bins(h); b++) {
            double lo, hi;
            gsl_histogram_get_range(h, b, &lo, &hi);
            tco_table_text(t, item->file);
            tco_table_text(t, r->scenario->name);
            tco_table_text(t, r->options.items[o].name);
            tco_table_real(t, lo);
            tco_table_real(t, hi);
            tco_table_count(t, (uint64_t)gsl_histogram_get(h, b));
            tco_table_end_row(t);
        }
        gsl_histogram_free(h);
    }
}

tco_table *tco_report_whole_table(const tco_table_spec *spec, const tco_report_item *items,
                                  size_t n, void (*rows)(tco_table *, const tco_report_item *))
{
    tco_table *t = tco_table_alloc(spec);
    for (size_t i = 0; i < n; i++)
        rows(t, &items[i]);
    return t;
}

int tco_report_csv_by_scenario(FILE *out, const tco_table_spec *spec,
                               const tco_report_item *items, size_t n,
                               void (*rows)(tco_table *, const tco_report_item *))
{
    tco_table *t = tco_table_alloc(spec);
    int rc = tco_table_csv_header(out, spec);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rows(t, &items[i]);
        rc = tco_table_csv_rows(out, t);
        tco_table_clear(t);
    }
    tco_table_free(t);
    return rc;
}

tco_table *tco_report_summary_table(const tco_report_item *items, size_t n)
{
    return tco_report_whole_table(&SUMMARY_SPEC, items, n, summary_rows);
}

tco_table *tco_report_monthly_table(const tco_report_item *items, size_t n)
{
    return tco_report_whole_table(&MONTHLY_SPEC, items, n, monthly_rows);
}

tco_table *tco_report_histogram_table(const tco_report_item *items, size_t n)
{
    return tco_report_whole_table(&HISTOGRAM_SPEC, items, n, histogram_rows);
}

int tco_report_summary_csv(FILE *out, const tco_report_item *items, size_t n)
{
    return tco_report_csv_by_scenario(out, &SUMMARY_SPEC, items, n, summary_rows);
}

int tco_report_monthly_csv(FILE *out, const tco_report_item *items, size_t n)
{
    return tco_report_csv_by_scenario(out, &MONTHLY_SPEC, items, n, monthly_rows);
}

int tco_report_histogram_csv(FILE *out, const tco_report_item *items, size_t n)
{
    return tco_report_csv_by_scenario(out, &HISTOGRAM_SPEC, items, n, histogram_rows);
}

/* ---- table ----------------------------------------------------------------------------- */

size_t *tco_report_rank(const tco_result *r, size_t *n_offered)
{
    /* a stable insertion sort: option counts are small and the order must not depend on
     * qsort's implementation */
    size_t *order = tco_xcalloc(r->options.n + 1, sizeof *order);
    size_t k = 0;
    for (size_t o = 0; o < r->options.n; o++)
        if (r->options.items[o].offered && r->per_option[o].tco.n > 0)
            order[k++] = o;
    *n_offered = k;
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0; j--) {
            const double a = r->per_option[order[j]].tco.mean;
            const double b = r->per_option[order[j - 1]].tco.mean;
            if (!(a < b))
                break;
            const size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (size_t o = 0; o < r->options.n; o++)
        if (!(r->options.items[o].offered && r->per_option[o].tco.n > 0))
            order[k++] = o;
    return order;
}

void tco_report_pad(FILE *out, const char *s, size_t width, bool right)
{
    const size_t w = tco_diag_text_width(s);
    const int fill = (int)(width > w ? width - w : 0);
    if (right)
        fprintf(out, "%*s%s", fill, "", s);
    else
        fprintf(out, "%s%*s", s, fill, "");
}

size_t tco_report_line_width(void)
{
    const char *s = getenv("COLUMNS");
    if (s && *s) {
        char *end;
        errno = 0;
        const unsigned long n = strtoul(s, &end, 10);
        if (errno == 0 && *end == '\0' && n >= 40 && n <= 1000)
            return (size_t)n;
    }
    return 100;
}

void tco_report_print_hanging(FILE *out, const char *prefix, const char *text, int indent,
                              size_t width)
{
    fputs(prefix, out);
    size_t col = tco_diag_text_width(prefix);
    bool fresh = true; /* nothing of the text on this line yet */
    const char *s = text;
    while (*s) {
        const char *e = s;
        while (*e && *e != ' ')
            e++;
        const size_t len = (size_t)(e - s);
        if (!fresh && col + 1 + len > width) {
            fprintf(out, "\n%*s", indent, "");
            col = (size_t)indent;
            fresh = true;
        }
        if (!fresh) {
            fputc(' ', out);
            col++;
        }
        fwrite(s, 1, len, out);
        col += len;
        fresh = false;
        s = *e ? e + 1 : e;
    }
    fputc('\n', out);
}

void tco_report_print_wrapped(FILE *out, const char *text, int indent, size_t width)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%*s", indent < 60 ? indent : 60, "");
    tco_report_print_hanging(out, prefix, text, indent, width);
}

/* An option's name where it is longer than its column: on lines of its own, broken after a
 * '+' or '/' (a hybrid's two plans, a vendor and its plan) or at a space, so that its numbers
 * can follow on the next line in their columns. Names are printable text; a break falls only
 * at an ASCII character, never inside a UTF-8 sequence. */
void tco_report_print_long_name(FILE *out, int indent, const char *rank, const char *name,
                                size_t line)
{
    const size_t lead = (size_t)indent + 6; /* the indent, the rank column, two spaces */
    const size_t room = line > lead + 16 ? line - lead : 16;
    const char *s = name;
    bool first = true;
    while (*s) {
        size_t cols = 0, cut = 0;
        const char *p = s;
        for (; *p && cols < room; p++) {
            if (((unsigned char)*p & 0xC0) != 0x80)
                cols++;
            if (*p == '+' || *p == '/' || *p == ' ')
                cut = (size_t)(p - s) + 1;
        }
        size_t n = !*p ? (size_t)(p - s) : cut ? cut : (size_t)(p - s);
        while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80)
            n++; /* never end inside a character */
        fprintf(out, "%*s%4s  %.*s\n", indent, "", first ? rank : "", (int)n, s);
        first = false;
        s += n;
    }
}

void tco_report_heading(FILE *out, const char *scenario, const char *file)
{
    char *name = tco_diag_printable(scenario);
    char *path = tco_diag_printable(file);
    fprintf(out, "%s (%s)", name, path);
    free(name);
    free(path);
}

/* The money columns of the ranking: mean TCO, p05, p50, p95 of the TCO, and SPEC §10's bill
 * shock, the p95 of the largest monthly bill; with --budget a share column follows
 * p_cheapest: the trials with a month over budget. Where the line is too narrow for them all,
 * p50, then p05, then p95 are left out (DROP_ORDER), in that order; p50 also where that puts
 * more option names on their row. */
enum { MONEY_MEAN, MONEY_P05, MONEY_P50, MONEY_P95, MONEY_MAX_BILL, N_MONEY_COLUMNS };
static const int DROP_ORDER[] = {MONEY_P50, MONEY_P05, MONEY_P95};
/* At least this wide ("$1,234,567"), so that everyday tables line up from one run to the
 * next. */
#define MONEY_COLUMN_MIN 10
/* The p_cheapest column: "99.86% ± 0.04%" and the like. */
#define SHARE_COLUMN 14

/* *text with a printf-formatted tail appended (a new string; the old one is freed). */
static void append_text(char **text, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void append_text(char **text, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tail[256];
    vsnprintf(tail, sizeof tail, fmt, ap);
    va_end(ap);
    char *joined = tco_xasprintf("%s%s", *text, tail);
    free(*text);
    *text = joined;
}

/* Whether the note of the k-th ranked option was printed already, by an earlier offered one:
 * the migrations of a UCaaS plan (SPEC §12.2) carry its note, said once. */
static bool note_printed(const tco_result *r, const size_t *order, size_t k)
{
    const char *note = r->options.items[order[k]].note;
    for (size_t j = 0; j < k; j++) {
        const tco_option *o = &r->options.items[order[j]];
        if (o->offered && o->note && strcmp(o->note, note) == 0)
            return true;
    }
    return false;
}

/* SPEC §11: how the trial count came about, for the heading: " in antithetic pairs", and with
 * --precision whether it was met at a check point or the cap (--trials) came first. */
static void run_how(char *buf, size_t size, const tco_result *r)
{
    const char *pairs = r->antithetic ? " in antithetic pairs" : "";
    if (!(r->precision > 0)) {
        snprintf(buf, size, "%s", pairs);
        return;
    }
    char cap[32];
    tco_numfmt_count(cap, sizeof cap, r->trials_cap);
    if (r->precision_met)
        snprintf(buf, size, "%s (precision %.15g%% met)", pairs, 100 * r->precision);
    else
        snprintf(buf, size, "%s (the cap %s reached before precision %.15g%%)", pairs, cap,
                 100 * r->precision);
}

static void table_one(FILE *out, const tco_report_item *item, const tco_report_section *sections,
                      size_t n_sections)
{
    static const char *const MONEY_HEADINGS[N_MONEY_COLUMNS] = {"mean TCO", "p05", "p50", "p95",
                                                                "max bill"};
    const tco_result *r = item->result;
    char trials[32];
    tco_numfmt_count(trials, sizeof trials, r->n_trials);
    {
        char *name = tco_diag_printable(r->scenario->name);
        char *path = tco_diag_printable(item->file);
        char how[160];
        run_how(how, sizeof how, r);
        char *heading = tco_xasprintf("%s (%s): %d months, %s trials%s, seed %llu", name, path,
                                      r->months, trials, how, (unsigned long long)r->seed);
        tco_report_print_wrapped(out, heading, 0, tco_report_line_width());
        free(heading);
        free(path);
        free(name);
    }
    for (size_t k = 0; k < n_sections; k++)
        if (sections[k].table_before)
            sections[k].table_before(out, item, sections[k].ctx);
    size_t n_offered;
    size_t *order = tco_report_rank(r, &n_offered);
    /* every cell first, so that each column is as wide as its widest cell: a number is never
     * cut, and a long one shifts the columns after it, not its neighbours' digits */
    char (*cells)[N_MONEY_COLUMNS][32] = tco_xcalloc(r->options.n + 1, sizeof *cells);
    size_t width = strlen("option"), money_width[N_MONEY_COLUMNS];
    for (size_t c = 0; c < N_MONEY_COLUMNS; c++)
        money_width[c] = MONEY_COLUMN_MIN;
    for (size_t o = 0; o < r->options.n; o++) {
        size_t len = tco_diag_text_width(r->options.items[o].name);
        if (len > width)
            width = len;
        if (!r->options.items[o].offered)
            continue;
        const tco_option_result *res = &r->per_option[o];
        const double v[N_MONEY_COLUMNS] = {res->tco.mean, tco_sketch_quantile(&res->tco_q, 0.05),
                                           tco_sketch_quantile(&res->tco_q, 0.50),
                                           tco_sketch_quantile(&res->tco_q, 0.95),
                                           tco_sketch_quantile(&res->max_bill_q, 0.95)};
        for (size_t c = 0; c < N_MONEY_COLUMNS; c++) {
            tco_numfmt_money(cells[o][c], sizeof cells[o][c], v[c]);
            if (strlen(cells[o][c]) > money_width[c])
                money_width[c] = strlen(cells[o][c]);
        }
    }
    /* the table fits the line (tco_report_line_width): the option column takes what the
     * numbers leave, and a longer name gets lines of its own above its numbers */
    const size_t line = tco_report_line_width();
    bool shown[N_MONEY_COLUMNS];
    size_t numbers = (2 + SHARE_COLUMN) * (r->has_budget ? 2 : 1);
    for (size_t c = 0; c < N_MONEY_COLUMNS; c++) {
        shown[c] = true;
        numbers += 2 + money_width[c];
    }
    for (size_t d = 0; d < sizeof DROP_ORDER / sizeof DROP_ORDER[0] && 8 + numbers + 6 > line;
         d++) {
        shown[DROP_ORDER[d]] = false;
        numbers -= 2 + money_width[DROP_ORDER[d]];
    }
    /* the median too, where that puts more names on their row */
    if (shown[MONEY_P50]) {
        const size_t without = numbers - 2 - money_width[MONEY_P50];
        const size_t room_with = line > 8 + numbers ? line - 8 - numbers : 0;
        const size_t room_without = line > 8 + without ? line - 8 - without : 0;
        size_t fit_with = 0, fit_without = 0;
        for (size_t o = 0; o < r->options.n; o++) {
            const size_t len = tco_diag_text_width(r->options.items[o].name);
            fit_with += len <= room_with;
            fit_without += len <= room_without;
        }
        if (fit_without > fit_with) {
            shown[MONEY_P50] = false;
            numbers = without;
        }
    }
    const size_t room = line > 8 + numbers + 6 ? line - 8 - numbers : 6; /* "option" */
    if (width > room)
        width = room;
    fprintf(out, "  %4s  ", "rank");
    tco_report_pad(out, "option", width, false);
    for (size_t c = 0; c < N_MONEY_COLUMNS; c++) {
        if (!shown[c])
            continue;
        fputs("  ", out);
        tco_report_pad(out, MONEY_HEADINGS[c], money_width[c], true);
    }
    fputs(r->has_budget ? "  p_cheapest    over budget\n" : "  p_cheapest\n", out);
    for (size_t k = 0; k < r->options.n; k++) {
        const size_t o = order[k];
        const tco_option *opt = &r->options.items[o];
        const bool long_name = tco_diag_text_width(opt->name) > width;
        if (!opt->offered) {
            char *why = tco_diag_printable(opt->not_offered_why ? opt->not_offered_why : "");
            if (long_name) {
                tco_report_print_long_name(out, 2, "-", opt->name, line);
                char *text = tco_xasprintf("not offered: %s", why);
                tco_report_print_wrapped(out, text, 8, line);
                free(text);
            } else {
                fprintf(out, "  %4s  ", "-");
                tco_report_pad(out, opt->name, width, false);
                fprintf(out, "  not offered: %s\n", why);
            }
            free(why);
            continue;
        }
        double se;
        double p = tco_result_p_cheapest(r, o, &se);
        char share[48];
        tco_numfmt_share(share, sizeof share, p, se, (double)r->per_option[o].tco.n);
        char rank[24];
        snprintf(rank, sizeof rank, "%zu", k + 1);
        if (long_name) {
            tco_report_print_long_name(out, 2, rank, opt->name, line);
            fprintf(out, "  %4s  ", "");
            tco_report_pad(out, "", width, false);
        } else {
            fprintf(out, "  %4s  ", rank);
            tco_report_pad(out, opt->name, width, false);
        }
        for (size_t c = 0; c < N_MONEY_COLUMNS; c++) {
            if (!shown[c])
                continue;
            fputs("  ", out);
            tco_report_pad(out, cells[o][c], money_width[c], true);
        }
        if (r->has_budget) {
            double bse, blo, bhi;
            const double bp = tco_result_p_over_budget(r, o, &bse, &blo, &bhi);
            char over[48];
            tco_numfmt_share(over, sizeof over, bp, bse, (double)r->per_option[o].tco.n);
            fprintf(out, "  %-*s  %s\n", SHARE_COLUMN, share, over);
        } else {
            fprintf(out, "  %s\n", share);
        }
    }
    free(cells);
    if (n_offered > 0) {
        /* the month-by-month picture of the leader, in one line */
        const size_t o = order[0];
        const tco_option_result *res = &r->per_option[o];
        const int last = r->months - 1, mid = r->months / 2;
        char m1[40], mm[40], ml[40], lo[40], hi[40];
        tco_numfmt_money(m1, sizeof m1, tco_sketch_quantile(&res->month_q[0], 0.5));
        tco_numfmt_money(mm, sizeof mm, tco_sketch_quantile(&res->month_q[mid], 0.5));
        tco_numfmt_money(ml, sizeof ml, tco_sketch_quantile(&res->month_q[last], 0.5));
        tco_numfmt_money(lo, sizeof lo, tco_sketch_quantile(&res->month_q[last], 0.05));
        tco_numfmt_money(hi, sizeof hi, tco_sketch_quantile(&res->month_q[last], 0.95));
        /* months 1, the middle and the last, each named once (a short horizon has fewer) */
        char *text = tco_xasprintf("monthly cost of %s (median): %s in month 1",
                                   r->options.items[o].name, m1);
        if (mid > 0 && mid < last)
            append_text(&text, ", %s in month %d", mm, mid + 1);
        if (last > 0)
            append_text(&text, ", %s in month %d", ml, last + 1);
        append_text(&text, " (90%% of trials %s to %s)", lo, hi);
        tco_report_print_wrapped(out, text, 2, line);
        free(text);
        /* SPEC §10: what the bill-shock columns mean */
        char *bill = tco_xstrdup("max bill: the largest monthly bill of the horizon (vendor "
                                 "charges, not discounted), p95 over trials");
        if (r->has_budget) {
            char budget[40];
            tco_numfmt_money(budget, sizeof budget, r->budget);
            append_text(&bill, "; over budget: the trials with a month billed over %s", budget);
        }
        tco_report_print_wrapped(out, bill, 2, line);
        free(bill);
    }
    for (size_t k = 0; k < r->options.n; k++)
        if (r->options.items[order[k]].offered && r->options.items[order[k]].note &&
            !note_printed(r, order, k)) {
            char *note = tco_diag_printable(r->options.items[order[k]].note);
            char *text_line = tco_xasprintf("note: %s", note);
            tco_report_print_wrapped(out, text_line, 2, line);
            free(text_line);
            free(note);
        }
    free(order);
    for (size_t k = 0; k < n_sections; k++)
        if (sections[k].table_after)
            sections[k].table_after(out, item, sections[k].ctx);
}

int tco_report_table_sections(FILE *out, const tco_report_item *items, size_t n,
                              const tco_report_section *sections, size_t n_sections)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fputc('\n', out);
        table_one(out, &items[i], sections, n_sections);
    }
    return ferror(out) ? -1 : 0;
}

int tco_report_table(FILE *out, const tco_report_item *items, size_t n)
{
    return tco_report_table_sections(out, items, n, NULL, 0);
}

/* ---- JSON ------------------------------------------------------------------------------ */

void tco_report_options_json(void *scenario, const tco_report_item *item,
                             const tco_table *summary, const tco_table *monthly,
                             const tco_table *histogram)
{
    json_t *s = scenario;
    const tco_result *r = item->result;
    const char *const scenario_keys[] = {item->file, r->scenario->name};
    size_t summary_cursor = 0, monthly_cursor = 0, histogram_cursor = 0;
    tco_table_json_nest(s, summary, scenario_keys, 2, &summary_cursor);
    json_t *opts = json_object_get(s, "options");
    for (size_t o = 0; o < r->options.n; o++) {
        const tco_option *opt = &r->options.items[o];
        if (!opt->offered)
            continue;
        json_t *j = json_array_get(opts, o);
        const char *const keys[] = {item->file, r->scenario->name, opt->name};
        tco_table_json_nest(j, monthly, keys, 3, &monthly_cursor);
        tco_table_json_nest(j, histogram, keys, 3, &histogram_cursor);
    }
}

/* The options of one scenario from tables made for it alone (a file given twice makes two
 * scenarios with the same keys). */
static void options_json(void *scenario, const tco_report_item *item, void *ctx)
{
    (void)ctx;
    tco_table *summary = tco_report_summary_table(item, 1);
    tco_table *monthly = tco_report_monthly_table(item, 1);
    tco_table *histogram = tco_report_histogram_table(item, 1);
    tco_report_options_json(scenario, item, summary, monthly, histogram);
    tco_table_free(summary);
    tco_table_free(monthly);
    tco_table_free(histogram);
}

int tco_report_json(FILE *out, const tco_report_item *items, size_t n,
                    const tco_diag_list *errors)
{
    static const tco_report_section OPTIONS = {NULL, NULL, options_json, NULL};
    return tco_report_json_sections(out, items, n, errors, &OPTIONS, 1);
}

int tco_report_json_sections(FILE *out, const tco_report_item *items, size_t n,
                             const tco_diag_list *errors, const tco_report_section *sections,
                             size_t n_sections)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "tool", json_string("tcosim"));
    json_object_set_new(doc, "version", json_string(TCO_VERSION));
    json_object_set_new(doc, "command", json_string("run"));
    json_t *results = json_array();
    for (size_t i = 0; i < n; i++) {
        const tco_result *r = items[i].result;
        json_t *s = json_object();
        json_object_set_new(s, "file", tco_report_json_text(items[i].file));
        json_object_set_new(s, "scenario", tco_report_json_text(r->scenario->name));
        json_object_set_new(s, "months", json_integer(r->months));
        json_object_set_new(s, "trials", json_integer((json_int_t)r->n_trials));
        if (r->antithetic) /* SPEC §11; absent without, as before */
            json_object_set_new(s, "antithetic", json_true());
        if (r->precision > 0) {
            json_object_set_new(s, "precision", json_real(r->precision));
            json_object_set_new(s, "precision_met", json_boolean(r->precision_met));
            json_object_set_new(s, "trials_cap", json_integer((json_int_t)r->trials_cap));
        }
        /* a 64-bit seed does not fit JSON's safe integers: a decimal string keeps it exact */
        char seed[32];
        snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
        json_object_set_new(s, "seed", json_string(seed));
        for (size_t k = 0; k < n_sections; k++)
            if (sections[k].json)
                sections[k].json(s, &items[i], sections[k].ctx);
        json_array_append_new(results, s);
    }
    json_object_set_new(doc, "results", results);
    return tco_report_json_write(out, doc, errors);
}

json_t *tco_report_json_text(const char *s)
{
    char *text = tco_diag_utf8(s);
    json_t *j = json_string(text);
    free(text);
    return j ? j : json_string("");
}

json_t *tco_report_json_errors(const tco_diag_list *errors)
{
    json_t *errs = json_array();
    for (size_t i = 0; errors && i < errors->n; i++) {
        const tco_diag *d = &errors->items[i];
        char *line = tco_diag_format(d);
        json_t *e = json_object();
        json_object_set_new(e, "file", tco_report_json_text(d->file ? d->file : ""));
        json_object_set_new(e, "line", json_integer((json_int_t)d->line));
        json_object_set_new(e, "column", json_integer(d->col));
        json_object_set_new(e, "status", json_integer(d->status));
        if (d->warning) /* SPEC §8.4: status 0 unless --strict made it an error */
            json_object_set_new(e, "warning", json_true());
        json_object_set_new(e, "message", tco_report_json_text(line));
        free(line);
        json_array_append_new(errs, e);
    }
    return errs;
}

int tco_report_json_write(FILE *out, json_t *doc, const tco_diag_list *errors)
{
    json_object_set_new(doc, "errors", tco_report_json_errors(errors));
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (rc == 0 && fputc('\n', out) == EOF)
        rc = -1;
    return rc == 0 && !ferror(out) ? 0 : -1;
}
