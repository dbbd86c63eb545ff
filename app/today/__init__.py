"""The Today page's list: everything due or overdue in a programme, in one place.

`items.py` says what an item is; `rules.py` holds one pure rule per kind (plain facts, `today`
and the programme's thresholds in; items out); `sources.py` gathers the facts for each rule
with a few queries and lists the sources in `SOURCES`; `service.py` puts the list together,
applies snoozes and offers the verbs (snooze, wake).
"""
