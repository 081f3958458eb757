#!/usr/bin/env bash
# Starts the server the way a newcomer does (`npm start`, embedded PGlite in a temporary
# DATA_DIR), waits for /readyz, registers a user, calls /v1/me and casts the demo spell (built
# dist/worker code, seeded module), then stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=$(mktemp -d)
port=${SMOKE_PORT:-18080}
log=$(mktemp)
setsid env -u DATABASE_URL -u REDIS_URL PORT="$port" DATA_DIR="$data_dir" npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill -- "-$pid" 2>/dev/null || true; rm -rf "$data_dir" "$log"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "smoke: server exited"; exit 1; fi
  sleep 1
done
base="http://127.0.0.1:$port"
token=$(curl -fsS -X POST "$base/v1/auth/register" -H 'content-type: application/json' \
  -d '{"email":"smoke@example.com","password":"smoke test password"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')
curl -fsS "$base/v1/me" -H "authorization: Bearer $token" >/dev/null
cast=$(curl -fsS -X POST "$base/v1/cast" -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"spell":"spell/text-stats","input":{"text":"smoke test"}}')
echo "$cast" | grep -q '"words":2' || { echo "smoke: unexpected cast answer: $cast"; exit 1; }
echo "smoke: npm start served /readyz, register, /v1/me and a cast of spell/text-stats on port $port"
