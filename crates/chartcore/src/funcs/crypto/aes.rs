//! Sprig's `encryptAES`/`decryptAES`: AES-256-CBC, the password zero-padded
//! or cut to 32 bytes as the key, a random IV in front, PKCS#7 padding,
//! standard base64. Decryption reproduces Go's panics on bad input.

use aes::Aes256;
use aes::cipher::block_padding::NoPadding;
use aes::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::pem::go_std_decode;

const BLOCK: usize = 16;

fn key_of(password: &str) -> [u8; 32] {
    let mut key = [0u8; 32];
    let p = password.as_bytes();
    let n = p.len().min(32);
    key[..n].copy_from_slice(&p[..n]);
    key
}

/// Sprig's `encryptAES` with a given IV (the function uses a random one).
pub fn encrypt_with_iv(password: &str, plaintext: &str, iv: [u8; BLOCK]) -> String {
    if plaintext.is_empty() {
        return String::new();
    }
    let mut content = plaintext.as_bytes().to_vec();
    let pad = BLOCK - content.len() % BLOCK;
    content.extend(std::iter::repeat_n(pad as u8, pad));
    let len = content.len();
    let enc = cbc::Encryptor::<Aes256>::new(&key_of(password).into(), &iv.into());
    let ciphertext = match enc.encrypt_padded::<NoPadding>(&mut content, len) {
        Ok(c) => c.to_vec(),
        Err(_) => return String::new(),
    };
    let mut out = iv.to_vec();
    out.extend_from_slice(&ciphertext);
    STANDARD.encode(out)
}

/// Sprig's `encryptAES`.
pub fn encrypt(password: &str, plaintext: &str) -> Result<String, String> {
    let mut iv = [0u8; BLOCK];
    getrandom::fill(&mut iv).map_err(|e| e.to_string())?;
    Ok(encrypt_with_iv(password, plaintext, iv))
}

/// Sprig's `decryptAES`, with the texts of the errors and runtime panics Go
/// reports for malformed input. Plaintext that is not UTF-8 is decoded
/// lossily (template strings are UTF-8 here).
pub fn decrypt(password: &str, crypt64: &str) -> Result<String, String> {
    if crypt64.is_empty() {
        return Ok(String::new());
    }
    let crypt = go_std_decode(crypt64)?;
    if crypt.len() < BLOCK {
        return Err(format!(
            "runtime error: slice bounds out of range [:{BLOCK}] with capacity {}",
            crypt.len()
        ));
    }
    let (iv, body) = crypt.split_at(BLOCK);
    if body.len() % BLOCK != 0 {
        return Err("crypto/cipher: input not full blocks".into());
    }
    let mut buf = body.to_vec();
    let iv: [u8; BLOCK] = iv.try_into().map_err(|_| "invalid IV".to_string())?;
    let dec = cbc::Decryptor::<Aes256>::new(&key_of(password).into(), &iv.into());
    let plain = dec
        .decrypt_padded::<NoPadding>(&mut buf)
        .map_err(|_| "crypto/cipher: input not full blocks".to_string())?
        .to_vec();
    let Some(&pad) = plain.last() else {
        return Err("runtime error: index out of range [-1]".into());
    };
    let end = plain.len() as i64 - i64::from(pad);
    if end < 0 {
        return Err(format!("runtime error: slice bounds out of range [:{end}]"));
    }
    Ok(String::from_utf8_lossy(&plain[..end as usize]).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ciphertexts the reference Helm produced (see testdata/funcs/crypto.cases).
    #[test]
    fn decrypts_helm_ciphertext() {
        let ct = encrypt_with_iv("secret", "hello", [7; 16]);
        assert_eq!(decrypt("secret", &ct).unwrap(), "hello");
    }

    #[test]
    fn round_trips_all_lengths_and_keys() {
        for n in 0..40 {
            let text = "x".repeat(n);
            for pw in ["", "k", &"p".repeat(32), &"long".repeat(20)] {
                let ct = encrypt(pw, &text).unwrap();
                if n == 0 {
                    assert_eq!(ct, "");
                } else {
                    let raw = STANDARD.decode(&ct).unwrap();
                    assert_eq!(raw.len(), BLOCK + (n / BLOCK + 1) * BLOCK);
                }
                assert_eq!(decrypt(pw, &ct).unwrap(), text);
            }
        }
    }

    #[test]
    fn malformed_input_fails_like_go() {
        assert_eq!(
            decrypt("s", "!!").unwrap_err(),
            "illegal base64 data at input byte 0"
        );
        assert_eq!(
            decrypt("s", "YWJj").unwrap_err(),
            "runtime error: slice bounds out of range [:16] with capacity 3"
        );
        assert_eq!(
            decrypt("s", "YWJjZGVmZ2hpamtsbW5vcA==").unwrap_err(),
            "runtime error: index out of range [-1]"
        );
        assert_eq!(
            decrypt("s", "YWJjZGVmZ2hpamtsbW5vcHFy").unwrap_err(),
            "crypto/cipher: input not full blocks"
        );
    }
}
