"""Output writers: Markdown, DOCX (GB/T 9704-2012 house style) and PDF."""
