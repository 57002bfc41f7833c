/* SPDX-License-Identifier: MIT */
/* schedule: schedule files (SPEC §12.1) checked cell by cell, and bound to their scenarios.
 *
 * The rows are sorted once by (scenario, month, line), so a repeated month is two neighbours
 * and each scenario's rows are one run; binding looks each scenario up by binary search. So
 * a schedule of the reader's largest size (100,000 rows) against a run's 7,200 scenarios is
 * n log n, not rows x scenarios. A cell is parsed by the scenario loader (same ranges, same
 * messages and hints, same warnings), since it stands for the scenario's own cell of that name.
 */
#include "tco/schedule.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tco/defaults.h"
#include "tco/xalloc.h"

#define COL_SCENARIO "scenario"
#define COL_MONTH "month"
#define COL_NOTE "note" /* text for the reader, ignored by the model */

/* The quantities a schedule may plan (SPEC §12.1) and the growth column each replaces. */
static const struct {
    tco_scn_field field, growth;
} QUANTITIES[] = {
    {TCO_SCN_SEATS, TCO_SCN_SEAT_GROWTH},
    {TCO_SCN_NOTIFICATIONS, TCO_SCN_NOTIFICATION_GROWTH},
    {TCO_SCN_API_REQUESTS, TCO_SCN_API_GROWTH},
};
#define N_QUANTITIES (sizeof QUANTITIES / sizeof QUANTITIES[0])

size_t tco_schedule_n_columns(void)
{
    return 3 + N_QUANTITIES;
}

const char *tco_schedule_column(size_t i)
{
    if (i == 0)
        return COL_SCENARIO;
    if (i == 1)
        return COL_MONTH;
    if (i < 2 + N_QUANTITIES)
        return tco_scenario_field_name(QUANTITIES[i - 2].field);
    return i == 2 + N_QUANTITIES ? COL_NOTE : NULL;
}

void tco_schedule_init(tco_schedule *sc)
{
    memset(sc, 0, sizeof *sc);
    tco_arena_init(&sc->arena);
}

void tco_schedule_fini(tco_schedule *sc)
{
    if (!sc)
        return;
    free(sc->path);
    free(sc->steps);
    free(sc->rows);
    free(sc->plans);
    tco_arena_fini(&sc->arena);
    tco_schedule_init(sc);
}

bool tco_schedule_table_is_schedule(const tco_csv_table *t)
{
    return tco_csv_column(t, COL_SCENARIO) >= 0 && tco_csv_column(t, COL_MONTH) >= 0 &&
           tco_csv_column(t, "months") < 0;
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* Edit distance of two short names (0 when either is longer than 40 bytes: no hint), for
 * "did you mean". */
static size_t edit_distance(const char *a, const char *b)
{
    const size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    size_t row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            const size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The closest of names[0..n) to `name` within 3 edits and fewer than half its length (a
 * typo, not another word), or NULL. */
static const char *closest(const char *name, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t best_d = 4;
    for (size_t i = 0; i < n; i++) {
        const size_t d = edit_distance(name, names[i]);
        if (d < best_d && 2 * d < strlen(name)) {
            best_d = d;
            best = names[i];
        }
    }
    return best;
}

/* ---- header ---------------------------------------------------------------------------- */

typedef struct header_map {
    long scenario, month, note;
    long quantity[N_QUANTITIES];
} header_map;

/* The quantities' names, for messages: "seats, notifications, api_requests". */
#define QUANTITY_NAMES "seats, notifications, api_requests"

static bool map_header(const tco_csv_table *t, header_map *h, tco_diag_list *diags)
{
    h->scenario = h->month = h->note = -1;
    for (size_t q = 0; q < N_QUANTITIES; q++)
        h->quantity[q] = -1;
    bool unknown = false; /* an unknown column was reported: no level column may be its typo */
    for (size_t c = 0; c < t->header.n_fields; c++) {
        const char *name = t->header.fields[c];
        long *slot = NULL;
        if (strcmp(name, COL_SCENARIO) == 0)
            slot = &h->scenario;
        else if (strcmp(name, COL_MONTH) == 0)
            slot = &h->month;
        else if (strcmp(name, COL_NOTE) == 0)
            slot = &h->note;
        else
            for (size_t q = 0; q < N_QUANTITIES; q++)
                if (strcmp(name, tco_scenario_field_name(QUANTITIES[q].field)) == 0)
                    slot = &h->quantity[q];
        char quoted[64];
        tco_diag_quote_cell(quoted, sizeof quoted, name);
        if (!slot) {
            /* a scenario column (seat_growth, months) belongs in the scenario file */
            bool scenario_column = false;
            for (size_t i = 0; i < tco_scenario_n_columns() && !scenario_column; i++)
                scenario_column = strcmp(name, tco_scenario_column(i)) == 0;
            const char *columns[N_QUANTITIES + 3];
            for (size_t i = 0; i < N_QUANTITIES + 3; i++)
                columns[i] = tco_schedule_column(i);
            const char *hint = scenario_column ? NULL : closest(name, columns, N_QUANTITIES + 3);
            if (hint)
                tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, (unsigned)c + 1,
                             "expected a schedule column (did you mean %s?), got \"%s\"", hint,
                             quoted);
            else
                tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, (unsigned)c + 1,
                             "expected a schedule column (scenario, month, " QUANTITY_NAMES
                             ", note), got %s\"%s\"%s",
                             scenario_column ? "the scenario column " : "", quoted,
                             scenario_column ? ", which belongs in the scenario file"
                                             : " (see tcosim-scenario(5), SCHEDULES)");
            unknown = true;
            continue;
        }
        if (*slot >= 0) {
            tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, (unsigned)c + 1,
                         "%s: expected each column once, got a second \"%s\" (first in column %ld)",
                         quoted, quoted, *slot + 1);
            continue;
        }
        *slot = (long)c;
    }
    bool ok = true;
    if (h->scenario < 0 || h->month < 0) {
        const char *missing = h->scenario < 0 ? COL_SCENARIO : COL_MONTH;
        tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, 0,
                     "%s: expected a required column \"%s\", got none", missing, missing);
        ok = false;
    }
    bool any = false;
    for (size_t q = 0; q < N_QUANTITIES; q++)
        any = any || h->quantity[q] >= 0;
    if (!any) {
        if (!unknown) /* else the unknown column is likely the level column mistyped */
            tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, 0,
                         "expected at least one column of planned levels (" QUANTITY_NAMES
                         "), got none");
        ok = false;
    }
    return ok;
}

/* ---- rows ------------------------------------------------------------------------------ */

/* A month: a whole number 1..600 (the scenario's own horizon is checked by the binding). */
static bool parse_month(const char *cell, int *month)
{
    tco_value v;
    size_t pos;
    if (tco_value_parse(cell, &v, &pos) == NULL && v.dist == TCO_DIST_CONST &&
        v.a == floor(v.a) && v.a >= 1 && v.a <= TCO_MAX_MONTHS && !strchr(cell, '%') &&
        !strchr(cell, '$')) {
        *month = (int)v.a;
        return true;
    }
    return false;
}

/* A good row, before sorting: where its steps are in the unsorted list. */
typedef struct row_rec {
    const char *name;
    int month;
    unsigned long line;
    size_t first_step, n_steps;
} row_rec;

static int row_cmp(const void *pa, const void *pb)
{
    const row_rec *a = pa, *b = pb;
    const int c = strcmp(a->name, b->name);
    if (c != 0)
        return c;
    if (a->month != b->month)
        return a->month < b->month ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

static int step_cmp(const void *pa, const void *pb)
{
    const tco_scenario_step *a = pa, *b = pb;
    if (a->field != b->field)
        return a->field < b->field ? -1 : 1;
    return a->month < b->month ? -1 : a->month > b->month;
}

tco_status tco_schedule_from_table(const tco_csv_table *t, tco_schedule *sc,
                                   tco_diag_list *diags)
{
    const size_t errors_before = diags->n_added;
    tco_schedule_fini(sc);
    sc->path = tco_xstrdup(t->path);
    if (!tco_schedule_table_is_schedule(t) &&
        (tco_csv_column(t, "months") >= 0 ||
         (tco_csv_column(t, "vendor") >= 0 && tco_csv_column(t, "item") >= 0))) {
        /* the file is good, the command line put it in the wrong place */
        const bool sheet = tco_csv_column(t, "vendor") >= 0;
        tco_diag_add(diags, TCO_EUSAGE, t->path, t->header.line, 0,
                     "expected a schedule (\"scenario\" and \"month\" columns), got %s: give "
                     "%s, a schedule with --schedule FILE",
                     sheet ? "a price sheet (\"vendor\" and \"item\" columns)"
                           : "a scenario file (a \"months\" column)",
                     sheet ? "a price sheet with --prices FILE" : "scenario files as the operands");
        return TCO_EUSAGE;
    }
    header_map h;
    if (!map_header(t, &h, diags))
        return TCO_EDATA;
    sc->scenario_col = (unsigned)h.scenario + 1;
    sc->month_col = (unsigned)h.month + 1;

    row_rec *rows = tco_xcalloc(t->n_rows + 1, sizeof *rows);
    tco_scenario_step *steps = tco_xcalloc(N_QUANTITIES * t->n_rows + 1, sizeof *steps);
    size_t n_rows = 0, n_steps = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const tco_csv_row *row = &t->rows[r];
        bool ok = true;
        const char *name = row->fields[h.scenario];
        if (is_blank(name)) {
            tco_diag_add_cell(diags, t->path, row->line, sc->scenario_col, COL_SCENARIO,
                              "a scenario name", name);
            ok = false;
        } else if (strlen(name) > TCO_MAX_NAME_BYTES) {
            tco_diag_add(diags, TCO_EDATA, t->path, row->line, sc->scenario_col,
                         "scenario: expected a name of at most %d bytes, got %zu",
                         TCO_MAX_NAME_BYTES, strlen(name));
            ok = false;
        }
        int month = 0;
        const char *month_cell = row->fields[h.month];
        if (!parse_month(month_cell, &month)) {
            char expected[256];
            if (is_blank(month_cell) || !tco_value_explain(month_cell, expected, sizeof expected))
                snprintf(expected, sizeof expected,
                         "a whole month from 1 to %d (the month the level starts)",
                         TCO_MAX_MONTHS);
            tco_diag_add_cell(diags, t->path, row->line, sc->month_col, COL_MONTH, expected,
                              month_cell);
            ok = false;
        }
        const size_t first = n_steps;
        bool any = false;
        for (size_t q = 0; q < N_QUANTITIES; q++) {
            const long col = h.quantity[q];
            if (col < 0 || is_blank(row->fields[col]))
                continue; /* no change of that quantity at this month */
            any = true;
            tco_scenario_step *st = &steps[n_steps];
            if (!tco_scenario_parse_field(t, row, col, QUANTITIES[q].field, &st->level, diags)) {
                ok = false;
                continue;
            }
            st->field = QUANTITIES[q].field;
            st->month = month;
            st->line = row->line;
            st->col = (unsigned)col + 1;
            n_steps++;
        }
        if (!any) {
            tco_diag_add(diags, TCO_EDATA, t->path, row->line, 0,
                         "expected a planned level in at least one of " QUANTITY_NAMES
                         ", got a row with none (a blank cell keeps the level)");
            ok = false;
        }
        if (!ok) {
            n_steps = first;
            continue;
        }
        const char *kept = tco_arena_strdup(&sc->arena, name);
        for (size_t i = first; i < n_steps; i++) {
            char input[64]; /* SPEC §10: schedule:COLUMN@MONTH */
            snprintf(input, sizeof input, "schedule:%s@%d",
                     tco_scenario_field_name(steps[i].field), month);
            steps[i].input = tco_arena_strdup(&sc->arena, input);
        }
        rows[n_rows++] = (row_rec){kept, month, row->line, first, n_steps - first};
    }
    if (t->n_rows == 0 && t->n_refused == 0)
        tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, 0,
                     "expected at least one planned level after the header, got none");

    /* by scenario, month, line: a repeated month is a pair of neighbours */
    qsort(rows, n_rows, sizeof *rows, row_cmp);
    for (size_t i = 1; i < n_rows; i++)
        if (strcmp(rows[i].name, rows[i - 1].name) == 0 && rows[i].month == rows[i - 1].month) {
            size_t k = i - 1;
            while (k > 0 && strcmp(rows[k - 1].name, rows[i].name) == 0 &&
                   rows[k - 1].month == rows[i].month)
                k--;
            char quoted[64], expected[128];
            tco_diag_quote_cell(quoted, sizeof quoted, rows[i].name);
            snprintf(expected, sizeof expected,
                     "each month once for scenario %s (line %lu has month %d)", quoted,
                     rows[k].line, rows[i].month);
            char got[16];
            snprintf(got, sizeof got, "%d", rows[i].month);
            tco_diag_add_cell(diags, t->path, rows[i].line, sc->month_col, COL_MONTH, expected,
                              got);
        }

    /* the plans: each scenario's rows, and its steps sorted by field and month */
    sc->steps = tco_xcalloc(n_steps + 1, sizeof *sc->steps);
    sc->rows = tco_xcalloc(n_rows + 1, sizeof *sc->rows);
    sc->plans = tco_xcalloc(n_rows + 1, sizeof *sc->plans);
    for (size_t i = 0; i < n_rows;) {
        size_t j = i;
        tco_schedule_plan *p = &sc->plans[sc->n_plans++];
        p->scenario = rows[i].name;
        tco_scenario_step *first = sc->steps + sc->n_steps;
        for (; j < n_rows && strcmp(rows[j].name, rows[i].name) == 0; j++) {
            sc->rows[sc->n_rows++] = (tco_schedule_row){rows[j].line, rows[j].month};
            for (size_t k = 0; k < rows[j].n_steps; k++)
                sc->steps[sc->n_steps++] = steps[rows[j].first_step + k];
        }
        p->steps = first;
        p->n_steps = (size_t)(sc->steps + sc->n_steps - first);
        qsort(first, p->n_steps, sizeof *first, step_cmp);
        p->rows = sc->rows + (sc->n_rows - (j - i));
        p->n_rows = j - i;
        i = j;
    }
    free(rows);
    free(steps);
    return diags->n_added > errors_before ? TCO_EDATA : TCO_OK;
}

tco_status tco_schedule_load(const char *path, tco_schedule *sc, tco_diag_list *diags)
{
    tco_csv_table t;
    tco_csv_table_init(&t);
    tco_status st = tco_csv_load(path, &t, diags);
    if (st == TCO_OK || (st == TCO_EDATA && t.header.n_fields > 0)) {
        tco_status st2 = tco_schedule_from_table(&t, sc, diags);
        if (st == TCO_OK || st2 == TCO_EUSAGE)
            st = st2;
    }
    tco_csv_table_fini(&t);
    return st;
}

/* ---- binding --------------------------------------------------------------------------- */

static int plan_name_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const tco_schedule_plan *)elem)->scenario);
}

/* Checks plan p against scenario s of file path: months within its horizon, no growth column
 * beside a scheduled quantity. */
static void check_plan(const tco_schedule *sc, const tco_schedule_plan *p, const tco_scenario *s,
                       const char *path, tco_diag_list *diags)
{
    char name[64], file[128];
    tco_diag_quote_cell(name, sizeof name, s->name);
    tco_diag_quote_cell(file, sizeof file, path);
    for (size_t i = 0; i < p->n_rows; i++)
        if (p->rows[i].month > s->months) {
            char expected[400], got[16];
            snprintf(expected, sizeof expected,
                     "a month from 1 to %d (scenario %s of %s has %d months)", s->months, name,
                     file, s->months);
            snprintf(got, sizeof got, "%d", p->rows[i].month);
            tco_diag_add_cell(diags, sc->path, p->rows[i].line, sc->month_col, COL_MONTH,
                              expected, got);
        }
    for (size_t q = 0; q < N_QUANTITIES; q++) {
        const tco_scn_field f = QUANTITIES[q].field, g = QUANTITIES[q].growth;
        if (tco_value_is_zero(&s->v[g]))
            continue;
        for (size_t i = 0; i < p->n_steps; i++)
            if (p->steps[i].field == f) {
                /* SPEC §12.1: a scheduled quantity replaces its growth column */
                tco_diag_add(diags, TCO_EDATA, sc->path, p->steps[i].line, p->steps[i].col,
                             "%s: expected %s 0 or absent in scenario %s (%s line %lu), got a "
                             "schedule of %s beside it: the schedule replaces the growth; set "
                             "%s to 0 or remove it",
                             tco_scenario_field_name(f), tco_scenario_field_name(g), name, file,
                             s->line, tco_scenario_field_name(f), tco_scenario_field_name(g));
                break;
            }
    }
}

tco_status tco_schedule_bind(const tco_schedule *sc, tco_scenario_file *files, size_t n_files,
                             bool unknown_is_error, tco_diag_list *diags)
{
    const size_t errors_before = diags->n_added;
    bool *used = tco_xcalloc(sc->n_plans + 1, sizeof *used);
    for (size_t i = 0; i < n_files; i++)
        for (size_t k = 0; k < files[i].n; k++) {
            tco_scenario *s = &files[i].items[k];
            const tco_schedule_plan *p =
                bsearch(s->name, sc->plans, sc->n_plans, sizeof *sc->plans, plan_name_cmp);
            if (!p)
                continue;
            used[p - sc->plans] = true;
            check_plan(sc, p, s, files[i].path, diags);
            s->steps = p->steps;
            s->n_steps = p->n_steps;
        }
    size_t n_names = 0;
    for (size_t i = 0; i < n_files; i++)
        n_names += files[i].n;
    const char **names = tco_xcalloc(n_names + 1, sizeof *names);
    n_names = 0;
    for (size_t i = 0; i < n_files; i++)
        for (size_t k = 0; k < files[i].n; k++)
            names[n_names++] = files[i].items[k].name;
    for (size_t i = 0; unknown_is_error && i < sc->n_plans; i++)
        if (!used[i]) {
            const char *hint = closest(sc->plans[i].scenario, names, n_names);
            char expected[320];
            if (hint) {
                char quoted[64];
                tco_diag_quote_cell(quoted, sizeof quoted, hint);
                snprintf(expected, sizeof expected,
                         "the name of a scenario in the run's scenario files (did you mean %s?)",
                         quoted);
            } else {
                snprintf(expected, sizeof expected,
                         "the name of a scenario in the run's scenario files");
            }
            unsigned long first_line = sc->plans[i].rows[0].line; /* rows are by month */
            for (size_t k = 1; k < sc->plans[i].n_rows; k++)
                if (sc->plans[i].rows[k].line < first_line)
                    first_line = sc->plans[i].rows[k].line;
            tco_diag_add_cell(diags, sc->path, first_line, sc->scenario_col, COL_SCENARIO,
                              expected, sc->plans[i].scenario);
        }
    free(names);
    free(used);
    return diags->n_added > errors_before ? TCO_EDATA : TCO_OK;
}

/* ---- sensitivity ----------------------------------------------------------------------- */

size_t tco_schedule_n_inputs(const tco_scenario *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_steps; i++)
        n += !tco_value_is_const(&s->steps[i].level);
    return n;
}

size_t tco_schedule_input(const tco_scenario *s, size_t k)
{
    for (size_t i = 0; i < s->n_steps; i++)
        if (!tco_value_is_const(&s->steps[i].level) && k-- == 0)
            return i;
    return s->n_steps;
}
