

def test_a_latin_letter_of_another_language_is_no_look_alike(policy) -> None:
    from afterview.checks import CheckContext, run_checks

    for name in ("Yılmaz", "Łukasz", "Ørsted", "Şahin"):
        text = f"Dear {name},\n\nThank you for the conversation.\n\nSam"
        report = run_checks(text, CheckContext(note_type="thank_you"), policy)
        assert report.by_check("hidden_characters") == (), name
