#!/usr/bin/env python3
"""Writes the function inventory table of COMPATIBILITY.md (between the
`<!-- inventory:begin -->` and `<!-- inventory:end -->` markers).

    python3 crates/chartcore/scripts/func_inventory.py

For every name in testdata/funcs/helm_functions.txt it counts the
Helm-generated cases that call it: the function tables
(testdata/funcs/*.cases), the rendered tables (testdata/funcs/render/*.cases),
the engine's Go-builtin tables (crates/gotemplate/testdata/exec/*.cases) and
the YAML/JSON differential tables (testdata/yaml/*.jsonl, one case per
function output they record). A case counts once per function it calls. STATUS below records the functions
whose output is not byte-identical, and why.
"""

import json
import pathlib
import re

CRATE = pathlib.Path(__file__).resolve().parent.parent
ROOT = CRATE.parent.parent
NAMES = CRATE / "testdata" / "funcs" / "helm_functions.txt"
DOC = ROOT / "COMPATIBILITY.md"

SHAPE = "shape-identical"
DIFF = "different"

NIL_SLICE = ("an empty result is Go's nil slice (`toJson` → `null`); here an empty "
             "slice (`[]`); printing and `len` agree")
RANDOM_PROPS = "random output; property tests (`src/funcs/random.rs`)"
CRYPTO_PROPS = "random keys/serials; property tests (`tests/crypto_props.rs`, `src/funcs/crypto/`)"

STATUS = {
    "randAlpha": (SHAPE, RANDOM_PROPS + ": length and alphabet"),
    "randAlphaNum": (SHAPE, RANDOM_PROPS + ": length and alphabet"),
    "randAscii": (SHAPE, RANDOM_PROPS + ": length and alphabet"),
    "randNumeric": (SHAPE, RANDOM_PROPS + ": length and alphabet"),
    "randBytes": (SHAPE, RANDOM_PROPS + ": base64 of n bytes"),
    "randInt": (SHAPE, RANDOM_PROPS + ": range; errors byte-identical"),
    "shuffle": (SHAPE, RANDOM_PROPS + ": a permutation of the runes"),
    "uuidv4": (SHAPE, RANDOM_PROPS + ": RFC 4122 version 4 layout"),
    "now": (SHAPE, "the current time; type, methods and formatting byte-identical"),
    "ago": (SHAPE, "relative to the current time; formatting byte-identical"),
    "bcrypt": (SHAPE, "random salt; hashes verify (`tests/crypto_props.rs`)"),
    "htpasswd": (SHAPE, "random salt; `user:$2a$10$…` lines verify"),
    "encryptAES": (SHAPE, "random IV; round trips through `decryptAES` and Helm's ciphertexts"),
    "genPrivateKey": (SHAPE, CRYPTO_PROPS + ": PEM block types and key sizes"),
    "genCA": (SHAPE, CRYPTO_PROPS + ": certificate fields as Sprig sets them"),
    "genCAWithKey": (SHAPE, CRYPTO_PROPS),
    "genSelfSignedCert": (SHAPE, CRYPTO_PROPS),
    "genSelfSignedCertWithKey": (SHAPE, CRYPTO_PROPS),
    "genSignedCert": (SHAPE, CRYPTO_PROPS + ": chains to its CA"),
    "genSignedCertWithKey": (SHAPE, CRYPTO_PROPS),
    "chunk": (DIFF, "`typeOf` gives `[]interface {}` where Go has `[][]interface {}` "
              "(the value model has no nested slice types); contents identical"),
    "mustChunk": (DIFF, "as `chunk`"),
    "split": (DIFF, "`typeOf` gives `map[string]interface {}` where Go has `map[string]string` "
              "(no typed maps); contents identical"),
    "splitn": (DIFF, "as `split`"),
    "regexFindAll": (DIFF, NIL_SLICE + "; Unicode classes as for `regexMatch`"),
    "mustRegexFindAll": (DIFF, "as `regexFindAll`"),
    "regexSplit": (DIFF, "with n = 0 " + NIL_SLICE + "; Unicode classes as for `regexMatch`"),
    "mustRegexSplit": (DIFF, "as `regexSplit`"),
    "regexMatch": (DIFF, "`\\p{…}` classes follow Unicode 16 (Rust `regex`) where Go 1.27 has "
                   "Unicode 17: the 4 new scripts match nothing, the ~4,800 new characters "
                   "have no category; everything else byte-identical"),
    "mustRegexMatch": (DIFF, "as `regexMatch`"),
    "regexFind": (DIFF, "as `regexMatch`"),
    "mustRegexFind": (DIFF, "as `regexMatch`"),
    "regexReplaceAll": (DIFF, "as `regexMatch`"),
    "mustRegexReplaceAll": (DIFF, "as `regexMatch`"),
    "regexReplaceAllLiteral": (DIFF, "as `regexMatch`"),
    "mustRegexReplaceAllLiteral": (DIFF, "as `regexMatch`"),
    "initial": (DIFF, "of an empty list: " + NIL_SLICE),
    "mustInitial": (DIFF, "as `initial`"),
    "rest": (DIFF, "of an empty list: " + NIL_SLICE),
    "mustRest": (DIFF, "as `rest`"),
    "concat": (DIFF, "with no elements: " + NIL_SLICE),
    "set": (DIFF, "`set nil …` panics in Go (assignment to entry in nil map); here it "
            "returns a new map (a literal `nil` map argument arrives as an empty map)"),
    "index": (DIFF, "indexing a string gives Go's `uint8`, here `int` (same value, printing "
              "and comparisons; only `%T`/`typeOf` differ)"),
    "fromToml": (DIFF, "an array of tables (`[[a]]`) is Go's `[]map[string]interface {}`; "
                 "here `[]interface {}` (contents, printing, `toToml` identical)"),
    "eq": (DIFF, "two `time.Duration` values (from `mustToDuration`) compare as int64 in Go, "
           "by identity here"),
    "ne": (DIFF, "as `eq`"),
    "lt": (DIFF, "as `eq`"),
    "le": (DIFF, "as `eq`"),
    "gt": (DIFF, "as `eq`"),
    "ge": (DIFF, "as `eq`"),
    "keys": ("byte-identical", "Go returns keys in random map order; sorted is one of them"),
    "values": ("byte-identical", "Go returns values in random map order; key order is one of them"),
    "lookup": ("byte-identical", "no cluster in `helm template`: always `map[]`"),
    "getHostByName": ("byte-identical", "DNS off (no `--enable-dns`): always empty"),
    "typeOf": ("byte-identical", "for the values it is given; see the type-name gaps of "
               "`chunk`, `split`, `fromToml` and the render context below"),
}


def strip_strings(text):
    """The text with Go string and raw-string literals blanked out."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == '"':
            j = i + 1
            while j < len(text) and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(" ")
            i = j + 1
        elif c == "`":
            j = text.find("`", i + 1)
            out.append(" ")
            i = len(text) if j < 0 else j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


IDENT = re.compile(r"(?<![\w.$])([A-Za-z_][A-Za-z0-9_]*)")


def called(text, names):
    return {m for m in IDENT.findall(strip_strings(text)) if m in names}


def func_case_pipelines(path):
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head = re.split(r"\t=[>!] ", line)[0]
        if head.startswith("@values "):
            head = head.split("\t", 1)[1]
        yield head


def exec_case_templates(path):
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        template = line.split("\t", 1)[0]
        yield " ".join(re.findall(r"\{\{(.*?)\}\}", template))


def yaml_table_calls(path):
    """The functions a YAML/JSON table case records outputs of."""
    for line in path.read_text().split("\n"):
        if not line.strip():
            continue
        case = json.loads(line)
        calls = [k for k in case if k not in ("name", "input", "values", "spec", "error")]
        # load.jsonl records `toJson .Values` under "json".
        yield " ".join("toJson" if k == "json" else k for k in calls)


def main():
    names = [l.strip() for l in NAMES.read_text().splitlines()
             if l.strip() and not l.startswith("#")]
    name_set = set(names)
    counts = {n: 0 for n in names}
    sources = [
        (sorted((CRATE / "testdata" / "funcs").glob("*.cases")), func_case_pipelines),
        (sorted((CRATE / "testdata" / "funcs" / "render").glob("*.cases")), func_case_pipelines),
        (sorted((ROOT / "crates" / "gotemplate" / "testdata" / "exec").glob("*.cases")),
         exec_case_templates),
        (sorted((CRATE / "testdata" / "yaml").glob("*.jsonl")), yaml_table_calls),
    ]
    total = 0
    for files, reader in sources:
        for f in files:
            for text in reader(f):
                total += 1
                for n in called(text, name_set):
                    counts[n] += 1
    rows = ["| Function | Status | Helm cases | Notes |", "|---|---|---:|---|"]
    summary = {"byte-identical": 0, SHAPE: 0, DIFF: 0}
    for n in sorted(names, key=str.lower):
        status, note = STATUS.get(n, ("byte-identical", ""))
        summary[status] += 1
        rows.append(f"| `{n}` | {status} | {counts[n]} | {note} |")
    table = "\n".join(rows)
    head = (f"{len(names)} functions: {summary['byte-identical']} byte-identical, "
            f"{summary[SHAPE]} shape-identical, {summary[DIFF]} with a documented difference. "
            f"Counted over {total} Helm-generated cases.\n\n")
    doc = DOC.read_text()
    begin, end = "<!-- inventory:begin -->", "<!-- inventory:end -->"
    i, j = doc.index(begin) + len(begin), doc.index(end)
    DOC.write_text(doc[:i] + "\n" + head + table + "\n" + doc[j:])
    print(head.strip())


if __name__ == "__main__":
    main()
