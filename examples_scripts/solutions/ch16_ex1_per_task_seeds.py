"""Solution to exercise ch16-ex1: one random stream per TASK, so results do not depend on which worker ran what.

Watch for: the same ``--seed`` gives the same numbers with 1 worker or 3, under every start
method. ``SeedSequence(seed).spawn(n)`` makes one independent child seed per task; each
task builds its generator from its own seed, whichever worker runs it.
"""

import argparse
import multiprocessing as mp

import numpy as np


def estimate_pi(task, seed):
    rng = np.random.default_rng(seed)  # a SeedSequence pickles, so it travels with the task
    xy = rng.random((20_000, 2))
    return task, 4 * np.mean((xy**2).sum(axis=1) <= 1)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def main():
    args = parse_args()
    ctx = mp.get_context(args.start_method)
    seeds = np.random.SeedSequence(args.seed).spawn(6)  # one per task
    with ctx.Pool(args.workers) as pool:
        results = dict(pool.starmap_async(estimate_pi, enumerate(seeds), chunksize=1).get(timeout=30))
        pool.close()
        pool.join()
    print(f"--workers {args.workers}:", " ".join(f"{results[t]:.4f}" for t in sorted(results)), flush=True)


if __name__ == "__main__":
    main()
