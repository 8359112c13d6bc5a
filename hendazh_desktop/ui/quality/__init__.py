"""Quality screens: the day's call list, feedback, complaints, ideas and group scorecards."""
