#!/usr/bin/env bash
# Builds refnet, starts a throwaway refnet-server (SQLite in a temporary folder,
# a local Redis as cache), seeds a synthetic firm with refnet-loadgen, measures
# the health, get-balance, record-favour, create-referral, suggest-helpers and
# mix scenarios, and writes the
# results to docs/BENCHMARKS.md (and the table to stdout).
#
# Then the mix again as an open loop at 70% of the throughput it just peaked
# at, and, with BENCH_LARGE_FAVOURS set, GetBalance on a firm of 1k favours
# against one of that many, and the server's memory with the large firm in.
#
# Environment: BENCH_CONTACTS (default 10000), BENCH_FAVOURS (100000),
# BENCH_MEMBERS (20), BENCH_DURATION_S (10), BENCH_IN_FLIGHT (64),
# BENCH_CHANNELS (4), BENCH_OUTPUT (docs/BENCHMARKS.md), REFNET_BUILD_DIR (build),
# BENCH_LARGE_FAVOURS (0: skip; e.g. 1000000), BENCH_LARGE_CONTACTS (100000).
set -euo pipefail
cd "$(dirname "$0")"

contacts="${BENCH_CONTACTS:-10000}"
favours="${BENCH_FAVOURS:-100000}"
members="${BENCH_MEMBERS:-20}"
duration_s="${BENCH_DURATION_S:-10}"
in_flight="${BENCH_IN_FLIGHT:-64}"
channels="${BENCH_CHANNELS:-4}"
output="${BENCH_OUTPUT:-docs/BENCHMARKS.md}"
build_dir="${REFNET_BUILD_DIR:-build}"
large_favours="${BENCH_LARGE_FAVOURS:-0}"
large_contacts="${BENCH_LARGE_CONTACTS:-100000}"
scenarios=(health get-balance record-favour create-referral suggest-helpers mix)
firm=bench

server_bin="$build_dir/services/server/refnet-server"
ctl="$build_dir/clients/refnetctl/refnetctl"
loadgen="$build_dir/clients/loadgen/refnet-loadgen"
script=bench.sh
# shellcheck source=bench-lib.sh
source ./bench-lib.sh
require_tools redis-server perl
./build.sh

start_redis
start_server
commands=("$redis_shown" "$server_shown")
create_firm "$firm"

common=(--target "$target" --token-file "$tmp/$firm.token" --firm "$firm")
echo "seeding $members members, $contacts contacts, $favours favours..." >&2
run "$tmp/seed.json" "$loadgen" seed "${common[@]}" --members "$members" \
  --contacts "$contacts" --favours "$favours" --in-flight "$in_flight" --json
for scenario in "${scenarios[@]}"; do
  echo "running $scenario for ${duration_s}s (after the health baseline)..." >&2
  run "$tmp/$scenario.json" "$loadgen" run "${common[@]}" --scenario "$scenario" \
    --in-flight "$in_flight" --channels "$channels" --duration-s "$duration_s" \
    --members "$members" --contacts "$contacts" --json
done

# The mix at 70% of its closed-loop peak, as an open loop: latency counts from
# each call's intended start, so queueing shows.
peak="$(perl -MJSON::PP -e 'open my $f, "<", $ARGV[0] or die;
  printf "%d", decode_json(do { local $/; <$f> })->{rps} * 0.7' "$tmp/mix.json")"
echo "running mix as an open loop at $peak calls/s (70% of its peak)..." >&2
run "$tmp/mix-70.json" "$loadgen" run "${common[@]}" --scenario mix --rate "$peak" \
  --channels "$channels" --duration-s "$duration_s" --members "$members" \
  --contacts "$contacts" --json

# GetBalance on a firm of 1k favours and on a large one, in the same server.
sizes=()
if (( large_favours > 0 )); then
  for spec in "small 1000 1000" "large $large_contacts $large_favours"; do
    read -r name n_contacts n_favours <<< "$spec"
    create_firm "$name"
    sized=(--target "$target" --token-file "$tmp/$name.token" --firm "$name")
    echo "seeding firm $name: $n_contacts contacts, $n_favours favours..." >&2
    run "$tmp/seed-$name.json" "$loadgen" seed "${sized[@]}" --members "$members" \
      --contacts "$n_contacts" --favours "$n_favours" --in-flight 256 --json
    echo "running get-balance on firm $name..." >&2
    run "$tmp/get-balance-$name.json" "$loadgen" run "${sized[@]}" --scenario get-balance \
      --in-flight "$in_flight" --channels "$channels" --duration-s "$duration_s" \
      --members "$members" --contacts "$n_contacts" --json
    sizes+=("$name=$tmp/get-balance-$name.json")
  done
fi
server_rss="$(awk '/^VmRSS/ {print $2, $3}' "/proc/$server_pid/status")"
server_rss_kb="$(awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status")"

# One markdown row per scenario, and one per method of the mix.
results=()
for scenario in "${scenarios[@]}"; do results+=("$tmp/$scenario.json"); done
table="$(perl -MJSON::PP -e '
  my @rows = ("| scenario | rps | ratio to health | p50 ms | p99 ms | errors |",
              "|---|---:|---:|---:|---:|---:|");
  for my $file (@ARGV) {
    open my $fh, "<", $file or die "$file: $!";
    my $r = decode_json(do { local $/; <$fh> });
    my $row = sub {
      my ($name, $s) = @_;
      push @rows, sprintf("| %s | %.1f | %.3f | %.3f | %.3f | %d |", $name, $s->{rps},
                          $s->{ratio_to_health}, $s->{p50_ms}, $s->{p99_ms}, $s->{errors});
    };
    $row->($r->{scenario}, $r);
    if ($r->{scenario} eq "mix") {
      $row->("mix: $_", $r->{rpcs}{$_}) for grep { $_ ne "Check" } sort keys %{$r->{rpcs}};
    }
  }
  print join("\n", @rows), "\n";
' "${results[@]}")"

# Each target of the performance bar, met or missed, with its ratio.
targets="$(RSS_KB="$server_rss_kb" perl -MJSON::PP -e '
  my %r;
  for my $arg (@ARGV) {
    my ($name, $file) = split /=/, $arg, 2;
    open my $fh, "<", $file or next;
    $r{$name} = decode_json(do { local $/; <$fh> });
  }
  my @rows = ("| target | measured | bar | met |", "|---|---:|---:|---|");
  my $row = sub {
    my ($what, $value, $bar, $ok, $fmt) = @_;
    push @rows, sprintf("| %s | $fmt | $fmt | %s |", $what, $value, $bar, $ok ? "met" : "missed");
  };
  my $gb = $r{"get-balance"};
  $row->("cached GetBalance rps / Health rps", $gb->{ratio_to_health}, 0.75,
         $gb->{ratio_to_health} >= 0.75, "%.3f") if $gb;
  my $rf = $r{"record-favour"};
  $row->("durable RecordFavour rps / Health rps", $rf->{ratio_to_health}, 0.5,
         $rf->{ratio_to_health} >= 0.5, "%.3f") if $rf;
  if ($r{small} && $r{large}) {
    my $ratio = $r{large}{p50_ms} / $r{small}{p50_ms};
    $row->("GetBalance p50, large firm / 1k-favour firm", $ratio, 1.2, $ratio <= 1.2, "%.3f");
  }
  my $m70 = $r{"mix-70"};
  $row->(sprintf("mix p99 ms at 70%% of peak (%.0f calls/s)", $m70->{rps}), $m70->{p99_ms}, 5,
         $m70->{p99_ms} <= 5, "%.3f") if $m70;
  if ($r{small} && $r{large}) {
    my $mb = $ENV{RSS_KB} / 1024;
    $row->("server RSS MB with the large firm", $mb, 300, $mb <= 300, "%.1f");
  }
  print join("\n", @rows), "\n";
' "get-balance=$tmp/get-balance.json" "record-favour=$tmp/record-favour.json" \
  "mix-70=$tmp/mix-70.json" "${sizes[@]}")"
seed_line="$(perl -MJSON::PP -e '
  open my $fh, "<", $ARGV[0] or die; my $r = decode_json(do { local $/; <$fh> });
  printf "%d calls in %.1f s (%.0f calls/s), %d failed", $r->{calls}, $r->{elapsed_s},
         $r->{rps}, $r->{errors};
' "$tmp/seed.json")"

cpu_model="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
memory="$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
revision="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

# What follows the generated part stays as it was: the profile notes kept by
# hand ("## Where the time goes") and the sections bench-network.sh and
# bench-limits.sh write.
kept_sections=""
if [[ -f "$output" ]]; then
  kept_sections="$(awk '$0 == "## Where the time goes" || $0 == "## Network reads on a large firm" ||
    $0 == "## Shedding, rate limits and TLS" || $0 == "## Write-ahead log under sustained writes" { on = 1 }
    on { print }' "$output")"
fi

mkdir -p "$(dirname "$output")"
{
  echo "# Benchmarks"
  echo
  echo "Measured with \`./bench.sh\`: refnet-server on SQLite with Redis as cache, both on"
  echo "loopback with refnet-loadgen on the same machine, closed loop with $in_flight calls in"
  echo "flight over $channels connections, ${duration_s} s per scenario after 1 s of warm-up."
  echo "Every scenario run first measures \`grpc.health.v1.Health/Check\` with the same"
  echo "settings; *ratio to health* is the scenario's throughput over that baseline, the"
  echo "most the RPC layer serves on this machine. Latencies are per call, in milliseconds."
  echo
  echo "## Machine"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- revision: $revision"
  echo "- cores: $(nproc), CPU: ${cpu_model:-unknown}"
  echo "- memory: $memory"
  echo "- kernel: $(uname -sr)"
  echo
  echo "## Data"
  echo
  echo "Firm \`$firm\`: $members members, $contacts contacts, $favours favours; seeding took $seed_line."
  echo
  echo "## Results"
  echo
  echo "$table"
  echo
  echo "refnet-server resident memory (VmRSS) after the runs: $server_rss."
  echo
  echo "## Targets"
  echo
  echo "$targets"
  echo
  echo "## Commands"
  echo
  print_commands
  if [[ -n "$kept_sections" ]]; then
    echo
    echo "$kept_sections"
  fi
} > "$output"

echo
echo "$table"
echo
echo "$targets"
echo
echo "server VmRSS: $server_rss; report written to $output"
