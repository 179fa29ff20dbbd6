#!/usr/bin/env python3
"""Asks the reference Helm which template function names exist.

    python3 crates/chartcore/scripts/probe_func_names.py [--helm PATH] [NAME ...]

Each candidate is probed with `{{ if false }}{{ NAME }}{{ end }}`: the
template parses only if NAME is a function (Go builtin, Sprig or Helm).
Candidates are the names already in testdata/funcs/helm_functions.txt and
testdata/funcs/helm_non_functions.txt plus any NAME given. The available
names are written, sorted, to helm_functions.txt and the others to
helm_non_functions.txt; tests/funcs_names.rs checks the registered
functions against both.
"""

import argparse
import pathlib
import shutil
import subprocess
import tempfile

CRATE = pathlib.Path(__file__).resolve().parent.parent
DATA = CRATE / "testdata" / "funcs"
AVAILABLE = DATA / "helm_functions.txt"
ABSENT = DATA / "helm_non_functions.txt"

HEADER_AVAILABLE = (
    "# Every template function name Helm v4.3.1 accepts (Go builtins, Sprig, Helm),\n"
    "# probed with scripts/probe_func_names.py.\n"
)
HEADER_ABSENT = (
    "# Names Helm v4.3.1 does not define (removed from Sprig, other spellings,\n"
    "# names of other template libraries), probed with scripts/probe_func_names.py.\n"
)


def read_names(path):
    if not path.exists():
        return []
    return [l.strip() for l in path.read_text().splitlines()
            if l.strip() and not l.startswith("#")]


def defined(helm, tmp, name):
    chart = tmp / "p"
    if chart.exists():
        shutil.rmtree(chart)
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: p\nversion: 0.1.0\n")
    (chart / "templates" / "t.yaml").write_text(f"{{{{ if false }}}}{{{{ {name} }}}}{{{{ end }}}}\n")
    p = subprocess.run([helm, "template", "p", str(chart)], capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp)})
    if p.returncode == 0:
        return True
    if "not defined" in p.stderr or "unexpected" in p.stderr:
        return False
    raise RuntimeError(f"{name}: unexpected failure: {p.stderr}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm", default="/root/refhelm/helm")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    candidates = sorted(set(read_names(AVAILABLE)) | set(read_names(ABSENT)) | set(a.names))
    yes, no = [], []
    with tempfile.TemporaryDirectory() as d:
        for name in candidates:
            (yes if defined(a.helm, pathlib.Path(d), name) else no).append(name)
    AVAILABLE.write_text(HEADER_AVAILABLE + "".join(n + "\n" for n in yes))
    ABSENT.write_text(HEADER_ABSENT + "".join(n + "\n" for n in no))
    print(f"{len(yes)} defined, {len(no)} not defined")


if __name__ == "__main__":
    main()
