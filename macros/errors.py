"""The one exception type the components raise."""

from __future__ import annotations


class ComponentError(ValueError):
    """Bad input to a component: the message names the macro and the bad value."""
