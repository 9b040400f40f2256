//! Synthetic decks in the shape of `decks/python-backend-interview.md`: a title, a table of
//! contents, `## N. Topic (K вопросов)` sections, `### k. Question` headings, bodies with
//! paragraphs, bullet lists and fenced code in some questions, and five numbered follow-ups
//! after `**Углубляющие вопросы:**`. Same input, same bytes.

use std::io::{self, Write};

use crate::rng::Rng;

/// Topics of the synthetic deck; questions are spread evenly over them.
pub const TOPICS: [&str; 20] = [
    "Основы Python",
    "Продвинутый Python",
    "Web фреймворки",
    "Базы данных",
    "Архитектура и паттерны",
    "Производительность",
    "Тестирование",
    "DevOps и деплой",
    "Асинхронность",
    "Сети и протоколы",
    "Безопасность",
    "Очереди и брокеры сообщений",
    "Кеширование",
    "Распределённые системы",
    "Наблюдаемость",
    "Алгоритмы и структуры данных",
    "Linux и контейнеры",
    "API и интеграции",
    "Обработка данных",
    "Командная разработка",
];

const TEMPLATES: [&str; 6] = [
    "Объясните, как работает {a} в контексте {b}",
    "Что такое {a} и как это влияет на {c}?",
    "В чём разница между {a} и {a2} при работе с {b}?",
    "Как спроектировать {a} для {b} с учётом {c}?",
    "Какие проблемы возникают с {a} при {b}, и как их решать?",
    "Как бы вы объяснили {a} младшему разработчику на примере {b}?",
];

const SUBJECTS: [&str; 30] = [
    "list и tuple",
    "GIL",
    "сборщик мусора",
    "дескрипторы",
    "метаклассы",
    "генераторы",
    "контекстные менеджеры",
    "декораторы",
    "event loop",
    "ORM",
    "индексы в PostgreSQL",
    "уровни изоляции транзакций",
    "репликация",
    "шардирование",
    "очередь задач Celery",
    "Kafka",
    "Redis",
    "HTTP/2",
    "gRPC",
    "OAuth 2.0",
    "JWT",
    "CORS",
    "rate limiting",
    "circuit breaker",
    "паттерн Saga",
    "CQRS",
    "dependency injection",
    "pytest fixtures",
    "мокирование",
    "профилирование",
];

const CONTEXTS: [&str; 25] = [
    "высоконагруженного API",
    "микросервисной архитектуры",
    "монолита на Django",
    "сервиса на FastAPI",
    "фоновых задач",
    "платёжного сервиса",
    "аналитического пайплайна",
    "мобильного бэкенда",
    "многопоточного кода",
    "асинхронного кода",
    "CI/CD пайплайна",
    "Kubernetes-кластера",
    "базы на десятки терабайт",
    "системы уведомлений",
    "интернет-магазина",
    "чата в реальном времени",
    "поискового сервиса",
    "системы логирования",
    "биллинга",
    "внутренней админки",
    "публичного SDK",
    "legacy-кода",
    "ETL-процессов",
    "A/B-тестирования",
    "миграции схемы данных",
];

const ASPECTS: [&str; 20] = [
    "производительность",
    "потребление памяти",
    "отказоустойчивость",
    "читаемость кода",
    "безопасность",
    "задержки p99",
    "стоимость инфраструктуры",
    "наблюдаемость",
    "тестируемость",
    "согласованность данных",
    "масштабируемость",
    "время холодного старта",
    "обратную совместимость",
    "скорость разработки",
    "время восстановления",
    "нагрузку на базу",
    "размер образа",
    "сетевой трафик",
    "конкурентный доступ",
    "воспроизводимость сборки",
];

const FOLLOWUPS: [&str; 12] = [
    "Как {a} ведёт себя при {b}?",
    "Что произойдёт, если {c} станет узким местом?",
    "Как измерить {c}, когда используется {a}?",
    "Какие альтернативы {a} вы знаете и когда их выбирать?",
    "Почему {a} требует внимания к {c}?",
    "Как протестировать {a} в условиях {b}?",
    "Объясните, что делают `__init__` и `__enter__` в реализации {a}",
    "Как `asyncio.gather()` связан с {a}?",
    "Какие метрики вы бы собрали для {a}?",
    "Опишите инцидент, связанный с {a}, и как его расследовать",
    "Как изменится решение, если важнее всего {c}?",
    "Какие ошибки чаще всего допускают при работе с {a}?",
];

const CODE_PYTHON: &str = "```python
class Cache:
    def __init__(self, size: int = 128) -> None:
        self._data: dict[str, bytes] = {}
        self._size = size

    async def get(self, key: str) -> bytes | None:
        return self._data.get(key)
```";

const CODE_SQL: &str = "```sql
SELECT user_id, count(*) AS orders
FROM orders
WHERE created_at >= now() - interval '30 days'
GROUP BY user_id
HAVING count(*) > 10;
```";

const CODE_YAML: &str = "```yaml
services:
  api:
    image: app:latest
    command: gunicorn -k uvicorn.workers.UvicornWorker app:main
    depends_on: [db, redis]
```";

/// The Russian plural of "вопрос" after a count: 1 вопрос, 3 вопроса, 5 вопросов.
fn questions_word(n: usize) -> &'static str {
    let (last, last_two) = (n % 10, n % 100);
    if last == 1 && last_two != 11 {
        "вопрос"
    } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
        "вопроса"
    } else {
        "вопросов"
    }
}

fn fill(template: &str, a: &str, a2: &str, b: &str, c: &str) -> String {
    template
        .replace("{a2}", a2)
        .replace("{a}", a)
        .replace("{b}", b)
        .replace("{c}", c)
}

/// Question `i` (0-based)'s heading text: distinct for the first 90,000 questions, because
/// `i` is spread over template × subject × context × aspect by a bijection.
fn main_text(i: usize) -> String {
    const SPACE: usize = TEMPLATES.len() * SUBJECTS.len() * CONTEXTS.len() * ASPECTS.len();
    // 7919 is prime and does not divide SPACE (2^4 · 3^2 · 5^4), so this is a permutation.
    let mut j = (i % SPACE) * 7919 % SPACE;
    let t = j % TEMPLATES.len();
    j /= TEMPLATES.len();
    let a = j % SUBJECTS.len();
    j /= SUBJECTS.len();
    let b = j % CONTEXTS.len();
    j /= CONTEXTS.len();
    let c = j % ASPECTS.len();
    let a2 = (a + 1 + i % (SUBJECTS.len() - 1)) % SUBJECTS.len();
    fill(
        TEMPLATES[t],
        SUBJECTS[a],
        SUBJECTS[a2],
        CONTEXTS[b],
        ASPECTS[c],
    )
}

/// Writes a deck of `questions` main questions, five follow-ups each, spread over the 20
/// topics, seeded by `seed`.
pub fn write_deck(out: &mut impl Write, questions: usize, seed: u64) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    let per_topic: Vec<usize> = (0..TOPICS.len())
        .map(|t| questions / TOPICS.len() + usize::from(t < questions % TOPICS.len()))
        .collect();

    writeln!(
        out,
        "# Синтетическая колода: собеседование backend-разработчика"
    )?;
    writeln!(
        out,
        "## {questions} {} с углублением знаний\n\n---\n\n## Содержание",
        questions_word(questions)
    )?;
    for (t, (name, &count)) in TOPICS.iter().zip(&per_topic).enumerate() {
        let anchor = name.to_lowercase().replace(' ', "-");
        writeln!(
            out,
            "{}. [{name}](#{anchor}) ({count} {})",
            t + 1,
            questions_word(count)
        )?;
    }
    writeln!(out, "\n---")?;

    let mut number = 0;
    for (t, (name, &count)) in TOPICS.iter().zip(&per_topic).enumerate() {
        if count == 0 {
            continue;
        }
        writeln!(
            out,
            "\n## {}. {name} ({count} {})",
            t + 1,
            questions_word(count)
        )?;
        for _ in 0..count {
            number += 1;
            write_question(out, &mut rng, number)?;
        }
        writeln!(out, "\n---")?;
    }

    writeln!(out, "\n## Заключение\n\n### Рекомендации по использованию:")?;
    writeln!(out, "1. Не больше пяти основных вопросов за одну встречу.")?;
    writeln!(out, "2. Углубляющие вопросы задавайте по ответу кандидата.")?;
    Ok(())
}

fn write_question(out: &mut impl Write, rng: &mut Rng, number: usize) -> io::Result<()> {
    writeln!(out, "\n### {number}. {}", main_text(number - 1))?;
    // Bodies in some questions, as in real guides: code, a bullet list, or a paragraph.
    match rng.below(10) {
        0 | 1 => {
            let code = rng.pick(&[CODE_PYTHON, CODE_SQL, CODE_YAML]);
            writeln!(out, "\n**Пример из вашего кода:**\n{code}\n")?;
        }
        2 | 3 => {
            writeln!(out, "\n**Ключевые аспекты:**")?;
            for _ in 0..3 + rng.below(2) {
                let a = rng.pick(&SUBJECTS);
                let c = rng.pick(&ASPECTS);
                writeln!(out, "- {a}: влияние на {c}")?;
            }
            writeln!(out)?;
        }
        4 => {
            let b = rng.pick(&CONTEXTS);
            writeln!(
                out,
                "\nКонтекст: вы отвечаете за сервис в составе {b}; опирайтесь на свой опыт.\n"
            )?;
        }
        _ => {}
    }
    writeln!(out, "**Углубляющие вопросы:**")?;
    for item in 1..=5 {
        let template = rng.pick(&FOLLOWUPS);
        let text = fill(
            template,
            rng.pick(&SUBJECTS),
            "",
            rng.pick(&CONTEXTS),
            rng.pick(&ASPECTS),
        );
        writeln!(out, "{item}. {text}")?;
        // Now and then an item continues on an indented line.
        if rng.below(12) == 0 {
            writeln!(out, "   Приведите пример из практики.")?;
        }
    }
    Ok(())
}
