"""A ModelArts stub (no local implementation exists): GET /v1/{project_id}/services/{service_id}/events as the
Huawei Cloud API answers it.

Usage: modelarts_stub.py EVENTS_FILE PROJECT_ID TOKEN PAGE_SIZE [THROTTLE_EVERY]

EVENTS_FILE is a service events document (service_id, service_name, events). The X-Auth-Token header must equal
TOKEN (401 ModelArts.0104 otherwise); an unknown project or service answers 404 ModelArts.3502. `offset` counts
pages and pages hold at most min(limit, PAGE_SIZE) events; `order=asc` or `desc` sorts by occur_time. Every
THROTTLE_EVERY-th call answers 429 (0 for never). Prints its port, then serves until its standard input closes.
"""
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

events_file, project_id, token, page_size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
throttle_every = int(sys.argv[5]) if len(sys.argv) > 5 else 0
with open(events_file) as handle:
    document = json.load(handle)
calls = {"count": 0}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.headers.get("X-Auth-Token") != token:
            return self.answer(401, {"error_code": "ModelArts.0104", "error_msg": "The token is invalid."})
        with lock:
            calls["count"] += 1
            if throttle_every > 0 and calls["count"] % throttle_every == 0:
                return self.answer(429, {"error_code": "APIGW.0308", "error_msg": "The request is throttled."})
        parts = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        if parts.path != "/v1/%s/services/%s/events" % (project_id, document["service_id"]):
            return self.answer(404, {"error_code": "ModelArts.3502", "error_msg": "Service not found."})
        ordered = sorted(document["events"], key=lambda event: event["occur_time"],
                         reverse=query.get("order", "desc") == "desc")
        size = min(int(query.get("limit", "1000")), page_size)
        start = int(query.get("offset", "0")) * size
        page = ordered[start:start + size]
        return self.answer(200, {"service_name": document["service_name"], "total_count": len(ordered),
                                 "service_id": document["service_id"], "count": len(page), "events": page})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
