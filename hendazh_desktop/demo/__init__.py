"""Demo data: builds a believable office (subscribers, requests, jobs, invoices) through the real
services.
"""
