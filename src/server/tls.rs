//! HTTPS for the server: the certificate chain and private key given with
//! `--cert` and `--key` (PEM files) made into rustls's settings, with a
//! Chinese message naming the file when either cannot be used.

use std::path::Path;
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// The largest certificate or key file read (a chain of a few
/// certificates is a few KiB).
pub const MAX_PEM: u64 = 1024 * 1024;

/// The most certificates taken from a chain file.
const MAX_CHAIN: usize = 16;

/// The TLS settings serving the certificate chain in `cert` with the
/// private key in `key` (PEM: `-----BEGIN CERTIFICATE-----`, and a PKCS#8,
/// PKCS#1 or SEC1 key). TLS 1.2 and 1.3, no client certificates; the
/// browser is offered HTTP/1.1 only.
pub fn config(cert: &Path, key: &Path) -> Result<Arc<ServerConfig>, String> {
    let certs = certificates(cert)?;
    let private = private_key(key)?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("无法启用 HTTPS：{e}"))?
        .with_no_client_auth()
        .with_single_cert(certs, private)
        .map_err(|e| {
            format!(
                "证书 {} 与私钥 {} 不能一起使用：{}。请确认私钥是为这张证书生成的，证书文件中第一张是本服务器的证书",
                cert.display(),
                key.display(),
                rustls_reason(&e)
            )
        })?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// The certificates of a PEM file, the server's own first.
fn certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let bytes = read(path, "证书文件")?;
    let mut certs = Vec::new();
    for item in CertificateDer::pem_slice_iter(&bytes).take(MAX_CHAIN + 1) {
        certs.push(item.map_err(|e| pem_message(path, "证书文件", &e))?);
    }
    if certs.is_empty() {
        return Err(format!(
            "{}：不是 PEM 格式的证书文件（找不到 -----BEGIN CERTIFICATE-----）。--cert 应给出证书（.pem/.crt），--key 给出私钥",
            path.display()
        ));
    }
    if certs.len() > MAX_CHAIN {
        return Err(format!(
            "{}：证书链超过 {MAX_CHAIN} 张，请只保留本服务器证书和中间证书",
            path.display()
        ));
    }
    Ok(certs)
}

/// The private key of a PEM file.
fn private_key(path: &Path) -> Result<PrivateKeyDer<'static>, String> {
    let bytes = read(path, "私钥文件")?;
    PrivateKeyDer::from_pem_slice(&bytes).map_err(|e| match e {
        pem::Error::NoItemsFound => format!(
            "{}：找不到私钥（-----BEGIN PRIVATE KEY----- 等）。--key 应给出未加密的 PEM 私钥；加密的私钥请先用 openssl 解密",
            path.display()
        ),
        e => pem_message(path, "私钥文件", &e),
    })
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    crate::files::read_limited(path, MAX_PEM, what).map_err(|e| format!("无法读取{what} {e}"))
}

fn pem_message(path: &Path, what: &str, e: &pem::Error) -> String {
    format!("{}：{what}格式错误，无法读取（{e}）", path.display())
}

/// Why rustls refused the pair, in Chinese where it is one of the usual
/// mistakes.
fn rustls_reason(e: &rustls::Error) -> String {
    use rustls::{Error, InconsistentKeys};
    match e {
        Error::InconsistentKeys(InconsistentKeys::KeyMismatch) => "私钥与证书不匹配".into(),
        Error::General(_) => "私钥无法识别或算法不受支持".into(),
        Error::InvalidCertificate(_) => "证书格式无效".into(),
        other => format!("{other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_are_not_a_certificate_and_key_are_named() {
        let dir = crate::files::private_temp_dir("nianbao-tls").unwrap();
        let junk = dir.path().join("junk.pem");
        std::fs::write(&junk, "not a certificate\n").unwrap();
        let missing = dir.path().join("missing.pem");
        let e = config(&junk, &junk).unwrap_err();
        assert!(
            e.contains("junk.pem") && e.contains("BEGIN CERTIFICATE"),
            "{e}"
        );
        let e = config(&missing, &junk).unwrap_err();
        assert!(e.contains("missing.pem") && e.contains("证书文件"), "{e}");
        let broken = dir.path().join("broken.pem");
        std::fs::write(
            &broken,
            "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        let e = config(&broken, &junk).unwrap_err();
        assert!(e.contains("broken.pem") && e.contains("格式错误"), "{e}");
    }

    fn certificate(dir: &Path, name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
        let made = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
        let cert = dir.join(format!("{name}.crt"));
        let key = dir.join(format!("{name}.key"));
        std::fs::write(&cert, made.cert.pem()).unwrap();
        std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
        (cert, key)
    }

    #[test]
    fn a_certificate_with_its_own_key_serves_and_with_another_is_refused() {
        let dir = crate::files::private_temp_dir("nianbao-tls").unwrap();
        let (cert, key) = certificate(dir.path(), "a");
        let (_, other_key) = certificate(dir.path(), "b");
        let config = config(&cert, &key).unwrap();
        assert_eq!(config.alpn_protocols, vec![b"http/1.1".to_vec()]);
        let e = config_err(&cert, &other_key);
        assert!(e.contains("私钥与证书不匹配") && e.contains("b.key"), "{e}");
        // The two swapped: the key file holds no certificate.
        let e = config_err(&key, &cert);
        assert!(
            e.contains("a.key") && e.contains("BEGIN CERTIFICATE"),
            "{e}"
        );
    }

    fn config_err(cert: &Path, key: &Path) -> String {
        config(cert, key).map(|_| ()).unwrap_err()
    }
}
