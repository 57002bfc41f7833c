/* SPDX-License-Identifier: MIT */
/* mpi_driver: the ranks of `mpirun -np N tcosim ...` (tco/cluster.h, SPEC §13), linked in place
 * of sim/cluster.c by `make MPI=1`.
 *
 * The deal. Each scenario's blocks are cut into chunks of consecutive blocks, dealt round robin
 * to the ranks; the count runs on from one scenario to the next, so that a batch of small
 * scenarios is spread too. Every rank derives the same deal from what they all agree on (the
 * jobs, their block counts, the ranks, the most threads a rank has), and the one collective
 * at the start checks that they loaded the same work.
 *
 * The merge. Rank 0 walks the chunks in order: it runs its own with emit = merge, and for each
 * of another rank's receives that rank's block summaries (tco_engine_block_pack), in the order
 * that rank made them (MPI keeps the order of messages from one rank), and merges them; after
 * a scenario's chunks, the month-by-month sketches of every rank that ran some (integer
 * counts: any order). So rank 0 merges every block summary in block order: the same bits as
 * one process with any threads (tco_engine_run), whatever N and each rank's --threads.
 *
 * Memory. A rank sends at most WINDOW messages that rank 0 has not merged yet: rank 0 returns a
 * credit (an empty message) for each one it merged. So rank 0 holds one summary being merged
 * and at most (N - 1) x WINDOW waiting in MPI's buffers (WINDOW = 2 x the largest chunk + 1 <=
 * 8 x threads + 1), and each other rank at most WINDOW packed summaries, whatever the trial
 * count; what rank 0 keeps besides is what one process keeps (the results).
 *
 * Stops. Every wait polls the cancel flag: mpirun sends SIGTERM to every rank when it is
 * interrupted (SIGINT, SIGTERM) or when a rank dies, so each rank stops at its next look,
 * rank 0 says so in one line (the command's), and nothing is written. An interrupted rank ends
 * without MPI_Finalize, which would wait for the others (tco_cluster_finish). Bytes that are
 * not a summary of this run (which no correct build sends) end the job with MPI_Abort.
 *
 * Threads. Another rank's workers send from emit, one at a time (the engine's lock): MPI is
 * asked for MPI_THREAD_SERIALIZED; where it gives less, those ranks run one thread. Rank 0's
 * workers never call MPI.
 */
#include "tco/cluster.h"

#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mpi.h>

#include "tco/xalloc.h"

enum { TAG_DATA = 1, TAG_CREDIT = 2 };
enum { PHASE_SIMULATE = 1, PHASE_FINISH = 2 };
/* A scenario is cut into at least this many chunks per rank where it has the blocks (so that
 * no rank idles long at its end), each at most this many blocks per thread (so that a chunk
 * keeps a rank's threads busy; the window grows with it). */
#define CHUNKS_PER_RANK 8UL
#define CHUNK_BLOCKS_PER_THREAD 4UL
/* Between two looks at a message or the cancel flag. */
#define POLL_NS 100000L

static int my_rank(void)
{
    int r = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}

static int n_ranks(void)
{
    int n = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    return n;
}

void tco_cluster_start(int *argc, char ***argv)
{
    int provided;
    MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided);
    if (my_rank() != 0) {
        /* rank 0 alone prints: the others see the same errors, and say nothing */
        const int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
    }
}

bool tco_cluster_writes(void)
{
    return my_rank() == 0;
}

static bool cancelled(const atomic_int *cancel)
{
    return cancel && atomic_load(cancel) != 0;
}

static void pause_briefly(void)
{
    const struct timespec ts = {0, POLL_NS};
    nanosleep(&ts, NULL);
}

/* Bytes that no correct rank sends: the job cannot go on. */
static void broken(const char *what)
{
    fprintf(stderr, "tcosim: internal error: %s; no output written\n", what);
    fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, TCO_ESOFTWARE);
}

/* Whether every rank calls this with the same phase and fingerprint (one MPI_Iallreduce of
 * each value and its complement: the maximum of ~x is ~min x, so min == max shows agreement);
 * *max_threads gets the largest `threads` given. */
static bool agree(uint64_t phase, uint64_t fingerprint, uint64_t threads, uint64_t *max_threads)
{
    uint64_t v[5] = {phase, ~phase, fingerprint, ~fingerprint, threads}, m[5];
    MPI_Request req;
    MPI_Iallreduce(v, m, 5, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD, &req);
    /* the ranks done first wait for the writer's report: sleeping, not spinning on a core */
    for (int done = 0; MPI_Test(&req, &done, MPI_STATUS_IGNORE) == MPI_SUCCESS && !done;)
        pause_briefly();
    if (max_threads)
        *max_threads = m[4];
    return m[0] == ~m[1] && m[2] == ~m[3];
}

static uint64_t mix(uint64_t h, uint64_t x)
{
    return (h ^ x) * 0x100000001b3ULL + (h >> 29);
}

/* What the ranks must agree on for the deal and the merge to be the one process's. */
static uint64_t fingerprint(const tco_prices *p, const tco_cluster_job *jobs, size_t n)
{
    uint64_t h = mix(0xcbf29ce484222325ULL, n);
    h = mix(mix(mix(h, p->n_plans), p->n_values), tco_prices_option_count(p));
    for (size_t i = 0; i < n; i++) {
        const tco_engine_config *c = &jobs[i].cfg;
        h = mix(h, tco_engine_scenario_key(jobs[i].scenario));
        h = mix(mix(h, (uint64_t)jobs[i].scenario->months), c->n_trials);
        h = mix(mix(h, c->seed), c->n_observers);
    }
    return h;
}

static unsigned long chunk_blocks(unsigned long n_blocks, int ranks, uint64_t max_threads)
{
    const unsigned long most = CHUNK_BLOCKS_PER_THREAD * (unsigned long)max_threads;
    const unsigned long cuts = CHUNKS_PER_RANK * (unsigned long)ranks;
    const unsigned long c = (n_blocks + cuts - 1) / cuts;
    return c < 1 ? 1 : c > most ? most : c;
}

/* ---- another rank: run its chunks, send their summaries ---------------------------------- */

typedef struct sender {
    size_t window;
    unsigned char **buf;     /* [window] packed messages, each until rank 0 credited it */
    size_t *cap;
    MPI_Request *req;        /* [window] */
    unsigned long sent, credited;
    MPI_Request credit_req;  /* the posted receive of the next credit */
    bool credit_posted;
    const atomic_int *cancel;
    const tco_engine *e;     /* the scenario being run */
} sender;

static void sender_init(sender *s, size_t window, const atomic_int *cancel)
{
    memset(s, 0, sizeof *s);
    s->window = window;
    s->buf = tco_xcalloc(window, sizeof *s->buf);
    s->cap = tco_xcalloc(window, sizeof *s->cap);
    s->req = tco_xcalloc(window, sizeof *s->req);
    for (size_t i = 0; i < window; i++)
        s->req[i] = MPI_REQUEST_NULL;
    s->cancel = cancel;
}

/* After every message was credited (so every send is complete): nothing left in flight. */
static void sender_fini(sender *s)
{
    MPI_Waitall((int)s->window, s->req, MPI_STATUSES_IGNORE);
    if (s->credit_posted) {
        MPI_Cancel(&s->credit_req);
        MPI_Wait(&s->credit_req, MPI_STATUS_IGNORE);
    }
    for (size_t i = 0; i < s->window; i++)
        free(s->buf[i]);
    free(s->buf);
    free(s->cap);
    free(s->req);
}

/* Counts the credits that came, without waiting. */
static void take_credits(sender *s)
{
    for (;;) {
        if (!s->credit_posted) {
            MPI_Irecv(NULL, 0, MPI_BYTE, 0, TAG_CREDIT, MPI_COMM_WORLD, &s->credit_req);
            s->credit_posted = true;
        }
        int done = 0;
        MPI_Test(&s->credit_req, &done, MPI_STATUS_IGNORE);
        if (!done)
            return;
        s->credit_posted = false;
        s->credited++;
    }
}

/* Waits until at most `most` messages are not credited; false when cancelled meanwhile. */
static bool wait_credits(sender *s, unsigned long most)
{
    for (;;) {
        take_credits(s);
        if (s->sent - s->credited <= most)
            return true;
        if (cancelled(s->cancel))
            return false;
        pause_briefly();
    }
}

static void pack_message(const tco_engine *e, const tco_block *block, tco_packer *w)
{
    if (block)
        tco_engine_block_pack(e, block, w);
    else
        tco_engine_monthly_pack(e, w);
}

/* Sends a block summary, or with block NULL the month-by-month sketches; false when
 * cancelled. */
static bool send_message(sender *s, const tco_block *block)
{
    if (!wait_credits(s, s->window - 1))
        return false;
    const size_t slot = s->sent % s->window;
    /* credited, so received: the send is complete */
    MPI_Wait(&s->req[slot], MPI_STATUS_IGNORE);
    tco_packer w = tco_packer_counting();
    pack_message(s->e, block, &w);
    if (w.len > INT_MAX)
        broken("a summary too large for one MPI message");
    if (w.len > s->cap[slot]) {
        free(s->buf[slot]);
        s->buf[slot] = tco_xmalloc(w.len);
        s->cap[slot] = w.len;
    }
    w = tco_packer_into(s->buf[slot]);
    pack_message(s->e, block, &w);
    MPI_Isend(s->buf[slot], (int)w.len, MPI_BYTE, 0, TAG_DATA, MPI_COMM_WORLD, &s->req[slot]);
    s->sent++;
    return true;
}

static bool emit_send(void *ctx, const tco_block *block)
{
    return send_message(ctx, block);
}

/* This rank's chunks of one scenario, then its month-by-month sketches. */
static tco_status send_scenario(sender *s, tco_engine *e, unsigned long deal, int rank,
                                int ranks, uint64_t max_threads)
{
    const unsigned long nb = tco_engine_n_blocks(e), cb = chunk_blocks(nb, ranks, max_threads);
    bool ran = false;
    s->e = e;
    for (unsigned long k = 0; k * cb < nb; k++) {
        if ((deal + k) % (unsigned long)ranks != (unsigned long)rank)
            continue;
        const tco_status st = tco_engine_run_blocks(e, k * cb, k * cb + cb, emit_send, s);
        if (st != TCO_OK)
            return st;
        ran = true;
    }
    if (ran && !send_message(s, NULL))
        return TCO_EINTERRUPTED;
    return TCO_OK;
}

/* ---- rank 0: run its chunks, merge everything in block order ------------------------------ */

typedef struct receiver {
    unsigned char *buf;
    size_t cap, len;
    const atomic_int *cancel;
} receiver;

/* The next message from rank `from` into r->buf (r->len bytes), credited; false when
 * cancelled. */
static bool receive(receiver *r, int from)
{
    MPI_Message msg;
    MPI_Status status;
    int flag = 0;
    for (;;) {
        MPI_Improbe(from, TAG_DATA, MPI_COMM_WORLD, &flag, &msg, &status);
        if (flag)
            break;
        if (cancelled(r->cancel))
            return false;
        pause_briefly();
    }
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    if ((size_t)count > r->cap || !r->buf) {
        free(r->buf);
        r->cap = (size_t)count + 1;
        r->buf = tco_xmalloc(r->cap);
    }
    MPI_Request req;
    MPI_Imrecv(r->buf, count, MPI_BYTE, &msg, &req);
    for (;;) {
        int done = 0;
        MPI_Test(&req, &done, MPI_STATUS_IGNORE);
        if (done)
            break;
        if (cancelled(r->cancel)) {
            r->buf = NULL; /* MPI may still write there: left to it, the run is ending */
            return false;
        }
        pause_briefly();
    }
    r->len = (size_t)count;
    MPI_Send(NULL, 0, MPI_BYTE, from, TAG_CREDIT, MPI_COMM_WORLD);
    return true;
}

static bool emit_merge(void *ctx, const tco_block *block)
{
    return tco_engine_merge(ctx, block);
}

static tco_status merge_scenario(receiver *r, tco_engine *e, unsigned long deal, int ranks,
                                 uint64_t max_threads)
{
    const unsigned long nb = tco_engine_n_blocks(e), cb = chunk_blocks(nb, ranks, max_threads);
    bool *ran = tco_xcalloc((size_t)ranks, sizeof *ran);
    tco_block *in = NULL;
    tco_status st = TCO_OK;
    for (unsigned long k = 0; st == TCO_OK && k * cb < nb; k++) {
        const int owner = (int)((deal + k) % (unsigned long)ranks);
        const unsigned long b0 = k * cb, b1 = b0 + cb < nb ? b0 + cb : nb;
        if (owner == 0) {
            st = tco_engine_run_blocks(e, b0, b1, emit_merge, e);
            continue;
        }
        ran[owner] = true;
        if (!in)
            in = tco_engine_block_new(e);
        for (unsigned long b = b0; b < b1; b++) {
            if (!receive(r, owner)) {
                st = TCO_EINTERRUPTED;
                break;
            }
            tco_unpacker u = tco_unpacker_of(r->buf, r->len);
            if (!tco_engine_block_unpack(e, in, &u) || in->index != b || !tco_engine_merge(e, in))
                broken("a rank sent a block summary out of order or not of this run");
        }
    }
    for (int from = 1; st == TCO_OK && from < ranks; from++) {
        if (!ran[from])
            continue;
        if (!receive(r, from)) {
            st = TCO_EINTERRUPTED;
            break;
        }
        tco_unpacker u = tco_unpacker_of(r->buf, r->len);
        if (!tco_engine_monthly_merge_packed(e, &u))
            broken("a rank sent month-by-month sketches not of this run");
    }
    tco_engine_block_free(e, in);
    free(ran);
    return st;
}

/* ---- the run ----------------------------------------------------------------------------- */

static unsigned usable_threads(unsigned asked)
{
    int level = MPI_THREAD_SINGLE;
    MPI_Query_thread(&level);
    return level >= MPI_THREAD_SERIALIZED ? asked : 1;
}

tco_status tco_cluster_simulate(const tco_prices *p, const tco_cluster_job *jobs, size_t n,
                                tco_result *results, size_t *n_done)
{
    *n_done = 0;
    const int rank = my_rank(), ranks = n_ranks();
    uint64_t threads = 1, max_threads = 1;
    bool packable = true;
    for (size_t i = 0; i < n; i++) {
        if (jobs[i].cfg.n_threads > threads)
            threads = jobs[i].cfg.n_threads;
        for (size_t k = 0; k < jobs[i].cfg.n_observers; k++)
            packable = packable && jobs[i].cfg.observers[k].pack && jobs[i].cfg.observers[k].unpack;
    }
    if (!agree(PHASE_SIMULATE, fingerprint(p, jobs, n), threads, &max_threads)) {
        if (rank == 0)
            fputs("tcosim: the ranks of the MPI run did not load the same work (an input differs "
                  "or cannot be read on some node, or a rank stopped); no output written\n",
                  stderr);
        return TCO_ESOFTWARE;
    }
    /* SPEC §11 --precision stops at check points decided on merged totals: one process runs
     * it (the ranks would have to stop together at each check point, which this driver does
     * not do yet) */
    bool precision = false;
    for (size_t i = 0; i < n; i++)
        precision = precision || jobs[i].cfg.precision > 0;
    if (ranks > 1 && precision) {
        if (rank == 0)
            fputs("tcosim: --precision: expected a run of one process, got an MPI run of "
                  "several ranks (not supported yet: run it without mpirun, or give --trials "
                  "alone)\n",
                  stderr);
        return TCO_EUSAGE;
    }
    if (ranks > 1 && !packable) {
        if (rank == 0)
            fputs("tcosim: internal error: an analysis cannot be packed for MPI; run it "
                  "without mpirun\n",
                  stderr);
        return TCO_ESOFTWARE;
    }
    const atomic_int *cancel = n ? jobs[0].cfg.cancel : NULL;
    const size_t window = 2 * CHUNK_BLOCKS_PER_THREAD * (size_t)max_threads + 1;
    sender s;
    receiver r = {NULL, 0, 0, cancel};
    if (rank != 0)
        sender_init(&s, window, cancel);
    unsigned long deal = 0; /* chunks dealt so far, over the batch */
    tco_status st = TCO_OK;
    for (size_t i = 0; i < n && st == TCO_OK; i++) {
        tco_engine_config cfg = jobs[i].cfg;
        tco_result mine;
        if (rank != 0) {
            cfg.progress = NULL;
            cfg.n_threads = usable_threads(cfg.n_threads);
        }
        tco_engine *e = tco_engine_begin(jobs[i].scenario, p, &cfg, rank == 0 ? &results[i] : &mine);
        const unsigned long nb = tco_engine_n_blocks(e), cb = chunk_blocks(nb, ranks, max_threads);
        st = rank == 0 ? merge_scenario(&r, e, deal, ranks, max_threads)
                       : send_scenario(&s, e, deal, rank, ranks, max_threads);
        deal += (nb + cb - 1) / cb;
        const tco_status ended = tco_engine_end(e);
        if (st == TCO_OK)
            st = ended;
        if (rank == 0)
            ++*n_done;
        else
            tco_result_fini(&mine);
    }
    if (rank != 0) {
        /* every message merged by rank 0 before this rank goes on (and nothing in flight) */
        if (st == TCO_OK && !wait_credits(&s, 0))
            st = TCO_EINTERRUPTED;
        if (st == TCO_OK)
            sender_fini(&s);
        /* interrupted: the buffers may still be MPI's; the run is ending */
    }
    if (r.buf)
        free(r.buf);
    return st;
}

tco_status tco_cluster_finish(tco_status st)
{
    /* the other ranks may be gone or going (mpirun ends the job): no collective, no
     * MPI_Finalize, which would wait for them */
    if (st == TCO_EINTERRUPTED)
        return st;
    /* A rank that failed before the simulation meets the others' PHASE_SIMULATE collective
     * here (they then fail too, and come here): it repeats until every rank is here. */
    while (!agree(PHASE_FINISH, 0, 0, NULL))
        continue;
    int status = (int)st;
    MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD); /* every rank exits with rank 0's */
    MPI_Finalize();
    return (tco_status)status;
}
