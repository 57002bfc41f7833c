/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes as a value cell through tco_value_parse (STYLE 37, SPEC §3).
 * On error the position must lie inside the cell or just past its end; on success the mean
 * must be finite and inside the support, and a few draws from a taus2 generator must lie in
 * the support, finite when the support is bounded, and be 0 when the value is "zero". */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "tco/value.h"

#define N_DRAWS 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* abort, not assert: the checks must hold in any build of the target */
#define CHECK(cond)                                                                            \
    do {                                                                                       \
        if (!(cond))                                                                           \
            abort();                                                                           \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *cell = malloc(size + 1);
    if (cell == NULL)
        return 0;
    memcpy(cell, data, size);
    cell[size] = '\0';

    tco_value v;
    size_t pos = 0;
    const char *err = tco_value_parse(cell, &v, &pos);
    if (err != NULL) {
        CHECK(err[0] != '\0');
        CHECK(pos >= 1 && pos <= strlen(cell) + 1);
        free(cell);
        return 0;
    }

    double lo, hi;
    tco_value_support(&v, &lo, &hi);
    double mean = tco_value_mean(&v);
    CHECK(!isnan(lo) && !isnan(hi) && lo <= hi);
    CHECK(isfinite(mean) && mean >= lo && mean <= hi);
    CHECK(tco_value_is_const(&v) == (v.dist == TCO_DIST_CONST));
    bool bounded = isfinite(lo) && isfinite(hi);

    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    CHECK(r != NULL);
    gsl_rng_set(r, 12345);
    for (int i = 0; i < N_DRAWS; i++) {
        double x = tco_value_draw(&v, r);
        CHECK(!isnan(x) && x >= lo && x <= hi);
        CHECK(!bounded || isfinite(x));
        CHECK(!tco_value_is_zero(&v) || x == 0);
    }
    gsl_rng_free(r);
    free(cell);
    return 0;
}
