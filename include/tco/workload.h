/* SPDX-License-Identifier: MIT */
/* workload: one trial's draws and its month-by-month workload (SPEC §4 "The workload, month by
 * month").
 *
 * A sample keeps the random shape of each path apart from its month-1 level: seats are
 * seats_1 x seat_shape[m], notifications notifications_1 x volume_shape[m] x spike[m], API
 * requests api_1 x api_shape[m] x spike[m]. The break-even search re-prices a trial at another
 * month-1 level with every other draw unchanged by calling tco_workload_apply again.
 *
 * SPEC §12.1 schedules: a quantity with planned levels P(m) (the scenario's cell before its first
 * step) has the shape P(m) / R x its noise (and spikes), and its draws[] entry is R, the path's
 * reference level: P(1), or where P(1) is 0 (a product launched later) the first planned level
 * that is not 0. So the level given to tco_workload_apply scales the whole planned path by one
 * factor, and reads as the level of month 1 (or of that first month). A plan of zeros is the
 * path 0: R is 0 and the shape is its noise alone.
 */
#ifndef TCO_WORKLOAD_H
#define TCO_WORKLOAD_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "tco/scenario.h"

typedef struct tco_workload {
    int months;
    double draws[TCO_SCN_N_FIELDS]; /* every cell as drawn for this trial */
    /* shapes, index m-1 for month m */
    double *seat_shape;    /* (1+seat_growth)^(m-1) exp(W_m) */
    double *notif_shape;   /* (1+notification_growth)^(m-1) exp(V_m) x spike multiplier */
    double *api_shape;     /* (1+api_growth)^(m-1) exp(V_m) x spike multiplier */
    double *discount;      /* (1+discount_rate)^(-(m-1)/12) */
    double *escalation;    /* (1+price_escalation)^floor((m-1)/12) */
    /* quantities, filled by tco_workload_apply */
    double *seats;         /* whole seats */
    double *internal_sms;  /* internal_sms_per_seat x whole seats */
    double *voice;         /* voice_minutes_per_seat x whole seats */
    double *notifications;
    double *api;
    double phone_numbers;  /* whole numbers rented each month */
    /* SPEC §10's grouped month-to-month inputs of the trial: the mean of its seat and volume
     * walks' standard normal shocks (0 where a walk draws none), and the sum over its months of
     * the spike multiplier minus 1 (0 in a month without a spike) */
    double seat_noise, volume_noise, spikes;
    /* SPEC §12.1: the trial's draw of each planned level, step_draws[i] for the scenario's
     * steps[i] (tco_scenario.steps; tco/schedule.h names them for sensitivity); n_steps of
     * them, 0 without a schedule. Drawn from schedule_rng, a stream of the schedule's own, so
     * that a run without a schedule draws exactly what it drew before schedules existed. */
    double *step_draws;    /* [3 x months] */
    size_t n_steps;
    gsl_rng *schedule_rng; /* owned */
    /* SPEC §12.3: the stream of the scenario's copula (s->copula), given and seated by the
     * engine (borrowed); NULL (tco_workload_init's) draws no correlated inputs, as for a trial
     * at the means */
    gsl_rng *copula_rng;
    double *walk;          /* [3 months] scratch of tco_workload_sample: W, V, spike */
} tco_workload;

/* Allocates the monthly arrays for a horizon of `months` (1..600). */
void tco_workload_init(tco_workload *w, int months);
void tco_workload_fini(tco_workload *w);

/* Re-seats the schedule's stream on block `block` of scenario `scenario` (tco/rng.h: the
 * stream named "schedule"), as the engine seats the workload's; a scenario without a schedule
 * never draws from it. */
void tco_workload_seed_schedule(tco_workload *w, uint64_t seed, uint64_t scenario,
                                uint64_t block);

/* One trial: draws every cell once, walks months 1..months (the random walks and spikes), and
 * applies the drawn month-1 levels. The order of draws is fixed, so a stream gives the same
 * workload every time. The scenario's planned levels (s->steps) are drawn from
 * w->schedule_rng, in the order of the steps.
 * With s->copula and w->copula_rng, the correlated inputs are then drawn
 * again through the copula from w->copula_rng, replacing their first draws: r spends what it
 * always spends, so every other draw is as without correlations. */
void tco_workload_sample(tco_workload *w, const tco_scenario *s, gsl_rng *r);

/* Recomputes the quantities from the shapes for month-1 levels seats_1 and notifications_1
 * (API requests and the other draws as sampled). Whole seats round up (tco_workload_whole). */
void tco_workload_apply(tco_workload *w, double seats_1, double notifications_1);

/* Rounds a real count up to a whole one, except that a value at most 4 units in the last place
 * above a whole number is that number (floating-point error: 10 x 1.1 = 11.000000000000002 is
 * 11); 999,999,999.5 is 1,000,000,000. 0 for x <= 0 or NaN. */
double tco_workload_whole(double x);

#endif
