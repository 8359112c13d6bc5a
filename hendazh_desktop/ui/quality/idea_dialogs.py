"""Dialogs for ideas: recording one a subscriber offered, and a manager moving it on."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from hendazh_desktop.domain.quality import IDEA_LABELS, IdeaState
from hendazh_desktop.services.quality.records import IdeaRow
from hendazh_desktop.ui.common.form_dialog import FormDialog
from hendazh_desktop.ui.context import UiContext


class IdeaDialog(FormDialog):
    """A suggestion, initiative or idea, as the subscriber put it."""

    def __init__(
        self,
        *,
        context: UiContext,
        source: str,
        subscriber_id: int | None = None,
        request_id: int | None = None,
        who: str = "",
        parent: QWidget | None = None,
    ) -> None:
        intro = f"پیشنهاد، ابتکار یا ایده‌ای که {who} گفت:" if who else ""
        super().__init__(title="ثبت پیشنهاد", action=self._add, intro=intro, parent=parent)
        self._ctx, self._source = context, source
        self._subscriber, self._request = subscriber_id, request_id
        self.text = self.add_field("idea", "پیشنهاد", QLineEdit())
        self.finish_layout()

    def _add(self) -> int:
        return self._ctx.quality.ideas.add(
            self._ctx.actor,
            self.text.text(),
            source=self._source,
            subscriber_id=self._subscriber,
            request_id=self._request,
        )


class IdeaStateDialog(FormDialog):
    """A manager's decision on an idea, with a note."""

    def __init__(self, *, context: UiContext, idea: IdeaRow, parent: QWidget | None = None) -> None:
        super().__init__(title="وضعیت پیشنهاد", action=self._save, intro=idea.text, parent=parent)
        self._ctx, self._idea = context, idea
        self.state = QComboBox()
        for state in IdeaState:
            self.state.addItem(IDEA_LABELS[state], state.value)
        self.state.setCurrentIndex(self.state.findData(idea.state))
        self.add_field("state", "وضعیت", self.state)
        self.note = self.add_field("note", "یادداشت مدیر", QLineEdit(idea.manager_note))
        self.finish_layout()

    def _save(self) -> None:
        self._ctx.quality.ideas.set_state(
            self._ctx.actor,
            self._idea.id,
            str(self.state.currentData()),
            self.note.text(),
            expected_version=self._idea.version,
        )
