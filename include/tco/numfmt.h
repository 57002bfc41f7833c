/* SPDX-License-Identifier: MIT */
/* numfmt: numbers for people, one module for every report (the table report, the sentences of
 * `recommend` and the rules, the break-even table). Digits are grouped in threes by commas
 * ("1,234,567") by one grouper; money, counts, quantities, amounts and shares each have one
 * formatter. Pure and thread-safe: text into the caller's buffer, cut (never overrun) when the
 * buffer is too small; the sizes given below are enough for any value. (CSV and JSON cells use
 * csvwrite's shortest round-trip form instead: tco_csvw_format_number.)
 */
#ifndef TCO_NUMFMT_H
#define TCO_NUMFMT_H

#include <stddef.h>

/* The decimal `digits` ("1234567", "1234567.25"; no sign) with its integer part grouped by
 * commas: "1,234,567", "1,234,567.25". */
void tco_numfmt_grouped(char *buf, size_t size, const char *digits);

/* A count: "10,000". buf needs 32 bytes. */
void tco_numfmt_count(char *buf, size_t size, unsigned long long n);

/* Money for people: "$1,234,567" (whole dollars from $1,000 up, else cents: "$12.34"); from
 * $1e12 up "$1.180e+32", and below half a cent "$4.20e-07" (never "$0.00" for a cost that is
 * not zero, never "-$0.00"); "-" when not finite. At most 18 characters: buf of 24 bytes is
 * never cut. */
void tco_numfmt_money(char *buf, size_t size, double x);

/* A number of units: thousands separated by commas, at most six decimals, trailing zeros
 * dropped ("300,000", "12.5", "0.333333"); from 1e15 up and below 1e-6 (not 0) six significant
 * digits ("1e+300", "1e-09"), so nothing is cut or shown as 0; "NaN", "inf", "-inf". buf
 * needs 48 bytes. */
void tco_numfmt_amount(char *buf, size_t size, double x);

/* A quantity for a table: "28,571" from 100 up (whole, grouped), else three significant digits
 * ("0.35", "8.71", "17.5", "1.2e-05"); "1.23e+15" from 1e15 up; "-" when not finite. buf needs
 * 24 bytes. */
void tco_numfmt_quantity(char *buf, size_t size, double x);

/* A probability p of n trials (p n may be fractional: ties share a trial) and its standard
 * error for people, never claiming certainty (SPEC §6): "79.9% ± 0.4%" (the first figure
 * padded to a column), with two or three decimals when the error's first significant digit
 * needs them ("0.21% ± 0.05%"). Where p is 0, or that digit would not show at three decimals,
 * "< X%", X the upper end of the Wilson 95% interval rounded up to one significant digit
 * ("< 0.04%" for 0 of 10,000); where p is 1 or near it, "> X%" with the lower end rounded down
 * ("> 99.96%"). A share that is the same in every trial (a tie in each) has no sampling error:
 * " 50.0%". buf needs 32 bytes. */
void tco_numfmt_share(char *buf, size_t size, double p, double se, double n);
/* The same for a sentence: without the column's leading blanks. */
void tco_numfmt_share_words(char *buf, size_t size, double p, double se, double n);

#endif
