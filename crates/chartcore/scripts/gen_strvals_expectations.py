#!/usr/bin/env python3
"""Generates testdata/strvals/cases.tsv from the reference helm: `helm
template` of a chart whose values.yaml is empty and whose only template is
`{{ toJson .Values }}`, with the case's --set family flags. The expectation is
the JSON printed, or the error helm prints.

Row fields: expected ("ok: JSON" or "error: MSG"), the --set-file files as
"name\\0content\\0..." (empty if none), then flag/value pairs.

Usage: python3 crates/chartcore/scripts/gen_strvals_expectations.py
"""

import os
import shutil
import tempfile

import helmref

S, STR, LIT, JSON, FILE = "--set", "--set-string", "--set-literal", "--set-json", "--set-file"

FILES = {"f1": "hello\n", "f2": "two\nlines", "f3": "", "sp ace": "x"}

CASES = [
    # Typing.
    *[[(S, v)] for v in [
        "a=1", "a=1,b=2", "a.b.c=1", "a=true", "a=TRUE", "a=False", "a=fal\u017fe", "a=tRuE",
        "a=null", "a=NULL", "a=Nil", "a=0", "a=00", "a=-0", "a=+0", "a=-3", "a=+3", "a=007",
        "a=+007", "a=1.5", "a=1e3", "a=0x10", "a=1_000", "a=9223372036854775807",
        "a=9223372036854775808", "a=-9223372036854775808", "a=-9223372036854775809",
        "a= x", "a=x ", "a=", "a=,b=1", "a=yes", "a=on", "a=~", "a=\"q\"", "a='q'",
        "a=<b>&", "a=\u00e9\u00e8", "\u00e9=1", "a=\t", "a= 1", "a=1 ",
    ]],
    # Keys and escapes.
    *[[(S, v)] for v in [
        "a\\.b=1", "c\\,d=2", "e=f\\,g", "h=i=j", " sp = v ", "a\\=b=1", "a\\[0]=1",
        "a\\\\b=1", "a=b\\", "a\\", "a=\\", "a=b\\,", "a=\\{x}", "a=x\\}", "a.b\\.c=1",
        "a=b\\c", "a[0]=x\\,y", "a=\\\\", "k=v=w,x=y",
    ]],
    # Lists.
    *[[(S, v)] for v in [
        "x={a,b,1,true,null,}", "x={}", "x={a}b", "x={a", "x={a,b", "x={a}", "x={a},y=2",
        "x={{a}}", "x={a}}", "x={ a , b }", "x={a\\,b,c}", "x={a\\}b}", "x={1,2},x={3}",
        "x={,}", "x={,,}", "x={0,007,-1,TRUE}", "x={a}{b}", "x={a},", "x={a},,y=1",
    ]],
    # Indexes.
    *[[(S, v)] for v in [
        "x[0]=a", "x[0]=a,x[2]=c", "x[1][1]=z", "a[0].b=1", "a[0].b=1,a[0].c=2",
        "a[1].b=1,a[0]=x", "a[0]=x,a[0].b=1", "a[0].b=1,a[0]=x", "x[70000]=a",
        "x[65536]=a", "x[65537]=a", "x[-1]=a", "x[a]=1", "x[]=1", "x[0]b=1", "x[0]bc.d=1",
        "x[0", "x[0]", "x[0].", "x[0].=1", "a[0][1", "x[0]={a,b}", "x[0]=", "x[0]=,x[1]=b",
        "x[0][0]=1,x[0][1]=2", "x[1][0]=1", "x[0]=1,x[0][0]=2", "a=1,a[0]=2", "a=1,a.b=2",
        "a=null,a.b=1", "a.b=1,a[0]=1", "a[0]=1,a.b=1", "x[+1]=a", "x[ 1]=a", "x[01]=a",
        "x[0][0][0]=deep", "x[2].y[1].z=1", "x[0].y=1,x[0].z[1]=2", "x[0]=a,x[0][0]=b",
        "x[0][0]=a,x[0][0].", "x[0][1]=a,x[0][0].b=c", "x[0].a=1,x[0].", "x[99999999999999999999]=a",
        "x[0]\\=1", "x[0]=a[1]", "x[0].b",
    ]],
    # Errors and edge shapes.
    *[[(S, v)] for v in [
        "a", "a,b=1", "a.=1", ".a=1", "a..b=1", "=1", "a.b", "a.b.", "a.", ",", ",,a=1",
        "a=1,,", "a=1,", "", " ", "a=1,b", "a.b=1,a.c", ".=1", "a.b=1,a=2", "a=2,a.b=1",
        ".".join(["k"] * 30) + "=1", ".".join(["k"] * 31) + "=1", ".".join(["k"] * 32) + "=1",
        "a[0]." + ".".join(["k"] * 30) + "=1", "a.b[0].c=1", "a.b[0].c=1,a.b[1]=2",
    ]],
    # --set-string.
    *[[(STR, v)] for v in [
        "a=1", "a=true", "a=null", "a={1,2}", "a[0]=1", "a.b=007", "a=", "a", "a=1,b",
        "x={a", "x[0]b=1",
    ]],
    # --set-literal.
    *[[(LIT, v)] for v in [
        "d=a,b.c=d\\e{}", "a.b=1,2", "a[0]=x,y", "a", "a.b", "a=", "x[0]b=1", "a\\.b=1",
        "a[0]=x\\,y", "a=1", "a=true", "a=null", "a.b.c=", "a[1].b=c", "a[0][1]=z", "a,b=c",
        "a=b=c", "=x", ".a=1", "a..b=1", "x[a]=1", "x[-1]=1", "x[0]", "a={1,2}",
    ]],
    # --set-json.
    *[[(JSON, v)] for v in [
        "a=1", "a=1e2", "a=\"x\"", "a={\"b\":[1,2]}", "a=", "a= ", "a=null", " e =1",
        "a=[1,2],b=3", "a=tru", "a=1 2", "{\"a\":1,\"nested\":{\"c\":3}}", " {\"a\":1",
        "{\"a\":1} x", "a[0]=1", "a[1]={\"x\":1}", "a=1,,", "a=\"x\\\"y\"",
        "a=12345678901234567890", "a=1e-7", "a=1e21", "a=1e20", "a=0.1", "a=-0", "a=1e400",
        "a=1e-400", "a=\"\\u003c\"", "a=true,b=false", "a.b=1.5", "a=x", "a='x'", "a=01",
        "a={\"b\":1}{", "a=[1,", "a={}", "a=[]", "{}", "  {\"a\":{\"b\":1}}  ", "{\"a\":1}{}",
        "[1]", "a=\"\\ud83d\\ude00\"", "a= [1, 2] , b = 3", "a=1.0", "a=100000000000000000000000",
        "a=\"\\b\\f\\n\\u0001\"", "a.b.c=[{\"d\":null}]", "a=1,a.b=2", "a={\"b\":1},a.c=2",
        "x[0]=1,x[2]=3", "x[0]=", "a=\"\u2028\"",
    ]],
    # --set-file.
    *[[(FILE, v)] for v in [
        "a=f1", "a=f1,b=f2", "a={f1,f2}", "a[0]=f1", "a=missing", "a=", "a.b=f3",
        "a=sp ace", "a=f1,b=missing", "a={f1,missing}", "a", "a=f1,,",
    ]],
    # Several flags: Helm v4 applies --set-json, --set, --set-string, --set-file, --set-literal.
    [(JSON, '{"a":{"b":1,"c":2}}'), (JSON, '{"a":{"c":3}}')],
    [(S, "a.b=1"), (JSON, '{"a":{"c":1}}')],
    [(JSON, "a=2"), (S, "a=1")],
    [(S, "a=1"), (STR, "a=2")],
    [(STR, "a=x"), (S, "a=1")],
    [(STR, "a=x"), (FILE, "a=f1")],
    [(FILE, "a=f1"), (STR, "a=x")],
    [(FILE, "a=f1"), (LIT, "a=y")],
    [(LIT, "a=y"), (S, "a=1")],
    [(S, "a.b=1"), (S, "a.c=2")],
    [(S, "x[0]=a"), (S, "x[1]=b")],
    [(S, "x={a,b}"), (S, "x[3]=d")],
    [(S, "x[0].a=1"), (S, "x[0].")],
    [(S, "x[0][0]=1"), (S, "x[0][0].")],
    [(S, "x[0][0]=1"), (S, "x[0][1].")],
    [(S, "a.b=1"), (S, "a.")],
    [(S, "a=1"), (S, "a=null")],
    [(JSON, "a={\"b\":[1,{\"c\":2}]}"), (S, "a.b[1].d=3")],
    [(JSON, "a=[1,2]"), (S, "a[3]=4")],
    [(JSON, "a=1.5"), (S, "a[0]=1")],
    [(JSON, "a=\"s\""), (S, "a.b=1")],
    [(JSON, "a=[[1]]"), (S, "a[0][1]=2")],
    [(JSON, "a=[\"x\"]"), (S, "a[0][1]=2")],
    [(JSON, "a=[true]"), (S, "a[0].b=2")],
    [(JSON, "{\"a\":[1]}"), (JSON, "{\"a\":{\"b\":1}}")],
    [(JSON, "{\"a\":{\"b\":1}}"), (JSON, "{\"a\":null}")],
    [(S, "a=1"), (S, "b")],
    [(S, "b"), (STR, "a=1")],
    [(STR, "a=1"), (LIT, "b")],
    [(S, "x"), (JSON, "y")],
]


def run(case):
    chart = tempfile.mkdtemp(prefix="strvals-chart-")
    cwd = tempfile.mkdtemp(prefix="strvals-cwd-")
    try:
        helmref.make_chart(chart, files={
            "values.yaml": "",
            "templates/v.yaml": "{{ toJson .Values }}\n",
        })
        uses_files = any(flag == FILE for flag, _ in case)
        if uses_files:
            for name, content in FILES.items():
                with open(os.path.join(cwd, name), "w") as f:
                    f.write(content)
        args = []
        for flag, value in case:
            args += [flag, value]
        ok, out, err = helmref.helm_template(chart, args, cwd=cwd)
        if not ok:
            return "error: " + helmref.helm_error(err), uses_files
        body = out.split("# Source: ref/templates/v.yaml\n", 1)[1]
        return "ok: " + body.split("\n", 1)[0], uses_files
    finally:
        shutil.rmtree(chart)
        shutil.rmtree(cwd)


def main():
    files_field = "\0".join(f"{k}\0{v}" for k, v in FILES.items())
    rows = []
    for case in CASES:
        expected, uses_files = run(case)
        row = [expected, files_field if uses_files else ""]
        for flag, value in case:
            row += [flag, value]
        rows.append(row)
    helmref.write_table(
        "strvals/cases.tsv",
        ["expected (ok: JSON of .Values | error: MSG), --set-file files (name\\0content\\0...),",
         "then flag, value pairs; from helm v4.3.1 via scripts/gen_strvals_expectations.py"],
        rows,
    )


if __name__ == "__main__":
    main()
