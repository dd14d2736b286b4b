#!/usr/bin/env python3
"""Creates N community stations through the admin API, scattered over a 30 km square around
Jiaozuo's centre (fixed seed), with a few concurrent connections. Stdlib only.

    python3 bench/load-places.py http://127.0.0.1:18080 STAFF_TOKEN 10000   # an ADMIN session token
"""
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse

base, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
CENTRE = (35.2150, 113.2420)
HALF_SIDE_M = 15_000
url = urllib.parse.urlparse(base)
rng = random.Random(7)
bodies = []
for i in range(count):
    lat = CENTRE[0] + rng.uniform(-HALF_SIDE_M, HALF_SIDE_M) / 111_320
    lng = CENTRE[1] + rng.uniform(-HALF_SIDE_M, HALF_SIDE_M) / 91_000
    bodies.append(json.dumps({
        "name": f"压测服务站{i}", "address": f"焦作市测试路{i}号", "district": rng.choice(["解放区", "中站区", "马村区", "山阳区", "示范区"]),
        "subdistrict": "测试街道", "location": {"lat": round(lat, 6), "lng": round(lng, 6)}, "phone": "12319",
        "hours": {d: ["08:30-12:00", "14:00-17:30"] for d in ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]},
        "closures": [{"from": "2026-10-01", "to": "2026-10-08", "reason": "国庆节"}],
        "services": ["投诉受理", "政策咨询", "饮水休息"]}, ensure_ascii=False).encode())

lock = threading.Lock()
failures = []


def worker(chunk):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    for body in chunk:
        conn.request("POST", "/api/v1/admin/stations", body,
                     {"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        response.read()
        if response.status != 201:
            with lock:
                failures.append(response.status)


started = time.time()
threads = [threading.Thread(target=worker, args=(bodies[i::8],)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"loaded {count - len(failures)} of {count} stations in {time.time() - started:.1f} s")
sys.exit(1 if failures else 0)
