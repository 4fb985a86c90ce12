#!/usr/bin/env bash
# Measures the incremental check on the real monoliths against its budget
# (SPEC "Performance budget", issue 17), side by side, interleaved rounds,
# medians: on a copy of each tree (the corpus is never written), with the
# domain config of testdata/realcode/NAME, a fresh archcheck cache warmed by
# one run, and the build cache as it is (warm).
#
#   ARCHCHECK_CORPORA=/work/corpus bash bench/incr.sh          # 5 rounds
#   ROUNDS=3 CORPORA=cli ARCHCHECK_CORPORA=/work/corpus bash bench/incr.sh
#
# Rows: the LoadSyntax floor (bench/loadfloor), go list -deps -json,
# check --no-cache, check on the unchanged tree, check after a comment is
# appended to a leaf package's file (imported by nothing) and to a file of
# a package about half the module imports (its exported API unchanged).
# The edit is made before each run of that row, so every run sees a change.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ARCHCHECK_CORPORA:?set ARCHCHECK_CORPORA to the directory holding kratos/ and cli/}"
rounds=${ROUNDS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/archcheck" ./cmd/archcheck
go build -o "$work/loadfloor" ./bench/loadfloor

# name leaf-file half-file
corpora=(
	"kratos corpx/faker.go session/session.go"
	"cli pkg/jsonfieldstest/jsonfieldstest.go internal/text/text.go"
)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for c in "${corpora[@]}"; do
	read -r name leaf half <<<"$c"
	case ",${CORPORA:-kratos,cli}," in *",$name,"*) ;; *) continue ;; esac
	src=$ARCHCHECK_CORPORA/$name
	[ -d "$src" ] || { echo "skip $name: $src absent" >&2; continue; }
	tree=$work/$name
	cp -a "$src" "$tree"
	cfg=$PWD/testdata/realcode/$name/archcheck.yaml
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
	for ((i = 0; i < rounds; i++)); do
		for r in "${rows[@]}"; do
			case $r in
			leaf) printf '\n// edit %s %d\n' "$r" "$i" >>"$tree/$leaf" ;;
			half) printf '\n// edit %s %d\n' "$r" "$i" >>"$tree/$half" ;;
			esac
			(cd "$tree" && /usr/bin/time -f '%e %M' -o "$work/t" ${cmd[$r]} >/dev/null 2>&1 || true)
			tail -n 1 "$work/t" >>"$work/$name.$r" # time -o says "Command exited with non-zero status" first
		done
	done
	floor=$(cut -d' ' -f1 "$work/$name.floor" | median)
	golist=$(cut -d' ' -f1 "$work/$name.golist" | median)
	nocache=$(cut -d' ' -f1 "$work/$name.nocache" | median)
	echo "## $name ($rounds rounds; leaf $leaf, half-imported $half)"
	echo
	echo "| command | median wall | median peak RSS | × LoadSyntax floor | × go list -deps | × check --no-cache |"
	echo "|---|---:|---:|---:|---:|---:|"
	for r in "${rows[@]}"; do
		w=$(cut -d' ' -f1 "$work/$name.$r" | median)
		m=$(cut -d' ' -f2 "$work/$name.$r" | median)
		awk -v r="$r" -v w="$w" -v m="$m" -v f="$floor" -v g="$golist" -v n="$nocache" 'BEGIN {
			label["floor"] = "LoadSyntax floor"; label["golist"] = "go list -deps -json"
			label["nocache"] = "check --no-cache"; label["unchanged"] = "check, unchanged tree"
			label["leaf"] = "check, leaf edited"; label["half"] = "check, half-imported package edited"
			printf "| %s | %.2f s | %.0f MiB | %.2f | %.2f | %.2f |\n", label[r], w, m / 1024, w / f, w / g, w / n }'
	done
	echo
	unset cmd
done
