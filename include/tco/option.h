/* SPDX-License-Identifier: MIT */
/* option: the options of a scenario (SPEC §6): every UCaaS plan (`ucaas:V/P`), every CPaaS plan
 * (`cpaas:V/P`) and every pair as a hybrid (`hybrid:UV/UP+CV/CP`), and whether each is offered.
 *
 * A CPaaS plan must price every usage kind that its part of the workload has (SPEC §5): the
 * whole workload for `cpaas:` (sms = internal + notifications, voice, api), only customer
 * traffic for the CPaaS part of a hybrid (sms = notifications, api). Fixed fees (seat, number,
 * platform, setup) are charged when priced and never make an option unavailable.
 */
#ifndef TCO_OPTION_H
#define TCO_OPTION_H

#include <stdbool.h>
#include <stddef.h>

#include "tco/pricesheet.h"
#include "tco/scenario.h"

/* TCO_OPTION_MIGRATE (SPEC §12.2): `migrate:U+C@k`, billed as ucaas:U in months 1..k-1 and as
 * hybrid:U+C from month k on. */
typedef enum tco_option_kind {
    TCO_OPTION_UCAAS,
    TCO_OPTION_CPAAS,
    TCO_OPTION_HYBRID,
    TCO_OPTION_MIGRATE
} tco_option_kind;

typedef struct tco_option {
    tco_option_kind kind;
    char *name;          /* "ucaas:Vendor/Plan", ...; owned */
    long ucaas_plan;     /* index into tco_prices.plans, -1 when unused */
    long cpaas_plan;
    bool offered;
    char *not_offered_why; /* e.g. "does not price voice"; owned, NULL when offered */
    char *note;          /* a caveat the reader must see, e.g. customer traffic carried at no
                          * charge by a UCaaS plan that prices no sms; owned, may be NULL */
    int migrate_month;   /* TCO_OPTION_MIGRATE: k, the first month on the hybrid; else 0 */
} tco_option;

typedef struct tco_option_set {
    tco_option *items;
    size_t n;
} tco_option_set;

/* Builds the options of scenario s over the plans of p, in a fixed order: UCaaS plans, CPaaS
 * plans, then hybrids (UCaaS-major), each in sheet order; then, when s has migrate_month, for
 * each hybrid in that order its migrations `migrate:U+C@k`, k ascending. A migration is
 * offered when its hybrid is, and carries ucaas:U's note (its traffic before month k). */
void tco_options_build(tco_option_set *set, const tco_prices *p, const tco_scenario *s);

/* The number of options tco_options_build makes for s over p (the run's size checks). */
size_t tco_options_count(const tco_prices *p, const tco_scenario *s);

/* The option of `set` whose kind and plans are given (migrate_month 0 but for a migration),
 * or SIZE_MAX: how a migration finds the ucaas:U and hybrid:U+C it is compared with. */
size_t tco_options_find(const tco_option_set *set, tco_option_kind kind, long ucaas_plan,
                        long cpaas_plan, int migrate_month);
void tco_options_fini(tco_option_set *set);

#endif
