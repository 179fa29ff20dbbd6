#!/usr/bin/env bash
# Regenerates testdata/goldens/*/helm4.{out,err,rc} with the reference Helm v4.3.1.
# Usage: testdata/regen-goldens.sh [HELM_BINARY]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
helm=${1:-}
if [[ -z "$helm" ]]; then
  helm="$("$here/../../shared/tools/install-reference-helm")/helm"
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
for case in "$here"/goldens/*/; do
  mapfile -t args < "$case/args"
  (cd "$case" && env -i PATH=/usr/bin:/bin HOME="$home" "$helm" "${args[@]}" \
      > helm4.out 2> helm4.err; echo $? > helm4.rc) || true
  echo "$(basename "$case"): rc $(cat "$case/helm4.rc")"
done
