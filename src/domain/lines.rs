//! The order lines of a [`super::model::Dataset`], shared rather than copied: the app
//! hands a snapshot of its data to the thread that computes the trend, and a change to
//! the catalog (a reclassify, a batch…) while that thread still reads the snapshot must
//! copy the products, not millions of lines.
//!
//! Reads go through `Deref` to the `Vec<Line>` as before; a write (`DerefMut`) copies
//! the lines first only when a snapshot still shares them (`Arc::make_mut`).

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use super::model::Line;

/// The order lines, behind a shared pointer: cloning is a reference count.
#[derive(Clone, Default, PartialEq)]
pub struct Lines(Arc<Vec<Line>>);

impl Lines {
    /// The lines as a vector of their own (a copy only when shared).
    pub fn into_vec(self) -> Vec<Line> {
        Arc::try_unwrap(self.0).unwrap_or_else(|shared| (*shared).clone())
    }

    /// Whether `self` and `other` are the same lines in memory (not a copy).
    pub fn shares_with(&self, other: &Lines) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Lines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl Deref for Lines {
    type Target = Vec<Line>;
    fn deref(&self) -> &Vec<Line> {
        &self.0
    }
}

impl DerefMut for Lines {
    fn deref_mut(&mut self) -> &mut Vec<Line> {
        Arc::make_mut(&mut self.0)
    }
}

impl From<Vec<Line>> for Lines {
    fn from(lines: Vec<Line>) -> Lines {
        Lines(Arc::new(lines))
    }
}

impl FromIterator<Line> for Lines {
    fn from_iter<I: IntoIterator<Item = Line>>(iter: I) -> Lines {
        Lines::from(iter.into_iter().collect::<Vec<Line>>())
    }
}

impl<'a> IntoIterator for &'a Lines {
    type Item = &'a Line;
    type IntoIter = std::slice::Iter<'a, Line>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::Day;
    use crate::domain::model::Channel;
    use crate::domain::money::Money;

    fn line(day: i32) -> Line {
        Line::new(0, Day(day), 1, Money::ZERO, 0, None, Channel::None).unwrap()
    }

    #[test]
    fn a_clone_shares_the_lines_and_a_write_copies_them_only_when_shared() {
        let mut a = Lines::from(vec![line(1), line(2)]);
        let snapshot = a.clone();
        assert!(a.shares_with(&snapshot), "a clone is the same lines");
        a.push(line(3));
        assert!(
            !a.shares_with(&snapshot),
            "a write leaves the snapshot alone"
        );
        assert_eq!((a.len(), snapshot.len()), (3, 2));
        let before = a.clone();
        drop(before);
        let alone = a.clone();
        drop(a);
        // Not shared any more: taking the vector out copies nothing.
        assert_eq!(alone.into_vec().len(), 3);
    }
}
