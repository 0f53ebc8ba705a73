"""A keyring backend that keeps passwords in a dict: the OS keyring of the encryption tests (CI has no
Secret Service, and a developer's real keyring must not collect test keys)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest


class MemoryKeyring:
    """Built lazily so the module imports without ``keyring`` installed."""

    @staticmethod
    def make() -> object:
        import keyring.backend

        class _Memory(keyring.backend.KeyringBackend):  # type: ignore[misc]
            priority = 1  # type: ignore[assignment]

            def __init__(self) -> None:
                super().__init__()
                self.entries: dict[tuple[str, str], str] = {}

            def get_password(self, service: str, username: str) -> str | None:
                return self.entries.get((service, username))

            def set_password(self, service: str, username: str, password: str) -> None:
                self.entries[(service, username)] = password

            def delete_password(self, service: str, username: str) -> None:
                self.entries.pop((service, username), None)

        return _Memory()


@pytest.fixture
def memory_keyring() -> Iterator[object]:
    """The OS keyring is an empty dict for the test; no key stays in this process afterwards."""
    keyring = pytest.importorskip("keyring")
    from boardapp.db import keys

    previous = keyring.get_keyring()
    backend = MemoryKeyring.make()
    keyring.set_keyring(backend)
    keys.forget_all_in_memory()
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
        keys.forget_all_in_memory()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """No keyring on this platform (keyring's "fail" backend, as on Linux without a Secret Service)."""
    keyring = pytest.importorskip("keyring")
    from keyring.backends import fail

    from boardapp.db import keys

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    keys.forget_all_in_memory()
    try:
        yield None
    finally:
        keyring.set_keyring(previous)
        keys.forget_all_in_memory()
