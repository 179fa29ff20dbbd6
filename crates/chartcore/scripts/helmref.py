"""Shared helpers for the expectation generators: run the reference helm on a
throwaway chart and write tab-separated files of JSON string literals.

The reference binary is $HELM (default /root/refhelm/helm, Helm v4.3.1).
"""

import json
import os
import shutil
import subprocess
import tempfile

HELM = os.environ.get("HELM", "/root/refhelm/helm")
TESTDATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata")


def go_string(s):
    """A Go (and template) string literal for s; JSON escapes are valid Go escapes."""
    return json.dumps(s)


def make_chart(root, name="ref", files=None, chart_yaml=True):
    """Writes a chart directory; files maps relative paths to text (or None for a directory)."""
    os.makedirs(root, exist_ok=True)
    if chart_yaml:
        with open(os.path.join(root, "Chart.yaml"), "w") as f:
            f.write(f"apiVersion: v2\nname: {name}\nversion: 0.1.0\n")
    for rel, content in (files or {}).items():
        path = os.path.join(root, rel)
        if content is None:
            os.makedirs(path, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content.encode() if isinstance(content, str) else content)


def helm_template(chart_dir, args=(), cwd=None):
    """Runs `helm template CHART ARGS`; returns (ok, stdout, stderr)."""
    p = subprocess.run(
        [HELM, "template", chart_dir, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )
    return p.returncode == 0, p.stdout, p.stderr


def helm_error(stderr):
    """The message after `Error: ` on helm's error line."""
    for line in stderr.splitlines():
        if line.startswith("Error: "):
            return line[len("Error: "):]
    raise RuntimeError(f"no error line in: {stderr!r}")


def helm_error_text(stderr):
    """Everything helm printed after `Error: ` (several lines for some
    errors), without the newline that ends the error line."""
    at = stderr.find("Error: ")
    if at < 0 or (at > 0 and stderr[at - 1] != "\n"):
        raise RuntimeError(f"no error line in: {stderr!r}")
    text = stderr[at + len("Error: "):]
    return text[:-1] if text.endswith("\n") else text


def render_snippet(template_text):
    """Renders a one-template chart; returns ('ok', text between @@ markers) or ('error', line)."""
    root = tempfile.mkdtemp(prefix="helmref-")
    try:
        make_chart(root, files={"templates/t.yaml": "k: |-\n  @@" + template_text + "@@\n"})
        ok, out, err = helm_template(root)
        if not ok:
            return "error", helm_error(err)
        start = out.index("@@") + 2
        return "ok", out[start:out.index("@@", start)]
    finally:
        shutil.rmtree(root)


def write_table(rel_path, header, rows):
    """Writes rows of strings as tab-separated JSON string literals."""
    path = os.path.join(TESTDATA, rel_path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        for line in header:
            f.write(f"# {line}\n")
        for row in rows:
            f.write("\t".join(json.dumps(field) for field in row) + "\n")
    print(f"wrote {len(rows)} rows to {path}")
