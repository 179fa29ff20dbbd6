//! Sprig's crypto functions (minus the hashes and `randBytes`, which live
//! with the other encoding functions): passwords, private keys,
//! certificates and AES.

mod aes;
mod cert;
mod der;
mod keys;
mod monty;
mod password;
mod pem;
mod prime;

use std::any::Any;
use std::net::IpAddr;

use gotemplate::gofmt;
use gotemplate::{FuncError, FuncMap, GoType, Object, Value};

use super::{def, i, s};
use cert::{Issuer, Template};
use keys::PrivateKey;

use GoType::{Int, List, String as Str};

const CERTIFICATE: GoType = GoType::Object("sprig.certificate");

pub(super) fn register(m: &mut FuncMap) {
    def(m, "bcrypt", &[Str], |a| {
        Ok(Value::str(password::bcrypt(s(&a[0]))))
    });
    def(m, "htpasswd", &[Str, Str], |a| {
        Ok(Value::str(password::htpasswd(s(&a[0]), s(&a[1]))))
    });
    // Go's parameter is uint32; template integer constants convert to it
    // (truncating), anything else is a type error.
    def(
        m,
        "derivePassword",
        &[GoType::Any, Str, Str, Str, Str],
        |a| {
            let counter = match &a[0] {
                Value::Int(n) if *n >= 0 => *n as u32,
                Value::Int(n) => {
                    return Err(FuncError::msg(format!(
                        "expected unsigned integer; found {n}"
                    )));
                }
                other => {
                    return Err(FuncError::msg(format!(
                        "wrong type for value; expected uint32; got {}",
                        if other.is_nil() {
                            "interface {}"
                        } else {
                            other.type_name()
                        }
                    )));
                }
            };
            Ok(Value::str(password::derive_password(
                counter,
                s(&a[1]),
                s(&a[2]),
                s(&a[3]),
                s(&a[4]),
            )))
        },
    );
    def(m, "genPrivateKey", &[Str], |a| {
        Ok(Value::str(PrivateKey::generate_pem(s(&a[0]))))
    });
    def(m, "buildCustomCert", &[Str, Str], |a| {
        Ok(build_custom_cert(s(&a[0]), s(&a[1]))?.value())
    });
    def(m, "genCA", &[Str, Int], |a| {
        let key = rsa_2048()?;
        Ok(gen_ca(s(&a[0]), i(&a[1]), key)?.value())
    });
    def(m, "genCAWithKey", &[Str, Int, Str], |a| {
        let key = key_from_pem(s(&a[2]))?;
        Ok(gen_ca(s(&a[0]), i(&a[1]), key)?.value())
    });
    def(m, "genSelfSignedCert", &[Str, List, List, Int], |a| {
        let template = base_template(&a[0], &a[1], &a[2], &a[3])?;
        let key = rsa_2048()?;
        Ok(self_signed(&template, key)?.value())
    });
    def(
        m,
        "genSelfSignedCertWithKey",
        &[Str, List, List, Int, Str],
        |a| {
            let key = key_from_pem(s(&a[4]))?;
            let template = base_template(&a[0], &a[1], &a[2], &a[3])?;
            Ok(self_signed(&template, key)?.value())
        },
    );
    def(
        m,
        "genSignedCert",
        &[Str, List, List, Int, CERTIFICATE],
        |a| Ok(signed(&a, None)?.value()),
    );
    def(
        m,
        "genSignedCertWithKey",
        &[Str, List, List, Int, CERTIFICATE, Str],
        |a| {
            let key = key_from_pem(s(&a[5]))?;
            Ok(signed(&a, Some(key))?.value())
        },
    );
    def(m, "encryptAES", &[Str, Str], |a| {
        Ok(Value::str(aes::encrypt(s(&a[0]), s(&a[1]))?))
    });
    def(m, "decryptAES", &[Str, Str], |a| {
        Ok(Value::str(aes::decrypt(s(&a[0]), s(&a[1]))?))
    });
}

/// Sprig's `certificate` struct: PEM certificate and key.
#[derive(Clone)]
pub struct Certificate {
    cert: String,
    key: String,
}

impl Certificate {
    fn value(self) -> Value {
        Value::object(self)
    }
}

impl Object for Certificate {
    fn type_name(&self) -> &str {
        "sprig.certificate"
    }

    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "Cert" => Some(Value::str(self.cert.as_str())),
            "Key" => Some(Value::str(self.key.as_str())),
            _ => None,
        }
    }

    fn fmt_struct(&self, plus: bool) -> String {
        if plus {
            format!("{{Cert:{} Key:{}}}", self.cert, self.key)
        } else {
            format!("{{{} {}}}", self.cert, self.key)
        }
    }

    fn to_data(&self) -> Value {
        Value::map([
            ("Cert", Value::str(self.cert.as_str())),
            ("Key", Value::str(self.key.as_str())),
        ])
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn rsa_2048() -> Result<PrivateKey, String> {
    PrivateKey::generate_rsa(2048).map_err(|e| format!("error generating rsa key: {e}"))
}

fn key_from_pem(text: &str) -> Result<PrivateKey, String> {
    PrivateKey::from_pem(text).map_err(|e| format!("parsing private key: {e}"))
}

/// Sprig's `getBaseCertTemplate` inputs: IPs and DNS names must be strings.
fn base_template(cn: &Value, ips: &Value, dns: &Value, days: &Value) -> Result<Template, String> {
    let items = |v: &Value| v.as_list().map(|l| l.items().to_vec()).unwrap_or_default();
    let mut ip_addrs = Vec::new();
    for ip in items(ips) {
        let Some(text) = ip.as_str() else {
            return Err(format!(
                "error parsing ip: {} is not a string",
                gofmt::format_value(&ip)
            ));
        };
        let addr: IpAddr = text
            .parse()
            .map_err(|_| format!("error parsing ip: {text}"))?;
        // Go writes IPv4-mapped IPv6 addresses as 4 bytes.
        let addr = match addr {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(addr, IpAddr::V4),
            v4 => v4,
        };
        ip_addrs.push(addr);
    }
    let mut dns_names = Vec::new();
    for name in items(dns) {
        let Some(text) = name.as_str() else {
            return Err(format!(
                "error processing alternate dns name: {} is not a string",
                gofmt::format_value(&name)
            ));
        };
        dns_names.push(text.to_string());
    }
    Ok(Template {
        cn: s(cn).to_string(),
        ips: ip_addrs,
        dns_names,
        days_valid: i(days),
        is_ca: false,
    })
}

fn certificate(
    template: &Template,
    key: &PrivateKey,
    issuer: Issuer<'_>,
    signer: &PrivateKey,
) -> Result<Certificate, String> {
    let cert = cert::create(template, key, issuer, signer)
        .map_err(|e| format!("error creating certificate: {e}"))?;
    Ok(Certificate {
        cert,
        key: key.to_pem(),
    })
}

fn gen_ca(cn: &str, days: i64, key: PrivateKey) -> Result<Certificate, String> {
    let template = Template {
        cn: cn.to_string(),
        ips: Vec::new(),
        dns_names: Vec::new(),
        days_valid: days,
        is_ca: true,
    };
    certificate(&template, &key, Issuer::SelfSigned, &key)
}

fn self_signed(template: &Template, key: PrivateKey) -> Result<Certificate, String> {
    certificate(template, &key, Issuer::SelfSigned, &key)
}

/// `genSignedCert[WithKey]`: `a` holds cn, ips, dns, days, ca.
fn signed(a: &[Value], key: Option<PrivateKey>) -> Result<Certificate, String> {
    let ca = match &a[4] {
        Value::Object(o) => o.as_any().downcast_ref::<Certificate>().cloned(),
        _ => None,
    }
    .ok_or("expected sprig.certificate")?;
    let block = pem::decode(&ca.cert).ok_or("unable to decode certificate")?;
    let ca_cert = cert::parse_certificate(&block.der)
        .map_err(|e| format!("error parsing certificate: decodedSignerCert.Bytes: {e}"))?;
    let ca_key =
        PrivateKey::from_pem(&ca.key).map_err(|e| format!("error parsing private key: {e}"))?;
    let template = base_template(&a[0], &a[1], &a[2], &a[3])?;
    let key = match key {
        Some(k) => k,
        None => rsa_2048()?,
    };
    certificate(&template, &key, Issuer::Ca(&ca_cert), &ca_key)
}

/// Sprig's `buildCustomCert`: checks base64 PEM certificate and key.
fn build_custom_cert(b64cert: &str, b64key: &str) -> Result<Certificate, String> {
    let cert = pem::go_std_decode(b64cert).map_err(|_| "unable to decode base64 certificate")?;
    let key = pem::go_std_decode(b64key).map_err(|_| "unable to decode base64 private key")?;
    let cert = String::from_utf8_lossy(&cert).into_owned();
    let key = String::from_utf8_lossy(&key).into_owned();
    let block = pem::decode(&cert).ok_or("unable to decode certificate")?;
    cert::parse_certificate(&block.der)
        .map_err(|e| format!("error parsing certificate: decodedCert.Bytes: {e}"))?;
    PrivateKey::from_pem(&key).map_err(|e| format!("error parsing private key: {e}"))?;
    Ok(Certificate { cert, key })
}
