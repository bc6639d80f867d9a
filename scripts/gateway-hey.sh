#!/usr/bin/env bash
# The gateway's added latency measured with tools that are not part of the project: Debian's hey (pinned to core 1)
# against a Node.js OpenAI-compatible mock (scripts/mock-upstream.js, its own process), directly and through the
# packaged server in PostgreSQL mode with a key whose defaultPolicy is none. Two rounds after a warm-up.
# usage: scripts/gateway-hey.sh [jar] [rate req/s] [requests per run] [extra JVM options]
#   MODEL=echo     the built-in echo model instead of the Node upstream (no upstream call)
#   DBOPTS='?…'    JDBC URL options, e.g. '?options=-c%20synchronous_commit%3Doff'
#   PROBE=1        also 300 sequential curl calls to each
# The mock prints, at exit, how many requests and connections it saw and how many asked for an h2c upgrade.
set -euo pipefail
JAR=${1:-server/target/parapet.jar}; RATE=${2:-200}; N=${3:-3000}; shift 3 || true
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
MOCK_PORT=18555; PORT=18080; ADMIN=pk_hey-admin-key-0000000000000000000000000000
DB=hey_$$
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" >/dev/null
node "$(dirname "$0")/mock-upstream.js" $MOCK_PORT > /tmp/mock.log 2>&1 & MOCK=$!
MASTER=$(head -c 32 /dev/urandom | base64)
PARAPET_PORT=$PORT PARAPET_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB${DBOPTS:-}" PARAPET_DB_USER=postgres PARAPET_DB_PASSWORD= \
  PARAPET_BOOTSTRAP_ADMIN_KEY=$ADMIN PARAPET_OUTBOUND_ALLOWED_PRIVATE_NETWORKS=127.0.0.0/8 PARAPET_MASTER_KEY=$MASTER \
  PARAPET_LOG_LEVEL=WARN $JAVA --enable-native-access=ALL-UNNAMED "$@" -jar $JAR > /tmp/gw-server.log 2>&1 & SRV=$!
trap 'kill $SRV $MOCK 2>/dev/null; sleep 2; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null' EXIT
for i in $(seq 1 120); do curl -sf localhost:$PORT/health >/dev/null && break; sleep 1; done
H="Authorization: Bearer $ADMIN"
curl -sf -X POST localhost:$PORT/api/v1/models/node/versions -H "$H" -H 'Content-Type: application/json' \
  -d "{\"provider\":\"openai\",\"modelId\":\"mock\",\"baseUrl\":\"http://127.0.0.1:$MOCK_PORT/v1\",\"credential\":\"x\",\"commitMessage\":\"hey\"}" >/dev/null
KEY=$(curl -sf -X POST localhost:$PORT/api/v1/api-keys -H "$H" -H 'Content-Type: application/json' \
  -d '{"name":"hey","roles":["chat"],"gateway":{"defaultPolicy":"none"}}' | sed 's/.*"key":"\([^"]*\)".*/\1/')
BODY='{"model":"'${MODEL:-node}'","messages":[{"role":"user","content":"Hello there, how are you today?"}]}'
echo "$BODY" > /tmp/body.json
C=$(( RATE / 100 )); [ $C -lt 1 ] && C=1; Q=$(( RATE / C ))
run() { # name url key
  taskset -c 1 hey -n $N -c $C -q $Q -m POST -T application/json -H "Authorization: Bearer $3" -D /tmp/body.json "$2" \
    | awk -v n="$1" '/Requests\/sec/{r=$2} / 50% in/{p50=$3} / 99% in/{p99=$3} /\[200\]/{ok=$2} END{printf "%-10s %6.0f req/s  p50 %6.2f ms  p99 %6.2f ms  ok %s\n", n, r, p50*1000, p99*1000, ok}'
}
# warm-up
taskset -c 1 hey -n 2000 -c $C -q $Q -m POST -T application/json -H "Authorization: Bearer $KEY" -D /tmp/body.json http://127.0.0.1:$PORT/v1/chat/completions >/dev/null
taskset -c 1 hey -n 1000 -c $C -q $Q -m POST -T application/json -D /tmp/body.json http://127.0.0.1:$MOCK_PORT/v1/chat/completions >/dev/null
for round in 1 2; do
  run direct http://127.0.0.1:$MOCK_PORT/v1/chat/completions x
  run gateway http://127.0.0.1:$PORT/v1/chat/completions $KEY
done
echo "RSS $(grep VmRSS /proc/$SRV/status)"
if [ -n "${PROBE:-}" ]; then
  for i in $(seq 1 300); do
    curl -s -o /dev/null -D - -w 'total %{time_total} start %{time_starttransfer}\n' -X POST http://127.0.0.1:$PORT/v1/chat/completions \
      -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d @/tmp/body.json | grep -i "overhead\|total"
  done > /tmp/probe.txt
  python3 - <<'PY'
import re,statistics
t=open('/tmp/probe.txt').read()
o=[float(x) for x in re.findall(r'x-parapet-overhead-ms: ([\d.]+)',t)]
tot=[float(x)*1000 for x in re.findall(r'total ([\d.]+)',t)]
print("sequential curl: overhead header p50 %.2f ms; total p50 %.2f ms (n=%d)"%(statistics.median(o),statistics.median(tot),len(o)))
PY
  for i in $(seq 1 300); do curl -s -o /dev/null -w 'total %{time_total}\n' -X POST http://127.0.0.1:$MOCK_PORT/v1/chat/completions -d @/tmp/body.json; done > /tmp/probe2.txt
  python3 -c "
import re,statistics;t=open('/tmp/probe2.txt').read();tot=[float(x)*1000 for x in re.findall(r'total ([\d.]+)',t)];print('sequential curl direct: total p50 %.2f ms'%statistics.median(tot))"
fi
