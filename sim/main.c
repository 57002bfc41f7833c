/* SPDX-License-Identifier: MIT */
/* main: parse the command line, dispatch to a subcommand, map its status to the exit code.
 * The only place that calls exit() (by returning from main). */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "tco/cli.h"
#include "tco/cmd_breakeven.h"
#include "tco/cmd_recommend.h"
#include "tco/cmd_run.h"
#include "tco/cmd_validate.h"
#include "tco/defaults.h"

/* The one process-wide mutable object: what a signal handler may touch. A lock-free atomic
 * (C11 7.14.1.1), not a volatile sig_atomic_t, because worker threads read it. */
static atomic_int stop_signal;

static void on_stop_signal(int sig)
{
    atomic_store_explicit(&stop_signal, sig, memory_order_relaxed);
}

/* SIGINT/SIGTERM ask the engine to stop at its next check; output is then not written. */
static void catch_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
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
        st = tco_cmd_validate(&o);
        break;
    case TCO_CMD_RUN:
        catch_stop_signals();
        st = tco_cmd_run(&o, &stop_signal);
        break;
    case TCO_CMD_BREAKEVEN:
        st = tco_cmd_breakeven(&o);
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
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("tcosim: writing output failed");
        return TCO_ECANTCREAT;
    }
    return st;
}
