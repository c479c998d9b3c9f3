"""Constants shared by the store tests (imported as ``store_helpers``)."""

from __future__ import annotations

from datetime import datetime

NOW = datetime(2026, 11, 25, 9, 30)

PANEL_TOML = """\
candidate = "Priya Natarajan"
candidate_email = "priya@example.com"
company = "Fabrikam Health"
role = "Senior Platform Engineer"
interview_date = 2026-11-20
decision_date = 2026-12-01

[[interviewers]]
name = "Faith Christian"
title = "Engineering Director"
email = "faith@fabrikam.example"
moment = "how the team retired the legacy billing system"

[[interviewers]]
name = "Marcus Okafor"
email = "marcus@fabrikam.example"
contact = true
moment = "the race condition you found in the scheduler"
"""

# Two thank-yous that share a template: near-duplicates apart from name and moment.
BODY_FAITH = (
    "Dear Faith,\n\nThank you for taking the time to meet with me on Friday about the Senior Platform "
    "Engineer role. I especially enjoyed hearing how the team retired the legacy billing system, and it "
    "made me even more excited about the work at Fabrikam Health. I left our conversation convinced that "
    "my experience with reliable platforms would let me contribute from the first week.\n\nI look forward "
    "to hearing from you.\n\nBest regards,\nPriya Natarajan"
)
BODY_MARCUS_SAME = (
    "Dear Marcus,\n\nThank you for taking the time to meet with me on Friday about the Senior Platform "
    "Engineer role. I especially enjoyed hearing about the race condition you found in the scheduler, and it "
    "made me even more excited about the work at Fabrikam Health. I left our conversation convinced that "
    "my experience with reliable platforms would let me contribute from the first week.\n\nI look forward "
    "to hearing from you.\n\nBest regards,\nPriya Natarajan"
)
BODY_MARCUS_OWN = (
    "Hi Marcus,\n\nI appreciated your questions about scheduling on Friday. Walking through the race "
    "condition you found showed me how carefully your group reasons about concurrency, which is exactly "
    "the kind of engineering I want to do more of. I would be glad to bring my on-call tooling work to "
    "Fabrikam Health and I remain very interested in the platform role.\n\nWarm wishes,\nPriya Natarajan"
)
