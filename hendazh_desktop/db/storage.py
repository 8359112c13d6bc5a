"""Where a SQLite file may live: never on a network share (WAL needs one host's shared memory)."""

from __future__ import annotations

import os
import tempfile
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


def make_private_dir(folder: Path, *, narrow: bool = False) -> Path:
    """Create ``folder`` (and its parents) readable by the user only (0700).

    ``narrow``: an existing folder is narrowed to 0700 too (only for the application's own
    folders, never for one the user named, such as ``/tmp``).
    """
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        narrow = True  # mkdir's mode is filtered by the umask
    try:
        if narrow and os.name != "nt" and folder.stat().st_mode & 0o077:
            os.chmod(folder, 0o700)
    except PermissionError:
        pass  # another user's folder is left as it is
    return folder


def write_private_file(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` readable by the user only (0600), whole or not at all.

    Raises ``IsADirectoryError``/``FileNotFoundError``/``PermissionError`` before anything is
    written when the path is a folder or its folder does not exist.
    """
    if path.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))
    if not path.parent.is_dir():
        raise FileNotFoundError(2, "No such folder", str(path.parent))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:  # mkstemp creates the file 0600
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
