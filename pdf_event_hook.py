"""mkdocs-to-pdf's event hook, where the plugin looks for it: a module named
`pdf_event_hook` in the project folder (the plugin's documented place). The hook
itself lives beside the handbook's templates, in overrides/pdf/pdf_event_hook.py."""

from overrides.pdf.pdf_event_hook import inject_link, pre_pdf_render

__all__ = ["inject_link", "pre_pdf_render"]
