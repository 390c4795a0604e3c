"""What every benchmark prints beside its numbers: the machine they were measured on.

Watch for: the CPU model, the logical cores, the OS, the Python version and build (with the GIL
or free-threaded) and the start methods. A number without these is not worth comparing.
The benchmark scripts import this module, so copy it with them.
"""

import multiprocessing as mp
import os
import platform
import sys
import sysconfig


def describe_machine():
    """CPU, cores, OS, Python version and build, start methods: what every number depends on."""
    cpu = platform.processor() or platform.machine()
    if sys.platform.startswith("linux"):
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    build = "free-threaded" if sysconfig.get_config_var("Py_GIL_DISABLED") else "with GIL"
    return (
        f"{cpu}, {os.cpu_count()} logical cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()} ({platform.python_implementation()}, {build}), "
        f"start methods {mp.get_all_start_methods()}"
    )


if __name__ == "__main__":
    print(describe_machine())
