"""Where a SQLite file may live: never on a network share (WAL needs one host's shared memory)."""

from __future__ import annotations

import os
from pathlib import Path

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "fuse.sshfs",
        "sshfs",
        "fuse.rclone",
        "davfs",
        "fuse.davfs2",
        "lustre",
        "gpfs",
    }
)


class NetworkShareError(Exception):
    """The database file is on a network share; several PCs must share PostgreSQL instead."""


def filesystem_type(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """The type of the file system holding ``path`` (Linux), or None when unknown."""
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target = str(path.resolve())
    best, best_type = "", None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def refuse_network_share(path: Path, mounts_file: Path = Path("/proc/mounts")) -> None:
    """Raise ``NetworkShareError`` for a UNC path or a file on a network file system."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        raise NetworkShareError(text)
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import ctypes

        drive = os.path.splitdrive(str(path.resolve()))[0] + "\\"
        if ctypes.windll.kernel32.GetDriveTypeW(drive) == 4:  # type: ignore[attr-defined]
            raise NetworkShareError(text)
        return
    fs_type = filesystem_type(path.parent if not path.exists() else path, mounts_file)
    if fs_type in NETWORK_FILESYSTEMS:
        raise NetworkShareError(f"{text} ({fs_type})")
