"""Producer/consumer with several consumers: one sentinel per consumer.

Watch for: the parent (the producer here) puts one ``None`` per consumer after the last
item, so every consumer gets exactly one sentinel and exits with code 0. Which consumer
handles which item is up to the scheduler and can change from run to run; the sorted results
cannot. The parent drains the results queue before it joins the consumers. Only the parent
prints, so lines from different processes cannot interleave.
"""

import argparse
import multiprocessing as mp

N_CONSUMERS = 3
N_ITEMS = 9
TIMEOUT = 10  # seconds: far more than needed; only a forgotten consumer would wait this long


def consumer(tasks, results):
    while True:
        item = tasks.get(timeout=TIMEOUT)
        if item is None:  # the sentinel: no more work for this consumer
            return
        results.put((mp.current_process().name, item * item))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def main():
    ctx = mp.get_context(parse_args().start_method)
    tasks, results = ctx.Queue(), ctx.Queue()
    consumers = [ctx.Process(target=consumer, args=(tasks, results), name=f"consumer-{i}") for i in range(N_CONSUMERS)]
    for c in consumers:
        c.start()
    for item in range(N_ITEMS):
        tasks.put(item)
    for _ in consumers:
        tasks.put(None)  # one sentinel per consumer
    done = [results.get(timeout=TIMEOUT) for _ in range(N_ITEMS)]  # drain first...
    for c in consumers:
        c.join(timeout=TIMEOUT)  # ...then join
    print("results:", sorted(square for _, square in done), flush=True)
    print("items per consumer:", {c.name: sum(n == c.name for n, _ in done) for c in consumers}, flush=True)
    print("exit codes:", [c.exitcode for c in consumers], flush=True)


if __name__ == "__main__":
    main()
