//! The sled database: schema, key layout, codec, changes with their audit entries.
