#!/usr/bin/env bash
# Measures check --whole-program against the default check (issue 13: the
# whole-program check stays within 2x the default one on every benchmark
# corpus), both with --no-cache, side by side in interleaved rounds:
# medians of wall time, of CPU time (user+sys, steadier on a shared
# machine) and of peak RSS, and the ratios.
#
#   ARCHCHECK_CORPORA=/work/corpus bash bench/wp.sh                 # 3 rounds
#   ROUNDS=5 CORPORA=std,kratos ARCHCHECK_CORPORA=/work/corpus bash bench/wp.sh
#
# Corpora: std (testdata/std/archcheck.yaml), golang.org/x/tools and gonum
# from the module cache (archcheck init's proposal as config), kratos and
# cli from $ARCHCHECK_CORPORA (testdata/realcode/NAME; skipped when absent,
# nothing is fetched), the synthetic 3,000-package monolith (generated).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ARCHCHECK_CORPORA:=}"
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/archcheck" ./cmd/archcheck
repo=$PWD

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '| corpus | default wall | whole-program wall | ratio | default CPU | whole-program CPU | ratio | default RSS | whole-program RSS |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for name in $(echo "${CORPORA:-std,x/tools,gonum,kratos,cli,synthetic}" | tr , ' '); do
	pat=./...
	case $name in
	std)
		dir=$(go env GOROOT)/src cfg=$repo/testdata/std/archcheck.yaml pat=std ;;
	x/tools | gonum)
		mod=golang.org/x/tools
		[ "$name" = gonum ] && mod=gonum.org/v1/gonum
		dir=$(go list -m -f '{{.Dir}}' "$mod") cfg=$work/${name//\//_}.yaml
		(cd "$dir" && "$work/archcheck" init -o "$cfg" >/dev/null) ;;
	kratos | cli)
		dir=$ARCHCHECK_CORPORA/$name cfg=$repo/testdata/realcode/$name/archcheck.yaml
		[ -n "$ARCHCHECK_CORPORA" ] && [ -f "$dir/go.mod" ] || { echo "skip $name: \$ARCHCHECK_CORPORA/$name absent" >&2; continue; } ;;
	synthetic)
		dir=$work/synthetic cfg=$dir/archcheck.yaml
		go run ./bench/genmono -o "$dir" -packages 3000 -modules 20 >/dev/null ;;
	*)
		echo "unknown corpus $name" >&2; exit 2 ;;
	esac
	export ARCHCHECK_CACHE=$work/cache-${name//\//_}
	# One run of each first: the dependencies' facts are computed once.
	for mode in "" --whole-program; do
		(cd "$dir" && "$work/archcheck" check --no-cache $mode --config "$cfg" $pat >/dev/null 2>&1 || true)
	done
	for r in $(seq "$rounds"); do
		for mode in default wp; do
			flag=""
			[ $mode = wp ] && flag=--whole-program
			(cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$work/archcheck" check --no-cache $flag --config "$cfg" $pat >/dev/null 2>&1 || true)
			read -r wall user sys rss < <(tail -n 1 "$work/t") # time adds a line when the exit status is not 0
			echo "$wall" >>"$work/$mode.wall"
			echo "$user $sys" | awk '{print $1+$2}' >>"$work/$mode.cpu"
			echo "$rss" >>"$work/$mode.rss"
		done
	done
	dw=$(median <"$work/default.wall") ww=$(median <"$work/wp.wall")
	dc=$(median <"$work/default.cpu") wc=$(median <"$work/wp.cpu")
	dr=$(median <"$work/default.rss") wr=$(median <"$work/wp.rss")
	awk -v n="$name" -v dw="$dw" -v ww="$ww" -v dc="$dc" -v wc="$wc" -v dr="$dr" -v wr="$wr" 'BEGIN {
		printf "| %s | %.2f s | %.2f s | %.2fx | %.2f s | %.2f s | %.2fx | %d MiB | %d MiB |\n", n, dw, ww, ww/dw, dc, wc, wc/dc, dr/1024, wr/1024 }'
	rm -f "$work"/default.* "$work"/wp.*
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
