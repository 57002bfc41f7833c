/* SPDX-License-Identifier: MIT */
/* plot: SPEC §9's charts drawn by gnuplot through a pipe (see tco/plot.h). */
#define _XOPEN_SOURCE 700 /* open_memstream is POSIX 2008 */
#include "tco/plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tco/xalloc.h"

/* One font everywhere, named, so that no fontconfig default decides the pixels. */
#define FONT "DejaVu Sans,10"

tco_status tco_plot_available(tco_diag_list *diags)
{
    const char *path = getenv("PATH");
    char *copy = tco_xstrdup(path ? path : "");
    bool found = false;
    for (char *save = NULL, *d = strtok_r(copy, ":", &save); d && !found;
         d = strtok_r(NULL, ":", &save)) {
        char *exe = tco_xasprintf("%s/%s", *d ? d : ".", TCO_PLOT_PROGRAM);
        found = access(exe, X_OK) == 0;
        free(exe);
    }
    free(copy);
    if (found)
        return TCO_OK;
    tco_diag_add(diags, TCO_EUNAVAILABLE, "--plots", 0, 0,
                 "expected the program " TCO_PLOT_PROGRAM " on PATH (Debian: apt-get install "
                 "gnuplot-nox), got none; nothing written");
    return TCO_EUNAVAILABLE;
}

/* ---- reading the tables -------------------------------------------------------------------- */

static size_t column(const tco_table *t, const char *name)
{
    const tco_table_spec *spec = tco_table_get_spec(t);
    for (size_t c = 0; c < spec->n_columns; c++)
        if (strcmp(spec->columns[c].name, name) == 0)
            return c;
    abort(); /* a programming error: the tables of tco/report.h have these columns */
}

static double num(const tco_table *t, size_t row, const char *name)
{
    const tco_cell c = tco_table_cell(t, row, column(t, name));
    return c.type == TCO_COLUMN_REAL ? c.real : (double)c.count;
}

static const char *text(const tco_table *t, size_t row, const char *name)
{
    const char *s = tco_table_cell(t, row, column(t, name)).text;
    return s ? s : "";
}

static bool flag(const tco_table *t, size_t row, const char *name)
{
    return tco_table_cell(t, row, column(t, name)).count != 0;
}

/* The offered options' summary rows, the ones with a TCO, sorted by `order`. */
typedef struct ranked {
    size_t row;
    double key;
    const char *name;
} ranked;

static int by_key(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return strcmp(x->name, y->name);
}

static size_t offered_by(const tco_table *summary, const char *key_column, ranked **out)
{
    const size_t n_rows = tco_table_n_rows(summary);
    ranked *r = tco_xcalloc(n_rows + 1, sizeof *r);
    size_t n = 0;
    for (size_t i = 0; i < n_rows; i++) {
        const double k = num(summary, i, key_column);
        if (!flag(summary, i, "offered") || !isfinite(k))
            continue;
        r[n++] = (ranked){i, k, text(summary, i, "option")};
    }
    qsort(r, n, sizeof *r, by_key);
    *out = r;
    return n;
}

/* ---- writing gnuplot ------------------------------------------------------------------------ */

/* A gnuplot string: single quotes take everything literally but a doubled quote; a control
 * character (a line break would end the command) becomes a space. */
static void quoted(FILE *fp, const char *s)
{
    fputc('\'', fp);
    for (; *s; s++) {
        const unsigned char c = (unsigned char)*s;
        if (c == '\'')
            fputs("''", fp);
        else
            fputc(c < 0x20 || c == 0x7f ? ' ' : c, fp);
    }
    fputc('\'', fp);
}

/* The money unit of an axis whose values reach `top`: its divisor and name. */
static double money_scale(double top, const char **unit)
{
    if (top >= 1e7) {
        *unit = "million";
        return 1e6;
    }
    if (top >= 1e4) {
        *unit = "thousand";
        return 1e3;
    }
    *unit = "";
    return 1.0;
}

/* Ends a chart drawn to PNG: draws it again as SVG, both at w x h pixels. */
static void begin_chart(FILE *fp, const char *base, int w, int h)
{
    fprintf(fp, "reset\nset terminal pngcairo size %d,%d font '" FONT "' noenhanced\n", w, h);
    fprintf(fp, "set output '%s.png'\n", base);
}

static void end_chart(FILE *fp, const char *base, int w, int h)
{
    fprintf(fp, "set terminal svg size %d,%d font '" FONT "' noenhanced\n", w, h);
    fprintf(fp, "set output '%s.svg'\nreplot\nset output\n", base);
}

static void title(FILE *fp, const char *what, const tco_table *summary)
{
    fputs("set title ", fp);
    char *s = tco_xasprintf("%s - %s", tco_table_n_rows(summary)
                                           ? text(summary, 0, "scenario") : "",
                            what);
    quoted(fp, s);
    free(s);
    fputc('\n', fp);
}

static void label(FILE *fp, const char *what, const char *s)
{
    fprintf(fp, "set %s ", what);
    quoted(fp, s);
    /* the x label nearer the axis, clear of a legend below the chart */
    fputs(strcmp(what, "xlabel") == 0 ? " offset 0,0.4\n" : "\n", fp);
}

static const char *const COLORS[] = {"#1b6ca8", "#d1495b", "#2e8b57", "#e0a100", "#6a4c93",
                                     "#00798c"};
#define N_COLORS (sizeof COLORS / sizeof *COLORS)

/* The TCO distribution of the cheapest options: each option's equal-width histogram as a
 * density (share of trials per unit of money), so that options with other bin widths compare. */
static void chart_tco(FILE *fp, const char *base, const tco_plot_scenario *sc,
                      const char *currency)
{
    ranked *r;
    size_t n = offered_by(sc->summary, "mean", &r);
    if (n > TCO_PLOT_TOP)
        n = TCO_PLOT_TOP;
    double top = 0;
    for (size_t k = 0; k < n; k++)
        top = fmax(top, num(sc->summary, r[k].row, "p95"));
    const char *unit;
    const double scale = money_scale(top, &unit);
    const size_t n_rows = tco_table_n_rows(sc->histogram);
    for (size_t k = 0; k < n; k++) {
        double total = 0;
        for (size_t i = 0; i < n_rows; i++)
            if (strcmp(text(sc->histogram, i, "option"), r[k].name) == 0)
                total += num(sc->histogram, i, "count");
        fprintf(fp, "$tco%zu << EOD\n", k);
        for (size_t i = 0; i < n_rows && total > 0; i++) {
            if (strcmp(text(sc->histogram, i, "option"), r[k].name) != 0)
                continue;
            const double lo = num(sc->histogram, i, "bin_low") / scale;
            const double hi = num(sc->histogram, i, "bin_high") / scale;
            fprintf(fp, "%.10g %.10g\n", (lo + hi) / 2,
                    100.0 * num(sc->histogram, i, "count") / total / (hi - lo));
        }
        fputs("EOD\n", fp);
    }
    begin_chart(fp, base, 1000, 700);
    title(fp, "distribution of the TCO, cheapest options by mean", sc->summary);
    const double months = tco_table_n_rows(sc->summary) ? num(sc->summary, 0, "months") : 0;
    char *xl = tco_xasprintf("TCO over %.0f months (%s%s%s)", months, unit, *unit ? " " : "",
                             currency);
    char *yl = tco_xasprintf("share of trials per %s%s%s of TCO (%%)", unit, *unit ? " " : "",
                             currency);
    label(fp, "xlabel", xl);
    label(fp, "ylabel", yl);
    free(xl);
    free(yl);
    fputs("set key below vertical reverse Left height 1.5\nset grid\nset yrange [0:*]\n", fp);
    fputs("plot ", fp);
    for (size_t k = 0; k < n; k++) {
        fprintf(fp, "%s$tco%zu using 1:2 with histeps lw 2 lc rgb '%s' title ", k ? ", " : "",
                k, COLORS[k % N_COLORS]);
        quoted(fp, r[k].name);
    }
    if (n == 0)
        fputs("NaN notitle", fp);
    fputc('\n', fp);
    end_chart(fp, base, 1000, 700);
    free(r);
}

/* p_cheapest of every offered option with its 95% interval, the likeliest at the top. */
static void chart_p_cheapest(FILE *fp, const char *base, const tco_plot_scenario *sc)
{
    ranked *r;
    const size_t n = offered_by(sc->summary, "p_cheapest", &r);
    fprintf(fp, "$p << EOD\n");
    for (size_t k = 0; k < n; k++)
        fprintf(fp, "%zu %.10g %.10g %.10g\n", k, r[k].key,
                num(sc->summary, r[k].row, "p_cheapest_lo"),
                num(sc->summary, r[k].row, "p_cheapest_hi"));
    fputs("EOD\n", fp);
    const int h = 200 + 26 * (int)(n ? n : 1);
    begin_chart(fp, base, 1200, h);
    title(fp, "probability of being the cheapest option", sc->summary);
    label(fp, "xlabel", "p_cheapest: share of trials in which no option costs less");
    /* a little room past 0 and 1, so that a point at either end is not cut by the border */
    fputs("set xrange [-0.02:1.02]\nset xtics 0,0.1,1\nset grid x\n"
          "set key bottom right inside opaque box\n", fp); /* the least likely sit at 0 */
    fprintf(fp, "set yrange [-0.7:%zu.7]\nset ytics (", n ? n - 1 : 0);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ", " : "", fp);
        quoted(fp, r[k].name);
        fprintf(fp, " %zu", k);
    }
    fputs(")\n", fp);
    fputs(n ? "plot $p using 2:1:3:4 with xerrorbars pt 7 ps 1.2 lw 2 lc rgb '#1b6ca8' "
              "title 'p_cheapest, with its 95% interval'\n"
            : "plot NaN notitle\n",
          fp);
    end_chart(fp, base, 1200, h);
    free(r);
}

/* The cumulative cost month by month of the cheapest options: the p05-p95 band and the
 * median line of each (a fan chart). */
static void chart_fan(FILE *fp, const char *base, const tco_plot_scenario *sc,
                      const char *currency)
{
    ranked *r;
    size_t n = offered_by(sc->summary, "mean", &r);
    if (n > TCO_PLOT_TOP)
        n = TCO_PLOT_TOP;
    const size_t n_rows = tco_table_n_rows(sc->monthly);
    double top = 0;
    for (size_t i = 0; i < n_rows; i++)
        for (size_t k = 0; k < n; k++)
            if (strcmp(text(sc->monthly, i, "option"), r[k].name) == 0)
                top = fmax(top, num(sc->monthly, i, "cumulative_p95"));
    const char *unit;
    const double scale = money_scale(top, &unit);
    for (size_t k = 0; k < n; k++) {
        fprintf(fp, "$fan%zu << EOD\n", k);
        for (size_t i = 0; i < n_rows; i++)
            if (strcmp(text(sc->monthly, i, "option"), r[k].name) == 0)
                fprintf(fp, "%.0f %.10g %.10g %.10g\n", num(sc->monthly, i, "month"),
                        num(sc->monthly, i, "cumulative_p05") / scale,
                        num(sc->monthly, i, "cumulative_p50") / scale,
                        num(sc->monthly, i, "cumulative_p95") / scale);
        fputs("EOD\n", fp);
    }
    begin_chart(fp, base, 1000, 700);
    title(fp, "cumulative cost by month: median and p05-p95 band, the cheapest by mean",
          sc->summary);
    label(fp, "xlabel", "month");
    char *yl = tco_xasprintf("cumulative cost (%s%s%s)", unit, *unit ? " " : "", currency);
    label(fp, "ylabel", yl);
    free(yl);
    const double months = tco_table_n_rows(sc->summary) ? num(sc->summary, 0, "months") : 1;
    fprintf(fp, "set key below vertical reverse Left height 1.5\nset grid\nset xrange [1:%.0f]\n"
                "set yrange [0:*]\n", months > 1 ? months : 2);
    fputs("plot ", fp);
    for (size_t k = 0; k < n; k++) {
        const char *c = COLORS[k % N_COLORS];
        char *band = tco_xasprintf("%s, p05-p95", r[k].name);
        char *mid = tco_xasprintf("%s, median", r[k].name);
        fprintf(fp, "%s$fan%zu using 1:2:4 with filledcurves fs transparent solid 0.18 noborder "
                    "lc rgb '%s' title ", k ? ", " : "", k, c);
        quoted(fp, band);
        fprintf(fp, ", $fan%zu using 1:3 with lines lw 2 lc rgb '%s' title ", k, c);
        quoted(fp, mid);
        free(band);
        free(mid);
    }
    if (n == 0)
        fputs("NaN notitle", fp);
    fputc('\n', fp);
    end_chart(fp, base, 1000, 700);
    free(r);
}

/* SPEC §10's tornado: a bar per input from delta's mean with the input in its lowest 10% to
 * its mean with it in the highest 10%, around delta's mean (the vertical line), the input that
 * moves delta most at the top. */
static void chart_tornado(FILE *fp, const char *base, const tco_plot_scenario *sc,
                          const char *money)
{
    const tco_plot_tornado *t = &sc->tornado;
    double top = fabs(t->mean);
    for (size_t k = 0; k < t->n; k++) {
        top = fabs(t->low[k]) > top ? fabs(t->low[k]) : top;
        top = fabs(t->high[k]) > top ? fabs(t->high[k]) : top;
    }
    const char *unit;
    const double div = money_scale(top, &unit);
    /* y: the bar's row, n-1 at the top; then the two ends */
    fputs("$t << EOD\n", fp);
    for (size_t k = 0; k < t->n; k++)
        fprintf(fp, "%zu %.10g %.10g\n", t->n - 1 - k, t->low[k] / div, t->high[k] / div);
    fputs("EOD\n", fp);
    const int h = 200 + 34 * (int)t->n;
    begin_chart(fp, base, 1200, h);
    title(fp, "what drives the decision: tornado of delta", sc->summary);
    char *x = tco_xasprintf("delta = TCO of the runner-up minus TCO of the leader (%s%s%s)",
                            money, *unit ? ", " : "", unit);
    label(fp, "xlabel", x);
    free(x);
    fprintf(fp, "set yrange [-0.7:%zu.7]\nset ytics (", t->n - 1);
    for (size_t k = 0; k < t->n; k++) {
        fputs(k ? ", " : "", fp);
        quoted(fp, t->inputs[k]);
        fprintf(fp, " %zu", t->n - 1 - k);
    }
    fputs(")\nset grid x\nset key bottom right inside opaque box\n", fp);
    fprintf(fp, "set arrow from %.10g, graph 0 to %.10g, graph 1 nohead lc rgb '#444444' dt 2\n",
            t->mean / div, t->mean / div);
    /* each end as a box from the mean, 0.6 of a row high */
    fprintf(fp,
            "plot $t using ((%.10g + $2) / 2):1:(abs($2 - %.10g) / 2):(0.3) with boxxyerror "
            "fs solid 0.8 lc rgb '%s' title 'input in its lowest 10%%', \\\n"
            "     $t using ((%.10g + $3) / 2):1:(abs($3 - %.10g) / 2):(0.3) with boxxyerror "
            "fs solid 0.8 lc rgb '%s' title 'input in its highest 10%%'\n",
            t->mean / div, t->mean / div, COLORS[0], t->mean / div, t->mean / div, COLORS[1]);
    end_chart(fp, base, 1200, h);
}

/* Runs gnuplot in `dir` on the script: TCO_OK, or a diagnostic. */
static tco_status run_gnuplot(const char *dir, const char *script, size_t len,
                              tco_diag_list *diags)
{
    int fds[2];
    if (pipe(fds) != 0) {
        tco_diag_add(diags, TCO_ECANTCREAT, "--plots", 0, 0, "cannot draw the charts: %s",
                     strerror(errno));
        return TCO_ECANTCREAT;
    }
    const pid_t pid = fork();
    if (pid == 0) {
        /* the child: gnuplot reads the script, writes the pictures into dir; the stop
         * signals tcosim holds back while it writes are not held for gnuplot */
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        dup2(fds[0], STDIN_FILENO);
        close(fds[0]);
        close(fds[1]);
        const int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, STDOUT_FILENO);
        if (chdir(dir) != 0)
            _exit(126);
        execlp(TCO_PLOT_PROGRAM, TCO_PLOT_PROGRAM, (char *)NULL);
        _exit(127);
    }
    close(fds[0]);
    if (pid < 0) {
        close(fds[1]);
        tco_diag_add(diags, TCO_ECANTCREAT, "--plots", 0, 0, "cannot draw the charts: %s",
                     strerror(errno));
        return TCO_ECANTCREAT;
    }
    size_t done = 0; /* SIGPIPE is ignored (main): an early exit shows as EPIPE */
    while (done < len) {
        const ssize_t w = write(fds[1], script + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    close(fds[1]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        tco_diag_add(diags, TCO_EUNAVAILABLE, "--plots", 0, 0,
                     "expected the program " TCO_PLOT_PROGRAM " on PATH (Debian: apt-get "
                     "install gnuplot-nox), got none; nothing written");
        return TCO_EUNAVAILABLE;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || done < len) {
        tco_diag_add(diags, TCO_ECANTCREAT, "--plots", 0, 0,
                     "cannot draw the charts: " TCO_PLOT_PROGRAM " %s %d; nothing written",
                     WIFEXITED(status) ? "exited with status" : "was killed by signal",
                     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        return TCO_ECANTCREAT;
    }
    return TCO_OK;
}

tco_status tco_plot_run(const char *dir, const tco_plot_scenario *sc, size_t n,
                        const char *currency, char ***names, size_t *n_names,
                        tco_diag_list *diags)
{
    static const char *const CHARTS[] = {"tco", "p-cheapest", "fan", "tornado"};
    const char *money = currency && *currency ? currency : "money";
    char *script = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&script, &len);
    if (!fp)
        tco_out_of_memory("the charts' script");
    *names = tco_xcalloc(8 * n + 1, sizeof **names);
    *n_names = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < 4; c++) {
            if (c == 3 && sc[i].tornado.n == 0)
                continue;
            char *base = tco_xasprintf("s%02zu-%s", i + 1, CHARTS[c]);
            if (c == 0)
                chart_tco(fp, base, &sc[i], money);
            else if (c == 1)
                chart_p_cheapest(fp, base, &sc[i]);
            else if (c == 2)
                chart_fan(fp, base, &sc[i], money);
            else
                chart_tornado(fp, base, &sc[i], money);
            (*names)[(*n_names)++] = tco_xasprintf("%s.png", base);
            (*names)[(*n_names)++] = tco_xasprintf("%s.svg", base);
            free(base);
        }
    if (fclose(fp) != 0)
        tco_out_of_memory("the charts' script");
    const tco_status st = run_gnuplot(dir, script, len, diags);
    free(script);
    return st;
}

/* ---- the breakeven map ---------------------------------------------------------------------- */

static int by_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The distinct values of a grid column, sorted; how many. */
static size_t distinct(const tco_table *t, const char *name, double **out)
{
    const size_t n_rows = tco_table_n_rows(t);
    double *v = tco_xcalloc(n_rows + 1, sizeof *v);
    for (size_t i = 0; i < n_rows; i++)
        v[i] = num(t, i, name);
    qsort(v, n_rows, sizeof *v, by_double);
    size_t n = 0;
    for (size_t i = 0; i < n_rows; i++)
        if (n == 0 || v[i] != v[n - 1])
            v[n++] = v[i];
    *out = v;
    return n;
}

/* The cell around value x of the sorted grid values v[n]: halfway to its neighbours
 * (geometrically on a log axis). */
static void cell(const double *v, size_t n, double x, bool log_axis, double *lo, double *hi)
{
    size_t i = 0;
    while (i + 1 < n && v[i] < x)
        i++;
    const double prev = i > 0 ? v[i - 1] : NAN, next = i + 1 < n ? v[i + 1] : NAN;
#define MID(a, b) (log_axis ? sqrt((a) * (b)) : ((a) + (b)) / 2)
    *lo = i > 0 ? MID(prev, v[i]) : n > 1 ? (log_axis ? v[0] * v[0] / MID(v[0], v[1])
                                                     : 2 * v[0] - MID(v[0], v[1]))
                                          : v[0] * 0.5;
    *hi = i + 1 < n ? MID(v[i], next) : n > 1 ? (log_axis ? v[i] * v[i] / MID(v[i - 1], v[i])
                                                        : 2 * v[i] - MID(v[i - 1], v[i]))
                                              : v[0] * 1.5 + 1;
#undef MID
}

static void chart_breakeven(FILE *fp, const char *base, const tco_plot_sweep *sw)
{
    const tco_table *g = sw->grid;
    const size_t n_rows = tco_table_n_rows(g);
    double *seats, *notes;
    const size_t n_seats = distinct(g, "seats", &seats);
    const size_t n_notes = distinct(g, "notifications", &notes);
    const bool log_y = n_notes > 1 && notes[0] > 0 && notes[n_notes - 1] / notes[0] >= 100;
    /* the options that are cheapest somewhere, in order of first appearance */
    const char **opts = tco_xcalloc(n_rows + 1, sizeof *opts);
    size_t n_opts = 0;
    for (size_t i = 0; i < n_rows; i++) {
        const char *o = text(g, i, "cheapest");
        size_t k = 0;
        while (k < n_opts && strcmp(opts[k], o) != 0)
            k++;
        if (k == n_opts && *o)
            opts[n_opts++] = o;
    }
    for (size_t k = 0; k < n_opts; k++) {
        fprintf(fp, "$cell%zu << EOD\n", k);
        for (size_t i = 0; i < n_rows; i++) {
            if (strcmp(text(g, i, "cheapest"), opts[k]) != 0)
                continue;
            const double x = num(g, i, "seats"), y = num(g, i, "notifications");
            double x0, x1, y0, y1;
            cell(seats, n_seats, x, false, &x0, &x1);
            cell(notes, n_notes, y, log_y, &y0, &y1);
            fprintf(fp, "%.10g %.10g %.10g %.10g %.10g %.10g\n", x, y, x0, x1, y0, y1);
        }
        fputs("EOD\n", fp);
    }
    /* the break-even lines, one per (per-seat, per-transaction) pair */
    const tco_table *f = sw->frontier;
    const size_t n_front = tco_table_n_rows(f);
    char **pairs = tco_xcalloc(n_front + 1, sizeof *pairs);
    size_t n_pairs = 0;
    for (size_t i = 0; i < n_front; i++) {
        char *p = tco_xasprintf("%s vs %s", text(f, i, "per_seat_option"),
                                text(f, i, "per_transaction_option"));
        size_t k = 0;
        while (k < n_pairs && strcmp(pairs[k], p) != 0)
            k++;
        if (k == n_pairs)
            pairs[n_pairs++] = p;
        else
            free(p);
    }
    for (size_t k = 0; k < n_pairs; k++) {
        fprintf(fp, "$line%zu << EOD\n", k);
        for (size_t i = 0; i < n_front; i++) {
            char *p = tco_xasprintf("%s vs %s", text(f, i, "per_seat_option"),
                                    text(f, i, "per_transaction_option"));
            const double y = num(f, i, "breakeven_notifications");
            if (strcmp(p, pairs[k]) == 0 && isfinite(y))
                fprintf(fp, "%.10g %.10g\n", num(f, i, "seats"), y);
            free(p);
        }
        fputs("EOD\n", fp);
    }
    begin_chart(fp, base, 1000, 760);
    title(fp, "cheapest option by seats and notifications, with the break-even lines",
          tco_table_n_rows(g) ? g : f);
    label(fp, "xlabel", "seats");
    label(fp, "ylabel", "notifications in month 1 (messages per month)");
    fprintf(fp, "set key below vertical reverse Left height 1.5\n%s",
            log_y ? "set logscale y\n" : "");
    if (n_seats && n_notes) {
        double a, b, c, d;
        cell(seats, n_seats, seats[0], false, &a, &b);
        cell(seats, n_seats, seats[n_seats - 1], false, &c, &d);
        fprintf(fp, "set xrange [%.10g:%.10g]\n", a, d);
        cell(notes, n_notes, notes[0], log_y, &a, &b);
        cell(notes, n_notes, notes[n_notes - 1], log_y, &c, &d);
        fprintf(fp, "set yrange [%.10g:%.10g]\n", a, d);
    }
    fputs("plot ", fp);
    size_t n_clauses = 0;
    for (size_t k = 0; k < n_opts; k++) {
        fprintf(fp, "%s$cell%zu using 1:2:3:4:5:6 with boxxyerror fs solid 0.55 noborder "
                    "lc rgb '%s' title ", n_clauses++ ? ", " : "", k, COLORS[k % N_COLORS]);
        char *t = tco_xasprintf("cheapest: %s", opts[k]);
        quoted(fp, t);
        free(t);
    }
    for (size_t k = 0; k < n_pairs; k++) {
        fprintf(fp, "%s$line%zu using 1:2 with linespoints lw 2 pt 7 ps 0.6 dt %zu lc rgb "
                    "'#222222' title ", n_clauses++ ? ", " : "", k, 1 + k % 5);
        char *t = tco_xasprintf("break-even: %s", pairs[k]);
        quoted(fp, t);
        free(t);
    }
    if (n_clauses == 0)
        fputs("NaN notitle", fp);
    fputc('\n', fp);
    end_chart(fp, base, 1000, 760);
    for (size_t k = 0; k < n_pairs; k++)
        free(pairs[k]);
    free(pairs);
    free(opts);
    free(seats);
    free(notes);
}

tco_status tco_plot_breakeven(const char *dir, const tco_plot_sweep *sw, size_t n,
                              char ***names, size_t *n_names, tco_diag_list *diags)
{
    char *script = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&script, &len);
    if (!fp)
        tco_out_of_memory("the charts' script");
    *names = tco_xcalloc(2 * n + 1, sizeof **names);
    *n_names = 0;
    for (size_t i = 0; i < n; i++) {
        char *base = tco_xasprintf("s%02zu-breakeven-map", i + 1);
        chart_breakeven(fp, base, &sw[i]);
        (*names)[(*n_names)++] = tco_xasprintf("%s.png", base);
        (*names)[(*n_names)++] = tco_xasprintf("%s.svg", base);
        free(base);
    }
    if (fclose(fp) != 0)
        tco_out_of_memory("the charts' script");
    const tco_status st = run_gnuplot(dir, script, len, diags);
    free(script);
    return st;
}
