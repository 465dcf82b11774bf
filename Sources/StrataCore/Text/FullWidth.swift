/// Full-width forms (`Ａ` `１` `（` `＞`, U+FF01…U+FF5E), which Chinese input methods type, and
/// the ASCII characters they stand for (U+0021…U+007E).
public enum FullWidth {
    /// The ASCII form of a full-width character, or nil for any other scalar.
    @inlinable
    public static func ascii(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0) : nil
    }
}
