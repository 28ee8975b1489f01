#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for FUZZ_SECONDS (default 60); prints executions and crashes.
# New inputs go to a scratch corpus (.fuzz-work/); crashes to fuzz-artifacts/. Exit status 1 on any crash.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
targets="${FUZZ_TARGETS:-FuzzCodec FuzzPPRFState FuzzUnprotectRFC FuzzUnprotectPPRF FuzzMessageJob FuzzNumberParser FuzzSafeAAD}"
swift build -c release --package-path Fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld >&2 || exit 2
mkdir -p fuzz-artifacts
status=0
printf '%-20s %14s %10s %8s\n' target executions "exec/s" crashes
for t in $targets; do
    mkdir -p ".fuzz-work/$t"
    log=".fuzz-work/$t.log"
    FUZZ_TARGET="$t" .build-fuzz/release/Fuzzer -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="fuzz-artifacts/$t-" \
        ".fuzz-work/$t" "Fuzz/Corpus/$t" > "$log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    crashes=$(ls fuzz-artifacts/"$t"-crash-* 2>/dev/null | wc -l)
    [ "$rc" -ne 0 ] && { status=1; tail -30 "$log" >&2; }
    printf '%-20s %14s %10s %8s\n' "$t" "${runs:-?}" "${rate:-?}" "$crashes"
done
exit $status
