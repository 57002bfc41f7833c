/* SPDX-License-Identifier: MIT */
/* cmd_breakeven: `tcosim breakeven`: a deterministic sweep of every scenario over a grid of
 * month-1 seats x notifications (every input at its mean, no Monte Carlo): the cheapest option
 * of each cell and its margin, the break-even notification volume of each (ucaas, cpaas) pair
 * for each seat count, and where the source's rule of thumb holds for the given sheets. */
#ifndef TCO_CMD_BREAKEVEN_H
#define TCO_CMD_BREAKEVEN_H

#include <stdatomic.h>

#include "tco/cli.h"

/* Prints the sweep in o->format (table, csv = the grid rows, json) and, with --out DIR, writes
 * grid.csv and breakeven_frontier.csv there. Returns the worst status met: a bad scenario file
 * is reported and skipped (SPEC §2), a bad price sheet stops the command. */
tco_status tco_cmd_breakeven(const tco_options *o, const atomic_int *stop);

#endif
