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
#include <stdlib.h>
#include <string.h>

#include "tco/csvwrite.h"
#include "tco/defaults.h"
#include "tco/table_csv.h"
#include "tco/table_json.h"
#include "tco/xalloc.h"

/* The quantiles of summary.csv, SPEC §6. */
static const double SUMMARY_Q[] = {0.05, 0.25, 0.50, 0.75, 0.95};
static const char *const SUMMARY_Q_NAMES[] = {"p05", "p25", "p50", "p75", "p95"};
#define N_SUMMARY_Q 5

/* ---- number formats -------------------------------------------------------------------- */

void tco_report_format_number(char *buf, size_t size, double x)
{
    tco_csvw_format_number(buf, size, x);
}

/* Money above this is written in scientific form: grouped digits would be wider than a
 * column and claim a precision that a sum of 1e15 dollars does not have. */
#define MONEY_GROUPED_MAX 1e12

void tco_report_format_money(char *buf, size_t size, double x)
{
    if (!isfinite(x)) {
        snprintf(buf, size, "-");
        return;
    }
    const char *sign = x < 0 ? "-" : "";
    double a = fabs(x);
    /* decide on the amount as printed: 999.995 prints as 1000.00, so it is "$1,000" */
    char cents[64];
    snprintf(cents, sizeof cents, "%.2f", a);
    const double shown = strtod(cents, NULL);
    if (shown == 0 && a > 0) {
        /* below half a cent: "$0.00" would say nothing was spent */
        snprintf(buf, size, "%s$%.2e", sign, a);
        return;
    }
    if (shown < 1000) {
        snprintf(buf, size, "%s$%s", shown == 0 ? "" : sign, cents); /* never "-$0.00" */
        return;
    }
    char digits[64];
    snprintf(digits, sizeof digits, "%.0f", a);
    if (strtod(digits, NULL) >= MONEY_GROUPED_MAX) {
        snprintf(buf, size, "%s$%.3e", sign, a); /* "$1.180e+32": every digit shown is true */
        return;
    }
    size_t n = strlen(digits), o = 0;
    char out[64];
    o += (size_t)snprintf(out, sizeof out, "%s$", sign);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
}

/* x > 0 (in percent) rounded up to one significant digit, as text: 0.0384 -> "0.04", 1.26 -> "2",
 * 9.6 -> "10". */
static void ceil_one_digit(char *buf, size_t size, double x)
{
    const int e = (int)floor(log10(x));
    const double step = pow(10.0, e);
    snprintf(buf, size, "%.*f", e < 0 ? -e : 0, ceil(x / step) * step);
}

/* SPEC §6: "< X%" (X the 95% interval's upper end, rounded up) where p is 0 or too close to
 * 0 for its standard error to show, "> X%" (the lower end, rounded down) near 1. */
static void format_share_end(char *buf, size_t size, double p, double lo, double hi)
{
    char x[32];
    if (p <= 0.5) {
        ceil_one_digit(x, sizeof x, hi > 0 ? 100 * hi : 1e-9);
        snprintf(buf, size, "< %s%%", x);
        return;
    }
    /* 100 - X with X = 100 (1 - lo) rounded up: the lower end rounded down, same digits */
    const double gap = 100 * (1 - lo);
    ceil_one_digit(x, sizeof x, gap > 0 ? gap : 1e-9);
    const char *dot = strchr(x, '.');
    const int decimals = dot ? (int)strlen(dot + 1) : 0;
    snprintf(buf, size, "> %.*f%%", decimals, 100 - strtod(x, NULL));
}

void tco_report_format_share(char *buf, size_t size, double p, double se, double n)
{
    double lo, hi;
    tco_proportion_interval95(p * n, n, &lo, &hi);
    if (p <= 0 || p >= 1) {
        format_share_end(buf, size, p, lo, hi);
        return;
    }
    if (se <= 0) { /* the same share in every trial (a tie in each): no sampling error */
        snprintf(buf, size, "%5.1f%%", 100 * p);
        return;
    }
    /* as many decimals (1 to 3) as the standard error's first significant digit needs, once
     * rounded (0.0099 shows as 0.01, 0.05 as 0.05) */
    int d = 1;
    while (d < 3 && 100 * se < 0.95 * pow(10.0, -d))
        d++;
    if (100 * se < 0.95 * pow(10.0, -d)) {
        format_share_end(buf, size, p, lo, hi);
        return;
    }
    snprintf(buf, size, "%5.*f%% ± %.*f%%", d, 100 * p, d, 100 * se);
}

static void format_count(char *buf, size_t size, unsigned long long n)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", n);
    size_t len = strlen(digits), o = 0;
    for (size_t i = 0; i < len && o + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

/* ---- summary.csv ----------------------------------------------------------------------- */

int tco_report_summary_csv(FILE *out, const tco_report_item *items, size_t n)
{
    static const char *const HEADER[] = {
        "file", "scenario", "option", "trials", "mean", "sd", "p05", "p25", "p50", "p75", "p95",
        "p_cheapest", "mean_se", "p_cheapest_se", "p_cheapest_lo", "p_cheapest_hi", "offered",
        "not_offered_reason", "months", "seed", "version", "note"};
    tco_csvw w;
    tco_csvw_init(&w, out);
    tco_csvw_header(&w, HEADER, sizeof HEADER / sizeof HEADER[0]);
    for (size_t i = 0; i < n; i++) {
        const tco_result *r = items[i].result;
        for (size_t o = 0; o < r->options.n; o++) {
            const tco_option *opt = &r->options.items[o];
            const tco_option_result *res = &r->per_option[o];
            tco_csvw_text(&w, items[i].file);
            tco_csvw_text(&w, r->scenario->name);
            tco_csvw_text(&w, opt->name);
            if (opt->offered) {
                tco_csvw_u64(&w, res->tco.n);
                tco_csvw_num(&w, res->tco.mean);
                tco_csvw_num(&w, tco_moments_sd(&res->tco));
                for (size_t q = 0; q < N_SUMMARY_Q; q++)
                    tco_csvw_num(&w, tco_sketch_quantile(&res->tco_q, SUMMARY_Q[q]));
                double se;
                double p = tco_result_p_cheapest(r, o, &se);
                tco_csvw_num(&w, p);
                tco_csvw_num(&w, tco_moments_sem(&res->tco));
                tco_csvw_num(&w, se);
                double lo, hi;
                tco_result_p_cheapest_interval(r, o, &lo, &hi);
                tco_csvw_num(&w, lo);
                tco_csvw_num(&w, hi);
                tco_csvw_raw(&w, "yes");
                tco_csvw_raw(&w, "");
            } else {
                tco_csvw_u64(&w, 0);
                for (size_t k = 0; k < 8; k++)
                    tco_csvw_raw(&w, "");
                for (size_t k = 0; k < 4; k++) /* mean_se, p_cheapest_se, _lo, _hi */
                    tco_csvw_raw(&w, "");
                tco_csvw_raw(&w, "no");
                tco_csvw_text(&w, opt->not_offered_why ? opt->not_offered_why : "");
            }
            tco_csvw_u64(&w, (unsigned long long)r->months);
            tco_csvw_u64(&w, r->seed);
            tco_csvw_raw(&w, TCO_VERSION);
            tco_csvw_text(&w, opt->note ? opt->note : "");
            tco_csvw_end_row(&w);
        }
    }
    return tco_csvw_finish(&w);
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
        gsl_histogram *h = tco_sketch_histogram(&r->per_option[o].tco_q, TCO_HISTOGRAM_MAX_BINS);
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

/* A table of every item, filled by `rows` one item at a time. */
static tco_table *whole_table(const tco_table_spec *spec, const tco_report_item *items, size_t n,
                              void (*rows)(tco_table *, const tco_report_item *))
{
    tco_table *t = tco_table_alloc(spec);
    for (size_t i = 0; i < n; i++)
        rows(t, &items[i]);
    return t;
}

/* A table's CSV file, filled and written one scenario at a time: memory holds one scenario's
 * rows. */
static int csv_by_scenario(FILE *out, const tco_table_spec *spec, const tco_report_item *items,
                           size_t n, void (*rows)(tco_table *, const tco_report_item *))
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

tco_table *tco_report_monthly_table(const tco_report_item *items, size_t n)
{
    return whole_table(&MONTHLY_SPEC, items, n, monthly_rows);
}

tco_table *tco_report_histogram_table(const tco_report_item *items, size_t n)
{
    return whole_table(&HISTOGRAM_SPEC, items, n, histogram_rows);
}

int tco_report_monthly_csv(FILE *out, const tco_report_item *items, size_t n)
{
    return csv_by_scenario(out, &MONTHLY_SPEC, items, n, monthly_rows);
}

int tco_report_histogram_csv(FILE *out, const tco_report_item *items, size_t n)
{
    return csv_by_scenario(out, &HISTOGRAM_SPEC, items, n, histogram_rows);
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

void tco_report_heading(FILE *out, const char *scenario, const char *file)
{
    char *name = tco_diag_printable(scenario);
    char *path = tco_diag_printable(file);
    fprintf(out, "%s (%s)", name, path);
    free(name);
    free(path);
}

/* The money columns of the ranking: mean TCO, p05, p50, p95. */
#define N_MONEY_COLUMNS 4
/* At least this wide, so that everyday tables line up from one run to the next. */
#define MONEY_COLUMN_MIN 12

static void table_one(FILE *out, const tco_report_item *item, const tco_report_section *sections,
                      size_t n_sections)
{
    static const char *const MONEY_HEADINGS[N_MONEY_COLUMNS] = {"mean TCO", "p05", "p50", "p95"};
    const tco_result *r = item->result;
    char trials[32];
    format_count(trials, sizeof trials, r->n_trials);
    tco_report_heading(out, r->scenario->name, item->file);
    fprintf(out, ": %d months, %s trials, seed %llu\n", r->months, trials,
            (unsigned long long)r->seed);
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
                                           tco_sketch_quantile(&res->tco_q, 0.95)};
        for (size_t c = 0; c < N_MONEY_COLUMNS; c++) {
            tco_report_format_money(cells[o][c], sizeof cells[o][c], v[c]);
            if (strlen(cells[o][c]) > money_width[c])
                money_width[c] = strlen(cells[o][c]);
        }
    }
    fprintf(out, "  %4s  ", "rank");
    tco_report_pad(out, "option", width, false);
    for (size_t c = 0; c < N_MONEY_COLUMNS; c++) {
        fputs("  ", out);
        tco_report_pad(out, MONEY_HEADINGS[c], money_width[c], true);
    }
    fputs("  p_cheapest\n", out);
    for (size_t k = 0; k < r->options.n; k++) {
        const size_t o = order[k];
        const tco_option *opt = &r->options.items[o];
        if (!opt->offered) {
            fprintf(out, "  %4s  ", "-");
            tco_report_pad(out, opt->name, width, false);
            char *why = tco_diag_printable(opt->not_offered_why ? opt->not_offered_why : "");
            fprintf(out, "  not offered: %s\n", why);
            free(why);
            continue;
        }
        double se;
        double p = tco_result_p_cheapest(r, o, &se);
        char share[48];
        tco_report_format_share(share, sizeof share, p, se, (double)r->per_option[o].tco.n);
        fprintf(out, "  %4zu  ", k + 1);
        tco_report_pad(out, opt->name, width, false);
        for (size_t c = 0; c < N_MONEY_COLUMNS; c++) {
            fputs("  ", out);
            tco_report_pad(out, cells[o][c], money_width[c], true);
        }
        fprintf(out, "  %s\n", share);
    }
    free(cells);
    if (n_offered > 0) {
        /* the month-by-month picture of the leader, in one line */
        const size_t o = order[0];
        const tco_option_result *res = &r->per_option[o];
        const int last = r->months - 1, mid = r->months / 2;
        char m1[40], mm[40], ml[40], lo[40], hi[40];
        tco_report_format_money(m1, sizeof m1, tco_sketch_quantile(&res->month_q[0], 0.5));
        tco_report_format_money(mm, sizeof mm, tco_sketch_quantile(&res->month_q[mid], 0.5));
        tco_report_format_money(ml, sizeof ml, tco_sketch_quantile(&res->month_q[last], 0.5));
        tco_report_format_money(lo, sizeof lo, tco_sketch_quantile(&res->month_q[last], 0.05));
        tco_report_format_money(hi, sizeof hi, tco_sketch_quantile(&res->month_q[last], 0.95));
        /* months 1, the middle and the last, each named once (a short horizon has fewer) */
        fprintf(out, "  monthly cost of %s (median): %s in month 1", r->options.items[o].name, m1);
        if (mid > 0 && mid < last)
            fprintf(out, ", %s in month %d", mm, mid + 1);
        if (last > 0)
            fprintf(out, ", %s in month %d", ml, last + 1);
        fprintf(out, " (90%% of trials %s to %s)\n", lo, hi);
    }
    for (size_t k = 0; k < r->options.n; k++)
        if (r->options.items[order[k]].offered && r->options.items[order[k]].note) {
            char *note = tco_diag_printable(r->options.items[order[k]].note);
            fprintf(out, "  note: %s\n", note);
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

/* A number, or null where there is none (not offered, empty). */
static json_t *jnum(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *json_option(const tco_result *r, size_t o)
{
    const tco_option *opt = &r->options.items[o];
    const tco_option_result *res = &r->per_option[o];
    json_t *j = json_object();
    json_object_set_new(j, "option", tco_report_json_text(opt->name));
    json_object_set_new(j, "offered", json_boolean(opt->offered));
    if (opt->note)
        json_object_set_new(j, "note", tco_report_json_text(opt->note));
    if (!opt->offered) {
        json_object_set_new(j, "not_offered_reason",
                            tco_report_json_text(opt->not_offered_why ? opt->not_offered_why : ""));
        return j;
    }
    json_object_set_new(j, "trials", json_integer((json_int_t)res->tco.n));
    json_object_set_new(j, "mean", jnum(res->tco.mean));
    json_object_set_new(j, "sd", jnum(tco_moments_sd(&res->tco)));
    json_object_set_new(j, "mean_se", jnum(tco_moments_sem(&res->tco)));
    for (size_t q = 0; q < N_SUMMARY_Q; q++)
        json_object_set_new(j, SUMMARY_Q_NAMES[q],
                            jnum(tco_sketch_quantile(&res->tco_q, SUMMARY_Q[q])));
    double se;
    double p = tco_result_p_cheapest(r, o, &se);
    json_object_set_new(j, "p_cheapest", jnum(p));
    json_object_set_new(j, "p_cheapest_se", jnum(se));
    double p_lo, p_hi;
    tco_result_p_cheapest_interval(r, o, &p_lo, &p_hi);
    json_object_set_new(j, "p_cheapest_lo", jnum(p_lo));
    json_object_set_new(j, "p_cheapest_hi", jnum(p_hi));
    return j;
}

/* Adds the monthly and histogram rows of each offered option of one scenario to its option
 * objects: the rows of the scenario's tables whose keys are the option's. */
static void json_option_rows(json_t *opts, const tco_report_item *item)
{
    /* tables per scenario: a file given twice makes two scenarios with the same keys */
    tco_table *monthly = tco_report_monthly_table(item, 1);
    tco_table *histogram = tco_report_histogram_table(item, 1);
    size_t monthly_cursor = 0, histogram_cursor = 0;
    const tco_result *r = item->result;
    for (size_t o = 0; o < r->options.n; o++) {
        const tco_option *opt = &r->options.items[o];
        if (!opt->offered)
            continue;
        json_t *j = json_array_get(opts, o);
        const char *const keys[] = {item->file, r->scenario->name, opt->name};
        tco_table_json_nest(j, monthly, keys, 3, &monthly_cursor);
        tco_table_json_nest(j, histogram, keys, 3, &histogram_cursor);
    }
    tco_table_free(monthly);
    tco_table_free(histogram);
}

int tco_report_json(FILE *out, const tco_report_item *items, size_t n,
                    const tco_diag_list *errors)
{
    return tco_report_json_sections(out, items, n, errors, NULL, 0);
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
        /* a 64-bit seed does not fit JSON's safe integers: a decimal string keeps it exact */
        char seed[32];
        snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
        json_object_set_new(s, "seed", json_string(seed));
        json_t *opts = json_array();
        for (size_t o = 0; o < r->options.n; o++)
            json_array_append_new(opts, json_option(r, o));
        json_option_rows(opts, &items[i]);
        json_object_set_new(s, "options", opts);
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
