/* SPDX-License-Identifier: MIT */
/* workload: the month-by-month workload of one trial (SPEC §4).
 *
 * W and V are random walks in log space, W_1 = 0, W_m = W_(m-1) + s Z - s^2/2, so that
 * E[exp(W_m)] = 1 and the expected path follows the growth rate exactly. Draw order per
 * month: the seat shock, the volume shock, the spike test, the spike multiplier; a draw is
 * skipped when its parameter makes it irrelevant (zero volatility, zero spike probability), so
 * a deterministic scenario spends no random numbers at all.
 */
#include "tco/workload.h"

#include <float.h>
#include <stdbool.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_randist.h>

#include "tco/copula.h"
#include "tco/mirror.h"
#include "tco/rng.h"
#include "tco/vexp.h"
#include "tco/xalloc.h"

/* SPEC §4: "mind floating-point error": 10 x 1.1 = 11.000000000000002 is 11 seats. A value at
 * most this many units in the last place above a whole number is that number: the error of a
 * seat count made by the model (seats x the growth product, see tco_workload_sample) is at
 * most 2 ulps on every path whose growth keeps it whole (checked exactly on 150,982 such paths:
 * growth 1% to 100%, up to 39 months, seats up to 1.2e9); a real fraction of a seat is more
 * than 4 ulps (relative 2^-50, 8.9e-16) whenever seats are below 2^50. */
#define WHOLE_TOLERANCE_ULPS 4

void tco_workload_init(tco_workload *w, int months)
{
    w->months = months;
    size_t n = (size_t)months;
    /* one allocation, thirteen arrays */
    double *block = tco_xcalloc(13 * n, sizeof *block);
    w->seat_shape = block;
    w->notif_shape = block + n;
    w->api_shape = block + 2 * n;
    w->discount = block + 3 * n;
    w->escalation = block + 4 * n;
    w->seats = block + 5 * n;
    w->internal_sms = block + 6 * n;
    w->voice = block + 7 * n;
    w->notifications = block + 8 * n;
    w->api = block + 9 * n;
    w->walk = block + 10 * n;
    w->phone_numbers = 0;
    /* at most one step a month for each of the three scheduled quantities */
    w->step_draws = tco_xcalloc(3 * n, sizeof *w->step_draws);
    w->n_steps = 0;
    w->schedule_rng = tco_rng_alloc();
    w->copula_rng = NULL;
}

void tco_workload_seed_schedule(tco_workload *w, uint64_t seed, uint64_t scenario,
                                uint64_t block)
{
    /* the stream itself, not a mirror reading it (SPEC §11: a mirror is not seeded) */
    tco_rng_seed_named(tco_mirror_base(w->schedule_rng), seed, scenario,
                       tco_rng_name_key("schedule"), block);
}

void tco_workload_fini(tco_workload *w)
{
    if (!w)
        return;
    free(w->seat_shape);
    w->seat_shape = NULL;
    free(w->step_draws);
    w->step_draws = NULL;
    if (w->schedule_rng)
        gsl_rng_free(w->schedule_rng);
    w->schedule_rng = NULL;
}

double tco_workload_whole(double x)
{
    if (!(x > 0))
        return 0;
    /* floor(x) for x > 0: a truncating conversion below 2^52, x itself (a whole number) from
     * there; the same value as floor(), which x86-64 without SSE4.1 calls out of line */
    const double below = x < 0x1p52 ? (double)(int64_t)x : x;
    const double frac = x - below; /* exact (Sterbenz: x/2 <= below when x >= 1; else x) */
    if (frac == 0)
        return x;
    /* ulp(x) <= x DBL_EPSILON: a fraction above the bound is real without computing ulp(x) */
    if (frac > WHOLE_TOLERANCE_ULPS * DBL_EPSILON * x)
        return below + 1;
    const double ulp = nextafter(x, INFINITY) - x;
    return frac <= WHOLE_TOLERANCE_ULPS * ulp ? below : below + 1;
}

/* SPEC §12.1: the planned path of `field` folded into its shape (tco/workload.h): the level
 * P(m) of month m over the reference level R, and R as the field's draw. The steps of one
 * field are consecutive and in month order. */
static void apply_plan(tco_workload *w, const tco_scenario *s, tco_scn_field field,
                       double *shape)
{
    size_t a = 0;
    while (a < s->n_steps && s->steps[a].field != field)
        a++;
    size_t b = a;
    while (b < s->n_steps && s->steps[b].field == field)
        b++;
    if (a == b)
        return;
    double *d = w->draws;
    const double cell = d[field];
    double ref = s->steps[a].month == 1 ? w->step_draws[a] : cell;
    for (size_t k = a; !(ref > 0) && k < b; k++)
        ref = w->step_draws[k];
    if (!(ref > 0)) {
        d[field] = 0; /* a plan of zeros */
        return;
    }
    double level = cell;
    size_t k = a;
    for (int i = 0; i < w->months; i++) {
        for (; k < b && s->steps[k].month == i + 1; k++)
            level = w->step_draws[k];
        shape[i] *= level / ref;
    }
    d[field] = ref;
}

/* Months 1..months of a trial whose cells are drawn (w->draws). SPEC §11 --antithetic: on a
 * mirror (mirrored) every month makes every draw, needed or not (a trial and its partner may
 * differ in whether a spike happens or a walk moves), so the two stay in step; the plain draws
 * are those of before. Called with a constant `mirrored`, so each case compiles on its own.
 * The walks W and V are kept month by month and exponentiated afterwards, a whole path at once
 * (tco_vexp: vectorised, the same bits for any length; measured: exp was a tenth of the run).
 * SPEC §10's grouped inputs are summed on the way: the shocks a walk uses, and the spikes. */
static inline void walk(tco_workload *w, const tco_scenario *s, gsl_rng *r, bool mirrored)
{
    const double *d = w->draws;
    const double seat_vol = d[TCO_SCN_SEAT_VOLATILITY];
    const double vol_vol = d[TCO_SCN_VOLUME_VOLATILITY];
    const double spike_p = d[TCO_SCN_SPIKE_PROBABILITY];
    /* Growth and discount factors are running products: one multiplication a month instead of
     * an exp() each (they were a tenth of the run); the rounding they add, ~1e-16 a month, is
     * far inside a cent. Seat growth, whose product is rounded to whole seats with a tolerance
     * of a few ulps, runs in long double (x86-64: a 64-bit mantissa, 2^-64 a month), so that
     * 10,000 x 1.1^4 = 14,641 is not 5 ulps above it after a year of double products; where
     * long double is double this is the plain product. */
    const long double seat_g = 1.0L + (long double)d[TCO_SCN_SEAT_GROWTH];
    const double notif_g = 1 + d[TCO_SCN_NOTIFICATION_GROWTH];
    const double api_g = 1 + d[TCO_SCN_API_GROWTH];
    const double esc = 1 + d[TCO_SCN_PRICE_ESCALATION];
    const double disc = exp(-log1p(d[TCO_SCN_DISCOUNT_RATE]) / 12); /* (1+r)^(-1/12) */
    double W = 0, V = 0, esc_factor = 1;
    long double seat_growth = 1;
    double notif_growth = 1, api_growth = 1, discount = 1;
    double seat_z = 0, volume_z = 0, spike_sum = 0; /* SPEC §10's grouped inputs */
    const size_t n = (size_t)w->months;
    double *walk_w = w->walk, *walk_v = w->walk + n, *spikes = w->walk + 2 * n;
    for (int m = 1; m <= w->months; m++) {
        const int i = m - 1;
        if (m > 1) {
            const double zs = mirrored ? tco_mirror_normal(r)
                                       : seat_vol > 0 ? gsl_ran_gaussian_ziggurat(r, 1.0) : 0;
            const double zv = mirrored ? tco_mirror_normal(r)
                                       : vol_vol > 0 ? gsl_ran_gaussian_ziggurat(r, 1.0) : 0;
            if (seat_vol > 0) {
                W += seat_vol * zs - seat_vol * seat_vol / 2;
                seat_z += zs;
            }
            if (vol_vol > 0) {
                V += vol_vol * zv - vol_vol * vol_vol / 2;
                volume_z += zv;
            }
            seat_growth *= seat_g;
            notif_growth *= notif_g;
            api_growth *= api_g;
            discount *= disc;
        }
        double spike = 1;
        if (mirrored) {
            const double u = gsl_rng_uniform(r), multiplier = tco_scenario_draw_spike(s, r);
            spike = u < spike_p ? multiplier : 1;
        } else if (spike_p > 0 && tco_rng_uniform(r) < spike_p) {
            spike = tco_scenario_draw_spike(s, r);
        }
        spike_sum += spike - 1;
        walk_w[i] = W;
        walk_v[i] = V;
        spikes[i] = spike;
        w->seat_shape[i] = (double)seat_growth;
        w->notif_shape[i] = notif_growth;
        w->api_shape[i] = api_growth;
        w->discount[i] = discount;
        if (i > 0 && i % 12 == 0)
            esc_factor *= esc; /* SPEC §4: a step at months 13, 25, ... */
        w->escalation[i] = esc_factor;
    }
    if (seat_vol > 0)
        tco_vexp(walk_w, walk_w, n);
    if (vol_vol > 0)
        tco_vexp(walk_v, walk_v, n);
    for (size_t i = 0; i < n; i++) {
        const double volume = (vol_vol > 0 ? walk_v[i] : 1) * spikes[i];
        if (seat_vol > 0)
            w->seat_shape[i] *= walk_w[i]; /* the seat path x exp(W) */
        w->notif_shape[i] *= volume;
        w->api_shape[i] *= volume;
    }
    const double shocks = w->months > 1 ? w->months - 1 : 1;
    w->seat_noise = seat_z / shocks;
    w->volume_noise = volume_z / shocks;
    w->spikes = spike_sum;
}

void tco_workload_sample(tco_workload *w, const tco_scenario *s, gsl_rng *r)
{
    double *d = w->draws;
    tco_scenario_draw(s, r, d);
    w->n_steps = s->n_steps;
    for (size_t i = 0; i < s->n_steps; i++)
        w->step_draws[i] =
            tco_scenario_draw_field(s->steps[i].field, &s->steps[i].level, w->schedule_rng);
    if (s->copula && w->copula_rng)
        tco_copula_draw(s->copula, w->copula_rng, d);
    if (tco_mirror_is(r))
        walk(w, s, r, true);
    else
        walk(w, s, r, false);
    if (s->n_steps) {
        /* SPEC §12.1: a scheduled quantity's growth is 0 (tco_schedule_bind), so its shape is
         * its noise (and spikes) alone, and the plan is the deterministic level under it */
        apply_plan(w, s, TCO_SCN_SEATS, w->seat_shape);
        apply_plan(w, s, TCO_SCN_NOTIFICATIONS, w->notif_shape);
        apply_plan(w, s, TCO_SCN_API_REQUESTS, w->api_shape);
    }
    w->phone_numbers = tco_workload_whole(d[TCO_SCN_PHONE_NUMBERS]);
    tco_workload_apply(w, d[TCO_SCN_SEATS], d[TCO_SCN_NOTIFICATIONS]);
}

void tco_workload_apply(tco_workload *w, double seats_1, double notifications_1)
{
    const double *d = w->draws;
    const double sms_per_seat = d[TCO_SCN_INTERNAL_SMS_PER_SEAT];
    const double voice_per_seat = d[TCO_SCN_VOICE_MINUTES_PER_SEAT];
    const double api_1 = d[TCO_SCN_API_REQUESTS];
    for (int i = 0; i < w->months; i++) {
        const double seats = tco_workload_whole(seats_1 * w->seat_shape[i]);
        w->seats[i] = seats;
        w->internal_sms[i] = sms_per_seat * seats;
        w->voice[i] = voice_per_seat * seats;
        w->notifications[i] = notifications_1 * w->notif_shape[i];
        w->api[i] = api_1 * w->api_shape[i];
    }
}
