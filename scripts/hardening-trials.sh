#!/usr/bin/env bash
# Long runs for issue 12 (not in CI): damaged databases, kill -9 during imports, full disks
# on a tmpfs (needs root), and the parser fuzz tests with many cases. Prints one line of
# counts per kind; exits 1 if any trial broke a guarantee.
#
#   scripts/hardening-trials.sh [DAMAGED] [KILLS] [FULL_DISKS] [FUZZ_CASES]
#   MALKOLL=target/release/malkoll scripts/hardening-trials.sh 200 100 20 20000
set -uo pipefail
cd "$(dirname "$0")/.."
DAMAGED=${1:-100}
KILLS=${2:-50}
FULL=${3:-10}
FUZZ=${4:-5000}
BIN=${MALKOLL:-target/debug/malkoll}
[ -x "$BIN" ] || cargo build --quiet
SAMPLES=../shared/samples
[ -d "$SAMPLES" ] || SAMPLES=../../shared/samples
VP="$SAMPLES/vp-2021-hasselby-vallingby.txt"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ORIGINAL_HOME=$HOME
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/data"
mkdir -p "$HOME"
broken=0

debug_text='panicked|Some\(|Inline\(|UnexpectedVariant|Os \{|kind: '

# A seeded database to copy.
"$BIN" --db "$WORK/seed" export json --out "$WORK/x" >/dev/null 2>&1

# 1. Damaged databases: random bytes of sled's log overwritten; no panic, no debug text,
#    and never "Sparat." from a process that found the database unreadable.
opened=0 refused=0 readonly=0
for i in $(seq 1 "$DAMAGED"); do
  d="$WORK/dmg$i"; cp -r "$WORK/seed" "$d"; rm -f "$d/malkoll.lock.json"
  python3 - "$d/db" "$i" <<'PY'
import os, random, sys
path, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
size = os.path.getsize(path)
with open(path, "r+b") as f:
    for _ in range(rng.randint(1, 20)):
        f.seek(rng.randrange(size)); f.write(bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))))
PY
  out=$("$BIN" --db "$d" import report "$VP" 2>"$d.err"); code=$?
  err=$(cat "$d.err")
  if [ $code -eq 101 ] || grep -Eq "$debug_text" "$d.err"; then
    echo "damaged $i: panic or debug text: $err"; broken=$((broken+1))
  fi
  if grep -q "bara för läsning\|nyare malkoll" "$d.err"; then
    readonly=$((readonly+1))
    if grep -q "Sparat." <<<"$out"; then echo "damaged $i: saved while read-only"; broken=$((broken+1)); fi
  elif [ $code -ne 0 ]; then refused=$((refused+1)); [ -n "${SHOW:-}" ] && echo "refused: $err"; else opened=$((opened+1)); fi
  rm -rf "$d" "$d.err"
done
echo "damaged databases: $DAMAGED tried: $opened opened and worked, $readonly read-only with the reason, $refused refused with a message"

# 2. kill -9 during imports: every acknowledged import is there afterwards, the database
#    always opens. The sample is moved to 2023 so the import writes (2021 is bundled).
sed 's/2021/2023/g; s/2020/2022/g' "$VP" > "$WORK/vp-2023.txt"
lost=0 unopenable=0 acknowledged=0
for i in $(seq 1 "$KILLS"); do
  d="$WORK/kill$i"; cp -r "$WORK/seed" "$d"; rm -f "$d/malkoll.lock.json"
  "$BIN" --db "$d" import report "$WORK/vp-2023.txt" >"$d.out" 2>&1 &
  pid=$!
  # Anywhere from the start to past the end of an import (a debug build takes ~1-2 s).
  sleep "$(( RANDOM % 3 )).$(( RANDOM % 10 ))"
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  if ! "$BIN" --db "$d" doctor >"$d.doc" 2>&1; then
    unopenable=$((unopenable+1)); echo "kill $i: $(cat "$d.doc")"
  fi
  if grep -q "Sparat." "$d.out"; then
    acknowledged=$((acknowledged+1))
    "$BIN" --db "$d" export json --council hasselby-vallingby --year 2023 >/dev/null 2>&1 \
      || { lost=$((lost+1)); echo "kill $i: acknowledged import lost"; }
  fi
  rm -rf "$d" "$d.out" "$d.doc"
done
broken=$((broken+lost+unopenable))
echo "kill -9 trials: $KILLS, $acknowledged acknowledged before the kill, $lost of them lost, $unopenable databases that would not open"

# 3. Full disks on a 48 MB tmpfs: a save is refused or done within 15 s, never hangs; the
#    database opens whole once space is back.
if [ "$(id -u)" -ne 0 ]; then
  echo "full-disk trials: NOT RUN (mounting a tmpfs needs root)"
else
  hung=0 bad=0
  for i in $(seq 1 "$FULL"); do
    m="$WORK/tmpfs$i"; mkdir -p "$m"
    mount -t tmpfs -o size=48m tmpfs "$m" || { echo "full-disk: mount failed"; broken=$((broken+1)); break; }
    "$BIN" --db "$m/db" export json --out "$m/x" >/dev/null 2>&1
    # Fill to a random level between nearly empty and completely full.
    dd if=/dev/zero of="$m/fill" bs=1M count=$(( 30 + RANDOM % 20 )) status=none 2>/dev/null
    timeout 15 "$BIN" --db "$m/db" import report "$VP" >/dev/null 2>"$m.err"
    [ $? -eq 124 ] && { hung=$((hung+1)); echo "full $i: hung"; }
    grep -Eq "$debug_text" "$m.err" && { bad=$((bad+1)); echo "full $i: $(cat "$m.err")"; }
    rm -f "$m/fill"
    "$BIN" --db "$m/db" doctor >"$m.doc" 2>&1 || { bad=$((bad+1)); echo "full $i: $(cat "$m.doc")"; }
    umount "$m"; rm -f "$m.err" "$m.doc"
  done
  broken=$((broken+hung+bad))
  echo "full-disk trials: $FULL, $hung hung, $bad left a database that doctor did not pass or printed debug text"
fi

# 4. Parser fuzzing with many cases.
if HOME=$ORIGINAL_HOME PROPTEST_CASES="$FUZZ" cargo test --quiet --test parsers_fuzz >/dev/null 2>&1; then
  echo "fuzz: $FUZZ cases per property in tests/parsers_fuzz.rs passed"
else
  echo "fuzz: FAILED with $FUZZ cases (run PROPTEST_CASES=$FUZZ cargo test --test parsers_fuzz)"
  broken=$((broken+1))
fi

[ "$broken" -eq 0 ] && echo "all held" || { echo "$broken trials broke a guarantee"; exit 1; }
