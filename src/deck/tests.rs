//! Parser tests over the bundled deck, fixture decks and malformed input.

use super::*;

const BUNDLED: &[u8] = include_bytes!("../../decks/python-backend-interview.md");
const GO_CICD: &[u8] = include_bytes!("../../tests/decks/go-cicd-interview.md");
const SCENARIOS: &[u8] = include_bytes!("../../tests/decks/system-design-scenarios.md");
const PYTHON_EN: &[u8] = include_bytes!("../../tests/decks/python-oop-en.md");
const CRLF_BOM: &[u8] = include_bytes!("../../tests/decks/windows-crlf.md");
const HEADLESS: &[u8] = include_bytes!("../../tests/decks/headless.md");

fn parse(text: &str) -> Result<(Deck, Vec<ParseWarning>), ParseError> {
    parse_deck("deck.md", "deck", text.as_bytes())
}

/// The whole error message, as `main` would print it.
fn error_message(bytes: &[u8]) -> String {
    match parse_deck("deck.md", "deck", bytes) {
        Ok((deck, _)) => format!("parsed {} topics, expected an error", deck.topics.len()),
        Err(e) => e.to_string(),
    }
}

fn followup(number: u32, line: usize, text: &str, answer: Option<&str>) -> FollowUp {
    FollowUp {
        number,
        line,
        text: text.to_string(),
        answer: answer.map(str::to_string),
    }
}

/// Asserts each card's key, question and answer, in order.
fn assert_cards(deck: &Deck, expected: &[(&str, &str, Option<&str>)]) {
    let drafts = deck.cards();
    let got: Vec<(&str, &str, Option<&str>)> = drafts
        .iter()
        .map(|c| (c.key.as_str(), c.question, c.answer))
        .collect();
    assert_eq!(got, expected);
}

fn find<'d>(deck: &'d Deck, key: &str) -> Option<&'d Question> {
    deck.topics
        .iter()
        .flat_map(|t| &t.questions)
        .find(|q| q.key == key)
}

#[test]
fn bundled_deck_has_eight_topics_and_480_cards() -> Result<(), ParseError> {
    let (deck, warnings) = parse_deck(
        "python-backend-interview.md",
        "python-backend-interview",
        BUNDLED,
    )?;
    assert_eq!(warnings, vec![]);
    assert_eq!(deck.title, "Собеседование Python Backend разработчика");
    let names: Vec<&str> = deck.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Основы Python",
            "Продвинутый Python",
            "Web фреймворки",
            "Базы данных",
            "Архитектура и паттерны",
            "Производительность",
            "Тестирование",
            "DevOps и деплой",
        ]
    );
    let counts: Vec<usize> = deck.topics.iter().map(|t| t.questions.len()).collect();
    assert_eq!(counts, [10, 15, 12, 10, 8, 8, 7, 10]);
    let mains: Vec<&Question> = deck.topics.iter().flat_map(|t| &t.questions).collect();
    assert_eq!(mains.len(), 80);
    assert_eq!(mains.iter().map(|q| q.followups.len()).sum::<usize>(), 400);
    let keys: Vec<String> = mains.iter().map(|q| q.key.clone()).collect();
    let expected_keys: Vec<String> = (1..=80).map(|n| n.to_string()).collect();
    assert_eq!(keys, expected_keys);
    assert!(mains.iter().all(|q| q.body.is_none() && q.answer.is_none()));

    let cards = deck.cards();
    assert_eq!(cards.len(), 480);
    assert_eq!(
        cards.iter().filter(|c| c.kind == CardKind::Main).count(),
        80
    );
    Ok(())
}

#[test]
fn bundled_deck_keeps_text_as_written() -> Result<(), ParseError> {
    let (deck, _) = parse_deck(
        "python-backend-interview.md",
        "python-backend-interview",
        BUNDLED,
    )?;
    let q7 = find(&deck, "7").map(|q| (q.line, q.text.as_str()));
    assert_eq!(
        q7,
        Some((68, "Объясните магические методы __new__ и __init__"))
    );
    let q1 = find(&deck, "1").map(|q| q.text.as_str());
    assert_eq!(
        q1,
        Some("Объясните разницу между list, tuple и set в Python")
    );
    let q10 = find(&deck, "10").map(|q| q.followups[3].clone());
    assert_eq!(
        q10,
        Some(followup(
            4,
            97,
            "Что такое __init_subclass__ и как он связан с метаклассами?",
            None
        ))
    );

    let cards = deck.cards();
    let card = cards.iter().find(|c| c.key == "12.3");
    assert_eq!(
        card,
        Some(&CardDraft {
            key: "12.3".to_string(),
            kind: CardKind::Followup,
            parent_key: Some("12"),
            topic: 1,
            question: "Как правильно обрабатывать исключения в асинхронном коде?",
            body: None,
            answer: None,
            level: None,
        })
    );
    let last = cards.last().map(|c| (c.key.as_str(), c.question, c.topic));
    assert_eq!(
        last,
        Some((
            "80.5",
            "Как измерять и улучшать MTTR (Mean Time To Recovery)?",
            7
        ))
    );
    Ok(())
}

#[test]
fn dotted_numbers_topic_counts_code_and_lists() -> Result<(), ParseError> {
    let (deck, warnings) = parse_deck("go-cicd-interview.md", "go-cicd-interview", GO_CICD)?;
    assert_eq!(
        deck.title,
        "Собеседование Go-разработчика: CI/CD и инфраструктура"
    );
    let names: Vec<&str> = deck.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["Основы CI/CD", "🐳 Docker и контейнеры", "Наблюдаемость"]
    );
    let keys: Vec<String> = deck.cards().into_iter().map(|c| c.key).collect();
    assert_eq!(
        keys,
        [
            "1.1", "1.1.1", "1.1.2", "1.1.3", "1.2", "1.2.1", "1.2.2", "1.3", "1.3.1", "1.3.2",
            "2.1", "2.1.1", "2.1.2", "2.1.3", "2.2", "2.2.1", "2.2.2", "3.1", "3.1.1", "3.1.2",
        ]
    );
    // Topic 2 declares three questions over two.
    assert_eq!(
        warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "go-cicd-interview.md:84: warning: a question heading or follow-up marker inside \
             the code block opened on line 78 is read as code; is that block closed where you \
             meant?",
            "go-cicd-interview.md:74: warning: topic \"🐳 Docker и контейнеры\" declares 3 questions but has 2"
        ]
    );

    // Code, bold labels, bullets, a `####` heading and a numbered list are body, verbatim.
    let body = "**Пример из вашего кода:**\n```yaml\n# .gitlab-ci.yml\nstages: [lint, test, build]\n\
                test:\n  script:\n    - go test -race ./...\n```\n\n**Ключевые аспекты:**\n\
                - кеширование модулей (`GOMODCACHE`)\n- параллельный запуск `go vet` и `golangci-lint`\n  \
                с общим кешем\n\n#### Что обычно забывают\n\n1. Проверять `go mod tidy` в CI.\n\
                2. Собирать с `-trimpath`.";
    let q12 = find(&deck, "1.2").cloned();
    assert_eq!(
        q12,
        Some(Question {
            key: "1.2".to_string(),
            line: 35,
            text: "Как устроен ваш pipeline для Go-сервиса?".to_string(),
            body: Some(body.to_string()),
            answer: None,
            level: None,
            section_level: None,
            followups: vec![
                followup(
                    1,
                    57,
                    "Как ускорить `go test ./...` в большом монорепозитории?",
                    None
                ),
                followup(2, 58, "Зачем нужен флаг `-race` и сколько он стоит?", None),
            ],
        })
    );
    let q13_body = find(&deck, "1.3").and_then(|q| q.body.clone());
    assert_eq!(
        q13_body.as_deref(),
        Some(
            "~~~go\n// Версия зашивается при сборке:\n\
             // go build -ldflags \"-X main.version=$(git describe --tags)\"\n\
             var version = \"dev\"\n~~~"
        )
    );
    // Headings and list items inside a fence are code; a continued item is joined.
    let q21 = find(&deck, "2.1").cloned();
    let q21_body = q21.as_ref().and_then(|q| q.body.as_deref());
    assert!(
        q21_body
            .is_some_and(|b| b.contains("\n### 9. Это не вопрос, а строка внутри кода\n1. и это"))
    );
    assert_eq!(
        q21.map(|q| q.followups[2].clone()),
        Some(followup(
            3,
            94,
            "Как уменьшить время пересборки образа при изменении только исходников?",
            None
        ))
    );
    let q22 = find(&deck, "2.2").map(|q| q.text.as_str());
    assert_eq!(q22, Some("🚀 Как организовать health checks в Kubernetes?"));
    Ok(())
}

#[test]
fn scenarios_with_main_and_follow_up_answers() -> Result<(), ParseError> {
    let (deck, warnings) = parse_deck("scenarios.md", "scenarios", SCENARIOS)?;
    assert_eq!(warnings, vec![]);
    let expected = Topic {
        name: "Сценарии высокой нагрузки".to_string(),
        questions: vec![
            Question {
                key: "Сценарий 1".to_string(),
                line: 7,
                text: "Сервис сокращения ссылок на 10k RPS".to_string(),
                body: Some("Требования: 100 млн ссылок, чтение в 100 раз чаще записи.".to_string()),
                answer: Some(
                    "Генерируем короткий ключ из счётчика в base62, храним пары в\n\
                     key-value хранилище, чтение обслуживаем из кеша.\n\n```text\n\
                     POST /links  -> 201 {\"short\": \"aZ3x\"}\nGET  /aZ3x   -> 301 Location: https://...\n```"
                        .to_string(),
                ),
                level: None,
                section_level: None,
                followups: vec![
                    followup(
                        1,
                        20,
                        "Как избежать коллизий ключей при нескольких экземплярах сервиса?",
                        Some(
                            "Выдавать каждому экземпляру диапазон счётчика\n(например, по 10 000 значений).\n\n\
                             Диапазоны хранятся в etcd.",
                        ),
                    ),
                    followup(
                        2,
                        25,
                        "Как считать переходы по ссылке, не замедляя редирект?",
                        Some("```go\ngo func() { clicks <- key }()\n```\nЗапись в очередь, агрегация пачками."),
                    ),
                    followup(3, 32, "Что делать с устаревшими ссылками?", None),
                ],
            },
            Question {
                key: "Сценарий 2".to_string(),
                line: 34,
                text: "Лента новостей".to_string(),
                body: None,
                // An answer may also follow the list, unindented.
                answer: Some("Гибрид: push для обычных авторов, pull для знаменитостей.".to_string()),
                level: None,
                section_level: None,
                followups: vec![
                    followup(1, 37, "Push или pull модель для пользователей с миллионами подписчиков?", None),
                    followup(2, 38, "Как ранжировать ленту?", None),
                ],
            },
            Question {
                key: "Сценарий 3".to_string(),
                line: 42,
                text: "Rate limiter для публичного API".to_string(),
                body: None,
                answer: None,
                level: None,
                section_level: None,
                followups: vec![],
            },
        ],
    };
    assert_eq!(deck.topics, vec![expected]);
    let keys: Vec<String> = deck.cards().into_iter().map(|c| c.key).collect();
    assert_eq!(keys[..2], ["Сценарий 1", "Сценарий 1.1"]);
    Ok(())
}

#[test]
fn english_markers_bold_headings_and_dunder_names() -> Result<(), ParseError> {
    let (deck, warnings) = parse_deck("python-oop-en.md", "python-oop-en", PYTHON_EN)?;
    assert_eq!(warnings, vec![]);
    let names: Vec<&str> = deck.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Classes and objects", "Protocols 🧩"]);
    let cards: Vec<(String, String)> = deck
        .cards()
        .into_iter()
        .map(|c| (c.key, c.question.to_string()))
        .collect();
    let expected = [
        (
            "1",
            "What is the difference between `__new__` and `__init__`?",
        ),
        (
            "1.1",
            "When would you override __new__ instead of __init__?",
        ),
        (
            "1.2",
            "What does `super().__init__()` do in a diamond hierarchy?",
        ),
        ("2", "How do __slots__ save memory?"),
        ("2.1", "What breaks when a class defines __slots__?"),
        (
            "2.2",
            "Can a subclass without `__slots__` still have a `__dict__`?",
        ),
        ("3", "What makes an object iterable?"),
        (
            "3.1",
            "What is the difference between an iterator and an iterable?",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, q)| (k.to_string(), q.to_string()))
        .collect();
    assert_eq!(cards, expected);
    let q3 = find(&deck, "3").cloned();
    assert_eq!(
        q3.map(|q| (q.answer, q.followups)),
        Some((
            Some("It defines `__iter__` returning an iterator, or `__getitem__` accepting 0, 1, 2, ...".to_string()),
            vec![followup(
                1,
                38,
                "What is the difference between an iterator and an iterable?",
                Some("An iterator also defines `__next__` and returns itself from `__iter__`.")
            )]
        ))
    );
    Ok(())
}

#[test]
fn crlf_and_bom_parse_like_plain_text() -> Result<(), ParseError> {
    assert!(CRLF_BOM.starts_with(b"\xEF\xBB\xBF# ") && CRLF_BOM.ends_with(b"?\r\n"));
    let (deck, warnings) = parse_deck("windows-crlf.md", "windows-crlf", CRLF_BOM)?;
    assert_eq!(warnings, vec![]);
    assert_eq!(deck.title, "Вопросы по SQL");
    let plain = String::from_utf8_lossy(&CRLF_BOM[3..]).replace("\r\n", "\n");
    let (plain_deck, _) = parse_deck("windows-crlf.md", "windows-crlf", plain.as_bytes())?;
    assert_eq!(deck, plain_deck);
    let cards: Vec<(String, String)> = deck
        .cards()
        .into_iter()
        .map(|c| (c.key, c.question.to_string()))
        .collect();
    assert_eq!(
        cards.last(),
        Some(&(
            "2.1".to_string(),
            "Какие операторы поддерживает hash-индекс?".to_string()
        ))
    );
    assert_eq!(cards.len(), 5);
    Ok(())
}

#[test]
fn questions_before_any_topic_heading_use_the_title() -> Result<(), ParseError> {
    let (deck, _) = parse_deck("headless.md", "headless", HEADLESS)?;
    let topics: Vec<(&str, usize)> = deck
        .topics
        .iter()
        .map(|t| (t.name.as_str(), t.questions.len()))
        .collect();
    assert_eq!(topics, [("Kafka за 5 минут", 2)]);
    // Without a title, the slug names the deck and the topic.
    let (deck, _) = parse("### 1. Что такое offset?\n")?;
    assert_eq!(
        (deck.title.as_str(), deck.topics[0].name.as_str()),
        ("deck", "deck")
    );
    Ok(())
}

#[test]
fn question_heading_forms() -> Result<(), ParseError> {
    let text = "## T\n### 12. A\n### 1.1 B\n### 2.1. C\n### 13) D\n### **14. E**\n### **15.** F\n\
                ### Задача 7: G\n### 2024 год\n### Рекомендации:\n";
    let (deck, _) = parse(text)?;
    let got: Vec<(String, String)> = deck.topics[0]
        .questions
        .iter()
        .map(|q| (q.key.clone(), q.text.clone()))
        .collect();
    let expected = [
        ("12", "A"),
        ("1.1", "B"),
        ("2.1", "C"),
        ("13", "D"),
        ("14", "E"),
        ("15", "F"),
        ("Задача 7", "G"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, t)| (k.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, expected);
    Ok(())
}

#[test]
fn marker_forms() -> Result<(), ParseError> {
    for marker in [
        "**Углубляющие вопросы:**",
        "**Углубляющие вопросы**:",
        "**углубляющие ВОПРОСЫ:**",
        "Углубляющие вопросы:",
        "**Follow-up questions:**",
        "**Follow-ups:**",
        "Follow-ups:",
        // With a word or two more, as a label.
        "Возможные уточняющие вопросы:",
        "**Follow-up questions to expect:**",
        "**Углубляющие вопросы (для продвинутых):**",
    ] {
        let (deck, _) = parse(&format!("## T\n### 1. Q\n\n{marker}\n\n1) F\n"))?;
        assert_eq!(deck.cards().len(), 2, "{marker}");
    }
    Ok(())
}

#[test]
fn bulleted_follow_ups_are_numbered_in_order() -> Result<(), ParseError> {
    let text =
        "## T\n### 1. Q\n**Follow-up questions:**\n- First?\n* Second,\n  continued?\n+ Third?\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(warnings, vec![]);
    let cards = deck.cards();
    let got: Vec<(&str, &str)> = cards.iter().map(|c| (c.key.as_str(), c.question)).collect();
    assert_eq!(
        got,
        vec![
            ("1", "Q"),
            ("1.1", "First?"),
            ("1.2", "Second, continued?"),
            ("1.3", "Third?")
        ]
    );
    Ok(())
}

#[test]
fn non_question_sections_and_rules_give_no_cards() -> Result<(), ParseError> {
    let text = "# Title\n\n## Содержание\n1. [A](#a) (1 вопрос)\n2. [B](#b)\n\n---\n\n## Инструкции\n\
                1. Читайте вопрос\n- пункт\n\n## A (1 вопрос)\n\n### 1. Q\nТекст\n\n---\n\n\
                ## Заключение\n### Рекомендации по использованию:\n1. Не больше пяти вопросов\n\
                ### Критерии оценки:\n- **Junior**: основы\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(warnings, vec![]);
    assert_eq!(deck.topics.len(), 1);
    // No follow-up markers in the document: the text under the heading is its answer.
    let q = &deck.topics[0].questions[0];
    assert_eq!(
        (q.body.as_deref(), q.answer.as_deref()),
        (None, Some("Текст"))
    );
    Ok(())
}

#[test]
fn text_after_a_non_question_heading_ends_the_question() -> Result<(), ParseError> {
    let (deck, _) = parse("## T\n### 1. Q\nТело\n### Заметки\nне тело\n")?;
    assert_eq!(deck.topics[0].questions[0].answer.as_deref(), Some("Тело"));
    Ok(())
}

#[test]
fn stray_text_after_the_list_is_a_warning() -> Result<(), ParseError> {
    let (deck, warnings) = parse("## T\n### 1. Q\n**Follow-ups:**\n1. F\n\nPS: lost\n")?;
    assert_eq!(deck.cards().len(), 2);
    assert_eq!(
        warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["deck.md:6: warning: text after the follow-up list of question 1 is not part of any card"]
    );
    Ok(())
}

#[test]
fn malformed_documents_name_file_and_line() {
    let cases: [(&str, &[u8]); 14] = [
        ("## T\n**Углубляющие вопросы:**\n1. F\n", b""),
        (
            "## T\n### 1. Q\n### Рекомендации:\n\n**Follow-ups:**\n1. F\n",
            b"",
        ),
        ("## A\n### 1. Q\n### 2. Q\n### 1. Again\n", b""),
        ("## T\n### 1. Q\n**Follow-ups:**\n1. A\n2. B\n2. C\n", b""),
        ("", b""),
        ("\n  \n", b""),
        ("# Title\n## Contents\n1. One\n", b""),
        ("", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        (
            "",
            b"## \xd2\xe5\xec\xe0\n### 1. \xc2\xee\xef\xf0\xee\xf1\n",
        ),
        ("## T\n### 1. Q\n**Ответ:** a\n**Ответ:** b\n", b""),
        ("## T\n### 12.\n", b""),
        ("## T\n### 1. Q\n**Follow-ups:**\n1. F\n### 1.1 Q\n", b""),
        ("## T\n### 1. Q\n**Follow-ups:**\n1.\n", b""),
        ("x\n\ny\0", b""),
    ];
    let expected = [
        "deck.md:2: follow-up list outside a question: the heading above it asks nothing; number it (`### 3. …`) or end it with `?`",
        "deck.md:5: follow-up list outside a question: the heading above it asks nothing; number it (`### 3. …`) or end it with `?`",
        "deck.md:4: question number 1 appears twice (first on line 2)",
        "deck.md:6: follow-up number 2 appears twice in question 1",
        "deck.md: no questions found (the document is empty); see decks/README.md for the \
         shapes recall reads",
        "deck.md: no questions found (the document is empty); see decks/README.md for the \
         shapes recall reads",
        "deck.md: no questions found (1 level-1 heading, 1 level-2 heading, 1 list item; no \
         numbered (`### 12.`), labelled (`## Вопрос 1:`) or `?` question headings, no `Q:` \
         lines, no `<details>` questions, no list or table of questions, no bold question \
         lines); see decks/README.md for the \
         shapes recall reads",
        "deck.md:2: binary data (control bytes) in a text deck",
        "deck.md:1: not a UTF-8 text file",
        "deck.md:4: question 1 has a second answer (first on line 3)",
        "deck.md:2: empty question text",
        "deck.md:5: card key 1.1 is also follow-up 1 of question 1 (line 4)",
        "deck.md:4: empty question text",
        "deck.md:3: binary data (control bytes) in a text deck",
    ];
    let got: Vec<String> = cases
        .iter()
        .map(|(text, bytes)| {
            error_message(if text.is_empty() {
                bytes
            } else {
                text.as_bytes()
            })
        })
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn read_deck_uses_the_file_stem_as_slug() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("go-basics.md");
    std::fs::write(&path, "## T\n### 1. Q\n")?;
    let (deck, _) = read_deck(&path)?;
    assert_eq!(
        (deck.slug.as_str(), deck.title.as_str()),
        ("go-basics", "go-basics")
    );
    let missing = read_deck(&dir.path().join("missing.md")).map(|_| ());
    assert!(matches!(
        missing,
        Err(ParseError {
            kind: ParseErrorKind::Io(_),
            line: None,
            ..
        })
    ));
    Ok(())
}

/// 20,000 main questions × 5 follow-ups (about 10 MB), the size the parser is built for.
fn synthetic_deck() -> String {
    let mut text = String::from("# Синтетическая колода\n\n");
    for topic in 0..100 {
        text.push_str(&format!(
            "## {}. Тема номер {topic} (200 вопросов)\n\n",
            topic + 1
        ));
        for n in 0..200 {
            let key = topic * 200 + n + 1;
            text.push_str(&format!(
                "### {key}. Как работает механизм {key} и где он применяется?\n\
                 **Углубляющие вопросы:**\n"
            ));
            for f in 1..=5 {
                text.push_str(&format!(
                    "{f}. Что будет с `__init__` механизма {key} при параметре {f}?\n"
                ));
            }
            text.push('\n');
        }
    }
    text
}

/// The parser's speed is measured by `cargo bench --bench corpus -- time`; this is the
/// same size of deck read whole.
#[test]
fn a_deck_of_120000_cards_parses_whole_and_clean() -> Result<(), ParseError> {
    let (deck, warnings) = parse(&synthetic_deck())?;
    assert_eq!((deck.cards().len(), warnings.len()), (120_000, 0));
    Ok(())
}

#[test]
fn readme_example_parses_as_documented() -> Result<(), ParseError> {
    let readme = include_str!("../../decks/README.md");
    let example = readme
        .split_once("````markdown\n")
        .and_then(|(_, rest)| rest.split_once("\n````"))
        .map(|(example, _)| example)
        .unwrap_or_default();
    let (deck, warnings) = parse(example)?;
    assert_eq!(warnings, vec![]);
    let names: Vec<&str> = deck.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Основы CI/CD"]);
    let cards: Vec<(String, Option<String>)> = deck
        .cards()
        .into_iter()
        .map(|c| (c.key, c.answer.map(str::to_string)))
        .collect();
    let expected = [
        (
            "1.1",
            Some("lint → test → build; модули кешируются между запусками."),
        ),
        ("1.1.1", Some("Он находит гонки данных во время тестов.")),
        ("1.1.2", None),
        ("1.2", None),
    ];
    let expected: Vec<(String, Option<String>)> = expected
        .iter()
        .map(|(k, a)| (k.to_string(), a.map(str::to_string)))
        .collect();
    assert_eq!(cards, expected);
    Ok(())
}

proptest::proptest! {
    /// Any mix of deck-like lines parses or fails with an error; it never panics.
    #[test]
    fn never_panics_on_deck_like_lines(lines in proptest::collection::vec(
        proptest::sample::select(vec![
            "# T", "## 1. Тема (2 вопроса)", "### 1. Q", "### 1.1 Q", "### Сценарий 1: Q",
            "### Прочее", "#### h", "**Углубляющие вопросы:**", "1. F", "2) F", "   продолжение",
            "   **Ответ:** a", "**Answer:**", "```go", "~~~", "---", "", "- пункт", "текст",
            "\t1. вложенный", "**1.** x", "### **2.** Y", "(3 вопроса)",
        ]),
        0..40,
    )) {
        let text = lines.join("\n");
        let _ = parse(&text);
        let _ = parse(&text.replace('\n', "\r\n"));
    }
}

/// Each main question as (key, text, body, answer, follow-up texts).
type Summary = (String, String, Option<String>, Option<String>, Vec<String>);

fn summary(deck: &Deck) -> Vec<Summary> {
    deck.topics
        .iter()
        .flat_map(|t| &t.questions)
        .map(|q| {
            (
                q.key.clone(),
                q.text.clone(),
                q.body.clone(),
                q.answer.clone(),
                q.followups.iter().map(|f| f.text.clone()).collect(),
            )
        })
        .collect()
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

fn topic_names(deck: &Deck) -> Vec<&str> {
    deck.topics.iter().map(|t| t.name.as_str()).collect()
}

#[test]
fn restarted_numbering_prefixes_keys_with_the_topic() -> Result<(), ParseError> {
    let bytes = include_bytes!("../../tests/decks/restarted-numbering.md");
    let (deck, warnings) = parse_deck("r.md", "r", bytes)?;
    assert_eq!(warnings, vec![]);
    assert_eq!(topic_names(&deck), ["Теория", "Практика"]);
    let got: Vec<(String, Option<String>, Option<String>)> = summary(&deck)
        .into_iter()
        .map(|(k, _, body, answer, _)| (k, body, answer))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "1-1".to_string(),
                s("**Вопрос:** Чем RDB отличается от AOF?"),
                s("RDB — периодические снимки, AOF — журнал каждой записи.")
            ),
            (
                "1-2".to_string(),
                s("**Вопрос:** Что делает политика `allkeys-lru`?"),
                s("Вытесняет давно не использованные ключи из всех ключей.")
            ),
            (
                "2-1".to_string(),
                s("**Задача:** Ограничить клиента сотней запросов в минуту."),
                s("```\nINCR rate:{client}:{minute}\nEXPIRE rate:{client}:{minute} 60\n```")
            ),
        ]
    );
    Ok(())
}

#[test]
fn question_level_two_with_answer_sections_and_bulleted_follow_ups() -> Result<(), ParseError> {
    let bytes = include_bytes!("../../tests/decks/question-sections.md");
    let (deck, warnings) = parse_deck("q.md", "q", bytes)?;
    assert_eq!(topic_names(&deck), ["Итераторы"]);
    let got = summary(&deck);
    assert_eq!(got.len(), 2);
    assert_eq!(
        (got[0].0.as_str(), got[0].1.as_str()),
        ("1", "Чем итератор отличается от итерируемого объекта?")
    );
    assert_eq!(
        got[0].2,
        s("### Зачем спрашивают\nПроверяют понимание протокола итерации.")
    );
    assert_eq!(
        got[0].3,
        s(
            "Итерируемый объект умеет отдать итератор (`__iter__`), итератор отдаёт элементы \
           (`__next__`).\n\n### Пример\n```markdown\nЗаголовок в примере разметки:\n\
           ## Вопрос 9: это не вопрос колоды\n```"
        )
    );
    assert_eq!(
        got[0].4,
        [
            "Что бросает исчерпанный итератор?",
            "Можно ли пройти итератор дважды?"
        ]
    );
    assert_eq!(
        (got[1].0.as_str(), got[1].3.as_deref(), got[1].4.len()),
        (
            "2",
            Some("Функция с `yield`, которая возвращает итератор."),
            1
        )
    );
    // The commented heading is code, not a question; the reader is told once.
    let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "q.md:18: warning: a question heading or follow-up marker inside the code block \
          opened on line 16 is read as code; is that block closed where you meant?"
        ]
    );
    Ok(())
}

#[test]
fn bulleted_questions_under_topics_keep_their_sub_lists() -> Result<(), ParseError> {
    let bytes = include_bytes!("../../tests/decks/bullet-questions.md");
    let (deck, _) = parse_deck("b.md", "b", bytes)?;
    assert_eq!(topic_names(&deck), ["Транспорт", "Прикладной уровень"]);
    let got: Vec<(String, String, Option<String>)> = summary(&deck)
        .into_iter()
        .map(|(k, t, body, _, _)| (k, t, body))
        .collect();
    let expected = [
        ("1-1", "Чем TCP отличается от UDP?", None),
        ("1-2", "Зачем нужно тройное рукопожатие?", None),
        ("2-1", "Что происходит при вводе адреса в браузере?", None),
        (
            "2-2",
            "Чем HTTP/2 отличается от HTTP/1.1?",
            s("- мультиплексирование\n- сжатие заголовков"),
        ),
    ];
    let expected: Vec<(String, String, Option<String>)> = expected
        .into_iter()
        .map(|(k, t, b)| (k.to_string(), t.to_string(), b))
        .collect();
    assert_eq!(got, expected);
    Ok(())
}

#[test]
fn sub_lists_under_most_list_questions_are_their_answers() -> Result<(), ParseError> {
    // Notes that answer each question in bullets under it: the bullets are the back. A
    // question about a list it shows keeps it on the front, and so does a quiz's checkboxes.
    let text = "# Python\n\n## Basics\n\n\
                - What is a closure?\n  - A function that keeps its enclosing scope.\n\
                - What is the GIL?\n  - A lock in CPython.\n  - Released during I/O.\n\
                - Which of the following are mutable?\n  - list\n  - tuple\n\
                - How do you copy a list?\n    1. `list(x)`\n    2. `x[:]`\n\
                - What does `is` compare?\n  - [ ] values\n  - [x] identity\n\n\
                ## Rapid fire\n\n1. What is PEP 8?\n2. What is a tuple?\n3. What is a set?\n   - `{1, 2}`\n   - `set()`\n";
    let (deck, warnings) = parse(text)?;
    assert!(warnings.is_empty(), "{warnings:?}");
    let drafts = deck.cards();
    let cards: Vec<(&str, Option<&str>, Option<&str>)> = drafts
        .iter()
        .map(|c| (c.question, c.body, c.answer))
        .collect();
    assert_eq!(
        cards,
        [
            (
                "What is a closure?",
                None,
                Some("- A function that keeps its enclosing scope.")
            ),
            (
                "What is the GIL?",
                None,
                Some("- A lock in CPython.\n- Released during I/O.")
            ),
            (
                "Which of the following are mutable?",
                Some("- list\n- tuple"),
                None
            ),
            (
                "How do you copy a list?",
                None,
                Some("1. `list(x)`\n2. `x[:]`")
            ),
            // Two boxes, one ticked, under a question that does not choose: as often a
            // study list as a quiz.
            (
                "What does `is` compare?",
                Some("- [ ] values\n- [x] identity"),
                None
            ),
            // One question in three with a sub-list: a section of other habits.
            ("What is PEP 8?", None, None),
            ("What is a tuple?", None, None),
            ("What is a set?", Some("- `{1, 2}`\n- `set()`"), None),
        ]
    );
    Ok(())
}

#[test]
fn sub_lists_stay_on_the_front_where_they_are_questions_or_options() -> Result<(), ParseError> {
    // Each main card's front below the question, and its back.
    type Sides = Vec<(Option<String>, Option<String>)>;
    let fronts = |text: &str| -> Result<Sides, ParseError> {
        let (deck, _) = parse(text)?;
        Ok(deck
            .cards()
            .iter()
            .filter(|c| c.kind == CardKind::Main)
            .map(|c| (c.body.map(str::to_string), c.answer.map(str::to_string)))
            .collect())
    };
    let front = |body: &str| (Some(body.to_string()), None);
    // Sub-questions are no answer (they are deeper questions).
    let sub_questions = "# API\n\n## REST\n\n- What is REST?\n  - What are its constraints?\n\
                         - What is idempotency?\n  - Which methods are idempotent?\n";
    assert_eq!(
        fronts(sub_questions)?,
        [
            front("- What are its constraints?"),
            front("- Which methods are idempotent?")
        ]
    );
    // A quiz answered at the margin: the sub-lists are its options.
    let answered = "# Q\n\n## Python\n\n1. What does `len([1, [2]])` return?\n   - 1\n   - 2\n\n\
                    Answer: 2\n\n2. What is `bool([])`?\n   - True\n   - False\n\nAnswer: False\n";
    assert_eq!(
        fronts(answered)?,
        [
            (Some("- 1\n- 2".to_string()), Some("2".to_string())),
            (
                Some("- True\n- False".to_string()),
                Some("False".to_string())
            )
        ]
    );
    // Lettered options, a quiz's title (over its sections too), code whose output is asked.
    let lettered = "# OS\n\n## Scheduling\n\n- What does Linux use?\n  - a) CFS\n  - b) FIFO\n\
                    - What is a quantum?\n  - A) A time slice\n  - B) A thread\n";
    let quiz = "# Тест по SQL\n\n## Вопросы\n\n1. Какой оператор удаляет таблицу?\n   - DELETE\n   - DROP\n\
                2. Что возвращает COUNT?\n   - число\n   - строку\n";
    let output = "# JS\n\n## Output\n\n- What is the output of `typeof null`?\n  - object\n\
                  - What is hoisting?\n  - Moving declarations up\n\
                  - What is a closure?\n  - A function with its scope\n";
    assert_eq!(
        fronts(lettered)?,
        [
            front("- a) CFS\n- b) FIFO"),
            front("- A) A time slice\n- B) A thread")
        ]
    );
    assert_eq!(
        fronts(quiz)?,
        [front("- DELETE\n- DROP"), front("- число\n- строку")]
    );
    assert_eq!(
        fronts(output)?,
        [
            front("- object"),
            (None, Some("- Moving declarations up".to_string())),
            (None, Some("- A function with its scope".to_string()))
        ]
    );
    // `эти`, `Which …?`, `Какой …?` point at what they show; a self-check's heading makes
    // options of its sub-lists; imperative sub-items ask.
    let pointed = "# Git\n\n## Commands\n\n- Чем отличаются эти команды?\n  - `reset --soft`\n\
                   - Which keyword declares a constant?\n  - const\n\
                   - Какой уровень изоляции по умолчанию?\n  - Read committed\n\
                   - What is a rebase?\n  - Moving commits onto another base\n";
    let self_check = "# Git\n\n## Проверь себя\n\n- What is HEAD?\n  - a branch\n\
                      - What is a tag?\n  - a commit\n";
    let prompts = "# Kafka\n\n## Basics\n\n- What is Kafka?\n  - Расскажите про партиции\n\
                   - What is a broker?\n  - Explain the controller role\n";
    assert_eq!(
        fronts(pointed)?,
        [
            front("- `reset --soft`"),
            front("- const"),
            front("- Read committed"),
            front("- Moving commits onto another base"),
        ]
    );
    assert_eq!(
        fronts(self_check)?,
        [front("- a branch"), front("- a commit")]
    );
    assert_eq!(
        fronts(prompts)?,
        [
            front("- Расскажите про партиции"),
            front("- Explain the controller role")
        ]
    );
    // Pointer words are whole words: `selector`, `Что из себя` point at nothing.
    let words = "# CSS\n\n## Basics\n\n- What is a CSS selector?\n  - A pattern\n\
                 - Что из себя представляет Docker?\n  - Платформа\n";
    assert_eq!(
        fronts(words)?,
        [
            (None, Some("- A pattern".to_string())),
            (None, Some("- Платформа".to_string()))
        ]
    );
    Ok(())
}

#[test]
fn numbered_items_with_details_answers() -> Result<(), ParseError> {
    let bytes = include_bytes!("../../tests/decks/numbered-details.md");
    let (deck, _) = parse_deck("numbered-details.md", "numbered-details", bytes)?;
    let got: Vec<(String, Option<String>)> = summary(&deck)
        .into_iter()
        .map(|(k, _, _, answer, _)| (k, answer))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "1".to_string(),
                s("Образ — шаблон только для чтения, контейнер — его запущенный экземпляр.")
            ),
            (
                "2".to_string(),
                s("Подробнее: https://docs.docker.com/build/building/multi-stage/")
            ),
        ]
    );
    assert_eq!(topic_names(&deck), ["Docker"]);
    Ok(())
}

#[test]
fn question_answer_pairs_under_setext_headings() -> Result<(), ParseError> {
    let bytes = include_bytes!("../../tests/decks/question-answer-pairs.md");
    let (deck, _) = parse_deck("qa.md", "qa", bytes)?;
    assert_eq!(topic_names(&deck), ["Go questions", "Coding questions"]);
    let got = summary(&deck);
    let keys: Vec<&str> = got.iter().map(|q| q.0.as_str()).collect();
    assert_eq!(keys, ["1-1", "1-2", "2-1"]);
    assert_eq!(
        (got[0].1.as_str(), got[0].3.as_deref()),
        (
            "What does `defer` do?",
            Some("Runs a call when the surrounding function returns.")
        )
    );
    // A wrapped question is one line of text; an empty `A:` is no answer.
    assert_eq!(
        (got[1].1.as_str(), got[1].3.as_deref()),
        ("Why can a nil interface be not equal to nil?", None)
    );
    assert_eq!(
        (got[2].2.as_deref(), got[2].3.as_deref()),
        (
            Some("```go\nvar s []int\nfmt.Println(s == nil)\n```"),
            Some("`true`")
        )
    );
    Ok(())
}

#[test]
fn unnumbered_questions_get_their_position_as_key() -> Result<(), ParseError> {
    let bytes = include_bytes!("../../tests/decks/unnumbered-answers.md");
    let (deck, _) = parse_deck("u.md", "unnumbered-answers", bytes)?;
    assert_eq!(topic_names(&deck), ["unnumbered-answers"]);
    let got: Vec<(String, String, Option<String>)> = summary(&deck)
        .into_iter()
        .map(|(k, t, _, a, _)| (k, t, a))
        .collect();
    let expected = [
        (
            "1",
            "What is a goroutine?",
            "A function running concurrently, scheduled by the Go runtime.",
        ),
        (
            "2",
            "The `select` statement",
            "Waits on several channel operations at once.",
        ),
        (
            "3",
            "How does `sync.WaitGroup` work?",
            "It counts running goroutines; `Wait` blocks until the count is zero.",
        ),
    ];
    let expected: Vec<(String, String, Option<String>)> = expected
        .into_iter()
        .map(|(k, t, a)| (k.to_string(), t.to_string(), s(a)))
        .collect();
    assert_eq!(got, expected);
    Ok(())
}

#[test]
fn questions_phrased_as_titles_among_questions_are_questions() -> Result<(), ParseError> {
    // Text before the first question and a section after the last stay out of every card.
    let text = "# Backend notes\nCollected from interviews.\n\n\
                ## How does a cache stampede happen?\nMany requests miss at once.\n\n\
                ## Consistent hashing\nKeys and servers share one ring.\n\n\
                ## Optimistic versus pessimistic locking\n| | checks |\n| --- | --- |\n| optimistic | on write |\n\n\
                ## What is a saga?\nA chain of local transactions.\n\n\
                ## Further reading\n- the ring paper\n\n\
                ## Storage\n\n### 1. What is a WAL?\nA log written before the data.\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(warnings, vec![]);
    assert_eq!(topic_names(&deck), ["Backend notes", "Storage"]);
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card(
                "How does a cache stampede happen?",
                None,
                Some("Many requests miss at once.")
            ),
            card(
                "Consistent hashing",
                None,
                Some("Keys and servers share one ring.")
            ),
            card(
                "Optimistic versus pessimistic locking",
                None,
                Some("| | checks |\n| --- | --- |\n| optimistic | on write |"),
            ),
            card(
                "What is a saga?",
                None,
                Some("A chain of local transactions.")
            ),
            card(
                "What is a WAL?",
                None,
                Some("A log written before the data.")
            ),
        ]
    );
    Ok(())
}

#[test]
fn what_a_page_leaves_after_an_answer_is_not_part_of_it() -> Result<(), ParseError> {
    let text = "# Go questions\n\n### What is a goroutine?\n**Answer:**\nA light thread.\n\n\
                Sure! Here are the next questions, formatted:\n\n---\n\n\
                ### What does `defer` do?\n**Answer:**\nRuns a call when the function returns:\n\n\
                ```go\ndefer f.Close()\n```\n<br>\n\n#### More answers on our site 👉 [site](https://example.com)\n\n\
                <br>\n<a href=\"https://example.com\">\n<img src=\"banner.png\" width=\"100%\">\n</a>\n</p>\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(warnings, vec![]);
    let answers: Vec<Option<String>> = summary(&deck).into_iter().map(|q| q.3).collect();
    assert_eq!(
        answers,
        [
            s("A light thread."),
            s("Runs a call when the function returns:\n\n```go\ndefer f.Close()\n```"),
        ]
    );
    Ok(())
}

#[test]
fn keywords_go_on_the_back() -> Result<(), ParseError> {
    let text = "## 1. Caches\n### Question 1.1: Design a cache\n**Question:**\n> Design an LRU cache.\n\n\
                **Keywords:** hash map, linked list\n\n**Sample Answer:**\nA map into a list.\n\n\
                **Follow-up Questions:**\n- How would you shard it?\n\n\
                ### Question 1.2: Design a counter\nCount events.\n\nКлючевые слова: атомарность\n\n\
                **Follow-up Questions:**\n- And across machines?\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(warnings, vec![]);
    let got: Vec<(Option<String>, Option<String>)> =
        summary(&deck).into_iter().map(|q| (q.2, q.3)).collect();
    assert_eq!(
        got,
        [
            (
                s("**Question:**\n> Design an LRU cache."),
                s("**Keywords:** hash map, linked list\n\nA map into a list.")
            ),
            (s("Count events."), s("Ключевые слова: атомарность")),
        ]
    );
    Ok(())
}

#[test]
fn question_and_answer_pairs_in_bold_and_numbered() -> Result<(), ParseError> {
    let labelled = "# Caching\n\n**Q:** What is write-through?\n\n**A:** Writes go to both.\n\n\
                    **Q**: What is LRU?\n\n**A:**\n- least recently used\n\n\
                    **Q: What is a TTL?**\n\n**A:**\n\n\
                    Question: What is a cache key?\nAnswer: What the value is found by.\n";
    assert_eq!(
        fronts_and_backs(labelled)?,
        [
            card("What is write-through?", None, Some("Writes go to both.")),
            card("What is LRU?", None, Some("- least recently used")),
            card("What is a TTL?", None, None),
            card(
                "What is a cache key?",
                None,
                Some("What the value is found by.")
            ),
        ]
    );

    // Without any `A:`, the text under each question is its answer; numbers are keys.
    let numbered = "# Docker\n\nIntro, not a card.\n\n**Q1.** What is an image?\n\nA template.\n\n\
                    **Q2)** What is a layer?\n\nA diff.\n\n**3. What is a volume?**\n\nStorage.\n\n\
                    **4. Networking**\n";
    let (deck, warnings) = parse(numbered)?;
    assert_eq!(warnings, vec![]);
    let keys: Vec<String> = summary(&deck).into_iter().map(|q| q.0).collect();
    assert_eq!(keys, ["1", "2", "3"]);
    assert_eq!(
        fronts_and_backs(numbered)?,
        [
            card("What is an image?", None, Some("A template.")),
            card("What is a layer?", None, Some("A diff.")),
            // A bold numbered line without `?` is no question; recall reads no section
            // titles in bold, so it stays in the answer above.
            card(
                "What is a volume?",
                None,
                Some("Storage.\n\n**4. Networking**")
            ),
        ]
    );
    Ok(())
}

#[test]
fn quoted_answers_and_answers_as_nested_bullets() -> Result<(), ParseError> {
    let text = "## Сеть\n### 1. TCP или UDP?\n\n> **Answer:** TCP is reliable.\n> UDP is not.\n>\n\
                > ```\n> SYN\n> ```\n\n**Углубляющие вопросы:**\n- Зачем QUIC?\n  - **Ответ:** Надёжность\n    поверх UDP.\n\
                - Что такое SYN flood?\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(warnings, vec![]);
    let q = &deck.topics[0].questions[0];
    assert_eq!(q.body, None);
    assert_eq!(
        q.answer.as_deref(),
        Some("TCP is reliable.\nUDP is not.\n\n```\nSYN\n```")
    );
    assert_eq!(
        q.followups,
        [
            followup(1, 12, "Зачем QUIC?", Some("Надёжность\nповерх UDP.")),
            followup(2, 15, "Что такое SYN flood?", None),
        ]
    );
    Ok(())
}

#[test]
fn a_number_after_an_emoji_still_numbers_the_heading() -> Result<(), ParseError> {
    let text = "## 📦 1. Сеть (2 вопроса)\n### 🔹 1. Что такое TCP\nПоток.\n### ▶ 2. Что такое UDP\nДатаграммы.\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(warnings, vec![]);
    assert_eq!(topic_names(&deck), ["📦 Сеть"]);
    let got: Vec<(String, String)> = summary(&deck).into_iter().map(|q| (q.0, q.1)).collect();
    assert_eq!(
        got,
        [
            ("1".to_string(), "Что такое TCP".to_string()),
            ("2".to_string(), "Что такое UDP".to_string())
        ]
    );
    Ok(())
}

#[test]
fn a_details_answer_under_a_heading_loses_its_html() -> Result<(), ParseError> {
    let text = "## Net\n### 1. What is TCP?\n<details>\n<summary>Answer</summary>\n\nA stream:\n\n\
                ```\nSYN\n```\n\n</details>\n\n**Follow-ups:**\n1. Nagle?\n\n\
                ### 2. What is UDP?\n<details><summary>Show</summary>Datagrams.</details>\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(warnings, vec![]);
    let got: Vec<(Option<String>, Vec<String>)> =
        summary(&deck).into_iter().map(|q| (q.3, q.4)).collect();
    assert_eq!(
        got,
        [
            (s("A stream:\n\n```\nSYN\n```"), vec!["Nagle?".to_string()]),
            (s("Datagrams."), vec![]),
        ]
    );
    Ok(())
}

#[test]
fn a_list_question_may_wrap_onto_the_next_lines() -> Result<(), ParseError> {
    let text = "## Python\n1. What is a very long question that\n   wraps with indentation?\n\
                2. You have a slow view. Walk me through how you\nwould find the bottleneck?\n\
                3. Which is faster?\n   - a list\n   - a tuple\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(warnings, vec![]);
    let got: Vec<(String, Option<String>)> =
        summary(&deck).into_iter().map(|q| (q.1, q.2)).collect();
    assert_eq!(
        got,
        [
            (
                "What is a very long question that wraps with indentation?".to_string(),
                None
            ),
            (
                "You have a slow view. Walk me through how you would find the bottleneck?"
                    .to_string(),
                None
            ),
            ("Which is faster?".to_string(), s("- a list\n- a tuple")),
        ]
    );
    Ok(())
}

#[test]
fn questions_in_details_summaries_answered_inside() -> Result<(), ParseError> {
    let text = "# DevOps\n\n## Linux\n\n<details>\n<summary>What is a zombie process?</summary><br><b>\n\n\
                An ended process not yet waited for.\n\n```\nps aux\n```\n</b></details>\n\n\
                <details>\n<summary>What does <code>nohup</code> do?</summary>\n\nKeeps it running.\n</details>\n\n\
                ## Git\n\n- <details><summary>Explain a rebase</summary>\n\n  Replaying commits.\n\n  </details>\n\
                - <details><summary>Is a force push ever fine?</summary></details>\n\n\
                <details><summary>Show answer</summary>Not a question: its summary only labels.</details>\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(warnings, vec![]);
    assert_eq!(topic_names(&deck), ["Linux", "Git"]);
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card(
                "What is a zombie process?",
                None,
                Some("An ended process not yet waited for.\n\n```\nps aux\n```"),
            ),
            card("What does `nohup` do?", None, Some("Keeps it running.")),
            card("Explain a rebase", None, Some("Replaying commits.")),
            card("Is a force push ever fine?", None, None),
        ]
    );
    Ok(())
}

/// A main question's text, body and answer.
type Sides = (String, Option<String>, Option<String>);

/// (question, body, answer) of each main question.
fn fronts_and_backs(text: &str) -> Result<Vec<Sides>, ParseError> {
    let (deck, _) = parse(text)?;
    Ok(summary(&deck)
        .into_iter()
        .map(|q| (q.1, q.2, q.3))
        .collect())
}

/// Each card's question and answer, the body aside.
fn asked(text: &str) -> Result<Vec<(String, Option<String>)>, ParseError> {
    Ok(fronts_and_backs(text)?
        .into_iter()
        .map(|(q, _, a)| (q, a))
        .collect())
}

/// A question and its answer, as [`asked`] gives them.
fn qa(q: &str, a: Option<&str>) -> (String, Option<String>) {
    (q.to_string(), a.map(str::to_string))
}

fn card(q: &str, body: Option<&str>, answer: Option<&str>) -> Sides {
    (
        q.to_string(),
        body.map(str::to_string),
        answer.map(str::to_string),
    )
}

#[test]
fn a_question_that_has_ended_takes_nothing_more_into_its_text() -> Result<(), ParseError> {
    // An answer indented under a list question stays out of the question: it answers it.
    assert_eq!(
        fronts_and_backs(
            "## Python\n1. **What is the GIL?**\n   A lock.\n2. **What is a decorator?**\n   A wrapper.\n"
        )?,
        [
            card("What is the GIL?", None, Some("A lock.")),
            card("What is a decorator?", None, Some("A wrapper.")),
        ]
    );
    // A block at the margin right under a list question is not part of its text.
    let got = fronts_and_backs(
        "## Git\n1. What is a rebase?\n<details>x</details>\n2. What is a merge?\n",
    )?;
    assert_eq!(got[0].0, "What is a rebase?");
    // Without any `A:`, the line right under a question is its answer.
    assert_eq!(
        fronts_and_backs(
            "**Q1.** What is an image?\nA template.\n**Q2.** What is a layer?\nA diff.\n"
        )?,
        [
            card("What is an image?", None, Some("A template.")),
            card("What is a layer?", None, Some("A diff.")),
        ]
    );
    // A bare `Q:` is a question without text: an error with its line, as before.
    assert_eq!(
        error_message(b"Q:\nWhat is X?\nA: y\nQ: What is Z?\nA: w\n"),
        "deck.md:1: empty question text"
    );
    // An answer of one line that ends with a colon, or a link alone, is still the answer.
    assert_eq!(
        fronts_and_backs(
            "### What guards a script?\nif __name__ == '__main__':\n### Where are the docs?\n<https://go.dev/doc>\n"
        )?,
        [
            card(
                "What guards a script?",
                None,
                Some("if __name__ == '__main__':")
            ),
            card("Where are the docs?", None, Some("<https://go.dev/doc>")),
        ]
    );
    Ok(())
}

#[test]
fn details_blocks_read_as_their_authors_meant() -> Result<(), ParseError> {
    // A short first line of a `<details>` answer under a heading.
    let got = fronts_and_backs(
        "### 1. TCP?\n<details><summary>Answer</summary>Yes, but\nhandshake.</details>\n### 2. UDP?\nNo.\n",
    )?;
    assert_eq!(got[0].2.as_deref(), Some("Yes, but\nhandshake."));
    // Summaries that only label (`Hint`) under list questions are the questions' answers.
    let got = fronts_and_backs(
        "## DB\n- What is an index?\n  <details><summary>Hint</summary>A b-tree.</details>\n\
                                - What is a join?\n  <details><summary>Hint</summary>Rows matched.</details>\n",
    )?;
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].0, "What is an index?");
    // A summary that asks, whatever its first word; a nested block stays inside.
    let got = fronts_and_backs(
        "<details><summary>ClickHouse or Postgres, when?</summary>\nColumns.\n\
                                <details><summary>More</summary>Joins.</details>\nScans.\n</details>\n\
                                <details><summary>Explain WAL</summary>A log.</details>\n",
    )?;
    assert_eq!(
        got,
        [
            card(
                "ClickHouse or Postgres, when?",
                None,
                Some("Columns.\n<details><summary>More</summary>Joins.</details>\nScans.")
            ),
            card("Explain WAL", None, Some("A log.")),
        ]
    );
    Ok(())
}

#[test]
fn every_error_is_reported_with_its_line() {
    let text = "## T\n### 1. A\n### 1. B\n### 2.\n### 3. C\n**Ответ:** x\n**Ответ:** y\n";
    assert_eq!(
        error_message(text.as_bytes()),
        "deck.md:3: question number 1 appears twice (first on line 2)\n\
         deck.md:4: empty question text\n\
         deck.md:7: question 3 has a second answer (first on line 6)"
    );
}

#[test]
fn outline_lists_topics_first_questions_and_warnings() -> Result<(), ParseError> {
    let text = "# Go\n## Основы (3 вопроса)\n### 1. Что такое горутина?\n**Ответ:** Поток.\n\
                **Follow-ups:**\n1. Сколько она стоит?\n   **Ответ:** Пару КБ.\n### 2. Что такое канал?\n";
    let (deck, warnings) = parse(text)?;
    // A topic's answers count its follow-ups' too, as the deck's line does.
    assert_eq!(
        render_outline(&deck, &warnings),
        "Go (deck)\n\
         1 topic, 2 main questions, 1 follow-up, 2 answers: 3 cards\n\
         \n  Основы: 2 questions, 1 follow-up, 2 answers\n\
         \x20   1  Что такое горутина?\n\
         \x20   2  Что такое канал?\n\
         \n1 warning:\n\
         \x20 deck.md:2: warning: topic \"Основы\" declares 3 questions but has 2\n"
    );
    Ok(())
}

#[test]
fn edited_restarted_guide_keeps_every_card() -> Result<(), ParseError> {
    use crate::import::match_cards;
    let text = std::str::from_utf8(include_bytes!("../../tests/decks/question-sections.md"))
        .unwrap_or_default();
    let (before, _) = parse(text)?;
    let existing = crate::import::tests::stored(&before.cards());
    // A typo fixed in the first question and a question inserted before the second.
    let edited = text
        .replace("итерируемого", "итерируемого (iterable)")
        .replace(
            "## Вопрос 2:",
            "## Вопрос 2: Что такое `StopIteration`?\n\n### Короткий ответ\nКонец.\n\n## Вопрос 3:",
        );
    let (after, _) = parse(&edited)?;
    let drafts = after.cards();
    let matching = match_cards(&existing, &drafts);
    let mains: Vec<(String, Option<usize>)> = drafts
        .iter()
        .zip(&matching.matches)
        .filter(|(d, _)| d.kind == CardKind::Main)
        .map(|(d, m)| (d.key.clone(), *m))
        .collect();
    assert_eq!(
        mains,
        vec![
            ("1".to_string(), Some(0)),
            ("2".to_string(), None),
            ("3".to_string(), Some(3))
        ]
    );
    assert_eq!(matching.retire, Vec::<usize>::new());
    Ok(())
}

#[test]
fn rows_of_question_tables_are_cards() -> Result<(), ParseError> {
    let bytes = include_bytes!("../../tests/decks/table-questions.md");
    let (deck, _) = parse_deck("table-questions.md", "table-questions", bytes)?;
    assert_eq!(topic_names(&deck), ["Python", "SQL"]);
    let keys: Vec<String> = summary(&deck).into_iter().map(|q| q.0).collect();
    assert_eq!(keys, ["1-1", "1-2", "1-3", "1-4", "2-1", "2-2"]);
    let levels: Vec<Option<Level>> = deck.topics[1].questions.iter().map(|q| q.level).collect();
    assert_eq!(levels, [Some(Level::Middle), Some(Level::Senior)]);
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card(
                "Что такое GIL?",
                None,
                Some(
                    "Блокировка интерпретатора CPython: байткод исполняет один поток за раз.\n\
                     Потоки всё равно полезны для ввода-вывода."
                )
            ),
            card(
                "Чем `list` отличается от `tuple`?",
                None,
                Some("`list` изменяемый, `tuple` — нет и годится в ключи `dict`.")
            ),
            card(
                "Что вернёт `a | b` для двух множеств?",
                None,
                Some("Их объединение, как и `a.union(b)`; `a | b` не меняет `a`.")
            ),
            card("Что делает `yield`?", None, None),
            card(
                "What does `EXPLAIN ANALYZE` show?",
                None,
                Some("The plan, and the time each step actually took.")
            ),
            card(
                "Why index a foreign key?",
                None,
                Some("Joins and `ON DELETE` checks read it.\n1. joins\n2. cascades")
            ),
        ]
    );
    Ok(())
}

#[test]
fn a_table_under_a_question_heading_stays_in_its_answer() -> Result<(), ParseError> {
    let text = "## Topic\n\n### 1. Which index fits which query?\n\n\
                | Question | Answer |\n|---|---|\n| Equality? | Hash. |\n| Range? | B-tree. |\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [card(
            "Which index fits which query?",
            None,
            Some("| Question | Answer |\n|---|---|\n| Equality? | Hash. |\n| Range? | B-tree. |")
        )]
    );
    Ok(())
}

#[test]
fn a_footer_after_the_last_rule_of_a_guide_that_ends_questions_at_rules_is_no_answer()
-> Result<(), ParseError> {
    let footer = "---\n\nFound a mistake? Open an issue.\n\n⭐ Star the repo!\n";
    let separated = format!(
        "# Guide\n\n### 1. What is a list?\n\nA mutable sequence.\n\n---\n\n\
         ### 2. What is a set?\n\nUnique values.\n\n---\n\n\
         ### 3. What is a tuple?\n\nAn immutable sequence.\n\n{footer}"
    );
    assert_eq!(
        fronts_and_backs(&separated)?,
        [
            card("What is a list?", None, Some("A mutable sequence.")),
            card("What is a set?", None, Some("Unique values.")),
            card("What is a tuple?", None, Some("An immutable sequence.")),
        ]
    );
    // Labelled answers: the same.
    let labelled = separated
        .replace("\nA mutable", "\n**Answer:** A mutable")
        .replace("\nAn immutable", "\n**Answer:** An immutable")
        .replace(
            "### 1. What is a list?\n",
            "### 1. What is a list?\n\n**Follow-ups:**\n1. Why?\n\n",
        );
    let got = fronts_and_backs(&labelled)?;
    assert_eq!(
        got[2],
        card("What is a tuple?", None, Some("An immutable sequence."))
    );

    // Where questions do not end at rules, a rule is the answer's own, and so is what follows.
    let unseparated = "# Guide\n\n### 1. What is a list?\n\nA mutable sequence.\n\n\
                       ### 2. What is a tuple?\n\nAn immutable sequence.\n\n---\n\nBut hashable.\n";
    assert_eq!(
        fronts_and_backs(unseparated)?[1],
        card(
            "What is a tuple?",
            None,
            Some("An immutable sequence.\n\n\nBut hashable.")
        )
    );
    // An answer that starts after the last question's rule is kept.
    let late = "# Guide\n\n### 1. What is a list?\n\n**Answer:** A mutable sequence.\n\n---\n\n\
                ### 2. What is a tuple?\n\n---\n\n**Answer:** An immutable sequence.\n";
    assert_eq!(
        fronts_and_backs(late)?[1],
        card("What is a tuple?", None, Some("An immutable sequence."))
    );
    Ok(())
}

#[test]
fn list_questions_answered_by_the_paragraphs_under_them() -> Result<(), ParseError> {
    let text = "# Python\n\n## Basics\n\n1. What is the GIL?\n\nA lock: one thread runs \
                bytecode at a time.\nThreads still help with I/O.\n\n2. What is a decorator?\n\n\
                A function that wraps another.\n\n```python\n@cache\ndef f(): ...\n```\n\n---\n\n\
                3. Why use a generator?\n\n```python\n(x for x in xs)\n```\n\nTo produce values \
                lazily.\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card(
                "What is the GIL?",
                None,
                Some("A lock: one thread runs bytecode at a time.\nThreads still help with I/O.")
            ),
            card(
                "What is a decorator?",
                None,
                Some("A function that wraps another.\n\n```python\n@cache\ndef f(): ...\n```")
            ),
            card(
                "Why use a generator?",
                None,
                Some("```python\n(x for x in xs)\n```\n\nTo produce values lazily.")
            ),
        ]
    );
    // A list of questions with closing words after it: those are no answer.
    let closing = "## Basics\n\n- What is the GIL?\n- What is a decorator?\n\n\
                   Good luck at the interview!\n";
    assert_eq!(
        fronts_and_backs(closing)?,
        [
            card("What is the GIL?", None, None),
            card("What is a decorator?", None, None)
        ]
    );
    Ok(())
}

#[test]
fn bold_question_lines_ask_where_nothing_else_does() -> Result<(), ParseError> {
    let text = "# Go\n\n## Concurrency\n\n**What is a goroutine?**\n\nA function run concurrently \
                by the runtime.\n\n**What is a channel?**\n\nA typed conduit.\n\n**Why?** Because \
                goroutines share by communicating.\n\n**When does a send block?**\n\nWhen no \
                receiver is ready.\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card(
                "What is a goroutine?",
                None,
                Some("A function run concurrently by the runtime.")
            ),
            card(
                "What is a channel?",
                None,
                Some("A typed conduit.\n\n**Why?** Because goroutines share by communicating.")
            ),
            card(
                "When does a send block?",
                None,
                Some("When no receiver is ready.")
            ),
        ]
    );
    // With `Q:` labels, a bold question inside an answer stays there.
    let labelled = "Q: What is a channel?\nA: A typed conduit.\n\n**Why use one?**\n\nTo share.\n\n\
                    Q: What is a goroutine?\nA: A green thread.\n";
    assert_eq!(
        fronts_and_backs(labelled)?,
        [
            card(
                "What is a channel?",
                None,
                Some("A typed conduit.\n\n**Why use one?**\n\nTo share.")
            ),
            card("What is a goroutine?", None, Some("A green thread.")),
        ]
    );
    // And list questions stay the questions of a guide with bold sub-titles that ask.
    let lists = "## Go\n\n**Ready?**\n\n- What is a goroutine?\n- What is a channel?\n\n\
                 **Questions for them?**\n\n- How big is the team?\n";
    let asked: Vec<String> = fronts_and_backs(lists)?.into_iter().map(|c| c.0).collect();
    assert_eq!(
        asked,
        [
            "What is a goroutine?",
            "What is a channel?",
            "How big is the team?"
        ]
    );
    Ok(())
}

#[test]
fn a_q_and_its_number_in_a_heading_are_the_key() -> Result<(), ParseError> {
    let text = "# REST\n\n#### Q1: What is REST?\nAn architectural style.\n\n\
                #### Q2. What is idempotency?\nThe same effect when repeated.\n";
    let (deck, _) = parse(text)?;
    let got: Vec<(String, String)> = summary(&deck).into_iter().map(|q| (q.0, q.1)).collect();
    assert_eq!(
        got,
        [
            ("1".to_string(), "What is REST?".to_string()),
            ("2".to_string(), "What is idempotency?".to_string())
        ]
    );
    Ok(())
}

#[test]
fn the_second_readers_cases_of_the_new_shapes() -> Result<(), ParseError> {
    // A README's bold sub-titles do not hide its table of questions.
    let readme = "# fastcache\n\n**Why another cache library?**\n\nNo deps.\n\n**Is it production \
                  ready?**\n\nYes.\n\n## Interview questions\n\n| # | Question | Answer |\n|---|---|---|\n\
                  | 1 | What is LRU eviction? | Drop the LRU entry. |\n| 2 | How do you avoid a cache \
                  stampede? | Coalescing. |\n";
    assert_eq!(
        asked(readme)?,
        [
            qa("What is LRU eviction?", Some("Drop the LRU entry.")),
            qa("How do you avoid a cache stampede?", Some("Coalescing.")),
        ]
    );
    // A list of follow-ups under a bold question is part of its answer.
    let bold = "**What is consistent hashing?**\n\nSpreads keys.\n\n- Why not hash % N?\n\
                - How do virtual nodes help?\n\n**What is a CDN?**\n\nEdge caches.\n";
    assert_eq!(
        asked(bold)?,
        [
            qa(
                "What is consistent hashing?",
                Some("Spreads keys.\n\n- Why not hash % N?\n- How do virtual nodes help?")
            ),
            qa("What is a CDN?", Some("Edge caches.")),
        ]
    );
    // A list inside an answer at the margin stays in it.
    let solid = "## OOP\n\n1. What are SOLID principles?\n\nThey are:\n\n1. Single responsibility\n\
                 2. Open/closed\n\n2. What is DI?\n\nPassing deps in.\n\n3. What is coupling?\n\n\
                 Dependence.\n";
    assert_eq!(
        asked(solid)?,
        [
            qa(
                "What are SOLID principles?",
                Some("They are:\n\n1. Single responsibility\n2. Open/closed")
            ),
            qa("What is DI?", Some("Passing deps in.")),
            qa("What is coupling?", Some("Dependence.")),
        ]
    );
    // Answers on the line right under their questions.
    let tight = "1. What is a goroutine?\nA lightweight thread.\n\n2. What is a channel?\n\
                 A typed conduit.\n\n3. What is defer?\nRuns at return.\n";
    assert_eq!(
        asked(tight)?,
        [
            qa("What is a goroutine?", Some("A lightweight thread.")),
            qa("What is a channel?", Some("A typed conduit.")),
            qa("What is defer?", Some("Runs at return.")),
        ]
    );
    // Comments after half of the questions are comments, not answers.
    let tips = "1. What does a typical day look like?\n2. How is success measured?\n\nAsking \
                about the day shows interest.\n\n3. How big is the team?\n4. How is code \
                reviewed?\n\nThese two tell you about the culture.\n";
    assert!(asked(tips)?.iter().all(|(_, a)| a.is_none()));
    // A `Q:` guide's rules are no part of its answers, and its footer is none either.
    let footer = "Q: What is a list?\nA: A mutable sequence.\n\n---\n\nQ: What is a set?\n\
                  A: Unique values.\n\n---\n\nQ: What is a tuple?\nA: An immutable one.\n\n---\n\n\
                  Found a mistake?\n\n---\n\n⭐ Star the repo\n";
    assert_eq!(
        asked(footer)?,
        [
            qa("What is a list?", Some("A mutable sequence.")),
            qa("What is a set?", Some("Unique values.")),
            qa("What is a tuple?", Some("An immutable one.")),
        ]
    );
    // What follows the last rule with code in it is the answer's own.
    let code = "### 1. How to get a PID?\n\n`$$`\n\n---\n\n### 2. In Go?\n\n`os.Getpid()`\n\n\
                ---\n\n### 3. And in Python?\n\n`os.getpid()`\n\n---\n\n```sh\necho $BASHPID\n```\n\n\
                Both print the PID.\n";
    assert!(
        asked(code)?[2]
            .1
            .as_deref()
            .unwrap()
            .ends_with("Both print the PID.")
    );
    // An indented paragraph under a list question is its answer, at its own indentation.
    let indented = "## Python\n\n1. What is the GIL?\n\n   A mutex.\n\n2. What is a decorator?\n\n   \
                    A wrapper.\n";
    assert_eq!(
        asked(indented)?,
        [
            qa("What is the GIL?", Some("A mutex.")),
            qa("What is a decorator?", Some("A wrapper.")),
        ]
    );
    // A label at the start of a margin answer, quoted or not, is no part of it.
    let labelled = "1. Что такое GIL?\n\n**Ответ:** Блокировка.\n\n2. Что такое asyncio?\n\n\
                    > **Ответ:** Цикл событий.\n> На одном потоке.\n";
    assert_eq!(
        asked(labelled)?,
        [
            qa("Что такое GIL?", Some("Блокировка.")),
            qa(
                "Что такое asyncio?",
                Some("Цикл событий.\nНа одном потоке.")
            ),
        ]
    );
    // Question numbers written with a word, a dash or `№`.
    let (deck, _) = parse(
        "# API\n\n### Q9 — What is OpenAPI?\nA spec.\n\n### Вопрос №8: Что такое REST?\n\
         Стиль.\n\n### Questions about teams\nNone.\n",
    )?;
    let keys: Vec<(String, String)> = summary(&deck).into_iter().map(|q| (q.0, q.1)).collect();
    assert_eq!(
        keys,
        [
            ("9".to_string(), "What is OpenAPI?".to_string()),
            ("8".to_string(), "Что такое REST?".to_string())
        ]
    );
    Ok(())
}

#[test]
fn the_code_reviewers_cases_of_the_new_shapes() -> Result<(), ParseError> {
    // A rule before an indented answer: no panic, three cards.
    let rule = "# T\n\n1. What is X?\n\n---\n\n   X is a thing.\n\n2. What is Y?\n\nY is a thing.\n\n\
                3. What is Z?\n\nZ is a thing.\n";
    assert_eq!(asked(rule)?.len(), 3);
    // A numbered question without `?` that goes on with the numbering is a question.
    let imperative = "## Python\n1. What is a list?\n\nA mutable sequence.\n\n2. Explain the GIL.\n\n\
                      A lock held by the interpreter.\n\n3. What is a tuple?\n\nAn immutable sequence.\n";
    assert_eq!(
        asked(imperative)?,
        [
            qa("What is a list?", Some("A mutable sequence.")),
            qa("Explain the GIL.", Some("A lock held by the interpreter.")),
            qa("What is a tuple?", Some("An immutable sequence.")),
        ]
    );
    // A comparison table in an answer stays in it.
    let comparison = "## Python\n\n1. How do list and tuple differ?\n\n| Feature | list | tuple |\n\
                      |---|---|---|\n| Mutable? | yes | no |\n| Hashable? | no | yes |\n\n\
                      2. What is a set?\n\nUnique values.\n\n3. What is a dict?\n\nA mapping.\n";
    let got = asked(comparison)?;
    assert_eq!(got.len(), 3);
    assert!(
        got[0]
            .1
            .as_deref()
            .unwrap()
            .ends_with("| Hashable? | no | yes |")
    );
    // A scoring table names questions it does not ask.
    let scoring = "## Основы\n\n- Что такое GIL?\n- Что такое asyncio?\n\n## Критерии оценки\n\n\
                   | Вопрос | Баллы |\n|---|---|\n| Вопрос 1 | 5 |\n| Вопрос 2 | 3 |\n";
    let (deck, _) = parse(scoring)?;
    let keys: Vec<String> = summary(&deck).into_iter().map(|q| q.0).collect();
    assert_eq!(keys, ["1", "2"]);
    // A bold question alone in its row, without an answer yet, is still a question.
    let bold = "| Question | Answer |\n|---|---|\n| **What is a goroutine?** | A thread. |\n\
                | **What is a channel?** | |\n| **What is select?** | A switch. |\n";
    assert_eq!(asked(bold)?.len(), 3);
    Ok(())
}

#[test]
fn bold_questions_answered_on_the_same_line() -> Result<(), ParseError> {
    let text = "## Основы\n\n**Что такое GIL?** Глобальная блокировка.\n\n**Чем list отличается \
                от tuple?** list изменяемый.\nОба упорядочены.\n\n**Зачем нужен yield?** Для \
                ленивых значений.\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card("Что такое GIL?", None, Some("Глобальная блокировка.")),
            card(
                "Чем list отличается от tuple?",
                None,
                Some("list изменяемый.\nОба упорядочены.")
            ),
            card("Зачем нужен yield?", None, Some("Для ленивых значений.")),
        ]
    );
    // Among bold question lines of their own, such a line is part of an answer.
    let mixed = "**What is a goroutine?**\n\nA function.\n\n**Why?** Cheap.\n\n**What is a channel?**\n\n\
                 A conduit.\n";
    let asked: Vec<String> = fronts_and_backs(mixed)?.into_iter().map(|c| c.0).collect();
    assert_eq!(asked, ["What is a goroutine?", "What is a channel?"]);
    Ok(())
}

#[test]
fn lists_and_tables_inside_list_answers_stay_there() -> Result<(), ParseError> {
    let answers = |text: &str| -> Result<Vec<Option<String>>, ParseError> {
        Ok(fronts_and_backs(text)?.into_iter().map(|c| c.2).collect())
    };
    let s = |text: &str| Some(text.to_string());
    // More answer items than questions: the section still asks.
    let many = "## Go\n\n1. Какие типы каналов бывают?\n\nДва типа:\n\n1. буферизованные\n\
                2. небуферизованные\n3. nil-каналы\n\n2. Что такое select?\n\nОжидание каналов.\n";
    assert_eq!(
        answers(many)?,
        [
            s("Два типа:\n\n1. буферизованные\n2. небуферизованные\n3. nil-каналы"),
            s("Ожидание каналов.")
        ]
    );
    // An answer that is only a list numbered from 1, or a list of questions of its own.
    let only_list = "## JOIN\n\n1. What JOIN types exist?\n\n1. INNER\n2. LEFT\n\n2. What is a CROSS \
                     JOIN?\n\nA cartesian product.\n\n3. What is a self join?\n\nA table joined to \
                     itself.\n";
    assert_eq!(answers(only_list)?[0], s("1. INNER\n2. LEFT"));
    let asking = "## Design\n\n1. How do you approach system design?\n\nAsk yourself:\n\n\
                  1. Who are the users?\n2. What is the load?\n\n2. What is CAP?\n\nConsistency, \
                  availability, partition tolerance.\n\n3. What is sharding?\n\nSplitting data.\n";
    assert_eq!(
        answers(asking)?[0],
        s("Ask yourself:\n\n1. Who are the users?\n2. What is the load?")
    );
    // A table with a `Вопрос` column under a list question is its answer's.
    let table = "## Базы данных\n\n1. Чем SQL отличается от NoSQL?\n\nСравнение:\n\n\
                 | Вопрос | SQL | NoSQL |\n|---|---|---|\n| Схема? | жёсткая | гибкая |\n\n\
                 2. Что такое индекс?\n\nСтруктура.\n\n3. Что такое VACUUM?\n\nОчистка.\n";
    let got = answers(table)?;
    assert_eq!(got.len(), 3);
    assert!(
        got[0]
            .as_deref()
            .unwrap()
            .ends_with("| Схема? | жёсткая | гибкая |")
    );
    Ok(())
}

#[test]
fn list_items_that_ask_in_bold_and_answer_after() -> Result<(), ParseError> {
    let text = "## Основы\n\n- **Что такое GIL?** Глобальная блокировка.\n- **Что такое декоратор?** \
                Обёртка над функцией.\n  Принимает функцию.\n- **Что такое генератор?** Ленивый \
                итератор.\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card("Что такое GIL?", None, Some("Глобальная блокировка.")),
            card(
                "Что такое декоратор?",
                None,
                Some("Обёртка над функцией.\nПринимает функцию.")
            ),
            card("Что такое генератор?", None, Some("Ленивый итератор.")),
        ]
    );
    Ok(())
}

#[test]
fn a_label_heading_asks_the_line_below_it() -> Result<(), ParseError> {
    // Habr's layout: `## Вопрос 1:` and the question as the paragraph under it.
    let text = "# Разбор\n\n## Вопрос 1:\n\nЧем отличается `==` от `equals()`?\n\n\
                **Ответ:** `==` сравнивает ссылки.\n\n## Вопрос 2\n\nОбъясните `volatile`.\n\n\
                **Ответ:** Видимость записи между потоками.\n";
    let (deck, _) = parse(text)?;
    let keys: Vec<String> = deck.cards().iter().map(|c| c.key.clone()).collect();
    assert_eq!(keys, ["1", "2"]);
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card(
                "Чем отличается `==` от `equals()`?",
                None,
                Some("`==` сравнивает ссылки.")
            ),
            card(
                "Объясните `volatile`.",
                None,
                Some("Видимость записи между потоками.")
            ),
        ]
    );
    // English, with the answer unlabelled.
    let text = "# JS\n\n## Question 1\n\nWhat is a closure?\n\nA function with its scope.\n\n\
                ## Question 2\n\nExplain hoisting.\n\nDeclarations move up.\n";
    assert_eq!(
        asked(text)?,
        [
            qa("What is a closure?", Some("A function with its scope.")),
            qa("Explain hoisting.", Some("Declarations move up.")),
        ]
    );
    Ok(())
}

#[test]
fn a_label_heading_asks_by_a_lead_in_or_after_its_snippet() -> Result<(), ParseError> {
    // Habr's quiz: the label, a lead-in ending in a colon, the code, then what is asked.
    let code = "```python\na = [1]\nb = a\nb.append(2)\nprint(a)\n```";
    let text = format!(
        "# Квиз\n\n## Вопрос 1:\n\nРассмотрим следующий код:\n\n{code}\n\nЧто будет выведено?\n\n\
         **Ответ:** `[1, 2]`.\n\n## Вопрос 2:\n\n{code}\n\nЧто выведет этот код?\n\n\
         **Ответ:** То же.\n\n## Вопрос 3:\n\n**Условие:**\n\nText.\n"
    );
    // A lone label (`**Условие:**`) asks nothing: the third stays an error, as before.
    assert!(parse(&text).is_err());
    let text = text.split("## Вопрос 3").next().unwrap_or_default();
    let asked_after = format!("{code}\n\nЧто будет выведено?");
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card(
                "Рассмотрим следующий код:",
                Some(&asked_after),
                Some("`[1, 2]`.")
            ),
            card("Что выведет этот код?", Some(code), Some("То же.")),
        ]
    );
    // Without answer labels, a lead-in's front goes on to where it asks; the rest answers.
    let text = format!(
        "# Quiz\n\n## Question 1\n\nConsider this snippet:\n\n{code}\n\nWhat does it print?\n\n\
         `[1, 2]`: both names hold one list.\n\n## Question 2\n\nWhat is a closure?\n\nA function.\n\n\
         ## Question 3\n\n{code}\n\nAnd this?\n\nThe same.\n"
    );
    assert_eq!(
        fronts_and_backs(&text)?,
        [
            card(
                "Consider this snippet:",
                Some(&format!("{code}\n\nWhat does it print?")),
                Some("`[1, 2]`: both names hold one list.")
            ),
            card("What is a closure?", None, Some("A function.")),
            card("And this?", Some(code), Some("The same.")),
        ]
    );
    // A numbered heading that leads in the same way shows its code on the front too.
    let text = format!("# Quiz\n\n### 1. What does this print:\n\n{code}\n\nIt prints `[1, 2]`.\n");
    assert_eq!(
        fronts_and_backs(&text)?,
        [card(
            "What does this print:",
            Some(code),
            Some("It prints `[1, 2]`.")
        )]
    );
    Ok(())
}

#[test]
fn a_label_heading_asks_the_whole_paragraph_below_it() -> Result<(), ParseError> {
    // A task told in two sentences over its snippet: the paragraph asks, joined as
    // Markdown shows it, and the snippet is the front's body. Was "empty question text".
    let code = "```python\nb = a = [1]\nb.append(2)\nprint(a)\n```";
    let text = format!(
        "# Задачи\n\n## Вопрос 1:\n\nДан следующий код. Определите,\nчто он выведет.\n\n\
         {code}\n\n**Ответ:** `[1, 2]`.\n\n## Вопрос 2:\n\nЧто такое GIL?\n\n\
         **Ответ:** Глобальная блокировка.\n"
    );
    assert_eq!(
        fronts_and_backs(&text)?,
        [
            card(
                "Дан следующий код. Определите, что он выведет.",
                Some(code),
                Some("`[1, 2]`.")
            ),
            card("Что такое GIL?", None, Some("Глобальная блокировка.")),
        ]
    );
    // English, without a colon on the label: the first question was a topic over the
    // second and was lost. A line after the last `?` of the paragraph is no part of the
    // question: in a guide without follow-up markers it answers.
    let text = format!(
        "# Quiz\n\n## Question 1\n\nConsider a list of functions built in a loop.\n\
         Each should return its own index.\n\n{code}\n\nAnswer: `[1, 2]`.\n\n\
         ## Question 2\n\nWhat is a closure?\nA function with its scope.\n\n\
         ## Question 3\n\nWhat does `bool([])` give?\n\nAnswer: `False`.\n"
    );
    assert_eq!(
        fronts_and_backs(&text)?,
        [
            card(
                "Consider a list of functions built in a loop. Each should return its own index.",
                Some(code),
                Some("`[1, 2]`.")
            ),
            card(
                "What is a closure?",
                None,
                Some("A function with its scope.")
            ),
            card("What does `bool([])` give?", None, Some("`False`.")),
        ]
    );
    Ok(())
}

#[test]
fn task_labels_and_counted_labels_ask_the_paragraph_below_them() -> Result<(), ParseError> {
    // `## Задача 1` was "no questions found"; beside question labels, tasks were dropped.
    // A task keeps its word in its key, apart from the questions' numbers.
    let text = "# Собеседование\n\n## Теория\n\n### Вопрос 1\n\nЧто такое декоратор?\n\n\
                **Ответ:** Обёртка над функцией.\n\n## Практика\n\n### Задача 1\n\n\
                Напишите генератор чисел Фибоначчи.\n\n**Решение:** `yield` в цикле.\n\n\
                ### Task 2\n\nReverse a list.\n\nSolution: `xs[::-1]`.\n";
    let (deck, warnings) = parse(text)?;
    assert!(warnings.is_empty(), "{warnings:?}");
    let cards = deck.cards();
    let keys: Vec<(&str, &str)> = cards.iter().map(|c| (c.key.as_str(), c.question)).collect();
    assert_eq!(
        keys,
        [
            ("1", "Что такое декоратор?"),
            ("Задача 1", "Напишите генератор чисел Фибоначчи."),
            ("Task 2", "Reverse a list."),
        ]
    );
    // Quiz numbering out of a total, an emoji before the label, a dash: each was "no
    // questions found", or topics named after the labels.
    for label in [
        "Вопрос 1 из 2",
        "🔹 Вопрос 1",
        "Вопрос - 1",
        "Question 1/2",
        "Вопрос 1)",
    ] {
        let second = label.replacen('1', "2", 1);
        let text = format!(
            "# Квиз\n\n## {label}\n\nЧто такое GIL?\n\n**Ответ:** Блокировка.\n\n\
             ## {second}\n\nЗачем `__slots__`?\n\n**Ответ:** Память.\n"
        );
        let (deck, _) = parse(&text)?;
        let topics: Vec<&str> = deck.topics.iter().map(|t| t.name.as_str()).collect();
        let all = deck.cards();
        let cards: Vec<(&str, &str)> = all.iter().map(|c| (c.key.as_str(), c.question)).collect();
        assert_eq!(topics, ["Квиз"], "{label}");
        assert_eq!(
            cards,
            [("1", "Что такое GIL?"), ("2", "Зачем `__slots__`?")],
            "{label}"
        );
    }
    // Not a label and its number: a heading of other words stays what it was.
    for heading in ["Задачи 1 уровня", "Question 1 of the day", "Task force 2"] {
        assert_eq!(scan_label(heading), None, "{heading}");
    }
    Ok(())
}

#[test]
fn a_label_heading_over_nothing_that_asks_is_reported() -> Result<(), ParseError> {
    let text = "# G\n\n## What is X?\n\nX.\n\n## What is Z?\n\nZ.\n\n## Вопрос 3\n\n- a\n- b\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(deck.cards().len(), 2);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, 11);
    assert!(
        warnings[0]
            .message
            .contains("\"Вопрос 3\" is a question label")
    );
    Ok(())
}

#[test]
fn task_labels_over_questions_of_their_own_are_sections() -> Result<(), ParseError> {
    // Over question headings, or over a lead-in to a list of questions, a task label is a
    // section: its questions stay cards (a second reader's cases, which the label swallowed).
    let text = "# Go\n\n## Task 1\n\nBuild a rate limiter. We asked:\n\n\
                ### What algorithm would you use?\n\nToken bucket.\n\n## Task 2\n\nBuild a cache.\n\n\
                ### How do you evict entries?\n\nLRU.\n";
    let (deck, _) = parse(text)?;
    let topics: Vec<&str> = deck.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(topics, ["Task 1", "Task 2"]);
    assert_eq!(
        asked(text)?,
        [
            qa("What algorithm would you use?", Some("Token bucket.")),
            qa("How do you evict entries?", Some("LRU.")),
        ]
    );
    let text = "# Контрольная\n\n## Задание 1\n\nОтветьте на вопросы:\n\n1. Что такое GIL?\n\
                2. Что такое декоратор?\n\n## Задание 2\n\nОтветьте на вопросы:\n\n\
                1. Что такое asyncio?\n2. Что такое корутина?\n";
    let (deck, _) = parse(text)?;
    let questions: Vec<&str> = deck.cards().iter().map(|c| c.question).collect();
    assert_eq!(
        questions,
        [
            "Что такое GIL?",
            "Что такое декоратор?",
            "Что такое asyncio?",
            "Что такое корутина?"
        ]
    );
    Ok(())
}

#[test]
fn only_a_question_that_points_at_a_snippet_keeps_it_on_the_front() {
    use super::scan::points_at_code;
    for asks in [
        "What will this code print?",
        "Rewrite this loop with iterators.",
        "Что выведет следующий код?",
        "Найдите ошибку в этом коде",
        "What does the following snippet do?",
        "What does this print?",
        "What's the output?",
        "Guess the output",
        "Что выведет?",
        "What does this function return?",
    ] {
        assert!(points_at_code(asks), "{asks}");
    }
    for asks in [
        "How do you write this function in Go?",
        "What is the output of `echo $((2**10))`?",
        "Что выведет команда ls?",
        "What is fragmentation of this codebase?",
        "Как бороться с фрагментацией памяти?",
        "Which logger will print debug messages?",
        "Is there a loophole in this loopback setup?",
        "What is the output of a hash function?",
        "Что выведет команда ls?",
    ] {
        assert!(!points_at_code(asks), "{asks}");
    }
}

#[test]
fn a_pointed_snippet_that_is_all_the_answer_stays_the_answer() -> Result<(), ParseError> {
    // Only a snippet goes to the front, and only with an answer after it: code and then its
    // output block keep the output on the back; a snippet that is all there is answers.
    let text = "# Q\n\n## What will this code print?\n\n```python\nprint(6)\n```\n\n```\n6\n```\n\n\
                ## How is this code written in Go?\n\n```go\nfmt.Println(6)\n```\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card(
                "What will this code print?",
                Some("```python\nprint(6)\n```"),
                Some("```\n6\n```")
            ),
            card(
                "How is this code written in Go?",
                None,
                Some("```go\nfmt.Println(6)\n```")
            ),
        ]
    );
    Ok(())
}

#[test]
fn a_task_label_with_a_title_or_a_note_asks() -> Result<(), ParseError> {
    // `## Задача 1. Палиндром` was "no questions found": the title is the question, the
    // statement its body. `## Task 1 (easy)` asks the paragraph below it.
    let text = "# Задачи\n\n## Задача 1. Палиндром\n\nПроверьте строку.\n\n**Решение:** `s == s[::-1]`\n\n\
                ## Problem 2 — Two Sum\n\nFind two numbers.\n\n**Solution:** a hash map.\n\n\
                ## Task 3 (easy)\n\nReverse a list.\n\n**Solution:** `xs[::-1]`\n";
    let (deck, warnings) = parse(text)?;
    assert!(warnings.is_empty(), "{warnings:?}");
    let cards = deck.cards();
    let got: Vec<(&str, &str, Option<&str>)> = cards
        .iter()
        .map(|c| (c.key.as_str(), c.question, c.body))
        .collect();
    assert_eq!(
        got,
        [
            ("Задача 1", "Палиндром", Some("Проверьте строку.")),
            ("Problem 2", "Two Sum", Some("Find two numbers.")),
            ("Task 3", "Reverse a list.", None),
        ]
    );
    Ok(())
}

#[test]
fn a_question_word_and_its_number_label_a_pair() -> Result<(), ParseError> {
    // `Question 1:` / `Answer:` on plain lines was "no questions found" (only `Q1:` and a
    // bare `Question:` were read).
    let text = "# Linux\n\nQuestion 1: What does chmod do?\nAnswer: Sets permissions.\n\n\
                Question 2: What is an inode?\nAnswer: File metadata.\n\n\
                **Вопрос 3.** Что такое PID?\n**Ответ.** Номер процесса.\n";
    let (deck, _) = parse(text)?;
    let cards = deck.cards();
    let keys: Vec<&str> = cards.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["1", "2", "3"]);
    assert_eq!(
        asked(text)?,
        [
            qa("What does chmod do?", Some("Sets permissions.")),
            qa("What is an inode?", Some("File metadata.")),
            qa("Что такое PID?", Some("Номер процесса.")),
        ]
    );
    Ok(())
}

#[test]
fn short_answer_labels_open_the_answer_and_leave_it() -> Result<(), ParseError> {
    // In a guide with follow-up markers, `**Ans:**` and `Ans:` were the body: the answer on
    // the front and nothing on the back. Without markers the label stayed in the answer.
    let text = "# DB\n\n### 1. What is an index?\n\n**Ans:** A lookup structure.\n\n\
                **Follow-up questions:**\n1. When is it not used?\n\n\
                ### 2. What is MVCC?\n\nAns: Row versions.\n\n### 3. Что такое VACUUM?\n\n\
                Отв.: Чистка мёртвых строк.\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card("What is an index?", None, Some("A lookup structure.")),
            card("What is MVCC?", None, Some("Row versions.")),
            card("Что такое VACUUM?", None, Some("Чистка мёртвых строк.")),
        ]
    );
    // A letter is no answer label outside `Q:`/`A:` pairs: lettered options stay the body.
    let text = "# JS\n\n## 1. What does `typeof null` return?\n\nA: \"null\"\nB: \"object\"\n\n\
                **Answer:** B\n\n## 2. What is NaN?\n\n**Answer:** Not a number.\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card(
                "What does `typeof null` return?",
                Some("A: \"null\"\nB: \"object\""),
                Some("B")
            ),
            card("What is NaN?", None, Some("Not a number.")),
        ]
    );
    // In such pairs, `Ans:` answers too.
    assert_eq!(
        asked("# N\n\nQ: Which port does HTTPS use?\nAns: 443\n\nQ: And HTTP?\nAns: 80\n")?,
        [
            qa("Which port does HTTPS use?", Some("443")),
            qa("And HTTP?", Some("80"))
        ]
    );
    Ok(())
}

fn scan_label(heading: &str) -> Option<String> {
    super::scan::bare_question_label(heading)
}

#[test]
fn options_under_a_quiz_lead_in_are_its_front_and_the_correct_answer_its_back()
-> Result<(), ParseError> {
    // In a quiz of label headings, a lead-in over a list of options asks; the first question
    // was lost with no warning (its heading taken for the topic of the second).
    let text = "# Квиз\n\n## Вопрос 1\n\nКакие утверждения о GIL верны:\n\n\
                1. GIL есть в CPython\n2. GIL есть в Jython\n\n**Ответ:** 1.\n\n\
                ## Вопрос 2\n\nЧто выведет `print(type(1/2))`?\n\n- a) `int`\n- b) `float`\n\n\
                **Правильный ответ:** b)\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card(
                "Какие утверждения о GIL верны:",
                Some("1. GIL есть в CPython\n2. GIL есть в Jython"),
                Some("1.")
            ),
            card(
                "Что выведет `print(type(1/2))`?",
                Some("- a) `int`\n- b) `float`"),
                Some("b)")
            ),
        ]
    );
    Ok(())
}

#[test]
fn a_question_that_points_at_its_snippet_shows_it_without_answer_labels() -> Result<(), ParseError>
{
    // In a guide without answer labels, the snippet a question points at was the start of
    // its answer: the card could not be answered. Code under a question that does not
    // point at it still answers it.
    let code = "```python\nprint(round(2.5))\n```";
    let text = format!(
        "# Quiz\n\n### 1. What will this code print?\n\n{code}\n\n`2`: rounding to even.\n\n\
         ### 2. Что выведет этот код?\n\n{code}\n\n`2`.\n\n\
         ### 3. How do you round half up?\n\n{code}\n\nUse `decimal` instead.\n"
    );
    assert_eq!(
        fronts_and_backs(&text)?,
        [
            card(
                "What will this code print?",
                Some(code),
                Some("`2`: rounding to even.")
            ),
            card("Что выведет этот код?", Some(code), Some("`2`.")),
            card(
                "How do you round half up?",
                None,
                Some(&format!("{code}\n\nUse `decimal` instead."))
            ),
        ]
    );
    Ok(())
}

#[test]
fn a_short_lead_in_asks_and_tagged_list_questions_outside_are_reported() -> Result<(), ParseError> {
    // A two-word lead-in is a sentence, not a lone label; the list above it, one item
    // tagged, is read in no heading guide and is reported as two questions.
    let text = "# Go\n\n## Junior\n\n1. What is a goroutine?\n2. What is a channel? [Senior]\n\n\
                ## Вопрос 1:\n\nРассмотрим код:\n\n```go\nlen(\"hé\")\n```\n\nЧто выведет?\n";
    let (deck, warnings) = parse(text)?;
    let questions: Vec<&str> = deck.cards().iter().map(|c| c.question).collect();
    assert_eq!(questions, ["Рассмотрим код:"]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].message.starts_with("2 questions in a list"));
    Ok(())
}

#[test]
fn a_heading_asks_with_a_tag_or_emoji_after_its_question_mark() -> Result<(), ParseError> {
    let text = "# DB\n\n### What is an index? [Junior]\n\nA lookup structure.\n\n\
                ### What is MVCC? 🔥\n\nSnapshots for readers.\n\n### Isolation (Senior)\n\nNot asked.\n";
    assert_eq!(
        asked(text)?,
        [
            qa("What is an index? [Junior]", Some("A lookup structure.")),
            qa("What is MVCC? 🔥", Some("Snapshots for readers.")),
        ]
    );
    Ok(())
}

#[test]
fn numbered_headings_over_lists_of_questions_are_sections() -> Result<(), ParseError> {
    let text = "# Interview\n\n## 1. Junior level\n\n1. What is a variable?\n2. What is a loop?\n\n\
                ## 2. Senior level\n\n1. What is a saga?\n   (a long-running transaction)\n\
                2. What is eventual consistency?\n";
    let (deck, _) = parse(text)?;
    let topics: Vec<(&str, usize)> = deck
        .topics
        .iter()
        .map(|t| (t.name.as_str(), t.questions.len()))
        .collect();
    assert_eq!(topics, [("Junior level", 2), ("Senior level", 2)]);
    let levels: Vec<Option<Level>> = deck.cards().iter().map(|c| c.level).collect();
    assert_eq!(
        levels,
        [
            Some(Level::Junior),
            Some(Level::Junior),
            Some(Level::Senior),
            Some(Level::Senior)
        ]
    );
    // Among questions answered in prose, a numbered heading over a list of questions is a
    // question still: the list may be its sub-questions.
    let mixed = "# Python\n\n### 1. Lists\n\nMutable sequences.\n\n### 2. The GIL\n\n\
                 - Why does it exist?\n- How do you get around it?\n";
    let asked: Vec<String> = asked(mixed)?.into_iter().map(|(q, _)| q).collect();
    assert_eq!(asked, ["Lists", "The GIL"]);
    Ok(())
}

#[test]
fn questions_a_paragraph_takes_for_its_list_are_reported() -> Result<(), ParseError> {
    // `**Middle**` between two lists numbered from 1: the second is read as the
    // paragraph's list, which no answer keeps; the guide is told, once for the list.
    let text = "# Kotlin\n\n## Basics\n\n1. What is a data class?\n2. What is a nullable type?\n\n\
                **Middle**\n\n1. What is a coroutine scope?\n2. What is an inline function?\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(deck.cards().len(), 2);
    let lines: Vec<usize> = warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [10], "{warnings:?}");
    assert!(
        warnings[0]
            .message
            .contains("give them a heading of their own")
    );
    // A list the answer keeps (`They are:` under an answered question) is no warning.
    let kept = "# SQL\n\n## Joins\n\n1. What JOIN types exist?\n\nThey are:\n\n1. INNER?\n2. OUTER?\n\n\
                2. What is a CTE?\n\nA named subquery.\n";
    let (_, warnings) = parse(kept)?;
    assert!(warnings.is_empty(), "{warnings:?}");
    Ok(())
}

#[test]
fn an_answer_at_the_margin_under_an_answered_questions_follow_ups_is_the_last_ones()
-> Result<(), ParseError> {
    let text = "# D\n\n### 1. How would you cache?\n\n**Answer:** Read-through.\n\n\
                **Follow-up questions:**\n1. How do you invalidate?\n\n**Answer:** On write.\n\n\
                Delete, not update.\n\n### 2. What is a stampede?\n\n**Answer:** Misses.\n";
    let (deck, warnings) = parse(text)?;
    assert!(warnings.is_empty(), "{warnings:?}");
    let answers: Vec<(String, Option<&str>)> = deck
        .cards()
        .iter()
        .map(|c| (c.key.clone(), c.answer))
        .collect();
    assert_eq!(
        answers,
        [
            ("1".to_string(), Some("Read-through.")),
            ("1.1".to_string(), Some("On write.\n\nDelete, not update.")),
            ("2".to_string(), Some("Misses.")),
        ]
    );
    // Its lists and code are its own; the next follow-up's number ends it.
    let text = "# D\n\n### 1. How would you parallelise?\n\n**Answer:** Processes.\n\n\
                **Follow-up questions:**\n1. How do you share state?\n\n**Answer:** Several ways:\n\n\
                - a Manager\n\n1. Start a Pool\n2. Map over it\n\n```python\np.map(f, xs)\n```\n\n\
                2. What about the GIL?\n";
    let (deck, warnings) = parse(text)?;
    assert!(warnings.is_empty(), "{warnings:?}");
    let cards = deck.cards();
    let keys: Vec<&str> = cards.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["1", "1.1", "1.2"]);
    assert_eq!(
        cards[1].answer,
        Some(
            "Several ways:\n\n- a Manager\n\n1. Start a Pool\n2. Map over it\n\n```python\np.map(f, xs)\n```"
        )
    );
    Ok(())
}

#[test]
fn a_follow_up_on_its_labels_line_is_a_follow_up_card() -> Result<(), ParseError> {
    // Guides that ask one deeper question under each main one write it after its label.
    let text = "# Backend\n\n## Databases\n\n### 1. What is an index?\n\n\
                A structure that speeds up reads.\n\n\
                **Follow-up:** When would an index make a query slower?\n\n\
                ### 2. What is MVCC?\n\nSnapshots.\n\n\
                *Уточняющий вопрос:* Как PostgreSQL убирает старые версии строк?\n\
                Follow-up question: What does VACUUM FULL lock?\n\n\
                ### 3. What is a deadlock?\n\nTwo waits.\n\n\
                **Follow-up:** see the PostgreSQL docs on locks.\n";
    let (deck, warnings) = parse(text)?;
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_cards(
        &deck,
        &[
            (
                "1",
                "What is an index?",
                Some("A structure that speeds up reads."),
            ),
            ("1.1", "When would an index make a query slower?", None),
            ("2", "What is MVCC?", Some("Snapshots.")),
            ("2.1", "Как PostgreSQL убирает старые версии строк?", None),
            ("2.2", "What does VACUUM FULL lock?", None),
            // A remark after the label asks nothing: it stays in the answer.
            (
                "3",
                "What is a deadlock?",
                Some("Two waits.\n\n**Follow-up:** see the PostgreSQL docs on locks."),
            ),
        ],
    );
    // Under an answered question, what follows it is its answer, labelled or not, with its
    // lists, code and sub-headings; no list item there asks.
    let text = "# D\n\n### 1. What is an index?\n\n**Answer:** A B-tree.\n\n\
                **Follow-up:** What is a covering index?\n**Answer:** One that holds every column read.\n\n\
                **Follow-up:** When is an index slower?\n\nOn writes:\n\n1. inserts\n2. updates\n\n\
                ```sql\nINSERT INTO t VALUES (1);\n```\n\n#### Note\n\nMeasure.\n\n\
                **Follow-up:** *What does EXPLAIN show?*\nThe plan.\n- a list\n\n\
                ### 2. What is a cache?\n\n**Answer:** Fast storage.\n\n\
                **Follow-up:** What eviction policies do you know?\n- LRU\n- LFU\n";
    let (deck, warnings) = parse(text)?;
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_cards(
        &deck,
        &[
            ("1", "What is an index?", Some("A B-tree.")),
            (
                "1.1",
                "What is a covering index?",
                Some("One that holds every column read."),
            ),
            (
                "1.2",
                "When is an index slower?",
                Some(
                    "On writes:\n\n1. inserts\n2. updates\n\n```sql\nINSERT INTO t VALUES (1);\n```\n\n\
                     #### Note\n\nMeasure.",
                ),
            ),
            (
                "1.3",
                "What does EXPLAIN show?",
                Some("The plan.\n- a list"),
            ),
            ("2", "What is a cache?", Some("Fast storage.")),
            (
                "2.1",
                "What eviction policies do you know?",
                Some("- LRU\n- LFU"),
            ),
        ],
    );
    // A marker after it opens the question's list, numbered on from it; inside a numbered
    // list, a labelled line is the item's text going on, as it was.
    let lists = "# D\n\n### 1. What is X?\n\n**Answer:** X.\n\n**Follow-up:** What is Y?\n\n\
                 **Follow-up questions:**\n1. What is Z?\n2. What is W?\n\n\
                 ### 2. What is V?\n\n**Follow-up questions:**\n1. What is U?\n\
                 *Уточняющий вопрос:* А если нет?\n2. What is T?\n";
    let (deck, _) = parse(lists)?;
    let drafts = deck.cards();
    let keys: Vec<(&str, &str)> = drafts
        .iter()
        .map(|c| (c.key.as_str(), c.question))
        .collect();
    assert_eq!(
        keys,
        [
            ("1", "What is X?"),
            ("1.1", "What is Y?"),
            ("1.2", "What is Z?"),
            ("1.3", "What is W?"),
            ("2", "What is V?"),
            ("2.1", "What is U? *Уточняющий вопрос:* А если нет?"),
            ("2.2", "What is T?"),
        ]
    );
    // Where the text under a question is its answer (no markers, no labels), that text
    // answers the question and the text after the follow-up answers the follow-up.
    let unmarked = "# D\n\n### 1. What is MVCC?\n\nSnapshots.\n\n\
                    **Follow-up:** Who cleans old rows?\n\nVACUUM.\n";
    let (deck, _) = parse(unmarked)?;
    let answers: Vec<Option<&str>> = deck.cards().iter().map(|c| c.answer).collect();
    assert_eq!(answers, [Some("Snapshots."), Some("VACUUM.")]);
    // Before the question's own answer, it takes nothing: what follows is the question's,
    // as it was. Indented in a list, or in a `<details>` answer, it is no label.
    let text = "# D\n\n### 1. What is the virtual DOM?\n\n\
                **Follow-up:** Why is it faster than the real DOM?\n\n\
                **Answer:** An in-memory tree React diffs.\n\n\
                ### 2. What is an index?\n\n**Answer:**\n- Speeds up reads\n  \
                **Follow-up:** When is it slower?\n- Costs space\n\n\
                ### 3. What is ownership?\n\n<details><summary>Answer</summary>\nOne owner.\n\
                **Follow-up:** What happens on move?\n</details>\n";
    let (deck, warnings) = parse(text)?;
    assert!(warnings.is_empty(), "{warnings:?}");
    let drafts = deck.cards();
    let cards: Vec<(&str, Option<&str>, Option<&str>)> = drafts
        .iter()
        .map(|c| (c.key.as_str(), c.body, c.answer))
        .collect();
    assert_eq!(
        cards,
        [
            ("1", None, Some("An in-memory tree React diffs.")),
            ("1.1", None, None),
            (
                "2",
                None,
                Some("- Speeds up reads\n  **Follow-up:** When is it slower?\n- Costs space")
            ),
            (
                "3",
                None,
                Some("One owner.\n**Follow-up:** What happens on move?")
            ),
        ]
    );
    Ok(())
}

#[test]
fn q_a_pairs_and_bold_questions_have_follow_ups_too() -> Result<(), ParseError> {
    let pairs = "# Go\n\nQ: What is a goroutine?\nA: A green thread.\n\n\
                 **Follow-up questions:**\n1. How are they scheduled?\n2. What is GOMAXPROCS?\n\n\
                 Q: What is a channel?\nA: A pipe.\n**Follow-up:** What does close do?\n";
    // After a follow-up list, `A:` answers the question; under an answered one, the last
    // follow-up, its label dropped.
    let late = "# Go\n\nQ: How would you build a worker pool?\n\n**Follow-up questions:**\n\
                1. How do you stop the workers?\n\nA: N goroutines on a channel.\n\n\
                Q: What is Redis?\nA: A store.\n**Follow-up:** Is it single-threaded?\nA: Mostly.\n";
    let bold = "# Go\n\n**What is a goroutine?**\n\nA green thread.\n\n\
                **Follow-up:** How are they scheduled?\n\nBy the runtime.\n\n\
                **What is a channel?**\n\nA pipe.\n";
    for (text, expected) in [
        (
            pairs,
            vec![
                ("1", "What is a goroutine?", Some("A green thread.")),
                ("1.1", "How are they scheduled?", None),
                ("1.2", "What is GOMAXPROCS?", None),
                ("2", "What is a channel?", Some("A pipe.")),
                ("2.1", "What does close do?", None),
            ],
        ),
        (
            late,
            vec![
                (
                    "1",
                    "How would you build a worker pool?",
                    Some("N goroutines on a channel."),
                ),
                ("1.1", "How do you stop the workers?", None),
                ("2", "What is Redis?", Some("A store.")),
                ("2.1", "Is it single-threaded?", Some("Mostly.")),
            ],
        ),
        (
            bold,
            vec![
                ("1", "What is a goroutine?", Some("A green thread.")),
                ("1.1", "How are they scheduled?", Some("By the runtime.")),
                ("2", "What is a channel?", Some("A pipe.")),
            ],
        ),
    ] {
        let (deck, warnings) = parse(text)?;
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_cards(&deck, &expected);
    }
    Ok(())
}

#[test]
fn a_second_group_of_follow_ups_numbered_from_one_goes_on() -> Result<(), ParseError> {
    let text = "# K8s\n\n## Basics\n\n### 1. What is a Pod?\n\n**Answer:** The smallest unit.\n\n\
                **Follow-up questions:**\n1. Why two containers?\n2. What is a pause container?\n\n\
                **Senior follow-ups:**\n1. How does the CNI assign the IP?\n\n\
                ### 2. What is a Service?\n\n**Follow-up questions:**\n1. ClusterIP?\n\n\
                **More:**\n\n**Follow-ups:**\n2. NodePort?\n";
    let (deck, _) = parse(text)?;
    let keys: Vec<String> = deck.cards().iter().map(|c| c.key.clone()).collect();
    // A second group that goes on with the numbers keeps them.
    assert_eq!(keys, ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2"]);
    assert_eq!(deck.cards()[3].question, "How does the CNI assign the IP?");
    Ok(())
}

#[test]
fn system_design_guides_ask_by_design_a_and_number_with_marks() -> Result<(), ParseError> {
    // `Design a …` asks (`## Design patterns` does not); as the first heading of its
    // level it needs a question after it only.
    let questions = "## How would you design a rate limiter?\n\nToken bucket.\n\n\
                     ## How do you design a cache?\n\nHashing.\n";
    let first =
        format!("# T\n\n## Design a URL shortener\n\nBase62 over a counter.\n\n{questions}");
    let asked_first: Vec<String> = asked(&first)?.into_iter().map(|(q, _)| q).collect();
    assert_eq!(
        asked_first,
        [
            "Design a URL shortener",
            "How would you design a rate limiter?",
            "How do you design a cache?"
        ]
    );
    let topic = format!("# T\n\n## Design patterns\n\nWhat this part covers.\n\n{questions}");
    assert_eq!(asked(&topic)?.len(), 2);
    // `#1`, `№ 2:` and keycaps are numbers, kept out of the text.
    let text = "# T\n\n## #1 Design a feed\n\nFan-out.\n\n## № 2: Design a chat\n\nSockets.\n\n\
                ## 3️⃣ Design a crawler\n\nA frontier.\n\n## 🔟 Design a cache\n\nLRU.\n";
    let (deck, _) = parse(text)?;
    let cards: Vec<(String, &str)> = deck
        .cards()
        .iter()
        .map(|c| (c.key.clone(), c.question))
        .collect();
    assert_eq!(
        cards,
        [
            ("1".to_string(), "Design a feed"),
            ("2".to_string(), "Design a chat"),
            ("3".to_string(), "Design a crawler"),
            ("10".to_string(), "Design a cache"),
        ]
    );
    // After the last question, a heading that asks by a verb is a closing section, and
    // the guide is told.
    let text = "# T\n\n## What is a closure?\n\nA function.\n\n## Explain event delegation\n\nOne listener.\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(deck.cards().len(), 1);
    assert_eq!(warnings.iter().map(|w| w.line).collect::<Vec<_>>(), [7]);
    assert!(warnings[0].message.contains("read as a closing section"));
    Ok(())
}

#[test]
fn code_indented_under_a_list_question_is_un_indented_as_its_fence() -> Result<(), ParseError> {
    let text = "# Go\n\n- What is escape analysis?\n\n    Deciding stack vs heap.\n\n    ```bash\n\
                \x20   go build -gcflags=-m\n    ```\n\n- Your handler does this:\n\n   ```go\n\
                \x20  if err != nil {\n       return\n   }\n   ```\n   Why is it wrong?\n\n- What is inlining?\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card(
                "What is escape analysis?",
                None,
                Some("Deciding stack vs heap.\n\n```bash\ngo build -gcflags=-m\n```")
            ),
            card(
                "Your handler does this:",
                // (The line after it keeps what it has beyond the item's text column.)
                Some("```go\nif err != nil {\n    return\n}\n```\n Why is it wrong?"),
                None
            ),
            card("What is inlining?", None, None),
        ]
    );
    // Code under a nested bullet stays under it.
    let nested = "# T\n\n1. How do you open a file?\n   - Text mode:\n     ```python\n     open(f)\n\
                  \x20    ```\n   - Binary mode\n2. What is a context manager?\n";
    assert_eq!(
        fronts_and_backs(nested)?[0].1.as_deref(),
        Some("- Text mode:\n  ```python\n  open(f)\n  ```\n- Binary mode")
    );
    Ok(())
}

#[test]
fn numbered_topics_lead_ins_and_design_intros_after_a_second_review() -> Result<(), ParseError> {
    // A `##` topic numbered with a dot or a mark, over questions of its own.
    for number in ["1.", "#1", "1️⃣"] {
        let two = number.replace('1', "2");
        let text = format!(
            "# T\n\n## {number} Basics\n\n### What is a list?\n\nA sequence.\n\n\
             ## {two} Advanced\n\n### What is the GIL?\n\nA lock.\n"
        );
        let (deck, _) = parse(&text)?;
        let topics: Vec<&str> = deck.topics.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(topics, ["Basics", "Advanced"], "{number}");
        assert_eq!(deck.cards().len(), 2, "{number}");
    }
    // One heading numbered with a mark that asks nothing is no question.
    let text = "# T\n\n## What is a list?\n\nA.\n\n## What is a dict?\n\nB.\n\n\
                ## #1 tip for the interview\n\nSleep.\n";
    assert_eq!(asked(text)?.len(), 2);
    // A lead-in with a sentence before its snippet, or two snippets, asks after them.
    let text = "# Q\n\n### 1. Consider this:\n\nWe have a function.\n\n```go\nf()\n```\n\n\
                What is wrong?\n\nIt leaks.\n\n### 2. Look at these:\n\n```go\na()\n```\n\n\
                ```go\nb()\n```\n\nWhich is faster?\n\nThe first.\n";
    let sides = fronts_and_backs(text)?;
    assert_eq!(
        sides[0].1.as_deref(),
        Some("We have a function.\n\n```go\nf()\n```\n\nWhat is wrong?")
    );
    assert_eq!(sides[0].2.as_deref(), Some("It leaks."));
    assert_eq!(sides[1].2.as_deref(), Some("The first."));
    // `Design the …` as the first heading is an introduction; `Напишите нам` at the end
    // is a closing section and no warning.
    let text = "# T\n\n## Design the system in four steps\n\nSteps.\n\n## What is a cache?\n\nA.\n\n\
                ## What is a queue?\n\nB.\n\n## Напишите нам в Telegram\n\n@us\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(deck.cards().len(), 2);
    assert!(
        warnings.iter().all(|w| !w.message.contains("Напишите")),
        "{warnings:?}"
    );
    Ok(())
}

/// What a second reader found the first version of the day's rules did to guides that
/// imported well before: each reads as it did.
#[test]
fn guides_the_new_rules_must_leave_as_they_were() -> Result<(), ParseError> {
    let cases: [(&str, &[&str]); 5] = [
        // Level tags on numbered questions do not make an introduction a question.
        (
            "# P\n\n## Why read this guide? 🙂\n\nBecause.\n\n## 1. What is a list? [Junior]\n\nA.\n\n\
             ## 2. What is MVCC? [Senior]\n\nB.\n",
            &["What is a list? [Junior]", "What is MVCC? [Senior]"],
        ),
        // `###` numbered questions over bullets that ask stay questions (DESIGN §2).
        (
            "# P\n\n## Collections\n\n### 1. Compare the sequences\n\n- What is a list?\n\
             - How does a tuple differ?\n\n### 2. Walk through hashing\n\n- Why hashable?\n- Collisions?\n",
            &["Compare the sequences", "Walk through hashing"],
        ),
        // A tagged bullet in an answer does not turn a heading guide into a list guide.
        (
            "# P\n\n### What is a list? 🐍\n\nPoints:\n\n- How does it grow? (junior)\n- Slicing\n\n\
             ### What is a dict? 🐍\n\nA hash map.\n\n### What is a set? 🐍\n\nA dict.\n",
            &[
                "What is a list? 🐍",
                "What is a dict? 🐍",
                "What is a set? 🐍",
            ],
        ),
        // A lead-in under a label heading that leads to a list, not to code or a `?`, asks
        // nothing: the list questions above stay read.
        (
            "# P\n\n## Списки\n\n- Что такое список?\n- Что такое кортеж?\n- Как работает срез?\n\n\
             ## Вопрос 1\n\nРассмотрим следующий код:\n\n- `a = [1, 2]`\n- `b = a`\n",
            &[
                "Что такое список?",
                "Что такое кортеж?",
                "Как работает срез?",
            ],
        ),
        // Prose under a heading ending in a colon answers it: none of it goes to the front.
        (
            "# P\n\n## Basics\n\n### 1. Lists and tuples:\n\nA list is mutable.\n\n```python\nt = (1,)\n```\n\n\
             ### 2. What is a dict?\n\nA hash map.\n",
            &["Lists and tuples:", "What is a dict?"],
        ),
    ];
    for (text, want) in cases {
        let asked: Vec<String> = asked(text)?.into_iter().map(|(q, _)| q).collect();
        assert_eq!(asked, want, "{text}");
    }
    let last = cases[4].0;
    assert_eq!(
        fronts_and_backs(last)?[0].1,
        None,
        "the front keeps only the question"
    );
    Ok(())
}

#[test]
fn a_level_tag_after_the_question_mark_leaves_it_a_question() -> Result<(), ParseError> {
    // List questions tagged with their level are list questions still.
    let lists = "## Basics\n\n1. What is a list? (junior)\n2. What is a dict? (junior)\n\
                 3. What is a set?\n";
    let (deck, _) = parse(lists)?;
    let levels: Vec<Option<Level>> = deck.cards().iter().map(|c| c.level).collect();
    assert_eq!(levels, [Some(Level::Junior), Some(Level::Junior), None]);
    // A tagged heading after the last untagged one is asked too, at its own level over
    // its section's.
    let headings = "## Junior\n\n### What is a schema?\n\nA.\n\n### What is MVCC? [Senior]\n\nB.\n";
    let (deck, _) = parse(headings)?;
    let levels: Vec<(&str, Option<Level>)> =
        deck.cards().iter().map(|c| (c.question, c.level)).collect();
    assert_eq!(
        levels,
        [
            ("What is a schema?", Some(Level::Junior)),
            ("What is MVCC? [Senior]", Some(Level::Senior)),
        ]
    );
    Ok(())
}

#[test]
fn a_q_label_in_a_heading_is_no_part_of_the_question() -> Result<(), ParseError> {
    let text = "# Docker FAQ\n\n### Q: What is a multi-stage build?\n\nSeveral stages.\n\n\
                ### Question: How do you persist data?\n\nVolumes.\n";
    assert_eq!(
        asked(text)?,
        [
            qa("What is a multi-stage build?", Some("Several stages.")),
            qa("How do you persist data?", Some("Volumes.")),
        ]
    );
    Ok(())
}

#[test]
fn a_bold_answer_label_alone_on_its_line_needs_no_colon() -> Result<(), ParseError> {
    let text = "# Python\n\n## 1. What is a decorator?\n\n**Answer**\n\nA callable that wraps \
                another.\n\n**Follow-up questions:**\n1. How do you keep the name?\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [card(
            "What is a decorator?",
            None,
            Some("A callable that wraps another.")
        )]
    );
    Ok(())
}

#[test]
fn links_back_up_the_page_end_no_answer() -> Result<(), ParseError> {
    for link in [
        "**[⬆ Back to top](#react)**",
        "[Наверх](#оглавление)",
        "[Содержание](#содержание)",
        "<div align=\"right\"><a href=\"#react\">⬆ back to top</a></div>",
    ] {
        let text = format!(
            "# React\n\n### What is JSX?\n\nSyntax for `createElement`.\n\n{link}\n\n\
             ### What is the virtual DOM?\n\nA tree React diffs.\n\n{link}\n"
        );
        assert_eq!(
            asked(&text)?,
            [
                qa("What is JSX?", Some("Syntax for `createElement`.")),
                qa("What is the virtual DOM?", Some("A tree React diffs.")),
            ],
            "{link}"
        );
    }
    // A link to a page's anchor that goes elsewhere is the answer's.
    let text = "# React\n\n### What is JSX?\n\nSyntax.\n\n[See hooks](#hooks)\n\n\
                ### What is a hook?\n\nA function.\n";
    assert_eq!(
        asked(text)?[0],
        qa("What is JSX?", Some("Syntax.\n\n[See hooks](#hooks)"))
    );
    Ok(())
}

#[test]
fn a_labelled_answer_in_a_bullet_under_a_list_question_is_its_answer() -> Result<(), ParseError> {
    let text = "# Python\n\n1. What is the GIL?\n   - **Ответ:** глобальная блокировка.\n\
                2. What is MRO?\n   - **Answer:** the method lookup order,\n     left to right.\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card("What is the GIL?", None, Some("глобальная блокировка.")),
            card(
                "What is MRO?",
                None,
                Some("the method lookup order,\n  left to right.")
            ),
        ]
    );
    // Any answer label opens it, bold, short or a single letter.
    let text = "# Python\n\n1. What is MRO?\n   - **A:** the order.\n\
                2. What is X?\n   **Short answer:** y.\n";
    assert_eq!(
        asked(text)?,
        [
            qa("What is MRO?", Some("the order.")),
            qa("What is X?", Some("y.")),
        ]
    );
    // A sub-list that asks nothing stays with its question (`Which of the following …?`).
    let text =
        "# Python\n\n1. Which of these are mutable?\n   - list\n   - tuple\n2. What is MRO?\n";
    assert_eq!(
        fronts_and_backs(text)?[0],
        card("Which of these are mutable?", Some("- list\n- tuple"), None)
    );
    Ok(())
}

#[test]
fn question_and_answer_labels_may_be_in_italics() -> Result<(), ParseError> {
    let text = "# JS\n\n*Q: What is hoisting?*\n\n*A:* Declarations move up.\n\n\
                _Q: What is a closure?_\n\n_A:_ A function with its scope.\n\n\
                * Q: a list item, not a label\n";
    assert_eq!(
        asked(text)?,
        [
            qa("What is hoisting?", Some("Declarations move up.")),
            qa(
                "What is a closure?",
                Some("A function with its scope.\n\n* Q: a list item, not a label")
            ),
        ]
    );
    Ok(())
}

#[test]
fn questions_in_a_list_beside_question_headings_are_reported_not_read() -> Result<(), ParseError> {
    let text = "# Python\n\n## Contents\n\n- What is the GIL?\n- Is `None` a singleton?\n\n\
                ## Theory\n\n### 1. What is the GIL?\n\nA global lock.\n\n## Rapid fire\n\n\
                - Is `None` a singleton?\n- What does `pass` do?\n\n## Asked once\n\n- Why?\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(deck.cards().len(), 1);
    let messages: Vec<(usize, &str)> = warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    // The contents repeat a heading's question but one: under two, no warning; the rapid
    // fire list's two are; a single `?` item is prose more often than a lost question.
    assert_eq!(
        messages,
        [(
            16,
            "2 questions in a list or as Q: lines here are not read: this guide asks in \
             headings; give each its own heading, or move them to a deck of their own"
        )]
    );
    Ok(())
}

#[test]
fn a_heading_that_starts_with_an_asking_verb_asks_between_questions() -> Result<(), ParseError> {
    // Between question headings at its level; not as the introduction before them or a
    // footer after them.
    let text = "# Kafka\n\n### Explain how to use this guide\n\nRead in order.\n\n\
                ### What is a consumer group?\n\nConsumers sharing an id.\n\n\
                ### Explain partitions and offsets\n\nA topic is split.\n\n\
                ### Опишите доставку exactly-once\n\nИдемпотентный продюсер.\n\n\
                ### What is a rebalance?\n\nPartitions move.\n\n\
                ### Напишите нам в телеграм\n\n@kafka\n\n### Explanations and reading\n\nLinks.\n";
    assert_eq!(
        asked(text)?,
        [
            qa(
                "What is a consumer group?",
                Some("Consumers sharing an id.")
            ),
            qa("Explain partitions and offsets", Some("A topic is split.")),
            qa(
                "Опишите доставку exactly-once",
                Some("Идемпотентный продюсер.")
            ),
            qa("What is a rebalance?", Some("Partitions move.")),
        ]
    );
    // An introduction with an emoji after its `?`, above topics of questions.
    let text = "# Docker\n\n## Что внутри? 👇\n\nВопросы по темам.\n\n## Образы\n\n\
                ### Что такое образ?\n\nШаблон.\n\n### Что такое слой?\n\nДиф.\n";
    let (deck, _) = parse(text)?;
    let keys: Vec<String> = deck.cards().iter().map(|c| c.key.clone()).collect();
    assert_eq!(keys, ["1", "2"]);
    Ok(())
}

#[test]
fn labels_in_list_questions_and_their_answers_are_no_part_of_the_text() -> Result<(), ParseError> {
    let text = "# SQL\n\n## Joins\n\n- **Q:** What does a LEFT JOIN return?\n  **A:** All left rows.\n\
                - **Q:** What is a self join?\n  **A:** A table joined with itself.\n\n## REST\n\n\
                1. What is REST?\n   Answer: An architectural style.\n\
                2. What is idempotence?\n   Answer: The same effect twice.\n";
    assert_eq!(
        asked(text)?,
        [
            qa("What does a LEFT JOIN return?", Some("All left rows.")),
            qa("What is a self join?", Some("A table joined with itself.")),
            qa("What is REST?", Some("An architectural style.")),
            qa("What is idempotence?", Some("The same effect twice.")),
        ]
    );
    Ok(())
}

#[test]
fn the_large_github_guides_read_clean_under_their_table_of_contents() -> Result<(), ParseError> {
    let text = "# Vue Interview Questions\n\n### Table of Contents\n\n| No. | Questions |\n\
                | --- | --------- |\n| 1 | [What is Vue?](#what-is-vue) |\n\n\
                1. ### What is Vue?\n\n    A progressive framework.\n\n    \
                **[⬆ Back to Top](#table-of-contents)**\n\n\
                2. **What is a computed property?**\n\n    A cached derived value.\n";
    let (deck, _) = parse(text)?;
    let topics: Vec<&str> = deck.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(topics, ["Vue Interview Questions"]);
    assert_eq!(
        asked(text)?,
        [
            qa("What is Vue?", Some("A progressive framework.")),
            qa(
                "What is a computed property?",
                Some("A cached derived value.")
            ),
        ]
    );
    Ok(())
}

#[test]
fn weaker_signs_do_not_turn_a_guide_of_other_questions_into_headings() -> Result<(), ParseError> {
    // A section named with an asking verb over list questions, an emoji after an intro's
    // `?`, a footer that starts with a verb: the list questions are the guide's.
    let text = "# Concurrency\n\n## Why Kafka? 🚀\n\nAn intro.\n\n## Locks\n\n\
                1. What is a mutex?\n2. What is a spinlock?\n\n## Compare and swap (CAS)\n\n\
                1. What is the ABA problem?\n2. Is CAS lock-free?\n\n## Напишите нам письмо\n\nПочта.\n";
    let (deck, warnings) = parse(text)?;
    assert_eq!(warnings, vec![]);
    let questions: Vec<&str> = deck.cards().iter().map(|c| c.question).collect();
    assert_eq!(
        questions,
        [
            "What is a mutex?",
            "What is a spinlock?",
            "What is the ABA problem?",
            "Is CAS lock-free?"
        ]
    );
    // `EXPLAIN ANALYZE` is a keyword, not a verb that asks.
    let text =
        "# SQL\n\n### What is an index?\n\nA lookup.\n\n### EXPLAIN ANALYZE output\n\nRead it.\n";
    assert_eq!(asked(text)?.len(), 1);
    Ok(())
}

#[test]
fn a_marker_with_words_of_its_own_is_a_questions_affair_only() -> Result<(), ParseError> {
    // Outside a question it is text, not an error; inside one it opens the follow-ups
    // and leaves the guide's answers where they are, its own question's too.
    let text = "# Go\n\n## 1. What is a goroutine?\n\nA light thread.\n\n## 2. What is a channel?\n\n\
                A typed pipe.\n\n**Possible follow-ups:**\n\n1. What is a nil channel?\n\n\
                ## Что дальше\n\n**Дополнительные вопросы для самопроверки:**\n\n1. Что такое дескриптор?\n";
    let (deck, _) = parse(text)?;
    let keys: Vec<String> = deck.cards().iter().map(|c| c.key.clone()).collect();
    assert_eq!(keys, ["1", "2", "2.1"]);
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card("What is a goroutine?", None, Some("A light thread.")),
            card("What is a channel?", None, Some("A typed pipe.")),
        ]
    );
    Ok(())
}

#[test]
fn italics_name_a_label_only_around_its_colon() -> Result<(), ParseError> {
    // `*Q*: the query matrix` names a variable in a list guide's answer.
    let text = "# ML\n\n1. What is attention?\n\n   Weights over tokens:\n\n\
                *Q*: the query matrix.\n*K*: the key matrix.\n\n2. What is a transformer?\n";
    let questions: Vec<String> = asked(text)?.into_iter().map(|(q, _)| q).collect();
    assert_eq!(questions, ["What is attention?", "What is a transformer?"]);
    Ok(())
}

#[test]
fn a_label_heading_over_a_q_pair_or_a_lead_in_is_no_question_of_its_own() -> Result<(), ParseError>
{
    let text = "# JS\n\n## Question 1\n\n**Q:** What is a closure?\n\n**A:** A function with \
                its scope.\n\n## Question 2\n\n**Q:** What is hoisting?\n\n**A:** Moving up.\n";
    assert_eq!(
        asked(text)?,
        [
            qa("What is a closure?", Some("A function with its scope.")),
            qa("What is hoisting?", Some("Moving up.")),
        ]
    );
    Ok(())
}

#[test]
fn a_link_to_a_section_that_only_sounds_like_top_stays() -> Result<(), ParseError> {
    let text = "# Kafka\n\n### What is a topic?\n\nA named log.\n\n[Kafka topics and partitions](#topics)\n\n\
                ### What is a partition?\n\nA shard.\n";
    assert_eq!(
        asked(text)?[0],
        qa(
            "What is a topic?",
            Some("A named log.\n\n[Kafka topics and partitions](#topics)")
        )
    );
    Ok(())
}

#[test]
fn html_comments_are_no_part_of_any_card() -> Result<(), ParseError> {
    // A note to self under an answer, a commented-out question (whose number a later one
    // takes), and an HTML snippet with a comment inside code, which stays.
    let (deck, _) = parse(
        "# Kotlin\n\n## Основы\n\n### 1. Чем `val` отличается от `var`?\n\n\
         `val` — только для чтения.\n\n<!--\nTODO: дописать про lateinit\n-->\n\n\
         <!-- ### 2. Что такое reified? -->\n\n<!--\n### 2. Что такое inline?\nчерновик\n-->\n\n\
         ### 2. Как вставить комментарий в HTML?\n\n```html\n<!-- скрыто -->\n```\n",
    )?;
    assert_cards(
        &deck,
        &[
            (
                "1",
                "Чем `val` отличается от `var`?",
                Some("`val` — только для чтения."),
            ),
            (
                "2",
                "Как вставить комментарий в HTML?",
                Some("```html\n<!-- скрыто -->\n```"),
            ),
        ],
    );
    // An unclosed comment hides nothing: the rest of the document is read.
    let (deck, _) = parse("# T\n\n### 1. Что такое GIL?\n\n<!-- черновик\n\nБлокировка.\n")?;
    assert_cards(&deck, &[("1", "Что такое GIL?", Some("Блокировка."))]);
    Ok(())
}

#[test]
fn answer_labels_after_an_emoji_in_italics_or_with_an_aside() -> Result<(), ParseError> {
    // A guide with follow-up markers: an unlabelled answer would stay on the front.
    let (deck, _) = parse(
        "# Redis\n\n### 1. What is Redis?\n\n✅ **Answer:** An in-memory data store.\n\n\
         ### 2. What is AOF?\n\n*Answer:* The append-only file.\n\n\
         ### 3. Что такое RDB?\n\n💡 Ответ: Снимок данных.\n\n\
         ### 4. Что такое TTL?\n\n**Ответ (кратко):** Время жизни ключа.\n\n\
         **Follow-up questions:**\n1. How often is the AOF fsynced?\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is Redis?", Some("An in-memory data store.")),
            ("2", "What is AOF?", Some("The append-only file.")),
            ("3", "Что такое RDB?", Some("Снимок данных.")),
            ("4", "Что такое TTL?", Some("Время жизни ключа.")),
            ("4.1", "How often is the AOF fsynced?", None),
        ],
    );
    Ok(())
}

#[test]
fn question_labels_with_a_number_sign_or_an_emoji() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Linux\n\n**Вопрос №1:** Что такое файловый дескриптор?\n**Ответ:** Число.\n\n\
         **Вопрос № 2.** Что означает load average?\n**Ответ:** Длина очереди.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Что такое файловый дескриптор?", Some("Число.")),
            ("2", "Что означает load average?", Some("Длина очереди.")),
        ],
    );
    let (deck, _) = parse(
        "❓ Вопрос: Что такое inode?\n✅ Ответ: Запись о файле.\n\n\
         **❓ Question #2:** What is a zombie process?\n**✅ Answer:** One that exited unreaped.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Что такое inode?", Some("Запись о файле.")),
            (
                "2",
                "What is a zombie process?",
                Some("One that exited unreaped."),
            ),
        ],
    );
    Ok(())
}

#[test]
fn a_footer_after_one_rule_at_the_end_is_no_answer_unless_rules_part_answers()
-> Result<(), ParseError> {
    let guide = |second: &str| {
        format!(
            "# Python\n\n### 1. Что такое GIL?\n\n{second}\n\n### 2. Что такое декоратор?\n\n\
             Функция, оборачивающая другую.\n\n---\n\n\
             Подписывайтесь на канал [@pythonist_ru](https://t.me/pythonist_ru)!\n"
        )
    };
    let (deck, _) = parse(&guide("Блокировка интерпретатора."))?;
    assert_cards(
        &deck,
        &[
            ("1", "Что такое GIL?", Some("Блокировка интерпретатора.")),
            (
                "2",
                "Что такое декоратор?",
                Some("Функция, оборачивающая другую."),
            ),
        ],
    );
    // Where an answer before goes on past a rule, the last one may too: nothing is cut.
    let (deck, _) = parse(&guide("Блокировка.\n\n---\n\nВ 3.13 её можно отключить."))?;
    assert_eq!(
        deck.cards()[1].answer,
        Some(
            "Функция, оборачивающая другую.\n\n\n\
             Подписывайтесь на канал [@pythonist_ru](https://t.me/pythonist_ru)!"
        )
    );
    Ok(())
}

#[test]
fn follow_up_lists_under_labels_that_name_them_otherwise() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Go\n\n### 1. Как избежать гонки данных?\n\n**Ответ:** Мьютексы, каналы.\n\n\
         **Вопросы с подвохом:**\n1. Безопасна ли запись в `map` из двух горутин?\n   \
         **Ответ:** Нет.\n2. Потокобезопасен ли `append`?\n\n\
         ### 2. Что такое etcd?\n\n**Ответ:** Хранилище.\n\n**Доп. вопросы:**\n1. Что такое Raft?\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Как избежать гонки данных?", Some("Мьютексы, каналы.")),
            (
                "1.1",
                "Безопасна ли запись в `map` из двух горутин?",
                Some("Нет."),
            ),
            ("1.2", "Потокобезопасен ли `append`?", None),
            ("2", "Что такое etcd?", Some("Хранилище.")),
            ("2.1", "Что такое Raft?", None),
        ],
    );
    // As a section's title, the same words name main questions.
    let (deck, _) = parse(
        "# Python\n\n## Вопросы с подвохом\n\n### 1. Что вернёт `0.1 + 0.2 == 0.3`?\n\n`False`.\n",
    )?;
    assert_eq!(topic_names(&deck), ["Вопросы с подвохом"]);
    assert_cards(
        &deck,
        &[("1", "Что вернёт `0.1 + 0.2 == 0.3`?", Some("`False`."))],
    );
    Ok(())
}

#[test]
fn an_answer_label_indented_in_the_answers_own_list_is_part_of_it() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Go\n\n### 1. Какие ловушки есть у `map`?\n\n**Ответ:** Несколько.\n\n\
         **Каверзные моменты:**\n1. Запись из двух горутин.\n   **Ответ:** `fatal error`.\n",
    )?;
    assert_cards(
        &deck,
        &[(
            "1",
            "Какие ловушки есть у `map`?",
            Some(
                "Несколько.\n\n**Каверзные моменты:**\n1. Запись из двух горутин.\n   \
                 **Ответ:** `fatal error`.",
            ),
        )],
    );
    Ok(())
}

#[test]
fn details_answers_under_bold_and_labelled_questions() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# TypeScript\n\n**1. What does `never` mean?**\n\n<details>\n<summary>Answer</summary>\n\n\
         A type with no values.\n\n</details>\n\n**2. What is a generic constraint?**\n\n\
         <details><summary>Show answer</summary>\n\n`T extends X`.\n</details>\n\n\
         Q: What is `unknown`?\nA: A safe `any`.\n",
    )?;
    assert_cards(
        &deck,
        &[
            (
                "1",
                "What does `never` mean?",
                Some("A type with no values."),
            ),
            ("2", "What is a generic constraint?", Some("`T extends X`.")),
            ("3", "What is `unknown`?", Some("A safe `any`.")),
        ],
    );
    Ok(())
}

#[test]
fn bold_numbered_questions_may_ask_by_their_verb_and_keep_their_number_as_key()
-> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Python\n\n**1. What is a list?** A mutable sequence.\n\n\
         **2. What is a tuple?** An immutable sequence.\n\n\
         **3. Explain the GIL.** A mutex that lets one thread run at a time.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is a list?", Some("A mutable sequence.")),
            ("2", "What is a tuple?", Some("An immutable sequence.")),
            (
                "3",
                "Explain the GIL.",
                Some("A mutex that lets one thread run at a time."),
            ),
        ],
    );
    // On a line of its own, a verb is not enough: `**1. Describe the situation.**` numbers
    // the steps of an answer as often.
    let (deck, _) = parse(
        "# Interviews\n\nQ: How do you answer a behavioural question?\nA: Use STAR:\n\n\
         **1. Describe the situation.**\n\n**2. Explain what you did.**\n\n\
         Q: What is a strength?\nA: Honesty.\n",
    )?;
    let keys: Vec<String> = deck.cards().iter().map(|c| c.key.clone()).collect();
    assert_eq!(keys, ["1", "2"]);
    Ok(())
}

#[test]
fn one_question_under_a_follow_up_marker_without_a_list_is_the_follow_up() -> Result<(), ParseError>
{
    // The singular marker tells nothing of the whole guide: its text under questions stays
    // their answers.
    for marker in ["#### Follow-up", "**Follow-up:**"] {
        let (deck, warnings) = parse(&format!(
            "# System design\n\n### 1. How would you design a URL shortener?\n\n\
             Base62 IDs in a key-value store.\n\n{marker}\n\n\
             What happens if two users shorten the same URL?\n\n\
             ### 2. How would you design a rate limiter?\n\nToken bucket in Redis.\n"
        ))?;
        assert_eq!(warnings, vec![], "{marker}");
        assert_cards(
            &deck,
            &[
                (
                    "1",
                    "How would you design a URL shortener?",
                    Some("Base62 IDs in a key-value store."),
                ),
                (
                    "1.1",
                    "What happens if two users shorten the same URL?",
                    None,
                ),
                (
                    "2",
                    "How would you design a rate limiter?",
                    Some("Token bucket in Redis."),
                ),
            ],
        );
    }
    Ok(())
}

#[test]
fn a_details_summary_over_several_lines_asks_its_question() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Linux\n\n<details>\n<summary>What is a process?</summary>\n\nA running program.\n</details>\n\n\
         <details>\n<summary>\nWhat is the difference between a process\nand a thread?\n</summary>\n\n\
         Threads share memory.\n</details>\n\n\
         <details><summary>What do these commands do?\n\n  * ls\n</summary>\n\nLists files.\n</details>\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is a process?", Some("A running program.")),
            (
                "2",
                "What is the difference between a process and a thread?",
                Some("Threads share memory."),
            ),
            ("3", "What do these commands do? * ls", Some("Lists files.")),
        ],
    );
    Ok(())
}

#[test]
fn numbers_with_an_escaped_dot_number_list_questions() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Python\n\n1\\. Что такое GIL?\n\nГлобальная блокировка.\n\n\
         2\\. Что такое декоратор?\n\nФункция над функцией.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Что такое GIL?", Some("Глобальная блокировка.")),
            ("2", "Что такое декоратор?", Some("Функция над функцией.")),
        ],
    );
    Ok(())
}

#[test]
fn answer_labels_ending_in_a_dot_or_a_dash() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# T\n\n### 1. What is a list?\n\n**Ans.** A mutable sequence.\n\n### 2. What is a set?\n\n\
         Ans. Unique values.\n\n### 3. What is a dict?\n\n**Answer -** A map.\n\n\
         **Follow-ups:**\n1. Why?\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is a list?", Some("A mutable sequence.")),
            ("2", "What is a set?", Some("Unique values.")),
            ("3", "What is a dict?", Some("A map.")),
            ("3.1", "Why?", None),
        ],
    );
    let (deck, _) = parse(
        "Q1. What is encapsulation?\nAns. Hiding state.\n\nQ2. What is a mixin?\nAns. A partial class.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is encapsulation?", Some("Hiding state.")),
            ("2", "What is a mixin?", Some("A partial class.")),
        ],
    );
    Ok(())
}

#[test]
fn a_question_tables_grade_column_gives_levels() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# SQL\n\n| Вопрос | Ответ | Грейд |\n|---|---|---|\n\
         | Что такое индекс? | Структура для поиска. | Junior |\n| Что такое MVCC? | Версии строк. | Middle |\n",
    )?;
    let levels: Vec<Option<Level>> = deck.cards().iter().map(|c| c.level).collect();
    assert_eq!(levels, [Some(Level::Junior), Some(Level::Middle)]);
    Ok(())
}

#[test]
fn list_items_that_request_are_questions() -> Result<(), ParseError> {
    // A section of requests was dropped without a word, its questions with it.
    let (deck, _) = parse(
        "# Бэкенд\n\n## Базы данных\n\n1. Расскажите про индексы.\n\
         2. Объясните, что такое нормализация.\n3. Что такое deadlock?\n\n\
         ## Задачи\n\n1. Напишите запрос, который найдёт вторую зарплату.\n\
         2. Выведите отделы, где больше 5 сотрудников.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1-1", "Расскажите про индексы.", None),
            ("1-2", "Объясните, что такое нормализация.", None),
            ("1-3", "Что такое deadlock?", None),
            (
                "2-1",
                "Напишите запрос, который найдёт вторую зарплату.",
                None,
            ),
            ("2-2", "Выведите отделы, где больше 5 сотрудников.", None),
        ],
    );
    let (deck, _) = parse(
        "# CSS\n\n* What is CSS selector specificity?\n* Describe floats and how they work.\n\
         * Explain CSS sprites.\n* What is a closure\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is CSS selector specificity?", None),
            ("2", "Describe floats and how they work.", None),
            ("3", "Explain CSS sprites.", None),
            ("4", "What is a closure", None),
        ],
    );
    // Bold requests answered below them: before, no questions at all.
    let (deck, _) = parse(
        "# Python\n\n1. **Explain the GIL.**\n\n   A mutex.\n\n\
         2. **Describe the MRO.**\n\n   C3 linearization.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Explain the GIL.", Some("A mutex.")),
            ("2", "Describe the MRO.", Some("C3 linearization.")),
        ],
    );
    // Bulleted requests answered at the margin: each request is the next question.
    let (deck, _) = parse(
        "# Python\n\n- Explain the GIL.\n\nA lock.\n\n- Describe the MRO.\n\nC3 order.\n\n\
         - What is a list?\n\nA sequence.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Explain the GIL.", Some("A lock.")),
            ("2", "Describe the MRO.", Some("C3 order.")),
            ("3", "What is a list?", Some("A sequence.")),
        ],
    );
    // A request's sub-list of statements answers it, as a question's does.
    let (deck, _) = parse(
        "# Python\n\n- Explain the GIL\n  - A lock on bytecode.\n\
         - Describe the MRO\n  - The C3 order.\n- What is a list?\n  - A sequence.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Explain the GIL", Some("- A lock on bytecode.")),
            ("2", "Describe the MRO", Some("- The C3 order.")),
            ("3", "What is a list?", Some("- A sequence.")),
        ],
    );
    Ok(())
}

#[test]
fn lists_that_neither_ask_nor_request_stay_out() -> Result<(), ParseError> {
    // Criteria in the third person, advice with one request, titles (`How to …`, `How it
    // works`), a label, a keyword in capitals: none is a question. Under a question, a
    // request led in to (`Чтобы ускорить:`) is part of its answer.
    let (deck, _) = parse(
        "# Гайд\n\n## Критерии оценки\n\n- Объясняет решения понятно.\n- Знает основы SQL.\n\
         - Пишет чистый код.\n\n## Рекомендации\n\n1. Напишите нам в Telegram.\n\
         2. Прочитайте документацию.\n3. Как установить зависимости\n\n\
         ## What you will learn\n\n- How to prepare for the interview\n\
         - How it works\n- Why tests matter\n\n## Notes\n\n- **Define**: a term's meaning.\n\
         - EXPLAIN ANALYZE shows the plan.\n- Generators are lazy.\n\n\
         ## Вопросы\n\n1. Что такое индекс?\n\nСтруктура для поиска.\n\n\
         2. Как ускорить запрос?\n\nЧтобы ускорить:\n\n- Implement caching of results.\n\
         - Add an index.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Что такое индекс?", Some("Структура для поиска.")),
            (
                "2",
                "Как ускорить запрос?",
                Some("Чтобы ускорить:\n\n- Implement caching of results.\n- Add an index."),
            ),
        ],
    );
    Ok(())
}

#[test]
fn a_list_or_code_alone_under_an_answered_list_question_is_its_answer() -> Result<(), ParseError> {
    // At the margin: the bullets were taken for questions, out of order.
    let (deck, _) = parse(
        "# Python\n\n1. What is a list?\n\nA mutable sequence.\n\n\
         2. What are the ways to copy a list?\n\n- `a[:]`\n- `a.copy()`\n\n\
         3. What is a dict?\n\nA hash map.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is a list?", Some("A mutable sequence.")),
            (
                "2",
                "What are the ways to copy a list?",
                Some("- `a[:]`\n- `a.copy()`"),
            ),
            ("3", "What is a dict?", Some("A hash map.")),
        ],
    );
    // Indented: the sub-list and the code stayed on the front, without an answer.
    let (deck, _) = parse(
        "# Python\n\n1. **What is a list?**\n\n   A mutable sequence.\n\n\
         2. **What are the benefits of tuples?**\n\n   - Immutable\n   - Hashable\n\n\
         3. **How do you reverse a string?**\n\n   ```python\n   s[::-1]\n   ```\n\n\
         4. **What is PEP 8?**\n\n   The style guide.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is a list?", Some("A mutable sequence.")),
            (
                "2",
                "What are the benefits of tuples?",
                Some("- Immutable\n- Hashable"),
            ),
            (
                "3",
                "How do you reverse a string?",
                Some("```python\ns[::-1]\n```"),
            ),
            ("4", "What is PEP 8?", Some("The style guide.")),
        ],
    );
    let (deck, _) = parse(
        "# SQL\n\n1. Что такое первичный ключ?\n   Столбец-идентификатор.\n\
         2. Какие бывают виды JOIN?\n   - `INNER JOIN`;\n   - `LEFT JOIN`.\n\
         3. Чем `WHERE` отличается от `HAVING`?\n   Фильтрует до группировки.\n",
    )?;
    assert_cards(
        &deck,
        &[
            (
                "1",
                "Что такое первичный ключ?",
                Some("Столбец-идентификатор."),
            ),
            (
                "2",
                "Какие бывают виды JOIN?",
                Some("- `INNER JOIN`;\n- `LEFT JOIN`."),
            ),
            (
                "3",
                "Чем `WHERE` отличается от `HAVING`?",
                Some("Фильтрует до группировки."),
            ),
        ],
    );
    Ok(())
}

#[test]
fn options_snippets_and_lists_before_text_stay_on_the_front() -> Result<(), ParseError> {
    // Among answered questions: options to choose from, a snippet whose output is asked,
    // lettered options, and a sub-list with text after it, are the question's.
    let (deck, _) = parse(
        "# Python\n\n1. What is a list?\n\n   A mutable sequence.\n\n\
         2. Which of the following are immutable?\n\n   - tuple\n   - str\n\n\
         3. What does this print?\n\n   ```python\n   print(1 + 1)\n   ```\n\n\
         4. What is mutable?\n\n   - a) list\n   - b) tuple\n\n\
         5. What are the benefits of tuples?\n\n   - Immutable\n   - Hashable\n\n   \
         Both make them keys.\n\n6. What is a dict?\n\n   A hash map.\n",
    )?;
    let fronts: Vec<(&str, Option<&str>, Option<&str>)> = deck
        .topics
        .iter()
        .flat_map(|t| &t.questions)
        .map(|q| (q.key.as_str(), q.body.as_deref(), q.answer.as_deref()))
        .collect();
    assert_eq!(
        fronts,
        [
            ("1", None, Some("A mutable sequence.")),
            ("2", Some("- tuple\n- str"), None),
            ("3", Some("```python\nprint(1 + 1)\n```"), None),
            ("4", Some("- a) list\n- b) tuple"), None),
            (
                "5",
                Some("- Immutable\n- Hashable\n\nBoth make them keys."),
                None
            ),
            ("6", None, Some("A hash map.")),
        ]
    );
    // Where no question is answered, a sub-list stays with its question.
    let (deck, _) = parse(
        "# P\n\n1. What is a list?\n2. What are the benefits of tuples?\n   - Immutable\n\
         \x20  - Hashable\n3. What is a dict?\n",
    )?;
    assert_eq!(
        find(&deck, "2").map(|q| (q.body.as_deref(), q.answer.is_none())),
        Some((Some("- Immutable\n- Hashable"), true))
    );
    Ok(())
}

#[test]
fn an_answer_label_after_a_list_questions_snippet_starts_its_answer() -> Result<(), ParseError> {
    // The label and its answer were on the front, with the snippet.
    let (deck, _) = parse(
        "# JS\n\n1. Что выведет код?\n\n   ```js\n   console.log(typeof null);\n   ```\n\n   \
         **Ответ:** `\"object\"`\n\n2. Что выведет код?\n\n   ```js\n   console.log(1);\n   \
         ```\n\n   Answer: `1`\n",
    )?;
    let cards: Vec<(&str, Option<&str>, Option<&str>)> = deck
        .topics
        .iter()
        .flat_map(|t| &t.questions)
        .map(|q| (q.key.as_str(), q.body.as_deref(), q.answer.as_deref()))
        .collect();
    assert_eq!(
        cards,
        [
            (
                "1",
                Some("```js\nconsole.log(typeof null);\n```"),
                Some("`\"object\"`")
            ),
            ("2", Some("```js\nconsole.log(1);\n```"), Some("`1`")),
        ]
    );
    Ok(())
}

#[test]
fn answer_callouts_and_a_notes_closing_tags() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# PostgreSQL\n\n### Что такое MVCC?\n\n> [!answer]- Ответ\n> Каждая транзакция видит свой снимок.\n\n\
         ### Что такое VACUUM?\n\n> [!note]+ Answer\n> Очистка мёртвых версий.\n>\n> Запускается autovacuum.\n\n\
         **Follow-ups:**\n1. Что такое HOT?\n\n#собеседование #postgres\n",
    )?;
    assert_cards(
        &deck,
        &[
            (
                "1",
                "Что такое MVCC?",
                Some("Каждая транзакция видит свой снимок."),
            ),
            (
                "2",
                "Что такое VACUUM?",
                Some("Очистка мёртвых версий.\n\nЗапускается autovacuum."),
            ),
            ("2.1", "Что такое HOT?", None),
        ],
    );
    // A callout of another kind is the question's own text.
    let (deck, _) = parse(
        "# T\n\n### 1. Что такое GIL?\n\n> [!warning] Осторожно\n> Только CPython.\n\n**Ответ:** Блокировка.\n",
    )?;
    assert_eq!(deck.cards()[0].answer, Some("Блокировка."));
    Ok(())
}

#[test]
fn questions_labelled_q_dot_and_answers_a_dot() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Networking\n\nQ. What is TCP?\nA. A reliable protocol.\n\n**Q.** What is UDP?\n**A.** A datagram protocol.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is TCP?", Some("A reliable protocol.")),
            ("2", "What is UDP?", Some("A datagram protocol.")),
        ],
    );
    // Without `Q.` questions, `A.` letters an option and stays with the question.
    let (deck, _) = parse(
        "# Quiz\n\nQ: Which is immutable?\n\nA. list\nB. tuple\n\nA: B\n\nQ: Which is ordered?\nA: list\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Which is immutable?", Some("B")),
            ("2", "Which is ordered?", Some("list")),
        ],
    );
    assert_eq!(
        find(&deck, "1").and_then(|q| q.body.as_deref()),
        Some("A. list\nB. tuple")
    );
    Ok(())
}

#[test]
fn blitz_lists_answer_after_a_dash_on_the_questions_line() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Блиц\n\n1. Что вернёт `typeof null`? — `\"object\"`.\n\
         2. Чем `let` отличается от `var`? - Блочной областью.\n\
         3. Что такое NaN?\n\n## HTTP\n\n- **Что такое HTTP/2?** — Бинарный протокол.\n\
         - **Что такое HTTP/3?** — QUIC.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1-1", "Что вернёт `typeof null`?", Some("`\"object\"`.")),
            (
                "1-2",
                "Чем `let` отличается от `var`?",
                Some("Блочной областью."),
            ),
            ("1-3", "Что такое NaN?", None),
            ("2-1", "Что такое HTTP/2?", Some("Бинарный протокол.")),
            ("2-2", "Что такое HTTP/3?", Some("QUIC.")),
        ],
    );
    Ok(())
}

#[test]
fn a_question_then_a_request_asks_wherever_it_stands() -> Result<(), ParseError> {
    // Last of the guide's question headings, with none after it to stand between.
    let text = "# SQL\n\n### Что такое первичный ключ?\n\nИдентификатор строки.\n\n\
                ### Что такое индекс? Приведите пример.\n\n`CREATE INDEX ON users(email);`\n";
    let (deck, _) = parse(text)?;
    assert_cards(
        &deck,
        &[
            (
                "1",
                "Что такое первичный ключ?",
                Some("Идентификатор строки."),
            ),
            (
                "2",
                "Что такое индекс? Приведите пример.",
                Some("`CREATE INDEX ON users(email);`"),
            ),
        ],
    );
    // Items of a list, most of which would not ask by their `?` alone.
    let text = "# SQL\n\n1. Что такое индекс? Приведите пример.\n\
                2. What is a transaction? Give an example.\n3. Чем `WHERE` отличается от `HAVING`?\n";
    let (deck, _) = parse(text)?;
    assert_cards(
        &deck,
        &[
            ("1", "Что такое индекс? Приведите пример.", None),
            ("2", "What is a transaction? Give an example.", None),
            ("3", "Чем `WHERE` отличается от `HAVING`?", None),
        ],
    );
    // A sentence after the `?` that requests nothing is a title's (`Why Go? A short history`).
    let text = "# Go\n\n### What is a goroutine?\n\nA light thread.\n\n\
                ### Why Go? A short history.\n\nIt started at Google.\n";
    let (deck, _) = parse(text)?;
    assert_cards(
        &deck,
        &[("1", "What is a goroutine?", Some("A light thread."))],
    );
    Ok(())
}

#[test]
fn a_heading_that_asks_weakly_at_a_sections_edge_is_no_question() -> Result<(), ParseError> {
    // A section's first or last heading that asks only by a verb or a question word is as
    // often its introduction or its closing words: only between questions does it ask.
    let text = "# Python\n\n## Basics\n\n### What is a list?\n\nA mutable sequence.\n\n\
                ### Explain the GIL.\n\nA mutex.\n\n### What is a set?\n\nUnique values.\n\n\
                ## Networking\n\n### Why is this important\n\nServices talk.\n\n\
                ### What is TCP?\n\nA reliable protocol.\n";
    let (deck, _) = parse(text)?;
    let cards = deck.cards();
    let keys: Vec<(&str, &str)> = cards.iter().map(|c| (c.key.as_str(), c.question)).collect();
    assert_eq!(
        keys,
        [
            ("1-1", "What is a list?"),
            ("1-2", "Explain the GIL."),
            ("1-3", "What is a set?"),
            ("2-1", "What is TCP?"),
        ]
    );
    // Under a question of a shallower level it is that question's sub-heading, not a
    // question of its own, whatever asks after it.
    let text = "# Guide\n\n## What is Kafka?\n\nA log.\n\n### Explain partitions and offsets\n\n\
                Split.\n\n## Python\n\n### What is a list?\n\nA sequence.\n\n\
                ### What is a dict?\n\nA mapping.\n";
    let questions: Vec<String> = asked(text)?.into_iter().map(|(q, _)| q).collect();
    assert_eq!(
        questions,
        ["What is Kafka?", "What is a list?", "What is a dict?"]
    );
    Ok(())
}

#[test]
fn an_answer_sub_heading_under_a_heading_makes_it_a_question() -> Result<(), ParseError> {
    let text = "# Python\n\n### Explain the GIL\n\n#### Answer\n\nA mutex.\n\n\
                ### What is a list?\n\n#### Answer\n\nA mutable sequence.\n";
    let (deck, _) = parse(text)?;
    assert_cards(
        &deck,
        &[
            ("1", "Explain the GIL", Some("A mutex.")),
            ("2", "What is a list?", Some("A mutable sequence.")),
        ],
    );
    Ok(())
}

#[test]
fn a_heading_that_asks_by_its_first_word_without_a_question_mark() -> Result<(), ParseError> {
    // A guide none of whose headings ends with `?`.
    let text = "# JavaScript\n\n### What is a prototype chain\n\nObjects inherit.\n\n\
                ### How do you clone an object\n\nWith `structuredClone`.\n\n\
                ### Что такое замыкание\n\nФункция с окружением.\n";
    let questions: Vec<String> = asked(text)?.into_iter().map(|(q, _)| q).collect();
    assert_eq!(
        questions,
        [
            "What is a prototype chain",
            "How do you clone an object",
            "Что такое замыкание"
        ]
    );
    // Headings written into list items, as sudheerj's guides do.
    let text = "# JavaScript\n\n1. ### What is a prototype chain\n\n   Objects inherit.\n\n\
                2. ### What is the difference between call, apply and bind\n\n   `bind` returns a function.\n";
    let (deck, _) = parse(text)?;
    assert_cards(
        &deck,
        &[
            ("1", "What is a prototype chain", Some("Objects inherit.")),
            (
                "2",
                "What is the difference between call, apply and bind",
                Some("`bind` returns a function."),
            ),
        ],
    );
    // Most of a guide's questions so, a few with `?`: the first and the last ask too.
    let text = "# JS\n\n### What is a prototype chain\n\nObjects inherit.\n\n\
                ### What is a closure?\n\nA function with its scope.\n\n\
                ### How do you clone an object\n\nWith `structuredClone`.\n\n\
                ### Which keyword declares a constant\n\n`const`.\n";
    assert_eq!(asked(text)?.len(), 4);
    Ok(())
}

#[test]
fn titles_and_sub_headings_that_start_with_a_question_word_ask_nothing() -> Result<(), ParseError> {
    // Sub-headings of a question stay part of it, even when most of them ask so.
    let text = "# Kafka\n\n## What is Kafka?\n\nA log.\n\n### How does it scale out\n\n\
                Partitions.\n\n### How it works\n\nBrokers.\n\n## What is a broker?\n\nA server.\n";
    let questions: Vec<String> = asked(text)?.into_iter().map(|(q, _)| q).collect();
    assert_eq!(questions, ["What is Kafka?", "What is a broker?"]);
    // Titles phrased with a question word (`How it works`, `How to …`, `How DNS works`,
    // `Как пользоваться …`, `Что почитать`) in a document with no questions: none is one.
    let text = "# Notes\n\n## How it works\n\nText.\n\n## How to contribute to this guide\n\n\
                Text.\n\n## How DNS works\n\nText.\n\n## Как пользоваться этим гайдом\n\nТекст.\n\n\
                ## Что почитать\n\nКниги.\n";
    let message = error_message(text.as_bytes());
    assert!(message.contains("no questions found"), "{message}");
    Ok(())
}

#[test]
fn a_heading_that_asks_above_the_topics_before_or_after_them_is_no_question()
-> Result<(), ParseError> {
    // An introduction and closing sections at the topics' level: the questions keep the
    // keys they would have without them.
    let text = "# Вопросы по Go\n\n## Для кого эта статья?\n\nДля кандидатов.\n\n## Вопросы\n\n\
                ### 1. Что такое горутина?\n\nЛёгкий поток.\n\n### 2. Что такое канал?\n\nТруба.\n\n\
                ## Что почитать?\n\n- [Effective Go](https://go.dev/doc/effective_go)\n\n\
                ## Есть вопросы?\n\nПишите.\n";
    let (deck, _) = parse(text)?;
    assert_cards(
        &deck,
        &[
            ("1", "Что такое горутина?", Some("Лёгкий поток.")),
            ("2", "Что такое канал?", Some("Труба.")),
        ],
    );
    let topics: Vec<&str> = deck.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(topics, ["Вопросы"]);
    let (deck, _) = parse(
        "# Backend\n\n## Why this guide?\n\nI failed ten interviews.\n\n## Python\n\n\
         ### What is a virtualenv?\n\nAn isolated environment.\n\n### What is pip?\n\nThe installer.\n",
    )?;
    assert_cards(
        &deck,
        &[
            (
                "1",
                "What is a virtualenv?",
                Some("An isolated environment."),
            ),
            ("2", "What is pip?", Some("The installer.")),
        ],
    );
    // A guide's first questions at `##`, three before its topics, are questions.
    let text = "# Backend\n\n## What is a cache?\n\nA copy.\n\n## What is a CDN?\n\nEdge caches.\n\n\
                ## How to solve cache penetration?\n\nBloom filters.\n\n## Python\n\n\
                ### What is pip?\n\nThe installer.\n\n### What is a wheel?\n\nA package.\n";
    assert_eq!(asked(text)?.len(), 5);
    // A heading that asks over questions of its own is no topic to stand above.
    let text = "# Node.js\n\n## Q. What is Node.js?\n\nA runtime.\n\n\
                ## Q. What are the core modules?\n\n#### Q. What is callback hell?\n\n\
                #### Q. What is an event emitter?\n";
    let questions: Vec<String> = asked(text)?.into_iter().map(|(q, _)| q).collect();
    assert_eq!(questions[0], "What is Node.js?");
    Ok(())
}

#[test]
fn questions_numbered_at_the_deepest_levels_in_a_guide_of_no_others() -> Result<(), ParseError> {
    // Lydia Hallie's layout: the snippet and the options are the front, the `<details>`
    // the back, its `#### Answer: B` shallower than the question and still its own.
    let text = "# JavaScript Questions\n\n###### 1. What's the output?\n\n\
                ```javascript\nconsole.log(typeof null);\n```\n\n- A: `\"null\"`\n- B: `\"object\"`\n\n\
                <details><summary><b>Answer</b></summary>\n<p>\n\n#### Answer: B\n\n\
                For historical reasons.\n\n</p>\n</details>\n\n---\n\n\
                ###### 2. What's the output?\n\n```javascript\nconsole.log(0.1 + 0.2 === 0.3);\n```\n\n\
                - A: `true`\n- B: `false`\n\n<details><summary><b>Answer</b></summary>\n<p>\n\n\
                #### Answer: B\n\nRounding.\n\n</p>\n</details>\n";
    assert_eq!(
        fronts_and_backs(text)?,
        [
            card(
                "What's the output?",
                Some(
                    "```javascript\nconsole.log(typeof null);\n```\n\n- A: `\"null\"`\n- B: `\"object\"`"
                ),
                Some("#### Answer: B\n\nFor historical reasons.")
            ),
            card(
                "What's the output?",
                Some(
                    "```javascript\nconsole.log(0.1 + 0.2 === 0.3);\n```\n\n- A: `true`\n- B: `false`"
                ),
                Some("#### Answer: B\n\nRounding.")
            ),
        ]
    );
    // Beside questions at the usual levels, a numbered `#####` heading is a label in an
    // answer.
    let text = "# Parsing\n\n### What is a parser?\n\nIt reads.\n\n##### 1. Tokenize\n\nSplit.\n\n\
                ##### 2. Build a tree\n\nNodes.\n\n### What is a lexer?\n\nIt splits.\n";
    let questions: Vec<String> = asked(text)?.into_iter().map(|(q, _)| q).collect();
    assert_eq!(questions, ["What is a parser?", "What is a lexer?"]);
    Ok(())
}

#[test]
fn second_readers_cases_stay_as_they_were() -> Result<(), ParseError> {
    let questions = |text: &str| -> Result<Vec<String>, ParseError> {
        Ok(parse(text)?
            .0
            .cards()
            .iter()
            .map(|c| c.question.to_string())
            .collect())
    };
    // Advice in a guide that asks elsewhere is no list of questions.
    assert_eq!(
        questions(
            "# JS\n\n## Core\n\n1. What is a closure?\n2. What is hoisting?\n\n## Interview tips\n\n\
             - Write clean code.\n- List your projects on GitHub.\n- Name things clearly.\n"
        )?,
        ["What is a closure?", "What is hoisting?"]
    );
    // Nor feedback that asks the reader.
    assert_eq!(
        questions(
            "# Python\n\n## Основы\n\n- Что такое GIL?\n- Что такое декоратор?\n\n## Обратная связь\n\n\
             - Нашли ошибку? Напишите нам в телеграм.\n- Хотите добавить вопрос? Опишите его в issue.\n"
        )?,
        ["Что такое GIL?", "Что такое декоратор?"]
    );
    // Deep numbered steps of a tutorial are not its questions.
    assert_eq!(
        questions(
            "# Docker\n\n## Questions\n\n1. What is Docker?\n2. What is an image?\n\n## Start\n\n\
             ##### 1. Install Docker\n\nSee the docs.\n\n##### 2. Run hello-world\n\nRun it.\n"
        )?,
        ["What is Docker?", "What is an image?"]
    );
    // A `?` heading before the topics that asks about the subject is a question.
    assert_eq!(
        questions(
            "# Docker Q&A\n\n## What is Docker?\n\nA platform.\n\n## Basics\n\n### What is an image?\n\n\
             A template.\n\n### What is a container?\n\nA running image.\n"
        )?,
        [
            "What is Docker?",
            "What is an image?",
            "What is a container?"
        ]
    );
    // A second question after a dash is no answer.
    let (deck, _) =
        parse("# Py\n\n1. Что такое метакласс? — и зачем он нужен?\n2. Что такое GIL?\n")?;
    assert_eq!(
        deck.cards()[0].question,
        "Что такое метакласс? — и зачем он нужен?"
    );
    assert_eq!(deck.cards()[0].answer, None);
    // An `Example` block after a bold question's answer is part of it; a hint before `A:`
    // stays on the front.
    let (deck, _) = parse(
        "# Py\n\n**1. What is a decorator?**\n\nA wrapper.\n\n<details><summary>Example</summary>\n\n\
         `@cache`\n</details>\n\n**2. What is a generator?**\n\nA lazy iterator.\n",
    )?;
    assert_eq!(
        deck.cards()[0].answer.map(|a| a.starts_with("A wrapper.")),
        Some(true)
    );
    let (deck, _) = parse(
        "**Q1: What does `bool([])` return?**\n\n<details><summary>Hint</summary>\nEmpty.\n</details>\n\n\
         **A:** `False`.\n\n**Q2: What is `[] == False`?**\n\n**A:** `False`.\n",
    )?;
    assert_eq!(deck.cards()[0].answer, Some("`False`."));
    // An Answer column wins over a Description one.
    let (deck, _) = parse(
        "# T\n\n| # | Question | Description | Answer |\n|---|---|---|---|\n\
         | 1 | What is a JOIN? | Basics | Combines rows. |\n| 2 | What is an index? | Speed | A lookup. |\n",
    )?;
    assert_eq!(deck.cards()[0].answer, Some("Combines rows."));
    // Quotes and bullets before a label are text, not an emoji.
    let (deck, _) = parse(
        "# T\n\n### 1. Как отвечать о зарплате?\n\n«Ответ: сколько дадите» — не стоит.\n\n\
         **Ответ:** назовите вилку.\n\n**Follow-ups:**\n1. А если настаивают?\n",
    )?;
    assert_eq!(deck.cards()[0].answer, Some("назовите вилку."));
    // A code task's snippet stays on its front in an answered section.
    let (deck, _) = parse(
        "# T\n\n## Tasks\n\n1. What is a list?\n\n   A sequence.\n\n2. What is a tuple?\n\n   Immutable.\n\n\
         3. Where is the bug?\n\n   ```python\n   def f(x=[]): ...\n   ```\n",
    )?;
    assert_eq!(deck.cards()[2].answer, None);
    Ok(())
}

#[test]
fn a_title_between_numbered_questions_is_the_one_aboves() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Asyncio\n\n### 1. Что такое event loop?\n\nЦикл корутин.\n\n### Пример\n\n\
         ```python\nasyncio.run(main())\n```\n\n### 2. Можно ли блокировать в корутине?\n\nНельзя.\n",
    )?;
    assert_cards(
        &deck,
        &[
            (
                "1",
                "Что такое event loop?",
                Some("Цикл корутин.\n\n### Пример\n\n```python\nasyncio.run(main())\n```"),
            ),
            ("2", "Можно ли блокировать в корутине?", Some("Нельзя.")),
        ],
    );
    Ok(())
}

#[test]
fn numbers_before_a_dash_or_colon_and_anchors_before_headings() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Python\n\n### 1 - Reverse a string\n\nSlice it.\n\n### 2: Check a palindrome\n\n\
         Compare.\n\n### <a name=\"q3\"></a>3. What is a list?\n\nA sequence.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Reverse a string", Some("Slice it.")),
            ("2", "Check a palindrome", Some("Compare.")),
            ("3", "What is a list?", Some("A sequence.")),
        ],
    );
    // A year is no question's number.
    let (deck, _) =
        parse("# News\n\n## 2024 - Year in review\n\n### 1. What changed?\n\nA lot.\n")?;
    assert_eq!(topic_names(&deck), ["2024 - Year in review"]);
    Ok(())
}

#[test]
fn a_q_dot_label_is_no_part_of_a_heading_question() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Node\n\n## Q. What is Node.js?\n\nA runtime.\n\n## Q. What is npm?\n\nA package manager.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is Node.js?", Some("A runtime.")),
            ("2", "What is npm?", Some("A package manager.")),
        ],
    );
    Ok(())
}

#[test]
fn a_second_marker_makes_a_heading_a_section_above_its_level() -> Result<(), ParseError> {
    // learning-zone's guides: `## # 1. INTRODUCTION` sections among `## Q. …` questions.
    let (deck, _) = parse(
        "# Node.js Interview Questions\n\n## Table of Contents\n\n* [Introduction](#-1-introduction)\n\n\
         ## # 1. INTRODUCTION\n\n<br/>\n\n## Q. What is Node.js?\n\nA runtime.\n\n\
         ## Q. What is npm?\n\nA package manager.\n\n## # 2. NODE.JS SETUP\n\n<br/>\n\n\
         ## Q. How to create a server?\n\nWith `http.createServer`.\n",
    )?;
    assert_eq!(topic_names(&deck), ["INTRODUCTION", "NODE.JS SETUP"]);
    assert_eq!(
        deck.cards().iter().map(|c| c.question).collect::<Vec<_>>(),
        [
            "What is Node.js?",
            "What is npm?",
            "How to create a server?"
        ]
    );
    assert_eq!(deck.cards()[2].answer, Some("With `http.createServer`."));
    // A `#` that opens no second marker stays the heading's text.
    let (deck, _) = parse(
        "# C\n\n## #include and macros\n\n### 1. What does #include do?\n\nCopies a file in.\n",
    )?;
    assert_eq!(topic_names(&deck), ["#include and macros"]);
    Ok(())
}

#[test]
fn questions_numbered_one_every_time_are_numbered_in_order() -> Result<(), ParseError> {
    // markdownlint's "one" style: Markdown counts `1.` `1.` `1.` on by itself.
    let (deck, warnings) = parse(
        "# Java\n\n1. What is the JVM?\n\n   Runs bytecode.\n\n1. What is the JRE?\n\n   The runtime.\n\n\
         1. What is the JDK?\n\n   The dev kit.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is the JVM?", Some("Runs bytecode.")),
            ("2", "What is the JRE?", Some("The runtime.")),
            ("3", "What is the JDK?", Some("The dev kit.")),
        ],
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let (deck, _) = parse(
        "# Java\n\n### 1. What is the JVM?\n\nRuns bytecode.\n\n### 1. What is the JRE?\n\nThe runtime.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is the JVM?", Some("Runs bytecode.")),
            ("2", "What is the JRE?", Some("The runtime.")),
        ],
    );
    Ok(())
}

#[test]
fn heading_questions_as_exports_and_web_pages_write_them() -> Result<(), ParseError> {
    // Medium's escaped dot, a no-break space from a web page, an anchor after the text.
    let (deck, _) = parse(
        "# Go\n\n## Basics\n\n## 1\\. What is a slice?\n\nA view over an array.\n\n\
         ## 2)\u{a0}What is a map?\n\nA hash table.\n\n## Concurrency\n\n\
         ### What is a channel?\n\nA typed conduit.\n\n\
         ### What does defer do? <a name=\"defer\"></a>\n\nRuns a call on return.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1-1", "What is a slice?", Some("A view over an array.")),
            ("1-2", "What is a map?", Some("A hash table.")),
            ("2-1", "What is a channel?", Some("A typed conduit.")),
            ("2-2", "What does defer do?", Some("Runs a call on return.")),
        ],
    );
    Ok(())
}

#[test]
fn answers_labelled_as_reviewers_and_behavioural_guides_label_them() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# React\n\n### 1. Что такое Virtual DOM?\n**Разбор:** Лёгкое представление DOM.\n\
         **Углубляющие вопросы:**\n1. Почему сравнение O(n)?\n\n\
         ### 2. Что такое HOC?\n**Развёрнутый ответ:** Функция над компонентом.\n\n\
         ### 3. Что такое портал?\n**Ответ:**\u{a0}— `createPortal` в другой узел.\n\n\
         ### 4. Что такое Suspense?\nОтвет — ожидание с fallback.\n\n\
         ### Tell me about a project you are proud of.\n**Example answer:** The auth migration.\n",
    )?;
    assert_cards(
        &deck,
        &[
            (
                "1",
                "Что такое Virtual DOM?",
                Some("Лёгкое представление DOM."),
            ),
            ("1.1", "Почему сравнение O(n)?", None),
            ("2", "Что такое HOC?", Some("Функция над компонентом.")),
            (
                "3",
                "Что такое портал?",
                Some("`createPortal` в другой узел."),
            ),
            ("4", "Что такое Suspense?", Some("ожидание с fallback.")),
            (
                "5",
                "Tell me about a project you are proud of.",
                Some("The auth migration."),
            ),
        ],
    );
    // A second label of another kind goes on with the answer.
    let (deck, _) = parse(
        "# Quiz\n\n### 1. Что вернёт `typeof null`?\n**Ответ:** \"object\".\n**Пояснение:** Историческая ошибка.\n",
    )?;
    assert_eq!(
        deck.cards()[0].answer,
        Some("\"object\".\n**Пояснение:** Историческая ошибка.")
    );
    Ok(())
}

#[test]
fn more_ways_of_asking_what_a_snippet_does_keep_it_on_the_front() -> Result<(), ParseError> {
    for asked in [
        "Что выведет код?",
        "Что выведется в консоль?",
        "Какой будет результат?",
        "Что вернёт функция?",
        "Найдите ошибку в коде",
        "What gets logged?",
    ] {
        let (deck, _) = parse(&format!(
            "# Тест\n\n## 1. {asked}\n\n```js\nconsole.log(1);\n```\n\nОтвет номер 1.\n"
        ))?;
        let card = &deck.cards()[0];
        assert_eq!(card.body, Some("```js\nconsole.log(1);\n```"), "{asked}");
        assert_eq!(card.answer, Some("Ответ номер 1."), "{asked}");
    }
    Ok(())
}

#[test]
fn a_difference_between_heading_asks_between_questions_and_closing_words_do_not()
-> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Python\n\n## Основы\n\n#### Какие типы данных есть в Python?\n\nИзменяемые и неизменяемые.\n\n\
         #### Разница между `list` и `tuple`\n\n`list` изменяемый.\n\n#### Что такое замыкание?\n\n\
         Функция со своим окружением.\n\n#### Какие материалы посмотреть\n\n- Документация.\n",
    )?;
    assert_eq!(
        deck.cards().iter().map(|c| c.question).collect::<Vec<_>>(),
        [
            "Какие типы данных есть в Python?",
            "Разница между `list` и `tuple`",
            "Что такое замыкание?",
        ]
    );
    Ok(())
}

#[test]
fn a_request_item_ends_at_its_full_stop_and_the_line_under_it_answers() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# QA\n\n## Теория\n\n1. Что такое тестирование ПО?\n   Проверка поведения.\n\
         2. Назовите виды тестирования по степени автоматизации.\n   Ручное, автоматизированное.\n\
         3. Severity vs Priority — приведите пример бага.\n   Опечатка в логотипе.\n\
         4. Протестируйте карандаш.\n   Пишет ли, точится ли.\n",
    )?;
    assert_cards(
        &deck,
        &[
            (
                "1",
                "Что такое тестирование ПО?",
                Some("Проверка поведения."),
            ),
            (
                "2",
                "Назовите виды тестирования по степени автоматизации.",
                Some("Ручное, автоматизированное."),
            ),
            (
                "3",
                "Severity vs Priority — приведите пример бага.",
                Some("Опечатка в логотипе."),
            ),
            (
                "4",
                "Протестируйте карандаш.",
                Some("Пишет ли, точится ли."),
            ),
        ],
    );
    Ok(())
}

#[test]
fn a_details_block_at_the_margin_right_under_a_list_question_answers_it() -> Result<(), ParseError>
{
    let (deck, _) = parse(
        "# Т\n\n1. Какова сложность поиска в дереве?\n<details>\n<summary>Ответ</summary>\n\nO(log n).\n\n</details>\n\n\
         2. Какая структура подходит для LRU-кеша?\n<details><summary>Подсказка</summary>\n\nДве структуры.\n</details>\n\
         <details><summary>Решение</summary>\n\nХеш-таблица и список.\n</details>\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Какова сложность поиска в дереве?", Some("O(log n).")),
            (
                "2",
                "Какая структура подходит для LRU-кеша?",
                Some("Две структуры.\n\nХеш-таблица и список."),
            ),
        ],
    );
    Ok(())
}

#[test]
fn a_question_label_alone_labels_the_line_below_it() -> Result<(), ParseError> {
    // Telegram's and Notion's cards: the label, then the question on a line of its own.
    let (deck, _) = parse(
        "# DRF\n\n**Вопрос:**\nЧем `APIView` отличается от `ViewSet`?\n\n**Ответ:**\nОбработчики по методам.\n\n---\n\n\
         🔥 **Вопрос дня #13**\n\nЧто такое сериализатор?\n\n👉 Ответ:\nПреобразователь данных.\n\n#python #junior\n",
    )?;
    assert_cards(
        &deck,
        &[
            (
                "1",
                "Чем `APIView` отличается от `ViewSet`?",
                Some("Обработчики по методам."),
            ),
            (
                "13",
                "Что такое сериализатор?",
                Some("Преобразователь данных."),
            ),
        ],
    );
    let (deck, _) = parse(
        "# C#\n\n**Question 1**\n\nWhat is a struct?\n\n**Answer**\n\nA value type.\n\n\
         **Question 2**\n\nWhat is a class?\n\n**Answer**\n\nA reference type.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is a struct?", Some("A value type.")),
            ("2", "What is a class?", Some("A reference type.")),
        ],
    );
    // `📌 **Вопрос дня:** …` on one line is a label like `Вопрос:`.
    let (deck, _) = parse(
        "# SQL\n\n📌 **Вопрос дня:** Что вернёт `NULL = NULL`?\n\n💬 **Ответ:** `NULL`.\n\n\
         📌 **Вопрос дня:** Можно ли алиас в `WHERE`?\n\n💬 **Ответ:** Нет.\n",
    )?;
    assert_eq!(deck.cards().len(), 2);
    assert_eq!(deck.cards()[1].answer, Some("Нет."));
    Ok(())
}

#[test]
fn topic_names_without_roman_numbers_or_a_label_colon_and_items_without_boxes()
-> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Interview\n\n## I. Алгоритмическая секция\n\n### 1. Что такое O(n)?\n\nОценка.\n\n\
         ## C. Tools\n\n### 2. What is git?\n\nA VCS.\n\n\
         ## Follow-ups\n\n### 3. Что такое HOT?\n\n**Подвопросы:**\n1. Когда он не срабатывает?\n",
    )?;
    assert_eq!(
        topic_names(&deck),
        ["Алгоритмическая секция", "C. Tools", "Follow-ups"]
    );
    let questions: Vec<&str> = deck.cards().iter().map(|c| c.question).collect();
    assert_eq!(
        questions,
        [
            "Что такое O(n)?",
            "What is git?",
            "Что такое HOT?",
            "Когда он не срабатывает?"
        ]
    );
    let (deck, _) = parse(
        "# Study list\n\n## General Questions:\n\n- [ ] What is a process?\n- [x] What is a thread?\n",
    )?;
    assert_eq!(topic_names(&deck), ["General Questions"]);
    let questions: Vec<&str> = deck.cards().iter().map(|c| c.question).collect();
    assert_eq!(questions, ["What is a process?", "What is a thread?"]);
    Ok(())
}

#[test]
fn a_q_line_may_carry_its_answer() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# FAQ\n\n**Q:** What is a goroutine? **A:** A lightweight thread.\n\n\
         Q: What is a channel?<br>A: A typed conduit.\n\n\
         **Q: What happens on a closed channel?**<br>**A:** You get the zero value.\n\n\
         **Q: Is `map` safe for concurrent use?** A: No.\n\n**Q:** What is select?\n**A:** A wait on several.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is a goroutine?", Some("A lightweight thread.")),
            ("2", "What is a channel?", Some("A typed conduit.")),
            (
                "3",
                "What happens on a closed channel?",
                Some("You get the zero value."),
            ),
            ("4", "Is `map` safe for concurrent use?", Some("No.")),
            ("5", "What is select?", Some("A wait on several.")),
        ],
    );
    Ok(())
}

#[test]
fn a_heading_indented_under_a_list_question_is_part_of_its_answer() -> Result<(), ParseError> {
    // sudheerj's guides: `2. ### What is …` items whose answers hold `   #### Example`.
    let (deck, _) = parse(
        "# JavaScript\n\n1. ### What is a prototype chain\n\n   Chaining of prototypes.\n\n   #### Example\n\n\
         ```javascript\n   Object.getPrototypeOf(o);\n   ```\n\n2. ### What is hoisting\n\n   Moving declarations up.\n",
    )?;
    assert_eq!(topic_names(&deck), ["JavaScript"]);
    assert_cards(
        &deck,
        &[
            (
                "1",
                "What is a prototype chain",
                Some(
                    "Chaining of prototypes.\n\n#### Example\n\n```javascript\nObject.getPrototypeOf(o);\n```",
                ),
            ),
            ("2", "What is hoisting", Some("Moving declarations up.")),
        ],
    );
    Ok(())
}

#[test]
fn a_blogs_closing_words_end_the_last_answer() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Git\n\n## 1. What is a rebase?\n\nReplaying commits.\n\n## 2. What is a fork?\n\nA copy of a repository.\n\n\
         > *Thanks 🙌 for reading and good luck on your next interview!*\n> *More questions 👉* [site](https://example.com)\n",
    )?;
    assert_eq!(deck.cards()[1].answer, Some("A copy of a repository."));
    // Closing words that say something of the answer stay.
    let (deck, _) = parse(
        "# Git\n\n## 1. What is a rebase?\n\nReplaying commits.\n\n## 2. What is a fork?\n\nA copy.\n\n\
         See [the docs](https://git-scm.com) 🚀\n",
    )?;
    assert_eq!(
        deck.cards()[1].answer,
        Some("A copy.\n\nSee [the docs](https://git-scm.com) 🚀")
    );
    Ok(())
}

#[test]
fn an_answer_key_at_the_end_answers_the_questions_by_number() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# SQL Quiz\n\n## Questions\n\n1. What does `HAVING` filter?\n2. What does `COUNT(*)` count?\n\
         3. What is a correlated subquery?\n\n## Answers\n\n1. Groups, after aggregation.\n\
         2. Every row,\n   `NULL`s included.\n3. One that reads the outer query.\n",
    )?;
    assert_cards(
        &deck,
        &[
            (
                "1",
                "What does `HAVING` filter?",
                Some("Groups, after aggregation."),
            ),
            (
                "2",
                "What does `COUNT(*)` count?",
                Some("Every row,\n`NULL`s included."),
            ),
            (
                "3",
                "What is a correlated subquery?",
                Some("One that reads the outer query."),
            ),
        ],
    );
    // An answer the question has already is kept.
    let (deck, _) = parse(
        "# Quiz\n\n1. What is 2 + 2?\n   Four.\n2. What is 3 + 3?\n   Six.\n\n## Ответы\n\n1. 4\n2. 6\n",
    )?;
    assert_eq!(deck.cards()[0].answer, Some("Four."));
    Ok(())
}

#[test]
fn options_indented_under_a_list_question_stay_on_its_front() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Тест\n\n## Основы\n\n1) Что вернёт `typeof null`?\n   А) \"null\"\n   Б) \"object\"\n\n   **Ответ:** Б.\n\n\
         2) Что вернёт `[] + []`?\n   А) \"\"\n   Б) 0\n\n   **Ответ:** А.\n",
    )?;
    let sides: Vec<(&str, Option<&str>, Option<&str>)> = deck
        .cards()
        .iter()
        .map(|c| (c.question, c.body, c.answer))
        .collect();
    assert_eq!(
        sides,
        [
            (
                "Что вернёт `typeof null`?",
                Some("А) \"null\"\nБ) \"object\""),
                Some("Б.")
            ),
            ("Что вернёт `[] + []`?", Some("А) \"\"\nБ) 0"), Some("А.")),
        ]
    );
    Ok(())
}

/// What a second reader found the day's new rules did to guides that read well before.
#[test]
fn the_days_new_rules_leave_these_guides_as_they_were() -> Result<(), ParseError> {
    // An explanation's label after a follow-up list is no second answer.
    let (deck, _) = parse(
        "# Go\n\n### 1. Как остановить горутину?\n**Ответ:** через `context.Context`.\n\
         **Углубляющие вопросы:**\n1. Как найти утёкшие горутины?\n   **Ответ:** `goleak`.\n\
         **Пояснение:** почти все горутины принимают `ctx`.\n",
    )?;
    assert_eq!(deck.cards()[0].answer, Some("через `context.Context`."));
    // After the question's own text (options, `**Answer: B**`), an explanation is part of it.
    let (deck, _) = parse(
        "# Java\n\n### Can a constructor be final?\nNo.\n**Explanation:** constructors are not inherited.\n\n\
         ### What does `typeof null` return?\n- A: `\"null\"`\n- B: `\"object\"`\n**Answer: B**\n\
         **Explanation:** a historical bug.\n",
    )?;
    assert_eq!(
        deck.cards()[0].answer,
        Some("No.\n**Explanation:** constructors are not inherited.")
    );
    // (A key in a bold label of its own line answers, the options on the front.)
    assert_eq!(
        deck.cards()[1].body,
        Some("- A: `\"null\"`\n- B: `\"object\"`")
    );
    assert_eq!(
        deck.cards()[1].answer,
        Some("B\n**Explanation:** a historical bug.")
    );
    // A request that goes on, in a list nobody answers, keeps its second line.
    let (deck, _) = parse(
        "# Coding Questions\n\n1. What is a closure?\n2. Write a function `fizzbuzz(n)`.\n   For multiples of 3 print \"Fizz\".\n\
         3. Explain rate limiting.\nMention at least two algorithms.\n",
    )?;
    let questions: Vec<&str> = deck.cards().iter().map(|c| c.question).collect();
    assert_eq!(
        questions,
        [
            "What is a closure?",
            "Write a function `fizzbuzz(n)`. For multiples of 3 print \"Fizz\".",
            "Explain rate limiting. Mention at least two algorithms."
        ]
    );
    // A heading that asks for code and then for the result keeps the code as its answer;
    // the check reads Cyrillic text whole.
    let (deck, _) = parse(
        "# Файлы\n\n### 1. Как прочитать файл построчно? Какой будет результат?\n\n```python\nfor line in open(p): ...\n```\n\nСтроки по одной.\n",
    )?;
    assert_eq!(deck.cards()[0].body, None);
    // Options on a `Q:` line stay on its front.
    let (deck, _) = parse(
        "# Quiz\n\nQ: Which keyword defines a generator? A: `yield` B: `return`\nA: `yield`\n\n\
         Q: Which keyword awaits? A: `await` B: `yield`\nA: `await`\n",
    )?;
    assert_eq!(
        deck.cards()[0].question,
        "Which keyword defines a generator? A: `yield` B: `return`"
    );
    // A heading that is a link points to an article; a heading indented under a bullet is
    // still a heading.
    let (deck, _) = parse(
        "# Go\n\n### What is a slice?\n\nA view.\n\n### What is a map?\n\nA table.\n\n## Further reading\n\n\
         ### [Why is Go so fast?](https://example.com/a)\n\nA blog post.\n",
    )?;
    assert_eq!(deck.cards().len(), 2);
    let (deck, _) = parse(
        "# Git\n\n- Что такое ветка?\n- Что такое коммит?\n\n  ### Продвинутые вопросы\n\n- Что такое rebase?\n- Что такое reflog?\n",
    )?;
    assert_eq!(topic_names(&deck), ["Git", "Продвинутые вопросы"]);
    Ok(())
}

#[test]
fn a_part_of_a_guide_labelled_with_its_number_is_a_section() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# G\n\n## Part 1: Basics\n\n1. What is a variable?\n2. What is a loop?\n\n## Part 2: Design\n\n\
         1. How would you backfill a year?\n2. Design a pipeline for clickstream data.\n",
    )?;
    assert_eq!(topic_names(&deck), ["Part 1: Basics", "Part 2: Design"]);
    assert_eq!(deck.cards().len(), 4);
    Ok(())
}

#[test]
fn list_questions_win_over_a_few_q_lines_they_outnumber_twice() -> Result<(), ParseError> {
    // A Notion page: toggle lists of questions, one section of `**Вопрос:**` cards.
    let (deck, _) = parse(
        "# DevOps\n\n## Docker\n\n- Что такое образ?\n    \n    Шаблон.\n    \n- Что такое слой?\n    \n    Шаг сборки.\n    \n\
         - Что такое volume?\n    \n    Том.\n    \n\n## Kubernetes\n\n- Что такое Pod?\n    \n    Группа контейнеров.\n    \n\
         - Что такое Service?\n    \n    Адрес.\n    \n\n## CI/CD\n\n**Вопрос:** Что такое canary?\n\n**Ответ:** Доля трафика.\n\n\
         **Вопрос:** Что такое blue-green?\n\n**Ответ:** Два окружения.\n",
    )?;
    assert_eq!(deck.cards().len(), 5);
    assert_eq!(deck.cards()[3].question, "Что такое Pod?");
    Ok(())
}

#[test]
fn hugo_front_matter_and_heading_attributes_are_no_part_of_cards() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "+++\n# Generated by hugo new\ntitle = \"K8s\"\n+++\n\n# Kubernetes\n\n## Workloads {#workloads}\n\n\
         ### What is a Pod? {#what-is-a-pod}\n\nA group of containers.\n\n### What is a Job? {.question}\n\nA run to completion.\n",
    )?;
    assert_eq!(deck.title, "Kubernetes");
    assert_eq!(topic_names(&deck), ["Workloads"]);
    assert_eq!(deck.cards()[0].question, "What is a Pod?");
    assert_eq!(deck.cards()[1].question, "What is a Job?");
    Ok(())
}

/// What a second reader found the day's later rules did to guides that read well before.
#[test]
fn the_days_later_rules_leave_these_guides_as_they_were() -> Result<(), ParseError> {
    // An answer's last paragraph that speaks of subscribers or a signature is no footer.
    let (deck, _) = parse(
        "# Kafka\n\n### What is a topic?\nA log.\n\n### What is a consumer group?\nConsumers sharing partitions.\n\n\
         Subscribers in the same group never read the same partition 📌 at once.\n",
    )?;
    assert_eq!(
        deck.cards()[1].answer,
        Some(
            "Consumers sharing partitions.\n\nSubscribers in the same group never read the same partition 📌 at once."
        )
    );
    // Lettered lines with no answer label after them are the answer.
    let (deck, _) = parse(
        "# Java\n\n1. What are the ways to create a thread?\n   a) extend `Thread`;\n   b) implement `Runnable`.\n\
         2. What is a daemon thread?\n   One that does not keep the JVM alive.\n",
    )?;
    assert_eq!(
        deck.cards()[0].answer,
        Some("a) extend `Thread`;\nb) implement `Runnable`.")
    );
    // A section titled Solutions that holds questions answers nothing.
    let (deck, _) = parse(
        "# SD\n\n## Warm-up\n\n### 1. What is a CDN?\n\n### 2. What is a load balancer?\n\n## Solutions\n\n\
         ### 3. Design a rate limiter\n\n1. Token bucket per user.\n2. Counters in Redis.\n",
    )?;
    assert_eq!(deck.cards()[0].answer, None);
    // A task to code keeps its condition on its front.
    let (deck, _) = parse(
        "# JS\n\n1. What is a closure?\n   A function that remembers its scope.\n2. Implement `debounce`.\n   Signature: `debounce(fn, ms)`.\n",
    )?;
    assert_eq!(
        deck.cards()[1].question,
        "Implement `debounce`. Signature: `debounce(fn, ms)`."
    );
    // `## # 1. What is …?` asks; `### Тема 1: …?` is a labelled question.
    let (deck, _) = parse(
        "# Node\n\n## # 1. What is Node.js?\n\nA runtime.\n\n## # 2. What is npm?\n\nA registry.\n",
    )?;
    assert_eq!(deck.cards().len(), 2);
    let (deck, _) = parse(
        "# JS\n\n### Тема 1: Что такое замыкание?\n\nФункция.\n\n### Тема 2: Что такое прототип?\n\nОбъект.\n",
    )?;
    assert_eq!(deck.cards()[0].key, "Тема 1");
    // An answer key after a part's label.
    let (deck, _) = parse(
        "# Quiz\n\n## Part 1: Questions\n\n1. What is a Pod?\n2. What is a Service?\n\n## Part 2: Answers\n\n\
         1. The smallest deployable unit.\n2. A stable virtual IP.\n",
    )?;
    assert_eq!(deck.cards()[1].answer, Some("A stable virtual IP."));
    Ok(())
}

#[test]
fn an_answer_heading_at_the_questions_level_answers_the_last_one_too() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# T\n\n## Вопрос 1\n\nЧто такое inode?\n\n## Ответ\n\nСтруктура.\n\n## Вопрос 2\n\nЧто такое TTY?\n\n## Ответ\n\nТерминал.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Что такое inode?", Some("Структура.")),
            ("2", "Что такое TTY?", Some("Терминал.")),
        ],
    );
    Ok(())
}

#[test]
fn callouts_that_ask_are_questions_their_quoted_lines_the_answers() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "---\ntags: [interview]\n---\n\n# System Design\n\n> [!question] What is the CAP theorem?\n> Under a partition, choose C or A.\n\n\
         > [!question]- Why use a queue?\n> Decoupling.\n>\n> Buffering spikes.\n\n> [!faq] What is a WAL?\n> > [!answer]-\n> > An append-only log.\n\n\
         #system-design #interview\n",
    )?;
    assert_cards(
        &deck,
        &[
            (
                "1",
                "What is the CAP theorem?",
                Some("Under a partition, choose C or A."),
            ),
            (
                "2",
                "Why use a queue?",
                Some("Decoupling.\n\nBuffering spikes."),
            ),
            ("3", "What is a WAL?", Some("An append-only log.")),
        ],
    );
    Ok(())
}

#[test]
fn behavioural_prompts_ask_wherever_they_stand() -> Result<(), ParseError> {
    // The first and last headings of a section are prompts too; they were an introduction
    // and closing words, and a guide of them alone had no questions.
    let (deck, _) = parse(
        "# Поведенческое\n\n## О себе\n\n### «Расскажите о себе»\n\nОпыт, стек.\n\n### Почему вы уходите?\n\nРост.\n\n\
         ## Команда\n\n### Опишите ситуацию, когда вы ошиблись\n\nПризнал, исправил.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1-1", "«Расскажите о себе»", Some("Опыт, стек.")),
            ("1-2", "Почему вы уходите?", Some("Рост.")),
            (
                "2-1",
                "Опишите ситуацию, когда вы ошиблись",
                Some("Признал, исправил."),
            ),
        ],
    );
    let (deck, _) = parse(
        "# Behavioral\n\n### Tell me about yourself\n\nTwo minutes.\n\n### Walk me through your resume\n\nIn order.\n\n\
         ### Give an example of a hard decision you made.\n\nThe vendor shim.\n",
    )?;
    assert_eq!(deck.cards().len(), 3);
    // Not a section about the authors, nor a bare `Describe …` at a guide's edge, nor a
    // prompt that speaks to no one (`Give an example of a closure`, an answer's sub-title).
    let (deck, _) = parse(
        "# JS\n\n### 1. What is a closure?\n\nA function with its scope.\n\n### Give an example of a closure\n\n\
         `const f = () => x;`\n\n### 2. What is hoisting?\n\nDeclarations first.\n",
    )?;
    assert_eq!(deck.cards().len(), 2);
    let (deck, _) = parse(
        "# Go\n\n## Расскажите о нас\n\nМы — команда.\n\n## Describe the setup\n\nInstall Go.\n\n\
         ## What is a goroutine?\n\nA green thread.\n",
    )?;
    assert_cards(
        &deck,
        &[("1", "What is a goroutine?", Some("A green thread."))],
    );
    Ok(())
}

#[test]
fn decorations_around_questions_and_topics_are_no_part_of_what_they_say() -> Result<(), ParseError>
{
    // A `?` before a closing quote, and a question set between the same emoji, ask.
    let (deck, _) = parse(
        "# React\n\n## Основы\n\n### «Что такое JSX?»\n\nСинтаксис.\n\n### 🔥 Что такое props? 🔥\n\nПараметры.\n\n\
         ### Что такое state?\n\nДанные.\n",
    )?;
    assert_eq!(deck.cards().len(), 3);
    // One emoji after the `?` alone is still a weak sign: an introduction stays out.
    let (deck, _) = parse(
        "# Go\n\n## Что внутри? 👇\n\nВопросы.\n\n## Что такое канал?\n\nТруба.\n\n## Что такое горутина?\n\nПоток.\n",
    )?;
    assert_eq!(deck.cards().len(), 2);
    // A Telegram post's emoji before a bold question line.
    let (deck, _) = parse(
        "# Go\n\n🤔 **Что такое горутина?**\nЛёгкий поток.\n\n💡 **Зачем нужен context?**\nОтмена.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "Что такое горутина?", Some("Лёгкий поток.")),
            ("2", "Зачем нужен context?", Some("Отмена.")),
        ],
    );
    // Back-to-top links, named anchors and spans, and in-page links around headings.
    let (deck, _) = parse(
        "# FE\n\n#### [[⬆]](#toc) <a name='general'>Общие вопросы:</a>\n\n* Что такое DOCTYPE?\n* Что такое BFC?\n\n\
         #### [CSS](#css)\n\n* Что такое float?\n",
    )?;
    let topics: Vec<&str> = deck.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(topics, ["Общие вопросы", "CSS"]);
    let (deck, _) = parse(
        "# FE\n\n## <span id=\"async\">Асинхронность</span>\n\n### <a name=\"q3\">3. Что такое промис?</a>\n\nОбъект.\n\n\
         ### <a name=\"q4\">4. Что делает await?</a>\n\nЖдёт.\n",
    )?;
    assert_eq!(deck.topics[0].name, "Асинхронность");
    let asked: Vec<&str> = deck.cards().iter().map(|c| c.question).collect();
    assert_eq!(asked, ["Что такое промис?", "Что делает await?"]);
    // A table of contents of in-page links above the questions lists them, asks nothing.
    let (deck, _) = parse(
        "# Docker\n\n## Table of Contents\n### [1. What is Docker?](#1-what-is-docker)\n\
         ### [2. What is an image?](#2-what-is-an-image)\n\n## Basics\n\n### 1. What is Docker?\n\nA platform.\n\n\
         ### 2. What is an image?\n\nA template.\n",
    )?;
    assert_eq!(deck.cards().len(), 2);
    Ok(())
}

#[test]
fn a_quiz_that_ticks_its_right_options_shows_them_on_the_front_and_answers_with_the_ticked()
-> Result<(), ParseError> {
    // The LinkedIn skill-assessment quizzes: options under a heading, the right one ticked,
    // an explanation after them.
    let (deck, _) = parse(
        "## Python\n\n#### Q1. What will this code print?\n\n```python\nprint(len({1, 1, 2}))\n```\n\n\
         - [ ] 3\n- [x] 2\n- [ ] 1\n\n**Explanation:** a set keeps unique items.\n\n\
         #### Q2. Which are mutable?\n\n- [x] list\n- [ ] tuple\n- [x] dict\n\n\
         #### Q3. What does `is` compare?\n\n- [ ] values\n- [x] identity\n- [ ] types\n",
    )?;
    let cards: Vec<(Option<&str>, Option<&str>)> =
        deck.cards().iter().map(|c| (c.body, c.answer)).collect();
    assert_eq!(
        cards,
        [
            (
                Some("```python\nprint(len({1, 1, 2}))\n```\n\n- 3\n- 2\n- 1"),
                Some("2\n\n**Explanation:** a set keeps unique items.")
            ),
            (Some("- list\n- tuple\n- dict"), Some("list\ndict")),
            (Some("- values\n- identity\n- types"), Some("identity")),
        ]
    );
    // Two questions that choose by their words (`Which …`), each ticking some.
    let (deck, _) = parse(
        "# Q\n\n### Which are mutable?\n\n- [x] list\n- [ ] tuple\n\n### Which are ordered?\n\n\
         - [x] list\n- [x] tuple\n- [ ] set\n",
    )?;
    assert_eq!(deck.cards()[1].answer, Some("list\ntuple"));
    // One such list alone is a study list (`Какие темы повторить?`, the done ones ticked).
    let (deck, _) = parse(
        "# План\n\n### Какие темы повторить?\n\n- [x] Индексы\n- [ ] Шардирование\n\n### Что такое MVCC?\n\nВерсии.\n",
    )?;
    assert_eq!(
        deck.cards()[0].answer,
        Some("- [x] Индексы\n- [ ] Шардирование")
    );
    // A study list that ticks what was done, all, none or some, is no quiz.
    let (deck, _) = parse(
        "# DB\n\n### 1. Что такое индекс?\n- [x] B-tree\n- [x] Hash\n- [ ] GIN\n\n### 2. Что такое MVCC?\n\nВерсии.\n",
    )?;
    assert_eq!(
        deck.cards()[0].answer,
        Some("- [x] B-tree\n- [x] Hash\n- [ ] GIN")
    );
    let (deck, _) = parse(
        "# Plan\n\n## What is a process?\n\n- [x] read the chapter\n- [x] do the exercises\n\n\
         ## What is a thread?\n\n- [ ] read the chapter\n- [ ] do the exercises\n",
    )?;
    assert_eq!(
        deck.cards()[0].answer,
        Some("- [x] read the chapter\n- [x] do the exercises")
    );
    Ok(())
}

#[test]
fn a_quiz_key_in_a_bold_label_or_after_правильный_ответ_answers_its_options()
-> Result<(), ParseError> {
    let (deck, _) = parse(
        "# K8s\n\n## Question 1\n\nWhich component stores the cluster state?\n\na. kube-scheduler\nb. etcd\n\n**Answer: b**\n\n\
         ## Question 2\n\nWhich object exposes pods?\n\na. Service\nb. Deployment\n\n**Answer: a**\n",
    )?;
    let cards: Vec<(Option<&str>, Option<&str>)> =
        deck.cards().iter().map(|c| (c.body, c.answer)).collect();
    assert_eq!(
        cards,
        [
            (Some("a. kube-scheduler\nb. etcd"), Some("b")),
            (Some("a. Service\nb. Deployment"), Some("a")),
        ]
    );
    let (deck, _) = parse(
        "# SQL\n\n**1. Какой оператор фильтрует группы?**\nа) `WHERE`\nб) `HAVING`\nПравильный ответ: б\n\n\
         **2. Какой JOIN вернёт только совпадения?**\nа) `LEFT JOIN`\nб) `INNER JOIN`\nВерный ответ: б\n",
    )?;
    assert_eq!(deck.cards()[0].body, Some("а) `WHERE`\nб) `HAVING`"));
    assert_eq!(deck.cards()[1].answer, Some("б"));
    // A bold label that opens a sentence is no key (`**Answer: amortized.** Worst case …`).
    let (deck, _) = parse(
        "# A\n\n### Is hashing O(1)?\n\n**Answer: amortized.** Worst case is O(n).\n\n### Is a heap sorted?\n\nNo.\n",
    )?;
    assert_eq!(
        deck.cards()[0].answer,
        Some("**Answer: amortized.** Worst case is O(n).")
    );
    Ok(())
}

#[test]
fn q_dot_number_labels_ask_and_ans_dot_answers() -> Result<(), ParseError> {
    // The tutorial sites' `Q.1 …?` / `Ans. …`, under a table of contents of the same lines.
    let (deck, _) = parse(
        "# OOP\n\n**Table of Contents**\n- Q.1 What is OOP?\n- Q.2 What is encapsulation?\n\n\
         Q.1 What is OOP?\n\nAns. Code organised around objects.\n\nQ.2 What is encapsulation?\n\nAns. Hiding state.\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("1", "What is OOP?", Some("Code organised around objects.")),
            ("2", "What is encapsulation?", Some("Hiding state.")),
        ],
    );
    Ok(())
}

#[test]
fn a_hint_folded_in_details_stays_on_the_front_and_the_solution_after_it_answers()
-> Result<(), ParseError> {
    let (deck, _) = parse(
        "# Blind 75\n\n## Arrays\n\n### 1. Two Sum\n\nReturn the indices of two numbers adding up to a target.\n\n\
         <details><summary>💡 Hint</summary>\n\nRemember what you have seen.\n\n</details>\n\n\
         <details><summary>✅ Solution</summary>\n\nA dict of seen numbers.\n\n</details>\n\n\
         ### 2. Contains Duplicate\n\nAny value twice?\n\n<details>\n<summary>Hint</summary>\n\nA set.\n</details>\n\n\
         <details>\n<summary>Solution</summary>\n\nCompare lengths.\n</details>\n",
    )?;
    let cards: Vec<(Option<&str>, Option<&str>)> =
        deck.cards().iter().map(|c| (c.body, c.answer)).collect();
    assert_eq!(
        cards,
        [
            (
                Some(
                    "Return the indices of two numbers adding up to a target.\n\n**💡 Hint**\n\nRemember what you have seen."
                ),
                Some("A dict of seen numbers.")
            ),
            (
                Some("Any value twice?\n\n**Hint**\n\nA set."),
                Some("Compare lengths.")
            ),
        ]
    );
    Ok(())
}

#[test]
fn the_second_readers_guides_read_as_before_the_days_rules() -> Result<(), ParseError> {
    // Each read the same before this round's rules; each was misread by a first version of
    // them: a behavioural heading over a list guide, a call to comment, a quoted talk title,
    // quoted questions in tips, emoji asides in a list guide, a key after its explanation,
    // `Правильный ответ:` in prose.
    let guides = [
        "# HR questions\n\n## Tell me about yourself\n\nKeep it to two minutes.\n\n## Common questions\n\n1. Why do you want to work here?\n2. What is your greatest weakness?\n3. Why are you leaving?\n",
        "# Go\n\n### 1. Что такое горутина?\n\nЛёгкий поток.\n\n### 2. Что будет при записи в nil map?\n\nПаника.\n\n## Расскажите о своём опыте в комментариях\n\nПишите ниже!\n",
        "# Kubernetes\n\n### 1. Что такое Pod?\n\nГруппа контейнеров.\n\n### 2. Что такое Service?\n\nСтабильный адрес.\n\n## Что почитать\n\n### Доклад «Зачем нам Kubernetes?»\n\nОбзор мотивации.\n",
        "# Frontend\n\n## JS\n\n- What is a closure?\n- What is hoisting?\n\n## Tips\n\n- Think out loud.\n- Ask \"What does success look like?\"\n- Ask \"How is on-call organised?\"\n",
        "# SQL\n\n## Основы\n\n1. Что такое первичный ключ?\n2. Чем WHERE отличается от HAVING?\n\n💡 **Зачем это знать?**\n\nЭто спрашивают везде.\n\n⚠️ **Что чаще всего забывают?**\n\nСоставные индексы.\n",
        "# SQL\n\n### 1. Можно ли использовать агрегаты в WHERE?\n\nАгрегаты считаются после WHERE, условие на COUNT(*) пишут в HAVING.\n\n**Ответ: нет**\n\n### 2. Что такое NULL?\n\nОтсутствие значения.\n",
        "# Linux\n\n**Что делает `chmod 755`?**\n\nrwx для владельца, r-x для остальных.\n\n**Чем процесс отличается от потока?**\n\nПотоки делят память процесса.\n\nПравильный ответ: потоки разделяют память.\n",
    ];
    let expected: [&[(&str, Option<&str>)]; 7] = [
        &[
            ("Why do you want to work here?", None),
            ("What is your greatest weakness?", None),
            ("Why are you leaving?", None),
        ],
        &[
            ("Что такое горутина?", Some("Лёгкий поток.")),
            ("Что будет при записи в nil map?", Some("Паника.")),
        ],
        &[
            ("Что такое Pod?", Some("Группа контейнеров.")),
            ("Что такое Service?", Some("Стабильный адрес.")),
        ],
        &[("What is a closure?", None), ("What is hoisting?", None)],
        &[
            ("Что такое первичный ключ?", None),
            ("Чем WHERE отличается от HAVING?", None),
        ],
        &[
            (
                "Можно ли использовать агрегаты в WHERE?",
                Some(
                    "Агрегаты считаются после WHERE, условие на COUNT(*) пишут в HAVING.\n\n**Ответ: нет**",
                ),
            ),
            ("Что такое NULL?", Some("Отсутствие значения.")),
        ],
        &[
            (
                "Что делает `chmod 755`?",
                Some("rwx для владельца, r-x для остальных."),
            ),
            (
                "Чем процесс отличается от потока?",
                Some("Потоки делят память процесса.\n\nПравильный ответ: потоки разделяют память."),
            ),
        ],
    ];
    for (guide, expected) in guides.iter().zip(expected) {
        let (deck, _) = parse(guide)?;
        let got: Vec<(&str, Option<&str>)> = deck
            .cards()
            .iter()
            .map(|c| (c.question, c.answer))
            .collect();
        assert_eq!(got, expected, "{guide}");
    }
    Ok(())
}

#[test]
fn a_task_label_over_a_snippet_alone_asks_about_it() -> Result<(), ParseError> {
    // «Что выведет код?» articles: `### Задачка N`, the code, a `<details>` answer.
    let (deck, _) = parse(
        "# Что выведет код?\n\n### Задачка 1\n\n```js\nconsole.log(typeof null);\n```\n\n\
         <details><summary>Ответ</summary>\n\n`object`\n\n</details>\n\n\
         ### Задачка 2\n\n```js\nconsole.log(0.1 + 0.2 === 0.3);\n```\n\n\
         <details><summary>Ответ</summary>\n\n`false`\n\n</details>\n",
    )?;
    assert_cards(
        &deck,
        &[
            ("Задачка 1", "Задачка 1", Some("`object`")),
            ("Задачка 2", "Задачка 2", Some("`false`")),
        ],
    );
    assert_eq!(
        deck.cards()[0].body,
        Some("```js\nconsole.log(typeof null);\n```")
    );
    Ok(())
}

#[test]
fn a_bold_numbered_request_that_goes_on_with_the_numbering_asks() -> Result<(), ParseError> {
    let (deck, _) = parse(
        "# DS\n\n## Statistics\n\n**1. What is a p-value?**\n\nProbability under H0.\n\n\
         ## ML\n\n**2. Explain the bias-variance trade-off.**\n\nSimple models underfit.\n\n\
         **3. What is regularization?**\n\nA penalty.\n",
    )?;
    let cards = deck.cards();
    let keys: Vec<String> = cards.iter().map(|c| c.key.to_string()).collect();
    assert_eq!(keys, ["1", "2", "3"]);
    // Not an answer's own numbered steps.
    let (deck, _) = parse(
        "# STAR\n\n**1. How do you answer behavioural questions?**\n\nUse STAR:\n\n**1. Describe the situation.**\n\n\
         Set the scene.\n\n**2. Explain the task.**\n\nWhat you owned.\n\n**2. What is your strength?**\n\nOwnership.\n",
    )?;
    assert_eq!(deck.cards().len(), 2);
    Ok(())
}

#[test]
fn the_second_readers_later_guides_read_as_before_the_days_rules() {
    // A hint alone is what the guide gives for an answer, as it was.
    let (deck, _) = parse(
        "# Sliding Window\n\n### 1. Longest Substring\n\nFind the longest substring without repeats.\n\n\
         <details>\n<summary>💡 Hint</summary>\n\nKeep a set of characters in the window.\n\n</details>\n",
    )
    .unwrap();
    assert_eq!(
        deck.cards()[0].answer,
        Some("Keep a set of characters in the window.")
    );
    // A README's task labels over commands, with nothing answering them, ask nothing.
    assert!(
        parse("# ДЗ\n\n### Задача 1\n\n```bash\ncd hw1 && make test\n```\n\n### Задача 2\n\n```bash\ncd hw2 && make run\n```\n")
            .is_err()
    );
    // An issue template's `Describe your environment` is no behavioural prompt.
    assert!(!super::scan::behavioural_prompt(
        "Describe your environment"
    ));
    assert!(super::scan::behavioural_prompt(
        "Describe a time when you missed a deadline"
    ));
}

#[test]
fn dates_fences_in_items_flashcard_columns_and_more_snippet_phrasings() -> Result<(), ParseError> {
    // An interview diary's dated headings are its topics, not questions numbered 14.02.2024.
    let (deck, _) = parse(
        "# Дневник\n\n### 14.02.2024 — Озон\n\n- Как устроен map в Go?\n- Что такое GC?\n\n\
         ### 12.03 — Яндекс\n\n- Что такое индекс?\n- Что такое MVCC?\n",
    )?;
    let topics: Vec<&str> = deck.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(topics, ["14.02.2024 — Озон", "12.03 — Яндекс"]);
    assert_eq!(deck.cards().len(), 4);
    // A fence opened in a list item (Logseq) closes there; the later questions stay cards,
    // their `#card` tags no part of them.
    let (deck, _) = parse(
        "# Go\n\n- Как найти гонку? #card\n  - ```sh\n    go test -race ./...\n    ```\n- Что такое горутина? #card\n  - Поток.\n",
    )?;
    let asked: Vec<&str> = deck.cards().iter().map(|c| c.question).collect();
    assert_eq!(asked, ["Как найти гонку?", "Что такое горутина?"]);
    // Two such items, and a section after them; the code answers, as a sub-list does.
    let (deck, _) = parse(
        "# Go\n\n## Tooling\n\n- How do you find a race?\n  - ```sh\n    go test -race ./...\n    ```\n\
         - How do you profile CPU?\n  - ```sh\n    go test -cpuprofile cpu.out\n    ```\n\n\
         ## Concurrency\n\n- What is a goroutine?\n  - A light thread.\n- What is a channel?\n  - A pipe.\n",
    )?;
    assert_eq!(deck.cards().len(), 4);
    assert_eq!(
        deck.cards()[1].answer,
        Some("- ```sh\n  go test -cpuprofile cpu.out\n  ```")
    );
    // Numbers are no dates: `1.1 — Что такое GIL` asks, `03.04 — Что такое B-дерево` too.
    let (deck, _) = parse(
        "# Py\n\n## 1. Основы\n\n### 1.1 — Что такое GIL\n\nЛок.\n\n### 1.2 — Зачем нужен `__slots__`\n\nПамять.\n",
    )?;
    assert_eq!(deck.cards().len(), 2);
    // A flashcard export's `Front` / `Back` table.
    let (deck, _) = parse(
        "# Net\n\n| Front | Back |\n|---|---|\n| What is MTU? | Max frame size. |\n| What is TTL? | Hop limit. |\n",
    )?;
    assert_eq!(deck.cards()[1].answer, Some("Hop limit."));
    // `Каков результат выполнения?` shows its snippet on the front.
    let (deck, _) = parse(
        "# T\n\n### 1. Каков результат выполнения?\n\n```python\nprint(1)\n```\n\nOne.\n\n### 2. What is X?\n\nX.\n",
    )?;
    assert_eq!(deck.cards()[0].body, Some("```python\nprint(1)\n```"));
    Ok(())
}

#[test]
fn numbered_sections_over_pairs_details_bold_lines_and_tables_are_topics() -> Result<(), ParseError>
{
    let shapes = [
        "Q: What is a key?\nA: A column.\n\nQ: What is HAVING?\nA: A filter.\n",
        "<details><summary>What is a key?</summary>\n\nA column.\n\n</details>\n\n\
         <details><summary>What is HAVING?</summary>\n\nA filter.\n\n</details>\n",
        "**What is a key?**\n\nA column.\n\n**What is HAVING?**\n\nA filter.\n",
        "| Question | Answer |\n|---|---|\n| What is a key? | A column. |\n| What is HAVING? | A filter. |\n",
    ];
    for pairs in shapes {
        let text = format!("# SQL\n\n## 1. Basics\n\n{pairs}\n## 2. More\n\n{pairs}");
        let (deck, _) = parse(&text)?;
        let topics: Vec<&str> = deck.topics.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(topics, ["Basics", "More"], "{text}");
        assert_eq!(deck.cards().len(), 4, "{text}");
        assert_eq!(deck.cards()[1].answer, Some("A filter."), "{text}");
    }
    // A numbered question heading whose answer holds one bold question is still a question.
    let (deck, _) = parse(
        "# Py\n\n### 1. Декораторы\n\nОбёртки.\n\n**Зачем?**\n\nДля повторного кода.\n\n### 2. Генераторы\n\nЛенивые.\n",
    )?;
    assert_eq!(deck.cards()[0].question, "Декораторы");
    Ok(())
}

#[test]
fn no_questions_found_names_deep_headings_that_ask() {
    let message = error_message(b"# T\n\n## A\n\n##### What is ARIA?\n\nRoles.\n\n##### What is alt text?\n\nA description.\n");
    assert!(
        message.ends_with(
            "; 2 headings at level 5 or 6 ask but are read only when numbered (`##### 1. …?`) or \
             raised to `##`–`####`); see decks/README.md for the shapes recall reads"
        ),
        "{message}"
    );
}
