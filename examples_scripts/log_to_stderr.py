"""multiprocessing.log_to_stderr(): the module's own log, from the parent and every child.

Watch for: each line is ``[LEVEL/ProcessName] message``. At INFO you see each child start
("child process calling self.run()") and end ("process exiting with exitcode 0"), and the
parent's clean-up at exit. DEBUG adds much more (pass ``--level DEBUG``).
"""

import argparse
import logging
import multiprocessing as mp


def greet(name):
    print(f"hello from {name}", flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("--level", default="INFO", choices=["INFO", "DEBUG"], help="log level (default: INFO)")
    return parser.parse_args()


def main():
    args = parse_args()
    ctx = mp.get_context(args.start_method)
    logger = mp.log_to_stderr(getattr(logging, args.level))  # spawned children inherit the level
    logger.info("parent: starting one child")
    p = ctx.Process(target=greet, args=("the child",))
    p.start()
    p.join(timeout=20)
    logger.info("parent: child exit code %s", p.exitcode)


if __name__ == "__main__":
    main()
