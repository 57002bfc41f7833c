/* SPDX-License-Identifier: MIT */
/* cmdutil: shared pieces of the subcommands (see tco/cmdutil.h). */
#include "tco/cmdutil.h"

#include <errno.h>
#include <glob.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tco/cluster.h"
#include "tco/defaults.h"
#include "tco/outset.h"
#include "tco/plot.h"
#include "tco/xalloc.h"

#ifndef TCO_DATADIR
#define TCO_DATADIR "/usr/local/share/tcosim/data"
#endif

void tco_cmd_print_diags(tco_diag_list *diags)
{
    tco_diag_list_sort(diags);
    for (size_t i = 0; i < diags->n; i++) {
        char *line = tco_diag_format(&diags->items[i]);
        fprintf(stderr, "%s\n", line);
        free(line);
    }
}

/* The bundled sheets: the .csv files of ./data, else of ../share/tcosim/data beside the
 * installed binary (whatever PREFIX it was installed under), else of TCO_DATADIR. */
static tco_status default_price_sheets(glob_t *g, tco_diag_list *diags)
{
    char exe_dir[4096] = "";
    ssize_t len = readlink("/proc/self/exe", exe_dir, sizeof exe_dir - 1);
    if (len > 0) {
        exe_dir[len] = '\0';
        char *slash = strrchr(exe_dir, '/');
        if (slash)
            *slash = '\0';
    }
    char *beside = tco_xasprintf("%s/../share/tcosim/data/*.csv", exe_dir);
    const char *const patterns[] = {TCO_DEFAULT_PRICES_DIR "/*.csv", beside, TCO_DATADIR "/*.csv"};
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
        if (i == 1 && len <= 0)
            continue;
        if (glob(patterns[i], 0, NULL, g) == 0) {
            free(beside);
            return TCO_OK;
        }
        globfree(g);
    }
    free(beside);
    tco_diag_add(diags, TCO_ENOINPUT, TCO_DEFAULT_PRICES_DIR, 0, 0,
                 "expected bundled price sheets (*.csv) here or in " TCO_DATADIR
                 "; give --prices FILE");
    return TCO_ENOINPUT;
}

tco_status tco_cmd_load_prices(const tco_options *o, tco_prices *prices, tco_diag_list *diags)
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
        if (st == TCO_EINTERRUPTED)
            break; /* an open that a stop signal interrupted: the caller says so */
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

static tco_status run_size(const tco_prices *prices, const tco_batch *batch, bool pairs,
                           tco_diag_list *diags)
{
    size_t option_months = 0, option_pairs = 0;
    for (size_t i = 0; i < batch->n_files; i++)
        for (size_t k = 0; k < batch->files[i].n; k++) {
            const tco_scenario *s = &batch->files[i].items[k];
            const size_t n_options = tco_options_count(prices, s); /* SPEC §12.2 migrations */
            const char *fewer = s->n_migrate ? ", fewer migrate_month values" : "";
            option_months += n_options * (size_t)s->months;
            option_pairs += n_options * (n_options - (n_options > 0)) / 2;
            if (option_months > TCO_MAX_OPTION_MONTHS) {
                tco_diag_add(diags, TCO_EDATA, batch->files[i].path, s->line, 0,
                             "months: expected at most %lu option-months in one run (options x "
                             "months, summed over the scenarios), got %zu with scenario %s (%zu "
                             "options x %d months); run fewer scenarios or plans at a time%s, "
                             "or a shorter horizon",
                             TCO_MAX_OPTION_MONTHS, option_months, s->name, n_options,
                             s->months, fewer);
                return TCO_EDATA;
            }
            if (pairs && option_pairs > TCO_MAX_OPTION_PAIRS) {
                tco_diag_add(diags, TCO_EDATA, batch->files[i].path, s->line, 0,
                             "scenario: expected at most %lu pairs of options in one run "
                             "(summed over the scenarios), got %zu with scenario %s (%zu "
                             "options); run fewer scenarios or plans at a time%s, or --skip "
                             "compare,sensitivity",
                             TCO_MAX_OPTION_PAIRS, option_pairs, s->name, n_options, fewer);
                return TCO_EDATA;
            }
        }
    return TCO_OK;
}

static tco_status sweep_size(const tco_options *o, const tco_batch *batch, tco_diag_list *diags)
{
    const size_t cells = (size_t)o->steps * o->steps;
    size_t total = 0;
    for (size_t i = 0; i < batch->n_files; i++)
        for (size_t k = 0; k < batch->files[i].n; k++) {
            const tco_scenario *s = &batch->files[i].items[k];
            total += cells;
            if (total > TCO_MAX_SWEEP_CELLS) {
                tco_diag_add(diags, TCO_EUSAGE, batch->files[i].path, s->line, 0,
                             "scenario: expected at most %lu grid cells in one run (--steps "
                             "squared, summed over the scenarios), got %zu with scenario %s; "
                             "give fewer --steps or fewer scenarios at a time",
                             TCO_MAX_SWEEP_CELLS, total, s->name);
                return TCO_EUSAGE;
            }
        }
    return TCO_OK;
}

/* Prints a check's diagnostics and passes its status on. */
static tco_status printed(tco_diag_list *diags, tco_status st)
{
    tco_cmd_print_diags(diags);
    tco_diag_list_fini(diags);
    return st;
}

tco_status tco_cmd_check_run_size(const tco_prices *prices, const tco_batch *batch, bool pairs)
{
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    return printed(&diags, run_size(prices, batch, pairs, &diags));
}

tco_status tco_cmd_check_sweep_size(const tco_options *o, const tco_batch *batch)
{
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    return printed(&diags, sweep_size(o, batch, &diags));
}

/* Whether the run was asked to stop: the handler's flag, or a stop signal held back by
 * tco_cmd_write_files. */
static bool stop_asked(const atomic_int *stop)
{
    if (stop && atomic_load(stop))
        return true;
    sigset_t pending;
    return sigpending(&pending) == 0 &&
           (sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1 ||
            sigismember(&pending, SIGHUP) == 1);
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
    char label[41]; /* the scenario's name, printable, cut at a character */
    tco_diag_quote_cell(label, sizeof label, p->label);
    fprintf(stderr, "\r%-40s [%s] %3d%%", label, bar, (int)(100.0 * done / total));
    if (done == total)
        fputs("\r\033[K", stderr);
}

static unsigned online_processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > TCO_MAX_THREADS ? TCO_MAX_THREADS : (unsigned)n;
}

void tco_cmd_print_interrupted(const atomic_int *stop)
{
    const int sig = stop ? atomic_load(stop) : 0;
    fprintf(stderr, "tcosim: interrupted by %s; no output written\n",
            sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP" : "SIGINT");
}

unsigned tco_cmd_threads(const tco_options *o)
{
    return o->threads ? o->threads : online_processors();
}

/* Each worker thread holds a whole set of a scenario's running statistics (engine): a large
 * scenario gets fewer threads than asked, so that memory stays bounded (README "What tcosim
 * refuses"). Results do not depend on the thread count. */
static unsigned threads_for(unsigned asked, size_t n_options, int months)
{
    const size_t option_months = n_options * (size_t)months;
    const size_t pairs = n_options * (n_options - (n_options > 0)) / 2;
    size_t most = asked;
    if (option_months && TCO_MAX_WORKER_OPTION_MONTHS / option_months < most)
        most = TCO_MAX_WORKER_OPTION_MONTHS / option_months;
    if (pairs && TCO_MAX_WORKER_OPTION_PAIRS / pairs < most)
        most = TCO_MAX_WORKER_OPTION_PAIRS / pairs;
    return most < 1 ? 1 : (unsigned)most;
}

void tco_cmd_load_batch(const tco_options *o, tco_batch *batch)
{
    memset(batch, 0, sizeof *batch);
    tco_diag_list_init(&batch->errors);
    batch->n_files = o->n_files;
    batch->files = tco_xcalloc(o->n_files + 1, sizeof *batch->files);
    for (size_t i = 0; i < o->n_files; i++) {
        tco_scenario_file_init(&batch->files[i]);
        if (batch->cut)
            continue;
        tco_diag_list file_diags;
        tco_diag_list_init(&file_diags);
        file_diags.warnings_are_errors = o->strict; /* SPEC §8.4 --strict */
        tco_status st = tco_scenario_load(o->files[i], &batch->files[i], &file_diags);
        tco_cmd_print_diags(&file_diags);
        if (st != TCO_OK) {
            /* SPEC §2: a batch keeps going past a bad file */
            if (st > batch->worst)
                batch->worst = st;
            tco_scenario_file_fini(&batch->files[i]);
        } else {
            batch->n_scenarios += batch->files[i].n;
        }
        if (batch->n_scenarios > TCO_MAX_RUN_SCENARIOS) {
            /* stop loading before memory grows with the files */
            tco_diag_list cut;
            tco_diag_list_init(&cut);
            tco_diag_add(&cut, TCO_EUSAGE, o->files[i], 0, 0,
                         "expected at most %lu scenarios in one run, got more with this file; "
                         "run fewer files at a time",
                         (unsigned long)TCO_MAX_RUN_SCENARIOS);
            tco_cmd_print_diags(&cut);
            tco_diag_list_take(&file_diags, &cut);
            tco_diag_list_fini(&cut);
            if (TCO_EUSAGE > batch->worst)
                batch->worst = TCO_EUSAGE;
            batch->cut = true;
        }
        tco_diag_list_take(&batch->errors, &file_diags);
        tco_diag_list_fini(&file_diags);
        if (st == TCO_EINTERRUPTED)
            break; /* an open that a stop signal interrupted: the caller says so */
    }
}

void tco_cmd_batch_fini(tco_batch *batch)
{
    for (size_t i = 0; i < batch->n_files; i++)
        tco_scenario_file_fini(&batch->files[i]);
    free(batch->files);
    tco_correlations_fini(batch->correlations);
    free(batch->correlations);
    tco_diag_list_fini(&batch->errors);
    tco_schedule_fini(&batch->schedule);
    memset(batch, 0, sizeof *batch);
}

/* SPEC §8.5: a run never writes over one of its own input files (checked before anything is
 * simulated, so that nothing is written). */
static tco_status out_dir_spares_inputs(const tco_options *o, const tco_prices *prices)
{
    size_t n = o->n_files + prices->n_sheets;
    const char **inputs = tco_xcalloc(n + 3, sizeof *inputs);
    for (size_t i = 0; i < o->n_files; i++)
        inputs[i] = o->files[i];
    for (size_t i = 0; i < prices->n_sheets; i++)
        inputs[o->n_files + i] = prices->sheets[i].path;
    if (o->schedule)
        inputs[n++] = o->schedule;
    if (o->correlations)
        inputs[n++] = o->correlations;
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    tco_status st = tco_outset_check_inputs(o->out_dir, inputs, n, &diags);
    free(inputs);
    return printed(&diags, st);
}

/* --correlations, checked against the batch's scenarios (SPEC §12.3). Like a bad price sheet,
 * a bad correlations file stops the run: results without the correlations would look complete
 * and not be. */
static tco_status load_correlations(const tco_options *o, tco_batch *batch)
{
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    diags.warnings_are_errors = o->strict;
    batch->correlations = tco_xmalloc(sizeof *batch->correlations);
    tco_correlations_init(batch->correlations);
    tco_status st = tco_correlations_load(o->correlations, batch->correlations, &diags);
    /* the good rows are checked against the scenarios too, so every problem is listed */
    if (st == TCO_OK || st == TCO_EDATA) {
        tco_status st2 =
            tco_correlations_check(batch->correlations, batch->files, batch->n_files, &diags);
        if (st == TCO_OK)
            st = st2;
    }
    tco_cmd_print_diags(&diags);
    tco_diag_list_take(&batch->errors, &diags);
    tco_diag_list_fini(&diags);
    return st;
}

bool tco_cmd_load_inputs(const tco_options *o, tco_prices *prices, tco_batch *batch,
                         tco_status *worst)
{
    memset(batch, 0, sizeof *batch);
    tco_diag_list_init(&batch->errors);
    tco_prices_init(prices);
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    diags.warnings_are_errors = o->strict;
    *worst = tco_cmd_load_prices(o, prices, &diags);
    tco_cmd_print_diags(&diags);
    tco_diag_list_fini(&diags);
    if (*worst != TCO_OK)
        return false;
    /* SPEC §12.1: a bad schedule stops the run, as a bad sheet does */
    tco_schedule schedule;
    tco_schedule_init(&schedule);
    if (o->schedule) {
        tco_diag_list_init(&diags);
        diags.warnings_are_errors = o->strict;
        *worst = tco_schedule_load(o->schedule, &schedule, &diags);
        tco_cmd_print_diags(&diags);
        tco_diag_list_fini(&diags);
        if (*worst != TCO_OK) {
            tco_schedule_fini(&schedule);
            return false;
        }
    }
    tco_cmd_batch_fini(batch);
    tco_cmd_load_batch(o, batch);
    batch->schedule = schedule; /* the batch owns it now */
    *worst = batch->worst;
    if (*worst == TCO_EINTERRUPTED)
        return false;
    if (batch->cut) {
        *worst = TCO_EUSAGE;
        return false;
    }
    if (o->schedule) {
        /* a scenario it names may be in a file that was refused: then that is not reported */
        tco_diag_list_init(&diags);
        const tco_status st = tco_schedule_bind(&batch->schedule, batch->files, batch->n_files,
                                                batch->worst == TCO_OK, &diags);
        tco_cmd_print_diags(&diags);
        tco_diag_list_fini(&diags);
        if (st != TCO_OK) {
            *worst = st;
            return false;
        }
    }
    if (o->correlations) {
        tco_status st = load_correlations(o, batch);
        if (st != TCO_OK) {
            *worst = st;
            return false;
        }
    }
    if (o->out_dir) {
        tco_status st = out_dir_spares_inputs(o, prices);
        if (st != TCO_OK) {
            *worst = st;
            return false;
        }
    }
    return true;
}

tco_status tco_cmd_simulate(const tco_options *o, const tco_prices *prices, tco_batch *batch,
                            const tco_observer *observers, size_t n_observers,
                            const atomic_int *stop, tco_result *results,
                            tco_report_item *items, size_t *n_done)
{
    const bool show = !o->quiet && isatty(STDERR_FILENO);
    const unsigned asked = tco_cmd_threads(o);
    /* every scenario of the batch is a job of the cluster (one process, or MPI's ranks); a
     * scenario with correlated inputs has its copula (SPEC §12.3: inverse CDFs tabulated once)
     * for the batch's run */
    tco_cluster_job *jobs = tco_xcalloc(batch->n_scenarios + 1, sizeof *jobs);
    progress_ctx *progress = tco_xcalloc(batch->n_scenarios + 1, sizeof *progress);
    const char **files = tco_xcalloc(batch->n_scenarios + 1, sizeof *files);
    tco_copula **copulas = tco_xcalloc(batch->n_scenarios + 1, sizeof *copulas);
    size_t n = 0;
    for (size_t i = 0; i < batch->n_files; i++)
        for (size_t k = 0; k < batch->files[i].n; k++) {
            tco_scenario *s = &batch->files[i].items[k];
            copulas[n] =
                batch->correlations ? tco_correlations_copula(batch->correlations, s) : NULL;
            s->copula = copulas[n];
            progress[n] = (progress_ctx){show, s->name};
            jobs[n].scenario = s;
            jobs[n].cfg = (tco_engine_config){o->trials,
                                              o->seed,
                                              threads_for(asked, tco_options_count(prices, s),
                                                          s->months),
                                              stop,
                                              show_progress,
                                              &progress[n],
                                              observers,
                                              n_observers,
                                              o->has_budget,
                                              o->budget,
                                              o->precision,
                                              o->antithetic};
            files[n++] = o->files[i];
        }
    const tco_status st = tco_cluster_simulate(prices, jobs, n, results, n_done);
    for (size_t i = 0, j = 0; i < batch->n_files; i++)
        for (size_t k = 0; k < batch->files[i].n; k++, j++) {
            batch->files[i].items[k].copula = NULL;
            tco_copula_free(copulas[j]);
        }
    free(copulas);
    for (size_t i = 0; i < *n_done; i++) {
        items[i].file = files[i];
        items[i].result = &results[i];
    }
    if (st != TCO_OK && show)
        fputs("\r\033[K", stderr);
    free(files);
    free(progress);
    free(jobs);
    return st;
}

/* The signals that would end the process while it writes: held back from the first temporary
 * file to the last rename (SIGXFSZ and SIGPIPE are ignored by main: a write error instead). */
static void stop_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
}

void tco_cmd_print_stdout_error(int err)
{
    fprintf(stderr, "tcosim: cannot write standard output: %s\n",
            err ? strerror(err) : "output error");
}

/* Whether everything printed so far reached standard output; if not, says why (the error is
 * then cleared: glibc has dropped what did not go out, and main's last check finds nothing
 * more to say). */
static bool stdout_flushed(void)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return true;
    tco_cmd_print_stdout_error(errno);
    clearerr(stdout);
    return false;
}

/* manifest.json, listing the files of the set it belongs to, itself included. */
static tco_status write_manifest(tco_outset *set, const tco_publication *pub,
                                 char *const *dir_files, size_t n_dir_files,
                                 tco_diag_list *diags)
{
    static const char NAME[] = "manifest.json";
    const char **outputs = tco_xcalloc(pub->n_files + n_dir_files + 2, sizeof *outputs);
    for (size_t i = 0; i < pub->n_files; i++)
        outputs[i] = pub->names[i];
    for (size_t i = 0; i < n_dir_files; i++)
        outputs[pub->n_files + i] = dir_files[i];
    outputs[pub->n_files + n_dir_files] = NAME;
    tco_manifest m = *pub->manifest;
    m.outputs = outputs;
    m.n_outputs = pub->n_files + n_dir_files + 1;
    FILE *fp;
    tco_status st = tco_outset_add(set, NAME, &fp, diags);
    if (st == TCO_OK && tco_manifest_write(fp, &m) != 0) {
        int err = errno;
        tco_diag_add(diags, TCO_ECANTCREAT, set->files[set->n - 1].final_path, 0, 0,
                     "cannot write: %s", err ? strerror(err) : "output error");
        st = TCO_ECANTCREAT;
    }
    free(outputs);
    return st;
}

const char *tco_cmd_currency(const tco_prices *prices)
{
    for (size_t i = 0; i < prices->n_sheets; i++)
        if (prices->sheets[i].currency)
            return prices->sheets[i].currency; /* the sheets agree (tco_prices_add_sheet) */
    return NULL;
}

void tco_cmd_manifest(tco_manifest *m, tco_manifest_input **inputs, const tco_options *o,
                      const tco_prices *prices, const tco_batch *batch, bool simulated)
{
    size_t n = prices->n_sheets + o->n_files;
    tco_manifest_input *in = tco_xcalloc(n + 3, sizeof *in);
    const char *currency = tco_cmd_currency(prices);
    for (size_t i = 0; i < prices->n_sheets; i++)
        in[i] = (tco_manifest_input){prices->sheets[i].path, "prices"};
    for (size_t i = 0; i < o->n_files; i++)
        in[prices->n_sheets + i] = (tco_manifest_input){o->files[i], "scenario"};
    if (o->schedule) /* SPEC §8.5 */
        in[n++] = (tco_manifest_input){o->schedule, "schedule"};
    if (o->correlations)
        in[n++] = (tco_manifest_input){o->correlations, "correlations"};
    bool discounted = false;
    for (size_t i = 0; i < batch->n_files; i++)
        for (size_t k = 0; k < batch->files[i].n; k++) {
            const tco_scenario *s = &batch->files[i].items[k];
            if (s->given[TCO_SCN_DISCOUNT_RATE] && !tco_value_is_zero(&s->v[TCO_SCN_DISCOUNT_RATE]))
                discounted = true;
        }
    *m = (tco_manifest){TCO_VERSION, o->argc, o->argv, simulated, o->seed, o->trials,
                        in, n, NULL, 0, currency, discounted};
    *inputs = in;
}

/* Writes the rendered report; whether standard output took all of it (if not, says why). */
static bool stdout_took(const char *report, size_t len)
{
    errno = 0;
    if (fwrite(report, 1, len, stdout) != len) {
        tco_cmd_print_stdout_error(errno);
        clearerr(stdout);
        return false;
    }
    return stdout_flushed();
}

/* Renders the report in memory (open_memstream) into *buf, *len. TCO_ESOFTWARE, said in one
 * line, when the memory stream ran out of memory (the temporary files are then removed by the
 * caller, and the previous set has not moved). */
static tco_status render_report(const tco_publication *pub, char **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    FILE *mem = open_memstream(buf, len);
    bool ok = mem != NULL;
    if (ok) {
        const int rc = pub->report(mem, pub->ctx);
        ok = fflush(mem) == 0 && !ferror(mem);
        ok = fclose(mem) == 0 && ok;
        ok = ok && rc == 0; /* a memory stream fails only for want of memory */
    }
    if (!ok) {
        fputs("tcosim: out of memory (rendering the report)\n", stderr);
        free(*buf);
        *buf = NULL;
        return TCO_ESOFTWARE;
    }
    return TCO_OK;
}

/* Writes and closes (fsync) every file under its temporary name, renders the report, puts the
 * set in place of the previous one (outset), then prints the report: a stop signal before
 * that, or a report that standard output did not take, puts the previous set back. The stop
 * signals are held back meanwhile. */
static tco_status write_set(tco_outset *set, const tco_publication *pub, const atomic_int *stop,
                            tco_diag_list *diags)
{
    tco_status st = TCO_OK;
    for (size_t i = 0; st == TCO_OK && i < pub->n_files; i++) {
        FILE *fp;
        st = tco_outset_add(set, pub->names[i], &fp, diags);
        if (st != TCO_OK)
            break;
        errno = 0;
        if (pub->write(i, fp, pub->ctx) != 0) {
            int err = errno;
            tco_diag_add(diags, TCO_ECANTCREAT, set->files[set->n - 1].final_path, 0, 0,
                         "cannot write: %s", err ? strerror(err) : "output error");
            st = TCO_ECANTCREAT;
        }
    }
    /* the result directory: its files are listed in the manifest as DIR_NAME/NAME */
    char **dir_files = NULL;
    size_t n_dir_files = 0;
    if (st == TCO_OK && pub->dir_name) {
        const char *path;
        char **names = NULL;
        size_t n_names = 0;
        st = tco_outset_add_dir(set, pub->dir_name, &path, diags);
        if (st == TCO_OK)
            st = pub->write_dir(path, pub->ctx, &names, &n_names, diags);
        dir_files = tco_xcalloc(n_names + 1, sizeof *dir_files);
        for (size_t i = 0; i < n_names; i++) {
            dir_files[n_dir_files++] = tco_xasprintf("%s/%s", pub->dir_name, names[i]);
            free(names[i]);
        }
        free(names);
    }
    if (st == TCO_OK && pub->manifest)
        st = write_manifest(set, pub, dir_files, n_dir_files, diags);
    for (size_t i = 0; i < n_dir_files; i++)
        free(dir_files[i]);
    free(dir_files);
    /* all written: on disk under their temporary names (a full disk shows here) */
    if (st == TCO_OK)
        st = tco_outset_close(set, diags);
    size_t len = 0;
    char *report = NULL;
    if (st == TCO_OK)
        st = render_report(pub, &report, &len);
    if (st == TCO_OK && stop_asked(stop))
        st = TCO_EINTERRUPTED;
    if (st == TCO_OK)
        st = tco_outset_swap(set, diags);
    /* the last moment to give up with the previous files put back */
    if (st == TCO_OK && stop_asked(stop)) {
        tco_outset_undo(set, diags);
        st = TCO_EINTERRUPTED;
    }
    if (st == TCO_OK && !stdout_took(report, len)) {
        tco_outset_undo(set, diags);
        st = TCO_EIOERR;
    }
    if (st == TCO_OK)
        tco_outset_settle(set);
    free(report);
    return st;
}

tco_status tco_cmd_publish(const char *dir, const tco_publication *pub, const atomic_int *stop,
                           tco_diag_list *diags)
{
    if (!dir)
        return pub->report(stdout, pub->ctx) != 0 ? TCO_EIOERR : TCO_OK;
    /* The lock is waited for with the signals still open, so that a waiting run can be
     * stopped. Then a signal's default action would end the process with temporary files
     * left behind, and a handler's flag would go unread while files are written: hold the
     * stop signals back until the files are either all in place or all removed (writing takes
     * well under a second). Only this thread runs here: the engine's workers are joined. */
    tco_outset set;
    tco_status st = tco_outset_begin(&set, dir, stop, diags);
    if (st == TCO_OK) {
        sigset_t hold, old;
        stop_signals(&hold);
        pthread_sigmask(SIG_BLOCK, &hold, &old);
        st = write_set(&set, pub, stop, diags);
        tco_outset_end(&set);
        pthread_sigmask(SIG_SETMASK, &old, NULL); /* a held signal is delivered now */
    } else {
        tco_outset_end(&set);
    }
    return st;
}

tco_status tco_cmd_plots_available(const tco_options *o)
{
    if (!o->plots)
        return TCO_OK;
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    return printed(&diags, tco_plot_available(&diags));
}

tco_status tco_cmd_publish_results(const tco_options *o, const tco_prices *prices,
                                   const tco_batch *batch, bool simulated, size_t n_done,
                                   tco_publication pub, const atomic_int *stop)
{
    /* SPEC §13: one process of an MPI run (rank 0) prints and writes */
    if (!tco_cluster_writes())
        return TCO_OK;
    tco_manifest manifest;
    tco_manifest_input *inputs;
    tco_cmd_manifest(&manifest, &inputs, o, prices, batch, simulated);
    pub.manifest = &manifest;
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    /* SPEC §8.5: a run that simulated no scenario leaves the previous files as they were */
    const tco_status st =
        tco_cmd_publish(o->out_dir && n_done > 0 ? o->out_dir : NULL, &pub, stop, &diags);
    tco_cmd_print_diags(&diags);
    tco_diag_list_fini(&diags);
    free(inputs);
    if (st == TCO_EINTERRUPTED)
        tco_cmd_print_interrupted(stop);
    return st;
}
