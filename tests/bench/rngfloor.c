/* SPDX-License-Identifier: MIT */
/* rngfloor: the random-number bound of a trial-month, measured (make bench, issue 8).
 *
 * A trial-month of the model needs two standard normals (the seat and the volume walks, GSL's
 * ziggurat) and one uniform (the spike test). This times exactly that, on one thread, with each
 * generator the engine could use, and prints the nanoseconds per trial-month of each; the last
 * line is the engine's own generator (tco_rng_type), the floor `make bench` divides by. The sum
 * of the draws is printed so that the compiler cannot drop them. Minimum of several rounds: the
 * machine is shared, and the floor is the time the work takes when nothing interferes.
 *
 * Usage: rngfloor [TRIAL_MONTHS]   (default 20,000,000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "tco/rng.h"

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ns per trial-month of `type`, the best of `rounds` rounds of n trial-months. */
static double floor_ns(const gsl_rng_type *type, long n, int rounds, double *sink)
{
    gsl_rng *r = gsl_rng_alloc(type);
    if (!r) {
        fprintf(stderr, "rngfloor: out of memory\n");
        exit(70);
    }
    gsl_rng_set(r, 20261124);
    double best = 1e300;
    for (int k = 0; k < rounds; k++) {
        double sum = 0;
        const double t0 = now_ns();
        for (long i = 0; i < n; i++) {
            sum += gsl_ran_gaussian_ziggurat(r, 1.0);
            sum += gsl_ran_gaussian_ziggurat(r, 1.0);
            sum += gsl_rng_uniform(r);
        }
        const double ns = (now_ns() - t0) / (double)n;
        best = ns < best ? ns : best;
        *sink += sum;
    }
    gsl_rng_free(r);
    return best;
}

int main(int argc, char **argv)
{
    const long n = argc > 1 ? atol(argv[1]) : 20000000L;
    if (n <= 0) {
        fprintf(stderr, "usage: rngfloor [TRIAL_MONTHS]\n");
        return 64;
    }
    const gsl_rng_type *types[] = {gsl_rng_mt19937, gsl_rng_gfsr4, gsl_rng_taus2};
    double sink = 0;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        printf("floor %-8s %.2f ns per trial-month (2 ziggurat normals + 1 uniform)\n",
               types[i]->name, floor_ns(types[i], n, 5, &sink));
    printf("engine %s %.2f\n", tco_rng_type()->name, floor_ns(tco_rng_type(), n, 5, &sink));
    fprintf(stderr, "(checksum %g)\n", sink);
    return 0;
}
