/* SPDX-License-Identifier: MIT */
/* cellhint: likely causes of bad cells and plausibility warnings (SPEC §8.4; see cellhint.h).
 *
 * Everything here works on the cell's text, as the user typed it: a warning must know whether
 * a `%` was written, which the parsed value has forgotten, and a rewrite must keep the rest of
 * the cell as it was. Numbers are found by a small scanner that skips identifiers (so the 90
 * of `ci90(` is no number) and reads digits, one `.`, and an exponent, like the value parser.
 */
#include "tco/cellhint.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ASCII classes by hand: <ctype.h> depends on the locale. */
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_ident(char c) { return is_alpha(c) || is_digit(c) || c == '_'; }
static bool is_space(char c) { return c == ' ' || c == '\t'; }

/* A number token of the cell: [start, end), its value (unsigned; `neg` when a `-` precedes
 * it, with at most a `$` and spaces between), and whether a `%` follows it directly. */
typedef struct token {
    size_t start, end;
    double x;
    bool neg, percent;
} token;

/* The length of the number at s (digits [. digits] | . digits, then an exponent), or 0. */
static size_t number_len(const char *s)
{
    size_t i = 0, digits = 0;
    while (is_digit(s[i]))
        i++, digits++;
    if (s[i] == '.' && s[i + 1] != '.') /* "1..2" is a range */
        for (i++; is_digit(s[i]); i++)
            digits++;
    if (digits == 0)
        return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-')
            j++;
        if (is_digit(s[j])) {
            while (is_digit(s[j]))
                j++;
            i = j;
        }
    }
    return i;
}

/* The next number token at or after *pos; false at the end of the cell. */
static bool next_token(const char *cell, size_t *pos, token *t)
{
    size_t i = *pos;
    while (cell[i]) {
        if (is_alpha(cell[i]) || cell[i] == '_') {
            while (is_ident(cell[i]))
                i++;
            continue;
        }
        /* the second dot of a range "1..2" starts no number: ".2" is part of "..2" */
        size_t len = cell[i] == '.' && i > 0 && cell[i - 1] == '.' ? 0 : number_len(cell + i);
        if (len == 0) {
            i++;
            continue;
        }
        t->start = i;
        t->end = i + len;
        char buf[64];
        size_t n = len < sizeof buf ? len : sizeof buf - 1;
        memcpy(buf, cell + i, n);
        buf[n] = '\0';
        t->x = strtod(buf, NULL);
        size_t b = i;
        while (b > 0 && (is_space(cell[b - 1]) || cell[b - 1] == '$'))
            b--;
        t->neg = b > 0 && cell[b - 1] == '-';
        t->percent = cell[t->end] == '%';
        *pos = t->end;
        return true;
    }
    *pos = i;
    return false;
}

/* ============================================================================================
 * Rewrites of a bad cell
 * ========================================================================================== */

static const char CAUSE_THOUSANDS[] = "a number without thousands separators";
static const char CAUSE_DECIMAL_COMMA[] = "a decimal point, not a comma";
static const char CAUSE_EUROPEAN[] = "a decimal point, not a comma, and no thousands separators";
static const char CAUSE_SPACE_PERCENT[] = "no space before \"%\"";
static const char CAUSE_SUFFIX[] = "a number without a suffix such as k or M";

/* Appends n bytes of s to out (size); false when they do not fit. */
static bool put(char *out, size_t size, size_t *o, const char *s, size_t n)
{
    if (*o + n + 1 > size)
        return false;
    memcpy(out + *o, s, n);
    *o += n;
    out[*o] = '\0';
    return true;
}

/* Digits only, [s, s+n). */
static size_t count_digits(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && is_digit(s[k]))
        k++;
    return k;
}

/* The whole cell (spaces trimmed) as one number with commas: [sign][$][sign] body [%], body one
 * of d{1,3}(,ddd)+[.d+] (thousands, also grouped by a space, ' or _), d{1,3}(.ddd)+,d+
 * (European), d+,d+ (decimal comma). */
static const char *fix_commas(const char *cell, char *fixed, size_t size)
{
    const char *s = cell;
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        n--;
    size_t p = 0; /* the prefix: signs and $ */
    while (p < n && (s[p] == '+' || s[p] == '-' || s[p] == '$'))
        p++;
    size_t end = n;
    if (end > p && s[end - 1] == '%')
        end--;
    const char *b = s + p;
    const size_t bn = end - p;
    if (bn == 0)
        return NULL;
    /* the grouping character: the first after the leading digits (1 000, 1'000, 1_000 too) */
    const char sep = count_digits(b, bn) < bn ? b[count_digits(b, bn)] : '\0';
    if (sep != ',' && sep != ' ' && sep != '\'' && sep != '_' && sep != '.')
        return NULL;
    /* groups split at commas and dots, in order */
    size_t lead = count_digits(b, bn);
    if (lead == 0)
        return NULL;
    const char *cause = NULL;
    char body[128];
    size_t o = 0;
    body[0] = '\0';
    size_t i = lead;
    bool thousands = sep != '.' && lead <= 3 && !(lead == 1 && b[0] == '0');
    /* d{1,3}(,ddd)+[.d+] */
    if (thousands) {
        size_t j = i;
        size_t groups = 0;
        while (j < bn && b[j] == sep && count_digits(b + j + 1, bn - j - 1) == 3 &&
               (j + 4 == bn || b[j + 4] == sep || b[j + 4] == '.'))
            j += 4, groups++;
        if (groups > 0 && j < bn && b[j] == '.') {
            size_t d = count_digits(b + j + 1, bn - j - 1);
            j = d > 0 ? j + 1 + d : bn + 1; /* "1,000." is no number */
        }
        if (groups > 0 && j == bn) {
            for (size_t k = 0; k < bn; k++)
                if (b[k] != sep && !put(body, sizeof body, &o, b + k, 1))
                    return NULL;
            cause = CAUSE_THOUSANDS;
        }
    }
    /* d{1,3}(.ddd)+,d+ */
    if (!cause && sep == '.' && lead <= 3) {
        size_t j = i, groups = 0;
        while (j < bn && b[j] == '.' && count_digits(b + j + 1, bn - j - 1) == 3 &&
               (j + 4 == bn || b[j + 4] == '.' || b[j + 4] == ','))
            j += 4, groups++;
        if (groups > 0 && j < bn && b[j] == ',') {
            size_t d = count_digits(b + j + 1, bn - j - 1);
            if (d > 0 && j + 1 + d == bn) {
                for (size_t k = 0; k < bn; k++) {
                    char c = b[k] == ',' ? '.' : b[k];
                    if (b[k] != '.' && !put(body, sizeof body, &o, &c, 1))
                        return NULL;
                }
                cause = CAUSE_EUROPEAN;
            }
        }
    }
    /* d+,d+ */
    if (!cause && i < bn && b[i] == ',') {
        size_t d = count_digits(b + i + 1, bn - i - 1);
        if (d > 0 && i + 1 + d == bn) {
            for (size_t k = 0; k < bn; k++) {
                char c = b[k] == ',' ? '.' : b[k];
                if (!put(body, sizeof body, &o, &c, 1))
                    return NULL;
            }
            cause = CAUSE_DECIMAL_COMMA;
        }
    }
    if (!cause)
        return NULL;
    size_t f = 0;
    fixed[0] = '\0';
    if (!put(fixed, size, &f, s, p) || !put(fixed, size, &f, body, o) ||
        !put(fixed, size, &f, s + end, n - end))
        return NULL;
    return cause;
}

/* The multiplier of a suffix at s (k, M, bn, ...) and its length, or 0. */
static double suffix_at(const char *s, size_t *len)
{
    static const struct {
        const char *text;
        double factor;
    } SUFFIXES[] = {{"bn", 1e9}, {"mn", 1e6}, {"MM", 1e6}, {"k", 1e3}, {"K", 1e3},
                    {"m", 1e6},  {"M", 1e6},  {"b", 1e9},  {"B", 1e9}};
    for (size_t i = 0; i < sizeof SUFFIXES / sizeof SUFFIXES[0]; i++) {
        size_t n = strlen(SUFFIXES[i].text);
        if (strncmp(s, SUFFIXES[i].text, n) == 0 && !is_ident(s[n])) {
            *len = n;
            return SUFFIXES[i].factor;
        }
    }
    return 0;
}

/* Spaces between a number and its `%` removed, suffixes multiplied out, everywhere in the
 * cell; the cause of the first change. */
static const char *fix_tokens(const char *cell, char *fixed, size_t size)
{
    const char *cause = NULL;
    size_t pos = 0, copied = 0, o = 0;
    fixed[0] = '\0';
    token t;
    while (next_token(cell, &pos, &t)) {
        size_t after = t.end;
        while (is_space(cell[after]))
            after++;
        size_t len = 0;
        if (cell[after] == '%' && after > t.end) {
            if (!put(fixed, size, &o, cell + copied, t.end - copied))
                return NULL;
            copied = after; /* drop the spaces */
            pos = after;
            if (!cause)
                cause = CAUSE_SPACE_PERCENT;
            continue;
        }
        double factor = suffix_at(cell + after, &len);
        if (factor > 0) {
            char num[64];
            int w = snprintf(num, sizeof num, "%.15g", t.x * factor);
            if (w < 0 || (size_t)w >= sizeof num || !put(fixed, size, &o, cell + copied,
                                                          t.start - copied) ||
                !put(fixed, size, &o, num, (size_t)w))
                return NULL;
            copied = after + len;
            pos = copied;
            if (!cause)
                cause = CAUSE_SUFFIX;
        }
    }
    if (!cause)
        return NULL;
    return put(fixed, size, &o, cell + copied, strlen(cell + copied)) ? cause : NULL;
}

const char *tco_cellhint_fix(const char *cell, char *fixed, size_t size)
{
    if (size == 0)
        return NULL;
    const char *cause = fix_commas(cell, fixed, size);
    if (cause)
        return cause;
    return fix_tokens(cell, fixed, size);
}

/* ============================================================================================
 * Rows split by an unquoted comma inside a number
 * ========================================================================================== */

/* [sign][$] digits: the part before the comma. *digits is where the digits start. */
static bool number_head(const char *f, size_t *digits)
{
    size_t p = 0;
    while (f[p] == '+' || f[p] == '-' || f[p] == '$')
        p++;
    size_t d = count_digits(f + p, strlen(f + p));
    *digits = d;
    return d > 0 && f[p + d] == '\0';
}

/* Exactly three digits, then [.digits][%] when it may end the number. */
static bool thousands_group(const char *f, bool last)
{
    if (count_digits(f, 4) != 3)
        return false;
    const char *r = f + 3;
    if (*r == '\0')
        return true;
    if (!last)
        return false;
    if (*r == '.') {
        size_t d = count_digits(r + 1, strlen(r + 1));
        if (d == 0)
            return false;
        r += 1 + d;
    }
    return strcmp(r, "%") == 0 || *r == '\0';
}

/* digits[%]: the part after a decimal comma. */
static bool decimal_tail(const char *f)
{
    size_t d = count_digits(f, strlen(f));
    return d > 0 && (f[d] == '\0' || strcmp(f + d, "%") == 0);
}

/* The number that fields[k], fields[k+1]... would make, absorbing at most `extra` fields:
 * its joined and fixed texts and how likely it is a split number (0 not likely enough to
 * say, 2 a decimal comma with a leading zero on either side, 3 a thousands separator). */
static int split_at(char *const *fields, size_t n, size_t extra, size_t k, char *joined,
                    char *fixed, size_t size, const char **kind)
{
    size_t digits;
    if (!number_head(fields[k], &digits))
        return 0;
    /* three-digit groups, as many as the extra fields allow; the last may carry decimals */
    const char *lead = fields[k] + strlen(fields[k]) - digits;
    const bool lead_ok = digits <= 3 && lead[0] != '0';
    size_t groups = 0;
    while (lead_ok && groups < extra && k + 1 + groups < n &&
           thousands_group(fields[k + 1 + groups], false))
        groups++;
    if (lead_ok && groups < extra && k + 1 + groups < n &&
        thousands_group(fields[k + 1 + groups], true))
        groups++;
    size_t oj = 0, of = 0;
    joined[0] = fixed[0] = '\0';
    if (groups > 0) {
        *kind = "a thousands separator, whose comma";
        for (size_t g = 0; g <= groups; g++) {
            const char *f = fields[k + g];
            if ((g > 0 && !put(joined, size, &oj, ",", 1)) ||
                !put(joined, size, &oj, f, strlen(f)) || !put(fixed, size, &of, f, strlen(f)))
                return 0;
        }
        return 3;
    }
    if (!decimal_tail(fields[k + 1]))
        return 0;
    *kind = "a decimal comma, which";
    const char *a = fields[k], *b = fields[k + 1];
    if (!put(joined, size, &oj, a, strlen(a)) || !put(joined, size, &oj, ",", 1) ||
        !put(joined, size, &oj, b, strlen(b)) || !put(fixed, size, &of, a, strlen(a)) ||
        !put(fixed, size, &of, ".", 1) || !put(fixed, size, &of, b, strlen(b)))
        return 0;
    /* "12,10" may as well be two cells of a row with one cell too many: only a leading zero
     * on either side ("0,05", "3,05") makes a decimal comma likely enough to name */
    return strcmp(lead, "0") == 0 || (b[0] == '0' && is_digit(b[1])) ? 2 : 0;
}

bool tco_cellhint_split(char *const *fields, size_t n, size_t extra, size_t *first, char *msg,
                        size_t size)
{
    if (size == 0 || extra == 0)
        return false;
    /* the likeliest candidate; two equally likely ones are no answer: "a,12,10,1,5" could be
     * 12.10 seats or a growth of 1.5, so the message names neither */
    int best = 0;
    bool tie = false;
    size_t best_k = 0;
    char joined[96], fixed[96], best_joined[96] = "", best_fixed[96] = "";
    const char *kind = NULL, *best_kind = NULL;
    for (size_t k = 0; k + 1 < n; k++) {
        int score = split_at(fields, n, extra, k, joined, fixed, sizeof joined, &kind);
        if (score == 0 || score < best)
            continue;
        if (score == best) {
            tie = true;
            continue;
        }
        best = score;
        tie = false;
        best_k = k;
        best_kind = kind;
        memcpy(best_joined, joined, sizeof joined);
        memcpy(best_fixed, fixed, sizeof fixed);
    }
    if (best == 0)
        return false;
    if (tie) {
        *first = n; /* the whole row */
        snprintf(msg, size,
                 "an unquoted number with a comma (a thousands separator or a decimal comma, "
                 "such as 50,000 or 0,05) splits the row: write 50000 or 0.05");
        return true;
    }
    *first = best_k;
    snprintf(msg, size, "\"%s\" is a number with %s splits the row: write %s", best_joined,
             best_kind, best_fixed);
    return true;
}

/* ============================================================================================
 * Plausibility warnings
 * ========================================================================================== */

typedef enum rule_kind {
    MONTHLY_RATE, /* a plain |x| >= threshold: meant as a percentage */
    YEARLY_RATE,
    LOG_SD,
    PROBABILITY,
    FACTOR,       /* below 1: a spike that lowers the volume */
    PRICE         /* a price written with %: dollars divided by 100 */
} rule_kind;

typedef struct warn_rule {
    const char *column;
    rule_kind kind;
    double threshold;
} warn_rule;

/* Each is documented, with its reason, in tcosim-scenario(5) and tcosim-prices(5). */
static const warn_rule RULES[] = {
    {"seat_growth", MONTHLY_RATE, 0.2},     {"notification_growth", MONTHLY_RATE, 0.2},
    {"api_growth", MONTHLY_RATE, 0.2},      {"seat_volatility", LOG_SD, 0.5},
    {"volume_volatility", LOG_SD, 0.5},     {"spike_probability", PROBABILITY, 0.5},
    {"spike_multiplier", FACTOR, 1},        {"discount_rate", YEARLY_RATE, 1},
    {"price_escalation", YEARLY_RATE, 1},   {"price", PRICE, 0},
};

/* The first number written without `%` whose size is at least `threshold`. */
static bool plain_at_least(const char *cell, double threshold, token *found)
{
    size_t pos = 0;
    token t;
    while (next_token(cell, &pos, &t))
        if (!t.percent && t.x >= threshold) {
            *found = t;
            return true;
        }
    return false;
}

/* Whether the cell is that one token and nothing else but spaces and a sign or `$`. */
static bool only_token(const char *cell, const token *t)
{
    for (size_t i = 0; cell[i]; i++)
        if ((i < t->start || i >= t->end) && !is_space(cell[i]) && cell[i] != '-' &&
            cell[i] != '+' && cell[i] != '$')
            return false;
    return true;
}

bool tco_cellhint_warning(const char *column, const char *cell, double lo, double hi, char *msg,
                          size_t size)
{
    (void)hi;
    const warn_rule *rule = NULL;
    for (size_t i = 0; i < sizeof RULES / sizeof RULES[0]; i++)
        if (strcmp(RULES[i].column, column) == 0)
            rule = &RULES[i];
    if (!rule || size == 0)
        return false;
    token t = {0, 0, 0, false, false};
    char num[80] = "", where[160];
    where[0] = '\0';
    if (rule->kind != FACTOR && rule->kind != PRICE) {
        if (!plain_at_least(cell, rule->threshold, &t))
            return false;
        snprintf(num, sizeof num, "%s%.*s", t.neg ? "-" : "", (int)(t.end - t.start),
                 cell + t.start);
        if (!only_token(cell, &t))
            snprintf(where, sizeof where, " in \"%.100s\"", cell);
    }
    const double x = t.neg ? -t.x : t.x;
    switch (rule->kind) {
    case MONTHLY_RATE:
        snprintf(msg, size,
                 "%s: %s%s is %.15g%% a month (x%.4g over a year); if you meant %s%% a month, "
                 "write %s%%",
                 column, num, where, 100 * x, pow(1 + x, 12), num, num);
        return true;
    case YEARLY_RATE:
        snprintf(msg, size, "%s: %s%s is %.15g%% a year; if you meant %s%% a year, write %s%%",
                 column, num, where, 100 * x, num, num);
        return true;
    case LOG_SD:
        snprintf(msg, size,
                 "%s: %s%s is a log-sd of %.15g%% a month, swings that persist and add up; if "
                 "you meant %s%%, write %s%%",
                 column, num, where, 100 * x, num, num);
        return true;
    case PROBABILITY:
        snprintf(msg, size,
                 "%s: %s%s makes %.15g%% of the months spike (that is the normal level, not a "
                 "spike); if you meant %s%%, write %s%%",
                 column, num, where, 100 * x, num, num);
        return true;
    case FACTOR:
        if (!(lo < rule->threshold))
            return false;
        snprintf(msg, size,
                 "%s: \"%.100s\" can be below 1 (down to %.6g), which lowers a spike month's "
                 "volume; it is a factor: a spike of +50%% is 1.5 (or 150%%), not 0.5 or 50%%",
                 column, cell, lo);
        return true;
    case PRICE:
        if (!strchr(cell, '%'))
            return false;
        if (lo == hi)
            snprintf(msg, size,
                     "%s: \"%.100s\" means $%.15g a unit (%% divides by 100); a price is in "
                     "dollars: write %.15g if you meant that",
                     column, cell, lo, lo);
        else
            snprintf(msg, size,
                     "%s: \"%.100s\" is in dollars divided by 100 (%% divides by 100); a price "
                     "is in dollars: write it without %%",
                     column, cell);
        return true;
    }
    return false;
}
