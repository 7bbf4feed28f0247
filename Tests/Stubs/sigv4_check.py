"""The SigV4 check every test stub makes, as AWS makes it: the request's signature is recomputed with botocore
from the secret key the stub was given, and must equal the one sent. Shared by the stubs beside this file."""
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def signature_is_valid(handler, body, secret):
    """Whether the request `handler` is reading (with `body`) is signed with `secret`."""
    header = handler.headers.get("Authorization", "")
    if not header.startswith("AWS4-HMAC-SHA256 "):
        return False
    fields = dict(part.strip().split("=", 1) for part in header[len("AWS4-HMAC-SHA256 "):].split(","))
    access_key, day, region, service, _ = fields["Credential"].split("/")
    signed = fields["SignedHeaders"].split(";")
    request = AWSRequest(method=handler.command, url="http://" + handler.headers["Host"] + handler.path, data=body)
    for name in signed:
        request.headers[name] = handler.headers[name]
    request.context["timestamp"] = handler.headers["X-Amz-Date"]
    auth = SigV4Auth(Credentials(access_key, secret, handler.headers.get("X-Amz-Security-Token")), service, region)
    canonical = auth.canonical_request(request)
    expected = auth.signature(auth.string_to_sign(request, canonical), request)
    return expected == fields["Signature"]
