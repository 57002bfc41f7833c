/* SPDX-License-Identifier: MIT */
/* main: subcommand dispatch, the only place that prints diagnostics and calls exit(). */
#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "tco/cli.h"
#include "tco/csvload.h"
#include "tco/defaults.h"
#include "tco/diag.h"
#include "tco/engine.h"
#include "tco/outfile.h"
#include "tco/pricesheet.h"
#include "tco/report.h"
#include "tco/scenario.h"
#include "tco/xalloc.h"

#ifndef TCO_DATADIR
#define TCO_DATADIR "/usr/local/share/tcosim/data"
#endif

/* The one process-wide mutable object: what a signal handler may touch (C11 7.14.1.1). */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

static void print_diags(const tco_diag_list *diags)
{
    for (size_t i = 0; i < diags->n; i++) {
        char *line = tco_diag_format(&diags->items[i]);
        fprintf(stderr, "%s\n", line);
        free(line);
    }
}

/* tcosim validate: every file checked, every problem printed, nothing changed. */
static tco_status cmd_validate(const tco_options *o)
{
    tco_status worst = TCO_OK;
    tco_prices prices;
    tco_prices_init(&prices);
    for (size_t i = 0; i < o->n_files; i++) {
        const char *path = o->files[i];
        tco_diag_list diags;
        tco_diag_list_init(&diags);
        tco_csv_table t;
        tco_csv_table_init(&t);
        tco_status st = tco_csv_load(path, &t, &diags);
        const char *kind = NULL;
        size_t count = 0;
        if (t.header.n_fields > 0 && st != TCO_ENOINPUT) {
            if (tco_scenario_table_is_scenario(&t)) {
                tco_scenario_file f;
                tco_scenario_file_init(&f);
                tco_status s2 = tco_scenario_from_table(&t, &f, &diags);
                if (st == TCO_OK)
                    st = s2;
                kind = "scenario file";
                count = f.n;
                tco_scenario_file_fini(&f);
            } else if (tco_prices_table_is_sheet(&t)) {
                size_t before = prices.n_plans;
                tco_status s2 = tco_prices_add_sheet(&prices, &t, &diags);
                if (st == TCO_OK)
                    st = s2;
                kind = "price sheet";
                count = prices.n_plans - before;
            } else {
                tco_diag_add(&diags, TCO_EDATA, path, t.header.line, 0,
                             "expected a scenario file (a \"scenario\" column) or a price sheet "
                             "(\"vendor\", \"plan\", \"model\", \"item\", \"price\" columns), got "
                             "neither in the header");
                st = TCO_EDATA;
            }
        }
        print_diags(&diags);
        if (st == TCO_OK && !o->quiet)
            printf("%s: ok: %s, %zu %s\n", path, kind, count,
                   strcmp(kind, "price sheet") == 0 ? (count == 1 ? "plan" : "plans")
                                                    : (count == 1 ? "scenario" : "scenarios"));
        if (st > worst)
            worst = st;
        tco_csv_table_fini(&t);
        tco_diag_list_fini(&diags);
    }
    /* Checks across sheets: the same plan in two sheets of the same file name. */
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    if (tco_prices_finish(&prices, &diags) != TCO_OK && TCO_EDATA > worst)
        worst = TCO_EDATA;
    print_diags(&diags);
    tco_diag_list_fini(&diags);
    tco_prices_fini(&prices);
    return worst;
}


/* ---- run ------------------------------------------------------------------------------- */

/* The bundled sheets: the .csv files of ./data, else of the installed copy. */
static tco_status default_price_sheets(glob_t *g, tco_diag_list *diags)
{
    static const char *const patterns[] = {TCO_DEFAULT_PRICES_DIR "/*.csv", TCO_DATADIR "/*.csv"};
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++)
        if (glob(patterns[i], 0, NULL, g) == 0)
            return TCO_OK;
        else
            globfree(g);
    tco_diag_add(diags, TCO_ENOINPUT, TCO_DEFAULT_PRICES_DIR, 0, 0,
                 "expected bundled price sheets (*.csv) here or in " TCO_DATADIR
                 "; give --prices FILE");
    return TCO_ENOINPUT;
}

/* Loads every --prices sheet (or the bundled ones). Any bad sheet stops the run: a comparison
 * with a sheet missing would look complete and not be. */
static tco_status load_prices(const tco_options *o, tco_prices *prices, tco_diag_list *diags)
{
    glob_t g;
    memset(&g, 0, sizeof g);
    char **paths = o->prices;
    size_t n = o->n_prices;
    bool globbed = false;
    if (n == 0) {
        tco_status st = default_price_sheets(&g, diags);
        if (st != TCO_OK)
            return st;
        paths = g.gl_pathv;
        n = g.gl_pathc;
        globbed = true;
    }
    tco_status worst = TCO_OK;
    for (size_t i = 0; i < n; i++) {
        tco_status st = tco_prices_load(prices, paths[i], diags);
        if (st > worst)
            worst = st;
    }
    if (worst == TCO_OK)
        worst = tco_prices_finish(prices, diags);
    if (worst == TCO_OK && prices->n_plans == 0) {
        tco_diag_add(diags, TCO_EDATA, paths[0], 0, 0, "expected at least one plan, got none");
        worst = TCO_EDATA;
    }
    if (globbed)
        globfree(&g);
    return worst;
}

typedef struct progress_ctx {
    bool enabled;
    const char *label;
} progress_ctx;

static void show_progress(void *ctx, unsigned long done, unsigned long total)
{
    const progress_ctx *p = ctx;
    if (!p->enabled)
        return;
    const int width = 30;
    int filled = (int)((double)done / (double)total * width);
    char bar[32];
    for (int i = 0; i < width; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r%-40.40s [%s] %3d%%", p->label, bar, (int)(100.0 * done / total));
    if (done == total)
        fputs("\r\033[K", stderr);
}

static tco_status write_out_files(const char *dir, const tco_report_item *items, size_t n,
                                  tco_diag_list *diags)
{
    static const char *const NAMES[] = {"summary.csv", "monthly.csv", "histogram.csv"};
    int (*const writers[])(FILE *, const tco_report_item *, size_t) = {
        tco_report_summary_csv, tco_report_monthly_csv, tco_report_histogram_csv};
    enum { N_FILES = 3 };
    tco_status st = tco_outdir_make(dir, diags);
    if (st != TCO_OK)
        return st;
    tco_outfile files[N_FILES];
    size_t opened = 0;
    for (; opened < N_FILES; opened++) {
        st = tco_outfile_open(&files[opened], dir, NAMES[opened], diags);
        if (st != TCO_OK)
            break;
        if (writers[opened](files[opened].fp, items, n) != 0) {
            tco_diag_add(diags, TCO_ECANTCREAT, files[opened].final_path, 0, 0,
                         "cannot write: output error");
            opened++;
            st = TCO_ECANTCREAT;
            break;
        }
    }
    if (st != TCO_OK) {
        for (size_t i = 0; i < opened; i++)
            tco_outfile_abort(&files[i]);
        return st;
    }
    /* all written: now put them in place */
    for (size_t i = 0; i < N_FILES; i++) {
        tco_status c = tco_outfile_commit(&files[i], diags);
        if (c != TCO_OK) {
            for (size_t k = i + 1; k < N_FILES; k++)
                tco_outfile_abort(&files[k]);
            return c;
        }
    }
    return TCO_OK;
}

static unsigned online_processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > TCO_MAX_THREADS ? TCO_MAX_THREADS : (unsigned)n;
}

static tco_status cmd_run(const tco_options *o)
{
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    tco_prices prices;
    tco_prices_init(&prices);
    tco_status worst = load_prices(o, &prices, &diags);
    print_diags(&diags);
    if (worst != TCO_OK) {
        tco_prices_fini(&prices);
        tco_diag_list_fini(&diags);
        return worst;
    }
    /* the JSON document carries the batch's input problems too */
    tco_diag_list batch_errors;
    tco_diag_list_init(&batch_errors);

    tco_scenario_file *files = tco_xcalloc(o->n_files, sizeof *files);
    size_t n_scenarios = 0;
    for (size_t i = 0; i < o->n_files; i++) {
        tco_diag_list file_diags;
        tco_diag_list_init(&file_diags);
        tco_scenario_file_init(&files[i]);
        tco_status st = tco_scenario_load(o->files[i], &files[i], &file_diags);
        print_diags(&file_diags);
        if (st != TCO_OK) {
            /* SPEC §2: a batch keeps going past a bad file */
            if (st > worst)
                worst = st;
            tco_scenario_file_fini(&files[i]);
            tco_diag_list_take(&batch_errors, &file_diags);
            continue;
        }
        tco_diag_list_fini(&file_diags);
        n_scenarios += files[i].n;
    }

    tco_engine_config cfg = {o->trials, o->seed, o->threads ? o->threads : online_processors(),
                             &stop_signal, show_progress, NULL};
    progress_ctx progress = {!o->quiet && isatty(STDERR_FILENO), NULL};
    cfg.progress_ctx = &progress;
    tco_result *results = tco_xcalloc(n_scenarios + 1, sizeof *results);
    tco_report_item *items = tco_xcalloc(n_scenarios + 1, sizeof *items);
    size_t n_done = 0;
    bool interrupted = false;
    for (size_t i = 0; i < o->n_files && !interrupted; i++)
        for (size_t k = 0; k < files[i].n && !interrupted; k++) {
            progress.label = files[i].items[k].name;
            tco_status st = tco_engine_run(&files[i].items[k], &prices, &cfg, &results[n_done]);
            items[n_done].file = o->files[i];
            items[n_done].result = &results[n_done];
            n_done++;
            if (st == TCO_EINTERRUPTED)
                interrupted = true;
        }

    if (interrupted) {
        if (progress.enabled)
            fputs("\r\033[K", stderr);
        fprintf(stderr, "tcosim: interrupted by %s; no output written\n",
                stop_signal == SIGTERM ? "SIGTERM" : "SIGINT");
        worst = TCO_EINTERRUPTED;
    } else {
        if (o->out_dir) {
            tco_status st = write_out_files(o->out_dir, items, n_done, &diags);
            if (st != TCO_OK) {
                tco_diag_list sub;
                tco_diag_list_init(&sub);
                tco_diag_list_take(&sub, &diags);
                print_diags(&sub);
                tco_diag_list_fini(&sub);
                if (st > worst)
                    worst = st;
            }
        }
        if (worst != TCO_ECANTCREAT) {
            int rc = 0;
            switch (o->format) {
            case TCO_FORMAT_TABLE: rc = tco_report_table(stdout, items, n_done); break;
            case TCO_FORMAT_CSV: rc = tco_report_summary_csv(stdout, items, n_done); break;
            case TCO_FORMAT_JSON: rc = tco_report_json(stdout, items, n_done, &batch_errors); break;
            }
            if (rc != 0 && worst < TCO_ECANTCREAT)
                worst = TCO_ECANTCREAT;
        }
    }

    for (size_t i = 0; i < n_done; i++)
        tco_result_fini(&results[i]);
    free(results);
    free(items);
    for (size_t i = 0; i < o->n_files; i++)
        tco_scenario_file_fini(&files[i]);
    free(files);
    tco_prices_fini(&prices);
    tco_diag_list_fini(&batch_errors);
    tco_diag_list_fini(&diags);
    return worst;
}

int main(int argc, char **argv)
{
    /* GSL's default handler aborts; every GSL status is checked where it is returned. */
    gsl_set_error_handler_off();

    tco_options o;
    char err[512];
    tco_status st = tco_cli_parse(argc, argv, &o, err, sizeof err);
    if (st != TCO_OK) {
        fprintf(stderr, "tcosim: %s\n", err);
        tco_cli_fini(&o);
        return st;
    }
    switch (o.command) {
    case TCO_CMD_HELP:
        fputs(tco_cli_help(o.help_topic), stdout);
        break;
    case TCO_CMD_VERSION:
        printf("tcosim %s\n", TCO_VERSION);
        break;
    case TCO_CMD_VALIDATE:
        st = cmd_validate(&o);
        break;
    case TCO_CMD_RUN: {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_stop_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        st = cmd_run(&o);
        break;
    }
    default:
        fprintf(stderr, "tcosim: %s: not available in this build\n", argv[1]);
        st = TCO_ESOFTWARE;
    }
    tco_cli_fini(&o);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("tcosim: writing output failed");
        return TCO_ECANTCREAT;
    }
    return st;
}
