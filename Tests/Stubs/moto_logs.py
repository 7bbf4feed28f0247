"""Writes an Image Builder build log into CloudWatch Logs on a moto server, as EC2 Image Builder writes it.

Usage: moto_logs.py ENDPOINT GROUP STREAM LINES_FILE

Creates GROUP (after a reset of the server) with one STREAM holding each line of LINES_FILE as a log event, one
millisecond apart, so that the Swift tests fetch them back through GetLogEvents' paging.
"""
import sys
import time
import urllib.request

import boto3

endpoint, group, stream, lines_file = sys.argv[1:5]
urllib.request.urlopen(urllib.request.Request(endpoint + "/moto-api/reset", data=b"", method="POST")).read()
client = boto3.client("logs", endpoint_url=endpoint, region_name="us-east-1",
                      aws_access_key_id="AKIDMOTOTEST", aws_secret_access_key="moto-secret")
client.create_log_group(logGroupName=group)
client.create_log_stream(logGroupName=group, logStreamName=stream)
with open(lines_file) as handle:
    lines = handle.read().splitlines()
# Recent times: CloudWatch Logs (and moto) refuse events older than 14 days.
start = int(time.time() * 1000) - len(lines) - 1000
for offset in range(0, len(lines), 50):
    batch = [{"timestamp": start + offset + index, "message": line}
             for index, line in enumerate(lines[offset:offset + 50])]
    client.put_log_events(logGroupName=group, logStreamName=stream, logEvents=batch)
