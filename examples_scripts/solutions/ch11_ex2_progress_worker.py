"""Solution to exercise ch11-ex2: progress messages sent to the notebook through a queue.

Watch for: the worker never prints. Each message goes on the queue, and the final ``None``
tells the notebook that no more will come, so it can stop reading without guessing.
"""


def count_up(q, n):
    for i in range(1, n + 1):
        q.put(f"step {i} of {n} done")
    q.put(None)
