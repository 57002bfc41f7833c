/* SPDX-License-Identifier: MIT */
/* cmd_run: `tcosim run`: simulate every option of every scenario, print the report, export the
 * CSV files of SPEC §6. */
#ifndef TCO_CMD_RUN_H
#define TCO_CMD_RUN_H

#include <stdatomic.h>

#include "tco/cli.h"

/* Returns the worst status met: a bad scenario file is reported and skipped (SPEC §2), a bad
 * price sheet stops the run, *stop set by a signal gives TCO_EINTERRUPTED and no output. */
tco_status tco_cmd_run(const tco_options *o, const atomic_int *stop);

#endif
