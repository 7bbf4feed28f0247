"""A GameLift stub (moto has no GameLift): DescribeFleetEvents and DescribeFleetAttributes over the JSON 1.1
protocol, and the S3 links events carry, on one loopback port.

Usage: gamelift_stub.py EVENTS_FILE SECRET_KEY PAGE_SIZE [THROTTLE_EVERY]

EVENTS_FILE is a `describe-fleet-events` document (newest first). Its events' PreSignedLogUrl links are moved to
this stub, keeping their path and query: a GET of one answers a short text log naming the event, unless its path
holds "expired", which answers 403 AccessDenied as S3 does for an expired link. Every API request's SigV4 signature
is recomputed with botocore from SECRET_KEY (400 InvalidSignatureException otherwise); pages hold at most
min(Limit, PAGE_SIZE) events with NextToken; every THROTTLE_EVERY-th API call is throttled (0 for never). Prints
its port, then serves until its standard input closes.

DescribeGameSessions answers four sessions of the fleet: gs-error (ERROR), gs-crashed (TERMINATED,
INTERRUPTED), gs-done (TERMINATED, ended normally) and gs-live (ACTIVE); GetGameSessionLogUrl links each to an
archive here with a pre-signed query: a zip written by Python's zipfile, as GameLift keeps the files at the server
process's log paths. gs-error's holds a folder, the server's text log (ending in the error that stopped the
session) and a binary core file; gs-crashed's is hostile: an entry named to escape its folder (../).
"""
import io
import json
import zipfile
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sigv4_check import signature_is_valid

events_file, secret, page_size = sys.argv[1], sys.argv[2], int(sys.argv[3])
throttle_every = int(sys.argv[4]) if len(sys.argv) > 4 else 0
with open(events_file) as handle:
    events = json.load(handle)["Events"]
fleet_id = events[0]["ResourceId"]
calls = {"count": 0}
lock = threading.Lock()


def archive(session):
    """The log archive of a game session, made with zipfile as a server's log folder would be zipped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if session == "gs-crashed":
            archive.writestr("../../outside/escape.log", "written outside the log folder\n")
        else:
            archive.writestr("logs/", "")
            archive.writestr("logs/server.log", "".join(
                ["2024-05-01 11:02:00 INFO process ready on port 7777, log paths sent\n",
                 "2024-05-01 11:02:05 INFO starting game session %s: map harbour, 8 players\n" % session] +
                ["2024-05-01 11:03:%02d INFO tick %d, 8 players connected\n" % (tick, tick) for tick in range(40)] +
                ["2024-05-01 11:04:12 ERROR snapshot apply failed: player slot 3 is empty\n",
                 "2024-05-01 11:04:12 INFO ending the game session, reporting to GameLift\n"]))
            archive.writestr("logs/core.bin", bytes(range(256)) * 8, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, kind="application/x-amz-json-1.1"):
        body = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, code, message):
        return self.answer(status, json.dumps({"__type": code, "message": message}))

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        if path.startswith("/gamesessions/"):
            return self.answer(200, archive(path.split("/")[2]), "application/zip")
        if "expired" in path:
            return self.answer(403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
                               "application/xml")
        event = path.split("/events/")[-1].split("/")[0]
        return self.answer(200, "2024-05-01 10:15:30 INFO validating the fleet's launch path\n"
                                "2024-05-01 10:15:30 ERROR %s: /local/game/bin/MyServer was not found\n" % event,
                           "text/plain")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not signature_is_valid(self, body, secret):
            return self.error(400, "InvalidSignatureException", "The request signature we calculated does not "
                              "match the signature you provided.")
        with lock:
            calls["count"] += 1
            if throttle_every > 0 and calls["count"] % throttle_every == 0:
                return self.error(400, "ThrottlingException", "Rate exceeded")
        action = self.headers.get("X-Amz-Target", "").split(".", 1)[-1]
        request = json.loads(body or b"{}")
        port = self.server.server_address[1]

        def moved(event):
            event = dict(event)
            if "PreSignedLogUrl" in event:
                parts = urllib.parse.urlsplit(event["PreSignedLogUrl"])
                event["PreSignedLogUrl"] = "http://127.0.0.1:%d%s?%s" % (port, parts.path, parts.query)
            return event

        if action == "DescribeFleetAttributes":
            if request.get("FleetIds") != [fleet_id]:
                return self.answer(200, json.dumps({"FleetAttributes": []}))
            return self.answer(200, json.dumps({"FleetAttributes": [{
                "FleetId": fleet_id, "FleetArn": "arn:aws:gamelift:us-west-2:123456789012:fleet/" + fleet_id,
                "Name": "stub-fleet", "Status": "ERROR", "FleetType": "ON_DEMAND",
                "CreationTime": events[-1]["EventTime"]}]}))
        if action == "DescribeGameSessions":
            sessions = [("gs-error", "ERROR", None), ("gs-crashed", "TERMINATED", "INTERRUPTED"),
                        ("gs-done", "TERMINATED", None), ("gs-live", "ACTIVE", None)]
            return self.answer(200, json.dumps({"GameSessions": [
                dict({"GameSessionId": "arn:aws:gamelift:us-west-2::gamesession/%s/%s" % (fleet_id, name),
                      "FleetId": fleet_id, "Status": status}, **({"StatusReason": reason} if reason else {}))
                for name, status, reason in sessions]}))
        if action == "GetGameSessionLogUrl":
            name = request.get("GameSessionId", "").rsplit("/", 1)[-1]
            return self.answer(200, json.dumps({"PreSignedUrl": "http://127.0.0.1:%d/gamesessions/%s/log.zip?"
                                                "X-Amz-Expires=900&X-Amz-Signature=GAMESESSIONSIG" % (port, name)}))
        if action == "DescribeFleetEvents":
            if request.get("FleetId") != fleet_id:
                return self.error(400, "NotFoundException", "Fleet %s not found." % request.get("FleetId"))
            size = min(int(request.get("Limit", 100)), page_size)
            start = int(request.get("NextToken", "0"))
            page = {"Events": [moved(event) for event in events[start:start + size]]}
            if start + size < len(events):
                page["NextToken"] = str(start + size)
            return self.answer(200, json.dumps(page))
        return self.error(400, "UnknownOperationException", action)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
