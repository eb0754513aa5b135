"""Wire models shared by the sync client and the HQ server."""
