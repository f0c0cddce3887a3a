//! `with_*` setters for optional fields, so Rust code builds documents without JSON.

/// Generates `with_*` setters: `opt` fields take anything `Into` the inner type and set
/// `Some`, `list` fields take any iterator of items, `set` fields take the value.
macro_rules! setters {
    ($($name:ident => $field:ident: $kind:ident $ty:ty;)*) => {
        $(setters!(@one $name $field $kind $ty);)*
    };
    (@one $name:ident $field:ident opt $ty:ty) => {
        #[doc = concat!("Sets [`", stringify!($field), "`](Self::", stringify!($field), ").")]
        #[must_use]
        pub fn $name(mut self, value: impl Into<$ty>) -> Self {
            self.$field = Some(value.into());
            self
        }
    };
    (@one $name:ident $field:ident list $ty:ty) => {
        #[doc = concat!("Sets [`", stringify!($field), "`](Self::", stringify!($field), ").")]
        #[must_use]
        pub fn $name(mut self, values: impl IntoIterator<Item = $ty>) -> Self {
            self.$field = values.into_iter().collect();
            self
        }
    };
    (@one $name:ident $field:ident set $ty:ty) => {
        #[doc = concat!("Sets [`", stringify!($field), "`](Self::", stringify!($field), ").")]
        #[must_use]
        pub fn $name(mut self, value: impl Into<$ty>) -> Self {
            self.$field = value.into();
            self
        }
    };
}
pub(crate) use setters;
