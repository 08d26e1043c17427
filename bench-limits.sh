#!/usr/bin/env bash
# Measures what keeps refnet-server usable under abuse and what TLS costs, and
# writes the "Shedding, rate limits and TLS" section of docs/BENCHMARKS.md:
#
# - noisy neighbour: firm A offers 10x its rate limit while firm B runs the
#   mix at its normal rate; B's errors and p99 against B alone, and the share
#   of A's excess refused with RESOURCE_EXHAUSTED;
# - overload: 6,000 concurrent callers of RecordFavour, each sending its next
#   call as soon as the last is answered (closed loop), and an open loop
#   offering several times what the server can write with up to 6,000
#   outstanding: how fast the excess is refused, whether admitted calls
#   finish, and the server's RSS after an ordinary warm-up, at its peak and
#   15 s after; the closed loop once more with the bounds lifted;
# - TLS: cached GetBalance and Health/Check throughput over TLS as a ratio of
#   plaintext, alternating servers on the same store twice.
#
# Environment: BENCH_DURATION_S (10), BENCH_RATE_LIMIT (200 calls/s per firm),
# BENCH_QUIET_RATE (100 calls/s for firm B), BENCH_NOISY_FACTOR (10),
# BENCH_OVERLOAD_IN_FLIGHT (6000), BENCH_OVERLOAD_CHANNELS (64),
# BENCH_OVERLOAD_RATE (8000 calls/s offered in the open loop),
# BENCH_CONTACTS (1000), BENCH_FAVOURS (5000), BENCH_MEMBERS (20),
# BENCH_OUTPUT (docs/BENCHMARKS.md), REFNET_BUILD_DIR (build).
set -euo pipefail
cd "$(dirname "$0")"

duration_s="${BENCH_DURATION_S:-10}"
rate_limit="${BENCH_RATE_LIMIT:-200}"
quiet_rate="${BENCH_QUIET_RATE:-100}"
noisy_factor="${BENCH_NOISY_FACTOR:-10}"
overload_in_flight="${BENCH_OVERLOAD_IN_FLIGHT:-6000}"
overload_channels="${BENCH_OVERLOAD_CHANNELS:-64}"
overload_rate="${BENCH_OVERLOAD_RATE:-8000}"
contacts="${BENCH_CONTACTS:-1000}"
favours="${BENCH_FAVOURS:-5000}"
members="${BENCH_MEMBERS:-20}"
output="${BENCH_OUTPUT:-docs/BENCHMARKS.md}"
build_dir="${REFNET_BUILD_DIR:-build}"
section="## Shedding, rate limits and TLS"
noisy_rate=$((rate_limit * noisy_factor))

server_bin="$build_dir/services/server/refnet-server"
ctl="$build_dir/clients/refnetctl/refnetctl"
loadgen="$build_dir/clients/loadgen/refnet-loadgen"
script=bench-limits.sh
# shellcheck source=bench-lib.sh
source ./bench-lib.sh
require_tools redis-server perl openssl
./build.sh

commands=("$redis_shown")
# Starts the server with extra flags and notes how.
serve() {
  start_server "$@"
  commands+=("$(shown "$server_shown" "$@")")
}

start_redis
serve
for firm in noisy quiet; do
  create_firm "$firm"
  echo "seeding firm $firm: $contacts contacts, $favours favours..." >&2
  run "$tmp/seed-$firm.json" "$loadgen" seed --target "$target" --token-file "$tmp/$firm.token" \
    --firm "$firm" --members "$members" --contacts "$contacts" --favours "$favours" \
    --in-flight 64 --json
done
stop_server

shape=(--members "$members" --contacts "$contacts")

# 1. Noisy neighbour.
serve --firm-rate-limit-rps "$rate_limit" --firm-rate-burst "$rate_limit"
echo "firm quiet alone at $quiet_rate calls/s for ${duration_s}s..." >&2
run "$tmp/quiet-alone.json" "$loadgen" run --target "$target" --token-file "$tmp/quiet.token" \
  --firm quiet --scenario mix --rate "$quiet_rate" --channels 2 --duration-s "$duration_s" \
  "${shape[@]}" --json
echo "firm noisy at $noisy_rate calls/s beside firm quiet at $quiet_rate calls/s..." >&2
noisy_args=(run --target "$target" --token-file "$tmp/noisy.token" --firm noisy --scenario mix
  --rate "$noisy_rate" --channels 4 --duration-s "$duration_s" "${shape[@]}" --json)
commands+=("$(shown "$loadgen" "${noisy_args[@]}") > \$BENCH_TMP/noisy.json &")
"$loadgen" "${noisy_args[@]}" > "$tmp/noisy.json" &
noisy_pid=$!
run "$tmp/quiet-beside.json" "$loadgen" run --target "$target" --token-file "$tmp/quiet.token" \
  --firm quiet --scenario mix --rate "$quiet_rate" --channels 2 --duration-s "$duration_s" \
  "${shape[@]}" --json
wait "$noisy_pid"
stop_server

# 2. Overload: `overload NAME LOOP FLAGS...` warms a server started with
# FLAGS up with an ordinary closed loop (64 in flight), then runs LOOP (the
# loadgen flags of the overload) while sampling the server's RSS every 0.2 s,
# and reads it again 15 s after.
overload() {
  local name="$1" loop="$2"
  shift 2
  serve "$@"
  local common=(run --target "$target" --token-file "$tmp/noisy.token" --firm noisy
    --scenario record-favour --duration-s "$duration_s" "${shape[@]}" --json)
  run /dev/null "$loadgen" "${common[@]}" --in-flight 64 --channels 4
  sleep 5
  local before
  before="$(server_rss_kb)"
  echo "overload ($name): $loop for ${duration_s}s..." >&2
  # shellcheck disable=SC2206
  local args=("${common[@]}" $loop --channels "$overload_channels")
  commands+=("$(shown "$loadgen" "${args[@]}") > \$BENCH_TMP/overload-$name.json")
  "$loadgen" "${args[@]}" > "$tmp/overload-$name.json" &
  local loadgen_pid=$!
  local peak="$before"
  while kill -0 "$loadgen_pid" 2>/dev/null; do
    local now
    now="$(server_rss_kb)"
    (( now > peak )) && peak="$now"
    sleep 0.2
  done
  wait "$loadgen_pid"
  sleep 15
  local after
  after="$(server_rss_kb)"
  echo "$before $peak $after" > "$tmp/overload-$name.rss"
  stop_server
}
closed_loop="--in-flight $overload_in_flight"
open_loop="--rate $overload_rate --max-in-flight $overload_in_flight"
# One firm makes all the calls here, so its share of the server
# (--firm-max-in-flight) is lifted: what is measured is the server's own bound.
overload closed "$closed_loop" --firm-max-in-flight 0
overload open "$open_loop" --firm-max-in-flight 0
overload unbounded "$closed_loop" --firm-max-in-flight 0 --max-in-flight 1000000 \
  --handler-queue-max 100000

# 3. TLS: a CA and a server certificate for 127.0.0.1, then plaintext and
# TLS servers on the same store, twice each.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -subj /CN=bench-ca -keyout "$tmp/ca.key" -out "$tmp/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=bench-server \
  -keyout "$tmp/server.key" -out "$tmp/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$tmp/server.ext"
openssl x509 -req -days 1 -in "$tmp/server.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" \
  -set_serial 1 -extfile "$tmp/server.ext" -out "$tmp/server.pem" 2>/dev/null
commands+=("openssl req/x509: a CA (\$BENCH_TMP/ca.pem) and a P-256 server certificate for IP:127.0.0.1 (\$BENCH_TMP/server.pem, server.key)")
for round in 1 2; do
  for transport in plain tls; do
    tls_server=() tls_client=()
    if [[ "$transport" == tls ]]; then
      tls_server=(--tls-cert-file "$tmp/server.pem" --tls-key-file "$tmp/server.key")
      tls_client=(--tls-ca-file "$tmp/ca.pem")
    fi
    serve "${tls_server[@]}"
    echo "get-balance over $transport (round $round)..." >&2
    run "$tmp/$transport-$round.json" "$loadgen" run --target "$target" \
      --token-file "$tmp/quiet.token" --firm quiet --scenario get-balance --in-flight 64 \
      --channels 4 --duration-s "$duration_s" "${shape[@]}" "${tls_client[@]}" --json
    stop_server
  done
done

# The figures, from the JSON reports.
figures="$(perl -MJSON::PP -e '
  my ($tmp, $limit, $duration, $factor, $quiet_rate) = @ARGV;
  sub load { open my $fh, "<", "$tmp/$_[0]" or die "$_[0]: $!"; decode_json(do { local $/; <$fh> }) }
  sub codes { my $r = shift; join(", ", map { "$_ $r->{errors_by_code}{$_}" } sort keys %{$r->{errors_by_code}}) || "none" }
  my $alone = load("quiet-alone.json"); my $beside = load("quiet-beside.json"); my $noisy = load("noisy.json");
  my $allowed = $limit * $duration;
  my $excess = $noisy->{calls} - $allowed;
  my $refused = $noisy->{errors_by_code}{RESOURCE_EXHAUSTED} // 0;
  my $share = $excess > 0 ? $refused / $excess : 0;
  my $p99_ratio = $alone->{p99_ms} > 0 ? $beside->{p99_ms} / $alone->{p99_ms} : 0;
  print "### Noisy neighbour\n\n";
  printf "Rate limit %d calls/s per firm (burst %d). Firm quiet runs the mix at %d calls/s; firm noisy offers the mix at %d calls/s (%d x its limit).\n\n",
    $limit, $limit, $quiet_rate, $limit * $factor, $factor;
  print "| run | calls | rps | p50 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|---|\n";
  for my $row (["quiet alone", $alone], ["quiet beside noisy", $beside], ["noisy", $noisy]) {
    my ($name, $r) = @$row;
    printf "| %s | %d | %.1f | %.3f | %.3f | %s |\n", $name, $r->{calls}, $r->{rps}, $r->{p50_ms}, $r->{p99_ms},
      $r->{errors} ? "$r->{errors} (" . codes($r) . ")" : "0";
  }
  printf "\nNoisy offered %d calls in the %d s window; its limit allows about %d; of the %d beyond, %d were refused with RESOURCE_EXHAUSTED (refused calls answered in p50 %.3f ms, p99 %.3f ms).\n\n",
    $noisy->{calls}, $duration, $allowed, $excess, $refused, $noisy->{refused_p50_ms}, $noisy->{refused_p99_ms};
  print "### Overload\n\n";
  print "One firm makes every call, with its share of the server (--firm-max-in-flight) lifted so that the server-wide bounds are what is measured. RSS before is after an ordinary closed loop of 64 calls in flight; *after* is 15 s after the load.\n\n";
  print "| load | calls | OK | refused | other errors | OK p99 ms | refused p50 ms | refused p99 ms | refused max ms | RSS before MB | peak MB | 15 s after MB |\n";
  print "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n";
  my %over;
  my %label = (closed => "closed loop, $ARGV[5] callers", open => "open loop, $ARGV[6] calls/s offered",
               unbounded => "closed loop, bounds lifted");
  for my $name (qw(closed open unbounded)) {
    my $r = load("overload-$name.json");
    open my $fh, "<", "$tmp/overload-$name.rss" or die; my ($b, $p, $a) = split " ", <$fh>;
    my $re = $r->{errors_by_code}{RESOURCE_EXHAUSTED} // 0;
    my %other = %{$r->{errors_by_code}}; delete $other{RESOURCE_EXHAUSTED};
    my $other = join(", ", map { "$_ $other{$_}" } sort keys %other) || "0";
    $over{$name} = { r => $r, before => $b / 1024, peak => $p / 1024, after => $a / 1024, other => $other };
    printf "| %s | %d | %d | %d | %s | %.1f | %.3f | %.3f | %.1f | %.1f | %.1f | %.1f |\n",
      $label{$name}, $r->{calls}, $r->{calls} - $r->{errors}, $re, $other,
      $r->{ok_p99_ms}, $r->{refused_p50_ms}, $r->{refused_p99_ms}, $r->{refused_max_ms}, $b / 1024, $p / 1024, $a / 1024;
  }
  my $c = $over{closed}{r};
  printf "\nIn the closed loop each refused caller sends again at once, so the server always holds %d calls; it answers %.0f calls/s, so by Little%ss law each call waits about %.0f ms (%d / %.0f) wherever it queues, in the client or the server. No server reaches 50 ms that way: %d callers would need %.0f answers/s. The open loop offers calls at a fixed rate whatever the answers, as many independent clients do; there the excess is refused at once.\n",
    $ARGV[5], $c->{rps}, chr(39), 1000 * $ARGV[5] / $c->{rps}, $ARGV[5], $c->{rps}, $ARGV[5], $ARGV[5] / 0.05;
  print "\n### TLS\n\n| round | Health rps plaintext | Health rps TLS | ratio | GetBalance rps plaintext | GetBalance rps TLS | ratio |\n|---|---:|---:|---:|---:|---:|---:|\n";
  my (@health_ratios, @balance_ratios);
  for my $round (1, 2) {
    my $p = load("plain-$round.json"); my $t = load("tls-$round.json");
    my $hr = $t->{health_rps} / $p->{health_rps}; my $br = $t->{rps} / $p->{rps};
    push @health_ratios, $hr; push @balance_ratios, $br;
    printf "| %d | %.0f | %.0f | %.3f | %.0f | %.0f | %.3f |\n", $round, $p->{health_rps}, $t->{health_rps}, $hr, $p->{rps}, $t->{rps}, $br;
  }
  my $b = $over{closed};
  my $o = $over{open};
  my $growth = $b->{peak} - $b->{before};
  print "\n### Targets\n\n| target | measured | bar | met |\n|---|---:|---:|---|\n";
  printf "| quiet firm errors beside the noisy one | %d | 0 | %s |\n", $beside->{errors}, $beside->{errors} == 0 ? "met" : "missed";
  printf "| quiet firm p99 beside / alone | %.2f | 1.5 | %s |\n", $p99_ratio, $p99_ratio <= 1.5 ? "met" : "missed";
  printf "| share of the noisy firm%ss excess refused | %.3f | 0.9 | %s |\n", chr(39), $share, $share >= 0.9 ? "met" : "missed";
  printf "| overload, open loop: refused calls answered within, p99 ms | %.3f | 50 | %s |\n", $o->{r}{refused_p99_ms}, $o->{r}{refused_p99_ms} <= 50 ? "met" : "missed";
  printf "| overload, closed loop: refused calls answered within, p99 ms | %.3f | 50 | %s |\n", $b->{r}{refused_p99_ms}, $b->{r}{refused_p99_ms} <= 50 ? "met" : "missed";
  printf "| overload: admitted calls that failed (both loops) | %s; %s | 0 | %s |\n", $b->{other}, $o->{other}, $b->{other} eq "0" && $o->{other} eq "0" ? "met" : "missed";
  printf "| overload, closed loop: RSS growth at the peak, MB | %.1f | 64 | %s |\n", $growth, $growth < 64 ? "met" : "missed";
  printf "| overload, closed loop: RSS 15 s after, above before, MB | %.1f | (falls back) | %s |\n", $b->{after} - $b->{before},
    $b->{after} - $b->{before} < $growth / 2 ? "met" : "missed";
  printf "| TLS / plaintext, Health rps (mean of 2) | %.3f | - | reported |\n", ($health_ratios[0] + $health_ratios[1]) / 2;
  printf "| TLS / plaintext, cached GetBalance rps (mean of 2) | %.3f | - | reported |\n", ($balance_ratios[0] + $balance_ratios[1]) / 2;
' "$tmp" "$rate_limit" "$duration_s" "$noisy_factor" "$quiet_rate" "$overload_in_flight" \
  "$overload_rate")"

cpu_model="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
revision="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
report="$tmp/section.md"
{
  echo "$section"
  echo
  echo "Measured with \`./bench-limits.sh\`: refnet-server on SQLite with Redis as cache,"
  echo "refnet-loadgen on the same machine over loopback; two firms of $contacts contacts and"
  echo "$favours favours each, seeded through the API. Every run lasts ${duration_s} s after"
  echo "1 s of warm-up, after a health baseline at the same settings. Date"
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), revision $revision, $(nproc) cores (${cpu_model:-unknown})."
  echo "Open-loop latencies count from each call's intended start."
  echo
  echo "$figures"
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
