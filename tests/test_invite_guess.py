"""Company and role from an invite's title and the organizer's domain: the shapes people use."""

from __future__ import annotations

import pytest

from afterview.invite_guess import employer_stem, guess

CASES = [
    # title, people invited, domains (organizer first), company, role, where the company came from
    ("Northwind Analytics - Data Analyst Interview", [], ["northwind-analytics.com"], "Northwind Analytics", "Data Analyst", "the title"),
    ("Data Analyst at Northwind Analytics", [], [], "Northwind Analytics", "Data Analyst", "the title"),
    ("Senior Data Analyst interview at Northwind", [], [], "Northwind", "Senior Data Analyst", "the title"),
    ("Interview with Northwind for Senior Data Analyst", [], [], "Northwind", "Senior Data Analyst", "the title"),
    ("Sam Rivera's interview for the Data Analyst role with Northwind", ["Sam Rivera"], [], "Northwind", "Data Analyst", "the title"),
    ("Sam Rivera <> Northwind (Senior Data Analyst)", ["Sam Rivera"], ["gmail.com"], "Northwind", "Senior Data Analyst", "the title"),
    ("Onsite Interview | Fabrikam Health | Senior Platform Engineer", [], [], "Fabrikam Health", "Senior Platform Engineer", "the title"),
    ("Contoso: Technical Screen (Backend Engineer)", [], ["greenhouse.io", "contoso.com"], "Contoso", "Backend Engineer", "the title"),
    ("Technical Program Manager interview at Contoso", [], [], "Contoso", "Technical Program Manager", "the title"),
    ("Final round: Video Producer - Contoso", [], [], "Contoso", "Video Producer", "the title"),
    ("Hiring Manager Interview | Fabrikam | Data Engineer", [], [], "Fabrikam", "Data Engineer", "the title"),
    ("Behavioral interview - Fabrikam - Technical Writer", [], [], "Fabrikam", "Technical Writer", "the title"),
    ("Interview: Data Analyst - Sam Rivera", ["Sam Rivera"], ["northwind.example"], "Northwind", "Data Analyst", "the email domain northwind.example"),
    ("Final Round Data Analyst Interview", [], ["northwind.com"], "Northwind", "Data Analyst", "the email domain northwind.com"),
    ("Interview with Jordan Lee", ["Jordan Lee"], ["northwind-analytics.co.uk"], "Northwind Analytics", None, "the email domain northwind-analytics.co.uk"),
    ("Microsoft Teams Meeting", [], ["calendly.com", "fabrikam.example"], "Fabrikam", None, "the email domain fabrikam.example"),
    ("Phone screen", [], ["gmail.com"], None, None, None),
]  # fmt: skip


@pytest.mark.parametrize(("summary", "people", "domains", "company", "role", "source"), CASES, ids=[c[0] for c in CASES])
def test_titles_people_write(summary, people, domains, company, role, source):
    guessed = guess(summary, people=people, domains=domains)
    assert (guessed.company, guessed.role, guessed.company_from) == (company, role, source)


@pytest.mark.parametrize(
    ("domain", "stem"),
    [("northwind.com", "northwind"), ("jobs.northwind.co.uk", "northwind"), ("mail.fabrikam.example", "fabrikam"),
     ("gmail.com", None), ("resource.calendar.google.com", None), ("eu.greenhouse.io", None), ("localhost", None)],
)  # fmt: skip
def test_the_employer_label_of_a_domain(domain, stem):
    assert employer_stem(domain) == stem
