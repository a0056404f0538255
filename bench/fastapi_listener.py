# The lab text's minimal FastAPI listener, verbatim: the bench's third ack peer (bench/bench-ack.ts).
from fastapi import FastAPI, Request

app = FastAPI()

@app.post("/events")
async def receive_event(request: Request):
    payload = await request.json()
    print("Webhook received:", payload)
    return {"status": "ok"}
