# shellcheck shell=bash
# A private MariaDB on loopback with its data in a directory of our own.
# Source scripts/lib/common.sh first. Defines:
#   mariadb_start DIR PORT  -> starts mysqld, creates database `cloud_doctor` and user `cloud`/`cloud`,
#                              sets MARIADB_PID and MARIADB_URL (mysql://cloud:cloud@127.0.0.1:PORT/cloud_doctor)
#   mariadb_stop            -> stops it by its PID
# With MARIADB_TLS_DIR set (ca.pem, server-cert.pem, server-key.pem in it) the server also offers TLS.
# Also usable as a command: scripts/lib/mariadb-server DIR PORT (see that file).

mariadb_bin() {
  local name
  for name in "$@"; do
    command -v "$name" 2>/dev/null && return 0
    [ -x "/usr/sbin/$name" ] && { echo "/usr/sbin/$name"; return 0; }
  done
  return 1
}

mariadb_start() {
  local dir="$1" port="$2" mysqld install_db client
  mysqld="$(mariadb_bin mariadbd mysqld)" || die "mariadbd not found: run scripts/bootstrap"
  install_db="$(mariadb_bin mariadb-install-db mysql_install_db)" || die "mariadb-install-db not found"
  client="$(mariadb_bin mariadb mysql)" || die "mariadb client not found"
  MARIADB_PID=""
  # a tmpdir per server: several servers (tests start their own) never share temporary files
  mkdir -p "$dir/data" "$dir/run" "$dir/tmp"
  local tls=()
  if [ -n "${MARIADB_TLS_DIR:-}" ]; then
    tls=(--ssl-ca="$MARIADB_TLS_DIR/ca.pem" --ssl-cert="$MARIADB_TLS_DIR/server-cert.pem" --ssl-key="$MARIADB_TLS_DIR/server-key.pem")
  fi
  if [ ! -d "$dir/data/mysql" ]; then
    TMPDIR="$dir/tmp" "$install_db" --no-defaults --datadir="$dir/data" --tmpdir="$dir/tmp" --user="$(id -un)" \
      --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 \
      || { cat "$dir/install.log" >&2; die "mariadb-install-db failed"; }
  fi
  "$mysqld" --no-defaults --datadir="$dir/data" --user="$(id -un)" \
    --bind-address=127.0.0.1 --port="$port" --socket="$dir/run/mysqld.sock" --tmpdir="$dir/tmp" \
    --pid-file="$dir/run/mysqld.pid" --skip-name-resolve --max-connections=500 \
    --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 \
    --log-error="$dir/mysqld.err" "${tls[@]}" >/dev/null 2>&1 &
  MARIADB_PID=$!
  # Ready when its own socket answers (a TCP check could reach another process that holds the port).
  local i
  for ((i = 0; i < 600; i++)); do
    [ -S "$dir/run/mysqld.sock" ] && "$client" --no-defaults --socket="$dir/run/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
    kill -0 "$MARIADB_PID" 2>/dev/null || { tail -n 20 "$dir/mysqld.err" >&2; die "MariaDB exited while starting on port $port"; }
    sleep 0.1
  done
  [ "$i" -lt 600 ] || { tail -n 20 "$dir/mysqld.err" >&2; die "MariaDB did not start on port $port within 60 s"; }
  wait_for_tcp "$port" 10 || { tail -n 20 "$dir/mysqld.err" >&2; die "MariaDB does not accept TCP on port $port"; }
  "$client" --no-defaults --socket="$dir/run/mysqld.sock" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS cloud_doctor CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'cloud'@'127.0.0.1' IDENTIFIED BY 'cloud';
CREATE USER IF NOT EXISTS 'cloud'@'localhost' IDENTIFIED BY 'cloud';
GRANT ALL PRIVILEGES ON *.* TO 'cloud'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'cloud'@'localhost';
FLUSH PRIVILEGES;
SQL
  MARIADB_URL="mysql://cloud:cloud@127.0.0.1:$port/cloud_doctor"
  export MARIADB_PID MARIADB_URL
}

mariadb_stop() {
  [ -n "${MARIADB_PID:-}" ] && stop_pid "$MARIADB_PID"
  MARIADB_PID=""
}
