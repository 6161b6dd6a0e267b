"""What the disk holds after a power cut, from the log the shim wrote.

The model is the one a journaling filesystem promises and no more: a file's bytes survive
once the file was synced; a name (a new file, a rename, a removal) once its folder was. What
was not synced is lost — all of it (``torn=None``), or each unsynced write and the unsynced
changes of names up to a random point (``torn``: a random number generator), as a disk that
got part of the way would leave them. SQLite's own crash tests work the same way.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Event:
    kind: str  # O open, W write, T truncate, S sync, C close, R rename, U unlink, P printed
    fd: int = -1
    path: str = ""
    target: str = ""
    offset: int = 0
    data: bytes = b""
    flags: int = 0


def read_log(log: Path) -> list[Event]:
    raw, events, at = log.read_bytes(), [], 0
    while at < len(raw):
        end = raw.index(b"\n", at)
        head = raw[at:end].decode("utf-8", "surrogateescape").split(" ", 3)
        at = end + 1
        kind = head[0]
        if kind == "O":
            events.append(Event("O", int(head[1]), " ".join(head[3:]), flags=int(head[2])))
        elif kind in ("W", "P"):
            size = int(head[-1])
            data, at = raw[at : at + size], at + size
            if kind == "P":
                events.append(Event("P", data=data))
            else:
                events.append(Event("W", int(head[1]), offset=int(head[2]), data=data))
        elif kind == "T":
            events.append(Event("T", int(head[1]), offset=int(head[2])))
        elif kind in ("S", "C"):
            events.append(Event(kind, int(head[1])))
        elif kind == "R":
            end = raw.index(b"\n", at)
            target = raw[at:end].decode("utf-8", "surrogateescape")
            at = end + 1
            events.append(Event("R", path=" ".join(head[1:]), target=target))
        elif kind == "U":
            events.append(Event("U", path=" ".join(head[1:])))
        else:
            raise ValueError(f"unknown event {kind!r} in {log}")
    return events


@dataclass
class _Inode:
    durable: bytearray
    volatile: bytearray
    pending: list[Event] = field(default_factory=list)  # unsynced writes, in order
    folder: bool = False


class Disk:
    """The files under ``root`` as the process found them, then as each event changes them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.names: dict[str, _Inode] = {}  # what the process sees
        self.durable_names: dict[str, _Inode] = {}  # what would survive
        self.name_changes: list[tuple[str, str, _Inode | None]] = []  # unsynced, in order
        self.open: dict[int, _Inode] = {}
        self.paths: dict[int, str] = {}
        for folder, _dirs, files in os.walk(root):
            self._add(folder, _Inode(bytearray(), bytearray(), folder=True))
            for name in files:
                data = (Path(folder) / name).read_bytes()
                self._add(str(Path(folder) / name), _Inode(bytearray(data), bytearray(data)))

    def _add(self, path: str, inode: _Inode) -> None:
        self.names[path] = self.durable_names[path] = inode

    def apply(self, event: Event) -> None:
        handlers = {
            "O": self._opened, "W": self._wrote, "T": self._truncated, "S": self._synced,
            "C": self._closed, "R": self._renamed, "U": self._unlinked, "P": self._printed,
        }  # fmt: skip
        handlers[event.kind](event)

    def _opened(self, event: Event) -> None:
        inode = self.names.get(event.path)
        if inode is None:
            folder = bool(event.flags & os.O_DIRECTORY) and Path(event.path).is_dir()
            inode = _Inode(bytearray(), bytearray(), folder=folder)
            self._rename_volatile(event.path, inode)
        elif event.flags & os.O_TRUNC:
            self._write(inode, Event("T", offset=0))
        self.open[event.fd], self.paths[event.fd] = inode, event.path

    def _wrote(self, event: Event) -> None:
        self._write(self.open[event.fd], event)

    def _truncated(self, event: Event) -> None:
        self._write(self.open[event.fd], event)

    def _write(self, inode: _Inode, event: Event) -> None:
        _change(inode.volatile, event)
        inode.pending.append(event)

    def _synced(self, event: Event) -> None:
        inode = self.open[event.fd]
        inode.durable[:] = inode.volatile
        inode.pending.clear()
        if inode.folder or Path(self.paths[event.fd]).is_dir():
            self._sync_folder(self.paths[event.fd])

    def _closed(self, event: Event) -> None:
        self.open.pop(event.fd, None)
        self.paths.pop(event.fd, None)

    def _renamed(self, event: Event) -> None:
        inode = self.names.get(event.path)
        self._rename_volatile(event.path, None)
        self._rename_volatile(event.target, inode)

    def _unlinked(self, event: Event) -> None:
        self._rename_volatile(event.path, None)

    def _printed(self, event: Event) -> None:
        pass

    def _rename_volatile(self, path: str, inode: _Inode | None) -> None:
        if inode is None:
            self.names.pop(path, None)
        else:
            self.names[path] = inode
        self.name_changes.append((str(Path(path).parent), path, inode))

    def _sync_folder(self, folder: str) -> None:
        kept = []
        for parent, path, inode in self.name_changes:
            if parent != folder:
                kept.append((parent, path, inode))
            elif inode is None:
                self.durable_names.pop(path, None)
            else:
                self.durable_names[path] = inode
        self.name_changes = kept

    def after_power_cut(self, into: Path, torn: random.Random | None = None) -> None:
        """Write what would survive a power cut now into the folder ``into``."""
        names = dict(self.durable_names)
        if torn is not None:  # the names changed up to some point, in order
            for _parent, path, inode in self.name_changes[
                : torn.randint(0, len(self.name_changes))
            ]:
                if inode is None:
                    names.pop(path, None)
                else:
                    names[path] = inode
        for path, inode in sorted(names.items()):
            target = into / os.path.relpath(path, self.root)
            if inode.folder:
                target.mkdir(parents=True, exist_ok=True)
                continue
            data = bytearray(inode.durable)
            if torn is not None:
                for event in inode.pending:
                    if torn.random() < 0.5:
                        _change(data, event)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(bytes(data))


def _change(data: bytearray, event: Event) -> None:
    if event.kind == "T":
        del data[event.offset :]
        data.extend(bytes(event.offset - len(data)))
        return
    end = event.offset + len(event.data)
    if len(data) < event.offset:
        data.extend(bytes(event.offset - len(data)))
    data[event.offset : end] = event.data
