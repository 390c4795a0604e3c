"""Every command that README.md and the book's pages tell a reader to type works, and is tested.

COMMANDS lists each one with the test that runs it, or why none can; a test fails when a page
gives a command missing from that list. This file runs, as a reader types them: the companion
scripts' commands, a virtual environment made and activated, `jupyter lab` (headless: a chapter
opened and run through the server's REST API and a kernel's websocket, then the server shut
down), `jupyter nbconvert --clear-output`, a chapter opened without its scripts, and
spawn-safe-code.zip (book/_ext/code_zip.py; tests/test_reader_pages.py checks it in the built
site).
"""

import asyncio
import http.client
import importlib.metadata as md
import importlib.util
import io
import json
import multiprocessing as mp
import os
import platform
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from pathlib import Path

import nbclient
import nbformat
import psutil
import pytest
from book_build import tool
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from book._ext import code_zip
from conftest import ROOT, cmdline

WINDOWS = sys.platform == "win32"
CHAPTER = "notebooks/01_start_methods.ipynb"
MISSING = (
    "This chapter needs the book's scripts: download spawn-safe-code.zip from the book's "
    "Setting up page, unzip it, and open this notebook from its notebooks/ folder."
)
# IPython's own note under any SystemExit a cell raises; the reader sees it below the message
IPYTHON_EXIT_NOTE = "UserWarning: To exit: use 'exit', 'quit', or Ctrl-D."
PAGES = [ROOT / "README.md", *sorted((ROOT / "book").glob("*.md"))]

HERE = "tests/test_reader_commands.py::"
BUILD = "tests/book_build.py (test_book, test_reader_pages): the same build with -W --keep-going --path-output"
TOOLS = "tests/test_windows_tools.py"
CI = ".ci/run and the tests workflow: a fresh venv on every OS, then this suite"
COMMANDS = {
    # reading: the environment
    "py -m venv .venv": "not here: Windows' py launcher (test_a_virtual_environment_as_the_book_makes_it runs venv)",
    "py -3.13 -m venv .venv": "not here: Windows' py launcher",
    "py --list": "not here: Windows' py launcher",
    "py -3.13": "part of `py -3.13 -m venv .venv`",
    "python -m venv .venv": HERE + "test_a_virtual_environment_as_the_book_makes_it",
    "python3 -m venv .venv": HERE + "test_a_virtual_environment_as_the_book_makes_it",
    "python3 -m venv": "part of `python3 -m venv .venv`",
    "source .venv/bin/activate": HERE + "test_a_virtual_environment_as_the_book_makes_it (POSIX)",
    ".venv\\Scripts\\Activate.ps1": HERE + "test_a_virtual_environment_as_the_book_makes_it (Windows)",
    ".venv\\Scripts\\python.exe examples_scripts\\check_setup.py": HERE
    + "test_a_virtual_environment_as_the_book_makes_it (Windows)",
    "Set-ExecutionPolicy -Scope CurrentUser RemoteSigned": "not run: changes the machine's PowerShell policy",
    "python -m pip install -r requirements.txt": CI
    + "; "
    + HERE
    + "test_requirements_install_every_program_the_book_runs",
    ".venv\\Scripts\\python.exe -m pip install -r requirements.txt": CI + " (Windows)",
    "pip install -r requirements.txt": "not here: conda (same file as the pip installs above)",
    "conda create -n spawnsafe python=3.13": "not run: conda is not part of the test environment",
    "conda activate spawnsafe": "not run: conda is not part of the test environment",
    "sudo apt install python3-venv": "not run: the system's package manager, as root",
    "apt-get install chromium chromium-driver": "not run here: .ci/run runs it on CI (root, Debian)",
    # reading: the chapters
    "jupyter lab notebooks/01_start_methods.ipynb": HERE + "test_jupyter_lab_opens_a_chapter_and_runs_its_cells",
    "cd notebooks": "part of the `python ../examples_scripts/...` commands (run from notebooks/)",
    "python ../examples_scripts/reimport.py": HERE + "test_a_command_runs_as_typed",
    "python ../examples_scripts/reimport.py --start-method spawn": HERE + "test_a_command_runs_as_typed",
    "python examples_scripts/reimport.py": HERE + "test_a_command_runs_as_typed",
    "python examples_scripts/reimport.py --start-method spawn": HERE + "test_a_command_runs_as_typed",
    "python examples_scripts/reimport.py --start-method fork": HERE + "test_a_command_runs_as_typed",
    "python examples_scripts/reimport.py --help": HERE + "test_a_command_runs_as_typed",
    "python -m examples_scripts.atlas.messages": HERE + "test_a_command_runs_as_typed",
    "python examples_scripts/explain_error.py traceback.txt": "tests/test_explain_error.py (a traceback in a file)",
    "python examples_scripts/explain_error.py -": "tests/test_explain_error.py (a traceback on standard input)",
    # the Chinese edition (README)
    "python book/_ext/editions.py zh_CN _build/zh/_config.yml": "tests/book_build.py writes the same config "
    "(editions.derived) for the Chinese build in test_book.py",
    "jupyter-book build . --config _build/zh/_config.yml --path-output _build/zh": "tests/book_build.py "
    "(build(..., 'zh_CN')), run by test_book.py and test_site.py",
    "jupyter-book build . --builder custom --custom-builder gettext": "tests/test_translation.py "
    "(the templates fixture)",
    "python book/_ext/catalog_rules.py locales/zh_CN/LC_MESSAGES/**/*.po": "tests/test_translation.py "
    "(test_every_entry_is_translated_and_keeps_its_markup calls the same check_file)",
    "python -m pytest tests/test_translation.py": "not run inside the suite; "
    "CI runs that file within `python -m pytest`",
    "python -m pytest -n 0 tests/test_ch13_error_index.py tests/test_atlas_triage.py": "not run inside the suite; "
    "CI runs both files within `python -m pytest`",
    "python examples_scripts/check_setup.py": HERE + "test_a_command_runs_as_typed; " + TOOLS,
    'python -c "import multiprocessing as mp; print(mp.get_all_start_methods())"': HERE
    + "test_a_command_runs_as_typed",
    # the tools page
    "python examples_scripts/check_setup.py --timeout 0.001": TOOLS,
    "python - < examples_scripts/check_setup.py": TOOLS,
    "python examples_scripts/run_as_windows.py examples_scripts/broken/no_main_guard.py": TOOLS,
    "python examples_scripts/run_as_windows.py examples_scripts/broken/lambda_target.py": TOOLS,
    "python examples_scripts/run_as_windows.py examples_scripts/globals_after_import.py": TOOLS,
    "python examples_scripts/run_as_windows.py examples_scripts/globals_after_import.py --start-method fork": TOOLS,
    "python examples_scripts/run_as_windows.py - --start-method spawn < examples_scripts/reimport.py": TOOLS,
    "python examples_scripts/run_as_windows.py examples_scripts/console_encoding.py": TOOLS,
    "python examples_scripts/run_as_windows.py examples_scripts/broken/pool_no_main_guard.py": TOOLS,
    "python examples_scripts/run_as_windows.py --timeout 60 my_script.py": TOOLS + " (--timeout, with real scripts)",
    "python examples_scripts/broken/lambda_target.py": TOOLS,
    'python examples_scripts/run_as_windows.py -c "CODE"': TOOLS + " (with real code)",
    "python examples_scripts/run_as_windows.py my_script.py args": TOOLS + " (with the book's scripts)",
    "python examples_scripts/run_as_windows.py my_script.py": TOOLS + " (with the book's scripts)",
    "python examples_scripts/run_as_windows.py your_script.py": TOOLS + " (with the book's scripts)",
    "python examples_scripts/run_as_windows.py - < my_script.py": TOOLS + " (with reimport.py)",
    "python examples_scripts/run_as_windows.py --encoding cp936 my_script.py": "not run: a placeholder script",
    "python my_script.py args": "not a command: the reader's own script",
    "python file.py": "not a command: the reader's own script",
    "python - < script.py": "not a command: names a way of running code (error index)",
    "python -c": "not a command: names a way of running code (error index)",
    # when something hangs
    'tasklist /fi "imagename eq python.exe"': HERE + "test_a_stray_python_is_found_and_ended (Windows)",
    "taskkill /pid 1234": HERE + "test_a_stray_python_is_found_and_ended (Windows, with /f)",
    "taskkill /f /im python.exe": "not run: ends every Python process of the user (the page warns against it)",
    "ps -efww | grep python": HERE + "test_a_stray_python_is_found_and_ended (POSIX)",
    "kill 1234": HERE + "test_a_stray_python_is_found_and_ended (POSIX)",
    "kill -9 1234": HERE + "test_a_stray_python_is_found_and_ended (POSIX)",
    "pgrep -af 'examples_scripts/|from multiprocessing'": HERE + "test_the_pattern_finds_orphaned_workers (POSIX)",
    'python -c "from multiprocessing.spawn import spawn_main; ..."': (
        "not a command: how a spawned worker's command line looks (test_the_pattern_finds_orphaned_workers)"
    ),
    "pkill -f 'examples_scripts/|from multiprocessing'": (
        "not run: it would end the suite's own workers; test_the_pattern_finds_orphaned_workers kills by pid"
    ),
    # building and testing (a clone)
    "jupyter-book build .": BUILD,
    "SPAWNSAFE_EDITION=student jupyter-book build . --path-output _build/student": BUILD
    + ", SPAWNSAFE_EDITION=student",
    '$env:SPAWNSAFE_EDITION="student"; jupyter-book build . --path-output _build/student': BUILD
    + ", SPAWNSAFE_EDITION=student (PowerShell syntax not run)",
    "python -m pytest": CI,
    "python -m pytest -n 0": "not run inside the suite (it would run itself); the way the suite runs in one process",
    "python -m pytest tests/test_ch04_pool.py": "not run inside the suite; CI runs that file within `python -m pytest`",
    "jupyter nbconvert --clear-output --inplace notebooks/*.ipynb": HERE
    + "test_nbconvert_clear_output_keeps_the_committed_notebooks",
}


# The commands on the pages

PROGRAMS = {
    "python",
    "python3",
    "py",
    "pip",
    "jupyter",
    "jupyter-book",
    "conda",
    "source",
    "Set-ExecutionPolicy",
    "tasklist",
    "taskkill",
    "ps",
    "kill",
    "pkill",
    "pgrep",
    "sudo",
    "apt",
    "apt-get",
    "cd",
}
CODE_FENCES = {"text", "bash", "console", "shell", "powershell"}  # what a reader types in a terminal
CODE_DIRECTIVES = {"{code-block}", "{code}", "{code-cell}", "{literalinclude}"}


def is_command(text):
    words = text.split()
    if not words:
        return False
    if len(words) == 1:  # a program alone is a name in prose, except activation
        return words[0].startswith(".venv") and words[0].endswith(("Activate.ps1", "activate"))
    return words[0] in PROGRAMS or words[0].startswith((".venv", "$env:", "SPAWNSAFE_EDITION="))


def normal(line):
    """A command as typed: no prompt, no trailing comment or note such as ``(macOS, Linux)``."""
    line = re.sub(r"^\$ ", "", line.strip())
    line = re.sub(r"\s{2,}(#.*|\(.*\))$", "", line)
    return " ".join(line.split())


def page_commands(page):
    """The commands a page gives: lines of its terminal blocks, and code spans in its prose."""
    found, fences = [], []  # fences: (marker, kind) of the open fences, innermost last
    for line in page.read_text(encoding="utf-8").splitlines():
        if fences and line.strip() == fences[-1][0]:
            fences.pop()
            continue
        opening = re.match(r"\s*(`{3,}|:{3,})\s*(\S*)", line)
        if opening:
            marker, info = opening.groups()
            kind = (
                "code"
                if info in CODE_FENCES
                else "prose"
                if info.startswith("{") and info not in CODE_DIRECTIVES
                else "skip"
            )
            fences.append((marker, kind))
            continue
        kinds = [kind for _, kind in fences]
        if "skip" in kinds:
            continue
        if kinds and kinds[-1] == "code":
            if is_command(normal(line)):
                found.append(normal(line))
        else:
            found += [normal(span) for span in re.findall(r"(?<!`)`([^`\n]+)`(?!`)", line) if is_command(normal(span))]
    return found


def test_every_command_on_the_pages_is_run_here_or_says_why_not():
    on_pages = {(page.relative_to(ROOT).as_posix(), c) for page in PAGES for c in page_commands(page)}
    assert any(c == "jupyter lab notebooks/01_start_methods.ipynb" for _, c in on_pages)  # the control
    missing = sorted(f"{page}: {c}" for page, c in on_pages if c not in COMMANDS)
    assert not missing, "commands no test runs and COMMANDS does not explain:\n" + "\n".join(missing)


# Running a command as typed


def typed(command, cwd, timeout=120):
    """Run a command line as a reader types it, with this environment's Python."""
    words = shlex.split(command)
    if words[0] in ("python", "python3"):
        words[0] = sys.executable
    return shell(words, cwd, timeout=timeout)


RUNS = [  # command, the folder it is typed in, what its output shows
    ("python examples_scripts/check_setup.py", "", "a child started with spawn answered"),
    ("python examples_scripts/reimport.py", "", "module level: __name__ = '__mp_main__' in SpawnProcess-1"),
    (
        "python examples_scripts/reimport.py --start-method spawn",
        "",
        "module level: __name__ = '__mp_main__' in SpawnProcess-1",
    ),
    (
        "python examples_scripts/reimport.py --start-method fork",
        "",
        "work():       __name__ = '__main__' in ForkProcess-1",
    ),
    ("python examples_scripts/reimport.py --help", "", "--start-method"),
    ("python ../examples_scripts/reimport.py", "notebooks", "guarded block: child exit code 0"),
    ("python ../examples_scripts/reimport.py --start-method spawn", "notebooks", "guarded block: child exit code 0"),
    ('python -c "import multiprocessing as mp; print(mp.get_all_start_methods())"', "", "'spawn'"),
    ("python -m examples_scripts.atlas.messages", "", "multiprocessing"),
]


@pytest.mark.parametrize("command, folder, expected", RUNS, ids=[c + (f" (in {f}/)" if f else "") for c, f, _ in RUNS])
def test_a_command_runs_as_typed(command, folder, expected):
    if "fork" in command and "fork" not in mp.get_all_start_methods():
        pytest.skip("this OS offers no fork")
    r = typed(command, ROOT / folder)
    if "atlas" in command and r.returncode == 1 and "no .py sources" in r.stderr:
        pytest.skip(r.stderr.strip())  # what it says where Python ships compiled files only
    assert r.returncode == 0 and expected in r.stdout, r.stdout + r.stderr


def shell(command, cwd=None, shell=False, timeout=120):
    return subprocess.run(
        command,
        cwd=cwd,
        shell=shell,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )


def powershell():
    """Windows PowerShell, if it is there and answers (Wine has a stub)."""
    found = shutil.which("powershell") or shutil.which("pwsh")
    if found and shell([found, "-NoProfile", "-Command", "$PSVersionTable.PSVersion.Major"]).stdout.strip().isdigit():
        return found
    return None


def test_a_virtual_environment_as_the_book_makes_it(tmp_path):
    if importlib.util.find_spec("venv") is None:
        pytest.skip("this Python has no venv module (the Windows embeddable package)")
    shutil.copytree(
        ROOT / "examples_scripts", tmp_path / "examples_scripts", ignore=shutil.ignore_patterns("__pycache__")
    )
    r = typed("python -m venv .venv", tmp_path, timeout=300)  # python3 on macOS and Linux: this Python
    assert r.returncode == 0, r.stdout + r.stderr
    venv = tmp_path / ".venv"
    check = "import sys; print(sys.prefix)"
    if WINDOWS:
        if powershell():  # the policy the page asks the reader to set, for this process only
            r = shell(
                [
                    powershell(),
                    "-NoProfile",
                    "-ExecutionPolicy",
                    "RemoteSigned",
                    "-Command",
                    f".venv\\Scripts\\Activate.ps1; python -c '{check}'",
                ],
                tmp_path,
            )
            assert r.returncode == 0 and os.path.samefile(r.stdout.strip(), venv), r.stdout + r.stderr
        # cmd.exe, like PowerShell, finds the relative program in the folder it runs in
        r = shell(".venv\\Scripts\\python.exe examples_scripts\\check_setup.py", tmp_path, shell=True)
    else:
        r = shell(["bash", "-c", f'source .venv/bin/activate && python -c "{check}"'], tmp_path)
        assert r.returncode == 0 and os.path.samefile(r.stdout.strip(), venv), r.stdout + r.stderr
        r = shell([".venv/bin/python", "examples_scripts/check_setup.py"], tmp_path)
    # the checker needs nothing installed: it runs in the new environment before pip does
    assert r.returncode == 0 and "answered" in r.stdout, r.stdout + r.stderr


@pytest.mark.parametrize("kill", ["kill", "kill -9"] if not WINDOWS else ["taskkill /f /pid"])
def test_a_stray_python_is_found_and_ended(kill):
    if not WINDOWS and not shutil.which("ps"):
        pytest.skip("no ps here: a minimal container without procps")
    # the base interpreter: on Windows a venv's python.exe is a launcher with the real one as its child
    python = getattr(sys, "_base_executable", sys.executable) if WINDOWS else sys.executable
    stray = subprocess.Popen([python, "-c", "import time; time.sleep(120)"], stdin=subprocess.DEVNULL)
    try:
        if WINDOWS:
            listed = shell('tasklist /fi "imagename eq python.exe"', shell=True)
            if not listed.stdout.strip():  # not even a header: Wine's tasklist, which lists nothing
                pytest.skip("this tasklist lists no process")
        else:
            # without ww, ps cuts lines at 80 columns when no terminal is attached: a long path
            # to python (a venv in a deep folder) then loses the word "python"
            listed = shell("ps -efww | grep python", shell=True)
        assert re.search(rf"\b{stray.pid}\b", listed.stdout), listed.stdout
        ended = shell(f"{kill} {stray.pid}", shell=True)
        assert ended.returncode == 0, ended.stdout + ended.stderr
        assert stray.wait(timeout=30) != 0
    finally:
        if stray.poll() is None:
            stray.kill()
            stray.wait(timeout=30)


ORPHAN = """
import multiprocessing as mp, os, time

def sleep():
    time.sleep(120)

if __name__ == "__main__":
    child = mp.get_context("spawn").Process(target=sleep)
    child.start()
    print(child.pid, flush=True)
    os._exit(0)   # no join: the child is orphaned, with multiprocessing's resource tracker
"""


@pytest.mark.skipif(WINDOWS or not shutil.which("pgrep"), reason="pgrep: macOS and Linux")
def test_the_pattern_finds_orphaned_workers(tmp_path):
    """The set-up page's pattern matches an orphaned spawned worker and the resource tracker,
    whose command lines name no script. The test ends them by pid: pkill with the same pattern
    would end the workers of every other test running now."""
    pattern = re.search(r"`pgrep -af '([^']+)'`", (ROOT / "book" / "setup.md").read_text(encoding="utf-8"))[1]
    script = tmp_path / "orphan.py"
    script.write_text(ORPHAN, encoding="utf-8")
    before = {p.pid for p in psutil.process_iter()}
    printed = tmp_path / "pid.txt"  # a file, not a pipe: the orphan keeps the parent's stdout open
    with printed.open("w") as out:
        subprocess.run([sys.executable, str(script)], stdout=out, stdin=subprocess.DEVNULL, timeout=60)
    orphans = [psutil.Process(int(printed.read_text()))]
    orphans += [
        p
        for p in psutil.process_iter()
        if p.pid not in before and "resource_tracker" in " ".join(p.cmdline()) and p.ppid() in (1, orphans[0].ppid())
    ]
    try:
        listed = shell(f"pgrep -af '{pattern}'", shell=True).stdout
        for orphan in orphans:
            assert re.search(rf"^{orphan.pid} ", listed, re.M), (orphan.cmdline(), listed)
        assert any("spawn_main" in " ".join(o.cmdline()) for o in orphans)
    finally:
        for orphan in orphans:
            orphan.kill()
        psutil.wait_procs(orphans, timeout=30)


# requirements.txt installs the programs the pages run


def closure(requirements):
    """The distributions pip installs for these requirement lines: their dependencies, read from
    what is installed here, with their extras and on this platform."""
    found, todo = {}, [Requirement(line) for line in requirements]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        new = ({""} | set(req.extras)) - found.get(name, set())  # "": the package without extras
        if not new:
            continue
        found.setdefault(name, set()).update(new)
        for line in md.requires(req.name) or []:
            dep = Requirement(line)
            if dep.marker is None or any(dep.marker.evaluate({"extra": extra}) for extra in new):
                todo.append(dep)
    return set(found)


def test_requirements_install_every_program_the_book_runs():
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    installed = closure([line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip()])
    scripts = {ep.name: canonicalize_name(ep.dist.name) for ep in md.entry_points(group="console_scripts")}
    # `jupyter lab` and `jupyter nbconvert` run jupyter-lab and jupyter-nbconvert
    for program in ("jupyter", "jupyter-lab", "jupyter-nbconvert", "jupyter-book", "pytest"):
        assert scripts.get(program) in installed, f"requirements.txt does not install {program}"


# JupyterLab, headless


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """`jupyter lab CHAPTER` on a free local port with a token, isolated from the user's settings."""

    def __init__(self, folder, home):
        self.token, self.port = secrets.token_hex(16), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            **{
                var: str(home / var.lower())
                for var in (
                    "JUPYTER_CONFIG_DIR",
                    "JUPYTER_DATA_DIR",
                    "JUPYTER_RUNTIME_DIR",
                    "JUPYTERLAB_SETTINGS_DIR",
                    "JUPYTERLAB_WORKSPACES_DIR",
                )
            },
        }
        self.log = home / "lab.log"
        with open(self.log, "w", encoding="utf-8") as log:
            self.proc = subprocess.Popen(
                [
                    tool("jupyter"),
                    "lab",
                    CHAPTER,
                    "--no-browser",
                    "--ServerApp.ip=127.0.0.1",
                    f"--ServerApp.port={self.port}",
                    "--ServerApp.port_retries=0",
                    f"--IdentityProvider.token={self.token}",
                    # Jupyter refuses root, whom a reader is not; a CI container often is
                    *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
                ],
                cwd=folder,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy

    def api(self, method, path, body=None, timeout=60):
        request = urllib.request.Request(
            self.url + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=timeout) as response:
            data = response.read()
        return json.loads(data) if data else None

    def wait_until_up(self, timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "jupyter lab exited:\n" + self.log.read_text(errors="replace")[-3000:]
            try:
                return self.api("GET", "/api/status", timeout=10)
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise AssertionError("jupyter lab did not answer:\n" + self.log.read_text(errors="replace")[-3000:])

    def execute(self, kernel_id, code, timeout=120):
        """Run code in the kernel over its websocket, as JupyterLab does: (execute_reply content, outputs)."""
        return asyncio.run(asyncio.wait_for(self._execute(kernel_id, code), timeout))

    async def _execute(self, kernel_id, code):
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        session = uuid.uuid4().hex
        url = f"ws://127.0.0.1:{self.port}/api/kernels/{kernel_id}/channels?session_id={session}"
        ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {self.token}"}))
        try:
            msg_id = uuid.uuid4().hex
            await ws.write_message(
                json.dumps(
                    {
                        "header": {
                            "msg_id": msg_id,
                            "msg_type": "execute_request",
                            "session": session,
                            "username": "reader",
                            "version": "5.3",
                        },
                        "parent_header": {},
                        "metadata": {},
                        "channel": "shell",
                        "buffers": [],
                        "content": {
                            "code": code,
                            "silent": False,
                            "store_history": True,
                            "user_expressions": {},
                            "allow_stdin": False,
                            "stop_on_error": True,
                        },
                    }
                )
            )
            reply, outputs, idle = None, [], False
            while reply is None or not idle:
                raw = await ws.read_message()
                assert raw is not None, "the kernel's websocket closed"
                if isinstance(raw, bytes):  # a message with binary buffers: not ours
                    continue
                msg = json.loads(raw)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if msg["channel"] == "shell" and kind == "execute_reply":
                    reply = msg["content"]
                elif kind == "status":
                    idle = msg["content"]["execution_state"] == "idle"
                elif kind in ("stream", "error", "execute_result", "display_data"):
                    outputs.append({"output_type": kind, **msg["content"]})
            return reply, outputs
        finally:
            ws.close()

    def started(self):
        """Every process the server started (the kernel, and on Windows jupyter-lab.exe itself)."""
        return psutil.Process(self.proc.pid).children(recursive=True)

    def stop(self):
        """Shut the server down as JupyterLab's *File > Shut Down* does: (its exit code, what still runs)."""
        started = self.started()
        self.api("POST", "/api/shutdown")
        code = self.proc.wait(timeout=120)
        _, alive = psutil.wait_procs(started, timeout=60)
        return code, alive

    def kill(self):
        """After a failure: end the server and everything it started."""
        try:
            procs = [psutil.Process(self.proc.pid), *self.started()]
        except psutil.NoSuchProcess:
            procs = []
        for p in procs:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        psutil.wait_procs(procs, timeout=30)
        self.proc.wait(timeout=30)


def stdout(outputs):
    return "".join(o["text"] for o in outputs if o["output_type"] == "stream" and o["name"] == "stdout")


def copy_of_the_book(folder):
    """The book's folder as a reader has it: the chapters and their scripts."""
    shutil.copytree(ROOT / "notebooks", folder / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(
        ROOT / "examples_scripts", folder / "examples_scripts", ignore=shutil.ignore_patterns("__pycache__")
    )
    return folder


@pytest.mark.timeout(900)
def test_jupyter_lab_opens_a_chapter_and_runs_its_cells(tmp_path):
    book = copy_of_the_book(tmp_path / "book")
    lab = Lab(book, tmp_path)
    try:
        assert lab.wait_until_up()["started"]
        # given a file, jupyter lab serves the file's folder, notebooks/: the chapter is at its top
        chapter = Path(CHAPTER).name
        assert chapter in [item["name"] for item in lab.api("GET", "/api/contents/")["content"]]
        model = lab.api("GET", f"/api/contents/{chapter}?content=1")  # what JupyterLab loads to show it
        cells = [c for c in model["content"]["cells"] if c["cell_type"] == "code"]
        kernel = model["content"]["metadata"]["kernelspec"]["name"]
        session = lab.api(
            "POST", "/api/sessions", {"path": chapter, "type": "notebook", "name": chapter, "kernel": {"name": kernel}}
        )
        kernel_id = session["kernel"]["id"]

        reply, outputs = lab.execute(kernel_id, cells[0]["source"])  # the set-up cell
        assert reply["status"] == "ok", outputs
        assert stdout(outputs).startswith(
            f"Python {platform.python_version()} on {platform.system()}; start methods here: "
        ), outputs
        first_run = next(c["source"] for c in cells if "run(" in c["source"])  # the first cell that runs a script
        reply, outputs = lab.execute(kernel_id, first_run)
        assert reply["status"] == "ok", outputs
        assert "$ python ../examples_scripts/" in stdout(outputs) and "[exit status 0]" in stdout(outputs), outputs

        assert any("ipykernel" in cmdline(p) for p in lab.started()), "the chapter's kernel is not the server's child"
        code, alive = lab.stop()
        assert code == 0, lab.log.read_text(errors="replace")[-3000:]
        assert not alive, f"still running after the shutdown: {alive}"
    finally:
        if lab.proc.poll() is None:
            lab.kill()


# nbconvert


def test_nbconvert_clear_output_keeps_the_committed_notebooks(tmp_path):
    book = copy_of_the_book(tmp_path)
    # no shell: nbconvert expands the pattern itself, as it must for PowerShell and cmd
    r = subprocess.run(
        [tool("jupyter"), "nbconvert", "--clear-output", "--inplace", "notebooks/*.ipynb"],
        cwd=book,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks and r.stderr.count("Writing") == len(notebooks), r.stderr
    for nb in notebooks:
        # the same notebook; nbconvert writes its keys sorted, the house script in insertion order
        assert json.loads((book / "notebooks" / nb.name).read_text(encoding="utf-8")) == json.loads(
            nb.read_text(encoding="utf-8")
        ), nb.name


# A chapter without the book's scripts, and with them from the zip


def execute(notebook, folder, last=None):
    """Execute a notebook's code cells in `folder`, as a reader in Jupyter does, up to the first
    error or the first cell for which `last(source)` is true. Returns (executed code cells, error)."""
    nb = nbformat.read(notebook, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    done, error = [], None
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            done.append(cell)
            try:
                client.execute_cell(cell, index)
            except nbclient.exceptions.CellExecutionError as e:
                error = e
                # the kernel lives on: the reader can fix the folder and run the cell again
                probe = nbformat.v4.new_code_cell("print('still here')")
                nb.cells.append(probe)
                client.execute_cell(probe, len(nb.cells) - 1)
                assert probe.outputs[0]["text"] == "still here\n", probe.outputs
                break
            if last and last(cell.source):
                break
    return done, error


@pytest.mark.timeout(300)
def test_a_chapter_opened_alone_says_in_one_line_what_to_fetch(tmp_path):
    alone = tmp_path / "Downloads"  # the notebook, and no examples_scripts/ next to its folder
    alone.mkdir()
    shutil.copy(ROOT / CHAPTER, alone)
    done, error = execute(alone / Path(CHAPTER).name, alone)
    assert error is not None and len(done) == 1, "the set-up cell should stop the chapter"
    assert (error.ename, error.evalue) == ("SystemExit", MISSING)
    assert "\n" not in MISSING
    outputs = done[0].outputs
    shown = [o for o in outputs if not (o["output_type"] == "stream" and IPYTHON_EXIT_NOTE in o["text"])]
    assert [(o["output_type"], o.get("evalue")) for o in shown] == [("error", MISSING)], outputs
    # the page and the file the message names
    setup = (ROOT / "book" / "setup.md").read_text(encoding="utf-8")
    assert setup.startswith("# Setting up\n")
    assert f"{{download}}`{code_zip.NAME} <../{code_zip.ZIP.as_posix()}>`" in setup


def unzip(data, folder):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        zf.extractall(folder)
    return folder / code_zip.FOLDER


def tracked(path):
    """The files git tracks under path (None without git)."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--", path], cwd=ROOT, capture_output=True, check=True, timeout=60
        ).stdout.decode("utf-8")
    except (OSError, subprocess.SubprocessError):
        return None
    return {name for name in out.split("\0") if name and (ROOT / name).is_file()}


@pytest.mark.parametrize("edition", ["full", "student"])
def test_the_code_zip_holds_what_a_reader_needs(edition):
    student = edition == "student"
    data = code_zip.zip_bytes(ROOT, student=student)
    assert data == code_zip.zip_bytes(ROOT, student=student)  # deterministic
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names) and all(i.date_time == code_zip.DATE for i in infos)
        assert all(n.startswith(code_zip.FOLDER + "/") for n in names)  # it unzips into one folder
        files = {n.split("/", 1)[1]: zf.read(n) for n in names}
    assert {"README.md", "requirements.txt"} <= set(files)
    notebooks = {f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert notebooks == {n for n in files if n.startswith("notebooks/")}
    scripts = {n for n in files if n.startswith("examples_scripts/")}
    assert "examples_scripts/launch.py" in scripts
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in scripts)
    assert not any(
        n.startswith(("tests/", "book/", "_build/", ".")) or n in ("conftest.py", "_config.yml") for n in files
    )
    git = tracked("examples_scripts")
    if git is not None:
        wanted = {n for n in git if not (student and n.startswith(code_zip.SOLUTIONS))}
        assert wanted <= scripts, sorted(wanted - scripts)
    has_solutions = any(n.startswith(code_zip.SOLUTIONS) for n in files)
    assert has_solutions != student
    for name, content in files.items():
        if name.endswith(".ipynb"):
            nb = json.loads(content)
            nbformat.validate(nb)
            code = [c for c in nb["cells"] if c["cell_type"] == "code"]
            assert all(c["outputs"] == [] and c["execution_count"] is None for c in code), name
            text = "".join("".join(c["source"]) for c in nb["cells"])
            assert "{exercise}" in text, name
            if student:
                assert "{solution-start}" not in text and "solutions/" not in text, name
            else:
                assert "{solution-start}" in text, name
        else:
            source = (ROOT / name).read_bytes()
            assert content == (source if b"\0" in source else source.replace(b"\r\n", b"\n")), name


@pytest.mark.timeout(300)
def test_a_chapter_runs_from_the_unzipped_code(tmp_path):
    book = unzip(code_zip.zip_bytes(ROOT), tmp_path)
    chapter = book / CHAPTER
    done, error = execute(chapter, chapter.parent, last=lambda source: "run(" in source)
    assert error is None, error
    assert "[exit status 0]" in stdout(done[-1].outputs), done[-1].outputs
