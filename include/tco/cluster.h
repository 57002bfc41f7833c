/* SPDX-License-Identifier: MIT */
/* cluster: the processes that share one command's work (SPEC §13), behind one interface with
 * two implementations, one of them linked in: sim/cluster.c, the one process of the plain
 * build; sim/mpi_driver.c, the ranks of `mpirun -np N tcosim ...` in the MPI build
 * (`make MPI=1`).
 *
 * Every process runs the same command on the same inputs (a cluster shares its files), loads
 * them and sees the same errors; only the writer (rank 0) prints and writes --out: the others'
 * standard output and error go to /dev/null from tco_cluster_start on. tco_cluster_simulate
 * spreads the blocks of every scenario over the processes; the writer gets every result, the
 * same bits as one process, and the others none.
 */
#ifndef TCO_CLUSTER_H
#define TCO_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "tco/diag.h"
#include "tco/engine.h"
#include "tco/pricesheet.h"
#include "tco/scenario.h"

/* Joins the processes of the run (MPI_Init), before anything is printed. */
void tco_cluster_start(int *argc, char ***argv);
/* Whether this process prints and writes the command's output: the one process, or rank 0. */
bool tco_cluster_writes(void);

/* One scenario of a batch and the engine configuration it runs with (its threads in this
 * process, its observers, the cancel flag, the progress display). */
typedef struct tco_cluster_job {
    const tco_scenario *scenario;
    tco_engine_config cfg;
} tco_cluster_job;

/* Runs every job in order. The writer gets results[0 .. *n_done - 1] (free each with
 * tco_result_fini; *n_done counts an interrupted scenario's too), the others *n_done = 0.
 * Returns TCO_OK; TCO_EINTERRUPTED when a cancel flag was set (a stop signal, which mpirun
 * sends every rank when it is interrupted or a rank dies); TCO_ESOFTWARE, said in one line,
 * when the processes do not agree on the work (they loaded different inputs) or their
 * messages are broken. */
tco_status tco_cluster_simulate(const tco_prices *p, const tco_cluster_job *jobs, size_t n,
                                tco_result *results, size_t *n_done);

/* Ends the run with the command's status st; returns the status to exit with (the writer's,
 * on every rank). An interrupted run ends at once: the other ranks may be gone. */
tco_status tco_cluster_finish(tco_status st);

#endif
