#!/usr/bin/env python3
"""Generates testdata/values/merge.jsonl: how Helm v4.3.1 merges (coalesces)
values across a chart tree. Each case is a throwaway chart with subcharts
whose every chart prints `{{ toJson .Values }}`; the reference helm renders it
with the case's -f files and --set family flags.

One JSON object per line:
  name        case name
  files       chart files, paths relative to the root chart directory
  user_files  the -f / --set-file inputs, by name
  args        helm template flags (-f NAME, --set X, ...)
  stdout      helm's output, or null when it failed
  error       the message after "Error: ", or null
  warnings    helm's log lines, sorted, normalised: INFO lines as their msg,
              WARN lines as "msg key=value ..." (slog's text attributes)

Usage: python3 crates/chartcore/scripts/gen_merge_cases.py
"""

import json
import os


from chartcases import chart, dep, f_args, tree, write_cases

CASES = []


def case(name, files, args=(), user_files=None):
    CASES.append({"name": name, "files": files, "args": list(args), "user_files": user_files or {}})


# ---------------------------------------------------------------------------
# 1. One chart: user values over chart defaults.

ROOT_VALUES = """\
scalar: default
num: 1
flag: true
list: [a, b, c]
map:
  a: 1
  b: {c: 2, d: [1, 2]}
  e: keep
empty: {}
nulled: null
nested:
  n: null
  deeper: {n2: null, keep: 1}
listofmaps: [{a: 1}, {b: null}]
"""

ROOT = tree(**{"": chart("r", ROOT_VALUES, root=True)})

ROOT_USER = [
    ("none", {}),
    ("scalar", {"u.yaml": "scalar: user\n"}),
    ("scalar-type", {"u.yaml": "scalar: 5\nnum: x\nflag: 'no'\n"}),
    ("list-replace", {"u.yaml": "list: [z]\n"}),
    ("list-empty", {"u.yaml": "list: []\n"}),
    ("map-merge", {"u.yaml": "map: {b: {c: 3, x: 1}, new: 1}\n"}),
    ("map-list-replace", {"u.yaml": "map: {b: {d: [9]}}\n"}),
    ("null-scalar", {"u.yaml": "scalar: null\n"}),
    ("null-map", {"u.yaml": "map: null\n"}),
    ("null-nested", {"u.yaml": "map: {b: {c: null}}\n"}),
    ("null-nested-deep", {"u.yaml": "map: {b: null, a: null}\n"}),
    ("null-missing-key", {"u.yaml": "nothere: null\n"}),
    ("null-missing-nested", {"u.yaml": "map: {nothere: null}\n"}),
    ("null-missing-deep", {"u.yaml": "new: {a: null, b: {c: null}}\n"}),
    ("null-on-chart-null", {"u.yaml": "nulled: null\nnested: {n: null}\n"}),
    ("value-on-chart-null", {"u.yaml": "nulled: 1\nnested: {n: {x: 1}}\n"}),
    ("table-over-scalar", {"u.yaml": "scalar: {a: 1}\n"}),
    ("scalar-over-table", {"u.yaml": "map: 5\n"}),
    ("list-over-table", {"u.yaml": "map: [1]\n"}),
    ("table-over-list", {"u.yaml": "list: {a: 1}\n"}),
    ("nested-scalar-over-table", {"u.yaml": "map: {b: x}\n"}),
    ("nested-table-over-scalar", {"u.yaml": "map: {a: {x: 1}}\n"}),
    ("empty-map-user", {"u.yaml": "map: {}\n"}),
    ("empty-map-over-scalar", {"u.yaml": "scalar: {}\n"}),
    ("user-fills-empty", {"u.yaml": "empty: {a: 1}\n"}),
    ("empty-string", {"u.yaml": "scalar: ''\nmap: {a: ''}\n"}),
    ("false-zero", {"u.yaml": "flag: false\nnum: 0\n"}),
    ("listofmaps", {"u.yaml": "listofmaps: [{c: null}]\n"}),
    ("null-in-list", {"u.yaml": "list: [null, a]\n"}),
    ("new-keys", {"u.yaml": "extra: {deep: {deeper: [1, {x: null}]}}\n"}),
    ("nested-null-then-keep", {"u.yaml": "nested: {deeper: {keep: null}}\n"}),
    ("nested-n-value", {"u.yaml": "nested: {deeper: {n2: 7}}\n"}),
    ("empty-doc", {"u.yaml": ""}),
    ("comment-only", {"u.yaml": "# nothing\n"}),
    ("multi-doc", {"u.yaml": "map: {a: 5}\n---\nmap: {a: 6, z: 1}\n---\nscalar: null\n"}),
    ("multi-doc-null-readd", {"u.yaml": "scalar: null\n---\nscalar: back\n"}),
    ("yaml11-keys", {"u.yaml": "map: {y: 1, on: 2}\nyes: 3\n"}),
    ("global-user", {"u.yaml": "global: {a: 1, m: {x: null}}\n"}),
]
for name, files in ROOT_USER:
    case(f"root/{name}", ROOT, f_args(*files), files)

# Several -f files in order, then the --set family.
case("root/two-files-order", ROOT, f_args("1.yaml", "2.yaml"),
     {"1.yaml": "scalar: one\nmap: {a: one, x: one}\n", "2.yaml": "scalar: two\nmap: {x: two}\n"})
case("root/two-files-reverse", ROOT, f_args("2.yaml", "1.yaml"),
     {"1.yaml": "scalar: one\nmap: {a: one, x: one}\n", "2.yaml": "scalar: two\nmap: {x: two}\n"})
case("root/file-null-then-file-value", ROOT, f_args("1.yaml", "2.yaml"),
     {"1.yaml": "map: null\n", "2.yaml": "map: {a: 9}\n"})
case("root/file-value-then-file-null", ROOT, f_args("1.yaml", "2.yaml"),
     {"1.yaml": "map: {a: 9, q: 1}\n", "2.yaml": "map: {q: null}\n"})
case("root/file-list-then-file-list", ROOT, f_args("1.yaml", "2.yaml"),
     {"1.yaml": "list: [1, 2, 3]\n", "2.yaml": "list: [4]\n"})
case("root/file-map-then-file-scalar", ROOT, f_args("1.yaml", "2.yaml"),
     {"1.yaml": "new: {a: 1}\n", "2.yaml": "new: 2\n"})
case("root/file-scalar-then-file-map", ROOT, f_args("1.yaml", "2.yaml"),
     {"1.yaml": "new: 2\n", "2.yaml": "new: {a: 1}\n"})
case("root/three-files", ROOT, f_args("1.yaml", "2.yaml", "3.yaml"),
     {"1.yaml": "a: 1\nb: 1\nc: 1\n", "2.yaml": "b: 2\nc: 2\n", "3.yaml": "c: 3\n"})
case("root/same-file-twice", ROOT, f_args("1.yaml", "2.yaml", "1.yaml"),
     {"1.yaml": "scalar: one\n", "2.yaml": "scalar: two\n"})

SET_CASES = [
    ("set-scalar", ["--set", "scalar=s"]),
    ("set-nested", ["--set", "map.b.c=9,map.new=x"]),
    ("set-null", ["--set", "map.b=null"]),
    ("set-null-top", ["--set", "map=null"]),
    ("set-null-missing", ["--set", "nothere=null"]),
    ("set-list-index", ["--set", "list[1]=9"]),
    ("set-list-literal", ["--set", "list={x,y}"]),
    ("set-over-file", ["-f", "u.yaml", "--set", "scalar=fromset"]),
    ("file-after-set-on-cli", ["--set", "scalar=fromset", "-f", "u.yaml"]),
    ("set-json-then-set", ["--set", "a=2", "--set-json", "a=1"]),
    ("set-string-over-set", ["--set-string", "a=x", "--set", "a=2"]),
    ("set-literal-over-all", ["--set-literal", "a=lit", "--set", "a=2", "--set-string", "a=s",
                               "--set-json", "a=1"]),
    ("set-file-over-string", ["--set-file", "a=f.txt", "--set-string", "a=s"]),
    ("set-literal-over-file", ["--set-file", "a=f.txt", "--set-literal", "a=lit"]),
    ("set-json-map-merge", ["--set-json", 'map={"b":{"x":1}}']),
    ("set-json-null", ["--set-json", "map.a=null"]),
    ("set-json-object", ["--set-json", '{"map":{"a":null,"z":1}}']),
    ("set-twice", ["--set", "scalar=1", "--set", "scalar=2"]),
    ("set-null-then-set", ["--set", "map=null", "--set", "map.a=1"]),
    ("set-then-null", ["--set", "map.a=1", "--set", "map=null"]),
    ("set-map-over-file-null", ["-f", "n.yaml", "--set", "map.a=3"]),
    ("set-null-over-file-map", ["-f", "u.yaml", "--set", "map.b=null"]),
    ("set-string-null", ["--set-string", "map=null"]),
    ("set-global", ["--set", "global.a=1"]),
    ("set-table-over-scalar", ["--set", "scalar.x=1"]),
    ("set-list-of-maps", ["--set", "listofmaps[0].z=1"]),
    ("set-index-over-chart-list", ["--set", "list[5]=x"]),
    ("set-empty-list", ["--set", "list={}"]),
    ("set-nested-null-deep", ["--set", "nested.deeper.keep=null"]),
]
SET_FILES = {"u.yaml": "scalar: fromfile\nmap: {b: {c: 5}}\n", "n.yaml": "map: null\n",
             "f.txt": "file content\n"}
for name, args in SET_CASES:
    case(f"root/{name}", ROOT, args, SET_FILES)

# ---------------------------------------------------------------------------
# 2. A parent and a subchart: subchart defaults < parent's values for it < user.

SUB_VALUES = """\
x: subdefault
keep: subkeep
n: null
list: [s1, s2]
m: {a: 1, b: {c: 2}, n: null}
enabled: true
"""
PARENT_VALUES = """\
top: 1
sub:
  keep: fromparent
  m: {b: {d: 3}}
"""
PARENT_NULLS = """\
top: 1
sub:
  x: null
  m: {a: null}
"""


def parent_sub(parent_values, sub_values=SUB_VALUES, listed=True, **depkw):
    deps = [dep("sub", **depkw)] if listed else None
    return tree(**{"": chart("p", parent_values, deps=deps, root=True),
                   "sub": chart("sub", sub_values)})


PS = parent_sub(PARENT_VALUES)
PN = parent_sub(PARENT_NULLS)
PS_UNLISTED = parent_sub(PARENT_VALUES, listed=False)

SUB_USER = [
    ("none", {}, []),
    ("user-sub-scalar", {"u.yaml": "sub: {x: user}\n"}, []),
    ("user-sub-over-parent", {"u.yaml": "sub: {keep: user}\n"}, []),
    ("user-sub-null", {"u.yaml": "sub: {x: null}\n"}, []),
    ("user-sub-null-parent-key", {"u.yaml": "sub: {keep: null}\n"}, []),
    ("user-sub-null-nested", {"u.yaml": "sub: {m: {b: null}}\n"}, []),
    ("user-sub-null-missing", {"u.yaml": "sub: {zz: null}\n"}, []),
    ("user-sub-list", {"u.yaml": "sub: {list: [u]}\n"}, []),
    ("user-sub-map-merge", {"u.yaml": "sub: {m: {b: {e: 5}}}\n"}, []),
    ("user-sub-empty", {"u.yaml": "sub: {}\n"}, []),
    ("user-sub-whole-null", {"u.yaml": "sub: null\n"}, []),
    ("user-sub-scalar-type-mismatch", {}, ["--set", "sub=5"]),
    ("user-sub-string-mismatch", {}, ["--set", "sub=text"]),
    ("user-sub-bool-mismatch", {}, ["--set", "sub=true"]),
    ("user-sub-list-mismatch", {}, ["--set-json", 'sub=[1,{"a":true},null,"s"]']),
    ("user-sub-table-over-scalar", {}, ["--set", "sub.x.y=1"]),
    ("user-sub-scalar-over-table", {}, ["--set", "sub.m=1"]),
    ("set-sub-null", {}, ["--set", "sub.m.a=null"]),
    ("set-sub-enabled-false", {}, ["--set", "sub.enabled=false"]),
    ("set-sub-top-null", {}, ["--set", "sub=null"]),
    ("user-top-null", {"u.yaml": "top: null\n"}, []),
    ("user-sub-chart-null-restored", {"u.yaml": "sub: {n: restored, m: {n: 1}}\n"}, []),
]
for layout_name, layout in [("sub", PS), ("subnulls", PN), ("sub-unlisted", PS_UNLISTED)]:
    for name, files, extra in SUB_USER:
        case(f"{layout_name}/{name}", layout, f_args(*files) + extra, files)

# Parent values that are not maps for the subchart.
case("sub/parent-sub-scalar", parent_sub("sub: 5\n"))
case("sub/parent-sub-null", parent_sub("sub: null\n"))
case("sub/parent-sub-null-user-map", parent_sub("sub: null\n"), ["--set", "sub.x=1"])
case("sub/parent-sub-list", parent_sub("sub: [1]\n"))
case("sub/parent-sub-scalar-user-map", parent_sub("sub: 5\n"), ["--set", "sub.x=1"])
case("sub/parent-sub-map-user-scalar", PS, ["--set", "sub.keep.z=1"])
case("sub/sub-values-empty", parent_sub("sub: {a: 1}\n", sub_values=""))
case("sub/sub-values-missing", tree(**{"": chart("p", "sub: {a: 1}\n", deps=[dep("sub")], root=True),
                                       "sub": chart("sub")}))
case("sub/sub-nested-nulls-only", parent_sub("", sub_values="a: {b: {c: null}}\nd: null\n"))
case("sub/parent-nested-null-sub-map", parent_sub("sub: {m: {b: null}}\n"))
case("sub/parent-nested-null-sub-map-user", parent_sub("sub: {m: {b: null}}\n"), ["--set", "sub.y=1"])
case("sub/parent-null-user-null", PN, ["--set", "sub.keep=null"])
case("sub/parent-null-user-value", PN, ["--set", "sub.x=back"])

# ---------------------------------------------------------------------------
# 3. Globals: copied down into every subchart, never up.

GLOBAL_TREE = tree(**{
    "": chart("p", "global: {g1: parent, gm: {a: {x: 1}}, gl: [1]}\n", deps=[dep("sub")], root=True),
    "sub": chart("sub", "global: {g1: sub, g2: sub, gm: {a: {z: 2}, b: 1}, gl: [2]}\nown: 1\n",
                 deps=[dep("subsub")]),
    "sub/subsub": chart("subsub", "global: {g3: subsub, g2: subsub}\nown: 2\n"),
})
GLOBAL_USER = [
    ("none", []),
    ("set-global", ["--set", "global.g1=user,global.new=1"]),
    ("set-global-nested", ["--set", "global.gm.a.q=1"]),
    ("set-global-null", ["--set", "global.g1=null"]),
    ("set-global-map-null", ["--set", "global.gm=null"]),
    ("set-global-scalar", ["--set", "global=5"]),
    ("set-global-list", ["--set", "global={a}"]),
    ("set-sub-global", ["--set", "sub.global.g2=user,sub.global.only=s"]),
    ("set-subsub-global", ["--set", "sub.subsub.global.g3=user"]),
    ("set-sub-global-scalar", ["--set", "sub.global=5"]),
    ("set-global-gm-scalar", ["--set", "global.gm=5"]),
    ("set-sub-global-gm-scalar", ["--set", "sub.global.gm=5"]),
    ("set-global-table-over-sub-scalar", ["--set", "global.g2.x=1"]),
    ("set-global-null-missing", ["--set", "global.nope=null"]),
    ("set-sub-global-null", ["--set", "sub.global.g2=null"]),
    ("set-global-empty", ["--set-json", "global={}"]),
]
for name, args in GLOBAL_USER:
    case(f"global/{name}", GLOBAL_TREE, args)

case("global/sub-only-globals", tree(**{
    "": chart("p", "a: 1\n", deps=[dep("sub")], root=True),
    "sub": chart("sub", "global: {s: 1}\n", deps=[dep("subsub")]),
    "sub/subsub": chart("subsub", "global: {ss: 1}\n"),
}))
case("global/non-map-in-parent", tree(**{
    "": chart("p", "global: 5\n", deps=[dep("sub")], root=True),
    "sub": chart("sub", "global: {s: 1}\n"),
}))
case("global/non-map-in-sub", tree(**{
    "": chart("p", "global: {p: 1}\n", deps=[dep("sub")], root=True),
    "sub": chart("sub", "global: 5\n"),
}))
case("global/null-in-parent", tree(**{
    "": chart("p", "global: null\n", deps=[dep("sub")], root=True),
    "sub": chart("sub", "global: {s: 1}\n"),
}))
case("global/nulls-inside", tree(**{
    "": chart("p", "global: {a: null, m: {x: null, y: 1}}\n", deps=[dep("sub")], root=True),
    "sub": chart("sub", "global: {a: sub, m: {x: sub}, n: null}\n"),
}))
case("global/deep-leak", tree(**{
    "": chart("p", "global: {a: {b: {c: {x: 1}}}}\n", deps=[dep("sub")], root=True),
    "sub": chart("sub", "global: {a: {b: {c: {y: 2}, d: 1}}}\n"),
}))
case("global/two-subs", tree(**{
    "": chart("p", "global: {p: 1, m: {k: p}}\n", deps=[dep("s1"), dep("s2")], root=True),
    "s1": chart("s1", "global: {s1: 1, m: {a: s1}}\n"),
    "s2": chart("s2", "global: {s2: 1, m: {a: s2}}\n"),
}))
case("global/two-subs-user", tree(**{
    "": chart("p", "global: {p: 1, m: {k: p}}\n", deps=[dep("s1"), dep("s2")], root=True),
    "s1": chart("s1", "global: {s1: 1, m: {a: s1}}\n"),
    "s2": chart("s2", "global: {s2: 1, m: {a: s2}}\n"),
}), ["--set", "global.m.a=user,s1.global.m.b=x"])
case("global/parent-sub-section-global", tree(**{
    "": chart("p", "global: {g: p}\nsub: {global: {g: fromsub, h: fromsub}}\n", deps=[dep("sub")],
              root=True),
    "sub": chart("sub", "global: {g: sub, i: sub}\n"),
}))
case("global/map-vs-scalar-conflict", tree(**{
    "": chart("p", "global: {k: {a: 1}, s: 1}\n", deps=[dep("sub")], root=True),
    "sub": chart("sub", "global: {k: 1, s: {a: 1}}\n"),
}))
case("global/unlisted-subchart", tree(**{
    "": chart("p", "global: {g: p}\n", root=True),
    "sub": chart("sub", "global: {s: 1}\n"),
}))

# ---------------------------------------------------------------------------
# 4. Dependencies: conditions, tags, aliases.

COND_TREE_VALUES = "sub: {enabled: true}\nother: {enabled: false}\ntags: {t1: true, t2: false}\n"


def cond_tree(parent_values=COND_TREE_VALUES, deps=None):
    deps = deps if deps is not None else [
        dep("sub", condition="sub.enabled", tags=["t1"]),
        dep("other", condition="other.enabled", tags=["t2"]),
    ]
    return tree(**{
        "": chart("p", parent_values, deps=deps, root=True),
        "sub": chart("sub", "x: 1\n"),
        "other": chart("other", "y: 1\nenabled: true\n"),
    })


COND_CASES = [
    ("default", []),
    ("enable-other", ["--set", "other.enabled=true"]),
    ("disable-sub", ["--set", "sub.enabled=false"]),
    ("condition-null", ["--set", "other.enabled=null"]),
    ("condition-string", ["--set", "other.enabled=yes"]),
    ("condition-int", ["--set", "sub.enabled=0"]),
    ("tags-flip", ["--set", "tags.t1=false,tags.t2=true"]),
    ("tags-nonbool", ["--set", "tags.t2=x"]),
    ("tags-null", ["--set", "tags=null"]),
    ("disabled-user-values-kept", ["--set", "other.y=2,other.z=3"]),
    ("disabled-sub-scalar", ["--set", "other=5"]),
]
for name, args in COND_CASES:
    case(f"cond/{name}", cond_tree(), args)

case("cond/tags-only", cond_tree("tags: {t1: false, t2: false}\n", [
    dep("sub", tags=["t1"]), dep("other", tags=["t2", "t3"])]), ["--set", "tags.t3=true"])
case("cond/tags-any-true", cond_tree("tags: {t1: false, t2: true}\n", [
    dep("sub", tags=["t1", "t2"]), dep("other", tags=["t1"])]))
case("cond/tags-missing", cond_tree("a: 1\n", [
    dep("sub", tags=["t1"]), dep("other", tags=["t2"])]), ["--set", "tags.t2=false"])
case("cond/condition-list-first-wins", cond_tree("a: {on: false}\nb: {on: true}\n", [
    dep("sub", condition="nope.x,a.on,b.on"), dep("other", condition="b.on, a.on")]))
case("cond/condition-list-skip-nonbool", cond_tree("a: {on: str}\nb: {on: false}\n", [
    dep("sub", condition="a.on,b.on"), dep("other", condition="a.on")]))
case("cond/condition-over-tags", cond_tree("tags: {t: false}\nsub: {enabled: true}\n", [
    dep("sub", condition="sub.enabled", tags=["t"]), dep("other", tags=["t"])]))
case("cond/condition-from-subchart-default", cond_tree("a: 1\n", [
    dep("sub", condition="sub.x"), dep("other", condition="other.enabled")]))
case("cond/condition-path-into-list", cond_tree("l: [true]\n", [
    dep("sub", condition="l.0"), dep("other", condition="l")]))
case("cond/condition-whitespace", cond_tree("a: {b: false}\n", [
    dep("sub", condition=" a.b "), dep("other", condition="a.b ,")]))
case("cond/global-condition", cond_tree("global: {on: false}\n", [
    dep("sub", condition="global.on"), dep("other")]))

NESTED_COND = tree(**{
    "": chart("p", "sub: {subsub: {on: true}}\n", deps=[dep("sub", condition="sub.on")], root=True),
    "sub": chart("sub", "on: true\nsubsub: {on: false}\nv: 1\n",
                 deps=[dep("subsub", condition="subsub.on")]),
    "sub/subsub": chart("subsub", "w: 1\n"),
})
case("cond/nested-parent-wins", NESTED_COND)
case("cond/nested-user-disables", NESTED_COND, ["--set", "sub.subsub.on=false"])
case("cond/nested-disable-middle", NESTED_COND, ["--set", "sub.on=false"])
case("cond/nested-absolute-path-ignored", tree(**{
    "": chart("p", "flag: false\n", deps=[dep("sub")], root=True),
    "sub": chart("sub", "flag: true\n", deps=[dep("subsub", condition="flag")]),
    "sub/subsub": chart("subsub", "w: 1\n"),
}))

ALIAS_TREE = tree(**{
    "": chart("p", "one: {v: one}\ntwo: {enabled: false}\n", deps=[
        dep("sub", alias="one"), dep("sub", alias="two", condition="two.enabled"),
        dep("sub")], root=True),
    "sub": chart("sub", "v: default\nenabled: true\nglobal: {s: 1}\n", deps=[dep("subsub")]),
    "sub/subsub": chart("subsub", "w: 1\n"),
})
case("alias/default", ALIAS_TREE)
case("alias/enable-two", ALIAS_TREE, ["--set", "two.enabled=true,two.v=2"])
case("alias/values-per-alias", ALIAS_TREE, ["--set", "one.subsub.w=9,sub.v=plain"])
case("alias/null-per-alias", ALIAS_TREE, ["--set", "one.v=null,two.enabled=true"])
case("alias/only-aliases", tree(**{
    "": chart("p", "", deps=[dep("sub", alias="a"), dep("sub", alias="b")], root=True),
    "sub": chart("sub", "v: default\n"),
}), ["--set", "a.v=A,b.x=B"])
case("alias/tags", tree(**{
    "": chart("p", "tags: {x: false}\n", deps=[dep("sub", alias="a", tags=["x"]),
                                               dep("sub", alias="b", tags=["y"])], root=True),
    "sub": chart("sub", "v: default\n"),
}))
case("alias/version-mismatch-kept-unlisted", tree(**{
    "": chart("p", "", deps=[dep("sub", alias="a", version="^2.0.0"), dep("sub", alias="b")],
              root=True),
    "sub": chart("sub", "v: default\n"),
}))
case("alias/same-as-name", tree(**{
    "": chart("p", "", deps=[dep("sub", alias="sub")], root=True),
    "sub": chart("sub", "v: default\n"),
}))
case("alias/condition-on-alias-path", tree(**{
    "": chart("p", "a: {on: false}\nsub: {on: true}\n",
              deps=[dep("sub", alias="a", condition="a.on"), dep("sub", alias="b", condition="sub.on")],
              root=True),
    "sub": chart("sub", "on: true\n"),
}))
case("alias/globals-per-alias", tree(**{
    "": chart("p", "global: {g: p}\na: {global: {g: a}}\n",
              deps=[dep("sub", alias="a"), dep("sub", alias="b")], root=True),
    "sub": chart("sub", "global: {g: sub, h: sub}\n"),
}))
case("dep/unlisted-and-listed", tree(**{
    "": chart("p", "listed: {enabled: false}\n",
              deps=[dep("listed", condition="listed.enabled")], root=True),
    "listed": chart("listed", "v: 1\n"),
    "extra": chart("extra", "v: 2\n"),
}))
case("dep/version-range", tree(**{
    "": chart("p", "", deps=[dep("sub", version=">=1.0.0 <2.0.0")], root=True),
    "sub": chart("sub", "v: 1\n", version="1.2.3"),
}))

# ---------------------------------------------------------------------------
# 5. import-values: children first, the parent's own values win.

IMPORT_SUB = """\
exports:
  data: {fromExports: sub, shared: sub}
  other: {o: 1}
  nulls: {nn: null, keep: 1}
  scalar: 5
plain: {a: 1, b: {c: 2}}
deep: {x: {y: {z: 1}}}
"""


def import_tree(parent_values, import_values, sub_values=IMPORT_SUB, **kw):
    return tree(**{
        "": chart("p", parent_values, deps=[dep("sub", import_values=import_values, **kw)], root=True),
        "sub": chart("sub", sub_values),
    })


IMPORTS = [
    ("string", "a: 1\n", ["data"]),
    ("string-parent-wins", "shared: parent\n", ["data"]),
    ("string-two", "", ["data", "other"]),
    ("string-missing", "", ["nothere"]),
    ("string-scalar-export", "", ["scalar"]),
    ("string-nulls", "nn: parent\n", ["nulls"]),
    ("map", "", [{"child": "plain", "parent": "imported"}]),
    ("map-nested-parent", "", [{"child": "plain.b", "parent": "x.y.z"}]),
    ("map-deep-child", "", [{"child": "deep.x.y", "parent": "got"}]),
    ("map-root", "top: 1\n", [{"child": "plain", "parent": "."}]),
    ("map-parent-wins", "imported: {a: parent, keep: 1}\n", [{"child": "plain", "parent": "imported"}]),
    ("map-missing", "", [{"child": "nothere", "parent": "x"}]),
    ("map-scalar-child", "", [{"child": "exports.scalar", "parent": "x"}]),
    ("map-exports", "", [{"child": "exports.data", "parent": "d"}]),
    ("map-two-same-parent", "", [{"child": "plain", "parent": "t"}, {"child": "deep", "parent": "t"}]),
    ("mixed", "", ["data", {"child": "plain", "parent": "p2"}]),
    ("map-nonstring", "", [{"child": "plain", "parent": 5}]),
    ("map-parent-scalar-conflict", "imported: 5\n", [{"child": "plain", "parent": "imported"}]),
    ("map-into-sub-key", "", [{"child": "plain", "parent": "sub.fromself"}]),
]
for name, pv, iv in IMPORTS:
    case(f"import/{name}", import_tree(pv, iv))

IMP = import_tree("shared: parent\n", ["data", {"child": "plain", "parent": "imp"}])
case("import/user-overrides-imported", IMP, ["--set", "fromExports=user,imp.a=user"])
case("import/user-null-imported", IMP, ["--set", "fromExports=null,imp.b=null"])
case("import/user-changes-child-value", IMP, ["--set", "sub.plain.a=user,sub.exports.data.shared=u"])
case("import/parent-sets-child-export", import_tree("sub: {exports: {data: {fromExports: parent}}}\n",
                                                   ["data"]))
case("import/disabled", import_tree("sub: {on: false}\n", ["data"], condition="sub.on"))
case("import/nested-chain", tree(**{
    "": chart("p", "", deps=[dep("sub", import_values=[{"child": "fromsubsub", "parent": "got"}, "data"])],
              root=True),
    "sub": chart("sub", "exports: {data: {d: sub}}\n",
                 deps=[dep("subsub", import_values=[{"child": "v", "parent": "fromsubsub"}])]),
    "sub/subsub": chart("subsub", "v: {w: subsub}\n"),
}))
case("import/alias", tree(**{
    "": chart("p", "", deps=[dep("sub", alias="a", import_values=[{"child": "v", "parent": "fromA"}]),
                              dep("sub", alias="b", import_values=[{"child": "v", "parent": "fromB"}])],
              root=True),
    "sub": chart("sub", "v: {w: default}\n"),
}), ["--set", "b.v.w=user"])
case("import/global", import_tree("", [{"child": "global", "parent": "g"}],
                                  sub_values="global: {a: 1}\n"))
case("import/nulls-in-parent", import_tree("n: null\nimported: {q: null}\n",
                                           [{"child": "plain", "parent": "imported"}]))
case("import/null-child-values", import_tree("", [{"child": "m", "parent": "got"}],
                                             sub_values="m: {a: null, b: {c: null, d: 1}}\n"))

# ---------------------------------------------------------------------------
# 6. Deeper trees: four levels, nulls and user values at every level.

DEEP = tree(**{
    "": chart("p", "pv: 1\nglobal: {gp: p}\na: {av: fromp, b: {bv: fromp, c: {cv: fromp}}}\n",
              deps=[dep("a")], root=True),
    "a": chart("a", "av: a\nan: null\nglobal: {ga: a}\nb: {bv: froma, bn: null, c: {cn: null}}\n",
               deps=[dep("b")]),
    "a/b": chart("b", "bv: b\nbn: keep\nm: {x: null, y: 1}\nglobal: {gb: b}\nc: {cv: fromb}\n",
                 deps=[dep("c")]),
    "a/b/c": chart("c", "cv: c\ncn: keepc\nl: [1, null]\nglobal: {gc: c, gp: c}\n"),
})
DEEP_ARGS = [
    ("none", []),
    ("set-each-level", ["--set", "pv=u,a.av=u,a.b.bv=u,a.b.c.cv=u"]),
    ("null-each-level", ["--set", "a.av=null,a.b.bv=null,a.b.c.cv=null"]),
    ("null-deep-default", ["--set", "a.b.c.cn=null"]),
    ("touch-b", ["--set", "a.b.new=1"]),
    ("touch-c", ["--set", "a.b.c.new=1"]),
    ("touch-a", ["--set", "a.new=1"]),
    ("global-null", ["--set", "global.gp=null"]),
    ("global-deep-user", ["--set", "a.b.global.gb=u,a.global.ga=u"]),
    ("b-m-null-user", ["--set", "a.b.m.y=null"]),
    ("c-list-user", ["--set", "a.b.c.l={x}"]),
    ("c-whole-null", ["--set", "a.b.c=null"]),
    ("b-scalar", ["--set", "a.b=1"]),
]
for name, args in DEEP_ARGS:
    case(f"deep/{name}", DEEP, args)

NESTED_TAGS = tree(**{
    "": chart("p", "tags: {pt: true}\n", deps=[dep("sub")], root=True),
    "sub": chart("sub", "tags: {st: false, pt: false}\nsubsub: {on: true}\n",
                 deps=[dep("subsub", tags=["st"]), dep("other", tags=["pt"], condition="other.on")]),
    "sub/subsub": chart("subsub", "w: 1\n"),
    "sub/other": chart("other", "on: false\n"),
})
case("tags/nested-default", NESTED_TAGS)
case("tags/nested-user", NESTED_TAGS, ["--set", "tags.st=true,sub.other.on=true"])
case("tags/nested-user-null", NESTED_TAGS, ["--set", "tags=null"])
case("tags/nested-sub-tags-user", NESTED_TAGS, ["--set", "sub.tags.st=true"])

EMPTY_DEPS = tree(**{
    "": chart("p", "sub: {keep: fromparent}\n", deps=[], root=True),
    "sub": chart("sub", "keep: sub\nm: {n: null, a: 1}\nnn: null\n"),
})
case("emptydeps/none", EMPTY_DEPS)
case("emptydeps/user-sub", EMPTY_DEPS, ["--set", "sub.x=1"])
case("emptydeps/parent-sub-null", tree(**{
    "": chart("p", "sub: null\n", deps=[], root=True),
    "sub": chart("sub", "a: 1\n"),
}))

MIXED = tree(**{
    "": chart("p", "listed: {on: true, v: p}\nextra: {v: p}\n",
              deps=[dep("listed", condition="listed.on")], root=True),
    "listed": chart("listed", "v: l\nn: {x: null}\n"),
    "extra": chart("extra", "v: e\nn: {x: null}\n"),
})
case("mixed/none", MIXED)
case("mixed/user-both", MIXED, ["--set", "listed.q=1,extra.q=1"])
case("mixed/disable-listed", MIXED, ["--set", "listed.on=false"])
case("mixed/null-both", MIXED, ["--set", "listed.v=null,extra.v=null"])

case("missing/listed-not-present", tree(**{
    "": chart("p", "", deps=[dep("nothere"), dep("sub")], root=True),
    "sub": chart("sub", "a: 1\n"),
}))
case("missing/disabled-not-present", tree(**{
    "": chart("p", "nothere: {on: false}\n", deps=[dep("nothere", condition="nothere.on")],
              root=True),
}))

SUBNULL_LEAK = tree(**{
    "": chart("p", "", deps=[dep("sub")], root=True),
    "sub": chart("sub", "a: {b: null, c: {d: null, e: 1}}\nf: null\nl: [null]\n",
                 deps=[dep("subsub")]),
    "sub/subsub": chart("subsub", "x: {y: null}\nz: null\n"),
})
case("leak/none", SUBNULL_LEAK)
case("leak/user-sub", SUBNULL_LEAK, ["--set", "sub.q=1"])
case("leak/user-sub-a", SUBNULL_LEAK, ["--set", "sub.a.q=1"])
case("leak/user-subsub", SUBNULL_LEAK, ["--set", "sub.subsub.q=1"])
case("leak/user-subsub-x", SUBNULL_LEAK, ["--set", "sub.subsub.x.q=1"])
case("leak/user-sub-null-b", SUBNULL_LEAK, ["--set", "sub.a.b=null"])
case("leak/file-sub", SUBNULL_LEAK, ["-f", "u.yaml"], {"u.yaml": "sub: {a: {c: {}}}\n"})

# ---------------------------------------------------------------------------


def main():
    write_cases(os.path.join("values", "merge.jsonl"), CASES)


if __name__ == "__main__":
    main()
