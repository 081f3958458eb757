//! Extism's kernel, declared by hand from the documented ABI (https://extism.org/docs/concepts/pdk):
//! the functions a spell imports from `extism:host/env`, plus safe helpers over them. No crates: a
//! spell includes this file with `#[path = "extism.rs"] mod extism;` and builds with rustc alone:
//!   rustc --target wasm32-unknown-unknown --crate-type cdylib -O -o spell.wasm lib.rs
//!
//! Memory the kernel hands out lives on the host, not in the module's linear memory: a handle is
//! an offset into it, read and written a byte (u8) or a word (u64) at a time.
#![allow(dead_code)]

pub type Handle = u64;

#[link(wasm_import_module = "extism:host/env")]
extern "C" {
    fn input_length() -> u64;
    fn input_load_u8(offset: u64) -> u8;
    fn input_load_u64(offset: u64) -> u64;
    fn alloc(length: u64) -> Handle;
    fn length(block: Handle) -> u64;
    fn load_u8(at: Handle) -> u8;
    fn load_u64(at: Handle) -> u64;
    fn store_u8(at: Handle, value: u8);
    fn store_u64(at: Handle, value: u64);
    fn output_set(block: Handle, length: u64);
    fn error_set(block: Handle);
    fn var_get(key: Handle) -> Handle;
    fn var_set(key: Handle, value: Handle);
    fn config_get(key: Handle) -> Handle;
    fn log_info(message: Handle);
    fn log_warn(message: Handle);
    fn log_error(message: Handle);
}

/// The cast's input (the platform sends JSON). Reads 8 bytes at a time only while 8 remain.
pub fn input() -> Vec<u8> {
    let total = unsafe { input_length() };
    let mut bytes = Vec::with_capacity(total as usize);
    let mut at = 0;
    while at + 8 <= total {
        bytes.extend_from_slice(&unsafe { input_load_u64(at) }.to_le_bytes());
        at += 8;
    }
    while at < total {
        bytes.push(unsafe { input_load_u8(at) });
        at += 1;
    }
    bytes
}

/// Copies `bytes` into a new host block.
pub fn store(bytes: &[u8]) -> Handle {
    let block = unsafe { alloc(bytes.len() as u64) };
    let mut words = bytes.chunks_exact(8);
    let mut at = block;
    for word in &mut words {
        let mut buffer = [0u8; 8];
        buffer.copy_from_slice(word);
        unsafe { store_u64(at, u64::from_le_bytes(buffer)) };
        at += 8;
    }
    for &byte in words.remainder() {
        unsafe { store_u8(at, byte) };
        at += 1;
    }
    block
}

/// The bytes of a host block.
pub fn load(block: Handle) -> Vec<u8> {
    let total = unsafe { length(block) };
    let mut bytes = Vec::with_capacity(total as usize);
    let mut at = 0;
    while at + 8 <= total {
        bytes.extend_from_slice(&unsafe { load_u64(block + at) }.to_le_bytes());
        at += 8;
    }
    while at < total {
        bytes.push(unsafe { load_u8(block + at) });
        at += 1;
    }
    bytes
}

/// Sets the cast's output.
pub fn output(text: &str) {
    let block = store(text.as_bytes());
    unsafe { output_set(block, text.len() as u64) };
}

/// Sets the cast's error message; return 1 from the export afterwards.
pub fn fail(message: &str) -> i32 {
    unsafe { error_set(store(message.as_bytes())) };
    1
}

/// Writes a line to the cast's log at level info.
pub fn log(message: &str) {
    unsafe { log_info(store(message.as_bytes())) };
}

/// A variable set earlier in this cast (`None` when unset).
pub fn get_var(key: &str) -> Option<Vec<u8>> {
    let block = unsafe { var_get(store(key.as_bytes())) };
    if block == 0 {
        None
    } else {
        Some(load(block))
    }
}

/// Sets a variable, kept for the rest of this cast.
pub fn set_var(key: &str, value: &[u8]) {
    unsafe { var_set(store(key.as_bytes()), store(value)) };
}

/// A value of the spell's configuration (`None` when unset).
pub fn config(key: &str) -> Option<String> {
    let block = unsafe { config_get(store(key.as_bytes())) };
    if block == 0 {
        None
    } else {
        String::from_utf8(load(block)).ok()
    }
}

/// A JSON string literal for `text` (RFC 8259 escapes).
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A small JSON reader, enough for a spell's input: `string_field(json, "text")` is the string
/// value of a top-level object's field. `Err` says what is wrong with the input.
pub fn string_field(json: &[u8], field: &str) -> Result<Option<String>, String> {
    let mut reader = Reader { json, at: 0 };
    reader.space();
    reader.expect(b'{')?;
    reader.space();
    if reader.peek() == Some(b'}') {
        return Ok(None);
    }
    let mut found = None;
    loop {
        reader.space();
        let key = reader.string()?;
        reader.space();
        reader.expect(b':')?;
        reader.space();
        if key == field && reader.peek() == Some(b'"') {
            found = Some(reader.string()?);
        } else {
            reader.skip_value(0)?;
        }
        reader.space();
        match reader.next() {
            Some(b',') => continue,
            Some(b'}') => break,
            _ => return Err(reader.error("',' or '}'")),
        }
    }
    reader.space();
    if reader.peek().is_some() {
        return Err(reader.error("the end of the input"));
    }
    Ok(found)
}

struct Reader<'a> {
    json: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.json.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek();
        self.at += 1;
        byte
    }

    fn error(&self, wanted: &str) -> String {
        format!("input is not valid JSON: expected {} at byte {}", wanted, self.at)
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("'{}'", byte as char)))
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.json.get(self.at..self.at + 4).ok_or_else(|| self.error("four hex digits"))?;
        let text = std::str::from_utf8(digits).map_err(|_| self.error("four hex digits"))?;
        let code = u32::from_str_radix(text, 16).map_err(|_| self.error("four hex digits"))?;
        self.at += 4;
        Ok(code)
    }

    fn string(&mut self) -> Result<String, String> {
        self.expect(b'"')?;
        let mut bytes = Vec::new();
        loop {
            match self.next() {
                None => return Err(self.error("'\"'")),
                Some(b'"') => break,
                Some(b'\\') => {
                    let escaped = match self.next() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let mut code = self.hex4()?;
                            if (0xd800..0xdc00).contains(&code) && self.json.get(self.at..self.at + 2) == Some(b"\\u") {
                                self.at += 2;
                                let low = self.hex4()?;
                                code = 0x10000 + ((code - 0xd800) << 10) + (low.wrapping_sub(0xdc00) & 0x3ff);
                            }
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        }
                        _ => return Err(self.error("an escape")),
                    };
                    let mut buffer = [0u8; 4];
                    bytes.extend_from_slice(escaped.encode_utf8(&mut buffer).as_bytes());
                }
                Some(byte) => bytes.push(byte),
            }
        }
        String::from_utf8(bytes).map_err(|_| self.error("UTF-8 text"))
    }

    fn skip_value(&mut self, depth: u32) -> Result<(), String> {
        if depth > 64 {
            return Err(self.error("less nesting"));
        }
        self.space();
        match self.peek() {
            Some(b'"') => self.string().map(|_| ()),
            Some(open @ (b'{' | b'[')) => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.at += 1;
                self.space();
                if self.peek() == Some(close) {
                    self.at += 1;
                    return Ok(());
                }
                loop {
                    self.space();
                    if open == b'{' {
                        self.string()?;
                        self.space();
                        self.expect(b':')?;
                    }
                    self.skip_value(depth + 1)?;
                    self.space();
                    match self.next() {
                        Some(b',') => continue,
                        Some(byte) if byte == close => return Ok(()),
                        _ => return Err(self.error("',' or a closing bracket")),
                    }
                }
            }
            Some(_) => {
                let start = self.at;
                while matches!(self.peek(), Some(b'-' | b'+' | b'.' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z')) {
                    self.at += 1;
                }
                match &self.json[start..self.at] {
                    b"true" | b"false" | b"null" => Ok(()),
                    number if !number.is_empty() && std::str::from_utf8(number).ok().and_then(|text| text.parse::<f64>().ok()).is_some() => Ok(()),
                    _ => Err(self.error("a JSON value")),
                }
            }
            None => Err(self.error("a JSON value")),
        }
    }
}
