"""Runs one Step Functions execution on a moto server and prints what boto3 reads of it.

Usage: moto_sfn.py ENDPOINT DEFINITION_FILE INPUT_JSON NAME

moto 5.2 fails the StartExecution after one it has run, so the server is reset first. The output is JSON:
{"executionArn", "status", "events"}, the events as boto3's paginator returns them with timestamps as epoch
seconds, for the Swift tests to compare with what `retrace fetch` wrote.
"""
import json
import sys
import time
import urllib.request

import boto3

endpoint, definition_file, execution_input, name = sys.argv[1:5]


def post(path, body=None):
    data = json.dumps(body).encode() if body is not None else b""
    request = urllib.request.Request(endpoint + path, data=data, method="POST")
    request.add_header("Content-Type", "application/json")
    urllib.request.urlopen(request).read()


post("/moto-api/reset")
post("/moto-api/config", {"stepfunctions": {"execute_state_machine": True}})
client = boto3.client(
    "stepfunctions", endpoint_url=endpoint, region_name="eu-west-1",
    aws_access_key_id="AKIDMOTOTEST", aws_secret_access_key="moto-secret",
)
with open(definition_file) as handle:
    definition = handle.read()
machine = client.create_state_machine(
    name="retrace-test", definition=definition, roleArn="arn:aws:iam::123456789012:role/retrace-test"
)
execution = client.start_execution(stateMachineArn=machine["stateMachineArn"], input=execution_input, name=name)
arn = execution["executionArn"]
status = "RUNNING"
for _ in range(100):
    status = client.describe_execution(executionArn=arn)["status"]
    if status != "RUNNING":
        break
    time.sleep(0.05)
events = []
for page in client.get_paginator("get_execution_history").paginate(executionArn=arn):
    for event in page["events"]:
        event["timestamp"] = event["timestamp"].timestamp()
        events.append(event)
json.dump({"executionArn": arn, "status": status, "events": events}, sys.stdout)
