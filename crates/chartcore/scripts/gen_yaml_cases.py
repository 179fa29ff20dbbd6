#!/usr/bin/env python3
"""Generates the YAML/JSON differential case tables under testdata/yaml/ by
asking the reference Helm (v4.3.1) what it does with each input.

Usage: HELM=/root/refhelm/helm python3 crates/chartcore/scripts/gen_yaml_cases.py

Every expectation comes from a throwaway chart rendered by the reference
binary; nothing here is written by hand except the inputs. Function results
travel through `b64enc` so that Helm's manifest handling (whitespace trimming,
`<no value>` deletion, YAML head parsing) cannot alter them.

Outputs (JSON Lines, one case per line):
  load.jsonl   values.yaml text -> `toJson .Values`, or the load error text
  print.jsonl  a value (from values.yaml key `x`, or a typed template
               expression) -> toYaml / toYamlPretty / toJson / toPrettyJson /
               toRawJson
  from.jsonl   a string -> fromYaml / fromYamlArray / fromJson /
               fromJsonArray, each printed with toJson
  mutated.jsonl  seeded mutations of the loading inputs -> fromYaml,
               fromYamlArray, fromJson (printed with toJson) and toYaml of
               the fromYaml result; hundreds per helm run
"""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from yaml_case_inputs import (  # noqa: E402
    FROM_CASES,
    LOAD_CASES,
    PRINT_CASES,
    mutated_inputs,
    yaml_dq,
)

HELM = os.environ.get("HELM", "/root/refhelm/helm")
OUT_DIR = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "testdata", "yaml"
)
VALUES_ERROR_PREFIX = "Error: cannot load values.yaml: "


def render(workdir, values, template):
    """Renders a one-template chart; returns (ok, text)."""
    chart = os.path.join(workdir, "c")
    if os.path.exists(chart):
        shutil.rmtree(chart)
    os.makedirs(os.path.join(chart, "templates"))
    with open(os.path.join(chart, "Chart.yaml"), "w") as f:
        f.write("apiVersion: v2\nname: c\nversion: 0.1.0\n")
    with open(os.path.join(chart, "values.yaml"), "wb") as f:
        f.write(values.encode("utf-8"))
    with open(os.path.join(chart, "templates", "t.yaml"), "w") as f:
        f.write(template)
    p = subprocess.run(
        [HELM, "template", chart], capture_output=True, timeout=60
    )
    if p.returncode != 0:
        return False, p.stderr.decode("utf-8").rstrip("\n")
    return True, p.stdout.decode("utf-8")


def fields(output):
    """Decodes the `key: base64` lines of a rendered manifest."""
    out = {}
    for line in output.splitlines():
        if line.startswith("---") or line.startswith("#") or not line:
            continue
        key, _, val = line.partition(": ")
        out[key] = base64.b64decode(val.strip()).decode("utf-8") if val.strip() else ""
    return out


def go_string(s):
    """A Go interpreted string literal for s (raw UTF-8 kept where printable)."""
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif c < 0x20 or c == 0x7F or 0x80 <= c < 0xA0 or c in (0x2028, 0x2029, 0xFEFF):
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def template_expr(spec):
    """Turns a typed JSON spec into a template expression building that value.

    {"$int": n} is a Go int constant, {"$float": "text"} a float constant
    written as given; plain JSON numbers are floats; objects become `dict`,
    arrays `list`.
    """
    if spec is None:
        return "nil"
    if spec is True:
        return "true"
    if spec is False:
        return "false"
    if isinstance(spec, str):
        return go_string(spec)
    if isinstance(spec, (int, float)):
        text = repr(float(spec))
        if "e" not in text and "." not in text:
            text += ".0"
        return text
    if isinstance(spec, list):
        return "(list " + " ".join(template_expr(x) for x in spec) + ")"
    if isinstance(spec, dict):
        if "$int" in spec:
            return str(spec["$int"])
        if "$float" in spec:
            return spec["$float"]
        parts = []
        for k, v in spec.items():
            parts.append(go_string(k))
            parts.append(template_expr(v))
        return "(dict " + " ".join(parts) + ")"
    raise ValueError(spec)


PRINT_FUNCS = ["toYaml", "toYamlPretty", "toJson", "toPrettyJson", "toRawJson"]
FROM_FUNCS = ["fromYaml", "fromYamlArray", "fromJson", "fromJsonArray"]


def gen_load(workdir):
    rows = []
    for name, text in LOAD_CASES:
        ok, out = render(workdir, text, "v: {{ toJson .Values | b64enc }}\n")
        row = {"name": name, "input": text}
        if ok:
            row["json"] = fields(out)["v"]
        else:
            assert out.startswith(VALUES_ERROR_PREFIX), out
            row["error"] = out[len(VALUES_ERROR_PREFIX):]
        rows.append(row)
    return rows


def gen_print(workdir):
    rows = []
    for case in PRINT_CASES:
        name = case["name"]
        if "values" in case:
            values, arg = case["values"], ".Values.x"
        else:
            values, arg = "", template_expr(case["spec"])
        tmpl = "".join(
            "%s: {{ %s %s | b64enc }}\n" % (f, f, arg) for f in PRINT_FUNCS
        )
        ok, out = render(workdir, values, tmpl)
        assert ok, (name, out)
        row = dict(case)
        row.update(fields(out))
        rows.append(row)
    return rows


def gen_from(workdir):
    rows = []
    for name, text in FROM_CASES:
        values = "s: " + yaml_dq(text) + "\n"
        tmpl = "".join(
            "%s: {{ %s .Values.s | toJson | b64enc }}\n" % (f, f) for f in FROM_FUNCS
        )
        ok, out = render(workdir, values, tmpl)
        assert ok, (name, out)
        row = {"name": name, "input": text}
        row.update(fields(out))
        rows.append(row)
    return rows


MUTATED_FUNCS = [
    ("fromYaml", "fromYaml . | toJson"),
    ("fromYamlArray", "fromYamlArray . | toJson"),
    ("fromJson", "fromJson . | toJson"),
    ("toYaml", "fromYaml . | toYaml"),
]


def gen_mutated(workdir):
    rows = []
    inputs = mutated_inputs()
    chunk = 300
    for start in range(0, len(inputs), chunk):
        part = inputs[start:start + chunk]
        values = "inputs:\n" + "".join("- " + yaml_dq(t) + "\n" for t in part)
        fields_tmpl = " ".join("{{ %s | b64enc }}" % expr for _, expr in MUTATED_FUNCS)
        tmpl = "x:\n{{- range .Values.inputs }}\n  - " + fields_tmpl + "\n{{- end }}\n"
        ok, out = render(workdir, values, tmpl)
        assert ok, out
        lines = [l for l in out.splitlines() if l.startswith("  - ")]
        assert len(lines) == len(part), (len(lines), len(part))
        for n, (text, line) in enumerate(zip(part, lines)):
            parts = line[4:].split(" ")
            row = {"name": "mutated/%d" % (start + n), "input": text}
            for (name, _), enc in zip(MUTATED_FUNCS, parts):
                row[name] = base64.b64decode(enc).decode("utf-8")
            rows.append(row)
    return rows


def write_rows(path, rows):
    names = [r["name"] for r in rows]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, dup
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("%s: %d cases" % (os.path.relpath(path), len(rows)))


def main():
    workdir = tempfile.mkdtemp(prefix="yamlcases-", dir="/tmp")
    try:
        os.makedirs(OUT_DIR, exist_ok=True)
        write_rows(os.path.join(OUT_DIR, "load.jsonl"), gen_load(workdir))
        write_rows(os.path.join(OUT_DIR, "print.jsonl"), gen_print(workdir))
        write_rows(os.path.join(OUT_DIR, "from.jsonl"), gen_from(workdir))
        write_rows(os.path.join(OUT_DIR, "mutated.jsonl"), gen_mutated(workdir))
    finally:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
