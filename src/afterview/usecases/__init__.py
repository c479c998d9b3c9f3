"""What both faces do: draft, re-check, what is due, export, mark sent.

The CLI and the TUI call these operations; they hold the rules that used to live in
the faces and the store (which note is due, who a note goes to, the one check
context every door shares). Below them: the writer and the store; above them only
the faces.
"""
