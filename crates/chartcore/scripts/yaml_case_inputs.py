"""Inputs for gen_yaml_cases.py. Only inputs live here; every expected output
is produced by the reference Helm."""

def yaml_dq(s):
    """A YAML double-quoted scalar for s that go-yaml's reader accepts."""
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif c < 0x20 or c == 0x7F or 0x80 <= c < 0xA0 or c in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


# ---------------------------------------------------------------------------
# Loading: values.yaml text.

SCALARS = [
    # YAML 1.1 booleans and nulls
    "yes", "Yes", "YES", "yEs", "y", "Y", "on", "On", "ON", "true", "True", "TRUE", "tRUE",
    "no", "No", "NO", "n", "N", "off", "Off", "OFF", "false", "False", "FALSE",
    "~", "null", "Null", "NULL", "nULL", "",
    # integers
    "0", "1", "-1", "+1", "007", "017", "08", "09", "0x1F", "0X1F", "0x_1F", "0o17", "0O17",
    "0b101", "0B101", "-0b101", "+0b101", "0b", "0o", "0x", "1_000", "1__0", "_1", "1_",
    "-0", "+0", "00", "0_0", "-", "+", "--1", "+-1", "1-", "0x1G", "0b102", "0o18",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "12345678901234567890", "123456789012345678901234567890",
    "0x7FFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFF", "0x10000000000000000",
    "9007199254740993", "1000000", "123456789",
    # floats
    ".5", "-.5", "+.5", "1.", "-1.", "1.5", "1e3", "1E3", "1e+3", "1e-3", "1.5e3", "1.5E-3",
    "-0.0", "0.0", "1e21", "1e20", "1e400", "-1e400", "1e-400", "0.1", "3.14159",
    "0.00001234", "1.7976931348623157e308", "4.9e-324", "1_000.5", "1.5_5", "1e1_0",
    ".e3", "1.e3", "1.2.3", "0.1.2", ".", "..", "._5", "1e", "e3", "0x1p3", "0x1.8p1",
    ".inf", ".Inf", ".INF", "+.inf", "-.inf", "-.Inf", ".nan", ".NaN", ".NAN",
    "NaN", "nan", "inf", "Inf", "Infinity", "-Infinity",
    # base 60, timestamps and other look-alikes
    "12:30", "1:30:00", "190:20:30.15", "-1:30", "12:60", "2024-01-02", "2024-1-2",
    "2024-13-01", "2024-02-30", "2024-02-29", "2023-02-29", "0000-01-01",
    "2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43Z", "2001-12-14T21:59:43.123456789012Z",
    "2001-12-14T21:59:43+05:30", "2001-12-14T25:59:43Z", "2001-12-14T21:59:43+0530",
    "2001-12-14 21:59:43.10", "2001-12-14 21:59:43.10 -5", "2001-12-14  21:59:43",
    "2001-12-14T21:59", "20011-12-14", "2001-12-14x",
    # plain strings
    "=", "<<", "hello", "hello world", "a:b", "a,b", "a#b", "é", "日本語", "😀", "x y  z",
]


def _scalar_cases():
    cases = []
    for i, s in enumerate(SCALARS):
        cases.append(("scalar/%d %s" % (i, s), "v: %s\n" % s))
    return cases


KEY_SCALARS = [
    "y", "n", "yes", "no", "on", "off", "true", "false", "Y", "N", "1", "-1", "0x10", "1.5",
    "1e3", "0.1", "123456789.0", "1e20", ".inf", "-.inf", ".nan", "2024-01-02", "12:30",
    "'yes'", '"1"', "''", "9223372036854775807", "9223372036854775808", "!!str 1",
    "!!binary aGk=", "1.0", "3.0e-5", "16777217.0", "<<",
]


def _key_cases():
    cases = []
    for i, k in enumerate(KEY_SCALARS):
        cases.append(("key/%d %s" % (i, k), "%s: v\n" % k))
    cases += [
        ("key/null tilde", "~: 1\n"),
        ("key/null word", "null: x\n"),
        ("key/null empty", ": x\n"),
        ("key/null in nested", "a:\n  ~: false\n"),
        ("key/nested n", "m:\n  n:\n    o: 1\n"),
        ("key/seq key", "? [a]\n: 1\n"),
        ("key/map key", "? {a: 1}\n: 1\n"),
        ("key/flow seq key", "{[a, b]: 1}\n"),
        ("key/y and true collide", "y: 1\ntrue: 2\n"),
        ("key/float key formatting", "0.30000000000000004: a\n2.5e-7: b\n100000000.0: c\n"),
        ("key/unicode", "é: 1\n日本: 2\n"),
        ("key/long", "k" * 200 + ": 1\n"),
        ("key/empty quoted", "'': 1\n"),
        ("key/duplicate", "a: 1\na: 2\n"),
        ("key/duplicate nested", "a: {b: 1}\na: {c: 2}\n"),
        ("key/complex explicit", "? a\n: 1\n? b\n"),
        ("key/uint64 key", "18446744073709551615: x\n"),
    ]
    return cases


STRUCTURE_CASES = [
    ("doc/empty", ""),
    ("doc/only comment", "# nothing\n"),
    ("doc/only newline", "\n"),
    ("doc/only spaces", "   \n"),
    ("doc/explicit start", "---\na: 1\n"),
    ("doc/explicit end", "a: 1\n...\n"),
    ("doc/garbage after end", "a: 1\n...\nb: [\n"),
    ("doc/null doc", "~\n"),
    ("doc/top-level list", "- 1\n- 2\n"),
    ("doc/top-level scalar", "hello\n"),
    ("doc/top-level number", "1\n"),
    ("doc/top-level true", "true\n"),
    ("doc/bom", "\ufeffa: 1\n"),
    ("doc/double bom", "\ufeff\ufeffa: 1\n"),
    ("doc/bom in second doc", "a: 1\n---\n\ufeffb: 2\n"),
    ("doc/bom after comment", "# c\n\ufeffa: 1\n"),
    ("doc/crlf", "a: 1\r\nb:\r\n  c: 2\r\n"),
    ("doc/no final newline", "a: 1"),
    ("doc/tab after value", "a: 1\t\n"),
    ("doc/yaml directive", "%YAML 1.1\n---\na: 1\n"),
    ("doc/yaml directive 1.2", "%YAML 1.2\n---\na: 1\n"),
    ("doc/yaml directive 2.0", "%YAML 2.0\n---\na: 1\n"),
    ("doc/tag directive", "%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n"),
    ("multi/merge two docs", "a: 1\nb:\n  x: 1\n---\nb:\n  y: 2\nc: 3\n"),
    ("multi/later wins scalar", "a: 1\n---\na: 2\n"),
    ("multi/map replaced by scalar", "a: {x: 1}\n---\na: 2\n"),
    ("multi/scalar replaced by map", "a: 2\n---\na: {x: 1}\n"),
    ("multi/lists not merged", "a: [1, 2]\n---\na: [3]\n"),
    ("multi/null does not delete", "a: {x: 1}\n---\na: null\n"),
    ("multi/empty docs", "---\n---\na: 1\n---\n"),
    ("multi/comment after separator", "a: 1\n--- # c\nb: 2\n"),
    ("multi/separator with content", "a: 1\n--- {b: 2}\n"),
    ("multi/four dashes", "a: 1\n----\nb: 2\n"),
    ("multi/separator trailing space", "a: 1\n---   \nb: 2\n"),
    ("multi/list doc", "a: 1\n---\n- 1\n"),
    ("multi/error line in second doc", "a: 1\nb: 2\n---\nc: 3\nd: : x\n"),
    ("multi/error on first line of second doc", "a: 1\n---\nb: : x\n"),
    ("multi/document end marker", "a: 1\n...\n---\nb: 2\n"),
    ("multi/separator in block scalar", "a: |\n  x\n---\nb: 2\n"),
    ("multi/scalar doc", "a: 1\n---\nfoo\n"),
    ("multi/crlf separator", "a: 1\r\n---\r\nb: 2\r\n"),
    ("anchor/simple", "a: &x 1\nb: *x\n"),
    ("anchor/map", "a: &m {x: 1, y: [1, 2]}\nb: *m\n"),
    ("anchor/redefined", "a: &x 1\nb: *x\nc: &x 2\nd: *x\n"),
    ("anchor/unknown", "a: *nope\n"),
    ("anchor/self", "a: &x [1, *x]\n"),
    ("anchor/self map", "a: &x\n  b: *x\n"),
    ("anchor/alias as key", "a: &k key\n*k : 1\n"),
    ("anchor/on key", "&k a: 1\nb: *k\n"),
    ("anchor/across docs", "a: &x 1\n---\nb: *x\n"),
    ("anchor/empty value", "a: &x\nb: *x\n"),
    ("merge/basic", "base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\n"),
    ("merge/before key", "base: &b {a: 1, b: 2}\nx:\n  b: 3\n  <<: *b\n"),
    ("merge/list", "p: &p {a: 1, b: 1}\nq: &q {b: 2, c: 2}\nx:\n  <<: [*p, *q]\n"),
    ("merge/list reversed", "p: &p {a: 1, b: 1}\nq: &q {b: 2, c: 2}\nx:\n  <<: [*q, *p]\n"),
    ("merge/inline map", "x:\n  <<: {a: 1}\n  b: 2\n"),
    ("merge/inline list of maps", "x:\n  <<: [{a: 1}, {a: 2, b: 2}]\n"),
    ("merge/scalar", "x:\n  <<: 1\n"),
    ("merge/alias to scalar", "s: &s 1\nx:\n  <<: *s\n"),
    ("merge/list with scalar", "x:\n  <<: [1]\n"),
    ("merge/quoted is plain key", "x:\n  '<<': 1\n"),
    ("merge/explicit tag", "b: &b {a: 1}\nx:\n  !!merge <<: *b\n"),
    ("merge/top level", "b: &b {a: 1}\n<<: *b\nc: 2\n"),
    ("merge/null", "x:\n  <<: ~\n"),
    ("merge/nested maps replaced", "b: &b {a: {x: 1}}\nx:\n  <<: *b\n  a: {y: 2}\n"),
    ("merge/twice", "p: &p {a: 1}\nq: &q {a: 2}\nx:\n  <<: *p\n  <<: *q\n"),
    ("tag/str int", "a: !!str 1\n"),
    ("tag/str bool", "a: !!str yes\n"),
    ("tag/str null", "a: !!str ~\n"),
    ("tag/str empty", "a: !!str\n"),
    ("tag/int ok", "a: !!int 12\n"),
    ("tag/int quoted", "a: !!int \"12\"\n"),
    ("tag/int bad", "a: !!int x\n"),
    ("tag/int float", "a: !!int 1.5\n"),
    ("tag/float int", "a: !!float 1\n"),
    ("tag/float quoted", "a: !!float '1.5'\n"),
    ("tag/float bad", "a: !!float x\n"),
    ("tag/bool ok", "a: !!bool yes\n"),
    ("tag/bool bad", "a: !!bool 1\n"),
    ("tag/null ok", "a: !!null ~\n"),
    ("tag/null bad", "a: !!null x\n"),
    ("tag/binary", "a: !!binary aGVsbG8=\n"),
    ("tag/binary multiline", "a: !!binary |\n  aGVs\n  bG8=\n"),
    ("tag/binary bad", "a: !!binary \"!!!\"\n"),
    ("tag/binary non-utf8", "a: !!binary /w==\n"),
    ("tag/timestamp", "a: !!timestamp 2001-12-14\n"),
    ("tag/timestamp bad", "a: !!timestamp hello\n"),
    ("tag/unknown", "a: !!foo bar\n"),
    ("tag/unknown local", "a: !foo 1\n"),
    ("tag/unknown local bool", "a: !foo yes\n"),
    ("tag/verbatim", "a: !<tag:yaml.org,2002:str> 1\n"),
    ("tag/non-specific", "a: ! 1\n"),
    ("tag/on map", "a: !!map {b: 1}\n"),
    ("tag/str on map", "a: !!str {b: 1}\n"),
    ("tag/on seq", "a: !!seq [1]\n"),
    ("tag/set", "a: !!set {x, y}\n"),
    ("tag/omap", "a: !!omap [{x: 1}, {y: 2}]\n"),
    ("tag/undefined handle", "a: !e!foo 1\n"),
    ("style/double escapes", "a: \"tab\\there\\nnl \\u00e9 \\U0001F600 \\x41 \\\\ \\\"\"\n"),
    ("style/double line folding", "a: \"one\n  two\n\n  three\"\n"),
    ("style/double escaped newline", "a: \"one\\\n  two\"\n"),
    ("style/single", "a: 'it''s'\n"),
    ("style/single folding", "a: 'one\n  two'\n"),
    ("style/plain multiline", "a: one\n  two\n\n  three\n"),
    ("style/literal", "a: |\n  line1\n  line2\n"),
    ("style/literal strip", "a: |-\n  line1\n  line2\n"),
    ("style/literal keep", "a: |+\n  line1\n\n"),
    ("style/literal indent", "a: |2\n    indented\n  x\n"),
    ("style/literal trailing blank lines", "a: |\n  x\n\n\nb: 1\n"),
    ("style/folded", "a: >\n  one\n  two\n\n  three\n"),
    ("style/folded more indented", "a: >\n  one\n    two\n  three\n"),
    ("style/literal in list", "- |\n  x\n"),
    ("style/quoted key", "\"a b\": 1\n"),
    ("style/quoted numbers", "a: \"1\"\nb: '1.5'\nc: \"yes\"\n"),
    ("style/flow map", "a: {b: 1, c: [x, y], d: {}}\n"),
    ("style/flow seq nested", "a: [[1, 2], [], {}]\n"),
    ("style/flow plain colon", "a: [a:b, c]\n"),
    ("style/flow empty values", "a: {b, c: }\n"),
    ("style/flow trailing comma", "a: [1, 2, ]\n"),
    ("style/flow multiline", "a: [1,\n  2]\n"),
    ("style/block seq in map", "a:\n- 1\n- 2\n"),
    ("style/block seq indented", "a:\n  - 1\n  - 2\n"),
    ("style/nested seq", "a:\n- - 1\n  - 2\n- - 3\n"),
    ("style/seq of maps", "a:\n- b: 1\n  c: 2\n- d: 3\n"),
    ("style/null seq items", "a:\n-\n- ~\n"),
    ("style/comments", "# head\na: 1 # trailing\n# mid\nb: 2\n"),
    ("style/hash in value", "a: x#y\nb: x #y\n"),
    ("style/url", "a: http://example.com:8080/path?q=1#frag\n"),
    ("style/tab indentation", "a:\n\tb: 1\n"),
    ("style/tab in value", "a: x\ty\n"),
    ("style/unicode escapes in plain", "a: \\u00e9\n"),
    ("style/nel", "a: \"x\\Ny\"\n"),
    ("style/long line", "a: " + "word " * 40 + "\n"),
    ("style/slash escape", "a: \"x\\/y\"\n"),
    ("style/slash escape line 3", "a: 1\nb: 2\nc: \"x\\/y\"\n"),
    ("style/slash escape before bad escape", "a: [\"x\\/\", \"\\ud83d\"]\n"),
    ("style/escaped backslash then slash", "a: \"x\\\\/y\"\n"),
    ("style/slash in single quotes", "a: 'x\\/y'\n"),
    ("style/slash in plain", "a: x\\/y\n"),
    ("null/nested map", "a: {b: null, c: 1}\n"),
    ("null/map in list", "a: [{b: null, c: 1}, null]\n"),
    ("null/deep", "a: {b: {c: ~, d: {e: null}}}\n"),
    ("syntax/tab after colon", "a:\t1\n"),
    ("syntax/tab before comment", "a: 1\t# c\n"),
    ("syntax/tab after dash", "a:\n- \tb\n"),
    ("syntax/tab indented seq", "a:\n\t- 1\n"),
    ("syntax/flow plain colon key", "{a:b: c}\n"),
    ("syntax/flow url", "a: {url: http://x}\n"),
    ("syntax/flow empty key", "a: {: b}\n"),
    ("syntax/flow explicit key", "a: {? b : c}\n"),
    ("syntax/flow anchors", "a: [&x 1, *x]\n"),
    ("syntax/flow multiline plain", "a: [b\n  c, d]\n"),
    ("syntax/flow seq in map key pos", "a: [b: c, d]\n"),
    ("syntax/comment without space", "a: 1#c\n"),
    ("syntax/quoted then text", "a: \"b\"c\n"),
    ("syntax/seq less indented", "a:\n  b:\n  - 1\n  c: 2\n"),
    ("syntax/keep with comment", "a: |+ # c\n  x\n\nb: 1\n"),
    ("syntax/literal indent and strip", "a: |1-\n  x\n"),
    ("syntax/folded keep", "a: >+\n  x\n\n"),
    ("syntax/ls in plain", "a: x\u2028y\n"),
    ("syntax/nel in plain", "a: x\u0085y\n"),
    ("syntax/nel in plain with space", "a: x \u0085 y\n"),
    ("syntax/lone cr", "a: 1\rb: 2\n"),
    ("syntax/bom in value", "a: \ufeffx\n"),
    ("syntax/escapes all", "a: \"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\\"\\\\\\N\\_\\L\\P\\x7e\\u263A\\U0001F600\"\n"),
    ("syntax/escaped tab char", "a: \"x\\\ty\"\n"),
    ("syntax/escaped single quote", "a: \"\\'\"\n"),
    ("syntax/escaped surrogate", "a: \"\\ud800\"\n"),
    ("syntax/escape out of range", "a: \"\\U00110000\"\n"),
    ("syntax/double quoted leading spaces on continuation", "a: \"x\n    y  \n  z\"\n"),
    ("syntax/single quoted empty lines", "a: 'x\n\n  y'\n"),
    ("syntax/plain with trailing spaces", "a: x   \nb: y\n"),
    ("syntax/key with trailing spaces", "a   : 1\n"),
    ("syntax/indented doc", "  a: 1\n  b: 2\n"),
    ("syntax/indented doc mismatch", "  a: 1\nb: 2\n"),
    ("syntax/seq at root then map", "- 1\na: 2\n"),
    ("syntax/empty flow values", "a: []\nb: {}\nc: ''\nd: \"\"\n"),
    ("syntax/question mark plain", "a: ?x\nb: -x\nc: :x\n"),
    ("syntax/dash plain", "a: -\n"),
    ("syntax/colon end", "a: b:\n"),
    ("syntax/anchor names", "a: &a-b_c.d 1\nb: *a-b_c.d\n"),
    ("syntax/anchor with colon", "a: &x: 1\n"),
    ("syntax/alias to map in seq", "x: &m {a: 1}\nl: [*m, *m]\n"),
    ("syntax/nested anchors override", "a: &x {b: &x 1}\nc: *x\n"),
    ("syntax/merge with anchors inside", "base: &b {a: &i 1}\nx:\n  <<: *b\n  c: *i\n"),
    ("syntax/deep merge chain", "a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\n"),
    ("syntax/merge seq alias", "s: &s [{a: 1}]\nx:\n  <<: *s\n"),
    ("syntax/huge int key", "123456789012345678901234567890: x\n"),
    ("syntax/bool key in nested list map", "a:\n- on: 1\n  off: 2\n"),
    ("syntax/float key nan", ".NaN: x\n"),
    ("syntax/int key octal", "010: x\n"),
    ("syntax/timestamp key", "2001-12-14T21:59:43Z: x\n"),
    ("flow/colon before close", "a: [b:]\n"),
    ("flow/colon before open", "a: {b:[1]}\n"),
    ("flow/colon before comma", "a: [x:,y]\n"),
    ("flow/colon before close map", "a: {b:}\n"),
    ("flow/adjacent value", "a: {\"b\":c}\n"),
    ("flow/adjacent plain value", "a: {b:c}\n"),
    ("flow/comment after", "a: [1]#c\n"),
    ("flow/comment inside", "a: [1, # c\n  2]\n"),
    ("flow/less indented continuation", "a: [1,\n2]\n"),
    ("flow/less indented nested", "a:\n  b: [1,\n 2]\n"),
    ("flow/multiline map", "a: {b: 1,\n  c: 2}\n"),
    ("flow/seq of flow maps", "a: [{b: 1}, {c: [2, {d: 3}]}]\n"),
    ("flow/quoted keys", "a: {\"x y\": 1, 'z': 2}\n"),
    ("flow/nested empty", "a: [[], [[]], {}, {b: {}}]\n"),
    ("flow/top level", "{a: 1, b: [2, 3]}\n"),
    ("flow/top level then text", "{a: 1} b\n"),
    ("flow/pair in seq", "a: [b: 1, c: 2]\n"),
    ("flow/alias key", "a: &k x\nb: {*k : 1}\n"),
    ("block/tab in literal", "a: |\n\tx\n"),
    ("block/tab after indent in literal", "a: |\n  x\n  \ty\n"),
    ("block/literal crlf", "a: |\r\n  x\r\n  y\r\n"),
    ("block/literal more indented first", "a: |\n    x\n  y\n"),
    ("block/literal blank first lines", "a: |\n\n\n  x\n"),
    ("block/literal only blank", "a: |\n\nb: 1\n"),
    ("block/folded with empty lines", "a: >-\n  one\n\n\n  two\n"),
    ("block/explicit key complex", "? a\n: b\n? [c, d]\n: e\n"),
    ("block/explicit key map value", "? a\n:\n  b: 1\n"),
    ("block/seq with explicit map", "- ? a\n  : b\n"),
    ("block/compact nested seq map", "- - a: 1\n    b: 2\n  - c\n"),
    ("block/map under seq with anchor", "- &x\n  a: 1\n- *x\n"),
    ("block/tagged map", "a: !!map\n  b: 1\n"),
    ("block/tagged seq", "a: !!seq\n- 1\n"),
    ("block/str tag on block map", "a: !!str\n  b: 1\n"),
    ("block/comment between key and value", "a:\n  # c\n  b: 1\n"),
    ("block/comment lines everywhere", "# x\n\na: 1 # y\n\n# z\nb:\n  - 1 # w\n"),
    ("block/empty value then seq", "a:\nb:\n- 1\n"),
    ("block/seq item empty map", "- {}\n- a: {}\n"),
    ("block/doc end in middle", "a: 1\n...\nb: 2\n"),
    ("block/plain continuation less indented", "a:\n  b: c\n d\n"),
    ("block/plain continuation same indent", "a:\n  b: c\n  d\n"),
    ("block/key after continuation", "a: b\n  c\nd: e\n"),
    ("block/single quoted multiline less indent", "a:\n  b: 'x\n y'\n"),
    ("mistake/template braces", "a: {{ .Values.x }}\n"),
    ("mistake/template braces inner", "a: {{x}}\n"),
    ("mistake/template quoted", "a: \"{{ .Values.x }}\"\n"),
    ("mistake/env var", "a: ${VAR}\n"),
    ("mistake/printf", "a: %s\n"),
    ("mistake/value colon value", "a: b: c\n"),
    ("mistake/mapping in continuation", "a: b\n  c: d\n"),
    ("mistake/list then key", "- a\nb: c\n"),
    ("mistake/key then list same level", "a: 1\n- b\n"),
    ("mistake/list item bad indent", "a:\n  - b\n - c\n"),
    ("mistake/list item deeper", "a:\n  - b\n    - c\n"),
    ("mistake/map in list bad indent", "a:\n- b: 1\n c: 2\n"),
    ("mistake/missing space after colon", "a:1\nb:2\n"),
    ("mistake/missing space after dash", "a:\n-b\n-c\n"),
    ("mistake/unbalanced close", "a: [1, 2]]\n"),
    ("mistake/unbalanced brace close", "a: {b: 1}}\n"),
    ("mistake/unclosed bracket multi line", "a: [1,\n  2,\n  3\nb: 4\n"),
    ("mistake/unclosed quote multi line", "a: \"x\nb: 1\nc: 2\n"),
    ("mistake/unclosed single multi line", "a: 'it's'\nb: 1\n"),
    ("mistake/tab indent deep", "a:\n  b:\n\tc: 1\n"),
    ("mistake/tab after key indent", "a:\n  b: 1\n  \tc: 2\n"),
    ("mistake/duplicate colon key", "a:: 1\n"),
    ("mistake/key with space no colon", "a b\nc: 1\n"),
    ("mistake/only key", "a\n"),
    ("mistake/block scalar no indent", "a: |\nx\n"),
    ("mistake/block scalar then key bad indent", "a: |\n  x\n y: 1\n"),
    ("mistake/anchor undefined later", "a: *b\nb: &b 1\n"),
    ("mistake/alias with space", "a: * b\n"),
    ("mistake/quoted key colon", "\"a\":1\n"),
    ("mistake/json with trailing comma", "{\"a\": 1,}\n"),
    ("mistake/json comment", "{\"a\": 1 // c\n}\n"),
    ("mistake/windows path", "a: C:\\path\\x\n"),
    ("mistake/windows path quoted", "a: \"C:\\path\\x\"\n"),
    ("mistake/question in key", "a?: 1\n"),
    ("mistake/at key", "@a: 1\n"),
    ("mistake/backtick value", "a: `cmd`\n"),
    ("mistake/pipe value", "a: x | y\n"),
    ("mistake/exclaim value", "a: !important\n"),
    ("mistake/ampersand value", "a: &\n"),
    ("mistake/star value", "a: *\n"),
    ("mistake/long error line", "\n" * 30 + "a: : b\n"),
    ("mistake/error after comment lines", "# 1\n# 2\n# 3\na: [\n"),
    ("mistake/indent error deep line", "a:\n  b:\n    c: 1\n   d: 2\n"),
    ("error/mapping values", "a: 1\nb: : x\n"),
    ("error/mapping values line 7", "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: h: i\n"),
    ("error/bad indentation", "a:\n  b: 1\n c: 2\n"),
    ("error/unclosed flow seq", "a: [1\n"),
    ("error/unclosed flow map", "a: {b: 1\n"),
    ("error/unclosed single", "a: 'x\n"),
    ("error/unclosed double", "a: \"x\n"),
    ("error/bad escape", "a: \"\\q\"\n"),
    ("error/tab start", "\ta: 1\n"),
    ("error/did not find key", "a:\n  b: 1\n  - c\n"),
    ("error/block seq in map value", "a: - 1\n"),
    ("error/alias and anchor", "a: &x *y\n"),
    ("error/anchor without node", "a: [&x]\n"),
    ("error/stray colon", ": : :\n"),
    ("error/duplicate anchor char", "a: &&x 1\n"),
    ("error/invalid leading char", "a: @x\n"),
    ("error/backtick", "a: `x\n"),
    ("error/percent", "a: %x\n"),
    ("error/block scalar bad indicator", "a: |x\n  y\n"),
    ("error/literal less indented", "a: |2\n x\n"),
    ("error/control char", "a: \x01\n"),
    ("error/unexpected document end", "a: [\n...\n"),
    ("error/flow in block key", "[a]: 1\n"),
    ("error/second doc bad indent", "a: 1\n---\nb:\n  c: 1\n d: 2\n"),
    ("error/line 1 scanner", "a: 'x' y\n"),
    ("error/deep line", "\n\n\n\na: [1, 2\nb: 3\n"),
    ("error/unknown directive", "%FOO bar\n---\na: 1\n"),
    ("error/directive without doc", "%YAML 1.1\na: 1\n"),
    ("error/explicit key without value", "? a\n? b\n"),
    ("error/question mark flow", "a: [? x : y]\n"),
    ("error/very long key", "k" * 1100 + ": 1\n"),
    ("error/multiline simple key", "a\nb: 1\n"),
]


def _nesting_cases():
    return [
        ("depth/flow 100", "a: " + "[" * 100 + "]" * 100 + "\n"),
        ("depth/flow 10000", "a: " + "[" * 10000 + "]" * 10000 + "\n"),
        ("depth/flow 10000 maps", "a: " + "{a: " * 9999 + "{}" + "}" * 9999 + "\n"),
        ("depth/flow 10001", "a: " + "[" * 10001 + "]" * 10001 + "\n"),
        ("depth/flow map 10001", "a: " + "{a: " * 10001 + "1" + "}" * 10001 + "\n"),
        (
            "depth/block 60",
            "".join(" " * i + "k:\n" for i in range(60)) + " " * 60 + "v: 1\n",
        ),
        (
            "alias/billion laughs",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                "%s: &%s [%s]\n" % (chr(ord("b") + i), chr(ord("b") + i), ", ".join(["*" + chr(ord("a") + i)] * 10))
                for i in range(8)
            ),
        ),
        (
            "alias/moderate expansion",
            "a: &a [1, 2, 3]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c]\n",
        ),
    ]


# Block scalar content is text: tags, quotes, escapes and flow indicators in
# it mean nothing (found by the yaml_values fuzz target). Kept out of the
# mutation bases so that mutated.jsonl stays as it was.
FUZZ_FOUND_CASES = [
    ("block/literal holds tag-like text", "a: |-\n  !!bb!,x\n  y\n"),
    ("block/literal holds escape-like text", "a: |\n  \"\\/\" [?:,]\nb: 1\n"),
    ("block/folded holds flow-like text", "a: >\n  x: [a?]\n  {b: c\n"),
    ("block/literal in seq holds quotes", "- |\n  'it''s' \"\\/\"\n- x\n"),
    ("block/literal then tag with comma", "a: |\n  x\nb: !!str,x y\n"),
]

LOAD_CASES = _scalar_cases() + _key_cases() + STRUCTURE_CASES + _nesting_cases() + FUZZ_FOUND_CASES

# ---------------------------------------------------------------------------
# Printing: values under key `x`, or typed template expressions (`spec`).

PRINT_STRINGS = [
    "", " ", "  ", "a", "hello", "hello world", "yes", "no", "on", "off", "y", "n", "Y", "N",
    "Yes", "NO", "True", "false", "Null", "NULL", "null", "~", "1", "1.5", "0x10", "1e3", "01",
    "0o17", "1_000", ".inf", "+.inf", "-.inf", ".NaN", ".nan", "NaN", "+1", ".5", "0b101",
    "2024-01-02", "2024-13-01", "2001-12-14t21:59:43.10-05:00", "12:30", "1:30:00", "-1:30",
    "190:20:30.15", "12:60", "1e400", "9223372036854775808", "=", "<<", "?a", ":a", "a,b", "a'b",
    "é", "\u00a0", "\u00a0x", "-", "- a", "-a", "--", "---", "...", "....", "a: b", "a:b", "a:",
    "#x", "a #b", "a#b", "@a", "`a", "*a", "&a", "!a", "%a", "|a", ">a", "'a", "\"a", "{a}",
    "[a]", ",a", "? a", "?", ":", " a", "a ", "a  b", "\t", "a\tb", "\x01", "\x7f", "\r\n", "\r",
    "x \ny", "emoji \U0001F600", "\U0001F600", "\u2028", "\u2029", "\u0085x", "x\u0085",
    "\ufeffabc", "a\ufeffb", "\b\f", "a \u0085 b", "\u0085\u0085x", "x\u0085--- y", "x\u0085---y",
    "x\u0085 \u0085 y", "\x80", "a\x9fb", "\u00a0 \u0085", "\ufffe", "\uffff", "\ue000", "\ud7ff", "\x1b[0m", "a\\b",
    "back\\slash \"quotes\"", "<b>&amp;</b>", "\u00e9t\u00e9", "日本語", "a\u0000b",
    "line1\nline2", "line1\nline2\n", "line1\nline2\n\n", "\n", "\n\n", "\nx", "x\n",
    "  leading\nx", " leading\n", "trailing \nx", "x\n ", "a\n\nb", "a\r\nb", "tab\tinside\nx",
    "é\nü", "\U0001F600\nx", "a\u2028b", "multi\nline\n  indented\n",
    "#comment\nx", "- item\nx", "key: value\nx",
    "a" * 81, "a" * 200, ("word " * 30).strip(), ("word " * 30),
    ("aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hhhhhhhhh iiiiiiiii jjjjjjjjj"),
    ("x" * 79 + " y z"), ("x" * 80 + " y z"), ("x" * 81 + " y z"), ("x" * 78 + "  yy zz"),
    ("x" * 85 + "  " + "y" * 5), ("yes " * 30).strip(), ("a: " * 40).strip(),
    ("'quoted' " * 15).strip(), ("tab\t" * 25), ("é" * 90 + " x"), ("x " * 60).strip(),
    ("#x " * 40).strip(), ("w" * 40 + " ") * 4, ("\U0001F600 " * 50).strip(),
]


def _print_string_cases():
    cases = []
    for i, s in enumerate(PRINT_STRINGS):
        cases.append({"name": "str/%d %r" % (i, s[:30]), "values": "x: " + yaml_dq(s) + "\n"})
    for i, s in enumerate(PRINT_STRINGS[:60]):
        cases.append({"name": "strkey/%d %r" % (i, s[:30]), "spec": {s: 1.0}})
    for i, s in enumerate(["a" * 128, "a" * 129, "a" * 127 + "é", "multi\nline", "x" * 300, "a b " * 40]):
        cases.append({"name": "longkey/%d" % i, "spec": {s: 1.0, "b": [1.0]}})
    return cases


PRINT_NUMBERS = [
    "1e-6", "9.99e-7", "123456789012345680000", "-1e21", "0.30000000000000004", "2.5e-05",
    "1.0e+15", "1e16", "12345.678e3", "-1.5", "100", "0.5", "7e22",
    "0", "1", "-1", "1.0", "1.5", "-0.0", "0.1", "100000", "1000000", "1234567", "123456789",
    "1.5e10", "1e20", "1e21", "1e22", "123456.7", "0.0001", "0.00001", "0.00001234", "1e-6",
    "1e-7", "1.23e-8", "9007199254740993", "12345678901234567000", "18446744073709551615",
    "18446744073709551616", "1.7976931348623157e308", "5e-324", "-2000000", "3.141592653589793",
    "0x10", "0o17", "1_000", "12e3",
]

PRINT_VALUES = [
    ("null", "x: null\n"),
    ("missing", "y: 1\n"),
    ("true", "x: true\n"),
    ("false", "x: no\n"),
    ("empty map", "x: {}\n"),
    ("empty list", "x: []\n"),
    ("flat map", "x: {b: 1, a: two, c: null}\n"),
    ("nested map", "x:\n  a:\n    b:\n      c: 1\n  d: [1, 2]\n"),
    ("list of maps", "x:\n- a: 1\n  b: 2\n- c: [3, 4]\n- {}\n- []\n"),
    ("nested lists", "x: [[1, [2, [3]]], [], [[]]]\n"),
    ("list in list in map", "x: {a: [[1, 2], [3]]}\n"),
    ("map in list in list", "x: [[{a: 1, b: 2}]]\n"),
    ("empty containers in map", "x: {a: {}, b: [], c: ''}\n"),
    ("key order natural", "x: {a10: 1, a9: 2, B: 3, b: 4, '1': 5, '10': 6, '2': 7, _x: 8}\n"),
    ("key order mixed", "x: {'': 1, -x: 2, 'a:b': 3, big: 4, s1: 5, s10: 6, s2: 7, s9: 8, s11: 9}\n"),
    ("key order digits", "x: {a1: 1, a01: 2, a001: 3, a1b: 4, a1a: 5, a01b: 6, a0: 7, a00: 8}\n"),
    ("key order letters", "x: {ä: 1, z: 2, Z: 3, é: 4, ß: 5, _: 6, '-': 7, '.': 8, '0': 9}\n"),
    ("key order numbers", "x: {'1.5': 1, '1.10': 2, '1.9': 3, 'v1.2.10': 4, 'v1.2.9': 5, 'x-1': 6, 'x-01': 7}\n"),
    ("keys that need quotes", "x: {'yes': 1, 'null': 2, '1': 3, 'a: b': 4, '#c': 5, '': 6, ' s': 7}\n"),
    ("multiline in nested map", "x:\n  a:\n    b: \"l1\\nl2\\n\"\n    c: \"  l1\\nl2\"\n"),
    ("multiline in list", "x: [\"a\\nb\", \"c\\n\", \"\\n\"]\n"),
    ("long string in list", "x: [\"" + ("word " * 25).strip() + "\"]\n"),
    ("long string nested", "x: {a: {b: \"" + ("word " * 25).strip() + "\"}}\n"),
    ("long key long value", "x: {" + "k" * 70 + ": \"" + ("v " * 20).strip() + "\"}\n"),
    ("long single quoted nested", "x: {a: [\"" + ("'q' " * 30).strip() + "\"]}\n"),
    ("long double quoted nested", "x: {a: [\"" + ("\\t " * 50).strip() + "\"]}\n"),
    ("nel in map", "x: {a: \"\\Nx\"}\n"),
    ("html", "x: {a: \"<script>&</script>\"}\n"),
    ("u2028 in map", "x: {a: \"\\L\"}\n"),
    ("all scalar types", "x: {s: str, i: 1, f: 1.5, b: true, n: ~, l: [1], m: {k: v}}\n"),
    ("literal in nested list", "x: [[\"a\\nb\"], {k: [\"c\\nd\\n\"]}]\n"),
    ("literal key and value", "x: {\"k\\nk\": \"v\\nv\"}\n"),
    ("long plain deep", "x: {a: {b: {c: {d: [\"" + ("word " * 30).strip() + "\"]}}}}\n"),
    ("fold exactly 80", "x: {kk: \"" + "a" * 75 + " b c\"}\n"),
    ("fold in list of lists", "x: [[\"" + ("ab " * 40).strip() + "\"]]\n"),
    ("long double quoted with leading space", "x: \" " + ("ab " * 40).strip() + "\"\n"),
    ("long single quoted wrapped", "x: \"#" + (" ab" * 40) + "\"\n"),
    ("double quoted double spaces wrapped", "x: \"\\t" + ("  ab" * 30) + "\"\n"),
    ("empty string key and values", "x: {'': '', a: [''], b: {'': []}}\n"),
    ("many keys", "x: {" + ", ".join("k%d: %d" % (i, i) for i in range(30)) + "}\n"),
    ("unicode keys order", "x: {b: 1, B: 2, é: 3, e: 4, ä: 5, z1: 6, z01: 7, Z: 8, '日': 9, '1a': 10}\n"),
]


def _print_value_cases():
    cases = []
    for i, n in enumerate(PRINT_NUMBERS):
        cases.append({"name": "num/%d %s" % (i, n), "values": "x: %s\n" % n})
    for name, text in PRINT_VALUES:
        cases.append({"name": "val/" + name, "values": text})
    return cases


PRINT_SPECS = [
    ("int", {"$int": 5}),
    ("int big", {"$int": 9007199254740993}),
    ("int negative", {"$int": -42}),
    ("int zero", {"$int": 0}),
    ("int max", {"$int": 9223372036854775807}),
    ("float const", {"$float": "1.5"}),
    ("float const 1e21", {"$float": "1e21"}),
    ("float const 1e6", {"$float": "1e6"}),
    ("float const tiny", {"$float": "1e-7"}),
    ("float const neg zero", {"$float": "-0.0"}),
    ("string", "plain"),
    ("dict ints", {"b": {"$int": 2}, "a": {"$int": 1}}),
    ("list mixed", [{"$int": 1}, 2.5, "x", None, True, {"k": "v"}]),
    ("nil", None),
    ("bool", True),
    ("empty dict", {}),
    ("empty list", []),
    ("nested", {"a": [{"$int": 1}, {"b": [[], {}]}]}),
    ("control char key", {"a\x7f": 1.0}),
    ("nel key", {"a\u0085b": 1.0, "c": "d\u0085"}),
    ("tab multiline", "a\tb\nc\t\n"),
]


def _print_spec_cases():
    return [{"name": "spec/" + n, "spec": s} for n, s in PRINT_SPECS]


PRINT_CASES = _print_string_cases() + _print_value_cases() + _print_spec_cases()

# ---------------------------------------------------------------------------
# fromYaml / fromJson family: string input.

FROM_CASES = [
    ("empty", ""),
    ("spaces", "   "),
    ("map", "a: 1\nb: [x, y]\n"),
    ("list", "- 1\n- a\n"),
    ("scalar", "hello"),
    ("number", "42"),
    ("null", "null"),
    ("multi doc", "a: 1\n---\nb: 2\n"),
    ("multi doc list first", "- 1\n---\na: 2\n"),
    ("syntax error", "a: b: c"),
    ("syntax error line 3", "a: 1\nb: 2\nc: [\n"),
    ("yaml 1.1 keys", "y: 1\nno: 2\n"),
    ("inf", "a: .inf\n"),
    ("null key", "~: 1\n"),
    ("json object", "{\"a\": 1, \"b\": [true, null, \"x\"]}"),
    ("json array", "[1, 2.5, \"x\"]"),
    ("json nested", "{\"a\": {\"b\": {\"c\": [1, {\"d\": 2}]}}}"),
    ("json string", "\"str\""),
    ("json number", "1e400"),
    ("json big int", "12345678901234567890"),
    ("json negative zero", "-0"),
    ("json exponent", "[1E2, 1e-2, -1.5e+3]"),
    ("json escapes", "[\"\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\", \"\\ud83d\\ude00\"]"),
    ("json lone surrogate", "[\"\\ud83d\"]"),
    ("json bad char", "{\"a\": b}"),
    ("json trailing comma", "[1, 2,]"),
    ("json trailing comma object", "{\"a\": 1,}"),
    ("json unterminated", "{\"a\": 1"),
    ("json unterminated string", "\"abc"),
    ("json trailing data", "{} x"),
    ("json trailing object", "{}{}"),
    ("json leading zero", "[01]"),
    ("json minus only", "[-]"),
    ("json dot", "[1.]"),
    ("json exponent missing", "[1e]"),
    ("json plus", "[+1]"),
    ("json single quotes", "{'a': 1}"),
    ("json bare key", "{a: 1}"),
    ("json missing colon", "{\"a\" 1}"),
    ("json true typo", "[tru]"),
    ("json null typo", "[nul]"),
    ("json false typo", "[fals e]"),
    ("json control in string", "[\"a\tb\"]"),
    ("json bad escape", "[\"\\x41\"]"),
    ("json bad unicode escape", "[\"\\u12G4\"]"),
    ("json duplicate keys", "{\"a\": 1, \"a\": 2}"),
    ("json whitespace", " \t\n\r{ \"a\" : [ 1 , 2 ] } \n"),
    ("json empty object", "{}"),
    ("json empty array", "[]"),
    ("json deep", "[" * 50 + "]" * 50),
    ("json too deep", "[" * 10001 + "]" * 10001),
    ("json bom", "\ufeff{}"),
    ("json depth 10000", "[" * 10000 + "]" * 10000),
    ("json depth 9999 in object", "{\"a\":" + "[" * 9999 + "]" * 9999 + "}"),
    ("json depth 10000 in object", "{\"a\":" + "[" * 10000 + "]" * 10000 + "}"),
    ("yaml flow depth 10000", "[" * 10000 + "]" * 10000),
    ("yaml flow depth 10001", "[" * 10001 + "]" * 10001),
    ("json invalid utf8 escape in key", "{\"\\udc00\": 1}"),
    ("json unicode raw", "{\"日本\": \"語\"}"),
    ("json close bracket", "]"),
    ("json colon", ":"),
    ("json only minus", "-"),
    ("json nested error", "{\"a\": [1, {\"b\": }]}"),
    ("json number then letter", "[1x]"),
    ("json huge exponent", "[1e999999]"),
    ("json tiny", "[1e-400]"),
    ("json number forms", "[0, -0.0, 0.5, 123456789012, 1.0]"),
    ("json top huge", "1e999"),
    ("json huge in object", "{\"a\": 1e999}"),
    ("json huge nested", "{\"a\": {\"b\": [0, 1e999]}}"),
    ("json huge then syntax error", "[1e999, x]"),
    ("json two huge", "[1e999, -1e999]"),
    ("json missing comma object", "{\"a\":1 \"b\":2}"),
    ("json missing comma array", "[1 2]"),
    ("json key without value", "{\"a\"}"),
    ("json number key", "{1:2}"),
    ("json top nul", "nul"),
    ("json short unicode escape", "[\"\\u00\"]"),
    ("json short unicode escape end", "\"\\u12"),
    ("json control raw", "[\"abc\x01\"]"),
    ("json trailing comma then end", "[1,"),
    ("json top tru", "tru"),
    ("json surrogate pair", "[\"\\ud800\\udc00\"]"),
    ("json surrogate then letter", "[\"\\ud800x\"]"),
    ("json surrogate then bmp escape", "[\"\\ud800\\u0041\"]"),
    ("json two high surrogates", "[\"\\ud800\\ud800\\udc00\"]"),
    ("json unknown escape", "[\"\\q\"]"),
    ("json extra close", "{\"a\":1}}"),
    ("json unicode bad char", "[é]"),
    ("json nested too deep objects", "{\"a\":" * 10001 + "1" + "}" * 10001),
    ("json escaped slash in yaml", "{\"url\": \"http:\\/\\/x\"}"),
    ("yaml flow json-like", "{a: 1}"),
    ("yaml tab json", "{\"a\":\t1}"),
    ("yaml anchors", "a: &x [1]\nb: *x\n"),
    ("yaml binary", "a: !!binary aGk=\n"),
    ("yaml top scalar bool", "yes"),
    ("yaml list of maps", "- a: 1\n- b: 2\n"),
    ("yaml error in second doc", "a: 1\n---\nb: : c\n"),
    ("yaml document end then junk", "a: 1\n...\n]]]\n"),
    ("yaml crlf", "a: |\r\n  x\r\n  y\r\nb: 1\r\n"),
    ("yaml cr only", "a: 1\rb: 2\r"),
    ("yaml double quoted crlf folding", "a: \"x\r\n  y\"\r\n"),
    ("yaml directive 1.2", "%YAML 1.2\n---\na: 1\n"),
    ("yaml directive 1.1", "%YAML 1.1\n---\na: 1\n"),
    ("yaml directive twice", "%YAML 1.1\n%YAML 1.1\n---\na: 1\n"),
    ("yaml tag directive", "%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n"),
    ("yaml second doc directive error", "a: 1\n---\nb: [\n"),
    ("yaml slash escape in json", "{\"a\": \"x\\/y\"}"),
    ("yaml quote escape in json", "{\"a\": \"x\\'y\"}"),
    ("eof/literal clip", "a: |\n  x"),
    ("eof/literal keep", "a: |+\n  x"),
    ("eof/literal strip", "a: |-\n  x"),
    ("eof/literal keep blank", "a: |+\n  x\n  "),
    ("eof/literal clip blank", "a: |\n  x\n  "),
    ("eof/literal keep blanks", "a: |+\n  x\n\n  "),
    ("eof/literal extra spaces", "a: |\n  x\n    "),
    ("eof/literal keep extra spaces", "a: |+\n  x\n    "),
    ("eof/literal header only", "a: |"),
    ("eof/literal keep header only", "a: |+"),
    ("eof/literal indent indicator", "a: |2\n   x"),
    ("eof/folded clip", "a: >\n  x\n  y"),
    ("eof/folded keep", "a: >+\n  x\n\n  y"),
    ("eof/literal nested", "a:\n  b: |\n    x\n    y"),
    ("eof/literal in list", "- |\n  x"),
    ("eof/literal repeated line", "a: |\n  x\n  x"),
    ("eof/literal trailing spaces", "a: |\n  x  "),
    ("eof/plain", "a: b"),
    ("eof/flow unclosed", "a: [1"),
    ("eof/flow unclosed two lines", "a: [1,\n  2"),
    ("eof/double unclosed", "a: \"x"),
    ("eof/double unclosed two lines", "a: \"x\n  y"),
    ("eof/single unclosed two lines", "a: 'x\n  y"),
    ("eof/key only", "a:"),
    ("eof/colon error", "a: b: c"),
    ("eof/anchor only", "a: &x"),
    ("eof/tag only", "a: !!str"),
    ("eof/dash only", "-"),
    ("eof/question only", "?"),
    ("eof/comment", "a: 1 # c"),
    ("eof/crlf then text", "a: 1\r\nb: |\r\n  x"),
    ("eof/cr only", "a: |\r  x"),
    ("tag/empty tag in flow", "a: [!, 2]"),
    ("tag/str tag in flow", "a: [!!str, 2]"),
    ("tag/tag comma text", "a: [!a,b]"),
    ("tag/tag key in flow map", "a: {!x: 1}"),
    ("tag/tag bracket", "a: [!x], b"),
    ("yaml kubernetes manifest", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: \"1\"\n"),
]


# ---------------------------------------------------------------------------
# Random printing cases: nested values built from fragments that stress
# quoting, folding and key order. Seeded, so the table is reproducible.

_FRAGMENTS = [
    "a", "b", "Z", "word", " ", "  ", "\n", "\n\n", "\t", ":", ": ", " #", "#", "-", "- ", "'",
    '"', "yes", "no", "on", "1", "0x1F", "1e3", "1.5", "~", "null", "é", "日本", "\U0001F600",
    "\u0085", "\u2028", "{", "[", ",", "?", "&", "*", "!", "|", ">", "%", "@", "`", "...", "---",
    "x" * 30, "long words here ", "\\", "<>&", "\r", "12:30", "2024-01-02", "\u00a0", "=",
]


def _random_string(rng):
    return "".join(rng.choice(_FRAGMENTS) for _ in range(rng.randint(0, 6)))


def _random_value(rng, depth):
    kind = rng.randint(0, 9 if depth < 4 else 5)
    if kind <= 2:
        return _random_string(rng)
    if kind == 3:
        return rng.choice([None, True, False])
    if kind == 4:
        return {"$int": rng.choice([0, 1, -7, 42, 1000000, 2 ** 53 + 1])}
    if kind == 5:
        return rng.choice([0.5, -1.25, 1e21, 1e-7, 123456.789, 3.0, 1e6])
    if kind <= 7:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {
        _random_string(rng) or "k": _random_value(rng, depth + 1)
        for _ in range(rng.randint(0, 5))
    }


def _random_cases():
    import random

    rng = random.Random(20261128)
    return [
        {"name": "random/%d" % i, "spec": _random_value(rng, 0)} for i in range(200)
    ]


PRINT_SPECS += [
    ("literal key list value", {"a\nb": [1.0, 2.0]}),
    ("literal key map value", {"a\nb": {"c": 1.0}}),
    ("long key map value", {"x" * 130: {"c": 1.0}}),
    ("long key list value", {"x" * 130: [1.0]}),
    ("long key literal value", {"x" * 130: "v\nw"}),
    ("long key empty map", {"x" * 130: {}}),
    ("key exactly 128", {"y" * 128: "v"}),
    ("key 128 bytes multibyte", {"é" * 64: "v"}),
    ("key 129 bytes multibyte", {"é" * 64 + "a": "v"}),
]
PRINT_CASES = _print_string_cases() + _print_value_cases() + _print_spec_cases() + _random_cases()


# ---------------------------------------------------------------------------
# Mutated documents: every short loading/from input with a few characters
# inserted, deleted or replaced by YAML-significant ones. Seeded.

_MUTATION_ALPHABET = list(
    " \n\t:-[]{},#&*!|>'\"%@`?~\\/\u0085\ufeff\r0a.<=+$;^()\u2028\u00a0é😀"
)


def mutated_inputs(seed=20261128, rounds=3, max_len=400):
    import random

    rng = random.Random(seed)
    not_mutated = {name for name, _ in FUZZ_FOUND_CASES}
    bases = [
        text
        for name, text in LOAD_CASES + FROM_CASES
        if len(text) < max_len and name not in not_mutated
    ]
    out = []
    for _ in range(rounds):
        for text in bases:
            chars = list(text)
            for _ in range(rng.randint(1, 6)):
                ch = rng.choice(_MUTATION_ALPHABET)
                at = rng.randint(0, len(chars))
                op = rng.randint(0, 2)
                if op == 0:
                    chars.insert(at, ch)
                elif op == 1 and at < len(chars):
                    del chars[at]
                elif at < len(chars):
                    chars[at] = ch
                else:
                    chars.append(ch)
            out.append("".join(chars))
    return out
