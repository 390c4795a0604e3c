"""The source blog post's producer and consumer, printing Chinese: fine or fatal, by console encoding.

Watch for: with a UTF-8 stdout, "生产 0" ("produced 0") and "消费 0" ("consumed 0") are
printed; the consumer prints once it has every item, so the lines come in a fixed order.
On an English Windows, a redirected or captured stdout uses the ANSI code page (cp1252),
which has no Chinese: the producer's first print raises ``UnicodeEncodeError``, it dies
before it puts anything on the queue, and the consumer would wait forever (here it gives
up after ``WAIT`` seconds). ``--reconfigure`` makes each child switch its own stdout to
UTF-8 first, one of the three fixes. The consumer starts once the producer has ended, so
its wait runs out only when nothing can come, never because the producer was slow to start.
"""

import argparse
import multiprocessing as mp
import queue
import sys

N_ITEMS = 2
WAIT = 2  # seconds: how long the consumer waits for an item before giving up


def use_utf8(reconfigure):
    if reconfigure:
        sys.stdout.reconfigure(encoding="utf-8")


def producer(q, reconfigure):
    use_utf8(reconfigure)
    for i in range(N_ITEMS):
        print(f"生产 {i}", flush=True)  # "produced i", as the blog post prints it
        q.put(i)
    q.put(None)  # the sentinel: no more items


def consumer(q, reconfigure):
    use_utf8(reconfigure)
    items = []
    while True:
        try:
            item = q.get(timeout=WAIT)
        except queue.Empty:
            print(f"consumer: nothing for {WAIT} s, giving up (without a timeout: forever)", flush=True)
            return
        if item is None:
            break
        items.append(item)
    for item in items:  # printed after the producer's lines, so the two never mix
        print(f"消费 {item}", flush=True)  # "consumed i"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument(
        "--reconfigure", action="store_true", help="children call sys.stdout.reconfigure(encoding='utf-8')"
    )
    return parser.parse_args()


def main():
    args = parse_args()
    ctx = mp.get_context(args.start_method)
    print(f"parent: stdout encoding is {sys.stdout.encoding}", flush=True)
    q = ctx.Queue()
    workers = [
        ctx.Process(target=producer, args=(q, args.reconfigure), name="producer"),
        ctx.Process(target=consumer, args=(q, args.reconfigure), name="consumer"),
    ]
    for p in workers:  # one after the other: what the producer put waits in the queue
        p.start()
        p.join(timeout=WAIT + 20)
    print(", ".join(f"{p.name} exit code {p.exitcode}" for p in workers), flush=True)


if __name__ == "__main__":
    main()
