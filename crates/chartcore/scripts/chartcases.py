"""Throwaway chart trees for the differential tables: build a chart with
subcharts from a compact description, run the reference `helm template` on it
with -f/--set flags, and record stdout, the error and the log lines.

Each case is a dict: name, files (paths relative to the root chart), args,
user_files (the -f / --set-file inputs by name) and, for inputs that are
not UTF-8, user_files_b64 (the same, base64-encoded). `run_case` adds stdout,
error and warnings (helm's log lines, sorted, INFO lines as their msg, WARN
lines as "msg key=value ...", as slog's text handler prints them).
"""

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile

import helmref

TEMPLATE = "values: {{ toJson .Values }}\n"
ROOT_TEMPLATE = TEMPLATE + "deps: {{ toJson .Chart.Dependencies }}\n"


def chart(name, values=None, deps=None, version="0.1.0", root=False, extra=""):
    """The files of one chart (relative to its directory)."""
    meta = f"apiVersion: v2\nname: {name}\nversion: {version}\n{extra}"
    if deps is not None:
        meta += "dependencies: " + json.dumps(deps) + "\n"
    files = {"Chart.yaml": meta, "templates/v.yaml": ROOT_TEMPLATE if root else TEMPLATE}
    if values is not None:
        files["values.yaml"] = values
    return files


def tree(**charts):
    """Flattens charts keyed by path ('' = root, 'sub', 'sub/subsub') into one file map."""
    out = {}
    for path, files in charts.items():
        prefix = "".join(f"charts/{p}/" for p in path.split("/") if p)
        for rel, text in files.items():
            out[prefix + rel] = text
    return out


def dep(name, **kw):
    d = {"name": name, "version": kw.pop("version", "0.1.0")}
    for k, v in kw.items():
        d[k.replace("_", "-")] = v
    return d


def f_args(*names):
    out = []
    for n in names:
        out += ["-f", n]
    return out


def normalise_log(stderr):
    """Helm's slog lines as the comparison strings described in the module docstring."""
    out = []
    for line in stderr.splitlines():
        m = re.match(r'level=(INFO|WARN) msg=("(?:[^"\\]|\\.)*"|\S+)(.*)$', line)
        if not m:
            continue
        msg = json.loads(m.group(2)) if m.group(2).startswith('"') else m.group(2)
        out.append(msg + m.group(3) if m.group(1) == "WARN" else msg)
    return sorted(out)


def canonical_error(err):
    """A schema error report with sibling causes (and the names of an
    additional-properties error) sorted: JSON Schema validation walks Go maps,
    so Helm prints them in a random order."""
    if err is None:
        return None
    lines = err.split("\n")

    def names_sorted(line):
        m = re.match(r"^(.*additional properties )(.*)( not allowed)$", line)
        if not m:
            return line
        names = re.findall(r"'(?:[^'\\]|\\.)*'", m.group(2))
        return m.group(1) + ", ".join(sorted(names)) + m.group(3)

    def depth(line):
        m = re.match(r"^( *)- ", line)
        return len(m.group(1)) // 2 if m else None

    def block(i, d):
        """Sorted subtrees of depth d starting at line i; returns (texts, next i)."""
        items = []
        while i < len(lines) and depth(lines[i]) == d:
            head = names_sorted(lines[i])
            kids, i = block(i + 1, d + 1)
            items.append("\n".join([head] + kids))
        return sorted(items), i

    out, i = [], 0
    while i < len(lines):
        if depth(lines[i]) == 0:
            items, i = block(i, 0)
            out.extend(items)
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def run_case(c, runs=3, allow_unstable=False):
    root = tempfile.mkdtemp(prefix="helmcase-")
    try:
        chart_dir = os.path.join(root, "chart")
        helmref.make_chart(chart_dir, files=c["files"], chart_yaml=False)
        for name, text in c["user_files"].items():
            with open(os.path.join(root, name), "w") as f:
                f.write(text)
        for name, b64 in c.get("user_files_b64", {}).items():
            with open(os.path.join(root, name), "wb") as f:
                f.write(base64.b64decode(b64))
        results = set()
        for _ in range(runs):
            p = subprocess.run([helmref.HELM, "template", "chart", *c["args"]],
                               capture_output=True, text=True, cwd=root)
            err = None if p.returncode == 0 else helmref.helm_error_text(p.stderr)
            results.add((p.stdout if p.returncode == 0 else None, err,
                         tuple(normalise_log(p.stderr))))
        unordered = False
        if len(results) != 1:
            canon = {(o, canonical_error(e), w) for o, e, w in results}
            if not allow_unstable or len(canon) != 1:
                raise RuntimeError(f"{c['name']}: helm output differs between runs: {results}")
            unordered = True
        stdout, err, warnings = sorted(results, key=repr)[0]
        out = {**c, "stdout": stdout, "error": err, "warnings": list(warnings)}
        if unordered:
            out["unordered"] = True
        return out
    finally:
        shutil.rmtree(root)


def write_cases(rel_path, cases, runs=3, allow_unstable=False):
    """Runs every case and writes them, one JSON object per line."""
    names = [c["name"] for c in cases]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise SystemExit(f"duplicate case names: {sorted(dupes)}")
    path = os.path.join(helmref.TESTDATA, rel_path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        for c in cases:
            f.write(json.dumps(run_case(c, runs, allow_unstable), sort_keys=True) + "\n")
    print(f"wrote {len(cases)} cases to {path}")
