#!/usr/bin/env bash
# Measures the SQLite store's write-ahead log under sustained writes and
# writes the "Write-ahead log under sustained writes" section of
# docs/BENCHMARKS.md: RecordFavour in a closed loop (64 in flight), with
# favours of no note and of 1,500-byte notes, while the log file's size is
# sampled every 20 ms. Reported: the largest size seen against the bound the
# store keeps (4 MiB of log and one group commit's frames), the median
# sample, throughput and latency.
#
# Environment: BENCH_DURATION_S (20), BENCH_IN_FLIGHT (64), BENCH_CONTACTS
# (1000), BENCH_MEMBERS (20), BENCH_OUTPUT (docs/BENCHMARKS.md),
# REFNET_BUILD_DIR (build).
set -euo pipefail
cd "$(dirname "$0")"

duration_s="${BENCH_DURATION_S:-20}"
in_flight="${BENCH_IN_FLIGHT:-64}"
contacts="${BENCH_CONTACTS:-1000}"
members="${BENCH_MEMBERS:-20}"
output="${BENCH_OUTPUT:-docs/BENCHMARKS.md}"
build_dir="${REFNET_BUILD_DIR:-build}"
section="## Write-ahead log under sustained writes"
firm=bench

server_bin="$build_dir/services/server/refnet-server"
ctl="$build_dir/clients/refnetctl/refnetctl"
loadgen="$build_dir/clients/loadgen/refnet-loadgen"
script=bench-wal.sh
# shellcheck source=bench-lib.sh
source ./bench-lib.sh
require_tools redis-server perl
./build.sh

start_redis
start_server
commands=("$redis_shown" "$server_shown")
create_firm "$firm"
common=(--target "$target" --token-file "$tmp/$firm.token" --firm "$firm")
echo "seeding $members members, $contacts contacts..." >&2
run "$tmp/seed.json" "$loadgen" seed "${common[@]}" --members "$members" --contacts "$contacts" \
  --favours 1000 --json

# `measure NOTE_BYTES`: the scenario with the log's size sampled meanwhile.
measure() {
  local note="$1" samples="$tmp/wal-$1.txt"
  : > "$samples"
  (
    while :; do
      stat -c %s "$tmp/refnet.db-wal" 2>/dev/null >> "$samples" || echo 0 >> "$samples"
      sleep 0.02
    done
  ) &
  local sampler=$!
  echo "record-favour with ${note}-byte notes for ${duration_s}s, the log sampled..." >&2
  run "$tmp/record-favour-$note.json" "$loadgen" run "${common[@]}" --scenario record-favour \
    --note-bytes "$note" --in-flight "$in_flight" --channels 4 --duration-s "$duration_s" \
    --members "$members" --contacts "$contacts" --json
  kill "$sampler"
  wait "$sampler" 2>/dev/null || true
}
measure 0
measure 1500
db_bytes="$(stat -c %s "$tmp/refnet.db")"

figures="$(perl -MJSON::PP -e '
  my ($tmp, @notes) = @ARGV;
  my $bound = 32 + 1024 * (4096 + 24);
  print "| favour note | RecordFavour rps | ratio to health | p50 ms | p99 ms | errors | log samples | median log | largest log | log bound (one group commit comes on top) |\n";
  print "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";
  for my $note (@notes) {
    open my $fh, "<", "$tmp/record-favour-$note.json" or die; my $r = decode_json(do { local $/; <$fh> });
    open my $sf, "<", "$tmp/wal-$note.txt" or die; my @s = sort { $a <=> $b } map { chomp; $_ } <$sf>;
    my $mib = sub { sprintf "%.2f MiB", $_[0] / 1048576 };
    printf "| %d B | %.1f | %.3f | %.3f | %.3f | %d | %d | %s | %s | %s |\n", $note, $r->{rps},
      $r->{ratio_to_health}, $r->{p50_ms}, $r->{p99_ms}, $r->{errors}, scalar @s,
      $mib->($s[int(@s / 2)]), $mib->($s[-1]), $mib->($bound);
  }
' "$tmp" 0 1500)"

cpu_model="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
revision="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
report="$tmp/section.md"
{
  echo "$section"
  echo
  echo "Measured with \`./bench-wal.sh\`: refnet-server on SQLite with Redis as cache,"
  echo "refnet-loadgen on the same machine over loopback, RecordFavour in a closed loop of"
  echo "$in_flight calls for ${duration_s} s after 1 s of warm-up, each favour a new ledger"
  echo "entry on one of 1000 hot pairs. The \`-wal\` file's size was sampled every 20 ms."
  echo "Date $(date -u +%Y-%m-%dT%H:%M:%SZ), revision $revision, $(nproc) cores"
  echo "(${cpu_model:-unknown}). The database was $((db_bytes / 1048576)) MiB at the end."
  echo
  echo "$figures"
  echo
  echo "What bounds the log: a checkpoint thread copies it into the database once 1 MiB"
  echo "waits; past 4 MiB the writer, after its commit, waits for that checkpoint and for"
  echo "reads still on the frames it copied (at most 100 ms), copies the rest and starts the"
  echo "log over, so it holds at most 4 MiB and one group commit. Only a read holding an old"
  echo "snapshot for longer (a backup) lets it grow further; the file is truncated back to"
  echo "4 MiB when the log next starts over (\`journal_size_limit\`)."
  echo
  echo "### Commands"
  echo
  print_commands
} > "$report"
replace_section "$output" "$section" "$report"
echo
echo "$figures"
echo
echo "section \"${section#\#\# }\" written to $output"
