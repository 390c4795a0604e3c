"""Every message multiprocessing and concurrent.futures can show, read from the standard library's own source.

``python -m examples_scripts.atlas.messages`` prints the running interpreter's messages, one a line,
with the places that produce each; ``--stdlib DIR`` reads another interpreter's standard library.

A message is text a reader may see: each ``raise`` (and each exception object built now and raised
later, ``bpe = BrokenProcessPool("A process ...")``), each ``assert`` with a message, each
``warnings.warn``, each ``sys.stderr.write`` or ``print(..., file=sys.stderr)``, each ``LOGGER`` call
of warning level or worse (concurrent.futures logs "Exception in initializer:" that way), and each
``__str__`` of an exception class. Parts filled in at run time (``%``, ``.format``, f-strings, ``+``
with a variable) become ``{}``, a run of whitespace one space. A message kept in a variable is read
where the variable is assigned (``raise BrokenProcessPool(self._broken)``). The key of a message,
``module Name: text``, names no line, so it survives edits elsewhere in the file; the same text in
several places of one module is one message.
"""

import argparse
import ast
import builtins
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

PACKAGES = ("multiprocessing", "concurrent/futures")
BUILTIN_EXCEPTIONS = {n for n, v in vars(builtins).items() if isinstance(v, type) and issubclass(v, BaseException)}
OS_ERRORS = {n for n in BUILTIN_EXCEPTIONS if issubclass(getattr(builtins, n), OSError)}
EXCEPTION_SUFFIXES = ("Error", "Exception", "Warning")
IMPORTED_EXCEPTIONS = {"queue": {"Empty", "Full"}}  # exceptions the scanned modules import from other modules
LOG_LEVELS = {"critical": "CRITICAL", "error": "ERROR", "exception": "ERROR", "warning": "WARNING", "warn": "WARNING"}
PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]")
FIELD = re.compile(r"\{\{|\}\}|\{[^{}]*\}")
DEPTH = 4  # how many variables deep a message is looked up


@dataclass
class Message:
    module: str  # multiprocessing.pool
    name: str  # the exception or warning class, "sys.stderr", or "logging.CRITICAL"
    text: str  # the template: run-time parts as {}
    kind: str  # raise, assert, warn, stderr, log or str (an exception's __str__)
    places: set = field(default_factory=set)  # "multiprocessing/pool.py:123"

    @property
    def key(self):
        return key(self.module, self.name, self.text)


def key(module, name, text):
    return f"{module} {name}: {text}" if text else f"{module} {name}"


def normalise(text):
    return " ".join(text.split())


def stdlib_dir():
    """The running interpreter's standard library (inside a zip file on the Windows embeddable build)."""
    import multiprocessing

    return Path(multiprocessing.__file__).parent.parent


def has_sources(stdlib):
    return all((Path(stdlib) / p / "__init__.py").is_file() for p in PACKAGES)


def source_files(stdlib):
    return sorted(p for package in PACKAGES for p in (Path(stdlib) / package).rglob("*.py"))


def name_of(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def exception_classes(trees):
    """Names that are exception classes: builtins, the ones the files define, and a few they import."""
    names = set(BUILTIN_EXCEPTIONS)
    classes = [n for tree in trees for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in IMPORTED_EXCEPTIONS:
                names |= {a.asname or a.name for a in node.names if a.name in IMPORTED_EXCEPTIONS[node.module]}
    grew = True
    while grew:
        new = {c.name for c in classes if any(name_of(b) in names for b in c.bases)}
        grew = not new <= names
        names |= new
    return names | {n for n in (c.name for c in classes) if n.endswith(EXCEPTION_SUFFIXES)}


class _Scanner:
    """The messages of one file."""

    def __init__(self, tree, module, path, exceptions, found):
        self.tree, self.module, self.path = tree, module, path
        self.exceptions, self.found = exceptions, found
        self.globals, self.attributes = {}, {}  # name -> [(value, the function that assigns it)]
        for node, scope in _with_scopes(tree, None):
            for target, value in _assignments(node):
                if isinstance(target, ast.Name):
                    self.globals.setdefault(target.id, []).append((value, scope))
                elif isinstance(target, ast.Attribute):
                    self.attributes.setdefault(target.attr, []).append((value, scope))
        self.functions, self.calls, self.aliases = {}, {}, {}
        for node, scope in _with_scopes(tree, None):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.functions.setdefault(node.name, []).append(node)
            elif isinstance(node, ast.Call) and name_of(node.func):
                self.calls.setdefault(name_of(node.func), []).append((node, scope))
            elif isinstance(node, ast.Assign) and name_of(node.value) in exceptions:  # BROKEN = BrokenThreadPool
                self.aliases.update({name_of(t): name_of(node.value) for t in node.targets if name_of(t)})
        self.own_str = {}  # exception class -> its __str__
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in exceptions:
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name == "__str__":
                        self.own_str[node.name] = item

    # -- the text of an expression: a list of templates (an if-else or a variable may give several)

    def texts(self, node, scope, depth=0):
        """The templates an expression can produce, or None where it is not text known from the source."""
        if isinstance(node, ast.Constant):
            return [node.value] if isinstance(node.value, str) else None
        if isinstance(node, ast.JoinedStr):
            parts = [[v.value] if isinstance(v, ast.Constant) else ["{}"] for v in node.values]
            return _product(parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            left = self.texts(node.left, scope, depth)
            return None if left is None else [PERCENT.sub(_percent, t) for t in left]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.texts(node.left, scope, depth), self.texts(node.right, scope, depth)
            if left is None and right is None:
                return None
            return _product([left or ["{}"], right or ["{}"]])
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            left = self.texts(node.left, scope, depth)
            if left is not None and isinstance(node.right, ast.Constant) and isinstance(node.right.value, int):
                return [t * node.right.value for t in left]
            return left
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            receiver = self.texts(node.func.value, scope, depth)
            return None if receiver is None else [FIELD.sub(_field, t) for t in receiver]
        if isinstance(node, ast.IfExp):
            both = [t for side in (node.body, node.orelse) for t in (self.texts(side, scope, depth) or [])]
            return both or None
        if isinstance(node, ast.Name | ast.Attribute) and depth < DEPTH:
            found = [t for v, where in self.assigned(node, scope) for t in (self.texts(v, where, depth + 1) or [])]
            return list(dict.fromkeys(found)) or None
        return None

    def assigned(self, node, scope):
        """The values a variable is given, each with the function that gives it: in its own function,
        else anywhere in the module (a global, an attribute such as ``self._broken``); none for a
        parameter of the function."""
        if isinstance(node, ast.Attribute):
            return self.attributes.get(node.attr, [])
        if scope is not None:
            local = [
                (v, scope)
                for n in ast.walk(scope)
                for t, v in _assignments(n)
                if isinstance(t, ast.Name) and t.id == node.id
            ]
            if node.id in _parameters(scope):
                return local + self.passed(scope, node.id)
            if local:
                return local
        return self.globals.get(node.id, [])

    def passed(self, function, parameter):
        """The values a parameter gets: its default, and what the module's calls of the function pass."""
        args = function.args
        positional = [a.arg for a in args.posonlyargs + args.args]
        defaults = dict(zip(positional[len(positional) - len(args.defaults) :], args.defaults))
        defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
        out = [(defaults[parameter], None)] if parameter in defaults else []
        for call, where in self.calls.get(function.name, []):
            keyword = [k.value for k in call.keywords if k.arg == parameter]
            if keyword or parameter not in positional:
                out += [(v, where) for v in keyword]
                continue
            # a method called as obj.method(...) gets self implicitly
            index = positional.index(parameter) - (
                positional[:1] in (["self"], ["cls"]) and isinstance(call.func, ast.Attribute)
            )
            for i, arg in enumerate(call.args):
                if isinstance(arg, ast.Starred):  # f(*broken): the item of broken at that position
                    out += self.item(arg.value, index - i, where)
                    break
                if i == index:
                    out.append((arg, where))
                    break
        return out

    def item(self, node, index, scope, depth=0):
        """The values at ``index`` of a tuple: written out, held in a variable, or returned by a function."""
        if depth > DEPTH or index < 0:
            return []
        if isinstance(node, ast.Tuple | ast.List):
            simple = not any(isinstance(e, ast.Starred) for e in node.elts)
            return [(node.elts[index], scope)] if simple and index < len(node.elts) else []
        if isinstance(node, ast.Name):
            return [e for v, w in self.assigned(node, scope) for e in self.item(v, index, w, depth + 1)]
        if isinstance(node, ast.Call):
            returns = [
                (r.value, f)
                for f in self.functions.get(name_of(node.func), [])
                for r in ast.walk(f)
                if isinstance(r, ast.Return) and r.value is not None
            ]
            return [e for v, f in returns for e in self.item(v, index, f, depth + 1)]
        return []

    def message(self, node, scope):
        """The templates of a message argument; {} when it is only known at run time."""
        return self.texts(node, scope) or ["{}"]

    # -- the statements and calls that show a message

    def scan(self):
        for node, scope in _with_scopes(self.tree, None):
            self._look_at(node, scope)

    def _look_at(self, node, scope):
        if isinstance(node, ast.Raise) and node.exc is not None and not isinstance(node.exc, ast.Call):
            name = name_of(node.exc)
            if name in self.exceptions:  # raise Empty: the class, no message (raise exc re-raises)
                self.add(node, "raise", name, [""])
        elif isinstance(node, ast.Assert) and node.msg is not None:
            self.add(node, "assert", "AssertionError", self.message(node.msg, scope))
        elif isinstance(node, ast.FunctionDef) and node.name == "__str__" and node in self.own_str.values():
            cls = next(c for c, f in self.own_str.items() if f is node)
            returns = [r for r in ast.walk(node) if isinstance(r, ast.Return) and r.value is not None]
            self.add(node, "str", cls, [t for r in returns for t in self.message(r.value, node)])
        elif isinstance(node, ast.Call):
            self._look_at_call(node, scope)

    def _look_at_call(self, node, scope):
        func, name = node.func, name_of(node.func)
        name = self.aliases.get(name, name)
        if name in self.exceptions:
            self._exception(node, name, scope)
        elif name == "warn" and (name_of(getattr(func, "value", None)) == "util" or "warn" in self.functions):
            # multiprocessing.util.warn(): its logger at WARNING, once a program turned it on (log_to_stderr())
            texts = self.message(node.args[0], scope)
            if len(node.args) > 1:
                texts = [PERCENT.sub(_percent, t) for t in texts]
            self.add(node, "log", "logging.WARNING", texts)
        elif name in ("warn", "_warn"):
            category = node.args[1] if len(node.args) > 1 else None
            category = next((k.value for k in node.keywords if k.arg == "category"), category)
            text = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "message"), None)
            self.add(
                node,
                "warn",
                name_of(category) if category else "UserWarning",
                self.message(text, scope) if text else [""],
            )
        elif name == "write" and isinstance(func, ast.Attribute) and _is_stderr(func.value) and node.args:
            self.add(node, "stderr", "sys.stderr", self.message(node.args[0], scope))
        elif name == "print" and any(k.arg == "file" and _is_stderr(k.value) for k in node.keywords):
            self.add(node, "stderr", "sys.stderr", _product([self.message(a, scope) for a in node.args], " "))
        elif isinstance(func, ast.Attribute) and name in LOG_LEVELS and name_of(func.value) == "LOGGER" and node.args:
            texts = self.message(node.args[0], scope)
            if len(node.args) > 1:  # LOGGER.critical("%s", value) formats lazily
                texts = [PERCENT.sub(_percent, t) for t in texts]
            self.add(node, "log", f"logging.{LOG_LEVELS[name]}", texts)

    def _exception(self, node, name, scope):
        """An exception object built: raised here or kept to be raised later."""
        args = node.args
        if not args:
            texts = [""]
        elif name in OS_ERRORS and len(args) >= 2 and self.texts(args[0], scope) is None:
            # OSError(errno.EPIPE, "handle is closed") shows as "[Errno 32] handle is closed"
            suffix = ": {}" if len(args) >= 3 else ""
            texts = [f"[Errno {{}}] {t}{suffix}" for t in self.message(args[1], scope)]
        else:
            texts = self.texts(args[0], scope)
            if texts is None and name in self.own_str:
                return  # MaybeEncodingError(e, value): its __str__ is the message
            texts = texts or ["{}"]
        self.add(node, "raise", name, texts)

    def add(self, node, kind, name, texts):
        for text in dict.fromkeys(normalise(t) for t in texts):
            k = key(self.module, name, text)
            message = self.found.setdefault(k, Message(self.module, name, text, kind))
            message.places.add(f"{self.path}:{node.lineno}")


def _parameters(function):
    args = function.args
    return {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}


def _with_scopes(node, scope):
    """Every node below ``node``, each with the function it is in (a function is in itself)."""
    for child in ast.iter_child_nodes(node):
        inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else scope
        yield child, inner
        yield from _with_scopes(child, inner)


def _assignments(node):
    if isinstance(node, ast.Assign):
        return [(t, node.value) for t in node.targets]
    if isinstance(node, ast.AnnAssign | ast.AugAssign) and node.value is not None:
        return [(node.target, node.value)]
    return []


def _is_stderr(node):
    return name_of(node) == "stderr"


def _percent(m):
    return "%" if m[0] == "%%" else "{}"


def _field(m):
    return {"{{": "{", "}}": "}"}.get(m[0], "{}")


def _product(parts, sep=""):
    out = [""]
    for options in parts:
        out = [a + (sep if a and sep else "") + b for a in out for b in options]
    return out


def messages(stdlib=None):
    """{key: Message} for the standard library in ``stdlib`` (the running interpreter's by default)."""
    stdlib = Path(stdlib) if stdlib else stdlib_dir()
    files = source_files(stdlib)
    trees = [ast.parse(p.read_bytes(), filename=str(p)) for p in files]
    exceptions = exception_classes(trees)
    found = {}
    for path, tree in zip(files, trees):
        rel = path.relative_to(stdlib).as_posix()
        module = rel.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        _Scanner(tree, module, rel, exceptions, found).scan()
    return dict(sorted(found.items()))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stdlib", help="a standard library folder (default: the running interpreter's)")
    args = parser.parse_args(argv)
    stdlib = Path(args.stdlib) if args.stdlib else stdlib_dir()
    if not has_sources(stdlib):
        sys.exit(f"no .py sources of {' and '.join(PACKAGES)} in {stdlib} (a build that ships only compiled files)")
    found = messages(stdlib)
    for k, m in found.items():
        print(f"{k}    [{m.kind}: {', '.join(sorted(m.places, key=_by_line))}]")
    print(f"{len(found)} messages in {stdlib}", file=sys.stderr)


def _by_line(place):
    path, line = place.rsplit(":", 1)
    return path, int(line)


if __name__ == "__main__":
    main()
