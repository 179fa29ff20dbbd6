//! Sprig's certificates: the template `getBaseCertTemplate` builds, and Go's
//! `x509.CreateCertificate` encoding of it (extension order, criticality,
//! key identifiers), plus the parts of `x509.ParseCertificate` Sprig needs.

use std::net::IpAddr;

use super::der;
use super::keys::{PrivateKey, subject_key_id};
use super::pem;
use crate::funcs::dates::GoTime;
use crate::funcs::dates::duration::{Duration, HOUR};

const OID_COMMON_NAME: &[u64] = &[2, 5, 4, 3];
const OID_KEY_USAGE: &[u64] = &[2, 5, 29, 15];
const OID_EXT_KEY_USAGE: &[u64] = &[2, 5, 29, 37];
const OID_BASIC_CONSTRAINTS: &[u64] = &[2, 5, 29, 19];
const OID_SUBJECT_KEY_ID: &[u64] = &[2, 5, 29, 14];
const OID_AUTHORITY_KEY_ID: &[u64] = &[2, 5, 29, 35];
const OID_SUBJECT_ALT_NAME: &[u64] = &[2, 5, 29, 17];
const OID_SERVER_AUTH: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 3, 1];
const OID_CLIENT_AUTH: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 3, 2];

/// Key usage bits (RFC 5280 numbering).
const DIGITAL_SIGNATURE: u32 = 0;
const KEY_ENCIPHERMENT: u32 = 2;
const CERT_SIGN: u32 = 5;

/// What Sprig asks a certificate to say.
pub struct Template {
    pub cn: String,
    pub ips: Vec<IpAddr>,
    pub dns_names: Vec<String>,
    pub days_valid: i64,
    pub is_ca: bool,
}

/// The issuing side of a certificate: itself, or a parsed CA certificate.
pub enum Issuer<'a> {
    SelfSigned,
    Ca(&'a ParsedCert),
}

/// The fields of a parsed certificate Sprig's signing uses.
pub struct ParsedCert {
    raw_subject: Vec<u8>,
    spki: Vec<u8>,
    subject_key_id: Option<Vec<u8>>,
}

/// Go's `x509.ParseCertificate`, reduced to a structural check and the
/// fields signing needs. Every failure is Go's generic malformed error.
pub fn parse_certificate(der_bytes: &[u8]) -> Result<ParsedCert, String> {
    parse(der_bytes).ok_or_else(|| "x509: malformed certificate".to_string())
}

fn parse(input: &[u8]) -> Option<ParsedCert> {
    let (cert, rest) = der::expect(input, der::SEQUENCE)?;
    if !rest.is_empty() {
        return None;
    }
    let parts = der::children(cert.content)?;
    if parts.len() != 3 || parts[1].tag != der::SEQUENCE || parts[2].tag != der::BIT_STRING {
        return None;
    }
    let (tbs, _) = der::expect(parts[0].raw, der::SEQUENCE)?;
    let mut fields = der::children(tbs.content)?.into_iter().peekable();
    if fields.peek().is_some_and(|f| f.tag == 0xa0) {
        fields.next();
    }
    let serial = fields.next().filter(|f| f.tag == der::INTEGER)?;
    if serial.content.is_empty() {
        return None;
    }
    let _signature = fields.next().filter(|f| f.tag == der::SEQUENCE)?;
    let _issuer = fields.next().filter(|f| f.tag == der::SEQUENCE)?;
    let validity = fields.next().filter(|f| f.tag == der::SEQUENCE)?;
    if der::children(validity.content)?.len() != 2 {
        return None;
    }
    let subject = fields.next().filter(|f| f.tag == der::SEQUENCE)?;
    let spki = fields.next().filter(|f| f.tag == der::SEQUENCE)?;
    let mut subject_key_id = None;
    for f in fields {
        if f.tag == 0xa3 {
            let (exts, _) = der::expect(f.content, der::SEQUENCE)?;
            for ext in der::children(exts.content)? {
                let items = der::children(ext.content)?;
                let (oid, _) = der::expect(items.first()?.raw, der::OID)?;
                let value = items.last().filter(|e| e.tag == der::OCTET_STRING)?;
                if oid.content == der::oid_content(OID_SUBJECT_KEY_ID) {
                    let (id, _) = der::expect(value.content, der::OCTET_STRING)?;
                    subject_key_id = Some(id.content.to_vec());
                }
            }
        }
    }
    Some(ParsedCert {
        raw_subject: subject.raw.to_vec(),
        spki: spki.raw.to_vec(),
        subject_key_id,
    })
}

/// Go's `pkix.Name{CommonName: cn}` as an RDN sequence: empty for an empty
/// name; PrintableString when the characters allow, else UTF8String.
fn name(cn: &str) -> Vec<u8> {
    if cn.is_empty() {
        return der::sequence(&[]);
    }
    let printable = cn
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b" '()+,-./:=?*&".contains(&b));
    let tag = if printable {
        der::PRINTABLE_STRING
    } else {
        der::UTF8_STRING
    };
    der::sequence(&[der::set(&[der::sequence(&[
        der::oid(OID_COMMON_NAME),
        der::tlv(tag, cn.as_bytes()),
    ])])])
}

/// Go's ASN.1 time: UTCTime for 1950-2049, GeneralizedTime otherwise.
fn asn1_time(t: &GoTime) -> Result<Vec<u8>, String> {
    let utc = t.in_location(crate::funcs::dates::utc_location());
    let year: i64 = utc.format("2006").parse().unwrap_or(-1);
    if (1950..2050).contains(&year) {
        Ok(der::tlv(
            der::UTC_TIME,
            utc.format("060102150405Z").as_bytes(),
        ))
    } else if (0..=9999).contains(&year) {
        Ok(der::tlv(
            der::GENERALIZED_TIME,
            utc.format("20060102150405Z").as_bytes(),
        ))
    } else {
        Err("asn1: cannot represent time as GeneralizedTime".into())
    }
}

fn extension(oid: &[u64], critical: bool, value: Vec<u8>) -> Vec<u8> {
    let mut parts = vec![der::oid(oid)];
    if critical {
        parts.push(der::boolean(true));
    }
    parts.push(der::octet_string(&value));
    der::sequence(&parts)
}

/// A random serial number below 2^128 (Sprig's bound).
fn serial_number() -> Result<Vec<u8>, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.to_vec())
}

/// Go's `x509.CreateCertificate` for Sprig's template; returns the PEM
/// certificate.
pub fn create(
    template: &Template,
    signee: &PrivateKey,
    issuer: Issuer<'_>,
    signer: &PrivateKey,
) -> Result<String, String> {
    let signature_algorithm = signer.signature_algorithm()?;
    let spki = signee.public_key_info()?;
    let subject = name(&template.cn);
    let issuer_name = match &issuer {
        Issuer::SelfSigned => subject.clone(),
        Issuer::Ca(ca) => ca.raw_subject.clone(),
    };
    let authority_key_id = match &issuer {
        Issuer::Ca(ca) if issuer_name != subject => {
            ca.subject_key_id.clone().filter(|id| !id.is_empty())
        }
        _ => None,
    };
    let own_key_id = if template.is_ca {
        subject_key_id(&spki)
    } else {
        None
    };
    if let Issuer::Ca(ca) = &issuer
        && signer.public_key_info()? != ca.spki
    {
        return Err("x509: provided PrivateKey doesn't match parent's PublicKey".into());
    }

    let now = GoTime::now();
    let not_after = now.add(Duration(template.days_valid.wrapping_mul(24 * HOUR)));

    let mut usage = vec![DIGITAL_SIGNATURE, KEY_ENCIPHERMENT];
    if template.is_ca {
        usage.push(CERT_SIGN);
    }
    let mut extensions = vec![
        extension(OID_KEY_USAGE, true, der::flag_bits(&usage)),
        extension(
            OID_EXT_KEY_USAGE,
            false,
            der::sequence(&[der::oid(OID_SERVER_AUTH), der::oid(OID_CLIENT_AUTH)]),
        ),
        extension(
            OID_BASIC_CONSTRAINTS,
            true,
            if template.is_ca {
                der::sequence(&[der::boolean(true)])
            } else {
                der::sequence(&[])
            },
        ),
    ];
    if let Some(id) = &own_key_id {
        extensions.push(extension(OID_SUBJECT_KEY_ID, false, der::octet_string(id)));
    }
    if let Some(id) = &authority_key_id {
        extensions.push(extension(
            OID_AUTHORITY_KEY_ID,
            false,
            der::sequence(&[der::context(0, false, id)]),
        ));
    }
    if !template.dns_names.is_empty() || !template.ips.is_empty() {
        let mut names: Vec<Vec<u8>> = template
            .dns_names
            .iter()
            .map(|d| der::context(2, false, d.as_bytes()))
            .collect();
        names.extend(template.ips.iter().map(|ip| match ip {
            IpAddr::V4(v4) => der::context(7, false, &v4.octets()),
            IpAddr::V6(v6) => der::context(7, false, &v6.octets()),
        }));
        // Critical only when the subject is empty (RFC 5280 4.2.1.6).
        let critical = template.cn.is_empty();
        extensions.push(extension(
            OID_SUBJECT_ALT_NAME,
            critical,
            der::sequence(&names),
        ));
    }

    let tbs = der::sequence(&[
        der::context(0, true, &der::small_integer(2)),
        der::unsigned_integer(&serial_number()?),
        signature_algorithm.clone(),
        issuer_name,
        der::sequence(&[asn1_time(&now)?, asn1_time(&not_after)?]),
        subject,
        spki,
        der::context(3, true, &der::sequence(&extensions)),
    ]);
    let signature = signer.sign(&tbs)?;
    let cert = der::sequence(&[tbs, signature_algorithm, der::bit_string(&signature)]);
    Ok(pem::encode("CERTIFICATE", &cert))
}
