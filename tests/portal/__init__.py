"""Tests of the practice portal, bank gateway and phishing copy."""
