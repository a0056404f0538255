"""Step 1: the basic webhook listener. Run: uvicorn basic_webhook_server:app --port 8000"""
from fastapi import FastAPI, Request

from webhook_common import make_logger, read_event

app = FastAPI()
log = make_logger("basic")


@app.post("/events")
async def receive_event(request: Request):
    payload = await read_event(request, log)
    print("Webhook received:", payload)
    return {"status": "ok", "event": payload.get("event")}
