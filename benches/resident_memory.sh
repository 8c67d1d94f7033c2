#!/usr/bin/env bash
# Resident memory of the interface after visiting every council and screen (DESIGN.md §8:
# ≤ 64 MB), on the generated city (14 councils × 10 years, seed 2026).
#
# Usage: benches/resident_memory.sh
# Env: MALKOLL (binary, default target/release/malkoll, built if missing), WORK (temp dir),
# SERVICE=på (the interface as users run it by default: a client of the `malkoll serve` it
# starts; both processes are measured).
#
# Needs tmux (`apt-get install -y tmux`; skips loudly, exit 0, without it). Starts the binary
# in a tmux pane of 80x24 with its own socket, HOME and XDG dirs and MALKOLL_SERVICE=av (the
# process itself holds the database), then for every council: every year, the tree folded
# out, the details, «Att åtgärda», the help and the finder with a query; then reads the
# process's resident set (VmRSS) and its peak (VmHWM) from /proc. gen-demo seals the city it
# writes, so the walk opens it as a user's next day would; without `malkoll.seal.json` in
# $WORK/city the open reads every record (about 40 MB more).
set -euo pipefail

cd "$(dirname "$0")/.."
MALKOLL=${MALKOLL:-target/release/malkoll}
WORK=${WORK:-$(mktemp -d)}

if ! command -v tmux >/dev/null; then
    echo "HOPPAR ÖVER resident_memory: tmux saknas (apt-get install -y tmux)" >&2
    exit 0
fi
if [ ! -x "$MALKOLL" ]; then
    cargo build --release --bin malkoll
fi
MALKOLL=$(realpath "$MALKOLL")

DB="$WORK/city"
if [ ! -e "$DB/db" ]; then
    MALKOLL_SERVICE=av "$MALKOLL" gen-demo --councils 14 --years 10 --seed 2026 --db "$DB" >&2
fi
mkdir -p "$WORK/home" "$WORK/config" "$WORK/state" "$WORK/data"

if [ "${SERVICE:-av}" = "på" ]; then
    SERVICE_ENV=""
else
    SERVICE_ENV="MALKOLL_SERVICE=av"
fi

SOCKET="malkoll-rss-$$"
tmx() { tmux -L "$SOCKET" "$@"; }
trap 'tmx kill-server 2>/dev/null || true' EXIT
tmx new-session -d -x 80 -y 24 \
    "env HOME=$WORK/home XDG_CONFIG_HOME=$WORK/config XDG_STATE_HOME=$WORK/state XDG_DATA_HOME=$WORK/data $SERVICE_ENV TERM=xterm-256color $MALKOLL --db $DB"

# A moment for the key's frame (every key here is drawn well within it).
settle() { sleep 0.15; }

PID=""
for _ in $(seq 1 100); do
    PID=$(tmx list-panes -F '#{pane_pid}' 2>/dev/null | head -1)
    if [ -n "$PID" ] && tmx capture-pane -p | grep -q '[[:alnum:]]'; then
        break
    fi
    sleep 0.1
done
# The pane runs `env`, which execs malkoll: the pane's process is malkoll.

for _council in $(seq 1 14); do
    for _year in $(seq 1 10); do
        tmx send-keys y
        settle
    done
    tmx send-keys +
    settle
    tmx send-keys End
    settle
    tmx send-keys Tab
    settle
    tmx send-keys PageDown
    settle
    tmx send-keys Escape
    settle
    tmx send-keys f
    settle
    tmx send-keys Escape
    settle
    tmx send-keys '?'
    settle
    tmx send-keys Escape
    settle
    tmx send-keys /
    settle
    tmx send-keys -l 'bistand barn'
    settle
    tmx send-keys Tab
    settle
    tmx send-keys Escape
    settle
    tmx send-keys Escape
    settle
    tmx send-keys n
    settle
done
sleep 0.5
grep -E '^(VmRSS|VmHWM)' "/proc/$PID/status" | awk -v nproc="$(nproc)" \
    '{ printf "%s %.1f MB\n", $1, $2 / 1024 } END { print "kärnor: " nproc }'
if [ -z "$SERVICE_ENV" ]; then
    SERVER=$(pgrep -f -- "--db $DB serve" | head -1 || true)
    if [ -n "$SERVER" ]; then
        grep -E '^(VmRSS|VmHWM)' "/proc/$SERVER/status" | awk \
            '{ printf "tjänsten %s %.1f MB\n", $1, $2 / 1024 }'
    else
        echo "tjänsten hittades inte" >&2
    fi
fi
tmx capture-pane -p | tail -3
# Quit as a user does and let the process close the database (flush, seal) before the
# server goes: the next run then opens it as a user's next day would.
tmx send-keys q
for _ in $(seq 1 100); do
    [ -d "/proc/$PID" ] || break
    sleep 0.1
done
