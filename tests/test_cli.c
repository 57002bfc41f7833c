/* SPDX-License-Identifier: MIT */
/* Tests of cli: tco_cli_parse on argv arrays: the defaults of SPEC §2, every option, repeatable
 * --prices, each usage error with its exact text, help and version. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tco/cli.h"
#include "tco/defaults.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

/* argv arrays end with NULL as main's does; getopt may permute the pointers. */
static tco_status parse(char **argv, int argc, tco_options *o, char *err, size_t size)
{
    return tco_cli_parse(argc, argv, o, err, size);
}

static void expect_usage(char **argv, int argc, const char *want)
{
    tco_options o;
    char err[512];
    tco_status st = parse(argv, argc, &o, err, sizeof err);
    if (st != TCO_EUSAGE || strcmp(err, want) != 0)
        fail_msg("status %d, \"%s\"; want 64, \"%s\"", (int)st, err, want);
    tco_cli_fini(&o);
}

static void run_should_take_the_documented_defaults(void **state)
{
    (void)state;
    char *argv[] = {"tcosim", "run", "a.csv", NULL};
    tco_options o;
    char err[256];
    assert_int_equal(parse(argv, ARGC(argv), &o, err, sizeof err), TCO_OK);
    assert_int_equal(o.command, TCO_CMD_RUN);
    assert_int_equal(o.trials, 10000);
    assert_int_equal(o.trials, TCO_DEFAULT_TRIALS);
    assert_true(o.seed == 20261124u);
    assert_int_equal(o.format, TCO_FORMAT_TABLE);
    assert_int_equal(o.threads, 0);
    assert_null(o.out_dir);
    assert_false(o.quiet);
    assert_int_equal(o.n_prices, 0);
    assert_int_equal(o.n_files, 1);
    assert_string_equal(o.files[0], "a.csv");
    tco_cli_fini(&o);
}

static void run_should_take_every_option(void **state)
{
    (void)state;
    char *argv[] = {"tcosim",    "run",      "--prices", "p1.csv",       "--trials", "500",
                    "a.csv",     "--seed",   "18446744073709551615",     "--threads", "4",
                    "--out",     "out/dir",  "--format", "json",         "--quiet",  "--prices=p2.csv",
                    "b.csv",     NULL};
    tco_options o;
    char err[256];
    assert_int_equal(parse(argv, ARGC(argv), &o, err, sizeof err), TCO_OK);
    assert_int_equal(o.command, TCO_CMD_RUN);
    assert_int_equal(o.trials, 500);
    assert_true(o.seed == UINT64_MAX);
    assert_int_equal(o.threads, 4);
    assert_string_equal(o.out_dir, "out/dir");
    assert_int_equal(o.format, TCO_FORMAT_JSON);
    assert_true(o.quiet);
    /* --prices is repeatable and keeps its order */
    assert_int_equal(o.n_prices, 2);
    assert_string_equal(o.prices[0], "p1.csv");
    assert_string_equal(o.prices[1], "p2.csv");
    /* operands in order, wherever they stand among the options */
    assert_int_equal(o.n_files, 2);
    assert_string_equal(o.files[0], "a.csv");
    assert_string_equal(o.files[1], "b.csv");
    tco_cli_fini(&o);
}

/* SPEC §8.4: --strict for every command that loads files; off by default. */
static void strict_should_apply_to_every_command_that_loads_files(void **state)
{
    (void)state;
    static const char *const commands[] = {"run", "breakeven", "recommend", "validate"};
    for (size_t i = 0; i < 4; i++) {
        char *argv[] = {"tcosim", (char *)commands[i], "--strict", "a.csv", NULL};
        tco_options o;
        char err[256];
        assert_int_equal(parse(argv, ARGC(argv), &o, err, sizeof err), TCO_OK);
        assert_true(o.strict);
        tco_cli_fini(&o);
        char *plain[] = {"tcosim", (char *)commands[i], "a.csv", NULL};
        assert_int_equal(parse(plain, ARGC(plain), &o, err, sizeof err), TCO_OK);
        assert_false(o.strict);
        tco_cli_fini(&o);
    }
}

/* SPEC §12.3: --correlations FILE for the commands that simulate; one file a run */
static void correlations_should_apply_to_run_breakeven_and_recommend(void **state)
{
    (void)state;
    static const char *const commands[] = {"run", "breakeven", "recommend"};
    for (size_t i = 0; i < 3; i++) {
        char *argv[] = {"tcosim", (char *)commands[i], "--correlations", "c.csv", "a.csv", NULL};
        tco_options o;
        char err[256];
        assert_int_equal(parse(argv, ARGC(argv), &o, err, sizeof err), TCO_OK);
        assert_string_equal(o.correlations, "c.csv");
        assert_int_equal(o.n_files, 1);
        tco_cli_fini(&o);
        char *plain[] = {"tcosim", (char *)commands[i], "a.csv", NULL};
        assert_int_equal(parse(plain, ARGC(plain), &o, err, sizeof err), TCO_OK);
        assert_null(o.correlations);
        tco_cli_fini(&o);
    }
    char *twice[] = {"tcosim", "run", "--correlations", "c.csv", "--correlations", "d.csv",
                     "a.csv", NULL};
    expect_usage(twice, ARGC(twice),
                 "--correlations: expected one file, got a second, \"d.csv\" (a run takes one "
                 "correlations file: put every pair in it)");
    char *empty[] = {"tcosim", "run", "--correlations", "", "a.csv", NULL};
    expect_usage(empty, ARGC(empty),
                 "--correlations: expected a file name, got \"\" (an empty argument: an unset "
                 "shell variable?)");
    char *validate[] = {"tcosim", "validate", "--correlations", "c.csv", "a.csv", NULL};
    expect_usage(validate, ARGC(validate),
                 "validate: option --correlations does not apply; see tcosim help validate");
}

static void format_should_accept_table_csv_and_json(void **state)
{
    (void)state;
    static const struct {
        const char *arg;
        tco_format want;
    } cases[] = {{"table", TCO_FORMAT_TABLE}, {"csv", TCO_FORMAT_CSV}, {"json", TCO_FORMAT_JSON}};
    for (size_t i = 0; i < 3; i++) {
        char *argv[] = {"tcosim", "run", "--format", (char *)cases[i].arg, "a.csv", NULL};
        tco_options o;
        char err[256];
        assert_int_equal(parse(argv, ARGC(argv), &o, err, sizeof err), TCO_OK);
        assert_int_equal(o.format, cases[i].want);
        tco_cli_fini(&o);
    }
}

static void every_command_should_be_recognised(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        tco_command want;
    } cases[] = {{"run", TCO_CMD_RUN},
                 {"breakeven", TCO_CMD_BREAKEVEN},
                 {"recommend", TCO_CMD_RECOMMEND},
                 {"validate", TCO_CMD_VALIDATE}};
    for (size_t i = 0; i < 4; i++) {
        char *argv[] = {"tcosim", (char *)cases[i].name, "x.csv", NULL};
        tco_options o;
        char err[256];
        assert_int_equal(parse(argv, ARGC(argv), &o, err, sizeof err), TCO_OK);
        assert_int_equal(o.command, cases[i].want);
        assert_int_equal(o.n_files, 1);
        tco_cli_fini(&o);
    }
}

static void double_dash_should_end_the_options(void **state)
{
    (void)state;
    char *argv[] = {"tcosim", "validate", "--", "--odd-name.csv", NULL};
    tco_options o;
    char err[256];
    assert_int_equal(parse(argv, ARGC(argv), &o, err, sizeof err), TCO_OK);
    assert_int_equal(o.n_files, 1);
    assert_string_equal(o.files[0], "--odd-name.csv");
    tco_cli_fini(&o);
}

static void help_and_version_should_need_no_files(void **state)
{
    (void)state;
    tco_options o;
    char err[256];

    char *a1[] = {"tcosim", "--help", NULL};
    assert_int_equal(parse(a1, ARGC(a1), &o, err, sizeof err), TCO_OK);
    assert_int_equal(o.command, TCO_CMD_HELP);
    assert_int_equal(o.help_topic, TCO_CMD_HELP);
    tco_cli_fini(&o);

    char *a2[] = {"tcosim", "help", "run", NULL};
    assert_int_equal(parse(a2, ARGC(a2), &o, err, sizeof err), TCO_OK);
    assert_int_equal(o.command, TCO_CMD_HELP);
    assert_int_equal(o.help_topic, TCO_CMD_RUN);
    tco_cli_fini(&o);

    char *a3[] = {"tcosim", "validate", "--help", NULL};
    assert_int_equal(parse(a3, ARGC(a3), &o, err, sizeof err), TCO_OK);
    assert_int_equal(o.command, TCO_CMD_HELP);
    assert_int_equal(o.help_topic, TCO_CMD_VALIDATE);
    tco_cli_fini(&o);

    char *a4[] = {"tcosim", "--version", NULL};
    assert_int_equal(parse(a4, ARGC(a4), &o, err, sizeof err), TCO_OK);
    assert_int_equal(o.command, TCO_CMD_VERSION);
    tco_cli_fini(&o);

    char *a5[] = {"tcosim", "help", NULL};
    assert_int_equal(parse(a5, ARGC(a5), &o, err, sizeof err), TCO_OK);
    assert_int_equal(o.command, TCO_CMD_HELP);
    assert_int_equal(o.help_topic, TCO_CMD_HELP);
    tco_cli_fini(&o);
}

static void assert_help_has(tco_command topic, const char *want)
{
    char *help = tco_cli_help(topic);
    if (!strstr(help, want))
        fail_msg("help %d lacks \"%s\":\n%s", (int)topic, want, help);
    free(help);
}

static void help_texts_should_describe_their_command(void **state)
{
    (void)state;
    assert_help_has(TCO_CMD_HELP, "Usage: tcosim COMMAND");
    assert_help_has(TCO_CMD_RUN, "--trials N");
    assert_help_has(TCO_CMD_RUN, "default 20261124");
    assert_help_has(TCO_CMD_VALIDATE, "Usage: tcosim validate");
    assert_help_has(TCO_CMD_BREAKEVEN, "Usage: tcosim breakeven");
    assert_help_has(TCO_CMD_RECOMMEND, "Usage: tcosim recommend");
    /* made from the option table: the limits and defaults of tco/defaults.h, the columns
     * aligned, continuation lines indented, the shared options in one line */
    assert_help_has(TCO_CMD_RUN, "  --trials N            Monte Carlo trials per scenario (default 10000)\n");
    assert_help_has(TCO_CMD_RUN, "results do not\n                        depend on it\n");
    assert_help_has(TCO_CMD_BREAKEVEN, "  --steps N                grid points per axis, 2 to 1000 (default 12)\n");
    assert_help_has(TCO_CMD_BREAKEVEN, "  --prices FILE, --schedule FILE, --correlations FILE, --format F, --out DIR, --plots, --quiet, --strict   as for run\n");
    assert_help_has(TCO_CMD_RECOMMEND, "  --deviation-required P       rule 4: workflow deviation above P requires CPaaS (30%)\n");
}

/* Every option a command's help lists is one it takes, and every option it does not list is
 * refused as not applying (the help and the check come from one table). */
static void help_lists_exactly_the_options_a_command_takes(void **state)
{
    (void)state;
    static const char *const ALL[] = {
        "prices", "trials", "seed", "threads", "out", "format", "quiet", "min-dev-hours",
        "min-time-to-market", "notification-threshold", "seat-threshold", "deviation-required",
        "deviation-shift", "seats", "notifications", "steps", "scale", "skip", "strict", "plots", "schedule"};
    static const struct {
        tco_command c;
        const char *name;
    } CMDS[] = {{TCO_CMD_RUN, "run"}, {TCO_CMD_BREAKEVEN, "breakeven"},
                {TCO_CMD_RECOMMEND, "recommend"}};
    for (size_t i = 0; i < sizeof CMDS / sizeof CMDS[0]; i++) {
        char *help = tco_cli_help(CMDS[i].c);
        for (size_t k = 0; k < sizeof ALL / sizeof ALL[0]; k++) {
            char flag[64];
            snprintf(flag, sizeof flag, "--%s ", ALL[k]);
            const bool listed = strstr(help, flag) != NULL ||
                                (snprintf(flag, sizeof flag, "--%s\n", ALL[k]), strstr(help, flag)) ||
                                (snprintf(flag, sizeof flag, "--%s,", ALL[k]), strstr(help, flag));
            char opt[64];
            snprintf(opt, sizeof opt, "--%s", ALL[k]);
            /* a value that is good for none of the options that take one, so that only
             * "does not apply" is about applicability */
            char *argv[] = {"tcosim", (char *)CMDS[i].name, opt, "1..2", "x.csv", NULL};
            const bool flag_only = strcmp(ALL[k], "quiet") == 0;
            if (flag_only) {
                argv[3] = "x.csv";
                argv[4] = NULL;
            }
            tco_options o;
            char err[256];
            tco_cli_parse(flag_only ? 4 : 5, argv, &o, err, sizeof err);
            const bool refused = strstr(err, "does not apply") != NULL;
            if (listed == refused)
                fail_msg("%s --%s: listed %d, refused %d (%s)", CMDS[i].name, ALL[k], listed,
                         refused, err);
            tco_cli_fini(&o);
        }
        free(help);
    }
}

static void usage_errors_should_say_what_was_expected(void **state)
{
    (void)state;
    char *a0[] = {"tcosim", NULL};
    expect_usage(a0, ARGC(a0),
                 "expected a command (run, breakeven, recommend, validate); see tcosim --help");
    char *a1[] = {"tcosim", "simulate", "a.csv", NULL};
    expect_usage(a1, ARGC(a1),
                 "expected a command (run, breakeven, recommend, validate), got \"simulate\"; "
                 "see tcosim --help");
    char *a2[] = {"tcosim", "help", "nosuch", NULL};
    expect_usage(a2, ARGC(a2), "help: expected run, breakeven, recommend or validate, got "
                               "\"nosuch\"");
    char *a3[] = {"tcosim", "run", "--bogus", "a.csv", NULL};
    expect_usage(a3, ARGC(a3), "run: unknown option \"--bogus\"; see tcosim help run");
    char *a4[] = {"tcosim", "run", "a.csv", "--trials", NULL};
    expect_usage(a4, ARGC(a4), "run: option \"--trials\" expects a value");
    char *a5[] = {"tcosim", "run", "--trials", "abc", "a.csv", NULL};
    expect_usage(a5, ARGC(a5),
                 "--trials: expected a whole number from 1 to 1000000000, got \"abc\"");
    char *a6[] = {"tcosim", "run", "--trials", "0", "a.csv", NULL};
    expect_usage(a6, ARGC(a6), "--trials: expected a whole number from 1 to 1000000000, got \"0\"");
    char *a7[] = {"tcosim", "run", "--trials", "1e3", "a.csv", NULL};
    expect_usage(a7, ARGC(a7),
                 "--trials: expected a whole number from 1 to 1000000000, got \"1e3\"");
    char *a8[] = {"tcosim", "run", "--seed", "-1", "a.csv", NULL};
    expect_usage(a8, ARGC(a8),
                 "--seed: expected a whole number from 0 to 18446744073709551615, got \"-1\"");
    char *a9[] = {"tcosim", "run", "--seed", "18446744073709551616", "a.csv", NULL};
    expect_usage(a9, ARGC(a9),
                 "--seed: expected a whole number from 0 to 18446744073709551615, got "
                 "\"18446744073709551616\"");
    char *a10[] = {"tcosim", "run", "--threads", "0", "a.csv", NULL};
    expect_usage(a10, ARGC(a10), "--threads: expected a whole number from 1 to 256, got \"0\"");
    char *a11[] = {"tcosim", "run", "--threads", "257", "a.csv", NULL};
    expect_usage(a11, ARGC(a11), "--threads: expected a whole number from 1 to 256, got \"257\"");
    char *a12[] = {"tcosim", "run", "--format", "xml", "a.csv", NULL};
    expect_usage(a12, ARGC(a12), "--format: expected table, csv or json, got \"xml\"");
    char *a13[] = {"tcosim", "validate", "--trials", "5", "a.csv", NULL};
    expect_usage(a13, ARGC(a13),
                 "validate: option --trials does not apply; see tcosim help validate");
    char *a14[] = {"tcosim", "run", "--trials", "5", NULL};
    expect_usage(a14, ARGC(a14), "run: expected at least one scenario file; see tcosim help run");
    char *a15[] = {"tcosim", "validate", NULL};
    expect_usage(a15, ARGC(a15),
                 "validate: expected at least one CSV file; see tcosim help validate");
    char *a16[] = {"tcosim", "run", "--out", "", "a.csv", NULL};
    expect_usage(a16, ARGC(a16), "--out: expected a directory, got \"\"");
    char *a18[] = {"tcosim", "help", "run", "extra", NULL};
    expect_usage(a18, ARGC(a18), "help: expected at most one command, got \"extra\"");
}

static void an_error_should_fit_a_small_buffer(void **state)
{
    (void)state;
    char *argv[] = {"tcosim", "run", "--format", "xml", "a.csv", NULL};
    tco_options o;
    char err[16];
    assert_int_equal(parse(argv, ARGC(argv), &o, err, sizeof err), TCO_EUSAGE);
    assert_int_equal(strlen(err), sizeof err - 1);
    tco_cli_fini(&o);
}

static void parsing_twice_should_start_afresh(void **state)
{
    (void)state;
    /* getopt keeps state between calls; the parser must reset it */
    for (int k = 0; k < 2; k++) {
        char *argv[] = {"tcosim", "run", "--trials", "7", "a.csv", NULL};
        tco_options o;
        char err[256];
        assert_int_equal(parse(argv, ARGC(argv), &o, err, sizeof err), TCO_OK);
        assert_int_equal(o.trials, 7);
        assert_int_equal(o.n_files, 1);
        tco_cli_fini(&o);
    }
    tco_cli_fini(NULL);
}

static void empty_file_names_should_be_usage_errors_that_say_so(void **state)
{
    (void)state;
    char *a[] = {"tcosim", "run", "--prices", "", "a.csv", NULL};
    expect_usage(a, ARGC(a),
                 "--prices: expected a file name, got \"\" (an empty argument: an unset shell "
                 "variable?)");
    char *b[] = {"tcosim", "run", "--prices=", "a.csv", NULL};
    expect_usage(b, ARGC(b),
                 "--prices: expected a file name, got \"\" (an empty argument: an unset shell "
                 "variable?)");
    char *c[] = {"tcosim", "run", "a.csv", "", NULL};
    expect_usage(c, ARGC(c),
                 "run: expected a file name as argument 3, got \"\" (an empty argument: an "
                 "unset shell variable?)");
    char *d[] = {"tcosim", "validate", "", NULL};
    expect_usage(d, ARGC(d),
                 "validate: expected a file name as argument 2, got \"\" (an empty argument: an "
                 "unset shell variable?)");
}

static void an_argument_quoted_in_an_error_should_stay_on_one_printable_line(void **state)
{
    (void)state;
    char *a[] = {"tcosim", "run", "--trials", "1\n2", "a.csv", NULL};
    expect_usage(a, ARGC(a),
                 "--trials: expected a whole number from 1 to 1000000000, got \"1\\n2\"");
    char *b[] = {"tcosim", "run", "--format", "t\x1b[2J\xff", "a.csv", NULL};
    expect_usage(b, ARGC(b), "--format: expected table, csv or json, got \"t\\x1B[2J\\xFF\"");
    char *c[] = {"tcosim", "r\run", NULL};
    expect_usage(c, ARGC(c),
                 "expected a command (run, breakeven, recommend, validate), got \"r\\run\"; see "
                 "tcosim --help");
    char *d[] = {"tcosim", "run", "--no\nsuch", "a.csv", NULL};
    expect_usage(d, ARGC(d), "run: unknown option \"--no\\nsuch\"; see tcosim help run");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(run_should_take_the_documented_defaults),
        cmocka_unit_test(run_should_take_every_option),
        cmocka_unit_test(strict_should_apply_to_every_command_that_loads_files),
        cmocka_unit_test(correlations_should_apply_to_run_breakeven_and_recommend),
        cmocka_unit_test(format_should_accept_table_csv_and_json),
        cmocka_unit_test(every_command_should_be_recognised),
        cmocka_unit_test(double_dash_should_end_the_options),
        cmocka_unit_test(help_and_version_should_need_no_files),
        cmocka_unit_test(help_texts_should_describe_their_command),
        cmocka_unit_test(help_lists_exactly_the_options_a_command_takes),
        cmocka_unit_test(usage_errors_should_say_what_was_expected),
        cmocka_unit_test(an_error_should_fit_a_small_buffer),
        cmocka_unit_test(parsing_twice_should_start_afresh),
        cmocka_unit_test(empty_file_names_should_be_usage_errors_that_say_so),
        cmocka_unit_test(an_argument_quoted_in_an_error_should_stay_on_one_printable_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
