//! Counts and reverses the words of `{"text": "..."}`: output
//! `{"words": 4, "unique": 3, "longest": "brave", "reversed": "world brave new Hello"}`.
//! Built with Debian's rustc for wasm32-unknown-unknown, with no crates.
#[path = "../lib/extism.rs"]
mod extism;

use std::collections::HashSet;

#[no_mangle]
pub extern "C" fn cast() -> i32 {
    let input = extism::input();
    let text = match extism::string_field(&input, "text") {
        Ok(Some(text)) => text,
        Ok(None) => return extism::fail("input must be an object like {\"text\": \"...\"}"),
        Err(message) => return extism::fail(&message),
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let unique: HashSet<String> = words.iter().map(|word| word.to_lowercase()).collect();
    let longest = words.iter().fold("", |longest, word| if word.chars().count() > longest.chars().count() { word } else { longest });
    let reversed: Vec<&str> = words.iter().rev().copied().collect();
    extism::log(&format!("rust-words: {} words", words.len()));
    extism::output(&format!(
        "{{\"words\":{},\"unique\":{},\"longest\":{},\"reversed\":{}}}",
        words.len(),
        unique.len(),
        extism::json_string(longest),
        extism::json_string(&reversed.join(" "))
    ));
    0
}
