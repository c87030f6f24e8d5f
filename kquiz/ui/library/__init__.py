"""The library screen: decks with their counts, failed decks with their errors."""
