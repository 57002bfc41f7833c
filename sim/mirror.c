/* SPDX-License-Identifier: MIT */
/* mirror: a recording, mirroring gsl_rng for antithetic pairs (see tco/mirror.h).
 *
 * It is a gsl_rng_type of its own, so every GSL sampler and our inverse-CDF draws take it as
 * they take any stream; the draw code that must mirror a draw GSL cannot (the normal) asks
 * tco_mirror_is. The tape is per mirror, grown as needed (amortised: a trial's draws, allocated
 * once per worker in practice).
 */
#include "tco/mirror.h"

#include <assert.h>
#include <stdlib.h>
#include <gsl/gsl_randist.h>

#include "tco/xalloc.h"

typedef struct mirror_state {
    gsl_rng *base;
    double *tape;
    size_t len, cap, pos;
    tco_mirror_mode mode;
    void *cache;
    void (*cache_free)(void *);
} mirror_state;

static void tape_push(mirror_state *s, double x)
{
    if (s->len == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->tape = tco_xreallocarray(s->tape, s->cap, sizeof *s->tape);
    }
    s->tape[s->len++] = x;
}

static double tape_pop(mirror_state *s)
{
    assert(s->pos < s->len && "a mirrored trial drew more than its partner");
    return s->tape[s->pos++];
}

static void mirror_set(void *state, unsigned long seed)
{
    (void)state;
    (void)seed; /* the base stream is seeded, not the mirror */
}

static unsigned long mirror_get(void *state)
{
    mirror_state *s = state;
    if (s->mode == TCO_MIRROR_RECORD) {
        const unsigned long k = gsl_rng_get(s->base);
        tape_push(s, (double)k);
        return k;
    }
    return gsl_rng_max(s->base) - (unsigned long)tape_pop(s);
}

static double mirror_get_double(void *state)
{
    mirror_state *s = state;
    if (s->mode == TCO_MIRROR_RECORD) {
        double u;
        do
            u = gsl_rng_uniform(s->base);
        while (u == 0); /* (0, 1): u and 1 - u are both inside */
        tape_push(s, u);
        return u;
    }
    return 1 - tape_pop(s);
}

static const gsl_rng_type MIRROR_TYPE = {"tco-mirror", 0xffffffffUL, 0, sizeof(mirror_state),
                                         mirror_set, mirror_get, mirror_get_double};

gsl_rng *tco_mirror_alloc(gsl_rng *base)
{
    gsl_rng *r = gsl_rng_alloc(&MIRROR_TYPE);
    if (!r)
        tco_out_of_memory("a mirrored random stream");
    mirror_state *s = r->state;
    s->base = base;
    s->tape = NULL;
    s->len = s->cap = s->pos = 0;
    s->mode = TCO_MIRROR_RECORD;
    s->cache = NULL;
    s->cache_free = NULL;
    return r;
}

void tco_mirror_free(gsl_rng *r)
{
    if (!r)
        return;
    mirror_state *s = r->state;
    free(s->tape);
    if (s->cache_free)
        s->cache_free(s->cache);
    gsl_rng_free(r);
}

void tco_mirror_set_mode(gsl_rng *r, tco_mirror_mode mode)
{
    mirror_state *s = r->state;
    s->mode = mode;
    s->pos = 0;
    if (mode == TCO_MIRROR_RECORD)
        s->len = 0;
}

bool tco_mirror_is(const gsl_rng *r)
{
    return r->type == &MIRROR_TYPE;
}

gsl_rng *tco_mirror_base(gsl_rng *r)
{
    return tco_mirror_is(r) ? ((mirror_state *)r->state)->base : r;
}

double tco_mirror_normal(gsl_rng *r)
{
    if (!tco_mirror_is(r))
        return gsl_ran_gaussian_ziggurat(r, 1.0);
    mirror_state *s = r->state;
    if (s->mode == TCO_MIRROR_RECORD) {
        const double z = gsl_ran_gaussian_ziggurat(s->base, 1.0);
        tape_push(s, z);
        return z;
    }
    return -tape_pop(s);
}

void *tco_mirror_cache(const gsl_rng *r)
{
    return ((const mirror_state *)r->state)->cache;
}

void tco_mirror_set_cache(gsl_rng *r, void *cache, void (*cache_free)(void *))
{
    mirror_state *s = r->state;
    assert(!s->cache);
    s->cache = cache;
    s->cache_free = cache_free;
}

size_t tco_mirror_tape_left(const gsl_rng *r)
{
    const mirror_state *s = r->state;
    return s->mode == TCO_MIRROR_RECORD ? s->len : s->len - s->pos;
}
