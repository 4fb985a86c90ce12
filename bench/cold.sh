#!/usr/bin/env bash
# Cold runs on a real monolith: the LoadSyntax floor with a fresh GOCACHE,
# then archcheck check with a fresh GOCACHE and a fresh archcheck cache
# ($ARCHCHECK_CACHE), alternating, ROUNDS times (default 1: a kratos round
# takes about 15 minutes on a 2-core VM). Prints each run's wall time, CPU
# time (user+sys, the go command's builds included) and peak RSS (of the
# largest process of the tree: a compiler or archcheck), then the medians
# and the ratios to the floor, and the load average before and after.
# The module cache stays warm (nothing is downloaded); the corpus is found
# in $ARCHCHECK_CORPORA/<name> with its config in testdata/realcode/<name>.
#   ARCHCHECK_CORPORA=/work/corpus bash bench/cold.sh kratos
#   ROUNDS=3 ARCHCHECK_CORPORA=/work/corpus bash bench/cold.sh cli
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: bench/cold.sh kratos|cli}
dir=${ARCHCHECK_CORPORA:?set ARCHCHECK_CORPORA}/$name
config=$PWD/testdata/realcode/$name/archcheck.yaml
[ -f "$dir/go.mod" ] || { echo "cold.sh: no $dir/go.mod" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/archcheck" ./cmd/archcheck
go build -o "$tmp/loadfloor" ./bench/loadfloor
echo "corpus $name at $(git rev-parse --short HEAD), $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# run LABEL CMD...: one cold run, its line appended to $tmp/LABEL.
run() {
	local label=$1
	shift
	rm -rf "$tmp/gocache" "$tmp/acache"
	mkdir -p "$tmp/gocache" "$tmp/acache"
	(cd "$dir" && GOCACHE=$tmp/gocache ARCHCHECK_CACHE=$tmp/acache \
		/usr/bin/time -o "$tmp/time" -f '%e %U %S %M' "$@" >/dev/null 2>"$tmp/stderr") || true
	read -r wall user sys rss < <(tail -n 1 "$tmp/time") # after "Command exited with non-zero status 1"
	echo "$wall $(echo "$user + $sys" | bc) $rss" >>"$tmp/$label"
	printf '%-6s wall %8.1f s  cpu %8.1f s  peak RSS %6d MiB  (load %s)\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) "$(cut -d' ' -f1-3 /proc/loadavg)"
}

for _ in $(seq "${ROUNDS:-1}"); do
	run floor "$tmp/loadfloor" ./...
	run check "$tmp/archcheck" check --config "$config" ./...
done

# median COLUMN FILE
median() { cut -d' ' -f"$1" "$2" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for c in 1 2 3; do
	f=$(median $c "$tmp/floor")
	k=$(median $c "$tmp/check")
	what=$(echo "wall cpu rss" | cut -d' ' -f$c)
	echo "median $what: floor $f, check $k, check ÷ floor $(echo "scale=2; $k / $f" | bc)"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
