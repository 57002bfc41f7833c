/* SPDX-License-Identifier: MIT */
/* main: parse the command line, dispatch to a subcommand, map its status to the exit code.
 * The only place that calls exit() (by returning from main). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "tco/cli.h"
#include "tco/cluster.h"
#include "tco/cmd_breakeven.h"
#include "tco/cmd_recommend.h"
#include "tco/cmd_run.h"
#include "tco/cmd_validate.h"
#include "tco/cmdutil.h"
#include "tco/defaults.h"
#include "tco/table_json.h"
#include "tco/xalloc.h"

/* The one process-wide mutable object: what a signal handler may touch. A lock-free atomic
 * (C11 7.14.1.1), not a volatile sig_atomic_t, because worker threads read it. */
static atomic_int stop_signal;

static void on_stop_signal(int sig)
{
    atomic_store_explicit(&stop_signal, sig, memory_order_relaxed);
}

/* SIGINT, SIGTERM and SIGHUP ask the engine to stop at its next check (and a run waiting for
 * the --out lock to stop waiting: no SA_RESTART); output is then not written. */
static void catch_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* A file-size limit (ulimit -f) and a closed pipe would end the process silently, with
 * temporary files left behind: ignored, they are write errors (EFBIG, EPIPE) that are
 * reported like any other (exit 73 for --out, 74 for standard output). */
static void signals_as_write_errors(void)
{
    signal(SIGXFSZ, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
}

/* A standard descriptor that was closed (`tcosim run ... >&-`) would be taken by the next
 * open(): an input file, or a temporary --out file that the report would then be printed
 * into. Put /dev/null there instead, opened the wrong way round (gnulib's stdopen), so that
 * using it fails and the failure is reported. */
static void keep_standard_fds_taken(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (got >= 0 && got != fd) {
            dup2(got, fd);
            close(got);
        }
    }
}

/* Everything printed reached standard output: checked once at exit, so a full disk or a
 * closed stdout is one line and exit 74 (EX_IOERR), never a silent success. */
static bool stdout_written(void)
{
    errno = 0;
    bool ok = fflush(stdout) == 0 && !ferror(stdout);
    int err = errno;
    if (fclose(stdout) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok)
        tco_cmd_print_stdout_error(err);
    return ok;
}

int main(int argc, char **argv)
{
    keep_standard_fds_taken();
    /* the ranks of an MPI run (SPEC §13); nothing in the plain build */
    tco_cluster_start(&argc, &argv);

    /* GSL's default handler aborts; every GSL status is checked where it is returned. */
    gsl_set_error_handler_off();
    /* Jansson's objects come from tco_xmalloc too (exit 70 on exhaustion, never NULL). */
    tco_table_json_use_xalloc();

    signals_as_write_errors();

    tco_options o;
    char err[512];
    tco_status st = tco_cli_parse(argc, argv, &o, err, sizeof err);
    if (st != TCO_OK) {
        fprintf(stderr, "tcosim: %s\n", err);
        tco_cli_fini(&o);
        return tco_cluster_finish(st);
    }
    switch (o.command) {
    case TCO_CMD_HELP: {
        char *help = tco_cli_help(o.help_topic);
        fputs(help, stdout);
        free(help);
        break;
    }
    case TCO_CMD_VERSION:
        printf("tcosim %s\n", TCO_VERSION);
        break;
    case TCO_CMD_VALIDATE:
        st = tco_cmd_validate(&o);
        break;
    case TCO_CMD_RUN:
        catch_stop_signals();
        st = tco_cmd_run(&o, &stop_signal);
        break;
    case TCO_CMD_BREAKEVEN:
        catch_stop_signals();
        st = tco_cmd_breakeven(&o, &stop_signal);
        break;
    case TCO_CMD_RECOMMEND:
        catch_stop_signals();
        st = tco_cmd_recommend(&o, &stop_signal);
        break;
    default:
        fprintf(stderr, "tcosim: %s: not available in this build\n", argv[1]);
        st = TCO_ESOFTWARE;
    }
    tco_cli_fini(&o);
    if (!stdout_written() && st < TCO_EIOERR)
        st = TCO_EIOERR;
    return tco_cluster_finish(st);
}
