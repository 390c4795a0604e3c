"""Atlas demos: a manager misused, or its proxies used after it died. Name a case; it makes one message appear.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/managers.py start-twice``. Watch for the last line of the
traceback: the message the atlas entry (book/atlas/managers.md) is about. A ``RemoteError``
prints the manager server's own traceback between two lines of dashes: the error happened in
the server process, and its last line there says what went wrong. Each case's docstring says
what it does wrong; every manager it starts is shut down (or killed), and every wait is bounded.
"""

import threading
from collections import UserDict
from multiprocessing.managers import BaseManager, SharedMemoryManager, SyncManager

from _cases import run_cases  # the command line every atlas demo shares


class Counter:
    """A shared object the custom managers serve."""

    def __init__(self):
        self.n = 0

    def increment(self):
        self.n += 1
        return self.n

    def _reset(self):
        self.n = 0

    def values(self):
        return (i for i in range(self.n))  # a generator: it cannot be pickled back


class CounterManager(BaseManager):
    pass


CounterManager.register("Counter", Counter)


class TypoManager(BaseManager):
    pass


class DictMapManager(BaseManager):
    pass


DictMapManager.register("Counter", Counter, method_to_typeid=UserDict(values="Counter"))


class NoCallableManager(BaseManager):
    pass


NoCallableManager.register("Counter")  # no callable: m.Counter(obj) serves an object made here


def typeid_before_start(ctx):
    """manager.dict() on a manager created but never started."""
    manager = SyncManager(ctx=ctx)
    manager.dict()


def method_to_typeid_not_str(ctx):
    """register(..., method_to_typeid=...) naming the type itself, not its typeid string."""
    TypoManager.register("Counter", Counter, method_to_typeid={"values": Counter})


def method_not_exposed(ctx):
    """A proxy calls a method its typeid does not expose (a name with a leading underscore)."""
    with CounterManager(ctx=ctx) as manager:
        counter = manager.Counter()
        counter._callmethod("_reset")


def smm_get_server_after_start(ctx):
    """SharedMemoryManager.get_server() on a manager already started."""
    with SharedMemoryManager(ctx=ctx) as smm:
        smm.get_server()


def start_twice(ctx):
    """start() on a manager already started."""
    manager = SyncManager(ctx=ctx)
    manager.start()
    try:
        manager.start()
    finally:
        manager.shutdown()


def start_after_shutdown(ctx):
    """with on a manager that a first with block already shut down."""
    manager = SyncManager(ctx=ctx)
    with manager:
        pass
    with manager:
        pass


def smm_get_server_after_shutdown(ctx):
    """SharedMemoryManager.get_server() after shutdown()."""
    smm = SharedMemoryManager(ctx=ctx)
    smm.start()
    smm.shutdown()
    smm.get_server()


def array_with_a_size(ctx):
    """manager.Array('i', 10), as with mp.Array: the manager's Array wants a sequence."""
    with ctx.Manager() as manager:
        manager.Array("i", 10)


def unserializable_result(ctx):
    """A proxy method returns a generator, which cannot be pickled back to the caller."""
    with CounterManager(ctx=ctx) as manager:
        counter = manager.Counter()
        counter.increment()
        counter.values()


def method_to_typeid_not_dict(ctx):
    """register(..., method_to_typeid=UserDict(...)): a mapping that is not a dict."""
    with DictMapManager(ctx=ctx) as manager:
        manager.Counter()


def initializer_not_callable(ctx):
    """start(initializer=...) given the function's name, a string, not the function."""
    manager = SyncManager(ctx=ctx)
    manager.start(initializer="set_up_logging")


def register_without_callable(ctx):
    """register('Counter') without callable, then manager.Counter() with no object to serve."""
    with NoCallableManager(ctx=ctx) as manager:
        manager.Counter()


# ---- dead managers


def proxy_after_shutdown(ctx):
    """A proxy, already used, called again after manager.shutdown()."""
    manager = ctx.Manager()
    d = manager.dict(answer=42)
    print("before shutdown: d['answer'] =", d["answer"], flush=True)
    manager.shutdown()
    print("after shutdown: d['answer'] =", d["answer"], flush=True)


def first_use_after_with(ctx):
    """A proxy made inside the with block, used for the first time after it."""
    with ctx.Manager() as manager:
        d = manager.dict(answer=42)
    print("after the with block: d['answer'] =", d["answer"], flush=True)


def new_proxy_after_with(ctx):
    """manager.dict() after the with block: the manager can no longer make proxies."""
    with ctx.Manager() as manager:
        pass
    manager.dict()


def tcp_manager(ctx):
    """A manager on a TCP port, as for clients on other machines."""
    manager = SyncManager(address=("127.0.0.1", 0), ctx=ctx)
    manager.start()
    return manager


def call_after_kill(manager, used_before):
    """Kill the manager's server process, then call a proxy made before (used once before, or not)."""
    d = manager.dict(answer=42)
    if used_before:
        print("before the kill: d['answer'] =", d["answer"], flush=True)
    manager._process.kill()
    manager._process.join(timeout=20)
    try:
        print("after the kill: d['answer'] =", d["answer"], flush=True)
    finally:
        manager.shutdown()


def proxy_after_kill(ctx):
    """A proxy, already used, called again after the server process was killed."""
    call_after_kill(ctx.Manager(), used_before=True)


def first_use_after_kill(ctx):
    """A proxy made before the server process was killed, used for the first time after."""
    call_after_kill(ctx.Manager(), used_before=False)


def kill_during_call(ctx):
    """The server process dies while a proxy call waits for its answer."""
    manager = ctx.Manager()
    event = manager.Event()
    threading.Timer(0.5, manager._process.kill).start()
    try:
        event.wait(10)  # the server would answer after 10 s; it dies after 0.5 s
    finally:
        manager.shutdown()


def tcp_proxy_after_kill(ctx):
    """A proxy of a manager on a TCP port, already used, called again after the server process was killed."""
    call_after_kill(tcp_manager(ctx), used_before=True)


def tcp_first_use_after_kill(ctx):
    """A proxy of a manager on a TCP port, used for the first time after the server process was killed."""
    call_after_kill(tcp_manager(ctx), used_before=False)


CASES = {
    f.__name__.replace("_", "-"): f
    for f in (
        typeid_before_start,
        method_to_typeid_not_str,
        method_not_exposed,
        smm_get_server_after_start,
        start_twice,
        start_after_shutdown,
        smm_get_server_after_shutdown,
        array_with_a_size,
        unserializable_result,
        method_to_typeid_not_dict,
        initializer_not_callable,
        register_without_callable,
        proxy_after_shutdown,
        first_use_after_with,
        new_proxy_after_with,
        proxy_after_kill,
        first_use_after_kill,
        kill_during_call,
        tcp_proxy_after_kill,
        tcp_first_use_after_kill,
    )
}


if __name__ == "__main__":
    run_cases(__doc__, CASES)
