#!/usr/bin/env python3
"""Generates testdata/ignore/*.tsv from the reference helm by loading
throwaway chart directories with a .helmignore and listing what survives:
`.Files` keys (from templates/list.yaml) plus the rendered template sources.

match.tsv: filepath.Match(P, N) observed through the rule `d/P` against the
           file `d/N` (N has no slash, so the `d/` prefix changes nothing and
           no directory rule interferes): true = the file was ignored.
load.tsv:  whole .helmignore files against small trees.

Usage: python3 crates/chartcore/scripts/gen_ignore_expectations.py
"""

import os
import re
import shutil
import tempfile

import helmref

LIST_TEMPLATE = (
    "files: |\n"
    "{{- range $k, $v := .Files }}\n"
    "  {{ $k }}\n"
    "{{- end }}\n"
)

MATCH_CASES = [
    # Go's path/filepath match_test.go table, slash-free names only.
    ("abc", "abc"), ("*", "abc"), ("*c", "abc"), ("a*", "a"), ("a*", "abc"),
    ("a*c*", "abcdc"), ("a*b?c*x", "abxbbxdbxebxczzx"), ("a*b?c*x", "abxbbxdbxebxczzy"),
    ("ab[c]", "abc"), ("ab[b-d]", "abc"), ("ab[e-g]", "abc"), ("ab[^c]", "abc"),
    ("ab[^b-d]", "abc"), ("ab[^e-g]", "abc"), ("a\\*b", "a*b"), ("a\\*b", "ab"),
    ("a?b", "a\u2606b"), ("a[^a]b", "a\u2606b"), ("a???b", "a\u2606b"), ("a[^a][^a][^a]b", "a\u2606b"),
    ("[a-\u03b6]*", "\u03b1"), ("*[a-\u03b6]", "A"), ("[\\]a]", "]"), ("[\\-]", "-"),
    ("[x\\-]", "x"), ("[x\\-]", "-"), ("[x\\-]", "z"), ("[\\-x]", "x"), ("[\\-x]", "-"),
    ("[\\-x]", "a"), ("[]a]", "]"), ("[-]", "-"), ("[x-]", "x"), ("[x-]", "-"), ("[x-]", "z"),
    ("[-x]", "x"), ("[-x]", "-"), ("[-x]", "a"), ("\\", "a"), ("[a-b-c]", "a"), ("[", "a"),
    ("[^", "a"), ("[^bc", "a"), ("a[", "a"), ("a[", "ab"), ("a[", "x"), ("a*", "ab[c"),
    ("*x", "xxx"), ("*[", "ab"), ("*[]", "ab"), ("[]", "a"), ("[x", "a"), ("a\\", "a"),
    ("ab\\", "ab"), ("*[a", "abc"),
    # More of the same shapes.
    ("?", "a"), ("?", "ab"), ("??", "ab"), ("*.yaml", "x.yaml"), ("*.yaml", "x.yml"),
    ("*.y?ml", "a.yaml"), (".*", ".hidden"), (".*", "visible"),
    (".?*", ".a"), ("*~", "file~"), ("*.sw[op]", "x.swp"), ("*.sw[op]", "x.swx"),
    ("[!a]", "b"), ("[!a]", "!"), ("[^!]", "!"), ("[a-c][x-z]", "by"), ("[a-c][x-z]", "bw"),
    ("[[]", "["), ("[*]", "*"), ("[*]", "a"), ("[?]", "?"), ("[?]", "x"), ("\\?", "?"),
    ("\\?", "x"), ("\\[", "["), ("\\a", "a"), ("a\\\\b", "a\\b"), ("*\\*", "xx*"),
    ("[\\\\]", "\\"), ("[a\\]b]", "]"), ("[a\\]b]", "c"), ("[\u00e0-\u00ff]", "\u00e9"),
    ("[^\u00e0-\u00ff]", "\u00e9"), ("?", "\u00e9"), ("??", "\u00e9"), ("*\u00e9", "caf\u00e9"),
    ("caf?", "caf\u00e9"), ("a*a*a*a*b", "aaaaaaaaaaaaaaaaab"), ("a*a*a*a*b", "aaaaaaaaaaaaaaaaaa"),
    ("*a*", "bab"), ("*a", "ba"), ("*a", "ab"), ("a*", "ba"), ("*ab*cd*", "xabycdz"),
    ("*ab*cd*", "xacdab"), ("x*[", "xy"), ("x*[a", "xya"), ("*?", "a"),
    ("[a-", "a"), ("[a-]", "a"), ("[-a]", "a"), ("[z-a]", "m"), ("[^]", "a"),
    ("[]]", "]"), ("[^]]", "a"), ("[a]]", "a]"), ("[a]]", "a"), ("a[]", "a"),
    ("*[\\", "ab"), ("[\\", "a"), ("a*b", "a/b".replace("/", "_")), ("#x", "#x"),
    ("!x", "!x"), ("a b", "a b"), ("x.", "x."), ("*.*", "noext"), ("*.*", "one.ext"),
    ("[.]*", ".a"), ("[0-9]*", "9lives"), ("[0-9]*", "lives9"),
]

# (.helmignore text, files other than Chart.yaml and templates/list.yaml)
TREE = [
    ".hiddenroot", "a.txt", "b.txt", "secret.txt", "docs/readme.md", "a/secret.txt",
    "a/docs/guide.md", "a/b/c.txt", "templates/deploy.yaml", "templates/.hidden.yaml",
    "templates/sub/.hidden2.yaml", "templates/sub/ok.yaml", "x.bak", "a/x.bak",
    "dir.d/file", "notes.md",
]

LOAD_CASES = [
    ("", TREE),
    ("# only a comment\n\n   \n", TREE),
    ("*.txt\n", TREE),
    ("secret.txt\n", TREE),
    ("/secret.txt\n", TREE),
    ("docs/\n", TREE),
    ("/docs/\n", TREE),
    ("a/*\n", TREE),
    ("a/\n", TREE),
    ("a\n", TREE),
    ("a/b\n", TREE),
    ("a/*/\n", TREE),
    (".*\n", TREE),
    ("*.bak\n", TREE),
    ("/*.bak\n", TREE),
    ("*/*.bak\n", TREE),
    ("templates/sub\n", TREE),
    ("templates/*.yaml\n", TREE),
    ("templates/sub/*\n", TREE),
    ("dir.d/\n", TREE),
    ("dir.d\n", TREE),
    ("*.d/\n", TREE),
    ("  *.md  \n", TREE),
    ("\ufeff*.md\n", TREE),
    ("x.bak\r\nnotes.md\r\n", TREE),
    ("# comment\n*.md # not a comment\n", TREE),
    ("\\#x\n", ["#x", "x"]),
    ("#x\n", ["#x", "x"]),
    ("!b.txt\n", TREE),
    ("*.txt\n!b.txt\n", TREE),
    ("!*.txt\n*.md\n", TREE),
    ("!Chart.yaml\n", TREE),
    ("!*\n", TREE),
    ("!*/\n", TREE),
    ("!/\n", TREE),
    ("!\n", TREE),
    ("/\n", TREE),
    ("*\n", TREE),
    ("**\n", TREE),
    ("docs/**\n", TREE),
    ("a/**/c.txt\n", TREE),
    ("[\n", TREE),
    ("*.txt\n[z\n", TREE),
    ("a/[b-c]/\n", TREE),
    ("a/?/\n", TREE),
    ("?.txt\n", TREE),
    ("[ab].txt\n", TREE),
    ("[^a].txt\n", TREE),
    ("//x\n", ["x", "y/x"]),
    ("//x\n", ["a", "x", "z/x"]),
    ("/./a.txt\n", TREE),
    ("./a.txt\n", TREE),
    ("a.txt/\n", TREE),
    ("values.yaml\n", TREE + ["values.yaml"]),
    (".helmignore\n", TREE),
    ("/.helmignore\n", TREE),
    ("templates/\n", TREE),
    ("templates/.?*\n", TREE),
    ("templates/.*\n", TREE),
    ("*/.*\n", TREE),
    ("*/*/.*\n", TREE),
    ("sub/\n", TREE),
    ("/a/b/\n", TREE),
    ("a/b/c.txt\n", TREE),
    ("/a/b/c.txt\n", TREE),
    ("b/c.txt\n", TREE),
    ("c.txt\n", TREE),
    ("*.TXT\n", TREE),
    ("\t*.txt\t\n", TREE),
    ("x.bak\n\n\nsecret.txt\n# end", TREE),
    ("x.bak\nsecret.txt", TREE),
    ("\\*.txt\n", TREE + ["*.txt"]),
    ("\\!b.txt\n", TREE + ["!b.txt"]),
    ("a b\n", ["a b", "a", "b"]),
    ("\u00e9*\n", ["\u00e9t\u00e9.txt", "ete.txt"]),
    ("?t?.txt\n", ["\u00e9t\u00e9.txt", "ete.txt"]),
    ("!a.txt\n!b.txt\n", TREE),
    ("a.txt\n!a.txt\n", TREE),
    ("deep/*/*/x\n", ["deep/1/2/x", "deep/1/x", "deep/1/2/3/x"]),
    ("deep/*\n", ["deep/1/2/x", "deep/y"]),
    ("*/x\n", ["x", "a/x", "a/b/x"]),
]

def chart_files(tree, helmignore):
    files = {"templates/list.yaml": LIST_TEMPLATE, ".helmignore": helmignore}
    for rel in tree:
        if rel.startswith("templates/"):
            files[rel] = "k: v\n"
        else:
            files[rel] = "data\n"
    return files


SOURCE_RE = re.compile(r"^# Source: ref/(.*)$", re.M)


def load(helmignore, tree):
    """Returns ('ok', sorted visible paths) or ('error', message)."""
    root = tempfile.mkdtemp(prefix="helmignore-")
    try:
        helmref.make_chart(root, files=chart_files(tree, helmignore))
        ok, out, err = helmref.helm_template(root)
        if not ok:
            return "error", helmref.helm_error(err)
        sources = SOURCE_RE.findall(out)
        if "templates/list.yaml" not in sources:
            # Without the listing template only the rendered templates show.
            return "ok", ["!nolist"] + sorted(sources)
        listing = out.split("# Source: ref/templates/list.yaml\n", 1)[1]
        listing = listing.split("\n---", 1)[0]
        files = [line.strip() for line in listing.splitlines()[1:] if line.startswith("  ")]
        return "ok", sorted(set(files) | set(sources))
    finally:
        shutil.rmtree(root)


def main():
    rows = []
    for pattern, name in MATCH_CASES:
        assert "/" not in name and name not in ("", ".", "..")
        status, result = load(f"d/{pattern}\n", [f"d/{name}"])
        if status == "error":
            rows.append((pattern, name, "error: " + result))
            continue
        rows.append((pattern, name, "false" if f"d/{name}" in result else "true"))
    helmref.write_table(
        "ignore/match.tsv",
        ["pattern, name, filepath.Match(pattern, name) as helm v4.3.1's .helmignore applies it",
         "(true = ignored, or error: MSG); generated by scripts/gen_ignore_expectations.py"],
        rows,
    )

    rows = []
    for helmignore, tree in LOAD_CASES:
        status, result = load(helmignore, tree)
        expected = "\n".join(result) if status == "ok" else "error: " + result
        rows.append((helmignore, "\n".join(sorted(tree)), expected))
    helmref.write_table(
        "ignore/load.tsv",
        [".helmignore text, the chart's other files (besides Chart.yaml, .helmignore and",
         "templates/list.yaml), what helm v4.3.1 loads (sorted; Chart.yaml not listed) or error: MSG;",
         "a first line !nolist means the listing template itself was ignored: only templates show",
         "generated by scripts/gen_ignore_expectations.py"],
        rows,
    )


if __name__ == "__main__":
    main()
