//! The one place bincode is used: records to bytes and back.
//!
//! bincode 2.0.1 is pinned and unmaintained (3.0.0 is an empty tombstone), so it stays behind
//! these two functions and can be swapped without touching the rest of the store. Every
//! stored record is a versioned enum; serde encodes the variant index first, as a varint. The
//! decoder reads that index before the payload so that a record written by a newer malkoll
//! is reported as [`StoreError::UnknownRecordVersion`] instead of as garbage.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

/// A stored record type: an enum with one variant per format version, `V1` first.
pub(crate) trait Versioned: Serialize + DeserializeOwned {
    /// What the record is, in Swedish, for error messages ("nod", "rapport").
    const KIND: &'static str;
    /// How many versions this binary knows; the variant index must be below it.
    const KNOWN_VERSIONS: u32;
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

/// Encodes a versioned record.
pub(crate) fn encode<R: Versioned>(record: &R) -> Result<Vec<u8>, StoreError> {
    bincode::serde::encode_to_vec(record, config())
        .map_err(|_| StoreError::Corrupt(format!("en {} kunde inte kodas", R::KIND)))
}

/// Decodes a versioned record, refusing versions this binary does not know.
pub(crate) fn decode<R: Versioned>(bytes: &[u8]) -> Result<R, StoreError> {
    let (variant, _): (u32, usize) = bincode::serde::decode_from_slice(bytes, config())
        .map_err(|_| StoreError::Corrupt(format!("en {} saknar versionsnummer", R::KIND)))?;
    if variant >= R::KNOWN_VERSIONS {
        return Err(StoreError::UnknownRecordVersion {
            record: R::KIND,
            found: variant.saturating_add(1),
            supported: R::KNOWN_VERSIONS,
        });
    }
    let (record, read) = bincode::serde::decode_from_slice(bytes, config())
        // bincode's own message is Rust debug text ("UnexpectedVariant { … }"): not shown.
        .map_err(|_| StoreError::Corrupt(format!("en {} går inte att läsa", R::KIND)))?;
    if read != bytes.len() {
        return Err(StoreError::Corrupt(format!(
            "en {} har {} byte för mycket",
            R::KIND,
            bytes.len() - read
        )));
    }
    Ok(record)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Probe {
        V1(String),
    }

    impl Versioned for Probe {
        const KIND: &'static str = "provpost";
        const KNOWN_VERSIONS: u32 = 1;
    }

    #[derive(Serialize)]
    enum ProbeFromTheFuture {
        #[allow(dead_code)]
        V1(String),
        V2(String, u8),
    }

    #[test]
    fn a_record_round_trips() {
        let bytes = encode(&Probe::V1("Södermalm".to_owned())).expect("encode");
        assert_eq!(bytes[0], 0, "the version index comes first");
        assert_eq!(
            decode::<Probe>(&bytes).expect("decode"),
            Probe::V1("Södermalm".to_owned())
        );
    }

    #[test]
    fn a_newer_version_is_named_not_misread() {
        let bytes =
            bincode::serde::encode_to_vec(ProbeFromTheFuture::V2("x".to_owned(), 1), config())
                .expect("encode");
        let error = decode::<Probe>(&bytes).expect_err("unknown version");
        assert!(
            matches!(
                error,
                StoreError::UnknownRecordVersion {
                    record: "provpost",
                    found: 2,
                    supported: 1
                }
            ),
            "{error:?}"
        );
    }

    #[test]
    fn trailing_or_missing_bytes_are_corruption() {
        let mut bytes = encode(&Probe::V1("a".to_owned())).expect("encode");
        bytes.push(0);
        assert!(matches!(
            decode::<Probe>(&bytes),
            Err(StoreError::Corrupt(_))
        ));
        assert!(matches!(decode::<Probe>(&[]), Err(StoreError::Corrupt(_))));
        assert!(matches!(
            decode::<Probe>(&[0, 9]),
            Err(StoreError::Corrupt(_))
        ));
    }
}
