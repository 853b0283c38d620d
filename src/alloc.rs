//! The allocator of the wasm builds: one free list per power-of-two size class, new blocks cut
//! from the end of memory as it grows. About 300 bytes of code where the standard allocator
//! (dlmalloc) is 7 KB — a fifth of the card field's whole budget.
//!
//! A block of class `k` is `2^k` bytes, aligned to its size (up to a page), so any layout whose
//! size and alignment fit the class fits any block of it. Freed blocks go back to their class's
//! list and are reused as they are; they never merge or return to the system, so memory in use
//! stays below the peak of each class. The field holds a few dozen small blocks; a 1 MB paste
//! takes one 1 MB block, kept for the next.
//!
//! The heap logic is plain address arithmetic over a memory source, so the host tests run it
//! over a buffer; on wasm32 the source is `memory.grow`.

use core::alloc::Layout;

/// The smallest block: room for the free-list link.
const MIN_CLASS: u32 = 3;
/// Blocks are aligned to their size up to this (a wasm page).
const MAX_BLOCK_ALIGN: usize = 1 << 16;

/// The size class (log2 of the block size) for `layout`, or `None` when no block can hold it.
pub(crate) fn class_of(layout: Layout) -> Option<u32> {
    let size = layout.size().max(layout.align());
    if layout.align() > MAX_BLOCK_ALIGN {
        return None;
    }
    // At most 2^(usize::BITS - 1): a class always indexes the free lists.
    let class = size
        .checked_next_power_of_two()?
        .trailing_zeros()
        .max(MIN_CLASS);
    Some(class)
}

/// Free lists and the bump region `[next, end)` at the end of memory.
pub(crate) struct Heap {
    free: [usize; usize::BITS as usize],
    next: usize,
    end: usize,
}

impl Heap {
    pub(crate) const fn new() -> Heap {
        Heap {
            free: [0; usize::BITS as usize],
            next: 0,
            end: 0,
        }
    }

    /// A block of `class`. `grow(bytes)` adds at least `bytes` of memory and returns where the
    /// new memory starts and how much there is, or `None` when memory cannot grow.
    ///
    /// # Safety
    /// Every address the heap hands out or keeps must be writable memory of the caller's, as
    /// `grow` provides it, and blocks must come back only through [`Heap::dealloc`].
    pub(crate) unsafe fn alloc(
        &mut self,
        class: u32,
        grow: impl FnOnce(usize) -> Option<(usize, usize)>,
    ) -> *mut u8 {
        let Some(head) = self.free.get_mut(class as usize) else {
            return core::ptr::null_mut();
        };
        if *head != 0 {
            let block = *head as *mut usize;
            // SAFETY: a free block holds the address of the next free block in its first word.
            *head = unsafe { block.read() };
            return block.cast();
        }
        let size = 1usize << class;
        let align = size.min(MAX_BLOCK_ALIGN);
        // Where a block fits in `[next, end)`, if it does.
        let fit = |next: usize, end: usize| {
            let start = align_up(next, align)?;
            (start.checked_add(size)? <= end).then_some(start)
        };
        let start = match fit(self.next, self.end) {
            Some(start) => start,
            None => {
                let Some((base, len)) = size.checked_add(align).and_then(grow) else {
                    return core::ptr::null_mut();
                };
                if base != self.end {
                    // The memory grew by someone else in between: start over at the new end.
                    self.next = base;
                }
                self.end = base.saturating_add(len);
                match fit(self.next, self.end) {
                    Some(start) => start,
                    None => return core::ptr::null_mut(),
                }
            }
        };
        // `fit` checked that this neither overflows nor passes `end`.
        self.next = start + size;
        start as *mut u8
    }

    /// Gives a block of `class` back, zeroed: what it held (card text, among others) does not
    /// outlive its owner in memory.
    ///
    /// # Safety
    /// `ptr` must have come from [`Heap::alloc`] with the same `class`, and not be used again.
    pub(crate) unsafe fn dealloc(&mut self, ptr: *mut u8, class: u32) {
        if let Some(head) = self.free.get_mut(class as usize) {
            // SAFETY: the block is ours: `2^class` bytes, at least a word long and word-aligned.
            unsafe {
                ptr.write_bytes(0, 1 << class);
                ptr.cast::<usize>().write(*head);
            }
            *head = ptr as usize;
        }
    }
}

/// `addr` rounded up to a multiple of `align` (a power of two), unless that overflows.
fn align_up(addr: usize, align: usize) -> Option<usize> {
    Some(addr.checked_add(align - 1)? & !(align - 1))
}

#[cfg(target_arch = "wasm32")]
mod global {
    use core::alloc::{GlobalAlloc, Layout};
    use core::cell::UnsafeCell;
    use core::ptr::null_mut;

    use super::{class_of, Heap};

    // A WebAssembly page.
    const PAGE: usize = 65_536;

    struct Allocator(UnsafeCell<Heap>);

    // SAFETY: wasm32 without the atomics feature runs one thread: no two calls ever overlap.
    unsafe impl Sync for Allocator {}

    /// Grows the memory by at least `bytes`: where the new memory starts, and its length.
    fn grow(bytes: usize) -> Option<(usize, usize)> {
        let pages = bytes.div_ceil(PAGE);
        let old = core::arch::wasm32::memory_grow(0, pages);
        (old != usize::MAX).then(|| (old * PAGE, pages * PAGE))
    }

    // SAFETY: blocks are disjoint pieces of memory that only this allocator hands out; a block
    // of a layout's class holds the layout's size at its alignment.
    unsafe impl GlobalAlloc for Allocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            match class_of(layout) {
                // SAFETY: one thread; `grow` gives fresh memory of this instance.
                Some(class) => unsafe { (*self.0.get()).alloc(class, grow) },
                None => null_mut(),
            }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            if let Some(class) = class_of(layout) {
                // SAFETY: the caller gives back a block of this layout, hence of this class.
                unsafe { (*self.0.get()).dealloc(ptr, class) }
            }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
                return null_mut();
            };
            if class_of(new_layout) == class_of(layout) {
                return ptr;
            }
            // SAFETY: as GlobalAlloc::realloc requires; the copy stays within both blocks.
            unsafe {
                let new = self.alloc(new_layout);
                if !new.is_null() {
                    core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                new
            }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(Heap::new()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).expect("layout")
    }

    #[test]
    fn alignment_up_to_a_page() {
        assert_eq!(class_of(layout(1, MAX_BLOCK_ALIGN)), Some(16));
        assert_eq!(class_of(layout(1, MAX_BLOCK_ALIGN * 2)), None);
        assert_eq!(align_up(5, 8), Some(8));
        assert_eq!(align_up(8, 8), Some(8));
        assert_eq!(align_up(9, 1), Some(9));
        assert_eq!(align_up(usize::MAX, 2), None);
    }

    #[test]
    fn classes() {
        assert_eq!(class_of(layout(0, 1)), Some(3));
        assert_eq!(class_of(layout(1, 1)), Some(3));
        assert_eq!(class_of(layout(8, 8)), Some(3));
        assert_eq!(class_of(layout(9, 1)), Some(4));
        assert_eq!(class_of(layout(3, 32)), Some(5));
        assert_eq!(class_of(layout(1 << 20, 1)), Some(20));
        assert_eq!(class_of(layout((1 << 20) + 1, 1)), Some(21));
        assert_eq!(class_of(layout(1, 1 << 17)), None);
    }

    /// A heap over a buffer of `pages` × 64 KB, handed out one grow at a time.
    struct Arena {
        heap: Heap,
        buf: Vec<u8>,
        used: usize,
    }

    impl Arena {
        fn new(bytes: usize) -> Arena {
            Arena {
                heap: Heap::new(),
                buf: vec![0; bytes + MAX_BLOCK_ALIGN],
                used: 0,
            }
        }

        fn alloc(&mut self, l: Layout) -> *mut u8 {
            let class = class_of(l).expect("class");
            let base = self.buf.as_mut_ptr() as usize;
            let start = super::align_up(base, MAX_BLOCK_ALIGN).expect("aligned");
            let limit = base + self.buf.len();
            let used = &mut self.used;
            let grow = |bytes: usize| {
                let len = bytes.div_ceil(4096) * 4096;
                let at = start + *used;
                (at + len <= limit).then(|| {
                    *used += len;
                    (at, len)
                })
            };
            // SAFETY: the heap only hands out and writes within `buf`.
            unsafe { self.heap.alloc(class, grow) }
        }

        fn dealloc(&mut self, p: *mut u8, l: Layout) {
            // SAFETY: `p` came from `alloc` with `l`.
            unsafe { self.heap.dealloc(p, class_of(l).expect("class")) }
        }
    }

    #[test]
    fn blocks_are_aligned_disjoint_and_reused() {
        let mut a = Arena::new(1 << 20);
        let mut live: Vec<(usize, usize)> = Vec::new();
        for (i, (size, align)) in [(1, 1), (24, 8), (100, 4), (7, 16), (4096, 8), (33, 32)]
            .into_iter()
            .cycle()
            .take(60)
            .enumerate()
        {
            let l = layout(size, align);
            let p = a.alloc(l);
            assert!(!p.is_null());
            let addr = p as usize;
            assert_eq!(addr % align, 0);
            let block = 1usize << class_of(l).expect("class");
            assert!(
                live.iter()
                    .all(|&(s, n)| addr + block <= s || s + n <= addr),
                "disjoint"
            );
            // SAFETY: the block is ours and `size` long.
            unsafe { p.write_bytes(i as u8, size) };
            live.push((addr, block));
        }
        let l = layout(24, 8);
        let p = a.alloc(l);
        a.dealloc(p, l);
        assert_eq!(
            a.alloc(layout(32, 8)),
            p,
            "a freed block is reused by its class"
        );
        assert_eq!(
            a.alloc(layout(1 << 30, 1)),
            core::ptr::null_mut(),
            "out of memory"
        );
    }

    #[test]
    fn freed_blocks_are_zeroed() {
        let mut a = Arena::new(1 << 16);
        let l = layout(40, 1);
        let p = a.alloc(l);
        // SAFETY: the block is ours and 64 bytes long.
        unsafe { p.write_bytes(b'4', 40) };
        a.dealloc(p, l);
        // SAFETY: the freed block is still inside the arena's buffer.
        let after = unsafe { core::slice::from_raw_parts(p, 64) };
        let word = core::mem::size_of::<usize>();
        assert!(after[word..].iter().all(|&b| b == 0), "{after:?}");
        assert!(
            !after[..word].contains(&b'4'),
            "the link word is not card text"
        );
    }
}
