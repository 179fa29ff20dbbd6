#!/usr/bin/env python3
"""Regenerates the expectations of testdata/funcs/render/*.cases from the
reference Helm: calls that need a whole render (`include`, `tpl`,
`required`, `fail`) and the full error text Helm prints.

    python3 crates/chartcore/scripts/gen_render_cases.py [--helm PATH] [FILE.cases ...]

The line format is gen_func_cases.py's. Each case is rendered as chart `t`
with these templates (tests/funcs_render.rs builds the same chart):

    templates/_helpers.tpl   HELPERS below
    templates/case.yaml      {{- define "c" }}{{ PIPELINE }}{{ end -}}
                             c: {{ include "c" . | b64enc | quote }}

    PIPELINE<TAB>=> "output"    the text `include "c"` produced
    PIPELINE<TAB>=! "error"     Helm's error message without `Error: ` and
                                without the `Use --debug` hint
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
DATA = CRATE / "testdata" / "funcs" / "render"

# Keep in sync with HELPERS in tests/funcs_render.rs.
HELPERS = """{{- define "h.echo" }}[{{ . }}]{{ end }}
{{- define "h.type" }}{{ typeOf . }}{{ end }}
{{- define "h.fail" }}{{ fail "boom" }}{{ end }}
{{- define "h.missing" }}{{ .a.b }}{{ end }}
{{- define "h.self" }}{{ include "h.self" . }}{{ end }}
{{- define "h.tpl" }}{{ tpl "{{ .x }}" . }}{{ end }}
"""

SUFFIX = "\n\nUse --debug flag to render out invalid YAML"


def parse_line(line):
    if not line.strip() or line.startswith("#"):
        return None
    head = line.split("\t=> ")[0].split("\t=! ")[0]
    values = None
    if head.startswith("@values "):
        values, head = head[len("@values "):].split("\t", 1)
    return values, head


def render(helm, tmp, values, pipeline):
    chart = tmp / "t"
    if chart.exists():
        shutil.rmtree(chart)
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: t\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text(values or "{}\n")
    (chart / "templates" / "_helpers.tpl").write_text(HELPERS)
    (chart / "templates" / "case.yaml").write_text(
        f'{{{{- define "c" }}}}{{{{ {pipeline} }}}}{{{{ end -}}}}\n'
        f'c: {{{{ include "c" . | b64enc | quote }}}}\n')
    p = subprocess.run([helm, "template", "t", str(chart)], capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp)})
    if p.returncode == 0:
        m = re.search(r'^c: "(.*)"$', p.stdout, re.M)
        text = base64.b64decode(m.group(1)).decode("utf-8", errors="replace")
        return "=>", text
    err = p.stderr.rstrip("\n")
    if err.endswith(SUFFIX):
        err = err[: -len(SUFFIX)]
    if err.startswith("Error: "):
        err = err[len("Error: "):]
    return "=!", err


def regenerate(helm, path):
    lines = path.read_text().split("\n")
    n = 0
    with tempfile.TemporaryDirectory() as d:
        for i, line in enumerate(lines):
            case = parse_line(line)
            if case is None:
                continue
            values, pipe = case
            vals = None if values is None else json.dumps(json.loads(values))
            kind, text = render(helm, pathlib.Path(d), vals, pipe)
            head = pipe if values is None else f"@values {values}\t{pipe}"
            lines[i] = f"{head}\t{kind} {json.dumps(text, ensure_ascii=False)}"
            n += 1
    path.write_text("\n".join(lines))
    print(f"{path.name}: {n} cases", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm", default="/root/refhelm/helm")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    files = [pathlib.Path(f) for f in a.files] or sorted(DATA.glob("*.cases"))
    for f in files:
        regenerate(a.helm, f)


if __name__ == "__main__":
    main()
