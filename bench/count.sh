#!/bin/sh
# Instruction counts of the province bench's parts under callgrind (see bench/count.ts):
# the engine/floor ratio that a loaded machine cannot move. Usage: bench/count.sh [UNITS] [REPS]
set -e
units=${1:-200}
reps=${2:-2}
out=$(mktemp -d)
npx esbuild bench/count.ts --bundle --platform=node --format=esm --outfile="$out/count.mjs" --log-level=warning
count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.$1" node --max-semi-space-size=64 "$out/count.mjs" "$1" --units "$units" --reps "$reps" 2>&1 | sed -n 's/.*Collected : //p'
}
setup=$(count setup)
floor=$(count floor)
evaluate=$(count evaluate)
node -e "const [s,f,e,r]=process.argv.slice(1).map(Number); const F=(f-s)/r, E=(e-s)/r; console.log('instructions per run at $units units: floor', (F/1e6).toFixed(0)+'M, evaluate', (E/1e6).toFixed(0)+'M, ratio', (E/F).toFixed(2)+'×')" "$setup" "$floor" "$evaluate" "$reps"
rm -rf "$out"
