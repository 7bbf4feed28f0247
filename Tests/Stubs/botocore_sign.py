"""Signs requests with botocore's SigV4Auth, for the Swift tests to compare against.

Reads a JSON array of requests on stdin ({method, path, query: [[k, v]], headers: [[k, v]], body, region,
service, accessKey, secretKey, token, timestamp}) and writes a JSON array of {canonicalRequest, stringToSign,
authorization}. The time is fixed through request.context, as botocore's own signing does it.
"""
import json
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(item):
    credentials = Credentials(item["accessKey"], item["secretKey"], item.get("token"))
    auth = SigV4Auth(credentials, item["service"], item["region"])
    request = AWSRequest(
        method=item["method"],
        url="https://" + item["host"] + item["path"],
        params=dict(item["query"]),
        data=item["body"].encode("utf-8"),
    )
    for name, value in item["headers"]:
        request.headers[name] = value
    request.context["timestamp"] = item["timestamp"]
    auth._modify_request_before_signing(request)
    canonical = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical)
    signature = auth.signature(string_to_sign, request)
    auth._inject_signature_to_request(request, signature)
    return {
        "canonicalRequest": canonical,
        "stringToSign": string_to_sign,
        "authorization": request.headers["Authorization"],
    }


json.dump([sign(item) for item in json.load(sys.stdin)], sys.stdout)
