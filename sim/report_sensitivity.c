/* SPDX-License-Identifier: MIT */
/* report_sensitivity: sensitivity.csv, the text tornado and the JSON members
 * (tco/report_sensitivity.h). */
#include "tco/report_sensitivity.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tco/diag.h"
#include "tco/numfmt.h"
#include "tco/sensitivity.h"
#include "tco/table_json.h"
#include "tco/xalloc.h"

enum {
    SENS_FILE, SENS_SCENARIO, SENS_TARGET, SENS_INPUT, SENS_FIRST_ORDER, SENS_LOW_MEAN,
    SENS_HIGH_MEAN, SENS_EVPPI, N_SENS
};
static const tco_column SENS_COLUMNS[N_SENS] = {
    [SENS_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [SENS_SCENARIO] = {"scenario", TCO_COLUMN_TEXT, true},
    [SENS_TARGET] = {"target", TCO_COLUMN_TEXT, false},
    [SENS_INPUT] = {"input", TCO_COLUMN_TEXT, false},
    [SENS_FIRST_ORDER] = {"first_order", TCO_COLUMN_REAL, false},
    [SENS_LOW_MEAN] = {"low_mean", TCO_COLUMN_REAL, false},
    [SENS_HIGH_MEAN] = {"high_mean", TCO_COLUMN_REAL, false},
    [SENS_EVPPI] = {"evppi", TCO_COLUMN_REAL, false},
};
static const tco_table_spec SENS_SPEC = {"sensitivity", "sensitivity", SENS_COLUMNS, N_SENS,
                                         NULL, 0};

static void effect_row(tco_table *t, const tco_report_item *item, const char *target,
                       const char *input, const tco_input_effect *e)
{
    tco_table_text(t, item->file);
    tco_table_text(t, item->result->scenario->name);
    tco_table_text(t, target);
    tco_table_text(t, input);
    tco_table_real(t, e->first_order);
    tco_table_real(t, e->low_mean);
    tco_table_real(t, e->high_mean);
    tco_table_real(t, e->evppi);
    tco_table_end_row(t);
}

static void sensitivity_rows(tco_table *t, const tco_report_item *item)
{
    const tco_result *r = item->result;
    const tco_sensitivity *s = tco_sensitivity_find(r);
    if (!s)
        return;
    const size_t n_in = tco_sensitivity_n_inputs(s);
    tco_input_effect e;
    for (size_t o = 0; o < r->options.n; o++) {
        if (!r->options.items[o].offered || r->per_option[o].tco.n == 0)
            continue;
        for (size_t i = 0; i < n_in; i++)
            if (tco_sensitivity_effect(s, r, i, o, &e))
                effect_row(t, item, r->options.items[o].name, tco_sensitivity_input_name(s, i),
                           &e);
    }
    size_t leader, runner;
    if (!tco_sensitivity_leaders(r, &leader, &runner))
        return;
    for (size_t i = 0; i < n_in; i++)
        if (tco_sensitivity_effect(s, r, i, TCO_SENSITIVITY_DELTA, &e))
            effect_row(t, item, "delta", tco_sensitivity_input_name(s, i), &e);
    const tco_input_effect all = {1, NAN, NAN, tco_sensitivity_evpi(s, r), NAN};
    effect_row(t, item, "delta", "all", &all);
}

tco_table *tco_report_sensitivity_table(const tco_report_item *items, size_t n)
{
    return tco_report_whole_table(&SENS_SPEC, items, n, sensitivity_rows);
}

int tco_report_sensitivity_csv(FILE *out, const tco_report_item *items, size_t n)
{
    return tco_report_csv_by_scenario(out, &SENS_SPEC, items, n, sensitivity_rows);
}

/* ---- the tornado ------------------------------------------------------------------------ */

typedef struct tornado_row {
    const char *name;
    tco_input_effect e;
} tornado_row;

static double swing(const tornado_row *r)
{
    return fabs(r->e.high_mean - r->e.low_mean);
}

static int by_swing(const void *a, const void *b)
{
    const tornado_row *x = a, *y = b;
    const double sx = swing(x), sy = swing(y);
    if (sx != sy)
        return sx < sy ? 1 : -1;
    return strcmp(x->name, y->name);
}

size_t tco_report_tornado(const tco_report_item *item, size_t max_inputs, tco_tornado *t)
{
    memset(t, 0, sizeof *t);
    const tco_result *r = item->result;
    const tco_sensitivity *s = tco_sensitivity_find(r);
    size_t leader, runner;
    if (!s || !tco_sensitivity_leaders(r, &leader, &runner))
        return 0;
    t->mean = r->per_option[runner].tco.mean - r->per_option[leader].tco.mean;
    const size_t n_in = tco_sensitivity_n_inputs(s);
    tornado_row *rows = tco_xcalloc(n_in + 1, sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < n_in; i++) {
        tco_input_effect e;
        /* a swing within TCO_TORNADO_NOISE_SE standard errors of 0 is noise, not a driver */
        if (tco_sensitivity_effect(s, r, i, TCO_SENSITIVITY_DELTA, &e) &&
            isfinite(e.low_mean) && isfinite(e.high_mean) &&
            fabs(e.high_mean - e.low_mean) > TCO_TORNADO_NOISE_SE * e.swing_se)
            rows[n++] = (tornado_row){tco_sensitivity_input_name(s, i), e};
    }
    qsort(rows, n, sizeof *rows, by_swing);
    if (max_inputs > TCO_TORNADO_CHART_INPUTS)
        max_inputs = TCO_TORNADO_CHART_INPUTS;
    t->n = n < max_inputs ? n : max_inputs;
    for (size_t k = 0; k < t->n; k++) {
        t->inputs[k] = rows[k].name;
        t->low[k] = rows[k].e.low_mean;
        t->high[k] = rows[k].e.high_mean;
        t->evppi[k] = rows[k].e.evppi;
    }
    free(rows);
    return t->n;
}

/* The half-width of a text tornado bar, in characters. */
#define BAR_HALF 10

/* One bar: '|' at delta's mean, '-' toward the mean with the input lowest, '+' toward the
 * mean with it highest, each as long as its distance from the mean over `scale`. */
static void bar_of(char *bar, double mean, double low, double high, double scale)
{
    memset(bar, ' ', 2 * BAR_HALF + 1);
    bar[2 * BAR_HALF + 1] = '\0';
    bar[BAR_HALF] = '|';
    const double ends[2] = {low, high};
    const char marks[2] = {'-', '+'};
    for (int k = 0; k < 2; k++) {
        const double len = scale > 0 ? (ends[k] - mean) / scale * BAR_HALF : 0;
        int cells = (int)lround(fabs(len));
        cells = cells > BAR_HALF ? BAR_HALF : cells;
        for (int c = 1; c <= cells; c++)
            bar[BAR_HALF + (len < 0 ? -c : c)] = marks[k];
    }
}

void tco_report_sensitivity_lines(FILE *out, const tco_report_item *item, void *ctx)
{
    (void)ctx;
    const tco_result *r = item->result;
    const tco_sensitivity *s = tco_sensitivity_find(r);
    size_t leader, runner;
    if (!s || !tco_sensitivity_leaders(r, &leader, &runner))
        return;
    const size_t line = tco_report_line_width();
    const double mean = r->per_option[runner].tco.mean - r->per_option[leader].tco.mean;
    char mean_s[40], evpi_s[40];
    tco_numfmt_money(mean_s, sizeof mean_s, mean);
    tco_numfmt_money(evpi_s, sizeof evpi_s, tco_sensitivity_evpi(s, r));
    char *lead = tco_diag_printable(r->options.items[leader].name);
    char *run = tco_diag_printable(r->options.items[runner].name);
    const double evpi = tco_sensitivity_evpi(s, r);
    char *text = tco_xasprintf(
        "what drives the decision: delta = TCO of the runner-up %s minus TCO of the leader %s, "
        "%s on average; %s%s%s",
        run, lead, mean_s,
        evpi > 0 ? "knowing every input before choosing would save " : "knowing every input "
                                                                        "before choosing would "
                                                                        "not change the choice "
                                                                        "(EVPI ",
        evpi > 0 ? evpi_s : "$0", evpi > 0 ? " on average (EVPI)" : ")");
    tco_report_print_wrapped(out, text, 2, line);
    free(text);
    free(run);
    free(lead);
    tco_tornado t;
    const size_t n = tco_report_tornado(item, TCO_TORNADO_TABLE_INPUTS, &t);
    const char *const *names = t.inputs;
    const double *low = t.low, *high = t.high, *evppi = t.evppi;
    if (n == 0) {
        tco_report_print_wrapped(out, "no input moves delta", 2, line);
        return;
    }
    tco_report_print_wrapped(out,
                             "tornado of delta: its mean with the input in its lowest 10% (-) "
                             "and highest 10% (+); EVPPI: what knowing that input before "
                             "choosing is worth",
                             2, line);
    double scale = 0;
    for (size_t k = 0; k < n; k++) {
        scale = fabs(low[k] - mean) > scale ? fabs(low[k] - mean) : scale;
        scale = fabs(high[k] - mean) > scale ? fabs(high[k] - mean) : scale;
    }
    char cell[3][40];
    size_t width[3] = {strlen("lowest 10%"), strlen("highest 10%"), strlen("EVPPI")};
    for (size_t k = 0; k < n; k++) {
        const double v[3] = {low[k], high[k], evppi[k]};
        for (int c = 0; c < 3; c++) {
            tco_numfmt_money(cell[c], sizeof cell[c], v[c]);
            width[c] = strlen(cell[c]) > width[c] ? strlen(cell[c]) : width[c];
        }
    }
    fputs("    ", out);
    tco_report_pad(out, "lowest 10%", width[0], true);
    fprintf(out, "  %-*s  ", 2 * BAR_HALF + 1, "");
    tco_report_pad(out, "highest 10%", width[1], false);
    fputs("  ", out);
    tco_report_pad(out, "EVPPI", width[2], true);
    fputs("  input\n", out);
    const size_t used = 4 + width[0] + 2 + 2 * BAR_HALF + 1 + 2 + width[1] + 2 + width[2] + 2;
    for (size_t k = 0; k < n; k++) {
        char bar[2 * BAR_HALF + 2];
        bar_of(bar, mean, low[k], high[k], scale);
        const double v[3] = {low[k], high[k], evppi[k]};
        for (int c = 0; c < 3; c++)
            tco_numfmt_money(cell[c], sizeof cell[c], v[c]);
        fputs("    ", out);
        tco_report_pad(out, cell[0], width[0], true);
        fprintf(out, "  %s  ", bar);
        tco_report_pad(out, cell[1], width[1], false);
        fputs("  ", out);
        tco_report_pad(out, cell[2], width[2], true);
        char *name = tco_diag_printable(names[k]);
        if (used + tco_diag_text_width(name) <= line) {
            fprintf(out, "  %s\n", name);
        } else { /* a long name on a line of its own, under the numbers */
            fputc('\n', out);
            tco_report_print_wrapped(out, name, 6, line);
        }
        free(name);
    }
}

/* ---- JSON --------------------------------------------------------------------------------- */

void tco_report_sensitivity_json(void *scenario, const tco_report_item *item,
                                 const tco_table *table)
{
    json_t *js = scenario;
    const tco_result *r = item->result;
    const tco_sensitivity *s = tco_sensitivity_find(r);
    if (!s)
        return;
    size_t leader, runner;
    if (tco_sensitivity_leaders(r, &leader, &runner)) {
        json_object_set_new(js, "leader", tco_report_json_text(r->options.items[leader].name));
        json_object_set_new(js, "runner_up",
                            tco_report_json_text(r->options.items[runner].name));
        const double evpi = tco_sensitivity_evpi(s, r);
        json_object_set_new(js, "evpi", isfinite(evpi) ? json_real(evpi) : json_null());
    }
    const char *const keys[] = {item->file, r->scenario->name};
    size_t cursor = 0;
    tco_table_json_nest(js, table, keys, 2, &cursor);
}

void tco_report_sensitivity_json_section(void *scenario, const tco_report_item *item,
                                         void *ctx)
{
    (void)ctx;
    tco_table *t = tco_report_sensitivity_table(item, 1);
    tco_report_sensitivity_json(scenario, item, t);
    tco_table_free(t);
}
