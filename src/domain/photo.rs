//! A photo on a progress post: checked for type (JPEG or PNG, by its bytes, not its name)
//! and size, then decoded and encoded again. Re-encoding keeps only the pixels: EXIF
//! (camera, time, GPS position), XMP, ICC and text chunks are gone. The EXIF orientation
//! is applied to the pixels first, so a phone photo stays upright.

use std::io::Cursor;

use super::message::Msg;
use crate::msg_key;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// Largest upload we accept.
pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;
/// Longest side after re-encoding: enough for a web page, small in the database.
pub const MAX_SIDE: u32 = 1600;
/// Largest side we are willing to decode (a decompression bomb is refused, not decoded).
const MAX_DECODE_SIDE: u32 = 12_000;
const JPEG_QUALITY: u8 = 85;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoType {
    Jpeg,
    Png,
}

impl PhotoType {
    pub fn media_type(self) -> &'static str {
        match self {
            PhotoType::Jpeg => "image/jpeg",
            PhotoType::Png => "image/png",
        }
    }

    /// The stored media type, or `None` for anything we never store.
    pub fn from_media_type(s: &str) -> Option<PhotoType> {
        match s {
            "image/jpeg" => Some(PhotoType::Jpeg),
            "image/png" => Some(PhotoType::Png),
            _ => None,
        }
    }

    /// By the first bytes of the file: the name and the browser's type can lie.
    pub fn sniff(bytes: &[u8]) -> Option<PhotoType> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(PhotoType::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(PhotoType::Png)
        } else {
            None
        }
    }
}

/// Why a photo is refused (B1), shown beside the upload field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoError {
    TooLarge,
    WrongType,
    Unreadable,
}

impl PhotoError {
    /// The message shown beside the upload field.
    pub fn msg(&self) -> Msg {
        match self {
            PhotoError::TooLarge => Msg::new(msg_key!("error-photo-too-large")),
            PhotoError::WrongType => Msg::new(msg_key!("error-photo-wrong-type")),
            PhotoError::Unreadable => Msg::new(msg_key!("error-photo-unreadable")),
        }
    }
}

crate::msg_display!(PhotoError);

/// A photo ready to store: re-encoded bytes without metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanPhoto {
    pub kind: PhotoType,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Checks and re-encodes an uploaded photo.
pub fn clean(bytes: &[u8]) -> Result<CleanPhoto, PhotoError> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let kind = PhotoType::sniff(bytes).ok_or(PhotoError::WrongType)?;
    let format = match kind {
        PhotoType::Jpeg => ImageFormat::Jpeg,
        PhotoType::Png => ImageFormat::Png,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODE_SIDE);
    limits.max_image_height = Some(MAX_DECODE_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| PhotoError::Unreadable)?;
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|_| PhotoError::Unreadable)?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    if img.width() > MAX_SIDE || img.height() > MAX_SIDE {
        img = img.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle);
    }
    let mut out = Vec::new();
    match kind {
        PhotoType::Jpeg => {
            // JPEG has no alpha; 8-bit RGB is what every browser shows.
            let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
            rgb.write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))
                .map_err(|_| PhotoError::Unreadable)?;
        }
        PhotoType::Png => {
            img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
                .map_err(|_| PhotoError::Unreadable)?;
        }
    }
    Ok(CleanPhoto {
        kind,
        bytes: out,
        width: img.width(),
        height: img.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            w,
            h,
            image::Rgb([200, 120, 40]),
        ));
        let mut out = Vec::new();
        img.write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
            .expect("encode");
        out
    }

    #[test]
    fn type_is_read_from_the_bytes() {
        assert_eq!(PhotoType::sniff(&jpeg(4, 4)), Some(PhotoType::Jpeg));
        assert_eq!(PhotoType::sniff(b"GIF89a...."), None);
        assert_eq!(clean(b"GIF89a....").map(drop), Err(PhotoError::WrongType));
        assert_eq!(
            clean(&[0xFF, 0xD8, 0xFF, 0x00, 0x01]).map(drop),
            Err(PhotoError::Unreadable)
        );
        let big = vec![0u8; MAX_PHOTO_BYTES + 1];
        assert_eq!(clean(&big).map(drop), Err(PhotoError::TooLarge));
    }

    #[test]
    fn large_photos_are_made_smaller() {
        let c = clean(&jpeg(2000, 1000)).expect("clean");
        assert_eq!((c.width, c.height), (1600, 800));
        assert_eq!(PhotoType::sniff(&c.bytes), Some(PhotoType::Jpeg));
    }
}
