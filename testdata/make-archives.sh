#!/usr/bin/env bash
# Packs the chart sources under testdata/archive-src into the .tgz files the
# test charts use, reproducibly (fixed owner, mode and time, sorted names).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pack() { # pack SRC_DIR NAME_IN_ARCHIVE OUT
  (cd "$1/.." && tar --sort=name --owner=0 --group=0 --numeric-owner --mode=u=rw,go=r,a+X \
      --mtime=1970-01-01T00:00:00Z --transform "s,^$(basename "$1"),$2," -cf - "$(basename "$1")") \
    | gzip -n -9 > "$3"
}
pack "$here/archive-src/db" db "$here/charts/deps-parent/charts/db-0.2.1.tgz"
pack "$here/archive-src/packaged" packaged "$here/charts/packaged-1.0.0.tgz"
# An archive with a path escaping the chart directory (Helm refuses it).
mkdir -p "$here/charts/bad-archives"
(cd "$here/archive-src/db" && tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=1970-01-01T00:00:00Z --warning=no-all \
    -P --transform 's,^,db/../../,' -cf - Chart.yaml) | gzip -n -9 > "$here/charts/bad-archives/escape-0.1.0.tgz"
# Not an archive at all, named like one.
printf 'apiVersion: v2\nname: not-gzip\nversion: 0.1.0\n' > "$here/charts/bad-archives/not-gzip.tgz"
# Charts whose charts/ holds a broken archive; each shows Helm's message for it.
bad() { # bad NAME: a chart bad-subchart-NAME with the archive written on stdin as charts/sub-1.0.0.tgz
  local dir="$here/charts/bad-subcharts/$1"
  mkdir -p "$dir/charts"
  printf 'apiVersion: v2\nname: %s\nversion: 0.1.0\n' "$1" > "$dir/Chart.yaml"
  cat > "$dir/charts/sub-1.0.0.tgz"
}
tarit() { tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=1970-01-01T00:00:00Z --warning=no-all "$@"; }
(cd "$here/archive-src/db" && tarit -P --transform 's,^,/abs/,' -cf - Chart.yaml) | gzip -n -9 | bad absolute-path
(cd "$here/archive-src/db" && tarit --transform 's,^,db/C:/,' -cf - Chart.yaml) | gzip -n -9 | bad drive-letter
(cd "$here/archive-src/db" && tarit -cf - Chart.yaml) | gzip -n -9 | bad chart-yaml-at-root
tarit -cf - -T /dev/null | gzip -n -9 | bad empty
printf '\037\213\010garbage' | bad truncated-gzip
printf 'plain text, not gzip\n' | bad not-gzip
# A 101 MiB file: the tar header alone exceeds Helm's 100 MiB budget.
(tmp=$(mktemp -d) && mkdir "$tmp/db" && cp "$here/archive-src/db/Chart.yaml" "$tmp/db/" \
  && truncate -s 101M "$tmp/db/huge.bin" && (cd "$tmp" && tarit -cf - db) && rm -rf "$tmp") | gzip -n -9 | bad too-large
