/* SPDX-License-Identifier: MIT */
/* option: enumerating a scenario's options and deciding which are offered (SPEC §5-§6). */
#include "tco/option.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tco/xalloc.h"

/* The usage kinds a CPaaS plan must price: SPEC §5 "has" = the cell is not constantly zero. */
static char *missing_usage(const tco_plan *plan, bool sms, bool voice, bool api)
{
    const char *missing[3];
    size_t n = 0;
    if (sms && !plan->items[TCO_ITEM_SMS].n_tiers)
        missing[n++] = "sms";
    if (voice && !plan->items[TCO_ITEM_VOICE].n_tiers)
        missing[n++] = "voice";
    if (api && !plan->items[TCO_ITEM_API].n_tiers)
        missing[n++] = "api";
    if (n == 0)
        return NULL;
    if (n == 1)
        return tco_xasprintf("%s does not price %s", plan->name, missing[0]);
    if (n == 2)
        return tco_xasprintf("%s does not price %s or %s", plan->name, missing[0], missing[1]);
    return tco_xasprintf("%s does not price %s, %s or %s", plan->name, missing[0], missing[1],
                         missing[2]);
}

/* SPEC §5: a UCaaS plan covers all usage it does not price. For internal usage that is what
 * UCaaS sells; for customer traffic (notifications, API requests) it is rarely so, so say it
 * where a reader would otherwise take a free ride for a result. */
static char *ucaas_caveat(const tco_plan *plan, bool notifications, bool api)
{
    bool sms_free = notifications && !plan->items[TCO_ITEM_SMS].n_tiers;
    bool api_free = api && !plan->items[TCO_ITEM_API].n_tiers;
    if (!sms_free && !api_free)
        return NULL;
    return tco_xasprintf("%s prices no %s: its customer %s carried at no charge "
                         "(tcosim-prices(5): a UCaaS plan covers the usage it does not price); "
                         "add the vendor's rate to the sheet if it bills one",
                         plan->name, sms_free && api_free ? "sms or api" : sms_free ? "sms" : "api",
                         sms_free && api_free ? "notifications and API requests are"
                         : sms_free           ? "notifications are"
                                              : "API requests are");
}

/* SPEC §8.1: a `cpaas:` option carries the staff too; with seats and none of the three staff
 * columns, say that it does so for free (the result would crown it for the price of its
 * minutes). */
static char *cpaas_staff_caveat(const tco_plan *plan, const tco_scenario *s)
{
    if (!tco_scenario_has(s, TCO_SCN_SEATS) ||
        !tco_value_is_zero(&s->v[TCO_SCN_CPAAS_STAFF_BUILD_HOURS]) ||
        !tco_value_is_zero(&s->v[TCO_SCN_CPAAS_STAFF_MAINTENANCE_HOURS]) ||
        !tco_value_is_zero(&s->v[TCO_SCN_CPAAS_COST_PER_SEAT]))
        return NULL;
    return tco_xasprintf("cpaas:%s carries the staff at no cost of building their telephony "
                         "(softphones, routing, voicemail); give cpaas_staff_build_hours, "
                         "cpaas_staff_maintenance_hours or cpaas_cost_per_seat "
                         "(tcosim-scenario(5))",
                         plan->name);
}

void tco_options_build(tco_option_set *set, const tco_prices *p, const tco_scenario *s)
{
    const bool internal_sms = !tco_value_is_zero(&s->v[TCO_SCN_INTERNAL_SMS_PER_SEAT]);
    const bool notifications = tco_scenario_has(s, TCO_SCN_NOTIFICATIONS); /* SPEC §12.1 too */
    const bool voice = !tco_value_is_zero(&s->v[TCO_SCN_VOICE_MINUTES_PER_SEAT]);
    const bool api = tco_scenario_has(s, TCO_SCN_API_REQUESTS);
    set->n = 0;
    set->items = tco_xcalloc(tco_options_count(p, s) + 1, sizeof *set->items);
    for (size_t i = 0; i < p->n_plans; i++)
        if (p->plans[i].model == TCO_MODEL_UCAAS)
            set->items[set->n++] = (tco_option){TCO_OPTION_UCAAS,
                                                tco_xasprintf("ucaas:%s", p->plans[i].name),
                                                (long)i, -1, true, NULL,
                                                ucaas_caveat(&p->plans[i], notifications, api), 0};
    for (size_t i = 0; i < p->n_plans; i++)
        if (p->plans[i].model == TCO_MODEL_CPAAS) {
            char *why = missing_usage(&p->plans[i], internal_sms || notifications, voice, api);
            set->items[set->n++] = (tco_option){TCO_OPTION_CPAAS,
                                                tco_xasprintf("cpaas:%s", p->plans[i].name), -1,
                                                (long)i, why == NULL, why,
                                                cpaas_staff_caveat(&p->plans[i], s), 0};
        }
    for (size_t u = 0; u < p->n_plans; u++) {
        if (p->plans[u].model != TCO_MODEL_UCAAS)
            continue;
        for (size_t c = 0; c < p->n_plans; c++) {
            if (p->plans[c].model != TCO_MODEL_CPAAS)
                continue;
            char *why = missing_usage(&p->plans[c], notifications, false, api);
            set->items[set->n++] = (tco_option){
                TCO_OPTION_HYBRID,
                tco_xasprintf("hybrid:%s+%s", p->plans[u].name, p->plans[c].name), (long)u,
                (long)c, why == NULL, why, NULL, 0};
        }
    }
    /* SPEC §12.2: each hybrid's migrations, in the hybrids' order; set->items[u_option]
     * is ucaas:U (the UCaaS options come first, in plan order) */
    const size_t n_hybrid_end = set->n;
    for (size_t h = 0; h < n_hybrid_end && s->n_migrate > 0; h++) {
        const tco_option *hy = &set->items[h];
        if (hy->kind != TCO_OPTION_HYBRID)
            continue;
        const size_t u = tco_options_find(set, TCO_OPTION_UCAAS, hy->ucaas_plan, -1, 0);
        const char *u_note = set->items[u].note;
        for (int i = 0; i < s->n_migrate; i++) {
            const tco_option mig = {
                TCO_OPTION_MIGRATE,
                tco_xasprintf("migrate:%s+%s@%d", p->plans[hy->ucaas_plan].name,
                              p->plans[hy->cpaas_plan].name, s->migrate_month[i]),
                hy->ucaas_plan, hy->cpaas_plan, hy->offered,
                hy->not_offered_why ? tco_xstrdup(hy->not_offered_why) : NULL,
                u_note ? tco_xstrdup(u_note) : NULL, s->migrate_month[i]};
            set->items[set->n++] = mig;
        }
    }
}

size_t tco_options_count(const tco_prices *p, const tco_scenario *s)
{
    size_t n_u = 0, n_c = 0;
    for (size_t i = 0; i < p->n_plans; i++)
        p->plans[i].model == TCO_MODEL_UCAAS ? n_u++ : n_c++;
    return tco_option_count(n_u, n_c) + n_u * n_c * (size_t)s->n_migrate;
}

size_t tco_options_find(const tco_option_set *set, tco_option_kind kind, long ucaas_plan,
                        long cpaas_plan, int migrate_month)
{
    for (size_t o = 0; o < set->n; o++) {
        const tco_option *x = &set->items[o];
        if (x->kind == kind && x->ucaas_plan == ucaas_plan && x->cpaas_plan == cpaas_plan &&
            x->migrate_month == migrate_month)
            return o;
    }
    return SIZE_MAX;
}

void tco_options_fini(tco_option_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++) {
        free(set->items[i].name);
        free(set->items[i].not_offered_why);
        free(set->items[i].note);
    }
    free(set->items);
    set->items = NULL;
    set->n = 0;
}
