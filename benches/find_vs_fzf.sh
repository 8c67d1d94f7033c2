#!/usr/bin/env bash
# `malkoll find` as a whole process against `fzf --filter` over the same names
# (DESIGN.md §8: "no slower than fzf --filter").
#
# Usage: benches/find_vs_fzf.sh [RUNS] [QUERY …]
#   RUNS    paired runs per query (default 20); each pair runs both, alternating who goes first
#   QUERY   default: bistand "ekonomiskt bistand barn" aldreomsorg "i:trygga"
# Env: MALKOLL (binary, default target/release/malkoll, built if missing), WORK (temp dir).
#
# Needs fzf: install it with `apt-get install -y fzf` to measure. CI installs no fzf and does
# not run this script. Skips (loudly, exit 0) when fzf is missing; generates the city (14 councils × 10 years,
# seed 2026) with `malkoll gen-demo`, dumps the searched names with `malkoll find --dump-names`
# and times both commands with their output to a pipe and every match printed (`--limit`
# far above the number of names, as fzf prints every match). Prints the median of each and the
# ratio malkoll/fzf (below 1: malkoll is faster).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${1:-20}
shift || true
QUERIES=("$@")
if [ ${#QUERIES[@]} -eq 0 ]; then
    QUERIES=(bistand "ekonomiskt bistand barn" aldreomsorg "i:trygga")
fi
MALKOLL=${MALKOLL:-target/release/malkoll}
WORK=${WORK:-$(mktemp -d)}

if ! command -v fzf >/dev/null; then
    echo "HOPPAR ÖVER find_vs_fzf: fzf saknas (apt-get install -y fzf)" >&2
    exit 0
fi
if [ ! -x "$MALKOLL" ]; then
    cargo build --release --bin malkoll
fi

DB="$WORK/city"
if [ ! -e "$DB/db" ]; then
    "$MALKOLL" gen-demo --councils 14 --years 10 --seed 2026 --db "$DB" >&2
fi
"$MALKOLL" find --dump-names --db "$DB" > "$WORK/names.txt"
echo "namn: $(wc -l < "$WORK/names.txt") rader, $(du -h "$WORK/names.txt" | cut -f1); fzf $(fzf --version | cut -d' ' -f1); $(nproc) kärnor" >&2

# Wall time of one command in microseconds (date +%s%N). Both commands run through `sh -c`
# (fzf needs the redirect), so both pay the same shell start.
ms() {
    local start end
    start=$(date +%s%N)
    "$@" | cat > /dev/null || true  # fzf exits 1 when nothing matches
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
}

median() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'; }

printf "%-14s %12s %12s %8s\n" "fråga" "malkoll ms" "fzf ms" "kvot"
for query in "${QUERIES[@]}"; do
    : > "$WORK/m.txt"
    : > "$WORK/f.txt"
    # Warm both (page cache, binary) once, untimed.
    "$MALKOLL" find "$query" --limit 1000000 --db "$DB" > /dev/null
    fzf --filter "$query" < "$WORK/names.txt" > /dev/null || true
    for i in $(seq 1 "$RUNS"); do
        if [ $((i % 2)) -eq 0 ]; then
            ms sh -c '"$1" find "$2" --limit 1000000 --db "$3"' sh "$MALKOLL" "$query" "$DB" >> "$WORK/m.txt"
            ms sh -c 'fzf --filter "$1" < "$2"' sh "$query" "$WORK/names.txt" >> "$WORK/f.txt"
        else
            ms sh -c 'fzf --filter "$1" < "$2"' sh "$query" "$WORK/names.txt" >> "$WORK/f.txt"
            ms sh -c '"$1" find "$2" --limit 1000000 --db "$3"' sh "$MALKOLL" "$query" "$DB" >> "$WORK/m.txt"
        fi
    done
    m=$(median < "$WORK/m.txt")
    f=$(median < "$WORK/f.txt")
    printf "%-14s %12s %12s %8s\n" "$query" "$m" "$f" "$(awk -v m="$m" -v f="$f" 'BEGIN { printf "%.2f", m / f }')"
done
