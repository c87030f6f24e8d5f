"""Test mode with the keyboard only: T opens the dialog, Enter starts a test, keys answer, go back and
change an answer, Ctrl+Enter submits; the results list every question; S studies the missed cards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from kquiz.domain import StudyMode
from kquiz.quiz import QuestionKind
from kquiz.ui.shortcuts import commands, normalized
from kquiz.ui.test.dialog import TestDialog
from kquiz.ui.test.window import TestWindow

from .keys import press, settle, type_text
from .test_key_table import bound_in, table


def answer(qtbot, window, q, right: bool) -> None:
    """Answer the shown question with keys (right or wrong)."""
    if q.kind == QuestionKind.CHOICE:
        picks = list(q.correct) if right else [i for i in range(len(q.options)) if i not in q.correct][:1]
        for i in picks:
            press(qtbot, window, getattr(Qt.Key, f"Key_{i + 1}"))
    elif q.kind == QuestionKind.TRUEFALSE:
        true = (q.answer == "True") == right
        press(qtbot, window, Qt.Key.Key_T if true else Qt.Key.Key_F)
    else:
        assert isinstance(QApplication.focusWidget(), QLineEdit)
        type_text(qtbot, window, (" | ".join(q.accepted) if q.blanks else q.accepted[0]) if right else "zzz")


def test_a_keyboard_only_test_through_submit_results_and_study_missed(qtbot, data_dir, start_app):
    main = start_app(data_dir).window
    press(qtbot, main, Qt.Key.Key_T)  # T in the library: the dialog, scope = the selected deck
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), TestDialog))
    dialog = QApplication.activeModalWidget()
    assert dialog.count.value() == 20 and dialog.scope.currentText().startswith("Deck:")
    seed = dialog.seed.value()
    qtbot.keyClicks(dialog.count, "\b\b8")  # the count field has the focus; 8 questions
    press(qtbot, dialog, Qt.Key.Key_Return)  # Enter: start
    qtbot.waitUntil(lambda: isinstance(getattr(main, "test_window", None), TestWindow))
    win: TestWindow = main.test_window
    qtbot.waitExposed(win)
    win.activateWindow()
    settle()
    test = win.test
    assert len(test.questions) == 8 and test.seed == seed
    assert bound_in(win.question_page) == table("Test") and bound_in(win.results) == table("Test results")
    assert win.counter.text().startswith("Question 1 of 8") and win.timer_label.text()
    wrong = {q.number for q in test.questions[::3]}  # every third answered wrong
    for q in test.questions:
        assert win.prompt.text() == q.prompt  # no feedback: nothing but the question
        answer(qtbot, win, q, q.number not in wrong)
        press(qtbot, win, Qt.Key.Key_Return)  # next
    assert win.index == 7
    # back to question 1 (PgUp … ) and make it right: answers can change until Submit
    for _ in range(7):
        press(qtbot, win, Qt.Key.Key_PageUp)
    assert win.index == 0
    first = test.questions[0]
    if first.kind == QuestionKind.TYPED:
        QApplication.focusWidget().clear()
    elif first.kind == QuestionKind.CHOICE and first.multiple:
        answer(qtbot, win, first, False)  # toggle the wrong pick off again
    answer(qtbot, win, first, True)
    wrong.discard(1)
    press(qtbot, win, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert win.index == 1
    assert main.core.store.count_reviews(mode=StudyMode.TEST) == 0  # nothing saved before Submit
    press(qtbot, win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # submit
    result = win.result
    assert result is not None and win.pages.currentWidget() is win.results
    assert result.right == 8 - len(wrong) and set(result.missed) == {
        q.key for q in test.questions if q.number in wrong
    }
    assert win.results.score.text().startswith(f"{8 - len(wrong)} of 8 right")
    details = win.results.details.toPlainText()
    for q in test.questions:  # every question with the right answer, explanation and source
        assert q.prompt[:30] in details and q.answer[:30] in details
        assert q.explanation[:30] in details and q.source[:30] in details
    assert "Your answer: zzz" in details or any(
        q.kind != QuestionKind.TYPED for q in test.questions if q.number in wrong
    )
    logged = list(main.core.store.iter_reviews(mode=StudyMode.TEST))
    assert len(logged) == 8 and main.core.store.all_progress() == {}
    press(qtbot, win, Qt.Key.Key_S)  # study the missed cards now
    qtbot.waitUntil(lambda: main.nav.session is not None, timeout=10000)
    session = main.nav.session
    assert session.selection.keys and set(session.selection.keys) == set(result.missed)
    assert main.stack.currentWidget() is main.study and not win.isVisible()


def test_the_time_limit_submits_and_the_dialog_lists_scopes(qtbot, data_dir, start_app):
    from kquiz.ui.test.launch import open_test, scopes

    main = start_app(data_dir).window
    deck_id = main.core.library.decks[0].id
    labels = [label for label, _sel in scopes(main, deck_id, None)]
    assert labels[0].startswith("Deck:") and any(label.startswith("Tag:") for label in labels)
    dialog = TestDialog(scopes(main, deck_id, None), parent=main)
    dialog.minutes.setValue(1)
    win = open_test(main, dialog.setup())
    assert win is not None and win.timer_label.text().endswith("left")
    win.limit_ms = 1  # time is up at the next tick
    qtbot.waitUntil(lambda: win.result is not None, timeout=3000)
    assert win.result.right == 0 and isinstance(win.results.score, QLabel)
    win.close()


def test_the_library_and_menus_offer_the_test():
    assert normalized("T") in {normalized(k) for k in commands("Library")["test"]}


def test_stats_show_test_scores_over_time(qtbot, data_dir, start_app, clock):
    from datetime import timedelta

    from PySide6.QtCharts import QChartView

    from kquiz.app import Selection
    from kquiz.app.quiz import record_test, start_test
    from kquiz.ui.stats.window import StatsWindow

    main = start_app(data_dir).window
    core = main.core
    deck_id = core.library.decks[0].id
    for seed, answered in ((1, False), (2, True)):
        test = start_test(core, Selection((deck_id,)), count=6, seed=seed)
        answers = {q.number: q.answer == "True" for q in test.questions if answered and q.kind == "truefalse"}
        record_test(core, test, answers)
        clock.advance(timedelta(days=1))
    stats = StatsWindow(core, deck_id=deck_id)
    qtbot.addWidget(stats)
    stats.show()
    qtbot.waitUntil(lambda: len(getattr(stats, "test_scores", [])) == 2, timeout=10000)
    first, second = stats.test_scores
    assert first[1] == 0.0 and first[2] == 6 and second[1] > 0
    view = stats.cards["tests"].body
    assert isinstance(view, QChartView)
    bars = view.chart().series()[0].barSets()[0]
    assert [bars.at(i) for i in range(bars.count())] == [first[1], second[1]]
    assert core.store.count_reviews(mode=StudyMode.SCHEDULED) == 0
