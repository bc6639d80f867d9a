#!/usr/bin/env bash
# The streaming monitors end to end, in local mode: starts Parapet with 20-second windows and a small drift
# reference, sends traffic through the gateway (benign, then about another topic, then toxic), and shows the alerts
# the monitors raise in the API; the server keeps running so the web UI's Monitors page can be looked at.
#
#   scripts/monitors-demo.sh          # about 2 minutes; needs curl and a JDK 21 or later
#
# Windows of 20 s and a reference of 60 requests keep it short; the defaults are 1 min/5 min/1 h and 500.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PARAPET_DEMO_PORT:-8090}
DEMO_HOME=$(mktemp -d "${TMPDIR:-/tmp}/parapet-demo.XXXXXX")
URL="http://localhost:$PORT"
export PARAPET_HOME="$DEMO_HOME" PARAPET_PORT="$PORT" PARAPET_KAFKA_LOCAL_PORT=0
export PARAPET_MONITORS_WINDOWS=20s PARAPET_MONITORS_GRACE=2s PARAPET_MONITORS_MIN_SAMPLES=10
export PARAPET_MONITORS_DRIFT_REFERENCE_SIZE=60 PARAPET_MONITORS_DRIFT_MIN_SAMPLES=30
export PARAPET_MONITORS_DRIFT_SEMANTIC_PER_SECOND=0

echo "Starting Parapet in local mode on $URL (data in $DEMO_HOME, log in $DEMO_HOME/server.log)…"
./parapet > "$DEMO_HOME/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 180); do
  if curl -fs "$URL/health" > /dev/null 2>&1 && [ -s "$DEMO_HOME/admin-key" ]; then break; fi
  if ! kill -0 "$SERVER" 2> /dev/null; then echo "the server stopped; see $DEMO_HOME/server.log"; exit 1; fi
  sleep 1
done
KEY=$(cat "$DEMO_HOME/admin-key")
api() { curl -fsS -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }

# A policy that scores toxicity on both sides but only warns: toxic answers are served, scored, and counted.
api -X POST "$URL/api/v1/guardrails/policies/demo/watch/versions" -d '{"commitMessage": "demo",
  "labels": ["production"], "policy": {"scanners": [{"type": "toxicity", "action": "warn"}]}}' > /dev/null
api -X POST "$URL/api/v1/prompts/demo/support/versions" -d '{"template": "Answer the customer briefly.",
  "model": {"name": "echo"}, "guardrails": "demo/watch@production", "commitMessage": "demo",
  "labels": ["production"]}' > /dev/null

CHAT_KEY=$(api -X POST "$URL/api/v1/api-keys" -d '{"name": "demo-chat", "roles": ["chat"]}' \
  | grep -o '"key":"[^"]*"' | cut -d'"' -f4)

BILLING=("How do I get a refund for invoice %d?" "Why was my card charged twice for order %d?"
  "Can you send me the receipt for payment %d?" "I need to update the billing address on account %d."
  "When will the refund for order %d reach my bank?" "My invoice %d shows the wrong amount, can you fix it?")
FOOTBALL=("Who scored the winning goal in match %d last night?" "Was the referee right to give that penalty in game %d?"
  "Which striker leads the league after round %d?" "How many fans fit in the stadium for derby %d?")
TOXIC=("You are a worthless stupid idiot and everyone hates you, shut up." "Shut up you pathetic moron, nobody wants you here."
  "You are disgusting trash and a complete idiot.")

ask() { # ask <template>
  local question
  # shellcheck disable=SC2059
  question=$(printf "$1" $((RANDOM % 9000 + 1000)))
  curl -fsS -H "Authorization: Bearer $CHAT_KEY" -H 'Content-Type: application/json' -X POST "$URL/v1/chat/completions" \
    -d "{\"model\": \"prompt:demo/support@production\", \"messages\": [{\"role\": \"user\", \"content\": \"$question\"}]}" \
    > /dev/null
}
send() { # send <count> <array name>
  local -n pool=$2
  for _ in $(seq 1 "$1"); do ask "${pool[RANDOM % ${#pool[@]}]}"; done
}
next_window() { sleep $((20 - $(date +%s) % 20)).2; }

next_window
echo "window 1: 60 billing questions (the version's drift reference)"; send 60 BILLING
next_window
echo "window 2: 40 more billing questions (no drift expected)"; send 40 BILLING
next_window
echo "window 3: 40 questions about football (semantic drift expected)"; send 40 FOOTBALL
next_window
echo "window 4: 12 insults among 8 billing questions (a toxicity alert expected)"; send 12 TOXIC; send 8 BILLING
echo "waiting for the last window to close (end + 2 s grace; the wall clock closes it when traffic stops)…"

for _ in $(seq 1 60); do
  alerts=$(api "$URL/api/v1/alerts?prompt=demo/support")
  if grep -q '"monitor":"toxicity"' <<< "$alerts" && grep -q '"monitor":"drift:' <<< "$alerts"; then break; fi
  sleep 2
done
echo
echo "Alerts (GET $URL/api/v1/alerts?prompt=demo/support):"
sed 's/},{/},\n{/g' <<< "$alerts" | grep -o '"monitor":"[^"]*"\|"window":"[^"]*"\|"windowStart":"[^"]*"\|"message":"[^"]*"' \
  | paste -d' ' - - - - | sed 's/^/  /'
echo
echo "Web UI: $URL/ui/monitors?prompt=demo/support&window=20s  (sign in with the key in $DEMO_HOME/admin-key)"
echo "The server keeps running for a look; stop it with: kill $SERVER"
