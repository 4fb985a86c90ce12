#!/usr/bin/env bash
# go vet -vettool=archcheck against a no-op vet tool (bench/noopvet: the
# unitchecker protocol with zero analyzers), side by side with hyperfine.
#   1. The standard library, build cache warm, vet cache cold: each run gets
#      a hard-linked copy of a GOCACHE that holds the compiled packages but
#      no vet result of either tool. The config makes std the main module
#      (ARCHCHECK_CONFIG, bound to "std"), so both analyzers run on every
#      package, synccall on every function body.
#   2. The same with the vet cache warm too (nothing is re-vetted).
#   3. Incrementality, on a copy of this repository: a full vet (vet cache
#      cold) against a run after touching one leaf package (cmd/archcheck,
#      which nothing imports).
# -json throughout: go vet does not cache text-mode runs with findings.
#   bash bench/vet.sh            RUNS=10 bash bench/vet.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=${RUNS:-5}
go build -o "$tmp/archcheck" ./cmd/archcheck
go build -o "$tmp/noopvet" ./bench/noopvet
# A second no-op tool with another build ID, to warm the build cache without
# leaving vet results the measured tools could reuse.
go build -ldflags=-X=main.unused=warm -o "$tmp/warmvet" ./bench/noopvet
cat > "$tmp/std.yaml" <<'YAML'
version: 1
modules:
  net:
    packages: [./net/...]
    depends_on: [crypto]
  crypto:
    packages: [./crypto/...]
  core:
    packages: [./...]
    shared: true
YAML
export ARCHCHECK_CONFIG="$tmp/std.yaml" GOFLAGS=-mod=mod
cd "$tmp"

echo "== 1. go vet std: build cache warm, vet cache cold"
GOCACHE="$tmp/base" go vet -json -vettool="$tmp/warmvet" std >/dev/null
fresh="rm -rf $tmp/run && cp -al $tmp/base $tmp/run"
hyperfine --warmup 1 --runs "$runs" --prepare "$fresh" \
	-n noopvet "GOCACHE=$tmp/run go vet -json -vettool=$tmp/noopvet std >/dev/null" \
	-n archcheck "GOCACHE=$tmp/run go vet -json -vettool=$tmp/archcheck std >/dev/null"

echo "== 2. go vet std: build and vet cache warm"
GOCACHE="$tmp/base" go vet -json -vettool="$tmp/noopvet" std >/dev/null
GOCACHE="$tmp/base" go vet -json -vettool="$tmp/archcheck" std >/dev/null
hyperfine --warmup 1 --runs "$runs" \
	-n noopvet "GOCACHE=$tmp/base go vet -json -vettool=$tmp/noopvet std >/dev/null" \
	-n archcheck "GOCACHE=$tmp/base go vet -json -vettool=$tmp/archcheck std >/dev/null"
unset ARCHCHECK_CONFIG

echo "== 3. go vet ./... on this repository: full vet, then after touching cmd/archcheck"
repo="$tmp/repo"
mkdir "$repo"
(cd "$OLDPWD" && git archive HEAD) | tar -x -C "$repo"
cd "$repo"
GOCACHE="$tmp/base" go vet -json -vettool="$tmp/warmvet" ./... >/dev/null
leaf="$repo/cmd/archcheck/main.go"
hyperfine --warmup 1 --runs "$runs" --prepare "$fresh" \
	-n "archcheck, vet cache cold" "GOCACHE=$tmp/run go vet -json -vettool=$tmp/archcheck ./... >/dev/null"
GOCACHE="$tmp/base" go vet -json -vettool="$tmp/archcheck" ./... >/dev/null
GOCACHE="$tmp/base" go vet -json -vettool="$tmp/noopvet" ./... >/dev/null
hyperfine --warmup 1 --runs "$runs" --prepare "echo '// touched' >> $leaf" \
	-n "noopvet, leaf touched" "GOCACHE=$tmp/base go vet -json -vettool=$tmp/noopvet ./... >/dev/null" \
	-n "archcheck, leaf touched" "GOCACHE=$tmp/base go vet -json -vettool=$tmp/archcheck ./... >/dev/null"
