/* SPDX-License-Identifier: MIT */
/* numfmt: numbers for people (see tco/numfmt.h). */
#include "tco/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tco/stats.h"

void tco_numfmt_grouped(char *buf, size_t size, const char *digits)
{
    if (size == 0)
        return;
    const char *point = strchr(digits, '.');
    const size_t int_len = point ? (size_t)(point - digits) : strlen(digits);
    size_t o = 0;
    for (size_t i = 0; digits[i] && o + 2 < size; i++) {
        if (i > 0 && i < int_len && (int_len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

void tco_numfmt_count(char *buf, size_t size, unsigned long long n)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", n);
    tco_numfmt_grouped(buf, size, digits);
}

/* Money above this is written in scientific form: grouped digits would be wider than a
 * column and claim a precision that a sum of 1e15 dollars does not have. */
#define MONEY_GROUPED_MAX 1e12

void tco_numfmt_money(char *buf, size_t size, double x)
{
    if (!isfinite(x)) {
        snprintf(buf, size, "-");
        return;
    }
    const char *sign = x < 0 ? "-" : "";
    double a = fabs(x);
    /* decide on the amount as printed: 999.995 prints as 1000.00, so it is "$1,000" */
    char cents[64];
    snprintf(cents, sizeof cents, "%.2f", a);
    const double shown = strtod(cents, NULL);
    if (shown == 0 && a > 0) {
        /* below half a cent: "$0.00" would say nothing was spent */
        snprintf(buf, size, "%s$%.2e", sign, a);
        return;
    }
    if (shown < 1000) {
        snprintf(buf, size, "%s$%s", shown == 0 ? "" : sign, cents); /* never "-$0.00" */
        return;
    }
    char digits[64];
    snprintf(digits, sizeof digits, "%.0f", a);
    if (strtod(digits, NULL) >= MONEY_GROUPED_MAX) {
        snprintf(buf, size, "%s$%.3e", sign, a); /* "$1.180e+32": every digit shown is true */
        return;
    }
    char grouped[64];
    tco_numfmt_grouped(grouped, sizeof grouped, digits);
    snprintf(buf, size, "%s$%s", sign, grouped);
}

void tco_numfmt_amount(char *buf, size_t size, double x)
{
    if (!isfinite(x)) {
        snprintf(buf, size, "%s", isnan(x) ? "NaN" : x < 0 ? "-inf" : "inf");
        return;
    }
    if (x != 0 && (fabs(x) >= 1e15 || fabs(x) < 1e-6)) {
        /* beyond grouped digits (cut by the callers' buffers) or below what "%.6f" shows
         * ("0"): six significant digits, the exponent whole */
        snprintf(buf, size, "%.6g", x);
        return;
    }
    char digits[400];
    snprintf(digits, sizeof digits, "%.6f", fabs(x));
    /* drop trailing zeros of the fraction, and the point itself */
    char *point = strchr(digits, '.');
    if (point) {
        char *end = digits + strlen(digits);
        while (end > point + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == point + 1)
            *point = '\0';
    }
    /* "-0" would read oddly: a negative sign only when something non-zero is printed */
    const char *sign = x < 0 && strspn(digits, "0.") != strlen(digits) ? "-" : "";
    char grouped[520];
    tco_numfmt_grouped(grouped, sizeof grouped, digits);
    snprintf(buf, size, "%s%s", sign, grouped);
}

/* Quantities above this are written "1.23e+15": grouped digits would claim a precision
 * they do not have, and never fit a column. */
#define QTY_GROUPED_MAX 1e15

void tco_numfmt_quantity(char *buf, size_t size, double x)
{
    if (!isfinite(x)) {
        snprintf(buf, size, "-");
        return;
    }
    if (fabs(x) < 100) {
        snprintf(buf, size, "%.3g", x);
        return;
    }
    if (fabs(x) >= QTY_GROUPED_MAX) {
        snprintf(buf, size, "%.2e", x);
        return;
    }
    char digits[64], grouped[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(x));
    tco_numfmt_grouped(grouped, sizeof grouped, digits);
    snprintf(buf, size, "%s%s", x < 0 ? "-" : "", grouped);
}

/* x > 0 (in percent) rounded up to one significant digit, as text: 0.0384 -> "0.04", 1.26 -> "2",
 * 9.6 -> "10". */
static void ceil_one_digit(char *buf, size_t size, double x)
{
    const int e = (int)floor(log10(x));
    const double step = pow(10.0, e);
    snprintf(buf, size, "%.*f", e < 0 ? -e : 0, ceil(x / step) * step);
}

/* SPEC §6: "< X%" (X the 95% interval's upper end, rounded up) where p is 0 or too close to
 * 0 for its standard error to show, "> X%" (the lower end, rounded down) near 1. */
static void format_share_end(char *buf, size_t size, double p, double lo, double hi)
{
    char x[32];
    if (p <= 0.5) {
        ceil_one_digit(x, sizeof x, hi > 0 ? 100 * hi : 1e-9);
        snprintf(buf, size, "< %s%%", x);
        return;
    }
    /* 100 - X with X = 100 (1 - lo) rounded up: the lower end rounded down, same digits */
    const double gap = 100 * (1 - lo);
    ceil_one_digit(x, sizeof x, gap > 0 ? gap : 1e-9);
    const char *dot = strchr(x, '.');
    const int decimals = dot ? (int)strlen(dot + 1) : 0;
    snprintf(buf, size, "> %.*f%%", decimals, 100 - strtod(x, NULL));
}

void tco_numfmt_share(char *buf, size_t size, double p, double se, double n)
{
    double lo, hi;
    tco_proportion_interval95(p * n, n, &lo, &hi);
    if (p <= 0 || p >= 1) {
        format_share_end(buf, size, p, lo, hi);
        return;
    }
    if (se <= 0) { /* the same share in every trial (a tie in each): no sampling error */
        snprintf(buf, size, "%5.1f%%", 100 * p);
        return;
    }
    /* as many decimals (1 to 3) as the standard error's first significant digit needs, once
     * rounded (0.0099 shows as 0.01, 0.05 as 0.05) */
    int d = 1;
    while (d < 3 && 100 * se < 0.95 * pow(10.0, -d))
        d++;
    if (100 * se < 0.95 * pow(10.0, -d)) {
        format_share_end(buf, size, p, lo, hi);
        return;
    }
    snprintf(buf, size, "%5.*f%% ± %.*f%%", d, 100 * p, d, 100 * se);
}

void tco_numfmt_share_words(char *buf, size_t size, double p, double se, double n)
{
    char text[48];
    tco_numfmt_share(text, sizeof text, p, se, n);
    snprintf(buf, size, "%s", text + strspn(text, " "));
}
