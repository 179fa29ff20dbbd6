#!/usr/bin/env python3
"""Regenerates the expectations of the template-function case tables from the
reference Helm (v4.3.1).

    python3 crates/chartcore/scripts/gen_func_cases.py [--helm PATH] [FILE.cases ...]

With no FILE, every crates/chartcore/testdata/funcs/*.cases is regenerated.

Format, one case a line: a template pipeline (what goes between `{{` and
`}}`), then a TAB and the expectation this script writes:

    PIPELINE<TAB>=> "output"     Helm rendered `{{ PIPELINE }}` as output
    PIPELINE<TAB>=! "message"    rendering failed; the message Go attached to
                                 the failing call (after `at <...>: `)

Lines without a TAB are new cases; `#` lines and blank lines are kept. The
quoted texts use JSON string escapes. A line may start with `@values {JSON}`
then a TAB to render that case with those values (`.Values`).
"""

import argparse
import base64
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

CRATE = pathlib.Path(__file__).resolve().parent.parent
DATA = CRATE / "testdata" / "funcs"
BATCH = 60


def find_helm(arg):
    if arg:
        return arg
    for p in ("/root/refhelm/helm",):
        if pathlib.Path(p).exists():
            return p
    out = subprocess.run(
        [str(CRATE.parent.parent.parent / "shared/tools/install-reference-helm")],
        capture_output=True, text=True, check=True)
    return out.stdout.strip() + "/helm"


def parse_line(line):
    """(values_json or None, pipeline) of a case line, or None for other lines."""
    if not line.strip() or line.startswith("#"):
        return None
    head = line.split("\t=> ")[0].split("\t=! ")[0]
    values = None
    if head.startswith("@values "):
        values, head = head[len("@values "):].split("\t", 1)
    return values, head


def make_chart(root, values, templates):
    if root.exists():
        shutil.rmtree(root)
    (root / "templates").mkdir(parents=True)
    (root / "Chart.yaml").write_text("apiVersion: v2\nname: t\nversion: 0.1.0\n")
    (root / "values.yaml").write_text(values or "{}\n")
    for name, text in templates.items():
        (root / "templates" / name).write_text(text)


def run_helm(helm, chart):
    p = subprocess.run([helm, "template", "t", str(chart)], capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(chart.parent)})
    return p.returncode, p.stdout, p.stderr


def batch_outputs(helm, tmp, values, pipelines):
    """Outputs of pipelines rendered together, or None if the batch failed."""
    defs = "".join(f'{{{{- define "c{i}" }}}}{{{{ {p} }}}}{{{{ end }}}}\n' for i, p in enumerate(pipelines))
    body = "".join(f'c{i}: {{{{ include "c{i}" . | b64enc | quote }}}}\n' for i in range(len(pipelines)))
    make_chart(tmp / "t", values, {"_defs.tpl": defs, "cases.yaml": body})
    rc, out, _ = run_helm(helm, tmp / "t")
    if rc != 0:
        return None
    got = {}
    for line in out.splitlines():
        m = re.match(r'^c(\d+): "(.*)"$', line)
        if m:
            text = base64.b64decode(m.group(2)).decode("utf-8", errors="replace")
            got[int(m.group(1))] = ("=>", text.replace("<no value>", ""))
    return [got[i] for i in range(len(pipelines))]


def error_message(stderr):
    """The message of the failing call from Helm v4's error output."""
    lines = stderr.rstrip("\n").split("\n")
    if lines and lines[-1].startswith("Use --debug"):
        lines = lines[:-2]
    # v4 exec errors: `Error: LOC\n  executing "X" at <CTX>:\n    MESSAGE...`
    for i, l in enumerate(lines):
        if l.startswith("  executing "):
            msg = "\n".join(x[4:] if x.startswith("    ") else x for x in lines[i + 1:])
            return msg
    text = "\n".join(lines)
    text = text[len("Error: "):] if text.startswith("Error: ") else text
    # Errors Helm could not reformat come in Go's one-line form.
    m = re.match(r"^template: [^ ]+: executing \"[^\"]*\" at <", text)
    if m:
        rest = text[m.end():]
        cut = rest.find(">: ")
        if cut >= 0:
            return rest[cut + 3:]
    return text


def single(helm, tmp, values, pipeline):
    outs = batch_outputs(helm, tmp, values, [pipeline])
    if outs is not None:
        return outs[0]
    make_chart(tmp / "t", values, {"case.yaml": f"{{{{ {pipeline} }}}}"})
    rc, _, err = run_helm(helm, tmp / "t")
    assert rc != 0, pipeline
    return ("=!", error_message(err))


def regenerate(helm, path):
    lines = path.read_text().split("\n")
    cases = [(i, parse_line(l)) for i, l in enumerate(lines)]
    cases = [(i, c) for i, c in cases if c is not None]
    results = {}
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        groups = {}
        for i, (values, pipe) in cases:
            groups.setdefault(values, []).append((i, pipe))
        for values, items in groups.items():
            vals = None if values is None else json.dumps(json.loads(values))
            for start in range(0, len(items), BATCH):
                chunk = items[start:start + BATCH]
                outs = batch_outputs(helm, tmp, vals, [p for _, p in chunk])
                if outs is None:
                    outs = [single(helm, tmp, vals, p) for _, p in chunk]
                for (i, _), r in zip(chunk, outs):
                    results[i] = r
    for i, (values, pipe) in cases:
        kind, text = results[i]
        head = pipe if values is None else f"@values {values}\t{pipe}"
        lines[i] = f"{head}\t{kind} {json.dumps(text, ensure_ascii=False)}"
    path.write_text("\n".join(lines))
    print(f"{path.name}: {len(cases)} cases", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    helm = find_helm(a.helm)
    files = [pathlib.Path(f) for f in a.files] or sorted(DATA.glob("*.cases"))
    for f in files:
        regenerate(helm, f)


if __name__ == "__main__":
    main()
