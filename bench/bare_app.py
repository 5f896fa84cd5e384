"""The peer of the API benchmark: a bare Flask endpoint returning a constant JSON body."""

from flask import Flask

app = Flask(__name__)
BODY = {"status": "ok", "items": list(range(10))}


@app.get("/constant")
def constant() -> dict:
    return BODY
