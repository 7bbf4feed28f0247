"""An HTTP forward proxy for the tests: what a corporate proxy does with a client's traffic, on loopback.

Usage: forward_proxy.py

Forwards plain HTTP requests sent to it with an absolute URI (`POST http://host:port/path HTTP/1.1`), and tunnels
CONNECT requests (HTTPS) byte for byte, as `http_proxy` / `https_proxy` make libcurl send them. `GET /count` (a path,
not a URI) answers how many requests it forwarded and tunnels it opened, as JSON. Prints the port it listens on,
then serves until its standard input closes.
"""
import http.client
import json
import select
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

counts = {"forwarded": 0, "tunnels": 0}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        self.send_response_only(status)
        for name, value in headers:
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def forward(self):
        if not self.path.startswith("http://"):
            if self.path == "/count":
                with lock:
                    return self.reply(200, json.dumps(counts).encode())
            return self.reply(400, b"not a proxy request")
        target = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        headers = {name: value for name, value in self.headers.items() if name.lower() != "proxy-connection"}
        connection = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=30)
        connection.request(self.command, target.path + ("?" + target.query if target.query else ""), body, headers)
        answer = connection.getresponse()
        data = answer.read()
        with lock:
            counts["forwarded"] += 1
        self.reply(answer.status, data, answer.getheaders())
        connection.close()

    do_GET = forward
    do_POST = forward

    def do_CONNECT(self):
        host, _, port = self.path.rpartition(":")
        upstream = socket.create_connection((host, int(port)))
        with lock:
            counts["tunnels"] += 1
        self.send_response_only(200, "Connection Established")
        self.end_headers()
        self.close_connection = True
        sockets = [self.connection, upstream]
        while True:
            readable, _, _ = select.select(sockets, [], [], 30)
            if not readable:
                break
            for ready in readable:
                data = ready.recv(65536)
                if not data:
                    upstream.close()
                    return
                (upstream if ready is self.connection else self.connection).sendall(data)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
