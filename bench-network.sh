#!/usr/bin/env bash
# Builds refnet, writes a large synthetic firm straight into a SQLite store
# with `refnet-loadgen seed-store`, starts a throwaway refnet-server on that
# store (a local Redis as cache), and measures the reads of member m0, who
# knows the most contacts: health, find-intro-paths, suggest-introductions and
# weekly-review, each with 1 call in flight (latency) and with 8 (throughput).
# Writes the "Network reads on a large firm" section of docs/BENCHMARKS.md
# (replacing an earlier one) and prints its tables.
#
# A scenario whose calls fail is reported with its error codes, not measured
# as fast, and makes the script exit 1.
#
# Environment: BENCH_NET_MEMBERS (default 500), BENCH_NET_CONTACTS (100000),
# BENCH_NET_RELATIONSHIPS (1000000), BENCH_NET_CONNECTIONS (1000000),
# BENCH_NET_FAVOURS (1000000), BENCH_NET_HUB_CONTACTS (5000), BENCH_NET_SEED (1),
# BENCH_NET_IN_FLIGHT (8), BENCH_DURATION_S (10), BENCH_OUTPUT
# (docs/BENCHMARKS.md), REFNET_BUILD_DIR (build).
set -euo pipefail
cd "$(dirname "$0")"

members="${BENCH_NET_MEMBERS:-500}"
contacts="${BENCH_NET_CONTACTS:-100000}"
relationships="${BENCH_NET_RELATIONSHIPS:-1000000}"
connections="${BENCH_NET_CONNECTIONS:-1000000}"
favours="${BENCH_NET_FAVOURS:-1000000}"
hub_contacts="${BENCH_NET_HUB_CONTACTS:-5000}"
seed="${BENCH_NET_SEED:-1}"
throughput_in_flight="${BENCH_NET_IN_FLIGHT:-8}"
duration_s="${BENCH_DURATION_S:-10}"
output="${BENCH_OUTPUT:-docs/BENCHMARKS.md}"
build_dir="${REFNET_BUILD_DIR:-build}"
scenarios=(health find-intro-paths suggest-introductions weekly-review)
section="## Network reads on a large firm"
firm=bench
# FindIntroPaths should answer within this many milliseconds, p50 and p99.
paths_bar_ms=20
# GetWeeklyReview should answer within this many milliseconds, p50.
review_bar_ms=20

server_bin="$build_dir/services/server/refnet-server"
ctl="$build_dir/clients/refnetctl/refnetctl"
loadgen="$build_dir/clients/loadgen/refnet-loadgen"
script=bench-network.sh
# shellcheck source=bench-lib.sh
source ./bench-lib.sh
require_tools redis-server perl
./build.sh

echo "seeding the store: $members members, $contacts contacts, $relationships relationships," \
  "$connections connections, $favours favours..." >&2
run "$tmp/seed.json" "$loadgen" seed-store --store "sqlite:$tmp/refnet.db" --firm "$firm" \
  --members "$members" --contacts "$contacts" --relationships "$relationships" \
  --connections "$connections" --favours "$favours" --hub-member-contacts "$hub_contacts" \
  --seed "$seed" --json || { echo "bench-network.sh: seeding the store failed" >&2; exit 1; }

start_redis
start_server
commands+=("$redis_shown" "$server_shown")

# m0 asks for its own paths, introductions and review, as a member would.
run "$tmp/m0.token" "$ctl" token --secret-file "$tmp/secret" --firm "$firm" --member m0 \
  --role member --ttl 24h

results=()
failed_runs=()
for in_flight in 1 "$throughput_in_flight"; do
  channels=$(( in_flight < 4 ? in_flight : 4 ))
  for scenario in "${scenarios[@]}"; do
    out="$tmp/$scenario-$in_flight.json"
    echo "running $scenario with $in_flight in flight for ${duration_s}s..." >&2
    if run "$out" "$loadgen" run --target "$target" --token-file "$tmp/m0.token" --firm "$firm" \
        --scenario "$scenario" --in-flight "$in_flight" --channels "$channels" \
        --duration-s "$duration_s" --members "$members" --contacts "$contacts" --json; then
      results+=("$out")
    else
      echo "bench-network.sh: $scenario with $in_flight in flight did not complete" >&2
      failed_runs+=("$scenario with $in_flight in flight")
    fi
  done
done
kill -0 "$server_pid" 2>/dev/null || { echo "bench-network.sh: refnet-server exited:" >&2; cat "$tmp/server.log" >&2; exit 1; }
server_rss="$(awk '/^VmRSS/ {print $2, $3}' "/proc/$server_pid/status")"

# One row per run. A scenario whose calls all failed has no latency to show.
table="$(perl -MJSON::PP -e '
  my @rows = ("| scenario | in flight | calls | rps | p50 ms | p99 ms | errors |",
              "|---|---:|---:|---:|---:|---:|---|");
  for my $file (@ARGV) {
    open my $fh, "<", $file or die "$file: $!";
    my $r = decode_json(do { local $/; <$fh> });
    my $codes = join(", ", map { "$_ $r->{errors_by_code}{$_}" } sort keys %{$r->{errors_by_code}});
    my $errors = $r->{errors} ? "$r->{errors} ($codes)" : "0";
    my $failed = $r->{calls} > 0 && $r->{errors} >= $r->{calls};
    push @rows, sprintf("| %s | %d | %d | %s | %s | %s | %s |", $r->{scenario}, $r->{in_flight},
                        $r->{calls}, $failed ? "-" : sprintf("%.1f", $r->{rps}),
                        $failed ? "-" : sprintf("%.3f", $r->{p50_ms}),
                        $failed ? "-" : sprintf("%.3f", $r->{p99_ms}), $errors);
  }
  print join("\n", @rows), "\n";
' "${results[@]}")"

# Each bar, met, missed, or not measured when the calls failed: a row per
# METHOD:PERCENTILE:BAR_MS:FILE argument.
targets="$(perl -MJSON::PP -e '
  my @rows = ("| target | measured | bar | met |", "|---|---:|---:|---|");
  for my $arg (@ARGV) {
    my ($method, $p, $bar, $file) = split /:/, $arg, 4;
    my $r;
    if (open my $fh, "<", $file) { $r = decode_json(do { local $/; <$fh> }); }
    my $what = "$method $p ms, 1 in flight";
    if (!$r || $r->{calls} == 0 || $r->{errors} > 0) {
      my $why = $r ? "$r->{errors} of $r->{calls} calls failed" : "no run";
      push @rows, sprintf("| %s | %s | %d | not measured |", $what, $why, $bar);
      next;
    }
    my $v = $r->{"${p}_ms"};
    push @rows, sprintf("| %s | %.3f | %d | %s |", $what, $v, $bar, $v <= $bar ? "met" : "missed");
  }
  print join("\n", @rows), "\n";
' "FindIntroPaths:p50:$paths_bar_ms:$tmp/find-intro-paths-1.json" \
  "FindIntroPaths:p99:$paths_bar_ms:$tmp/find-intro-paths-1.json" \
  "GetWeeklyReview:p50:$review_bar_ms:$tmp/weekly-review-1.json")"

seed_table="$(perl -MJSON::PP -e '
  open my $fh, "<", $ARGV[0] or die; my $r = decode_json(do { local $/; <$fh> });
  my @rows = ("| step | rows | seconds | rows/s | CPU s |", "|---|---:|---:|---:|---:|");
  for my $step (qw(members contacts relationships connections favours activity)) {
    my $s = $r->{steps}{$step} or next;
    push @rows, sprintf("| %s | %d | %.1f | %.0f | %.1f |", $step, $s->{rows}, $s->{elapsed_s},
                        $s->{rows_per_s}, $s->{cpu_s});
  }
  push @rows, sprintf("| total | %d | %.1f | %.0f | %.1f |", $r->{rows}, $r->{elapsed_s},
                      $r->{rows_per_s}, $r->{cpu_s});
  print join("\n", @rows), "\n";
' "$tmp/seed.json")"
seed_line="$(perl -MJSON::PP -e '
  open my $fh, "<", $ARGV[0] or die; my $r = decode_json(do { local $/; <$fh> });
  printf "%.1f s, a store file of %.0f MiB", $r->{elapsed_s}, $r->{store_bytes} / 1048576;
' "$tmp/seed.json")"

cpu_model="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
memory="$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
revision="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

report="$tmp/section.md"
{
  echo "$section"
  echo
  echo "Measured with \`./bench-network.sh\`: a firm of $members members, $contacts contacts,"
  echo "$relationships relationships (member m0 knows $hub_contacts contacts), $connections"
  echo "connections and $favours favours is written straight into a SQLite store by"
  echo "\`refnet-loadgen seed-store\` (seed $seed), then refnet-server serves it with Redis as"
  echo "cache, both on loopback with refnet-loadgen on the same machine. m0 asks, with a member"
  echo "token: FindIntroPaths to a rotation of 100 contacts and, every fifth call, an"
  echo "organization (at most 4 hops, 5 paths), SuggestIntroductions (10), and its own"
  echo "GetWeeklyReview as of now (default items per section). Each run lasts"
  echo "${duration_s} s after 1 s of warm-up, closed loop, first with 1 call in flight (latency),"
  echo "then with $throughput_in_flight (throughput); health is gRPC's own \`Health/Check\`."
  echo
  echo "### Machine"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- revision: $revision"
  echo "- cores: $(nproc), CPU: ${cpu_model:-unknown}"
  echo "- memory: $memory"
  echo "- kernel: $(uname -sr)"
  echo
  echo "### Seeding"
  echo
  echo "The whole seed took $seed_line."
  echo "*CPU s* is the seeder's own CPU time: on a busy machine the wall-clock seconds"
  echo "also hold time spent waiting for a core."
  echo
  echo "$seed_table"
  echo
  echo "### Results"
  echo
  echo "$table"
  echo
  if grep -q '| - |' <<< "$table"; then
    echo "Rows whose calls all failed have no latency to show; the errors column gives"
    echo "their status codes."
    echo
  fi
  if (( ${#failed_runs[@]} > 0 )); then
    echo "Runs that did not complete: $(IFS=';'; echo "${failed_runs[*]}" | sed 's/;/; /g')."
    echo
  fi
  echo "refnet-server resident memory (VmRSS) after the runs: $server_rss."
  echo
  echo "### Targets"
  echo
  echo "$targets"
  echo
  echo "### Commands"
  echo
  print_commands
} > "$report"

# Only this section is replaced; bench.sh keeps it when it rewrites the rest.
replace_section "$output" "$section" "$report"

echo
echo "$seed_table"
echo
echo "$table"
echo
echo "$targets"
echo
echo "server VmRSS: $server_rss; section \"${section#\#\# }\" written to $output"
failures="$(perl -MJSON::PP -e '
  for my $file (@ARGV) {
    open my $fh, "<", $file or next; my $r = decode_json(do { local $/; <$fh> });
    next unless $r->{errors};
    my $codes = join(", ", map { "$_=$r->{errors_by_code}{$_}" } sort keys %{$r->{errors_by_code}});
    printf "%s with %d in flight: %d of %d calls failed (%s)\n", $r->{scenario}, $r->{in_flight},
           $r->{errors}, $r->{calls}, $codes;
  }' "${results[@]}")"
if [[ -n "$failures" || ${#failed_runs[@]} -gt 0 ]]; then
  echo >&2
  echo "bench-network.sh: some calls failed; see the errors column:" >&2
  [[ -n "$failures" ]] && echo "$failures" >&2
  exit 1
fi
