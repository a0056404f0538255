# The lab text's second snippet ("Triggering an Action via a Webhook"), verbatim except for one
# thing: the two API addresses come from JOKE_API_URL and CARD_API_URL, so that the grader's
# stand-ins answer instead of the public APIs.
import os

from fastapi import FastAPI, Request
import requests

JOKE_API_URL = os.getenv("JOKE_API_URL", "https://icanhazdadjoke.com")
CARD_API_URL = os.getenv("CARD_API_URL", "https://deckofcardsapi.com")

app = FastAPI()

@app.post("/events")
async def receive_event(request: Request):
    payload = await request.json()
    if payload.get("event") == "JokeRequest":
        joke = requests.get(JOKE_API_URL + "/", headers={"Accept": "application/json"}).json()
        return {"joke": joke["joke"]}
    elif payload.get("event") == "CardDraw":
        card = requests.get(CARD_API_URL + "/api/deck/new/draw/?count=1").json()
        return {"card": card["cards"][0]["value"] + " of " + card["cards"][0]["suit"]}
    else:
        return {"status": "unrecognized event"}
