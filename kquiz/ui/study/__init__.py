"""The study screen: one widget per card kind, a grade bar, the card surface, the summary."""
