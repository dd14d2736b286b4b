#!/usr/bin/env python3
"""Writes Redis protocol for `redis-cli --pipe`: N scheduled surveys, all due at one moment.

usage: seed-surveys.py N DUE_EPOCH_MS [PREFIX [SERIES]]
SERIES (default a) sets the surveys' tracking numbers and phone numbers apart from another series'.
Each survey is what SurveyIntake would have written for a closed case with a contact phone (and a
resident holding no WeChat grant), so the sweep sends every one by SMS. The cases are spread over five
districts in turn, each survey in its district's shard ({survey:<code>}); SHARDS=legacy puts them all,
with numbers of before districts had codes, in the legacy shard {survey}, as a build before shards wants.
"""
import os
import datetime
import json
import sys

n = int(sys.argv[1])
due_ms = int(sys.argv[2])
prefix = sys.argv[3] if len(sys.argv) > 3 else "cs"
series = sys.argv[4] if len(sys.argv) > 4 else "a"
# a series of its own: another day in the tracking numbers, other numbers (139…)
day, mobile = ("20261124", "138") if series == "a" else ("20261123", "139")
due = datetime.datetime.fromtimestamp(due_ms / 1000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
closed = datetime.datetime.fromtimestamp(due_ms / 1000 - 7200, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
DISTRICTS = [("0802", "解放区"), ("0803", "中站区"), ("0804", "马村区"), ("0811", "山阳区"), ("0871", "示范区")]
legacy = os.environ.get("SHARDS") == "legacy"
out = sys.stdout.buffer


def command(*parts):
    encoded = [p.encode("utf-8") for p in parts]
    out.write(b"*%d\r\n" % len(encoded))
    for p in encoded:
        out.write(b"$%d\r\n%s\r\n" % (len(p), p))


for i in range(n):
    code, district = DISTRICTS[i % len(DISTRICTS)]
    if legacy:
        tracking, tag = "JZ%s-%06d" % (day, i + 1), "survey"
    else:
        tracking, tag = "JZ%s-%s-%06d" % (code, day, i // len(DISTRICTS) + 1), "survey:" + code
    surveys = "%s:{%s}:surveys" % (prefix, tag)
    due_set = "%s:{%s}:due" % (prefix, tag)
    survey_id = "sv-%s-6" % tracking
    survey = {
        "id": survey_id, "trackingNo": tracking, "closing": 6, "residentId": "r-bench-%s%d" % (series, i),
        "phone": "%s%08d" % (mobile, i), "category": "clutter", "categoryName": "乱堆乱放", "district": district, "subdistrict": "许衡街道",
        "stationId": "demo-st-001", "status": "SCHEDULED", "channel": None, "closedAt": closed, "dueAt": due,
        "sentAt": None, "remindedAt": None, "finishedAt": None, "serialNo": None, "answer": None,
    }
    command("HSET", surveys, survey_id, json.dumps(survey, ensure_ascii=False, separators=(",", ":")))
    command("ZADD", due_set, str(due_ms), survey_id)
