#!/usr/bin/env python3
"""Writes N residents as the one-tag identity layout before the shards (332bd50) kept them, in Redis's protocol for
`redis-cli --pipe`: a profile with a bound phone, the openid link, one session and its owner's set, and for every
tenth a subscribe grant. What bench/identity-migration.sh then moves. Stdlib only.

    python3 bench/seed-legacy-residents.py 100000 | redis-cli -p 16599 --pipe
"""
import hashlib
import sys


def command(*args):
    parts = [f"*{len(args)}\r\n"]
    for arg in args:
        data = str(arg).encode()
        parts.append(f"${len(data)}\r\n")
        parts.append(data.decode() + "\r\n")
    return "".join(parts)


count = int(sys.argv[1])
out = sys.stdout
for i in range(count):
    digest = hashlib.sha256(f"resident-{i}".encode()).hexdigest()
    resident = "r-" + digest[:20]
    openid = "o" + digest[20:48]
    session = hashlib.sha256(f"token-{i}".encode()).hexdigest()
    out.write(command("HSET", "cs:{identity}:resident:" + resident, "id", resident, "openid", openid,
                      "createdAt", "1795399200000", "phone", f"138{i:08d}", "phoneBoundAt", "1795399200000"))
    out.write(command("SET", "cs:{identity}:openid:" + openid, resident))
    out.write(command("SET", "cs:{identity}:session:" + session, f"RESIDENT {resident}|1795399200", "EX", "604800"))
    out.write(command("SADD", "cs:{identity}:sessions:resident:" + resident, session))
    out.write(command("EXPIRE", "cs:{identity}:sessions:resident:" + resident, "665280"))
    if i % 10 == 0:
        out.write(command("HSET", "cs:{identity}:grants:" + resident, "local-survey", "1"))
