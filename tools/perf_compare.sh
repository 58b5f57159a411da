#!/usr/bin/env bash
# Reruns the figures of docs/performance.md (issue 13) and prints them as tables.
#
#   tools/perf_compare.sh tally     # counting: CPU per file and rule, ÷ pabutools' seconds
#   tools/perf_compare.sh pages     # round, village and home page vs the bare stack (wrk)
#   tools/perf_compare.sh flow      # whole resident flow, cast step alone, after 100,000
#   tools/perf_compare.sh all
#
# Needs a release build (it makes one if missing) and, for pages, `wrk`. CPU time
# (user + sys) is what to compare on a busy machine; wall clock and p99 only mean something
# when the machine is quiet, so the load average is printed with every table.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/burgerbegroting
LOAD=target/release/examples/loadtest
BARE=target/release/examples/bare_stack
REAL=tests/data/pabulib/real
RUNS=${RUNS:-3}

build() {
    if [[ ! -x $BIN || ! -x $LOAD || ! -x $BARE ]]; then
        cargo build --release --bin burgerbegroting --example loadtest --example bare_stack
    fi
}

load() { cut -d' ' -f1 /proc/loadavg; }

# Best CPU seconds (user + sys) of $RUNS runs of one count.
best_cpu() {
    local best=""
    for _ in $(seq "$RUNS"); do
        local t
        t=$( { /usr/bin/time -f "%U %S" "$BIN" tally "$1" --rule "$2" --tie-break id --json >/dev/null; } 2>&1 | tail -1)
        t=$(awk '{printf "%.3f", $1 + $2}' <<<"$t")
        if [[ -z $best ]] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
    done
    echo "$best"
}

tally() {
    build
    echo "load average before: $(load)"
    echo "| file | rule | pabutools (faster run), s | ours, CPU s (best of $RUNS) | pabutools ÷ ours |"
    echo "|---|---|---:|---:|---:|"
    # pabutools 1.2.3, rule call only, the faster of the two runs in docs/performance.md.
    while read -r file rule py; do
        cpu=$(best_cpu "$REAL/$file" "$rule")
        ratio=$(awk -v p="$py" -v c="$cpu" 'BEGIN{ if (c > 0) printf "%.0f ×", p / c; else print "> " p / 0.005 " ×" }')
        echo "| $file | $rule | $py | $cpu | $ratio |"
    done <<'ROWS'
Poland_Warszawa_2026.pb greedy 32.3
Poland_Warszawa_2026.pb mes-cost 26.4
Poland_Warszawa_2026.pb mes-approval 16.3
Poland_Lodz_2022.pb greedy 48.5
Poland_Lodz_2022.pb mes-cost 60.4
Poland_Lodz_2022.pb mes-approval 41.4
Poland_Wroclaw_2015_150_-_500.pb greedy 78.3
Poland_Wroclaw_2015_150_-_500.pb mes-cost 105.3
Poland_Wroclaw_2015_150_-_500.pb mes-approval 73.9
Poland_Krakow_2024.pb greedy 54.1
Poland_Krakow_2024.pb mes-cost 40.7
Poland_Krakow_2024.pb mes-approval 42.9
ROWS
    echo "load average after: $(load)"
    echo "(CPU is measured in 10 ms steps by /usr/bin/time; for exact work use"
    echo " valgrind --tool=callgrind $BIN tally FILE --rule R --tie-break id --json)"
}

pages() {
    build
    echo "load average before: $(load)"
    "$LOAD" --server "$BIN" --voters 50 --wrk "${WRK_SECS:-5}" --no-flow --bare "$BARE"
    echo "load average after: $(load)"
}

flow() {
    build
    local voters=${VOTERS:-1000}
    echo "== whole resident flow, empty round (load $(load))"
    "$LOAD" --server "$BIN" --voters "$voters" --concurrency 64 --bare "$BARE"
    echo "== cast step alone (load $(load))"
    "$LOAD" --server "$BIN" --voters "$voters" --concurrency 64 --cast-only --bare "$BARE"
    echo "== whole resident flow after 100,000 ballots (load $(load))"
    "$LOAD" --server "$BIN" --voters "$voters" --concurrency 64 --prefill 100000
    if [[ -n ${PG_URL:-} ]]; then
        echo "== PostgreSQL (load $(load))"
        "$LOAD" --server "$BIN" --voters "$voters" --concurrency 64 --postgres "$PG_URL"
    fi
    echo "load average after: $(load)"
}

case "${1:-all}" in
    tally) tally ;;
    pages) pages ;;
    flow) flow ;;
    all) tally; pages; flow ;;
    *) echo "usage: $0 [tally|pages|flow|all]" >&2; exit 2 ;;
esac
