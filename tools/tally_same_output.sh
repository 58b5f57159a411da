#!/usr/bin/env bash
# Checks that two builds count every real pabulib file alike: the --json output (selection
# and all explanations) of OLD and NEW must be byte for byte the same for each file, rule and
# completion below. Use it before and after a change to src/tally/ that should not change
# any result, e.g.
#
#   git worktree add /tmp/before HEAD~1 && (cd /tmp/before && cargo build --release)
#   tools/tally_same_output.sh /tmp/before/target/release/burgerbegroting target/release/burgerbegroting
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: $0 OLD_BIN NEW_BIN}
NEW=${2:?usage: $0 OLD_BIN NEW_BIN}
REAL=tests/data/pabulib/real
bad=0
n=0
check() {
    local file=$1
    shift
    n=$((n + 1))
    if ! cmp -s <("$OLD" tally "$REAL/$file" --tie-break id --json "$@" 2>&1) \
        <("$NEW" tally "$REAL/$file" --tie-break id --json "$@" 2>&1); then
        echo "DIFFERENT: $file $*"
        bad=1
    fi
}
for file in Poland_Warszawa_2026.pb Poland_Lodz_2022.pb Poland_Wroclaw_2015_150_-_500.pb \
    Poland_Krakow_2024.pb Poland_Katowice_2023.pb Hungary_Budapest_2024.pb \
    Netherlands_Amsterdam_621.pb Poland_Wieliczka_2023_Green_Budget.pb Poland_Swiecie_2023.pb \
    France_Toulouse_2022.pb; do
    for rule in greedy mes-cost mes-approval; do
        check "$file" --rule "$rule"
    done
done
for file in Poland_Wieliczka_2023_Green_Budget.pb Poland_Swiecie_2023.pb \
    Netherlands_Assen_2024.pb Switzerland_Zurich_D10.pb; do
    for completion in add1 add1-last exh greedy; do
        for rule in mes-cost mes-approval; do
            check "$file" --rule "$rule" --completion "$completion"
        done
    done
done
echo "$n counts compared; $([[ $bad == 0 ]] && echo 'all the same' || echo 'SOME DIFFER')"
exit "$bad"
