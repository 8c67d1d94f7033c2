//! Writers of stored data: the lossless JSON that data/ uses.
