#!/usr/bin/env bash
# Measures the incremental check on the real monoliths and the synthetic
# 3,000-package one against its budget (SPEC "Performance budget", issue
# 17), side by side, interleaved rounds, medians of wall time and of CPU
# time (user+sys, the children's included: steadier on a shared machine):
# on a copy of each tree (the corpus is never written), with the domain
# config of testdata/realcode/NAME (the synthetic monolith's own), a fresh
# archcheck cache warmed by one run, and the build cache as it is (warm).
#
#   ARCHCHECK_CORPORA=/work/corpus bash bench/incr.sh          # 5 rounds
#   ROUNDS=3 CORPORA=cli,synthetic ARCHCHECK_CORPORA=/work/corpus bash bench/incr.sh
#
# Rows: the LoadSyntax floor (bench/loadfloor), go list -deps -json,
# check --no-cache, check on the unchanged tree, check after a comment is
# appended to a leaf package's file (imported by nothing) and to a file of
# a package about half the module imports (its exported API unchanged; on
# the synthetic monolith, the first package of the lowest module).
# The edit is made before each run of that row, so every run sees a change.
# The load average is printed before and after each corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ARCHCHECK_CORPORA:=}" # kratos/ and cli/ (skipped when absent); the synthetic monolith is generated
rounds=${ROUNDS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/archcheck" ./cmd/archcheck
go build -o "$work/loadfloor" ./bench/loadfloor

# name leaf-file half-file
corpora=(
	"kratos corpx/faker.go session/session.go"
	"cli pkg/jsonfieldstest/jsonfieldstest.go internal/text/text.go"
	"synthetic internal/m19/p0149/p0149.go internal/m00/p0000/p0000.go"
)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for c in "${corpora[@]}"; do
	read -r name leaf half <<<"$c"
	case ",${CORPORA:-kratos,cli,synthetic}," in *",$name,"*) ;; *) continue ;; esac
	tree=$work/$name
	if [ "$name" = synthetic ]; then
		go run ./bench/genmono -o "$tree" -packages 3000 -modules 20
		cfg=$tree/archcheck.yaml
	else
		src=$ARCHCHECK_CORPORA/$name
		[ -n "$ARCHCHECK_CORPORA" ] && [ -d "$src" ] || { echo "skip $name: \$ARCHCHECK_CORPORA/$name absent" >&2; continue; }
		cp -a "$src" "$tree"
		cfg=$PWD/testdata/realcode/$name/archcheck.yaml
	fi
	export ARCHCHECK_CACHE=$work/cache-$name
	rows=(floor golist nocache unchanged leaf half)
	declare -A cmd=(
		[floor]="$work/loadfloor ./..."
		[golist]="go list -deps -json ./..."
		[nocache]="$work/archcheck check --no-cache --config $cfg"
		[unchanged]="$work/archcheck check --config $cfg"
		[leaf]="$work/archcheck check --config $cfg"
		[half]="$work/archcheck check --config $cfg"
	)
	(cd "$tree" && $work/archcheck check --config "$cfg" >/dev/null 2>&1 || true) # warm the cache
	for r in "${rows[@]}"; do : >"$work/$name.$r"; done
	load0=$(cut -d' ' -f1-3 /proc/loadavg)
	for ((i = 0; i < rounds; i++)); do
		for r in "${rows[@]}"; do
			case $r in
			leaf) printf '\n// edit %s %d\n' "$r" "$i" >>"$tree/$leaf" ;;
			half) printf '\n// edit %s %d\n' "$r" "$i" >>"$tree/$half" ;;
			esac
			(cd "$tree" && /usr/bin/time -f '%e %M %U %S' -o "$work/t" ${cmd[$r]} >/dev/null 2>&1 || true)
			tail -n 1 "$work/t" >>"$work/$name.$r" # time -o says "Command exited with non-zero status" first
		done
	done
	wall() { cut -d' ' -f1 "$work/$name.$1" | median; }
	cpu() { awk '{print $3 + $4}' "$work/$name.$1" | median; }
	floor=$(wall floor) golist=$(wall golist) nocache=$(wall nocache)
	cfloor=$(cpu floor) cgolist=$(cpu golist) cnocache=$(cpu nocache)
	echo "## $name ($rounds rounds; leaf $leaf, half-imported $half; load average $load0 before, $(cut -d' ' -f1-3 /proc/loadavg) after)"
	echo
	echo "| command | median wall | median CPU | median peak RSS | × floor wall / CPU | × go list -deps wall / CPU | × check --no-cache wall / CPU |"
	echo "|---|---:|---:|---:|---:|---:|---:|"
	for r in "${rows[@]}"; do
		w=$(wall "$r") c=$(cpu "$r")
		m=$(cut -d' ' -f2 "$work/$name.$r" | median)
		awk -v r="$r" -v w="$w" -v c="$c" -v m="$m" -v f="$floor" -v g="$golist" -v n="$nocache" \
			-v cf="$cfloor" -v cg="$cgolist" -v cn="$cnocache" 'BEGIN {
			label["floor"] = "LoadSyntax floor"; label["golist"] = "go list -deps -json"
			label["nocache"] = "check --no-cache"; label["unchanged"] = "check, unchanged tree"
			label["leaf"] = "check, leaf edited"; label["half"] = "check, half-imported package edited"
			printf "| %s | %.2f s | %.2f s | %.0f MiB | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f |\n", label[r], w, c, m / 1024, w / f, c / cf, w / g, c / cg, w / n, c / cn }'
	done
	echo
	unset cmd
done
