"""Atlas demos: things pickle cannot send to another process. Name a case; it makes one message appear.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/pickling.py lock``. Watch for the last line of the traceback:
the message the atlas entry (book/atlas/pickling.md) is about. Most cases hand the object to a
spawned ``Process`` or to a ``Pool`` or executor task, as real code does; the error is raised in
the parent, when the object is pickled, and the target never runs. The last cases return or raise
something that cannot travel back: the task runs, and the result fails on its way to the parent.
Python 3.14 adds notes under the
message ("when serializing dict item '_lock'") naming the path to the object that failed. On
Windows a failed ``Process.start()`` also leaves a half-born child that dies on stderr with
"EOFError: Ran out of input": a consequence, not the cause. Each case's docstring says what it does
wrong; every wait is bounded and every pool, file, socket and connection is closed.
"""

import contextlib
import ctypes
import json
import multiprocessing as mp
import os
import queue
import socket
import sqlite3
import ssl
import threading
import weakref
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from _cases import run_cases  # the command line every atlas demo shares


def describe(obj):
    """The workers' usual target: says what arrived."""
    return type(obj).__name__


def first(items):
    """A target that reads one item of what it is given."""
    return next(iter(items))


def squares(n):
    """A task that returns a generator instead of a list."""
    return (i * i for i in range(n))


def numbers():
    yield 1


TRANSFORMS = {"square": lambda x: x * x}  # a lambda at module level: its name is "<lambda>", not "square"


def make_adder(n):
    def add(x):  # a nested function: a closure over n
        return x + n

    return add


def make_point():
    class Point:  # a class defined inside a function
        pass

    return Point()


class Account:
    """An object that keeps a threading.Lock in an attribute."""

    def __init__(self):
        self.lock = threading.Lock()
        self.balance = 0

    def deposit(self, amount):
        with self.lock:
            self.balance += amount
        return self.balance


class Reading:
    """A class that a re-run notebook cell (or a second definition) replaces."""


class Handle:
    """A result that only the process that made it can rebuild: unpickling it elsewhere raises."""

    def __init__(self):
        self.pid = os.getpid()

    def __setstate__(self, state):
        if state["pid"] != os.getpid():
            raise RuntimeError(f"a Handle of process {state['pid']} cannot be reopened in another process")
        self.__dict__.update(state)


def open_handle(_):
    """A task whose result the parent cannot unpickle."""
    return Handle()


class QuotaError(Exception):
    """An exception whose __init__ takes two arguments but passes one message to Exception."""

    def __init__(self, user, limit):
        super().__init__(f"{user} is over the quota of {limit} jobs")
        self.user, self.limit = user, limit


def check_quota(user):
    """A task that raises QuotaError: pickle rebuilds it as QuotaError(*err.args), one argument."""
    raise QuotaError(user, 10)


def run_in_process(ctx, target, *args):
    """Start a child with this target and arguments (start() pickles them), wait for it."""
    p = ctx.Process(target=target, args=args)
    p.start()
    p.join(timeout=20)


def run_in_pool(ctx, target, *args):
    """Run one task in a Pool of one worker (apply_async pickles target and arguments)."""
    with ctx.Pool(1) as pool:
        return pool.apply_async(target, args).get(timeout=20)


def run_in_executor(ctx, target, *args):
    """Run one task in a ProcessPoolExecutor of one worker."""
    with ProcessPoolExecutor(1, mp_context=ctx) as executor:
        return executor.submit(target, *args).result(timeout=20)


def lambda_function(ctx):
    """A lambda as the function of Pool.map()."""
    with ctx.Pool(1) as pool:
        print(pool.map_async(TRANSFORMS["square"], range(3)).get(timeout=20))


def nested_function(ctx):
    """A function defined inside another one (a closure) as a Process target."""
    run_in_process(ctx, make_adder(1), 1)


def local_class(ctx):
    """An instance of a class defined inside a function, as a Pool task's argument."""
    run_in_pool(ctx, describe, make_point())


def lock(ctx):
    """A threading.Lock as a Process argument."""
    run_in_process(ctx, describe, threading.Lock())


def bound_method(ctx):
    """A bound method of an object that holds a threading.Lock as a Process target: the whole object goes."""
    run_in_process(ctx, Account().deposit, 1)


def event(ctx):
    """A threading.Event as a Pool task's argument."""
    run_in_pool(ctx, describe, threading.Event())


def semaphore(ctx):
    """A threading.Semaphore as a Process argument."""
    run_in_process(ctx, describe, threading.Semaphore(2))


def rlock(ctx):
    """A threading.RLock as a Process argument."""
    run_in_process(ctx, describe, threading.RLock())


def condition(ctx):
    """A threading.Condition as a Pool task's argument."""
    run_in_pool(ctx, describe, threading.Condition())


def process_pool_executor(ctx):
    """A ProcessPoolExecutor passed to its own task, so that the task can submit more."""
    with ProcessPoolExecutor(1, mp_context=ctx) as executor:
        executor.submit(describe, executor).result(timeout=20)


def thread_pool_executor(ctx):
    """A ThreadPoolExecutor as the argument of a ProcessPoolExecutor's task."""
    with ThreadPoolExecutor(1) as threads:
        run_in_executor(ctx, describe, threads)


def simple_queue(ctx):
    """A queue.SimpleQueue (a queue between threads) as a Process argument."""
    run_in_process(ctx, describe, queue.SimpleQueue())


def pool_argument(ctx):
    """A multiprocessing Pool passed to its own task."""
    with ctx.Pool(1) as pool:
        pool.apply_async(describe, (pool,)).get(timeout=20)


def process_argument(ctx):
    """A Process object (it carries the authentication key) as a Pool task's argument."""
    run_in_pool(ctx, describe, ctx.Process(target=describe, args=(1,)))


def generator(ctx):
    """A generator as a Process argument."""
    run_in_process(ctx, first, numbers())


def open_file(ctx):
    """An open file as a Process argument."""
    with open(__file__, encoding="utf-8") as file:
        run_in_process(ctx, first, file)


def sqlite_connection(ctx):
    """A sqlite3 connection as a Pool task's argument."""
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        run_in_pool(ctx, describe, db)


def ssl_socket(ctx):
    """A TLS socket (an ssl.SSLSocket, as a client library holds) as a Process argument."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    with context.wrap_socket(socket.socket(), server_hostname="example.org", do_handshake_on_connect=False) as s:
        run_in_process(ctx, describe, s)


def ssl_context(ctx):
    """An ssl.SSLContext as a Pool task's argument."""
    run_in_pool(ctx, describe, ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))


def module_object(ctx):
    """A module (here json) as a Process argument."""
    run_in_process(ctx, describe, json)


def weak_reference(ctx):
    """A weakref.ref as a Process argument."""
    account = Account()
    run_in_process(ctx, describe, weakref.ref(account))


def ctypes_pointer(ctx):
    """A ctypes pointer as a Pool task's argument."""
    value = ctypes.c_int(42)
    run_in_pool(ctx, describe, ctypes.pointer(value))


def redefined_class(ctx):
    """An instance made before its class was defined again (as when a notebook cell runs twice)."""
    global Reading
    reading = Reading()

    class Reading:  # the second definition: __main__.Reading is now another class
        """A class that a re-run notebook cell (or a second definition) replaces."""

    run_in_process(ctx, describe, reading)


def unpicklable_result_pool(ctx):
    """A Pool task that returns a generator: the worker cannot send it back."""
    print(run_in_pool(ctx, squares, 3))


def unpicklable_result_executor(ctx):
    """A ProcessPoolExecutor task that returns a generator: the worker cannot send it back."""
    print(run_in_executor(ctx, squares, 3))


def result_fails_to_unpickle(ctx):
    """A ProcessPoolExecutor task whose result raises when the parent unpickles it."""
    print(run_in_executor(ctx, open_handle, 1))


def exception_not_rebuilt_pool(ctx):
    """A Pool task raises an exception that cannot be rebuilt in the parent; get() waits in vain."""
    with ctx.Pool(1) as pool:
        pool.apply_async(describe, (1,)).get(timeout=20)  # the worker is up: the next task fails at once
        try:
            pool.apply_async(check_quota, ("alice",)).get(timeout=2)
        except mp.TimeoutError:
            print("get() timed out after 2 s: without a timeout it would have waited forever")


def exception_not_rebuilt_executor(ctx):
    """A ProcessPoolExecutor task raises an exception that cannot be rebuilt in the parent."""
    run_in_executor(ctx, check_quota, "alice")


def too_deep(ctx):
    """A list nested 100,000 levels deep as a Process argument."""
    nested = []
    for _ in range(100_000):
        nested = [nested]
    run_in_process(ctx, describe, nested)


CASES = {
    f.__name__.replace("_", "-"): f
    for f in (
        lambda_function,
        nested_function,
        local_class,
        lock,
        bound_method,
        event,
        semaphore,
        rlock,
        condition,
        process_pool_executor,
        thread_pool_executor,
        simple_queue,
        pool_argument,
        process_argument,
        generator,
        open_file,
        sqlite_connection,
        ssl_socket,
        ssl_context,
        module_object,
        weak_reference,
        ctypes_pointer,
        redefined_class,
        unpicklable_result_pool,
        unpicklable_result_executor,
        result_fails_to_unpickle,
        exception_not_rebuilt_pool,
        exception_not_rebuilt_executor,
        too_deep,
    )
}


if __name__ == "__main__":
    run_cases(__doc__, CASES)
