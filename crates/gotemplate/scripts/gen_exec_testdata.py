#!/usr/bin/env python3
"""Regenerates the expectations of the template engine's case table from the
reference Helm (v4.3.1, Go 1.27 text/template).

    python3 crates/gotemplate/scripts/gen_exec_testdata.py [--helm PATH] [FILE...]

Case files: crates/gotemplate/testdata/exec/*.cases. One case a line:

    TEMPLATE <TAB> DATA <TAB>=> EXPECTATION

* TEMPLATE is the template text with three stand-ins: `␤` for a newline,
  `␉` for a tab and `␍` for a carriage return. `␞` separates extra files:
  `MAIN␞_a.tpl␞TEXT␞_b.tpl␞TEXT` adds `templates/_a.tpl` and
  `templates/_b.tpl` to the chart (they are parsed by Helm, in Helm's order,
  before MAIN).
* DATA is the JSON of `.Values` (empty means `{}`).
* EXPECTATION is written by this script: `"OUTPUT"` (a JSON string) or
  `error "MESSAGE"` (Go's error text). Lines without it are new cases.
  Lines starting with `#` and blank lines are kept as they are.

How a case runs in Helm: its text is a value, rendered by Helm's `tpl` with
`dict "Values" DATA` as dot, and `b64enc`-ed, so the exact output survives.
`tpl` parses the text as the template `gotpl` in a clone of the chart's
template set with missingkey=zero, and deletes `<no value>` from the output.
Its errors carry Go's own text, which this script takes from Helm's
message. Parse errors of the extra files are Helm's
`parse error at (NAME:LINE): MESSAGE` form. A batch that fails is run again
without the failing case until it passes.
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
CASES_DIR = CRATE / "testdata" / "exec"
SEP = "\t=> "
FILE_SEP = "\u241e"
CHART = "c"
BATCH = 400


def decode_template(field):
    return field.replace("\u2424", "\n").replace("\u2409", "\t").replace("\u240d", "\r")


class Case:
    def __init__(self, path, idx, src_field, data_field):
        self.path, self.idx = path, idx
        self.src_field, self.data_field = src_field, data_field
        parts = decode_template(src_field).split(FILE_SEP)
        self.src = parts[0]
        if len(parts) % 2 != 1:
            raise ValueError(f"{path}:{idx + 1}: extra files need NAME␞TEXT pairs")
        self.files = [(parts[i], parts[i + 1]) for i in range(1, len(parts), 2)]
        self.data = json.loads(data_field) if data_field.strip() else {}
        self.result = None  # ("out", str) or ("err", str)


def read_cases(paths):
    files, cases = {}, []
    for path in paths:
        lines = path.read_text().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        files[path] = lines
        for idx, line in enumerate(lines):
            if not line.strip() or line.startswith("#"):
                continue
            body = line.split(SEP)[0]
            if "\t" not in body:
                raise ValueError(f"{path}:{idx + 1}: no TAB between template and data")
            src, data = body.split("\t", 1)
            cases.append(Case(path, idx, src, data.strip()))
    return files, cases


def go_quoted_end(s, i):
    """The index after the Go double-quoted literal starting at s[i]."""
    assert s[i] == '"', s[i:i + 40]
    i += 1
    while s[i] != '"':
        i += 2 if s[i] == "\\" else 1
    return i + 1


TPL_ERR = re.compile(
    r'^Error: template: c/templates/c(\d+)\.yaml:\d+:\d+: executing "[^"]*" at <[^>]*>: '
    r"error calling tpl: (cannot parse template |error during tpl function execution for )")
FILE_PARSE_ERR = re.compile(r"^Error: parse error at \(c/templates/(c(\d+)[^:)]*):")
SUFFIX = "\n\nUse --debug flag to render out invalid YAML"


def attribute_error(stderr, batch):
    """(case number, Go error text) from Helm's stderr."""
    text = stderr.rstrip("\n")
    if text.endswith(SUFFIX):
        text = text[: -len(SUFFIX)]
    m = TPL_ERR.match(text)
    if m:
        end = go_quoted_end(text, m.end())
        assert text[end:end + 2] == ": ", text
        return int(m.group(1)), text[end + 2:]
    m = FILE_PARSE_ERR.match(text)
    if m:
        return int(m.group(2)), text[len("Error: "):]
    if len(batch) == 1 and text.startswith("Error: parse error at (c/templates/"):
        # An extra file of a solo case.
        return batch[0][0], text[len("Error: "):]
    sys.exit(f"cannot attribute helm error:\n{stderr}")


def run_chart(helm, batch):
    """Renders a batch of cases; returns {case number: result} for the ones
    that rendered and (number, error) for the first failing one."""
    chart = pathlib.Path(tempfile.mkdtemp(prefix="execcases-"))
    try:
        (chart / "templates").mkdir()
        (chart / "Chart.yaml").write_text(f"apiVersion: v2\nname: {CHART}\nversion: 0.1.0\n")
        values = {}
        for n, case in batch:
            values[f"c{n}"] = {"src": case.src, "data": case.data}
            (chart / "templates" / f"c{n}.yaml").write_text(
                f'c{n}: {{{{ tpl .Values.c{n}.src (dict "Values" .Values.c{n}.data) | b64enc }}}}\n')
            for name, text in case.files:
                # Extra files sit next to the case, named as the case names them
                # (a solo run), so Helm's parse order and error names hold.
                (chart / "templates" / name).write_text(text)
        (chart / "values.json").write_text(json.dumps(values, ensure_ascii=False))
        res = subprocess.run([helm, "template", str(chart), "-f", str(chart / "values.json")],
                             capture_output=True, text=True)
    finally:
        shutil.rmtree(chart)
    if res.returncode == 0:
        got = {}
        for line in res.stdout.split("\n"):
            m = re.match(r"^c(\d+): ?(.*)$", line)
            if m:
                got[int(m.group(1))] = base64.b64decode(m.group(2)).decode("utf-8", errors="replace")
        return got, None
    return {}, attribute_error(res.stderr, batch)


def render(helm, cases):
    numbered = list(enumerate(cases))
    solo = [nc for nc in numbered if nc[1].files]
    shared = [nc for nc in numbered if not nc[1].files]
    batches = [shared[i:i + BATCH] for i in range(0, len(shared), BATCH)] + [[nc] for nc in solo]
    runs = 0
    for batch in batches:
        pending = dict(batch)
        while pending:
            runs += 1
            got, failed = run_chart(helm, sorted(pending.items()))
            if failed is None:
                for n, case in pending.items():
                    if n not in got:
                        sys.exit(f"no output for case {case.path.name}:{case.idx + 1}")
                    case.result = ("out", got[n])
                break
            n, err = failed
            if n not in pending:
                sys.exit(f"error attributed to a case not in the batch: {err}")
            pending.pop(n).result = ("err", err)
    print(f"{len(cases)} cases, {runs} helm runs")


def expectation(result):
    kind, text = result
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted if kind == "out" else f"error {quoted}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm", default="/root/refhelm/helm")
    ap.add_argument("files", nargs="*", type=pathlib.Path)
    args = ap.parse_args()
    paths = args.files or sorted(CASES_DIR.glob("*.cases"))
    files, cases = read_cases(paths)
    render(args.helm, cases)
    for case in cases:
        line = f"{case.src_field}\t{case.data_field}"
        files[case.path][case.idx] = line + SEP + expectation(case.result)
    for path, lines in files.items():
        path.write_text("\n".join(lines) + "\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
