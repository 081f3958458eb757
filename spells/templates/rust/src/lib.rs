//! {{name}}: a spell. Input a JSON string ("Ada"); output {"greeting": "Hello, Ada!"}.
#[path = "extism.rs"]
mod extism;

/// The function a cast calls (`cast` unless you publish with --function).
#[no_mangle]
pub extern "C" fn cast() -> i32 {
    let input = extism::input();
    // The platform always sends valid JSON, so a value that starts and ends with a quote is one
    // string; its escapes stay valid inside the output's string.
    let name = match std::str::from_utf8(&input) {
        Ok(text) if text.len() >= 2 && text.starts_with('"') && text.ends_with('"') => &text[1..text.len() - 1],
        _ => return extism::fail("input must be a JSON string, like \"Ada\""),
    };
    extism::log(&format!("greeting {}", name));
    extism::output(&format!("{{\"greeting\":\"Hello, {}!\"}}", name));
    0
}
