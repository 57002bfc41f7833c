/* SPDX-License-Identifier: MIT */
/* vexp: exp over an array, in plain C that the compiler vectorises (the workload's walks).
 *
 * y[i] = exp(x[i]) within 1 unit in the last place of glibc's exp (measured: tests/test_vexp.c),
 * by the same operations for every element, in a vector lane or in a loop's scalar tail, and
 * with no fused multiply-add (the build is ISO C: GCC does not contract there, and x86-64
 * without -march has no FMA), so an element's bits depend on its value only: never on the
 * array's length, its alignment or the thread count (METHODS.md's trap: libmvec's vector exp
 * and the scalar one differ in 43% of inputs). Outside |x| < 700 the array goes to libm's exp.
 */
#ifndef TCO_VEXP_H
#define TCO_VEXP_H

#include <stddef.h>

/* y[i] = exp(x[i]) for i < n; x and y may be the same array. */
void tco_vexp(const double *x, double *y, size_t n);

#endif
