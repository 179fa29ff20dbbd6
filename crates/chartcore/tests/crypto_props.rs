//! Property tests for the random crypto functions: generated keys and
//! certificates parse with an independent X.509 parser, carry what was asked
//! for, chain to their CA, and match Sprig's layout (key PEM types, key
//! usages, extensions, key identifiers). RSA-4096 and DSA generation are
//! slow outside release builds, so those tests are `#[ignore]`d.

use std::time::{SystemTime, UNIX_EPOCH};

use chartcore::funcs;
use gotemplate::{Map, MissingKey, Templates, Value};
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use rsa::traits::PublicKeyParts;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::der::{Decode, DecodePem, Encode, Tagged};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages,
    SubjectAltName, SubjectKeyIdentifier,
};

/// Renders a template with the chart function library.
fn render(src: &str, values: Value) -> Result<String, String> {
    let mut t = Templates::new("gotpl", funcs::function_map());
    t.set_missing_key(MissingKey::Zero);
    let data = Value::Map(Map::new());
    data.as_map().unwrap().insert("Values", values);
    t.parse("t", src).map_err(|e| e.to_string())?;
    t.execute("t", &data).map_err(|e| e.to_string())
}

fn render_ok(src: &str) -> String {
    render(src, Value::Map(Map::new())).unwrap()
}

/// Renders `Cert` and `Key` of a certificate expression.
fn cert_and_key(expr: &str) -> (String, String) {
    let out = render_ok(&format!(
        "{{{{ $c := {expr} }}}}{{{{ $c.Cert }}}}@@{{{{ $c.Key }}}}"
    ));
    let (c, k) = out.split_once("@@").unwrap();
    (c.to_string(), k.to_string())
}

fn parse(pem: &str) -> Certificate {
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"), "{pem}");
    assert!(pem.ends_with("-----END CERTIFICATE-----\n"));
    Certificate::from_pem(pem.as_bytes()).expect("certificate parses")
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Validity in Unix seconds.
fn validity(cert: &Certificate) -> (u64, u64) {
    let v = cert.tbs_certificate().validity();
    (
        v.not_before.to_unix_duration().as_secs(),
        v.not_after.to_unix_duration().as_secs(),
    )
}

fn subject(cert: &Certificate) -> String {
    cert.tbs_certificate().subject().to_string()
}

fn issuer(cert: &Certificate) -> String {
    cert.tbs_certificate().issuer().to_string()
}

fn ext<'a, T>(cert: &'a Certificate) -> Option<(bool, T)>
where
    T: x509_cert::der::Decode<'a> + x509_cert::der::oid::AssociatedOid,
{
    cert.tbs_certificate()
        .get_extension::<T>()
        .expect("extension decodes")
}

/// Verifies `cert`'s signature with `issuer`'s public key.
fn verify_signed_by(cert: &Certificate, issuer: &Certificate) {
    let tbs = cert.tbs_certificate().to_der().unwrap();
    let sig = cert.signature().raw_bytes();
    let spki = issuer
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .unwrap();
    let alg = cert.signature_algorithm().oid.to_string();
    match alg.as_str() {
        "1.2.840.113549.1.1.11" => {
            let key = rsa::PublicKey::from_public_key_der(&spki).unwrap();
            let vk = rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key);
            let sig = rsa::pkcs1v15::Signature::try_from(sig).unwrap();
            vk.verify(&tbs, &sig).expect("RSA signature verifies");
        }
        "1.2.840.10045.4.3.2" => {
            let vk = p256::ecdsa::VerifyingKey::from_public_key_der(&spki).unwrap();
            let sig = p256::ecdsa::Signature::from_der(sig).unwrap();
            vk.verify(&tbs, &sig).expect("ECDSA signature verifies");
        }
        "1.3.101.112" => {
            let vk = ed25519_dalek::VerifyingKey::from_public_key_der(&spki).unwrap();
            let sig = ed25519_dalek::Signature::from_slice(sig).unwrap();
            vk.verify(&tbs, &sig).expect("Ed25519 signature verifies");
        }
        other => panic!("unexpected signature algorithm {other}"),
    }
}

/// Go's SubjectKeyId: SHA-256 of the public key bits, first 20 bytes.
fn expected_key_id(cert: &Certificate) -> Vec<u8> {
    let bits = cert
        .tbs_certificate()
        .subject_public_key_info()
        .subject_public_key
        .raw_bytes();
    Sha256::digest(bits)[..20].to_vec()
}

fn assert_validity(cert: &Certificate, days: u64) {
    let (nb, na) = validity(cert);
    let t = now();
    assert!(nb <= t && t - nb < 120, "not before {nb} vs now {t}");
    assert_eq!(na - nb, days * 86_400);
}

fn assert_serial(cert: &Certificate) {
    let serial = cert.tbs_certificate().serial_number().as_bytes();
    let trimmed: Vec<u8> = serial.iter().copied().skip_while(|&b| b == 0).collect();
    assert!(trimmed.len() <= 16, "serial below 2^128");
}

#[test]
fn ca_certificates_look_like_sprig_ones() {
    let (cert_pem, key_pem) = cert_and_key(r#"genCA "my-ca" 365"#);
    let cert = parse(&cert_pem);
    assert_eq!(subject(&cert), "CN=my-ca");
    assert_eq!(issuer(&cert), "CN=my-ca");
    assert_eq!(cert.tbs_certificate().version(), x509_cert::Version::V3);
    assert_validity(&cert, 365);
    assert_serial(&cert);
    let (critical, bc) = ext::<BasicConstraints>(&cert).unwrap();
    assert!(critical && bc.ca && bc.path_len_constraint.is_none());
    let (critical, ku) = ext::<KeyUsage>(&cert).unwrap();
    assert!(critical);
    assert_eq!(
        ku.0,
        KeyUsages::DigitalSignature | KeyUsages::KeyEncipherment | KeyUsages::KeyCertSign
    );
    let (critical, eku) = ext::<ExtendedKeyUsage>(&cert).unwrap();
    assert!(!critical);
    let ekus: Vec<String> = eku.0.iter().map(|o| o.to_string()).collect();
    assert_eq!(ekus, ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
    let (_, skid) = ext::<SubjectKeyIdentifier>(&cert).unwrap();
    assert_eq!(skid.0.as_bytes(), expected_key_id(&cert));
    assert!(ext::<AuthorityKeyIdentifier>(&cert).is_none());
    assert!(ext::<SubjectAltName>(&cert).is_none());
    verify_signed_by(&cert, &cert);

    assert!(key_pem.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    let key = rsa::PrivateKey::from_pkcs1_pem(&key_pem).unwrap();
    let spki = cert
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .unwrap();
    assert_eq!(
        rsa::PublicKey::from_public_key_der(&spki).unwrap(),
        key.to_public_key()
    );
    assert_eq!(key.size(), 256, "RSA-2048");
}

#[test]
fn signed_certificates_chain_to_their_ca() {
    let src = r#"{{ $ca := genCA "the-ca" 30 }}{{ $c := genSignedCert "leaf.example" .Values.ips .Values.dns 7 $ca }}{{ $ca.Cert }}@@{{ $c.Cert }}@@{{ $c.Key }}"#;
    let values = Value::map([
        (
            "ips",
            Value::list(vec![
                Value::str("10.0.0.1"),
                Value::str("::1"),
                Value::str("::ffff:1.2.3.4"),
            ]),
        ),
        (
            "dns",
            Value::list(vec![Value::str("a.example"), Value::str("*.b.example")]),
        ),
    ]);
    let out = render(src, values).unwrap();
    let parts: Vec<&str> = out.split("@@").collect();
    let (ca, leaf) = (parse(parts[0]), parse(parts[1]));
    assert_eq!(subject(&leaf), "CN=leaf.example");
    assert_eq!(issuer(&leaf), "CN=the-ca");
    assert_validity(&leaf, 7);
    assert_serial(&leaf);
    verify_signed_by(&leaf, &ca);
    let (critical, bc) = ext::<BasicConstraints>(&leaf).unwrap();
    assert!(critical && !bc.ca);
    let (_, ku) = ext::<KeyUsage>(&leaf).unwrap();
    assert_eq!(
        ku.0,
        KeyUsages::DigitalSignature | KeyUsages::KeyEncipherment
    );
    assert!(ext::<SubjectKeyIdentifier>(&leaf).is_none());
    let (_, akid) = ext::<AuthorityKeyIdentifier>(&leaf).unwrap();
    assert_eq!(
        akid.key_identifier.unwrap().as_bytes(),
        expected_key_id(&ca)
    );
    let (critical, san) = ext::<SubjectAltName>(&leaf).unwrap();
    assert!(!critical);
    let names: Vec<String> = san
        .0
        .iter()
        .map(|n| match n {
            GeneralName::DnsName(d) => format!("DNS:{}", d.as_str()),
            GeneralName::IpAddress(ip) => format!("IP:{:?}", ip.as_bytes()),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        names,
        [
            "DNS:a.example",
            "DNS:*.b.example",
            "IP:[10, 0, 0, 1]",
            "IP:[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]",
            "IP:[1, 2, 3, 4]",
        ]
    );
    assert!(parts[2].starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
}

#[test]
fn certificates_with_given_keys_use_those_keys() {
    for kind in ["ecdsa", "ed25519"] {
        let src = format!(
            r#"{{{{ $k := genPrivateKey "{kind}" }}}}{{{{ $ca := genCAWithKey "ca-{kind}" 2 $k }}}}{{{{ $leaf := genSignedCertWithKey "" .Values.ips nil 3 $ca $k }}}}{{{{ $self := genSelfSignedCertWithKey "self" nil .Values.dns 4 $k }}}}{{{{ $k }}}}@@{{{{ $ca.Cert }}}}@@{{{{ $ca.Key }}}}@@{{{{ $leaf.Cert }}}}@@{{{{ $self.Cert }}}}@@{{{{ $self.Key }}}}"#
        );
        let values = Value::map([
            ("ips", Value::list(vec![Value::str("192.168.1.1")])),
            ("dns", Value::list(vec![Value::str("self.example")])),
        ]);
        let out = render(&src, values).unwrap();
        let p: Vec<&str> = out.split("@@").collect();
        let key = p[0];
        let expected_type = if kind == "ecdsa" {
            "-----BEGIN EC PRIVATE KEY-----\n"
        } else {
            "-----BEGIN PRIVATE KEY-----\n"
        };
        assert!(key.starts_with(expected_type), "{key}");
        assert_eq!(p[2], key, "the CA keeps the given key");
        assert_eq!(p[5], key);
        let (ca, leaf, selfc) = (parse(p[1]), parse(p[3]), parse(p[4]));
        verify_signed_by(&ca, &ca);
        verify_signed_by(&leaf, &ca);
        verify_signed_by(&selfc, &selfc);
        assert_eq!(subject(&ca), format!("CN=ca-{kind}"));
        // An empty subject makes the SAN extension critical (RFC 5280).
        assert_eq!(subject(&leaf), "");
        let (critical, _) = ext::<SubjectAltName>(&leaf).unwrap();
        assert!(critical);
        assert_validity(&ca, 2);
        assert_validity(&leaf, 3);
        assert_validity(&selfc, 4);
        let same_spki = |c: &Certificate| {
            c.tbs_certificate()
                .subject_public_key_info()
                .to_der()
                .unwrap()
        };
        assert_eq!(same_spki(&ca), same_spki(&leaf));
        assert_eq!(same_spki(&ca), same_spki(&selfc));
    }
}

#[test]
fn a_leaf_named_like_its_ca_gets_no_authority_key_id() {
    let (ca_pem, leaf_pem) = {
        let out = render_ok(
            r#"{{ $ca := genCAWithKey "same" 1 (genPrivateKey "ecdsa") }}{{ $ca.Cert }}@@{{ (genSignedCertWithKey "same" nil nil 1 $ca (genPrivateKey "ed25519")).Cert }}"#,
        );
        let (a, b) = out.split_once("@@").unwrap();
        (a.to_string(), b.to_string())
    };
    let (ca, leaf) = (parse(&ca_pem), parse(&leaf_pem));
    verify_signed_by(&leaf, &ca);
    assert!(ext::<AuthorityKeyIdentifier>(&leaf).is_none());
}

#[test]
fn signing_with_a_foreign_key_fails_like_go() {
    use base64::Engine;
    let (ca_cert, _) = cert_and_key(r#"genCAWithKey "a" 1 (genPrivateKey "ecdsa")"#);
    let other_key = render_ok(r#"{{ genPrivateKey "ecdsa" }}"#);
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let values = Value::map([
        ("c", Value::str(b64(&ca_cert))),
        ("k", Value::str(b64(&other_key))),
    ]);
    let err = render(
        r#"{{ genSignedCertWithKey "x" nil nil 1 (buildCustomCert .Values.c .Values.k) (genPrivateKey "ecdsa") }}"#,
        values,
    )
    .unwrap_err();
    // The text the reference Helm gives for this template.
    assert!(
        err.contains("error calling genSignedCertWithKey: error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey"),
        "{err}"
    );
}

#[test]
fn build_custom_cert_accepts_generated_pairs() {
    use base64::Engine;
    let (cert, key) =
        cert_and_key(r#"genSelfSignedCertWithKey "x" nil nil 1 (genPrivateKey "ed25519")"#);
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let values = Value::map([("c", Value::str(b64(&cert))), ("k", Value::str(b64(&key)))]);
    let out = render(
        r#"{{ $c := buildCustomCert .Values.c .Values.k }}{{ $c.Cert }}@@{{ $c.Key }}"#,
        values,
    )
    .unwrap();
    assert_eq!(out, format!("{cert}@@{key}"));
}

#[test]
fn generated_small_keys_parse() {
    let ec = render_ok(r#"{{ genPrivateKey "ecdsa" }}"#);
    assert!(ec.starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
    let der = pem_body(&ec);
    p256::SecretKey::from_sec1_der(&der).expect("SEC 1 P-256 key");
    let ed = render_ok(r#"{{ genPrivateKey "ed25519" }}"#);
    assert!(ed.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    let der = pem_body(&ed);
    assert_eq!(der.len(), 48, "Go's minimal PKCS#8 Ed25519 encoding");
    use ed25519_dalek::pkcs8::DecodePrivateKey;
    ed25519_dalek::SigningKey::from_pkcs8_der(&der).expect("PKCS#8 Ed25519 key");
}

fn pem_body(pem: &str) -> Vec<u8> {
    use base64::Engine;
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

#[test]
#[ignore = "RSA-4096 generation takes seconds outside release builds"]
fn rsa_keys_are_4096_bit_pkcs1() {
    for kind in ["rsa", ""] {
        let pem = render_ok(&format!(r#"{{{{ genPrivateKey "{kind}" }}}}"#));
        let key = rsa::PrivateKey::from_pkcs1_pem(&pem).expect("PKCS#1 key");
        assert_eq!(key.size(), 512);
    }
}

#[test]
#[ignore = "DSA parameter generation takes seconds outside release builds"]
fn dsa_keys_use_sprigs_layout_and_cannot_sign() {
    let pem = render_ok(r#"{{ genPrivateKey "dsa" }}"#);
    assert!(pem.starts_with("-----BEGIN DSA PRIVATE KEY-----\n"));
    let der = pem_body(&pem);
    // SEQUENCE { version 0, p (2048 bits), q (256 bits), g, y, x }
    let (seq, rest) = x509_cert::der::asn1::Any::from_der_partial(&der).unwrap();
    assert!(rest.is_empty());
    assert_eq!(seq.tag(), x509_cert::der::Tag::Sequence);
    let values = Value::map([("k", Value::str(pem.as_str()))]);
    let err = render(r#"{{ genCAWithKey "x" 1 .Values.k }}"#, values.clone()).unwrap_err();
    assert!(
        err.contains("x509: certificate private key does not implement crypto.Signer"),
        "{err}"
    );
    let err = render(
        r#"{{ genSignedCertWithKey "x" nil nil 1 (genCAWithKey "ca" 1 (genPrivateKey "ecdsa")) .Values.k }}"#,
        values,
    )
    .unwrap_err();
    assert!(
        err.contains("x509: unsupported public key type: *dsa.PublicKey"),
        "{err}"
    );
}

#[test]
fn aes_round_trips_through_templates() {
    let out = render_ok(
        r#"{{ $c := encryptAES "pw" "some secret text" }}{{ $c | decryptAES "pw" }}|{{ ne $c (encryptAES "pw" "some secret text") }}"#,
    );
    assert_eq!(
        out, "some secret text|true",
        "random IVs make ciphertexts differ"
    );
}

#[test]
fn bcrypt_output_verifies() {
    let hash = render_ok(r#"{{ bcrypt "s3cret" }}"#);
    assert!(bcrypt::verify("s3cret", &hash).unwrap());
    let line = render_ok(r#"{{ htpasswd "admin" "pw" }}"#);
    let (user, hash) = line.split_once(':').unwrap();
    assert_eq!(user, "admin");
    assert!(bcrypt::verify("pw", hash).unwrap());
}
