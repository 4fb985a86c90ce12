#!/usr/bin/env bash
# Measures `archcheck diff` and `archcheck affected` side by side with their
# budgets (SPEC "Performance budget"), on copies of real monoliths made git
# repositories here: each corpus ($ARCHCHECK_CORPORA/<name>, an extracted
# tree without .git) is copied to a temporary directory, committed on main,
# and changed on a branch (one new file in a leaf package); corpus code is
# never committed anywhere else. Three comparisons, alternating A and B in
# each round, medians of wall time and of CPU time (user+sys):
#
#   diff, no cache:      archcheck --no-cache check   vs  archcheck --no-cache diff --base main   (budget 2.2x)
#   diff, base cached:   archcheck check (warm)       vs  archcheck diff --base main (warm)       (budget 1.3x)
#   affected:            go list -deps -json ./...    vs  archcheck affected --base main          (budget 1.2x)
#
# archcheck's caches live in a temporary $ARCHCHECK_CACHE; the go build
# cache is the user's (warm, as on a developer's machine or a cached CI).
#   ARCHCHECK_CORPORA=/work/corpus bash bench/diff.sh
#   ROUNDS=5 CORPORA=kratos VERBOSE=1 bash bench/diff.sh   # VERBOSE: every round on stderr
#   NOCACHE_ONLY=1 …                                      # the first comparison only
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
corpora=${ARCHCHECK_CORPORA:?set ARCHCHECK_CORPORA to the directory holding the corpora}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/archcheck" ./cmd/archcheck
export ARCHCHECK_CACHE="$work/cache"

# measure LABEL CMD... prints "wall cpu" of one run, output discarded.
measure() {
	/usr/bin/time -f '%e %U %S' -o "$work/t" "$@" >/dev/null 2>"$work/err" || {
		local rc=$?
		if [ $rc -gt 1 ]; then # 1: findings or a gate; anything else is a failure
			cat "$work/err" >&2
			exit 1
		fi
	}
	# The last line: a failing command's first is "Command exited with …".
	tail -1 "$work/t" | awk '{printf "%.3f %.3f\n", $1, $2 + $3}'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# compare NAME BUDGET "A command" "B command": alternating rounds, medians.
compare() {
	local name=$1 budget=$2 a=$3 b=$4
	: >"$work/a" && : >"$work/b"
	for _ in $(seq "$rounds"); do
		measure bash -c "$a" >>"$work/a"
		measure bash -c "$b" >>"$work/b"
	done
	if [ -n "${VERBOSE:-}" ]; then
		paste "$work/a" "$work/b" | sed "s/^/$corpus $name (A wall cpu, B wall cpu): /" >&2
	fi
	local aw ac bw bc
	aw=$(cut -d' ' -f1 "$work/a" | median)
	ac=$(cut -d' ' -f2 "$work/a" | median)
	bw=$(cut -d' ' -f1 "$work/b" | median)
	bc=$(cut -d' ' -f2 "$work/b" | median)
	printf '| %s | %s | %.2fs / %.2fs | %.2fs / %.2fs | %.2fx | %.2fx | %sx |\n' \
		"$corpus" "$name" "$aw" "$ac" "$bw" "$bc" "$(echo "$bw / $aw" | bc -l)" "$(echo "$bc / $ac" | bc -l)" "$budget"
}

echo "| corpus | comparison | A wall / CPU | B wall / CPU | wall B/A | CPU B/A | budget |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for corpus in $(echo "${CORPORA:-kratos,cli}" | tr ',' ' '); do
	src="$corpora/$corpus"
	cfg="$root/testdata/realcode/$corpus/archcheck.yaml"
	if [ ! -d "$src" ] || [ ! -f "$cfg" ]; then
		echo "skipping $corpus: $src or $cfg is missing" >&2
		continue
	fi
	repo="$work/$corpus"
	cp -r "$src" "$repo"
	(
		cd "$repo"
		git init -q -b main
		git add -A
		git -c user.name=bench -c user.email=bench@example.com commit -q -m base
		git checkout -q -b change
		# One new file in the first leaf package of the module.
		read -r dir name < <(go list -f '{{if and (not .Imports) (ne .Name "main")}}{{.Dir}} {{.Name}}{{end}}' ./... | grep . | head -1 ||
			go list -f '{{if ne .Name "main"}}{{.Dir}} {{.Name}}{{end}}' ./... | grep . | head -1)
		printf 'package %s\n\n// archcheckBenchChange is the change bench/diff.sh measures.\nfunc archcheckBenchChange() int { return 1 }\n' "$name" >"$dir/archcheck_bench_change.go"
	)
	ac="$work/archcheck -C $repo"
	# Warm the build cache and archcheck's caches for the cached comparisons.
	$ac check --config "$cfg" >/dev/null 2>&1 || true
	$ac diff --base main --config "$cfg" >/dev/null 2>&1 || true
	compare "diff, no cache" 2.2 "$ac --no-cache check --config $cfg" "$ac --no-cache diff --base main --config $cfg"
	[ -n "${NOCACHE_ONLY:-}" ] && continue
	compare "diff, base cached" 1.3 "$ac check --config $cfg" "$ac diff --base main --config $cfg"
	compare "affected" 1.2 "cd $repo && go list -deps -json ./..." "$ac affected --base main --config $cfg --format packages"
done
