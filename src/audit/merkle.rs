//! The RFC 6962 / RFC 9162 Merkle tree over the audit log's leaves.
//!
//! Leaf hash = SHA-256(0x00 ‖ leaf), node hash = SHA-256(0x01 ‖ left ‖ right); the tree
//! over n leaves splits at the largest power of two below n. Proofs are made by the
//! recursive definitions of RFC 6962 §2.1.1 (PATH) and §2.1.2 (PROOF / SUBPROOF) and
//! checked by the iterative algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, so making and
//! checking are two independent codings of the same tree. Written by hand rather than
//! taken from `ct-merkle` because that crate pulls in the sha2 0.11 generation beside our
//! 0.10 one (see docs/adr/0008-own-merkle-module.md); the known-answer vectors of
//! transparency-dev/merkle prove both halves.

use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

/// Hash of the empty tree: SHA-256 of nothing.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// RFC 6962 leaf hash of the leaf bytes.
pub fn leaf_hash(leaf: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(leaf);
    h.finalize().into()
}

/// RFC 6962 interior node hash (also used on proof nodes of any length when verifying).
pub fn node_hash(left: &[u8], right: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// Largest power of two strictly below n (n >= 2).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k << 1 < n {
        k <<= 1;
    }
    k
}

/// MTH(D[n]) over leaf hashes.
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&root(&leaves[..k]), &root(&leaves[k..]))
        }
    }
}

/// Inclusion proof (audit path) of leaf `index` in the tree of all `leaves`.
/// None when the index is outside the tree.
pub fn inclusion_proof(leaves: &[Hash], index: usize) -> Option<Vec<Hash>> {
    if index >= leaves.len() {
        return None;
    }
    let mut out = Vec::new();
    path(index, leaves, &mut out);
    Some(out)
}

fn path(m: usize, d: &[Hash], out: &mut Vec<Hash>) {
    let n = d.len();
    if n <= 1 {
        return;
    }
    let k = split(n);
    if m < k {
        path(m, &d[..k], out);
        out.push(root(&d[k..]));
    } else {
        path(m - k, &d[k..], out);
        out.push(root(&d[..k]));
    }
}

/// Consistency proof from the tree of the first `old_size` leaves to the tree of all
/// `leaves`. None unless 0 < old_size <= leaves.len().
pub fn consistency_proof(leaves: &[Hash], old_size: usize) -> Option<Vec<Hash>> {
    if old_size == 0 || old_size > leaves.len() {
        return None;
    }
    let mut out = Vec::new();
    subproof(old_size, leaves, true, &mut out);
    Some(out)
}

fn subproof(m: usize, d: &[Hash], whole: bool, out: &mut Vec<Hash>) {
    let n = d.len();
    if m == n {
        if !whole {
            out.push(root(d));
        }
        return;
    }
    let k = split(n);
    if m <= k {
        subproof(m, &d[..k], whole, out);
        out.push(root(&d[k..]));
    } else {
        subproof(m - k, &d[k..], false, out);
        out.push(root(&d[..k]));
    }
}

/// Why a proof does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("index {index} ligt buiten een boom van {size} / index {index} is outside a tree of size {size}")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("het bewijs heeft de verkeerde lengte / the proof has the wrong length")]
    WrongLength,
    #[error("de berekende wortel klopt niet / the computed root does not match")]
    RootMismatch,
    #[error("ongeldige boomgroottes / invalid tree sizes")]
    BadSizes,
}

/// RFC 9162 §2.1.3.2: does `proof` show `leaf` at `index` in the tree of `size` with `root`?
pub fn verify_inclusion(
    index: u64,
    size: u64,
    leaf: &[u8],
    proof: &[Vec<u8>],
    root: &[u8],
) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    if leaf.len() != 32 {
        return Err(ProofError::RootMismatch);
    }
    let (mut fn_, mut sn) = (index, size - 1);
    let mut r: Vec<u8> = leaf.to_vec();
    for p in proof {
        if sn == 0 {
            return Err(ProofError::WrongLength);
        }
        if fn_ & 1 == 1 || fn_ == sn {
            r = node_hash(p, &r).to_vec();
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p).to_vec();
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    if sn != 0 {
        return Err(ProofError::WrongLength);
    }
    if r != root {
        return Err(ProofError::RootMismatch);
    }
    Ok(())
}

/// RFC 9162 §2.1.4.2: does `proof` show the tree (`old_size`, `old_root`) is a prefix of
/// (`new_size`, `new_root`)?
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    proof: &[Vec<u8>],
    old_root: &[u8],
    new_root: &[u8],
) -> Result<(), ProofError> {
    if old_size == 0 || old_size > new_size {
        return Err(ProofError::BadSizes);
    }
    if old_size == new_size {
        if !proof.is_empty() {
            return Err(ProofError::WrongLength);
        }
        return if old_root == new_root {
            Ok(())
        } else {
            Err(ProofError::RootMismatch)
        };
    }
    if proof.is_empty() {
        return Err(ProofError::WrongLength);
    }
    let mut path: Vec<&[u8]> = Vec::with_capacity(proof.len() + 1);
    if old_size.is_power_of_two() {
        path.push(old_root);
    }
    path.extend(proof.iter().map(Vec::as_slice));
    let (mut fn_, mut sn) = (old_size - 1, new_size - 1);
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let mut fr: Vec<u8> = path[0].to_vec();
    let mut sr: Vec<u8> = path[0].to_vec();
    for c in &path[1..] {
        if sn == 0 {
            return Err(ProofError::WrongLength);
        }
        if fn_ & 1 == 1 || fn_ == sn {
            fr = node_hash(c, &fr).to_vec();
            sr = node_hash(c, &sr).to_vec();
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c).to_vec();
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    if sn != 0 {
        return Err(ProofError::WrongLength);
    }
    if fr != old_root || sr != new_root {
        return Err(ProofError::RootMismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD as B64;
    use base64::Engine;
    use proptest::prelude::*;
    use std::path::{Path, PathBuf};

    fn hx(s: &str) -> Hash {
        let v = hex::decode(s).expect("hex");
        v.try_into().expect("32 bytes")
    }

    /// The eight leaves of transparency-dev/merkle testonly/constants.go.
    fn reference_leaves() -> Vec<Hash> {
        [
            "",
            "00",
            "10",
            "2021",
            "3031",
            "40414243",
            "5051525354555657",
            "606162636465666768696a6b6c6d6e6f",
        ]
        .iter()
        .map(|h| leaf_hash(&hex::decode(h).expect("hex")))
        .collect()
    }

    #[test]
    fn roots_match_the_reference_roots() {
        let want = [
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ];
        let leaves = reference_leaves();
        for (n, w) in want.iter().enumerate() {
            assert_eq!(root(&leaves[..n]), hx(w), "root of size {n}");
        }
    }

    fn vectors(kind: &str) -> Vec<(PathBuf, serde_json::Value)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/merkle")
            .join(kind);
        let mut out = Vec::new();
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("vector dir") {
                let p = e.expect("entry").path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "json") {
                    let v = serde_json::from_str(&std::fs::read_to_string(&p).expect("read"))
                        .expect("json");
                    out.push((p, v));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    fn b64(v: &serde_json::Value) -> Vec<u8> {
        B64.decode(v.as_str().unwrap_or("")).expect("base64")
    }

    fn b64_list(v: &serde_json::Value) -> Vec<Vec<u8>> {
        v.as_array()
            .map(|a| a.iter().map(b64).collect())
            .unwrap_or_default()
    }

    #[test]
    fn inclusion_vectors_of_transparency_dev() {
        let leaves = reference_leaves();
        let all = vectors("inclusion");
        assert!(all.len() > 90, "vectors missing: {}", all.len());
        let mut happy = 0;
        for (path, v) in all {
            let index = v["leafIdx"].as_u64().expect("leafIdx");
            let size = v["treeSize"].as_u64().expect("treeSize");
            let proof = b64_list(&v["proof"]);
            let got = verify_inclusion(index, size, &b64(&v["leafHash"]), &proof, &b64(&v["root"]));
            let want_err = v["wantErr"].as_bool().expect("wantErr");
            assert_eq!(got.is_err(), want_err, "{}: {got:?}", path.display());
            // Our own proof maker gives the reference proof for every happy path of the
            // eight-leaf tree.
            if !want_err && size <= 8 && b64(&v["root"]) == root(&leaves[..size as usize]) {
                let made =
                    inclusion_proof(&leaves[..size as usize], index as usize).expect("in range");
                let made: Vec<Vec<u8>> = made.iter().map(|h| h.to_vec()).collect();
                assert_eq!(made, proof, "{}", path.display());
                happy += 1;
            }
        }
        assert!(happy >= 5, "happy paths checked: {happy}");
    }

    #[test]
    fn consistency_vectors_of_transparency_dev() {
        let leaves = reference_leaves();
        let all = vectors("consistency");
        assert!(all.len() > 90, "vectors missing: {}", all.len());
        let mut happy = 0;
        for (path, v) in all {
            let s1 = v["size1"].as_u64().expect("size1");
            let s2 = v["size2"].as_u64().expect("size2");
            let proof = b64_list(&v["proof"]);
            let got = verify_consistency(s1, s2, &proof, &b64(&v["root1"]), &b64(&v["root2"]));
            let want_err = v["wantErr"].as_bool().expect("wantErr");
            assert_eq!(got.is_err(), want_err, "{}: {got:?}", path.display());
            if !want_err && s2 <= 8 && s1 > 0 && b64(&v["root2"]) == root(&leaves[..s2 as usize]) {
                let made =
                    consistency_proof(&leaves[..s2 as usize], s1 as usize).expect("sizes valid");
                let made: Vec<Vec<u8>> = made.iter().map(|h| h.to_vec()).collect();
                assert_eq!(made, proof, "{}", path.display());
                happy += 1;
            }
        }
        assert!(happy >= 5, "happy paths checked: {happy}");
    }

    #[test]
    fn rfc_6962_worked_example_proof_sizes() {
        // RFC 6962 §2.1.3: PROOF(3, D[7]) = [c, d, g, l], four nodes.
        let leaves: Vec<Hash> = (0u8..7).map(|i| leaf_hash(&[i])).collect();
        assert_eq!(consistency_proof(&leaves, 3).map(|p| p.len()), Some(4));
        assert_eq!(consistency_proof(&leaves, 4).map(|p| p.len()), Some(1));
        assert_eq!(inclusion_proof(&leaves, 6).map(|p| p.len()), Some(2));
        assert_eq!(inclusion_proof(&leaves, 7), None);
        assert_eq!(consistency_proof(&leaves, 0), None);
    }

    fn tree(n: usize) -> Vec<Hash> {
        (0..n)
            .map(|i| leaf_hash(format!("leaf {i}").as_bytes()))
            .collect()
    }

    fn flip(v: &[u8], at: usize, bit: u8) -> Vec<u8> {
        let mut w = v.to_vec();
        let i = at % w.len();
        w[i] ^= 1 << (bit % 8);
        w
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn inclusion_proofs_verify_and_any_changed_byte_fails(
            n in 1usize..300, pick in any::<usize>(), at in any::<usize>(), bit in any::<u8>(),
        ) {
            let leaves = tree(n);
            let idx = pick % n;
            let r = root(&leaves);
            let proof: Vec<Vec<u8>> = inclusion_proof(&leaves, idx)
                .expect("in range").iter().map(|h| h.to_vec()).collect();
            prop_assert!(verify_inclusion(idx as u64, n as u64, &leaves[idx], &proof, &r).is_ok());
            // A changed leaf.
            let bad_leaf = flip(&leaves[idx], at, bit);
            prop_assert!(verify_inclusion(idx as u64, n as u64, &bad_leaf, &proof, &r).is_err());
            // A changed root.
            let bad_root = flip(&r, at, bit);
            prop_assert!(verify_inclusion(idx as u64, n as u64, &leaves[idx], &proof, &bad_root).is_err());
            // A changed proof node.
            if !proof.is_empty() {
                let mut bad = proof.clone();
                let k = at % bad.len();
                bad[k] = flip(&bad[k], at / 7, bit);
                prop_assert!(verify_inclusion(idx as u64, n as u64, &leaves[idx], &bad, &r).is_err());
            }
        }

        #[test]
        fn consistency_proofs_verify_and_any_changed_byte_fails(
            n in 1usize..300, pick in any::<usize>(), at in any::<usize>(), bit in any::<u8>(),
        ) {
            let leaves = tree(n);
            let m = 1 + pick % n;
            let (old, new) = (root(&leaves[..m]), root(&leaves));
            let proof: Vec<Vec<u8>> = consistency_proof(&leaves, m)
                .expect("sizes valid").iter().map(|h| h.to_vec()).collect();
            prop_assert!(verify_consistency(m as u64, n as u64, &proof, &old, &new).is_ok());
            prop_assert!(verify_consistency(m as u64, n as u64, &proof, &flip(&old, at, bit), &new).is_err());
            prop_assert!(verify_consistency(m as u64, n as u64, &proof, &old, &flip(&new, at, bit)).is_err());
            if !proof.is_empty() {
                let mut bad = proof.clone();
                let k = at % bad.len();
                bad[k] = flip(&bad[k], at / 7, bit);
                prop_assert!(verify_consistency(m as u64, n as u64, &bad, &old, &new).is_err());
            }
            // A changed leaf in the old part changes both roots away from what was signed.
            let mut changed = leaves.clone();
            let i = at % m;
            changed[i] = leaf_hash(format!("other {i}").as_bytes());
            prop_assert!(verify_consistency(m as u64, n as u64, &proof, &root(&changed[..m]), &new).is_err());
        }
    }
}
