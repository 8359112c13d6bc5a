"""The catalogue: the services offered, their prices, payment policy and VAT schedule, and the
city's zones.
"""
