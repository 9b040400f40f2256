//! The collection's JSON columns: `col.conf`, the one note type (`models`), the decks and
//! the Default options group (`dconf`).

use serde_json::{Value, json};

use crate::export::fields::FIELD_NAMES;

/// Name of the one note type.
pub const NOTETYPE_NAME: &str = "recall question";
/// When the templates last changed (seconds). Anki updates a note type on import only
/// when this is newer than its copy: bump it with any change to the templates or CSS.
const NOTETYPE_MOD_SECS: i64 = 1_795_826_166;
/// Anki's Default deck, which every collection has.
pub(super) const DEFAULT_DECK_ID: i64 = 1;
/// Anki's Default options group.
const DEFAULT_CONF_ID: i64 = 1;

// The files end with a newline, the stored templates never had one: keeping them as they
// were spares the learner's Anki a note type update.
const FRONT_TEMPLATE: &str = include_str!("front.html").trim_ascii_end();
const BACK_TEMPLATE: &str = include_str!("back.html").trim_ascii_end();
const CSS: &str = include_str!("card.css").trim_ascii_end();

/// `col.conf`: the v2 scheduler (`schedVer: 2`) and the usual defaults.
pub(super) fn collection_conf(notetype_id: i64, next_position: i64) -> Value {
    json!({
        "schedVer": 2,
        "activeDecks": [DEFAULT_DECK_ID],
        "curDeck": DEFAULT_DECK_ID,
        "curModel": notetype_id,
        "nextPos": next_position,
        "newSpread": 0,
        "collapseTime": 1200,
        "timeLim": 0,
        "estTimes": true,
        "dueCounts": true,
        "sortType": "noteFld",
        "sortBackwards": false,
        "addToCur": true,
        "dayLearnFirst": false,
        "rollover": 4,
    })
}

/// `col.models`: the one note type, its fields, its card template and CSS.
pub(super) fn models_json(notetype_id: i64) -> Value {
    let fields: Vec<Value> = FIELD_NAMES
        .iter()
        .enumerate()
        .map(|(ord, name)| {
            json!({
                "name": name,
                "ord": ord,
                "sticky": false,
                "rtl": false,
                "font": "Arial",
                "size": 20,
                "description": "",
            })
        })
        .collect();
    let model = json!({
        "id": notetype_id,
        "name": NOTETYPE_NAME,
        "type": 0,
        "mod": NOTETYPE_MOD_SECS,
        "usn": 0,
        "sortf": 0,
        "did": DEFAULT_DECK_ID,
        "tmpls": [{
            "name": "Card 1",
            "ord": 0,
            "qfmt": FRONT_TEMPLATE,
            "afmt": BACK_TEMPLATE,
            "bqfmt": "",
            "bafmt": "",
            "did": null,
            "bfont": "",
            "bsize": 0,
        }],
        "flds": fields,
        "css": CSS,
        "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        "latexPost": "\\end{document}",
        "latexsvg": false,
        "req": [[0, "any", [0]]],
        "tags": [],
        "vers": [],
    });
    json!({ notetype_id.to_string(): model })
}

fn deck_json(id: i64, name: &str, mod_secs: i64) -> Value {
    json!({
        "id": id,
        "name": name,
        "mod": mod_secs,
        "usn": 0,
        "lrnToday": [0, 0],
        "revToday": [0, 0],
        "newToday": [0, 0],
        "timeToday": [0, 0],
        "collapsed": false,
        "browserCollapsed": false,
        "desc": "",
        "dyn": 0,
        "conf": DEFAULT_CONF_ID,
        "extendNew": 0,
        "extendRev": 0,
    })
}

/// `col.decks`: Anki's Default deck and `decks` (id, full name), keyed by id.
pub(super) fn decks_json(decks: &[(i64, String)], mod_secs: i64) -> Value {
    let mut map = serde_json::Map::new();
    map.insert(
        DEFAULT_DECK_ID.to_string(),
        deck_json(DEFAULT_DECK_ID, "Default", mod_secs),
    );
    for (id, name) in decks {
        map.insert(id.to_string(), deck_json(*id, name, mod_secs));
    }
    Value::Object(map)
}

/// Anki's Default options group. The importer adds an options group only when the
/// collection has none with its id, so the learner's own Default stays as it is.
pub(super) fn dconf_json() -> Value {
    json!({
        DEFAULT_CONF_ID.to_string(): {
            "id": DEFAULT_CONF_ID,
            "mod": 0,
            "name": "Default",
            "usn": 0,
            "maxTaken": 60,
            "autoplay": true,
            "timer": 0,
            "replayq": true,
            "dyn": false,
            "new": {
                "bury": false,
                "delays": [1.0, 10.0],
                "initialFactor": 2500,
                "ints": [1, 4, 0],
                "order": 1,
                "perDay": 20,
            },
            "rev": {
                "bury": false,
                "ease4": 1.3,
                "ivlFct": 1.0,
                "maxIvl": 36500,
                "perDay": 200,
                "hardFactor": 1.2,
            },
            "lapse": {
                "delays": [10.0],
                "leechAction": 1,
                "leechFails": 8,
                "minInt": 1,
                "mult": 0.0,
            },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{{…}}` names a template uses, section markers (`#`, `^`, `/`) stripped.
    fn template_fields(template: &str) -> Vec<&str> {
        template
            .split("{{")
            .skip(1)
            .filter_map(|rest| rest.split_once("}}"))
            .map(|(name, _)| name.trim_start_matches(['#', '^', '/']))
            .collect()
    }

    #[test]
    fn the_templates_name_only_fields_of_the_note_type() {
        // Anki shows an unknown field as an error on the card itself.
        let mut unknown: Vec<&str> = template_fields(FRONT_TEMPLATE)
            .into_iter()
            .chain(template_fields(BACK_TEMPLATE))
            .filter(|name| *name != "FrontSide" && !FIELD_NAMES.contains(name))
            .collect();
        unknown.dedup();
        assert_eq!(unknown, Vec::<&str>::new());
        assert!(template_fields(FRONT_TEMPLATE).contains(&"Question"));
    }

    #[test]
    fn the_default_deck_is_always_there_and_decks_are_keyed_by_id() {
        let decks = decks_json(&[(7, "Deck::Topic".to_string())], 100);
        let names: Vec<(String, Value, Value)> = decks
            .as_object()
            .into_iter()
            .flatten()
            .map(|(key, deck)| (key.clone(), deck["id"].clone(), deck["name"].clone()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("1".to_string(), json!(1), json!("Default")),
                ("7".to_string(), json!(7), json!("Deck::Topic")),
            ]
        );
    }
}
