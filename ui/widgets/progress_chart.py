"""A small chart of a goal's ratings over time: the baseline (a hollow square), each rating
(a dot) joined by a line, and the target as a dashed line with its number.

Shapes and words carry the meaning as well as colour; the chart's accessible description says
the same in a sentence for screen readers.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.formatting import format_date
from app.i18n import _


def describe(series: list[tuple[date, int]], top: int, target: int | None) -> str:
    """The chart in one sentence."""
    if not series:
        text = _("No ratings yet.")
    elif len(series) == 1:
        text = _("One rating: {rating} out of {top} on {date}.").format(
            rating=series[0][1], top=top, date=format_date(series[0][0])
        )
    else:
        text = _(
            "{count} points from {first} on {first_date} to {last} on {last_date}, out of {top}."
        ).format(
            count=len(series),
            first=series[0][1],
            first_date=format_date(series[0][0]),
            last=series[-1][1],
            last_date=format_date(series[-1][0]),
            top=top,
        )
    if target is not None:
        text += " " + _("Target {rating}.").format(rating=target)
    return text


class ProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: list[tuple[date, int]] = []
        self.top = 10
        self.target: int | None = None
        self.has_baseline = False
        self.setMinimumSize(QSize(220, 110))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Progress chart"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def sizeHint(self) -> QSize:
        return QSize(300, 120)

    def set_data(
        self,
        series: list[tuple[date, int]],
        top: int,
        target: int | None,
        *,
        has_baseline: bool = True,
    ) -> None:
        """`series` starts with the baseline when `has_baseline`."""
        self.series, self.top, self.target = list(series), top, target
        self.has_baseline = has_baseline and bool(series)
        text = describe(self.series, top, target)
        self.setAccessibleDescription(text)
        self.setToolTip(
            text
            + "\n"
            + "\n".join(
                _("{date}: {rating}").format(date=format_date(d), rating=r) for d, r in series
            )
        )
        self.update()

    # --- geometry, shared with the tests ---------------------------------------------
    def plot_rect(self) -> QRectF:
        return QRectF(26, 8, max(10, self.width() - 34), max(10, self.height() - 26))

    def point_at(self, index: int) -> QPointF:
        rect = self.plot_rect()
        day, rating = self.series[index]
        first, last = self.series[0][0].toordinal(), self.series[-1][0].toordinal()
        if len(self.series) == 1:
            x = rect.center().x()
        else:
            x = (
                rect.left()
                + 6
                + (day.toordinal() - first) / (last - first or 1) * (rect.width() - 12)
            )
        return QPointF(x, self._y(rating))

    def _y(self, rating: float) -> float:
        rect = self.plot_rect()
        return rect.bottom() - (rating - 1) / max(1, self.top - 1) * rect.height()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        muted = QColor(ink)
        muted.setAlpha(110)
        faint = QColor(ink)
        faint.setAlpha(35)
        accent = (
            QColor("#24466B")
            if palette.color(QPalette.ColorRole.Base).lightness() > 128
            else (QColor("#9DB8D9"))
        )
        rect = self.plot_rect()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        painter.setPen(QPen(muted, 1))
        painter.drawRect(rect)
        font = painter.font()
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
        painter.setFont(font)
        step = 1 if self.top <= 5 else 2
        for rating in range(1, self.top + 1):
            if (self.top - rating) % step:
                continue
            y = self._y(rating)
            painter.setPen(QPen(faint, 1))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(muted)
            painter.drawText(
                QRectF(0, y - 7, rect.left() - 4, 14),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(rating),
            )
        if self.target is not None:
            y = self._y(self.target)
            pen = QPen(accent, 1.4, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.drawText(
                QRectF(rect.left() + 4, y - 15 if self.target < self.top else y + 1, 120, 14),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                _("Target {rating}").format(rating=self.target),
            )
        if not self.series:
            painter.setPen(muted)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), _("No ratings yet"))
            painter.end()
            return
        points = [self.point_at(i) for i in range(len(self.series))]
        painter.setPen(QPen(ink, 1.6))
        for a, b in pairwise(points):
            painter.drawLine(a, b)
        for i, point in enumerate(points):
            if i == 0 and self.has_baseline:
                painter.setPen(QPen(ink, 1.4))
                painter.setBrush(palette.color(QPalette.ColorRole.Base))
                painter.drawRect(QRectF(point.x() - 4, point.y() - 4, 8, 8))
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(ink)
                painter.drawEllipse(point, 3.2, 3.2)
        painter.setPen(muted)
        below = QRectF(rect.left(), rect.bottom() + 3, rect.width(), 14)
        painter.drawText(
            below,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
            format_date(self.series[0][0]),
        )
        if len(self.series) > 1:
            painter.drawText(
                below,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                format_date(self.series[-1][0]),
            )
        painter.end()
