"""Wizards: step-by-step journeys the coordinator can leave and resume."""
