/* SPDX-License-Identifier: MIT */
/* Tests of diag: the one-line format of SPEC §2 with and without a place, the quoting of a cell
 * into a message (escapes, cuts that never split a UTF-8 sequence), and the worst status. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tco/defaults.h"
#include "tco/diag.h"

static void format_should_give_file_line_column_and_message(void **state)
{
    (void)state;
    tco_diag d = {"scenarios/growth.csv", 4, 7, TCO_EDATA,
                  "seat_growth: expected a number or a distribution, got \"2..%\"", false};
    char *s = tco_diag_format(&d);
    assert_string_equal(s, "scenarios/growth.csv:4:7: seat_growth: expected a number or a "
                           "distribution, got \"2..%\"");
    free(s);
}

static void format_should_leave_out_the_column_when_it_is_zero(void **state)
{
    (void)state;
    tco_diag d = {"s.csv", 1, 0, TCO_EDATA, "seats: expected a required column", false};
    char *s = tco_diag_format(&d);
    assert_string_equal(s, "s.csv:1: seats: expected a required column");
    free(s);
}

static void format_should_leave_out_line_and_column_for_the_whole_file(void **state)
{
    (void)state;
    tco_diag d = {"s.csv", 0, 0, TCO_ENOINPUT, "cannot open: No such file or directory", false};
    char *s = tco_diag_format(&d);
    assert_string_equal(s, "s.csv: cannot open: No such file or directory");
    free(s);
}

static void format_should_name_the_program_when_there_is_no_file(void **state)
{
    (void)state;
    tco_diag d = {NULL, 0, 0, TCO_EUSAGE, "bad", false};
    char *s = tco_diag_format(&d);
    assert_string_equal(s, "tcosim: bad");
    free(s);
}

static void add_cell_should_quote_the_cell_after_what_was_expected(void **state)
{
    (void)state;
    tco_diag_list l;
    tco_diag_list_init(&l);
    tco_diag_add_cell(&l, "p.csv", 3, 5, "price", "a price from 0", "-2\n");
    assert_int_equal(l.n, 1);
    assert_int_equal(l.items[0].status, TCO_EDATA);
    char *s = tco_diag_format(&l.items[0]);
    assert_string_equal(s, "p.csv:3:5: price: expected a price from 0, got \"-2\\n\"");
    free(s);
    tco_diag_list_fini(&l);
}

static void quote_should_escape_line_breaks_tabs_and_control_bytes(void **state)
{
    (void)state;
    char buf[64];
    tco_diag_quote_cell(buf, sizeof buf, "a\nb\rc\td\x01" "e\x7f" "f");
    assert_string_equal(buf, "a\\nb\\rc\\td\\x01e\\x7Ff");
    tco_diag_quote_cell(buf, sizeof buf, "");
    assert_string_equal(buf, "");
    /* UTF-8 text passes as it is */
    tco_diag_quote_cell(buf, sizeof buf, "caf\xc3\xa9 \xe2\x82\xac" "5");
    assert_string_equal(buf, "caf\xc3\xa9 \xe2\x82\xac" "5");
}

static void quote_should_keep_a_cell_that_just_fits(void **state)
{
    (void)state;
    char buf[11]; /* room for 10 bytes */
    tco_diag_quote_cell(buf, sizeof buf, "0123456789");
    assert_string_equal(buf, "0123456789");
}

static void quote_should_cut_a_long_cell_with_dots(void **state)
{
    (void)state;
    char buf[11];
    tco_diag_quote_cell(buf, sizeof buf, "0123456789A");
    assert_string_equal(buf, "0123456...");
    assert_int_equal(strlen(buf), 10);
}

static void quote_should_never_split_a_utf8_sequence(void **state)
{
    (void)state;
    char buf[11];
    /* "012345" then a euro sign (3 bytes) at bytes 6..8: a cut at 7 would split it */
    tco_diag_quote_cell(buf, sizeof buf, "012345\xe2\x82\xac" "6789");
    assert_string_equal(buf, "012345...");
    /* the cut lands in the middle of a two-byte sequence at bytes 6..7 */
    tco_diag_quote_cell(buf, sizeof buf, "0123456\xc3\xa9xyz");
    assert_string_equal(buf, "0123456...");
    tco_diag_quote_cell(buf, sizeof buf, "012345\xc3\xa9xyz");
    assert_string_equal(buf, "012345...");
    /* a four-byte sequence */
    tco_diag_quote_cell(buf, sizeof buf, "01234\xf0\x9f\x93\x9e" "abcdef");
    assert_string_equal(buf, "01234...");
}

static void quote_should_not_cut_an_escape_in_half(void **state)
{
    (void)state;
    char buf[11];
    /* "0123456" then \x01 needs 4 bytes: 7 + 4 > 10, so the cut comes before it */
    tco_diag_quote_cell(buf, sizeof buf, "0123456\x01xyz");
    assert_string_equal(buf, "0123456...");
    tco_diag_quote_cell(buf, sizeof buf, "012345678\n");
    assert_string_equal(buf, "0123456...");
}

static void quote_should_fit_tiny_buffers(void **state)
{
    (void)state;
    char buf[3];
    tco_diag_quote_cell(buf, sizeof buf, "abcdef");
    assert_true(strlen(buf) <= 2);
    char one[2];
    tco_diag_quote_cell(one, sizeof one, "abc");
    assert_true(strlen(one) <= 1);
}

static void add_cell_should_keep_the_message_one_line_for_a_huge_cell(void **state)
{
    (void)state;
    char cell[1000];
    memset(cell, 'x', sizeof cell - 1);
    cell[sizeof cell - 1] = '\0';
    cell[500] = '\n';
    tco_diag_list l;
    tco_diag_list_init(&l);
    tco_diag_add_cell(&l, "f.csv", 2, 1, "scenario", "a name", cell);
    assert_null(strchr(l.items[0].msg, '\n'));
    assert_true(strlen(l.items[0].msg) < 200);
    assert_non_null(strstr(l.items[0].msg, "...\""));
    tco_diag_list_fini(&l);
}

static void worst_should_be_the_highest_status_added(void **state)
{
    (void)state;
    tco_diag_list l;
    tco_diag_list_init(&l);
    assert_int_equal(l.worst, TCO_OK);
    tco_diag_add(&l, TCO_EDATA, "a", 1, 1, "x");
    assert_int_equal(l.worst, TCO_EDATA);
    tco_diag_add(&l, TCO_ENOINPUT, "b", 0, 0, "y %d", 2);
    assert_int_equal(l.worst, TCO_ENOINPUT);
    tco_diag_add(&l, TCO_EDATA, "c", 1, 1, "z");
    assert_int_equal(l.worst, TCO_ENOINPUT);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.items[1].msg, "y 2");

    tco_diag_list other;
    tco_diag_list_init(&other);
    tco_diag_add(&other, TCO_ECANTCREAT, "d", 0, 0, "w");
    tco_diag_list_take(&l, &other);
    assert_int_equal(l.n, 4);
    assert_int_equal(l.worst, TCO_ECANTCREAT);
    assert_string_equal(l.items[3].file, "d");
    assert_int_equal(other.n, 0);
    assert_int_equal(other.worst, TCO_OK);
    tco_diag_list_fini(&other);
    tco_diag_list_fini(&l);
    assert_int_equal(l.n, 0);
    assert_int_equal(l.worst, TCO_OK);
    tco_diag_list_fini(NULL);
}

/* A hostile file with a problem in every cell: the list stops at TCO_MAX_DIAGS_PER_FILE of
 * one file plus one note, sorted after every line; other files keep their own room; n_added
 * and worst count every problem. */
static void a_file_should_list_at_most_the_limit_then_say_so(void **state)
{
    (void)state;
    tco_diag_list l;
    tco_diag_list_init(&l);
    for (unsigned long i = 1; i <= 3 * TCO_MAX_DIAGS_PER_FILE; i++)
        tco_diag_add(&l, TCO_EDATA, "bad.csv", i, 2, "problem %lu", i);
    tco_diag_add(&l, TCO_ENOINPUT, "bad.csv", 1, 1, "unlisted, still counted");
    tco_diag_add(&l, TCO_EDATA, "other.csv", 7, 1, "its own room");
    assert_int_equal(l.n, TCO_MAX_DIAGS_PER_FILE + 2);
    assert_int_equal(l.n_added, 3 * TCO_MAX_DIAGS_PER_FILE + 2);
    assert_int_equal(l.worst, TCO_ENOINPUT);
    tco_diag_list_sort(&l);
    char *last = tco_diag_format(&l.items[TCO_MAX_DIAGS_PER_FILE]);
    assert_string_equal(last,
                        "bad.csv: more problems than the 100 listed; fix these and check again");
    free(last);
    char *first = tco_diag_format(&l.items[0]);
    assert_string_equal(first, "bad.csv:1:2: problem 1");
    free(first);
    assert_string_equal(l.items[TCO_MAX_DIAGS_PER_FILE + 1].file, "other.csv");
    tco_diag_list_fini(&l);
}

/* ---- the one escaping of text for people, and UTF-8 for CSV and JSON ------------------ */

/* No byte of s is a C0 control, DEL, or outside well-formed UTF-8, and no C1 control. */
static void assert_printable(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        const size_t len = tco_diag_utf8_seq(u + i, n - i);
        assert_true(len > 0);
        assert_false(u[i] < 0x20 || u[i] == 0x7f);
        assert_false(len == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0);
        i += len;
    }
}

static void utf8_seq_should_accept_rfc3629_and_nothing_else(void **state)
{
    (void)state;
    assert_int_equal(tco_diag_utf8_seq((const unsigned char *)"a", 1), 1);
    assert_int_equal(tco_diag_utf8_seq((const unsigned char *)"\xc3\xa9", 2), 2);
    assert_int_equal(tco_diag_utf8_seq((const unsigned char *)"\xe2\x82\xac", 3), 3);
    assert_int_equal(tco_diag_utf8_seq((const unsigned char *)"\xf0\x9f\x93\x9e", 4), 4);
    assert_int_equal(tco_diag_utf8_seq((const unsigned char *)"\xc3\xa9", 1), 0); /* cut */
    assert_int_equal(tco_diag_utf8_seq((const unsigned char *)"\xc0\xaf", 2), 0); /* overlong */
    assert_int_equal(tco_diag_utf8_seq((const unsigned char *)"\xe0\x80\xaf", 3), 0);
    assert_int_equal(tco_diag_utf8_seq((const unsigned char *)"\xed\xa0\x80", 3), 0); /* D800 */
    assert_int_equal(tco_diag_utf8_seq((const unsigned char *)"\xf4\x90\x80\x80", 4), 0);
    assert_int_equal(tco_diag_utf8_seq((const unsigned char *)"\x80", 1), 0);
    assert_int_equal(tco_diag_utf8_seq((const unsigned char *)"\xff", 1), 0);
    assert_int_equal(tco_diag_utf8_seq((const unsigned char *)"", 0), 0);
}

static void printable_should_escape_terminal_sequences_and_bad_bytes_without_a_cut(void **state)
{
    (void)state;
    /* ESC [ 2 J clears a screen; 0xC2 0x9B is CSI as a C1 control; 0xFF is no UTF-8 */
    char *s = tco_diag_printable("a\x1b[2Jb\xc2\x9b" "1mc\xff" "d\ne caf\xc3\xa9");
    assert_string_equal(s, "a\\x1B[2Jb\\u009B1mc\\xFFd\\ne caf\xc3\xa9");
    assert_printable(s);
    free(s);
    /* far longer than any message cut: nothing is lost */
    char big[2001];
    memset(big, '\x01', 2000);
    big[2000] = '\0';
    s = tco_diag_printable(big);
    assert_int_equal(strlen(s), 4 * 2000);
    assert_printable(s);
    free(s);
}

static void printable_should_be_printable_for_every_byte(void **state)
{
    (void)state;
    /* every byte value, alone and after each lead byte: the output is always clean */
    for (int lead = 0; lead < 256; lead++)
        for (int b = 1; b < 256; b++) {
            char in[4] = {(char)(lead ? lead : 'x'), (char)b, 'z', '\0'};
            char *s = tco_diag_printable(in);
            assert_printable(s);
            free(s);
            char *j = tco_diag_utf8(in);
            for (size_t i = 0, n = strlen(j); i < n;) {
                size_t len = tco_diag_utf8_seq((const unsigned char *)j + i, n - i);
                assert_true(len > 0);
                i += len;
            }
            free(j);
        }
}

static void utf8_should_replace_bad_bytes_and_keep_the_rest(void **state)
{
    (void)state;
    char *s = tco_diag_utf8("p\xff" "q\x1b\xc3\xa9\xc3");
    assert_string_equal(s, "p\xef\xbf\xbdq\x1b\xc3\xa9\xef\xbf\xbd"); /* ESC kept: JSON quotes it */
    free(s);
    s = tco_diag_cell_text("a\x1b[31m\tb\r\nc\xff\xc2\x85");
    assert_string_equal(s, "a\\x1B[31m\tb\r\nc\xef\xbf\xbd\\u0085"); /* breaks are cell data */
    free(s);
}

static void format_should_make_file_name_and_message_one_printable_line(void **state)
{
    (void)state;
    tco_diag d = {"a\nb\xff.csv", 2, 1, TCO_EDATA, "scenario: got \"x\x1b[2J\"\r", false};
    char *s = tco_diag_format(&d);
    assert_string_equal(s, "a\\nb\\xFF.csv:2:1: scenario: got \"x\\x1B[2J\"\\r");
    assert_printable(s);
    free(s);
}

static void text_width_should_count_characters_not_bytes(void **state)
{
    (void)state;
    assert_int_equal(tco_diag_text_width(""), 0);
    assert_int_equal(tco_diag_text_width("abc"), 3);
    assert_int_equal(tco_diag_text_width("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x9e"), 8);
    assert_int_equal(tco_diag_text_width("\xc2\xb1"), 1); /* the "±" of the tables */
}

/* SPEC §8.4: a warning is printed "warning: ..." and is no error unless the list is strict. */
static void a_warning_should_leave_the_status_alone_unless_strict(void **state)
{
    (void)state;
    tco_diag_list l;
    tco_diag_list_init(&l);
    tco_diag_warn(&l, "s.csv", 2, 4, "seat_growth: %s", "1 is 100% a month");
    assert_int_equal(l.n, 1);
    assert_int_equal(l.n_added, 0);
    assert_int_equal(l.n_warnings, 1);
    assert_int_equal(l.worst, TCO_OK);
    char *s = tco_diag_format(&l.items[0]);
    assert_string_equal(s, "s.csv:2:4: warning: seat_growth: 1 is 100% a month");
    free(s);
    tco_diag_list_fini(&l);

    tco_diag_list_init(&l);
    l.warnings_are_errors = true;
    tco_diag_warn(&l, "s.csv", 2, 4, "seat_growth: 1 is 100%% a month");
    assert_int_equal(l.n_added, 1);
    assert_int_equal(l.n_warnings, 0);
    assert_int_equal(l.worst, TCO_EDATA);
    s = tco_diag_format(&l.items[0]);
    assert_string_equal(s, "s.csv:2:4: warning: seat_growth: 1 is 100% a month");
    free(s);
    /* taking another list's diagnostics keeps a list strict */
    tco_diag_list other;
    tco_diag_list_init(&other);
    other.warnings_are_errors = true;
    tco_diag_list_take(&l, &other);
    assert_true(other.warnings_are_errors);
    tco_diag_list_fini(&other);
    tco_diag_list_fini(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_warning_should_leave_the_status_alone_unless_strict),
        cmocka_unit_test(a_file_should_list_at_most_the_limit_then_say_so),
        cmocka_unit_test(format_should_give_file_line_column_and_message),
        cmocka_unit_test(format_should_leave_out_the_column_when_it_is_zero),
        cmocka_unit_test(format_should_leave_out_line_and_column_for_the_whole_file),
        cmocka_unit_test(format_should_name_the_program_when_there_is_no_file),
        cmocka_unit_test(add_cell_should_quote_the_cell_after_what_was_expected),
        cmocka_unit_test(quote_should_escape_line_breaks_tabs_and_control_bytes),
        cmocka_unit_test(quote_should_keep_a_cell_that_just_fits),
        cmocka_unit_test(quote_should_cut_a_long_cell_with_dots),
        cmocka_unit_test(quote_should_never_split_a_utf8_sequence),
        cmocka_unit_test(quote_should_not_cut_an_escape_in_half),
        cmocka_unit_test(quote_should_fit_tiny_buffers),
        cmocka_unit_test(add_cell_should_keep_the_message_one_line_for_a_huge_cell),
        cmocka_unit_test(worst_should_be_the_highest_status_added),
        cmocka_unit_test(utf8_seq_should_accept_rfc3629_and_nothing_else),
        cmocka_unit_test(printable_should_escape_terminal_sequences_and_bad_bytes_without_a_cut),
        cmocka_unit_test(printable_should_be_printable_for_every_byte),
        cmocka_unit_test(utf8_should_replace_bad_bytes_and_keep_the_rest),
        cmocka_unit_test(format_should_make_file_name_and_message_one_printable_line),
        cmocka_unit_test(text_width_should_count_characters_not_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
