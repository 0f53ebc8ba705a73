"""Encryption keys of workspaces: made, written as recovery keys, kept in the OS keyring.

A workspace's key is 32 random bytes (256 bits), given to SQLCipher raw (no password KDF: the
key is already random, so a KDF would only slow every connection).

**Which key opens which file.** Every encrypted file boardapp writes gets a *salt* derived from
its key (``salt_for``), and SQLCipher stores the salt in the clear as the file's first 16
bytes. The salt is therefore the workspace's key id: the live file, its backups, a restored
copy and the same file on another laptop all start with it, so nothing beside the file (no
sidecar, no setting) has to travel with it, and a wrong recovery key is told apart from a
damaged file before SQLCipher is even asked. The keyring entry is service ``boardapp``,
user name ``workspace-key-<salt hex>``, secret the key in hex.

**Recovery key.** The key plus a 3-byte checksum (SHA-256 of the key), in base32: 56
characters, written as 14 groups of 4 (``ABCD-EFGH-…``). The checksum catches a typo before
anything is opened; 0/1/8 typed for O/I/B are forgiven.

**No keyring** (Linux without a Secret Service: ``keyring.backends.fail``, NoKeyringError):
the key is held only in this process's memory after the recovery key was entered (or given in
``BOARDAPP_RECOVERY_KEY`` for headless use) and never written anywhere in plain text.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
import threading

log = logging.getLogger(__name__)

KEY_BYTES = 32
SALT_BYTES = 16
_CHECK_BYTES = 3
KEYRING_SERVICE = "boardapp"
#: Environment variable with a recovery key, for headless commands on a machine without a keyring.
RECOVERY_KEY_ENV = "BOARDAPP_RECOVERY_KEY"
_GROUP = 4

#: Keys this process has unlocked or made (salt -> key): never written to disk by this module.
_UNLOCKED: dict[bytes, bytes] = {}
_lock = threading.Lock()


class RecoveryKeyTypoError(ValueError):
    """The text is not a recovery key as boardapp writes them (a typo, a missing group)."""


def new_key() -> bytes:
    """A fresh random 256-bit workspace key."""
    return secrets.token_bytes(KEY_BYTES)


def salt_for(key: bytes) -> bytes:
    """The salt (and key id) every file encrypted with ``key`` starts with."""
    return hashlib.sha256(b"boardapp workspace salt\x00" + key).digest()[:SALT_BYTES]


def key_id(salt: bytes) -> str:
    """The keyring user name of the key whose files start with ``salt``."""
    return f"workspace-key-{salt.hex()}"


def _checksum(key: bytes) -> bytes:
    return hashlib.sha256(b"boardapp recovery key\x00" + key).digest()[:_CHECK_BYTES]


def recovery_key(key: bytes) -> str:
    """The printable recovery key of ``key``: 14 groups of 4 base32 characters."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"a workspace key has {KEY_BYTES} bytes, not {len(key)}")
    text = base64.b32encode(key + _checksum(key)).decode("ascii")
    return "-".join(text[i:i + _GROUP] for i in range(0, len(text), _GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The key a recovery key stands for; RecoveryKeyTypoError when it is mistyped."""
    cleaned = "".join(ch for ch in text.upper() if not ch.isspace() and ch not in "-_.")
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    expected = (KEY_BYTES + _CHECK_BYTES) * 8 // 5
    if len(cleaned) != expected:
        raise RecoveryKeyTypoError(
            f"a recovery key has {expected} letters and digits (14 groups of 4); this has {len(cleaned)}")
    bad = sorted({ch for ch in cleaned if ch not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"})
    if bad:
        raise RecoveryKeyTypoError(f"a recovery key has only the letters A–Z and digits 2–7, not {' '.join(bad)}")
    raw = base64.b32decode(cleaned)
    key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if not hmac.compare_digest(check, _checksum(key)):
        raise RecoveryKeyTypoError("the recovery key has a typo (its checksum does not match); check each group")
    return key


# -- the keyring ---------------------------------------------------------------------------------
def _keyring():  # type: ignore[no-untyped-def]
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def keyring_available() -> bool:
    """Whether the OS keyring can keep keys here (False for keyring's "fail" backend)."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 (a broken keyring configuration is no keyring)
        return False
    from keyring.backends import fail

    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def store_key(key: bytes) -> bool:
    """Remember ``key`` in this process and keep it in the OS keyring; False when there is none."""
    remember(key)
    keyring = _keyring()
    if keyring is None or not keyring_available():
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, key_id(salt_for(key)), key.hex())
    except Exception as exc:  # noqa: BLE001 (a locked or refusing keyring: the key stays in memory only)
        log.warning("the OS keyring did not take the workspace key: %s", exc)
        return False
    return True


def _from_keyring(salt: bytes) -> bytes | None:
    keyring = _keyring()
    if keyring is None or not keyring_available():
        return None
    try:
        stored = keyring.get_password(KEYRING_SERVICE, key_id(salt))
    except Exception as exc:  # noqa: BLE001
        log.warning("the OS keyring could not be read: %s", exc)
        return None
    if not stored:
        return None
    try:
        key = bytes.fromhex(stored)
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES and salt_for(key) == salt else None


def forget_key(key: bytes) -> None:
    """Drop ``key`` from this process and from the keyring (after a workspace is decrypted)."""
    salt = salt_for(key)
    with _lock:
        _UNLOCKED.pop(salt, None)
    keyring = _keyring()
    if keyring is None or not keyring_available():
        return
    try:
        keyring.delete_password(KEYRING_SERVICE, key_id(salt))
    except Exception:  # noqa: BLE001 (not there: nothing to forget)
        pass


def remember(key: bytes) -> None:
    """Hold ``key`` in this process (memory only) so every connection to its files opens."""
    with _lock:
        _UNLOCKED[salt_for(key)] = key


def forget_all_in_memory() -> None:
    """Drop every key this process holds in memory (tests; the keyring is left alone)."""
    with _lock:
        _UNLOCKED.clear()


def key_for_salt(salt: bytes) -> bytes | None:
    """The key of files starting with ``salt``: from this process, the keyring, or ``BOARDAPP_RECOVERY_KEY``."""
    with _lock:
        key = _UNLOCKED.get(salt)
    if key is not None:
        return key
    key = _from_keyring(salt)
    if key is None:
        text = os.environ.get(RECOVERY_KEY_ENV, "").strip()
        if text:
            try:
                candidate = parse_recovery_key(text)
            except RecoveryKeyTypoError:
                candidate = None
            if candidate is not None and salt_for(candidate) == salt:
                store_key(candidate)  # opening with the recovery key keeps it again
                key = candidate
    if key is not None:
        remember(key)
    return key
