"""Helpers of bench/staff-list.sh.

  python3 bench/staff-list.py load N DISTRICT STATION > cases.resp   # RESP for redis-cli --pipe
  python3 bench/staff-list.py measure BASE TOKEN REQUESTS QUERY...   # p50/p99 of GET /admin/complaints?QUERY

load writes N cases in one district and station through the backend's own submit.lua (EVALSHA of the
script loaded from the source tree), so every key and index is the one a real submission writes: the case
hash, all, by-resident, by-station, by-district, by-status, by-category, by-subdistrict, by-deadline, the
due sets, the GEO set, the timeline and the event. Cases spread over the 365 days before 2026-11-30, over
11 categories and all statuses (60 % closed); open ones have a clock.
"""
import http.client
import json
import random
import sys
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

P = "cs:{complaint}:"
CATEGORIES = ["street-vending", "outside-shop", "flyposting", "clutter", "illegal-signs", "open-air-barbecue",
              "exposed-rubbish", "street-cleaning", "public-toilets", "broken-road", "manhole-covers"]
STATUSES = ["CLOSED"] * 12 + ["RECEIVED", "REGISTERED", "DISPATCHED", "DISPATCHED", "HANDLED", "VERIFIED", "REJECTED", "REOPENED"]
WORDS = ["人民路口有人占道卖水果", "路面塌陷一个大坑", "井盖缺失很危险", "夜市烧烤油烟大", "垃圾堆放多日无人清理", "广告牌歪斜"]


def resp(*parts):
    out = [f"*{len(parts)}\r\n".encode()]
    for p in parts:
        b = p.encode() if isinstance(p, str) else p
        out.append(f"${len(b)}\r\n".encode() + b + b"\r\n")
    return b"".join(out)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def load(n, district, station, sha):
    rnd = random.Random(42)
    end = datetime(2026, 11, 30, 16, 0, tzinfo=timezone.utc)
    out = sys.stdout.buffer
    for i in range(n):
        created = end - timedelta(seconds=int(365 * 86400 * (i / n)))
        created = created - timedelta(seconds=rnd.randrange(60))
        day = (created + timedelta(hours=8)).strftime("%Y%m%d")
        tn = f"JZ{day}-{i:06d}"
        cat = rnd.choice(CATEGORIES)
        status = rnd.choice(STATUSES)
        clock = status not in ("CLOSED", "REJECTED", "VERIFIED")
        due = created + timedelta(hours=rnd.randrange(2, 72))
        yellow = created + (due - created) * 0.8
        case = {"trackingNo": tn, "residentId": f"bench-{i % 5000}", "category": cat,
                "description": rnd.choice(WORDS) + f" 第{i}号", "location": {"lat": 35.24, "lng": 113.17},
                "address": "焦作市中站区人民路 " + str(i % 300) + " 号", "contactPhone": None, "phoneProven": False,
                "photos": [], "status": status,
                "routing": {"stationId": station, "stationName": "压测服务站", "district": district, "subdistrict": "压测街道",
                            "distance": 100},
                "flagged": False, "rework": 0,
                "deadline": {"stage": "handle", "startedAt": iso(created), "dueAt": iso(due), "alert": "NONE"} if clock else None,
                "createdAt": iso(created), "updatedAt": iso(created), "version": 1}
        entry = {"at": iso(created), "status": "RECEIVED", "action": None, "actorRole": "RESIDENT", "actor": None,
                 "stationId": None, "note": "诉求已受理", "photos": []}
        keys = [P + "idempotency:none", P + "cases", P + "by-resident:" + case["residentId"], P + "by-station:" + station,
                P + "by-district:" + district, P + "all", P + "by-status:" + status, P + "timeline:" + tn, P + "events",
                P + "due:yellow", P + "due:red", P + "open-geo:" + cat, P + "by-category:" + cat,
                P + "by-subdistrict:压测街道", P + "by-deadline", P + "by-station-status:" + station + ":" + status,
                P + "by-district-status:" + district + ":" + status]
        ms = int(created.timestamp() * 1000)
        args = [tn, json.dumps(case, ensure_ascii=False, separators=(",", ":")), str(ms), json.dumps(entry, ensure_ascii=False),
                "0", str(int(yellow.timestamp() * 1000)) if clock else "", str(int(due.timestamp() * 1000)) if clock else "",
                "113.17", "35.24", json.dumps(["type", "RECEIVED", "trackingNo", tn])]
        out.write(resp("EVALSHA", sha, str(len(keys)), *keys, *args))


def measure(base, token, requests, query):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    headers = {"Authorization": "Bearer " + token}
    times, errors, page = [], 0, None
    for i in range(requests + 20):  # the first 20 warm the path and are not counted
        t = time.perf_counter()
        conn.request("GET", "/api/v1/admin/complaints?" + urllib.parse.quote(query, safe="=&"), headers=headers)
        r = conn.getresponse()
        body = r.read()
        if r.status != 200:
            # counted and shown, not fatal: the other queries are still measured
            errors += 1
            continue
        page = json.loads(body)
        if i >= 20:
            times.append((time.perf_counter() - t) * 1000)
    if not times:
        print(f"- - {errors}-errors 0 false")
        return
    times.sort()
    p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    total = f"{page['total']}" + (f"({errors}-errors)" if errors else "")
    print(f"{p(0.5):.2f} {p(0.99):.2f} {total} {len(page['items'])} {str(page.get('partial')).lower()}")


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        measure(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
