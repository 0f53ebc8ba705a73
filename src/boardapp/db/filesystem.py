"""Is a workspace file on a network share? SQLite's locking is unreliable there, so it is refused.

Linux reads ``/proc/self/mountinfo``, macOS the ``mount`` table, Windows asks for the drive type.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

from boardapp.db.errors import NetworkShareError


#: Filesystem types (Linux mountinfo / macOS mount names) that are network shares.
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "ceph", "glusterfs", "9p",
    "lustre", "gpfs", "ncpfs", "davfs", "webdav", "afpfs", "coda", "ocfs2", "gfs2", "beegfs",
    "fuse.sshfs", "fuse.rclone", "fuse.glusterfs", "fuse.cephfs", "fuse.davfs2", "fuse.s3fs",
    "fuse.gcsfuse", "fuse.smbnetfs",
    "remote",  # what filesystem_type() says on Windows for a UNC path or a mapped network drive
})


def is_network_filesystem(fs_type: str | None) -> bool:
    """Whether a filesystem type names a network share."""
    return fs_type is not None and fs_type.lower() in NETWORK_FS_TYPES


def _unescape_mount_point(field: str) -> str:
    # mountinfo writes space, tab, newline and backslash as octal escapes (\040 ...).
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _longest_mount(path: PurePosixPath, mounts: list[tuple[str, str]]) -> str | None:
    """The fs type of the deepest mount point containing ``path`` (later mounts win ties)."""
    best: tuple[int, str] | None = None
    for mount_point, fs_type in mounts:
        point = PurePosixPath(mount_point)
        if path == point or point in path.parents:
            depth = len(point.parts)
            if best is None or depth >= best[0]:
                best = (depth, fs_type)
    return best[1] if best else None


def fs_type_from_mountinfo(path: PurePosixPath, mountinfo: str) -> str | None:
    """The filesystem type of ``path`` according to Linux ``/proc/self/mountinfo`` text."""
    mounts: list[tuple[str, str]] = []
    for line in mountinfo.splitlines():
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        after = line.split(" - ", 1)[1].split()
        if after:
            mounts.append((_unescape_mount_point(fields[4]), after[0]))
    return _longest_mount(path, mounts)


_MAC_MOUNT_LINE = re.compile(r"^.+? on (?P<point>/.*?) \((?P<type>[^,()]+)")


def fs_type_from_mount_output(path: PurePosixPath, text: str) -> str | None:
    """The filesystem type of ``path`` according to macOS/BSD ``mount`` output."""
    mounts = [
        (m.group("point"), m.group("type").strip())
        for line in text.splitlines()
        if (m := _MAC_MOUNT_LINE.match(line))
    ]
    return _longest_mount(path, mounts)


def _existing_ancestor(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path.resolve()


def _windows_fs_type(path: Path) -> str | None:
    text = str(path)
    if text.upper().startswith("\\\\?\\UNC\\") or (text.startswith("\\\\") and not text.startswith("\\\\?\\")):
        return "remote"
    drive = os.path.splitdrive(text)[0]
    if not drive:
        return None
    import ctypes

    drive_remote = 4
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return "remote" if kernel32.GetDriveTypeW(drive + "\\") == drive_remote else None


def filesystem_type(path: Path) -> str | None:
    """The type of filesystem holding ``path`` (or the folder it would be created in).

    None when it cannot be told; that is treated as local. Tests monkeypatch this.
    """
    target = _existing_ancestor(path)
    try:
        if sys.platform == "win32":
            return _windows_fs_type(target)
        if sys.platform.startswith("linux"):
            text = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
            return fs_type_from_mountinfo(PurePosixPath(target), text)
        if sys.platform == "darwin":
            # os.statvfs has no fs type on macOS; the mount table names it (smbfs, nfs, afpfs, webdav).
            result = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False)
            return fs_type_from_mount_output(PurePosixPath(target), result.stdout)
    except (OSError, subprocess.SubprocessError):
        return None
    return None


def refuse_network_share(path: Path) -> None:
    """Raise NetworkShareError when ``path`` is on a network share."""
    fs_type = filesystem_type(path)
    if is_network_filesystem(fs_type):
        raise NetworkShareError(path, fs_type or "network")
