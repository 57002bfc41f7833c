/* SPDX-License-Identifier: MIT */
/* value: parse a numeric cell into a number or a distribution, and draw it once per trial.
 *
 * SPEC §3 lets every numeric cell be a number (`120`, `2%`, `$20`) or a distribution
 * (`uniform(a,b)` or `a..b`, `normal`, `lognormal`, `triangular`, `pert`, `ci90`, `poisson`).
 * Parsing happens once per file and is where all the care goes: a hand-written scanner that
 * reports the 1-based character position of the first problem (for "uniform(15,,40)" the second
 * comma), checks every parameter rule (`a <= b`, `sd >= 0`, ...), refuses NaN, infinities and
 * overflow, and derives the sampler's parameters (a lognormal's mu and sigma, a PERT's alpha and
 * beta) so that a draw is one switch and one GSL call, with no setup and no allocation: the
 * engine draws every cell once per trial, millions of times.
 *
 * Numbers are scanned by our own scanner (digits, one `.`, an exponent) and only then converted
 * by strtod: strtod alone would accept hex floats, "inf" and "nan", and would read "1.5..2" as
 * "1.5." followed by ".2". strtod follows LC_NUMERIC; tcosim never calls setlocale, so the
 * decimal point is `.`, and a locale that disagrees makes cells fail rather than misread.
 *
 * Draws of bounded distributions are clamped to their support because the interpolation
 * min*(1-t) + max*t (used so that max - min cannot overflow) may round one ulp outside it.
 */
#include "tco/value.h"

#include "tco/cellhint.h"
#include "tco/diag.h"
#include "tco/mirror.h"
#include "tco/xalloc.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include <stdio.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

/* ============================================================================================
 * Distributions: names and parameter counts
 * ========================================================================================== */

typedef struct dist_info {
    const char *name;
    tco_dist dist; /* ci90 is parsed as TCO_DIST_CI90_NORMAL and refined once lo is known */
    int n_params;
} dist_info;

static const dist_info DISTS[] = {
    {"uniform", TCO_DIST_UNIFORM, 2},       {"normal", TCO_DIST_NORMAL, 2},
    {"lognormal", TCO_DIST_LOGNORMAL, 2},   {"triangular", TCO_DIST_TRIANGULAR, 3},
    {"pert", TCO_DIST_PERT, 3},             {"ci90", TCO_DIST_CI90_NORMAL, 2},
    {"poisson", TCO_DIST_POISSON, 1},
};

#define MAX_PARAMS 3

/* The messages, each read after "expected ". */
static const char MSG_START[] = "a number or a distribution";
static const char MSG_UNKNOWN[] =
    "a number or a distribution (uniform, normal, lognormal, triangular, pert, ci90, poisson)";
static const char MSG_NUMBER[] = "a number";
static const char MSG_FINITE[] = "a finite number";
static const char MSG_DECIMAL[] = "a decimal number";
static const char MSG_END[] = "the end of the cell";
static const char MSG_OPEN[] = "\"(\"";
static const char MSG_COMMA[] = "\",\"";
static const char MSG_CLOSE[] = "\")\"";
static const char *const MSG_MISSING[MAX_PARAMS] = {NULL, "a second parameter",
                                                     "a third parameter"};
static const char *const MSG_TOO_MANY[MAX_PARAMS + 1] = {
    NULL, "only 1 parameter", "only 2 parameters", "only 3 parameters"};

/* Poisson draws come back from GSL as unsigned int (at most 4.29e9), and its sampler converts
 * mean * 7/8 to unsigned int, so the mean is capped well below that. */
#define POISSON_MEAN_MAX 1e9
/* lognormal(mean,sd) needs (sd/mean)^2 finite; 1e150 keeps it so with a round number. */
#define LOGNORMAL_CV_MAX 1e150

/* ============================================================================================
 * Scanner
 * ========================================================================================== */

typedef struct parser {
    const char *p;      /* next unread character */
    const char *err;    /* first error message, NULL while all is well */
    const char *err_at; /* where it was found */
} parser;

/* ASCII classes by hand: <ctype.h> depends on the locale and on char being non-negative. */
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_ident(char c) { return is_alpha(c) || is_digit(c) || c == '_'; }
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

static void skip_spaces(parser *s)
{
    while (*s->p == ' ' || *s->p == '\t')
        s->p++;
}

static bool fail(parser *s, const char *msg, const char *at)
{
    s->err = msg;
    s->err_at = at;
    return false;
}

/* True when [s, s+n) spells `word` in any case. */
static bool same_word(const char *s, size_t n, const char *word)
{
    size_t i = 0;
    for (; i < n && word[i]; i++)
        if (lower(s[i]) != word[i])
            return false;
    return i == n && word[i] == '\0';
}

/* The words strtod would turn into non-finite numbers; named so the message can say why. */
static bool is_nonfinite_word(const char *s, size_t n)
{
    return same_word(s, n, "nan") || same_word(s, n, "inf") || same_word(s, n, "infinity");
}

static size_t ident_len(const char *s)
{
    size_t n = 0;
    while (is_ident(s[n]))
        n++;
    return n;
}

/* Scans one number: [sign] [$] [sign] (digits [. digits] | . digits) [e [sign] digits] [%],
 * one sign at most. Stores the value in *x and where the number starts in *start. */
static bool scan_number(parser *s, double *x, const char **start)
{
    const char *p = s->p;
    *start = p;
    bool neg = false, have_sign = false;
    if (*p == '+' || *p == '-') {
        neg = *p == '-';
        have_sign = true;
        p++;
    }
    if (*p == '$') {
        p++;
        if (!have_sign && (*p == '+' || *p == '-')) {
            neg = *p == '-';
            p++;
        }
    }
    if (is_alpha(*p)) {
        if (is_nonfinite_word(p, ident_len(p)))
            return fail(s, MSG_FINITE, *start);
        return fail(s, MSG_NUMBER, p);
    }

    const char *digits = p;
    size_t n_digits = 0;
    for (; is_digit(*p); p++)
        n_digits++;
    /* "1..2" is a range: the dot belongs to the number only when not followed by a dot */
    if (*p == '.' && p[1] != '.')
        for (p++; is_digit(*p); p++)
            n_digits++;
    if (n_digits == 0)
        return fail(s, MSG_NUMBER, digits);
    if (p == digits + 1 && *digits == '0' && (*p == 'x' || *p == 'X'))
        return fail(s, MSG_DECIMAL, *start);
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        if (*q == '+' || *q == '-')
            q++;
        if (is_digit(*q)) {
            while (is_digit(*q))
                q++;
            p = q;
        }
    }

    /* strtod reads exactly the span we scanned, except that after "1" of "1..2" it also takes
     * the first dot, which does not change the value. Anything shorter is a foreign locale. */
    char *end;
    double v = strtod(digits, &end);
    if (end < p)
        return fail(s, MSG_NUMBER, digits);
    if (isinf(v) || isnan(v))
        return fail(s, MSG_FINITE, *start); /* overflow; underflow to 0 or subnormal is fine */
    if (*p == '%') {
        v /= 100; /* SPEC §3: 2% is 2/100, so "2%" == 0.02 exactly as the literal 0.02 */
        p++;
    }
    *x = neg ? -v : v;
    s->p = p;
    return true;
}

/* ============================================================================================
 * Parameter rules and derived parameters (SPEC §3)
 * ========================================================================================== */

/* (x - lo) / (hi - lo) for lo <= x <= hi, lo < hi, without overflowing when hi - lo exceeds
 * DBL_MAX (e.g. pert(-1e308, 0, 1e308)). */
static double fraction(double lo, double x, double hi)
{
    double num = x - lo, den = hi - lo;
    if (isinf(den)) {
        num = x / 2 - lo / 2;
        den = hi / 2 - lo / 2;
    }
    double f = num / den;
    return f < 0 ? 0 : f > 1 ? 1 : f;
}

static double clamp(double x, double lo, double hi) { return x < lo ? lo : x > hi ? hi : x; }

/* lo + (hi - lo) * t, t in [0,1], without overflow, clamped against rounding. */
static double interpolate(double lo, double hi, double t)
{
    return clamp(lo * (1 - t) + hi * t, lo, hi);
}

/* Sum of terms that might overflow when added directly though the result is finite. */
static double mean3(double a, double wa, double b, double wb, double c, double wc, double div)
{
    double m = (wa * a + wb * b + wc * c) / div;
    if (isfinite(m))
        return m;
    return a / div * wa + b / div * wb + c / div * wc;
}

/* z such that P(Z < z) = 0.95 for a standard normal: ci90's lo and hi are mean -/+ z95 sd. */
static double z95(void) { return gsl_cdf_ugaussian_Pinv(0.95); }

/* Checks the parameters x[] (positions at[]) of distribution d and fills *v. */
static bool build(parser *s, tco_dist d, const double *x, const char *const *at, tco_value *v)
{
    *v = (tco_value){.dist = d};
    v->a = x[0];
    switch (d) {
    case TCO_DIST_CONST:
        break;
    case TCO_DIST_UNIFORM:
        if (!(x[0] <= x[1]))
            return fail(s, "a <= b", at[1]);
        v->b = x[1];
        break;
    case TCO_DIST_NORMAL:
        if (!(x[1] >= 0))
            return fail(s, "sd >= 0", at[1]);
        v->b = x[1];
        break;
    case TCO_DIST_LOGNORMAL: {
        if (!(x[0] > 0))
            return fail(s, "mean > 0", at[0]);
        if (!(x[1] >= 0))
            return fail(s, "sd >= 0", at[1]);
        double cv = x[1] / x[0];
        if (!(cv <= LOGNORMAL_CV_MAX))
            return fail(s, "sd/mean <= 1e150", at[1]);
        v->b = x[1];
        /* the mean and sd of the value itself give those of its log */
        double sigma2 = log1p(cv * cv);
        v->p = log(x[0]) - sigma2 / 2;
        v->q = sqrt(sigma2);
        break;
    }
    case TCO_DIST_TRIANGULAR:
    case TCO_DIST_PERT:
        if (!(x[0] <= x[1]))
            return fail(s, "min <= mode <= max", at[1]);
        if (!(x[1] <= x[2]))
            return fail(s, "min <= mode <= max", at[2]);
        v->b = x[1];
        v->c = x[2];
        if (x[0] == x[2])
            break; /* degenerate: drawn as the constant */
        if (d == TCO_DIST_TRIANGULAR) {
            v->p = fraction(x[0], x[1], x[2]); /* the CDF at the mode */
        } else {
            /* Beta-PERT with lambda 4 on [min, max] */
            v->p = 1 + 4 * fraction(x[0], x[1], x[2]);
            v->q = 1 + 4 * (1 - fraction(x[0], x[1], x[2]));
        }
        break;
    case TCO_DIST_CI90_NORMAL:
    case TCO_DIST_CI90_LOGNORMAL:
        if (!(x[0] < x[1]))
            return fail(s, "lo < hi", at[1]);
        v->b = x[1];
        if (x[0] > 0) {
            /* SPEC §3: a positive range is lognormal; its log is normal with these quantiles */
            v->dist = TCO_DIST_CI90_LOGNORMAL;
            double llo = log(x[0]), lhi = log(x[1]);
            v->p = (llo + lhi) / 2;
            v->q = (lhi - llo) / (2 * z95());
            if (!isfinite(exp(v->p + v->q * v->q / 2)))
                return fail(s, "a narrower ci90 (its mean overflows)", at[1]);
        } else {
            v->dist = TCO_DIST_CI90_NORMAL;
            /* halves first: hi - lo may exceed DBL_MAX */
            v->p = x[0] / 2 + x[1] / 2;
            v->q = (x[1] / 2 - x[0] / 2) / z95();
        }
        break;
    case TCO_DIST_POISSON:
        if (!(x[0] >= 0))
            return fail(s, "mean >= 0", at[0]);
        if (!(x[0] <= POISSON_MEAN_MAX))
            return fail(s, "mean <= 1e9", at[0]);
        break;
    }
    return true;
}

/* ============================================================================================
 * Grammar
 * ========================================================================================== */

/* name ( x, ... ) with the opening at s->p on the name; `info` is the matched distribution. */
static bool parse_call(parser *s, const dist_info *info, tco_value *v)
{
    skip_spaces(s);
    if (*s->p != '(')
        return fail(s, MSG_OPEN, s->p);
    s->p++;
    double x[MAX_PARAMS] = {0};
    const char *at[MAX_PARAMS] = {NULL};
    for (int i = 0; i < info->n_params; i++) {
        skip_spaces(s);
        if (i > 0) {
            if (*s->p == ')' || *s->p == '\0')
                return fail(s, MSG_MISSING[i], s->p);
            if (*s->p != ',')
                return fail(s, MSG_COMMA, s->p);
            s->p++;
            skip_spaces(s);
        }
        if (!scan_number(s, &x[i], &at[i]))
            return false;
    }
    skip_spaces(s);
    if (*s->p == ',')
        return fail(s, MSG_TOO_MANY[info->n_params], s->p);
    if (*s->p != ')')
        return fail(s, MSG_CLOSE, s->p);
    s->p++;
    return build(s, info->dist, x, at, v);
}

/* number | number .. number */
static bool parse_numeric(parser *s, tco_value *v)
{
    const char *first = s->p;
    double x[2];
    const char *at[2];
    if (!scan_number(s, &x[0], &at[0])) {
        if (s->err == MSG_NUMBER && s->err_at == first)
            s->err = MSG_START; /* nothing number-like at all: say what a cell may be */
        return false;
    }
    skip_spaces(s);
    if (s->p[0] != '.' || s->p[1] != '.')
        return build(s, TCO_DIST_CONST, x, at, v);
    s->p += 2;
    skip_spaces(s);
    if (*s->p == '.') /* "1...5" could mean 1..0.5 or a typo; it is refused, not guessed */
        return fail(s, MSG_NUMBER, s->p);
    if (!scan_number(s, &x[1], &at[1]))
        return false;
    return build(s, TCO_DIST_UNIFORM, x, at, v);
}

static bool parse_cell(parser *s, tco_value *v)
{
    const char *cell = s->p;
    skip_spaces(s);
    if (*s->p == '\0')
        return fail(s, MSG_START, cell); /* an empty or blank cell */
    if (!is_alpha(*s->p)) {
        if (!parse_numeric(s, v))
            return false;
    } else {
        const char *name = s->p;
        size_t n = ident_len(name);
        if (is_nonfinite_word(name, n))
            return fail(s, MSG_FINITE, name);
        const dist_info *info = NULL;
        for (size_t i = 0; i < sizeof DISTS / sizeof DISTS[0]; i++)
            if (same_word(name, n, DISTS[i].name))
                info = &DISTS[i];
        s->p = name + n;
        if (info == NULL) {
            skip_spaces(s);
            return fail(s, *s->p == '(' ? MSG_UNKNOWN : MSG_START, name);
        }
        if (!parse_call(s, info, v))
            return false;
    }
    skip_spaces(s);
    if (*s->p != '\0')
        return fail(s, MSG_END, s->p);
    return true;
}

/* ============================================================================================
 * Public API
 * ========================================================================================== */

const char *tco_value_parse(const char *cell, tco_value *out, size_t *err_pos)
{
    assert(cell != NULL && out != NULL);
    parser s = {.p = cell, .err = NULL, .err_at = NULL};
    tco_value v;
    if (!parse_cell(&s, &v)) {
        /* a byte offset is a character offset here: the scanner stops at the first non-ASCII
         * byte, so everything before an error is ASCII */
        if (err_pos)
            *err_pos = (size_t)(s.err_at - cell) + 1;
        return s.err;
    }
    if (err_pos)
        *err_pos = 0;
    *out = v;
    return NULL;
}

bool tco_value_explain(const char *cell, char *expected, size_t size)
{
    char fixed[128];
    const char *cause = tco_cellhint_fix(cell, fixed, sizeof fixed);
    tco_value v;
    size_t pos;
    /* offered only when what it says to write is a good value */
    if (!cause || tco_value_parse(fixed, &v, &pos) != NULL)
        return false;
    char quoted[128];
    tco_diag_quote_cell(quoted, sizeof quoted, fixed);
    snprintf(expected, size, "%s (write %s)", cause, quoted);
    return true;
}

tco_value tco_value_const(double x) { return (tco_value){.dist = TCO_DIST_CONST, .a = x}; }

/* SPEC §11 --antithetic: on a mirror (tco/mirror.h) every draw is one the partner trial can
 * mirror: normals through tco_mirror_normal (z and -z; a lognormal is exp of one), the uniform
 * and triangular by their inverse CDFs (u and 1 - u) as always, PERT and Poisson by their
 * inverse CDFs (tco_value_inverse, built the first time a mirror meets the cell and kept in
 * the mirror's cache: per worker, so no lock, and the same table in every worker). */
static double draw_plain(const tco_value *v, gsl_rng *r);

typedef struct inverse_cache {
    size_t n, cap;
    tco_value_inverse *inv; /* [n] */
} inverse_cache;

static void inverse_cache_free(void *p)
{
    inverse_cache *c = p;
    for (size_t i = 0; c && i < c->n; i++)
        tco_value_inverse_fini(&c->inv[i]);
    if (c)
        free(c->inv);
    free(c);
}

static bool same_value(const tco_value *x, const tco_value *y)
{
    return x->dist == y->dist && x->a == y->a && x->b == y->b && x->c == y->c && x->p == y->p &&
           x->q == y->q;
}

/* The inverse CDF of *v from r's cache, built there on first use. */
static const tco_value_inverse *cached_inverse(gsl_rng *r, const tco_value *v)
{
    inverse_cache *c = tco_mirror_cache(r);
    if (!c) {
        c = tco_xcalloc(1, sizeof *c);
        tco_mirror_set_cache(r, c, inverse_cache_free);
    }
    for (size_t i = 0; i < c->n; i++)
        if (same_value(&c->inv[i].v, v))
            return &c->inv[i];
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 8;
        c->inv = tco_xreallocarray(c->inv, c->cap, sizeof *c->inv);
    }
    tco_value_inverse_init(&c->inv[c->n], v);
    return &c->inv[c->n++];
}

static double draw_mirrored(const tco_value *v, gsl_rng *r)
{
    switch (v->dist) {
    case TCO_DIST_NORMAL:
        return v->b == 0 ? v->a : v->a + v->b * tco_mirror_normal(r);
    case TCO_DIST_CI90_NORMAL:
        return v->p + v->q * tco_mirror_normal(r);
    case TCO_DIST_LOGNORMAL:
        return v->b == 0 ? v->a : exp(v->p + v->q * tco_mirror_normal(r));
    case TCO_DIST_CI90_LOGNORMAL:
        return exp(v->p + v->q * tco_mirror_normal(r));
    case TCO_DIST_PERT:
        if (v->a == v->c)
            return v->a;
        return tco_value_inverse_at(cached_inverse(r, v), gsl_rng_uniform(r));
    case TCO_DIST_POISSON:
        if (v->a == 0)
            return 0;
        return tco_value_inverse_at(cached_inverse(r, v), gsl_rng_uniform(r));
    default:
        return draw_plain(v, r); /* const, uniform, triangular: mirrored as they are */
    }
}

double tco_value_draw(const tco_value *v, gsl_rng *r)
{
    return tco_mirror_is(r) ? draw_mirrored(v, r) : draw_plain(v, r);
}

static double draw_plain(const tco_value *v, gsl_rng *r)
{
    switch (v->dist) {
    case TCO_DIST_CONST:
        return v->a;
    case TCO_DIST_UNIFORM:
        if (v->a == v->b)
            return v->a;
        return clamp(gsl_ran_flat(r, v->a, v->b), v->a, v->b);
    case TCO_DIST_NORMAL:
        if (v->b == 0)
            return v->a;
        return v->a + gsl_ran_gaussian_ziggurat(r, v->b);
    case TCO_DIST_LOGNORMAL:
        if (v->b == 0)
            return v->a;
        return gsl_ran_lognormal(r, v->p, v->q);
    case TCO_DIST_TRIANGULAR: {
        if (v->a == v->c)
            return v->a;
        /* inverse CDF (GSL has no triangular). With t the fraction of the range and p = F(mode)
         * the fraction at the mode, the CDF is t^2 / p below the mode, 1 - (1-t)^2 / (1-p)
         * above it. */
        double u = gsl_rng_uniform(r), f = v->p;
        double t = u < f ? sqrt(u * f) : 1 - sqrt((1 - u) * (1 - f));
        return interpolate(v->a, v->c, t);
    }
    case TCO_DIST_PERT:
        if (v->a == v->c)
            return v->a;
        return interpolate(v->a, v->c, gsl_ran_beta(r, v->p, v->q));
    case TCO_DIST_CI90_NORMAL:
        return v->p + gsl_ran_gaussian_ziggurat(r, v->q);
    case TCO_DIST_CI90_LOGNORMAL:
        return gsl_ran_lognormal(r, v->p, v->q);
    case TCO_DIST_POISSON:
        if (v->a == 0)
            return 0;
        return (double)gsl_ran_poisson(r, v->a);
    }
    assert(!"unknown distribution");
    return v->a;
}

double tco_value_mean(const tco_value *v)
{
    switch (v->dist) {
    case TCO_DIST_CONST:
    case TCO_DIST_NORMAL:
    case TCO_DIST_LOGNORMAL: /* parameterised by its own mean */
    case TCO_DIST_POISSON:
        return v->a;
    case TCO_DIST_UNIFORM:
        return mean3(v->a, 1, v->b, 1, 0, 0, 2);
    case TCO_DIST_TRIANGULAR:
        return mean3(v->a, 1, v->b, 1, v->c, 1, 3);
    case TCO_DIST_PERT:
        return mean3(v->a, 1, v->b, 4, v->c, 1, 6);
    case TCO_DIST_CI90_NORMAL:
        return v->p;
    case TCO_DIST_CI90_LOGNORMAL:
        return exp(v->p + v->q * v->q / 2);
    }
    assert(!"unknown distribution");
    return v->a;
}

void tco_value_support(const tco_value *v, double *lo, double *hi)
{
    switch (v->dist) {
    case TCO_DIST_CONST:
        *lo = *hi = v->a;
        return;
    case TCO_DIST_UNIFORM:
        *lo = v->a;
        *hi = v->b;
        return;
    case TCO_DIST_NORMAL:
        /* sd 0 is the constant mean */
        *lo = v->b == 0 ? v->a : -INFINITY;
        *hi = v->b == 0 ? v->a : INFINITY;
        return;
    case TCO_DIST_LOGNORMAL:
        *lo = v->b == 0 ? v->a : 0;
        *hi = v->b == 0 ? v->a : INFINITY;
        return;
    case TCO_DIST_TRIANGULAR:
    case TCO_DIST_PERT:
        *lo = v->a;
        *hi = v->c;
        return;
    case TCO_DIST_CI90_NORMAL:
        *lo = -INFINITY;
        *hi = INFINITY;
        return;
    case TCO_DIST_CI90_LOGNORMAL:
        *lo = 0;
        *hi = INFINITY;
        return;
    case TCO_DIST_POISSON:
        *lo = 0;
        *hi = v->a == 0 ? 0 : INFINITY;
        return;
    }
    assert(!"unknown distribution");
    *lo = -INFINITY;
    *hi = INFINITY;
}

bool tco_value_is_zero(const tco_value *v)
{
    switch (v->dist) {
    case TCO_DIST_CONST:
    case TCO_DIST_POISSON:
        return v->a == 0;
    case TCO_DIST_UNIFORM:
    case TCO_DIST_NORMAL: /* normal(0,0) */
        return v->a == 0 && v->b == 0;
    case TCO_DIST_TRIANGULAR:
    case TCO_DIST_PERT:
        return v->a == 0 && v->c == 0;
    case TCO_DIST_LOGNORMAL: /* mean > 0 */
    case TCO_DIST_CI90_NORMAL: /* lo < hi */
    case TCO_DIST_CI90_LOGNORMAL:
        return false;
    }
    return false;
}

bool tco_value_is_const(const tco_value *v) { return v->dist == TCO_DIST_CONST; }

/* The central 99.9% of an unbounded distribution: what a column's range is checked against
 * (a draw outside the range is clamped, which is harmless for 0.1% of the draws and would
 * change the mean for more). */
#define BULK_TAIL 0.0005

void tco_value_bulk(const tco_value *v, double *lo, double *hi)
{
    const double z = gsl_cdf_ugaussian_Pinv(1 - BULK_TAIL);
    tco_value_support(v, lo, hi);
    switch (v->dist) {
    case TCO_DIST_NORMAL:
        if (v->b > 0) {
            *lo = v->a - z * v->b;
            *hi = v->a + z * v->b;
        }
        return;
    case TCO_DIST_CI90_NORMAL:
        *lo = v->p - z * v->q;
        *hi = v->p + z * v->q;
        return;
    case TCO_DIST_LOGNORMAL:
    case TCO_DIST_CI90_LOGNORMAL:
        if (v->q > 0) {
            *lo = exp(v->p - z * v->q);
            *hi = exp(v->p + z * v->q);
        }
        return;
    case TCO_DIST_POISSON:
        if (v->a > 0) {
            /* smallest k with P(X > k) <= BULK_TAIL; normal approximation for large means */
            if (v->a < 1000) {
                double k = floor(v->a);
                while (gsl_cdf_poisson_Q((unsigned)k, v->a) > BULK_TAIL)
                    k++;
                *hi = k;
            } else {
                *hi = ceil(v->a + z * sqrt(v->a) + 1);
            }
        }
        return;
    default:
        return;
    }
}

bool tco_value_unbounded(const tco_value *v)
{
    double lo, hi;
    tco_value_support(v, &lo, &hi);
    return !isfinite(lo) || !isfinite(hi);
}

/* ============================================================================================
 * Inverse CDFs
 * ========================================================================================== */

/* The u a quantile reads: inside (0, 1), so that unbounded distributions stay finite. */
static double open_unit(double u)
{
    const double largest_below_1 = 1 - DBL_EPSILON / 2;
    if (!(u > DBL_MIN)) /* NaN too */
        return DBL_MIN;
    return u < largest_below_1 ? u : largest_below_1;
}

/* Triangular: the draw's own inversion (tco_value_draw), so the two agree for the same u. */
static double triangular_quantile(const tco_value *v, double u)
{
    double f = v->p;
    double t = u < f ? sqrt(u * f) : 1 - sqrt((1 - u) * (1 - f));
    return interpolate(v->a, v->c, t);
}

/* Poisson: the smallest k with CDF(k) >= u, from a Cornish-Fisher guess (one or two CDF
 * evaluations for any mean). */
static double poisson_search(double mean, double u)
{
    double z = gsl_cdf_ugaussian_Pinv(u);
    double guess = floor(mean + sqrt(mean) * z + (z * z - 1) / 6);
    unsigned k = guess > 0 ? (unsigned)guess : 0;
    while (k > 0 && gsl_cdf_poisson_P(k - 1, mean) >= u)
        k--;
    while (gsl_cdf_poisson_P(k, mean) < u)
        k++;
    return (double)k;
}

/* PERT's beta(alpha, beta) on [0, 1]: near 0 its quantile behaves like u^(1/alpha), which no
 * polynomial in u follows, but it is smooth in s = u^(1/alpha) (u = F(x) = x^alpha g(x) with g
 * analytic and positive, so s is an analytic function of x with a positive slope, and so x of
 * s); likewise the upper half in (1-u)^(1/beta). Each half holds PERT_INTERVALS + 1 knots of
 * (x, dx/ds x h) for a cubic Hermite interpolant on a uniform grid of s in [0, 0.5^(1/alpha)]. */
#define PERT_INTERVALS 256
#define PERT_KNOTS (PERT_INTERVALS + 1)
#define PERT_HALF (2 * PERT_KNOTS)
/* table layout: [lower half knots][upper half knots], each knot (x, slope); then s_max of each
 * half */
#define PERT_TABLE (2 * PERT_HALF + 2)

/* dx/ds at s = 0: x ~ (alpha B(alpha, beta) u)^(1/alpha) = (alpha B)^(1/alpha) s. */
static double pert_slope_at_0(double alpha, double beta)
{
    return exp((log(alpha) + gsl_sf_lnbeta(alpha, beta)) / alpha);
}

/* One half, as the lower half of beta(first, second): the upper half of beta(alpha, beta) is
 * the mirror image of the lower half of beta(beta, alpha), x then being the distance from 1
 * (which keeps its digits near 1). */
static void pert_half(double *knots, double *s_max, double first, double second)
{
    *s_max = pow(0.5, 1 / first);
    const double h = *s_max / PERT_INTERVALS;
    for (int i = 0; i < PERT_KNOTS; i++) {
        double s = h * i, x = gsl_cdf_beta_Pinv(pow(s, first), first, second), slope;
        if (i == 0) {
            x = 0;
            slope = pert_slope_at_0(first, second);
        } else {
            /* dx/ds = (du/ds) / f(x) = first s^(first-1) / f(x) */
            slope = first * pow(s, first - 1) / gsl_ran_beta_pdf(x, first, second);
        }
        knots[2 * i] = x;
        knots[2 * i + 1] = slope * h;
    }
}

static double hermite(const double *knots, double s_over_h)
{
    int i = (int)s_over_h;
    if (i >= PERT_INTERVALS)
        i = PERT_INTERVALS - 1;
    const double t = s_over_h - i, t2 = t * t, t3 = t2 * t;
    const double *k = knots + 2 * i;
    return (2 * t3 - 3 * t2 + 1) * k[0] + (t3 - 2 * t2 + t) * k[1] + (3 * t2 - 2 * t3) * k[2] +
           (t3 - t2) * k[3];
}

static double pert_table_at(const double *table, double alpha, double beta, double u)
{
    const double *lower = table, *upper = table + PERT_HALF;
    const double s_max_lower = table[2 * PERT_HALF], s_max_upper = table[2 * PERT_HALF + 1];
    double t;
    if (u <= 0.5)
        t = hermite(lower, pow(u, 1 / alpha) / s_max_lower * PERT_INTERVALS);
    else
        t = 1 - hermite(upper, pow(1 - u, 1 / beta) / s_max_upper * PERT_INTERVALS);
    return t < 0 ? 0 : t > 1 ? 1 : t;
}

/* Poisson CDFs are tabulated up to this k: 32 KiB a cell at most. */
#define POISSON_TABLE_MAX 4096

double tco_value_quantile(const tco_value *v, double u)
{
    u = open_unit(u);
    switch (v->dist) {
    case TCO_DIST_CONST:
        return v->a;
    case TCO_DIST_UNIFORM:
        if (v->a == v->b)
            return v->a;
        return interpolate(v->a, v->b, u); /* gsl_ran_flat's a (1-u) + b u */
    case TCO_DIST_NORMAL:
        if (v->b == 0)
            return v->a;
        return v->a + v->b * gsl_cdf_ugaussian_Pinv(u);
    case TCO_DIST_LOGNORMAL:
        if (v->b == 0)
            return v->a;
        return gsl_cdf_lognormal_Pinv(u, v->p, v->q);
    case TCO_DIST_TRIANGULAR:
        if (v->a == v->c)
            return v->a;
        return triangular_quantile(v, u);
    case TCO_DIST_PERT:
        if (v->a == v->c)
            return v->a;
        return interpolate(v->a, v->c, gsl_cdf_beta_Pinv(u, v->p, v->q));
    case TCO_DIST_CI90_NORMAL:
        return v->p + v->q * gsl_cdf_ugaussian_Pinv(u);
    case TCO_DIST_CI90_LOGNORMAL:
        return gsl_cdf_lognormal_Pinv(u, v->p, v->q);
    case TCO_DIST_POISSON:
        if (v->a == 0)
            return 0;
        return poisson_search(v->a, u);
    }
    assert(!"unknown distribution");
    return v->a;
}

void tco_value_inverse_init(tco_value_inverse *inv, const tco_value *v)
{
    *inv = (tco_value_inverse){.v = *v, .table = NULL, .n = 0};
    if (v->dist == TCO_DIST_PERT && v->a != v->c) {
        double *t = tco_xmalloc(PERT_TABLE * sizeof *t);
        pert_half(t, &t[2 * PERT_HALF], v->p, v->q);
        pert_half(t + PERT_HALF, &t[2 * PERT_HALF + 1], v->q, v->p);
        inv->table = t;
        inv->n = PERT_TABLE;
    } else if (v->dist == TCO_DIST_POISSON && v->a > 0) {
        /* CDF(0..k) while it is below the largest u, if that ends by POISSON_TABLE_MAX */
        const double largest_u = open_unit(1);
        double *cdf = tco_xmalloc((POISSON_TABLE_MAX + 1) * sizeof *cdf);
        size_t n = 0;
        while (n <= POISSON_TABLE_MAX) {
            cdf[n] = gsl_cdf_poisson_P((unsigned)n, v->a);
            if (cdf[n++] >= largest_u)
                break;
        }
        if (cdf[n - 1] >= largest_u) {
            inv->table = cdf;
            inv->n = n;
        } else {
            free(cdf); /* a large mean: searched from a normal guess instead */
        }
    }
}

void tco_value_inverse_fini(tco_value_inverse *inv)
{
    if (!inv)
        return;
    free(inv->table);
    inv->table = NULL;
    inv->n = 0;
}

double tco_value_inverse_at(const tco_value_inverse *inv, double u)
{
    const tco_value *v = &inv->v;
    if (inv->table == NULL)
        return tco_value_quantile(v, u);
    u = open_unit(u);
    if (v->dist == TCO_DIST_PERT)
        return interpolate(v->a, v->c, pert_table_at(inv->table, v->p, v->q, u));
    /* Poisson: the first k with cdf[k] >= u, cdf[n-1] >= u being certain */
    size_t lo = 0, hi = inv->n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (inv->table[mid] >= u)
            hi = mid;
        else
            lo = mid + 1;
    }
    return (double)lo;
}
