//! Random primes for RSA keys, the way Go's crypto/rand.Prime and most RSA
//! implementations make them: a random odd start with its top two bits set
//! (so a product of two such primes has exactly the sum of their sizes in
//! bits), a sieve of the following odd numbers by all small primes,
//! then Miller-Rabin to base 2 and to random bases on the survivors.

use std::sync::LazyLock;

use rayon::prelude::*;

use super::monty::Modulus;

/// Odd candidates sieved per random start; a window without a prime
/// (probability e^-11 for 2048-bit primes) just draws a new start.
const WINDOW: usize = 8192;

/// The public exponent RSA keys use; primes ≡ 1 mod it are rejected so that
/// it is invertible mod p-1 (65537 is prime).
const PUBLIC_EXPONENT: u64 = 65537;

/// The odd primes below a bound, and the same primes grouped into
/// products below 2^64 so that a candidate's residues take one
/// multi-limb remainder per group.
struct SievePrimes {
    primes: Vec<u32>,
    /// (a multiple of the group's product, index range into `primes`).
    groups: Vec<(Divisor, std::ops::Range<usize>)>,
}

impl SievePrimes {
    fn below(bound: usize) -> SievePrimes {
        // odd_composite[i] stands for 2i+1.
        let mut odd_composite = vec![false; bound / 2];
        let mut primes = Vec::new();
        for i in 1..bound / 2 {
            if !odd_composite[i] {
                let p = 2 * i + 1;
                primes.push(p as u32);
                for j in (p * p / 2..bound / 2).step_by(p) {
                    odd_composite[j] = true;
                }
            }
        }
        let mut groups = Vec::new();
        let mut start = 0;
        while start < primes.len() {
            let mut product = 1u64;
            let mut end = start;
            while let Some(p) = primes
                .get(end)
                .and_then(|&p| product.checked_mul(u64::from(p)))
            {
                product = p;
                end += 1;
            }
            groups.push((Divisor::new(product), start..end));
            start = end;
        }
        SievePrimes { primes, groups }
    }
}

/// Sieving removes candidates with a factor below the bound, so a larger
/// bound leaves fewer Miller-Rabin tests (their number falls like 1/ln
/// bound) but costs a remainder per 64 bits of candidate and per group;
/// these bounds balance the two for 1024- and 2048-bit primes.
static SIEVE_SMALL: LazyLock<SievePrimes> = LazyLock::new(|| SievePrimes::below(1 << 18));
static SIEVE_LARGE: LazyLock<SievePrimes> = LazyLock::new(|| SievePrimes::below(1 << 22));

fn sieve_primes(bits: usize) -> &'static SievePrimes {
    if bits <= 1536 {
        &SIEVE_SMALL
    } else {
        &SIEVE_LARGE
    }
}

/// A failure of the operating system's random source.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct RandomError(getrandom::Error);

/// A random prime of exactly `bits` bits whose top two bits are set and
/// which is not 1 mod 65537, as big-endian bytes. `None` if `bits` is
/// outside 65..=4096 (the caller then uses another generator).
pub fn random_prime(bits: usize) -> Option<Result<Vec<u8>, RandomError>> {
    Some(match bits.div_ceil(64) {
        0 | 1 => return None,
        2..=8 => random_prime_limbs::<8>(bits),
        9..=16 => random_prime_limbs::<16>(bits),
        17..=24 => random_prime_limbs::<24>(bits),
        25..=32 => random_prime_limbs::<32>(bits),
        33..=48 => random_prime_limbs::<48>(bits),
        49..=64 => random_prime_limbs::<64>(bits),
        _ => return None,
    })
}

fn random_prime_limbs<const N: usize>(bits: usize) -> Result<Vec<u8>, RandomError> {
    loop {
        let start = random_start::<N>(bits)?;
        if let Some(p) = search_window(&start, bits)? {
            return Ok(to_be_bytes(&p));
        }
    }
}

/// A random odd number of exactly `bits` bits with the top two set.
fn random_start<const N: usize>(bits: usize) -> Result<[u64; N], RandomError> {
    let mut limbs = random_limbs::<N>()?;
    let top = bits - 1;
    mask_to_bits(&mut limbs, bits);
    limbs[top / 64] |= 1 << (top % 64);
    limbs[(top - 1) / 64] |= 1 << ((top - 1) % 64);
    limbs[0] |= 1;
    Ok(limbs)
}

fn random_limbs<const N: usize>() -> Result<[u64; N], RandomError> {
    let mut bytes = [[0u8; 8]; N];
    getrandom::fill(bytes.as_flattened_mut()).map_err(RandomError)?;
    Ok(bytes.map(u64::from_le_bytes))
}

/// Clears the bits at and above `bits`.
fn mask_to_bits<const N: usize>(limbs: &mut [u64; N], bits: usize) {
    for (i, l) in limbs.iter_mut().enumerate() {
        let low = i * 64;
        if low >= bits {
            *l = 0;
        } else if bits - low < 64 {
            *l &= (1u64 << (bits - low)) - 1;
        }
    }
}

/// The first probable prime among start, start+2, …, start+2·(WINDOW-1)
/// that keeps `bits` bits and is not 1 mod 65537.
fn search_window<const N: usize>(
    start: &[u64; N],
    bits: usize,
) -> Result<Option<[u64; N]>, RandomError> {
    let small = sieve_primes(bits);
    let mut composite = vec![false; WINDOW];
    // Offset i stands for start + 2i; it is divisible by p when
    // 2i ≡ -r (mod p), i.e. i ≡ (p - r)·(p+1)/2.
    // Offset i stands for start + 2i, which is `target` mod p when
    // 2i ≡ target - r (mod p), for r < p and target < 2.
    let mut strike = |p: u64, r: u64, target: u64| {
        let x = if r <= target {
            target - r
        } else {
            target + p - r
        };
        let mut i = if x % 2 == 0 { x / 2 } else { (x + p) / 2 } as usize;
        while i < WINDOW {
            composite[i] = true;
            i += p as usize;
        }
    };
    // Four remainders at a time: each is a chain of dependent
    // multiplications, so interleaving them keeps the multiplier busy.
    for groups in small.groups.chunks(4) {
        let mut divisors = [&groups[0].0; 4];
        for (slot, (divisor, _)) in divisors.iter_mut().zip(groups) {
            *slot = divisor;
        }
        let residues = Divisor::rem_each(divisors, start);
        for ((_, range), r) in groups.iter().zip(residues) {
            for &p in &small.primes[range.clone()] {
                strike(u64::from(p), r % u64::from(p), 0);
            }
        }
    }
    strike(
        PUBLIC_EXPONENT,
        Divisor::new(PUBLIC_EXPONENT).rem(start) % PUBLIC_EXPONENT,
        1,
    );

    let rounds = random_rounds(bits);
    let survivors = composite
        .iter()
        .enumerate()
        .filter(|(_, c)| !**c)
        .map(|(i, _)| add_small(start, 2 * i as u64))
        .take_while(|c| bit_len(c) == bits);
    // Candidates are tested a batch at a time, one per thread, and the
    // first prime in order wins: the result is what a sequential search
    // finds, and at most a batch's worth of tests is wasted.
    let batch_size = rayon::current_num_threads().clamp(1, 8);
    let mut batch = Vec::with_capacity(batch_size);
    for candidate in survivors {
        batch.push(candidate);
        if batch.len() == batch_size {
            if let Some(p) = first_prime(&batch, rounds)? {
                return Ok(Some(p));
            }
            batch.clear();
        }
    }
    first_prime(&batch, rounds)
}

/// The first probable prime of the candidates, tested in parallel.
fn first_prime<const N: usize>(
    candidates: &[[u64; N]],
    rounds: usize,
) -> Result<Option<[u64; N]>, RandomError> {
    let verdicts: Vec<Result<bool, RandomError>> = candidates
        .par_iter()
        .map(|c| is_probable_prime(c, rounds))
        .collect();
    for (candidate, verdict) in candidates.iter().zip(verdicts) {
        if verdict? {
            return Ok(Some(*candidate));
        }
    }
    Ok(None)
}

/// Random-base Miller-Rabin rounds after the base-2 round: the counts Go's
/// RSA key generation (1.24+, after BoringSSL) uses for random candidates,
/// which bound the error probability for candidates of this size well
/// below 2^-100 (Damgård–Landrock–Pomerance).
fn random_rounds(bits: usize) -> usize {
    match bits {
        3747.. => 3,
        1345.. => 4,
        476.. => 5,
        400.. => 6,
        347.. => 7,
        308.. => 8,
        55.. => 27,
        _ => 34,
    }
}

/// Miller-Rabin to base 2, then to `rounds` uniformly random bases in
/// [2, n-2], for an odd `n` of at least 5 (1 and even numbers are
/// reported composite).
pub fn is_probable_prime<const N: usize>(n: &[u64; N], rounds: usize) -> Result<bool, RandomError> {
    if n[1..].iter().all(|&l| l == 0) && n[0] < 5 {
        return Ok(n[0] == 3);
    }
    let Some(md) = Modulus::new(*n) else {
        return Ok(false);
    };
    let mut n_minus_1 = *n;
    n_minus_1[0] &= !1;
    let s = trailing_zeros(&n_minus_1);
    let d = shift_right(&n_minus_1, s);
    if !strong_probable_prime(&md, md.pow2(&d), s) {
        return Ok(false);
    }
    let bits = bit_len(n);
    let mut two = [0u64; N];
    two[0] = 2;
    // Almost only primes get here, so the rounds run on all threads.
    let random_round = |_| -> Result<bool, RandomError> {
        let base = loop {
            let mut b = random_limbs::<N>()?;
            mask_to_bits(&mut b, bits);
            if !super::monty::less(&b, &two) && super::monty::less(&b, &n_minus_1) {
                break b;
            }
        };
        Ok(strong_probable_prime(
            &md,
            md.pow(&md.to_monty(&base), &d),
            s,
        ))
    };
    let verdicts: Vec<Result<bool, RandomError>> =
        (0..rounds).into_par_iter().map(random_round).collect();
    for verdict in verdicts {
        if !verdict? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether x = a^d (Montgomery form) passes the strong test: x = 1, or
/// x^(2^j) = -1 for some j < s.
fn strong_probable_prime<const N: usize>(md: &Modulus<N>, mut x: [u64; N], s: usize) -> bool {
    let one = md.one();
    let minus_one = md.minus_one();
    if x == one || x == minus_one {
        return true;
    }
    for _ in 1..s {
        x = md.square(&x);
        if x == minus_one {
            return true;
        }
        if x == one {
            return false;
        }
    }
    false
}

/// A word divisor shifted so that its top bit is set, with its reciprocal
/// for Möller and Granlund's division by an invariant integer ("Improved
/// division by invariant integers", 2011, algorithm 4): a remainder step
/// takes two multiplications instead of a 128-bit division.
///
/// Remainders are by the shifted divisor, a multiple of the original, so
/// they reduce further to the same residues mod any factor of it.
#[derive(Debug)]
struct Divisor {
    d: u64,
    /// ⌊(2^128 - 1) / d⌋ - 2^64.
    v: u64,
}

impl Divisor {
    fn new(m: u64) -> Divisor {
        let d = m << m.leading_zeros();
        let v = (u128::MAX / u128::from(d) - (1u128 << 64)) as u64;
        Divisor { d, v }
    }

    /// a mod d.
    fn rem<const N: usize>(&self, a: &[u64; N]) -> u64 {
        a.iter().rev().fold(0, |r, &limb| self.rem_2by1(r, limb))
    }

    /// a mod each divisor, computed side by side.
    fn rem_each<const N: usize, const K: usize>(divisors: [&Divisor; K], a: &[u64; N]) -> [u64; K] {
        let mut r = [0u64; K];
        for &limb in a.iter().rev() {
            for (r, divisor) in r.iter_mut().zip(divisors) {
                *r = divisor.rem_2by1(*r, limb);
            }
        }
        r
    }

    /// (u1·2^64 + u0) mod d, for u1 < d.
    fn rem_2by1(&self, u1: u64, u0: u64) -> u64 {
        // The sum is taken mod 2^128, as the algorithm specifies.
        let q = (u128::from(self.v) * u128::from(u1))
            .wrapping_add((u128::from(u1) << 64) | u128::from(u0));
        let q1 = ((q >> 64) as u64).wrapping_add(1);
        let q0 = q as u64;
        let mut r = u0.wrapping_sub(q1.wrapping_mul(self.d));
        if r > q0 {
            r = r.wrapping_add(self.d);
        }
        if r >= self.d {
            r -= self.d;
        }
        r
    }
}

fn add_small<const N: usize>(a: &[u64; N], b: u64) -> [u64; N] {
    let mut r = *a;
    let mut carry = b;
    for l in &mut r {
        let (s, c) = l.overflowing_add(carry);
        *l = s;
        carry = u64::from(c);
        if carry == 0 {
            break;
        }
    }
    r
}

fn bit_len<const N: usize>(a: &[u64; N]) -> usize {
    (0..N)
        .rev()
        .find(|&i| a[i] != 0)
        .map_or(0, |i| i * 64 + 64 - a[i].leading_zeros() as usize)
}

fn trailing_zeros<const N: usize>(a: &[u64; N]) -> usize {
    (0..N)
        .find(|&i| a[i] != 0)
        .map_or(64 * N, |i| i * 64 + a[i].trailing_zeros() as usize)
}

fn shift_right<const N: usize>(a: &[u64; N], s: usize) -> [u64; N] {
    let (words, bits) = (s / 64, s % 64);
    let mut r = [0u64; N];
    for i in 0..N.saturating_sub(words) {
        let lo = a[i + words] >> bits;
        let hi = match (bits, a.get(i + words + 1)) {
            (0, _) | (_, None) => 0,
            (_, Some(&h)) => h << (64 - bits),
        };
        r[i] = lo | hi;
    }
    r
}

fn to_be_bytes<const N: usize>(a: &[u64; N]) -> Vec<u8> {
    let bytes: Vec<u8> = a.iter().rev().flat_map(|l| l.to_be_bytes()).collect();
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    bytes[zeros..].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    fn limbs<const N: usize>(n: &BigUint) -> [u64; N] {
        let mut r = [0u64; N];
        for (i, d) in n.iter_u64_digits().enumerate() {
            r[i] = d;
        }
        r
    }

    fn mersenne(exponent: u32) -> BigUint {
        (BigUint::from(1u32) << exponent) - 1u32
    }

    fn probable_prime<const N: usize>(n: &BigUint) -> bool {
        is_probable_prime(&limbs::<N>(n), 5).unwrap()
    }

    #[test]
    fn known_primes_are_accepted() {
        // Mersenne primes 2^521-1, 2^607-1 (8 and 10 limbs), 2^1279-1 (20),
        // 2^2203-1 (35), plus small primes.
        assert!(probable_prime::<16>(&mersenne(521)));
        assert!(probable_prime::<16>(&mersenne(607)));
        assert!(probable_prime::<24>(&mersenne(1279)));
        assert!(probable_prime::<48>(&mersenne(2203)));
        assert!(probable_prime::<2>(&mersenne(127)));
        assert!(probable_prime::<1>(&mersenne(61)));
        // 2^64 - 59 and 2^128 - 159, the largest primes below the powers.
        assert!(probable_prime::<1>(&BigUint::from(u64::MAX - 58)));
        assert!(probable_prime::<2>(
            &((BigUint::from(1u32) << 128) - 159u32)
        ));
        for p in [3u64, 5, 7, 11, 13, 65537, 2_147_483_647] {
            assert!(probable_prime::<1>(&BigUint::from(p)), "{p}");
        }
    }

    #[test]
    fn composites_are_rejected() {
        let table: &[(&str, BigUint)] = &[
            ("one", BigUint::from(1u32)),
            ("even", BigUint::from(1u32) << 100),
            ("Mersenne 2^523-1 (composite)", mersenne(523)),
            ("Mersenne 2^1277-1 (composite)", mersenne(1277)),
            ("square of a prime", mersenne(127) * mersenne(127)),
            ("product of two large primes", mersenne(521) * mersenne(607)),
            (
                "product of three primes",
                mersenne(61) * mersenne(89) * mersenne(107),
            ),
        ];
        for (what, n) in table {
            assert!(!probable_prime::<32>(n), "{what}");
        }
        // Carmichael numbers and strong pseudoprimes to base 2 (which only
        // the random bases catch).
        let small = [
            9u64,
            15,
            561,
            1105,
            1729,
            2047,
            3277,
            4033,
            4681,
            8321,
            41041,
            825265,
            3_215_031_751,
            // A strong pseudoprime to every prime base up to 23.
            3_825_123_056_546_413_051,
        ];
        for n in small {
            assert!(!probable_prime::<1>(&BigUint::from(n)), "{n}");
        }
    }

    /// Composites that pass base 2 are caught by the random bases.
    #[test]
    fn base_two_pseudoprimes_need_random_bases() {
        for n in [2047u64, 3277, 4033, 4681, 8321] {
            let md = Modulus::new([n]).unwrap();
            let s = (n - 1).trailing_zeros() as usize;
            let d = (n - 1) >> s;
            assert!(strong_probable_prime(&md, md.pow2(&[d]), s), "{n}");
            assert!(!is_probable_prime(&[n], 20).unwrap(), "{n}");
        }
    }

    /// The sieve agrees with trial division and the tests agree with
    /// num-bigint's modpow-based Fermat check on a run of odd numbers.
    #[test]
    fn sieve_and_tests_agree_with_trial_division() {
        let table = SievePrimes::below(1 << 12);
        assert_eq!(table.primes.len(), 563); // π(4096) - 1 (no 2)
        assert!(table.groups.iter().all(|(divisor, range)| {
            let product = table.primes[range.clone()]
                .iter()
                .fold(1u128, |acc, &p| acc * u128::from(p));
            u128::from(divisor.d) % product == 0 && product < 1 << 64
        }));
        let start = mersenne(89) - 2000u32;
        for k in 0..1000u32 {
            let n = &start + 2u32 * k;
            let l = limbs::<2>(&n);
            let fermat = BigUint::from(3u32).modpow(&(&n - 1u32), &n) == BigUint::from(1u32);
            assert_eq!(is_probable_prime(&l, 5).unwrap(), fermat, "{n}");
        }
    }

    #[test]
    fn random_primes_have_the_requested_shape() {
        for bits in [65, 127, 512, 1000, 1024, 1025] {
            let bytes = random_prime(bits).unwrap().unwrap();
            let p = BigUint::from_bytes_be(&bytes);
            assert_eq!(p.bits(), bits as u64, "{bits}");
            assert!(p.bit(bits as u64 - 2), "{bits}");
            assert_ne!(&p % 65537u32, BigUint::from(1u32));
            assert_eq!(
                BigUint::from(2u32).modpow(&(&p - 1u32), &p),
                BigUint::from(1u32)
            );
            for small in [3u32, 5, 7, 65521] {
                assert_ne!(&p % small, BigUint::from(0u32));
            }
        }
        assert!(random_prime(64).is_none());
        assert!(random_prime(4097).is_none());
    }

    #[test]
    fn divisor_remainders_match_u128() {
        let mut x = 0x0123_4567_89ab_cdefu64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let divisors = [
            3u64,
            7,
            65537,
            1 << 63,
            u64::MAX,
            (1 << 32) + 15,
            0x8000_0000_0000_0001,
        ];
        let random: Vec<u64> = (0..200).map(|_| next() >> (next() % 64)).collect();
        for m in divisors
            .into_iter()
            .chain(random.into_iter().filter(|&m| m > 1))
        {
            let div = Divisor::new(m);
            for _ in 0..20 {
                let a = [next(), next(), next()];
                let want = (((u128::from(a[2]) << 64 | u128::from(a[1])) % u128::from(div.d))
                    << 64
                    | u128::from(a[0]))
                    % u128::from(div.d);
                assert_eq!(u128::from(div.rem(&a)), want, "{m}");
                assert_eq!(div.rem(&a) % m, ((want % u128::from(m)) as u64), "{m}");
            }
            assert_eq!(
                div.rem(&[div.d - 1, div.d - 1]),
                ((u128::from(div.d - 1) << 64 | u128::from(div.d - 1)) % u128::from(div.d)) as u64
            );
        }
    }

    #[test]
    fn limb_helpers() {
        assert_eq!(shift_right(&[0, 1u64 << 3], 67), [1, 0]);
        assert_eq!(shift_right(&[0b1100u64, 1], 2), [0b11 | (1 << 62), 0]);
        assert_eq!(trailing_zeros(&[0u64, 8]), 67);
        assert_eq!(bit_len(&[u64::MAX, 1]), 65);
        assert_eq!(add_small(&[u64::MAX, 0], 2), [1, 1]);
        let seven = Divisor::new(7);
        assert_eq!(seven.rem(&[5u64, 1]) % 7, (((1u128 << 64) + 5) % 7) as u64);
        assert_eq!(to_be_bytes(&[0x0102u64, 0]), vec![1, 2]);
        let mut m = [u64::MAX, u64::MAX];
        mask_to_bits(&mut m, 70);
        assert_eq!(m, [u64::MAX, 0x3f]);
    }
}
