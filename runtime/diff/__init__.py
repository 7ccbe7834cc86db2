"""``dataspace diff``: what a change does to every stack, for a pull-request comment.

Each side is a plan file, a directory of plan files or a git ref (``sources``); the two
sides are compared stack by stack (``plans``), by policy verdict (``verdicts``) and by
schema (``schema``), and rendered as Markdown or JSON. The rules are in docs/diff.md.
"""
