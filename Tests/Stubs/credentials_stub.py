"""The services credentials come from, for the Swift tests: STS AssumeRole, a container credentials endpoint and
the EC2 instance metadata service (IMDSv2), on one loopback port.

Usage: credentials_stub.py SOURCE_SECRET CONTAINER_TOKEN

- POST / with Action=AssumeRole: the request's SigV4 signature is checked with botocore against SOURCE_SECRET (a
  wrong one gets 403 SignatureDoesNotMatch, as STS answers); the answer names the role in the assumed key id.
- GET /container-credentials: needs the Authorization header CONTAINER_TOKEN (401 otherwise).
- PUT /latest/api/token, then GET /latest/meta-data/iam/security-credentials/[ROLE] with that token (401 without).
- GET /federation/credentials?account_id=A&role_name=R (the IAM Identity Center portal): needs the header
  x-amz-sso_bearer_token "sso-token-of-A" (401 UnauthorizedException otherwise); names the role in the key id.
Prints its port, then serves until its standard input closes.
"""
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sigv4_check import signature_is_valid

source_secret, container_token = sys.argv[1], sys.argv[2]
imds_token = "imds-session-token"


def credentials(key):
    return {"AccessKeyId": key, "SecretAccessKey": "secret-of-" + key, "Token": "token-of-" + key,
            "Expiration": "2999-01-01T00:00:00Z"}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, kind="application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_PUT(self):
        if self.path == "/latest/api/token" and self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
            return self.answer(200, imds_token, "text/plain")
        return self.answer(400, "")

    def do_GET(self):
        if self.path.startswith("/federation/credentials?"):
            query = dict(urllib.parse.parse_qsl(self.path.split("?", 1)[1]))
            if self.headers.get("x-amz-sso_bearer_token") != "sso-token-of-" + query.get("account_id", ""):
                return self.answer(401, json.dumps({"message": "Session token not found or invalid"}))
            creds = credentials("AKIDSSO" + query.get("role_name", "").upper().replace("-", ""))
            return self.answer(200, json.dumps({"roleCredentials": {
                "accessKeyId": creds["AccessKeyId"], "secretAccessKey": creds["SecretAccessKey"],
                "sessionToken": creds["Token"], "expiration": 32472144000000}}))
        if self.path == "/container-credentials":
            if self.headers.get("Authorization") != container_token:
                return self.answer(401, "")
            return self.answer(200, json.dumps(credentials("AKIDCONTAINER")))
        if self.path.startswith("/latest/meta-data/iam/security-credentials/"):
            if self.headers.get("X-aws-ec2-metadata-token") != imds_token:
                return self.answer(401, "")
            role = self.path.rsplit("/", 1)[1]
            if not role:
                return self.answer(200, "retrace-instance-role\n", "text/plain")
            return self.answer(200, json.dumps(credentials("AKIDINSTANCE" + role.upper().replace("-", ""))))
        return self.answer(404, "")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not signature_is_valid(self, body, source_secret) or "/sts/aws4_request" not in self.headers.get("Authorization", ""):
            return self.answer(403, "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request "
                               "signature we calculated does not match</Message></Error></ErrorResponse>", "text/xml")
        form = dict(urllib.parse.parse_qsl(body.decode()))
        if form.get("Action") != "AssumeRole":
            return self.answer(400, "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>", "text/xml")
        role = form["RoleArn"].rsplit("/", 1)[1]
        creds = credentials("AKIDASSUMED" + role.upper().replace("-", ""))
        xml = ("<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>%s</AccessKeyId><SecretAccessKey>%s"
               "</SecretAccessKey><SessionToken>%s</SessionToken><Expiration>%s</Expiration></Credentials>"
               "</AssumeRoleResult></AssumeRoleResponse>") % (creds["AccessKeyId"], creds["SecretAccessKey"],
                                                              creds["Token"], "2999-01-01T00:00:00.359Z")
        return self.answer(200, xml, "text/xml")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
