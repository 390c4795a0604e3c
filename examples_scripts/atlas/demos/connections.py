"""Atlas demos: Pipe ends, Listener and Client used the wrong way. Name a case; it makes one message appear.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/connections.py send-after-close``. Watch for the last line of
the traceback: the message the atlas entry (book/atlas/queues.md) is about. Each case's docstring
says what it does wrong. Listeners listen on 127.0.0.1 only, on a port the OS chooses; every
thread and child is joined with a timeout, and every connection is closed.
Two cases are about Windows' named pipes; elsewhere they say so and stop.
"""

import multiprocessing as mp
import socket
import struct
import sys
import threading
import time
from multiprocessing.connection import AuthenticationError, Client, Listener, deliver_challenge, wait

from _cases import run_cases  # the command line every atlas demo shares

TIMEOUT = 20  # seconds; a bound we never expect to reach
LOCAL = ("127.0.0.1", 0)  # this machine only, a free port chosen by the OS
BIG = b"x" * 10_000_000  # far more than a pipe holds: send_bytes() waits until it is read


def send_one_and_exit(conn):
    """The child: sends one result, then returns (which closes its end)."""
    conn.send("the only result")


def recv_after_exit(ctx):
    """recv() again after the child sent its one result and exited."""
    parent_end, child_end = ctx.Pipe()
    p = ctx.Process(target=send_one_and_exit, args=(child_end,))
    p.start()
    child_end.close()  # the child holds the only other copy now
    try:
        for _ in range(2):
            if not wait([parent_end], TIMEOUT):
                print(f"nothing after {TIMEOUT} s")
                break
            print("received:", parent_end.recv(), flush=True)  # the second recv() raises
    finally:
        p.join(timeout=TIMEOUT)


def send_on_receive_end(ctx):
    """send() on the first end of Pipe(duplex=False): it is the receiving end."""
    receive_end, send_end = ctx.Pipe(duplex=False)
    receive_end.send("hello")


def send_after_close(ctx):
    """send() on a Connection this process has closed."""
    a, b = ctx.Pipe()
    a.close()
    a.send("hello")


def recv_bytes_too_long(ctx):
    """recv_bytes(maxlength=10) of a 100-byte message."""
    a, b = ctx.Pipe()
    a.send_bytes(b"x" * 100)
    b.recv_bytes(maxlength=10)


def negative_maxlength(ctx):
    """recv_bytes() with a negative maxlength."""
    a, b = ctx.Pipe()
    a.send_bytes(b"x" * 100)
    b.recv_bytes(maxlength=-1)


def recv_into_short_buffer(ctx):
    """recv_bytes_into() a 10-byte buffer, for a 20-byte message."""
    a, b = ctx.Pipe()
    a.send_bytes(b"twenty bytes of data")
    b.recv_bytes_into(bytearray(10))


def recv_into_negative_offset(ctx):
    """recv_bytes_into(buf, offset) with a negative offset."""
    a, b = ctx.Pipe()
    a.send_bytes(b"data")
    b.recv_bytes_into(bytearray(10), -1)


def recv_into_offset_too_large(ctx):
    """recv_bytes_into(buf, offset) with an offset past the end of buf."""
    a, b = ctx.Pipe()
    a.send_bytes(b"data")
    b.recv_bytes_into(bytearray(10), 20)


def send_bytes_negative_offset(ctx):
    """send_bytes(buf, offset) with a negative offset."""
    a, b = ctx.Pipe()
    a.send_bytes(b"0123456789", -2)


def send_bytes_offset_past_end(ctx):
    """send_bytes(buf, offset) with an offset past the end of buf."""
    a, b = ctx.Pipe()
    a.send_bytes(b"0123456789", 20)


def send_bytes_negative_size(ctx):
    """send_bytes(buf, offset, size) with a negative size."""
    a, b = ctx.Pipe()
    a.send_bytes(b"0123456789", 0, -1)


def send_bytes_size_past_end(ctx):
    """send_bytes(buf, offset, size) asking for more bytes than buf has after offset."""
    a, b = ctx.Pipe()
    a.send_bytes(b"0123456789", 5, 10)


def windows_only(what):
    print(f"Windows only: {what}; this is {sys.platform}, so there is nothing to show.")


def close_during_send(ctx):
    """close() a pipe end from one thread while this thread waits inside send_bytes() on it."""
    if sys.platform != "win32":
        return windows_only("a close() interrupts a send() waiting on a named pipe")
    receive_end, send_end = ctx.Pipe(duplex=False)
    closer = threading.Timer(0.5, send_end.close)
    closer.start()
    try:
        send_end.send_bytes(BIG)  # nobody reads: waits until the other thread closes send_end
    finally:
        closer.join(timeout=TIMEOUT)
        receive_end.close()


def concurrent_send(ctx):
    """send_bytes() from a second thread while the first is still sending on the same end."""
    if sys.platform != "win32":
        return windows_only("a named pipe refuses a second send_bytes() while one is under way")
    receive_end, send_end = ctx.Pipe(duplex=False)
    first = threading.Thread(target=send_end.send_bytes, args=(BIG,), daemon=True)
    first.start()
    time.sleep(0.5)  # the first send now waits for a reader
    try:
        send_end.send_bytes(b"small")
    finally:
        receive_end.recv_bytes()  # read the big message: the first send ends
        first.join(timeout=TIMEOUT)
        send_end.close()
        receive_end.close()


def peer_closes_mid_message(ctx):
    """recv() from a peer that announces 1000 bytes, sends 12 and closes (it crashed, or is not multiprocessing)."""
    with Listener(LOCAL) as listener:
        with socket.create_connection(listener.address, timeout=TIMEOUT) as peer:
            peer.sendall(struct.pack("!i", 1000) + b"first 12 b..")  # a length header, then part of the data
        with listener.accept() as conn:
            conn.recv()


def accept_after_close(ctx):
    """accept() on a Listener after close()."""
    listener = Listener(LOCAL)
    listener.close()
    listener.accept()


def authkey_str(ctx):
    """Listener(authkey="...") with a str."""
    with Listener(LOCAL, authkey="secret"):
        pass


def challenge_str_key(ctx):
    """deliver_challenge() (the documented authentication helper) with a str key."""
    a, b = ctx.Pipe()
    deliver_challenge(a, "secret")


def family_of_other_os(ctx):
    """Listener(family=...) naming the other OS's local family: AF_PIPE (Windows) off Windows, AF_UNIX on Windows."""
    Listener(family="AF_UNIX" if sys.platform == "win32" else "AF_PIPE")


def address_bytes(ctx):
    """Listener(address) with a socket path given as bytes."""
    Listener(b"server.sock")


def address_list(ctx):
    """Listener(address) with a list, as a JSON config file gives it, instead of a (host, port) tuple."""
    Listener(["127.0.0.1", 0])


def connect_in_thread(address, authkey):
    """A client with its own key; its side of a refusal is err-authentication's message."""
    try:
        Client(address, authkey=authkey).close()
    except AuthenticationError:
        pass


def send_without_key(address, first_message):
    """A client that has no authkey: it sends its first message, then reads what the server answers."""
    with Client(address) as conn:
        conn.send_bytes(first_message)
        for _ in range(2):  # the server's challenge, then its verdict
            if conn.poll(TIMEOUT):
                conn.recv_bytes()


def serve(listener, client, *args):
    """Run the client in a thread and accept() its connection here: accept() checks the key."""
    t = threading.Thread(target=client, args=(listener.address, *args), daemon=True)
    t.start()
    try:
        with listener.accept():
            pass
    finally:
        t.join(timeout=TIMEOUT)


def wrong_key(ctx):
    """A Listener whose Client has a different authkey: the Listener's side."""
    with Listener(LOCAL, authkey=b"the key") as listener:
        serve(listener, connect_in_thread, b"another key")


def client_without_key(ctx):
    """A Listener with an authkey; its Client has none and sends a pickled task first."""
    with Listener(LOCAL, authkey=b"the key") as listener:
        serve(listener, send_without_key, mp.reduction.ForkingPickler.dumps({"task": 1}))


def client_sends_20_bytes(ctx):
    """A Listener with an authkey; its Client has none and sends 20 bytes first."""
    with Listener(LOCAL, authkey=b"the key") as listener:
        serve(listener, send_without_key, b"twenty bytes of data")


def greet_and_close(listener):
    """A server without an authkey: it greets each client first."""
    with listener.accept() as conn:
        conn.send("hello")


def server_without_key(ctx):
    """A Client with an authkey connects to a Listener without one, which sends first."""
    with Listener(LOCAL) as listener:
        t = threading.Thread(target=greet_and_close, args=(listener,), daemon=True)
        t.start()
        try:
            Client(listener.address, authkey=b"the key")
        finally:
            t.join(timeout=TIMEOUT)


CASES = {
    f.__name__.replace("_", "-"): f
    for f in (
        recv_after_exit,
        send_on_receive_end,
        send_after_close,
        recv_bytes_too_long,
        negative_maxlength,
        recv_into_short_buffer,
        recv_into_negative_offset,
        recv_into_offset_too_large,
        send_bytes_negative_offset,
        send_bytes_offset_past_end,
        send_bytes_negative_size,
        send_bytes_size_past_end,
        close_during_send,
        concurrent_send,
        peer_closes_mid_message,
        accept_after_close,
        authkey_str,
        challenge_str_key,
        family_of_other_os,
        address_bytes,
        address_list,
        wrong_key,
        client_without_key,
        client_sends_20_bytes,
        server_without_key,
    )
}


if __name__ == "__main__":
    run_cases(__doc__, CASES)
