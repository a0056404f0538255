"""Step 3: CardDraw -> Deck of Cards API, one deck for all events. Run: uvicorn card_webhook_server:app --port 8002"""
import asyncio
import os
import threading

import requests
from fastapi import FastAPI, HTTPException, Request

from webhook_common import enabled, make_logger, read_event, unrecognized

CARD_API_URL = os.getenv("CARD_API_URL", "https://deckofcardsapi.com").rstrip("/")

app = FastAPI()
log = make_logger("card")
deck = {"id": None}
deck_lock = threading.Lock()


def get(path):
    response = requests.get(CARD_API_URL + path, timeout=3 if enabled("timeout") else None)
    log("API_CALL", url=CARD_API_URL + path, status=response.status_code)
    response.raise_for_status()
    return response.json()


def draw_card():
    if not enabled("deck"):
        return get("/api/deck/new/draw/?count=1")["cards"][0]
    with deck_lock:  # two events at once must not both open a deck
        if deck["id"] is None:
            deck["id"] = get("/api/deck/new/shuffle/?deck_count=1")["deck_id"]
        drawn = get(f"/api/deck/{deck['id']}/draw/?count=1")
        if not drawn["cards"]:  # the deck is empty: shuffle it and draw again
            get(f"/api/deck/{deck['id']}/shuffle/")
            drawn = get(f"/api/deck/{deck['id']}/draw/?count=1")
        return drawn["cards"][0]


async def get_card():
    if not enabled("upstream-errors"):
        return await asyncio.to_thread(draw_card)
    try:
        return await asyncio.to_thread(draw_card)
    except requests.Timeout:
        raise HTTPException(status_code=504, detail="the cards API did not answer in time")
    except (requests.RequestException, ValueError, KeyError, IndexError) as err:
        raise HTTPException(status_code=502, detail=f"the cards API failed: {type(err).__name__}")


@app.post("/events")
async def receive_event(request: Request):
    payload = await read_event(request, log)
    if payload.get("event") == "CardDraw":
        card = await get_card()
        return {"card": card["value"] + " of " + card["suit"], "code": card["code"]}
    return unrecognized(payload.get("event"))
