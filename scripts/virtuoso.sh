#!/usr/bin/env bash
# A throwaway OpenLink Virtuoso on loopback, for the Virtuoso tests and benchmarks.
#
#   scripts/virtuoso.sh start    install if missing, start, wait; prints the SPARQL URL on stdout
#   scripts/virtuoso.sh stop     stop it and delete its database directory
#   scripts/virtuoso.sh status   prints the URL and exits 0 when it is running
#   scripts/virtuoso.sh isql "SQL;"   run SQL as dba against the running server
#
#   url=$(scripts/virtuoso.sh start) && newsgraph ingest seeds/ --store "$url"
#
# Idempotent: `start` when it is already running prints the URL again; `stop` when it is not
# running is not an error. Everything it needs lives in $VIRTUOSO_DIR (default
# ${TMPDIR:-/tmp}/newsgraph-virtuoso): a fresh database, config, log and pid file.
#
# Writes: the anonymous /sparql endpoint is given SPARQL Update rights (GRANT SPARQL_UPDATE
# TO "SPARQL" and write permission on all graphs for user "nobody"), because rdflib's
# SPARQLUpdateStore (our remote store) speaks HTTP basic auth only and Virtuoso's
# authenticated endpoint /sparql-auth wants digest auth. That is safe only because the server
# listens on 127.0.0.1 and its data is thrown away: never run this config on a shared host.
# The dba password is "dba" (VIRTUOSO_DBA_PASSWORD to change), the database is new each start.
#
# Environment: VIRTUOSO_DIR, VIRTUOSO_PORT (SQL, default 1111), VIRTUOSO_HTTP_PORT (default
# 8890; the next free port is taken when one is in use), VIRTUOSO_TIMEOUT (seconds to wait
# for the server, default 120), VIRTUOSO_BUFFERS (8 KB pages of cache, default 200000 = 1.6 GB),
# VIRTUOSO_NO_INSTALL=1 (fail instead of apt-get install when it is missing).
set -euo pipefail

DIR=${VIRTUOSO_DIR:-${TMPDIR:-/tmp}/newsgraph-virtuoso}
TIMEOUT=${VIRTUOSO_TIMEOUT:-120}
BUFFERS=${VIRTUOSO_BUFFERS:-200000}
DBA_PASSWORD=${VIRTUOSO_DBA_PASSWORD:-dba}
PIDFILE=$DIR/virtuoso.pid
URLFILE=$DIR/url
PORTFILE=$DIR/sqlport

say() { echo "virtuoso.sh: $*" >&2; }
die() { say "error: $*"; exit 1; }

find_bin() {
  for b in virtuoso-t virtuoso; do command -v "$b" >/dev/null 2>&1 && { command -v "$b"; return 0; }; done
  return 1
}
find_isql() {
  for b in isql-vt isql-v; do command -v "$b" >/dev/null 2>&1 && { command -v "$b"; return 0; }; done
  # unixODBC's `isql` is a different program; Virtuoso's answers to -? with "OpenLink"
  if command -v isql >/dev/null 2>&1 && isql -? 2>&1 | grep -qi openlink; then command -v isql; return 0; fi
  return 1
}

install() {
  find_bin >/dev/null && find_isql >/dev/null && return 0
  [ "${VIRTUOSO_NO_INSTALL:-}" = "1" ] && die "Virtuoso is not installed (virtuoso-t, isql-vt) and VIRTUOSO_NO_INSTALL=1"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && sudo="sudo -n" || \
      die "Virtuoso is not installed and installing it needs root: apt-get install virtuoso-opensource"
  fi
  command -v apt-get >/dev/null 2>&1 || die "Virtuoso is not installed and there is no apt-get here; install virtuoso-opensource"
  say "installing virtuoso-opensource with apt-get (once) ..."
  # The package asks for the dba password through debconf: answer it, never prompt.
  printf '%s\n' \
    "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password $DBA_PASSWORD" \
    "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password $DBA_PASSWORD" \
    | $sudo debconf-set-selections 2>/dev/null || true
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    virtuoso-opensource >&2 || die "apt-get install virtuoso-opensource failed"
  # The package may start the system-wide server on 1111/8890: it is not ours, leave it, pick other ports.
  find_bin >/dev/null && find_isql >/dev/null || die "virtuoso-opensource installed but virtuoso-t/isql-vt not found"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p=$1 end=$(( $1 + 100 ))
  while [ "$p" -lt "$end" ]; do port_busy "$p" || { echo "$p"; return 0; }; p=$((p + 1)); done
  return 1
}

running() {
  [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

answers() {  # the SPARQL endpoint returns a result for ASK {}
  curl -fsS -m 5 -G "$1" --data-urlencode 'query=ASK {}' -H 'Accept: application/sparql-results+json' \
    2>/dev/null | grep -q boolean
}

isql_run() {  # isql_run PORT SQL...
  local port=$1; shift
  "$(find_isql)" "127.0.0.1:$port" dba "$DBA_PASSWORD" VERBOSE=OFF BANNER=OFF PROMPT=OFF ERRORS=STDOUT \
    exec="$*" </dev/null
}

write_ini() {  # write_ini SQLPORT HTTPPORT
  local lib=""
  for d in /usr/lib/x86_64-linux-gnu/virtuoso-opensource-7/hosting /usr/lib/*/virtuoso-opensource-7/hosting; do
    [ -d "$d" ] && { lib=$d; break; }
  done
  cat >"$DIR/virtuoso.ini" <<EOF
; Throwaway newsgraph test/benchmark server: loopback only, data deleted by 'virtuoso.sh stop'.
[Database]
DatabaseFile       = $DIR/db/virtuoso.db
ErrorLogFile       = $DIR/virtuoso.log
LockFile           = $DIR/db/virtuoso.lck
TransactionFile    = $DIR/db/virtuoso.trx
xa_persistent_file = $DIR/db/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $DIR/db/virtuoso-temp.db
TransactionFile    = $DIR/db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:$1
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 20
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., $DIR/load, /tmp, ${TMPDIR:-/tmp}
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxMemPoolSize           = 200000000
MaxQueryMem              = 2G
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 10
NumberOfBuffers          = $BUFFERS
MaxDirtyBuffers          = $(( BUFFERS * 3 / 4 ))

[HTTPServer]
ServerPort                  = 127.0.0.1:$2
ServerRoot                  = $DIR/vsp
MaxClientConnections        = 20
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 20
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 1

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[URIQA]
DynamicLocal = 0
DefaultHost  = 127.0.0.1:$2

[SPARQL]
; our exports read whole graphs through /sparql: allow large results
ResultSetMaxRows           = 10000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 600
DefaultGraph               =
DeferInferenceRulesInit    = 0

[Plugins]
LoadPath = ${lib:-/nonexistent}
EOF
}

cmd_start() {
  if running && [ -f "$URLFILE" ] && answers "$(cat "$URLFILE")"; then
    say "already running (pid $(cat "$PIDFILE"))"
    cat "$URLFILE"
    return 0
  fi
  if running; then say "a server from $DIR is running but not answering: restarting it"; cmd_stop; fi
  install
  command -v curl >/dev/null 2>&1 || die "curl is needed to check the server (apt-get install curl)"
  local bin; bin=$(find_bin)
  rm -rf "$DIR"
  mkdir -p "$DIR/db" "$DIR/vsp" "$DIR/load"
  local sql http
  sql=$(free_port "${VIRTUOSO_PORT:-1111}") || die "no free SQL port from ${VIRTUOSO_PORT:-1111}"
  http=$(free_port "${VIRTUOSO_HTTP_PORT:-8890}") || die "no free HTTP port from ${VIRTUOSO_HTTP_PORT:-8890}"
  write_ini "$sql" "$http"
  echo "$sql" >"$PORTFILE"
  local url="http://127.0.0.1:$http/sparql"
  say "starting $bin in $DIR (SQL 127.0.0.1:$sql, HTTP 127.0.0.1:$http) ..."
  ( cd "$DIR" && exec setsid "$bin" +configfile "$DIR/virtuoso.ini" +foreground >"$DIR/stdout.log" 2>&1 ) &
  echo $! >"$PIDFILE"
  local deadline=$(( $(date +%s) + TIMEOUT )) ok=""
  while [ "$(date +%s)" -lt "$deadline" ]; do
    running || { tail -n 20 "$DIR/virtuoso.log" "$DIR/stdout.log" >&2 2>/dev/null || true
                 rm -f "$PIDFILE"; die "Virtuoso exited during start-up (log above: $DIR/virtuoso.log)"; }
    if isql_run "$sql" "status();" >/dev/null 2>&1; then ok=1; break; fi
    sleep 1
  done
  [ -n "$ok" ] || { tail -n 20 "$DIR/virtuoso.log" >&2 2>/dev/null || true; cmd_stop >/dev/null 2>&1 || true
                    die "Virtuoso did not accept SQL connections within ${TIMEOUT}s (VIRTUOSO_TIMEOUT)"; }
  # SPARQL Update through the anonymous endpoint (see the header: loopback and throwaway only).
  local out
  out=$(isql_run "$sql" "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);" 2>&1) \
    || { echo "$out" >&2; cmd_stop >/dev/null 2>&1 || true; die "could not grant SPARQL update rights"; }
  if echo "$out" | grep -qi "error"; then echo "$out" >&2; cmd_stop >/dev/null 2>&1 || true
    die "could not grant SPARQL update rights"; fi
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if answers "$url"; then
      echo "$url" >"$URLFILE"
      say "ready: $url (update: same URL; pid $(cat "$PIDFILE"); stop with: scripts/virtuoso.sh stop)"
      echo "$url"
      return 0
    fi
    sleep 1
  done
  cmd_stop >/dev/null 2>&1 || true
  die "Virtuoso's SPARQL endpoint $url did not answer within ${TIMEOUT}s"
}

cmd_stop() {
  if ! running; then
    say "not running"
    rm -rf "$DIR"
    return 0
  fi
  local pid; pid=$(cat "$PIDFILE")
  # a clean shutdown first (checkpoint), then TERM, then KILL: this process only, by its id
  [ -f "$PORTFILE" ] && isql_run "$(cat "$PORTFILE")" "shutdown;" >/dev/null 2>&1 || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -rf "$DIR"
  say "stopped (pid $pid)"
}

cmd_status() {
  if running && [ -f "$URLFILE" ] && answers "$(cat "$URLFILE")"; then cat "$URLFILE"; return 0; fi
  say "not running"; return 1
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  isql) shift; running || die "not running"; isql_run "$(cat "$PORTFILE")" "$*" ;;
  *) echo "usage: $0 start|stop|status|isql SQL" >&2; exit 2 ;;
esac
