"""Dispatch UI: the dispatch board, work groups and the price-and-agreement dialog."""
