"""Adapters to run textmend inside other data systems (Ray Data)."""
