"""A CloudFormation query-API stub for what moto does not do: moto records a stack's own events only, never its
resources' (so nested stacks cannot be followed), and ignores paging. Serves DescribeStackEvents as AWS does.

Usage: cloudformation_stub.py STACKS_FILE PAGE_SIZE SECRET_KEY [THROTTLE_EVERY]

STACKS_FILE is a JSON object whose values are `describe-stack-events` documents ({"StackEvents": [...]}, newest
first), one per stack. A stack is found by its name or its StackId (the ARN), as the API finds it; an unknown one
gets 400 ValidationError "Stack with id NAME does not exist". Pages hold at most PAGE_SIZE events, with NextToken.
Every request's SigV4 signature is recomputed with botocore from SECRET_KEY (403 SignatureDoesNotMatch otherwise);
every THROTTLE_EVERY-th call is throttled (400 Throttling; 0 for never). Prints its port, then serves until its
standard input closes.
"""
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from sigv4_check import signature_is_valid

stacks_file, page_size, secret = sys.argv[1], int(sys.argv[2]), sys.argv[3]
throttle_every = int(sys.argv[4]) if len(sys.argv) > 4 else 0
with open(stacks_file) as handle:
    documents = json.load(handle)
stacks = {}
for document in documents.values():
    events = document["StackEvents"]
    stacks[events[0]["StackName"]] = events
    stacks[events[0]["StackId"]] = events
calls = {"count": 0}
lock = threading.Lock()


def error(code, message):
    return ("<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type>"
            "<Code>%s</Code><Message>%s</Message></Error><RequestId>stub</RequestId></ErrorResponse>"
            % (code, escape(message)))


def member(event):
    fields = "".join("<%s>%s</%s>" % (name, escape(str(value)), name) for name, value in event.items())
    return "<member>" + fields + "</member>"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, text):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not signature_is_valid(self, body, secret):
            return self.answer(403, error("SignatureDoesNotMatch", "The request signature we calculated does not "
                                          "match the signature you provided."))
        with lock:
            calls["count"] += 1
            if throttle_every > 0 and calls["count"] % throttle_every == 0:
                return self.answer(400, error("Throttling", "Rate exceeded"))
        form = dict(urllib.parse.parse_qsl(body.decode()))
        if form.get("Action") != "DescribeStackEvents" or form.get("Version") != "2010-05-15":
            return self.answer(400, error("InvalidAction", "Could not find operation %s" % form.get("Action")))
        name = form.get("StackName", "")
        if name not in stacks:
            return self.answer(400, error("ValidationError", "Stack [%s] does not exist" % name))
        start = int(form.get("NextToken", "0"))
        events = stacks[name]
        page = events[start:start + page_size]
        token = "<NextToken>%d</NextToken>" % (start + page_size) if start + page_size < len(events) else ""
        return self.answer(200, "<DescribeStackEventsResponse xmlns=\"http://cloudformation.amazonaws.com/doc/"
                           "2010-05-15/\"><DescribeStackEventsResult><StackEvents>" + "".join(map(member, page))
                           + "</StackEvents>" + token + "</DescribeStackEventsResult><ResponseMetadata><RequestId>"
                           "stub</RequestId></ResponseMetadata></DescribeStackEventsResponse>")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
