#!/usr/bin/env python3
"""Generates testdata/values/hostile.jsonl: hostile values files (alias
bombs, deep nesting, merge-key amplification) given to the reference helm
through `-f`, the chart's values.yaml and `--set`. Each must fail with
Helm's error (or load, when Helm loads it), quickly. Same line format as
merge.jsonl (see chartcases.py).

Usage: python3 crates/chartcore/scripts/gen_hostile_cases.py
"""

import base64
import os

from chartcases import chart, tree, write_cases

CASES = []


def case(name, files, args=(), user_files=None):
    CASES.append({"name": name, "files": files, "args": list(args), "user_files": user_files or {}})


def laughs(levels, width=10, kind="list"):
    """The billion laughs: each level refers to the previous one `width` times."""
    if kind == "list":
        out = "a: &a [" + ", ".join(["lol"] * width) + "]\n"
    else:
        out = "a: &a {" + ", ".join(f"k{i}: lol" for i in range(width)) + "}\n"
    for i in range(levels):
        name, prev = chr(ord("b") + i), chr(ord("a") + i)
        if kind == "list":
            out += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * width) + "]\n"
        else:
            out += f"{name}: &{name} {{" + ", ".join(f"k{j}: *{prev}" for j in range(width)) + "}\n"
    return out


def merge_bomb(levels, width=10):
    out = "a: &a {" + ", ".join(f"k{i}: v" for i in range(width)) + "}\n"
    for i in range(levels):
        name, prev = chr(ord("b") + i), chr(ord("a") + i)
        out += f"{name}: &{name}\n" + "".join(f"  x{j}: {{<<: *{prev}}}\n" for j in range(width))
    return out


INPUTS = {
    "laughs-list-9": laughs(9),
    "laughs-map-9": laughs(9, kind="map"),
    "laughs-list-4": laughs(4),
    "laughs-list-2": laughs(2),
    "laughs-wide": laughs(3, width=100),
    "merge-bomb-6": merge_bomb(6),
    "merge-bomb-2": merge_bomb(2),
    "deep-flow-seq": "a: " + "[" * 12000 + "]" * 12000 + "\n",
    "deep-flow-map": "a: " + "{a: " * 12000 + "1" + "}" * 12000 + "\n",
    "deep-block-seq": "a:\n" + "- " * 12000 + "x\n",
    "deep-flow-ok": "a: " + "[" * 500 + "]" * 500 + "\n",
    "alias-chain": "a: &a x\n" + "".join(f"k{i}: &k{i} [*{'a' if i == 0 else f'k{i - 1}'}]\n" for i in range(2000)),
    "many-aliases": "a: &a x\n" + "".join(f"k{i}: *a\n" for i in range(5000)),
    "undefined-alias": "a: *nope\n",
    "anchor-cycle": "a: &a [*a]\n",
}

for name, text in INPUTS.items():
    case(f"file/{name}", tree(**{"": chart("c", "keep: 1\n", root=True)}), ["-f", "bomb.yaml"],
         {"bomb.yaml": text})
    case(f"chart/{name}", tree(**{"": chart("c", text, root=True)}))

case("set/deep-name", tree(**{"": chart("c", "", root=True)}), ["--set", ".".join(["k"] * 31) + "=1"])
case("set/deep-index", tree(**{"": chart("c", "", root=True)}), ["--set", "a" + "[0]" * 5000 + "=1"])
case("set/huge-index", tree(**{"": chart("c", "", root=True)}), ["--set", "a[65537]=1"])
case("set-json/deep", tree(**{"": chart("c", "", root=True)}),
     ["--set-json", "a=" + "[" * 12000 + "]" * 12000])


# Values files that are not UTF-8: go-yaml's reader errors.
for name, raw in [("latin1", b"name: caf\xe9\n"), ("latin1-mid", b"a: 1\nb: caf\xe9x\n"),
                  ("bad-lead", b"a: \xff\n"), ("cut-short", b"b: \xc3\n"),
                  ("surrogate", b"a: \"\xed\xa0\x80\"\n"), ("overlong", b"a: \xc0\x80\n"),
                  ("noncharacter", b"a: \xef\xbf\xbe\n"), ("nul-then-bad", b"a: \x00\xff\n")]:
    CASES.append({"name": f"encoding/{name}", "files": tree(**{"": chart("c", "keep: 1\n", root=True)}),
                  "args": ["-f", "bad.yaml"], "user_files": {},
                  "user_files_b64": {"bad.yaml": base64.b64encode(raw).decode()}})


def main():
    write_cases(os.path.join("values", "hostile.jsonl"), CASES, runs=1)


if __name__ == "__main__":
    main()
