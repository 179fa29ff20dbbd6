#!/usr/bin/env bash
# Rewrites expected-pass.txt with every corpus case chartrs passes now.
# Usage: tests/conformance/update-expected.sh [path/to/chartrs]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../target/release/chartrs}
json=$(mktemp)
trap 'rm -f "$json"' EXIT
"$here/../../../shared/tools/corpus-check" "$bin" --json "$json" > /dev/null || true
python3 - "$json" "$here/expected-pass.txt" <<'PY'
import json, sys
cases = json.load(open(sys.argv[1]))["cases"]
passing = sorted(c["case"] for c in cases if c["ok"])
with open(sys.argv[2], "w") as f:
    f.write("# Corpus cases chartrs must keep passing (a ratchet; CI fails when one regresses).\n")
    f.write("# Regenerate with tests/conformance/update-expected.sh after improvements.\n")
    for c in passing:
        f.write(c + "\n")
print(f"{len(passing)} cases listed")
PY
