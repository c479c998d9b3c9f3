"""The Textual app: due dashboard, interview form, draft studio.

A thin shell over ``writer``, ``timing`` and ``store``: screens compose widgets and
react to their messages; business rules stay in the core. ``app.make_app`` builds the
app for the CLI and the tests alike.
"""
