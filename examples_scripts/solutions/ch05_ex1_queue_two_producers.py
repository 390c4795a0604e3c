"""Solution to exercise ch05-ex1: two producers, three consumers, who sends the sentinels?

Watch for: the producers put only work. The parent joins both producers, and only then puts
one sentinel per consumer, so no consumer can stop while a producer still has items to send.
All 10 items arrive, and every process exits with code 0.
"""

import argparse
import multiprocessing as mp

N_CONSUMERS = 3
ITEMS_PER_PRODUCER = 5
TIMEOUT = 10  # seconds


def producer(tasks, first):
    for item in range(first, first + ITEMS_PER_PRODUCER):
        tasks.put(item)


def consumer(tasks, results):
    while True:
        item = tasks.get(timeout=TIMEOUT)
        if item is None:
            return
        results.put(item * item)


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
    producers = [ctx.Process(target=producer, args=(tasks, first)) for first in (0, 100)]
    consumers = [ctx.Process(target=consumer, args=(tasks, results)) for _ in range(N_CONSUMERS)]
    for p in producers + consumers:
        p.start()
    for p in producers:  # safe before draining: the consumers keep emptying the tasks queue
        p.join(timeout=TIMEOUT)
    for _ in consumers:
        tasks.put(None)  # only now: every item is already in the queue, ahead of the sentinels
    n_items = ITEMS_PER_PRODUCER * len(producers)
    print("results:", sorted(results.get(timeout=TIMEOUT) for _ in range(n_items)), flush=True)
    for c in consumers:
        c.join(timeout=TIMEOUT)
    print("exit codes:", [p.exitcode for p in producers + consumers], flush=True)


if __name__ == "__main__":
    main()
