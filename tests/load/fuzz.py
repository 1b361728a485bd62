#!/usr/bin/env python3
"""Sends malformed, oversized, wrongly-encoded and random bodies to every endpoint; reports status counts.
Also: broken chunked framing over a raw socket, lone UTF-16 surrogate escapes in JSON strings, validly signed Discord
interactions of shapes Discord never sends, and Teams activities of odd shapes (the server runs without Teams:AppId and
with Teams:AllowAnonymous, so loopback callers are served). Every case the issue lists is sent once first, then `count` random ones.
Exits non-zero on any 5xx or if the server stops answering. Loopback only.
Usage: fuzz.py PORT COUNT; DISCORD_KEY_FILE names the PEM key of the server's Discord:PublicKey (signing needs openssl)."""
import http.client, json, os, random, socket, subprocess, sys, tempfile, time

port, count = int(sys.argv[1]), int(sys.argv[2])
key_file = os.environ.get("DISCORD_KEY_FILE") or sys.exit("DISCORD_KEY_FILE is not set: signed Discord bodies are part of the fuzz")
random.seed(20221212)
endpoints = [("POST", "/api/ask"), ("POST", "/api/pick"), ("POST", "/api/none-of-these"), ("GET", "/api/timeline"), ("GET", "/api/sources"), ("POST", "/api/admin/reindex"),
             ("POST", "/api/discord/interactions"), ("POST", "/api/messages"), ("GET", "/healthz"), ("GET", "/")]
post_endpoints = [p for m, p in endpoints if m == "POST"]
types = ["application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", None, "multipart/form-data"]
statuses = {}   # kind -> {status: count}
failures = []   # (kind, status, what was sent), for the report

def body():
    kind = random.randrange(9)
    if kind == 0: return os.urandom(random.randrange(1, 4096))
    if kind == 1: return b"{" * random.randrange(1, 50000)                                  # deep nesting
    if kind == 2: return b'{"question":"' + b"\xff\xfe\xc3\x28" * random.randrange(1, 500) + b'"}'  # bad UTF-8
    if kind == 3: return b'{"question":"' + b"a" * random.randrange(60000, 300000) + b'"}'   # oversized
    if kind == 4: return json.dumps({"question": random.choice([None, 42, [], {}, True, "\u0000" * 20, "x" * 501]),
                                     "passageId": random.choice([None, 7, "", "x" * 5000, "tdi-2022-06-11-pakistan-azerbaijan-30-years#11", "../#1"]),
                                     "replyId": random.choice([None, "", "r" * 65, "reply-0001", "<b>reply</b>"]),
                                     "clientId": random.choice([None, {}, "client-aaaaaaaa", "c"])}).encode()
    if kind == 5: return json.dumps({"type": random.choice([1, 2, 3, 4, 99, "x", None]), "data": {"name": "ask"}}).encode()
    if kind == 6: return json.dumps({"type": "message", "text": "hi", "serviceUrl": "http://10.0.0.1/"}).encode()
    if kind == 7: return b""
    return json.dumps([random.random() for _ in range(random.randrange(1, 2000))]).encode()

def record(kind, status, sent):
    statuses.setdefault(kind, {})
    statuses[kind][status] = statuses[kind].get(status, 0) + 1
    if isinstance(status, int) and status >= 500:
        failures.append((kind, status, sent[:300]))

def http_send(method, path, data=None, headers=None):
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request(method, path, body=data, headers=headers or {})
        status = conn.getresponse().status
        conn.close()
        return status
    except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
        return "reset"   # the server may close a connection whose body is over its limit

# --- broken chunked framing, written byte for byte: http.client cannot send it ---
CHUNK_SIZES = ["zz", "ffffffffffffffffff", "-1", "0x10", "1 2", "g", "fffffffffffffffff" * 4, "8000000000000000", "", "5;" + "e" * 5000, "\x00"]

def raw_send(request):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            s.sendall(request)
            data = b""
            while b"\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    return "closed"
                data += chunk
            return int(data.split(b" ", 2)[1])
    except (ConnectionResetError, BrokenPipeError):
        return "reset"

def framing(path=None, size=None, strict=False):
    method, path = (("POST", path) if path else random.choice(endpoints))
    size = size if size is not None else random.choice(CHUNK_SIZES)
    rest = random.choice([b'{"question":"When?"}\r\n0\r\n\r\n', b"", b"x" * 10, b"\r\n\r\n", b'{"type":1}\r\nzz\r\n'])
    request = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               "Authorization: Bearer load-test-admin-token-0123456789\r\nTransfer-Encoding: chunked\r\n\r\n").encode() + size.encode() + b"\r\n" + rest
    status = raw_send(request)
    record("framing", status, request)
    if strict and not (isinstance(status, int) and 400 <= status < 600):
        failures.append(("framing", status, request[:300]))   # the listed cases must get a 4xx, not a closed connection

# --- lone surrogate escapes, which JSON parsers accept and string reads refuse ---
SURROGATES = ["\\ud800", "\\udc00", "\\udfff\\ud800", "a\\ud83d", "\\ud800\\ud800", "\\uDBFF"]

def surrogate(path=None):
    path = path or random.choice(post_endpoints)
    s = random.choice(SURROGATES)
    data = random.choice([
        '{"question":"%s"}', '{"question":"When did Pakistan %s recognize Azerbaijan?"}', '{"%s":"x","question":"When?"}',
        '{"type":"message","text":"%s","from":{"id":"u"},"conversation":{"id":"c"},"id":"1"}',
        '{"type":"message","value":{"action":"timeline","topic":"%s"},"from":{"id":"u"}}',
    ]) % s
    record("surrogate", http_send("POST", path, data.encode(), {"Content-Type": "application/json"}), data.encode())
    signed_discord(('{"type":2,"data":{"name":"ask","options":[{"name":"question","type":3,"value":"%s"}]}}' % s).encode(), "surrogate")

# --- validly signed Discord interactions of shapes Discord never sends ---
def signed_discord(data, kind="discord-signed"):
    stamp = str(int(time.time()))
    with tempfile.NamedTemporaryFile() as message:   # openssl 3.0 signs Ed25519 only from a file, not a pipe
        message.write(stamp.encode() + data)
        message.flush()
        signature = subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", key_file, "-rawin", "-in", message.name],
                                   capture_output=True, check=True).stdout.hex()
    headers = {"Content-Type": "application/json", "X-Signature-Ed25519": signature, "X-Signature-Timestamp": stamp}
    record(kind, http_send("POST", "/api/discord/interactions", data, headers), data)

ODD_DISCORD = [
    '{"type":2}', '{"type":3}', '{"type":4}', '{"type":2.5,"data":{"name":"ask"}}', '{"type":"2","data":{"name":"ask"}}',
    '{"type":1e400}', '{"type":2,"data":null}', '{"type":2,"data":"ask"}', '{"type":3,"data":{"custom_id":5}}',
    '{"type":2,"member":"x","data":{"name":"sources"}}', '{"type":2,"member":{"user":"x"},"data":{"name":"sources"}}',
    '{"type":2,"data":{"name":"ask","options":{"question":"x"}}}', '{"type":2,"data":{"name":"ask","options":[{"name":"question","value":{}}]}}',
    '{"type":4,"data":{"name":"ask","options":[{"name":"question","value":12,"focused":true}]}}',
    '{"type":2,"data":{"name":"Ask PakAzBot","target_id":"1","resolved":{"messages":{"1":"x"}}}}',
    '{"type":3,"message":{"embeds":[{"author":"Q: x"}]},"data":{"custom_id":"fb|up|x#1"}}', '[{"type":2}]', '"interaction"', 'null',
]

# Documented interactions (reindex left out: a slow one would call Discord's real API), each mutated at one random place.
TEMPLATES = [
    {"type": 2, "id": "1", "application_id": "1", "token": "t", "version": 1, "member": {"user": {"id": "42"}, "roles": ["7"], "permissions": "0"},
     "data": {"id": "2", "name": "ask", "type": 1, "options": [{"name": "question", "type": 3, "value": "When did Pakistan recognize Azerbaijan?"}, {"name": "private", "type": 5, "value": True}]}},
    {"type": 2, "id": "1", "token": "t", "user": {"id": "42"}, "data": {"name": "timeline", "options": [{"name": "from", "type": 3, "value": "1991"}, {"name": "topic", "type": 3, "value": "defence"}]}},
    {"type": 2, "id": "1", "token": "t", "member": {"user": {"id": "42"}}, "data": {"name": "Ask PakAzBot", "type": 3, "target_id": "9",
     "resolved": {"messages": {"9": {"id": "9", "content": "When did Pakistan recognize Azerbaijan?"}}}}},
    *({"type": 3, "id": "1", "token": "t", "member": {"user": {"id": "42"}}, "message": {"embeds": [{"author": {"name": "Q: When?"}}]},
       "data": {"custom_id": custom_id, "component_type": 2}}
      for custom_id in ["src|tdi-2022-06-11-pakistan-azerbaijan-30-years#7", "fb|up|tdi-2022-06-11-pakistan-azerbaijan-30-years#7", "tl|1|1991||defence"]),
    {"type": 4, "id": "1", "token": "t", "user": {"id": "42"}, "data": {"name": "ask", "options": [{"name": "question", "type": 3, "value": "kho", "focused": True}]}},
    {"type": 2, "id": "1", "token": "t", "data": {"name": "sources"}},
]
ODD_VALUES = [None, 0, -1, 2.5, 1e308, 10 ** 30, "", "x", "2", "\ud800", True, False, [], [1], {}, {"id": 5}, [None], "tl|-9|x|y|z", "fb|up|", "src|"]

def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items(): yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node): yield from paths(v, prefix + (i,))

def mutate(template):
    doc = json.loads(json.dumps(template))
    where = random.choice([p for p in paths(doc) if p])
    parent = doc
    for step in where[:-1]: parent = parent[step]
    parent[where[-1]] = random.choice(ODD_VALUES)
    return json.dumps(doc).encode()   # ASCII: "\ud800" among the values is written as the escape it stands for

# --- Teams activities of odd shapes; no serviceUrl, so the bot answers and nothing is sent out ---
TEAMS = {"type": "message", "id": "1", "channelId": "msteams", "from": {"id": "29:u", "aadObjectId": "a"}, "recipient": {"id": "28:bot"},
         "conversation": {"id": "c"}, "text": "<at>PakAzBot</at> timeline", "entities": [{"type": "mention", "text": "<at>PakAzBot</at>", "mentioned": {"id": "28:bot"}}],
         "value": {"action": "timeline", "page": 1, "from": "1991", "to": "2020", "topic": "defence"}}
ODD_TEAMS = [{"action": "timeline", "page": "2"}, {"action": "timeline", "page": 2.5}, {"action": "timeline", "page": {}}, {"action": "source", "passage": 5},
             {"action": "feedback", "vote": "up", "passage": []}, {"action": []}]

def teams(data=None):
    data = data or mutate(TEAMS)
    record("teams", http_send("POST", "/api/messages", data, {"Content-Type": "application/json"}), data)

# Every case the issue lists, once. The endpoints that read a body must answer broken framing with a 4xx.
for path in post_endpoints:
    for size in ["zz", "ffffffffffffffffff"]:
        framing(path, size, strict=path != "/api/admin/reindex")
    surrogate(path)
for odd in ODD_DISCORD:
    signed_discord(odd.encode())
for value in ODD_TEAMS:
    teams(json.dumps(dict(TEAMS, value=value)).encode())

for i in range(count):
    roll = random.random()
    if roll < 0.1: framing(); continue
    if roll < 0.15: surrogate(); continue
    if roll < 0.3: signed_discord(mutate(random.choice(TEMPLATES))); continue
    if roll < 0.4: teams(); continue
    method, path = random.choice(endpoints)
    if path == "/api/timeline":
        path += "?" + random.choice(["from=banana", "from=2020&to=2010", "topic=" + "x" * 600, "from=%ff%fe", "to=9999-99-99", ""])
    headers = {}
    ctype = random.choice(types)
    if ctype: headers["Content-Type"] = ctype
    if random.random() < 0.3:
        headers[random.choice(["X-Signature-Ed25519", "X-Signature-Timestamp", "Authorization"])] = random.choice(["", "Bearer x.y.z", "zz" * 64, "1" * 30])
    data = body() if method == "POST" else None
    record("random", http_send(method, path, data, headers), data or b"")

print(json.dumps(statuses, sort_keys=True, default=str))
for kind, status, sent in failures[:20]:
    print(f"5xx: {kind} {status} {sent!r}", file=sys.stderr)
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
conn.request("GET", "/healthz")
alive = conn.getresponse().status == 200
sys.exit(0 if not failures and alive else 1)
