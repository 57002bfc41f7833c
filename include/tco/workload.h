/* SPDX-License-Identifier: MIT */
/* workload: one trial's draws and its month-by-month workload (SPEC §4 "The workload, month by
 * month").
 *
 * A sample keeps the random shape of each path apart from its month-1 level: seats are
 * seats_1 x seat_shape[m], notifications notifications_1 x volume_shape[m] x spike[m], API
 * requests api_1 x api_shape[m] x spike[m]. The break-even search re-prices a trial at another
 * month-1 level with every other draw unchanged by calling tco_workload_apply again.
 */
#ifndef TCO_WORKLOAD_H
#define TCO_WORKLOAD_H

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
    double *walk;          /* [3 months] scratch of tco_workload_sample: W, V, spike */
} tco_workload;

/* Allocates the monthly arrays for a horizon of `months` (1..600). */
void tco_workload_init(tco_workload *w, int months);
void tco_workload_fini(tco_workload *w);

/* One trial: draws every cell once, walks months 1..months (the random walks and spikes), and
 * applies the drawn month-1 levels. The order of draws is fixed, so a stream gives the same
 * workload every time. */
void tco_workload_sample(tco_workload *w, const tco_scenario *s, gsl_rng *r);

/* Recomputes the quantities from the shapes for month-1 levels seats_1 and notifications_1
 * (API requests and the other draws as sampled). Whole seats round up (tco_workload_whole). */
void tco_workload_apply(tco_workload *w, double seats_1, double notifications_1);

/* Rounds a real count up to a whole one, except that a value at most 4 units in the last place
 * above a whole number is that number (floating-point error: 10 x 1.1 = 11.000000000000002 is
 * 11); 999,999,999.5 is 1,000,000,000. 0 for x <= 0 or NaN. */
double tco_workload_whole(double x);

#endif
