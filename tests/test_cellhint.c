/* SPDX-License-Identifier: MIT */
/* test_cellhint: the likely causes of bad cells and the plausibility warnings (SPEC §8.4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tco/cellhint.h"

/* One row per rewrite rule, and the cells that look alike but must not be rewritten. */
static void bad_cells_should_be_rewritten_into_what_was_meant(void **state)
{
    (void)state;
    static const struct {
        const char *cell, *cause, *fixed; /* cause NULL: no rewrite */
    } CASES[] = {
        {"50,000", "a number without thousands separators", "50000"},
        {"$1,200.50", "a number without thousands separators", "$1200.50"},
        {"-1,000,000", "a number without thousands separators", "-1000000"},
        {" 2,500% ", "a number without thousands separators", "2500%"},
        {"50 000", "a number without thousands separators", "50000"},
        {"1'000'000", "a number without thousands separators", "1000000"},
        {"1_000.5", "a number without thousands separators", "1000.5"},
        {"1 00", NULL, NULL},             /* not a group of three */
        {"0,0079", "a decimal point, not a comma", "0.0079"},
        {"1,5", "a decimal point, not a comma", "1.5"},
        {"1,2345", "a decimal point, not a comma", "1.2345"},
        {"0,500", "a decimal point, not a comma", "0.500"}, /* a leading 0: no thousands */
        {"1.234,5", "a decimal point, not a comma, and no thousands separators", "1234.5"},
        {"5 %", "no space before \"%\"", "5%"},
        {"uniform(1 %,3\t%)", "no space before \"%\"", "uniform(1%,3%)"},
        {"50k", "a number without a suffix such as k or M", "50000"},
        {"2.5M", "a number without a suffix such as k or M", "2500000"},
        {"1 bn", "a number without a suffix such as k or M", "1000000000"},
        {"uniform(10k,2M)", "a number without a suffix such as k or M", "uniform(10000,2000000)"},
        {"1,00", "a decimal point, not a comma", "1.00"},
        {"1k..2k", "a number without a suffix such as k or M", "1000..2000"},
        {"uniform(15,40)", NULL, NULL},   /* commas of a distribution are its own */
        {"1,000.", NULL, NULL},
        {"abc", NULL, NULL},
        {"ci90(1,2)", NULL, NULL},        /* the 90 of ci90 is no number */
        {"50kg", NULL, NULL},             /* a unit, not a suffix */
        {"1e5", NULL, NULL},
        {"", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char fixed[64] = "";
        const char *cause = tco_cellhint_fix(CASES[i].cell, fixed, sizeof fixed);
        if (!CASES[i].cause) {
            if (cause)
                print_error("\"%s\": no rewrite expected, got %s (%s)\n", CASES[i].cell, cause,
                            fixed);
            assert_null(cause);
            continue;
        }
        if (!cause)
            print_error("\"%s\": expected %s\n", CASES[i].cell, CASES[i].cause);
        assert_non_null(cause);
        assert_string_equal(cause, CASES[i].cause);
        assert_string_equal(fixed, CASES[i].fixed);
    }
}

static void a_rewrite_that_does_not_fit_should_give_none(void **state)
{
    (void)state;
    char fixed[4];
    assert_null(tco_cellhint_fix("50,000", fixed, sizeof fixed)); /* "50000" needs 6 bytes */
}

static void a_row_split_by_a_number_should_say_which_number(void **state)
{
    (void)state;
    char msg[256];
    size_t first;
    char *thousands[] = {"office", "12", "10", "50", "000"};
    assert_true(tco_cellhint_split(thousands, 5, 1, &first, msg, sizeof msg));
    assert_int_equal(first, 3);
    assert_string_equal(msg, "\"50,000\" is a number with a thousands separator, whose comma "
                             "splits the row: write 50000");
    char *million[] = {"office", "12", "10", "1", "000", "000"};
    assert_true(tco_cellhint_split(million, 6, 2, &first, msg, sizeof msg));
    assert_int_equal(first, 3);
    assert_string_equal(msg, "\"1,000,000\" is a number with a thousands separator, whose comma "
                             "splits the row: write 1000000");
    /* "12,10" and "10,0" are also pairs of numbers; only "0,05" has a leading zero */
    char *decimal[] = {"office", "12", "10", "0", "05"};
    assert_true(tco_cellhint_split(decimal, 5, 1, &first, msg, sizeof msg));
    assert_int_equal(first, 3);
    assert_string_equal(msg, "\"0,05\" is a number with a decimal comma, which splits the row: "
                             "write 0.05");
    /* two equally likely places: neither is named */
    char *two[] = {"a", "0", "05", "0", "07"};
    assert_true(tco_cellhint_split(two, 5, 1, &first, msg, sizeof msg));
    assert_int_equal(first, 5);
    /* plain numbers in a row with one cell too many: no guess */
    char *plain[] = {"a", "12", "10", "1", "5"};
    assert_false(tco_cellhint_split(plain, 5, 1, &first, msg, sizeof msg));
    char *text[] = {"a", "b", "c"};
    assert_false(tco_cellhint_split(text, 3, 1, &first, msg, sizeof msg));
}

/* SPEC §8.4: "1" in seat_growth is 100% a month: (1 + 1)^12 = 4096 over a year. */
static void plain_rates_should_warn_and_percentages_should_not(void **state)
{
    (void)state;
    char msg[400];
    assert_true(tco_cellhint_warning("seat_growth", "1", 1, 1, msg, sizeof msg));
    assert_string_equal(msg, "seat_growth: 1 is 100% a month (x4096 over a year); if you meant 1% "
                             "a month, write 1%");
    /* 1.2^12 = 8.916 */
    assert_true(tco_cellhint_warning("api_growth", "0.2", 0.2, 0.2, msg, sizeof msg));
    assert_string_equal(msg, "api_growth: 0.2 is 20% a month (x8.916 over a year); if you meant "
                             "0.2% a month, write 0.2%");
    assert_true(tco_cellhint_warning("notification_growth", "uniform(1%,0.3)", 0.01, 0.3, msg,
                                     sizeof msg));
    assert_string_equal(msg, "notification_growth: 0.3 in \"uniform(1%,0.3)\" is 30% a month "
                             "(x23.3 over a year); if you meant 0.3% a month, write 0.3%");
    /* a range a..b: the second number is 2, not ".2" */
    assert_true(tco_cellhint_warning("seat_growth", "0.1..2", 0.1, 2, msg, sizeof msg));
    assert_string_equal(msg, "seat_growth: 2 in \"0.1..2\" is 200% a month (x5.314e+05 over a "
                             "year); if you meant 2% a month, write 2%");
    assert_false(tco_cellhint_warning("seat_growth", "1%..0.1", 0.01, 0.1, msg, sizeof msg));
    assert_false(tco_cellhint_warning("seat_growth", "0.19", 0.19, 0.19, msg, sizeof msg));
    assert_false(tco_cellhint_warning("seat_growth", "20%", 0.2, 0.2, msg, sizeof msg));
    assert_false(tco_cellhint_warning("seat_growth", "uniform(1%,3%)", 0.01, 0.03, msg,
                                      sizeof msg));
    assert_true(tco_cellhint_warning("discount_rate", "8", 8, 8, msg, sizeof msg));
    assert_string_equal(msg, "discount_rate: 8 is 800% a year; if you meant 8% a year, write 8%");
    assert_false(tco_cellhint_warning("discount_rate", "0.08", 0.08, 0.08, msg, sizeof msg));
    assert_false(tco_cellhint_warning("price_escalation", "0.99", 0.99, 0.99, msg, sizeof msg));
    assert_true(tco_cellhint_warning("seat_volatility", "0.5", 0.5, 0.5, msg, sizeof msg));
    assert_false(tco_cellhint_warning("volume_volatility", "0.2", 0.2, 0.2, msg, sizeof msg));
    assert_true(tco_cellhint_warning("spike_probability", "1", 1, 1, msg, sizeof msg));
    assert_false(tco_cellhint_warning("spike_probability", "15%", 0.15, 0.15, msg, sizeof msg));
    /* a column without a rule */
    assert_false(tco_cellhint_warning("seats", "1", 1, 1, msg, sizeof msg));
}

static void a_spike_below_1_and_a_price_in_percent_should_warn(void **state)
{
    (void)state;
    char msg[400];
    assert_true(tco_cellhint_warning("spike_multiplier", "uniform(50%,3)", 0.5, 3, msg,
                                     sizeof msg));
    assert_false(tco_cellhint_warning("spike_multiplier", "pert(2,3,6)", 2, 6, msg, sizeof msg));
    assert_false(tco_cellhint_warning("spike_multiplier", "1", 1, 1, msg, sizeof msg));
    assert_true(tco_cellhint_warning("price", "0.79%", 0.0079, 0.0079, msg, sizeof msg));
    assert_string_equal(msg, "price: \"0.79%\" means $0.0079 a unit (% divides by 100); a price "
                             "is in dollars: write 0.0079 if you meant that");
    assert_false(tco_cellhint_warning("price", "0.0079", 0.0079, 0.0079, msg, sizeof msg));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bad_cells_should_be_rewritten_into_what_was_meant),
        cmocka_unit_test(a_rewrite_that_does_not_fit_should_give_none),
        cmocka_unit_test(a_row_split_by_a_number_should_say_which_number),
        cmocka_unit_test(plain_rates_should_warn_and_percentages_should_not),
        cmocka_unit_test(a_spike_below_1_and_a_price_in_percent_should_warn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
