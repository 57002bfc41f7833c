/* SPDX-License-Identifier: MIT */
/* scenario: scenario files (SPEC §4) checked cell by cell and loaded into tco_scenario.
 *
 * One table below lists every numeric column with its default and its range; the loader, the
 * clamping draw and the messages all read it, so a column's rule is written once. Ranges keep
 * every later computation finite (below), and a normal draw's tail is clamped into the range.
 *
 * The worst case, every input at its extreme at once (log10 of each factor, month 600):
 *   quantity: notifications 1e12 x growth 2^599 x spike 1e6       198.4  (the largest:
 *             seats 1e9 x 2^599 x 1e6 internal SMS a seat is 195.4, API / 1000 is 196.4)
 *   price per unit 1e9 $ (pricesheet: bounded, draws clamped)       9.0
 *   escalation 1000% a year: 11^49 at month 600                    51.0
 *   discount rate -50% a year: 0.5^(-599/12) = 2^49.9              15.0
 *   the log walks: exp(W_m), exp(V_m) <= e^46                      20.0
 *   every item and both plans of a hybrid (< 10) x 600 months       3.8
 *                                                          total  297.2: a TCO < 2e297,
 * so that the engine's sum of a month's cost over 1e9 trials (< 2e306), the difference of two
 * TCOs and every sketch key stay finite with room to spare; labor and delay (1e6 $/h x 1e7 h,
 * 1e12 $ a month) are far below. A discount rate near -100% would multiply month 600 by up to
 * 1e399 (-99.999999%): it is what the bound of -50% is for. The walks are the one factor bounded
 * in probability only: W_m ~ N(-s^2 (m-1)/2, s^2 (m-1)) exceeds 46 with z = (46 + s^2 (m-1)/2)
 * / (s sqrt(m-1)) >= 2 sqrt(23) = 9.59 sd for every s and m (P < 5e-22), so a run of 1e9 trials,
 * two walks, 600 months, crosses it with probability below 1e-9.
 */
#include "tco/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tco/cellhint.h"
#include "tco/defaults.h"
#include "tco/xalloc.h"

typedef struct field_rule {
    const char *name;
    double def;      /* SPEC §4 default */
    double lo, hi;   /* allowed range of every value the cell can take */
    bool lo_open;    /* lo itself excluded */
    const char *range_text; /* for messages: "expected <range_text>" */
    const char *why;        /* NULL, or why the range is what it is, for the message */
} field_rule;

/* SPEC §4 columns in order, then §8.1's, then the §7 rule inputs. Upper bounds, and the discount rate's
 * lower one, are ours (documented in the README): they keep costs finite over 600 months. */
static const field_rule RULES[TCO_SCN_N_FIELDS] = {
    [TCO_SCN_SEATS] = {"seats", 0, 0, TCO_MAX_SEATS, false, "a count from 0 to 1e9"},
    [TCO_SCN_SEAT_GROWTH] = {"seat_growth", 0, -1, 1, false, "a monthly rate from -100% to 100%"},
    [TCO_SCN_SEAT_VOLATILITY] = {"seat_volatility", 0, 0, 1, false, "a log-sd from 0 to 1"},
    [TCO_SCN_INTERNAL_SMS_PER_SEAT] = {"internal_sms_per_seat", 0, 0, 1e6, false,
                                       "messages per user-month from 0 to 1e6"},
    [TCO_SCN_VOICE_MINUTES_PER_SEAT] = {"voice_minutes_per_seat", 0, 0, 1e6, false,
                                        "minutes per user-month from 0 to 1e6"},
    [TCO_SCN_NOTIFICATIONS] = {"notifications", 0, 0, TCO_MAX_NOTIFICATIONS, false,
                               "a count from 0 to 1e12"},
    [TCO_SCN_NOTIFICATION_GROWTH] = {"notification_growth", 0, -1, 1, false,
                                     "a monthly rate from -100% to 100%"},
    [TCO_SCN_API_REQUESTS] = {"api_requests", 0, 0, 1e13, false, "a count from 0 to 1e13"},
    [TCO_SCN_API_GROWTH] = {"api_growth", 0, -1, 1, false, "a monthly rate from -100% to 100%"},
    [TCO_SCN_VOLUME_VOLATILITY] = {"volume_volatility", 0, 0, 1, false, "a log-sd from 0 to 1"},
    [TCO_SCN_SPIKE_PROBABILITY] = {"spike_probability", 0, 0, 1, false,
                                   "a probability from 0 to 1"},
    [TCO_SCN_SPIKE_MULTIPLIER] = {"spike_multiplier", 1, 0, 1e6, false,
                                  "a factor from 0 to 1e6"},
    [TCO_SCN_ENGINEER_RATE] = {"engineer_rate", 0, 0, 1e6, false, "$ per hour from 0 to 1e6"},
    [TCO_SCN_CPAAS_BUILD_HOURS] = {"cpaas_build_hours", 0, 0, 1e7, false,
                                   "hours from 0 to 1e7"},
    [TCO_SCN_CPAAS_MAINTENANCE_HOURS] = {"cpaas_maintenance_hours", 0, 0, 1e6, false,
                                         "hours per month from 0 to 1e6"},
    [TCO_SCN_UCAAS_SETUP_HOURS] = {"ucaas_setup_hours", 0, 0, 1e7, false, "hours from 0 to 1e7"},
    [TCO_SCN_UCAAS_ADMIN_HOURS] = {"ucaas_admin_hours", 0, 0, 1e6, false,
                                   "hours per month from 0 to 1e6"},
    [TCO_SCN_PRICE_ESCALATION] = {"price_escalation", 0, -1, 10, false,
                                  "a yearly rate from -100% to 1000%"},
    [TCO_SCN_DISCOUNT_RATE] = {"discount_rate", 0, -0.5, 10, false,
                               "a yearly rate from -50% to 1000%",
                               " (so that costs stay finite over 600 months)"},
    [TCO_SCN_PHONE_NUMBERS] = {"phone_numbers", 1, 0, 1e9, false, "a count from 0 to 1e9"},
    [TCO_SCN_UCAAS_DEPLOY_MONTHS] = {"ucaas_deploy_months", 0, 0, TCO_MAX_MONTHS, false,
                                     "months from 0 to 600"},
    [TCO_SCN_CPAAS_DEPLOY_MONTHS] = {"cpaas_deploy_months", 0, 0, TCO_MAX_MONTHS, false,
                                     "months from 0 to 600"},
    [TCO_SCN_DELAY_COST_PER_MONTH] = {"delay_cost_per_month", 0, 0, 1e12, false,
                                      "$ per month from 0 to 1e12"},
    /* SPEC §8.1: staff on a `cpaas:` option. A cost per seat of at most 1e6 $ is a seat price
     * far inside the pricesheet's bound of 1e9 $ a unit, and the hours are those of
     * cpaas_build_hours and cpaas_maintenance_hours: the worst case above holds. */
    [TCO_SCN_CPAAS_STAFF_BUILD_HOURS] = {"cpaas_staff_build_hours", 0, 0, 1e7, false,
                                         "hours from 0 to 1e7"},
    [TCO_SCN_CPAAS_STAFF_MAINTENANCE_HOURS] = {"cpaas_staff_maintenance_hours", 0, 0, 1e6, false,
                                               "hours per month from 0 to 1e6"},
    [TCO_SCN_CPAAS_COST_PER_SEAT] = {"cpaas_cost_per_seat", 0, 0, 1e6, false,
                                     "$ per seat-month from 0 to 1e6"},
    [TCO_SCN_DEV_HOURS_PER_WEEK] = {"dev_hours_per_week", 0, 0, 168, false,
                                    "hours per week from 0 to 168"},
    [TCO_SCN_TIME_TO_MARKET_DAYS] = {"time_to_market_days", 0, 0, 1e5, false,
                                     "days from 0 to 1e5"},
    [TCO_SCN_WORKFLOW_DEVIATION] = {"workflow_deviation", 0, 0, 1, false,
                                    "a share from 0% to 100%"},
};

/* Columns that are not tco_values. */
#define COL_SCENARIO "scenario"
#define COL_MONTHS "months"
#define COL_API_EXPERTISE "api_expertise"
#define COL_NOTE "note" /* SPEC §8.4: text for the reader, ignored by the model */
#define COL_MIGRATE_MONTH "migrate_month" /* SPEC §12.2: a list of whole months */

/* Every column a scenario file may have, in the order tcosim-scenario(5) lists them. */
size_t tco_scenario_n_columns(void)
{
    return 3 + TCO_SCN_N_FIELDS + 2;
}

const char *tco_scenario_column(size_t i)
{
    static const char *const text[] = {COL_SCENARIO, COL_MONTHS};
    if (i < 2)
        return text[i];
    if (i < 2 + TCO_SCN_N_FIELDS)
        return RULES[i - 2].name;
    if (i == 2 + TCO_SCN_N_FIELDS)
        return COL_API_EXPERTISE;
    if (i == 3 + TCO_SCN_N_FIELDS)
        return COL_NOTE;
    return i == 4 + TCO_SCN_N_FIELDS ? COL_MIGRATE_MONTH : NULL;
}

const char *tco_scenario_field_name(tco_scn_field field)
{
    return RULES[field].name;
}

void tco_scenario_file_init(tco_scenario_file *f)
{
    f->path = NULL;
    f->items = NULL;
    f->n = 0;
    tco_arena_init(&f->arena);
}

void tco_scenario_file_fini(tco_scenario_file *f)
{
    if (!f)
        return;
    free(f->path);
    free(f->items);
    tco_arena_fini(&f->arena);
    tco_scenario_file_init(f);
}

bool tco_scenario_table_is_scenario(const tco_csv_table *t)
{
    return tco_csv_column(t, COL_SCENARIO) >= 0;
}

/* ---- header ---------------------------------------------------------------------------- */

/* Edit distance, for "did you mean" on an unknown column (names are short). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    size_t row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag + cost;
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

static const char *closest_column(const char *name)
{
    const char *best = NULL;
    size_t best_d = 4; /* suggest only close names */
    for (size_t i = 0; i < tco_scenario_n_columns(); i++) {
        const char *cand = tco_scenario_column(i);
        size_t d = edit_distance(name, cand);
        if (strcasecmp(name, cand) == 0)
            d = 0;
        if (d < best_d) {
            best_d = d;
            best = cand;
        }
    }
    return best;
}

/* Column indexes of a scenario header: -1 where absent. */
typedef struct header_map {
    long scenario, months, api_expertise, note, migrate_month;
    long field[TCO_SCN_N_FIELDS];
} header_map;

/* Reports unknown and repeated columns (the rows are still checked against the known ones);
 * returns false only when a required column is missing, which leaves nothing to check. */
static bool map_header(const tco_csv_table *t, header_map *h, tco_diag_list *diags)
{
    bool ok = true;
    h->scenario = h->months = h->api_expertise = h->note = h->migrate_month = -1;
    for (size_t i = 0; i < TCO_SCN_N_FIELDS; i++)
        h->field[i] = -1;
    for (size_t c = 0; c < t->header.n_fields; c++) {
        const char *name = t->header.fields[c];
        long *slot = NULL;
        if (strcmp(name, COL_SCENARIO) == 0)
            slot = &h->scenario;
        else if (strcmp(name, COL_MONTHS) == 0)
            slot = &h->months;
        else if (strcmp(name, COL_API_EXPERTISE) == 0)
            slot = &h->api_expertise;
        else if (strcmp(name, COL_NOTE) == 0)
            slot = &h->note;
        else if (strcmp(name, COL_MIGRATE_MONTH) == 0)
            slot = &h->migrate_month;
        else
            for (size_t i = 0; i < TCO_SCN_N_FIELDS; i++)
                if (strcmp(name, RULES[i].name) == 0)
                    slot = &h->field[i];
        if (!slot) {
            const char *hint = closest_column(name);
            char quoted[64];
            tco_diag_quote_cell(quoted, sizeof quoted, name);
            if (hint)
                tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, (unsigned)c + 1,
                             "expected a scenario column (did you mean %s?), got \"%s\"", hint,
                             quoted);
            else
                tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, (unsigned)c + 1,
                             "expected a scenario column (see tcosim-scenario(5)), got \"%s\"",
                             quoted);
            continue;
        }
        if (*slot >= 0) {
            tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, (unsigned)c + 1,
                         "%s: expected each column once, got a second \"%s\" (first in column %ld)",
                         name, name, *slot + 1);
            continue;
        }
        *slot = (long)c;
    }
    static const char *const required[] = {COL_SCENARIO, COL_MONTHS, "seats"};
    long found[] = {h->scenario, h->months, h->field[TCO_SCN_SEATS]};
    for (size_t i = 0; i < 3; i++)
        if (found[i] < 0) {
            tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, 0,
                         "%s: expected a required column \"%s\", got none", required[i],
                         required[i]);
            ok = false;
        }
    return ok;
}

/* ---- cells ----------------------------------------------------------------------------- */

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* Parses a value cell and checks it against the field's range. */
bool tco_scenario_parse_field(const tco_csv_table *t, const tco_csv_row *row, long col,
                              tco_scn_field field, tco_value *out, tco_diag_list *diags)
{
    const field_rule *rule = &RULES[field];
    const char *cell = row->fields[col];
    size_t pos = 0;
    const char *err = tco_value_parse(cell, out, &pos);
    if (err) {
        char expected[256];
        if (!tco_value_explain(cell, expected, sizeof expected)) {
            if (pos > 1)
                snprintf(expected, sizeof expected, "%s at character %zu", err, pos);
            else
                snprintf(expected, sizeof expected, "%s", err);
        }
        tco_diag_add_cell(diags, t->path, row->line, (unsigned)col + 1, rule->name, expected,
                          cell);
        return false;
    }
    /* Bounded distributions must lie inside the range; unbounded ones (a normal's tails) with
     * 99.9% of their draws inside: the rest is clamped when drawn (tco_scenario_draw). */
    double lo, hi;
    tco_value_bulk(out, &lo, &hi);
    bool below = rule->lo_open ? !(lo > rule->lo) : !(lo >= rule->lo);
    if (below || !(hi <= rule->hi)) {
        char expected[256];
        snprintf(expected, sizeof expected, "%s%s%s", rule->range_text,
                 tco_value_unbounded(out) ? " for 99.9% of the draws" : "",
                 rule->why ? rule->why : "");
        /* SPEC §8.4: "5" in a column of rates is 500%; say what 5% would have been */
        if (out->dist == TCO_DIST_CONST && !strchr(cell, '%') && out->a / 100 >= rule->lo &&
            out->a / 100 <= rule->hi && rule->hi <= 10) {
            char quoted[64];
            tco_diag_quote_cell(quoted, sizeof quoted, cell);
            tco_diag_add(diags, TCO_EDATA, t->path, row->line, (unsigned)col + 1,
                         "%s: expected %s, got \"%s\" (if you meant %.15g%%, write %.15g%%)",
                         rule->name, expected, quoted, out->a, out->a);
            return false;
        }
        tco_diag_add_cell(diags, t->path, row->line, (unsigned)col + 1, rule->name, expected,
                          cell);
        return false;
    }
    char warning[400];
    if (tco_cellhint_warning(rule->name, cell, lo, hi, warning, sizeof warning))
        tco_diag_warn(diags, t->path, row->line, (unsigned)col + 1, "%s", warning);
    return true;
}

static bool parse_months(const tco_csv_table *t, const tco_csv_row *row, long col, int *months,
                         tco_diag_list *diags)
{
    const char *cell = row->fields[col];
    tco_value v;
    size_t pos;
    if (tco_value_parse(cell, &v, &pos) == NULL && v.dist == TCO_DIST_CONST &&
        v.a == floor(v.a) && v.a >= 1 && v.a <= TCO_MAX_MONTHS && !strchr(cell, '%') &&
        !strchr(cell, '$')) {
        *months = (int)v.a;
        return true;
    }
    char expected[256];
    if (!tco_value_explain(cell, expected, sizeof expected))
        snprintf(expected, sizeof expected, "a whole number of months from 1 to 600");
    tco_diag_add_cell(diags, t->path, row->line, (unsigned)col + 1, COL_MONTHS, expected, cell);
    return false;
}

static bool parse_yes_no(const tco_csv_table *t, const tco_csv_row *row, long col, int *out,
                         tco_diag_list *diags)
{
    const char *cell = row->fields[col];
    if (strcasecmp(cell, "yes") == 0 || strcasecmp(cell, "true") == 0 || strcmp(cell, "1") == 0) {
        *out = 1;
        return true;
    }
    if (strcasecmp(cell, "no") == 0 || strcasecmp(cell, "false") == 0 || strcmp(cell, "0") == 0) {
        *out = 0;
        return true;
    }
    tco_diag_add_cell(diags, t->path, row->line, (unsigned)col + 1, COL_API_EXPERTISE,
                      "yes or no", cell);
    return false;
}

/* SPEC §12.2: migrate_month is one or more whole months k, 2 <= k <= months, separated by
 * spaces ("6 12 18"); each at most once, at most TCO_MAX_MIGRATE_MONTHS of them. s->months
 * is 0 when the row's months is bad: the upper bound is then the largest horizon. Fills
 * s->migrate_month in ascending order. */
static bool parse_migrate_months(const tco_csv_table *t, const tco_csv_row *row, long col,
                                 tco_scenario *s, tco_diag_list *diags)
{
    const char *cell = row->fields[col];
    const int last = s->months > 0 ? s->months : TCO_MAX_MONTHS;
    char expected[320];
    int n = 0;
    for (const char *p = cell;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        const int len = (int)(p - start);
        const size_t at = (size_t)(start - cell) + 1;
        long k = 0;
        bool whole = len <= 4;
        for (const char *c = start; whole && c < p; c++) {
            whole = *c >= '0' && *c <= '9';
            k = 10 * k + (*c - '0');
        }
        if (!whole) {
            char word[32], quoted[64];
            snprintf(word, sizeof word, "%.*s", len > 24 ? 24 : len, start);
            tco_diag_quote_cell(quoted, sizeof quoted, word); /* printable, like the cell */
            snprintf(expected, sizeof expected,
                     "whole months from 2 to %d separated by spaces, such as \"6 12 18\" "
                     "(at character %zu, \"%s\" is not a whole number)",
                     last, at, quoted);
        } else if (k < 2 || k > last) {
            snprintf(expected, sizeof expected,
                     "whole months from 2 to %d (a migration starts after month 1 and within "
                     "the horizon; at character %zu, %ld is outside)",
                     last, at, k);
            whole = false;
        } else if (n == TCO_MAX_MIGRATE_MONTHS) {
            snprintf(expected, sizeof expected,
                     "at most %d months (each makes an option of every hybrid; at character "
                     "%zu, %ld is one too many)",
                     TCO_MAX_MIGRATE_MONTHS, at, k);
            whole = false;
        } else {
            for (int i = 0; i < n && whole; i++)
                if (s->migrate_month[i] == k) {
                    snprintf(expected, sizeof expected,
                             "each month once (at character %zu, %ld is given again)", at, k);
                    whole = false;
                }
        }
        if (!whole) {
            tco_diag_add_cell(diags, t->path, row->line, (unsigned)col + 1, COL_MIGRATE_MONTH,
                              expected, cell);
            s->n_migrate = 0;
            return false;
        }
        int i = n++;
        for (; i > 0 && s->migrate_month[i - 1] > k; i--) /* a few: insertion */
            s->migrate_month[i] = s->migrate_month[i - 1];
        s->migrate_month[i] = (int)k;
    }
    s->n_migrate = n;
    return true;
}

/* ---- rows ------------------------------------------------------------------------------ */

tco_status tco_scenario_from_table(const tco_csv_table *t, tco_scenario_file *f,
                                   tco_diag_list *diags)
{
    size_t errors_before = diags->n_added;
    free(f->path);
    f->path = tco_xstrdup(t->path);
    if (tco_csv_column(t, COL_SCENARIO) < 0 && tco_csv_column(t, "vendor") >= 0 &&
        tco_csv_column(t, "item") >= 0) {
        /* SPEC §8.4: the file is good, the command line put it in the wrong place */
        tco_diag_add(diags, TCO_EUSAGE, t->path, t->header.line, 0,
                     "expected a scenario file (a \"scenario\" column), got a price sheet "
                     "(\"vendor\" and \"item\" columns): give a price sheet with --prices FILE, "
                     "scenario files as the operands");
        return TCO_EUSAGE;
    }
    if (tco_csv_column(t, COL_SCENARIO) >= 0 && tco_csv_column(t, "month") >= 0 &&
        tco_csv_column(t, COL_MONTHS) < 0) {
        /* SPEC §12.1: a schedule (scenario,month,...) in the place of a scenario file */
        tco_diag_add(diags, TCO_EUSAGE, t->path, t->header.line, 0,
                     "expected a scenario file (a \"months\" column), got a schedule "
                     "(\"scenario\" and \"month\" columns): give a schedule with --schedule "
                     "FILE, scenario files as the operands");
        return TCO_EUSAGE;
    }
    if (tco_csv_column(t, "input_a") >= 0 && tco_csv_column(t, "rank_correlation") >= 0) {
        tco_diag_add(diags, TCO_EUSAGE, t->path, t->header.line, 0,
                     "expected a scenario file, got a correlations file (\"input_a\" and "
                     "\"rank_correlation\" columns): give it with --correlations FILE, "
                     "scenario files as the operands");
        return TCO_EUSAGE;
    }
    header_map h;
    if (!map_header(t, &h, diags))
        return TCO_EDATA;
    if (t->n_rows > TCO_MAX_SCENARIOS) {
        /* each is simulated on its own, and the name check compares every pair; a table the
         * reader cut short (a limit of csvload, already reported) says nothing more */
        if (t->n_refused == 0)
            tco_diag_add(diags, TCO_EDATA, t->path, t->rows[TCO_MAX_SCENARIOS].line, 0,
                         "expected at most %d scenarios in a file, got %zu (split the file)",
                         TCO_MAX_SCENARIOS, t->n_rows);
        return TCO_EDATA;
    }
    f->items = tco_xreallocarray(f->items, t->n_rows ? t->n_rows : 1, sizeof *f->items);
    f->n = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const tco_csv_row *row = &t->rows[r];
        tco_scenario s;
        memset(&s, 0, sizeof s);
        s.line = row->line;
        s.api_expertise = -1;
        bool ok = true;

        const char *name = row->fields[h.scenario];
        if (is_blank(name)) {
            tco_diag_add_cell(diags, t->path, row->line, (unsigned)h.scenario + 1, COL_SCENARIO,
                              "a scenario name", name);
            ok = false;
        } else if (strlen(name) > TCO_MAX_NAME_BYTES) {
            /* it is repeated in every row of the outputs */
            tco_diag_add(diags, TCO_EDATA, t->path, row->line, (unsigned)h.scenario + 1,
                         "scenario: expected a name of at most %d bytes, got %zu",
                         TCO_MAX_NAME_BYTES, strlen(name));
            ok = false;
        } else {
            /* every earlier row counts, good or bad: a repeated name is its own problem */
            for (size_t k = 0; k < r; k++)
                if (strcmp(row->fields[h.scenario], t->rows[k].fields[h.scenario]) == 0) {
                    char expected[96];
                    snprintf(expected, sizeof expected,
                             "a name unique in the file (line %lu has it already)",
                             t->rows[k].line);
                    tco_diag_add_cell(diags, t->path, row->line, (unsigned)h.scenario + 1,
                                      COL_SCENARIO, expected, name);
                    ok = false;
                    break;
                }
        }
        if (is_blank(row->fields[h.months])) {
            tco_diag_add_cell(diags, t->path, row->line, (unsigned)h.months + 1, COL_MONTHS,
                              "a whole number of months from 1 to 600", row->fields[h.months]);
            ok = false;
        } else if (!parse_months(t, row, h.months, &s.months, diags)) {
            ok = false;
        }
        for (size_t i = 0; i < TCO_SCN_N_FIELDS; i++) {
            long col = h.field[i];
            if (col < 0 || is_blank(row->fields[col])) {
                if (i == TCO_SCN_SEATS && col >= 0) {
                    tco_diag_add_cell(diags, t->path, row->line, (unsigned)col + 1, "seats",
                                      "a number or a distribution", row->fields[col]);
                    ok = false;
                }
                s.v[i] = tco_value_const(RULES[i].def);
                continue;
            }
            if (tco_scenario_parse_field(t, row, col, (tco_scn_field)i, &s.v[i], diags))
                s.given[i] = true;
            else
                ok = false;
        }
        if (h.api_expertise >= 0 && !is_blank(row->fields[h.api_expertise]) &&
            !parse_yes_no(t, row, h.api_expertise, &s.api_expertise, diags))
            ok = false;
        if (h.migrate_month >= 0 &&
            !parse_migrate_months(t, row, h.migrate_month, &s, diags))
            ok = false;
        if (ok) {
            s.name = tco_arena_strdup(&f->arena, name);
            f->items[f->n++] = s;
        }
    }
    if (t->n_rows == 0 && t->n_refused == 0) /* a refused row was reported already */
        tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, 0,
                     "expected at least one scenario row after the header, got none");
    return diags->n_added > errors_before ? TCO_EDATA : TCO_OK;
}

tco_status tco_scenario_load(const char *path, tco_scenario_file *f, tco_diag_list *diags)
{
    tco_csv_table t;
    tco_csv_table_init(&t);
    tco_status st = tco_csv_load(path, &t, diags);
    if (st == TCO_OK || (st == TCO_EDATA && t.header.n_fields > 0)) {
        tco_status st2 = tco_scenario_from_table(&t, f, diags);
        if (st == TCO_OK)
            st = st2;
    }
    tco_csv_table_fini(&t);
    return st;
}

/* ---- draws ----------------------------------------------------------------------------- */

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

double tco_scenario_draw_field(tco_scn_field field, const tco_value *v, gsl_rng *r)
{
    if (v->dist == TCO_DIST_CONST)
        return v->a;
    double lo = RULES[field].lo;
    if (RULES[field].lo_open)
        lo = nextafter(lo, INFINITY);
    return clamp(tco_value_draw(v, r), lo, RULES[field].hi);
}

bool tco_scenario_has(const tco_scenario *s, tco_scn_field field)
{
    if (!tco_value_is_zero(&s->v[field]))
        return true;
    for (size_t i = 0; i < s->n_steps; i++)
        if (s->steps[i].field == field && !tco_value_is_zero(&s->steps[i].level))
            return true;
    return false;
}

double tco_scenario_month1_mean(const tco_scenario *s, tco_scn_field field)
{
    for (size_t i = 0; i < s->n_steps; i++)
        if (s->steps[i].field == field && s->steps[i].month == 1)
            return tco_value_mean(&s->steps[i].level);
    return tco_value_mean(&s->v[field]);
}

int tco_scenario_reference_month(const tco_scenario *s, tco_scn_field field, double *mean)
{
    *mean = tco_scenario_month1_mean(s, field);
    if (*mean > 0)
        return 1;
    for (size_t i = 0; i < s->n_steps; i++) /* by field, then month */
        if (s->steps[i].field == field && tco_value_mean(&s->steps[i].level) > 0) {
            *mean = tco_value_mean(&s->steps[i].level);
            return s->steps[i].month;
        }
    return 1;
}

bool tco_scenario_field_is_drawn(tco_scn_field field)
{
    /* spike_multiplier is drawn per spike and the §7 rule inputs are read as means, so
     * neither spends random numbers in tco_scenario_draw. */
    return field != TCO_SCN_SPIKE_MULTIPLIER && field < TCO_SCN_DEV_HOURS_PER_WEEK;
}

void tco_scenario_field_clamp(tco_scn_field field, double *lo, double *hi)
{
    *lo = RULES[field].lo;
    /* an open lower end (discount_rate > -100%) clamps just inside it */
    if (RULES[field].lo_open)
        *lo = nextafter(*lo, INFINITY);
    *hi = RULES[field].hi;
}

int tco_scenario_field_of(const char *name)
{
    for (int i = 0; i < TCO_SCN_N_FIELDS; i++)
        if (strcmp(name, RULES[i].name) == 0)
            return i;
    return -1;
}

const char *tco_scenario_closest_column(const char *name) { return closest_column(name); }

void tco_scenario_draw(const tco_scenario *s, gsl_rng *r, double out[TCO_SCN_N_FIELDS])
{
    for (size_t i = 0; i < TCO_SCN_N_FIELDS; i++) {
        const tco_value *v = &s->v[i];
        if (v->dist == TCO_DIST_CONST || !tco_scenario_field_is_drawn((tco_scn_field)i)) {
            out[i] = tco_value_mean(v);
            continue;
        }
        double lo, hi;
        tco_scenario_field_clamp((tco_scn_field)i, &lo, &hi);
        out[i] = clamp(tco_value_draw(v, r), lo, hi);
    }
}

double tco_scenario_draw_spike(const tco_scenario *s, gsl_rng *r)
{
    const tco_value *v = &s->v[TCO_SCN_SPIKE_MULTIPLIER];
    if (v->dist == TCO_DIST_CONST)
        return v->a;
    return clamp(tco_value_draw(v, r), RULES[TCO_SCN_SPIKE_MULTIPLIER].lo,
                 RULES[TCO_SCN_SPIKE_MULTIPLIER].hi);
}
