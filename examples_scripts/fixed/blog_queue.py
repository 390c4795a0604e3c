"""The blog post's producer/consumer example, corrected: fast, bounded, portable.

Watch for: the same shape as the post (one producer process, one consumer process, a
Queue, a None sentinel), but with an explicit start method, no one-second sleeps, a timeout
on every get() and join(), and English output. The "produced" and "consumed" lines
can interleave differently on every run; each kind alone always comes in order 0..4.
"""

import argparse
import multiprocessing as mp

N_ITEMS = 5
TIMEOUT = 10  # seconds: if the producer dies before its sentinel, the consumer gives up


def producer(q):
    for i in range(N_ITEMS):
        print(f"produced {i}", flush=True)
        q.put(i)
    q.put(None)  # one sentinel: there is one consumer


def consumer(q):
    while True:
        item = q.get(timeout=TIMEOUT)
        if item is None:
            break
        print(f"consumed {item}", flush=True)


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
    q = ctx.Queue()
    p1 = ctx.Process(target=producer, args=(q,))
    p2 = ctx.Process(target=consumer, args=(q,))
    p1.start()
    p2.start()
    p1.join(timeout=TIMEOUT)
    p2.join(timeout=TIMEOUT)
    print(f"exit codes: producer {p1.exitcode}, consumer {p2.exitcode}", flush=True)


if __name__ == "__main__":
    main()
