"""The Patient API in FastAPI + aiomysql: the stack the Swift service replaces, kept only as the
benchmark reference (scripts/bench-api). Same routes, same schema, same bcrypt cost, same status codes
for the benchmarked paths. Run: uvicorn app:app --workers 2 (DATABASE_URL, BCRYPT_COST from env)."""
import asyncio
import base64
import datetime
import hashlib
import os
import re
import secrets
from urllib.parse import unquote, urlparse

import aiomysql
import bcrypt
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

EMAIL = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$")
COST = int(os.environ.get("BCRYPT_COST", "12"))
SESSION_SECONDS = 24 * 3600
app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
state = {}


def error(status, code, message):
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def user_json(row):
    return {"id": row["id"], "email": row["email"], "name": row["name"],
            "createdAt": row["created_at"].strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"}


@app.on_event("startup")
async def startup():
    url = urlparse(os.environ["DATABASE_URL"])
    state["pool"] = await aiomysql.create_pool(
        host=url.hostname, port=url.port or 3306, user=unquote(url.username or "root"),
        password=unquote(url.password or ""), db=url.path.lstrip("/"), minsize=1, maxsize=10,
        autocommit=True, init_command="SET time_zone = '+00:00'")


@app.on_event("shutdown")
async def shutdown():
    state["pool"].close()
    await state["pool"].wait_closed()


@app.get("/healthz")
async def healthz():
    return {"status": "ok"}


@app.get("/readyz")
async def readyz():
    try:
        async with state["pool"].acquire() as conn, conn.cursor() as cur:
            await cur.execute("SELECT 1")
        return {"status": "ready"}
    except Exception:
        return JSONResponse({"status": "unavailable"}, status_code=503)


async def new_session(cur, user_id):
    token = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    now = datetime.datetime.utcnow()
    await cur.execute(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (%s, %s, %s, %s)",
        (hashlib.sha256(token.encode()).digest(), user_id, now, now + datetime.timedelta(seconds=SESSION_SECONDS)))
    return token


@app.post("/api/auth/signup")
async def signup(request: Request):
    body = await request.json()
    email = str(body.get("email", "")).strip().lower()
    password = str(body.get("password", ""))
    if not EMAIL.match(email):
        return error(400, "invalid_request", "email is not a valid address")
    if not 8 <= len(password.encode()) <= 72:
        return error(400, "invalid_request", "password must be 8 to 72 bytes")
    hashed = await asyncio.get_running_loop().run_in_executor(
        None, lambda: bcrypt.hashpw(password.encode(), bcrypt.gensalt(COST)).decode())
    now = datetime.datetime.utcnow()
    async with state["pool"].acquire() as conn, conn.cursor(aiomysql.DictCursor) as cur:
        try:
            await cur.execute("INSERT INTO users (email, password_hash, name, created_at) VALUES (%s, %s, %s, %s)",
                              (email, hashed, body.get("name"), now))
        except aiomysql.IntegrityError:
            return error(409, "email_taken", "An account with this email already exists.")
        user_id = cur.lastrowid
        token = await new_session(cur, user_id)
    return JSONResponse({"user": user_json({"id": user_id, "email": email, "name": body.get("name"), "created_at": now}),
                         "token": token}, status_code=201)


@app.post("/api/auth/login")
async def login(request: Request):
    body = await request.json()
    email = str(body.get("email", "")).strip().lower()
    password = str(body.get("password", "")).encode()
    async with state["pool"].acquire() as conn, conn.cursor(aiomysql.DictCursor) as cur:
        await cur.execute("SELECT id, email, name, created_at, password_hash FROM users WHERE email = %s", (email,))
        row = await cur.fetchone()
        stored = row["password_hash"].encode() if row else state.setdefault("dummy", bcrypt.hashpw(b"x", bcrypt.gensalt(COST)))
        ok = await asyncio.get_running_loop().run_in_executor(None, bcrypt.checkpw, password, stored)
        if not row or not ok:
            return error(401, "invalid_credentials", "Email or password is wrong.")
        token = await new_session(cur, row["id"])
    return {"user": user_json(row), "token": token}


def bearer(request):
    header = request.headers.get("authorization", "")
    return header[7:] if header.lower().startswith("bearer ") else None


@app.get("/api/users/me")
async def me(request: Request):
    token = bearer(request)
    if not token:
        return error(401, "unauthorized", "A valid bearer token is required.")
    async with state["pool"].acquire() as conn, conn.cursor(aiomysql.DictCursor) as cur:
        await cur.execute(
            "SELECT u.id, u.email, u.name, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id "
            "WHERE s.token_hash = %s AND s.revoked_at IS NULL AND s.expires_at > %s",
            (hashlib.sha256(token.encode()).digest(), datetime.datetime.utcnow()))
        row = await cur.fetchone()
    if not row:
        return error(401, "unauthorized", "A valid bearer token is required.")
    return user_json(row)


@app.post("/api/auth/logout")
async def logout(request: Request):
    token = bearer(request)
    if not token:
        return error(401, "unauthorized", "A valid bearer token is required.")
    async with state["pool"].acquire() as conn, conn.cursor() as cur:
        now = datetime.datetime.utcnow()
        await cur.execute("UPDATE sessions SET revoked_at = %s WHERE token_hash = %s AND revoked_at IS NULL",
                          (now, hashlib.sha256(token.encode()).digest()))
        if cur.rowcount != 1:
            return error(401, "unauthorized", "A valid bearer token is required.")
    return Response(status_code=204)
