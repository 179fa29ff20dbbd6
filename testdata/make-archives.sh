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
