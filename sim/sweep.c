/* SPDX-License-Identifier: MIT */
/* sweep: the deterministic sweep of `tcosim breakeven` (see tco/sweep.h): every cell of a
 * scenario at its mean (breakeven's tco_mean_trial), priced over a grid of seats x month-1
 * notifications, the frontier of every per-seat / per-transaction pair through breakeven's
 * root solver, and the probe of rule 3's region.
 */
#include "tco/sweep.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tco/defaults.h"
#include "tco/xalloc.h"

/* Grid points of one axis (see tco_sweep_config); returns how many (<= steps). */
static size_t axis_points(double lo, double hi, unsigned steps, bool log_scale, double *out)
{
    for (unsigned i = 0; i < steps; i++) {
        const double t = steps > 1 ? (double)i / (steps - 1) : 0;
        double x;
        if (!log_scale) {
            x = lo + t * (hi - lo);
        } else if (lo > 0) {
            x = lo * pow(hi / lo, t);
        } else {
            /* SPEC-free choice, documented in the header: 0, then geometric from HI/1000 */
            const double from = hi / 1000;
            x = i == 0 ? 0 : from * pow(hi / from, steps > 2 ? (double)(i - 1) / (steps - 2) : 1);
        }
        out[i] = x;
    }
    out[0] = lo;
    out[steps - 1] = hi;
    size_t n = steps;
    if (hi - lo >= steps - 1) {
        n = 0;
        for (unsigned i = 0; i < steps; i++) {
            const double x = round(out[i]);
            if (n == 0 || x > out[n - 1])
                out[n++] = x;
        }
    }
    return n;
}

typedef tco_mean_trial sweep_ws;

/* Prices every option at (seats, notifications); the two cheapest offered into *cell. */
static void price_cell(sweep_ws *ws, const tco_prices *p, const tco_option_set *set, double seats,
                       double notifications, tco_sweep_cell *cell)
{
    tco_mean_trial_at(ws, p, set, seats, notifications);
    cell->cheapest = cell->second = -1;
    cell->cheapest_tco = cell->second_tco = NAN;
    for (size_t o = 0; o < set->n; o++) {
        if (!set->items[o].offered)
            continue;
        const double x = ws->cost.total[o];
        if (cell->cheapest < 0 || x < cell->cheapest_tco) {
            cell->second = cell->cheapest;
            cell->second_tco = cell->cheapest_tco;
            cell->cheapest = (long)o;
            cell->cheapest_tco = x;
        } else if (cell->second < 0 || x < cell->second_tco) {
            cell->second = (long)o;
            cell->second_tco = x;
        }
    }
}

static void probe_rule(sweep_ws *ws, const tco_prices *p, const tco_option_set *set,
                       tco_sweep_rule *rule)
{
    memset(rule, 0, sizeof *rule);
    rule->fail_option = -1;
    rule->fail_seats = rule->fail_notifications = NAN;
    unsigned *fails = tco_xcalloc(set->n + 1, sizeof *fails);
    for (int i = 0; i < TCO_SWEEP_RULE_POINTS; i++) {
        const double seats = 1 + 8 * i; /* 1, 9, ..., 49: fewer than 50 */
        for (int j = 0; j < TCO_SWEEP_RULE_POINTS; j++) {
            /* more than 10,000: 10,001 to 1,000,000 */
            const double notifications =
                round(10001 * pow(1e6 / 10001, (double)j / (TCO_SWEEP_RULE_POINTS - 1)));
            tco_sweep_cell cell;
            price_cell(ws, p, set, seats, notifications, &cell);
            if (cell.cheapest < 0)
                continue;
            rule->n_points++;
            const tco_option_kind kind = set->items[cell.cheapest].kind;
            if (kind == TCO_OPTION_CPAAS) {
                rule->n_cpaas++;
                continue;
            }
            if (kind == TCO_OPTION_HYBRID || kind == TCO_OPTION_MIGRATE)
                rule->n_hybrid++;
            else
                rule->n_ucaas++;
            fails[cell.cheapest]++;
            if (isnan(rule->fail_notifications) || notifications > rule->fail_notifications ||
                (notifications == rule->fail_notifications && seats > rule->fail_seats)) {
                rule->fail_notifications = notifications;
                rule->fail_seats = seats;
            }
        }
    }
    for (size_t o = 0; o < set->n; o++)
        if (fails[o] > 0 && (rule->fail_option < 0 || fails[o] > fails[rule->fail_option]))
            rule->fail_option = (long)o;
    free(fails);
}

void tco_sweep_run(const tco_scenario *s, const tco_prices *p, const tco_sweep_config *cfg,
                   tco_sweep *out)
{
    memset(out, 0, sizeof *out);
    out->scenario = s;
    out->months = s->months;
    tco_options_build(&out->options, p, s);
    const tco_option_set *set = &out->options;

    sweep_ws ws;
    tco_mean_trial_init(&ws, s, p, set);
    out->mean_seats = ws.w.draws[TCO_SCN_SEATS];
    out->mean_notifications = ws.w.draws[TCO_SCN_NOTIFICATIONS];

    /* the grid */
    const unsigned steps = cfg->steps ? cfg->steps : TCO_DEFAULT_STEPS;
    const double seats_c = out->mean_seats > 1 ? out->mean_seats : 1;
    double s_lo = isnan(cfg->seats_lo) ? (seats_c / 4 > 1 ? seats_c / 4 : 1) : cfg->seats_lo;
    double s_hi = isnan(cfg->seats_hi) ? 4 * seats_c : cfg->seats_hi;
    const double notif_c = out->mean_notifications > 1000 ? out->mean_notifications : 1000;
    double n_lo = isnan(cfg->notifications_lo) ? 100 : cfg->notifications_lo;
    double n_hi = isnan(cfg->notifications_hi) ? 100 * notif_c : cfg->notifications_hi;
    const bool seats_log = cfg->scale == 2, notif_log = cfg->scale != 1;
    out->seats = tco_xcalloc(steps, sizeof *out->seats);
    out->notifications = tco_xcalloc(steps, sizeof *out->notifications);
    out->n_seats = axis_points(s_lo, s_hi, steps, seats_log, out->seats);
    out->n_notifications = axis_points(n_lo, n_hi, steps, notif_log, out->notifications);
    out->cells = tco_xcalloc(out->n_seats * out->n_notifications, sizeof *out->cells);
    for (size_t i = 0; i < out->n_seats; i++)
        for (size_t j = 0; j < out->n_notifications; j++)
            price_cell(&ws, p, set, out->seats[i], out->notifications[j],
                       &out->cells[i * out->n_notifications + j]);

    /* the frontier: break-even notifications of every pair at each row's seats */
    for (size_t u = 0; u < set->n; u++)
        for (size_t c = 0; c < set->n; c++)
            if (set->items[u].offered && set->items[u].kind == TCO_OPTION_UCAAS &&
                set->items[c].offered && set->items[c].kind == TCO_OPTION_CPAAS)
                out->n_pairs++;
    out->pair_u = tco_xcalloc(out->n_pairs + 1, sizeof *out->pair_u);
    out->pair_c = tco_xcalloc(out->n_pairs + 1, sizeof *out->pair_c);
    size_t k = 0;
    for (size_t u = 0; u < set->n; u++)
        for (size_t c = 0; c < set->n; c++)
            if (set->items[u].offered && set->items[u].kind == TCO_OPTION_UCAAS &&
                set->items[c].offered && set->items[c].kind == TCO_OPTION_CPAAS) {
                out->pair_u[k] = u;
                out->pair_c[k] = c;
                k++;
            }
    out->frontier = tco_xcalloc(out->n_seats * out->n_pairs + 1, sizeof *out->frontier);
    tco_breakeven_solver *solver = tco_breakeven_solver_alloc();
    for (size_t i = 0; i < out->n_seats; i++) {
        tco_sweep_cell unused;
        price_cell(&ws, p, set, out->seats[i], out->mean_notifications, &unused);
        for (k = 0; k < out->n_pairs; k++) {
            tco_breakeven_problem pb = {p, &set->items[out->pair_u[k]],
                                        &set->items[out->pair_c[k]], ws.price_draws, &ws.w,
                                        &ws.cost};
            double root;
            out->frontier[i * out->n_pairs + k] =
                tco_breakeven_solve(solver, &pb, TCO_BREAKEVEN_NOTIFICATIONS, &root) ? root : NAN;
        }
    }
    tco_breakeven_solver_free(solver);

    probe_rule(&ws, p, set, &out->rule);

    tco_mean_trial_fini(&ws);
}

void tco_sweep_fini(tco_sweep *sw)
{
    if (!sw)
        return;
    tco_options_fini(&sw->options);
    free(sw->seats);
    free(sw->notifications);
    free(sw->cells);
    free(sw->pair_u);
    free(sw->pair_c);
    free(sw->frontier);
    memset(sw, 0, sizeof *sw);
}
