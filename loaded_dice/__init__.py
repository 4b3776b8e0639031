"""Loaded Dice: likelihood and maximum likelihood for a loaded six-sided die."""
