"""joblib's loky backend, called at module level, with no ``if __name__ == "__main__":``.

Watch for: it works, under every OS. loky starts its workers without re-importing the main
module (its processes are created with ``init_main_module=False``) and sends the function
pickled with cloudpickle instead. Keep the guard anyway: the same file may also use a Pool or
Dask, which do re-import it, and importing it should never start work.
"""

from cpu_work import burn
from joblib import Parallel, delayed

print(f"module level: __name__ = {__name__!r}", flush=True)
print("results:", Parallel(n_jobs=2, timeout=60)(delayed(burn)(i) for i in range(4)), flush=True)
