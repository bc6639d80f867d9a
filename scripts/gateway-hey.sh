#!/usr/bin/env bash
# The gateway's added latency measured with tools that are not part of the project: Debian's hey (pinned to core 1)
# against a Node.js OpenAI-compatible mock (scripts/mock-upstream.js, its own process), directly and through the
# packaged server with a key whose defaultPolicy is none, in PostgreSQL mode and in local mode (H2 and the in-JVM
# Kafka broker), all in one run. Each mode: a warm-up, then rounds that alternate direct and gateway runs; the table
# gives each run and the gateway's p50/p99 minus the direct run's beside it.
# usage: scripts/gateway-hey.sh [jar] [rate req/s] [requests per run] [extra JVM options]
#   MODES='postgres local'  which modes (default both)
#   ROUNDS=2                rounds per mode
#   MODEL=echo              the built-in echo model instead of the Node upstream (no upstream call)
#   WARMUP=20000            requests through the gateway before measuring: with fewer, C2 compiles during the
#                           rounds (3,000 left it half the server's CPU)
#   PROFILE=/tmp/gw         a JFR recording of each mode's measured rounds, in /tmp/gw-<mode>.jfr
#   POLICY=default          the key's gateway policy (default none: the gateway alone); with a model policy, pass
#                           -Dparapet.embeddings.cacheSize=0 -Dparapet.entities.cacheSize=0
#                           -Dparapet.entities.runCacheBytes=0 so that the one body hey repeats is scanned like a new
#                           message every time
#   CONTENT_CHARS=1024      the user message: this many characters of support-desk text (default a 31-character hello)
# The mock prints, at exit, how many requests and connections it saw and how many asked for an h2c upgrade.
set -euo pipefail
JAR=$(realpath "${1:-server/target/parapet.jar}"); RATE=${2:-500}; N=${3:-5000}; shift $(( $# < 3 ? $# : 3 ))
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
MOCK_PORT=18555; PORT=18080; ADMIN=pk_hey-admin-key-0000000000000000000000000000
WORK=$(mktemp -d); DB=hey_$$; SRV=
for tool in hey node taskset; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install hey nodejs util-linux)"; exit 2; }; done
node "$(dirname "$0")/mock-upstream.js" $MOCK_PORT > "$WORK/mock.log" 2>&1 & MOCK=$!
cleanup() {
  [ -n "$SRV" ] && kill $SRV 2>/dev/null; kill $MOCK 2>/dev/null; sleep 2
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  cat "$WORK/mock.log" >&2; rm -rf "$WORK"
}
trap cleanup EXIT
C=$(( RATE / 100 )); [ $C -lt 1 ] && C=1; Q=$(( RATE / C ))
CONTENT="Hello there, how are you today?"
if [ -n "${CONTENT_CHARS:-}" ]; then
  PARAGRAPH="Thanks for reaching out about your order. Our support team reviewed the account history and found that the last payment was processed on Tuesday. If you still see a pending charge, please reply with the transaction reference and we will look into it within two business days. "
  CONTENT=""; while [ ${#CONTENT} -lt "$CONTENT_CHARS" ]; do CONTENT+=$PARAGRAPH; done
  CONTENT=${CONTENT:0:$CONTENT_CHARS}
fi
BODY='{"model":"'${MODEL:-node}'","messages":[{"role":"user","content":"'$CONTENT'"}]}'
echo "$BODY" > "$WORK/body.json"

start() { # mode
  local env=(PARAPET_PORT=$PORT PARAPET_BOOTSTRAP_ADMIN_KEY=$ADMIN PARAPET_OUTBOUND_ALLOWED_PRIVATE_NETWORKS=127.0.0.0/8
             PARAPET_LOG_LEVEL=WARN PARAPET_HOME="$WORK/home-$1" PARAPET_KAFKA_LOCAL_PORT=0)
  if [ "$1" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" >/dev/null
    env+=(PARAPET_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PARAPET_DB_USER=postgres PARAPET_DB_PASSWORD=
          PARAPET_MASTER_KEY=$(head -c 32 /dev/urandom | base64))
  fi
  (cd "$WORK" && exec env "${env[@]}" $JAVA --enable-native-access=ALL-UNNAMED "${JVM_OPTS[@]}" -jar "$JAR") \
    > "$WORK/server-$1.log" 2>&1 & SRV=$!
  for i in $(seq 1 180); do curl -sf localhost:$PORT/health >/dev/null && return; sleep 1; done
  echo "the server did not start in $1 mode:"; tail -20 "$WORK/server-$1.log"; exit 1
}

stop() {
  kill $SRV; wait $SRV 2>/dev/null || true; SRV=
}

seed() { # prints a chat key
  local h="Authorization: Bearer $ADMIN"
  curl -sf -X POST localhost:$PORT/api/v1/models/node/versions -H "$h" -H 'Content-Type: application/json' \
    -d "{\"provider\":\"openai\",\"modelId\":\"mock\",\"baseUrl\":\"http://127.0.0.1:$MOCK_PORT/v1\",\"credential\":\"x\",\"commitMessage\":\"hey\"}" >/dev/null
  curl -sf -X POST localhost:$PORT/api/v1/api-keys -H "$h" -H 'Content-Type: application/json' \
    -d '{"name":"hey","roles":["chat"],"gateway":{"defaultPolicy":"'${POLICY:-none}'"}}' | sed 's/.*"key":"\([^"]*\)".*/\1/'
}

cpu_ticks() { # user + system clock ticks of a process
  awk '{print $14 + $15}' /proc/$1/stat
}

load() { # requests url key -> "p50 p99 ok" in ms
  taskset -c 1 hey -n "$1" -c $C -q $Q -m POST -T application/json -H "Authorization: Bearer $3" -D "$WORK/body.json" "$2" \
    | awk '/ 50% in/{p50=$3} / 99% in/{p99=$3} /\[200\]/{ok=$2} END{printf "%.2f %.2f %d\n", p50*1000, p99*1000, ok}'
}

JVM_OPTS=("$@")
echo "hey at $RATE req/s ($C workers), $N requests per run; hey pinned to core 1; upstream: ${MODEL:-node (Node.js mock)};" \
  "policy ${POLICY:-none}; message ${#CONTENT} characters"
echo
echo "| mode | round | direct p50 | direct p99 | gateway p50 | gateway p99 | added p50 | added p99 | ok | server CPU per request | RSS |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for mode in ${MODES:-postgres local}; do
  start $mode
  KEY=$(seed)
  load ${WARMUP:-20000} http://127.0.0.1:$PORT/v1/chat/completions "$KEY" >/dev/null   # warm-up: JIT, pools, caches
  load 1000 http://127.0.0.1:$MOCK_PORT/v1/chat/completions x >/dev/null
  if [ -n "${PROFILE:-}" ]; then # a JFR recording of the measured rounds only, not of start and warm-up
    "${JAVA%/java}/jcmd" $SRV JFR.start name=rounds settings=profile filename="$PROFILE-$mode.jfr" >/dev/null
  fi
  for round in $(seq 1 ${ROUNDS:-2}); do
    read -r dp50 dp99 _ < <(load $N http://127.0.0.1:$MOCK_PORT/v1/chat/completions x)
    cpu0=$(cpu_ticks $SRV)
    read -r gp50 gp99 ok < <(load $N http://127.0.0.1:$PORT/v1/chat/completions "$KEY")
    cpu=$(awk -v a=$cpu0 -v b=$(cpu_ticks $SRV) -v n=$N -v hz=$(getconf CLK_TCK) 'BEGIN{printf "%.2f ms", (b-a)*1000/hz/n}')
    rss=$(awk '/VmRSS/{printf "%d MiB", $2/1024}' /proc/$SRV/status)
    awk -v m=$mode -v r=$round -v a=$dp50 -v b=$dp99 -v c=$gp50 -v d=$gp99 -v ok=$ok -v n=$N -v rss="$rss" -v cpu="$cpu" \
      'BEGIN{printf "| %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %d/%d | %s | %s |\n", m, r, a, b, c, d, c-a, d-b, ok, n, cpu, rss}'
  done
  [ -n "${PROFILE:-}" ] && "${JAVA%/java}/jcmd" $SRV JFR.stop name=rounds >/dev/null
  stop
done
