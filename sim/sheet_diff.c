/* SPDX-License-Identifier: MIT */
/* sheet_diff: what changed between two sheets of one plan, and which options it moves (see
 * tco/sheet_diff.h). */
#include "tco/sheet_diff.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tco/csvwrite.h"
#include "tco/xalloc.h"

void tco_sheet_diff_format_value(char *buf, size_t size, const tco_value *v)
{
    char a[32], b[32], c[32];
    tco_csvw_format_number(a, sizeof a, v->a);
    tco_csvw_format_number(b, sizeof b, v->b);
    tco_csvw_format_number(c, sizeof c, v->c);
    switch (v->dist) {
    case TCO_DIST_CONST: snprintf(buf, size, "%s", a); break;
    case TCO_DIST_UNIFORM: snprintf(buf, size, "uniform(%s,%s)", a, b); break;
    case TCO_DIST_NORMAL: snprintf(buf, size, "normal(%s,%s)", a, b); break;
    case TCO_DIST_LOGNORMAL: snprintf(buf, size, "lognormal(%s,%s)", a, b); break;
    case TCO_DIST_TRIANGULAR: snprintf(buf, size, "triangular(%s,%s,%s)", a, b, c); break;
    case TCO_DIST_PERT: snprintf(buf, size, "pert(%s,%s,%s)", a, b, c); break;
    case TCO_DIST_CI90_NORMAL:
    case TCO_DIST_CI90_LOGNORMAL: snprintf(buf, size, "ci90(%s,%s)", a, b); break;
    case TCO_DIST_POISSON: snprintf(buf, size, "poisson(%s)", a); break;
    }
}

/* Two cells say the same when they have the same distribution and parameters as written (the
 * derived p, q follow from those). */
static bool same_value(const tco_value *x, const tco_value *y)
{
    return x->dist == y->dist && x->a == y->a && x->b == y->b && x->c == y->c;
}

/* Appends `item` (taken: freed with the list). */
static void list_take(tco_change_list *l, char *item)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 4;
        l->items = tco_xreallocarray(l->items, l->cap, sizeof *l->items);
    }
    l->items[l->n++] = item;
}

void tco_sheet_diff_changes_fini(tco_change_list *l)
{
    if (!l)
        return;
    for (size_t k = 0; k < l->n; k++)
        free(l->items[k]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* "0–150000" or "150000+" (a tier's bounds as the sheet counts them). */
static void format_tier(char *buf, size_t size, const tco_tier *t)
{
    char lo[32], hi[32];
    tco_csvw_format_number(lo, sizeof lo, t->lo);
    if (isinf(t->hi)) {
        snprintf(buf, size, "%s+", lo);
    } else {
        tco_csvw_format_number(hi, sizeof hi, t->hi);
        snprintf(buf, size, "%s–%s", lo, hi);
    }
}

static bool single_open_tier(const tco_item_price *ip)
{
    return ip->n_tiers == 1 && ip->tiers[0].lo == 0 && isinf(ip->tiers[0].hi);
}

static bool same_bounds(const tco_item_price *x, const tco_item_price *y)
{
    if (x->n_tiers != y->n_tiers)
        return false;
    for (size_t t = 0; t < x->n_tiers; t++)
        if (x->tiers[t].lo != y->tiers[t].lo || x->tiers[t].hi != y->tiers[t].hi)
            return false;
    return true;
}

/* "0.0083" for one open tier, else "0.0083 (0–150000), 0.0081 (150000+)"; caller frees. */
static char *format_schedule(const tco_prices *p, const tco_item_price *ip)
{
    char *s = tco_xstrdup("");
    char v[128], tier[80];
    for (size_t t = 0; t < ip->n_tiers; t++) {
        tco_sheet_diff_format_value(v, sizeof v, &p->values[ip->tiers[t].price]);
        char *next;
        if (single_open_tier(ip)) {
            next = tco_xasprintf("%s%s%s", s, t ? ", " : "", v);
        } else {
            format_tier(tier, sizeof tier, &ip->tiers[t]);
            next = tco_xasprintf("%s%s%s (%s)", s, t ? ", " : "", v, tier);
        }
        free(s);
        s = next;
    }
    return s;
}

void tco_sheet_diff_plan_changes(const tco_prices *p, const tco_plan *a, const tco_plan *b,
                                 tco_change_list *out)
{
    memset(out, 0, sizeof *out);
    tco_change_list *l = out;
    char x[128], y[128], tier[80], inc_a[32], inc_b[32];
    if (a->model != b->model)
        list_take(l, tco_xasprintf("model: %s → %s", tco_model_name(a->model),
                                  tco_model_name(b->model)));
    for (int item = 0; item < TCO_N_ITEMS; item++) {
        const tco_item_price *ia = &a->items[item], *ib = &b->items[item];
        const char *name = tco_item_name((tco_item)item);
        tco_csvw_format_number(inc_a, sizeof inc_a, ia->included);
        tco_csvw_format_number(inc_b, sizeof inc_b, ib->included);
        if (ia->n_tiers == 0 && ib->n_tiers == 0)
            continue;
        if (ia->n_tiers == 0) {
            char *s = format_schedule(p, ib);
            if (ib->included > 0)
                list_take(l, tco_xasprintf("%s: added %s (%s included)", name, s, inc_b));
            else
                list_take(l, tco_xasprintf("%s: added %s", name, s));
            free(s);
            continue;
        }
        if (ib->n_tiers == 0) {
            list_take(l, tco_xasprintf("%s: removed", name));
            continue;
        }
        if (same_bounds(ia, ib)) {
            for (size_t t = 0; t < ia->n_tiers; t++) {
                const tco_value *va = &p->values[ia->tiers[t].price];
                const tco_value *vb = &p->values[ib->tiers[t].price];
                if (same_value(va, vb))
                    continue;
                tco_sheet_diff_format_value(x, sizeof x, va);
                tco_sheet_diff_format_value(y, sizeof y, vb);
                if (single_open_tier(ia)) {
                    list_take(l, tco_xasprintf("%s: %s → %s", name, x, y));
                } else {
                    format_tier(tier, sizeof tier, &ia->tiers[t]);
                    list_take(l, tco_xasprintf("%s tier %s: %s → %s", name, tier, x, y));
                }
            }
        } else {
            char *sa = format_schedule(p, ia), *sb = format_schedule(p, ib);
            list_take(l, tco_xasprintf("%s tiers: %s → %s", name, sa, sb));
            free(sa);
            free(sb);
        }
        if (ia->included != ib->included)
            list_take(l, tco_xasprintf("%s included: %s → %s", name, inc_a, inc_b));
    }
}

void tco_sheet_diff_build(tco_sheet_diff *d, const tco_prices *p, const tco_option_set *set)
{
    memset(d, 0, sizeof *d);
    /* Each plan with the latest earlier sheet's plan of the same (vendor, plan): sheets load
     * in order, so that one is "old" and this one "new". */
    d->plans = tco_xcalloc(p->n_plans + 1, sizeof *d->plans);
    for (size_t nb = 0; nb < p->n_plans; nb++) {
        const tco_plan *b = &p->plans[nb];
        size_t best = SIZE_MAX;
        for (size_t na = 0; na < p->n_plans; na++) {
            const tco_plan *a = &p->plans[na];
            if (a->sheet < b->sheet && strcmp(a->vendor, b->vendor) == 0 &&
                strcmp(a->plan, b->plan) == 0 &&
                (best == SIZE_MAX || a->sheet > p->plans[best].sheet))
                best = na;
        }
        if (best == SIZE_MAX)
            continue;
        tco_plan_change *pc = &d->plans[d->n_plans++];
        pc->old_plan = best;
        pc->new_plan = nb;
        tco_sheet_diff_plan_changes(p, &p->plans[best], b, &pc->changes);
    }
    /* Options: the old plan's, each with its counterpart that differs in that plan only. */
    size_t cap = 0;
    for (size_t k = 0; k < d->n_plans; k++) {
        const long a = (long)d->plans[k].old_plan, b = (long)d->plans[k].new_plan;
        for (size_t o = 0; o < set->n; o++) {
            const tco_option *opt = &set->items[o];
            size_t twin = SIZE_MAX;
            if (opt->ucaas_plan == a)
                twin = tco_options_find(set, opt->kind, b, opt->cpaas_plan, opt->migrate_month);
            else if (opt->cpaas_plan == a)
                twin = tco_options_find(set, opt->kind, opt->ucaas_plan, b, opt->migrate_month);
            if (twin == SIZE_MAX)
                continue;
            if (d->n_options == cap) {
                cap = cap ? 2 * cap : 8;
                d->options = tco_xreallocarray(d->options, cap, sizeof *d->options);
            }
            d->options[d->n_options++] = (tco_option_change){o, twin, k};
        }
    }
}

void tco_sheet_diff_fini(tco_sheet_diff *d)
{
    if (!d)
        return;
    for (size_t k = 0; k < d->n_plans; k++)
        tco_sheet_diff_changes_fini(&d->plans[k].changes);
    free(d->plans);
    free(d->options);
    memset(d, 0, sizeof *d);
}
