"""The atlas demos' command line: name a case, and optionally a start method (spawn by default, as on Windows).

Each demo script keeps its cases in a dict ``CASES`` (name -> function) and ends with
``run_cases(__doc__, CASES)``: ``python examples_scripts/atlas/demos/pools.py pool-not-running``
calls that case with a multiprocessing context of the chosen start method (or, with
``context=False``, with the method's name). ``--help`` lists the cases and the start methods this
OS offers; an unknown one is a one-line error.
"""

import argparse
import multiprocessing as mp


def run_cases(doc, cases, what="which mistake to make", context=True):
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("case", choices=cases, help=what)
    args = parser.parse_args()
    cases[args.case](mp.get_context(args.start_method) if context else args.start_method)
