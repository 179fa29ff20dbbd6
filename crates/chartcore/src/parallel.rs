//! Data-parallel maps that stay on the calling thread for small inputs:
//! starting the thread pool (threads, cgroup quota probing) costs more than
//! a small chart takes to render.

use rayon::prelude::*;

/// Below this many input bytes, work runs on the calling thread.
pub(crate) const PARALLEL_MIN_BYTES: usize = 96 * 1024;

/// `items.iter().map(f).collect()`, on the thread pool when `input_bytes`
/// (the size of what `f` reads) is large enough to pay for it. The result
/// keeps the order of `items` either way.
pub(crate) fn map_ordered<T, R, F>(items: &[T], input_bytes: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    map_ordered_if(input_bytes >= PARALLEL_MIN_BYTES, items, f)
}

/// `items.iter().map(f).collect()`, on the thread pool if `parallel`.
pub(crate) fn map_ordered_if<T, R, F>(parallel: bool, items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    if parallel {
        items.par_iter().map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_kept_on_both_paths() {
        let items: Vec<usize> = (0..1000).collect();
        let small = map_ordered(&items, 0, |i| i * 2);
        let large = map_ordered(&items, PARALLEL_MIN_BYTES, |i| i * 2);
        assert_eq!(small, large);
        assert_eq!(small[999], 1998);
    }
}
