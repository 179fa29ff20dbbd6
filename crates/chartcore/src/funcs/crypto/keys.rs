//! Private keys as Sprig generates, prints and reads them: RSA (PKCS#1
//! `RSA PRIVATE KEY`), ECDSA P-256 (SEC 1 `EC PRIVATE KEY`), Ed25519
//! (PKCS#8 `PRIVATE KEY`) and DSA (Sprig's own `DSA PRIVATE KEY` layout).

use dsa::Generate;
use getrandom::SysRng;
use getrandom::rand_core::UnwrapErr;
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey, EncodeRsaPublicKey};
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer};
use sha2::{Digest, Sha256};

use super::der;
use super::pem;
use super::prime;

const OID_RSA: &[u64] = &[1, 2, 840, 113549, 1, 1, 1];
const OID_SHA256_WITH_RSA: &[u64] = &[1, 2, 840, 113549, 1, 1, 11];
const OID_EC_PUBLIC_KEY: &[u64] = &[1, 2, 840, 10045, 2, 1];
const OID_P256: &[u64] = &[1, 2, 840, 10045, 3, 1, 7];
const OID_ECDSA_WITH_SHA256: &[u64] = &[1, 2, 840, 10045, 4, 3, 2];
const OID_ED25519: &[u64] = &[1, 3, 101, 112];

/// A private key of one of the kinds Sprig handles.
pub enum PrivateKey {
    /// An RSA key (public exponent 65537 when generated here).
    Rsa(Box<rsa::PrivateKey>),
    /// An ECDSA key on P-256, the only curve Sprig generates.
    Ecdsa(p256::SecretKey),
    /// An Ed25519 key.
    Ed25519(ed25519_dalek::SigningKey),
    /// DSA parameters and key as big-endian magnitudes: p, q, g, y, x.
    Dsa([Vec<u8>; 5]),
}

fn rng() -> UnwrapErr<SysRng> {
    UnwrapErr(SysRng)
}

impl PrivateKey {
    /// A new RSA key of the given size with public exponent 65537.
    ///
    /// Sizes from 1024 to 8192 bits use [`prime::random_prime`] (which
    /// tests candidates on all threads); others go to the rsa crate's
    /// generator (which rejects sizes below 1024).
    pub fn generate_rsa(bits: usize) -> Result<PrivateKey, String> {
        let key = if (rsa::PublicKey::MIN_SIZE..=8192).contains(&bits) {
            generate_rsa_from_primes(bits)?
        } else {
            rsa::PrivateKey::new(&mut rng(), bits).map_err(|e| e.to_string())?
        };
        Ok(PrivateKey::Rsa(Box::new(key)))
    }

    /// Sprig's `genPrivateKey`: the PEM text, or Sprig's message for an
    /// unknown type.
    pub fn generate_pem(kind: &str) -> String {
        let key = match kind {
            "" | "rsa" => PrivateKey::generate_rsa(4096),
            "ecdsa" => Ok(PrivateKey::Ecdsa(p256::SecretKey::generate_from_rng(
                &mut rng(),
            ))),
            "ed25519" => {
                let mut seed = [0u8; 32];
                getrandom::fill(&mut seed)
                    .map_err(|e| e.to_string())
                    .map(|()| PrivateKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed)))
            }
            "dsa" => generate_dsa(),
            other => return format!("Unknown type {other}"),
        };
        match key {
            Ok(k) => k.to_pem(),
            Err(e) => format!("failed to generate private key: {e}"),
        }
    }

    /// Sprig's `pemBlockForKey`, encoded.
    pub fn to_pem(&self) -> String {
        match self {
            PrivateKey::Rsa(k) => match k.to_pkcs1_der() {
                Ok(d) => pem::encode("RSA PRIVATE KEY", d.as_bytes()),
                Err(_) => String::new(),
            },
            PrivateKey::Ecdsa(k) => match k.to_sec1_der() {
                Ok(d) => pem::encode("EC PRIVATE KEY", &d),
                Err(_) => String::new(),
            },
            PrivateKey::Ed25519(k) => {
                // Go's PKCS#8: version 0, the algorithm, the seed in an OCTET STRING.
                let inner = der::octet_string(k.as_bytes());
                let body = der::sequence(&[
                    der::small_integer(0),
                    der::sequence(&[der::oid(OID_ED25519)]),
                    der::octet_string(&inner),
                ]);
                pem::encode("PRIVATE KEY", &body)
            }
            PrivateKey::Dsa(parts) => {
                let mut fields = vec![der::small_integer(0)];
                fields.extend(parts.iter().map(|p| der::unsigned_integer(p)));
                pem::encode("DSA PRIVATE KEY", &der::sequence(&fields))
            }
        }
    }

    /// Sprig's `parsePrivateKeyPEM`, with its error texts.
    pub fn from_pem(text: &str) -> Result<PrivateKey, String> {
        let block = pem::decode(text).ok_or("no PEM data in input")?;
        let der = &block.der;
        if block.kind == "PRIVATE KEY" {
            return parse_pkcs8(der).map_err(|e| format!("decoding PEM as PKCS#8: {e}"));
        }
        let Some(algo) = block.kind.strip_suffix(" PRIVATE KEY") else {
            return Err(format!(
                "no private key data in PEM block of type {}",
                block.kind
            ));
        };
        match algo {
            "RSA" => parse_pkcs1(der).map_err(|e| format!("parsing RSA private key from PEM: {e}")),
            "EC" => parse_sec1(der).map_err(|e| {
                format!(
                    "parsing EC private key from PEM: x509: failed to parse EC private key: {e}"
                )
            }),
            "DSA" => parse_dsa(der).map_err(|e| format!("parsing DSA private key from PEM: {e}")),
            _ => Err(format!("invalid private key type {}", block.kind)),
        }
    }

    /// The DER `SubjectPublicKeyInfo` (Go's `marshalPublicKey`).
    pub fn public_key_info(&self) -> Result<Vec<u8>, String> {
        Ok(match self {
            PrivateKey::Rsa(k) => {
                let public = k
                    .to_public_key()
                    .to_pkcs1_der()
                    .map_err(|e| e.to_string())?;
                der::sequence(&[
                    der::sequence(&[der::oid(OID_RSA), der::null()]),
                    der::bit_string(public.as_bytes()),
                ])
            }
            PrivateKey::Ecdsa(k) => der::sequence(&[
                der::sequence(&[der::oid(OID_EC_PUBLIC_KEY), der::oid(OID_P256)]),
                der::bit_string(&k.public_key().to_sec1_bytes()),
            ]),
            PrivateKey::Ed25519(k) => der::sequence(&[
                der::sequence(&[der::oid(OID_ED25519)]),
                der::bit_string(k.verifying_key().as_bytes()),
            ]),
            PrivateKey::Dsa(_) => {
                return Err("x509: unsupported public key type: *dsa.PublicKey".into());
            }
        })
    }

    /// The signature `AlgorithmIdentifier` Go picks for the key, or Go's
    /// error for keys it cannot sign with.
    pub fn signature_algorithm(&self) -> Result<Vec<u8>, String> {
        Ok(match self {
            PrivateKey::Rsa(_) => der::sequence(&[der::oid(OID_SHA256_WITH_RSA), der::null()]),
            PrivateKey::Ecdsa(_) => der::sequence(&[der::oid(OID_ECDSA_WITH_SHA256)]),
            PrivateKey::Ed25519(_) => der::sequence(&[der::oid(OID_ED25519)]),
            PrivateKey::Dsa(_) => {
                return Err(
                    "x509: certificate private key does not implement crypto.Signer".into(),
                );
            }
        })
    }

    /// Signs a to-be-signed certificate.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, String> {
        match self {
            PrivateKey::Rsa(k) => {
                let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(k.as_ref().clone());
                Ok(signer
                    .try_sign(message)
                    .map_err(|e| e.to_string())?
                    .to_vec())
            }
            PrivateKey::Ecdsa(k) => {
                let signer = p256::ecdsa::SigningKey::from(k);
                let sig: p256::ecdsa::Signature =
                    signer.try_sign(message).map_err(|e| e.to_string())?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
            PrivateKey::Ed25519(k) => Ok(k.sign(message).to_bytes().to_vec()),
            PrivateKey::Dsa(_) => {
                Err("x509: certificate private key does not implement crypto.Signer".into())
            }
        }
    }
}

/// Go 1.25+ `SubjectKeyId`: the first 160 bits of SHA-256 over the public
/// key bits of a `SubjectPublicKeyInfo`.
pub fn subject_key_id(spki: &[u8]) -> Option<Vec<u8>> {
    let (info, _) = der::expect(spki, der::SEQUENCE)?;
    let parts = der::children(info.content)?;
    let bits = parts.get(1).filter(|e| e.tag == der::BIT_STRING)?;
    let key_bytes = bits.content.get(1..)?;
    Some(Sha256::digest(key_bytes)[..20].to_vec())
}

/// Two primes of half the size each (the first one bit shorter for odd
/// sizes), top two bits set so that n has exactly `bits` bits, not 1 mod
/// 65537, distinct; the rsa crate then derives d and checks the key.
fn generate_rsa_from_primes(bits: usize) -> Result<rsa::PrivateKey, String> {
    let (p_bits, q_bits) = (bits / 2, bits - bits / 2);
    let prime = |size: usize| match prime::random_prime(size) {
        Some(p) => p.map_err(|e| e.to_string()),
        None => Err(format!("no prime generator for {size} bits")),
    };
    loop {
        let (p, q) = (prime(p_bits)?, prime(q_bits)?);
        if p == q {
            continue;
        }
        let primes = vec![
            rsa::BoxedUint::from_be_slice_vartime(&p),
            rsa::BoxedUint::from_be_slice_vartime(&q),
        ];
        return rsa::PrivateKey::from_primes(primes, rsa::BoxedUint::from(65537u64))
            .map_err(|e| e.to_string());
    }
}

fn generate_dsa() -> Result<PrivateKey, String> {
    let components = dsa::Components::try_generate_from_rng_with_key_size(
        &mut rng(),
        dsa::KeySize::DSA_2048_256,
    )
    .map_err(|e| e.to_string())?;
    let key = dsa::SigningKey::try_generate_from_rng_with_components(&mut rng(), components)
        .map_err(|e| e.to_string())?;
    let vk = key.verifying_key();
    let c = vk.components();
    let bytes = |n: &dsa::BoxedUint| n.to_be_bytes_trimmed_vartime().to_vec();
    Ok(PrivateKey::Dsa([
        bytes(c.p()),
        bytes(c.q()),
        bytes(c.g()),
        bytes(vk.y()),
        bytes(key.x()),
    ]))
}

fn parse_pkcs1(der: &[u8]) -> Result<PrivateKey, String> {
    if let Some(e) = der::go_sequence_mismatch(der, "pkcs1PrivateKey") {
        return Err(e);
    }
    rsa::PrivateKey::from_pkcs1_der(der)
        .map(|k| PrivateKey::Rsa(Box::new(k)))
        .map_err(|_| "x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)".into())
}

fn parse_sec1(der: &[u8]) -> Result<PrivateKey, String> {
    if let Some(e) = der::go_sequence_mismatch(der, "ecPrivateKey") {
        return Err(e);
    }
    p256::SecretKey::from_sec1_der(der)
        .map(PrivateKey::Ecdsa)
        .map_err(|_| "x509: unknown elliptic curve".into())
}

fn parse_pkcs8(der: &[u8]) -> Result<PrivateKey, String> {
    if let Some(e) = der::go_sequence_mismatch(der, "pkcs8") {
        return Err(e);
    }
    let oid = pkcs8_algorithm(der).ok_or("asn1: syntax error: sequence truncated")?;
    let malformed =
        |what: &str| format!("x509: failed to parse {what} private key embedded in PKCS#8");
    if oid == der::oid_content(OID_RSA) {
        rsa::PrivateKey::from_pkcs8_der(der)
            .map(|k| PrivateKey::Rsa(Box::new(k)))
            .map_err(|_| malformed("RSA"))
    } else if oid == der::oid_content(OID_EC_PUBLIC_KEY) {
        p256::SecretKey::from_pkcs8_der(der)
            .map(PrivateKey::Ecdsa)
            .map_err(|_| malformed("EC"))
    } else if oid == der::oid_content(OID_ED25519) {
        ed25519_dalek::SigningKey::from_pkcs8_der(der)
            .map(PrivateKey::Ed25519)
            .map_err(|_| "x509: invalid Ed25519 private key parameters".into())
    } else {
        Err(format!(
            "x509: PKCS#8 wrapping contained private key with unknown algorithm: {}",
            oid_text(&oid)
        ))
    }
}

/// The algorithm OID (content bytes) of a PKCS#8 `PrivateKeyInfo`.
fn pkcs8_algorithm(der: &[u8]) -> Option<Vec<u8>> {
    let (info, _) = der::expect(der, der::SEQUENCE)?;
    let fields = der::children(info.content)?;
    let (algo, _) = der::expect(fields.get(1)?.raw, der::SEQUENCE)?;
    let (oid, _) = der::expect(algo.content, der::OID)?;
    Some(oid.content.to_vec())
}

/// Dotted text of OID content bytes.
fn oid_text(content: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut v: u64 = 0;
    for &b in content {
        v = (v << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if arcs.is_empty() {
                let first = (v / 40).min(2);
                arcs.push(first);
                arcs.push(v - first * 40);
            } else {
                arcs.push(v);
            }
            v = 0;
        }
    }
    arcs.iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// Sprig's `DSAKeyFormat`: SEQUENCE { version, p, q, g, y, x }.
fn parse_dsa(der: &[u8]) -> Result<PrivateKey, String> {
    if let Some(e) = der::go_sequence_mismatch(der, "DSAKeyFormat") {
        return Err(e);
    }
    let fields = der::expect(der, der::SEQUENCE)
        .and_then(|(seq, _)| der::children(seq.content))
        .filter(|f| f.len() == 6 && f.iter().all(|e| e.tag == der::INTEGER))
        .ok_or("asn1: syntax error: data truncated")?;
    let magnitude = |e: &der::Element<'_>| {
        let c = e.content;
        c.iter()
            .skip_while(|&&b| b == 0)
            .copied()
            .collect::<Vec<u8>>()
    };
    Ok(PrivateKey::Dsa([
        magnitude(&fields[1]),
        magnitude(&fields[2]),
        magnitude(&fields[3]),
        magnitude(&fields[4]),
        magnitude(&fields[5]),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys the reference Helm generated.
    const HELM_EC_KEY: &str = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB4F9GT/vWabbLreZFCcux7+jMi/voGweUXvf21hpqiMoAoGCCqGSM49\nAwEHoUQDQgAE2h2Vnpqdb0Xxk5qWiUDiEKvbj/YjDKzdLmPHiDNYr+WzYDlyGAxH\nIJmmE8EmhWI7UrLqHatPG/s+gataTTXt/Q==\n-----END EC PRIVATE KEY-----\n";
    const HELM_ED25519_KEY: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIPpmeEf+U+CAZpXz0asDTvDdN6fHCFlOHjbOCrC8AXrK\n-----END PRIVATE KEY-----\n";

    #[test]
    fn helm_keys_round_trip_byte_for_byte() {
        for text in [HELM_EC_KEY, HELM_ED25519_KEY] {
            let key = PrivateKey::from_pem(text).unwrap();
            assert_eq!(key.to_pem(), text);
        }
    }

    #[test]
    fn generated_small_keys_parse_back() {
        for kind in ["ecdsa", "ed25519"] {
            let text = PrivateKey::generate_pem(kind);
            let key = PrivateKey::from_pem(&text).unwrap();
            assert_eq!(key.to_pem(), text);
            assert!(key.public_key_info().is_ok());
        }
        assert_eq!(PrivateKey::generate_pem("foo"), "Unknown type foo");
    }

    #[test]
    fn parse_errors_match_sprig() {
        let err = |s: &str| PrivateKey::from_pem(s).err().unwrap();
        assert_eq!(err("bad"), "no PEM data in input");
        assert_eq!(
            err("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n"),
            "no private key data in PEM block of type FOO"
        );
        assert_eq!(
            err("-----BEGIN WEIRD PRIVATE KEY-----\nAAAA\n-----END WEIRD PRIVATE KEY-----\n"),
            "invalid private key type WEIRD PRIVATE KEY"
        );
        assert!(
            err("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n")
                .starts_with(
                    "parsing RSA private key from PEM: asn1: structure error: tags don't match"
                )
        );
    }

    /// Keys from the prime search: exact size, n = p·q with p ≠ q, e·d ≡ 1
    /// mod λ(n), a signature that verifies, a PEM that parses back; sizes
    /// outside the search's range still come from the rsa crate.
    #[test]
    fn generated_rsa_keys_are_well_formed() {
        use num_bigint::BigUint;
        use rsa::signature::Verifier;
        use rsa::traits::{PrivateKeyParts, PublicKeyParts};
        let big = |n: &rsa::BoxedUint| BigUint::from_bytes_be(&n.to_be_bytes_trimmed_vartime());
        for bits in [1024, 1025, 2048] {
            let PrivateKey::Rsa(key) = PrivateKey::generate_rsa(bits).unwrap() else {
                panic!("not an RSA key");
            };
            let n = big(key.n());
            assert_eq!(n.bits(), bits as u64);
            let [p, q] = [big(&key.primes()[0]), big(&key.primes()[1])];
            assert_ne!(p, q);
            assert_eq!(&p * &q, n);
            let (p1, q1) = (&p - 1u32, &q - 1u32);
            let lambda = &p1 * &q1 / num_integer_gcd(&p1, &q1);
            let e = big(key.e());
            assert_eq!(e, BigUint::from(65537u32));
            assert_eq!(e * big(key.d()) % lambda, BigUint::from(1u32), "{bits}");

            let message = b"to be signed";
            let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key.as_ref().clone());
            let signature = signer.try_sign(message).unwrap();
            let verifier = rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key.to_public_key());
            assert!(verifier.verify(message, &signature).is_ok());
            assert!(verifier.verify(b"something else", &signature).is_err());

            let text = PrivateKey::Rsa(key).to_pem();
            assert_eq!(PrivateKey::from_pem(&text).unwrap().to_pem(), text);
        }
        assert!(PrivateKey::generate_rsa(512).is_err());
    }

    fn num_integer_gcd(a: &num_bigint::BigUint, b: &num_bigint::BigUint) -> num_bigint::BigUint {
        let (mut a, mut b) = (a.clone(), b.clone());
        while b != num_bigint::BigUint::ZERO {
            let r = &a % &b;
            a = b;
            b = r;
        }
        a
    }

    #[test]
    fn oid_text_is_dotted() {
        assert_eq!(oid_text(&der::oid_content(OID_RSA)), "1.2.840.113549.1.1.1");
    }
}
