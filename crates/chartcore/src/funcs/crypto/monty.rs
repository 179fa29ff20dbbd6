//! Fixed-width Montgomery arithmetic for prime generation: `N` little-endian
//! 64-bit limbs, u128 products, variable-time exponentiation.
//!
//! Key generation only leaks through timing here (as Go's math/big keygen
//! did before Go 1.24); the constant-time arithmetic of crypto-bigint is
//! several times slower and dominated RSA key generation.

/// An odd modulus with its Montgomery constants (R = 2^(64·N)).
pub struct Modulus<const N: usize> {
    m: [u64; N],
    /// -m⁻¹ mod 2^64.
    m_inv: u64,
    /// R mod m: the Montgomery form of 1.
    one: [u64; N],
    /// R² mod m: converts into Montgomery form.
    r2: [u64; N],
}

impl<const N: usize> Modulus<N> {
    /// The Montgomery context of `m`, or `None` if `m` is even or 1.
    pub fn new(m: [u64; N]) -> Option<Self> {
        const { assert!(N > 0) };
        if m[0] & 1 == 0 || (m[0] == 1 && m[1..].iter().all(|&l| l == 0)) {
            return None;
        }
        // Newton iteration for m⁻¹ mod 2^64: each step doubles the correct
        // low bits (m is its own inverse mod 8, so 3 bits to start).
        let mut inv = m[0];
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(m[0].wrapping_mul(inv)));
        }
        let mut md = Modulus {
            m,
            m_inv: inv.wrapping_neg(),
            one: [0; N],
            r2: [0; N],
        };
        md.one = if m[N - 1] >> 63 == 1 {
            // m > R/2, so R - m < m is already reduced.
            let mut r = [0u64; N];
            sub_assign(&mut r, &m);
            r
        } else {
            // 1 doubled 64·N times.
            let mut r = [0u64; N];
            r[0] = 1;
            for _ in 0..64 * N {
                r = md.double(&r);
            }
            r
        };
        // The Montgomery form of 2^(64·N) is R² mod m.
        md.r2 = md.pow2(&[64 * N as u64]);
        Some(md)
    }

    /// The Montgomery form of 1.
    pub fn one(&self) -> [u64; N] {
        self.one
    }

    /// The Montgomery form of -1.
    pub fn minus_one(&self) -> [u64; N] {
        let mut r = self.m;
        sub_assign(&mut r, &self.one);
        r
    }

    /// The Montgomery form of `a` (which must be below the modulus).
    pub fn to_monty(&self, a: &[u64; N]) -> [u64; N] {
        self.mul(a, &self.r2)
    }

    /// The plain value of a Montgomery form.
    #[cfg(test)]
    pub fn to_plain(&self, a: &[u64; N]) -> [u64; N] {
        let mut t = [*a, [0u64; N]];
        self.reduce(t.as_flattened_mut())
    }

    /// a·b·R⁻¹ mod m.
    pub fn mul(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        // A double-width product (stable Rust has no `[u64; 2 * N]`).
        let mut t = [[0u64; N]; 2];
        let t = t.as_flattened_mut();
        for i in 0..N {
            t[i + N] = mul_add_row(&mut t[i..i + N], a[i], b);
        }
        self.reduce(t)
    }

    /// a²·R⁻¹ mod m: the cross products once, doubled, plus the squares.
    pub fn square(&self, a: &[u64; N]) -> [u64; N] {
        // A double-width product (stable Rust has no `[u64; 2 * N]`).
        let mut t = [[0u64; N]; 2];
        let t = t.as_flattened_mut();
        for i in 0..N {
            t[i + N] = mul_add_row(&mut t[2 * i + 1..i + N], a[i], &a[i + 1..]);
        }
        let mut top = 0u64;
        for word in t.iter_mut().take(2 * N) {
            let next = *word >> 63;
            *word = (*word << 1) | top;
            top = next;
        }
        let mut carry = 0u64;
        for i in 0..N {
            let sq = u128::from(a[i]) * u128::from(a[i]);
            let lo = u128::from(t[2 * i]) + (sq as u64 as u128) + u128::from(carry);
            t[2 * i] = lo as u64;
            let hi = u128::from(t[2 * i + 1]) + (sq >> 64) + (lo >> 64);
            t[2 * i + 1] = hi as u64;
            carry = (hi >> 64) as u64;
        }
        self.reduce(t)
    }

    /// Montgomery reduction of the 2·N-limb value in `t` (below m·R);
    /// always inlined, which measurably speeds up the squaring.
    #[inline(always)]
    fn reduce(&self, t: &mut [u64]) -> [u64; N] {
        let t = &mut t[..2 * N];
        let mut extra = 0u64;
        for i in 0..N {
            let k = t[i].wrapping_mul(self.m_inv);
            let carry = mul_add_row(&mut t[i..i + N], k, &self.m);
            let s = u128::from(t[i + N]) + u128::from(carry) + u128::from(extra);
            t[i + N] = s as u64;
            extra = (s >> 64) as u64;
        }
        let mut r = [0u64; N];
        r.copy_from_slice(&t[N..2 * N]);
        if extra != 0 || !less(&r, &self.m) {
            sub_assign(&mut r, &self.m);
        }
        r
    }

    /// 2a mod m.
    pub fn double(&self, a: &[u64; N]) -> [u64; N] {
        let mut r = [0u64; N];
        let mut top = 0u64;
        for i in 0..N {
            r[i] = (a[i] << 1) | top;
            top = a[i] >> 63;
        }
        if top != 0 || !less(&r, &self.m) {
            sub_assign(&mut r, &self.m);
        }
        r
    }

    /// The Montgomery form of 2^e (little-endian limbs of e): squarings
    /// and doublings only, which is what Miller-Rabin base 2 needs.
    pub fn pow2(&self, e: &[u64]) -> [u64; N] {
        let mut x = self.one;
        for bit in (0..e.len() * 64).rev() {
            x = self.square(&x);
            if (e[bit / 64] >> (bit % 64)) & 1 == 1 {
                x = self.double(&x);
            }
        }
        x
    }

    /// base^e for a Montgomery-form base, by a sliding window of up to
    /// five bits.
    pub fn pow(&self, base: &[u64; N], e: &[u64]) -> [u64; N] {
        const WINDOW: usize = 5;
        // Odd powers base^1, base^3, …, base^31.
        let mut odd = [[0u64; N]; 1 << (WINDOW - 1)];
        odd[0] = *base;
        let b2 = self.square(base);
        for i in 1..odd.len() {
            odd[i] = self.mul(&odd[i - 1], &b2);
        }
        let bit = |i: usize| (e[i / 64] >> (i % 64)) & 1;
        let mut x = self.one;
        let mut i = e.len() * 64;
        while i > 0 {
            if bit(i - 1) == 0 {
                x = self.square(&x);
                i -= 1;
                continue;
            }
            // The longest window ending in a one bit, starting at bit i-1.
            let low = i.saturating_sub(WINDOW);
            let mut start = low;
            while bit(start) == 0 {
                start += 1;
            }
            let mut w = 0usize;
            for b in (start..i).rev() {
                x = self.square(&x);
                w = (w << 1) | bit(b) as usize;
            }
            x = self.mul(&x, &odd[w >> 1]);
            i = start;
        }
        x
    }
}

/// t += a·b for equally long t and b; returns the carry word. Four limbs
/// per loop step, which the compiler unrolls where it would not unroll a
/// whole row of a wide modulus.
#[inline(always)]
fn mul_add_row(t: &mut [u64], a: u64, b: &[u64]) -> u64 {
    let a = u128::from(a);
    let mut carry = 0u64;
    let mut step = |t: &mut u64, b: u64| {
        let s = u128::from(*t) + a * u128::from(b) + u128::from(carry);
        *t = s as u64;
        carry = (s >> 64) as u64;
    };
    let mut t_chunks = t.chunks_exact_mut(4);
    let mut b_chunks = b.chunks_exact(4);
    for (tc, bc) in (&mut t_chunks).zip(&mut b_chunks) {
        step(&mut tc[0], bc[0]);
        step(&mut tc[1], bc[1]);
        step(&mut tc[2], bc[2]);
        step(&mut tc[3], bc[3]);
    }
    for (t, &b) in t_chunks
        .into_remainder()
        .iter_mut()
        .zip(b_chunks.remainder())
    {
        step(t, b);
    }
    carry
}

/// a < b.
#[inline]
pub fn less<const N: usize>(a: &[u64; N], b: &[u64; N]) -> bool {
    for i in (0..N).rev() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
    }
    false
}

/// a -= b (mod 2^(64·N)).
#[inline]
pub fn sub_assign<const N: usize>(a: &mut [u64; N], b: &[u64; N]) {
    let mut borrow = false;
    for i in 0..N {
        let (d, b1) = a[i].overflowing_sub(b[i]);
        let (d, b2) = d.overflowing_sub(u64::from(borrow));
        a[i] = d;
        borrow = b1 || b2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    fn big<const N: usize>(a: &[u64; N]) -> BigUint {
        BigUint::from_slice(
            &a.iter()
                .flat_map(|&l| [l as u32, (l >> 32) as u32])
                .collect::<Vec<_>>(),
        )
    }

    fn limbs<const N: usize>(b: &BigUint) -> [u64; N] {
        let mut r = [0u64; N];
        for (i, d) in b.iter_u64_digits().enumerate() {
            r[i] = d;
        }
        r
    }

    /// A deterministic generator for test inputs (xorshift64*).
    struct TestRng(u64);

    impl TestRng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn limbs<const N: usize>(&mut self, top_bits: u32) -> [u64; N] {
            let mut r = [0u64; N];
            for l in &mut r {
                *l = self.next();
            }
            if top_bits < 64 {
                r[N - 1] &= (1u64 << top_bits) - 1;
            }
            r
        }
    }

    /// Checks `pow`, `pow2`, `mul`, `square` and the conversions against
    /// num-bigint for random odd moduli of N limbs whose top limb has
    /// `top_bits` bits, with random and edge-case bases and exponents.
    fn check_against_num_bigint<const N: usize>(rng: &mut TestRng, top_bits: u32, cases: usize) {
        for _ in 0..cases {
            let mut m: [u64; N] = rng.limbs(top_bits);
            m[0] |= 1;
            if N == 1 && m[0] < 3 {
                m[0] = 3;
            }
            let md = Modulus::new(m).unwrap();
            let mb = big(&m);
            let m_minus_1 = &mb - 1u32;
            let random = limbs::<N>(&(big(&rng.limbs::<N>(64)) % &mb));
            let bases = [
                [0u64; N],
                limbs::<N>(&BigUint::from(1u32)),
                limbs::<N>(&BigUint::from(2u32)),
                limbs::<N>(&m_minus_1),
                random,
            ];
            let exponents: Vec<Vec<u64>> = vec![
                vec![0],
                vec![1],
                vec![2],
                vec![0x1f],
                vec![rng.next()],
                (0..N).map(|_| rng.next()).collect(),
                limbs::<N>(&m_minus_1).to_vec(),
            ];
            for base in &bases {
                let bm = md.to_monty(base);
                assert_eq!(big(&md.to_plain(&bm)), big(base));
                let other = limbs::<N>(&(big(&rng.limbs::<N>(64)) % &mb));
                let product = md.to_plain(&md.mul(&bm, &md.to_monty(&other)));
                assert_eq!(big(&product), big(base) * big(&other) % &mb);
                let square = md.to_plain(&md.square(&bm));
                assert_eq!(big(&square), big(base) * big(base) % &mb);
                for e in &exponents {
                    let eb = BigUint::from_slice(
                        &e.iter()
                            .flat_map(|&l| [l as u32, (l >> 32) as u32])
                            .collect::<Vec<_>>(),
                    );
                    let want = big(base).modpow(&eb, &mb);
                    let got = md.to_plain(&md.pow(&bm, e));
                    assert_eq!(big(&got), want, "m={mb:x} base={:x} e={eb:x}", big(base));
                    if big(base) == BigUint::from(2u32) {
                        assert_eq!(big(&md.to_plain(&md.pow2(e))), want);
                    }
                }
            }
        }
    }

    #[test]
    fn modpow_agrees_with_num_bigint() {
        let mut rng = TestRng(0x9e37_79b9_7f4a_7c15);
        // (limbs, bits in the top limb): full-width moduli as prime
        // generation uses them, and short top limbs for the other path.
        check_against_num_bigint::<1>(&mut rng, 64, 40);
        check_against_num_bigint::<1>(&mut rng, 7, 40);
        check_against_num_bigint::<2>(&mut rng, 64, 30);
        check_against_num_bigint::<3>(&mut rng, 1, 20);
        check_against_num_bigint::<8>(&mut rng, 64, 8);
        check_against_num_bigint::<8>(&mut rng, 40, 8);
        check_against_num_bigint::<16>(&mut rng, 64, 4);
        check_against_num_bigint::<16>(&mut rng, 63, 2);
        check_against_num_bigint::<32>(&mut rng, 64, 2);
        check_against_num_bigint::<32>(&mut rng, 33, 1);
    }

    #[test]
    fn even_moduli_and_one_are_rejected() {
        assert!(Modulus::new([4u64, 1]).is_none());
        assert!(Modulus::new([1u64, 0]).is_none());
        assert!(Modulus::new([1u64, 1]).is_some());
    }

    #[test]
    fn constants_are_consistent() {
        let md = Modulus::new([0xffff_ffff_ffff_ffc5u64]).unwrap();
        assert_eq!(md.to_plain(&md.one()), [1]);
        assert_eq!(md.to_plain(&md.minus_one()), [0xffff_ffff_ffff_ffc4]);
    }
}
