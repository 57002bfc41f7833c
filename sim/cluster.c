/* SPDX-License-Identifier: MIT */
/* cluster: the one process of the plain build (see tco/cluster.h); sim/mpi_driver.c replaces
 * it in the MPI build. */
#include "tco/cluster.h"

void tco_cluster_start(int *argc, char ***argv)
{
    (void)argc, (void)argv;
}

bool tco_cluster_writes(void)
{
    return true;
}

tco_status tco_cluster_simulate(const tco_prices *p, const tco_cluster_job *jobs, size_t n,
                                tco_result *results, size_t *n_done)
{
    *n_done = 0;
    for (size_t i = 0; i < n; i++) {
        const tco_status st = tco_engine_run(jobs[i].scenario, p, &jobs[i].cfg, &results[i]);
        ++*n_done;
        if (st != TCO_OK)
            return st;
    }
    return TCO_OK;
}

tco_status tco_cluster_finish(tco_status st)
{
    return st;
}
