#!/usr/bin/env python3
"""Writes a large, realistic log for `scripts/bench-diagnose`: hours of normal traffic in mixed
formats (the patient API's JSON lines, Python logging, Go log, ALB access log lines; every value
varied: request ids, client IPs, latencies, user ids), then a real incident taken from
doctor-zone/examples/INCIDENT.log with its timestamps moved to follow the traffic.

    diagnose_input.py OUT_FILE SIZE_MB [INCIDENT_LOG]

Deterministic (fixed seed). Roughly 10 s per GB with CPython.
"""
import json
import random
import sys
from datetime import datetime, timedelta, timezone

T0 = datetime(2026, 11, 27, 0, 0, 0, tzinfo=timezone.utc)
ROUTES = [("GET", "/healthz"), ("GET", "/api/users/me"), ("POST", "/api/auth/login"),
          ("POST", "/api/auth/signup"), ("POST", "/api/auth/logout"), ("GET", "/readyz")]


def iso_ms(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def main():
    out_path, size_mb = sys.argv[1], int(sys.argv[2])
    incident = sys.argv[3] if len(sys.argv) > 3 else None
    target = size_mb * 1024 * 1024
    rng = random.Random(20261127)
    # Pools of varied values, drawn per line (random.choice on small pools is far cheaper than new values).
    ids = ["%032x" % rng.getrandbits(128) for _ in range(65536)]
    ips = [f"10.0.{rng.randint(0, 3)}.{rng.randint(2, 250)}" for _ in range(997)]
    pubs = [f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}" for _ in range(991)]
    lat = [f"{rng.lognormvariate(2.5, 0.6):.1f}" for _ in range(1009)]
    users = [str(rng.randint(1, 50000)) for _ in range(1013)]
    reports = [str(rng.randint(1, 9999)) for _ in range(1019)]
    written = 0
    # ~40 lines a second: 1 GB covers about a day, so the incident has a long baseline.
    step_us = 25_000
    t_us = 0
    with open(out_path, "w", encoding="utf-8", buffering=1 << 20) as out:
        buf = []
        n = 0
        while written < target:
            t_us += rng.randint(1, 2 * step_us)
            t = T0 + timedelta(microseconds=t_us)
            r = rng.random()
            if r < 0.70:
                method, route = ROUTES[n % 6] if r < 0.42 else ROUTES[(n >> 3) % 4]
                status = "401" if r < 0.005 else "200"
                extra = f',"user.id":"{rng.choice(users)}"' if route == "/api/users/me" else ""
                line = ('{"timestamp":"%s","level":"info","message":"request completed","logger":"patient-api",'
                        '"service":"patient-api","request.id":"%s","http.method":"%s","http.route":"%s",'
                        '"http.status":"%s","latency_ms":"%s","client.ip":"%s"%s}') % (
                    iso_ms(t), rng.choice(ids), method, route, status, rng.choice(lat), rng.choice(ips), extra)
            elif r < 0.72:
                line = ('{"timestamp":"%s","level":"info","message":"user signed up","logger":"patient-api",'
                        '"service":"patient-api","user.id":"%s"}') % (iso_ms(t), rng.choice(users))
            elif r < 0.82:
                line = "%s,%03d - app.views - INFO - GET /reports/%s 200 %sms" % (
                    t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000, rng.choice(reports), rng.choice(lat)[:-2])
            elif r < 0.90:
                line = "%s INFO handled GET /v1/quotes/%s status=200 duration=%sms" % (
                    t.strftime("%Y/%m/%d %H:%M:%S"), rng.choice(reports), rng.choice(lat)[:-2])
            else:
                line = ('https %s app/patient-api-prod/50dc6c495c0c9188 %s:%d %s:8080 0.000 0.0%s 0.000 200 200 %d %d '
                        '"GET https://api.example.com:443/api/users/me HTTP/1.1" "Mozilla/5.0 (X11; Linux x86_64)" '
                        'ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2') % (
                    t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond:06d}Z", rng.choice(pubs), rng.randint(1024, 65535),
                    rng.choice(ips), rng.choice(lat)[:2].replace(".", ""), rng.randint(300, 700), rng.randint(900, 1600))
            buf.append(line)
            written += len(line) + 1
            n += 1
            if len(buf) >= 4096:
                out.write("\n".join(buf) + "\n")
                buf.clear()
        if buf:
            out.write("\n".join(buf) + "\n")
        if incident:
            shift = (T0 + timedelta(microseconds=t_us + 60_000_000)) - datetime(2026, 11, 27, 16, 40, 0, tzinfo=timezone.utc)
            with open(incident, encoding="utf-8") as f:
                for raw in f:
                    obj = json.loads(raw)
                    ts = datetime.strptime(obj["timestamp"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
                    obj["timestamp"] = iso_ms(ts + shift)
                    out.write(json.dumps(obj, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
