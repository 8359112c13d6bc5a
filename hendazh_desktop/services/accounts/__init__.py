"""Accounts and the office's housekeeping: users and sign-in, permissions, the audit trail,
settings, backups and first start.
"""
