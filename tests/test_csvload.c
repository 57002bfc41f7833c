/* SPDX-License-Identifier: MIT */
/* Tests of csvload: lines and columns as SPEC §2 counts them, what spreadsheets save (BOM, CRLF,
 * CR, quoted line breaks), skipped lines, every refusal with its exact message, and the real
 * vendor sheets of tests/fixtures/csv/ (run from the repository's root). */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmocka.h>

#include "tco/csvload.h"

#define FIXTURES "tests/fixtures/csv/"

typedef struct fixture {
    tco_csv_table t;
    tco_diag_list d;
} fixture;

static int setup(void **state)
{
    fixture *f = malloc(sizeof *f);
    if (!f)
        return -1;
    tco_csv_table_init(&f->t);
    tco_diag_list_init(&f->d);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tco_csv_table_fini(&f->t);
    tco_diag_list_fini(&f->d);
    free(f);
    return 0;
}

static tco_status load_n(fixture *f, const char *s, size_t n)
{
    return tco_csv_load_buffer("t.csv", s, n, &f->t, &f->d);
}

static tco_status load(fixture *f, const char *s)
{
    return load_n(f, s, strlen(s));
}

static void assert_diag(const tco_diag_list *d, size_t i, const char *want)
{
    assert_true(i < d->n);
    char *got = tco_diag_format(&d->items[i]);
    assert_string_equal(got, want);
    free(got);
}

static void assert_row(const tco_csv_table *t, size_t i, unsigned long line, size_t n, ...)
{
    assert_true(i < t->n_rows);
    assert_int_equal(t->rows[i].line, line);
    assert_int_equal(t->rows[i].n_fields, n);
    va_list ap;
    va_start(ap, n);
    for (size_t k = 0; k < n; k++)
        assert_string_equal(t->rows[i].fields[k], va_arg(ap, const char *));
    va_end(ap);
}

/* ==== what a spreadsheet saves ============================================================= */

static void plain_file_should_give_the_header_and_rows(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,months,seats\nbase,36,120\ngrowth,24,80\n"), TCO_OK);
    assert_int_equal(f->d.n, 0);
    assert_string_equal(f->t.path, "t.csv");
    assert_int_equal(f->t.header.line, 1);
    assert_int_equal(f->t.header.n_fields, 3);
    assert_string_equal(f->t.header.fields[2], "seats");
    assert_int_equal(f->t.n_rows, 2);
    assert_row(&f->t, 0, 2, 3, "base", "36", "120");
    assert_row(&f->t, 1, 3, 3, "growth", "24", "80");
}

static void last_line_without_a_line_end_should_still_be_a_row(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a,b\n1,2\n3,"), TCO_OK);
    assert_int_equal(f->t.n_rows, 2);
    assert_row(&f->t, 1, 3, 2, "3", "");
}

static void crlf_line_ends_should_count_lines_like_lf(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a,b\r\n1,2\r\n\r\n3,4\r\n"), TCO_OK);
    assert_int_equal(f->t.n_rows, 2);
    assert_row(&f->t, 0, 2, 2, "1", "2");
    assert_row(&f->t, 1, 4, 2, "3", "4");
}

static void lone_cr_line_ends_should_count_lines(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a,b\r1,2\r\r3,4"), TCO_OK);
    assert_int_equal(f->t.n_rows, 2);
    assert_row(&f->t, 0, 2, 2, "1", "2");
    assert_row(&f->t, 1, 4, 2, "3", "4");
}

static void utf8_bom_and_crlf_as_excel_saves_should_be_read(void **state)
{
    fixture *f = *state;
    const char csv[] = "\xEF\xBB\xBF"
                       "scenario,months\r\n"
                       "base,12\r\n";
    assert_int_equal(load(f, csv), TCO_OK);
    assert_int_equal(f->t.header.n_fields, 2);
    assert_string_equal(f->t.header.fields[0], "scenario");
    assert_int_equal(tco_csv_column(&f->t, "scenario"), 0);
    assert_row(&f->t, 0, 2, 2, "base", "12");
}

static void spaces_around_unquoted_fields_should_be_trimmed_and_quoted_kept(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, " a , b ,c\n  1 ,\t2\t, \" 3 \" \n"), TCO_OK);
    assert_string_equal(f->t.header.fields[0], "a");
    assert_string_equal(f->t.header.fields[1], "b");
    assert_row(&f->t, 0, 2, 3, "1", "2", " 3 ");
}

static void quoted_fields_should_keep_commas_and_doubled_quotes(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "name,price\n\"Virgin Islands, British\",\"uniform(15,40)\"\n"
                             "\"say \"\"hi\"\"\",\"\"\n"),
                     TCO_OK);
    assert_row(&f->t, 0, 2, 2, "Virgin Islands, British", "uniform(15,40)");
    assert_row(&f->t, 1, 3, 2, "say \"hi\"", "");
}

static void multiline_field_should_keep_its_start_line_and_count_the_next(void **state)
{
    fixture *f = *state;
    const char csv[] = "a,b\n"                /* 1 */
                       "1,\"x\n"              /* 2: the record starts */
                       "# not a comment\n"    /* 3: inside quotes, data */
                       "\n"                   /* 4: inside quotes, data */
                       "y, z\"\n"             /* 5 */
                       "2,\"p\r\nq\"\r\n"     /* 6-7: CRLF inside quotes stays */
                       "3,w\n";               /* 8 */
    assert_int_equal(load(f, csv), TCO_OK);
    assert_int_equal(f->t.n_rows, 3);
    assert_row(&f->t, 0, 2, 2, "1", "x\n# not a comment\n\ny, z");
    assert_row(&f->t, 1, 6, 2, "2", "p\r\nq");
    assert_row(&f->t, 2, 8, 2, "3", "w");
}

/* ==== skipped lines ======================================================================== */

static void blank_whitespace_and_comment_lines_should_be_skipped_but_counted(void **state)
{
    fixture *f = *state;
    const char csv[] = "# prices of 2026\n"   /* 1 */
                       "\n"                   /* 2 */
                       "a,b\n"                /* 3 */
                       "   \t \n"             /* 4 */
                       "# say \"hi\n"         /* 5: a stray quote would be a strict error */
                       "1,2\n"                /* 6 */
                       "#\n"                  /* 7 */
                       "3,4\n";               /* 8 */
    assert_int_equal(load(f, csv), TCO_OK);
    assert_int_equal(f->d.n, 0);
    assert_int_equal(f->t.header.line, 3);
    assert_int_equal(f->t.n_rows, 2);
    assert_row(&f->t, 0, 6, 2, "1", "2");
    assert_row(&f->t, 1, 8, 2, "3", "4");
}

static void rows_of_only_commas_should_be_skipped_but_counted(void **state)
{
    fixture *f = *state;
    const char csv[] = ",,,,\n"               /* 1: before the header too */
                       "a,b\n"                /* 2 */
                       ",,,,\n"               /* 3: more commas than the header, still empty */
                       ",\n"                  /* 4 */
                       " , \"\" \n"           /* 5 */
                       "1,2\n";               /* 6 */
    assert_int_equal(load(f, csv), TCO_OK);
    assert_int_equal(f->d.n, 0);
    assert_int_equal(f->t.header.line, 2);
    assert_int_equal(f->t.n_rows, 1);
    assert_row(&f->t, 0, 6, 2, "1", "2");
}

/* ==== field counts ========================================================================= */

static void too_many_fields_should_be_reported_and_the_row_skipped(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a,b\n1,2,3\n4,5\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_int_equal(f->d.worst, TCO_EDATA);
    assert_diag(&f->d, 0, "t.csv:2:3: expected 2 fields as in the header, got 3");
    assert_int_equal(f->t.n_rows, 1);
    assert_row(&f->t, 0, 3, 2, "4", "5");
}

static void unquoted_distribution_should_give_the_quoting_hint(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "scenario,seats\nbase,uniform(15,40)\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0,
                "t.csv:2:3: expected 2 fields as in the header, got 3; a distribution with "
                "commas must be quoted, e.g. \"uniform(15,40)\"");
    assert_int_equal(f->t.n_rows, 0);
}

static void too_few_fields_should_point_at_the_first_missing_column(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a,b,c\n1\n1,2,3\nx(,y\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 2);
    assert_diag(&f->d, 0, "t.csv:2:2: expected 3 fields as in the header, got 1");
    /* fewer fields: no quoting hint even with an open parenthesis */
    assert_diag(&f->d, 1, "t.csv:4:3: expected 3 fields as in the header, got 2");
    assert_int_equal(f->t.n_rows, 1);
    assert_row(&f->t, 0, 3, 3, "1", "2", "3");
}

static void one_column_header_should_say_field_in_the_singular(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a\n1,2\n"), TCO_EDATA);
    assert_diag(&f->d, 0, "t.csv:2:2: expected 1 field as in the header, got 2");
}

/* ==== syntax errors ======================================================================== */

static void quote_inside_an_unquoted_field_should_be_located(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a,b\n1,2\nx,a\"b\n3,4\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0,
                "t.csv:3:2: malformed quoting: expected a quote only around a whole cell (quote "
                "the cell and double the quote inside: \"a\"\"b\"), got \"a\"b\"");
    /* a syntax error ends the file; the rows before it are kept */
    assert_int_equal(f->t.n_rows, 1);
    assert_row(&f->t, 0, 2, 2, "1", "2");
}

static void text_after_a_closing_quote_should_be_located(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a,b\n\"a\"b,c\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0,
                "t.csv:2:1: malformed quoting: expected a comma or the end of the line after "
                "the closing quote (write \"\" for a quote inside a quoted cell), got \"\"a\"b\"");
}

static void quote_error_on_a_continuation_line_should_give_that_line(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a,b\n1,\"x\ny\"z\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0,
                "t.csv:3:2: malformed quoting: expected a comma or the end of the line after "
                "the closing quote (write \"\" for a quote inside a quoted cell), got \"y\"z\"");
}

static void unclosed_quote_should_point_at_the_record_start(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a,b\n1,\"abc\nmore\n\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0,
                "t.csv:2:2: malformed quoting: expected a closing quote (the quoted field "
                "opened here runs to the end of the file)");
    assert_int_equal(f->t.n_rows, 0);
}

static void unclosed_quote_after_a_multiline_field_should_name_its_line(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a,b\n\"x\ny\",\"open\n"), TCO_EDATA);
    assert_diag(&f->d, 0,
                "t.csv:2:2: malformed quoting: expected a closing quote (the quoted field "
                "opened on line 3 runs to the end of the file)");
}

static void errors_should_come_in_line_order_with_earlier_rows_kept(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a,b\n1,2,3\n4,5\nx\"y,1\n6,7\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 2);
    assert_diag(&f->d, 0, "t.csv:2:3: expected 2 fields as in the header, got 3");
    assert_diag(&f->d, 1,
                "t.csv:4:1: malformed quoting: expected a quote only around a whole cell (quote "
                "the cell and double the quote inside: \"a\"\"b\"), got \"x\"y\"");
    assert_int_equal(f->t.n_rows, 1);
    assert_row(&f->t, 0, 3, 2, "4", "5");
}

static void nul_byte_should_be_refused(void **state)
{
    fixture *f = *state;
    const char csv[] = "a,b\n1,x\0y\n";
    assert_int_equal(load_n(f, csv, sizeof csv - 1), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0, "t.csv:2:2: expected text, got a NUL byte at byte 2 of the cell");
}

static void text_that_is_not_utf8_should_be_refused(void **state)
{
    static const struct {
        const char *cell;
        const char *byte_and_place;
    } bad[] = {
        {"caf\xE9", "0xE9 at byte 4"},            /* Latin-1 */
        {"\xC0\x80", "0xC0 at byte 1"},           /* overlong NUL */
        {"a\xE0\x80\xAF", "0xE0 at byte 2"},      /* overlong '/' in three bytes */
        {"\xF0\x82\x82\xAC", "0xF0 at byte 1"},   /* overlong euro sign in four bytes */
        {"\xED\xA0\x80", "0xED at byte 1"},       /* UTF-16 surrogate D800 */
        {"\xF4\x90\x80\x80", "0xF4 at byte 1"},   /* U+110000 */
        {"\xF5\x80\x80\x80", "0xF5 at byte 1"},
        {"ab\x80", "0x80 at byte 3"},             /* lone continuation byte */
        {"\xE2\x82", "0xE2 at byte 1"},           /* cut short */
        {"\xC3(", "0xC3 at byte 1"},              /* bad continuation */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fixture *f = NULL;
        assert_int_equal(setup((void **)&f), 0);
        char csv[64];
        snprintf(csv, sizeof csv, "a,b\n1,\"%s\"\n", bad[i].cell);
        assert_int_equal(load(f, csv), TCO_EDATA);
        assert_int_equal(f->d.n, 1);
        char want[200];
        snprintf(want, sizeof want,
                 "t.csv:2:2: expected UTF-8 text, got the byte %s of the cell (save the file as "
                 "CSV UTF-8)",
                 bad[i].byte_and_place);
        assert_diag(&f->d, 0, want);
        assert_int_equal(f->t.n_rows, 0);
        teardown((void **)&f);
    }
    (void)state;
}

static void valid_utf8_should_be_kept_intact(void **state)
{
    fixture *f = *state;
    const char csv[] = "carrier,note\n"
                       "T\xC3\xBCrk Telekom,\xE2\x82\xAC \xF0\x9F\x93\xB1 \xEF\xBF\xBD \xF4\x8F\xBF\xBF\n";
    assert_int_equal(load(f, csv), TCO_OK);
    assert_row(&f->t, 0, 2, 2, "T\xC3\xBCrk Telekom",
               "\xE2\x82\xAC \xF0\x9F\x93\xB1 \xEF\xBF\xBD \xF4\x8F\xBF\xBF");
}

static void utf16_byte_order_mark_should_give_one_error(void **state)
{
    fixture *f = *state;
    const char le[] = "\xFF\xFE" "a\0,\0b\0\n\0";
    assert_int_equal(load_n(f, le, sizeof le - 1), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0,
                "t.csv:1:1: expected UTF-8 text, got a UTF-16 byte-order mark (save the file as "
                "CSV UTF-8)");
    assert_int_equal(f->t.header.n_fields, 0);

    const char be[] = "\xFE\xFF\0a\0,\0b";
    assert_int_equal(load_n(f, be, sizeof be - 1), TCO_EDATA);
    assert_int_equal(f->d.n, 2);
    assert_diag(&f->d, 1,
                "t.csv:1:1: expected UTF-8 text, got a UTF-16 byte-order mark (save the file as "
                "CSV UTF-8)");
}

/* ==== no header ============================================================================ */

static void empty_file_should_ask_for_a_header(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, ""), TCO_EDATA);
    assert_diag(&f->d, 0, "t.csv: expected a header row, got an empty file");
    assert_int_equal(load(f, "\xEF\xBB\xBF"), TCO_EDATA);
    assert_diag(&f->d, 1, "t.csv: expected a header row, got an empty file");
    assert_int_equal(tco_csv_load_buffer("t.csv", NULL, 0, &f->t, &f->d), TCO_EDATA);
    assert_int_equal(f->d.n, 3);
    assert_int_equal(f->t.header.n_fields, 0);
    assert_int_equal(f->t.n_rows, 0);
}

static void file_of_only_comments_should_ask_for_a_header(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "# nothing yet\n\n  \n,,,\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0,
                "t.csv: expected a header row, got only blank lines, comments and empty rows");
}

/* ==== files ================================================================================ */

static void missing_file_should_be_enoinput(void **state)
{
    fixture *f = *state;
    assert_int_equal(tco_csv_load(FIXTURES "no-such-file.csv", &f->t, &f->d), TCO_ENOINPUT);
    assert_int_equal(f->d.n, 1);
    assert_int_equal(f->d.worst, TCO_ENOINPUT);
    assert_diag(&f->d, 0, FIXTURES "no-such-file.csv: cannot open: No such file or directory");
    assert_int_equal(f->t.n_rows, 0);
}

static void directory_should_be_enoinput_not_a_crash(void **state)
{
    fixture *f = *state;
    assert_int_equal(tco_csv_load("tests/fixtures/csv", &f->t, &f->d), TCO_ENOINPUT);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0, "tests/fixtures/csv: cannot read: Is a directory");
}

static void column_lookup_should_match_whole_names_exactly(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "vendor,plan,price\nx,y,1\n"), TCO_OK);
    assert_int_equal(tco_csv_column(&f->t, "vendor"), 0);
    assert_int_equal(tco_csv_column(&f->t, "price"), 2);
    assert_int_equal(tco_csv_column(&f->t, "Price"), -1);
    assert_int_equal(tco_csv_column(&f->t, "pri"), -1);
    assert_int_equal(tco_csv_column(&f->t, ""), -1);
    assert_int_equal(tco_csv_column(NULL, "price"), -1);
}

static void reloading_a_used_table_should_replace_its_contents(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "a,b\n1,2\n3,4\n"), TCO_OK);
    assert_int_equal(tco_csv_load_buffer("u.csv", "c\n5\n", 4, &f->t, &f->d), TCO_OK);
    assert_string_equal(f->t.path, "u.csv");
    assert_int_equal(f->t.header.n_fields, 1);
    assert_int_equal(f->t.n_rows, 1);
    assert_row(&f->t, 0, 2, 1, "5");
}

/* ==== real vendor sheets (tests/fixtures/csv/README: verbatim copies) ====================== */

static void twilio_selected_rows_should_keep_quoted_commas_and_mojibake(void **state)
{
    fixture *f = *state;
    const char *path = FIXTURES "twilio-messaging-prices-2023-09-selected-rows.csv";
    assert_int_equal(tco_csv_load(path, &f->t, &f->d), TCO_OK);
    assert_string_equal(f->t.path, path);
    assert_int_equal(f->t.header.n_fields, 4);
    assert_int_equal(tco_csv_column(&f->t, "Price / msg"), 3);
    assert_int_equal(f->t.n_rows, 10);
    /* trailing space trimmed (unquoted), the double space inside kept */
    assert_row(&f->t, 0, 2, 4, "CA", "Canada", "CANADA Local Outbound SMS -  Telus", "0.00790");
    assert_row(&f->t, 4, 6, 4, "CD", "DR Congo",
               "CONGO, DEMOCRATIC REPUBLIC OF THE Outbound SMS - Airtel", "0.16800");
    /* double-encoded upstream, but valid UTF-8: kept byte for byte */
    assert_string_equal(f->t.rows[5].fields[2],
                        "CHILE Outbound SMS - WILL Telefon\xC3\x83\xC2\xAD" "a");
    assert_row(&f->t, 9, 11, 4, "US", "United States", "UNITED STATES Outbound SMS - T-Mobile",
               "0.00790");
}

static void twilio_head_should_give_49_rows_with_empty_iso_cells(void **state)
{
    fixture *f = *state;
    assert_int_equal(
        tco_csv_load(FIXTURES "twilio-messaging-prices-2023-09-head50.csv", &f->t, &f->d),
        TCO_OK);
    assert_int_equal(f->t.n_rows, 49);
    assert_row(&f->t, 0, 2, 4, "", "Unknown", "SATELLITE Outbound SMS - Com4 Sweden", "0.10000");
    assert_row(&f->t, 48, 50, 4, "AT", "Austria", "AUSTRIA Outbound SMS - Smartspace", "0.09790");
}

static void smsroute_crlf_sheet_should_give_40_rows_with_utf8_intact(void **state)
{
    fixture *f = *state;
    assert_int_equal(tco_csv_load(FIXTURES "smsroute-sms-pricing-2026-07.csv", &f->t, &f->d),
                     TCO_OK);
    assert_int_equal(f->t.header.n_fields, 7);
    assert_int_equal(tco_csv_column(&f->t, "indicative_success_rate_pct"), 6); /* no "\r" */
    assert_int_equal(f->t.n_rows, 40);
    assert_row(&f->t, 1, 3, 7, "United States", "US", "0.008", "premium",
               "AT&T; Verizon; T-Mobile", "87", "99.1");
    assert_row(&f->t, 13, 15, 7, "Turkey", "TR", "0.02", "direct",
               "Turkcell; Vodafone; T\xC3\xBCrk Telekom", "105", "97.5");
    assert_row(&f->t, 39, 41, 7, "Israel", "IL", "0.035", "direct", "Cellcom; Partner; Pelephone",
               "92", "98.5");
}

/* ==== bytes that are text but not what the user meant: each names its likely cause ======== */

static void doubled_byte_order_mark_should_say_the_file_was_converted_twice(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "\xEF\xBB\xBF\xEF\xBB\xBF" "a,b\n1,2\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0,
                "t.csv:1:1: expected one byte-order mark at most, got a second one (U+FEFF) "
                "after the first (the file was converted to UTF-8 twice: save it again as CSV "
                "UTF-8, or delete the mark)");
    /* without the first one, a mark after comment lines is the joined-files case */
}

static void byte_order_mark_starting_a_later_line_should_say_files_were_joined(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "\xEF\xBB\xBF" "a,b\n1,2\n\xEF\xBB\xBF" "a,b\n3,4\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0,
                "t.csv:3:1: expected text, got a byte-order mark (U+FEFF) at the start of the "
                "cell (two files joined, each with its own mark? delete it)");
    assert_int_equal(f->t.n_rows, 1); /* the row before it is kept and checked */
    /* inside a word U+FEFF is a zero-width no-break space: kept */
    assert_int_equal(load(f, "a,b\nx\xEF\xBB\xBFy,2\n"), TCO_OK);
    assert_string_equal(f->t.rows[0].fields[0], "x\xEF\xBB\xBFy");
}

static void ctrl_z_byte_should_be_named_as_a_dos_end_of_file_marker(void **state)
{
    fixture *f = *state;
    /* the usual case: alone on the last line, after the last line end */
    assert_int_equal(load(f, "a,b\r\n1,2\r\n\x1A"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0,
                "t.csv:3:1: expected text, got a Ctrl-Z byte (0x1A) at byte 1 of the cell (a "
                "DOS end-of-file marker: delete it)");
    assert_int_equal(f->t.n_rows, 1);
    /* right after the last cell, with no line end */
    assert_int_equal(load(f, "a,b\n1,2\x1A"), TCO_EDATA);
    assert_diag(&f->d, 1,
                "t.csv:2:2: expected text, got a Ctrl-Z byte (0x1A) at byte 2 of the cell (a "
                "DOS end-of-file marker: delete it)");
}

static void empty_file_name_should_say_so(void **state)
{
    fixture *f = *state;
    assert_int_equal(tco_csv_load("", &f->t, &f->d), TCO_ENOINPUT);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0, "tcosim: expected a file name, got an empty one (an unset shell "
                          "variable?)");
}

static void on_alarm(int sig)
{
    (void)sig;
}

static void open_interrupted_by_a_signal_should_be_interrupted_without_a_message(void **state)
{
    /* a FIFO nobody writes: open() waits until a signal whose handler runs (no SA_RESTART,
     * as tcosim's SIGINT handler) interrupts it; then only the caller's interrupt line may
     * be printed, never "cannot open: Interrupted system call" */
    fixture *f = *state;
    char dir[] = "/tmp/tco-fifo-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/fifo.csv", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, &old);
    struct itimerval it = {{0, 0}, {0, 50000}}; /* 50 ms */
    setitimer(ITIMER_REAL, &it, NULL);
    assert_int_equal(tco_csv_load(path, &f->t, &f->d), TCO_EINTERRUPTED);
    sigaction(SIGALRM, &old, NULL);
    assert_int_equal(f->d.n, 0);
    assert_int_equal(f->d.n_added, 0);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(plain_file_should_give_the_header_and_rows),
        T(last_line_without_a_line_end_should_still_be_a_row),
        T(crlf_line_ends_should_count_lines_like_lf),
        T(lone_cr_line_ends_should_count_lines),
        T(utf8_bom_and_crlf_as_excel_saves_should_be_read),
        T(spaces_around_unquoted_fields_should_be_trimmed_and_quoted_kept),
        T(quoted_fields_should_keep_commas_and_doubled_quotes),
        T(multiline_field_should_keep_its_start_line_and_count_the_next),
        T(blank_whitespace_and_comment_lines_should_be_skipped_but_counted),
        T(rows_of_only_commas_should_be_skipped_but_counted),
        T(too_many_fields_should_be_reported_and_the_row_skipped),
        T(unquoted_distribution_should_give_the_quoting_hint),
        T(too_few_fields_should_point_at_the_first_missing_column),
        T(one_column_header_should_say_field_in_the_singular),
        T(quote_inside_an_unquoted_field_should_be_located),
        T(text_after_a_closing_quote_should_be_located),
        T(quote_error_on_a_continuation_line_should_give_that_line),
        T(unclosed_quote_should_point_at_the_record_start),
        T(unclosed_quote_after_a_multiline_field_should_name_its_line),
        T(errors_should_come_in_line_order_with_earlier_rows_kept),
        T(nul_byte_should_be_refused),
        T(text_that_is_not_utf8_should_be_refused),
        T(valid_utf8_should_be_kept_intact),
        T(utf16_byte_order_mark_should_give_one_error),
        T(empty_file_should_ask_for_a_header),
        T(file_of_only_comments_should_ask_for_a_header),
        T(missing_file_should_be_enoinput),
        T(directory_should_be_enoinput_not_a_crash),
        T(column_lookup_should_match_whole_names_exactly),
        T(reloading_a_used_table_should_replace_its_contents),
        T(twilio_selected_rows_should_keep_quoted_commas_and_mojibake),
        T(twilio_head_should_give_49_rows_with_empty_iso_cells),
        T(smsroute_crlf_sheet_should_give_40_rows_with_utf8_intact),
        T(doubled_byte_order_mark_should_say_the_file_was_converted_twice),
        T(byte_order_mark_starting_a_later_line_should_say_files_were_joined),
        T(ctrl_z_byte_should_be_named_as_a_dos_end_of_file_marker),
        T(empty_file_name_should_say_so),
        T(open_interrupted_by_a_signal_should_be_interrupted_without_a_message),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
