#!/usr/bin/env python3
"""Sends malformed, oversized, wrongly-encoded and random bodies to every endpoint; reports status counts.
Exits non-zero on any 5xx or if the server stops answering. Loopback only."""
import http.client, json, os, random, sys

port, count = int(sys.argv[1]), int(sys.argv[2])
random.seed(20221212)
endpoints = [("POST", "/api/ask"), ("GET", "/api/timeline"), ("GET", "/api/sources"), ("POST", "/api/admin/reindex"),
             ("POST", "/api/discord/interactions"), ("POST", "/api/messages"), ("GET", "/healthz"), ("GET", "/")]
types = ["application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", None, "multipart/form-data"]

def body():
    kind = random.randrange(9)
    if kind == 0: return os.urandom(random.randrange(1, 4096))
    if kind == 1: return b"{" * random.randrange(1, 50000)                                  # deep nesting
    if kind == 2: return b'{"question":"' + b"\xff\xfe\xc3\x28" * random.randrange(1, 500) + b'"}'  # bad UTF-8
    if kind == 3: return b'{"question":"' + b"a" * random.randrange(60000, 300000) + b'"}'   # oversized
    if kind == 4: return json.dumps({"question": random.choice([None, 42, [], {}, True, "\u0000" * 20, "x" * 501])}).encode()
    if kind == 5: return json.dumps({"type": random.choice([1, 2, 3, 4, 99, "x", None]), "data": {"name": "ask"}}).encode()
    if kind == 6: return json.dumps({"type": "message", "text": "hi", "serviceUrl": "http://10.0.0.1/"}).encode()
    if kind == 7: return b""
    return json.dumps([random.random() for _ in range(random.randrange(1, 2000))]).encode()

statuses = {}
for i in range(count):
    method, path = random.choice(endpoints)
    if path == "/api/timeline":
        path += "?" + random.choice(["from=banana", "from=2020&to=2010", "topic=" + "x" * 600, "from=%ff%fe", "to=9999-99-99", ""])
    headers = {}
    ctype = random.choice(types)
    if ctype: headers["Content-Type"] = ctype
    if random.random() < 0.3:
        headers[random.choice(["X-Signature-Ed25519", "X-Signature-Timestamp", "Authorization"])] = random.choice(["", "Bearer x.y.z", "zz" * 64, "1" * 30])
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request(method, path, body=body() if method == "POST" else None, headers=headers)
        status = conn.getresponse().status
        conn.close()
    except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
        status = "reset"   # the server may close a connection whose body is over its limit
    statuses[status] = statuses.get(status, 0) + 1

print(json.dumps(statuses, sort_keys=True, default=str))
errors = sum(v for k, v in statuses.items() if isinstance(k, int) and k >= 500)
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
conn.request("GET", "/healthz")
alive = conn.getresponse().status == 200
sys.exit(0 if errors == 0 and alive else 1)
