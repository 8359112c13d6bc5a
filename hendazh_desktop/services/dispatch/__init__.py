"""Dispatch: work groups, assigning jobs, job sheets, the on-site price and the subscriber's
agreement.
"""
