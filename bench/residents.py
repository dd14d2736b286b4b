#!/usr/bin/env python3
"""Logs N simulated residents in through the local WeChat platform and prints one session token a
line: what bench/complaints.sh feeds wrk. Stdlib only.

    python3 bench/residents.py http://127.0.0.1:18080 http://127.0.0.1:19911 200 > tokens.txt
"""
import json
import sys
import urllib.request

backend, platform, count = sys.argv[1], sys.argv[2], int(sys.argv[3])


def post(url, body):
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


for i in range(count):
    code = post(platform + "/_stub/login-code", {"user": f"bench-{i}"})["code"]
    print(post(backend + "/api/v1/auth/wechat-login", {"code": code})["token"])
