//! ROMFS image writer
