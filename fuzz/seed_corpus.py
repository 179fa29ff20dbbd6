#!/usr/bin/env python3
"""Seeds fuzz/corpus/{lex_parse,execute}/ with the templates of the engine's
case table (crates/gotemplate/testdata/exec/*.cases). The execute target reads
its first byte as the missingkey mode."""

import hashlib
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent
CASES = ROOT.parent / "crates" / "gotemplate" / "testdata" / "exec"


def main():
    targets = {"lex_parse": b"", "execute": b"\x01"}
    for name in targets:
        (ROOT / "corpus" / name).mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(CASES.glob("*.cases")):
        for line in path.read_text().split("\n"):
            if not line.strip() or line.startswith("#"):
                continue
            src = line.split("\t")[0]
            src = src.replace("\u2424", "\n").replace("\u2409", "\t").replace("\u240d", "\r")
            data = src.split("\u241e")[0].encode()
            digest = hashlib.sha1(data).hexdigest()
            for name, prefix in targets.items():
                (ROOT / "corpus" / name / digest).write_bytes(prefix + data)
            count += 1
    print(f"seeded {count} templates")


if __name__ == "__main__":
    main()
