"""The explanation of a fit: the score, each criterion with its weight and reason, and every
block in words (marked with a sign as well as colour)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.i18n import _
from app.services.fit import Fit, Reason
from ui.widgets.accessible import describe


def value_word(reason: Reason) -> str:
    if reason.value is None:
        return _("Not recorded")
    if reason.value >= 0.99:
        return _("Good")
    if reason.value > 0:
        return _("Partial")
    return _("None")


def band(score: float) -> str:
    if score >= 75:
        return _("strong fit")
    if score >= 50:
        return _("fair fit")
    return _("weak fit")


class FitView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        describe(self.label, _("Fit explanation"))
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self.fit: Fit | None = None
        self.show_message(_("Choose a waiting mentee and a mentor to see how well they fit."))

    def show_message(self, message: str) -> None:
        self.fit = None
        self.label.setText(f"<p>{escape(message)}</p>")
        self.label.setAccessibleDescription(message)

    def plain_text(self) -> str:
        """What the explanation says, as plain text (for tests and screen readers)."""
        return self.label.accessibleDescription()

    def show_fit(self, mentor: str, mentee: str, fit: Fit) -> None:
        self.fit = fit
        title = _("{mentee} with {mentor}").format(mentee=mentee, mentor=mentor)
        score = _("Fit {score} out of 100: {band}.").format(
            score=round(fit.score), band=band(fit.score)
        )
        parts = [f"<p><b>{escape(title)}</b><br/>{escape(score)}</p>"]
        plain = [title, score]
        if fit.blocks:
            heading = _("⚠ Cannot be matched:")
            items = "".join(f"<li>{escape(b.text)}</li>" for b in fit.blocks)
            parts.append(
                f"<p style='color:#8a1020'><b>{escape(heading)}</b></p>"
                f"<ul style='color:#8a1020; margin-top:0'>{items}</ul>"
            )
            plain.append(heading)
            plain += [b.text for b in fit.blocks]
        else:
            ok = _("✓ Nothing rules this pair out.")
            parts.append(f"<p>{escape(ok)}</p>")
            plain.append(ok)
        rows = []
        for reason in fit.reasons:
            weight = _("weight {n:g}").format(n=reason.weight)
            rows.append(
                "<tr>"
                f"<td style='padding:2px 8px 2px 0'><b>{escape(reason.label)}</b><br/>"
                f"<span style='color:#555'>{escape(weight)}</span></td>"
                f"<td style='padding:2px 8px 2px 0'>{escape(value_word(reason))}</td>"
                f"<td style='padding:2px 0'>{escape(reason.text)}</td>"
                "</tr>"
            )
            plain.append(
                _("{criterion} ({weight}): {value}. {text}").format(
                    criterion=reason.label,
                    weight=weight,
                    value=value_word(reason),
                    text=reason.text,
                )
            )
        parts.append(f"<table>{''.join(rows)}</table>")
        self.label.setText("".join(parts))
        self.label.setAccessibleDescription("\n".join(plain))
