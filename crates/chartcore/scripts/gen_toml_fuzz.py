#!/usr/bin/env python3
"""Writes testdata/funcs/toml_fuzz.cases: TOML documents mutated at random
from a seed set, decoded with `fromToml` and re-encoded with `toToml`.

    python3 crates/chartcore/scripts/gen_toml_fuzz.py [--seed N] [--count N]
    python3 crates/chartcore/scripts/gen_func_cases.py crates/chartcore/testdata/funcs/toml_fuzz.cases

The documents travel base64-encoded (`b64dec`) so that any byte, newline or
tab survives the one-line case format. The second command fills in the
expectations from the reference Helm.
"""

import argparse
import base64
import pathlib
import random

CRATE = pathlib.Path(__file__).resolve().parent.parent
OUT = CRATE / "testdata" / "funcs" / "toml_fuzz.cases"

SEEDS = [
    b'title = "TOML"\n[owner]\nname = "Tom"\ndob = 1979-05-27T07:32:00-08:00\n',
    b'[database]\nenabled = true\nports = [ 8000, 8001, 8002 ]\ndata = [ ["delta", "phi"], [3.14] ]\ntemp_targets = { cpu = 79.5, case = 72.0 }\n',
    b'[servers]\n[servers.alpha]\nip = "10.0.0.1"\nrole = "frontend"\n[servers.beta]\nip = "10.0.0.2"\n',
    b'[[products]]\nname = "Hammer"\nsku = 738594937\n[[products]]\n[[products]]\nname = "Nail"\ncolor = "gray"\n',
    b'a.b.c = 1\na.d = "x"\n"quoted key" = \'lit\'\nint = +99\nhex = 0xDEADBEEF\noct = 0o755\nbin = 0b1101\n',
    b'flt = -3.1415\nexp = 5e+22\nunder = 224_617.445_991\nsinf = -inf\nnan = nan\n',
    b's = """\nRoses are red\nViolets are blue"""\nr = \'\'\'\nraw \\n text\n\'\'\'\ne = "tab\\there \\u00e9 \\U0001F600"\n',
    b'ldt = 1979-05-27T07:32:00.999999\nld = 1979-05-27\nlt = 00:32:00.999999\nodt = 1979-05-27 07:32:00Z\n',
    b'points = [ { x = 1, y = 2, z = 3 },\n           { x = 7, y = 8, z = 9 } ]\n# comment\nempty = []\nnested = {a = {b = {c = [1, 2]}}}\n',
    b'[fruit]\napple.color = "red"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true\n',
    b'[[fruits]]\nname = "apple"\n[fruits.physical]\ncolor = "red"\n[[fruits.varieties]]\nname = "red delicious"\n[[fruits]]\nname = "banana"\n',
    b'key = "value"\nbare_key = "value"\nbare-key = "value"\n1234 = "value"\n"" = "blank"\n',
]

# Fragments that tend to reach rare lexer and parser paths.
FRAGMENTS = [
    b"[", b"]", b"[[", b"]]", b"{", b"}", b"=", b".", b",", b'"', b"'", b'"""', b"'''",
    b"\\", b"\\u", b"\\x4", b"\\e", b"#", b"\n", b"\r\n", b"\r", b"\t", b" ", b"0x", b"0b",
    b"0o", b"_", b"e", b"+", b"-", b"inf", b"nan", b"true", b"1979-05-27", b"07:32",
    b"T", b"Z", b":", b"1", b"0", b"01", b"1.", b".5", b"a", b"a.b", b"\x00", b"\x7f",
    b"\xff", b"\xc3", b"\xe2\x82\xac", b"\xef\xbf\xbd", b"\xef\xbb\xbf",
]


def mutate(rng, doc):
    doc = bytearray(doc)
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        pos = rng.randint(0, len(doc))
        if op < 0.35 and doc:
            del doc[pos:pos + rng.randint(1, 4)]
        elif op < 0.75:
            doc[pos:pos] = rng.choice(FRAGMENTS)
        elif doc:
            other = rng.choice(SEEDS)
            start = rng.randint(0, len(other))
            doc[pos:pos] = other[start:start + rng.randint(1, 20)]
    return bytes(doc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20260601)
    ap.add_argument("--count", type=int, default=1000)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    lines = [
        "# Mutated TOML documents (scripts/gen_toml_fuzz.py); expectations from the",
        "# reference Helm (scripts/gen_func_cases.py).",
    ]
    seen = set()
    for seed in SEEDS:
        b64 = base64.b64encode(seed).decode()
        lines.append(f'fromToml (b64dec "{b64}")')
        lines.append(f'toToml (fromToml (b64dec "{b64}"))')
    while len(seen) < a.count:
        doc = mutate(rng, rng.choice(SEEDS))
        if doc in seen:
            continue
        seen.add(doc)
        b64 = base64.b64encode(doc).decode()
        fn = "fromToml" if rng.random() < 0.7 else "toToml (fromToml"
        close = "" if fn == "fromToml" else ")"
        lines.append(f'{fn} (b64dec "{b64}"){close}')
    OUT.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
