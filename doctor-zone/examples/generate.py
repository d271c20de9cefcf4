#!/usr/bin/env python3
"""Generates doctor-zone/examples/*.log: realistic incident logs, one per failure signature, plus a
healthy one. Normal traffic runs before, during and after each failure, in the format that incident
would really be read in (our JSON lines, CloudWatch filter-log-events JSON, ALB access logs, ECS agent,
RDS events, Java/Python/Go/Node text). Deterministic: the same files every run.

    python3 doctor-zone/examples/generate.py          # rewrites the .log files next to this script
"""
import json
import os
import random
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = datetime(2026, 11, 27, 16, 40, 0, tzinfo=timezone.utc)
ACCOUNT = "123456789012"


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def ticks(rng, start, minutes, per_minute):
    """Event times, roughly per_minute a minute, sorted."""
    out = []
    for m in range(minutes):
        for _ in range(max(0, int(rng.gauss(per_minute, per_minute ** 0.5)))):
            out.append(start + timedelta(minutes=m, seconds=rng.random() * 60))
    return sorted(out)


# ---------------------------------------------------------------- our JSON lines (patient-api)

def jline(t, level, message, **fields):
    obj = {"timestamp": iso(t), "level": level, "message": message, "logger": "patient-api", "service": "patient-api"}
    obj.update({k: str(v) for k, v in fields.items()})
    return json.dumps(obj, separators=(",", ":"))


ROUTES = [("GET", "/healthz", 0.35), ("GET", "/api/users/me", 0.3), ("POST", "/api/auth/login", 0.2),
          ("POST", "/api/auth/signup", 0.05), ("POST", "/api/auth/logout", 0.05), ("GET", "/readyz", 0.05)]


def access(rng, t, method, route, status, latency, error_code=None):
    fields = {"request.id": "%032x" % rng.getrandbits(128), "http.method": method, "http.route": route,
              "http.status": status, "latency_ms": f"{latency:.1f}", "client.ip": f"10.0.{rng.randint(0, 3)}.{rng.randint(2, 250)}"}
    if route in ("/api/users/me", "/api/auth/logout") and status < 400:
        fields["user.id"] = rng.randint(1, 5000)
    if error_code:
        fields["error.code"] = error_code
    return jline(t, "info", "request completed", **fields)


def pick_route(rng):
    r = rng.random()
    for method, route, p in ROUTES:
        if r < p:
            return method, route
        r -= p
    return ROUTES[0][:2]


def normal_request(rng, t):
    """One request of ordinary traffic (and its app lines)."""
    method, route = pick_route(rng)
    lines = []
    if route == "/api/auth/login":
        if rng.random() < 0.08:
            return [access(rng, t, method, route, 401, rng.uniform(180, 260), "invalid_credentials")]
        return [access(rng, t, method, route, 200, rng.uniform(180, 260))]
    if route == "/api/auth/signup":
        if rng.random() < 0.1:
            return [access(rng, t, method, route, 409, rng.uniform(190, 270), "email_taken")]
        lines.append(jline(t, "info", "user signed up", **{"user.id": rng.randint(5000, 9000)}))
        return lines + [access(rng, t, method, route, 201, rng.uniform(190, 270))]
    if route == "/api/users/me" and rng.random() < 0.03:
        return [access(rng, t, method, route, 401, rng.uniform(0.3, 1.5), "unauthorized")]
    return [access(rng, t, method, route, 200 if route != "/api/auth/logout" else 204, rng.uniform(0.2, 6.0))]


def patient_incident(rng, failing, minutes_before=18, minutes_during=8, minutes_after=6, rate=45, extra=None):
    """Normal traffic throughout; during the incident `failing(rng, t)` answers requests that need MySQL."""
    start = T0
    inc_start = start + timedelta(minutes=minutes_before)
    inc_end = inc_start + timedelta(minutes=minutes_during)
    lines = [jline(start, "info", "server listening", **{"http.port": 8080})]
    total = minutes_before + minutes_during + minutes_after
    for t in ticks(rng, start, total, rate):
        if inc_start <= t < inc_end:
            out = failing(rng, t)
            lines += out if out is not None else normal_request(rng, t)
        else:
            lines += normal_request(rng, t)
    if extra:
        lines += extra(rng, inc_start, inc_end)
    return sort_json(lines)


def sort_json(lines):
    return sorted(lines, key=lambda l: json.loads(l)["timestamp"])


def needs_db(route):
    return route in ("/api/users/me", "/api/auth/login", "/api/auth/signup", "/api/auth/logout", "/readyz")


def db_timeout(rng, t):
    method, route = pick_route(rng)
    if not needs_db(route):
        return None
    out = [jline(t, "error", "mysql query timed out after 5000 ms", **{"error.code": "db_timeout", "mysql.errno": "2013",
                                                                        "timeout_ms": "5000", "db.host": "db.internal:3306"})]
    if rng.random() < 0.1:
        out.append(jline(t, "error", "mysql pool exhausted: no connection within 2000 ms",
                         **{"error.code": "pool_exhausted", "pool.size": "10", "pool.in_use": "10", "pool.waiting": str(rng.randint(1, 9)), "timeout_ms": "2000"}))
    return out + [access(rng, t + timedelta(seconds=5), method, route, 503, rng.uniform(5000, 5030), "db_timeout")]


def pool_exhausted(rng, t):
    method, route = pick_route(rng)
    if not needs_db(route):
        return None
    return [jline(t, "error", "mysql pool exhausted: no connection within 2000 ms",
                  **{"error.code": "pool_exhausted", "pool.size": "10", "pool.in_use": "10", "pool.waiting": str(rng.randint(1, 14)), "timeout_ms": "2000"}),
            access(rng, t + timedelta(seconds=2), method, route, 503, rng.uniform(2000, 2012), "pool_exhausted")]


def dependency_down(rng, t):
    method, route = pick_route(rng)
    if not needs_db(route):
        return None
    return [jline(t, "error", "mysql connect failed: Can't connect to server on '10.0.12.34' (111)",
                  **{"error.code": "db_unavailable", "mysql.errno": "2002", "db.host": "db.internal:3306"}),
            access(rng, t, method, route, 503, rng.uniform(1, 9), "db_unavailable")]


def slow_hash(rng, t):
    method, route = pick_route(rng)
    if route not in ("/api/auth/login", "/api/auth/signup"):
        return None
    ms = rng.randint(1100, 4200)
    out = [jline(t, "warning", f"password hash took {ms} ms, above 1000 ms",
                 **{"error.code": "slow_hash", "hash.ms": str(ms), "hash.cost": "12", "hash.queue_depth": str(rng.randint(3, 40))})]
    if rng.random() < 0.3:
        out.append(jline(t, "error", "password hash queue wait exceeded 10000 ms", **{"error.code": "hash_queue_timeout", "hash.queue_depth": str(rng.randint(30, 60))}))
        out.append(access(rng, t + timedelta(seconds=10), method, route, 503, rng.uniform(10000, 10050), "hash_queue_timeout"))
    else:
        out.append(access(rng, t + timedelta(milliseconds=ms), method, route, 200, ms + rng.uniform(5, 80)))
    return out


def error_burst(rng, t):
    method, route = pick_route(rng)
    if route not in ("/api/users/me", "/api/auth/login", "/api/auth/logout"):
        return None
    return [jline(t, "error", "mysql query failed: Unknown column 'u.email_verified_at' in 'SELECT'",
                  **{"error.code": "db_query_failed", "mysql.errno": "1054", "mysql.sqlstate": "42S22"}),
            access(rng, t, method, route, 500, rng.uniform(1, 4), "db_query_failed")]


def memory_watchdog(rng, start, end):
    out = []
    t = start
    rss = 380
    while t < end:
        rss = min(rss + rng.randint(20, 60), 980)
        if rss > 400:
            out.append(jline(t, "warning", f"process memory high: rss {rss} MiB above 400 MiB",
                             **{"error.code": "memory_high", "memory.rss_mb": str(rss), "memory.limit_mb": "400"}))
        t += timedelta(seconds=5)
    return out


# ---------------------------------------------------------------- CloudWatch filter-log-events JSON

def cloudwatch(events, stream):
    return json.dumps({"events": [{"logStreamName": stream, "timestamp": int(t.timestamp() * 1000), "message": m,
                                   "ingestionTime": int(t.timestamp() * 1000) + 412, "eventId": str(37000000000 + i)}
                                  for i, (t, m) in enumerate(events)], "searchedLogStreams": []}, indent=2)


def ecs_oom(rng):
    """patient-api JSON lines read through CloudWatch, plus the ECS agent stopping the task (exit 137)."""
    stream = "patient-api/patient-api/4f6c1f0e2b8d4c1a9e7d5b3a1c0e9f8d"
    events = []
    start, inc = T0, T0 + timedelta(minutes=15)
    for t in ticks(rng, start, 24, 30):
        for line in normal_request(rng, t):
            events.append((t, line))
    for t, line in [(datetime.fromisoformat(json.loads(l)["timestamp"].replace("Z", "+00:00")), l) for l in memory_watchdog(rng, inc - timedelta(minutes=1), inc + timedelta(minutes=1))]:
        events.append((t, line))
    for k in range(3):
        t = inc + timedelta(minutes=1, seconds=20 + k * 150)
        task = "%032x" % rng.getrandbits(128)
        events.append((t, f'level=info time={iso(t)} msg="Task stopped" task="arn:aws:ecs:eu-west-1:{ACCOUNT}:task/patient-api/{task}" container=patient-api exitCode=137 reason="OutOfMemoryError: Container killed due to memory usage"'))
        events.append((t + timedelta(seconds=1), f'level=info time={iso(t + timedelta(seconds=1))} msg="Managed task stopped" task="{task}" desiredStatus=STOPPED knownStatus=STOPPED stoppedReason="Essential container in task exited"'))
        events.append((t + timedelta(seconds=30), jline(t + timedelta(seconds=30), "info", "server listening", **{"http.port": 8080})))
    events.sort(key=lambda e: e[0])
    return cloudwatch(events, stream)


# ---------------------------------------------------------------- ALB access logs

def alb_line(rng, t, elb, target, tpt, method, path):
    client = f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}:{rng.randint(1024, 65535)}"
    tgt = "-" if target == "-" and elb in (503,) else f"10.0.{rng.randint(10, 13)}.{rng.randint(2, 250)}:8080"
    rpt = "0.000" if elb != 503 else "-1"
    tp = f"{tpt:.3f}" if tpt >= 0 else "-1"
    spt = "0.000" if tpt >= 0 else "-1"
    trace = "Root=1-%08x-%024x" % (int(t.timestamp()), rng.getrandbits(96))
    return (f'https {t.strftime("%Y-%m-%dT%H:%M:%S.%f")}Z app/patient-api-prod/50dc6c495c0c9188 {client} {tgt} {rpt} {tp} {spt} '
            f'{elb} {target} {rng.randint(200, 900)} {rng.randint(150, 2000)} "{method} https://api.example.com:443{path} HTTP/1.1" '
            f'"Mozilla/5.0 (X11; Linux x86_64)" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 '
            f'arn:aws:elasticloadbalancing:eu-west-1:{ACCOUNT}:targetgroup/patient-api/73e2d6bc24d8a067 "{trace}" "api.example.com" '
            f'"arn:aws:acm:eu-west-1:{ACCOUNT}:certificate/12345678-1234-1234-1234-123456789012" 0 {t.strftime("%Y-%m-%dT%H:%M:%S.%f")}Z "forward" "-" "-" "{tgt}" "{target}" "-" "-" TID_{rng.getrandbits(64):016x}')


def alb(rng, code):
    lines = []
    inc = T0 + timedelta(minutes=20)
    for t in ticks(rng, T0, 30, 40):
        method, path = pick_route(rng)
        path = path.replace("/api/users/me", "/api/users/me")
        if inc <= t < inc + timedelta(minutes=6) and rng.random() < 0.55:
            if code == 502:
                lines.append((t, alb_line(rng, t, 502, "-", rng.uniform(0.001, 0.02), method, path)))
            elif code == 503:
                lines.append((t, alb_line(rng, t, 503, "-", -1, method, path)))
            else:
                lines.append((t, alb_line(rng, t, 504, "-", -1, method, path)))
        else:
            lines.append((t, alb_line(rng, t, 200, "200", rng.uniform(0.001, 0.3), method, path)))
    return [l for _, l in sorted(lines)]


# ---------------------------------------------------------------- text formats

def ecs_health_check(rng):
    lines = []
    inc = T0 + timedelta(minutes=16)
    for t in ticks(rng, T0, 26, 12):
        lines.append((t, f'{iso(t)} [INFO] Task engine [arn:aws:ecs:eu-west-1:{ACCOUNT}:task/patient-api/{rng.getrandbits(64):016x}]: task at steady state: RUNNING'))
    for k in range(14):
        t = inc + timedelta(seconds=35 * k)
        task = f"{rng.getrandbits(128):032x}"
        lines.append((t, f"{iso(t)} [WARN] (service patient-api) (task {task}) failed ELB health checks in (target-group arn:aws:elasticloadbalancing:eu-west-1:{ACCOUNT}:targetgroup/patient-api/73e2d6bc24d8a067)"))
        lines.append((t + timedelta(seconds=2), f"{iso(t + timedelta(seconds=2))} [INFO] (service patient-api) has stopped 1 running tasks: (task {task})."))
        lines.append((t + timedelta(seconds=3), f"{iso(t + timedelta(seconds=3))} [INFO] (service patient-api) deregistered 1 targets in (target-group arn:aws:elasticloadbalancing:eu-west-1:{ACCOUNT}:targetgroup/patient-api/73e2d6bc24d8a067)"))
        lines.append((t + timedelta(seconds=20), f"{iso(t + timedelta(seconds=20))} [INFO] (service patient-api) has started 1 tasks: (task {rng.getrandbits(128):032x})."))
        lines.append((t + timedelta(seconds=31), f"{iso(t + timedelta(seconds=31))} [ERROR] Health check request to 10.0.11.{rng.randint(2, 250)}:8080/readyz timed out after 2000 ms (unhealthy threshold 2)"))
    return [l for _, l in sorted(lines)]


def python_app(rng, failure_lines, minutes=28, inc_minute=17, fail_minutes=7, rate=25, logger="app.views"):
    """Python logging: '2026-11-27 17:04:21,123 - app.db - ERROR - message' + tracebacks."""
    lines = []
    inc = T0 + timedelta(minutes=inc_minute)
    end = inc + timedelta(minutes=fail_minutes)
    for t in ticks(rng, T0, minutes, rate):
        ts = t.strftime("%Y-%m-%d %H:%M:%S,") + f"{t.microsecond // 1000:03d}"
        if inc <= t < end and rng.random() < 0.6:
            for l in failure_lines(rng, t, ts):
                lines.append((t, l))
        else:
            user = rng.randint(1, 9000)
            lines.append((t, f"{ts} - {logger} - INFO - GET /reports/{user} 200 {rng.randint(3, 90)}ms"))
            if rng.random() < 0.05:
                lines.append((t, f"{ts} - app.cache - DEBUG - cache hit ratio {rng.random():.2f}"))
    return [l for _, l in sorted(lines, key=lambda x: x[0])]


def rds_too_many(rng, t, ts):
    return [f"{ts} - app.db - ERROR - (pymysql.err.OperationalError) (1040, 'Too many connections')",
            "Traceback (most recent call last):",
            '  File "/app/app/db.py", line 42, in connect',
            "    return pymysql.connect(**self.params)",
            '  File "/usr/local/lib/python3.12/site-packages/pymysql/connections.py", line 361, in __init__',
            "    self.connect()",
            "pymysql.err.OperationalError: (1040, 'Too many connections')",
            f"{ts} - app.views - ERROR - GET /reports/{rng.randint(1, 9000)} 500 {rng.randint(3, 20)}ms"]


def throttled(rng, t, ts):
    return [f"{ts} - app.metrics - ERROR - failed to publish metrics: An error occurred (ThrottlingException) when calling the PutMetricData operation (reached max retries: 4): Rate exceeded",
            f"{ts} - app.views - WARNING - GET /reports/{rng.randint(1, 9000)} 200 {rng.randint(900, 3000)}ms (slow)"]


def disk_full(rng, t, ts):
    n = rng.randint(1000, 99999)
    return [f"{ts} - app.exports - ERROR - export failed for report {n}",
            "Traceback (most recent call last):",
            '  File "/app/app/exports.py", line 88, in write_export',
            f"    with open(f'/tmp/export-{{report_id}}.csv', 'w') as fh:",
            f"OSError: [Errno 28] No space left on device: '/tmp/export-{n}.csv'"]


def iam_denied(rng, t, ts):
    key = f"exports/{rng.randint(1, 9000)}.csv"
    return [f"{ts} - app.exports - ERROR - upload failed: An error occurred (AccessDenied) when calling the PutObject operation: "
            f"User: arn:aws:sts::{ACCOUNT}:assumed-role/patient-api-task/{rng.getrandbits(64):016x} is not authorized to perform: s3:PutObject "
            f"on resource: arn:aws:s3:::patient-exports-prod/exports because no identity-based policy allows the s3:PutObject action"]


def rds_events_storage(rng):
    lines = []
    inc = T0 + timedelta(minutes=19)
    for t in ticks(rng, T0, 28, 6):
        lines.append((t, f"{t.strftime('%Y-%m-%dT%H:%M:%S.%f')}Z {rng.randint(10, 99)} [Note] [MY-010914] [Server] Aborted connection {rng.randint(1000, 9999)} to db: 'patient' user: 'app' host: '10.0.11.{rng.randint(2, 250)}' (Got an error reading communication packets)." if rng.random() < 0.05 else
                      f"{t.strftime('%Y-%m-%dT%H:%M:%S.%f')}Z 0 [Note] [MY-011825] [InnoDB] checkpoint at LSN {rng.randint(10**9, 10**10)}"))
    t = inc
    lines.append((t, f"{t.strftime('%Y-%m-%d %H:%M:%S')} UTC db-instance patient-api-prod: The DB instance has less than 10% free storage space remaining."))
    for k in range(40):
        t = inc + timedelta(seconds=10 + 9 * k)
        lines.append((t, f"{t.strftime('%Y-%m-%dT%H:%M:%S.%f')}Z {rng.randint(10, 99)} [ERROR] [MY-012639] [InnoDB] Write to file ./patient/sessions.ibd failed at offset {rng.randint(10**8, 10**9)}, 16384 bytes should have been written, only 0 were written. Operating system error number 28. Check that your OS and file system support files of this size."))
        lines.append((t, f"{t.strftime('%Y-%m-%dT%H:%M:%S.%f')}Z {rng.randint(10, 99)} [ERROR] [MY-013132] [Server] The table 'sessions' is full!"))
    t = inc + timedelta(minutes=7)
    lines.append((t, f"{t.strftime('%Y-%m-%d %H:%M:%S')} UTC db-instance patient-api-prod: The DB instance has reached the storage-full threshold, and the database has been shut down."))
    return [l for _, l in sorted(lines)]


def rds_failover(rng):
    """RDS events (describe-events text) and the app's JSON lines during a Multi-AZ failover."""
    lines = []
    inc = T0 + timedelta(minutes=18)
    body = patient_incident(rng, lambda r, t: (
        [jline(t, "error", "mysql query failed: Lost connection to server during query", **{"error.code": "db_connection_lost", "mysql.errno": "2013"}),
         access(r, t, "GET", "/api/users/me", 503, r.uniform(2, 30), "db_connection_lost")] if r.random() < 0.5 else None),
        minutes_before=18, minutes_during=2, minutes_after=10)
    events = [
        (inc - timedelta(seconds=5), "Multi-AZ instance failover started."),
        (inc, "DB instance restarted"),
        (inc + timedelta(seconds=95), "Multi-AZ instance failover completed."),
    ]
    out = body
    for t, m in events:
        out.append(f"{t.strftime('%Y-%m-%d %H:%M:%S')} UTC db-instance patient-api-prod: {m}")
    return out


def go_service(rng, failure, minutes=26, inc_minute=15, fail_minutes=8):
    """Go std log: '2026/11/27 17:04:21 message'."""
    lines = []
    inc = T0 + timedelta(minutes=inc_minute)
    for t in ticks(rng, T0, minutes, 20):
        ts = t.strftime("%Y/%m/%d %H:%M:%S")
        if inc <= t < inc + timedelta(minutes=fail_minutes) and rng.random() < 0.5:
            lines.append((t, f"{ts} {failure(rng)}"))
        else:
            lines.append((t, f"{ts} INFO handled GET /v1/quotes/{rng.randint(1, 999)} status=200 duration={rng.randint(2, 60)}ms"))
    return [l for _, l in sorted(lines)]


def dependency_timeout(rng):
    return f"ERROR payment client: Post \"https://payments.example.net/v2/charges\": dial tcp 203.0.113.{rng.randint(1, 250)}:443: i/o timeout"


def dns_failure(rng):
    return f"ERROR payment client: Post \"https://payments.internal.example.net/v2/charges\": dial tcp: lookup payments.internal.example.net on 10.0.0.2:53: no such host"


def tls_expired(rng):
    return ("ERROR payment client: Post \"https://payments.example.net/v2/charges\": tls: failed to verify certificate: x509: certificate has expired "
            "or is not yet valid: current time 2026-11-27T17:0%d:12Z is after 2026-11-27T00:00:00Z" % rng.randint(0, 9))


def secrets_kms(rng):
    lines = []
    inc = T0 + timedelta(minutes=14)
    for t in ticks(rng, T0, 24, 12):
        lines.append((t, f'level=info time={iso(t)} msg="Task engine: task at steady state" task="{rng.getrandbits(64):016x}" knownStatus=RUNNING'))
    for k in range(9):
        t = inc + timedelta(seconds=60 * k + rng.randint(0, 20))
        task = f"{rng.getrandbits(128):032x}"
        lines.append((t, f'level=error time={iso(t)} msg="Task stopped" task="arn:aws:ecs:eu-west-1:{ACCOUNT}:task/patient-api/{task}" '
                         f'stoppedReason="ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: '
                         f'unable to retrieve secret from asm: service call has been retried 5 time(s): AccessDeniedException: User: '
                         f'arn:aws:sts::{ACCOUNT}:assumed-role/patient-api-execution/{task[:12]} is not authorized to perform: secretsmanager:GetSecretValue '
                         f'on resource: arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:patient-api/db-password-Ab12Cd because no identity-based policy allows the secretsmanager:GetSecretValue action"'))
    return [l for _, l in sorted(lines)]


def native_crash(rng):
    """Node.js app after its base image moved from Debian to Alpine: the bcrypt native module cannot load."""
    lines = []
    deploy = T0 + timedelta(minutes=16)
    for t in ticks(rng, T0, 16, 25):
        lines.append((t, json.dumps({"level": 30, "time": int(t.timestamp() * 1000), "pid": 1, "hostname": "ip-10-0-11-23",
                                     "msg": f"request completed", "req": {"method": "GET", "url": f"/api/users/{rng.randint(1, 900)}"},
                                     "res": {"statusCode": 200}, "responseTime": rng.randint(2, 40)})))
    lines.append((deploy, f'level=info time={iso(deploy)} msg="Pulled container image" image="{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/patient-web:2.4.0-alpine"'))
    for k in range(8):
        t = deploy + timedelta(seconds=40 + 70 * k)
        lines.append((t, "Error: Error relocating /app/node_modules/bcrypt/lib/binding/napi-v3/bcrypt_lib.node: __strdup: symbol not found"))
        lines.append((t, "    at Module._extensions..node (node:internal/modules/cjs/loader:1460:18)"))
        lines.append((t, "    at Module.load (node:internal/modules/cjs/loader:1203:32)"))
        lines.append((t, "    at Object.<anonymous> (/app/node_modules/bcrypt/bcrypt.js:6:16)"))
        t2 = t + timedelta(seconds=2)
        lines.append((t2, f'level=info time={iso(t2)} msg="Task stopped" container=patient-web exitCode=139 reason="Segmentation fault (core dumped)"'))
    return [l for _, l in sorted(lines, key=lambda x: x[0])]


def healthy(rng):
    return patient_incident(rng, lambda r, t: None)


def main():
    scenarios = {
        "db-timeout": lambda r: patient_incident(r, db_timeout),
        "pool-exhausted": lambda r: patient_incident(r, pool_exhausted),
        "memory-spike": lambda r: patient_incident(r, lambda rr, t: None, extra=memory_watchdog),
        "slow-hash": lambda r: patient_incident(r, slow_hash),
        "error-burst": lambda r: patient_incident(r, error_burst),
        "dependency-down": lambda r: patient_incident(r, dependency_down),
        "ecs-oom-killed": ecs_oom,
        "ecs-health-check": ecs_health_check,
        "alb-502": lambda r: alb(r, 502),
        "alb-503": lambda r: alb(r, 503),
        "alb-504": lambda r: alb(r, 504),
        "rds-too-many-connections": lambda r: python_app(r, rds_too_many),
        "rds-storage-full": rds_events_storage,
        "rds-failover": rds_failover,
        "dependency-timeout": lambda r: go_service(r, dependency_timeout),
        "iam-access-denied": lambda r: python_app(r, iam_denied),
        "secrets-kms": secrets_kms,
        "throttling": lambda r: python_app(r, throttled),
        "dns-failure": lambda r: go_service(r, dns_failure),
        "disk-full": lambda r: python_app(r, disk_full),
        "tls-cert-expired": lambda r: go_service(r, tls_expired),
        "native-module-crash": native_crash,
        "healthy": healthy,
    }
    for index, (name, make) in enumerate(sorted(scenarios.items())):
        rng = random.Random(1000 + index)
        content = make(rng)
        text = content if isinstance(content, str) else "\n".join(content)
        with open(os.path.join(HERE, f"{name}.log"), "w") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    main()
