/* SPDX-License-Identifier: MIT */
/* correlations: a correlations file (SPEC §12.3) read through csvload, checked against the
 * scenarios, and turned into each scenario's copula.
 *
 * The rows that apply to a scenario (its own, then those for every scenario in which both
 * inputs hold distributions, merged in file order) give its inputs (in order of first
 * appearance) and its matrix of normal correlations: 1 on the diagonal, 2 sin(pi rho / 6) for
 * each pair given, 0 for the others. Every bound is a small number: a scenario has 25 inputs,
 * so at most 300 pairs, and a pair given twice is refused, so a scenario's rows are at most
 * 600 whatever the file holds.
 */
#include "tco/correlations.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tco/xalloc.h"

#define COL_SCENARIO "scenario"
#define COL_A "input_a"
#define COL_B "input_b"
#define COL_RANK "rank_correlation"
#define COL_NOTE "note"

#define N_INPUT_FIELDS TCO_SCN_N_FIELDS

void tco_correlations_init(tco_correlations *c)
{
    memset(c, 0, sizeof *c);
    tco_arena_init(&c->arena);
}

void tco_correlations_fini(tco_correlations *c)
{
    if (!c)
        return;
    free(c->path);
    free(c->items);
    free(c->named);
    free(c->every);
    tco_arena_fini(&c->arena);
    tco_correlations_init(c);
}

bool tco_correlations_table_is_correlations(const tco_csv_table *t)
{
    return tco_csv_column(t, COL_A) >= 0 || tco_csv_column(t, COL_B) >= 0 ||
           tco_csv_column(t, COL_RANK) >= 0;
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* ---- header ---------------------------------------------------------------------------- */

/* Column indexes (0-based) of the header; -1 where absent. Returns false when a required
 * column is missing (nothing to check then). */
static bool map_header(const tco_csv_table *t, long col[4], tco_diag_list *diags)
{
    static const char *const names[4] = {COL_SCENARIO, COL_A, COL_B, COL_RANK};
    long note = -1;
    for (int k = 0; k < 4; k++)
        col[k] = -1;
    for (size_t i = 0; i < t->header.n_fields; i++) {
        const char *name = t->header.fields[i];
        long *slot = strcmp(name, COL_NOTE) == 0 ? &note : NULL;
        for (int k = 0; k < 4 && !slot; k++)
            if (strcmp(name, names[k]) == 0)
                slot = &col[k];
        if (!slot) {
            char quoted[64];
            tco_diag_quote_cell(quoted, sizeof quoted, name);
            tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, (unsigned)i + 1,
                         "expected a correlations column (scenario, input_a, input_b, "
                         "rank_correlation, note), got \"%s\"",
                         quoted);
            continue;
        }
        if (*slot >= 0) {
            tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, (unsigned)i + 1,
                         "%s: expected each column once, got a second \"%s\" (first in column %ld)",
                         name, name, *slot + 1);
            continue;
        }
        *slot = (long)i;
    }
    bool ok = true;
    for (int k = 1; k < 4; k++) /* `scenario` may be absent: every row is for every scenario */
        if (col[k] < 0) {
            tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, 0,
                         "%s: expected a required column \"%s\", got none", names[k], names[k]);
            ok = false;
        }
    return ok;
}

/* ---- rows ------------------------------------------------------------------------------ */

/* Why a known column is not an input, for "expected a scenario column drawn once per trial,
 * got X (why)". NULL when it is one. */
static const char *not_an_input(const char *name)
{
    int f = tco_scenario_field_of(name);
    if (f >= 0)
        return tco_scenario_field_is_drawn((tco_scn_field)f)
                   ? NULL
                   : f == TCO_SCN_SPIKE_MULTIPLIER
                         ? "drawn afresh for each spike, not once per trial"
                         : "a decision-rule input, read as its mean";
    if (strcmp(name, "months") == 0)
        return "a whole number, never a distribution";
    return "not a number";
}

/* The input of cell (column `column`, 1-based col) into *field, or a diagnostic. */
static bool parse_input(const tco_csv_table *t, const tco_csv_row *row, unsigned col,
                        const char *column, tco_scn_field *field, tco_diag_list *diags)
{
    const char *cell = row->fields[col - 1];
    static const char expected[] = "a scenario column drawn once per trial (such as seats)";
    if (is_blank(cell)) {
        tco_diag_add_cell(diags, t->path, row->line, col, column, expected, cell);
        return false;
    }
    bool known = false;
    for (size_t i = 0; i < tco_scenario_n_columns(); i++)
        if (strcmp(cell, tco_scenario_column(i)) == 0)
            known = true;
    char quoted[64];
    tco_diag_quote_cell(quoted, sizeof quoted, cell);
    if (!known) {
        const char *hint = tco_scenario_closest_column(cell);
        if (hint)
            tco_diag_add(diags, TCO_EDATA, t->path, row->line, col,
                         "%s: expected %s, got \"%s\" (did you mean %s?)", column, expected,
                         quoted, hint);
        else
            tco_diag_add(diags, TCO_EDATA, t->path, row->line, col,
                         "%s: expected %s, got \"%s\" (an unknown column: see "
                         "tcosim-scenario(5))",
                         column, expected, quoted);
        return false;
    }
    const char *why = not_an_input(cell);
    if (why) {
        tco_diag_add(diags, TCO_EDATA, t->path, row->line, col, "%s: expected %s, got \"%s\" (%s)",
                     column, expected, quoted, why);
        return false;
    }
    *field = (tco_scn_field)tco_scenario_field_of(cell);
    return true;
}

/* The rank correlation of the cell into *rho, or a diagnostic. */
static bool parse_rank(const tco_csv_table *t, const tco_csv_row *row, unsigned col,
                       double *rho, tco_diag_list *diags)
{
    const char *cell = row->fields[col - 1];
    static const char expected[] = "a rank correlation above -1 and below 1";
    tco_value v;
    size_t pos;
    const char *err = tco_value_parse(cell, &v, &pos);
    char quoted[64];
    tco_diag_quote_cell(quoted, sizeof quoted, cell);
    if (err) {
        char hint[160];
        if (tco_value_explain(cell, hint, sizeof hint))
            tco_diag_add(diags, TCO_EDATA, t->path, row->line, col, "%s: expected %s, got \"%s\"",
                         COL_RANK, hint, quoted);
        else
            tco_diag_add(diags, TCO_EDATA, t->path, row->line, col,
                         "%s: expected %s, got \"%s\" (not a number)", COL_RANK, expected, quoted);
        return false;
    }
    if (!tco_value_is_const(&v)) {
        tco_diag_add(diags, TCO_EDATA, t->path, row->line, col,
                     "%s: expected %s, got \"%s\" (a correlation is one number, not a "
                     "distribution)",
                     COL_RANK, expected, quoted);
        return false;
    }
    double x = v.a;
    if (!(x > -1 && x < 1)) {
        if (fabs(x) == 1)
            tco_diag_add(diags, TCO_EDATA, t->path, row->line, col,
                         "%s: expected %s, got \"%s\" (1 or -1 would make one input a function "
                         "of the other; write 0.99 for nearly so)",
                         COL_RANK, expected, quoted);
        else if (fabs(x) < 100 && !strchr(cell, '%'))
            tco_diag_add(diags, TCO_EDATA, t->path, row->line, col,
                         "%s: expected %s, got \"%s\" (if you meant %.15g%%, write %.15g)",
                         COL_RANK, expected, quoted, x, x / 100);
        else
            tco_diag_add(diags, TCO_EDATA, t->path, row->line, col,
                         "%s: expected %s, got \"%s\" (out of range)", COL_RANK, expected, quoted);
        return false;
    }
    *rho = x;
    return true;
}

/* Rows in the order (scenario, lower field, higher field, line), NULL scenarios first: a pair
 * given twice for one scenario cell then stands next to its first. */
static int pair_lo(const tco_correlation *r) { return r->a < r->b ? (int)r->a : (int)r->b; }
static int pair_hi(const tco_correlation *r) { return r->a < r->b ? (int)r->b : (int)r->a; }

static int compare_key(const tco_correlation *x, const tco_correlation *y)
{
    if (!x->scenario != !y->scenario)
        return x->scenario ? 1 : -1;
    if (x->scenario) {
        int c = strcmp(x->scenario, y->scenario);
        if (c)
            return c;
    }
    if (pair_lo(x) != pair_lo(y))
        return pair_lo(x) - pair_lo(y);
    if (pair_hi(x) != pair_hi(y))
        return pair_hi(x) - pair_hi(y);
    return (x->line > y->line) - (x->line < y->line);
}

/* qsort has no context argument: each element carries its row. */
typedef struct keyed {
    const tco_correlation *row;
    size_t index;
} keyed;

static int compare_keyed(const void *a, const void *b)
{
    return compare_key(((const keyed *)a)->row, ((const keyed *)b)->row);
}

/* Refuses the later of two rows with the same scenario cell and pair, keeps the rest in file
 * order, and builds the indexes by name and for every scenario. */
static void index_rows(tco_correlations *c, const char *path, tco_diag_list *diags)
{
    keyed *k = tco_xcalloc(c->n + 1, sizeof *k);
    for (size_t i = 0; i < c->n; i++)
        k[i] = (keyed){&c->items[i], i};
    qsort(k, c->n, sizeof *k, compare_keyed);
    bool *dup = tco_xcalloc(c->n + 1, sizeof *dup);
    for (size_t i = 1; i < c->n; i++) {
        const tco_correlation *first = k[i - 1].row, *r = k[i].row;
        if (pair_lo(first) != pair_lo(r) || pair_hi(first) != pair_hi(r) ||
            !first->scenario != !r->scenario ||
            (r->scenario && strcmp(first->scenario, r->scenario) != 0))
            continue;
        /* the first of a run of equal keys is the one kept */
        size_t j = i - 1;
        while (dup[k[j].index])
            j--;
        tco_diag_add(diags, TCO_EDATA, path, r->line, c->col_a,
                     "%s: expected each pair once per scenario, got %s and %s again (line %lu "
                     "has them%s)",
                     COL_A, tco_scenario_field_name(r->a), tco_scenario_field_name(r->b),
                     k[j].row->line, r->scenario ? "" : ", for every scenario");
        dup[k[i].index] = true;
    }
    size_t kept = 0;
    for (size_t i = 0; i < c->n; i++)
        if (!dup[i])
            c->items[kept++] = c->items[i];
    c->n = kept;
    free(dup);
    /* the indexes, over the rows kept */
    c->named = tco_xcalloc(c->n + 1, sizeof *c->named);
    c->every = tco_xcalloc(c->n + 1, sizeof *c->every);
    for (size_t i = 0; i < c->n; i++)
        k[i] = (keyed){&c->items[i], i};
    qsort(k, c->n, sizeof *k, compare_keyed);
    for (size_t i = 0; i < c->n; i++)
        if (k[i].row->scenario)
            c->named[c->n_named++] = k[i].index;
    for (size_t i = 0; i < c->n; i++)
        if (!c->items[i].scenario)
            c->every[c->n_every++] = i;
    free(k);
}

tco_status tco_correlations_from_table(const tco_csv_table *t, tco_correlations *c,
                                       tco_diag_list *diags)
{
    size_t errors_before = diags->n_added;
    free(c->path);
    c->path = tco_xstrdup(t->path);
    if (!tco_correlations_table_is_correlations(t)) {
        /* SPEC §8.4: the file may be good, the command line put it in the wrong place */
        const char *kind = NULL;
        if (tco_csv_column(t, "vendor") >= 0 && tco_csv_column(t, "item") >= 0)
            kind = "a price sheet (\"vendor\" and \"item\" columns): give it with --prices FILE";
        else if (tco_csv_column(t, "scenario") >= 0 && tco_csv_column(t, "months") >= 0)
            kind = "a scenario file (\"scenario\" and \"months\" columns): give scenario files "
                   "as the operands";
        if (kind) {
            tco_diag_add(diags, TCO_EUSAGE, t->path, t->header.line, 0,
                         "expected a correlations file (scenario, input_a, input_b, "
                         "rank_correlation columns), got %s",
                         kind);
            return TCO_EUSAGE;
        }
    }
    long col[4];
    if (!map_header(t, col, diags))
        return TCO_EDATA;
    c->col_scenario = col[0] >= 0 ? (unsigned)col[0] + 1 : 0;
    c->col_a = (unsigned)col[1] + 1;
    c->col_b = (unsigned)col[2] + 1;
    c->col_rank = (unsigned)col[3] + 1;
    c->items = tco_xreallocarray(c->items, t->n_rows + 1, sizeof *c->items);
    c->n = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const tco_csv_row *row = &t->rows[r];
        tco_correlation item = {.line = row->line};
        bool ok = true;
        if (c->col_scenario && !is_blank(row->fields[c->col_scenario - 1]))
            item.scenario = tco_arena_strdup(&c->arena, row->fields[c->col_scenario - 1]);
        ok &= parse_input(t, row, c->col_a, COL_A, &item.a, diags);
        ok &= parse_input(t, row, c->col_b, COL_B, &item.b, diags);
        if (ok && item.a == item.b) {
            char expected[96];
            snprintf(expected, sizeof expected, "an input other than input_a (%s)",
                     tco_scenario_field_name(item.a));
            char quoted[64];
            tco_diag_quote_cell(quoted, sizeof quoted, row->fields[c->col_b - 1]);
            tco_diag_add(diags, TCO_EDATA, t->path, row->line, c->col_b,
                         "%s: expected %s, got \"%s\" (an input paired with itself: its "
                         "correlation is 1 by definition)",
                         COL_B, expected, quoted);
            ok = false;
        }
        ok &= parse_rank(t, row, c->col_rank, &item.rank, diags);
        if (!ok)
            continue;
        item.normal = tco_copula_normal_correlation(item.rank);
        item.rank_text = tco_arena_strdup(&c->arena, row->fields[c->col_rank - 1]);
        c->items[c->n++] = item;
    }
    index_rows(c, t->path, diags);
    return diags->n_added == errors_before ? TCO_OK : TCO_EDATA;
}

tco_status tco_correlations_load(const char *path, tco_correlations *c, tco_diag_list *diags)
{
    tco_csv_table t;
    tco_csv_table_init(&t);
    tco_status st = tco_csv_load(path, &t, diags);
    if (st == TCO_OK || (st == TCO_EDATA && t.header.n_fields > 0)) {
        tco_status st2 = tco_correlations_from_table(&t, c, diags);
        if (st == TCO_OK || st2 == TCO_EUSAGE)
            st = st2;
    }
    tco_csv_table_fini(&t);
    return st;
}

/* ---- the rows of one scenario ---------------------------------------------------------- */

/* What a group of rows is checked as: a scenario of the run, or (validate alone) a scenario
 * name or every scenario with every input taken for a distribution. */
typedef struct group {
    const char *name;       /* NULL: every scenario */
    const tco_scenario *s;  /* NULL: every input a distribution */
} group;

static bool holds_distribution(const group *g, tco_scn_field f)
{
    return !g->s || !tco_value_is_const(&g->s->v[f]);
}

/* The first index in c->named of rows naming `name`, and how many. */
static size_t named_range(const tco_correlations *c, const char *name, size_t *count)
{
    size_t lo = 0, hi = c->n_named;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(c->items[c->named[mid]].scenario, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < c->n_named && strcmp(c->items[c->named[end]].scenario, name) == 0)
        end++;
    *count = end - lo;
    return lo;
}

/* The rows that apply to group g, in file order, into rows[] (room for c->n); returns their
 * number. With diags, reports the group's own rows whose input holds a number there and the
 * pairs it gives that rows for every scenario also give (both left out). used_every[i] is set
 * for each row for every scenario that applies (may be NULL). */
static size_t gather(const tco_correlations *c, const group *g, size_t *rows, bool *used_every,
                     tco_diag_list *diags)
{
    /* which row gives each pair, for the overlap check (1 + row index; 0: none) */
    size_t given[N_INPUT_FIELDS][N_INPUT_FIELDS];
    memset(given, 0, sizeof given);
    size_t n = 0;
    for (size_t i = 0; i < c->n_every; i++) {
        const tco_correlation *r = &c->items[c->every[i]];
        if (!holds_distribution(g, r->a) || !holds_distribution(g, r->b))
            continue;
        if (used_every)
            used_every[i] = true;
        given[r->a][r->b] = given[r->b][r->a] = c->every[i] + 1;
        rows[n++] = c->every[i];
    }
    size_t n_every = n;
    size_t count = 0, first = g->name ? named_range(c, g->name, &count) : 0;
    for (size_t i = first; i < first + count; i++) {
        const size_t idx = c->named[i];
        const tco_correlation *r = &c->items[idx];
        bool ok = true;
        const tco_scn_field f[2] = {r->a, r->b};
        const unsigned col[2] = {c->col_a, c->col_b};
        for (int k = 0; k < 2; k++)
            if (!holds_distribution(g, f[k])) {
                ok = false;
                if (!diags)
                    continue;
                char *name = tco_diag_printable(g->name);
                tco_diag_add(diags, TCO_EDATA, c->path, r->line, col[k],
                             "%s: expected a column holding a distribution in scenario \"%s\", "
                             "got \"%s\" (it is the number %.15g there, which nothing can move)",
                             k == 0 ? COL_A : COL_B, name, tco_scenario_field_name(f[k]),
                             g->s->v[f[k]].a);
                free(name);
            }
        if (ok && given[r->a][r->b]) {
            ok = false;
            if (diags) {
                char *name = tco_diag_printable(g->name);
                tco_diag_add(diags, TCO_EDATA, c->path, r->line, c->col_a,
                             "%s: expected each pair once per scenario, got %s and %s for "
                             "scenario \"%s\" again (line %lu gives them for every scenario)",
                             COL_A, tco_scenario_field_name(r->a), tco_scenario_field_name(r->b),
                             name, c->items[given[r->a][r->b] - 1].line);
                free(name);
            }
        }
        if (ok)
            rows[n++] = idx;
    }
    /* merge the two runs (each in file order) into file order: rows index items in file
     * order, so sorting the indexes is enough; the runs are short */
    for (size_t i = n_every; i < n; i++)
        for (size_t j = i; j > 0 && rows[j - 1] > rows[j]; j--) {
            size_t x = rows[j];
            rows[j] = rows[j - 1];
            rows[j - 1] = x;
        }
    return n;
}

/* The inputs of rows[0..n) in order of first appearance into fields[]; returns their number. */
static size_t inputs_of(const tco_correlations *c, const size_t *rows, size_t n,
                        tco_scn_field *fields)
{
    bool seen[N_INPUT_FIELDS] = {false};
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const tco_correlation *r = &c->items[rows[i]];
        const tco_scn_field f[2] = {r->a, r->b};
        for (int j = 0; j < 2; j++)
            if (!seen[f[j]]) {
                seen[f[j]] = true;
                fields[k++] = f[j];
            }
    }
    return k;
}

/* The matrix of normal correlations of rows[0..n) over fields[0..k) into corr (k x k). */
static void matrix_of(const tco_correlations *c, const size_t *rows, size_t n,
                      const tco_scn_field *fields, size_t k, double *corr)
{
    int at[N_INPUT_FIELDS];
    for (size_t i = 0; i < k; i++)
        at[fields[i]] = (int)i;
    for (size_t i = 0; i < k * k; i++)
        corr[i] = 0;
    for (size_t i = 0; i < k; i++)
        corr[i * k + i] = 1;
    for (size_t i = 0; i < n; i++) {
        const tco_correlation *r = &c->items[rows[i]];
        size_t x = (size_t)at[r->a], y = (size_t)at[r->b];
        corr[x * k + y] = corr[y * k + x] = r->normal;
    }
}

/* Whether the rows' matrix is positive definite; lower gets its Cholesky factor. */
static bool factor(const tco_correlations *c, const size_t *rows, size_t n,
                   tco_scn_field *fields, size_t *k, double *lower)
{
    double corr[TCO_COPULA_MAX_INPUTS * TCO_COPULA_MAX_INPUTS];
    *k = inputs_of(c, rows, n, fields);
    if (*k == 0)
        return true;
    matrix_of(c, rows, n, fields, *k, corr);
    return tco_copula_cholesky(*k, corr, lower);
}

/* Reports a group whose matrix is not positive definite at the row after which no shorter
 * prefix of its rows is, with the earlier rows that share an input with it. */
static void report_not_definite(const tco_correlations *c, const group *g, const size_t *rows,
                                size_t n, tco_diag_list *diags)
{
    tco_scn_field fields[N_INPUT_FIELDS];
    double lower[TCO_COPULA_MAX_INPUTS * TCO_COPULA_MAX_INPUTS];
    size_t k, culprit = n - 1;
    while (culprit > 0 && !factor(c, rows, culprit, fields, &k, lower))
        culprit--;
    const tco_correlation *r = &c->items[rows[culprit]];
    /* "lines 2 and 3" and the inputs they tie together */
    char lines[128] = "", inputs[512] = "";
    size_t n_lines = 0, len = 0;
    bool seen[N_INPUT_FIELDS] = {false};
    const tco_scn_field mine[2] = {r->a, r->b};
    for (int j = 0; j < 2; j++)
        seen[mine[j]] = true;
    size_t at[4];
    for (size_t i = 0; i < n && n_lines < 4; i++) {
        const tco_correlation *q = &c->items[rows[i]];
        if (i != culprit && (q->a == r->a || q->a == r->b || q->b == r->a || q->b == r->b))
            at[n_lines++] = i;
    }
    for (size_t i = 0; i < n_lines; i++) {
        const tco_correlation *q = &c->items[rows[at[i]]];
        len += (size_t)snprintf(lines + len, sizeof lines - len, "%s%lu",
                                i == 0 ? "" : i + 1 == n_lines ? " and " : ", ", q->line);
        if (len >= sizeof lines)
            len = sizeof lines - 1;
    }
    /* the inputs: this row's, then the others' in order */
    tco_scn_field list[N_INPUT_FIELDS];
    size_t n_list = 0;
    list[n_list++] = r->a;
    list[n_list++] = r->b;
    for (size_t i = 0; i < n_lines; i++) {
        const tco_correlation *q = &c->items[rows[at[i]]];
        const tco_scn_field f[2] = {q->a, q->b};
        for (int j = 0; j < 2; j++)
            if (!seen[f[j]]) {
                seen[f[j]] = true;
                list[n_list++] = f[j];
            }
    }
    len = 0;
    for (size_t i = 0; i < n_list; i++) {
        len += (size_t)snprintf(inputs + len, sizeof inputs - len, "%s%s",
                                i == 0 ? "" : i + 1 == n_list ? " and " : ", ",
                                tco_scenario_field_name(list[i]));
        if (len >= sizeof inputs)
            len = sizeof inputs - 1;
    }
    char where[320];
    if (g->name) {
        char *name = tco_diag_printable(g->name);
        snprintf(where, sizeof where, "in scenario \"%s\"", name);
        free(name);
    } else {
        snprintf(where, sizeof where, "for every scenario");
    }
    char quoted[64];
    tco_diag_quote_cell(quoted, sizeof quoted, r->rank_text);
    if (n_lines > 0)
        tco_diag_add(diags, TCO_EDATA, c->path, r->line, c->col_rank,
                     "%s: expected correlations that can hold at once %s (a positive definite "
                     "matrix of normal correlations, a pair not given being 0), got \"%s\", "
                     "which cannot hold with line%s %s among %s (two inputs that both follow a "
                     "third closely cannot be unrelated or move apart)",
                     COL_RANK, where, quoted, n_lines == 1 ? "" : "s", lines, inputs);
    else /* no row shares an input with it: impossible for a matrix that fails, kept safe */
        tco_diag_add(diags, TCO_EDATA, c->path, r->line, c->col_rank,
                     "%s: expected correlations that can hold at once %s (a positive definite "
                     "matrix of normal correlations, a pair not given being 0), got \"%s\", "
                     "which cannot hold with the rows before it (weaken some of them)",
                     COL_RANK, where, quoted);
}

/* Checks one group: its rows (reported by gather) and its matrix. */
static void check_group(const tco_correlations *c, const group *g, size_t *rows,
                        bool *used_every, tco_diag_list *diags)
{
    size_t n = gather(c, g, rows, used_every, diags);
    tco_scn_field fields[N_INPUT_FIELDS];
    double lower[TCO_COPULA_MAX_INPUTS * TCO_COPULA_MAX_INPUTS];
    size_t k;
    if (n > 0 && !factor(c, rows, n, fields, &k, lower))
        report_not_definite(c, g, rows, n, diags);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

tco_status tco_correlations_check(const tco_correlations *c, const tco_scenario_file *files,
                                  size_t n_files, tco_diag_list *diags)
{
    size_t errors_before = diags->n_added;
    size_t *rows = tco_xcalloc(c->n + 1, sizeof *rows);
    bool *used_every = tco_xcalloc(c->n_every + 1, sizeof *used_every);
    size_t n_scenarios = 0;
    for (size_t i = 0; i < n_files; i++)
        n_scenarios += files[i].n;
    if (n_scenarios == 0) {
        /* alone: every scenario, and each scenario named, with every input a distribution */
        check_group(c, &(group){NULL, NULL}, rows, NULL, diags);
        for (size_t i = 0; i < c->n_named; i++) {
            const char *name = c->items[c->named[i]].scenario;
            if (i > 0 && strcmp(name, c->items[c->named[i - 1]].scenario) == 0)
                continue;
            check_group(c, &(group){name, NULL}, rows, NULL, diags);
        }
    } else {
        const char **names = tco_xcalloc(n_scenarios, sizeof *names);
        size_t k = 0;
        for (size_t i = 0; i < n_files; i++)
            for (size_t j = 0; j < files[i].n; j++)
                names[k++] = files[i].items[j].name;
        qsort(names, n_scenarios, sizeof *names, compare_names);
        for (size_t i = 0; i < c->n_named; i++) {
            const tco_correlation *r = &c->items[c->named[i]];
            if (bsearch(&r->scenario, names, n_scenarios, sizeof *names, compare_names))
                continue;
            char quoted[64];
            tco_diag_quote_cell(quoted, sizeof quoted, r->scenario);
            tco_diag_add(diags, TCO_EDATA, c->path, r->line, c->col_scenario,
                         "%s: expected a scenario of the run or blank for every scenario, got "
                         "\"%s\" (no scenario file of the run has it)",
                         COL_SCENARIO, quoted);
        }
        free(names);
        for (size_t i = 0; i < n_files; i++)
            for (size_t j = 0; j < files[i].n; j++) {
                const tco_scenario *s = &files[i].items[j];
                check_group(c, &(group){s->name, s}, rows, used_every, diags);
            }
        for (size_t i = 0; i < c->n_every; i++)
            if (!used_every[i]) {
                const tco_correlation *r = &c->items[c->every[i]];
                tco_diag_warn(diags, c->path, r->line, c->col_a,
                              "no scenario of the run holds both %s and %s as distributions, "
                              "so this row correlates nothing",
                              tco_scenario_field_name(r->a), tco_scenario_field_name(r->b));
            }
    }
    free(rows);
    free(used_every);
    return diags->n_added == errors_before ? TCO_OK : TCO_EDATA;
}

tco_copula *tco_correlations_copula(const tco_correlations *c, const tco_scenario *s)
{
    size_t *rows = tco_xcalloc(c->n + 1, sizeof *rows);
    const group g = {s->name, s};
    size_t n = gather(c, &g, rows, NULL, NULL);
    tco_copula *copula = NULL;
    tco_scn_field fields[N_INPUT_FIELDS];
    double lower[TCO_COPULA_MAX_INPUTS * TCO_COPULA_MAX_INPUTS];
    size_t k;
    if (n > 0 && factor(c, rows, n, fields, &k, lower)) {
        size_t slot[N_INPUT_FIELDS];
        const tco_value *cell[N_INPUT_FIELDS];
        double lo[N_INPUT_FIELDS], hi[N_INPUT_FIELDS];
        for (size_t i = 0; i < k; i++) {
            slot[i] = (size_t)fields[i];
            cell[i] = &s->v[fields[i]];
            tco_scenario_field_clamp(fields[i], &lo[i], &hi[i]);
        }
        copula = tco_copula_alloc(k, slot, cell, lo, hi, lower);
    }
    free(rows);
    return copula;
}
