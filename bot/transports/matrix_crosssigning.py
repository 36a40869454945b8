"""Cross-signing for the bot's own Matrix account, and the trust rule for other people's devices.

matrix-nio has no cross-signing (its issue #229), so this module does the protocol part itself: three
ed25519 keys (master, self-signing, user-signing; pycryptodome, already a nio dependency), published with
/keys/device_signing/upload, and the bot's device key signed by the self-signing key
(/keys/signatures/upload). Signatures are over canonical JSON of the object without `signatures` and
`unsigned`; keys, key ids and signatures are unpadded base64.
"""

from __future__ import annotations

import base64
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from Crypto.PublicKey import ECC
from Crypto.Signature import eddsa
from nio import AsyncClient
from vodozemac import DecodeException, Ed25519PublicKey, Ed25519Signature, KeyException, SignatureException

log = logging.getLogger(__name__)

USAGES = ("master", "self_signing", "user_signing")


class CrossSigningError(RuntimeError):
    """The identity could not be published or used; the message tells the admin what to do."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def canonical_json(value: Any) -> bytes:
    """Matrix canonical JSON: sorted keys, no whitespace, UTF-8 (callers never put floats in it)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def signable(obj: dict[str, Any]) -> bytes:
    return canonical_json({k: v for k, v in obj.items() if k not in ("signatures", "unsigned")})


def verify_signed(obj: dict[str, Any], user_id: str, public_key: str) -> bool:
    """Is `obj` signed by the ed25519 key `public_key` (unpadded base64) in the name of `user_id`?"""
    signature = obj.get("signatures", {}).get(user_id, {}).get(f"ed25519:{public_key}")
    if not isinstance(signature, str):
        return False
    try:
        key, sig = Ed25519PublicKey.from_base64(public_key), Ed25519Signature.from_base64(signature)
        key.verify_signature(signable(obj), sig)
    except (SignatureException, KeyException, DecodeException):
        return False
    return True


def only_key(cross_signing_key: dict[str, Any]) -> str | None:
    keys = list(cross_signing_key.get("keys", {}).values())
    return keys[0] if len(keys) == 1 and isinstance(keys[0], str) else None


def device_is_cross_signed(query: dict[str, Any], user_id: str, device_id: str) -> bool:
    """From a /keys/query answer: the device is signed by the user's self-signing key, which is signed by
    the user's master key (the chain Element checks for "exclude insecure devices")."""
    master = query.get("master_keys", {}).get(user_id)
    self_signing = query.get("self_signing_keys", {}).get(user_id)
    device = query.get("device_keys", {}).get(user_id, {}).get(device_id)
    if not (master and self_signing and device) or "self_signing" not in self_signing.get("usage", []):
        return False
    master_key, ssk = only_key(master), only_key(self_signing)
    return (master_key is not None and ssk is not None and verify_signed(self_signing, user_id, master_key)
            and verify_signed(device, user_id, ssk))


@dataclass
class SigningKey:
    seed: bytes

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(bytes(ECC.generate(curve="ed25519").seed))

    @property
    def public(self) -> str:
        return b64(eddsa.import_private_key(self.seed).public_key().export_key(format="raw"))

    def sign(self, obj: dict[str, Any], user_id: str) -> dict[str, Any]:
        """A copy of `obj` with this key's signature added."""
        signature = b64(eddsa.new(eddsa.import_private_key(self.seed), "rfc8032").sign(signable(obj)))
        signatures = {uid: dict(sigs) for uid, sigs in obj.get("signatures", {}).items()}
        signatures.setdefault(user_id, {})[f"ed25519:{self.public}"] = signature
        return {**obj, "signatures": signatures}


@dataclass
class CrossSigningKeys:
    user_id: str
    master: SigningKey
    self_signing: SigningKey
    user_signing: SigningKey

    @classmethod
    def generate(cls, user_id: str) -> CrossSigningKeys:
        return cls(user_id, SigningKey.generate(), SigningKey.generate(), SigningKey.generate())

    @classmethod
    def load(cls, path: Path) -> CrossSigningKeys:
        saved = json.loads(path.read_text())
        return cls(saved["user_id"], *(SigningKey(unb64(saved[usage])) for usage in USAGES))

    def save(self, path: Path) -> None:
        """Written with mode 0600 from the start (never briefly readable by others)."""
        data = json.dumps({"user_id": self.user_id, **{u: b64(getattr(self, u).seed) for u in USAGES}}).encode()
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)

    def public_key(self, usage: str) -> dict[str, Any]:
        """The published form; the sub-keys are signed by the master key."""
        key: SigningKey = getattr(self, usage)
        obj = {"user_id": self.user_id, "usage": [usage], "keys": {f"ed25519:{key.public}": key.public}}
        return obj if usage == "master" else self.master.sign(obj, self.user_id)


async def _request(client: AsyncClient, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    response = await client.send("POST", f"/_matrix/client/v3/{path}", json.dumps(body),
                                 headers={"Authorization": f"Bearer {client.access_token}",
                                          "Content-Type": "application/json"})
    return response.status, await response.json(content_type=None)


async def keys_query(client: AsyncClient, user_ids: list[str]) -> dict[str, Any]:
    status, answer = await _request(client, "keys/query", {"device_keys": {uid: [] for uid in user_ids}})
    if status != 200:
        raise CrossSigningError(f"/keys/query failed ({status}): {answer.get('error')}")
    return answer


async def publish(client: AsyncClient, keys: CrossSigningKeys, password: str | None) -> None:
    """Uploads the three public keys; user-interactive auth with the account password when the server asks."""
    body: dict[str, Any] = {f"{usage}_key": keys.public_key(usage) for usage in USAGES}
    status, answer = await _request(client, "keys/device_signing/upload", body)
    if status == 401 and "flows" in answer:
        if password is None:
            raise CrossSigningError("the homeserver asks for the bot's password to publish its cross-signing keys; "
                                    "set WIJKGIDS_MATRIX_PASSWORD")
        body["auth"] = {"type": "m.login.password", "session": answer.get("session"), "password": password,
                        "identifier": {"type": "m.id.user", "user": keys.user_id}}
        status, answer = await _request(client, "keys/device_signing/upload", body)
    if status != 200:
        raise CrossSigningError(f"publishing the cross-signing keys failed ({status}): {answer.get('error')}")


async def sign_own_device(client: AsyncClient, keys: CrossSigningKeys, device: dict[str, Any]) -> None:
    signed = keys.self_signing.sign({k: v for k, v in device.items() if k not in ("signatures", "unsigned")},
                                    keys.user_id)
    signed["signatures"] = {keys.user_id: signed["signatures"][keys.user_id]}
    status, answer = await _request(client, "keys/signatures/upload", {keys.user_id: {device["device_id"]: signed}})
    if status != 200 or answer.get("failures"):
        raise CrossSigningError(f"signing the bot's device failed ({status}): {answer}")


async def ensure_identity(client: AsyncClient, key_file: Path, password: str | None) -> CrossSigningKeys | None:
    """Makes sure the bot's account has its cross-signing identity and that this device is signed by it.

    First start: create, store (0600), publish. Later starts and a new device: re-sign. A master key on the
    server that the bot holds no private key for is never replaced: that is logged, and the bot runs on
    without cross-signing (Element shows its messages as from an unverified device) until the admin acts.
    """
    user_id, device_id = client.user_id, client.device_id
    query = await keys_query(client, [user_id])
    server_master = only_key(query.get("master_keys", {}).get(user_id, {}))
    keys = CrossSigningKeys.load(key_file) if key_file.exists() else None  # noqa: ASYNC240 (a tiny local file, once)
    if keys is not None and keys.user_id != user_id:
        raise CrossSigningError(f"{key_file} holds the cross-signing keys of {keys.user_id}, not of {user_id}")
    if server_master is not None and (keys is None or keys.master.public != server_master):
        log.error(
            "The Matrix account %s already has a cross-signing identity (master key %s) that this bot has no "
            "private keys for, so it will not replace it and runs without cross-signing. Restore %s from your "
            "backup, or, if those keys are lost, reset the account's cross-signing identity (e.g. log in as the "
            "bot in Element: Settings > Encryption > reset) and delete %s; the bot then creates a new one.",
            user_id, server_master, key_file, key_file)
        return None
    if keys is None:
        keys = CrossSigningKeys.generate(user_id)
        keys.save(key_file)
        log.info("created a cross-signing identity for %s (master key %s)", user_id, keys.master.public)
    if server_master is None:
        await publish(client, keys, password)
        query = await keys_query(client, [user_id])
    device = query.get("device_keys", {}).get(user_id, {}).get(device_id)
    if device is None:
        raise CrossSigningError(f"the bot's device {device_id} has no keys on the server yet")
    if not device_is_cross_signed(query, user_id, device_id):
        await sign_own_device(client, keys, device)
        log.info("signed device %s with the cross-signing identity of %s", device_id, user_id)
    return keys


async def apply_device_trust(client: AsyncClient, user_ids: list[str], pinned: dict[str, str]) -> dict[str, str]:
    """The rule for whom the bot shares room keys with (the same rule as Element's "exclude insecure devices").

    A user with a cross-signing identity: only the devices that identity signed get room keys (verified);
    their other devices are blacklisted, so a device added without the owner's keys reads nothing. A user
    without cross-signing (an older client) keeps per-device trust on first use, as before. The master key
    is trusted on first use; a change is logged and then followed, since a bot cannot check people out of
    band. Returns the (updated) pinned master keys.
    """
    if not user_ids:
        return pinned
    query = await keys_query(client, user_ids)
    pinned = dict(pinned)
    for user_id in user_ids:
        master = only_key(query.get("master_keys", {}).get(user_id, {}))
        if master is None:
            continue
        if pinned.get(user_id) not in (None, master):
            log.warning("the cross-signing identity of %s changed (was %s, now %s)", user_id, pinned[user_id], master)
        pinned[user_id] = master
        for device in client.device_store.active_user_devices(user_id):
            if device_is_cross_signed(query, user_id, device.id):
                if client.olm is not None and client.olm.is_device_blacklisted(device):
                    client.unblacklist_device(device)
                client.verify_device(device)
            else:
                if client.olm is not None and client.olm.is_device_verified(device):
                    client.unverify_device(device)
                client.blacklist_device(device)
    return pinned
