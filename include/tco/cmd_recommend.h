/* SPDX-License-Identifier: MIT */
/* cmd_recommend: `tcosim recommend`: the decision rules of SPEC §7 for every scenario, beside
 * the simulated TCO ranking, with a flag where the cheapest option disagrees with the rules. */
#ifndef TCO_CMD_RECOMMEND_H
#define TCO_CMD_RECOMMEND_H

#include <stdatomic.h>

#include "tco/cli.h"

/* Loads the price sheets and scenario files of o, evaluates the rules with o's thresholds,
 * simulates every scenario like `run` (--prices, --trials, --seed, --threads) and prints the
 * table, CSV (SPEC §7) or JSON document on standard output. Returns the worst status met: a
 * bad scenario file is reported and skipped (SPEC §2), a bad price sheet stops the command,
 * *stop set by a signal gives TCO_EINTERRUPTED and no output, a failed write TCO_ECANTCREAT. */
tco_status tco_cmd_recommend(const tco_options *o, const atomic_int *stop);

#endif
