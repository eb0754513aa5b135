"""Test helpers: sample events, fakes and builders."""
