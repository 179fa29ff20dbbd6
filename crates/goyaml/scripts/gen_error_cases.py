#!/usr/bin/env python3
"""Generates tests/data/errors.jsonl: what the reference Helm (v4.3.1, which
reads YAML with go-yaml v2 through sigs.k8s.io/yaml) reports for each input.

Usage: HELM=/root/refhelm/helm python3 crates/goyaml/scripts/gen_error_cases.py

Each input goes through Helm's `fromYaml`; the table records the YAML error
message (the text after `error converting YAML to JSON: `), or null when the
first document parses (into a map or not). Nothing in the table is written by hand except the
inputs.
"""

import base64
import json
import os
import shutil
import subprocess
import tempfile

HELM = os.environ.get("HELM", "/root/refhelm/helm")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "errors.jsonl")
PREFIX = "error converting YAML to JSON: "

# Inputs meant to reach every error go-yaml's reader, scanner and parser
# can raise, with variations in position (first line, later lines, after
# the 512-byte reader batch), plus some that parse.
INPUTS = [
    # reader
    "a: \x01\n", "a: b\nc: \x7f\n", "x" * 600 + ": \x01\n", "a: [b\n" + "c" * 600 + "\x08",
    "a: b: c\n" + "d" * 300 + "\x01", "a: b: c\n" + "d" * 700 + "\x01", "# " + "c" * 510 + "\x01",
    "\ufeffa: \ufffe", "\"\x1b\"",
    # next token
    "a: @x\n", "`x", "a:\n  b: %c\n", "[a, @b]", "{a: `b}",
    # simple keys
    "a\nb: c\n", "a: 1\nb\nc: 2\n", "a: 1\nb", "a: 1\nb  ", "a: 1\nb\n", "key: value\nfoo\n",
    "a: 1\n" + "b" * 1100 + ": 2\n", "? a\nb\n", "a: [b, c\n", "a: {b: c\n", "x: 1\n  y: 2\n",
    "- a\n- b\nc\n", "a:\n  - b\n  c: d\n",
    # indicators in the wrong place
    "a: b: c\n", "a: b\nc: d: e\n", "a: - b\n", "a: ? b\n", "- a: b: c\n", "a:\n  b: c: d\n",
    "'a': b: c", "\"a\" : b : c",
    # anchors and aliases
    "&\n", "*\n", "& a\n", "a: &b! c\n", "a: *b! c\n", "&a&b c\n",
    # tags
    "!<a>b c\n", "!<a c\n", "!<> c\n", "!a%zz b\n", "!a%ff b\n", "!a%c3%41 b\n", "!a%c3 b\n",
    "!x!y z\n", "a: !x!y z\n", "!!str{a}", "a: !foo,bar b\n", "!<tag:x> [a]\n",
    # directives
    "%FOO\n---\na\n", "%\n---\n", "%YA.ML 1.1\n---\n", "%YAML 1-1\n---\n", "%YAML 123.1\n---\n",
    "%YAML .1\n---\n", "%YAML 1.1 x\n---\n", "%YAML 1.2\n---\na\n", "%YAML 1.1\n%YAML 1.1\n---\n",
    "%YAML 1.1\nfoo\n", "%TAG !a!b\n---\n", "%TAG ! a{\n---\n", "%TAG a b\n---\n",
    "%TAG ! a\n%TAG ! b\n---\nx\n", "%TAG !e! tag:e,2000:\n---\n!e!x y\n", "%YAML 1.1\n---\na: b\n",
    "%YAML   1.1   # c\n---\n", "a\n%YAML 1.1\n---\n", "%TAG !! a\n---\n!!b c\n",
    # block scalars
    "a: |0\n x\n", "a: |-0\n x\n", "a: |x\n", "a: >+ #c\n b\n", "a: |\n\tx\n", "a: |2\n  x\n \ty\n",
    "a: |\n  b\n c\n", "a: >\n  b\n\n  c\n", "- |\n x\n- y\n",
    # quoted scalars
    "'a\n---\n'", "\"a\n...\nb\"", "'abc", "\"abc", "a: 'b\n", "\"\\/\"", "\"\\q\"", "\"\\xZZ\"",
    "\"\\u12\"", "\"\\uD800\"", "\"\\U00110000\"", "\"\\U0001F600\"", "\"a\\\n  b\"", "'a''b'",
    "a: \"b\" c\n", "a: 'b' c\n", "\"a\" b: c", "\"\\", "'a\n  b\n\n  c'",
    # plain scalars
    "a:\n  b\n\tc\n", "a: b\n\tc\n", "- a\n  \tb\n", "a: b #c\n d\n", "[a:b, c]", "[a:, b]",
    "{a:[b]}", "[a?b]", "{a?b: c}", "[a, b]c", "a: [b]c\n", "{a: b}c\n",
    # block collections
    "- a\nb\n", "- a\n - b\n", "a: 1\n- b\n", "a:\n- b\n- c\nd: e\n", "- a\n  - b\n- c\n",
    "  - a\n - b\n", "a:\n  b: 1\n c: 2\n", "? a\n? b\n: c\n", "- - - a\n", "-\n-\n",
    # flow collections
    "[,]", "- ]", "{,}", "[a b: c", "[a, b c: d]", "[a: b: c]", "{a: b c: d}", "{a b: c",
    "{a: b, c", "[a, b", "[a\n", "{a", "[[a]", "{a: [b}", "[a]]", "{a}}", "]", "}", "[a, ? b: c]",
    "[? a]", "{? a}", "{a: b,, c: d}", "[a,, b]", "[a, - b]", "{a: - b}", "[&x a, *x]",
    # simple keys made of flow collections (go-yaml's token-number map)
    "[]: x\n", "{}: x\n", "a: []: x\n", "- []: x\n", "- {}: x\n", "[]: x: y\n", "a:\n  []: x\n",
    # documents
    "a\n...\nb\n", "---\na\n---\nb: : c\n", "--- a\n--- b\n", "...\n", "a: 1\n...\n---\n",
    "---\n- a\n...\n- b: c: d\n", "--- |\n a\n", "---\n---\n",
    # depth limits
    "[" * 10001, "[" * 10000 + "]" * 10000, "{a: " * 10001, "- " * 10001 + "x\n", "- " * 9999 + "x\n",
    "? " * 10001 + "x\n",
    # BOMs and line breaks
    "\ufeffa: 1\n", "\ufeff\ufeffa: 1\n", "a: 1\n\ufeffb: 2\n", "a: 1\r\nb: c: d\r\n", "a: 1\rb: 2\r",
    "a: 1\u0085b: 2\u0085", "a: 1\u2028b: c: d\u2028", "\ufeff" * 3 + "a", "a\ufeff: b",
    # parses
    "", "\n", "a: 1\n", "- [a, {b: c}]\n", "&a x: *a\n", "a: |+\n b\n\n", "? a\n: b\n",
]


def dq(s):
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif c < 0x20 or c == 0x7F or 0x80 <= c < 0xA0 or c in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def main():
    work = tempfile.mkdtemp(prefix="goyaml-errors-")
    try:
        chart = os.path.join(work, "c")
        os.makedirs(os.path.join(chart, "templates"))
        with open(os.path.join(chart, "Chart.yaml"), "w") as f:
            f.write("apiVersion: v2\nname: c\nversion: 0.1.0\n")
        with open(os.path.join(chart, "values.yaml"), "w", encoding="utf-8") as f:
            f.write("inputs:\n" + "".join("- " + dq(t) + "\n" for t in INPUTS))
        with open(os.path.join(chart, "templates", "t.yaml"), "w") as f:
            f.write("x:\n{{- range .Values.inputs }}\n  - {{ fromYaml . | toJson | b64enc }}\n{{- end }}\n")
        p = subprocess.run([HELM, "template", chart], capture_output=True, check=True)
        lines = [l for l in p.stdout.decode().splitlines() if l.startswith("  - ")]
        assert len(lines) == len(INPUTS), (len(lines), len(INPUTS))
        with open(OUT, "w", encoding="utf-8") as f:
            for text, line in zip(INPUTS, lines):
                result = json.loads(base64.b64decode(line[4:]).decode("utf-8"))
                err = result.get("Error") if isinstance(result, dict) else None
                if err is not None and err.startswith("error unmarshaling JSON: "):
                    # Parsed, but not into a map.
                    err = None
                if err is not None and not err.startswith(PREFIX):
                    raise SystemExit("not a YAML syntax error for %r: %s" % (text, err))
                row = {"input": text, "error": err[len(PREFIX):] if err else None}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print("%s: %d cases" % (os.path.relpath(OUT), len(INPUTS)))
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
