#!/usr/bin/env bash
# The local stack of real services newsflow runs on when there is no Docker engine:
# Apache Kafka (KRaft, single node) from the official jars on Maven Central, run with the
# machine's JDK; Redis and Prometheus from Debian's packages, installed when missing.
#
#   deploy/local/stack.sh up       install what is missing, start what is not running, wait until ready
#   deploy/local/stack.sh down     stop what this script started (data is kept)
#   deploy/local/stack.sh stop kafka   stop one service (kafka, redis or prometheus); `up` starts it again
#   deploy/local/stack.sh status   one line per service
#   deploy/local/stack.sh reset    down, then delete the data directory
#   deploy/local/stack.sh wordnet  install WordNet (Debian's wordnet-base) for make eval-tag
#
# Everything lives under $NEWSFLOW_STACK_DIR (default .stack/ in the project root): jars,
# Kafka's log directory (kept across restarts), Redis' working dir, logs and pid files.
# Running `up` twice is harmless. A failed download stops with the reason; nothing is faked.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="${NEWSFLOW_STACK_DIR:-$ROOT/.stack}"
KAFKA_PORT="${NEWSFLOW_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${NEWSFLOW_KAFKA_CONTROLLER_PORT:-9093}"
# A second listener that asks for SASL/PLAIN (user newsflow), as managed Kafka services do: what the
# integration tests check the clients' SASL settings against. Local use only: plain text, a known password.
KAFKA_SASL_PORT="${NEWSFLOW_KAFKA_SASL_PORT:-9094}"
KAFKA_SASL_PASSWORD="${NEWSFLOW_KAFKA_SASL_LOCAL_PASSWORD:-newsflow-local}"
# …and the same over TLS (SASL_SSL), with a self-signed certificate for 127.0.0.1 made here: clients
# check it against $STACK_DIR/kafka/tls/ca.pem (NEWSFLOW_KAFKA_SSL_CAFILE).
KAFKA_SASL_SSL_PORT="${NEWSFLOW_KAFKA_SASL_SSL_PORT:-9095}"
KAFKA_HEAP="${NEWSFLOW_KAFKA_HEAP:-768m}"
REDIS_PORT="${NEWSFLOW_REDIS_PORT:-6379}"
REDIS_PASSWORD="${NEWSFLOW_REDIS_PASSWORD:-}"
REDIS_MAXMEMORY="${NEWSFLOW_REDIS_MAXMEMORY:-512mb}"
PROMETHEUS_PORT="${NEWSFLOW_PROMETHEUS_PORT:-9090}"
# Workers' metrics ports, scraped by the local Prometheus (see libs/newsflow/settings.py).
METRICS_PORTS="${NEWSFLOW_METRICS_PORTS:-9101 9102 9103}"
WITH_PROMETHEUS="${NEWSFLOW_WITH_PROMETHEUS:-1}"

KAFKA_LIBS="$STACK_DIR/kafka/libs"
KAFKA_DATA="$STACK_DIR/kafka/data"
LOGS="$STACK_DIR/logs"
RUN="$STACK_DIR/run"

say() { printf 'stack: %s\n' "$*" >&2; }
die() { printf 'stack: error: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() {  # pid file → running?
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

wait_port() {  # port, name, seconds, log
  local i
  for ((i = 0; i < $3 * 5; i++)); do
    port_open "$1" && return 0
    sleep 0.2
  done
  say "last lines of $4:"; tail -n 30 "$4" >&2 || true
  die "$2 did not open port $1 within $3 s"
}

as_root() { if [[ $(id -u) == 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi; }

apt_install() {  # package...
  say "installing $* from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -qq --no-install-recommends "$@" >"$LOGS/apt.log" 2>&1 ||
    { as_root apt-get update -qq >>"$LOGS/apt.log" 2>&1 &&
      as_root apt-get install -y -qq --no-install-recommends "$@" >>"$LOGS/apt.log" 2>&1; } ||
    { tail -n 20 "$LOGS/apt.log" >&2; die "apt-get could not install $* (log: $LOGS/apt.log)"; }
}

# ---------------------------------------------------------------- Kafka
kafka_install() {
  compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" >/dev/null && return 0
  command -v java >/dev/null || die "Kafka needs a JDK (17 or newer): java not found on PATH"
  command -v mvn >/dev/null || apt_install maven
  say "resolving Apache Kafka jars from Maven Central into $KAFKA_LIBS"
  mkdir -p "$KAFKA_LIBS"
  mvn -q -B -f "$ROOT/deploy/local/kafka-pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIBS" -DincludeScope=runtime >"$LOGS/maven.log" 2>&1 ||
    { tail -n 20 "$LOGS/maven.log" >&2; rm -rf "$KAFKA_LIBS"; die "Maven could not download the Kafka jars (log: $LOGS/maven.log)"; }
}

KAFKA_JAVA=(java -Xms128m -Xmx"$KAFKA_HEAP" -XX:+UseG1GC -Djava.awt.headless=true
  -Dlog4j.configuration="file:$ROOT/deploy/local/log4j.properties" -cp "$KAFKA_LIBS/*")

kafka_tls() {  # a key and a self-signed certificate for 127.0.0.1 and localhost, made once
  local dir="$STACK_DIR/kafka/tls"
  [[ -f "$dir/broker.pem" ]] && return 0
  command -v openssl >/dev/null || apt_install openssl
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=newsflow local stack" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$dir/key.pem" -out "$dir/ca.pem" 2>>"$LOGS/kafka.log" ||
    die "openssl could not make the local broker's certificate (log: $LOGS/kafka.log)"
  cat "$dir/key.pem" "$dir/ca.pem" >"$dir/broker.pem"
}

kafka_config() {
  kafka_tls
  cat >"$STACK_DIR/kafka/server.properties" <<EOF
# Written by deploy/local/stack.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT,SASL_SSL://127.0.0.1:$KAFKA_SASL_SSL_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT,SASL_SSL://127.0.0.1:$KAFKA_SASL_SSL_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL
sasl.enabled.mechanisms=PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_newsflow="$KAFKA_SASL_PASSWORD";
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_newsflow="$KAFKA_SASL_PASSWORD";
listener.name.sasl_ssl.ssl.keystore.type=PEM
listener.name.sasl_ssl.ssl.keystore.location=$STACK_DIR/kafka/tls/broker.pem
log.dirs=$KAFKA_DATA
num.partitions=4
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Single node, local: no reason to wait for more members before the first rebalance.
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=168
message.max.bytes=33554432
EOF
}

kafka_up() {
  if pid_alive "$RUN/kafka.pid"; then say "kafka already running (pid $(cat "$RUN/kafka.pid"), port $KAFKA_PORT)"; return 0; fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process; set NEWSFLOW_KAFKA_PORT"
  kafka_install
  mkdir -p "$KAFKA_DATA"
  kafka_config
  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    local cluster_id
    cluster_id=$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka.log" | tail -n 1)
    "${KAFKA_JAVA[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$STACK_DIR/kafka/server.properties" >>"$LOGS/kafka.log" 2>&1 ||
      die "could not format Kafka's log directory (log: $LOGS/kafka.log)"
  fi
  say "starting kafka on 127.0.0.1:$KAFKA_PORT (data in $KAFKA_DATA)"
  nohup "${KAFKA_JAVA[@]}" kafka.Kafka "$STACK_DIR/kafka/server.properties" >>"$LOGS/kafka.log" 2>&1 &
  echo $! >"$RUN/kafka.pid"
  wait_port "$KAFKA_PORT" kafka 90 "$LOGS/kafka.log"
}

# ---------------------------------------------------------------- Redis
redis_cli() { redis-cli -p "$REDIS_PORT" ${REDIS_PASSWORD:+--no-auth-warning -a "$REDIS_PASSWORD"} "$@"; }

redis_up() {
  if pid_alive "$RUN/redis.pid"; then say "redis already running (pid $(cat "$RUN/redis.pid"), port $REDIS_PORT)"; return 0; fi
  port_open "$REDIS_PORT" && die "port $REDIS_PORT is taken by another process; set NEWSFLOW_REDIS_PORT"
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p "$STACK_DIR/redis"
  say "starting redis on 127.0.0.1:$REDIS_PORT (maxmemory $REDIS_MAXMEMORY, volatile-lru)"
  # Every newsflow key has a time-to-live, so volatile-lru evicts only what can be rebuilt.
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$STACK_DIR/redis" \
    --daemonize yes --pidfile "$RUN/redis.pid" --logfile "$LOGS/redis.log" \
    --maxmemory "$REDIS_MAXMEMORY" --maxmemory-policy volatile-lru \
    --save "" --appendonly no ${REDIS_PASSWORD:+--requirepass "$REDIS_PASSWORD"}
  wait_port "$REDIS_PORT" redis 20 "$LOGS/redis.log"
  local i; for ((i = 0; i < 50; i++)); do [[ -f "$RUN/redis.pid" ]] && break; sleep 0.1; done
}

# ---------------------------------------------------------------- Prometheus
prometheus_up() {
  [[ "$WITH_PROMETHEUS" == 1 ]] || return 0
  if pid_alive "$RUN/prometheus.pid"; then say "prometheus already running (pid $(cat "$RUN/prometheus.pid"), port $PROMETHEUS_PORT)"; return 0; fi
  port_open "$PROMETHEUS_PORT" && die "port $PROMETHEUS_PORT is taken by another process; set NEWSFLOW_PROMETHEUS_PORT"
  command -v prometheus >/dev/null || apt_install prometheus
  mkdir -p "$STACK_DIR/prometheus"
  local targets="" p
  for p in $METRICS_PORTS; do targets+="'127.0.0.1:$p', "; done
  cat >"$STACK_DIR/prometheus/prometheus.yml" <<EOF
# Written by deploy/local/stack.sh; the Compose configuration is deploy/prometheus/prometheus.yml.
global: {scrape_interval: 5s, evaluation_interval: 15s}
rule_files: ['$ROOT/deploy/prometheus/alerts.yml']
scrape_configs:
  - job_name: newsflow
    static_configs: [{targets: [${targets%, }]}]
EOF
  say "starting prometheus on 127.0.0.1:$PROMETHEUS_PORT"
  nohup prometheus --config.file="$STACK_DIR/prometheus/prometheus.yml" \
    --storage.tsdb.path="$STACK_DIR/prometheus/data" --storage.tsdb.retention.time=2d \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >>"$LOGS/prometheus.log" 2>&1 &
  echo $! >"$RUN/prometheus.pid"
  wait_port "$PROMETHEUS_PORT" prometheus 30 "$LOGS/prometheus.log"
}

# ---------------------------------------------------------------- commands
stop_pid() {  # name
  local f="$RUN/$1.pid" pid i
  if ! pid_alive "$f"; then rm -f "$f"; say "$1 not running"; return 0; fi
  pid=$(cat "$f"); kill "$pid"
  for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && { say "$1 did not stop in 30 s; killing"; kill -9 "$pid"; }
  rm -f "$f"; say "$1 stopped"
}

status_line() {  # name port
  if pid_alive "$RUN/$1.pid"; then
    if port_open "$2"; then printf '%-11s up     pid %-7s 127.0.0.1:%s\n' "$1" "$(cat "$RUN/$1.pid")" "$2"
    else printf '%-11s starting pid %-5s 127.0.0.1:%s\n' "$1" "$(cat "$RUN/$1.pid")" "$2"; fi
  else printf '%-11s down\n' "$1"; return 1; fi
}

mkdir -p "$LOGS" "$RUN"
case "${1:-}" in
  up) kafka_up; redis_up; prometheus_up; say "ready: kafka 127.0.0.1:$KAFKA_PORT, redis 127.0.0.1:$REDIS_PORT$([[ $WITH_PROMETHEUS == 1 ]] && echo ", prometheus http://127.0.0.1:$PROMETHEUS_PORT")" ;;
  down) stop_pid prometheus; stop_pid redis; stop_pid kafka ;;
  stop)  # one service: a broker restart under running workers (`stop kafka`, then `up`)
    case "${2:-}" in kafka|redis|prometheus) stop_pid "$2" ;; *) die "usage: $0 stop kafka|redis|prometheus" ;; esac ;;
  status)
    rc=0
    status_line kafka "$KAFKA_PORT" || rc=1
    status_line redis "$REDIS_PORT" || rc=1
    [[ "$WITH_PROMETHEUS" == 1 ]] && { status_line prometheus "$PROMETHEUS_PORT" || rc=1; }
    exit $rc ;;
  wordnet) [[ -f /usr/share/wordnet/data.noun ]] || apt_install wordnet-base ;;  # make eval-tag's spinner
  reset) "$0" down; rm -rf "$KAFKA_DATA" "$STACK_DIR/redis" "$STACK_DIR/prometheus/data"; say "data deleted" ;;
  *) echo "usage: $0 up|down|stop SERVICE|status|reset|wordnet" >&2; exit 64 ;;
esac
