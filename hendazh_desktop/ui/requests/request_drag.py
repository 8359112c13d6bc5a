"""Dragging requests: the MIME type that carries a request (id and version) between views."""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt

from hendazh_desktop.services.requests.records import RequestRow
from hendazh_desktop.ui.common.window_model import Column, WindowTableModel

REQUEST_MIME = "application/x-hendazh-request"


def request_mime(request_id: int, version: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(REQUEST_MIME, json.dumps({"id": request_id, "version": version}).encode())
    return mime


def read_request_mime(mime: QMimeData) -> tuple[int, int] | None:
    """(request id, version) carried by a drag, or None for anything else."""
    if not mime.hasFormat(REQUEST_MIME):
        return None
    try:
        data = json.loads(bytes(mime.data(REQUEST_MIME).data()).decode())
        return int(data["id"]), int(data["version"])
    except (ValueError, KeyError, TypeError):
        return None


class DraggableRequests(WindowTableModel[RequestRow]):
    """Request rows that can be dragged onto a work group."""

    def __init__(self, columns: Sequence[Column[RequestRow]], **kwargs: object) -> None:
        super().__init__(columns, **kwargs)  # type: ignore[arg-type]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [REQUEST_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        row = self.row_item(indexes[0].row()) if indexes else None
        return request_mime(row.id, row.version) if row else QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction
