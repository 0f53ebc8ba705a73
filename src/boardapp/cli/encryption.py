"""``boardapp encrypt`` / ``boardapp decrypt``, and the recovery key for headless commands.

Both commands hold the workspace lock (a window or another command using the workspace makes
them wait, then refuse) and convert the file behind a checked backup (``boardapp.db.encryption``).
``encrypt`` prints the recovery key once: it is the only way to open the file where the OS
keyring does not hold its key (another laptop, Linux without a Secret Service).

Other commands open an encrypted workspace through the keyring; where it holds no key they
take ``--recovery-key KEY`` or the ``BOARDAPP_RECOVERY_KEY`` environment variable (better: a
command line is visible to other users of the computer), or refuse with one clear line.
"""
from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from boardapp.db.errors import WorkspaceError


def add_recovery_key_option(parser: argparse.ArgumentParser) -> None:
    """``--recovery-key KEY`` on a command that opens a workspace."""
    parser.add_argument(
        "--recovery-key", metavar="KEY",
        help="the recovery key of an encrypted workspace whose key this computer's keyring does not hold "
        "(or set BOARDAPP_RECOVERY_KEY)",
    )


def add_parsers(commands: Any) -> None:
    """Register ``encrypt`` and ``decrypt``."""
    from boardapp.cli.locking import add_wait_option

    encrypt = commands.add_parser(
        "encrypt", help="encrypt a workspace (SQLCipher); prints its recovery key once",
        description="Encrypt an existing workspace with a new random 256-bit key, kept in this computer's "
        "keyring. A checked backup is taken first. The recovery key is printed once: write it down; it "
        "opens the workspace where the keyring does not hold its key. Later backups are encrypted too.",
    )
    encrypt.add_argument("--db", type=Path, required=True, metavar="PATH", help="the workspace file to encrypt")
    encrypt.add_argument("--keep-plain-backups", action="store_true",
                         help="leave the backups made before (including the one taken now) unencrypted; by default "
                         "they are encrypted with the same key once the encrypted workspace has passed its check")
    add_wait_option(encrypt)
    decrypt = commands.add_parser(
        "decrypt", help="turn an encrypted workspace back into a plain one",
        description="Write an encrypted workspace back as a plain SQLite file, after an (encrypted) backup. "
        "Its key stays in the keyring: the encrypted backups still need it.",
    )
    decrypt.add_argument("--db", type=Path, required=True, metavar="PATH", help="the workspace file to decrypt")
    add_recovery_key_option(decrypt)
    add_wait_option(decrypt)


def apply_recovery_key(db: Path | None, text: str | None) -> None:
    """Unlock ``db`` with ``--recovery-key`` when it is encrypted (and keep the key again)."""
    if not text or db is None:
        return
    from boardapp.db.connect import is_encrypted
    from boardapp.db.encryption import unlock
    from boardapp.db.keys import RecoveryKeyTypoError

    path = db.expanduser().absolute()
    if not is_encrypted(path):
        return
    try:
        unlock(path, text)
    except RecoveryKeyTypoError as exc:
        raise WorkspaceError(f"--recovery-key: {exc}") from None


def run_encrypt(args: argparse.Namespace) -> int:
    from boardapp.cli.locking import holding
    from boardapp.db.encryption import encrypt_workspace

    from boardapp.db.encryption import encrypt_backups

    with holding(args.db, "encrypt", args.wait):
        outcome = encrypt_workspace(args.db)
        converted = () if args.keep_plain_backups else encrypt_backups(outcome.path)
    print(f"encrypted {outcome.path} (backup first: {outcome.backup})")
    print(f"recovery key: {outcome.recovery_key}")
    print("Write the recovery key down and keep it apart from this computer; it is not shown again.")
    if not outcome.in_keyring:
        print("This computer has no keyring: the recovery key is asked for every time the workspace is opened.")
    if converted:
        print(f"{len(converted)} earlier backup(s) in {converted[0].parent} encrypted with the same key")
    elif outcome.plain_backups:
        folder = outcome.plain_backups[0].parent
        print(f"{len(outcome.plain_backups)} earlier backup(s) in {folder} are not encrypted; "
              "delete them once you have checked the encrypted workspace.")
    return 0


def run_decrypt(args: argparse.Namespace) -> int:
    from boardapp.cli.locking import holding
    from boardapp.db.encryption import decrypt_workspace

    with holding(args.db, "decrypt", args.wait):
        outcome = decrypt_workspace(args.db)
    print(f"decrypted {outcome.path} (encrypted backup first: {outcome.backup})")
    return 0


@contextmanager
def creating(encrypt: bool) -> Iterator[bytes | None]:
    """``new --encrypt``: inside, the new workspace is made encrypted; yields its key (None: plain)."""
    if not encrypt:
        yield None
        return
    from boardapp.db.encryption import creating_encrypted
    from boardapp.db.keys import new_key

    key = new_key()
    with creating_encrypted(key):
        yield key


def print_new_recovery_key(key: bytes | None) -> None:
    """After ``new --encrypt``: the recovery key, once."""
    if key is None:
        return
    from boardapp.db.keys import keyring_available, recovery_key

    print(f"encrypted; recovery key: {recovery_key(key)}")
    print("Write the recovery key down and keep it apart from this computer; it is not shown again.")
    if not keyring_available():
        print("This computer has no keyring: the recovery key is asked for every time the workspace is opened.")
