/* SPDX-License-Identifier: MIT */
/* cmd_validate: `tcosim validate FILE...` (SPEC §2): every file checked, every problem printed
 * as one located line, nothing changed. */
#ifndef TCO_CMD_VALIDATE_H
#define TCO_CMD_VALIDATE_H

#include "tco/cli.h"

/* Returns TCO_OK, TCO_EDATA or TCO_ENOINPUT (the worst met). */
tco_status tco_cmd_validate(const tco_options *o);

#endif
