# The lab text's first snippet ("a minimal FastAPI Webhook listener"), verbatim.
from fastapi import FastAPI, Request

app = FastAPI()

@app.post("/events")
async def receive_event(request: Request):
    payload = await request.json()
    print("Webhook received:", payload)
    return {"status": "ok"}
