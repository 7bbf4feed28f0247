"""A Step Functions API stub for what moto does not do: paging by maxResults, throttling, signature checks.

Usage: paging_stub.py HISTORY_FILE PAGE_SIZE SECRET_KEY [THROTTLE_EVERY [DELAY_MS]]

Serves one execution: the events of HISTORY_FILE (a get-execution-history document), GetExecutionHistory in pages
of at most PAGE_SIZE events (nextToken and reverseOrder as the API has them), DescribeExecution and
DescribeStateMachineForExecution. Every request's SigV4 signature is recomputed with botocore from SECRET_KEY and a
wrong one is refused (403 InvalidSignatureException), as AWS refuses it. Every third call is throttled (400
ThrottlingException; THROTTLE_EVERY, 0 for never); each answer leaves DELAY_MS after its request arrived (a
network's round trip, for the benchmark). With STUB_STALL_NEWEST_FIRST_FROM=K, a page asked for newest first that
starts K or more events from the newest is answered only after 60 s (a slow replica, a stuck connection: a fetch
must not wait for a page the other direction has brought). With STUB_TLS_CERTIFICATE set (a PEM file holding a
certificate and its key), it serves HTTPS instead of HTTP. Prints the port it listens on, then serves until its standard input closes.
"""
import json
import os
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sigv4_check import signature_is_valid

history_file, page_size, secret = sys.argv[1], int(sys.argv[2]), sys.argv[3]
throttle_every = int(sys.argv[4]) if len(sys.argv) > 4 else 3
delay = (int(sys.argv[5]) if len(sys.argv) > 5 else 0) / 1000
with open(history_file) as handle:
    document = json.load(handle)
events = document["events"] if isinstance(document, dict) else document
arn = (document.get("executionArn") if isinstance(document, dict) else None) or \
    "arn:aws:states:eu-west-1:123456789012:execution:Stub:paged"
stall_from = int(os.environ.get("STUB_STALL_NEWEST_FIRST_FROM", "-1"))
calls = {"count": 0, "pages": 0}
lock = threading.Lock()


pages = {}


def page_body(newest_first, start, size):
    """A page's answer, serialised once and kept: the stub stands in for a service whose serving costs are not the
    client's, so repeated fetches (the benchmark's runs) do not pay Python's json.dumps each time."""
    key = (newest_first, start, size)
    if key not in pages:
        ordered = list(reversed(events)) if newest_first else events
        page = {"events": ordered[start:start + size]}
        if start + size < len(ordered):
            page["nextToken"] = str(start + size)
        pages[key] = json.dumps(page).encode()
    return pages[key]


responses = {}


def page_response(newest_first, start, size):
    """A page's whole HTTP answer, status line and headers joined to the body once and kept: written in one call
    with no copy, where joining them for every request copied a page of a megabyte twice, a few tenths of a
    millisecond of every round trip that were the stub's, not the client's."""
    key = (newest_first, start, size)
    if key not in responses:
        body = page_body(newest_first, start, size)
        head = "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: %d\r\n\r\n" % len(body)
        responses[key] = head.encode() + body
    return responses[key]


class Handler(BaseHTTPRequestHandler):
    # Connections are kept open between calls, as AWS's endpoints keep them: every answer has its Content-Length.
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, payload):
        self.answer_bytes(status, json.dumps(payload).encode())

    # Each answer leaves in one write, without waiting on Nagle's algorithm, as a service's front end sends it:
    # the status line and headers written apart from a body of a megabyte or two held the body's last segment back
    # until the client had acknowledged the rest, a few milliseconds a page that were the stub's, not the client's.
    disable_nagle_algorithm = True

    def answer_bytes(self, status, body):
        self.send_response_only(status)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(body)))
        self._headers_buffer.append(b"\r\n" + body)
        self.flush_headers()

    def parse_request(self):
        # A request has arrived once its request line has: the headers are read and parsed after, by the stub.
        self.arrived = time.monotonic()
        return super().parse_request()

    def do_POST(self):
        # The answer leaves DELAY_MS after the request arrived: a service whose round trip is that long, its own
        # work (reading the headers, the signature check, the page) included, so that what the benchmark times
        # beyond it is the client's.
        deadline = self.arrived + delay
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not signature_is_valid(self, body, secret):
            return self.answer(403, {"__type": "InvalidSignatureException", "message": "The request signature we calculated does not match the signature you provided."})
        with lock:
            calls["count"] += 1
            throttled = throttle_every > 0 and calls["count"] % throttle_every == 0
        if delay:
            time.sleep(max(0.0, deadline - time.monotonic()))
        if throttled:
            return self.answer(400, {"__type": "ThrottlingException", "message": "Rate exceeded"})
        action = self.headers["X-Amz-Target"].split(".", 1)[1]
        request = json.loads(body or b"{}")
        if request.get("executionArn") != arn:
            return self.answer(400, {"__type": "ExecutionDoesNotExist", "message": "Execution Does Not Exist: '%s'" % request.get("executionArn")})
        if action == "DescribeExecution":
            return self.answer(200, {"executionArn": arn, "stateMachineArn": "arn:aws:states:eu-west-1:123456789012:stateMachine:Stub", "status": "SUCCEEDED", "startDate": 1.0})
        if action == "DescribeStateMachineForExecution":
            return self.answer(200, {"stateMachineArn": "arn:aws:states:eu-west-1:123456789012:stateMachine:Stub", "name": "Stub", "definition": "{}", "roleArn": "arn:aws:iam::123456789012:role/r", "updateDate": 1.0})
        if action == "GetExecutionHistory":
            size = min(int(request.get("maxResults", 100)), page_size, 1000)
            start = int(request.get("nextToken", "0"))
            with lock:
                calls["pages"] += 1
            if request.get("reverseOrder") and 0 <= stall_from <= start:
                time.sleep(60)
            self.wfile.write(page_response(bool(request.get("reverseOrder")), start, size))
            return
        return self.answer(400, {"__type": "UnknownOperationException", "message": action})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if os.environ.get("STUB_TLS_CERTIFICATE"):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.environ["STUB_TLS_CERTIFICATE"])
    server.socket = context.wrap_socket(server.socket, server_side=True)
# With a delay (the benchmark), every page of the configured size is serialised before the port is printed, so that
# the first of the benchmark's runs does not wait on Python's json.dumps either.
if delay > 0:
    for newest_first in (False, True):
        for start in range(0, len(events), page_size):
            page_response(newest_first, start, page_size)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
