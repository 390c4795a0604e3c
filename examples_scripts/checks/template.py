"""Chapter 16 (notebooks/16_template.ipynb): what each run of its scripts must show.

The chapter's hidden check cells and tests/test_ch16_template.py call these functions with the
``subprocess.CompletedProcess`` of a run. Only what the scripts guarantee is checked: which
worker runs which task is up to the pool, so no check counts the workers that ran tasks; every
worker runs the initializer, so the checks count those.
"""

import re

from examples_scripts.checks import shown
from examples_scripts.launch import json_record

PREFIX = {"spawn": "Spawn", "fork": "Fork", "forkserver": "ForkServer"}  # the pool workers' names
SAME = "BUG: all 3 workers drew the same numpy.random numbers"
WORKERS = 2  # template.py's default pool size


def bar_states(stderr):
    """tqdm's redraws, one per line (universal newlines turned each carriage return into one)."""
    return [line for line in stderr.splitlines() if "|" in line]


def check_log(text, method, tasks, failed=()):
    """The one log file: the parent's first line, one 'worker ready' per worker, one line per task."""
    lines = text.splitlines()
    assert lines and "MainProcess" in lines[0] and f"start: {tasks} tasks, start method {method}" in lines[0], text
    ready = [
        m[1]
        for m in (re.fullmatch(r"\S+ \S+ (\S+) +INFO +worker ready: random stream \d+", line) for line in lines)
        if m
    ]
    assert len(ready) == len(set(ready)) == WORKERS, ready  # every worker ran init_worker, once
    assert all(re.fullmatch(rf"{PREFIX[method]}PoolWorker-\d+", name) for name in ready), ready
    done = {}
    for line in lines:
        m = re.fullmatch(r"\S+ \S+ (\S+) +INFO +task (\d+) done: pi ~ (\d\.\d{4})", line)
        if m:
            assert int(m[2]) not in done, f"task {m[2]} logged twice:\n{text}"
            done[int(m[2])] = m[1]
    assert sorted(done) == sorted(set(range(tasks)) - set(failed)), text
    assert set(done.values()) <= set(ready), (done, ready)  # all from workers that logged 'ready'
    for task in failed:
        assert f"ERROR   task {task} failed\nTraceback (most recent call last):\n" in text, text
        assert f"ValueError: task {task} failed on purpose (--fail-task)" in lines, text
    if not failed:
        assert len(lines) == 1 + WORKERS + tasks, text


def template(r, method="spawn", *, tasks=16, log=None, log_name="template.log"):
    """A normal run: every task done, two different random streams, exit status 0.

    ``log`` is the text of the log file (kept with ``--log``), checked line by line if given."""
    out = r.stdout.splitlines()
    assert r.returncode == 0, shown(r)
    assert len(out) == 4, shown(r)
    assert re.fullmatch(rf"work started: {tasks} tasks on {WORKERS} workers, seed \d+", out[0]), shown(r)
    assert out[1] == f"random streams: {WORKERS} workers, {WORKERS} different first draws", shown(r)
    assert re.fullmatch(rf"{tasks} tasks done; mean estimate of pi: 3\.1\d", out[2]), shown(r)
    assert out[3] == f"log: {1 + WORKERS + tasks} lines in {log_name}", shown(r)
    assert re.search(rf"100%\|#+\| {tasks}/{tasks} \[", bar_states(r.stderr)[-1]), shown(r)
    assert "Traceback" not in r.stderr and r.stderr.isascii(), shown(r)
    if log is not None:
        check_log(log, method, tasks)


def template_fail_task(r, method="spawn", *, task=3, tasks=16, log=None):
    """``--fail-task``: the other tasks done, the failure listed, its traceback only in the log, exit 1."""
    out = r.stdout.splitlines()
    assert r.returncode == 1, shown(r)
    assert f"random streams: {WORKERS} workers, {WORKERS} different first draws" in out, shown(r)
    assert f"task {task} failed: ValueError: task {task} failed on purpose (--fail-task)" in out, shown(r)
    assert f"{tasks - 1} tasks done; mean estimate of pi: " in r.stdout, shown(r)
    assert r.stderr.splitlines()[-1] == f"error: 1 of {tasks} tasks failed (the log has their tracebacks)", shown(r)
    assert "Traceback" not in r.stderr, shown(r)  # the traceback went to the log file
    if log is not None:
        check_log(log, method, tasks, failed=[task])


def template_interrupted(r, *, tasks=16):
    """Ctrl-C (``--self-interrupt``, or a real SIGINT): exit status 130, one line, no traceback."""
    assert r.returncode == 130, shown(r)
    assert re.fullmatch(rf"work started: {tasks} tasks on {WORKERS} workers, seed \d+\n", r.stdout), shown(r)
    assert r.stderr.splitlines()[-1] == "interrupted: workers stopped", shown(r)
    assert "Traceback" not in r.stderr and "KeyboardInterrupt" not in r.stderr, shown(r)


def same_seeds(r, method="spawn"):
    """broken/same_seeds.py: np.random.seed(42) at module level gives every worker its numbers."""
    assert r.returncode == 1 and r.stderr.strip() == SAME, shown(r)
    rows = r.stdout.splitlines()
    assert [row.split(":")[0] for row in rows] == ["worker 0", "worker 1", "worker 2"], shown(r)
    for row in rows:  # np.random.seed(42) then random(3), in every worker
        assert "numpy.random [0.3745, 0.9507, 0.732]" in row, shown(r)
    assert len({row.split("random.random() ")[1] for row in rows}) == 3, shown(r)  # the random module differs


def same_seeds_no_seed(r, method="spawn"):
    """broken/same_seeds.py --no-seed: only fork copies the parent's NumPy state into the workers."""
    if method == "fork":
        assert r.returncode == 1 and r.stderr.strip() == SAME, shown(r)
    else:
        assert r.returncode == 0, shown(r)
        assert r.stdout.splitlines()[-1] == "ok: 3 different numpy.random streams", shown(r)


def ch16_ex1_per_task_seeds(r, method="spawn", workers=3):
    """Exercise ch16-ex1: per-task seeds give SeedSequence(42).spawn(6)'s numbers, whatever the workers."""
    assert r.returncode == 0, shown(r)
    assert r.stdout == f"--workers {workers}: 3.1380 3.1288 3.1516 3.1232 3.1472 3.1700\n", shown(r)


def trace_json(r):
    """The events template_trace.py recorded (its stdout's last line: ``json: {...}``)."""
    return json_record(r)


def template_trace(r, method="spawn", tasks=16):
    """template_trace.py: template.py's main() ran unchanged (exit status 0); the parent started the
    pool, sent the tasks and got each result back after the worker that ran it had finished it; every
    worker ran the initializer once, before its first task."""
    assert r.returncode == 0, shown(r)
    assert f"{tasks} tasks done" in r.stdout, shown(r)
    data = trace_json(r)
    events = data["events"]
    assert data["status"] == 0 and data["start_method"] == method, data
    parent = [what for lane, _, what in events if lane == "parent"]
    assert parent[0] == "main()" and parent[-1] == "exit status 0", parent
    assert parent[1:4] == ["context, Manager", "Pool(initializer)", "tasks out"], parent
    assert "close, join" in parent, parent
    workers = {lane for lane, _, _ in events if lane != "parent"}
    assert len(workers) == WORKERS and all(w.startswith(f"{PREFIX[method]}PoolWorker-") for w in workers), workers
    for worker in workers:
        mine = [what for lane, _, what in events if lane == worker]
        assert mine[0] == "initializer" and mine.count("initializer") == 1, mine
    done = {what.split()[1]: t for lane, t, what in events if lane != "parent" and what.startswith("task ")}
    back = {what.split()[1]: t for lane, t, what in events if what.startswith("result ")}
    assert sorted(done, key=int) == sorted(back, key=int) == [str(t) for t in range(tasks)], (done, back)
    assert all(done[t] <= back[t] for t in done), (done, back)  # logged in the worker before it returned
