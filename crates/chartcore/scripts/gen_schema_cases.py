#!/usr/bin/env python3
"""Generates testdata/schema/cases.jsonl: values.schema.json validation as
Helm v4.3.1 (santhosh-tekuri/jsonschema v6) reports it, error text byte for
byte. Same line format as testdata/values/merge.jsonl (see chartcases.py);
`unordered` marks cases whose sibling errors Helm prints in a random order
(v6 walks Go maps), compared after sorting siblings.

Usage: python3 crates/chartcore/scripts/gen_schema_cases.py
"""

import json
import os

from chartcases import chart, dep, tree, write_cases

CASES = []


def case(name, files, args=(), user_files=None):
    CASES.append({"name": name, "files": files, "args": list(args), "user_files": user_files or {}})


def with_schema(files, schema):
    files = dict(files)
    files["values.schema.json"] = schema if isinstance(schema, str) else json.dumps(schema)
    return files


def one(name, schema, values="", args=(), user_files=None):
    """A single chart `c` with this schema and values.yaml."""
    case(name, tree(**{"": with_schema(chart("c", values), schema)}), args, user_files)


def props(**p):
    return {"type": "object", "properties": p}


# ---------------------------------------------------------------------------
# 1. Each keyword's message.

one("type/string", props(a={"type": "string"}), "a: 1\n")
one("type/integer-float", props(a={"type": "integer"}), "a: 1.5\n")
one("type/integer-whole-float", props(a={"type": "integer"}), "a: 2.0\n")
one("type/integer-big", props(a={"type": "integer"}), "a: 1e300\n")
one("type/number-string", props(a={"type": "number"}), "a: '1'\n")
one("type/boolean", props(a={"type": "boolean"}), "a: 'yes'\n")
one("type/null", props(a={"type": "null"}), "a: 0\n")
one("type/array", props(a={"type": "array"}), "a: {}\n")
one("type/object", props(a={"type": "object"}), "a: []\n")
one("type/multi", props(a={"type": ["string", "null", "array"]}), "a: 1\n")
one("type/multi-integer", props(a={"type": ["integer", "boolean"]}), "a: 0.5\n")
one("type/root-not-object", {"type": "array"}, "a: 1\n")
one("type/null-value", props(a={"type": "string"}), "a: ~\n")
one("type/set-int", props(a={"type": "string"}), "", ["--set", "a=5"])
one("type/set-int-ok", props(a={"type": "integer", "maximum": 3}), "", ["--set", "a=5"])
one("type/set-string", props(a={"type": "integer"}), "", ["--set-string", "a=5"])
one("type/set-json-float", props(a={"type": "integer"}), "", ["--set-json", "a=5.5"])
one("type/set-bool", props(a={"type": "string"}), "", ["--set", "a=true"])
one("enum/strings", props(a={"enum": ["x", "y"]}), "a: z\n")
one("enum/one", props(a={"enum": ["only"]}), "a: z\n")
one("enum/mixed", props(a={"enum": [1, "2", None, True, 1.5, 1.0, 1e3, -0.0]}), "a: z\n")
one("enum/raw-numbers", '{"properties":{"a":{"enum":[1.0, 1e3, 10E-2, 12345678901234567890]}}}',
    "a: z\n")
one("enum/composite", props(a={"enum": [[1], {"x": 1}, "s"]}), "a: z\n")
one("enum/quotes", props(a={"enum": ["it's", "say \"hi\"", "tab\there", "\u00e9\u4e2d", "\u0007"]}),
    "a: z\n")
one("enum/ok-number", props(a={"enum": [1]}), "a: 1.0\n")
one("const/string", props(a={"const": "x"}), "a: y\n")
one("const/number", props(a={"const": 1.50}), "a: 2\n")
one("const/raw-number", '{"properties":{"a":{"const":1.50}}}', "a: 2\n")
one("const/null", props(a={"const": None}), "a: 2\n")
one("const/bool", props(a={"const": False}), "a: 2\n")
one("const/object", props(a={"const": {"x": 1}}), "a: 2\n")
one("const/array", props(a={"const": [1]}), "a: [2]\n")
one("required/one", {"required": ["a"]}, "b: 1\n")
one("required/many", {"required": ["a", "b", "c"]}, "b: 1\n")
one("required/nested", props(m={"required": ["x"]}), "m: {y: 1}\n")
one("required/quote", {"required": ["it's", "a\"b", "new\nline"]}, "")
one("additional/false", {"properties": {"a": {}}, "additionalProperties": False}, "a: 1\nb: 2\n")
one("additional/many", {"additionalProperties": False}, "b: 2\nc: 3\nd: 4\n")
one("additional/schema", {"additionalProperties": {"type": "string"}}, "b: 2\nc: x\n")
one("additional/pattern-props", {"patternProperties": {"^x": {"type": "integer"}},
                                 "additionalProperties": False}, "x1: a\ny: 1\n")
one("pattern/basic", props(a={"pattern": "^[a-z]+$"}), "a: ABC\n")
one("pattern/quotes", props(a={"pattern": "^'\"$"}), "a: \"it's\"\n")
one("pattern/escape", props(a={"pattern": "^\\d+\\.\\d+$"}), "a: '1.x'\n")
one("pattern/ok", props(a={"pattern": "b"}), "a: abc\n")
one("pattern/non-string-ignored", props(a={"pattern": "^x$"}), "a: 5\n")
one("string/minLength", props(a={"minLength": 3}), "a: ab\n")
one("string/maxLength", props(a={"maxLength": 2}), "a: abc\n")
one("string/length-runes", props(a={"maxLength": 2}), "a: \u00e9\u00e8\u00ea\n")
one("string/minLength-big", props(a={"minLength": 2000}), "a: x\n")
one("string/all", props(a={"minLength": 5, "maxLength": 1, "pattern": "^z"}), "a: abc\n")
one("number/minimum", props(a={"minimum": 5}), "a: 1\n")
one("number/maximum", props(a={"maximum": 5}), "a: 10\n")
one("number/exclusiveMinimum", props(a={"exclusiveMinimum": 5}), "a: 5\n")
one("number/exclusiveMaximum", props(a={"exclusiveMaximum": 5}), "a: 5\n")
one("number/multipleOf", props(a={"multipleOf": 3}), "a: 10\n")
one("number/multipleOf-decimal", props(a={"multipleOf": 0.1}), "a: 0.35\n")
one("number/multipleOf-exact", props(a={"multipleOf": 0.1}), "a: 0.3\n")
one("number/all", props(a={"minimum": 10, "maximum": 1, "exclusiveMinimum": 20,
                           "exclusiveMaximum": 0, "multipleOf": 7}), "a: 5\n")
for i, (want, got) in enumerate([
        (1000000, 5), (123456.789, 1), (-0.00001, 1), (1e100, 1e101), (1234567.5, -1234.5),
        (0.0001, 0), (0.00001, 0), (999999, 0), (1e21, 0), (2.5e-10, 0), (-1e6, -2e6),
        (12345678901234567890, 0), (100, 99.99), (0.1, 0.05), (1e-300, 0), (65536, 1),
        (1.7976931348623157e308, 0)]):
    one(f"number/format-{i}", props(a={"minimum": want}), f"a: {got!r}\n")
one("number/format-raw", '{"properties":{"a":{"minimum":1.10}}}', "a: 1\n")
one("number/set-int64", props(a={"minimum": 10000000}), "", ["--set", "a=9999999"])
one("number/set-json", props(a={"maximum": 1}), "", ["--set-json", "a=1234.5678"])
one("array/minItems", props(a={"minItems": 2}), "a: [1]\n")
one("array/maxItems", props(a={"maxItems": 1}), "a: [1, 2]\n")
one("array/uniqueItems", props(a={"uniqueItems": True}), "a: [1, 2, 1]\n")
one("array/uniqueItems-objects", props(a={"uniqueItems": True}), "a: [{x: 1}, {x: 1.0}]\n")
one("array/uniqueItems-big", props(a={"uniqueItems": True}),
    "a: [" + ", ".join(str(i) for i in range(1002)) + ", 1001]\n")
one("array/items", props(a={"items": {"type": "string"}}), "a: [x, 1, y, 2]\n")
one("array/prefixItems", props(a={"prefixItems": [{"type": "string"}, {"type": "integer"}]}),
    "a: [1, x, 3]\n")
one("array/prefixItems-items", props(a={"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}),
    "a: [x, y, 2, z]\n")
one("array/items-false", props(a={"prefixItems": [{}], "items": False}), "a: [1, 2, 3]\n")
one("array/contains", props(a={"contains": {"type": "string"}}), "a: [1, 2]\n")
one("array/minContains", props(a={"contains": {"type": "string"}, "minContains": 2}), "a: [x, 1]\n")
one("array/minContains-none", props(a={"contains": {"type": "string"}, "minContains": 2}), "a: [1]\n")
one("array/maxContains", props(a={"contains": {"type": "string"}, "maxContains": 1}), "a: [x, 1, y, z]\n")
one("object/minProperties", props(m={"minProperties": 2}), "m: {a: 1}\n")
one("object/maxProperties", props(m={"maxProperties": 1}), "m: {a: 1, b: 2}\n")
one("object/propertyNames", props(m={"propertyNames": {"pattern": "^[a-z]+$"}}), "m: {ab: 1, Cd: 2}\n")
one("object/propertyNames-root", {"propertyNames": {"maxLength": 3}}, "abcd: 1\nab: 2\n")
one("object/dependentRequired", {"dependentRequired": {"a": ["b", "c"]}}, "a: 1\n")
one("object/dependentSchemas", {"dependentSchemas": {"a": {"required": ["z"]}}}, "a: 1\n")
one("object/unevaluatedProperties", {"properties": {"a": {}}, "unevaluatedProperties": False},
    "a: 1\nb: 2\n")
one("object/unevaluatedProperties-allOf", {"allOf": [{"properties": {"a": {}}}],
                                           "unevaluatedProperties": {"type": "string"}},
    "a: 1\nb: 2\nc: x\n")
one("array/unevaluatedItems", props(a={"prefixItems": [{}], "unevaluatedItems": False}), "a: [1, 2]\n")
one("bool/false-root", False, "a: 1\n")
one("bool/true-root", True, "a: 1\n")
one("bool/false-prop", {"properties": {"a": False}}, "a: 1\n")
one("bool/empty", {}, "a: 1\n")
one("format/2020-not-asserted", props(a={"format": "email"}), "a: nope\n")
one("format/draft7-email", {"$schema": "http://json-schema.org/draft-07/schema#",
                            "properties": {"a": {"format": "email"}}}, "a: nope\n")
one("format/draft7-many", {"$schema": "http://json-schema.org/draft-07/schema#", "properties": {
    "d": {"format": "date"}, "t": {"format": "date-time"}, "i": {"format": "ipv4"},
    "u": {"format": "uri"}, "h": {"format": "hostname"}, "r": {"format": "regex"}}},
    "d: 2024-13-01\nt: yesterday\ni: 1.2.3\nu: not a uri\nh: -bad-\nr: '('\n")
one("format/draft7-early-return", {"$schema": "http://json-schema.org/draft-07/schema#",
                                   "properties": {"a": {"format": "ipv4", "minLength": 100}}},
    "a: x\n")
one("format/draft7-non-string", {"$schema": "http://json-schema.org/draft-07/schema#",
                                 "properties": {"a": {"format": "email"}}}, "a: 5\n")

FORMAT_CASES = [
    ("semver", "1.2"), ("uri", "http://[::1"), ("uri", "http://x:port/"), ("uri", ":x"), ("uri", "a:b"),
    ("uri", "http://a%zz/"), ("uri", "http://x/%zz"), ("uri", "http://x/\u00e4"), ("iri", "rel"),
    ("uri-reference", ":x"), ("ipv4", "01.2.3.4"), ("ipv4", "1.2.3.256"), ("ipv4", "1.2.3.-1"),
    ("ipv6", "1:2"), ("ipv6", "::1%eth0"), ("ipv6", "1.2.3.4:5"), ("ipv6", "1::2::3"),
    ("ipv6", "12345::"), ("uuid", "x"), ("uuid", "0000000-0000-0000-0000-000000000000"),
    ("duration", "P1X"), ("duration", "PT"), ("duration", "P1D1Y"), ("time", "12:00:00"),
    ("time", "12:00:00+0100"), ("date", "2024-1-01"), ("date", "2023-02-29"), ("date", "2024-01-01x"),
    ("date", "x024-01-01"), ("json-pointer", "a"), ("json-pointer", "/a~2"), ("uri-template", "{x"),
    ("email", "a@-b"), ("email", "a..b@c"), ("hostname", "a_b"), ("period", "x"),
    ("relative-json-pointer", "x"), ("regex", "a{2,1}"), ("idn-hostname", "-x"), ("idn-email", "x"),
    ("date-time", "2024-01-01T25:00:00Z"), ("email", "a@[1.2.3]"), ("unknown-format", "x"),
    # Go checks a URI template's `URL.RawPath`, empty when the path is in its
    # default escaping: `%7B` there is no brace.
    ("uri-template", "http://x/%7Ba"), ("uri-template", "http://x/{a"),
    ("uri-template", "http://x/%7Ba%7D%7B"), ("uri-template", "http://x/{a%7D"),
    ("uri-template", "http://x/%zz{"), ("uri", "http://x/%zz"), ("uri", "http://[::1]:80/"),
    ("uri", "http://::1/"), ("uri", "http://u@x:y/"),
]
for i, (fmt, val) in enumerate(FORMAT_CASES):
    one(f"format/{fmt}-{i}", {"$schema": "http://json-schema.org/draft-07/schema#",
                             "properties": {"v": {"format": fmt}}}, "v: " + json.dumps(val) + "\n")

# ---------------------------------------------------------------------------
# 2. Combinators and their nesting.

one("comb/allOf", props(a={"allOf": [{"type": "string"}, {"minLength": 3}, {"maxLength": 1}]}), "a: xy\n")
one("comb/allOf-one", props(a={"allOf": [{"minLength": 3}]}), "a: xy\n")
one("comb/anyOf", props(a={"anyOf": [{"const": "q"}, {"enum": [1, "2"]}]}), "a: xy\n")
one("comb/anyOf-ok", props(a={"anyOf": [{"const": "q"}, {"type": "string"}]}), "a: xy\n")
one("comb/oneOf-none", props(a={"oneOf": [{"type": "number"}, {"type": "boolean"}]}), "a: xy\n")
one("comb/oneOf-two", props(a={"oneOf": [{"type": "string"}, {"minLength": 1}, {}]}), "a: xy\n")
one("comb/not", props(a={"not": {"type": "string"}}), "a: xy\n")
one("comb/not-ok", props(a={"not": {"type": "number"}}), "a: xy\n")
one("comb/if-then", props(a={"if": {"type": "string"}, "then": {"minLength": 5}}), "a: xy\n")
one("comb/if-else", props(a={"if": {"type": "string"}, "then": {"minLength": 5},
                             "else": {"minimum": 10}}), "a: 1\n")
one("comb/nested-deep", props(a={"anyOf": [{"allOf": [{"type": "string"}, {"oneOf": [
    {"minLength": 5}, {"pattern": "^z"}]}]}, {"type": "object", "required": ["k"]}]}), "a: xy\n")
one("comb/group-in-anyOf", props(a={"anyOf": [{"minLength": 5, "pattern": "^z"}, {"type": "number"}]}),
    "a: xy\n")
one("comb/root-several", {"required": ["x"], "properties": {"a": {"type": "string"}},
                          "minProperties": 5}, "a: 1\n")
one("comb/object-group", props(m={"properties": {"a": {"type": "string"}, "b": {"type": "string"}},
                                  "required": ["c"]}), "m: {a: 1, b: 2}\n")
one("comb/many-props", props(a={"type": "string"}, b={"type": "string"}, c={"minimum": 5},
                             d={"enum": ["x"]}), "a: 1\nb: 2\nc: 1\nd: y\n")

# ---------------------------------------------------------------------------
# 3. References.

one("ref/defs", {"properties": {"a": {"$ref": "#/$defs/s"}},
                 "$defs": {"s": {"type": "string", "minLength": 3, "pattern": "^z"}}}, "a: xy\n")
one("ref/defs-single", {"properties": {"a": {"$ref": "#/$defs/s"}},
                        "$defs": {"s": {"type": "string"}}}, "a: 1\n")
one("ref/definitions", {"properties": {"a": {"$ref": "#/definitions/s"}},
                        "definitions": {"s": {"minimum": 3}}}, "a: 1\n")
one("ref/chain", {"properties": {"a": {"$ref": "#/$defs/x"}},
                  "$defs": {"x": {"$ref": "#/$defs/y"}, "y": {"maximum": 0}}}, "a: 1\n")
one("ref/siblings-2020", {"properties": {"a": {"$ref": "#/$defs/x", "minimum": 5}},
                          "$defs": {"x": {"type": "integer"}}}, "a: 1.5\n")
one("ref/siblings-draft7", {"$schema": "http://json-schema.org/draft-07/schema#",
                            "properties": {"a": {"$ref": "#/definitions/x", "minimum": 5}},
                            "definitions": {"x": {"type": "integer"}}}, "a: 1\n")
one("ref/anchor", {"properties": {"a": {"$ref": "#num"}},
                   "$defs": {"n": {"$anchor": "num", "type": "number"}}}, "a: x\n")
one("ref/root-recursive", {"properties": {"name": {"type": "string"},
                                          "children": {"type": "array", "items": {"$ref": "#"}}}},
    "name: a\nchildren: [{name: 1}, {children: [{name: 2}]}]\n")
one("ref/escaped-pointer", {"properties": {"a": {"$ref": "#/$defs/a~1b~0c"}},
                            "$defs": {"a/b~c": {"type": "string"}}}, "a: 1\n")
one("ref/percent-pointer", {"properties": {"a": {"$ref": "#/$defs/a%20b"}},
                            "$defs": {"a b": {"type": "string"}}}, "a: 1\n")
one("ref/id-relative", {"$id": "http://example.com/root.json",
                        "properties": {"a": {"$ref": "item.json"}},
                        "$defs": {"i": {"$id": "item.json", "type": "string"}}}, "a: 1\n")
one("ref/missing-pointer", {"$ref": "#/$defs/nope"}, "a: 1\n")
one("ref/in-items", props(l={"items": {"$ref": "#/$defs/i"}}) | {"$defs": {"i": {"type": "integer"}}},
    "l: [1, x, 2.5]\n")
one("ref/dynamic", {"$dynamicAnchor": "node", "properties": {"kids": {"items": {"$dynamicRef": "#node"}},
                                                             "v": {"type": "integer"}}},
    "kids: [{v: x}]\n")

# ---------------------------------------------------------------------------
# 4. Locations and quoting.

one("loc/escape-keys", props(**{"a/b": {"type": "string"}, "t~x": {"type": "string"},
                                "it's": {"type": "string"}, "q\"q": {"type": "string"}}),
    "a/b: 1\nt~x: 1\n\"it's\": 1\n'q\"q': 1\n")
one("loc/unicode-key", props(**{"\u00e9\u4e2d": {"type": "string"}}), "\u00e9\u4e2d: 1\n")
one("loc/newline-key", props(**{"a\nb": {"type": "string"}}), "\"a\\nb\": 1\n")
one("loc/deep", props(a=props(b=props(c={"items": props(d={"type": "string"})}))),
    "a: {b: {c: [{d: 1}, {d: x}, {d: 2}]}}\n")
one("loc/empty-key", props(**{"": {"type": "string"}}), "'': 1\n")

# ---------------------------------------------------------------------------
# 5. Drafts.

D4 = "http://json-schema.org/draft-04/schema#"
D6 = "http://json-schema.org/draft-06/schema#"
D7 = "http://json-schema.org/draft-07/schema#"
D2019 = "https://json-schema.org/draft/2019-09/schema"
one("draft4/exclusiveMinimum-bool", {"$schema": D4, "properties": {
    "a": {"minimum": 5, "exclusiveMinimum": True}}}, "a: 5\n")
one("draft4/items-array", {"$schema": D4, "properties": {
    "a": {"items": [{"type": "string"}], "additionalItems": False}}}, "a: [x, 1, 2]\n")
one("draft4/additionalItems-schema", {"$schema": D4, "properties": {
    "a": {"items": [{"type": "string"}], "additionalItems": {"type": "string"}}}}, "a: [x, 1, 2]\n")
one("draft6/const", {"$schema": D6, "properties": {"a": {"const": 1, "contains": {"type": "string"}}}},
    "a: [1]\n")
one("draft7/if", {"$schema": D7, "properties": {"a": {"if": {"minimum": 0}, "then": {"multipleOf": 2}}}},
    "a: 3\n")
one("draft7/dependencies", {"$schema": D7, "dependencies": {"a": ["b"], "c": {"required": ["d"]}}},
    "a: 1\nc: 1\n")
one("draft2019/recursiveRef", {"$schema": D2019, "$recursiveAnchor": True, "properties": {
    "v": {"type": "integer"}, "kids": {"items": {"$recursiveRef": "#"}}}}, "kids: [{v: x}]\n")
one("draft2019/format-vocab", {"$schema": D2019, "properties": {"a": {"format": "ipv4"}}}, "a: x\n")

# ---------------------------------------------------------------------------
# 6. Broken schemas (compile errors).

one("bad/empty-file", "", "a: 1\n")
one("bad/whitespace", "  \n", "a: 1\n")
one("bad/truncated", '{"type":', "a: 1\n")
one("bad/trailing", "{} x", "a: 1\n")
one("bad/two-docs", "{}{}", "a: 1\n")
one("bad/syntax", '{"type": string}', "a: 1\n")
one("bad/trailing-comma", '{"type": "string",}', "a: 1\n")
one("bad/single-quote", "{'type': 'string'}", "a: 1\n")
one("bad/bad-escape", '{"type": "\\x"}', "a: 1\n")
one("bad/not-object", "[]", "a: 1\n")
one("bad/number", "5", "a: 1\n")
one("bad/null", "null", "a: 1\n")
one("bad/type-name", props(a={"type": "strin"}), "a: 1\n")
one("bad/minimum-string", props(a={"minimum": "5"}), "a: 1\n")
one("bad/required-not-array", {"required": "a"}, "a: 1\n")
one("bad/multiple", {"type": 5, "minLength": -1, "properties": {"a": {"enum": []}}}, "a: 1\n")
one("bad/regex-lookahead", props(a={"pattern": "(?=x)"}), "a: x\n")
one("bad/regex-unclosed", props(a={"pattern": "(ab"}), "a: x\n")
one("bad/regex-bracket", props(a={"pattern": "[a-"}), "a: x\n")
one("bad/regex-repeat", props(a={"pattern": "*a"}), "a: x\n")
one("bad/regex-backref", props(a={"pattern": "(a)\\1"}), "a: x\n")
one("bad/pattern-properties-regex", {"patternProperties": {"(?<=a)": {}}}, "a: x\n")
one("bad/draft7-type", {"$schema": D7, "properties": {"a": {"type": "strin"}}}, "a: 1\n")

# ---------------------------------------------------------------------------
# 7. Subcharts: each chart's schema against its own values.

SUB_SCHEMA = {"type": "object", "required": ["must"], "properties": {"port": {"type": "integer"}}}
PARENT_SCHEMA = {"properties": {"top": {"type": "string"}}}


def sub_tree(parent_values="", sub_values="must: 1\n", parent_schema=PARENT_SCHEMA,
             sub_schema=SUB_SCHEMA, deps=None, subsub=None):
    charts = {
        "": with_schema(chart("p", parent_values, deps=deps if deps is not None else [dep("sub")]),
                        parent_schema) if parent_schema is not None
        else chart("p", parent_values, deps=deps if deps is not None else [dep("sub")]),
        "sub": with_schema(chart("sub", sub_values, deps=[dep("subsub")] if subsub else None),
                           sub_schema),
    }
    if subsub:
        charts["sub/subsub"] = with_schema(chart("subsub", subsub[0]), subsub[1])
    return tree(**charts)


case("sub/ok", sub_tree())
case("sub/sub-fails", sub_tree(sub_values="port: x\n"))
case("sub/both-fail", sub_tree(parent_values="top: 1\n", sub_values="port: x\n"))
case("sub/parent-value-breaks-sub", sub_tree(parent_values="sub: {port: 1.5}\n"))
case("sub/user-breaks-sub", sub_tree(), ["--set", "sub.port=x"])
case("sub/user-null-required", sub_tree(), ["--set", "sub.must=null"])
case("sub/no-parent-schema", sub_tree(parent_schema=None, sub_values="port: x\n"))
case("sub/global-visible", sub_tree(parent_values="global: {g: 1}\n",
                                    sub_schema={"properties": {"global": {"properties": {
                                        "g": {"type": "string"}}}}}))
case("sub/parent-sees-sub-values", sub_tree(parent_schema={"properties": {"sub": {"properties": {
    "must": {"type": "string"}}}}}))
case("sub/disabled-not-validated", sub_tree(parent_values="sub: {enabled: false}\n",
                                            sub_values="port: x\n",
                                            deps=[dep("sub", condition="sub.enabled")]))
case("sub/alias", sub_tree(sub_values="port: x\n", deps=[dep("sub", alias="a1"), dep("sub", alias="a2")]),
     ["--set", "a2.port=2,a2.must=1"])
case("sub/nested", sub_tree(subsub=("num: x\n", {"properties": {"num": {"type": "number"}}})))
case("sub/nested-all-fail", sub_tree(parent_values="top: 1\n", sub_values="port: x\n",
                                     subsub=("num: x\n", {"properties": {"num": {"type": "number"}}})))
case("sub/compile-error-then-sub", sub_tree(parent_schema="{bad", sub_values="port: x\n"))
case("sub/compile-error-sub", sub_tree(sub_schema='{"type": 5}'))
for name, args in [("string", ["--set", "sub=x"]), ("number", ["--set-json", "sub=1.5"]),
                   ("list", ["--set-json", "sub=[1]"]), ("bool", ["--set", "sub=true"]),
                   ("int", ["--set", "sub=7"])]:
    case(f"sub/not-a-map-{name}", tree(**{
        "": chart("p", ""),
        "sub": with_schema(chart("sub", "a: 1\n"), SUB_SCHEMA),
    }), args)
case("sub/unlisted-null-skipped", tree(**{
    "": chart("p", ""),
    "sub": with_schema(chart("sub", "must: 1\n"), SUB_SCHEMA),
}), ["--set", "sub=null"])
case("sub/root-not-object-values", tree(**{"": with_schema(chart("c", ""), {"type": "object",
                                                                              "minProperties": 1})}))


def main():
    write_cases(os.path.join("schema", "cases.jsonl"), CASES, runs=6, allow_unstable=True)


if __name__ == "__main__":
    main()
