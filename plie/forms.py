from django import forms  # noqa: F401
