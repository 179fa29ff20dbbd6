#!/usr/bin/env bash
# Regenerates testdata/goldens/*/chartrs.err (for cases that have one): the
# whole stderr chartrs is expected to print where it adds an explanation
# after Helm's message. Refuses to write one that does not begin with Helm's
# stderr (helm4.err, from regen-goldens.sh). Review the diff before committing.
# Usage: testdata/regen-chartrs-err.sh PATH_TO_CHARTRS
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chartrs=$(realpath "$1")
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
for case in "$here"/goldens/*/; do
  case=${case%/}
  [[ -f "$case/chartrs.err" ]] || continue
  mapfile -t args < "$case/args"
  stdin=/dev/null
  [[ -f "$case/stdin" ]] && stdin="$case/stdin"
  (cd "$case" && env -i PATH=/usr/bin:/bin HOME="$home" KUBECONFIG=/nonexistent HELM_PLUGINS="$here/plugins" \
      "$chartrs" "${args[@]}" < "$stdin" > /dev/null 2> "$home/err") || true
  sed "s|$here|@TESTDATA@|g" "$home/err" > "$home/err.norm"
  if [[ "$(head -c "$(wc -c < "$case/helm4.err")" "$home/err.norm")" != "$(cat "$case/helm4.err")" ]]; then
    echo "$(basename "$case"): chartrs' stderr does not begin with Helm's; not written" >&2
    continue
  fi
  cp "$home/err.norm" "$case/chartrs.err"
  echo "$(basename "$case"): written"
done
