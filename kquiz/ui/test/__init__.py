"""Test mode: the dialog that sets a test up, the test window and its results, printing a worksheet."""
