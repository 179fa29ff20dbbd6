#!/usr/bin/env bash
# Regenerates testdata/goldens/*/helm4.{out,err,rc} with the reference Helm v4.3.1.
# Usage: testdata/regen-goldens.sh [HELM_BINARY]
#
# A case directory holds `args` (one argument per line) and optionally
# `stdin` (fed to Helm's standard input). Cases that write files pass
# `--output-dir out`; the files Helm wrote are kept as `helm4.tree/`.
# The absolute path of this testdata directory is replaced by @TESTDATA@ in
# what Helm prints, so the goldens do not depend on the checkout's location.
# Post-renderer plugins come from testdata/plugins.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
helm=${1:-}
if [[ -z "$helm" ]]; then
  helm="$("$here/../../shared/tools/install-reference-helm")/helm"
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
for case in "$here"/goldens/*/; do
  case=${case%/}
  mapfile -t args < "$case/args"
  stdin=/dev/null
  [[ -f "$case/stdin" ]] && stdin="$case/stdin"
  rm -rf "$case/out" "$case/helm4.tree"
  (cd "$case" && env -i PATH=/usr/bin:/bin HOME="$home" HELM_PLUGINS="$here/plugins" "$helm" "${args[@]}" \
      < "$stdin" > helm4.out 2> helm4.err; echo $? > helm4.rc) || true
  sed -i "s|$here|@TESTDATA@|g" "$case/helm4.out" "$case/helm4.err"
  [[ -d "$case/out" ]] && mv "$case/out" "$case/helm4.tree"
  echo "$(basename "$case"): rc $(cat "$case/helm4.rc")"
done
