/* SPDX-License-Identifier: MIT */
/* vexp: exp over an array (see tco/vexp.h).
 *
 * The textbook reduction (Cody & Waite 1980; fdlibm's e_exp.c uses the same constants): k the
 * integer nearest x / ln 2, r = x - k ln 2 in two parts (ln2_hi has 32 trailing zero bits, so k
 * ln2_hi is exact for |k| < 2^20), |r| <= ln 2 / 2; exp(r) by its Taylor polynomial of degree 13
 * (the first term left out, r^14 / 14!, is below 4.2e-18 relative there), Horner's rule; then
 * times 2^k, made from the exponent bits. k is rounded by adding and subtracting 1.5 x 2^52
 * (round to nearest, as every FPU here rounds), which, unlike nearbyint, vectorises in SSE2.
 * |x| < 700 keeps 2^k and the result normal; outside it (and for NaN) the bits computed are
 * meaningless but harmless (no undefined behaviour), and are replaced.
 */
#include "tco/vexp.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define VEXP_LIMIT 700.0

static const double INV_LN2 = 0x1.71547652b82fep+0;
static const double LN2_HI = 0x1.62e42fee00000p-1;
static const double LN2_LO = 0x1.a39ef35793c76p-33;
static const double ROUND = 0x1.8p52;

/* 1/j! for j = 2..13 */
static const double C2 = 1.0 / 2, C3 = 1.0 / 6, C4 = 1.0 / 24, C5 = 1.0 / 120, C6 = 1.0 / 720,
                    C7 = 1.0 / 5040, C8 = 1.0 / 40320, C9 = 1.0 / 362880, C10 = 1.0 / 3628800,
                    C11 = 1.0 / 39916800, C12 = 1.0 / 479001600, C13 = 1.0 / 6227020800.0;

static inline double exp_reduced(double x)
{
    const double t = x * INV_LN2 + ROUND;
    const double k = t - ROUND;
    uint64_t t_bits, round_bits;
    memcpy(&t_bits, &t, sizeof t_bits);
    memcpy(&round_bits, &ROUND, sizeof round_bits);
    const int64_t ki = (int64_t)(t_bits - round_bits); /* k, as an integer */
    const double r = (x - k * LN2_HI) - k * LN2_LO;
    double p = C13;
    p = p * r + C12;
    p = p * r + C11;
    p = p * r + C10;
    p = p * r + C9;
    p = p * r + C8;
    p = p * r + C7;
    p = p * r + C6;
    p = p * r + C5;
    p = p * r + C4;
    p = p * r + C3;
    p = p * r + C2;
    p = p * r + 1.0;
    p = p * r + 1.0;
    const uint64_t scale_bits = (uint64_t)(ki + 1023) << 52;
    double scale;
    memcpy(&scale, &scale_bits, sizeof scale);
    return p * scale;
}

void tco_vexp(const double *x, double *y, size_t n)
{
    /* one pass: every element through exp_reduced, counting those outside (NaN too) in a
     * double, which keeps the loop one that vectorises; then, if any, libm for the array */
    double outside = 0;
    for (size_t i = 0; i < n; i++) {
        const double v = x[i];
        outside += fabs(v) < VEXP_LIMIT ? 0.0 : 1.0;
        y[i] = exp_reduced(v);
    }
    if (outside != 0)
        for (size_t i = 0; i < n; i++)
            y[i] = exp(x[i]);
}
