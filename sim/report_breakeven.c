/* SPDX-License-Identifier: MIT */
/* report_breakeven: breakeven.csv, the break-even lines of the table and JSON, and the outputs
 * of `tcosim breakeven` (see tco/report_breakeven.h). Computes nothing: every number comes
 * from breakeven (tco_breakeven_pair_get, tco_sweep). Every CSV cell goes through csvwrite
 * (libcsv, CRLF, formula neutralisation).
 */
#include "tco/report_breakeven.h"

#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tco/csvwrite.h"
#include "tco/defaults.h"
#include "tco/numfmt.h"
#include "tco/stats.h"
#include "tco/table_csv.h"
#include "tco/table_json.h"
#include "tco/xalloc.h"

/* ---- number formats for people --------------------------------------------------------- */

/* A short quantity for grid headings with `digits` significant digits (at least 2; 3 below
 * 1,000): "950", "1.9k", "35k", "1.2M", "2.5G", "12T", from 1e15 "1.2e+15"; "0.0015",
 * "1.2e-05" below 1; "-" for NAN. At most 24 characters. */
static void format_short_digits(char *buf, size_t size, double x, int digits)
{
    static const char *const SUFFIX[] = {"", "k", "M", "G", "T"};
    if (!isfinite(x)) {
        snprintf(buf, size, "-");
        return;
    }
    int e = 0;
    double a = fabs(x);
    while (a >= 999.5 && e < 4) {
        a /= 1000;
        e++;
    }
    if (e == 0) {
        snprintf(buf, size, "%.*g", digits < 3 ? 3 : digits, x);
        return;
    }
    if (a >= 999.5) { /* beyond T: no suffix would be read right */
        snprintf(buf, size, "%.*e", digits - 1, x);
        return;
    }
    const int before = a < 10 ? 1 : a < 100 ? 2 : 3;
    int decimals = digits > before ? digits - before : 0;
    for (;;) {
        /* 9.96 at one decimal is "10.0": one digit more before the point, one fewer after */
        snprintf(buf, size, "%s%.*f%s", x < 0 ? "-" : "", decimals, a, SUFFIX[e]);
        const char *point = strchr(buf, '.');
        const int shown = (int)(point ? (size_t)(point - buf) : strlen(buf) - 1) - (x < 0);
        if (shown <= before || decimals == 0)
            return;
        decimals--;
    }
}

/* The short form of grid values ("623k"). */
static void format_short(char *buf, size_t size, double x)
{
    format_short_digits(buf, size, x, 2);
}

/* The significant digits an axis of the grid needs so that no two of its labels read the same
 * (a row of 1,025 seats and one of 1,050 were both "1.0k"): 2, or more. */
static int axis_digits(const double *values, size_t n)
{
    for (int digits = 2; digits < 17; digits++) {
        bool distinct = true;
        char prev[32], cur[32];
        for (size_t i = 0; i < n && distinct; i++) {
            format_short_digits(cur, sizeof cur, values[i], digits);
            distinct = i == 0 || strcmp(prev, cur) != 0;
            memcpy(prev, cur, sizeof prev);
        }
        if (distinct)
            return digits;
    }
    return 17;
}

/* A month quantile: "7" or "-". */
static void format_month(char *buf, size_t size, double m)
{
    if (isfinite(m))
        snprintf(buf, size, "%.0f", m);
    else
        snprintf(buf, size, "-");
}

/* ==== `tcosim run`: breakeven.csv ========================================================== */

enum {
    BE_FILE, BE_SCENARIO, BE_PER_SEAT_OPTION, BE_PER_TRANSACTION_OPTION, BE_P_CROSSOVER,
    BE_CROSSOVER_MONTH_P10, BE_CROSSOVER_MONTH_P50, BE_CROSSOVER_MONTH_P90,
    BE_NOTIFICATIONS_P50, BE_SEATS_P50,
    /* extensions (SPEC: names may be added, never renamed) */
    BE_P_CROSSOVER_SE, BE_CROSSOVER_TRIALS, BE_NOTIFICATIONS_P10, BE_NOTIFICATIONS_P90,
    BE_P_NOTIFICATIONS, BE_SEATS_P10, BE_SEATS_P90, BE_P_SEATS, BE_TRIALS, BE_P_CROSSOVER_LO,
    BE_P_CROSSOVER_HI, BE_P_NOTIFICATIONS_LO, BE_P_NOTIFICATIONS_HI, BE_P_SEATS_LO,
    BE_P_SEATS_HI, N_BE
};
static const tco_column BE_COLUMNS[N_BE] = {
    [BE_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [BE_SCENARIO] = {"scenario", TCO_COLUMN_TEXT, true},
    [BE_PER_SEAT_OPTION] = {"per_seat_option", TCO_COLUMN_TEXT, false},
    [BE_PER_TRANSACTION_OPTION] = {"per_transaction_option", TCO_COLUMN_TEXT, false},
    [BE_P_CROSSOVER] = {"p_crossover", TCO_COLUMN_REAL, false},
    [BE_CROSSOVER_MONTH_P10] = {"crossover_month_p10", TCO_COLUMN_REAL, false},
    [BE_CROSSOVER_MONTH_P50] = {"crossover_month_p50", TCO_COLUMN_REAL, false},
    [BE_CROSSOVER_MONTH_P90] = {"crossover_month_p90", TCO_COLUMN_REAL, false},
    [BE_NOTIFICATIONS_P50] = {"breakeven_notifications_p50", TCO_COLUMN_REAL, false},
    [BE_SEATS_P50] = {"breakeven_seats_p50", TCO_COLUMN_REAL, false},
    [BE_P_CROSSOVER_SE] = {"p_crossover_se", TCO_COLUMN_REAL, false},
    [BE_CROSSOVER_TRIALS] = {"crossover_trials", TCO_COLUMN_COUNT, false},
    [BE_NOTIFICATIONS_P10] = {"breakeven_notifications_p10", TCO_COLUMN_REAL, false},
    [BE_NOTIFICATIONS_P90] = {"breakeven_notifications_p90", TCO_COLUMN_REAL, false},
    [BE_P_NOTIFICATIONS] = {"p_breakeven_notifications", TCO_COLUMN_REAL, false},
    [BE_SEATS_P10] = {"breakeven_seats_p10", TCO_COLUMN_REAL, false},
    [BE_SEATS_P90] = {"breakeven_seats_p90", TCO_COLUMN_REAL, false},
    [BE_P_SEATS] = {"p_breakeven_seats", TCO_COLUMN_REAL, false},
    [BE_TRIALS] = {"trials", TCO_COLUMN_COUNT, false},
    [BE_P_CROSSOVER_LO] = {"p_crossover_lo", TCO_COLUMN_REAL, false},
    [BE_P_CROSSOVER_HI] = {"p_crossover_hi", TCO_COLUMN_REAL, false},
    [BE_P_NOTIFICATIONS_LO] = {"p_breakeven_notifications_lo", TCO_COLUMN_REAL, false},
    [BE_P_NOTIFICATIONS_HI] = {"p_breakeven_notifications_hi", TCO_COLUMN_REAL, false},
    [BE_P_SEATS_LO] = {"p_breakeven_seats_lo", TCO_COLUMN_REAL, false},
    [BE_P_SEATS_HI] = {"p_breakeven_seats_hi", TCO_COLUMN_REAL, false},
};
/* The JSON members in the order the document has always had. */
static const size_t BE_JSON_ORDER[] = {
    BE_PER_SEAT_OPTION, BE_PER_TRANSACTION_OPTION, BE_TRIALS, BE_P_CROSSOVER, BE_P_CROSSOVER_SE,
    BE_P_CROSSOVER_LO, BE_P_CROSSOVER_HI, BE_CROSSOVER_TRIALS, BE_CROSSOVER_MONTH_P10,
    BE_CROSSOVER_MONTH_P50, BE_CROSSOVER_MONTH_P90, BE_NOTIFICATIONS_P10, BE_NOTIFICATIONS_P50,
    BE_NOTIFICATIONS_P90, BE_P_NOTIFICATIONS, BE_P_NOTIFICATIONS_LO, BE_P_NOTIFICATIONS_HI,
    BE_SEATS_P10, BE_SEATS_P50, BE_SEATS_P90, BE_P_SEATS, BE_P_SEATS_LO, BE_P_SEATS_HI,
};
static const tco_table_spec BE_SPEC = {"breakeven", "breakeven", BE_COLUMNS, N_BE,
                                       BE_JSON_ORDER,
                                       sizeof BE_JSON_ORDER / sizeof BE_JSON_ORDER[0]};

/* Adds the break-even rows of one scenario: one per per-seat / per-transaction pair. */
static void breakeven_rows(tco_table *t, const tco_report_item *item)
{
    const tco_result *r = item->result;
    const tco_breakeven *b = tco_breakeven_find(r);
    for (size_t k = 0; k < tco_breakeven_n_pairs(b); k++) {
        tco_breakeven_pair p;
        tco_breakeven_pair_get(b, k, &p);
        tco_table_text(t, item->file);
        tco_table_text(t, r->scenario->name);
        tco_table_text(t, r->options.items[p.per_seat].name);
        tco_table_text(t, r->options.items[p.per_transaction].name);
        tco_table_real(t, p.p_crossover);
        tco_table_real(t, p.crossover_month_p10); /* NAN: blank, null */
        tco_table_real(t, p.crossover_month_p50);
        tco_table_real(t, p.crossover_month_p90);
        tco_table_real(t, p.notifications_p50);
        tco_table_real(t, p.seats_p50);
        tco_table_real(t, p.p_crossover_se);
        tco_table_count(t, p.n_crossover);
        tco_table_real(t, p.notifications_p10);
        tco_table_real(t, p.notifications_p90);
        tco_table_real(t, p.p_notifications);
        tco_table_real(t, p.seats_p10);
        tco_table_real(t, p.seats_p90);
        tco_table_real(t, p.p_seats);
        tco_table_count(t, p.n_trials);
        tco_table_real(t, p.p_crossover_lo);
        tco_table_real(t, p.p_crossover_hi);
        double lo, hi;
        tco_proportion_interval95((double)p.n_notifications, (double)p.n_trials, &lo, &hi);
        tco_table_real(t, lo);
        tco_table_real(t, hi);
        tco_proportion_interval95((double)p.n_seats, (double)p.n_trials, &lo, &hi);
        tco_table_real(t, lo);
        tco_table_real(t, hi);
        tco_table_end_row(t);
    }
}

tco_table *tco_report_breakeven_pairs_table(const tco_report_item *items, size_t n)
{
    tco_table *t = tco_table_alloc(&BE_SPEC);
    for (size_t i = 0; i < n; i++)
        breakeven_rows(t, &items[i]);
    return t;
}

int tco_report_breakeven_csv(FILE *out, const tco_report_item *items, size_t n)
{
    /* one scenario's rows at a time */
    tco_table *t = tco_table_alloc(&BE_SPEC);
    int rc = tco_table_csv_header(out, &BE_SPEC);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        breakeven_rows(t, &items[i]);
        rc = tco_table_csv_rows(out, t);
        tco_table_clear(t);
    }
    tco_table_free(t);
    return rc;
}

/* ==== `tcosim run`: table lines ============================================================ */

/* " (p50; 80.0% ± 0.4% of trials have one)" when not every trial has one, else "": the share
 * with its error, never a rounded "100.0%" (SPEC §6: "> 99.96%" where it is near 1). */
static void share_note(char *buf, size_t size, uint64_t hits, uint64_t n)
{
    if (hits >= n) {
        snprintf(buf, size, "%s", "");
        return;
    }
    const double share = (double)hits / (double)n;
    char text[48];
    tco_numfmt_share_words(text, sizeof text, share, sqrt(share * (1 - share) / (double)n),
                           (double)n);
    snprintf(buf, size, " (p50; %s of trials have one)", text);
}

/* p_crossover for the table, as every share of the report: "2.1% ± 0.3%", and where no trial,
 * every trial or too few to show cross, the end of its 95% interval ("< 0.04%", "> 99.96%"),
 * never "0.0% ± 0.0%" (tco_numfmt_share). */
static void format_share(char *buf, size_t size, const tco_breakeven_pair *p)
{
    /* in a sentence, not a column */
    tco_numfmt_share_words(buf, size, p->p_crossover, p->p_crossover_se, (double)p->n_trials);
}

void tco_report_breakeven_table(FILE *out, const tco_report_item *item, void *ctx)
{
    (void)ctx;
    const tco_result *r = item->result;
    const tco_breakeven *b = tco_breakeven_find(r);
    const size_t n = tco_breakeven_n_pairs(b);
    if (n == 0)
        return;
    const size_t width = tco_report_line_width();
    tco_report_print_wrapped(out,
                             "break-even, per seat vs per transaction (month-1 volume at which "
                             "the TCOs are equal, other inputs as drawn; p50 over the trials "
                             "that have one):",
                             2, width);
    /* SPEC §12.1: a plan with no notifications in month 1 is read at its first month with some */
    double level;
    const int month = tco_scenario_reference_month(r->scenario, TCO_SCN_NOTIFICATIONS, &level);
    if (month > 1) {
        char note[200];
        snprintf(note, sizeof note,
                 "(the schedule plans no notifications before month %d: their break-even is "
                 "month %d's level, the whole planned path scaled)",
                 month, month);
        tco_report_print_wrapped(out, note, 2, width);
    }
    FILE *const page = out;
    for (size_t k = 0; k < n; k++) {
        tco_breakeven_pair p;
        tco_breakeven_pair_get(b, k, &p);
        /* each pair's sentence, then wrapped to the line */
        char *sentence = NULL;
        size_t len = 0;
        out = open_memstream(&sentence, &len);
        if (!out)
            tco_out_of_memory("a break-even line");
        fprintf(out, "%s vs %s: ", r->options.items[p.per_seat].name,
                r->options.items[p.per_transaction].name);
        char share[64];
        format_share(share, sizeof share, &p);
        if (p.n_crossover == 0) {
            fprintf(out, "cumulative costs cross in %s of trials (none of %llu)", share,
                    (unsigned long long)p.n_trials);
        } else {
            char m10[16], m50[16], m90[16];
            format_month(m10, sizeof m10, p.crossover_month_p10);
            format_month(m50, sizeof m50, p.crossover_month_p50);
            format_month(m90, sizeof m90, p.crossover_month_p90);
            fprintf(out, "cumulative costs cross in %s of trials (month p10/p50/p90 %s/%s/%s)",
                    share, m10, m50, m90);
        }
        char qty[48], note[96];
        const tco_option *c = &r->options.items[p.per_transaction];
        if (c->kind == TCO_OPTION_HYBRID) { /* SPEC §8.3: from what volume the move pays */
            if (p.n_notifications > 0) {
                tco_numfmt_quantity(qty, sizeof qty, p.notifications_p50);
                share_note(note, sizeof note, p.n_notifications, p.n_trials);
                fprintf(out, "; moving customer traffic to CPaaS breaks even at %s notifications a "
                             "month%s", qty, note);
            } else {
                fprintf(out, "; no notification volume makes the two equal");
            }
        } else {
            if (p.n_notifications > 0) {
                tco_numfmt_quantity(qty, sizeof qty, p.notifications_p50);
                share_note(note, sizeof note, p.n_notifications, p.n_trials);
                fprintf(out, "; equal TCO at %s notifications a month%s", qty, note);
            } else {
                fprintf(out, "; no notification volume gives equal TCO");
            }
            if (p.n_seats > 0) {
                tco_numfmt_quantity(qty, sizeof qty, p.seats_p50);
                share_note(note, sizeof note, p.n_seats, p.n_trials);
                fprintf(out, " or %s seat%s%s", qty, p.seats_p50 == 1 ? "" : "s", note);
            } else {
                fprintf(out, ", no seat count either");
            }
        }
        if (fclose(out) != 0)
            tco_out_of_memory("a break-even line");
        out = page;
        tco_report_print_wrapped(out, sentence, 4, width);
        free(sentence);
    }
}

/* ==== `tcosim run`: JSON =================================================================== */

void tco_report_breakeven_json(void *scenario, const tco_report_item *item, void *ctx)
{
    (void)ctx;
    if (!tco_breakeven_find(item->result))
        return;
    tco_table *t = tco_report_breakeven_pairs_table(item, 1);
    tco_report_breakeven_json_table(scenario, item, t);
    tco_table_free(t);
}

void tco_report_breakeven_json_table(void *scenario, const tco_report_item *item,
                                     const tco_table *pairs)
{
    if (!tco_breakeven_find(item->result))
        return;
    const char *const keys[] = {item->file, item->result->scenario->name};
    size_t cursor = 0;
    tco_table_json_nest(scenario, pairs, keys, 2, &cursor);
}

static json_t *jnum(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

/* ==== `tcosim breakeven`: the sweep ======================================================== */

/* "A", "B", ..., "Z", "AA", ...: short labels of options in the grid. */
static void label(char *buf, size_t size, size_t i)
{
    char tmp[8];
    size_t n = 0;
    do {
        tmp[n++] = (char)('A' + i % 26);
        i = i / 26;
    } while (i-- > 0 && n < sizeof tmp - 1);
    size_t o = 0;
    while (n > 0 && o + 1 < size)
        buf[o++] = tmp[--n];
    buf[o] = '\0';
}

/* How many grid columns of width w fit the line beside the row labels (at least one). */
static size_t columns_per_part(int w)
{
    const size_t line = tco_report_line_width(), cell = (size_t)w + 1;
    const size_t lead = 2 + (size_t)w;
    return line > lead + cell ? (line - lead) / cell : 1;
}

static void rule_text(FILE *out, const tco_sweep *sw);

/* The rule-of-thumb sentence, wrapped to the line. */
static void rule_line(FILE *page, const tco_sweep *sw)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        tco_out_of_memory("the rule-of-thumb line");
    rule_text(out, sw);
    if (fclose(out) != 0)
        tco_out_of_memory("the rule-of-thumb line");
    if (len > 0 && text[len - 1] == '\n')
        text[len - 1] = '\0';
    tco_report_print_wrapped(page, text + 2, 2, tco_report_line_width()); /* after its indent */
    free(text);
}

static void rule_text(FILE *out, const tco_sweep *sw)
{
    const tco_sweep_rule *ru = &sw->rule;
    fprintf(out, "  rule of thumb (more than 10,000 notifications a month with fewer than 50 "
                 "seats favours CPaaS), probed at %u points (seats 1-49 x notifications "
                 "10,001-1,000,000): ",
            ru->n_points);
    if (ru->n_points == 0) {
        fprintf(out, "no option is offered\n");
        return;
    }
    if (ru->n_cpaas == ru->n_points) {
        fprintf(out, "holds everywhere for these sheets (a cpaas: option is cheapest)\n");
        return;
    }
    if (ru->n_cpaas == 0)
        fprintf(out, "does not hold anywhere for these sheets");
    else
        fprintf(out, "holds at %u of %u points", ru->n_cpaas, ru->n_points);
    fprintf(out, "; a hybrid is cheapest at %u, a ucaas: plan at %u", ru->n_hybrid, ru->n_ucaas);
    if (ru->fail_option >= 0) {
        char seats[48], notif[48];
        tco_numfmt_quantity(seats, sizeof seats, ru->fail_seats);
        tco_numfmt_quantity(notif, sizeof notif, ru->fail_notifications);
        fprintf(out, " (most often %s; it fails up to %s notifications, at %s seats)",
                sw->options.items[ru->fail_option].name, notif, seats);
    }
    fputs("\n", out);
}

/* A grid cell: the cheapest option's label and how much more the runner-up costs. */
static void grid_cell(char *buf, size_t size, const tco_sweep_cell *c)
{
    char l[8];
    label(l, sizeof l, (size_t)c->cheapest);
    if (c->second >= 0 && c->cheapest_tco > 0) {
        const double pct = 100 * (c->second_tco - c->cheapest_tco) / c->cheapest_tco;
        snprintf(buf, size, pct < 999.5 ? "%s+%.0f%%" : "%s+>999%%", l, pct);
    } else {
        snprintf(buf, size, "%s", l);
    }
}

/* "A/C": the labels of the k-th (per seat, per transaction) pair. */
static void pair_label(char *buf, size_t size, const tco_sweep *sw, size_t k)
{
    char lu[8], lc[8];
    label(lu, sizeof lu, sw->pair_u[k]);
    label(lc, sizeof lc, sw->pair_c[k]);
    snprintf(buf, size, "%s/%s", lu, lc);
}

static void widen(size_t *width, const char *text)
{
    if (strlen(text) > *width)
        *width = strlen(text);
}

/* The width of every column of the grid and the frontier: their widest text, at least 8;
 * row labels with seat_digits, column headings with notification_digits. */
static int grid_width(const tco_sweep *sw, int seat_digits, int notification_digits)
{
    size_t w = 8;
    char buf[48];
    for (size_t i = 0; i < sw->n_seats; i++) {
        format_short_digits(buf, sizeof buf, sw->seats[i], seat_digits);
        widen(&w, buf);
        for (size_t j = 0; j < sw->n_notifications; j++) {
            grid_cell(buf, sizeof buf, &sw->cells[i * sw->n_notifications + j]);
            widen(&w, buf);
        }
        for (size_t k = 0; k < sw->n_pairs; k++) {
            format_short(buf, sizeof buf, sw->frontier[i * sw->n_pairs + k]);
            widen(&w, buf);
        }
    }
    for (size_t j = 0; j < sw->n_notifications; j++) {
        format_short_digits(buf, sizeof buf, sw->notifications[j], notification_digits);
        widen(&w, buf);
    }
    for (size_t k = 0; k < sw->n_pairs; k++) {
        pair_label(buf, sizeof buf, sw, k);
        widen(&w, buf);
    }
    return (int)w;
}

static void sweep_table_one(FILE *out, const tco_sweep_item *item)
{
    const tco_sweep *sw = item->sweep;
    char a[48], b[48];
    tco_numfmt_quantity(a, sizeof a, sw->mean_seats);
    tco_numfmt_quantity(b, sizeof b, sw->mean_notifications);
    {
        char *name = tco_diag_printable(sw->scenario->name);
        char *path = tco_diag_printable(item->file);
        char *heading = tco_xasprintf(
            "%s (%s): deterministic sweep, every input at its mean (%s seats, %s notifications a "
            "month in month 1), no noise, spikes at their expected factor, %d months",
            name, path, a, b, sw->months);
        tco_report_print_wrapped(out, heading, 0, tco_report_line_width());
        free(heading);
        free(path);
        free(name);
    }
    /* the legend */
    size_t n_offered = 0;
    for (size_t o = 0; o < sw->options.n; o++) {
        if (!sw->options.items[o].offered)
            continue;
        char l[8];
        label(l, sizeof l, o);
        fprintf(out, "  %3s  %s\n", l, sw->options.items[o].name);
        n_offered++;
    }
    if (n_offered == 0) {
        fprintf(out, "  no option is offered\n");
        return;
    }
    /* every cell's text decides the width of every column (the row labels' too): a grid
     * of huge or tiny quantities is wider, never cut */
    const int seat_digits = axis_digits(sw->seats, sw->n_seats);
    const int notification_digits = axis_digits(sw->notifications, sw->n_notifications);
    const int w = grid_width(sw, seat_digits, notification_digits);
    /* the grid */
    tco_report_print_wrapped(out,
                             "cheapest option by month-1 seats (rows) and notifications a month "
                             "(columns); +N%: the runner-up costs N% more over the horizon",
                             2, tco_report_line_width());
    /* a grid wider than the line is shown in parts of as many columns as fit, each with its
     * row labels (as R prints a wide matrix) */
    const size_t per = columns_per_part(w);
    for (size_t j0 = 0; j0 < sw->n_notifications; j0 += per) {
        const size_t j1 = j0 + per < sw->n_notifications ? j0 + per : sw->n_notifications;
        fprintf(out, "  %*s", w, "seats");
        for (size_t j = j0; j < j1; j++) {
            format_short_digits(a, sizeof a, sw->notifications[j], notification_digits);
            fprintf(out, " %*s", w, a);
        }
        fputs("\n", out);
        for (size_t i = 0; i < sw->n_seats; i++) {
            format_short_digits(a, sizeof a, sw->seats[i], seat_digits);
            fprintf(out, "  %*s", w, a);
            for (size_t j = j0; j < j1; j++) {
                char cell[32];
                grid_cell(cell, sizeof cell, &sw->cells[i * sw->n_notifications + j]);
                fprintf(out, " %*s", w, cell);
            }
            fputs("\n", out);
        }
    }
    /* the frontier */
    if (sw->n_pairs > 0) {
        tco_report_print_wrapped(out,
                                 "break-even notifications a month (month 1) by seats, per seat "
                                 "vs per transaction (-: none up to 1e12)",
                                 2, tco_report_line_width());
        for (size_t k0 = 0; k0 < sw->n_pairs; k0 += per) {
            const size_t k1 = k0 + per < sw->n_pairs ? k0 + per : sw->n_pairs;
            fprintf(out, "  %*s", w, "seats");
            for (size_t k = k0; k < k1; k++) {
                char pair[24];
                pair_label(pair, sizeof pair, sw, k);
                fprintf(out, " %*s", w, pair);
            }
            fputs("\n", out);
            for (size_t i = 0; i < sw->n_seats; i++) {
                format_short_digits(a, sizeof a, sw->seats[i], seat_digits);
                fprintf(out, "  %*s", w, a);
                for (size_t k = k0; k < k1; k++) {
                    format_short(b, sizeof b, sw->frontier[i * sw->n_pairs + k]);
                    fprintf(out, " %*s", w, b);
                }
                fputs("\n", out);
            }
        }
    }
    rule_line(out, sw);
}

int tco_report_sweep_table(FILE *out, const tco_sweep_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fputc('\n', out);
        sweep_table_one(out, &items[i]);
    }
    return ferror(out) ? -1 : 0;
}

static const char *option_name(const tco_sweep *sw, long o)
{
    return o >= 0 ? sw->options.items[o].name : "";
}

/* ---- grid.csv and breakeven_frontier.csv: tables (tco/table.h) ---------------------------- */

enum {
    GRID_FILE, GRID_SCENARIO, GRID_SEATS, GRID_NOTIFICATIONS, GRID_CHEAPEST, GRID_CHEAPEST_TCO,
    GRID_SECOND, GRID_SECOND_TCO, GRID_MARGIN, N_GRID
};
static const tco_column GRID_COLUMNS[N_GRID] = {
    [GRID_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [GRID_SCENARIO] = {"scenario", TCO_COLUMN_TEXT, true},
    [GRID_SEATS] = {"seats", TCO_COLUMN_REAL, false},
    [GRID_NOTIFICATIONS] = {"notifications", TCO_COLUMN_REAL, false},
    [GRID_CHEAPEST] = {"cheapest", TCO_COLUMN_TEXT, false},
    [GRID_CHEAPEST_TCO] = {"cheapest_tco", TCO_COLUMN_REAL, false},
    [GRID_SECOND] = {"second", TCO_COLUMN_TEXT, false},
    [GRID_SECOND_TCO] = {"second_tco", TCO_COLUMN_REAL, false},
    [GRID_MARGIN] = {"margin", TCO_COLUMN_REAL, false},
};
static const tco_table_spec GRID_SPEC = {"grid", "grid", GRID_COLUMNS, N_GRID, NULL, 0};

/* An option's name, or absent (-1: fewer options than a cheapest and a second). */
static const char *option_or_none(const tco_sweep *sw, long o)
{
    return o >= 0 ? sw->options.items[o].name : NULL;
}

/* Adds the grid rows of one row of seats (one per notification column). */
static void grid_rows(tco_table *t, const tco_sweep_item *item, size_t r)
{
    const tco_sweep *sw = item->sweep;
    for (size_t c = 0; c < sw->n_notifications; c++) {
        const tco_sweep_cell *cell = &sw->cells[r * sw->n_notifications + c];
        tco_table_text(t, item->file);
        tco_table_text(t, sw->scenario->name);
        tco_table_real(t, sw->seats[r]);
        tco_table_real(t, sw->notifications[c]);
        tco_table_text(t, option_or_none(sw, cell->cheapest));
        tco_table_real(t, cell->cheapest_tco);
        tco_table_text(t, option_or_none(sw, cell->second));
        tco_table_real(t, cell->second_tco);
        tco_table_real(t, cell->second_tco - cell->cheapest_tco);
        tco_table_end_row(t);
    }
}

enum {
    FRONTIER_FILE, FRONTIER_SCENARIO, FRONTIER_SEATS, FRONTIER_PER_SEAT_OPTION,
    FRONTIER_PER_TRANSACTION_OPTION, FRONTIER_BREAKEVEN_NOTIFICATIONS, N_FRONTIER
};
static const tco_column FRONTIER_COLUMNS[N_FRONTIER] = {
    [FRONTIER_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [FRONTIER_SCENARIO] = {"scenario", TCO_COLUMN_TEXT, true},
    [FRONTIER_SEATS] = {"seats", TCO_COLUMN_REAL, false},
    [FRONTIER_PER_SEAT_OPTION] = {"per_seat_option", TCO_COLUMN_TEXT, false},
    [FRONTIER_PER_TRANSACTION_OPTION] = {"per_transaction_option", TCO_COLUMN_TEXT, false},
    [FRONTIER_BREAKEVEN_NOTIFICATIONS] = {"breakeven_notifications", TCO_COLUMN_REAL, false},
};
static const tco_table_spec FRONTIER_SPEC = {"breakeven_frontier", "frontier", FRONTIER_COLUMNS,
                                             N_FRONTIER, NULL, 0};

/* Adds the frontier rows of one row of seats (one per pair). */
static void frontier_rows(tco_table *t, const tco_sweep_item *item, size_t r)
{
    const tco_sweep *sw = item->sweep;
    for (size_t k = 0; k < sw->n_pairs; k++) {
        tco_table_text(t, item->file);
        tco_table_text(t, sw->scenario->name);
        tco_table_real(t, sw->seats[r]);
        tco_table_text(t, sw->options.items[sw->pair_u[k]].name);
        tco_table_text(t, sw->options.items[sw->pair_c[k]].name);
        tco_table_real(t, sw->frontier[r * sw->n_pairs + k]);
        tco_table_end_row(t);
    }
}

typedef void (*seat_rows)(tco_table *t, const tco_sweep_item *item, size_t r);

/* A table of every item, filled by `rows` one row of seats at a time. */
static tco_table *whole_table(const tco_table_spec *spec, const tco_sweep_item *items, size_t n,
                              seat_rows rows)
{
    tco_table *t = tco_table_alloc(spec);
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < items[i].sweep->n_seats; r++)
            rows(t, &items[i], r);
    return t;
}

/* A table's CSV file, filled and written one row of seats at a time: a grid of millions of
 * cells is never held whole. */
static int csv_by_seats(FILE *out, const tco_table_spec *spec, const tco_sweep_item *items,
                        size_t n, seat_rows rows)
{
    tco_table *t = tco_table_alloc(spec);
    int rc = tco_table_csv_header(out, spec);
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; rc == 0 && r < items[i].sweep->n_seats; r++) {
            rows(t, &items[i], r);
            rc = tco_table_csv_rows(out, t);
            tco_table_clear(t);
        }
    tco_table_free(t);
    return rc;
}

/* Sets the table's JSON member of `parent` to the rows of one sweep (whose object holds their
 * keys, file and scenario), filled one row of seats at a time. */
static void json_by_seats(json_t *parent, const tco_table_spec *spec, const tco_sweep_item *item,
                          seat_rows rows)
{
    tco_table *t = tco_table_alloc(spec);
    json_t *array = json_array();
    for (size_t r = 0; r < item->sweep->n_seats; r++) {
        rows(t, item, r);
        tco_table_json_append(array, t, 0, tco_table_n_rows(t));
        tco_table_clear(t);
    }
    json_object_set_new(parent, spec->json_name, array);
    tco_table_free(t);
}

tco_table *tco_report_sweep_grid_table(const tco_sweep_item *items, size_t n)
{
    return whole_table(&GRID_SPEC, items, n, grid_rows);
}

tco_table *tco_report_sweep_frontier_table(const tco_sweep_item *items, size_t n)
{
    return whole_table(&FRONTIER_SPEC, items, n, frontier_rows);
}

int tco_report_sweep_grid_csv(FILE *out, const tco_sweep_item *items, size_t n)
{
    return csv_by_seats(out, &GRID_SPEC, items, n, grid_rows);
}

int tco_report_sweep_frontier_csv(FILE *out, const tco_sweep_item *items, size_t n)
{
    return csv_by_seats(out, &FRONTIER_SPEC, items, n, frontier_rows);
}

static json_t *sweep_json_one(const tco_sweep_item *item)
{
    const tco_sweep *sw = item->sweep;
    json_t *s = json_object();
    json_object_set_new(s, "file", tco_report_json_text(item->file));
    json_object_set_new(s, "scenario", tco_report_json_text(sw->scenario->name));
    json_object_set_new(s, "months", json_integer(sw->months));
    json_object_set_new(s, "mean_seats", jnum(sw->mean_seats));
    json_object_set_new(s, "mean_notifications", jnum(sw->mean_notifications));
    json_t *opts = json_array();
    for (size_t o = 0; o < sw->options.n; o++) {
        json_t *j = json_object();
        json_object_set_new(j, "option", tco_report_json_text(sw->options.items[o].name));
        json_object_set_new(j, "offered", json_boolean(sw->options.items[o].offered));
        json_array_append_new(opts, j);
    }
    json_object_set_new(s, "options", opts);
    json_by_seats(s, &GRID_SPEC, item, grid_rows);
    json_by_seats(s, &FRONTIER_SPEC, item, frontier_rows);
    const tco_sweep_rule *ru = &sw->rule;
    json_t *rule = json_object();
    json_object_set_new(rule, "points", json_integer(ru->n_points));
    json_object_set_new(rule, "cpaas_cheapest", json_integer(ru->n_cpaas));
    json_object_set_new(rule, "hybrid_cheapest", json_integer(ru->n_hybrid));
    json_object_set_new(rule, "ucaas_cheapest", json_integer(ru->n_ucaas));
    json_object_set_new(rule, "holds_everywhere",
                        json_boolean(ru->n_points > 0 && ru->n_cpaas == ru->n_points));
    json_object_set_new(rule, "fails_most_often_to",
                        ru->fail_option >= 0 ? tco_report_json_text(option_name(sw, ru->fail_option))
                                             : json_null());
    json_object_set_new(rule, "fails_up_to_notifications", jnum(ru->fail_notifications));
    json_object_set_new(rule, "fails_at_seats", jnum(ru->fail_seats));
    json_object_set_new(s, "rule_of_thumb", rule);
    return s;
}

int tco_report_sweep_json(FILE *out, const tco_sweep_item *items, size_t n,
                          const tco_diag_list *errors)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "tool", json_string("tcosim"));
    json_object_set_new(doc, "version", json_string(TCO_VERSION));
    json_object_set_new(doc, "command", json_string("breakeven"));
    json_t *results = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(results, sweep_json_one(&items[i]));
    json_object_set_new(doc, "results", results);
    return tco_report_json_write(out, doc, errors);
}
