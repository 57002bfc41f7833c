/* SPDX-License-Identifier: MIT */
/* Tests of numfmt: one grouper of thousands and the formatters of money, counts, quantities,
 * amounts and shares, for every report (known answers; the byte-identical outputs of the
 * reports are the CLI suite's). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tco/numfmt.h"
#include "tco/stats.h"

static void grouping_is_by_threes_in_the_integer_part_only(void **state)
{
    (void)state;
    static const struct {
        const char *digits, *want;
    } CASES[] = {
        {"0", "0"},           {"999", "999"},         {"1000", "1,000"},
        {"12345", "12,345"},  {"123456", "123,456"},  {"1234567", "1,234,567"},
        {"1234.5678", "1,234.5678"}, {"0.123456", "0.123456"}, {"", ""},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char buf[48];
        tco_numfmt_grouped(buf, sizeof buf, CASES[i].digits);
        assert_string_equal(buf, CASES[i].want);
    }
    /* a buffer too small is cut, never overrun, and always terminated */
    char small[4] = "xyz";
    tco_numfmt_grouped(small, sizeof small, "1234567");
    assert_string_equal(small, "1,2"); /* the first 3 of "1,234,567" and the NUL */
}

static void counts_are_grouped(void **state)
{
    (void)state;
    char buf[32];
    tco_numfmt_count(buf, sizeof buf, 0);
    assert_string_equal(buf, "0");
    tco_numfmt_count(buf, sizeof buf, 10000);
    assert_string_equal(buf, "10,000");
    tco_numfmt_count(buf, sizeof buf, 18446744073709551615ULL);
    assert_string_equal(buf, "18,446,744,073,709,551,615");
}

static void quantities_are_whole_and_grouped_from_100(void **state)
{
    (void)state;
    static const struct {
        double x;
        const char *want;
    } CASES[] = {
        {0.35, "0.35"}, {8.714, "8.71"}, {17.5, "17.5"}, {1.2e-5, "1.2e-05"}, {99.94, "99.9"},
        {100, "100"}, {28571.43, "28,571"}, {-1500.4, "-1,500"}, {999999999999999, "999,999,999,999,999"},
        {1.234e15, "1.23e+15"}, {NAN, "-"}, {INFINITY, "-"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char buf[24];
        tco_numfmt_quantity(buf, sizeof buf, CASES[i].x);
        assert_string_equal(buf, CASES[i].want);
    }
}

static void shares_in_words_have_no_padding(void **state)
{
    (void)state;
    char buf[48];
    /* 0.5 +- 0.005 of 10,000: the column form is " 50.0% ± 0.5%" */
    tco_numfmt_share_words(buf, sizeof buf, 0.5, 0.005, 10000);
    assert_string_equal(buf, "50.0% ± 0.5%");
    tco_numfmt_share_words(buf, sizeof buf, 1, 0, 10000);
    assert_string_equal(buf, "> 99.96%");
}

static void assert_money(double x, const char *want)
{
    char buf[48];
    tco_numfmt_money(buf, sizeof buf, x);
    assert_string_equal(buf, want);
}


static void money_is_cents_below_a_thousand_and_grouped_dollars_above(void **state)
{
    (void)state;
    assert_money(1234567, "$1,234,567");
    assert_money(12.34, "$12.34");
    assert_money(0, "$0.00");
    assert_money(999.99, "$999.99");
    assert_money(1000, "$1,000");
    assert_money(1000000, "$1,000,000");
    assert_money(100, "$100.00");
    assert_money(-1234.4, "-$1,234");
    assert_money(-12.5, "-$12.50");
    /* amounts that round to $1,000 or more are whole dollars too, never "$1000.00" */
    assert_money(999.995, "$1,000");
    assert_money(999.999, "$1,000");
    assert_money(-0.004, "-$4.00e-03"); /* below half a cent: never "$0.00" nor "-$0.00" */
    assert_money(0.001, "$1.00e-03");
    assert_money(0.005, "$0.01");        /* from half a cent up, cents */
    assert_money(-0.0, "$0.00");
    assert_money(NAN, "-");
}


/* The largest and smallest costs a run can print come out whole: every digit and the exponent,
 * in a buffer of 24 bytes, at most 18 characters (the issue: a table cut $1.18e32 to
 * "$120,000,000,000,000,000,000,000,000,0", which reads as $1.2e28). */
static void money_is_never_cut_whatever_its_size(void **state)
{
    (void)state;
    assert_money(999999999999.4, "$999,999,999,999"); /* the last grouped amount */
    assert_money(1e12, "$1.000e+12");                 /* scientific from $1e12 up */
    assert_money(1.18e32, "$1.180e+32");
    assert_money(-1.7976931348623157e308, "-$1.798e+308");
    assert_money(4.9e-324, "$4.94e-324");
    for (double x = 1e-300; x < 1e300; x *= 7.3) {
        for (int sign = -1; sign <= 1; sign += 2) {
            char buf[24];
            tco_numfmt_money(buf, sizeof buf, sign * x);
            assert_true(strlen(buf) <= 18);
            assert_true(strlen(buf) < sizeof buf - 1); /* never filled up: never cut */
            /* what is printed reads back within its rounding (4 significant digits, or the
             * cent, or the dollar) */
            const char *num = buf + (sign < 0 ? 2 : 1);
            char digits[32];
            size_t o = 0;
            for (const char *c = num; *c && o + 1 < sizeof digits; c++)
                if (*c != ',')
                    digits[o++] = *c;
            digits[o] = '\0';
            const double back = strtod(digits, NULL);
            assert_true(fabs(back - x) <= fmax(5e-4 * x, 0.5) + 1e-300);
        }
    }
}


static void assert_share(double p, double se, double n, const char *want)
{
    char buf[48];
    tco_numfmt_share(buf, sizeof buf, p, se, n);
    assert_string_equal(buf, want);
}


static void shares_never_claim_certainty(void **state)
{
    (void)state;
    /* SPEC §6 and issue 14: 0 of n is "< X%", X the Wilson upper end z^2/(n+z^2) rounded up
     * to one significant digit: n = 10,000: 0.0384% -> 0.04; n = 2,000: 0.1917% -> 0.2;
     * n = 100: 3.70% -> 4; n = 10: 27.8% -> 30. n of n is "> X%" with 100 - X the same. */
    assert_share(0, 0, 10000, "< 0.04%");
    assert_share(1, 0, 10000, "> 99.96%");
    assert_share(0, 0, 2000, "< 0.2%");
    assert_share(1, 0, 2000, "> 99.8%");
    assert_share(0, 0, 100, "< 4%");
    assert_share(0, 0, 10, "< 30%");
    assert_share(1, 0, 10, "> 70%");
    /* inside: p ± se with the decimals the error needs */
    assert_share(0.5, 0.005, 10000, " 50.0% ± 0.5%");
    assert_share(0.0021, 0.0005, 10000, " 0.21% ± 0.05%");
    assert_share(0.0001, 0.0001, 10000, " 0.01% ± 0.01%");
    assert_share(0.00001, 0.00001, 100000, "0.001% ± 0.001%");
    /* an error too small to show at 3 decimals: the interval's end. 1 of 10^6: the Wilson
     * upper end is 5.6e-6, 0.00056% -> "< 0.0006%" */
    assert_share(1e-6, 1e-6, 1e6, "< 0.0006%");
    /* every trial shared half (a tie in each): no sampling error */
    assert_share(0.5, 0, 1000, " 50.0%");
    /* the class: for n from 1 to 10^9 and counts 0, 1, n - 1 and n, the text never shows an
     * error of zero, and an end it prints is on the right side of the interval */
    static const double ns[] = {1, 2, 3, 7, 10, 99, 1000, 2048, 5000, 10000, 123457, 1e6, 1e9};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        const double n = ns[i];
        const double counts[] = {0, 1, n - 1, n};
        for (size_t k = 0; k < 4; k++) {
            const double p = counts[k] / n, se = sqrt(p * (1 - p) / n);
            char buf[48];
            tco_numfmt_share(buf, sizeof buf, p, se, n);
            double lo, hi;
            tco_proportion_interval95(counts[k], n, &lo, &hi);
            const char *pm = strstr(buf, "± ");
            if (pm) {
                assert_true(strtod(pm + strlen("± "), NULL) > 0);
            } else if (buf[0] == '<') {
                assert_true(p < 1 && strtod(buf + 2, NULL) / 100 >= hi - 1e-15);
            } else if (buf[0] == '>') {
                assert_true(p > 0 && strtod(buf + 2, NULL) / 100 <= lo + 1e-15);
            } else {
                fail_msg("%g of %g: unexpected \"%s\"", counts[k], n, buf);
            }
            if (counts[k] == 0)
                assert_true(buf[0] == '<');
            if (counts[k] == n)
                assert_true(buf[0] == '>');
            assert_true(strlen(buf) <= 17); /* the table's column stays narrow */
        }
    }
}


static void amounts_should_read_as_people_write_them(void **state)
{
    (void)state;
    static const struct {
        double x;
        const char *want;
    } CASES[] = {
        {0, "0"},           {999, "999"},         {1000, "1,000"},
        {300000, "300,000"}, {12.5, "12.5"},       {1234567.25, "1,234,567.25"},
        {-1500, "-1,500"},  {1.0 / 3, "0.333333"}, {-0.0, "0"},
        {35.00000000000001, "35"},
        /* whole, never cut or rounded to nothing (issue 13): a flag of 1e300 was printed as
         * 52 digits cut mid-number, a threshold of 1e-9 as "0" */
        {-0.0000001, "-1e-07"}, {1e-9, "1e-09"}, {0.000001, "0.000001"}, {0.0000009, "9e-07"},
        {999999999999999, "999,999,999,999,999"}, {1e15, "1e+15"}, {1e300, "1e+300"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char buf[48];
        tco_numfmt_amount(buf, sizeof buf, CASES[i].x);
        assert_string_equal(buf, CASES[i].want);
    }
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grouping_is_by_threes_in_the_integer_part_only),
        cmocka_unit_test(counts_are_grouped),
        cmocka_unit_test(quantities_are_whole_and_grouped_from_100),
        cmocka_unit_test(shares_in_words_have_no_padding),
        cmocka_unit_test(money_is_cents_below_a_thousand_and_grouped_dollars_above),
        cmocka_unit_test(money_is_never_cut_whatever_its_size),
        cmocka_unit_test(shares_never_claim_certainty),
        cmocka_unit_test(amounts_should_read_as_people_write_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
