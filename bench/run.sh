#!/usr/bin/env bash
# Builds archcheck and the baselines, then measures them side by side on the
# Go standard library, golang.org/x/tools and gonum from the module cache,
# two real monoliths with deep dependency trees (github.com/ory/kratos and
# github.com/cli/cli/v2, found in $ARCHCHECK_CORPORA/kratos and
# $ARCHCHECK_CORPORA/cli with their modules downloaded; skipped when absent,
# never fetched) and a synthetic 3,000-package monolith; writes
# bench/RESULTS.md's tables, keeping its hand-written sections (below the
# marker line).
#   bash bench/run.sh            # 5 rounds
#   ROUNDS=7 CORPORA=std bash bench/run.sh
#   ARCHCHECK_CORPORA=/work/corpus CORPORA=kratos,cli bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/archcheck" ./cmd/archcheck
go build -o "$bin/noopvet" ./bench/noopvet
go build -o "$bin/loadfloor" ./bench/loadfloor
go mod download golang.org/x/tools gonum.org/v1/gonum
go run ./bench/benchrun -archcheck "$bin/archcheck" -noopvet "$bin/noopvet" -floor "$bin/loadfloor" \
	-rounds "${ROUNDS:-5}" -corpora "${CORPORA:-std,x/tools,gonum,kratos,cli,synthetic}" > bench/RESULTS.md.new
# The hand-written sections (other scripts' runs, notes) follow this marker
# line in bench/RESULTS.md: they are kept, after the new tables.
marker='<!-- hand-written sections below: bench/run.sh keeps them -->'
if grep -qxF "$marker" bench/RESULTS.md; then
	printf '\n' >>bench/RESULTS.md.new
	awk -v m="$marker" 'found || $0 == m { found = 1; print }' bench/RESULTS.md >>bench/RESULTS.md.new
fi
mv bench/RESULTS.md.new bench/RESULTS.md
cat bench/RESULTS.md
