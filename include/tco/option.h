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

typedef enum tco_option_kind { TCO_OPTION_UCAAS, TCO_OPTION_CPAAS, TCO_OPTION_HYBRID } tco_option_kind;

typedef struct tco_option {
    tco_option_kind kind;
    char *name;          /* "ucaas:Vendor/Plan", ...; owned */
    long ucaas_plan;     /* index into tco_prices.plans, -1 when unused */
    long cpaas_plan;
    bool offered;
    char *not_offered_why; /* e.g. "does not price voice"; owned, NULL when offered */
    char *note;          /* a caveat the reader must see, e.g. customer traffic carried at no
                          * charge by a UCaaS plan that prices no sms; owned, may be NULL */
} tco_option;

typedef struct tco_option_set {
    tco_option *items;
    size_t n;
} tco_option_set;

/* Builds the options of scenario s over the plans of p, in a fixed order: UCaaS plans, CPaaS
 * plans, then hybrids (UCaaS-major), each in sheet order. */
void tco_options_build(tco_option_set *set, const tco_prices *p, const tco_scenario *s);
void tco_options_fini(tco_option_set *set);

#endif
