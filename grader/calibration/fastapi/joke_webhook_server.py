"""Step 2: JokeRequest -> Dad Jokes API. Run: uvicorn joke_webhook_server:app --port 8001"""
import asyncio
import os
import time

import requests
from fastapi import FastAPI, HTTPException, Request

from webhook_common import enabled, make_logger, read_event, unrecognized

JOKE_API_URL = os.getenv("JOKE_API_URL", "https://icanhazdadjoke.com").rstrip("/")

app = FastAPI()
log = make_logger("joke")


def fetch_joke():
    started = time.monotonic()
    timeout = 3 if enabled("timeout") else None
    response = requests.get(JOKE_API_URL + "/", headers={"Accept": "application/json"}, timeout=timeout)
    log("API_CALL", url=JOKE_API_URL, status=response.status_code, duration_ms=round((time.monotonic() - started) * 1000))
    response.raise_for_status()
    return response.json()["joke"]


async def get_joke():
    if not enabled("upstream-errors"):
        return await asyncio.to_thread(fetch_joke)
    try:
        return await asyncio.to_thread(fetch_joke)
    except requests.Timeout:
        log("API_ERROR", url=JOKE_API_URL, reason="timeout")
        raise HTTPException(status_code=504, detail="the jokes API did not answer in time")
    except (requests.RequestException, ValueError, KeyError) as err:
        log("API_ERROR", url=JOKE_API_URL, reason=type(err).__name__)
        raise HTTPException(status_code=502, detail=f"the jokes API failed: {type(err).__name__}")


@app.post("/events")
async def receive_event(request: Request):
    payload = await read_event(request, log)
    if payload.get("event") == "JokeRequest":
        return {"joke": await get_joke()}
    return unrecognized(payload.get("event"))
