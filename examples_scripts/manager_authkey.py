"""A manager on a TCP port lets in only clients that know its authkey.

Watch for: the server listens on 127.0.0.1 only, on a port the OS picks (port 0). Every
client must answer an HMAC challenge made with the authkey before it may send a request.
A spawned child passes with the *default* authkey: ``current_process().authkey``, which
every child inherits from its parent. A client with the wrong key is refused with
``AuthenticationError``. Never listen on an address an untrusted network can reach: once
in, a client exchanges pickles with the server, and unpickling can run any code.
"""

import argparse
import multiprocessing as mp
from multiprocessing.managers import BaseManager, DictProxy

TIMEOUT = 10  # seconds
STORE = {}  # lives in the server process: clients reach it through proxies


def get_store():
    return STORE


class StoreManager(BaseManager):
    pass


StoreManager.register("get_store", callable=get_store, proxytype=DictProxy)


def child_connects(address, q):
    client = StoreManager(address=address)  # no authkey given: current_process().authkey
    client.connect()
    client.get_store()["child"] = "connected with the inherited authkey"
    q.put("child done")


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
    # no authkey given: the server uses current_process().authkey, 32 random bytes
    with StoreManager(address=("127.0.0.1", 0), ctx=ctx) as manager:
        host, port = manager.address
        print(f"server listening on {host}, on a port the OS chose", flush=True)

        q = ctx.Queue()
        child = ctx.Process(target=child_connects, args=(manager.address, q))
        child.start()
        print("child:", q.get(timeout=TIMEOUT), flush=True)
        child.join(timeout=TIMEOUT)

        intruder = StoreManager(address=manager.address, authkey=b"guessed")
        try:
            intruder.connect()
        except mp.AuthenticationError as exc:
            print(f"wrong authkey -> {type(exc).__module__}.{type(exc).__name__}: {exc}", flush=True)

        print("store:", dict(manager.get_store().items()), flush=True)
    print("with block ended: server shut down", flush=True)


if __name__ == "__main__":
    main()
