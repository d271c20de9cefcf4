"""Signs requests with botocore's own SigV4Auth at a fixed time, for AWSCoreTests.

stdin: JSON list of {method, url, headers: [[name, value]], body, region, service,
                     access_key, secret_key, token (or null), timestamp "YYYYmmddTHHMMSSZ"}
stdout: JSON list of {authorization, x_amz_date, canonical_request}
"""
import datetime
import json
import sys
from unittest import mock

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(case):
    fixed = datetime.datetime.strptime(case["timestamp"], "%Y%m%dT%H%M%SZ")
    request = AWSRequest(method=case["method"], url=case["url"], data=case["body"].encode("utf-8"))
    for name, value in case["headers"]:
        request.headers[name] = value
    auth = SigV4Auth(Credentials(case["access_key"], case["secret_key"], case["token"]),
                     case["service"], case["region"])
    captured = []
    original = auth.canonical_request
    auth.canonical_request = lambda req: captured.append(original(req)) or captured[-1]
    with mock.patch("botocore.auth.datetime") as patched:
        patched.datetime.utcnow.return_value = fixed
        patched.datetime.strptime = datetime.datetime.strptime
        auth.add_auth(request)
    return {
        "authorization": request.headers["Authorization"],
        "x_amz_date": request.headers["X-Amz-Date"],
        "canonical_request": captured[-1],
    }


if __name__ == "__main__":
    json.dump([sign(case) for case in json.load(sys.stdin)], sys.stdout)
