"""BROKEN ON PURPOSE: a Dask LocalCluster created at module level, with no main guard.

Watch for: LocalCluster starts its worker with multiprocessing's spawn. The child re-imports
this file as ``__mp_main__``, reaches the LocalCluster line again and tries to start workers
of its own while it is still bootstrapping: the same RuntimeError as chapter 2, this time
inside Dask's Nanny. The parent gives up with ``RuntimeError: Nanny failed to start.`` (the
cluster's ``timeout`` bounds the wait). The fixed version is ../dask_local.py.
"""

import sys
from pathlib import Path

from dask.distributed import Client, LocalCluster

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # examples_scripts/, for cpu_work
from cpu_work import burn  # noqa: E402

print(f"module level: __name__ = {__name__!r}", flush=True)
# one worker: its tracebacks on stderr cannot interleave with a second worker's
cluster = LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, timeout=30)
client = Client(cluster)
print("results:", client.gather(client.map(burn, range(4))), flush=True)
client.close()
cluster.close()
